"""`--format github`: GitHub Actions workflow commands, which show as annotations on the diff.

    ::error file=content/a.md,line=12,col=5,endLine=12,endColumn=22,title=carecheck (wording.crazy)::message

Values are escaped as the runner requires: `%`, CR and LF everywhere, and also `:` and `,` in
properties. As in ruff, columns are left out when a span covers several lines.
"""

from __future__ import annotations

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report, options) -> str:
    lines = []
    for result in report.files:
        for f in result.findings:
            props = [f"file={escape_property(result.path)}", f"line={f.line}"]
            if f.line == f.end_line:
                props += [f"col={f.column}", f"endLine={f.end_line}", f"endColumn={max(f.end_column, f.column)}"]
            else:
                props += [f"endLine={f.end_line}"]
            props.append(f"title={escape_property(f'carecheck ({f.rule})')}")
            message = f.message + (f" Suggestion: {f.suggestions[0]}" if f.suggestions else "")
            lines.append(f"::{LEVELS[f.severity]} {','.join(props)}::{escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
