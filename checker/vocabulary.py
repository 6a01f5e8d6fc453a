"""What a figure's sentence says of it: the population it counts, the measures it speaks of, and
its frame (period, place, age band, year, other words), from the vocabularies of the claims
registry (rules/data/claims.yaml). checker.statistics finds the figures; this describes them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from checker import regexcache
from checker.phrases import NamedPhrases, longest_first, word_list_regex, words_in
from checker.statistics import Figure

_YEAR = re.compile(r"\b(?:in|during|for|of|since|from|against|than|to|compared\s+(?:with|to))\s+(?:the\s+)?((?:19|20)\d\d)\b")
_WORDS = re.compile(r"[a-z][a-z'’-]+")  # a sentence's other words, for telling restatements apart


def _with_any(lists: dict, flags) -> dict:
    regexes = {k: word_list_regex(v, flags) for k, v in lists.items()}
    if lists:
        regexes[_ANY] = word_list_regex(tuple(p for v in lists.values() for p in v), flags)
    return regexes


def _first_key(regexes: dict, sentence: str) -> str | None:
    """The first key (in the data's order) whose phrases the sentence has; one combined search
    rules out most sentences first."""
    combined = regexes.get(_ANY)
    if combined is not None and not combined.search(sentence):
        return None
    return next((name for name, regex in regexes.items() if name != _ANY and regex.search(sentence)), None)


_ANY = "\0any"  # the key of a frame list's combined regex


@dataclass(frozen=True)
class _SentenceFacts:
    populations: list  # (offset, registry order, name) of each population named, sorted
    measures: frozenset
    year: str | None
    years: frozenset
    period: str | None
    place: str | None
    band: str | None
    words: frozenset


def _nearest_outside(found: list, start: int, end: int) -> str | None:
    """The population named nearest to a figure, outside the figure itself; of two as near, the
    one listed first in the registry. `found` holds (offset, registry order, name), sorted."""
    at = bisect.bisect_left(found, (start,))
    before = next((found[j][0] for j in range(at - 1, -1, -1) if not start <= found[j][0] < end), None)
    after = next((found[j][0] for j in range(at, len(found)) if not start <= found[j][0] < end), None)
    nearest = [offset for offset in (before, after) if offset is not None]
    if not nearest:
        return None
    distance = min(abs(offset - start) for offset in nearest)
    tied = [item for offset in nearest if abs(offset - start) == distance
            for item in found[bisect.bisect_left(found, (offset,)) : bisect.bisect_left(found, (offset + 1,))]]
    return min(tied, key=lambda item: (item[1], item[0]))[2]


def _not_telling(data: dict) -> frozenset:
    """Words that do not tell two statements apart: the common words, and the words of the
    measures, populations, places and periods, which the figure's own fields already compare
    ("75% of people who die by suicide are male" and "46% of people who die by suicide had a
    diagnosis" share only these)."""
    lists = [data.get("common_words") or ()]
    lists += [phrases for key in ("measures", "populations") for phrases in (data.get(key) or {}).values()]
    lists += [phrases for key in ("places", "periods") for phrases in ((data.get("frames") or {}).get(key) or {}).values()]
    return frozenset(w for phrases in lists for phrase in phrases for w in _WORDS.findall(phrase.casefold()))


@dataclass
class Vocabulary:
    """Measures and populations from the claims registry, compiled."""

    measures: dict[str, re.Pattern] = field(default_factory=dict)
    populations: dict[str, re.Pattern] = field(default_factory=dict)
    periods: dict[str, re.Pattern] = field(default_factory=dict)
    places: dict[str, re.Pattern] = field(default_factory=dict)
    bands: tuple = ()
    money_before: re.Pattern | None = None
    money_after: re.Pattern | None = None
    common_words: frozenset = frozenset()  # with the measure, population, place and period words: see _not_telling
    # Which measures and populations a sentence's words allow: the others are not searched for.
    measure_words: NamedPhrases | None = None
    population_words: NamedPhrases | None = None
    _last: tuple | None = field(default=None, repr=False, compare=False)  # the last sentence read, and its facts

    @classmethod
    def from_registry(cls, data: dict) -> Vocabulary:
        frames = data.get("frames") or {}
        money = data.get("money") or {}
        before = "|".join(re.escape(m) for m in longest_first(money.get("before", [])))
        after = "|".join(re.escape(m) for m in longest_first(money.get("after", [])))
        return cls(
            {k: word_list_regex(tuple(v)) for k, v in (data.get("measures") or {}).items()},
            {k: word_list_regex(tuple(v)) for k, v in (data.get("populations") or {}).items()},
            _with_any({k: tuple(v) for k, v in (frames.get("periods") or {}).items()}, re.IGNORECASE),
            # Place names as written (US, not "us").
            _with_any({k: tuple(v) for k, v in (frames.get("places") or {}).items()}, 0),
            tuple(regexcache.compile(b, re.IGNORECASE) for b in frames.get("bands") or ()),
            regexcache.compile(rf"(?:^|[\s(\-–/])(?:{before})\s?$") if before else None,  # "$700-$1,000" too
            regexcache.compile(rf"^\s*(?:{after})\b", re.IGNORECASE) if after else None,
            _not_telling(data),
            NamedPhrases(data.get("measures") or {}),
            NamedPhrases(data.get("populations") or {}),
        )

    def is_money(self, figure: Figure, sentence: str) -> bool:
        """"$1 million", "£12,000", "51 billion dollars": an amount of money, not a statistic."""
        before, after = sentence[max(0, figure.start - 4) : figure.start], sentence[figure.end : figure.end + 12]
        return bool(self.money_before and self.money_before.search(before)) or bool(self.money_after and self.money_after.match(after))

    def describe(self, figure: Figure, sentence: str, context: str = "") -> None:
        """Fill in the figure's population, measures and year from its sentence (and context)."""
        facts = self._sentence_facts(sentence, context)
        after = sentence[figure.end : figure.end + 60]
        near = re.match(r"\s*(?:(?:of|among|in|for)\s+)?(?:all\s+|the\s+|those\s+)?(.{1,50})", after, re.IGNORECASE)
        population = None
        if near:
            population = self._population_at_start(near.group(1))
        if population is None and figure.unit != "percent":
            population = _nearest_outside(facts.populations, figure.start, figure.end)
        figure.population = population
        figure.measures = facts.measures
        figure.year = facts.year
        figure.years = facts.years
        figure.period = facts.period
        figure.place = facts.place
        figure.band = facts.band
        figure.words = facts.words

    def _sentence_facts(self, sentence: str, context: str) -> _SentenceFacts:
        """What a sentence says of every figure in it, read once for all of them (a sentence with a
        thousand figures must not be read a thousand times)."""
        if self._last is not None and self._last[0] == (sentence, context):
            return self._last[1]
        words = words_in(sentence)
        named, measured = self.population_words.allowed(words), self.measure_words.allowed(words)
        populations = sorted((m.start(), rank, name) for rank, (name, regex) in enumerate(self.populations.items())
                             if name in named for m in regex.finditer(sentence))
        measures = {name for name, regex in self.measures.items() if name in measured and regex.search(sentence)}
        if not measures and context:
            measured = self.measure_words.allowed(words_in(context))
            measures = {name for name, regex in self.measures.items() if name in measured and regex.search(context)}
        years = _YEAR.findall(sentence)
        band = next((m for regex in self.bands for m in [regex.search(sentence)] if m), None)
        facts = _SentenceFacts(
            populations,
            frozenset(measures),
            years[0] if len(set(years)) == 1 else None,
            frozenset(years),
            _first_key(self.periods, sentence),
            _first_key(self.places, sentence),
            " ".join(band.group().casefold().split()) if band else None,
            frozenset(w for w in _WORDS.findall(sentence.casefold()) if w not in self.common_words),
        )
        self._last = ((sentence, context), facts)
        return facts

    def _population_at_start(self, text: str) -> str | None:
        best = None
        for name, regex in self.populations.items():
            m = regex.match(text)
            if m and (best is None or m.end() > best[1]):
                best = (name, m.end())
        if best:
            return best[0]
        for name, regex in self.populations.items():  # "17.2% of US adolescents", "of young adults aged"
            m = regex.search(text[:30])
            if m and m.start() <= 12:
                return name
        return None
