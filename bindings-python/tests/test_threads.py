"""Many Python threads calling into one Programme at once get the same answers as one thread,
and writers do not disturb readers' snapshots."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import kechuang


def _big() -> kechuang.Programme:
    p = kechuang.Programme()
    p.add_nodes([{"key": f"s:{i}", "kind": "society"} for i in range(50)])
    p.add_nodes([{"key": f"x:{i}", "kind": "expert", "capacity": i % 5} for i in range(2000)])
    p.add_edges(
        [{"relation": "member_of", "source": f"x:{i}", "target": f"s:{(i * 7) % 50}"} for i in range(2000)]
    )
    return p


def test_parallel_reads_agree() -> None:
    p = _big()

    def work(i: int) -> tuple:
        key = f"s:{i % 50}"
        return (
            tuple(p.neighbors(key, direction="in")),
            p.to_json(),
            len(p.nodes("expert")),
            tuple(p.frozen_stats()),
        )

    serial = [work(i) for i in range(16)]
    with ThreadPoolExecutor(max_workers=8) as ex:
        parallel = list(ex.map(work, range(16)))
    assert parallel == serial


def test_writers_and_readers() -> None:
    p = _big()
    before = p.to_json()
    errors: list = []

    def writer(t: int) -> None:
        try:
            for i in range(200):
                p.add_node({"key": f"w:{t}:{i}", "kind": "expert"})
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    def reader() -> None:
        try:
            for _ in range(20):
                n = p.node_count
                assert n >= 2050
                kechuang.Programme.from_json(before)
        except Exception as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(4)]
    threads += [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert p.node_count == 2050 + 4 * 200
    assert len(set(p.keys())) == p.node_count


def test_parallel_matching_equals_sequential() -> None:
    p = kechuang.synth.taian(5)
    demands = p.keys("demand")[:40]
    serial = [p.match_demand(d).to_json() for d in demands]
    with ThreadPoolExecutor(max_workers=4) as ex:
        parallel = list(ex.map(lambda d: p.match_demand(d).to_json(), demands))
    assert parallel == serial
    batch = [m.to_json() for m in p.match_batch(demands)]
    assert batch == serial


def test_an_edit_during_a_batch_does_not_disturb_it() -> None:
    p = kechuang.synth.taian(5)
    demands = p.keys("demand")[:600]  # three chunks of the batch: the edit lands between them
    before = [m.to_json() for m in p.match_batch(demands)]
    probe = {"text": "量子涡轮增压 quantum turbocharger", "k": 3}
    assert "x:mid-batch" not in p.match_demand(probe).keys()
    edited: list = []

    def progress(done: int, total: int) -> None:
        # runs while the batch is under way
        if not edited:
            p.add_node({"key": "x:mid-batch", "kind": "expert", "name": "新专家", "keywords": ["量子涡轮增压", "quantum turbocharger"]})
            edited.append(done)

    during = [m.to_json() for m in p.match_batch(demands, progress=progress)]
    assert edited and edited[0] < len(demands), "the edit happened while the batch ran"
    assert during == before, "the running batch keeps the snapshot it started with"
    assert p.match_demand(probe).keys()[0] == "x:mid-batch", "the next query sees the edit"
