"""A new team's first day in a real repository: only articles are checked, the output can be
turned down, a skipped grammar family is said once and recorded, stdin and fixes work."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import run_process, write

NO_SERVER = {"CARECHECK_LANGUAGETOOL_URL": "", "CARECHECK_NO_CACHE": "1"}
ARTICLE = "---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\nSleep helps your mood. He committed suicide last year.\n"


def repository(tmp_path):
    write(tmp_path / "README.md", "# Our articles\n\nThis repository holds the articles.\n")
    write(tmp_path / "CHANGELOG.md", "# Changes\n\n- first\n")
    write(tmp_path / "requirements.txt", "click\npyyaml\n")
    write(tmp_path / "content" / "sleep.md", ARTICLE)
    return tmp_path


def test_a_walk_leaves_out_readme_changelog_and_requirements(tmp_path):
    repo = repository(tmp_path)
    proc = run_process("check", ".", "--format", "json", cwd=repo, env=NO_SERVER)
    assert [f["path"] for f in json.loads(proc.stdout)["files"]] == ["content/sleep.md"]


def test_force_exclude_applies_the_excludes_to_files_named_on_the_command_line(tmp_path):
    repo = repository(tmp_path)
    named = run_process("check", "README.md", "requirements.txt", "content/sleep.md", "--format", "json", cwd=repo, env=NO_SERVER)
    assert len(json.loads(named.stdout)["files"]) == 3  # named files are checked, as before
    forced = run_process("check", "--force-exclude", "README.md", "requirements.txt", "content/sleep.md", "--format", "json", cwd=repo, env=NO_SERVER)
    assert [f["path"] for f in json.loads(forced.stdout)["files"]] == ["content/sleep.md"]
    nothing = run_process("check", "--force-exclude", "README.md", cwd=repo, env=NO_SERVER)
    assert nothing.returncode == 0 and "No articles to check" in nothing.stdout and "All clear" not in nothing.stdout


def test_exclude_replaces_the_defaults_and_extend_exclude_adds_to_them(tmp_path):
    repo = repository(tmp_path)
    write(repo / "carecheck.yaml", "extend_exclude: ['content/**']\n")
    proc = run_process("check", ".", "--format", "json", cwd=repo, env=NO_SERVER)
    assert json.loads(proc.stdout)["files"] == []
    write(repo / "carecheck.yaml", "exclude: []\n")
    proc = run_process("check", ".", "--format", "json", cwd=repo, env=NO_SERVER)
    assert len(json.loads(proc.stdout)["files"]) == 4


def test_a_missing_content_folder_is_not_all_clear(tmp_path):
    proc = run_process("check", cwd=tmp_path, env=NO_SERVER)
    assert proc.returncode == 2 and "All clear" not in proc.stdout and "No articles checked" in proc.stdout


def test_the_grammar_note_only_when_grammar_was_asked_for(tmp_path):
    repo = repository(tmp_path)
    quiet = run_process("check", "content", cwd=repo, env=NO_SERVER)
    assert "grammar not checked" not in quiet.stderr
    asked = run_process("check", "content", "--select", "grammar,wording", cwd=repo, env=NO_SERVER)
    assert asked.stderr.count("grammar not checked") == 1
    write(repo / "carecheck.yaml", "grammar: off\n")
    off = run_process("check", "content", "--select", "grammar,wording", "--format", "json", cwd=repo, env=NO_SERVER)
    assert "grammar not checked" not in off.stderr and "notes" not in json.loads(off.stdout)


def test_json_sarif_and_junit_record_the_skipped_grammar_family(tmp_path):
    repo = repository(tmp_path)
    data = json.loads(run_process("check", "content", "--format", "json", cwd=repo, env=NO_SERVER).stdout)
    assert data["notes"] == ["grammar not checked: no LanguageTool server is configured"]
    sarif = json.loads(run_process("check", "content", "--format", "sarif", cwd=repo, env=NO_SERVER).stdout)
    notifications = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notifications[0]["message"]["text"].startswith("grammar not checked")
    junit = ET.fromstring(run_process("check", "content", "--format", "junit", cwd=repo, env=NO_SERVER).stdout)
    grammar = [case for case in junit.iter("testcase") if case.get("name") == "grammar"]
    assert grammar and all(case.find("skipped") is not None for case in grammar)
    assert junit.get("skipped") == str(len(grammar))
    wording = [case for case in junit.iter("testcase") if case.get("name") == "wording"]
    assert wording[0].find("failure") is not None and wording[0].find("skipped") is None


FIXABLE = ("---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\n> Call 1-800-273-8255 or text 988 any time.\r\n\r\n"
           "Committed suicide is a phrase to avoid, as in \"he committed suicide\". Her uncle committed suicide.\n")


def test_fix_applies_the_safe_replacements_and_a_second_check_is_clean(tmp_path):
    article = write(tmp_path / "content" / "uncle.md", FIXABLE)
    article.write_bytes(b"\xef\xbb\xbf" + article.read_bytes())  # a byte-order mark, kept
    article.chmod(0o640)
    fixed = run_process("check", "content", "--fix", "--select", "wording,crisis", cwd=tmp_path, env=NO_SERVER)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "Fixed 2 findings in 1 file." in fixed.stderr and "All clear" in fixed.stdout
    data = article.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"text 988 any time.\r\n\r\n" in data  # BOM and CRLF as they were
    text = data.decode("utf-8-sig")
    assert "> Call 988 or text 988" in text and "Her uncle died by suicide." in text
    # The mention and the quotation are not touched.
    assert text.count("ommitted suicide") == 2 and "Committed suicide is a phrase" in text and '"he committed suicide"' in text
    assert article.stat().st_mode & 0o777 == 0o640
    again = run_process("check", "content", "--fix", "--select", "wording,crisis", cwd=tmp_path, env=NO_SERVER)
    assert again.returncode == 0 and "Fixed" not in again.stderr and article.read_bytes() == data  # idempotent


def test_diff_shows_the_fixes_without_writing(tmp_path):
    article = write(tmp_path / "content" / "uncle.md", FIXABLE)
    before = article.read_bytes()
    proc = run_process("check", "content", "--diff", cwd=tmp_path, env=NO_SERVER)
    assert proc.returncode == 1
    # Only the used phrase changes on its line; the mention and the quotation stay.
    assert '+Committed suicide is a phrase to avoid, as in "he committed suicide". Her uncle died by suicide.' in proc.stdout
    assert "+> Call 988 or text 988 any time." in proc.stdout
    assert article.read_bytes() == before


def test_stdin_with_a_filename_gives_the_same_findings_as_the_file(tmp_path):
    repo = repository(tmp_path)
    from_file = json.loads(run_process("check", "content/sleep.md", "--format", "json", cwd=repo, env=NO_SERVER).stdout)
    import subprocess

    from conftest import carecheck_command, subprocess_env

    proc = subprocess.run(carecheck_command("check", "-", "--stdin-filename", "content/sleep.md", "--format", "json"), cwd=repo,
                          input=ARTICLE, env=subprocess_env(NO_SERVER), capture_output=True, text=True, timeout=120)
    from_stdin = json.loads(proc.stdout)
    assert proc.returncode == 1 and from_stdin["files"] == from_file["files"]
    excluded = subprocess.run(carecheck_command("check", "-", "--stdin-filename", "README.md", "--force-exclude"), cwd=repo,
                              input=ARTICLE, env=subprocess_env(NO_SERVER), capture_output=True, text=True, timeout=120)
    assert excluded.returncode == 0 and "No articles to check" in excluded.stdout


LONG_NAME = "old-article-about-sleep-rest-and-calm-for-teenagers-and-their-parents-and-carers.md"  # folded in the .ics


def test_due_fails_on_an_overdue_article_and_writes_a_calendar(tmp_path):
    import icalendar

    write(tmp_path / "content" / LONG_NAME, "---\nlast_reviewed: 2022-01-10\nreviewed_by: Ann Lee, MD\n---\n# Sleep; rest, and calm\n\nSleep helps.\n")
    write(tmp_path / "content" / "new.md", "---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\nSleep helps.\n")
    assert run_process("due", "content", "--today", "2026-12-06", cwd=tmp_path, env=NO_SERVER).returncode == 0
    failing = run_process("due", "content", "--today", "2026-12-06", "--fail-on", "overdue", cwd=tmp_path, env=NO_SERVER)
    assert failing.returncode == 1 and "overdue" in failing.stdout
    write(tmp_path / "content" / LONG_NAME, "---\nlast_reviewed: 2026-10-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\nSleep helps.\n")
    assert run_process("due", "content", "--today", "2026-12-06", "--fail-on", "overdue", cwd=tmp_path, env=NO_SERVER).returncode == 0
    ics = run_process("due", "content", "--today", "2026-12-06", "--format", "ics", "-o", "reviews.ics", cwd=tmp_path, env=NO_SERVER)
    data = (tmp_path / "reviews.ics").read_bytes()
    assert ics.returncode == 0 and data.count(b"\r\n") == data.count(b"\n") and all(len(line) <= 75 for line in data.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(data)
    events = sorted((str(e["SUMMARY"]), e.decoded("DTSTART")) for e in calendar.walk("VEVENT"))
    assert [summary for summary, _ in events] == ["Review due: content/new.md", f"Review due: content/{LONG_NAME}"]
    assert events[0][1].isoformat() == "2029-11-01" and len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == 2


NOISY = ("---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Sleep\n\n"
         + "Notwithstanding considerable interindividual heterogeneity, polysomnographic investigations demonstrate "
           "that chronobiological dysregulation substantially exacerbates psychopathological manifestations " * 4
         + "\n\nHe committed suicide.\n")


def test_output_can_be_turned_down(tmp_path):
    write(tmp_path / "content" / "noisy.md", NOISY)
    full = run_process("check", "content", "--format", "concise", cwd=tmp_path, env=NO_SERVER)
    lines = full.stdout.splitlines()
    assert any(" info readability." in line for line in lines) and lines[-2].startswith("Found ")
    assert all(line.count(":") >= 3 for line in lines[:-2])  # one line per finding, then the summary
    errors_only = run_process("check", "content", "--format", "concise", "--show", "error", "--quiet", cwd=tmp_path, env=NO_SERVER)
    assert errors_only.returncode == 1 and errors_only.stdout.splitlines() == [line for line in lines if ": error " in line]
    # --show hides, --fail-on still judges every finding.
    hidden = run_process("check", "content", "--select", "readability", "--show", "error", "--fail-on", "info", cwd=tmp_path, env=NO_SERVER)
    assert hidden.returncode == 1 and "below --show error not shown" in hidden.stdout
    text = run_process("check", "content", "--select", "readability.hard-paragraph", cwd=tmp_path, env=NO_SERVER)
    carets = [line for line in text.stdout.splitlines() if "^" in line]
    assert carets and all(line.count("^") <= 60 for line in carets) and carets[0].rstrip().endswith("…")
    coloured = run_process("check", "content", "--color", "always", cwd=tmp_path, env=NO_SERVER)
    assert "\x1b[" in coloured.stdout and "\x1b[" not in run_process("check", "content", cwd=tmp_path, env=NO_SERVER).stdout


def test_statistics_counts_findings_per_rule(tmp_path):
    write(tmp_path / "content" / "noisy.md", NOISY)
    proc = run_process("check", "content", "--statistics", cwd=tmp_path, env=NO_SERVER)
    rows = [line.split() for line in proc.stdout.splitlines()]
    assert proc.returncode == 1 and ["1", "wording.committed-suicide", "error", "[*]"] in rows
    assert all(row[0].isdigit() for row in rows) and [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)


def test_report_without_matplotlib_has_tables_and_says_how_to_get_charts(tmp_path):
    repo = repository(tmp_path)
    stand_in = str(Path(__file__).parent / "fixtures" / "no_matplotlib")
    proc = run_process("report", "content", "-o", "out.html", cwd=repo, env={**NO_SERVER, "PYTHONPATH": stand_in})
    page = (repo / "out.html").read_text(encoding="utf-8")
    assert proc.returncode == 0 and proc.stderr.count("pip install 'carecheck[report]'") == 1
    assert "<svg" not in page and "Charts need matplotlib" in page and "<table" in page


def test_report_gates_with_fail_on_honours_a_baseline_and_shows_paths_as_the_reader_sees_them(tmp_path):
    repo = repository(tmp_path)
    absolute = str(repo / "content")
    proc = run_process("report", absolute, "-o", "out.html", "--fail-on", "error", cwd=repo, env=NO_SERVER)
    page = (repo / "out.html").read_text(encoding="utf-8")
    assert proc.returncode == 1 and ">content/sleep.md</h2>" in page and absolute not in page
    assert run_process("baseline", "known.json", "content", cwd=repo, env=NO_SERVER).returncode == 0
    clean = run_process("report", "content", "-o", "out.html", "--fail-on", "error", "--baseline", "known.json", cwd=repo, env=NO_SERVER)
    assert clean.returncode == 0 and "committed suicide" not in (repo / "out.html").read_text(encoding="utf-8").split("<main", 1)[-1].lower()


def test_init_writes_a_starter_setup_and_refuses_to_overwrite(tmp_path):
    proc = run_process("init", "--locale", "en-GB", "--paths", "articles", cwd=tmp_path, env=NO_SERVER)
    assert proc.returncode == 0
    config = (tmp_path / "carecheck.yaml").read_text(encoding="utf-8")
    assert "paths: [articles]" in config and "locale: en-GB" in config
    assert "carecheck check --force-exclude" in (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "carecheck due --fail-on overdue articles" in (tmp_path / ".github" / "workflows" / "carecheck.yml").read_text(encoding="utf-8")
    before = config
    again = run_process("init", cwd=tmp_path, env=NO_SERVER)
    assert again.returncode == 2 and "not overwriting carecheck.yaml" in again.stderr
    assert (tmp_path / "carecheck.yaml").read_text(encoding="utf-8") == before
    write(tmp_path / "articles" / "a.md", ARTICLE)
    checked = run_process("check", "--format", "json", cwd=tmp_path, env=NO_SERVER)
    assert [f["path"] for f in json.loads(checked.stdout)["files"]] == ["articles/a.md"]


def test_config_show_says_where_each_setting_came_from(tmp_path):
    write(tmp_path / "carecheck.yaml", "locale: en-GB\nfreshness: {interval_months: 24}\noverrides:\n  - files: ['teen/**']\n"
                                       "    readability: {audience: teen}\n")
    shown = run_process("config", "show", "teen/a.md", cwd=tmp_path, env=NO_SERVER).stdout
    assert "locale: en-GB (config)" in shown and "freshness.interval_months: 24 (config)" in shown
    assert "readability.audience: teen (override #1)" in shown and "overrides applied: #1 (teen/**)" in shown
    other = run_process("config", "show", "README.md", cwd=tmp_path, env=NO_SERVER).stdout
    assert "excluded: yes (exclude from the default" in other and "readability.audience: not set (the default)" in other
