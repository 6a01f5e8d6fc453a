"""Finding the articles to check, and reading them safely.

Directories are walked for files carecheck can read (Markdown, HTML, plain text), skipping hidden
directories and excluded globs; a file named explicitly is checked even when excluded, unless
`force_exclude` (as ruff's; the pre-commit hook sets it, since pre-commit names every staged file). Reading never fails
with an exception: a binary, oversized or unreadable file becomes a `carecheck.unreadable`
finding, and invalid UTF-8 is decoded with replacement characters and reported as
`carecheck.encoding` at the first bad byte.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from dataclasses import dataclass

from checker.document import Problem, Span
from checker.parsing import format_for_path

SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv", "site-packages"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def discover(paths, config, force_exclude: bool = False) -> tuple[list[str], list[str]]:
    """Return (files to check, sorted and unique; error messages for paths that do not exist).
    A file named in `paths` is checked even when excluded, unless force_exclude (or the config's)."""
    files: list[str] = []
    errors: list[str] = []
    forced = force_exclude or config.force_exclude
    for path in paths:
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            mode = None
        except OSError as exc:  # a folder on the way that cannot be entered, a name too long ...
            errors.append(f"{path}: cannot be read ({exc.strerror or exc})")
            continue
        if mode is not None and stat.S_ISREG(mode):
            if forced and config.is_excluded(path):
                continue
            files.append(os.path.normpath(path))
        elif mode is not None and stat.S_ISDIR(mode):
            reported = len(errors)
            found = _walk(path, config, errors)
            if not found and len(errors) == reported:  # else the walk has said why
                errors.append(f"{path}: no Markdown, HTML or text files found")
            files.extend(found)
        elif mode is not None or os.path.lexists(path):
            errors.append(f"{path}: cannot be read (a broken link or not a regular file)")
        else:
            errors.append(f"{path}: no such file or directory")
    # One file named two ways ("a.md" and "/abs/a.md", or through a link) is checked once.
    unique: dict[str, str] = {}
    for path in files:
        unique.setdefault(os.path.realpath(path), path)
    return sorted(set(unique.values())), errors


def _walk(top: str, config, errors: list[str]) -> list[str]:
    found = []
    seen_dirs = set()
    def unreadable(exc: OSError) -> None:  # a folder that cannot be listed is said, not skipped silently
        errors.append(f"{exc.filename}: cannot be read ({exc.strerror or exc}); its files are not checked")

    for directory, subdirs, names in os.walk(top, followlinks=True, onerror=unreadable):
        real = os.path.realpath(directory)
        if real in seen_dirs:  # a symlink loop, or a directory reached twice
            subdirs[:] = []
            continue
        seen_dirs.add(real)
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(names):
            path = os.path.normpath(os.path.join(directory, name))
            if name.startswith(".") or format_for_path(name) is None or config.is_excluded(path):
                continue
            if not is_regular_file(path):  # a FIFO, a device, a link to /dev/zero: never opened
                errors.append(f"{path}: not a regular file; not checked")
                continue
            found.append(path)
    return found


def read_small_file(path: str, limit: int = 50_000_000) -> bytes:
    """The bytes of a file carecheck reads for itself (a baseline, a config): a regular file only,
    and at most `limit` bytes. Raises OSError (with a message) otherwise."""
    if not is_regular_file(path):
        raise OSError(f"{path}: not a regular file")
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(f"{path}: larger than {limit:,} bytes")
    return data


def is_regular_file(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


@dataclass
class ReadResult:
    text: str | None  # None when the file could not be read as text
    problems: list[Problem]
    digest: str = ""  # SHA-256 of the bytes, for the results cache


def read_article(path: str, max_size: int) -> ReadResult:
    try:
        size = os.path.getsize(path)
        if size > max_size:
            return _unreadable(f"File is {size:,} bytes, over the {max_size:,}-byte limit (max_file_size); not checked.")
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)  # the size stat can lie (/proc, a growing file)
        if len(data) > max_size:
            return _unreadable(f"File is over the {max_size:,}-byte limit (max_file_size); not checked.")
    except OSError as exc:
        return _unreadable(f"Cannot read the file: {exc.strerror or exc}.")
    digest = hashlib.sha256(data).hexdigest()
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        return _unreadable("Binary file (it contains NUL bytes); not checked.")
    try:
        return ReadResult(data.decode(encoding), [], digest)
    except UnicodeDecodeError as exc:
        text = data.decode(encoding, errors="replace")
        offset = len(data[: exc.start].decode(encoding, errors="replace"))
        problem = Problem(
            "carecheck.encoding",
            f"The file is not valid {encoding.upper()} (byte {exc.start}); invalid bytes were read as U+FFFD.",
            Span(offset, offset + 1),
            severity="warning",
        )
        return ReadResult(text, [problem], digest)


def _unreadable(message: str) -> ReadResult:
    return ReadResult(None, [Problem("carecheck.unreadable", message, Span(0, 0))])
