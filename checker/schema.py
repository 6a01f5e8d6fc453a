"""Schemas for the YAML data files under rules/data/: a missing or mistyped key is a one-line error
naming the file, line and key, never a KeyError.

A schema is written with plain Python values:

    "str" "int" "number" "bool" "date" "any"   a value of that type
    "phrase"                                   a trigger phrase, or "re:" and a safe expression
    ["str"]                                    a list of such values
    {"name": "str", "note?": "str"}            a mapping with these keys ('?': optional)
    {"*": "int"}                               a mapping whose keys are free, each value an int
    ("str", ["str"])                           either of these
"""

from __future__ import annotations

import datetime

from checker.errors import UsageError

_TYPES = {
    "str": (lambda v: isinstance(v, str), "a string"),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number"),
    "number": (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "a number"),
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "date": (lambda v: isinstance(v, datetime.date), "a date (YYYY-MM-DD)"),
    "any": (lambda v: True, "anything"),
    # A trigger or cue phrase; "re:..." is a regular expression (see _problem).
    "phrase": (lambda v: isinstance(v, str), "a string"),
}


def _safe_expression(source: str) -> bool:
    import re

    from checker.saferegex import may_backtrack

    try:
        return not may_backtrack(source, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError):
        return False


def validate(value, schema, filename: str, where: str = "", line: int = 1) -> None:
    """Raise a UsageError at the first place where `value` does not fit `schema`."""
    problem = _problem(value, schema, where, line)
    if problem:
        at, path, text = problem
        if text.startswith("missing"):
            raise UsageError(f"{filename}:{at}: {path or 'top level'}: {text}")
        raise UsageError(f"{filename}:{at}: key '{path}': {text}")


def _describe(schema) -> str:
    if isinstance(schema, str):
        return _TYPES[schema][1]
    if isinstance(schema, list):
        return "a list"
    if isinstance(schema, dict):
        return "a mapping"
    return " or ".join(_describe(s) for s in schema)


def _problem(value, schema, where: str, line: int):
    if isinstance(schema, tuple):
        if any(_problem(value, option, where, line) is None for option in schema):
            return None
        return line, where, f"must be {_describe(schema)}"
    if isinstance(schema, str):
        ok, what = _TYPES[schema]
        if not ok(value):
            return line, where, f"must be {what}"
        if schema == "phrase" and value.startswith("re:") and not _safe_expression(value[3:]):
            # It runs with `re` and no time limit: it must compile and must not repeat a repetition
            # ((a+)+, (a|aa)*), the shapes that backtrack for hours. A user's file as the shipped ones.
            return line, where, "a 're:' expression must compile and must not repeat a repetition or an alternation"
        return None
    if isinstance(schema, list):
        if not isinstance(value, list):
            return line, where, "must be a list"
        for k, item in enumerate(value):
            problem = _problem(item, schema[0], f"{where}[{k}]", getattr(item, "line", line))
            if problem:
                return problem
        return None
    if not isinstance(value, dict):
        return line, where, "must be a mapping"
    line = getattr(value, "line", line)
    free = schema.get("*")
    named = {k.rstrip("?"): (v, not k.endswith("?")) for k, v in schema.items() if k != "*"}
    for key, (_, required) in named.items():
        if required and key not in value:
            return line, where, f"missing required key '{key}'"
    for key, item in value.items():
        key_line = value.line_of(key) if hasattr(value, "line_of") else line
        inner = f"{where}.{key}" if where else str(key)
        if key in named:
            spec = named[key][0]
        elif free is not None:
            spec = free
        else:
            allowed = ", ".join(sorted(named))
            return key_line, inner, f"unknown key (allowed: {allowed})"
        problem = _problem(item, spec, inner, key_line)
        if problem:
            return problem
    return None
