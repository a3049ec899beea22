"""Extraction quality on hand-annotated text: precision, recall and interval exactness, per language
and per phrase family. Then the speed on a 10,000-word text.

    python benchmarks/eval_extract.py              # the working set (real news, extract_eval.yaml)
    python benchmarks/eval_extract.py --heldout    # the held-out third (extract_eval_heldout.yaml)
    python benchmarks/eval_extract.py --own        # the project's own-words set (extract_eval_own.yaml)
    python benchmarks/eval_extract.py --summary    # working + held-out, one markdown table for the README
    add --show-errors to list every miss, extra and wrong interval

A found mention is correct when it starts where an annotated figure starts and has its text (for a
relative phrase, annotated up to its connective, when it starts with that text). "exact" is the
share of correct mentions whose interval is the annotated one. Per family: a correct mention counts
for its annotated family; a found mention that matches nothing counts against the family of the
annotated figure or trap (a date, a year range, a phone number…) it overlaps, else against "other".
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from numcheck.extract.mentions import Mention, extract_mentions

HERE = Path(__file__).resolve().parent
SETS = {"working": "extract_eval.yaml", "heldout": "extract_eval_heldout.yaml", "own": "extract_eval_own.yaml"}
Interval = tuple[Fraction | None, Fraction | None, bool, bool]


def parse_interval(text: str) -> Interval:
    """'[a, b]', '(a, _)' … as (lo, hi, lo_open, hi_open); an unbounded side counts as open."""
    m = re.fullmatch(r"([\[(])\s*([^,]+),\s*([^\])]+)([\])])", text.strip())
    assert m, text
    lo = None if m.group(2).strip() == "_" else Fraction(m.group(2).strip())
    hi = None if m.group(3).strip() == "_" else Fraction(m.group(3).strip())
    return lo, hi, m.group(1) == "(" or lo is None, m.group(4) == ")" or hi is None


@dataclass(frozen=True)
class Gold:
    """An annotated figure (or, with interval None, a trap: something that is no figure)."""

    start: int
    end: int
    text: str
    family: str
    interval: Interval | None


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    correct: int = 0
    exact: int = 0
    traps: int = 0  # things that are no figure, annotated so that a mention on them counts against

    def row(self) -> dict[str, float]:
        return {"figures": self.gold, "traps": self.traps, "found": self.found,
                "precision": self.correct / self.found if self.found else 1.0,
                "recall": self.correct / self.gold if self.gold else 1.0,
                "exact": self.exact / self.correct if self.correct else 1.0}


@dataclass
class Scores:
    by_lang: dict[str, Tally] = field(default_factory=dict)
    by_family: dict[tuple[str, str], Tally] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def lang(self, lang: str) -> Tally:
        return self.by_lang.setdefault(lang, Tally())

    def family(self, lang: str, family: str) -> Tally:
        return self.by_family.setdefault((lang, family), Tally())


def _annotations(item: dict[str, Any]) -> tuple[list[Gold], list[Gold]]:
    """The annotated figures of an item, in order (each looked for after the previous one), and its traps."""
    text, golds, cursor = item["text"], [], 0
    for g in item["mentions"]:
        start = text.find(g["text"], cursor)
        assert start >= 0, (g["text"], text)
        cursor = start + len(g["text"])
        golds.append(Gold(start, cursor, g["text"], g.get("family", "unlabelled"), parse_interval(g["interval"])))
    traps = []
    for t in item.get("traps", []):
        start = text.find(t["text"])
        assert start >= 0, (t["text"], text)
        traps.append(Gold(start, start + len(t["text"]), t["text"], "not:" + t["family"], None))
    return golds, traps


def _matches(m: Mention, g: Gold) -> bool:
    if m.start != g.start:
        return False
    return m.text == g.text or (g.family == "relative" and m.text.startswith(g.text))


def _interval(m: Mention) -> Interval:
    return m.min, m.max, m.min_open or m.min is None, m.max_open or m.max is None


def score_item(item: dict[str, Any], scores: Scores) -> None:
    """Add one annotated item's found, correct and exact mentions to the tallies."""
    lang = item["lang"]
    golds, traps = _annotations(item)
    found = extract_mentions(item["text"], lang)
    for g in golds:
        scores.lang(lang).gold += 1
        scores.family(lang, g.family).gold += 1
    for t in traps:
        scores.lang(lang).traps += 1
        scores.family(lang, t.family).traps += 1
    for m in found:
        scores.lang(lang).found += 1
        gold = next((g for g in golds if _matches(m, g)), None)
        if gold is None:
            blame = next((g for g in golds + traps if m.start < g.end and g.start < m.end), None)
            family = blame.family if blame else "other"
            scores.family(lang, family).found += 1
            scores.errors.append(f"[{lang}] extra {m.text!r} ({family}) in: {item['text']}")
            continue
        scores.family(lang, gold.family).found += 1
        for tally in (scores.lang(lang), scores.family(lang, gold.family)):
            tally.correct += 1
            tally.exact += _interval(m) == gold.interval
        if _interval(m) != gold.interval:
            scores.errors.append(f"[{lang}] interval {m.text!r} ({gold.family}): got {_show(_interval(m))}, "
                                 f"want {_show(gold.interval)} in: {item['text']}")
    for g in golds:
        if not any(_matches(m, g) for m in found):
            scores.errors.append(f"[{lang}] missed {g.text!r} ({g.family}) in: {item['text']}   "
                                 f"(found: {[m.text for m in found]})")


def _show(iv: Interval | None) -> str:
    if iv is None:
        return "-"
    lo, hi, lo_open, hi_open = iv
    return f"{'(' if lo_open else '['}{'_' if lo is None else lo}, {'_' if hi is None else hi}{')' if hi_open else ']'}"


def evaluate(items: list[dict[str, Any]]) -> Scores:
    scores = Scores()
    for item in items:
        score_item(item, scores)
    return scores


def _print_table(title: str, rows: list[tuple[str, dict[str, float]]]) -> None:
    print(f"\n{title}")
    print(f"{'':<24} {'figures':>7} {'traps':>5} {'found':>6} {'precision':>9} {'recall':>7} {'exact':>6}")
    for name, r in rows:
        print(f"{name:<24} {r['figures']:>7} {r['traps']:>5} {r['found']:>6} {r['precision']:>9.3f} "
              f"{r['recall']:>7.3f} {r['exact']:>6.3f}")


def report(scores: Scores, which: str) -> None:
    _print_table(f"{which} set, per language", [(lang, t.row()) for lang, t in sorted(scores.by_lang.items())])
    for lang in sorted(scores.by_lang):
        rows = [(fam, t.row()) for (lg, fam), t in sorted(scores.by_family.items()) if lg == lang]
        _print_table(f"{which} set, {lang}, per family (not:… = things that are no figure)", rows)


# the README's compact table: the phrase families grouped, the traps last
GROUPS = [("numbers and number words", ("bare", "words", "compound")),
          ("percentages and money", ("percent", "money")),
          ("hedges and comparatives", ("hedge", "comparative", "estimated", "elision")),
          ("ranges, vague and approximate amounts", ("range", "vague", "approx")),
          ("relative phrases, ratios", ("relative",))]


def _grouped(scores: Scores, lang: str, families: tuple[str, ...]) -> Tally:
    total = Tally()
    for (lg, fam), t in scores.by_family.items():
        if lg == lang and fam in families:
            for name in ("gold", "found", "correct", "exact", "traps"):
                setattr(total, name, getattr(total, name) + getattr(t, name))
    return total


def _cell(t: Tally) -> str:
    r = t.row()
    return f"{t.gold} | {r['precision']:.3f} / {r['recall']:.3f}" if t.gold else "— | —"


def summary(scores: Scores, langs: list[str]) -> None:
    """A markdown table of seven rows: per language, then per group of families, then what is no
    figure (the traps, and the mentions wrongly found on them or on nothing annotated)."""
    head = " | ".join(f"{lang}: figures | {lang}: precision / recall" for lang in langs)
    print(f"| family | {head} |\n|---|" + "---:|---|" * len(langs))
    print("| **all figures** | " + " | ".join(_cell(scores.lang(lang)) for lang in langs) + " |")
    for name, families in GROUPS:
        print(f"| {name} | " + " | ".join(_cell(_grouped(scores, lang, families)) for lang in langs) + " |")
    traps = []
    for lang in langs:
        wrong = sum(t.found for (lg, fam), t in scores.by_family.items() if lg == lang and fam.startswith("not:"))
        wrong += sum(t.found for (lg, fam), t in scores.by_family.items() if lg == lang and fam == "other")
        traps.append(f"{scores.lang(lang).traps} traps | {wrong} wrongly found")
    print("| no figure (dates, years, names, …) | " + " | ".join(traps) + " |")
    exact = min(t.row()["exact"] for t in scores.by_lang.values())
    print(f"\nIntervals: {exact:.3f} of the correct mentions have the annotated interval, in the worst language.")


def speed(items: list[dict[str, Any]]) -> None:
    article = " ".join(item["text"] for item in items)
    long_text = " ".join([article] * (10_000 // max(1, len(article.split())) + 1))
    started = time.perf_counter()
    found = extract_mentions(long_text, "auto")
    elapsed = time.perf_counter() - started
    print(f"\nspeed: {len(long_text.split()):,} words, {len(found):,} mentions in {elapsed:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--heldout", action="store_true", help="score the held-out third")
    group.add_argument("--own", action="store_true", help="score the project's own-words set")
    group.add_argument("--summary", action="store_true",
                       help="the working and held-out sets together, as one markdown table for the README")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    which = "heldout" if args.heldout else "own" if args.own else "working"
    names = [SETS["working"], SETS["heldout"]] if args.summary else [SETS[which]]
    items = [item for name in names for item in yaml.safe_load((HERE / name).read_text(encoding="utf-8"))]
    scores = evaluate(items)
    if args.show_errors:
        print("\n".join(scores.errors))
    if args.summary:
        summary(scores, sorted(scores.by_lang))
        return
    report(scores, which)
    if not args.no_speed:
        speed(items)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
