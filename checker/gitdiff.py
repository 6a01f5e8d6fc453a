"""`--changed-since REF`: the files changed since a git ref, including uncommitted changes."""

from __future__ import annotations

import os
import subprocess

from checker.errors import UsageError


def changed_files(ref: str) -> set[str]:
    """Absolute paths of files changed between REF's merge base with HEAD and the working tree."""
    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], capture_output=True, text=True, check=False, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise UsageError(f"--changed-since: cannot run git: {exc}") from None
        if done.returncode != 0:
            message = (done.stderr.strip().splitlines() or ["git failed"])[-1]
            raise UsageError(f"--changed-since {ref}: {message}")
        return done.stdout

    top = git("rev-parse", "--show-toplevel").strip()
    base = git("merge-base", ref, "HEAD").strip()
    names = git("diff", "--name-only", "--diff-filter=ACMR", base).splitlines()
    names += git("ls-files", "--others", "--exclude-standard").splitlines()
    return {os.path.abspath(os.path.join(top, name)) for name in names if name}
