"""grammar.*: LanguageTool through language-tool-python, against a fake server on loopback
(and a real one when CARECHECK_LANGUAGETOOL_URL is set)."""

from __future__ import annotations

import json
import os

import pytest
from conftest import FIXTURES, run_process, write
from fake_languagetool import FakeLanguageTool

ARTICLE = FIXTURES / "grammar" / "article.md"


@pytest.fixture
def server():
    with FakeLanguageTool() as fake:
        yield fake


def test_a_known_error_in_the_second_section_comes_back_at_its_line_and_column(server):
    proc = run_process("check", "--select", "grammar", "--format", "json", ARTICLE, env={"CARECHECK_LANGUAGETOOL_URL": server.url})
    assert proc.returncode == 0, proc.stderr  # warnings only
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["column"], f["end_column"], f["excerpt"], f["suggestions"]) for f in findings] == [
        ("grammar.en_a_vs_an", 12, 29, 30, "a", ["an"])
    ]
    assert findings[0]["reference"] == "LanguageTool rule EN_A_VS_AN (MISC)"
    # Code, the field's words (NSSI, DBT, Linehan) and WHITESPACE_RULE (disabled) are not reported.
    (request,) = server.requests  # one request for the whole document
    assert "a apple" not in request["text"] and "Talking about feelings 😀" in request["text"]
    assert "WHITESPACE_RULE" in request["disabledRules"] and request["language"] == "en-US"


def test_ids_can_be_ignored_one_by_one(server):
    proc = run_process("check", "--ignore", "grammar.en_a_vs_an", "--select", "grammar", "--format", "json", ARTICLE, env={"CARECHECK_LANGUAGETOOL_URL": server.url})
    assert json.loads(proc.stdout)["summary"]["findings"] == 0


def test_without_a_server_the_run_goes_on_and_says_so_once(tmp_path):
    for k in range(3):
        write(tmp_path / f"a{k}.md", "Choose a open opening.\n")
    proc = run_process("check", "--format", "json", "--select", "grammar,wording", tmp_path, env={"CARECHECK_LANGUAGETOOL_URL": ""})
    assert proc.returncode == 0
    notes = [line for line in proc.stderr.splitlines() if "grammar not checked" in line]
    assert len(notes) == 1 and "CARECHECK_LANGUAGETOOL_URL" in notes[0] and "carecheck grammar setup" in notes[0]
    assert json.loads(proc.stdout)["summary"]["files"] == 3


def test_an_unreachable_server_is_a_notice_and_required_makes_it_exit_2(tmp_path):
    write(tmp_path / "content" / "a.md", "Choose a open opening.\n")
    env = {"CARECHECK_LANGUAGETOOL_URL": "http://127.0.0.1:9"}
    proc = run_process("check", "--select", "grammar", cwd=tmp_path, env=env)
    assert proc.returncode == 0 and "no LanguageTool server answered at http://127.0.0.1:9" in proc.stderr
    write(tmp_path / "carecheck.yaml", "grammar: {required: true}\n")
    proc = run_process("check", "--select", "grammar", cwd=tmp_path, env=env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and "grammar.required is true" in proc.stderr


def test_config_names_the_server_and_disables_rules(server, tmp_path):
    write(tmp_path / "content" / "a.md", "Choose a open opening and teh best time.\n")
    write(tmp_path / "carecheck.yaml", f"grammar: {{remote_server: '{server.url}', disabled_rules: [EN_A_VS_AN]}}\n")
    proc = run_process("check", "--select", "grammar", "--format", "json", cwd=tmp_path, env={"CARECHECK_LANGUAGETOOL_URL": ""})
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["excerpt"], f["suggestions"]) for f in findings] == [("grammar.morfologik_rule_en_us", "teh", ["the", "tech"])]


def test_rule_examples_hold_against_the_fake_server(server):
    from checker.rulefile import load_rules
    from checker.selftest import check_rule_examples

    rule = next(r for r in load_rules().rules if r.id == "grammar.languagetool")
    assert check_rule_examples(rule, {"server": server.url}) == []


def test_rules_test_says_grammar_examples_were_not_checked_without_a_server():
    proc = run_process("rules", "test", env={"CARECHECK_LANGUAGETOOL_URL": ""})
    assert proc.returncode == 0 and "grammar.languagetool: examples not checked" in proc.stdout


@pytest.mark.skipif(not os.environ.get("CARECHECK_LANGUAGETOOL_URL"), reason="needs a real LanguageTool server")
def test_real_server():
    proc = run_process("check", "--select", "grammar", "--format", "json", ARTICLE)
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert any(f["line"] == 12 and f["excerpt"] == "a" for f in findings)


@pytest.mark.parametrize("mode", ["error-500", "not-json", "no-matches-key", "hang"])
def test_a_misbehaving_server_costs_its_family_only(tmp_path, mode):
    """Before: a 500 or bad JSON ended the run with an internal error and lost every finding; a
    hanging server cost 240 s per article."""
    for k in range(3):
        write(tmp_path / f"a{k}.md", "---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\nHe committed suicide.\n")
    with FakeLanguageTool(mode) as fake:
        env = {"CARECHECK_LANGUAGETOOL_URL": fake.url, "CARECHECK_LANGUAGETOOL_TIMEOUT": "1", "CARECHECK_NO_CACHE": "1"}
        proc = run_process("check", "--format", "json", "--select", "grammar,wording,carecheck", "-j", "1", tmp_path, env=env, timeout=60)
        asked = len(fake.requests)
    assert proc.returncode == 1 and "internal error" not in proc.stderr, proc.stderr
    files = json.loads(proc.stdout)["files"]
    assert all("wording.committed-suicide" in [f["rule"] for f in file["findings"]] for file in files)
    assert all("carecheck.grammar-error" in [f["rule"] for f in file["findings"]] for file in files)
    assert asked <= 4  # two files at most (the client tries a request twice), then it is not asked again


def test_a_server_that_answers_one_byte_at_a_time_is_given_up_on(tmp_path):
    write(tmp_path / "content" / "a.md", "Choose a open opening.\n")
    with FakeLanguageTool("slow-languages") as fake:
        proc = run_process("check", "--select", "grammar", cwd=tmp_path, env={"CARECHECK_LANGUAGETOOL_URL": fake.url}, timeout=60)
    assert proc.returncode == 0 and "answered too slowly" in proc.stderr  # before: 120 s
