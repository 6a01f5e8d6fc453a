"""The faster forms of phrase matching find exactly what the plain forms find: the trie
alternation (checker.phrases.phrase_trie) against a longest-first alternation of the same phrases,
and TriggerSearch against the joined trigger regex, on random phrase lists and texts and on every
list of rules/data/safety.yaml with real sentences."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.phrases import TriggerSearch, longest_first, match_key, phrase_trie, trigger_regex, trigger_search
from checker.prefilter import literal_conditions

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["self", "self-harm", "harm", "suicide", "suicides", "suicidal", "can't", "cope", "Hang", "hanged", "rope", "a", "Ünï"]
phrases = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=12)
texts = st.lists(st.sampled_from(WORDS + [" ", "  ", "\n", ".", "-", "’", "x", "SELF"]), max_size=40).map(" ".join)


def flat(phrases) -> re.Pattern:
    """The alternation before the trie: every phrase in full, longest first."""
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in longest_first(phrases)).replace("'", "['’]")
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def spans(pattern, text):
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(phrases, texts)
def test_the_trie_matches_what_the_longest_first_alternation_matches(phrases, text):
    trie = re.compile(rf"(?<![\w-])(?:{phrase_trie(phrases)})(?![\w-])", re.IGNORECASE)
    assert spans(trie, text) == spans(flat(phrases), text)


def test_the_trie_shares_beginnings_and_prefers_the_longer_phrase():
    assert phrase_trie(["self", "self-harm", "self-injury"]) == r"self(?:\-(?:harm|injury))?"
    trie = re.compile(rf"(?:{phrase_trie(['self', 'self-harm'])})", re.IGNORECASE)
    assert trie.search("Self-harm").group() == "Self-harm"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, r"re:\bsuicides?\s+(?:wave|spike)\b", r"re:\bhang(?:s|ed)?\s+(?:him|her)self\b",
                                 r"re:\b\d+\s+tablets\b", "n't", "myth —"]), min_size=1, max_size=8),
       st.lists(st.sampled_from([*WORDS, "wave", "spike", "himself", "40", "tablets", "don't", "myth —", " ", "."]), max_size=30).map(" ".join))
def test_the_split_search_finds_what_the_joined_regex_finds(phrases, text):
    joined, split = trigger_regex(tuple(phrases)).search(text), TriggerSearch(tuple(phrases)).search(text)
    assert (joined and (joined.start(), joined.end())) == (split and (split.start(), split.end()))


def test_every_safety_list_searches_real_sentences_the_same_way_split_or_joined():
    data = yaml.safe_load((ROOT / "rules" / "data" / "safety.yaml").read_text(encoding="utf-8"))
    labelled = yaml.safe_load((ROOT / "tests" / "data" / "safety_real.yaml").read_text(encoding="utf-8"))
    sentences = [item["text"] for item in labelled["sentences"]]
    checked = 0
    for name, items in data.items():
        if not isinstance(items, list) or any("(?P<" in p for p in items):
            continue
        joined, split = trigger_regex(tuple(items)), TriggerSearch(tuple(items))
        for sentence in sentences:
            a, b = joined.search(sentence), split.search(sentence)
            assert (a and (a.start(), a.end(), a.group())) == (b and (b.start(), b.end(), b.group())), (name, sentence)
            checked += bool(a)
    assert checked > 300  # the lists do match these sentences: the comparison is not vacuous


def test_a_list_with_a_named_group_stays_one_regex():
    assert isinstance(trigger_search(("re:(?P<who>he) wrote", "note")), re.Pattern)
    assert isinstance(trigger_search(("note", "re:\\bletters?\\b")), TriggerSearch)


def test_literal_conditions_are_each_needed():
    assert literal_conditions(r"(?:\bsuicides?\s+(?:wave|spike)\b)", re.IGNORECASE) == [frozenset({"suicide"}), frozenset({"wave", "spike"})]
    assert literal_conditions(r"[a-z]+", re.IGNORECASE) == []
    assert literal_conditions(r"Suicide", 0) == []  # case-sensitive capitals: not compared in lower case


def _real_page_documents():
    from checker.parsing import parse_document

    pages = sorted((ROOT / "tests" / "data" / "real_pages").glob("*.md"))
    return [parse_document(str(page), page.read_text(encoding="utf-8")) for page in pages]


def test_regions_are_found_the_same_with_a_blocks_words_as_without():
    # The words pre-check (a name matches only where its first word stands) must lose no region.
    from checker.crisis_resources import load_resources
    from checker.document import PROSE_KINDS

    resources = load_resources(str(ROOT / "rules" / "data" / "crisis-resources.yaml"))
    named = 0
    for doc in _real_page_documents():
        for block in doc.blocks:
            if block.kind in PROSE_KINDS:
                found = resources.regions_named_in(block.text)
                assert resources.regions_named_in(block.text, block.words) == found, (doc.path, block.text)
                named += bool(found)
    assert named > 100  # real pages name countries: the comparison is not vacuous


def test_blocks_with_words_are_those_a_scan_finds():
    from checker.document import PROSE_KINDS

    for doc in _real_page_documents()[:60]:
        prose = [k for k, block in enumerate(doc.blocks) if block.kind in PROSE_KINDS]
        for words in (("suicide",), ("call", "now"), ("mental", "health", "crisis"), ("zzz",), ()):
            expected = {k for k in prose if all(w in doc.blocks[k].words for w in words)}
            assert doc.blocks_with(words) == expected


MARKERS = ("NHS", "NHS 111", "GP", "A&E", "Samaritans", "emergency room", "Crisis Text Line", "Text", "CALM", "£", "Need to talk?")
marker_texts = st.lists(st.sampled_from(list(MARKERS) + ["nhs", "GPs", "x", " ", "\n", "-", "&", "_", "111", "room", "emergency", "Line", "Crisis", "é"]),
                        max_size=30).map(lambda parts: "".join(parts))


@settings(max_examples=400, deadline=None)
@given(marker_texts, st.booleans())
def test_markers_found_where_they_stand_are_those_the_regex_finds(text, spaced):
    from checker.phrases import words_in
    from checker.region import markers_found

    text = text.replace("x", " ") if spaced else text
    assert markers_found(MARKERS, text, words_in(text)) == markers_found(MARKERS, text)


def test_markers_of_real_pages_are_found_the_same_both_ways():
    from checker.crisis_resources import load_resources
    from checker.phrases import words_in
    from checker.region import markers_found, unscoped_text

    resources = load_resources(str(ROOT / "rules" / "data" / "crisis-resources.yaml"))
    markers = tuple(resources.markers())
    found = 0
    for doc in _real_page_documents():
        text = unscoped_text(doc, resources)
        expected = markers_found(markers, text)
        title = doc.metadata.get("title")
        words = doc.words() | (words_in(title) if isinstance(title, str) else frozenset())
        assert markers_found(markers, text, words) == expected, doc.path
        found += len(expected)
    assert found > 100


def test_a_case_insensitive_match_looks_up_the_word_it_matched():
    """Every character IGNORECASE takes for an ASCII letter ("K" the kelvin sign, "ſ", "ı", "İ")
    has that letter as its match_key: a figure written "fıve in ten" is looked up as "five", not a
    KeyError (it was: an internal error on the whole file)."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    odd = []
    for code in range(0x110000):
        char = chr(code)
        if letter.fullmatch(char):
            key = match_key(char)
            assert len(key) == 1 and re.fullmatch(key, char, re.IGNORECASE), hex(code)
            odd += [char] if not char.isascii() else []
    assert sorted(odd) == sorted("\u0130\u0131\u017f\u212a")  # the comparison is not vacuous
    assert match_key("FıVE Mİllion ſamaritans") == "five million samaritans"
