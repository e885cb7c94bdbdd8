"""pandas and networkx glue for :mod:`kechuang` (called by the native module).

Only data-frame plumbing lives here: building frames from the core's records and taking
frames apart into columns. Every decision about the data is the core's.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

Record = Dict[str, Any]

NODE_COLUMNS = (
    "id key kind name name_en level subtype industries disciplines keywords titles flags text "
    "title size high_tech capacity tier urgency budget_cny posted events year start end value "
    "unit date code attrs"
).split()
EDGE_COLUMNS = "id relation source target weight role start end attrs".split()


def frame(records: Sequence[Record], order: Sequence[str], index: Optional[str] = None) -> Any:
    """A DataFrame of records with columns in ``order`` (unknown fields appended)."""
    import pandas as pd

    df = pd.DataFrame.from_records(list(records))
    if df.empty and not len(df.columns):
        df = pd.DataFrame(columns=[c for c in order if c != index] + ([index] if index else []))
    known = [c for c in order if c in df.columns]
    extra = [c for c in df.columns if c not in order]
    df = df[known + extra]
    if index is not None and index in df.columns:
        df = df.set_index(index)
    return df


def node_frame(records: Sequence[Record]) -> Any:
    return frame(records, NODE_COLUMNS)


def edge_frame(records: Sequence[Record]) -> Any:
    return frame(records, EDGE_COLUMNS)


def table(records: Sequence[Record], columns: Sequence[str]) -> Any:
    """A DataFrame of result rows with the given leading columns."""
    return frame(records, columns)


def _dtype(kind: str) -> Any:
    import pandas as pd

    if kind == "str":
        # pandas' own string dtype (``str`` in pandas 3, ``object`` before)
        return pd.Series(["a"]).dtype
    return {"int": "int64", "float": "float64", "object": "object"}[kind]


def typed_table(records: Sequence[Record], schema: Sequence[Tuple[str, str]]) -> Any:
    """A DataFrame of result rows with exactly the columns of ``schema`` (name, kind: int,
    float, str or object), in order and with fixed dtypes whatever the rows — also when
    there are none — so frames of slices concatenate into the frame of the whole."""
    import pandas as pd

    names = [c for c, _ in schema]
    # fields the schema does not know (none today) are kept, after the schema's columns
    extra = sorted({k for r in records for k in r} - set(names))
    df = pd.DataFrame.from_records(list(records), columns=names + extra)
    return df.astype({c: _dtype(k) for c, k in schema})


def columns_of(df: Any, name: str) -> Tuple[List[Tuple[str, List[Any]]], List[Any]]:
    """The columns of a DataFrame (name, cells as Python objects) and its index labels."""
    if df is None:
        return [], []
    if not hasattr(df, "columns") or not hasattr(df, "index"):
        raise TypeError(f"{name} must be a pandas DataFrame, not {type(df).__name__}")
    cols = []
    for c in df.columns:
        if not isinstance(c, str):
            raise TypeError(f"{name} column names must be strings, found {c!r}")
        cols.append((c, df[c].tolist()))
    return cols, df.index.tolist()


def to_networkx(nodes: Iterable[Record], edges: Iterable[Record]) -> Any:
    """A networkx MultiDiGraph: nodes are keys with their record fields as attributes; edges
    are keyed by edge id with ``relation``, ``weight`` and the other record fields."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for rec in nodes:
        attrs = dict(rec)
        key = attrs.pop("key")
        g.add_node(key, **attrs)
    for rec in edges:
        attrs = dict(rec)
        source, target, eid = attrs.pop("source"), attrs.pop("target"), attrs.pop("id")
        attrs.setdefault("weight", 1.0)
        g.add_edge(source, target, key=eid, **attrs)
    return g


def html_table(title: str, rows: Sequence[Record], columns: Sequence[str], limit: int = 20) -> str:
    """A small HTML table of result rows (for ``_repr_html_``; no pandas needed)."""
    from html import escape

    def cell(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.4g}"
        if isinstance(v, (list, tuple)):
            return escape(", ".join(map(str, v)))
        return escape("" if v is None else str(v))

    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell(r.get(c))}</td>" for c in columns) + "</tr>" for r in rows[:limit]
    )
    more = f"<p>… {len(rows) - limit} more rows</p>" if len(rows) > limit else ""
    return f"<div><b>{escape(title)}</b><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}</div>"


def records(obj: Any, rename: Optional[Dict[str, str]] = None) -> List[Record]:
    """Rows of a DataFrame (or an iterable of dicts) as dicts, with columns renamed."""
    names: Dict[str, str] = rename or {}
    if hasattr(obj, "to_dict") and hasattr(obj, "columns"):
        out: List[Record] = obj.rename(columns=names).to_dict("records")
        return out
    return [{str(names.get(str(k), k)): v for k, v in dict(r).items()} for r in obj]


def csv_text(df: Any, name: str) -> str:
    """A DataFrame as CSV text for the core's CSV readers: lists and dicts as JSON, dates
    as ``YYYY-MM-DD``, missing values as empty cells ("" for no DataFrame)."""
    if df is None:
        return ""
    import datetime
    import json

    import pandas as pd

    if not hasattr(df, "columns"):
        raise TypeError(f"{name} must be a pandas DataFrame, not {type(df).__name__}")

    def cell(v: Any) -> Any:
        if isinstance(v, (list, tuple, dict)):
            return json.dumps(v, ensure_ascii=False)
        if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
            return cell(v.tolist())
        if isinstance(v, (datetime.date, pd.Timestamp)) and not pd.isna(v):
            return v.strftime("%Y-%m-%d")
        return v

    out: str = df.map(cell).to_csv(index=False)
    return out
