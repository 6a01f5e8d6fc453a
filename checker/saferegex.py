"""Regular expressions from rule files, run with a time limit.

Rule packs may come from other teams, and one badly written expression ((a|aa)+b on a long run
of a's) can backtrack for hours. Their expressions are compiled with the `regex` module, whose
matcher avoids most catastrophic backtracking and accepts a timeout; a search that still runs
past the limit raises RuleTimeout, which the rule kinds turn into a `carecheck.rule-timeout`
finding for that file while the rest of the run goes on.

The packs shipped with carecheck are trusted: their expressions run with `re`, which compiles
several times faster (most of a one-file check's start-up otherwise); tests/test_rule_examples.py
rejects any shipped expression whose shape can backtrack catastrophically (a repetition of a
repetition or of an alternation).
"""

from __future__ import annotations

import re

from checker import regexcache

TIMEOUT_SECONDS = 1.0


class RuleTimeout(Exception):
    """A rule's regular expression ran past the time limit on some text."""


def compile(pattern: str, flags: int = 0, trusted: bool = False):
    """Compile with `regex` (with `re` when trusted), taking re's flags. Raises regex.error for an
    invalid pattern."""
    if trusted:
        return regexcache.compile(pattern, flags)
    import regex  # on first use: most runs compile few rule expressions, and `regex` takes 6 ms to import

    translated = 0
    for re_flag, regex_flag in ((re.IGNORECASE, regex.IGNORECASE), (re.MULTILINE, regex.MULTILINE), (re.DOTALL, regex.DOTALL), (re.VERBOSE, regex.VERBOSE)):
        if flags & re_flag:
            translated |= regex_flag
    # A pattern only `re` accepts is refused: run with `re`, nothing would limit its time.
    return regex.compile(pattern, translated | regex.V0)


def check_expressions(expressions, flags: int, trusted: bool = False) -> tuple[str, str] | None:
    """The (key, problem) of the first invalid or empty-matching expression, for rule validation.
    Checked with `re`; an untrusted expression also with `regex`, the engine it will run with (a
    tenth of a second for the shipped packs, which run with `re` and need not pay it)."""
    invalid = "invalid regular expression {!r} (it must compile with the time-limited engine): {}"
    for expression in expressions:
        try:
            # A trusted expression is compiled as it will run (regexcache keeps it for the run, and
            # worker processes inherit it); re.compile would compile it a second time.
            compiled = regexcache.compile(expression, flags) if trusted else re.compile(expression, flags)
        except re.error as exc:
            return "regex", invalid.format(expression, exc)
        if not trusted:  # it runs with `regex` and its time limit: one `regex` rejects is refused
            import regex

            try:
                compile(expression, flags)
            except regex.error as exc:
                return "regex", invalid.format(expression, exc)
        if compiled.match(""):
            return "regex", f"regular expression {expression!r} matches empty text"
    return None


def may_backtrack(pattern: str, flags: int = 0) -> bool:
    """Does the expression repeat, without a small bound, something that itself repeats or chooses
    between alternatives? Those shapes ((a+)+, (\\s+x)*, (a|aa)+) are what backtrack
    catastrophically under `re`. Raises re.error for an invalid expression."""
    import re._parser

    return _nests_unbounded_repeats(list(re._parser.parse(pattern, flags)))


def _nests_unbounded_repeats(items, inside: bool = False) -> bool:
    import re._constants as c

    repeats = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None))
    for op, arg in items:
        if op in repeats:
            _low, high, sub = arg
            unbounded = high == c.MAXREPEAT or high > 10
            if (unbounded and inside) or _nests_unbounded_repeats(sub, inside or unbounded):
                return True
        elif op is c.SUBPATTERN and _nests_unbounded_repeats(arg[-1], inside):
            return True
        elif op is c.BRANCH and (inside or any(_nests_unbounded_repeats(branch, inside) for branch in arg[1])):
            return True
        elif op in (c.ASSERT, c.ASSERT_NOT) and _nests_unbounded_repeats(arg[1], inside):
            return True
    return False


def finditer(pattern, text: str):
    """Like pattern.finditer(text), for `re` and `regex` patterns, within the time limit."""
    if isinstance(pattern, re.Pattern):
        return list(pattern.finditer(text))
    try:
        return list(pattern.finditer(text, timeout=TIMEOUT_SECONDS))
    except TimeoutError:
        raise RuleTimeout(pattern.pattern) from None


def timeout_finding(rule, start: int, end: int):
    from checker.findings import Finding

    # About the rule on this file, not about a span: no `scope` may hide it.
    return Finding(
        "carecheck.rule-timeout",
        "warning",
        f"Rule {rule.id} gave up on this file: its regular expression ran for more than {TIMEOUT_SECONDS:g} s (it backtracks too much; see {rule.file}:{rule.line}).",
        start,
        end,
        scoped=False,
    )
