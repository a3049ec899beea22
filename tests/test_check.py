"""Checking: the seed, every example with its expected verdict, conflicts and distances, and laws."""

from __future__ import annotations

import dataclasses
import json
import random
from fractions import Fraction as F

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import numcheck
from numcheck import RulePackError
from numcheck.testing import (
    check_document,
    claims_document,
    pushed_claim,
    true_claims,
    true_relations,
    true_rules,
    worlds,
)

from .conftest import ROOT

EX = ROOT / "examples"


def test_seed_is_consistent_with_its_implied_ranges() -> None:
    report = numcheck.check(ROOT / "claims" / "nk-troops-russia-2024-10.yaml")
    assert report.verdict == "consistent" and report.exit_code == 0
    ua = report.ranges["ua_casualties"]
    assert (ua.min, ua.min_open, ua.max) == (F(51750), True, None)
    assert report.ranges["nk_troops_in_russia"].to_dict() == {
        "min": 11500, "max": 12000, "min_open": False, "max_open": False, "unit": "soldier"}
    assert all(c.status == "ok" for c in report.claims)


# example file, expected conflicts {claims: rules}, expected gaps {(claim, quantity): gap}
EXAMPLES = {
    "cross-source.yaml": ({("hur-kursk", "paper-kursk"): ()},
                          {("hur-kursk", "nk_troops_kursk"): F(10500), ("paper-kursk", "nk_troops_kursk"): F(10500)}),
    "ratio-through-rule.yaml": ({("blog-ua", "us-killed", "us-ratio"): ("killed-within-casualties[side=ru]",)},
                                {("blog-ua", "ua_casualties"): F(1750),
                                 ("us-killed", "ru_killed"): F(115000) - F(50000) / F("0.45")}),
    "percentage-rounding.yaml": ({("poll-n", "poll-yes", "tv-yes"): ()},
                                 {("tv-yes", "said_yes"): F(779) - F("771.5"),
                                  ("poll-n", "respondents"): F("1511.5") - F(1497)}),
    "two-units.yaml": ({("eu-front", "us-front"): ()},
                       {("us-front", "front_length"): F(1200) - F(660) * F("1.609344")}),
    "small-sample.yaml": ({("study-n", "study-share"): ()}, {}),
    "one-claim-two-conflicts.yaml": ({("hur-kursk", "nis-kursk"): (), ("hur-kursk", "pent-kursk"): ()},
                                     {("nis-kursk", "nk_troops_kursk"): F(6000),
                                      ("pent-kursk", "nk_troops_kursk"): F(5000)}),
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_verdict_conflicts_and_distances(name: str) -> None:
    conflicts, gaps = EXAMPLES[name]
    report = numcheck.check(EX / name)
    assert report.verdict == "inconsistent" and report.exit_code == 1 and report.complete
    got = {tuple(sorted(c.claims)): c.rules for c in report.conflicts}
    assert got == {tuple(sorted(k)): v for k, v in conflicts.items()}
    found = {}
    for conflict in report.conflicts:
        for d in conflict.distances:
            found[(d.claim, d.quantity)] = d.gap
    for key, gap in gaps.items():
        assert found[key] == gap, key
    data = json.loads(numcheck.render(report, "json"))
    assert data["verdict"] == "inconsistent"
    assert {tuple(sorted(c["claims"])) for c in data["conflicts"]} == set(got)
    in_conflict = {i for k in got for i in k}
    assert {c["id"] for c in data["claims"] if c["status"] == "in-conflict"} == in_conflict
    text = numcheck.render(report, "text")
    assert text.splitlines()[1].startswith("INCONSISTENT")
    for ids in got:
        for claim_id in ids:
            assert claim_id in text


def test_conflict_text_reads_like_a_fact_check() -> None:
    text = numcheck.render(numcheck.check(EX / "cross-source.yaml")).replace(str(EX) + "/", "")
    assert ("hur-kursk (Ukrainian military intelligence, 2024-10-24; cross-source.yaml:9) says nk_troops_kursk is "
            "“up to 3,000”") in text
    assert "quote: “some 15,000 troops in Kursk”" in text
    assert ("The others allow 0 <= nk_troops_kursk <= 3,000 soldier; paper-kursk says “about 15,000” — "
            "10,500 apart.") in text
    assert "nk_troops_kursk: hur-kursk and paper-kursk DISAGREE" in text


def test_max_conflicts_cuts_the_list_and_says_so() -> None:
    report = numcheck.check(EX / "one-claim-two-conflicts.yaml", max_conflicts=1)
    assert len(report.conflicts) == 1 and not report.complete
    assert any("cut short" in n for n in report.notes)
    assert report.to_dict()["complete"] is False


def test_broken_rule_pack_is_an_error_naming_the_rules(write) -> None:  # type: ignore[no-untyped-def]
    path = write("bad.yaml", """\
numcheck: 1
quantities:
  a: {unit: soldier}
  b: {unit: soldier}
rules:
  - {id: one, rule: a >= b + 10}
  - {id: two, rule: b >= a}
  - {id: fine, rule: a <= 1000000}
""")
    with pytest.raises(RulePackError) as info:
        numcheck.check(path)
    assert "one" in str(info.value) and "two" in str(info.value) and "fine" not in str(info.value)


def test_parallel_jobs_give_the_same_report() -> None:
    one = numcheck.check(EX / "one-claim-two-conflicts.yaml", EX / "two-units.yaml")
    two = numcheck.check(EX / "one-claim-two-conflicts.yaml", EX / "two-units.yaml", jobs=2)
    assert one.to_dict() == two.to_dict()


def test_parallel_batches_deal_out_the_parts_evenly() -> None:
    """With several processes every part lands in exactly one batch, the biggest parts open the
    batches, and parts of each size are spread over all of them rather than crowded together."""
    from numcheck.engine import ComponentProblem, Guarded, deal_batches

    def part(k: int, claims: int) -> ComponentProblem:
        return ComponentProblem(k, (), (), tuple(Guarded(f"c{i}", ()) for i in range(claims)), (), ())

    problems = [part(k, 12 if k % 10 == 3 else 10) for k in range(400)]  # one in ten bigger (and costly)
    batches = deal_batches(problems, 2)
    assert sorted(p.index for b in batches for p in b) == list(range(400))
    assert len(batches) >= 4 and len(batches) % 2 == 0  # as many for each process
    big = [sum(len(p.claims) == 12 for p in b) for b in batches]
    assert max(big) - min(big) <= 1
    assert all(len(b[0].claims) == 12 for b in batches[:len(batches) // 2])
    assert [p.index for b in deal_batches(problems, 1) for p in b] == list(range(400))  # one process: file order


def test_timeout_gives_unknown_never_consistent(write, z3_gives_up) -> None:  # type: ignore[no-untyped-def]
    report = numcheck.check(EX / "cross-source.yaml", EX / "two-units.yaml", timeout=0.001)
    assert report.verdict == "unknown" and report.exit_code == 3
    assert any("timed out" in n for n in report.notes)
    assert {c.status for c in report.claims} == {"unknown"}


# ------------------------------------------------------------------------------------ laws

NAMES = ["a", "b", "c", "d"]


def _conflict_sets(report: numcheck.Report) -> set[frozenset[str]]:
    return {frozenset(c.claims) for c in report.conflicts}


@settings(max_examples=40)
@given(st.data())
def test_claims_true_in_a_world_are_never_flagged(data: st.DataObject) -> None:
    world = data.draw(worlds(NAMES, max_value=10**5))
    claims = data.draw(true_claims(world)) + data.draw(true_relations(world))
    rules = data.draw(true_rules(world))
    report = check_document(claims_document(world, claims, rules=rules))
    assert report.verdict == "consistent", report.to_dict()
    for name, value in world.items():
        if name in report.ranges:
            assert report.ranges[name].contains(F(value)), (name, value, report.ranges[name])


@settings(max_examples=40)
@given(st.data())
def test_a_pushed_claim_is_flagged_and_every_conflict_is_minimal(data: st.DataObject) -> None:
    world = data.draw(worlds(NAMES, max_value=10**5))
    claims = data.draw(true_claims(world, min_size=1))
    rules = data.draw(true_rules(world))
    target = data.draw(st.sampled_from(claims))
    claims = claims + [pushed_claim(world, target)]
    report = check_document(claims_document(world, claims, rules=rules))
    assert report.verdict == "inconsistent"
    assert any("pushed" in c.claims for c in report.conflicts)
    model = report.model
    by_id = {c.id: c for c in model.claims}
    for conflict in report.conflicts:  # independently of the enumeration: unsat, and each subset sat
        members = [by_id[i] for i in conflict.claims]
        alone = numcheck.check_model(dataclasses.replace(model, claims=tuple(members)), ranges=False)
        assert alone.verdict == "inconsistent"
        for drop in range(len(members)):
            rest = tuple(m for k, m in enumerate(members) if k != drop)
            assert numcheck.check_model(dataclasses.replace(model, claims=rest), ranges=False).verdict == "consistent"


@settings(max_examples=30)
@given(st.data(), st.randoms(use_true_random=False))
def test_verdict_and_conflicts_do_not_depend_on_claim_order(data: st.DataObject, rnd: random.Random) -> None:
    world = data.draw(worlds(NAMES, max_value=10**4))
    claims = data.draw(true_claims(world, min_size=2))
    claims.append(pushed_claim(world, data.draw(st.sampled_from(claims))))
    rules = data.draw(true_rules(world))
    shuffled = list(claims)
    rnd.shuffle(shuffled)
    a = check_document(claims_document(world, claims, rules=rules))
    b = check_document(claims_document(world, shuffled, rules=rules))
    assert a.verdict == b.verdict
    assert _conflict_sets(a) == _conflict_sets(b)


@settings(max_examples=30)
@given(st.data())
def test_verdict_and_conflicts_do_not_depend_on_the_unit_written(data: st.DataObject) -> None:
    world = data.draw(worlds(NAMES, max_value=10**4))
    claims = data.draw(true_claims(world, min_size=2))
    if data.draw(st.booleans()):
        claims.append(pushed_claim(world, data.draw(st.sampled_from(claims))))
    in_km = check_document(claims_document(world, claims, unit="km"))
    in_m = []
    for c in claims:
        words = c["value"].split()
        rewritten = " ".join(str(int(w) * 1000) if w.isdigit() else w for w in words) + " m"
        in_m.append({**c, "value": rewritten})
    in_metres = check_document(claims_document(world, in_m, unit="km"))
    assert in_km.verdict == in_metres.verdict
    assert _conflict_sets(in_km) == _conflict_sets(in_metres)
    assert {k: r.to_dict() for k, r in in_km.ranges.items()} == {k: r.to_dict() for k, r in in_metres.ranges.items()}


def test_whole_number_parts_give_the_same_answer_every_time() -> None:
    """z3's optimiser once chased integer objectives now and then (about 2% of runs) until the
    time limit; pure integer constraints and the relaxation's unboundedness test stop that."""
    model = numcheck.load(EX / "small-sample.yaml")
    first = numcheck.check_model(model, timeout=5).to_dict()
    assert first["ranges"] and not first["notes"]
    for _ in range(60):
        assert numcheck.check_model(model, timeout=5).to_dict() == first


def test_a_quantity_nothing_speaks_of_has_its_declared_range(write) -> None:  # type: ignore[no-untyped-def]
    path = write("lonely.yaml", "numcheck: 1\nquantities:\n  a: {unit: km}\n  b: {unit: km, signed: true}\n"
                                "  c: {unit: km, integer: true}\n")
    ranges = {k: r.to_dict() for k, r in numcheck.check(path).ranges.items()}
    assert ranges == {
        "a": {"min": 0, "max": None, "min_open": False, "max_open": True, "unit": "km"},
        "b": {"min": None, "max": None, "min_open": True, "max_open": True, "unit": "km"},
        "c": {"min": 0, "max": None, "min_open": False, "max_open": True, "unit": "km"},
    }


@settings(max_examples=60)
@given(st.lists(st.tuples(st.sampled_from(["<=", "<", "=="]), st.booleans(),
                          st.fractions(min_value=-50, max_value=50, max_denominator=7)), min_size=1, max_size=5),
       st.booleans())
def test_interval_shortcut_agrees_with_the_optimiser(bounds: list, signed: bool) -> None:
    """The exact intersection used for 'what the others allow' equals z3's box optimisation."""
    from numcheck.engine import ComponentProblem, Guarded, PartSolver, QuantitySpec, interval_shortcut
    from numcheck.model import Atom, Linear

    claims = []
    for k, (op, upper, edge) in enumerate(bounds):
        expr = Linear.of({"x": F(1) if upper else F(-1)}, -edge if upper else edge)
        claims.append(Guarded(f"c{k}", (Atom(expr, op),)))
    problem = ComponentProblem(0, (QuantitySpec("x", signed=signed),), (), tuple(claims), (("x",),) * len(claims), ())
    others = list(range(len(claims)))
    comp = PartSolver(problem)
    exact = comp.optimise(others, ["x"])
    short = interval_shortcut(problem, others, ["x"], set())
    if exact is None:
        assert short is None
    else:
        assert short == exact


_PLAIN_BOUND = st.tuples(st.sampled_from(["x", "y"]), st.sampled_from(["<=", "<", "==", "!="]), st.booleans(),
                         st.fractions(min_value=-20, max_value=20, max_denominator=3))


@settings(max_examples=120)
@given(st.lists(_PLAIN_BOUND, min_size=1, max_size=6), st.booleans(), st.booleans(), st.booleans())
def test_bounds_that_clash_are_exactly_the_contradictions_of_plain_bounds(bounds: list, signed: bool,
                                                                        integer: bool, related: bool) -> None:
    """`clashing_bounds` is a proof: a part it flags is inconsistent for z3 (whole numbers and a
    relation between the quantities included). And it finds every contradiction of plain real
    bounds: with no `!=`, no relation and real quantities, it flags exactly the parts z3 finds
    inconsistent."""
    from numcheck.engine import ComponentProblem, Guarded, PartSolver, QuantitySpec, clashing_bounds
    from numcheck.model import Atom, Linear

    claims = [Guarded(f"c{k}", (Atom(Linear.of({name: F(1) if upper else F(-1)}, -edge if upper else edge), op),))
              for k, (name, op, upper, edge) in enumerate(bounds)]
    if related:  # a relation bounds no one quantity: it never counts, though it may add a contradiction
        claims.append(Guarded("rel", (Atom(Linear.of({"x": F(1), "y": F(-2)}, F(0)), "<="),)))
    quantities = (QuantitySpec("x", integer=integer, signed=signed), QuantitySpec("y", signed=signed))
    problem = ComponentProblem(0, quantities, (), tuple(claims), tuple(("x", "y") for _ in claims), ())
    consistent = PartSolver(problem).check(tuple(range(len(claims))))
    flagged = clashing_bounds(problem)
    event(f"flagged: {flagged}, consistent: {consistent}")
    if flagged:
        assert not consistent
    if not related and not integer and all(op != "!=" for _, op, _, _ in bounds):
        assert flagged == (not consistent)


@settings(max_examples=25)
@given(st.data())
def test_adding_a_claim_never_makes_an_inconsistent_set_consistent(data: st.DataObject) -> None:
    world = data.draw(worlds(NAMES, max_value=10**4))
    claims = data.draw(true_claims(world, min_size=1))
    claims.append(pushed_claim(world, data.draw(st.sampled_from(claims))))
    before = check_document(claims_document(world, claims), max_conflicts=500)
    other = data.draw(worlds(NAMES, max_value=10**4))  # a claim from some other world, true or not
    extra = data.draw(true_claims(other, min_size=1, max_size=1))[0]
    after = check_document(claims_document(world, [*claims, {**extra, "id": "extra"}]), max_conflicts=500)
    assert before.verdict == "inconsistent" and after.verdict == "inconsistent"
    assert _conflict_sets(before) <= _conflict_sets(after)  # old conflicts all remain


_TERM = st.tuples(st.sampled_from(["a", "b", "c", "d"]),
                  st.fractions(min_value=-5, max_value=5, max_denominator=4).filter(lambda f: f != 0))
_ATOMS = st.lists(st.tuples(st.lists(_TERM, min_size=1, max_size=3, unique_by=lambda t: t[0]),
                            st.fractions(min_value=-60, max_value=15, max_denominator=3),
                            st.sampled_from(["<=", "<=", "<", "<", "=="])), min_size=1, max_size=7)


def _drawn(drawn: list, tag: str = "x") -> tuple:
    """Drawn (terms, constant, op) triples as a problem's rules or claims."""
    from numcheck.engine import Guarded
    from numcheck.model import Atom, Linear

    return tuple(Guarded(f"{tag}{k}", (Atom(Linear.of(dict(terms), const), op),))
                 for k, (terms, const, op) in enumerate(drawn))


@settings(max_examples=250, deadline=None)
@given(_ATOMS, _ATOMS)
def test_boxes_proved_from_the_lp_equal_the_optimisers(rule_atoms: list, claim_atoms: list) -> None:
    """The fast route (an LP's basis, certified in exact rationals, z3 where a strict claim is
    tight by chance or a quantity unbounded) gives exactly the box z3's optimiser gives, ends
    open or closed included; and where it cannot prove a box, it says so rather than guess."""
    from numcheck.engine import BoxTask, ComponentProblem, PartSolver, QuantitySpec, prove_boxes

    names = ("a", "b", "c", "d")
    problem = ComponentProblem(0, tuple(QuantitySpec(n) for n in names), _drawn(rule_atoms), _drawn(claim_atoms),
                               tuple((n,) for n in names), ())
    comp = PartSolver(problem)
    claims = tuple(range(len(claim_atoms)))
    if not comp.check([]) or not comp.check(claims):
        event("inconsistent")
        return  # boxes are only asked of consistent sets
    expected = comp.optimise(claims, names)
    task = BoxTask(comp, None, claims, names, None)  # type: ignore[arg-type]
    prove_boxes([task])
    event("proved by the LP route" if task.done else "left to the optimiser")
    if task.done:
        assert task.route == "lp-certificate"
        assert task.result == expected


@settings(max_examples=150, deadline=None)
@given(_ATOMS, _ATOMS, _ATOMS)
def test_parts_proved_consistent_by_the_lp_route_are_consistent(rule_atoms: list, claim_atoms: list,
                                                               other_atoms: list) -> None:
    """A part the LP route calls consistent (from its exact vertices, with no z3 verdict) is
    consistent for z3 too, strict claims included, and its ranges are the optimiser's; a part
    z3 finds inconsistent is never among them."""
    from numcheck.engine import ComponentProblem, PartSolver, QuantitySpec, proved_by_lp

    names = ("a", "b", "c", "d")
    quantities = tuple(QuantitySpec(n) for n in names)
    bounded = tuple((n,) for n in names)
    problems = [ComponentProblem(0, quantities, _drawn(rule_atoms, "r"), _drawn(claim_atoms, "x"), bounded, ()),
                ComponentProblem(1, quantities, (), _drawn(other_atoms, "y"), bounded, ())]
    proved, suspects = proved_by_lp(problems)
    for problem in problems:
        comp = PartSolver(problem)
        everything = tuple(range(len(problem.claims)))
        consistent = comp.check(everything)
        event(f"consistent: {consistent}, proved: {problem.index in proved}, suspect: {problem.index in suspects}")
        if problem.index in proved:
            assert consistent
            assert proved[problem.index].ranges == comp.optimise(everything, names)
            assert (proved[problem.index].verdict_route, proved[problem.index].ranges_route) == \
                ("lp-vertices", "lp-certificate")


def _many_parts(parts: int, seed: int) -> str:
    """A file of many small parts: chains of ratio relations, ranges, strict bounds, a rule per
    part, a planted contradiction in one part in four, and in one in six a contradiction that
    only the strictness of both ends makes, through a relation."""
    rnd = random.Random(seed)
    quantities, rules, claims = [], [], []
    for p in range(parts):
        names = [f"p{p}_q{i}" for i in range(5)]
        world = {n: rnd.randint(10, 1000) for n in names}
        quantities += [f"  {n}: {{unit: soldier}}" for n in names]
        rules.append(f"  - {names[0]} + {names[1]} <= {names[2]} + {world[names[0]] + world[names[1]]}")
        for a, b in zip(names, names[1:]):
            claims.append(f"  - {{id: r{len(claims)}, relation: '{a} <= {F(world[a] * 6, world[b] * 5)} * {b}'}}")
        for n in names[:4]:
            shape = rnd.choice(["between {lo} and {hi}", "more than {lo}", "fewer than {hi}", "up to {hi}"])
            value = shape.format(lo=world[n] // 2, hi=world[n] * 2)
            claims.append(f"  - {{id: v{len(claims)}, quantity: {n}, value: '{value}'}}")
        if p % 4 == 1:
            n = names[rnd.randrange(5)]
            claims.append(f"  - {{id: x{len(claims)}, quantity: {n}, value: 'more than {world[n] * 3}'}}")
            claims.append(f"  - {{id: y{len(claims)}, quantity: {n}, value: 'fewer than {world[n] * 2}'}}")
        if p % 6 == 2:  # contradictory only because both ends are strict: an LP, reading < as <=, misses it
            n, e = names[4], f"p{p}_e"  # through a relation, so that no interval of one quantity shows it
            quantities.append(f"  {e}: {{unit: soldier}}")
            claims.append(f"  - {{id: s{len(claims)}, quantity: {n}, value: 'more than {world[n]}'}}")
            claims.append(f"  - {{id: t{len(claims)}, relation: '{n} <= {e}'}}")
            claims.append(f"  - {{id: u{len(claims)}, quantity: {e}, value: 'fewer than {world[n]}'}}")
    return "\n".join(["numcheck: 1", "defaults: {precision: exact}", "quantities:", *quantities,
                      "rules:", *rules, "claims:", *claims]) + "\n"


@pytest.mark.parametrize("seed", [1, 2])
def test_batches_and_certified_ranges_match_plain_z3(write, seed: int) -> None:  # type: ignore[no-untyped-def]
    """Verdicts from one batched solver and ranges from certified LP bases give the very report
    that per-part z3 solvers and z3's optimiser give, on a file of many parts."""
    from numcheck.check import CheckOptions
    from numcheck.engine import SolveOptions

    path = write("many.yaml", _many_parts(24, seed))
    report = numcheck.check(path)
    routes = [c.ranges_route for c in report.components]
    assert routes.count("lp-certificate") > 0.9 * len(routes)  # the fast route did the work
    plain_options = SolveOptions(lp_verdicts=False, lp_ranges=False, batches=False, interval_clashes=False)
    plain_report = numcheck.check(path, options=CheckOptions(solve=plain_options))
    assert {c.verdict_route for c in plain_report.components} == {"part-solver"}
    assert {c.ranges_route for c in plain_report.components} == {"z3-proof"}
    fast, plain = report.to_dict(), plain_report.to_dict()
    assert fast == plain
    assert fast["verdict"] == "inconsistent" and fast["conflicts"]
    # the strict-only contradictions, which the LP cannot see, are found all the same
    assert sum(sorted(c["claims"])[0].startswith("s") for c in fast["conflicts"]) == 4
    assert any(r["min_open"] or r["max_open"] for r in fast["ranges"].values() if r["max"] is not None)


def test_numbers_beyond_floating_point_stay_exact(write) -> None:  # type: ignore[no-untyped-def]
    """A coefficient of 10^400 (or 10^-401) is past any float: the LP cannot help there, the
    exact route answers, and the text report writes such numbers in scientific notation."""
    big, tiny = "1" + "0" * 400, "0." + "0" * 400 + "1"
    path = write("huge.yaml", f"""
        numcheck: 1
        quantities:
          x: {{unit: soldier}}
          y: {{unit: soldier}}
          w: {{unit: soldier}}
        claims:
          - {{id: a, relation: "x <= {big} * y"}}
          - {{id: b, quantity: y, value: "up to 12,000"}}
          - {{id: c, relation: "w <= {tiny} * y"}}
    """)
    report = numcheck.check(path)
    assert report.verdict == "consistent"
    assert report.ranges["x"].max == 12000 * 10**400
    assert report.ranges["w"].max == F(12000, 10**401)
    text = numcheck.render(report, "text")
    assert "1.200E-397" in text  # w <= 12,000 / 10^401, which no float can hold
    for fmt in ("markdown", "html", "json"):
        assert numcheck.render(report, fmt)  # every format writes such numbers without failing


def test_quantities_nothing_holds_down_are_unbounded_by_inspection() -> None:
    """x <= 2y holds x down, not y; an equation holds its quantities both ways; a quantity no
    constraint names is free. These need no solver to be proved unbounded above."""
    from numcheck.engine import free_to_grow
    from numcheck.model import Atom, Linear

    rows = [Atom(Linear.of({"x": F(1), "y": F(-2)}), "<="), Atom(Linear.of({"z": F(1)}, F(-3)), "=="),
            Atom(Linear.of({"v": F(-1)}, F(5)), "<")]
    assert free_to_grow(["x", "y", "z", "v", "w"], rows) == {"y", "v", "w"}


def test_a_batch_that_gives_up_hands_its_parts_back(write, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """When a batched check runs out of time, its parts are decided by their own solvers: the
    report is the same, not "unknown"."""
    from numcheck.engine import BatchSolver, GaveUp

    path = write("many.yaml", _many_parts(12, 3))
    expected = numcheck.check(path)
    assert "batch" in {c.verdict_route for c in expected.components}

    def gives_up(self, assumptions=()):  # type: ignore[no-untyped-def]
        raise GaveUp("timed out after 30 s", "timeout")

    monkeypatch.setattr(BatchSolver, "check", gives_up)  # the seam: every check of a shared solver
    handed_back = numcheck.check(path)
    assert handed_back.to_dict() == expected.to_dict()
    assert "batch" not in {c.verdict_route for c in handed_back.components}


def test_two_threads_checking_in_parallel_get_their_own_answers(write) -> None:  # type: ignore[no-untyped-def]
    """Forked workers find their batches through the parent's memory; two threads checking at once
    with --jobs must not hand each other's batches over."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [write(f"many{seed}.yaml", _many_parts(10, seed)) for seed in (4, 5)]
    alone = [numcheck.check(path).to_dict() for path in paths]
    with ThreadPoolExecutor(2) as pool:
        together = list(pool.map(lambda path: numcheck.check(path, jobs=2).to_dict(), paths))
    assert together == alone
