"""Rule-file loading and validation: every mistake is one line naming file, line and key."""

from __future__ import annotations

import pytest

from checker.errors import UsageError
from checker.rulefile import builtin_rules_dir, load_pack, load_rules, strip_marks

GOOD = """\
pack: house
description: House style.
rules:
  - id: house.utilize
    kind: pattern
    severity: warning
    message: Prefer the plain word.
    swap: {utilize: use, "in order to": to}
    examples: {fail: ["We [[utilize]] it."], pass: ["We use it."]}
"""


def error_for(text: str) -> str:
    with pytest.raises(UsageError) as info:
        load_pack(text, "house.yaml")
    message = info.value.message
    assert "\n" not in message
    return message


def test_a_good_pack_loads_with_its_parameters_and_examples():
    (rule,) = load_pack(GOOD, "house.yaml")
    assert rule.id == "house.utilize" and rule.kind == "pattern" and rule.pack == "house"
    assert rule.params["swap"] == {"utilize": ["use"], "in order to": ["to"]}
    assert rule.examples_fail[0].text == "We utilize it." and rule.examples_fail[0].marks == [(3, 10)]
    assert rule.line == 4


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("    severity: warning\n", "    severity: warning\n    colour: red\n", "house.yaml:7: rule 'house.utilize': key 'colour': unknown key"),
        ("    message: Prefer the plain word.\n", "", "house.yaml:4: rule 'house.utilize': missing required key 'message'"),
        ("severity: warning", "severity: fatal", "house.yaml:6: rule 'house.utilize': key 'severity': must be one of error, warning, info"),
        ("kind: pattern", "kind: magic", "house.yaml:5: rule 'house.utilize': key 'kind': unknown kind 'magic'"),
        ("id: house.utilize", "id: Utilize", "house.yaml:4: rule 'Utilize': key 'id': must look like 'family.name'"),
        ('swap: {utilize: use, "in order to": to}', "swap: [utilize]", "house.yaml:8: rule 'house.utilize': key 'swap': must map strings"),
        ('swap: {utilize: use, "in order to": to}', "regex: ['(unclosed']", "house.yaml:8: rule 'house.utilize': key 'regex': invalid regular expression"),
        ('swap: {utilize: use, "in order to": to}', "regex: ['a*']", "key 'regex': regular expression 'a*' matches empty text"),
        ('swap: {utilize: use, "in order to": to}', "case_sensitive: true", "key 'kind': a 'pattern' rule needs at least one of"),
        ("examples: {fail: [\"We [[utilize]] it.\"], pass: [\"We use it.\"]}", "examples: {fail: [], pass: []}", "key 'examples': needs at least one 'fail' example"),
        ("examples: {fail: [\"We [[utilize]] it.\"], pass: [\"We use it.\"]}", "examples: {fail: [x], pass: [\"[[marked]]\"]}", "a 'pass' example cannot mark a span"),
        ("examples: {fail: [\"We [[utilize]] it.\"], pass: [\"We use it.\"]}", "examples: {fail: [x], bad: [y]}", "examples: unknown key 'bad'"),
        ("description: House style.\n", "description: House style.\nauthor: me\n", "house.yaml:3: pack: unknown key 'author'"),
        ("    message: Prefer the plain word.\n", "    message: Prefer the plain word.\n    message: again\n", "house.yaml:8: duplicate key 'message'"),
        ("swap: {utilize: use,", "swap: {utilize: [use,", "house.yaml:"),
    ],
)
def test_each_mistake_is_one_line_with_file_line_and_key(old, new, expected):
    assert old in GOOD
    assert expected in error_for(GOOD.replace(old, new))


def test_not_a_mapping_and_missing_rules_are_reported():
    assert error_for("- just\n- a list\n").startswith("house.yaml:1:")
    assert "missing required key 'rules'" in error_for("pack: x\n")
    assert "missing required key 'pack'" in error_for("rules: []\n")
    # rules/ holds packs only: a data file there, or a pack with a misspelt 'rules', is an error.
    assert "unknown key 'claims'" in error_for("claims: []\n")
    assert error_for("pack: x\nrule:\n  - id: x.y\n").startswith("house.yaml:2: pack: unknown key 'rule'")
    assert "key 'rules': must be a list" in error_for("pack: x\nrules: {}\n")


def test_yaml_is_loaded_safely_no_python_objects():
    message = error_for("pack: x\nrules: !!python/object/apply:os.system ['echo hacked']\n")
    assert "could not determine a constructor" in message


def test_duplicate_ids_across_packs_name_both_places(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD)
    with pytest.raises(UsageError) as info:
        load_rules(extra_dirs=[tmp_path], include_builtin=False)
    assert "b.yaml:4: rule id 'house.utilize' is already defined at" in info.value.message
    assert "a.yaml:4" in info.value.message


def test_a_missing_rule_directory_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="rule directory not found"):
        load_rules(extra_dirs=[tmp_path / "nope"])


def test_builtin_packs_are_found_and_every_rule_has_examples():
    assert (builtin_rules_dir() / "wording.yaml").is_file()
    ruleset = load_rules()
    assert len(ruleset.rules) >= 16
    for rule in ruleset.rules:
        assert rule.examples_fail, rule.id
        assert rule.family in {"crisis", "freshness", "readability", "wording", "stats", "grammar", "safety"}, rule.id


def test_rule_set_digest_changes_with_the_rule_text(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    first = load_rules(extra_dirs=[tmp_path], include_builtin=False).digest
    (tmp_path / "a.yaml").write_text(GOOD.replace("Prefer the plain word.", "Use plain words."))
    assert load_rules(extra_dirs=[tmp_path], include_builtin=False).digest != first


def test_strip_marks():
    assert strip_marks("a [[b]] c [[d e]]") == ("a b c d e", [(2, 3), (6, 9)])
    assert strip_marks("no marks") == ("no marks", [])
    assert strip_marks("unclosed [[mark") == ("unclosed [[mark", [])


def test_a_misspelt_rules_key_in_a_rule_directory_exits_2_naming_file_and_line(tmp_path):
    from click.testing import CliRunner

    from checker.cli import main

    (tmp_path / "house.yaml").write_text("pack: house\nrulez:\n  - id: house.x\n")
    result = CliRunner().invoke(main, ["rules", "test", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'house.yaml'}:2: pack: unknown key 'rulez'" in result.output


def test_fragments_are_shared_by_the_rules_of_a_pack():
    text = (
        "pack: x\nfragments:\n  tail: '(?![\\w-])'\nrules:\n"
        "  - id: x.y\n    kind: pattern\n    severity: info\n    message: m\n"
        "    regex: ['\\bnuts{{tail}}']\n    examples: {fail: ['[[nuts]]'], pass: ['nuts-and-bolts']}\n"
    )
    assert load_pack(text, "x.yaml")[0].params["regex"] == ["\\bnuts(?![\\w-])"]
    assert "unknown fragment {{tale}}" in error_for(text.replace("{{tail}}", "{{tale}}"))


def test_message_fields_and_variants_are_checked_against_the_kind():
    rule = "pack: x\nrules:\n  - id: x.y\n    kind: pattern\n    severity: info\n    terms: [a]\n    examples: {fail: ['a']}\n"
    assert "unknown field {region} for a 'pattern' rule" in error_for(rule + "    message: 'No {region}'\n")
    assert "unknown variant 'odd' for a 'pattern' rule" in error_for(rule + "    message: m\n    messages: {odd: n}\n")


@pytest.mark.parametrize("kind, key", [("wording", "context"), ("crisis", "resources"), ("stats", "registry"), ("readability", "data"), ("grammar", "data")])
def test_a_data_file_a_rule_names_must_exist(kind, key):
    extra = {"wording": "    terms: [x]\n", "crisis": "    check: missing-banner\n", "stats": "    check: uncited\n",
             "readability": "    check: grade\n", "grammar": ""}[kind]
    text = (f"pack: x\nrules:\n  - id: x.y\n    kind: {kind}\n    severity: info\n    message: m\n{extra}"
            f"    {key}: data/nowhere.yaml\n    examples: {{fail: ['x']}}\n")
    message = error_for(text)
    assert f"key '{key}': file not found:" in message and "nowhere.yaml" in message
