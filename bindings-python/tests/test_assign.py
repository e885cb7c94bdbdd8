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


def test_columnar_inputs_equal_records() -> None:
    """Columns (dict of lists or numpy arrays, a DataFrame, a 2-D matrix) give the same answer
    as the list of dicts."""
    np = pytest.importorskip("numpy")
    rows = PROBLEM["affinities"]
    keys = {
        "demand": [r["demand"] for r in rows],
        "expert": [r["expert"] for r in rows],
        "score": [r["score"] for r in rows],
    }
    base = kechuang.assign(PROBLEM)
    assert kechuang.assign(dict(PROBLEM, affinities=keys)) == base
    assert kechuang.assign(dict(PROBLEM, affinities=pd.DataFrame(keys))) == base
    # positions into demands / experts, as numpy arrays or lists
    pos = {"demand": np.array([0, 0, 1, 1]), "candidate": np.array([0, 1, 0, 1], dtype=np.uint8), "score": np.array(keys["score"])}
    assert kechuang.assign(dict(PROBLEM, affinities=pos)) == base
    assert kechuang.assign(dict(PROBLEM, affinities={k: list(v) for k, v in pos.items()})) == base
    # the same scores as a dense matrix: 2-D array, or cols + flat values
    m = np.array([[0.9, 0.5], [0.8, 0.1]])
    dense = {k: v for k, v in PROBLEM.items() if k != "affinities"}
    assert kechuang.assign(dict(dense, matrix=m)).total == pytest.approx(1.3)
    assert kechuang.assign(dict(dense, matrix={"cols": 2, "values": m.ravel()})) == kechuang.assign(dict(dense, matrix=m))
    assert kechuang.assign(dict(dense, matrix={"cols": 2, "values": [0.9, 0.5, 0.8, 0.1]})).experts_of("a") == ["y"]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"affinities": {"demand": ["a"], "expert": ["x"]}}, "affinities.score"),
        ({"affinities": {"demand": ["a", "b"], "expert": ["x"], "score": [1, 2]}}, "affinities"),
        ({"affinities": {"demand": [0, 7], "expert": [0, 1], "score": [0.5, 0.5]}}, "affinities.demand[1]"),
        ({"affinities": {"demand": [0], "expert": [-1], "score": [0.5]}}, "affinities.expert"),
        ({"affinities": {"demand": ["a"], "expert": ["x"], "score": ["high"]}}, "affinities.score"),
        ({"affinities": None, "matrix": [[0.9, 0.5], [0.8, 0.1]]}, "matrix"),
        ({"affinities": None, "matrix": {"values": [0.9]}}, "matrix.cols"),
        ({"affinities": None, "matrix": {"cols": 2, "values": ["x"]}}, "matrix.values"),
    ],
)
def test_columnar_input_errors_name_the_field(change: dict, field: str) -> None:
    pytest.importorskip("numpy")
    problem = {k: v for k, v in dict(PROBLEM, **change).items() if v is not None}
    with pytest.raises(kechuang.InvalidValueError) as info:
        kechuang.assign(problem)
    assert info.value.field == field, str(info.value)


def test_key_column_errors_say_what_is_accepted() -> None:
    pytest.importorskip("numpy")
    base = {k: v for k, v in PROBLEM.items() if k != "affinities"}
    # a negative position: not "give strings", but the range of positions
    with pytest.raises(kechuang.InvalidValueError) as info:
        kechuang.assign(dict(base, affinities={"demand": [0], "expert": [-1], "score": [0.5]}))
    assert info.value.field == "affinities.expert"
    assert "-1" in str(info.value) and "strings" not in str(info.value), str(info.value)
    # booleans are not positions
    with pytest.raises(kechuang.InvalidValueError) as info:
        kechuang.assign(dict(base, affinities={"demand": [0], "expert": [True], "score": [0.5]}))
    assert info.value.field == "affinities.expert" and "boolean" in str(info.value)
    # neither keys nor positions
    with pytest.raises(kechuang.InvalidValueError) as info:
        kechuang.assign(dict(base, affinities={"demand": [0], "expert": [1.5], "score": [0.5]}))
    assert "positions" in str(info.value), str(info.value)
    # a 1-D score column is required (only `matrix` is 2-D)
    np = pytest.importorskip("numpy")
    with pytest.raises(kechuang.InvalidValueError) as info:
        kechuang.assign(dict(base, affinities={"demand": ["a"], "expert": ["x"], "score": np.array([[0.5]])}))
    assert info.value.field == "affinities.score"


def test_programme_assign_refuses_positions() -> None:
    np = pytest.importorskip("numpy")
    p = kechuang.Programme()
    with pytest.raises(kechuang.InvalidValueError) as info:
        p.assign({"demand": np.array([0]), "expert": ["x"], "score": [0.5]})
    assert info.value.field == "affinities.demand"


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
