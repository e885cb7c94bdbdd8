"""Shared fixtures: a small hand-built programme covering several kinds and relations."""

from __future__ import annotations

import pytest

import kechuang

NODES = [
    {"key": "r:taian", "kind": "region", "name": "泰安市", "level": "city", "code": "370900"},
    {"key": "r:taishan", "kind": "region", "name": "泰山区", "level": "district"},
    {"key": "e:steel", "kind": "enterprise", "name": "泰山钢铁集团", "industries": ["C31"], "high_tech": True},
    {"key": "s:csm", "kind": "society", "name": "中国金属学会", "level": "national", "disciplines": ["metallurgy"]},
    {"key": "x:zhang", "kind": "expert", "name": "张伟", "capacity": 3, "titles": ["professor"], "keywords": ["余热回收"]},
    {"key": "x:li", "kind": "expert", "name": "李强", "capacity": 2},
    {"key": "d:1", "kind": "demand", "name": "余热回收", "text": "高炉煤气余热回收效率低", "industries": ["C31"], "posted": "2024-03-01"},
    {"key": "l:wang", "kind": "liaison", "name": "王芳", "tier": 2, "start": "2023-05-01"},
]
EDGES = [
    {"relation": "part_of", "source": "r:taishan", "target": "r:taian"},
    {"relation": "located_in", "source": "e:steel", "target": "r:taishan"},
    {"relation": "posted", "source": "e:steel", "target": "d:1"},
    {"relation": "member_of", "source": "x:zhang", "target": "s:csm", "weight": 0.5, "role": "council"},
    {"relation": "member_of", "source": "x:li", "target": "s:csm"},
    {"relation": "brokered", "source": "l:wang", "target": "d:1"},
]


@pytest.fixture
def small() -> kechuang.Programme:
    p = kechuang.Programme()
    p.add_nodes(NODES)
    p.add_edges(EDGES)
    return p


@pytest.fixture(scope="session")
def taian_session() -> kechuang.Programme:
    """The Tai'an preset, shared (read-only!) by the tests of the analysis capabilities."""
    return kechuang.synth.taian(7)
