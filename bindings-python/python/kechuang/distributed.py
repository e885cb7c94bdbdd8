"""Scale-out on a Dask cluster: batch matching, affinity tables and region rankings.

Works with any ``dask.distributed.Client`` you already have (a ``LocalCluster``, Kubernetes,
HPC, YARN…); nothing in the kechuang core knows about Dask. Install with
``pip install "kechuang[dask]"``.

The pattern, which carries over to Spark and Ray (see the README, "Scaling out"):

1. **Freeze once.** ``Programme.freeze()`` gives the graph and its built matcher as bytes
   (postcard for the index, so loading is fast); they are scattered to every worker once with
   ``client.scatter(..., broadcast=True)`` and thawed once per worker process (one thread
   loads, the others wait). Passing the same plain ``Programme`` again reuses its handle
   while its graph and matching configuration are unchanged; ``close()`` a handle to free it.
2. **Partition the demands.** Each task matches a slice of the queries with the GIL released
   (the core runs them in parallel on the worker's cores) and returns a pandas DataFrame; the
   slices are gathered in order. The result is identical to :func:`match_frame` in one
   process.
3. **Shard the candidates** when one worker cannot hold the whole text index
   (:func:`shard`; only the graph snapshot and the configuration are shipped, and each shard
   is built on and pinned to one worker): each shard indexes its candidates' evidence only, with corpus-wide BM25
   statistics merged exactly from every shard, and keeps the whole graph (small next to the
   index). A query runs in rounds — feedback units (only when pseudo-relevance feedback is
   on), the corpus-wide best unit score and aggregate, then each shard's top ``k`` — and the
   shards' top ``k`` are merged on the client. Scores, signals and explanations equal the
   unsharded ones bit for bit; ``conflicts_excluded`` can list more candidates (each shard
   prunes later than the whole would), and ``target="teams"`` is refused.

Impact: PageRank, betweenness and the composite impact index are global (every score depends
on the whole graph), so they are computed once, in one task; what decomposes by region is
ranking: :func:`region_rankings` ranks every region in parallel from that one index.

Every wait has a timeout (its tasks are cancelled when it expires), and tasks are pure
functions of their inputs, so a worker lost mid-run is replaced and its tasks rerun by Dask
with the same result; a shard whose worker was lost is rebuilt on the handle's next use.
"""

from __future__ import annotations

import itertools
import json
import os
import threading
import uuid
import weakref
from collections import OrderedDict
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

from ._native import (
    InvalidValueError,
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
# worker side: programmes loaded once per worker process and kept, a few at a time

#: At most this many programmes (frozen ones, shards) are kept per worker process
#: (``KECHUANG_DASK_CACHE``), and their frozen bytes together stay under half the worker's
#: memory limit (the most recent one is always kept).
_CACHE_MAX = max(1, int(os.environ.get("KECHUANG_DASK_CACHE", "2")))
_CACHE: "OrderedDict[str, Tuple[Programme, int]]" = OrderedDict()
_LOADING: Dict[str, threading.Lock] = {}
_LOCK = threading.Lock()


def _memory_budget() -> Optional[int]:
    try:
        from distributed import get_worker

        limit = get_worker().memory_manager.memory_limit
    except Exception:  # not on a worker, or no limit
        return None
    return int(limit) // 2 if limit else None


def _evict_locked() -> None:
    budget = _memory_budget()
    while len(_CACHE) > _CACHE_MAX or (
        budget is not None and len(_CACHE) > 1 and sum(n for _, n in _CACHE.values()) > budget
    ):
        _CACHE.popitem(last=False)


def _cached(token: str, nbytes: int, load: Callable[[], Programme]) -> Programme:
    """The programme cached under ``token``, loaded by ``load`` on first use. Threads of one
    worker asking for the same token wait for one load (a per-token lock) instead of each
    loading a copy."""
    with _LOCK:
        hit = _CACHE.get(token)
        if hit is not None:
            _CACHE.move_to_end(token)
            return hit[0]
        lock = _LOADING.setdefault(token, threading.Lock())
    with lock:
        with _LOCK:
            hit = _CACHE.get(token)
            if hit is not None:
                _CACHE.move_to_end(token)
                return hit[0]
        try:
            p = load()
            with _LOCK:
                _CACHE[token] = (p, nbytes)
                _evict_locked()
        finally:
            with _LOCK:
                if _LOADING.get(token) is lock:
                    del _LOADING[token]
    return p


def _forget(tokens: List[str]) -> int:
    """Drops the worker's cached programmes of ``tokens``; returns how many it held."""
    with _LOCK:
        return sum(_CACHE.pop(t, None) is not None for t in tokens)


def _cached_tokens() -> List[str]:
    with _LOCK:
        return list(_CACHE)


def _thaw(token: str, data: bytes) -> Programme:
    return _cached(token, len(data), lambda: Programme.thaw(data))


def _graph(token: str, snapshot: str, config: Dict[str, Any]) -> Programme:
    """The graph alone (no matcher) from its JSON snapshot, with the matching configuration."""

    def load() -> Programme:
        p = Programme.from_json(snapshot)
        p.set_match_config(config)
        return p

    return _cached(token, len(snapshot), load)


def _match_part(data: bytes, token: str, queries: List[Query], common: Dict[str, Any], offset: int) -> Any:
    p = _thaw(token, data)
    return match_table(p.match_batch(queries, **common), offset)


def _affinity_part(data: bytes, token: str, demands: List[str], k: int) -> Any:
    return _affinity_df(_thaw(token, data).affinity_table(demands, k).to_pandas())


def _shard_stats(snapshot: str, token: str, config: Dict[str, Any], index: int, count: int) -> bytes:
    return _graph(token, snapshot, config).shard_stats(index, count)


def _freeze_shard(
    snapshot: str, token: str, config: Dict[str, Any], index: int, count: int, stats: bytes
) -> bytes:
    return _graph(token, snapshot, config).freeze_shard(index, count, stats)


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


def _invalid(field: str, reason: str) -> Exception:
    """The binding's ``InvalidValueError`` about ``field``, like the native ones."""
    e = InvalidValueError(f"invalid {field}: {reason}")
    e.field = field
    return e


def _config_key(programme: Programme) -> str:
    return json.dumps(programme.match_config, sort_keys=True)


class FrozenHandle:
    """A programme frozen and broadcast to every worker of a client.

    ``future`` is the scattered bytes, ``token`` names them in each worker's cache,
    ``nbytes`` is their size and ``programme`` the local programme they came from;
    ``generation`` is ``programme.generation`` when frozen. :meth:`close` (or leaving a
    ``with`` block) frees the bytes and the workers' loaded copies.
    """

    def __init__(self, client: Any, programme: Programme, future: Any, token: str, nbytes: int) -> None:
        self.client = client
        self.programme = programme
        self.future = future
        self.token = token
        self.nbytes = nbytes
        self.generation = programme.generation
        self.closed = False

    def close(self) -> None:
        """Releases the scattered bytes and drops the programme from every worker's cache."""
        if self.closed:
            return
        self.closed = True
        self.future.release()
        self.client.run(_forget, [self.token])

    def __enter__(self) -> "FrozenHandle":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        state = " (closed)" if self.closed else ""
        return f"<kechuang.distributed.FrozenHandle {self.nbytes:,} bytes on {self.client!r}{state}>"


class ShardedHandle:
    """A programme split into candidate shards held by the workers (see :func:`shard`).

    Shard ``i`` (``shards[i]``, cached on its worker as ``tokens[i]``) lives on worker
    ``workers[i]`` only: every task using it is pinned there, so Dask never copies a shard to
    another worker. A shard whose worker left the cluster is rebuilt on another one the next
    time the handle is used."""

    def __init__(
        self,
        client: Any,
        programme: Programme,
        shards: List[Any],
        tokens: List[str],
        workers: List[str],
        feedback_units: int,
        stats: bytes,
    ) -> None:
        self.client = client
        self.programme = programme
        self.shards = shards
        self.tokens = tokens
        self.workers = workers
        self.feedback_units = feedback_units
        self.stats = stats
        self.generation = programme.generation
        self.config = programme.match_config
        self.closed = False

    @property
    def count(self) -> int:
        """Number of shards."""
        return len(self.shards)

    def close(self) -> None:
        """Releases the shards and drops them from the workers' caches."""
        if self.closed:
            return
        self.closed = True
        for f in self.shards:
            f.release()
        self.client.run(_forget, list(self.tokens))

    def __enter__(self) -> "ShardedHandle":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<kechuang.distributed.ShardedHandle {self.count} shards>"


def scatter_programme(client: Any, programme: Programme, *, timeout: float = DEFAULT_TIMEOUT) -> FrozenHandle:
    """Freezes ``programme`` (graph + matcher, built now if needed) and broadcasts the bytes to
    every worker once; pass the handle to the other functions (and ``close()`` it when done).
    For sharding, pass the programme itself to :func:`shard` instead: it never builds the
    whole matcher."""
    data = programme.freeze()
    future = client.scatter(data, broadcast=True, hash=False, timeout=timeout)
    return FrozenHandle(client, programme, future, uuid.uuid4().hex, len(data))


class _Entry:
    def __init__(self, ref: Any, client: Any, generation: int, config: str, handle: FrozenHandle) -> None:
        self.ref, self.client, self.generation, self.config, self.handle = ref, client, generation, config, handle


# one handle per (client, programme) while the programme lives and neither its graph
# (generation) nor its matching configuration changes
_HANDLES: Dict[Tuple[int, int], _Entry] = {}
_HANDLES_LOCK = threading.Lock()


def _drop_entry(key: Tuple[int, int], ref: Any) -> None:
    with _HANDLES_LOCK:
        e = _HANDLES.get(key)
        if e is not None and e.ref is ref:
            del _HANDLES[key]


def _handle(client: Any, programme: Union[Programme, FrozenHandle], timeout: float) -> FrozenHandle:
    """The handle to use for ``programme``: a handle as given, else the one frozen for this
    programme on this client earlier (reused while its graph and configuration are
    unchanged; a stale one is closed and replaced)."""
    if isinstance(programme, FrozenHandle):
        if programme.closed:
            raise _invalid("programme", "is a closed FrozenHandle; scatter the programme again")
        return programme
    key = (id(client), id(programme))
    generation, config = programme.generation, _config_key(programme)
    with _HANDLES_LOCK:
        e = _HANDLES.get(key)
    if e is not None:
        if (
            e.ref() is programme
            and e.client is client
            and e.generation == generation
            and e.config == config
            and not e.handle.closed
        ):
            return e.handle
        _drop_entry(key, e.ref)
        if e.ref() is programme and not e.handle.closed:
            e.handle.close()  # stale: the programme changed since it was frozen
    h = scatter_programme(client, programme, timeout=timeout)
    def dropped(r: Any, key: Tuple[int, int] = key) -> None:
        _drop_entry(key, r)

    ref = weakref.ref(programme, dropped)
    with _HANDLES_LOCK:
        _HANDLES[key] = _Entry(ref, client, generation, config, h)
    return h


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
    """Waits for futures, raising ``TimeoutError`` after ``timeout`` seconds (never hangs);
    on a timeout (or any interruption) the futures are cancelled, so no work is left
    running on the cluster."""
    import distributed

    wait: Any = distributed.wait
    try:
        wait(futures, timeout=timeout)
    except BaseException:
        for f in futures:
            f.cancel()
        raise


def _gather_wait(client: Any, futures: Any, timeout: float) -> Any:
    flat = list(_flatten(futures if isinstance(futures, list) else [futures]))
    _wait(flat, timeout)
    try:
        return client.gather(futures)
    except BaseException:
        for f in flat:
            f.cancel()
        raise


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

        # keep pandas' own string dtype (Dask would convert strings to pyarrow ones); every
        # slice has match_table's fixed columns and dtypes, the same as this meta
        with dask.config.set({"dataframe.convert-string": False}):
            return dd.from_delayed(futures, meta=match_table([]), verify_meta=True)
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
    matcher on one worker: statistics of every shard are computed in parallel, merged exactly
    on the client, and every shard is indexed with them.

    Only the graph (its JSON snapshot) and the matching configuration are shipped — the
    whole matcher is never built, neither here nor on a worker — and each shard is built on,
    and stays on, one worker (dealt round-robin), so a worker holds its shards' indexes only.
    A failed shard build raises here. ``close()`` the handle to free the shards."""
    p = programme.programme if isinstance(programme, FrozenHandle) else programme
    n = shards or _workers(client)
    if n < 1:
        raise _invalid("shards", f"is {n}; give at least one shard")
    workers = _pick_workers(client, n)
    config = p.match_config
    token = uuid.uuid4().hex
    snapshot = client.scatter(p.to_json(), workers=sorted(set(workers)), broadcast=True, hash=False, timeout=timeout)
    graph_token = f"{token}-graph"
    try:
        stats = _gather_wait(
            client,
            [
                client.submit(
                    _shard_stats, snapshot, graph_token, config, i, n,
                    pure=False, workers=[w], allow_other_workers=False,
                )
                for i, w in enumerate(workers)
            ],
            timeout,
        )
        merged = merge_shard_stats(stats)
        futures = [
            client.submit(
                _freeze_shard, snapshot, graph_token, config, i, n, merged,
                pure=False, workers=[w], allow_other_workers=False,
            )
            for i, w in enumerate(workers)
        ]
        _wait(futures, timeout)
        _raise_errors(futures)
    finally:
        snapshot.release()
        client.run(_forget, [graph_token])  # the graphs were only needed to build the shards
    units = int(config.get("feedback", {}).get("units", 0))
    tokens = [f"{token}-shard-{i}-of-{n}" for i in range(n)]
    return ShardedHandle(client, p, futures, tokens, workers, units, merged)


def _pick_workers(client: Any, n: int) -> List[str]:
    live = sorted(client.scheduler_info().get("workers", {}))
    if not live:
        raise _invalid("client", "has no workers")
    return [live[i % len(live)] for i in range(n)]


def _raise_errors(futures: List[Any]) -> None:
    """Raises the first failed future's exception (cancelling the others)."""
    for f in futures:
        if f.status == "error":
            try:
                f.result()  # raises the task's exception
            finally:
                for g in futures:
                    if g is not f:
                        g.cancel()
        if f.status == "cancelled":
            for g in futures:
                g.cancel()
            raise _invalid("shards", "a shard build was cancelled")


def _ensure_shards(client: Any, h: ShardedHandle, timeout: float) -> None:
    """Rebuilds, on a live worker, each shard whose worker left the cluster."""
    if h.closed:
        raise _invalid("programme", "is a closed ShardedHandle; shard the programme again")
    live = set(client.scheduler_info().get("workers", {}))
    lost = [i for i, w in enumerate(h.workers) if w not in live]
    if not lost:
        return
    if h.programme.generation != h.generation or h.programme.match_config != h.config:
        raise _invalid("programme", "changed since it was sharded and a shard was lost; shard it again")
    graph_token = f"{uuid.uuid4().hex}-graph"
    snapshot = client.scatter(h.programme.to_json(), hash=False, timeout=timeout)
    try:
        for i in lost:
            h.shards[i].release()
            w = _pick_workers(client, i + 1)[i]
            h.workers[i] = w
            h.shards[i] = client.submit(
                _freeze_shard, snapshot, graph_token, h.config, i, h.count, h.stats,
                pure=False, workers=[w], allow_other_workers=False,
            )
        fresh = [h.shards[i] for i in lost]
        _wait(fresh, timeout)
        _raise_errors(fresh)
    finally:
        snapshot.release()
        client.run(_forget, [graph_token])


def _match_sharded(
    client: Any,
    h: ShardedHandle,
    queries: List[Query],
    partitions: Optional[int],
    timeout: float,
    common: Dict[str, Any],
) -> List[MatchList]:
    _ensure_shards(client, h, timeout)
    slices = _chunks(len(queries), partitions or max(1, 2 * _workers(client) // max(1, h.count)))
    qs = [queries[a:b] for a, b in slices]
    shards = list(zip(h.shards, h.tokens, h.workers))

    def on_shard(fn: Any, s: Any, t: str, w: str, *args: Any) -> Any:
        # pinned to the shard's worker: the shard is never copied to another worker
        return client.submit(fn, s, t, *args, pure=False, workers=[w], allow_other_workers=False)

    # round 1: feedback units (only with pseudo-relevance feedback on)
    feedback: List[Optional[Any]] = [None] * len(qs)
    if h.feedback_units > 0:
        fut = [[on_shard(_feedback_part, s, t, w, q, common) for q in qs] for s, t, w in shards]
        got = _gather_wait(client, fut, timeout)
        feedback = [merge_feedback([got[s][j] for s in range(h.count)], h.feedback_units) for j in range(len(qs))]
    # round 2: corpus-wide best unit score and best aggregate per query (max is exact)
    fut = [[on_shard(_extremes_part, s, t, w, q, feedback[j], common) for j, q in enumerate(qs)] for s, t, w in shards]
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
        [on_shard(_match_shard_part, s, t, w, q, extremes[j], feedback[j], common) for j, q in enumerate(qs)]
        for s, t, w in shards
    ]
    got = _gather_wait(client, fut, timeout)
    out: List[MatchList] = []
    for j, q in enumerate(qs):
        out.extend(h.programme.merge_shard_matches([got[s][j] for s in range(h.count)], q, **common))
    return out


_AFFINITY_SCHEMA = (("demand", "str"), ("candidate", "str"), ("score", "float"))


def _affinity_df(df: Any) -> Any:
    """An affinity table with fixed dtypes (also when empty)."""
    from ._frames import _dtype

    return df[[c for c, _ in _AFFINITY_SCHEMA]].astype({c: _dtype(k) for c, k in _AFFINITY_SCHEMA})


def affinity_frame(programme: Programme, demands: Sequence[str], k: int = 10) -> Any:
    """The single-process reference: ``affinity_table(demands, k).to_pandas()`` (with fixed
    dtypes, also when empty)."""
    return _affinity_df(programme.affinity_table(list(demands), k).to_pandas())


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
        df = _affinity_df(pd.DataFrame.from_records(rows, columns=["demand", "candidate", "score"]))
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
