"""A small Language Server Protocol client for the tests and the latency benchmark: it starts the
real `carecheck lsp` process and speaks JSON-RPC to it over stdio, as an editor does."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time

from conftest import carecheck_command, subprocess_env


class LspClient:
    def __init__(self, cwd, env=None):
        self.process = subprocess.Popen(carecheck_command("lsp"), cwd=cwd, env=subprocess_env(env), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue = queue.Queue()
        self.notifications: list[dict] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict | None = None) -> None:
        self.send({"method": method, "params": params or {}})

    def request(self, method: str, params: dict | None = None, timeout: float = 60):
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, "params": params or {}})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self._next(deadline)
            if message.get("id") == wanted and "method" not in message:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result")
            self._keep(message)
        raise TimeoutError(method)

    def _next(self, deadline: float) -> dict:
        return self.messages.get(timeout=max(0.01, deadline - time.monotonic()))

    def _keep(self, message: dict) -> None:
        if "method" in message and "id" in message:  # a request from the server (registerCapability ...)
            self.send({"id": message["id"], "result": None})
        elif "method" in message:
            self.notifications.append(message)

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 60) -> list[dict]:
        """The next diagnostics published for uri (for that version, when given)."""
        deadline = time.monotonic() + timeout
        while True:
            for k, note in enumerate(self.notifications):
                params = note.get("params", {})
                if note["method"] == "textDocument/publishDiagnostics" and params.get("uri") == uri and \
                        (version is None or params.get("version") == version):
                    del self.notifications[: k + 1]
                    return params["diagnostics"]
            if time.monotonic() >= deadline:
                raise TimeoutError(f"no diagnostics for {uri}")
            try:
                self._keep(self._next(deadline))
            except queue.Empty:
                pass

    def initialize(self, root_uri: str) -> dict:
        result = self.request("initialize", {"processId": None, "rootUri": root_uri, "capabilities": {},
                                             "workspaceFolders": [{"uri": root_uri, "name": "articles"}]})
        self.notify("initialized")
        return result

    def close(self, timeout: float = 20) -> int:
        try:
            self.request("shutdown", timeout=timeout)
            self.notify("exit")
        except (OSError, TimeoutError):
            pass
        try:
            return self.process.wait(timeout=timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
