"""Every row of the value-phrase table of claims-format.md, in English and French, exactly."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from numcheck.read import PhraseSyntaxError, parse_value

Q = {"ru_casualties", "q"}
N = None

# phrase, lang, (lo, hi, lo_open, hi_open), ref
TABLE = [
    # bare numbers: the precision interval (as-written)
    ("12000", "en", (11500, 12500, False, False), N),
    ("12,000", "en", (11500, 12500, False, False), N),
    ("12 000", "en", (11500, 12500, False, False), N),
    ("12\u202f000", "en", (11500, 12500, False, False), N),
    ("12\u00a0000", "fr", (11500, 12500, False, False), N),
    ("12 000", "fr", (11500, 12500, False, False), N),
    ("115,000", "en", (114500, 115500, False, False), N),
    ("12,345", "en", (F(24689, 2), F(24691, 2), False, False), N),
    ("100,000", "en", (90000, 110000, False, False), N),
    ("50", "en", (F(99, 2), F(101, 2), False, False), N),
    ("17", "en", (F(33, 2), F(35, 2), False, False), N),
    ("5.20", "en", (F("5.195"), F("5.205"), False, False), N),
    ("1.3 million", "en", (1_250_000, 1_350_000, False, False), N),
    ("1,3 million", "fr", (1_250_000, 1_350_000, False, False), N),
    ("4 million", "en", (3_600_000, 4_400_000, False, False), N),
    ("4M", "en", (3_600_000, 4_400_000, False, False), N),
    ("2.5bn", "en", (2_450_000_000, 2_550_000_000, False, False), N),
    ("three thousand", "en", (2700, 3300, False, False), N),
    ("half a million", "en", (450_000, 550_000, False, False), N),
    ("a quarter of a million", "en", (225_000, 275_000, False, False), N),
    ("quatre millions", "fr", (3_600_000, 4_400_000, False, False), N),
    ("un demi-million", "fr", (450_000, 550_000, False, False), N),
    ("douze mille", "fr", (11500, 12500, False, False), N),
    ("50%", "en", (F(99, 2), F(101, 2), False, False), N),
    # hedges
    ("up to 12,000", "en", (N, 12000, False, False), N),
    ("at most 12,000", "en", (N, 12000, False, False), N),
    ("no more than 12,000", "en", (N, 12000, False, False), N),
    ("jusqu'à 12 000", "fr", (N, 12000, False, False), N),
    ("jusqu’à 12 000", "fr", (N, 12000, False, False), N),
    ("au plus 12 000", "fr", (N, 12000, False, False), N),
    ("more than 115,000", "en", (115000, N, True, False), N),
    ("over 115,000", "en", (115000, N, True, False), N),
    ("above 115,000", "en", (115000, N, True, False), N),
    ("plus de 115 000", "fr", (115000, N, True, False), N),
    ("at least 3,000", "en", (3000, N, False, False), N),
    ("no fewer than 3,000", "en", (3000, N, False, False), N),
    ("au moins 3 000", "fr", (3000, N, False, False), N),
    ("less than a million", "en", (N, 1_000_000, False, True), N),
    ("fewer than 1,000,000", "en", (N, 1_000_000, False, True), N),
    ("under 1M", "en", (N, 1_000_000, False, True), N),
    ("below 500", "en", (N, 500, False, True), N),
    ("moins d'un million", "fr", (N, 1_000_000, False, True), N),
    ("about 15,000", "en", (13500, 16500, False, False), N),
    ("around 15,000", "en", (13500, 16500, False, False), N),
    ("roughly 15,000", "en", (13500, 16500, False, False), N),
    ("approximately 15,000", "en", (13500, 16500, False, False), N),
    ("some 15,000", "en", (13500, 16500, False, False), N),
    ("~15,000", "en", (13500, 16500, False, False), N),
    ("environ 15 000", "fr", (13500, 16500, False, False), N),
    ("quelque 15 000", "fr", (13500, 16500, False, False), N),
    ("autour de 15 000", "fr", (13500, 16500, False, False), N),
    ("nearly 3,000", "en", (2700, 3000, False, False), N),
    ("almost 3,000", "en", (2700, 3000, False, False), N),
    ("close to 3,000", "en", (2700, 3000, False, False), N),
    ("presque 3 000", "fr", (2700, 3000, False, False), N),
    ("près de 3 000", "fr", (2700, 3000, False, False), N),
    ("pas loin de 3 000", "fr", (2700, 3000, False, False), N),
    # ranges
    ("between 3,000 and 5,000", "en", (3000, 5000, False, False), N),
    ("3,000–5,000", "en", (3000, 5000, False, False), N),
    ("3,000 to 5,000", "en", (3000, 5000, False, False), N),
    ("10-12 million", "en", (10_000_000, 12_000_000, False, False), N),
    ("entre 3 000 et 5 000", "fr", (3000, 5000, False, False), N),
    # vague amounts
    ("dozens of", "en", (24, 100, False, True), N),
    ("hundreds of", "en", (200, 1000, False, True), N),
    ("thousands of", "en", (2000, 10000, False, True), N),
    ("tens of thousands of", "en", (20000, 100000, False, True), N),
    ("millions of", "en", (2_000_000, 10_000_000, False, True), N),
    ("des dizaines de", "fr", (24, 100, False, True), N),
    ("des centaines de", "fr", (200, 1000, False, True), N),
    ("des milliers de", "fr", (2000, 10000, False, True), N),
    ("des dizaines de milliers de", "fr", (20000, 100000, False, True), N),
    ("des millions de", "fr", (2_000_000, 10_000_000, False, True), N),
    ("several thousand", "en", (3000, 10000, False, True), N),
    ("a few hundred", "en", (200, 1000, False, True), N),
    ("plusieurs milliers", "fr", (3000, 10000, False, True), N),
    ("quelques centaines", "fr", (200, 1000, False, True), N),
    # relative phrases
    ("half of q", "en", (F(1, 2), F(1, 2), False, False), "q"),
    ("about half of ru_casualties", "en", (F(9, 20), F(11, 20), False, False), "ru_casualties"),
    ("more than half of q", "en", (F(1, 2), N, True, False), "q"),
    ("a third of q", "en", (F(1, 3), F(1, 3), False, False), "q"),
    ("a quarter of q", "en", (F(1, 4), F(1, 4), False, False), "q"),
    ("twice q", "en", (2, 2, False, False), "q"),
    ("three times q", "en", (3, 3, False, False), "q"),
    ("25% of q", "en", (F("0.245"), F("0.255"), False, False), "q"),
    ("67% of q", "en", (F("0.665"), F("0.675"), False, False), "q"),
    ("one in five q", "en", (F(1, 5), F(1, 5), False, False), "q"),
    ("more than 2 times q", "en", (2, N, True, False), "q"),
    ("la moitié de q", "fr", (F(1, 2), F(1, 2), False, False), "q"),
    ("environ la moitié de q", "fr", (F(9, 20), F(11, 20), False, False), "q"),
    ("le double de q", "fr", (2, 2, False, False), "q"),
    ("trois fois q", "fr", (3, 3, False, False), "q"),
]


def _as_tuple(v):  # type: ignore[no-untyped-def]
    conv = lambda x: None if x is None else F(x)  # noqa: E731
    return (conv(v.lo), conv(v.hi), v.lo_open, v.hi_open)


@pytest.mark.parametrize(("phrase", "lang", "expected", "ref"), TABLE, ids=[f"{r[1]}:{r[0]}" for r in TABLE])
def test_value_phrase_table(phrase: str, lang: str, expected: tuple, ref: str | None) -> None:
    value = parse_value(phrase, lang=lang, quantities=Q)  # type: ignore[arg-type]
    lo, hi, lo_open, hi_open = expected
    want = (None if lo is None else F(lo), None if hi is None else F(hi), lo_open, hi_open)
    assert _as_tuple(value) == want
    assert value.ref == ref


@pytest.mark.parametrize(("phrase", "policy", "expected"), [
    ("12,000", "exact", (12000, 12000)),
    ("12,000", F(5, 100), (11400, 12600)),
    ("1.3 million", "exact", (1_300_000, 1_300_000)),
    ("50", F(1, 10), (45, 55)),
    ("12,000", "as-written", (11500, 12500)),
])
def test_precision_policies(phrase: str, policy: object, expected: tuple[int, int]) -> None:
    value = parse_value(phrase, policy=policy)  # type: ignore[arg-type]
    assert (value.lo, value.hi) == (F(expected[0]), F(expected[1]))


def test_about_setting_changes_hedges_and_the_cap() -> None:
    assert _as_tuple(parse_value("about 100", about=F(1, 5))) == (F(80), F(120), False, False)
    # 100,000 is ±50,000 as written; a 20% cap leaves it at ±20,000
    assert _as_tuple(parse_value("100,000", about=F(1, 5))) == (F(80000), F(120000), False, False)


def test_hedged_word_fraction_is_hedged_and_plain_one_is_exact() -> None:
    assert _as_tuple(parse_value("nearly half of q", quantities=Q)) == (F(9, 20), F(1, 2), False, False)


def test_unit_is_kept_for_conversion() -> None:
    assert parse_value("about 600 miles").unit == "miles"
    assert parse_value("$5 billion").unit == "USD"


@pytest.mark.parametrize(("phrase", "lang", "part"), [
    ("1,3 million", "en", "','"),
    ("lots", "en", "no number in 'lots'"),
    ("up to", "en", "no number"),
    ("between 5,000 and 3,000", "en", "runs backwards"),
    ("", "en", "empty"),
])
def test_unreadable_phrases_say_which_part(phrase: str, lang: str, part: str) -> None:
    with pytest.raises(PhraseSyntaxError, match=part):
        parse_value(phrase, lang=lang)  # type: ignore[arg-type]
