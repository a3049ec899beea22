"""Where an `include:` points, checked before anything is opened.

A claims file is shared like a document, so its includes are treated as untrusted paths: an
include must stay inside the including file's folder tree (so that `include: /etc/shadow` or
`../../.ssh/id_rsa` reads nothing), unless the caller allows it (`load(...,
allow_includes_outside=True)`); symbolic links are followed before the check, so a link cannot
lead out either. Names too long for the file system, missing files and cycles are
`IncludeError`s that show the chain of includes that led there.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from numcheck.errors import IncludeError

__all__ = ["MAX_INCLUDE_PATH", "PACKS", "PACK_PREFIX", "Include", "resolve_include", "shipped_packs"]

MAX_INCLUDE_PATH = 1024  # characters; no file system takes longer paths, and each name <= 255
_MAX_NAME = 255


@dataclass(frozen=True)
class Include:
    """An include, resolved: the file to read and how messages name it."""

    path: Path
    shown: str


PACK_PREFIX = "numcheck:"
_PACK_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")
PACKS = Path(__file__).resolve().parent.parent / "packs"


def shipped_packs() -> list[str]:
    """The names of the rule packs shipped with numcheck (`numcheck:NAME`)."""
    return sorted(p.stem for p in PACKS.glob("*.yaml"))


def resolve_include(raw: str, including: Path, shown: str, line: int, *, chain: tuple[str, ...],
                    stack: Collection[Path], allow_outside: bool) -> Include:
    """The file `raw` names, relative to the including file, or an IncludeError at `line`.

    `numcheck:NAME` names a pack shipped with numcheck. `stack` holds the resolved files being
    read (the include chain), for cycles."""
    if raw.startswith(PACK_PREFIX):
        return _shipped(raw, shown, line, chain=chain, stack=stack)
    target_shown = os.path.normpath(os.path.join(os.path.dirname(shown), raw))
    chain_text = " → ".join((*chain, shown, target_shown))
    if not raw.strip():
        raise IncludeError("an include is a path to a rule pack, not empty text", path=shown, line=line)
    if len(raw) > MAX_INCLUDE_PATH or any(len(part) > _MAX_NAME for part in Path(raw).parts) or "\0" in raw:
        raise IncludeError(f"the include path is too long or not a file name ({len(raw):,} characters)",
                           path=shown, line=line)
    target = including.parent / raw
    try:
        resolved = Path(os.path.realpath(target))
        home = Path(os.path.realpath(including.parent))
    except (OSError, ValueError):
        raise IncludeError(f"cannot follow the include '{raw}' (includes: {chain_text})",
                           path=shown, line=line) from None
    if not allow_outside and not resolved.is_relative_to(home):
        raise IncludeError(
            f"the include '{raw}' is outside the folder of the file that includes it", path=shown, line=line,
            hint="keep rule packs in this folder or below it, or load with allow_includes_outside=True")
    if not os.path.lexists(target):
        raise IncludeError(f"included file '{raw}' does not exist (includes: {chain_text})", path=shown, line=line)
    kind = _not_a_file(target)
    if kind is not None:
        raise IncludeError(f"the include '{raw}' {kind}, not a rule pack", path=shown, line=line)
    if resolved in stack:
        raise IncludeError(f"include cycle: {chain_text}", path=shown, line=line, hint="remove one of these includes")
    return Include(target, target_shown)


def _shipped(raw: str, shown: str, line: int, *, chain: tuple[str, ...], stack: Collection[Path]) -> Include:
    name = raw[len(PACK_PREFIX):]
    known = shipped_packs()
    if not _PACK_NAME.match(name) or name not in known:
        raise IncludeError(f"there is no shipped rule pack '{raw}'", path=shown, line=line,
                           hint="the shipped packs are " + ", ".join(PACK_PREFIX + k for k in known))
    target = PACKS / f"{name}.yaml"
    if target.resolve() in stack:
        raise IncludeError(f"include cycle: {' → '.join((*chain, shown, raw))}", path=shown, line=line,
                           hint="remove one of these includes")
    return Include(target, raw)


def _not_a_file(target: Path) -> str | None:
    """What the target is when it is no regular file ('is a FIFO'), said at the include's line;
    the reader checks again on the open file, so a file swapped meanwhile is still refused."""
    try:
        mode = os.stat(target).st_mode
    except OSError as exc:
        return "is a loop of symbolic links" if exc.errno == errno.ELOOP else f"cannot be read ({exc.strerror})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder"
    return "is a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "is a device or a socket"
