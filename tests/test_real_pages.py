"""crisis.*, stats.* and freshness.* on 273 real published pages (tests/data/real_pages/), in six batches.

The pages are the openings of stored public pages (NHS and HSE trusts, councils, charities, US and
Australian health publishers, news, blogs, forums) in six countries, kept verbatim with no front
matter added, and labelled per family in tests/data/real_pages.yaml by helpers who read the rules'
documented behaviour but not the code. The split was made before any tuning on them; the `test`
part is never tuned on, and no detail of it is ever printed.

What counts, per page:
- crisis: the findings an editor wants. missing-banner, banner-position, emergency-missing and
  incomplete are matched by rule (one per page); retired-number, wrong-number and ended-service by
  rule and line.
- stats: uncited by line (once per line, however many figures it has); inconsistent and
  impossible by rule. Info-level notes, the registry and
  the corpus comparison are not labelled, so not scored.
- freshness: the findings the review policy gives (rules/data/freshness.yaml defaults: 36 months,
  12 for a page that carries a crisis line, 30 days' warning) from the dates the labellers found,
  on the reference day TODAY. A reviewed, updated or revised date is the last review; a published
  date counts when the page has none of those. missing-reviewer is not scored (almost no real page
  names one, so it would only inflate the figures).

    python tests/test_real_pages.py    # the figures per family and split; misses and false alarms of dev
"""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path

import pytest
import yaml
from dateutil import parser as date_parser

from checker.dates import add_months
from checker.kinds import CheckContext, build_check
from checker.kinds.base import document_settings
from checker.parsing import parse_document
from checker.rulefile import load_rules

DATA = Path(__file__).parent / "data"
TODAY = datetime.date(2026, 12, 6)
FAMILIES = ("crisis", "stats", "freshness")
BY_RULE = {"crisis.missing-banner", "crisis.banner-position", "crisis.emergency-missing", "crisis.incomplete",
           "stats.inconsistent", "stats.impossible", "freshness.missing-review-date", "freshness.overdue", "freshness.due-soon",
           "freshness.future-date", "freshness.unparseable-date", "freshness.next-review-mismatch"}
SCORED = {
    "crisis": {"crisis.missing-banner", "crisis.banner-position", "crisis.emergency-missing", "crisis.incomplete",
               "crisis.retired-number", "crisis.wrong-number", "crisis.ended-service"},
    "stats": {"stats.uncited", "stats.inconsistent", "stats.impossible"},
    "freshness": {"freshness.missing-review-date", "freshness.overdue", "freshness.due-soon", "freshness.future-date",
                  "freshness.unparseable-date", "freshness.next-review-mismatch"},
}
EMERGENCY = {"999", "911", "000", "112", "111"}
DAY_FIRST = {"UK", "Ireland", "Australia", "New Zealand", "India", "South Africa", "Canada"}


def pages():
    return yaml.safe_load((DATA / "real_pages.yaml").read_text(encoding="utf-8"))["pages"]


def key(rule: str, line: int | None):
    return (rule, None) if rule in BY_RULE else (rule, line)


def expected(page, family: str) -> Counter:
    if family == "freshness":
        return Counter(expected_freshness(page))
    return Counter(key(e["rule"], e.get("line")) for e in (page[family] or {}).get("expected") or [] if e["rule"] in SCORED[family])


def expected_freshness(page) -> list:
    labels = page["freshness"] or {}
    dayfirst = (page["crisis"] or {}).get("region") in DAY_FIRST
    dates = {}
    for d in labels.get("dates") or []:
        try:
            parsed = date_parser.parse(str(d["text"]), fuzzy=True, dayfirst=dayfirst, ignoretz=True, default=datetime.datetime(2000, 1, 1)).date()
        except (ValueError, OverflowError):
            continue
        dates.setdefault(d["kind"], []).append(parsed)
    reviewed = dates.get("reviewed", []) + dates.get("updated", []) + dates.get("revised", [])
    last = max(reviewed or dates.get("published") or [None], key=lambda d: d or datetime.date.min)
    planned = min(dates.get("next-review") or [None], key=lambda d: d or datetime.date.max)
    if not last and not planned:
        return [("freshness.missing-review-date", None)]
    numbers = (page["crisis"] or {}).get("numbers") or []
    carries_crisis_line = any(n.get("verdict") == "correct" and str(n["text"]).replace(" ", "") not in EMERGENCY for n in numbers)
    interval = 12 if carries_crisis_line else 36
    out = []
    due = add_months(last, interval) if last else planned
    if planned and last and planned > due:
        out.append(("freshness.next-review-mismatch", None))
    if planned:
        due = min(due, planned)
    if last and last > TODAY:
        out.append(("freshness.future-date", None))
    elif due < TODAY:
        out.append(("freshness.overdue", None))
    elif (due - TODAY).days <= 30:
        out.append(("freshness.due-soon", None))
    return out


def batch_of(page) -> str:
    """The first batch (63 pages), the second (42 pages, c-*), the third (42 pages, d-*), the
    fourth (42 pages, e-*), the fifth (42 pages, f-*) or the sixth (42 pages, g-*), each harvested later
    by other helpers."""
    return {"c-": "second", "d-": "third", "e-": "fourth", "f-": "fifth", "g-": "sixth"}.get(page["file"][:2], "first")


def reported(split: str | None = None, batch: str | None = None) -> dict:
    """{(file, family): Counter of keys} carecheck reports on each page of the split (and batch)."""
    rules = [r for r in load_rules().rules if r.family in FAMILIES]
    checks = [build_check(r) for r in rules]
    context = CheckContext(document_settings(None, TODAY, {}))
    out = {}
    for page in pages():
        if (split and page["split"] != split) or (batch and batch_of(page) != batch):
            continue
        source = (DATA / "real_pages" / page["file"]).read_text(encoding="utf-8")
        doc = parse_document(page["file"], source)
        found = {family: Counter() for family in FAMILIES}
        for check in checks:
            if check.rule.id not in SCORED[check.rule.family]:  # corpus-inconsistent is not among them
                continue
            for finding in check.run(doc, context):
                line, _ = doc.position(finding.start)
                found[check.rule.family][key(finding.rule, line)] += 1
        for family in FAMILIES:
            out[(page["file"], family)] = (page, found[family])
    return out


def evaluate(family: str, split: str, batch: str | None = None):
    tp = fp = fn = 0
    errors = []
    for (name, fam), (page, found) in reported(split, batch).items():
        if fam != family:
            continue
        wanted = expected(page, family)
        # A key counts once, however often it fires: a rule matched by rule once per page, a rule
        # matched by line once per line (the labels give one stats.uncited per line with figures).
        found = Counter(set(found))
        wanted = Counter(set(wanted))
        hit = found & wanted
        tp += sum(hit.values())
        for k, n in (found - wanted).items():
            fp += n
            errors.append(("FP", name, k))
        for k, n in (wanted - found).items():
            fn += n
            errors.append(("FN", name, k))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": precision, "recall": recall, "tp": tp, "fp": fp, "fn": fn}, errors


# Floors: the figures reached on all 189 pages (README, "Real pages"); the bar is crisis
# P >= 0.90 and R >= 0.95, stats P and R >= 0.85, freshness P and R >= 0.90.
# First batch (63 pages), first run (commit 552ceee) -> after tuning on its dev part:
#   crisis    dev 0.367/0.763 -> 1.000/0.974   test 0.391/0.562 -> 0.611/0.688
#   stats     dev 0.395/0.552 -> 0.625/0.690   test 0.176/0.667 -> 0.381/0.889
#   freshness dev 0.727/0.727 -> 0.932/0.932   test 0.579/0.579 -> 0.895/0.895
# Second batch (42 pages, never seen before), first run with that tuned code:
#   crisis    dev 0.800/0.750   test 0.769/0.909   (all 42: 0.791/0.791)
#   stats     dev 0.543/0.704   test 0.615/0.571   (all 42: 0.563/0.659)
#   freshness dev 0.966/0.966   test 0.917/0.917   (all 42: 0.951/0.951)
# Then three ended Irish and Singapore numbers and a Singapore region were added to the data
# (from its dev part): second batch crisis dev 0.812/0.812. Note numbers glued to a full stop,
# asterisk notes, an acronym before the reporting verb and a source line closing a run of figure
# paragraphs (from both batches' dev parts): stats dev 0.596 -> 0.711 precision; test unchanged.
# Danger counted only when told to the reader, and a number that is one region's service and
# another's emergency number shared evidence (NHS 111 / NZ 111): crisis dev 0.913/0.900 ->
# 0.955/0.900, test 0.677/0.778 -> 0.750/0.778.
# Third batch (42 pages), first run with the code of session 7's start (0e616d8): crisis dev
# 0.833/0.652, test 1.000/1.000; stats dev 0.364/0.750, test 0.600/0.667; freshness dev 0.931,
# test 0.917. Then, from the dev parts of all three batches: restatements told apart by their own
# words, citations carried through news and fact pages, a service's own figures, more figure forms;
# passing mentions, line-separated numbers, country labels, retired Samaritans numbers; datelines.
# All three batches then: crisis dev 0.967/0.946, test 0.829/0.850; stats dev 0.846/0.762, test
# 0.677/0.656; freshness dev 0.980/0.971, test 0.907/0.907.
# Fourth batch (42 pages), first run with the code of session 8's start (27fb9c4): crisis dev
# 0.900/0.818, test 0.600/0.900; stats dev 0.476/0.645, test 0.286/0.545; freshness 1.000 both.
# Then, from the dev parts of all four batches: source lines and web addresses as sources, research
# pointed at ending a paragraph's coverage, callouts, indented prose, more figure forms; spelling and
# currency as evidence of the region. Fourth batch now: crisis dev 1.000/0.864, test 0.750/0.900;
# stats dev 1.000/0.871, test 0.318/0.636; freshness 1.000 both. All four batches: crisis dev
# 0.973/0.930, test 0.811/0.860; stats dev 0.908/0.826, test 0.528/0.651; freshness dev
# 0.985/0.977, test 0.927/0.927.
# Fifth batch (42 pages, session 9), first run with the code of that session's start (44d2b57):
# crisis dev 0.913/0.808, test 1.000/0.875; stats dev 0.595/0.733, test 0.571/0.500; freshness dev
# 0.967/0.967, test 0.917/0.917. All five batches then: crisis dev 0.962/0.908, test 0.833/0.862;
# stats dev 0.834/0.809, test 0.533/0.627; freshness dev 0.981/0.975, test 0.925/0.925. Then, from
# the dev parts: a page whose title reports one study, a dash-and-name source line, a loosely named
# source carried to the next paragraph, speakers' verbs; a UK number of impossible length; Mind's
# retired 0845 number. Fifth batch now: crisis dev 0.917/0.846, test unchanged; stats dev
# 0.733/0.733, test unchanged (0.571/0.500). All five: crisis dev 0.963/0.915, test 0.833/0.862;
# stats dev 0.878/0.802, test 0.561/0.627; freshness dev 0.981/0.975, test 0.925/0.925.
# Sixth batch (42 pages, session 10), first run with the code of that session's start (d6c425e):
# crisis dev 0.909/0.769, test 1.000/0.923; stats dev 0.407/0.524, test 0.556/0.625; freshness dev
# 1.000/1.000, test 0.909/0.909. Then, from the dev parts of all six batches: footnote markers with
# no list in view and markers that cite only what comes before them, "Based on ..." source lines,
# texters as a service's records, a speaker's words over quoted paragraphs, the years of a change's
# baseline as its frame; a service's name over another's number, a list item's label offering its
# number, a number that is a service's name.
FLOOR = {
    ("crisis", "dev"): (0.96, 0.90),
    ("crisis", "test"): (0.86, 0.87),
    ("stats", "dev"): (0.87, 0.75),
    ("stats", "test"): (0.56, 0.62),
    ("freshness", "dev"): (0.98, 0.97),
    ("freshness", "test"): (0.92, 0.92),
}


@pytest.mark.parametrize("family,split", sorted(FLOOR))
def test_real_pages_meet_the_floor(family, split):
    scores, errors = evaluate(family, split)
    wanted_precision, wanted_recall = FLOOR[(family, split)]
    detail = "" if split == "test" else "\n" + "\n".join(f"  {kind} {name} {k}" for kind, name, k in errors)
    assert scores["precision"] >= wanted_precision and scores["recall"] >= wanted_recall, f"{scores}{detail}"


def test_the_set_is_what_the_readme_says():
    all_pages = pages()
    assert len(all_pages) == 273 and sum(p["split"] == "test" for p in all_pages) == 79
    assert [sum(batch_of(p) == batch for p in all_pages) for batch in ("second", "third", "fourth", "fifth", "sixth")] == [42, 42, 42, 42, 42]
    assert all((DATA / "real_pages" / p["file"]).read_text(encoding="utf-8").startswith("<!-- source: http") for p in all_pages)
    assert len({p["url"] for p in all_pages}) == 273


if __name__ == "__main__":  # python tests/test_real_pages.py [first|second|third|fourth|fifth|sixth]: one batch's figures
    import sys

    batch = sys.argv[1] if len(sys.argv) > 1 else None
    for family in FAMILIES:
        for split in ("dev", "test"):
            scores, errors = evaluate(family, split, batch)
            print(f"{family:9} {split:4}  precision {scores['precision']:.3f}  recall {scores['recall']:.3f}  "
                  f"(tp {scores['tp']}, fp {scores['fp']}, fn {scores['fn']})")
            if split == "dev":
                for kind, name, k in errors:
                    print(f"    {kind} {name} {k}")


@pytest.mark.parametrize("batch", ["first", "third", "fourth", "fifth", "sixth"])
def test_a_second_blind_labelling_agrees_with_the_first(batch):
    """The labels are not one person's reading: a second labelling, blind to the first, finds the
    same findings (precision and recall of one against the other; first batch, 2026-12-06: crisis
    0.97-1.00, stats 0.90-1.00, freshness 0.95-1.00; third batch: crisis 0.89-1.00, stats
    0.92-1.00, freshness 1.00; fourth batch: crisis 1.00, stats 0.91-1.00, freshness 1.00; fifth
    batch: crisis 1.00, stats 0.95-1.00, freshness 0.98; sixth batch: crisis 0.95-0.97, stats 0.86,
    freshness 1.00)."""
    second = {p["file"]: p for p in yaml.safe_load((DATA / "real_pages_second_labels.yaml").read_text(encoding="utf-8"))["pages"]}
    first = [p for p in pages() if batch_of(p) == batch]  # the second batch has one labelling
    assert {p["file"] for p in first} <= set(second)
    for family in FAMILIES:
        agree = only_first = only_second = 0
        for page in first:
            a, b = set(expected(page, family)), set(expected(second[page["file"]], family))
            agree, only_first, only_second = agree + len(a & b), only_first + len(a - b), only_second + len(b - a)
        assert agree / (agree + only_second) >= 0.85 and agree / (agree + only_first) >= 0.85, family
