"""Which part of an article's source a format shows for a finding: shared by text and HTML.

The formats draw an excerpt differently (carets under a terminal line; <mark> in HTML), but they
pick it the same way, here: the source split into lines where the engine splits them, the rows
around a finding (its span, some context lines, a long span elided in the middle), and on a long
line the characters either side of the span.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.document import LineIndex


class SourceLines:
    """1-based lines of a source text, split where checker.document.LineIndex splits them
    (CRLF, LF or a lone CR), so that line numbers agree with the findings'."""

    def __init__(self, source: str):
        self.index = LineIndex(source)

    @property
    def count(self) -> int:
        return self.index.line_count

    def has(self, line: int) -> bool:
        return 1 <= line <= self.count

    def text(self, line: int) -> str:
        """The line's text, without its line ending."""
        return self.index.line_text(line)


def source_lines(sources, path: str) -> SourceLines | None:
    """The lines of `path` from the formats' options.sources (path -> text), or None without one."""
    source = (sources or {}).get(path)
    return SourceLines(source) if isinstance(source, str) else None


def window(length: int, start: int, end: int, side: int) -> tuple[int, int]:
    """The part [lo, hi) of a line of `length` characters to show: the span [start, end) and at
    most `side` characters either side. lo > 0 or hi < length means text was left out there."""
    return max(0, start - side), min(length, end + side)


@dataclass(frozen=True)
class Row:
    """One row of an excerpt: a source line, or the gap standing for the middle of a long span."""

    number: int  # 1-based line number; 0 on the gap
    text: str = ""
    span: tuple[int, int] | None = None  # the finding's columns on this line, 0-based, end exclusive, not clamped
    skipped: int = 0  # on the gap: how many lines of the span it stands for

    @property
    def is_gap(self) -> bool:
        return self.number == 0


def excerpt_rows(lines: SourceLines, finding, context: int, max_span: int) -> list[Row] | None:
    """The finding's lines plus `context` lines either side, or None if its line is not in the source.

    A span of more than `max_span` lines keeps its first and last max_span // 2 lines and one gap
    row between them, so that a finding over a whole section does not print the section. (The HTML
    report shows these rows; the text format shows only the finding's first line, with window().)
    """
    line = finding.line
    if not lines.has(line):
        return None
    # end_line 0 (not known) or before the line: the span is on its first line only.
    end_line = min(max(finding.end_line or line, line), lines.count)
    span_lines = list(range(line, end_line + 1))
    keep = max_span // 2  # span lines kept at each end of a long span
    skipped = set(span_lines[keep:-keep]) if len(span_lines) > max_span else set()
    out = []
    for number in range(max(1, line - context), min(lines.count, end_line + context) + 1):
        if number in skipped:
            if not out[-1].is_gap:  # one gap row for the whole elided run
                out.append(Row(0, skipped=len(skipped)))
            continue
        text = lines.text(number)
        span = None
        if line <= number <= end_line:
            span = (finding.column - 1 if number == line else 0, finding.end_column - 1 if number == end_line else len(text))
        out.append(Row(number, text, span))
    return out
