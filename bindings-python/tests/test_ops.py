"""Running the programme: lifecycle, follow-up, funnel, KPIs, coverage, tiers, duplicates."""

from __future__ import annotations

import pytest

import kechuang


@pytest.fixture(scope="module")
def p(taian_session: kechuang.Programme) -> kechuang.Programme:
    return taian_session


def _small() -> kechuang.Programme:
    q = kechuang.Programme()
    q.add_nodes(
        [
            {"key": "e:1", "kind": "enterprise"},
            {"key": "d:1", "kind": "demand", "text": "t", "posted": "2024-01-05"},
            {"key": "l:1", "kind": "liaison"},
        ]
    )
    q.connect("posted", "e:1", "d:1")
    return q


def test_lifecycle() -> None:
    q = _small()
    ev = q.transition("d:1", "analysed", "2024-01-10", actor="l:1", note="checked")
    assert ev["to"] == "analysed"
    with pytest.raises(kechuang.InvalidTransitionError) as info:
        q.transition("d:1", "solved", "2024-01-11")
    assert "analysed" in str(info.value) or "allowed" in str(info.value)
    h = q.history("d:1")
    assert h["status"] == "analysed" and len(h["events"]) == 1
    with pytest.raises(kechuang.WrongKindError):
        q.history("e:1")
    with pytest.raises(kechuang.ParseError):
        q.transition("d:1", "matched", "10/01/2024")


def test_report_funnel_followup(p: kechuang.Programme) -> None:
    r = p.report()
    d = r.to_dict()
    assert d["alliances_formed"] == 91 and d["projects"] == 103
    assert "Alliances formed" in r.to_table("en") and "协同创新组织" in r.to_table("zh")
    table = r.to_pandas()
    assert list(table.columns) == ["indicator", "指标", "value"]
    f = p.funnel()
    overall = f.to_pandas()
    assert overall.iloc[0]["reached"] == f.to_dict()["overall"]["demands"]
    assert list(f.by("region").columns) == ["group", "state", "reached", "conversion"] and len(f.times()) > 0
    with pytest.raises(kechuang.InvalidValueError):
        f.by("colour")
    fu = p.follow_up("2023-06-30")
    assert len(fu.to_pandas()) == fu.to_dict()["items"].__len__()


def test_coverage_tiers_duplicates(p: kechuang.Programme) -> None:
    c = p.coverage()
    cells = c.to_pandas()
    assert {"region", "industry", "open", "experts"} <= set(cells.columns)
    assert len(c.gaps_df()) == len(c.to_dict()["gaps"])
    share = c.covered_share()
    assert share is None or 0.0 <= share <= 1.0
    t = p.liaison_tiers()
    assert len(t.to_pandas()) == dict(p.count_by_kind())["liaison"]
    dups = p.find_duplicates({"kinds": ["society"]})
    assert all(len(c) >= 2 for c in dups.clusters())


def test_merge() -> None:
    q = kechuang.Programme()
    q.add_nodes([{"key": "s:a", "kind": "society", "name": "中国金属学会"}, {"key": "s:b", "kind": "society", "name": "中国金属学会"}, {"key": "x:1", "kind": "expert"}])
    q.connect("member_of", "x:1", "s:b")
    report = q.merge("s:a", "s:b")
    assert report["survivor"] == "s:a" and report["rewired_edges"] == 1
    assert q.neighbors("x:1") == ["s:a"] and q.id("s:b") == q.id("s:a")
