"""Config discovery, validation and per-path overrides."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest
from conftest import write

from checker.config import load_config
from checker.errors import UsageError
from checker.globs import compile_glob


def test_defaults_without_any_config(tmp_path):
    config = load_config(cwd=tmp_path)
    assert config.fail_on == "error" and config.select is None and config.paths == [] and config.source == ""


def test_carecheck_yaml_is_found_and_read(tmp_path):
    write(tmp_path / "carecheck.yaml", "paths: [articles]\nselect: wording\nfail_on: warning\nrules: [house]\n")
    config = load_config(cwd=tmp_path)
    assert config.paths == ["articles"] and config.select == ["wording"] and config.fail_on == "warning"
    assert config.rules == [str(tmp_path.resolve() / "house")]


def test_pyproject_tool_section(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.carecheck]\nignore = ["wording.suffers-from"]\njobs = 2\n')
    config = load_config(cwd=tmp_path)
    assert config.ignore == ["wording.suffers-from"] and config.jobs == 2


def test_carecheck_yaml_wins_over_pyproject(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.carecheck]\nfail_on = "info"\n')
    write(tmp_path / "carecheck.yaml", "fail_on: never\n")
    assert load_config(cwd=tmp_path).fail_on == "never"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("colour: red\n", "carecheck.yaml:1: unknown key 'colour'"),
        ("paths: content\nfail_on: sometimes\n", "carecheck.yaml:2: key 'fail_on': must be one of error, warning, info, never"),
        ("jobs: 0\n", "carecheck.yaml:1: key 'jobs': must be a whole number of 1 or more"),
        ("select: [1, 2]\n", "carecheck.yaml:1: key 'select': must be a string or a list of strings"),
        ("severity: {wording: fatal}\n", "carecheck.yaml:1: key 'severity': 'wording' must be error, warning or info"),
        ("overrides:\n  - ignore: [x]\n", "each entry of 'overrides' needs 'files'"),
        ("overrides:\n  - files: [a]\n    colour: red\n", "carecheck.yaml:3: overrides: unknown key 'colour'"),
        ("paths: [unclosed\n", "carecheck.yaml:2: invalid YAML"),
        ("- a list\n", "carecheck.yaml:1: the configuration must be a mapping"),
        ("grammar: {required: maybe}\n", "carecheck.yaml:1: key 'grammar.required': must be true or false"),
        ("readability: {target_grade: 50}\n", "carecheck.yaml:1: key 'readability.target_grade': must be a grade between 0 and 30"),
        ("readability: {colour: red}\n", "key 'readability': unknown key 'colour'"),
        ("overrides:\n  - files: [a]\n    freshness: {warn_days: -1}\n", "carecheck.yaml:3: key 'freshness.warn_days': must be a whole number"),
        ("locale: english please\n", "key 'locale': must be a locale such as en-US"),
    ],
)
def test_invalid_config_is_one_line_naming_file_and_line(tmp_path, text, expected):
    write(tmp_path / "carecheck.yaml", text)
    with pytest.raises(UsageError) as info:
        load_config(cwd=tmp_path)
    assert expected in info.value.message and "\n" not in info.value.message


def test_invalid_pyproject_section(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.carecheck]\nfail_on = 3\n")
    with pytest.raises(UsageError, match=r"pyproject.toml: \[tool.carecheck\]: key 'fail_on'"):
        load_config(cwd=tmp_path)


def test_explicit_config_must_exist(tmp_path):
    with pytest.raises(UsageError, match="config file not found"):
        load_config(str(tmp_path / "missing.yaml"), cwd=tmp_path)


@pytest.mark.parametrize(
    "glob, path, matched",
    [
        ("content/crisis/**", "content/crisis/a.md", True),
        ("content/crisis/**", "content/crisis/sub/a.md", True),
        ("content/crisis/", "content/crisis/a.md", True),
        ("content/*.md", "content/a.md", True),
        ("content/*.md", "content/sub/a.md", False),
        ("**/drafts/**", "content/drafts/a.md", True),
        ("**/drafts/**", "drafts/a.md", True),
        ("content/crisis/**", "content/crisis-old/a.md", False),
        ("*.html", "a.html", True),
    ],
)
def test_globs(glob, path, matched):
    assert compile_glob(glob).match(path) is matched


def _glob_as_regex(glob: str) -> re.Pattern:
    """The meaning of a glob as a (backtracking) regular expression: the oracle for the automaton."""
    glob = glob[2:] if glob.startswith("./") else glob
    glob = glob + "**" if glob.endswith("/") else glob
    pieces = re.split(r"(\*\*/|\*\*|\*|\?)", glob)
    meaning = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(meaning.get(p, re.escape(p)) for p in pieces) + r"(?:/.*)?\Z", re.S)


def test_globs_mean_what_their_regular_expressions_mean():
    rng = random.Random(7)
    for _ in range(3000):
        glob = "".join(rng.choice(["a", "b", "/", "*", "**", "**/", "?", "./"[1:]]) for _ in range(rng.randint(1, 7)))
        path = "".join(rng.choice("ab/.") for _ in range(rng.randint(0, 9)))
        assert compile_glob(glob).match(path) is bool(_glob_as_regex(glob).match(path)), (glob, path)


def test_a_glob_that_would_backtrack_is_matched_in_linear_time():
    glob, name = "**/*a*a*a*a*a*a*a*a*b", "content/" + "a" * 3000 + ".md"  # before: minutes (a regular expression)
    started = time.process_time()
    assert compile_glob(glob).match(name) is False
    assert time.process_time() - started < 5


def test_overrides_apply_to_matching_paths(tmp_path):
    write(
        tmp_path / "carecheck.yaml",
        "exclude: [content/drafts/**]\noverrides:\n  - files: [content/legacy/**]\n    ignore: [wording.suffers-from]\n    severity: {wording: info}\n",
    )
    config = load_config(cwd=tmp_path)
    (override,) = config.overrides
    assert override.applies_to("content/legacy/a.md") and not override.applies_to("content/new/a.md")
    assert config.is_excluded(str(tmp_path / "content/drafts/x.md"))
    assert not config.is_excluded(str(Path(tmp_path / "content/x.md")))
