"""The sparse exact solve of LP bases (engine/basis_solve.py): taken on a dated series, and the
same answers as the dense FLINT solve on every basis, cycles included.

A certificate is a proof, so the sparse route may only ever be faster: the laws here compare it
with the dense solve coefficient by coefficient (vertex and multipliers), bound by bound (what
`ExactRows.optima` proves from a basis, checked against z3), and report by report.
"""

from __future__ import annotations

import datetime as dt
import random
from fractions import Fraction
from pathlib import Path
from unittest import mock

import flint
import pytest
import z3
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import numcheck
from numcheck.check import CheckOptions
from numcheck.engine import ExactRows, Optimum, Request, SolveOptions, basis_solve
from numcheck.model import Atom, Linear

F = Fraction
DENSE = CheckOptions(solve=SolveOptions(sparse_certificates=False))


def _series(n: int, *, seed: int = 5, pushed: bool = False) -> str:
    """n dated claims on one cumulative toll (one chain of "never falls" rules), drawn from a
    true rising toll; `pushed` puts the claim after the middle one below it."""
    rnd = random.Random(seed)
    day, value, pinned, claims = dt.date(2022, 3, 1), 100, 0, []
    for i in range(n):
        day += dt.timedelta(days=rnd.randint(1, 4))
        value += rnd.randint(0, 300)
        low, high = max(0, value - rnd.randint(0, 400)), value + rnd.randint(0, 400)
        text = rnd.choice([f"at least {low}", f"at most {high}", f"between {low} and {high}", str(value)])
        if pushed and i == n // 2:
            text, pinned = str(value), value
        if pushed and i == n // 2 + 1:
            text = f"at most {pinned - 1}"
        claims.append(f"  - {{id: c{i}, quantity: toll, value: '{text}', as_of: {day.isoformat()}}}")
    return "\n".join(["numcheck: 1", "defaults: {precision: exact}", "quantities:",
                      "  toll: {unit: soldier, over_time: cumulative}", "claims:", *claims]) + "\n"


def _solves(report: numcheck.Report) -> set[tuple[str | None, str | None]]:
    return {(c.ranges_route, c.ranges_solve) for c in report.components}


def test_a_dated_series_is_certified_by_the_sparse_solve(write) -> None:  # type: ignore[no-untyped-def]
    """A chain's bases basis_solve.peel into triangular form, so no dense matrix is built; switched off, the
    dense solve gives the same report."""
    path = write("series.yaml", _series(80))
    sparse = numcheck.check(path)
    assert sparse.verdict == "consistent" and len(sparse.ranges) == 80
    assert _solves(sparse) == {("lp-certificate", "sparse")}
    dense = numcheck.check(path, options=DENSE)
    assert _solves(dense) == {("lp-certificate", "dense")}
    assert dense.to_dict() == sparse.to_dict()


def test_a_pushed_series_gets_the_same_conflict_and_ranges_either_way(write) -> None:  # type: ignore[no-untyped-def]
    path = write("pushed.yaml", _series(60, pushed=True))
    sparse = numcheck.check(path)
    assert sparse.verdict == "inconsistent" and sparse.conflicts
    assert "sparse" in {c.ranges_solve for c in sparse.components}
    assert numcheck.check(path, options=DENSE).to_dict() == sparse.to_dict()


@pytest.mark.parametrize("sparse", [True, False])
def test_a_wrong_basis_is_never_certified(sparse: bool) -> None:
    """The certificate, not the LP, decides: with x <= 5 and y < x, the basis "x at 0" is
    refused for max x, the basis "x <= 5 tight" is proved (closed), for max y the strict row
    makes the end open, and a strict row tight with a zero multiplier is not guessed at."""
    rows = [Atom(Linear.of({"x": F(1)}, F(-5)), "<="), Atom(Linear.of({"y": F(1), "x": F(-1)}), "<")]

    def optima(requests: list[Request], basis: tuple[tuple[int, ...], tuple[int, ...]]) -> list[Optimum | None]:
        exact = ExactRows(["x", "y"], rows)
        system = exact.system(basis, sparse=sparse)
        assert system is not None and system.kind == ("sparse" if sparse else "dense")
        return exact.optima(requests, system)

    assert optima([Request("x", "max")], ((), (0, 1))) == [None]  # the origin is no maximum
    assert optima([Request("x", "max"), Request("x", "min")], ((0,), (1,))) == [Optimum(F(5), False), None]
    assert optima([Request("y", "max")], ((0, 1), ())) == [Optimum(F(5), True)]  # y < x <= 5: open at 5
    # at the origin y < x is tight by chance (zero multiplier): open or closed is left to z3
    # (min x = 0 is open, as y >= 0 forces x > 0; min y = 0 is closed)
    assert optima([Request("x", "min"), Request("y", "min")], ((), (0, 1))) == [Optimum(F(0), None)] * 2


def test_a_singular_basis_is_no_vertex() -> None:
    """x - y <= 0 and y - x <= 0 both tight hold no vertex: refused by its pattern or by FLINT."""
    rows = [Atom(Linear.of({"x": F(1), "y": F(-1)}), "<="), Atom(Linear.of({"y": F(1), "x": F(-1)}), "<=")]
    for sparse in (True, False):
        exact = ExactRows(["x", "y"], rows)
        system = exact.system(((0, 1), ()), sparse=sparse)
        assert system is None or exact.optima([Request("x", "min")], system) == [None]
    assert basis_solve.peel([{0: flint.fmpq(1)}, {0: flint.fmpq(2)}], 2) is None  # column 1 in no row
    cycle = [{0: flint.fmpq(1), 1: flint.fmpq(-1)}, {0: flint.fmpq(-1), 1: flint.fmpq(1)}]
    peeled = basis_solve.peel(cycle, 2)
    assert peeled is not None and basis_solve.SparseSolver(cycle, peeled).vertex([flint.fmpq(0)] * 2) is None


# -- the law on drawn bases: the sparse solve is the dense solve, exactly

_COEF = st.sampled_from([1, -1, 2, -3, 5]).map(flint.fmpq)


@st.composite
def _square(draw: st.DrawFn) -> tuple[int, list[basis_solve.Row]]:
    """A sparse n×n pattern: mostly rows of one or two unknowns (bounds and chain links), some of
    three. Usually each row holds its own column of a drawn permutation (so no row or column is
    empty and the pattern may be regular), sometimes not; so cycles, peelable chains (from the
    front, from the back, or both around a kernel) and singular patterns all come up."""
    n = draw(st.integers(1, 8))
    diagonal = draw(st.permutations(range(n))) if draw(st.integers(0, 4)) else None
    rows: list[basis_solve.Row] = []
    for i in range(n):
        cols = draw(st.lists(st.integers(0, n - 1), min_size=0 if diagonal else 1, max_size=min(2, n), unique=True))
        if diagonal is not None:
            cols = [diagonal[i], *(c for c in cols if c != diagonal[i])]
        rows.append({c: draw(_COEF) for c in cols})
    return n, rows


def _vector(n: int) -> st.SearchStrategy[list[flint.fmpq]]:
    return st.lists(st.integers(-20, 20).map(flint.fmpq), min_size=n, max_size=n)


@given(_square(), st.data())
@example((3, [{0: flint.fmpq(1), 1: flint.fmpq(1)}, {1: flint.fmpq(1), 2: flint.fmpq(1)},
              {0: flint.fmpq(1), 2: flint.fmpq(1)}]), None)  # a cycle: all kernel
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_sparse_and_dense_solves_agree_on_every_basis(square: tuple[int, list[basis_solve.Row]], data: st.DataObject | None) -> None:
    n, rows = square
    rhs = data.draw(_vector(n)) if data else [flint.fmpq(k) for k in range(n)]
    costs = data.draw(st.lists(st.dictionaries(st.integers(0, n - 1), _COEF, min_size=1, max_size=2),
                               min_size=1, max_size=3)) if data else [{0: flint.fmpq(1)}, {2: flint.fmpq(-1)}]
    dense = basis_solve.DenseSolver(rows, n)
    peeled = basis_solve.peel(rows, n)
    if peeled is None:  # singular by its pattern: FLINT finds it singular too
        assert dense.vertex(rhs) is None
        return
    sparse = basis_solve.SparseSolver(rows, peeled)  # forced, whatever the kernel's share
    assert sparse.vertex(rhs) == dense.vertex(rhs)
    assert sparse.duals(costs) == dense.duals(costs)
    chosen = basis_solve.solver_for(rows, n, sparse=True)
    assert chosen is not None and chosen.vertex(rhs) == dense.vertex(rhs)


# -- the law on drawn constraint sets and bases: the same bounds proved, and each one right

@st.composite
def _problem(draw: st.DrawFn) -> tuple[list[str], list[Atom], tuple[tuple[int, ...], tuple[int, ...]]]:
    n = draw(st.integers(1, 5))
    names = [f"x{i}" for i in range(n)]
    atoms = []
    for _ in range(draw(st.integers(1, 7))):
        cols = draw(st.lists(st.sampled_from(names), min_size=1, max_size=min(3, n), unique=True))
        terms = {c: F(draw(st.sampled_from([1, -1, 2, -2, 3]))) for c in cols}
        atoms.append(Atom(Linear.of(terms, F(draw(st.integers(-12, 12)))), draw(st.sampled_from(["<=", "<", "=="]))))
    basis_rows = draw(st.lists(st.integers(0, len(atoms) - 1), max_size=n, unique=True))
    at_zero = draw(st.lists(st.integers(0, n - 1), min_size=n - len(basis_rows), max_size=n - len(basis_rows),
                            unique=True))
    return names, atoms, (tuple(sorted(basis_rows)), tuple(sorted(at_zero)))


def _holds(names: list[str], atoms: list[Atom], extra: z3.BoolRef) -> bool:
    """Whether some point of the closure (strict rows read `<=`, every quantity >= 0) meets `extra`."""
    xs = {name: z3.Real(name) for name in names}
    solver = z3.Solver()
    solver.add(*(x >= 0 for x in xs.values()), extra)
    for atom in atoms:
        lhs = z3.Sum([z3.RealVal(str(c)) * xs[name] for name, c in atom.expr.terms]) + z3.RealVal(str(atom.expr.const))
        solver.add(lhs == 0 if atom.op == "==" else lhs <= 0)
    return solver.check() == z3.sat


@given(_problem())
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_sparse_and_dense_certificates_prove_the_same_right_bounds(
        problem: tuple[list[str], list[Atom], tuple[tuple[int, ...], tuple[int, ...]]]) -> None:
    names, atoms, basis = problem
    requests = [Request(name, sense) for name in names for sense in ("min", "max")]
    found = []
    for sparse in (True, False):
        exact = ExactRows(names, atoms)
        with mock.patch.object(basis_solve, "KERNEL_SHARE", 1.0):  # sparse whatever the kernel
            system = exact.system(basis, sparse=sparse)
        found.append((None if system is None else exact.optima(requests, system), exact.consistent()))
    assert found[0] == found[1] or (found[0][0] is None and found[1][0] == [None] * len(requests))
    for request, optimum in zip(requests, found[1][0] or []):
        if optimum is None:
            continue
        x, v = z3.Real(request.name), z3.RealVal(str(optimum.value))
        assert _holds(names, atoms, x == v)  # reached in the closure
        assert not _holds(names, atoms, x < v if request.sense == "min" else x > v)  # nothing beyond


# -- the law on drawn files: the whole report is the same with the sparse solve switched off

@st.composite
def _file(draw: st.DrawFn) -> str:
    """A chain of "never falls" rules with bounds along it, and sometimes a sum across it (a cycle)."""
    n = draw(st.integers(2, 7))
    names = [f"q{i}" for i in range(n)]
    rules = [f"{a} <= {b}" for a, b in zip(names, names[1:])]
    if draw(st.booleans()):
        i, j = sorted(draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True)))
        rules.append(f"{names[i]} + {names[j]} <= {names[-1]} + {draw(st.integers(0, 50))}")
    claims = []
    for k in range(draw(st.integers(1, 2 * n))):
        name = draw(st.sampled_from(names))
        low = draw(st.integers(0, 100))
        text = draw(st.sampled_from([f"at least {low}", f"at most {low + 20}", f"between {low} and {low + 30}",
                                     f"more than {low}", f"fewer than {low + 10}", str(low)]))
        claims.append(f"  - {{id: c{k}, quantity: {name}, value: '{text}'}}")
    return "\n".join(["numcheck: 1", "defaults: {precision: exact}", "quantities:",
                      *(f"  {q}: {{unit: soldier}}" for q in names), "rules:", *(f"  - {r}" for r in rules),
                      "claims:", *claims]) + "\n"


@given(_file())
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_the_report_is_the_same_with_the_sparse_solve_switched_off(tmp_path: Path, text: str) -> None:
    """Every conflict is listed (a list cut short at --max-conflicts is whichever z3 finds first)."""
    path = tmp_path / "drawn.yaml"
    path.write_text(text, encoding="utf-8")
    sparse, dense = (CheckOptions(solve=SolveOptions(max_conflicts=400, sparse_certificates=on)) for on in (True, False))
    assert numcheck.check(path, options=dense).to_dict() == numcheck.check(path, options=sparse).to_dict()


# -- what grows without limit on a series, proved without z3

def test_the_toll_after_its_last_upper_bound_is_unbounded_the_same_by_every_route(write) -> None:  # type: ignore[no-untyped-def]
    """After the last "at most", a cumulative toll can grow for ever: every later date's range is
    open above, as the plain z3 route proves it too."""
    text = _series(12, seed=3).replace("claims:", "claims:\n  - {id: late, quantity: toll, value: 'at least 5000', "
                                        "as_of: 2023-01-01}")
    path = write("open.yaml", text)
    fast = numcheck.check(path)
    late = fast.ranges["toll@2023-01-01"]
    assert (late.min, late.max) == (5000, None)
    plain = SolveOptions(lp_verdicts=False, lp_ranges=False, batches=False, interval_clashes=False)
    assert numcheck.check(path, options=CheckOptions(solve=plain)).to_dict() == fast.to_dict()


def test_growing_together_needs_every_row_to_allow_it() -> None:
    """x <= y lets x and y rise together; 2x = y does not along (1, 1) (z3 then finds (1, 2));
    x <= 3 stops x."""
    from numcheck.engine import grow_together

    x_le_y = Atom(Linear.of({"x": F(1), "y": F(-1)}), "<=")
    assert grow_together({"x", "y"}, [x_le_y])
    assert not grow_together({"x"}, [x_le_y])
    assert grow_together({"y"}, [x_le_y])
    assert not grow_together({"x", "y"}, [Atom(Linear.of({"x": F(2), "y": F(-1)}), "==")])
    assert not grow_together({"x", "y"}, [x_le_y, Atom(Linear.of({"x": F(1)}, F(-3)), "<=")])


def test_a_chain_held_by_one_early_bound_needs_no_multipliers_written_out(write) -> None:  # type: ignore[no-untyped-def]
    """One "at least" on the first date holds every later date's least value, through paths of
    every length: the sign test goes column by column (unit_duals.py), so no multiplier vector
    is written out, and the ranges are those of the dense solve."""
    claims = ["  - {id: first, quantity: toll, value: 'at least 10', as_of: 2020-01-01}"]
    claims += [f"  - {{id: c{i}, quantity: toll, value: 'at most {100 + 10 * i}', as_of: 2020-02-{i:02d}}}"
               for i in range(1, 29)]
    path = write("held.yaml", "\n".join(["numcheck: 1", "defaults: {precision: exact}", "quantities:",
                                         "  toll: {unit: soldier, over_time: cumulative}", "claims:", *claims]) + "\n")
    with mock.patch.object(basis_solve.SparseSolver, "duals", side_effect=AssertionError("multipliers written out")):
        report = numcheck.check(path)
    assert report.ranges["toll@2020-02-28"].min == 10 and _solves(report) == {("lp-certificate", "sparse")}
    assert numcheck.check(path, options=DENSE).to_dict() == report.to_dict()


def test_a_series_of_strict_claims_has_the_ends_z3_finds(write) -> None:  # type: ignore[no-untyped-def]
    """"More than" and "fewer than" claims along a series are tight by chance at many vertices,
    so many ends are left for z3 to settle (open or reached), in one solver for the part rather
    than a copy of it per end: the same ends as the plain z3 route's."""
    rnd = random.Random(7)
    claims, value = [], 50
    for i in range(40):
        value += rnd.randint(0, 30)
        text = rnd.choice([f"more than {value - rnd.randint(1, 40)}", f"fewer than {value + rnd.randint(1, 40)}",
                           f"at least {value - 5}", str(value)])
        claims.append(f"  - {{id: c{i}, quantity: toll, value: '{text}', as_of: 2021-03-{1 + i % 28:02d}}}"
                      .replace("2021-03", f"2021-{3 + i // 28:02d}"))
    path = write("strict.yaml", "\n".join(["numcheck: 1", "defaults: {precision: exact}", "quantities:",
                                           "  toll: {unit: soldier, over_time: cumulative}", "claims:", *claims]) + "\n")
    fast = numcheck.check(path)
    assert fast.verdict == "consistent" and _solves(fast) == {("lp-certificate", "sparse")}
    assert any(r.min_open for r in fast.ranges.values()) and not all(r.min_open for r in fast.ranges.values())
    plain = SolveOptions(lp_verdicts=False, lp_ranges=False, batches=False, interval_clashes=False)
    assert numcheck.check(path, options=CheckOptions(solve=plain)).to_dict() == fast.to_dict()
