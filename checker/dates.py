"""Reading dates as editors write them, with python-dateutil.

"March 24, 2026", "24 March 2026", "Sept 2, 2026", "2026-03-24", "03/04/2026". ISO dates are read
as ISO whatever the locale. A numeric date whose day and month could be swapped (03/04/2026) is read
in the article's order (day first outside the US) and reported as ambiguous; a date with no day
("September 2026") means the first of the month. A date needs a four-digit year, except a day and
a month by name with a two-digit year ("10 Sep 24", read as 2024).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})(?!\d)")
# "10 Sep 24": a day, a month by name and a two-digit year, as news pages print dates.
_SHORT_YEAR = re.compile(r"^(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{2})(?!\d)", re.IGNORECASE)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DEFAULT = datetime.datetime(2000, 1, 1)
# Locales that write the month first in numeric dates.
MONTH_FIRST = ("en-us", "en-ph", "es-us")


@dataclass(frozen=True)
class ParsedDate:
    date: datetime.date
    length: int  # characters of the text the date took
    ambiguous: bool = False  # day and month could be swapped


def day_first(locale: str | None) -> bool:
    return (locale or "en-US").lower().replace("_", "-") not in MONTH_FIRST


def to_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return None


def parse_date(text: str, dayfirst: bool) -> ParsedDate | None:
    """The date at the start of text, taking as many words as still read as one date."""
    text = text.strip()
    iso = _ISO.match(text)
    if iso:
        try:
            return ParsedDate(datetime.date(*map(int, iso.groups())), iso.end())
        except ValueError:
            return None
    short = _SHORT_YEAR.match(text)
    if short and not _YEAR.search(text[: short.end() + 6]):
        try:
            from dateutil import parser as date_parser

            day, month, year = short.groups()
            return ParsedDate(date_parser.parse(f"{day} {month} 20{year}", default=_DEFAULT, ignoretz=True).date(), short.end())
        except (ValueError, OverflowError):
            return None
    words = list(re.finditer(r"\S+", text))[:6]
    for count in range(len(words), 0, -1):
        candidate = text[: words[count - 1].end()].rstrip(".,;:)")
        if not _YEAR.search(candidate) and not _NUMERIC.search(candidate):
            continue
        try:
            from dateutil import parser as date_parser  # imported on first use: 5 ms of start-up

            parsed = date_parser.parse(candidate, dayfirst=dayfirst, default=_DEFAULT, ignoretz=True)  # "06:32 BST": the date is wanted, not its zone
        except (ValueError, OverflowError):
            continue
        numeric = _NUMERIC.search(candidate)
        ambiguous = bool(numeric) and numeric.group(1) != numeric.group(2) and int(numeric.group(1)) <= 12 and int(numeric.group(2)) <= 12
        return ParsedDate(parsed.date(), len(candidate), ambiguous)
    return None


def add_months(date: datetime.date, months: int) -> datetime.date:
    """The date `months` later (the last day of a shorter month; date.max past year 9999)."""
    month = date.month - 1 + months
    year = date.year + month // 12
    if year > datetime.MAXYEAR:
        return datetime.date.max
    month = month % 12 + 1
    for day in (date.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(date)


def describe_interval(days: int) -> str:
    """'3 days', '5 weeks', '8 months', '2 years and 1 month' (rounded, for messages)."""
    days = abs(days)
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 61:
        weeks = round(days / 7)
        return f"{weeks} weeks"
    months = round(days / 30.44)
    years, months = divmod(months, 12)
    if not years:
        return f"{months} months"
    text = f"{years} year{'s' if years != 1 else ''}"
    return text + (f" and {months} month{'s' if months != 1 else ''}" if months else "")
