"""Rule kinds: Python code that knows how to check one kind of thing.

Each kind is a module with
- PARAMETERS: the rule-file keys it takes (besides the common ones), as Param specs;
- validate(rule): a (key, problem) pair when the parameters make no sense together, else None;
- Check(rule): an object whose check(doc, context) returns the rule's findings in one document.
Kinds are imported only when a rule uses them, which keeps start-up fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

KIND_NAMES = ("pattern", "crisis", "freshness", "readability", "wording", "stats", "grammar")


def kind_module(name: str):
    return importlib.import_module(f"checker.kinds.{name}")


@dataclass(frozen=True)
class Param:
    """A rule-file parameter: its type (str, int, float, bool, list, dict) and default."""

    type: str
    default: object = None
    required: bool = False
    choices: tuple = ()

    def problem(self, value) -> str | None:
        checks = {
            "str": (isinstance(value, str), "must be a string"),
            "int": (isinstance(value, int) and not isinstance(value, bool), "must be a whole number"),
            "float": (isinstance(value, (int, float)) and not isinstance(value, bool), "must be a number"),
            "bool": (isinstance(value, bool), "must be true or false"),
            "str_list": (
                isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value),
                "must be a list of non-empty strings",
            ),
            "str_map": (
                isinstance(value, dict)
                and all(isinstance(k, str) and k.strip() for k in value)
                and all(isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v)) for v in value.values()),
                "must map strings to a string or a list of strings",
            ),
        }
        ok, message = checks[self.type]
        if not ok:
            return message
        if self.choices and value not in self.choices:
            return f"must be one of {', '.join(map(str, self.choices))}"
        return None

    def convert(self, value):
        if self.type == "str_map":
            return {k: [v] if isinstance(v, str) else list(v) for k, v in value.items()}
        return value


@dataclass
class CheckContext:
    """What a check may know beyond the document: the settings that apply to this file."""

    settings: dict
