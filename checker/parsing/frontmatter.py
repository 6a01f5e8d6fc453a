"""YAML front matter at the top of a Markdown or text file, delimited by `---` lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.document import Problem, Span
from checker.yamlload import LocatedDict, YamlError, load_yaml

_OPEN = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?=\r\n|\r|\n|\Z)", re.MULTILINE)
PROBLEM_RULE = "carecheck.front-matter"


@dataclass
class FrontMatter:
    metadata: dict = field(default_factory=dict)
    key_lines: dict = field(default_factory=dict)  # key -> 1-based line in the file
    span: Span | None = None  # the whole block, delimiters included
    body_start: int = 0  # offset where the body begins
    problems: list[Problem] = field(default_factory=list)


def split_front_matter(source: str) -> FrontMatter:
    """Find and parse front matter. Broken front matter becomes a Problem at its line, never an exception."""
    opening = _OPEN.match(source)
    if not opening:
        return FrontMatter()
    closing = _CLOSE.search(source, opening.end())
    if not closing:
        return FrontMatter(
            problems=[
                Problem(
                    PROBLEM_RULE,
                    "Front matter is not terminated: add a closing '---' line.",
                    Span(0, 3),
                )
            ]
        )
    yaml_text = source[opening.end() : closing.start()]
    body_start = closing.end()
    if source.startswith("\r\n", body_start):
        body_start += 2
    elif source[body_start : body_start + 1] in ("\n", "\r"):
        body_start += 1
    span = Span(0, closing.end())
    first_yaml_line = 2  # line 1 is the opening '---'
    result = FrontMatter(span=span, body_start=body_start)
    try:
        data = load_yaml(yaml_text) if yaml_text.strip() else {}
    except YamlError as exc:
        line = first_yaml_line + exc.line - 1
        result.problems.append(Problem(PROBLEM_RULE, f"Front matter: {exc.message}.", _line_span(source, line)))
        return result
    if data is None:
        data = {}
    if not isinstance(data, dict):
        result.problems.append(
            Problem(
                PROBLEM_RULE,
                f"Front matter must be a mapping of keys to values, not a {type(data).__name__}.",
                _line_span(source, first_yaml_line),
            )
        )
        return result
    result.metadata = dict(data)
    if isinstance(data, LocatedDict):
        result.key_lines = {k: first_yaml_line + line - 1 for k, line in data.key_lines.items()}
    return result


def _line_span(source: str, line: int) -> Span:
    """The span of a 1-based line's text (without its line ending)."""
    from checker.document import LineIndex

    index = LineIndex(source)
    line = max(1, min(line, index.line_count))
    start = index.offset(line)
    return Span(start, start + len(index.line_text(line)))
