"""`carecheck due --format ics`: the review calendar as an iCalendar file (RFC 5545), one all-day
event per article on the day its review falls due, for the clinical reviewers' calendars.

Written by hand (it is a small, strict text format): CRLF line ends, lines folded at 75 octets,
text escaped (backslash, semicolon, comma, newline), a stable UID per article and due date so that
re-importing updates events instead of duplicating them.
"""

from __future__ import annotations

import datetime
import hashlib

from checker import __version__


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Split a content line into pieces of at most 75 octets; continuations start with a space."""
    out, piece = [], ""
    for char in line:
        limit = 75 if not out else 74
        if len((piece + char).encode("utf-8")) > limit:
            out.append(piece)
            piece = char
        else:
            piece += char
    out.append(piece)
    return [out[0]] + [" " + p for p in out[1:]]


def render_ics(rows: list[dict], today: datetime.date) -> str:
    stamp = today.strftime("%Y%m%dT000000Z")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//carecheck//carecheck {__version__}//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", "X-WR-CALNAME:carecheck reviews"]
    for row in rows:
        if not row.get("review_due"):
            continue  # no review date: no day to put it on (the text and JSON calendars list it)
        due = datetime.date.fromisoformat(row["review_due"])
        uid = hashlib.sha256(f"{row['path']}|{row['review_due']}".encode()).hexdigest()[:32]
        description = [f"Status: {row['status']}", f"Last reviewed: {row.get('last_reviewed') or 'unknown'}",
                       f"Reviewer: {row.get('reviewed_by') or 'none named'}"]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@carecheck",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(due + datetime.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape('Review due: ' + row['path'])}",
            f"DESCRIPTION:{_escape(chr(10).join(description))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))
