"""The Document model: source text, metadata, blocks and sentences, each tied to exact source spans.

Offsets are indexes into `Document.source` (Unicode code points, after the byte-order mark and
decoding). Parsers build each block's checkable text with a `TextBuilder`, which records how
every character of that text maps back to the source; so a match found in block text becomes an
exact (line, column)-(end line, end column) in the original file, whatever markup, entities,
tabs, CRLF line ends or front matter came before it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# Block kinds. Code is kept (so rules can see it exists) but never checked as prose.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
QUOTE = "quote"
TABLE_CELL = "table_cell"
CODE = "code"
BLOCK_KINDS = (HEADING, PARAGRAPH, LIST_ITEM, QUOTE, TABLE_CELL, CODE)
PROSE_KINDS = (HEADING, PARAGRAPH, LIST_ITEM, QUOTE, TABLE_CELL)
BODY_KINDS = (PARAGRAPH, LIST_ITEM, QUOTE, TABLE_CELL)

# Stands in for inline code and images in block text: it keeps the words on either side apart
# and matches no word pattern, so nothing inside code is ever checked.
PLACEHOLDER = "\ufffc"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range [start, end) of source offsets."""

    start: int
    end: int


class LineIndex:
    """Converts source offsets to 1-based (line, column); columns count code points.

    Lines end at CRLF, LF or a lone CR, as in markdown-it and in editors.
    """

    def __init__(self, source: str):
        self.source = source
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(source)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """The offset of a 1-based (line, column); lines past the end clamp to the end."""
        if line > len(self.starts):
            return len(self.source)
        return min(self.starts[line - 1] + column - 1, len(self.source))

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.source)
        return self.source[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self.starts)


class TextMap:
    """Maps offsets in a block's text back to source offsets.

    Segments are (text_start, text_len, src_start, src_len). Where the lengths are equal the text
    is a verbatim copy of the source; otherwise the segment is atomic (an entity such as `&amp;`,
    an escape such as `\\*`, a line break, a placeholder) and any of its characters maps to the
    whole source range.
    """

    __slots__ = ("segments", "_text_starts")

    def __init__(self, segments: list[tuple[int, int, int, int]]):
        self.segments = segments
        self._text_starts = [s[0] for s in segments]

    def _segment(self, i: int):
        k = bisect.bisect_right(self._text_starts, i) - 1
        return self.segments[max(k, 0)]

    def source_start(self, i: int) -> int:
        t0, tlen, s0, slen = self._segment(i)
        return s0 + (i - t0) if tlen == slen else s0

    def source_end(self, i: int) -> int:
        """The source offset just past text character i."""
        t0, tlen, s0, slen = self._segment(i)
        return s0 + (i - t0) + 1 if tlen == slen else s0 + slen

    def slice(self, start: int, end: int) -> TextMap:
        """The map of text[start:end], as a text of its own (offsets from 0)."""
        out = []
        for t0, tlen, s0, slen in self.segments:
            a, b = max(t0, start), min(t0 + tlen, end)
            if a >= b:
                continue
            if tlen == slen:
                out.append((a - start, b - a, s0 + (a - t0), b - a))
            else:
                out.append((a - start, b - a, s0, slen))
        return TextMap(out)

    def to_source(self, start: int, end: int) -> Span:
        if not self.segments:
            return Span(0, 0)
        if end <= start:
            pos = self.source_start(start)
            return Span(pos, pos)
        return Span(self.source_start(start), self.source_end(end - 1))


class TextBuilder:
    """Accumulates a block's text together with its TextMap."""

    def __init__(self):
        self.parts: list[str] = []
        self.segments: list[tuple[int, int, int, int]] = []
        self.length = 0

    def verbatim(self, text: str, src_start: int) -> None:
        """Append text that appears unchanged in the source at src_start."""
        if not text:
            return
        if self.segments:
            t0, tlen, s0, slen = self.segments[-1]
            if tlen == slen and t0 + tlen == self.length and s0 + slen == src_start:
                self.segments[-1] = (t0, tlen + len(text), s0, slen + len(text))
                self.parts.append(text)
                self.length += len(text)
                return
        self.segments.append((self.length, len(text), src_start, len(text)))
        self.parts.append(text)
        self.length += len(text)

    def atom(self, text: str, src_start: int, src_end: int) -> None:
        """Append text that stands for the source range [src_start, src_end) as a whole."""
        if not text:
            return
        if len(text) == src_end - src_start:
            # An equal-length atom would read as verbatim; pad the source range by splitting.
            for k in range(len(text)):
                self.segments.append((self.length + k, 1, src_start + k, 1))
        else:
            self.segments.append((self.length, len(text), src_start, src_end - src_start))
        self.parts.append(text)
        self.length += len(text)

    def ends_with_space(self) -> bool:
        return not self.parts or self.parts[-1][-1:].isspace()

    def build(self) -> tuple[str, TextMap]:
        return "".join(self.parts), TextMap(self.segments)


@dataclass(slots=True)
class Sentence:
    """A sentence of a block: [start, end) offsets in the block's text."""

    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    @property
    def span(self) -> Span:
        return self.block.source_span(self.start, self.end)


@dataclass(slots=True)
class Block:
    """A heading, paragraph, list item, quote, table cell or code block."""

    kind: str
    text: str
    map: TextMap
    span: Span
    level: int = 0  # heading level, 1-6
    links: list = field(default_factory=list)  # (text start, text end, href) of each link
    cell: tuple | None = None  # a table cell's (table, row, column), counted from 0 in the document
    breaks: tuple = ()  # text offsets of the line breaks inside the block (each stands as a space)
    _sentences: list | None = field(default=None, repr=False)
    _lower: str | None = field(default=None, repr=False)
    _words: frozenset | None = field(default=None, repr=False)

    @property
    def lower(self) -> str:
        """The text in lower case (computed once; rules use it to skip blocks quickly)."""
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    @property
    def words(self) -> frozenset:
        """The block's words, case-folded (computed once): a phrase whose words are not all
        here cannot match the block (checker.phrases.PhraseList)."""
        if self._words is None:
            from checker.phrases import words_in

            self._words = words_in(self.text)
        return self._words

    def source_span(self, start: int, end: int) -> Span:
        return self.map.to_source(start, end)

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            from checker.sentences import split_sentences

            self._sentences = [Sentence(self, s, e) for s, e in split_sentences(self.text)]
        return self._sentences

    @property
    def is_prose(self) -> bool:
        return self.kind != CODE


@dataclass(slots=True)
class Comment:
    """An HTML comment in the source (Markdown or HTML), e.g. a suppression comment."""

    text: str
    span: Span


@dataclass(slots=True)
class Problem:
    """Something wrong with the file itself (e.g. broken front matter), found while parsing."""

    rule: str
    message: str
    span: Span
    severity: str = "error"


@dataclass
class Document:
    path: str
    format: str  # markdown, html, text
    source: str
    blocks: list[Block] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    metadata_span: Span | None = None  # the front matter in the source
    metadata_lines: dict = field(default_factory=dict)  # metadata key -> 1-based source line
    comments: list[Comment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cache: dict = field(default_factory=dict, repr=False)  # analyses shared by the rules of one kind
    _lines: LineIndex | None = field(default=None, repr=False)

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines

    def prose_blocks(self, kinds=PROSE_KINDS):
        return [b for b in self.blocks if b.kind in kinds]

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    def words(self) -> frozenset:
        """The words of all prose blocks, case-folded (computed once)."""
        if "words" not in self.cache:
            self.cache["words"] = frozenset().union(*(b.words for b in self.blocks if b.kind in PROSE_KINDS))
        return self.cache["words"]

    def word_text(self) -> str:
        """The document's distinct words, one per line: a short text in which to look for a
        string of letters and digits, which can only stand inside a word."""
        if "word_text" not in self.cache:
            self.cache["word_text"] = "\n".join(self.words())
        return self.cache["word_text"]

    def prose_lower(self) -> str:
        """All prose blocks in lower case, one per line (computed once)."""
        if "lower" not in self.cache:
            self._index_prose()
        return self.cache["lower"]

    def _index_prose(self) -> None:
        starts, indexes, at = [], [], 0
        for k, block in enumerate(self.blocks):
            if block.kind in PROSE_KINDS:
                starts.append(at)
                indexes.append(k)
                at += len(block.lower) + 1
        self.cache["lower"] = "\n".join(self.blocks[k].lower for k in indexes)
        self.cache["lower_starts"] = (starts, indexes)

    def blocks_containing(self, string: str) -> set[int]:
        """The indexes of the prose blocks whose lower-case text contains `string`: found by
        searching the whole article's text once, not each block."""
        found_by = self.cache.setdefault("blocks_containing", {})
        if string not in found_by:
            import bisect

            text = self.prose_lower()
            starts, indexes = self.cache["lower_starts"]
            found = set()
            at = text.find(string)
            while at >= 0:
                found.add(indexes[bisect.bisect_right(starts, at) - 1])
                at = text.find(string, at + 1)
            found_by[string] = found
        return found_by[string]

    def blocks_with(self, words) -> set[int]:
        """The indexes (in self.blocks) of the prose blocks that have all these case-folded words
        (every prose block for none). Each word's blocks are looked up once per document, when first
        asked for: an article is asked about a few dozen words, and has a couple of thousand."""
        having = self.cache.get("blocks_having")
        if having is None:
            prose = [(k, block.words) for k, block in enumerate(self.blocks) if block.kind in PROSE_KINDS]
            having = self.cache["blocks_having"] = {"": {k for k, _words in prose}}
            self.cache["prose_words"] = prose
        found = None
        for word in words or ("",):
            blocks = having.get(word)
            if blocks is None:
                blocks = having[word] = {k for k, block_words in self.cache["prose_words"] if word in block_words}
            found = set(blocks) if found is None else found & blocks
            if not found:
                break
        return found

    def first_line_span(self, block) -> Span:
        """The first line of a block (without its line ending): where findings about a whole
        article point, e.g. a missing crisis banner or review date."""
        line = self.lines.line_of(block.span.start)
        end = self.lines.offset(line) + len(self.lines.line_text(line))
        return Span(block.span.start, max(block.span.start, min(end, block.span.end)))

    def body_start(self) -> Span:
        """The first line of the first prose block (0, 0 when there is none)."""
        first = next((b for b in self.blocks if b.kind in PROSE_KINDS), None)
        return self.first_line_span(first) if first else Span(0, 0)
