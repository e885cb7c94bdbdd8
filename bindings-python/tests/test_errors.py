"""Every core error code maps to its own KechuangError subclass and a builtin."""

from __future__ import annotations

import pickle

import pytest

import kechuang
from kechuang import _native

BUILTIN = {
    "duplicate_key": ValueError,
    "unknown_key": KeyError,
    "unknown_id": KeyError,
    "wrong_kind": ValueError,
    "relation_not_allowed": ValueError,
    "invalid_value": ValueError,
    "parse_error": ValueError,
    "file_not_found": FileNotFoundError,
    "io_error": OSError,
    "unsupported_version": ValueError,
    "invalid_transition": ValueError,
    "infeasible": ValueError,
    "limit_exceeded": ValueError,
    "cancelled": RuntimeError,
    "not_implemented": NotImplementedError,
}


def test_every_core_code_has_a_class() -> None:
    classes = kechuang.KechuangError.__subclasses__()
    assert sorted(c.code for c in classes) == sorted(kechuang.ERROR_CODES)
    assert len({c.__name__ for c in classes}) == len(classes)
    assert set(BUILTIN) == set(kechuang.ERROR_CODES), "update BUILTIN when core adds a code"


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_code_raises_its_class(code: str) -> None:
    cls = kechuang.error_class(code)
    with pytest.raises(cls) as info:
        _native._raise_error(code, "msg")
    exc = info.value
    assert exc.code == code
    assert isinstance(exc, kechuang.KechuangError)
    assert isinstance(exc, BUILTIN[code])
    assert type(exc).__module__ == "kechuang"
    assert getattr(kechuang, type(exc).__name__) is type(exc)
    assert str(exc) and not str(exc).startswith("'")  # KeyError subclasses print plainly
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is type(exc) and str(again) == str(exc) and again.code == code


def test_location_attributes() -> None:
    with pytest.raises(kechuang.ParseError) as info:
        _native._raise_error("parse_error", "bad date")
    e = info.value
    assert (e.file, e.row, e.column) == ("x.csv", 3, "name")
    assert "x.csv" in str(e) and "row 3" in str(e)
    with pytest.raises(kechuang.CancelledError) as info2:
        _native._raise_error("cancelled")
    assert info2.value.file is None and info2.value.row is None


def test_base_is_exception_not_base_exception() -> None:
    assert issubclass(kechuang.KechuangError, Exception)
    assert kechuang.KechuangError.code is None
    with pytest.raises(KeyError):
        kechuang.error_class("nope")


def test_real_calls_raise_mapped_errors() -> None:
    p = kechuang.Programme()
    p.add_node({"key": "a", "kind": "expert"})
    with pytest.raises(KeyError):
        p["b"]
    with pytest.raises(ValueError):
        p.add_node({"key": "a", "kind": "expert"})
    with pytest.raises(kechuang.UnknownIdError):
        p.key(99)
    with pytest.raises(kechuang.InvalidValueError) as info:
        p.add_node({"key": "c", "kind": "expert", "capacity": -1})
    assert info.value.code == "invalid_value"
