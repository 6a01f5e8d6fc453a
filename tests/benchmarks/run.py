"""carecheck's benchmark on three corpora: throughput (all jobs and one), the same files through alex
and write-good when node is installed, the warm re-run, one edited article, the floor (reading and
parsing alone), the cost of each family, and growth with article length and corpus size. Writes
BENCHMARKS.md.

    python tests/benchmarks/run.py [--sizes 100 1000 10000] [--peers [N]] [--corpora ours second real]
                                   [--edits 20] [--output BENCHMARKS.md]

The corpora, each of N articles (the --peers size, 1,000 by default; without --peers the largest
--sizes up to 1,000):
- ours: tests/benchmarks/generate.py (deterministic);
- second: ../shared/bench/make_corpus.py --seed 11, written apart from the project (skipped, with a
  note, when that file is missing);
- real: the real published pages kept in tests/data, stitched to article length
  (tests/benchmarks/real_corpus.py).

Everything is measured in one run on one machine, and reported as figures and ratios, never as a
pass/fail timing.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import real_corpus  # noqa: E402
from generate import generate  # noqa: E402

TODAY = "2026-11-25"
CORPORA = {
    "ours": "tests/benchmarks/generate.py",
    "second": "../shared/bench/make_corpus.py --seed 11, written apart from the project",
    "real": "real published pages from tests/data stitched to article length (tests/benchmarks/real_corpus.py)",
}
SECOND = ROOT.parent / "shared" / "bench" / "make_corpus.py"
FLOOR = "reading and parsing (the floor)"
LENGTHS = (1, 5, 20)
LSP_HEADING = "## The editor's wait (language server)"


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


def _tree_rss_mb() -> float | None:
    """The resident memory of every process below this one, summed (Linux /proc; None elsewhere).
    Forked workers share pages with their parent, and each counts them: an upper bound."""
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return None
    parents, rss, names = {}, {}, {}
    for pid in entries:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        name, fields = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :].split()
        parents[int(pid)], rss[int(pid)], names[int(pid)] = int(fields[1]), int(fields[21]), name
    below, todo = set(), [os.getpid()]
    while todo:
        parent = todo.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in below:
                below.add(pid)
                todo.append(pid)
    pages = sum(rss[pid] for pid in below if names[pid] != "time")  # not GNU time's own few pages
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def measured(command: list[str], cwd: Path, env: dict | None = None) -> dict:
    """run(), plus the peak memory of its largest process (GNU time, when available) and of all its
    processes together (sampled every 50 ms): with jobs, each worker holds its own copy of the rules."""
    timed = shutil.which("/usr/bin/time") is not None
    peak, stop = [0.0], threading.Event()

    def sample() -> None:
        while not stop.wait(0.05):
            peak[0] = max(peak[0], _tree_rss_mb() or 0.0)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    result = run((["/usr/bin/time", "-f", "%M"] if timed else []) + command, cwd, env)
    stop.set()
    sampler.join()
    if timed:
        lines = result["stderr"].strip().splitlines()
        result["memory"] = int(lines[-1]) / 1024
        result["stderr"] = "\n".join(lines[:-1])
    else:
        result["memory"] = result["peak_mb"]
    result["memory_all"] = peak[0] or None
    return result


def carecheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "checker", "check", "--today", TODAY, "--format", "json", *args]


# carecheck runs as pip installs it: its modules byte-compiled (some sandboxes set
# PYTHONDONTWRITEBYTECODE, which would make every run compile them from source again).
PYTHON_ENV = {"PYTHONDONTWRITEBYTECODE": ""}
NO_CACHE = {"CARECHECK_NO_CACHE": "1", "CARECHECK_LANGUAGETOOL_URL": "", **PYTHON_ENV}
CACHE = {"CARECHECK_NO_CACHE": "", "CARECHECK_LANGUAGETOOL_URL": "", **PYTHON_ENV}


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


def build_corpus(name: str, directory: Path, count: int) -> str | None:
    """Write one corpus of `count` articles to directory; a note when it cannot be built."""
    if name == "ours":
        generate(directory, count)
    elif name == "second":
        if not SECOND.exists():
            return f"{SECOND} not found"
        # Its files are named after their titles: start afresh so no file of another run stays.
        shutil.rmtree(directory, ignore_errors=True)
        done = subprocess.run([sys.executable, str(SECOND), "--n", str(count), "--out", str(directory), "--seed", "11"],
                              capture_output=True, text=True)
        if done.returncode:
            return f"make_corpus.py failed: {done.stderr.strip()[-300:]}"
    else:
        real_corpus.write(directory, count)
    return None


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: with 20 runs the p95 is the 19th fastest, not an interpolation."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000],
                        help="corpus sizes of the growth table (10,000 and above: ours only)")
    parser.add_argument("--peers", type=int, nargs="?", const=1000, default=None, metavar="N",
                        help="also run alex and write-good, on corpora of N articles (default 1,000)")
    parser.add_argument("--corpora", nargs="+", choices=list(CORPORA), default=list(CORPORA))
    parser.add_argument("--edits", type=int, default=20, help="runs of the one-edited-article check per corpus")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "carecheck-bench")
    args = parser.parse_args()
    size = args.peers or max([s for s in args.sizes if s <= 1000] or [min(args.sizes)])

    jobs = os.cpu_count() or 1
    byte_compile()
    tools = {}
    if args.peers:
        tools = {name: binary for name, package in (("alex", "alex@11"), ("write-good", "write-good@1"))
                 if (binary := ensure_node_tool(name, package))}
    lsp = carried_section(ROOT / "BENCHMARKS.md")  # read before anything writes the report

    corpora, notes = {}, []
    for name in args.corpora:
        directory = args.work / f"{name}-{size}"
        note = build_corpus(name, directory, size)
        if note:
            notes.append(f"{name}: skipped ({note})")
            print(notes[-1], file=sys.stderr)
            continue
        corpora[name] = measure(name, directory, size, jobs, tools, args)

    first = next(iter(corpora.values()), None)
    imports = import_profile(first["articles"][0], args.work / f"edit-{first['name']}") if first else ([], 0.0)
    starts = {}  # each peer's time to start on one file: the editor's case
    if first:
        for name, binary in tools.items():
            starts[name] = statistics.median(run([str(binary), str(first["articles"][0])], ROOT)["wall"] for _ in range(5))

    growth = {name: grow(name, result, args.sizes, size, jobs, args.work) for name, result in corpora.items()}
    write_report(args, size, jobs, corpora, notes, growth, imports, starts, lsp)


def measure(name: str, directory: Path, size: int, jobs: int, tools: dict, args) -> dict:
    """Every per-corpus figure: throughput, peers, cache, one edited article, floor and families."""
    articles = sorted(directory.glob("*.md"))
    sample = articles[:200]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in sample) / len(sample)
    serial = run(carecheck("--jobs", "1", str(directory)), ROOT, NO_CACHE)
    ours = carecheck("--jobs", str(jobs), str(directory))
    parallel = run(ours, ROOT, NO_CACHE)
    summary = json.loads(parallel["stdout"])["summary"]
    assert summary["files"] == size, parallel["stderr"][-500:]
    same = serial["stdout"] == parallel["stdout"]
    if not same:  # once more, in case the code or rules changed between the two runs
        same = run(carecheck("--jobs", "1", str(directory)), ROOT, NO_CACHE)["stdout"] == run(ours, ROOT, NO_CACHE)["stdout"]
    if not same:  # reported, not raised: a long run's other figures are still worth having
        print(f"{name}: --jobs 1 and --jobs {jobs} gave different output", file=sys.stderr)
    print(f"{name}, {size}: {size / parallel['wall']:.0f} articles/s with {jobs} jobs, "
          f"{size / serial['wall']:.0f} with 1", file=sys.stderr)

    peers = {}
    for tool, binary in tools.items():
        # alex takes a folder; write-good only files.
        command = [str(binary), str(directory)] if tool == "alex" else [str(binary), *map(str, articles)]
        peers[tool] = side_by_side(command, ours, NO_CACHE)
        print(f"{name}: {tool} {peers[tool]['wall']:.1f} s, carecheck {peers[tool]['ours']:.1f} s", file=sys.stderr)

    # The warm re-run: the same files again with the results cache on, in a fresh cache.
    cache_dir = args.work / f"cache-{name}"
    shutil.rmtree(cache_dir, ignore_errors=True)
    cache_dir.mkdir(parents=True)
    cold = run(carecheck(str(directory)), cache_dir, CACHE)
    warm = run(carecheck(str(directory)), cache_dir, CACHE)

    edits = edited_article(articles[0], args.work / f"edit-{name}", args.edits)
    hook_edits = edited_article(articles[0], args.work / f"edit-{name}", args.edits, keep_warm=True)
    families = family_costs(directory)
    # Throughput with jobs: the median of every run of it on this corpus (the peers' neighbours
    # too), so one run slowed by the machine does not make the headline figure.
    walls = [parallel["wall"], *(t for p in peers.values() for t in p["ours_runs"])]
    return {"name": name, "directory": directory, "articles": articles, "size": size, "words": words, "walls": walls,
            "findings": summary["findings"] / size, "same": same, "serial": serial, "parallel": parallel, "peers": peers,
            "cold": cold, "warm": warm, "edits": edits, "hook_edits": hook_edits, "families": families}


def edited_article(one: Path, directory: Path, count: int, keep_warm: bool = False) -> list[float]:
    """One article checked after an edit: the rule set was validated before (its cache is warm),
    the article is new (its result is not). With keep_warm, as the pre-commit hook runs it: the
    first run starts the warm process (checker/warm.py), the others are answered by it. Seconds
    per run."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    article = directory / "article.md"
    runtime = tempfile.mkdtemp(prefix="cc-")  # short: a socket's path has room for about 100 characters
    env = {**CACHE, "XDG_RUNTIME_DIR": runtime, "CI": "", "CARECHECK_NO_WARM": "1" if not keep_warm else ""}
    flags = ["--keep-warm"] if keep_warm else []
    walls = []
    try:
        for k in range(count + 1):
            article.write_text(one.read_text(encoding="utf-8") + f"\nEdit {k}.\n", encoding="utf-8")
            wall = run(carecheck(*flags, str(article)), directory, env)["wall"]
            if k:  # the first run fills the rule-set cache (and starts the warm process)
                walls.append(wall)
            elif keep_warm:
                deadline = time.monotonic() + 60
                while not list(Path(runtime).glob("carecheck-*/*.sock")) and time.monotonic() < deadline:
                    time.sleep(0.1)
    finally:
        run([sys.executable, "-m", "checker", "warm", "stop"], directory, env)
        shutil.rmtree(runtime, ignore_errors=True)
    article.write_text(one.read_text(encoding="utf-8") + "\nOne more edit.\n", encoding="utf-8")  # for import_profile
    return walls


def side_by_side(peer: list[str], ours: list[str], env: dict) -> dict:
    """A peer's run between two of carecheck's on the same files. A shared machine's speed drifts
    over minutes; comparing the peer with the mean of the runs just before and after it keeps that
    drift out of the ratio."""
    before = run(ours, ROOT, env)["wall"]
    result = run(peer, ROOT)
    after = run(ours, ROOT, env)["wall"]
    return dict(result, ours=(before + after) / 2, ours_runs=(before, after))


def in_process_engine():
    """carecheck's engine in this process, set up as `check --no-cache` sets it up (no grammar server)."""
    sys.path.insert(0, str(ROOT))
    from checker.session import Session

    session = Session.open(no_cache=True, root=ROOT)
    return session.engine(today=datetime.date.fromisoformat(TODAY), grammar_server=lambda config, asked: {})


def family_costs(corpus: Path) -> dict:
    """Milliseconds per article for reading and parsing (the floor: every check needs it) and for
    each rule kind, measured in this process on every article of the corpus."""
    from checker.kinds import CheckContext, build_check
    from checker.parsing import parse_document
    from checker.readability import article_prose

    engine = in_process_engine()
    costs = collections.Counter()
    paths = sorted(corpus.glob("*.md"))
    settings = engine.settings_for(str(paths[0]))
    rules = [rule for rule in engine.ruleset.rules if rule.id in settings.enabled]
    context = CheckContext(settings=settings.options)
    for path in paths:
        start = time.perf_counter()
        doc = parse_document(str(path), path.read_text(encoding="utf-8"))
        for block in doc.blocks:
            _ = block.sentences
            _ = block.words  # the word sets every kind's pre-checks use
        costs[FLOOR] += time.perf_counter() - start
        start = time.perf_counter()
        article_prose(doc)  # the counts behind every reading-level measure, shared by the rules
        costs["readability"] += time.perf_counter() - start
        for rule in rules:
            check = build_check(rule)
            start = time.perf_counter()
            check.run(doc, context)
            check.metrics(doc, context)
            costs[rule.kind] += time.perf_counter() - start
    return {name: seconds * 1000 / len(paths) for name, seconds in costs.most_common()}


def split_front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            return text[: end + 5], text[end + 5 :]
    return "", text


def grow(name: str, result: dict, sizes: list[int], size: int, jobs: int, work: Path) -> list[dict]:
    """The growth rows of one corpus: its first article made 1x, 5x and 20x longer (its body
    repeated; timed in this process, so start-up does not hide the growth), then the corpus at each
    size (10,000 articles and more for ours only: the other corpora are checked at sizes up to 1,000)."""
    rows = []
    directory = work / f"growth-{name}"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    head, body = split_front_matter(result["articles"][0].read_text(encoding="utf-8"))
    engine = in_process_engine()
    for factor in LENGTHS:
        path = directory / f"article-{factor}x.md"
        path.write_text(head + "\n\n".join([body.strip()] * factor) + "\n", encoding="utf-8")
        engine.check_file(str(path))  # the first check compiles what the rules need
        times = []
        for _ in range(3):
            start = time.perf_counter()
            engine.check_file(str(path))
            times.append(time.perf_counter() - start)
            if times[-1] > 5:  # a slow one says enough
                break
        command = measured(carecheck(str(path)), ROOT, NO_CACHE)
        rows.append({"what": f"one article {factor}x", "factor": factor, "words": len(path.read_text(encoding="utf-8").split()),
                     "seconds": statistics.median(times), "command": command["wall"], "memory": command["memory"],
                     "memory_all": command["memory_all"]})
        print(f"{name}: one article {factor}x: {rows[-1]['seconds'] * 1000:.0f} ms", file=sys.stderr)
    for count in sorted(set(sizes)):
        if count > 1000 and name != "ours":
            continue
        corpus = result["directory"] if count == size else work / f"{name}-{count}"
        if count != size:
            note = build_corpus(name, corpus, count)
            if note:
                continue
        done = measured(carecheck("--jobs", str(jobs), str(corpus)), ROOT, NO_CACHE)
        assert json.loads(done["stdout"])["summary"]["files"] == count, done["stderr"][-500:]
        rows.append({"what": f"{count:,} articles", "count": count, "seconds": done["wall"] / count, "command": done["wall"],
                     "memory": done["memory"], "memory_all": done["memory_all"]})
        print(f"{name}: {count} articles: {done['wall']:.1f} s, {done['memory']:.0f} MB", file=sys.stderr)
    return rows


def carried_section(path: Path) -> list[str]:
    """The language server's section of the recorded BENCHMARKS.md, carried over unchanged (it is
    measured by tests/benchmarks/lsp_latency.py, not by this script)."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    if LSP_HEADING not in lines:
        return []
    start = lines.index(LSP_HEADING)
    end = next((k for k in range(start + 1, len(lines)) if lines[k].startswith("## ")), len(lines))
    return lines[start:end]


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}x" if b else "—"


def floor_seconds(result: dict) -> float:
    return result["families"][FLOOR] * result["size"] / 1000


def write_report(args, size, jobs, corpora, notes, growth, imports, starts, lsp) -> None:
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.date.today().isoformat()} on {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}.",
        "Command: `python tests/benchmarks/run.py " + " ".join(sys.argv[1:]) + "`. Every default family on; grammar",
        "without a server; results cache off except for the warm re-run and the edited article; carecheck's",
        "modules byte-compiled, as pip installs them. The corpora:",
        "",
        *[f"- **{name}**: {what}" for name, what in CORPORA.items() if name in args.corpora],
        *[f"- {note}" for note in notes],
        "",
        f"## Three corpora, {size:,} articles each",
        "",
        f"Peers run between two runs of carecheck ({jobs} jobs) on the same files, and are compared with their mean;",
        f"carecheck's articles/s with {jobs} jobs is the median of all its runs with {jobs} jobs on that corpus.",
        "The floor is reading and parsing the articles alone (in one process); the whole run with `--jobs 1` is",
        "shown as a multiple of it.",
        "",
        f"| corpus | words per article | findings per article | articles/s, {jobs} jobs | articles/s, 1 job | alex ÷ carecheck | write-good ÷ carecheck | warm re-run speed-up | one edited article, median / p95: a new process | the same, as the pre-commit hook runs it (--keep-warm) | whole run ÷ floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in corpora.items():
        peer = {tool: ratio(p["wall"], p["ours"]) for tool, p in r["peers"].items()}
        edits, hook = r["edits"], r["hook_edits"]
        lines.append(
            f"| {name} | {r['words']:.0f} | {r['findings']:.1f} | {size / statistics.median(r['walls']):.0f} | {size / r['serial']['wall']:.0f} | "
            f"{peer.get('alex', '—')} | {peer.get('write-good', '—')} | {ratio(r['cold']['wall'], r['warm']['wall'])} | "
            f"{statistics.median(edits) * 1000:.0f} / {percentile(edits, 0.95) * 1000:.0f} ms | "
            f"{statistics.median(hook) * 1000:.0f} / {percentile(hook, 0.95) * 1000:.0f} ms | {ratio(r['serial']['wall'], floor_seconds(r))} |"
        )
    lines += [f"\n**{name}: `--jobs 1` and `--jobs {jobs}` gave different output** (twice), where they must be the same."
              for name, r in corpora.items() if not r["same"]]
    lines += [
        "",
        "The figures behind the ratios (seconds):",
        "",
        f"| corpus | 1 job: wall (CPU) | {jobs} jobs: wall (CPU), then its runs around the peers | alex (carecheck before and after) | write-good (carecheck before and after) | cache cold / warm | floor |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in corpora.items():
        peer = {tool: f"{p['wall']:.2f} ({' and '.join(f'{t:.2f}' for t in p['ours_runs'])})" for tool, p in r["peers"].items()}
        lines.append(
            f"| {name} | {r['serial']['wall']:.2f} ({r['serial']['cpu']:.2f}) | {r['parallel']['wall']:.2f} ({r['parallel']['cpu']:.2f}){''.join(f', {t:.2f}' for t in r['walls'][1:])} | "
            f"{peer.get('alex', '—')} | {peer.get('write-good', '—')} | {r['cold']['wall']:.2f} / {r['warm']['wall']:.2f} | {floor_seconds(r):.2f} |"
        )
    if starts:
        first = next(iter(corpora.values()))
        lines += ["", "Start on one file (median of 5; carecheck: the edited article's median): "
                  + ", ".join(f"{tool} {seconds * 1000:.0f} ms" for tool, seconds in starts.items())
                  + f", carecheck {statistics.median(first['edits']) * 1000:.0f} ms."]
    if imports[0]:
        lines += ["", f"Imports of a one-article check (`python -X importtime`): {imports[1]:.0f} ms in all; the largest top-level ones: "
                  + ", ".join(f"{name} {ms:.1f}" for name, ms in imports[0][:8]) + " (milliseconds, with what they import)."]

    lines += [
        "",
        "## Growth",
        "",
        "One article (each corpus's first) with its body repeated 1, 5 and 20 times: the check timed in one",
        "process (median of 3, start-up left out), the whole command and its peak memory beside it. Then the",
        f"corpus at each size, {jobs} jobs: wall time per article. \"÷ linear\" is the time over what linear",
        "growth predicts from the first row of its kind (for 20x: time of 20x ÷ (20 × time of 1x); for sizes:",
        f"time per article ÷ time per article at {size:,}). Peak memory: the largest process (all processes, summed).",
        "",
        "| corpus | what | words | time per article | ÷ linear | whole command (s) | peak memory |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, rows in growth.items():
        base_length = next(r for r in rows if r.get("factor") == 1)
        base_size = next((r for r in rows if r.get("count") == size), None) or next((r for r in rows if "count" in r), None)
        for row in rows:
            if "factor" in row:
                linear, words = row["seconds"] / (row["factor"] * base_length["seconds"]), f"{row['words']:,}"
            else:
                linear, words = row["seconds"] / base_size["seconds"], ""
            memory = f"{row['memory']:.0f} MB" + (f" ({row['memory_all']:.0f} MB)" if row["memory_all"] else "")
            lines.append(f"| {name} | {row['what']} | {words} | {row['seconds'] * 1000:.1f} ms | {linear:.2f} | {row['command']:.2f} | {memory} |")

    kinds = []
    for r in corpora.values():
        kinds += [k for k in r["families"] if k not in kinds]
    lines += [
        "",
        "## Cost per article by family",
        "",
        "Milliseconds per article, in one process over every article of the corpus (× the floor in brackets);",
        "\"the rest\" is the `--jobs 1` run per article less the floor and the families: start-up, the",
        "engine (positions, excerpts, suppressions), the corpus pass and the JSON output.",
        "",
        "| family | " + " | ".join(corpora) + " |",
        "|---|" + "---:|" * len(corpora),
    ]
    for kind in kinds:
        cells = []
        for r in corpora.values():
            ms, floor = r["families"].get(kind, 0.0), r["families"][FLOOR]
            cells.append(f"{ms:.2f}" if kind == FLOOR else f"{ms:.2f} ({ms / floor:.1f}x)")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    totals = {name: sum(r["families"].values()) for name, r in corpora.items()}
    whole = {name: r["serial"]["wall"] * 1000 / r["size"] for name, r in corpora.items()}
    lines.append("| all families and the floor | " + " | ".join(f"{totals[n]:.2f}" for n in corpora) + " |")
    lines.append("| the rest | " + " | ".join(f"{whole[n] - totals[n]:.2f}" for n in corpora) + " |")
    lines.append("| whole run, 1 job | " + " | ".join(f"{whole[n]:.2f} ({whole[n] / corpora[n]['families'][FLOOR]:.1f}x)" for n in corpora) + " |")

    lines += ["", *targets(corpora, growth, size, jobs)]
    if lsp:
        lines += ["", *lsp]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def targets(corpora, growth, size, jobs) -> list[str]:
    """The targets of issue #23, each with the figure measured in this run, on every corpus."""
    checks = []
    for name, r in corpora.items():
        for tool, wanted in (("alex", 10), ("write-good", 1.5)):
            if tool in r["peers"]:
                times = r["peers"][tool]["wall"] / r["peers"][tool]["ours"]
                checks.append((f"{name}: throughput against {tool}, {size:,} articles, {jobs} jobs", f"at least {wanted}x", f"{times:.1f}x", times >= wanted))
    for name, r in corpora.items():
        for key, how in (("edits", "a new process"), ("hook_edits", "as the pre-commit hook runs it (--keep-warm)")):
            median = statistics.median(r[key]) * 1000
            checks.append((f"{name}: one edited article (rule-set cache warm), {how}", "median 120 ms or less",
                           f"{median:.0f} ms (p95 {percentile(r[key], 0.95) * 1000:.0f})", median <= 120))
    for name, r in corpora.items():
        speedup = r["cold"]["wall"] / r["warm"]["wall"]
        checks.append((f"{name}: warm re-run", "at least 10x faster", f"{speedup:.1f}x", speedup >= 10))
    if "ours" in growth:
        largest = max((row for row in growth["ours"] if "count" in row), key=lambda row: row["count"])
        all_processes = f" ({largest['memory_all']:.0f} MB all processes)" if largest["memory_all"] else ""
        checks.append((f"ours: peak memory, {largest['count']:,} articles", "250 MB or less",
                       f"{largest['memory']:.0f} MB{all_processes}", largest["memory"] <= 250))
    for name, rows in growth.items():
        by_factor = {row["factor"]: row["seconds"] for row in rows if "factor" in row}
        times = by_factor[LENGTHS[-1]] / by_factor[1]
        checks.append((f"{name}: one article {LENGTHS[-1]}x longer", f"at most {LENGTHS[-1] * 5 // 4}x the time",
                       f"{times:.1f}x", times <= LENGTHS[-1] * 5 / 4))
    lines = ["## Targets of issue #23", "", "As measured in this run.", "", "| target | wanted | measured | met |", "|---|---|---:|---|"]
    lines += [f"| {what} | {wanted} | {measured} | {'yes' if met else '**no**'} |" for what, wanted, measured, met in checks]
    return lines


if __name__ == "__main__":
    main()
