"""Machine formats for CI: SARIF (validated against the official schema), JUnit, GitHub, Markdown."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from conftest import ARTICLES, write

from checker.formats.github_format import escape_data, escape_property

SARIF_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
TODAY = "2026-11-25"


def check(run_cli, fmt, *args):
    result = run_cli("check", "--format", fmt, "--today", TODAY, *args)
    return result


def test_sarif_validates_against_the_official_schema(run_cli):
    data = json.loads(check(run_cli, "sarif", ARTICLES).stdout)
    jsonschema.validate(data, SARIF_SCHEMA)
    run = data["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    result = next(r for r in run["results"] if r["ruleId"] == "wording.self-harmer")
    assert rules["wording.self-harmer"]["shortDescription"]["text"] and rules["wording.self-harmer"]["defaultConfiguration"]["level"] in ("error", "warning")
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "wording.self-harmer"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1 and region["snippet"]["text"]
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_help_uri_only_for_url_references(run_cli, tmp_path):
    rules = tmp_path / "rules"
    write(rules / "house.yaml", "pack: house\nrules:\n  - id: house.utilize\n    kind: pattern\n    severity: warning\n    message: Plain words.\n    swap: {utilize: use}\n    reference: See https://www.plainlanguage.gov/guidelines/words/ for more.\n    examples: {fail: [utilize]}\n")
    write(tmp_path / "a.md", "We utilize it.\n")
    data = json.loads(run_cli("check", "--format", "sarif", "--select", "house", "--rules", rules, tmp_path / "a.md").stdout)
    (rule,) = data["runs"][0]["tool"]["driver"]["rules"]
    assert rule["helpUri"] == "https://www.plainlanguage.gov/guidelines/words/"


def test_sarif_fingerprints_stay_the_same_when_lines_move(run_cli, tmp_path):
    text = "# Depression\n\nShe suffers from anxiety.\n"
    path = write(tmp_path / "a.md", text)
    before = json.loads(run_cli("check", "--format", "sarif", "--select", "wording", path).stdout)["runs"][0]["results"]
    write(tmp_path / "a.md", "# Depression\n\nA new first paragraph.\n\nAnd another.\n\n" + text.split("\n\n", 1)[1])
    after = json.loads(run_cli("check", "--format", "sarif", "--select", "wording", path).stdout)["runs"][0]["results"]
    assert before[0]["locations"][0]["physicalLocation"]["region"]["startLine"] != after[0]["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert before[0]["partialFingerprints"] == after[0]["partialFingerprints"]


def test_junit_parses_with_a_case_per_file_and_family(run_cli):
    result = check(run_cli, "junit", "--fail-on", "warning", ARTICLES / "notes.txt", ARTICLES / "clean.md")
    root = ET.fromstring(result.stdout)
    cases = root.findall("./testsuite/testcase")
    assert {c.get("classname") for c in cases} == {str(ARTICLES / "notes.txt"), str(ARTICLES / "clean.md")}
    names = {c.get("name") for c in cases}
    assert {"crisis", "freshness", "readability", "stats", "wording"} <= names
    failing = {(c.get("classname").rsplit("/", 1)[-1], c.get("name")) for c in cases if c.find("failure") is not None}
    assert ("notes.txt", "wording") in failing and not any(name == "clean.md" for name, _ in failing)
    assert root.get("failures") == str(len(failing)) and root.get("tests") == str(len(cases))


def test_github_commands_are_well_formed_and_escaped(run_cli, tmp_path):
    path = write(tmp_path / "odd, name: 100%.md", "She suffers from anxiety.\n")
    lines = check(run_cli, "github", "--select", "wording", path).stdout.splitlines()
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith("::warning file=") and "odd%2C name%3A 100%25.md" in line
    assert ",line=1,col=5,endLine=1,endColumn=17,title=carecheck (wording.suffers-from)::" in line
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_leaves_columns_out_for_multi_line_spans(run_cli, tmp_path):
    path = write(tmp_path / "a.md", "He was afflicted\nwith depression.\n")
    (line,) = check(run_cli, "github", "--select", "wording.afflicted-with", path).stdout.splitlines()
    assert ",line=1,endLine=2,title=" in line and "col=" not in line


def test_markdown_summary(run_cli):
    text = check(run_cli, "markdown", ARTICLES).stdout
    assert text.startswith("## carecheck\n") and "| file | errors | warnings | info | grade | review due |" in text
    assert "`wording.committed-suicide`" in text


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "markdown"])
def test_every_format_can_be_written_to_a_file(run_cli, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = check(run_cli, fmt, "--output", out, ARTICLES / "notes.txt")
    assert result.stdout == "" and out.stat().st_size > 0
