"""Output formats: one module per format, each with render(report, options) -> str.

The module checker/formats/<name>_format.py is the format <name>: adding a format is adding a
module, and format_names() lists it. Helper modules must not end in `_format` (html_charts.py,
excerpts.py, fingerprint.py).
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass

SUFFIX = "_format"
# The built-in formats keep this order (the order of the `--format` choices); others follow by name.
FIRST = ("text", "concise", "json", "sarif", "junit", "github", "markdown", "html")


def format_names() -> list[str]:
    """The names of the output formats: FIRST's, then any others sorted.

    Found by listing the package's directories without importing anything (not even pkgutil), so
    that the CLI can offer the choices at start-up for nothing.
    """
    found = set()
    for directory in __path__:
        try:
            names = os.listdir(directory)
        except OSError:
            continue
        for name in names:
            stem, dot, extension = name.partition(".")
            if extension in ("py", "pyc") and stem.endswith(SUFFIX) and stem != SUFFIX:
                found.add(stem[: -len(SUFFIX)])
    return [name for name in FIRST if name in found] + sorted(found - set(FIRST))


@dataclass
class RenderOptions:
    color: bool = False
    fail_on: str = "error"
    sources: dict | None = None  # path -> source text, for showing lines in context
    rules: dict | None = None  # rule id -> Rule, for formats that describe rules (SARIF, JUnit)
    quiet: bool = False  # findings only: no summary (text, concise)
    show: str = "info"  # the lowest severity shown
    hidden: int = 0  # findings below `show`, left out of the report (said in the summary)


def render_pieces(report, fmt: str, options: RenderOptions):
    """The output as a string or, for formats that stream it (json), an iterable of strings."""
    return importlib.import_module(f"checker.formats.{fmt}{SUFFIX}").render(report, options)


def render(report, fmt: str, options: RenderOptions) -> str:
    output = render_pieces(report, fmt, options)
    return output if isinstance(output, str) else "".join(output)
