"""CSV folders and tables, and the cross-language CSV fixtures in tests/fixtures/csv."""

from __future__ import annotations

import json
import pathlib

import pandas as pd
import pytest

import kechuang

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "csv"


def test_write_and_load_folder(tmp_path: pathlib.Path) -> None:
    p = kechuang.synth.generate(seed=2, nodes=800, edges=2_500)
    p.remove_node(p.keys("expert")[0])  # a vacant id must survive
    p.write_csv(tmp_path)
    assert (tmp_path / "nodes.csv").exists()
    assert kechuang.Programme.load_csv(tmp_path) == p
    tables = p.to_csv_tables()
    assert set(tables) >= {"nodes", "edges"}
    assert kechuang.Programme.from_csv_tables(tables) == p
    files = {f.name: f.read_bytes() for f in tmp_path.iterdir()}
    assert kechuang.Programme.from_csv_files(files) == p


@pytest.mark.parametrize("folder", ["utf8", "utf8_bom", "gb18030"])
def test_encoding_fixtures(folder: str) -> None:
    p = kechuang.Programme.load_csv(FIXTURES / folder)
    ref = kechuang.Programme.load_csv(FIXTURES / "utf8")
    assert p == ref
    assert p["x:zhang"]["name"] == "张伟😀"
    assert p["x:zhang"]["capacity"] == 2  # full-width digit
    assert p["x:zhang"]["attrs"]["单位"] == "山东大学"  # extra column kept


def test_forced_encoding() -> None:
    with pytest.raises(kechuang.ParseError):
        kechuang.Programme.load_csv(FIXTURES / "gb18030", encoding="utf8")
    with pytest.raises(ValueError):
        kechuang.Programme.load_csv(FIXTURES / "utf8", encoding="latin-9")


def _cases() -> list:
    return json.loads((FIXTURES / "bad_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["name"])
def test_bad_csv_corpus(case: dict) -> None:
    files = {
        name: bytes.fromhex(c["hex"]) if "hex" in c else c["text"].encode("utf-8")
        for name, c in case["files"].items()
    }
    opts = case.get("options", {})
    kwargs = {k: opts[k] for k in ("encoding", "delimiter") if k in opts}
    expect = case["expect"]
    with pytest.raises(kechuang.KechuangError) as info:
        kechuang.Programme.from_csv_files(files, **kwargs)
    e = info.value
    assert isinstance(e, kechuang.error_class(expect["code"]))
    assert (e.code, e.file, e.row, e.column) == (expect["code"], expect["file"], expect["row"], expect["column"])


def test_missing_folder(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        kechuang.Programme.load_csv(tmp_path / "nowhere")


def test_from_pandas_extra_tables() -> None:
    nodes = pd.DataFrame(
        {
            "key": ["e:1", "d:1", "x:1", "x:2", "l:1"],
            "kind": ["enterprise", "demand", "expert", "expert", "liaison"],
            "posted": [None, "2024-01-05", None, None, None],
        }
    )
    edges = pd.DataFrame({"relation": ["posted"], "source": ["e:1"], "target": ["d:1"]})
    events = pd.DataFrame({"demand": ["d:1", "d:1"], "date": ["2024-02-01", "2024-01-10"], "to": ["matched", "analysed"], "actor": ["l:1", None]})
    outcomes = pd.DataFrame(
        {"key": ["o:1"], "subtype": ["economic_benefit"], "value": [1.2e6], "unit": ["CNY"], "produced_by": ["d:1"], "contributors": [["x:1", "x:2"]]}
    )
    aliases = pd.DataFrame({"alias": ["张三"], "key": ["x:1"]})
    p = kechuang.Programme.from_pandas(nodes, edges, events_df=events, outcomes_df=outcomes, aliases_df=aliases)
    assert [e["to"] for e in p["d:1"]["events"]] == ["analysed", "matched"]
    assert p["o:1"]["value"] == 1.2e6
    assert sorted(p.neighbors("o:1", direction="in")) == ["d:1", "x:1", "x:2"]
    assert p.id("张三") == p.id("x:1")

    bad = pd.DataFrame({"demand": ["d:1", "d:1"], "date": ["2024-01-10", "2024-02-01"], "to": ["analysed", "solved"]})
    with pytest.raises(kechuang.InvalidValueError) as info:
        kechuang.Programme.from_pandas(nodes, edges, events_df=bad)
    assert info.value.file == "events_df" and info.value.row == 3
