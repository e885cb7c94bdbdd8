"""JSON snapshots, files and pickling."""

from __future__ import annotations

import json
import pathlib
import pickle

import pytest

import kechuang


def test_json_round_trip(small: kechuang.Programme) -> None:
    text = small.to_json()
    snap = json.loads(text)
    assert snap["schema_version"] == 2
    assert len(snap["nodes"]) == small.node_count and len(snap["edges"]) == small.edge_count
    again = kechuang.Programme.from_json(text)
    assert again == small
    assert again.to_json() == text
    assert "\n" in small.to_json(pretty=True)


def test_round_trip_keeps_ids_after_removal(small: kechuang.Programme) -> None:
    small.remove_node("x:zhang")
    again = kechuang.Programme.from_json(small.to_json())
    assert again.id("x:li") == small.id("x:li")
    assert again.add_node({"key": "x:new", "kind": "expert"}) == small.add_node({"key": "x:new", "kind": "expert"})


def test_save_load(small: kechuang.Programme, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "taian.json"
    small.save(path)
    assert kechuang.Programme.load(path) == small
    small.save(str(path), pretty=True)
    assert kechuang.Programme.load(str(path)) == small


def test_file_errors(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError) as info:
        kechuang.Programme.load(tmp_path / "missing.json")
    assert isinstance(info.value, kechuang.PathNotFoundError)
    with pytest.raises(OSError) as info2:
        kechuang.Programme().save(tmp_path)  # a directory
    assert info2.value.code in ("io_error", "file_not_found")


def test_parse_and_version_errors() -> None:
    with pytest.raises(kechuang.ParseError) as info:
        kechuang.Programme.from_json('{"schema_version": 1, "nodes": [}')
    assert info.value.row == 1
    with pytest.raises(kechuang.UnsupportedVersionError):
        kechuang.Programme.from_json('{"schema_version": 999}')
    with pytest.raises(kechuang.InvalidValueError) as info2:
        kechuang.Programme.from_json('{"schema_version": 1, "nodes": [{"key": "a", "kind": "expert", "tier": 3}]}')
    assert "nodes[0]" in str(info2.value)


def test_pickle(small: kechuang.Programme) -> None:
    for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(small, protocol=proto))
        assert isinstance(again, kechuang.Programme)
        assert again == small
        assert again.neighbors("s:csm", direction="in") == small.neighbors("s:csm", direction="in")


def test_meta_round_trips_through_json_csv_and_pickle(tmp_path: pathlib.Path) -> None:
    p = kechuang.synth.taian(3)
    assert "泰安" in p.meta["title"] and "seed 3" in p.meta["source"]
    p.set_meta({"title": "泰安市", "as_of": "2024-12-31"})
    assert p.meta == {"title": "泰安市", "as_of": "2024-12-31"}
    assert json.loads(p.to_json())["schema_version"] == 2
    assert kechuang.Programme.from_json(p.to_json()).meta == p.meta
    p.write_csv(tmp_path)
    assert kechuang.Programme.load_csv(tmp_path).meta == p.meta
    assert json.loads(p.to_csv_tables()["meta"]) == p.meta
    assert pickle.loads(pickle.dumps(p)).meta == p.meta
    with pytest.raises(kechuang.InvalidValueError):
        p.set_meta({"titel": "typo"})
