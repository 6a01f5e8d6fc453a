"""`check --fix` and `--diff`: the safe replacements rules declare (`fix:` in a rule), applied.

A fix replaces exactly the flagged text of a finding ("committed suicide" -> "died by suicide",
the retired 1-800-273-8255 -> 988). Only findings carry fixes, so quoted, mentioned, negated and
suppressed text is never touched. Before a replacement the text at the finding's position must
still be what was flagged; overlapping fixes keep the first. A file is rewritten atomically, with
its byte-order mark, line endings and permissions as they were; files in another encoding than
UTF-8 are left alone. Applying the fixes twice changes nothing the second time.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field

from checker.atomic import write_atomically
from checker.document import LineIndex

_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass
class FileFix:
    path: str
    old: str
    new: str
    bom: bool
    applied: list = field(default_factory=list)  # (finding, replacement)

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.old.splitlines(True), self.new.splitlines(True), f"a/{self.path}", f"b/{self.path}"))


def plan(report, texts: dict | None = None) -> list[FileFix]:
    """The fixes the report's findings offer, file by file (nothing is written). `texts` gives the
    text of a path that was not read from disk (stdin)."""
    out = []
    for result in report.files:
        fixable = [f for f in result.findings if f.fix is not None]
        if not fixable:
            continue
        bom = False
        if texts and result.path in texts:
            text = texts[result.path]
        else:
            try:
                with open(result.path, "rb") as handle:
                    data = handle.read()
                bom = data.startswith(_UTF8_BOM)
                text = data[len(_UTF8_BOM) if bom else 0 :].decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # not UTF-8 (or gone): left as it is
        lines = LineIndex(text)
        edits = []
        for finding in sorted(fixable, key=lambda f: (f.line, f.column)):
            start = lines.offset(finding.line, finding.column)
            end = lines.offset(finding.end_line, finding.end_column)
            if " ".join(text[start:end].split()) != " ".join(finding.excerpt.split()):
                continue  # the file changed since it was checked
            if edits and start < edits[-1][1]:
                continue
            edits.append((start, end, finding))
        new = text
        for start, end, finding in reversed(edits):
            new = new[:start] + finding.fix + new[end:]
        if edits:
            out.append(FileFix(result.path, text, new, bom, [(f, f.fix) for _, _, f in edits]))
    return out


def apply(fixes: list[FileFix]) -> None:
    for fix in fixes:
        mode = os.stat(fix.path).st_mode & 0o7777
        write_atomically(fix.path, (["\ufeff"] if fix.bom else []) + [fix.new], newline="")
        os.chmod(fix.path, mode)
