"""Fingerprints of findings that stay the same when lines move: for SARIF and baselines.

A finding is identified by its rule, its file and the flagged text (whitespace collapsed, lower
case), plus how many times the same rule flagged the same text earlier in the file; not by its
line, so adding a paragraph above it does not make it new.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter


def normalised(text: str) -> str:
    return " ".join(text.split()).lower()


def stable_path(path: str) -> str:
    """The path as the same file is named however it was typed: relative to the working directory
    when below it ("./content/a.md", "content/a.md" and its absolute path agree), with slashes."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return (absolute if relative.startswith("..") else relative).replace("\\", "/")


def fingerprints(path: str, findings) -> list[str]:
    """One fingerprint per finding, in order."""
    path = stable_path(path)
    seen: Counter = Counter()
    out = []
    for finding in findings:
        key = (finding.rule, normalised(finding.excerpt or finding.message))
        seen[key] += 1
        raw = "\0".join([finding.rule, path.replace("\\", "/"), key[1], str(seen[key])])
        out.append(hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:32])  # a name that is not UTF-8
    return out
