"""Reading-level measures of an article's body prose, counted in one pass.

Body prose is the text of paragraphs, list items and quotes. Headings, table cells, code, front
matter, link URLs and sections such as "References" are left out (a link counts by its visible
text; the section names are `skip_sections` in rules/data/readability.yaml). Each list item counts as
a sentence of its own, with or without a full stop, so a bulleted list is not read as one endless
sentence; so is a line that ends without end punctuation before a line that starts with a capital
(a dateline, a caption, a helpline's label).

Words, sentences, syllables, letters and characters are counted exactly as textstat 0.7.8 counts
them (tests/test_readability.py checks every formula against textstat itself), but once per
block: textstat re-tokenises the text for every formula and SMOG looks words up one call at a
time, which made reading level the most expensive check. The article's counts are the sums of its
blocks' (its sentences too, unless a block ends without a full stop and its last sentence runs on
into the next block: then they are counted on the joined text).
Syllables come from the CMU dictionary, looked up in place (checker.syllables), with an estimate for
words it lacks; nothing is downloaded.

The counts and formulas are kept on the document (doc.cache), so the `fk_grade` the engine reports
for every file and the readability rules' measures are counted once. The readability data file
(targets, jargon, acronyms, skip_sections) is read here, against its SCHEMA.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from checker import regexcache
from checker.document import HEADING, LIST_ITEM, PARAGRAPH, PLACEHOLDER, QUOTE

PROSE_FOR_READABILITY = (PARAGRAPH, LIST_ITEM, QUOTE)

# textstat's tokenisation: an apostrophe survives only inside a contraction ("don't", "it's");
# other punctuation, hyphens included, is dropped; words are what whitespace separates.
_NOT_IN_WORDS = regexcache.compile(r"'(?![tsd]|ve|ll|re)|[^\w\s']")
_SENTENCE = regexcache.compile(r"\b[^.!?]+[.!?]*")
_WORD_CHARACTER = regexcache.compile(r"\w")


@dataclass
class Counts:
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0  # words of three syllables or more (SMOG)
    letters: int = 0  # word characters (Coleman-Liau)
    characters: int = 0  # characters other than whitespace (ARI)
    tokens: int = 0  # whitespace-separated tokens, punctuation-only ones included (ARI)
    sentences: int = 0
    pieces: int = 0  # runs up to a full stop, and how many of them are too short to count
    short: int = 0

    def add(self, other: Counts) -> None:
        for name in ("words", "syllables", "polysyllables", "letters", "characters", "tokens", "pieces", "short"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def words_of(text: str) -> list[str]:
    return _NOT_IN_WORDS.sub("", text).split()


_syllable_cache: dict[str, int] = {}


def word_syllables(word: str) -> int:
    """Syllables of one lower-case word: the dictionary's count, else an estimate."""
    count = _syllable_cache.get(word)
    if count is None:
        from checker.syllables import dictionary, estimate_syllables

        english = dictionary()
        count = english.syllables(word)
        if count is None:
            count = estimate_syllables(word, english)
        if len(_syllable_cache) < 500_000:  # an article's vocabulary is small; a corpus's is bounded
            _syllable_cache[word] = count
    return count


def count_sentences(text: str) -> int:
    """Runs of text up to a full stop; those of two words or fewer ("Dr.", "e.g.") do not count."""
    if not text:
        return 0
    pieces, short = _sentence_pieces(text)
    return max(1, pieces - short)


def _sentence_pieces(text: str) -> tuple[int, int]:
    """How many runs up to a full stop, and how many of them have two words or fewer."""
    pieces = _SENTENCE.findall(text)
    return len(pieces), sum(1 for piece in pieces if _is_short(piece))


def _is_short(piece: str) -> bool:
    """Two words or fewer: textstat's words are the whitespace-separated tokens that keep a word
    character once punctuation is removed, i.e. the tokens that have one."""
    words = 0
    for token in piece.split():
        if token.isalnum() or _WORD_CHARACTER.search(token):
            words += 1
            if words > 2:
                return False
    return True


def count(text: str, with_characters: bool = True) -> Counts:
    words = words_of(text)
    pieces, short = _sentence_pieces(text) if text else (0, 0)
    counts = Counts(words=len(words), sentences=max(1, pieces - short) if text else 0, pieces=pieces, short=short)
    lowered = " ".join(words).lower().split()  # one lower() for the block; words have no spaces
    per_word = list(map(_syllable_cache.get, lowered))
    if None in per_word:  # words not seen before in this process
        per_word = [word_syllables(word) if n is None else n for word, n in zip(lowered, per_word)]
    counts.syllables = sum(per_word)
    counts.polysyllables = len(per_word) - per_word.count(0) - per_word.count(1) - per_word.count(2)
    if with_characters:
        # Every word character of the text is in its words, besides the apostrophes they keep.
        joined = "".join(words)
        counts.letters = len(joined) - joined.count("'")
        tokens = text.split()
        counts.characters = sum(map(len, tokens))
        counts.tokens = len(tokens)
    return counts


def fk_from(counts: Counts) -> float:
    if not counts.words or not counts.sentences or not counts.syllables:
        return 0.0
    # The same order of operations as textstat, so that the rounded grade is the same.
    return (0.39 * (counts.words / counts.sentences)) + (11.8 * (counts.syllables / counts.words)) - 15.59


def formulas(counts: Counts) -> dict:
    """The cheap formulas (Gunning fog and Dale-Chall are left out: their lists of difficult
    words cost more than the rest together), as textstat computes them, to one decimal."""
    w, s = counts.words, counts.sentences
    if not w or not s:
        return {}
    fre = 206.835 - 1.015 * (w / s) - 84.6 * (counts.syllables / w) if counts.syllables else 0.0
    smog = (1.043 * (30 * (counts.polysyllables / s)) ** 0.5) + 3.1291
    cli = (0.058 * (counts.letters / w * 100)) - (0.296 * (s / w * 100)) - 15.8 if counts.letters else 0.0
    ari = (4.71 * (counts.characters / counts.tokens)) + (0.5 * (w / s)) - 21.43 if counts.tokens and counts.characters else 0.0
    return {
        "fk_grade": round(fk_from(counts), 1),
        "flesch_reading_ease": round(fre, 1),
        "smog_index": round(smog, 1),
        "coleman_liau_index": round(cli, 1),
        "automated_readability_index": round(ari, 1),
        "words": w,
        "sentences": s,
        "syllables_per_word": round(counts.syllables / w, 2),
    }


def has_prose(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def fk_grade(text: str) -> float | None:
    """Flesch-Kincaid grade level, to one decimal; None when there is no prose to measure."""
    return round(fk_from(count(text, with_characters=False)), 1) if has_prose(text) else None


def measures(text: str) -> dict:
    return formulas(count(text)) if has_prose(text) else {}


def syllables(text: str) -> int:
    return sum(word_syllables(w.lower()) for w in words_of(text))


# ---- the data file (rules/data/readability.yaml)

# Its schema (checker.schema): a missing or mistyped key is one line naming the file, line and key.
SCHEMA = {
    "targets": {"*": "number"},  # audience -> target grade
    "default_audience": "str",  # one of the targets
    "skip_sections?": ["str"],  # sections left out of every measure
    "jargon": {"*": ["str"]},  # clinical word -> plain alternatives
    "common_acronyms": ["str"],
    "acronym_small_words?": ["str"],
    "domain_terms": ["str"],
}


@functools.lru_cache(maxsize=16)
def load_readability_data(path: str) -> dict:
    """The readability data file at `path`, read and checked once per process."""
    from checker.errors import UsageError
    from checker.yamlload import load_data_file

    data = load_data_file(path, SCHEMA)
    if data["default_audience"] not in data["targets"]:
        line = data.line_of("default_audience") if hasattr(data, "line_of") else 1
        raise UsageError(f"{path}:{line}: key 'default_audience': must be one of the targets ({', '.join(map(str, data['targets']))})")
    return data


@functools.lru_cache(maxsize=1)
def default_skip_sections() -> tuple[str, ...]:
    """The sections the shipped data file leaves out: what the engine's `fk_grade` measures."""
    from checker.rule import builtin_data

    path = builtin_data("readability.yaml")
    data = load_readability_data(str(path)) if path.is_file() else {}
    return tuple(s.lower() for s in data.get("skip_sections", ()))


# ---- the article's prose


def prose_blocks(doc, skip_sections=None) -> list:
    """Paragraphs, list items and quotes, outside reference-like sections."""
    skip = default_skip_sections() if skip_sections is None else tuple(s.lower() for s in skip_sections)
    out = []
    skipping_level = 0  # the level of the skipped section's heading, 0 when not skipping
    for block in doc.blocks:
        if block.kind == HEADING:
            if skipping_level and block.level > skipping_level:
                continue
            name = re.sub(r"[^\w ]+", "", block.text).strip().lower()
            skipping_level = block.level if name in skip else 0
            continue
        if not skipping_level and block.kind in PROSE_FOR_READABILITY:
            out.append(block)
    return out


def unit_cuts(block) -> list[int]:
    """Text offsets where a line of the block ends without end punctuation and the next line
    starts a new unit (a capital or a digit): a dateline, a caption, a helpline's label. Each
    line is then read as a sentence of its own, not run into the next one."""
    cuts = []
    for at in block.breaks:
        before = block.text[:at].rstrip().rstrip("\"'”’)]*_")
        after = block.text[at + 1 :].lstrip(" *_\"'“‘(")
        if before and before[-1] not in ".!?:;,–—-" and (after[:1].isupper() or after[:1].isdigit()):
            cuts.append(at)
    return cuts


def block_prose(block) -> str:
    units = []
    start = 0
    for cut in unit_cuts(block) + [len(block.text)]:
        unit = " ".join(block.text[start:cut].replace(PLACEHOLDER, " ").split())
        start = cut
        if not unit:
            continue
        if (block.kind == LIST_ITEM or cut < len(block.text)) and unit[-1] not in ".!?:;":
            unit += "."  # a list item, or a line that ends a unit, is a sentence of its own
        units.append(unit)
    return " ".join(units)


@dataclass
class ProseMeasure:
    """The counts of an article's body prose, and of each of its blocks."""

    text: str
    total: Counts
    blocks: list  # (block, its prose, its counts)


def article_prose(doc, skip_sections=None) -> ProseMeasure:
    """Counted once per document and skip list, shared by the engine and the readability rules."""
    skip = default_skip_sections() if skip_sections is None else tuple(s.lower() for s in skip_sections)
    key = ("prose", skip)
    if key not in doc.cache:
        total = Counts()
        blocks = []
        for block in prose_blocks(doc, skip):
            prose = block_prose(block)
            if prose:
                counts = count(prose)
                total.add(counts)
                blocks.append((block, prose, counts))
        text = "\n".join(prose for _, prose, _ in blocks)
        if all(prose[-1] in ".!?" for _, prose, _ in blocks):
            # No run of text crosses from one block into the next: the blocks' runs add up.
            total.sentences = max(1, total.pieces - total.short) if text else 0
        else:
            total.sentences = count_sentences(text)
        doc.cache[key] = ProseMeasure(text, total, blocks)
    return doc.cache[key]


def article_measures(doc, skip_sections=None) -> dict:
    """The formulas for the article's body prose ({} when it has none): a copy of what was
    computed once per document and skip list, which `fk_grade` in every file's metrics shares."""
    return dict(_article_formulas(doc, skip_sections))


def article_fk_grade(doc, skip_sections=None) -> float | None:
    """The article's Flesch-Kincaid grade, to one decimal; None when it has no prose."""
    return _article_formulas(doc, skip_sections).get("fk_grade")


def _article_formulas(doc, skip_sections=None) -> dict:
    skip = default_skip_sections() if skip_sections is None else tuple(s.lower() for s in skip_sections)
    key = ("readability-measures", skip)
    if key not in doc.cache:
        prose = article_prose(doc, skip)
        # With prose there is a word and a sentence, so formulas() gives fk_grade.
        doc.cache[key] = formulas(prose.total) if has_prose(prose.text) else {}
    return doc.cache[key]
