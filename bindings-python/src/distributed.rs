//! Scale-out support: a frozen programme as bytes (graph + built matcher), candidate shards
//! built with corpus-wide BM25 statistics, and the three rounds of exact sharded matching.
//! The Dask (or Spark, Ray) orchestration is Python (`kechuang.distributed`); every step here
//! converts, calls one core function without the GIL, and converts back.

use kechuang::matching::{
    Extremes, FrozenProgramme, Matcher, Matches, Query, QueryContext, ShardSpec, ShardStats,
    UnitHit, merge_feedback as core_merge_feedback, merge_matches,
};
use kechuang::{Error, Result};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyType};

use crate::errors::to_py_err;
use crate::matching::MatchList;
use crate::programme::Programme;
use crate::results::View;
use crate::run::detached;

type Hits = Vec<(u32, f32)>;

fn hits_in(v: Vec<Hits>) -> Vec<Vec<UnitHit>> {
    v.into_iter()
        .map(|h| {
            h.into_iter()
                .map(|(source, score)| UnitHit { source, score })
                .collect()
        })
        .collect()
}

fn hits_out(v: Vec<Vec<UnitHit>>) -> Vec<Hits> {
    v.into_iter()
        .map(|h| h.into_iter().map(|u| (u.source, u.score)).collect())
        .collect()
}

fn stats_of(bytes: &[u8]) -> Result<ShardStats> {
    postcard::from_bytes(bytes).map_err(|e| {
        Error::invalid(
            "stats",
            format!("are not shard statistics from Programme.shard_stats ({e})"),
        )
    })
}

fn stats_bytes(s: &ShardStats) -> Result<Vec<u8>> {
    postcard::to_allocvec(s).map_err(|e| Error::invalid("stats", e.to_string()))
}

/// The per-query feedback units, checked to hold one list per query; `None` is allowed
/// only when feedback is off (`required` false) and gives empty lists.
fn feedback_of(
    py: Python<'_>,
    feedback: Option<Vec<Hits>>,
    n: usize,
    required: bool,
) -> PyResult<Vec<Vec<UnitHit>>> {
    match feedback {
        None if required => Err(to_py_err(
            py,
            &Error::invalid(
                "feedback",
                "is None but pseudo-relevance feedback is on; give merge_feedback of each \
                 query's shard_feedback",
            ),
        )),
        None => Ok(vec![Vec::new(); n]),
        Some(f) if f.len() == n => Ok(hits_in(f)),
        Some(f) => Err(to_py_err(
            py,
            &Error::invalid(
                "feedback",
                format!(
                    "holds {} lists for {n} queries; give one per query (or None)",
                    f.len()
                ),
            ),
        )),
    }
}

impl Programme {
    fn queries(
        py: Python<'_>,
        queries: &[Bound<'_, PyAny>],
        common: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Vec<Query>> {
        queries
            .iter()
            .map(|q| crate::matching::query_of(py, Some(q), common))
            .collect()
    }
}

#[pymethods]
impl Programme {
    /// The programme frozen to bytes: the graph and its matcher (built now if needed), to
    /// ship to workers once (e.g. ``client.scatter(p.freeze(), broadcast=True)``) and load
    /// with ``Programme.thaw``. The ground truth of a synthetic programme is not included.
    fn freeze<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let (g, m) = self.matcher(py)?;
        let bytes = detached(py, move || FrozenProgramme::encode(&g, &m))?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// A programme from ``freeze()`` or ``freeze_shard()`` bytes, with its matcher ready (a
    /// shard's matcher answers only ``shard_feedback``, ``shard_extremes`` and
    /// ``match_shard``).
    #[classmethod]
    fn thaw(_cls: &Bound<'_, PyType>, py: Python<'_>, data: &[u8]) -> PyResult<Self> {
        let data = data.to_vec();
        let f = detached(py, move || FrozenProgramme::from_bytes(&data))?;
        let p = Programme::from_graph(f.graph);
        p.set_cached_value(py, "match_config", f.matcher.config().clone());
        p.put_cached(py, "matcher", f.matcher);
        Ok(p)
    }

    /// The BM25 statistics of shard ``shard`` of ``shards`` (candidates dealt round-robin in
    /// graph order), as bytes; merge every shard's with ``kechuang.merge_shard_stats``.
    fn shard_stats<'py>(
        &self,
        py: Python<'py>,
        shard: u32,
        shards: u32,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let cfg = self.match_config_value(py);
        let bytes = self.read(py, move |g| {
            stats_bytes(&Matcher::shard_stats(
                g,
                &cfg,
                ShardSpec::new(shard, shards)?,
            )?)
        })?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// The frozen bytes of one shard: the whole graph and a matcher indexing only the
    /// shard's candidates, scored with the merged statistics of every shard.
    fn freeze_shard<'py>(
        &self,
        py: Python<'py>,
        shard: u32,
        shards: u32,
        stats: &[u8],
    ) -> PyResult<Bound<'py, PyBytes>> {
        let cfg = (*self.match_config_value(py)).clone();
        let stats = stats.to_vec();
        let bytes = self.read(py, move |g| {
            let stats = stats_of(&stats)?;
            let m = Matcher::new_shard(g, cfg, ShardSpec::new(shard, shards)?, &stats)?;
            FrozenProgramme::encode(g, &m)
        })?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// The shard this programme's matcher indexes, as ``(shard, shards)``, or ``None``.
    #[getter]
    fn shard(&self, py: Python<'_>) -> PyResult<Option<(u32, u32)>> {
        let (_, m) = self.matcher(py)?;
        Ok(m.shard().map(|s| (s.index, s.count)))
    }

    /// Round 1 of sharded matching: per query, this shard's best feedback units as
    /// ``(source id, score)`` (empty lists when feedback is off).
    #[pyo3(signature = (queries, **common))]
    fn shard_feedback(
        &self,
        py: Python<'_>,
        queries: Vec<Bound<'_, PyAny>>,
        common: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Vec<Hits>> {
        let qs = Self::queries(py, &queries, common)?;
        let (g, m) = self.matcher(py)?;
        detached(py, move || m.shard_feedback_batch(&g, &qs)).map(hits_out)
    }

    /// Round 2: per query, this shard's ``(best unit score, best candidate aggregate)``,
    /// given the merged feedback units (``kechuang.merge_feedback``; ``None`` when feedback is
    /// off). Take the maximum of each over the shards.
    #[pyo3(signature = (queries, feedback = None, **common))]
    fn shard_extremes(
        &self,
        py: Python<'_>,
        queries: Vec<Bound<'_, PyAny>>,
        feedback: Option<Vec<Hits>>,
        common: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Vec<(f32, f32)>> {
        let qs = Self::queries(py, &queries, common)?;
        let on = self.match_config_value(py).feedback.units > 0;
        let fb = feedback_of(py, feedback, qs.len(), on)?;
        let (g, m) = self.matcher(py)?;
        let ext = detached(py, move || m.shard_extremes_batch(&g, &qs, &fb))?;
        Ok(ext.into_iter().map(|e| (e.best_unit, e.max_agg)).collect())
    }

    /// Round 3: this shard's top ``k`` per query given the corpus-wide ``extremes`` (one
    /// ``(best unit, best aggregate)`` per query, the maxima over the shards) and feedback.
    /// Merge the shards' lists with ``merge_shard_matches``.
    #[pyo3(signature = (queries, extremes, feedback = None, **common))]
    fn match_shard(
        &self,
        py: Python<'_>,
        queries: Vec<Bound<'_, PyAny>>,
        extremes: Vec<(f32, f32)>,
        feedback: Option<Vec<Hits>>,
        common: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Vec<MatchList>> {
        let qs = Self::queries(py, &queries, common)?;
        if extremes.len() != qs.len() {
            return Err(to_py_err(
                py,
                &Error::invalid(
                    "extremes",
                    format!(
                        "holds {} pairs for {} queries; give one (best unit, best aggregate) \
                         per query",
                        extremes.len(),
                        qs.len()
                    ),
                ),
            ));
        }
        let on = self.match_config_value(py).feedback.units > 0;
        let fb = feedback_of(py, feedback, qs.len(), on)?;
        let ctx: Vec<QueryContext> = extremes
            .into_iter()
            .zip(fb)
            .map(|((best_unit, max_agg), feedback)| QueryContext {
                feedback,
                extremes: Extremes { best_unit, max_agg },
            })
            .collect();
        let (g, m) = self.matcher(py)?;
        let ms = detached(py, move || m.match_shard_batch(&g, &qs, &ctx))?;
        Ok(ms.into_iter().map(MatchList::new).collect())
    }

    /// Merges the shards' results: ``parts[s][i]`` is shard ``s``'s list for query ``i``;
    /// returns one list per query, its top ``k`` best first, ties by node id — the same as
    /// ``match_batch`` on the unsharded programme.
    #[pyo3(signature = (parts, queries, **common))]
    fn merge_shard_matches(
        &self,
        py: Python<'_>,
        parts: Vec<Vec<PyRef<'_, MatchList>>>,
        queries: Vec<Bound<'_, PyAny>>,
        common: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Vec<MatchList>> {
        let qs = Self::queries(py, &queries, common)?;
        if parts.iter().any(|p| p.len() != qs.len()) {
            return Err(to_py_err(
                py,
                &Error::invalid("parts", "every shard's list needs one entry per query"),
            ));
        }
        let parts: Vec<Vec<std::sync::Arc<Matches>>> = parts
            .iter()
            .map(|p| p.iter().map(|m| m.inner.clone()).collect())
            .collect();
        let g = self.graph(py);
        let out = detached(py, move || {
            qs.iter()
                .enumerate()
                .map(|(i, q)| {
                    let per: Vec<Matches> = parts
                        .iter()
                        .filter_map(|p| p.get(i).map(|m| (**m).clone()))
                        .collect();
                    merge_matches(&g, &per, q.k)
                })
                .collect::<Result<Vec<_>>>()
        })?;
        Ok(out.into_iter().map(MatchList::new).collect())
    }
}

/// Merges shard statistics (bytes from ``Programme.shard_stats``) exactly.
#[pyfunction]
pub fn merge_shard_stats<'py>(
    py: Python<'py>,
    parts: Vec<Vec<u8>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = detached(py, move || {
        let parts = parts
            .iter()
            .map(|b| stats_of(b))
            .collect::<Result<Vec<_>>>()?;
        stats_bytes(&ShardStats::merge(&parts)?)
    })?;
    Ok(PyBytes::new(py, &bytes))
}

/// Merges the shards' feedback units of each query (``parts[s][i]``: shard ``s``, query
/// ``i``): the ``units`` best per query, ties by source id.
#[pyfunction]
pub fn merge_feedback(py: Python<'_>, parts: Vec<Vec<Hits>>, units: usize) -> PyResult<Vec<Hits>> {
    let n = parts.first().map_or(0, Vec::len);
    if let Some((s, p)) = parts.iter().enumerate().find(|(_, p)| p.len() != n) {
        return Err(to_py_err(
            py,
            &Error::invalid(
                "parts",
                format!(
                    "shard {s} has {} lists but shard 0 has {n}; every shard needs one per query",
                    p.len()
                ),
            ),
        ));
    }
    let per: Vec<Vec<Vec<UnitHit>>> = parts.into_iter().map(hits_in).collect();
    Ok((0..n)
        .map(|i| {
            let q: Vec<Vec<UnitHit>> = per.iter().filter_map(|p| p.get(i).cloned()).collect();
            core_merge_feedback(&q, units)
                .into_iter()
                .map(|u| (u.source, u.score))
                .collect()
        })
        .collect())
}

/// One DataFrame of many match lists: the rows of each (as ``MatchList.to_pandas``) with a
/// leading ``query`` column, the list's position plus ``offset``. The columns and their
/// dtypes are fixed — whatever the rows, even none or only free-text queries (an absent
/// ``demand`` is missing) — so slices concatenate into the frame of the whole batch.
#[pyfunction]
#[pyo3(signature = (lists, offset = 0))]
pub fn match_table<'py>(
    py: Python<'py>,
    lists: Vec<PyRef<'_, MatchList>>,
    offset: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let mut rows = Vec::new();
    for (i, m) in lists.iter().enumerate() {
        for mut r in m.inner.rows() {
            if let serde_json::Value::Object(o) = &mut r {
                o.insert("query".into(), (offset + i).into());
            }
            rows.push(r);
        }
    }
    let mut cols = vec!["query", "demand"];
    cols.extend(<Matches as View>::COLUMNS.iter().copied());
    let schema: Vec<(&str, &str)> = cols
        .into_iter()
        .map(|c| {
            let kind = match c {
                "query" | "rank" => "int",
                "demand" | "key" | "kind" | "name" => "str",
                "matched_terms" | "path" => "object",
                _ => "float",
            };
            (c, kind)
        })
        .collect();
    let rows = crate::convert::to_py(py, &rows)?;
    py.import("kechuang._frames")?
        .call_method1("typed_table", (rows, schema))
}
