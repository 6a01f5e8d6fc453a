"""The contract every rule kind follows.

A kind is a class (a subclass of Kind) that declares what it takes and checks one rule:

- PARAMETERS: the rule-file keys it takes besides the common ones, as Param specs, and DATA_FILES:
  those that name a data file (found with Rule.data_path; a missing one is a rule-file error);
- SETTINGS: the config keys of its family (`freshness: {interval_months: 24}` in carecheck.yaml
  and in per-path overrides), as Param specs; checks read them from context.settings[family];
- FIELDS: the names a rule's `message` template may use ("{match}", "{region}" ...), and
  MESSAGES: the variants a rule may word under `messages` (a message for a special case);
- validate(rule): a (key, problem) pair when the parameters make no sense together;
- check(doc, context): the rule's findings in one document, each made with finding(), which
  renders the rule's message and marks the finding for the scope filter;
- metrics(doc, context): what the kind measures about a document (run once per kind and document);
- analysis(doc, key, build): work shared by every rule of a kind in one document, done once.

A kind that compares articles (stats) subclasses CorpusKind: extract() keeps what one document
says, check_corpus() compares what every document said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from checker.document import BODY_KINDS, HEADING, PROSE_KINDS
from checker.findings import Finding

# `scope` names for sets of block kinds; a block kind's own name means just that kind.
SCOPE_KINDS = {
    "all": PROSE_KINDS,
    "body": BODY_KINDS,
    "headings": (HEADING,),
    "heading": (HEADING,),
}
SCOPES = frozenset(SCOPE_KINDS) | frozenset(PROSE_KINDS)
_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Param:
    """A rule parameter or a family setting: its type, default and allowed values.

    Types: str, text (a non-empty string), int, float, bool, str_list (non-empty strings), str_map
    (string -> string or list of strings), int_map (string -> whole number). Numbers may be bounded:
    `minimum` (inclusive), `above` (exclusive), `maximum` (exclusive)."""

    type: str
    default: object = None
    required: bool = False
    choices: tuple = ()
    minimum: float | None = None
    above: float | None = None
    maximum: float | None = None
    doc: str = ""  # what the value is, in error messages

    def problem(self, value) -> str | None:
        ok, message = _TYPE_CHECKS[self.type](value)
        if not ok:
            return self.doc and f"must be {self.doc}" or message
        if self.choices and value not in self.choices:
            return f"must be one of {', '.join(map(str, self.choices))}"
        numbers = [value] if self.type in ("int", "float") else list(value.values()) if self.type == "int_map" else []
        for number in numbers:
            if number != number or number in (float("inf"), float("-inf")):  # NaN or infinite
                return f"must be {self.doc}" if self.doc else "must be a finite number"
            too_low = (self.minimum is not None and number < self.minimum) or (self.above is not None and number <= self.above)
            if too_low or (self.maximum is not None and number >= self.maximum):
                return f"must be {self.doc}" if self.doc else "is out of range"
        return None

    def convert(self, value):
        if self.type == "str_map":
            return {k: [v] if isinstance(v, str) else list(v) for k, v in value.items()}
        return value


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_TYPE_CHECKS = {
    "str": lambda v: (isinstance(v, str), "must be a string"),
    "text": lambda v: (isinstance(v, str) and bool(v.strip()), "must be a non-empty string"),
    "int": lambda v: (_is_int(v), "must be a whole number"),
    "float": lambda v: (isinstance(v, (int, float)) and not isinstance(v, bool), "must be a number"),
    "bool": lambda v: (isinstance(v, bool), "must be true or false"),
    "str_list": lambda v: (
        isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v),
        "must be a list of non-empty strings",
    ),
    "str_map": lambda v: (
        isinstance(v, dict)
        and all(isinstance(k, str) and k.strip() for k in v)
        and all(isinstance(x, str) or (isinstance(x, list) and all(isinstance(y, str) for y in x)) for x in v.values()),
        "must map strings to a string or a list of strings",
    ),
    "int_map": lambda v: (
        isinstance(v, dict) and all(isinstance(k, str) for k in v) and all(_is_int(x) for x in v.values()),
        "must map strings to whole numbers",
    ),
}


@dataclass
class CheckContext:
    """What a check may know beyond the document: the settings that apply to this file
    (`locale`, `today`, and one mapping per family that declares SETTINGS)."""

    settings: dict


def document_settings(locale: str | None, today, families: dict, grammar: dict | None = None) -> dict:
    """The settings a check sees, built the same way by the engine and by `rules test`."""
    settings = {"locale": locale, "today": today}
    for family, values in families.items():
        settings[family] = dict(values)
    settings["grammar"] = dict(grammar or {})
    return settings


def scope_kinds(scope) -> frozenset:
    kinds = set()
    for name in scope:
        kinds.update(SCOPE_KINDS.get(name, (name,)))
    return frozenset(kinds)


def template_fields(template: str) -> list[str]:
    return _FIELD.findall(template)


def render(template: str, fields: dict) -> str:
    """A message template with its named fields filled in; other braces are left as they are."""
    if "{" not in template:
        return template
    return _FIELD.sub(lambda m: str(fields[m.group(1)]) if m.group(1) in fields else m.group(0), template)


class Kind:
    """The base of every rule kind; see the module docstring for what a kind declares."""

    PARAMETERS: ClassVar[dict[str, Param]] = {}
    DATA_FILES: ClassVar[tuple[str, ...]] = ()  # parameters that name a data file (checked to exist)
    SETTINGS: ClassVar[dict[str, Param]] = {}
    SETTINGS_PER_PATH: ClassVar[bool] = True  # may per-path overrides change them?
    FIELDS: ClassVar[tuple[str, ...]] = ("match", "suggestion")
    MESSAGES: ClassVar[tuple[str, ...]] = ()
    NEEDS_SERVER: ClassVar[bool] = False  # its examples need a LanguageTool server

    def __init__(self, rule):
        self.rule = rule
        self.scope = scope_kinds(rule.scope)
        self.scoped = tuple(rule.scope) != ("all",)
        self._source = ""  # the document being checked, for the default {match}

    @classmethod
    def validate(cls, rule) -> tuple[str, str] | None:
        return None

    @classmethod
    def explain(cls, rule) -> str:
        """How the kind judges this rule, for `carecheck explain` ("" when the description says it all)."""
        return ""

    # ---- what a kind implements

    def check(self, doc, context: CheckContext) -> list[Finding]:
        raise NotImplementedError

    def metrics(self, doc, context: CheckContext) -> dict:
        return {}

    # ---- what the engine calls

    def run(self, doc, context: CheckContext) -> list[Finding]:
        """The rule's findings, minus those at a span outside its `scope`: in a block of another
        kind, or in no block at all (front matter, an HTML <meta>). Findings made with
        document_level=True are about the whole document and always stay."""
        self._source = doc.source
        findings = self.check(doc, context)
        if not self.scoped:
            return findings
        return [f for f in findings if not f.scoped or self.in_scope(_block_at(doc, f.start))]

    # ---- helpers for kinds

    def in_scope(self, block) -> bool:
        return block is not None and block.kind in self.scope

    @staticmethod
    def analysis(doc, key, build):
        """A per-document result shared by every rule that asks with the same key: built once."""
        cache = doc.cache
        if key not in cache:
            cache[key] = build()
        return cache[key]

    def message(self, variant: str | None = None, **fields) -> str:
        template = self.rule.messages.get(variant, self.rule.message) if variant else self.rule.message
        return render(template, fields)

    def finding(self, start: int, end: int, suggestions=None, *, severity: str | None = None, variant: str | None = None,
                document_level: bool = False, **fields) -> Finding:
        """A finding of this rule at source offsets [start, end), with the rule's message (or the
        named variant) rendered with `fields`. `match` (the text at the span) and `suggestion` (the
        first suggestion) are filled in when not given.
        A document-level finding (a missing banner, a missing date) is outside any scope filter."""
        suggestions = list(self.rule.suggest if suggestions is None else suggestions)
        fields.setdefault("suggestion", suggestions[0] if suggestions else "")
        if "match" not in fields:
            fields["match"] = " ".join(self._source[start:end].split())
        finding = Finding(self.rule.id, severity or self.rule.severity, self.message(variant, **fields), start, end,
                          suggestions, self.rule.reference)
        finding.scoped = not document_level
        if self.rule.fix and not document_level:
            finding.fix = fixed_form(self._source[start:end], self.rule.fix)
        return finding


def fixed_form(text: str, fixes: dict) -> str | None:
    """The rule's replacement for the flagged text, keeping a capital at its start ("Committed
    suicide" -> "Died by suicide"); None when the rule has none for this form."""
    replacement = fixes.get(" ".join(text.lower().split()))
    if replacement is None:
        return None
    if text[:1].isupper() and replacement[:1].islower():
        replacement = replacement[0].upper() + replacement[1:]
    return replacement


class CorpusKind(Kind):
    """A kind whose rules also compare documents: facts from each, then one pass over all."""

    def extract(self, doc, context: CheckContext):
        """What the corpus pass needs from this document (JSON-serialisable, for the cache)."""
        raise NotImplementedError

    def check_corpus(self, facts: dict) -> dict[str, list[Finding]]:
        """Findings by path, given every document's facts (path -> what extract returned)."""
        raise NotImplementedError


def _block_at(doc, offset: int):
    for block in doc.blocks:
        if block.span.start <= offset < block.span.end:
            return block
    return None
