"""YAML front matter at the top of a Markdown or text file, delimited by `---` lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.document import Problem, Span
from checker.yamlload import LocatedDict, YamlError, load_yaml

_OPEN = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)")
# At the start of a line; a lookbehind rather than ^ with re.MULTILINE, which misses lines after a lone CR.
_CLOSE = re.compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?=\r\n|\r|\n|\Z)")
PROBLEM_RULE = "carecheck.front-matter"
# YAML also ends lines at NEL, LS and PS, which are not line ends in the file (nor in editors).
_YAML_LINE_BREAK = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


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
        line = _file_line(yaml_text, exc.line, first_yaml_line)
        result.problems.append(Problem(PROBLEM_RULE, f"Front matter: {exc.message}.", _line_span(source, line)))
        return result
    except Exception as exc:
        message = f"Front matter: invalid value: {exc}."
        result.problems.append(Problem(PROBLEM_RULE, message, _line_span(source, first_yaml_line)))
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
        result.key_lines = {k: _file_line(yaml_text, line, first_yaml_line) for k, line in data.key_lines.items()}
    return result


def _file_line(yaml_text: str, yaml_line: int, first_line: int) -> int:
    """The file line of a 1-based line as YAML counts them in yaml_text (which starts at first_line)."""
    starts = [0] + [m.end() for m in _YAML_LINE_BREAK.finditer(yaml_text)]
    offset = starts[max(1, min(yaml_line, len(starts))) - 1]
    return first_line + len(_LINE_BREAK.findall(yaml_text, 0, offset))


def _line_span(source: str, line: int) -> Span:
    """The span of a 1-based line's text (without its line ending)."""
    from checker.document import LineIndex

    index = LineIndex(source)
    line = max(1, min(line, index.line_count))
    start = index.offset(line)
    return Span(start, start + len(index.line_text(line)))
