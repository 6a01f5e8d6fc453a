"""`--format json`: the stable machine interface (see DESIGN.md and report.schema.json).

Files are in path order and findings in position order, so the same input gives byte-identical
output. The document is written one file entry at a time (a generator of text pieces), so a run
over 10,000 articles never holds the whole report as one Python structure.
"""

from __future__ import annotations

from checker import __version__
from checker.formats.jsontext import dumps as _dump


def file_entry(result) -> dict:
    return {"path": result.path, "metrics": result.metrics, "findings": [f.to_dict() for f in result.findings]}


def render(report, options):
    yield "{\n"
    yield '  "version": 1,\n'
    yield f'  "tool": {_dump({"name": "carecheck", "version": __version__}, 1)},\n'
    yield f'  "summary": {_dump(report.counts(), 1)},\n'
    if report.notes:  # a family that was not run, and why (grammar with no LanguageTool server)
        yield f'  "notes": {_dump(report.notes, 1)},\n'
    if not report.files:
        yield '  "files": []\n}\n'
        return
    yield '  "files": [\n'
    for k, result in enumerate(report.files):
        yield "    " + _dump(file_entry(result), 2) + (",\n" if k < len(report.files) - 1 else "\n")
    yield "  ]\n}\n"
