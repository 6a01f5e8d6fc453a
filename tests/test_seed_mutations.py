"""An article written the way the seed article is (a journal named in the sentence, a figure
restated in the FAQ, therapies spelled out in headings): it gets no stats.uncited and no
undefined-acronym finding, and every one-change mutation of it gets exactly the finding it should,
and nothing else new. Each mutation is one edit a writer could make."""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path

import pytest

from checker.kinds import CheckContext, build_check
from checker.kinds.base import document_settings
from checker.parsing import parse_document
from checker.rulefile import load_rules

ARTICLE = Path(__file__).parent / "fixtures" / "seed" / "self-harm.md"
TODAY = datetime.date(2026, 12, 6)

# (what is replaced, by what, the findings that must appear; no other finding may appear or go)
MUTATIONS = [
    ("Research published in the Journal of Abnormal Psychology estimates that approximately 17", "Approximately 17",
     {"stats.uncited"}),
    ("by about 50 percent", "by about 30 percent", {"stats.inconsistent"}),
    ("### Mentalization-Based Therapy (MBT)", "### Another therapy", {"readability.undefined-acronym"}),
    ("call or text 988", "call 988", {"crisis.incomplete"}),
    ("call or text 988 or chat at 988lifeline.org", "call 1-800-273-8255", {"crisis.retired-number"}),
    ("last_reviewed: 2026-09-01", "last_reviewed: 2024-09-01", {"freshness.overdue"}),
    ("Self-harm means hurting yourself on purpose", "Self-harmers hurt themselves on purpose", {"wording.self-harmer"}),
    ("approximately 17 percent of adolescents", "approximately 117 percent of adolescents", {"stats.impossible"}),
]


def findings(source: str) -> Counter:
    doc = parse_document(str(ARTICLE), source)
    context = CheckContext(document_settings(None, TODAY, {}))
    found = Counter()
    for rule in load_rules().rules:
        if rule.family == "grammar":
            continue
        for finding in build_check(rule).run(doc, context):
            found[finding.rule] += 1
    return found


def test_the_article_is_cited_and_its_acronyms_defined():
    found = findings(ARTICLE.read_text(encoding="utf-8"))
    assert not found["stats.uncited"] and not found["readability.undefined-acronym"]
    assert not found["stats.inconsistent"] and not any(rule.startswith("crisis.") for rule in found)


@pytest.mark.parametrize("old,new,wanted", MUTATIONS, ids=[m[0][:30] for m in MUTATIONS])
def test_each_mutation_gets_exactly_its_finding(old, new, wanted):
    source = ARTICLE.read_text(encoding="utf-8")
    assert source.count(old) == 1
    before = findings(source)
    after = findings(source.replace(old, new))
    # Any edit changes the text's reading level, and a replaced citation takes its info notes with
    # it: those may move; nothing else may appear or go.
    moving = ("readability.grade", "readability.hard-paragraph", "readability.long-sentence", "stats.incomplete", "stats.source")
    appeared = {rule for rule in after if after[rule] > before[rule] and (rule in wanted or not rule.startswith(moving))}
    gone = {rule for rule in before if after[rule] < before[rule] and not rule.startswith(moving)}
    assert appeared == wanted and not gone, (appeared, gone)
