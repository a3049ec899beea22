"""The extractor's word lists and the word helpers that use them.

Kept apart from the scanning code so that what counts as a month, a counted noun or a stop
word can be read and extended in one place, in both languages.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Lang = Literal["en", "fr"]

_MONTHS = {
    "en": "january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec",
    "fr": "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre",
}
MONTHS: dict[str, set[str]] = {lang: set(words.split()) for lang, words in _MONTHS.items()}

# a number after one of these is a reference ("page 12"), a name ("Category 4") or a code, not a figure
BEFORE_REFERENCE = {"page", "p", "pp", "section", "article", "chapter", "chapitre", "paragraphe", "paragraph",
                    "no", "n°", "numéro", "numero", "art", "vol", "volume", "tome", "route", "rue", "ligne",
                    "line", "table", "figure", "fig", "annexe", "annex", "résolution", "resolution",
                    "category", "categorie", "cat", "level", "niveau", "phase", "stage", "grade", "class", "classe",
                    "type", "priority", "priorite", "interstate", "highway", "autoroute", "flight", "gate", "terminal",
                    "platform", "quai", "district", "districts", "ward", "precinct", "model", "modele", "version",
                    "tier", "season", "saison", "episode", "act", "acte", "title", "titre", "amendment", "amendement",
                    "room", "chambre", "bus", "tram", "metro", "exit", "sortie", "code", "item", "step",
                    "etape", "apollo", "boeing", "airbus", "windows", "iphone", "cop",
                    "dossier", "decret", "circulaire", "loi", "law", "bill", "order", "ordonnance", "arrete"}
WEEKDAYS = {"en": set("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
                      "fri sat sun".split()),
            "fr": set("lundi mardi mercredi jeudi vendredi samedi dimanche".split())}
# a number followed by one of these is a street number: "161 rue Montmartre", "10 Downing Street"
ADDRESS_AFTER = set("rue avenue av bd boulevard allee allée chemin impasse quai street road rd lane ave".split())
# the number words of a count after a definite determiner are a reference, not a figure: "les deux camps"
DETERMINERS = {"en": set("the these those its their his her our your my".split()),
               "fr": set("les ces ses leurs nos vos mes tes".split())}
# "rose from 8 to 14", "passant de 2,7 à 2,6 %": a change between two figures, not a range
CHANGE_VERBS = {
    "en": set("rose rise rises risen rising fell fall falls fallen falling increased increase increases increasing "
              "decreased decrease decreases decreasing grew grow grows grown growing jumped jump jumps climbed climb "
              "climbs dropped drop drops declined decline declines went go goes gone soared surged plunged plummeted "
              "slipped shrank shrunk doubled tripled expanded raised lowered boosted revised upgraded downgraded "
              "changed moved up down cut reduced".split()),
    "fr": set("passant passer passé passe passera passée passés passent augmenté augmente augmentant augmenter "
              "baissé baisse baissant baisser grimpé grimpe grimpant chuté chute chutant reculé recule progressé "
              "progresse évolué évolue bondi bondit diminué diminue diminuant porté portant relevé abaissé ramené "
              "revu revue grandir grandi".split()),
}
# a verb between a hedge and its number: "presque atteint les 5,5 millions", "nearly reached 5 million"
CONNECTING_VERBS = {lang: set(words.split()) for lang, words in
                    (("en", "reached reaches reach hit hits touched"),
                     ("fr", "atteint atteignent atteindre atteignait touché touche"))}
# "articulée autour de trois axes", "built around three pillars": 'around' after one of these says
# what a thing is built on, not that a number is approximate
AROUND_AS_STRUCTURE = {
    "en": set("built centred centered revolves revolve revolved revolving organised organized structured based "
              "pivots pivot pivoted clustered grouped arranged".split()),
    "fr": set("articule articulent articulee articulees articules articulait tourne tournent tournait gravite "
              "gravitent organise organisee organisees organises organisent centre centree centres centrees construit "
              "construite construits construites structure structuree structures bati batie batis".split()),
}
AROUND = {"en": {"around"}, "fr": {"autour de", "autour d'"}}
# "deux fois plus de", "three times as many": a multiplier of something unnamed, not a count
TIMES_WORDS = {"fois", "times"}
COMPARATIVES_AFTER_TIMES = set("plus moins autant superieur superieure inferieur inferieure more less as higher "
                               "lower larger bigger greater smaller fewer".split())
# words that qualify the number right after them, which the value-phrase grammar does not read: the
# figure is drafted with review: true and an interval that does not narrow (never a bare number's)
QUALIFIERS = {"en": set("barely scarcely hardly nigh approx approx. ca ca. c. maybe perhaps possibly probably "
                        "potentially roughly-speaking upward supposedly".split()),
              "fr": set("quasi env env. approx approx. ca ca. peut-être probablement presqu guère".split())}

# counted nouns (singular, accents folded) → registry unit
UNIT_NOUNS: dict[str, str] = {}
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
        UNIT_NOUNS[_w] = _unit
DURATION_UNITS = {"year", "month", "week", "day", "hour"}

# words that end a noun phrase: a counted noun is never one of them
_STOP_WORDS = {
    "en": ("the a an of to in on at by for from with and or but who which that this these those was were is are "
              "be been being had has have would could should will may might can did do does said says say according "
              "as than then "
              "into onto over under since during after before about around more less here there it its their his her "
              "they we you he she not no only also already still went came fled left got made fell rose took gave "
              "remain remains remained reached hit lost won stood them us him me ones per each every daily weekly "
              "monthly yearly annually"),
    "fr": ("le la les l de des du d un une et ou mais qui que qu dont ce cet cette ces a à au aux en dans par pour "
              "sur avec sans sous selon se s ont avaient avait était étaient est sont été être avoir ayant a fait "
              "lors depuis pendant après avant vers chez plus moins très déjà encore ne pas y il elle ils elles on "
              "nous vous leur leurs son sa ses comme eux lui auprès près dès lors chaque"),
}
STOP: dict[str, set[str]] = {lang: set(words.split()) for lang, words in _STOP_WORDS.items()}
# verbs that put a relative phrase's subject before it ("the number of X represents half of Y")
LINKING = {
    "en": ("is", "are", "was", "were", "amount to", "amounts to", "equal to", "equals", "represent", "represents",
           "make up", "makes up", "account for", "accounts for", "stand at", "stands at"),
    "fr": ("représente", "représentent", "représentait", "est", "sont", "était", "étaient", "s'élève à",
           "s'élèvent à", "équivaut à", "correspond à", "atteint", "atteignent"),
}

WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿœŒ][A-Za-zÀ-ÖØ-öø-ÿœŒ'’\-]*")
_NOT_PLURAL = ("bus", "gens", "mois", "fois", "plus", "pays")


def fold(word: str) -> str:
    """Lower case without accents, so that 'blessés' and 'blesses' look up the same noun."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


# folded once here: the noun reader asks about every word it meets
STOP_FOLDED: dict[str, set[str]] = {lang: {fold(w) for w in words} for lang, words in STOP.items()}
MONTHS_FOLDED: dict[str, set[str]] = {lang: words | {fold(w) for w in words} for lang, words in MONTHS.items()}


def singular(word: str) -> str:
    """A crude singular of a folded word: enough to look a counted noun up, and to name a quantity."""
    w = fold(word)
    for suffix, repl in (("ies", "y"), ("aux", "al"), ("s", ""), ("x", "")):
        if len(w) > 2 and w.endswith(suffix) and w not in _NOT_PLURAL:
            return w[: -len(suffix)] + repl
    return w


def is_unit_noun(word: str) -> bool:
    """Whether a word names a counted unit ('soldats', 'years')."""
    return singular(word) in UNIT_NOUNS or fold(word) in UNIT_NOUNS


def unit_of(noun: str | None) -> str | None:
    """The unit a noun phrase counts, from its first word (or hyphen part) that names one."""
    if not noun:
        return None
    for word in noun.split():
        for part in word.split("-"):
            unit = UNIT_NOUNS.get(singular(part)) or UNIT_NOUNS.get(fold(part))
            if unit:
                return unit
    return None


def snake(noun: str) -> str:
    """A quantity name from a noun phrase: 'soldats nord-coréens' → 'soldat_nord_coreen'."""
    words = [singular(w) for w in re.split(r"[\s\-'’]+", noun) if w]
    name = "_".join(re.sub(r"[^a-z0-9]", "", w) for w in words)
    name = re.sub(r"_+", "_", name).strip("_")
    if not name or name[0].isdigit():
        name = "q_" + name
    return name[:60]
