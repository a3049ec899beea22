"""Every phrase the HTML report writes itself, in English and in French, side by side.

The sentences shared with the text and Markdown reports (a claim, what the others allow, a
range) come from sentences.py; these are the page's own: headings, captions, the charts' titles,
labels and descriptions, and the table's columns. They join wording_table.PHRASES under keys
starting `html.`, so that the page is worded by the same `Wording` as every other report: one
table per language, one mechanism, and the same check that both columns have the same fields.

In the French column a plain space before `:`, `;` or `»` and after `«` is written as it reads
(wording.py makes it a no-break space). A field holding a number is filled with `Wording.number`
or `Wording.count`, never formatted here, so that numbers follow the reader's notation.
"""

from __future__ import annotations

__all__ = ["HTML_PHRASES"]

HTML_PHRASES: dict[str, tuple[str, str]] = {
    # the page
    "html.untitled": ("numcheck report", "rapport numcheck"),
    "html.consistent": ("Consistent: all claims can be true at once.",
                        "Cohérent : toutes les affirmations peuvent être vraies à la fois."),
    "html.inconsistent": ("Inconsistent: {count}{cut}.", "Incohérent : {count}{cut}."),
    "html.unknown": ("Unknown: the solver gave up before deciding; nothing is assumed either way.",
                     "Indéterminé : le solveur a abandonné avant de conclure ; rien n’est supposé, dans un "
                     "sens ni dans l’autre."),
    "html.checked": ("{claims}, {rules}, {quantities}, from {files}.",
                     "{claims}, {rules}, {quantities}, dans {files}."),
    "html.warnings.one": ("{n} warning", "{n} avertissement"),
    "html.warnings.many": ("{n} warnings", "{n} avertissements"),
    "html.warnings.why": (": what loads but is probably not what the file meant (the verdict is not changed by it).",
                          " : ce qui se charge mais n’est sans doute pas ce que le fichier voulait dire (le verdict "
                          "n’en dépend pas)."),
    "html.first": ("What to look at first", "À regarder d’abord"),
    "html.contents": ("Contents", "Sommaire"),
    "html.conflicts": ("Conflicts", "Conflits"),
    "html.conflict": ("Conflict {n}", "Conflit {n}"),
    "html.conflict.ids": ("{conflict}: {ids}", "{conflict} : {ids}"),
    "html.more": ("and {n} more", "et {n} de plus"),
    "html.quantities": ("Quantities", "Quantités"),
    "html.other-quantities": ("Every other quantity", "Toutes les autres quantités"),
    "html.notes": ("Notes", "Notes"),
    "html.made-by": ("Made by numcheck.", "Produit par numcheck."),
    "html.rule": ("Rule {id}: {text}{why}", "Règle {id} : {text}{why}"),
    "html.in-words": ("In words: each claim with its source, quote and line in the file; the rules; how far apart",
                      "En toutes lettres : chaque affirmation avec sa source, sa citation et sa ligne dans le "
                      "fichier ; les règles ; les écarts"),
    # conflict charts
    "html.conflict-chart.title": ("Conflict {n}: {claims}, each as it reads (red) and as the others allow (green)",
                                  "Conflit {n} : {claims}, chacune telle qu’écrite (en rouge) et telle que les "
                                  "autres l’autorisent (en vert)"),
    "html.conflict-chart.legend": (
        "Red: what a claim says. Green: what the conflict's other claims, with the rules, allow for it. The gap "
        "between them is the clash. An axis zoomed on the gap cuts the bars that run off it (//); an arrow is "
        "unbounded.",
        "En rouge : ce que dit une affirmation. En vert : ce que les autres affirmations du conflit, avec les "
        "règles, autorisent pour elle. L’écart entre les deux est la contradiction. Un axe resserré sur l’écart "
        "coupe les barres qui en sortent (//) ; une flèche n’a pas de borne."),
    "html.says": ("{claim} says {said}", "{claim} dit {said}"),
    "html.says.relative": ("{claim} says {said}: {words} × {ref}", "{claim} dit {said} : {words} × {ref}"),
    "html.says.full": ("{claim} says {said}: {words} ({where})", "{claim} dit {said} : {words} ({where})"),
    "html.says.no-bar": ("{claim} says {said} ({where}); no bar of its own: it is drawn only through other quantities",
                         "{claim} dit {said} ({where}) ; pas de barre à elle : elle ne se lit qu’à travers "
                         "d’autres quantités"),
    "html.others-allow": ("the others allow {words}", "les autres autorisent {words}"),
    "html.apart": ("{words} — {gap} apart", "{words} — {gap} d’écart"),
    "html.narrowed": (" — zoomed on the gap", " — resserré sur l’écart"),
    "html.log": (" — log scale", " — échelle logarithmique"),
    # quantity charts
    "html.quantity-chart.title": ("{quantity}: each claim beside the implied range",
                                  "{quantity} : chaque affirmation à côté de la plage impliquée"),
    "html.quantity-chart.legend": (
        "Each claim’s interval by source, on an axis fitted to the claims, beside the implied range (cut, //, "
        "where it runs off the axis). Filled end: included; hollow end: open; arrow: unbounded. Red: in a conflict.",
        "L’intervalle de chaque affirmation, par source, sur un axe ajusté aux affirmations, à côté de la plage "
        "impliquée (coupée, //, là où elle sort de l’axe). Extrémité pleine : incluse ; creuse : exclue ; "
        "flèche : sans borne. En rouge : dans un conflit."),
    "html.row.claim": ("{claim}: “{value}” · {source}", "{claim} : « {value} » · {source}"),
    "html.row.claim-full": ("{claim} ({source}) says “{value}”: {words} ({where})",
                            "{claim} ({source}) dit « {value} » : {words} ({where})"),
    "html.row.relative": ("{claim}: “{value}”, through {ref}’s implied range",
                          "{claim} : « {value} », à travers la plage impliquée de {ref}"),
    "html.row.relative-words": ("{claim}: “{value}” (no bar: {ref} has no upper bound here)",
                                "{claim} : « {value} » (pas de barre : {ref} n’a pas de borne supérieure ici)"),
    "html.row.implied": ("implied range: {words}", "plage impliquée : {words}"),
    "html.row.implied-full": ("Implied by the rules and every claim outside the conflicts: {words}.",
                              "Impliqué par les règles et toutes les affirmations hors des conflits : {words}."),
    "html.no-source": ("no source", "sans source"),
    "html.implied-range": ("implied range", "plage impliquée"),
    "html.implied": ("Implied: {range}", "Impliqué : {range}"),
    "html.nothing-to-draw": ("Nothing to draw: no claim gives this quantity a bound.",
                             "Rien à tracer : aucune affirmation ne borne cette quantité."),
    "html.not-drawn": ("Not drawn, numbers too large or too small for a chart (the text gives them exactly): {ids}.",
                       "Non tracé, nombres trop grands ou trop petits pour un graphique (le texte les donne "
                       "exactement) : {ids}."),
    "html.claims-at": ("Claims: {items}.", "Affirmations : {items}."),
    # time charts
    "html.over-time": ("{name} over time{about}", "{name} dans le temps{about}"),
    "html.time.nothing": ("nothing to draw", "rien à tracer"),
    "html.time.rate": ("{id}: {value}", "{id} : {value}"),
    # the table
    "html.table.intro": ("{n} more quantities, with no claim in a conflict, a repair or tension: one row each. "
                         "Click a column's heading to sort by it.",
                         "{n} autres quantités, sans affirmation en conflit, à réparer ou en tension : une ligne "
                         "chacune. Cliquez sur l’en-tête d’une colonne pour trier selon elle."),
    "html.col.quantity": ("quantity", "quantité"),
    "html.col.unit": ("unit", "unité"),
    "html.col.min": ("implied min", "min impliqué"),
    "html.col.max": ("implied max", "max impliqué"),
    "html.col.count": ("claims", "affirmations"),
    "html.col.claims": ("what they say (file:line)", "ce qu’elles disent (fichier:ligne)"),
}
