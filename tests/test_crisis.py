"""crisis.*: banners, numbers and regions, on fixture articles in several regions and formats."""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import FIXTURES, ROOT

from checker.crisis_resources import load_resources
from checker.errors import UsageError
from checker.kinds.base import CheckContext
from checker.kinds.crisis import CrisisKind
from checker.parsing import parse_document
from checker.rulefile import load_rules

RESOURCES = ROOT / "rules" / "data" / "crisis-resources.yaml"

CRISIS = FIXTURES / "crisis"

EXPECTED = {
    "us-self-harm.md": [],
    "uk-samaritans.md": [],
    "ca-988.md": [],
    "au-lifeline.html": [],
    "us-no-banner.md": [("crisis.banner-position", 9, 1)],
    "us-no-resources.md": [("crisis.missing-banner", 9, 1)],
    # The old number still connects and 911 is there: the banner is in place, with an outdated line.
    "us-retired-number.md": [("crisis.retired-number", 9, 104)],
    "us-998.md": [("crisis.wrong-number", 9, 68)],
    "us-call-only.md": [("crisis.incomplete", 9, 60)],
    "us-press-3.md": [("crisis.ended-service", 27, 38)],
    "us-no-emergency.md": [("crisis.emergency-missing", 9, 141)],
    # 999 at the top gives the reader somewhere to turn (no banner-position); 988 is not a UK line.
    "uk-988-only.md": [("crisis.wrong-number", 9, 37)],
    # 911 is there, so the reader has somewhere to turn: the error is the retired number.
    "ca-old-number.md": [("crisis.retired-number", 7, 66)],
    "us-page-with-au-numbers.html": [
        ("crisis.missing-banner", 9, 10),
        ("crisis.wrong-number", 9, 48),
        ("crisis.wrong-number", 9, 73),
        ("crisis.wrong-number", 9, 144),
        ("crisis.emergency-missing", 9, 168),
        ("crisis.wrong-number", 9, 190),
    ],
}


@pytest.fixture(scope="module")
def crisis_report():
    from click.testing import CliRunner

    from checker.cli import main

    result = CliRunner().invoke(main, ["check", "--select", "crisis", "--format", "json", str(CRISIS)])
    return {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(result.stdout)["files"]}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(crisis_report, name):
    found = [(f["rule"], f["line"], f["column"]) for f in crisis_report[name]["findings"]]
    assert found == EXPECTED[name]


def test_every_fixture_is_covered():
    assert sorted(p.name for p in CRISIS.iterdir()) == sorted(EXPECTED)


def test_findings_say_what_to_write_instead(crisis_report):
    (retired,) = [f for f in crisis_report["us-retired-number.md"]["findings"] if f["rule"] == "crisis.retired-number"]
    assert retired["severity"] == "warning"  # the old 800 number still connects
    assert "replaced on 2022-07-16" in retired["message"]
    assert retired["suggestions"] == ["988 Suicide & Crisis Lifeline: call or text 988, chat at 988lifeline.org"]
    (gone,) = [f for f in crisis_report["ca-old-number.md"]["findings"] if f["rule"] == "crisis.retired-number"]
    assert gone["severity"] == "error" and "9-8-8" in gone["suggestions"][0]
    (typo,) = crisis_report["us-998.md"]["findings"]
    assert "Did you mean 988 Suicide & Crisis Lifeline" in typo["message"]
    (uk,) = crisis_report["uk-988-only.md"]["findings"]
    assert "116 123" in uk["suggestions"][0] and "Canada, United States" in uk["message"]
    (ended,) = crisis_report["us-press-3.md"]["findings"]
    assert "The Trevor Project" in ended["suggestions"][0] and "2025-07-17" in ended["message"]


def test_metrics_name_the_recognised_services_and_region(crisis_report):
    us = crisis_report["us-self-harm.md"]["metrics"]
    assert us["region"] == "US"
    assert us["crisis_resources"] == ["988 Suicide & Crisis Lifeline", "Veterans Crisis Line"]
    au = crisis_report["au-lifeline.html"]["metrics"]
    assert au["region"] == "AU" and "Lifeline Australia" in au["crisis_resources"]


def test_the_example_corpus_has_no_crisis_findings():
    from click.testing import CliRunner

    from checker.cli import main

    result = CliRunner().invoke(main, ["check", "--select", "crisis", "--format", "json", str(ROOT / "content")])
    data = json.loads(result.stdout)
    assert data["summary"]["findings"] == 0
    regions = {f["path"].rsplit("/", 1)[-1]: f["metrics"]["region"] for f in data["files"]}
    assert regions["eating-disorders.md"] == "UK" and regions["anxiety.html"] == "US"


def test_resources_file_covers_the_researched_regions():
    rule = next(r for r in load_rules().rules if r.id == "crisis.missing-banner")
    resources = load_resources(str(rule.data_path(rule.params["resources"])))
    assert {"US", "CA", "UK", "IE", "AU", "NZ", "FR", "ES", "DE", "IN"} <= set(resources.regions)
    for region in resources.regions.values():
        assert region.emergency and region.services and region.banner, region.code
    assert resources.region_for("en-GB") == "UK" and resources.region_for("United Kingdom") == "UK"
    assert resources.region_for("fr-CA") == "CA" and resources.region_for("xx") is None


def test_a_region_can_be_set_by_per_path_config(tmp_path, run_cli):
    (tmp_path / "uk").mkdir()
    (tmp_path / "uk" / "a.md").write_text("# Self-harm\n\n> Call Samaritans free on 116 123.\n\nSelf-harm is common.\n")
    (tmp_path / "carecheck.yaml").write_text("overrides:\n  - files: [uk/**]\n    locale: en-GB\n")
    result = run_cli("check", "--select", "crisis", "--format", "json", "uk", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert data["files"][0]["metrics"]["region"] == "UK" and data["summary"]["findings"] == 0


def test_a_chat_link_counts_by_its_address_when_its_text_is_not_one(tmp_path, run_cli):
    body = "# Self-harm\n\n{banner}\n\nSelf-harm means hurting yourself on purpose to cope with pain.\n"
    (tmp_path / "link.md").write_text(body.format(banner="If you are struggling, [chat with the Lifeline](https://988lifeline.org/chat) now."))
    (tmp_path / "none.md").write_text(body.format(banner="If you are struggling, talk to someone you trust now."))
    result = run_cli("check", "--select", "crisis", "--format", "json", str(tmp_path))
    files = {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(result.stdout)["files"]}
    assert files["link.md"]["metrics"]["crisis_resources"] == ["988 Suicide & Crisis Lifeline"]
    assert files["none.md"]["metrics"]["crisis_resources"] == []
    assert "crisis.missing-banner" in [f["rule"] for f in files["none.md"]["findings"]]


# ---- the contract: one analysis per document, messages from the pack, scope, the data file's schema


def crisis_rules(*files):
    return [r for r in load_rules(include_builtin=False, files=files or [ROOT / "rules" / "crisis.yaml"]).rules]


def test_the_analysis_is_made_once_per_document_for_every_crisis_rule(monkeypatch):
    from checker.kinds import crisis

    calls = []
    real = crisis.analyse
    monkeypatch.setattr(crisis, "analyse", lambda *args: calls.append(1) or real(*args))
    rules = crisis_rules()
    wider = [dataclasses.replace(r, params={**r.params, "top_words": 20}, _checker=None) for r in rules]
    words = "Warning signs can be subtle, and they are easy to miss in someone you see every day. " * 3
    doc = parse_document("a.md", f"# Suicide\n\n{words}\n\nIf you are in crisis, call or text 988.\n")
    context = CheckContext({"locale": "en-US"})
    for rule in rules + wider:
        kind = CrisisKind(rule)
        kind.run(doc, context)
        kind.metrics(doc, context)
    assert len(calls) == 1
    # top_words is the rule's own: the same analysis, judged with 200 words or with 20.
    late = [r for r in rules + wider if r.params["check"] == "banner-position"]
    assert [len(CrisisKind(r).run(doc, context)) for r in late] == [0, 1]


def test_freshness_can_ask_whether_a_page_carries_crisis_resources():
    from checker.crisis_analysis import carries_crisis_resources

    settings = {"locale": "en-US"}
    banner = parse_document("a.md", "# Suicide\n\n> If you are in crisis, call or text 988.\n")
    referral = parse_document("b.md", "# Drugs\n\nCall the SAMHSA National Helpline on 1-800-662-4357.\n")
    assert carries_crisis_resources(banner, str(RESOURCES), settings)
    assert not carries_crisis_resources(referral, str(RESOURCES), settings)


def test_every_case_a_crisis_rule_reports_is_worded_in_the_pack():
    # A rule's `message` words its main case; `messages` words the others. A case the pack does
    # not word falls back to `message`, so the shipped pack words every case the kind reports.
    rules = {r.id: r for r in crisis_rules()}
    assert set(rules["crisis.retired-number"].messages) == {"gone-undated", "still-connects", "still-connects-undated"}
    worded = [variant for rule in rules.values() for variant in rule.messages]
    assert set(worded) <= set(CrisisKind.MESSAGES) and len(worded) == len(set(worded))
    assert len(worded) + len(rules) == len(CrisisKind.MESSAGES)  # the main cases are the messages
    for rule in rules.values():
        assert "{" in rule.message, rule.id  # what a finding says, with its fields
        assert "{" not in rule.summary, rule.id  # the rule in one sentence, for SARIF


def test_a_rule_without_a_wording_for_a_case_reports_its_message(tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "pack: house\nrules:\n  - id: house.retired\n    kind: crisis\n    check: retired-number\n    severity: error\n"
        "    message: \"Do not print {number}; print {replacement}.\"\n"
        "    messages:\n      still-connects: \"{number} still rings, but print {replacement}.\"\n"
        "    examples: {fail: [\"Call [[1-833-456-4566]].\"], pass: [\"Call 988.\"]}\n",
        encoding="utf-8",
    )
    (rule,) = crisis_rules(pack)
    doc = parse_document("a.md", "Call 1-833-456-4566 or 1-800-273-8255.\n")
    messages = [f.message for f in CrisisKind(rule).run(doc, CheckContext({"locale": "en-US"}))]
    assert messages == [
        "Do not print 1-833-456-4566; print 9-8-8: Suicide Crisis Helpline: call or text 988.",
        "1-800-273-8255 still rings, but print 988 Suicide & Crisis Lifeline: call or text 988, chat at 988lifeline.org.",
    ]


@pytest.mark.parametrize(
    "edit, text, rule_id, message",
    [
        (
            ("    retired_on: 2022-07-16\n", ""),
            "Or call 1-800-273-8255.",
            "crisis.retired-number",
            ("1-800-273-8255 (National Suicide Prevention Lifeline) still connects but is outdated: it was replaced. "
             "Give 988 Suicide & Crisis Lifeline: call or text 988, chat at 988lifeline.org."),
        ),
        (
            ("    ended_on: 2025-07-17\n", ""),
            "LGBTQ+ youth can call 988 and press 3.",
            "crisis.ended-service",
            ("'press 3': 988 LGBTQ+ Youth Specialized Services (\"press 3\", text PRIDE) ended. Offer The Trevor Project: "
             "call 1-866-488-7386, text START to 678678, chat at thetrevorproject.org/get-help."),
        ),
        (
            ('    emergency: ["911"]\n    services:\n      - id: us-988', "    services:\n      - id: us-988"),
            "If you are in immediate danger, get help now. Call or text 988.",
            "crisis.emergency-missing",
            ("The article speaks of immediate danger but gives no emergency number; tell readers in United States to call "
             "the local emergency number."),
        ),
    ],
)
def test_special_cases_are_worded_by_the_packs_message_variants(tmp_path, edit, text, rule_id, message):
    data = RESOURCES.read_text(encoding="utf-8")
    assert edit[0] in data
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "crisis-resources.yaml").write_text(data.replace(edit[0], edit[1], 1), encoding="utf-8")
    pack = (ROOT / "rules" / "crisis.yaml").read_text(encoding="utf-8").replace("id: crisis.", "id: mine.")
    (tmp_path / "mine.yaml").write_text(pack.replace("pack: crisis", "pack: mine"), encoding="utf-8")
    rule = next(r for r in crisis_rules(tmp_path / "mine.yaml") if r.id == rule_id.replace("crisis.", "mine."))
    assert rule.data_path(rule.params["resources"]) == tmp_path / "data" / "crisis-resources.yaml"
    (finding,) = CrisisKind(rule).run(parse_document("a.md", text), CheckContext({"locale": "en-US"}))
    assert finding.message == message


def test_a_user_pack_can_reuse_a_crisis_rule_with_a_scope_without_copying_the_data(tmp_path, run_cli):
    pack = tmp_path / "packs" / "house.yaml"
    pack.parent.mkdir()
    pack.write_text(
        "pack: house\n"
        "rules:\n"
        "  - id: house.wrong-number-in-headings\n"
        "    kind: crisis\n"
        "    check: wrong-number\n"
        "    severity: warning\n"
        "    scope: headings\n"
        "    message: \"{number} is not a crisis line for readers in {region}.\"\n"
        "    messages:\n"
        "      other-region: \"{number} is a line for {regions}, not {region}.\"\n"
        "    examples:\n"
        "      fail: [\"# In a crisis, call [[998]]\\n\"]\n"
        "      pass: [\"# Help\\n\\nIn a crisis, call 998.\\n\"]\n",
        encoding="utf-8",
    )
    (rule,) = crisis_rules(pack)
    assert not (tmp_path / "packs" / "data").exists()
    assert rule.data_path(rule.params["resources"]) == RESOURCES
    doc = parse_document("a.md", "# If you are in crisis, call 998\n\nIf you are in crisis, call 999 or 998.\n")
    findings = CrisisKind(rule).run(doc, CheckContext({"locale": "en-US"}))
    assert [(doc.source[f.start : f.end], f.message) for f in findings] == [("998", "998 is not a crisis line for readers in United States.")]
    result = run_cli("rules", "test", "--rules", pack.parent)
    assert result.exit_code == 0, result.output


def broken_resources(tmp_path, old: str, new: str):
    text = RESOURCES.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "crisis-resources.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    "old, new, problem",
    [
        ('{type: call, number: "988"}', "{type: call, number: 988}", "key 'regions.US.services[0].contacts[0].number': must be a string"),
        ("{type: text, number: \"988\"}", "{type: txt, number: \"988\"}", "key 'regions.US.services[0].contacts[1].type': must be one of call, text, chat"),
        ("  chat_words: [", "  chat_word: [chat]\n  chat_words: [", "key 'language.chat_word': unknown key"),
        ("    name: United States\n", "", "regions.US: missing required key 'name'"),
        ("    still_connects: true\n", "    still_connects: yes please\n", "key 'retired[0].still_connects': must be true or false"),
    ],
)
def test_a_broken_resources_file_is_one_line_naming_file_line_and_key(tmp_path, old, new, problem):
    path, line = broken_resources(tmp_path, old, new)
    with pytest.raises(UsageError) as caught:
        load_resources(str(path))
    message = str(caught.value)
    assert message.startswith(f"{path}:") and problem in message and "\n" not in message
    if "missing" not in problem:
        assert message.startswith(f"{path}:{line}: ")


def test_a_rule_naming_a_broken_resources_file_fails_to_load(tmp_path):
    path, line = broken_resources(tmp_path, "  topics: [", "  topic: [crisis]\n  topics: [")
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "pack: house\nrules:\n  - id: house.banner\n    kind: crisis\n    check: missing-banner\n    severity: error\n"
        f"    resources: {path.name}\n"
        "    message: \"No banner for {region}.\"\n    examples: {fail: [\"[[# Suicide]]\\n\"], pass: [\"# Sleep\\n\"]}\n",
        encoding="utf-8",
    )
    with pytest.raises(UsageError, match=rf"crisis-resources.yaml:{line}: key 'language.topic': unknown key"):
        crisis_rules(pack)


def _crisis_findings(text: str) -> list[str]:
    from checker.kinds.base import document_settings

    doc = parse_document("a.md", text)
    context = CheckContext(document_settings(None, None, {}))
    return sorted({f.rule for rule in crisis_rules() for f in CrisisKind(rule).run(doc, context)})


@pytest.mark.parametrize(
    "text, wanted",
    [
        # Danger told to the reader wants an emergency number ...
        ("# Suicide\n\nCall or text 988. If you are in immediate danger, get help now.\n", ["crisis.emergency-missing"]),
        ("# Suicide\n\nCall or text 988. Suicidal behaviour is a psychiatric emergency. If a friend starts to act on it, seek help.\n",
         ["crisis.emergency-missing"]),
        # ... danger reported, or a helpline's process described, does not.
        ("# Suicide\n\nCall or text 988. Emergency services responded to the scene, but the man was pronounced dead.\n", []),
        ("# Suicide\n\nCall or text 988. If there is immediate danger to life, the team may contact the police.\n", []),
    ],
)
def test_danger_wants_an_emergency_number_only_when_told_to_the_reader(text, wanted):
    assert "crisis.emergency-missing" not in [r for r in _crisis_findings(text) if r not in wanted]
    assert set(wanted) <= set(_crisis_findings(text))


def test_a_number_that_is_one_regions_service_and_anothers_emergency_is_shared_evidence():
    from checker.crisis_analysis import analyse
    from checker.crisis_resources import load_resources

    text = "# Self-harm\n\nIf you have overdosed, call 111 and ask for an ambulance. Healthline: 0800 611 116.\n"
    analysis = analyse(parse_document("a.md", text), load_resources(str(RESOURCES)), {})
    assert analysis.region == "NZ"  # before: UK, from NHS 111 alone


@pytest.mark.parametrize(
    "text, region, source",
    [
        # A currency sign is a marker: "£" with an emergency number shared by three regions.
        ("# Suicide figures\n\nThe budget rises to £2.8 million. If you are worried about someone's safety, call 999.\n", "UK", "inferred"),
        # British spelling tips a page whose only line is shared evidence towards the regions that spell so ...
        ("# Suicide figures\n\nSuicidal behaviour rose. The centre will stay open. If someone is in danger, call 999.\n", "UK", "inferred"),
        # ... American spelling alone points to the US; one word is not enough.
        ("# Suicide\n\nSuicidal behavior, a counselor, the community center and the pediatrician.\n", "US", "inferred"),
        ("# Suicide\n\nSuicidal behavior is common.\n", "US", "default"),
        # Evidence that names a region outweighs spelling: Lifeline 13 11 14 on a page spelt the US way.
        ("# Suicide\n\nBehavior, color and center. Call Lifeline on 13 11 14.\n", "AU", "inferred"),
    ],
)
def test_spelling_and_currency_are_evidence_of_the_readers_region(text, region, source):
    from checker.crisis_analysis import analyse
    from checker.crisis_resources import load_resources

    analysis = analyse(parse_document("a.md", text), load_resources(str(RESOURCES)), {})
    assert (analysis.region, analysis.readers.source) == (region, source)


@pytest.mark.parametrize(
    "text, wanted",
    [
        # One passing mention does not make an article about suicide ...
        ("Depression\n\nSymptoms include low mood, poor sleep and, for some, suicidal thoughts. Treatment helps.\n", []),
        ("Kids Help Phone\n\nThe top reasons young people reached out included anxiety, isolation and suicidal thoughts.\n", []),
        # ... two mentions, a heading or the title do.
        ("Supporting a friend\n\nMost people who self-harm hide it. Self-harm is a way of coping.\n", ["crisis.missing-banner"]),
        ("# Suicide prevention\n\nWarning signs can be subtle.\n", ["crisis.missing-banner"]),
        ("Notes\n\n## When someone is suicidal\n\nListen without judging.\n", ["crisis.missing-banner"]),
    ],
)
def test_an_article_is_about_suicide_when_it_is_more_than_a_passing_mention(text, wanted):
    assert [r for r in _crisis_findings(text) if r == "crisis.missing-banner"] == wanted


def test_the_safety_rules_still_judge_a_single_mention():
    from checker.crisis_analysis import analyse
    from checker.crisis_resources import load_resources

    analysis = analyse(parse_document("a.md", "News\n\nHe took 40 tablets of paracetamol and took his own life.\n"), load_resources(str(RESOURCES)), {})
    assert analysis.mentioned and not analysis.triggered


def _analysed(text: str):
    from checker.crisis_analysis import analyse
    from checker.crisis_resources import load_resources

    doc = parse_document("a.md", text)
    return doc, analyse(doc, load_resources(str(RESOURCES)), {})


def test_numbers_on_two_lines_are_two_numbers_and_a_spaced_dash_joins_one():
    doc, analysis = _analysed("# Helplines\n\nTalk Suicide Canada\nCall: 988\n1-833-456-4566\n\nSOS: call 1800 - 221 4444 (24-hour hotline).\n")
    assert [(m.kind, m.raw) for m in analysis.mentions if m.kind == "retired"] == [("retired", "1-833-456-4566"), ("retired", "1800 - 221 4444")]


def test_a_country_label_before_a_number_scopes_it():
    # 741741 is the US Crisis Text Line today and Canada's ended Wellness Together line.
    _, analysis = _analysed("# Help\n\nA moderator gives a text number (US: 741-741, Canada: 68-68-68) for suicidal members.\n")
    assert not analysis.of("retired")


def test_lines_given_under_one_countrys_name_say_who_the_readers_are():
    _, analysis = _analysed("# Suicide\n\nAsk about suicide directly. These helplines are open: Crisis Services Canada: 1-833-456-4566 "
                            "Kids Help Line: 1-800-668-6868\n")
    assert analysis.region == "CA" and analysis.readers.source == "inferred"


def test_a_service_named_right_after_its_number_is_offered():
    _, analysis = _analysed("# 988 Suicide & Crisis Lifeline\n\n988 Suicide Crisis and Lifeline\n\nSuicide is preventable.\n")
    assert [m.raw for m in analysis.of("service")] == ["988", "988"]  # the heading's and the line's
    _, analysis = _analysed("# Suicide\n\nIn 2023, 988 people called about suicide.\n")
    assert not analysis.of("service")


def test_a_number_is_near_the_top_by_its_own_place_not_its_sentences():
    text = "# Suicide\n\n" + "Suicide is preventable. " * 65 + "In an emergency, whether for yourself or others, always call 911.\n"
    _, analysis = _analysed(text)
    (emergency,) = analysis.of("emergency")
    assert not emergency.near_top(200)  # the 911 is the 207th word; its sentence starts at the 196th


@pytest.mark.parametrize("number", ["08457 90 91 92", "07725 90 90 90"])
def test_the_old_samaritans_textphone_and_text_numbers_are_retired(number):
    _, analysis = _analysed(f"# Suicide\n\nIf you feel suicidal, text Samaritans on {number}.\n")
    assert [m.raw for m in analysis.of("retired")] == [number]


def test_first_person_words_name_the_topic():
    _, analysis = _analysed("Samaritans\n\nI don't want to end my life. Sometimes I want to die, and then I text.\n")
    assert analysis.triggered


@pytest.mark.parametrize(
    "text, wanted",
    [
        # A service's name over another service's number, or over a number of its own kind that is
        # not its own, is a wrong number (sixth batch of real pages, session 10) ...
        ("# Suicide\n\nIf you are struggling with thoughts of suicide, these helplines can help:\n\n- Lifeline – 13 11 14\n"
         "- Kids Helpline – 1800 650 890\n", ["crisis.wrong-number"]),
        # ... also when the list item's number stands after a description of the service ...
        ("# Suicide\n\nIf you are struggling with thoughts of suicide, these helplines can help:\n\n- Lifeline – 13 11 14\n"
         "- SANE Australia – a free helpline for anyone concerned about mental illness. 1800 187 236.\n", ["crisis.wrong-number"]),
        # ... but its own number, or a branch's local line of another kind, is not.
        ("# Suicide\n\nIf you are struggling with thoughts of suicide, these helplines can help:\n\n- Lifeline – 13 11 14\n"
         "- Kids Helpline – 1800 55 1800\n", []),
        ("# Suicide\n\nIf you are struggling with thoughts of suicide, these helplines can help:\n\n- Lifeline – 13 11 14\n"
         "- Lifeline Darwin – 08 8981 9227\n", []),
    ],
)
def test_a_number_given_under_another_services_name_is_wrong(text, wanted):
    assert [r for r in _crisis_findings(text) if r == "crisis.wrong-number"] == wanted


def test_a_number_that_is_the_services_name_is_offered_when_the_sentence_says_what_it_is():
    text = "# Suicide\n\nSuicide is a major problem. ‘50808’ is a first of its kind for Ireland, a free 24/7 text service for people in crisis.\n"
    assert "crisis.missing-banner" not in _crisis_findings(text)
    assert "crisis.missing-banner" in _crisis_findings(text.replace("is a first of its kind", "was mentioned in a report on crisis services, not"))


@pytest.mark.parametrize(
    "text, wanted",
    [
        # A short number the data does not know is a count, not a local line: the page offers none.
        ("# Suicide among the elderly\n\nSuicide rates fell. In 2021, 112 people died by suicide, whereas in the year before, the number had been 154.\n",
         ["crisis.missing-banner"]),
        # A full-length one, rung or called, is a local line.
        ("# Suicide\n\nIf you have suicidal thoughts, talk to a trained counsellor for free by ringing 0808 808 8000.\n", []),
    ],
)
def test_a_short_unknown_number_is_a_count_and_a_full_one_a_local_line(text, wanted):
    assert [r for r in _crisis_findings(text) if r in ("crisis.missing-banner", "crisis.wrong-number")] == wanted


@pytest.mark.parametrize(
    "text, wanted",
    [
        # A number written with the trunk 0 and a digit count no number of its kind has in the
        # readers' region cannot be dialled as printed: Australia, New Zealand, Ireland (session 10).
        ("# Suicide\n\nIf you are struggling, call Lifeline on 13 11 14 or call the local team on 02 9382 21111.\n", ["crisis.wrong-number"]),
        ("# Suicide\n\nIf you are struggling, call Lifeline on 13 11 14 or call the local team on 02 9382 2111.\n", []),
        ("# Suicide\n\nIf you are struggling, call or text 1737 or call the local crisis team on 0800 920 0922.\n", ["crisis.wrong-number"]),
        ("# Suicide\n\nIf you are struggling, call or text 1737 or call the local crisis team on 0800 920 092.\n", []),
    ],
)
def test_a_number_of_a_length_the_region_has_not_is_wrong(text, wanted):
    assert [r for r in _crisis_findings(text) if r == "crisis.wrong-number"] == wanted


@pytest.mark.parametrize(
    "text, wanted",
    [
        # A list of services with their phone numbers is a directory: each is offered, whatever it
        # is called (a local mental health service near the top: no banner-position finding) ...
        ("# Suicide and self-harm support\n\nIf you are worried about suicidal thoughts, help is here.\n\n"
         "- BeeU- 0-25 Mental Health Service 0300 124 0093\n- Kooth - free online counselling\n\n" + "Words about it. " * 100
         + "\n\nChildline offers a helpline for children, call 0800 1111.\n", []),
        # ... but a clinic's appointments line in its menu is not a crisis resource.
        ("- Appointments 866.588.2264\n\n# Self-harm\n\nSelf-harm is hurting yourself on purpose.\n\n" + "Words about it. " * 100
         + "\n\nIf you have thoughts of suicide, call or text 988.\n", ["crisis.banner-position"]),
    ],
)
def test_a_directory_list_offers_its_numbers(text, wanted):
    assert [r for r in _crisis_findings(text) if r in ("crisis.banner-position", "crisis.missing-banner")] == wanted
