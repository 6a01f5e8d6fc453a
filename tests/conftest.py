"""Shared helpers for the test suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

# Tests check fresh results; tests/test_cache.py turns the cache back on where it is the subject.
os.environ["CARECHECK_NO_CACHE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = FIXTURES / "articles"


@pytest.fixture
def run_cli():
    """Run the CLI in-process; returns the click Result (exit_code, stdout, stderr)."""

    def run(*args, cwd=None, env=None):
        from checker.cli import main

        runner = CliRunner()
        old = os.getcwd()
        if cwd:
            os.chdir(cwd)
        try:
            return runner.invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)
        finally:
            os.chdir(old)

    return run


def run_process(*args, cwd=None, env=None, timeout=120):
    """Run `python -m checker ...` in a real subprocess (true exit codes, real stderr)."""
    full_env = dict(os.environ)
    full_env.pop("FORCE_COLOR", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args)],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
