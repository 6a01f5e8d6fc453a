"""HTML parsing: what is text and what is not, entities, implied end tags, and exact positions."""

from __future__ import annotations

import re

import pytest

from checker.document import CODE, HEADING, LIST_ITEM, PARAGRAPH, PLACEHOLDER, QUOTE, TABLE_CELL
from checker.parsing import parse_document
from checker.parsing.html import parse_html


def parse(source: str):
    return parse_html("page.html", source)


def texts(doc, kind=None):
    return [b.text.strip() for b in doc.blocks if kind is None or b.kind == kind]


def all_text(doc) -> str:
    return " ".join(b.text for b in doc.blocks)


def occurrence(doc, word: str, nth: int = 0):
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")
    found = [(b, m.start(), m.end()) for b in doc.blocks if b.kind != CODE for m in pattern.finditer(b.text)]
    assert len(found) > nth, f"{word!r} not in {texts(doc)}"
    return found[nth]


def locate(doc, word: str, nth: int = 0):
    block, start, end = occurrence(doc, word, nth)
    return doc.position(block.source_span(start, end).start)


def source_of(doc, word: str, nth: int = 0) -> str:
    block, start, end = occurrence(doc, word, nth)
    span = block.source_span(start, end)
    return doc.source[span.start : span.end]


PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="description" content="About anxiety">
<meta property="og:title" content="OG title">
<title>Anxiety &amp; you</title>
<style>p { content: "style text"; }</style>
<script>var s = "<p>script text</p>";</script>
</head>
<body>
<header><p>Site header text</p></header>
<nav><a href="/">Home nav text</a></nav>
<main>
<article>
<header><h1>Article title</h1></header>
<p>First paragraph.</p>
<footer>Article footer note</footer>
</article>
</main>
<aside>Aside text</aside>
<footer>Page footer text</footer>
</body>
</html>
"""


def test_page_chrome_script_and_style_are_ignored():
    doc = parse(PAGE)
    text = all_text(doc)
    for hidden in ("Site header", "Home nav", "Page footer", "script text", "style text", "Anxiety"):
        assert hidden not in text
    assert texts(doc) == ["Article title", "First paragraph.", "Article footer note", "Aside text"]


def test_header_inside_article_is_kept_with_its_heading():
    doc = parse(PAGE)
    heading = doc.blocks[0]
    assert (heading.kind, heading.level, heading.text) == (HEADING, 1, "Article title")
    assert locate(doc, "Article") == (16, 13)
    assert locate(doc, "First") == (17, 4)


def test_header_inside_main_only_is_kept():
    doc = parse("<body><main><header><h2>Main heading</h2></header><p>x</p></main></body>")
    assert texts(doc) == ["Main heading", "x"]


def test_metadata_from_meta_title_and_lang():
    doc = parse(PAGE)
    assert doc.metadata == {
        "lang": "en-GB",
        "description": "About anxiety",
        "og:title": "OG title",
        "title": "Anxiety & you",
    }
    assert doc.metadata_lines == {"lang": 2, "description": 5, "og:title": 6, "title": 7}
    assert doc.format == "html"


def test_entities_are_decoded_and_map_to_the_entity():
    source = "<p>Tom &amp; Jerry &mdash; x&#8209;y &nbsp;end</p>"
    doc = parse(source)
    block = doc.blocks[0]
    assert block.text == "Tom & Jerry — x\u2011y \u00a0end"
    for decoded, entity in (("&", "&amp;"), ("—", "&mdash;"), ("\u2011", "&#8209;"), ("\u00a0", "&nbsp;")):
        k = block.text.index(decoded)
        span = block.source_span(k, k + 1)
        assert source[span.start : span.end] == entity
    assert locate(doc, "Jerry") == (1, 14)
    assert locate(doc, "y") == (1, 36)
    assert locate(doc, "end") == (1, 44)


def test_entities_without_semicolon_and_hex():
    source = "<p>A &amp B caf&eacute &#x1F600; &#233 &copy2024 &unknown; z</p>"
    doc = parse(source)
    block = doc.blocks[0]
    assert block.text == "A & B café 😀 é ©2024 &unknown; z"
    k = block.text.index("&")
    span = block.source_span(k, k + 1)
    assert source[span.start : span.end] == "&amp"
    assert source_of(doc, "café") == "caf&eacute"
    assert source_of(doc, "é") == "&#233"
    # The legacy entity takes only its name; the digits after it are text of their own.
    assert source_of(doc, "2024") == "2024"
    assert locate(doc, "2024") == (1, 45)
    assert source_of(doc, "unknown") == "unknown"
    assert locate(doc, "z") == (1, 60)


def test_entity_in_title_is_decoded():
    doc = parse("<html><head><title>A &lt;b&gt; &#8212; c</title></head><body><p>x</p></body></html>")
    assert doc.metadata["title"] == "A <b> — c"


def test_br_separates_words():
    doc = parse("<p>one<br>two<br/>three <br> four</p>")
    assert texts(doc) == ["one two three  four"]  # a <br> after a space adds none
    assert locate(doc, "two") == (1, 11)
    assert locate(doc, "three") == (1, 19)


def test_inline_elements_do_not_separate_blocks():
    doc = parse('<p>Some <b>bold</b> and <a href="/x">link text</a>.</p>')
    assert texts(doc) == ["Some bold and link text."]
    assert locate(doc, "link") == (1, 38)
    assert doc.blocks[0].links == [(14, 23, "/x")]


def test_paragraphs_without_end_tags():
    source = "<p>First para\n<p>Second para\n<div>Third</div>"
    doc = parse(source)
    assert [(b.kind, b.text.strip()) for b in doc.blocks] == [
        (PARAGRAPH, "First para"),
        (PARAGRAPH, "Second para"),
        (PARAGRAPH, "Third"),
    ]
    assert locate(doc, "Second") == (2, 4)


def test_list_items_without_end_tags():
    source = "<ul>\n<li>one\n<li>two\n  <ul><li>nested</ul>\n<li>three\n</ul>\n<ol><li>first</ol>"
    doc = parse(source)
    assert [(b.kind, b.text.strip()) for b in doc.blocks] == [
        (LIST_ITEM, "one"),
        (LIST_ITEM, "two"),
        (LIST_ITEM, "nested"),
        (LIST_ITEM, "three"),
        (LIST_ITEM, "first"),
    ]
    assert locate(doc, "nested") == (4, 11)
    assert locate(doc, "three") == (5, 5)


def test_blockquote_and_definition_list():
    doc = parse("<blockquote><p>Quoted words</p></blockquote><dl><dt>Term<dd>Meaning</dl>")
    assert [(b.kind, b.text) for b in doc.blocks] == [(QUOTE, "Quoted words"), (LIST_ITEM, "Term"), (LIST_ITEM, "Meaning")]


def test_tables():
    source = "<table>\n<tr><th>Head</th><th>Head</th></tr>\n<tr><td>same<td>same</tr>\n</table>"
    doc = parse(source)
    assert [(b.kind, b.text) for b in doc.blocks] == [(TABLE_CELL, t) for t in ("Head", "Head", "same", "same")]
    assert locate(doc, "Head", 1) == (2, 22)
    assert locate(doc, "same") == (3, 9)
    assert locate(doc, "same", 1) == (3, 17)


def test_headings_have_levels():
    doc = parse("<h1>One</h1><h2>Two</h2><h6>Six <em>words</em></h6>")
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [(HEADING, 1, "One"), (HEADING, 2, "Two"), (HEADING, 6, "Six words")]


def test_pre_is_code_and_never_prose():
    source = "<p>Intro.</p>\n<pre><code>secret code words\nmore</code></pre>\n<p>After.</p>"
    doc = parse(source)
    assert [b.kind for b in doc.blocks] == [PARAGRAPH, CODE, PARAGRAPH]
    code = doc.blocks[1]
    assert "secret code words" in code.text
    span = code.source_span(0, len(code.text))
    assert source[span.start : span.end] == "secret code words\nmore"
    assert "secret" not in " ".join(b.text for b in doc.prose_blocks())


def test_inline_code_is_a_placeholder():
    doc = parse("<p>Run <code>rm -rf target</code> then target.</p>")
    block = doc.blocks[0]
    assert block.text == f"Run {PLACEHOLDER} then target."
    assert "rm" not in block.text
    assert locate(doc, "target") == (1, 40)


def test_comments_are_collected_with_spans():
    source = "<p>a</p>\n<!-- carecheck-disable wording -->\n<p>b <!--x--> c</p><!---->"
    doc = parse(source)
    assert [c.text for c in doc.comments] == [" carecheck-disable wording ", "x", ""]
    spans = [source[c.span.start : c.span.end] for c in doc.comments]
    assert spans == ["<!-- carecheck-disable wording -->", "<!--x-->", "<!---->"]
    assert doc.position(doc.comments[0].span.start) == (2, 1)
    assert doc.position(doc.comments[1].span.start) == (3, 6)


def test_marked_section_that_is_not_cdata_is_a_bogus_comment():
    # The standard library's parser raises AssertionError on these.
    source = "<p>a<![ x>b</p>"
    doc = parse(source)
    assert texts(doc) == ["ab"]
    assert [source[c.span.start : c.span.end] for c in doc.comments] == ["<![ x>"]
    assert locate(doc, "ab") == (1, 4)


def test_code_text_maps_inside_its_block():
    source = "<pre>\n  x = 1\n</pre>"
    doc = parse(source)
    code = doc.blocks[0]
    assert code.kind == CODE
    for k in range(len(code.text) + 1):
        span = code.source_span(k, min(k + 1, len(code.text)))
        assert code.span.start <= span.start <= span.end <= code.span.end
    one = parse("<pre> 0</pre>").blocks[0]  # a one-character block with more text than that
    assert one.source_span(0, 2) == one.span


def test_bogus_comments_have_spans_inside_the_source():
    # A bogus comment is shorter than "<!--" + text + "-->": its span must not run past it.
    source = "<!x><p>hi</p>"
    doc = parse(source)
    assert [source[c.span.start : c.span.end] for c in doc.comments] == ["<!x>"]
    assert texts(doc) == ["hi"]


def test_crlf_and_non_ascii_positions():
    source = "<html>\r\n<body>\r\n<p>Café 😀 naïve\r\nsecond target</p>\r\n<p>中文 word</p>\r\n</body></html>"
    doc = parse(source)
    assert locate(doc, "naïve") == (3, 11)
    assert locate(doc, "target") == (4, 8)
    assert locate(doc, "word") == (5, 7)
    assert source_of(doc, "naïve") == "naïve"


def test_lone_cr_positions():
    doc = parse("<p>a\rb target</p>\r<p>c</p>")
    assert locate(doc, "target") == (2, 3)
    assert locate(doc, "c") == (3, 4)


def test_deeply_nested_html_parses():
    depth = 5000
    source = "<div>" * depth + "<p>deep word</p>" + "</div>" * depth
    doc = parse(source)
    assert texts(doc) == ["deep word"]
    assert locate(doc, "word") == (1, 5 * depth + 9)


def test_deeply_nested_unclosed_html_parses():
    doc = parse("<div><span>" * 3000 + "deep")
    assert texts(doc) == ["deep"]


@pytest.mark.parametrize(
    "source",
    [
        "",
        "plain text only",
        "<p>unclosed",
        "</p></div>stray end tags",
        "<p>a &",
        "<p>a &#",
        "&#; <b>x",
        "<!-- open",
        "<",
        "<p a='",
        "<script>never closed",
        "<![ x",
        "<p>a<![foo[ b ]]>c</p>",
        "<PRE> 0",
    ],
)
def test_broken_html_does_not_raise(source):
    doc = parse(source)
    for block in doc.blocks:
        span = block.source_span(0, len(block.text))
        assert 0 <= span.start <= span.end <= len(source)
    for comment in doc.comments:
        assert 0 <= comment.span.start <= comment.span.end <= len(source)


def test_text_outside_any_element():
    doc = parse("loose words\n<p>para</p>\ntrailing words")
    assert texts(doc) == ["loose words", "para", "trailing words"]
    assert locate(doc, "trailing") == (3, 1)


def test_ignored_elements():
    source = "<p>a</p><template><p>t</p></template><noscript>n</noscript><button>b</button><select><option>o</select><svg><text>s</text></svg><p>z</p>"
    doc = parse(source)
    assert texts(doc) == ["a", "z"]


def test_parse_document_picks_html_by_suffix():
    doc = parse_document("page.htm", "<h1>Hi</h1>")
    assert doc.format == "html"
    assert doc.blocks[0].kind == HEADING
