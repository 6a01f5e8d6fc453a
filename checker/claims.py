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

import bisect
import functools
import itertools
import re

from checker import regexcache
from checker.citations import NONE, RANK, Citation, CitationReader
from checker.document import HEADING, LIST_ITEM
from checker.errors import UsageError
from checker.page_citations import cite_from_quoted_speakers, cite_from_source_lines, cite_from_study_title, cite_from_the_paragraph_after
from checker.phrases import longest_first
from checker.readability import prose_blocks
from checker.statistics import Figure, block_has_digits, block_has_figure_words, find_figures
from checker.vocabulary import Vocabulary
from checker.yamlload import load_data_file

COMPARED = 32  # earlier statements of one unit and measure that a figure is compared with (_link_restatements)
UNITS = ("percent", "count", "rate_per_100k", "rank", "effect_size")
UNIT_WORDS = {"percent": "%", "count": "", "rate_per_100k": " per 100,000", "rank": "", "effect_size": ""}

# rules/data/claims.yaml (see its header for what each key means)
CLAIMS_SCHEMA = {
    "measures": {"*": ["str"]},
    "populations?": {"*": ["str"]},
    "frames?": {"periods?": {"*": ["str"]}, "places?": {"*": ["str"]}, "bands?": ["str"]},
    "money?": {"before": ["str"], "after": ["str"]},
    "common_words?": ["str"],
    "claims": [
        {
            "id": "str",
            "claim": "str",
            "measure": "str",
            "population?": "str",
            "period?": "str",
            "place?": "str",
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
    "name_before?": ["str"],
    "name_after?": ["str"],
    "not_names?": ["str"],
    "unnamed_sources?": ["str"],
    "source_line_words?": ["str"],
    "source_line_links?": ["str"],
    "source_line_openers?": ["str"],
    "speech_verbs?": ["str"],
    "figure_words?": ["str"],
    "study_titles?": ["str"],
    "study_title_shape?": {"heading_within?": "int", "lines?": "int", "words?": "int"},
    "web_source_suffixes?": ["str"],
    "source_references?": ["str"],
    "pronoun_sources?": ["str"],
    "service_nouns?": ["str"],
    "service_phrases?": ["str"],
}



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
            ("period", set((data.get("frames") or {}).get("periods") or {}), "a key of 'frames.periods'"),
            ("place", set((data.get("frames") or {}).get("places") or {}), "a key of 'frames.places'"),
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
    names = longest_first(load_citations(path)["organisations"])
    # Short all-capital names (WHO, CDC) match only in capitals; longer ones in any case.
    parts = [rf"(?-i:{re.escape(n)})" if n.isupper() and len(n) <= 6 else re.escape(n) for n in names]
    return regexcache.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


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

    def __init__(self, figure: Figure, block, sentence, sources: list[str], citation: Citation):
        self.figure = figure
        self.block = block
        self.sentence = sentence
        span = block.source_span(sentence.start + figure.start, sentence.start + figure.end)
        self.start, self.end = span.start, span.end
        self.sources = sources  # organisations and authors named in the sentence
        self.inherited_from: Stat | None = None
        self.first_statement: Stat | None = None  # for an inconsistent restatement
        self.claim: dict | None = None
        self.claim_status = ""  # ok, mismatch, outdated
        self.expected: dict | None = None  # the registry claim a mismatch is measured against
        self.cite(citation)

    def cite(self, citation: Citation) -> None:
        self.citation_status = citation.status  # cited | incomplete | ""
        self.cited = citation.status == "cited"
        self.citation = citation.why
        self.source_named = citation.source


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
    reader = CitationReader(citations, footnote_numbers(doc, reference_sections), organisation_regex(citations_path))
    stats: list[Stat] = []
    headings = [(b.span.start, b.text) for b in doc.blocks if b.kind == HEADING]
    heading_starts = [start for start, _ in headings]
    carried = NONE  # the citation of the previous sentence, when it named a source
    lead_in = NONE  # the citation of a lead-in ("Findings from the CDC's report:") for its list
    section = None
    callouts: list[Stat] = []  # the figures of a callout block, waiting for the paragraph after it
    for block in prose_blocks(doc, reference_sections):
        above = bisect.bisect_left(heading_starts, block.span.start)  # the last heading that starts before it
        heading = headings[above - 1] if above else (None, "")
        if heading[0] != section:  # a new section: what the last one reported does not carry over
            section, carried, lead_in = heading[0], NONE, NONE
        if block.kind == HEADING:
            callouts = []
            continue
        digits, words = block_has_digits(block), block_has_figure_words(block)
        sentences = block.sentences
        # The figures first: a sentence's citation is read only where it can matter (a block with
        # figures, its last sentence for the next block, a lead-in).
        found = [[f for f in find_figures(s.text, None if digits else False, None if words else False) if not vocab.is_money(f, s.text)]
                 if digits or words else [] for s in sentences]
        if block.kind != LIST_ITEM:
            lead_in = NONE
        if not any(found):  # most blocks have no figure; they may still name a source
            last = reader.judge(sentences[-1].text, sentences[-1], block) if sentences else NONE
            # "..., according to the report." names no source but goes on reporting the one before.
            carried = last if last.source else (carried if carried.source and reader.refers_back(block.text) else NONE)
            if block.text.rstrip().endswith(":"):
                lead_in = _lead_in(block, [reader.judge(s.text, s, block) for s in sentences], lead_in)
            continue
        callout = _is_callout(block, found)
        if callout:  # "• 81%" over its paragraph: a new fact, not the report the last paragraph cited
            carried = NONE
        judge = _Judged(reader, block, sentences)  # a sentence's citation is read when it can matter, once
        before_block = carried
        first_here = len(stats)
        previous = ""
        paragraph = None  # per sentence, the best citation of its part of the block, read once when needed
        for k, sentence in enumerate(sentences):
            text = sentence.text
            figures = found[k]
            if not figures:
                previous = text
                continue
            following = sentences[k + 1].text if k + 1 < len(sentences) else ""
            citation = judge(k)
            # A sentence that points at research of its own ("research suggests") is not covered
            # by a source named elsewhere; a sentence that cites on its own needs no other.
            if citation.status != "cited" and not reader.vague(text):
                if paragraph is None:
                    paragraph = _part_citations(reader, judge, sentences)
                just_before = judge(k - 1) if k else before_block
                # A paragraph that names no source of its own goes on with the one cited before it.
                own = paragraph[k]
                continued = before_block if before_block.status in ("cited", "incomplete") and not own.status else NONE
                just_before = just_before if just_before.source else continued
                for other, why in ((own, "in the same paragraph"), (lead_in, "in the lead-in"), (just_before, "just before")):
                    if RANK[other.status] > RANK[citation.status]:
                        citation = Citation(other.status, f"{other.why}, {why}", other.source)
            if reader.is_source_line(following):
                citation = citation.better(Citation("cited", "the source line after it"))
            sources = reader.sources_in(text)
            for figure in figures:
                vocab.describe(figure, text, context=previous + " " + heading[1])
                # "833,598 calls", "82% of callers": a service's figures about its own work, from its own records
                service = reader.service_figure(text, figure.end) if citation.status != "cited" else None
                stats.append(Stat(figure, block, sentence, sources, Citation("cited", f"a service's own figures ({service})") if service else citation))
            previous = text
        if callout:
            callouts = stats[first_here:]
        elif callouts:
            _explain_callouts(callouts, stats[first_here:])
            callouts = []
        last = judge(len(sentences) - 1)
        if last.source:  # a source named in the last sentence goes on to the next paragraph
            carried = last
        else:
            # A paragraph of figures that names one source and points at no research of its own
            # ("Nearly 50,000 died in 2022, according to the NCHS. The final count could be higher.")
            # goes on with it; one that names none continues the report before it.
            own = functools.reduce(Citation.better, paragraph if paragraph is not None else judge.done.values(), NONE)  # what was read
            carried = own if own.status else before_block
            if carried.source and any(reader.vague(s.text) for s in sentences):
                carried = NONE
        if block.text.rstrip().endswith(":"):
            lead_in = _lead_in(block, [judge(j) for j in range(len(sentences))], lead_in)
        elif block.kind != LIST_ITEM:
            lead_in = NONE
    cite_from_source_lines(doc, stats, reader)
    cite_from_study_title(doc, stats, reader)
    cite_from_quoted_speakers(doc, stats, reader)
    cite_from_the_paragraph_after(doc, stats, reader)
    _link_restatements(stats)
    _match_registry(stats, load_registry(registry_path)["claims"])
    return stats


def _part_citations(reader, judge, sentences) -> list[Citation]:
    """For each sentence, the best citation of its part of the paragraph. "The Home Office estimates
    X. Research shows Y. Victims are five times more likely ...": a sentence that points at research
    of its own starts a new part, which the source named before it does not cover."""
    parts = list(itertools.accumulate(reader.vague(s.text) for s in sentences))
    best: dict[int, Citation] = {}  # per part, the best citation that is not a footnote marker
    for j, part in enumerate(parts):
        if not judge(j).marker:
            best[part] = best.get(part, NONE).better(judge(j))
    # A footnote marker cites its sentence and the part's sentences before it: read from the end.
    out, marked, part_after = [NONE] * len(parts), NONE, None
    for k in range(len(parts) - 1, -1, -1):
        if parts[k] != part_after:
            marked, part_after = NONE, parts[k]
        if judge(k).marker:
            marked = marked.better(judge(k))
        out[k] = best.get(parts[k], NONE).better(marked)
    return out


_CALLOUT_WORDS = 3  # "• 81%", "• 6 Months", "• 4 in 10"


def _is_callout(block, found) -> bool:
    """A block that is only a figure or two: an infographic's callout, explained by the paragraph after it."""
    figures = [f for per_sentence in found for f in per_sentence]
    return bool(figures) and len(block.text.split()) <= _CALLOUT_WORDS + 1 and sum(len(f.raw) for f in figures) * 2 >= len(block.text.strip(" •*-·"))


def _explain_callouts(callouts: list[Stat], explained: list[Stat]) -> None:
    """A callout's figure is the one the paragraph after it states, and is cited as that is."""
    for stat in callouts:
        same = next((s for s in explained if s.figure.unit == stat.figure.unit and s.figure.agrees(stat.figure)), None)
        if same is not None and RANK[same.citation_status] > RANK[stat.citation_status]:
            stat.inherited_from = same


class _Judged:
    """The citations of a block's sentences, each read on first use."""

    def __init__(self, reader, block, sentences):
        self.reader, self.block, self.sentences, self.done = reader, block, sentences, {}

    def __call__(self, k: int) -> Citation:
        if k not in self.done:
            self.done[k] = self.reader.judge(self.sentences[k].text, self.sentences[k], self.block)
        return self.done[k]


def _lead_in(block, judged, current: Citation) -> Citation:
    """A block ending with a colon introduces the list after it, with its citation; an item that
    ends with a colon opens a sublist within the list, which keeps the list's lead-in too."""
    if block.text.rstrip().endswith(":"):
        return functools.reduce(Citation.better, judged, current if block.kind == LIST_ITEM else NONE)
    return current if block.kind == LIST_ITEM else NONE


def _link_restatements(stats: list[Stat]) -> None:
    """A restatement inherits the citation of an earlier agreeing statement of the same claim (a
    figure that names no population may restate one that does); it is inconsistent when it
    disagrees with an earlier statement of the same claim, in another sentence, in the same frame.

    Only statements with the same unit and a shared measure can be the same claim, so each is
    compared with those alone, and with at most the first COMPARED of them: an article restates a
    claim a few times, and a page of thousands of figures must not cost their square."""
    by_kind: dict[tuple, list[int]] = {}
    for k, stat in enumerate(stats):
        earlier_ones = sorted({j for measure in stat.figure.measures for j in by_kind.get((stat.figure.unit, measure), ())})
        for measure in stat.figure.measures:
            bucket = by_kind.setdefault((stat.figure.unit, measure), [])
            if len(bucket) < COMPARED:
                bucket.append(k)
        for earlier in (stats[j] for j in earlier_ones):
            agrees = stat.figure.agrees(earlier.figure)
            restates = stat.sentence is not earlier.sentence and stat.figure.same_frame(earlier.figure)
            if not agrees and stat.first_statement is None and restates and stat.figure.same_claim(earlier.figure):
                stat.first_statement = earlier
            elif agrees and stat.figure.same_claim(earlier.figure, loose_population=True):
                better = RANK[earlier.citation_status] > RANK[stat.citation_status]
                if better and (stat.inherited_from is None or RANK[earlier.citation_status] > RANK[stat.inherited_from.citation_status]):
                    stat.inherited_from = earlier
    # A sentence restates a claim once: when one of its figures agrees with the earlier statement,
    # its other figures make other claims ("while half ... had a diagnosis, 90% had symptoms").
    by_sentence: dict[int, list[Stat]] = {}
    for stat in stats:
        by_sentence.setdefault(id(stat.sentence), []).append(stat)
    for stat in stats:
        earlier = stat.first_statement
        if earlier is not None and any(other is not stat and other.figure.agrees(earlier.figure) and other.figure.same_claim(earlier.figure, loose_population=True)
                                       for other in by_sentence[id(stat.sentence)][:COMPARED]):
            stat.first_statement = None


def _claim_interval(claim: dict) -> tuple[float, float]:
    tolerance = float(claim.get("tolerance", 0))
    return float(claim["value"]) - tolerance, float(claim["value"]) + tolerance


def _match_registry(stats: list[Stat], claims: list[dict]) -> None:
    by_id = {c["id"]: c for c in claims}
    named_in: dict[int, set[str]] = {}  # a sentence's sources, lower-cased once for all its figures
    for stat in stats:
        figure = stat.figure
        if figure.impossible:
            continue  # reported as impossible; comparing it with the registry would say it twice
        candidates = []
        for claim in claims:
            if claim["measure"] not in figure.measures or claim["unit"] != figure.unit:
                continue
            frame_year = re.search(r"(?:19|20)\d\d", str(claim.get("time_frame", "")))
            if figure.year and frame_year and frame_year.group() != figure.year:
                continue
            if any(claim.get(key) and mine and mine != claim[key] for key, mine in (("period", figure.period), ("place", figure.place))):
                continue  # another frame: another claim
            if claim.get("population") and figure.population != claim["population"]:
                names = [n.lower() for n in (claim.get("source") or {}).get("names", [])]
                if id(stat.sources) not in named_in:
                    named_in[id(stat.sources)] = {s.lower() for s in stat.sources}
                named = any(n in named_in[id(stat.sources)] for n in names)
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
