"""The `readability` kind: grade level against the audience's target, and where the hard parts are.

The target grade comes from the article's audience (front matter `audience`, else config
`readability.audience`, else the data file's default, general readers: grade 8), or directly from
config `readability.target_grade`. Each rule picks one `check`:

- grade: the article's Flesch-Kincaid grade is above its target;
- hard-paragraph: paragraphs `margin` or more grades above the target, hardest first, at most
  `max_findings`, each at its own span with its grade (paragraphs under `min_words` are skipped:
  formulas mean little on a sentence or two);
- long-sentence: sentences over `max_words` words;
- jargon: clinical words with plain alternatives (data file); a word defined where first used
  ("ideation (thoughts of suicide)", "anhedonia, which means ...") is not flagged after that;
- undefined-acronym: an acronym used before it is spelled out, e.g. "NSSI" before
  "non-suicidal self-injury (NSSI)"; common acronyms are allowed.
With config `readability.discount_domain_terms: true`, unavoidable domain words (suicide,
depression, psychological ...) count as two syllables at most; the metrics then also carry
`fk_grade_domain_adjusted` and the words discounted, so the adjustment is never hidden.

Every wording is the rule's: its `message` words the main case, its `messages` variants (see
MESSAGES) the other cases, some of them pieces of the others (the formula's name, the target,
one of the hardest paragraphs).
"""

from __future__ import annotations

import re

from checker import regexcache
from checker.document import HEADING, LIST_ITEM, PARAGRAPH, PROSE_KINDS, QUOTE, TABLE_CELL
from checker.findings import Finding
from checker.kinds.base import CheckContext, Kind, Param
from checker.phrases import phrase_list
from checker.readability import (
    article_measures,
    article_prose,
    fk_from,
    has_prose,
    load_readability_data,
    prose_blocks,
    syllables,
    unit_cuts,
)

TEXT_KINDS = (PARAGRAPH, LIST_ITEM, QUOTE)
_TWO_CAPITALS = regexcache.compile(r"[A-Z][A-Z0-9&]")
_ROMAN = regexcache.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")  # II, III, IV, XII: numerals, not acronyms
_ACRONYM = regexcache.compile(r"(?<![\w&-])([A-Z][A-Z0-9&]{1,7})(s?)(?![\w&-])")
_WORD = regexcache.compile(r"[A-Za-z][A-Za-z'’-]*")
_DEFINITION_AFTER = regexcache.compile(r"\s*(?:\(|,\s*(?:which|or|meaning|also called|known as)\b|\s+(?:means|is when|refers to)\b|\s*[—–:]\s)", re.IGNORECASE)
# The two patterns below end at the word they judge and are searched in the 40 characters before
# it only: searched from the block's start, each acronym cost the whole block before it.
_KEYWORD_BEFORE = regexcache.compile(r"\b(?:text|texting|txt|keyword)\s+[\"“']?$", re.IGNORECASE)
_NUMBER_AROUND = regexcache.compile(r"\d{3,}\s+[A-Z]{3,}\b|\b[A-Z]{3,}\s+(?:to\s+)?\d{3,}")
_DEFINITION_BEFORE = regexcache.compile(r"(?:called|known as|termed|the term)\s*[\"“']?$", re.IGNORECASE)


def target_grade(doc, data: dict, settings: dict) -> tuple[float, str | None]:
    """The article's target grade, and the audience it is for (None: the configured target)."""
    options = settings.get("readability") or {}
    if "target_grade" in options:
        return float(options["target_grade"]), None
    audience = doc.metadata.get("audience")
    if not isinstance(audience, str) or audience.lower() not in data["targets"]:
        audience = options.get("audience") or data["default_audience"]
    audience = str(audience).lower()
    return float(data["targets"].get(audience, data["targets"][data["default_audience"]])), audience


def domain_discount(text: str, data: dict) -> tuple[int, dict]:
    """Syllables to take off when domain words count as two at most, and how often each was used."""
    terms = {t.lower() for t in data["domain_terms"]}
    used: dict[str, int] = {}
    discount = 0
    for word in _WORD.findall(text):
        lower = word.lower().strip("'’")
        if lower in terms:
            extra = syllables(lower) - 2
            if extra > 0:
                discount += extra
                used[lower] = used.get(lower, 0) + 1
    return discount, used


def article_summary(doc, data_path: str, settings: dict) -> dict:
    """Measures of the whole article and its target, for one data file and the file's settings:
    built once per document and shared by every readability rule (and the metrics)."""
    options = settings.get("readability") or {}
    key = ("readability", data_path, repr(options))
    if key not in doc.cache:
        data = load_readability_data(data_path)
        skip = data.get("skip_sections", ())
        result = article_measures(doc, skip)  # shares the engine's fk_grade: counted once
        target, audience = target_grade(doc, data, settings)
        result["target_grade"] = target
        result["_audience"] = audience
        if options.get("discount_domain_terms") and "words" in result:
            prose = article_prose(doc, skip)
            discount, used = domain_discount(prose.text, data)
            words, sentences = result["words"], max(result["sentences"], 1)
            adjusted = 0.39 * (words / sentences) + 11.8 * ((prose.total.syllables - discount) / max(words, 1)) - 15.59
            result["fk_grade_domain_adjusted"] = round(adjusted, 1)
            result["domain_terms_discounted"] = dict(sorted(used.items()))
        doc.cache[key] = result
    return doc.cache[key]


class ReadabilityKind(Kind):
    PARAMETERS = {
        "data": Param("str", default="data/readability.yaml"),
        "margin": Param("float", default=3.0),
        "max_findings": Param("int", default=5),
        "min_words": Param("int", default=25),
        "max_words": Param("int", default=30),
    }  # and "check", from CHECKS below
    SETTINGS = {
        "audience": Param("text", doc="an audience name such as general or teen"),
        # 0 < grade < 30: the minimum is the smallest number above 0 (the maximum is exclusive).
        "target_grade": Param("float", above=0, maximum=30, doc="a grade between 0 and 30"),
        "discount_domain_terms": Param("bool", doc="true or false"),
    }
    FIELDS = (
        "match", "suggestion",  # the span, and the first plain alternative (jargon)
        "grade", "formula", "target", "target_grade", "audience", "hardest", "line",  # grade, hard-paragraph
        "above",  # hard-paragraph: grades above the target
        "words", "max_words",  # long-sentence
        "acronym",  # undefined-acronym
    )
    MESSAGES = (
        # grade, and its pieces
        "above-target", "above-target-no-hard-paragraphs", "formula", "formula-domain-adjusted",
        "audience-target", "configured-target", "hardest-paragraph",
        "hard-paragraph",
        "long-sentence",
        "jargon", "jargon-no-alternative",
        "used-before-definition", "never-defined",
    )

    def __init__(self, rule):
        super().__init__(rule)
        self.params = rule.params
        self.check_name = rule.params["check"]
        self.data_path = str(rule.data_path(rule.params["data"]).resolve())

    DATA_FILES = ("data",)

    @classmethod
    def validate(cls, rule):
        load_readability_data(str(rule.data_path(rule.params["data"])))  # a broken file stops the load
        return None

    def data(self) -> dict:
        return load_readability_data(self.data_path)

    def blocks(self, doc, with_tables: bool = False) -> list:
        """The prose blocks the rules judge: body text outside reference-like sections."""
        blocks = prose_blocks(doc, self.data().get("skip_sections", ()))
        if with_tables:
            tables = [b for b in doc.blocks if b.kind == TABLE_CELL]
            blocks = sorted(blocks + tables, key=lambda b: b.span.start)
        return blocks

    def article(self, doc, context: CheckContext) -> dict:
        return article_summary(doc, self.data_path, context.settings if context else {})

    # ---- what the engine calls

    def check(self, doc, context: CheckContext | None = None) -> list[Finding]:
        return self.CHECKS[self.check_name](self, doc, context)

    def metrics(self, doc, context: CheckContext) -> dict:
        """The article's measures against the targets of this rule's data file (the engine asks the
        first readability rule enabled, so the figures match that rule's findings)."""
        summary = article_summary(doc, self.data_path, context.settings if context else {})
        return {k: v for k, v in summary.items() if not k.startswith("_")}

    # ---- checks

    def check_grade(self, doc, context):
        article = self.article(doc, context)
        if not article or article.get("words", 0) < self.params["min_words"]:
            return []
        grade = article.get("fk_grade_domain_adjusted", article["fk_grade"])
        target = article["target_grade"]
        if grade <= target:
            return []
        blocks = [b for b in doc.blocks if b.kind in PROSE_KINDS]
        anchor = next((b for b in blocks if b.kind in TEXT_KINDS), blocks[0] if blocks else None)
        if anchor is None:
            return []
        first_line = doc.first_line_span(anchor)
        formula = self.message("formula-domain-adjusted" if "fk_grade_domain_adjusted" in article else "formula")
        audience = article["_audience"]
        target_text = self.message("configured-target") if audience is None else self.message("audience-target", audience=audience)
        hardest = [
            self.message("hardest-paragraph", line=doc.position(block.span.start)[0], grade=f"{g:.1f}")
            for g, block in self.hard_paragraphs(doc, context)[:3]
        ]
        return [
            self.finding(
                first_line.start,
                first_line.end,
                variant="above-target" if hardest else "above-target-no-hard-paragraphs",
                document_level=True,
                grade=f"{grade:.1f}",
                formula=formula,
                target=target_text,
                target_grade=f"{target:g}",
                audience=audience or "",
                hardest=", ".join(hardest),
            )
        ]

    def hard_paragraphs(self, doc, context, in_scope_only: bool = False) -> list[tuple[float, object]]:
        """The paragraphs `margin` grades or more above the target, hardest first, at most
        `max_findings` (of those in the rule's scope, with in_scope_only)."""
        target = self.article(doc, context).get("target_grade", 8.0)
        scored = []
        for block, prose, counts in article_prose(doc, self.data().get("skip_sections", ())).blocks:
            if counts.tokens < self.params["min_words"] or not has_prose(prose):
                continue
            if in_scope_only and self.scoped and not self.in_scope(block):
                continue
            grade = round(fk_from(counts), 1)
            if grade >= target + self.params["margin"]:
                scored.append((grade, block))
        scored.sort(key=lambda item: (-item[0], item[1].span.start))
        return scored[: self.params["max_findings"]]

    def check_hard_paragraph(self, doc, context):
        target = self.article(doc, context).get("target_grade", 8.0)
        return [
            self.finding(
                block.span.start,
                block.span.end,
                variant="hard-paragraph",
                grade=f"{grade:.1f}",
                above=f"{grade - target:.1f}",
                target_grade=f"{target:g}",
            )
            for grade, block in self.hard_paragraphs(doc, context, in_scope_only=True)
        ]

    def check_long_sentence(self, doc, context):
        limit = self.params["max_words"]
        out = []
        for block in self.blocks(doc):
            if self.scoped and not self.in_scope(block):
                continue
            cuts = unit_cuts(block)
            for sentence in block.sentences:
                # A line that ends without end punctuation ends the sentence there (unit_cuts).
                inside = [c - sentence.start for c in cuts if sentence.start < c < sentence.start + len(sentence.text)]
                start = 0
                for end in inside + [len(sentence.text)]:
                    piece = sentence.text[start:end]
                    count = len(_WORD.findall(piece))
                    if count > limit:
                        lead = len(piece) - len(piece.lstrip())
                        span = block.source_span(sentence.start + start + lead, sentence.start + start + len(piece.rstrip()))
                        out.append(self.finding(span.start, span.end, variant="long-sentence", words=count, max_words=limit))
                    start = end
        return out

    def check_jargon(self, doc, context):
        jargon = {k.lower(): v for k, v in self.data()["jargon"].items()}
        terms = phrase_list(tuple(jargon))
        needs = terms.needs_met(doc.words())
        if not needs:
            return []
        seen = set()
        out = []
        for block in self.blocks(doc, with_tables=True):
            if not terms.may_occur(block.words, needs):
                continue
            for match in terms.regex.finditer(block.text):
                term = " ".join(match.group().lower().split())
                if term in seen:
                    continue
                seen.add(term)  # judged once, at its first use (in or out of the rule's scope)
                if _DEFINITION_AFTER.match(block.text, match.end()) or _DEFINITION_BEFORE.search(block.text, max(0, match.start() - 40), match.start()):
                    continue
                plain = jargon.get(term, [])
                if any(p.lower() in block.lower for p in plain):
                    continue  # the plain word stands beside it ("Suicidal ideation (suicidal thoughts)")
                span = block.source_span(match.start(), match.end())
                variant = "jargon" if plain else "jargon-no-alternative"
                out.append(self.finding(span.start, span.end, plain or None, variant=variant, match=match.group()))
        return out

    def check_undefined_acronym(self, doc, context):
        from checker.syllables import dictionary

        common = {a.upper() for a in self.data()["common_acronyms"]}
        small = frozenset(w.lower() for w in self.data().get("acronym_small_words", []))
        english = dictionary()
        defined: set[str] = set()
        flagged: set[str] = set()
        occurrences = None
        out = []
        body = self.blocks(doc, with_tables=True)
        # Headings define acronyms too ("### Cognitive Behavioral Therapy (CBT)"); only the body
        # is judged.
        headings = [b for b in doc.blocks if b.kind == HEADING]
        blocks = sorted(body + headings, key=lambda b: b.span.start)
        # An acronym is defined where it stands in brackets after its words, or is followed by them.
        for block in blocks:
            if block.text.isupper() or not _TWO_CAPITALS.search(block.text):
                continue  # all in capitals, or no acronym (the quick test skips most blocks)
            for match in _ACRONYM.finditer(block.text):
                acronym = match.group(1)
                if acronym in common or acronym in defined or acronym in flagged or _ROMAN.fullmatch(acronym):
                    continue  # a known abbreviation, or a Roman numeral ("Bipolar II")
                if block.kind == HEADING:
                    if _is_definition(block.text, match, acronym, small):
                        defined.add(acronym)
                    continue
                if _KEYWORD_BEFORE.search(block.text, max(0, match.start() - 40), match.start()) or _NUMBER_AROUND.search(block.text[max(0, match.start() - 12) : match.end() + 12]):
                    continue  # a text keyword ("text CONNECT to 686868", "0508 TAUTOKO"), not an acronym
                if _is_definition(block.text, match, acronym, small):
                    defined.add(acronym)
                    continue
                if acronym.lower() in english and acronym.isalpha():
                    continue  # an ordinary word in capitals ("NOT"), not an acronym
                if occurrences is None:  # every acronym's places, read once: most articles flag none
                    occurrences = {}
                    for other in blocks:
                        for found in _ACRONYM.finditer(other.text):
                            occurrences.setdefault(found.group(1), []).append((other.text, found))
                later = any(_is_definition(text, found, acronym, small) for text, found in occurrences.get(acronym, ()))
                flagged.add(acronym)
                span = block.source_span(match.start(1), match.end(1))
                variant = "used-before-definition" if later else "never-defined"
                out.append(self.finding(span.start, span.end, variant=variant, acronym=acronym))
        return out

    CHECKS = {
        "grade": check_grade,
        "hard-paragraph": check_hard_paragraph,
        "long-sentence": check_long_sentence,
        "jargon": check_jargon,
        "undefined-acronym": check_undefined_acronym,
    }
    PARAMETERS["check"] = Param("str", required=True, choices=tuple(CHECKS))


def _initials_match(words_before: str, acronym: str, small_words=frozenset()) -> bool:
    """Do the words before '(ACRONYM)' start with its letters? 'non-suicidal self-injury' -> NSSI.
    Small words may be left out of an acronym: 'other specified feeding or eating disorder' -> OSFED."""
    letters = "".join(c for c in acronym.upper() if c.isalpha())
    parts = [p.strip("*_\"“”'(") for p in re.split(r"[\s/-]+", words_before)]
    parts = [p for p in parts if p and p[0].isalpha()]
    for words in (parts, [p for p in parts if p.lower() not in small_words]):
        initials = "".join(p[0].upper() for p in words)
        if letters and letters in initials:
            return True
    return False


def _is_definition(text: str, match: re.Match, acronym: str, small_words=frozenset()) -> bool:
    # "non-suicidal self-injury (NSSI)"
    if text[max(0, match.start() - 1) : match.start()] == "(" and text[match.end() : match.end() + 1] in (")", ",", ";"):
        words = text[: match.start() - 1].split()[-8:]
        return _initials_match(" ".join(words), acronym, small_words)
    # "NSSI (non-suicidal self-injury)"
    after = re.match(r"\s*\(([^)]{3,80})\)", text[match.end() :])
    return bool(after) and _initials_match(after.group(1), acronym, small_words)
