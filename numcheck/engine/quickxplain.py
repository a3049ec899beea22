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


def quick_explain(holds: Callable[[list[int]], bool], candidates: Sequence[int],
                  hint: Sequence[int] | None = None,
                  needed_of: Callable[[list[int]], list[int]] | None = None) -> list[int]:
    """The preferred minimal subset of `candidates` for which `holds` is False, in their order.

    `holds(subset)` says whether a subset can be true together; it must be False for the whole
    list and monotone (a subset of a set that holds holds too). A list whose empty subset already
    clashes gives [].

    `hint`, a clashing subset (an unsat core), makes the common case cheap. A candidate without
    which the rest of the list holds is in every clashing subset, so in the hint; when those
    needed candidates clash by themselves, they are the only minimal subset, and so the answer,
    found with one question per member of the hint, and one more unless every member is
    needed (the hint clashes, so it need not be asked). The answer is the same with any hint or
    none: the hint only says where to look (a chain of k rules costs k + 1 questions instead of
    about 2k + k·log(n/k)). `needed_of(members)`, when given, answers the hint's questions
    itself: the members (in order) without which the rest of the list holds, as `holds` would
    say (a caller may ask them more cheaply all together)."""
    if not holds([]):
        return []
    order = list(candidates)
    if hint:
        hinted = set(hint)
        members = [c for c in order if c in hinted]
        needed = (needed_of(members) if needed_of is not None
                  else [c for c in members if holds([d for d in order if d != c])])
        if needed and (len(needed) == len(hinted) or not holds(needed)):  # the whole hint clashes: no question
            return needed
    return _explain(holds, [], order, False)


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
