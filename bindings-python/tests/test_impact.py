"""Impact: network measures, attribution, the index and rankings."""

from __future__ import annotations

import math

import networkx as nx
import pytest

import kechuang
from conftest import EDGES, NODES


@pytest.fixture(scope="module")
def p(taian_session: kechuang.Programme) -> kechuang.Programme:
    return taian_session


def test_pagerank_matches_networkx_on_a_small_graph() -> None:
    q = kechuang.Programme()
    keys = [f"x:{i}" for i in range(8)]
    q.add_nodes([{"key": k, "kind": "expert"} for k in keys])
    pairs = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (6, 7), (0, 6)]
    q.add_edges([{"relation": "collaborated", "source": keys[a], "target": keys[b]} for a, b in pairs])
    pr = q.pagerank()
    ref = nx.pagerank(nx.Graph([(keys[a], keys[b]) for a, b in pairs]), alpha=0.85, tol=1e-12)
    for k in keys:
        assert pr.get(k) == pytest.approx(ref[k], abs=1e-6)
    assert pr.info["converged"] is True
    assert pr.top(1)[0][0] == max(ref, key=lambda k: (ref[k], -keys.index(k)))


def test_scores_surface(p: kechuang.Programme) -> None:
    pr = p.pagerank()
    assert len(pr) == p.node_count and pr.measure == "pagerank"
    assert sum(pr.as_dict()[k] for k in p.keys()) == pytest.approx(1.0)
    top = pr.top(5, kind="expert")
    assert len(top) == 5 and all(p[k]["kind"] == "expert" for k, _ in top)
    assert [s for _, s in top] == sorted((s for _, s in top), reverse=True)
    df = pr.to_pandas()
    assert list(df.columns[:3]) == ["key", "kind", "score"] and len(df) == p.node_count
    personal = p.pagerank(restart=[(top[0][0], 1.0)])
    assert personal.get(top[0][0]) > pr.get(top[0][0])
    with pytest.raises(kechuang.UnknownKeyError):
        p.pagerank(restart=[("nobody", 1.0)])
    with pytest.raises(kechuang.InvalidValueError):
        p.pagerank({"pagerank": {"alpha": 2.0}})


def test_betweenness_and_brokerage() -> None:
    q = kechuang.Programme()
    q.add_nodes(NODES)
    q.add_edges(EDGES)
    b = q.betweenness()
    assert b.measure == "betweenness" and len(b) == q.node_count
    assert all(v >= 0 for v in b.as_dict().values())
    bro = q.brokerage()
    assert list(bro.columns) == ["key", "kind", "constraint", "effective_size"]
    lonely = bro.set_index("key").loc["r:taian"]
    assert math.isnan(lonely["constraint"])  # regions are not walked by default
    seen: list = []
    q.betweenness(progress=lambda d, t: seen.append(t))
    assert seen


def test_attribution_index_rankings(p: kechuang.Programme) -> None:
    a = p.attribution()
    df = a.to_pandas()
    assert len(df) > 0 and {"outcome", "key", "amount"} <= set(df.columns)
    idx = p.impact_index()
    assert len(idx) > 0
    r = p.ranking("society", 5)
    assert list(r["rank"]) == [1, 2, 3, 4, 5]
    assert list(r["index"]) == sorted(r["index"], reverse=True)
    assert (r["kind"] == "society").all()
    again = p.ranking("society", 5, index=idx)
    assert again.equals(r)
    local = p.ranking("expert", 3, region="r:taian", index=idx)
    assert len(local) <= 3
    with pytest.raises(kechuang.InvalidValueError):
        p.ranking("spaceship")
    lb = p.leaderboard(3)
    boards = lb.to_pandas()
    assert set(boards["board"]) == {"experts", "societies", "liaisons"}
