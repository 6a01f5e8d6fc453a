"""The commands about rules and tools rather than articles: `rules list`, `rules test`,
`explain` and `grammar status|setup` (registered on the `carecheck` group in checker.cli)."""

from __future__ import annotations

import sys

import click

from checker.errors import UsageError


@click.group()
def grammar():
    """LanguageTool for the grammar family: where it is, and how to get it."""


@grammar.command("status")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file.")
def grammar_status(config_path):
    """Say which LanguageTool server a check would use."""
    from checker.languagetool import HOW_TO, find_server
    from checker.session import Session

    server = find_server(Session.open(config_path, no_cache=True).config.grammar)
    if server.url:
        click.echo(f"grammar: using {server.reason}")
    else:
        click.echo(f"grammar: not available: {server.reason}; {HOW_TO}")
        sys.exit(1)


@grammar.command("setup")
@click.option("--yes", is_flag=True, help="Do not ask before downloading.")
def grammar_setup(yes):
    """Download LanguageTool for local grammar checks (needs the network and Java 17 or later)."""
    import shutil

    click.echo("This downloads LanguageTool (about 250 MB) with language-tool-python into its cache")
    click.echo("directory (or LTP_JAR_DIR_PATH). It needs the network now, and Java 17 or later to run.")
    click.echo("Checks never download anything; after this, `carecheck check` finds it by itself.")
    if not shutil.which("java"):
        raise UsageError("Java was not found: install Java 17 or later first")
    if not yes and not click.confirm("Download now?", default=False):
        sys.exit(1)
    try:
        from language_tool_python.download_lt import download_lt

        download_lt()
    except Exception as exc:
        raise UsageError(f"LanguageTool download failed: {exc}") from None
    click.echo("LanguageTool is installed; `carecheck grammar status` shows what will be used.")


@click.group()
def rules():
    """List the rules, or test them against their examples."""


@rules.command("list")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), help="An extra rule directory (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_list(config_path, rule_dirs, fmt):
    """Every rule: id, kind, severity, pack, and whether `check --fix` can fix it."""
    from checker.engine import META_RULES
    from checker.session import Session

    ruleset = Session.open(config_path, rule_dirs, no_cache=True).ruleset
    header = ("id", "kind", "severity", "pack", "fix")
    rows = [(r.id, r.kind, r.severity, r.pack, "fix" if r.fix else "") for r in ruleset.rules]
    rows += [(rid, "builtin", severity, "carecheck", "") for rid, (severity, _) in META_RULES.items()]
    rows.sort()
    if fmt == "json":
        import json

        click.echo(json.dumps([{**dict(zip(header[:4], row)), "fixable": bool(row[4])} for row in rows], indent=2))
        return
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]
    for row in [header] + rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


@rules.command("test")
@click.argument("path", required=False, type=click.Path(exists=False))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), help="An extra rule directory (repeatable).")
def rules_test(path, config_path, rule_dirs):
    """Check every rule against its own examples (PATH: a rule file or directory; default: all packs)."""
    from pathlib import Path

    from checker.selftest import check_all_examples
    from checker.session import Session

    session = Session.open(config_path, rule_dirs, no_cache=True)
    ruleset = session.packs_at(Path(path)) if path else session.ruleset
    grammar = {}
    from checker.selftest import needs_server

    if any(needs_server(r) for r in ruleset.rules):
        from checker.languagetool import find_server

        server = find_server(session.config.grammar)
        grammar = {"server": server.url} if server.url else {}
    count, examples, failures, skipped = check_all_examples(ruleset, grammar)
    for failure in failures:
        click.echo(failure.describe())
    for rule in skipped:
        click.echo(f"{rule.id}: examples not checked: no LanguageTool server (set CARECHECK_LANGUAGETOOL_URL).")
    if failures:
        click.echo(f"{len(failures)} of {examples} examples failed ({count} rules).")
        sys.exit(1)
    click.echo(f"All {examples} examples of {count} rules pass.")


@click.command()
@click.argument("rule_id")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), help="An extra rule directory (repeatable).")
def explain(rule_id, config_path, rule_dirs):
    """Explain a rule: what it flags, why, the guideline behind it, and examples."""
    from checker.engine import META_RULES
    from checker.kinds import kind_class
    from checker.session import Session

    session = Session.open(config_path, rule_dirs, no_cache=True)
    rule = session.rule(rule_id)
    if rule is None:
        if rule_id in META_RULES:
            severity, text = META_RULES[rule_id]
            click.echo(f"{rule_id} (built in, {severity})\n\n{text}")
            return
        raise UsageError(f"unknown rule '{rule_id}'{_did_you_mean(rule_id, [r.id for r in session.ruleset.rules] + list(META_RULES))}")
    click.echo(f"{rule.id} ({rule.kind} rule, {rule.severity}, pack '{rule.pack}')")
    click.echo()
    click.echo(rule.message)
    for variant, template in rule.messages.items():
        click.echo(f"  ({variant}) {template}")
    if rule.description:
        click.echo()
        click.echo(rule.description)
    judged = kind_class(rule.kind).explain(rule)
    if judged:
        click.echo()
        click.echo(judged)
    if rule.suggest:
        click.echo()
        click.echo("Write instead: " + "; ".join(rule.suggest))
    if rule.fix:
        click.echo()
        click.echo("Fixed by `check --fix`: " + "; ".join(f"'{a}' -> '{b}'" for a, b in rule.fix.items()))
    if rule.reference:
        click.echo()
        click.echo(f"Reference: {rule.reference}")
    click.echo()
    click.echo("Flagged:")
    for example in rule.examples_fail:
        click.echo(f"  - {example.text.strip()}")
    if rule.examples_pass:
        click.echo("Not flagged:")
        for example in rule.examples_pass:
            click.echo(f"  - {example.text.strip()}")
    click.echo()
    click.echo(f"Defined in {rule.file}:{rule.line}")


def _did_you_mean(rule_id: str, known: list[str]) -> str:
    """'; did you mean wording.committed-suicide?' for a rule id without its family, or misspelt."""
    import difflib

    by_name = [r for r in known if r.split(".", 1)[-1] == rule_id]
    close = by_name or difflib.get_close_matches(rule_id, known, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else " (see `carecheck rules list`)"
