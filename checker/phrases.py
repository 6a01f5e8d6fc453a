"""Phrase lists as regular expressions: the one way carecheck matches words and phrases.

A phrase matches case-insensitively, on word boundaries (a hyphen joined to it counts as part
of the word, so "completed suicide" is not found in "completed suicide-prevention"), with any
whitespace between its words, so it still matches when a line wraps inside it, and with a straight
or a curly apostrophe (can't, can’t).
"""

from __future__ import annotations

import functools
import re

from checker import regexcache


def longest_first(phrases) -> list[str]:
    """Distinct phrases, longest first (so an alternation prefers "self-harm" to "self"), ties in
    alphabetical order: the same pattern text in every run, whatever the order of a set."""
    return sorted(set(phrases), key=lambda phrase: (-len(phrase), phrase))


def phrase_pattern(phrase: str) -> str:
    """A regex for a literal phrase: word boundaries at both ends, any whitespace between words.

    A hyphen joined to the phrase counts as part of a word, so "completed suicide" does not
    match inside "completed suicide-prevention training".
    """
    words = [re.escape(w) for w in phrase.split()]
    body = r"\s+".join(words).replace("'", "['’]")  # a straight or a curly apostrophe
    start = r"(?<![\w-])" if phrase[:1].isalnum() or phrase[:1] == "_" else ""
    end = r"(?![\w-])" if phrase[-1:].isalnum() or phrase[-1:] == "_" else ""
    return start + body + end


def phrases_regex(phrases, flags=re.IGNORECASE) -> re.Pattern | None:
    """One regex for many phrases. The word-boundary checks stand outside the alternation, so
    `re` can skip quickly to places where a phrase can start (several times faster)."""
    phrases = longest_first(phrases)
    if not phrases:
        return None
    bounded = [p for p in phrases if (p[:1].isalnum() or p[:1] == "_") and (p[-1:].isalnum() or p[-1:] == "_")]
    other = [p for p in phrases if p not in bounded]
    parts = []
    if bounded:
        body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in bounded).replace("'", "['’]")
        parts.append(rf"(?<![\w-])(?:{body})(?![\w-])")
    parts.extend(phrase_pattern(p) for p in other)
    return regexcache.compile("|".join(parts), flags)


def trigger_regex(phrases) -> re.Pattern:
    """One regex for a list of trigger or cue phrases (rules/data/context.yaml): a phrase
    matches with a straight or curly apostrophe; "re:..." is a regular expression; "n't" matches
    contractions. Phrases that start and end with a letter share one pair of
    word-boundary checks outside the alternation (much faster to compile and to run)."""
    bounded, other = [], []
    for phrase in longest_first(phrases):
        if phrase.startswith("re:"):
            other.append(f"(?:{phrase[3:]})")
            continue
        if phrase == "n't":
            other.append(r"n['’]t\b")
            continue
        body = r"\s+".join(re.escape(part) for part in phrase.split()).replace("'", "['’]")
        if phrase[:1].isalnum() and phrase[-1:].isalnum():
            bounded.append(body)
        else:
            start = r"(?<![\w'’-])" if phrase[:1].isalnum() else ""
            end = r"(?![\w'’-])" if phrase[-1:].isalnum() else ""
            other.append(start + body + end)
    # The special forms ("myth —", "? no", regexes) go first, so they win over a plain word that
    # starts at the same place ("myth").
    alternatives = other + ([rf"(?<![\w'’-])(?:{'|'.join(bounded)})(?![\w'’-])"] if bounded else [])
    return regexcache.compile("|".join(alternatives), re.IGNORECASE)


_WORD = re.compile(r"\w+")


def words_in(text: str) -> frozenset[str]:
    """The case-folded words of a text (runs of word characters)."""
    return frozenset(_WORD.findall(text.casefold()))


class PhraseList:
    """A phrase list with a cheap pre-check: a phrase can only match a text that has all its
    words, so a set lookup per phrase rules out most blocks and articles before any regex runs.
    (Case folding is at least as loose as the regex's IGNORECASE; a phrase without any word
    character always passes the pre-check.)"""

    def __init__(self, phrases, flags=re.IGNORECASE):
        self.phrases = tuple(phrases)
        self.flags = flags
        self.needs = tuple(sorted({tuple(sorted(words_in(p))) for p in self.phrases}, key=len))
        # Each phrase's words filed under its longest one, to find candidates by set intersection.
        self.by_word: dict[str, list[tuple]] = {}
        for need in self.needs:
            self.by_word.setdefault(max(need, key=len) if need else "", []).append(need)
        self._regex = None

    def may_occur(self, words: frozenset, needs=None) -> bool:
        return any(all(w in words for w in need) for need in (self.needs if needs is None else needs))

    def needs_met(self, words: frozenset) -> tuple:
        """The word sets of the phrases that may occur in a text with these words: an article's,
        to narrow the pre-check of each of its blocks."""
        keys = self.by_word.keys() & words
        if "" in self.by_word:
            keys.add("")
        return tuple(need for key in sorted(keys) for need in self.by_word[key] if all(w in words for w in need))

    def blocks_in(self, doc) -> set[int]:
        """The indexes of the document's prose blocks that have all the words of some phrase."""
        return set().union(*(doc.blocks_with(need) for need in self.needs_met(doc.words())))

    @property
    def regex(self) -> re.Pattern | None:
        if self._regex is None:
            self._regex = phrases_regex(self.phrases, self.flags)
        return self._regex


class NamedPhrases:
    """PhraseList's pre-check for many named lists at once (the measures or populations of the claims
    registry): the names whose phrases a text's words allow, found by the longest word of each
    phrase in one pass (a PhraseList per name, asked in turn, costs about a sixth more per article)."""

    def __init__(self, lists: dict):
        self.by_word: dict[str, list[tuple[str, frozenset]]] = {}
        self.always: set[str] = set()  # a phrase with no word characters: always searched
        for name, phrases in lists.items():
            for phrase in phrases:
                need = words_in(phrase)
                if need:
                    self.by_word.setdefault(max(need, key=len), []).append((name, need))
                else:
                    self.always.add(name)

    def allowed(self, words: frozenset) -> set[str]:
        found = set(self.always)
        for word in self.by_word.keys() & words:
            found.update(name for name, need in self.by_word[word] if name not in found and need <= words)
        return found


@functools.lru_cache(maxsize=256)
def phrase_list(phrases: tuple[str, ...]) -> PhraseList:
    """A PhraseList for a word list from a data file, built once."""
    return PhraseList(phrases)


@functools.lru_cache(maxsize=256)
def word_list_regex(words: tuple[str, ...], flags=re.IGNORECASE) -> re.Pattern:
    """phrases_regex for a word list from a data file, compiled once; never None."""
    return phrases_regex(words, flags) or re.compile(r"(?!)")
