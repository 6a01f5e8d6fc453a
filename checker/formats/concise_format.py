"""`--format concise`: one line per finding, for editors, scripts and people who want it short.

    content/depression.md:52:31: error wording.committed-suicide 'committed suicide' implies a crime ...

then the summary line (none with --quiet).
"""

from __future__ import annotations

from checker.formats.sanitise import terminal
from checker.formats.text_format import summary_lines


def render(report, options) -> str:
    lines = [f"{terminal(result.path)}:{f.line}:{f.column}: {f.severity} {terminal(f.rule)} {terminal(f.message)}"
             for result in report.files for f in result.findings]
    if not options.quiet:
        lines += summary_lines(report, options)
    return "".join(line + "\n" for line in lines)
