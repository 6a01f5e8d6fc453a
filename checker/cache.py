"""The results cache: an unchanged file is not checked again.

A file's result is stored under a key made of its path, the SHA-256 of its bytes, the rule set
(every YAML file of every rule directory), the carecheck version and the settings that apply to
it (enabled rules, severities, locale, --today, policies). Entries live in `.carecheck_cache/`
beside the config (or in the working directory), one JSON file each, written atomically. A
corrupt or unreadable entry is ignored and recomputed, never fatal; `--no-cache` skips it all.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from checker import __version__
from checker.atomic import write_atomically

CACHE_DIR = ".carecheck_cache"
FORMAT = "v1"


@functools.lru_cache(maxsize=1)
def code_stamp() -> str:
    """Size and modification time of carecheck's own modules: a changed checkout (not only a new
    release) makes old entries stale."""
    package = Path(__file__).resolve().parent
    stamp = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        info = module.stat()
        stamp.update(f"{module.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}".encode())
    return stamp.hexdigest()


class ResultCache:
    def __init__(self, root: Path, ruleset_digest: str):
        self.directory = Path(root) / CACHE_DIR / FORMAT
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

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str):
        from checker.engine import FileResult
        from checker.findings import Finding

        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
            return FileResult(
                path=data["path"],
                metrics=data["metrics"],
                findings=[Finding.from_dict(f) for f in data["findings"]],
                facts=data["facts"],
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or corrupt: check the file again

    def put(self, key: str, result) -> None:
        target = self._file(key)
        data = {
            "path": result.path,
            "metrics": result.metrics,
            "findings": [dict(f.to_dict(), start=f.start, end=f.end) for f in result.findings],
            "facts": result.facts,
        }
        try:
            write_atomically(target, [json.dumps(data, ensure_ascii=False, default=str)])
        except (OSError, TypeError, ValueError):
            pass  # a read-only tree or a full disk only costs speed
