"""A benchmark corpus stitched from the real published pages kept in the repository, so that the
cost measured is that of real text (its figures, terms, phone numbers and layout), not of a
generator's sentences.

    python tests/benchmarks/real_corpus.py DIR COUNT [--seed 1]

Every Markdown file under tests/data whose first line is `<!-- source: URL -->` is a page (the
beginning of a real page, verbatim); that line is dropped. Each article is front matter (title and
`last_reviewed:` date), a title, and whole pages one after another until it reaches its length
(1,500-3,000 words, drawn from the seed). The pages are taken in turn from a shuffled list,
shuffled again at each pass, so every article mixes several pages and all pages are used about
equally. The same pages and seed give the same corpus byte for byte. No network.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import command_line, write_articles

DATA = Path(__file__).resolve().parent.parent / "data"
SOURCE = "<!-- source:"


def pages(directory: Path = DATA) -> list[str]:
    """The text of every real page under directory, without its source line, in path order."""
    found = []
    for path in sorted(directory.rglob("*.md")):
        first, _, rest = path.read_text(encoding="utf-8").partition("\n")
        if first.startswith(SOURCE) and rest.strip():
            found.append(rest.strip())
    return found


def stitch(directory: Path = DATA, count: int = 100, seed: int = 1) -> list[str]:
    """`count` articles of about 1,500-3,000 words made of the real pages under directory."""
    texts = pages(directory)
    if not texts:
        raise ValueError(f"no page with a '{SOURCE} URL -->' first line under {directory}")
    rng = random.Random(seed)
    order: list[str] = []
    articles = []
    for index in range(count):
        wanted = rng.randint(1500, 3000)
        body, words = [], 0
        # Whole pages only (cutting one would make text no page has); stop before passing 3,000
        # words once the article has its minimum, so lengths stay in the range of the other corpora.
        while words < wanted:
            if not order:
                order = texts[:]
                rng.shuffle(order)
            page = order[-1]
            size = len(page.split())
            if words >= 1500 and words + size > 3000:
                break
            order.pop()
            body.append(page)
            words += size
        month, day, year = rng.randint(1, 12), rng.randint(1, 28), rng.choice([2024, 2025, 2026])
        articles.append("\n".join([
            "---",
            f"title: Real pages {index}",
            f"last_reviewed: {year}-{month:02d}-{day:02d}",
            "---",
            "",
            f"# Real pages {index}",
            "",
            "\n\n".join(body),
            "",
        ]))
    return articles


def write(out: Path, count: int, seed: int = 1, directory: Path = DATA) -> list[Path]:
    """Write the stitched corpus to out (article-00000.md ...)."""
    return write_articles(out, stitch(directory, count, seed))


if __name__ == "__main__":
    command_line(write, __doc__)
