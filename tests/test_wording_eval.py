"""Precision and recall of wording.* on labelled sentence sets.

tests/data/wording_eval.yaml (459 sentences, 12 categories, the set the rules were developed on)
and tests/data/wording_holdout.yaml (200 sentences written separately, first measured before any
tuning: precision 0.917, recall 0.943). A sentence counts as flagged when any wording.* rule
fires on it. asserted, always, figurative and trap-asserts should be flagged; negated, myth,
quoted, asked, reported, hypothetical, other-sense and trap-passes should not. The thresholds are
the issue's: precision >= 0.95 and recall >= 0.90, for each set.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from checker.kinds import CheckContext, build_check
from checker.parsing import parse_document
from checker.rulefile import load_rules

DATA = Path(__file__).parent / "data"
SETS = ("wording_eval", "wording_holdout", "wording_real:dev:1", "wording_real:test:1", "wording_real:dev:2", "wording_real:test:2")


def evaluate(name: str = "wording_eval"):
    """(item, flagged, rule ids) for each sentence of a set ("wording_real:test" is one split,
    "wording_real:test:2" that split of the second batch)."""
    name, _, split = name.partition(":")
    split, _, batch = split.partition(":")
    rules = [r for r in load_rules().rules if r.family == "wording"]
    sentences = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))["sentences"]
    results = []
    for item in sentences:
        if split and item["split"] != split or batch and str(item.get("batch", 1)) != batch:
            continue
        if "label" in item:
            item = {**item, "flag": item["label"] == "flag"}
        source, start = in_page(item)
        doc = parse_document("eval.md" if "block" in item else "eval.txt", source, "markdown" if "block" in item else "text")
        found = [f for r in rules for f in build_check(r).run(doc, CheckContext({}))]
        fired = sorted({f.rule for f in found if start <= f.start < start + len(item["text"])})
        results.append((item, bool(fired), fired))
    return results


def in_page(item) -> tuple[str, int]:
    """The sentence as it stood on its page: under its heading, in its kind of block (a real
    sentence); a written one stands alone as plain text. Returns the source and where the
    sentence starts in it."""
    text = item["text"]
    if "block" not in item:
        return text, 0
    heading = f"## {item['heading']}\n\n" if item.get("heading") and item["block"] != "heading" else ""
    prefix = {"heading": "## ", "list_item": "- ", "quote": "> ", "table_cell": "| |\n|---|\n| "}.get(item["block"], "")
    # Markdown would read these as markup at the start of a paragraph.
    if not prefix and text[:1] in "#>-*+|" or text[:2].rstrip(".").isdigit():
        prefix = "\\" if text[:1] in "#>-*+|" else ""
    return heading + prefix + text + "\n", len(heading) + len(prefix)


def scores(results):
    tp = sum(1 for item, flagged, _ in results if flagged and item["flag"])
    fp = sum(1 for item, flagged, _ in results if flagged and not item["flag"])
    fn = sum(1 for item, flagged, _ in results if not flagged and item["flag"])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def report(results) -> str:
    lines = []
    by_category = Counter()
    right = Counter()
    for item, flagged, _ in results:
        by_category[item["category"]] += 1
        right[item["category"]] += flagged == item["flag"]
    for category in sorted(by_category):
        lines.append(f"{category:14} {right[category]:3}/{by_category[category]:3} correct")
    for item, flagged, fired in results:
        if flagged != item["flag"]:
            lines.append(f"  {'FP' if flagged else 'FN'} [{item['category']}] {item['text']}  {fired}")
    return "\n".join(lines)


# The bar is precision >= 0.95 and recall >= 0.90 on every set. The real sentences do not
# reach it yet (README, "Wording in context"): their floors are the figures measured so far, so
# that no change makes them worse unnoticed.
# The second batch (session 9): first run at 44d2b57, before any change of that session, dev 0.709 / 0.739,
# test 0.696 / 0.753; at the session's end dev 0.829 / 0.836 (tuned on), test 0.702 / 0.774. The first
# batch's test split: 0.660 / 0.789 first run, 0.733 / 0.816 at the start of session 9, 0.773 / 0.824 at its end.
BAR = {name: (0.95, 0.90) for name in SETS} | {
    "wording_real:dev:1": (0.86, 0.91), "wording_real:test:1": (0.77, 0.82),
    "wording_real:dev:2": (0.82, 0.83), "wording_real:test:2": (0.70, 0.77),
}


@pytest.mark.parametrize("name", SETS)
def test_precision_and_recall_meet_the_bar(name):
    results = evaluate(name)
    precision, recall, tp, fp, fn = scores(results)
    assert len(results) >= 200
    wanted_precision, wanted_recall = BAR[name]
    details = "" if ":test" in name else "\n" + report(results)  # the test split is never looked into
    assert precision >= wanted_precision and recall >= wanted_recall, f"precision {precision:.3f}, recall {recall:.3f}{details}"


def test_every_category_is_represented():
    categories = Counter(item["category"] for item, _, _ in evaluate("wording_eval"))
    assert len(categories) == 12 and min(categories.values()) >= 15


if __name__ == "__main__":  # python tests/test_wording_eval.py: print the figures by category
    for name in SETS:
        results = evaluate(name)
        precision, recall, tp, fp, fn = scores(results)
        print(f"{name}: precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn}, n {len(results)})")
        if ":test" not in name:  # the test split is never looked into: its errors would tune the rules
            print(report(results))


@pytest.mark.parametrize("batch, labels, kappa", [(1, "wording_real_second_labels.yaml", 0.9), (2, "wording_real_second_labels_batch2.yaml", 0.9)])
def test_the_second_labelling_agrees_with_the_first(batch, labels, kappa):
    """The labels are not one person's whim: a second, blind labelling agrees (batch 1: 998 of
    1,000, kappa 0.99; batch 2: 943 of 982, kappa 0.92; the second labellers' flags against the
    first's, precision 0.962 and recall 0.956 - what a careful human scores on these labels)."""
    sentences = yaml.safe_load((DATA / "wording_real.yaml").read_text(encoding="utf-8"))["sentences"]
    first = [s for s in sentences if s.get("batch", 1) == batch]
    second = yaml.safe_load((DATA / labels).read_text(encoding="utf-8"))["labels"]
    pairs = [(a["label"], b["label"]) for a, b in zip(first, second) if b["label"] != "unsure"]
    assert len(second) == len(first) and len(pairs) >= len(first) - 5
    agreement = sum(x == y for x, y in pairs) / len(pairs)
    p1 = sum(x == "flag" for x, _ in pairs) / len(pairs)
    p2 = sum(y == "flag" for _, y in pairs) / len(pairs)
    chance = p1 * p2 + (1 - p1) * (1 - p2)
    assert (agreement - chance) / (1 - chance) >= kappa
