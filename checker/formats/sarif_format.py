"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Rule metadata (short and full description, help, helpUri when the reference is a URL, default
level) goes in the tool driver; each result has a 1-based region in Unicode code points, the
flagged text as its snippet, and a partial fingerprint that does not change when lines move.
"""

from __future__ import annotations

import re

from checker import __version__
from checker.formats.fingerprint import fingerprints
from checker.formats.jsontext import dumps

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://github.com/carecheck/carecheck"
_URL = re.compile(r"https?://\S+")


def _rule_descriptor(rule_id: str, rule) -> dict:
    if rule is None:  # ids a rule makes up, e.g. grammar.<LanguageTool id>
        family = rule_id.split(".", 1)[0]
        return {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": f"{family} finding {rule_id.split('.', 1)[1]}"},
            "properties": {"tags": [family]},
        }
    descriptor = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description or rule.message},
        "help": {"text": " ".join(p for p in (rule.description or rule.message, f"Reference: {rule.reference}" if rule.reference else "", f"Write instead: {'; '.join(rule.suggest)}" if rule.suggest else "") if p)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": sorted({rule.family, rule.kind})},
    }
    url = _URL.search(rule.reference or "")
    if url:
        descriptor["helpUri"] = url.group().rstrip(".,;)")
    return descriptor


def sarif_dict(report, options) -> dict:
    rules_by_id = options.rules or {}
    used = sorted({f.rule for r in report.files for f in r.findings})
    index = {rule_id: k for k, rule_id in enumerate(used)}
    results = []
    for result in report.files:
        uri = result.path.replace("\\", "/")
        for finding, print_ in zip(result.findings, fingerprints(result.path, result.findings)):
            region = {
                "startLine": finding.line,
                "startColumn": finding.column,
                "endLine": finding.end_line,
                "endColumn": max(finding.end_column, finding.column),
            }
            if finding.excerpt:
                region["snippet"] = {"text": finding.excerpt}
            entry = {
                "ruleId": finding.rule,
                "ruleIndex": index[finding.rule],
                "level": LEVELS[finding.severity],
                "message": {"text": finding.message + (f" Suggestion: {finding.suggestions[0]}." if finding.suggestions else "")},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
                "partialFingerprints": {"carecheck/v1": print_},
            }
            results.append(entry)
    run = {
        "tool": {
            "driver": {
                "name": "carecheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(rule_id, rules_by_id.get(rule_id)) for rule_id in used],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if report.notes:  # a family that was not run: a notification of the invocation, not a result
        notifications = [{"level": "note", "message": {"text": note}} for note in report.notes]
        run["invocations"] = [{"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}]
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}


def render(report, options) -> str:
    return dumps(sarif_dict(report, options)) + "\n"
