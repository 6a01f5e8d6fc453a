"""Recognising phone and text numbers as people write them, and comparing them.

    988, 9-8-8, 1-800-273-8255, (800) 273-8255, 1-800-273-TALK, 116 123, +44 116 123, 13 11 14

A candidate is a run of digits with single separators (space, no-break space, dash, dot) between
groups, with an optional +country code, a bracketed area code and vanity letters at the end. Its
canonical form is digits only, with keypad digits for letters, the country code and national
trunk prefixes dropped, so that "+44 116 123" equals "116 123" and "1-800-273-TALK" equals
"(800) 273-8255". Whether a candidate is a crisis contact at all is decided by its context, not
here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.phrases import longest_first

_CANDIDATE = re.compile(
    r"""
    (?<![\w/#@%$£€.,+-])                  # not inside a word, URL, amount or version
    (?P<intl>\+\d{1,3}[ \u00a0.-]?)?         # +44
    (?:\(\d{1,4}\)[ \u00a0.-]?)?              # (800)
    \d(?:\d|(?:[ \u00a0.-]|[ \u00a0][-–][ \u00a0](?=\d{3}))(?=\d))*   # digits, single separators between them ("1800 - 221 4444" too)
    (?:-[A-Z]{3,7}(?![A-Za-z]))?             # vanity letters: 1-800-273-TALK
    (?![\w%]|[.,]\d)                         # not followed by more word, a percent or a decimal
    """,
    re.VERBOSE,
)

_KEYPAD = {c: str(d) for d, letters in {2: "ABC", 3: "DEF", 4: "GHI", 5: "JKL", 6: "MNO", 7: "PQRS", 8: "TUV", 9: "WXYZ"}.items() for c in letters}


@dataclass(frozen=True)
class NumberMention:
    start: int  # offsets in the text searched
    end: int
    raw: str
    digits: str  # digits only, letters as keypad digits, nothing dropped
    international: bool  # written with a leading +country code

    def canonical(self, country_codes=()) -> str:
        return canonical(self.raw, country_codes)


def keypad_digits(text: str) -> str:
    return "".join(ch if ch.isdigit() else _KEYPAD.get(ch.upper(), "") for ch in text if ch.isalnum())


def canonical(number: str, country_codes=()) -> str:
    """Digits of a number in a comparable national form (see the module docstring)."""
    number = number.strip()
    international = number.startswith("+")
    digits = keypad_digits(number)
    if international:
        for code in longest_first(country_codes):
            if digits.startswith(code) and len(digits) > len(code) + 2:
                digits = digits[len(code) :]
                break
    if len(digits) == 11 and digits.startswith("1"):  # North American 1-800-...
        digits = digits[1:]
    elif len(digits) >= 8 and digits.startswith("0") and not digits.startswith("00"):  # trunk prefix: 0800 ...
        digits = digits[1:]
    return digits


def find_numbers(text: str) -> list[NumberMention]:
    mentions = []
    for match in _CANDIDATE.finditer(text):
        raw = match.group().rstrip(" \u00a0.-")
        digits = keypad_digits(raw)
        if len(digits) < 3:
            continue
        mentions.append(NumberMention(match.start(), match.start() + len(raw), raw, digits, bool(match.group("intl"))))
    return mentions


def edit_distance_one(a: str, b: str) -> bool:
    """True when a and b differ by exactly one substitution, insertion, deletion or adjacent swap."""
    if a == b:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
