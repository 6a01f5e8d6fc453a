"""Bad input never crashes carecheck, nothing hangs, and output does not depend on order or jobs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT, carecheck_command, run_process, subprocess_env, write

GOOD = "---\nlast_reviewed: 2026-06-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\nShe suffers from insomnia.\n"


def one_line_error(proc) -> str:
    lines = [text for text in proc.stderr.splitlines() if not text.startswith("carecheck: note:")]
    assert "Traceback" not in proc.stderr and len(lines) == 1, proc.stderr
    return lines[0]


def test_a_catastrophic_rule_regex_times_out_and_the_run_goes_on(tmp_path):
    write(tmp_path / "rules" / "bad.yaml", "pack: bad\nrules:\n  - id: house.slow\n    kind: pattern\n    severity: warning\n    message: m\n    regex: ['(a|aa)+b']\n    examples: {fail: [ab]}\n")
    write(tmp_path / "content" / "a.md", "a" * 60 + "\n")
    write(tmp_path / "content" / "b.md", GOOD)
    start = time.monotonic()
    proc = run_process("check", "--format", "json", "--select", "house,wording,carecheck", "--rules", tmp_path / "rules", "content", cwd=tmp_path)
    assert time.monotonic() - start < 20
    files = {os.path.basename(f["path"]): [x["rule"] for x in f["findings"]] for f in json.loads(proc.stdout)["files"]}
    assert files == {"a.md": ["carecheck.rule-timeout"], "b.md": ["wording.suffers-from"]}


@pytest.mark.parametrize(
    "setup, expected",
    [
        (lambda d: (d / "empty").mkdir(), "no Markdown, HTML or text files found"),
        (lambda d: None, "no such file or directory"),
    ],
)
def test_paths_that_give_nothing_to_check_exit_2(tmp_path, setup, expected):
    setup(tmp_path)
    target = tmp_path / "empty"
    proc = run_process("check", target)
    assert proc.returncode == 2 and expected in one_line_error(proc)


def test_odd_files_are_reported_and_the_others_still_checked(tmp_path):
    write(tmp_path / "empty.md", "")
    write(tmp_path / "only-front-matter.md", "---\ntitle: x\n---\n")
    write(tmp_path / "list-front-matter.md", "---\n- a\n- b\n---\nText.\n")
    write(tmp_path / "unterminated.md", "---\ntitle: x\nText.\n")
    (tmp_path / "big.md").write_bytes(b"She suffers from it. " * (50 * 1024 * 1024 // 21))
    write(tmp_path / "nested.html", "<div>" * 30000 + "<p>She suffers from it.</p>" + "</div>" * 30000)
    write(tmp_path / "good.md", GOOD)
    os.symlink(tmp_path, tmp_path / "loop")  # a symlink loop back to the folder itself
    start = time.monotonic()
    proc = run_process("check", "--format", "json", "--select", "wording,carecheck", tmp_path)
    assert time.monotonic() - start < 60 and "Traceback" not in proc.stderr
    files = {os.path.basename(f["path"]): [(x["rule"], x["line"]) for x in f["findings"]] for f in json.loads(proc.stdout)["files"]}
    assert files["empty.md"] == [] and files["only-front-matter.md"] == []
    assert files["list-front-matter.md"] == [("carecheck.front-matter", 2)]
    assert files["unterminated.md"] == [("carecheck.front-matter", 1)]
    assert files["big.md"] == [("carecheck.unreadable", 1)]
    assert files["nested.html"] == [("wording.suffers-from", 1)]
    assert files["good.md"] == [("wording.suffers-from", 7)]
    assert len(files) == 7  # nothing found twice through the loop


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_a_finding(tmp_path):
    path = write(tmp_path / "secret.md", GOOD)
    path.chmod(0)
    try:
        proc = run_process("check", "--format", "json", "--select", "carecheck", path)
        assert [x["rule"] for x in json.loads(proc.stdout)["files"][0]["findings"]] == ["carecheck.unreadable"]
    finally:
        path.chmod(0o644)


def test_output_is_the_same_whatever_the_jobs_and_path_order(tmp_path):
    for k in range(24):
        write(tmp_path / f"d{k % 3}" / f"a{k:02d}.md", GOOD.replace("Sleep", f"Sleep {k}") + ("\nHe committed suicide.\n" if k % 4 == 0 else ""))
    dirs = [str(tmp_path / f"d{k}") for k in range(3)]
    outputs = set()
    for fmt in ("json", "sarif"):
        runs = [
            run_process("check", "--format", fmt, "--today", "2026-11-25", "--jobs", "1", *dirs).stdout,
            run_process("check", "--format", fmt, "--today", "2026-11-25", "--jobs", "2", *reversed(dirs)).stdout,
        ]
        assert runs[0] == runs[1]
        outputs.add(fmt)
    assert outputs == {"json", "sarif"}


def test_internal_errors_are_one_line(tmp_path):
    # A rule kind that blows up stands for a bug: the user sees one line and exit code 2.
    env = {"PYTHONPATH": str(tmp_path)}
    write(tmp_path / "sitecustomize.py", "import checker.engine as e\ne.Engine.check_document = lambda *a, **k: 1 / 0\n")
    write(tmp_path / "a.md", GOOD)
    proc = run_process("check", tmp_path / "a.md", env=env)
    assert proc.returncode == 2 and one_line_error(proc).startswith("carecheck: internal error: ZeroDivisionError")


def test_ctrl_c_during_a_parallel_run_stops_with_130(tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
    from generate import generate

    generate(tmp_path / "corpus", 300)
    proc = subprocess.Popen(
        carecheck_command("check", "--jobs", "2", "--no-cache", tmp_path / "corpus"),
        cwd=ROOT, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(2.0)
    proc.send_signal(signal.SIGINT)
    start = time.monotonic()
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and time.monotonic() - start < 10
    assert "Traceback" not in err and "interrupted" in err


def test_yaml_is_only_loaded_safely(tmp_path):
    write(tmp_path / "rules" / "evil.yaml", "pack: !!python/object/apply:os.system ['touch pwned']\nrules: []\n")
    proc = run_process("check", "--rules", tmp_path / "rules", ROOT / "content", cwd=tmp_path)
    assert proc.returncode == 2 and not (tmp_path / "pwned").exists()
    assert "could not determine a constructor" in one_line_error(proc)


def test_articles_are_never_modified(tmp_path):
    path = write(tmp_path / "a.md", GOOD)
    before = path.read_bytes(), path.stat().st_mtime_ns
    run_process("check", path)
    run_process("report", path, "-o", tmp_path / "r.html")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
