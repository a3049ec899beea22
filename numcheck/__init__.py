"""numcheck: check whether the numbers in news reporting fit together, exactly.

    >>> import numcheck
    >>> report = numcheck.check("claims/nk-troops-russia-2024-10.yaml")
    >>> report.verdict
    'consistent'
    >>> report.ranges["ua_casualties"].min
    Fraction(51750, 1)

The public names are imported when first used (a module `__getattr__`), so that `import
numcheck`, and so `numcheck --help`, load no solver, pandas or pint until something needs them.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from numcheck.check import (
        check,
        check_model,
    )
    from numcheck.errors import (
        ExpressionError,
        FormatError,
        IncludeError,
        InputError,
        InputErrors,
        NumcheckError,
        PhraseError,
        RulePackError,
        StrictError,
        UnitError,
        UsageError,
    )
    from numcheck.extract.mentions import (
        Mention,
        draft_claims,
        extract_mentions,
    )
    from numcheck.model import (
        Atom,
        Claim,
        Interval,
        Linear,
        Location,
        Model,
        Quantity,
        Rule,
        Source,
    )
    from numcheck.read.loader import (
        load,
    )
    from numcheck.render.dispatch import (
        render,
    )
    from numcheck.render.options import (
        RenderOptions,
    )
    from numcheck.report import (
        Agreement,
        ClaimStatus,
        Conflict,
        Distance,
        Range,
        Report,
    )

_WHERE = {
    "check": "numcheck.check",
    "check_model": "numcheck.check",
    "ExpressionError": "numcheck.errors",
    "FormatError": "numcheck.errors",
    "IncludeError": "numcheck.errors",
    "InputError": "numcheck.errors",
    "InputErrors": "numcheck.errors",
    "NumcheckError": "numcheck.errors",
    "PhraseError": "numcheck.errors",
    "RulePackError": "numcheck.errors",
    "StrictError": "numcheck.errors",
    "UnitError": "numcheck.errors",
    "UsageError": "numcheck.errors",
    "Mention": "numcheck.extract.mentions",
    "draft_claims": "numcheck.extract.mentions",
    "extract_mentions": "numcheck.extract.mentions",
    "Atom": "numcheck.model",
    "Claim": "numcheck.model",
    "Interval": "numcheck.model",
    "Linear": "numcheck.model",
    "Location": "numcheck.model",
    "Model": "numcheck.model",
    "Quantity": "numcheck.model",
    "Rule": "numcheck.model",
    "Source": "numcheck.model",
    "load": "numcheck.read.loader",
    "render": "numcheck.render.dispatch",
    "RenderOptions": "numcheck.render.options",
    "Agreement": "numcheck.report",
    "ClaimStatus": "numcheck.report",
    "Conflict": "numcheck.report",
    "Distance": "numcheck.report",
    "Range": "numcheck.report",
    "Report": "numcheck.report",
}

__all__ = [
    "Agreement",
    "Atom",
    "Claim",
    "ClaimStatus",
    "Conflict",
    "Distance",
    "ExpressionError",
    "FormatError",
    "IncludeError",
    "InputError",
    "InputErrors",
    "Interval",
    "Linear",
    "Location",
    "Mention",
    "Model",
    "NumcheckError",
    "PhraseError",
    "Quantity",
    "Range",
    "RenderOptions",
    "Report",
    "Rule",
    "RulePackError",
    "Source",
    "StrictError",
    "UnitError",
    "UsageError",
    "check",
    "check_model",
    "draft_claims",
    "extract_mentions",
    "load",
    "render",
]


def __getattr__(name: str) -> Any:
    """A public name, imported on first use and then kept in the module."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: Any = version("numcheck")
        except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
            value = "0+unknown"
    elif name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
    else:
        raise AttributeError(f"module 'numcheck' has no attribute '{name}'")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return [*globals(), *_WHERE, "__version__"]


class _Package(ModuleType):
    """numcheck itself. `check` and `render` name both a function and a module of this package;
    the name is the function's: importing the module `numcheck.check` (which the import system
    records by setting the attribute) must not replace `numcheck.check`, the function."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, ModuleType) and _WHERE.get(name, "").startswith(f"{__name__}.{name}"):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
