"""The generic `pattern` kind: flag literal phrases or regular expressions, with suggestions.

For rules users write themselves (Vale's existence and substitution checks). Keys:
- terms: phrases matched case-insensitively on word boundaries; spaces match any whitespace,
  so a phrase still matches when a line wraps inside it;
- regex: Python regular expressions (case-insensitive unless case_sensitive is true);
- swap: a map from phrase to replacement(s); the replacements become the suggestions;
- exceptions: phrases in which a match is allowed (e.g. "pay attention" for "attention");
- case_sensitive: false by default.
`{match}` in the message is replaced by the matched text, `{suggestion}` by the first suggestion.

    - id: house.utilize
      kind: pattern
      severity: warning
      message: Prefer the plain word to '{match}'.
      swap: {utilize: use, "in order to": to}
      examples: {fail: ["We [[utilize]] it."], pass: ["We use it."]}
"""

from __future__ import annotations

import re

from checker import saferegex
from checker.findings import Finding
from checker.kinds.base import Kind, Param
from checker.phrases import phrases_regex
from checker.prefilter import may_match, required_literals


def normalise(text: str) -> str:
    return " ".join(text.split()).lower()


class PatternKind(Kind):
    PARAMETERS = {
        "terms": Param("str_list", default=[]),
        "regex": Param("str_list", default=[]),
        "swap": Param("str_map", default={}),
        "exceptions": Param("str_list", default=[]),
        "case_sensitive": Param("bool", default=False),
    }

    @classmethod
    def validate(cls, rule):
        params = rule.params
        if not (params["terms"] or params["regex"] or params["swap"]):
            return "kind", "a 'pattern' rule needs at least one of 'terms', 'regex' or 'swap'"
        flags = 0 if params["case_sensitive"] else re.IGNORECASE
        return saferegex.check_expressions(params["regex"], flags, rule.trusted)

    def __init__(self, rule):
        super().__init__(rule)
        params = rule.params
        flags = 0 if params["case_sensitive"] else re.IGNORECASE
        self.case_sensitive = params["case_sensitive"]
        # Longest first (phrases_regex sorts), so "committed suicide" wins over "suicide".
        combined = phrases_regex(list(params["terms"]) + list(params["swap"]), flags)
        self.patterns = [combined] if combined else []
        self.patterns.extend(saferegex.compile(expression, flags, rule.trusted) for expression in params["regex"])
        self.literals = [required_literals(p) for p in self.patterns]
        self.swaps = {self.key(k): v for k, v in params["swap"].items()}
        self.exceptions = phrases_regex(params["exceptions"], flags)

    def key(self, text: str) -> str:
        return " ".join(text.split()) if self.case_sensitive else normalise(text)

    def check(self, doc, context=None) -> list[Finding]:
        if not any(may_match(literals, doc.prose_lower()) for literals in self.literals):
            return []  # none of the rule's words is anywhere in the article
        findings = []
        for block in doc.blocks:
            if block.kind not in self.scope:
                continue
            runnable = [p for p, literals in zip(self.patterns, self.literals) if may_match(literals, block.lower)]
            if not runnable:
                continue
            allowed = [m.span() for m in self.exceptions.finditer(block.text)] if self.exceptions else []
            for pattern in runnable:
                try:
                    matches = saferegex.finditer(pattern, block.text)
                except saferegex.RuleTimeout:
                    return findings + [saferegex.timeout_finding(self.rule, block.span.start, block.span.start)]
                for match in matches:
                    start, end = match.span()
                    if start == end or any(a <= start and end <= b for a, b in allowed):
                        continue
                    findings.append(self.span_finding(block, match.group(), start, end))
        return findings

    def span_finding(self, block, matched: str, start: int, end: int) -> Finding:
        suggestions = self.swaps.get(self.key(matched)) or list(self.rule.suggest)
        span = block.source_span(start, end)
        return self.finding(span.start, span.end, suggestions, match=" ".join(matched.split()))
