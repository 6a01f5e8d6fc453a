"""Reading-level measures of an article's body prose, computed with textstat.

Body prose is the text of paragraphs, list items and quotes. Headings, table cells, code, front
matter and link URLs are left out (a link counts by its visible text). Each list item counts as
a sentence of its own, with or without a full stop, so a bulleted list is not read as one endless
sentence. Syllables come from the CMU dictionary, looked up in place (checker.syllables), with
textstat's pyphen fallback for words it lacks; nothing is downloaded.
"""

from __future__ import annotations

from checker.document import LIST_ITEM, PARAGRAPH, PLACEHOLDER, QUOTE

PROSE_FOR_READABILITY = (PARAGRAPH, LIST_ITEM, QUOTE)


def block_prose(block) -> str:
    text = " ".join(block.text.replace(PLACEHOLDER, " ").split())
    if text and block.kind == LIST_ITEM and text[-1] not in ".!?:;":
        text += "."
    return text


def body_prose(doc) -> str:
    return "\n".join(t for t in (block_prose(b) for b in doc.blocks if b.kind in PROSE_FOR_READABILITY) if t)


def _textstat():
    from checker.syllables import install

    install()
    import textstat

    return textstat


def fk_grade(text: str) -> float | None:
    """Flesch-Kincaid grade level, to one decimal; None when there is no prose to measure."""
    if not any(ch.isalpha() for ch in text):
        return None
    return round(float(_textstat().flesch_kincaid_grade(text)), 1)


def measures(text: str) -> dict:
    """The cheap textstat formulas and the counts behind them."""
    if not any(ch.isalpha() for ch in text):
        return {}
    ts = _textstat()
    words = ts.lexicon_count(text)
    syllables = ts.syllable_count(text)
    return {
        "fk_grade": round(float(ts.flesch_kincaid_grade(text)), 1),
        "flesch_reading_ease": round(float(ts.flesch_reading_ease(text)), 1),
        "smog_index": round(float(ts.smog_index(text)), 1),
        "coleman_liau_index": round(float(ts.coleman_liau_index(text)), 1),
        "automated_readability_index": round(float(ts.automated_readability_index(text)), 1),
        "gunning_fog": round(float(ts.gunning_fog(text)), 1),
        "words": words,
        "sentences": ts.sentence_count(text),
        "syllables_per_word": round(syllables / words, 2) if words else 0.0,
    }


def syllables(word: str) -> int:
    return int(_textstat().syllable_count(word))
