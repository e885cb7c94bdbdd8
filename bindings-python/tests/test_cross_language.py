"""The cross-language fixture (tests/fixtures/cross_language/): Python's ``to_json()`` of each
case's result must equal, byte for byte, the JSON the Rust core wrote (core/tests/cross_language.rs
checks the same files, and so does the WASM suite)."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Callable, Dict

import pytest

import kechuang

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures"
CROSS = FIXTURES / "cross_language"
FIXTURE = json.loads((CROSS / "cases.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def programme() -> kechuang.Programme:
    text = (FIXTURES / "snapshots" / FIXTURE["snapshot"]).read_text(encoding="utf-8")
    return kechuang.Programme.from_json(text)


# Each op the way a Python user calls it.
OPS: Dict[str, Callable[[kechuang.Programme, Dict[str, Any]], Any]] = {
    "match": lambda p, a: p.match_demand(a),
    "affinity_table": lambda p, a: p.affinity_table(a["demands"], k=a["k"]),
    "assign": lambda p, a: p.assign(demands=a["demands"], k=a["k"], rules=a.get("rules")),
    "pagerank": lambda p, a: p.pagerank(a),
    "leaderboard": lambda p, a: p.leaderboard(a["n"], options=a.get("options")),
    "report": lambda p, a: p.report(a),
}


def test_every_op_is_covered() -> None:
    assert {c["op"] for c in FIXTURE["cases"]} == set(OPS)


@pytest.mark.parametrize("case", FIXTURE["cases"], ids=lambda c: c["name"])
def test_byte_identical_to_rust(programme: kechuang.Programme, case: Dict[str, Any]) -> None:
    want = (CROSS / "expected" / f"{case['name']}.json").read_text(encoding="utf-8")
    got = OPS[case["op"]](programme, case["args"]).to_json()
    if got != want:
        # Point at the first difference rather than dumping kilobytes.
        i = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        pytest.fail(f"{case['name']}: differs at byte {i}: got …{got[i - 40:i + 40]}… want …{want[i - 40:i + 40]}…")
