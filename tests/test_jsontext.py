"""checker.formats.jsontext writes what json.dumps(indent=2, ensure_ascii=False, default=str) writes."""

import datetime
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.formats.jsontext import dumps

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


def reference(value, depth=0):
    return json.dumps(value, indent=2, ensure_ascii=False, default=str).replace("\n", "\n" + "  " * depth)


@settings(max_examples=400, deadline=None)
@given(VALUES, st.integers(0, 3))
def test_same_text_as_json_dumps(value, depth):
    assert dumps(value, depth) == reference(value, depth)


def test_keys_and_values_json_converts():
    value = {2: "two", 1.5: [], None: {}, True: "\u2028 \"quoted\" \\ \x00 ’", "date": datetime.date(2026, 12, 7), "nan": float("nan"), "lone": "\ud800"}
    assert dumps(value, 2) == reference(value, 2)
    assert dumps([[], {}, -0.0, 10**30, 1e300]) == reference([[], {}, -0.0, 10**30, 1e300])


def test_a_wrong_writer_is_caught():
    # The comparison can fail: json's own compact text is not the indented one.
    value = {"a": [1, {"b": None}]}
    assert dumps(value) != json.dumps(value, ensure_ascii=False)
