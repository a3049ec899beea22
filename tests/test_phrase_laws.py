"""Laws of number reading: any supported way of writing a number reads back to its interval."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F

from hypothesis import given
from hypothesis import strategies as st

from numcheck.read import conversion_factor, parse_unit, parse_value

ABOUT = F(1, 10)


def expected_interval(n: int) -> tuple[F, F]:
    """The as-written rule, stated independently: rounding at the last non-zero digit from 1,000 up."""
    if n < 1000:
        half = F(1, 2)
    else:
        zeros = len(str(n)) - len(str(n).rstrip("0"))
        half = F(10**zeros, 2)
    half = min(half, n * ABOUT)
    return F(n) - half, F(n) + half


def grouped(n: int, sep: str) -> str:
    text = f"{n:,}"
    return text.replace(",", sep)


STYLES = {
    "en": [lambda n: str(n), lambda n: grouped(n, ","), lambda n: grouped(n, " "), lambda n: grouped(n, "\u202f")],
    "fr": [lambda n: str(n), lambda n: grouped(n, " "), lambda n: grouped(n, "\u202f"), lambda n: grouped(n, "\u00a0")],
}


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["en", "fr"]), st.data())
def test_any_grouping_reads_back_to_its_precision_interval(n: int, lang: str, data: st.DataObject) -> None:
    style = data.draw(st.sampled_from(STYLES[lang]))
    value = parse_value(style(n), lang=lang)  # type: ignore[arg-type]
    assert (value.lo, value.hi) == expected_interval(n)


SCALES = {"en": [("thousand", 10**3), ("million", 10**6), ("billion", 10**9), ("M", 10**6), ("bn", 10**9)],
          "fr": [("mille", 10**3), ("millions", 10**6), ("milliards", 10**9)]}


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=2),
       st.sampled_from(["en", "fr"]), st.data())
def test_scaled_decimals_count_their_last_written_digit(mantissa: int, decimals: int, lang: str,
                                                         data: st.DataObject) -> None:
    word, scale = data.draw(st.sampled_from(SCALES[lang]))
    value_exact = F(mantissa, 10**decimals)
    digits = f"{mantissa // 10**decimals}.{mantissa % 10**decimals:0{decimals}d}" if decimals else str(mantissa)
    if lang == "fr":
        digits = digits.replace(".", ",")
    glue = "" if word in ("M", "bn") else " "
    phrase = f"{digits}{glue}{word}"
    v = value_exact * scale
    half = min(F(scale, 2 * 10**decimals), v * ABOUT)
    got = parse_value(phrase, lang=lang)  # type: ignore[arg-type]
    assert (got.lo, got.hi) == (v - half, v + half)


def _decimal(value: F) -> str:
    """A number whose denominator divides a power of ten, written out exactly in decimals."""
    return format(Decimal(value.numerator) / Decimal(value.denominator), "f")


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["about", "up to", "more than", "at least"]))
def test_miles_and_km_give_the_same_interval(n: int, hedge: str) -> None:
    miles = parse_value(f"{hedge} {n} miles")
    km_per_mile = conversion_factor(parse_unit("mile"), parse_unit("km"))
    assert km_per_mile == F("1.609344")
    km = parse_value(f"{hedge} {_decimal(F(n) * km_per_mile)} km", policy="exact")
    for a, b in ((miles.lo, km.lo), (miles.hi, km.hi)):
        assert (a is None) == (b is None)
        if a is not None and b is not None:
            assert a * km_per_mile == b
