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


# Sections for capabilities that land later; each is included only when the installed
# kechuang binds it (never faked).
LATER = [
    (("match_demand",), [
        ("md", """## Match demands to experts, with explanations

`match_demand` ranks experts by seven signals (text relevance of their papers, patents and
solved cases; taxonomy fit; network proximity to the enterprise; track record; availability;
seniority; locality) and says why. The synthetic programme knows the planted best-fit experts of
each demand, so we can see whether they come out on top."""),
        ("code", """found = 0
for t in p.truth[:3]:
    d = p[t["demand"]]
    m = p.match_demand(t["demand"], k=5)
    print(f"{d['key']} {d['name']}: {d['text'][:60]}…")
    print(m.explain())
    hits = [x for x in t["experts"] if x in m.keys()]
    found += bool(hits)
    print("planted best-fit experts found in the top 5:", hits)
    print()
m"""),
        ("code", """societies = p.match_demand(p.truth[0]["demand"], target="societies", k=5)
societies.to_pandas()[["rank", "key", "name", "score", "text", "taxonomy", "network"]]"""),
    ]),
    (("assign", "affinity_table"), [
        ("md", """## Assign a season's demands

The demands posted in spring 2022, staffed at once: maximum total affinity under each expert's
capacity, with conflicts of interest (same employer, shared organisation, recent collaboration)
derived from the graph."""),
        ("code", """demands = p.nodes_df("demand")
season = demands[(demands["posted"] >= "2022-03-01") & (demands["posted"] < "2022-06-01")]
affinities = p.affinity_table(list(season["key"]), k=10)
assignment = p.assign(affinities)
print(f"{len(season)} demands in the season")
assignment"""),
        ("code", """pairs = assignment.to_pandas()
pairs["expert_name"] = [p[x]["name"] for x in pairs["expert"]]
pairs.head(10)"""),
    ]),
    (("ranking",), [
        ("md", """## Rankings (榜单)

The composite impact index: outcome credit, network position and activity, each as a
percentile within the kind."""),
        ("code", """fig, axes = plt.subplots(1, 3, figsize=(15, 4))
index = p.impact_index()  # computed once, ranked three times
for ax, (kind, plural) in zip(axes, [("expert", "experts"), ("society", "societies"), ("liaison", "liaisons")]):
    top = p.ranking(kind, 10, index=index)
    ax.barh(top["name"][::-1], top["index"][::-1], color="tab:blue")
    ax.set_title(f"top {plural} by impact index")
    ax.set_xlim(0, 100)
plt.tight_layout()
plt.show()
p.ranking("society", 5, index=index)"""),
    ]),
    (("coverage",), [
        ("md", "## Region × industry coverage"),
        ("code", """cells = p.coverage().to_pandas()
cells["region_name"] = [p[r]["name"] for r in cells["region"]]
heat = cells.pivot_table(index="region_name", columns="industry_name", values="open", aggfunc="sum", fill_value=0)
fig, ax = plt.subplots(figsize=(14, 6))
im = ax.imshow(heat.values, cmap="YlOrRd", aspect="auto")
ax.set_xticks(range(len(heat.columns)), heat.columns, rotation=60, ha="right")
ax.set_yticks(range(len(heat.index)), heat.index)
fig.colorbar(im, ax=ax, label="open demands")
ax.set_title("Open demands by region and industry")
plt.tight_layout()
plt.show()"""),
    ]),
    (("funnel", "report"), [
        ("md", "## The demand funnel and the programme report"),
        ("code", """funnel = p.funnel()
stages = funnel.to_pandas()
stages = stages[~stages["state"].isin(["closed_unsolved", "withdrawn"])]
fig, ax = plt.subplots(figsize=(8, 4))
ax.barh(stages["state"][::-1], stages["reached"][::-1], color="tab:green")
ax.set_title(repr(funnel))
plt.tight_layout()
plt.show()"""),
        ("code", """print(p.report().to_table("both"))"""),
    ]),
]


def build() -> nbformat.NotebookNode:
    import kechuang

    cells = list(CELLS)
    for needs, section in LATER:
        if all(hasattr(kechuang.Programme, n) for n in needs):
            cells += section
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, (kind, src) in enumerate(cells):
        cell = new_markdown_cell(src) if kind == "md" else new_code_cell(src)
        cell["id"] = f"cell-{i:02d}"
        nb.cells.append(cell)
    return nb


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(build(), OUT)
    print("wrote", OUT)
