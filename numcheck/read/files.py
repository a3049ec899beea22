"""Reading a claims file's bytes safely: regular files only, a size cap, UTF-8, no control
characters, and a guess at whether the file is a claims file at all.

Claims files come from other people (rule packs are shared, articles' files are sent around), so
the reader assumes nothing: a FIFO or /dev/zero given as a file would block or never end, a
symbolic link may loop, and a file may be far larger than any claims file. The file is opened
without blocking, checked with `fstat` on the open descriptor (so that it cannot be swapped
between the check and the read) and read up to the cap. A file that does not look like a claims
file gets no line of its content quoted in any message (see `looks_like_claims`).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from numcheck.errors import FormatError

__all__ = ["MAX_FILE_BYTES", "looks_like_claims", "read_text"]

MAX_FILE_BYTES = 20 * 1024 * 1024

# What YAML refuses in a stream (its reader's own set): C0 and C1 controls but tab and line
# breaks, surrogates, U+FFFE and U+FFFF.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CLAIMS_MARK = re.compile(r"""^[ \t{]*["']?numcheck["']?[ \t]*:""", re.MULTILINE)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def looks_like_claims(text: str) -> bool:
    """Whether the text has a `numcheck:` key at the start of a line, as every claims file and
    rule pack does. Messages about any other file (one named by a hostile include, say) quote
    nothing from it: not a key, not a value, not a YAML parser's excerpt."""
    return _CLAIMS_MARK.search(text) is not None


def read_text(path: Path, shown: str) -> str:
    """The file's text; a FormatError naming `shown` for anything that is not a readable,
    regular, UTF-8 file of at most MAX_FILE_BYTES."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _open_error(exc, shown) from None
    try:
        info = os.fstat(fd)
        _check_kind(info.st_mode, shown)
        if info.st_size > MAX_FILE_BYTES:
            raise _too_big(info.st_size, shown)
        data = _read_capped(fd, shown)
    finally:
        os.close(fd)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError("the file is not UTF-8 text", path=shown, line=line) from None
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise FormatError(f"a control character (U+{ord(bad.group()):04X}) at column {column}",
                          path=shown, line=line, column=column,
                          hint="a claims file is plain text; delete the character (it may be invisible)")
    return text


def _open_error(exc: OSError, shown: str) -> FormatError:
    if exc.errno == errno.ENOENT:
        return FormatError("no such file", path=shown)
    if exc.errno == errno.ELOOP:
        return FormatError("the path is a loop of symbolic links", path=shown)
    if exc.errno == errno.ENAMETOOLONG:
        return FormatError("the file name is too long", path=shown)
    if exc.errno == errno.EISDIR:
        return FormatError("is a folder, not a claims file", path=shown)
    return FormatError(f"cannot read the file: {exc.strerror or exc}", path=shown)


def _check_kind(mode: int, shown: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise FormatError("is a folder, not a claims file", path=shown)
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    raise FormatError(f"is {kind}, not a claims file; numcheck reads regular files only", path=shown)


def _too_big(size: int, shown: str) -> FormatError:
    return FormatError(
        f"the file is {size:,} bytes; numcheck reads claims files of at most {MAX_FILE_BYTES:,} bytes",
        path=shown, hint="split it into several files and give them all on the command line")


def _read_capped(fd: int, shown: str) -> bytes:
    """Read to the end, but never more than the cap: a file may grow after `fstat`."""
    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = os.read(fd, 1 << 20)
        except OSError as exc:
            raise FormatError(f"cannot read the file: {exc.strerror or exc}", path=shown) from None
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise _too_big(total, shown)
        chunks.append(chunk)
