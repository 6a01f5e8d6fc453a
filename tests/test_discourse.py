"""The page frames a term (checker.discourse): headings, table columns, list lead-ins, prefixes,
speakers, lists of words; and the judge's first-person and historical readings. Each case is
shown both ways: framed it passes, and the same words without the frame are flagged."""

from __future__ import annotations

import pytest

from checker.kinds import CheckContext, build_check
from checker.parsing import parse_document
from checker.rulefile import load_rules

WORDING = [r for r in load_rules().rules if r.family == "wording"]


def fired(source: str, fmt: str = "markdown") -> list[tuple[str, str]]:
    doc = parse_document("a.md" if fmt == "markdown" else "a.html", source, fmt)
    found = [f for rule in WORDING for f in build_check(rule).run(doc, CheckContext({}))]
    return sorted((f.rule, f.context) for f in found)


@pytest.mark.parametrize(
    "framed, plain",
    [
        # A style guide's heading: the list under it mentions words.
        ("## Words to avoid\n\n- committed suicide\n- a schizophrenic\n", "## Our story\n\n- He committed suicide\n- a schizophrenic, he said nothing\n"),
        # A table column headed "Instead of" (Markdown and the same in HTML below).
        ("| Instead of | Say |\n|---|---|\n| committed suicide | died by suicide |\n", "| Date | Event |\n|---|---|\n| 2019 | He committed suicide |\n"),
        # A table flattened into lines, as a page's text often is: a header line, then short rows.
        ("Help reduce stigma.\n\nInstead of…\n\nDrug addict\n\nPerson with a substance use disorder\n\nDrug user/ abuser\n",
         "Help reduce stigma.\n\nOur story\n\nDrug addict\n\nPerson with a substance use disorder\n\nDrug user/ abuser\n"),
        ("# Suicide myths\n\nMyth\n\nPeople who talk about suicide do not commit suicide.\n\nFact\n",
         "# Suicide facts\n\nNews\n\nPeople who talk about suicide do not commit suicide.\n\nFact\n"),
        # A heading that the paragraph under it answers "Not true." states a myth.
        ("# Addicts are weak\n\nNot true. Addiction is a health condition.\n",
         "# Addicts are weak\n\nThey lie, and addiction is a choice.\n"),
        # A page about a film uses its title as a name throughout.
        ("# Psycho movie review: a violent film\n\nThis year, the violent Psycho is one of the most talked-about films.\n",
         "# A violent film\n\nThis year, the violent Psycho is one of the most talked-about films.\n"),
        # A list introduced by a lead-in that ends in a colon.
        ("Avoid terms such as:\n\n- junkie\n- addict\n", "Our clients include:\n\n- a junkie who stole\n- an addict who lied\n"),
        # A prefix frames its sentence until "Fact:".
        ("Myth: Self-harm is attention-seeking. Fact: most people hide it.", "Self-harm is attention-seeking. Most people hide it."),
        # A myths section frames the claims under it.
        ("## Common myths\n\n- Self-harm is attention-seeking.\n", "## What we know\n\n- Self-harm is attention-seeking.\n"),
        # A transcript's speaker.
        ("ZARENA ASLAMI: It is so crazy, the things people say.\n\nHOST: Tell us more.\n", "It is so crazy, the things people say.\n\nTell us more.\n"),
        # A list of words.
        ("Crazy, manic, lunatic, psycho and schizo are offensive words.", "The lunatic next door shouted at us."),
        # A quotation that runs over two sentences.
        ("“I was lost. I was suffering from depression,” she said.", "She was lost. She was suffering from depression."),
        # Someone else's name for a person, reported; a label denied.
        ("Her classmates called him a psycho for years.", "He is a psycho who scares everyone."),
        ("Having a diagnosis does not make you crazy.", "Having a diagnosis makes you crazy."),
        # First person.
        ("I am a recovering alcoholic and I help others.", "He is a recovering alcoholic and he helps others."),
        # A historical account of an old institution, and its name.
        ("The county lunatic asylum opened in 1851.", "He was sent to a lunatic asylum last year."),
        ("Records from Kew Lunatic Asylum survive in the archive.", "Records say the patient was a lunatic, the archive says."),
        # A page that dates itself in its title or opening is a historical account throughout (session 10).
        ("# Victorian asylum portraits\n\nThe photographs show daily life.\n\nPatients in the lunatic asylum worked in its gardens.\n",
         "# Photographs of daily life\n\nThe photographs show daily life.\n\nPatients in the lunatic asylum worked in its gardens.\n"),
        ("In the past, the insane were locked away for years.", "Today, the insane are locked away for years."),
    ],
)
def test_the_frame_decides_and_the_same_words_without_it_are_flagged(framed, plain):
    assert fired(framed) == []
    assert fired(plain) != []


def test_an_html_table_column_header_frames_its_cells():
    framed = "<table><tr><th>Avoid</th><th>Use</th></tr><tr><td>committed suicide</td><td>died by suicide</td></tr></table>"
    plain = "<table><tr><th>Year</th><th>Event</th></tr><tr><td>2019</td><td>He committed suicide</td></tr></table>"
    assert fired(framed, "html") == []
    assert fired(plain, "html") == [("wording.committed-suicide", "used")]


def test_a_dateline_or_an_abstracts_labels_are_not_speakers():
    # One name in capitals is a news story's dateline; "RESULTS:" and "METHODS:" label an
    # abstract's parts. The words after them are the page's own.
    assert fired("KUALA LUMPUR: A man who suffered from mental illness was shot.\n") == [("wording.suffers-from", "used")]
    abstract = "RESULTS: Frequent self-harmers were younger.\n\nMETHODS: We asked 124 patients.\n"
    assert fired(abstract) == [("wording.self-harmer", "used")]


def test_a_myths_section_still_judges_the_articles_own_wording():
    # The section frames claims (asserted rules); the writer's own "committed suicide" in the
    # explanation under it is still the writer's wording.
    source = "## Myths\n\nMany people believe it. In fact, a friend of mine committed suicide last year.\n"
    assert fired(source) == [("wording.committed-suicide", "used")]


def test_figurative_self_description_is_still_flagged():
    assert fired("I'm so OCD about my desk.") == [("wording.ocd-figurative", "figurative")]


def test_as_a_with_another_subject_is_not_self_description():
    assert fired("As a former addict, he now mentors young people.") == [("wording.former-addict", "used")]


def test_the_finding_says_what_made_the_term_wrong(run_cli, tmp_path):
    import json

    (tmp_path / "a.md").write_text("Self-harm is attention-seeking. He committed suicide.\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", "--select", "wording", "a.md", cwd=tmp_path)
    contexts = {f["rule"]: f["context"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert contexts == {"wording.attention-seeking": "asserted", "wording.committed-suicide": "used"}


def test_a_list_of_descriptions_is_not_a_list_of_words():
    assert fired("He was loud, erratic, crazy and violent that night.") == [("wording.crazy", "used")]


def test_naming_a_thing_or_reporting_a_claim_still_flags():
    # "call it a fad" names a thing, and "said she was mental" reports a claim in the article's words.
    assert fired("Teachers call it a self-harm fad.") != []
    assert fired("Kids at school said she was mental.") != []
    assert fired("There is no evidence that he committed suicide.") != []  # an act is not a label
