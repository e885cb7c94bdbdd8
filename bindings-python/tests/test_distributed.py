"""kechuang.distributed on a real LocalCluster (2 worker processes): results equal the
single-process ones, sharded and unsharded, and survive a worker killed mid-run."""

from __future__ import annotations

import os
import pathlib
import sys
import threading
import time
from typing import Any, Dict, Iterator, List

import pytest

import kechuang
from kechuang import distributed as kd

distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

START_TIMEOUT = 60  # seconds to start the cluster
WAIT = 120.0  # seconds any gather may take before the test fails instead of hanging


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    import cloudpickle

    # the worker-killing task below is defined here; ship it by value
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # the HTTP server on a free port: never clashes with another cluster
        timeout=START_TIMEOUT,
    )
    c = distributed.Client(cluster, timeout=START_TIMEOUT)
    try:
        c.wait_for_workers(2, timeout=START_TIMEOUT)
        yield c
    finally:
        c.close(timeout=30)
        cluster.close(timeout=30)
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def taian() -> kechuang.Programme:
    return kechuang.synth.taian(3)


@pytest.fixture(scope="module")
def larger() -> kechuang.Programme:
    # twice Tai'an: about 21k entities
    return kechuang.synth.generate(seed=5, scale=2.0)


def demand_keys(p: kechuang.Programme) -> List[str]:
    return [str(k) for k in p.nodes_df("demand")["key"].tolist()]


def test_frozen_bytes_round_trip(taian: kechuang.Programme) -> None:
    data = taian.freeze()
    back = kechuang.Programme.thaw(data)
    assert back.shard is None
    assert back.to_json() == taian.to_json()
    qs = demand_keys(taian)[:20]
    assert back.match_batch(qs) == taian.match_batch(qs)
    with pytest.raises(kechuang.ParseError):
        kechuang.Programme.thaw(b"not a programme")
    with pytest.raises(kechuang.KechuangError):
        kechuang.Programme.thaw(data[: len(data) // 2])


def test_shard_alone_refuses_plain_matching(taian: kechuang.Programme) -> None:
    stats = kechuang.merge_shard_stats([taian.shard_stats(i, 2) for i in range(2)])
    s0 = kechuang.Programme.thaw(taian.freeze_shard(0, 2, stats))
    assert s0.shard == (0, 2)
    with pytest.raises(kechuang.InvalidValueError):
        s0.match_demand(demand_keys(taian)[0])
    with pytest.raises(kechuang.InvalidValueError):
        taian.freeze_shard(0, 2, taian.shard_stats(0, 2))  # statistics of one shard only
    with pytest.raises(kechuang.NotImplementedYetError):
        s0.shard_extremes([demand_keys(taian)[0]], target="teams")


def test_shard_round_inputs_must_match_the_queries(taian: kechuang.Programme) -> None:
    p = kechuang.synth.taian(3)
    p.set_match_config({"feedback": {"units": 4, "min_units": 2, "weight": 0.3}})
    stats = kechuang.merge_shard_stats([p.shard_stats(i, 2) for i in range(2)])
    s0 = kechuang.Programme.thaw(p.freeze_shard(0, 2, stats))
    qs = demand_keys(p)[:3]
    fb = kechuang.merge_feedback([s0.shard_feedback(qs)], 4)
    ext = s0.shard_extremes(qs, fb)
    assert len(s0.match_shard(qs, ext, fb)) == 3
    for call, field in [
        (lambda: s0.match_shard(qs, ext, fb[:2]), "feedback"),  # was silently no feedback
        (lambda: s0.match_shard(qs, ext, None), "feedback"),  # feedback is on
        (lambda: s0.match_shard(qs, ext[:2], fb), "extremes"),  # was named "contexts"
        (lambda: kechuang.merge_feedback([[[]] * 3, [[]] * 2], 4), "parts"),  # was cut to shard 0's
    ]:
        with pytest.raises(kechuang.InvalidValueError) as e:
            call()
        assert e.value.field == field, str(e.value)


def test_worker_cache_loads_once_per_token_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: List[str] = []

    def slow_load() -> Any:
        loads.append("x")
        time.sleep(0.3)
        return kechuang.Programme()

    token = "test-token-threads"
    out: List[Any] = []
    threads = [threading.Thread(target=lambda: out.append(kd._cached(token, 1, slow_load))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(loads) == 1 and len(out) == 4 and all(o is out[0] for o in out)
    assert kd._forget([token]) == 1 and not kd._LOADING


def test_batch_matching_equals_single_process(client: Any, taian: kechuang.Programme) -> None:
    qs = demand_keys(taian)
    h = kd.scatter_programme(client, taian)
    want = kd.match_frame(taian, qs, k=5)
    got = kd.match_batch(client, h, qs, k=5, timeout=WAIT)
    pd.testing.assert_frame_equal(got, want)
    assert len(got) > len(qs)  # several candidates per demand
    # the same handle serves free-text queries with other common fields
    texts: List[Any] = [{"text": "余热回收 waste heat"}, {"text": "轴承故障诊断"}, {"text": "新材料", "target": "societies"}]
    pd.testing.assert_frame_equal(kd.match_batch(client, h, texts, timeout=WAIT), kd.match_frame(taian, texts))


def test_dask_dataframe_output(client: Any, taian: kechuang.Programme) -> None:
    qs = demand_keys(taian)[:60]
    ddf = kd.match_batch(client, taian, qs, k=3, as_dask=True, partitions=3)
    assert ddf.npartitions == 3
    got = ddf.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, kd.match_frame(taian, qs, k=3))


@pytest.mark.parametrize(("name", "counts", "step"), [("taian", (2,), 2), ("larger", (3,), 10)])
def test_sharded_equals_single_process(client: Any, name: str, counts: Any, step: int, request: Any) -> None:
    p: kechuang.Programme = request.getfixturevalue(name)
    qs = demand_keys(p)[::step]
    h = kd.scatter_programme(client, p)
    for n in counts:
        sh = kd.shard(client, h, n, timeout=WAIT)
        assert sh.count == n
        got = kd.match_batch(client, sh, qs, k=7, timeout=WAIT)
        pd.testing.assert_frame_equal(got, kd.match_frame(p, qs, k=7))
    # affinity tables, sharded and not, equal the single-process table
    want = kd.affinity_frame(p, qs[:80], 5)
    pd.testing.assert_frame_equal(kd.affinity_table(client, h, qs[:80], 5, timeout=WAIT), want)
    pd.testing.assert_frame_equal(kd.affinity_table(client, sh, qs[:80], 5, timeout=WAIT), want)


def test_sharded_with_feedback_equals_single_process(client: Any) -> None:
    p = kechuang.synth.taian(4)
    p.set_match_config({"feedback": {"units": 8, "min_units": 2, "weight": 0.3}})
    qs = demand_keys(p)[:120]
    sh = kd.shard(client, p, 2, timeout=WAIT)
    assert sh.feedback_units == 8
    got = kd.match_batch(client, sh, qs, timeout=WAIT)
    pd.testing.assert_frame_equal(got, kd.match_frame(p, qs))


def test_shard_ships_graph_only_and_pins_each_shard(client: Any, taian: kechuang.Programme, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_freeze(*a: Any, **k: Any) -> Any:
        raise AssertionError("shard() must not freeze the whole programme")

    monkeypatch.setattr(kd, "scatter_programme", no_freeze)
    sh = kd.shard(client, taian, 2, timeout=WAIT)
    assert sorted(sh.workers) == sorted(client.scheduler_info()["workers"])  # one per worker
    qs = demand_keys(taian)[:40]
    pd.testing.assert_frame_equal(kd.match_batch(client, sh, qs, k=4, timeout=WAIT), kd.match_frame(taian, qs, k=4))
    # each shard's bytes and its loaded matcher live on its own worker only; no worker keeps
    # the graph used to build them or any unsharded programme of this handle
    who = client.who_has(sh.shards)
    for f, w in zip(sh.shards, sh.workers):
        assert list(who[f.key]) == [w]
    cached = client.run(kd._cached_tokens)
    base = sh.tokens[0].split("-shard-")[0]
    for w, tokens in cached.items():
        mine = [t for t in tokens if t.startswith(base)]
        assert mine == [t for t, sw in zip(sh.tokens, sh.workers) if sw == w]
    sh.close()
    assert all(not [t for t in ts if t.startswith(base)] for ts in client.run(kd._cached_tokens).values())


def _boom(*args: Any) -> bytes:
    raise RuntimeError("shard build failed")


def test_shard_raises_build_errors_and_timeouts_cancel(client: Any, taian: kechuang.Programme, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as m:
        m.setattr(kd, "_freeze_shard", _boom)
        with pytest.raises(RuntimeError, match="shard build failed"):
            kd.shard(client, taian, 2, timeout=WAIT)
    f = client.submit(time.sleep, 30, pure=False)
    with pytest.raises(TimeoutError):
        kd._wait([f], 0.5)
    assert f.status == "cancelled"


def test_plain_programme_reuses_one_handle_per_generation(client: Any) -> None:
    p = kechuang.synth.taian(3)
    h = kd._handle(client, p, WAIT)
    assert kd._handle(client, p, WAIT) is h  # no second freeze + broadcast
    qs = demand_keys(p)[:10]
    kd.match_batch(client, p, qs, timeout=WAIT)
    assert kd._handle(client, p, WAIT) is h
    p.set_match_config({"bm25": p.match_config["bm25"] | {"k1": 1.5}})  # another matcher
    h2 = kd._handle(client, p, WAIT)
    assert h2 is not h and h.closed
    p.add_node({"key": "x:new-one", "kind": "expert", "name": "新专家"})  # another graph
    h3 = kd._handle(client, p, WAIT)
    assert h3 is not h2 and h2.closed
    pd.testing.assert_frame_equal(kd.match_batch(client, p, qs, timeout=WAIT), kd.match_frame(p, qs))
    h3.close()
    assert all(h3.token not in ts for ts in client.run(kd._cached_tokens).values())
    with pytest.raises(kechuang.InvalidValueError):
        kd.match_batch(client, h3, qs, timeout=WAIT)


def test_frames_have_fixed_columns_whatever_the_partition(client: Any, taian: kechuang.Programme) -> None:
    keys = demand_keys(taian)
    # partition 2 yields no rows, partition 3 only free-text rows (no demand)
    qs: List[Any] = [keys[0], keys[1], {"text": "zzzzqqq"}, {"text": "余热回收 waste heat"}]
    want = kd.match_frame(taian, qs, k=3)
    assert list(want.columns)[:2] == ["query", "demand"]
    got = kd.match_batch(client, taian, qs, k=3, partitions=4, timeout=WAIT)
    pd.testing.assert_frame_equal(got, want)
    ddf = kd.match_batch(client, taian, qs, k=3, partitions=4, as_dask=True)
    pd.testing.assert_frame_equal(ddf.compute().reset_index(drop=True), want)
    # free text only, and nothing at all: the same columns and dtypes
    for sub in [qs[2:], qs[2:3], []]:
        one = kd.match_frame(taian, sub, k=3)
        assert list(one.columns) == list(want.columns) and dict(one.dtypes) == dict(want.dtypes)
    empty = kd.affinity_table(client, taian, [], 3, timeout=WAIT)
    assert dict(empty.dtypes) == dict(kd.affinity_frame(taian, keys[:2], 3).dtypes)


def test_region_rankings_equal_single_process(client: Any, taian: kechuang.Programme) -> None:
    regions: List[Any] = [str(r) for r in taian.nodes_df("region")["key"].tolist()[:6]] + [None]
    got = kd.region_rankings(client, taian, regions, "expert", 5, timeout=WAIT)
    index = taian.impact_index()
    assert set(got) == set(regions)
    for r in regions:
        pd.testing.assert_frame_equal(got[r], taian.ranking("expert", 5, region=r, index=index))


def _kill_once(marker: str, data: bytes, token: str, queries: List[str], common: Dict[str, Any], offset: int) -> Any:
    """Kills its worker process the first time it runs anywhere (marker file), then works."""
    m = pathlib.Path(marker)
    if not m.exists():
        m.write_text("killed")
        os._exit(1)
    return kd._match_part(data, token, queries, common, offset)


def test_worker_killed_mid_run_is_retried(client: Any, taian: kechuang.Programme, tmp_path: pathlib.Path) -> None:
    qs = demand_keys(taian)
    h = kd.scatter_programme(client, taian)
    marker = str(tmp_path / "killed-once")
    chunks = [(a, min(a + 100, len(qs))) for a in range(0, len(qs), 100)]
    futures = [
        client.submit(_kill_once, marker, h.future, h.token, qs[a:b], {"k": 5}, a, pure=False)
        for a, b in chunks
    ]
    distributed.wait(futures, timeout=WAIT)
    assert pathlib.Path(marker).exists()  # a worker did die
    got = pd.concat(client.gather(futures), ignore_index=True)
    pd.testing.assert_frame_equal(got, kd.match_frame(taian, qs, k=5))
    # the cluster is whole again and the library path still works after the loss
    client.wait_for_workers(2, timeout=START_TIMEOUT)
    pd.testing.assert_frame_equal(kd.match_batch(client, h, qs[:50], k=5, timeout=WAIT), kd.match_frame(taian, qs[:50], k=5))


def test_readme_scaling_out_example_runs() -> None:
    """The top-level README's "Scaling out" example, as written (it starts its own cluster)."""
    import re

    readme = pathlib.Path(__file__).resolve().parents[2] / "README.md"
    section = re.search(r"^## Scaling out.*?(?=^## |\Z)", readme.read_text(encoding="utf-8"), flags=re.M | re.S)
    assert section is not None
    blocks = re.findall(r"```python\n(.*?)```", section.group(0), flags=re.S)
    assert len(blocks) == 1
    ns: Dict[str, Any] = {"__name__": "readme_example"}
    exec(compile(blocks[0], "README.md[Scaling out]", "exec"), ns)
    assert len(ns["df"]) > 0 and len(ns["table"]) > 0
