"""kechuang — model, match, assign and score the collaboration graph of a regional innovation
programme (科创中国).

The core is Rust; this package is a thin binding. Build a :class:`Programme` from records,
JSON snapshots or pandas DataFrames, then query it. Every error is a :class:`KechuangError`
subclass carrying the core's stable ``code`` and also subclassing the builtin you would catch
(``ValueError``, ``KeyError``, ``FileNotFoundError``, …).

>>> import kechuang
>>> p = kechuang.Programme()
>>> p.add_node({"key": "x:zhang", "kind": "expert", "name": "张伟", "capacity": 3})
0
>>> try:
...     p.add_node({"key": "x:zhang", "kind": "expert"})
... except ValueError as e:  # DuplicateKeyError is a ValueError
...     print(type(e).__name__, e.code)
DuplicateKeyError duplicate_key
"""

from __future__ import annotations

from . import _native
from ._native import *  # noqa: F401,F403
from ._native import (
    ERROR_CODES,
    NODE_KINDS,
    RELATIONS,
    KechuangError,
    Programme,
    __version__,
)

from . import synth  # noqa: E402

__all__ = [
    "synth",
    "ERROR_CODES",
    "NODE_KINDS",
    "RELATIONS",
    "KechuangError",
    "Programme",
    "__version__",
    "error_class",
]
__all__ += [c.__name__ for c in KechuangError.__subclasses__()]


def error_class(code: str) -> type:
    """The exception class raised for a core error ``code``.

    >>> error_class("unknown_key").__name__
    'UnknownKeyError'
    >>> issubclass(error_class("unknown_key"), KeyError)
    True
    """
    for cls in KechuangError.__subclasses__():
        if cls.code == code:
            return cls
    raise KeyError(code)
