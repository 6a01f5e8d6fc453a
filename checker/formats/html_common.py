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
