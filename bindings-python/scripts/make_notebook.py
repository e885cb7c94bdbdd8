"""Writes examples/notebooks/taian_analysis.ipynb (without outputs) from the cells below.

Run from the repository root: .venv/bin/python bindings-python/scripts/make_notebook.py
The notebook is executed headless by bindings-python/tests/test_notebook.py.
"""

from __future__ import annotations

import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = pathlib.Path(__file__).resolve().parents[2] / "examples" / "notebooks" / "taian_analysis.ipynb"

CELLS = [
    ("md", """# 泰安 · Tai'an: a 科创中国 pilot city, analysed with kechuang

A synthetic programme modelled on Tai'an's 2020–2022 figures (68 national societies, about 1,000
experts of whom 33 academicians, 91 collaborative innovation organisations, 2,000+ liaisons).
Everything below runs in the Rust core; Python only converts and plots."""),
    ("code", """import kechuang
import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "DejaVu Sans"]
plt.rcParams["axes.unicode_minus"] = False
kechuang.__version__"""),
    ("md", """## Load the Tai'an preset

`kechuang.synth.taian(seed)` is deterministic: the same seed gives the same programme."""),
    ("code", """p = kechuang.synth.taian(seed=7)
p"""),
    ("code", """kinds = pd.Series(dict(p.count_by_kind()), name="entities").sort_values(ascending=False)
relations = pd.Series(dict(p.count_by_relation()), name="relations").sort_values(ascending=False)
print(f"{p.node_count:,} entities, {p.edge_count:,} relations")
kinds.to_frame()"""),
    ("md", "## Inspect: experts, societies, demands"),
    ("code", """experts = p.nodes_df("expert")
academicians = experts[experts["titles"].apply(lambda t: isinstance(t, list) and any(x.startswith("academician") for x in t))]
print(len(experts), "experts, of whom", len(academicians), "academicians")
experts[["key", "name", "titles", "disciplines", "capacity"]].head()"""),
    ("code", """demands = p.nodes_df("demand")
demands[["key", "name", "text", "industries", "urgency", "posted"]].head()"""),
    ("md", "## A society's neighbourhood"),
    ("code", """members = {s: len(p.neighbors(s, relation="member_of", direction="in")) for s in p.keys("society")}
society = max(members, key=lambda s: (members[s], s))
around = sorted(set(p.neighbors(society, direction="both")))
sub = p.to_networkx(keys=[society] + around)
print(p[society]["name"], "—", len(around), "neighbours,", sub.number_of_edges(), "relations among them")

palette = {"society": "tab:red", "expert": "tab:blue", "enterprise": "tab:green", "institution": "tab:purple"}
colors = [palette.get(sub.nodes[n]["kind"], "tab:gray") for n in sub.nodes]
fig, ax = plt.subplots(figsize=(8, 8))
pos = nx.spring_layout(sub, seed=1)
nx.draw_networkx(sub, pos, node_color=colors, node_size=[300 if n == society else 40 for n in sub.nodes],
                 with_labels=False, arrows=False, width=0.3, ax=ax)
ax.set_title(f"Neighbourhood of {society}")
ax.axis("off")
plt.show()"""),
]


def build() -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, (kind, src) in enumerate(CELLS):
        cell = new_markdown_cell(src) if kind == "md" else new_code_cell(src)
        cell["id"] = f"cell-{i:02d}"
        nb.cells.append(cell)
    return nb


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(build(), OUT)
    print("wrote", OUT)
