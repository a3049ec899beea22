"""Extraction: find the figures in an article and draft a claims file from them.

Number parsers read "12 000" but not "jusqu'à", and they know nothing of the thing counted; so
the structure is ours: candidates are found with one regular expression, each is read with the
value-phrase code of `_phrases` (one grammar for files and articles), dates, ordinals, times and
names with numbers are left out, and the noun phrase after a figure names its quantity.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from numcheck.errors import InputError
from numcheck.render.numbers import exact
from numcheck.read.phrases import (
    _FRACTION_WORDS,
    _HEDGE_KINDS,
    _HEDGE_RX,
    _HEDGES,
    _NUMBER_WORDS,
    _VAGUE,
    _VAGUE_BOUNDS,
    _VAGUE_RX,
    SPACES,
    NumberMatch,
    _hedged,
    _interval_of,
    scan_number,
    scan_range,
)

__all__ = ["Mention", "detect_language", "draft_claims", "extract_mentions"]

Lang = Literal["en", "fr"]
MAX_CHARS = 5_000_000  # a long book; more is not an article

_MONTHS = {
    "en": "january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec",
    "fr": "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre",
}
_MONTH_SET = {lang: set(words.split()) for lang, words in _MONTHS.items()}
_BEFORE_REFERENCE = {"page", "p", "pp", "section", "article", "chapter", "chapitre", "paragraphe", "paragraph",
                     "no", "n°", "numéro", "numero", "art", "vol", "volume", "tome", "route", "rue", "ligne",
                     "line", "table", "figure", "fig", "annexe", "annex", "résolution", "resolution"}
_ORDINAL_AFTER = re.compile(r"(?:e|è|ème|eme|er|ère|re|nd|nde|st|rd|th|ᵉ)(?![A-Za-zÀ-ÿ])", re.IGNORECASE)
_TIME_AFTER = re.compile(r"(?:\s?h\s?\d{0,2}(?![A-Za-zÀ-ÿ])|:\d{2}|\s?(?:a\.m\.|p\.m\.|am|pm)(?![A-Za-z]))", re.IGNORECASE)

# counted nouns (singular, accents folded) → registry unit
_UNIT_NOUNS: dict[str, str] = {}
for _unit, _words in {
    "soldier": "soldier soldat troop troupe combattant fighter militaire mercenary mercenaire recrue recruit",
    "person": "person personne people gens civilian civil victim victime casualty casualtie blesse wounded tue killed "
              "mort dead death deces refugee refugie resident habitant worker travailleur prisoner prisonnier "
              "respondent repondant enfant child children adulte adult employe employee voter electeur",
    "round": "round cartouche shell obus munition cartridge projectile missile roquette rocket",
    "km": "kilometre kilometer km",
    "mile": "mile",
    "km**2": "km2 km²",
    "vehicle": "vehicle vehicule tank char blinde",
    "aircraft": "aircraft avion plane jet helicopter helicoptere",
    "drone": "drone",
    "year": "an annee year",
    "month": "mois month",
    "week": "semaine week",
    "day": "jour journee day",
    "hour": "heure hour",
    "USD": "dollar usd",
    "EUR": "euro eur",
}.items():
    for _w in _words.split():
        _UNIT_NOUNS[_w] = _unit
_DURATION_UNITS = {"year", "month", "week", "day", "hour"}

_STOP = {
    "en": set("the a an of to in on at by for from with and or but who which that this these those was were is are be been "
              "being had has have would could should will may might can did do does said says say according as than then "
              "into onto over under since during after before about around more less here there it its their his her "
              "they we you he she not no only also already still went came fled left got made fell rose took gave "
              "remain remains remained reached hit lost won stood".split()),
    "fr": set("le la les l de des du d un une et ou mais qui que qu dont ce cet cette ces a à au aux en dans par pour "
              "sur avec sans sous selon se s ont avaient avait était étaient est sont été être avoir ayant a fait "
              "lors depuis pendant après avant vers chez plus moins très déjà encore ne pas y il elle ils elles on "
              "nous vous leur leurs son sa ses comme".split()),
}
_LINKING = {
    "en": ("is", "are", "was", "were", "amount to", "amounts to", "equal to", "equals", "represent", "represents",
           "make up", "makes up", "account for", "accounts for", "stand at", "stands at"),
    "fr": ("représente", "représentent", "représentait", "est", "sont", "était", "étaient", "s'élève à",
           "s'élèvent à", "équivaut à", "correspond à", "atteint", "atteignent"),
}

_HALF_DURATION = {
    "fr": re.compile(r"\s(?P<unit>ans|années|mois|semaines|jours|heures)\set\sdemie?\b", re.IGNORECASE),
    "en": re.compile(r"\sand\sa\shalf\s(?P<unit>years|months|weeks|days|hours)\b", re.IGNORECASE),
}
_SENTENCE_END = re.compile(r"(?<=[.!?…])[»\"”’)\]]*\s+(?=[«\"“(\[]?\s?[A-ZÀ-Ý0-9])|\n\s*\n|\n(?=\s*[-•*])")
_WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿœŒ][A-Za-zÀ-ÖØ-öø-ÿœŒ'’\-]*")


@dataclass(frozen=True)
class Mention:
    """One figure found in the text, with its exact interval (as the value-phrase table reads it)."""

    text: str
    start: int
    end: int
    min: Fraction | None
    max: Fraction | None
    min_open: bool
    max_open: bool
    unit: str | None
    noun: str | None
    quantity: str
    hedge: str
    sentence: str
    sentence_start: int
    value: str  # the phrase to write in a claims file (same language as the article)
    relative_to: str | None = None
    review: bool = False

    def to_dict(self) -> dict[str, Any]:
        def num(x: Fraction | None) -> Any:
            if x is None:
                return None
            return x.numerator if x.denominator == 1 else float(x) if _terminates(x) else str(x)

        return {"text": self.text, "start": self.start, "end": self.end, "min": num(self.min),
                "max": num(self.max), "min_open": self.min_open, "max_open": self.max_open, "unit": self.unit,
                "noun": self.noun, "quantity": self.quantity, "hedge": self.hedge, "sentence": self.sentence,
                "relative_to": self.relative_to, "value": self.value}


def _terminates(x: Fraction) -> bool:
    d = x.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


# ------------------------------------------------------------------------------------ language


def detect_language(text: str) -> Lang:
    """French or English, by counting a few very common words of each."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ']+", text[:20000].lower())
    fr = sum(w in {"le", "la", "les", "des", "est", "une", "que", "qui", "dans", "pour", "pas", "du", "et", "sont"} for w in words)
    en = sum(w in {"the", "of", "and", "is", "are", "was", "that", "which", "for", "with", "to", "in", "were"} for w in words)
    return "fr" if fr > en else "en"


# ------------------------------------------------------------------------------------ scanning


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


def _singular(word: str) -> str:
    w = _fold(word)
    for suffix, repl in (("ies", "y"), ("aux", "al"), ("s", ""), ("x", "")):
        if len(w) > 2 and w.endswith(suffix) and w not in ("bus", "gens", "mois", "fois", "plus", "pays"):
            return w[: -len(suffix)] + repl
    return w


def _candidate_regex(lang: Lang) -> re.Pattern[str]:
    starts = {p.split()[0].split("'")[0] for p, _ in _HEDGES[lang]} | {p.split()[0] for p, _, _ in _VAGUE[lang]}
    starts |= {w.split()[0] for w in _FRACTION_WORDS[lang]}
    starts |= {w for w in _NUMBER_WORDS[lang] if w not in ("and", "et", "a")}
    starts |= {"between", "from", "half", "a", "one"} if lang == "en" else {"entre", "de", "un", "une"}
    words = sorted((re.escape(w) for w in starts if w and w != "~"), key=len, reverse=True)
    return re.compile(r"~|(?<![\w.,])[$€£]?\d|(?<![\w'’-])(?:" + "|".join(words) + r")(?![\w])", re.IGNORECASE)


_CANDIDATES = {lang: _candidate_regex(lang) for lang in ("en", "fr")}  # type: ignore[arg-type]


@dataclass
class _Sentence:
    text: str
    start: int


def _sentences(text: str) -> list[_Sentence]:
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append(_Sentence(text[pos:m.start()], pos))
        pos = m.end()
    out.append(_Sentence(text[pos:], pos))
    return [s for s in out if s.text.strip()]


@dataclass
class _Found:
    start: int
    end: int
    lo: Fraction | None
    hi: Fraction | None
    lo_open: bool
    hi_open: bool
    hedge: str
    number: NumberMatch | None = None
    unit_hint: str | None = None
    value: str = ""
    ref_noun: tuple[int, int] | None = None  # for relative phrases: the referent's noun span
    extra: dict[str, Any] = field(default_factory=dict)


def _match_prefix(s: str, pos: int, phrases: list[tuple[str, Any]]) -> tuple[str, Any, int] | None:
    low = s[pos:pos + 60].lower().replace("’", "'")
    for phrase, kind in phrases:
        if low.startswith(phrase):
            end = pos + len(phrase)
            if phrase.endswith("'") or phrase == "~" or end >= len(s) or not (s[end].isalnum() or s[end] == "_"):
                return phrase, kind, end
    return None


def _match_table(s: str, pos: int, rx: re.Pattern[str], table: dict[str, Any]) -> tuple[Any, int] | None:
    """Match a hedge or vague amount of the value-phrase tables at pos (the loader's own regexes)."""
    m = rx.match(s[pos:pos + 60].lower().replace("’", "'"))
    return (table[m.group(0)], pos + m.end()) if m else None


def _skip_spaces(s: str, pos: int) -> int:
    while pos < len(s) and s[pos] in SPACES + "\n\t":
        pos += 1
    return pos


def _read_at(s: str, pos: int, lang: Lang, about: Fraction) -> _Found | None:
    """Read one figure starting at pos: vague amount, range, hedge + number or fraction, or a number."""
    vague = _match_table(s, pos, _VAGUE_RX[lang], _VAGUE_BOUNDS[lang])
    if vague:
        (lo, hi), end = vague
        return _Found(pos, end, Fraction(lo), Fraction(hi), False, True, "vague", value=s[pos:end])
    rng = _read_range(s, pos, lang)
    if rng:
        return rng
    hedge = "number"
    at = pos
    hedge_match = _match_table(s, pos, _HEDGE_RX[lang], _HEDGE_KINDS[lang])
    if hedge_match:
        hedge, end = hedge_match
        at = _skip_spaces(s, end)
    currency = None
    if at < len(s) and s[at] in "$€£":
        currency = {"$": "USD", "€": "EUR", "£": "GBP"}[s[at]]
        at += 1
    fraction = _read_fraction(s, at, lang)
    number = scan_number(s, at, lang)
    if fraction and number is not None and number.end > fraction[1]:
        fraction = None  # "a quarter of a million", "un quart de million": a number, not a share
    if fraction:
        value, end, noun_start = fraction
        if hedge == "number":  # a word fraction is exact unless a hedge comes with it
            lo, hi, lo_open, hi_open = value, value, False, False
        else:
            hedged = _hedged(hedge, value, value, value, about, None, None)
            lo, hi, lo_open, hi_open = hedged.lo, hedged.hi, hedged.lo_open, hedged.hi_open
        return _Found(pos, end, lo, hi, lo_open, hi_open, "relative", value=s[pos:end],
                      ref_noun=(noun_start, noun_start), extra={"hedge": hedge})
    if number is None:
        return None
    half = _HALF_DURATION[lang].match(s, number.end)
    if not _plausible(s, number, lang, duration=bool(half)):
        return None
    if half:  # "deux ans et demi", "two and a half years": the half belongs to the number
        number = NumberMatch(number.value + Fraction(1, 2), number.halfwidth, number.start, number.end,
                             number.words, number.percent)
    lo, hi = _interval_of(number, "as-written", about)
    found = _hedged(hedge, number.value, lo, hi, about, None, None)
    unit = "percent" if number.percent else currency
    if half:
        return _Found(pos, half.end(), found.lo, found.hi, found.lo_open, found.hi_open, hedge, number,
                      _UNIT_NOUNS[_singular(half.group("unit"))], value=s[pos:half.end()],
                      extra={"noun": half.group("unit")})
    return _Found(pos, number.end, found.lo, found.hi, found.lo_open, found.hi_open, hedge, number, unit,
                  value=s[pos:number.end])


def _read_range(s: str, pos: int, lang: Lang) -> _Found | None:
    """A range in running text, read by the loader's own range grammar (`scan_range`)."""
    rng = scan_range(s, pos, lang, spaced=False)
    if rng is None or (not rng.worded and rng.first.words):
        return None  # "three-four" and the like are not ranges in an article
    first, second = rng.first, rng.second
    if second.value < first.value or (not rng.worded and second.value == first.value):
        return None
    return _Found(pos, rng.end, rng.lo, second.value, False, False, "range", number=second,
                  unit_hint="percent" if second.percent else None, value=s[pos:rng.end])


def _read_fraction(s: str, pos: int, lang: Lang) -> tuple[Fraction, int, int] | None:
    """'la moitié des pertes russes', 'half of Russian losses', 'twice the number of …'."""
    words = sorted(_FRACTION_WORDS[lang].items(), key=lambda kv: -len(kv[0]))
    match = _match_prefix(s, pos, words)
    if not match:
        return None
    _, value, end = match
    low = s[end:end + 12].lower().replace("’", "'")
    for connective in ((" of the ", " of ") if lang == "en" else (" des ", " du ", " de la ", " de l'", " de ", " d'")):
        if low.startswith(connective):
            return value, end, end + len(connective)
    if lang == "en" and value >= 1 and low.startswith(" "):
        return value, end, end + 1
    return None


def _plausible(s: str, number: NumberMatch, lang: Lang, duration: bool = False) -> bool:
    """Leave out what is not a figure: years, dates, ordinals, times, names with numbers, references."""
    start, end = number.start, number.end
    raw = s[start:end]
    before = s[max(0, start - 25):start]
    prev_word = re.findall(r"([\wé°]+)\W*$", before.lower())
    prev = _fold(prev_word[0]) if prev_word else ""
    if start > 0 and (s[start - 1].isalpha() or (s[start - 1] in "-‐" and start > 1 and s[start - 2].isalpha())):
        return False  # G7, F-16, COVID-19, S-400
    if start > 0 and s[start - 1] in "#§/\\:" or re.search(r"\d[/.\-]$", before):
        return False  # 2024-10, 12/03, 1.2.3
    if re.match(r"[/\-]\d", s[end:end + 2]) and not number.words:
        return False  # the first part of a date or a code: 2024-10, 12/03/2024
    if end < len(s) and (s[end].isalpha() and not number.percent and not number.words):
        return False  # 2e corps, 75e, 3rd, 10h30, 4x4 … (a glued scale word was already read)
    if not number.words and _ORDINAL_AFTER.match(s, end) and end < len(s) and s[end] != " ":
        return False
    if not number.words and _TIME_AFTER.match(s, end):
        return False
    if prev in _BEFORE_REFERENCE:
        return False
    if end < len(s) and s[end] in "-‐" and end + 1 < len(s) and s[end + 1].isalpha():
        return False  # 2-year-old is kept out as a name-like compound
    value = number.value
    after_word = _WORD_RE.match(s, _skip_spaces(s, end))
    after = _fold(after_word.group(0)) if after_word else ""
    if not number.words and not number.percent and re.fullmatch(r"\d{4}", raw) and 1800 <= value <= 2100:
        return _singular(after) in _UNIT_NOUNS and _UNIT_NOUNS[_singular(after)] not in _DURATION_UNITS
    if not number.words and 1 <= value <= 31 and re.fullmatch(r"\d{1,2}", raw) and after in _MONTH_SET[lang] | {_fold(m) for m in _MONTH_SET[lang]}:
        return False  # 17 octobre
    if prev in _MONTH_SET[lang] or prev in {_fold(m) for m in _MONTH_SET[lang]}:
        return False  # October 17, février 2022
    if number.words and value == 1:
        return False  # "un accord", "a year", "one of them": not a figure (a scale word was read already)
    if number.words and value < 10 and not number.percent and not duration:
        # "les deux camps", "un accord": small number words count only before a counted unit
        return _singular(after) in _UNIT_NOUNS or _fold(after) in _UNIT_NOUNS
    return True


def _noun_after(s: str, pos: int, lang: Lang) -> tuple[str | None, int, int]:
    """The counted thing after a figure: 'soldats nord-coréens', 'Russian soldiers killed'."""
    at = _skip_spaces(s, pos)
    low = s[at:at + 8].lower().replace("’", "'")
    for skip in (("de ", "d'", "des ") if lang == "fr" else ("of ",)):
        if low.startswith(skip):
            at = _skip_spaces(s, at + len(skip))
            break
    article = re.match(r"(?:the|a|an|les|le|la|l['’])\s*", s[at:at + 5], re.IGNORECASE)
    if article and (article.group(0).endswith(("'", "’")) or article.end() < len(s[at:at + 5])):
        at = _skip_spaces(s, at + article.end())
    words: list[str] = []
    start = end = at
    for m in _WORD_RE.finditer(s, at):
        if m.start() != _skip_spaces(s, end if words else at) or len(words) >= 3:
            break
        w = m.group(0).rstrip("'’")
        if _fold(w) in {_fold(x) for x in _STOP[lang]} or w.lower() in _STOP[lang]:
            break
        if lang == "fr" and words and _fold(w).endswith(("ait", "aient", "ont", "ent")) and len(w) > 5:
            break
        words.append(w)
        end = m.start() + len(w)
    if not words:
        return None, at, at
    return " ".join(words), start, end


def _unit_of(noun: str | None) -> str | None:
    if not noun:
        return None
    for word in noun.split():
        for part in word.split("-"):
            unit = _UNIT_NOUNS.get(_singular(part)) or _UNIT_NOUNS.get(_fold(part))
            if unit:
                return unit
    return None


def _snake(noun: str) -> str:
    words = [_singular(w) for w in re.split(r"[\s\-'’]+", noun) if w]
    name = "_".join(re.sub(r"[^a-z0-9]", "", w) for w in words)
    name = re.sub(r"_+", "_", name).strip("_")
    if not name or name[0].isdigit():
        name = "q_" + name
    return name[:60]


def extract_mentions(text: str, lang: Lang | Literal["auto"] = "auto", *,
                     about: Fraction = Fraction(1, 10)) -> list[Mention]:
    """Every figure of an article, in order; offsets slice `text` to each mention's `text`."""
    if len(text) > MAX_CHARS:
        raise InputError(f"the text has {len(text):,} characters; extraction reads at most {MAX_CHARS:,}")
    language: Lang = detect_language(text) if lang == "auto" else lang
    mentions: list[Mention] = []
    names: dict[str, str] = {}
    counter = 0
    for sentence in _sentences(text):
        s = sentence.text
        pos = 0
        for cand in _CANDIDATES[language].finditer(s):
            if cand.start() < pos:
                continue
            try:
                found = _read_at(s, cand.start(), language, about)
            except (ValueError, ZeroDivisionError, ArithmeticError):
                found = None
            if found is None:
                continue
            pos = found.end
            if "noun" in found.extra:
                noun, noun_start, noun_end = found.extra["noun"], found.end, found.end
            else:
                noun, noun_start, noun_end = _noun_after(
                    s, found.end if found.ref_noun is None else found.ref_noun[0], language)
            unit = found.unit_hint or _unit_of(noun)
            relative_to = None
            review = False
            if found.hedge == "relative":
                referent = _snake(noun) if noun else f"referent_{counter + 1}"
                subject = _subject_before(s, found.start, language)
                relative_to = names.setdefault(referent, referent)
                quantity = names.setdefault(_snake(subject), _snake(subject)) if subject else \
                    _fresh(f"share_of_{referent}", names)
                pos = max(pos, noun_end)
                review = True
                unit = unit or _unit_of(subject)
                text_end = noun_end if noun else found.end
            else:
                if noun and len(_snake(noun).split("_")) >= 2:
                    # a specific phrase ("soldats nord-coréens") names the same thing each time
                    quantity = names.setdefault(_snake(noun), _snake(noun))
                elif noun:
                    # a bare noun ("soldats") may count different things: keep them apart
                    quantity = _fresh(_snake(noun), names)
                else:
                    counter += 1
                    quantity = f"figure_{counter}"
                text_end = found.end
            value = _normalise_value(found.value, language)
            if found.hedge == "relative":
                value = f"{value} {'de' if language == 'fr' else 'of'} {relative_to}"
            elif "noun" in found.extra:  # a duration with a half: write the interval itself
                value = _interval_phrase(found, language)
                quantity = names.setdefault(f"duration_{unit}", f"duration_{unit}")
            counter += 1
            mentions.append(Mention(
                text=text[sentence.start + found.start: sentence.start + text_end],
                start=sentence.start + found.start, end=sentence.start + text_end,
                min=found.lo, max=found.hi, min_open=found.lo_open, max_open=found.hi_open,
                unit=unit, noun=noun, quantity=quantity, hedge=found.extra.get("hedge", found.hedge)
                if found.hedge == "relative" else found.hedge,
                sentence=s.strip(), sentence_start=sentence.start, value=value,
                relative_to=relative_to, review=review))
    return mentions


def _fresh(base: str, names: dict[str, str]) -> str:
    name, k = base, 1
    while name in names:
        k += 1
        name = f"{base}_{k}"
    names[name] = name
    return name


def _normalise_value(raw: str, lang: Lang) -> str:
    """The phrase as written, on one line, with typographic apostrophes made plain."""
    text = re.sub(r"\s+", " ", raw.replace("’", "'")).strip()
    if lang == "fr":
        for connective in (" des", " du", " de la", " de l'", " de", " d'"):
            if text.endswith(connective):
                return text[: -len(connective)] + " de"
        return text
    for connective in (" of the", " of"):
        if text.endswith(connective):
            return text[: -len(connective)] + " of"
    return text


def _interval_phrase(found: _Found, lang: Lang) -> str:
    """A value phrase that the loader reads back to exactly this interval."""
    def num(x: Fraction) -> str:
        text = exact(x)
        return text.replace(".", ",") if lang == "fr" else text

    hedges = {"en": {"more": "more than", "min": "at least", "max": "up to", "less": "less than"},
              "fr": {"more": "plus de", "min": "au moins", "max": "jusqu'à", "less": "moins de"}}[lang]
    if found.lo is not None and found.hi is not None:
        return f"{'entre' if lang == 'fr' else 'between'} {num(found.lo)} {'et' if lang == 'fr' else 'and'} {num(found.hi)}"
    kind = ("more" if found.lo_open else "min") if found.lo is not None else ("less" if found.hi_open else "max")
    bound = found.lo if found.lo is not None else found.hi
    assert bound is not None
    return f"{hedges[kind]} {num(bound)}"


def _subject_before(s: str, pos: int, lang: Lang) -> str | None:
    """The thing a relative phrase is about: 'le nombre de victimes ukrainiennes représente …'."""
    head = s[:pos].rstrip()
    low = head.lower()
    for verb in sorted(_LINKING[lang], key=len, reverse=True):
        if low.endswith(" " + verb):
            head = head[: -len(verb)].rstrip()
            break
    else:
        return None
    words = _WORD_RE.findall(head)[-4:]
    content = [w for w in words if w.lower() not in _STOP[lang] and _fold(w) not in {"nombre", "number", "total"}]
    return " ".join(content[-2:]) or None


# ------------------------------------------------------------------------------------ drafting


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def draft_claims(text: str, mentions: list[Mention], *, lang: Lang, source: str = "article",
                 date: str | None = None, title: str | None = None) -> str:
    """A format-1 claims file that loads and checks as it stands; relations are marked for review."""
    units: dict[str, str] = {}
    for m in mentions:
        unit = m.unit if m.unit and m.unit != "percent" else ("percent" if m.unit == "percent" else "")
        if m.quantity not in units or (not units[m.quantity] and unit):
            units[m.quantity] = unit
        if m.relative_to:
            units.setdefault(m.relative_to, unit)
    for m in mentions:  # a relation needs both sides in one dimension
        if m.relative_to:
            shared = units[m.quantity] or units[m.relative_to]
            units[m.quantity] = units[m.relative_to] = shared
    out = ["numcheck: 1", f"title: {_q(title or 'Draft from an article')}",
           "# Drafted by numcheck extract: name the quantities, join duplicates, add rules, check the relations.",
           "defaults:", f"  lang: {lang}",
           "sources:", f"  {source}: {{name: {_q(source)}" + (f", date: {date}" if date else "") + "}",
           "quantities:"]
    for name, unit in units.items():
        nouns = sorted({m.noun for m in mentions if m.quantity == name and m.noun})
        about = f", about: {_q(nouns[0])}" if nouns else ""
        out.append(f"  {name}: {{unit: {_q(unit)}{about}}}")
    if not units:
        out[-1] = "quantities: {}"
    out.append("claims:" if mentions else "claims: []")
    for i, m in enumerate(mentions, start=1):
        sentence = re.sub(r"\s+", " ", m.sentence)
        out.append(f"  # {sentence[:200]}")
        out.append(f"  # characters {m.start}-{m.end}")
        out.append(f"  - id: {source}-{i}")
        out.append(f"    source: {source}")
        out.append(f"    quantity: {m.quantity}")
        out.append(f"    value: {_q(m.value)}")
        out.append(f"    quote: {_q(_quote(text, m))}")
        if m.review:
            out.append("    review: true")
            out.append(f"    note: {_q('relation drafted from a relative phrase: check what it relates')}")
    return "\n".join(out) + "\n"


def _quote(text: str, m: Mention) -> str:
    """The fragment that carries the figure: the mention and the counted noun after it."""
    end = m.end
    if m.noun and not m.relative_to:
        idx = text.find(m.noun, m.end, m.end + 40)
        if idx >= 0:
            end = idx + len(m.noun)
    return re.sub(r"\s+", " ", text[m.start:end]).strip()
