"""Files in the cache directory that a planted copy cannot impersonate.

The cache (`.carecheck_cache/`) sits in the working tree, where a commit, an archive or another user
can put files. Whatever carecheck reads back from it (results, the validated rule set, JSON copies
of data files) would be believed: a planted crisis-resources copy with its topics emptied would hide
every missing banner. So:

- every file is signed with an HMAC under a secret made on first use (`secret`, mode 0600, never
  committed: the directory's .gitignore ignores everything), and a file whose signature does not
  verify is ignored, as if it were missing. A file is its signature (hexadecimal), a line break and
  its body, as it was written: reading one parses nothing but the body;
- the directory is used only if it is a real directory (not a symbolic link, so the daily tidy can
  never delete files elsewhere) owned by the user running carecheck; otherwise nothing is cached.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import stat
from pathlib import Path

from checker.atomic import write_atomically

SECRET = "secret"


def usable(directory) -> bool:
    """May carecheck cache in `directory`: absent (it will be made), or a real directory of ours."""
    path = Path(directory)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return not path.parent.is_symlink()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and (not hasattr(os, "geteuid") or info.st_uid == os.geteuid())


@functools.lru_cache(maxsize=8)
def secret(directory: str) -> bytes | None:
    """The cache's secret, made on first use; None when it cannot be read or made safely."""
    path = os.path.join(directory, SECRET)
    try:
        os.makedirs(directory, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(32))
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or (hasattr(os, "geteuid") and info.st_uid != os.geteuid()):
            return None
        with open(path, "rb") as handle:
            key = handle.read(64)
        return key if len(key) == 32 else None
    except OSError:
        return None


def _mac(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode("utf-8", "surrogateescape"), hashlib.sha256).hexdigest()


def write_signed(path, body: str, directory) -> None:
    key = secret(str(directory))
    if key is None:
        return
    write_atomically(path, [_mac(key, body), "\n", body], newline="")  # (newline: the body as it was signed)


def read_signed(path, directory) -> str | None:
    """The body of a signed file, or None when it is missing, unreadable or not signed by us."""
    key = secret(str(directory))
    if key is None:
        return None
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        with open(path, encoding="utf-8", newline="") as handle:
            mac, _, body = handle.read(200_000_000).partition("\n")
        return body if hmac.compare_digest(mac, _mac(key, body)) else None
    except (OSError, ValueError, TypeError):
        return None
