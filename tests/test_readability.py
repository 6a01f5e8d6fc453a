"""readability.*: measures on body prose (golden values, exact agreement with textstat), targets,
and where the hard parts are."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.parsing import parse_document
from checker.readability import article_measures, article_prose, fk_grade, measures

READABILITY = FIXTURES / "readability"


# Hand-computed (syllables from the CMU dictionary, counted by hand; FK = 0.39 W/S + 11.8 Syl/W - 15.59):
#   "Depression is common and treatable."  5 words, 1 sentence, 3+1+2+1+3 = 10 syllables
#       FK = 1.95 + 23.6 - 15.59 = 9.96;  FRE = 206.835 - 5.075 - 169.2 = 32.56
#   "The cat sat on the mat. The dog ran."  9 words, 2 sentences, 9 syllables
#       FK = 1.755 + 11.8 - 15.59 = -2.035; FRE = 206.835 - 4.5675 - 84.6 = 117.6675
@pytest.mark.parametrize(
    "text, fk, fre, words, sentences",
    [
        ("Depression is common and treatable.", 10.0, 32.6, 5, 1),
        ("The cat sat on the mat. The dog ran.", -2.0, 117.7, 9, 2),
    ],
)
def test_golden_values(text, fk, fre, words, sentences):
    result = measures(text)
    assert (result["fk_grade"], result["flesch_reading_ease"], result["words"], result["sentences"]) == (fk, fre, words, sentences)


@pytest.fixture(scope="module")
def textstat_oracle():
    """textstat itself, given carecheck's syllable counts per word (CMU dictionary, then the
    estimate), so that any difference left is in words, sentences, letters or the formulas."""
    import textstat
    from textstat.backend.counts import _count_syllables

    from checker.syllables import dictionary, estimate_syllables

    class Estimate:  # textstat counts a word its dictionary lacks as len(positions) + 1
        def positions(self, word):
            return list(range(estimate_syllables(word, dictionary()) - 1))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_count_syllables, "get_cmudict", lambda lang: dictionary())
        patch.setattr(_count_syllables, "get_pyphen", lambda lang: Estimate())

        def measure(text):
            words = textstat.lexicon_count(text)
            return {
                "fk_grade": round(textstat.flesch_kincaid_grade(text), 1),
                "flesch_reading_ease": round(textstat.flesch_reading_ease(text), 1),
                "smog_index": round(textstat.smog_index(text), 1),
                "coleman_liau_index": round(textstat.coleman_liau_index(text), 1),
                "automated_readability_index": round(textstat.automated_readability_index(text), 1),
                "words": words,
                "sentences": textstat.sentence_count(text),
                "syllables_per_word": round(textstat.syllable_count(text) / words, 2),
            }

        yield measure


ARTICLES = sorted(p for folder in ("content", "tests/fixtures") for p in (ROOT / folder).rglob("*") if p.suffix in (".md", ".html", ".txt"))


def test_every_formula_agrees_with_textstat_on_every_article_and_paragraph(textstat_oracle, tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
    from generate import generate

    generate(tmp_path, 25)  # the benchmark's articles too
    checked = 0
    for path in ARTICLES + sorted(tmp_path.glob("*.md")):
        doc = parse_document(str(path), path.read_text(encoding="utf-8", errors="replace"))
        prose = article_prose(doc)
        if not any(c.isalpha() for c in prose.text):
            continue
        expected = textstat_oracle(prose.text)
        assert article_measures(doc) == expected, path  # the sums of the blocks' counts
        assert measures(prose.text) == expected, path  # the same text counted whole
        for _block, text, _counts in prose.blocks:
            if any(c.isalpha() for c in text):
                assert fk_grade(text) == textstat_oracle(text)["fk_grade"], (path, text)
        checked += 1
    assert checked >= 55


PIECES = list("aeiou strmnd'’-.,!?;:()\"“”\n0123é") + ["don't", "it's", "self-harm", "Dr.", "e.g.", "U.S.", " ", "psychological", "helpline"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map("".join))
def test_measures_agree_with_textstat_on_generated_text(textstat_oracle, text):
    if any(c.isalpha() for c in text):
        assert measures(text) == textstat_oracle(text)


def test_body_prose_leaves_out_headings_tables_code_front_matter_urls_and_references():
    source = (
        "---\ntitle: Extraordinarily complicated terminology\n---\n"
        "# Extraordinarily complicated terminology\n\n"
        "Read [the guide](https://example.org/extraordinarily-complicated-terminology) today.\n\n"
        "- Sleep well\n- Eat well.\n\n"
        "| Extraordinarily | complicated |\n|---|---|\n| terminology | everywhere |\n\n"
        "```\nextraordinarily complicated terminology\n```\n\n"
        "> A short quote.\n\n"
        "## References\n\n1. Swannell SV. Prevalence of nonsuicidal self-injury. 2014.\n"
    )
    doc = parse_document("a.md", source)
    assert article_prose(doc).text == "Read the guide today.\nSleep well.\nEat well.\nA short quote."


def run_check(run_cli, *paths, select="readability"):
    result = run_cli("check", "--select", select, "--format", "json", *paths)
    return {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(result.stdout)["files"]}


def test_dense_article_is_flagged_with_its_hardest_paragraphs(run_cli):
    files = run_check(run_cli, READABILITY)
    dense, plain = files["dense.md"], files["plain.md"]
    rules = [f["rule"] for f in dense["findings"]]
    assert rules.count("readability.grade") == 1
    grade = next(f for f in dense["findings"] if f["rule"] == "readability.grade")
    assert "(Flesch-Kincaid) is above the target for general readers, grade 8" in grade["message"]
    assert "Hardest paragraphs: line 10 (grade" in grade["message"]
    hard = [f for f in dense["findings"] if f["rule"] == "readability.hard-paragraph"]
    assert [f["line"] for f in hard] == [10, 14]  # hardest first
    jargon = {f["excerpt"].lower() for f in dense["findings"] if f["rule"] == "readability.jargon"}
    assert {"efficacy", "maladaptive", "comorbid", "remission"} <= jargon
    # Two sections rewritten in plain words lower the grade, and the warning goes.
    assert plain["metrics"]["fk_grade"] < dense["metrics"]["fk_grade"] - 5
    assert not any(f["rule"] == "readability.grade" for f in plain["findings"])


def test_grade_agrees_with_textstat_on_its_own_dictionary(run_cli):
    """Independent check: textstat with the cmudict package's full dictionary and pyphen, in a clean process.

    They differ only on words missing from the dictionary, where pyphen undercounts
    ("multidisciplinary": pyphen 4, carecheck 7, truly 7), hence a tolerance of one grade."""
    files = run_check(run_cli, READABILITY / "dense.md")
    ours = files["dense.md"]["metrics"]["fk_grade"]
    doc = parse_document("dense.md", (READABILITY / "dense.md").read_text())
    code = "import sys, textstat; print(textstat.flesch_kincaid_grade(sys.stdin.read()))"
    theirs = float(subprocess.run([sys.executable, "-c", code], input=article_prose(doc).text, capture_output=True, text=True, check=True).stdout)
    assert abs(ours - theirs) <= 1.0


def test_target_by_audience_front_matter_and_config(run_cli, tmp_path):
    text = "Talk therapy can help people who feel low. It works well for many people, and it is free in many places near you today.\n" * 2
    (tmp_path / "teen.md").write_text("---\naudience: teen\n---\n" + text)
    (tmp_path / "general.md").write_text(text)
    files = run_check(run_cli, tmp_path)
    assert files["teen.md"]["metrics"]["target_grade"] == 6.0 and files["general.md"]["metrics"]["target_grade"] == 8.0
    (tmp_path / "carecheck.yaml").write_text("readability: {target_grade: 2}\n")
    result = run_cli("check", "--select", "readability.grade", "--format", "json", ".", cwd=tmp_path)
    flagged = {f["path"] for f in json.loads(result.stdout)["files"] if f["findings"]}
    assert flagged == {"teen.md", "general.md"}


def test_domain_terms_discount_is_off_by_default_and_reported_when_on(run_cli, tmp_path):
    (tmp_path / "a.md").write_text("Dialectical behavioral therapy helps with suicidal thoughts and depression. It teaches psychological skills for hard times.\n")
    default = run_check(run_cli, tmp_path / "a.md")["a.md"]["metrics"]
    assert "fk_grade_domain_adjusted" not in default
    (tmp_path / "carecheck.yaml").write_text("readability: {discount_domain_terms: true}\n")
    result = run_cli("check", "--select", "readability", "--format", "json", "a.md", cwd=tmp_path)
    metrics = json.loads(result.stdout)["files"][0]["metrics"]
    assert metrics["fk_grade_domain_adjusted"] < metrics["fk_grade"]
    assert metrics["domain_terms_discounted"] == {"behavioral": 1, "depression": 1, "dialectical": 1, "psychological": 1, "suicidal": 1, "therapy": 1}


def findings(run_cli, tmp_path, text, rule):
    (tmp_path / "a.md").write_text(text)
    return [(f["line"], f["excerpt"]) for f in run_check(run_cli, tmp_path / "a.md", select=rule)["a.md"]["findings"]]


def test_jargon_is_judged_at_first_use_and_definitions_count(run_cli, tmp_path):
    text = "Anhedonia (losing interest in things) is common. Anhedonia can lift.\n\nMany feel dysphoria. Dysphoria passes.\n"
    assert findings(run_cli, tmp_path, text, "readability.jargon") == [(3, "dysphoria")]


def test_acronyms_before_their_definition_and_never_defined(run_cli, tmp_path):
    text = (
        "NSSI often starts early. Non-suicidal self-injury (NSSI) is common.\n\n"
        "Avoidant/restrictive food intake disorder (ARFID) and other specified feeding or eating disorder (OSFED) are real.\n\n"
        "Text CONNECT to 686868. Ask about CBT. The NHS can help. Reviewed by Ann Lee, LCSW.\n"
    )
    assert findings(run_cli, tmp_path, text, "readability.undefined-acronym") == [(1, "NSSI"), (5, "CBT")]


def test_long_sentences(run_cli, tmp_path):
    long = "If you " + "do " * 30 + "it, ask."
    assert findings(run_cli, tmp_path, f"Short one. {long}\n", "readability.long-sentence") == [(1, long)]


def test_fk_grade_is_none_without_prose():
    assert fk_grade("") is None and fk_grade("1 2 3") is None


def test_syllables_are_looked_up_not_loaded():
    from checker.syllables import PronouncingDictionary, dictionary

    fresh = PronouncingDictionary(dictionary().path)
    words = "depression is common and treatable and helplines help".split()
    assert [fresh.syllables(w) for w in words] == [3, 1, 2, 1, 3, 1, None, 1]
    assert len(fresh._cache) == len(set(words))  # only the words used, not 135,000 entries
    assert fresh.syllables("dialectical") == 5


# ---- the kind's contract: data schema, user packs, scope, shared measures, settings


def readability_check(rule_text: str, tmp_path, name="house.yaml"):
    """The check of the first rule of a user pack written to tmp_path (with no data files there)."""
    from checker.kinds import build_check
    from checker.rulefile import load_rules

    pack = tmp_path / name
    pack.write_text("pack: house\nrules:\n" + rule_text, encoding="utf-8")
    return build_check(load_rules(files=[pack], include_builtin=False).rules[0])


def context(**readability):
    from checker.kinds import CheckContext

    return CheckContext(settings={"locale": "en-US", "today": None, "readability": readability, "grammar": {}})


LONG_SENTENCE_COPY = """\
  - id: house.long-sentence
    kind: readability
    check: long-sentence
    severity: info
    max_words: 30
    scope: {scope}
    message: A sentence over the word limit.
    messages:
      long-sentence: "Long sentence: {{words}} words (the limit is {{max_words}}). Split it in two."
    examples:
      fail: ["[[If you are worried about someone who has been feeling low for a long time and who has stopped doing the things they used to enjoy, you can talk to them gently and ask how they are.]]"]
      pass: ["Talk to them."]
"""
LONG = "If you " + "do " * 30 + "it, ask."


@pytest.mark.parametrize("scope, lines", [("all", [3, 5]), ("headings", []), ("list_item", [5])])
def test_a_user_copy_of_a_rule_with_a_scope_uses_the_shipped_data(tmp_path, scope, lines):
    check = readability_check(LONG_SENTENCE_COPY.format(scope=scope), tmp_path)
    assert not (tmp_path / "data").exists()  # data/readability.yaml comes from the shipped packs
    doc = parse_document("a.md", f"# {LONG}\n\n{LONG}\n\n- {LONG}\n")
    found = check.run(doc, context())
    assert [doc.position(f.start)[0] for f in found] == lines
    assert all(f.message == "Long sentence: 34 words (the limit is 30). Split it in two." for f in found)


def test_a_rules_messages_are_its_own(tmp_path):
    rule = """\
  - id: house.jargon
    kind: readability
    check: jargon
    severity: info
    message: Clinical word.
    messages:
      jargon: "Say '{suggestion}' rather than '{match}'."
    examples:
      fail: ["[[anhedonia]]"]
      pass: ["joy"]
"""
    check = readability_check(rule, tmp_path)
    doc = parse_document("a.md", "Many feel anhedonia.\n")
    assert [f.message for f in check.run(doc, context())] == ["Say 'loss of interest or pleasure' rather than 'anhedonia'."]


DATA = (ROOT / "rules" / "data" / "readability.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "old, new, error",
    [
        ("  ideation: [thoughts]\n", "  ideation: thoughts\n", ":29: key 'jargon.ideation': must be a list"),
        ("  teen: 6\n", "  teen: six\n", ":15: key 'targets.teen': must be a number"),
        ("default_audience: general\n", "", ":8: top level: missing required key 'default_audience'"),
        ("default_audience: general\n", "default_audience: grown-ups\n", ":22: key 'default_audience': must be one of the targets"),
        ("acronym_small_words:", "acronym_small_word:", ":103: key 'acronym_small_word': unknown key (allowed: acronym_small_words, "),
    ],
)
def test_a_broken_data_file_is_one_line_naming_file_line_and_key(tmp_path, old, new, error):
    from checker.errors import UsageError
    from checker.readability import load_readability_data

    broken = tmp_path / "data" / "readability.yaml"
    broken.parent.mkdir()
    assert old in DATA
    broken.write_text(DATA.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load_readability_data(str(broken))
    assert caught.value.message.startswith(str(broken) + ":") and error in caught.value.message
    assert "\n" not in caught.value.message
    # A rule of a pack beside it reads it through the same loader, when the pack loads.
    with pytest.raises(UsageError, match="readability.yaml:"):
        readability_check(LONG_SENTENCE_COPY.format(scope="all"), tmp_path)


def test_the_shipped_data_file_fits_its_schema():
    from checker.readability import load_readability_data
    from checker.rule import builtin_data

    assert load_readability_data(str(builtin_data("readability.yaml")))["default_audience"] == "general"


def test_the_engines_fk_grade_and_the_kinds_measures_are_counted_once(monkeypatch):
    import checker.readability as analysis
    from checker.kinds import build_check
    from checker.rulefile import load_pack

    rules = load_pack((ROOT / "rules" / "readability.yaml").read_text(), str(ROOT / "rules" / "readability.yaml"))
    doc = parse_document("dense.md", (READABILITY / "dense.md").read_text())
    fk = analysis.article_fk_grade(doc)  # what the engine puts in every file's metrics
    monkeypatch.setattr(analysis, "count", lambda *a, **k: pytest.fail("counted twice"))
    monkeypatch.setattr(analysis, "formulas", lambda *a, **k: pytest.fail("measured twice"))
    checks = [build_check(rule) for rule in rules]
    metrics = checks[-1].metrics(doc, context())  # whichever rule asks
    assert metrics["fk_grade"] == fk and metrics["target_grade"] == 8.0
    assert checks[0].metrics(doc, context()) == metrics
    assert any(f.rule == "readability.grade" for f in checks[0].run(doc, context()))


def test_no_prose_with_the_domain_discount_on_has_only_a_target():
    from checker.kinds import build_check
    from checker.rulefile import load_pack

    rules = load_pack((ROOT / "rules" / "readability.yaml").read_text(), str(ROOT / "rules" / "readability.yaml"))
    doc = parse_document("a.md", "# Title only\n\n```\ncode\n```\n")
    on = context(discount_domain_terms=True)
    assert build_check(rules[0]).metrics(doc, on) == {"target_grade": 8.0}
    assert not any(build_check(rule).run(doc, on) for rule in rules)


def test_settings_are_declared_with_the_configs_wording():
    from checker.kinds import kind_class

    settings = kind_class("readability").SETTINGS
    assert set(settings) == {"audience", "target_grade", "discount_domain_terms"}
    for value in (0, 30, 50, -1, "8", True):
        assert settings["target_grade"].problem(value) == "must be a grade between 0 and 30", value
    for value in (0.5, 8, 29.9):
        assert settings["target_grade"].problem(value) is None, value
    assert settings["audience"].problem(3) == "must be an audience name such as general or teen"
    assert settings["discount_domain_terms"].problem("yes") == "must be true or false"


def test_looking_words_up_gives_the_counts_of_the_whole_dictionary():
    # The binary search (with the lines its first steps land on remembered) against every word
    # counted at once, on a spread of the dictionary's words and searched twice.
    from checker.syllables import PronouncingDictionary, dictionary

    whole = PronouncingDictionary(dictionary().path)
    whole.load_counts()
    searched = PronouncingDictionary(dictionary().path)
    words = sorted(whole._counts)[::53] + ["sepulveda", "stilted", "a", "zzzzq"]
    for _ in range(2):
        assert [searched.syllables(w) for w in words] == [whole._counts.get(w) for w in words]
        searched._cache.clear()
    assert searched._entries  # the first steps' lines were remembered
    # The file has two words out of order, which a binary search does not find (counted by vowels).
    assert searched.syllables("sepultura") is None and searched.syllables("stilton") is None
