"""Subprocess tests run the working tree, not an installed copy of carecheck.

CI installs the project non-editable (`pip install '.[test]'`), so a child `python -m checker`
started from tmp_path would otherwise import the snapshot in site-packages. conftest's
subprocess_env (used by run_process) puts the repository root first on PYTHONPATH."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_process, subprocess_env, write

TREE_INIT = ROOT / "checker" / "__init__.py"
PROBE = """
import atexit, os, sys

def _report():
    module = sys.modules.get("checker")
    print("checker-from:", getattr(module, "__file__", None), file=sys.stderr, flush=True)

_real_exit = os._exit

def _exit(code):
    _report()
    _real_exit(code)

os._exit = _exit
atexit.register(_report)
"""


def tree_version() -> str:
    return re.search(r'^__version__ = "([^"]+)"', TREE_INIT.read_text(encoding="utf-8"), re.M).group(1)


def test_a_child_python_imports_checker_from_the_repository_even_from_a_temporary_directory(tmp_path):
    code = "import checker; print(checker.__file__)"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=subprocess_env(), capture_output=True, text=True, check=True)
    path = Path(out.stdout.strip()).resolve()
    assert path == TREE_INIT.resolve(), path
    assert "site-packages" not in path.parts


def test_run_process_runs_the_working_tree_from_a_temporary_directory_and_keeps_a_given_pythonpath(tmp_path):
    # A sitecustomize on the test's own PYTHONPATH reports, as the CLI process ends, which checker
    # it really imported (the CLI ends with os._exit, so that is wrapped; atexit covers sys.exit).
    # It also proves a PYTHONPATH passed in env is kept (after the repository root).
    probe = write(tmp_path / "probe" / "sitecustomize.py", PROBE)
    proc = run_process("--version", cwd=tmp_path, env={"PYTHONPATH": str(probe.parent)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"carecheck {tree_version()}"
    (line,) = [text for text in proc.stderr.splitlines() if text.startswith("checker-from: ")]
    path = Path(line.removeprefix("checker-from: ")).resolve()
    assert path == TREE_INIT.resolve(), path
    assert "site-packages" not in path.parts
