"""`numcheck check --each`: many files, each checked on its own, printed in the order given.

With `--format json`, one JSON line per file; with `--format github`, each file's workflow
commands as a check of that file alone prints them, then its verdict line naming the file; with
`--format sarif`, one SARIF log holding one run with every file's results (GitHub code scanning no
longer accepts several runs of one tool in one upload); otherwise one verdict line per file. The
exit status is the worst of the files'. A file that does not load says so on standard error (and,
in SARIF, as a tool notification), and never hides the others.

The CI findings are worded where each file was checked (a worker process, or a Dask worker) and
carried back as records (numcheck.each), so the reports themselves never cross processes.
Kept apart from cli.py, which stays a thin table of commands.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from numcheck.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numcheck.check import CheckOptions
    from numcheck.each import FileResult
    from numcheck.render.wording import Lang

__all__ = ["check_each_files", "each_options"]

_CI = ("sarif", "github")


def each_options(*, max_conflicts: int, max_repairs: int, timeout: float) -> CheckOptions:
    """The options every file is checked with; a bad limit is a usage error."""
    from numcheck.check import CheckOptions
    from numcheck.engine.options import OptionError, SolveOptions

    try:
        return CheckOptions(solve=SolveOptions(max_conflicts=max_conflicts, max_repairs=max_repairs, timeout=timeout))
    except OptionError as exc:
        raise UsageError(str(exc)) from None


def check_each_files(files: Sequence[Path], format: str, output: Path | None, *, options: CheckOptions,
                     workers: int, cluster: str | None, lang: Lang | None) -> int:
    """Check each file on its own and print it in `format` (to `output`, whole, when given); the
    worst exit status. Raises a NumcheckError for a usage error or a file that cannot be written."""
    from numcheck.each import check_each, worst_exit
    from numcheck.render.options import RenderOptions

    if any(str(f) == "-" for f in files):
        raise UsageError("--each reads files, not standard input")
    ci = RenderOptions(lang=lang) if format in _CI else None
    written: list[str] = []
    results: list[FileResult] = []
    for result in check_each([str(f) for f in files], options=options, jobs=workers, cluster=cluster, ci=ci):
        results.append(result)
        if format != "json" and result.report is None:
            sys.stderr.write("".join(f"error: {line}\n" for line in result.errors))  # where errors go
            continue
        if format == "sarif":
            continue  # one log for every file, written once they are all checked
        text = _each_text(result, format)
        written.append(text)
        if output is None:
            sys.stdout.write(text)
            sys.stdout.flush()
    status = worst_exit([r.exit_code for r in results])
    if format == "sarif":
        written = [_sarif(results, lang, status)]
        if output is None:
            sys.stdout.write(written[0])
    if output is not None:
        _write(output, "".join(written))
    return status


def _each_text(result: FileResult, format: str) -> str:
    """One file's output: its JSON line, its workflow commands, or its verdict line."""
    if format == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
    if format == "github" and result.ci is not None:
        from numcheck.render.github import github_commands

        return github_commands(result.ci, file=result.path)
    assert result.report is not None
    conflicts = len(result.report["conflicts"])
    said = f", {conflicts} minimal conflict{'s' if conflicts != 1 else ''}" if conflicts else ""
    return f"{result.path}: {str(result.verdict).upper()}{said}\n"


def _sarif(results: Sequence[FileResult], lang: Lang | None, status: int) -> str:
    """One log for all the files. Its run names one language: the one asked for, else the files'
    own when they share it; files in several languages leave it unnamed."""
    from numcheck.render.sarif import EachFile, sarif_each, sarif_text

    files = [EachFile(r.path, r.exit_code, r.ci, r.errors) for r in results]
    spoken = {r.ci.lang for r in results if r.ci is not None}
    named = lang or (spoken.pop() if len(spoken) == 1 else None)
    return sarif_text(sarif_each(files, named, status))


def _write(output: Path, text: str) -> None:
    """Whole or not at all, as every report file numcheck writes."""
    from numcheck.render.output import write_atomically

    def put(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    write_atomically(output, put)
