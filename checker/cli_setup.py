"""Setting carecheck up in a repository and seeing what it will do: `carecheck init` writes a
starter config, a pre-commit entry and a CI workflow (never over an existing file); `carecheck
config show PATH` prints the settings in force for one file and where each came from.
(Registered on the `carecheck` group in checker.cli.)"""

from __future__ import annotations

import os
from pathlib import Path

import click

from checker.errors import UsageError

STARTER_CONFIG = """\
# carecheck configuration (README, "Configuration"). Paths are relative to this file.
paths: [{paths}]
# Not articles: README*, CHANGELOG*, LICENSE*, requirements*.txt ... are left out by default;
# add more here (exclude: would replace the defaults).
extend_exclude: []
# The readers' locale. Leave it out to let carecheck infer each page's region from its crisis
# lines and national services (a UK page that lists Samaritans 116 123 is judged for UK readers).
locale: {locale}
fail_on: error
readability:
  audience: {audience}          # general (grade 8), teen, patient, clinician ...
freshness:
  interval_months: 36          # a review every three years,
  crisis_interval_months: 12   # every year for pages that carry crisis lines,
  warn_days: 30                # and a warning a month before
  require_reviewer: true
"""

PRE_COMMIT = """\
# carecheck on the articles being committed (README, "Reports and integrations").
repos:
  - repo: local
    hooks:
      - id: carecheck
        name: carecheck
        entry: carecheck check --force-exclude --keep-warm
        language: system
        types_or: [markdown, html, plain-text]
"""

WORKFLOW = """\
# carecheck as a publication gate: every article, with annotations on the diff.
name: carecheck
on: [push, pull_request]
jobs:
  carecheck:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: {{python-version: "3.11"}}
      - run: pip install carecheck
      - run: carecheck check --format github {paths}
      - run: carecheck due --fail-on overdue {paths}
"""


@click.command()
@click.option("--paths", default="content", show_default=True, help="Where the articles are (comma-separated).")
@click.option("--locale", default="en-US", show_default=True, help="The readers' locale (en-GB, en-AU ...).")
@click.option("--audience", default="general", show_default=True, help="The readers (general, teen, patient, clinician).")
def init(paths, locale, audience):
    """Write a starter carecheck.yaml, a pre-commit hook and a CI workflow (never over existing files)."""
    folders = [p.strip() for p in paths.split(",") if p.strip()]
    files = {
        Path("carecheck.yaml"): STARTER_CONFIG.format(paths=", ".join(folders), locale=locale, audience=audience),
        Path(".pre-commit-config.yaml"): PRE_COMMIT,
        Path(".github/workflows/carecheck.yml"): WORKFLOW.format(paths=" ".join(folders)),
    }
    existing = [str(p) for p in files if p.exists()]
    if existing:
        raise UsageError(f"not overwriting {', '.join(existing)}: move them away, or add carecheck to them by hand (README)")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        click.echo(f"wrote {path}")
    click.echo("Next: `pre-commit install`, then `carecheck check` to see where the articles stand.")


@click.group()
def config():
    """The configuration carecheck uses."""


@config.command("show")
@click.argument("path", default="content")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file.")
def config_show(path, config_path):
    """The settings in force for PATH (a file or folder) and where each came from."""
    from checker.config import DEFAULT_EXCLUDE
    from checker.kinds import KINDS, kind_class
    from checker.session import Session

    session = Session.open(config_path, no_cache=True)
    cfg = session.config
    source = cfg.source or "none (the defaults)"
    relative = cfg.relative(path)
    applied = [(k, o) for k, o in enumerate(cfg.overrides, 1) if o.applies_to(relative)]
    lines = [f"config file: {source}", f"root: {cfg.root}", f"path: {relative}"]
    if applied:
        lines.append("overrides applied: " + "; ".join(f"#{k} ({', '.join(o.files)})" for k, o in applied))
    excluded = cfg.is_excluded(path)
    where_exclude = "default" if cfg.exclude[: len(DEFAULT_EXCLUDE)] == DEFAULT_EXCLUDE else "config"
    lines.append(f"excluded: {'yes' if excluded else 'no'} (exclude from the {where_exclude}; force_exclude: {cfg.force_exclude})")
    locale = next((o.locale for _, o in reversed(applied) if o.locale), None)
    if locale:
        lines.append(f"locale: {locale} (override)")
    elif cfg.locale:
        lines.append(f"locale: {cfg.locale} (config)")
    else:
        lines.append("locale: not declared (each page's region is inferred from the page, else en-US)")
    lines.append(f"fail_on: {cfg.fail_on} ({'config' if cfg.source and cfg.fail_on != 'error' else 'default'})")
    select = next((o.select for _, o in reversed(applied) if o.select is not None), cfg.select)
    lines.append(f"select: {', '.join(select) if select else 'every rule'}")
    ignore = cfg.ignore + [i for _, o in applied for i in o.ignore]
    lines.append(f"ignore: {', '.join(ignore) if ignore else 'nothing'}" + ("; grammar: off" if cfg.grammar_off else ""))
    severity = {**cfg.severity, **{k: v for _, o in applied for k, v in o.severity.items()}}
    if severity:
        lines.append("severity: " + ", ".join(f"{k}={v}" for k, v in sorted(severity.items())))
    for family in KINDS:
        schema = kind_class(family).SETTINGS
        if not schema:
            continue
        for key in schema:
            value, origin = None, None
            if key in cfg.settings.get(family, {}):
                value, origin = cfg.settings[family][key], "config"
            for k, override in applied:
                if key in override.settings.get(family, {}):
                    value, origin = override.settings[family][key], f"override #{k}"
            if origin:
                lines.append(f"{family}.{key}: {value} ({origin})")
            else:
                lines.append(f"{family}.{key}: not set (the default)")
    click.echo("\n".join(lines))
    if not os.path.exists(path):
        click.echo(f"note: {path} does not exist; these are the settings a file there would get", err=True)
