"""Load and validate rule packs (YAML files of rules).

A pack is a mapping with `pack`, `description` and `rules`. Every rule has `id`, `kind`,
`severity`, `message` and `examples`, optionally `description`, `reference`, `suggest` and
`scope`, plus the parameters its kind declares. Any mistake (bad YAML, an unknown or missing key,
a wrong type, an unknown kind, a duplicate id, an invalid pattern) raises a UsageError naming the
file, line and key, which the CLI prints as one line with exit code 2.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from checker import __version__
from checker.errors import UsageError
from checker.findings import SEVERITIES
from checker.kinds import KINDS, kind_class
from checker.kinds.base import SCOPES, template_fields
from checker.rule import Example, Rule, builtin_rules_dir
from checker.yamlload import LocatedDict, YamlError, load_yaml

RULE_ID = re.compile(r"[a-z][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)+")  # fullmatch: "$" would let a final newline in
RESERVED_PREFIX = "carecheck."  # carecheck's own findings (an unreadable file, broken front matter ...)
PACK_KEYS = {"pack", "description", "fragments", "rules"}
FRAGMENT = re.compile(r"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}")  # {{name}} in a regex: a pack's shared fragment
COMMON_KEYS = {"id", "kind", "severity", "message", "messages", "examples", "description", "reference", "suggest", "scope", "fix"}
REQUIRED_KEYS = ("id", "kind", "severity", "message", "examples")
EXAMPLE_KEYS = {"text", "format", "today", "locale", "corpus", "note"}
MARK_OPEN, MARK_CLOSE = "[[", "]]"


@dataclass
class RuleSet:
    rules: list[Rule]
    digest: str  # identifies the exact rule text, for caches

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}


def pack_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise UsageError(f"{directory}: rule directory not found")
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


# The rule sets this process validated, by the digest of their files, when keep_loaded() was
# called: a warm process (checker/warm.py) validates the built-in packs once, and every run forked
# from it reuses them. Off elsewhere, so that no two runs in one process share rule objects.
_LOADED: dict[str, tuple[list[Rule], dict[str, str]]] | None = None


def keep_loaded() -> None:
    global _LOADED
    _LOADED = {}


def load_rules(extra_dirs=(), include_builtin: bool = True, files=(), cache_dir=None) -> RuleSet:
    """Load the built-in packs, then every pack in extra_dirs, then the given pack files.

    With cache_dir, a rule set that was loaded and validated before (same files, same bytes, same
    carecheck) is read back from a JSON file there instead: validating every regular expression
    again is most of the start-up time of a one-file check.
    """
    paths: list[Path] = []
    directories = ([builtin_rules_dir()] if include_builtin else []) + [Path(d) for d in extra_dirs]
    for directory in directories:
        paths.extend(pack_files(directory))
    paths.extend(Path(f) for f in files)
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    digest = hashlib.sha256(__version__.encode())
    # The data files rules refer to (crisis lines, claims, trigger words) belong to the rule set too:
    # those in each rule directory's data/ here, any other a rule names once the rules are read.
    hashed: set[Path] = set()
    for directory in directories:
        for data_file in sorted((directory / "data").glob("*.y*ml")) if (directory / "data").is_dir() else []:
            hashed.add(data_file.resolve())
            digest.update(str(data_file.resolve()).encode() + b"\0" + data_file.read_bytes())
    texts = [_read(path) for path in paths]
    for path, text in zip(paths, texts):
        digest.update(str(path.resolve()).encode() + b"\0" + text.encode("utf-8", "replace"))
    files_digest = digest.hexdigest()
    if cache_dir:
        from checker.cache import code_stamp

        digest.update(code_stamp().encode())  # validation results depend on carecheck's own code too
    loaded = _LOADED.get(files_digest) if _LOADED is not None else None
    if loaded and all(_file_digest(Path(path)) == known for path, known in loaded[1].items()):
        return RuleSet(loaded[0], _with_data(digest.hexdigest(), loaded[1]))
    cached = _read_cached(cache_dir, digest.hexdigest()) if cache_dir else None
    if cached is not None:
        return cached
    for path, text in zip(paths, texts):
        for rule in load_pack(text, str(path)):
            if rule.id in seen:
                first = seen[rule.id]
                raise UsageError(
                    f"{rule.file}:{rule.line}: rule id '{rule.id}' is already defined at {first.file}:{first.line}"
                )
            seen[rule.id] = rule
            rules.append(rule)
    outside = _outside_data(rules, hashed)
    ruleset = RuleSet(rules, _with_data(digest.hexdigest(), outside))
    if _LOADED is not None:
        _LOADED[files_digest] = (rules, outside)
    if cache_dir:
        _write_cached(cache_dir, ruleset, digest.hexdigest(), outside)
    return ruleset


def _outside_data(rules: list[Rule], hashed: set[Path]) -> dict[str, str]:
    """Each data file a rule names outside the rule directories' data/ (`context: ../shared/terms.yaml`),
    with the digest of its bytes: an edit to it must reach the caches like an edit to the pack."""
    outside = {}
    for rule in rules:
        for key in kind_class(rule.kind).DATA_FILES:
            path = rule.data_path(rule.params[key]).resolve()
            if path not in hashed and str(path) not in outside:
                outside[str(path)] = _file_digest(path)
    return outside


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _with_data(digest: str, outside: dict[str, str]) -> str:
    if not outside:
        return digest
    return hashlib.sha256("\0".join([digest, *(f"{p}\0{d}" for p, d in sorted(outside.items()))]).encode("utf-8", "surrogateescape")).hexdigest()


def _cache_file(cache_dir, digest: str) -> Path:
    return Path(cache_dir) / f"rules-{digest[:40]}.json"


def _read_cached(cache_dir, digest: str) -> RuleSet | None:
    """A validated rule set from JSON (never pickle: a cache in the working tree must not run code)."""
    try:
        from checker.cache import mark_used
        from checker.cachefile import read_signed

        cached = _cache_file(cache_dir, digest)
        body = read_signed(cached, cache_dir)  # a planted rule set reads as missing
        if body is None:
            return None
        data = json.loads(body)
        outside = data.get("outside", {})
        if any(_file_digest(Path(path)) != known for path, known in outside.items()):
            return None  # a data file outside data/ changed since: read and validate the rules again
        mark_used(cached)
        rules = []
        for r in data["rules"]:
            examples = {}
            for key in ("fail", "pass"):
                examples[key] = [
                    Example(e["text"], e["format"], [tuple(m) for m in e["marks"]], e["line"],
                            datetime.date.fromisoformat(e["today"]) if e["today"] else None, e["locale"], e["corpus"])
                    for e in r["examples_" + key]
                ]
            rules.append(Rule(r["id"], r["kind"], r["severity"], r["message"], examples["fail"], examples["pass"], r["description"],
                              r["reference"], r["suggest"], tuple(r["scope"]), r["params"], r["pack"], r["file"], r["line"], r.get("prepared", {}), r["messages"],
                              fix=r.get("fix", {})))
        return RuleSet(rules, _with_data(digest, outside))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write_cached(cache_dir, ruleset: RuleSet, digest: str, outside: dict[str, str]) -> None:
    def example(e: Example) -> dict:
        return {"text": e.text, "format": e.format, "marks": e.marks, "line": e.line, "today": e.today.isoformat() if e.today else None, "locale": e.locale, "corpus": e.corpus}

    data = {
        "rules": [
            {
                "id": r.id, "kind": r.kind, "severity": r.severity, "message": r.message,
                "examples_fail": [example(e) for e in r.examples_fail], "examples_pass": [example(e) for e in r.examples_pass],
                "description": r.description, "reference": r.reference, "suggest": r.suggest, "scope": list(r.scope),
                "params": r.params, "pack": r.pack, "file": r.file, "line": r.line, "prepared": r.prepared,
                "messages": r.messages, "fix": r.fix,
            }
            for r in ruleset.rules
        ],
        "outside": outside,
    }
    try:

        from checker.cachefile import write_signed

        write_signed(_cache_file(cache_dir, digest), json.dumps(data, ensure_ascii=False), cache_dir)
    except (OSError, TypeError, ValueError):
        pass  # an unwritable tree only costs start-up time


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: rule file not found") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: rule file is not valid UTF-8") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read rule file: {exc.strerror or exc}") from None


def load_pack(text: str, filename: str) -> list[Rule]:
    try:
        data = load_yaml(text)
    except YamlError as exc:
        raise UsageError(f"{filename}:{exc.line}: {exc.message}") from None
    if not isinstance(data, LocatedDict):
        raise UsageError(f"{filename}:1: a rule pack must be a mapping with 'pack' and 'rules'")
    _check_keys(data, PACK_KEYS, filename, "pack")
    for key in ("pack", "rules"):
        if key not in data:
            raise UsageError(f"{filename}:{data.line}: pack: missing required key '{key}'")
    pack_name = data["pack"]
    if not isinstance(pack_name, str) or not pack_name:
        raise UsageError(f"{filename}:{data.line_of('pack')}: key 'pack': must be a non-empty string")
    if not isinstance(data.get("description", ""), str):
        raise UsageError(f"{filename}:{data.line_of('description')}: key 'description': must be a string")
    fragments = data.get("fragments", {})
    if not isinstance(fragments, dict) or not all(isinstance(v, str) for v in fragments.values()):
        raise UsageError(f"{filename}:{data.line_of('fragments')}: key 'fragments': must map names to regular expressions")
    rules = data["rules"]
    if not isinstance(rules, list):
        raise UsageError(f"{filename}:{data.line_of('rules')}: key 'rules': must be a list of rules")
    return [_load_rule(item, pack_name, filename, data.line_of("rules"), fragments) for item in rules]


def _check_keys(mapping: LocatedDict, allowed: set, filename: str, what: str) -> None:
    for key in mapping:
        if key not in allowed:
            raise UsageError(
                f"{filename}:{mapping.line_of(key)}: {what}: unknown key '{key}' (allowed: {', '.join(sorted(allowed))})"
            )


def _load_rule(item, pack: str, filename: str, fallback_line: int, fragments: dict | None = None) -> Rule:
    if not isinstance(item, LocatedDict):
        raise UsageError(f"{filename}:{fallback_line}: each rule must be a mapping")
    line = item.line
    rule_id = item.get("id")
    where = f"rule {rule_id!r}" if isinstance(rule_id, str) else "rule"  # repr: a line break shows as \\n

    def fail(key: str, problem: str):
        raise UsageError(f"{filename}:{item.line_of(key)}: {where}: key '{key}': {problem}")

    for key in REQUIRED_KEYS:
        if key not in item:
            raise UsageError(f"{filename}:{line}: {where}: missing required key '{key}'")
    if not isinstance(rule_id, str) or not RULE_ID.fullmatch(rule_id):
        fail("id", "must look like 'family.name' (lower case letters, digits, '-' and '_')")
    if rule_id.startswith(RESERVED_PREFIX):
        fail("id", f"ids starting with '{RESERVED_PREFIX}' are carecheck's own findings; use your pack's name")
    kind = item["kind"]
    if not isinstance(kind, str) or kind not in KINDS:
        fail("kind", f"unknown kind {kind!r} (known: {', '.join(KINDS)})")
    kind_type = kind_class(kind)
    allowed = COMMON_KEYS | set(kind_type.PARAMETERS)
    for key in item:
        if key not in allowed:
            fail(key, f"unknown key for a '{kind}' rule (allowed: {', '.join(sorted(allowed))})")
    if item["severity"] not in SEVERITIES:
        fail("severity", f"must be one of {', '.join(SEVERITIES)}")
    for key in ("message", "description", "reference"):
        if key in item and (not isinstance(item[key], str) or (key == "message" and not item[key].strip())):
            fail(key, "must be a non-empty string" if key == "message" else "must be a string")
    suggest = item.get("suggest", [])
    if isinstance(suggest, str):
        suggest = [suggest]
    if not isinstance(suggest, list) or not all(isinstance(s, str) for s in suggest):
        fail("suggest", "must be a string or a list of strings")
    # fix: the safe replacement for each form the rule flags ("committed suicide": "died by suicide"),
    # applied by `check --fix` and offered as a quick fix in editors.
    fix = item.get("fix", {})
    if not isinstance(fix, dict) or not all(isinstance(k, str) and isinstance(v, str) and k.strip() for k, v in fix.items()):
        fail("fix", "must map each flagged form to its replacement (strings)")
    fix = {" ".join(k.lower().split()): v for k, v in fix.items()}
    scope = item.get("scope", "all")
    scope_list = [scope] if isinstance(scope, str) else scope
    if not isinstance(scope_list, list) or not scope_list or not all(s in SCOPES for s in scope_list):
        fail("scope", f"must be one of, or a list of: {', '.join(sorted(SCOPES))}")

    messages = item.get("messages", {})
    if not isinstance(messages, dict) or not all(isinstance(v, str) and v.strip() for v in messages.values()):
        fail("messages", "must map message variants to non-empty strings")
    for variant in messages:
        if variant not in kind_type.MESSAGES:
            known = ", ".join(kind_type.MESSAGES) or "none"
            fail("messages", f"unknown variant {variant!r} for a '{kind}' rule (known: {known})")
    for key, template in [("message", item["message"])] + [("messages", t) for t in messages.values()]:
        for name in template_fields(template):
            if name not in kind_type.FIELDS:
                fail(key, f"unknown field {{{name}}} for a '{kind}' rule (known: {', '.join(kind_type.FIELDS)})")

    params = {}
    for key, spec in kind_type.PARAMETERS.items():
        if key in item:
            problem = spec.problem(item[key])
            if problem:
                fail(key, problem)
            params[key] = spec.convert(item[key])
            if key == "regex":
                params[key] = [_expand(source, fragments or {}, fail) for source in params[key]]
        elif spec.required:
            raise UsageError(f"{filename}:{line}: {where}: missing required key '{key}' for a '{kind}' rule")
        else:
            params[key] = spec.default

    fail_examples, pass_examples = _load_examples(item, filename, fail)
    rule = Rule(
        id=rule_id,
        kind=kind,
        severity=item["severity"],
        message=item["message"].strip(),
        examples_fail=fail_examples,
        examples_pass=pass_examples,
        description=item.get("description", "").strip(),
        reference=item.get("reference", "").strip(),
        suggest=list(suggest),
        scope=tuple(scope_list),
        params=params,
        pack=pack,
        file=filename,
        line=line,
        messages={k: v.strip() for k, v in messages.items()},
        fix=fix,
    )
    for key in kind_type.DATA_FILES:
        if not rule.data_path(params[key]).is_file():
            fail(key, f"file not found: {rule.data_path(params[key])}")
    problem = kind_type.validate(rule)
    if problem:
        key, message = problem
        fail(key, message)
    return rule


def _expand(source: str, fragments: dict, fail) -> str:
    """A regex with each {{name}} replaced by the pack's fragment of that name."""
    def fragment(match):
        if match.group(1) not in fragments:
            fail("regex", f"unknown fragment {{{{{match.group(1)}}}}} (the pack's 'fragments' define: {', '.join(fragments) or 'none'})")
        return fragments[match.group(1)]

    return FRAGMENT.sub(fragment, source) if "{{" in source else source


def _load_examples(item: LocatedDict, filename: str, fail) -> tuple[list[Example], list[Example]]:
    examples = item["examples"]
    if not isinstance(examples, LocatedDict):
        fail("examples", "must be a mapping with 'fail' and 'pass' lists")
    for key in examples:
        if key not in ("fail", "pass"):
            raise UsageError(f"{filename}:{examples.line_of(key)}: rule '{item['id']}': examples: unknown key '{key}'")
    if not examples.get("fail"):
        fail("examples", "needs at least one 'fail' example")
    loaded = []
    for key in ("fail", "pass"):
        entries = examples.get(key) or []
        if not isinstance(entries, list):
            fail("examples", f"'{key}' must be a list")
        parsed = []
        for entry in entries:
            example = _parse_example(entry, examples.line_of(key))
            if example is None:
                fail("examples", f"each '{key}' example must be a string or a mapping with 'text' (and optional 'format', 'today', 'locale', 'corpus')")
            if key == "pass" and example.marks:
                fail("examples", "a 'pass' example cannot mark a span")
            parsed.append(example)
        loaded.append(parsed)
    return loaded[0], loaded[1]


def _parse_example(entry, line: int) -> Example | None:
    fmt, today, locale, corpus = "markdown", None, None, []
    if isinstance(entry, LocatedDict):
        if set(entry) - EXAMPLE_KEYS or not isinstance(entry.get("text"), str):
            return None
        fmt = entry.get("format", "markdown")
        today = entry.get("today")
        locale = entry.get("locale")
        corpus = entry.get("corpus", [])
        if fmt not in ("markdown", "html", "text") or (today is not None and not isinstance(today, datetime.date)):
            return None
        if not isinstance(corpus, list) or not all(isinstance(c, str) for c in corpus):
            return None
        line = entry.line
        entry = entry["text"]
    if not isinstance(entry, str):
        return None
    text, marks = strip_marks(entry)
    return Example(text=text, format=fmt, marks=marks, line=line, today=today, locale=locale, corpus=corpus)


def strip_marks(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove [[...]] markers from an example and return the text and the marked spans."""
    parts = []
    marks = []
    pos = 0
    length = 0
    while True:
        start = marked.find(MARK_OPEN, pos)
        if start < 0:
            break
        stop = marked.find(MARK_CLOSE, start + 2)
        if stop < 0:
            break
        parts.append(marked[pos:start])
        length += start - pos
        inner = marked[start + 2 : stop]
        marks.append((length, length + len(inner)))
        parts.append(inner)
        length += len(inner)
        pos = stop + 2
    parts.append(marked[pos:])
    return "".join(parts), marks
