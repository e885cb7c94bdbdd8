#!/usr/bin/env python3
"""Peer comparison for kechuang's impact benchmarks (PageRank, betweenness).

Rebuilds, bit for bit, the synthetic graphs of core/benches/impact.rs (SplitMix64 mixing
in numpy), times igraph, rustworkx, networkx and a scipy sparse power iteration on them, then
reads kechuang's criterion estimates from target/criterion (run the cargo bench first, in the
same session) and prints the ratios.

    cargo bench -p kechuang --bench impact            # add KECHUANG_BENCH_BIG=1 for 1M/10M
    /work/venv-tools/bin/python bench/impact_peers.py [--big] [--networkx] [--json out.json]

Tolerance: kechuang and the scipy baseline stop when the total L1 change is below 1e-8;
networkx and rustworkx test the total change against n * tol, so they get tol = 1e-8 / n (the
same criterion). igraph uses PRPACK (a direct solver, no tolerance).
"""
import argparse
import glob
import json
import os
import time

import numpy as np

M64 = np.uint64(0xFFFFFFFFFFFFFFFF)
TOL = 1e-8
ALPHA = 0.85


def mix64(z):
    z = z.copy()
    z ^= z >> np.uint64(30)
    z *= np.uint64(0xBF58476D1CE4E5B9)
    z ^= z >> np.uint64(27)
    z *= np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return z


def synth(n, m, seed):
    """Same edges as `synth` in core/benches/impact.rs."""
    i = np.arange(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        a = mix64(np.uint64(seed) + np.uint64(2) * i)
        b = mix64(np.uint64(seed) + np.uint64(2) * i + np.uint64(1))
    s = (a % np.uint64(n)).astype(np.int64)
    u = (b >> np.uint64(11)).astype(np.float64) * (1.0 / float(1 << 53))
    t = np.minimum((n * u * u).astype(np.int64), n - 1)
    keep = s != t
    return s[keep], t[keep]


def timeit(f, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t0)
    return best, out


def scipy_pagerank(n, s, t):
    import scipy.sparse as sp

    A = sp.csr_matrix((np.ones(len(s)), (t, s)), shape=(n, n))  # in-CSR: row v = sources
    outdeg = np.bincount(s, minlength=n).astype(np.float64)
    dangling = outdeg == 0
    inv = np.where(dangling, 0.0, 1.0 / np.maximum(outdeg, 1))

    def run():
        x = np.full(n, 1.0 / n)
        for it in range(1000):
            xn = ALPHA * (A @ (x * inv)) + (ALPHA * x[dangling].sum() + 1 - ALPHA) / n
            err = np.abs(xn - x).sum()
            x = xn
            if err < TOL:
                break
        return x, it + 1

    return run


def criterion_ns(pattern):
    """Mean of a criterion benchmark in ns (None if it was not run)."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "criterion")
    hits = glob.glob(os.path.join(root, pattern, "new", "estimates.json"))
    if not hits:
        return None
    with open(hits[0]) as f:
        return json.load(f)["mean"]["point_estimate"]


def run_kechuang(filter_re, big):
    """Runs the criterion bench for one group, right now (so load is comparable)."""
    import subprocess

    env = dict(os.environ)
    if big:
        env["KECHUANG_BENCH_BIG"] = "1"
    else:
        env.pop("KECHUANG_BENCH_BIG", None)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    subprocess.run(
        ["cargo", "bench", "-q", "-p", "kechuang", "--bench", "impact", "--", filter_re],
        cwd=root,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--big", action="store_true", help="also 1M nodes / 10M edges")
    ap.add_argument("--networkx", action="store_true", help="include networkx PageRank at 100k (slow)")
    ap.add_argument("--networkx-betweenness", action="store_true", help="include networkx betweenness (very slow)")
    ap.add_argument("--json", help="write results here")
    ap.add_argument(
        "--interleave",
        action="store_true",
        help="run kechuang's criterion group right after its peers (fairer on a shared machine)",
    )
    args = ap.parse_args()
    import igraph as ig
    import rustworkx as rx

    res = {}
    sizes = [("100k_1M", 100_000, 1_000_000)] + ([("1M_10M", 1_000_000, 10_000_000)] if args.big else [])
    for name, n, m in sizes:
        s, t = synth(n, m, 42)
        r = {"nodes": n, "edges": int(len(s)), "checksum": [int(s.sum()), int(t.sum())]}
        rep = 3 if n <= 100_000 else 1
        run = scipy_pagerank(n, s, t)
        r["scipy"], (xs, its) = timeit(run, rep)
        r["scipy_iterations"] = its
        g = ig.Graph(n=n, edges=np.column_stack([s, t]).tolist(), directed=True)
        r["igraph"], xi = timeit(lambda: g.pagerank(damping=ALPHA), rep)
        r["igraph_vs_scipy_L1"] = float(np.abs(np.array(xi) - xs).sum())
        del g
        rg = rx.PyDiGraph()
        rg.add_nodes_from(range(n))
        rg.add_edges_from_no_data(list(zip(s.tolist(), t.tolist())))
        r["rustworkx"], _ = timeit(lambda: rx.pagerank(rg, alpha=ALPHA, tol=TOL / n, max_iter=1000), rep)
        del rg
        if args.networkx and m <= 1_000_000:
            import networkx as nx

            G = nx.DiGraph()
            G.add_nodes_from(range(n))
            G.add_edges_from(zip(s.tolist(), t.tolist()))
            r["networkx"], _ = timeit(lambda: nx.pagerank(G, alpha=ALPHA, tol=TOL / n, max_iter=1000), 1)
            del G
        if args.interleave:
            run_kechuang(f"(pagerank|pagerank_iter|stream)/{name}", big=n > 100_000)
        ns = criterion_ns(f"pagerank/{name}")
        if ns is not None:
            r["kechuang"] = ns / 1e9
            one = criterion_ns(f"pagerank_iter_{name}/1")
            eleven = criterion_ns(f"pagerank_iter_{name}/11")
            stream = criterion_ns(f"stream/{name}")
            if one and eleven and stream:
                r["kechuang_per_iteration"] = (eleven - one) / 10 / 1e9
                r["stream_bound"] = stream / 1e9
        res[f"pagerank/{name}"] = r
        print(name, json.dumps(r, indent=1))

    for name, n, m, k in [("exact_10k", 10_000, 50_000, None), ("sampled256_100k", 100_000, 500_000, 256)]:
        s, t = synth(n, m, 7)
        r = {"nodes": n, "edges": int(len(s))}
        g = ig.Graph(n=n, edges=np.column_stack([s, t]).tolist(), directed=True)
        rng = np.random.default_rng(1)
        src = None if k is None else sorted(rng.choice(n, size=k, replace=False).tolist())
        r["igraph"], _ = timeit(lambda: g.betweenness(directed=True, sources=src), 1)
        if k is None:
            rg = rx.PyDiGraph()
            rg.add_nodes_from(range(n))
            rg.add_edges_from_no_data(list(zip(s.tolist(), t.tolist())))
            r["rustworkx"], _ = timeit(lambda: rx.digraph_betweenness_centrality(rg, normalized=True), 1)
        if args.networkx_betweenness:
            import networkx as nx

            G = nx.DiGraph()
            G.add_nodes_from(range(n))
            G.add_edges_from(zip(s.tolist(), t.tolist()))
            r["networkx"], _ = timeit(lambda: nx.betweenness_centrality(G, k=k, seed=1), 1)
        if args.interleave:
            run_kechuang(f"betweenness/{name}", big=False)
        ns = criterion_ns(f"betweenness/{name}")
        if ns is not None:
            r["kechuang"] = ns / 1e9
        res[f"betweenness/{name}"] = r
        print(name, json.dumps(r, indent=1))

    print("\nratios (kechuang time / peer time; < 1 = kechuang faster)")
    for key, r in res.items():
        if "kechuang" not in r:
            print(f"{key}: kechuang not measured (run the cargo bench first)")
            continue
        parts = [f"{p} {r['kechuang'] / r[p]:.3f}" for p in ("igraph", "rustworkx", "networkx", "scipy") if p in r]
        extra = ""
        if "kechuang_per_iteration" in r:
            extra = f"; per iteration {r['kechuang_per_iteration'] * 1e3:.2f} ms = {r['kechuang_per_iteration'] / r['stream_bound']:.2f}x stream bound ({r['stream_bound'] * 1e3:.2f} ms)"
        print(f"{key} ({r['kechuang']:.3f} s): " + ", ".join(parts) + extra)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
