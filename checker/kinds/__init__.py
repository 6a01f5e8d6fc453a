"""Rule kinds: Python code that knows how to check one kind of thing (see checker.kinds.base).

KINDS is the table of every kind: its name in rule files -> the module and class that implement
it. A kind's module is imported only when a rule uses it, which keeps start-up fast.
"""

from __future__ import annotations

import importlib

from checker.kinds.base import CheckContext, CorpusKind, Kind, Param

KINDS = {
    "pattern": ("checker.kinds.pattern", "PatternKind"),
    "crisis": ("checker.kinds.crisis", "CrisisKind"),
    "freshness": ("checker.kinds.freshness", "FreshnessKind"),
    "readability": ("checker.kinds.readability", "ReadabilityKind"),
    "wording": ("checker.kinds.wording", "WordingKind"),
    "stats": ("checker.kinds.stats", "StatsKind"),
    "grammar": ("checker.kinds.grammar", "GrammarKind"),
    "safety": ("checker.kinds.safety", "SafetyKind"),
}

# The kinds whose findings carry ids the kind makes up (grammar.<LanguageTool id>). Known here, not
# on the class, so that deciding which rules run imports no kind's module: a run whose files are
# all unchanged needs none of them.
DYNAMIC_ID_KINDS = frozenset({"grammar"})

__all__ = ["DYNAMIC_ID_KINDS", "KINDS", "CheckContext", "CorpusKind", "Kind", "Param", "kind_class", "build_check"]


def kind_class(name: str) -> type[Kind]:
    module, cls = KINDS[name]
    return getattr(importlib.import_module(module), cls)


def build_check(rule) -> Kind:
    """The check for one rule, built once and kept with the rule."""
    if rule._checker is None:
        rule._checker = kind_class(rule.kind)(rule)
    return rule._checker

