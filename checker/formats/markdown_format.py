"""`--format markdown`: a summary for a pull-request comment or $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

from collections import Counter

from checker.formats.sanitise import markdown

MAX_FINDINGS = 50


def _cell(text) -> str:
    return markdown(str(text))


def render(report, options) -> str:
    counts = report.counts()
    out = ["## carecheck", ""]
    if not counts["files"]:
        out.append("No articles checked.")
        return "\n".join(out) + "\n"
    if not counts["findings"]:
        out.append(f"All clear: no findings in {counts['files']} files.")
        return "\n".join(out) + "\n"
    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"

    out.append(f"**{n(counts['findings'], 'finding')}** in {n(counts['files'], 'file')}: {n(counts['error'], 'error')}, {n(counts['warning'], 'warning')}, {n(counts['info'], 'info')}.")
    out += ["", "| file | errors | warnings | info | grade | review due |", "|---|---:|---:|---:|---:|---|"]
    for result in report.files:
        c = Counter(f.severity for f in result.findings)
        grade = result.metrics.get("fk_grade")
        out.append(
            f"| {_cell(result.path)} | {c['error']} | {c['warning']} | {c['info']} | {'' if grade is None else grade} | {_cell(result.metrics.get('review_due', ''))} |"
        )
    by_rule = Counter(f.rule for r in report.files for f in r.findings)
    out += ["", "| rule | findings |", "|---|---:|"] + [f"| `{rule}` | {n} |" for rule, n in by_rule.most_common(10)]
    listed = [(r.path, f) for r in report.files for f in r.findings if f.severity != "info"][:MAX_FINDINGS]
    if listed:
        out += ["", "<details><summary>Errors and warnings</summary>", ""]
        out += [f"- `{_cell(path)}:{f.line}:{f.column}` **{f.severity}** `{f.rule}`: {_cell(f.message)}" for path, f in listed]
        out += ["", "</details>"]
    return "\n".join(out) + "\n"
