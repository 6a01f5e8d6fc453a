"""The readers' region of a document: declared, inferred from the page, or the default.

A page that says nothing about its readers is still written for some country: a UK council's
self-harm page lists Samaritans 116 123 and NHS 111, an Australian one Lifeline 13 11 14 and
Medicare. Judging such a page for the default region (en-US) calls every line it gives wrong and
suggests 988. So the region is, in order:

- declared: front matter (`region`, `country`, `locale`, or a `lang` with a country part: en-GB),
  the HTML `lang` with a country part, or the configured `locale` (config file or a per-path
  override);
- inferred: from the page's own evidence, each piece scored for the regions it belongs to: the
  crisis and emergency numbers it offers (in sentences and sections that name no country), the
  national services and institutions it names (each region's `markers` in the resources file: NHS,
  A&E, HSE, Medicare ...), and the country domain of its canonical or source URL;
- the default (en-US) when nothing declares or points to a region.

Evidence shared by several regions is split between them (116 123 is Samaritans in the UK and in
Ireland); a tie goes to the region listed first in the resources file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from checker import regexcache
from checker.document import HEADING, PROSE_KINDS
from checker.phrases import first_word, longest_first, words_in

DEFAULT_LOCALE = "en-US"


@dataclass(frozen=True)
class ReadersRegion:
    code: str
    source: str  # declared | inferred | default
    evidence: tuple[str, ...] = ()  # where it was declared, or what it was inferred from

    def basis(self) -> str:
        """How the region was decided, for a message: "inferred from Samaritans 116 123 and NHS"."""
        if self.source == "declared":
            return f"declared: {self.evidence[0]}" if self.evidence else "declared"
        if self.source == "inferred":
            shown = list(self.evidence[:3])
            return "inferred from " + (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0])
        return "the default region: none declared in the front matter or config, and none inferred from the page"


def declared_region(doc, resources, settings) -> ReadersRegion | None:
    for key in ("region", "country", "locale", "lang", "language"):
        value = doc.metadata.get(key)
        if key in ("lang", "language") and (not isinstance(value, str) or not re.search(r"[-_][A-Za-z]{2}$", value.strip())):
            continue  # lang="en" names a language, not the readers' country
        code = resources.region_for(value)
        if code:
            where = "HTML lang" if key == "lang" and doc.format == "html" else f"front matter {key}"
            return ReadersRegion(code, "declared", (f"{where} {value}",))
    code = resources.region_for(settings.get("locale"))
    if code:
        return ReadersRegion(code, "declared", (f"config locale {settings['locale']}",))
    return None


def readers_region(doc, resources, settings, contact_numbers, scoped_lines=()) -> ReadersRegion:
    """The region to judge the page for. `contact_numbers` are (number as written, canonical form)
    of the numbers the page offers as contacts where no country is named; `scoped_lines` are
    (number as written, regions named) of those offered under a country's name."""
    declared = declared_region(doc, resources, settings)
    if declared:
        return declared
    inferred = infer_region(doc, resources, contact_numbers)
    if inferred:
        return inferred
    countries = {region for _, regions in scoped_lines for region in regions}
    if len(countries) == 1:  # every line the page gives is for one country: its readers are there
        (code,) = countries
        return ReadersRegion(code, "inferred", tuple(f"{raw}, given for {resources.regions[code].name}" for raw, _ in scoped_lines[:3]))
    return ReadersRegion(resources.region_for(DEFAULT_LOCALE) or next(iter(resources.regions)), "default")


def infer_region(doc, resources, contact_numbers) -> ReadersRegion | None:
    weight = resources.inference  # rules/data/crisis-resources.yaml `inference`
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}

    def credit(regions, weight, what):
        regions = [r for r in dict.fromkeys(regions) if r in resources.regions]
        for region in regions:
            scores[region] = scores.get(region, 0.0) + weight / len(regions)
            evidence.setdefault(region, []).append(what)

    seen = set()
    for raw, canonical in contact_numbers:
        if canonical in seen:
            continue
        seen.add(canonical)
        services = [s for s, _ in resources.by_number.get(canonical, [])]
        if services:
            # A number that is a service in one region and the emergency number of another (111:
            # NHS 111 in the UK, emergencies in New Zealand) is shared evidence.
            regions = [s.region for s in services] + list(resources.emergency_by_number.get(canonical, ()))
            credit(regions, weight["number"], f"{services[0].name} {raw}")
        elif canonical in resources.retired_by_number:  # an old number still says whose readers
            retired = resources.retired_by_number[canonical]
            credit(retired.regions, weight["number"], f"{retired.service} {raw}")
        elif canonical in resources.emergency_by_number:
            credit(resources.emergency_by_number[canonical], weight["number"] / 2, f"emergency number {raw}")
    text = unscoped_text(doc, resources)
    markers = resources.markers()
    title = doc.metadata.get("title")
    found = markers_found(tuple(markers), text, doc.words() | (words_in(title) if isinstance(title, str) else frozenset()))
    for marker, regions in markers.items():
        if marker in found:
            credit(regions, weight["marker"], marker)
    page_words = doc.words() if resources.spelling else frozenset()
    for name, (regions, words) in resources.spelling.items():
        # A page spelt the British way ("behaviour", "centre") is not written for US readers, nor
        # one spelt the American way for British ones: weak evidence, counted for a few words. The
        # whole page's words: a section about another country is still spelt the writer's way.
        distinct = [w for w in words if w in page_words][: int(weight.get("spelling_words", 3))]
        if distinct:
            credit(regions, weight.get("spelling", 0.0) * len(distinct), f"{name} spelling ({', '.join(distinct)})")
    host = page_host(doc, resources.url_keys)
    if host:
        for code, region in resources.regions.items():
            if any(host == d or host.endswith("." + d) for d in region.domains):
                credit([code], weight["domain"], f"the page's address ({host})")
    if not scores:
        return None
    order = list(resources.regions)
    best = max(scores, key=lambda r: (scores[r], -order.index(r)))
    default = resources.region_for(DEFAULT_LOCALE)
    # Judging a page for the default region when it offers nothing of that region's and some of
    # another's (999 alone, with "behaviour") would call its lines wrong: a lower bar then.
    wanted = weight.get("minimum_without_default", weight["minimum"]) if not scores.get(default) else weight["minimum"]
    if scores[best] < wanted:
        return None
    return ReadersRegion(best, "inferred", tuple(evidence[best]))


def unscoped_text(doc, resources) -> str:
    """The page's prose outside sections and sentences that name a country ("In Australia, call
    Lifeline ..." speaks to Australian readers, not to the page's own)."""
    parts = []
    headings: list[tuple[int, bool]] = []  # (level, names a region) of the open sections
    for block in doc.blocks:
        if block.kind not in PROSE_KINDS:
            continue
        if block.kind == HEADING:
            headings = [h for h in headings if h[0] < block.level]
            headings.append((block.level, bool(resources.regions_named_in(block.text, block.words))))
            continue
        if any(named for _, named in headings):
            continue
        if not resources.regions_named_in(block.text, block.words):  # most blocks name no country
            parts.append(block.text)
            continue
        parts.extend(s.text for s in block.sentences if not resources.regions_named_in(s.text))
    title = doc.metadata.get("title")
    if isinstance(title, str):
        parts.append(title)
    return "\n".join(parts)


def page_host(doc, url_keys) -> str:
    for key in url_keys:
        value = doc.metadata.get(key)
        if isinstance(value, str) and "." in value:
            host = urlsplit(value if "//" in value else "//" + value).hostname or ""
            if host:
                return host.lower()
    return ""


def markers_found(markers: tuple[str, ...], text: str, words: frozenset | None = None) -> set[str]:
    """The markers the text names: each as written (NHS, not "nhs" inside a word), on word
    boundaries, the longest first, so "NHS 111" wins over "NHS"; a currency sign or a marker that
    ends in punctuation has no boundary on that side ("£2.8 million", "S$500", "Need to talk?"),
    and is looked for only when it occurs at all (one regex of them all would be slower).
    `words`, when given, holds every case-folded word of the text: then only the markers whose
    first word is there are looked for, each where it stands (markers_at)."""
    found = {m.group() for m in _word_markers_regex(markers).finditer(text)} if words is None else markers_at(markers, text, words)
    for marker, regex in _sign_markers(markers):
        if marker in text and regex.search(text):
            found.add(marker)
    return found


def markers_at(markers: tuple[str, ...], text: str, words: frozenset) -> set[str]:
    """What _word_markers_regex finds in text, found from where each candidate stands: at each
    place the first marker of the alternation (the longest) that stands there between boundaries,
    then on from its end, as `re` scans. A marker can only stand where its first word does, so
    those whose first word the text lacks are not looked for (most, on most pages)."""
    ranked, first_words = _word_markers(markers)
    places = []
    for rank, marker in enumerate(ranked):
        if first_words[rank] not in words:
            continue
        at = text.find(marker)
        while at >= 0:
            end = at + len(marker)
            if not (at and _EDGE_CHARACTER.match(text, at - 1)) and not _EDGE_CHARACTER.match(text, end):
                places.append((at, rank, end))
            at = text.find(marker, at + 1)
    found, scanned_to = set(), 0
    for at, rank, end in sorted(places):
        if at >= scanned_to:
            found.add(ranked[rank])
            scanned_to = end
    return found


_EDGE = r"[\w&-]"  # what may not stand right before a marker that starts with a word, or after one that ends with one
_EDGE_CHARACTER = regexcache.compile(_EDGE)


@functools.lru_cache(maxsize=8)
def _word_markers(markers: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The markers that start and end with a letter or digit, longest first (the regex's order),
    and the case-folded first word of each."""
    ranked = [m for m in longest_first(markers) if m[:1].isalnum() and m[-1:].isalnum()]
    return ranked, [first_word(m) for m in ranked]


@functools.lru_cache(maxsize=8)
def _word_markers_regex(markers: tuple[str, ...]) -> re.Pattern:
    body = "|".join(re.escape(m) for m in _word_markers(markers)[0]) or "(?!)"
    return regexcache.compile(rf"(?<!{_EDGE})(?:{body})(?!{_EDGE})")


@functools.lru_cache(maxsize=8)
def _sign_markers(markers: tuple[str, ...]) -> tuple:
    """The other markers, each with its own regex: a boundary only on a side that is a word's."""
    words = set(_word_markers(markers)[0])
    return tuple((m, regexcache.compile((rf"(?<!{_EDGE})" if m[:1].isalnum() else "") + re.escape(m) + (rf"(?!{_EDGE})" if m[-1:].isalnum() else "")))
                 for m in longest_first(markers) if m not in words)
