"""wording.* on whole real pages (tests/data/pages/, labels in tests/data/wording_pages.yaml).

Each page is a stored public page's opening, kept as Markdown with its headings, lists and tables,
and every occurrence of a candidate term on it labelled flag or pass by someone who did not see
the rules. The first 36 pages were held out until session 9; since then they, and 55 more pages
harvested in session 9, are a development set (their errors are read and tuned on); 48 other
pages (wording_pages_held_out.yaml) are held out. A finding counts for the labelled occurrence it overlaps
(the k-th labelled occurrence of a term on a line is the k-th time the term stands there); a
finding that matches no labelled occurrence counts as a false alarm.

    python tests/test_wording_pages.py    # the figures, and each miss and false alarm
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from checker.kinds import CheckContext, build_check
from checker.parsing import parse_document
from checker.rulefile import load_rules

DATA = Path(__file__).parent / "data"
# The first 36 pages: before the page frames (commit 564dbfc) precision 0.575, recall 0.782, 44 false
# alarms on should-pass occurrences, counted by line; counted by occurrence (session 9), at 44d2b57:
# 0.840, 0.808, 12. With the 55 pages added in session 9 (91 pages), at 44d2b57: 0.703, 0.798, 63.
# Tuned on since (a development set): the figures below.
FLOOR = {"precision": 0.91, "recall": 0.86, "false_alarms_on_pass": 15}


def _nth(line: str, term: str, k: int):
    """(start, end) of the k-th occurrence of the term on the line (case and spacing aside), or
    None when it stands there fewer times (then any finding on the line may count)."""
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in term.split()) + r"(?!\w)", re.IGNORECASE)
    found = list(pattern.finditer(line))
    return found[k - 1].span() if len(found) >= k else None


def evaluate(labels: str = "wording_pages.yaml"):
    rules = [r for r in load_rules().rules if r.family == "wording"]
    pages = yaml.safe_load((DATA / labels).read_text(encoding="utf-8"))["pages"]
    outcome = {"tp": [], "fn": [], "fp_pass": [], "fp_unlabelled": []}
    for page in pages:
        source = (DATA / "pages" / page["file"]).read_text(encoding="utf-8")
        doc = parse_document(page["file"], source)
        findings = []
        for rule in rules:
            for finding in build_check(rule).run(doc, CheckContext({})):
                line, column = doc.position(finding.start)
                findings.append((line, source[finding.start : finding.end].lower(), finding.rule, column, column + finding.end - finding.start))
        lines = source.splitlines()
        used = set()
        seen = Counter()
        for occurrence in page["occurrences"]:
            term = " ".join(str(occurrence["term"]).lower().split())
            # The k-th labelled occurrence of a term on a line is the k-th time it stands there, so
            # a finding on one occurrence does not count for another of the same words.
            seen[occurrence["line"], term] += 1
            span = _nth(lines[occurrence["line"] - 1], term, seen[occurrence["line"], term])
            hits = [f for f in findings if f[0] == occurrence["line"] and (term in " ".join(f[1].split()) or " ".join(f[1].split()) in term)
                    and (span is None or (f[3] - 1 < span[1] and span[0] < f[4] - 1))]
            used.update(hits)
            where = (page["file"], occurrence["line"], occurrence["term"], occurrence.get("reason", ""))
            if occurrence["label"] == "flag":
                outcome["tp" if hits else "fn"].append(where)
            elif hits:
                outcome["fp_pass"].append(where + (sorted({h[2] for h in hits}),))
        outcome["fp_unlabelled"] += [(page["file"], f[0], f[1], f[2]) for f in findings if f not in used]
    tp, fn = len(outcome["tp"]), len(outcome["fn"])
    fp = len(outcome["fp_pass"]) + len(outcome["fp_unlabelled"])
    scores = {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "false_alarms_on_pass": len(outcome["fp_pass"]),
        "pages": len(pages),
    }
    return scores, outcome


# The 48 pages held out in session 9 (wording_pages_held_out.yaml), never tuned on: first run at
# 44d2b57 precision 0.479, recall 0.760, 76 false alarms on should-pass occurrences; at the
# session's end 0.545, 0.760, 56.
HELD_OUT_FLOOR = {"precision": 0.54, "recall": 0.75, "false_alarms_on_pass": 56}


@pytest.mark.parametrize("labels, floor, pages", [("wording_pages.yaml", FLOOR, 91), ("wording_pages_held_out.yaml", HELD_OUT_FLOOR, 48)])
def test_the_pages_stay_at_their_measured_figures(labels, floor, pages):
    scores, _ = evaluate(labels)
    assert scores["pages"] == pages
    assert scores["precision"] >= floor["precision"] and scores["recall"] >= floor["recall"], scores
    assert scores["false_alarms_on_pass"] <= floor["false_alarms_on_pass"], scores


if __name__ == "__main__":  # the development pages; the held-out pages' errors are never printed
    scores, outcome = evaluate()
    print({k: round(v, 3) if isinstance(v, float) else v for k, v in scores.items()},
          {k: len(v) for k, v in outcome.items()})
    for kind in ("fn", "fp_pass", "fp_unlabelled"):
        for item in outcome[kind]:
            print(kind, item)
