"""The `numcheck` command: a thin shell over the library, which picks formats and exit codes.

Every `NumcheckError` is caught here, once, and printed as `error: file:line: message` with exit
status 2; verdicts exit 0 (consistent), 1 (inconsistent) or 3 (unknown).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import _show
from ._errors import NumcheckError
from ._load import load

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Check whether the numbers in news reporting fit together.",
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_INCONSISTENT, EXIT_INPUT, EXIT_UNKNOWN = 0, 1, 2, 3


@app.callback()
def _root() -> None:
    """Check whether the numbers in news reporting fit together."""


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


Files = Annotated[list[Path], typer.Argument(help="Claims files, checked together as one set.", show_default=False)]


def _fail(exc: NumcheckError) -> NoReturn:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(EXIT_INPUT)


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


def main() -> None:
    """Entry point; typer's own usage errors exit 2 as well."""
    app()
