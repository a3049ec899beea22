"""Names a package exports from its modules, imported only when first used.

A stage package lists its seams (name → module); importing the package then costs nothing until
one of them is used, so that `numcheck --help` never loads a solver, pandas or a web framework.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence

__all__ = ["lazy"]


def lazy(package: str, seams: Mapping[str, str],
         exported: Sequence[str]) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A module `__getattr__` and `__dir__` for `package`: `seams` maps each name to the module
    (inside the package) that defines it; the first use imports it and keeps it."""

    def getattr_(name: str) -> object:
        module = seams.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    def dir_() -> list[str]:
        return sorted(exported)

    return getattr_, dir_
