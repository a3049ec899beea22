"""The errors numcheck raises, as one tree a caller can catch at any level.

    NumcheckError
    ├── InputError            bad input: `file:line: message`; the CLI exits 2
    │   ├── FormatError       the YAML or the claims-file structure is wrong
    │   ├── PhraseError       a `value:` phrase could not be read
    │   ├── ExpressionError   a rule or relation could not be parsed
    │   ├── UnitError         unknown unit, or dimensions that do not agree
    │   ├── IncludeError      a missing include, an include cycle, an include outside its folder
    │   ├── RulePackError     the rules contradict each other with no claim at all
    │   ├── StrictError       a warning, loaded with `strict=True` (`--strict`)
    │   └── InputErrors       several of the above, found in one load (`.errors`, one line each)
    └── UsageError            the call itself is wrong (bad option value); exit 2

Errors of yaml, pint and lark never reach a caller: the loader translates them at the point
where it still knows the file and the line, so every message can say where the problem is.
A solver that gives up is not an error: it is the verdict "unknown" (see `Report`).
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ExpressionError",
    "FormatError",
    "IncludeError",
    "InputError",
    "InputErrors",
    "NumcheckError",
    "PhraseError",
    "RulePackError",
    "StrictError",
    "UnitError",
    "UsageError",
]


class NumcheckError(Exception):
    """Root of every error numcheck raises on purpose."""


class UsageError(NumcheckError):
    """The call is wrong (an option out of range, no file given)."""


class InputError(NumcheckError):
    """Something in an input file is wrong; `str()` reads `file:line: message`.

    `hint` is the likely fix ("did you mean 'ru_killed'?"), kept apart so that tools can show it
    differently; `str()` includes it.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint
        super().__init__(self.__str__())

    @property
    def where(self) -> str:
        if self.path is None:
            return ""
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}"

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" — {self.hint}"
        return text

    def about(self, subject: str) -> InputError:
        """This error with what it is about first ("rule 'bad-sum': units do not agree …"), so
        that a reader finds the rule or claim by its id as well as by its line; unchanged when
        the message names it already."""
        if self.message.startswith(subject):
            return self
        return type(self)(f"{subject}: {self.message}", path=self.path, line=self.line, column=self.column,
                          hint=self.hint)


class FormatError(InputError):
    """The file is not valid YAML, or not a valid format-1 claims file or rule pack."""


class PhraseError(InputError):
    """A value phrase such as 'up to 12,000' could not be read."""


class ExpressionError(InputError):
    """A rule or relation expression could not be parsed or is not linear."""


class UnitError(InputError):
    """An unknown unit, or quantities whose dimensions do not agree."""


class IncludeError(InputError):
    """An included file is missing, or includes form a cycle."""


class RulePackError(InputError):
    """The rules contradict each other before any claim is considered."""


class StrictError(InputError):
    """A warning (`Model.warnings`) met while loading with `strict=True`: what would load but is
    probably not what the writer meant, refused at its file and line."""


class InputErrors(InputError):
    """Several input errors found in one load, in file and line order: `.errors` holds them (at
    most `MAX_ERRORS`), and `str()` is their lines joined, one `file:line: message` each, as ruff
    and mypy print theirs. `path` and `line` are the first error's. A load that finds a single
    error raises that error itself, not this."""

    MAX_ERRORS = 20

    def __init__(self, errors: list[InputError], *, more: bool = False) -> None:
        if not errors:
            raise ValueError("InputErrors needs at least one error")
        self.errors = list(errors)
        self.more = more  # the loader stopped at MAX_ERRORS; there may be others
        first = self.errors[0]
        super().__init__(first.message, path=first.path, line=first.line, column=first.column, hint=first.hint)

    @property
    def lines(self) -> list[str]:
        """One line per error, and a last one when the loader stopped early."""
        out = [str(e) for e in self.errors]
        if self.more:
            out.append(f"(stopped after {len(self.errors)} errors; fix these and run again for the rest)")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def about(self, subject: str) -> InputError:
        return self  # each error names its own subject already
