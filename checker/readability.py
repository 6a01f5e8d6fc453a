"""Reading-level measures of an article's body prose, computed with textstat.

Body prose is the text of paragraphs, list items and quotes. Headings, table cells, code, front
matter, link URLs and sections such as "References" are left out (a link counts by its visible
text; the section names are `skip_sections` in rules/data/readability.yaml). Each list item counts as
a sentence of its own, with or without a full stop, so a bulleted list is not read as one endless
sentence. Syllables come from the CMU dictionary, looked up in place (checker.syllables), with
textstat's pyphen fallback for words it lacks; nothing is downloaded.
"""

from __future__ import annotations

import functools
import re

from checker.document import HEADING, LIST_ITEM, PARAGRAPH, PLACEHOLDER, QUOTE

PROSE_FOR_READABILITY = (PARAGRAPH, LIST_ITEM, QUOTE)


@functools.lru_cache(maxsize=1)
def default_skip_sections() -> tuple[str, ...]:
    from checker.rulefile import builtin_rules_dir
    from checker.yamlload import load_yaml

    path = builtin_rules_dir() / "data" / "readability.yaml"
    data = load_yaml(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return tuple(s.lower() for s in data.get("skip_sections", ()))


def prose_blocks(doc, skip_sections=None) -> list:
    """Paragraphs, list items and quotes, outside reference-like sections."""
    skip = default_skip_sections() if skip_sections is None else tuple(s.lower() for s in skip_sections)
    out = []
    skipping_level = 0  # the level of the skipped section's heading, 0 when not skipping
    for block in doc.blocks:
        if block.kind == HEADING:
            if skipping_level and block.level > skipping_level:
                continue
            name = re.sub(r"[^\w ]+", "", block.text).strip().lower()
            skipping_level = block.level if name in skip else 0
            continue
        if not skipping_level and block.kind in PROSE_FOR_READABILITY:
            out.append(block)
    return out


def block_prose(block) -> str:
    text = " ".join(block.text.replace(PLACEHOLDER, " ").split())
    if text and block.kind == LIST_ITEM and text[-1] not in ".!?:;":
        text += "."
    return text


def body_prose(doc, skip_sections=None) -> str:
    return "\n".join(t for t in (block_prose(b) for b in prose_blocks(doc, skip_sections)) if t)


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
    """The cheap textstat formulas and the counts behind them. (Gunning fog and Dale-Chall are
    left out: their lists of difficult words cost more than the rest together.)"""
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
        "words": words,
        "sentences": ts.sentence_count(text),
        "syllables_per_word": round(syllables / words, 2) if words else 0.0,
    }


def syllables(word: str) -> int:
    return int(_textstat().syllable_count(word))
