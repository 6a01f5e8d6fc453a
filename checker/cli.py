"""The `carecheck` command line.

Exit codes: 0 when nothing is at or above --fail-on; 1 when something is; 2 for a usage, config
or rule-file error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import os
import signal
import sys
import threading

import click

from checker import __version__
from checker.cli_rules import explain, grammar, rules
from checker.cli_setup import config, init
from checker.cli_warm import warm
from checker.errors import Terminated, UsageError
from checker.formats import format_names
from checker.formats.sanitise import terminal
from checker.output import write_output

FAIL_ON = ("error", "warning", "info", "never")
# Files and folders to check: whether each can be read is for the run to say, path by path
# (checker/files.py), not for click to end the whole run over one of them.
ARTICLE_PATHS = click.Path(readable=False)


def _split(values) -> list[str]:
    """Accept repeated options and comma-separated lists alike: --select a,b --select c."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _use_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


class _Group(click.Group):
    """Turns UsageError (and click's own usage errors) into one line and exit code 2."""

    def main(self, args=None, prog_name=None, **extra):
        extra.pop("standalone_mode", None)
        previous = _stop_on_termination()
        try:
            code = super().main(args=args, prog_name=prog_name, standalone_mode=False, **extra)
        except UsageError as exc:
            click.echo(f"carecheck: error: {terminal(exc.message)}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Abort, KeyboardInterrupt) as exc:
            cause = exc if isinstance(exc, Terminated) else exc.__cause__  # click wraps the interrupt in Abort
            if isinstance(cause, Terminated):
                click.echo("carecheck: terminated", err=True)
                sys.exit(128 + cause.signum)
            click.echo("carecheck: interrupted", err=True)
            sys.exit(130)
        except click.ClickException as exc:
            click.echo(f"carecheck: error: {terminal(exc.format_message().splitlines()[0])}", err=True)
            sys.exit(2)
        except (SystemExit, GeneratorExit):
            raise
        except BrokenPipeError:  # output piped into `head`: nothing more to say
            sys.exit(0)
        except Exception as exc:  # a bug in carecheck: one line, exit 2; CARECHECK_DEBUG=1 shows the traceback
            if os.environ.get("CARECHECK_DEBUG"):
                raise
            click.echo(f"carecheck: internal error: {exc.__class__.__name__}: {terminal(exc)} (set CARECHECK_DEBUG=1 for details)", err=True)
            sys.exit(2)
        finally:
            _restore_handlers(previous)
        sys.exit(code if isinstance(code, int) else 0)


def _raise_terminated(signum, frame):
    if os.getpid() != _MAIN_PID:
        # A worker forked before its initializer reset this handler: it ends as the default would,
        # silently, not with a traceback of its own.
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise Terminated(signum)


_MAIN_PID = os.getpid()


def _stop_on_termination() -> dict:
    """SIGTERM and SIGHUP (a CI job cancelled, a terminal closed) unwind like Ctrl-C, so that worker
    processes are stopped and no temporary file is left; the default would end this process alone."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            previous[name] = signal.signal(getattr(signal, name), _raise_terminated)
    return previous


def _restore_handlers(previous: dict) -> None:
    for name, handler in previous.items():
        signal.signal(getattr(signal, name), handler)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="carecheck", message="%(prog)s %(version)s")
def main():
    """carecheck: checks mental-health articles before they are published.

    Crisis banners, review dates, readability, stigma-free wording and cited statistics,
    line by line. Run `carecheck check` on a folder of Markdown, HTML or text articles.
    """


def _run_options(function):
    """The options every command that checks articles takes."""
    options = [
        click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: carecheck.yaml, or [tool.carecheck] in pyproject.toml)."),
        click.option("--select", multiple=True, help="Only these rule ids or prefixes (repeatable, or comma-separated)."),
        click.option("--ignore", multiple=True, help="Skip these rule ids or prefixes (repeatable, or comma-separated)."),
        click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), help="An extra rule directory, on top of the built-in packs (repeatable)."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes [default: the number of CPUs]."),
        click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Reference date for review freshness, YYYY-MM-DD [default: today]."),
        click.option("--changed-since", metavar="REF", default=None, help="Report only files changed since this git ref (the others still feed corpus checks)."),
        click.option("--corpus", "corpus_dirs", multiple=True, type=ARTICLE_PATHS, help="Also read these paths for corpus checks, without reporting on them (repeatable)."),
        click.option("--no-cache", is_flag=True, help="Check every file, ignoring and not writing the results cache (.carecheck_cache/)."),
        click.option("--force-exclude", is_flag=True, help="Leave out excluded files even when they are named on the command line (for pre-commit)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@main.command()
@click.argument("paths", nargs=-1, type=ARTICLE_PATHS)
@click.option("--format", "fmt", type=click.Choice(format_names()), default="text", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file instead of stdout.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None, help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None, help="Hide the findings recorded in this baseline file (see `carecheck baseline`).")
@click.option("--fix", "fix", is_flag=True, help="Apply the safe fixes rules declare ('committed suicide' -> 'died by suicide'), then report what is left.")
@click.option("--diff", "diff", is_flag=True, help="Print the fixes as a unified diff instead of applying them (exit 1 when there are any).")
@click.option("--stdin-filename", metavar="PATH", default=None, help="With `-` as the path: the file name the text read from stdin stands for (its format and config).")
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only: no summary and no notes.")
@click.option("--show", type=click.Choice(["info", "warning", "error"]), default="info", show_default=True,
              help="The lowest severity shown (the exit code still follows --fail-on).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text output (auto: on a terminal, unless NO_COLOR is set).")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule has, instead of the findings.")
@click.option("--keep-warm", is_flag=True, help="Run in a warm carecheck process, started by the first such run and ended after 10 idle minutes "
              "(pre-commit hooks: a one-file check without the start-up). Not on Windows; CARECHECK_NO_WARM=1 turns it off.")
@_run_options
def check(paths, fmt, output, fail_on, baseline_path, fix, diff, stdin_filename, quiet, show, color, statistics, keep_warm, **run):
    """Check articles (default: the config's paths, else content/; `-` reads one from stdin)."""
    from checker.formats import RenderOptions, render_pieces

    del keep_warm  # acted on by checker/launcher.py, before and after this command
    stdin_text = None
    run["quiet"] = quiet  # the grammar note stays unsaid
    if "-" in paths:
        if len(paths) > 1 or fix:
            raise UsageError("`-` (stdin) stands alone, and cannot be fixed in place (use --diff)")
        stdin_text = sys.stdin.buffer.read().decode("utf-8", errors="replace").removeprefix("\ufeff")
        config, ruleset, report = _run_stdin(stdin_filename or "stdin.md", stdin_text, **run)
    else:
        config, ruleset, report = _run(paths, **run)
    if fix or diff:
        from checker.fixes import apply, plan

        fixes = plan(report, {r.path: stdin_text for r in report.files} if stdin_text is not None else None)
        if diff:
            write_output("".join(f.diff() for f in fixes), output)
            sys.exit(1 if fixes else (2 if report.errors else 0))
        apply(fixes)
        for file_fix in fixes:
            for finding, replacement in file_fix.applied:
                click.echo(terminal(f"fixed {file_fix.path}:{finding.line}:{finding.column}: '{finding.excerpt}' -> '{replacement}' ({finding.rule})"), err=True)
        if fixes:
            changed = sum(len(f.applied) for f in fixes)
            click.echo(f"Fixed {changed} finding{'s' if changed != 1 else ''} in {len(fixes)} file{'s' if len(fixes) != 1 else ''}.", err=True)
            config, ruleset, report = _run(paths, **{**run, "no_cache": True})  # what is left
    if baseline_path:
        from checker.baseline import apply_baseline

        stale = apply_baseline(report, baseline_path)
        if stale:
            click.echo(f"carecheck: note: {stale} baseline {'entry no longer occurs' if stale == 1 else 'entries no longer occur'}; run `carecheck baseline {baseline_path}` to shrink it.", err=True)
    _refuse_to_overwrite_an_article(output, report)
    fail_on = fail_on or config.fail_on
    code = report.exit_code(fail_on)  # on every finding, whatever --show hides
    if statistics:
        write_output(_statistics(report), output)
        sys.exit(code)
    shown, hidden = report.at_least(show)
    sources = _sources(shown, every_file=fmt == "html") if fmt in ("text", "html") else None
    colour = {"always": True, "never": False}.get(color, not output and _use_color(sys.stdout))
    options = RenderOptions(color=colour, fail_on=fail_on, sources=sources, rules=ruleset.by_id(), quiet=quiet, show=show, hidden=hidden)
    write_output(render_pieces(shown, fmt, options), output)
    sys.exit(code)


def _refuse_to_overwrite_an_article(output, report) -> None:
    """`-o content/a.md` would replace an article with the report: refused, nothing written."""
    if output and os.path.realpath(output) in {os.path.realpath(r.path) for r in report.files}:
        raise UsageError(f"{output}: is an article being checked; write the report somewhere else")


def _statistics(report) -> str:
    """Findings per rule, most first, like ruff --statistics ([*]: fixable with --fix)."""
    from collections import Counter

    counts = Counter(f.rule for r in report.files for f in r.findings)
    fixable = Counter(f.rule for r in report.files for f in r.findings if f.fix is not None)
    severity = {f.rule: f.severity for r in report.files for f in r.findings}
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = [f"{n:>{width}}  {rule}  {severity[rule]}{'  [*]' if fixable[rule] else ''}" for rule, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
    return "".join(line + "\n" for line in lines)


@main.command()
@click.argument("paths", nargs=-1, type=ARTICLE_PATHS)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="reports/index.html", show_default=True, help="Where to write the report.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None, help="Exit 1 when a finding is at or above this severity [default: never].")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None, help="Leave out the findings recorded in this baseline file.")
@_run_options
def report(paths, output, fail_on, baseline_path, **run):
    """Write the clinical reviewers' report: one self-contained HTML page."""
    from checker.formats import RenderOptions, render
    from checker.formats.html_charts import NO_CHARTS, Charts

    config, ruleset, result = _run(paths, **run)
    if baseline_path:
        from checker.baseline import apply_baseline

        apply_baseline(result, baseline_path)
    for file_result in result.files:  # paths as the reader's working directory sees them
        relative = os.path.relpath(file_result.path) if os.path.isabs(file_result.path) else file_result.path
        if not relative.startswith(".."):
            file_result.path = relative
    _refuse_to_overwrite_an_article(output, result)
    if Charts.if_installed() is None:
        click.echo(f"carecheck: note: {NO_CHARTS}", err=True)
    options = RenderOptions(fail_on=fail_on or config.fail_on, sources=_sources(result, every_file=True), rules=ruleset.by_id())
    write_output(render(result, "html", options), output)
    click.echo(f"Report written to {terminal(output)} ({result.counts()['files']} articles, {result.counts()['findings']} findings).", err=True)
    sys.exit(result.exit_code(fail_on) if fail_on else (2 if result.errors else 0))


@main.command()
@click.argument("baseline_file", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, type=ARTICLE_PATHS)
@click.option("--reset", is_flag=True, help="Record every current finding, even ones the existing baseline does not have.")
@_run_options
def baseline(baseline_file, paths, reset, **run):
    """Record the current findings, so that `check --baseline FILE` shows only new ones.

    An existing baseline only shrinks: findings that no longer occur are dropped, new ones are not
    added (unless --reset).
    """
    from checker.baseline import write_baseline

    _, _, result = _run(paths, **run)
    kept, dropped = write_baseline(result, baseline_file, shrink_only=not reset)
    click.echo(f"Baseline {baseline_file}: {kept} finding(s) recorded, {dropped} dropped.", err=True)
    sys.exit(2 if result.errors else 0)


def _run(paths, config_path=None, select=(), ignore=(), rule_dirs=(), jobs=None, today=None, changed_since=None, corpus_dirs=(), no_cache=False, only=None,
         force_exclude=False, quiet=False):
    """Check the paths as the options say, print path errors; return (config, ruleset, report)."""
    from checker.session import Session

    session = Session.open(config_path, rule_dirs, no_cache)
    engine = session.engine(select=only or _split(select) or None, ignore=_split(ignore), today=today.date() if today else None,
                            grammar_server=lambda config, asked: _grammar_server(config, asked and not quiet))
    progress = _progress_bar() if sys.stderr.isatty() and not os.environ.get("CI") else None
    report = session.run(engine, paths, jobs=jobs, changed_since=changed_since, corpus_dirs=corpus_dirs, progress=progress,
                         force_exclude=force_exclude)
    if progress:
        click.echo("\r\033[K", err=True, nl=False)
    for message in report.errors:
        click.echo(f"carecheck: error: {terminal(message)}", err=True)
    return session.config, session.ruleset, report


def _run_stdin(stdin_filename, text, config_path=None, select=(), ignore=(), rule_dirs=(), today=None, force_exclude=False, quiet=False,
               **_ignored):
    """Check `text` (read from stdin) as if it were the file `stdin_filename` (format, config,
    overrides). Options about files and folders (--jobs, --corpus, --changed-since) do not apply."""
    from checker.results import Report
    from checker.session import Session

    session = Session.open(config_path, rule_dirs, no_cache=True)
    engine = session.engine(select=_split(select) or None, ignore=_split(ignore), today=today.date() if today else None,
                            grammar_server=lambda config, asked: _grammar_server(config, asked and not quiet))
    if (force_exclude or session.config.force_exclude) and session.config.is_excluded(stdin_filename):
        return session.config, session.ruleset, Report(files=[])
    report = Report(files=[engine.check_file(stdin_filename, text=text)], skipped=dict(engine.skipped))
    return session.config, session.ruleset, report


def _progress_bar():
    """A one-line progress bar on a terminal's stderr, for runs long enough to need one."""
    def show(done: int, total: int) -> None:
        if total < 50 or (done % 10 and done != total):
            return
        width = 30
        filled = width * done // total
        click.echo(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} files", err=True, nl=False)

    return show


def _grammar_server(config, asked: bool) -> dict:
    """Find the LanguageTool server once per run. With none, grammar is skipped (the machine
    formats record it); the note is printed once, and only when grammar was selected by name or
    configured (`grammar: off` in the config silences it altogether); exit 2 if required."""
    from checker.languagetool import HOW_TO, find_server

    server = find_server(config.grammar)
    if server.url:
        return {**config.grammar, "server": server.url}
    message = f"grammar not checked: {server.reason}; {HOW_TO}"
    if config.grammar.get("required"):
        raise UsageError(message + " (grammar.required is true)")
    if asked:
        click.echo(f"carecheck: note: {terminal(message)}", err=True)
    return {"reason": server.reason}


def _sources(report, every_file: bool = False) -> dict:
    """Re-read the files with findings (or every file), to show the offending lines in context."""
    from checker.files import read_article

    sources = {}
    for result in report.files:
        if result.findings or every_file:
            read = read_article(result.path, 10**9)
            if read.text is not None:
                sources[result.path] = read.text
    return sources


@main.command()
@click.argument("paths", nargs=-1, type=ARTICLE_PATHS)
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Reference date, YYYY-MM-DD [default: today].")
@click.option("--within", default=None, help="Only articles due within this time, e.g. 90d, 12w, 6m (overdue and undated ones always show).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "ics"]), default="text", show_default=True,
              help="ics: an iCalendar file, one event per review falling due.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option("--fail-on", type=click.Choice(["overdue", "due-soon", "never"]), default="never", show_default=True,
              help="Exit 1 when an article is overdue (or, with due-soon, due within the warning window or overdue).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), help="An extra rule directory (repeatable).")
def due(paths, today, within, fmt, output, fail_on, config_path, rule_dirs):
    """The review calendar: every article with its last review, reviewer and due date, overdue first."""
    import datetime

    from checker.calendar import parse_within, render_calendar, review_rows

    limit = parse_within(within) if within else None
    config, _, report = _run(paths, config_path=config_path, rule_dirs=rule_dirs, today=today, no_cache=True, only=["freshness"])
    reference = today.date() if today else datetime.date.today()
    rows = review_rows(report, reference, limit)
    if fmt == "ics":
        from checker.calendar_ics import render_ics

        write_output(render_ics(rows, reference), output)
    else:
        write_output(render_calendar(rows, fmt, reference), output)
    failing = {"overdue": {"overdue"}, "due-soon": {"overdue", "due soon"}, "never": set()}[fail_on]
    sys.exit(2 if report.errors else 1 if any(row["status"] in failing for row in rows) else 0)


main.add_command(grammar)
main.add_command(rules)
main.add_command(explain)
main.add_command(init)
main.add_command(config)
main.add_command(warm)


@main.command()
def lsp():
    """Run the language server on stdio, for editors (needs: pip install 'carecheck[lsp]')."""
    try:
        from checker.lsp.server import main as serve
    except ImportError:
        raise UsageError("the language server needs pygls: pip install 'carecheck[lsp]'") from None
    serve()


def run_command(args: list[str] | None = None) -> int:
    """Run one carecheck command line (sys.argv when None) and return its exit code."""
    try:
        main(args=args)
        return 0
    except SystemExit as exc:
        if not isinstance(exc.code, (int, type(None))):
            click.echo(str(exc.code), err=True)
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)


def finish(code: int) -> None:
    """End the process with `code` once its output is flushed, without Python's clean-up of every
    object it made (compiled patterns, parsed rule packs): that clean-up is a sixth of a one-file
    check's time and has nothing left to save. Files are all written and closed by then. After
    Ctrl-C, worker processes may still be running: then Python's own exit stops them."""
    if "multiprocessing" in sys.modules and sys.modules["multiprocessing"].active_children():
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, OSError, ValueError):  # ValueError: closed already (the language server's exit)
        pass
    os._exit(code)


def entry() -> None:
    """The `carecheck` command, run in this process."""
    finish(run_command())
