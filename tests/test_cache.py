"""The results cache: unchanged files are not checked again; results are the same either way."""

from __future__ import annotations

import json

import pytest
from conftest import run_process, write

ENV = {"CARECHECK_NO_CACHE": ""}
ARTICLE = "---\nlast_reviewed: 2026-06-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\nShe suffers from insomnia.\n"


def test_a_warm_run_uses_the_cache_and_gives_the_same_output(tmp_path):
    write(tmp_path / "content" / "a.md", ARTICLE)
    cold = run_process("check", "--format", "json", "--today", "2026-11-25", cwd=tmp_path, env=ENV)
    entries = list((tmp_path / ".carecheck_cache" / "v1").rglob("*.json"))
    assert len(entries) == 1
    warm = run_process("check", "--format", "json", "--today", "2026-11-25", cwd=tmp_path, env=ENV)
    assert warm.stdout == cold.stdout
    # A changed file, another --today or --no-cache: checked again.
    write(tmp_path / "content" / "a.md", ARTICLE.replace("suffers from", "lives with"))
    changed = run_process("check", "--format", "json", "--today", "2026-11-25", cwd=tmp_path, env=ENV)
    assert "wording.suffers-from" not in changed.stdout
    assert len(list((tmp_path / ".carecheck_cache" / "v1").rglob("*.json"))) == 2


def test_corrupt_entries_are_ignored(tmp_path):
    write(tmp_path / "content" / "a.md", ARTICLE)
    first = run_process("check", "--format", "json", "--today", "2026-11-25", cwd=tmp_path, env=ENV)
    for entry in (tmp_path / ".carecheck_cache").rglob("*.json"):
        entry.write_text("{ not json")
    again = run_process("check", "--format", "json", "--today", "2026-11-25", cwd=tmp_path, env=ENV)
    assert again.returncode == first.returncode and again.stdout == first.stdout and "Traceback" not in again.stderr


def test_no_cache_writes_nothing(tmp_path):
    write(tmp_path / "content" / "a.md", ARTICLE)
    run_process("check", "--no-cache", cwd=tmp_path, env=ENV)
    assert not (tmp_path / ".carecheck_cache").exists()


def test_settings_are_part_of_the_key(tmp_path):
    write(tmp_path / "content" / "a.md", ARTICLE)
    run_process("check", "--today", "2026-11-25", cwd=tmp_path, env=ENV)
    later = run_process("check", "--format", "json", "--today", "2029-11-25", cwd=tmp_path, env=ENV)
    assert "freshness.overdue" in later.stdout
    selected = run_process("check", "--format", "json", "--select", "freshness", "--today", "2026-11-25", cwd=tmp_path, env=ENV)
    assert json.loads(selected.stdout)["summary"]["findings"] == 0


def test_the_validated_rule_set_is_cached_as_json_and_reused(tmp_path):
    from checker.rulefile import load_rules

    first = load_rules(cache_dir=tmp_path)
    (cached,) = tmp_path.glob("rules-*.json")
    again = load_rules(cache_dir=tmp_path)
    assert [r.id for r in again.rules] == [r.id for r in first.rules] and again.digest == first.digest
    assert again.rules[0].params == first.rules[0].params and again.rules[0].examples_fail == first.rules[0].examples_fail
    cached.write_text("{ corrupt")
    assert [r.id for r in load_rules(cache_dir=tmp_path).rules] == [r.id for r in first.rules]


def test_the_reference_date_is_always_part_of_the_key():
    import datetime

    from checker.config import Config
    from checker.engine import Engine
    from checker.rulefile import load_rules

    engine = Engine(load_rules(), Config())
    assert engine.settings_for("a.md").options["today"] == datetime.date.today()


def test_data_files_are_read_back_from_json_exactly_as_from_yaml(tmp_path):
    """The JSON copy of each shipped data file gives the same values, key order, key lines and
    dates as the YAML; a corrupt copy is read from the YAML again."""
    from checker import yamlload
    from checker.rulefile import builtin_rules_dir

    files = sorted(str(p) for p in builtin_rules_dir().rglob("*.yaml") if p.parent.name == "data")
    assert len(files) >= 7

    def load_all():
        yamlload._load_data_file.cache_clear()
        return [yamlload.load_data_file(f) for f in files]

    def lines(value):
        if isinstance(value, dict):
            return [value.line, value.key_lines, [lines(v) for v in value.values()]]
        return [lines(v) for v in value] if isinstance(value, list) else None

    try:
        from_yaml = load_all()
        yamlload.cache_data_files_in(tmp_path)
        load_all()  # writes the copies
        copies = sorted(tmp_path.glob("data-*.json"))
        assert len(copies) == len(files)
        from_json = load_all()
        assert from_json == from_yaml and [lines(d) for d in from_json] == [lines(d) for d in from_yaml]
        assert [list(d) for d in from_json] == [list(d) for d in from_yaml]  # key order
        copies[0].write_text("{ corrupt")
        assert load_all() == from_yaml
    finally:
        yamlload.cache_data_files_in(None)
        yamlload._load_data_file.cache_clear()


def test_a_partly_warm_parallel_run_checks_only_the_changed_files_and_agrees(tmp_path):
    """With many files and several jobs, only the changed file is checked again, and the report is
    the same as a run without a cache."""
    for k in range(20):
        write(tmp_path / "content" / f"a{k:02}.md", ARTICLE.replace("Sleep", f"Sleep {k}"))
    args = ("check", "--format", "json", "--today", "2026-11-25", "--jobs", "2")
    run_process(*args, cwd=tmp_path, env=ENV)
    entries = set((tmp_path / ".carecheck_cache" / "v1").rglob("*.json"))
    write(tmp_path / "content" / "a07.md", ARTICLE.replace("suffers from", "lives with"))
    warm = run_process(*args, cwd=tmp_path, env=ENV)
    added = set((tmp_path / ".carecheck_cache" / "v1").rglob("*.json")) - entries
    assert len(added) == 1  # only the changed file was checked again
    fresh = run_process(*args, "--no-cache", cwd=tmp_path, env=ENV)
    assert warm.stdout == fresh.stdout and warm.returncode == fresh.returncode
    assert json.loads(warm.stdout)["summary"]["files"] == 20


def test_kept_results_are_read_before_any_worker_starts_and_only_changed_files_reach_the_workers(tmp_path, monkeypatch):
    """A parallel run reads the kept results itself (a worker would send each back through a
    pipe): when every file is unchanged no worker process starts, and otherwise the workers get
    the changed files only. The report is the same as without a cache, in the same order."""
    import concurrent.futures

    from checker.cache import ResultCache
    from checker.config import Config
    from checker.engine import Engine
    from checker.rulefile import load_rules

    for k in range(40):
        write(tmp_path / "content" / f"a{k:02}.md", ARTICLE.replace("Sleep", f"Sleep {k}"))
    ruleset = load_rules()
    fresh = Engine(ruleset, Config(root=tmp_path)).run([str(tmp_path / "content")], jobs=1)
    cached = Engine(ruleset, Config(root=tmp_path), cache=ResultCache(tmp_path, ruleset.digest))
    assert not cached.cache.has_entries()
    cached.run([str(tmp_path / "content")], jobs=1)  # keeps every result
    given = []
    real_pool = concurrent.futures.ProcessPoolExecutor

    class Pool(real_pool):
        def map(self, fn, paths, *rest, **options):
            paths = list(paths)
            given.extend(paths)
            return super().map(fn, paths, *rest, **options)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    warm = cached.run([str(tmp_path / "content")], jobs=2)
    assert given == [] and warm.files == fresh.files
    for k in range(0, 40, 2):  # half the files change: enough for the workers
        write(tmp_path / "content" / f"a{k:02}.md", ARTICLE.replace("Sleep", f"Rest {k}"))
    fresh = Engine(ruleset, Config(root=tmp_path)).run([str(tmp_path / "content")], jobs=1)
    partly = cached.run([str(tmp_path / "content")], jobs=2)
    assert sorted(given) == sorted(str(tmp_path / "content" / f"a{k:02}.md") for k in range(0, 40, 2))
    assert partly.files == fresh.files
    # Every file changed (as after an upgrade): the first 32 miss, the workers look up the rest.
    for k in range(40):
        write(tmp_path / "content" / f"a{k:02}.md", ARTICLE.replace("Sleep", f"Calm {k}"))
    looked_up = []
    monkeypatch.setattr(cached, "cached_result", lambda path, corpus_only=False: looked_up.append(path))
    given.clear()
    fresh = Engine(ruleset, Config(root=tmp_path)).run([str(tmp_path / "content")], jobs=1)
    assert cached.run([str(tmp_path / "content")], jobs=2).files == fresh.files
    assert len(looked_up) == 32 and len(given) == 40


def test_a_run_whose_files_are_all_unchanged_imports_no_kind_it_does_not_need(tmp_path):
    """Deciding which rules run needs no kind's module (checker.kinds.DYNAMIC_ID_KINDS), so a warm
    run imports only the kinds of its corpus checks: not crisis, wording, readability or safety,
    whose modules (and analyses) a cold run needs."""
    import ast
    import subprocess
    import sys

    from conftest import subprocess_env

    write(tmp_path / "content" / "a.md", ARTICLE)
    script = ("import sys\nfrom checker.cli import main\nsys.argv = ['carecheck', 'check', '--today', '2026-11-25']\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.startswith('checker.kinds.')), file=sys.stderr)\n")
    imported = []
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=subprocess_env(ENV), capture_output=True, text=True, timeout=120)
        imported.append(set(ast.literal_eval(proc.stderr.strip().splitlines()[-1])))
    unneeded = {"checker.kinds.crisis", "checker.kinds.wording", "checker.kinds.readability", "checker.kinds.safety"}
    assert unneeded <= imported[0] and not unneeded & imported[1], imported


def _age(path, days: float) -> None:
    import os
    import time

    then = time.time() - days * 86400
    os.utime(path, (then, then))


def test_files_unused_for_two_days_are_removed_once_a_day(tmp_path):
    """A run marks every cache file it uses; once a day a run removes the ones no run has used for
    two days (an old version of an article, a rule set or data file that changed since)."""
    write(tmp_path / "content" / "a.md", ARTICLE)
    args = ("check", "--today", "2026-11-25")
    run_process(*args, cwd=tmp_path, env=ENV)
    cache = tmp_path / ".carecheck_cache"
    (old_entry,) = (cache / "v1").rglob("*.json")
    assert list(cache.glob("rules-*.json")) and list(cache.glob("data-*.json"))
    write(tmp_path / "content" / "a.md", ARTICLE.replace("Sleep", "Rest"))  # a new version: a new entry
    stale_rules = write(cache / "rules-0000.json", "{}")  # as an earlier rule set would have left
    leftover = write(cache / "v1" / "00" / ".carecheck-1-0.tmp", "{")  # as a killed run would leave
    for path in [*cache.rglob("*.json"), leftover]:
        _age(path, 3)

    run_process(*args, cwd=tmp_path, env=ENV)  # tidied less than a day ago: nothing removed
    assert old_entry.exists() and stale_rules.exists() and leftover.exists()

    _age(cache / "tidied", 1.5)
    run_process(*args, cwd=tmp_path, env=ENV)
    assert not old_entry.exists() and not stale_rules.exists() and not leftover.exists()
    # What this run used is kept: the current entry, rule set and data copies.
    assert len(list((cache / "v1").rglob("*.json"))) == 1
    assert list(cache.glob("rules-*.json")) and list(cache.glob("data-*.json"))
    warm = run_process("check", "--format", "json", "--today", "2026-11-25", cwd=tmp_path, env=ENV)
    fresh = run_process("check", "--format", "json", "--today", "2026-11-25", "--no-cache", cwd=tmp_path, env=ENV)
    assert warm.stdout == fresh.stdout


def test_a_cache_hit_marks_the_entry_as_used(tmp_path):
    import time

    write(tmp_path / "content" / "a.md", ARTICLE)
    run_process("check", "--today", "2026-11-25", cwd=tmp_path, env=ENV)
    (entry,) = (tmp_path / ".carecheck_cache" / "v1").rglob("*.json")
    _age(entry, 3)
    run_process("check", "--today", "2026-11-25", cwd=tmp_path, env=ENV)
    assert time.time() - entry.stat().st_mtime < 600


def test_tidy_keeps_recent_files_and_ignores_a_vanished_directory(tmp_path):
    import time

    from checker.cache import tidy

    assert tidy(tmp_path / "missing") == 0
    recent = write(tmp_path / "v1" / "ab" / "recent.json", "{}")
    old = write(tmp_path / "v1" / "ab" / "old.json", "{}")
    _age(old, 2.5)
    assert tidy(tmp_path) == 1 and recent.exists() and not old.exists()
    _age(recent, 2.5)
    assert tidy(tmp_path) == 0  # tidied a moment ago
    assert tidy(tmp_path, now=time.time() + 86400) == 1


def test_git_ignores_the_cache_directory(tmp_path):
    import subprocess

    write(tmp_path / "content" / "a.md", ARTICLE)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    run_process("check", "--today", "2026-11-25", cwd=tmp_path, env=ENV)
    assert (tmp_path / ".carecheck_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert status.stdout.split() == ["??", "content/a.md"]


def test_a_data_file_that_fails_its_schema_fails_again_with_a_warm_cache(tmp_path):
    # Only a file that passed its schema gets a JSON copy, and reading a copy skips the check:
    # a broken file must not slip through on the second run.
    from checker import yamlload
    from checker.errors import UsageError

    data = tmp_path / "context.yaml"
    data.write_text("negation_window: six\n", encoding="utf-8")
    try:
        yamlload.cache_data_files_in(tmp_path / "cache")
        for _ in range(2):
            yamlload._load_data_file.cache_clear()
            with pytest.raises(UsageError, match="negation_window"):
                yamlload.load_data_file(str(data), {"negation_window": "int"})
        assert not list((tmp_path / "cache").glob("data-*.json")) if (tmp_path / "cache").exists() else True
        data.write_text("negation_window: 6\n", encoding="utf-8")
        yamlload._load_data_file.cache_clear()
        assert yamlload.load_data_file(str(data), {"negation_window": "int"}) == {"negation_window": 6}
        assert len(list((tmp_path / "cache").glob("data-*.json"))) == 1
    finally:
        yamlload.cache_data_files_in(None)
        yamlload._load_data_file.cache_clear()
