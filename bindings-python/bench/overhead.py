"""Binding overhead: the same work through Python and through Rust, in one run.

Run from the repository root after a release build of both sides:

    (cd bindings-python && maturin develop --release)
    .venv/bin/python bindings-python/bench/overhead.py

Prints one line per benchmark with both times and the ratio Python / Rust.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pandas as pd

import kechuang

EXPERTS, SOCIETIES, EDGES = 200_000, 2_000, 1_000_000


def best_of(runs, f):
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def rust(*args: str) -> dict:
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "kechuang-python", "--example", "overhead", "--", *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def edges_from_pandas() -> None:
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


if __name__ == "__main__":
    which = sys.argv[1:] or ["edges"]
    if "edges" in which:
        edges_from_pandas()
