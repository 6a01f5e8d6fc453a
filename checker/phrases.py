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
from checker.prefilter import literal_conditions


def longest_first(phrases) -> list[str]:
    """Distinct phrases, longest first (so an alternation prefers "self-harm" to "self"), ties in
    alphabetical order: the same pattern text in every run, whatever the order of a set."""
    return sorted(set(phrases), key=lambda phrase: (-len(phrase), phrase))


# The letters IGNORECASE takes for "i" that case folding keeps ("ı") or makes two letters of ("İ").
_AS_IGNORECASE = str.maketrans({"\u0131": "i", "\u0130": "i"})


def match_key(text: str) -> str:
    """What a case-insensitive match stands for, to look it up among lower-case words: "SIX",
    "ſix" and "sıx" all match `(?i)six` and all give "six". One character stays one character
    (an "ß" excepted: "ss")."""
    if "\u0131" in text or "\u0130" in text:  # (rare: translate() is ten times slower than casefold())
        text = text.translate(_AS_IGNORECASE)
    return text.casefold()


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


_END = ""  # in a trie node: a phrase ends here


def phrase_trie(phrases, flags=re.IGNORECASE, apostrophes: bool = True) -> str:
    """The alternation of literal phrases as a trie: phrases that share a beginning share its
    pattern ("self-harm|self-injury" is "self\\-(?:harm|injury)"), so `re` tries one branch per
    character instead of every phrase at every word (several times faster on lists of hundreds).
    At each point the longer continuation is tried first, as the longest-first alternation did:
    the same phrase matches. Any whitespace between words; with `apostrophes`, a straight
    apostrophe matches a curly one too. Kept between runs (checker.regexcache): a trie of a few
    thousand phrases takes longer to build than the check of an article."""
    what = "trie" if apostrophes else "trie, apostrophes as written"
    return regexcache.derived(what, "\0".join(phrases), flags, lambda joined, flags: _build_trie(joined.split("\0"), flags, apostrophes))


def _build_trie(phrases, flags: int, apostrophes: bool) -> str:
    root: dict = {}
    fold = bool(flags & re.IGNORECASE)
    for phrase in phrases:
        node = root
        for k, word in enumerate(phrase.split()):
            units = ([r"\s+"] if k else []) + ["['’]" if c == "'" and apostrophes else re.escape(c.lower() if fold and len(c.lower()) == 1 else c)
                                                for c in word]
            for unit in units:
                node = node.setdefault(unit, {})
        node[_END] = {}
    return _trie_pattern(root)


def _trie_pattern(node: dict) -> str:
    branches = [unit + _trie_pattern(child) for unit, child in sorted(node.items()) if unit != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if _END in node else body


def phrases_regex(phrases, flags=re.IGNORECASE) -> re.Pattern | None:
    """One regex for many phrases. The word-boundary checks stand outside the alternation, so
    `re` can skip quickly to places where a phrase can start (several times faster), and the
    alternation is a trie (phrase_trie)."""
    phrases = longest_first(phrases)
    if not phrases:
        return None
    bounded = [p for p in phrases if (p[:1].isalnum() or p[:1] == "_") and (p[-1:].isalnum() or p[-1:] == "_")]
    other = [p for p in phrases if p not in bounded]
    parts = []
    if bounded:
        parts.append(rf"(?<![\w-])(?:{phrase_trie(bounded, flags)})(?![\w-])")
    parts.extend(phrase_pattern(p) for p in other)
    return regexcache.compile("|".join(parts), flags)


def trigger_regex(phrases) -> re.Pattern:
    """One regex for a list of trigger or cue phrases (rules/data/context.yaml): a phrase
    matches with a straight or curly apostrophe; "re:..." is a regular expression; "n't" matches
    contractions. Phrases that start and end with a letter share one pair of
    word-boundary checks outside the alternation (much faster to compile and to run)."""
    return regexcache.compile("|".join(_trigger_alternatives(phrases)), re.IGNORECASE)


class TriggerSearch:
    """trigger_regex(phrases).search, run in parts: each alternative of the list (a regular
    expression, or the plain phrases together) alone, and only where a string it needs occurs
    (checker.prefilter). The leftmost match wins, and at the same place the alternative the
    joined regex tries first, so the answer is the joined regex's. A joined alternation of dozens
    of regular expressions tries every one at every character (200 microseconds a sentence for
    the safety lists); most sentences hold the words of none or one of them.
    Lists with named groups are not split: a group must mean the same whichever part matched."""

    def __init__(self, phrases):
        parts = _trigger_alternatives(phrases)
        self.parts = [(regexcache.compile(part, re.IGNORECASE), [frozenset(c) for c in regexcache.derived("needs", part, re.IGNORECASE, _needs)])
                      for part in parts]
        # Each part filed under the strings of its longest-worded condition: one pass over them
        # finds the parts a text may hold; their other conditions are asked of those only.
        self.by_literal: dict[str, list[int]] = {}
        self.always = []
        for k, (_pattern, conditions) in enumerate(self.parts):
            if not conditions:
                self.always.append(k)
                continue
            for literal in max(conditions, key=lambda needed: min(map(len, needed))):
                self.by_literal.setdefault(literal, []).append(k)

    def search(self, text: str):
        lowered = text.lower()
        candidates = set(self.always)
        for literal, parts in self.by_literal.items():
            if literal in lowered:
                candidates.update(parts)
        best = None
        for k in sorted(candidates):  # the joined regex's order: at the same place, the first wins
            pattern, conditions = self.parts[k]
            if len(conditions) > 1 and not all(any(literal in lowered for literal in needed) for needed in conditions):
                continue
            found = pattern.search(text)
            if found and (best is None or found.start() < best.start()):
                best = found
        return best


def _needs(pattern: str, flags: int) -> list[list[str]]:
    return [sorted(needed) for needed in literal_conditions(pattern, flags)]


def trigger_search(phrases):
    """A TriggerSearch for the list, or its joined regex when some phrase names a group."""
    if any("(?P<" in phrase for phrase in phrases):
        return trigger_regex(phrases)
    return TriggerSearch(phrases)


def _trigger_alternatives(phrases) -> list[str]:
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
            bounded.append(phrase)
        else:
            start = r"(?<![\w'’-])" if phrase[:1].isalnum() else ""
            end = r"(?![\w'’-])" if phrase[-1:].isalnum() else ""
            other.append(start + body + end)
    # The special forms ("myth —", "? no", regexes) go first, so they win over a plain word that
    # starts at the same place ("myth").
    return other + ([rf"(?<![\w'’-])(?:{phrase_trie(bounded)})(?![\w'’-])"] if bounded else [])


_WORD = re.compile(r"\w+")


def words_in(text: str) -> frozenset[str]:
    """The case-folded words of a text (runs of word characters)."""
    return frozenset(_WORD.findall(text.casefold()))


def first_word(phrase: str) -> str | None:
    """The case-folded first word of a phrase as words_in reads words (None when the phrase does
    not open with one): a phrase can only stand in a text whose words hold it."""
    m = _WORD.match(phrase.casefold())
    return m.group() if m else None


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
        self.keys = frozenset(self.by_word)
        self._regex = None

    def may_occur(self, words: frozenset, needs=None) -> bool:
        return any(all(w in words for w in need) for need in (self.needs if needs is None else needs))

    def needs_met(self, words: frozenset) -> tuple:
        """The word sets of the phrases that may occur in a text with these words: an article's,
        to narrow the pre-check of each of its blocks."""
        if self.keys.isdisjoint(words) and "" not in self.keys:
            return ()  # most lists have none of their words in a given article: one set test
        keys = self.keys & words
        if "" in self.keys:
            keys = keys | {""}
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
        self.keys = frozenset(self.by_word)  # a set's intersection walks the smaller side; a dict view's does not

    def allowed(self, words: frozenset) -> set[str]:
        found = set(self.always)
        for word in self.keys & words:
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
