"""Finding a LanguageTool server for the grammar family, without ever downloading one.

In order: the `CARECHECK_LANGUAGETOOL_URL` environment variable, config `grammar.remote_server`,
then a LanguageTool that language-tool-python downloaded before (its cache directory, or
`LTP_JAR_DIR_PATH`), which needs Java. A remote server is probed once (GET /v2/languages, a few
seconds at most), so an unreachable one is reported once, not per file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "CARECHECK_LANGUAGETOOL_URL"
PROBE_TIMEOUT = 3.0
HOW_TO = (
    f"set {ENV_VAR} or `grammar: {{remote_server: URL}}` in carecheck.yaml to a running LanguageTool server, "
    "or run `carecheck grammar setup` once (needs the network and Java 17+)"
)


@dataclass
class Server:
    url: str | None  # a server URL, "local" for a downloaded LanguageTool, or None
    reason: str  # why there is none, or where it came from


def probe(url: str) -> str | None:
    """None when the server answers like LanguageTool, else what went wrong."""
    import time
    import urllib.error  # only when a server is configured: urllib costs 12 ms of start-up
    import urllib.request

    target = url.rstrip("/") + "/v2/languages"
    deadline = time.monotonic() + PROBE_TIMEOUT  # for the whole answer, not each read of it
    try:
        with urllib.request.urlopen(target, timeout=PROBE_TIMEOUT) as response:
            body = b""
            while chunk := response.read1(65536):
                body += chunk
                if time.monotonic() > deadline or len(body) > 5_000_000:
                    raise OSError("it answered too slowly")
            languages = json.loads(body.decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return f"no LanguageTool server answered at {url} ({getattr(exc, 'reason', exc)})"
    if not isinstance(languages, list):
        return f"{url} does not answer like a LanguageTool server"
    return None


def local_install() -> bool:
    """Has language-tool-python downloaded LanguageTool before (and is there Java to run it)?

    Looks where language-tool-python keeps it (LTP_JAR_DIR_PATH, else LTP_PATH or
    ~/.cache/language_tool_python) without creating anything there.
    """
    import shutil

    if not shutil.which("java"):
        return False
    if os.environ.get("LTP_JAR_DIR_PATH"):
        return os.path.isdir(os.environ["LTP_JAR_DIR_PATH"])
    folder = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    return folder.is_dir() and any(p.is_dir() for p in folder.glob("LanguageTool*"))


def find_server(config_grammar: dict) -> Server:
    url = os.environ.get(ENV_VAR) or config_grammar.get("remote_server")
    if url:
        problem = probe(url)
        return Server(None, problem) if problem else Server(url, f"LanguageTool at {url}")
    if local_install():
        return Server("local", "the LanguageTool downloaded by language-tool-python")
    return Server(None, "no LanguageTool server is configured")
