"""Every command sees the same rules, and a user pack can use any built-in kind as it is."""

from __future__ import annotations

import json
import textwrap

import pytest

HEADINGS_PACK = textwrap.dedent(
    """\
    pack: house
    rules:
      - id: house.crazy-in-headings
        kind: wording
        mode: always
        severity: warning
        scope: headings
        message: "'{match}' in a heading; describe the behaviour."
        terms: [crazy]
        examples:
          fail: ["# A [[crazy]] week"]
          pass: ["A crazy week, said nobody."]
    """
)
ARTICLE = "# A crazy week\n\nA crazy man on the bus was shouting.\n"


def write_pack(directory, text=HEADINGS_PACK):
    directory.mkdir(exist_ok=True)
    (directory / "house.yaml").write_text(text, encoding="utf-8")
    return directory


def house_findings(run_cli, tmp_path, *args):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("check", "--format", "json", "--select", "house", *args, "a.md", cwd=tmp_path)
    return result, [f for f in json.loads(result.stdout)["files"][0]["findings"] if f["rule"].startswith("house.")]


def test_a_user_wording_rule_needs_no_copy_of_the_data_and_honours_scope(run_cli, tmp_path):
    write_pack(tmp_path / "house")
    assert not (tmp_path / "house" / "data").exists()  # the built-in context triggers are used
    result, findings = house_findings(run_cli, tmp_path, "--rules", "house")
    assert result.exit_code == 0, result.output
    assert [(f["line"], f["column"]) for f in findings] == [(1, 5)]  # the heading, not the paragraph
    assert findings[0]["message"] == "'crazy' in a heading; describe the behaviour."


def test_the_same_rule_without_scope_flags_the_paragraph_too(run_cli, tmp_path):
    # Shows the test above can fail: with scope removed both uses are reported.
    write_pack(tmp_path / "house", HEADINGS_PACK.replace("    scope: headings\n", ""))
    _, findings = house_findings(run_cli, tmp_path, "--rules", "house")
    assert [f["line"] for f in findings] == [1, 3]


@pytest.mark.parametrize("command", [["explain", "house.crazy-in-headings"], ["rules", "list"], ["rules", "test"]])
def test_every_command_sees_the_rule_directories_of_the_config(run_cli, tmp_path, command):
    write_pack(tmp_path / "house")
    (tmp_path / "carecheck.yaml").write_text("rules: [house]\n", encoding="utf-8")
    result = run_cli(*command, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "house.crazy-in-headings" in result.output or "All" in result.output
    if command[0] == "rules" and command[1] == "test":
        assert "of 100 rules pass" in result.output or "rules pass" in result.output


def test_explain_of_an_unknown_rule_is_still_an_error(run_cli, tmp_path):
    result = run_cli("explain", "house.nothing", cwd=tmp_path)
    assert result.exit_code == 2
    assert "unknown rule 'house.nothing'" in result.stderr


def test_check_uses_the_config_rule_directory(run_cli, tmp_path):
    write_pack(tmp_path / "house")
    (tmp_path / "carecheck.yaml").write_text("rules: [house]\n", encoding="utf-8")
    result, findings = house_findings(run_cli, tmp_path)
    assert result.exit_code == 0 and len(findings) == 1
