"""A deterministic generator of realistic mental-health articles, for benchmarks.

    python tests/benchmarks/generate.py DIR COUNT [--seed 1]

Each article is Markdown of 1,500-3,000 words: front matter with a review date and reviewer, a
crisis notice at the top (for most), headings, paragraphs and lists, statistics attributed to named
sources and restated in an FAQ, and some stigmatising terms, negated or myth-framed and not. The
same seed gives the same corpus byte for byte.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

TOPICS = ["self-harm", "suicide prevention", "depression", "anxiety", "eating disorders", "grief", "sleep and mood", "panic attacks"]
BANNERS = [
    "> If you are thinking about suicide or are in crisis, call or text 988 or chat at 988lifeline.org. If you are in immediate danger, call 911.",
    "> If you need to talk, call Samaritans free on 116 123, any time. In an emergency, call 999.",
]
SENTENCES = [
    "Many people find that talking to someone they trust is a helpful first step.",
    "Symptoms can change from week to week, and that is normal for recovery.",
    "A doctor or nurse can talk through the options with you and help you decide what fits.",
    "Small daily routines, such as regular meals and a set bedtime, often make a real difference.",
    "It can take time to find the right support, so try not to give up if the first attempt does not work.",
    "Friends and family may not know what to say, but they can still listen without judging.",
    "Some people keep a short diary to notice patterns in their mood and energy.",
    "Therapy helps people understand their feelings and learn new ways to cope with them.",
    "Medicine can help some people, and a doctor will explain the benefits and side effects.",
    "If things feel hard, it is okay to ask for help more than once.",
    "Schools, workplaces and community groups can all play a part in support.",
    "Recovery does not always follow a straight line, and setbacks are part of the process.",
    "People with lived experience say that feeling heard is one of the most important things.",
    "Physical activity, even a short walk, can lift mood for many people.",
    "Cognitive behavioral therapy focuses on the links between thoughts, feelings and actions.",
]
STATS = [
    "A 2014 review by Swannell and colleagues found that about 17.2% of adolescents had self-harmed.",
    "According to the World Health Organization, an estimated 727,000 people died by suicide in 2021.",
    "According to NIMH, more than one in five US adults were living with a mental illness in 2022.",
    "The CDC found that about 55% of US suicide deaths in 2022 involved a firearm.",
    "Studies show that 30% of teenagers feel anxious every week.",
]
TERMS = [
    "Self-harm is not attention-seeking; it is a way of coping with overwhelming feelings.",
    "A common myth is that people who self-harm are manipulative.",
    "Some people still say that suicide is selfish, but the evidence says otherwise.",
    "His uncle committed suicide when he was young.",
    "Anyone who suffers from depression deserves care.",
    "Is self-harm a cry for help? Not in the way the myth suggests.",
]
LIST_ITEMS = ["Talk to someone you trust", "Keep a regular sleep routine", "Move a little every day", "Write down what helps", "Limit alcohol and caffeine", "Plan small, enjoyable activities"]


def article(rng: random.Random, index: int) -> str:
    topic = rng.choice(TOPICS)
    words_wanted = rng.randint(1500, 3000)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    year = rng.choice([2024, 2025, 2026])
    parts = [
        "---",
        f"title: {topic.capitalize()} guide {index}",
        f"topics: [{topic.replace(' ', '-')}]",
        f"locale: {'en-GB' if index % 7 == 0 else 'en-US'}",
        f"last_reviewed: {year}-{month:02d}-{day:02d}",
        f"reviewed_by: \"Reviewer {index % 50}, {rng.choice(['MD', 'PhD', 'PsyD', 'LCSW'])}\"",
        "---",
        "",
    ]
    if index % 10:
        parts += [BANNERS[1] if index % 7 == 0 else BANNERS[0], ""]
    parts += [f"# {topic.capitalize()}", ""]
    words = 0
    section = 0
    stats_used = []
    while words < words_wanted:
        section += 1
        parts += [f"## Section {section}: {rng.choice(['Signs', 'Causes', 'Treatment', 'Support', 'Daily life', 'Getting help'])}", ""]
        for _ in range(rng.randint(2, 4)):
            sentences = [rng.choice(SENTENCES) for _ in range(rng.randint(3, 7))]
            if rng.random() < 0.3:
                stat = rng.choice(STATS)
                stats_used.append(stat)
                sentences.insert(rng.randint(0, len(sentences)), stat)
            if rng.random() < 0.15:
                sentences.insert(rng.randint(0, len(sentences)), rng.choice(TERMS))
            paragraph = " ".join(sentences)
            parts += [paragraph, ""]
            words += len(paragraph.split())
        if rng.random() < 0.5:
            items = rng.sample(LIST_ITEMS, 4)
            parts += [f"- {item}" for item in items] + [""]
            words += sum(len(i.split()) for i in items)
    parts += ["## FAQ", "", "### How common is this?", ""]
    parts += [(stats_used[0] if stats_used else rng.choice(SENTENCES)), ""]
    parts += ["### Where can I get help?", "", "Talk to your doctor, or call or text 988 any time.", ""]
    return "\n".join(parts)


def generate(directory: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    return write_articles(directory, (article(rng, index) for index in range(count)))


def write_articles(directory: Path, texts) -> list[Path]:
    """Write article-00000.md ... into directory; files already right are left as they are (their
    modification times too, so the caches of a previous benchmark run still apply)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, text in enumerate(texts):
        path = directory / f"article-{index:05d}.md"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def command_line(write, description: str) -> None:
    """`python SCRIPT DIR COUNT [--seed N]` for a corpus writer."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.directory, args.count, args.seed)


if __name__ == "__main__":
    command_line(generate, __doc__)
