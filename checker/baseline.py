"""Baselines: adopt carecheck on a legacy corpus without fixing everything first.

`carecheck baseline FILE` records today's findings; `carecheck check --baseline FILE` hides them
and shows only new ones. Findings are fingerprinted by rule, file and flagged text (not by line),
so they stay hidden when lines move. An existing baseline only shrinks: entries whose finding is
gone are dropped, and `check` says how many no longer occur.
"""

from __future__ import annotations

import json
import os

from checker import __version__
from checker.errors import UsageError
from checker.formats.fingerprint import fingerprints, stable_path


def read_baseline(path: str) -> dict[str, dict]:
    from checker.files import read_small_file

    try:
        data = json.loads(read_small_file(path).decode("utf-8"))
        return {entry["fingerprint"]: entry for entry in data["findings"]}
    except FileNotFoundError:
        raise UsageError(f"{path}: baseline file not found (create it with `carecheck baseline {path}`)") from None
    except OSError as exc:
        if not os.path.lexists(path):
            raise UsageError(f"{path}: baseline file not found (create it with `carecheck baseline {path}`)") from None
        raise UsageError(f"{path}: cannot be read as a baseline ({exc})") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{path}: not a carecheck baseline file ({exc.__class__.__name__})") from None


def current_entries(report) -> dict[str, dict]:
    entries = {}
    for result in report.files:
        for finding, print_ in zip(result.findings, fingerprints(result.path, result.findings)):
            entries[print_] = {"fingerprint": print_, "path": stable_path(result.path), "rule": finding.rule, "line": finding.line, "excerpt": finding.excerpt}
    return entries


def apply_baseline(report, path: str) -> int:
    """Drop the findings the baseline knows; return how many baseline entries no longer occur."""
    known = read_baseline(path)
    seen = set()
    for result in report.files:
        kept = []
        for finding, print_ in zip(result.findings, fingerprints(result.path, result.findings)):
            if print_ in known:
                seen.add(print_)
            else:
                kept.append(finding)
        result.findings = kept
    checked = {stable_path(r.path) for r in report.files}
    return sum(1 for key, entry in known.items() if key not in seen and entry.get("path") in checked)


def write_baseline(report, path: str, shrink_only: bool = True) -> tuple[int, int]:
    """Write the baseline; with shrink_only and an existing file, keep only entries still found."""
    current = current_entries(report)
    dropped = 0
    if shrink_only and os.path.exists(path):
        known = read_baseline(path)
        checked = {stable_path(r.path) for r in report.files}
        keep = {k: v for k, v in current.items() if k in known}
        keep.update({k: v for k, v in known.items() if v.get("path") not in checked})  # files not checked this time
        dropped = len(known) - len(keep)
        current = keep
    data = {"version": 1, "tool": {"name": "carecheck", "version": __version__}, "findings": sorted(current.values(), key=lambda e: (e["path"], e["line"], e["rule"]))}
    from checker.output import write_output

    write_output(json.dumps(data, indent=2, ensure_ascii=False) + "\n", path)
    return len(current), dropped
