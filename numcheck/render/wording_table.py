"""Every phrase of the reports (text, Markdown, HTML, SARIF and GitHub annotations), in English and
in French, side by side.

One entry per phrase, `key: (English, French)`, so that a phrase cannot be added in one language
and forgotten in the other, and a translator sees both at once. The phrases are `str.format`
templates: the fields in braces are filled with ids, numbers, names and quotes, never parsed
again. A key ending in `.one` or `.many` is the singular or plural of a count (`Wording.count`).

In the French column a plain space before `:`, `;` or `»` and after `«` is written as it reads;
wording.py turns it into a no-break space (U+00A0) once, when the table is loaded.

The HTML page's own phrases live in htmlwords.py, in the same form under keys starting `html.`,
and join this table here: the page is worded through the same `Wording`.
"""

from __future__ import annotations

from numcheck.render.htmlwords import HTML_PHRASES

__all__ = ["PHRASES"]

PHRASES: dict[str, tuple[str, str]] = {
    # the verdict, the first thing a report says
    "verdict.consistent": ("CONSISTENT: all claims can be true at once.",
                           "COHÉRENT : toutes les affirmations peuvent être vraies à la fois."),
    "verdict.unknown": ("UNKNOWN: the solver gave up before deciding (see notes); nothing is assumed either way.",
                        "INDÉTERMINÉ : le solveur a abandonné avant de conclure (voir les notes) ; rien n’est "
                        "supposé, dans un sens ni dans l’autre."),
    "verdict.inconsistent": ("INCONSISTENT: {count}{cut}.", "INCOHÉRENT : {count}{cut}."),
    "verdict.cut": (" (list cut short)", " (liste tronquée)"),
    "conflicts.one": ("{n} minimal conflict", "{n} conflit minimal"),
    "conflicts.many": ("{n} minimal conflicts", "{n} conflits minimaux"),
    "claims.one": ("{n} claims", "{n} affirmation"),
    "claims.many": ("{n} claims", "{n} affirmations"),
    "rules.one": ("{n} rules", "{n} règle"),
    "rules.many": ("{n} rules", "{n} règles"),
    "quantities.one": ("{n} quantities", "{n} quantité"),
    "quantities.many": ("{n} quantities", "{n} quantités"),
    "parts.one": ("{n} independent parts", "{n} partie indépendante"),
    "parts.many": ("{n} independent parts", "{n} parties indépendantes"),
    # small pieces every sentence uses
    "marks": ("“{text}”", "« {text} »"),
    "and": ("{head} and {last}", "{head} et {last}"),
    "list.sep": (", ", ", "),
    "who.where": ("{who}; {where}", "{who} ; {where}"),
    "brackets": (" ({text})", " ({text})"),
    "constraint.and": (" and ", " et "),
    "constraint.or": (" or ", " ou "),
    # a claim, a rule, a warning
    "claim.value": ("{id}{by} says {quantity} is {value}{reading}{quoted}.",
                    "{id}{by} indique que {quantity} vaut {value}{reading}{quoted}."),
    "claim.relation": ("{id}{by} says {relation}{quoted}.", "{id}{by} affirme {relation}{quoted}."),
    "claim.reading": (", i.e. {reading}", ", soit {reading}"),
    "claim.quote": (" — quote: {quote}", " — citation : {quote}"),
    "rule": ("Rule {id}{where}: {text}{why}.", "Règle {id}{where} : {text}{why}."),
    "rule.why": (" ({why})", " ({why})"),
    "rule.why.never-falls": ("{series} is cumulative: a count never falls",
                             "{series} est cumulatif : un total ne baisse jamais"),
    "rule.why.starts-at-zero": ("{series} is 0 on its since date", "{series} vaut 0 à sa date de départ (since:)"),
    "alone": ("This claim alone cannot hold (quantities are never negative unless declared signed).",
              "Cette affirmation ne peut pas tenir à elle seule (une quantité n’est jamais négative, sauf "
              "si elle est déclarée signed)."),
    "allow.gap": ("The others allow {allowed}; {id} says {value}{gap}.",
                  "Les autres autorisent {allowed} ; {id} dit {value}{gap}."),
    "allow.apart": (" — {gap} apart", " — écart de {gap}"),
    "allow.without": ("Without {id}, the others allow {allowed}.", "Sans {id}, les autres autorisent {allowed}."),
    "warning": ("{where}: {message}", "{where} : {message}"),
    # intervals in words
    "iv.any_amount": ("{quantity} {op} 0 (any amount)", "{quantity} {op} 0 (toute quantité)"),
    "iv.any_value": ("{quantity}: any value", "{quantity} : toute valeur"),
    "iv.span": ("{lo} to {hi}", "entre {lo} et {hi}"),
    "amount.more": ("more than {n}", "plus de {n}"),
    "amount.least": ("at least {n}", "au moins {n}"),
    "amount.less": ("less than {n}", "moins de {n}"),
    "amount.most": ("at most {n}", "au plus {n}"),
    "amount.span": ("{lo} to {hi}", "entre {lo} et {hi}"),
    "amount.both": ("{lo} and {hi}", "{lo} et {hi}"),
    "amount.any": ("any amount", "une quantité quelconque"),
    # what to look at first: repairs, culprits, tension
    "repair.one": ("Dropping {drop}{together} makes {part} consistent",
                   "Retirer {drop}{together} rend {part} cohérent"),
    "repair.together": (" together", " ensemble"),
    "repair.any": ("Dropping any one of {ids} makes {part} consistent",
                   "Retirer n’importe laquelle parmi {ids} rend {part} cohérent"),
    "repair.choices": ("Any one of these makes {part} consistent: {choices}",
                       "Chacun de ces choix rend {part} cohérent : {choices}"),
    "repair.choice": ("dropping {drop}", "retirer {drop}"),
    "repair.sep": ("; ", " ; "),
    "repair.weight": (" (weight {weight}{each})", " (poids {weight}{each})"),
    "repair.each": (" each", " chacune"),
    "repair.more": ("; more repairs of the same weight exist (raise --max-repairs)",
                    " ; il existe d’autres réparations de même poids (augmentez --max-repairs)"),
    "repair.end": ("{lead}{more}.", "{lead}{more}."),
    "part.it": ("it", "le tout"),
    "part.names": ("the claims on {names}", "le groupe des affirmations sur {names}"),
    "part.constants": ("the constant claims", "le groupe des affirmations constantes"),
    "implies": ("Without {drop}, the others imply {ranges}.", "Sans {drop}, les autres impliquent {ranges}."),
    "culprit.one": ("{ids} is in every conflict of its part ({n} of {n}).",
                    "{ids} figure dans chaque conflit de sa partie ({n} sur {n})."),
    "culprit.many": ("{ids} are in every conflict of their part ({n} of {n}).",
                     "{ids} figurent dans chaque conflit de leur partie ({n} sur {n})."),
    "tension": ("Consistent only thanks to rounding: {who} need {amount}.",
                "Cohérent seulement grâce aux arrondis : il faut à {who} {amount}."),
    "tension.any": ("some of their rounding, however little: as written, they clash",
                    "une part de leur arrondi, si petite soit-elle : telles qu’écrites, elles se contredisent"),
    "tension.more": ("more than {n} of their rounding: narrowed to {n} or less, they clash",
                     "plus de {n} de leur arrondi : resserrées à {n} ou moins, elles se contredisent"),
    "tension.all": ("all of their rounding: narrowed at all, they clash",
                    "tout leur arrondi : resserrées si peu que ce soit, elles se contredisent"),
    "tension.least": ("at least {n} of their rounding: narrowed any further, they clash",
                      "au moins {n} de leur arrondi : resserrées davantage, elles se contredisent"),
    # figures over time
    "rate": ("{id}{by} says {series} {verb} by {value} from {start} to {end}, i.e. {per} a {unit}: {total} "
             "over the {days} days{quoted}.",
             "{id}{by} indique que {series} {verb} de {value} du {start} au {end}, soit {per} par {unit} : "
             "{total} sur les {days} jours{quoted}."),
    "rate.grew": ("grew", "a augmenté"),
    "rate.changed": ("changed", "a varié"),
    "unit.day": ("day", "jour"),
    "unit.week": ("week", "semaine"),
    "unit.month": ("month", "mois"),
    "unit.year": ("year", "an"),
    "dated": ("{id}{by} says {series} was {value} on {date}, i.e. {reading}{quoted}.",
              "{id}{by} indique que {series} valait {value} le {date}, soit {reading}{quoted}."),
    "fall": ("{series} cannot fall from {a}{by_a} to {b}{by_b}.",
             "{series} ne peut pas baisser de « {a} »{by_a} à « {b} »{by_b}."),
    "pace.from": ("At {rate} from {start}, {series} would be {amount} by {end}.",
                  "Au rythme de « {rate} » à partir du {start}, {series} atteindrait {amount} au {end}."),
    "pace.until": ("At {rate} until {end}, {series} would have been {amount} on {start}.",
                   "Au rythme de « {rate} » jusqu’au {end}, {series} aurait valu {amount} le {start}."),
    "pace.grow": ("At {rate} from {start}, {series} would grow by {amount} by {end}.",
                  "Au rythme de « {rate} » à partir du {start}, {series} gagnerait {amount} d’ici le {end}."),
    "over": ("Over time: {series}{unit}, {kind}{since}", "Dans le temps : {series}{unit}, {kind}{since}"),
    "over.since": (", 0 on {date}", ", 0 le {date}"),
    "over.cumulative": ("cumulative", "cumulatif"),
    "over.level": ("level", "niveau"),
    "point": ("  {date}  implied {cells}", "  {date}  impliqué {cells}"),
    "point.none": ("no range", "pas de plage"),
    "cells": ("{low}, {high}", "{low} ; {high}"),
    "line": ("{id}{by}: {text}{after}{mark}", "{id}{by} : {text}{after}{mark}"),
    "line.until": (" until {date}", " jusqu’au {date}"),
    "mark.in-conflict": ("  IN CONFLICT", "  EN CONFLIT"),
    "mark.unknown": ("  undecided", "  indécis"),
    # the text report
    "text.warning": ("warning: {text}", "avertissement : {text}"),
    "text.counts": ("{claims}, {rules}, {quantities}, {parts}.", "{claims}, {rules}, {quantities}, {parts}."),
    "text.first": ("What to look at first:", "À regarder d’abord :"),
    "text.conflict": ("Conflict {k}: {ids}{through}", "Conflit {k} : {ids}{through}"),
    "text.through": (" (through {rules})", " (via {rules})"),
    "text.ranges": ("Implied ranges (rules and every claim outside the conflicts):",
                    "Plages impliquées (les règles et toutes les affirmations hors des conflits) :"),
    "text.agreements": ("Sources on the same quantity:", "Sources sur une même quantité :"),
    "text.note": ("note: {text}", "note : {text}"),
    "agree.line": ("{quantity}: {a} and {b} {word}", "{quantity} : {a} et {b} {word}"),
    "agree.yes": ("agree", "concordent"),
    "agree.no": ("DISAGREE", "DIVERGENT"),
    "agree.none": ("undecided", "indécis"),
    "agree.no.md": ("**disagree**", "**divergent**"),
    "col.quantity": ("quantity", "quantité"),
    "col.min": ("min", "min"),
    "col.max": ("max", "max"),
    "col.unit": ("unit", "unité"),
    # the Markdown report
    "md.title": ("numcheck report", "rapport numcheck"),
    "md.counts": ("{claims}, {rules}, {quantities}.", "{claims}, {rules}, {quantities}."),
    "md.warnings": ("Warnings", "Avertissements"),
    "md.warnings.lead": ("What loads but is probably not what the file meant (the verdict is not changed by it).",
                         "Ce qui se charge mais n’est sans doute pas ce que le fichier voulait dire (le verdict "
                         "n’en dépend pas)."),
    "md.first": ("What to look at first", "À regarder d’abord"),
    "md.conflict": ("Conflict {k}: {ids}", "Conflit {k} : {ids}"),
    "md.quote": (" Quote: {quote}.", " Citation : {quote}."),
    "md.why": (" — {why}", " — {why}"),
    "md.apart": ("How far apart:", "Écarts :"),
    "md.ranges": ("Implied ranges", "Plages impliquées"),
    "md.ranges.lead": ("What all rules and every claim outside the conflicts imply.",
                       "Ce qu’impliquent toutes les règles et toutes les affirmations hors des conflits."),
    "md.agreements": ("Sources on the same quantity", "Sources sur une même quantité"),
    "md.notes": ("Notes", "Notes"),
    # an interval in a few words, for a chart's label
    "span.equal": ("= {n}", "= {n}"),
    "span.closed-closed": ("{lo} – {hi}", "{lo} – {hi}"),
    "span.open-open": ("more than {lo} to under {hi}", "plus de {lo} et moins de {hi}"),
    "span.open-closed": ("more than {lo} to {hi}", "plus de {lo} et au plus {hi}"),
    "span.closed-open": ("from {lo} to under {hi}", "de {lo} à moins de {hi}"),
    "span.any": ("any value", "toute valeur"),
    # CI: SARIF results and GitHub annotations (findings.py)
    "ci.clash": ("It cannot hold together with {others}{given}.", "Elle ne peut pas tenir avec {others}{given}."),
    "ci.alone": ("It cannot hold on its own{given}.", "Elle ne peut pas tenir seule{given}."),
    "ci.given.one": (", given the rule {rules}", ", étant donné la règle {rules}"),
    "ci.given.many": (", given the rules {rules}", ", étant donné les règles {rules}"),
    "ci.title.conflict": ("numcheck: conflict {n} ({ids})", "numcheck : conflit {n} ({ids})"),
    "ci.title.warning": ("numcheck warning", "avertissement numcheck"),
    "ci.title.warning-on": ("numcheck warning: {claim}", "avertissement numcheck : {claim}"),
    "ci.title.unknown": ("numcheck: undecided", "numcheck : indécis"),
    "ci.unknown": ("numcheck could not decide the claims on {quantities}{reason}. Nothing is assumed either way "
                   "about {claims}.",
                   "numcheck n’a pas pu trancher sur les affirmations portant sur {quantities}{reason}. Rien "
                   "n’est supposé, dans un sens ni dans l’autre, sur {claims}."),
    "ci.reason": (": {reason}", " : {reason}"),
    "ci.them": ("them", "elles"),
    "ci.some": ("{names} and {n} more", "{names} et {n} autres"),
    "ci.verdict": ("numcheck: {verdict}", "numcheck : {verdict}"),
    "ci.file-verdict": ("numcheck: {file}: {verdict}", "numcheck : {file} : {verdict}"),
    "ci.rule.conflict": ("Claims that cannot all be true", "Des affirmations qui ne peuvent pas être toutes vraies"),
    "ci.rule.conflict.full": (
        "This claim belongs to a minimal set of claims that contradict each other given the rules: dropping any "
        "one of them makes the rest consistent. At least one of them is wrong.",
        "Cette affirmation fait partie d’un ensemble minimal d’affirmations qui se contredisent, étant donné les "
        "règles : en retirer une, n’importe laquelle, rend les autres cohérentes. L’une d’elles au moins est fausse."),
    "ci.rule.warning": ("Probably not what the writer meant", "Sans doute pas ce que l’auteur voulait dire"),
    "ci.rule.warning.full": (
        "The file loads, but a value reads in a way its writer probably did not mean (such as 12.000 in an "
        "English file). A warning never changes the verdict.",
        "Le fichier se charge, mais une valeur se lit d’une façon que son auteur ne voulait sans doute pas dire "
        "(comme 12.000 dans un fichier en anglais). Un avertissement ne change jamais le verdict."),
    "ci.rule.unknown": ("Claims the solver could not decide", "Des affirmations que le solveur n’a pas pu trancher"),
    "ci.rule.unknown.full": ("The solver gave up on this part within its time limit: nothing is assumed either way.",
                             "Le solveur a abandonné cette partie dans le temps imparti : rien n’est supposé, dans "
                             "un sens ni dans l’autre."),
}

_SHADOWED = PHRASES.keys() & HTML_PHRASES.keys()
if _SHADOWED:  # a phrase of the page must never replace one of the reports
    raise ValueError(f"phrases defined twice: {sorted(_SHADOWED)}")
PHRASES.update(HTML_PHRASES)
