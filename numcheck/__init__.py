"""numcheck: check whether the numbers in news reporting fit together, exactly.

    >>> import numcheck
    >>> model = numcheck.load("claims/nk-troops-russia-2024-10.yaml")
"""

from ._errors import (
    ExpressionError,
    FormatError,
    IncludeError,
    InputError,
    NumcheckError,
    PhraseError,
    RulePackError,
    UnitError,
    UsageError,
)
from ._load import load
from ._model import Atom, Claim, Interval, Linear, Location, Model, Quantity, Rule, Source

__all__ = [
    "Atom",
    "Claim",
    "ExpressionError",
    "FormatError",
    "IncludeError",
    "InputError",
    "Interval",
    "Linear",
    "Location",
    "Model",
    "NumcheckError",
    "PhraseError",
    "Quantity",
    "Rule",
    "RulePackError",
    "Source",
    "UnitError",
    "UsageError",
    "load",
]
__version__ = "0.1.0"
