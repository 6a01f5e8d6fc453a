"""Numeric claims in prose: what figure, about what and whom, how qualified, and is it cited.

Figures: percentages ("17.2%", "about 5.5 percent", "10-20%"), proportions ("1 in 5", "one in
four", "half of"), counts ("727,000 deaths", "49.5 million adults", "six Australians take their own
lives"), rates ("14.2 per 100,000"), ranks ("third leading cause", "the biggest killer"),
multiples ("twice as likely"), ratios ("for every suicide, about 20 attempts"), intervals ("one
death every 40 seconds") and effect sizes ("g = −0.44"), with the qualifier in front of them
(about, nearly, more than ...). checker.vocabulary gives each figure the population right after
it ("of adolescents") or in its sentence, and the measures its sentence speaks of ("self-harm",
"suicide deaths"), from the vocabularies of the claims registry. Two figures are the same claim
when their unit, population, measure and year agree; their values agree when the intervals
their wording allows overlap ("about 17%" and "17.2%" do; "more than one in five" and 23.1% do).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from checker import regexcache
from checker.phrases import longest_first, match_key

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "hundred": 100, "one hundred": 100, "a thousand": 1000, "thousand": 1000,
}
_FRACTIONS = {
    "half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "one-third": 100 / 3,
    "two thirds": 200 / 3, "two-thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0,
    "three-quarters": 75.0, "a fifth": 20.0, "one fifth": 20.0, "one-fifth": 20.0, "one-quarter": 25.0, "one-half": 50.0,
    "two fifths": 40.0, "two-fifths": 40.0, "three fifths": 60.0, "three-fifths": 60.0,
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_WORD_NUM = "|".join(longest_first(map(re.escape, _WORD_NUMBERS)))
# The teens only in intervals ("every eleven minutes"): in every pattern they would slow them all.
_TEENS = {"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_INTERVAL_NUM = "|".join(longest_first(map(re.escape, {**_WORD_NUMBERS, **_TEENS})))
_MINUS = "[-−–]"
_GROUP = r"(?:people|persons|men|women|adults|children|teenagers|young\s+people|boys|girls|males|females|students|veterans|farmers|[A-Z][a-z]+ns)"

PATTERNS = [
    ("effect_size", regexcache.compile(rf"\b(?P<symbol>[dg])\s*=\s*(?P<value>{_MINUS}?\d*\.\d+)")),
    ("rate_per_100k", regexcache.compile(rf"(?P<value>{_NUM})\s+(?:deaths\s+|suicides\s+|people\s+)?per\s+(?P<base>100,000|100 000|100000|10,000|1,000|1000)\b")),
    ("percent_range", regexcache.compile(rf"(?:between\s+)?(?P<low>{_NUM})\s*(?:%|percent|per\s+cent)?\s*(?:-|–|to|and)\s*(?P<high>{_NUM})\s*(?:%|percent\b|per\s+cent\b)")),
    ("percent", regexcache.compile(rf"(?P<sign>{_MINUS})?(?P<value>{_NUM})\s*(?:%|percent\b|per\s+cent\b)")),
    ("proportion", regexcache.compile(rf"\b(?P<a>\d+|{_WORD_NUM})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<b>[\d,]+|{_WORD_NUM})\b", re.IGNORECASE)),
    ("fraction", regexcache.compile(r"\b(?P<fraction>" + "|".join(longest_first(map(re.escape, _FRACTIONS))) + r")\s+of\b", re.IGNORECASE)),
    # "2/3 of adults", a callout's "• 1/3" (not "24/7", "9/11", a date, or "4/5 stars")
    ("slash", regexcache.compile(r"(?<![\d/.,])(?P<a>[1-9])/(?P<b>[2-9]|10)(?![\d/])(?=\s+of\b|\s*$)")),
    ("rank", regexcache.compile(r"\b(?P<ordinal>" + "|".join(_ORDINALS) + r"|\d+(?:st|nd|rd|th))[\s-]+(?:(?:most\s+common\s+|leading\s+)cause|(?:highest|lowest|worst)\b)", re.IGNORECASE)),
    # "The rate per 100,000 people rose to 12.3": the base of a rate is not a count.
    ("count", regexcache.compile(rf"(?<!\bper )(?<![\d,.])(?P<sign>{_MINUS})?(?P<value>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?\s*(?P<scale>(?i:thousand|million|billion))\b)(?!\s*(?:%|percent|per\s+cent))")),
    # "six million", "four million Americans": a number word and a scale word
    ("scaled", regexcache.compile(rf"\b(?P<value>(?i:{_WORD_NUM})\s+(?P<scale>(?i:thousand|million|billion)))\b(?!\s*(?:%|percent|per\s+cent))")),
    # "the leading cause of death", "the biggest killer of young men": first, without an ordinal.
    # ... and "the highest youth suicide rate in the OECD", "the worst rates in the developed world".
    ("leading", regexcache.compile(r"\bthe\s+(?:single\s+)?(?:leading|biggest|largest)\s+(?:cause\s+of\s+death|killer)\b"
                                   r"|\bthe\s+(?:highest|lowest|worst)\s+(?:[\w-]+\s+){0,3}?rates?\s+(?:of\s+[\w-]+\s+)?(?:in|among)\s+(?:the\s+)?"
                                   r"(?:world|OECD|EU|European\s+Union|Europe|developed\s+world|western\s+world|country|nation)\b", re.IGNORECASE)),
    # "two times more likely", "twice as likely", "12 times higher"
    ("times", regexcache.compile(rf"\b(?P<value>\d+(?:\.\d+)?|{_WORD_NUM}|twice|double|triple)(?:\s*(?:x|times))?\s+(?:more|less|as|higher|greater|lower)\b(?:\s+likely)?", re.IGNORECASE)),
    # "8.6 Australians die every day", "six people take their own lives", "two people complete suicide"
    # (a list of groups too: "303 men, women and children took their lives")
    ("people", regexcache.compile(rf"\b(?P<value>\d+(?:\.\d+)?|{_WORD_NUM})\s+(?:\w+\s+)?{_GROUP}(?:,?\s+(?:and\s+|or\s+)?{_GROUP}){{0,2}}\s+(?:(?:in\s+\w+\s+)?(?:each|every|a)\s+\w+\s+)?(?:die|died|dies|take\s+their\s+own|took\s+their\s+own|take\s+their\s+lives|took\s+their\s+lives|kill\s+themselves|killed\s+themselves|complete\s+suicide|end\s+their\s+lives|attempt\s+suicide)\b")),
    # "one death every 40 seconds"
    ("interval", regexcache.compile(rf"\b(?:one|a|1)\s+(?:death|suicide|person|life)\s+(?:by\s+suicide\s+)?every\s+(?P<value>\d+(?:\.\d+)?|{_WORD_NUM})\s+(?P<per>second|minute|hour|day)s?\b", re.IGNORECASE)),
    # "every 40 seconds someone loses their life", "one every forty seconds" (not "take one every day")
    # (with the place between: "every eleven minutes in the United States someone ...")
    ("interval", regexcache.compile(rf"\bevery\s+(?P<value>\d+(?:\.\d+)?|{_INTERVAL_NUM})\s+(?P<per>second|minute|hour)s?,?\s+(?:(?:in|across)\s+(?:the\s+)?(?-i:[A-Z][\w.]*)(?:\s+(?-i:[A-Z][\w.]*)){{0,3}},?\s+)?(?:someone|somebody|a\s+person|one\s+person)\b"
                            rf"|\bone\s+every\s+(?P<value2>\d+(?:\.\d+)?|{_WORD_NUM})\s+(?P<per2>second|minute|hour)s?\b", re.IGNORECASE)),
    # "23 suicides a day", "132 suicides per day", "six suicide attempts every week"
    ("events", regexcache.compile(rf"\b(?P<value>\d+(?:\.\d+)?|{_WORD_NUM})\s+(?:[a-z-]+\s+)?(?:suicides|suicide\s+deaths|deaths\s+by\s+suicide|suicide\s+attempts)\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b", re.IGNORECASE)),
    # "twice that of", "three times the national rate"
    ("times", regexcache.compile(rf"\b(?P<value>\d+(?:\.\d+)?|{_WORD_NUM}|twice|double|triple)(?:\s*(?:x|times))?\s+(?:that|those|the\s+(?:[\w-]+\s+)?(?:rate|number|risk|average))\s+(?:of|among|in|for)\b", re.IGNORECASE)),
    # "for every suicide, about 20 attempts"; "for every death by suicide there are 20 attempts"
    ("for_every", regexcache.compile(rf"\bfor\s+every\s+(?:one\s+|1\s+)?(?:[\w-]+\s+){{0,3}}?(?:suicide|death|person)\w*,?\s+(?:there\s+(?:are|were|is)\s+)?(?:(?:about|around|an\s+estimated|approximately|more\s+than|nearly|up\s+to)\s+)?(?P<value>\d+|{_WORD_NUM})\b", re.IGNORECASE)),
]
_TIMES = {"twice": 2.0, "double": 2.0, "triple": 3.0}
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
QUALIFIERS = {
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "an estimated": "about",
    "estimated": "about", "some": "about", "close to": "about", "almost": "nearly", "nearly": "nearly",
    "just under": "nearly", "more than": "more than", "over": "more than", "just over": "more than", "above": "more than",
    "upwards of": "more than", "less than": "less than", "fewer than": "less than", "under": "less than", "below": "less than",
    "at least": "at least", "up to": "up to", "as many as": "up to",
}
_QUALIFIER = regexcache.compile(r"(?:^|\W)(" + "|".join(longest_first(map(re.escape, QUALIFIERS))) + r")\s+$", re.IGNORECASE)
_YEARLIKE = regexcache.compile(r"(?:19|20)\d\d")


SHARED_WORDS = 0.5  # the share of the shorter sentence's other words two restatements have in common


@dataclass
class Figure:
    start: int  # offsets in the block's text
    end: int
    raw: str
    unit: str  # percent, count, rate_per_100k, rank, effect_size, times, ratio, interval_seconds
    value: float
    low: float
    high: float
    qualifier: str = ""
    population: str | None = None
    measures: frozenset = frozenset()
    year: str | None = None  # the year its sentence names, when it names one
    years: frozenset = frozenset()  # every year its sentence names ("57 in 2013, 23% against 2012")
    impossible: str = ""  # why the value cannot be true
    # Its frame (rules/data/claims.yaml `frames`): the period, place and age band its sentence
    # speaks of, and the sentence's other words, to tell a restatement from another claim.
    period: str | None = None
    place: str | None = None
    band: str | None = None
    words: frozenset = frozenset()

    def same_claim(self, other: Figure, loose_population: bool = False) -> bool:
        """Same unit, measure and year (where both say), and the same population; with
        loose_population, a figure that names no population may be the same as one that does."""
        population_ok = self.population == other.population or (loose_population and (self.population is None or other.population is None))
        return (
            self.unit == other.unit
            and population_ok
            and bool(self.measures & other.measures)
            and (self.year is None or other.year is None or self.year == other.year)
        )

    def same_frame(self, other: Figure) -> bool:
        """No different period, place, age band or year, and mostly the same other words: a restatement,
        not another claim that happens to share a measure (75% of deaths are men / 46% of them
        had a diagnosis)."""
        for mine, theirs in ((self.period, other.period), (self.place, other.place), (self.band, other.band), (self.year, other.year)):
            if mine and theirs and mine != theirs:  # a restatement may leave a frame out, not change it
                return False
        if self.years and other.years and not self.years & other.years:  # "a 23% drop against 2012" / "a 40% drop against 2011"
            return False
        smaller = min(len(self.words), len(other.words))
        return smaller == 0 or len(self.words & other.words) / smaller >= SHARED_WORDS

    def agrees(self, other: Figure) -> bool:
        return self.low <= other.high and other.low <= self.high


def _number(text: str) -> float:
    text = text.replace(",", "").replace("−", "-").replace("–", "-").strip()
    return float(text)


def _precision(raw: str) -> float:
    """Half a unit of the last written digit: '17' -> 0.5, '17.2' -> 0.05, '727,000' -> 500."""
    digits = re.sub(r"[^\d.]", "", raw.split("-")[0] if "-" in raw[1:] else raw)
    if "." in digits:
        return 0.5 * 10 ** -len(digits.split(".")[1])
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped) if stripped else 0
    return 0.5 * 10**zeros if zeros else 0.5


def _interval(value: float, raw: str, qualifier: str, unit: str) -> tuple[float, float]:
    number = re.search(r"\d[\d,]*(?:\.\d+)?", raw)
    half = _precision(number.group()) if unit not in ("rank",) and number else 0.0
    scale_word = re.search(r"million|billion|thousand", raw.casefold()) if unit == "count" else None
    if scale_word:
        scale = _SCALE[scale_word.group()]
        digits = number.group() if number else ""  # "six million": as if written "6 million"
        half = (0.5 * 10 ** -len(digits.split(".")[1]) if "." in digits else 0.5) * scale
    if unit == "percent" and raw.startswith(("1 in", "one in")):
        half = 0.5
    low, high = value - half, value + half
    if qualifier == "about":
        spread = max(half, abs(value) * 0.05)
        low, high = value - spread, value + spread
    elif qualifier == "nearly":
        low, high = value * 0.9 if value > 0 else value, value
    elif qualifier == "more than":
        low, high = value, math.inf
    elif qualifier == "at least":
        low, high = value - half, math.inf
    elif qualifier == "less than":
        low, high = -math.inf, value
    elif qualifier == "up to":
        low, high = min(0, value), value + half
    return low, high


# A fraction in words names the nearest simple fraction: "half" is anything nearer a half than two
# fifths or three fifths (45-55%), "two thirds" anything from 63% to 71%.
_SIMPLE_FRACTIONS = (0.0, 10.0, 20.0, 25.0, 100 / 3, 40.0, 50.0, 60.0, 200 / 3, 75.0, 80.0, 90.0, 100.0)


def _fraction_interval(value: float, qualifier: str) -> tuple[float, float]:
    at = min(range(len(_SIMPLE_FRACTIONS)), key=lambda k: abs(_SIMPLE_FRACTIONS[k] - value))
    low = (_SIMPLE_FRACTIONS[at - 1] + value) / 2 if at else value
    high = (_SIMPLE_FRACTIONS[at + 1] + value) / 2 if at + 1 < len(_SIMPLE_FRACTIONS) else value
    if qualifier == "nearly":
        high = value
    elif qualifier in ("more than", "at least"):
        low, high = value, math.inf
    elif qualifier in ("less than", "up to"):
        low, high = -math.inf if qualifier == "less than" else 0.0, value
    return low, high


def _word_number(text: str) -> float:
    text = match_key(text).replace(",", "")
    return float(_WORD_NUMBERS.get(text) or _TEENS.get(text) or float(text))


# Every word a figure written without digits can contain ("two thirds", "tenth leading cause").
_FIGURE_WORDS = frozenset(w for phrase in (*_WORD_NUMBERS, *_TEENS, *_FRACTIONS, *_ORDINALS) for w in re.findall(r"[a-z]+", phrase)) - {"a"}
_FIGURE_WORDS |= {"leading", "biggest", "largest", "highest", "lowest", "worst", *_TIMES}  # "the leading cause of death", "twice as likely"
# Searched in case-folded text: several times faster than an IGNORECASE search of the original.
_FIGURE_WORD = regexcache.compile(r"\b(?:" + "|".join(longest_first(_FIGURE_WORDS)) + r")\b")
_DIGIT = regexcache.compile(r"\d")
# The patterns that cannot match without a digit, and the one that cannot match without a word.
_DIGITS_ONLY = frozenset({"effect_size", "rate_per_100k", "percent_range", "percent", "count", "slash"})
_WORDS_ONLY = frozenset({"fraction", "leading"})
# What the case-folded sentence must contain for each pattern to match: one of these strings (a
# test per pattern costs a tenth of running it; tests/test_stats.py checks that no figure is lost).
_REQUIRES = {
    "effect_size": ("=",),
    "rate_per_100k": ("per",),
    "percent_range": ("%", "per"),
    "percent": ("%", "per"),
    "proportion": ("in", "out"),
    "fraction": tuple(_FRACTIONS),
    "slash": ("/",),
    "rank": ("cause", "highest", "lowest", "worst"),
    "count": (",", "thousand", "million", "billion"),
    "scaled": ("thousand", "million", "billion"),
    "leading": ("leading", "biggest", "largest", "highest", "lowest", "worst"),
    "times": ("times", "twice", "double", "triple", "x more", "x as", "x the", "x that"),
    "people": ("die", "their own", "their lives", "themselves", "complete suicide", "end their", "attempt suicide"),
    "interval": ("every",),
    "events": ("suicide",),
    "for_every": ("every",),
}


def _units_by_string(requires: dict) -> dict[str, frozenset]:
    """Each required string, with the patterns it lets run: one test per string, not per pattern."""
    by_string: dict[str, frozenset] = {}
    for unit, strings in requires.items():
        for string in strings:
            by_string[string] = by_string.get(string, frozenset()) | {unit}
    return by_string


_UNITS_NEEDING = _units_by_string(_REQUIRES)


def block_has_digits(block) -> bool:
    return _DIGIT.search(block.text) is not None


def block_has_figure_words(block) -> bool:
    return not block.words.isdisjoint(_FIGURE_WORDS)


def find_figures(text: str, digits: bool | None = None, words: bool | None = None) -> list[Figure]:
    """Every figure in a sentence, left to right, without overlaps (earlier patterns win).
    `digits` and `words` say whether the sentence has a digit and a number word, when the caller
    knows it (False: certainly not); patterns that need what is missing are not run."""
    digits = _DIGIT.search(text) is not None if digits is None else digits
    folded = match_key(text)  # as loose as the patterns' IGNORECASE
    words = _FIGURE_WORD.search(folded) is not None if words is None else words
    if not (digits or words):
        return []  # most sentences have no number at all
    runnable = set()
    for required, units in _UNITS_NEEDING.items():
        if required in folded:
            runnable |= units
    if not digits:
        runnable -= _DIGITS_ONLY
    if not words:
        runnable -= _WORDS_ONLY
    # The spans taken so far: disjoint, kept sorted, so an overlap is found by bisection (a
    # sentence of thousands of figures must not compare each with all the others).
    starts: list[int] = []
    ends: list[int] = []
    figures = []
    places: dict[str, list[int]] = {}  # where the matches of a group of patterns can start
    for unit, pattern in PATTERNS:
        if unit not in runnable:
            continue
        group = _STARTS_OF.get(unit)
        if group is not None and group not in places:
            places[group] = _starts(group, text, folded)
        for m in (pattern.finditer(text) if group is None else matches_from(pattern, text, places[group])):
            at = bisect.bisect_left(starts, m.end())  # spans before `at` start before this one ends
            if at and ends[at - 1] > m.start():
                continue
            figure = _figure(unit, m, text)
            if figure is None:
                continue
            starts.insert(at, m.start())
            ends.insert(at, m.end())
            figures.append(figure)
    figures.sort(key=lambda f: f.start)
    return figures


# Where the matches of most patterns can start: at a digit or a number word after a word
# boundary, or at a sign or a digit. One scan of the sentence finds those places for every
# pattern of its group, which is then tried only there (a pattern scanned from every character
# costs about as much as the scan).
_NUMBER_WORDS = rf"{_WORD_NUM}|{'|'.join(_TIMES)}"
_STARTS = {
    "number": regexcache.compile(rf"\b(?=\d|(?i:{_NUMBER_WORDS}))"),
    "digit": regexcache.compile(rf"{_MINUS}|\d"),
}
_STARTS_OF = {"proportion": "number", "times": "number", "people": "number", "events": "number", "scaled": "number",
              "count": "digit", "percent": "digit"}
# The number words are found twice as fast in the folded sentence, without IGNORECASE. That finds
# every place the scan of the sentence finds (the patterns then decide) when folding keeps each
# character one character and U+0345 is not there (no word character, folded to one: it would
# hide the start of the word after it).
_FOLDED_NUMBER_STARTS = regexcache.compile(rf"\b(?=\d|{_NUMBER_WORDS})")


def _starts(group: str, text: str, folded: str) -> list[int]:
    """Where the matches of the group's patterns can start in `text` (`folded`: its match_key)."""
    if group == "number" and len(folded) == len(text) and "\u0345" not in text:
        return [m.start() for m in _FOLDED_NUMBER_STARTS.finditer(folded)]
    return [m.start() for m in _STARTS[group].finditer(text)]


def matches_from(pattern: re.Pattern, text: str, places: list[int]):
    """pattern.finditer(text), for a pattern whose matches can only start at `places` (sorted):
    the first match at or after the end of the last one, as finditer scans."""
    scanned_to = 0
    for at in places:
        if at < scanned_to:
            continue
        m = pattern.match(text, at)
        if m:
            yield m
            scanned_to = max(m.end(), at + 1)


def _figure(unit: str, m: re.Match, text: str) -> Figure | None:
    raw = m.group()
    qualifier_match = _QUALIFIER.search(text[max(0, m.start() - 20) : m.start()])
    qualifier = QUALIFIERS[" ".join(match_key(qualifier_match.group(1)).split())] if qualifier_match else ""
    impossible = ""
    if unit == "effect_size":
        value = _number(m.group("value"))
        figure_unit = "effect_size"
    elif unit == "rate_per_100k":
        value = _number(m.group("value")) * 100000 / _number(m.group("base").replace(" ", ""))
        figure_unit = "rate_per_100k"
    elif unit == "percent_range":
        low, high = _number(m.group("low")), _number(m.group("high"))
        if high < low:
            return None
        figure = Figure(m.start(), m.end(), raw, "percent", (low + high) / 2, low, high, qualifier)
        if high > 100 and text[m.end() : m.end() + 4].strip().startswith("of"):
            figure.impossible = f"{raw} of a group is more than all of it"
        return figure
    elif unit == "percent":
        value = _number(m.group("value"))
        if m.group("sign"):
            value = -value
        figure_unit = "percent"
        if value > 100 and re.match(r"\s+of\b", text[m.end() :]):
            impossible = f"{raw} of a group is more than all of it"
    elif unit == "proportion":
        a, b = _word_number(m.group("a")), _word_number(m.group("b"))
        if b == 0 or b < 2 or any(_YEARLIKE.fullmatch(m.group(k)) for k in ("a", "b")):
            return None  # "1 in 1"; "aged 15 to 29 in 2021" is a year, not a proportion
        value = 100 * a / b
        figure_unit = "percent"
        if a > b:
            impossible = f"{raw} is more than all of the group"
    elif unit == "slash":
        a, b = int(m.group("a")), int(m.group("b"))
        if a >= b:
            return None
        value, figure_unit = 100 * a / b, "percent"
    elif unit == "fraction":
        value = _FRACTIONS[match_key(m.group("fraction"))]
        figure_unit = "percent"
        raw = m.group("fraction")
    elif unit == "rank":
        ordinal = match_key(m.group("ordinal"))
        value = float(_ORDINALS.get(ordinal) or int(re.match(r"\d+", ordinal).group()))
        figure_unit = "rank"
        raw = m.group("ordinal")
    elif unit == "leading":
        value, figure_unit = 1.0, "rank"
    elif unit == "events":
        value, figure_unit, raw = _word_number(m.group("value")), "count", m.group("value")
    elif unit in ("times", "people", "for_every"):
        word = match_key(m.group("value"))
        value = _TIMES.get(word) or _word_number(word)
        figure_unit = {"times": "times", "people": "count", "for_every": "ratio"}[unit]
        if unit == "people":
            raw = m.group("value")
    elif unit == "interval":
        number, per = (m.group("value"), m.group("per")) if m.group("value") else (m.group("value2"), m.group("per2"))
        value = _word_number(number) * _SECONDS[match_key(per)]
        figure_unit = "interval_seconds"
    elif unit == "scaled":
        scale = m.group("scale")
        value, figure_unit = _word_number(" ".join(m.group("value")[: -len(scale)].split())) * _SCALE[match_key(scale)], "count"
    else:  # count
        number = m.group("value")
        scale = m.group("scale")
        value = _number(re.match(r"[\d,.]+", number).group()) * (_SCALE[match_key(scale)] if scale else 1)
        if m.group("sign"):
            impossible = f"a count cannot be negative ({raw})"
            value = -value
        figure_unit = "count"
    end = m.start() + len(raw)
    low, high = _interval(value, raw if unit != "proportion" else "1 in", qualifier, figure_unit)
    if unit in ("fraction", "slash"):
        low, high = _fraction_interval(value, qualifier)
    return Figure(m.start(), end, raw, figure_unit, value, low, high, qualifier, impossible=impossible)
