"""Findings: what a rule reports, where, and how bad it is."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(slots=True)
class Finding:
    """One reported problem. start/end are source offsets; positions are filled in by the engine."""

    rule: str
    severity: str
    message: str
    start: int
    end: int
    suggestions: list[str] = field(default_factory=list)
    reference: str = ""
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    excerpt: str = ""
    scoped: bool = True  # False for a finding about the whole document, which no `scope` filters out
    context: str = ""  # wording: the frame that made the term wrong (used, asserted, figurative ...)
    fix: str | None = None  # the safe replacement for the flagged text, when the rule declares one
    related: tuple = ()  # (start, end, note): other places the finding names (editors show them beside it)

    def sort_key(self):
        return (self.line, self.column, self.end_line, self.end_column, self.rule, self.message)

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "excerpt": self.excerpt,
            "suggestions": list(self.suggestions),
            "reference": self.reference,
            **({"context": self.context} if self.context else {}),
            **({"fix": {"replacement": self.fix, "title": self.fix_title}} if self.fix is not None else {}),
        }

    @property
    def fix_title(self) -> str:
        return f"Replace '{self.excerpt}' with '{self.fix}'" if self.excerpt else f"Replace with '{self.fix}'"

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        return cls(
            rule=data["rule"],
            severity=data["severity"],
            message=data["message"],
            start=data.get("start", 0),
            end=data.get("end", 0),
            suggestions=list(data.get("suggestions", [])),
            reference=data.get("reference", ""),
            line=data["line"],
            column=data["column"],
            end_line=data["end_line"],
            end_column=data["end_column"],
            excerpt=data.get("excerpt", ""),
            context=data.get("context", ""),
            fix=(data.get("fix") or {}).get("replacement"),
        )


def matches_prefix(rule_id: str, selector: str) -> bool:
    """True when selector names this rule or a prefix of it at a dot ("wording", "wording.crazy")."""
    selector = selector.rstrip(".")
    return rule_id == selector or rule_id.startswith(selector + ".") or selector in ("ALL", "all", "*")
