"""Deterministic synthetic programmes: the Tai'an preset and a generator of any size.

The same seed gives the same programme on every platform. Synthetic programmes carry their
ground truth (``Programme.truth``: for each of many demands, the planted best-fit experts and
the need written in Chinese, English, mixed and with variant terms).

>>> import kechuang
>>> p = kechuang.synth.taian(7)
>>> dict(p.count_by_kind())["alliance"]
91
>>> p == kechuang.synth.taian(7)
True
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from . import _native
from ._native import Programme

__all__ = ["taian", "generate"]


def taian(seed: int = 42, *, progress: Optional[Any] = None) -> Programme:
    """The Tai'an preset: about 10,400 entities and 23,500 relations modelled on the Tai'an
    pilot city (68 national societies, ~1,000 experts of whom 33 academicians, 91 alliances,
    103 pilot projects, 2,000+ liaisons, 150+ solved problems), with ground truth.

    ``progress`` is a callable ``f(done, total)`` (return ``False`` to stop) or a tqdm bar.
    """
    return _native._synth_taian(seed, progress)


def generate(config: Optional[Dict[str, Any]] = None, *, progress: Optional[Any] = None, **knobs: Any) -> Programme:
    """A programme of any size: ``seed``, ``scale`` (1.0 = Tai'an) or exact ``nodes`` and
    ``edges``, ``docs_per_expert``, ``truth_limit``, given as a dict and/or keywords.

    >>> p = generate(seed=1, nodes=5_000, edges=30_000)
    >>> (p.node_count, p.edge_count)
    (5000, 30000)
    """
    cfg = dict(config or {})
    cfg.update(knobs)
    return _native._synth_generate(cfg, progress)
