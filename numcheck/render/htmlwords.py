"""Every English phrase the HTML report writes itself, in one table, so that the page can be
translated by giving another table with the same keys.

The sentences shared with the text and Markdown reports (a claim, what the others allow, a
range) come from sentences.py; these are the page's own: headings, captions, the charts' labels
and the table's columns. Placeholders are `str.format` fields.
"""

from __future__ import annotations

__all__ = ["WORDS"]

WORDS: dict[str, str] = {
    # page
    "untitled": "numcheck report",
    "consistent": "Consistent: all claims can be true at once.",
    "inconsistent": "Inconsistent: {n} minimal conflict{s}{cut}.",
    "cut short": " (list cut short)",
    "unknown": "Unknown: the solver gave up before deciding; nothing is assumed either way.",
    "checked": "{claims} claims, {rules} rules, {quantities} quantities, from {files}.",
    "warnings": "{n} warning{s}",
    "warnings why": ": what loads but is probably not what the file meant (the verdict is not changed by it).",
    "first": "What to look at first",
    "contents": "Contents",
    "conflicts": "Conflicts",
    "conflict": "Conflict {n}",
    "and more": "and {n:,} more",
    "quantities": "Quantities",
    "other quantities": "Every other quantity",
    "notes": "Notes",
    "made by": "Made by numcheck.",
    "rule": "Rule",
    "in words": "In words: each claim with its source, quote and line in the file; the rules; how far apart",
    "where": "in {where}",
    # conflict charts
    "conflict chart title": "Conflict {n}: {claims}, each as it reads (red) and as the others allow (green)",
    "conflict legend": "Red: what a claim says. Green: what the conflict's other claims, with the rules, allow "
                       "for it. The gap between them is the clash. An axis zoomed on the gap cuts the bars that "
                       "run off it (//); an arrow is unbounded.",
    "says": "{claim} says {said}",
    "says relative": "{claim} says {said}: {words} × {ref}",
    "says in full": "{claim} says {said}: {words} ({where})",
    "says, no bar": "{claim} says {said} ({where}); no bar of its own: it is drawn only through other quantities",
    "others allow": "the others allow {words}",
    "apart": "{words} — {gap} apart",
    "narrowed": " — zoomed on the gap",
    "log": " — log scale",
    # quantity charts
    "quantity chart title": "{quantity}: each claim beside the implied range",
    "quantity legend": "Each claim’s interval by source, on an axis fitted to the claims, beside the implied range "
                       "(cut, //, where it runs off the axis). Filled end: included; hollow end: open; arrow: "
                       "unbounded. Red: in a conflict.",
    "claim row": "{claim}: “{value}” · {source}",
    "claim row full": "{claim} ({source}) says “{value}”: {words} ({where})",
    "relative row": "{claim}: “{value}”, through {ref}’s implied range",
    "relative words": "{claim}: “{value}” (no bar: {ref} has no upper bound here)",
    "implied row": "implied range: {words}",
    "implied row full": "Implied by the rules and every claim outside the conflicts: {words}.",
    "implied": "Implied: {range}",
    "nothing to draw": "Nothing to draw: no claim gives this quantity a bound.",
    "not drawn": "Not drawn, numbers too large or too small for a chart (the text gives them exactly): {ids}.",
    "claims at": "Claims: {items}.",
    # the table
    "table intro": "{n:,} more quantities, with no claim in a conflict, a repair or tension: one row each. "
                   "Click a column's heading to sort by it.",
    "col quantity": "quantity",
    "col unit": "unit",
    "col min": "implied min",
    "col max": "implied max",
    "col count": "claims",
    "col claims": "what they say (file:line)",
}
