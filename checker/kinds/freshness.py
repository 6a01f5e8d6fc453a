"""The `freshness` kind: review dates, the review policy, due dates and reviewers.

Where the dates come from: front matter (or HTML <meta>) keys, then statements in the text such
as "Last reviewed: March 24, 2026" or "Medically reviewed by Jane Doe, MD on March 3, 2026" (see
checker.freshness_analysis). Dates are read in the article's order (day first outside the US).

The policy: a review every `interval_months` (36), every `crisis_interval_months` (12) for pages
that carry crisis resources, or a topic's interval; the strictest applies. Config `freshness:` (and
per-path overrides) change it (SETTINGS; the defaults are in the data file). The reference date is
`--today` (default: today), so CI results do not change from day to day.

One analysis per document (review statements, policy, due date, reviewer) serves every freshness
rule and the metrics. Each rule picks one `check`:

- missing-review-date, overdue, due-soon, future-date, unparseable-date, next-review-mismatch,
  missing-reviewer (no named reviewer with a credential), ambiguous-date (03/04/2026).

What a finding says is the rule's `message` for its main case, or its `messages` variant for the
other cases (MESSAGES); a case the rule does not word is reported with `message`.
"""

from __future__ import annotations

from checker.crisis_analysis import carries_crisis_resources, readers_day_first
from checker.dates import add_months, describe_interval
from checker.findings import Finding
from checker.freshness_analysis import Freshness, analyse, load_freshness_data
from checker.kinds.base import Kind, Param

# How a message names the date a due date counts from (checker.freshness_analysis.LAST_KINDS).
LAST_BASIS = {"last_reviewed": "last reviewed", "updated": "last updated", "published": "published", "dateline": "dated"}

_MONTHS = Param("int", minimum=0, doc="a whole number of 0 or more")


class FreshnessKind(Kind):
    PARAMETERS = {
        "data": Param("str", default="data/freshness.yaml"),
        "crisis_resources": Param("str", default="data/crisis-resources.yaml"),
    }
    # Config `freshness:`; a key not given keeps the data file's `policy` value.
    SETTINGS = {
        "interval_months": _MONTHS,
        "crisis_interval_months": _MONTHS,
        "warn_days": _MONTHS,
        "require_reviewer": Param("bool", doc="true or false"),
        "topics": Param("int_map", minimum=1, doc="a map from topics to a number of months"),
    }
    FIELDS = (
        "match",  # the source text the finding points at
        "suggestion",
        "last_reviewed",  # dates as YYYY-MM-DD
        "last_basis",  # what that date is: "last reviewed", "last updated", "published", "dated"
        "next_review",
        "due",
        "today",
        "latest",  # the latest next review the policy allows
        "overdue_by",  # "1 year and 8 months"
        "due_in",
        "policy",  # "12-month policy for pages with crisis resources"
        "interval_months",
        "reviewer",
        "date_text",  # a date as written
        "read_as",
    )
    MESSAGES = (
        "no-date",  # missing-review-date
        "overdue",
        "overdue-no-last-review",  # due only by the stated next review
        "due-soon",
        "due-today",
        "future-date",
        "unreadable-date",  # unparseable-date
        "later-than-policy",  # next-review-mismatch
        "no-reviewer",  # missing-reviewer
        "no-credential",  # missing-reviewer: a name without a credential
        "ambiguous-date",
    )

    def __init__(self, rule):
        super().__init__(rule)
        self.data_path = str(rule.data_path(rule.params["data"]))
        self.crisis_path = str(rule.data_path(rule.params["crisis_resources"]))
        self.check_name = rule.params["check"]

    DATA_FILES = ("data", "crisis_resources")

    @classmethod
    def validate(cls, rule):
        load_freshness_data(str(rule.data_path(rule.params["data"])))
        return None

    # ---- the shared analysis

    def freshness(self, doc, context) -> Freshness:
        """The document's freshness analysis: one per document for every rule with these data files."""
        settings = context.settings
        family = settings.get("freshness") or {}
        key = ("freshness", self.data_path, self.crisis_path, settings.get("locale"), settings.get("today"), repr(sorted(family.items())))
        return self.analysis(doc, key, lambda: analyse(doc, load_freshness_data(self.data_path), settings, lambda: self.carries_crisis(doc, settings),
                                                       lambda: self.region_day_first(doc, settings)))

    def carries_crisis(self, doc, settings) -> bool:
        return carries_crisis_resources(doc, self.crisis_path, settings)

    def region_day_first(self, doc, settings) -> bool:
        """The readers' region (declared in front matter, or inferred from the page) decides the
        date order when no locale does: `region: UK` reads 03/04/2026 as 3 April."""
        return readers_day_first(doc, self.crisis_path, settings)

    def metrics(self, doc, context) -> dict:
        f = self.freshness(doc, context)
        out = {}
        if f.last_date:
            out["last_reviewed"] = f.last_date.isoformat()
        if f.due:
            out["review_due"] = f.due.isoformat()
            out["days_until_due"] = (f.due - f.today).days
        if f.review.reviewer:
            out["reviewed_by"] = f.review.reviewer.value
        return out

    # ---- findings

    def check(self, doc, context) -> list[Finding]:
        return self.CHECKS[self.check_name](self, doc, self.freshness(doc, context))

    def report(self, doc, start: int, end: int, variant: str, suggestions=None, document_level: bool = False, **fields) -> Finding:
        return self.finding(start, end, suggestions, variant=variant, document_level=document_level, match=doc.source[start:end], **fields)

    @staticmethod
    def anchor(review) -> tuple[int, int]:
        for statement in (review.last, review.next):
            if statement:
                return statement.start, statement.end
        return review.body_start

    def check_missing_review_date(self, doc, f: Freshness) -> list[Finding]:
        review = f.review
        if review.last or review.next or review.unparseable:
            return []
        start, end = review.body_start
        return [self.report(doc, start, end, "no-date", document_level=True)]

    def check_future_date(self, doc, f: Freshness) -> list[Finding]:
        last = f.review.last
        if not f.last_date or f.last_date <= f.today:
            return []
        return [self.report(doc, last.start, last.end, "future-date", last_reviewed=last.value.isoformat(), today=f.today.isoformat())]

    def check_overdue(self, doc, f: Freshness) -> list[Finding]:
        review, due, today = f.review, f.due, f.today
        if not due or due >= today or (review.last and review.last.value > today):
            return []
        start, end = self.anchor(review)
        fields = {"overdue_by": describe_interval((today - due).days), "due": due.isoformat(), "today": today.isoformat(),
                  "policy": f.policy.reason, "interval_months": f.policy.interval_months}
        if review.last:
            return [self.report(doc, start, end, "overdue", document_level=True, last_reviewed=review.last.value.isoformat(),
                                last_basis=LAST_BASIS[review.last_kind], **fields)]
        return [self.report(doc, start, end, "overdue-no-last-review", document_level=True, **fields)]

    def check_due_soon(self, doc, f: Freshness) -> list[Finding]:
        due, today = f.due, f.today
        if not due or not (0 <= (due - today).days <= f.policy.warn_days):
            return []
        start, end = self.anchor(f.review)
        days = (due - today).days
        fields = {"due": due.isoformat(), "today": today.isoformat(), "policy": f.policy.reason, "interval_months": f.policy.interval_months}
        if f.last_date:
            fields["last_reviewed"] = f.last_date.isoformat()
            fields["last_basis"] = LAST_BASIS[f.review.last_kind]
        if days == 0:
            return [self.report(doc, start, end, "due-today", document_level=True, **fields)]
        return [self.report(doc, start, end, "due-soon", document_level=True, due_in=describe_interval(days), **fields)]

    def check_unparseable_date(self, doc, f: Freshness) -> list[Finding]:
        return [self.report(doc, s.start, s.end, "unreadable-date", date_text=" ".join(s.raw.split())[:80]) for s in f.review.unparseable]

    def check_next_review_mismatch(self, doc, f: Freshness) -> list[Finding]:
        review = f.review
        if not (f.last_date and review.next):
            return []
        latest = add_months(f.last_date, f.policy.interval_months)
        if review.next.value <= latest:
            return []
        return [
            self.report(
                doc, review.next.start, review.next.end, "later-than-policy", [latest.isoformat()],
                next_review=review.next.value.isoformat(), latest=latest.isoformat(), policy=f.policy.reason,
                interval_months=f.policy.interval_months, last_reviewed=f.last_date.isoformat(),
            )
        ]

    def check_missing_reviewer(self, doc, f: Freshness) -> list[Finding]:
        if not f.policy.require_reviewer or f.credentialed:
            return []
        reviewer = f.review.reviewer
        if reviewer is None:
            start, end = self.anchor(f.review)
            return [self.report(doc, start, end, "no-reviewer", document_level=True)]
        return [self.report(doc, reviewer.start, reviewer.end, "no-credential", reviewer=reviewer.value)]

    def check_ambiguous_date(self, doc, f: Freshness) -> list[Finding]:
        return [
            self.report(doc, s.start, s.end, "ambiguous-date", [s.value.strftime("%B %-d, %Y")], date_text=s.raw, read_as=s.value.isoformat())
            for s in f.review.ambiguous
        ]

    CHECKS = {
        "missing-review-date": check_missing_review_date,
        "overdue": check_overdue,
        "due-soon": check_due_soon,
        "future-date": check_future_date,
        "unparseable-date": check_unparseable_date,
        "next-review-mismatch": check_next_review_mismatch,
        "missing-reviewer": check_missing_reviewer,
        "ambiguous-date": check_ambiguous_date,
    }
    PARAMETERS = {"check": Param("str", required=True, choices=tuple(CHECKS)), **PARAMETERS}
