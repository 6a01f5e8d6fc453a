"""freshness.*: review dates from front matter and text, the policy, and the review calendar."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os

import pytest
from conftest import FIXTURES, ROOT, run_process

from checker.dates import add_months, describe_interval, parse_date

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
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert describe_interval(611) == "1 year and 8 months" and describe_interval(3) == "3 days" and describe_interval(30) == "4 weeks"


# ---- the kind: one analysis per document, settings, data schema, user packs

BUILTIN_RULES = ROOT / "rules"


def _freshness_rules():
    from checker.rulefile import load_rules

    return load_rules(include_builtin=False, files=[BUILTIN_RULES / "freshness.yaml"]).rules


def test_one_analysis_per_document_for_every_rule_and_the_metrics(monkeypatch):
    from checker import freshness_analysis
    from checker.kinds import freshness
    from checker.kinds.base import CheckContext
    from checker.parsing import parse_document

    calls = []
    real = freshness_analysis.read_review
    monkeypatch.setattr(freshness_analysis, "read_review", lambda *a: calls.append(1) or real(*a))
    doc = parse_document("a.md", "Low mood passes.\n\nReviewed by: Ann Lee\n\nLast reviewed: 03/04/2023\n", "markdown")
    context = CheckContext({"locale": "en-US", "today": datetime.date(2026, 11, 25)})
    checks = [freshness.FreshnessKind(rule) for rule in _freshness_rules()]
    found = sorted(f.rule for check in checks for f in check.run(doc, context))
    metrics = checks[-1].metrics(doc, context)
    assert found == ["freshness.ambiguous-date", "freshness.missing-reviewer", "freshness.overdue"]
    assert metrics == {"last_reviewed": "2023-03-04", "review_due": "2026-03-04", "days_until_due": -266, "reviewed_by": "Ann Lee"}
    assert len(calls) == 1


def test_settings_are_declared_on_the_kind():
    from checker.kinds import kind_class

    settings = kind_class("freshness").SETTINGS
    assert list(settings) == ["interval_months", "crisis_interval_months", "warn_days", "require_reviewer", "topics"]
    assert settings["warn_days"].problem(-1) == "must be a whole number of 0 or more"
    assert settings["require_reviewer"].problem("yes") == "must be true or false"
    assert settings["topics"].problem({"suicide": 0}) == "must be a map from topics to a number of months"
    assert settings["topics"].problem({"suicide": 12}) is None


def _broken_data(tmp_path, old: str, new: str):
    text = (BUILTIN_RULES / "data" / "freshness.yaml").read_text()
    assert old in text
    path = tmp_path / "data" / "freshness.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text.replace(old, new))
    return path, text[: text.index(old)].count("\n") + 1  # the line of the change


def test_data_file_mistyped_key_names_file_line_and_key(tmp_path):
    from checker.errors import UsageError
    from checker.freshness_analysis import load_freshness_data

    path, line = _broken_data(tmp_path, "warn_days: 30", "warn_days: soon")
    with pytest.raises(UsageError) as error:
        load_freshness_data(str(path))
    assert str(error.value) == f"{path}:{line}: key 'policy.warn_days': must be a whole number"


def test_data_file_missing_key_names_file_line_and_key(tmp_path):
    from checker.errors import UsageError
    from checker.freshness_analysis import load_freshness_data

    path, _ = _broken_data(tmp_path, "  reviewer: [reviewed_by,", "  reviewers: [reviewed_by,")
    text = path.read_text()
    keys_line = text[: text.index("\nkeys:")].count("\n") + 3  # the `keys:` mapping starts at its first key
    with pytest.raises(UsageError) as error:
        load_freshness_data(str(path))
    assert str(error.value) == f"{path}:{keys_line}: keys: missing required key 'reviewer'"


PACK = """\
pack: house
rules:
  - id: house.{name}
    kind: freshness
    check: {check}
    severity: warning
    scope: {scope}
    message: {message}
    examples:
      fail:
        - "{fail}"
      pass:
        - "{passing}"
"""


def test_user_pack_uses_the_builtin_data_and_honours_scope(tmp_path):
    """Copies of built-in rules in a pack of their own: no data files copied beside it."""
    from checker.rulefile import load_rules
    from checker.selftest import check_rule_examples

    pack = tmp_path / "house.yaml"
    pack.write_text(
        PACK.format(name="stale", check="overdue", scope="headings", message="Past its review date.",
                    fail="Text.\\n\\nLast reviewed: [[March 24, 2023]]\\n", passing="Text.\\n\\nLast reviewed: March 24, 2026\\n")
        + PACK.format(name="numeric-date", check="ambiguous-date", scope="body", message="Date {date_text} is ambiguous.",
                      fail="Text.\\n\\nLast reviewed: [[03/04/2026]]\\n", passing="---\\nlast_reviewed: 03/04/2026\\n---\\nText.\\n")
        .split("rules:\n", 1)[1]
    )
    rules = load_rules(include_builtin=False, files=[pack]).rules
    assert [r.id for r in rules] == ["house.stale", "house.numeric-date"]
    assert not (tmp_path / "data").exists()
    for rule in rules:
        # `overdue` is about the whole document: scope does not drop it. A date in front matter
        # is outside the body, so the `scope: body` copy of ambiguous-date passes it.
        assert not check_rule_examples(rule), rule.id
    from checker.selftest import findings_for

    found = findings_for(rules[1], rules[1].examples_fail[0])
    assert [f.message for f in found] == ["Date 03/04/2026 is ambiguous."]  # its own message: no `messages` variants


def test_user_pack_with_a_broken_data_file_fails_to_load(tmp_path):
    from checker.errors import UsageError
    from checker.rulefile import load_rules

    path, line = _broken_data(tmp_path, "require_reviewer: true", "require_reviewer: often")
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK.format(name="stale", check="overdue", scope="all", message="Stale.",
                                fail="Text.\\n\\nLast reviewed: [[March 24, 2023]]\\n", passing="Text.\\n"))
    with pytest.raises(UsageError) as error:
        load_rules(include_builtin=False, files=[pack])
    assert f"{path}:{line}: key 'policy.require_reviewer': must be true or false" in str(error.value)


@pytest.mark.parametrize(
    "text, published",
    [
        # A date alone on the first line of a paragraph, a byline's date, a news dateline.
        ("31/07/2019\nSix Degrees Social Enterprise\nSuicidal thoughts can start when people feel overwhelmed.\n", "2019-07-31"),
        ("MENTAL HEALTH | August 28, 2023\n\nSuicide is preventable.\n", "2023-08-28"),
        ("By A Room in Town|24/02/20|\n\nSuicide is preventable.\n", "2020-02-24"),
        ("NEW YORK (June 3, 2024)\u2014Suicide death data for 2022 are now available.\n", "2024-06-03"),
        # Not a date line: a date inside a sentence, a figure.
        ("In 2019 the rate rose by 3% and on 31/07/2019 it was published.\n", None),
    ],
)
def test_a_published_date_near_the_top_as_real_pages_print_it(text, published):
    from checker.freshness_analysis import load_freshness_data, read_review
    from checker.parsing import parse_document

    review = read_review(parse_document("a.md", text), load_freshness_data(str(BUILTIN_RULES / "data" / "freshness.yaml")), True)
    assert (review.last.value.isoformat() if review.last else None) == published


def test_a_time_zone_after_a_date_is_read_without_a_warning(tmp_path):
    """"08/09/2017 06:32 BST": dateutil warns about a zone it does not know unless told to ignore it,
    and a warning on stderr is noise in a pre-commit hook."""
    import subprocess
    import sys

    article = tmp_path / "news.md"
    article.write_text("# News\n\n08/09/2017 06:32 BST | Updated 08/09/2017 06:33 BST\n\nLow mood is common.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "--no-cache", str(article)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120, env={**os.environ, "PYTHONPATH": str(BUILTIN_RULES.parent)})
    assert proc.returncode in (0, 1) and proc.stderr == ""
