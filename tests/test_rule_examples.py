"""Every shipped rule's examples hold (what `carecheck rules test` checks), and the harness can fail."""

from __future__ import annotations

import pytest
from fake_languagetool import FakeLanguageTool

from checker.kinds import build_check
from checker.rulefile import load_pack, load_rules
from checker.selftest import check_all_examples, check_rule_examples

RULES = load_rules().rules


@pytest.fixture(scope="module")
def languagetool():
    """Grammar examples run against the fake LanguageTool server (tests/fake_languagetool.py)."""
    with FakeLanguageTool() as server:
        yield server


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_shipped_rule_examples(rule, languagetool):
    failures = check_rule_examples(rule, {"server": languagetool.url})
    assert not failures, "\n".join(f.describe() for f in failures)


def test_every_shipped_rule_has_pass_and_fail_examples():
    for rule in RULES:
        assert rule.examples_fail and rule.examples_pass, rule.id


BROKEN = """\
pack: t
rules:
  - id: house.broken
    kind: pattern
    severity: warning
    message: m
    terms: [utilize]
    examples:
      fail:
        - "We use it."
        - "We [[utilize it]]."
      pass:
        - "We utilize it."
"""


def test_the_harness_reports_each_kind_of_broken_example():
    ruleset = type("R", (), {"rules": load_pack(BROKEN, "t.yaml")})()
    count, examples, failures, skipped = check_all_examples(ruleset)
    assert (count, examples, skipped) == (1, 3, [])
    problems = [f.problem for f in failures]
    assert problems[0] == "produced no finding"
    assert problems[1].startswith("no finding at marked 'utilize it'")
    assert problems[2] == "produced 1 finding(s): 'utilize'"
    assert all(f.describe().startswith("t.yaml:") for f in failures)


def test_asserted_rules_show_negated_and_myth_framed_passes():
    """Every rule that is wrong only when asserted shows that its negated and myth-framed forms pass."""
    from checker.context import MYTH, NEGATED, judge, load_context_rules
    from checker.parsing import parse_document

    for rule in RULES:
        if rule.kind != "wording" or rule.params["mode"] != "asserted":
            continue
        context = load_context_rules(str(build_check(rule).context_path))
        labels = set()
        for example in rule.examples_pass:
            doc = parse_document("e.md", example.text)
            for block in doc.blocks:
                for start, end in build_check(rule).matches(block):
                    sentence = next(s for s in block.sentences if s.start <= start < s.end)
                    labels.add(judge(sentence.text, start - sentence.start, end - sentence.start, context).label)
        assert {NEGATED, MYTH} <= labels, f"{rule.id}: pass examples judged {sorted(labels)}"


def test_shipped_expressions_cannot_backtrack_catastrophically():
    """The shipped packs, and the "re:" phrases of the shipped data files, run with `re`, without a
    time limit (checker.saferegex): none may repeat a repetition. The check itself is shown to catch
    the classic shapes."""
    import re

    from checker.rule import builtin_rules_dir
    from checker.saferegex import may_backtrack
    from checker.yamlload import load_yaml

    def nests(source):
        return may_backtrack(source, re.IGNORECASE)

    def phrases(value):
        if isinstance(value, str):
            return [value[3:]] if value.startswith("re:") else []
        items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
        return [p for item in items for p in phrases(item)]

    assert nests(r"(a|aa)+b") and nests(r"(?:\w+\s)*x") and nests(r"(?:(?:so|very)\s+)*x")
    assert not nests(r"(?:(?:so|very)\s+){0,4}x") and not nests(r"\bcommit(?:ted|s)?\s+suicide\b")
    offenders = [(rule.id, source) for rule in RULES for source in rule.params.get("regex") or [] if nests(source)]
    data = [load_yaml(p.read_text(encoding="utf-8")) for p in sorted((builtin_rules_dir() / "data").glob("*.yaml"))]
    assert sum(len(phrases(d)) for d in data) > 50
    offenders += [("data", source) for d in data for source in phrases(d) if nests(source)]
    assert not offenders
