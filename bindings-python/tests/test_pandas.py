"""pandas in and out."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest

import kechuang
from conftest import EDGES, NODES


def test_to_pandas_and_back(small: kechuang.Programme) -> None:
    nodes, edges = small.to_pandas()
    assert list(nodes["key"]) == small.keys()
    assert list(nodes.columns[:4]) == ["id", "key", "kind", "name"]
    assert list(edges.columns[:4]) == ["id", "relation", "source", "target"]
    again = kechuang.Programme.from_pandas(nodes.drop(columns="id"), edges.drop(columns="id"))
    assert again.to_json() == kechuang.Programme.from_json(small.to_json()).to_json() or again == small
    assert again == small


def test_nodes_df_of_kind(small: kechuang.Programme) -> None:
    experts = small.nodes_df("expert")
    assert list(experts["key"]) == ["x:zhang", "x:li"]
    assert list(experts["capacity"]) == [3, 2]
    assert "tier" not in experts.columns
    member = small.edges_df("member_of")
    assert len(member) == 2 and set(member["target"]) == {"s:csm"}
    assert len(kechuang.Programme().nodes_df()) == 0


def test_from_pandas_types() -> None:
    nodes = pd.DataFrame(
        {
            "key": ["e:1", "d:1", "x:1"],
            "kind": ["enterprise", "demand", "expert"],
            "name": ["A", "B", "C"],
            "posted": [None, pd.Timestamp("2024-05-06"), None],
            "capacity": [np.nan, np.nan, 4.0],  # float column from the NaN
            "industries": [["C31"], ["C31", "C32"], None],
            "budget_cny": [None, np.float64(1.5e6), None],
        }
    )
    nodes["capacity"] = nodes["capacity"].astype("Int64")
    edges = pd.DataFrame({"relation": ["posted"], "source": ["e:1"], "target": ["d:1"], "start": [datetime.date(2024, 5, 6)]})
    p = kechuang.Programme.from_pandas(nodes, edges)
    assert p["d:1"]["posted"] == "2024-05-06"
    assert p["d:1"]["industries"] == ["C31", "C32"]
    assert p["d:1"]["budget_cny"] == 1.5e6
    assert p["x:1"]["capacity"] == 4
    assert p.edge(0)["start"] == "2024-05-06"


def test_from_pandas_error_names_row() -> None:
    nodes = pd.DataFrame(
        {"key": ["a", "b"], "kind": ["expert", "expert"], "tier": [None, 2]},
        index=["first", "second"],
    )
    with pytest.raises(kechuang.InvalidValueError) as info:
        kechuang.Programme.from_pandas(nodes)
    msg = str(info.value)
    assert "nodes_df row with index 'second'" in msg and "tier" in msg

    nodes = pd.DataFrame({"key": ["a", "b"], "kind": ["expert", "starship"]})
    with pytest.raises(ValueError) as info2:
        kechuang.Programme.from_pandas(nodes)
    assert "index 1" in str(info2.value) and "starship" in str(info2.value)

    nodes = pd.DataFrame({"key": ["a", "b"], "kind": ["expert", "society"]})
    edges = pd.DataFrame({"relation": ["member_of", "member_of"], "source": ["a", "b"], "target": ["b", "a"]}, index=[10, 11])
    with pytest.raises(kechuang.RelationNotAllowedError) as info3:
        kechuang.Programme.from_pandas(nodes, edges)
    assert "edges_df row with index 11" in str(info3.value)

    edges = pd.DataFrame({"relation": ["member_of"], "source": ["a"], "target": ["zz"]})
    with pytest.raises(kechuang.UnknownKeyError) as info4:
        kechuang.Programme.from_pandas(nodes, edges)
    assert "edges_df row with index 0" in str(info4.value)

    with pytest.raises(kechuang.DuplicateKeyError):
        kechuang.Programme.from_pandas(pd.DataFrame({"key": ["a", "a"], "kind": ["expert", "expert"]}))


def test_from_pandas_bad_inputs() -> None:
    with pytest.raises(TypeError):
        kechuang.Programme.from_pandas([{"key": "a"}])
    with pytest.raises(ValueError) as info:
        kechuang.Programme.from_pandas(pd.DataFrame({"key": ["a"], "kind": ["expert"], "attrs": [object()]}))
    msg = str(info.value)
    assert "nodes_df row with index 0" in msg and "attrs" in msg and "object" in msg
    assert isinstance(info.value, kechuang.InvalidValueError)


def test_from_pandas_matches_records() -> None:
    p = kechuang.Programme()
    p.add_nodes(NODES)
    p.add_edges(EDGES)
    q = kechuang.Programme.from_pandas(pd.DataFrame.from_records(NODES), pd.DataFrame.from_records(EDGES))
    assert q == p


def test_extra_columns_become_attrs() -> None:
    nodes = pd.DataFrame(
        {"key": ["x:1", "x:2"], "kind": ["expert", "expert"], "机构": ["山东大学", None], "attrs": [{"a": 1}, None]}
    )
    edges = pd.DataFrame({"relation": ["collaborated"], "source": ["x:1"], "target": ["x:2"], "project": ["P1"]})
    p = kechuang.Programme.from_pandas(nodes, edges)
    assert p["x:1"]["attrs"] == {"a": 1, "机构": "山东大学"}
    assert "attrs" not in p["x:2"]
    assert p.edge(0)["attrs"] == {"project": "P1"}
    clash = pd.DataFrame({"key": ["x:1"], "kind": ["expert"], "a": [2], "attrs": [{"a": 1}]})
    with pytest.raises(kechuang.InvalidValueError) as info:
        kechuang.Programme.from_pandas(clash)
    assert "nodes_df row with index 0" in str(info.value) and "a" in str(info.value)
