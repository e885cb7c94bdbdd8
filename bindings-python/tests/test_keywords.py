"""Fuzzy keyword similarity (``kechuang.similar_keywords``)."""

from __future__ import annotations

import pytest

import kechuang

VOCAB = ["vibration monitoring", "heat recovery", "Hydrogen", "hydrogel", "余热回收"]


def test_finds_typos_best_first() -> None:
    found = kechuang.similar_keywords(["vibraton monitoring", "HYDROGN", "welding", "余热回收"], VOCAB)
    assert [h[0] for h in found[0]] == [0]
    assert found[1][0][:2] == (2, "Hydrogen")  # case folded, the keyword returned as given
    assert all(a[2] >= b[2] for a, b in zip(found[1], found[1][1:]))
    assert found[2] == []
    assert found[3] == [(4, "余热回收", 1.0)]


def test_k_and_threshold() -> None:
    vocab = ["abcdex", "abcdey", "abcdez"]
    assert [h[0] for h in kechuang.similar_keywords(["abcdeq"], vocab, k=2)[0]] == [0, 1]
    assert kechuang.similar_keywords(["abcdeq"], vocab, min_similarity=1.0) == [[]]


def test_errors_and_cancel() -> None:
    with pytest.raises(kechuang.InvalidValueError):
        kechuang.similar_keywords(["a"], ["a"], k=0)
    with pytest.raises(ValueError):
        kechuang.similar_keywords(["a"], ["a"], min_similarity=2.0)
    with pytest.raises(kechuang.LimitExceededError):
        kechuang.similar_keywords(["x" * 2000], ["a"])
    with pytest.raises(kechuang.CancelledError):
        kechuang.similar_keywords(["abc"] * 10, ["abc"], progress=lambda done, total: False)
