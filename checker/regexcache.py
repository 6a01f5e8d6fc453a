"""Compiled regular expressions kept between runs, so that a one-file check does not compile the
rule set's few hundred patterns again each time.

Compiling is most of a one-file check's start-up (about 90 ms of 240 on the shipped rules: the
phrase lists are large alternations), and `re` keeps compiled patterns only for the life of a
process. So the program `re` compiles a pattern into (a list of integers) is kept in the cache
directory, one signed file per rule set and Python release, and rebuilt into a pattern object
without parsing or compiling it again.

That uses `re`'s internals (`re._parser`, `re._compiler`, `_sre.compile`), the way `re.compile`
itself does. The file is keyed by the interpreter's version and `_sre.MAGIC` (which changes
whenever the program format does), and anything unexpected (a missing internal, a file that does
not load or verify) falls back to `re.compile`: the cache only ever saves time, and a pattern
rebuilt from it is the same program `re.compile` would have made, so findings cannot differ.

    regexcache.open_file(cache_dir, ruleset_digest)   # at the start of a run
    pattern = regexcache.compile(source, flags)        # anywhere a run compiles a pattern
    value = regexcache.derived("what", source, flags, compute)   # what is worked out of a pattern
    regexcache.adopt(added)                            # a worker's take_added(), kept with the rest
    regexcache.save()                                  # at the end of a run, if anything is new

`derived` keeps, beside the programs, what a run works out of a pattern's text alone (the strings
a match needs, checker.prefilter): parsing a few hundred patterns again is as slow as compiling.
"""

from __future__ import annotations

import base64
import json
import re
import sys
import zlib
from array import array
from pathlib import Path

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python implementation: plain re.compile
    _sre = None

MAX_ENTRIES = 5000  # patterns made from data, not only rules: keep the file bounded

_entries: dict[tuple[str, int], list] = {}  # (pattern, flags) -> how to rebuild it
_made: dict[tuple[str, int], re.Pattern] = {}  # rebuilt or compiled in this process
_derived: dict[tuple[str, str, int], object] = {}  # (what, pattern, flags) -> the value, JSON-able
_pending: dict[tuple[str, int], list] = {}  # compiled before a file was opened (while the rule set is validated)
_keep_pending = True  # until a run opens no file (--no-cache): then nothing compiled is kept
_new = 0  # entries compiled or worked out in this run and not yet saved
_added: list[tuple] = []  # the keys of those, for take_added(): a worker process's, to send back
_file: Path | None = None


def _tag() -> str:
    """The interpreter, to its patch release (a fix to re's compiler changes no MAGIC), and the
    program format."""
    version = "".join(str(n) for n in sys.version_info[:3])
    return f"{sys.implementation.name}{version}-{getattr(_sre, 'MAGIC', 0)}-{getattr(_sre, 'CODESIZE', 0)}"


def open_file(cache_dir, digest: str) -> None:
    """Use the kept patterns of this rule set (none when cache_dir is None: --no-cache). What was
    compiled before (validating the rule set, which decides the file's name) is kept in it too."""
    global _file, _new, _keep_pending
    pending = dict(_pending)
    _pending.clear()
    _keep_pending = cache_dir is not None
    _entries.clear()
    _made.clear()
    _added.clear()
    _new = 0
    _file = None
    if cache_dir is None or not _programs_usable():
        return
    from checker.cache import mark_used
    from checker.cachefile import read_signed

    _file = Path(cache_dir) / f"regex-{digest[:16]}-{_tag()}.json"
    body = read_signed(_file, cache_dir)
    if body is not None:
        try:
            data = json.loads(body)
            for pattern, flags, entry in data["patterns"]:
                _entries[(pattern, flags)] = entry
            for what, pattern, flags, value in data["derived"]:
                _derived.setdefault((what, pattern, flags), value)
            mark_used(_file)  # so the daily tidy keeps it
        except (ValueError, TypeError, KeyError):
            _entries.clear()
    for key, built in pending.items():
        _take_in(_entries, key, _kept(built))


def _programs_usable() -> bool:
    return _sre is not None and array("I").itemsize == _sre.CODESIZE


def derived(what: str, pattern: str, flags: int, compute):
    """compute(pattern, flags), a JSON-able value that depends on nothing but its arguments,
    worked out once and kept with the compiled patterns."""
    global _new
    key = (what, pattern, int(flags))
    if key not in _derived:
        _derived[key] = compute(pattern, flags)
        if _file is not None:
            _new += 1
            _added.append(("derived", key))
    return _derived[key]


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), rebuilt from the kept program when there is one."""
    key = (pattern, int(flags))
    made = _made.get(key)
    if made is not None:
        return made
    entry = _entries.get(key)  # (none before a file is open)
    if entry is not None:
        try:
            all_flags, groups, groupindex, indexgroup, program = entry
            code = array("I", zlib.decompress(base64.b64decode(program))).tolist()
            made = _sre.compile(pattern, all_flags, code, groups, groupindex, tuple(indexgroup))
        except Exception:
            del _entries[key]
    if made is None:
        if not _programs_usable():
            return re.compile(pattern, flags)
        try:
            made, built = _compile_keeping_program(pattern, key[1])
        except Exception:
            return re.compile(pattern, flags)  # re's internals differ here (or it is invalid: re says why)
        if _file is None:
            if _keep_pending and len(_pending) < MAX_ENTRIES:
                _pending[key] = built  # for the file the run opens next (encoded then)
        elif _take_in(_entries, key, _kept(built)):
            _added.append(("pattern", key))
    _made[key] = made
    return made


def _compile_keeping_program(pattern: str, flags: int) -> tuple[re.Pattern, list]:
    """What re._compiler.compile does, keeping what rebuilds the pattern: [flags, groups,
    groupindex, indexgroup, the program as an array of integers]."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    all_flags = flags | parsed.state.flags
    compiled = _sre.compile(pattern, all_flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    return compiled, [all_flags, parsed.state.groups - 1, groupindex, indexgroup, array("I", code)]


def _kept(built: list) -> list:
    """A pattern's entry as the file keeps it: the program compressed, in base64 (a sixth of the
    size: the file is read, verified and parsed whole at the start of every run)."""
    *rest, program = built
    return [*rest, base64.b64encode(zlib.compress(program.tobytes())).decode("ascii")]


def take_added() -> list:
    """What this process compiled or worked out since it last asked (entries of the kept file): a
    worker process sends it to the main process, which alone saves the file."""
    added = [(what, key, _entries[key] if what == "pattern" else _derived[key]) for what, key in _added]
    _added.clear()
    return added


def adopt(added: list) -> None:
    """Keep what a worker process compiled (take_added()), as if compiled here."""
    global _new
    if _file is None:
        return
    for what, key, value in added:
        _take_in(_entries if what == "pattern" else _derived, key, value)


def _take_in(kept: dict, key, value) -> bool:
    """Keep a new entry for the file (within its bound); True when it was kept."""
    global _new
    if key in kept or len(kept) >= MAX_ENTRIES:
        return False
    kept[key] = value
    _new += 1
    return True


def save() -> None:
    """Keep what this run compiled (nothing to do when every pattern came from the file)."""
    global _new
    if _file is None or not _new:
        return
    from checker.cachefile import write_signed

    body = json.dumps({"patterns": [[pattern, flags, entry] for (pattern, flags), entry in _entries.items()],
                       "derived": [[what, pattern, flags, value] for (what, pattern, flags), value in list(_derived.items())[:MAX_ENTRIES]]},
                      ensure_ascii=False)
    try:
        write_signed(_file, body, _file.parent)
    except (OSError, ValueError):
        pass  # a read-only tree or a full disk only costs speed
    _new = 0
