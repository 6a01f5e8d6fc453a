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
from dataclasses import dataclass, field

from checker.context import ASKED, HYPOTHETICAL, MYTH, NEGATED, judge
from checker.document import HEADING, PROSE_KINDS
from checker.phrases import trigger_regex
from checker.yamlload import load_data_file

LISTS = ("particular", "means", "sites", "places", "notes", "note_contents", "causes", "sensational", "sensational_lead", "guidance",
         "general", "hope")
SCHEMA = {name: ["str"] for name in LISTS}


@functools.lru_cache(maxsize=8)
def load_safety_data(path: str) -> dict:
    """The vocabularies, each compiled to one regex (checked against SCHEMA when read)."""
    data = load_data_file(path, SCHEMA)
    return {name: trigger_regex(tuple(data[name])) for name in LISTS}


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

    def of(self, check: str) -> list[Hit]:
        return [h for h in self.hits if h.check == check]


# A framing that the sentence denies, calls a myth, asks about or supposes is not the article's:
# "neither is suicide the easy way out" (checker.context judges it, as for wording).
NOT_ASSERTED = {NEGATED, MYTH, ASKED, HYPOTHETICAL}


def analyse(doc, regexes: dict, context_rules) -> SafetyAnalysis:
    out = SafetyAnalysis()
    lead = True  # the headline and the first paragraph
    for block in doc.blocks:
        if block.kind not in PROSE_KINDS:
            continue
        for sentence in block.sentences:
            _sentence(block, sentence, regexes, context_rules, out, lead)
        if block.kind != HEADING:
            lead = False
    return out


def _sentence(block, sentence, rx: dict, context_rules, out: SafetyAnalysis, lead: bool) -> None:
    text = sentence.text

    def asserted(match) -> bool:
        return judge(text, match.start(), match.end(), context_rules).label not in NOT_ASSERTED

    def hit(check: str, match, why: str = "") -> None:
        span = block.source_span(sentence.start + match.start(), sentence.start + match.end())
        out.hits.append(Hit(check, span.start, span.end, match.group(), why))

    if rx["hope"].search(text):
        out.hope = True
    guidance = rx["guidance"].search(text)
    sensational = rx["sensational"].search(text) or (lead and rx["sensational_lead"].search(text))
    if sensational and not guidance and asserted(sensational):
        hit("sensational", sensational)
    particular = rx["particular"].search(text)
    if particular:
        out.narrates = True
    if guidance or (rx["general"].search(text) and not particular):
        return  # advice, or people in general: no particular death is told
    cause = rx["causes"].search(text)
    if cause and asserted(cause):
        hit("simplistic-cause", cause)
    note = rx["notes"].search(text)
    if note and (rx["note_contents"].search(text) or particular):
        hit("suicide-note", note, particular.group() if particular else "")
    if not particular:
        return
    means = rx["means"].search(text)
    place = rx["sites"].search(text) or (means and rx["places"].search(text))
    if place:  # the place is the graver detail: reported for the sentence instead of the method
        hit("location-detail", place, particular.group())
    elif means:
        hit("method-detail", means, particular.group())
