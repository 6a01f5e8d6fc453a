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
# No test leaves a warm process behind; tests/test_warm.py turns it on in a directory of its own.
os.environ["CARECHECK_NO_WARM"] = "1"

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


def subprocess_env(env=None) -> dict:
    """The environment for a child `python` that must import checker from THIS working tree.

    os.environ (without FORCE_COLOR), updated with `env`, and the repository root put first on
    PYTHONPATH (any PYTHONPATH from `env` or os.environ is kept after it). Without this a child
    started from another directory (tmp_path) imports the INSTALLED copy of checker, which in CI
    (`pip install '.[test]'`, not editable) is a snapshot, not the code under test.
    """
    full_env = dict(os.environ)
    full_env.pop("FORCE_COLOR", None)
    full_env.update(env or {})
    existing = full_env.get("PYTHONPATH")
    full_env["PYTHONPATH"] = os.pathsep.join([str(ROOT), existing] if existing else [str(ROOT)])
    return full_env


def carecheck_command(*args) -> list[str]:
    """`python -m checker ARGS` with this interpreter; run it with env=subprocess_env()."""
    return [sys.executable, "-m", "checker", *map(str, args)]


def run_process(*args, cwd=None, env=None, timeout=120):
    """Run `python -m checker ...` from the working tree in a real subprocess (true exit codes,
    real stderr), whatever `cwd` is: see subprocess_env."""
    return subprocess.run(
        carecheck_command(*args),
        cwd=cwd or ROOT,
        env=subprocess_env(env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
