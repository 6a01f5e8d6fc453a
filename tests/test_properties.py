"""Property tests for the parsers: spans always point at the right place in the source.

Documents are generated from random words (ASCII, accented letters, CJK, emoji) joined with
random markup and line ends. The generators keep one invariant that the properties rely on:
markup is always set off from words by a space, a line end or punctuation, and no markup other
than entities and backslash escapes puts word characters into the checkable text (link
destinations, titles, attributes and code are never part of it). So every run of word characters
(regex \\w+) in a block's text is made of characters that stand in the source either as
themselves or as an entity or escape for themselves.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.document import CODE, PLACEHOLDER, Document
from checker.parsing import parse_document
from checker.parsing.html import parse_html
from checker.parsing.markdown import parse_markdown
from checker.parsing.text import parse_text

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORD_RUN = re.compile(r"\w+")
# Put only where text is never checkable (code, link destinations and titles, attributes, script,
# nav, chrome); no generated word contains it.
HIDDEN = "§"
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

# ---------------------------------------------------------------- checks shared by all properties


def all_spans(doc: Document):
    """Every span the document exposes, with a label for failure messages."""
    for b, block in enumerate(doc.blocks):
        yield f"block {b} span", block.span
        for k in range(len(block.text) + 1):
            yield f"block {b} char {k}", block.source_span(k, min(k + 1, len(block.text)))
        yield f"block {b} whole", block.source_span(0, len(block.text))
        for s, sentence in enumerate(block.sentences):
            yield f"block {b} sentence {s}", sentence.span
    for c, comment in enumerate(doc.comments):
        yield f"comment {c}", comment.span
    for p, problem in enumerate(doc.problems):
        yield f"problem {p}", problem.span
    if doc.metadata_span is not None:
        yield "metadata", doc.metadata_span


def check_spans_inside(doc: Document) -> None:
    """(c) every span lies inside the source."""
    n = len(doc.source)
    for label, span in all_spans(doc):
        assert 0 <= span.start <= span.end <= n, (label, span, n)


def check_positions(doc: Document, offsets) -> None:
    """(d) doc.position and doc.lines.offset are inverses, lines split at CRLF, LF and CR."""
    lines = doc.lines
    breaks = list(re.finditer(r"\r\n|\r|\n", doc.source))
    assert lines.line_count == len(breaks) + 1
    for offset in offsets:
        line, column = doc.position(offset)
        assert line >= 1 and column >= 1
        assert lines.offset(line, column) == offset
        # The offset is on its line: before or at its line ending.
        assert column - 1 <= len(lines.line_text(line)) + (2 if line <= len(breaks) else 0)
        # The line number is one more than the number of line ends that end before offset.
        assert line == 1 + sum(1 for m in breaks if m.end() <= offset)


def decode(fmt: str, source_text: str) -> str:
    """What a parser makes of a stretch of source made of words, entities and escapes."""
    if fmt == "markdown":
        return html.unescape(_MD_ESCAPE.sub(r"\1", source_text))
    if fmt == "html":
        return html.unescape(source_text)
    return source_text


def check_words(doc: Document) -> int:
    """(b) each word-character run of prose text maps to exactly its source, and to its own.

    A run whose characters each map to one source character must be a verbatim copy of the
    source at its span. A run with characters decoded from entities or escapes maps to a longer
    stretch of source, which must decode to the run. No two runs map to overlapping source (so
    a word is not mapped to an equal word elsewhere). Returns how many runs were checked.
    """
    checked = 0
    taken = []  # the source spans of all runs: no two may overlap, in one block or in two
    for block in doc.blocks:
        if block.kind == CODE:
            continue
        for m in WORD_RUN.finditer(block.text):
            run = m.group()
            if PLACEHOLDER in run:
                continue
            span = block.source_span(m.start(), m.end())
            taken.append((span.start, span.end, run))
            found = doc.source[span.start : span.end]
            char_spans = [block.source_span(k, k + 1) for k in range(m.start(), m.end())]
            assert span.start == char_spans[0].start and span.end == char_spans[-1].end
            if all(s.end - s.start == 1 for s in char_spans):
                assert found == run, (block.kind, run, found, span)
            else:
                assert decode(doc.format, found) == run, (block.kind, run, found, span)
            # Positions: the run starts at its (line, column) in the file.
            line, column = doc.position(span.start)
            assert doc.lines.line_text(line)[column - 1 :].startswith(found.split("\n")[0].split("\r")[0])
            checked += 1
    taken.sort()
    for (_, end, run), (start, _, next_run) in zip(taken, taken[1:]):
        assert end <= start, f"{run!r} and {next_run!r} map to the same source"
    return checked


def check_characters(doc: Document) -> None:
    """For any input: text characters come in source order, and a letter or digit that maps to
    one source character maps to that same letter or digit."""
    for block in doc.blocks:
        if block.kind == CODE:
            continue
        starts = []
        for k, ch in enumerate(block.text):
            span = block.source_span(k, k + 1)
            starts.append(span.start)
            if ch.isalnum() and span.end - span.start == 1:
                assert doc.source[span.start] == ch, (block.text, k, span)
        assert starts == sorted(starts), block.text


def check_comments(doc: Document) -> None:
    """Each comment's span is exactly its `<!--...-->` (the generators write only well-formed ones)."""
    for comment in doc.comments:
        found = doc.source[comment.span.start : comment.span.end]
        assert found == f"<!--{comment.text}-->", (found, comment.text)


def check_all(doc: Document) -> None:
    check_spans_inside(doc)
    n = len(doc.source)
    offsets = {0, n} | {min(n, k) for k in range(0, n + 1, max(1, n // 40))}
    check_positions(doc, sorted(offsets))
    check_words(doc)
    check_characters(doc)
    check_comments(doc)


# ---------------------------------------------------------------- words and line ends

ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
ACCENTED = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÉÎÑÖÜßøæœ"
CJK = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年"
EMOJI = ["😀", "🎉", "👍", "❤️", "🙂", "🧠", "👩‍⚕️"]

ascii_words = st.text(alphabet=ASCII, min_size=1, max_size=8)
accented_words = st.text(alphabet=ASCII[:26] + ACCENTED, min_size=1, max_size=8)
cjk_words = st.text(alphabet=CJK, min_size=1, max_size=4)
# A few words that come back often: text that repeats is where a parser can find the wrong copy.
common_words = st.sampled_from(["a", "w", "the", "zz", "Ünï", "中"])
words = st.one_of(common_words, common_words, ascii_words, accented_words, cjk_words, st.sampled_from(EMOJI))
line_ends = st.sampled_from(["\n", "\r\n", "\r"])
spaces = st.sampled_from([" ", " ", " ", "\t", "  "])


def joined(draw, parts, sep=None):
    out = []
    for k, part in enumerate(parts):
        if k:
            out.append(draw(spaces) if sep is None else sep)
        out.append(part)
    return "".join(out)


# ---------------------------------------------------------------- Markdown

MD_ENTITIES = ["&amp;", "&mdash;", "&copy;", "&#8209;", "&#x2014;", "&nbsp;", "&lt;", "&quot;"]
MD_ESCAPES = ["\\*", "\\_", "\\#", "\\[", "\\]", "\\\\", "\\&", "\\`"]
# Entities and escapes that stand for word characters, set into the middle of a word.
WORD_ENTITIES = ["&eacute;", "&#233;", "&#xE9;", "&uuml;", "&ntilde;"]


@st.composite
def md_inline_piece(draw):
    word = draw(words)
    choice = draw(st.integers(0, 17))
    if choice <= 5:
        return word
    if choice == 6:
        return f"**{word} {draw(words)}**"
    if choice == 7:
        return f"_{word}_" if word.isascii() else f"*{word}*"
    if choice == 8:
        url = draw(st.sampled_from(["http://example.com/§a_(b)", "<http://e.com/§x y>", "/p?q=1&r=2§", "#frag§"]))
        title = draw(st.sampled_from(["", ' "§title words"', " '§single'", " (§paren title)"]))
        return f"[{word} {draw(words)}]({url}{title})"
    if choice == 9:
        return f"[{word}][ref]"
    if choice == 10:
        return draw(st.sampled_from(["<http://example.com/path>", "<someone@example.com>", "<https://a.b/c?d=e>"]))
    if choice == 11:
        return draw(st.sampled_from(MD_ENTITIES))
    if choice == 12:
        return draw(st.sampled_from(MD_ESCAPES))
    if choice == 13:
        ticks = draw(st.sampled_from(["`", "``"]))
        return f"{ticks}{word} §code{ticks}"
    if choice == 14:
        return f"{word[:1]}{draw(st.sampled_from(WORD_ENTITIES))}{word[1:]}" if word.isalpha() else word
    if choice == 15:
        return f"<span class=\"x\">{word}</span>"
    if choice == 16:
        return f"<!-- {word} -->"
    return f"{word}{draw(st.sampled_from(['.', ',', '!', '?', ':', ';']))}"


@st.composite
def md_inline(draw, min_size=1, max_size=6):
    parts = draw(st.lists(md_inline_piece(), min_size=min_size, max_size=max_size))
    # Never start with something that makes a line a different block.
    return "w " + joined(draw, parts) if parts[0][:1] in "<&\\`[*_" else joined(draw, parts)


@st.composite
def md_block(draw, nl):
    kind = draw(st.integers(0, 11))
    inline = md_inline()
    if kind <= 2:  # paragraph, possibly wrapped or with a hard break
        lines = draw(st.lists(inline, min_size=1, max_size=3))
        brk = draw(st.sampled_from(["", "", "  ", "\\"]))
        return (brk + nl).join(lines)
    if kind == 3:
        return "#" * draw(st.integers(1, 6)) + " " + draw(inline) + draw(st.sampled_from(["", " ##"]))
    if kind == 4:
        return draw(inline) + nl + draw(st.sampled_from(["===", "---", "======"]))
    if kind == 5:  # list, tight or loose, maybe nested
        marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)"]))
        items = draw(st.lists(inline, min_size=1, max_size=4))
        gap = draw(st.sampled_from([nl, nl + nl]))
        out = []
        for item in items:
            out.append(f"{marker} {item}")
            if draw(st.booleans()):
                out.append(" " * (len(marker) + 1) + "- " + draw(inline))
        return gap.join(out)
    if kind == 6:  # blockquote with lazy continuation
        lines = draw(st.lists(inline, min_size=1, max_size=3))
        return nl.join(("> " if k == 0 or draw(st.booleans()) else "") + line for k, line in enumerate(lines))
    if kind == 7:  # table
        cols = draw(st.integers(1, 3))
        cell = md_inline(max_size=2)
        rows = [[draw(cell) for _ in range(cols)] for _ in range(draw(st.integers(1, 3)))]
        header = "| " + " | ".join(draw(cell) for _ in range(cols)) + " |"
        delim = "|" + "|".join(["---"] * cols) + "|"
        return nl.join([header, delim] + ["| " + " | ".join(r) + " |" for r in rows])
    if kind == 8:  # fenced code
        fence = draw(st.sampled_from(["```", "~~~"]))
        body = nl.join(draw(st.lists(md_inline(), min_size=0, max_size=2)))
        return f"{fence}{draw(st.sampled_from(['', 'python']))}{nl}§ {body}{nl}{fence}"
    if kind == 9:  # indented code
        # Indented lines right after a paragraph continue it, and after a list they belong to its
        # last item: so a paragraph and a blank line go first.
        return nl + "w" + nl + nl + nl.join("    § " + draw(md_inline()) for _ in range(draw(st.integers(1, 2))))
    if kind == 10:  # an HTML block: plain words, entities that HTML decodes, a comment
        body = joined(draw, draw(st.lists(st.one_of(words, st.sampled_from(["&amp;", "&mdash;"])), min_size=1, max_size=5)))
        tag = draw(st.sampled_from(["div", "p", "section"]))
        return f"<{tag}>{nl}{body}{nl}</{tag}>{nl}"  # ends at a blank line
    return nl + "[ref]: http://example.com/§ref \"§title\""  # cannot interrupt a paragraph


@st.composite
def markdown_documents(draw):
    nl = draw(line_ends)
    mixed = draw(st.booleans())
    blocks = draw(st.lists(md_block(nl), min_size=1, max_size=6))
    if mixed:  # any line end anywhere (but a CR never directly before an LF: that would join two)
        text = nl.join(blocks) + nl
        pieces = re.split(r"\r\n|\r|\n", text)
        body = ""
        for k, piece in enumerate(pieces[:-1]):
            choices = ["\n", "\r\n"] if pieces[k + 1] == "" else ["\n", "\r\n", "\r"]
            body += piece + draw(st.sampled_from(choices))
    else:
        body = (nl + nl).join(blocks) + draw(st.sampled_from(["", nl]))
    if draw(st.booleans()):
        title = joined(draw, draw(st.lists(ascii_words, min_size=1, max_size=3)))
        body = f"---{nl}title: {title}{nl}tags: [a, b]{nl}---{nl}" + body
    return body


@SETTINGS
@given(markdown_documents())
def test_markdown_words_map_to_their_source(source):
    doc = parse_markdown("doc.md", source)
    check_all(doc)
    assert not doc.problems


@SETTINGS
@given(markdown_documents())
def test_markdown_code_never_in_prose(source):
    doc = parse_markdown("doc.md", source)
    for block in doc.blocks:
        if block.kind != CODE:
            assert HIDDEN not in block.text


@st.composite
def markdown_tables(draw):
    """Tables whose cells repeat a few words, with escapes, entities and code in some cells."""
    nl = draw(line_ends)
    cols = draw(st.integers(1, 4))
    cell = st.one_of(
        common_words,
        st.sampled_from(["", "a \\| a", "`a|b`", "**a**", "a &amp; a", "[a](u)", "\\*a"]),
    )
    outer = draw(st.booleans())

    def row(cells):
        inner = " | ".join(cells)
        return f"| {inner} |" if outer else inner

    rows = [row([draw(cell) for _ in range(cols)]) for _ in range(draw(st.integers(1, 4)))]
    delim = row(["---"] * cols)
    return nl.join([rows[0], delim] + rows[1:]) + nl


@SETTINGS
@given(markdown_tables())
def test_markdown_table_cells_map_to_their_own_cell(source):
    doc = parse_markdown("doc.md", source)
    check_all(doc)


# ---------------------------------------------------------------- HTML

HTML_ENTITIES = ["&amp;", "&mdash;", "&#8209;", "&nbsp;", "&lt;", "&gt;", "&amp", "&#x2014;", "&quot;"]


@st.composite
def html_inline(draw):
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        word = draw(words)
        choice = draw(st.integers(0, 11))
        if choice <= 4:
            parts.append(word)
        elif choice == 5:
            parts.append(f"<b>{word}</b>")
        elif choice == 6:
            parts.append(f'<a href="http://example.com/?a=1&amp;b=2§" title="§title">{word}</a>')
        elif choice == 7:
            parts.append(draw(st.sampled_from(HTML_ENTITIES)))
        elif choice == 8:
            parts.append(f"<code>{word} §code</code>")
        elif choice == 9:
            parts.append(f"{word[:1]}{draw(st.sampled_from(WORD_ENTITIES))}{word[1:]}" if word.isalpha() else word)
        elif choice == 10:
            parts.append("<br>")
        else:
            parts.append(f"<!-- {word} -->")
    return joined(draw, parts)


@st.composite
def html_block(draw, nl):
    inline = draw(html_inline())
    kind = draw(st.integers(0, 10))
    if kind <= 1:
        return f"<p>{inline}</p>" if draw(st.booleans()) else f"<p>{inline}"
    if kind == 2:
        n = draw(st.integers(1, 6))
        return f"<h{n}>{inline}</h{n}>"
    if kind == 3:
        items = [draw(html_inline()) for _ in range(draw(st.integers(1, 3)))]
        close = draw(st.sampled_from(["</li>", ""]))
        return "<ul>" + nl + nl.join(f"  <li>{i}{close}" for i in items) + nl + "</ul>"
    if kind == 4:
        return f"<blockquote>{nl}{inline}{nl}</blockquote>"
    if kind == 5:
        cells = "".join(f"<td>{draw(html_inline())}</td>" for _ in range(draw(st.integers(1, 3))))
        return f"<table>{nl}<tr><th>{inline}</th></tr>{nl}<tr>{cells}</tr>{nl}</table>"
    if kind == 6:
        return f"<pre>{nl}{draw(words)} §code{nl}</pre>"
    if kind == 7:
        return f"<script>var code = \"{draw(words)} <b>§title</b>\";</script>"
    if kind == 8:
        return f"<nav><a href=\"/\">§code {draw(words)}</a></nav>"
    if kind == 9:
        return f"<div>{nl}{inline}{nl}<div>{draw(html_inline())}</div>{nl}</div>"
    return f"<style>p {{ content: \"§code\"; }}</style>{inline}"


@st.composite
def html_documents(draw):
    nl = draw(line_ends)
    blocks = nl.join(draw(st.lists(html_block(nl), min_size=1, max_size=6)))
    if draw(st.booleans()):
        head = f'<head>{nl}<meta name="description" content="§code">{nl}<title>§{draw(words)}</title>{nl}</head>'
        return f'<!DOCTYPE html>{nl}<html lang="en">{nl}{head}{nl}<body>{nl}<header>§code</header>{nl}<article>{nl}{blocks}{nl}</article>{nl}<footer>§code</footer>{nl}</body></html>'
    return blocks


@SETTINGS
@given(html_documents())
def test_html_words_map_to_their_source(source):
    doc = parse_html("doc.html", source)
    check_all(doc)
    for block in doc.blocks:
        if block.kind != CODE:
            assert HIDDEN not in block.text


# ---------------------------------------------------------------- plain text


@st.composite
def text_documents(draw):
    nl = draw(line_ends)
    blocks = []
    for _ in range(draw(st.integers(1, 6))):
        line = joined(draw, draw(st.lists(st.one_of(words, words.map(lambda w: w + ".")), min_size=1, max_size=6)))
        kind = draw(st.integers(0, 5))
        if kind == 0:
            blocks.append(line + nl + draw(st.sampled_from(["===", "---"])))
        elif kind == 1:
            blocks.append(nl.join(f"{m} {line}" for m in draw(st.lists(st.sampled_from(["-", "*", "•", "1.", "2)"]), min_size=1, max_size=3))))
        elif kind == 2:
            blocks.append(line.upper())
        else:
            extra = draw(st.lists(st.just(line), max_size=2))
            blocks.append(nl.join([line] + [draw(spaces) + e for e in extra]))
    body = (nl + nl).join(blocks) + draw(st.sampled_from(["", nl]))
    if draw(st.booleans()):
        body = f"---{nl}title: {draw(ascii_words)}{nl}---{nl}" + body
    return body


@SETTINGS
@given(text_documents())
def test_text_words_map_to_their_source(source):
    doc = parse_text("doc.txt", source)
    check_all(doc)
    assert not doc.problems


# ---------------------------------------------------------------- arbitrary input

# Text biased towards characters that mean something to one of the parsers.
markup_alphabet = st.sampled_from(list("<>/&;#*_`[]()!|-=>\\\"' \t\r\n\x00:.1aZé😀") + ["---", "<!--", "-->", "```", "&amp;", "<p>", "</p>", "<br>", "\r\n", "    ", "<![", "<!", "</", "<http://", "%41", "&#0;", "<pre>", "<li>"])
markupish_text = st.lists(markup_alphabet, max_size=60).map("".join)
arbitrary_text = st.one_of(st.text(max_size=200), markupish_text, st.text(alphabet="<>&;#a \n\r-", max_size=80))


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
@FUZZ_SETTINGS
@given(source=arbitrary_text)
def test_arbitrary_text_never_raises(fmt, source):
    doc = parse_document(f"doc.{fmt}", source, fmt)
    check_spans_inside(doc)
    check_characters(doc)
    n = len(source)
    check_positions(doc, range(0, n + 1, max(1, n // 25)))
    for block in doc.blocks:
        block.sentences  # noqa: B018 - splitting must not raise either


@pytest.mark.parametrize("fmt", ["markdown", "text"])
@FUZZ_SETTINGS
@given(
    yaml=st.one_of(
        st.text(max_size=60),
        st.lists(
            st.sampled_from(["a: 1", "b:", "  - x", ": :", "[", "{", "'", "2024-13-45", "c: !!int x", "\t", "&a", "*a", "---", "\x85", "d: x\u2028e: 2"]),
            max_size=5,
        ).map("\n".join),
    ),
    nl=line_ends,
)
def test_arbitrary_front_matter_never_raises(fmt, yaml, nl):
    source = f"---{nl}{yaml}{nl}---{nl}Body text here.{nl}"
    doc = parse_document(f"doc.{fmt}", source, fmt)
    check_spans_inside(doc)
    assert isinstance(doc.metadata, dict)
    for problem in doc.problems:
        assert problem.rule == "carecheck.front-matter"
    if doc.metadata_lines:
        closing_line = doc.position(doc.metadata_span.end)[0]
        for line in doc.metadata_lines.values():
            assert 2 <= line < closing_line  # between the --- lines


@settings(max_examples=200, deadline=None)
@given(source=st.text(alphabet="ab\r\n\t😀é", max_size=50), data=st.data())
def test_line_index_round_trip(source, data):
    doc = Document(path="x", format="text", source=source)
    offset = data.draw(st.integers(0, len(source)))
    check_positions(doc, [offset])
    line, column = doc.position(offset)
    # Counting code points: the column is one more than the characters before offset on its line.
    assert column == offset - doc.lines.offset(line) + 1


# ---- fuzzing the judges and extractors: no exception, and spans inside the text

WORDS = st.sampled_from(["not", "myth", "a", "is", "attention-seeking", "988", "17%", "one in five", "March", "2026", "'", '"', "?", "—", ";", "call", "text", "never", "some say", "if", "1-800-273-8255", "(", ")", "half of", "per", "100,000", "g", "=", "-0.44"])


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=30), st.text(max_size=40))
def test_context_judge_never_fails(words, noise):
    from checker.context import LABELS, judge, load_context_rules
    from checker.rulefile import builtin_rules_dir

    rules = load_context_rules(str(builtin_rules_dir() / "data" / "context.yaml"))
    text = " ".join(words) + noise
    for start in range(0, len(text), 7):
        end = min(len(text), start + 5)
        assert judge(text, start, end, rules).label in LABELS


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(WORDS, max_size=30).map(" ".join)))
def test_numbers_dates_and_figures_never_fail_and_stay_inside(text):
    from checker.dates import parse_date
    from checker.phonenumbers import find_numbers
    from checker.statistics import find_figures

    for number in find_numbers(text):
        assert 0 <= number.start < number.end <= len(text) and text[number.start : number.end] == number.raw
    for figure in find_figures(text):
        assert 0 <= figure.start < figure.end <= len(text) and figure.low <= figure.high
    parse_date(text, True)
    parse_date(text, False)


# ---------------------------------------------------------------- the phrase pre-check is sound

PHRASE_WORDS = ["suicide", "Suicide", "SUICIDE", "self", "harm", "self-harm", "ſuicide", "Kelvin", "\u212aelvin", "İstanbul", "straße", "cry", "for", "help", "o.c.d.", "don't", "café", "cafe\u0301", "x_y", "42"]
GLUE = [" ", "  ", "\n", "-", ".", ",", "'", "’", "(", ")", "", "\u00a0", "_"]


@settings(max_examples=400, deadline=None)
@given(
    phrases=st.lists(st.lists(st.sampled_from(PHRASE_WORDS), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4),
    text=st.lists(st.tuples(st.sampled_from(PHRASE_WORDS), st.sampled_from(GLUE)), max_size=12).map(lambda parts: "".join(w + g for w, g in parts)),
)
def test_a_phrase_that_matches_always_passes_the_word_pre_check(phrases, text):
    """The word-set pre-check may let a text through that the regex then rejects, never the
    reverse, whatever the case, hyphens, apostrophes or Unicode case folding."""
    from checker.phrases import PhraseList, words_in

    listed = PhraseList(phrases)
    if listed.regex.search(text):
        assert listed.may_occur(words_in(text))
        assert listed.may_occur(words_in(text), listed.needs_met(words_in(text)))
