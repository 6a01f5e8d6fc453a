"""The figures of one article judged against the claims registry and the citation rules: the
analysis every `stats` rule reads (checker.kinds.stats), done once per document.

The data: the claims registry (rules/data/claims.yaml: measures, populations and claims) and
what counts as a citation (rules/data/citations.yaml). Each is checked against its schema when
it is first read, so a missing or mistyped key is a one-line error naming the file, line and key.

For each figure (checker.statistics finds them) the analysis says whether its sentence cites a
source, which earlier statement of the same claim it restates (and so inherits the citation of,
or disagrees with), and which registry claim it matches, disagrees with or is an outdated form of.
Figures in reference sections, headings, code and tables are not judged.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlparse

from checker.document import HEADING
from checker.errors import UsageError
from checker.phrases import word_list_regex as words_regex
from checker.readability import prose_blocks
from checker.statistics import (
    Figure,
    Vocabulary,
    block_has_digits,
    block_has_figure_words,
    find_figures,
)
from checker.yamlload import load_data_file

UNITS = ("percent", "count", "rate_per_100k", "rank", "effect_size")
UNIT_WORDS = {"percent": "%", "count": "", "rate_per_100k": " per 100,000", "rank": "", "effect_size": ""}

# rules/data/claims.yaml (see its header for what each key means)
CLAIMS_SCHEMA = {
    "measures": {"*": ["str"]},
    "populations?": {"*": ["str"]},
    "claims": [
        {
            "id": "str",
            "claim": "str",
            "measure": "str",
            "population?": "str",
            "unit": "str",
            "value": "number",
            "tolerance?": "number",
            "time_frame?": ("str", "int"),
            "source?": {"names?": ["str"], "citation?": "str", "doi?": "str", "url?": "str"},
            "as_of?": ("int", "str", "date"),
            "superseded_by?": "str",
        }
    ],
}

# rules/data/citations.yaml
CITATIONS_SCHEMA = {
    "organisations": ["str"],
    "reporting_words": ["str"],
    "source_domains": ["str"],
    "reference_sections": ["str"],
    "vague?": ["str"],
}

_FOOTNOTE = re.compile(r"\[\^?(\d{1,3})\]|([¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_AUTHORS = re.compile(
    r"\b[A-Z][a-zA-Z'’-]+(?:\s+(?:and|&)\s+(?:colleagues|co-workers|coworkers|others)|\s+et\s+al\b\.?)"
    r"|\b[A-Z][a-zA-Z'’-]+,\s+[A-Z][a-zA-Z'’-]+,?\s+(?:and|&)\s+[A-Z][a-zA-Z'’-]+"
    r"|\(\s*[A-Z][a-zA-Z'’-]+(?:\s+et\s+al\.?)?,?\s+(?:19|20)\d\d[a-z]?\s*\)"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


# ---- the data files


@functools.lru_cache(maxsize=8)
def load_registry(path: str) -> dict:
    """The claims registry at `path`, checked: its schema, then what the schema cannot say (a
    claim's unit, measure and population are known names; superseded_by names a claim)."""
    data = load_data_file(path, CLAIMS_SCHEMA)
    measures, populations = data["measures"], data.get("populations") or {}
    ids = {claim["id"] for claim in data["claims"]}
    for k, claim in enumerate(data["claims"]):
        for key, known, what in (
            ("unit", UNITS, "one of " + ", ".join(UNITS)),
            ("measure", measures, "a key of 'measures'"),
            ("population", populations, "a key of 'populations'"),
            ("superseded_by", ids, "the id of a claim"),
        ):
            if key in claim and claim[key] not in known:
                raise UsageError(f"{path}:{claim.line_of(key)}: key 'claims[{k}].{key}': must be {what} (not {claim[key]!r})")
    return data


@functools.lru_cache(maxsize=8)
def load_citations(path: str) -> dict:
    """What counts as a citation (organisations, reporting words, source domains, reference sections)."""
    data = load_data_file(path, CITATIONS_SCHEMA)
    return data


@functools.lru_cache(maxsize=8)
def vocabulary(path: str) -> Vocabulary:
    return Vocabulary.from_registry(load_registry(path))


@functools.lru_cache(maxsize=8)
def organisation_regex(path: str) -> re.Pattern:
    names = sorted(load_citations(path)["organisations"], key=len, reverse=True)
    # Short all-capital names (WHO, CDC) match only in capitals; longer ones in any case.
    parts = [rf"(?-i:{re.escape(n)})" if n.isupper() and len(n) <= 6 else re.escape(n) for n in names]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


def format_value(claim: dict) -> str:
    """A registry value as an article would write it: 727,000; 17.2%; 14.2 per 100,000."""
    value = float(claim["value"])
    text = f"{value:,.0f}" if value.is_integer() and claim["unit"] == "count" else f"{value:g}"
    return text + UNIT_WORDS.get(claim["unit"], "")


def describe_source(claim: dict) -> str:
    """A registry claim's reference: its citation and its DOI or address."""
    source = claim.get("source") or {}
    link = source.get("doi") and f"doi:{source['doi']}" or source.get("url", "")
    return "; ".join(p for p in (source.get("citation", ""), link) if p)


# ---- one article


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
        self.inherited_from: Stat | None = None
        self.first_statement: Stat | None = None  # for an inconsistent restatement
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
    """Every judged figure of the article, in order, with its citation and registry standing."""
    citations = load_citations(citations_path)
    vocab = vocabulary(registry_path)
    reference_sections = {s.lower() for s in citations["reference_sections"]}
    notes = footnote_numbers(doc, reference_sections)
    organisations = organisation_regex(citations_path)
    reporting = words_regex(tuple(citations["reporting_words"]))
    domains = tuple(d.lower() for d in citations["source_domains"])
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
    _match_registry(stats, load_registry(registry_path)["claims"])
    return stats


def _cites(text, sentence, block, sources, reporting, notes, domains) -> tuple[bool, str]:
    for m in _FOOTNOTE.finditer(text):
        number = int((m.group(1) or m.group(2)).translate(_SUPERSCRIPT))
        if number in notes:
            return True, f"footnote [{number}]"
    for start, _end, href in block.links:
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
                stat.expected = by_id[claim["superseded_by"]]
        else:
            live = [c for c in candidates if not c.get("superseded_by")] or candidates
            nearest = min(live, key=lambda c: abs(float(c["value"]) - figure.value))
            stat.claim = nearest
            stat.claim_status = "mismatch"
            stat.expected = nearest
