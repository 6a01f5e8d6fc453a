"""`carecheck rules test`: check every rule against its own examples.

Each `fail` example must produce a finding of that rule (and, where the example marks spans with
[[...]], a finding at exactly each marked span); each `pass` example must produce none. Only the
rule under test runs, so one rule's examples cannot hide behind another's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from checker.kinds import DYNAMIC_ID_KINDS, CheckContext, CorpusKind, build_check, kind_class
from checker.kinds.base import document_settings

# Examples are judged as of this date unless they give their own `today`, so a rule's examples
# mean the same thing next year as now.
EXAMPLES_TODAY = datetime.date(2026, 11, 25)


@dataclass
class ExampleFailure:
    rule: object
    example: object
    expected: str  # "fail" or "pass"
    problem: str

    def describe(self) -> str:
        text = " ".join(self.example.text.split())
        if len(text) > 100:
            text = text[:99] + "…"
        return f"{self.rule.file}:{self.example.line}: {self.rule.id}: {self.expected} example {text!r}: {self.problem}"


def findings_for(rule, example, grammar: dict | None = None) -> list:
    """The rule's findings on the example; with `corpus`, the other articles join a corpus pass."""
    from checker.parsing import parse_document

    suffix = {"markdown": "md", "html": "html", "text": "txt"}[example.format]
    doc = parse_document(f"example.{suffix}", example.text, example.format)
    # The family's settings at their defaults: an example shows what the rule does out of the box.
    context = CheckContext(document_settings(example.locale, example.today or EXAMPLES_TODAY, {}, grammar))
    check = build_check(rule)
    found = list(check.run(doc, context))
    if example.corpus and isinstance(check, CorpusKind):
        facts = {"example": check.extract(doc, context)}
        for k, other in enumerate(example.corpus):
            facts[f"other-{k}"] = check.extract(parse_document(f"other-{k}.md", other, "markdown"), context)
        found += check.check_corpus(facts).get("example", [])
    dynamic = rule.kind in DYNAMIC_ID_KINDS  # grammar.<LanguageTool id>
    return [f for f in found if f.rule == rule.id or (dynamic and f.rule.startswith(rule.family + "."))]


def needs_server(rule) -> bool:
    return kind_class(rule.kind).NEEDS_SERVER


def check_rule_examples(rule, grammar: dict | None = None) -> list[ExampleFailure]:
    """The examples that do not hold. `grammar` names the LanguageTool server for grammar rules."""
    failures = []
    for example in rule.examples_fail:
        found = findings_for(rule, example, grammar)
        if not found:
            failures.append(ExampleFailure(rule, example, "fail", "produced no finding"))
            continue
        spans = {(f.start, f.end) for f in found}
        for start, end in example.marks:
            if (start, end) not in spans:
                got = ", ".join(repr(example.text[s:e]) for s, e in sorted(spans))
                failures.append(
                    ExampleFailure(rule, example, "fail", f"no finding at marked {example.text[start:end]!r} (found {got})")
                )
    for example in rule.examples_pass:
        found = findings_for(rule, example, grammar)
        if found:
            got = ", ".join(repr(example.text[f.start : f.end]) for f in found)
            failures.append(ExampleFailure(rule, example, "pass", f"produced {len(found)} finding(s): {got}"))
    return failures


def check_all_examples(ruleset, grammar: dict | None = None) -> tuple[int, int, list[ExampleFailure], list]:
    """Return (rules tested, examples tested, failures, rules skipped for want of a server)."""
    failures, skipped = [], []
    examples = 0
    for rule in ruleset.rules:
        if needs_server(rule) and not (grammar or {}).get("server"):
            skipped.append(rule)
            continue
        examples += len(rule.examples_fail) + len(rule.examples_pass)
        failures.extend(check_rule_examples(rule, grammar))
    return len(ruleset.rules) - len(skipped), examples, failures, skipped
