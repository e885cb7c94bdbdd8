//! Assignment: `kechuang.assign(problem)` and `Programme.assign(affinities)`.

use kechuang::assign::{
    self as core_assign, Affinity, AssignOptions, AssignProblem, Assignment, ConflictRules,
    DenseScores,
};
use kechuang::{Error, Result};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::{Value, json};

use crate::arrays::{f64_column, f64_flat, key_column};
use crate::convert::{from_py, to_py};
use crate::errors::to_py_err;
use crate::matching::Affinities;
use crate::programme::Programme;
use crate::results::{View, py_result};
use crate::run::with_progress;

impl View for Assignment {
    const COLUMNS: &'static [&'static str] = &["demand", "expert", "score", "rank", "spare"];
    fn rows(&self) -> Vec<Value> {
        let mut rows = Vec::new();
        for d in &self.demands {
            for (i, a) in d.experts.iter().enumerate() {
                rows.push(
                    json!({"demand": d.demand, "expert": a.expert, "score": a.score,
                                 "rank": i + 1, "spare": a.spare}),
                );
            }
        }
        rows
    }
    fn summary(&self) -> String {
        let pairs: usize = self.demands.iter().map(|d| d.experts.len()).sum();
        format!(
            "{pairs} pairs over {} demands, total {:.3}, worst demand {:.3}{}",
            self.demands.len(),
            self.objective.total,
            self.objective.worst,
            if self.is_complete() {
                ""
            } else {
                " (incomplete)"
            }
        )
    }
}

py_result!(
    /// A solved assignment: experts per demand (with alternates), expert loads, the
    /// objective and solver diagnostics. ``to_pandas()`` gives one row per (demand, expert).
    AssignmentResult,
    Assignment
);

#[pymethods]
impl AssignmentResult {
    fn __len__(&self) -> usize {
        self.inner.demands.len()
    }

    /// Experts assigned to a demand (``None`` if the demand is not in the problem).
    fn experts_of(&self, demand: &str) -> Option<Vec<String>> {
        self.inner
            .experts_of(demand)
            .map(|v| v.iter().map(|a| a.expert.clone()).collect())
    }

    /// Alternates listed for a demand, best first.
    fn alternates_of(&self, demand: &str) -> Option<Vec<String>> {
        self.inner
            .alternates_of(demand)
            .map(|v| v.iter().map(|a| a.expert.clone()).collect())
    }

    /// Demands an expert is assigned to.
    fn demands_of(&self, expert: &str) -> Vec<String> {
        self.inner
            .demands_of(expert)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// An expert's load (``None`` if not in the problem).
    fn load(&self, expert: &str) -> Option<u32> {
        self.inner.load(expert)
    }

    /// True when every demand got all the experts it needs.
    fn is_complete(&self) -> bool {
        self.inner.is_complete()
    }

    /// Total affinity of the assigned pairs.
    #[getter]
    fn total(&self) -> f64 {
        self.inner.total()
    }

    /// The smallest demand total.
    #[getter]
    fn worst(&self) -> f64 {
        self.inner.worst()
    }

    /// Expert loads as a DataFrame (expert, load, min_load, max_load).
    fn loads_df<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows = to_py(py, &self.inner.loads)?;
        py.import("kechuang._frames")?.call_method1(
            "table",
            (rows, vec!["expert", "load", "min_load", "max_load"]),
        )
    }

    /// Solver diagnostics as a dict.
    #[getter]
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.diagnostics)
    }
}

fn options_of(
    solver: Option<&str>,
    options: Option<&Bound<'_, PyAny>>,
) -> Result<AssignOptions, PyErr> {
    let mut o: AssignOptions = match options {
        Some(o) => from_py(o, "options")?,
        None => AssignOptions::default(),
    };
    if let Some(s) = solver {
        o.solver = serde_json::from_value(Value::String(s.to_ascii_lowercase())).map_err(|_| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "solver {s:?} is not one of: optimal, fair, greedy"
            ))
        })?;
    }
    Ok(o)
}

fn solve(
    problem: &AssignProblem,
    options: &AssignOptions,
    hook: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<Assignment> {
    core_assign::assign_with(problem, options, |p: core_assign::Progress| {
        if hook(p.done, p.total) {
            Ok(())
        } else {
            Err(Error::Cancelled)
        }
    })
}

/// `problem` as an [`AssignProblem`]. The two large parts take a columnar path, with no
/// Python object per entry: `matrix` as a 2-D numpy array (or `{"cols", "values"}`, `values`
/// a numpy array or a sequence), and `affinities` as a table (see [`affinity_columns`]).
fn problem_of(problem: &Bound<'_, PyAny>) -> PyResult<AssignProblem> {
    let Ok(d) = problem.cast::<PyDict>() else {
        return from_py(problem, "problem");
    };
    let rest = d.copy()?;
    let matrix = match rest.get_item("matrix")? {
        Some(m) if !m.is_none() => {
            rest.del_item("matrix")?;
            Some(dense_of(&m)?)
        }
        _ => None,
    };
    let table = match rest.get_item("affinities")? {
        Some(a) if is_table(&a)? => {
            rest.del_item("affinities")?;
            Some(a)
        }
        _ => None,
    };
    let mut p: AssignProblem = from_py(rest.as_any(), "problem")?;
    p.matrix = matrix;
    if let Some(t) = table {
        let dkeys: Vec<&str> = p.demands.iter().map(|d| d.key.as_str()).collect();
        let ekeys: Vec<&str> = p.experts.iter().map(|e| e.key.as_str()).collect();
        p.affinities = affinity_columns(&t, Some((&dkeys, &ekeys)))?;
    }
    Ok(p)
}

/// A dense matrix: a 2-D numpy array, or a dict `{"cols": n, "values": …}`.
fn dense_of(m: &Bound<'_, PyAny>) -> PyResult<DenseScores> {
    if let Ok(d) = m.cast::<PyDict>() {
        let cols = d.get_item("cols")?.ok_or_else(|| {
            to_py_err(
                m.py(),
                &Error::invalid("matrix.cols", "is missing; give the number of experts"),
            )
        })?;
        let cols: usize = cols.extract().map_err(|_| {
            to_py_err(
                m.py(),
                &Error::invalid("matrix.cols", "must be a non-negative integer"),
            )
        })?;
        let values = match d.get_item("values")? {
            Some(v) => f64_column(&v, "matrix.values")?,
            None => Vec::new(),
        };
        return Ok(DenseScores { cols, values });
    }
    let shape: Vec<usize> = match m.getattr("shape") {
        Ok(s) => s.extract()?,
        Err(_) => Vec::new(),
    };
    match shape[..] {
        [_, cols] => Ok(DenseScores {
            cols,
            values: f64_flat(m, "matrix")?,
        }),
        _ => Err(to_py_err(
            m.py(),
            &Error::invalid(
                "matrix",
                "must be a 2-D numpy array (demands × experts) or {\"cols\": n, \"values\": [...]}",
            ),
        )),
    }
}

/// True for an affinity table given by columns: a dict of columns or a DataFrame.
fn is_table(a: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(a.cast::<PyDict>().is_ok() || (a.hasattr("columns")? && a.hasattr("to_numpy")?))
}

/// Affinities from columns — a dict of sequences or numpy arrays, or a DataFrame — named
/// `demand`, `expert` (or `candidate`) and `score`. Keys are strings; with `positions` (the
/// problem's demand and expert keys), integer columns are positions into those lists.
fn affinity_columns(
    t: &Bound<'_, PyAny>,
    positions: Option<(&[&str], &[&str])>,
) -> PyResult<Vec<Affinity>> {
    let py = t.py();
    let column = |names: &[&str]| -> PyResult<Bound<'_, PyAny>> {
        for name in names {
            let c = if let Ok(d) = t.cast::<PyDict>() {
                d.get_item(name)?
            } else if t.getattr("columns")?.contains(name)? {
                Some(t.get_item(name)?.call_method0("to_numpy")?)
            } else {
                None
            };
            if let Some(c) = c {
                return Ok(c);
            }
        }
        Err(to_py_err(
            py,
            &Error::invalid(
                format!("affinities.{}", names[0]),
                format!("column is missing; the table needs {}", names.join(" or ")),
            ),
        ))
    };
    let demands = key_column(
        &column(&["demand"])?,
        "affinities.demand",
        positions.map(|p| p.0),
    )?;
    let experts = key_column(
        &column(&["expert", "candidate"])?,
        "affinities.expert",
        positions.map(|p| p.1),
    )?;
    let scores = f64_column(&column(&["score"])?, "affinities.score")?;
    if demands.len() != experts.len() || demands.len() != scores.len() {
        return Err(to_py_err(
            py,
            &Error::invalid(
                "affinities",
                format!(
                    "columns differ in length: demand {}, expert {}, score {}",
                    demands.len(),
                    experts.len(),
                    scores.len()
                ),
            ),
        ));
    }
    Ok(demands
        .into_iter()
        .zip(experts)
        .zip(scores)
        .map(|((d, e), s)| Affinity::new(d, e, s))
        .collect())
}

/// Solves an assignment problem given as a dict: ``demands`` (``key``, ``need``,
/// ``quotas``), ``experts`` (``key``, ``min_load``, ``max_load``, ``groups``),
/// ``affinities`` (``demand``, ``expert``, ``score``), ``conflicts``, ``forced``, …
///
/// Large inputs go in as columns, read in one copy each: ``affinities`` as a dict of columns
/// or a DataFrame (``demand``, ``expert`` or ``candidate``, ``score``; keys, or integer
/// positions in ``demands`` / ``experts``), or a dense ``matrix`` (a 2-D numpy array, rows
/// are ``demands``, columns ``experts``) instead of affinities.
///
/// >>> import numpy as np, kechuang
/// >>> r = kechuang.assign({
/// ...     "demands": [{"key": "a", "need": 1}, {"key": "b", "need": 1}],
/// ...     "experts": [{"key": "x", "max_load": 1}, {"key": "y", "max_load": 1}],
/// ...     "matrix": np.array([[0.9, 0.5], [0.8, 0.1]]),
/// ... })
/// >>> r.experts_of("a"), round(r.total, 3)
/// (['y'], 1.3)
///
/// ``solver``: ``"optimal"`` (maximum total, exact), ``"fair"`` (maximum worst demand, then
/// total) or ``"greedy"``. Raises ``InfeasibleError`` with a diagnosis when no assignment meets
/// every hard constraint.
#[pyfunction]
#[pyo3(signature = (problem, *, solver = None, options = None, progress = None))]
pub(crate) fn assign(
    py: Python<'_>,
    problem: &Bound<'_, PyAny>,
    solver: Option<&str>,
    options: Option<&Bound<'_, PyAny>>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<AssignmentResult> {
    let p = problem_of(problem)?;
    let o = options_of(solver, options)?;
    with_progress(py, progress, move |hook| solve(&p, &o, hook)).map(AssignmentResult::new)
}

/// Why a problem has no solution (a dict), or ``None`` when it has one.
#[pyfunction]
pub(crate) fn diagnose<'py>(
    py: Python<'py>,
    problem: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let p = problem_of(problem)?;
    let d = crate::run::detached(py, move || core_assign::diagnose(&p))?;
    to_py(py, &d)
}

fn affinities_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Affinity>> {
    if let Ok(t) = obj.cast::<Affinities>() {
        return Ok(t
            .get()
            .inner
            .entries
            .iter()
            .map(|e| Affinity::new(e.demand.clone(), e.candidate.clone(), e.score))
            .collect());
    }
    if is_table(obj)? {
        return affinity_columns(obj, None);
    }
    // a list of dicts
    let rename = pyo3::types::PyDict::new(obj.py());
    rename.set_item("candidate", "expert")?;
    let rows = obj
        .py()
        .import("kechuang._frames")?
        .call_method1("records", (obj, rename))?;
    from_py(&rows, "affinities")
}

#[pymethods]
impl Programme {
    /// Assigns demands to experts: maximum total affinity (or fairest, or greedy) under
    /// expert capacities and conflicts of interest derived from the graph (employer, shared
    /// organisation, recent collaboration).
    ///
    /// ``affinities``: an ``Affinities`` table (from ``affinity_table``), a DataFrame or
    /// list of dicts with ``demand``, ``expert`` (or ``candidate``) and ``score``; when
    /// omitted, ``affinity_table(demands, k)`` is computed first. ``rules``: conflict rules
    /// and loads (``need``, ``min_load``, ``default_max_load``, ``collaboration_days``, …).
    #[pyo3(signature = (affinities = None, *, demands = None, k = 10, rules = None, solver = None, options = None, progress = None))]
    #[allow(clippy::too_many_arguments)]
    fn assign(
        &self,
        py: Python<'_>,
        affinities: Option<&Bound<'_, PyAny>>,
        demands: Option<Vec<String>>,
        k: usize,
        rules: Option<&Bound<'_, PyAny>>,
        solver: Option<&str>,
        options: Option<&Bound<'_, PyAny>>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<AssignmentResult> {
        let aff = match affinities {
            Some(a) => affinities_of(a)?,
            None => {
                let t = self.affinity_table_for(py, demands, k)?;
                t.entries
                    .iter()
                    .map(|e| Affinity::new(e.demand.clone(), e.candidate.clone(), e.score))
                    .collect()
            }
        };
        let rules: ConflictRules = match rules {
            Some(r) => from_py(r, "rules")?,
            None => ConflictRules::default(),
        };
        let o = options_of(solver, options)?;
        let g = self.graph(py);
        with_progress(py, progress, move |hook| {
            let p = AssignProblem::from_graph(&g, aff, &rules)?;
            solve(&p, &o, hook)
        })
        .map(AssignmentResult::new)
    }
}
