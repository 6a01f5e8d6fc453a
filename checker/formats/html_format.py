"""`--format html`: the clinical reviewers' report, one self-contained HTML page.

    render(report, RenderOptions(sources={path: text, ...})) -> str

The page has a corpus overview (counts by family and severity, charts of reviews falling due per
month, reading grade against the target and findings by family, the most frequent rules, a table
of articles), filter controls, then one <h2> section per article: its status at a glance (crisis
resources and region, review dates and reviewer, reading grade against the target with the
hardest paragraphs, statistics with their sources and registry status) and every finding with its
source lines, the span wrapped in <mark>, the message, the suggestions and the guideline.

Self-contained: the CSS, the script and the charts (drawn in html_charts.py) are inline, fonts
are system stacks, and a Content-Security-Policy (default-src 'none'; the one script allowed by its
hash) makes sure no request leaves the page and nothing injected could run. Everything taken from
an article or a rule (text, paths, rule ids, messages, metrics) is escaped with
html.escape(quote=True).

Without a source for a file (options.sources lacks it) a finding shows its excerpt only. The
output is deterministic: the same report gives byte-identical HTML (fixed SVG hash salt, no dates
in the SVG metadata, no wall-clock time on the page; the reference date comes from
options.today, else from the review metrics, which carry it).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter, defaultdict
from importlib import resources
from string import Template

from checker import __version__
from checker.findings import SEVERITIES, SEVERITY_RANK
from checker.formats import html_charts
from checker.formats.excerpts import SourceLines, excerpt_rows, source_lines, window
from checker.formats.html_common import SEVERITY_LABEL, crisis_glance, esc, plural, reference_date

CONTEXT_LINES = 1  # source lines shown before and after a finding's span
MAX_SPAN_LINES = 8  # a longer span shows its first and last lines with the middle elided
LINE_LIMIT = 240  # a context line longer than this is cut
SIDE_CONTEXT = 160  # characters kept either side of the span on a long line
MARK_LIMIT = 400  # a longer highlighted run keeps its head and tail
TOP_RULES = 10

STAT_STATUS = {
    "ok": ("OK", "status-ok"),
    "uncited": ("No source given", "status-warn"),
    "inconsistent": ("Contradicts an earlier figure in the article", "status-bad"),
    "impossible": ("Impossible value", "status-bad"),
    "registry-mismatch": ("Disagrees with the claims registry", "status-bad"),
    "registry-outdated": ("Registry figure has been superseded", "status-warn"),
}


def family_of(rule_id: str) -> str:
    return rule_id.split(".", 1)[0]


def _template(name: str) -> str:
    return resources.files("checker.formats").joinpath("templates", name).read_text(encoding="utf-8")


def _fmt_num(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else f"{int(value)}"
    return str(value)


# ---------------------------------------------------------------- source context
# Which lines and characters to show is decided in excerpts.py (shared with the text format);
# here they are drawn as HTML.


def _elided(text: str = "…") -> str:
    return f'<span class="elided" title="text left out">{esc(text)}</span>'


def _mark(text: str) -> str:
    if not text:
        return '<mark class="point" title="the finding points here"></mark>'
    if len(text) > MARK_LIMIT:
        half = MARK_LIMIT // 2
        return f"<mark>{esc(text[:half])}</mark>{_elided(' … ')}<mark>{esc(text[-half:])}</mark>"
    return f"<mark>{esc(text)}</mark>"


def _line_html(text: str, start: int | None = None, end: int | None = None) -> str:
    """One source line, escaped; text[start:end] wrapped in <mark>; long lines cut around it."""
    if start is None:
        if len(text) > LINE_LIMIT:
            return esc(text[:LINE_LIMIT]) + _elided()
        return esc(text)
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    lo, hi = window(len(text), start, end, SIDE_CONTEXT)
    out = [_elided()] if lo else []
    out.append(esc(text[lo:start]))
    out.append(_mark(text[start:end]))
    out.append(esc(text[end:hi]) + (_elided() if hi < len(text) else ""))
    return "".join(out)


def context_html(lines: SourceLines, finding) -> str | None:
    """The finding's source lines (plus CONTEXT_LINES either side) with its span marked, or None."""
    found = excerpt_rows(lines, finding, CONTEXT_LINES, MAX_SPAN_LINES)
    if found is None:
        return None
    out = []
    for row in found:
        if row.is_gap:
            out.append(f'<span class="line hit"><span class="ln">⋮</span><span class="src">{_elided(f"{row.skipped} more lines of the span")}</span></span>')
        elif row.span is not None:
            out.append(f'<span class="line hit"><span class="ln">{row.number}</span><span class="src">{_line_html(row.text, *row.span)}</span></span>')
        else:
            out.append(f'<span class="line"><span class="ln">{row.number}</span><span class="src">{_line_html(row.text)}</span></span>')
    return f'<pre class="context"><code>{"".join(out)}</code></pre>'


# ---------------------------------------------------------------- the page


class _Page:
    def __init__(self, report, options):
        self.report = report
        self.options = options
        self.sources = getattr(options, "sources", None) or {}
        self.rules = getattr(options, "rules", None) or {}  # rule id -> Rule: a guideline for findings without one
        self.today = reference_date(report, options)
        self.counts = report.counts()
        self.by_family = defaultdict(lambda: {s: 0 for s in SEVERITIES})
        self.by_rule = Counter()
        self.rule_files = defaultdict(set)
        self.rule_severities = defaultdict(set)
        for result in report.files:
            for finding in result.findings:
                self.by_family[family_of(finding.rule)][finding.severity] += 1
                self.by_rule[finding.rule] += 1
                self.rule_files[finding.rule].add(result.path)
                self.rule_severities[finding.rule].add(finding.severity)
        self.families = sorted(self.by_family)
        self.article_ids = {result.path: f"article-{i}" for i, result in enumerate(report.files, 1)}

    # ---- header and footer

    def header(self) -> str:
        c = self.counts
        parts = ", ".join(_severity_count(c[s], s) for s in SEVERITIES)
        return (
            f'<p class="summary-line">{plural(c["files"], "article")}, {plural(c["findings"], "finding")}: {parts}.</p>\n'
            f'<p class="meta">Review dates are measured from {esc(self.today.isoformat())}. '
            f"Generated by carecheck {esc(__version__)}.</p>"
        )

    def footer(self) -> str:
        return (
            '<p class="muted">Made by carecheck. Every finding names the guideline behind it; a finding is a prompt for '
            "clinical judgement, not a verdict.</p>"
        )

    # ---- overview

    def overview(self) -> str:
        out = ['<section id="overview" aria-labelledby="overview-h">', '<h2 id="overview-h">Overview</h2>']
        if self.report.errors:
            items = "".join(f"<li>{esc(e)}</li>" for e in self.report.errors)
            out.append(f'<p class="status-bad">Some paths could not be checked:</p><ul>{items}</ul>')
        # Charts() imports matplotlib, which is slow: only when there is something to draw.
        needed = self.by_family or html_charts.due_entries(self.report) or html_charts.grade_entries(self.report)
        charts = html_charts.Charts.if_installed() if needed else None
        if needed and charts is None:
            out.append(f'<p class="note">{esc(html_charts.NO_CHARTS)}</p>')
        out.append(html_charts.family_section(self.families, self.by_family, self.counts, charts))
        out.append(html_charts.due_section(self.report, self.today, charts))
        out.append(html_charts.grade_section(self.report, charts))
        out.append(self.top_rules_section())
        out.append(self.articles_table())
        out.append("</section>")
        return "\n".join(out)

    def top_rules_section(self) -> str:
        out = ['<h3 id="top-h">Most frequent findings</h3>']
        if not self.by_rule:
            out.append("<p>None.</p>")
            return "\n".join(out)
        top = sorted(self.by_rule.items(), key=lambda item: (-item[1], item[0]))[:TOP_RULES]
        rows = []
        for rule, count in top:
            severities = " ".join(_severity_badge(s) for s in SEVERITIES if s in self.rule_severities[rule])
            rows.append(
                f'<tr><th scope="row"><code>{esc(rule)}</code></th><td>{severities}</td>'
                f'<td class="num">{count}</td><td class="num">{len(self.rule_files[rule])}</td></tr>'
            )
        out.append(
            '<div class="table-wrap"><table class="top-rules" aria-labelledby="top-h"><thead><tr><th scope="col">Rule</th>'
            '<th scope="col">Severity</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Articles</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        )
        return "\n".join(out)

    def articles_table(self) -> str:
        rows = []
        for result in self.report.files:
            aid = self.article_ids[result.path]
            counts = Counter(f.severity for f in result.findings)
            cells = "".join(f'<td class="num">{counts[s]}</td>' for s in SEVERITIES)
            total = len(result.findings)
            shown = (
                f'<span class="count-shown" data-article-shown="{aid}">{total}</span>'
                f'<span class="count-total">{total}</span>'
            )
            m = result.metrics
            review = _review_status(m)[0]
            grade = m.get("fk_grade")
            rows.append(
                f'<tr><th scope="row"><a href="#{aid}">{esc(result.path)}</a></th>{cells}<td class="num">{shown}</td>'
                f'<td class="num">{_fmt_num(round(grade, 1) if isinstance(grade, float) else grade)}</td><td>{review}</td></tr>'
            )
        head = "".join(f'<th scope="col" class="num">{SEVERITY_LABEL[s]}</th>' for s in SEVERITIES)
        return (
            '<h3 id="articles-h">Articles</h3>\n<div class="table-wrap"><table class="articles" aria-labelledby="articles-h">'
            f'<thead><tr><th scope="col">Article</th>{head}<th scope="col" class="num">Shown</th>'
            '<th scope="col" class="num">Grade</th><th scope="col">Review</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>'
        )

    # ---- filters

    def filters(self) -> str:
        if not self.by_family:
            return ""
        family_boxes = []
        for i, family in enumerate(self.families):
            total = sum(self.by_family[family].values())
            family_boxes.append(
                f'<label for="filter-family-{i}"><input type="checkbox" id="filter-family-{i}" name="family" '
                f'value="{esc(family)}" checked> <code>{esc(family)}</code> ({total})</label>'
            )
        severity_boxes = []
        for severity in SEVERITIES:
            severity_boxes.append(
                f'<label for="filter-severity-{severity}"><input type="checkbox" id="filter-severity-{severity}" '
                f'name="severity" value="{severity}" checked> {SEVERITY_LABEL[severity]} ({self.counts[severity]})</label>'
            )
        return (
            '<form id="filters" class="controls" aria-labelledby="filters-h" hidden>\n'
            '<h2 id="filters-h">Filter findings</h2>\n'
            f'<fieldset><legend>Family</legend>{"".join(family_boxes)}</fieldset>\n'
            f'<fieldset><legend>Severity</legend>{"".join(severity_boxes)}</fieldset>\n'
            f'<p id="filter-status" role="status" aria-live="polite">Showing {self.counts["findings"]} of '
            f'{plural(self.counts["findings"], "finding")}.</p>\n'
            "</form>"
        )

    # ---- one article

    def articles(self) -> str:
        if not self.report.files:
            return '<p>No articles were checked.</p>'
        return "\n".join(self.article(result) for result in self.report.files)

    def article(self, result) -> str:
        aid = self.article_ids[result.path]
        total = len(result.findings)
        counts = Counter(f.severity for f in result.findings)
        badges = ", ".join(_severity_count(counts[s], s) for s in SEVERITIES if counts[s])
        out = [
            f'<section class="article" id="{aid}" aria-labelledby="{aid}-h">',
            f'<h2 id="{aid}-h">{esc(result.path)}</h2>',
            f'<h3 id="{aid}-status">Status at a glance</h3>',
            self.glance(result, aid),
            f'<h3 id="{aid}-findings">Findings</h3>',
        ]
        if not total:
            out.append('<p class="no-findings">No findings.</p>')
        else:
            out.append(
                f'<p class="article-count"><span class="count-shown"><span data-shown-count>{total}</span> of </span>'
                f"{plural(total, 'finding')}<span class=\"count-shown\"> shown</span> ({badges}).</p>"
            )
            out.append('<p class="filtered-out-note" hidden>All of this article\'s findings are hidden by the filter.</p>')
            lines = source_lines(self.sources, result.path)
            # Errors first, then warnings, then notes; by line within each.
            ordered = sorted(result.findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.line, f.column))
            items = [self.finding(result, finding, f"{aid}-finding-{j}", lines) for j, finding in enumerate(ordered, 1)]
            out.append(f'<ol class="findings" aria-labelledby="{aid}-findings">\n' + "\n".join(items) + "\n</ol>")
        out.append("</section>")
        return "\n".join(out)

    def glance(self, result, aid: str) -> str:
        m = result.metrics
        rows = []
        rows.append(("Crisis resources", crisis_glance(m)))
        # review
        review = [f"Status: {_review_status(m)[0]}"]
        review.append(f"Last reviewed: {esc(m['last_reviewed']) if m.get('last_reviewed') else '<span class=status-bad>not stated</span>'}")
        if m.get("review_due"):
            review.append(f"Review due: {esc(m['review_due'])}")
        reviewer = m.get("reviewed_by")
        review.append(f"Reviewer: {esc(reviewer) if reviewer else '<span class=status-warn>none named</span>'}")
        rows.append(("Review", "<br>".join(review)))
        # reading grade
        rows.append(("Reading grade", self.grade_html(result, aid)))
        # statistics
        rows.append(("Statistics", self.statistics_html(m)))
        body = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
        return f'<dl class="glance">{body}</dl>'

    def grade_html(self, result, aid: str) -> str:
        m = result.metrics
        grade, target = m.get("fk_grade"), m.get("target_grade")
        if not isinstance(grade, (int, float)):
            return '<span class="muted">Not measured (too little prose, or the file could not be read).</span>'
        parts = [f"Flesch–Kincaid grade <strong>{grade:.1f}</strong>"]
        if isinstance(target, (int, float)):
            if grade > target:
                parts.append(f'against a target of {target:g}: <span class="status-bad">above target by {grade - target:.1f}</span>')
            else:
                parts.append(f'against a target of {target:g}: <span class="status-ok">at or below target</span>')
        extra = []
        if isinstance(m.get("fk_grade_domain_adjusted"), (int, float)):
            extra.append(f"grade with domain words counted as two syllables at most {m['fk_grade_domain_adjusted']:.1f}")
        if isinstance(m.get("flesch_reading_ease"), (int, float)):
            extra.append(f"Flesch reading ease {m['flesch_reading_ease']:g}")
        if isinstance(m.get("smog_index"), (int, float)):
            extra.append(f"SMOG {m['smog_index']:g}")
        if isinstance(m.get("words"), int):
            extra.append(f"{m['words']} words")
        text = " ".join(parts) + "."
        if extra:
            text += f' <span class="muted">({esc("; ".join(extra))})</span>'
        hardest = [(j, f) for j, f in enumerate(result.findings, 1) if f.rule == "readability.hard-paragraph"]
        if hardest:
            links = []
            for j, finding in hardest:
                found = re.search(r"grade (\d+(?:\.\d+)?)", finding.message)
                label = f"line {finding.line}" + (f" (grade {found.group(1)})" if found else "")
                links.append(f'<a href="#{aid}-finding-{j}">{esc(label)}</a>')
            text += f"<br>Hardest paragraphs: {', '.join(links)}."
        return text

    def statistics_html(self, m: dict) -> str:
        if "statistics" not in m:
            return '<span class="muted">Not checked (statistics rules not enabled).</span>'
        stats = m.get("statistics") or []
        if not stats:
            return "No statistics found."
        rows = []
        for s in stats:
            label, cls = STAT_STATUS.get(s.get("status"), (str(s.get("status") or "unknown"), "status-warn"))
            claim = s.get("claim")
            if claim:
                registry = f'<code>{esc(claim)}</code>: ' + ("agrees" if s.get("agrees_with_registry") else '<span class="status-bad">does not agree</span>')
            else:
                registry = '<span class="muted">not in the registry</span>'
            source = esc(s.get("source")) if s.get("source") else '<span class="status-warn">none</span>'
            rows.append(
                f'<tr><td>{esc(s.get("text"))}</td><td class="num">{esc(s.get("line"))}</td><td>{source}</td>'
                f'<td>{registry}</td><td><span class="{cls}">{esc(label)}</span></td></tr>'
            )
        return (
            '<div class="table-wrap"><table class="statistics"><thead><tr><th scope="col">Figure</th>'
            '<th scope="col" class="num">Line</th><th scope="col">Source</th><th scope="col">Registry claim</th>'
            f'<th scope="col">Status</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        )

    def finding(self, result, finding, fid: str, lines) -> str:
        family = family_of(finding.rule)
        where = f"line {finding.line}, column {finding.column}"
        if finding.end_line and finding.end_line != finding.line:
            where += f" to line {finding.end_line}, column {finding.end_column}"
        out = [
            f'<li class="finding" id="{fid}" data-family="{esc(family)}" data-severity="{esc(finding.severity)}">',
            f'<h4>{_severity_badge(finding.severity)} <code>{esc(finding.rule)}</code> <span class="where">{esc(where)}</span></h4>',
            f'<p class="message">{esc(finding.message)}</p>',
        ]
        context = context_html(lines, finding) if lines is not None else None
        if context is not None:
            out.append(context)
        elif finding.excerpt:
            out.append(f'<p class="excerpt">Excerpt: <mark>{esc(finding.excerpt)}</mark> <span class="muted">(source not available)</span></p>')
        if finding.suggestions:
            items = "".join(f"<li>{esc(s)}</li>" for s in finding.suggestions)
            out.append(f'<div class="suggestions">Suggested: <ul>{items}</ul></div>')
        reference = finding.reference or getattr(self.rules.get(finding.rule), "reference", "")
        if reference:
            out.append(f'<p class="reference">Guideline: {esc(reference)}</p>')
        out.append("</li>")
        return "\n".join(out)


def _severity_count(n: int, severity: str) -> str:
    return f"{n} info" if severity == "info" else plural(n, severity)


def _severity_badge(severity: str) -> str:
    return f'<span class="sev sev-{esc(severity)}">{esc(SEVERITY_LABEL.get(severity, severity))}</span>'


def _review_status(m: dict) -> tuple[str, str]:
    """(HTML, css class) describing when the review is due."""
    days = m.get("days_until_due")
    if not isinstance(days, int):
        if m.get("last_reviewed") or m.get("review_due"):
            return '<span class="muted">due date unknown</span>', "muted"
        return '<span class="status-bad">no review date</span>', "status-bad"
    if days < 0:
        return f'<span class="status-bad">overdue by {plural(-days, "day")}</span>', "status-bad"
    if days == 0:
        return '<span class="status-warn">due today</span>', "status-warn"
    cls = "status-warn" if days <= 30 else "status-ok"
    return f'<span class="{cls}">due in {plural(days, "day")}</span>', cls


def content_security_policy(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    # Inline style attributes are needed by matplotlib's SVG; nothing else is allowed, not even images.
    return f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def render(report, options) -> str:
    page = _Page(report, options)
    script = _template("report.js")
    return Template(_template("report.html")).substitute(
        csp=esc(content_security_policy(script)),
        generator=esc(f"carecheck {__version__}"),
        title="carecheck review report",
        css=_template("report.css"),
        header=page.header(),
        overview=page.overview(),
        filters=page.filters(),
        articles=page.articles(),
        footer=page.footer(),
        js=script,
    )
