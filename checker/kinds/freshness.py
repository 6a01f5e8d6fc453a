"""The `freshness` kind: review dates, the review policy, due dates and reviewers.

Where the dates come from, in order: front matter (or HTML <meta>) keys, then statements in the
text such as "Last reviewed: March 24, 2026", "Page last reviewed: 12 March 2024", "Next review
due: 12 March 2027", "Medically reviewed by Jane Doe, MD on March 3, 2026" or "Reviewed
2026-03-24". A label counts when it opens a sentence or is followed by a colon, so "the study
reviewed 62 trials" is not a review statement. Dates are read with python-dateutil in the article's
order (day first outside the US; see checker.dates).

The policy: a review every `interval_months` (36), every `crisis_interval_months` (12) for pages
that carry crisis resources, or a topic's interval; the strictest applies. Config `freshness:` (and
per-path overrides) change it. The reference date is `--today` (default: today), so CI results do
not change from day to day. Each rule picks one `check`:

- missing-review-date, overdue, due-soon, future-date, unparseable-date, next-review-mismatch,
  missing-reviewer (no named reviewer with a credential), ambiguous-date (03/04/2026).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from checker.dates import add_months, day_first, describe_interval, parse_date, to_date
from checker.document import HEADING, Span
from checker.findings import Finding
from checker.kinds import Param
from checker.phrases import phrase_list, word_list_regex
from checker.yamlload import load_data_file

CHECKS = (
    "missing-review-date",
    "overdue",
    "due-soon",
    "future-date",
    "unparseable-date",
    "next-review-mismatch",
    "missing-reviewer",
    "ambiguous-date",
)
PARAMETERS = {
    "check": Param("str", required=True, choices=CHECKS),
    "data": Param("str", default="data/freshness.yaml"),
    "crisis_resources": Param("str", default="data/crisis-resources.yaml"),
}


def validate(rule):
    base = Path(rule.file).parent
    for key in ("data", "crisis_resources"):
        if not (base / rule.params[key]).is_file():
            return key, f"file not found: {base / rule.params[key]}"
    return None


def load_freshness_data(path: str) -> dict:
    return load_data_file(path, ("policy", "keys", "labels", "credentials"))


def label_regex(labels: tuple[str, ...]) -> re.Pattern:
    return word_list_regex(tuple(labels))


@dataclass
class Statement:
    value: object  # a date, or the reviewer's name
    start: int  # source span of the statement
    end: int
    raw: str = ""


@dataclass
class Review:
    last: Statement | None = None
    next: Statement | None = None
    reviewer: Statement | None = None
    unparseable: list[Statement] = field(default_factory=list)
    ambiguous: list[Statement] = field(default_factory=list)
    body_start: tuple[int, int] = (0, 0)


def _line_span(doc, line: int) -> tuple[int, int]:
    start = doc.lines.offset(line)
    return start, start + len(doc.lines.line_text(line))


def _reviewer_name(value) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        names = [n for n in (_reviewer_name(v) for v in value) if n]
        return "; ".join(names) or None
    if isinstance(value, dict):
        name = value.get("name")
        credential = value.get("credentials") or value.get("credential")
        if isinstance(name, str) and name.strip():
            if isinstance(credential, list):
                credential = ", ".join(map(str, credential))
            return f"{name.strip()}, {credential}" if credential else name.strip()
    return None


def read_review(doc, data: dict, dayfirst: bool) -> Review:
    review = Review()
    keys = data["keys"]
    for kind in ("last_reviewed", "next_review", "reviewer"):
        for key in keys[kind]:
            if key not in doc.metadata:
                continue
            value = doc.metadata[key]
            line = doc.metadata_lines.get(key, 1)
            start, end = _line_span(doc, line)
            if kind == "reviewer":
                name = _reviewer_name(value)
                if name:
                    review.reviewer = Statement(name, start, end, str(value))
                break
            date = to_date(value)
            raw = str(value)
            if date is None:
                parsed = parse_date(raw, dayfirst) if isinstance(value, (str, int)) else None
                if parsed is None or parsed.length < len(raw.strip().rstrip(".")):
                    review.unparseable.append(Statement(None, start, end, raw))
                    break
                date = parsed.date
                if parsed.ambiguous:
                    review.ambiguous.append(Statement(date, start, end, raw))
            statement = Statement(date, start, end, raw)
            if kind == "last_reviewed":
                review.last = statement
            else:
                review.next = statement
            break

    start = doc.body_start()
    review.body_start = (start.start, start.end)
    labels = data["labels"]
    last_re = label_regex(tuple(labels["last_reviewed"]))
    next_re = label_regex(tuple(labels["next_review"]))
    reviewer_re = label_regex(tuple(labels["reviewer"]))
    # Only the blocks with the words of some label can hold a statement.
    labelled = phrase_list(tuple(labels["last_reviewed"]) + tuple(labels["next_review"]) + tuple(labels["reviewer"])).blocks_in(doc)
    for k in sorted(labelled):
        block = doc.blocks[k]
        if block.kind == HEADING:
            continue
        for sentence in block.sentences:
            _read_sentence(block, sentence, review, dayfirst, last_re, next_re, reviewer_re)
    return review


def _is_statement(text: str, match: re.Match) -> bool:
    """A label counts when it opens the sentence (after any emphasis) or a colon follows it."""
    before = text[: match.start()].strip(" *_`>\t\"'“(")
    after = text[match.end() :].lstrip(" *_")
    return not before or before.endswith(("|", ".", ":", "—", "–")) or after.startswith(":")


def _after_label(text: str, end: int) -> int:
    """Skip the colon, dashes, 'on' and emphasis that separate a label from its value."""
    match = re.compile(r"[\s*_:\-–—]*(?:on\s+)?[\s*_]*", re.IGNORECASE).match(text, end)
    return match.end()


def _read_sentence(block, sentence, review, dayfirst, last_re, next_re, reviewer_re) -> None:
    text = sentence.text
    offset = sentence.start

    def span(a: int, b: int) -> Span:
        return block.source_span(offset + a, offset + b)

    for match in reviewer_re.finditer(text):
        # "Medically reviewed by" is unmistakable anywhere; "reviewed by" only as a statement.
        explicit = match.group().lower().startswith(("medically", "clinically", "expert"))
        if not explicit and not _is_statement(text, match):
            continue
        start = _after_label(text, match.end())
        rest = text[start:]
        # Plain-text lines join into one paragraph: the name also ends where the next label starts.
        following = [m.start() for m in (last_re.search(rest), next_re.search(rest)) if m]
        if following:
            rest = rest[: min(following)]
        name_end = re.search(r"\s+on\s+|\s*[|;(]|\.\s|\.$|$", rest)
        name = rest[: name_end.start()].strip(" ,.*_") if name_end else rest.strip()
        if name and review.reviewer is None and not re.match(r"(?:19|20)\d\d", name):
            s = span(start, start + len(name))
            review.reviewer = Statement(name, s.start, s.end, name)
        # "Medically reviewed by Jane Doe, MD on March 3, 2026"
        on = re.search(r"\s+on\s+", rest)
        if on and review.last is None:
            date_start = start + on.end()
            parsed = parse_date(text[date_start:], dayfirst)
            if parsed:
                s = span(date_start, date_start + parsed.length)
                review.last = Statement(parsed.date, s.start, s.end, text[date_start : date_start + parsed.length])
                if parsed.ambiguous:
                    review.ambiguous.append(review.last)

    for kind, regex in (("next", next_re), ("last", last_re)):
        for match in regex.finditer(text):
            if kind == "last" and next_re.search(text, max(0, match.start() - 15), match.end()):
                continue  # "next review due" also contains "review"; handled as next
            if reviewer_re.match(text, match.start()):
                continue  # "Reviewed by ..." is a reviewer, handled above
            if not _is_statement(text, match):
                continue
            start = _after_label(text, match.end())
            parsed = parse_date(text[start:], dayfirst)
            if parsed is None:
                rest = text[start:].strip()
                # Only an explicit label with something after it is an unreadable date.
                if rest and match.group().lower() not in ("reviewed", "review due"):
                    s = span(match.start(), len(text))
                    review.unparseable.append(Statement(None, s.start, s.end, text[match.start() :]))
                continue
            s = span(start, start + parsed.length)
            statement = Statement(parsed.date, s.start, s.end, text[start : start + parsed.length])
            if parsed.ambiguous:
                review.ambiguous.append(statement)
            if kind == "next" and review.next is None:
                review.next = statement
            elif kind == "last" and review.last is None:
                review.last = statement


@dataclass
class Policy:
    interval_months: int
    warn_days: int
    require_reviewer: bool
    reason: str  # why this interval ("36-month policy", "12-month policy for pages with crisis resources")


class Check:
    def __init__(self, rule):
        self.rule = rule
        self.check_name = rule.params["check"]
        base = Path(rule.file).parent
        self.data_path = str(base / rule.params["data"])
        self.crisis_path = str(base / rule.params["crisis_resources"])

    # ---- shared analysis

    def evaluate(self, doc, context):
        settings = context.settings if context else {}
        key = ("freshness", self.data_path, self.crisis_path, repr(sorted(settings.items(), key=str)))
        if key not in doc.cache:
            doc.cache[key] = self._evaluate(doc, settings)
        return doc.cache[key]

    def _evaluate(self, doc, settings):
        data = load_freshness_data(self.data_path)
        locale = next((doc.metadata.get(k) for k in ("locale", "lang", "language") if isinstance(doc.metadata.get(k), str)), None)
        review = read_review(doc, data, day_first(locale or settings.get("locale")))
        policy = self.policy(doc, data, settings)
        today = settings.get("today") or datetime.date.today()
        due = None
        if review.last and isinstance(review.last.value, datetime.date):
            due = add_months(review.last.value, policy.interval_months)
        if review.next and isinstance(review.next.value, datetime.date):
            due = min(due, review.next.value) if due else review.next.value
        return review, policy, today, due

    def policy(self, doc, data, settings) -> Policy:
        values = dict(data["policy"])
        values.update(settings.get("freshness") or {})
        interval = int(values["interval_months"])
        reason = f"{interval}-month policy"
        topics = doc.metadata.get("topics") or doc.metadata.get("tags") or []
        topics = [topics] if isinstance(topics, str) else topics if isinstance(topics, list) else []
        for topic in topics:
            months = (values.get("topics") or {}).get(str(topic).lower())
            if months and int(months) < interval:
                interval, reason = int(months), f"{months}-month policy for {topic} pages"
        crisis_months = int(values["crisis_interval_months"])
        if crisis_months < interval and self.carries_crisis_resources(doc, settings):
            interval, reason = crisis_months, f"{crisis_months}-month policy for pages with crisis resources"
        return Policy(interval, int(values["warn_days"]), bool(values["require_reviewer"]), reason)

    def carries_crisis_resources(self, doc, settings) -> bool:
        from checker.kinds.crisis import PARAMETERS as CRISIS_PARAMETERS
        from checker.kinds.crisis import cached_analysis

        analysis = cached_analysis(doc, self.crisis_path, CRISIS_PARAMETERS["top_words"].default, settings)
        return any(m.service.crisis for m in analysis.of("service"))

    def metrics(self, doc, context) -> dict:
        review, policy, today, due = self.evaluate(doc, context)
        out = {}
        if review.last and isinstance(review.last.value, datetime.date):
            out["last_reviewed"] = review.last.value.isoformat()
        if due:
            out["review_due"] = due.isoformat()
            out["days_until_due"] = (due - today).days
        if review.reviewer:
            out["reviewed_by"] = review.reviewer.value
        return out

    # ---- findings

    def check(self, doc, context=None) -> list[Finding]:
        review, policy, today, due = self.evaluate(doc, context)
        return getattr(self, "check_" + self.check_name.replace("-", "_"))(doc, review, policy, today, due)

    def finding(self, start, end, message, suggestions=()) -> Finding:
        return Finding(self.rule.id, self.rule.severity, message, start, end, list(suggestions) or list(self.rule.suggest), self.rule.reference)

    def anchor(self, review) -> tuple[int, int]:
        for statement in (review.last, review.next):
            if statement:
                return statement.start, statement.end
        return review.body_start

    def check_missing_review_date(self, doc, review, policy, today, due):
        if review.last or review.next or review.unparseable:
            return []
        start, end = review.body_start
        return [self.finding(start, end, "No review date: add `last_reviewed: YYYY-MM-DD` to the front matter, or a 'Last reviewed: <date>' line.")]

    def check_future_date(self, doc, review, policy, today, due):
        last = review.last
        if not last or not isinstance(last.value, datetime.date) or last.value <= today:
            return []
        return [self.finding(last.start, last.end, f"The review date {last.value.isoformat()} is in the future (today is {today.isoformat()}).")]

    def check_overdue(self, doc, review, policy, today, due):
        if not due or due >= today or (review.last and review.last.value > today):
            return []
        start, end = self.anchor(review)
        last = f"last reviewed {review.last.value.isoformat()}, " if review.last else ""
        return [
            self.finding(
                start,
                end,
                f"Review overdue by {describe_interval((today - due).days)}: {last}due {due.isoformat()} ({policy.reason}).",
            )
        ]

    def check_due_soon(self, doc, review, policy, today, due):
        if not due or not (0 <= (due - today).days <= policy.warn_days):
            return []
        start, end = self.anchor(review)
        days = (due - today).days
        when = "today" if days == 0 else f"in {describe_interval(days)}"
        return [self.finding(start, end, f"Review due {when}, on {due.isoformat()} ({policy.reason}).")]

    def check_unparseable_date(self, doc, review, policy, today, due):
        return [
            self.finding(s.start, s.end, f"This looks like a review date but cannot be read: '{' '.join(s.raw.split())[:80]}'. Write it as 'March 24, 2026' or 2026-03-24.")
            for s in review.unparseable
        ]

    def check_next_review_mismatch(self, doc, review, policy, today, due):
        if not (review.last and review.next) or not isinstance(review.last.value, datetime.date):
            return []
        latest = add_months(review.last.value, policy.interval_months)
        if review.next.value <= latest:
            return []
        return [
            self.finding(
                review.next.start,
                review.next.end,
                f"The stated next review ({review.next.value.isoformat()}) is later than the policy allows: "
                f"{latest.isoformat()} ({policy.reason} after {review.last.value.isoformat()}).",
                [latest.isoformat()],
            )
        ]

    def check_missing_reviewer(self, doc, review, policy, today, due):
        if not policy.require_reviewer:
            return []
        data = load_freshness_data(self.data_path)
        if review.reviewer is None:
            start, end = self.anchor(review)
            return [self.finding(start, end, "No named reviewer: add `reviewed_by: \"Name, credential\"` (e.g. 'Jane Doe, MD').")]
        credentials = {c.replace(".", "").lower() for c in data["credentials"]}
        tokens = {t.replace(".", "").lower() for t in re.split(r"[\s,;()/]+", review.reviewer.value) if t}
        if tokens & credentials:
            return []
        return [
            self.finding(
                review.reviewer.start,
                review.reviewer.end,
                f"The reviewer '{review.reviewer.value}' is named without a credential; add it (e.g. '{review.reviewer.value}, MD').",
            )
        ]

    def check_ambiguous_date(self, doc, review, policy, today, due):
        return [
            self.finding(s.start, s.end, f"'{s.raw}' could be read either way round; it was read as {s.value.isoformat()}. Write the month as a word.", [s.value.strftime("%B %-d, %Y")])
            for s in review.ambiguous
        ]
