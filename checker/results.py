"""What a run produces: one FileResult per file, gathered in a Report. Used by the engine, the
cache, the baseline and every output format, so it depends on nothing but findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.findings import SEVERITY_RANK, Finding


@dataclass
class FileResult:
    path: str
    metrics: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    facts: dict = field(default_factory=dict)  # rule id -> what its corpus check needs


@dataclass
class Report:
    files: list[FileResult]
    errors: list[str] = field(default_factory=list)  # paths that could not be checked at all
    skipped: dict = field(default_factory=dict)  # family -> why it was not run ("grammar": "no LanguageTool server ...")

    @property
    def notes(self) -> list[str]:
        return [f"{family} not checked: {why}" for family, why in sorted(self.skipped.items())]

    def counts(self) -> dict:
        counts = {"files": len(self.files), "findings": 0, "error": 0, "warning": 0, "info": 0}
        for result in self.files:
            for finding in result.findings:
                counts["findings"] += 1
                counts[finding.severity] += 1
        return counts

    def at_least(self, severity: str) -> tuple[Report, int]:
        """The report with only the findings at or above `severity`, and how many were left out."""
        threshold = SEVERITY_RANK[severity]
        files, hidden = [], 0
        for result in self.files:
            kept = [f for f in result.findings if SEVERITY_RANK[f.severity] >= threshold]
            hidden += len(result.findings) - len(kept)
            files.append(FileResult(result.path, result.metrics, kept, result.facts))
        return Report(files, self.errors, self.skipped), hidden

    def exit_code(self, fail_on: str) -> int:
        if self.errors:
            return 2
        if fail_on == "never":
            return 0
        threshold = SEVERITY_RANK[fail_on]
        failing = any(SEVERITY_RANK[f.severity] >= threshold for r in self.files for f in r.findings)
        return 1 if failing else 0
