"""Binding overhead: the same work through Python and through Rust, in one run.

Run from the repository root after release builds of both sides:

    (cd bindings-python && maturin develop --release)
    .venv/bin/python bindings-python/bench/overhead.py [edges] [match] [pagerank]

Each benchmark prints both times and the ratio Python / Rust (best of 3).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any, Callable

import kechuang

EXPERTS, SOCIETIES, EDGES = 200_000, 2_000, 1_000_000


def best_of(runs: int, f: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def rust(*args: Any) -> dict:
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "kechuang-python", "--example", "overhead", "--", *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def edges_from_pandas() -> None:
    import pandas as pd

    nodes = pd.DataFrame(
        {
            "key": [f"s:{i}" for i in range(SOCIETIES)] + [f"x:{i}" for i in range(EXPERTS)],
            "kind": ["society"] * SOCIETIES + ["expert"] * EXPERTS,
        }
    )
    edges = pd.DataFrame(
        {
            "relation": ["member_of"] * EDGES,
            "source": [f"x:{i % EXPERTS}" for i in range(EDGES)],
            "target": [f"s:{(i * 7 + i // EXPERTS) % SOCIETIES}" for i in range(EDGES)],
        }
    )
    py = best_of(3, lambda: kechuang.Programme.from_pandas(nodes, edges))
    rs = rust("edges", EXPERTS, SOCIETIES, EDGES)
    base = rs["build_including_records"]
    print(
        f"load {EDGES:,} edges: pandas -> Programme {py:.3f} s; Rust records -> graph {base:.3f} s "
        f"(graph only {rs['build_from_records']:.3f} s); ratio {py / base:.2f}x (target < 2x)"
    )


def match_demands(n: int = 1000, scale: float = 2.0) -> None:
    p = kechuang.synth.generate(seed=1, scale=scale)
    keys = p.keys("demand")[:n]
    t = time.perf_counter()
    p.match_demand(keys[0])  # builds and caches the matcher
    build = time.perf_counter() - t
    py = best_of(3, lambda: p.match_batch(keys, k=10))
    rs = rust("match", scale, n)
    print(
        f"match {len(keys):,} demands: Python {py:.3f} s, Rust {rs['match_batch']:.3f} s, "
        f"ratio {py / rs['match_batch']:.2f}x (target <= 1.2x); matcher build {build:.3f} s vs {rs['matcher_build']:.3f} s"
    )


def pagerank(nodes: int = 200_000, edges: int = 1_000_000) -> None:
    p = kechuang.synth.generate(seed=1, nodes=nodes, edges=edges)
    p.pagerank()  # builds the frozen view once, as the Rust side does before timing
    py = best_of(3, p.pagerank)
    rs = rust("pagerank", nodes, edges)
    print(f"pagerank on {edges:,} edges: Python {py:.3f} s, Rust {rs['pagerank']:.3f} s, ratio {py / rs['pagerank']:.2f}x (target <= 1.2x)")


if __name__ == "__main__":
    which = sys.argv[1:] or ["edges", "match", "pagerank"]
    if "edges" in which:
        edges_from_pandas()
    if "match" in which:
        match_demands()
    if "pagerank" in which:
        pagerank()
