"""Safe YAML loading that remembers where every mapping key was written.

Rule files and front matter are both YAML. Errors about them must name the line of the
offending key, so mappings load as `LocatedDict`, which keeps a 1-based line per key.
Only the safe loader is ever used: a YAML file is data and cannot construct objects.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

try:  # the C loader is several times faster; fall back when libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader


class LocatedDict(dict):
    """A dict from YAML that knows the line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class YamlError(ValueError):
    """Invalid YAML, with the 1-based line where the problem was found."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


class _LocatingLoader(_BaseLoader):
    def construct_mapping(self, node, deep=False):
        mapping = LocatedDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                hash(key)
            except TypeError:
                raise YamlError("a mapping key must be a plain value", key_node.start_mark.line + 1) from None
            if key in mapping:
                raise YamlError(f"duplicate key {key!r}", key_node.start_mark.line + 1)
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping


_LocatingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LocatingLoader.construct_mapping
)


# Aliases let a few hundred bytes stand for billions of values (a "billion laughs" document): the
# loader shares the repeated values, but anything that walks them (a topic list, a JSON copy)
# would not end. A document whose values, aliases expanded, number more than this is refused.
MAX_EXPANDED_VALUES = 100_000


def _expanded_size(value, memo: dict) -> int:
    """How many values `value` stands for with every alias expanded (each shared value is
    measured once, so this is linear in the document, whatever it expands to)."""
    key = id(value)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a value that contains itself counts once
    if isinstance(value, dict):
        size = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in value.items())
    elif isinstance(value, list):
        size = 1 + sum(_expanded_size(v, memo) for v in value)
    else:
        size = 1
    memo[key] = size
    return size


def load_yaml(text: str):
    """Parse one YAML document safely; raise YamlError with a line number on failure, and for a
    document whose aliases expand to more than MAX_EXPANDED_VALUES values."""
    try:
        data = yaml.load(text, Loader=_LocatingLoader)
        if ("*" in text or "<<" in text) and _expanded_size(data, {}) > MAX_EXPANDED_VALUES:
            raise YamlError(f"its aliases expand to more than {MAX_EXPANDED_VALUES:,} values (refused)", 1)
        return data
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(f"invalid YAML: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}", 1) from None
    except RecursionError:
        raise YamlError("invalid YAML: nested too deeply", 1) from None


_data_cache_dir: Path | None = None


def cache_data_files_in(directory) -> None:
    """Keep a JSON copy of every data file read, keyed by its bytes, in this directory: reading
    it back is five times faster than parsing the YAML again (crisis lines, claims ...)."""
    global _data_cache_dir
    _data_cache_dir = Path(directory) if directory else None


def load_data_file(path: str, schema=None) -> dict:
    """A YAML data file that rules refer to (crisis lines, claims, trigger words), read once per
    process and checked against its schema (checker.schema) when it is parsed: a JSON copy is kept
    only of a file that passed, so reading the copy back needs no check. Problems are a UsageError
    naming the file, line and key, like a broken rule file."""
    return _load_data_file(path, schema and _Schema(schema))


class _Schema:
    """A schema as an lru_cache key (a schema is a dict, which is not hashable)."""

    def __init__(self, schema):
        self.schema = schema
        self.text = repr(schema)

    def __hash__(self):
        return hash(self.text)

    def __eq__(self, other):
        return isinstance(other, _Schema) and other.text == self.text


@functools.lru_cache(maxsize=32)
def _load_data_file(path: str, schema: _Schema | None) -> dict:
    from checker.errors import UsageError

    try:
        raw = Path(path).read_bytes()
        copy = _cached_copy(path, raw, schema)
        data = copy.get("data") if copy else load_yaml(raw.decode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not valid UTF-8") from None
    except YamlError as exc:
        raise UsageError(f"{path}:{exc.line}: {exc.message}") from None
    if data is None:
        data = LocatedDict()
        data.line, data.key_lines = 1, {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}:1: must be a mapping of keys to values")
    if copy is None:
        if schema:
            from checker.schema import validate

            validate(data, schema.schema, path)
        if _data_cache_dir:
            _keep_copy(path, raw, data, schema)
    return data


def _copy_file(path: str, raw: bytes, schema) -> Path:
    import hashlib

    from checker import __version__

    # The schema is part of the key: a copy vouches for the file passing this very schema.
    checked = schema.text if schema else ""
    digest = hashlib.sha256(f"{__version__}\0{Path(path).resolve()}\0{checked}\0".encode() + raw).hexdigest()
    return _data_cache_dir / f"data-{digest[:40]}.json"


def _cached_copy(path: str, raw: bytes, schema) -> dict | None:
    if not _data_cache_dir:
        return None
    import json

    from checker.cache import mark_used
    from checker.cachefile import read_signed

    copy_file = _copy_file(path, raw, schema)
    body = read_signed(copy_file, _data_cache_dir)  # a planted or altered copy reads as missing
    if body is None:
        return None  # none yet, corrupt or not ours: read the YAML
    try:
        copy = json.loads(body, object_hook=_decode)
    except (ValueError, TypeError, KeyError):
        return None
    mark_used(copy_file)
    return copy if isinstance(copy, dict) and "data" in copy else None


def _keep_copy(path: str, raw: bytes, data, schema) -> None:
    import json

    from checker.cachefile import write_signed

    try:
        write_signed(_copy_file(path, raw, schema), json.dumps({"data": _encode(data)}, ensure_ascii=False), _data_cache_dir)
    except (OSError, TypeError, ValueError):
        pass  # a value JSON cannot hold, or an unwritable tree: read the YAML next time


def _encode(value):
    """YAML values as JSON: mappings keep their key order, lines and key types; dates are tagged."""
    import datetime

    if isinstance(value, dict):
        return {
            "__map__": [[_encode(k), _encode(v)] for k, v in value.items()],
            "__line__": getattr(value, "line", 0),
            "__key_lines__": [[_encode(k), line] for k, line in getattr(value, "key_lines", {}).items()],
        }
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, datetime.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"__date__": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__} in JSON")


def _decode(obj: dict):
    import datetime

    if "__map__" in obj:
        mapping = LocatedDict()
        for k, v in obj["__map__"]:
            mapping[_hashable(k)] = v
        mapping.line = obj["__line__"]
        mapping.key_lines = {_hashable(k): line for k, line in obj["__key_lines__"]}
        return mapping
    if "__date__" in obj:
        return datetime.date.fromisoformat(obj["__date__"])
    if "__datetime__" in obj:
        return datetime.datetime.fromisoformat(obj["__datetime__"])
    return obj


def _hashable(key):
    return tuple(key) if isinstance(key, list) else key
