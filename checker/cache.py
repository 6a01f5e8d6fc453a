"""The results cache: an unchanged file is not checked again.

A file's result is stored under a key made of its path, the SHA-256 of its bytes, the rule set
(every YAML file of every rule directory), the carecheck version and the settings that apply to
it (enabled rules, severities, locale, --today, policies). Entries live in `.carecheck_cache/`
beside the config (or in the working directory), one JSON file each, written atomically. A
corrupt or unreadable entry is ignored and recomputed, never fatal; `--no-cache` skips it all.

The directory does not grow without end: every file in it (results, the validated rule set, the
JSON copies of data files) is marked when used, and once a day a run removes what has not been
used for two days. It also holds a `.gitignore`, so that it is never committed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from checker import __version__

CACHE_DIR = ".carecheck_cache"
FORMAT = "v1"
# Results are keyed on the reference date, so a day's entries are read again only with a pinned
# --today; a rule or code change makes all of them stale. Two days unused is long enough.
MAX_IDLE_SECONDS = 2 * 86400
TIDY_EVERY_SECONDS = 86400
_TIDIED = "tidied"  # a stamp file: when the directory was last tidied


@functools.lru_cache(maxsize=1)
@functools.cache
def code_stamp() -> str:
    """Size and modification time of carecheck's own modules: a changed checkout (not only a new
    release) makes old entries stale. Read once per process: the code that runs is the code that
    was imported, whatever happens to the files later."""
    package = Path(__file__).resolve().parent
    stamp = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        info = module.stat()
        stamp.update(f"{module.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}".encode())
    return stamp.hexdigest()


class ResultCache:
    def __init__(self, root: Path, ruleset_digest: str):
        self.root = Path(root) / CACHE_DIR  # its secret signs every entry (checker.cachefile)
        self.directory = self.root / FORMAT
        self.base = f"{__version__}\0{code_stamp()}\0{ruleset_digest}"

    def key(self, path: str, content_digest: str, settings) -> str:
        parts = [
            self.base,
            os.path.abspath(path),
            path,
            content_digest,
            ",".join(sorted(settings.enabled)),
            json.dumps(settings.severity, sort_keys=True),
            json.dumps(settings.options, sort_keys=True, default=str),
            json.dumps([settings.select, settings.ignore], default=str),
        ]
        return hashlib.sha256("\0".join(parts).encode("utf-8", "replace")).hexdigest()

    def has_entries(self) -> bool:
        """Has any result been kept (a first run, or --no-cache before, keeps none to look for)?"""
        try:
            return any(self.directory.iterdir())
        except OSError:
            return False

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, path: str):
        """The cached result for `path`, or None: missing, corrupt, not signed by this cache, or
        not about this very file (an entry never names a file outside the run)."""
        from checker.cachefile import read_signed
        from checker.findings import SEVERITIES, Finding
        from checker.results import FileResult

        entry = self._file(key)
        body = read_signed(entry, self.root)
        if body is None:
            return None
        try:
            data = json.loads(body)
            findings = [Finding.from_dict(f) for f in data["findings"]]
            valid = data["path"] == path and isinstance(data["metrics"], dict) and isinstance(data["facts"], dict) and all(
                f.severity in SEVERITIES and all(isinstance(n, int) and n >= 0 for n in (f.line, f.column, f.end_line, f.end_column))
                for f in findings
            )
            if not valid:
                return None
            mark_used(entry)
            return FileResult(path=data["path"], metrics=data["metrics"], findings=findings, facts=data["facts"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return None  # corrupt: check the file again

    def put(self, key: str, result) -> None:
        target = self._file(key)
        data = {
            "path": result.path,
            "metrics": result.metrics,
            "findings": [dict(f.to_dict(), start=f.start, end=f.end) for f in result.findings],
            "facts": result.facts,
        }
        from checker.cachefile import write_signed

        try:
            write_signed(target, json.dumps(data, ensure_ascii=False, default=str), self.root)
        except (OSError, TypeError, ValueError):
            pass  # a read-only tree or a full disk only costs speed


def mark_used(path) -> None:
    """Record that a cache file was just used (its modification time), so tidy() keeps it."""
    try:
        os.utime(path)
    except OSError:
        pass  # read-only: it may be removed and rebuilt later, which only costs time


def tidy(directory: Path, now: float | None = None) -> int:
    """Remove the files in the cache directory that have not been used for MAX_IDLE_SECONDS, at
    most once every TIDY_EVERY_SECONDS; make sure git ignores the directory. Returns how many files
    were removed. Another carecheck may be using the directory at the same time: a file that
    vanishes is skipped, and a result removed under a reader is only checked again."""
    import time

    from checker.cachefile import usable

    directory = Path(directory)
    if not usable(directory):
        return 0  # a link to elsewhere, or not ours: never delete anything through it
    now = time.time() if now is None else now
    stamp = directory / _TIDIED
    try:
        if 0 <= now - stamp.stat().st_mtime < TIDY_EVERY_SECONDS:  # (a stamp from the future: tidy)
            return 0
    except OSError:
        pass  # never tidied
    if not directory.is_dir():
        return 0
    removed = 0
    # Entries, rule sets and data copies; and temporary files a killed process left half-written.
    patterns = ("*.json", ".carecheck-*.tmp", f"{FORMAT}/*/*.json", f"{FORMAT}/*/.carecheck-*.tmp")
    for path in [p for pattern in patterns for p in directory.glob(pattern)]:
        try:
            if now - path.stat().st_mtime > MAX_IDLE_SECONDS:
                path.unlink()
                removed += 1
        except OSError:
            continue
    try:
        ignore = directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Written by carecheck: this directory is a cache.\n*\n", encoding="utf-8")
        stamp.touch()
        os.utime(stamp, (now, now))
    except OSError:
        pass
    return removed
