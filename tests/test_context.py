"""The context classifier: asserted, negated, myth-framed, quoted, asked, reported, hypothetical."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.context import block_quotations, given_name, judge, load_context_rules, own_account, quoted_regions
from checker.rulefile import builtin_rules_dir

CONTEXT_FILE = str(builtin_rules_dir() / "data" / "context.yaml")
RULES = load_context_rules(CONTEXT_FILE)


def label(sentence: str, term: str) -> str:
    start = sentence.lower().index(term.lower())
    return judge(sentence, start, start + len(term), RULES).label


@pytest.mark.parametrize(
    "sentence, term, expected",
    [
        # asserted, including the traps that look negated or reported
        ("Self-harm is attention-seeking behavior.", "attention-seeking", "asserted"),
        ("Self-harm is not just attention-seeking.", "attention-seeking", "asserted"),
        ("It is not only manipulative but cruel.", "manipulative", "asserted"),
        ("It's not a myth that self-harm is attention-seeking.", "attention-seeking", "asserted"),
        ("Some say it's attention-seeking, and they're right.", "attention-seeking", "asserted"),
        ("There's no doubt that self-harm is attention-seeking.", "attention-seeking", "asserted"),
        ("He's not ill — he's manipulative.", "manipulative", "asserted"),
        ("Rather than a mental illness, self-harm is really just attention-seeking.", "attention-seeking", "asserted"),
        ("I think self-harm is attention-seeking.", "attention-seeking", "asserted"),
        ("He asked me because I also have a crazy ex.", "crazy", "asserted"),
        ("Self-harm is common among Goths, research has found.", "Goths", "reported"),
        ("Kids who say they self-harm are faking it.", "faking", "asserted"),
        ("Not every parent realises that self-harm is usually attention-seeking.", "attention-seeking", "asserted"),
        # mentioned with other listed words
        ("They live in a society where psycho or crazy are words used every day.", "psycho", "quoted"),
        ("The terms alcoholic, alcoholism, drug addict, and addict are universal.", "drug addict", "quoted"),
        ("He was a psycho or crazy, and words failed me.", "psycho", "asserted"),
        ("Read on to avoid being the little, miss crazy ex-girlfriend.", "crazy", "asserted"),
        ("Avoid calling someone crazy.", "crazy", "quoted"),
        # negated
        ("Self-harm is not attention-seeking behavior.", "attention-seeking", "negated"),
        ("Self-harm isn't attention-seeking.", "attention-seeking", "negated"),
        ("The truth is cutting and emo are not actually related in any way.", "emo", "negated"),
        ("Emo has nothing to do with self-harm.", "Emo", "negated"),
        ("Self-harm is never about seeking attention.", "seeking attention", "negated"),
        ("There is no evidence that people who self-harm are manipulative.", "manipulative", "negated"),
        ("People self-harm to cope rather than for attention.", "for attention", "negated"),
        ("Self-harm is not, as many assume, attention-seeking.", "attention-seeking", "negated"),
        ("Self-harm being attention-seeking is a myth.", "attention-seeking", "negated"),
        ("Your teenager's self-harm is not just a phase.", "just a phase", "negated"),
        ("It was anything but attention-seeking.", "attention-seeking", "negated"),
        # myth-framed
        ("A common myth is that self-harm is attention-seeking.", "attention-seeking", "myth"),
        ("It is a misconception that people who self-harm are manipulative.", "manipulative", "myth"),
        ("Myth: people who self-harm are attention seekers.", "attention seekers", "myth"),
        ("People wrongly believe that self-harm is just a phase.", "just a phase", "myth"),
        # quoted or mentioned as a word
        ("Avoid the term 'committed suicide'.", "committed suicide", "quoted"),
        ("Words like psycho hurt.", "psycho", "quoted"),
        ("“I felt crazy,” she said.", "crazy", "quoted"),
        ("The so-called \"attention-seeking\" label stings.", "attention-seeking", "quoted"),
        # asked
        ("Is self-harm attention-seeking?", "attention-seeking", "asked"),
        ("Manipulative? No.", "manipulative", "asked"),
        # reported
        ("Some people say self-harm is attention-seeking.", "attention-seeking", "reported"),
        ("Critics call it selfish.", "selfish", "reported"),
        ("Her teachers assumed she was seeking attention.", "seeking attention", "reported"),
        # a view with its holders between, a view people tell themselves, a link people draw
        ("Picking is often seen by others as attention-seeking behaviour.", "attention-seeking", "reported"),
        ("They shrug it off by telling themselves that she is attention-seeking.", "attention-seeking", "reported"),
        ("People relate it to emo kids, but that is not the whole story.", "emo", "reported"),
        # hypothetical
        ("If you think they are just seeking attention, talk to them anyway.", "seeking attention", "hypothetical"),
        ("Even if it looks like manipulation, take it seriously.", "manipulation", "hypothetical"),
        # self-description: the writer counts themself in, or describes themself ...
        ("Most people that suffer from a mental illness, like myself, do not want to hurt others.", "suffer from", "self"),
        ("People who suffer from depression, including me, need time.", "suffer from", "self"),
        ("As someone who is schizophrenic, I find the word hurtful.", "schizophrenic", "self"),
        ("As a bipolar person, I know this cannot be easy for you.", "bipolar", "self"),
        ("We are recovering addicts who meet to help each other stay clean.", "recovering addicts", "self"),
        # ... but not when the first person stands too far on, or describes someone else
        ("People who suffer from depression are seen as lazy by people like me.", "suffer from", "asserted"),
        ("As someone who is schizophrenic, he was treated badly.", "schizophrenic", "asserted"),
    ],
)
def test_context(sentence, term, expected):
    assert label(sentence, term) == expected


@pytest.mark.parametrize(
    "sentence, term, reach, expected",
    [
        ("When I was 21, I overdosed on sleeping pills as an attempt to commit suicide.", "commit suicide", "subject", True),
        ("I'm glad I failed.", "failed", "subject", True),
        ("I Tried To Commit Suicide Twice", "Commit Suicide", "subject", True),
        ("My failed suicide attempt, part 1", "failed suicide attempt", "possessive", True),
        ("It was my first failed suicide attempt.", "failed suicide attempt", "possessive", True),
        ("As time went on my attention seeking grew.", "attention seeking", "possessive", True),
        # someone else is the subject, or the owner
        ("I know he committed suicide.", "committed suicide", "subject", False),
        ("I saw a man commit suicide.", "commit suicide", "subject", False),
        ("I read that veterans commit suicide more often.", "commit suicide", "subject", False),
        ("I watched Robin Williams commit suicide on the news.", "commit suicide", "subject", False),
        ("My brother committed suicide in 2010.", "committed suicide", "subject", False),
        ("My brother's failed suicide attempt shook us.", "failed suicide attempt", "possessive", False),
        ("I was told about a failed suicide attempt.", "failed suicide attempt", "possessive", False),
        ("My attention-seeking sister never stops.", "attention-seeking", "possessive", False),
        # a possessive rule does not reach the subject; a rule with neither reaches nothing
        ("I tried to commit suicide.", "commit suicide", "possessive", False),
        ("I tried to commit suicide.", "commit suicide", "none", False),
    ],
)
def test_the_writers_own_account(sentence, term, reach, expected):
    start = sentence.index(term)
    assert own_account(sentence, start, RULES, reach, start + len(term)) is expected


@pytest.mark.parametrize(
    "sentence, term, expected",
    [
        ("Her classmates called him a psycho.", "psycho", True),
        ("Why do people with addiction get labeled addicts?", "addicts", True),
        ("Can I call you an addict", "addict", True),
        ("Why I don't call you an alcoholic", "alcoholic", True),
        ("No one should be termed an alcoholic.", "alcoholic", True),
        ("Media stories portray antidepressants as happy pills.", "happy pills", True),
        ("The media often portrays mentally ill people in this light.", "mentally ill people", False),
        # the writer's own naming, a name for a thing, a call from someone
        ("We call them addicts.", "addicts", False),
        ("Teachers call it a crazy fad.", "crazy", False),
        ("The helpline takes calls from addicts.", "addicts", False),
        ("They called the police because the addict was violent.", "addict", False),
    ],
)
def test_a_name_given_to_a_person(sentence, term, expected):
    start = sentence.index(term)
    assert given_name(sentence, start, RULES) is expected


def test_quotations_that_run_over_sentences_in_a_block():
    text = '"A call came at 10 pm. Police found her," a statement said. “It was late. We left,” he said.'
    inside = [text[a:b] for a, b in block_quotations(text)]
    assert "A call came at 10 pm. Police found her," in inside and "It was late. We left," in inside
    # an odd number of straight quotes (an inch mark, a quote left open) pairs none of them
    assert block_quotations('He is 6\' 2" tall. "I left," she said.') == []
    # a quotation over paragraphs: open at the end of one block, closed in the next
    text = "He said: “People often believe that once the addict receives help, all is well."
    assert [text[a:b] for a, b in block_quotations(text)] == ["People often believe that once the addict receives help, all is well."]
    text = "‘No wonder sufferers are frightened. It’s hard,’ she said."
    assert "No wonder sufferers are frightened. It’s hard," in [text[a:b] for a, b in block_quotations(text)]
    text = "Cutters control the pain.” She paused. “Then it stops.”"
    assert "Cutters control the pain." in [text[a:b] for a, b in block_quotations(text)]


def test_apostrophes_are_not_quotes():
    text = "It's people’s lives, and 'quoted words' matter."
    regions = [text[a:b] for a, b in quoted_regions(text)]
    assert regions == ["quoted words"]


def test_unquoted_no_in_the_data_is_refused(tmp_path):
    from checker.errors import UsageError

    bad = tmp_path / "context.yaml"
    bad.write_text("negation_before:\n  - not\n  - no\n")
    with pytest.raises(UsageError, match=r"context.yaml:1: key 'negation_before\[1\]': must be a string"):
        load_context_rules(str(bad))


def test_a_misspelt_or_mistyped_key_in_the_data_names_file_line_and_key(tmp_path):
    from checker.errors import UsageError

    bad = tmp_path / "context.yaml"
    bad.write_text("negation_before: [not]\nnegation_windw: 6\n")
    with pytest.raises(UsageError, match=r"context.yaml:2: key 'negation_windw': unknown key"):
        load_context_rules(str(bad))
    bad.write_text("negation_window: six\n")
    with pytest.raises(UsageError, match=r"context.yaml:1: key 'negation_window': must be a whole number"):
        load_context_rules(str(bad))


TRIGGER_WORDS = ["not", "never", "isn't", "don’t", "a", "myth", "it's", "some", "people", "say", "believe", "if", "the", "term", "so-called",
                 "is", "attention-seeking", "just", "a", "phase", "but", "however", ";", "—", "?", "realise", "that", "they're", "right",
                 "No", "MYTH", "ſome", "said", "claim", "think", "I", "who", "rather", "than", ",", "\u201c", "\u201d", "misconception"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRIGGER_WORDS), min_size=1, max_size=16))
def test_trigger_lists_searched_only_where_their_words_are_judge_the_same(words):
    """Each trigger list is searched only in sentences with the words of one of its phrases;
    searching every list everywhere must give the same judgement."""
    from checker.context import ContextRules, _Triggers, judge
    from checker.yamlload import load_data_file

    rules = ContextRules(load_data_file(CONTEXT_FILE))
    text = " ".join(words) + " attention-seeking."
    start = text.rindex("attention-seeking")
    gated = judge(text, start, start + len("attention-seeking"), rules)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Triggers, "find", lambda self, text, words: list(re.finditer(_phrase_regex_of(self), text)))
        assert judge(text, start, start + len("attention-seeking"), ContextRules(load_data_file(CONTEXT_FILE))) == gated


def _phrase_regex_of(triggers):
    from checker.phrases import trigger_regex

    return trigger_regex(triggers.phrases)
