"""Scale-out benchmark: batch matching of N demands against a synthetic corpus of documents,
in one process vs. on a LocalCluster, plus the frozen programme's size and scatter time.

Run from the repository root after a release build of the extension:

    (cd bindings-python && maturin develop --release)
    .venv/bin/python bindings-python/bench/dask_bench.py                       # ~100k documents, 20k demands
    .venv/bin/python bindings-python/bench/dask_bench.py --scale 230 --demands 100000   # full size: ~1M documents
    .venv/bin/python bindings-python/bench/dask_bench.py --scale 23 --docs-per-expert 55 --demands 20000 --no-shard  # 851k documents, as reported

``--scale`` is the synth scale (1.0 = Tai'an: 4,346 documents — papers, patents and cases — for
1,000 experts, so 23 gives about 100k documents and 230 about 1M; ``--docs-per-expert`` raises
the documents without more experts). Queries are the programme's demands (by key, with their
enterprise, region and exclusions), cycled to ``--demands``. Every mode's result is checked
to be identical to the single-process one. Appends one JSON line per run to
``bindings-python/bench/results/dask.jsonl``.

Workers get ``RAYON_NUM_THREADS = cores / workers`` so the cluster does not oversubscribe the
machine; the single process uses all cores (the core's rayon pool).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import platform
import time
from typing import Any, Dict, List

import kechuang
from kechuang import distributed as kd

HERE = pathlib.Path(__file__).resolve().parent


def timed(f: Any) -> Any:
    t = time.perf_counter()
    out = f()
    return out, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=23.0)
    ap.add_argument("--docs-per-expert", type=float, default=4.0)
    ap.add_argument("--demands", type=int, default=20_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shards", type=int, default=2)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-shard", action="store_true", help="skip the sharded run")
    ap.add_argument("--out", default=str(HERE / "results" / "dask.jsonl"))
    a = ap.parse_args()

    import dask
    import pandas as pd
    from distributed import Client, LocalCluster

    rec: Dict[str, Any] = {
        "bench": "dask",
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load": os.getloadavg()[0]},
        "params": vars(a),
    }
    p, rec["synth_s"] = timed(lambda: kechuang.synth.generate(seed=a.seed, scale=a.scale, docs_per_expert=a.docs_per_expert))
    counts = {r["kind"]: r["count"] for r in p.summary()["by_kind"]}
    rec["documents"] = counts.get("document", 0)
    rec["experts"] = counts.get("expert", 0)
    rec["entities"] = len(p)
    _, rec["matcher_build_s"] = timed(lambda: p.match_demand({"text": "warm-up"}))
    keys = [str(k) for k in p.nodes_df("demand")["key"].tolist()]
    queries: List[str] = [keys[i % len(keys)] for i in range(a.demands)]
    rec["distinct_demands"] = len(keys)

    data, rec["freeze_s"] = timed(p.freeze)
    rec["frozen_bytes"] = len(data)
    _, rec["thaw_s"] = timed(lambda: kechuang.Programme.thaw(data))
    del data

    want, rec["single_process_s"] = timed(lambda: kd.match_frame(p, queries, k=a.k))
    print(f"single process: {rec['single_process_s']:.2f} s for {a.demands} demands, {rec['documents']} documents")

    threads = max(1, (os.cpu_count() or 2) // a.workers)
    env = {"RAYON_NUM_THREADS": str(threads)}
    with dask.config.set({"distributed.nanny.pre-spawn-environ": env, "distributed.nanny.environ": env}):
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True, dashboard_address=":0", timeout=120)
    client = Client(cluster, timeout=120)
    try:
        h, rec["scatter_s"] = timed(lambda: kd.scatter_programme(client, p, timeout=1800))
        print(f"frozen: {rec['frozen_bytes'] / 1e6:.1f} MB, scatter {rec['scatter_s']:.2f} s")
        # first call thaws on each worker; the second is the steady state
        got, rec["cluster_first_s"] = timed(lambda: kd.match_batch(client, h, queries, k=a.k, timeout=3600))
        got, rec["cluster_s"] = timed(lambda: kd.match_batch(client, h, queries, k=a.k, timeout=3600))
        pd.testing.assert_frame_equal(got, want)
        rec["cluster_identical"] = True
        print(f"cluster ({a.workers} workers): {rec['cluster_s']:.2f} s (first call {rec['cluster_first_s']:.2f} s)")
        if not a.no_shard:
            sh, rec["shard_build_s"] = timed(lambda: kd.shard(client, h, a.shards, timeout=3600))
            got, rec["sharded_s"] = timed(lambda: kd.match_batch(client, sh, queries, k=a.k, timeout=3600))
            pd.testing.assert_frame_equal(got, want)
            rec["sharded_identical"] = True
            print(f"sharded ({a.shards} shards): build {rec['shard_build_s']:.2f} s, match {rec['sharded_s']:.2f} s")
    finally:
        client.close(timeout=60)
        cluster.close(timeout=60)
    rec["speedup_cluster"] = rec["single_process_s"] / rec["cluster_s"]
    out = pathlib.Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a", encoding="utf-8") as f:
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(json.dumps(rec, ensure_ascii=False))


if __name__ == "__main__":
    main()
