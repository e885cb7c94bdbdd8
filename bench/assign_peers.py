"""Assignment benchmark against peers, on the instances of core/benches/assign.rs.

    /work/venv-tools/bin/python bench/assign_peers.py            # peers + Rust criterion bench
    /work/venv-tools/bin/python bench/assign_peers.py --no-rust  # peers only

(a) 2,000 x 2,000 dense one-to-one: scipy.optimize.linear_sum_assignment(maximize=True).
(b) 5,000 demands x need 3, 20,000 experts x max load 2, 50 candidates per demand:
    OR-Tools SimpleMinCostFlow (source -> demand cap 3 -> expert cap 1, cost -round(score*1e6)
    -> sink cap 2).
Instances are built from the same counter-based splitmix64 hash as the Rust bench, so both
sides solve identical problems; scores have 6 decimals, so the integer optimum is exact.
Peer times are the median of 5 runs (solve call only; OR-Tools graph building reported apart).
Rust times are criterion's mean (target/criterion/assign/*/new/estimates.json); the tight
variant (8,000 experts, fair solver without its optimality certificate) is timed once.
"""
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

M64 = np.uint64(0xFFFFFFFFFFFFFFFF)
ROOT = Path(__file__).resolve().parent.parent


def mix(x):
    with np.errstate(over="ignore"):
        z = x.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def score(i):
    return ((mix(i) >> np.uint64(11)) % np.uint64(1_000_000) + np.uint64(1)).astype(np.float64) / 1e6


def timed(f, reps=5):
    ts, out = [], None
    for _ in range(reps):
        t = time.perf_counter()
        out = f()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts), out


def dense(n=2000):
    from scipy.optimize import linear_sum_assignment
    s = score(np.arange(n * n, dtype=np.uint64)).reshape(n, n)
    t, (r, c) = timed(lambda: linear_sum_assignment(s, maximize=True))
    return {"time_s": t, "total": float(s[r, c].sum())}


def sparse(nd=5000, ne=20000, k=50, contested=False):
    from ortools.graph.python import min_cost_flow
    d = np.repeat(np.arange(nd, dtype=np.uint64), k)
    kk = np.tile(np.arange(k, dtype=np.uint64), nd)
    base = mix(np.uint64(10_000_000) + d) % np.uint64(ne)
    step = np.uint64(1) + mix(np.uint64(20_000_000) + d) % np.uint64(min(397, ne // k - 1))
    e = (base + kk * step) % np.uint64(ne)
    sc = score(np.uint64(5_000_000) + d * np.uint64(k) + kk)
    if contested:  # half the score is the expert's popularity (round half away from zero, as Rust)
        sc = np.floor((sc + score(np.uint64(30_000_000) + e)) * 5e5 + 0.5) / 1e6
    cost = -np.rint(sc * 1e6).astype(np.int64)
    src, snk = nd + ne, nd + ne + 1

    def build():
        m = min_cost_flow.SimpleMinCostFlow()
        m.add_arcs_with_capacity_and_unit_cost(np.full(nd, src), np.arange(nd), np.full(nd, 3), np.zeros(nd, dtype=np.int64))
        m.add_arcs_with_capacity_and_unit_cost(d.astype(np.int64), nd + e.astype(np.int64), np.ones(nd * k, dtype=np.int64), cost)
        m.add_arcs_with_capacity_and_unit_cost(nd + np.arange(ne), np.full(ne, snk), np.full(ne, 2), np.zeros(ne, dtype=np.int64))
        m.set_nodes_supplies(np.array([src, snk]), np.array([3 * nd, -3 * nd]))
        return m

    tb, _ = timed(build, reps=3)
    ms = [build() for _ in range(5)]
    it = iter(ms)

    def solve():
        m = next(it)
        st = m.solve()
        assert st == m.OPTIMAL, st
        return m

    t, m = timed(solve)
    return {"time_s": t, "build_s": tb, "total": -m.optimal_cost() / 1e6}


def rust():
    report = Path("/tmp/assign_bench_report.json")
    env = dict(os.environ, ASSIGN_BENCH_REPORT=str(report))
    subprocess.run(["cargo", "bench", "-p", "kechuang", "--bench", "assign"], cwd=ROOT, env=env, check=True)
    out = json.loads(report.read_text())
    for name in out:
        est = ROOT / "target" / "criterion" / "assign" / name / "new" / "estimates.json"
        if est.exists():
            out[name]["time_s"] = json.loads(est.read_text())["mean"]["point_estimate"] / 1e9
    return out


def main():
    peers = {"dense_2000_scipy": dense(), "sparse_5000_ortools": sparse(),
             "tight_8000_ortools": sparse(ne=8000, contested=True)}
    print(json.dumps(peers, indent=1))
    if "--no-rust" in sys.argv:
        return
    r = rust()
    print(json.dumps(r, indent=1))
    a, b = peers["dense_2000_scipy"], peers["sparse_5000_ortools"]
    print("\n| case | peer | peer s | kechuang s | ratio (ours/peer) | same objective |")
    print("|---|---|---|---|---|---|")
    print(f"| (a) dense 2000x2000 | scipy LSA | {a['time_s']:.3f} | {r['dense_2000']['time_s']:.3f} | "
          f"{r['dense_2000']['time_s'] / a['time_s']:.2f} | {abs(a['total'] - r['dense_2000']['total']) < 1e-6} |")
    for name in ["sparse_5000", "sparse_5000_fair", "sparse_5000_greedy"]:
        print(f"| (b) {name} | OR-Tools MCF (solve) | {b['time_s']:.3f} | {r[name]['time_s']:.3f} | "
              f"{r[name]['time_s'] / b['time_s']:.2f} | {abs(b['total'] - r[name]['total']) < 1e-6} (total {r[name]['total']:.6f} vs {b['total']:.6f}) |")
    print(f"OR-Tools graph building (not in its solve time): {b['build_s']:.3f} s")
    to, tf = r["tight_8000_optimal"], r["tight_8000_fair"]
    print(f"tight variant (8,000 experts, one run each): optimal {to['once_s']:.3f} s worst {to['worst']:.6f} "
          f"total {to['total']:.6f} (OR-Tools {peers['tight_8000_ortools']['time_s']:.3f} s, total "
          f"{peers['tight_8000_ortools']['total']:.6f}); fair {tf['once_s']:.3f} s worst {tf['worst']:.6f} total {tf['total']:.6f} exact={tf['exact']}")


if __name__ == "__main__":
    main()
