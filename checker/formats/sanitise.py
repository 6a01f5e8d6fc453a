"""Text from articles made safe for each kind of output (not a format: no `_format` suffix).

Article text, front matter and file names reach every report. Left raw they can act on what shows
them: escape sequences on a terminal (a clipboard write, a cleared screen), a line that starts
with `::error` in a CI log (a GitHub Actions command), characters XML 1.0 forbids, and HTML, images
and @mentions in a Markdown comment. One function per family of outputs:

- terminal(): text, concise and GitHub output: control characters shown as \\xNN, and line breaks
  inside a value as spaces, so a value can never start a line of its own;
- xml(): JUnit: characters XML 1.0 forbids shown as \\xNN;
- markdown(): PR comments and step summaries: HTML tags, images, @mentions and table pipes neutral;
- encodable(): any output: a file name that is not valid UTF-8 (lone surrogates) shown with U+FFFD.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]+")
_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _hex(match: re.Match) -> str:
    return f"\\x{ord(match.group()):02x}"


def terminal(text: str, keep_tabs: bool = False) -> str:
    text = _BREAKS.sub(" ", encodable(str(text)))
    if not keep_tabs:
        text = text.replace("\t", " ")
    return _CONTROL.sub(_hex, text)


def single_width(text: str) -> str:
    """Control characters as U+FFFD: one column each, so carets under a line stay under its span."""
    return _CONTROL.sub("\ufffd", text)


def xml(text: str) -> str:
    return _XML_FORBIDDEN.sub(_hex, encodable(str(text)))


def markdown(text: str) -> str:
    text = terminal(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    text = text.replace("![", "!\\[").replace("@", "@\u200b")  # no image, no mention
    return text


def encodable(text: str) -> str:
    try:
        text.encode("utf-8")  # most text has no lone surrogate: one pass in C, not a regex scan
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
