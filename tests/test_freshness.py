"""freshness.*: review dates from front matter and text, the policy, and the review calendar."""

from __future__ import annotations

import csv
import io
import json

import pytest

from checker.dates import add_months, describe_interval, parse_date
from conftest import FIXTURES, run_process

FRESHNESS = FIXTURES / "freshness"
TODAY = "2026-11-25"

EXPECTED = {
    "text-date.md": [],
    "front-matter.md": [],
    "overdue.md": [("freshness.overdue", 14, 16)],
    "future.md": [("freshness.future-date", 14, 16)],
    "missing.md": [("freshness.missing-review-date", 6, 1)],
    "due-soon.md": [("freshness.due-soon", 14, 16)],
    "plain.txt": [("freshness.unparseable-date", 6, 1)],
    "uk-page.html": [("freshness.ambiguous-date", 3, 1), ("freshness.missing-reviewer", 7, 17), ("freshness.next-review-mismatch", 8, 21)],
}


@pytest.fixture(scope="module")
def report():
    from click.testing import CliRunner

    from checker.cli import main

    result = CliRunner().invoke(main, ["check", "--select", "freshness", "--today", TODAY, "--format", "json", str(FRESHNESS)])
    return {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(result.stdout)["files"]}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(report, name):
    assert [(f["rule"], f["line"], f["column"]) for f in report[name]["findings"]] == EXPECTED[name]


def test_every_fixture_is_covered():
    assert sorted(p.name for p in FRESHNESS.iterdir()) == sorted(EXPECTED)


def test_metrics_and_policy(report):
    text = report["text-date.md"]["metrics"]
    # A page with crisis resources is on the 12-month clock.
    assert (text["last_reviewed"], text["review_due"], text["days_until_due"], text["reviewed_by"]) == ("2026-03-24", "2027-03-24", 119, "Marcus Lee, MD")
    plain = report["front-matter.md"]["metrics"]
    assert plain["review_due"] == "2029-06-01"  # 36 months without crisis resources
    uk = report["uk-page.html"]["metrics"]
    assert uk["last_reviewed"] == "2026-04-03"  # 03/04/2026 read day first for en-GB
    overdue = report["overdue.md"]["findings"][0]["message"]
    assert overdue == "Review overdue by 1 year and 8 months: last reviewed 2024-03-24, due 2025-03-24 (12-month policy for pages with crisis resources)."


def test_today_changes_the_verdict(run_cli):
    path = FRESHNESS / "text-date.md"
    later = json.loads(run_cli("check", "--select", "freshness", "--today", "2027-04-01", "--format", "json", path).stdout)
    assert [f["rule"] for f in later["files"][0]["findings"]] == ["freshness.overdue"]


def test_config_policy_per_path(tmp_path, run_cli):
    (tmp_path / "strict").mkdir()
    (tmp_path / "strict" / "a.md").write_text("---\nlast_reviewed: 2026-03-01\nreviewed_by: Ann Lee, MD\n---\nLow mood passes.\n")
    (tmp_path / "carecheck.yaml").write_text("overrides:\n  - files: [strict/**]\n    freshness: {interval_months: 6}\n")
    data = json.loads(run_cli("check", "--select", "freshness", "--today", TODAY, "--format", "json", "strict", cwd=tmp_path).stdout)
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["freshness.overdue"]
    assert data["files"][0]["metrics"]["review_due"] == "2026-09-01"


def test_invalid_freshness_config_exits_2(tmp_path):
    (tmp_path / "carecheck.yaml").write_text("freshness: {interval_months: soon}\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("Text.\n")
    proc = run_process("check", cwd=tmp_path)
    assert proc.returncode == 2 and "freshness.interval_months" in proc.stderr and "Traceback" not in proc.stderr


def test_due_calendar_orders_overdue_first(run_cli):
    result = run_cli("due", "--today", TODAY, "--format", "json", FRESHNESS)
    rows = json.loads(result.stdout)["articles"]
    names = [r["path"].rsplit("/", 1)[-1] for r in rows]
    assert names[0] == "overdue.md" and rows[0]["status"] == "overdue"
    assert names[1:3] == ["missing.md", "plain.txt"]  # no readable date: needs attention now
    assert names[3] == "due-soon.md"
    dues = [r["days_until_due"] for r in rows[3:]]
    assert dues == sorted(dues)


def test_due_within_and_csv(run_cli):
    result = run_cli("due", "--today", TODAY, "--within", "30d", "--format", "csv", FRESHNESS)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["path"].rsplit("/", 1)[-1] for r in rows] == ["overdue.md", "missing.md", "plain.txt", "due-soon.md"]
    assert list(rows[0]) == ["path", "status", "last_reviewed", "review_due", "days_until_due", "reviewed_by"]


def test_due_text_and_bad_within(run_cli):
    text = run_cli("due", "--today", TODAY, "content").stdout
    assert text.splitlines()[0].split()[:2] == ["due", "status"]
    assert "content/anxiety.html" in text.splitlines()[1] and "overdue" in text.splitlines()[1]
    assert text.rstrip().endswith("1 overdue.")
    proc = run_process("due", "--within", "soon", "content")
    assert proc.returncode == 2 and "--within 'soon'" in proc.stderr


@pytest.mark.parametrize(
    "text, dayfirst, expected, ambiguous",
    [
        ("March 24, 2026", False, "2026-03-24", False),
        ("12 March 2024", True, "2024-03-12", False),
        ("2026-03-04", True, "2026-03-04", False),
        ("03/04/2026", False, "2026-03-04", True),
        ("03/04/2026", True, "2026-04-03", True),
        ("24/03/2026", False, "2026-03-24", False),
        ("Sept 2, 2026", False, "2026-09-02", False),
        ("September 2026", False, "2026-09-01", False),
    ],
)
def test_parse_date(text, dayfirst, expected, ambiguous):
    parsed = parse_date(text, dayfirst)
    assert (parsed.date.isoformat(), parsed.ambiguous) == (expected, ambiguous)


@pytest.mark.parametrize("text", ["soon", "March 24", "last spring", "2026-02-30"])
def test_unreadable_dates(text):
    assert parse_date(text, False) is None


def test_add_months_and_describe():
    import datetime

    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert describe_interval(611) == "1 year and 8 months" and describe_interval(3) == "3 days" and describe_interval(30) == "4 weeks"
