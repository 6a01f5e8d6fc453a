"""Writing what a command produces: to stdout, or atomically to a file."""

from __future__ import annotations

import click

from checker.atomic import write_atomically
from checker.errors import UsageError
from checker.formats.sanitise import encodable


def write_output(text, output: str | None) -> None:
    """Write to stdout, or atomically to a file (a temporary file, then a rename). `text` is a
    string or an iterable of strings (formats that stream their output piece by piece)."""
    pieces = map(encodable, [text] if isinstance(text, str) else text)  # a file name that is not UTF-8
    if not output:
        for piece in pieces:
            click.echo(piece, nl=False, color=True)  # colour codes are present only when wanted
        return
    try:
        write_atomically(output, pieces, newline="")
    except OSError as exc:
        raise UsageError(f"{output}: cannot write output: {exc.strerror or exc}") from None
