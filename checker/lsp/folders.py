"""One carecheck session per workspace folder, as the CLI would open it in that folder.

A folder's config (carecheck.yaml or [tool.carecheck]) and rule packs are watched by their
modification times: when one changes, the session is opened again before the next check, so an
edit to the config or a pack needs no restart. The folder's other articles are read once (only
what the corpus checks need) and kept current as they are saved.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from checker.files import discover
from checker.session import Session


class Folder:
    def __init__(self, root: Path):
        self.root = root
        self.lock = threading.Lock()
        self._open()

    def _open(self) -> None:
        self.session = Session.open(root=self.root, no_cache=True)
        # LanguageTool is too slow to ask on every keystroke: grammar stays with the CLI.
        self.engine = self.session.engine(ignore=["grammar"])
        self.stamp = self._stamp()
        self._corpus: dict | None = None  # path -> FileResult (facts for the corpus checks)

    def _stamp(self) -> tuple:
        stamps = []
        for path in self.session.watched_files() + [self.root / "carecheck.yaml", self.root / ".carecheck.yaml", self.root / "pyproject.toml"]:
            try:
                stamps.append((str(path), path.stat().st_mtime_ns))
            except OSError:
                stamps.append((str(path), None))
        return tuple(stamps)

    def refresh(self) -> None:
        """Open the session again if the config or a rule pack changed since it was opened."""
        if self._stamp() != self.stamp:
            self._open()

    def corpus(self) -> dict:
        """The facts of every article in the folder, read once."""
        if self._corpus is None:
            config = self.session.config
            targets = [str(self.root / p) for p in config.paths] or [str(self.root)]
            files, _ = discover([t for t in targets if os.path.exists(t)], config)
            self._corpus = {os.path.abspath(f): self.engine.check_file(f, corpus_only=True) for f in files}
        return self._corpus

    def saved(self, path: str) -> None:
        """A file of the folder was saved (or changed on disk): read its facts again."""
        if self._corpus is not None and os.path.isfile(path) and discover([path], self.session.config)[0]:
            self._corpus[os.path.abspath(path)] = self.engine.check_file(path, corpus_only=True)

    def check(self, path: str, text: str):
        """The findings for the text of the document at `path` (an editor's unsaved buffer)."""
        with self.lock:
            self.refresh()
            result = self.engine.check_file(path, text=text)
            others = [r for p, r in self.corpus().items() if p != os.path.abspath(path)]
            self.engine.corpus_pass([result], others)
            return result, self.session.ruleset.by_id()


class Folders:
    """The workspace folders, and which one a document belongs to (the deepest that holds it; a
    document outside every folder gets a folder of its own directory)."""

    def __init__(self):
        self.roots: list[Path] = []
        self.open: dict[Path, Folder] = {}

    def set_roots(self, roots) -> None:
        self.roots = sorted({Path(r).resolve() for r in roots}, key=lambda p: len(p.parts), reverse=True)

    def for_path(self, path: str) -> Folder:
        resolved = Path(path).resolve()
        root = next((r for r in self.roots if resolved.is_relative_to(r)), resolved.parent)
        if root not in self.open:
            self.open[root] = Folder(root)
        return self.open[root]
