"""Each fast route of the engine is really taken on a file made for it, and switching it off
(through `SolveOptions`) changes the route but never the answer.

The routes are read from `report.components[i].verdict_route` / `.ranges_route` (and, for "what
the others allow", from the engine's own answers). They are diagnostics, not part of the JSON:
the JSON is the same whatever --jobs is.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numcheck
from numcheck.check import CheckOptions
from numcheck.engine import SolveOptions

PLAIN = SolveOptions(lp_verdicts=False, lp_ranges=False, batches=False, interval_clashes=False)


def _check(path: Path, **switches: Any) -> numcheck.Report:
    return numcheck.check(path, options=CheckOptions(solve=SolveOptions(**switches)))


def _routes(report: numcheck.Report) -> set[tuple[str | None, str | None]]:
    return {(c.verdict_route, c.ranges_route) for c in report.components}


def _document(quantities: Sequence[str], claims: Sequence[str], rules: Sequence[str] = ()) -> str:
    lines = ["numcheck: 1", "defaults: {precision: exact}", "quantities:",
             *(f"  {q}: {{unit: soldier}}" for q in quantities)]
    if rules:
        lines += ["rules:", *(f"  - {r}" for r in rules)]
    return "\n".join([*lines, "claims:", *(f"  - {c}" for c in claims)]) + "\n"


def _real_consistent_parts(parts: int) -> str:
    """Small real-valued parts that hold: plain bounds, a ratio relation and a strict bound
    each; what the LP-vertex and LP-certificate routes are for."""
    quantities, claims = [], []
    for p in range(parts):
        quantities += [f"a{p}", f"b{p}"]
        claims += [f"{{id: a{p}, quantity: a{p}, value: 'between {100 + p} and {200 + p}'}}",
                   f"{{id: r{p}, relation: 'b{p} <= 2 * a{p}'}}",
                   f"{{id: b{p}, quantity: b{p}, value: 'more than {50 + p}'}}"]
    return _document(quantities, claims)


def _batched_parts(parts: int) -> str:
    """Parts the LP cannot take (a `!=` relation), a part with an ordinary contradiction through
    a relation (an LP suspects it), and one contradictory only through the strictness of both
    ends (no LP sees that, so the batched solver blames it): what the batched verdicts are for.
    Neither contradiction is two bounds on one quantity, which the interval-clash route would take."""
    quantities, claims = [], []
    for p in range(parts):
        quantities += [f"x{p}", f"y{p}"]
        claims += [f"{{id: x{p}, quantity: x{p}, value: 'between 10 and 20'}}",
                   f"{{id: ne{p}, relation: 'x{p} != y{p}'}}",
                   f"{{id: y{p}, quantity: y{p}, value: 'up to 30'}}"]
    quantities += ["z", "zz", "s", "ss"]
    claims += ["{id: z-high, quantity: z, value: 'more than 300'}",
               "{id: z-low, quantity: zz, value: 'fewer than 200'}",
               "{id: z-rel, relation: 'z <= zz'}",
               "{id: s-high, quantity: s, value: 'more than 100'}",
               "{id: s-low, quantity: ss, value: 'fewer than 100'}",
               "{id: s-rel, relation: 's <= ss'}"]
    return _document(quantities, claims)


def test_consistent_real_parts_are_proved_by_lp_vertices_and_certificates(write) -> None:  # type: ignore[no-untyped-def]
    path = write("lp.yaml", _real_consistent_parts(6))
    fast = numcheck.check(path)
    assert fast.verdict == "consistent"
    assert _routes(fast) == {("lp-vertices", "lp-certificate")}
    b0 = fast.ranges["b0"]
    assert (b0.min, b0.min_open, b0.max, b0.max_open) == (50, True, 400, False)
    plain = numcheck.check(path, options=CheckOptions(solve=PLAIN))
    assert _routes(plain) == {("part-solver", "z3-proof")}
    assert plain.to_dict() == fast.to_dict()


def test_without_lp_verdicts_the_batch_decides_and_the_ranges_stay_certified(write) -> None:  # type: ignore[no-untyped-def]
    path = write("lp.yaml", _real_consistent_parts(6))
    fast = numcheck.check(path)
    report = _check(path, lp_verdicts=False)
    assert _routes(report) == {("batch", "lp-certificate")}
    assert report.to_dict() == fast.to_dict()


def test_without_lp_ranges_the_optimiser_computes_the_ranges(write) -> None:  # type: ignore[no-untyped-def]
    """The LP-vertex verdicts come from the ranges' certificates, so they go too."""
    path = write("lp.yaml", _real_consistent_parts(6))
    fast = numcheck.check(path)
    report = _check(path, lp_ranges=False)
    assert _routes(report) == {("batch", "z3-proof")}
    assert report.to_dict() == fast.to_dict()


def test_verdicts_alone_come_from_the_batch(write) -> None:  # type: ignore[no-untyped-def]
    """With no ranges asked for, one batched check is cheaper than the LP route."""
    path = write("lp.yaml", _real_consistent_parts(6))
    report = numcheck.check(path, ranges=False)
    assert _routes(report) == {("batch", None)}
    assert _check(path, ranges=False, batches=False).to_dict() == report.to_dict()
    assert _routes(_check(path, ranges=False, batches=False)) == {("part-solver", None)}


def test_parts_the_lp_cannot_take_and_contradictions_get_batched_verdicts(write) -> None:  # type: ignore[no-untyped-def]
    path = write("batch.yaml", _batched_parts(5))
    fast = numcheck.check(path)
    assert fast.verdict == "inconsistent"
    assert {tuple(sorted(c.claims)) for c in fast.conflicts} == {("z-high", "z-low", "z-rel"),
                                                                   ("s-high", "s-low", "s-rel")}
    by_part = {c.quantities: c for c in fast.components}
    assert all(by_part[(f"x{p}", f"y{p}")].verdict_route == "batch" for p in range(5))
    assert by_part[("s", "ss")].verdict_route == "batch"  # blamed by the batched solver
    assert by_part[("z", "zz")].verdict_route == "part-solver"  # an LP suspect is left to its own solver
    plain = _check(path, batches=False)
    assert {c.verdict_route for c in plain.components} == {"part-solver"}
    assert plain.to_dict() == fast.to_dict()
    assert numcheck.check(path, options=CheckOptions(solve=PLAIN)).to_dict() == fast.to_dict()


def _clashing_parts(parts: int, through_relation: bool) -> str:
    """Consistent real parts, and a contradiction in one part in three: two sources on one
    figure, or (`through_relation`) two figures held apart by a relation, which no interval of
    one quantity shows."""
    quantities, claims = [], []
    for p in range(parts):
        quantities += [f"a{p}", f"b{p}"]
        claims += [f"{{id: a{p}, quantity: a{p}, value: 'between {100 + p} and {200 + p}'}}",
                   f"{{id: r{p}, relation: 'b{p} <= 2 * a{p}'}}"]
        if p % 3:
            claims.append(f"{{id: b{p}, quantity: b{p}, value: 'more than {50 + p}'}}")
        elif through_relation:
            claims.append(f"{{id: b{p}, quantity: b{p}, value: 'more than {500 + p}'}}")
        else:
            claims += [f"{{id: b{p}, quantity: b{p}, value: 'more than {50 + p}'}}",
                       f"{{id: b{p}-low, quantity: b{p}, value: 'fewer than {40 + p}'}}"]
    return _document(quantities, claims)


def _elastic_lps(monkeypatch, path: Path, **switches: Any) -> tuple[numcheck.Report, int]:  # type: ignore[no-untyped-def]
    """The report, and how many times the elastic LP that looks for contradictions was solved."""
    from numcheck.engine import lp

    calls = []
    real = lp.suspects

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(lp, "suspects", counted)
        return _check(path, **switches), len(calls)


def test_two_sources_on_one_figure_clash_without_any_lp(write, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A part two of whose claims bound one quantity to intervals that do not meet is
    inconsistent by interval arithmetic; with those parts out, the box LP of the others is
    feasible, and the elastic LP that looks for contradictions is never solved. Switched off,
    the elastic LP runs first and the part's own solver decides: the same report."""
    path = write("clash.yaml", _clashing_parts(9, through_relation=False))
    fast, elastic = _elastic_lps(monkeypatch, path)
    assert fast.verdict == "inconsistent"
    assert {c.claims for c in fast.conflicts} == {(f"b{p}", f"b{p}-low") for p in (0, 3, 6)}
    by_part = {c.quantities: c.verdict_route for c in fast.components}
    assert by_part == {(f"a{p}", f"b{p}"): "lp-vertices" if p % 3 else "interval-clash" for p in range(9)}
    assert elastic == 0
    plain, elastic = _elastic_lps(monkeypatch, path, interval_clashes=False)
    assert elastic >= 1
    assert {c.verdict_route for c in plain.components if c.verdict == "inconsistent"} == {"part-solver"}
    assert plain.to_dict() == fast.to_dict()


def test_a_box_lp_with_no_feasible_point_calls_for_the_elastic_lp(write, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A contradiction no interval shows makes the box LP infeasible: the elastic LP then finds
    the parts to leave out, and the others are still proved by their vertices."""
    path = write("relation.yaml", _clashing_parts(9, through_relation=True))
    fast, elastic = _elastic_lps(monkeypatch, path)
    assert {c.claims for c in fast.conflicts} == {(f"a{p}", f"r{p}", f"b{p}") for p in (0, 3, 6)}
    by_part = {c.quantities: c.verdict_route for c in fast.components}
    assert by_part == {(f"a{p}", f"b{p}"): "lp-vertices" if p % 3 else "part-solver" for p in range(9)}
    assert elastic == 1
    assert _check(path, interval_clashes=False).to_dict() == fast.to_dict()
    assert numcheck.check(path, options=CheckOptions(solve=PLAIN)).to_dict() == fast.to_dict()


def test_quantities_nothing_speaks_of_need_no_solver(write) -> None:  # type: ignore[no-untyped-def]
    path = write("lonely.yaml", _document(["a", "lonely"], ["{id: a, quantity: a, value: 'up to 5'}"]))
    report = numcheck.check(path)
    by_part = {c.quantities: c for c in report.components}
    assert (by_part[("lonely",)].verdict_route, by_part[("lonely",)].ranges_route) == ("no-constraints",
                                                                                     "no-constraints")
    assert numcheck.check(path, options=CheckOptions(solve=PLAIN)).to_dict() == report.to_dict()


def _allowed_routes(path: Path, options: SolveOptions) -> set[str]:
    """The routes of "what the others allow", from the engine's answers for the file's parts."""
    from numcheck.engine import find_parts, problem_of, solve_batch

    model = numcheck.load(path)
    problems = [problem_of(model, k, part, options) for k, part in enumerate(find_parts(model))]
    return {route for answer in solve_batch(problems) for route in answer.allowed_routes.values()}


def test_what_the_others_allow_takes_the_shortcut_or_the_lp(write) -> None:  # type: ignore[no-untyped-def]
    """Two sources on one figure: the exact intersection of their bounds. Through a rule: an LP
    certificate, or with `lp_ranges` off the optimiser, with the same distances."""
    two = write("two.yaml", _document(["x"], ["{id: low, quantity: x, value: 'up to 3000'}",
                                             "{id: high, quantity: x, value: 'more than 15000'}"]))
    assert _allowed_routes(two, SolveOptions()) == {"interval-shortcut"}
    ruled = write("ruled.yaml", _document(["k", "w", "c"], ["{id: k, quantity: k, value: 'more than 100'}",
                                                           "{id: w, quantity: w, value: 'more than 100'}",
                                                           "{id: c, quantity: c, value: 'fewer than 150'}"],
                                          rules=["k + w <= c"]))
    # each claim's box over the other two is also what dropping it leaves: proved once for both
    assert _allowed_routes(ruled, SolveOptions()) == {"lp-certificate-shared"}
    assert _allowed_routes(ruled, SolveOptions(shared_boxes=False)) == {"lp-certificate"}
    assert _allowed_routes(ruled, SolveOptions(lp_ranges=False)) == {"z3-proof"}
    fast = numcheck.check(ruled)
    assert [d.gap for d in fast.conflicts[0].distances] == [50, 50, 50]  # k, w < 50; c > 200
    assert _check(ruled, lp_ranges=False).to_dict() == fast.to_dict()


def test_routes_stay_out_of_the_json_which_is_the_same_whatever_jobs_is(write) -> None:  # type: ignore[no-untyped-def]
    mixed = write("both.yaml", _mixed(30, 20))
    one, two = numcheck.check(mixed, jobs=1), numcheck.check(mixed, jobs=2)
    assert one.to_dict() == two.to_dict()
    assert _routes(one) >= {("lp-vertices", "lp-certificate"), ("batch", "lp-certificate")}
    assert [(c.verdict_route, c.ranges_route) for c in one.components] == \
        [(c.verdict_route, c.ranges_route) for c in two.components]
    assert all("route" not in key for c in one.to_dict()["components"] for key in c)


def _mixed(lp_parts: int, batched_parts: int) -> str:
    """Both kinds of parts in one file, interleaved by the order of their quantities."""
    lp, batched = _real_consistent_parts(lp_parts), _batched_parts(batched_parts)

    def section(text: str, name: str) -> list[str]:
        lines = text.splitlines()
        start = lines.index(f"{name}:") + 1
        end = next((i for i in range(start, len(lines)) if not lines[i].startswith(" ")), len(lines))
        return lines[start:end]

    return "\n".join(["numcheck: 1", "defaults: {precision: exact}", "quantities:",
                      *section(lp, "quantities"), *section(batched, "quantities"),
                      "claims:", *section(lp, "claims"), *section(batched, "claims")]) + "\n"


def test_boxes_over_the_same_claims_share_one_lp_problem(write) -> None:  # type: ignore[no-untyped-def]
    """Two claims clash with one outlier through a rule: what the others allow for each of them
    is a box over the outlier alone, proved once for both; switched off, each has its own LP
    problem, with the same bounds."""
    path = write("outlier.yaml", _document(["x", "y", "t"], ["{id: a, quantity: x, value: 'more than 100'}",
                                                            "{id: b, quantity: y, value: 'more than 100'}",
                                                            "{id: o, quantity: t, value: 'fewer than 50'}"],
                                           rules=["x + y <= t"]))
    assert "lp-certificate-shared" in _allowed_routes(path, SolveOptions())
    assert _allowed_routes(path, SolveOptions(shared_boxes=False)) == {"lp-certificate"}
    fast = numcheck.check(path)
    assert {c.claims for c in fast.conflicts} == {("a", "o"), ("b", "o")}
    assert _check(path, shared_boxes=False).to_dict() == fast.to_dict()
