//! Impact: network position (PageRank, betweenness, brokerage), outcome attribution, the
//! composite impact index and rankings.

use kechuang::Result;
use kechuang::graph::CollabGraph;
use kechuang::impact::{
    self, Attribution, BetweennessOptions, GraphRankOptions, ImpactIndex, ImpactOptions, ImpactRow,
    Leaderboard, NodeScores, RankingQuery,
};
use kechuang::model::NodeKind;
use pyo3::prelude::*;
use serde_json::{Value, json};

use crate::convert::{from_py, to_py};
use crate::errors::IntoPy;
use crate::programme::Programme;
use crate::results::{View, py_result, row};
use crate::run::with_progress;

impl View for NodeScores {
    const COLUMNS: &'static [&'static str] = &["key", "kind", "score"];
    fn rows(&self) -> Vec<Value> {
        self.scores.iter().map(row).collect()
    }
    fn summary(&self) -> String {
        format!("{} of {} entities", self.measure, self.scores.len())
    }
}

py_result!(
    /// A score per entity on one measure, by key. ``top(k, kind=None)`` ranks them.
    Scores,
    NodeScores
);

#[pymethods]
impl Scores {
    fn __len__(&self) -> usize {
        self.inner.scores.len()
    }

    /// The measure's name (``"pagerank"``, ``"betweenness"``, …).
    #[getter]
    fn measure(&self) -> String {
        self.inner.measure.clone()
    }

    /// What the computation reported besides the scores (iterations, convergence, …).
    #[getter]
    fn info<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.info)
    }

    /// The score of an entity (``None`` if absent).
    fn get(&self, key: &str) -> Option<f64> {
        self.inner.get(key)
    }

    /// Key → score, in id order.
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        let d = pyo3::types::PyDict::new(py);
        for s in &self.inner.scores {
            d.set_item(&s.key, s.score)?;
        }
        Ok(d)
    }

    /// The ``k`` highest scores (optionally of one kind) as (key, score), best first, ties
    /// by id; undefined (NaN) scores last.
    #[pyo3(signature = (k = 10, kind = None))]
    fn top(&self, py: Python<'_>, k: usize, kind: Option<&str>) -> PyResult<Vec<(String, f64)>> {
        let kind: Option<NodeKind> = kind.map(str::parse).transpose().py_err(py)?;
        Ok(self
            .inner
            .top(k, kind)
            .into_iter()
            .map(|s| (s.key.clone(), s.score))
            .collect())
    }
}

fn rank_options(options: Option<&Bound<'_, PyAny>>) -> PyResult<GraphRankOptions> {
    options.map_or_else(
        || Ok(GraphRankOptions::default()),
        |o| from_py(o, "options"),
    )
}

impl View for ImpactIndex {
    const COLUMNS: &'static [&'static str] = &[
        "key", "name", "kind", "index", "credit", "position", "activity",
    ];
    fn rows(&self) -> Vec<Value> {
        self.rows.iter().map(impact_row).collect()
    }
    fn summary(&self) -> String {
        format!(
            "{} entities scored, {} outcomes attributed",
            self.rows.len(),
            self.attribution.outcomes.len()
        )
    }
}

fn impact_row(r: &ImpactRow) -> Value {
    let mut v = json!({"key": r.key, "name": r.name, "kind": r.kind, "index": r.index,
                       "industries": r.industries});
    if let Value::Object(m) = &mut v {
        for p in &r.parts {
            if let Ok(Value::String(c)) = serde_json::to_value(p.component) {
                m.insert(c, json!(p.raw));
            }
        }
    }
    v
}

py_result!(
    /// The composite impact index of every scored entity (credit from outcomes, network
    /// position, activity; each as a within-kind percentile) with its breakdown.
    /// ``ranking(kind, top_n, region=None, industry=None)`` gives a top-N list (榜单).
    ImpactIndexResult,
    ImpactIndex
);

#[pymethods]
impl ImpactIndexResult {
    fn __len__(&self) -> usize {
        self.inner.rows.len()
    }
}

fn ranking_table<'py>(
    py: Python<'py>,
    index: &ImpactIndex,
    g: &CollabGraph,
    q: &RankingQuery,
) -> PyResult<Bound<'py, PyAny>> {
    let rows: Vec<Value> = index
        .ranking(g, q)
        .py_err(py)?
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let mut v = impact_row(r);
            if let Value::Object(m) = &mut v {
                m.insert("rank".into(), json!(i + 1));
            }
            v
        })
        .collect();
    let mut cols = vec!["rank"];
    cols.extend(<ImpactIndex as View>::COLUMNS);
    py.import("kechuang._frames")?
        .call_method1("table", (to_py(py, &rows)?, cols))
}

impl View for Attribution {
    const COLUMNS: &'static [&'static str] = &[
        "outcome",
        "outcome_kind",
        "points",
        "key",
        "kind",
        "group",
        "role",
        "amount",
    ];
    fn rows(&self) -> Vec<Value> {
        let mut rows = Vec::new();
        for o in &self.outcomes {
            for c in &o.credits {
                rows.push(
                    json!({"outcome": o.key, "outcome_kind": o.kind, "points": o.points,
                                 "key": c.key, "kind": c.kind, "group": c.group,
                                 "role": c.role, "amount": c.amount}),
                );
            }
        }
        rows
    }
    fn summary(&self) -> String {
        let unattributed = self.unattributed().count();
        format!(
            "{} outcomes, {:.1} points, {unattributed} unattributed",
            self.outcomes.len(),
            self.total_points()
        )
    }
}

py_result!(
    /// Every outcome credited to the actors the graph links it to: one row per (outcome,
    /// actor) with the actor's share of the outcome's points.
    AttributionResult,
    Attribution
);

impl View for Leaderboard {
    const COLUMNS: &'static [&'static str] = &[
        "board", "rank", "key", "name", "kind", "index", "credit", "position", "activity",
    ];
    fn rows(&self) -> Vec<Value> {
        let mut rows = Vec::new();
        for (board, list) in [
            ("experts", &self.experts),
            ("societies", &self.societies),
            ("liaisons", &self.liaisons),
        ] {
            for (i, r) in list.iter().enumerate() {
                let mut v = impact_row(r);
                if let Value::Object(m) = &mut v {
                    m.insert("board".into(), json!(board));
                    m.insert("rank".into(), json!(i + 1));
                }
                rows.push(v);
            }
        }
        rows
    }
    fn summary(&self) -> String {
        format!(
            "top {} experts, {} societies, {} liaisons from {} outcomes",
            self.experts.len(),
            self.societies.len(),
            self.liaisons.len(),
            self.outcomes
        )
    }
}

py_result!(
    /// The programme's leaderboards (榜单): top experts, societies and liaisons by impact.
    LeaderboardResult,
    Leaderboard
);

#[pymethods]
impl Programme {
    /// PageRank of every entity on the walk graph (``options``: ``pagerank`` {``alpha``,
    /// ``tol``, ``max_iter``}, ``relation_weights``, ``directed``, ``directed_relations``),
    /// optionally personalised by ``restart`` ({key: weight}).
    #[pyo3(signature = (options = None, *, restart = None, progress = None))]
    fn pagerank(
        &self,
        py: Python<'_>,
        options: Option<&Bound<'_, PyAny>>,
        restart: Option<Vec<(String, f64)>>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Scores> {
        let opts = rank_options(options)?;
        let g = self.graph(py);
        with_progress(py, progress, move |hook| {
            let f = g.frozen();
            let restart = restart
                .unwrap_or_default()
                .into_iter()
                .map(|(k, w)| g.resolve(&k).map(|id| (id, w)))
                .collect::<Result<Vec<_>>>()?;
            let mut h = |d: usize, t: usize| hook(d as u64, t as u64);
            let pr = impact::pagerank(&f, &opts, &restart, Some(&mut h))?;
            pr.keyed(&g, &f)
        })
        .map(Scores::new)
    }

    /// Betweenness of every entity (Brandes; exact, or sampled with ``samples``), on the
    /// same walk graph as PageRank (``rank_options``).
    #[pyo3(signature = (options = None, *, rank_options = None, progress = None))]
    fn betweenness(
        &self,
        py: Python<'_>,
        options: Option<&Bound<'_, PyAny>>,
        rank_options: Option<&Bound<'_, PyAny>>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Scores> {
        let opts: BetweennessOptions = options.map_or_else(
            || Ok(BetweennessOptions::default()),
            |o| from_py(o, "options"),
        )?;
        let rank = self::rank_options(rank_options)?;
        let g = self.graph(py);
        with_progress(py, progress, move |hook| {
            let f = g.frozen();
            let mut h = |d: usize, t: usize| hook(d as u64, t as u64);
            let b = impact::betweenness(&f, &rank, &opts, Some(&mut h))?;
            b.keyed(&g, &f)
        })
        .map(Scores::new)
    }

    /// Burt's brokerage of every entity: a DataFrame with ``constraint`` (low = broker) and
    /// ``effective_size`` (NaN without neighbours).
    #[pyo3(signature = (rank_options = None))]
    fn brokerage<'py>(
        &self,
        py: Python<'py>,
        rank_options: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let rank = self::rank_options(rank_options)?;
        let rows = self.read(py, move |g| {
            let f = g.frozen();
            let b = impact::brokerage(&f, &rank)?;
            Ok((0..f.node_count())
                .map(|d| {
                    let (c, e) = b.get(d).unwrap_or((f64::NAN, f64::NAN));
                    json!({"key": g.key(f.id(d as u32)), "kind": f.kind(d as u32),
                           "constraint": c, "effective_size": e})
                })
                .collect::<Vec<_>>())
        })?;
        py.import("kechuang._frames")?.call_method1(
            "table",
            (
                to_py(py, &rows)?,
                vec!["key", "kind", "constraint", "effective_size"],
            ),
        )
    }

    /// Credits every outcome to the actors the graph links it to (``options``: credit rule,
    /// valuation, decay, ``as_of``).
    #[pyo3(signature = (options = None))]
    fn attribution(
        &self,
        py: Python<'_>,
        options: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<AttributionResult> {
        let opts = options.map_or_else(|| Ok(Default::default()), |o| from_py(o, "options"))?;
        self.read(py, move |g| impact::attribute(g, &opts))
            .map(AttributionResult::new)
    }

    /// The composite impact index of every scored entity (``options``: ``credit``,
    /// ``rank``, ``weights``, ``kind_weights``).
    #[pyo3(signature = (options = None))]
    fn impact_index(
        &self,
        py: Python<'_>,
        options: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ImpactIndexResult> {
        let opts: ImpactOptions =
            options.map_or_else(|| Ok(ImpactOptions::default()), |o| from_py(o, "options"))?;
        self.read(py, move |g| impact::impact_index(g, &opts))
            .map(ImpactIndexResult::new)
    }

    /// Top-N ranking (榜单) of one kind by impact index, optionally within a region (nested
    /// sub-regions included) or an industry (prefix match), as a DataFrame with the index and
    /// its components. Pass ``index`` (from ``impact_index()``) to rank several times without
    /// recomputing it.
    #[pyo3(signature = (kind = "expert", top_n = 10, region = None, industry = None, *, index = None, options = None))]
    #[allow(clippy::too_many_arguments)]
    fn ranking<'py>(
        &self,
        py: Python<'py>,
        kind: &str,
        top_n: usize,
        region: Option<String>,
        industry: Option<String>,
        index: Option<&Bound<'py, ImpactIndexResult>>,
        options: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let kind: NodeKind = kind.parse().py_err(py)?;
        let mut q = RankingQuery::top(kind, top_n);
        q.region = region;
        q.industry = industry;
        let index = match index {
            Some(i) => i.get().inner.clone(),
            None => self.impact_index(py, options)?.inner,
        };
        let g = self.graph(py);
        ranking_table(py, &index, &g, &q)
    }

    /// The leaderboards: top ``n`` experts, societies and liaisons by impact index.
    #[pyo3(signature = (n = 10, *, options = None))]
    fn leaderboard(
        &self,
        py: Python<'_>,
        n: usize,
        options: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<LeaderboardResult> {
        let opts: ImpactOptions =
            options.map_or_else(|| Ok(ImpactOptions::default()), |o| from_py(o, "options"))?;
        self.read(py, move |g| impact::leaderboard(g, &opts, n))
            .map(LeaderboardResult::new)
    }
}
