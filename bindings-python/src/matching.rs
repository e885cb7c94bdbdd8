//! Matching: `Programme.match_demand` and friends, with the `Matcher` built lazily and cached
//! on the programme until the graph changes.

use std::sync::Arc;

use kechuang::matching::{AffinityTable, DemandMatch, MatchConfig, Matcher, Matches, Query};
use kechuang::{Error, Result};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use serde_json::{Value, json};

use crate::convert::{from_py, to_py};
use crate::errors::IntoPy;
use crate::programme::Programme;
use crate::results::{View, py_result, row};
use crate::run::{detached, with_progress};

impl View for Matches {
    const COLUMNS: &'static [&'static str] = &[
        "rank",
        "key",
        "kind",
        "name",
        "score",
        "text",
        "taxonomy",
        "network",
        "track_record",
        "availability",
        "seniority",
        "locality",
        "matched_terms",
        "path",
    ];
    fn rows(&self) -> Vec<Value> {
        self.results
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut v = json!({
                    "rank": i + 1, "key": r.key, "kind": r.kind, "name": r.name, "score": r.score,
                    "matched_terms": r.matched_terms.iter().map(|t| t.term.as_str()).collect::<Vec<_>>(),
                    "path": r.path,
                });
                if let (Value::Object(m), Value::Object(s)) = (&mut v, row(&r.signals)) {
                    m.extend(s);
                }
                if let Some(d) = &self.demand {
                    if let Value::Object(m) = &mut v {
                        m.insert("demand".into(), Value::String(d.clone()));
                    }
                }
                v
            })
            .collect()
    }
    fn summary(&self) -> String {
        let what = serde_json::to_value(self.target)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        match (&self.demand, self.results.first()) {
            (Some(d), Some(top)) => format!(
                "{} {what} for {d}, best {} ({:.3})",
                self.results.len(),
                top.key,
                top.score
            ),
            (None, Some(top)) => format!(
                "{} {what}, best {} ({:.3})",
                self.results.len(),
                top.key,
                top.score
            ),
            (_, None) => format!("no {what} matched"),
        }
    }
}

py_result!(
    /// Ranked, explained candidates for one query (experts, societies, offers or teams).
    ///
    /// Each result carries its fused ``score``, the seven ``signals`` and their
    /// ``contributions`` (which sum to the score), the query terms found in its evidence
    /// (``matched_terms``, with the document or case each came from) and the strongest path
    /// from the asking enterprise (``path``). ``explain(key)`` says it in words.
    MatchList,
    Matches
);

#[pymethods]
impl MatchList {
    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The result at a rank (0-based) as a dict.
    fn __getitem__<'py>(&self, py: Python<'py>, i: isize) -> PyResult<Bound<'py, PyAny>> {
        let n = self.inner.results.len() as isize;
        let j = if i < 0 { i + n } else { i };
        match usize::try_from(j)
            .ok()
            .and_then(|j| self.inner.results.get(j))
        {
            Some(r) => to_py(py, r),
            None => Err(pyo3::exceptions::PyIndexError::new_err(format!(
                "rank {i} out of range: {n} results"
            ))),
        }
    }

    /// The demand's key (``None`` for a free-text query).
    #[getter]
    fn demand(&self) -> Option<String> {
        self.inner.demand.clone()
    }

    /// Result keys, best first.
    fn keys(&self) -> Vec<String> {
        self.inner.keys().into_iter().map(str::to_string).collect()
    }

    /// The result for a key, as a dict (``None`` if it is not among the results).
    fn get<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.get(key).map(|r| to_py(py, r)).transpose()
    }

    /// 0-based rank of a key (``None`` if absent).
    fn rank_of(&self, key: &str) -> Option<usize> {
        self.inner.rank_of(key)
    }

    /// Teams (for ``target="teams"``), best first.
    #[getter]
    fn teams<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.teams)
    }

    /// The query terms used (after fuzzy expansion).
    #[getter]
    fn query_terms(&self) -> Vec<String> {
        self.inner.query_terms.clone()
    }

    /// Candidates left out for a conflict of interest.
    #[getter]
    fn conflicts_excluded(&self) -> Vec<String> {
        self.inner.conflicts_excluded.clone()
    }

    /// Why a candidate (the best one by default) ranks where it does: score, the signals'
    /// contributions largest first, matched terms with their evidence, and the network path.
    #[pyo3(signature = (key = None))]
    fn explain(&self, py: Python<'_>, key: Option<&str>) -> PyResult<String> {
        let r = match key {
            Some(k) => self.inner.get(k),
            None => self.inner.top(),
        };
        let Some(r) = r else {
            let e = Error::unknown_key(key.unwrap_or("(best result)"));
            return Err(crate::errors::to_py_err(py, &e));
        };
        let rank = self.inner.rank_of(&r.key).map_or(0, |i| i + 1);
        let names = [
            "text",
            "taxonomy",
            "network",
            "track_record",
            "availability",
            "seniority",
            "locality",
        ];
        let mut parts: Vec<(f64, &str, f64)> = names
            .iter()
            .zip(r.contributions.as_array())
            .zip(r.signals.as_array())
            .map(|((n, c), s)| (c, *n, s))
            .filter(|(c, _, _)| *c > 0.0)
            .collect();
        parts.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let mut out = format!("#{rank} {} {} — score {:.3}\n", r.key, r.name, r.score);
        for (c, n, s) in parts {
            out.push_str(&format!("  {n:<13} {c:.3}  (signal {s:.2})\n"));
        }
        if !r.matched_terms.is_empty() {
            let terms: Vec<String> = r
                .matched_terms
                .iter()
                .take(8)
                .map(|t| format!("{} [{}]", t.term, t.source))
                .collect();
            out.push_str(&format!("  terms: {}\n", terms.join(", ")));
        }
        if !r.path.is_empty() {
            out.push_str(&format!("  path: {}\n", r.path.join(" → ")));
        }
        Ok(out)
    }
}

impl View for AffinityTable {
    const COLUMNS: &'static [&'static str] = &["demand", "candidate", "score"];
    fn rows(&self) -> Vec<Value> {
        self.entries.iter().map(row).collect()
    }
    fn summary(&self) -> String {
        let mut demands: Vec<&str> = self.entries.iter().map(|e| e.demand.as_str()).collect();
        demands.dedup();
        format!(
            "{} entries for {} demands",
            self.entries.len(),
            demands.len()
        )
    }
}

py_result!(
    /// Affinities (demand, candidate, score), sorted by demand, then score descending, then
    /// candidate: the input of assignment.
    Affinities,
    AffinityTable
);

#[pymethods]
impl Affinities {
    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The score of a pair (``None`` if the pair is not in the table).
    fn score(&self, demand: &str, candidate: &str) -> Option<f64> {
        self.inner.score(demand, candidate)
    }
}

/// Reverse matches as a result list.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub(crate) struct DemandMatches(pub Vec<DemandMatch>);

impl View for DemandMatches {
    const COLUMNS: &'static [&'static str] = &["demand", "name", "score"];
    fn rows(&self) -> Vec<Value> {
        self.0
            .iter()
            .map(|d| {
                let mut v = json!({"demand": d.demand, "name": d.name, "score": d.score});
                if let (Value::Object(m), Value::Object(s)) = (&mut v, row(&d.signals)) {
                    m.extend(s);
                }
                v
            })
            .collect()
    }
    fn summary(&self) -> String {
        format!("{} open demands", self.0.len())
    }
}

py_result!(
    /// Open demands that fit a candidate (reverse matching), best first.
    ReverseMatches,
    DemandMatches
);

#[pymethods]
impl ReverseMatches {
    fn __len__(&self) -> usize {
        self.inner.0.len()
    }

    /// Demand keys, best first.
    fn keys(&self) -> Vec<String> {
        self.inner.0.iter().map(|d| d.demand.clone()).collect()
    }
}

/// A query from `demand` (a key, or a dict of query fields) and keyword fields.
pub(crate) fn query_of(
    py: Python<'_>,
    demand: Option<&Bound<'_, PyAny>>,
    fields: Option<&Bound<'_, PyDict>>,
) -> PyResult<Query> {
    let q = PyDict::new(py);
    if let Some(d) = demand {
        if d.is_instance_of::<PyString>() {
            q.set_item("demand", d)?;
        } else {
            q.update(d.cast::<PyDict>()?.as_mapping())?;
        }
    }
    if let Some(f) = fields {
        q.update(f.as_mapping())?;
    }
    from_py(q.as_any(), "query")
}

/// The hook adapter for `match_batch_with`.
fn stop_if(go_on: bool) -> Result<()> {
    if go_on { Ok(()) } else { Err(Error::Cancelled) }
}

impl Programme {
    /// The affinity table of some demands (all when `None`).
    pub(crate) fn affinity_table_for(
        &self,
        py: Python<'_>,
        demands: Option<Vec<String>>,
        k: usize,
    ) -> PyResult<AffinityTable> {
        let (g, m) = self.matcher(py)?;
        detached(py, move || {
            let keys = match demands {
                Some(d) => d,
                None => g
                    .nodes_of(kechuang::model::NodeKind::Demand)
                    .map(|(_, n)| n.key.clone())
                    .collect(),
            };
            m.affinity_table(&g, &keys, k)
        })
    }

    /// The configured matching settings (defaults until ``set_match_config``).
    pub(crate) fn match_config_value(&self, py: Python<'_>) -> Arc<MatchConfig> {
        self.cached_value(py, "match_config").unwrap_or_default()
    }

    /// The graph and a matcher built from it (cached until the graph or config changes).
    pub(crate) fn matcher(
        &self,
        py: Python<'_>,
    ) -> PyResult<(Arc<kechuang::graph::CollabGraph>, Arc<Matcher>)> {
        let cfg = self.match_config_value(py);
        self.cached(py, "matcher", move |g| Matcher::new(g, (*cfg).clone()))
    }
}

#[pymethods]
impl Programme {
    /// Ranks candidates for a demand (by key) or a query, with explanations.
    ///
    /// ``demand`` is a demand key or a dict of query fields; keyword arguments add fields:
    /// ``text``, ``industries``, ``disciplines``, ``enterprise``, ``region``, ``target``
    /// (``"experts"``, ``"societies"``, ``"offers"`` or ``"teams"``), ``k`` (10), ``filter``
    /// (``region``, ``society_levels``, ``titles``, ``academicians_only``, ``exclude``,
    /// ``min_score``), ``conflicts``, ``team_size``, ``teams``.
    ///
    /// The matcher (an index over every candidate's evidence) is built on first use and
    /// kept until the graph changes.
    #[pyo3(signature = (demand = None, **query))]
    fn match_demand(
        &self,
        py: Python<'_>,
        demand: Option<&Bound<'_, PyAny>>,
        query: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<MatchList> {
        let q = query_of(py, demand, query)?;
        let (g, m) = self.matcher(py)?;
        detached(py, move || m.match_demand(&g, &q)).map(MatchList::new)
    }

    /// ``match_demand`` for many demands (keys or query dicts) at once, in parallel; keyword
    /// arguments apply to every query. ``progress``: a callable ``f(done, total)`` or a tqdm
    /// bar.
    #[pyo3(signature = (queries, *, progress = None, **common))]
    fn match_batch(
        &self,
        py: Python<'_>,
        queries: Vec<Bound<'_, PyAny>>,
        progress: Option<&Bound<'_, PyAny>>,
        common: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Vec<MatchList>> {
        let qs = queries
            .iter()
            .map(|q| query_of(py, Some(q), common))
            .collect::<PyResult<Vec<_>>>()?;
        let (g, m) = self.matcher(py)?;
        let ms = with_progress(py, progress, move |hook| {
            m.match_batch_with(&g, &qs, |d, t| stop_if(hook(d as u64, t as u64)))
        })?;
        Ok(ms.into_iter().map(MatchList::new).collect())
    }

    /// Open demands that fit an expert, society or offer (reverse matching), best first.
    #[pyo3(signature = (key, k = 10))]
    fn reverse_match(&self, py: Python<'_>, key: String, k: usize) -> PyResult<ReverseMatches> {
        let (g, m) = self.matcher(py)?;
        detached(py, move || m.reverse(&g, &key, k)).map(|v| ReverseMatches::new(DemandMatches(v)))
    }

    /// The ``k`` best experts for each demand (all demands when ``demands`` is None) as
    /// (demand, candidate, score) entries: the input of ``assign``.
    #[pyo3(signature = (demands = None, k = 10))]
    fn affinity_table(
        &self,
        py: Python<'_>,
        demands: Option<Vec<String>>,
        k: usize,
    ) -> PyResult<Affinities> {
        self.affinity_table_for(py, demands, k).map(Affinities::new)
    }

    /// The matching settings as a dict (weights, BM25, field boosts, …).
    #[getter]
    fn match_config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.match_config_value(py))
    }

    /// Replaces the matching settings (a dict; missing fields keep their defaults). The
    /// matcher is rebuilt on next use.
    fn set_match_config(&self, py: Python<'_>, config: &Bound<'_, PyAny>) -> PyResult<()> {
        let cfg: MatchConfig = from_py(config, "config")?;
        cfg.validate().py_err(py)?;
        self.set_cached_value(py, "match_config", cfg);
        self.forget(py, "matcher");
        Ok(())
    }
}

/// Fuzzy keyword similarity: for each query keyword, the vocabulary keywords within one or two
/// edits (typos, transpositions), best first by Jaro-Winkler similarity. Returns one list per
/// query of ``(vocabulary index, keyword, similarity)``. See the core's
/// ``kechuang::text::similar_keywords`` for the exact rule.
#[pyfunction]
#[pyo3(signature = (queries, vocabulary, *, k = 5, min_similarity = 0.85, progress = None))]
pub(crate) fn similar_keywords(
    py: Python<'_>,
    queries: Vec<String>,
    vocabulary: Vec<String>,
    k: usize,
    min_similarity: f64,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Vec<(u32, String, f64)>>> {
    let mut opts = kechuang::text::KeywordOptions::default();
    opts.k = k;
    opts.min_similarity = min_similarity;
    let found = with_progress(py, progress, move |hook| {
        let mut h = |d: usize, t: usize| hook(d as u64, t as u64);
        kechuang::text::similar_keywords(&queries, &vocabulary, &opts, Some(&mut h))
    })?;
    Ok(found
        .matches
        .into_iter()
        .map(|hits| {
            hits.into_iter()
                .map(|h| (h.index, h.keyword, h.similarity))
                .collect()
        })
        .collect())
}
