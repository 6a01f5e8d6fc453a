"""`--format json`: the stable machine interface (see DESIGN.md and report.schema.json).

Files are in path order and findings in position order, so the same input gives byte-identical
output.
"""

from __future__ import annotations

import json

from checker import __version__


def report_dict(report) -> dict:
    counts = report.counts()
    return {
        "version": 1,
        "tool": {"name": "carecheck", "version": __version__},
        "summary": counts,
        "files": [
            {
                "path": result.path,
                "metrics": result.metrics,
                "findings": [f.to_dict() for f in result.findings],
            }
            for result in report.files
        ],
    }


def render(report, options) -> str:
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False, sort_keys=False, default=str) + "\n"
