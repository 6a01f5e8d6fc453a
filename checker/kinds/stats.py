"""The `stats` kind: statistics cited, consistent within an article and across the corpus, and
agreeing with the claims registry (rules/claims.yaml). Each rule picks one `check`:

- uncited: a figure whose sentence cites nothing (a footnote that resolves to a references
  section, a link to a primary source, or a named source with a year or a reporting word), and
  with no earlier cited statement of the same claim in the article ("studies show" is no source);
- inconsistent: the same claim restated with a different value in one article;
- corpus-inconsistent: the same claim with different values in different articles of the run
  (a corpus rule: per-document facts, compared once at the end);
- registry-mismatch: a figure that matches a registry claim but not its value, or that matches a
  superseded figure (WHO's 800,000 deaths a year -> 727,000 in 2021);
- source-mismatch: a registry figure attributed to a source other than the registry's;
- impossible: more than 100% of a group, "6 in 5", a negative count.
Figures in reference sections, headings, code and tables are not judged.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import urlparse

from checker.document import HEADING
from checker.findings import Finding
from checker.kinds import Param
from checker.phrases import word_list_regex as words_regex
from checker.readability import prose_blocks
from checker.statistics import Figure, Vocabulary, block_has_digits, block_has_figure_words, find_figures
from checker.yamlload import load_data_file

CHECKS = ("uncited", "inconsistent", "corpus-inconsistent", "registry-mismatch", "source-mismatch", "impossible")
PARAMETERS = {
    "check": Param("str", required=True, choices=CHECKS),
    "registry": Param("str", default="claims.yaml"),
    "citations": Param("str", default="data/citations.yaml"),
}
_FOOTNOTE = re.compile(r"\[\^?(\d{1,3})\]|([¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_AUTHORS = re.compile(
    r"\b[A-Z][a-zA-Z'’-]+(?:\s+(?:and|&)\s+(?:colleagues|co-workers|coworkers|others)|\s+et\s+al\b\.?)"
    r"|\b[A-Z][a-zA-Z'’-]+,\s+[A-Z][a-zA-Z'’-]+,?\s+(?:and|&)\s+[A-Z][a-zA-Z'’-]+"
    r"|\(\s*[A-Z][a-zA-Z'’-]+(?:\s+et\s+al\.?)?,?\s+(?:19|20)\d\d[a-z]?\s*\)"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
UNIT_WORDS = {"percent": "%", "count": "", "rate_per_100k": " per 100,000", "rank": "", "effect_size": ""}


def validate(rule):
    base = Path(rule.file).parent
    for key in ("registry", "citations"):
        if not (base / rule.params[key]).is_file():
            return key, f"file not found: {base / rule.params[key]}"
    return None


def load_data(path: str) -> dict:
    return load_data_file(path)


@functools.lru_cache(maxsize=8)
def vocabulary(path: str) -> Vocabulary:
    return Vocabulary.from_registry(load_data(path))


@functools.lru_cache(maxsize=8)
def organisation_regex(path: str) -> re.Pattern:
    names = sorted(load_data(path).get("organisations", []), key=len, reverse=True)
    # Short all-capital names (WHO, CDC) match only in capitals; longer ones in any case.
    parts = [rf"(?-i:{re.escape(n)})" if n.isupper() and len(n) <= 6 else re.escape(n) for n in names]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


class Stat:
    """A figure in its article: where it is, what it is about, and how it stands."""

    def __init__(self, figure: Figure, block, sentence, sources: list[str], cited: bool, why: str):
        self.figure = figure
        self.block = block
        self.sentence = sentence
        span = block.source_span(sentence.start + figure.start, sentence.start + figure.end)
        self.start, self.end = span.start, span.end
        self.sources = sources  # organisations and authors named in the sentence
        self.cited = cited
        self.citation = why
        self.inherited_from: "Stat | None" = None
        self.first_statement: "Stat | None" = None  # for an inconsistent restatement
        self.claim: dict | None = None
        self.claim_status = ""  # ok, mismatch, outdated
        self.expected: dict | None = None  # the registry claim a mismatch is measured against


def footnote_numbers(doc, section_names) -> set[int]:
    """Numbers of the entries in the article's reference sections ([1] ..., 1. ..., or the n-th item)."""
    numbers: set[int] = set()
    in_refs, count = False, 0
    for block in doc.blocks:
        if block.kind == HEADING:
            in_refs = re.sub(r"[^\w ]+", "", block.text).strip().lower() in section_names
            count = 0
            continue
        if in_refs:
            count += 1
            numbers.add(count)
            m = re.match(r"\s*\[?\^?(\d{1,3})[\].:)]", block.text)
            if m:
                numbers.add(int(m.group(1)))
    return numbers


def analyse(doc, registry_path: str, citations_path: str) -> list[Stat]:
    citations = load_data(citations_path)
    vocab = vocabulary(registry_path)
    reference_sections = {s.lower() for s in citations.get("reference_sections", [])}
    notes = footnote_numbers(doc, reference_sections)
    organisations = organisation_regex(citations_path)
    reporting = words_regex(tuple(citations.get("reporting_words", [])))
    domains = tuple(d.lower() for d in citations.get("source_domains", []))
    stats: list[Stat] = []
    headings = [(b.span.start, b.text) for b in doc.blocks if b.kind == HEADING]
    for block in prose_blocks(doc, reference_sections):
        # Most blocks have no digit and no number word: their sentences need no search.
        digits, words = block_has_digits(block), block_has_figure_words(block)
        if not (digits or words):
            continue
        heading = next((text for start, text in reversed(headings) if start < block.span.start), "")
        previous = ""
        for sentence in block.sentences:
            text = sentence.text
            figures = find_figures(text, None if digits else False, None if words else False)
            if not figures:
                previous = text
                continue
            sources = [m.group() for m in organisations.finditer(text)] + [m.group() for m in _AUTHORS.finditer(text)]
            cited, why = _cites(text, sentence, block, sources, reporting, notes, domains)
            for figure in figures:
                vocab.describe(figure, text, context=previous + " " + heading)
                stats.append(Stat(figure, block, sentence, sources, cited, why))
            previous = text
    _link_restatements(stats)
    _match_registry(stats, load_data(registry_path).get("claims", []))
    return stats


def _cites(text, sentence, block, sources, reporting, notes, domains) -> tuple[bool, str]:
    for m in _FOOTNOTE.finditer(text):
        number = int((m.group(1) or m.group(2)).translate(_SUPERSCRIPT))
        if number in notes:
            return True, f"footnote [{number}]"
    for start, end, href in block.links:
        if sentence.start <= start < sentence.end:
            host = urlparse(href).netloc.lower().removeprefix("www.")
            if any(host == d or host.endswith("." + d) for d in domains):
                return True, f"link to {host}"
    if sources and (_YEAR.search(text) or reporting.search(text)):
        return True, f"named source ({sources[0]})"
    return False, ""


def _link_restatements(stats: list[Stat]) -> None:
    """A restatement inherits the citation of an earlier agreeing statement of the same claim (a
    figure that names no population may restate one that does); it is inconsistent when it
    disagrees with an earlier statement about the same population."""
    for k, stat in enumerate(stats):
        for earlier in stats[:k]:
            agrees = stat.figure.agrees(earlier.figure)
            if not agrees and stat.first_statement is None and stat.figure.same_claim(earlier.figure):
                stat.first_statement = earlier
            elif agrees and stat.figure.same_claim(earlier.figure, loose_population=True):
                if not stat.cited and earlier.cited and stat.inherited_from is None:
                    stat.inherited_from = earlier


def _claim_interval(claim: dict) -> tuple[float, float]:
    tolerance = float(claim.get("tolerance", 0))
    return float(claim["value"]) - tolerance, float(claim["value"]) + tolerance


def _match_registry(stats: list[Stat], claims: list[dict]) -> None:
    by_id = {c["id"]: c for c in claims}
    for stat in stats:
        figure = stat.figure
        candidates = []
        for claim in claims:
            if claim["measure"] not in figure.measures or claim["unit"] != figure.unit:
                continue
            frame_year = re.search(r"(?:19|20)\d\d", str(claim.get("time_frame", "")))
            if figure.year and frame_year and frame_year.group() != figure.year:
                continue
            if claim.get("population") and figure.population != claim["population"]:
                names = [n.lower() for n in (claim.get("source") or {}).get("names", [])]
                named = any(s.lower() in names for s in stat.sources)
                if figure.population is not None or not named:
                    continue
            candidates.append(claim)
        if not candidates:
            continue
        agreeing = [c for c in candidates if figure.low <= _claim_interval(c)[1] and _claim_interval(c)[0] <= figure.high]
        if agreeing:
            current = [c for c in agreeing if not c.get("superseded_by")]
            claim = (current or agreeing)[0]
            stat.claim = claim
            stat.claim_status = "ok" if not claim.get("superseded_by") else "outdated"
            if claim.get("superseded_by"):
                stat.expected = by_id.get(claim["superseded_by"])
        else:
            live = [c for c in candidates if not c.get("superseded_by")] or candidates
            nearest = min(live, key=lambda c: abs(float(c["value"]) - figure.value))
            stat.claim = nearest
            stat.claim_status = "mismatch"
            stat.expected = nearest


def format_value(claim: dict) -> str:
    value = float(claim["value"])
    text = f"{value:,.0f}" if value.is_integer() and claim["unit"] == "count" else f"{value:g}"
    return text + UNIT_WORDS.get(claim["unit"], "")


def describe_source(claim: dict) -> str:
    source = claim.get("source") or {}
    link = source.get("doi") and f"doi:{source['doi']}" or source.get("url", "")
    return "; ".join(p for p in (source.get("citation", ""), link) if p)


class Check:
    def __init__(self, rule):
        self.rule = rule
        self.check_name = rule.params["check"]
        base = Path(rule.file).parent
        self.registry_path = str(base / rule.params["registry"])
        self.citations_path = str(base / rule.params["citations"])

    def stats(self, doc) -> list[Stat]:
        key = ("stats", self.registry_path, self.citations_path)
        if key not in doc.cache:
            doc.cache[key] = analyse(doc, self.registry_path, self.citations_path)
        return doc.cache[key]

    def finding(self, stat_or_span, message, suggestions=(), severity=None) -> Finding:
        start, end = (stat_or_span.start, stat_or_span.end) if isinstance(stat_or_span, Stat) else stat_or_span
        return Finding(self.rule.id, severity or self.rule.severity, message, start, end, list(suggestions) or list(self.rule.suggest), self.rule.reference)

    def check(self, doc, context=None) -> list[Finding]:
        return getattr(self, "check_" + self.check_name.replace("-", "_"))(doc, self.stats(doc))

    # ---- metrics and corpus facts

    def metrics(self, doc, context) -> dict:
        out = []
        for stat in self.stats(doc):
            status = "ok"
            if stat.figure.impossible:
                status = "impossible"
            elif stat.first_statement is not None:
                status = "inconsistent"
            elif stat.claim_status in ("mismatch", "outdated"):
                status = "registry-" + stat.claim_status
            elif not (stat.cited or stat.inherited_from):
                status = "uncited"
            line = doc.position(stat.start)[0]
            out.append(
                {
                    "text": stat.figure.raw,
                    "line": line,
                    "value": stat.figure.value,
                    "unit": stat.figure.unit,
                    "claim": stat.claim["id"] if stat.claim else None,
                    "agrees_with_registry": stat.claim_status == "ok",
                    "status": status,
                    "source": stat.citation or (f"as on line {doc.position(stat.inherited_from.start)[0]}" if stat.inherited_from else ""),
                }
            )
        return {"statistics": out}

    def extract(self, doc, context) -> list[dict]:
        if self.check_name != "corpus-inconsistent":
            return []
        facts = []
        for stat in self.stats(doc):
            figure = stat.figure
            if not figure.measures or (stat.claim is None and figure.population is None):
                continue
            line, column = doc.position(stat.start)
            end_line, end_column = doc.position(max(stat.end - 1, stat.start))
            facts.append(
                {
                    "claim": stat.claim["id"] if stat.claim else None,
                    "agrees_with_registry": stat.claim_status == "ok",
                    "key": [figure.unit, figure.population, sorted(figure.measures), figure.year],
                    "low": figure.low,
                    "high": figure.high,
                    "raw": figure.raw,
                    "line": line,
                    "column": column,
                    "end_line": end_line,
                    "end_column": end_column + 1,
                    "start": stat.start,
                    "end": stat.end,
                    "excerpt": " ".join(doc.source[stat.start : stat.end].split()),
                }
            )
        return facts

    def check_corpus(self, facts_by_path: dict) -> dict:
        """Compare each claim across files; each file that disagrees is told which file it disagrees
        with. When the claim is in the registry, files that agree with it are not flagged."""
        groups: dict = {}
        for path in sorted(facts_by_path):
            seen = set()
            for fact in facts_by_path[path]:
                identity = ("claim", fact["claim"]) if fact["claim"] else ("key", repr(fact["key"]))
                if identity in seen:
                    continue
                seen.add(identity)
                groups.setdefault(identity, []).append((path, fact))
        out: dict = {}
        for members in groups.values():
            # Where some article agrees with the registry, it is right: only the others are told.
            right = [(p, f) for p, f in members if f.get("agrees_with_registry")]
            for path, fact in members:
                if right and fact.get("agrees_with_registry"):
                    continue
                other = next(
                    ((p, f) for p, f in (right or members) if p != path and not (fact["low"] <= f["high"] and f["low"] <= fact["high"])),
                    None,
                )
                if other is None:
                    continue
                other_path, other_fact = other
                message = f"{fact['raw']} here, but {other_fact['raw']} in {other_path}:{other_fact['line']} for the same claim; make them agree."
                finding = Finding(self.rule.id, self.rule.severity, message, fact["start"], fact["end"], [other_fact["raw"]], self.rule.reference)
                finding.line, finding.column = fact["line"], fact["column"]
                finding.end_line, finding.end_column = fact["end_line"], fact["end_column"]
                finding.excerpt = fact["excerpt"]
                out.setdefault(path, []).append(finding)
        return out

    # ---- the checks

    def check_uncited(self, doc, stats):
        # An inconsistent restatement is reported as such: once it agrees, it inherits the citation.
        return [
            self.finding(s, f"'{s.figure.raw}' is not attributed to a source; name the source and year in the sentence, link it, or add a footnote.")
            for s in stats
            if not s.cited and s.inherited_from is None and not s.figure.impossible and s.first_statement is None
        ]

    def check_inconsistent(self, doc, stats):
        out = []
        for s in stats:
            first = s.first_statement
            if first is None:
                continue
            line = doc.position(first.start)[0]
            out.append(self.finding(s, f"'{s.figure.raw}' restates the claim made on line {line} as '{first.figure.raw}' with a different value.", [first.figure.raw]))
        return out

    def check_corpus_inconsistent(self, doc, stats):
        return []  # found in check_corpus, once every article has been read

    def check_registry_mismatch(self, doc, stats):
        out = []
        for s in stats:
            if s.claim_status == "mismatch":
                expected = s.expected
                out.append(
                    self.finding(
                        s,
                        f"'{s.figure.raw}' does not match the registry: {expected['claim']} is {format_value(expected)} ({describe_source(expected)}).",
                        [format_value(expected)],
                    )
                )
            elif s.claim_status == "outdated":
                newer = s.expected
                replacement = f"{format_value(newer)} ({newer['claim']}; {describe_source(newer)})" if newer else "a current figure"
                out.append(self.finding(s, f"'{s.figure.raw}' is an outdated figure ({s.claim['claim']}); use {replacement}.", [format_value(newer)] if newer else []))
        return out

    def check_source_mismatch(self, doc, stats):
        out = []
        for s in stats:
            if s.claim_status != "ok" or not s.sources:
                continue
            names = [n.lower() for n in (s.claim.get("source") or {}).get("names", [])]
            named = [src for src in s.sources if any(n in src.lower() for n in names)]
            if named:
                continue
            out.append(
                self.finding(
                    s,
                    f"'{s.figure.raw}' is attributed to {s.sources[0]}, but the registry's source for this figure is {describe_source(s.claim)}.",
                    [describe_source(s.claim)],
                )
            )
        return out

    def check_impossible(self, doc, stats):
        return [self.finding(s, f"Impossible figure: {s.figure.impossible}.") for s in stats if s.figure.impossible]
