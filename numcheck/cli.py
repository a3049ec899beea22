"""The `numcheck` command: a thin shell over the library, which picks formats and exit codes.

Every `NumcheckError` is caught here, once, and printed as `error: file:line: message` (a line
per error when a load finds several), exit 2; verdicts exit 0, 1 (inconsistent) or 3 (unknown).
Anything else is a bug: exit 4 and one line on standard error, so that a script never takes a
crash for "inconsistent". Ctrl-C or SIGTERM stops everything within a second: 130 or 143.
Each command imports what it needs (loader, z3, pandas) when it runs: `--help` loads none of it.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand

from numcheck.engine.options import DEFAULT_MAX_CONFLICTS, DEFAULT_MAX_REPAIRS, DEFAULT_TIMEOUT
from numcheck.errors import InputErrors, NumcheckError, UsageError
from numcheck.shell import ProgressBar, leave, print_coloured, read_article, stop_on_signals

_print_coloured = print_coloured  # the name tests and older callers use

if TYPE_CHECKING:
    from numcheck.model import Model


def _no_type(ctx: object) -> None:
    return None


class _Command(TyperCommand):
    """A command whose arguments are shown by their metavar alone (`FILE...`), never with a
    Python type beside it (`<list[Path]>`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument) and param.metavar is not None:
                # typer 0.29 words the usage line and the help by these; set by name, so that
                # the code type-checks whether the installed typer has them (0.28 has not)
                usage = partial(str, param.metavar)
                for name, say in (("display_type_rich", _no_type), ("_usage_display_name", usage)):
                    setattr(param, name, say)


app = typer.Typer(
    no_args_is_help=True,
    help="Check whether the numbers in news reporting fit together.",
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
command = app.command(cls=_Command)

EXIT_OK, EXIT_INCONSISTENT, EXIT_INPUT, EXIT_UNKNOWN, EXIT_CRASH = 0, 1, 2, 3, 4


def _print_version(value: bool) -> None:
    if value:
        import numcheck

        typer.echo(f"numcheck {numcheck.__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print numcheck's version and exit.",
                                          callback=_print_version, is_eager=True)] = False,
) -> None:
    """Check whether the numbers in news reporting fit together.

    Workflow: extract figures from an article into a draft claims file, check it, show the exact
    constraints, lint rule packs, and table every claim for a spreadsheet. Wherever a command
    takes FILE..., - reads a claims file from standard input (its includes are then found from
    the current folder)."""


CheckFormat = Literal["text", "json", "markdown", "html", "sarif", "github"]
ReportLang = Annotated[Literal["en", "fr"] | None, typer.Option(
    "--report-lang", metavar="LANG", show_default="the claims file's lang",
    help="The report's language, en or fr (every format but JSON).")]
Files = Annotated[list[Path], typer.Argument(
    metavar="FILE...", show_default=False,
    help="Claims files, checked together as one set; - reads one from standard input, and its "
         "includes are then found from the current folder.")]
Timeout = Annotated[float, typer.Option("--timeout", min=0.001, metavar="SECONDS",
                                        help="Seconds the solver may spend on each independent part.")]
MaxConflicts = Annotated[int, typer.Option("--max-conflicts", min=1, metavar="N",
                                           help="Most conflicts listed per part.")]
MaxRepairs = Annotated[int, typer.Option("--max-repairs", min=1, metavar="N",
                                         help="Most least-weight repairs listed per inconsistent part.")]
Jobs = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=1, metavar="N", show_default="the cores this process may use",
    help="Processes for loading a large file and for solving its parts (with --each: files at once).")]
Strict = Annotated[bool, typer.Option("--strict", help="Refuse a file that loads with any warning (exit 2).")]
Outside = Annotated[bool, typer.Option(
    "--allow-includes-outside",
    help="Let includes name files outside the including file's folder (rule packs you trust).")]


def _say(exc: NumcheckError) -> int:
    """Print the error (each error, for several), `error: ` before each line; exit status 2."""
    errors = exc.errors if isinstance(exc, InputErrors) else [exc]
    for error in errors:
        typer.echo(f"error: {error}", err=True)
    if isinstance(exc, InputErrors) and exc.more:
        typer.echo(f"numcheck: stopped after {len(errors)} errors; fix these and run again for the rest", err=True)
    return EXIT_INPUT


def _fail(exc: NumcheckError) -> NoReturn:
    raise typer.Exit(_say(exc))


def _load(files: list[Path], *, strict: bool = False, outside: bool = False, jobs: int = 1,
          meanwhile: Callable[[], object] | None = None) -> Model:
    from numcheck.read.loader import load

    return load(*files, jobs=jobs, strict=strict, allow_includes_outside=outside, meanwhile=meanwhile)


def _import_engine() -> None:
    """The engine and its solvers, and the report's writers, imported while the loader's helper
    compiles claims (see `load`'s `meanwhile`) rather than before loading starts: 0.25 s that
    overlap the helper's work (which then takes more of the claims)."""
    from numcheck.engine.pool import import_solvers

    import_solvers()
    import numcheck.check
    import numcheck.render.dispatch  # noqa: F401


def _write(text: str, output: Path | None) -> None:
    """Write whole or not at all: a report file is replaced only once it is complete."""
    if output is None:
        sys.stdout.write(text)
        return
    from numcheck.render.output import write_atomically

    def put(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    try:
        write_atomically(output, put)
    except NumcheckError as exc:
        _fail(exc)


@command
def extract(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="A UTF-8 text file, or - for standard input.")],
    lang: Annotated[Literal["en", "fr", "auto"], typer.Option(
        "--lang", metavar="LANG", help="Language of the article: en, fr or auto.")] = "auto",
    source: Annotated[str, typer.Option("--source", metavar="ID", help="Source id of the drafted claims.")] = "article",
    date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="The source's date.")] = None,
    format: Annotated[Literal["yaml", "json"], typer.Option(
        "--format", "-f", metavar="FORMAT", help="yaml (a claims file) or json.")] = "yaml",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to this file.")] = None,
) -> None:
    """Draft a claims file from an article's figures.

    Every figure, with its hedge, its interval and its counted noun."""
    try:
        text = read_article(article)
        if date is not None:
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                raise UsageError(f"--date '{date}' is not a date: write YYYY-MM-DD") from None
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]*", source):
            raise UsageError(f"--source '{source}' is not an id: use letters, digits, '-', '_', '.'")
        from numcheck.extract.mentions import detect_language, draft_claims, extract_mentions

        language = detect_language(text) if lang == "auto" else lang
        mentions = extract_mentions(text, language)
        if format == "json":
            out = json.dumps([m.to_dict() for m in mentions], indent=2, ensure_ascii=False) + "\n"
        else:
            title = Path(article).stem if article != "-" else None
            out = draft_claims(text, mentions, lang=language, source=source, date=date,
                               title=f"Draft from {title}" if title else None)
    except NumcheckError as exc:
        _fail(exc)
    _write(out, output)


@command
def check(
    files: Files,
    format: Annotated[CheckFormat, typer.Option(
        "--format", "-f", metavar="FORMAT", help="text, json, markdown, html, sarif or github.")] = "text",
    max_conflicts: MaxConflicts = DEFAULT_MAX_CONFLICTS,
    max_repairs: MaxRepairs = DEFAULT_MAX_REPAIRS,
    timeout: Timeout = DEFAULT_TIMEOUT,
    jobs: Jobs = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="Write the report to this file.")] = None,
    strict: Strict = False,
    outside: Outside = False,
    each: Annotated[bool, typer.Option("--each", help="Check each file on its own, not as one set, several at "
                                       "once (as the pre-commit hook does); one line per file (a JSON line "
                                       "with --format json; its annotations with github; one SARIF log with "
                                       "sarif); exit with the worst status.")] = False,
    cluster: Annotated[str | None, typer.Option(
        "--cluster", metavar="ADDRESS", help="With --each: check the files on this Dask scheduler "
        "(tcp://host:8786); each file is sent with the files it includes, so workers need no shared disk.")] = None,
    report_lang: ReportLang = None,
    routes: Annotated[bool, typer.Option("--routes", help="With --format json: name the engine route that "
                                         "answered each part (diagnostics; may differ with --jobs).")] = False,
) -> None:
    """Decide whether the claims can all be true.

    Lists every minimal conflict and the ranges the claims imply. Exit status: 0 consistent,
    1 inconsistent, 2 bad input, 3 unknown.
    """
    from numcheck.cores import available_cores

    workers = jobs if jobs is not None else available_cores()
    if cluster is not None and not each:
        _fail(UsageError("--cluster goes with --each: each file is sent to the cluster on its own"))
    if each:
        raise typer.Exit(_check_each(files, format, output, workers=workers, cluster=cluster, strict=strict,
                                     outside=outside, max_conflicts=max_conflicts, max_repairs=max_repairs,
                                     timeout=timeout, lang=report_lang))
    raise typer.Exit(_check_set(files, format, output, strict=strict, outside=outside, jobs=workers,
                                max_conflicts=max_conflicts, max_repairs=max_repairs, timeout=timeout,
                                lang=report_lang, routes=routes))


def _check_each(files: list[Path], format: str, output: Path | None, *, workers: int, cluster: str | None,
                strict: bool, outside: bool, max_conflicts: int, max_repairs: int, timeout: float,
                lang: Literal["en", "fr"] | None) -> int:
    """Each file on its own (numcheck/cli_each.py); the worst exit status of them all."""
    from numcheck.cli_each import check_each_files, each_options

    if strict or outside:
        _fail(UsageError("--each checks files as they are: --strict and --allow-includes-outside "
                         "go with a check of one set"))
    try:
        options = each_options(max_conflicts=max_conflicts, max_repairs=max_repairs, timeout=timeout)
        return check_each_files(files, format, output, options=options, workers=workers, cluster=cluster, lang=lang)
    except NumcheckError as exc:
        _fail(exc)


def _check_set(files: list[Path], format: str, output: Path | None, *, strict: bool, outside: bool, jobs: int,
               max_conflicts: int, max_repairs: int, timeout: float, lang: Literal["en", "fr"] | None = None,
               routes: bool = False) -> int:
    """Check these files as one set and print the report; the exit status."""
    from numcheck.read.loader import paused_gc

    # The model and the report live until the command ends and make no garbage cycles worth
    # collecting: the collector would rescan them again and again while the report is written
    # (at 100,000 claims, 3 of the 4 s spent turning the report into its JSON document), and once
    # more in one go if it came back on (0.13 s at 10,000, after the report is out). So it stays
    # off when the command is the process (`main`, which then ends it); a caller in the same
    # process (a test's CliRunner) gets it back.
    with paused_gc(stay_off=RUNS_ALONE.is_set()):
        try:
            model = _load(files, strict=strict, outside=outside, jobs=jobs, meanwhile=_import_engine)
            from numcheck.check import check_model
            from numcheck.render.dispatch import render
            from numcheck.render.options import RenderOptions

            with ProgressBar() as bar:
                report = check_model(model, max_conflicts=max_conflicts, max_repairs=max_repairs,
                                     timeout=timeout, jobs=jobs, progress=bar)
                options = RenderOptions(lang=lang, routes=routes)
                text = render(report, format, options, progress=bar.stage("writing the report"))
        except NumcheckError as exc:
            return _say(exc)
        if format == "text" and output is None and sys.stdout.isatty():
            print_coloured(text)
        else:
            _write(text, output)
        return report.exit_code


RUNS_ALONE = threading.Event()  # set by `main`: this process runs one command, then ends


@command
def show(
    files: Files,
    format: Annotated[Literal["text", "json"], typer.Option(
        "--format", "-f", metavar="FORMAT", help="text or json.")] = "text",
    strict: Strict = False,
    outside: Outside = False,
) -> None:
    """Print every claim and rule as the exact constraint checked."""
    from numcheck.render import show as _show

    try:
        model = _load(files, strict=strict, outside=outside)
    except NumcheckError as exc:
        _fail(exc)
    out = _show.show_json(model) if format == "json" else _show.show_text(model)
    sys.stdout.write(out)


@command
def lint(files: Files, strict: Strict = False, outside: Outside = False) -> None:
    """Audit rule packs: contradictions, redundancy, unbound rules.

    Finds contradicting rules, redundant rules and generic rules that never bind. Unit
    mismatches are load errors, reported as such. Exit 0 when nothing is found, 1 when there
    are findings, 2 on bad input.
    """
    from numcheck.engine.lint import lint_model

    try:
        findings = lint_model(_load(files, strict=strict, outside=outside))
    except NumcheckError as exc:
        _fail(exc)
    for finding in findings:
        typer.echo(str(finding))
    typer.echo(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}.")
    raise typer.Exit(1 if findings else 0)


@command
def table(
    files: Files,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="A .csv, .parquet or .xlsx file; CSV on standard output when omitted.")] = None,
    timeout: Timeout = DEFAULT_TIMEOUT,
    strict: Strict = False,
    outside: Outside = False,
) -> None:
    """Every claim as one table row, with its exact bounds.

    Columns: file, id, source, date, quantity, value, exact bounds, unit, status."""
    from numcheck.check import check_model
    from numcheck.render.table import csv_text, write_table

    try:
        report = check_model(_load(files, strict=strict, outside=outside), timeout=timeout)
        frame = report.to_frame()
        if output is None:
            sys.stdout.write(csv_text(frame))
        else:
            write_table(frame, output)
    except NumcheckError as exc:
        _fail(exc)


@command
def packs() -> None:
    """List the rule packs shipped with numcheck.

    A claims file includes one by name: include: [numcheck:NAME]."""
    from numcheck.packs import pack_titles

    titles = pack_titles()
    width = max(len(name) for name in titles) + len("numcheck:")
    for name, title in titles.items():
        typer.echo(f"{'numcheck:' + name:<{width}}  {title}")


@command
def schema() -> None:
    """Print the JSON Schema of claims files and rule packs.

    For editors with a YAML language server: see docs/cli.md."""
    from numcheck.schema import schema_text

    sys.stdout.write(schema_text())


@command
def serve(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="Where articles and claims files are "
                                           "opened and saved (default: this folder).")] = Path("."),
    host: Annotated[str, typer.Option("--host", metavar="ADDRESS",
                                      help="Address to listen on; other machines can reach the page "
                                      "unless it is loopback.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="Port to listen on.")] = 8765,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open the page in a browser.")] = False,
    timeout: Timeout = 5.0,
) -> None:
    """Open the desk page: paste an article, confirm its figures, see the check as you edit.

    Serves a local web page (loopback only, unless --host says otherwise) until Ctrl-C.
    """
    from numcheck.web.serve import serve as run

    try:
        run(folder, host=host, port=port, open_browser=not no_browser, timeout=timeout,
            warn=lambda message: typer.echo(f"warning: {message}", err=True))
    except NumcheckError as exc:
        _fail(exc)


def main() -> None:
    """Entry point; typer's own usage errors exit 2 as well."""
    from numcheck.read import units

    units.PINT_ALONE = True  # this process runs one command: pint needs none of its optional libraries
    RUNS_ALONE.set()
    stopping = stop_on_signals()
    try:
        app()  # exits itself (sys.exit) with the verdict's status, or 2 on a usage error
    except SystemExit as done:
        stopping.set()
        if done.code is None or isinstance(done.code, int):
            leave(done.code or 0)  # without Python's teardown, unless a thread still runs
        raise
    except KeyboardInterrupt:  # pragma: no cover - the watcher ends the process first
        sys.exit(130)
    except Exception as exc:  # a bug, not a verdict: one line, its own exit status
        message = " ".join(str(exc).split())[:300]
        sys.stderr.write(f"numcheck: internal error: {type(exc).__name__}: {message}\n")
        sys.exit(EXIT_CRASH)
    finally:
        stopping.set()


