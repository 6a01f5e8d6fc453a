"""Hostile input gets a defined, bounded outcome: special files, YAML alias bombs, one enormous word,
impossible dates, an output path that is an article, the same file named twice, a folder that
cannot be read. Each test bounds the run with a subprocess timeout: a hang fails it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time

import pytest
from conftest import carecheck_command, run_process, subprocess_env, write

from checker.config import Config
from checker.engine import Engine
from checker.rulefile import load_rules

ENV = {"CARECHECK_LANGUAGETOOL_URL": "", "CARECHECK_NO_CACHE": "1"}
ARTICLE = "---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\nSleep helps your mood.\n"


def check(tmp_path, *args, timeout=60):
    return run_process("check", *args, "--format", "json", cwd=tmp_path, env=ENV, timeout=timeout)


def test_special_files_found_by_the_walk_are_never_opened(tmp_path):
    write(tmp_path / "content" / "good.md", ARTICLE)
    os.mkfifo(tmp_path / "content" / "pipe.md")
    os.symlink("/dev/zero", tmp_path / "content" / "zero.md")
    proc = check(tmp_path, "content")  # before: the FIFO hung the run, /dev/zero grew without end
    assert proc.returncode == 2
    assert [f["path"] for f in json.loads(proc.stdout)["files"]] == ["content/good.md"]
    assert "content/pipe.md: not a regular file" in proc.stderr and "content/zero.md: not a regular file" in proc.stderr


def test_a_baseline_that_is_a_special_file_is_a_one_line_error(tmp_path):
    write(tmp_path / "content" / "good.md", ARTICLE)
    os.symlink("/dev/zero", tmp_path / "baseline.json")
    proc = check(tmp_path, "content", "--baseline", "baseline.json")
    assert proc.returncode == 2 and proc.stderr.strip().count("\n") == 0 and "not a regular file" in proc.stderr


def test_an_alias_bomb_in_front_matter_is_refused(tmp_path):
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    write(tmp_path / "bomb.md", "---\n" + "\n".join(levels) + "\ntopics: *i\n---\n# Hello\n\nHi.\n")
    proc = check(tmp_path, "bomb.md")
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert any(f["rule"] == "carecheck.front-matter" and "aliases expand" in f["message"] for f in findings)


def test_one_enormous_word_is_read_in_bounded_time(tmp_path):
    write(tmp_path / "blob.md", "# Data\n\n" + "Zm9v" * 50_000 + "\n\nSleep helps.\n")  # 200 KB, no space
    proc = check(tmp_path, "blob.md", "--select", "readability")  # before: 63 s and 19.6 GB
    assert proc.returncode in (0, 1) and json.loads(proc.stdout)["files"][0]["metrics"]["fk_grade"] is not None


def test_a_review_date_in_year_9999_is_a_future_date_not_a_crash(tmp_path):
    write(tmp_path / "future.md", ARTICLE.replace("2026-11-01", "9999-06-01"))
    proc = check(tmp_path, "future.md")
    assert proc.returncode == 1 and "internal error" not in proc.stderr
    assert [f["rule"] for f in json.loads(proc.stdout)["files"][0]["findings"]] == ["freshness.future-date"]
    assert run_process("due", "future.md", cwd=tmp_path, env=ENV, timeout=60).returncode == 0


def test_the_report_never_replaces_an_article(tmp_path):
    article = write(tmp_path / "content" / "a.md", ARTICLE)
    for command in (["check", "content", "-o", "content/a.md"], ["report", "content", "-o", "content/a.md"]):
        proc = run_process(*command, cwd=tmp_path, env=ENV, timeout=60)
        assert proc.returncode == 2 and "is an article being checked" in proc.stderr
        assert article.read_text(encoding="utf-8") == ARTICLE


def test_one_file_named_two_ways_is_checked_once(tmp_path):
    write(tmp_path / "a.md", ARTICLE + "\nHe committed suicide.\n")
    proc = check(tmp_path, "a.md", str(tmp_path / "a.md"), "./a.md")
    assert len(json.loads(proc.stdout)["files"]) == 1


def test_a_folder_that_cannot_be_read_is_said_not_skipped(tmp_path, monkeypatch):
    """As a user, the folder's permissions are taken away; as root (who reads any folder, as in
    CI) listing it is made to fail the way it fails for a user."""
    write(tmp_path / "content" / "good.md", ARTICLE)
    locked = tmp_path / "content" / "locked"
    write(locked / "hidden.md", ARTICLE)
    if os.geteuid() != 0:
        locked.chmod(0o000)
        try:
            proc = check(tmp_path, "content")
        finally:
            locked.chmod(0o755)
        assert proc.returncode == 2 and "content/locked: cannot be read" in proc.stderr
        assert [f["path"] for f in json.loads(proc.stdout)["files"]] == ["content/good.md"]
        return
    from checker.config import Config
    from checker.files import discover

    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.realpath(path) == os.path.realpath(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, errors = discover([str(tmp_path / "content")], Config(root=tmp_path))
    assert [os.path.basename(f) for f in files] == ["good.md"]
    assert len(errors) == 1 and "locked: cannot be read (Permission denied)" in errors[0]


HOSTILE = ("---\nlast_reviewed: 2020-01-01\nreviewed_by: \"x\\n::error file=a.md::pwned\"\n---\n# Sleep\n\n"
           "He was crazy \x1b]52;c;ZWNobyBwd25lZA==\x07 and \x1b[2J <script>alert(1)</script> @everyone ![x](http://evil/x.png)\n")


def test_article_text_cannot_drive_a_terminal_or_a_ci_log(tmp_path):
    write(tmp_path / "a.md", HOSTILE)
    for fmt in ("text", "concise"):
        out = run_process("check", "a.md", "--format", fmt, cwd=tmp_path, env=ENV, timeout=60).stdout
        assert "\x1b" not in out and "\x07" not in out
        assert not any(line.startswith("::") for line in out.splitlines())


def test_junit_stays_well_formed_and_markdown_stays_inert(tmp_path):
    import xml.etree.ElementTree as ET

    write(tmp_path / "a\x01b.md", HOSTILE)
    junit = run_process("check", ".", "--format", "junit", cwd=tmp_path, env=ENV, timeout=60).stdout
    ET.fromstring(junit)  # before: not well-formed
    markdown = run_process("check", ".", "--format", "markdown", cwd=tmp_path, env=ENV, timeout=60).stdout
    assert "<script>" not in markdown and "@everyone" not in markdown and "![x]" not in markdown


def test_a_file_name_that_is_not_utf8_is_written_not_a_crash(tmp_path):
    name = os.fsdecode(b"caf\xe9.md")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / name).write_text(ARTICLE + "\nHe committed suicide.\n", encoding="utf-8")
    for fmt in ("sarif", "json", "text"):
        proc = run_process("check", "content", "--format", fmt, "-o", "out.txt", cwd=tmp_path, env=ENV, timeout=60)
        assert proc.returncode == 1, proc.stderr
        assert "caf\ufffd.md" in (tmp_path / "out.txt").read_text(encoding="utf-8")


def _cache_run(tmp_path, *args):
    env = {"CARECHECK_LANGUAGETOOL_URL": "", "CARECHECK_NO_CACHE": ""}  # the cache on
    return run_process("check", *args, "--format", "json", cwd=tmp_path, env=env, timeout=120)


def test_a_planted_or_altered_cache_file_is_never_believed(tmp_path):
    write(tmp_path / "content" / "a.md", "---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Suicide\n\nSuicide can be prevented.\n")
    first = _cache_run(tmp_path, "content")
    assert first.returncode == 1 and "crisis.missing-banner" in first.stdout
    cache = tmp_path / ".carecheck_cache"
    copies = list(cache.glob("data-*.json"))
    assert copies and (cache / "secret").stat().st_mode & 0o777 == 0o600
    for copy in copies:  # empty every list in every copy, keeping the file's shape: a planted copy
        signature, body = copy.read_text(encoding="utf-8").split("\n", 1)
        copy.write_text(signature + "\n" + body.replace('"suicide"', '"nothing"'), encoding="utf-8")
    for entry in cache.glob("v1/*/*.json"):  # a result that names another file
        signature, body = entry.read_text(encoding="utf-8").split("\n", 1)
        entry.write_text(signature + "\n" + body.replace("content/a.md", "/etc/passwd"), encoding="utf-8")
    second = _cache_run(tmp_path, "content")
    assert second.returncode == 1 and "crisis.missing-banner" in second.stdout and "/etc/passwd" not in second.stdout


def test_a_cache_directory_that_is_a_link_is_not_used(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    old = write(elsewhere / "package.json", "{}")
    os.utime(old, (1, 1))  # very old: the daily tidy would remove it
    write(tmp_path / "project" / "content" / "a.md", ARTICLE)
    os.symlink(elsewhere, tmp_path / "project" / ".carecheck_cache")
    proc = _cache_run(tmp_path / "project", "content")
    assert proc.returncode == 0
    assert old.exists() and not (elsewhere / ".gitignore").exists() and sorted(p.name for p in elsewhere.iterdir()) == ["package.json"]


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    stat = handle.read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _start_parallel_run(tmp_path):
    slow = ARTICLE + "".join(f"\nParagraph {n}: about 1 in {n + 3} adults have trouble sleeping, a survey found.\n" for n in range(200))
    for n in range(120):
        write(tmp_path / "content" / f"a{n:03}.md", slow)
    proc = subprocess.Popen(carecheck_command("check", "content", "--jobs", "2", "--format", "json", "-o", "out/report.json"),
                            cwd=tmp_path, env=subprocess_env(ENV), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(_children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert len(workers) >= 2, "the run should have started its workers"
    return proc, workers


def _gone(workers, seconds=10) -> bool:
    deadline = time.monotonic() + seconds
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(_alive(pid) for pid in workers)


def test_sigterm_during_a_parallel_run_stops_the_workers_and_leaves_nothing_behind(tmp_path):
    proc, workers = _start_parallel_run(tmp_path)
    proc.send_signal(signal.SIGTERM)  # before: exit 143 at once, both workers orphaned, holding stdout
    _, stderr = proc.communicate(timeout=30)  # end-of-file on stdout: no worker holds it any more
    assert proc.returncode == 143 and stderr.strip() == "carecheck: terminated"
    assert _gone(workers)
    assert not (tmp_path / "out").exists() or os.listdir(tmp_path / "out") == []


def test_workers_die_with_a_parent_killed_outright(tmp_path):
    proc, workers = _start_parallel_run(tmp_path)
    proc.kill()  # no handler can run: the kernel tells the workers (PR_SET_PDEATHSIG)
    proc.communicate(timeout=30)
    assert _gone(workers)


def test_an_exclude_glob_that_would_backtrack_is_matched_in_bounded_time(tmp_path):
    write(tmp_path / ".carecheck.yaml", 'exclude: ["**/*a*a*a*a*a*a*a*a*b"]\n')
    write(tmp_path / "content" / ("a" * 200 + ".md"), ARTICLE)  # before: a regular expression, minutes
    proc = check(tmp_path, "content", timeout=60)
    assert proc.returncode == 0 and len(json.loads(proc.stdout)["files"]) == 1


def test_an_edit_to_a_data_file_outside_data_reaches_the_cache(tmp_path):
    from checker.rule import builtin_rules_dir

    terms = (builtin_rules_dir() / "data" / "readability.yaml").read_text(encoding="utf-8")
    write(tmp_path / "shared" / "terms.yaml", terms)
    write(tmp_path / "packs" / "house.yaml", (
        "pack: house\nrules:\n  - id: house.jargon\n    kind: readability\n    check: jargon\n    severity: warning\n"
        "    data: ../shared/terms.yaml\n    message: \"'{match}' is jargon here.\"\n"
        "    examples:\n      fail: ['Your prognosis is good.']\n      pass: ['Your outlook is good.']\n"))
    write(tmp_path / "a.md", ARTICLE + "\nSleep hygiene helps.\n")

    def rules_fired():
        proc = run_process("check", "a.md", "--rules", "packs", "--select", "house", "--format", "json", cwd=tmp_path,
                           env={"CARECHECK_LANGUAGETOOL_URL": "", "CARECHECK_NO_CACHE": ""}, timeout=60)
        return [f["message"] for f in json.loads(proc.stdout)["files"][0]["findings"]]

    assert rules_fired() == [] and rules_fired() == []  # the second run reads the caches
    write(tmp_path / "shared" / "terms.yaml", terms.replace("\njargon:\n", "\njargon:\n  hygiene: [habits]\n", 1))
    assert rules_fired() == ["'hygiene' is jargon here."]  # before: [] until --no-cache (the file was not in the key)


def test_a_folder_named_on_the_command_line_that_cannot_be_read_is_said_and_the_rest_checked(tmp_path, monkeypatch, run_cli):
    """Before: click refused the whole run ("Path ... is not readable", nothing checked) and a file
    inside the folder was "no such file or directory"."""
    write(tmp_path / "content" / "good.md", ARTICLE)
    locked = tmp_path / "content" / "locked"
    write(locked / "hidden.md", ARTICLE)
    args = ("check", "content/locked", "content/locked/hidden.md", "content/good.md", "--format", "json")
    if os.geteuid() != 0:
        locked.chmod(0o000)
        try:
            proc = run_process(*args, cwd=tmp_path, env=ENV, timeout=60)
        finally:
            locked.chmod(0o755)
        code, stdout, stderr = proc.returncode, proc.stdout, proc.stderr
    else:  # root reads everything: the calls that fail for a user are made to fail the same way
        real_stat, real_scandir, real_access = os.stat, os.scandir, os.access
        folder = str(locked.resolve())

        def inside(path):
            return os.path.realpath(path).startswith(folder)

        def denied(path):
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr(os, "stat", lambda p, *a, **k: denied(p) if inside(p) and os.path.realpath(p) != folder else real_stat(p, *a, **k))
        monkeypatch.setattr(os, "scandir", lambda p=".": denied(p) if inside(p) else real_scandir(p))
        monkeypatch.setattr(os, "access", lambda p, *a, **k: False if inside(p) else real_access(p, *a, **k))
        result = run_cli(*args, cwd=tmp_path, env=ENV)
        code, stdout, stderr = result.exit_code, result.stdout, result.stderr
    assert code == 2
    assert [f["path"] for f in json.loads(stdout)["files"]] == ["content/good.md"]
    assert "content/locked: cannot be read (Permission denied); its files are not checked" in stderr
    assert "content/locked/hidden.md: cannot be read (Permission denied)" in stderr
    assert "no such file" not in stderr and "no Markdown" not in stderr


def test_a_pack_cannot_take_a_built_in_id_or_break_the_error_line(tmp_path):
    rule = ("pack: house\nrules:\n  - id: {id}\n    kind: pattern\n    severity: error\n    regex: ['x']\n"
            "    message: m\n    examples:\n      fail: ['x']\n      pass: ['y']\n")
    write(tmp_path / "a.md", ARTICLE)
    for rule_id, why in (("carecheck.unreadable", "carecheck's own findings"),
                         ('"house.x\\n::error file=a.md::pwned"', "must look like 'family.name'")):
        write(tmp_path / "packs" / "house.yaml", rule.replace("{id}", rule_id))
        proc = check(tmp_path, "a.md", "--rules", "packs")
        assert proc.returncode == 2 and why in proc.stderr, proc.stderr
        assert proc.stderr.count("\n") == 1 and "\n::" not in proc.stderr  # one line; no workflow command


def test_control_characters_in_file_names_reach_no_chart_and_no_warning(tmp_path):
    text = ARTICLE + "Pharmacological interventions demonstrate considerable efficacy in ameliorating symptomatology. " * 4 + "\n"
    for name in ("a\x01b\x1b[2J.md", "ok.md"):
        write(tmp_path / name, text)
    proc = run_process("report", ".", "-o", "out.html", cwd=tmp_path, env=ENV, timeout=120)
    assert proc.returncode == 0
    assert "\x1b" not in proc.stderr and "Glyph" not in proc.stderr  # before: matplotlib's warnings, ESC and all
    assert "a\\x01b\\x1b[2J.md" in (tmp_path / "out.html").read_text(encoding="utf-8")


def test_a_regular_expression_in_a_users_data_file_that_would_backtrack_is_refused(tmp_path):
    import yaml

    from checker.rule import builtin_rules_dir

    context = yaml.safe_load((builtin_rules_dir() / "data" / "context.yaml").read_text(encoding="utf-8"))
    context["historical"] = list(context.get("historical", [])) + ["re:(?:a|aa)+b"]
    write(tmp_path / "packs" / "data" / "mine.yaml", yaml.safe_dump(context, allow_unicode=True))
    write(tmp_path / "packs" / "house.yaml", (
        "pack: house\nrules:\n  - id: house.nuts\n    kind: wording\n    mode: always\n    severity: error\n"
        "    context: data/mine.yaml\n    message: m\n    terms: [nuts]\n"
        "    examples:\n      fail: ['He is nuts.']\n      pass: ['He ate nuts.']\n"))
    write(tmp_path / "a.md", ARTICLE + "\n" + "a" * 50 + "\n")
    proc = check(tmp_path, "a.md", "--rules", "packs", timeout=60)  # before: 18 s at 40 letters, hours at 50
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "mine.yaml" in proc.stderr and "must not repeat a repetition" in proc.stderr


def test_a_worker_forked_before_its_handlers_are_reset_dies_silently_on_sigterm():
    """The race behind a flaky traceback: a pool worker forks with the CLI's SIGTERM handler and is
    terminated before its initializer resets it. It must end as the default would, not raise."""
    import subprocess
    import sys

    script = (
        "import os, signal, sys\n"
        "from checker import cli\n"
        "cli._stop_on_termination()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    os._exit(0)  # not reached when the signal ends the child\n"
        "_, status = os.waitpid(pid, 0)\n"
        "print(os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "True" and proc.stderr == ""


def test_an_interrupted_parallel_run_leaves_no_pool_thread_behind(tmp_path):
    """The interrupt is raised only once the pool's manager thread has ended: on Python 3.11, a
    manager thread still closing its pipe when the interpreter exits can make the exit hook write to
    the closed pipe and print a traceback after "carecheck: terminated" (seen once in CI)."""
    for n in range(40):
        write(tmp_path / f"a{n:02}.md", ARTICLE)
    before = set(threading.enumerate())

    def interrupt(done, total):
        raise KeyboardInterrupt

    engine = Engine(load_rules(), Config(root=tmp_path))
    with pytest.raises(KeyboardInterrupt):
        engine.run([str(tmp_path)], jobs=2, progress=interrupt)
    assert [t for t in threading.enumerate() if t not in before and t.is_alive()] == []


def test_an_article_written_with_the_letters_ignorecase_takes_for_i_and_s_is_checked_not_a_crash(tmp_path):
    """"ſamaritans" and "fıve in ten" match the case-insensitive patterns, so they must be looked up
    as "samaritans" and "five" (before: KeyError and ValueError, an internal error on the file)."""
    from conftest import ROOT

    page = (ROOT / "tests" / "data" / "real_pages" / "c-uk-01.md").read_text(encoding="utf-8")
    plain = tmp_path / "plain"
    odd = tmp_path / "odd"
    write(plain / "page.md", page)
    write(odd / "page.md", page.translate(str.maketrans({"s": "\u017f", "i": "\u0131"})))
    found = {}
    for folder in (plain, odd):
        proc = check(tmp_path, str(folder))
        assert proc.returncode in (0, 1) and proc.stderr == "", proc.stderr
        found[folder] = sorted((f["rule"], f["line"], f["column"]) for f in json.loads(proc.stdout)["files"][0]["findings"])
    crisis = {folder: [f for f in found[folder] if f[0].startswith("crisis.")] for folder in (plain, odd)}
    assert crisis[odd] == crisis[plain] != []  # the services named "ſamarıtans" are the Samaritans
    assert any(rule.startswith("stats.") for rule, _, _ in found[odd])
