"""One way in for every command: the config, the rule directories, the data-file and results
caches, the rule set and the engine, set up the same way whichever command asks.

    session = Session.open(config_path, rule_dirs, no_cache)
    session.ruleset               # built-in packs + config `rules:` + --rules
    session.run(paths, ...)       # a Report

So `rules list`, `explain`, `rules test`, `check` and `due` all see the same rules.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from checker import regexcache
from checker.cache import CACHE_DIR
from checker.config import Config, load_config
from checker.engine import META_RULES, Engine
from checker.errors import UsageError
from checker.findings import matches_prefix
from checker.results import Report
from checker.rulefile import RuleSet, load_rules
from checker.yamlload import cache_data_files_in


@dataclass
class Session:
    config: Config
    rule_dirs: list[str] = field(default_factory=list)  # config `rules:`, then --rules
    cache_dir: Path | None = None  # None: no caches at all (--no-cache, CARECHECK_NO_CACHE)
    _ruleset: RuleSet | None = None

    @classmethod
    def open(cls, config_path=None, rule_dirs=(), no_cache: bool = False, root: Path | None = None) -> Session:
        """`root`: the directory whose config applies (default: the working directory); the
        language server opens one session per workspace folder."""
        config = load_config(config_path, cwd=root)
        from checker.cachefile import usable

        caching = not no_cache and not os.environ.get("CARECHECK_NO_CACHE")
        # A cache directory that is a link, or someone else's, is not used (checker.cachefile).
        cache_dir = config.root / CACHE_DIR if caching and usable(config.root / CACHE_DIR) else None
        cache_data_files_in(cache_dir)  # set for every run, so none is left over from an earlier one
        return cls(config, list(config.rules) + list(rule_dirs), cache_dir)

    @property
    def ruleset(self) -> RuleSet:
        if self._ruleset is None:
            self._ruleset = load_rules(extra_dirs=self.rule_dirs, cache_dir=self.cache_dir)
        return self._ruleset

    def packs_at(self, path: Path) -> RuleSet:
        """Only the packs in one file or directory (`rules test PATH`)."""
        if not path.exists():
            raise UsageError(f"{path}: no such file or directory")
        if path.is_dir():
            return load_rules(extra_dirs=[path], include_builtin=False)
        return load_rules(include_builtin=False, files=[path])

    def rule(self, rule_id: str):
        """A rule by id (None for carecheck's built-in meta rules and unknown ids)."""
        return self.ruleset.by_id().get(rule_id)

    def check_selectors(self, selectors) -> None:
        known = [r.id for r in self.ruleset.rules] + list(META_RULES)
        for selector in selectors:
            family_of_dynamic = selector.split(".", 1)[0] == "grammar" and any(r.startswith("grammar.") for r in known)
            if not family_of_dynamic and not any(matches_prefix(rule_id, selector) for rule_id in known):
                raise UsageError(f"'{selector}' matches no rule id or prefix (see `carecheck rules list`)")

    def engine(self, select=None, ignore=(), today=None, grammar_server=None) -> Engine:
        """The engine for this run. `grammar_server(config, asked)` finds a LanguageTool server
        when a grammar rule is enabled (a dict with 'server', or {} for none); `asked` says whether
        grammar was selected by name or configured, so that a missing server is worth a note."""
        self.check_selectors(select or [])
        self.check_selectors(ignore)
        if self.config.grammar_off:
            ignore = list(ignore) + ["grammar"]
        cache = None
        if self.cache_dir:
            from checker.cache import ResultCache

            cache = ResultCache(self.config.root, self.ruleset.digest)
        regexcache.open_file(self.cache_dir, self.ruleset.digest)
        engine = Engine(self.ruleset, self.config, select=select, ignore=list(ignore), today=today, cache=cache)
        dynamic = engine.dynamic_rule_ids()
        if dynamic and grammar_server and any(rid in engine.settings_for("").enabled for rid in dynamic):
            asked = bool(self.config.grammar) or any(s.split(".", 1)[0] == "grammar" for s in (select or []))
            found = grammar_server(self.config, asked)
            if found.get("server"):
                engine.grammar = found
            else:
                engine.ignore.append("grammar")
                engine.skipped["grammar"] = found.get("reason", "no LanguageTool server")
        return engine

    def watched_files(self) -> list[Path]:
        """The files whose change means the session must be opened again: the config and every
        rule pack and data file it reads (for the language server)."""
        files = [Path(self.config.source)] if self.config.source else []
        for directory in self.rule_dirs:
            files += sorted(Path(directory).rglob("*.yaml"))
        return files

    def targets(self, paths) -> list[str]:
        """The paths to check: those given, else the config's `paths`, else content/."""
        if paths:
            return list(paths)
        config = self.config
        targets = [str(config.root / p) if not os.path.isabs(p) else p for p in config.paths] or ["content"]
        return [os.path.relpath(t) for t in targets] if config.paths else targets

    def run(self, engine: Engine, paths, jobs=None, changed_since=None, corpus_dirs=(), progress=None, force_exclude=False) -> Report:
        targets = self.targets(paths)
        report_only = None
        if changed_since:
            from checker.gitdiff import changed_files

            report_only = changed_files(changed_since)
            corpus_dirs = list(corpus_dirs) + targets  # unchanged files still feed the corpus checks
        report = engine.run(targets, jobs=jobs, corpus=list(corpus_dirs), report_only=report_only, progress=progress,
                            force_exclude=force_exclude)
        report.skipped = dict(engine.skipped)
        regexcache.save()
        if self.cache_dir:
            from checker.cache import tidy

            tidy(self.cache_dir)
        return report
