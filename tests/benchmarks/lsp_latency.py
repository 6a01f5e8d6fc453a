"""The editor's wait: from a didChange to the diagnostics for it, on a 2,500-word article, with the
real `carecheck lsp` process and the test suite's LSP client (tests/lsp_client.py).

    python tests/benchmarks/lsp_latency.py [--words 2500] [--changes 40]

The debounce (checker/lsp/server.py DEBOUNCE) is part of what an editor waits, so it is reported
with the figures, and the time without it beside them. A figure to compare runs, never a pass/fail.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from generate import article  # noqa: E402
from lsp_client import LspClient  # noqa: E402

from checker.lsp.server import DEBOUNCE  # noqa: E402


def long_article(words: int) -> str:
    rng = random.Random(7)
    text = article(rng, 0)
    k = 1
    while len(text.split()) < words:
        body = article(rng, k).split("---", 2)[-1]
        text += "\n" + body.replace("\n# ", "\n## ")
        k += 1
    # Cut back to about `words` words, at a paragraph break.
    paragraphs = text.split("\n\n")
    while len("\n\n".join(paragraphs).split()) > words * 1.02 and len(paragraphs) > 2:
        paragraphs.pop()
    return "\n\n".join(paragraphs) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2500)
    parser.add_argument("--changes", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        text = long_article(args.words)
        path = root / "content" / "long.md"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        client = LspClient(root, env={"CARECHECK_LANGUAGETOOL_URL": "", "CARECHECK_NO_CACHE": "1"})
        client.initialize(root.as_uri())
        uri = path.as_uri()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        client.diagnostics(uri, 1)
        waits = []
        for version in range(2, args.changes + 2):
            line = text.count("\n") - 1
            change = {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "Sleep helps. "}
            start = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            client.diagnostics(uri, version)
            waits.append((time.perf_counter() - start) * 1000)
        client.close()
    median = statistics.median(waits)
    print(f"{len(text.split())} words, {len(waits)} changes: didChange -> diagnostics median {median:.0f} ms "
          f"(of which the {DEBOUNCE * 1000:.0f} ms debounce; the check itself {median - DEBOUNCE * 1000:.0f} ms), "
          f"p90 {sorted(waits)[int(len(waits) * 0.9)]:.0f} ms, p95 {sorted(waits)[math.ceil(len(waits) * 0.95) - 1]:.0f} ms")


if __name__ == "__main__":
    main()
