"""Every shipped rule's examples hold (what `carecheck rules test` checks), and the harness can fail."""

from __future__ import annotations

import pytest

from checker.rulefile import load_pack, load_rules
from checker.selftest import check_all_examples, check_rule_examples
from fake_languagetool import FakeLanguageTool

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
        context = load_context_rules(str(rule.checker().context_path))
        labels = set()
        for example in rule.examples_pass:
            doc = parse_document("e.md", example.text)
            for block in doc.blocks:
                for start, end in rule.checker().matches(block):
                    sentence = next(s for s in block.sentences if s.start <= start < s.end)
                    labels.add(judge(sentence.text, start - sentence.start, end - sentence.start, context).label)
        assert {NEGATED, MYTH} <= labels, f"{rule.id}: pass examples judged {sorted(labels)}"
