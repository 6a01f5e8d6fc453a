"""Reading-level statistics of an article's body prose, computed with textstat.

Body prose is the text of paragraphs, list items and quotes. Headings, table cells, code, front
matter and link URLs are left out (a link counts by its visible text). Each list item counts as
a sentence of its own, with or without a full stop, so a bulleted list is not read as one
endless sentence.
"""

from __future__ import annotations

from checker.document import LIST_ITEM, PARAGRAPH, PLACEHOLDER, QUOTE

PROSE_FOR_READABILITY = (PARAGRAPH, LIST_ITEM, QUOTE)


def body_prose(doc) -> str:
    parts = []
    for block in doc.blocks:
        if block.kind not in PROSE_FOR_READABILITY:
            continue
        text = " ".join(block.text.replace(PLACEHOLDER, " ").split())
        if not text:
            continue
        if block.kind == LIST_ITEM and text[-1] not in ".!?:;":
            text += "."
        parts.append(text)
    return "\n".join(parts)


def fk_grade(text: str) -> float | None:
    """Flesch-Kincaid grade level, to one decimal; None when there is no prose to measure."""
    if not any(ch.isalpha() for ch in text):
        return None
    import textstat

    return round(float(textstat.flesch_kincaid_grade(text)), 1)
