"""Plain-text articles: paragraphs, list items, headings, front matter, and positions."""

from __future__ import annotations

import re

import pytest

from checker.document import HEADING, LIST_ITEM, PARAGRAPH
from checker.parsing import parse_document
from checker.parsing.text import parse_text


def parse(source: str):
    return parse_text("article.txt", source)


def kinds_and_texts(doc):
    return [(b.kind, b.text) for b in doc.blocks]


def locate(doc, word: str, nth: int = 0):
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")
    found = [(b, m.start(), m.end()) for b in doc.blocks for m in pattern.finditer(b.text)]
    block, start, end = found[nth]
    span = block.source_span(start, end)
    assert doc.source[span.start : span.end] == word
    return doc.position(span.start)


def test_paragraphs_are_separated_by_blank_lines():
    doc = parse("First paragraph line one\nline two.\n\nSecond paragraph.\n  \t\nThird.")
    assert kinds_and_texts(doc) == [
        (PARAGRAPH, "First paragraph line one line two."),
        (PARAGRAPH, "Second paragraph."),
        (PARAGRAPH, "Third."),
    ]
    assert locate(doc, "two") == (2, 6)
    assert locate(doc, "Third") == (6, 1)


def test_line_break_in_a_paragraph_is_a_space_mapped_to_the_break():
    source = "one\r\n   two"
    doc = parse(source)
    block = doc.blocks[0]
    assert block.text == "one two"
    span = block.source_span(3, 4)
    assert source[span.start : span.end] == "\r\n   "  # the line end and the indentation after it
    assert locate(doc, "two") == (2, 4)


def test_bullet_list_items():
    source = "Intro:\n- first item\n* second item\n  continued here\n• third item\n‣ fourth\n"
    doc = parse(source)
    assert kinds_and_texts(doc) == [
        (PARAGRAPH, "Intro:"),
        (LIST_ITEM, "first item"),
        (LIST_ITEM, "second item continued here"),
        (LIST_ITEM, "third item"),
        (LIST_ITEM, "fourth"),
    ]
    assert locate(doc, "first") == (2, 3)
    assert locate(doc, "continued") == (4, 3)
    assert locate(doc, "third") == (5, 3)


def test_numbered_list_items():
    doc = parse("1. Call a friend\n2) Breathe slowly\n10. Rest\n")
    assert kinds_and_texts(doc) == [(LIST_ITEM, "Call a friend"), (LIST_ITEM, "Breathe slowly"), (LIST_ITEM, "Rest")]
    assert locate(doc, "Breathe") == (2, 4)
    assert locate(doc, "Rest") == (3, 5)


def test_a_dash_without_a_space_is_not_a_bullet():
    doc = parse("-not a bullet\n")
    assert kinds_and_texts(doc) == [(PARAGRAPH, "-not a bullet")]


def test_underlined_headings():
    source = "What to do\n==========\nText under it.\n\nWarning signs\n-------------\n\nMore text.\n"
    doc = parse(source)
    assert kinds_and_texts(doc) == [
        (HEADING, "What to do"),
        (PARAGRAPH, "Text under it."),
        (HEADING, "Warning signs"),
        (PARAGRAPH, "More text."),
    ]
    assert locate(doc, "Warning") == (5, 1)
    assert locate(doc, "More") == (8, 1)


def test_underline_under_two_lines_is_not_a_heading():
    doc = parse("line one\nline two\n=====\n")
    assert [b.kind for b in doc.blocks] == [PARAGRAPH]


def test_capitals_heading():
    doc = parse("SUPPORTING A TEEN\n\nSome text.\n")
    assert kinds_and_texts(doc) == [(HEADING, "SUPPORTING A TEEN"), (PARAGRAPH, "Some text.")]
    assert doc.blocks[0].level > 0


def test_capitals_line_followed_by_text_is_a_paragraph():
    doc = parse("ALL CAPS LINE\nfollowed directly\n")
    assert kinds_and_texts(doc) == [(PARAGRAPH, "ALL CAPS LINE followed directly")]


def test_short_capitals_are_not_a_heading():
    doc = parse("OK\n\nText.\n")
    assert doc.blocks[0].kind == PARAGRAPH


def test_front_matter():
    source = "---\ntitle: Supporting a teen\nreviewed: 2026-01-15\n---\nSUPPORTING A TEEN\n\nBody text here.\n"
    doc = parse(source)
    assert doc.metadata["title"] == "Supporting a teen"
    assert doc.metadata_lines == {"title": 2, "reviewed": 3}
    assert kinds_and_texts(doc) == [(HEADING, "SUPPORTING A TEEN"), (PARAGRAPH, "Body text here.")]
    assert locate(doc, "Body") == (7, 1)
    assert not doc.problems


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_line_ends(nl):
    source = f"---{nl}title: T{nl}---{nl}Para one{nl}still one{nl}{nl}- item target{nl}{nl}Last"
    doc = parse(source)
    assert doc.metadata == {"title": "T"}
    assert kinds_and_texts(doc) == [(PARAGRAPH, "Para one still one"), (LIST_ITEM, "item target"), (PARAGRAPH, "Last")]
    assert locate(doc, "still") == (5, 1)
    assert locate(doc, "target") == (7, 8)
    assert locate(doc, "Last") == (9, 1)


def test_broken_front_matter_is_a_problem():
    doc = parse("---\ntitle: [unclosed\n---\nBody.\n")
    assert len(doc.problems) == 1
    assert doc.problems[0].rule == "carecheck.front-matter"
    assert doc.position(doc.problems[0].span.start)[0] in (2, 3)
    assert kinds_and_texts(doc) == [(PARAGRAPH, "Body.")]


def test_unterminated_front_matter_is_a_problem_at_line_one():
    doc = parse("---\ntitle: x\n\nBody.\n")
    assert [doc.position(p.span.start) for p in doc.problems] == [(1, 1)]


def test_tabs_and_non_ascii():
    doc = parse("\tIndented café 😀 target\n")
    assert doc.blocks[0].text == "Indented café 😀 target"
    assert locate(doc, "target") == (1, 18)


@pytest.mark.parametrize("source", ["", "\n\n\n", "   ", "-", "1.", "===", "---", "---\n", "\r", "- \n"])
def test_degenerate_input(source):
    doc = parse(source)
    for block in doc.blocks:
        assert block.text.strip()
        span = block.source_span(0, len(block.text))
        assert 0 <= span.start <= span.end <= len(source)


def test_parse_document_falls_back_to_text():
    assert parse_document("notes.txt", "x").format == "text"
    assert parse_document("README", "x").format == "text"
