"""crisis.*: banners, numbers and regions, on fixture articles in several regions and formats."""

from __future__ import annotations

import json

import pytest

from checker.crisis_resources import load_resources
from checker.kinds.crisis import resources_path
from checker.rulefile import load_rules
from conftest import FIXTURES, ROOT

CRISIS = FIXTURES / "crisis"

EXPECTED = {
    "us-self-harm.md": [],
    "uk-samaritans.md": [],
    "ca-988.md": [],
    "au-lifeline.html": [],
    "us-no-banner.md": [("crisis.banner-position", 9, 1)],
    "us-no-resources.md": [("crisis.missing-banner", 9, 1)],
    "us-retired-number.md": [("crisis.banner-position", 9, 1), ("crisis.retired-number", 9, 104)],
    "us-998.md": [("crisis.wrong-number", 9, 68)],
    "us-call-only.md": [("crisis.incomplete", 9, 60)],
    "us-press-3.md": [("crisis.ended-service", 27, 38)],
    "us-no-emergency.md": [("crisis.emergency-missing", 9, 141)],
    "uk-988-only.md": [("crisis.banner-position", 9, 1), ("crisis.wrong-number", 9, 37)],
    "ca-old-number.md": [("crisis.missing-banner", 7, 1), ("crisis.retired-number", 7, 66)],
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
    uk = crisis_report["uk-988-only.md"]["findings"]
    assert "116 123" in uk[0]["suggestions"][0] and "Canada, United States" in uk[1]["message"]
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
    resources = load_resources(str(resources_path(rule)))
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
