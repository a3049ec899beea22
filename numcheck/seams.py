"""Names a package exports from its modules, imported only when first used.

A stage package lists its seams (name → module); importing the package then costs nothing until
one of them is used, so that `numcheck --help` never loads a solver, pandas or a web framework.
A package may also offer whole modules as seams (`modules`): a test then patches one of their
attributes (`monkeypatch.setattr(z3glue, "run", ...)`) without naming the package's file layout.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from types import ModuleType

__all__ = ["lazy"]


def lazy(package: str, seams: Mapping[str, str], exported: Sequence[str],
         modules: Collection[str] = ()) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A module `__getattr__` and `__dir__` for `package`: `seams` maps each name to the module
    (inside the package) that defines it, `modules` names modules that are seams themselves;
    the first use imports it and keeps it."""

    def getattr_(name: str) -> object:
        if name in modules:
            value: object = importlib.import_module(f"{package}.{name}")
        elif name in seams:
            value = getattr(importlib.import_module(f"{package}.{seams[name]}"), name)
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        ModuleType.__setattr__(sys.modules[package], name, value)
        return value

    def dir_() -> list[str]:
        return sorted(exported)

    class SeamPackage(ModuleType):
        """The package itself. A seam may share its name with the module that defines it
        (`web.serve`, `web.charts`); the import system, which records each submodule it loads as
        an attribute of its package, must not put the module where the seam's name is."""

        def __setattr__(self, name: str, value: object) -> None:
            if name in seams and isinstance(value, ModuleType):
                return
            super().__setattr__(name, value)

    sys.modules[package].__class__ = SeamPackage
    return getattr_, dir_
