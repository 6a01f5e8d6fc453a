"""Indented prose: text pasted from a web page or a word processor often arrives indented four
spaces, and Markdown makes it a code block that no rule would read. A block that reads as prose
(words and sentences, no code signs) is checked as paragraphs instead, one per run of lines between
blank lines, each character mapped to its place in the source. Fenced code is always code.
"""

from __future__ import annotations

import re

from checker.document import PARAGRAPH, Block, Span, TextBuilder
from checker.parsing.bullets import split_bullet_lines

# What code has and prose has not: brackets, operators, a prompt or a comment at the start of a line.
_CODE_SIGNS = re.compile(r"[{}<>=;\\|`]|^\s*(?:\$\s|>>>|#|//|--|@)", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]{2,}")
_SENTENCE = re.compile(r"(?:[^\W_][\w'’,-]*\s+){3,}[^\W_][\w'’-]*[.!?…]['’”\")]?(?:\s|$)")  # four words and a full stop


def reads_as_prose(content: str) -> bool:
    """An indented block of words and sentences: no code signs, mostly letters, and a sentence
    (so a command line or a YAML snippet stays code)."""
    if _CODE_SIGNS.search(content) or len(_WORD.findall(content)) < 5:
        return False
    letters = sum(c.isalpha() or c.isspace() for c in content)
    return letters >= 0.8 * len(content) and _SENTENCE.search(content) is not None


def indented_paragraphs(lines, token_map) -> list[Block]:
    """The paragraphs of the indented block on source lines token_map[0] + 1 .. token_map[1]."""
    blocks: list[Block] = []
    paragraph: list[tuple[int, str]] = []  # (source offset, text) of the current paragraph's lines
    for line_number in range(token_map[0] + 1, token_map[1] + 1):
        line_text = lines.line_text(line_number).rstrip("\r\n")
        stripped = line_text.strip()
        if stripped:
            paragraph.append((lines.offset(line_number) + len(line_text) - len(line_text.lstrip()), stripped))
        else:
            blocks.extend(_paragraph(paragraph))
            paragraph = []
    blocks.extend(_paragraph(paragraph))
    return blocks


def _paragraph(lines: list[tuple[int, str]]) -> list[Block]:
    if not lines:
        return []
    builder = TextBuilder()
    breaks = []
    for k, (offset, text) in enumerate(lines):
        if k:
            breaks.append(builder.length)
            previous_end = lines[k - 1][0] + len(lines[k - 1][1])
            builder.atom(" ", previous_end, offset)  # the line break and the next line's indent
        builder.verbatim(text, offset)
    text, text_map = builder.build()
    block = Block(PARAGRAPH, text, text_map, Span(lines[0][0], lines[-1][0] + len(lines[-1][1])), breaks=tuple(breaks))
    return split_bullet_lines(block) if breaks else [block]
