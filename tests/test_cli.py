"""End-to-end CLI tests: real files in, the contract out."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from conftest import ARTICLES, FIXTURES, ROOT, run_process, write

SCHEMA = json.loads((ROOT / "checker" / "formats" / "report.schema.json").read_text())
GOLDEN = FIXTURES / "golden"


TODAY = "2026-11-25"  # review dates are judged as of this day, so results do not age


def check_json(run_cli, *args, cwd=ROOT):
    result = run_cli("check", "--format", "json", "--today", TODAY, *args, cwd=cwd)
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    return result, data


def test_json_output_matches_the_golden_file(run_cli):
    """Update with CARECHECK_UPDATE_GOLDEN=1 after reviewing the diff."""
    result, data = check_json(run_cli, "tests/fixtures/articles")
    golden = GOLDEN / "articles.json"
    if os.environ.get("CARECHECK_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    expected["tool"]["version"] = data["tool"]["version"]
    assert data == expected
    assert result.exit_code == 1


def test_every_finding_points_at_its_excerpt_in_the_file(run_cli):
    _, data = check_json(run_cli, "tests/fixtures/articles")
    for entry in data["files"]:
        lines = (ROOT / entry["path"]).read_bytes().decode("utf-8-sig").splitlines()
        for f in entry["findings"]:
            if f["line"] == f["end_line"]:
                text = lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]
            else:
                parts = [lines[f["line"] - 1][f["column"] - 1 :]] + lines[f["line"] : f["end_line"] - 1] + [lines[f["end_line"] - 1][: f["end_column"] - 1]]
                text = " ".join(parts)
            assert " ".join(text.split()) == f["excerpt"], f


def test_positions_in_markdown_with_crlf_front_matter_tabs_and_emoji(run_cli):
    _, data = check_json(run_cli, "tests/fixtures/articles/flawed.md")
    found = {(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in data["files"][0]["findings"]}
    assert ("wording.committed-suicide", 11, 48, 11, 65) in found  # inside **bold**, after CRLF front matter
    assert ("wording.self-harmer", 20, 65, 20, 77) in found  # after a tab, non-ASCII and an emoji
    assert not any(line == 14 for _, line, *_ in found)  # suppressed by disable-next-line
    assert not any(line == 17 for _, line, *_ in found)  # inside disable ... enable
    assert not any(line >= 26 for _, line, *_ in found)  # code block and inline code


def test_positions_in_html_map_back_through_entities_and_markup(run_cli):
    _, data = check_json(run_cli, "--select", "wording", "tests/fixtures/articles/flawed.html")
    found = [(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"], f["excerpt"]) for f in data["files"][0]["findings"]]
    assert found == [
        ("wording.suicide-victim", 13, 56, 13, 71, "suicide victims"),
        ("wording.afflicted-with", 14, 20, 15, 13, "afflicted with"),
    ]


def test_clean_file_exits_0_and_text_summary(run_cli):
    result = run_cli("check", "--today", TODAY, ARTICLES / "clean.md")
    assert result.exit_code == 0
    assert result.stdout.strip() == "All clear: no findings in 1 file."


def test_text_format_shows_location_line_caret_and_suggestion(run_cli):
    result = run_cli("check", "--select", "wording", "tests/fixtures/articles/notes.txt", cwd=ROOT)
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "tests/fixtures/articles/notes.txt:4:34: warning wording.self-harm-epidemic "
        "'self-harm epidemic' sensationalises self-harm; describe the trend in plain terms."
    )
    assert lines[1] == "  4 | and schools sometimes describe a self-harm epidemic when"
    assert lines[2] == "    |                                  ^^^^^^^^^^^^^^^^^^"
    assert lines[3] == "    = suggestion: rising rates of self-harm"
    assert lines[-1] == "Found 1 finding (1 warning) in 1 file."
    assert "\x1b[" not in result.stdout


def test_colour_only_when_forced_and_never_with_no_color(run_cli):
    forced = run_cli("check", "tests/fixtures/articles/notes.txt", env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" in forced.stdout
    plain = run_cli("check", "tests/fixtures/articles/notes.txt", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout


@pytest.mark.parametrize(
    "args, code",
    [
        (["--fail-on", "never"], 0),
        (["--fail-on", "warning"], 1),
        (["--select", "wording.self-harm-epidemic", "--fail-on", "error"], 0),
        (["--ignore", "wording,crisis,freshness"], 0),
    ],
)
def test_fail_on_select_and_ignore(run_cli, args, code):
    result = run_cli("check", "--today", TODAY, *args, "tests/fixtures/articles/notes.txt", cwd=ROOT)
    assert result.exit_code == code


def test_output_file_is_written(run_cli, tmp_path):
    out = tmp_path / "reports" / "out.json"
    result = run_cli("check", "--format", "json", "--today", TODAY, "--output", out, ARTICLES / "clean.md")
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["summary"]["files"] == 1
    assert [p.name for p in out.parent.iterdir()] == ["out.json"]  # no temporary file left behind


def test_default_target_is_content(run_cli, tmp_path):
    write(tmp_path / "content" / "a.md", "She suffers from anxiety.\n")
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    assert json.loads(result.stdout)["files"][0]["path"] == "content/a.md"


def test_config_paths_and_extra_rules(run_cli, tmp_path):
    write(tmp_path / "articles" / "a.md", "We utilize it.\n")
    write(tmp_path / "house" / "house.yaml", (FIXTURES / "rules" / "house.yaml").read_text())
    write(tmp_path / "carecheck.yaml", "paths: [articles]\nrules: [house]\nselect: [house]\n")
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["suggestions"]) for f in findings] == [("house.utilize", ["use"])]
    assert result.exit_code == 0  # a warning, under the default --fail-on error


def test_rules_option_adds_a_directory(run_cli):
    result = run_cli("check", "--rules", FIXTURES / "rules", "--select", "house", "--format", "json", ARTICLES / "clean.md")

    assert result.exit_code == 0 and json.loads(result.stdout)["summary"]["findings"] == 0


# ---- errors: one line on stderr, exit code 2, no traceback (real subprocesses)


def assert_one_line_error(proc, *fragments):
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    # Notes (e.g. "grammar not checked") may come before; the error itself is one line.
    lines = [line for line in proc.stderr.strip().splitlines() if not line.startswith("carecheck: note:")]
    assert len(lines) == 1, proc.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_missing_path_exits_2_but_the_other_files_are_still_checked():
    proc = run_process("check", "--format", "json", "no/such/file.md", "tests/fixtures/articles/notes.txt")
    assert_one_line_error(proc, "carecheck: error: no/such/file.md: no such file or directory")
    assert json.loads(proc.stdout)["summary"]["files"] == 1


def test_broken_rule_file_exits_2_naming_file_line_and_key(tmp_path):
    write(tmp_path / "bad.yaml", "pack: bad\nrules:\n  - id: bad.rule\n    kind: pattern\n    severity: loud\n    message: m\n    terms: [x]\n    examples: {fail: [x]}\n")
    proc = run_process("check", "--rules", tmp_path, "tests/fixtures/articles/clean.md")
    assert_one_line_error(proc, "bad.yaml:5: rule 'bad.rule': key 'severity'")


def test_invalid_config_exits_2(tmp_path):
    write(tmp_path / "carecheck.yaml", "fail_on: loudly\n")
    write(tmp_path / "content" / "a.md", "Fine.\n")
    proc = run_process("check", cwd=tmp_path)
    assert_one_line_error(proc, "carecheck.yaml:1: key 'fail_on'")


def test_unknown_option_and_unknown_selector_exit_2():
    assert_one_line_error(run_process("check", "--frobnicate"), "No such option")
    assert_one_line_error(run_process("check", "--select", "nosuchfamily"), "'nosuchfamily' matches no rule")


def test_binary_and_invalid_utf8_files_are_reported_not_fatal(tmp_path):
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin1.md").write_bytes("Caf\xe9 owners: she suffers from anxiety.\n".encode("latin-1"))
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbfShe suffers from anxiety.\n")
    (tmp_path / "utf16.md").write_bytes("She suffers from anxiety.\n".encode("utf-16"))
    proc = run_process("check", "--format", "json", "--select", "wording,carecheck", tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    files = {Path(f["path"]).name: [(x["rule"], x["line"], x["column"]) for x in f["findings"]] for f in json.loads(proc.stdout)["files"]}
    assert files["binary.md"] == [("carecheck.unreadable", 1, 1)]
    assert files["latin1.md"] == [("carecheck.encoding", 1, 4), ("wording.suffers-from", 1, 18)]
    assert files["bom.md"] == [("wording.suffers-from", 1, 5)]
    assert files["utf16.md"] == [("wording.suffers-from", 1, 5)]


# ---- the other commands


def test_rules_test_passes_on_the_shipped_packs():
    proc = run_process("rules", "test")
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.splitlines()[-1].startswith("All ") and "examples of" in proc.stdout


def test_rules_test_fails_on_a_rule_whose_examples_break(run_cli, tmp_path):
    write(tmp_path / "r.yaml", "pack: r\nrules:\n  - id: r.x\n    kind: pattern\n    severity: info\n    message: m\n    terms: [cat]\n    examples: {fail: [dog], pass: [cat]}\n")
    result = run_cli("rules", "test", tmp_path / "r.yaml")
    assert result.exit_code == 1
    assert "r.x: fail example 'dog': produced no finding" in result.stdout
    assert "2 of 2 examples failed (1 rules)." in result.stdout


def test_rules_list_and_explain(run_cli):
    listing = run_cli("rules", "list").stdout.splitlines()
    assert listing[0].split() == ["id", "kind", "severity", "pack", "fix"]
    assert any(line.split() == ["wording.committed-suicide", "wording", "error", "wording", "fix"] for line in listing)
    assert any(line.split() == ["wording.crazy", "wording", "error", "wording"] for line in listing)  # no safe fix
    explained = run_cli("explain", "wording.committed-suicide")
    assert explained.exit_code == 0
    assert "Reference: Reporting on Suicide recommendations" in explained.stdout
    assert "Flagged:" in explained.stdout and "Her brother committed suicide in 2019." in explained.stdout
    unknown = run_process("explain", "wording.nope")
    assert_one_line_error(unknown, "unknown rule 'wording.nope'")
    near = run_process("explain", "committed-suicide")
    assert_one_line_error(near, "unknown rule 'committed-suicide'; did you mean wording.committed-suicide?")


def test_version_and_help_on_every_command(run_cli):
    from checker import __version__

    assert run_cli("--version").stdout.strip() == f"carecheck {__version__}"
    for command in (["--help"], ["check", "--help"], ["rules", "--help"], ["rules", "list", "--help"], ["rules", "test", "--help"], ["explain", "--help"]):
        result = run_cli(*command)
        assert result.exit_code == 0 and "Usage:" in result.stdout, command


def test_the_content_folder_is_valid_json_against_the_schema(run_cli):
    result, data = check_json(run_cli, "content")
    assert data["summary"]["files"] >= 6
    formats = {Path(f["path"]).suffix for f in data["files"]}
    assert {".md", ".html", ".txt"} <= formats
