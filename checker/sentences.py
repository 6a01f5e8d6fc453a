"""Sentence splitting for English prose, with offsets.

A sentence ends at `.`, `!` or `?` (plus any closing quotes or brackets) followed by whitespace
and something that can start a sentence, unless the word before the full stop is a known
abbreviation ("Dr.", "e.g.", "U.S.") or a single initial. A line break inside a block does not end a
sentence (Markdown wraps lines), but two line breaks in a row do.
"""

from __future__ import annotations

import re

# Words that end with a full stop without ending the sentence (compared in lower case).
ABBREVIATIONS = frozenset(
    """
    dr mr mrs ms mx prof sr jr st vs etc e.g i.e eg ie al approx ca cf fig no nos vol pp p
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    u.s u.k u.n a.m p.m inc ltd co corp dept univ govt est min max avg
    """.split()
)
# Common words that are abbreviations only before a number ("No. 5", but "It is OK to say no. Then").
NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})

_BOUNDARY = re.compile(
    r"""(?P<stop>[.!?]+|…)        # the end of a sentence
        [\"'”’)\]]*               # closing quotes and brackets belong to it
        (?:\[\^?\d+(?:[,–-]\d+)*\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)*  # and so do footnote markers: "rose.[1] Then"
        (?P<gap>\s+)              # then whitespace
        (?=[\"'“‘(\[]?[A-Z0-9¿¡\u00C0-\u024F])  # and what can open the next one
    """,
    re.VERBOSE,
)
# Two line ends in a row (CRLF, LF or a lone CR), maybe with spaces between them.
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r|\n)\s*")


def _word_start(text: str, end: int) -> int:
    """Where the run of word characters and full stops that ends at `end` starts. (Walking back
    is linear in the word; a regex anchored at `end` would rescan the block from its start.)"""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    return start


def _is_abbreviation(text: str, stop_index: int, next_index: int) -> bool:
    start = _word_start(text, stop_index)
    if start == stop_index:
        return False
    word = text[start:stop_index].lower().rstrip(".")
    if word in NUMBER_ABBREVIATIONS:
        return text[next_index : next_index + 1].isdigit()
    if word in ABBREVIATIONS:
        return True
    # A single capital is taken for an initial ("J. Smith"), at the cost of "Plan B. Then ..."
    return len(word) == 1 and text[start].isupper()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return [start, end) offsets of the sentences in text, whitespace trimmed."""
    cuts: list[int] = []
    for m in _BOUNDARY.finditer(text):
        if m.group("stop") == "." and _is_abbreviation(text, m.start("stop"), m.end()):
            continue
        cuts.append(m.start("gap"))
    if "\n" in text or "\r" in text:
        cuts.extend(m.start() for m in _PARAGRAPH_BREAK.finditer(text))
        cuts.sort()

    spans = []
    start = 0
    for cut in cuts + [len(text)]:
        if cut < start:
            continue
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = cut
    return spans
