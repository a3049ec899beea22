"""Writing outputs whole or not at all: a report or table replaces its file only once complete."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from numcheck.errors import UsageError

__all__ = ["write_atomically"]


def write_atomically(path: str | os.PathLike[str], write: Callable[[Path], None]) -> None:
    """Call `write` on a temporary file beside `path`, then move it into place.

    A failure leaves the old file (or none) and no temporary file behind, and is raised as a
    `UsageError` that names the file.
    """
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    try:
        write(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None
