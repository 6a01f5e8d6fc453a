"""What an article about suicide or self-harm tells of a particular death: the analysis every
safety.* rule reads, done once per document.

Each sentence is read for the signs in rules/data/safety.yaml: is a particular death or act being
told (`particular`), and does the sentence give its means (`means`), its place (`places`), a note
(`notes`, `note_contents`) or one cause (`causes`); is the framing sensational (`sensational`, and
`sensational_lead` in the headline and the first paragraph). A sentence that gives advice or
guidance (`guidance`: "avoid describing the method", "store medicines locked away") tells no death,
and one that speaks of people in general (`general`: "firearms account for half of suicide
deaths") tells no particular one unless it also has a sign that it does.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from checker.context import ASKED, HYPOTHETICAL, MYTH, NEGATED, judge, quoted_regions
from checker.document import HEADING, PROSE_KINDS
from checker.phrases import trigger_search, words_in
from checker.yamlload import load_data_file

LISTS = ("particular", "persons", "events", "means", "sites", "places", "notes", "note_words", "note_contents", "note_follow", "note_writers", "told_links", "told_how", "acts_of_one", "causes", "sensational",
         "sensational_lead", "guidance", "general", "hope")
CUED = ("particular", "note_writers", "plural", "acts_of_one", "told_how", "told_how_acts", "told_links", "events", "persons", "notes", "causes", "cause_subjects", "sensational")
SCHEMA = {**{name: ["phrase"] for name in LISTS}, "cues": {name: ["phrase"] for name in CUED}, "told_carries": "int"}


@functools.lru_cache(maxsize=8)
def load_safety_data(path: str) -> dict:
    """The vocabularies, each compiled to one regex (checked against SCHEMA when read), and the
    cue words that let a sentence skip a list's patterns."""
    data = load_data_file(path, SCHEMA)
    compiled = {name: trigger_search(tuple(data[name])) for name in LISTS}
    compiled["cues"] = {name: frozenset(w.casefold() for w in data["cues"][name]) for name in CUED}
    compiled["cues"]["any"] = frozenset().union(*(compiled["cues"][name] for name in CUED if name not in ("persons", "cause_subjects", "told_links", "plural")))
    compiled["told_carries"] = data["told_carries"]
    return compiled


@dataclass
class Hit:
    check: str  # method-detail, location-detail, suicide-note, simplistic-cause, sensational
    start: int  # source offsets of the words that decided it
    end: int
    text: str
    why: str = ""  # the sign of a particular death, when one was needed


@dataclass
class SafetyAnalysis:
    hits: list[Hit] = field(default_factory=list)
    narrates: bool = False  # some sentence tells a particular death or act
    hope: bool = False  # some sentence tells of coping, recovery or help
    # Sentences that quote or report a plain "note", "letter" or "message": its contents when the
    # article tells a particular death (known only once every sentence is read).
    maybe_notes: list[Hit] = field(default_factory=list)

    def of(self, check: str) -> list[Hit]:
        return [h for h in self.hits if h.check == check]


# A framing that the sentence denies, calls a myth, asks about or supposes is not the article's:
# "neither is suicide the easy way out" (checker.context judges it, as for wording).
NOT_ASSERTED = {NEGATED, MYTH, ASKED, HYPOTHETICAL}


@dataclass
class Told:
    """What the sentences before have told, for the few sentences after them that still speak of it:
    a particular death or act ("He was found dead at home. Police said he had taken 40 tablets."), and
    a note or message of the person ("She left a note. It said: ...")."""

    death: str = ""
    death_left: int = 0
    note: str = ""
    note_left: int = 0
    note_sure: bool = False  # a suicide note or final message, not a plain "letter" or "text"
    names: set = field(default_factory=set)  # the capitalised words of the sentences that told a death

    def next_sentence(self) -> None:
        if self.death:
            self.death_left -= 1
            self.death = self.death if self.death_left > 0 else ""
        if self.note:
            self.note_left -= 1
            self.note = self.note if self.note_left > 0 else ""


def analyse(doc, regexes: dict, context_rules) -> SafetyAnalysis:
    out = SafetyAnalysis()
    out.hope = bool(regexes["hope"].search(doc.prose_lower()))  # one search of the whole page
    lead = True  # the headline and the first paragraph
    told = Told()
    for block in doc.blocks:
        if block.kind not in PROSE_KINDS:
            continue
        # A sentence's words are among its block's: a block that fails the test fails it for each.
        if _worth_reading(block.words, regexes, lead, told):
            for sentence in block.sentences:
                _sentence(block, sentence, regexes, context_rules, out, lead, told)
        if block.kind != HEADING:
            lead = False
    if out.narrates:
        out.hits.extend(out.maybe_notes)
        out.hits.sort(key=lambda h: h.start)
    return out


def _worth_reading(words: frozenset, rx: dict, lead: bool, told: Told) -> bool:
    """Can a text with these words show a sign? Not when it holds no word any sign starts with
    (most sentences), unless it is the lead or something told before carries on into it."""
    return bool(lead or told.death or told.note or not rx["cues"]["any"].isdisjoint(words))


def _sentence(block, sentence, rx: dict, context_rules, out: SafetyAnalysis, lead: bool, told: Told) -> None:
    """Judge one sentence, with what the sentences before it told; leave what it tells in `told`."""
    text = sentence.text
    words = words_in(text)
    cues = rx["cues"]
    if not _worth_reading(words, rx, lead, told):
        return

    def asserted(match) -> bool:
        # Words in quotation marks are someone's own ("I can't go on"), not the article's framing:
        # they are blanked out before the sentence is judged.
        outside = _blank_quotes(text, match.start(), match.end())
        return judge(outside, match.start(), match.end(), context_rules).label not in NOT_ASSERTED

    def hit(check: str, match, why: str = "") -> None:
        span = block.source_span(sentence.start + match.start(), sentence.start + match.end())
        out.hits.append(Hit(check, span.start, span.end, match.group(), why))

    particular = None
    if not cues["particular"].isdisjoint(words):
        particular = rx["particular"].search(text)
    if not particular and not cues["acts_of_one"].isdisjoint(words):
        particular = rx["acts_of_one"].search(text)
    if not particular and not cues["told_how"].isdisjoint(words) and not cues["told_how_acts"].isdisjoint(words):
        particular = rx["told_how"].search(text)
    # Only an act told of one person outweighs a statement about people in general ("a majority
    # killed themselves at home (74%)"; "70% of all Veteran suicide deaths"): `own`.
    own = particular if particular and cues["plural"].isdisjoint(words_in(particular.group())) else None
    if not particular and not cues["events"].isdisjoint(words) and not cues["persons"].isdisjoint(words):
        particular = rx["events"].search(text) and rx["persons"].search(text)
    before = (told.death, told.note, told.note_sure)
    told.next_sentence()
    if particular:
        out.narrates = True
        told.death, told.death_left = particular.group(), rx["told_carries"]
        if own:
            told.names.update(_NAME.findall(text, 1))  # (not the sentence's first word)
    elif before[0] and ((not cues["persons"].isdisjoint(words) and rx["persons"].search(text)) or (not cues["told_links"].isdisjoint(words) and rx["told_links"].search(text))):
        # The sentences just after a told death speak of it when they name a person or link to it
        # ("Police said he had taken 40 tablets"; "The cause of death was hanging").
        particular = _Carried(before[0])
    maybe_note = not cues["notes"].isdisjoint(words)
    maybe_cause = not cues["causes"].isdisjoint(words) and not cues["cause_subjects"].isdisjoint(words)
    # One finding per sentence, the gravest: the note, the place, the method, the cause, the framing
    # (rewriting the sentence for the first usually mends the rest). Most sentences have no sign
    # of any of them and stop here.
    found = None
    guidance = None
    if particular or maybe_note or maybe_cause:
        framing = _blank_quotes(text, -1, -1)  # guidance and generality are the article's, not a quoted voice's
        guidance = rx["guidance"].search(framing)
        if not guidance and not (rx["general"].search(framing) and not own):
            note = rx["notes"].search(text) if maybe_note else None
            means = rx["means"].search(text) if particular else None
            place = (rx["sites"].search(text) or (means and rx["places"].search(text))) if particular else None
            cause = rx["causes"].search(text) if maybe_cause else None
            if note and asserted(note):
                told.note, told.note_left, told.note_sure = note.group(), rx["told_carries"], True
            if note and rx["note_contents"].search(text) and asserted(note):  # its contents told; "no note was found" passes
                found = ("suicide-note", note)
            elif particular and place:
                found = ("location-detail", place)
            elif particular and means:
                found = ("method-detail", means)
            elif cause and asserted(cause):
                found = ("simplistic-cause", cause)
    if found is None and (lead or not cues["sensational"].isdisjoint(words)):
        sensational = rx["sensational"].search(text) or (lead and rx["sensational_lead"].search(text))
        if sensational and not (guidance or rx["guidance"].search(text)) and asserted(sensational):
            found = ("sensational", sensational)
    if found is None and not guidance and not cues["note_writers"].isdisjoint(words):
        # "“I'm sorry,” he wrote", "Valerie wrote: ...": the person whose death was told writes
        # (a name of theirs, or "he"/"she" just after the death was told), with the words quoted.
        writer = rx["note_writers"].search(text)
        who = writer.group("who") if writer else ""
        if writer and (who in told.names or (who.lower() in ("he", "she") and before[0])) and rx["note_contents"].search(text):
            hit("suicide-note", writer, "the words of the person whose death was told")
            return
    if found is None and before[1] and not guidance:
        # A note named in the sentence before, its words in this one ("She left a note. It said: ...").
        follow = rx["note_follow"].search(text)
        if follow:
            span = block.source_span(sentence.start + follow.start(), sentence.start + follow.end())
            note = Hit("suicide-note", span.start, span.end, follow.group(), f"what the {before[1]} named just before said")
            (out.hits if before[2] else out.maybe_notes).append(note)
            return
    if found:
        hit(*found, particular.group() if particular else "")
    elif maybe_note and not guidance:
        # "Another letter to his mother said: '...'", "two notes found at the scene indicated ...":
        # a written or sent message and what it said, kept until the article is known to tell a death.
        word = rx["note_words"].search(text)
        if word and (particular or rx["persons"].search(text)) and asserted(word) and not told.note:
            told.note, told.note_left, told.note_sure = word.group(), rx["told_carries"], False
        if word and rx["note_contents"].search(text) and asserted(word):
            span = block.source_span(sentence.start + word.start(), sentence.start + word.end())
            death = rx["events"].search(text)  # "the note found near the body thanked ...": the sentence tells the death itself
            why = f"a message beside '{death.group()}'" if death else (f"the {before[1]} named just before" if before[2] else "a message in an article that tells a death")
            note = Hit("suicide-note", span.start, span.end, word.group(), why)
            (out.hits if death or before[2] else out.maybe_notes).append(note)


class _Carried:
    """The sign of a death told in an earlier sentence, standing in for a match in this one."""

    def __init__(self, words: str):
        self.words = words

    def group(self) -> str:
        return f"{self.words} (told just before)"


_NAME = re.compile(r"\b[A-Z][a-z][\w'’-]*")


def _blank_quotes(text: str, start: int, end: int) -> str:
    """The sentence with the text of its quotations replaced by spaces (offsets kept), except a
    quotation that holds the span being judged."""
    regions = quoted_regions(text)
    opening = text.rfind("“")
    if opening > text.rfind("”") and opening >= end:  # a quotation that runs on into the next sentence
        regions.append((opening + 1, len(text)))
    pieces = list(text)
    for a, b in regions:
        if a <= start and end <= b:
            continue
        pieces[a:b] = " " * (b - a)
    return "".join(pieces)
