"""A small HTTP server on loopback that speaks LanguageTool's /v2 protocol, with canned answers.

LanguageTool cannot be installed on the test machines, so the grammar tests talk to this instead:
GET /v2/languages lists languages; POST /v2/check takes the form-encoded `text`, `language` and
`disabledRules`, and answers JSON `matches` with offset and length in UTF-16 code units (as the
real server counts), rule id, message, replacements and category. Canned rules: "a" before a
vowel (EN_A_VS_AN), "teh" (MORFOLOGIK_RULE_EN_US), field words it does not know (NSSI, DBT,
Linehan: MORFOLOGIK_RULE_EN_US) and two spaces (WHITESPACE_RULE).
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CANNED = [
    (re.compile(r"\b[aA](?= [aeiouAEIOU])"), "EN_A_VS_AN", "Use 'an' instead of 'a' if the following word starts with a vowel sound.", ["an"], "MISC"),
    (re.compile(r"\bteh\b"), "MORFOLOGIK_RULE_EN_US", "Possible spelling mistake found.", ["the", "tech"], "TYPOS"),
    (re.compile(r"\b(?:NSSI|DBT|Linehan|mentalization)\b"), "MORFOLOGIK_RULE_EN_US", "Possible spelling mistake found.", [], "TYPOS"),
    (re.compile(r"(?<=\S)  (?=\S)"), "WHITESPACE_RULE", "Possible typo: you repeated a whitespace.", [" "], "TYPOGRAPHY"),
]


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def _json(self, payload) -> None:
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.startswith("/v2/languages") and self.server.mode == "slow-languages":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            try:
                for byte in b'[{"name": "English", "code": "en", "longCode": "en-US"}]':  # one byte at a time
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:  # the client gave up
                pass
            return
        if self.path.startswith("/v2/languages"):
            self._json([{"name": "English (US)", "code": "en", "longCode": "en-US"}, {"name": "English (GB)", "code": "en", "longCode": "en-GB"}])
        else:
            self.send_error(404)

    def do_POST(self):
        if not self.path.startswith("/v2/check"):
            self.send_error(404)
            return
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
        text = form.get("text", [""])[0]
        disabled = set(",".join(form.get("disabledRules", [])).split(","))
        self.server.requests.append({k: v[0] for k, v in form.items()})
        if self.server.mode == "error-500":
            self.send_error(500)
            return
        if self.server.mode == "not-json":
            body = b"<html>Service unavailable</html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.server.mode == "no-matches-key":
            self._json({"software": {"name": "FakeLanguageTool"}})
            return
        if self.server.mode == "hang":
            time.sleep(30)
            return
        matches = []
        for pattern, rule_id, message, replacements, category in CANNED:
            if rule_id in disabled:
                continue
            for m in pattern.finditer(text):
                matches.append(
                    {
                        "message": message,
                        "shortMessage": "",
                        "replacements": [{"value": r} for r in replacements],
                        "offset": utf16_length(text[: m.start()]),
                        "length": utf16_length(m.group()),
                        "context": {"text": text[max(0, m.start() - 20) : m.end() + 20], "offset": min(20, m.start()), "length": m.end() - m.start()},
                        "sentence": text,
                        "rule": {"id": rule_id, "description": message, "issueType": "misspelling", "category": {"id": category, "name": category.title()}},
                    }
                )
        matches.sort(key=lambda x: x["offset"])
        self._json({"software": {"name": "FakeLanguageTool", "version": "6.0"}, "language": {"code": form.get("language", ["en-US"])[0]}, "matches": matches})


class FakeLanguageTool:
    """Start with `with FakeLanguageTool() as server:`; `server.url`, `server.requests`. A `mode`
    makes it misbehave: error-500, not-json, no-matches-key, hang (on /v2/check), slow-languages."""

    def __init__(self, mode: str = ""):
        self.mode = mode

    def __enter__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.requests = []
        self.httpd.mode = self.mode
        self.httpd.daemon_threads = True
        # A short poll interval, so that shutting the server down does not wait half a second.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def requests(self) -> list:
        return self.httpd.requests

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
