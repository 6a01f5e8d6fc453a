"""Time grows linearly with an article's length, whatever its shape: a property test.

An article is made of random pieces that wake every family (figures, stigmatising terms, quotes,
negations, crisis lines, a death told in detail, jargon) laid out in one of the shapes that
used to cost the square of their length: one paragraph of thousands of short sentences, one
sentence of thousands of words with no full stop, many paragraphs under many headings, a long
list. The property (#22, #23): twenty times the text costs at most twenty-five times the time.

Times are CPU time in this process (the best of three runs of the short article, two of the long
one), with the rule set loaded once, so start-up is not counted; the base is large enough (about
0.1 s) that noise is small beside it. Before the growth fixes, the paragraph of figures took 44.6 s at 8,000
sentences (against 3.4 s at 2,000) and a 5,000-word sentence with terms 37 s.
"""

from __future__ import annotations

import gc
import time

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from checker.session import Session

PIECES = [
    "About 1 in 4 adults sleep badly",
    "the suicide rate rose 12% in 2021",
    "she was crazy",
    "he is not a psycho",
    "self-harm is attention-seeking",
    "a schizophrenic neighbour",
    '"nuts," they said',
    "call 988 or text HOME to 741741",
    "Samaritans on 116 123",
    "he hanged himself in the garage",
    "suicidal ideation is common",
    "according to the CDC, 49,000 people died",
    "Lunatic Asylum",
    "research suggests 30 percent improve",
    "my bipolar manager",
]
SHAPES = ("sentences", "run-on", "paragraphs", "list", "lines")
FRONT = "---\nlast_reviewed: 2026-11-01\nreviewed_by: Ann Lee, MD\n---\n# Suicide and self-harm\n\n"


def article(pieces: list[str], shape: str) -> str:
    if shape == "sentences":
        return FRONT + " ".join(p[0].upper() + p[1:] + "." for p in pieces) + "\n"
    if shape == "run-on":
        return FRONT + " and ".join(pieces) + "\n"
    if shape == "paragraphs":
        return FRONT + "".join(f"## Part {k}\n\n{p[0].upper() + p[1:]}. It helps.\n\n" for k, p in enumerate(pieces))
    if shape == "lines":  # one paragraph of lines (a pasted directory of helplines)
        return FRONT + "\n".join(p[0].upper() + p[1:] + "." for p in pieces) + "\n"
    return FRONT + "".join(f"- {p}\n" for p in pieces)


ENGINE = None


def cost(text: str, runs: int) -> float:
    global ENGINE
    if ENGINE is None:
        ENGINE = Session.open(no_cache=True).engine(ignore=["grammar"])
    best = float("inf")
    for _ in range(runs):
        # The collector's passes cost in proportion to everything the test process holds (the
        # whole suite's objects when it runs late), not to the article: keep them out of the timing.
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            ENGINE.check_file("growth.md", text=text)
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return best


# Every shape is tried as written below, then on random orders and lengths. No shrinking: each
# example costs seconds, and the message already names the shape and the times.
@settings(max_examples=2, deadline=None, phases=(Phase.explicit, Phase.generate), suppress_health_check=[HealthCheck.too_slow])
@given(shape=st.sampled_from(SHAPES), order=st.permutations(PIECES), base=st.integers(min_value=180, max_value=240))
@example(shape="sentences", order=PIECES, base=200)
@example(shape="run-on", order=PIECES, base=200)
@example(shape="paragraphs", order=PIECES, base=200)
@example(shape="list", order=PIECES, base=200)
@example(shape="lines", order=PIECES, base=200)
def test_twenty_times_the_text_costs_at_most_twenty_five_times_the_time(shape, order, base):
    pieces = [order[k % len(order)] for k in range(base)]
    small, large = cost(article(pieces, shape), runs=3), cost(article(pieces * 20, shape), runs=2)
    assert large <= 25 * small + 0.05, f"{shape}: {small:.3f} s -> {large:.3f} s ({large / small:.1f}x for 20x the text)"
