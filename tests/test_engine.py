"""The engine: rule selection, severities, exit codes, parallel runs and the corpus pass."""

from __future__ import annotations

import json

import pytest
from conftest import write

from checker.config import Config, Override
from checker.engine import Engine, is_enabled, severity_for
from checker.findings import Finding
from checker.formats import RenderOptions, render
from checker.kinds import CorpusKind
from checker.results import Report
from checker.rulefile import Rule, RuleSet, load_rules


@pytest.mark.parametrize(
    "rule_id, select, ignore, enabled",
    [
        ("wording.crazy", None, [], True),
        ("wording.crazy", ["wording"], [], True),
        ("wording.crazy", ["stats"], [], False),
        ("wording.crazy", ["wording"], ["wording.crazy"], False),
        ("wording.crazy", ["wording.crazy"], ["wording"], True),  # the more specific selector wins
        ("wording.crazy", None, ["wording"], False),
        ("wording.crazy", ["ALL"], ["wording"], False),
        ("wording.crazy-talk", ["wording.crazy"], [], False),  # prefixes end at dots
    ],
)
def test_select_and_ignore(rule_id, select, ignore, enabled):
    assert is_enabled(rule_id, select, ignore) is enabled


def test_severity_overrides_take_the_most_specific():
    overrides = {"wording": "info", "wording.committed-suicide": "warning"}
    assert severity_for("wording.committed-suicide", "error", overrides) == "warning"
    assert severity_for("wording.suffers-from", "warning", overrides) == "info"
    assert severity_for("stats.uncited", "warning", overrides) == "warning"


def test_per_path_overrides_change_rules_and_severity(tmp_path):
    legacy = write(tmp_path / "legacy" / "a.md", "She suffers from anxiety. He committed suicide.\n")
    fresh = write(tmp_path / "new" / "a.md", "She suffers from anxiety. He committed suicide.\n")
    config = Config(
        root=tmp_path,
        overrides=[Override(files=["legacy/**"], ignore=["wording.suffers-from"], severity={"wording": "info"})],
    )
    engine = Engine(load_rules(), config, select=["wording"])
    legacy_findings = [(f.rule, f.severity) for f in engine.check_file(str(legacy)).findings]
    fresh_findings = [(f.rule, f.severity) for f in engine.check_file(str(fresh)).findings]
    assert legacy_findings == [("wording.committed-suicide", "info")]
    assert fresh_findings == [("wording.suffers-from", "warning"), ("wording.committed-suicide", "error")]


def _report(*severities) -> Report:
    from checker.engine import FileResult

    findings = [Finding("wording.x", s, "m", 0, 1, line=1, column=1, end_line=1, end_column=2) for s in severities]
    return Report(files=[FileResult("a.md", {"fk_grade": 5.0}, findings)])


@pytest.mark.parametrize(
    "severities, fail_on, code",
    [
        ((), "error", 0),
        (("warning",), "error", 0),
        (("warning",), "warning", 1),
        (("info",), "warning", 0),
        (("info",), "info", 1),
        (("error",), "never", 0),
        (("error",), "error", 1),
    ],
)
def test_exit_codes(severities, fail_on, code):
    assert _report(*severities).exit_code(fail_on) == code


def test_path_errors_make_exit_code_2_even_with_clean_files():
    report = _report()
    report.errors.append("nope.md: no such file or directory")
    assert report.exit_code("never") == 2


def test_parallel_output_is_identical_to_serial(tmp_path):
    for k in range(40):
        write(tmp_path / f"d{k % 3}" / f"article-{k:02d}.md", f"# Article {k}\n\nShe suffers from anxiety {k}. A suicide bid.\n" * (k % 4 + 1))
    engine = Engine(load_rules(), Config(root=tmp_path))
    serial = render(engine.run([str(tmp_path)], jobs=1), "json", RenderOptions())
    parallel = render(engine.run([str(tmp_path)], jobs=2), "json", RenderOptions())
    assert serial == parallel
    assert json.loads(serial)["summary"]["files"] == 40


class _CountingCheck(CorpusKind):
    """A corpus rule: flags every file once the corpus holds more than one article saying 'duplicate'."""

    def check(self, doc, context):
        return []

    def extract(self, doc, context):
        return {"mentions": doc.source.count("duplicate")}

    def check_corpus(self, facts):
        having = [path for path, fact in facts.items() if fact["mentions"]]
        if len(having) < 2:
            return {}
        return {
            path: [Finding(self.rule.id, "warning", f"also in {len(having) - 1} other file(s)", 0, 1, line=1, column=1, end_line=1, end_column=2)]
            for path in having
        }


def test_corpus_pass_sees_facts_from_every_file(tmp_path):
    rule = Rule("stats.corpus-demo", "pattern", "warning", "m", [], [])
    rule._checker = _CountingCheck(rule)
    write(tmp_path / "a.md", "A duplicate claim.\n")
    write(tmp_path / "b.md", "The duplicate claim again.\n")
    write(tmp_path / "c.md", "Nothing here.\n")
    report = Engine(RuleSet([rule], "x"), Config(root=tmp_path)).run([str(tmp_path)], jobs=1)
    flagged = {r.path.rsplit("/", 1)[-1]: [f.message for f in r.findings] for r in report.files}
    assert flagged == {"a.md": ["also in 1 other file(s)"], "b.md": ["also in 1 other file(s)"], "c.md": []}


def test_fk_grade_metric_is_computed_on_body_prose(tmp_path):
    path = write(tmp_path / "a.md", "# A very long heading with extraordinarily complicated terminology\n\nThe cat sat. The dog ran.\n")
    result = Engine(load_rules(), Config(root=tmp_path)).check_file(str(path))
    assert result.metrics["fk_grade"] is not None and result.metrics["fk_grade"] < 2
