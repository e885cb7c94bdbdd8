"""Synthetic programmes: the Tai'an preset, the generator, ground truth, progress hooks."""

from __future__ import annotations

import pickle

import pytest

import kechuang


@pytest.fixture(scope="module")
def taian() -> kechuang.Programme:
    return kechuang.synth.taian(7)


def test_taian_preset_figures(taian: kechuang.Programme) -> None:
    kinds = dict(taian.count_by_kind())
    assert kinds["alliance"] == 91 and kinds["project"] == 103 and kinds["expert"] == 1000
    s = taian.summary()
    assert s["academicians"] == 33
    assert s["nodes"] == taian.node_count and s["edges"] == taian.edge_count


def test_deterministic(taian: kechuang.Programme) -> None:
    again = kechuang.synth.taian(7)
    assert again == taian
    assert again.truth == taian.truth
    assert kechuang.synth.taian(8) != taian


def test_truth(taian: kechuang.Programme) -> None:
    truth = taian.truth
    assert len(truth) >= 200
    t = truth[0]
    assert t["demand"] in taian and taian[t["demand"]]["kind"] == "demand"
    assert all(taian[x]["kind"] == "expert" for x in t["experts"])
    df = taian.truth_df()
    assert list(df.columns[:3]) == ["demand", "topic", "experts"] and len(df) == len(truth)
    assert kechuang.Programme().truth == []


def test_truth_survives_pickle_and_copy(taian: kechuang.Programme) -> None:
    again = pickle.loads(pickle.dumps(taian))
    assert again == taian and again.truth == taian.truth
    assert taian.copy().truth == taian.truth
    plain = kechuang.Programme.from_json(taian.to_json())
    assert plain == taian and plain.truth == []


def test_generate_exact_sizes() -> None:
    p = kechuang.synth.generate(seed=1, nodes=3_000, edges=12_000)
    assert (p.node_count, p.edge_count) == (3_000, 12_000)
    q = kechuang.synth.generate({"seed": 1, "nodes": 3_000}, edges=12_000)
    assert q == p


def test_generate_errors() -> None:
    with pytest.raises(kechuang.InvalidValueError):
        kechuang.synth.generate(scale=-1.0)
    with pytest.raises(kechuang.InvalidValueError):
        kechuang.synth.generate(colour="blue")
    with pytest.raises(kechuang.LimitExceededError):
        kechuang.synth.generate(nodes=10**12)


def test_progress_callable() -> None:
    seen: list = []
    kechuang.synth.taian(3, progress=lambda done, total: seen.append((done, total)))
    assert seen and all(0 <= d <= t for d, t in seen)
    assert seen[-1][0] == seen[-1][1]


class Bar:
    """The part of tqdm's interface the binding uses."""

    def __init__(self) -> None:
        self.total = None
        self.n = 0

    def update(self, n: int) -> None:
        self.n += n


def test_progress_tqdm_like() -> None:
    bar = Bar()
    kechuang.synth.taian(3, progress=bar)
    assert bar.total is not None and bar.n == bar.total


def test_progress_false_cancels() -> None:
    with pytest.raises(kechuang.CancelledError):
        kechuang.synth.taian(3, progress=lambda d, t: False)


def test_progress_exception_propagates_untouched() -> None:
    class Stop(Exception):
        pass

    def hook(done: int, total: int) -> None:
        raise Stop("from the callback")

    with pytest.raises(Stop, match="from the callback"):
        kechuang.synth.taian(3, progress=hook)

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        kechuang.synth.taian(3, progress=interrupt)


def test_ctrl_c_interrupts_a_long_call() -> None:
    import os
    import signal
    import threading
    import time

    timer = threading.Timer(0.1, lambda: os.kill(os.getpid(), signal.SIGINT))
    t = time.perf_counter()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            kechuang.synth.generate(seed=3, nodes=1_000_000, edges=5_000_000)  # seconds even in release
    finally:
        timer.cancel()
    assert time.perf_counter() - t < 30
