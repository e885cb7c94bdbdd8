#!/usr/bin/env python3
"""Peer comparison for the matching text index: kechuang BM25 vs scikit-learn.

Builds one synthetic corpus (Zipf(1.07) over a 50k-word vocabulary, 30-90 words per
document, queries of 4-8 words drawn from the same law without its 100 most frequent words,
like stop words), then in the same run measures

* scikit-learn: TfidfVectorizer.fit_transform (build), the CSR matrix's bytes (memory),
  transform + sparse dot product + argpartition top-10 per query (single, p50/p99) and for
  all queries in chunks of 100 (batch) -- the common notebook approach;
* kechuang: `cargo bench -p kechuang --bench matching` in peer mode on the same files
  (build, heap bytes, single p50/p99, batch with rayon, batch one query at a time).

Usage: /work/venv-tools/bin/python bench/matching_peers.py [--docs 100000] [--queries 1000]
Prints a table and writes target/matching_peers/DOCS/result.json.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def corpus(n_docs, n_queries, vocab=50_000, seed=7):
    rng = np.random.default_rng(seed)
    ranks = np.arange(1, vocab + 1, dtype=np.float64)
    p = ranks ** -1.07
    p /= p.sum()
    lens = rng.integers(30, 90, size=n_docs)
    words = rng.choice(vocab, size=int(lens.sum()), p=p)
    docs, at = [], 0
    for l in lens:
        docs.append(" ".join(f"w{w}" for w in words[at:at + l]))
        at += l
    q = p[100:] / p[100:].sum()
    queries = []
    for _ in range(n_queries):
        k = int(rng.integers(4, 9))
        queries.append(" ".join(f"w{w + 100}" for w in rng.choice(vocab - 100, size=k, p=q)))
    return docs, queries


def sklearn_run(docs, queries):
    t = time.perf_counter()
    vec = TfidfVectorizer()
    X = vec.fit_transform(docs)
    build = time.perf_counter() - t
    mem = X.data.nbytes + X.indices.nbytes + X.indptr.nbytes
    XT = X.T.tocsr()
    lat = []
    for qtext in queries[:300]:
        t = time.perf_counter()
        s = (vec.transform([qtext]) @ XT).toarray().ravel()
        top = np.argpartition(-s, 10)[:10]
        top = top[np.argsort(-s[top])]
        lat.append(time.perf_counter() - t)
    lat.sort()
    t = time.perf_counter()
    Q = vec.transform(queries)
    tops = []
    for a in range(0, len(queries), 100):
        S = (Q[a:a + 100] @ XT).toarray()
        part = np.argpartition(-S, 10, axis=1)[:, :10]
        for row, idx in zip(S, part):
            tops.append(idx[np.argsort(-row[idx])].tolist())
    batch = time.perf_counter() - t
    return {
        "build_s": build,
        "index_bytes": int(mem),
        "p50_ms": lat[len(lat) // 2] * 1e3,
        "p99_ms": lat[int(round((len(lat) - 1) * 0.99))] * 1e3,
        "batch_qps": len(queries) / batch,
        "top10_first20": tops[:20],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=1000)
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(root, "target", "matching_peers", str(args.docs))
    os.makedirs(out, exist_ok=True)
    t = time.perf_counter()
    docs, queries = corpus(args.docs, args.queries)
    with open(os.path.join(out, "docs.txt"), "w") as f:
        f.write("\n".join(docs) + "\n")
    with open(os.path.join(out, "queries.txt"), "w") as f:
        f.write("\n".join(queries) + "\n")
    print(f"corpus: {len(docs)} docs, {len(queries)} queries ({time.perf_counter() - t:.1f} s)", file=sys.stderr)
    sk = sklearn_run(docs, queries)
    env = dict(os.environ, KECHUANG_PEER_CORPUS=out)
    subprocess.run(["cargo", "bench", "-q", "-p", "kechuang", "--bench", "matching"], cwd=root, env=env, check=True)
    with open(os.path.join(out, "rust.json")) as f:
        rs = json.load(f)
    overlap = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(rs["top10_first20"], sk["top10_first20"])])
    result = {
        "docs": args.docs,
        "queries": args.queries,
        "kechuang": {k: v for k, v in rs.items() if k != "top10_first20"},
        "sklearn": {k: v for k, v in sk.items() if k != "top10_first20"},
        "ratios": {
            "batch_throughput": rs["batch_qps"] / sk["batch_qps"],
            "batch_throughput_1thread": rs["batch_1thread_qps"] / sk["batch_qps"],
            "index_memory": rs["index_bytes"] / sk["index_bytes"],
            "build_time": rs["build_s"] / sk["build_s"],
            "p50": rs["p50_ms"] / sk["p50_ms"],
        },
        "top10_overlap_bm25_vs_tfidf": overlap,
    }
    with open(os.path.join(out, "result.json"), "w") as f:
        json.dump(result, f, indent=2)
    print(f"{'':22}{'kechuang':>14}{'scikit-learn':>14}{'ratio':>10}")
    rows = [
        ("build (s)", rs["build_s"], sk["build_s"]),
        ("index memory (MB)", rs["index_bytes"] / 1e6, sk["index_bytes"] / 1e6),
        ("single p50 (ms)", rs["p50_ms"], sk["p50_ms"]),
        ("single p99 (ms)", rs["p99_ms"], sk["p99_ms"]),
        ("batch (queries/s)", rs["batch_qps"], sk["batch_qps"]),
        ("batch 1 thread (q/s)", rs["batch_1thread_qps"], sk["batch_qps"]),
    ]
    for name, a, b in rows:
        print(f"{name:22}{a:14.3f}{b:14.3f}{a / b:10.2f}")
    print(f"top-10 overlap BM25 vs TF-IDF cosine (first 20 queries): {overlap:.2f}; threads: {rs['threads']}")


if __name__ == "__main__":
    main()
