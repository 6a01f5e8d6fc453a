"""How a sentence attributes its figures: cited, referred to loosely, or not at all.

Real articles cite in many ways (rules/data/citations.yaml says which words count):

- a footnote marker that resolves to a references section, or a link to a primary source;
- a named source with a year or a reporting word: a listed organisation, authors ("Swannell and
  colleagues", "Smith et al."), or any capitalised name that a citing phrase introduces or follows
  ("according to the National Center for Health Statistics", "a study in the American Journal of
  Psychiatry found", "Kids Help Phone says", "(Source: Stats NZ)");
- a name in brackets closing the sentence ("(Mental Health First Aid)");
- a source referred to but not named ("a 2016 UK study found", "the charity said", "They added"),
  or named without a year or a link: `incomplete`, which stats.incomplete-citation reports at info
  level instead of stats.uncited.

A service's figures about its own work ("833,598 calls", "82% of callers") need no citation: its
records are their source (`service_figure`).

"Studies show" and "experts say" name no one, and do not count.

A sentence is judged on its own here; checker.claims carries a citation to the sentences it
covers (the rest of its paragraph, the list its lead-in introduces, the sentences that go on
reporting the same source, the sentence before a "(Source: ...)" line).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from checker import regexcache
from checker.phrases import longest_first, phrase_trie, word_list_regex

RANK = {"": 0, "incomplete": 1, "cited": 2}
_FOOTNOTE = regexcache.compile(r"\[\^?(\d{1,3})\]|([¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
# A superscript that lost its formatting when the page was copied: note numbers glued to the full
# stop that ends the sentence ("in the past year.1", "among Canadian youth.2;3").
# The sentence splitter does not break after "day.1", so the marker may also stand before the
# next sentence ("every day.1 For every suicide, ...").
_GLUED_NOTE = regexcache.compile(r"(?<=[a-z%)])[.!?](\d{1,2})(?:[;,–-]\d{1,2})*(?:\s*$|\s+(?=[A-Z]))")
# An asterisk glued to a word or a figure ("about*", "19,000*", "self-harmed**"): a note marker.
_STAR_NOTE = regexcache.compile(r"(?<=[\w%])\*{1,3}(?=[\s.,;:)]|$)")
_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_SUPERSCRIPT_DIGIT = regexcache.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]")
_DIGIT = regexcache.compile(r"\d")
_AUTHORS = regexcache.compile(
    r"\b[A-Z][a-zA-Z'’-]+(?:\s+(?:and|&)\s+(?:colleagues|co-workers|coworkers|others)|\s+et\s+al\b\.?)"
    r"|\b[A-Z][a-zA-Z'’-]+,\s+[A-Z][a-zA-Z'’-]+,?\s+(?:and|&)\s+[A-Z][a-zA-Z'’-]+"
    r"|\(\s*[A-Z][a-zA-Z'’-]+(?:\s+et\s+al\.?)?,?\s+(?:19|20)\d\d[a-z]?\s*\)"
)
YEAR = regexcache.compile(r"\b(?:19|20)\d\d\b")
# A name: capitalised words (or acronyms), with the small words names contain between them.
_CAPITALISED = r"(?:\d?[A-Z][\w'’.&-]*)"  # "Samaritans", "NHS", "1Life"
_NAME = rf"{_CAPITALISED}(?:\s+(?:(?:of|for|and|on|in|the|&)\s+)*{_CAPITALISED})*"
# A name of two or more capitalised words in brackets closing the sentence: the source of its
# figures ("... 25 more people attempt suicide (Mental Health First Aid).", "(Smith Institute, 2019)").
_CLOSING_SOURCE = regexcache.compile(
    rf"\(\s*(?:(?i:source|sources)\s*:\s*)?(?P<name>{_CAPITALISED}(?:\s+(?:(?:of|for|and|on|in|the|&)\s+)*{_CAPITALISED})+)"
    r"(?:,?\s*(?:19|20)\d\d)?\s*\)\s*[.!?]?\s*$"
)
_INDEFINITE = regexcache.compile(r"\b(?:a|an|one)\s+(?:(?:19|20)\d\d\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    status: str = ""  # cited | incomplete | "" (none)
    why: str = ""  # what cites: "footnote [1]", "named source (CDC)", "a study, not named"
    source: str = ""  # the source's name as written, if any
    marker: bool = False  # a footnote marker: it cites its sentence and those before it, not those after

    def better(self, other: Citation) -> Citation:
        return other if RANK[other.status] > RANK[self.status] else self


NONE = Citation()


class CitationReader:
    def __init__(self, citations: dict, notes: set[int], organisations: re.Pattern):
        self.notes = notes
        self.organisations = organisations
        self.reporting = word_list_regex(tuple(citations["reporting_words"]))
        self.domains = tuple(d.lower() for d in citations["source_domains"])
        before, after = tuple(citations.get("name_before", ())), tuple(citations.get("name_after", ()))
        self.named = _named_source_regex(before, after)
        # The name regex is slow on long sentences: run it only where a citing word stands.
        self.cues = word_list_regex(tuple(w.strip("(:") for w in before + after if w.strip("(:")))
        self.not_names = frozenset(citations.get("not_names", ()))
        self.vague_regex = word_list_regex(tuple(citations.get("vague", ())))
        self.references = word_list_regex(tuple(citations.get("source_references", ())))
        self.pronoun_sources = word_list_regex(tuple(citations.get("pronoun_sources", ())))
        self.service_after = _service_after_regex(tuple(citations.get("service_nouns", ())))
        self.service_phrases = word_list_regex(tuple(citations.get("service_phrases", ())))
        self._service_phrase: dict[str, str | None] = {}
        self.source_line = _source_line_regex(tuple(citations.get("source_line_words", ())), tuple(citations.get("source_line_links", ())),
                                              tuple(citations.get("source_line_openers", ())))
        self.speaker_intro = _speaker_intro_regex(tuple(citations.get("speech_verbs", ())))
        self.figure_words = word_list_regex(tuple(citations.get("figure_words", ())))
        titles = citations.get("study_titles") or []
        self.study_title = regexcache.compile("|".join(f"(?:{t})" for t in titles), re.IGNORECASE) if titles else None
        self.study_title_shape = {"heading_within": 8, "lines": 5, "words": 15} | (citations.get("study_title_shape") or {})
        self.web_address = _web_address_regex(tuple(citations.get("web_source_suffixes", ())), self.domains)
        self.unnamed = _unnamed_regex(tuple(citations.get("unnamed_sources", ())))
        self._sources: dict[str, list[str]] = {}  # one reader per article: this stays small
        self._vague: dict[str, bool] = {}

    def sources_in(self, text: str) -> list[str]:
        """Organisations and authors the sentence names (for stats.source-mismatch too). A sentence
        is asked about twice (its citation, its figures' sources): read once."""
        if text not in self._sources:
            self._sources[text] = self._read_sources(text)
        return self._sources[text]

    def _read_sources(self, text: str) -> list[str]:
        found = [m.group() for m in self.organisations.finditer(text)] + [m.group() for m in _AUTHORS.finditer(text)]
        found += [m.group() for m in self.web_address.finditer(text)]
        if not self.cues.search(text):
            return found
        at = 0
        while m := self.named.search(text, at):
            at = m.end()
            name = m.group("name") or m.group("name2")
            words = name.split()
            if m.group("name2") and all(w in self.not_names for w in words):
                # "Statistics released by 1Life": not a source called Statistics, but a source
                # released by 1Life; the match gives way to one that starts after its name.
                at = m.start("name2") + len(name)
                continue
            at_start = not text[: m.start()].strip(" \"'“‘(")
            if m.group("name2") and at_start and len(words) == 1 and not words[0].isupper():
                continue  # "Suicide data show ...": a capital because the sentence starts there
            if m.group("name2") and _INDEFINITE.search(text[: m.start()]):
                continue  # "a 2016 UK study": a study described, not named
            if name in self.not_names:
                continue  # "New Zealanders report ...": a people, not a source
            while words and words[0] in self.not_names:
                words.pop(0)
            if words and not (len(words) == 1 and words[0] in self.not_names):
                found.append(" ".join(words))
        return found

    def judge(self, text: str, sentence, block) -> Citation:
        """How this sentence, on its own, attributes its figures."""
        # Most sentences hold no digit, bracket, superscript or asterisk: their markers are not looked for.
        digit = _DIGIT.search(text) is not None
        for m in _FOOTNOTE.finditer(text) if "[" in text or _SUPERSCRIPT_DIGIT.search(text) else ():
            number = int((m.group(1) or m.group(2)).translate(_SUPERSCRIPT))
            if number in self.notes or not self.notes:  # no list in view (a page cut short): the marker is all there is
                return Citation("cited", f"footnote [{number}]", marker=True)
        glued = _GLUED_NOTE.search(text) if digit else None
        if glued and (int(glued.group(1)) in self.notes or not self.notes):  # no list in view: the marker is all there is
            return Citation("cited", f"footnote {glued.group(1)} after the sentence", marker=True)
        if "*" in text and _STAR_NOTE.search(text):
            return Citation("cited", "a note marked with an asterisk")
        for start, _end, href in block.links:
            if sentence.start <= start < sentence.end:
                host = urlparse(href).netloc.lower().removeprefix("www.")
                if any(host == d or host.endswith("." + d) for d in self.domains):
                    return Citation("cited", f"link to {host}")
        closing = _CLOSING_SOURCE.search(text) if text.rstrip(" .!?").endswith(")") else None
        if closing and not re.search(r"\b[A-Z]{2,}\s*$", text[: closing.start()]):  # not "PTSD (Post Traumatic Stress Disorder)"
            name = closing.group("name")
            if YEAR.search(closing.group()):
                return Citation("cited", f"named source ({name})", name)
            return Citation("incomplete", f"{name}, without a year or a link", name)
        year, reporting = YEAR.search(text) if digit else None, self.reporting.search(text)
        if not (year or reporting):
            return NONE  # a name without a year or a reporting word cites nothing: not looked for
        sources = self.sources_in(text)
        if sources and (year or reporting):
            linked = any(sentence.start <= start < sentence.end for start, _end, _href in block.links)
            if YEAR.search(text) or linked:
                return Citation("cited", f"named source ({sources[0]})", sources[0])
            return Citation("incomplete", f"{sources[0]}, without a year or a link", sources[0])
        if self.unnamed:
            m = self.unnamed.search(text)
            if m and (year or self.reporting.search(text[m.end() :])):
                return Citation("incomplete", f"'{' '.join(m.group().split())}', not named")
        m = self.pronoun_sources.search(text)
        if m:
            return Citation("incomplete", f"'{m.group()}', a source named before it")
        return NONE

    def vague(self, text: str) -> bool:
        """"Studies show", "research suggests": research pointed at, no one named."""
        if text not in self._vague:  # a sentence is asked about for itself and for the paragraph after it
            self._vague[text] = self.vague_regex.search(text) is not None
        return self._vague[text]

    def service_figure(self, text: str, end: int) -> str | None:
        """The noun or phrase that makes a figure a service's own ("calls", "our members"), if any."""
        m = self.service_after.match(text, end)
        if m:
            return " ".join(m.group("what").split())
        if text not in self._service_phrase:  # a sentence's figures share its phrase: searched once
            found = self.service_phrases.search(text)
            self._service_phrase[text] = " ".join(found.group().split()) if found else None
        return self._service_phrase[text]

    def refers_back(self, text: str) -> bool:
        """"According to the report", "the figures show": a source referred to, named before."""
        return bool(self.references.search(text))

    def speaks_of_figures(self, text: str) -> bool:
        """'Statistics released by 1Life reveal ...', 'New data from the ONS ...': about the figures."""
        return bool(self.figure_words.search(text))

    def is_source_line(self, text: str) -> bool:
        """'(Source: National Institute of Mental Health)': attributes what comes just before."""
        return bool(self.source_line.match(text))


@functools.lru_cache(maxsize=8)
def _service_after_regex(nouns: tuple[str, ...]) -> re.Pattern:
    """The nouns after a figure that make it a service's own: "833,598 calls", "82% of callers"."""
    words = _phrases(nouns)
    return regexcache.compile(rf"\s*(?:of\s+)?(?:all\s+)?(?:(?:the|our|its|their)\s+)?(?:[a-z-]+\s+)?(?P<what>{words})\b", re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def _source_line_regex(labels: tuple[str, ...], links: tuple[str, ...], openers: tuple[str, ...] = ()) -> re.Pattern:
    words = "|".join(re.escape(w) for w in labels)
    joined = _phrases(links)
    if not words:
        return regexcache.compile("(?!)")
    # ... or a dash and a name, nothing else ("- National Institute of Mental Health (NIMH).[1]"),
    # or an opener and a name, nothing else ("**Based on the Counseling Student Survey (2010)")
    name = r"[A-Z][\w&.'’-]*(?:\s+(?:of|for|and|on|the|&|\(?[A-Z][\w&.'’-]*\)?))*"
    end = r"(?:,?\s*\(?(?:19|20)\d\d\)?)?\s*[.)]?\s*(?:\[\d+\])?\s*$"
    dashed = rf"[-–—]\s*(?:[Tt]he\s+)?{name}{end}"
    begun = _phrases(openers)
    opened = rf"[*_(]*\s*(?i:{begun})\s+(?:[Tt]he\s+)?{name}{end}"
    return regexcache.compile(rf"^\s*(?:\(?\s*(?i:{words})(?:\s*:|\s+(?i:{joined})\b)|{dashed}|{opened})")


@functools.lru_cache(maxsize=8)
def _speaker_intro_regex(verbs: tuple[str, ...]) -> re.Pattern:
    """A named speaker, a speech verb, a colon and an opening quotation: 'Minister Clare Haughey said: "'."""
    said = _phrases(verbs, flags=0)
    name = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+"
    return regexcache.compile(rf"(?P<who>{name})(?:,[^,:\"“]{{1,80}},)?\s+(?:{said})\s*:\s*[\"“]")


@functools.lru_cache(maxsize=8)
def _web_address_regex(suffixes: tuple[str, ...], domains: tuple[str, ...]) -> re.Pattern:
    """A web address written out: "NAMI.org", "www.va.gov", "cdc.gov/suicide" (its host)."""
    ends = "|".join(re.escape(s) for s in longest_first(suffixes + domains)) or "(?!)"
    return regexcache.compile(rf"(?<![\w@./-])(?:www\.)?(?:[a-z0-9-]+\.)*?[a-z0-9-]+\.(?:{ends})(?![\w-]|\.\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def _unnamed_regex(nouns: tuple[str, ...]) -> re.Pattern | None:
    """A source referred to, not named: "a 2016 UK study found", "one survey of 5,000 teens"."""
    words = "|".join(re.escape(w) for w in longest_first(nouns))
    return regexcache.compile(rf"\b(?:a|an|one|this|that|the)\s+(?:[\w-]+\s+){{0,3}}?(?:{words})\b", re.IGNORECASE) if words else None


@functools.lru_cache(maxsize=8)
def _named_source_regex(before: tuple[str, ...], after: tuple[str, ...]) -> re.Pattern:
    parts = []
    if before:
        words = _phrases(before)
        # "according to the latest National Crime Records Bureau data", "according to research
        # conducted by Kids Help Phone": up to three lower-case words first
        parts.append(rf"(?i:{words})\s+(?:the\s+)?(?:[a-z][\w-]*\s+){{0,3}}?(?P<name>{_NAME})")
    if after:
        words = _phrases(after)
        # "The South African Depression And Anxiety Group (SADAG) reported": its acronym may follow it
        parts.append(rf"(?<![\w'’&.-])(?P<name2>{_NAME})(?:['’]s?)?(?:\s+\([A-Z][A-Za-z&]{{1,10}}\))?\s+(?i:{words})\b")
    return regexcache.compile("|".join(parts) or r"(?!)")


def _phrases(phrases, flags: int = re.IGNORECASE) -> str:
    """The phrases as one alternation, longest first ("(?!)" for none): those that start with a
    letter or digit in a trie behind one word-start check (checker.phrases.phrase_trie), the others
    after them (the two kinds never start at the same character). `flags`: the regex's, where the
    alternation stands."""
    words = [p for p in longest_first(phrases) if p[:1].isalnum()]
    others = [r"\s+".join(re.escape(w) for w in p.split()) for p in longest_first(phrases) if not p[:1].isalnum()]
    trie = [rf"(?<![\w-])(?:{phrase_trie(words, flags, apostrophes=False)})"] if words else []
    return "|".join(trie + others) or "(?!)"
