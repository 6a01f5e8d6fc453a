"""The engine: runs rule kinds over documents, then corpus rules, then filters.

    paths -> discover -> read -> parse -> per-document checks -> suppressions -> FileResult
    FileResults' facts -> corpus checks (rules of a CorpusKind) -> Report

The per-document pass touches one file at a time and keeps nothing else, so it runs in worker
processes when there are enough files; results come back sorted by path, so the output is the
same whatever the number of jobs.
"""

from __future__ import annotations

import dataclasses
import datetime
import gc
import os
import sys
from dataclasses import dataclass, field

from checker import regexcache
from checker.findings import Finding, matches_prefix
from checker.kinds import DYNAMIC_ID_KINDS, CheckContext, CorpusKind, build_check
from checker.kinds.base import document_settings
from checker.results import FileResult, Report

# Rules built into the tool rather than a pack: problems with the file itself.
META_RULES = {
    "carecheck.unreadable": ("error", "The file could not be read as text (missing permission, binary, or too large)."),
    "carecheck.encoding": ("warning", "The file is not valid UTF-8; invalid bytes were replaced."),
    "carecheck.front-matter": ("error", "The YAML front matter is broken: not terminated, invalid YAML, or not a mapping."),
    "carecheck.unused-suppression": ("info", "A carecheck-disable comment that suppresses nothing."),
    "carecheck.grammar-error": ("warning", "LanguageTool failed or was too slow for this file: its grammar was not checked (the other families were)."),
    "carecheck.unknown-directive": ("warning", "A comment that starts with 'carecheck-' but is no known directive (a misspelt carecheck-disable-line ...): it suppresses nothing."),
    "carecheck.rule-timeout": ("warning", "A rule's regular expression ran past the time limit on this file; the rest of the run went on."),
}
EXCERPT_LIMIT = 200


@dataclass
class FileSettings:
    enabled: set[str]  # rule ids
    severity: dict  # rule id or prefix -> severity
    options: dict  # what checks may read (CheckContext.settings): locale, today, each family's settings
    select: list | None = None  # for findings whose ids a rule makes up (grammar.<languagetool id>)
    ignore: list = field(default_factory=list)


def _specificity(rule_id: str, selectors) -> int:
    """Length of the longest selector naming this rule, -1 if none does (ruff's precedence)."""
    best = -1
    for selector in selectors:
        if matches_prefix(rule_id, selector):
            best = max(best, 0 if selector in ("ALL", "all", "*") else len(selector))
    return best


def is_enabled(rule_id: str, select, ignore) -> bool:
    chosen = 0 if select is None else _specificity(rule_id, select)
    return chosen >= 0 and chosen > _specificity(rule_id, ignore)


def severity_for(rule_id: str, default: str, overrides: dict) -> str:
    best, level = -1, default
    for selector, value in overrides.items():
        if matches_prefix(rule_id, selector) and len(selector) > best:
            best, level = len(selector), value
    return level


class Engine:
    def __init__(self, ruleset, config, select=None, ignore=(), today=None, grammar=None, cache=None):
        self.ruleset = ruleset
        self.config = config
        self.cache = cache  # a ResultCache, or None to check every file
        # The reference date for freshness; fixed here (not left to each check) so that it is part
        # of every cache key, and a cached result cannot outlive the day it was computed for.
        self.today = today or datetime.date.today()
        self.grammar = grammar or {}  # the LanguageTool server found for this run, and its settings
        self.skipped: dict[str, str] = {}  # family -> why it is not run (grammar with no server)
        self.select = select if select is not None else config.select
        self.ignore = list(config.ignore) + list(ignore)
        self._settings_memo: dict = {}  # see settings_for

    # ---- which rules apply to a file

    def rule_ids(self) -> list[str]:
        return [r.id for r in self.ruleset.rules] + list(META_RULES)

    def settings_for(self, path: str) -> FileSettings:
        """The enabled rules, severity overrides and options for one file, after per-path
        overrides. Worked out once per combination of overrides (most runs have one); the result
        is shared, so callers must not change it."""
        relative = self.config.relative(path)
        applied = tuple(k for k, override in enumerate(self.config.overrides) if override.applies_to(relative))
        key = (applied, self.select and tuple(self.select), tuple(self.ignore), repr(sorted(self.grammar.items())), self.today)
        if key not in self._settings_memo:
            self._settings_memo[key] = self._settings([self.config.overrides[k] for k in applied])
        return self._settings_memo[key]

    def _settings(self, overrides) -> FileSettings:
        select, ignore, severity = self.select, list(self.ignore), dict(self.config.severity)
        locale = self.config.locale
        families = {family: dict(values) for family, values in self.config.settings.items() if family != "grammar"}
        for override in overrides:
            if override.select is not None:
                select = override.select
            ignore += override.ignore
            severity.update(override.severity)
            locale = override.locale or locale
            for family, values in override.settings.items():
                families.setdefault(family, {}).update(values)
        options = document_settings(locale, self.today, families, self.grammar)
        enabled = {rid for rid in self.rule_ids() if is_enabled(rid, select, ignore)}
        # A rule that names its findings itself (grammar.<LanguageTool id>) runs when any id under
        # its family is selected; its findings are then filtered one by one.
        for rid in self.dynamic_rule_ids():
            family = rid.split(".", 1)[0]
            wanted = select is None or any(matches_prefix(rid, s) or s.rstrip(".") == family or s.startswith(family + ".") for s in select)
            if wanted and _specificity(rid, ignore) < 0 and not any(i.rstrip(".") == family for i in ignore):
                enabled.add(rid)
        return FileSettings(enabled, severity, options, select, ignore)

    def dynamic_rule_ids(self) -> list[str]:
        return [r.id for r in self.ruleset.rules if r.kind in DYNAMIC_ID_KINDS]

    # ---- the per-document pass

    def check_file(self, path: str, corpus_only: bool = False, text: str | None = None) -> FileResult:
        """Check one file. With corpus_only, run only the rules that feed a corpus check (for
        files that are read for comparison but not reported on). With `text`, check that text as
        the file at `path` (stdin; no cache)."""
        from checker.parsing import parse_document

        settings, read, key, cached = self._look_up(path, corpus_only, text)
        if cached is not None:
            return cached
        result = FileResult(path=path)
        if read.text is None:
            result.metrics = {"fk_grade": None}
            result.findings = self._finalise(None, self._problem_findings(read.problems, settings.enabled), settings.severity)
            return result
        doc = parse_document(path, read.text)
        doc.problems = read.problems + doc.problems
        result.metrics, findings, result.facts = self.check_document(doc, settings.enabled, settings.options)
        findings = [f for f in findings if f.rule in settings.enabled or is_enabled(f.rule, settings.select, settings.ignore)]
        result.findings = self._finalise(doc, findings, settings.severity)
        if key:
            self.cache.put(key, result)
        return result

    def cached_result(self, path: str, corpus_only: bool = False) -> FileResult | None:
        """The file's kept result, when it is unchanged since it was checked with these settings."""
        return self._look_up(path, corpus_only)[3] if self.cache else None

    def _look_up(self, path: str, corpus_only: bool, text: str | None = None):
        """The file's settings, its text (read), its cache key and its kept result (or None)."""
        from checker.files import ReadResult, read_article

        settings = self.settings_for(path)
        if corpus_only:
            corpus_rules = {r.id for r in self.ruleset.rules if r.id in settings.enabled and isinstance(build_check(r), CorpusKind)}
            settings = dataclasses.replace(settings, enabled=corpus_rules)
        read = read_article(path, self.config.max_file_size) if text is None else ReadResult(text, [], "")
        key = self.cache.key(path, read.digest, settings) if self.cache and read.digest else None
        return settings, read, key, (self.cache.get(key, path) if key else None)

    def check_document(self, doc, enabled: set, options: dict) -> tuple[dict, list[Finding], dict]:
        """Run every enabled rule on one parsed document; apply its suppression comments."""
        from checker.readability import article_fk_grade
        from checker.suppression import SUPPRESSIONS, apply_suppressions, suppression_regions

        context = CheckContext(settings=options)
        findings = self._problem_findings(doc.problems, enabled)
        facts = {}
        metrics = {"fk_grade": article_fk_grade(doc)}  # every file has a grade (the JSON contract)
        measured = set()  # kinds whose metrics are in: each kind measures a document once
        for rule in self.ruleset.rules:
            if rule.id not in enabled:
                continue
            check = build_check(rule)
            findings.extend(check.run(doc, context))
            if isinstance(check, CorpusKind):
                facts[rule.id] = check.extract(doc, context)
            if rule.kind not in measured:
                measured.add(rule.kind)
                metrics.update(check.metrics(doc, context))
        later = [rule_id for rule_id, fact in facts.items() if fact]  # corpus rules with something to compare
        findings = apply_suppressions(doc, findings, enabled, later)
        regions = suppression_regions(doc)
        if regions and facts:  # corpus findings come later: keep the file's suppressions for them
            facts[SUPPRESSIONS] = regions
        return metrics, findings, facts

    def _problem_findings(self, problems, enabled: set) -> list[Finding]:
        return [
            Finding(p.rule, p.severity, p.message, p.span.start, p.span.end)
            for p in problems
            if p.rule in enabled
        ]

    def _finalise(self, doc, findings: list[Finding], severity: dict) -> list[Finding]:
        """Fill in positions, excerpts and configured severities; sort."""
        for finding in findings:
            finding.severity = severity_for(finding.rule, finding.severity, severity)
            if finding.line:  # already placed (corpus findings)
                continue
            if doc is None:
                finding.line, finding.column, finding.end_line, finding.end_column = 1, 1, 1, 1
                continue
            finding.line, finding.column = doc.position(finding.start)
            if finding.end > finding.start:
                end_line, end_column = doc.position(finding.end - 1)
                finding.end_line, finding.end_column = end_line, end_column + 1
            else:
                finding.end_line, finding.end_column = finding.line, finding.column
            finding.excerpt = excerpt(doc.source[finding.start : finding.end])
        return sorted(findings, key=Finding.sort_key)

    # ---- the whole run

    def run(self, paths, jobs: int | None = None, corpus=(), report_only=None, progress=None, force_exclude: bool = False) -> Report:
        """Check the files under paths. Files under `corpus`, and files not in `report_only` (a set
        of absolute paths) when it is given, only feed the corpus checks and are not reported."""
        from checker.files import discover

        files, errors = discover(paths, self.config, force_exclude)
        context: list[str] = []
        if report_only is not None:
            context = [f for f in files if os.path.abspath(f) not in report_only]
            files = [f for f in files if os.path.abspath(f) in report_only]
        if corpus:
            corpus_files, corpus_errors = discover(corpus, self.config)
            errors += corpus_errors
            known = {os.path.abspath(f) for f in files + context}
            context += [f for f in corpus_files if os.path.abspath(f) not in known]
        results = self._check_all(files, jobs, progress=progress)
        extra = self._check_all(sorted(set(context)), jobs, corpus_only=True) if context else []
        self.corpus_pass(results, extra)
        return Report(files=results, errors=errors)

    def _check_all(self, files: list[str], jobs: int | None, corpus_only: bool = False, progress=None) -> list[FileResult]:
        jobs = jobs or self.config.jobs or os.cpu_count() or 1
        done: dict[str, FileResult] = {}
        if jobs > 1 and len(files) >= 8 * jobs and self.cache and self.cache.has_entries():
            # Kept results are read here: a worker reads one no faster, then sends it back through
            # a pipe; and when every file is unchanged, no worker is started at all. When the first
            # files all miss (after an upgrade or a rules edit every file does), the rest are left
            # to the workers, which look them up as they check them.
            for k, path in enumerate(files):
                if k == _GIVE_UP_AFTER and not done:
                    break
                cached = self.cached_result(path, corpus_only)
                if cached is not None:
                    done[path] = cached
                    if progress:
                        progress(len(done), len(files))
        todo = [path for path in files if path not in done]
        # Starting worker processes costs more than checking a handful of files.
        if jobs <= 1 or len(todo) < 8 * jobs:
            for path in todo:
                done[path] = self.check_file(path, corpus_only)
                if progress:
                    progress(len(done), len(files))
            return [done[path] for path in files]
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Small batches: the last one finishes soon after the others (a batch is ~15 articles, 0.2 s).
        chunk = max(1, min(16, len(todo) // (jobs * 16)))
        # What the workers inherit (the rule set, compiled patterns, data) lives as long as they do:
        # frozen, no collection in a worker walks it, or copies its pages by touching them.
        gc.freeze()
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(self, os.getpid()))
        try:
            for path, (result, compiled) in zip(todo, pool.map(_check_in_worker, todo, [corpus_only] * len(todo), chunksize=chunk)):
                done[path] = result
                regexcache.adopt(compiled)  # kept for the next run, which then compiles them nowhere
                if progress:
                    progress(len(done), len(files))
        except KeyboardInterrupt:  # Ctrl-C, SIGTERM, SIGHUP: the workers stop now, not after their batch
            manager = getattr(pool, "_executor_manager_thread", None)
            pool.shutdown(wait=False, cancel_futures=True)
            for worker in multiprocessing.active_children():
                worker.terminate()
            # The pool's manager thread closes its wake-up pipe as it ends; if that is still under way
            # when the interpreter exits, Python 3.11's exit hook can write to the closed pipe and
            # print a traceback. Wait for the thread (it ends once it sees the workers gone).
            if manager is not None:
                manager.join(timeout=10)
            raise
        finally:
            gc.unfreeze()  # this process goes on (a language server, a warm process): collect as before
        pool.shutdown()
        return [done[path] for path in files]

    def corpus_pass(self, results: list[FileResult], context: list[FileResult] = ()) -> None:
        """Run corpus rules over the facts of every file read; report only on `results`, minus what
        their suppression comments hide."""
        from checker.suppression import SUPPRESSIONS, is_suppressed

        by_path = {r.path: r for r in results}
        everything = list(results) + list(context)
        for rule in self.ruleset.rules:
            if not any(rule.id in r.facts for r in everything):
                continue
            check = build_check(rule)
            facts = {r.path: r.facts[rule.id] for r in everything if rule.id in r.facts}
            for path, findings in check.check_corpus(facts).items():
                target = by_path.get(path)
                if target is None:  # a file read only for comparison
                    continue
                findings = [f for f in findings if not is_suppressed(f, target.facts.get(SUPPRESSIONS, []))]
                target.findings = self._finalise(None, target.findings + findings, self.settings_for(path).severity)


_GIVE_UP_AFTER = 32  # files without a kept result before a parallel run stops looking itself


def excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_LIMIT else text[: EXCERPT_LIMIT - 1] + "…"


_worker_engine: Engine | None = None


def _init_worker(engine: Engine, parent: int) -> None:
    global _worker_engine
    import signal

    # Ctrl-C is the main process's to handle: workers just stop when it shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):  # the parent's handlers (cli) are inherited through fork
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _die_with_parent(parent)
    _worker_engine = engine
    regexcache.take_added()  # what the main process compiled before the fork: it keeps that itself


def _die_with_parent(parent: int) -> None:
    """On Linux, a worker whose parent is killed outright (SIGKILL, a crash) is sent SIGTERM by the
    kernel rather than left running with the parent's stdout open. Elsewhere the pool's own
    shutdown is all there is."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _check_in_worker(path: str, corpus_only: bool = False) -> tuple[FileResult, list]:
    """The file's result, and the patterns compiled for it (the main process keeps them)."""
    return _worker_engine.check_file(path, corpus_only), regexcache.take_added()
