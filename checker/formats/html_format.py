"""`--format html`: the clinical reviewers' report, one self-contained HTML page.

    render(report, RenderOptions(sources={path: text, ...})) -> str

The page has a corpus overview (counts by family and severity, charts of reviews falling due per
month, reading grade against the target and findings by family, the most frequent rules, a table
of articles), filter controls, then one <h2> section per article: its status at a glance (crisis
resources and region, review dates and reviewer, reading grade against the target with the
hardest paragraphs, statistics with their sources and registry status) and every finding with its
source lines, the span wrapped in <mark>, the message, the suggestions and the guideline.

Self-contained: the CSS, the script and the charts are inline (matplotlib, rendered to SVG with
text left as text, so no font is embedded or fetched), fonts are system stacks, and a
Content-Security-Policy (default-src 'none'; the one script allowed by its hash) makes sure no
request leaves the page and nothing injected could run. Everything taken from an article or a
rule (text, paths, rule ids, messages, metrics) is escaped with html.escape(quote=True).

Without a source for a file (options.sources lacks it) a finding shows its excerpt only. The
output is deterministic: the same report gives byte-identical HTML (fixed SVG hash salt, no dates
in the SVG metadata, no wall-clock time on the page; the reference date comes from
options.today, else from the review metrics, which carry it).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import html
import io
import re
from collections import Counter, defaultdict
from importlib import resources
from string import Template

from checker import __version__
from checker.findings import SEVERITIES

SEVERITY_LABEL = {"error": "Error", "warning": "Warning", "info": "Info"}
COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#1f5fa8", "ok": "#1e6b24", "grey": "#6b6b6b"}
HATCHES = {"error": "///", "warning": "...", "info": ""}

CONTEXT_LINES = 1  # source lines shown before and after a finding's span
MAX_SPAN_LINES = 8  # a longer span shows its first and last lines with the middle elided
LINE_LIMIT = 240  # a context line longer than this is cut
SIDE_CONTEXT = 160  # characters kept either side of the span on a long line
MARK_LIMIT = 400  # a longer highlighted run keeps its head and tail
TOP_RULES = 10
PER_ARTICLE_BARS = 40  # more articles than this: the grade chart becomes a histogram

STAT_STATUS = {
    "ok": ("OK", "status-ok"),
    "uncited": ("No source given", "status-warn"),
    "inconsistent": ("Contradicts an earlier figure in the article", "status-bad"),
    "impossible": ("Impossible value", "status-bad"),
    "registry-mismatch": ("Disagrees with the claims registry", "status-bad"),
    "registry-outdated": ("Registry figure has been superseded", "status-warn"),
}


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def family_of(rule_id: str) -> str:
    return rule_id.split(".", 1)[0]


def _template(name: str) -> str:
    return resources.files("checker.formats").joinpath("templates", name).read_text(encoding="utf-8")


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _fmt_num(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else f"{int(value)}"
    return str(value)


def _parse_date(value):
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def reference_date(report, options) -> datetime.date:
    """options.today if given; else what the review metrics imply (review_due - days_until_due)."""
    today = _parse_date(getattr(options, "today", None))
    if today:
        return today
    for result in report.files:
        due = _parse_date(result.metrics.get("review_due"))
        days = result.metrics.get("days_until_due")
        if due and isinstance(days, int):
            return due - datetime.timedelta(days=days)
    return datetime.date.today()


# ---------------------------------------------------------------- source context


class _Lines:
    """1-based lines of a source text, split where checker.document.LineIndex splits them."""

    def __init__(self, source: str):
        from checker.document import LineIndex

        self.index = LineIndex(source)

    @property
    def count(self) -> int:
        return self.index.line_count

    def text(self, line: int) -> str:
        return self.index.line_text(line)


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
    before, span, after = text[:start], text[start:end], text[end:]
    out = []
    if len(before) > SIDE_CONTEXT:
        out.append(_elided())
        before = before[-SIDE_CONTEXT:]
    out.append(esc(before))
    out.append(_mark(span))
    if len(after) > SIDE_CONTEXT:
        out.append(esc(after[:SIDE_CONTEXT]) + _elided())
    else:
        out.append(esc(after))
    return "".join(out)


def context_html(lines: _Lines, finding) -> str | None:
    """The finding's source lines (plus CONTEXT_LINES either side) with its span marked, or None."""
    line = finding.line
    if not (1 <= line <= lines.count):
        return None
    end_line = min(max(finding.end_line or line, line), lines.count)
    first, last = max(1, line - CONTEXT_LINES), min(lines.count, end_line + CONTEXT_LINES)
    span_lines = list(range(line, end_line + 1))
    if len(span_lines) > MAX_SPAN_LINES:
        keep = MAX_SPAN_LINES // 2
        skipped = set(span_lines[keep:-keep])
    else:
        skipped = set()
    rows, gap_written = [], False
    for number in range(first, last + 1):
        if number in skipped:
            if not gap_written:
                rows.append(f'<span class="line hit"><span class="ln">⋮</span><span class="src">{_elided(f"{len(skipped)} more lines of the span")}</span></span>')
                gap_written = True
            continue
        text = lines.text(number)
        if line <= number <= end_line:
            start = finding.column - 1 if number == line else 0
            end = finding.end_column - 1 if number == end_line else len(text)
            rows.append(f'<span class="line hit"><span class="ln">{number}</span><span class="src">{_line_html(text, start, end)}</span></span>')
        else:
            rows.append(f'<span class="line"><span class="ln">{number}</span><span class="src">{_line_html(text)}</span></span>')
    return f'<pre class="context"><code>{"".join(rows)}</code></pre>'


# ---------------------------------------------------------------- charts


def _svg_inline(svg: str, prefix: str, title: str) -> str:
    """Matplotlib's SVG document made fit to sit inside HTML, with ids unique to this chart."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r"<style[^>]*>.*?</style>\s*", "", svg, flags=re.S)  # moved to report.css
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)\s]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    svg = svg.replace("<svg ", f'<svg role="img" aria-labelledby="{prefix}-title" focusable="false" ', 1)
    head_end = svg.index(">") + 1
    return svg[:head_end] + f'\n <title id="{prefix}-title">{esc(title)}</title>' + svg[head_end:].rstrip() + "\n"


class _Charts:
    """Draws the overview charts with matplotlib (imported here: it is slow to import)."""

    def __init__(self):
        import matplotlib
        from matplotlib.figure import Figure  # no pyplot: no GUI backend, no global figure state

        self.matplotlib = matplotlib
        self.Figure = Figure
        self.rc = {
            "svg.fonttype": "none",  # text stays <text>: no glyphs, no font files
            "svg.hashsalt": "carecheck",  # stable ids: byte-identical output
            "text.parse_math": False,  # a '$' in a path is just a dollar sign
            "font.family": "sans-serif",
            "font.size": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 11,
            "hatch.linewidth": 0.8,
            "hatch.color": "#ffffff",
            "legend.frameon": False,
        }

    def svg(self, fig, prefix: str, title: str) -> str:
        buffer = io.StringIO()
        with self.matplotlib.rc_context(self.rc):
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
        return _svg_inline(buffer.getvalue(), prefix, title)

    def figure(self, width: float, height: float):
        with self.matplotlib.rc_context(self.rc):
            fig = self.Figure(figsize=(width, height), layout="constrained")
            return fig, fig.subplots()

    def due_by_month(self, months: list[str], overdue: list[int], upcoming: list[int], today_index: float | None) -> str:
        with self.matplotlib.rc_context(self.rc):
            fig, ax = self.figure(7.2, 3.0)
            xs = list(range(len(months)))
            ax.bar(xs, overdue, color=COLOURS["error"], hatch=HATCHES["error"], label="Overdue", edgecolor=COLOURS["error"])
            ax.bar(xs, upcoming, bottom=overdue, color=COLOURS["info"], label="Not yet due", edgecolor=COLOURS["info"])
            step = max(1, -(-len(months) // 18))
            ax.set_xticks(xs[::step], [_month_label(m) for m in months[::step]], rotation=45, ha="right")
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.set_ylabel("Articles")
            if today_index is not None:
                ax.axvline(today_index, color="#1a1a1a", linestyle="--", linewidth=1)
                ax.annotate("today", (today_index, 1), xycoords=("data", "axes fraction"), xytext=(3, -2),
                            textcoords="offset points", va="top", fontsize=9)
            ax.set_xlim(-0.6, len(months) - 0.4)
            ax.legend(loc="lower right", bbox_to_anchor=(1, 1), ncols=2)
            return self.svg(fig, "chart-due", "Reviews falling due per month; overdue reviews hatched in red")

    def grades_per_article(self, labels: list[str], grades: list[float], targets: list[float]) -> str:
        with self.matplotlib.rc_context(self.rc):
            fig, ax = self.figure(7.2, max(2.2, 0.32 * len(labels) + 1.0))
            ys = list(range(len(labels)))
            above = [g > t for g, t in zip(grades, targets)]
            ax.barh(ys, grades, color=[COLOURS["error"] if a else COLOURS["ok"] for a in above],
                    hatch=[HATCHES["error"] if a else "" for a in above], height=0.6)
            ax.scatter(targets, ys, marker="|", s=260, color="#1a1a1a", linewidths=2, label="Target grade", zorder=3)
            ax.set_yticks(ys, labels)
            ax.invert_yaxis()
            ax.set_xlabel("Flesch–Kincaid grade (red, hatched: above target)")
            ax.set_xlim(0, max(grades + targets) * 1.1 + 0.5)
            ax.legend(loc="lower right", bbox_to_anchor=(1, 1))
            return self.svg(fig, "chart-grade", "Reading grade of each article against its target grade")

    def grade_histogram(self, grades: list[float], targets: list[float]) -> str:
        with self.matplotlib.rc_context(self.rc):
            fig, ax = self.figure(7.2, 3.0)
            target = Counter(targets).most_common(1)[0][0]
            low, high = int(min(grades + [target])), int(max(grades + [target])) + 1
            bins = list(range(low, high + 1))
            _, edges, patches = ax.hist(grades, bins=bins, color=COLOURS["ok"], edgecolor="#ffffff")
            for patch, left in zip(patches, edges[:-1]):
                if left >= target:
                    patch.set_facecolor(COLOURS["error"])
                    patch.set_hatch(HATCHES["error"])
            ax.axvline(target, color="#1a1a1a", linestyle="--", linewidth=1.5, label=f"Target grade {target:g}")
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.set_xlabel("Flesch–Kincaid grade (red, hatched: at or above target)")
            ax.set_ylabel("Articles")
            ax.legend(loc="lower right", bbox_to_anchor=(1, 1))
            return self.svg(fig, "chart-grade", "Distribution of reading grades against the target grade")

    def findings_by_family(self, families: list[str], counts: dict) -> str:
        with self.matplotlib.rc_context(self.rc):
            fig, ax = self.figure(7.2, max(1.8, 0.4 * len(families) + 1.0))
            ys = list(range(len(families)))
            left = [0] * len(families)
            for severity in SEVERITIES:
                values = [counts[f][severity] for f in families]
                ax.barh(ys, values, left=left, height=0.6, color=COLOURS[severity], hatch=HATCHES[severity],
                        edgecolor=COLOURS[severity], label=SEVERITY_LABEL[severity])
                left = [a + b for a, b in zip(left, values)]
            ax.set_yticks(ys, families)
            ax.invert_yaxis()
            ax.xaxis.get_major_locator().set_params(integer=True)
            ax.set_xlabel("Findings")
            ax.legend(loc="lower right", bbox_to_anchor=(1, 1), ncols=3)
            return self.svg(fig, "chart-family", "Findings by rule family and severity")


def _month_label(month: str) -> str:
    year, number = month.split("-")
    return datetime.date(int(year), int(number), 1).strftime("%b %Y")


def _month_range(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    out = []
    while (year, month) <= end:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _figure(svg: str, caption: str, data_table: str) -> str:
    return (
        f'<figure class="chart">\n{svg}<figcaption>{caption}</figcaption>\n'
        f"<details><summary>The chart's data as a table</summary>\n{data_table}</details>\n</figure>"
    )


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
            f'<p class="summary-line">{_plural(c["files"], "article")}, {_plural(c["findings"], "finding")}: {parts}.</p>\n'
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
        charts = _Charts() if (self.by_family or self._due_entries() or self._grade_entries()) else None
        out.append(self.family_section(charts))
        out.append(self.due_section(charts))
        out.append(self.grade_section(charts))
        out.append(self.top_rules_section())
        out.append(self.articles_table())
        out.append("</section>")
        return "\n".join(out)

    def family_section(self, charts) -> str:
        out = ['<h3 id="families-h">Findings by family and severity</h3>']
        if not self.by_family:
            out.append('<p class="no-findings">No findings in any article.</p>')
            return "\n".join(out)
        head = "".join(f'<th scope="col" class="num">{SEVERITY_LABEL[s]}</th>' for s in SEVERITIES)
        rows = []
        for family in self.families:
            cells = "".join(f'<td class="num">{self.by_family[family][s]}</td>' for s in SEVERITIES)
            total = sum(self.by_family[family].values())
            rows.append(f'<tr><th scope="row"><code>{esc(family)}</code></th>{cells}<td class="num">{total}</td></tr>')
        foot = "".join(f'<td class="num">{self.counts[s]}</td>' for s in SEVERITIES)
        table = (
            '<div class="table-wrap"><table class="family-counts" aria-labelledby="families-h">'
            f'<thead><tr><th scope="col">Family</th>{head}<th scope="col" class="num">Total</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody>'
            f'<tfoot><tr><th scope="row">All families</th>{foot}<td class="num">{self.counts["findings"]}</td></tr></tfoot>'
            "</table></div>"
        )
        out.append(table)
        if charts is not None:
            svg = charts.findings_by_family(self.families, self.by_family)
            out.append(
                f'<figure class="chart">\n{svg}<figcaption>Findings by rule family, split by severity '
                "(error: red, hatched with lines; warning: amber, dotted; info: blue, plain). "
                "The table above holds the same numbers.</figcaption>\n</figure>"
            )
        return "\n".join(out)

    def _due_entries(self):
        entries = []
        for result in self.report.files:
            due = _parse_date(result.metrics.get("review_due"))
            if due:
                entries.append((result.path, due))
        return entries

    def due_section(self, charts) -> str:
        out = ['<h3 id="due-h">Reviews falling due</h3>']
        entries = self._due_entries()
        missing = len(self.report.files) - len(entries)
        if not entries:
            out.append("<p>No article states a review date, so none can fall due.</p>")
            return "\n".join(out)
        dates = [d for _, d in entries] + [self.today]
        months = _month_range(min(dates).strftime("%Y-%m"), max(dates).strftime("%Y-%m"))
        overdue = {m: 0 for m in months}
        upcoming = {m: 0 for m in months}
        for _, due in entries:
            (overdue if due < self.today else upcoming)[due.strftime("%Y-%m")] += 1
        today_month = self.today.strftime("%Y-%m")
        today_index = months.index(today_month) - 0.5 + (self.today.day - 0.5) / 31
        n_overdue = sum(overdue.values())
        caption = (
            f"Reviews falling due per month, {esc(_month_label(months[0]))} to {esc(_month_label(months[-1]))}: "
            f"{_plural(n_overdue, 'review')} overdue (red, hatched), {_plural(sum(upcoming.values()), 'review')} not yet due (blue). "
            f"The dashed line marks {esc(self.today.isoformat())}."
        )
        if missing:
            caption += f" {_plural(missing, 'article')} without a review date {'is' if missing == 1 else 'are'} not shown."
        rows = "".join(
            f'<tr><th scope="row">{esc(_month_label(m))}</th><td class="num">{overdue[m]}</td><td class="num">{upcoming[m]}</td></tr>'
            for m in months
            if overdue[m] or upcoming[m]
        )
        table = (
            '<table><thead><tr><th scope="col">Month</th><th scope="col" class="num">Overdue</th>'
            f'<th scope="col" class="num">Not yet due</th></tr></thead><tbody>{rows}</tbody></table>'
        )
        svg = charts.due_by_month(months, [overdue[m] for m in months], [upcoming[m] for m in months], today_index)
        out.append(_figure(svg, caption, table))
        return "\n".join(out)

    def _grade_entries(self):
        entries = []
        for result in self.report.files:
            grade = result.metrics.get("fk_grade")
            if isinstance(grade, (int, float)):
                target = result.metrics.get("target_grade")
                entries.append((result.path, float(grade), float(target) if isinstance(target, (int, float)) else 8.0))
        return entries

    def grade_section(self, charts) -> str:
        out = ['<h3 id="grade-h">Reading grade against the target</h3>']
        entries = self._grade_entries()
        if not entries:
            out.append("<p>No article has enough prose to measure a reading grade.</p>")
            return "\n".join(out)
        grades = [g for _, g, _ in entries]
        targets = [t for _, _, t in entries]
        above = sum(g > t for _, g, t in entries)
        if len(entries) <= PER_ARTICLE_BARS:
            svg = charts.grades_per_article([_short_path(p) for p, _, _ in entries], grades, targets)
            kind = "Flesch–Kincaid grade of each article (bars) against its target grade (black tick)"
        else:
            svg = charts.grade_histogram(grades, targets)
            kind = "How many articles fall at each Flesch–Kincaid grade, against the target grade (dashed line)"
        caption = f"{kind}: {_plural(above, 'article')} of {len(entries)} above target (red, hatched)."
        missing = len(self.report.files) - len(entries)
        if missing:
            caption += f" {_plural(missing, 'article')} without a measurable grade {'is' if missing == 1 else 'are'} not shown."
        rows = "".join(
            f'<tr><th scope="row">{esc(p)}</th><td class="num">{g:.1f}</td><td class="num">{t:g}</td>'
            f'<td>{"above target" if g > t else "at or below target"}</td></tr>'
            for p, g, t in entries
        )
        table = (
            '<div class="table-wrap"><table><thead><tr><th scope="col">Article</th><th scope="col" class="num">Grade</th>'
            f'<th scope="col" class="num">Target</th><th scope="col">Status</th></tr></thead><tbody>{rows}</tbody></table></div>'
        )
        out.append(_figure(svg, caption, table))
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
            f'{_plural(self.counts["findings"], "finding")}.</p>\n'
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
                f"{_plural(total, 'finding')}<span class=\"count-shown\"> shown</span> ({badges}).</p>"
            )
            out.append('<p class="filtered-out-note" hidden>All of this article\'s findings are hidden by the filter.</p>')
            lines = _Lines(self.sources[result.path]) if isinstance(self.sources.get(result.path), str) else None
            items = [self.finding(result, finding, f"{aid}-finding-{j}", lines) for j, finding in enumerate(result.findings, 1)]
            out.append(f'<ol class="findings" aria-labelledby="{aid}-findings">\n' + "\n".join(items) + "\n</ol>")
        out.append("</section>")
        return "\n".join(out)

    def glance(self, result, aid: str) -> str:
        m = result.metrics
        rows = []
        # crisis resources
        if "crisis_resources" in m:
            region = f" for region <strong>{esc(m['region'])}</strong>" if m.get("region") else ""
            resources_ = m.get("crisis_resources") or []
            if resources_:
                items = "".join(f"<li>{esc(r)}</li>" for r in resources_)
                crisis = f'<span class="status-ok">{_plural(len(resources_), "resource")} found</span>{region}:<ul>{items}</ul>'
            else:
                crisis = f'<span class="status-bad">None found</span>{region}.'
        else:
            crisis = '<span class="muted">Not checked (crisis rules not enabled).</span>'
        rows.append(("Crisis resources", crisis))
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
    return f"{n} info" if severity == "info" else _plural(n, severity)


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
        return f'<span class="status-bad">overdue by {_plural(-days, "day")}</span>', "status-bad"
    if days == 0:
        return '<span class="status-warn">due today</span>', "status-warn"
    cls = "status-warn" if days <= 30 else "status-ok"
    return f'<span class="{cls}">due in {_plural(days, "day")}</span>', cls


def _short_path(path: str, limit: int = 42) -> str:
    return path if len(path) <= limit else "…" + path[-(limit - 1):]


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
