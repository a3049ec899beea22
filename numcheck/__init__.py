"""numcheck: check whether the numbers in news reporting fit together, exactly.

    >>> import numcheck
    >>> report = numcheck.check("claims/nk-troops-russia-2024-10.yaml")
    >>> report.verdict
    'consistent'
    >>> report.ranges["ua_casualties"].min
    Fraction(51750, 1)
"""

from numcheck.check import check, check_model
from numcheck.errors import (
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
from numcheck.extract.mentions import Mention, draft_claims, extract_mentions
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
from numcheck.read.loader import load
from numcheck.render.dispatch import render
from numcheck.report import Agreement, ClaimStatus, Conflict, Distance, Range, Report

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
    "Interval",
    "Linear",
    "Location",
    "Mention",
    "Model",
    "NumcheckError",
    "PhraseError",
    "Quantity",
    "Range",
    "Report",
    "Rule",
    "RulePackError",
    "Source",
    "UnitError",
    "UsageError",
    "check",
    "check_model",
    "draft_claims",
    "extract_mentions",
    "load",
    "render",
]
try:
    from importlib.metadata import version as _version

    __version__ = _version("numcheck")
except Exception:  # pragma: no cover - a source tree that was never installed
    __version__ = "0+unknown"
