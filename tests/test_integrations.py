"""Baselines, --changed-since, --corpus, and the pre-commit hook run by the real pre-commit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_process, subprocess_env, write


def findings(proc) -> list[tuple[str, str, int]]:
    data = json.loads(proc.stdout)
    return [(Path(f["path"]).name, x["rule"], x["line"]) for f in data["files"] for x in f["findings"]]


def test_baseline_hides_known_findings_survives_moved_lines_and_only_shrinks(tmp_path):
    article = write(tmp_path / "a.md", "She suffers from anxiety.\n\nHe committed suicide.\n")
    base = tmp_path / "baseline.json"
    assert run_process("baseline", base, "--select", "wording", article).returncode == 0
    assert len(json.loads(base.read_text())["findings"]) == 2
    # Known findings are hidden even after lines move; a new one shows.
    write(article, "An intro.\n\nShe suffers from anxiety.\n\nHe committed suicide.\n\nThey are junkies.\n")
    proc = run_process("check", "--format", "json", "--select", "wording", "--baseline", base, article)
    assert findings(proc) == [("a.md", "wording.junkie", 7)]
    # Fix one: the check says the baseline has a stale entry, and `baseline` shrinks it.
    write(article, "An intro.\n\nShe has anxiety.\n\nHe committed suicide.\n\nThey are junkies.\n")
    proc = run_process("check", "--format", "json", "--select", "wording", "--baseline", base, article)
    assert "1 baseline entry no longer occurs;" in proc.stderr
    run_process("baseline", base, "--select", "wording", article)
    entries = json.loads(base.read_text())["findings"]
    assert [e["rule"] for e in entries] == ["wording.committed-suicide"]  # shrank; the new finding was not added


def test_a_broken_baseline_is_a_one_line_error(tmp_path):
    write(tmp_path / "bad.json", "{not json")
    write(tmp_path / "a.md", "Text.\n")
    proc = run_process("check", "--baseline", tmp_path / "bad.json", tmp_path / "a.md")
    assert proc.returncode == 2 and "not a carecheck baseline file" in proc.stderr and "Traceback" not in proc.stderr


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})


CITED = "A 2014 review by Swannell and colleagues found that 17.2% of adolescents had self-harmed.\n"
DIFFERENT = "According to a 2014 review by Swannell and colleagues, 15% of adolescents have self-harmed.\n"


def test_changed_since_reports_only_changed_files_with_corpus_facts_from_all(tmp_path):
    repo = tmp_path / "repo"
    write(repo / "content" / "old.md", CITED + "\nShe suffers from anxiety.\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "start")
    write(repo / "content" / "new.md", DIFFERENT)
    proc = run_process("check", "--format", "json", "--select", "wording,stats", "--changed-since", "main", "content", cwd=repo)
    assert findings(proc) == [("new.md", "stats.corpus-inconsistent", 1), ("new.md", "stats.registry-mismatch", 1)]
    bad = run_process("check", "--changed-since", "no-such-ref", "content", cwd=repo)
    assert bad.returncode == 2 and "--changed-since no-such-ref" in bad.stderr


def test_corpus_option_compares_with_files_not_reported(tmp_path):
    write(tmp_path / "content" / "a.md", CITED)
    write(tmp_path / "content" / "b.md", DIFFERENT)
    proc = run_process("check", "--format", "json", "--select", "stats.corpus-inconsistent", "--corpus", "content", "content/b.md", cwd=tmp_path)
    assert findings(proc) == [("b.md", "stats.corpus-inconsistent", 1)]
    assert json.loads(proc.stdout)["summary"]["files"] == 1


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_hook_fails_on_a_bad_article_and_passes_a_good_one(tmp_path):
    """The real pre-commit (from PyPI) builds carecheck from this repository with try-repo."""
    pytest.importorskip("pre_commit")
    source = tmp_path / "carecheck"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", ".alex", "reports", "build"))
    git(source, "init", "-q", "-b", "main")
    git(source, "add", ".")
    git(source, "commit", "-q", "-m", "carecheck")
    project = tmp_path / "project"
    write(project / "good.md", "---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\nSleep helps your mood.\n")
    write(project / "bad.md", "---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\nShe suffers from insomnia and he committed suicide.\n")
    # Not articles: pre-commit names them too, and the hook must leave them alone.
    write(project / "README.md", "# Our articles\n\nThis repository holds the articles.\n")
    write(project / "requirements.txt", "click\npyyaml\n")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "CARECHECK_LANGUAGETOOL_URL": ""}

    def try_repo(*files):
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(source), "carecheck", "--files", *files],
                              cwd=project, env=env, capture_output=True, text=True, timeout=600)

    good = try_repo("good.md", "README.md", "requirements.txt")
    assert good.returncode == 0, good.stdout + good.stderr
    bad = try_repo("bad.md", "README.md", "requirements.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "bad.md:7:" in bad.stdout and "wording.committed-suicide" in bad.stdout
    assert "README.md" not in bad.stdout and "requirements.txt" not in bad.stdout


def test_the_local_hook_from_the_readme_checks_only_articles(tmp_path):
    """The README's `repo: local` variant, run by the real pre-commit on every file of a repository
    with a README and a requirements file (no network: language system)."""
    pytest.importorskip("pre_commit")
    project = tmp_path / "project"
    write(project / "content" / "bad.md", "---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\nHe committed suicide.\n")
    write(project / "README.md", "# Our articles\n\nThis repository holds the articles.\n")
    write(project / "requirements.txt", "click\n")
    entry = f"{sys.executable} -m checker check --force-exclude"
    write(project / ".pre-commit-config.yaml", "repos:\n  - repo: local\n    hooks:\n      - id: carecheck\n        name: carecheck\n"
          f"        entry: {entry}\n        language: system\n        types_or: [markdown, html, plain-text]\n")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    env = subprocess_env({"PRE_COMMIT_HOME": str(tmp_path / "cache"), "CARECHECK_LANGUAGETOOL_URL": "", "CARECHECK_NO_CACHE": "1"})
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "content/bad.md:7:" in proc.stdout and "README.md" not in proc.stdout.replace(".pre-commit", "") and "requirements.txt" not in proc.stdout


def test_a_baseline_matches_however_the_paths_are_written(tmp_path):
    write(tmp_path / "content" / "a.md", "She suffers from anxiety.\n")
    base = tmp_path / "b.json"
    run_process("baseline", base, "--select", "wording", "content", cwd=tmp_path)
    for spelling in ("./content", str(tmp_path / "content"), "content/a.md"):
        proc = run_process("check", "--format", "json", "--select", "wording", "--baseline", base, spelling, cwd=tmp_path)
        assert findings(proc) == [] and "no longer occur" not in proc.stderr, spelling


def test_suppression_comments_also_hide_corpus_findings(tmp_path):
    write(tmp_path / "content" / "a.md", CITED)
    write(tmp_path / "content" / "b.md", "<!-- carecheck-disable stats.corpus-inconsistent -->\n\n" + DIFFERENT)
    proc = run_process("check", "--format", "json", "--select", "stats.corpus-inconsistent,carecheck", "content", cwd=tmp_path)
    assert findings(proc) == []
