"""Plain-text articles.

Blocks are separated by blank lines. A line that starts with a bullet ("-", "*", "•") or a number
("1." or "1)") starts a list item; a line underlined with === or --- or written in capitals is a
heading. Optional YAML front matter is read as in Markdown.
"""

from __future__ import annotations

import re

from checker.document import HEADING, LIST_ITEM, PARAGRAPH, Block, Document, Span, TextBuilder
from checker.parsing.frontmatter import split_front_matter

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_BULLET = re.compile(r"[ \t]*(?:[-*•‣◦]|\d{1,3}[.)])[ \t]+")
_UNDERLINE = re.compile(r"[ \t]*(?:=+|-+)[ \t]*$")


def parse_text(path: str, source: str) -> Document:
    front = split_front_matter(source)
    doc = Document(
        path=path,
        format="text",
        source=source,
        metadata=front.metadata,
        metadata_span=front.span,
        metadata_lines=front.key_lines,
        problems=list(front.problems),
    )
    lines = []  # (start, end-without-newline) of each line of the body
    pos = front.body_start
    while pos < len(source):
        match = _LINE.match(source, pos)
        text = match.group().rstrip("\r\n")
        lines.append((pos, pos + len(text)))
        if match.end() == pos:
            break
        pos = match.end()

    group: list[tuple[int, int]] = []
    group_kind = PARAGRAPH
    for k, (start, end) in enumerate(lines):
        line = source[start:end]
        if not line.strip():
            _emit(doc, group, group_kind)
            group = []
            continue
        if _UNDERLINE.match(line) and len(group) == 1 and group_kind == PARAGRAPH:
            _emit(doc, group, HEADING)
            group = []
            continue
        bullet = _BULLET.match(line)
        if bullet:
            _emit(doc, group, group_kind)
            group, group_kind = [(start + bullet.end(), end)], LIST_ITEM
            continue
        if not group:
            next_blank = k + 1 >= len(lines) or not source[lines[k + 1][0] : lines[k + 1][1]].strip()
            if next_blank and _is_capitals_heading(line):
                _emit(doc, [(start, end)], HEADING)
                continue
            group_kind = PARAGRAPH
        group.append((start, end))
    _emit(doc, group, group_kind)
    return doc


def _is_capitals_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) and len(line.strip()) <= 80


def _emit(doc: Document, group: list[tuple[int, int]], kind: str) -> None:
    if not group:
        return
    builder = TextBuilder()
    breaks = []
    for k, (start, end) in enumerate(group):
        # Leading indentation of continuation lines is not part of the text.
        while start < end and doc.source[start] in " \t":
            start += 1
        if k:
            previous_end = group[k - 1][1]
            breaks.append(builder.length)
            builder.atom(" ", previous_end, start)
        builder.verbatim(doc.source[start:end], start)
    text, text_map = builder.build()
    if not text.strip():
        return
    level = 2 if kind == HEADING else 0
    doc.blocks.append(Block(kind, text, text_map, Span(group[0][0], group[-1][1]), level=level, breaks=tuple(breaks)))
