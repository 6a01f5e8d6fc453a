"""Configuration: `carecheck.yaml` (or `[tool.carecheck]` in pyproject.toml), validated and merged.

    paths: [content]                 # what `carecheck check` checks when given no paths
    exclude: ["content/drafts/**"]   # globs, relative to the config file (replaces the defaults:
                                     #   README*, CHANGELOG*, LICENSE*, requirements*.txt ...)
    extend_exclude: ["notes/**"]     # globs added to the defaults
    force_exclude: true              # exclude files named on the command line too (the hook does)
    rules: [house-rules]             # extra rule directories
    select: [wording, crisis]        # rule ids or prefixes to run (default: all)
    ignore: [readability.long-sentence]
    severity: {wording.completed-suicide: info}
    fail_on: error                   # error | warning | info | never
    jobs: 2
    max_file_size: 10000000          # bytes; larger files are skipped with a finding
    locale: en-GB                    # readers' locale unless an article says (default: inferred per page, else en-US)
    freshness:                       # review policy (defaults in rules/data/freshness.yaml)
      interval_months: 36
      crisis_interval_months: 12
      warn_days: 30
      require_reviewer: true
      topics: {suicide: 12}
    readability:                     # audience (targets in rules/data/readability.yaml) or a grade
      audience: general
      discount_domain_terms: false
    grammar:                         # LanguageTool (or the CARECHECK_LANGUAGETOOL_URL variable)
      remote_server: http://localhost:8081
      required: false                # true: no server is an error (exit 2)
      disabled_rules: [PASSIVE_VOICE]
    overrides:                       # later entries win; each applies to the files its globs match
      - files: ["content/crisis/**"]
        ignore: [...]
        severity: {...}

Relative paths are resolved against the directory holding the config file.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import UsageError
from checker.findings import SEVERITIES
from checker.globs import compile_glob
from checker.yamlload import LocatedDict, YamlError, load_yaml

CONFIG_NAMES = ("carecheck.yaml", "carecheck.yml", ".carecheck.yaml")
FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_MAX_FILE_SIZE = 10_000_000
OVERRIDE_BASE_KEYS = {"files", "select", "ignore", "severity", "locale"}

# The families that take settings (freshness, readability, grammar ...) declare them on their
# kind (Kind.SETTINGS); a top-level key naming such a family is validated against them.
BASE_KEYS = {"paths", "exclude", "extend_exclude", "force_exclude", "rules", "select", "ignore", "severity", "fail_on", "jobs",
             "max_file_size", "locale", "overrides"}
# Files that are not articles, left out unless `exclude` is set (`extend_exclude` adds to these):
# a repository's README, changelog, licence and requirement files are Markdown or text too.
DEFAULT_EXCLUDE = [
    "**/README*", "**/CHANGELOG*", "**/CHANGES*", "**/HISTORY*", "**/NEWS.md", "**/LICENSE*", "**/LICENCE*", "**/COPYING*",
    "**/NOTICE*", "**/AUTHORS*", "**/CONTRIBUTING*", "**/CODE_OF_CONDUCT*", "**/SECURITY*", "**/SUPPORT*", "**/CITATION*",
    "**/requirements*.txt", "**/constraints*.txt", "**/robots.txt", "**/node_modules/", "**/site-packages/", "**/.github/",
]
LOCALE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass
class Override:
    files: list[str]
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict = field(default_factory=dict)
    locale: str | None = None
    settings: dict = field(default_factory=dict)  # family -> its settings for these files
    _patterns: list = field(default_factory=list, repr=False)

    def applies_to(self, relative_path: str) -> bool:
        if not self._patterns:
            self._patterns = [compile_glob(g) for g in self.files]
        return any(p.match(relative_path) for p in self._patterns)


@dataclass
class Config:
    root: Path = field(default_factory=Path.cwd)  # the directory relative paths start from
    source: str = ""  # the config file, when there is one
    paths: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    # Files named on the command line are checked even when excluded, unless force_exclude (the
    # pre-commit hook sets it: pre-commit names every staged file, README.md included).
    force_exclude: bool = False
    rules: list[str] = field(default_factory=list)
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict = field(default_factory=dict)
    fail_on: str = "error"
    jobs: int | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    # The readers' locale when an article does not say (front matter `locale`). None: undeclared, so
    # the readers' region is inferred from each page (checker/region.py), else en-US.
    locale: str | None = None
    settings: dict = field(default_factory=dict)  # family -> its settings (Kind.SETTINGS), e.g. freshness policy
    overrides: list[Override] = field(default_factory=list)
    grammar_off: bool = False

    @property
    def grammar(self) -> dict:
        """LanguageTool settings: remote_server, required, language, disabled_rules/categories."""
        return self.settings.get("grammar", {})

    def relative(self, path: str) -> str:
        """A file's path relative to the config root, with forward slashes (for glob matching)."""
        try:
            return Path(os.path.abspath(path)).relative_to(_resolved(self.root)).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def is_excluded(self, path: str) -> bool:
        relative = self.relative(path)
        return any(compile_glob(g).match(relative) for g in self.exclude)


def load_config(explicit: str | None = None, cwd: Path | None = None) -> Config:
    """Read the config named on the command line, else the one in the working directory, else defaults."""
    cwd = cwd or Path.cwd()
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise UsageError(f"{explicit}: config file not found")
        return _from_file(path)
    for name in CONFIG_NAMES:
        if (cwd / name).is_file():
            return _from_file(cwd / name)
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        try:
            import tomllib  # only when there is a pyproject.toml to read

            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"{pyproject}: invalid TOML: {exc}") from None
        section = data.get("tool", {}).get("carecheck")
        if section is not None:
            return _validate(section, str(pyproject), pyproject.parent.resolve(), lambda key: "[tool.carecheck]")
    return Config(root=cwd.resolve())


def _from_file(path: Path) -> Config:
    from checker.files import read_small_file

    try:
        text = read_small_file(str(path), 5_000_000).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read config file: {exc}") from None
    if path.suffix == ".toml":
        try:
            import tomllib

            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise UsageError(f"{path}: invalid TOML: {exc}") from None
        data = data.get("tool", {}).get("carecheck", data)
        return _validate(data, str(path), path.parent.resolve(), lambda key: "")
    try:
        data = load_yaml(text)
    except YamlError as exc:
        raise UsageError(f"{path}:{exc.line}: {exc.message}") from None
    if data is None:
        data = LocatedDict()
        data.line, data.key_lines = 1, {}
    return _validate(data, str(path), path.parent.resolve(), None)


def _validate(data, filename: str, root: Path, where_override) -> Config:
    def where(mapping, key) -> str:
        if where_override is not None:
            return f"{filename}: {where_override(key)}".rstrip(": ") + ":"
        line = mapping.line_of(key) if isinstance(mapping, LocatedDict) else 1
        return f"{filename}:{line}:"

    if not isinstance(data, dict):
        raise UsageError(f"{filename}:1: the configuration must be a mapping of keys to values")
    config = Config(root=root, source=filename)
    extend_exclude: list[str] = []
    for key, value in data.items():
        if key not in BASE_KEYS and not _settings_of(key):
            raise UsageError(f"{where(data, key)} unknown key '{key}' (allowed: {', '.join(sorted(BASE_KEYS | set(_families())))})")
        if key in ("paths", "exclude", "rules", "select", "ignore"):
            setattr(config, key, _str_list(value, where(data, key), key))
        elif key == "extend_exclude":
            extend_exclude = _str_list(value, where(data, key), key)
        elif key == "force_exclude":
            if not isinstance(value, bool):
                raise UsageError(f"{where(data, key)} key 'force_exclude': must be true or false")
            config.force_exclude = value
        elif key == "severity":
            config.severity = _severity_map(value, where(data, key))
        elif key == "fail_on":
            if value not in FAIL_ON:
                raise UsageError(f"{where(data, key)} key 'fail_on': must be one of {', '.join(FAIL_ON)}")
            config.fail_on = value
        elif key in ("jobs", "max_file_size"):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise UsageError(f"{where(data, key)} key '{key}': must be a whole number of 1 or more")
            setattr(config, key, value)
        elif key == "locale":
            config.locale = _locale(value, where(data, key))
        elif key == "grammar" and value in (False, "off"):
            config.grammar_off = True  # `grammar: off`: the family is not run, and nothing is said
        elif key not in BASE_KEYS:
            config.settings[key] = _family_settings(key, value, where(data, key))
        elif key == "overrides":
            if not isinstance(value, list):
                raise UsageError(f"{where(data, key)} key 'overrides': must be a list")
            for entry in value:
                config.overrides.append(_override(entry, where(data, key), where))
    config.rules = [str(root / d) for d in config.rules]
    config.exclude = config.exclude + extend_exclude
    return config


def _override(entry, location: str, where) -> Override:
    if not isinstance(entry, dict):
        raise UsageError(f"{location} each entry of 'overrides' must be a mapping")
    for key in entry:
        if key not in OVERRIDE_BASE_KEYS and not _settings_of(key, per_path=True):
            allowed = OVERRIDE_BASE_KEYS | set(_families(per_path=True))
            raise UsageError(f"{where(entry, key)} overrides: unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")
    if "files" not in entry:
        raise UsageError(f"{location} each entry of 'overrides' needs 'files' (a list of globs)")
    override = Override(files=_str_list(entry["files"], where(entry, "files"), "files"))
    if "select" in entry:
        override.select = _str_list(entry["select"], where(entry, "select"), "select")
    if "ignore" in entry:
        override.ignore = _str_list(entry["ignore"], where(entry, "ignore"), "ignore")
    if "severity" in entry:
        override.severity = _severity_map(entry["severity"], where(entry, "severity"))
    if "locale" in entry:
        override.locale = _locale(entry["locale"], where(entry, "locale"))
    for family in entry:
        if family not in OVERRIDE_BASE_KEYS:
            override.settings[family] = _family_settings(family, entry[family], where(entry, family))
    return override


def _settings_of(family, per_path: bool = False) -> dict:
    """The settings a family declares ({} for a key that is no family with settings). Only the
    kind named is imported, so a config without family keys imports no kind."""
    from checker.kinds import KINDS, kind_class

    if family not in KINDS:
        return {}
    kind = kind_class(family)
    return kind.SETTINGS if (kind.SETTINGS_PER_PATH or not per_path) else {}


def _families(per_path: bool = False) -> list[str]:
    from checker.kinds import KINDS

    return [name for name in KINDS if _settings_of(name, per_path)]


def _family_settings(family: str, value, location: str) -> dict:
    schema = _settings_of(family)
    if not isinstance(value, dict):
        raise UsageError(f"{location} key '{family}': must be a mapping ({', '.join(schema)})")
    for key, item in value.items():
        if key not in schema:
            raise UsageError(f"{location} key '{family}': unknown key '{key}' (allowed: {', '.join(schema)})")
        problem = schema[key].problem(item)
        if problem:
            raise UsageError(f"{location} key '{family}.{key}': {problem}")
    return dict(value)


def _locale(value, location: str) -> str:
    if not isinstance(value, str) or not LOCALE.match(value):
        raise UsageError(f"{location} key 'locale': must be a locale such as en-US or en-GB")
    return value


def _str_list(value, location: str, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise UsageError(f"{location} key '{key}': must be a string or a list of strings")
    return [v.strip() for v in value]


def _severity_map(value, location: str) -> dict:
    if not isinstance(value, dict):
        raise UsageError(f"{location} key 'severity': must map rule ids or prefixes to error, warning or info")
    for rule, level in value.items():
        if level not in SEVERITIES:
            raise UsageError(f"{location} key 'severity': '{rule}' must be error, warning or info, not {level!r}")
    return dict(value)


@functools.lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    """The config root with symlinks resolved: once per run, not once per file (it costs a system
    call per path component)."""
    return root.resolve()
