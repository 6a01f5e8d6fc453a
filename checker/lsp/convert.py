"""Findings in the editor's terms: diagnostics, quick fixes and hover text.

carecheck counts columns in code points; LSP counts UTF-16 code units, so a character outside the
Basic Multilingual Plane (an emoji, 𝔸) before a finding is two units, not one. Every position
goes through `utf16`, with the line's own text.
"""

from __future__ import annotations

from lsprotocol import types

from checker.document import LineIndex

SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}
SOURCE = "carecheck"
EXPLAIN = "carecheck.explain"
COMMENTED = {"markdown", "html"}  # formats with comments, where a suppression can be written


def utf16(text: str, column: int) -> int:
    """The UTF-16 offset of a 1-based code-point column in a line."""
    prefix = text[: max(0, column - 1)]
    return len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def code_points(text: str, character: int) -> int:
    """The code-point index of a UTF-16 offset in a line (the inverse of utf16, 0-based)."""
    units = 0
    for index, ch in enumerate(text):
        if units >= character:
            return index
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def position(lines: LineIndex, line: int, column: int) -> types.Position:
    text = lines.line_text(line) if line <= lines.line_count else ""
    return types.Position(line=max(0, line - 1), character=utf16(text, column))


def finding_range(lines: LineIndex, finding) -> types.Range:
    return types.Range(start=position(lines, finding.line, finding.column), end=position(lines, finding.end_line, finding.end_column))


def offset_range(lines: LineIndex, start: int, end: int) -> types.Range:
    (line, column), (end_line, end_column) = lines.position(start), lines.position(end)
    return types.Range(start=position(lines, line, column), end=position(lines, end_line, end_column))


def diagnostic(finding, lines: LineIndex, rule, uri: str) -> types.Diagnostic:
    reference = rule.reference if rule else ""
    description = types.CodeDescription(href=reference) if reference.startswith(("https://", "http://")) else None
    related = [
        types.DiagnosticRelatedInformation(location=types.Location(uri=uri, range=offset_range(lines, start, end)), message=note)
        for start, end, note in finding.related
    ]
    return types.Diagnostic(
        range=finding_range(lines, finding),
        message=finding.message + (f" Suggestion: {finding.suggestions[0]}." if finding.suggestions else ""),
        severity=SEVERITY[finding.severity],
        code=finding.rule,
        code_description=description,
        source=SOURCE,
        related_information=related or None,
    )


def overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p):
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def code_actions(uri: str, finding, lines: LineIndex, fmt: str) -> list[types.CodeAction]:
    """The rule's safe fix, a suppression comment for the line (Markdown, HTML), and "explain"."""
    actions = []
    where = finding_range(lines, finding)
    if finding.fix is not None:
        edit = types.WorkspaceEdit(changes={uri: [types.TextEdit(range=where, new_text=finding.fix)]})
        actions.append(types.CodeAction(title=finding.fix_title, kind=types.CodeActionKind.QuickFix, edit=edit, is_preferred=True))
    if fmt in COMMENTED:
        text = lines.line_text(finding.line)
        end = types.Position(line=finding.line - 1, character=utf16(text, len(text.rstrip("\r\n")) + 1))
        comment = f" <!-- carecheck-disable-line {finding.rule} -->"
        edit = types.WorkspaceEdit(changes={uri: [types.TextEdit(range=types.Range(start=end, end=end), new_text=comment)]})
        actions.append(types.CodeAction(title=f"Disable {finding.rule} for this line", kind=types.CodeActionKind.QuickFix, edit=edit))
    actions.append(types.CodeAction(title=f"Explain {finding.rule}", kind=types.CodeActionKind.Empty,
                                    command=types.Command(title=f"Explain {finding.rule}", command=EXPLAIN, arguments=[finding.rule])))
    return actions


def explanation(rule) -> str:
    """What a rule flags and why, the guideline behind it, and its examples, as Markdown."""
    parts = [f"**{rule.id}** ({rule.severity})", "", rule.description or rule.message]
    if rule.suggest:
        parts += ["", "Write instead: " + "; ".join(rule.suggest)]
    if rule.reference:
        parts += ["", f"Guideline: {rule.reference}"]
    if rule.examples_fail:
        parts += ["", "Flagged:"] + [f"- {_example(e.text)}" for e in rule.examples_fail[:3]]
    if rule.examples_pass:
        parts += ["", "Not flagged:"] + [f"- {_example(e.text)}" for e in rule.examples_pass[:3]]
    return "\n".join(parts)


def hover(finding, rule) -> types.Hover:
    text = f"{finding.message}\n\n---\n\n" + (explanation(rule) if rule else finding.rule)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))


def _example(text: str) -> str:
    return " ".join(text.replace("[[", "").replace("]]", "").split())[:160]
