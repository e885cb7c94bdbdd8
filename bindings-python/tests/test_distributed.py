"""kechuang.distributed on a real LocalCluster (2 worker processes): results equal the
single-process ones, sharded and unsharded, and survive a worker killed mid-run."""

from __future__ import annotations

import os
import pathlib
import sys
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
