"""`check --keep-warm`: a warm carecheck process answers later runs (checker/launcher.py,
checker/warm.py). Every test gives it a private runtime directory and stops it at the end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import carecheck_command, subprocess_env, write

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="a warm process needs fork (not on Windows)")

GOOD = "---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\nSleep helps your mood.\n"
BAD = "---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\nShe suffers from insomnia and he committed suicide.\n"


@pytest.fixture
def warm_env():
    """The environment of runs that may use a warm process, in a runtime directory of their own
    (short: a Unix socket's path has room for about 100 characters)."""
    runtime = tempfile.mkdtemp(prefix="cc-")
    env = subprocess_env({"XDG_RUNTIME_DIR": runtime, "CARECHECK_LANGUAGETOOL_URL": "", "CI": ""})
    env.pop("CARECHECK_NO_WARM", None)
    yield env
    subprocess.run(carecheck_command("warm", "stop"), env=env, capture_output=True, timeout=60)
    shutil.rmtree(runtime, ignore_errors=True)


def run(args, cwd, env, stdin=None):
    return subprocess.run(carecheck_command(*args), cwd=cwd, env=env, capture_output=True, text=True, timeout=120, input=stdin)


def served(args, cwd, env) -> bool:
    """Whether the warm process ran `args` (the launcher's own answer, not a guess from timing)."""
    probe = ("import sys\nfrom checker import launcher\n"
             f"sys.exit(7 if launcher.ask_warm_process({list(args)!r}) is None else 0)\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=cwd, env=env, capture_output=True, timeout=120)
    return done.returncode != 7


def wait_for_warm_process(cwd, env, seconds=60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = run(["warm", "status"], cwd, env).stdout
        sockets = list(Path(env["XDG_RUNTIME_DIR"]).glob("carecheck-*/*.sock"))
        if "warm carecheck process" in status and sockets:
            return
        time.sleep(0.2)
    raise AssertionError("no warm process started")


def test_a_warm_run_prints_and_exits_exactly_as_a_cold_one(tmp_path, warm_env):
    write(tmp_path / "content" / "good.md", GOOD)
    write(tmp_path / "content" / "bad.md", BAD)
    first = run(["check", "--keep-warm", "content"], tmp_path, warm_env)  # no warm process yet: runs here, starts one
    wait_for_warm_process(tmp_path, warm_env)
    cold_env = {**warm_env, "CARECHECK_NO_WARM": "1"}
    for args in (["check", "--keep-warm", "content"],
                 ["check", "--keep-warm", "--format", "json", "content/bad.md"],
                 ["check", "--keep-warm", "content/good.md"],
                 ["check", "--keep-warm", "content/missing.md"],  # a path error: one line, exit 2
                 ["check", "--keep-warm", "--format", "nonsense", "content"]):  # a usage error
        assert served(args, tmp_path, warm_env), args
        warm, cold = run(args, tmp_path, warm_env), run(args, tmp_path, cold_env)
        assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr), args
    assert first.returncode == 1 and "committed-suicide" in first.stdout
    assert run(["check", "--keep-warm", "content/missing.md"], tmp_path, warm_env).returncode == 2


def test_a_warm_run_reads_stdin_and_fixes_files_in_the_callers_directory(tmp_path, warm_env):
    article = write(tmp_path / "bad.md", BAD)
    run(["check", "--keep-warm", "bad.md"], tmp_path, warm_env)
    wait_for_warm_process(tmp_path, warm_env)
    piped = run(["check", "--keep-warm", "-", "--stdin-filename", "bad.md"], tmp_path, warm_env, stdin=BAD)
    assert piped.returncode == 1 and "bad.md:7:" in piped.stdout
    run(["check", "--keep-warm", "--fix", "bad.md"], tmp_path, warm_env)
    assert "died by suicide" in article.read_text(encoding="utf-8")


def test_the_warm_process_reads_the_callers_config_and_environment_at_each_run(tmp_path, warm_env):
    write(tmp_path / "content" / "bad.md", BAD)
    run(["check", "--keep-warm", "content"], tmp_path, warm_env)
    wait_for_warm_process(tmp_path, warm_env)
    assert run(["check", "--keep-warm", "content"], tmp_path, warm_env).returncode == 1
    write(tmp_path / "carecheck.yaml", "ignore: [wording]\n")  # a config written after the process started
    quiet = run(["check", "--keep-warm", "content"], tmp_path, warm_env)
    assert quiet.returncode == 0 and "committed-suicide" not in quiet.stdout
    coloured = run(["check", "--keep-warm", "--color", "auto", "content"], tmp_path, {**warm_env, "FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout  # the caller's FORCE_COLOR, not the warm process's


def test_stop_ends_the_warm_process_and_status_says_so(tmp_path, warm_env):
    write(tmp_path / "good.md", GOOD)
    run(["check", "--keep-warm", "good.md"], tmp_path, warm_env)
    wait_for_warm_process(tmp_path, warm_env)
    assert "stopped 1 warm carecheck process" in run(["warm", "stop"], tmp_path, warm_env).stdout
    deadline = time.monotonic() + 30
    while list(Path(warm_env["XDG_RUNTIME_DIR"]).glob("carecheck-*/*.sock")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "no warm carecheck process" in run(["warm", "status"], tmp_path, warm_env).stdout
    assert not served(["check", "good.md"], tmp_path, warm_env)


def test_an_idle_warm_process_ends_by_itself(tmp_path, warm_env):
    process = subprocess.Popen([sys.executable, "-m", "checker.warm", "1"], cwd=tmp_path, env=warm_env)
    assert process.wait(timeout=120) == 0
    assert not list(Path(warm_env["XDG_RUNTIME_DIR"]).glob("carecheck-*/*.sock"))


def test_no_warm_process_is_started_in_ci_or_when_turned_off(tmp_path, warm_env):
    write(tmp_path / "good.md", GOOD)
    for env in ({**warm_env, "CI": "true"}, {**warm_env, "CARECHECK_NO_WARM": "1"}):
        assert run(["check", "--keep-warm", "good.md"], tmp_path, env).returncode == 0
        time.sleep(1)
        assert "no warm carecheck process" in run(["warm", "status"], tmp_path, env).stdout


def test_a_directory_others_can_enter_is_never_used(tmp_path, warm_env):
    from checker import warm_address

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    assert not warm_address.private_directory(str(shared), create=False)
    shared.chmod(0o700)
    assert warm_address.private_directory(str(shared), create=False)
    assert warm_address.private_directory(str(tmp_path / "new"), create=True)
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700


def test_the_fingerprint_changes_with_any_module_or_rule_file(tmp_path, monkeypatch):
    """A warm process of other code is never asked: its socket has another name."""
    from checker import warm_address

    package = tmp_path / "checker"
    write(package / "a.py", "x = 1\n")
    write(tmp_path / "rules" / "data" / "terms.yaml", "a: 1\n")
    monkeypatch.setattr(warm_address, "PACKAGE", str(package))
    before = warm_address.fingerprint()
    assert warm_address.fingerprint() == before
    write(tmp_path / "rules" / "data" / "terms.yaml", "a: 22\n")
    after_rules = warm_address.fingerprint()
    write(package / "a.py", "x = 12\n")
    assert len({before, after_rules, warm_address.fingerprint()}) == 3


def test_only_check_with_the_flag_before_a_double_dash_asks_for_a_warm_process():
    from checker.launcher import wants_warm

    assert wants_warm(["check", "--keep-warm", "a.md"])
    assert not wants_warm(["check", "a.md"])
    assert not wants_warm(["check", "--", "--keep-warm"])
    assert not wants_warm(["rules", "--keep-warm"])
