"""Compiled patterns kept between runs (checker/regexcache.py): rebuilt patterns are the ones
re.compile makes, a second run compiles nothing, and a damaged or planted file only costs time."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import run_process, write

from checker import regexcache

PATTERNS = [
    (r"(?<![\w-])(?:committed\s+suicide|commit\s+suicide)(?![\w-])", re.IGNORECASE),
    (r"\b(?P<term>abus(?:e|es|ed|ing))\s+(?P<what>drugs|alcohol)\b", 0),
    (r"(?P<value>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?:%|per\s+cent)", re.IGNORECASE | re.MULTILINE),
    (r"Samaritans\s+(?:on\s+)?116\s?123|(?i:shout)\s+85258", 0),
    (r"^\s*(?:myths?|facts?)\s*[:–—-]", re.IGNORECASE | re.MULTILINE),
]
TEXT = ("He committed suicide in 2019. Abusing drugs, abused alcohol: 17.2 per cent and 1,200%.\n"
        "Call Samaritans on 116 123 or text SHOUT 85258.\nMyth: self-harm is attention-seeking.\n"
        "COMMIT SUICIDE — commit suicide-prevention")


@pytest.fixture(autouse=True)
def closed():
    yield
    regexcache.open_file(None, "")  # later tests compile with plain re


def same(a: re.Pattern, b: re.Pattern) -> bool:
    def found(p):
        return [(m.span(), m.groups(), m.groupdict()) for m in p.finditer(TEXT)]
    return (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex) and found(a) == found(b)


def test_a_pattern_rebuilt_from_the_file_is_the_one_re_compile_makes(tmp_path):
    regexcache.open_file(tmp_path, "digest")
    first = [regexcache.compile(p, f) for p, f in PATTERNS]
    regexcache.save()
    (kept,) = tmp_path.glob("regex-*.json")
    regexcache.open_file(tmp_path, "digest")
    rebuilt = [regexcache.compile(p, f) for p, f in PATTERNS]
    assert regexcache._new == 0  # every one came from the file
    for (pattern, flags), a, b in zip(PATTERNS, first, rebuilt):
        assert same(a, re.compile(pattern, flags)) and same(b, re.compile(pattern, flags))
    # Another rule set has its own file.
    regexcache.open_file(tmp_path, "other")
    regexcache.compile(*PATTERNS[0])
    assert regexcache._new == 1
    assert kept.exists()


def test_a_damaged_or_planted_file_is_ignored(tmp_path):
    regexcache.open_file(tmp_path, "digest")
    for pattern, flags in PATTERNS:
        regexcache.compile(pattern, flags)
    regexcache.save()
    (kept,) = tmp_path.glob("regex-*.json")
    signature, text = kept.read_text(encoding="utf-8").split("\n", 1)
    body = json.loads(text)
    programs = body["patterns"]
    programs[0][2], programs[1][2] = programs[1][2], programs[0][2]  # swap two programs, keep the old signature
    kept.write_text(signature + "\n" + json.dumps(body), encoding="utf-8")
    regexcache.open_file(tmp_path, "digest")
    assert regexcache._entries == {}
    assert all(same(regexcache.compile(p, f), re.compile(p, f)) for p, f in PATTERNS)
    kept.write_text("{ not json", encoding="utf-8")
    regexcache.open_file(tmp_path, "digest")
    assert same(regexcache.compile(*PATTERNS[1]), re.compile(*PATTERNS[1]))


def test_what_is_worked_out_of_a_pattern_is_kept_with_it(tmp_path, monkeypatch):
    calls = []

    def needs(pattern, flags):
        calls.append(pattern)
        return [["wave"], ["suicide"]]

    regexcache.open_file(tmp_path, "digest")
    assert regexcache.derived("needs", r"suicides?\s+wave", re.I, needs) == [["wave"], ["suicide"]]
    assert regexcache.derived("needs", r"suicides?\s+wave", re.I, needs) == [["wave"], ["suicide"]] and len(calls) == 1
    regexcache.save()
    monkeypatch.setattr(regexcache, "_derived", {})  # a new process: only the file knows it
    regexcache.open_file(tmp_path, "digest")
    assert regexcache.derived("needs", r"suicides?\s+wave", re.I, needs) == [["wave"], ["suicide"]] and len(calls) == 1
    assert regexcache._new == 0


def test_an_invalid_pattern_raises_re_error_as_re_compile_does(tmp_path):
    regexcache.open_file(tmp_path, "digest")
    with pytest.raises(re.error):
        regexcache.compile(r"(unclosed", 0)


def test_without_a_cache_directory_nothing_is_kept(tmp_path):
    regexcache.open_file(None, "digest")
    assert same(regexcache.compile(*PATTERNS[0]), re.compile(*PATTERNS[0]))
    regexcache.save()
    assert regexcache._entries == {} and not list(tmp_path.iterdir())


def test_the_rule_sets_patterns_are_the_same_text_in_every_process():
    """A pattern built from a set must not depend on the set's order (which changes with the hash
    seed): a kept program is found by its pattern text."""
    script = ("from checker.safety_analysis import load_safety_data;"
              "from checker.rule import builtin_rules_dir;"
              "import hashlib;"
              "d = load_safety_data(str(builtin_rules_dir() / 'data' / 'safety.yaml'));"
              "print(hashlib.sha256('|'.join(d[k].pattern for k in sorted(d) if hasattr(d[k], 'pattern')).encode()).hexdigest())")
    seen = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2", "3")}
    assert len(seen) == 1


def test_a_second_run_compiles_nothing_new_and_reports_the_same(tmp_path):
    article = ("# Losing a friend\n\nHe committed suicide last year. Studies show 17% of teens self-harm.\n\n"
               "Call Samaritans on 116 123.\n")
    write(tmp_path / "content" / "a.md", article)
    env = {"CARECHECK_NO_CACHE": ""}
    cold = run_process("check", "--format", "json", "--today", "2026-11-25", cwd=tmp_path, env=env)
    # The first run keeps what it compiled validating the rule packs (before it knew the file's
    # name) with the rest: the second run, with the rule set from its cache, needs nothing new.
    (kept,) = (tmp_path / ".carecheck_cache").glob("regex-*.json")
    before = kept.stat().st_ino  # a file is written anew (checker.atomic), never in place
    write(tmp_path / "content" / "a.md", article + "\nAn edit.\n")  # not a results-cache hit
    warm = run_process("check", "--format", "json", "--today", "2026-11-25", cwd=tmp_path, env=env)
    assert kept.stat().st_ino == before  # nothing new was compiled, so nothing was written
    rules = [f["rule"] for f in json.loads(cold.stdout)["files"][0]["findings"]]
    assert "wording.committed-suicide" in rules and rules == [f["rule"] for f in json.loads(warm.stdout)["files"][0]["findings"]]


def test_what_worker_processes_compile_is_kept_too(tmp_path):
    """A parallel run's workers compile the patterns its articles need (phrase lists, lazily);
    the main process keeps them with its own, so a later run compiles nothing new (before, only
    the main process's patterns were kept, and every parallel run compiled the rest again)."""
    article = ("# Losing a friend {k}\n\nHe committed suicide last year. Studies show 17% of teens self-harm.\n\n"
               "Call Samaritans on 116 123.\n")
    for k in range(20):
        write(tmp_path / "content" / f"a{k:02}.md", article.format(k=k))
    env = {"CARECHECK_NO_CACHE": ""}
    run_process("check", "--jobs", "2", "--today", "2026-11-25", cwd=tmp_path, env=env)
    (kept,) = (tmp_path / ".carecheck_cache").glob("regex-*.json")
    before = kept.stat().st_ino
    write(tmp_path / "content" / "a00.md", article.format(k=0) + "\nAn edit.\n")  # checked here, in one process
    run_process("check", "--jobs", "2", "--today", "2026-11-25", cwd=tmp_path, env=env)
    assert kept.stat().st_ino == before  # it compiled nothing new, so nothing was written


def test_what_was_compiled_before_the_file_was_opened_is_kept_in_it(tmp_path):
    regexcache.open_file(tmp_path, "first")  # a run with a cache: patterns compiled before the next file opens are kept
    regexcache._file = None  # as while a rule set is validated, before its file's name is known
    early = regexcache.compile(*PATTERNS[1])
    regexcache.open_file(tmp_path, "digest")
    assert regexcache._new == 1
    regexcache.save()
    regexcache.open_file(tmp_path, "digest")
    rebuilt = regexcache.compile(*PATTERNS[1])
    assert regexcache._new == 0 and same(rebuilt, early) and same(rebuilt, re.compile(*PATTERNS[1]))
    # Without a cache (--no-cache) nothing compiled before or after is kept.
    regexcache.open_file(None, "")
    regexcache.compile(*PATTERNS[2])
    assert regexcache._pending == {}
