"""JSON text indented by two spaces, byte for byte what `json.dumps(value, indent=2,
ensure_ascii=False, default=str)` writes, about three times faster.

With `indent`, the json module encodes in Python through a chain of generators (its C encoder
only writes compact JSON): on real pages, with fifty findings an article, that was a third of a
warm re-run. Here strings are escaped by the json module's own C function and every container is
joined once; a value of another type is written as json would write `str(value)`.

    dumps(value, depth=0)   # the text of value, its lines after the first indented `depth` levels
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C escaper when available, as json.dumps uses

_INDENT = "  "


def dumps(value, depth: int = 0) -> str:
    """json.dumps(value, indent=2, ensure_ascii=False, default=str), with every line after the
    first indented by `depth` more levels (for a value nested in a document written by hand)."""
    return _encode(value, "\n" + _INDENT * depth)


def _encode(value, newline: str) -> str:
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        return scalar(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + _INDENT
        parts = []
        for key, item in value.items():
            scalar = _SCALARS.get(type(item))  # most values are scalars: written without a call more
            parts.append((encode_basestring(key) if type(key) is str else _key(key)) + ": " + (scalar(item) if scalar else _encode(item, inner)))
        return "{" + inner + ("," + inner).join(parts) + newline + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = newline + _INDENT
        return "[" + inner + ("," + inner).join([_encode(item, inner) for item in value]) + newline + "]"
    # What json accepts by subclass (a str, int or float subclass), then default=str.
    for kind in (str, int, float):
        if isinstance(value, kind):
            return _SCALARS[kind](value)
    return encode_basestring(str(value))


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


_SCALARS = {
    str: encode_basestring,
    int: int.__repr__,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
}


def _key(key) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    # json writes other keys as strings: its own rules (True -> "true", 1.5 -> "1.5") and errors.
    return json.dumps({key: 0}, ensure_ascii=False)[1:-4]
