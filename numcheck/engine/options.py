"""What a check may do: limits and the solving routes it may take, validated once.

The CLI maps its flags onto these; a notebook builds them directly. Every fast route can be
switched off here, so that a test can show that each route is really taken and that the plain
route gives the same answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_CONFLICTS", "DEFAULT_MAX_REPAIRS", "DEFAULT_TIMEOUT", "OptionError", "SolveOptions"]

DEFAULT_MAX_CONFLICTS = 20
DEFAULT_MAX_REPAIRS = 5
DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 7 * 24 * 3600.0  # a week: beyond it a timeout is no limit (z3 takes milliseconds in 32 bits)


class OptionError(ValueError):
    """An option out of range; the caller turns it into its own usage error."""


@dataclass(frozen=True)
class SolveOptions:
    """Limits per independent part, and the routes a check may take.

    `lp_verdicts`: a part whose certified LP vertices satisfy every claim is consistent without a
    z3 check (the vertices are those of its ranges' certificates, so this route also needs
    `ranges` and `lp_ranges`). `lp_ranges`: ranges and "what the others allow" from certified LP
    bases; off, they come from each part's z3 optimiser. `batches`: small parts share one z3
    solver for their verdicts; off, each part has its own check. With all three off, every part
    goes through its own z3 solver and optimiser: slower, never different. Each answer records
    the route taken (`ComponentSummary.verdict_route`, `.ranges_route`). `sparse_certificates`:
    an LP basis is solved exactly by peeling it into triangular form (engine/basis_solve.py) where
    that is cheaper; off, always as one dense FLINT matrix (`ComponentSummary.ranges_solve` says
    which). `branch_and_bound`: least-weight repairs come from an exact branch and bound in Python
    (engine/hitting.py) as long as it stays within its node budget; off, every hitting set
    comes from z3's optimiser: the same repairs, in the same order. `shared_boxes`: the boxes
    of one part over the same claims (what the others allow, for each claim that clashes with
    one outlier) are proved as one LP problem over all their quantities (route
    "lp-certificate-shared"); off, each is its own problem: the same bounds. `interval_clashes`:
    a part two of whose claims bound one quantity to intervals that do not meet is inconsistent
    by exact interval arithmetic (route "interval-clash", engine/intervals.py), with no batched
    verdict, and the box LPs are tried before the elastic LP that looks for contradictions, which
    then runs only for a box LP that finds no feasible point; off, the elastic LP runs first on
    every batch: the same answers.

    `max_repairs`: the most minimum-weight repairs listed per inconsistent part (the CLI's
    `--max-repairs`); the report says when a list was cut short."""

    max_conflicts: int = DEFAULT_MAX_CONFLICTS
    timeout: float = DEFAULT_TIMEOUT
    ranges: bool = True
    lp_verdicts: bool = True
    lp_ranges: bool = True
    batches: bool = True
    sparse_certificates: bool = True
    branch_and_bound: bool = True
    shared_boxes: bool = True
    interval_clashes: bool = True
    max_repairs: int = DEFAULT_MAX_REPAIRS

    def __post_init__(self) -> None:
        for name in ("max_conflicts", "max_repairs"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise OptionError(f"{name} must be a whole number of at least 1")
        if not isinstance(self.timeout, (int, float)) or isinstance(self.timeout, bool) \
                or not math.isfinite(self.timeout) or self.timeout <= 0:
            raise OptionError("timeout must be a positive, finite number of seconds")
        if self.timeout > MAX_TIMEOUT:
            raise OptionError(f"timeout must be at most {int(MAX_TIMEOUT)} seconds (a week)")
