"""networkx export."""

from __future__ import annotations

import networkx as nx
import pytest

import kechuang


def test_whole_graph(small: kechuang.Programme) -> None:
    g = small.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == small.node_count
    assert g.number_of_edges() == small.edge_count
    assert g.nodes["x:zhang"]["kind"] == "expert" and g.nodes["x:zhang"]["capacity"] == 3
    (u, v, k, data) = next(iter(g.edges(keys=True, data=True)))
    assert small.edge(k)["source"] == u and small.edge(k)["target"] == v
    assert data["relation"] == small.edge(k)["relation"]
    assert g["x:zhang"]["s:csm"][3]["weight"] == 0.5


def test_subgraph_by_keys_and_kinds(small: kechuang.Programme) -> None:
    g = small.to_networkx(keys=["s:csm"], kinds=["expert"])
    assert set(g.nodes) == {"s:csm", "x:zhang", "x:li"}
    assert g.number_of_edges() == 2
    h = small.to_networkx(keys=["e:steel", "d:1"])
    assert list(h.edges()) == [("e:steel", "d:1")]
    with pytest.raises(kechuang.UnknownKeyError):
        small.to_networkx(keys=["nobody"])
    with pytest.raises(kechuang.InvalidValueError):
        small.to_networkx(kinds=["robot"])
