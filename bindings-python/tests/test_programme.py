"""Building, editing and querying a Programme."""

from __future__ import annotations

import copy

import pytest

import kechuang
from conftest import EDGES, NODES


def test_add_nodes_assigns_ids_in_order(small: kechuang.Programme) -> None:
    assert [small.id(n["key"]) for n in NODES] == list(range(len(NODES)))
    assert small.keys() == [n["key"] for n in NODES]
    assert len(small) == small.node_count == len(NODES)
    assert small.edge_count == len(EDGES)


def test_records_round_trip_fields(small: kechuang.Programme) -> None:
    zhang = small["x:zhang"]
    assert zhang["kind"] == "expert"
    assert zhang["capacity"] == 3
    assert zhang["titles"] == ["professor"]
    assert zhang["keywords"] == ["余热回收"]
    d = small.node("d:1")
    assert d["posted"] == "2024-03-01"
    assert d["industries"] == ["C31"]
    assert small.key(small.id("d:1")) == "d:1"


def test_contains_iter_len(small: kechuang.Programme) -> None:
    assert "x:li" in small
    assert "x:nobody" not in small
    assert list(small) == small.keys()
    assert small.keys("expert") == ["x:zhang", "x:li"]
    assert [n["key"] for n in small.nodes("region")] == ["r:taian", "r:taishan"]


def test_counts(small: kechuang.Programme) -> None:
    kinds = dict(small.count_by_kind())
    assert kinds["expert"] == 2 and kinds["region"] == 2 and sum(kinds.values()) == len(NODES)
    rels = dict(small.count_by_relation())
    assert rels["member_of"] == 2 and sum(rels.values()) == len(EDGES)


def test_neighbors_and_incident(small: kechuang.Programme) -> None:
    assert small.neighbors("s:csm", direction="in") == ["x:zhang", "x:li"]
    assert small.neighbors("e:steel") == ["r:taishan", "d:1"]
    assert small.neighbors("e:steel", relation="posted") == ["d:1"]
    assert sorted(small.neighbors("d:1", direction="both")) == ["e:steel", "l:wang"]
    inc = small.incident("x:zhang")
    assert len(inc) == 1 and inc[0]["role"] == "council" and inc[0]["weight"] == 0.5
    with pytest.raises(kechuang.InvalidValueError):
        small.neighbors("d:1", direction="sideways")
    with pytest.raises(kechuang.InvalidValueError):
        small.neighbors("d:1", relation="likes")


def test_regions(small: kechuang.Programme) -> None:
    assert small.region_of("e:steel") == "r:taishan"
    assert small.region_of("x:li") is None
    assert small.region_ancestors("r:taishan") == ["r:taishan", "r:taian"]
    with pytest.raises(kechuang.WrongKindError):
        small.region_ancestors("e:steel")


def test_update_node_keeps_kind_and_renames(small: kechuang.Programme) -> None:
    small.update_node("x:li", {"name": "李强", "capacity": 5})
    assert small["x:li"]["capacity"] == 5
    small.update_node("x:li", {"key": "x:li2", "name": "李强"})
    assert "x:li2" in small and "x:li" not in small
    assert small.neighbors("x:li2") == ["s:csm"]
    with pytest.raises(kechuang.WrongKindError):
        small.update_node("x:li2", {"kind": "society"})
    with pytest.raises(kechuang.DuplicateKeyError):
        small.update_node("x:li2", {"key": "x:zhang"})


def test_remove_node_removes_relations(small: kechuang.Programme) -> None:
    rec = small.remove_node("x:zhang")
    assert rec["key"] == "x:zhang" and rec["capacity"] == 3
    assert small.edge_count == len(EDGES) - 1
    assert small.neighbors("s:csm", direction="in") == ["x:li"]
    new = small.add_node({"key": "x:zhang", "kind": "expert"})
    assert new == len(NODES)  # ids are never reused
    with pytest.raises(kechuang.UnknownKeyError):
        small.remove_node("x:nobody")


def test_edges_add_update_remove(small: kechuang.Programme) -> None:
    eid = small.add_edge({"relation": "engaged", "source": "x:li", "target": "d:1", "start": "2024-04-01"})
    assert small.edge(eid)["start"] == "2024-04-01"
    small.update_edge(eid, {"weight": 2.0, "role": "lead"})
    e = small.edge(eid)
    assert (e["weight"], e["role"], e["source"]) == (2.0, "lead", "x:li")
    assert "start" not in e  # update replaces the optional fields
    assert [r["id"] for r in small.edges("engaged")] == [eid]
    removed = small.remove_edge(eid)
    assert removed["relation"] == "engaged"
    with pytest.raises(kechuang.UnknownIdError):
        small.edge(eid)
    with pytest.raises(kechuang.InvalidValueError):
        small.update_edge(0, {"target": "d:1"})  # ends cannot change


def test_connect_and_relation_rules(small: kechuang.Programme) -> None:
    eid = small.connect("works_for", "l:wang", "e:steel")
    assert small.edge(eid)["relation"] == "works_for"
    with pytest.raises(kechuang.RelationNotAllowedError) as info:
        small.connect("member_of", "s:csm", "x:li")
    assert info.value.code == "relation_not_allowed"
    with pytest.raises(kechuang.UnknownKeyError):
        small.connect("member_of", "x:li", "s:nobody")


def test_failed_batch_names_position() -> None:
    p = kechuang.Programme()
    with pytest.raises(kechuang.InvalidValueError) as info:
        p.add_nodes([{"key": "a", "kind": "expert"}, {"key": "b", "kind": "expert", "tier": 1}])
    assert "records[1]" in str(info.value) and "tier" in str(info.value)
    with pytest.raises(kechuang.InvalidValueError):
        p.add_node({"key": "c", "kind": "expert", "id": 7})
    with pytest.raises(kechuang.InvalidValueError):
        p.add_node({"key": "c", "kind": "spaceship"})


def test_aliases(small: kechuang.Programme) -> None:
    small.add_alias("zhangwei", "x:zhang")
    assert small.id("zhangwei") == small.id("x:zhang")
    assert small.aliases() == [("zhangwei", "x:zhang")]
    assert small.node("zhangwei")["key"] == "x:zhang"


def test_taxonomy_round_trip(small: kechuang.Programme) -> None:
    t = small.taxonomy
    assert isinstance(t, dict)
    q = kechuang.Programme(taxonomy=t)
    assert q.taxonomy == t
    q.set_taxonomy(t)
    with pytest.raises(kechuang.InvalidValueError):
        q.set_taxonomy({"industries": 5})


def test_frozen_stats(small: kechuang.Programme) -> None:
    stats = dict(small.frozen_stats())
    assert stats["nodes"] == len(NODES) and stats["edges"] == len(EDGES)
    assert stats["heap_bytes"] > 0


def test_copy_is_independent(small: kechuang.Programme) -> None:
    for q in (small.copy(), copy.copy(small), copy.deepcopy(small)):
        assert q == small
        q.remove_node("x:li")
        assert q != small and "x:li" in small


def test_equality(small: kechuang.Programme) -> None:
    assert small == kechuang.Programme.from_json(small.to_json())
    assert small != kechuang.Programme()
    assert (small == 3) is False


def test_repr(small: kechuang.Programme) -> None:
    r = repr(small)
    assert r.startswith("<kechuang.Programme: 8 nodes") and "2 expert" in r and "6 edges" in r
    html = small._repr_html_()
    assert "<table>" in html and "专家" in html


def test_module_constants() -> None:
    assert "expert" in kechuang.NODE_KINDS and len(kechuang.NODE_KINDS) == 17
    assert "member_of" in kechuang.RELATIONS and len(kechuang.RELATIONS) == 20
    assert kechuang.__version__.count(".") == 2
