"""The errors of one load, collected where reading can go on past them.

A fact-checker fixing a file wants every mistake at once, as a linter gives them, so the loader
reads on past a claim or a declaration that fails and keeps its error; it stops at MAX_ERRORS,
or where nothing further can be read.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import TracebackType

from numcheck.errors import InputError, InputErrors

__all__ = ["MAX_ERRORS", "Collected", "Stop"]

MAX_ERRORS = InputErrors.MAX_ERRORS
_NAMED = re.compile(r"unknown (?:quantity|source) '([^']*)'")


class Stop(Exception):
    """Collected errors end the load: more than MAX_ERRORS of them, or the end of reading."""


class Collected:
    """The errors found so far, in the order met; `collecting` keeps the next ones."""

    def __init__(self, order: dict[Path, str]) -> None:
        self.found: list[InputError] = []
        self.order = order  # resolved path → shown, in reading order
        self.broken: set[str] = set()  # quantities and sources whose declaration failed

    def collecting(self, broken: str | None = None) -> _Collecting:
        """Keep an InputError raised inside and go on; `broken` names the declaration that failed,
        so that the claims and rules that use it are not also reported as using an unknown name."""
        return _Collecting(self, broken)

    def keep(self, exc: InputError, broken: str | None) -> None:
        if broken is not None:
            self.broken.add(broken)
        self.found.extend(exc.errors if isinstance(exc, InputErrors) else [exc])
        if len(self.found) > MAX_ERRORS:
            raise Stop() from None

    def raise_any(self) -> None:
        if self.found:
            raise Stop()

    def raised(self, last: InputError | None = None) -> InputError:
        """What load raises: the one error, or all of them in file and line order."""
        found = [e for e in self.found if not self._follows(e)]
        if last is not None:
            found.append(last)
        files = {shown: i for i, shown in enumerate(self.order.values())}
        found.sort(key=lambda e: (files.get(e.path or "", len(files)), e.line or 0))
        if len(found) == 1:
            return found[0]
        return InputErrors(found[:MAX_ERRORS], more=len(found) > MAX_ERRORS)

    def _follows(self, error: InputError) -> bool:
        """Whether the error only repeats a failed declaration (an unknown quantity that is
        declared, but wrongly)."""
        return any(name in self.broken for name in _NAMED.findall(error.message))


class _Collecting:
    """`with errors.collecting():` around each claim and declaration. (A class, not a generator
    context manager: a large file has tens of thousands of them, and a generator's setup and
    teardown cost three times as much.)"""

    __slots__ = ("broken", "errors")

    def __init__(self, errors: Collected, broken: str | None) -> None:
        self.errors = errors
        self.broken = broken

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        if isinstance(exc, InputError):
            self.errors.keep(exc, self.broken)
            return True
        return False
