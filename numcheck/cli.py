"""The `numcheck` command: a thin shell over the library, which picks formats and exit codes.

Every `NumcheckError` is caught here, once, and printed as `error: file:line: message` with exit
status 2; verdicts exit 0 (consistent), 1 (inconsistent) or 3 (unknown). Anything else is a bug
in numcheck, not a verdict: it exits 4 with one line on standard error, so that a script can
never take a crash for "inconsistent". Ctrl-C or SIGTERM stops the whole run, worker processes
included, within a second: 130 or 143, nothing written.
"""

from __future__ import annotations

import datetime
import json
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from numcheck.check import DEFAULT_MAX_CONFLICTS, DEFAULT_TIMEOUT, check_model
from numcheck.engine.lint import lint_model
from numcheck.errors import InputError, NumcheckError, UsageError
from numcheck.read.loader import load
from numcheck.render import show as _show
from numcheck.render.dispatch import render
from numcheck.render.output import write_atomically
from numcheck.render.table import csv_text, write_table

app = typer.Typer(
    no_args_is_help=True,
    help="Check whether the numbers in news reporting fit together.",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_INCONSISTENT, EXIT_INPUT, EXIT_UNKNOWN, EXIT_CRASH = 0, 1, 2, 3, 4


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"numcheck {version('numcheck')}")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
            typer.echo("numcheck (not installed)")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print numcheck's version and exit.",
                                          callback=_print_version, is_eager=True)] = False,
) -> None:
    """Check whether the numbers in news reporting fit together.

    Workflow: extract figures from an article into a draft claims file, check it, show the exact
    constraints, lint rule packs, and table every claim for a spreadsheet."""


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


Files = Annotated[list[Path], typer.Argument(help="Claims files, checked together as one set.", show_default=False)]
Timeout = Annotated[float, typer.Option("--timeout", min=0.001,
                                        help="Seconds the solver may spend on each independent part.")]
MaxConflicts = Annotated[int, typer.Option("--max-conflicts", min=1, help="Most conflicts listed per part.")]
Jobs = Annotated[int, typer.Option("--jobs", "-j", min=1,
                                   help="Processes for loading a large file and for solving its parts.")]


def _fail(exc: NumcheckError) -> NoReturn:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(EXIT_INPUT)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


class ExtractFormat(str, Enum):
    yaml = "yaml"
    json = "json"


class Language(str, Enum):
    en = "en"
    fr = "fr"
    auto = "auto"


def _read_article(article: str) -> str:
    if article == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        path = Path(article)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read the article: {exc.strerror}", path=article) from None
        name = article
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("the article is not UTF-8 text", path=name, line=line) from None


class _ProgressBar:
    """A progress bar on standard error, shown only on a terminal and only after one second."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _ProgressBar:
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not sys.stderr.isatty() or time.monotonic() - self.started < 1.0:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("checking parts", total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_coloured(text: str, console: Any = None) -> None:
    """The text report with its verdict and disagreements in colour, for a terminal."""
    from rich.console import Console
    from rich.text import Text

    styled = Text(text)
    styled.highlight_regex(r"\bCONSISTENT\b", "bold green")
    styled.highlight_regex(r"\b(INCONSISTENT|DISAGREE)\b", "bold red")
    styled.highlight_regex(r"\bUNKNOWN\b", "bold yellow")
    styled.highlight_regex(r"(?m)^Conflict \d+:.*$", "bold")
    (console or Console(highlight=False, soft_wrap=True)).print(styled, end="")


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _write(text: str, output: Path | None) -> None:
    """Write whole or not at all: a report file is replaced only once it is complete."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_atomically(output, lambda tmp: _write_text(tmp, text))
    except NumcheckError as exc:
        _fail(exc)


@app.command()
def extract(
    article: Annotated[str, typer.Argument(help="A UTF-8 text file, or - for standard input.")],
    lang: Annotated[Language, typer.Option("--lang", help="Language of the article.")] = Language.auto,
    source: Annotated[str, typer.Option("--source", help="Source id for the drafted claims.")] = "article",
    date: Annotated[str | None, typer.Option("--date", help="The source's date, YYYY-MM-DD.")] = None,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f",
                                                  help="yaml (a claims file) or json (mentions)")] = ExtractFormat.yaml,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
) -> None:
    """Draft a claims file from an article: every figure, its hedge, interval and counted noun."""
    try:
        text = _read_article(article)
        if date is not None:
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                raise UsageError(f"--date '{date}' is not a date: write YYYY-MM-DD") from None
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]*", source):
            raise UsageError(f"--source '{source}' is not an id: use letters, digits, '-', '_', '.'")
        from numcheck.extract.mentions import detect_language, draft_claims, extract_mentions

        language = detect_language(text) if lang is Language.auto else lang.value
        mentions = extract_mentions(text, language)
        if format is ExtractFormat.json:
            out = json.dumps([m.to_dict() for m in mentions], indent=2, ensure_ascii=False) + "\n"
        else:
            title = Path(article).stem if article != "-" else None
            out = draft_claims(text, mentions, lang=language, source=source, date=date,
                               title=f"Draft from {title}" if title else None)
    except NumcheckError as exc:
        _fail(exc)
    _write(out, output)


@app.command()
def check(
    files: Files,
    format: Annotated[CheckFormat, typer.Option("--format", "-f",
                                                help="text, json, markdown or html")] = CheckFormat.text,
    max_conflicts: MaxConflicts = DEFAULT_MAX_CONFLICTS,
    timeout: Timeout = DEFAULT_TIMEOUT,
    jobs: Jobs = 1,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file.")] = None,
) -> None:
    """Decide whether the claims can all be true; list every minimal conflict and the implied ranges.

    Exit status: 0 consistent, 1 inconsistent, 2 bad input, 3 unknown.
    """
    try:
        model = load(*files, jobs=jobs)
        with _ProgressBar() as bar:
            report = check_model(model, max_conflicts=max_conflicts, timeout=timeout, jobs=jobs, progress=bar)
        text = render(report, format.value)
    except NumcheckError as exc:
        _fail(exc)
    if format is CheckFormat.text and output is None and sys.stdout.isatty():
        _print_coloured(text)
    else:
        _write(text, output)
    raise typer.Exit(report.exit_code)


@app.command()
def show(
    files: Files,
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="text or json")] = ShowFormat.text,
) -> None:
    """Print the loaded model: every claim and rule as the exact constraint numcheck will check."""
    try:
        model = load(*files)
    except NumcheckError as exc:
        _fail(exc)
    out = _show.show_json(model) if format is ShowFormat.json else _show.show_text(model)
    sys.stdout.write(out)


@app.command()
def lint(files: Files) -> None:
    """Audit rule packs: contradicting rules, redundant rules, generic rules that never bind.

    Unit mismatches are load errors and are reported as such. Exit 0 when nothing is found, 1 when
    there are findings, 2 on bad input.
    """
    try:
        findings = lint_model(load(*files))
    except NumcheckError as exc:
        _fail(exc)
    for finding in findings:
        typer.echo(str(finding))
    typer.echo(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}.")
    raise typer.Exit(1 if findings else 0)


@app.command()
def table(
    files: Files,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="A .csv, .parquet or .xlsx file; CSV on standard output when omitted.")] = None,
    timeout: Timeout = DEFAULT_TIMEOUT,
) -> None:
    """Every claim as one row (file, id, source, date, quantity, value, exact bounds, unit, status)."""
    try:
        report = check_model(load(*files), timeout=timeout)
        frame = report.to_frame()
        if output is None:
            sys.stdout.write(csv_text(frame))
        else:
            write_table(frame, output)
    except NumcheckError as exc:
        _fail(exc)


def main() -> None:
    """Entry point; typer's own usage errors exit 2 as well."""
    stopping = _stop_on_signals()
    try:
        app()  # exits itself (sys.exit) with the verdict's status, or 2 on a usage error
    except KeyboardInterrupt:  # pragma: no cover - the watcher ends the process first
        sys.exit(130)
    except Exception as exc:  # a bug, not a verdict: one line, its own exit status
        message = " ".join(str(exc).split())[:300]
        sys.stderr.write(f"numcheck: internal error: {type(exc).__name__}: {message}\n")
        sys.exit(EXIT_CRASH)
    finally:
        stopping.set()


def _stop_on_signals() -> threading.Event:
    """Stop on SIGINT or SIGTERM at once, whatever the main thread is doing.

    Python runs signal handlers only between bytecodes, and a z3 check is one long C call, so a
    handler could wait for minutes. Instead the signals are blocked in every thread and a watcher
    thread waits for them: it kills the worker processes (loading helper, solving pool) and ends
    the process. Files are written whole or not at all (see render.output), so nothing is left
    half-written. Returns an event the caller sets when the run is over."""
    done = threading.Event()
    signals = {signal.SIGINT, signal.SIGTERM}
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        return done  # pragma: no cover - embedded use; the host handles its own signals
    signal.pthread_sigmask(signal.SIG_BLOCK, signals)

    def watch() -> None:
        while not done.is_set():
            got = signal.sigtimedwait(signals, 0.2)
            if got is None:
                continue
            for child in multiprocessing.active_children():
                child.kill()
            sys.stderr.write("numcheck: interrupted\n")
            sys.stderr.flush()
            os._exit(130 if got.si_signo == signal.SIGINT else 143)

    threading.Thread(target=watch, name="numcheck-signals", daemon=True).start()
    return done
