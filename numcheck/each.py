"""Many claims files, each checked on its own: a newsroom's repository of stories, in parallel.

`check_each(paths)` answers every file independently (its own namespace, its own verdict), in
worker processes on this machine, or on a Dask cluster (`cluster="tcp://scheduler:8786"`), and
yields one `FileResult` per file in the order given, whatever order the workers finish in. A file
that fails to load is a result too (exit status 2 and its error lines), so one bad file never
hides the verdicts of the others. Scheduling is Dask's or the standard library's process pool:
nothing home-made.

For the CI formats (`--format sarif|github`), `ci=RenderOptions(...)` asks each worker for the
file's findings as well, worded in the reader's language where the report is (a `Report` stays in
its worker): they travel back as plain records, renamed from a cluster worker's temporary folder
to the names given, and the client writes them relative to its own folder.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from numcheck.bundles import Bundle, BundledFile, bundle, checked_in, renamed
from numcheck.check import CheckOptions, check
from numcheck.cores import available_cores
from numcheck.errors import InputError, NumcheckError, UsageError

if TYPE_CHECKING:
    from numcheck.render.findings import CheckFindings
    from numcheck.render.options import RenderOptions

__all__ = ["Bundle", "BundledFile", "FileResult", "bundle", "check_each", "check_one", "check_shipped", "worst_exit"]

# how bad each exit status is, for the status of a whole run: a crash, then bad input, then a
# verdict that could not be reached, then contradictions, then all clear
_SEVERITY = {0: 0, 1: 1, 3: 2, 2: 3, 4: 4}


@dataclass(frozen=True)
class FileResult:
    """One file's answer: its exit status as `numcheck check` would give it, and the JSON
    report (None when the file could not be loaded: then `errors` says why); `ci`, its findings
    for the CI formats, when asked for."""

    path: str
    exit_code: int
    report: dict[str, Any] | None = None
    errors: tuple[str, ...] = ()
    ci: CheckFindings | None = None

    @property
    def verdict(self) -> str | None:
        return None if self.report is None else str(self.report["verdict"])

    def to_dict(self) -> dict[str, Any]:
        """One JSON line of `numcheck check --each`: the file, its exit status, then the report."""
        out: dict[str, Any] = {"file": self.path, "exit": self.exit_code}
        if self.errors:
            out["errors"] = list(self.errors)
        if self.report is not None:
            out.update(self.report)
        return out


def worst_exit(codes: Sequence[int]) -> int:
    """The exit status of a run over many files: the worst of theirs (0 when there are none)."""
    return max(codes, key=lambda c: _SEVERITY.get(c, 4), default=0)


def check_one(path: str, options: CheckOptions, ci: RenderOptions | None = None) -> FileResult:
    """Check one file as `numcheck check FILE` would; never raises for a bad file. With `ci`,
    the result carries the file's CI findings too, worded by those options."""
    try:
        report = check(path, options=options)
    except InputError as exc:
        return FileResult(path, 2, errors=tuple(str(exc).splitlines()))
    except NumcheckError as exc:
        return FileResult(path, 2, errors=(f"{path}: {exc}",))
    except Exception as exc:  # a bug in numcheck: said, and this file's status is 4
        message = " ".join(str(exc).split())[:300]
        return FileResult(path, 4, errors=(f"{path}: internal error: {type(exc).__name__}: {message}",))
    if ci is None:
        return FileResult(path, report.exit_code, report.to_dict())
    from numcheck.render.findings import ci_check

    return FileResult(path, report.exit_code, report.to_dict(), ci=ci_check(report, ci))


def check_each(paths: Sequence[str | os.PathLike[str]], *, options: CheckOptions | None = None,
               jobs: int | None = None, cluster: str | None = None,
               ci: RenderOptions | None = None) -> Iterator[FileResult]:
    """Check each file on its own, `jobs` at a time here (default: the cores this process may
    use) or on the Dask cluster at `cluster`; results come in the order of `paths`.

    Each file is checked in one process (`options.jobs` is ignored): the parallelism is across
    files. On a cluster the workers need no shared disk: each file is sent with the files it
    includes (see numcheck.bundles), and the results name the files as given here. With `ci`,
    each result carries its CI findings (see check_one)."""
    names = [os.fspath(p) for p in paths]
    chosen = options or CheckOptions()
    if chosen.jobs != 1:
        chosen = CheckOptions(solve=chosen.solve, jobs=1)
    if cluster is not None:
        yield from _on_cluster(names, chosen, cluster, ci)
        return
    workers = jobs if jobs is not None else available_cores()
    if workers < 1:
        raise UsageError("--jobs must be at least 1")
    if workers == 1 or len(names) < 2:
        for name in names:
            yield check_one(name, chosen, ci)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(max_workers=min(workers, len(names)), mp_context=context) as pool:
        yield from pool.map(check_one, names, [chosen] * len(names), [ci] * len(names))


def _on_cluster(names: list[str], options: CheckOptions, address: str,
                ci: RenderOptions | None) -> Iterator[FileResult]:
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--cluster needs Dask: pip install 'numcheck[cluster]'") from None
    try:
        client = Client(address, timeout="10s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        shipped = [bundle(name) for name in names]
        sent = [b for b in shipped if b.files]  # one the client cannot read is refused here, as alone
        futures = iter(client.map(check_shipped, sent, [options] * len(sent), [ci] * len(sent), pure=False))
        for one in shipped:  # in the order given, as each is done
            yield next(futures).result() if one.files else check_one(one.name, options, ci)


def check_shipped(shipped: Bundle, options: CheckOptions, ci: RenderOptions | None = None) -> FileResult:
    """On a worker: check a file sent as bytes, as `check_one` checks it on the client."""

    def one(path: str) -> FileResult:
        result = check_one(path, options, ci)
        if result.ci is None:
            return result
        folder = os.path.dirname(path)  # the temporary folder the bundle was unpacked in
        return replace(result, ci=result.ci.renamed(lambda text: str(renamed(text, folder, shipped.name))))

    checked: FileResult = checked_in(shipped, one)
    return checked
