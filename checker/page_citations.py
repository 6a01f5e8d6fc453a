"""Citations a page gives once for many figures: a source line after a paragraph or a run of facts
("(Source: Stats NZ)", "— National Institute of Mental Health"), a title that says the page
reports one study ("Aware's national survey reveals ..."), and a speaker whose words run over
several paragraphs ('The minister said: "... / "We remain committed to the 19% decrease ...').
Run after each sentence's own citation is read (checker.claims.analyse); they only raise a
figure's citation, never lower it."""

from __future__ import annotations

import re

from checker.citations import RANK, Citation
from checker.document import HEADING, LIST_ITEM, PARAGRAPH


def cite_from_source_lines(doc, stats, reader) -> None:
    """A block that is a source line ("(Source: X)", "(Facts via NAMI)") cites the paragraph just
    before it, or the whole list it ends (a list's last item may carry it), and with them the run
    of paragraphs of figures just before (a "Facts" section of one figure per paragraph, with the
    lead-ins of its lists)."""
    covered: set[int] = set()
    with_figures = {id(stat.block) for stat in stats}
    run: list = []  # the blocks since the last heading or source line
    for block in doc.blocks:
        if block.kind == HEADING:
            run = []
            continue
        line = next((s.text for s in block.sentences if reader.is_source_line(s.text)), None)
        if line is not None:
            covered.add(id(block))
            if run:
                last = run[-1]
                listed = [b for b in run if b.kind == LIST_ITEM] if last.kind == LIST_ITEM or block.kind == LIST_ITEM else []
                covered.update(id(b) for b in (listed or [last]))
                for earlier in reversed(run):
                    if id(earlier) in with_figures:
                        covered.add(id(earlier))
                    elif not (earlier.kind == LIST_ITEM and id(earlier) in covered) and not earlier.text.rstrip().endswith(":"):
                        break  # the run goes on through the list it ends and a lead-in ("In 2017, suicide was:")
            run = []
        else:
            run.append(block)
    for stat in stats:
        if id(stat.block) in covered and stat.citation_status != "cited":
            stat.cite(Citation("cited", "the source line after it"))


def cite_from_study_title(doc, stats, reader) -> None:
    """A page whose title says it reports one study's findings ("Aware's national survey reveals
    high rates of depression", "New report finds ...") gives that study as the source of its
    figures: a press release of a survey cites it once, at the top. The title is the first heading
    or, on a page without headings, one of its first short lines."""
    if not stats or reader.study_title is None:
        return
    shape = reader.study_title_shape
    title = next((b for b in doc.blocks[: shape["heading_within"]] if b.kind == HEADING), None)
    # (a title is short and is no sentence: "Aware's national survey reveals high rates of depression")
    candidates = [title] if title is not None else [b for b in doc.blocks[: shape["lines"]]
                                                    if len(b.text.split()) <= shape["words"] and not b.text.rstrip().endswith((".", "!", "?"))]
    found = next((m for b in candidates for m in [reader.study_title.search(b.text)] if m), None)
    if found is None:
        return
    for stat in stats:
        if stat.citation_status != "cited":
            stat.cite(Citation("cited", f"the study the page reports ('{found.group().strip()}' in its title)"))


_OPENING_QUOTE = re.compile(r"^\s*[\"“]")


def cite_from_quoted_speakers(doc, stats, reader) -> None:
    """A speaker introduced with a colon and an opening quotation ('Minister Clare Haughey said: "...')
    whose words run on in the paragraphs that open with a quotation mark, as press releases quote:
    the figures in those words are the speaker's, a source named without a year or a link."""
    speaker_of: dict[int, str] = {}
    speaker = None
    for block in doc.blocks:
        if block.kind == HEADING:
            speaker = None
            continue
        found = reader.speaker_intro.search(block.text)
        if found:
            speaker = " ".join(found.group("who").split())
            speaker_of[id(block)] = speaker
        elif speaker and _OPENING_QUOTE.match(block.text):
            speaker_of[id(block)] = speaker
        else:
            speaker = None
    for stat in stats:
        who = speaker_of.get(id(stat.block))
        if who and RANK[stat.citation_status] < RANK["incomplete"]:
            stat.cite(Citation("incomplete", f"the words of {who}, without a year or a link", who))


def cite_from_the_paragraph_after(doc, stats, reader) -> None:
    """News tells a finding first and names its source in the paragraph after ("One helpline has
    received an almost 10% spike in calls ..." / "Statistics released by 1Life reveal ..."): a
    paragraph whose figures all name no source, and that points at no research of its own, is cited
    by the source the next paragraph's first sentence names while it speaks of the figures."""
    by_block: dict[int, list] = {}
    for stat in stats:
        by_block.setdefault(id(stat.block), []).append(stat)
    for here, after in zip(doc.blocks, doc.blocks[1:]):
        mine = by_block.get(id(here))
        if here.kind != PARAGRAPH or after.kind != PARAGRAPH or not mine or not after.sentences:
            continue  # paragraphs of prose, one after the other (a list's items are separate facts)
        if any(s.citation_status for s in mine) or any(reader.vague(s.text) for s in here.sentences):
            continue
        first = after.sentences[0]
        if not reader.speaks_of_figures(first.text):
            continue  # it must speak of the figures: "Statistics released by 1Life reveal ..."
        named = reader.judge(first.text, first, after)
        if named.status and named.source:
            for stat in mine:
                stat.cite(Citation(named.status, f"{named.why}, in the paragraph after", named.source))
