"""A fast pre-check for regular expressions: literal words that any match must contain.

Running dozens of rule regexes over every paragraph is most of the cost of a check, and most
paragraphs contain none of the words a rule is about. For a regex, `required_literals` finds a
set of strings such that every match contains at least one of them (for `crazy|insane` that is
{"crazy", "insane"}; for `(?:so|very) (?P<term>bipolar)` it is {"bipolar"}). A block whose text
contains none of them cannot match, so the regex is not run on it. When no such set can be
proven (a pattern made of character classes, say) the answer is None and the regex always runs.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _sre
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as _c
    import sre_parse as _sre

MIN_LENGTH = 3  # shorter literals say too little to be worth checking


_TERM_GROUP = [None]  # the group number of (?P<term>...) in the pattern being analysed


def _pieces(items):
    """(strings, is_term) for each run of literal characters and each part of a sequence: every
    piece a match must contain one string of (None where a piece needs none that is known)."""
    run: list[str] = []
    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg))
            continue
        yield ({"".join(run)} if run else None), False
        run = []
        yield _node(op, arg), op is _c.SUBPATTERN and arg[0] is not None and arg[0] == _TERM_GROUP[0]
    yield ({"".join(run)} if run else None), False


def _usable(candidate: set[str] | None) -> bool:
    return bool(candidate) and all(len(c) >= MIN_LENGTH for c in candidate)


def _sequence(items) -> set[str] | None:
    """Required literals of a sequence: the best of its runs of literal characters and parts.
    The literals of the (?P<term>...) group win: they are the rule's own words, and rarer than
    the context words around them."""
    best: set[str] | None = None
    best_is_term = False
    for candidate, is_term in _pieces(items):
        if not _usable(candidate) or (best_is_term and not is_term):
            continue
        if best is None or (is_term and not best_is_term) or min(map(len, candidate)) > min(map(len, best)):
            best, best_is_term = candidate, is_term
    return best


def _node(op, arg) -> set[str] | None:
    if op is _c.SUBPATTERN:
        return _sequence(arg[-1])
    if op is _c.BRANCH:
        found = set()
        for branch in arg[1]:
            required = _sequence(branch)
            if not required:
                return None  # one branch might match without any literal
            found |= required
        return found
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = arg
        return _sequence(inner) if low >= 1 else None
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(arg)
    return None  # character classes, anchors, lookarounds, back references


def required_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case strings one of which every match of pattern contains, or None if unknown."""
    return literals_of(pattern.pattern, pattern.flags)


def literals_of(source: str, flags: int) -> frozenset[str] | None:
    """The same, from a pattern's text and flags (no compiled pattern needed)."""
    parsed, flags = _parse(source, flags)
    if parsed is None:
        return None
    _TERM_GROUP[0] = parsed.state.groupdict.get("term")
    required = _sequence(list(parsed))
    lowered = _lowered([required] if required else [], flags)
    return lowered[0] if lowered else None


def _parse(source: str, flags: int):
    """The parsed pattern (None if `re` cannot parse it) and the flags that matter here."""
    flags &= re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE  # `regex` has more flag bits
    try:
        return _sre.parse(source, flags), flags
    except Exception:
        return None, flags


def _lowered(found: list, flags: int) -> list[frozenset[str]]:
    """The string sets in lower case; none when the pattern is case-sensitive and a string has
    capitals (comparing exactly would need the original text)."""
    if not flags & re.IGNORECASE and any(c != c.lower() for strings in found for c in strings):
        return []
    return [frozenset(c.lower() for c in strings) for strings in found]


def literal_conditions(source: str, flags: int) -> list[frozenset[str]]:
    """Every set of lower-case strings of which a match must contain one: the runs of literal
    characters and the parts of the pattern's top level (inside one group that holds it all), each
    a condition of its own ("suicides?\\s+(?:wave|spike)" needs "suicide" and one of "wave",
    "spike"). All must be met; an empty list knows of none."""
    parsed, flags = _parse(source, flags)
    if parsed is None:
        return []
    items = list(parsed)
    while len(items) == 1 and items[0][0] is _c.SUBPATTERN:
        items = list(items[0][1][-1])
    _TERM_GROUP[0] = None
    return _lowered([candidate for candidate, _is_term in _pieces(items) if _usable(candidate)], flags)


def may_match(literals: frozenset[str] | None, lowered_text: str) -> bool:
    return literals is None or any(literal in lowered_text for literal in literals)
