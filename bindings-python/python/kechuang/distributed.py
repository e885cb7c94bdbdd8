"""Scale-out on a Dask cluster: batch matching, affinity tables and region rankings.

Works with any ``dask.distributed.Client`` you already have (a ``LocalCluster``, Kubernetes,
HPC, YARN…); nothing in the kechuang core knows about Dask. Install with
``pip install "kechuang[dask]"``.

The pattern, which carries over to Spark and Ray (see the README, "Scaling out"):

1. **Freeze once.** ``Programme.freeze()`` gives the graph and its built matcher as bytes
   (postcard for the index, so loading is fast); they are scattered to every worker once with
   ``client.scatter(..., broadcast=True)`` and thawed once per worker process.
2. **Partition the demands.** Each task matches a slice of the queries with the GIL released
   (the core runs them in parallel on the worker's cores) and returns a pandas DataFrame; the
   slices are gathered in order. The result is identical to :func:`match_frame` in one
   process.
3. **Shard the candidates** when one worker cannot hold the whole text index
   (:func:`shard`): each shard indexes its candidates' evidence only, with corpus-wide BM25
   statistics merged exactly from every shard, and keeps the whole graph (small next to the
   index). A query runs in rounds — feedback units (only when pseudo-relevance feedback is
   on), the corpus-wide best unit score and aggregate, then each shard's top ``k`` — and the
   shards' top ``k`` are merged on the client. Scores, signals and explanations equal the
   unsharded ones bit for bit; ``conflicts_excluded`` can list more candidates (each shard
   prunes later than the whole would), and ``target="teams"`` is refused.

Impact: PageRank, betweenness and the composite impact index are global (every score depends
on the whole graph), so they are computed once, in one task; what decomposes by region is
ranking: :func:`region_rankings` ranks every region in parallel from that one index.

Every wait has a timeout, and tasks are pure functions of their inputs, so a worker lost
mid-run is replaced and its tasks rerun by Dask with the same result.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from ._native import (
    MatchList,
    Programme,
    match_table,
    merge_feedback,
    merge_shard_stats,
)

__all__ = [
    "FrozenHandle",
    "ShardedHandle",
    "scatter_programme",
    "shard",
    "match_frame",
    "match_batch",
    "affinity_frame",
    "affinity_table",
    "region_rankings",
]

Query = Union[str, Dict[str, Any]]

#: Default seconds to wait for any gather before giving up (``TimeoutError``).
DEFAULT_TIMEOUT = 600.0

# ---------------------------------------------------------------------------------------------
# worker side: frozen bytes are thawed once per worker process and kept (a few at a time)

_THAWED: "OrderedDict[str, Programme]" = OrderedDict()
_THAWED_MAX = 8
_LOCK = threading.Lock()


def _thaw(token: str, data: bytes) -> Programme:
    with _LOCK:
        p = _THAWED.get(token)
        if p is not None:
            _THAWED.move_to_end(token)
            return p
    p = Programme.thaw(data)
    with _LOCK:
        _THAWED[token] = p
        while len(_THAWED) > _THAWED_MAX:
            _THAWED.popitem(last=False)
    return p


def _match_part(data: bytes, token: str, queries: List[Query], common: Dict[str, Any], offset: int) -> Any:
    p = _thaw(token, data)
    return match_table(p.match_batch(queries, **common), offset)


def _affinity_part(data: bytes, token: str, demands: List[str], k: int) -> Any:
    return _thaw(token, data).affinity_table(demands, k).to_pandas()


def _shard_stats(data: bytes, token: str, index: int, count: int) -> bytes:
    return _thaw(token, data).shard_stats(index, count)


def _freeze_shard(data: bytes, token: str, index: int, count: int, stats: bytes) -> bytes:
    return _thaw(token, data).freeze_shard(index, count, stats)


def _feedback_part(data: bytes, token: str, queries: List[Query], common: Dict[str, Any]) -> Any:
    return _thaw(token, data).shard_feedback(queries, **common)


def _extremes_part(
    data: bytes, token: str, queries: List[Query], feedback: Optional[Any], common: Dict[str, Any]
) -> Any:
    return _thaw(token, data).shard_extremes(queries, feedback, **common)


def _match_shard_part(
    data: bytes,
    token: str,
    queries: List[Query],
    extremes: List[Tuple[float, float]],
    feedback: Optional[Any],
    common: Dict[str, Any],
) -> List[MatchList]:
    return _thaw(token, data).match_shard(queries, extremes, feedback, **common)


def _impact_index(data: bytes, token: str, options: Optional[Dict[str, Any]]) -> Any:
    return _thaw(token, data).impact_index(options)


def _rank_part(
    data: bytes, token: str, index: Any, regions: List[Optional[str]], kind: str, top_n: int
) -> Dict[Optional[str], Any]:
    p = _thaw(token, data)
    return {r: p.ranking(kind, top_n, region=r, index=index) for r in regions}


# ---------------------------------------------------------------------------------------------
# client side


class FrozenHandle:
    """A programme frozen and broadcast to every worker of a client.

    ``future`` is the scattered bytes, ``token`` names them in each worker's thaw cache,
    ``nbytes`` is their size and ``programme`` the local programme they came from.
    """

    def __init__(self, client: Any, programme: Programme, future: Any, token: str, nbytes: int) -> None:
        self.client = client
        self.programme = programme
        self.future = future
        self.token = token
        self.nbytes = nbytes

    def __repr__(self) -> str:
        return f"<kechuang.distributed.FrozenHandle {self.nbytes:,} bytes on {self.client!r}>"


class ShardedHandle:
    """A programme split into candidate shards held by the workers (see :func:`shard`)."""

    def __init__(self, base: FrozenHandle, shards: List[Any], tokens: List[str], feedback_units: int) -> None:
        self.base = base
        self.shards = shards
        self.tokens = tokens
        self.feedback_units = feedback_units

    @property
    def count(self) -> int:
        """Number of shards."""
        return len(self.shards)

    def __repr__(self) -> str:
        return f"<kechuang.distributed.ShardedHandle {self.count} shards>"


def scatter_programme(client: Any, programme: Programme, *, timeout: float = DEFAULT_TIMEOUT) -> FrozenHandle:
    """Freezes ``programme`` (graph + matcher, built now if needed) and broadcasts the bytes to
    every worker once; pass the handle to the other functions."""
    data = programme.freeze()
    future = client.scatter(data, broadcast=True, hash=False, timeout=timeout)
    return FrozenHandle(client, programme, future, uuid.uuid4().hex, len(data))


def _handle(client: Any, programme: Union[Programme, FrozenHandle], timeout: float) -> FrozenHandle:
    if isinstance(programme, FrozenHandle):
        return programme
    return scatter_programme(client, programme, timeout=timeout)


def _workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def _chunks(n: int, parts: int) -> List[Tuple[int, int]]:
    parts = max(1, min(parts, n)) if n else 1
    step, extra = divmod(n, parts)
    out, start = [], 0
    for i in range(parts):
        end = start + step + (1 if i < extra else 0)
        out.append((start, end))
        start = end
    return out


def _wait(futures: List[Any], timeout: float) -> None:
    """Waits for futures, raising ``TimeoutError`` after ``timeout`` seconds (never hangs)."""
    import distributed

    wait: Any = distributed.wait
    wait(futures, timeout=timeout)


def _gather_wait(client: Any, futures: Any, timeout: float) -> Any:
    flat = futures if isinstance(futures, list) else [futures]
    _wait(list(_flatten(flat)), timeout)
    return client.gather(futures)


def _flatten(xs: Any) -> Any:
    for x in xs:
        if isinstance(x, list):
            yield from _flatten(x)
        else:
            yield x


def match_frame(programme: Programme, queries: Sequence[Query], **common: Any) -> Any:
    """The single-process reference: ``match_batch`` as one DataFrame (a ``query`` column with
    each query's position, then the rows of ``MatchList.to_pandas``)."""
    return match_table(programme.match_batch(list(queries), **common))


def match_batch(
    client: Any,
    programme: Union[Programme, FrozenHandle, ShardedHandle],
    queries: Sequence[Query],
    *,
    partitions: Optional[int] = None,
    as_dask: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    **common: Any,
) -> Any:
    """Matches many queries (demand keys or query dicts; ``common`` fields apply to all) on the
    cluster and returns one pandas DataFrame identical to :func:`match_frame` in one process.

    ``programme``: a :class:`~kechuang.Programme` (frozen and broadcast now), a handle from
    :func:`scatter_programme` (reuse it across calls), or a :class:`ShardedHandle` from
    :func:`shard`. ``partitions``: number of query slices (default 4 per worker).
    ``as_dask``: return a Dask DataFrame of the slices instead of gathering (unsharded only).
    ``timeout``: seconds to wait for results before ``TimeoutError``.
    """
    queries = list(queries)
    if isinstance(programme, ShardedHandle):
        if as_dask:
            raise ValueError("as_dask=True needs an unsharded programme; gather sharded results instead")
        lists = _match_sharded(client, programme, queries, partitions, timeout, common)
        return match_table(lists)
    h = _handle(client, programme, timeout)
    parts = partitions or 4 * _workers(client)
    futures = [
        client.submit(_match_part, h.future, h.token, queries[a:b], common, a, pure=False)
        for a, b in _chunks(len(queries), parts)
    ]
    if as_dask:
        import dask
        import dask.dataframe as dd

        # keep pandas' own string dtype (Dask would convert strings to pyarrow ones)
        with dask.config.set({"dataframe.convert-string": False}):
            return dd.from_delayed(futures, meta=match_table([]), verify_meta=False)
    frames = _gather_wait(client, futures, timeout)
    import pandas as pd

    return pd.concat(frames, ignore_index=True)


def shard(
    client: Any,
    programme: Union[Programme, FrozenHandle],
    shards: Optional[int] = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> ShardedHandle:
    """Splits the candidates into ``shards`` (default: one per worker) and builds each shard's
    matcher on a worker: statistics of every shard are computed in parallel, merged exactly
    on the client, and every shard is indexed with them. The shards stay on the workers (as
    task results, so Dask rebuilds a lost one)."""
    h = _handle(client, programme, timeout)
    n = shards or _workers(client)
    stats = _gather_wait(
        client,
        [client.submit(_shard_stats, h.future, h.token, i, n, pure=False) for i in range(n)],
        timeout,
    )
    merged = merge_shard_stats(stats)
    futures = [client.submit(_freeze_shard, h.future, h.token, i, n, merged, pure=False) for i in range(n)]
    _wait(futures, timeout)
    units = int(h.programme.match_config.get("feedback", {}).get("units", 0))
    weight = float(h.programme.match_config.get("feedback", {}).get("weight", 0.0))
    tokens = [f"{h.token}-shard-{i}-of-{n}" for i in range(n)]
    return ShardedHandle(h, futures, tokens, units if weight > 0 else 0)


def _match_sharded(
    client: Any,
    h: ShardedHandle,
    queries: List[Query],
    partitions: Optional[int],
    timeout: float,
    common: Dict[str, Any],
) -> List[MatchList]:
    slices = _chunks(len(queries), partitions or max(1, 2 * _workers(client) // max(1, h.count)))
    qs = [queries[a:b] for a, b in slices]
    # round 1: feedback units (only with pseudo-relevance feedback on)
    feedback: List[Optional[Any]] = [None] * len(qs)
    if h.feedback_units > 0:
        fut = [
            [client.submit(_feedback_part, s, t, q, common, pure=False) for q in qs]
            for s, t in zip(h.shards, h.tokens)
        ]
        got = _gather_wait(client, fut, timeout)
        feedback = [merge_feedback([got[s][j] for s in range(h.count)], h.feedback_units) for j in range(len(qs))]
    # round 2: corpus-wide best unit score and best aggregate per query (max is exact)
    fut = [
        [client.submit(_extremes_part, s, t, q, feedback[j], common, pure=False) for j, q in enumerate(qs)]
        for s, t in zip(h.shards, h.tokens)
    ]
    got = _gather_wait(client, fut, timeout)
    extremes = [
        [
            (max(got[s][j][i][0] for s in range(h.count)), max(got[s][j][i][1] for s in range(h.count)))
            for i in range(len(q))
        ]
        for j, q in enumerate(qs)
    ]
    # round 3: each shard's top k, merged on the client
    fut = [
        [
            client.submit(_match_shard_part, s, t, q, extremes[j], feedback[j], common, pure=False)
            for j, q in enumerate(qs)
        ]
        for s, t in zip(h.shards, h.tokens)
    ]
    got = _gather_wait(client, fut, timeout)
    out: List[MatchList] = []
    for j, q in enumerate(qs):
        out.extend(h.base.programme.merge_shard_matches([got[s][j] for s in range(h.count)], q, **common))
    return out


def affinity_frame(programme: Programme, demands: Sequence[str], k: int = 10) -> Any:
    """The single-process reference: ``affinity_table(demands, k).to_pandas()``."""
    return programme.affinity_table(list(demands), k).to_pandas()


def _sorted_groups(demands: Sequence[str], parts: int) -> List[List[str]]:
    keys = sorted(demands)
    groups = [list(g) for _, g in itertools.groupby(keys)]
    out: List[List[str]] = []
    for a, b in _chunks(len(groups), parts):
        out.append([d for grp in groups[a:b] for d in grp])
    return [o for o in out if o]


def affinity_table(
    client: Any,
    programme: Union[Programme, FrozenHandle, ShardedHandle],
    demands: Sequence[str],
    k: int = 10,
    *,
    partitions: Optional[int] = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Any:
    """The affinity table of ``demands`` (their ``k`` best experts) computed on the cluster: a
    DataFrame (demand, candidate, score) sorted by demand, score descending, candidate —
    identical to :func:`affinity_frame`. Run the assignment on one machine with it."""
    import pandas as pd

    if isinstance(programme, ShardedHandle):
        keys = sorted(demands)
        lists = _match_sharded(client, programme, [{"demand": d, "k": k} for d in keys], partitions, timeout, {})
        rows = [
            {"demand": d, "candidate": r["key"], "score": r["score"]}
            for d, m in zip(keys, lists)
            for r in m.to_dict()["results"]
        ]
        df = pd.DataFrame.from_records(rows, columns=["demand", "candidate", "score"])
        # the core's order: demand, score descending, candidate (stable sorts, code-point order)
        df = df.sort_values("candidate", kind="mergesort")
        df = df.sort_values("score", ascending=False, kind="mergesort")
        df = df.sort_values("demand", kind="mergesort")
        return df.reset_index(drop=True)
    h = _handle(client, programme, timeout)
    groups = _sorted_groups(demands, partitions or 4 * _workers(client))
    futures = [client.submit(_affinity_part, h.future, h.token, g, k, pure=False) for g in groups]
    frames = _gather_wait(client, futures, timeout)
    if not frames:
        return affinity_frame(h.programme, [], k)
    return pd.concat(frames, ignore_index=True)


def region_rankings(
    client: Any,
    programme: Union[Programme, FrozenHandle],
    regions: Sequence[Optional[str]],
    kind: str = "expert",
    top_n: int = 10,
    *,
    options: Optional[Dict[str, Any]] = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Dict[Optional[str], Any]:
    """Impact rankings (榜单) of many regions in parallel: ``{region: DataFrame}``, each equal to
    ``programme.ranking(kind, top_n, region=r, index=programme.impact_index(options))``.

    The impact index itself (PageRank, betweenness, attribution, percentile normalisation) is
    global — each score depends on the whole graph — so it is computed once, in one task, and
    only the per-region ranking runs in parallel."""
    h = _handle(client, programme, timeout)
    index = client.submit(_impact_index, h.future, h.token, options, pure=False)
    regions = list(regions)
    parts = _chunks(len(regions), 2 * _workers(client))
    futures = [
        client.submit(_rank_part, h.future, h.token, index, regions[a:b], kind, top_n, pure=False)
        for a, b in parts
        if b > a
    ]
    out: Dict[Optional[str], Any] = {}
    for d in _gather_wait(client, futures, timeout):
        out.update(d)
    return out
