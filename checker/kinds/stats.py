"""The `stats` kind: statistics cited, consistent within an article and across the corpus, and
agreeing with the claims registry (rules/data/claims.yaml). Each rule picks one `check`:

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
Figures in reference sections, headings, code and tables are not judged. The analysis of an
article (checker.claims) is done once and shared by every rule; the checks only pick and word.
"""

from __future__ import annotations

import functools
import os
from typing import ClassVar

from checker.claims import Stat, analyse, describe_source, format_value, load_citations, load_registry
from checker.kinds.base import CorpusKind, Param

DEFAULT_REGISTRY = "data/claims.yaml"
DEFAULT_CITATIONS = "data/citations.yaml"


@functools.lru_cache(maxsize=16)
def _same_file(path: str) -> str:
    """One name for a file however it was reached, so that rules share one analysis."""
    return os.path.realpath(path)


class StatsKind(CorpusKind):
    PARAMETERS: ClassVar[dict[str, Param]] = {
        "registry": Param("str", default=DEFAULT_REGISTRY),
        "citations": Param("str", default=DEFAULT_CITATIONS),
    }
    FIELDS = (
        "match",  # the figure as written: 17%, one in five, 727,000
        "suggestion",  # the first suggestion
        "first",  # inconsistent: the figure as first stated in the article,
        "line",  # and the line it is on
        "claim",  # registry-mismatch: the registry claim the figure matches (an outdated one, for `outdated`)
        "value",  # registry-mismatch: the registry's value (the current one, for `outdated`),
        "source",  # and its source (source-mismatch: the registry's source; incomplete-citation: the source as named)
        "current",  # registry-mismatch `outdated`: the claim that replaces the outdated one
        "attributed_to",  # source-mismatch: the source the sentence names
        "reason",  # impossible: why the figure cannot be true
        "other",  # corpus-inconsistent: the other article's figure,
        "other_path",  # that article's path
        "other_line",  # and the line of the figure in it
    )
    MESSAGES = (
        "outdated",  # registry-mismatch: the figure is a superseded one
        "unnamed",  # incomplete-citation: a study or survey referred to but not named
    )

    DATA_FILES = ("registry", "citations")

    @classmethod
    def validate(cls, rule):
        # Read (and so check) the data now: a broken registry stops the run when the pack loads.
        load_registry(str(rule.data_path(rule.params["registry"])))
        load_citations(str(rule.data_path(rule.params["citations"])))
        return None

    def __init__(self, rule):
        super().__init__(rule)
        self.check_name = rule.params["check"]
        self.registry_path = str(rule.data_path(rule.params["registry"]))
        self.citations_path = str(rule.data_path(rule.params["citations"]))

    def stats(self, doc, paths: tuple[str, str] | None = None) -> list[Stat]:
        """The article's figures, judged against a registry and citation rules (the rule's own, by
        default): analysed once per document and pair of data files, whichever rule asks."""
        registry, citations = paths or (self.registry_path, self.citations_path)
        key = ("stats", _same_file(registry), _same_file(citations))
        return self.analysis(doc, key, lambda: analyse(doc, registry, citations))

    def check(self, doc, context) -> list:
        return self.CHECKS[self.check_name](self, doc, self.stats(doc))

    # ---- metrics and corpus facts

    def metrics(self, doc, context) -> dict:
        """Every figure with its claim and status, judged against this rule's registry and
        citation rules (the engine asks the first stats rule enabled)."""
        out = []
        for stat in self.stats(doc):
            status = "ok"
            if stat.figure.impossible:
                status = "impossible"
            elif stat.first_statement is not None:
                status = "inconsistent"
            elif stat.claim_status in ("mismatch", "outdated"):
                status = "registry-" + stat.claim_status
            elif not (stat.citation_status or stat.inherited_from):
                status = "uncited"
            elif (stat.inherited_from or stat).citation_status == "incomplete":
                status = "incomplete-citation"
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
            if self.scoped and not self.in_scope(stat.block):
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
                finding = self.finding(
                    fact["start"], fact["end"], [other_fact["raw"]],
                    match=fact["raw"], other=other_fact["raw"], other_path=other_path, other_line=other_fact["line"],
                )
                finding.line, finding.column = fact["line"], fact["column"]
                finding.end_line, finding.end_column = fact["end_line"], fact["end_column"]
                finding.excerpt = fact["excerpt"]
                out.setdefault(path, []).append(finding)
        return out

    # ---- the checks: (self, doc, the article's stats) -> findings

    def check_uncited(self, doc, stats):
        # An inconsistent restatement is reported as such: once it agrees, it inherits the citation.
        return [
            self.finding(s.start, s.end, match=s.figure.raw)
            for s in stats
            if not s.citation_status and s.inherited_from is None and not s.figure.impossible and s.first_statement is None
        ]

    def check_incomplete_citation(self, doc, stats):
        """A source referred to but not named, or named without a year or a link (info)."""
        out = []
        for s in stats:
            standing = s.inherited_from or s
            if standing.citation_status != "incomplete" or s.figure.impossible or s.first_statement is not None:
                continue
            variant = None if standing.source_named else "unnamed"
            out.append(self.finding(s.start, s.end, variant=variant, match=s.figure.raw,
                                    source=standing.source_named or standing.citation.split(",")[0].strip("'")))
        return out

    def check_inconsistent(self, doc, stats):
        out = []
        for s in stats:
            first = s.first_statement
            if first is None:
                continue
            line = doc.position(first.start)[0]
            finding = self.finding(s.start, s.end, [first.figure.raw], match=s.figure.raw, first=first.figure.raw, line=line)
            finding.related = ((first.start, first.end, f"first stated here as '{first.figure.raw}'"),)
            out.append(finding)
        return out

    def check_corpus_inconsistent(self, doc, stats):
        return []  # found in check_corpus, once every article has been read

    def check_registry_mismatch(self, doc, stats):
        out = []
        for s in stats:
            if s.claim_status == "mismatch":
                expected = s.expected
                value = format_value(expected)
                out.append(self.finding(s.start, s.end, [value], match=s.figure.raw, claim=expected["claim"], value=value,
                                        source=describe_source(expected)))
            elif s.claim_status == "outdated":
                newer = s.expected  # the registry's loader makes sure superseded_by names a claim
                value = format_value(newer)
                out.append(self.finding(s.start, s.end, [value], variant="outdated", match=s.figure.raw, claim=s.claim["claim"],
                                        value=value, current=newer["claim"], source=describe_source(newer)))
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
            source = describe_source(s.claim)
            out.append(self.finding(s.start, s.end, [source], match=s.figure.raw, attributed_to=s.sources[0], source=source))
        return out

    def check_impossible(self, doc, stats):
        return [self.finding(s.start, s.end, match=s.figure.raw, reason=s.figure.impossible) for s in stats if s.figure.impossible]

    CHECKS: ClassVar[dict] = {
        "uncited": check_uncited,
        "incomplete-citation": check_incomplete_citation,
        "inconsistent": check_inconsistent,
        "corpus-inconsistent": check_corpus_inconsistent,
        "registry-mismatch": check_registry_mismatch,
        "source-mismatch": check_source_mismatch,
        "impossible": check_impossible,
    }
    PARAMETERS["check"] = Param("str", required=True, choices=tuple(CHECKS))

