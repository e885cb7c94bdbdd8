"""Matching: ranked, explained candidates; batches; reverse matching; affinity tables."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

import kechuang


@pytest.fixture(scope="module")
def p(taian_session: kechuang.Programme) -> kechuang.Programme:
    return taian_session


def test_match_demand_finds_planted_experts(p: kechuang.Programme) -> None:
    hits = 0
    for t in p.truth[:20]:
        m = p.match_demand(t["demand"], k=10)
        assert len(m) == 10 and m.demand == t["demand"]
        hits += any(x in m.keys() for x in t["experts"])
    assert hits >= 15


def test_result_surface(p: kechuang.Programme) -> None:
    d = p.truth[0]["demand"]
    m = p.match_demand(d, k=5)
    top = m[0]
    assert top == m.get(m.keys()[0]) and m[-1]["key"] == m.keys()[-1]
    assert 0.0 <= top["score"] <= 1.0
    assert abs(sum(top["contributions"].values()) - top["score"]) < 1e-9
    assert m.rank_of(top["key"]) == 0 and m.rank_of("nobody") is None
    scores = [r["score"] for r in m]
    assert scores == sorted(scores, reverse=True)
    text = m.explain()
    assert top["key"] in text and "score" in text
    assert m.explain(m.keys()[1]).startswith("#2 ")
    with pytest.raises(kechuang.UnknownKeyError):
        m.explain("nobody")
    with pytest.raises(IndexError):
        m[99]
    df = m.to_pandas()
    assert list(df["key"]) == m.keys() and list(df["rank"]) == [1, 2, 3, 4, 5]
    assert {"text", "taxonomy", "network", "matched_terms", "path"} <= set(df.columns)
    assert "<table>" in m._repr_html_() and repr(m).startswith("<kechuang.MatchList: 5 experts")
    again = pickle.loads(pickle.dumps(m))
    assert again == m and again.keys() == m.keys()
    assert kechuang.MatchList.from_json(m.to_json()) == m
    assert m.to_dict()["demand"] == d
    assert m.query_terms and all(isinstance(t, str) for t in m.query_terms)
    assert isinstance(m.conflicts_excluded, list) and m.teams == []
    enterprise = next(iter(p.neighbors(d, relation="posted", direction="in")))
    staff = p.neighbors(enterprise, relation="affiliated_with", direction="in")
    if staff:  # the automatic conflict rule: the asking enterprise's own experts are left out
        assert not set(staff) & set(p.match_demand(d, k=50).keys())


def test_targets_and_text_queries(p: kechuang.Programme) -> None:
    d = p.truth[0]["demand"]
    soc = p.match_demand(d, target="societies", k=3)
    assert all(p[k]["kind"] == "society" for k in soc.keys())
    teams = p.match_demand(d, target="teams", teams=2)
    assert len(teams.teams) >= 1 and len(teams.teams[0]["members"]) >= 2
    free = p.match_demand(text=p.truth[0]["text_en"], k=5)
    assert free.demand is None and len(free) == 5
    both = p.match_demand({"demand": d}, k=3, filter={"academicians_only": True})
    assert all(any(t.startswith("academician") for t in p[k].get("titles", [])) for k in both.keys())


def test_match_errors(p: kechuang.Programme) -> None:
    with pytest.raises(kechuang.UnknownKeyError):
        p.match_demand("d:nobody")
    with pytest.raises(kechuang.InvalidValueError):
        p.match_demand(p.truth[0]["demand"], k=0)
    with pytest.raises(kechuang.InvalidValueError):
        p.match_demand(p.truth[0]["demand"], colour="red")
    with pytest.raises(kechuang.WrongKindError):
        p.match_demand(p.keys("expert")[0])


def test_batch_equals_single_and_threads(p: kechuang.Programme) -> None:
    ds = [t["demand"] for t in p.truth[:12]]
    batch = p.match_batch(ds, k=5)
    single = [p.match_demand(d, k=5) for d in ds]
    assert batch == single
    with ThreadPoolExecutor(max_workers=4) as ex:
        threaded = list(ex.map(lambda d: p.match_demand(d, k=5), ds))
    assert threaded == single
    seen: list = []
    p.match_batch(ds, k=5, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (len(ds), len(ds))
    with pytest.raises(kechuang.CancelledError):
        p.match_batch(ds, k=5, progress=lambda d, t: False)


def test_reverse_and_affinity(p: kechuang.Programme) -> None:
    d = p.truth[0]["demand"]
    best = p.match_demand(d, k=1).keys()[0]
    rev = p.reverse_match(best, k=5)
    assert len(rev) == 5 and len(rev.keys()) == 5
    assert list(rev.to_pandas()["demand"]) == rev.keys()
    ds = [t["demand"] for t in p.truth[:5]]
    aff = p.affinity_table(ds, k=4)
    assert len(aff) == 20
    df = aff.to_pandas()
    assert list(df.columns[:3]) == ["demand", "candidate", "score"]
    first = df.iloc[0]
    assert aff.score(first["demand"], first["candidate"]) == first["score"]
    assert aff.score(d, "nobody") is None


def test_matcher_cache_follows_edits(p: kechuang.Programme) -> None:
    q = p.copy()
    d = q.truth[0]["demand"]
    before = q.match_demand(d, k=3)
    q.add_node({"key": "x:new", "kind": "expert", "keywords": before[0]["matched_terms"] and [t["term"] for t in before[0]["matched_terms"]][:5]})
    after = q.match_demand(d, k=50)
    assert "x:new" in after.keys() or len(after) == 50  # rebuilt: the new expert is a candidate
    cfg = q.match_config
    assert "weights" in cfg
    q.set_match_config({"weights": cfg["weights"]})
    with pytest.raises(kechuang.InvalidValueError):
        q.set_match_config({"weights": {"text": -1.0}})
