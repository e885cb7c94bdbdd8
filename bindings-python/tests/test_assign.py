"""Assignment: free-standing problems and the programme's demands."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

import kechuang

PROBLEM = {
    "demands": [{"key": "a", "need": 1}, {"key": "b", "need": 1}],
    "experts": [{"key": "x", "min_load": 0, "max_load": 1}, {"key": "y", "min_load": 0, "max_load": 1}],
    "affinities": [
        {"demand": "a", "expert": "x", "score": 0.9},
        {"demand": "a", "expert": "y", "score": 0.5},
        {"demand": "b", "expert": "x", "score": 0.8},
        {"demand": "b", "expert": "y", "score": 0.1},
    ],
}


def test_optimal_beats_greedy_choice() -> None:
    r = kechuang.assign(PROBLEM)
    # greedy would take (a, x) = 0.9 and leave (b, y) = 0.1; optimal is 0.5 + 0.8
    assert r.experts_of("a") == ["y"] and r.experts_of("b") == ["x"]
    assert r.total == pytest.approx(1.3) and r.worst == pytest.approx(0.5)
    assert r.is_complete() and len(r) == 2
    assert r.load("x") == 1 and r.demands_of("x") == ["b"]
    assert r.experts_of("zz") is None
    assert r.alternates_of("a") == ["x"] and r.alternates_of("zz") is None
    df = r.to_pandas()
    assert set(zip(df["demand"], df["expert"])) == {("a", "y"), ("b", "x")}
    assert list(r.loads_df()["expert"]) == ["x", "y"]
    assert r.diagnostics["exact"] is True
    assert pickle.loads(pickle.dumps(r)) == r


def test_solvers_and_errors() -> None:
    fair = kechuang.assign(PROBLEM, solver="fair")
    assert fair.worst >= 0.5
    greedy = kechuang.assign(PROBLEM, solver="greedy")
    assert greedy.total <= 1.3 + 1e-9
    with pytest.raises(ValueError):
        kechuang.assign(PROBLEM, solver="magic")
    infeasible = dict(PROBLEM, demands=[{"key": "a", "need": 3}, {"key": "b", "need": 1}])
    with pytest.raises(kechuang.InfeasibleError) as info:
        kechuang.assign(infeasible)
    assert "a" in str(info.value)
    assert kechuang.diagnose(infeasible) is not None
    assert kechuang.diagnose(PROBLEM) is None
    with pytest.raises(kechuang.InvalidValueError):
        kechuang.assign({"demands": "nope"})


def test_progress_cancel() -> None:
    with pytest.raises(kechuang.CancelledError):
        kechuang.assign(PROBLEM, progress=lambda d, t: False)


def test_programme_assign_with_graph_conflicts() -> None:
    p = kechuang.Programme()
    p.add_nodes(
        [
            {"key": "e:1", "kind": "enterprise"},
            {"key": "d:1", "kind": "demand", "text": "t"},
            {"key": "d:2", "kind": "demand", "text": "t"},
            {"key": "x:in", "kind": "expert", "capacity": 2},
            {"key": "x:out", "kind": "expert", "capacity": 2},
        ]
    )
    p.connect("posted", "e:1", "d:1")
    p.add_edge({"relation": "affiliated_with", "source": "x:in", "target": "e:1"})
    aff = [
        {"demand": "d:1", "expert": "x:in", "score": 0.99},
        {"demand": "d:1", "expert": "x:out", "score": 0.5},
        {"demand": "d:2", "expert": "x:in", "score": 0.7},
    ]
    r = p.assign(aff)
    # x:in is affiliated with the enterprise that posted d:1: a conflict of interest
    assert r.experts_of("d:1") == ["x:out"] and r.experts_of("d:2") == ["x:in"]
    free = kechuang.assign({"demands": [{"key": "d:1", "need": 1}], "experts": [{"key": "x:in", "max_load": 1}], "affinities": aff[:1]})
    assert free.experts_of("d:1") == ["x:in"]
    with pytest.raises(kechuang.UnknownKeyError):
        p.assign([{"demand": "d:9", "expert": "x:in", "score": 0.5}])


@pytest.mark.skipif(not hasattr(kechuang.Programme, "affinity_table"), reason="matching not bound yet")
def test_programme_assign(taian_session: kechuang.Programme) -> None:
    p = taian_session
    ds = [t["demand"] for t in p.truth[:15]]
    aff = p.affinity_table(ds, k=10)
    r = p.assign(aff)
    assert sorted(d for d in ds if r.experts_of(d)) == sorted(ds)
    # capacities respected
    for e, load in zip(r.loads_df()["expert"], r.loads_df()["load"]):
        assert load <= max(p[e].get("capacity", 1), 1)
    again = p.assign(aff.to_pandas())  # DataFrame with demand / candidate / score
    assert again == r
    direct = p.assign(demands=ds, k=10)
    assert direct == r
    records = [{"demand": d, "expert": c, "score": s} for d, c, s in aff.to_pandas()[["demand", "candidate", "score"]].itertuples(index=False)]
    assert p.assign(records) == r
    assert p.assign(pd.DataFrame(records), rules={"need": 1, "default_max_load": 1}) == r
