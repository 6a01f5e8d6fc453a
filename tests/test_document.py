"""The Document model: LineIndex (offsets <-> 1-based line and column) and TextBuilder/TextMap."""

from __future__ import annotations

import pytest

from checker.document import (
    CODE,
    PARAGRAPH,
    PLACEHOLDER,
    Block,
    Document,
    LineIndex,
    Span,
    TextBuilder,
    TextMap,
)

# ---------------------------------------------------------------- LineIndex


def test_lf_lines():
    index = LineIndex("ab\ncd\n")
    assert index.starts == [0, 3, 6]
    assert index.line_count == 3
    assert index.position(0) == (1, 1)
    assert index.position(1) == (1, 2)
    assert index.position(2) == (1, 3)  # the line end itself belongs to its line
    assert index.position(3) == (2, 1)
    assert index.position(4) == (2, 2)
    assert index.position(6) == (3, 1)  # the empty line after the final newline


def test_crlf_is_one_line_end():
    source = "one\r\ntwo\r\n\r\nfour"
    index = LineIndex(source)
    assert index.line_count == 4
    assert index.position(source.index("two")) == (2, 1)
    assert index.position(source.index("four")) == (4, 1)
    assert index.position(source.index("\r")) == (1, 4)
    assert index.position(source.index("\n")) == (1, 5)
    assert [index.line_text(n) for n in range(1, 5)] == ["one", "two", "", "four"]


def test_lone_cr_ends_a_line():
    source = "one\rtwo\r\rfour"
    index = LineIndex(source)
    assert index.line_count == 4
    assert index.position(source.index("two")) == (2, 1)
    assert index.position(source.index("four")) == (4, 1)
    assert [index.line_text(n) for n in range(1, 5)] == ["one", "two", "", "four"]


def test_mixed_line_ends():
    source = "a\nb\r\nc\rd\n\re"
    index = LineIndex(source)
    # \n\r is two line ends (LF, then a lone CR), unlike \r\n.
    assert [index.line_text(n) for n in range(1, index.line_count + 1)] == ["a", "b", "c", "d", "", "e"]
    assert index.position(source.index("e")) == (6, 1)


def test_last_line_without_newline():
    source = "first\nlast"
    index = LineIndex(source)
    assert index.line_count == 2
    assert index.line_text(2) == "last"
    assert index.position(len(source)) == (2, 5)  # the end of the file is after the last character
    assert index.offset(2, 5) == len(source)


def test_empty_source():
    index = LineIndex("")
    assert index.line_count == 1
    assert index.position(0) == (1, 1)
    assert index.offset(1, 1) == 0
    assert index.line_text(1) == ""


def test_columns_count_code_points():
    source = "é😀 x\n中文 y"
    index = LineIndex(source)
    assert index.position(source.index("x")) == (1, 4)  # é, 😀 and the space: one column each
    assert index.position(source.index("y")) == (2, 4)


def test_tab_is_one_column():
    source = "\tword"
    assert LineIndex(source).position(1) == (1, 2)


@pytest.mark.parametrize("source", ["", "a", "ab\ncd", "x\r\ny\rz\n", "\n\n\r\r\n", "é😀\r\n中"])
def test_offset_and_position_round_trip(source):
    index = LineIndex(source)
    for offset in range(len(source) + 1):
        line, column = index.position(offset)
        assert index.offset(line, column) == offset
        assert index.line_of(offset) == line


def test_offset_of_line_start_and_clamping():
    source = "ab\r\ncd"
    index = LineIndex(source)
    assert index.offset(1) == 0
    assert index.offset(2) == 4
    assert index.offset(2, 2) == 5
    assert index.offset(3) == len(source)  # past the last line: the end
    assert index.offset(2, 99) == len(source)  # past the end of the file: the end


def test_document_position_uses_its_source():
    doc = Document(path="a.md", format="markdown", source="x\r\ny")
    assert doc.position(3) == (2, 1)
    assert doc.lines is doc.lines  # built once


# ---------------------------------------------------------------- TextBuilder and TextMap


def test_verbatim_pieces_that_touch_merge():
    builder = TextBuilder()
    builder.verbatim("Hello ", 10)
    builder.verbatim("world", 16)
    text, text_map = builder.build()
    assert text == "Hello world"
    assert text_map.segments == [(0, 11, 10, 11)]
    assert text_map.to_source(6, 11) == Span(16, 21)


def test_verbatim_pieces_with_a_gap_do_not_merge():
    builder = TextBuilder()
    builder.verbatim("bold", 2)  # **bold** text
    builder.verbatim(" text", 8)
    text, text_map = builder.build()
    assert text == "bold text"
    assert len(text_map.segments) == 2
    assert text_map.to_source(0, 4) == Span(2, 6)
    assert text_map.to_source(5, 9) == Span(9, 13)
    assert text_map.to_source(0, 9) == Span(2, 13)  # a range across the gap covers the markup


def test_empty_pieces_are_ignored():
    builder = TextBuilder()
    builder.verbatim("", 5)
    builder.atom("", 5, 9)
    text, text_map = builder.build()
    assert text == "" and text_map.segments == []
    assert text_map.to_source(0, 0) == Span(0, 0)


def test_entity_atom_maps_to_the_whole_entity():
    source = "Tom &amp; Jerry"
    builder = TextBuilder()
    builder.verbatim("Tom ", 0)
    builder.atom("&", 4, 9)
    builder.verbatim(" Jerry", 9)
    text, text_map = builder.build()
    assert text == "Tom & Jerry"
    amp = text.index("&")
    span = text_map.to_source(amp, amp + 1)
    assert source[span.start : span.end] == "&amp;"
    assert text_map.source_start(amp) == 4 and text_map.source_end(amp) == 9
    # The text after the entity is verbatim again.
    span = text_map.to_source(text.index("Jerry"), len(text))
    assert source[span.start : span.end] == "Jerry"
    # A range that starts or ends inside the entity covers all of it.
    span = text_map.to_source(0, amp + 1)
    assert source[span.start : span.end] == "Tom &amp;"
    span = text_map.to_source(amp, amp + 3)
    assert source[span.start : span.end] == "&amp; J"


def test_decoded_word_inside_entity_maps_to_all_of_it():
    source = "caf&eacute; ok"
    builder = TextBuilder()
    builder.verbatim("caf", 0)
    builder.atom("é", 3, 11)
    builder.verbatim(" ok", 11)
    text, text_map = builder.build()
    assert text == "café ok"
    span = text_map.to_source(0, 4)
    assert source[span.start : span.end] == "caf&eacute;"


def test_multi_character_atom_any_character_maps_to_the_whole_range():
    builder = TextBuilder()
    builder.atom("ab", 0, 10)
    _, text_map = builder.build()
    assert text_map.to_source(0, 1) == Span(0, 10)
    assert text_map.to_source(1, 2) == Span(0, 10)


def test_equal_length_atom_maps_character_by_character():
    # A line break replaced by a space: one character for one.
    builder = TextBuilder()
    builder.verbatim("a", 0)
    builder.atom(" ", 1, 2)
    builder.verbatim("b", 2)
    text, text_map = builder.build()
    assert text == "a b"
    assert text_map.to_source(1, 2) == Span(1, 2)
    assert text_map.to_source(0, 3) == Span(0, 3)


def test_crlf_atom_and_zero_width_atom():
    builder = TextBuilder()
    builder.verbatim("a", 0)
    builder.atom(" ", 1, 3)  # "\r\n"
    builder.verbatim("b", 3)
    builder.atom(" ", 4, 4)  # a <br>: stands for nothing in the source
    builder.verbatim("c", 8)
    text, text_map = builder.build()
    assert text == "a b c"
    assert text_map.to_source(1, 2) == Span(1, 3)
    assert text_map.to_source(3, 4) == Span(4, 4)
    assert text_map.to_source(4, 5) == Span(8, 9)


def test_placeholder_atom_covers_inline_code():
    source = "Run `rm -rf` now"
    builder = TextBuilder()
    builder.verbatim("Run ", 0)
    builder.atom(PLACEHOLDER, 4, 12)
    builder.verbatim(" now", 12)
    text, text_map = builder.build()
    assert text == f"Run {PLACEHOLDER} now"
    span = text_map.to_source(4, 5)
    assert source[span.start : span.end] == "`rm -rf`"


def test_empty_range_maps_to_a_point():
    builder = TextBuilder()
    builder.verbatim("abc", 10)
    _, text_map = builder.build()
    assert text_map.to_source(1, 1) == Span(11, 11)
    assert text_map.to_source(2, 1) == Span(12, 12)


def test_ends_with_space():
    builder = TextBuilder()
    assert builder.ends_with_space()
    builder.verbatim("a", 0)
    assert not builder.ends_with_space()
    builder.verbatim(" ", 1)
    assert builder.ends_with_space()


def test_block_source_span_and_sentences():
    source = "xx One. Two."
    builder = TextBuilder()
    builder.verbatim("One. Two.", 3)
    text, text_map = builder.build()
    block = Block(PARAGRAPH, text, text_map, Span(3, len(source)))
    assert block.source_span(5, 9) == Span(8, 12)
    assert [s.text for s in block.sentences] == ["One.", "Two."]
    assert [s.span for s in block.sentences] == [Span(3, 7), Span(8, 12)]
    assert block.is_prose
    assert not Block(CODE, "x", TextMap([]), Span(0, 1)).is_prose


def test_prose_blocks_leave_out_code():
    doc = Document(path="a.md", format="markdown", source="")
    doc.blocks = [Block(PARAGRAPH, "a", TextMap([]), Span(0, 0)), Block(CODE, "b", TextMap([]), Span(0, 0))]
    assert [b.text for b in doc.prose_blocks()] == ["a"]
