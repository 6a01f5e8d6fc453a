"""`carecheck due`: the editors' review calendar, built from the freshness metrics of a run.

Overdue articles come first (most overdue first), then articles with no review date, then the
rest by due date. `--within 90d` keeps what falls due in the next 90 days (overdue and undated
articles always show: they need attention now).
"""

from __future__ import annotations

import csv
import io
import json
import re

from checker.errors import UsageError

COLUMNS = ("path", "status", "last_reviewed", "review_due", "days_until_due", "reviewed_by")
_WITHIN = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$", re.IGNORECASE)
_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_within(text: str) -> int:
    match = _WITHIN.match(text)
    if not match:
        raise UsageError(f"--within {text!r}: use a number and a unit, e.g. 90d, 12w, 6m or 1y")
    return int(match.group(1)) * _DAYS[match.group(2).lower()]


def review_rows(report, today, within_days: int | None) -> list[dict]:
    rows = []
    for result in report.files:
        metrics = result.metrics
        days = metrics.get("days_until_due")
        if days is None:
            status = "no review date"
        elif days < 0:
            status = "overdue"
        elif days <= 30:
            status = "due soon"
        else:
            status = "ok"
        if any(f.rule == "freshness.future-date" for f in result.findings):
            status = "future date"
        row = {
            "path": result.path,
            "status": status,
            "last_reviewed": metrics.get("last_reviewed"),
            "review_due": metrics.get("review_due"),
            "days_until_due": days,
            "reviewed_by": metrics.get("reviewed_by"),
        }
        if within_days is None or days is None or days <= within_days:
            rows.append(row)

    def order(row):
        days = row["days_until_due"]
        if days is not None and days < 0:
            return (0, days, row["path"])
        if days is None:
            return (1, 0, row["path"])
        return (2, days, row["path"])

    return sorted(rows, key=order)


def render_calendar(rows: list[dict], fmt: str, today) -> str:
    if fmt == "json":
        return json.dumps({"today": today.isoformat(), "articles": rows}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()
    header = ("due", "status", "in", "last reviewed", "reviewer", "article")
    table = [header]
    for row in rows:
        days = row["days_until_due"]
        when = "—" if days is None else (f"{-days}d ago" if days < 0 else f"{days}d")
        table.append((row["review_due"] or "—", row["status"], when, row["last_reviewed"] or "—", row["reviewed_by"] or "—", row["path"]))
    widths = [max(len(str(line[i])) for line in table) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)).rstrip() for line in table]
    overdue = sum(1 for r in rows if r["status"] == "overdue")
    lines.append("")
    lines.append(f"{len(rows)} article{'s' if len(rows) != 1 else ''} as of {today.isoformat()}; {overdue} overdue.")
    return "\n".join(lines) + "\n"
