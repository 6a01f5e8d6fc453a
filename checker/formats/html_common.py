"""Helpers shared by the HTML report's page (html_format.py) and its charts (html_charts.py).

A module of their own so that the charts need not import the page, which imports the charts.
"""

from __future__ import annotations

import datetime
import html

SEVERITY_LABEL = {"error": "Error", "warning": "Warning", "info": "Info"}


def esc(value) -> str:
    """Everything taken from an article or a rule goes through this before it reaches the page."""
    return html.escape("" if value is None else str(value), quote=True)


def plural(n: int, word: str, plural_word: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural_word or word + 's')}"


def parse_date(value):
    """A date from a date or an ISO string (its first 10 characters); None for anything else."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def reference_date(report, options) -> datetime.date:
    """options.today if given; else what the review metrics imply (review_due - days_until_due).

    The wall clock only as a last resort: the same report should give the same page.
    """
    today = parse_date(getattr(options, "today", None))
    if today:
        return today
    for result in report.files:
        due = parse_date(result.metrics.get("review_due"))
        days = result.metrics.get("days_until_due")
        if due and isinstance(days, int):
            return due - datetime.timedelta(days=days)
    return datetime.date.today()


def crisis_glance(m: dict) -> str:
    """The crisis line of an article's status: the resources for its readers' region (and how the
    region was decided), apart from the lines it gives for readers elsewhere."""
    if "crisis_resources" not in m:
        return '<span class="muted">Not checked (crisis rules not enabled).</span>'
    how = {"inferred": " (inferred from the page)", "default": " (the default: none declared)"}.get(m.get("region_source"), "")
    region = f" for readers in <strong>{esc(m['region'])}</strong>{how}" if m.get("region") else ""
    resources = m.get("crisis_resources") or []
    if resources:
        items = "".join(f"<li>{esc(r)}</li>" for r in resources)
        crisis = f'<span class="status-ok">{plural(len(resources), "resource")} found</span>{region}:<ul>{items}</ul>'
    else:
        crisis = f'<span class="status-bad">None found</span>{region}.'
    others = m.get("crisis_resources_elsewhere") or []
    if others:
        crisis += f'<p class="muted">Also lines for readers elsewhere: {esc(", ".join(others))}.</p>'
    return crisis
