"""The cross-language oracle fixtures in the repository's tests/fixtures, through Python.

The same files are asserted on by the Rust tests, so the surfaces cannot drift. (The CSV
corpus is covered in test_csv.py.)
"""

from __future__ import annotations

import json
import math
import pathlib

import pytest

import kechuang

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures"
IMPACT = sorted((FIXTURES / "impact").glob("*.json")) if (FIXTURES / "impact").exists() else []
ASSIGN = FIXTURES / "assign" / "oracle.json"
TIGHT = {"tol": 1e-13}


def _close(got: list, want: list, what: str) -> None:
    assert len(got) == len(want), what
    for i, (g, w) in enumerate(zip(got, want)):
        if w is None or (isinstance(w, float) and math.isnan(w)):
            assert math.isnan(g), f"{what}[{i}]: {g} should be NaN"
        else:
            assert g == pytest.approx(w, abs=1e-6), f"{what}[{i}]"


@pytest.mark.skipif(not hasattr(kechuang.Programme, "pagerank"), reason="impact not bound yet")
@pytest.mark.parametrize("path", IMPACT, ids=lambda p: p.stem)
def test_impact_oracle(path: pathlib.Path) -> None:
    f = json.loads(path.read_text(encoding="utf-8"))
    keys = [f"x:{i:04}" for i in range(f["n"])]
    p = kechuang.Programme()
    p.add_nodes([{"key": k, "kind": "expert", "name": "x"} for k in keys])
    p.add_edges([{"relation": "collaborated", "source": keys[u], "target": keys[v], "weight": w} for u, v, w in f["edges"]])
    opts = {"directed": f["directed"], "pagerank": TIGHT}
    pr = p.pagerank(opts).as_dict()
    _close([pr[k] for k in keys], f["pagerank_weighted"], f"{f['name']} pagerank")
    personal = p.pagerank({"directed": f["directed"], "pagerank": {"tol": 1e-13, "alpha": 0.9}}, restart=list(zip(keys, f["personalization"]))).as_dict()
    _close([personal[k] for k in keys], f["pagerank_personalised"], f"{f['name']} personalised")
    b = p.betweenness({"normalized": False}, rank_options=opts).as_dict()
    _close([b[k] for k in keys], f["betweenness_raw"], f"{f['name']} betweenness")
    br = p.brokerage(opts).set_index("key")
    _close([br.loc[k, "constraint"] for k in keys], f["constraint_weighted"], f"{f['name']} constraint")
    _close([br.loc[k, "effective_size"] for k in keys], f["effective_size_weighted"], f"{f['name']} effective size")


def _assign_cases() -> list:
    return json.loads(ASSIGN.read_text(encoding="utf-8"))["cases"] if ASSIGN.exists() else []


@pytest.mark.skipif(not hasattr(kechuang, "assign"), reason="assignment not bound yet")
@pytest.mark.parametrize("case", _assign_cases(), ids=lambda c: c["name"])
def test_assign_oracle(case: dict) -> None:
    scale = json.loads(ASSIGN.read_text(encoding="utf-8"))["scale"]
    expected = case["expected"]
    if expected["status"] == "infeasible":
        with pytest.raises(kechuang.InfeasibleError):
            kechuang.assign(case["problem"], options={"scale": scale})
        return
    r = kechuang.assign(case["problem"], options={"scale": scale})
    assert r.to_dict()["objective"]["total_scaled"] == expected["total_scaled"]
