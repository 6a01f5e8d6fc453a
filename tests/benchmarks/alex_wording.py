"""Compare carecheck's wording.* with alex on the labelled sentence sets.

    python tests/benchmarks/alex_wording.py [--sets wording_eval wording_holdout]

Needs node and npm: alex 11 is installed into tests/benchmarks/.alex/ on first use (network needed
then; carecheck itself never needs it). A sentence counts as flagged by alex when alex reports
anything on it; "alex (equality only)" keeps only retext-equality messages and drops its
gendered-pronoun rules, the fairest reading of alex for this job. Prints precision, recall and
the accuracy per category for each tool.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
ALEX_DIR = HERE / ".alex"
GENDER_RULES = {"he-she", "her-him", "hers-his", "herself-himself", "boy-girl", "boys-girls", "man-woman", "men-women", "gals-men", "gal-guy", "dad-mom", "husband-wife", "brother-sister", "boyfriend-girlfriend"}
RUNNER = """
import {text} from 'alex';
import fs from 'node:fs';
const sentences = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = sentences.map(s => text(s).messages.map(m => ({source: m.source, rule: m.ruleId})));
process.stdout.write(JSON.stringify(out));
"""


def ensure_alex() -> Path:
    if not (ALEX_DIR / "node_modules" / "alex").is_dir():
        ALEX_DIR.mkdir(exist_ok=True)
        (ALEX_DIR / "package.json").write_text('{"private": true, "type": "module"}\n')
        subprocess.run(["npm", "install", "--silent", "alex@11"], cwd=ALEX_DIR, check=True)
    runner = ALEX_DIR / "run.mjs"
    runner.write_text(RUNNER)
    return runner


def alex_messages(sentences: list[str]) -> list[list[dict]]:
    runner = ensure_alex()
    done = subprocess.run(["node", str(runner)], input=json.dumps(sentences), capture_output=True, text=True, check=True, cwd=ALEX_DIR)
    return json.loads(done.stdout)


def carecheck_flags(sentences: list[str]) -> list[bool]:
    sys.path.insert(0, str(HERE.parent.parent))
    from checker.kinds import CheckContext, build_check
    from checker.parsing import parse_document
    from checker.rulefile import load_rules

    rules = [r for r in load_rules().rules if r.family == "wording"]
    flags = []
    for text in sentences:
        doc = parse_document("s.txt", text, "text")
        flags.append(any(build_check(r).check(doc, CheckContext({})) for r in rules))
    return flags


def score(items, flags) -> tuple[float, float, int]:
    tp = sum(1 for item, f in zip(items, flags) if f and item["flag"])
    fp = sum(1 for item, f in zip(items, flags) if f and not item["flag"])
    fn = sum(1 for item, f in zip(items, flags) if not f and item["flag"])
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0), fp


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", nargs="+", default=["wording_eval", "wording_holdout"])
    args = parser.parse_args()
    have_node = shutil.which("node") and shutil.which("npm")
    for name in args.sets:
        path = DATA / f"{name}.yaml"
        if not path.is_file():
            continue
        items = yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]
        texts = [i["text"] for i in items]
        tools = {"carecheck": carecheck_flags(texts)}
        if have_node:
            messages = alex_messages(texts)
            tools["alex"] = [bool(m) for m in messages]
            tools["alex (equality only)"] = [any(x["source"] == "retext-equality" and x["rule"] not in GENDER_RULES for x in m) for m in messages]
        print(f"\n{name}: {len(items)} sentences ({sum(i['flag'] for i in items)} to flag)")
        categories = sorted({i["category"] for i in items})
        header = f"{'':24}{'precision':>10}{'recall':>8}{'false +':>9}  " + "  ".join(f"{c[:12]:>12}" for c in categories)
        print(header)
        for tool, flags in tools.items():
            precision, recall, fp = score(items, flags)
            right, total = Counter(), Counter()
            for item, f in zip(items, flags):
                total[item["category"]] += 1
                right[item["category"]] += f == item["flag"]
            cells = "  ".join(f"{right[c]:>5}/{total[c]:<6}" for c in categories)
            print(f"{tool:24}{precision:>10.3f}{recall:>8.3f}{fp:>9}  {cells}")
    if not have_node:
        print("\n(node/npm not found: alex not measured)")


if __name__ == "__main__":
    main()
