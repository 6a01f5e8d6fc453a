"""Output formats: one module per format, each with render(report, options) -> str."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

FORMATS = ("text", "json", "sarif", "junit", "github", "markdown", "html")


@dataclass
class RenderOptions:
    color: bool = False
    fail_on: str = "error"
    sources: dict | None = None  # path -> source text, for showing lines in context
    rules: dict | None = None  # rule id -> Rule, for formats that describe rules (SARIF, JUnit)


def render_pieces(report, fmt: str, options: RenderOptions):
    """The output as a string or, for formats that stream it (json), an iterable of strings."""
    return importlib.import_module(f"checker.formats.{fmt}_format").render(report, options)


def render(report, fmt: str, options: RenderOptions) -> str:
    output = render_pieces(report, fmt, options)
    return output if isinstance(output, str) else "".join(output)
