"""Programme.from_arrays: the bulk builder from numpy arrays or sequences."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kechuang


def test_same_graph_as_from_pandas() -> None:
    rng = np.random.default_rng(3)
    n, m = 200, 900
    src = rng.integers(0, n, m)
    tgt = (src + rng.integers(1, n, m)) % n  # no self loops
    keys = [f"x:{i}" for i in range(n)]
    w = rng.random(m).astype(np.float32)
    a = kechuang.Programme.from_arrays(keys, src, tgt, weights=w)
    nodes = pd.DataFrame({"key": keys, "kind": "expert"})
    edges = pd.DataFrame({"relation": "collaborated", "source": [keys[i] for i in src], "target": [keys[i] for i in tgt], "weight": w.astype(float)})
    b = kechuang.Programme.from_pandas(nodes, edges)
    assert a == b
    assert a.pagerank().as_dict() == b.pagerank().as_dict()


def test_per_item_kinds_and_relations_and_plain_lists() -> None:
    p = kechuang.Programme.from_arrays(
        ["x:1", "s:1", "x:2"], [0, 2], [1, 1], kind=["expert", "society", "expert"], relation="member_of"
    )
    assert p.neighbors("s:1", direction="in") == ["x:1", "x:2"]
    q = kechuang.Programme.from_arrays(["x:1", "s:1"], np.array([0], dtype=np.uint8), np.array([1], dtype=np.int64), kind=["expert", "society"], relation=["member_of"])
    assert q.edge_count == 1


@pytest.mark.parametrize(
    ("sources", "field"),
    [
        (np.array([0, -1]), "sources"),
        (np.array([0, 2**33]), "sources"),
        (np.array([0.0, 1.0]), "sources"),
        (["a", "b"], "sources"),
    ],
)
def test_bad_index_arrays_name_the_argument(sources: object, field: str) -> None:
    with pytest.raises(kechuang.InvalidValueError) as e:
        kechuang.Programme.from_arrays(["x:0", "x:1"], sources, np.array([1, 0]))
    assert e.value.field == field


def test_core_checks_name_the_index() -> None:
    with pytest.raises(kechuang.InvalidValueError) as e:
        kechuang.Programme.from_arrays(["x:0", "x:1"], [0, 5], [1, 0])
    assert "edges[1]" in str(e.value)
    with pytest.raises(kechuang.InvalidValueError) as e:
        kechuang.Programme.from_arrays(["x:0", "x:1"], [0], [1], kind=["expert", "planet"])
    assert e.value.field == "kind[1]"
    with pytest.raises(kechuang.KechuangError):
        kechuang.Programme.from_arrays(["x:0", "x:1"], [0], [1], weights=np.array([-1.0]))


def test_index_and_weight_columns_must_be_1d_ints_not_bools() -> None:
    keys = ["x:0", "x:1"]
    with pytest.raises(kechuang.InvalidValueError) as e:
        kechuang.Programme.from_arrays(keys, np.array([[0], [1]]), np.array([1, 0]))
    assert e.value.field == "sources" and "1-D" in str(e.value)
    with pytest.raises(kechuang.InvalidValueError) as e:
        kechuang.Programme.from_arrays(keys, [0], [1], weights=np.array([[0.5]]))
    assert e.value.field == "weights" and "1-D" in str(e.value)
    with pytest.raises(kechuang.InvalidValueError) as e:
        kechuang.Programme.from_arrays(keys, [False, True], [1, 0])
    assert e.value.field == "sources" and "boolean" in str(e.value)


def test_negative_indices_report_the_actual_range() -> None:
    with pytest.raises(kechuang.InvalidValueError) as e:
        kechuang.Programme.from_arrays(["x:0", "x:1"], np.array([-5, -2]), np.array([1, 0]))
    assert "-5..=-2" in str(e.value), str(e.value)
    with pytest.raises(kechuang.InvalidValueError) as e:
        kechuang.Programme.from_arrays(["x:0", "x:1"], [0, -3], [1, 0])
    assert e.value.field == "sources" and "-3..=0" in str(e.value), str(e.value)
