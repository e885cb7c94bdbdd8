"""Every bound result type has the same surface: to_dict / to_json / from_json, to_pandas,
pickling, repr and an HTML table."""

from __future__ import annotations

import pickle
from typing import Any, Callable, List, Tuple

import pandas as pd
import pytest

import kechuang

FACTORIES: List[Tuple[str, str, Callable[[kechuang.Programme], Any]]] = [
    ("match_demand", "MatchList", lambda p: p.match_demand(p.truth[0]["demand"], k=3)),
    ("affinity_table", "Affinities", lambda p: p.affinity_table([t["demand"] for t in p.truth[:2]], k=2)),
    ("reverse_match", "ReverseMatches", lambda p: p.reverse_match(p.keys("expert")[0], k=2)),
    ("assign", "AssignmentResult", lambda p: p.assign([{"demand": t["demand"], "expert": x, "score": 0.9 - 0.1 * i} for t in p.truth[:3] for i, x in enumerate(t["experts"][:2])])),
    ("pagerank", "Scores", lambda p: p.pagerank()),
    ("impact_index", "ImpactIndexResult", lambda p: p.impact_index()),
    ("attribution", "AttributionResult", lambda p: p.attribution()),
    ("leaderboard", "LeaderboardResult", lambda p: p.leaderboard(3)),
    ("report", "Report", lambda p: p.report()),
    ("funnel", "FunnelResult", lambda p: p.funnel()),
    ("coverage", "Coverage", lambda p: p.coverage()),
    ("liaison_tiers", "Tiers", lambda p: p.liaison_tiers()),
    ("find_duplicates", "DuplicatesResult", lambda p: p.find_duplicates({"kinds": ["society"]})),
    ("follow_up", "FollowUpResult", lambda p: p.follow_up("2022-07-01")),
]
BOUND = [f for f in FACTORIES if hasattr(kechuang.Programme, f[0])]


def test_something_is_bound() -> None:
    assert BOUND


@pytest.mark.parametrize("method,cls,make", BOUND, ids=[f[1] for f in BOUND])
def test_common_surface(method: str, cls: str, make: Callable[[kechuang.Programme], Any], taian_session: kechuang.Programme) -> None:
    r = make(taian_session)
    assert type(r).__name__ == cls and getattr(kechuang, cls) is type(r)
    assert repr(r).startswith(f"<kechuang.{cls}: ")
    html = r._repr_html_()
    assert html.startswith("<div>") and "<table>" in html
    df = r.to_pandas()
    assert isinstance(df, pd.DataFrame)
    d = r.to_dict()
    assert isinstance(d, (dict, list))
    assert type(r).from_json(r.to_json()) == r
    again = pickle.loads(pickle.dumps(r))
    assert again == r and again.to_json() == r.to_json()
    assert (r == 42) is False
    with pytest.raises(kechuang.InvalidValueError):
        type(r).from_json('{"no": "such shape"}')
