"""Is a matched term asserted, negated, myth-framed, quoted, asked, reported, hypothetical, or a
person's words about themselves?

The article we want says "self-harm is not attention-seeking"; a checker that flags it teaches
editors to ignore it. This is a NegEx/ConText-style classifier (see rules/data/context.yaml for
every phrase it knows):

1. quoted: the term stands inside quotation marks, or right after a mention phrase ("the term",
   "words like", "avoid") - the word is being talked about, or a person is quoted; or the first
   person governs it ("I suffer from", "as a recovering alcoholic I": self) - person-first
   guidance lets people describe themselves as they choose;
2. asked: the clause holding the term ends with a question mark;
3. triggers before the term (negation, myth framing, reported speech, hypotheticals) and after it
   ("... is a myth") put it in that context, when no termination word ("but", "however", ";")
   stands between (the strongest wins: negation, myth, hypothetical, reported); pseudo-triggers ("not just", "no doubt", "not a myth") cancel any trigger they
   overlap; bare negation words reach only a few words; "rather than" reaches only to a comma;
4. reported speech that the text endorses ("some say it is X, and they're right"), that the
   writer reports of themselves ("I think"), or that sits in a relative clause ("kids who say
   they self-harm are faking it") is asserted after all;
5. otherwise: asserted.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from checker import regexcache
from checker.discourse import LIST_SEPARATOR, title_case
from checker.phrases import trigger_regex

ASSERTED = "asserted"
NEGATED = "negated"
MYTH = "myth"
QUOTED = "quoted"
ASKED = "asked"
REPORTED = "reported"
HYPOTHETICAL = "hypothetical"
SELF = "self"  # a person describing themselves ("I suffer from depression")
LABELS = (ASSERTED, NEGATED, MYTH, QUOTED, ASKED, REPORTED, HYPOTHETICAL, SELF)

_GROUPS = (
    "negation_before",
    "negation_after",
    "reported_after",
    "pseudo",
    "myth_before",
    "reported_before",
    "endorsement",
    "hypothetical_before",
    "mention_before",
    "mention_after",
    "termination",
    "termination_before_only",
    "factive",
    "self_before",
    "self_after",
    "historical",
    "historical_paragraph",
)
_LABEL_OF = {"negation_before": NEGATED, "myth_before": MYTH, "reported_before": REPORTED, "hypothetical_before": HYPOTHETICAL}
# When several triggers reach the term, the strongest names the context: a denial anywhere in
# scope outranks myth framing, which outranks a supposition, which outranks reported speech.
_PRIORITY = {NEGATED: 4, MYTH: 3, HYPOTHETICAL: 2, REPORTED: 1}
_WORD = re.compile(r"[\w'’-]+")
_CLAUSE_END = re.compile(r"[.!?]+")
# Quotation marks: curly pairs, guillemets, and straight quotes that open after a space or bracket.
_QUOTE_PAIRS = (("“", "”"), ("«", "»"), ("„", "“"))


@dataclass(frozen=True)
class Judgement:
    label: str
    trigger: str = ""  # the phrase that decided it
    end: int = 0  # where that phrase ends in the sentence (for triggers before the term)


class _Triggers:
    """One trigger list: its regex is compiled on first use (compiling all of them is most of a
    one-article check's start-up) and searched only in a sentence that has all the words of one
    of its phrases; a list with a regular expression or "n't" is always searched."""

    def __init__(self, phrases):
        from checker.phrases import PhraseList

        self.phrases = phrases
        self.always = any(p.startswith("re:") or p == "n't" for p in phrases)
        self.words = PhraseList(phrases)
        self._regex = None

    def find(self, text: str, words) -> list:
        if not self.always and not self.words.needs_met(words):
            return []
        if self._regex is None:
            self._regex = trigger_regex(self.phrases)
        return list(self._regex.finditer(text))


class ContextRules:
    """The trigger lists of one context data file."""

    def __init__(self, data: dict):
        self.triggers = {group: _Triggers(data[group]) for group in _GROUPS if data.get(group)}
        self._words_of = ("", frozenset())  # the last sentence searched, and its words
        self.comma_scoped = {p.lower() for p in data.get("comma_scoped", [])}
        self.window = int(data.get("negation_window", 6))
        self.first_person = {p.lower() for p in data.get("first_person", [])}
        self.relative = {p.lower() for p in data.get("relative", [])}
        self.short_mentions = {p.lower() for p in data.get("short_mentions", [])}
        self.near_mentions = {p.lower() for p in data.get("near_mentions", [])}
        self.self_between = {p.lower() for p in data.get("self_between", [])}
        self.naming_regex = trigger_regex(data.get("naming_verbs") or ["called"])
        self.naming_doubt = {p.lower() for p in data.get("naming_doubt", [])}
        self.naming_as = {p.lower() for p in data.get("naming_as", [])}
        self.naming_things = {p.lower() for p in data.get("naming_things", [])}
        self.naming_reach = int(data.get("naming_reach", 2))
        self.first_person_words = trigger_regex(data.get("first_person_words") or ["i"])
        self.own = {key: {p.lower() for p in data.get(f"own_{key}", [])} for key in ("subjects", "blockers", "possessives", "between")}
        self.own_reach = int(data.get("own_reach", 14))
        self.dated_page_blocks = int(data.get("dated_page_blocks", 3))
        self.possession = trigger_regex(data.get("self_possession") or ["have a"])
        self.replacement_marks = tuple(data.get("replacement_marks", []))
        self.work_title_patterns = [regexcache.compile(p) for p in data.get("work_titles", [])]
        self._list_cues = None
        self.data = data
        self._frames = None
        self.bare_negations = {"not", "n't", "never", "no", "nor", "neither", "none", "nothing", "nobody", "no one", "hardly"}

    @property
    def frames(self):
        """The page-level frame cues (checker.discourse), compiled on first use."""
        if self._frames is None:
            from checker.discourse import FrameCues

            self._frames = FrameCues(self.data)
        return self._frames

    @property
    def word_lists(self):
        """How a list of words is told from a list of descriptions (checker.discourse.in_word_list):
        its `cues` regex, and `items` and `item_words` from the data."""
        if self._list_cues is None:
            shape = self.data.get("word_list") or {}
            self._list_cues = {
                "cues": trigger_regex(shape.get("cues") or ["terms"]),
                "items": int(shape.get("items", 4)),
                "item_words": int(shape.get("item_words", 3)),
            }
        return self._list_cues

    def find(self, group: str, text: str):
        triggers = self.triggers.get(group)
        if not triggers:
            return []
        if self._words_of[0] != text:  # a sentence is judged with many lists in a row
            from checker.phrases import words_in

            self._words_of = (text, words_in(text))
        return triggers.find(text, self._words_of[1])


# rules/data/context.yaml: every list is optional; an unquoted `no` or `yes` in a list, which YAML
# reads as false or true, is an error naming its line.
SCHEMA = {
    **{f"{group}?": ["phrase"] for group in _GROUPS},
    "comma_scoped?": ["phrase"],
    "short_mentions?": ["phrase"],
    "near_mentions?": ["phrase"],
    "first_person?": ["phrase"],
    "relative?": ["phrase"],
    "negation_window?": "int",
    "frames?": {"*": {"headings?": ["phrase"], "columns?": ["phrase"], "lead_ins?": ["phrase"], "prefixes?": ["phrase"]}},
    "frame_ends?": ["phrase"],
    "refutations?": ["phrase"],
    "flat_table?": {"header_words?": "int", "line_words?": "int"},
    "not_speakers?": ["phrase"],
    "self_before?": ["phrase"],
    "self_between?": ["phrase"],
    "naming_verbs?": ["phrase"],
    "naming_things?": ["phrase"],
    "naming_doubt?": ["phrase"],
    "naming_as?": ["phrase"],
    "naming_reach?": "int",
    "first_person_words?": ["phrase"],
    "word_list?": {"cues?": ["phrase"], "items?": "int", "item_words?": "int"},
    "historical?": ["phrase"],
    "own_subjects?": ["phrase"],
    "own_reach?": "int",
    "dated_page_blocks?": "int",
    "own_blockers?": ["phrase"],
    "own_possessives?": ["phrase"],
    "own_between?": ["phrase"],
    "self_possession?": ["phrase"],
    "work_titles?": ["str"],
    "replacement_marks?": ["str"],
}


@functools.lru_cache(maxsize=4)
def load_context_rules(path: str) -> ContextRules:
    from checker.yamlload import load_data_file

    return ContextRules(load_data_file(path, SCHEMA))


def paired_regions(text: str, pairs=_QUOTE_PAIRS) -> list[tuple[int, int]]:
    """[start, end) inside each pair of distinct opening and closing marks, paired in order. On a
    whole block, with curly marks, this finds quotations that run over sentences (“I was
    suffering. I felt lost,” she said)."""
    regions = []
    for opening, closing in pairs:
        start = 0
        while (a := text.find(opening, start)) >= 0 and (b := text.find(closing, a + 1)) >= 0:
            regions.append((a + 1, b))
            start = b + 1
    return regions


_SINGLE_QUOTATION = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))‘(.+?)’(?!\w)", re.DOTALL)


def block_quotations(text: str) -> list[tuple[int, int]]:
    """Quotations that may run over sentences in a block: curly marks and guillemets paired in
    order, and straight double quotes paired in order when the block has an even number of them
    ("A call was received ... Police reached there ...," a police statement said); a quotation
    that runs on from the block before or into the block after."""
    pairs = (("“", "”"), ("«", "»"))
    regions = paired_regions(text, pairs)
    positions = [m.start() for m in re.finditer('"', text)]
    if len(positions) % 2 == 0:
        regions.extend((positions[k] + 1, positions[k + 1]) for k in range(0, len(positions), 2))
    # Single curly marks: a closing one is followed by no letter ("it’s" is an apostrophe).
    regions.extend(m.span(1) for m in _SINGLE_QUOTATION.finditer(text))
    # A quotation over several paragraphs opens each of them and closes only in the last: an
    # opening mark left open runs to the block's end, a closing mark with no opening one closes
    # a quotation that began before the block.
    for opening, closing in pairs:
        first_open, last_close = text.find(opening), text.rfind(closing)
        if first_open >= 0 and text.count(opening) > text.count(closing) and text.find(closing, text.rfind(opening)) < 0:
            regions.append((text.rfind(opening) + 1, len(text)))
        if last_close >= 0 and text.count(closing) > text.count(opening) and (first_open < 0 or text.find(closing) < first_open):
            regions.append((0, text.find(closing)))
    return regions


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """[start, end) of the stretches of text inside quotation marks."""
    regions = paired_regions(text)
    # Straight double quotes pair up in order.
    positions = [m.start() for m in re.finditer('"', text)]
    regions.extend((positions[k] + 1, positions[k + 1]) for k in range(0, len(positions) - 1, 2))
    # Single quotes (straight or curly) open after a space or bracket and close before a non-letter,
    # so the apostrophes in "it's" and "people’s" are not taken for quotes.
    # An apostrophe inside ("‘They’re ...’") is followed by a letter, so it does not close the quote.
    for m in re.finditer(r"(?:(?<=^)|(?<=[\s(\[—–-]))['‘]((?:[^'‘’]|['’](?=\w))+?)['’](?![\w])", text):
        regions.append((m.start(1), m.end(1)))
    return regions


def words_between(text: str, a: int, b: int) -> int:
    return len(_WORD.findall(text[a:b]))


REACH = 300  # characters either side of a term that can frame it (about fifty words)


def window(text: str, start: int, end: int) -> tuple[str, int]:
    """The stretch of a sentence that can frame the term at text[start:end], and its offset: the
    whole of any ordinary sentence, REACH characters either side in a run-on one, cut at spaces.
    Without it a 40,000-word "sentence" is read whole for each of its terms."""
    if len(text) <= 2 * REACH + (end - start):
        return text, 0
    left = max(0, start - REACH)
    right = min(len(text), end + REACH)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    return text[left:right], left


def judge(text: str, start: int, end: int, rules: ContextRules) -> Judgement:
    """Judge the term at text[start:end] (text is its sentence)."""
    part, offset = window(text, start, end)
    verdict = _judge(part, start - offset, end - offset, rules)
    if offset and verdict.end:
        verdict = dataclasses.replace(verdict, end=verdict.end + offset)
    return verdict


def _judge(text: str, start: int, end: int, rules: ContextRules) -> Judgement:
    for a, b in quoted_regions(text):
        if a <= start and end <= b:
            return Judgement(QUOTED, "quotation marks")
    for m in rules.find("mention_before", text):
        cue = m.group().lower()
        reach = 1 if cue in rules.short_mentions else 2 if cue in rules.near_mentions else 4
        if m.end() <= start and (words_between(text, m.end(), start) <= reach or _word_items(text[m.end() : start], before=True)) \
                and not _terminated(text, m.end(), start, rules):
            return Judgement(QUOTED, m.group())
    # "Committed suicide is a phrase to avoid", "psycho or crazy are words that ...": the sentence
    # speaks about the term (and the words listed with it).
    for m in rules.find("mention_after", text):
        if m.start() >= end and (words_between(text, end, m.start()) <= 1 or _word_items(text[end : m.start()])):
            return Judgement(QUOTED, m.group())
    after = text[end : end + 8].lstrip()
    mark = next((m for m in rules.replacement_marks if after.startswith(m)), None)
    if mark:
        return Judgement(QUOTED, mark)  # "Addict = person with a substance use disorder"

    following = _WORD.match(text[end:].lstrip())
    named_next = following and following.group().lower() in rules.own["blockers"]
    for m in rules.find("self_before", text):
        if m.end() <= start and _self_description(text[m.end() : start], rules):
            if named_next and rules.possession.search(text, m.start(), start):
                continue  # "I have a crazy ex": the writer has them, and they are someone else
            # "As a former addict, I ..." describes the writer; "as a former addict, he ..." does not.
            if m.group().lower().startswith("as ") and not rules.first_person_words.search(text, end, end + 60):
                continue
            return Judgement(SELF, m.group())

    # "Most people who suffer from a mental illness, like myself, ...": the writer counts themself in.
    for m in rules.find("self_after", text):
        if m.start() >= end and words_between(text, end, m.start()) <= 4 and not _terminated(text, end, m.start(), rules):
            return Judgement(SELF, m.group())

    clause_end = _CLAUSE_END.search(text, end)
    if clause_end and "?" in clause_end.group():
        return Judgement(ASKED, "?")

    # A pseudo-trigger that is part of the term itself ("not just a phase": the term is "just a
    # phase") does not cancel the negation in front of it.
    pseudo = [m.span() for m in rules.find("pseudo", text) if m.end() <= start or m.start() >= end]

    def live(matches):
        return [m for m in matches if not any(a < m.end() and m.start() < b for a, b in pseudo)]

    # Triggers after the term: "X is a myth", "X ... that's simply not true".
    for m in live(rules.find("negation_after", text)):
        if m.start() >= end and not _terminated(text, end, m.start(), rules):
            return Judgement(NEGATED, m.group())

    # Triggers before the term: the nearest one in scope decides.
    candidates = []
    for group, label in _LABEL_OF.items():
        for m in live(rules.find(group, text)):
            if m.end() > start or _terminated(text, m.end(), start, rules, before=True):
                continue
            phrase = " ".join(m.group().lower().split()).replace("’", "'")
            if group == "negation_before":
                if any(m.end() <= f.start() and f.end() <= start for f in rules.find("factive", text)):
                    continue  # "not every parent realises that X": X is still asserted
                if phrase in rules.comma_scoped and "," in text[m.end() : start]:
                    continue
                if phrase in rules.bare_negations and words_between(text, m.end(), start) > rules.window:
                    continue
            if group == "reported_before" and _reporter_is(text, m.start(), rules.first_person | rules.relative):
                continue
            candidates.append((_PRIORITY[label], m.end(), label, m.group()))
    # Attribution after the term ("..., research has found"): reported, when nothing stronger is.
    for m in live(rules.find("reported_after", text)):
        if m.start() >= end and not _terminated(text, end, m.start(), rules):
            candidates.append((_PRIORITY[REPORTED], 0, REPORTED, m.group()))
    if candidates:
        _, trigger_end, label, trigger = max(candidates)
        if label == REPORTED and any(m.start() >= end for m in rules.find("endorsement", text)):
            return Judgement(ASSERTED, "endorsed")
        return Judgement(label, trigger, trigger_end)
    return Judgement(ASSERTED)


_ITEM = r"[\w'’-]+(?:\s+[\w'’-]+){0,2}"  # a listed word or phrase: at most three words
_SEPARATORS = rf"(?:\s*{LIST_SEPARATOR})+\s*"  # ", and" is two
_ITEMS_AFTER = re.compile(rf"(?:{_SEPARATORS}[‘“'\"]?{_ITEM}[’”'\"]?)+\s*")
_ITEMS_BEFORE = re.compile(rf"\s*(?:[‘“'\"]?{_ITEM}[’”'\"]?{_SEPARATORS})+")


def _word_items(between: str, before: bool = False) -> bool:
    """Is the text between a mention cue and the term a run of other listed words ("the terms
    alcoholic, alcoholism, drug addict, and [addict]", "[psycho] or crazy are words")?"""
    return len(between) <= 120 and bool((_ITEMS_BEFORE if before else _ITEMS_AFTER).fullmatch(between))


def own_account(text: str, start: int, rules: ContextRules, reach: str = "subject", end: int | None = None) -> bool:
    """Does the writer tell of their own act ("my failed attempt"; with reach `subject`, also "I
    tried to commit suicide")? "my"/"our" stands right before the term, or the first person is the
    subject of the clause that holds it, with no one else named between. The lists are `own_*` in
    the context data."""
    if reach == "none":
        return False
    before = text[max(0, start - 200) : start]
    cut = max(before.rfind(mark) for mark in ".;:!?—–")
    before = before[cut + 1 :]
    words = [(m.group(), m.group().lower().replace("’", "'")) for m in _WORD.finditer(before)][-(rules.own_reach + 1) :]
    tail = [w for _, w in words]
    possessive = next((k for k in range(len(tail) - 1, -1, -1) if tail[k] in rules.own["possessives"]), None)
    if possessive is not None and all(w in rules.own["between"] for w in tail[possessive + 1 :]) and len(tail) - possessive <= 2:
        following = _WORD.match(text[end:].lstrip()) if end is not None else None
        # "my attention-seeking sister" is someone else: a person named right after the term
        return not (following and following.group().lower() in rules.own["blockers"])
    subject = next((k for k in range(len(tail) - 1, -1, -1) if tail[k] in rules.own["subjects"]), None)
    if subject is None or reach != "subject":
        return False
    headline = title_case(text)  # "I Tried To ...": capitals name no one
    for original, word in words[subject + 1 :]:
        if word in rules.own["blockers"] or word.endswith(("'s", "s'")) or (not headline and original[:1].isupper() and not original.isupper()):
            return False  # someone else is brought in: "I know he ...", "I saw Robin's ..."
    return True


def given_name(text: str, start: int, rules: ContextRules) -> bool:
    """Is the term a name given to a person, right after a naming verb ("her classmates called
    him a psycho", "why do people get labelled addicts?", "I don't call you an alcoholic"), and
    not the writer's own naming ("we call them addicts") or a name for a thing ("call it a fad")?"""
    for m in rules.naming_regex.finditer(text, max(0, start - 80), start):
        between = text[m.end() : start]
        if m.group().lower() in rules.naming_as:
            if not re.search(r"\bas\s*$", between) or words_between(text, m.end(), start) > rules.naming_reach + 2:
                continue  # "portray X as <name>"
        elif words_between(text, m.end(), start) > rules.naming_reach or set(between.lower().split()) & rules.naming_things:
            continue
        before = [w.lower().replace("’", "'") for w in _WORD.findall(text[max(0, m.start() - 40) : m.start()])][-2:]
        if before and before[-1] in rules.first_person and not (len(before) > 1 and before[0] in rules.naming_doubt):
            continue  # the writer's own name for them
        return True
    return False


def _self_description(between: str, rules: ContextRules) -> bool:
    """Does the first person govern the term ("I am a recovering [alcoholic]", "as a [bipolar]
    person")? Only a few plain words (`self_between`) may stand between."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(between)]
    return len(words) <= 3 and all(w in rules.self_between for w in words) and not re.search(r"[.;:!?]", between)


def _terminated(text: str, a: int, b: int, rules: ContextRules, before: bool = False) -> bool:
    groups = ("termination", "termination_before_only") if before else ("termination",)
    return any(a <= m.start() and m.end() <= b for group in groups for m in rules.find(group, text))


def _reporter_is(text: str, trigger_start: int, words: set) -> bool:
    """Is the word before a reporting verb one of these ("I think", "kids who say")?"""
    before = _WORD.findall(text[max(0, trigger_start - 20) : trigger_start])
    return bool(before) and before[-1].lower().replace("’", "'") in words
