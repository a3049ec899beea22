"""QuickXplain (Junker, 2004): the preferred minimal subset of an ordered list that clashes.

Why it is here: a minimal conflict can be shrunk from z3's unsat cores quickly, but cores depend
on what z3 has solved before in the process, so two runs of the same file could name different
(equally minimal) sets. QuickXplain asks only yes/no questions, whose answers are exact, about
sets built in the list's order, so the set it returns depends on the order alone: the one whose
latest member is earliest, and so on. It asks about k·log(n/k) questions for k members out of n.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["quick_explain"]


def quick_explain(holds: Callable[[list[int]], bool], candidates: Sequence[int]) -> list[int]:
    """The preferred minimal subset of `candidates` for which `holds` is False, in their order.

    `holds(subset)` says whether a subset can be true together; it must be False for the whole
    list and monotone (a subset of a set that holds holds too). A list whose empty subset already
    clashes gives []."""
    if not holds([]):
        return []
    return _explain(holds, [], list(candidates), False)


def _explain(holds: Callable[[list[int]], bool], kept: list[int], candidates: list[int],
             grown: bool) -> list[int]:
    """The preferred minimal subset of `candidates` that clashes with `kept` (`grown`: `kept`
    changed since the caller last asked, so it may clash alone)."""
    if grown and not holds(kept):
        return []
    if len(candidates) <= 1:
        return candidates
    half = len(candidates) // 2
    first, second = candidates[:half], candidates[half:]
    later = _explain(holds, kept + first, second, True)
    earlier = _explain(holds, kept + later, first, bool(later))
    return earlier + later
