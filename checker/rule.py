"""A loaded rule and its examples: plain data that the loader builds and the kinds read.

Kept apart from the loader (checker.rulefile) so that kinds can know what a rule is without
importing the code that reads rule files.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Example:
    """A rule example. `marks` are the [start, end) spans marked with [[...]] in the written text."""

    text: str
    format: str = "markdown"
    marks: list[tuple[int, int]] = field(default_factory=list)
    line: int = 0
    today: object = None  # the reference date for date rules (default: EXAMPLES_TODAY in selftest)
    locale: str | None = None
    corpus: list[str] = field(default_factory=list)  # other articles in the same run, for corpus rules


@dataclass
class Rule:
    id: str
    kind: str
    severity: str
    message: str
    examples_fail: list[Example]
    examples_pass: list[Example]
    description: str = ""
    reference: str = ""
    suggest: list[str] = field(default_factory=list)
    scope: tuple[str, ...] = ("all",)
    params: dict = field(default_factory=dict)
    pack: str = ""
    file: str = ""
    line: int = 0
    prepared: dict = field(default_factory=dict, repr=False, compare=False)  # work a kind did once at validation
    messages: dict = field(default_factory=dict)  # variant -> message template, beside `message`
    fix: dict = field(default_factory=dict)  # flagged form (lower case) -> its safe replacement
    _checker: object = field(default=None, repr=False, compare=False)

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def summary(self) -> str:
        """One line about the rule, for listings of rules (SARIF): its message when that has no
        fields to fill in, else the first sentence of its description."""
        if not re.search(r"\{[A-Za-z_]\w*\}", self.message) or not self.description:
            return self.message
        return re.split(r"(?<=[.!?])\s", self.description, maxsplit=1)[0]

    @property
    def trusted(self) -> bool:
        """Shipped with carecheck (and tested), so its regular expressions run without a time limit."""
        return is_builtin(self.file)

    def data_path(self, relative: str) -> Path:
        """A data file a rule names (`context: data/context.yaml`): beside the rule's own pack when
        it is there, else the built-in one, so a user pack can use a built-in kind as it is."""
        own = Path(self.file).parent / relative
        if own.is_file() or Path(relative).is_absolute():
            return own
        builtin = builtin_rules_dir() / relative
        return builtin if builtin.is_file() else own


@functools.lru_cache(maxsize=64)
def is_builtin(rule_file: str) -> bool:
    """Does a rule come from the packs shipped with carecheck (tested, so trusted)?"""
    return Path(rule_file).resolve().parent == builtin_rules_dir().resolve()


@functools.lru_cache(maxsize=1)
def builtin_rules_dir() -> Path:
    """The packs shipped with carecheck: inside the installed package, or rules/ in a source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "rules"
    return installed if installed.is_dir() else package.parent / "rules"


def builtin_data(name: str) -> Path:
    """A data file shipped with carecheck, by file name (`readability.yaml`)."""
    return builtin_rules_dir() / "data" / name
