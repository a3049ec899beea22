"""Every interval a report prints, in the three forms a reader meets, from one module.

- `exact_form`: the machine form of `numcheck show` and the canonical constraints
  (`11500 <= x <= 12500 soldier`, `0.45*q <= x <= 0.55*q`); exact numbers, round-trips.
- `sentence_form` / `span_form`: the readable form inside sentences (`0 <= x < 111,111.1
  soldier`, `13,500 to 16,500`), with `typographic=True` for ≤ and ≥ where the format allows.
- `bracket_cells` / `sign_cells`: the two cells (min, max) of a ranges table, in the bracket
  notation of the aligned text table (`[0`, `+inf`) or the signs of Markdown (`≥ 0`, `—`).

Each takes a `Wording` (wording.py): English by default, French notation and words on request.
Keeping them together means an open end, an unbounded end or a point is decided once, and a fix
to one (say, how zero reads) reaches text, Markdown, HTML and `show` alike.
"""

from __future__ import annotations

from fractions import Fraction

from numcheck.model import Interval
from numcheck.render.scalars import scaled
from numcheck.render.wording import ENGLISH, Wording

__all__ = ["bracket_cells", "exact_form", "sentence_form", "sign_cells", "span_form"]


def _opens(iv: Interval) -> tuple[bool, bool]:
    """An unbounded end is open, whatever the record's flag says."""
    return iv.lo_open or iv.lo is None, iv.hi_open or iv.hi is None


def exact_form(quantity: str, iv: Interval, unit: str = "", ref: str | None = None, w: Wording = ENGLISH) -> str:
    """`11500 <= x <= 12500 soldier`, `x > 115000 soldier`, `0.45*q <= x <= 0.55*q`; with a
    French wording, in French notation and signs (`0,45*q ≤ x ≤ 0,55*q`), still unrounded."""
    def bound(b: Fraction) -> str:
        return scaled(b, ref, w.exact) if ref else w.exact(b)

    le, ge, eq = w.le, w.ge, "=" if w.typographic else "=="
    suffix = f" {unit}" if unit and not ref else ""
    if iv.lo is not None and iv.hi is not None:
        if iv.lo == iv.hi and not iv.lo_open and not iv.hi_open:
            return f"{quantity} {eq} {bound(iv.lo)}{suffix}"
        lo_op = "<" if iv.lo_open else le
        hi_op = "<" if iv.hi_open else le
        return f"{bound(iv.lo)} {lo_op} {quantity} {hi_op} {bound(iv.hi)}{suffix}"
    if iv.hi is not None:
        return f"{quantity} {'<' if iv.hi_open else le} {bound(iv.hi)}{suffix}"
    if iv.lo is not None:
        return f"{quantity} {'>' if iv.lo_open else ge} {bound(iv.lo)}{suffix}"
    return f"{quantity} is unconstrained"


def sentence_form(quantity: str, iv: Interval, unit: str = "", *, typographic: bool = False,
                  w: Wording = ENGLISH) -> str:
    """The reader's wording of an interval: 'x <= 3,000 soldier', '10 <= x < 20', 'x = 5'."""
    w = w.typo() if typographic else w
    le, ge, num = w.le, w.ge, w.number
    unit = f" {unit}" if unit else ""
    lo_open, hi_open = _opens(iv)
    if iv.lo is not None and iv.hi is not None:
        if iv.lo == iv.hi:
            return f"{quantity} = {num(iv.lo)}{unit}"
        return (f"{num(iv.lo)} {'<' if lo_open else le} {quantity} "
                f"{'<' if hi_open else le} {num(iv.hi)}{unit}")
    if iv.hi is not None:
        return f"{quantity} {'<' if hi_open else le} {num(iv.hi)}{unit}"
    if iv.lo is not None and iv.lo != 0:
        return f"{quantity} {'>' if lo_open else ge} {num(iv.lo)}{unit}"
    if iv.lo is not None:
        return w("iv.any_amount", quantity=quantity, op=">" if lo_open else ge)
    return w("iv.any_value", quantity=quantity)


def span_form(quantity: str, iv: Interval, w: Wording = ENGLISH) -> str:
    """What a claim's phrase was read as, after 'i.e.': '13,500 to 16,500', else the sentence form."""
    if iv.lo is not None and iv.hi is not None and iv.lo != iv.hi:
        return w("iv.span", lo=w.number(iv.lo), hi=w.number(iv.hi))
    return sentence_form(quantity, iv, w=w)


def bracket_cells(iv: Interval, w: Wording = ENGLISH) -> tuple[str, str]:
    """The aligned text table's min and max: '[0' or '(5', and '12,000]', '7)' or '+inf'."""
    lo_open, hi_open = _opens(iv)
    low = "-inf" if iv.lo is None else f"{'(' if lo_open else '['}{w.number(iv.lo)}"
    high = "+inf" if iv.hi is None else f"{w.number(iv.hi)}{')' if hi_open else ']'}"
    return low, high


def sign_cells(iv: Interval, w: Wording = ENGLISH) -> tuple[str, str]:
    """A Markdown or HTML table's min and max: '≥ 0' or '> 5', '≤ 12,000' or '< 7', '—' if unbounded."""
    lo_open, hi_open = _opens(iv)
    low = "—" if iv.lo is None else f"{'>' if lo_open else '≥'} {w.number(iv.lo)}"
    high = "—" if iv.hi is None else f"{'<' if hi_open else '≤'} {w.number(iv.hi)}"
    return low, high
