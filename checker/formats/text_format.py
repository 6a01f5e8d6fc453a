"""`--format text` (the default): one finding per paragraph, for people at a terminal.

    content/depression.md:52:31: error wording.committed-suicide Say 'died by suicide' ...
       52 | When Maya was twelve, her uncle committed suicide, and ...
          |                                 ^^^^^^^^^^^^^^^^^
          = suggestion: died by suicide

then a summary line. Colour only when asked (the CLI decides: a terminal, and no NO_COLOR).
Tabs and wide characters (CJK, emoji) are measured so the carets sit under the span.
"""

from __future__ import annotations

import unicodedata

from checker.formats.excerpts import source_lines, window
from checker.formats.sanitise import single_width, terminal

COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}
TAB = 4
MAX_LINE = 160
CONTEXT = 60  # characters shown either side of the span on a long line
MAX_CARETS = 60  # a long span (a hard paragraph) is underlined this far, then "…"


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _display(text: str) -> tuple[str, list[int]]:
    """Expand tabs; return the printable line and each character's starting display column."""
    out, columns, col = [], [], 0
    for ch in text:
        columns.append(col)
        if ch == "\t":
            spaces = TAB - col % TAB
            out.append(" " * spaces)
            col += spaces
        elif ch in "\r\n":
            columns[-1] = col
        else:
            out.append(ch)
            col += _width(ch)
    columns.append(col)
    return "".join(out), columns


def _style(text: str, options, **style) -> str:
    if not options.color:
        return text
    import click

    return click.style(text, **style)


def render_finding(result, finding, options) -> list[str]:
    severity = _style(finding.severity, options, fg=COLOURS[finding.severity], bold=True)
    location = _style(f"{terminal(result.path)}:{finding.line}:{finding.column}:", options, bold=True)
    lines = [f"{location} {severity} {_style(terminal(finding.rule), options, dim=True)} {terminal(finding.message)}"]
    source = source_lines(options.sources, result.path)
    if source is not None and source.has(finding.line):
        lines.extend(_source_lines(source.text(finding.line), finding, options))
    for suggestion in finding.suggestions[:3]:
        lines.append(f"    = suggestion: {terminal(suggestion)}")
    return lines


def _source_lines(text: str, finding, options) -> list[str]:
    """The finding's line with carets under the span; long lines are cut to a window around it."""
    first = finding.column - 1
    last = finding.end_column - 1 if finding.end_line == finding.line else len(text)
    first, last = min(first, len(text)), max(min(last, len(text)), min(first + 1, len(text)))
    prefix = suffix = ""
    if len(text) > MAX_LINE:
        lo, hi = window(len(text), first, last, CONTEXT)
        prefix, suffix = ("…" if lo else ""), ("…" if hi < len(text) else "")
        text, first, last = text[lo:hi], first - lo, last - lo
    shown, columns = _display(text)
    shown = single_width(shown)
    start = columns[first] + len(prefix)
    end = columns[last] + len(prefix)
    gutter = " " * len(str(finding.line))
    width = max(1, end - start)
    carets = _style("^" * min(width, MAX_CARETS) + ("…" if width > MAX_CARETS else ""), options, fg=COLOURS[finding.severity])
    return [f"  {finding.line} | {prefix}{shown}{suffix}", f"  {gutter} | {' ' * start}{carets}"]


def render(report, options) -> str:
    out = []
    for result in report.files:
        for finding in result.findings:
            out.extend(render_finding(result, finding, options))
            out.append("")
    if not options.quiet:
        out.extend(summary_lines(report, options))
    return "\n".join(out) + ("\n" if out else "")


def summary_lines(report, options) -> list[str]:
    """The summary: how many findings of each severity in how many files, and what --fix fixes."""
    out = []
    counts = report.counts()
    noun = "file" if counts["files"] == 1 else "files"
    if counts["findings"]:
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info") if counts[s]]
        summary = f"Found {counts['findings']} finding{'s' if counts['findings'] != 1 else ''} ({', '.join(parts)}) in {counts['files']} {noun}."
    elif not counts["files"]:
        # Nothing was read: an error says why, or every file named was excluded (the hook on README.md).
        summary = "No articles checked." if report.errors else "No articles to check (every file named is excluded or not an article)."
    else:
        summary = f"All clear: no findings in {counts['files']} {noun}."
    if options.hidden:
        summary += f" {options.hidden} below --show {options.show} not shown."
    out.append(_style(summary, options, bold=True))
    fixable = sum(1 for result in report.files for finding in result.findings if finding.fix is not None)
    if fixable:
        out.append(f"{fixable} fixable with `carecheck check --fix` (see them first with --diff).")
    return out
