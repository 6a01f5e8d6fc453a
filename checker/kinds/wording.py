"""The `wording` kind: stigmatising or unsafe wording, judged in its sentence (checker.context).

Keys, besides those of every rule:
- terms: phrases, matched case-insensitively on word boundaries (list each inflection:
  "commit suicide", "committed suicide" ...); regex: regular expressions for the rest
  ("suicide was committed", "a schizophrenic" but not "schizophrenic symptoms"); a regex may
  match words around the term and mark the term itself as (?P<term>...), which is what is reported;
- exceptions: phrases in which a match is another sense of the word ("pay attention",
  "attention span", "Alcoholics Anonymous");
- mode:
  - always: wrong in any editorial use; passes only when quoted or mentioned as a word
    ("the term 'committed suicide'", a person quoted describing themselves);
  - asserted: wrong only when stated as fact: passes when negated, myth-framed, quoted, asked,
    reported as someone else's view, or hypothetical ("self-harm is not attention-seeking");
  - figurative: a clinical word used for a non-clinical thing ("so OCD", "bipolar weather");
    the patterns carry the figurative construction, quotes pass;
  - context: wrong only near a topic (`near`: words that must stand in the same sentence, e.g.
    "epidemic" near "suicide", "clean" near "drug"); quotes pass.

    - id: wording.attention-seeking
      kind: wording
      mode: asserted
      severity: error
      terms: [attention-seeking, attention seeking, seeking attention]
      message: Calling self-harm attention-seeking stigmatises people who self-harm.
      examples:
        fail: ["Self-harm is [[attention-seeking]] behavior."]
        pass: ["Self-harm is not attention-seeking behavior."]
"""

from __future__ import annotations

import bisect
import re

from checker import saferegex
from checker.context import ASSERTED, NEGATED, QUOTED, SELF, block_quotations, given_name, judge, load_context_rules, own_account, window
from checker.discourse import MENTIONED, STATEMENT, block_frames, in_word_list, proper_name, sentence_frames, speaker_turns, work_titles
from checker.document import HEADING, PROSE_KINDS, QUOTE
from checker.findings import Finding
from checker.kinds.base import Kind, Param
from checker.phrases import PhraseList, phrases_regex
from checker.prefilter import literals_of, may_match

MODES = ("always", "asserted", "figurative", "context")


def regex_literals(rule) -> list:
    flags = 0 if rule.params["case_sensitive"] else re.IGNORECASE
    return [literals_of(source, flags) for source in rule.params["regex"]]


def _occurs(string: str, doc, lower_text: str) -> bool:
    """Is a pre-check string in the article? (Answered once per article: rules share strings.) A
    string of ASCII letters and digits can only stand inside a word, so the list of the article's
    distinct words is enough, and much shorter."""
    answers = doc.cache.setdefault("occurs", {})
    if string not in answers:
        answers[string] = string in (doc.word_text() if string.isascii() and string.isalnum() else lower_text)
    return answers[string]


class WordingKind(Kind):
    """Two pre-checks keep most rules from running a regex at all: a term can only match where
    all its words are (checker.phrases.PhraseList), and a regex only where one of its required
    strings is (checker.prefilter). Patterns are compiled on first use."""

    DATA_FILES = ("context",)
    PARAMETERS = {
        "mode": Param("str", default="always", choices=MODES),
        "terms": Param("str_list", default=[]),
        "regex": Param("str_list", default=[]),
        "exceptions": Param("str_list", default=[]),
        "near": Param("str_list", default=[]),
        # ... and not near these (a `context` rule's other topics: "victim" of a murder-suicide).
        "unless_near": Param("str_list", default=[]),
        "case_sensitive": Param("bool", default=False),
        "context": Param("str", default="data/context.yaml"),
        # A name that was once standard ("lunatic asylum"): a historical account may use it.
        "historical": Param("bool", default=False),
        # A label for a person that a denial takes back ("you're not crazy"), unlike an act
        # ("there is no evidence he committed suicide" still uses the wording).
        "deniable": Param("bool", default=False),
        # Where a `context` rule looks for its `near` words: the sentence, or the whole paragraph
        # and the heading above it ("epidemic" two sentences after "suicide").
        "near_scope": Param("str", default="sentence", choices=("sentence", "paragraph")),
        # An act a writer may tell of themself: `possessive` - "my" right before the term ("my
        # failed suicide attempt"); `subject` - also the first person as the subject of the clause
        # that holds a verb ("I overdosed as an attempt to commit suicide"). Either makes it the
        # writer's own account (checker.context.own_account).
        "own_account": Param("str", default="none", choices=("none", "possessive", "subject")),
    }

    @classmethod
    def explain(cls, rule) -> str:
        judged = {
            "always": "Flagged wherever the article uses it, in its own voice.",
            "asserted": "Flagged only when the article states it as fact (context 'asserted').",
            "figurative": "Flagged when a diagnosis is used for an ordinary thing (context 'figurative').",
            "context": "Flagged only near its topic words (context 'near-topic'): " + ", ".join(rule.params["near"])
                       + ("; not when these stand near too: " + ", ".join(rule.params["unless_near"]) if rule.params["unless_near"] else "") + ".",
        }[rule.params["mode"]]
        passes = ("It passes when quoted or mentioned as a word, in a person's own words about themselves, as a name"
                  " given to a person ('classmates called him a psycho', unless the writer gives it), in a list"
                  " of words, under a page frame that mentions words (a heading such as 'Words to avoid', a table"
                  " column 'Instead of', a list after 'Avoid terms such as:'), or in a myth statement ('Myth: ...',"
                  " a list under 'Common myths')")
        if rule.params["mode"] == "asserted":
            passes += ", and when negated, myth-framed, asked, reported or hypothetical (checker/context.py)"
        if rule.params["historical"]:
            passes += ", and in a historical account or an institution's name"
        if rule.params["own_account"] != "none":
            passes += ", and when the writer tells of their own act ('my failed attempt'" + (", 'I tried to ...'" if rule.params["own_account"] == "subject" else "") + ")"
        return f"{judged} {passes}. Every trigger and cue is in {rule.params['context']}."

    @classmethod
    def validate(cls, rule):
        params = rule.params
        if not (params["terms"] or params["regex"]):
            return "terms", "a 'wording' rule needs 'terms' or 'regex'"
        if params["mode"] == "context" and not params["near"]:
            return "near", "a 'context' rule needs 'near' (the topic words that make the term wrong)"
        flags = 0 if params["case_sensitive"] else re.IGNORECASE
        problem = saferegex.check_expressions(params["regex"], flags, rule.trusted)
        if problem:
            return problem
        load_context_rules(str(rule.data_path(params["context"])))  # a broken file stops the load
        # The pre-check words of each regex, worked out once and kept with the cached rule set.
        rule.prepared["literals"] = [None if words is None else sorted(words) for words in regex_literals(rule)]
        return None

    def __init__(self, rule):
        super().__init__(rule)
        params = rule.params
        self.flags = 0 if params["case_sensitive"] else re.IGNORECASE
        self.mode = params["mode"]
        self.terms = PhraseList(params["terms"], self.flags) if params["terms"] else None
        self.sources = params["regex"]
        self.trusted = rule.trusted
        self._regexes: list = [None] * len(self.sources)
        self._exceptions = self._near = self._unless = None
        prepared = rule.prepared.get("literals")
        if prepared is None or len(prepared) != len(self.sources):
            self.literals = regex_literals(rule)
        else:
            self.literals = [None if words is None else frozenset(words) for words in prepared]
        self.context_path = str(rule.data_path(params["context"]))

    @property
    def patterns(self) -> list:
        return ([self.terms.regex] if self.terms else []) + [self.regex(k) for k in range(len(self.sources))]

    def regex(self, k: int):
        if self._regexes[k] is None:
            self._regexes[k] = saferegex.compile(self.sources[k], self.flags, self.trusted)
        return self._regexes[k]

    @property
    def exceptions(self):
        if self._exceptions is None and self.rule.params["exceptions"]:
            self._exceptions = phrases_regex(self.rule.params["exceptions"], self.flags)
        return self._exceptions

    @property
    def near(self):
        if self._near is None and self.rule.params["near"]:
            self._near = phrases_regex(self.rule.params["near"], re.IGNORECASE)
        return self._near

    def on_topic(self, text: str) -> bool:
        """Does the text hold one of the rule's `near` words, and none of its `unless_near`?"""
        if not self.near.search(text):
            return False
        if self._unless is None:
            self._unless = phrases_regex(self.rule.params["unless_near"], re.IGNORECASE) if self.rule.params["unless_near"] else False
        return not (self._unless and self._unless.search(text))

    def runnable(self, words, lower) -> list:
        """The patterns that can match a text with these words and this lower-case form."""
        out = [self.terms.regex] if self.terms and self.terms.may_occur(words) else []
        return out + [self.regex(k) for k, required in enumerate(self.literals) if may_match(required, lower)]

    def matches(self, block, patterns=None):
        """(start, end) of each match in the block's text, outside exception phrases, of the
        given patterns (by default, those whose pre-checks the block passes)."""
        runnable = self.runnable(block.words, block.lower) if patterns is None else patterns
        if not runnable:
            return
        allowed = [m.span() for m in self.exceptions.finditer(block.text)] if self.exceptions else []
        seen = set()
        for pattern in runnable:
            for m in saferegex.finditer(pattern, block.text):
                # A regex may match context around the term and mark the term with (?P<term>...).
                start, end = m.span("term") if "term" in pattern.groupindex and m.group("term") is not None else m.span()
                if start == end or (start, end) in seen:
                    continue
                if any(a <= start and end <= b for a, b in allowed):
                    continue
                seen.add((start, end))
                yield start, end

    def context_of(self, sentence_text: str, start: int, end: int, rules, frame=None, paragraph_topic: bool | None = None, dated_block: bool = False) -> str | None:
        """What makes the term wrong here (the `context` of its finding), or None when it passes:
        the page's frame first (a style guide mentions words, a myth list states myths), then the
        sentence's (checker.context)."""
        if frame is not None and (frame.label == MENTIONED or frame.reach == STATEMENT or self.mode == "asserted"):
            return None
        sentence_text, offset = window(sentence_text, start, end)  # a run-on sentence: the stretch around the term
        start, end = start - offset, end - offset
        if self.rule.params["historical"] and (dated_block or rules.find("historical", sentence_text)):
            return None
        verdict = judge(sentence_text, start, end, rules)
        if verdict.label == ASSERTED and own_account(sentence_text, start, rules, self.rule.params["own_account"], end):
            return None  # the writer's own act or state, told in the first person
        if self.mode == "asserted":
            return ASSERTED if verdict.label == ASSERTED else None
        if verdict.label == QUOTED or (verdict.label == SELF and self.mode != "figurative"):
            return None  # quoted or mentioned; a person's words for themselves (but "I'm so OCD" trivialises)
        if self.mode != "figurative" and given_name(sentence_text, start, rules):
            return None  # a name given to a person, reported or discussed: "classmates called him a psycho"
        if verdict.label == NEGATED and self.rule.params["deniable"]:
            return None  # a label denied: "a diagnosis does not make you crazy"
        if self.mode == "context":
            topic = self.on_topic(sentence_text) if paragraph_topic is None else paragraph_topic
            return "near-topic" if topic else None
        return "figurative" if self.mode == "figurative" else "used"

    def check(self, doc, context=None) -> list[Finding]:
        plan = self.plan(doc)
        if not plan:
            return []  # none of the rule's patterns can match anywhere in the article
        rules = load_context_rules(self.context_path)
        findings = []
        try:
            for k, patterns in plan.items():
                self.check_block(doc, k, patterns, rules, findings)
        except saferegex.RuleTimeout:
            findings.append(saferegex.timeout_finding(self.rule, 0, 0))
        return findings

    def plan(self, doc) -> dict[int, list]:
        """The blocks worth searching, in order, each with the patterns that can match in it: a
        term where a block has all its words, a regex where it has one of its pre-check strings."""
        lower = doc.prose_lower()
        where: dict[int, list] = {}
        if self.terms:
            for k in self.terms.blocks_in(doc):
                where[k] = [self.terms.regex]
        for i, required in enumerate(self.literals):
            if required is None:
                blocks = doc.blocks_with(())
            else:
                blocks = set().union(*(doc.blocks_containing(s) for s in required if _occurs(s, doc, lower)))
            for k in blocks:
                where.setdefault(k, []).append(self.regex(i))
        return dict(sorted(where.items()))

    def paragraph_text(self, doc, k: int) -> str:
        """The block's text and the heading above it: the window of a `near_scope: paragraph` rule."""
        headings = self.analysis(doc, ("heading-blocks",), lambda: [j for j, b in enumerate(doc.blocks) if b.kind == HEADING])
        above = bisect.bisect_left(headings, k)
        heading = doc.blocks[headings[above - 1]].text if above else ""
        return heading + "\n" + doc.blocks[k].text

    def check_block(self, doc, k: int, patterns, rules, findings: list) -> None:
        block = doc.blocks[k]
        sentences = starts = prefixes = quotes = topic = None
        dated = False
        for start, end in self.matches(block, patterns):
            if sentences is None:  # worked out once per block, for every wording rule
                sentences = block.sentences
                starts = [s.start for s in sentences]
                prefixes, quotes = self.analysis(doc, ("wording-block", k, id(rules)),
                                                 lambda: (sentence_frames(block, rules.frames, speaker_turns(doc, rules.frames)), _Regions(block_quotations(block.text))))
                # Worked out once per block, not once per term: a paragraph of thousands of lines
                # would otherwise be searched once for each of its terms.
                topic = self.on_topic(self.paragraph_text(doc, k)) if self.rule.params["near_scope"] == "paragraph" and self.mode == "context" else None
                dated = self.rule.params["historical"] and (
                    self.analysis(doc, ("dated-page", id(rules)), lambda: _dated_page(doc, rules))
                    or self.analysis(doc, ("dated-block", k, id(rules)), lambda: bool(rules.find("historical_paragraph", block.text))))
            index = bisect.bisect_right(starts, start) - 1  # the sentence the term starts in
            if index < 0 or start >= sentences[index].end:
                continue
            if block.kind == QUOTE or quotes.contain(start, end) or proper_name(block, start, end):
                continue  # a block quotation, or a quotation that runs over sentences; part of a name ("Kew Lunatic Asylum")
            if block.text[start].isupper() and _in_title(block.text[start:end], work_titles(doc, rules.work_title_patterns)):
                continue  # the work the page is about ("Psycho movie review: ... Psycho is ...")
            sentence = sentences[index]
            if self.mode != "asserted":
                part, offset = window(sentence.text, start - sentence.start, end - sentence.start)
                if in_word_list(part, start - sentence.start - offset, end - sentence.start - offset, rules.word_lists):
                    continue  # one of a list of words: the words are talked about
            frame = prefixes[index] or block_frames(doc, rules.frames).get(k)
            context = self.context_of(sentence.text, start - sentence.start, end - sentence.start, rules, frame, topic, dated)
            if context is None:
                continue
            span = block.source_span(start, end)
            finding = self.finding(span.start, span.end, match=" ".join(block.text[start:end].split()))
            finding.context = context
            findings.append(finding)


def _in_title(term: str, titles) -> bool:
    term = " ".join(term.lower().split())
    return any(re.search(rf"(?<!\w){re.escape(term)}(?!\w)", title) for title in titles)


class _Regions:
    """Stretches of a block (quotations), asked whether one holds a span: by bisection, so a
    paragraph of thousands of quoted terms is not searched once per term."""

    def __init__(self, regions):
        regions = sorted(regions)
        self.starts = [a for a, _ in regions]
        self.reach = []  # the furthest end among the regions that start at or before each one
        for _, b in regions:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def contain(self, start: int, end: int) -> bool:
        at = bisect.bisect_right(self.starts, start)
        return bool(at) and self.reach[at - 1] >= end


def _dated_page(doc, rules) -> bool:
    """A page whose title or opening paragraph dates it to the past ("Victorian asylum portraits",
    "In 1850 the county opened ...") is a historical account throughout."""
    opening = [b for b in doc.blocks[: rules.dated_page_blocks] if b.kind in PROSE_KINDS]
    return any(rules.find("historical_paragraph", b.text) for b in opening[:2])
