"""The freshness analysis: what a document says about its review, judged against the review policy.

Review statements come from front matter (or HTML <meta>) keys, then from statements in the text
("Last reviewed: March 24, 2026", "Medically reviewed by Jane Doe, MD on March 3, 2026"). The
policy is the data file's (rules/data/freshness.yaml, checked against DATA_SCHEMA), changed by the
`freshness:` settings. The freshness kind (checker.kinds.freshness) builds one Freshness per
document, which every freshness rule and the metrics read.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field

from checker.dates import add_months, day_first, parse_date, to_date
from checker.document import HEADING, Span
from checker.phrases import phrase_list, word_list_regex
from checker.yamlload import load_data_file

_STRINGS = ["str"]
_KINDS_OF_STATEMENT = {
    "last_reviewed": _STRINGS,
    "updated?": _STRINGS,  # a page updated or revised: the last review when no review date is given
    "published?": _STRINGS,  # a page's publication date: the last review when nothing later is given
    "next_review": _STRINGS,
    "reviewer": _STRINGS,
}
# Where the date of the last review may come from, best first ("dateline": a date standing alone
# on a line near the top of the page, as news pages print their publication date).
LAST_KINDS = ("last_reviewed", "updated", "published")
DATELINE_BLOCKS = 12
# rules/data/freshness.yaml
DATA_SCHEMA = {
    "policy": {
        "interval_months": "int",
        "crisis_interval_months": "int",
        "warn_days": "int",
        "require_reviewer": "bool",
        "topics?": {"*": "int"},
    },
    "keys": _KINDS_OF_STATEMENT,
    "labels": _KINDS_OF_STATEMENT,
    "credentials": _STRINGS,
}


@functools.lru_cache(maxsize=16)
def load_freshness_data(path: str) -> dict:
    """The freshness data file, checked against DATA_SCHEMA (a UsageError names file, line and key)."""
    data = load_data_file(path, DATA_SCHEMA)
    return data


def label_regex(labels: tuple[str, ...]) -> re.Pattern:
    return word_list_regex(tuple(labels))


# ---- reading the review statements


@dataclass
class Statement:
    value: object  # a date, or the reviewer's name
    start: int  # source span of the statement
    end: int
    raw: str = ""


@dataclass
class Review:
    last: Statement | None = None
    last_kind: str = "last_reviewed"  # or updated, published, dateline
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
    for kind in ("last_reviewed", "updated", "published", "next_review", "reviewer"):
        if kind in LAST_KINDS and review.last is not None:
            continue
        for key in keys.get(kind, ()):
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
            if re.match(r"\d{4}-\d{2}-\d{2}T", raw):  # an ISO timestamp (meta tags, <time datetime>)
                raw = raw[:10]
            if date is None:
                parsed = parse_date(raw, dayfirst) if isinstance(value, (str, int)) else None
                if parsed is None or parsed.length < len(raw.strip().rstrip(".")):
                    review.unparseable.append(Statement(None, start, end, raw))
                    break
                date = parsed.date
                if parsed.ambiguous:
                    review.ambiguous.append(Statement(date, start, end, raw))
            statement = Statement(date, start, end, raw)
            if kind in LAST_KINDS:
                review.last, review.last_kind = statement, kind
            else:
                review.next = statement
            break

    start = doc.body_start()
    review.body_start = (start.start, start.end)
    labels = data["labels"]
    next_re = label_regex(tuple(labels["next_review"]))
    reviewer_re = label_regex(tuple(labels["reviewer"]))
    nothing = re.compile(r"(?!)")
    for kind in LAST_KINDS:
        # Reviewed, else updated, else published: the next review and the reviewer are read once.
        first = kind == "last_reviewed"
        if not first and review.last is not None:
            break
        wanted = tuple(labels.get(kind, ()))
        last_re = label_regex(wanted) if wanted else nothing
        # Only the blocks with the words of some label can hold a statement.
        phrases = wanted + (tuple(labels["next_review"]) + tuple(labels["reviewer"]) if first else ())
        for k in sorted(phrase_list(phrases).blocks_in(doc)):
            block = doc.blocks[k]
            if block.kind == HEADING:
                continue
            for sentence in block.sentences:
                had = review.last
                _read_sentence(block, sentence, review, dayfirst, last_re, next_re if first else nothing,
                               reviewer_re if first else nothing, strict=first)
                if review.last is not had:
                    review.last_kind = kind
    if review.last is None and review.next is None:
        review.last = _dateline(doc, dayfirst)
        review.last_kind = "dateline" if review.last else review.last_kind
    return review


def _dateline(doc, dayfirst: bool) -> Statement | None:
    """A date standing alone on a line near the top ("Monday, 2 January 2012", "10 Sep 24"):
    when the page was published."""
    for block in doc.blocks[:DATELINE_BLOCKS]:
        if block.kind == HEADING or not re.search(r"\d", block.text):
            continue
        news = _NEWS_DATELINE.match(block.text)  # "NEW YORK (June 3, 2024)—Suicide death data ..."
        if news:
            parsed = parse_date(news.group("date"), dayfirst)
            if parsed and parsed.length >= len(news.group("date").strip()) * 0.6:
                span = block.source_span(news.start("date"), news.end("date"))
                return Statement(parsed.date, span.start, span.end, news.group("date"))
        # The block's first line, and each part of a byline ("MENTAL HEALTH | August 28, 2023",
        # "By A Room in Town|24/02/20|"): a line may open a paragraph whose other lines are prose.
        first_line = block.text[: next((b for b in block.breaks if b > 0), len(block.text))]
        at = 0
        for part in first_line.split("|"):
            text = part.strip()
            if text and len(text) <= 40 and re.search(r"\d", text):
                parsed = parse_date(text, dayfirst)
                if parsed and parsed.length >= len(text.rstrip(" .")) * 0.6:
                    start = block.text.index(text, at)
                    span = block.source_span(start, start + len(text))
                    return Statement(parsed.date, span.start, span.end, text)
            at += len(part) + 1
    return None


# A news dateline: a place in capitals, the date in brackets, a dash.
_NEWS_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{1,40}\((?P<date>[^()]{6,30})\)\s*[—–-]")


def _is_statement(text: str, match: re.Match) -> bool:
    """A label counts when it opens the sentence (after any emphasis) or a colon follows it."""
    before = text[: match.start()].strip(" *_`>\t\"'“(")
    after = text[match.end() :].lstrip(" *_")
    if match.group().lower().endswith(" as of"):  # "The figures are accurate as of 31 October 2023"
        return True
    return not before or before.endswith(("|", ".", ":", "—", "–")) or after.startswith(":")


def _after_label(text: str, end: int) -> int:
    """Skip the colon, dashes, 'on' or 'in' and emphasis that separate a label from its value."""
    match = re.compile(r"[\s*_:\-–—]*(?:(?:on|in)\s+)?[\s*_]*", re.IGNORECASE).match(text, end)
    return match.end()


def _read_sentence(block, sentence, review, dayfirst, last_re, next_re, reviewer_re, strict: bool = True) -> None:
    """`strict`: a label followed by no date is an unreadable date (review labels); a looser
    label ("updated", "published", "date") followed by no date is just a word."""
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
                if strict and rest and match.group().lower() not in ("reviewed", "review due"):
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


# ---- the policy and the analysis every freshness rule shares


@dataclass
class Policy:
    interval_months: int
    warn_days: int
    require_reviewer: bool
    reason: str  # why this interval ("36-month policy", "12-month policy for pages with crisis resources")


def review_policy(doc, data: dict, family_settings: dict, carries_crisis) -> Policy:
    """The policy for this document: the data file's, changed by config, then the strictest of the
    general, topic and crisis intervals. `carries_crisis()` is asked only when it could matter."""
    values = dict(data["policy"])
    values.update(family_settings or {})
    interval = int(values["interval_months"])
    reason = f"{interval}-month policy"
    topics = doc.metadata.get("topics") or doc.metadata.get("tags") or []
    topics = [topics] if isinstance(topics, str) else topics if isinstance(topics, list) else []
    for topic in topics:
        months = (values.get("topics") or {}).get(str(topic).lower())
        if months and int(months) < interval:
            interval, reason = int(months), f"{months}-month policy for {topic} pages"
    crisis_months = int(values["crisis_interval_months"])
    if crisis_months < interval and carries_crisis():
        interval, reason = crisis_months, f"{crisis_months}-month policy for pages with crisis resources"
    return Policy(interval, int(values["warn_days"]), bool(values["require_reviewer"]), reason)


@dataclass
class Freshness:
    """What a document says about its review, judged against the policy as of `today`."""

    review: Review
    policy: Policy
    today: datetime.date
    due: datetime.date | None  # the earlier of last review + interval and the stated next review
    credentialed: bool  # the named reviewer gives a credential

    @property
    def last_date(self) -> datetime.date | None:
        last = self.review.last
        return last.value if last and isinstance(last.value, datetime.date) else None


def analyse(doc, data: dict, settings: dict, carries_crisis, region_day_first=None) -> Freshness:
    """`region_day_first()` says how the readers' region writes 03/04/2026, when no locale does."""
    locale = next((doc.metadata.get(k) for k in ("locale", "lang", "language") if isinstance(doc.metadata.get(k), str)), None)
    locale = locale or settings.get("locale")
    dayfirst = day_first(locale) if locale or region_day_first is None else region_day_first()
    review = read_review(doc, data, dayfirst)
    policy = review_policy(doc, data, settings.get("freshness") or {}, carries_crisis)
    today = settings.get("today") or datetime.date.today()
    due = None
    if review.last and isinstance(review.last.value, datetime.date):
        due = add_months(review.last.value, policy.interval_months)
    if review.next and isinstance(review.next.value, datetime.date):
        due = min(due, review.next.value) if due else review.next.value
    credentialed = False
    if review.reviewer is not None:
        credentials = {c.replace(".", "").lower() for c in data["credentials"]}
        tokens = {t.replace(".", "").lower() for t in re.split(r"[\s,;()/]+", review.reviewer.value) if t}
        credentialed = bool(tokens & credentials)
    return Freshness(review, policy, today, due, credentialed)
