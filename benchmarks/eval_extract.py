"""Extraction quality on the annotated set: mention precision and recall, and the share of found
mentions whose interval is exactly the annotated one, per language; then the speed on a
10,000-word article. Run: python benchmarks/eval_extract.py [--show-errors]

A found mention counts as correct when it starts where an annotated one starts and has the same
text. The seed article (../shared/corpus/) is checked too when it is present.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from fractions import Fraction
from pathlib import Path

import yaml

from numcheck.extract.mentions import extract_mentions

HERE = Path(__file__).resolve().parent
SEED = HERE.parent.parent / "shared" / "corpus" / "nk-troops-russia-2024-10.fr.txt"


def parse_interval(text: str) -> tuple[Fraction | None, Fraction | None, bool, bool]:
    m = re.fullmatch(r"([\[(])\s*([^,]+),\s*([^\])]+)([\])])", text.strip())
    assert m, text
    lo = None if m.group(2).strip() == "_" else Fraction(m.group(2).strip())
    hi = None if m.group(3).strip() == "_" else Fraction(m.group(3).strip())
    return lo, hi, m.group(1) == "(" or lo is None, m.group(4) == ")" or hi is None


def evaluate(items: list[dict], show: bool) -> dict[str, dict[str, float]]:
    stats: dict[str, dict[str, int]] = {}
    for item in items:
        lang = item["lang"]
        st = stats.setdefault(lang, {"gold": 0, "found": 0, "correct": 0, "exact": 0})
        text = item["text"]
        gold = []
        cursor = 0
        for g in item["mentions"]:  # annotated in order: each is looked for after the previous one
            start = text.find(g["text"], cursor)
            assert start >= 0, (g["text"], text)
            cursor = start + len(g["text"])
            gold.append((start, g["text"], parse_interval(g["interval"])))
        found = extract_mentions(text, lang)
        st["gold"] += len(gold)
        st["found"] += len(found)
        by_key = {(start, t): iv for start, t, iv in gold}
        for m in found:
            key = (m.start, m.text)
            got = (m.min, m.max, m.min_open or m.min is None, m.max_open or m.max is None)
            if key in by_key:
                st["correct"] += 1
                if got == by_key[key]:
                    st["exact"] += 1
                elif show:
                    print(f"[{lang}] interval {m.text!r}: got {got}, want {by_key[key]}")
            elif show:
                print(f"[{lang}] extra {m.text!r} in: {text}")
        if show:
            for start, t, _ in gold:
                if not any(m.start == start and m.text == t for m in found):
                    print(f"[{lang}] missed {t!r} in: {text}   (found: {[m.text for m in found]})")
    out = {}
    for lang, st in stats.items():
        out[lang] = {
            "mentions": st["gold"],
            "precision": st["correct"] / st["found"] if st["found"] else 1.0,
            "recall": st["correct"] / st["gold"] if st["gold"] else 1.0,
            "exact": st["exact"] / st["correct"] if st["correct"] else 1.0,
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    items = yaml.safe_load((HERE / "extract_eval.yaml").read_text(encoding="utf-8"))
    results = evaluate(items, args.show_errors)
    print(f"{'lang':<5} {'mentions':>8} {'precision':>10} {'recall':>7} {'exact':>6}")
    for lang, r in sorted(results.items()):
        print(f"{lang:<5} {r['mentions']:>8} {r['precision']:>10.3f} {r['recall']:>7.3f} {r['exact']:>6.3f}")
    article = " ".join(item["text"] for item in items)
    words = len(article.split())
    long_text = " ".join([article] * (10_000 // words + 1))
    started = time.perf_counter()
    found = extract_mentions(long_text, "auto")
    elapsed = time.perf_counter() - started
    print(f"speed: {len(long_text.split()):,} words, {len(found):,} mentions in {elapsed:.2f} s")
    if SEED.exists():
        seed = extract_mentions(SEED.read_text(encoding="utf-8"), "fr")
        print("seed article:", "; ".join(m.text for m in seed))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
