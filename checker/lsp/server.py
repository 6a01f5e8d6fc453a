"""The language server: diagnostics as the editor types, quick fixes, "explain", hover.

A check runs on open and save at once, and on a change after a short pause (DEBOUNCE) on the
unsaved buffer; a newer version of the document cancels the check waiting for the older one, and a
result for an older version is never published. A document that cannot be checked gets one
diagnostic saying why, and the server carries on.
"""

from __future__ import annotations

import asyncio
import os
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from checker import __version__
from checker.document import LineIndex
from checker.files import format_for_path
from checker.lsp import convert
from checker.lsp.folders import Folders

# Seconds of quiet after a change before the buffer is checked: long enough to fold a burst of
# keystrokes (they come every 100-200 ms) into one check, short enough not to be felt.
DEBOUNCE = 0.05
UNTITLED = {"markdown": "untitled.md", "html": "untitled.html", "plaintext": "untitled.txt"}


class CarecheckServer(LanguageServer):
    def __init__(self):
        super().__init__("carecheck", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.folders = Folders()
        self.pending: dict[str, asyncio.Task] = {}
        self.results: dict[str, tuple] = {}  # uri -> (version, FileResult, LineIndex, rules by id)

    def path_of(self, uri: str, language: str = "markdown") -> str:
        parsed = urlparse(uri)
        if parsed.scheme == "file":
            return unquote(parsed.path)
        return os.path.join(os.getcwd(), UNTITLED.get(language, "untitled.md"))

    def schedule(self, uri: str, delay: float) -> None:
        if uri in self.pending:
            self.pending[uri].cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self.check(uri, delay))

    async def check(self, uri: str, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
        except asyncio.CancelledError:
            return
        document = self.workspace.get_text_document(uri)
        version, text = document.version, document.source
        path = self.path_of(uri, document.language_id or "markdown")
        self.folders.set_roots(self.workspace_roots())
        lines = LineIndex(text)
        try:
            folder = self.folders.for_path(path)
            result, rules = await asyncio.get_running_loop().run_in_executor(None, folder.check, path, text)
        except Exception as exc:  # the editor gets one diagnostic, the server keeps serving
            message = getattr(exc, "message", None) or f"{exc.__class__.__name__}: {exc}"
            problem = types.Diagnostic(range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
                                       message=f"carecheck could not check this document: {message}", severity=types.DiagnosticSeverity.Error,
                                       source=convert.SOURCE)
            self.publish(uri, version, [problem])
            return
        if self.workspace.get_text_document(uri).version != version:
            return  # a newer version is on its way
        self.results[uri] = (version, result, lines, rules, format_for_path(path) or "markdown")
        self.publish(uri, version, [convert.diagnostic(f, lines, rules.get(f.rule), uri) for f in result.findings])

    def publish(self, uri: str, version, diagnostics) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))

    def workspace_roots(self) -> list[str]:
        roots = [self.path_of(folder.uri) for folder in (self.workspace.folders or {}).values()]
        if not roots and self.workspace.root_path:
            roots = [self.workspace.root_path]
        return roots

    def findings_at(self, uri: str, where: types.Range) -> list:
        if uri not in self.results:
            return []
        _, result, lines, _, _ = self.results[uri]
        return [f for f in result.findings if convert.overlaps(convert.finding_range(lines, f), where)]


server = CarecheckServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: CarecheckServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: CarecheckServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: CarecheckServer, params: types.DidSaveTextDocumentParams) -> None:
    path = ls.path_of(params.text_document.uri)
    ls.folders.for_path(path).saved(path)
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
async def did_close(ls: CarecheckServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    if uri in ls.pending:
        ls.pending.pop(uri).cancel()
    ls.results.pop(uri, None)
    ls.publish(uri, None, [])


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def watched_files_changed(ls: CarecheckServer, params: types.DidChangeWatchedFilesParams) -> None:
    for change in params.changes:
        path = ls.path_of(change.uri)
        ls.folders.for_path(path).saved(path)
    for uri in list(ls.workspace.text_documents):
        ls.schedule(uri, 0)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def configuration_changed(ls: CarecheckServer, params: types.DidChangeConfigurationParams) -> None:
    for uri in list(ls.workspace.text_documents):  # each folder re-reads its config if it changed (Folder.refresh)
        ls.schedule(uri, 0)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION)
def code_action(ls: CarecheckServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    if uri not in ls.results:
        return []
    _, _, lines, _, fmt = ls.results[uri]
    return [action for f in ls.findings_at(uri, params.range) for action in convert.code_actions(uri, f, lines, fmt)]


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: CarecheckServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    at = types.Range(start=params.position, end=params.position)
    found = ls.findings_at(uri, at)
    if not found:
        return None
    rules = ls.results[uri][3]
    return convert.hover(found[0], rules.get(found[0].rule))


@server.command(convert.EXPLAIN)
def explain(ls: CarecheckServer, rule_id: str) -> str:
    rule = next((r for _, _, _, rules, _ in ls.results.values() for rid, r in rules.items() if rid == rule_id), None)
    text = convert.explanation(rule) if rule else f"{rule_id}: a rule built into carecheck."
    ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info, message=text))
    return text


def main() -> None:
    server.start_io()
