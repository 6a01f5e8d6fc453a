"""Where a block stands on its page, and the frame that puts its words in: a page about language
("Words to avoid", a table column "Instead of", a list after "Avoid terms such as:") mentions the
words it lists; a myth list ("Common myths", "Myth:", a "Myth" column) states what it then
refutes. The sentence judge (checker.context) sees one sentence; this sees the page, as ConText
does with section headers in clinical notes. Every cue is data (`frames` in rules/data/context.yaml).

A frame has a reach: a `statement` frame covers the very words framed (a list item under "Myths",
a cell of a "Myth" column, the sentence after "Myth:"); a `section` frame covers a whole section
under a heading. Wording rules pass any term in a `mentioned` frame; a `myth` frame passes a
statement of a myth, and, for its section, only the claims (`asserted` rules), so an article's own
wording in a myths section is still judged.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from checker import regexcache
from checker.document import HEADING, LIST_ITEM, TABLE_CELL
from checker.phrases import trigger_regex

MENTIONED = "mentioned"
MYTH = "myth"
STATEMENT = "statement"
SECTION = "section"


@dataclass(frozen=True)
class Frame:
    label: str  # MENTIONED or MYTH
    reach: str  # STATEMENT or SECTION
    cue: str  # the heading, header, lead-in or prefix that set it, for the finding's reader


class FrameCues:
    """The cue phrases of one context data file, compiled once."""

    def __init__(self, data: dict):
        frames = data.get("frames") or {}
        self.by_label = {
            label: {where: _cue_regex(cues.get(where, ()), anchored=where == "prefixes") for where in ("headings", "columns", "lead_ins", "prefixes")}
            for label, cues in frames.items()
            if label in (MENTIONED, MYTH)
        }
        self.ends = _cue_regex(data.get("frame_ends", ()), anchored=True)
        table = data.get("flat_table") or {}
        self.header_words = int(table.get("header_words", 6))
        self.line_words = int(table.get("line_words", 12))
        labels = [p for p in data.get("not_speakers", ()) if p.strip()]
        self.not_speakers = regexcache.compile(rf"(?:{trigger_regex(labels).pattern})$", re.IGNORECASE) if labels else None
        refutations = [p for p in data.get("refutations", ()) if p.strip()]
        self.refutations = regexcache.compile(rf"^\W*(?:{trigger_regex(refutations).pattern})\s*[.!,:;\-–—]", re.IGNORECASE) if refutations else None

    def match(self, label_where: str, text: str) -> tuple[str, str] | None:
        """(label, cue) of the first frame whose cues of this place match the text."""
        for label, places in self.by_label.items():
            regex = places[label_where]
            found = regex.search(text) if regex else None
            if found:
                return label, found.group().strip(" :-–—")
        return None


def _cue_regex(phrases, anchored: bool = False):
    """The cues as one regex (checker.phrases.trigger_regex); anchored, a cue opens the text and a
    colon or dash follows ("Myth: ...", "Don't say - "), or a number ("Myth 2: ...", "Myth #2 -",
    "(Myth) 5. ...")."""
    phrases = [p.strip() for p in phrases if p.strip()]
    if not phrases:
        return None
    regex = trigger_regex(phrases)
    number = r"\s*(?:#|no\.?\s*)?\d{1,3}\s*[.:)\-–—]"
    return regexcache.compile(rf"^\W*(?:{regex.pattern})\)?(?:\s*[:\-–—]|{number})\s*", re.IGNORECASE) if anchored else regex


def block_frames(doc, cues: FrameCues) -> dict[int, Frame]:
    """The frame of each framed block (by index), from its headings, list lead-in or table column.
    Worked out once per document and data file."""
    key = ("discourse", id(cues))
    if key not in doc.cache:
        doc.cache[key] = _frames(doc, cues)
    return doc.cache[key]


def _frames(doc, cues: FrameCues) -> dict[int, Frame]:
    frames: dict[int, Frame] = {}
    headings: list[tuple[int, Frame | None]] = []  # (level, frame its heading sets) of the open sections
    headers: dict[tuple[int, int], str] = {}  # (table, column) -> the header cell's text
    lead_in: Frame | None = None  # the frame of the paragraph that introduces the current list
    flat_table: Frame | None = None  # the frame of a table's header flattened into lines ("Instead of…")
    after_header = False  # the block right after that header line
    for k, block in enumerate(doc.blocks):
        if block.kind == HEADING:
            while headings and headings[-1][0] >= block.level:
                headings.pop()
            found = cues.match("headings", block.text)
            headings.append((block.level, Frame(found[0], SECTION, found[1]) if found else None))
            lead_in = flat_table = None
            section = _section_frame(headings[:-1])
            if section:
                frames[k] = Frame(section.label, STATEMENT, section.cue)  # a heading in a myths section states one
            elif cues.refutations and k + 1 < len(doc.blocks) and doc.blocks[k + 1].kind != HEADING:
                found = cues.refutations.match(doc.blocks[k + 1].text)
                if found:
                    frames[k] = Frame(MYTH, STATEMENT, found.group().strip(" .!,:;-–—"))  # answered "Not true."
            continue
        # A table flattened into lines (a page's text as a search engine keeps it): a short line
        # that is a header cue ("Instead of…", "Myth", "Instead of saying this… > Try this!")
        # frames the line after it, and every short line after that, up to the next heading.
        header = _header_line(block.text, cues) if block.kind != TABLE_CELL else None
        if header is not None:
            flat_table, after_header = header, True
            continue
        if flat_table is not None and block.kind != TABLE_CELL and (after_header or len(block.text.split()) <= cues.line_words):
            frames[k] = flat_table
            after_header = False
            continue
        after_header = False
        own = None
        if block.kind == TABLE_CELL and block.cell:
            table, row, column = block.cell
            if row == 0:
                headers[(table, column)] = block.text
            else:
                found = cues.match("columns", headers.get((table, column), ""))
                own = Frame(found[0], STATEMENT, found[1]) if found else None
        elif block.kind == LIST_ITEM:
            own = lead_in
        else:
            found = cues.match("lead_ins", block.text) if block.text.rstrip().endswith(":") else None
            lead_in = Frame(found[0], STATEMENT, found[1]) if found else None
        section = _section_frame(headings)
        if own is None and section is not None:
            own = Frame(section.label, STATEMENT if block.kind in (LIST_ITEM, TABLE_CELL) else SECTION, section.cue)
        if own is not None:
            frames[k] = own
    return frames


def work_titles(doc, patterns) -> frozenset:
    """The titles of the works a page is about, named in its first heading ("Psycho movie review:
    ...", "Review: Madhouse", "Shrink (2009 film)"), lower-cased: a capitalised term that is
    part of one is the work's name wherever it stands on the page. Once per document."""
    key = ("work-titles", id(patterns))  # patterns: the compiled `work_titles` of the context data
    if key not in doc.cache:
        first = next((b.text for b in doc.blocks if b.kind == HEADING), "")
        titles = set()
        for pattern in patterns if first else ():
            for m in pattern.finditer(first):
                title = (m.group("title") or "").strip(" :–—-\"“”'‘’")
                if title and len(title.split()) <= 6:
                    titles.add(title.lower())
        doc.cache[key] = frozenset(titles)
    return doc.cache[key]




def _header_line(text: str, cues: FrameCues) -> Frame | None:
    """The frame a flattened table's header line sets, if the text is one: a short line that opens
    with a heading cue ("Myth", "Instead of..."), not a sentence."""
    if len(text) > 12 * cues.header_words or len(re.findall(r"\w+", text)) > cues.header_words:
        return None  # (the length first: most blocks are long paragraphs)
    if text.rstrip().endswith((".", "?")) and not text.rstrip().endswith(("...", "…")):
        return None
    for label, places in cues.by_label.items():
        regex = places["headings"]
        found = regex.match(text.lstrip(" -–—*#\"“‘'(")) if regex else None
        if found:
            return Frame(label, STATEMENT, found.group().strip())
    return None


def _section_frame(headings) -> Frame | None:
    for _, frame in reversed(headings):
        if frame is not None:
            return frame
    return None


# A transcript's speaker ("ZARENA ASLAMI: It is so crazy"): what follows is that person's words.
_SPEAKER = re.compile(r"^[A-Z][A-Z.'’ -]{2,40}:\s")
# A run of short items separated by commas, slashes or "or": a list of words ("crazy, psycho,
# loony and nutter are offensive"), which talks about the words rather than using them.
LIST_SEPARATOR = r"(?:,|/|;|…|\.\.\.|\bor\b|\band\b)"  # also read by checker.context (words listed with a term)
_LIST_SEPARATOR = re.compile(rf"\s*{LIST_SEPARATOR}\s*")


def speaker_turns(doc, cues: FrameCues) -> bool:
    """Is the page a transcript, with a speaker's name ("JOHN SMITH: ...") opening two blocks or
    more? One such name is a news story's dateline ("KUALA LUMPUR: A man ..."), and the story's
    own words follow it. Once per document."""
    key = ("speaker-turns", id(cues))
    if key not in doc.cache:
        doc.cache[key] = sum(1 for b in doc.blocks if _speaker(b.text, cues)) >= 2
    return doc.cache[key]


def _speaker(text: str, cues: FrameCues) -> bool:
    """Does the text open with a speaker's name, not a section label ("RESULTS:", "UPDATE:")?"""
    found = _SPEAKER.match(text)
    return bool(found) and not (cues.not_speakers and cues.not_speakers.match(found.group().rstrip(": \t")))


def sentence_frames(block, cues: FrameCues, speakers: bool = True) -> list[Frame | None]:
    """A frame for each sentence of the block set by a prefix ("Myth: ...", "Avoid: ...") or, on
    a transcript (`speakers`), a speaker's name, which lasts until a sentence that opens with an
    end cue ("Fact: ...")."""
    out, current = [], None
    for sentence in block.sentences:
        text = sentence.text
        if cues.ends and cues.ends.match(text):
            current = None
        elif speakers and _speaker(text, cues):
            current = Frame(MENTIONED, STATEMENT, "a speaker's words")
        else:
            found = cues.match("prefixes", text)
            if found:
                current = Frame(found[0], STATEMENT, found[1])
        out.append(current)
    return out


def in_word_list(text: str, start: int, end: int, shape: dict) -> bool:
    """Does the term at text[start:end] stand in a list of words (`shape["items"]` items or more
    of at most `shape["item_words"]` words, the term's among them) in a sentence that says it is
    about words (`shape["cues"]`: "offensive", "terms", "the list goes on")? "He was loud, erratic,
    crazy and violent" is a list, but of descriptions, and the term is used."""
    if not shape["cues"].search(text):
        return False
    most_words, needed = shape["item_words"], shape["items"]
    pieces, position = [], 0
    for separator in _LIST_SEPARATOR.finditer(text):
        pieces.append((position, separator.start()))
        position = separator.end()
    pieces.append((position, len(text)))
    run, inside = 0, False
    for a, b in pieces:
        words = len(text[a:b].split())
        if 1 <= words <= most_words:
            run += 1
            inside = inside or (a <= start and end <= b)
            if inside and run >= needed:
                return True
        else:
            if a <= start < b:
                # the item holding the term may end the list ("... and schizo are offensive")
                first = text[a:b].split()[:most_words]
                inside = inside or start < a + len(" ".join(first)) + 1
                if inside and run + 1 >= needed:
                    return True
            run, inside = 0, False
    return False


_NAME_WORD = re.compile(r"[A-Z][a-z][\w'’-]*")


@functools.lru_cache(maxsize=64)
def title_case(text: str) -> bool:
    """Is a block written in title case (a headline capitalises every word)? Once per block, not per term."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return bool(words) and sum(w[0].isupper() for w in words) > 0.6 * len(words)


# A work's title runs on in capitalised words to its year: "... In The Loony Bin (2014)".
_TITLE_TO_YEAR = re.compile(r"(?:\s+(?:[A-Z][\w'’-]*|of|the|a|an|and|in|on|at|to|for|from|with|my|your|our))*\s*\((?:1[6-9]|20)\d\d\)")
# Small words inside a name: "Integrated Rehabilitation Centre for Addicts".
_NAME_LINKS = frozenset({"of", "for", "the", "and", "de"})


def proper_name(block, start: int, end: int) -> bool:
    """Is the term part of a name ("Kew Lunatic Asylum", "Psycho Strings", "Centre for Addicts")?
    It is capitalised, not at the start of its sentence, and next to another capitalised word (or
    one small word away from one), in a block that is not written in title case (a headline
    capitalises every word); or it is part of a work's title that runs on to its year ("My Year in
    the Loony Bin (2014)", "Madhouse (1974)"), in any block."""
    text = block.text
    term = text[start:end]
    if not term[:1].isupper() or term.isupper():
        return False  # a name is written "Lunatic Asylum", not "lunatic" or "DRUG ADDICT"
    if _TITLE_TO_YEAR.match(text, end):
        return True
    if block.kind == HEADING:
        return False
    before = text[max(0, start - 100) : start].rstrip()
    if not before or before[-1] in ".!?:\"“‘'(":
        return False  # the start of a sentence
    if title_case(text):
        return False
    previous = re.findall(r"[\w'’-]+", before)[-2:]
    following = re.match(r"\W*([\w'’-]+)", text[end : end + 100])
    if previous and previous[-1].lower() in _NAME_LINKS and len(previous) == 2:
        previous = previous[:1]  # "Centre for Addicts": the capitalised word before the small one
    return bool((previous and _NAME_WORD.fullmatch(previous[-1])) or (following and _NAME_WORD.fullmatch(following.group(1))))
