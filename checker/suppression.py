"""Suppression comments in Markdown and HTML, and the report of those that suppress nothing.

    <!-- carecheck-disable wording.crazy, stats -->   ... up to ...   <!-- carecheck-enable -->
    <!-- carecheck-disable-next-line wording.crazy -->
    He was crazy. <!-- carecheck-disable-line wording.crazy -->   (the comment's own line)
    <!-- carecheck-disable -->                          (no list: every rule)

A comment that starts with "carecheck-" but is none of these (a misspelt directive) is reported
(`carecheck.unknown-directive`, warning) rather than silently ignored.

Rule lists take ids or prefixes, separated by commas or spaces. As with ruff's unused-noqa, a
suppression that suppresses nothing is itself reported (`carecheck.unused-suppression`, info),
unless none of the rules it names ran (then it cannot be judged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.findings import Finding, matches_prefix

_DIRECTIVE = re.compile(r"^\s*carecheck-(disable-next-line|disable-line|disable|enable)(?:\s+(.*?))?\s*$", re.DOTALL)
_LOOKS_LIKE_DIRECTIVE = re.compile(r"^\s*carecheck[-:]\s*([\w-]*)", re.IGNORECASE)
UNUSED_RULE = "carecheck.unused-suppression"
UNKNOWN_RULE = "carecheck.unknown-directive"
ALL = "*"


@dataclass
class _Region:
    selectors: list[str]
    start: int
    end: int
    comment: int  # index of the comment that made it


@dataclass
class _Directive:
    index: int
    action: str
    selectors: list[str]
    start: int
    end: int
    used: bool = False
    regions: list = field(default_factory=list)


def _parse(doc) -> list[_Directive]:
    directives = []
    for comment in doc.comments:
        match = _DIRECTIVE.match(comment.text)
        if not match:
            if _LOOKS_LIKE_DIRECTIVE.match(comment.text):
                directives.append(_Directive(len(directives), "unknown", [comment.text.strip()], comment.span.start, comment.span.end))
            continue
        selectors = [s for s in re.split(r"[,\s]+", match.group(2) or "") if s]
        directives.append(_Directive(len(directives), match.group(1), selectors or [ALL], comment.span.start, comment.span.end))
    return directives


def _regions(doc, directives: list[_Directive]) -> list[_Region]:
    regions = []
    open_disables: dict[str, tuple[int, int]] = {}  # selector -> (start offset, directive index)
    for d in directives:
        if d.action == "disable":
            for selector in d.selectors:
                open_disables.setdefault(selector, (d.end, d.index))
        elif d.action == "enable":
            closing = list(open_disables) if ALL in d.selectors else d.selectors
            for selector in closing:
                if selector in open_disables:
                    start, index = open_disables.pop(selector)
                    regions.append(_Region([selector], start, d.start, index))
        elif d.action == "disable-line":
            lines = doc.lines
            line = lines.line_of(d.start)
            start = lines.offset(line)
            regions.append(_Region(d.selectors, start, start + len(lines.line_text(line)), d.index))
        elif d.action == "disable-next-line":
            lines = doc.lines
            next_line = lines.line_of(max(d.end - 1, d.start)) + 1
            if next_line <= lines.line_count:
                start = lines.offset(next_line)
                regions.append(_Region(d.selectors, start, start + len(lines.line_text(next_line)), d.index))
    for selector, (start, index) in open_disables.items():
        regions.append(_Region([selector], start, len(doc.source), index))
    return regions


def apply_suppressions(doc, findings: list[Finding], active_rule_ids, later_rule_ids=()) -> list[Finding]:
    """Drop suppressed findings; add a finding for each suppression comment that suppressed nothing.
    A comment naming a rule in later_rule_ids (corpus rules, whose findings come after this pass)
    cannot be judged unused here, so it is not reported."""
    directives = _parse(doc)
    if not directives:
        return findings
    regions = _regions(doc, directives)
    kept = []
    for finding in findings:
        suppressed = False
        for region in regions:
            if region.start <= finding.start < region.end or (finding.start == finding.end == region.start):
                if any(s == ALL or matches_prefix(finding.rule, s) for s in region.selectors):
                    directives[region.comment].used = True
                    suppressed = True
        if not suppressed:
            kept.append(finding)

    active = list(active_rule_ids)
    for d in directives:
        if d.action == "unknown":
            if UNKNOWN_RULE in active:
                kept.append(Finding(rule=UNKNOWN_RULE, severity="warning", start=d.start, end=d.end,
                                    message=f"Unknown carecheck directive '{d.selectors[0][:60]}'; use carecheck-disable, carecheck-enable, "
                                            "carecheck-disable-next-line or carecheck-disable-line, then rule ids."))
            continue
        if d.action == "enable" or d.used:
            continue
        named_active = [s for s in d.selectors if s == ALL or any(matches_prefix(r, s) for r in active)]
        if not named_active or any(s == ALL or matches_prefix(r, s) for s in d.selectors for r in later_rule_ids):
            continue
        if UNUSED_RULE in active:
            what = "every rule" if ALL in d.selectors else ", ".join(d.selectors)
            kept.append(
                Finding(
                    rule=UNUSED_RULE,
                    severity="info",
                    message=f"This carecheck-{d.action} comment (for {what}) suppresses nothing; remove it.",
                    start=d.start,
                    end=d.end,
                )
            )
    return kept


SUPPRESSIONS = "carecheck.suppressions"  # where a file's regions wait for the corpus pass (FileResult.facts)


def suppression_regions(doc) -> list[list]:
    """The file's suppressed regions as plain data ([selectors, start, end]), for corpus findings,
    which are made after the file's own pass (and may come from the cache)."""
    directives = [d for d in _parse(doc) if d.action != "unknown"]
    return [[r.selectors, r.start, r.end] for r in _regions(doc, directives)] if directives else []


def is_suppressed(finding: Finding, regions) -> bool:
    return any(
        start <= finding.start < end and any(s == ALL or matches_prefix(finding.rule, s) for s in selectors)
        for selectors, start, end in regions
    )
