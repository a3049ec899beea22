"""A claims file and the files it includes, sent as bytes, so that cluster workers need no
shared disk.

On a Dask cluster (`check_each(..., cluster=...)`) the machines that check need not see the
client's files. The client reads each file and, following its `include:`s, the rule packs it
includes from its own folder tree; the worker writes them into a private temporary folder with
the same layout, checks there, and names every file as the client gave it, so the result is the
one a check on the client gives. Shipped packs (`numcheck:NAME`) come from the worker's own
install, which is why client and workers must run the same numcheck.

Bundling never decides anything: what it cannot read or follow (an include outside the folder,
a missing file, malformed YAML) is simply not sent, and the worker's loader reports it as a
local load would, at its file and line.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from numcheck.read.files import MAX_FILE_BYTES
from numcheck.read.includes import PACK_PREFIX

__all__ = ["Bundle", "BundledFile", "bundle", "renamed"]

MAX_BUNDLED_FILES = 256  # a file and its includes; a deeper tree is left to the worker to refuse


@dataclass(frozen=True)
class BundledFile:
    """One file's bytes, under its path relative to the folder of the file being checked."""

    relative: str
    data: bytes


@dataclass(frozen=True)
class Bundle:
    """What a worker needs to check one file: its name as given, and its files (itself first).
    No files means the client could not read it: the worker then reports that, as locally."""

    name: str
    files: tuple[BundledFile, ...]


def bundle(name: str) -> Bundle:
    """The file `name` and the files it includes from its own folder tree, read now."""
    root = Path(name)
    first = _read(root)
    if first is None:
        return Bundle(name, ())
    found = {root.name: BundledFile(root.name, first)}
    todo = [root.name]
    while todo and len(found) < MAX_BUNDLED_FILES:
        current = found[todo.pop(0)]
        for raw in _includes(current.data):
            relative = os.path.normpath(PurePosixPath(current.relative).parent / raw)
            if relative in found or relative == ".." or relative.startswith("../") or os.path.isabs(relative):
                continue  # read already, or outside the folder: the worker's loader says so
            data = _read(root.parent / relative)
            if data is not None:
                found[relative] = BundledFile(relative, data)
                todo.append(relative)
    return Bundle(name, tuple(found.values()))


def _read(path: Path) -> bytes | None:
    """A regular file's bytes, at most one byte past the loader's cap (it refuses the rest)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _includes(data: bytes) -> list[str]:
    """The paths a file's top-level `include:` names (not numcheck's own packs), read with the
    loader's bounded YAML reader; nothing when the file cannot be read as YAML."""
    if b"include" not in data:
        return []
    from numcheck.errors import InputError
    from numcheck.read.yamlnodes import Scalar, YList, YMap, compose

    try:
        root = compose(data.decode("utf-8-sig"), "<bundle>", echo=False)
    except (InputError, UnicodeDecodeError):
        return []
    listed = root.get("include") if isinstance(root, YMap) else None
    items = listed if isinstance(listed, YList) else [listed]
    return [item.raw for item in items
            if isinstance(item, Scalar) and not item.is_null and item.raw and not item.raw.startswith(PACK_PREFIX)]


def unpack(shipped: Bundle, folder: Path) -> Path:
    """Write the bundle's files under `folder`; the path to check (absent if none was read).
    A relative path that would lead out of `folder` is not written (bundle() never makes one)."""
    for file in shipped.files:
        target = folder / file.relative
        if not os.path.normpath(target).startswith(str(folder) + os.sep):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.data)
    return folder / Path(shipped.name).name


def renamed(value: Any, folder: str, name: str) -> Any:
    """`value` (a result's JSON and messages) with the worker's temporary folder written as the
    folder of `name`, so that files are named as the client gave them."""
    given = os.path.dirname(name)
    prefix, instead = folder + os.sep, (given + os.sep if given else "")
    if isinstance(value, str):
        return value.replace(prefix, instead)
    if isinstance(value, dict):
        return {renamed(k, folder, name): renamed(v, folder, name) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(renamed(v, folder, name) for v in value)
    return value


def checked_in(shipped: Bundle, check: Any) -> Any:
    """`check(path)` of the bundle unpacked in a temporary folder, its result renamed back."""
    with tempfile.TemporaryDirectory(prefix="numcheck-") as tmp:
        folder = os.path.realpath(tmp)
        result = check(str(unpack(shipped, Path(folder))))
        return replace(result, path=shipped.name, report=renamed(result.report, folder, shipped.name),
                       errors=renamed(result.errors, folder, shipped.name))
