"""Path globs for `files`, `exclude` and overrides, matched in time linear in the path's length.

`*` and `?` stay inside one directory, `**` spans any number of them, and a glob matches a path or
anything below it (`drafts` and `drafts/` both exclude drafts/a.md). A regular expression built from
a glob backtracks: `**/*a*a*a*a*a*a*b` against a long file name took minutes. Here the glob is a
small automaton whose set of live states is advanced one character at a time (Thompson's method),
so a match costs at most (path length x glob length) steps, whatever the glob; each set of states
and its moves are remembered (a lazy DFA), so a walk over thousands of paths costs about one
dictionary lookup per character.
"""

from __future__ import annotations

from functools import lru_cache

# A literal, ?, * and **; "**/" is two states: a gate that may skip it (it may match nothing) and
# a loop over any characters that is left only through a "/".
_CHAR, _ONE, _STAR, _ANY, _GATE, _DIRS = range(6)


class Glob:
    def __init__(self, glob: str):
        self.text = glob
        glob = glob.strip()
        if glob.startswith("./"):
            glob = glob[2:]
        if glob.endswith("/"):
            glob += "**"
        tokens: list[tuple[int, str]] = []
        i = 0
        while i < len(glob):
            if glob.startswith("**/", i):
                tokens += [(_GATE, ""), (_DIRS, "")]
                i += 3
            elif glob.startswith("**", i):
                tokens.append((_ANY, ""))
                i += 2
            elif glob[i] == "*":
                tokens.append((_STAR, ""))
                i += 1
            elif glob[i] == "?":
                tokens.append((_ONE, ""))
                i += 1
            else:
                tokens.append((_CHAR, glob[i]))
                i += 1
        self.tokens = tokens
        # The glob's runs of plain characters: a path without one of them cannot match (most paths
        # against most globs: "**/README*" needs "README"), which a substring test tells at once.
        self._runs = [run for run in "".join(literal if kind == _CHAR else "\0" for kind, literal in tokens).split("\0") if run]
        self._end = len(tokens)  # the whole glob read: the path may go on only below it
        self._start = frozenset(self._closure({0}))
        self._moves: dict = {}

    def _closure(self, states: set[int]) -> set[int]:
        """Add the states reachable without reading a character: *, ** and **/ may match nothing."""
        tokens = self.tokens
        stack = list(states)
        while stack:
            state = stack.pop()
            if state >= len(tokens):
                continue
            kind = tokens[state][0]
            reachable = (state + 1,) if kind in (_STAR, _ANY) else (state + 1, state + 2) if kind == _GATE else ()
            for other in reachable:
                if other not in states:
                    states.add(other)
                    stack.append(other)
        return states

    def match(self, path: str) -> bool:
        # The sets of live states are remembered with their moves (a lazy DFA): a walk matches the
        # same few globs against thousands of paths, and most steps are then one dictionary lookup.
        for run in self._runs:
            if run not in path:
                return False
        states = self._start
        moves = self._moves
        if len(moves) > 50_000:  # a pathological glob on long names: start afresh rather than grow
            moves.clear()
        for char in path:
            key = (states, char)
            following = moves.get(key)
            if following is None:
                following = moves[key] = self._step(states, char)
            if not following:
                return False
            states = following
        return self._end in states or self._end + 1 in states

    def _step(self, states: frozenset, char: str) -> frozenset:
        tokens = self.tokens
        end = self._end
        below = end + 1  # once past a "/" after the whole glob, anything goes
        following: set[int] = set()
        for state in states:
            if state == below:
                following.add(below)
                continue
            if state == end:
                if char == "/":
                    following.add(below)
                continue
            kind, literal = tokens[state]
            if kind == _CHAR:
                if char == literal:
                    following.add(state + 1)
            elif kind == _ONE:
                if char != "/":
                    following.add(state + 1)
            elif kind == _STAR:
                if char != "/":
                    following.add(state)
            elif kind == _ANY:
                following.add(state)
            elif kind == _DIRS:  # any run of characters that ends with "/"
                following.add(state)
                if char == "/":
                    following.add(state + 1)
        return frozenset(self._closure(following)) if following else frozenset()


@lru_cache(maxsize=1024)
def compile_glob(glob: str) -> Glob:
    return Glob(glob)
