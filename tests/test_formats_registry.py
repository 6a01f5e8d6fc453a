"""The output formats are found, not listed: every checker/formats/<name>_format.py is a format."""

from __future__ import annotations

import importlib
import subprocess
import sys

from conftest import subprocess_env

import checker.formats
from checker.findings import Finding
from checker.formats import RenderOptions, format_names, render
from checker.results import FileResult, Report

BUILT_IN = ["text", "concise", "json", "sarif", "junit", "github", "markdown", "html"]


def test_built_in_formats_come_first_in_their_order():
    assert format_names()[: len(BUILT_IN)] == BUILT_IN


def test_helper_modules_are_not_formats():
    # html_charts, html_common, excerpts and fingerprint live beside the formats.
    assert set(format_names()) == set(BUILT_IN)


def test_a_new_module_is_a_new_format_and_renders(tmp_path, monkeypatch):
    # A second directory on the package's path stands in for a new file in checker/formats/, so
    # that nothing is written into the source tree.
    (tmp_path / "zz_test_format.py").write_text("def render(report, options):\n    return f'{len(report.files)} files\\n'\n", encoding="utf-8")
    (tmp_path / "aa_test_format.py").write_text("def render(report, options):\n    return ''\n", encoding="utf-8")
    (tmp_path / "not_a_format_helper.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(checker.formats, "__path__", [*checker.formats.__path__, str(tmp_path)])
    importlib.invalidate_caches()
    try:
        assert format_names() == BUILT_IN + ["aa_test", "zz_test"]
        report = Report(files=[FileResult(path="a.md", findings=[Finding(rule="r.x", severity="info", message="m", start=0, end=1)])])
        assert render(report, "zz_test", RenderOptions()) == "1 files\n"
    finally:
        for name in ("checker.formats.zz_test_format", "checker.formats.aa_test_format"):
            sys.modules.pop(name, None)


def test_listing_the_formats_imports_none_of_them():
    code = "import sys; from checker.formats import format_names; format_names(); print(sorted(m for m in sys.modules if m.startswith('checker.formats.')))"
    out = subprocess.run([sys.executable, "-c", code], env=subprocess_env(), capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_cli_accepts_a_format_module_dropped_into_the_package(tmp_path):
    # The real source tree: `--format` choices are made when checker.cli is imported, so only a
    # fresh process shows whether a new module is offered without editing cli.py.
    from conftest import ROOT, carecheck_command

    module = ROOT / "checker" / "formats" / "zz_count_format.py"
    module.write_text("def render(report, options):\n    return f'{len(report.files)} files checked\\n'\n", encoding="utf-8")
    try:
        (tmp_path / "a.md").write_text("# Hello\n\nPlain words.\n", encoding="utf-8")
        done = subprocess.run(carecheck_command("check", "--fail-on", "never", "--format", "zz_count", "a.md"), cwd=tmp_path, env=subprocess_env(),
                              capture_output=True, text=True)
    finally:
        module.unlink()
    assert done.stdout == "1 files checked\n", done.stderr
    assert done.returncode == 0
