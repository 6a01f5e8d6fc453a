"""Parsers: turn a file's text into a Document (blocks, sentences, metadata, comments)."""

from __future__ import annotations

from pathlib import PurePath

from checker.document import Document

FORMATS_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}


def format_for_path(path: str) -> str | None:
    """The document format for a file name, or None when carecheck does not read such files."""
    return FORMATS_BY_SUFFIX.get(PurePath(path).suffix.lower())


def parse_document(path: str, source: str, fmt: str | None = None) -> Document:
    """Parse source text as Markdown, HTML or plain text (chosen by fmt or the file name)."""
    fmt = fmt or format_for_path(path) or "text"
    if fmt == "markdown":
        from checker.parsing.markdown import parse_markdown

        return parse_markdown(path, source)
    if fmt == "html":
        from checker.parsing.html import parse_html

        return parse_html(path, source)
    from checker.parsing.text import parse_text

    return parse_text(path, source)
