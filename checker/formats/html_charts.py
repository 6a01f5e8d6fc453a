"""The charts of the HTML report's overview (see html_format.py), each with the numbers behind it.

Drawn with matplotlib (imported only when a chart is drawn: it is slow to import) to SVG with text
left as text, so no font is embedded or fetched, and inlined into the page. Deterministic: a fixed
SVG hash salt and no dates in the SVG metadata, so the same report gives byte-identical charts.

Every chart comes with its data as a table (or sits under one), for readers who cannot see it.
"""

from __future__ import annotations

import datetime
import io
import re
import warnings
from collections import Counter

from checker.findings import SEVERITIES
from checker.formats.html_common import SEVERITY_LABEL, esc, parse_date, plural
from checker.formats.sanitise import terminal

COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#1f5fa8", "ok": "#1e6b24", "grey": "#6b6b6b"}
HATCHES = {"error": "///", "warning": "...", "info": ""}  # severity shown by pattern too, not by colour alone
PER_ARTICLE_BARS = 40  # more articles than this: the grade chart becomes a histogram


def _svg_inline(svg: str, prefix: str, title: str) -> str:
    """Matplotlib's SVG document made fit to sit inside HTML, with ids unique to this chart."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<style[^>]*>.*?</style>\s*", "", svg, flags=re.DOTALL)  # moved to report.css
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)\s]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    svg = svg.replace("<svg ", f'<svg role="img" aria-labelledby="{prefix}-title" focusable="false" ', 1)
    head_end = svg.index(">") + 1
    return svg[:head_end] + f'\n <title id="{prefix}-title">{esc(title)}</title>' + svg[head_end:].rstrip() + "\n"


NO_CHARTS = "Charts need matplotlib: pip install 'carecheck[report]'. The tables below hold the same numbers."


class Charts:
    """Draws the overview charts with matplotlib (imported here: it is slow to import). matplotlib
    is an extra (`carecheck[report]`): without it the report has the tables and no charts."""

    @classmethod
    def if_installed(cls):
        try:
            return cls()
        except ImportError:
            return None

    def __init__(self):
        import matplotlib

        # No pyplot: no GUI backend, no global figure state.
        from matplotlib.figure import Figure

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
        # matplotlib's warnings (a glyph missing from the font) quote the label raw on stderr: the
        # labels are made printable before drawing, and no warning reaches the user's terminal.
        with self.matplotlib.rc_context(self.rc), warnings.catch_warnings():
            warnings.simplefilter("ignore")
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
            ax.set_yticks(ys, [terminal(label) for label in labels])  # a control character in a file name shows as \\xNN
            ax.invert_yaxis()
            # The label names the red only when a bar is drawn red.
            ax.set_xlabel("Flesch–Kincaid grade" + (" (red, hatched: above target)" if any(above) else ""))
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
            ax.set_xlabel("Flesch–Kincaid grade" + (" (red, hatched: at or above target)" if any(g >= target for g in grades) else ""))
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


def _figure(svg: str | None, caption: str, data_table: str) -> str:
    if svg is None:  # no matplotlib: the data table stands for the chart
        return f"<p>{caption}</p>\n{data_table}"
    return (
        f'<figure class="chart">\n{svg}<figcaption>{caption}</figcaption>\n'
        f"<details><summary>The chart's data as a table</summary>\n{data_table}</details>\n</figure>"
    )


def _short_path(path: str, limit: int = 42) -> str:
    return path if len(path) <= limit else "…" + path[-(limit - 1):]


# ---------------------------------------------------------------- the overview's chart sections
# Each returns its <h3> and what follows it. `charts` is None when there is nothing to draw.


def family_section(families: list[str], by_family: dict, counts: dict, charts) -> str:
    """Findings by rule family and severity: a table, then the same numbers as a chart."""
    out = ['<h3 id="families-h">Findings by family and severity</h3>']
    if not by_family:
        out.append('<p class="no-findings">No findings in any article.</p>')
        return "\n".join(out)
    head = "".join(f'<th scope="col" class="num">{SEVERITY_LABEL[s]}</th>' for s in SEVERITIES)
    rows = []
    for family in families:
        cells = "".join(f'<td class="num">{by_family[family][s]}</td>' for s in SEVERITIES)
        total = sum(by_family[family].values())
        rows.append(f'<tr><th scope="row"><code>{esc(family)}</code></th>{cells}<td class="num">{total}</td></tr>')
    foot = "".join(f'<td class="num">{counts[s]}</td>' for s in SEVERITIES)
    table = (
        '<div class="table-wrap"><table class="family-counts" aria-labelledby="families-h">'
        f'<thead><tr><th scope="col">Family</th>{head}<th scope="col" class="num">Total</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody>'
        f'<tfoot><tr><th scope="row">All families</th>{foot}<td class="num">{counts["findings"]}</td></tr></tfoot>'
        "</table></div>"
    )
    out.append(table)
    if charts is not None:
        svg = charts.findings_by_family(families, by_family)
        out.append(
            f'<figure class="chart">\n{svg}<figcaption>Findings by rule family, split by severity '
            "(error: red, hatched with lines; warning: amber, dotted; info: blue, plain). "
            "The table above holds the same numbers.</figcaption>\n</figure>"
        )
    return "\n".join(out)


def due_entries(report) -> list:
    """(path, review due date) of every article that states one."""
    entries = []
    for result in report.files:
        due = parse_date(result.metrics.get("review_due"))
        if due:
            entries.append((result.path, due))
    return entries


def due_section(report, today: datetime.date, charts) -> str:
    """Reviews falling due per month, overdue ones apart, with a line at `today`."""
    out = ['<h3 id="due-h">Reviews falling due</h3>']
    entries = due_entries(report)
    missing = len(report.files) - len(entries)
    if not entries:
        out.append("<p>No article states a review date, so none can fall due.</p>")
        return "\n".join(out)
    dates = [d for _, d in entries] + [today]
    months = _month_range(min(dates).strftime("%Y-%m"), max(dates).strftime("%Y-%m"))
    overdue = {m: 0 for m in months}
    upcoming = {m: 0 for m in months}
    for _, due in entries:
        (overdue if due < today else upcoming)[due.strftime("%Y-%m")] += 1
    today_month = today.strftime("%Y-%m")
    # Placed by day within its month's slot (bars sit at whole numbers), not at the month's centre.
    today_index = months.index(today_month) - 0.5 + (today.day - 0.5) / 31
    n_overdue = sum(overdue.values())
    caption = (
        f"Reviews falling due per month, {esc(_month_label(months[0]))} to {esc(_month_label(months[-1]))}: "
        f"{plural(n_overdue, 'review')} overdue (red, hatched), {plural(sum(upcoming.values()), 'review')} not yet due (blue). "
        f"The dashed line marks {esc(today.isoformat())}."
    )
    if missing:
        caption += f" {plural(missing, 'article')} without a review date {'is' if missing == 1 else 'are'} not shown."
    rows = "".join(
        f'<tr><th scope="row">{esc(_month_label(m))}</th><td class="num">{overdue[m]}</td><td class="num">{upcoming[m]}</td></tr>'
        for m in months
        if overdue[m] or upcoming[m]
    )
    table = (
        '<table><thead><tr><th scope="col">Month</th><th scope="col" class="num">Overdue</th>'
        f'<th scope="col" class="num">Not yet due</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    svg = charts.due_by_month(months, [overdue[m] for m in months], [upcoming[m] for m in months], today_index) if charts else None
    out.append(_figure(svg, caption, table))
    return "\n".join(out)


def grade_entries(report) -> list:
    """(path, reading grade, target grade) of every article with a measured grade; the target defaults to 8."""
    entries = []
    for result in report.files:
        grade = result.metrics.get("fk_grade")
        if isinstance(grade, (int, float)):
            target = result.metrics.get("target_grade")
            entries.append((result.path, float(grade), float(target) if isinstance(target, (int, float)) else 8.0))
    return entries


def grade_section(report, charts) -> str:
    """Reading grades against the target: a bar per article, or a histogram for many articles."""
    out = ['<h3 id="grade-h">Reading grade against the target</h3>']
    entries = grade_entries(report)
    if not entries:
        out.append("<p>No article has enough prose to measure a reading grade.</p>")
        return "\n".join(out)
    grades = [g for _, g, _ in entries]
    targets = [t for _, _, t in entries]
    above = sum(g > t for _, g, t in entries)
    if len(entries) <= PER_ARTICLE_BARS:
        svg = charts.grades_per_article([_short_path(p) for p, _, _ in entries], grades, targets) if charts else None
        kind = "Flesch–Kincaid grade of each article (bars) against its target grade (black tick)"
    else:
        svg = charts.grade_histogram(grades, targets) if charts else None
        kind = "How many articles fall at each Flesch–Kincaid grade, against the target grade (dashed line)"
    caption = f"{kind}: {plural(above, 'article')} of {len(entries)} above target (red, hatched)."
    missing = len(report.files) - len(entries)
    if missing:
        caption += f" {plural(missing, 'article')} without a measurable grade {'is' if missing == 1 else 'are'} not shown."
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
