"""What a value phrase allows (`PhraseValue`), and how a hedge turns a number into it.

A hedge ("up to", "plus de") bounds one side with the number exactly as written: the speaker
chose the figure as the edge, so rounding it would move the edge. Only a bare number, and
"about" or "nearly", are widened; this module is the one place that says by how much, for the
loader and for extraction alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from numcheck.model import Interval

__all__ = ["PhraseValue", "hedged"]


@dataclass(frozen=True)
class PhraseValue:
    """What a value phrase allows for x: `interval`, in `unit`.

    When `ref` names a quantity, the interval's ends are multipliers of it ("about half of q"
    gives 0.45*q <= x <= 0.55*q) and `unit` is None. The interval is the model's one interval
    record, so that a claim can take it as it is; lo/hi/lo_open/hi_open read through to it.
    """

    interval: Interval
    unit: str | None
    ref: str | None
    hedge: str  # the kind of reading: number, max, more, min, less, about, nearly, range, vague, relative

    @property
    def lo(self) -> Fraction | None:
        return self.interval.lo

    @property
    def hi(self) -> Fraction | None:
        return self.interval.hi

    @property
    def lo_open(self) -> bool:
        return self.interval.lo_open

    @property
    def hi_open(self) -> bool:
        return self.interval.hi_open


def hedged(hedge: str, v: Fraction, lo: Fraction, hi: Fraction, about: Fraction,
           unit: str | None, ref: str | None) -> PhraseValue:
    """The value of `hedge` applied to the number v, whose precision interval is [lo, hi]."""
    if hedge == "number":
        iv = Interval(lo, hi)
    elif hedge == "max":
        iv = Interval(None, v)
    elif hedge == "more":
        iv = Interval(v, None, lo_open=True)
    elif hedge == "min":
        iv = Interval(v, None)
    elif hedge == "less":
        iv = Interval(None, v, hi_open=True)
    elif hedge == "about":
        iv = Interval(v - abs(v) * about, v + abs(v) * about)
    elif hedge == "nearly":
        iv = Interval(v - abs(v) * about, v)
    else:  # pragma: no cover
        raise AssertionError(hedge)
    return PhraseValue(iv, unit, ref, hedge)
