#!/usr/bin/env python3
"""Graph-build benchmark: kechuang vs rustworkx, igraph and networkx, from the same arrays.

Every library runs in its own process (so peak RSS is its own) and builds, from the arrays
written by `graph_build write DIR`, a directed multigraph whose nodes carry their string key
and whose edges carry their weight. kechuang additionally validates each edge against the
relation table, stores the relation kind, and builds its frozen CSR view, all inside the timing.

    cargo run --release -p kechuang-examples --bin graph_build -- write /tmp/gb/10m --nodes 1000000 --edges 10000000
    /work/venv-tools/bin/python bench/graph_build_peers.py /tmp/gb/10m [--libs kechuang,rustworkx,igraph,networkx]

Prints one JSON line per library and a table of ratios against kechuang.
"""
import json
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def load(d):
    import numpy as np

    src = np.fromfile(os.path.join(d, "sources.u32"), dtype="<u4")
    tgt = np.fromfile(os.path.join(d, "targets.u32"), dtype="<u4")
    w = np.fromfile(os.path.join(d, "weights.f32"), dtype="<f4")
    with open(os.path.join(d, "keys.txt"), encoding="utf-8") as f:
        keys = f.read().split("\n")
    return keys, src, tgt, w


def one(lib, d):
    keys, src, tgt, w = load(d)
    n, m = len(keys), len(src)
    inputs = peak_mib()
    t = time.perf_counter()
    if lib == "rustworkx":
        import rustworkx as rx

        g = rx.PyDiGraph(multigraph=True)
        g.add_nodes_from(keys)
        g.extend_from_weighted_edge_list(list(zip(src.tolist(), tgt.tolist(), w.tolist())))
        assert g.num_nodes() == n and g.num_edges() == m
    elif lib == "igraph":
        import igraph as ig

        g = ig.Graph(n=n, edges=list(zip(src.tolist(), tgt.tolist())), directed=True)
        g.vs["key"] = keys
        g.es["weight"] = w.tolist()
        assert g.vcount() == n and g.ecount() == m
    elif lib == "networkx":
        import networkx as nx

        g = nx.MultiDiGraph()
        g.add_nodes_from((i, {"key": k}) for i, k in enumerate(keys))
        g.add_weighted_edges_from(zip(src.tolist(), tgt.tolist(), w.tolist()))
        assert g.number_of_nodes() == n and g.number_of_edges() == m
    else:
        raise SystemExit(f"unknown library {lib}")
    total = time.perf_counter() - t
    print(json.dumps({"library": lib, "nodes": n, "edges": m, "total_s": round(total, 3),
                      "peak_rss_mib": round(peak_mib()), "inputs_rss_mib": round(inputs)}))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "--one":
        return one(sys.argv[2], sys.argv[3])
    d = sys.argv[1]
    libs = "kechuang,rustworkx,igraph,networkx"
    if "--libs" in sys.argv:
        libs = sys.argv[sys.argv.index("--libs") + 1]
    rows = []
    for lib in libs.split(","):
        if lib == "kechuang":
            exe = os.path.join(ROOT, "target", "release", "graph_build")
            cmd = [exe, "build", d]
        else:
            cmd = [sys.executable, __file__, "--one", lib, d]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        print(json.dumps(row), flush=True)
        rows.append(row)
    base = next((r for r in rows if r["library"] == "kechuang"), None)
    if base:
        print(f"\n{'library':<10} {'time s':>8} {'peak MiB':>9} {'time ×kc':>9} {'mem ×kc':>8}")
        for r in rows:
            print(f"{r['library']:<10} {r['total_s']:>8.2f} {r['peak_rss_mib']:>9} "
                  f"{r['total_s'] / base['total_s']:>9.2f} {r['peak_rss_mib'] / base['peak_rss_mib']:>8.2f}")


if __name__ == "__main__":
    main()
