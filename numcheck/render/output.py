"""Writing outputs whole or not at all: a report or table replaces its file only once complete.

The temporary file is made fresh by `tempfile.mkstemp` in the target's own folder (so that the
final rename stays on one file system and is atomic); a fixed name such as `FILE.tmp` could be
planted beforehand as a symlink and followed. Only a regular file is ever replaced: a target that
is a symlink, a directory, a FIFO or a device is refused, since renaming over it would either
fail half-way or replace something that was never a report.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from numcheck.errors import UsageError

__all__ = ["write_atomically"]

_KINDS = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _existing_mode(target: Path) -> int | None:
    """The permission bits of the regular file at `target`, None if nothing is there; refuses the rest."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    if stat.S_ISREG(st.st_mode):
        return stat.S_IMODE(st.st_mode)
    kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
    raise UsageError(f"cannot write {target}: it is {kind}, and numcheck only replaces regular files")


def _new_file_mode() -> int:
    """What `open()` would give a new file: 0o666 less the umask (mkstemp's own 0o600 is too strict)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path: str | os.PathLike[str], write: Callable[[Path], None]) -> None:
    """Call `write` on a fresh temporary file beside `path`, then move it into place.

    A failure leaves the old file (or none) and no temporary file behind, and is raised as a
    `UsageError` that names the file (or the missing folder).
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        raise UsageError(f"cannot write {target}: the folder {folder} {what}")
    mode = _existing_mode(target)
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, mode if mode is not None else _new_file_mode())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
