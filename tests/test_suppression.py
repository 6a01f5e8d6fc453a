"""Suppression comments, and the report of those that suppress nothing."""

from __future__ import annotations

from checker.config import Config
from checker.engine import Engine
from checker.rulefile import load_rules


def run(tmp_path, text: str, name: str = "a.md", select=("wording", "carecheck"), ignore=()):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    engine = Engine(load_rules(), Config(root=tmp_path), select=list(select), ignore=ignore)
    return [(f.rule, f.line) for f in engine.check_file(str(path)).findings]


def test_disable_next_line_suppresses_only_that_line_and_rule(tmp_path):
    text = "<!-- carecheck-disable-next-line wording.suffers-from -->\nShe suffers from anxiety.\n\nHe suffers from depression.\n"
    assert run(tmp_path, text) == [("wording.suffers-from", 4)]


def test_disable_and_enable_with_prefixes(tmp_path):
    text = (
        "<!-- carecheck-disable wording -->\n\nShe suffers from anxiety. A suicide bid.\n\n"
        "<!-- carecheck-enable -->\n\nHe suffers from depression.\n"
    )
    assert run(tmp_path, text) == [("wording.suffers-from", 7)]


def test_disable_without_rules_suppresses_everything_to_the_end(tmp_path):
    text = "Intro.\n\n<!-- carecheck-disable -->\n\nShe suffers from anxiety. A suicide bid.\n"
    assert run(tmp_path, text) == []


def test_enable_can_reopen_one_rule_while_others_stay_disabled(tmp_path):
    text = (
        "<!-- carecheck-disable wording.suffers-from, wording.suicide-bid -->\n\nShe suffers from it. A suicide bid.\n\n"
        "<!-- carecheck-enable wording.suicide-bid -->\n\nHe suffers from it. Another suicide bid.\n"
    )
    assert run(tmp_path, text) == [("wording.suicide-bid", 7)]


def test_unused_suppression_is_reported_as_info(tmp_path):
    text = "<!-- carecheck-disable-next-line wording.suicide-bid -->\nNothing to see.\n"
    assert run(tmp_path, text) == [("carecheck.unused-suppression", 1)]


def test_unused_suppression_of_a_rule_that_did_not_run_is_not_reported(tmp_path):
    text = "<!-- carecheck-disable-next-line wording.suicide-bid -->\nNothing to see.\n"
    assert run(tmp_path, text, ignore=["wording.suicide-bid"]) == []


def test_suppression_comments_in_html(tmp_path):
    text = "<p>One suffers from it.</p>\n<!-- carecheck-disable-next-line wording -->\n<p>Two suffers from it.</p>\n"
    assert run(tmp_path, text, name="a.html") == [("wording.suffers-from", 1)]


def test_a_comment_inside_a_code_block_is_not_a_suppression(tmp_path):
    text = "```\n<!-- carecheck-disable -->\n```\n\nShe suffers from anxiety.\n"
    assert run(tmp_path, text) == [("wording.suffers-from", 5)]


def test_disable_line_suppresses_the_comments_own_line(tmp_path):
    text = "She suffers from anxiety. <!-- carecheck-disable-line wording.suffers-from -->\nHe suffers from depression.\n"
    assert run(tmp_path, text) == [("wording.suffers-from", 2)]
    # The same comment naming another rule suppresses nothing here, and says so.
    text = "She suffers from anxiety. <!-- carecheck-disable-line wording.crazy -->\n"
    assert run(tmp_path, text) == [("wording.suffers-from", 1), ("carecheck.unused-suppression", 1)]


def test_a_misspelt_directive_is_reported_not_ignored(tmp_path):
    text = "She suffers from anxiety. <!-- carecheck-disable-lines wording.suffers-from -->\n\n<!-- carecheck: off -->\n"
    assert run(tmp_path, text) == [("wording.suffers-from", 1), ("carecheck.unknown-directive", 1), ("carecheck.unknown-directive", 3)]
