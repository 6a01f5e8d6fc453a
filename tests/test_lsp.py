"""`carecheck lsp` driven by a real client over stdio: diagnostics at exact UTF-16 ranges, quick
fixes, hover, a config change picked up without a restart, and a clean shutdown."""

from __future__ import annotations

import pytest
from conftest import write

pytest.importorskip("pygls")

from lsp_client import LspClient

ENV = {"CARECHECK_LANGUAGETOOL_URL": "", "CARECHECK_NO_CACHE": "1"}
ARTICLE = (
    "---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n"
    "# Grief\n\n"
    "> In a crisis, call 1-800-273-8255 any time.\n\n"
    "😀 𝔸 His uncle committed suicide in 2019.\n"
)


def position(text: str, needle: str) -> tuple[int, int]:
    """The LSP (line, UTF-16 character) where needle starts in text."""
    before = text[: text.index(needle)]
    line = before.count("\n")
    column = before[before.rfind("\n") + 1 :]
    return line, len(column.encode("utf-16-le")) // 2


@pytest.fixture
def client(tmp_path):
    lsp = LspClient(tmp_path, env=ENV)
    lsp.initialize(tmp_path.as_uri())
    yield lsp
    lsp.close()


def open_article(client, path, text, version=1):
    uri = path.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}})
    return uri


def by_rule(diagnostics, rule):
    return [d for d in diagnostics if d["code"] == rule]


def test_diagnostics_at_exact_utf16_ranges_and_a_quick_fix(client, tmp_path):
    path = write(tmp_path / "content" / "grief.md", ARTICLE)
    uri = open_article(client, path, ARTICLE)
    diagnostics = client.diagnostics(uri, 1)
    (phrase,) = by_rule(diagnostics, "wording.committed-suicide")
    line, character = position(ARTICLE, "committed suicide")
    assert phrase["range"] == {"start": {"line": line, "character": character}, "end": {"line": line, "character": character + 17}}
    assert character == 16  # 😀 and 𝔸 are two UTF-16 units each: 14 code points before, 16 units
    assert phrase["severity"] == 1 and phrase["source"] == "carecheck"
    (retired,) = by_rule(diagnostics, "crisis.retired-number")
    line, character = position(ARTICLE, "1-800-273-8255")
    assert retired["range"]["start"] == {"line": line, "character": character}

    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": phrase["range"],
                                                         "context": {"diagnostics": [phrase]}})
    fixes = [a for a in actions if a.get("edit") and a["edit"]["changes"][uri][0]["newText"] == "died by suicide"]
    assert fixes and fixes[0]["isPreferred"] and fixes[0]["kind"] == "quickfix"
    disable = [a for a in actions if a["title"] == "Disable wording.committed-suicide for this line"]
    assert disable and disable[0]["edit"]["changes"][uri][0]["newText"] == " <!-- carecheck-disable-line wording.committed-suicide -->"
    assert any(a.get("command", {}).get("command") == "carecheck.explain" for a in actions)

    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": phrase["range"]["start"]})
    assert hover["contents"]["kind"] == "markdown" and "died by suicide" in hover["contents"]["value"]
    assert "Guideline:" in hover["contents"]["value"] and "Not flagged:" in hover["contents"]["value"]

    # The editor applies the fix and sends the new text (unsaved): that line is clean.
    edit = fixes[0]["edit"]["changes"][uri][0]
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]})
    after = client.diagnostics(uri, 2)
    assert not by_rule(after, "wording.committed-suicide") and by_rule(after, "crisis.retired-number")


def test_a_config_change_is_picked_up_without_a_restart(client, tmp_path):
    path = write(tmp_path / "content" / "grief.md", ARTICLE)
    uri = open_article(client, path, ARTICLE)
    assert by_rule(client.diagnostics(uri, 1), "crisis.retired-number")
    write(tmp_path / "carecheck.yaml", "ignore: [crisis]\n")
    client.notify("workspace/didChangeConfiguration", {"settings": {}})
    assert not by_rule(client.diagnostics(uri, 1), "crisis.retired-number")


def test_corpus_checks_use_the_workspace_articles(client, tmp_path):
    write(tmp_path / "content" / "a.md", "---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Self-harm\n\n"
                                          "A 2014 review by Swannell and colleagues found that 17.2% of adolescents had self-harmed.\n")
    text = ("---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Self-harm\n\n"
            "A 2014 review by Swannell and colleagues found that 30% of adolescents had self-harmed.\n")
    path = write(tmp_path / "content" / "b.md", text)
    uri = open_article(client, path, text)
    assert by_rule(client.diagnostics(uri, 1), "stats.corpus-inconsistent")


def test_a_broken_document_gets_a_diagnostic_and_the_server_carries_on(client, tmp_path):
    path = write(tmp_path / "content" / "broken.md", "---\ntitle: [unclosed\n---\nHe was crazy.\n")
    uri = open_article(client, path, path.read_text(encoding="utf-8"))
    assert by_rule(client.diagnostics(uri, 1), "carecheck.front-matter")
    good = write(tmp_path / "content" / "good.md", ARTICLE)
    assert client.diagnostics(open_article(client, good, ARTICLE), 1)


def test_shutdown_and_exit_end_the_process(tmp_path):
    lsp = LspClient(tmp_path, env=ENV)
    lsp.initialize(tmp_path.as_uri())
    assert lsp.close() == 0
    gone = LspClient(tmp_path, env=ENV)
    gone.process.stdin.close()  # the client disappears
    assert gone.process.wait(timeout=20) == 0


def test_a_broken_config_is_one_diagnostic_until_it_is_fixed(client, tmp_path):
    write(tmp_path / "carecheck.yaml", "fail_on: sometimes\n")
    path = write(tmp_path / "content" / "grief.md", ARTICLE)
    uri = open_article(client, path, ARTICLE)
    (problem,) = client.diagnostics(uri, 1)
    assert problem["message"].startswith("carecheck could not check this document:") and "fail_on" in problem["message"]
    write(tmp_path / "carecheck.yaml", "fail_on: error\n")
    client.notify("workspace/didChangeConfiguration", {"settings": {}})
    assert by_rule(client.diagnostics(uri, 1), "wording.committed-suicide")


def test_a_restated_figure_points_at_its_first_statement(client, tmp_path):
    text = ("---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Self-harm\n\n"
            "A 2014 review by Swannell and colleagues found that 17.2% of adolescents had self-harmed.\n\n"
            "## FAQ\n\nAbout 30% of adolescents have self-harmed.\n")
    path = write(tmp_path / "content" / "numbers.md", text)
    uri = open_article(client, path, text)
    (restated,) = by_rule(client.diagnostics(uri, 1), "stats.inconsistent")
    (related,) = restated["relatedInformation"]
    line, character = position(text, "17.2%")
    assert related["location"] == {"uri": uri, "range": {"start": {"line": line, "character": character},
                                                          "end": {"line": line, "character": character + 5}}}
