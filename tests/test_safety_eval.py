"""Precision and recall of safety.* on 2,779 real sentences in four batches (tests/data/safety_real.yaml)
and on 518 real passages (tests/data/safety_passages.yaml).

Each sentence is checked as the body of a page declared to be about suicide (front matter topics),
of the content type its source page was (news; blog and forum: personal; the rest: health), since
that is where it was found. A rule counts as firing on a sentence when it reports anything in it.
help-and-hope judges whole pages and is not scored here. The test split is never tuned on, and no
detail of it is printed.

    python tests/test_safety_eval.py    # the figures per rule; misses and false alarms of dev
"""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path

import pytest
import yaml

from checker.kinds import CheckContext, build_check
from checker.kinds.base import document_settings
from checker.parsing import parse_document
from checker.rulefile import load_rules

DATA = Path(__file__).parent / "data"
RULES = ("method-detail", "location-detail", "suicide-note", "simplistic-cause", "sensational")
CONTENT_TYPE = {"news": "news", "blog": "personal", "forum": "personal"}
PREFIX = "---\ntopics: [suicide]\ncontent_type: {kind}\n---\n# Page\n\n"


def sentences(split: str | None = None, batch: int | None = None) -> list[dict]:
    """The labelled sentences of a split and batch (1: the first 847, 2: the 690 labelled in session 7,
    3: the 623 labelled in session 8, 4: the 619 labelled in session 10)."""
    items = yaml.safe_load((DATA / "safety_real.yaml").read_text(encoding="utf-8"))["sentences"]
    return [s for s in items if (split is None or s["split"] == split) and (batch is None or s.get("batch", 1) == batch)]


# "Suicide epidemic" is reported by the wording pack's rule, not twice: it counts as sensational here.
ALSO = {"wording.suicide-epidemic": "sensational"}


def fired(items) -> list[set]:
    checks = [build_check(r) for r in load_rules().rules if (r.family == "safety" and r.id.split(".", 1)[1] in RULES) or r.id in ALSO]
    context = CheckContext(document_settings(None, datetime.date(2026, 12, 6), {}))
    out = []
    for item in items:
        prefix = PREFIX.format(kind=CONTENT_TYPE.get(item["page_type"], "health"))
        doc = parse_document("page.md", prefix + item["text"] + "\n")
        out.append({ALSO.get(f.rule, f.rule.split(".", 1)[1]) for check in checks for f in check.run(doc, context) if f.start >= len(prefix)})
    return out


def scores(items, results) -> dict:
    table = {}
    for rule in RULES + ("family",):
        tp = fp = fn = 0
        for item, got in zip(items, results):
            wanted = item["label"] != "pass" if rule == "family" else item["label"] == rule
            hit = bool(got) if rule == "family" else rule in got
            tp += hit and wanted
            fp += hit and not wanted
            fn += wanted and not hit
        table[rule] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0, tp, fp, fn)
    return table


# The bar is precision >= 0.90 and recall >= 0.80 per rule on the test split. Floors: the
# figures reached for the family (README, "Safe-messaging detail"); the bar is not met (issue notes).
# First run (the vocabularies as first written, before any look at the set): dev 0.980 / 0.193,
# test 0.880 / 0.179. Then dev 0.987 / 0.579; with quoted voices left out of the framing and plain letters kept as notes in an article that tells a death (session 6): dev 0.987 / 0.591 (tuned on), test 0.887 / 0.447.
# Second batch (690 sentences, session 7), first run: dev 0.941 / 0.394, test 0.949 / 0.366. Then,
# tuned on the dev parts of both batches (places in homes and rooms, reflexive and first-person
# acts, the cue words the new patterns need, advice to lock away rather than any "locked", notes
# told beside a death, more single causes and sensational framings; then the rarest patterns
# dropped for speed; a person's own acts of self-harm, "died through drowning", a note's contents
# required, described ones counted; sensational paces and rates; more single causes; then, from
# the passages' dev part, substances taken and acts told in more words; "suicide pact" and a lead's
# "shock" no longer sensational on their own; a cause searched for only beside a death or an act,
# for speed): both batches dev 0.978 / 0.678 (tuned on), test 0.932 / 0.491.
# Third batch (623 sentences, session 8), first run with the code of that session's start
# (27fb9c4): dev 0.965 / 0.587, test 0.917 / 0.567. Then, tuned on its dev part (a headline's
# present tense, fire, stabbing, electrocution, bodies suspended, causes told by force or
# metaphor, records and notorious places, emails as messages): batch 3 dev 0.965 / 0.725, test
# 0.921 / 0.598; batch 1 test 0.930 / 0.537 -> 0.932 / 0.561, batch 2 test 0.936 / 0.436 -> 0.918 /
# 0.446. All three batches: dev 0.974 / 0.695 (tuned on), test 0.925 / 0.536; after a last round
# from all three dev parts ("cause of death was via hanging", "discovered ... hanging"): dev 0.974 /
# 0.704, test unchanged.
# Fourth batch (619 sentences, session 10), first run with the code of that session's start
# (d6c425e): dev 0.865 / 0.484, test 0.929 / 0.470; with the session's first mechanisms, made
# before the batch was seen (a told death and a named note carried to the next sentences, a singular
# reflexive in any form of the verb, causes told before the act): dev 0.868 / 0.495, test 0.930 /
# 0.482. Then, tuned on all four dev parts (substances and gas named as what killed, cuts by their
# verb, acts told with how; "suicide contagion" is the researchers' term): batch 4 dev 0.887 / 0.548,
# test 0.952 / 0.482. All four batches: dev 0.955 / 0.683 (tuned on), test 0.936 / 0.545.
# After the second passage batch's dev part: all four batches dev 0.955 / 0.684, test 0.940 / 0.547;
# at the session's end (more causes, notes and acts from the dev parts): dev 0.958 / 0.706, test
# 0.942 / 0.559 (fourth batch dev 0.914 / 0.629, test 0.953 / 0.494).
FLOOR = {"dev": (0.95, 0.70), "test": (0.94, 0.55)}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_the_family_meets_its_floor(split):
    items = sentences(split)
    precision, recall, *_ = scores(items, fired(items))["family"]
    assert precision >= FLOOR[split][0] and recall >= FLOOR[split][1], (precision, recall)


# ---- passages: two to four consecutive sentences, where a note named in one sentence is quoted in
# the next, or a death told in one has its method in another (tests/data/safety_passages.yaml).
# A passage gets the gravest label that applies to it, so a passage counts as reporting the
# gravest rule that fires in it.
GRAVEST = ("suicide-note", "location-detail", "method-detail", "simplistic-cause", "sensational")


def passages(split: str | None = None, batch: int | None = None) -> list[dict]:
    """The labelled passages of a split and batch (1: the 518 of session 7, 2: the 277 of session 10)."""
    items = yaml.safe_load((DATA / "safety_passages.yaml").read_text(encoding="utf-8"))["passages"]
    return [p for p in items if (split is None or p["split"] == split) and (batch is None or p.get("batch", 1) == batch)]


def gravest(results) -> list[set]:
    return [{next(rule for rule in GRAVEST if rule in got)} if got else set() for got in results]


# 518 passages from 234 pages (346 dev, 172 test). First runs, before any look at them: with the
# code of session 7's start (0e616d8) dev 0.898 / 0.467, test 0.851 / 0.482; with the code tuned on
# the sentence sets that session, dev 0.888 / 0.562, test 0.879 / 0.614. Then tuned on the dev part
# (what a note said in more words; substances taken, "gassed himself", "thrown himself under"):
# dev 0.889 / 0.615, test 0.881 / 0.627; then a definition of a suicide pact, a police quote about
# one and "caused great shock" were seen to be false alarms: dev 0.927 / 0.604, test 0.911 / 0.614.
# After the third sentence batch's vocabulary (session 8): dev 0.928 / 0.609, test 0.895 / 0.614.
# Session 10 (the carried death and note, the forms above): dev 0.932 / 0.645, test 0.885 / 0.651.
# A second batch of 277 passages (session 10), first run with that session's start (d6c425e): dev
# 0.872 / 0.432, test 0.846 / 0.489; with the mechanisms above, made before it was seen: dev 0.885 /
# 0.484, test 0.852 / 0.511. Then tuned on its dev part (a note named just before and what it said
# in the next sentence; a living voice that says or recalls a quotation; notes left or found; a
# cause told with "because" before the act, a life that one change would have saved; a time after an
# event is no cause; an act of many outweighed by a general statement): both batches dev 0.933 /
# 0.629, test 0.885 / 0.602 (batch 1 alone as before).
# At the session's end: both batches dev 0.940 / 0.652, test 0.899 / 0.625 (second batch dev 0.938 /
# 0.642, test 0.893 / 0.556).
PASSAGE_FLOOR = {"dev": (0.93, 0.65), "test": (0.89, 0.62)}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_the_family_meets_its_floor_on_passages(split):
    items = passages(split)
    precision, recall, *_ = scores(items, gravest(fired(items)))["family"]
    assert precision >= PASSAGE_FLOOR[split][0] and recall >= PASSAGE_FLOOR[split][1], (precision, recall)


def test_no_finding_on_the_demo_articles_or_the_seed_like_article_but_one_on_a_detailed_report():
    from checker.config import Config
    from checker.engine import Engine

    root = Path(__file__).parent.parent
    engine = Engine(load_rules(), Config(root=root), select=["safety"])
    files = sorted((root / "content").iterdir()) + [root / "tests" / "fixtures" / "seed" / "self-harm.md"]
    assert [f.rule for path in files for f in engine.check_file(str(path)).findings] == []
    report = root / "tests" / "fixtures" / "seed" / "self-harm.md"
    detailed = report.read_text(encoding="utf-8") + "\nHer brother hanged himself from the bathroom door in 2019.\n"
    assert [f.rule for f in engine.check_file(str(report), text=detailed).findings] == ["safety.location-detail"]


def test_the_set_is_real_and_split():
    items = sentences()
    assert len(items) >= 800 and len({s["url"] for s in items}) >= 200
    assert Counter(s["split"] for s in items)["test"] >= 250
    assert all(s["url"].startswith("http") and s["label"] in RULES + ("pass",) for s in items)


if __name__ == "__main__":  # python tests/test_safety_eval.py [1|2|3|4|passages|passages1|passages2]: one batch's figures, or the passages'
    import sys

    which = sys.argv[1] if len(sys.argv) > 1 else ""
    for split in ("dev", "test"):
        is_passages = which.startswith("passages")  # "passages", "passages1", "passages2"
        items = passages(split, int(which[8:]) if which[8:] else None) if is_passages else sentences(split, int(which) if which else None)
        results = gravest(fired(items)) if is_passages else fired(items)
        for rule, (p, r, tp, fp, fn) in scores(items, results).items():
            print(f"{split:4} {rule:17} precision {p:.3f} recall {r:.3f} (tp {tp}, fp {fp}, fn {fn})")
        if split == "dev":
            for item, got in zip(items, results):
                want = set() if item["label"] == "pass" else {item["label"]}
                if got != want:
                    print(f"    [{item['label']}] got {sorted(got)}: {item['text'][:150]}")


@pytest.mark.parametrize(
    "sentence, wanted",
    [
        # A quoted voice's words ("I can't study") neither deny the note nor make the sentence a
        # general statement ("study"): the note's contents are reported.
        ("In the suicide note she wrote, “I can’t study further. Sorry, mom and dad.”", ["safety.suicide-note"]),
        # The article's own words still decide: a note denied is not reported.
        ("Police said she did not leave a suicide note.", []),
    ],
)
def test_quoted_words_are_not_the_articles_framing(sentence, wanted):
    assert _news_findings(sentence) == wanted


def _news_findings(body: str) -> list[str]:
    """The safety findings (but help-and-hope) on a news story with this body."""
    from checker.config import Config
    from checker.engine import Engine

    engine = Engine(load_rules(), Config(root=Path(__file__).parent.parent), select=["safety"])
    text = f"---\ncontent_type: news\n---\n# News\n\n{body}\n"
    return [f.rule for f in engine.check_file("news.md", text=text).findings if f.rule != "safety.help-and-hope"]


@pytest.mark.parametrize(
    "body, wanted",
    [
        # A plain letter and what it said, in an article that tells a particular death ...
        ("Terry, 58, took his own life at home in May.\n\nAnother letter to his mother Edith said: “I’m sorry. Please forgive us.”",
         ["safety.suicide-note"]),
        # ... but not in an article that tells none (a letter of thanks to a helpline).
        ("Volunteers answer calls about suicide every night.\n\nOne letter to the team said: “Thank you for listening to me.”", []),
    ],
)
def test_a_plain_letter_is_a_note_only_in_an_article_that_tells_a_death(body, wanted):
    assert _news_findings(body) == wanted


@pytest.mark.parametrize(
    "body, wanted",
    [
        # Forms of the third batch's dev part (session 8), written anew: a headline's present tense,
        # fire, a method named after "committed suicide by", wounds, a body found suspended ...
        ("Boy, 15, electrocutes himself in his bedroom.", ["safety.location-detail"]),
        ("The farmer set himself on fire last week.", ["safety.method-detail"]),
        ("The couple committed suicide by jumping under a train.", ["safety.method-detail"]),
        ("She was found stabbing herself repeatedly.", ["safety.method-detail"]),
        ("The body of the 30-year-old was found dangling from a mango tree.", ["safety.location-detail"]),
        # ... one cause told by a verb of force or a metaphor ...
        ("The situation forced the student to commit suicide.", ["safety.simplistic-cause"]),
        ("He had struggled for years, and losing the farm pushed him over the edge.", ["safety.simplistic-cause"]),
        ("A teenager jumps to death after classmates shared a video.", ["safety.simplistic-cause"]),
        # ... a record or a site made notorious ...
        ("Police alarm over record suicide cases in the county.", ["safety.sensational"]),
        ("The bridge has long been a magnet for suicidal people.", ["safety.sensational"]),
        # ... and what must still pass: a population's methods, a research finding, a risk.
        ("The majority of victims ended their lives by consuming pesticide.", []),
        ("Smaller paracetamol packs reduce the risk of death by poisoning.", []),
        ("After a fence was removed, researchers saw a spike in suicides there.", []),
    ],
)
def test_forms_from_the_third_batch(body, wanted):
    context = "Police are treating the death as a suicide.\n\n"  # an article about suicide: the family applies
    assert _news_findings(context + body) == wanted


@pytest.mark.parametrize(
    "body, wanted",
    [
        # A death told in one sentence is the one the next sentences speak of (two sentences on) ...
        ("Mr Hale, 52, was found dead on Sunday. He had a length of rope with him.", ["safety.method-detail"]),
        ("He was found dead on Sunday. The cause of death was given as asphyxia.", ["safety.method-detail"]),
        # ... but a general statement after it stays general, and a story of no death carries nothing.
        ("He was found dead on Sunday. Research shows hanging is the most common method.", []),
        ("The charity trains staff at stations. He had a length of rope with him.", []),
        # A note named in one sentence and its words in the next ...
        ("After she died her parents found a draft of her suicide note in her room. It said: “I don’t know who I am.”",
         ["safety.suicide-note"]),
        ("He left notes for his wife and children. “Dear Bianca. This pain is too much.”", ["safety.suicide-note"]),
        ("Police found a suicide note in his bag. The note clearly blamed his teachers.", ["safety.suicide-note"]),
        ("Police have seized a suicide note. It mentions a minister and holds him responsible.", ["safety.suicide-note"]),
        # ... but not a note denied, nor a tribute after a note merely named, nor a voice that says
        # or recalls its words ("“I just knew,” she says" is the finder's).
        ("He left no note. “He was the kindest boy,” his mother said.", []),
        ("It was dark when she found the letter. “I just knew,” Ginnie says.", []),
        ("A note was found at the scene. His sister described him as the life of every party.", []),
    ],
)
def test_what_the_sentences_before_told_carries_to_the_next(body, wanted):
    assert _news_findings("A coroner is to rule on a suicide.\n\n" + body) == wanted


@pytest.mark.parametrize(
    "body, wanted",
    [
        # The person whose death was told writes, and the words are quoted: by name anywhere after ...
        ("Kevin Fitzpatrick, 13, took his own life at home in May.\n\nIn July, Fitzpatrick wrote: “I was bullied by an old friend.”",
         ["safety.suicide-note"]),
        # ... or as "he" just after the death was told;
        ("Kevin Fitzpatrick, 13, took his own life at home in May. “I am sorry for everything,” he wrote.", ["safety.suicide-note"]),
        # a relative's tribute names the relative, and a "he" far from the death is someone else.
        ("Kevin Fitzpatrick, 13, took his own life at home in May.\n\nHis mother Anne wrote on Facebook: “We will miss you every day.”", []),
        ("Kevin Fitzpatrick, 13, took his own life at home in May.\n\nThe boy was loved by all.\n\nThe coach said he was a star.\n\n"
         "“We miss him,” he wrote.", []),
    ],
)
def test_the_words_of_the_person_whose_death_was_told(body, wanted):
    assert _news_findings(body) == wanted


@pytest.mark.parametrize(
    "body, wanted",
    [
        # A singular reflexive marks one person's act in any form of the verb ...
        ("Another student, 17, used a nylon rope to hang himself when his parents were away.", ["safety.method-detail"]),
        ("She later threw herself into the Rideau River.", ["safety.location-detail"]),
        ("The actor was reportedly found hanging in his Mumbai residence.", ["safety.location-detail"]),
        ("On May 1, 1947, Evelyn McHale leapt from the top of the Empire State Building.", ["safety.location-detail"]),
        ("Medical examiners said the man died on impact. He fell approximately 70 feet.", ["safety.location-detail"]),  # a height is a place
        ("She added in the Facebook suicide post: “I am sorry for everything.”", ["safety.suicide-note"]),
        ("The student took own life after his roommates had left, police said. His body was found by pupils who untied him.",
         ["safety.method-detail"]),
        ("A mother of two drove her car on to the railway line and was struck by a train.", ["safety.location-detail"]),
        ("It was revealed in separately written notes that the couple felt they had no choice.", ["safety.suicide-note"]),
        # ... while "themselves" of people in general is not one person's act.
        ("Sadly, many young people cut themselves and hide it with long sleeves.", []),
        # One cause told before the act, or as what drove a person to death.
        ("The farmer got bogged down by debt and committed suicide.", ["safety.simplistic-cause"]),
        ("The suicide of the student, a 16-year-old, was allegedly triggered by the school’s refusal.", ["safety.simplistic-cause"]),
        ("Critics blamed the fees for driving the student to her death.", ["safety.simplistic-cause"]),
        ("The boy's brother said that because she failed the exam she committed suicide.", ["safety.simplistic-cause"]),
        ("His widow believed he would still be alive had he been allowed to stay at home.", ["safety.simplistic-cause"]),
        ("Boy, 13, hangs himself after bullies pelt him with food", ["safety.simplistic-cause"]),
        ("Class X student commits suicide over exam tension.", ["safety.simplistic-cause"]),
        ("He allegedly took the extreme step as he was unable to repay the loan.", ["safety.simplistic-cause"]),
        ("His sister said: “I believe he'd still be alive now if they hadn't stopped his money.”", ["safety.simplistic-cause"]),
        # Suicide as the one answer is a framing; a policy's "only solution" is not.
        ("She decided to end her life as the only solution to her problems.", ["safety.sensational"]),
        ("The minister said the only solution to the crisis is more funding.", []),
        # A time after an event is not a cause.
        ("The man died by suicide a few days after Christmas.", []),
        # Risk and methods at population level still pass, even told with "killed themselves".
        ("People troubled by debt are at higher risk of suicide.", []),
        ("Firearms were the most common method (51%) and a majority killed themselves at home (74%).", []),
    ],
)
def test_forms_of_the_act_and_its_cause(body, wanted):
    context = "Police are treating the death as a suicide.\n\n"
    assert _news_findings(context + body) == wanted


@pytest.mark.parametrize("batch, labels", [(3, "safety_real_second_labels.yaml"), (4, "safety_real_second_labels_batch4.yaml")])
def test_a_second_blind_labelling_agrees_with_the_first(batch, labels):
    """Two labellers, blind to each other, on the third batch (623 sentences, session 8): whether a
    sentence is a safe-messaging problem at all they agree on 0.99 / 0.99 (precision / recall of one
    against the other), and on notes, causes and framing 0.86-1.00; method against place is where
    they differ (method-detail 0.76 / 0.95, location-detail 0.90 / 0.72): the per-rule bar for those
    two is near what two careful editors reach. On the fourth batch (619 sentences, session 10):
    0.99 / 0.97; notes 0.95 / 0.93, causes 0.95 / 0.90, framing 1.00 / 0.94; method-detail 0.96 /
    0.87, location-detail 0.83 / 0.95."""
    first = {s["text"]: s["label"] for s in sentences(batch=batch)}
    second = yaml.safe_load((DATA / labels).read_text(encoding="utf-8"))["sentences"]
    assert len(second) == len(first) and all(s["text"] in first for s in second)

    def agreement(flag) -> tuple[float, float]:
        pairs = [(flag(first[s["text"]]), flag(s["label"])) for s in second]
        both = sum(a and b for a, b in pairs)
        return both / sum(b for _, b in pairs), both / sum(a for a, _ in pairs)

    assert min(agreement(lambda label: label != "pass")) >= 0.95
    for rule in ("suicide-note", "simplistic-cause", "sensational"):
        assert min(agreement(lambda label, rule=rule: label == rule)) >= 0.85, rule
    for rule in ("method-detail", "location-detail"):
        assert min(agreement(lambda label, rule=rule: label == rule)) >= 0.70, rule
