#!/usr/bin/env python3
"""kechuang against its peers, side by side, in one run.

Every (task, scale, tool) runs in its own fresh Python process, several times; each process loads
the same seeded input from a cache directory, prepares what the tool needs (untimed: building the
tool's graph object, data frames, …), then times the one operation with ``time.perf_counter``.
Each child reports its own peak resident set size (``VmHWM`` from /proc/self/status: interpreter,
libraries, input, the tool's data and the operation) and what the timed operation adds (RSS
sampled every 2 ms with psutil). Answers are saved by the children and compared by the parent: a
fast wrong answer does not count.

    bash scripts/setup-bench.sh                                  # peers into .venv (pinned)
    (cd bindings-python && maturin develop --release)            # the binding, optimised
    .venv/bin/python bindings-python/bench/peers.py --quick      # S only, one run each (CI)
    .venv/bin/python bindings-python/bench/peers.py --scale S,M --out bindings-python/bench/results/peers.jsonl
    .venv/bin/python bindings-python/bench/report.py             # BENCHMARKS.md from the JSON

Output: one JSON object per line per (task, scale, tool) with ``task, scale, tool, version,
median_s, min_s, max_s, peak_mb, agrees, runs, detail``. ``peak_mb`` is MiB (the maximum over the
runs). ``agrees`` is true/false when the tool computes the same quantity as kechuang (checked
against kechuang's answer; kechuang's own row is true when every comparable peer agrees), and null
where the methods differ (BM25 vs TF-IDF, two different dedup rules): then ``detail`` carries the
overlap or the precision/recall against the planted truth instead. The exit status is 1 when any
agreement check fails or any run crashes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# ---- sizes -----------------------------------------------------------------------------------

GRAPH = {"S": (10_000, 50_000), "M": (100_000, 1_000_000), "L": (1_000_000, 10_000_000)}
DOCS = {"S": 10_000, "M": 100_000, "L": 1_000_000}
QUERIES = 1_000
FUZZY = {"S": (200, 2_000), "M": (1_000, 10_000)}  # queries x vocabulary
DENSE = {"S": 500, "M": 2_000}
CAPACITATED = {"S": (1_250, 5_000), "M": (5_000, 20_000)}  # demands (need 3) x experts (max 2)
NAMES = {"S": 10_000, "M": 100_000}
RUNS = {"S": 5, "M": 3, "L": 1}
# fewer runs where one run takes long: (task, tool) -> most runs
MAX_RUNS = {("betweenness", "networkx"): 1, ("constraint", "networkx"): 1, ("betweenness", "kechuang"): 3,
            ("betweenness", "igraph"): 3, ("betweenness", "rustworkx"): 3, ("graph_build", "networkx"): 3}
SAMPLES = 256  # betweenness sources on M and L
SEED = 20240601
ALPHA = 0.85

TASKS: Dict[str, Dict[str, Any]] = {
    "graph_build": {
        "title": "Graph build from edge arrays",
        "tools": ["kechuang", "rustworkx", "igraph", "networkx"],
        "scales": ["S", "M", "L"],
    },
    "pagerank": {
        "title": "PageRank (directed, unweighted, alpha 0.85, L1 change < 1e-10)",
        "tools": ["kechuang", "igraph", "rustworkx", "networkx", "scipy"],
        "scales": ["S", "M", "L"],
    },
    "ppr": {
        "title": "Personalised PageRank (restart on 10 seed nodes)",
        "tools": ["kechuang", "igraph", "rustworkx", "networkx"],
        "scales": ["S", "M", "L"],
    },
    "betweenness": {
        "title": "Betweenness (directed; exact on S, 256 sampled sources on M)",
        "tools": ["kechuang", "igraph", "rustworkx", "networkx"],
        "scales": ["S", "M"],
    },
    "constraint": {
        "title": "Burt's constraint",
        "tools": ["kechuang", "igraph", "networkx"],
        "scales": ["S", "M"],
    },
    "matching": {
        "title": "Top-10 text matching for 1,000 demands (index build + queries)",
        "tools": ["kechuang", "sklearn"],
        "scales": ["S", "M", "L"],
    },
    "fuzzy": {
        "title": "Keyword fuzzy similarity (queries x vocabulary, best match per query)",
        "tools": ["kechuang", "rapidfuzz"],
        "scales": ["S", "M"],
    },
    "assign_dense": {
        "title": "Dense one-to-one assignment (n x n)",
        "tools": ["kechuang", "scipy"],
        "scales": ["S", "M"],
    },
    "assign_capacitated": {
        "title": "Capacitated assignment (demands need 3, experts take 2, 50 candidates each)",
        "tools": ["kechuang", "ortools"],
        "scales": ["S", "M"],
    },
    "dedup": {
        "title": "Duplicate detection on enterprise names",
        "tools": ["kechuang", "rapidfuzz"],
        "scales": ["S", "M"],
    },
}

# (task, tool) -> scales where the tool is left out, and why (slow pure-Python code or a missing
# option). The report prints these reasons.
SKIP: Dict[Tuple[str, str], Dict[str, str]] = {
    ("betweenness", "networkx"): {
        "M": "networkx takes its own random sample (no way to pass the 256 sources) and would need ~10 min",
    },
    ("betweenness", "rustworkx"): {"M": "rustworkx has no sampled betweenness"},
    ("constraint", "networkx"): {"M": "pure Python, O(n d^2): several minutes at 1M edges"},
    ("graph_build", "networkx"): {"L": "pure Python: ~6 min and > 10 GB at 10M edges"},
    ("pagerank", "networkx"): {"L": "building the networkx graph alone takes minutes at 10M edges"},
    ("ppr", "networkx"): {"L": "building the networkx graph alone takes minutes at 10M edges"},
}
# left out of --quick (each takes more than a few seconds even at S)
QUICK_SKIP = {("betweenness", "networkx"), ("constraint", "networkx"), ("betweenness", "rustworkx")}

# tasks whose peers compute the same quantity as kechuang; the others report overlap instead
SAME_METHOD = {"graph_build", "pagerank", "ppr", "betweenness", "constraint", "assign_dense", "assign_capacitated"}

PACKAGES = {
    "kechuang": "kechuang",
    "rustworkx": "rustworkx",
    "igraph": "igraph",
    "networkx": "networkx",
    "scipy": "scipy",
    "sklearn": "scikit-learn",
    "rapidfuzz": "rapidfuzz",
    "ortools": "ortools",
}


# ---- seeded inputs (written once per cache directory, read by every child) ----------------------


def _rng(*salt: int) -> Any:
    import numpy as np

    return np.random.default_rng([SEED, *salt])


def make_graph(scale: str, path: Path) -> None:
    """A directed simple graph (no self-loops, no parallel edges) with exactly m edges: sources
    uniform, targets skewed towards low ids (t = n u^2), so in-degrees are heavy-tailed and some
    nodes are dangling (no out-edges)."""
    import numpy as np

    n, m = GRAPH[scale]
    rng = _rng(1, n)
    src_parts, tgt_parts, have = [], [], 0
    seen = np.empty(0, dtype=np.int64)
    while have < m:
        k = int((m - have) * 1.2) + 1000
        s = rng.integers(0, n, size=k, dtype=np.int64)
        u = rng.random(k)
        t = np.minimum((n * u * u).astype(np.int64), n - 1)
        code = s * n + t
        keep = s != t
        code = code[keep]
        _, first = np.unique(code, return_index=True)
        code = code[np.sort(first)]
        code = code[~np.isin(code, seen)]
        code = code[: m - have]
        seen = np.concatenate([seen, code])
        src_parts.append(code // n)
        tgt_parts.append(code % n)
        have += len(code)
    src = np.concatenate(src_parts).astype(np.int32)
    tgt = np.concatenate(tgt_parts).astype(np.int32)
    seeds = np.sort(rng.choice(n, size=10, replace=False)).astype(np.int32)
    np.savez(path, n=n, src=src, tgt=tgt, seeds=seeds, sources=betweenness_sources(n, SAMPLES))


def betweenness_sources(n: int, k: int, seed: int = 0) -> Any:
    """kechuang's sample (partial Fisher-Yates with SplitMix64, see
    core/src/impact/betweenness.rs), so igraph can be given exactly the same sample."""
    import numpy as np

    mask = (1 << 64) - 1
    state = seed
    if k >= n:
        return np.arange(n, dtype=np.int32)
    all_ = list(range(n))
    for i in range(k):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z ^= z >> 31
        j = i + ((z * (n - i)) >> 64)
        all_[i], all_[j] = all_[j], all_[i]
    return np.array(sorted(all_[:k]), dtype=np.int32)


def make_corpus(scale: str, path: Path) -> None:
    """Documents of 30-90 words drawn from a Zipf(1.07) law over a 50,000-word vocabulary, and
    1,000 demands of 4-8 words from the same law without its 100 most frequent words."""
    import numpy as np

    n_docs, vocab = DOCS[scale], 50_000
    rng = _rng(2, n_docs)
    p = np.arange(1, vocab + 1, dtype=np.float64) ** -1.07
    p /= p.sum()
    lens = rng.integers(30, 90, size=n_docs)
    words = rng.choice(vocab, size=int(lens.sum()), p=p)
    ends = np.cumsum(lens)
    with open(path / "docs.txt", "w", encoding="utf-8") as f:
        start = 0
        for e in ends:
            f.write(" ".join(f"w{w}" for w in words[start:e]) + "\n")
            start = e
    q = p[100:] / p[100:].sum()
    with open(path / "queries.txt", "w", encoding="utf-8") as f:
        for _ in range(QUERIES):
            k = int(rng.integers(4, 9))
            f.write(" ".join(f"w{w + 100}" for w in rng.choice(vocab - 100, size=k, p=q)) + "\n")


SYLLABLES = (
    "ther mo dy na mic cat al ysis poly mer bio sen sor nano fib re vib ra tion mon it or ing "
    "hy dro gen fuel cell sem i con duc tor lith ium bat ter y pho to vol ta ic ro bot ics "
    "lo gis tics fer men ta tion ce ram ic al loy weld ing coat ing fil ter mem brane"
).split()


def make_fuzzy(scale: str, path: Path) -> None:
    """A vocabulary of distinct technical-looking keywords (2-4 syllables) and queries: 80% are a
    vocabulary keyword with one typo (substitution, deletion, insertion or transposition), 20%
    unrelated new words. The planted answer of a typo query is its source keyword."""
    nq, nv = FUZZY[scale]
    rng = _rng(3, nv)
    vocab: List[str] = []
    seen = set()
    while len(vocab) < nv:
        w = "".join(SYLLABLES[i] for i in rng.integers(0, len(SYLLABLES), size=int(rng.integers(2, 5))))
        if w not in seen:
            seen.add(w)
            vocab.append(w)
    letters = "abcdefghijklmnopqrstuvwxyz"
    queries, truth = [], []
    for _ in range(nq):
        if rng.random() < 0.8:
            i = int(rng.integers(0, nv))
            w = list(vocab[i])
            pos = int(rng.integers(0, len(w) - 1))
            op = int(rng.integers(0, 4))
            if op == 0:
                w[pos] = letters[int(rng.integers(0, 26))]
            elif op == 1:
                del w[pos]
            elif op == 2:
                w.insert(pos, letters[int(rng.integers(0, 26))])
            else:
                w[pos], w[pos + 1] = w[pos + 1], w[pos]
            queries.append("".join(w))
            truth.append(i)
        else:
            queries.append("".join(letters[int(j)] for j in rng.integers(0, 26, size=int(rng.integers(6, 14)))))
            truth.append(-1)
    (path / "fuzzy.json").write_text(json.dumps({"vocab": vocab, "queries": queries, "truth": truth}))


NAME_CHARS = (
    "泰山岱宗鲁华恒瑞兴达隆盛丰源宏伟金鑫汇通博信诚东方明德正泽佳和嘉安康宁新天力海洋中远建邦科越昌瑞祥辉光腾飞"
    "凯旋胜利英豪龙凤鹏程锦绣万年长青松柏翠云霞晨阳齐岳峰川江河湖泉林森"
)
INDUSTRY_WORDS = ["钢铁", "机械", "化工", "纺织", "新材料", "电子", "能源", "建材", "医药", "食品", "汽车配件", "环保", "农业", "物流"]
LEGAL_SUFFIXES = ["有限公司", "股份有限公司", "集团有限公司", "有限责任公司", "科技有限公司"]
PLACE_PREFIXES = ["", "泰安市", "山东省", "山东省泰安市", "新泰市", "肥城"]


def make_names(scale: str, path: Path) -> None:
    """Enterprise names: 95% distinct firms (2-3 name characters + industry + legal suffix), 5%
    planted variants of a firm (a place prefix added and/or another legal suffix), as in
    core/benches/dedup.rs. ``firm[i]`` is the firm name i refers to."""
    n = NAMES[scale]
    rng = _rng(4, n)
    distinct = n - n // 20
    names, cores, firm = [], [], []
    seen = set()
    while len(names) < distinct:
        core = "".join(NAME_CHARS[int(i)] for i in rng.integers(0, len(NAME_CHARS), size=int(rng.integers(2, 4))))
        core += INDUSTRY_WORDS[int(rng.integers(0, len(INDUSTRY_WORDS)))]
        if core in seen:
            continue
        seen.add(core)
        firm.append(len(names))
        cores.append(core)
        names.append(core + LEGAL_SUFFIXES[int(rng.integers(0, len(LEGAL_SUFFIXES)))])
    while len(names) < n:
        b = int(rng.integers(0, distinct))
        firm.append(b)
        names.append(
            PLACE_PREFIXES[int(rng.integers(0, len(PLACE_PREFIXES)))]
            + cores[b]
            + LEGAL_SUFFIXES[int(rng.integers(0, len(LEGAL_SUFFIXES)))]
        )
    (path / "names.json").write_text(json.dumps({"names": names, "firm": firm}, ensure_ascii=False))


def prepare(task: str, scale: str, cache: Path) -> Path:
    """The input directory of (task, scale), generated on first use."""
    kind = {
        "graph_build": "graph",
        "pagerank": "graph",
        "ppr": "graph",
        "betweenness": "graph",
        "constraint": "graph",
        "matching": "corpus",
        "fuzzy": "fuzzy",
        "dedup": "names",
    }.get(task)
    if kind is None:  # the assignment instances are generated in the child from the seed
        return cache
    d = cache / f"{kind}_{scale}"
    done = d / "ok"
    if not done.exists():
        d.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        if kind == "graph":
            make_graph(scale, d / "graph.npz")
        elif kind == "corpus":
            make_corpus(scale, d)
        elif kind == "fuzzy":
            make_fuzzy(scale, d)
        else:
            make_names(scale, d)
        done.write_text("")
        print(f"  input {kind} {scale}: {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return d


# ---- assignment instances (counter-based hash, as bench/assign_peers.py and core/benches) ----


def _mix(x: Any) -> Any:
    import numpy as np

    with np.errstate(over="ignore"):
        z = x.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def _score(i: Any) -> Any:
    """Scores in (0, 1] with 6 decimals, so integer-cost solvers find the exact optimum."""
    import numpy as np

    return ((_mix(i) >> np.uint64(11)) % np.uint64(1_000_000) + np.uint64(1)).astype(np.float64) / 1e6


def dense_instance(scale: str) -> Any:
    import numpy as np

    n = DENSE[scale]
    return _score(np.arange(n * n, dtype=np.uint64)).reshape(n, n)


def capacitated_instance(scale: str) -> Tuple[int, int, Any, Any, Any]:
    """(demands, experts, demand of each pair, expert of each pair, score): 50 distinct
    candidates per demand."""
    import numpy as np

    nd, ne = CAPACITATED[scale]
    k = 50
    d = np.repeat(np.arange(nd, dtype=np.uint64), k)
    kk = np.tile(np.arange(k, dtype=np.uint64), nd)
    base = _mix(np.uint64(10_000_000) + d) % np.uint64(ne)
    step = np.uint64(1) + _mix(np.uint64(20_000_000) + d) % np.uint64(min(397, ne // k - 1))
    e = (base + kk * step) % np.uint64(ne)
    sc = _score(np.uint64(5_000_000) + d * np.uint64(k) + kk)
    return nd, ne, d.astype(np.int64), e.astype(np.int64), sc


# ---- the children ------------------------------------------------------------------------------


def _peak_mib() -> float:
    """This process's peak RSS in MiB: ``VmHWM`` of /proc/self/status (the high-water mark of
    the current address space, which starts afresh at exec). Not ``ru_maxrss``: Linux carries
    the pre-exec address space's peak into it, and with vfork that is the *parent's* peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class Clock:
    """Times exactly one operation; remembers the peak RSS before it and samples the RSS every
    2 ms during it (psutil, in a thread) for the memory the operation itself adds."""

    def __init__(self) -> None:
        self.seconds: Optional[float] = None
        self.setup_peak_mb: Optional[float] = None
        self.op_mb: Optional[float] = None

    def __call__(self, f: Callable[[], Any]) -> Any:
        import threading

        import psutil

        proc = psutil.Process()
        before = proc.memory_info().rss
        high = [before]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.002):
                high[0] = max(high[0], proc.memory_info().rss)

        th = threading.Thread(target=sample, daemon=True)
        self.setup_peak_mb = _peak_mib()
        th.start()
        t = time.perf_counter()
        out = f()
        self.seconds = time.perf_counter() - t
        stop.set()
        th.join()
        high[0] = max(high[0], proc.memory_info().rss)
        self.op_mb = (high[0] - before) / 2**20
        return out


def _load_graph(d: Path) -> Tuple[int, Any, Any, Any, Any]:
    import numpy as np

    z = np.load(d / "graph.npz")
    return int(z["n"]), z["src"], z["tgt"], z["seeds"], z["sources"]


def _keys(n: int) -> List[str]:
    return [f"x:{i}" for i in range(n)]


def _kechuang_graph(n: int, src: Any, tgt: Any) -> Any:
    import kechuang

    p = kechuang.Programme.from_arrays(_keys(n), src, tgt, relation="collaborated")
    p.frozen_stats()  # the frozen (CSR) view is built once and cached, like a peer's graph object
    return p


def _scores_vector(scores: Any, n: int) -> Any:
    import numpy as np

    d = scores.as_dict()  # key -> score in id order; ids follow the node order x:0 .. x:n-1
    assert len(d) == n
    return np.fromiter(d.values(), dtype=np.float64, count=n)


RANK = {"directed": True, "pagerank": {"alpha": ALPHA, "tol": 1e-10, "max_iter": 1000}}


def child_graph_build(tool: str, d: Path, clock: Clock) -> Any:
    n, src, tgt, _, _ = _load_graph(d)
    keys = [f"x:{i}" for i in range(n)]
    if tool == "kechuang":
        import kechuang

        def build() -> Any:
            p = kechuang.Programme.from_arrays(keys, src, tgt, relation="collaborated")
            p.frozen_stats()
            return p

        p = clock(build)
        return {"nodes": p.node_count, "edges": p.edge_count}
    if tool == "rustworkx":
        import rustworkx as rx

        def build() -> Any:
            g = rx.PyDiGraph(multigraph=False)
            g.add_nodes_from(keys)
            g.extend_from_edge_list(list(zip(src.tolist(), tgt.tolist())))
            return g

        g = clock(build)
        return {"nodes": g.num_nodes(), "edges": g.num_edges()}
    if tool == "igraph":
        import igraph as ig
        import numpy as np

        def build() -> Any:
            g = ig.Graph(n=n, edges=np.column_stack([src, tgt]), directed=True)
            g.vs["key"] = keys
            return g

        g = clock(build)
        return {"nodes": g.vcount(), "edges": g.ecount()}
    if tool == "networkx":
        import networkx as nx

        def build() -> Any:
            g = nx.DiGraph()
            g.add_nodes_from((i, {"key": k}) for i, k in enumerate(keys))
            g.add_edges_from(zip(src.tolist(), tgt.tolist()))
            return g

        g = clock(build)
        return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
    raise SystemExit(f"no {tool} for graph_build")


def child_pagerank(tool: str, d: Path, clock: Clock, personalised: bool = False) -> Any:
    import numpy as np

    n, src, tgt, seeds, _ = _load_graph(d)
    seeds = seeds.tolist()
    if tool == "kechuang":
        p = _kechuang_graph(n, src, tgt)
        restart = [(f"x:{s}", 1.0) for s in seeds] if personalised else None
        s = clock(lambda: p.pagerank(RANK, restart=restart))
        return _scores_vector(s, n)
    if tool == "igraph":
        import igraph as ig

        g = ig.Graph(n=n, edges=np.column_stack([src, tgt]), directed=True)
        if personalised:
            return np.array(clock(lambda: g.personalized_pagerank(damping=ALPHA, reset_vertices=seeds)))
        return np.array(clock(lambda: g.pagerank(damping=ALPHA)))
    if tool == "rustworkx":
        import rustworkx as rx

        g = rx.PyDiGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from_no_data(list(zip(src.tolist(), tgt.tolist())))
        pers = {s: 1.0 for s in seeds} if personalised else None
        # rustworkx, like networkx, stops when the L1 change is below n * tol
        r = clock(lambda: rx.pagerank(g, alpha=ALPHA, tol=1e-10 / n, max_iter=1000, personalization=pers))
        return np.array([r[i] for i in range(n)])
    if tool == "networkx":
        import networkx as nx

        g = nx.DiGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from(zip(src.tolist(), tgt.tolist()))
        pers = {s: 1.0 for s in seeds} if personalised else None
        r = clock(lambda: nx.pagerank(g, alpha=ALPHA, tol=1e-10 / n, max_iter=1000, personalization=pers))
        return np.array([r[i] for i in range(n)])
    if tool == "scipy":
        import scipy.sparse as sp

        def run() -> Any:
            a = sp.csr_matrix((np.ones(len(src)), (tgt, src)), shape=(n, n))
            outdeg = np.bincount(src, minlength=n).astype(np.float64)
            dangling = outdeg == 0
            inv = np.where(dangling, 0.0, 1.0 / np.maximum(outdeg, 1))
            x = np.full(n, 1.0 / n)
            for _ in range(1000):
                xn = ALPHA * (a @ (x * inv)) + (ALPHA * x[dangling].sum() + 1 - ALPHA) / n
                err = np.abs(xn - x).sum()
                x = xn
                if err < 1e-10:
                    break
            return x

        return clock(run)
    raise SystemExit(f"no {tool} for pagerank")


def child_betweenness(tool: str, d: Path, clock: Clock, scale: str, sampled_on_s: bool = False) -> Any:
    import numpy as np

    n, src, tgt, _, sources = _load_graph(d)
    sampled = scale != "S" or bool(sampled_on_s)
    if tool == "kechuang":
        p = _kechuang_graph(n, src, tgt)
        opts: Dict[str, Any] = {"directed": True, "normalized": True, "seed": 0}
        if sampled:
            opts["samples"] = SAMPLES
        s = clock(lambda: p.betweenness(opts, rank_options=RANK))
        return _scores_vector(s, n)
    if tool == "igraph":
        import igraph as ig

        g = ig.Graph(n=n, edges=np.column_stack([src, tgt]), directed=True)
        if not sampled:
            raw = np.array(clock(lambda: g.betweenness(directed=True)))
            return raw / ((n - 1) * (n - 2))
        # kechuang runs Brandes on the in-edges (the reversed graph) from its k sampled nodes;
        # igraph gets the reversed graph and exactly those sources (igraph's `targets=` would
        # run a BFS from every node), and the same estimator scaling (networkx's:
        # 1/((k-1)(n-2)) on sampled nodes, 1/(k(n-2)) elsewhere)
        g = ig.Graph(n=n, edges=np.column_stack([tgt, src]), directed=True)
        smp = sources.tolist()
        raw = np.array(clock(lambda: g.betweenness(directed=True, sources=smp)))
        f = np.full(n, 1.0 / (SAMPLES * (n - 2)))
        f[sources] = 1.0 / ((SAMPLES - 1) * (n - 2))
        return raw * f
    if tool == "rustworkx":
        import rustworkx as rx

        g = rx.PyDiGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from_no_data(list(zip(src.tolist(), tgt.tolist())))
        r = clock(lambda: rx.digraph_betweenness_centrality(g, normalized=True))
        return np.array([r[i] for i in range(n)])
    if tool == "networkx":
        import networkx as nx

        g = nx.DiGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from(zip(src.tolist(), tgt.tolist()))
        r = clock(lambda: nx.betweenness_centrality(g, normalized=True))
        return np.array([r[i] for i in range(n)])
    raise SystemExit(f"no {tool} for betweenness")


def child_constraint(tool: str, d: Path, clock: Clock) -> Any:
    import numpy as np

    n, src, tgt, _, _ = _load_graph(d)
    if tool == "kechuang":
        p = _kechuang_graph(n, src, tgt)
        df = clock(lambda: p.brokerage(RANK))
        return df["constraint"].to_numpy(dtype=np.float64)
    if tool == "igraph":
        import igraph as ig

        g = ig.Graph(n=n, edges=np.column_stack([src, tgt]), directed=True)
        return np.array(clock(lambda: g.constraint()), dtype=np.float64)
    if tool == "networkx":
        import networkx as nx

        g = nx.DiGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from(zip(src.tolist(), tgt.tolist()))
        r = clock(lambda: nx.constraint(g))
        return np.array([r[i] for i in range(n)], dtype=np.float64)
    raise SystemExit(f"no {tool} for constraint")


TEXT_ONLY = {
    "weights": {
        "text": 1.0,
        "taxonomy": 0.0,
        "network": 0.0,
        "track_record": 0.0,
        "availability": 0.0,
        "seniority": 0.0,
        "locality": 0.0,
    }
}


def child_matching(tool: str, d: Path, clock: Clock) -> Any:
    import numpy as np

    docs = (d / "docs.txt").read_text(encoding="utf-8").splitlines()
    queries = (d / "queries.txt").read_text(encoding="utf-8").splitlines()
    if tool == "kechuang":
        import kechuang
        import pandas as pd

        # one expert per document, the document as its profile text; text relevance only
        nodes = pd.DataFrame({"key": [f"x:{i}" for i in range(len(docs))], "kind": "expert", "text": docs})
        p = kechuang.Programme.from_pandas(nodes)
        del nodes, docs
        p.set_match_config(TEXT_ONLY)
        qs = [{"text": q} for q in queries]
        res = clock(lambda: p.match_batch(qs, k=10))  # builds the index, then answers all
        return [[int(k[2:]) for k in r.keys()] for r in res]
    if tool == "sklearn":
        from sklearn.feature_extraction.text import TfidfVectorizer

        def run() -> Any:
            vec = TfidfVectorizer()
            x = vec.fit_transform(docs)
            xt = x.T.tocsr()
            q = vec.transform(queries)
            tops = []
            for a in range(0, len(queries), 100):
                s = (q[a : a + 100] @ xt).toarray()
                part = np.argpartition(-s, 10, axis=1)[:, :10]
                for row, idx in zip(s, part):
                    tops.append(idx[np.argsort(-row[idx], kind="stable")].tolist())
            return tops

        return clock(run)
    raise SystemExit(f"no {tool} for matching")


def child_fuzzy(tool: str, d: Path, clock: Clock) -> Any:
    import numpy as np

    data = json.loads((d / "fuzzy.json").read_text())
    vocab, queries = data["vocab"], data["queries"]
    if tool == "kechuang":
        import kechuang

        found = clock(lambda: kechuang.similar_keywords(queries, vocab, k=1))
        return {
            "best": [h[0][0] if h else -1 for h in found],
            "score": [h[0][2] if h else 0.0 for h in found],
        }
    if tool == "rapidfuzz":
        from rapidfuzz import process
        from rapidfuzz.distance import JaroWinkler

        def run() -> Any:
            m = process.cdist(queries, vocab, scorer=JaroWinkler.normalized_similarity, dtype=np.float32, workers=-1)
            return np.argmax(m, axis=1), m[np.arange(len(queries)), np.argmax(m, axis=1)]

        best, score = clock(run)
        return {"best": best.tolist(), "score": score.tolist()}
    raise SystemExit(f"no {tool} for fuzzy")


def child_assign_dense(tool: str, scale: str, clock: Clock) -> Any:
    s = dense_instance(scale)
    n = s.shape[0]
    if tool == "kechuang":
        import kechuang

        problem = {
            "demands": [{"key": f"d{i}", "need": 1} for i in range(n)],
            "experts": [{"key": f"x{j}", "min_load": 0, "max_load": 1} for j in range(n)],
            "matrix": s,  # the 2-D numpy array, read in one copy
        }
        r = clock(lambda: kechuang.assign(problem))
        return {"total": r.total}
    if tool == "scipy":
        from scipy.optimize import linear_sum_assignment

        rows, cols = clock(lambda: linear_sum_assignment(s, maximize=True))
        return {"total": float(s[rows, cols].sum())}
    raise SystemExit(f"no {tool} for assign_dense")


def child_assign_capacitated(tool: str, scale: str, clock: Clock) -> Any:
    import numpy as np

    nd, ne, d, e, sc = capacitated_instance(scale)
    if tool == "kechuang":
        import kechuang

        problem = {
            "demands": [{"key": f"d{i}", "need": 3} for i in range(nd)],
            "experts": [{"key": f"x{j}", "min_load": 0, "max_load": 2} for j in range(ne)],
            # columns: positions into demands / experts, read in one copy each
            "affinities": {"demand": d, "expert": e, "score": sc},
        }
        r = clock(lambda: kechuang.assign(problem))
        return {"total": r.total}
    if tool == "ortools":
        from ortools.graph.python import min_cost_flow

        cost = -np.rint(sc * 1e6).astype(np.int64)
        source, sink = nd + ne, nd + ne + 1

        def run() -> Any:  # building the network is part of the work, as kechuang's is
            m = min_cost_flow.SimpleMinCostFlow()
            m.add_arcs_with_capacity_and_unit_cost(
                np.full(nd, source), np.arange(nd), np.full(nd, 3), np.zeros(nd, dtype=np.int64)
            )
            m.add_arcs_with_capacity_and_unit_cost(d, nd + e, np.ones(len(d), dtype=np.int64), cost)
            m.add_arcs_with_capacity_and_unit_cost(
                nd + np.arange(ne), np.full(ne, sink), np.full(ne, 2), np.zeros(ne, dtype=np.int64)
            )
            m.set_nodes_supplies(np.array([source, sink]), np.array([3 * nd, -3 * nd]))
            status = m.solve()
            assert status == m.OPTIMAL, status
            return m

        m = clock(run)
        return {"total": -m.optimal_cost() / 1e6}
    raise SystemExit(f"no {tool} for assign_capacitated")


def rapidfuzz_dedup(names: List[str], threshold: float = 95.0) -> List[Tuple[int, int]]:
    """The peer: what a careful notebook user writes with rapidfuzz. Normalise (strip the place
    prefixes and legal suffixes the generator uses, which kechuang strips too), block on the
    first two characters of the normalised name, and score every pair inside a block with
    ``fuzz.ratio`` via ``process.cdist`` (all cores), keeping pairs ≥ ``threshold`` (95: the
    best F1 on S among 85, 88, 90, 92, 95; at 85 precision is 0.66). (Blocking
    on the last two characters as well would catch more misspellings but they are the industry
    word here, so blocks get huge: 7 s instead of 0.1 s at 10k names.)"""
    import numpy as np
    from rapidfuzz import fuzz, process

    places = sorted((p for p in PLACE_PREFIXES if p), key=len, reverse=True)
    suffixes = sorted(LEGAL_SUFFIXES, key=len, reverse=True)

    def norm(s: str) -> str:
        for p in places:
            if s.startswith(p):
                s = s[len(p) :]
                break
        for x in suffixes:
            if s.endswith(x):
                s = s[: -len(x)]
                break
        return s

    normed = [norm(s) for s in names]
    pairs = set()
    blocks: Dict[str, List[int]] = {}
    for i, s in enumerate(normed):
        blocks.setdefault(s[:2], []).append(i)
    for members in blocks.values():
        if len(members) < 2:
            continue
        texts = [normed[i] for i in members]
        m = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.uint8, workers=-1)
        a, b = np.nonzero(np.triu(m, 1))
        for x, y in zip(a.tolist(), b.tolist()):
            pairs.add((members[x], members[y]))
    return sorted(pairs)


def child_dedup(tool: str, d: Path, clock: Clock) -> Any:
    data = json.loads((d / "names.json").read_text(encoding="utf-8"))
    names = data["names"]
    if tool == "kechuang":
        import kechuang
        import pandas as pd

        nodes = pd.DataFrame({"key": [f"e:{i}" for i in range(len(names))], "kind": "enterprise", "name": names})
        p = kechuang.Programme.from_pandas(nodes)
        r = clock(lambda: p.find_duplicates())
        pairs = [(int(x["a"][2:]), int(x["b"][2:])) for x in r.to_dict()["pairs"]]
        return sorted((min(a, b), max(a, b)) for a, b in pairs)
    if tool == "rapidfuzz":
        return clock(lambda: rapidfuzz_dedup(names))
    raise SystemExit(f"no {tool} for dedup")


def child_main(spec: Dict[str, Any]) -> None:
    """Runs one (task, scale, tool) once and prints its timing as JSON; saves the answer."""
    import pickle

    task, scale, tool, d = spec["task"], spec["scale"], spec["tool"], Path(spec["input"])
    clock = Clock()
    if task == "graph_build":
        ans = child_graph_build(tool, d, clock)
    elif task in ("pagerank", "ppr"):
        ans = child_pagerank(tool, d, clock, personalised=task == "ppr")
    elif task == "betweenness":
        ans = child_betweenness(tool, d, clock, scale, spec.get("sampled", False))
    elif task == "constraint":
        ans = child_constraint(tool, d, clock)
    elif task == "matching":
        ans = child_matching(tool, d, clock)
    elif task == "fuzzy":
        ans = child_fuzzy(tool, d, clock)
    elif task == "assign_dense":
        ans = child_assign_dense(tool, scale, clock)
    elif task == "assign_capacitated":
        ans = child_assign_capacitated(tool, scale, clock)
    elif task == "dedup":
        ans = child_dedup(tool, d, clock)
    else:
        raise SystemExit(f"unknown task {task}")
    if spec.get("answer"):
        with open(spec["answer"], "wb") as f:
            pickle.dump(ans, f)
    from importlib.metadata import version

    print(
        json.dumps(
            {
                "time_s": clock.seconds,
                "setup_peak_mb": clock.setup_peak_mb,
                "op_mb": clock.op_mb,
                "peak_mb": _peak_mib(),
                "version": version(PACKAGES[tool]),
            }
        )
    )


# ---- the parent --------------------------------------------------------------------------------


def run_child(spec: Dict[str, Any], timeout: float) -> Dict[str, Any]:
    """One fresh process, waited for with a timeout; it reports its own peak RSS (VmHWM)."""
    out = tempfile.TemporaryFile(mode="w+")
    err = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen([sys.executable, __file__, "--child", json.dumps(spec)], stdout=out, stderr=err)
    t0 = time.monotonic()
    while True:
        pid, status = os.waitpid(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - t0 > timeout:
            proc.kill()
            os.waitpid(proc.pid, 0)
            return {"error": f"timed out after {timeout:.0f} s"}
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    if proc.returncode != 0:
        return {"error": f"exit {proc.returncode}: {err.read()[-2000:]}"}
    return dict(json.loads(out.read().strip().splitlines()[-1]))


def _load_answer(path: Path) -> Any:
    import pickle

    with open(path, "rb") as f:
        return pickle.load(f)


def compare(task: str, tool: str, ref: Any, ans: Any, extra: Dict[str, Any]) -> Tuple[Optional[bool], Dict[str, Any]]:
    """Does ``ans`` (tool) agree with ``ref`` (kechuang)? Returns (agrees, detail)."""
    import numpy as np

    if task == "graph_build":
        return ans == ref, {"nodes": ans["nodes"], "edges": ans["edges"]}
    if task in ("pagerank", "ppr"):
        l1 = float(np.abs(ans - ref).sum())
        top_same = set(np.argsort(-ans, kind="stable")[:10]) == set(np.argsort(-ref, kind="stable")[:10])
        return l1 < 1e-6, {"l1_vs_kechuang": l1, "same_top10": bool(top_same)}
    if task == "betweenness":
        dev = float(np.abs(ans - ref).max() / max(ref.max(), 1e-300))
        return dev < 1e-6, {"max_rel_dev_vs_kechuang": dev}
    if task == "constraint":
        both = ~(np.isnan(ans) | np.isnan(ref))
        same_nan = bool((np.isnan(ans) == np.isnan(ref)).all())
        dev = float(np.abs(ans[both] - ref[both]).max()) if both.any() else 0.0
        return dev < 1e-9 and same_nan, {"max_abs_dev_vs_kechuang": dev, "same_undefined": same_nan}
    if task in ("assign_dense", "assign_capacitated"):
        diff = abs(ans["total"] - ref["total"])
        return diff < 1e-6, {"objective": ans["total"], "objective_diff": diff}
    if task == "fuzzy":
        # kechuang scores only keywords within 1-2 edits (trigram filter), rapidfuzz every pair:
        # where kechuang finds a match, rapidfuzz's best must have the same Jaro-Winkler score
        found = [i for i, b in enumerate(ref["best"]) if b >= 0]
        same = sum(1 for i in found if abs(ans["score"][i] - ref["score"][i]) < 1e-6)  # float32 matrix
        return None, {"same_best_where_kechuang_found": round(same / max(len(found), 1), 4),
                      "kechuang_found": len(found)}
    if task == "matching":
        overlap = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ans, ref)]))
        return None, {"top10_overlap_with_kechuang": overlap}
    return None, {}


def quality(task: str, ans: Any, inp: Path) -> Dict[str, Any]:
    """Quality against the planted truth, for tasks where methods differ."""
    if task == "dedup":
        firm = json.loads((inp / "names.json").read_text(encoding="utf-8"))["firm"]
        from collections import Counter

        tp = sum(1 for a, b in ans if firm[a] == firm[b])
        truth = sum(c * (c - 1) // 2 for c in Counter(firm).values())
        return {
            "pairs": len(ans),
            "precision": round(tp / max(len(ans), 1), 4),
            "recall": round(tp / max(truth, 1), 4),
        }
    if task == "fuzzy":
        truth = json.loads((inp / "fuzzy.json").read_text())["truth"]
        planted = [(b, t) for b, t in zip(ans["best"], truth) if t >= 0]
        return {"top1_accuracy_on_typos": round(sum(b == t for b, t in planted) / max(len(planted), 1), 4)}
    return {}


def machine() -> Dict[str, Any]:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": ram,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", default="S,M", help="comma-separated of S, M, L (default S,M)")
    ap.add_argument("--tasks", default=",".join(TASKS), help="comma-separated tasks (default all): " + ", ".join(TASKS))
    ap.add_argument("--tools", default=None, help="only these tools (comma-separated; kechuang is always run)")
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: S only, one run each, slow peers left out, betweenness sampled")
    ap.add_argument("--skip", default="", help="comma-separated task/tool pairs to leave out, e.g. betweenness/networkx")
    ap.add_argument("--runs", type=int, default=None, help="runs per (task, scale, tool); default S 5, M 3, L 1")
    ap.add_argument("--out", default=None, help="write JSON lines here (default: stdout only)")
    ap.add_argument("--cache", default=str(ROOT / "target" / "bench-inputs"), help="where the seeded inputs are kept")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds per child process")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child_main(json.loads(args.child))
        return 0

    scales = ["S"] if args.quick else [s.strip() for s in args.scale.split(",") if s.strip()]
    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    for t in tasks:
        if t not in TASKS:
            ap.error(f"unknown task {t!r}; choose from {', '.join(TASKS)}")
    for s in scales:
        if s not in ("S", "M", "L"):
            ap.error(f"unknown scale {s!r}; choose from S, M, L")
    only = set(args.tools.split(",")) | {"kechuang"} if args.tools else None
    skip = {x.strip() for x in args.skip.split(",") if x.strip()}
    cache = Path(args.cache)
    answers = Path(tempfile.mkdtemp(prefix="kechuang-bench-"))
    out = open(args.out, "a", encoding="utf-8") if args.out else None
    meta = {
        "meta": True,
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "command": " ".join([".venv/bin/python", os.path.relpath(__file__, ROOT), *sys.argv[1:]]),
        "machine": machine(),
        "load_average_start": os.getloadavg(),
    }
    if out:
        out.write(json.dumps(meta) + "\n")
    failures = 0
    for scale in scales:
        for task in tasks:
            info = TASKS[task]
            if scale not in info["scales"]:
                continue
            print(f"== {task} {scale}", file=sys.stderr)
            inp = prepare(task, scale, cache)
            rows: Dict[str, Dict[str, Any]] = {}
            for tool in info["tools"]:
                if only is not None and tool not in only:
                    continue
                why = SKIP.get((task, tool), {}).get(scale)
                if why or (args.quick and (task, tool) in QUICK_SKIP) or f"{task}/{tool}" in skip:
                    continue
                runs = args.runs or (1 if args.quick else min(RUNS[scale], MAX_RUNS.get((task, tool), 99)))
                answer = answers / f"{task}_{scale}_{tool}.pkl"
                times, peaks, setup, ops, version, error = [], [], [], [], None, None
                for r in range(runs):
                    spec = {"task": task, "scale": scale, "tool": tool, "input": str(inp),
                            "answer": str(answer) if r == 0 else None,
                            # the smoke samples 256 sources on S too: exact S takes ~10 s per tool
                            # in release builds and minutes in the debug build CI tests
                            "sampled": args.quick}
                    res = run_child(spec, args.timeout)
                    if "error" in res:
                        error = res["error"]
                        break
                    times.append(res["time_s"])
                    peaks.append(res["peak_mb"])
                    setup.append(res["setup_peak_mb"])
                    ops.append(res["op_mb"])
                    version = res["version"]
                row: Dict[str, Any] = {"task": task, "scale": scale, "tool": tool, "version": version}
                if error:
                    row.update({"median_s": None, "min_s": None, "max_s": None, "peak_mb": None, "agrees": False,
                                "runs": len(times), "detail": {"error": error}})
                else:
                    row.update({
                        "median_s": round(statistics.median(times), 6),
                        "min_s": round(min(times), 6),
                        "max_s": round(max(times), 6),
                        "peak_mb": round(max(peaks), 1),
                        "agrees": None,
                        "runs": runs,
                        "detail": {"setup_peak_mb": round(max(setup), 1), "op_mb": round(max(ops), 1)},
                    })
                    row["_answer"] = answer
                rows[tool] = row
                print(f"   {tool:<10} {row['median_s'] if row['median_s'] is not None else 'FAILED'} s  "
                      f"{row['peak_mb']} MiB", file=sys.stderr)
            # agreement: every peer against kechuang; kechuang agrees when every comparable peer does
            ref_row = rows.get("kechuang")
            ref = _load_answer(ref_row["_answer"]) if ref_row and "_answer" in ref_row else None
            verdicts = []
            for tool, row in rows.items():
                if "_answer" not in row:
                    continue
                ans = _load_answer(row["_answer"])
                row["detail"].update(quality(task, ans, inp))
                if tool != "kechuang" and ref is not None:
                    ok, det = compare(task, tool, ref, ans, {})
                    row["agrees"] = ok
                    row["detail"].update(det)
                    if ok is not None:
                        verdicts.append(ok)
            if ref_row and "_answer" in ref_row:
                ref_row["agrees"] = all(verdicts) if verdicts and task in SAME_METHOD else None
                if task in SAME_METHOD and task == "graph_build":
                    ref_row["detail"].update(ref)
            for row in rows.values():
                row.pop("_answer", None)
                if row["agrees"] is False:
                    failures += 1
                    print(f"   DISAGREES: {task} {scale} {row['tool']}: {row['detail']}", file=sys.stderr)
                line = json.dumps(row)
                print(line, flush=True)
                if out:
                    out.write(line + "\n")
                    out.flush()
    if out:
        out.write(json.dumps({"meta": True, "load_average_end": os.getloadavg(), "date_end": time.strftime("%Y-%m-%d %H:%M:%S %Z")}) + "\n")
        out.close()
    if failures:
        print(f"{failures} failed or disagreeing result(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
