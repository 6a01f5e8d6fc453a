"""Sentence splitting: abbreviations, initials, quotes, paragraph breaks, and exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_simple_sentences():
    assert sentences("I feel low. I talked to a friend. It helped.") == [
        "I feel low.",
        "I talked to a friend.",
        "It helped.",
    ]


def test_question_and_exclamation_marks():
    assert sentences("Are you OK? Yes! Good.") == ["Are you OK?", "Yes!", "Good."]
    assert sentences("Really?! Wow!!! Fine") == ["Really?!", "Wow!!!", "Fine"]


def test_ellipsis():
    assert sentences("Wait... What now?") == ["Wait...", "What now?"]
    assert sentences("Wait… What now?") == ["Wait…", "What now?"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Talk to Dr. Smith today. She can help.", ["Talk to Dr. Smith today.", "She can help."]),
        ("Ask Mrs. Jones or Prof. Lee. Then rest.", ["Ask Mrs. Jones or Prof. Lee.", "Then rest."]),
        ("Try things, e.g. Walking or yoga. Then rest.", ["Try things, e.g. Walking or yoga.", "Then rest."]),
        ("Some apps, i.e. Headspace, help. Others not.", ["Some apps, i.e. Headspace, help.", "Others not."]),
        ("The U.S. Army has a line. So does the U.K. Government.", ["The U.S. Army has a line.", "So does the U.K. Government."]),
        ("Open 9 a.m. Monday to 5 p.m. Friday. Call us.", ["Open 9 a.m. Monday to 5 p.m. Friday.", "Call us."]),
        ("Apples, pears etc. Are all fine. Eat well.", ["Apples, pears etc. Are all fine.", "Eat well."]),
        ("See Fig. 2 for data. It shows a rise.", ["See Fig. 2 for data.", "It shows a rise."]),
        ("Read No. 5 first. Then No. 6.", ["Read No. 5 first.", "Then No. 6."]),
    ],
)
def test_abbreviations_do_not_end_sentences(text, expected):
    assert sentences(text) == expected


def test_no_is_a_word_unless_a_number_follows():
    assert sentences("It is OK to say no. Then rest.") == ["It is OK to say no.", "Then rest."]
    assert sentences("Item no. 5 is here.") == ["Item no. 5 is here."]


def test_initials():
    assert sentences("J. R. R. Tolkien wrote it. He died in 1973.") == ["J. R. R. Tolkien wrote it.", "He died in 1973."]
    assert sentences("Call A. Smith now. Thanks.") == ["Call A. Smith now.", "Thanks."]


def test_lower_case_after_full_stop_does_not_split():
    assert sentences("Visit example.com. it helps.") == ["Visit example.com. it helps."]
    assert sentences("It costs 3.5 dollars. Cheap.") == ["It costs 3.5 dollars.", "Cheap."]


def test_digit_starts_a_sentence():
    assert sentences("Call today. 988 is free.") == ["Call today.", "988 is free."]


def test_closing_quotes_and_brackets_belong_to_the_sentence():
    assert sentences('She said "call now." Then she left.') == ['She said "call now."', "Then she left."]
    assert sentences("He said “stop.” Then left.") == ["He said “stop.”", "Then left."]
    assert sentences("It works (mostly.) Try it.") == ["It works (mostly.)", "Try it."]
    assert sentences("Done.' Next one.") == ["Done.'", "Next one."]
    assert sentences("See [this.] Next.") == ["See [this.]", "Next."]


def test_opening_quotes_and_brackets_start_a_sentence():
    assert sentences('It ended. "Then what?" she asked.') == ["It ended.", '"Then what?" she asked.']
    assert sentences("It ended. (Then it began.) Fine.") == ["It ended.", "(Then it began.)", "Fine."]
    assert sentences("It ended. “Then” it began.") == ["It ended.", "“Then” it began."]


def test_accented_and_inverted_starts():
    assert sentences("Fin. Élan vital. ¿Qué? Bien.") == ["Fin.", "Élan vital.", "¿Qué?", "Bien."]


@pytest.mark.parametrize("brk", ["\n\n", "\r\n\r\n", "\r\r", "\n  \n", "\n\t\n\n"])
def test_paragraph_breaks_end_sentences(brk):
    text = f"first part without stop{brk}second part"
    assert sentences(text) == ["first part without stop", "second part"]


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\n  "])
def test_single_line_break_does_not_end_a_sentence(brk):
    text = f"a sentence wrapped{brk}over two lines."
    assert sentences(text) == [text]


def test_no_empty_sentences():
    assert split_sentences("") == []
    assert split_sentences("   \n\n  ") == []
    assert sentences("  One.  \n\n\n  Two.  ") == ["One.", "Two."]


def test_offsets_are_trimmed():
    text = "  Hello there.   General Kenobi!  "
    spans = split_sentences(text)
    assert spans == [(2, 14), (17, 32)]
    for s, e in spans:
        assert text[s:e] == text[s:e].strip()


def test_text_without_stop_is_one_sentence():
    assert sentences("no full stop here") == ["no full stop here"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aZ5 .!?\"'”)(“\n\r\t…") + ["Dr.", "e.g.", "U.S.", "J.", "no."]), max_size=40).map("".join))
def test_sentences_are_ordered_non_empty_and_trimmed(text):
    spans = split_sentences(text)
    previous_end = 0
    for s, e in spans:
        assert previous_end <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        previous_end = e
    # Nothing but whitespace is left out.
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    assert all(text[k].isspace() for k in range(len(text)) if k not in covered)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab.Z_ 1é²\u0301-'", max_size=20))
def test_the_word_before_a_stop_is_the_run_a_regex_would_find(text):
    import re

    from checker.sentences import _word_start

    match = re.compile(r"([\w.]+)$").search(text)
    assert _word_start(text, len(text)) == (match.start() if match else len(text))
