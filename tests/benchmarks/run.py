"""carecheck's benchmark: throughput, parallel speed-up, cache, cold start and memory, and the
same corpus through alex and write-good when node is installed. Writes BENCHMARKS.md.

    python tests/benchmarks/run.py [--sizes 100 1000 10000] [--peers] [--output BENCHMARKS.md]

Everything is measured in one run on one machine, and reported as figures and ratios, never as a
pass/fail timing. The corpus comes from tests/benchmarks/generate.py (deterministic).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

TODAY = "2026-11-25"


def run(command: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Wall time, CPU time (user + system of the child) and peak memory of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall": wall,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "peak_mb": after.ru_maxrss / 1024,  # the largest child so far (kilobytes on Linux)
        "code": done.returncode,
        "stdout": done.stdout,
        "stderr": done.stderr,
    }


def carecheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "checker", "check", "--today", TODAY, "--format", "json", *args]


# carecheck runs as pip installs it: its modules byte-compiled (some sandboxes set
# PYTHONDONTWRITEBYTECODE, which would make every run compile them from source again).
PYTHON_ENV = {"PYTHONDONTWRITEBYTECODE": ""}


def byte_compile() -> None:
    import compileall

    compileall.compile_dir(str(ROOT / "checker"), quiet=1)


def import_profile(article: Path, cwd: Path, top: int = 12) -> tuple[list[tuple[str, float]], float]:
    """`python -X importtime` of a one-article check: the top-level imports that take longest
    (cumulative milliseconds), and the time of all imports together."""
    command = [sys.executable, "-X", "importtime", *carecheck(str(article))[1:]]
    done = subprocess.run(command, cwd=cwd, env={**os.environ, **PYTHON_ENV}, capture_output=True, text=True)
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "cumulative" not in line:
            _self, cumulative, name = line[len("import time:") :].split("|")
            if not name[1:].startswith(" "):  # nested imports are indented further
                rows.append((name.strip(), int(cumulative) / 1000))
    total = sum(ms for _, ms in rows)
    return sorted(rows, key=lambda row: -row[1])[:top], total


def peak_rss(command: list[str], cwd: Path) -> float:
    """Peak RSS in MB of one command, measured alone (GNU time when available)."""
    if shutil.which("/usr/bin/time"):
        done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], cwd=cwd, capture_output=True, text=True)
        return int(done.stderr.strip().splitlines()[-1]) / 1024
    return run(command, cwd)["peak_mb"]


def ensure_node_tool(name: str, package: str) -> Path | None:
    if not (shutil.which("node") and shutil.which("npm")):
        return None
    directory = HERE / ".alex"
    binary = directory / "node_modules" / ".bin" / name
    if not binary.exists():
        directory.mkdir(exist_ok=True)
        if not (directory / "package.json").exists():
            (directory / "package.json").write_text('{"private": true, "type": "module"}\n')
        subprocess.run(["npm", "install", "--silent", package], cwd=directory, check=False)
    return binary if binary.exists() else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--peers", action="store_true", help="also run alex and write-good on the 1,000-article corpus")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "carecheck-bench")
    args = parser.parse_args()

    jobs = os.cpu_count() or 1
    rows = []
    byte_compile()
    env = {"CARECHECK_NO_CACHE": "1", "CARECHECK_LANGUAGETOOL_URL": "", **PYTHON_ENV}
    for size in args.sizes:
        corpus = args.work / f"corpus-{size}"
        generate(corpus, size)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in sorted(corpus.glob("*.md"))[:200]) / min(size, 200)
        serial = run(carecheck("--jobs", "1", str(corpus)), ROOT, env) if size <= 1000 else None
        command = carecheck("--jobs", str(jobs), str(corpus))
        timed = shutil.which("/usr/bin/time") is not None
        parallel = run((["/usr/bin/time", "-f", "%M"] if timed else []) + command, ROOT, env)
        memory = int(parallel["stderr"].strip().splitlines()[-1]) / 1024 if timed else parallel["peak_mb"]
        files = json.loads(parallel["stdout"])["summary"]["files"]
        assert files == size, parallel["stderr"][-500:]
        if serial:
            assert serial["stdout"] == parallel["stdout"], "--jobs 1 and --jobs N must give the same output"
        rows.append({"size": size, "words": words, "serial": serial, "parallel": parallel, "memory": memory})
        print(f"{size}: {size / parallel['wall']:.0f} articles/s with {jobs} jobs", file=sys.stderr)

    # Cache: cold and warm runs of the 1,000-article corpus (or the largest below it).
    cache_size = max(s for s in args.sizes if s <= 1000)
    cache_dir = args.work / "cache-run"
    shutil.rmtree(cache_dir, ignore_errors=True)
    cache_dir.mkdir(parents=True)
    corpus = args.work / f"corpus-{cache_size}"
    cache_env = {"CARECHECK_NO_CACHE": "", "CARECHECK_LANGUAGETOOL_URL": "", **PYTHON_ENV}
    cold = run(carecheck(str(corpus)), cache_dir, cache_env)
    warm = run(carecheck(str(corpus)), cache_dir, cache_env)

    # Cold start: one article, median of 9 runs, as in a pre-commit hook after an edit: the rule
    # set was validated before (its cache is warm), the article is new (its result is not).
    one = sorted(corpus.glob("*.md"))[0]
    start_dir = args.work / "cold-start"
    shutil.rmtree(start_dir, ignore_errors=True)
    start_dir.mkdir(parents=True)
    article = start_dir / "article.md"
    starts = []
    for k in range(10):
        article.write_text(one.read_text(encoding="utf-8") + f"\nEdit {k}.\n", encoding="utf-8")
        wall = run(carecheck(str(article)), start_dir, cache_env)["wall"]
        if k:  # the first run fills the rule-set cache
            starts.append(wall)
    article.write_text(one.read_text(encoding="utf-8") + "\nOne more edit.\n", encoding="utf-8")
    imports = import_profile(article, start_dir)  # an edited article again: a full check, not a cached one
    families = family_costs(args.work / f"corpus-{min(args.sizes)}")

    peers = {}
    if args.peers:
        peer_corpus = args.work / f"corpus-{cache_size}"
        files = [str(p) for p in sorted(peer_corpus.glob("*.md"))]
        ours = carecheck("--jobs", str(jobs), str(peer_corpus))
        alex = ensure_node_tool("alex", "alex@11")
        if alex:
            peers["alex"] = side_by_side([str(alex), str(peer_corpus)], ours, env)
            peers["alex (one file)"] = statistics.median(run([str(alex), str(one)], ROOT)["wall"] for _ in range(5))
        write_good = ensure_node_tool("write-good", "write-good@1")
        if write_good:
            peers["write-good"] = side_by_side([str(write_good), *files], ours, env)
            peers["write-good (one file)"] = statistics.median(run([str(write_good), str(one)], ROOT)["wall"] for _ in range(5))

    write_report(args, rows, jobs, cold, warm, starts, peers, cache_size, families, imports)


def side_by_side(peer: list[str], ours: list[str], env: dict) -> dict:
    """A peer's run between two of carecheck's on the same files. A shared machine's speed drifts
    over minutes; comparing the peer with the mean of the runs just before and after it keeps that
    drift out of the ratio."""
    before = run(ours, ROOT, env)["wall"]
    result = run(peer, ROOT)
    after = run(ours, ROOT, env)["wall"]
    return dict(result, ours=(before + after) / 2, ours_runs=(before, after))


def family_costs(corpus: Path) -> dict:
    """Milliseconds per article for parsing and for each rule kind, measured in this process."""
    import collections
    import datetime as dt

    sys.path.insert(0, str(ROOT))
    from checker.kinds import CheckContext, build_check
    from checker.parsing import parse_document
    from checker.readability import article_prose
    from checker.rulefile import load_rules

    rules = load_rules().rules
    context = CheckContext({"today": dt.date(2026, 11, 25), "locale": "en-US", "freshness": {}, "readability": {}, "grammar": {}})
    costs = collections.Counter()
    paths = sorted(corpus.glob("*.md"))
    for path in paths:
        start = time.perf_counter()
        doc = parse_document(str(path), path.read_text(encoding="utf-8"))
        for block in doc.blocks:
            _ = block.sentences
            _ = block.words  # the word sets every kind's pre-checks use
        costs["parsing, sentences and words"] += time.perf_counter() - start
        start = time.perf_counter()
        article_prose(doc)  # the counts behind every reading-level measure, shared by the rules
        costs["readability"] += time.perf_counter() - start
        for rule in rules:
            check = build_check(rule)
            start = time.perf_counter()
            check.check(doc, context)
            check.metrics(doc, context)
            costs[rule.kind] += time.perf_counter() - start
    return {name: seconds * 1000 / len(paths) for name, seconds in costs.most_common()}


def write_report(args, rows, jobs, cold, warm, starts, peers, cache_size, families, imports) -> None:
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.date.today().isoformat()} on {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}.",
        "Command: `python tests/benchmarks/run.py " + " ".join(sys.argv[1:]) + "` (corpus from tests/benchmarks/generate.py;",
        "every default family on; grammar without a server; results cache off except in the cache rows;",
        "carecheck's modules byte-compiled, as pip installs them).",
        "",
        "| articles | words per article | jobs | wall (s) | CPU (s) | articles/s | speed-up over --jobs 1 | peak memory |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        p, s = row["parallel"], row["serial"]
        speedup = f"{s['wall'] / p['wall']:.2f}x" if s else "—"
        memory = f"{row['memory']:.0f} MB" if row["memory"] else "—"  # the largest process of the run
        if s:
            lines.append(f"| {row['size']:,} | {row['words']:.0f} | 1 | {s['wall']:.2f} | {s['cpu']:.2f} | {row['size'] / s['wall']:.1f} | | |")
        lines.append(f"| {row['size']:,} | {row['words']:.0f} | {jobs} | {p['wall']:.2f} | {p['cpu']:.2f} | {row['size'] / p['wall']:.1f} | {speedup} | {memory} |")
    lines += [
        "",
        f"Cache, {cache_size:,} articles: cold {cold['wall']:.2f} s, warm {warm['wall']:.2f} s: **{cold['wall'] / warm['wall']:.1f}x** faster when nothing changed.",
        "",
        f"Cold start, `carecheck check` on one edited article (rule-set cache warm): median **{statistics.median(starts) * 1000:.0f} ms** of {len(starts)} runs (min {min(starts) * 1000:.0f}, max {max(starts) * 1000:.0f}).",
        "",
        f"Imports of that one-article check (`python -X importtime`): {imports[1]:.0f} ms in all; the largest top-level ones: "
        + ", ".join(f"{name} {ms:.1f}" for name, ms in imports[0][:8])
        + " (milliseconds, with what they import).",
        "",
        "Cost per article by rule kind (one process, milliseconds): "
        + ", ".join(f"{name} {ms:.1f}" for name, ms in families.items())
        + f"; total {sum(families.values()):.1f}.",
    ]
    if peers:
        lines += [
            "",
            f"Peers on the same {cache_size:,} articles, measured in the same run, each between two runs of carecheck",
            f"({jobs} jobs; the ratio uses their mean):",
            "",
            "| tool | wall (s) | carecheck just before and after (s) | its time ÷ carecheck's | start on one file |",
            "|---|---:|---:|---:|---:|",
        ]
        for name in ("alex", "write-good"):
            if name in peers:
                peer = peers[name]
                around = " and ".join(f"{t:.2f}" for t in peer["ours_runs"])
                lines.append(f"| {name} | {peer['wall']:.2f} | {around} | {peer['wall'] / peer['ours']:.1f} | {peers[name + ' (one file)'] * 1000:.0f} ms |")
        lines.append(f"| carecheck (all families) | | | | {statistics.median(starts) * 1000:.0f} ms |")
    lines += ["", *targets(rows, cold, warm, starts, peers, cache_size)]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def targets(rows, cold, warm, starts, peers, cache_size) -> list[str]:
    """The performance targets of the issue, each with the figure measured in this run."""
    ours = next((r for r in rows if r["size"] == cache_size), None)
    largest = max(rows, key=lambda r: r["size"])
    checks = []
    if ours and ours["serial"]:
        checks.append((f"parallel speed-up, {cache_size:,} articles", "at least 1.7x", f"{ours['serial']['wall'] / ours['parallel']['wall']:.2f}x", ours["serial"]["wall"] / ours["parallel"]["wall"] >= 1.7))
    checks.append(("warm cache re-run", "at least 10x faster", f"{cold['wall'] / warm['wall']:.1f}x", cold["wall"] / warm["wall"] >= 10))
    start = statistics.median(starts) * 1000
    checks.append(("cold start, one article", "150 ms or less", f"{start:.0f} ms", start <= 150))
    checks.append((f"peak memory, {largest['size']:,} articles", "250 MB or less", f"{largest['memory']:.0f} MB", largest["memory"] <= 250))
    for name, ratio in (("alex", 10), ("write-good", 3)):
        if name in peers:
            times = peers[name]["wall"] / peers[name]["ours"]
            checks.append((f"throughput against {name}", f"at least {ratio}x", f"{times:.1f}x", times >= ratio))
    lines = ["Targets of the performance issue, as measured in this run:", "", "| target | wanted | measured | met |", "|---|---|---:|---|"]
    lines += [f"| {what} | {wanted} | {measured} | {'yes' if met else '**no**'} |" for what, wanted, measured, met in checks]
    return lines


if __name__ == "__main__":
    main()
