"""Typed user code against the stub (checked by mypy in test_stubs.py, also run here)."""

from __future__ import annotations

from typing import List

import kechuang


def test_typed_usage() -> None:
    p: kechuang.Programme = kechuang.Programme()
    i: int = p.add_node({"key": "x", "kind": "expert"})
    keys: List[str] = p.keys()
    assert i == 0 and keys == ["x"]
    try:
        p.node("nope")
    except kechuang.UnknownKeyError as e:
        code: str | None = e.code
        assert code == "unknown_key"
