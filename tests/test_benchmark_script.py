"""The benchmark script still runs end to end (on tiny corpora, without peers) and reports every
target of the performance issue on every corpus. It asserts the report's shape, never a timing:
speed is judged by running the script itself (see BENCHMARKS.md)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, subprocess_env

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))


def test_the_benchmark_script_reports_every_target_on_every_corpus(tmp_path):
    output = tmp_path / "BENCHMARKS.md"
    recorded = (ROOT / "BENCHMARKS.md").read_bytes()
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "benchmarks" / "run.py"), "--sizes", "6", "--edits", "1",
         "--output", str(output), "--work", str(tmp_path / "work")],
        cwd=ROOT, env=subprocess_env(), capture_output=True, text=True, timeout=300,  # run.py's children inherit PYTHONPATH
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = output.read_text(encoding="utf-8")
    from run import SECOND

    corpora = ["ours", "second", "real"] if SECOND.exists() else ["ours", "real"]
    if not SECOND.exists():
        assert "- second: skipped (" in report
    assert "## Three corpora, 6 articles each" in report and "articles/s, 1 job" in report
    for name in corpora:
        assert f"\n| {name} | " in report
        assert f"| {name} | one article 20x | " in report and f"| {name} | 6 articles | " in report  # growth rows
    assert "## Cost per article by family" in report and "| reading and parsing (the floor) | " in report and "| wording | " in report
    targets = [line.split("|")[1].strip() for line in report.splitlines() if line.startswith("| ") and line.rstrip().endswith(("| yes |", "| **no** |"))]
    assert targets == (
        [f"{name}: one edited article (rule-set cache warm), {how}" for name in corpora
         for how in ("a new process", "as the pre-commit hook runs it (--keep-warm)")]
        + [f"{name}: warm re-run" for name in corpora]
        + ["ours: peak memory, 6 articles"]
        + [f"{name}: one article 20x longer" for name in corpora]
    )
    if "## The editor's wait (language server)" in recorded.decode("utf-8"):  # carried over, at the end
        section = recorded.decode("utf-8").split("## The editor's wait (language server)")[1]
        assert report.endswith("## The editor's wait (language server)" + section.split("\n## ")[0].rstrip("\n") + "\n")
    assert (ROOT / "BENCHMARKS.md").read_bytes() == recorded  # written to --output only


def test_the_real_corpus_is_stitched_from_whole_real_pages_the_same_way_each_time():
    from real_corpus import SOURCE, pages, stitch

    texts = pages()
    articles = stitch(count=30)
    assert articles == stitch(count=30) and articles[:5] == stitch(count=5)  # deterministic, a prefix of a larger corpus
    assert len(set(articles)) == 30
    for article in articles:
        assert article.startswith("---\n") and "\nlast_reviewed: 20" in article.split("\n---\n")[0]
        assert SOURCE not in article
        assert 1500 <= len(article.split()) <= 3100
        assert sum(page in article for page in texts) >= 3  # several pages in each
    assert all(any(page in article for article in stitch(count=len(texts) // 3)) for page in texts)  # every page is used


def test_peers_are_compared_with_the_carecheck_runs_around_them():
    from run import side_by_side

    quick = [sys.executable, "-c", "pass"]
    slow = [sys.executable, "-c", "import time; time.sleep(0.5)"]
    measured = side_by_side(slow, quick, {})
    before, after = measured["ours_runs"]
    assert measured["ours"] == (before + after) / 2
    assert measured["wall"] >= 0.5 and measured["wall"] > max(before, after)  # the peer's own run
