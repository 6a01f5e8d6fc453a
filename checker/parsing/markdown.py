"""Markdown (CommonMark + tables) with optional YAML front matter, parsed with markdown-it-py.

markdown-it gives each block token the source lines it came from, but inline tokens carry no
columns. So each inline token's children are aligned with its source lines in order: text is
found where it stands (markup between texts is skipped), link destinations, inline code, images
and raw HTML are stepped over explicitly, and text that differs from the source (entities,
backslash escapes) is aligned character by character.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.common.entities import entities as _NAMED_ENTITIES
from markdown_it.common.utils import isValidEntityCode

from checker.document import (
    CODE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    PLACEHOLDER,
    QUOTE,
    TABLE_CELL,
    Block,
    Comment,
    Document,
    LineIndex,
    Span,
    TextBuilder,
    TextMap,
)
from checker.parsing.bullets import split_bullet_lines
from checker.parsing.frontmatter import split_front_matter
from checker.parsing.indented import indented_paragraphs, reads_as_prose

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# What can stand in front of a text: indentation, container and heading markers, emphasis delimiters.
_SKIPPABLE = re.compile(r"[ \t>*_~#|+\-.)0-9]*")
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_parser: MarkdownIt | None = None


def _markdown_it() -> MarkdownIt:
    global _parser
    if _parser is None:
        _parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return _parser


def parse_markdown(path: str, source: str) -> Document:
    front = split_front_matter(source)
    doc = Document(
        path=path,
        format="markdown",
        source=source,
        metadata=front.metadata,
        metadata_span=front.span,
        metadata_lines=front.key_lines,
        problems=list(front.problems),
    )
    lines = doc.lines
    # Blank out the front matter but keep its line breaks, so markdown-it's line numbers are the file's.
    if front.span:
        head = source[: front.body_start]
        masked = re.sub(r"[^\r\n]", "", head) + source[front.body_start :]
    else:
        masked = source
    tokens = _markdown_it().parse(masked)
    _Walker(doc, lines).walk(tokens)
    return doc


class _Walker:
    def __init__(self, doc: Document, lines: LineIndex):
        self.doc = doc
        self.source = doc.source
        self.lines = lines
        self.cell = None  # the (table, row, column) of the table cell being read

    def region(self, token_map) -> tuple[int, int]:
        start = self.lines.offset(token_map[0] + 1)
        end = self.lines.offset(token_map[1] + 1) if token_map[1] < self.lines.line_count else len(self.source)
        return start, end

    def walk(self, tokens) -> None:
        containers: list[str] = []
        heading_level = 0
        row_cursor = None  # where the next table cell of the current row starts
        table, row, column = -1, -1, -1  # where the current cell stands
        for token in tokens:
            kind = token.type
            if kind == "table_open":
                table, row = table + 1, -1
            if kind == "tr_open":
                row_cursor = None
                row, column = row + 1, -1
            if kind == "blockquote_open":
                containers.append(QUOTE)
            elif kind == "list_item_open":
                containers.append(LIST_ITEM)
            elif kind in ("th_open", "td_open"):
                containers.append(TABLE_CELL)
                column += 1
                self.cell = (table, row, column)
            elif kind in ("blockquote_close", "list_item_close", "th_close", "td_close"):
                if containers:
                    containers.pop()
            elif kind == "heading_open":
                heading_level = int(token.tag[1:])
            elif kind == "heading_close":
                heading_level = 0
            elif kind == "inline" and token.map:
                if heading_level:
                    block_kind = HEADING
                else:
                    block_kind = containers[-1] if containers else PARAGRAPH
                if block_kind == TABLE_CELL:
                    # All cells of a row share the row's line: start each after the previous one.
                    cursor = self.inline_block(token, block_kind, heading_level, row_cursor)
                    pipe = _unescaped_pipe(self.source, cursor, self.region(token.map)[1])
                    row_cursor = pipe + 1 if pipe >= 0 else cursor
                else:
                    self.inline_block(token, block_kind, heading_level)
            elif kind in ("fence", "code_block") and token.map:
                self.code_block(token)
            elif kind == "html_block" and token.map:
                self.html_block(token, containers[-1] if containers else PARAGRAPH)

    def code_block(self, token) -> None:
        if token.type == "code_block" and reads_as_prose(token.content):
            self.doc.blocks.extend(indented_paragraphs(self.lines, token.map))
            return
        start, end = self.region(token.map)
        end = _trim_end(self.source, start, end)
        # One segment for all the code, however long its text: a character maps to the whole block
        # (or, should text and block be equally long, to its own place in it).
        text_map = TextMap([(0, len(token.content), start, end - start)])
        self.doc.blocks.append(Block(CODE, token.content, text_map, Span(start, end)))

    def html_block(self, token, default_kind: str) -> None:
        from checker.parsing.html import parse_html_fragment

        start, end = self.region(token.map)
        fragment = parse_html_fragment(self.blank_container_markers(token, start, end), start, end, default_kind)
        self.doc.blocks.extend(fragment.blocks)
        self.doc.comments.extend(fragment.comments)

    def blank_container_markers(self, token, start: int, end: int) -> str:
        """The source with the blockquote and list markers before an HTML block's lines blanked out.

        token.content holds the block's lines without those markers; each is the tail of its
        source line, so the part in front of it is replaced by spaces (same length, same offsets).
        """
        content_lines = token.content.split("\n")
        first_line = token.map[0] + 1
        pieces = [self.source[:start]]
        position = start
        for k in range(token.map[1] - token.map[0]):
            line_number = first_line + k
            line_text = self.lines.line_text(line_number)
            line_start = self.lines.offset(line_number)
            content = content_lines[k] if k < len(content_lines) else ""
            prefix = len(line_text) - len(content) if line_text.endswith(content) else 0
            pieces.append(self.source[position:line_start])
            pieces.append(re.sub(r"[^\t]", " ", line_text[:prefix]))
            position = line_start + prefix
        pieces.append(self.source[position:])
        masked = "".join(pieces)
        return masked if len(masked) == len(self.source) else self.source

    def inline_block(self, token, block_kind: str, level: int, start: int | None = None) -> int:
        """Add the block of an inline token; return the source offset where its content ends."""
        region_start, end = self.region(token.map)
        start = region_start if start is None else max(start, region_start)
        builder = TextBuilder()
        links: list[tuple[int, int, str]] = []
        breaks: list[int] = []
        cursor = start
        link_stack: list[tuple[int, str, bool]] = []
        for child in token.children or []:
            ctype = child.type
            if ctype == "text" and link_stack and link_stack[-1][2]:
                cursor = self.autolink_text(child.content, cursor, end, builder)
            elif ctype == "text":
                cursor = self.align(child.content, cursor, end, builder)
            elif ctype in ("softbreak", "hardbreak"):
                breaks.append(builder.length)
                newline = _next_line_break(self.source, cursor, end)
                if newline is None:
                    builder.atom(" ", cursor, cursor)
                else:
                    builder.atom(" ", cursor, newline)
                    cursor = newline
            elif ctype == "code_inline":
                cursor = self.step_over_code(child, cursor, end, builder)
            elif ctype == "html_inline":
                cursor = self.step_over_html(child.content, cursor, end, builder)
            elif ctype == "image":
                cursor = self.step_over_image(cursor, end, builder)
            elif ctype == "link_open":
                # Step into the link text, so that its text is looked for after the `[` or `<`.
                opening = _unescaped(self.source, "<" if child.markup == "autolink" else "[", cursor, end)
                if opening >= 0:
                    cursor = opening + 1
                link_stack.append((builder.length, child.attrs.get("href", ""), child.markup == "autolink"))
            elif ctype == "link_close":
                if link_stack:
                    text_start, href, auto = link_stack.pop()
                    links.append((text_start, builder.length, str(href)))
                    cursor = self.step_over_destination(cursor, end, auto)
        text, text_map = builder.build()
        if not text.strip():
            return cursor
        span = Span(start, _trim_end(self.source, start, end))
        cell = self.cell if block_kind == TABLE_CELL else None
        block = Block(block_kind, text, text_map, span, level=level, links=links, cell=cell, breaks=tuple(breaks))
        self.doc.blocks.extend(split_bullet_lines(block) if block_kind == PARAGRAPH and breaks else [block])
        return cursor

    def autolink_text(self, content: str, cursor: int, end: int, builder: TextBuilder) -> int:
        """The text of `<url>`: markdown-it may have decoded it (`%41`, punycode), so unless it is
        a copy of the source, it stands for all of the URL."""
        close = self.source.find(">", cursor, end)
        if close < 0 or self.source.startswith(content, cursor) and cursor + len(content) <= close:
            return self.align(content, cursor, end, builder)
        builder.atom(content, cursor, close)
        return close

    def align(self, content: str, cursor: int, end: int, builder: TextBuilder) -> int:
        """Append content (a text child) to builder, mapped to where it stands in the source."""
        if not content:
            return cursor
        found = self.source.find(content, cursor, end)
        # Only markup may stand between the cursor and the text; anything else (an escape, an
        # entity, a line break) means this copy is a later one and the text here was changed.
        if found >= 0 and _SKIPPABLE.fullmatch(self.source, cursor, found):
            builder.verbatim(content, found)
            return found + len(content)
        return self.align_chars(content, cursor, end, builder)

    def align_chars(self, content: str, cursor: int, end: int, builder: TextBuilder) -> int:
        """Character-by-character alignment, for text changed by entities or backslash escapes."""
        src = self.source
        i = 0
        while i < len(content):
            ch = content[i]
            # Skip markup until the character, an escape of it or an entity for it shows up
            # (bounded by the block). Escapes and entities are tried first: `&amp;` stands for
            # "&" and `\\` for "\", so their first character must not be taken for the text.
            probe = cursor
            while probe < end:
                c = src[probe]
                if c == "\\" and ch in _ESCAPABLE and src.startswith(ch, probe + 1) and probe + 1 < end:
                    builder.atom(ch, probe, probe + 2)
                    cursor = probe + 2
                    i += 1
                    break
                if c == "&":
                    entity = _ENTITY.match(src, probe, end)
                    decoded = _decode_entity(entity.group()) if entity else None
                    if decoded and content.startswith(decoded, i):
                        builder.atom(decoded, probe, entity.end())
                        cursor = entity.end()
                        i += len(decoded)
                        break
                if c == ch:
                    builder.verbatim(ch, probe)
                    cursor = probe + 1
                    i += 1
                    break
                if c == "\0" and ch == "\ufffd":  # markdown-it turns NUL into U+FFFD
                    builder.atom(ch, probe, probe + 1)
                    cursor = probe + 1
                    i += 1
                    break
                probe += 1
            else:
                # Not in the source at all (markdown-it replaced it, e.g. NUL -> U+FFFD): map it in place.
                builder.atom(ch, cursor, min(cursor + 1, end))
                cursor = min(cursor + 1, end)
                i += 1
        return cursor

    def step_over_code(self, child, cursor: int, end: int, builder: TextBuilder) -> int:
        ticks = child.markup or "`"
        opening = self.source.find(ticks, cursor, end)
        if opening < 0:
            return cursor
        closing = self.source.find(ticks, opening + len(ticks), end)
        stop = closing + len(ticks) if closing >= 0 else end
        builder.atom(PLACEHOLDER, opening, stop)
        return stop

    def step_over_html(self, raw: str, cursor: int, end: int, builder: TextBuilder) -> int:
        # markdown-it turned CRLF and CR into LF; inline HTML (a comment, say) may span lines.
        pattern = re.escape(raw).replace("\\\n", r"(?:\r\n|\r|\n)")
        match = re.compile(pattern).search(self.source, cursor, end)
        if not match:
            return cursor
        found, stop = match.span()
        comment = _COMMENT.fullmatch(raw)
        if comment:
            self.doc.comments.append(Comment(comment.group(1), Span(found, stop)))
        if comment or re.match(r"<br\b", raw, re.IGNORECASE):
            if not builder.ends_with_space():
                builder.atom(" ", found, stop)
        return stop

    def step_over_image(self, cursor: int, end: int, builder: TextBuilder) -> int:
        opening = self.source.find("![", cursor, end)
        if opening < 0:
            return cursor
        stop = self.step_over_destination(opening + 2, end, auto=False)
        builder.atom(PLACEHOLDER, opening, stop)
        return stop

    def step_over_destination(self, cursor: int, end: int, auto: bool) -> int:
        """Move past the part of a link after its text: `](dest "title")`, `][ref]`, `]` or `>`."""
        src = self.source
        if auto:
            close = src.find(">", cursor, end)
            return close + 1 if close >= 0 else cursor
        bracket = _closing_bracket(src, cursor, end)
        if bracket < 0:
            return cursor
        after = bracket + 1
        if after < end and src[after] == "(":
            close = _closing_paren(src, after, end)
            return close + 1 if close >= 0 else after
        if after < end and src[after] == "[":
            close = src.find("]", after, end)
            return close + 1 if close >= 0 else after
        return after


def _decode_entity(entity: str) -> str | None:
    """What markdown-it makes of an entity such as `&amp;` or `&#8209;`; None if it leaves it as is."""
    body = entity[1:-1]
    if body.startswith("#"):
        code = int(body[2:], 16) if body[1:2] in ("x", "X") else int(body[1:])
        return chr(code) if isValidEntityCode(code) else "\ufffd"
    return _NAMED_ENTITIES.get(body)


def _unescaped(src: str, char: str, start: int, end: int) -> int:
    """The offset of the first char in src[start:end] that is not backslash-escaped, or -1."""
    i = start
    while i < end:
        if src[i] == "\\":
            i += 2
            continue
        if src[i] == char:
            return i
        i += 1
    return -1


def _unescaped_pipe(src: str, start: int, end: int) -> int:
    return _unescaped(src, "|", start, end)


def _closing_bracket(src: str, start: int, end: int) -> int:
    """The `]` that closes the current link text, skipping escaped and nested brackets."""
    depth = 0
    i = start
    while i < end:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return -1


def _closing_paren(src: str, open_index: int, end: int) -> int:
    depth = 0
    i = open_index
    in_angle = False
    quote = ""
    while i < end:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if quote:
            if ch == quote:
                quote = ""
        elif in_angle:
            if ch == ">":
                in_angle = False
        elif ch == "<" and i == open_index + 1:
            in_angle = True
        elif ch in "\"'" and depth == 1:
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _next_line_break(src: str, start: int, end: int) -> int | None:
    """The offset just past the next line break at or after start, within end."""
    match = _LINE_BREAK.search(src, start, end)
    return match.end() if match else None


def _trim_end(src: str, start: int, end: int) -> int:
    while end > start and src[end - 1] in "\r\n":
        end -= 1
    return end
