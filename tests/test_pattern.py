"""The generic pattern kind: terms, regex, swap, exceptions, scope, case sensitivity."""

from __future__ import annotations

from checker.kinds import CheckContext, build_check
from checker.parsing import parse_document
from checker.rulefile import load_pack


def rule_from(body: str):
    text = "pack: t\nrules:\n  - id: house.rule\n    kind: pattern\n    severity: warning\n" + body
    if "examples:" not in body:
        text += "    examples: {fail: [x]}\n"
    (rule,) = load_pack(text, "t.yaml")
    return rule


def matches(rule, source: str, fmt: str = "markdown"):
    doc = parse_document("a." + {"markdown": "md", "html": "html", "text": "txt"}[fmt], source, fmt)
    return [(source[f.start : f.end], f) for f in build_check(rule).check(doc, CheckContext({}))]


def test_terms_match_case_insensitively_on_word_boundaries():
    rule = rule_from("    message: No '{match}'.\n    terms: [utilize]\n")
    found = matches(rule, "Utilize this. We UTILIZE that. Utilized? Reutilize.")
    assert [m for m, _ in found] == ["Utilize", "UTILIZE"]
    assert found[0][1].message == "No 'Utilize'."


def test_a_phrase_matches_across_a_line_break_and_markup():
    rule = rule_from("    message: m\n    terms: [in order to]\n")
    source = "We did it *in order\nto* help."
    ((matched, finding),) = matches(rule, source)
    assert matched == "in order\nto"


def test_swap_supplies_suggestions_per_phrase():
    rule = rule_from("    message: Use '{suggestion}'.\n    swap: {utilize: use, in order to: [to, so as to]}\n")
    found = matches(rule, "In order to utilize it.")
    assert [(m, f.suggestions) for m, f in found] == [("In order to", ["to", "so as to"]), ("utilize", ["use"])]
    assert found[1][1].message == "Use 'use'."


def test_regex_and_case_sensitive():
    rule = rule_from("    message: m\n    regex: ['\\bNSSI\\b']\n    case_sensitive: true\n")
    assert [m for m, _ in matches(rule, "NSSI and nssi")] == ["NSSI"]


def test_exceptions_allow_a_match_inside_them():
    rule = rule_from("    message: m\n    terms: [attention]\n    exceptions: [pay attention, attention span]\n")
    assert [m for m, _ in matches(rule, "Pay attention. Short attention span. Seeking attention.")] == ["attention"]


def test_scope_headings_or_body():
    source = "# Crazy title\n\nA crazy idea.\n\n| crazy |\n|---|\n| cell |\n"
    headings = rule_from("    message: m\n    terms: [crazy]\n    scope: headings\n")
    body = rule_from("    message: m\n    terms: [crazy]\n    scope: body\n")
    everywhere = rule_from("    message: m\n    terms: [crazy]\n")
    assert len(matches(headings, source)) == 1
    assert len(matches(body, source)) == 2  # paragraph and table cell
    assert len(matches(everywhere, source)) == 3


def test_code_is_never_checked():
    rule = rule_from("    message: m\n    terms: [crazy]\n")
    source = "Use `crazy` here.\n\n```\ncrazy\n```\n\n    crazy indented\n"
    assert matches(rule, source) == []
    assert matches(rule, "<p><code>crazy</code></p><pre>crazy</pre>", "html") == []


def test_findings_carry_rule_data():
    rule = rule_from("    message: m\n    terms: [crazy]\n    suggest: [unusual]\n    reference: AP Stylebook\n")
    ((_, finding),) = matches(rule, "A crazy idea.")
    assert (finding.rule, finding.severity, finding.suggestions, finding.reference) == ("house.rule", "warning", ["unusual"], "AP Stylebook")
