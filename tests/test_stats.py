"""stats.*: figures extracted, cited, consistent in an article and across articles, and checked against the registry."""

from __future__ import annotations

import json
import re

import pytest
from conftest import FIXTURES
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.claims import load_citations, load_registry
from checker.errors import UsageError
from checker.rule import builtin_data
from checker.statistics import find_figures
from checker.vocabulary import Vocabulary
from checker.yamlload import load_yaml

STATS = FIXTURES / "stats"
VOCABULARY = Vocabulary.from_registry(load_yaml(builtin_data("claims.yaml").read_text()))


def figures(text):
    found = find_figures(text)
    for f in found:
        VOCABULARY.describe(f, text)
    return [(f.raw, f.unit, round(f.value, 2), f.qualifier, f.population, sorted(f.measures)) for f in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("About 17.2% of adolescents self-harm.", [("17.2%", "percent", 17.2, "about", "adolescents", ["self_harm"])]),
        ("17.2 per cent of teens self-harm", [("17.2 per cent", "percent", 17.2, "", "adolescents", ["self_harm"])]),
        ("More than one in five US adults has a mental illness.", [("one in five", "percent", 20.0, "more than", "us_adults", ["mental_illness"])]),
        ("Nearly half of adults with a mental illness get no care.", [("half", "percent", 50.0, "nearly", "adults", ["mental_illness"])]),
        ("An estimated 727,000 people died by suicide in 2021.", [("727,000", "count", 727000.0, "about", None, ["suicide_deaths"])]),
        ("About 49.5 million adults", [("49.5 million", "count", 49500000.0, "about", "adults", [])]),
        ("a rate of 14.2 per 100,000 people", [("14.2 per 100,000", "rate_per_100k", 14.2, "", None, ["suicide_rate"])]),
        # A superlative against the world or a group of countries is a rank (session 10) ...
        ("New Zealand has the worst youth suicide rates in the OECD.", [("the worst youth suicide rates in the OECD", "rank", 1.0, "", None, [])]),
        ("The highest rates are among men.", []),
        ("between 10 and 20 percent of teens", [("between 10 and 20 percent", "percent", 15.0, "", "adolescents", [])]),
        ("the third leading cause of death", [("third", "rank", 3.0, "", None, ["leading_cause"])]),
        ("an effect size of g = −0.44", [("g = −0.44", "effect_size", -0.44, "", None, [])]),
        ("Ages 15 to 29 in 2021; page 12; call 988; 24/7; 365 days a year.", []),
        # Forms real pages use: events per period, an interval with someone, a ratio to a group, a rank
        # among places; not a dose or a rate's base.
        ("In South Africa, there are 23 suicides a day recorded.", [("23", "count", 23.0, "", None, ["suicide_deaths"])]),
        ("Every 40 seconds someone loses their life to suicide.", [("Every 40 seconds someone", "interval_seconds", 40.0, "", None, [])]),
        ("over 800 deaths, equating to one every forty seconds", [("one every forty seconds", "interval_seconds", 40.0, "", None, [])]),
        ("The suicide rate in First Nations peoples is twice that of others.", [("twice that of", "times", 2.0, "", None, ["suicide_rate"])]),
        ("Ireland's suicide rate was 10th lowest of 33 countries.", [("10th", "rank", 10.0, "", None, ["suicide_rate"])]),
        ("Take one every day; the rate per 100,000 people rose.", []),
        # A scale word after a number word or in capitals; a hyphenated fraction; a place between
        # an interval and its someone; a list of groups that took their lives.
        ("More than four million Americans have an anxiety disorder.", [("four million", "count", 4000000.0, "more than", None, [])]),
        ("One psychiatrist for 3.8 Million people.", [("3.8 Million", "count", 3800000.0, "", None, [])]),
        ("Nearly one-quarter of the population will have one.", [("one-quarter", "percent", 25.0, "nearly", None, [])]),
        ("Every eleven minutes in the United States someone ends their own life.",
         [("Every eleven minutes in the United States someone", "interval_seconds", 660.0, "", None, [])]),
        ("Last year, 303 men, women and children took their lives.", [("303", "count", 303.0, "", "children", [])]),
        ("An average of 20 veterans died by suicide each day.", [("20", "count", 20.0, "", "veterans", ["suicide_deaths"])]),
        ("He was one of fifteen children.", []),
        # A fraction with a slash before "of" or standing alone, not a schedule, a date or a rating.
        ("Nearly 2/3 of adults.", [("2/3", "percent", 66.67, "nearly", "adults", [])]),
        ("Open 24/7 since 9/11; 3/4/2020; rated 4/5 stars.", []),
    ],
)
def test_extraction(text, expected):
    assert figures(text) == expected


def test_two_claims_in_one_sentence_have_their_own_populations():
    assert [f[4] for f in figures("17.2% of adolescents, 13.4% of young adults and about 5.5 percent of adults had self-harmed.")] == ["adolescents", "young_adults", "adults"]


def run(run_cli, *paths):
    result = run_cli("check", "--select", "stats", "--format", "json", *paths)
    return {f["path"].split("stats/")[-1]: f for f in json.loads(result.stdout)["files"]}


EXPECTED = {
    "cited.md": [],
    "restated-differently.md": [("stats.inconsistent", 19, 7), ("stats.registry-mismatch", 19, 7)],
    "uncited.md": [("stats.uncited", 13, 24), ("stats.uncited", 23, 8)],
    "impossible.md": [("stats.impossible", 19, 62)],
    # "According to the World Health Organization" with no year or link: an info note on each.
    "outdated.md": [("stats.incomplete-citation", 13, 58), ("stats.registry-mismatch", 13, 58),
                    ("stats.incomplete-citation", 23, 8), ("stats.registry-mismatch", 23, 8)],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_single_articles(run_cli, name):
    files = run(run_cli, STATS / name)
    assert [(f["rule"], f["line"], f["column"]) for f in files[name]["findings"]] == EXPECTED[name]


def test_messages_name_the_first_statement_and_the_registry(run_cli):
    files = run(run_cli, STATS / "restated-differently.md", STATS / "outdated.md")
    inconsistent, mismatch = files["restated-differently.md"]["findings"]
    assert inconsistent["message"] == "'30%' restates the claim made on line 10 as '17.2%' with a different value."
    assert "17.2%" in mismatch["message"] and "doi:10.1111/sltb.12070" in mismatch["message"]
    outdated = next(f for f in files["outdated.md"]["findings"] if f["rule"] == "stats.registry-mismatch")
    assert "outdated figure" in outdated["message"] and outdated["suggestions"] == ["727,000"]


def test_corpus_inconsistency_is_found_when_articles_are_checked_together(run_cli):
    files = run(run_cli, STATS / "corpus")
    assert files["corpus/a.md"]["findings"] == [] and files["corpus/c.md"]["findings"] == []
    corpus = [f for f in files["corpus/b.md"]["findings"] if f["rule"] == "stats.corpus-inconsistent"]
    assert len(corpus) == 1 and corpus[0]["line"] == 3
    assert "but 17.2% in" in corpus[0]["message"] and "corpus/a.md:3" in corpus[0]["message"]
    alone = run(run_cli, STATS / "corpus" / "b.md")
    assert not any(f["rule"] == "stats.corpus-inconsistent" for f in alone["corpus/b.md"]["findings"])


def test_metrics_list_every_figure_with_its_claim_and_status(run_cli):
    metrics = run(run_cli, STATS / "cited.md")["cited.md"]["metrics"]["statistics"]
    assert [(s["text"], s["claim"], s["status"]) for s in metrics] == [
        ("17.2%", "nssi_prev_adolescents", "ok"),
        ("5.5%", "nssi_prev_adults", "ok"),
        ("727,000", "who_suicides_2021", "ok"),
        ("17%", "nssi_prev_adolescents", "ok"),
        ("727,000", "who_suicides_2021", "ok"),
    ]
    assert metrics[0]["source"] == "footnote [1]" and metrics[3]["source"] == "as on line 10"


def test_the_example_corpus_has_no_stats_findings(run_cli):
    result = run_cli("check", "--select", "stats", "--format", "json", "content")
    assert json.loads(result.stdout)["summary"]["findings"] == 0


def test_figures_written_in_words_are_found_in_a_whole_article(run_cli, tmp_path):
    """Every word a figure can be written with passes the quick per-block and per-sentence tests
    ("tenth", "twenty", "thousand" once did not)."""
    (tmp_path / "a.md").write_text(
        "# Suicide\n\nSuicide is the tenth leading cause of death for adults.\n\n"
        "Twenty in every hundred teenagers say they feel alone.\n\nHalf of all people recover.\n"
    )
    (result,) = run(run_cli, tmp_path / "a.md").values()
    assert [(f["rule"], f["line"], f["excerpt"]) for f in result["findings"]] == [
        ("stats.uncited", 3, "tenth"),
        ("stats.uncited", 5, "Twenty in every hundred"),
        ("stats.uncited", 7, "Half"),
    ]


def test_registry_mismatch_and_outdated_figures_are_worded_by_the_rule_and_its_variant(run_cli, tmp_path):
    """Every message comes from the pack: `message` for a mismatch, `messages.outdated` for a
    superseded figure; a user pack's copy of the rule words them its own way, with the built-in
    registry (no data files copied)."""
    (tmp_path / "mine.yaml").write_text(
        "pack: mine\nrules:\n"
        "  - id: mine.registry\n    kind: stats\n    check: registry-mismatch\n    severity: warning\n"
        "    message: \"{match} vs {value} ({claim})\"\n"
        "    messages:\n      outdated: \"{match} is old: {current} is {value}\"\n"
        "    examples:\n      fail: [\"According to the WHO, an estimated [[800,000]] people die by suicide each year.\"]\n"
    )
    (tmp_path / "a.md").write_text(
        "# Suicide\n\nAccording to the WHO, an estimated 800,000 people die by suicide each year.\n\n"
        "A 2014 review by Swannell and colleagues found that 22% of adolescents had self-harmed.\n"
    )
    result = run_cli("check", "--select", "mine", "--format", "json", "--rules", tmp_path, tmp_path / "a.md")
    (found,) = (f["findings"] for f in json.loads(result.stdout)["files"])
    assert [(f["rule"], f["line"], f["message"]) for f in found] == [
        ("mine.registry", 3, "800,000 is old: Suicide deaths worldwide in 2021 is 727,000"),
        ("mine.registry", 5, "22% vs 17.2% (Pooled prevalence of non-suicidal self-injury among adolescents in non-clinical samples)"),
    ]


def test_a_user_copy_of_a_rule_with_a_scope_loads_without_copying_data_files(run_cli, tmp_path):
    """A pack in another directory resolves data/claims.yaml and data/citations.yaml to the
    built-in ones; `scope` keeps only the figures in the blocks it names (headings: none, since
    figures in headings are not judged; list items: the one in the list)."""
    rules = tmp_path / "rules"
    rules.mkdir()
    for rule_id, scope in (("mine.headings", "headings"), ("mine.lists", "list_item")):
        (rules / f"{rule_id}.yaml").write_text(
            f"pack: {rule_id}\nrules:\n"
            f"  - id: {rule_id}\n    kind: stats\n    check: uncited\n    severity: warning\n    scope: {scope}\n"
            "    message: \"'{match}' has no source.\"\n"
            "    examples:\n      fail: [\"Studies show that [[17%]] of teenagers self-harm.\"]\n"
        )
    (tmp_path / "a.md").write_text("# About 40% of us\n\nStudies show that 17% of teenagers self-harm.\n\n- About one in five adults has a mental illness.\n")
    result = run_cli("check", "--select", "mine", "--format", "json", "--rules", rules, tmp_path / "a.md")
    (found,) = (f["findings"] for f in json.loads(result.stdout)["files"])
    assert [(f["rule"], f["line"], f["message"]) for f in found] == [("mine.lists", 5, "'one in five' has no source.")]
    assert sorted(p.name for p in rules.iterdir()) == ["mine.headings.yaml", "mine.lists.yaml"]


def broken_copy(tmp_path, name, old, new):
    text = builtin_data(name).read_text()
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1))
    return str(path), text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    "old, new, problem",
    [
        ("    value: 17.2\n", "    value: seventeen\n", "key 'claims[0].value': must be a number"),
        ("    unit: percent\n", "", "claims[0]: missing required key 'unit'"),
        ("    unit: percent\n", "    unit: percentage\n", "key 'claims[0].unit': must be one of percent, count, rate_per_100k, rank, effect_size"),
        ("    measure: self_harm\n", "    measure: selfharm\n", "key 'claims[0].measure': must be a key of 'measures'"),
        ("    population: adolescents\n", "    population: teens\n", "key 'claims[0].population': must be a key of 'populations'"),
        ("      names: [Swannell]\n", "      names: Swannell\n", "key 'claims[0].source.names': must be a list"),
        ("    as_of: 2014\n", "    as_off: 2014\n", "key 'claims[0].as_off': unknown key"),
        ("    superseded_by: who_suicides_2021\n", "    superseded_by: who_suicides_2012\n", "key 'claims[6].superseded_by': must be the id of a claim"),
    ],
)
def test_a_broken_registry_is_one_error_naming_file_line_and_key(tmp_path, old, new, problem):
    path, line = broken_copy(tmp_path, "claims.yaml", old, new)
    with pytest.raises(UsageError) as error:
        load_registry(path)
    message = str(error.value)
    where = line if new else message.split(":")[1]  # a missing key is reported at its mapping
    assert message.startswith(f"{path}:{where}: ") and problem in message
    if not new:
        assert int(where) < line


@pytest.mark.parametrize(
    "old, new, problem",
    [
        ("reporting_words: [", "reporting_word: [", "top level: missing required key 'reporting_words'"),
        ("  - WHO\n", "  - {name: WHO}\n", "key 'organisations[1]': must be a string"),
        ("source_domains: [doi.org", "source_domains: [[doi.org]", "key 'source_domains[0]': must be a string"),
    ],
)
def test_a_broken_citations_file_is_one_error_naming_file_line_and_key(tmp_path, old, new, problem):
    path, line = broken_copy(tmp_path, "citations.yaml", old, new)
    with pytest.raises(UsageError) as error:
        load_citations(path)
    assert str(error.value).startswith(f"{path}:") and problem in str(error.value)
    if "missing" not in problem:
        assert str(error.value).startswith(f"{path}:{line}: ")


def test_the_shipped_data_files_fit_their_schemas():
    assert len(load_registry(str(builtin_data("claims.yaml")))["claims"]) == 17
    assert "WHO" in load_citations(str(builtin_data("citations.yaml")))["organisations"]


FIGURE_PIECES = ["17.2", "%", " percent", " per cent", "1 in 5", "one in five", "two thirds of", "half of", " per 100,000", "727,000",
                 "4.5 million", "tenth leading cause", "d = 0.4", "between 10 and 20", " to ", " and ", "\u2212", "-", " ", ".", ",",
                 "PER CENT", "Twenty in every hundred", "out of", " of ", "Half", "=", "1st most common cause", "adults", "in",
                 "\u017fix in ten", "TWO THIRD\u017f of", "\u212aelvin", "f\u0131ve \u0131n ten", "M\u0130LL\u0130ON", "x\u0345",
                 "STRA\u00dfE"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FIGURE_PIECES), max_size=14).map("".join))
@example("17.2 per cent of teens")
@example("fell \u221217.2% in a year; -727,000 deaths; twice as likely; Six Australians die every day")
@example("between 10 and 20 per\ncent")
@example("Two-thirds of adults; a 4.5 million rise; 14 per 100,000; d=0.4; the 2nd leading cause")
@example("x\u0345one in five")  # U+0345 turns into a word character when folded
@example("Stra\u00dfe: one in five")  # ß into two letters
def test_the_quick_tests_before_each_pattern_never_lose_a_figure(text):
    """find_figures runs a pattern only when the sentence has a digit or number word and one of
    the pattern's required strings, and tries most patterns only where a number or sign stands;
    without those tests it must find exactly the same."""
    assert find_figures(text) == _found_by_every_pattern_everywhere(text)


def test_figures_written_with_the_letters_ignorecase_takes_for_i_and_s_are_read():
    (five, estimated) = find_figures("About f\u0131ve \u0131n ten adults, an est\u0131mated 20% of them; \u017fix MİLLİON more")[:2]
    assert (five.raw, five.value, estimated.raw, estimated.qualifier) == ("f\u0131ve \u0131n ten", 50.0, "20%", "about")
    assert find_figures("\u017fix MİLLİON adults")[0].value == 6e6


def _found_by_every_pattern_everywhere(text: str):
    import checker.statistics as statistics

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(statistics, "_UNITS_NEEDING", {"": frozenset(unit for unit, _ in statistics.PATTERNS)})
        patch.setattr(statistics, "_DIGITS_ONLY", frozenset())
        patch.setattr(statistics, "_WORDS_ONLY", frozenset())
        patch.setattr(statistics, "_FIGURE_WORD", re.compile(""))
        patch.setattr(statistics, "_STARTS_OF", {})
        return find_figures(text)


def test_patterns_tried_where_a_number_stands_find_what_they_find_scanning_the_real_pages():
    from conftest import ROOT

    import checker.statistics as statistics
    from checker.parsing import parse_document

    sentences = []
    for page in sorted((ROOT / "tests" / "data" / "real_pages").glob("*.md")):
        doc = parse_document(str(page), page.read_text(encoding="utf-8"))
        sentences += [sentence.text for block in doc.blocks for sentence in block.sentences]
    found = [find_figures(text) for text in sentences]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(statistics, "_STARTS_OF", {})
        assert found == [find_figures(text) for text in sentences]
    assert sum(map(len, found)) > 900  # real pages are full of figures: the comparison is not vacuous


def _uncited_lines(text: str, rule_id: str = "stats.uncited") -> list[int]:
    from checker.kinds import CheckContext, build_check
    from checker.kinds.base import document_settings
    from checker.parsing import parse_document
    from checker.rulefile import load_rules

    (rule,) = [r for r in load_rules().rules if r.id == rule_id]
    doc = parse_document("a.md", text)
    return sorted({doc.position(f.start)[0] for f in build_check(rule).run(doc, CheckContext(document_settings(None, None, {})))})


@pytest.mark.parametrize(
    "text, uncited",
    [
        # A note number glued to the full stop (a superscript that lost its formatting) cites ...
        ("# Facts\n\nIn Ontario, 13.4% of students had serious thoughts of suicide in the past year.1\n", []),
        ("# Facts\n\nSuicide kills about three young people per week across the country.5;6\n", []),
        # ... a decimal at the end of a sentence does not.
        ("# Facts\n\nAbout 20% of adults are affected, up from 14.2\n", [3]),
        # An asterisk glued to a word or a figure is a note marker; a spaced one is not.
        ("# Facts\n\nThere were over 19,000* hospital admissions for self-harm.\n", []),
        ("# Facts\n\nThere were over 19,000 hospital admissions for self-harm * in all.\n", [3]),
        # A source named with its acronym before the reporting verb.
        ("# Facts\n\nThe South African Depression And Anxiety Group (SADAG) reported in 2021 that 23 people die by suicide each day.\n", []),
        # A source line after a run of one-figure paragraphs cites the run, back to prose without a figure.
        ("# Facts\n\nSome context here.\n\n75% of people who die by suicide are male.\n\n46% had a diagnosed condition.\n\n"
         "10% of young adults had such thoughts. (Facts via NAMI)\n", []),
        ("# Facts\n\n75% of people who die by suicide are male.\n\nSome context without a figure.\n\n"
         "10% of young adults had such thoughts. (Facts via NAMI)\n", [3]),
        # ... and through the lead-in of a list inside the run.
        ("# Facts\n\n75% of people who die by suicide are male.\n\nIn 2017, suicide was:\n\n"
         "- the second leading cause of death for people aged 10-34.\n\n10% of young adults had such thoughts. (Facts via NAMI)\n", []),
        # An item ending with a colon opens a sublist that keeps the list's lead-in.
        ("# Facts\n\nFindings from the CDC's report, released in 2023:\n\n- Suicides grew 0.7 percent.\n"
         "- Two groups saw a decline:\n- There was an 8.4 percent drop in people ages 10 to 24.\n", []),
        # A source released by a name with a capitalised word before it ("Statistics released by").
        ("# Calls\n\nStatistics released by 1Life in 2012 reveal that 22% of calls are made at night.\n", []),
        # A name in brackets closing the sentence.
        ("# Facts\n\nThere are 129 suicides every day, and for every suicide, 25 more people attempt suicide (Mental Health First Aid, 2020).\n", []),
        ("# Facts\n\nAbout 4% of adults live with PTSD (Post Traumatic Stress Disorder).\n", [3]),
        # A news story on one report: the paragraphs after the one that cites it go on with it, through
        # a paragraph that refers back to it ...
        ("# News\n\nNearly 50,000 people died by suicide in 2022, according to the National Center for Health Statistics. "
         "The final count could be higher.\n\n\u201cThe final number is likely to be higher,\u201d according to the report.\n\n"
         "The provisional number was 49,449, 3% higher than in 2021.\n\nRates rose for most groups. Only the 3% increase for women was significant.\n", []),
        # ... but not through a paragraph that points at research of its own, or after a heading.
        ("# News\n\nNearly 50,000 people died by suicide in 2022, according to the National Center for Health Statistics.\n\n"
         "Research shows that 90% had symptoms.\n\nAbout 3% of people have such thoughts.\n", [5, 7]),
        ("# News\n\nNearly 50,000 people died by suicide in 2022, according to the National Center for Health Statistics.\n\n"
         "## Other facts\n\nAbout 3% of people have such thoughts.\n", [7]),
        # A source line closing a list covers the list, items without a figure too, and the figure paragraphs before it.
        ("# Facts\n\n\u2022 Over 4,000 Canadians die by suicide each year.\n\n- More than 75% of suicides involve men.\n"
         "- Older people are more often involved.\n\nSource: https://www.camh.ca/statistics\n", []),
        # A service's own figures: its records are their source.
        ("# Calls\n\nIn 2020, the Helpline received 833,598 calls, and 82% of callers were under 30.\n\n"
         "Many of our members (72%) have been depressed.\n", []),
        ("# Calls\n\nIn 2020, 833,598 people in the US died of heart disease.\n", [3]),
        # A source the sentence refers back to: an organisation or a pronoun with a reporting verb.
        ("# News\n\nPieta House is urging people to learn the signs.\n\n"
         "Since 2021, the mental health charity said it had seen a 14 per cent increase in men contacting it.\n\n"
         "They added that 69% were female.\n", []),
        # A source line that says where the data were found, after a run of unpunctuated lines.
        ("# Key Facts\n\n1 in 20 U.S. adults (5%) have serious thoughts of suicide each year.\nFemale: 5.5%\nMale: 4.5%\n"
         "Data found on NAMI.org.\n", []),
        # A web address written out names a source: a lead-in with it and a year covers the paragraphs after it.
        ("# Veterans\n\nVeteran suicide statistics, 2014 (va.gov) include:\n\nIn 2014, an average of 20 veterans died from suicide each day.\n\n"
         "Approximately 66 percent of all veteran deaths from suicide were the result of firearm injuries.\n", []),
        # A sentence pointing at research of its own is not covered by a source named before it in
        # the paragraph, and neither is what follows it.
        ("# Abuse\n\nThe Home Office estimates that 10 women in the UK kill themselves every week. Research shows that abuse harms "
         "mental health. Victims of abuse are five times more likely to attempt suicide.\n", [3]),
        ("# Abuse\n\nThe Home Office estimates that 10 women in the UK kill themselves every week. Victims of abuse are five times "
         "more likely to attempt suicide.\n", []),
        # A service's own work, told in the first person.
        ("# Our year\n\nIn the past year alone, we responded to over 103,000 calls and provided nearly 51,000 hours of counselling.\n", []),
        # "Our 2023 Annual Report" is not a source named for the next paragraph's figures.
        ("# News\n\nWe marked the day by releasing our 2023 Annual Report.\n\nOne in five people have suicidal thoughts.\n", [5]),
        # A callout ("• 81%") is the figure the paragraph after it states, cited as that is ...
        ("# Facts\n\n• 81%\n\nAccording to a 2015 CAMH survey, 81 per cent of people are more aware.\n", []),
        ("# Facts\n\n• 2/3\n\nTwo-thirds of people with a mental illness, the 2019 CAMH survey found, do not seek help.\n", []),
        ("# Facts\n\n• 500,000\n\nIt is estimated that 500,000 Canadians are absent from work each week.\n", [3, 5]),
        # ... and a new fact: the source the paragraph before it named does not carry over.
        ("# Facts\n\nFour in 10 Canadians would not tell their boss, according to a CAMH poll in 2019.\n\n• 4,000\n\n"
         "Nearly 4,000 Canadians die by suicide each year.\n", [5, 7]),
        # A page whose title says it reports one study's findings cites it for the page's figures ...
        ("Get involved\n\nAware's national survey reveals high rates of depression\n\n- 3 in 5 report depression\n- 1 in 10 under 25 feel low\n", []),
        ("Get involved\n\nAware's campaign for better care\n\n- 3 in 5 report depression\n- 1 in 10 under 25 feel low\n", [5, 6]),
        # ... and a line of a dash and a name after a paragraph is its source line.
        ("# Facts\n\nAnxiety affects 18.1 percent of adults in the US.\n\n— National Institute of Mental Health (NIMH).\n", []),
        ("# Facts\n\nAnxiety affects 18.1 percent of adults in the US.\n\n— and then it got worse.\n", [3]),
        # Money in a range and the base of a rate are not statistics.
        ("# Costs\n\nBeing billed $700-$1,000 for the emergency service.\n\nThe rate per 100,000 people rose.\n", []),
        # (sixth batch, session 10) A footnote marker with no reference list in view (a page cut
        # short) cites its sentence and those before it in the paragraph, not those after it ...
        ("# Facts\n\nThe rate reached 14.1 per 100,000 in 2021. It rose 36.7% from 2000.[1]\n", []),
        ("# Facts\n\nMore than 3,000 people end their lives each year.[1] For young people the rate is twice as high.\n", [3]),
        # ... and a marker glued to a full stop counts before the next sentence too.
        ("# Facts\n\nAround 2,500 people die by suicide every year. That is eight people every day.1 For every suicide, many are affected.\n", []),
        # A line of "Based on" and a name after a list is its source line; a service's own figures
        # about its texters and conversations are its own records.
        ("# On our campus\n\n- 6.5% injured themselves\n- 5.8% considered suicide\n\n**Based on the Counseling Student Survey (2010)\n", []),
        ("# On our campus\n\n- 6.5% injured themselves\n- 5.8% considered suicide\n\nBased on what we hear, it is worse.\n", [3, 4]),
        ("# Our service\n\nIt has provided support to 3,801 people through 6,694 conversations.\n\n- 30% of texters identified as LGBTI+\n", []),
        # News tells the finding first and names its source in the paragraph after, when that speaks
        # of the figures; a list's items are separate facts.
        ("# News\n\nIn 2016, 5,668 people took their own lives in the UK.\n\nNew data from the ONS about suicide deaths revealed the fall.\n", []),
        ("# News\n\nIn 2016, 5,668 people took their own lives in the UK.\n\nThe ONS will publish its next report in May.\n", [3]),
        # A named speaker's words run over the paragraphs that open with a quotation mark.
        ('# News\n\nMinister Clare Haughey said: "Any suicide is a tragedy.\n\n"An increase is concerning.\n\n'
         '"We remain committed to the 19% decrease in suicide rates.\n', []),
        ('# News\n\nMinister Clare Haughey said: "Any suicide is a tragedy."\n\nAn increase is concerning.\n\n'
         'The 19% decrease in suicide rates was welcome.\n', [7]),
    ],
)
def test_citation_forms_of_real_pages(text, uncited):
    assert _uncited_lines(text) == uncited


@pytest.mark.parametrize(
    "text, inconsistent",
    [
        # Two claims about the same deaths are told apart by their other words, not by the measure's.
        ("# Facts\n\n75% of all people who die by suicide are male.\n\n46% of people who die by suicide had a diagnosed mental health condition.\n", []),
        # "Half" is anything nearer a half than two fifths or three fifths; a sentence restates a claim once.
        ("# Facts\n\n46% of people who die by suicide had a diagnosed mental health condition.\n\n"
         "While half of individuals who die by suicide have a diagnosed mental health condition, research shows that 90% experienced symptoms.\n", []),
        ("# Facts\n\n46% of people who die by suicide had a diagnosed mental health condition.\n\n"
         "Two thirds of people who die by suicide had a diagnosed mental health condition.\n", [5]),
        # A different group is a different claim; the same group restated differently is not.
        ("# Facts\n\nThe overall suicide rate was 9.2 per 100,000.\n\nThe female suicide rate was 3.6 per 100,000.\n", []),
        ("# Facts\n\nAbout 17% of adolescents have self-harmed.\n\nAbout 30% of adolescents have self-harmed at some point.\n", [5]),
        # A change measured against another year is another claim (session 10).
        ("# Suicides down\n\nThe numbers of deaths by suicide in the 15-24 category were 57 in 2013, showing a drop of almost 23% "
         "against the 2012 figure of 74.\nThis continues a two-year trend which now shows a drop of 40% against the 2011 figure of 95 deaths.\n", []),
        ("# Suicides down\n\nThe numbers of deaths by suicide in the 15-24 category were 57 in 2013, showing a drop of almost 23% "
         "against the 2012 figure of 74.\nThis continues a two-year trend which now shows a drop of 40% against the 2012 figure of 95 deaths.\n", [4]),
    ],
)
def test_restatements_of_real_pages(text, inconsistent):
    assert _uncited_lines(text, "stats.inconsistent") == inconsistent
