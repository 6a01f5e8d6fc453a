"""Where the warm process of this carecheck listens, and whether that place can be trusted: used
by the launcher that asks it, the process itself (checker/warm.py) and `carecheck warm`."""

from __future__ import annotations

import os
import sys

PACKAGE = os.path.dirname(os.path.abspath(__file__))


def fingerprint() -> str:
    """Which carecheck this is: the interpreter, the package's place, and the size and time of
    every module and built-in rule file. A warm process of other code is never asked (its socket
    has another name)."""
    import zlib

    parts = [sys.executable, sys.version, PACKAGE]
    roots = [PACKAGE]  # installed, the built-in rules are inside it; in a source checkout, beside it
    if not os.path.isdir(os.path.join(PACKAGE, "rules")):
        roots.append(os.path.join(os.path.dirname(PACKAGE), "rules"))
    for root in roots:
        for directory, subdirectories, files in os.walk(root):
            subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".yaml", ".yml")):
                    stat = os.stat(os.path.join(directory, name))
                    parts.append(f"{directory}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    text = "\0".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def socket_directory() -> str:
    """A directory only this user can enter: $XDG_RUNTIME_DIR (made for this), else the temp dir."""
    base = os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("TMPDIR") or "/tmp"
    return os.path.join(base, f"carecheck-{os.getuid()}")


def private_directory(path: str, create: bool) -> bool:
    """Whether `path` is a directory of this user's that no one else can enter (made so if asked).
    A directory someone else made, or opened to others, is not used: they could answer for us."""
    import stat

    if create:
        try:
            os.makedirs(path, mode=0o700, exist_ok=True)
        except OSError:
            return False
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def socket_path() -> str:
    return os.path.join(socket_directory(), f"{fingerprint()}.sock")
