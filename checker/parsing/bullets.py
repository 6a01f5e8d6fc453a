"""Lists typed with bullet characters: "• Addict" on lines of their own.

Pages pasted from the web, and plain Markdown written by people who do not use `-`, carry lists as
lines that start with a bullet character. Markdown reads them as one paragraph, so the list becomes
one run-on sentence: its grade soars, and a term in one item is judged in the context of the others.
A paragraph whose lines start with a bullet is split into one list item per bullet (lines without a
bullet continue the item above; lines before the first bullet stay a paragraph).
"""

from __future__ import annotations

import re

from checker.document import LIST_ITEM, PARAGRAPH, Block, Span

_BULLET = re.compile(r"[•‣◦▪●]\s*")


def split_bullet_lines(block: Block) -> list[Block]:
    """The block, or its lead-in paragraph and one list item per bulleted line."""
    starts = [0] + [b + 1 for b in block.breaks]
    ends = list(block.breaks) + [len(block.text)]
    bulleted = [_BULLET.match(block.text, a) is not None for a in starts]
    if sum(bulleted) < 2 and not (bulleted[0] and len(starts) > 1):
        return [block]
    pieces: list[list] = []  # [kind, text start, text end, breaks]
    for a, b, bullet in zip(starts, ends, bulleted):
        if bullet:
            pieces.append([LIST_ITEM, _BULLET.match(block.text, a).end(), b, []])
        elif pieces:
            pieces[-1][3].append(pieces[-1][2])
            pieces[-1][2] = b
        else:
            pieces.append([PARAGRAPH, a, b, []])
    out = []
    for kind, a, b, breaks in pieces:
        text = block.text[a:b]
        if not text.strip():
            continue
        text_map = block.map.slice(a, b)
        span = block.map.to_source(a, b)
        links = [(s - a, e - a, href) for s, e, href in block.links if a <= s and e <= b]
        out.append(Block(kind, text, text_map, Span(span.start, span.end), links=links, breaks=tuple(x - a for x in breaks)))
    return out or [block]
