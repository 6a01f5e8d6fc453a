"""Markdown parsing: block kinds, and exact (line, column) positions of words in the source."""

from __future__ import annotations

import re

import pytest

from checker.document import CODE, HEADING, LIST_ITEM, PARAGRAPH, PLACEHOLDER, QUOTE, TABLE_CELL, Span
from checker.parsing import parse_document
from checker.parsing.markdown import parse_markdown


def parse(source: str):
    return parse_markdown("doc.md", source)


def occurrences(doc, word: str):
    """(block, start, end) of each whole-word occurrence of word in the prose blocks' text."""
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")
    return [(b, m.start(), m.end()) for b in doc.blocks if b.kind != CODE for m in pattern.finditer(b.text)]


def locate(doc, word: str, nth: int = 0):
    """The (line, column) where the nth occurrence of word starts, checking its source span."""
    found = occurrences(doc, word)
    assert len(found) > nth, f"{word!r} not in {[b.text for b in doc.blocks]}"
    block, start, end = found[nth]
    span = block.source_span(start, end)
    return doc.position(span.start)


def source_of(doc, word: str, nth: int = 0) -> str:
    block, start, end = occurrences(doc, word)[nth]
    span = block.source_span(start, end)
    return doc.source[span.start : span.end]


def texts(doc, kind=None):
    return [b.text for b in doc.blocks if kind is None or b.kind == kind]


# ---------------------------------------------------------------- positions


def test_word_after_front_matter():
    source = "---\ntitle: Coping\nreviewed: 2026-03-24\n---\n\n# Heading\n\nA target word.\n"
    doc = parse(source)
    assert locate(doc, "Heading") == (6, 3)
    assert locate(doc, "target") == (8, 3)
    assert source_of(doc, "target") == "target"


def test_front_matter_is_not_text():
    doc = parse("---\ntitle: Secret title\n---\nBody text.\n")
    assert texts(doc) == ["Body text."]
    assert locate(doc, "Body") == (4, 1)


def test_crlf_line_ends():
    source = "---\r\ntitle: x\r\n---\r\n\r\nFirst line\r\nsecond target\r\n\r\n- item target\r\n"
    doc = parse(source)
    assert doc.metadata == {"title": "x"}
    assert locate(doc, "First") == (5, 1)
    assert locate(doc, "target") == (6, 8)
    assert locate(doc, "target", 1) == (8, 8)
    # The soft line break is a space that maps to the CRLF.
    block = doc.blocks[0]
    assert block.text == "First line second target"
    space = block.text.index(" second")
    span = block.source_span(space, space + 1)
    assert source[span.start : span.end].endswith("\r\n")


def test_lone_cr_line_ends():
    source = "# Title\r\rOne line\rtwo target\r"
    doc = parse(source)
    assert [b.kind for b in doc.blocks] == [HEADING, PARAGRAPH]
    assert locate(doc, "Title") == (1, 3)
    assert locate(doc, "target") == (4, 5)


def test_tabs_count_as_one_column():
    doc = parse("A\tb\ttarget\n\n-\titem\ttarget\n")
    assert locate(doc, "target") == (1, 5)
    assert locate(doc, "item") == (3, 3)
    assert locate(doc, "target", 1) == (3, 8)


def test_non_ascii_and_emoji_are_one_column_each():
    doc = parse("Café naïve 😀 target\n中文字 😀👍 second\n")
    assert locate(doc, "target") == (1, 14)
    assert locate(doc, "second") == (2, 8)
    assert locate(doc, "中文字") == (2, 1)
    assert source_of(doc, "naïve") == "naïve"


def test_emphasis():
    doc = parse("Some **bold target** and _em target_ and ***both***.\n")
    assert texts(doc) == ["Some bold target and em target and both."]
    assert locate(doc, "bold") == (1, 8)
    assert locate(doc, "target") == (1, 13)
    assert locate(doc, "em") == (1, 27)
    assert locate(doc, "target", 1) == (1, 30)
    assert locate(doc, "both") == (1, 45)


def test_inline_link_text_and_what_follows():
    source = 'Go to [the link text](http://example.com/x "A title") now.\n'
    doc = parse(source)
    assert texts(doc) == ["Go to the link text now."]
    assert locate(doc, "link") == (1, 12)
    assert locate(doc, "now") == (1, 55)
    block = doc.blocks[0]
    assert block.links == [(6, 19, "http://example.com/x")]


def test_link_with_parentheses_in_url():
    source = "See [info](https://en.wikipedia.org/wiki/Grief_(emotion)) then after.\n"
    doc = parse(source)
    assert texts(doc) == ["See info then after."]
    assert locate(doc, "then") == (1, 59)
    assert locate(doc, "after") == (1, 64)


def test_link_title_in_parentheses_and_angle_destination():
    doc = parse("A [x](<a b> (title)) then [y](u 'q)') end.\n")
    assert texts(doc) == ["A x then y end."]
    assert locate(doc, "then") == (1, 22)
    assert locate(doc, "end") == (1, 39)


def test_empty_link_text_does_not_pull_later_text_into_the_url():
    doc = parse("[](<a b>) b\n")
    assert texts(doc) == [" b"]
    assert locate(doc, "b") == (1, 11)


def test_reference_links():
    source = "Read [the guide][g], [g][] and [g] today.\n\n[g]: http://example.com \"Title\"\n"
    doc = parse(source)
    assert texts(doc) == ["Read the guide, g and g today."]
    assert locate(doc, "guide") == (1, 11)
    assert locate(doc, "g") == (1, 23)
    assert locate(doc, "g", 1) == (1, 33)
    assert locate(doc, "today") == (1, 36)
    assert [href for _, _, href in doc.blocks[0].links] == ["http://example.com"] * 3


def test_autolinks():
    doc = parse("Mail <help@example.org> or see <https://example.org/page> now.\n")
    assert texts(doc) == ["Mail help@example.org or see https://example.org/page now."]
    assert locate(doc, "help") == (1, 7)
    assert locate(doc, "see") == (1, 28)
    assert locate(doc, "https") == (1, 33)
    assert locate(doc, "now") == (1, 59)


def test_entities_map_to_the_whole_entity():
    source = "Tom &amp; Jerry &mdash; caf&eacute; &#8209; end\n"
    doc = parse(source)
    block = doc.blocks[0]
    assert block.text == "Tom & Jerry — café \u2011 end"
    amp = block.text.index("&")
    span = block.source_span(amp, amp + 1)
    assert (span.start, span.end) == (4, 9)
    assert source[span.start : span.end] == "&amp;"
    dash = block.text.index("—")
    span = block.source_span(dash, dash + 1)
    assert source[span.start : span.end] == "&mdash;"
    assert source_of(doc, "café") == "caf&eacute;"
    assert locate(doc, "Jerry") == (1, 11)
    assert locate(doc, "end") == (1, 45)


def test_literal_ampersand_and_unknown_entity():
    doc = parse("AT&T and &notanentity; ok\n")
    assert texts(doc) == ["AT&T and &notanentity; ok"]
    assert source_of(doc, "AT") == "AT"
    assert locate(doc, "ok") == (1, 24)


def test_backslash_escapes():
    source = "Not \\*em\\* and a \\\\ backslash \\_x\\_ end\n"
    doc = parse(source)
    block = doc.blocks[0]
    assert block.text == "Not *em* and a \\ backslash _x_ end"
    star = block.text.index("*")
    span = block.source_span(star, star + 1)
    assert source[span.start : span.end] == "\\*"
    backslash = block.text.index("\\")
    span = block.source_span(backslash, backslash + 1)
    assert source[span.start : span.end] == "\\\\"
    assert locate(doc, "em") == (1, 7)
    assert locate(doc, "backslash") == (1, 21)
    assert locate(doc, "end") == (1, 37)
    assert source_of(doc, "_x_") == "\\_x\\_"


def test_escape_then_the_same_text_later():
    # " *" is after the escape and again before "**": it must be mapped to the escape.
    source = "a **b** \\*\nw **c**\n"
    doc = parse(source)
    assert texts(doc) == ["a b * w c"]
    assert locate(doc, "w") == (2, 1)
    assert locate(doc, "c") == (2, 5)


def test_inline_code_is_a_placeholder():
    source = "Use `rm -rf target` then target.\n"
    doc = parse(source)
    block = doc.blocks[0]
    assert block.text == f"Use {PLACEHOLDER} then target."
    assert "rm" not in block.text
    k = block.text.index(PLACEHOLDER)
    span = block.source_span(k, k + 1)
    assert source[span.start : span.end] == "`rm -rf target`"
    assert locate(doc, "then") == (1, 21)
    assert locate(doc, "target") == (1, 26)


def test_double_backtick_code_and_image():
    doc = parse("A ``code ` tick`` and ![alt words](img.png \"t\") after.\n")
    block = doc.blocks[0]
    assert block.text == f"A {PLACEHOLDER} and {PLACEHOLDER} after."
    assert locate(doc, "and") == (1, 19)
    assert locate(doc, "after") == (1, 49)


def test_hard_breaks():
    doc = parse("Line one\\\nline two  \nline three\n")
    assert texts(doc) == ["Line one line two line three"]
    assert locate(doc, "two") == (2, 6)
    assert locate(doc, "three") == (3, 6)


def test_inline_html_is_skipped():
    doc = parse('Some <span class="word">inner</span> text<br>after.\n')
    assert texts(doc) == ["Some inner text after."]
    assert locate(doc, "inner") == (1, 25)
    assert locate(doc, "after") == (1, 46)


# ---------------------------------------------------------------- lists, quotes, tables, headings


def test_tight_and_nested_lists():
    source = "- one\n- two\n  - nested target\n- three\n"
    doc = parse(source)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (LIST_ITEM, "one"),
        (LIST_ITEM, "two"),
        (LIST_ITEM, "nested target"),
        (LIST_ITEM, "three"),
    ]
    assert locate(doc, "nested") == (3, 5)
    assert locate(doc, "three") == (4, 3)


def test_loose_ordered_list():
    source = "1. First item\n\n2. Second item\n   continued here\n\n10) Tenth\n"
    doc = parse(source)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (LIST_ITEM, "First item"),
        (LIST_ITEM, "Second item continued here"),
        (LIST_ITEM, "Tenth"),
    ]
    assert locate(doc, "Second") == (3, 4)
    assert locate(doc, "continued") == (4, 4)
    assert locate(doc, "Tenth") == (6, 5)


def test_blockquote_with_lazy_line():
    source = "> quoted line\nlazy target\n\n> > inner\n> > quote\n"
    doc = parse(source)
    assert [(b.kind, b.text) for b in doc.blocks] == [(QUOTE, "quoted line lazy target"), (QUOTE, "inner quote")]
    assert locate(doc, "quoted") == (1, 3)
    assert locate(doc, "target") == (2, 6)
    assert locate(doc, "quote") == (5, 5)


def test_list_inside_quote():
    doc = parse("> - quoted item\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [(LIST_ITEM, "quoted item")]
    assert locate(doc, "item") == (1, 12)


def test_table_cells():
    source = "| Name | Name |\n|------|:----:|\n| same | same |\n| x \\| y | `z` |\n"
    doc = parse(source)
    cells = [b for b in doc.blocks if b.kind == TABLE_CELL]
    assert [b.text for b in cells] == ["Name", "Name", "same", "same", "x | y", PLACEHOLDER]
    # Equal words in different cells of a row are found in their own cells.
    assert locate(doc, "Name") == (1, 3)
    assert locate(doc, "Name", 1) == (1, 10)
    assert locate(doc, "same") == (3, 3)
    assert locate(doc, "same", 1) == (3, 10)
    assert locate(doc, "y") == (4, 8)
    pipe = cells[4].text.index("|")
    span = cells[4].source_span(pipe, pipe + 1)
    assert source[span.start : span.end] == "\\|"


def test_table_without_outer_pipes():
    doc = parse("a | a\n--|--\nb | b\n")
    assert [b.kind for b in doc.blocks] == [TABLE_CELL] * 4
    assert locate(doc, "a", 1) == (1, 5)
    assert locate(doc, "b", 1) == (3, 5)


def test_atx_headings():
    doc = parse("# One\n\n## Two words ##\n\n###### Six\n")
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [(HEADING, 1, "One"), (HEADING, 2, "Two words"), (HEADING, 6, "Six")]
    assert locate(doc, "words") == (3, 8)
    assert locate(doc, "Six") == (5, 8)


def test_setext_headings():
    doc = parse("Big title\n=========\n\nSmall title\n-----------\n\nText.\n")
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        (HEADING, 1, "Big title"),
        (HEADING, 2, "Small title"),
        (PARAGRAPH, 0, "Text."),
    ]
    assert locate(doc, "Small") == (4, 1)
    assert locate(doc, "Text") == (7, 1)


def test_heading_text_after_inline_markup():
    doc = parse("## A *very* `x` heading\n")
    assert doc.blocks[0].text == f"A very {PLACEHOLDER} heading"
    assert locate(doc, "heading") == (1, 17)


# ---------------------------------------------------------------- code


def test_fenced_and_indented_code_are_code_and_never_prose():
    source = "Intro.\n\n```python\nsecret_fenced = 'danger words'\n```\n\n~~~\ntilde fenced\n~~~\n\n    indented secret\n\nAfter.\n"
    doc = parse(source)
    assert [b.kind for b in doc.blocks] == [PARAGRAPH, CODE, CODE, CODE, PARAGRAPH]
    prose = " ".join(b.text for b in doc.blocks if b.kind != CODE)
    for word in ("secret_fenced", "danger", "tilde", "indented", "secret"):
        assert word not in prose
    code = [b for b in doc.blocks if b.kind == CODE]
    assert code[0].text == "secret_fenced = 'danger words'\n"
    assert doc.position(code[0].span.start) == (3, 1)
    assert doc.position(code[2].span.start) == (11, 1)
    # The whole code block maps to its whole source.
    span = code[0].source_span(0, len(code[0].text))
    assert source[span.start : span.end] == "```python\nsecret_fenced = 'danger words'\n```"
    assert locate(doc, "After") == (13, 1)


def test_code_inside_list_item():
    doc = parse("- item\n\n  ```\n  code here\n  ```\n")
    assert [b.kind for b in doc.blocks] == [LIST_ITEM, CODE]
    assert "code" not in doc.blocks[0].text


# ---------------------------------------------------------------- HTML inside Markdown


def test_html_block_text_becomes_blocks():
    source = "Intro.\n\n<div class=\"note\">\n<p>Inner <b>html</b> text &amp; more</p>\n</div>\n\nAfter.\n"
    doc = parse(source)
    assert texts(doc) == ["Intro.", "Inner html text & more", "After."]
    assert locate(doc, "Inner") == (4, 4)
    assert locate(doc, "more") == (4, 33)
    block = doc.blocks[1]
    amp = block.text.index("&")
    span = block.source_span(amp, amp + 1)
    assert source[span.start : span.end] == "&amp;"


def test_html_block_script_is_ignored():
    doc = parse("<script>\nvar hidden = 'words';\n</script>\n\nVisible.\n")
    assert texts(doc) == ["Visible."]


def test_html_block_inside_blockquote_leaves_out_the_markers():
    source = "> <div>\n> quoted html\n> </div>\n"
    doc = parse(source)
    assert [(b.kind, b.text.strip()) for b in doc.blocks] == [(QUOTE, "quoted html")]
    assert ">" not in doc.blocks[0].text
    assert locate(doc, "quoted") == (2, 3)


def test_html_comments_are_collected_with_spans():
    source = "Text <!-- carecheck-disable wording --> more.\n\n<!-- block\ncomment -->\n\nEnd <!-- a\r\nb --> x.\n"
    doc = parse(source)
    assert [c.text for c in doc.comments] == [" carecheck-disable wording ", " block\ncomment ", " a\nb "]
    for comment in doc.comments:
        text = source[comment.span.start : comment.span.end]
        assert text.startswith("<!--") and text.endswith("-->")
    assert doc.position(doc.comments[0].span.start) == (1, 6)
    assert doc.position(doc.comments[1].span.start) == (3, 1)
    assert doc.position(doc.comments[2].span.start) == (6, 5)
    assert texts(doc) == ["Text  more.", "End  x."]
    assert locate(doc, "x") == (7, 7)


# ---------------------------------------------------------------- kinds and metadata


def test_block_kinds():
    source = "# Title\n\nPara.\n\n- item\n\n> quote\n\n| a |\n|---|\n| b |\n\n```\ncode\n```\n"
    doc = parse(source)
    assert [b.kind for b in doc.blocks] == [HEADING, PARAGRAPH, LIST_ITEM, QUOTE, TABLE_CELL, TABLE_CELL, CODE]
    assert doc.format == "markdown"
    assert [b.kind for b in doc.prose_blocks()] == [HEADING, PARAGRAPH, LIST_ITEM, QUOTE, TABLE_CELL, TABLE_CELL]


def test_block_spans_start_at_the_block():
    doc = parse("Intro.\n\n## Heading\n\nPara line\ncontinued.\n")
    assert [doc.position(b.span.start) for b in doc.blocks] == [(1, 1), (3, 1), (5, 1)]
    assert doc.position(doc.blocks[2].span.end) == (6, 11)


def test_sentences_map_to_source():
    source = "---\nt: 1\n---\nFirst *one*. Second\r\none.\n"
    doc = parse(source)
    block = doc.blocks[0]
    assert [s.text for s in block.sentences] == ["First one.", "Second one."]
    assert [doc.position(s.span.start) for s in block.sentences] == [(4, 1), (4, 14)]
    assert doc.position(block.sentences[1].span.end) == (5, 5)


def test_front_matter_metadata_and_lines():
    source = "---\ntitle: Coping with grief\nreviewed: 2026-03-24\n\ntags:\n  - grief\n  - loss\nauthor: Dr. A\n---\nBody.\n"
    doc = parse(source)
    assert doc.metadata["title"] == "Coping with grief"
    assert doc.metadata["tags"] == ["grief", "loss"]
    assert str(doc.metadata["reviewed"]) == "2026-03-24"
    assert doc.metadata_lines == {"title": 2, "reviewed": 3, "tags": 5, "author": 8}
    assert doc.metadata_span is not None
    assert source[doc.metadata_span.start : doc.metadata_span.end].endswith("author: Dr. A\n---")
    assert not doc.problems


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_front_matter_with_any_line_end(nl):
    source = f"---{nl}title: T{nl}lang: en{nl}---{nl}Body word.{nl}"
    doc = parse(source)
    assert doc.metadata == {"title": "T", "lang": "en"}
    assert doc.metadata_lines == {"title": 2, "lang": 3}
    assert not doc.problems
    assert texts(doc) == ["Body word."]
    assert locate(doc, "word") == (5, 6)


def test_front_matter_lines_where_yaml_sees_more_line_breaks():
    # YAML ends lines at NEL and LS too; the file (and every editor) does not.
    doc = parse("---\n\x85\x85\x85a: 1\nt: x\u2028b: 2\nc: 3\n---\nBody.\n")
    assert doc.metadata == {"a": 1, "t": "x", "b": 2, "c": 3}
    assert doc.metadata_lines == {"a": 2, "t": 3, "b": 3, "c": 4}


def test_front_matter_closed_with_dots_and_empty():
    assert parse("---\ntitle: x\n...\nBody.\n").metadata == {"title": "x"}
    doc = parse("---\n---\nBody.\n")
    assert doc.metadata == {} and not doc.problems and texts(doc) == ["Body."]


def test_no_front_matter_when_not_on_the_first_line():
    doc = parse("\n---\ntitle: x\n---\n")
    assert doc.metadata == {}
    assert not doc.problems


def problem_line(doc):
    assert len(doc.problems) == 1
    problem = doc.problems[0]
    assert problem.rule == "carecheck.front-matter"
    return doc.position(problem.span.start)[0]


def test_unterminated_front_matter():
    doc = parse("---\ntitle: x\n\nBody text.\n")
    assert problem_line(doc) == 1
    assert "not terminated" in doc.problems[0].message
    assert doc.metadata == {}
    assert "Body text." in texts(doc)


def test_invalid_yaml_front_matter():
    doc = parse("---\ntitle: ok\n  bad indent: x\n---\nBody.\n")
    assert problem_line(doc) == 3
    assert doc.metadata == {}
    assert texts(doc) == ["Body."]
    assert locate(doc, "Body") == (5, 1)  # the front matter is still not text


def test_duplicate_key_front_matter():
    doc = parse("---\na: 1\nb: 2\na: 3\n---\nBody.\n")
    assert problem_line(doc) == 4


@pytest.mark.parametrize("yaml", ["- a\n- b", "just a string", "42"])
def test_non_mapping_front_matter(yaml):
    doc = parse(f"---\n{yaml}\n---\nBody.\n")
    assert problem_line(doc) == 2
    assert "mapping" in doc.problems[0].message
    assert doc.metadata == {}
    assert texts(doc) == ["Body."]


@pytest.mark.parametrize("yaml", ["reviewed: 2024-13-45", "n: !!int abc", "t: !!timestamp nope", "f: !!float abc"])
def test_front_matter_values_yaml_cannot_build(yaml):
    doc = parse(f"---\ntitle: x\n{yaml}\n---\nBody.\n")
    assert len(doc.problems) == 1 and doc.problems[0].rule == "carecheck.front-matter"
    assert texts(doc) == ["Body."]


def test_parse_document_picks_markdown_by_suffix():
    doc = parse_document("notes.md", "# Hi\n")
    assert doc.format == "markdown"
    assert doc.blocks[0].kind == HEADING


def test_nul_character_does_not_break_positions():
    doc = parse("a\x00b target\n")
    assert locate(doc, "target") == (1, 5)
    # markdown-it turns both NUL and &#0; into U+FFFD: each maps to its own source.
    source = "\x00a&#0;b end"
    doc = parse(source)
    block = doc.blocks[0]
    assert block.text == "\ufffda\ufffdb end"
    assert [block.source_span(k, k + 1) for k in range(4)] == [Span(0, 1), Span(1, 2), Span(2, 6), Span(6, 7)]
    assert locate(doc, "end") == (1, 9)


def test_autolink_that_markdown_it_decodes():
    source = "See <http://a.b/%41x> and <http://xn--mnchen-3ya.de/p> end x\n"
    doc = parse(source)
    block = doc.blocks[0]
    assert block.text == "See http://a.b/Ax and http://münchen.de/p end x"
    # The decoded URL stands for its whole source; what follows is still found in place.
    k = block.text.index("münchen")
    span = block.source_span(k, k + 7)
    assert source[span.start : span.end] == "http://xn--mnchen-3ya.de/p"
    assert locate(doc, "and") == (1, 23)
    assert locate(doc, "end") == (1, 56)
    assert locate(doc, "x") == (1, 60)


def test_code_block_text_maps_inside_its_block():
    doc = parse("```\nline one\nline two\n```\n")
    code = doc.blocks[0]
    for k in range(len(code.text) + 1):
        span = code.source_span(k, min(k + 1, len(code.text)))
        assert code.span.start <= span.start <= span.end <= code.span.end


# ---------------------------------------------------------------- indented prose


def test_an_indented_block_that_reads_as_prose_is_checked_as_paragraphs():
    """Text pasted from a web page often arrives indented four spaces: it is prose, not code."""
    source = ("# Facts\n\n  • 81%\n\n    According to a 2015 survey, 81 per cent of people\n    are more aware"
              " of mental health.\n\n    A second paragraph\n    of the same block.\n")
    doc = parse(source)
    assert texts(doc, PARAGRAPH) == ["• 81%", "According to a 2015 survey, 81 per cent of people are more aware of mental health.",
                                     "A second paragraph of the same block."]
    assert not texts(doc, CODE)
    assert locate(doc, "aware") == (6, 14) and source_of(doc, "aware") == "aware"
    assert locate(doc, "second") == (8, 7)
    people = next(b for b in doc.blocks if "people" in b.text)
    assert people.breaks == (len("According to a 2015 survey, 81 per cent of people"),)


@pytest.mark.parametrize(
    "source",
    [
        "Run this:\n\n    pip install carecheck\n    carecheck check content/\n",  # too few words
        "Config:\n\n    rules:\n      - id: house.rule\n        severity: warning\n",  # not mostly words
        "Code:\n\n    if score > 8: print('Hard to read, split the sentence please')\n",  # code signs
        "Fenced:\n\n```\nThis fenced block has plenty of ordinary words in it.\n```\n",  # fenced: always code
    ],
)
def test_code_stays_code(source):
    doc = parse(source)
    assert len(texts(doc, CODE)) == 1 and len(texts(doc, PARAGRAPH)) == 1
