"""HTML articles, parsed with the standard library's HTML parser (html.parser).

Text inside script, style, templates and page chrome (nav, and header/footer outside the article)
is ignored. Entities are decoded, and each decoded character maps back to its entity in the
source. The parser reports where each construct starts; since the whole text is fed at once,
that position is an absolute offset into the source.
"""

from __future__ import annotations

import html as html_lib
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

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
    Span,
    TextBuilder,
    TextMap,
)

# Elements whose text is never article prose.
IGNORED = frozenset({"script", "style", "template", "noscript", "svg", "math", "nav", "button", "select", "textarea"})
# Page chrome: ignored unless inside the article itself.
CHROME = frozenset({"header", "footer"})
ARTICLE = frozenset({"article", "main"})
# Elements that start and end a block of text.
BLOCK_TAGS = frozenset(
    """
    p div section article main aside body html h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote
    table thead tbody tfoot tr td th caption figure figcaption pre address details summary
    fieldset form hr header footer
    """.split()
)
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
CONTAINER_KINDS = {"li": LIST_ITEM, "dd": LIST_ITEM, "dt": LIST_ITEM, "blockquote": QUOTE, "td": TABLE_CELL, "th": TABLE_CELL}
_BR = " "


@dataclass
class HtmlContent:
    blocks: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    metadata_offsets: dict = field(default_factory=dict)  # key -> source offset


def parse_html(path: str, source: str) -> Document:
    content = parse_html_fragment(source, 0, len(source))
    doc = Document(path=path, format="html", source=source, blocks=content.blocks, comments=content.comments)
    doc.metadata = content.metadata
    doc.metadata_lines = {k: doc.lines.line_of(off) for k, off in content.metadata_offsets.items()}
    return doc


def parse_html_fragment(source: str, start: int, end: int, default_kind: str = PARAGRAPH) -> HtmlContent:
    """Extract blocks, comments and <head> metadata from source[start:end].

    Text outside any list item, quote or table cell becomes blocks of default_kind (an HTML
    block inside a Markdown blockquote gives quotes).
    """
    extractor = _Extractor(source, start, default_kind)
    extractor.run(source[start:end])
    return extractor.content


class _Extractor(HTMLParser):
    def __init__(self, source: str, origin: int, default_kind: str = PARAGRAPH):
        super().__init__(convert_charrefs=False)
        self.default_kind = default_kind
        self.open_comment: Comment | None = None  # the comment just reported, until its end is known
        self.source = source
        self.origin = origin  # offset of the fed text in the source
        self.consumed = 0  # text the parser has already dropped from its buffer
        self.pos = origin  # absolute offset of the construct being handled
        self.content = HtmlContent()
        self.stack: list[str] = []
        # Kept beside the stack so that deep nesting costs no more per tag than shallow nesting:
        # how many of each tag are open, and the block kind in force at each depth.
        self.open_counts: Counter = Counter()
        self.kinds: list[tuple[str, int]] = []
        self.ignored_depth = 0
        self.builder: TextBuilder | None = None
        self.kind = default_kind
        self.level = 0
        self.links: list[tuple[int, int, str]] = []
        self.open_links: list[tuple[int, str]] = []
        self.code_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.tables = 0  # tables seen so far
        self.table_stack: list[list[int]] = []  # [table, row, column] of each open table

    # The parser calls updatepos(i, j) as it moves from one construct to the next, where j is
    # an index into its buffer: so self.pos always names where the current construct starts.
    def updatepos(self, i, j):
        self.pos = self.origin + self.consumed + j
        if self.open_comment is not None:
            # The parser moves on to just past the comment it reported: that is where it ends.
            self.open_comment.span = Span(self.open_comment.span.start, self.pos)
            self.open_comment = None
        return super().updatepos(i, j)

    def parse_marked_section(self, i, report=1):
        # The standard library raises AssertionError for "<![" not followed by a known keyword
        # ("<![ x", "<![foo["); in HTML that is a bogus comment, up to the next ">".
        start = self.pos
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.pos = start  # the failed scan moved it
            return self.parse_bogus_comment(i, report)

    def run(self, text: str) -> None:
        self.feed(text)
        self.consumed = len(text) - len(self.rawdata)
        self.pos = self.origin + self.consumed
        self.close()
        self.flush()

    # ---- structure

    def handle_starttag(self, tag, attrs):
        self.start_element(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag, attrs):
        self.start_element(tag, attrs, self_closing=True)

    def start_element(self, tag: str, attrs, self_closing: bool) -> None:
        attributes = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            name = (attributes.get("name") or attributes.get("property") or "").strip().lower()
            if name and "content" in attributes:
                self.content.metadata[name] = attributes["content"]
                self.content.metadata_offsets[name] = self.pos
            return
        if tag == "time" and attributes.get("datetime"):
            # schema.org microdata: <time itemprop="dateModified" datetime="2024-05-01">
            key = {"datemodified": "date_modified", "datepublished": "date_published", "lastreviewed": "last_reviewed"}.get(
                attributes.get("itemprop", "").lower())
            if key and key not in self.content.metadata:
                self.content.metadata[key] = attributes["datetime"]
                self.content.metadata_offsets[key] = self.pos
        if tag == "link" and "canonical" in attributes.get("rel", "").lower().split() and attributes.get("href"):
            self.content.metadata["canonical"] = attributes["href"]
            self.content.metadata_offsets["canonical"] = self.pos
        if tag == "html" and attributes.get("lang"):
            self.content.metadata["lang"] = attributes["lang"]
            self.content.metadata_offsets["lang"] = self.pos
        if tag == "title":
            self.in_title = True
            self.content.metadata_offsets.setdefault("title", self.pos)
        if tag == "br":
            if self.builder is not None and not self.builder.ends_with_space():
                self.builder.atom(_BR, self.pos, self.pos)
            return
        if tag in VOID or self_closing:
            if tag in BLOCK_TAGS:
                self.flush()
            return
        self.close_implied(tag)
        in_article = any(self.open_counts[t] for t in ARTICLE)
        if self.ignored_depth or tag in IGNORED or (tag in CHROME and not in_article) or tag == "head":
            self.ignored_depth += 1
        self.push(tag)
        if self.ignored_depth:
            return
        if tag in ("table", "tr", "td", "th"):
            self.table_position(tag)
        if tag in BLOCK_TAGS:
            self.flush()
            self.kind, self.level = self.block_kind()
        elif tag == "code":
            self.code_depth += 1
            if self.code_depth == 1 and self.kind != CODE:
                self.text_builder().atom(PLACEHOLDER, self.pos, self.pos)
        elif tag == "a":
            self.open_links.append((self.text_builder().length, attributes.get("href", "")))

    def table_position(self, tag: str) -> None:
        """Count tables, rows and cells, so that a cell knows its column (and so its header)."""
        if tag == "table":
            self.table_stack.append([self.tables, -1, -1])
            self.tables += 1
        elif self.table_stack and tag == "tr":
            self.table_stack[-1][1] += 1
            self.table_stack[-1][2] = -1
        elif self.table_stack:
            self.table_stack[-1][2] += 1

    def close_implied(self, tag: str) -> None:
        """HTML lets some end tags be left out: a new <li> closes the previous one, and so on."""
        closes = {"li": ("li",), "p": ("p",), "dt": ("dt", "dd"), "dd": ("dt", "dd"), "tr": ("tr", "td", "th"), "td": ("td", "th"), "th": ("td", "th")}
        if tag in BLOCK_TAGS and self.stack and self.stack[-1] == "p":
            self.end_element("p")
        for implied in closes.get(tag, ()):
            if self.stack and self.stack[-1] == implied:
                self.end_element(implied)

    def handle_endtag(self, tag):
        if not self.open_counts[tag]:
            if tag in BLOCK_TAGS and not self.ignored_depth:
                self.flush()
            return
        while self.stack:
            if self.end_element(self.stack[-1]) == tag:
                break

    def push(self, tag: str) -> None:
        if tag in HEADINGS:
            kind = (HEADING, HEADINGS[tag])
        elif tag == "pre":
            kind = (CODE, 0)
        elif tag in CONTAINER_KINDS:
            kind = (CONTAINER_KINDS[tag], 0)
        else:
            kind = self.kinds[-1] if self.kinds else (self.default_kind, 0)
        self.stack.append(tag)
        self.kinds.append(kind)
        self.open_counts[tag] += 1

    def end_element(self, tag: str) -> str:
        self.stack.pop()
        self.kinds.pop()
        self.open_counts[tag] -= 1
        if tag == "title":
            self.in_title = False
            title = " ".join("".join(self.title_parts).split())
            if title:
                self.content.metadata.setdefault("title", title)
            elif "title" not in self.content.metadata:
                self.content.metadata_offsets.pop("title", None)
        if self.ignored_depth:
            self.ignored_depth -= 1
            return tag
        if tag == "code" and self.code_depth:
            self.code_depth -= 1
        elif tag == "a" and self.open_links:
            start, href = self.open_links.pop()
            if self.builder is not None:
                self.links.append((start, self.builder.length, href))
        if tag in BLOCK_TAGS:
            self.flush()
            self.kind, self.level = self.block_kind()
        if tag == "table" and self.table_stack:
            self.table_stack.pop()
        return tag

    def block_kind(self) -> tuple[str, int]:
        """The kind of text at the current depth: the innermost heading, pre or container."""
        return self.kinds[-1] if self.kinds else (self.default_kind, 0)

    # ---- text

    def text_builder(self) -> TextBuilder:
        if self.builder is None:
            self.builder = TextBuilder()
            self.links = []
        return self.builder

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
        if self.ignored_depth or (self.code_depth and self.kind != CODE):
            return
        if self.builder is None and not data.strip():
            return
        self.text_builder().verbatim(data, self.pos)

    def handle_entityref(self, name):
        self.entity(1 + len(name))  # &name or &name;

    def handle_charref(self, name):
        self.entity(2 + len(name))  # &#123 or &#x7b, maybe with a ;

    def entity(self, length: int) -> None:
        start = self.pos
        end = start + length
        if self.source.startswith(";", end):
            end += 1
        raw = self.source[start:end]
        decoded = html_lib.unescape(raw)
        if self.in_title:
            self.title_parts.append(decoded)
        if self.ignored_depth or (self.code_depth and self.kind != CODE):
            return
        # A legacy entity without its ; takes only its name: "&copy2024" is "©" then "2024".
        tail = 0
        while tail < min(len(raw), len(decoded)) - 1 and raw[-1 - tail] == decoded[-1 - tail]:
            tail += 1
        builder = self.text_builder()
        builder.atom(decoded[: len(decoded) - tail], start, end - tail)
        builder.verbatim(raw[len(raw) - tail :], end - tail)

    def handle_comment(self, data):
        # The end is set by the next updatepos: `<!-- a -- >`, `<!x>` and `</ x>` are comments too.
        self.open_comment = Comment(data, Span(self.pos, self.pos))
        self.content.comments.append(self.open_comment)

    def flush(self) -> None:
        builder, self.builder = self.builder, None
        if builder is None:
            return
        text, text_map = builder.build()
        if not text.strip():
            return
        first = len(text) - len(text.lstrip())
        last = len(text.rstrip())
        span = text_map.to_source(first, last)
        if self.kind == CODE:
            # One segment for all the code, however long its text: a character maps to the whole
            # block (or, should text and block be equally long, to its own place in it).
            code_map = TextMap([(0, len(text), span.start, span.end - span.start)])
            self.content.blocks.append(Block(CODE, text, code_map, span))
            return
        cell = tuple(self.table_stack[-1]) if self.kind == TABLE_CELL and self.table_stack else None
        self.content.blocks.append(Block(self.kind, text, text_map, span, level=self.level, links=self.links, cell=cell))
