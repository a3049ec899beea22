"""Many files, each on its own: the same answers in worker processes and on a Dask cluster as
one by one in this process, in the order given."""

from __future__ import annotations

from pathlib import Path

import pytest

import numcheck
from numcheck.each import FileResult, check_each, worst_exit

from .conftest import ROOT

FILES = sorted(str(p) for p in (ROOT / "examples").glob("*.yaml")) + [str(ROOT / "claims" / "nk-troops-russia-2024-10.yaml")]


def _alone() -> list[dict[str, object]]:
    return [numcheck.check(path).to_dict() for path in FILES]


def test_each_file_in_worker_processes_answers_as_alone(tmp_path: Path) -> None:
    results = list(check_each(FILES, jobs=2))
    assert [r.path for r in results] == FILES
    assert [r.report for r in results] == _alone()
    assert [r.exit_code for r in results] == [numcheck.check(p).exit_code for p in FILES]


def test_a_bad_file_is_a_result_not_a_stop(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("numcheck: 1\nquantities: {x: {unit: person}}\nclaims: [{id: a, quantity: y, value: '5'}]\n")
    results = list(check_each([FILES[0], str(bad), FILES[1]], jobs=2))
    assert [r.exit_code for r in results][1] == 2
    assert results[1].report is None and "unknown quantity 'y'" in results[1].errors[0]
    assert results[0].report is not None and results[2].report is not None
    assert worst_exit([r.exit_code for r in results]) == 2


def test_worst_exit_ranks_crash_bad_input_unknown_inconsistent() -> None:
    assert worst_exit([0, 1, 3]) == 3
    assert worst_exit([1, 2, 3]) == 2
    assert worst_exit([2, 4]) == 4
    assert worst_exit([]) == 0
    assert FileResult("a", 0, {"verdict": "consistent"}).to_dict() == {"file": "a", "exit": 0, "verdict": "consistent"}


def test_a_local_dask_cluster_of_two_workers_answers_as_alone() -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        results = list(check_each(FILES, cluster=cluster.scheduler_address))
    assert [r.path for r in results] == FILES
    assert [r.report for r in results] == _alone()
