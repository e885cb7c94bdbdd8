//! `kechuang.Programme`: the collaboration graph (`CollabGraph`) of one programme.
//!
//! The graph sits behind `RwLock<Arc<_>>`: a read takes a cheap `Arc` snapshot and lets the
//! lock go at once, so long reads run without the GIL and without blocking writers; a write
//! copies the graph only if a reader still holds the old snapshot (copy-on-write).

use std::any::Any;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use kechuang::graph::{CollabGraph, Direction};
use kechuang::io::{EdgeRecord, NodeRecord, SCHEMA_VERSION, Snapshot};
use kechuang::model::{EdgeId, NodeId, NodeKind, ProgrammeMeta, Relation, Taxonomy};
use kechuang::synth::GroundTruth;
use kechuang::{Error, Result};
use pyo3::prelude::*;
use pyo3::sync::{MutexExt, RwLockExt};
use pyo3::types::{PyDict, PyList, PyTuple, PyType};

use crate::convert::{from_py, records_from_columns, to_py};
use crate::errors::{IntoPy, to_py_err, to_py_err_with};
use crate::run::{detached, without_gil};

/// The collaboration graph of a programme: entities (enterprises, societies, experts,
/// demands, …) joined by typed relations, looked up by key.
///
/// Entities and relations go in and come out as flat records (dicts with ``key``, ``kind`` and
/// the fields that apply to the kind), the same records as JSON snapshots and CSV tables.
///
/// >>> import kechuang
/// >>> p = kechuang.Programme()
/// >>> p.add_node({"key": "e:steel", "kind": "enterprise", "name": "泰山钢铁集团"})
/// 0
/// >>> p.add_node({"key": "d:1", "kind": "demand", "text": "余热回收效率低", "industries": ["C31"]})
/// 1
/// >>> p.connect("posted", "e:steel", "d:1")
/// 0
/// >>> p.neighbors("e:steel")
/// ['d:1']
/// >>> p["d:1"]["text"]
/// '余热回收效率低'
/// >>> len(p), p.edge_count
/// (2, 1)
#[pyclass(module = "kechuang._native", frozen, weakref, name = "Programme")]
pub struct Programme {
    inner: RwLock<State>,
    /// Values derived from the graph (e.g. the matcher), each with the generation it was
    /// built from.
    cache: Mutex<HashMap<&'static str, (u64, Shared)>>,
    /// Settings kept with the programme (e.g. the matching configuration).
    settings: Mutex<HashMap<&'static str, Shared>>,
    /// Known answers of a synthetic programme (empty otherwise).
    truth: Arc<Vec<GroundTruth>>,
}

type Shared = Arc<dyn Any + Send + Sync>;

/// The graph and a counter bumped by every mutation.
struct State {
    graph: Arc<CollabGraph>,
    generation: u64,
}

fn parse_relation(s: Option<&str>) -> Result<Option<Relation>> {
    s.map(str::parse).transpose()
}

fn parse_kind(s: Option<&str>) -> Result<Option<NodeKind>> {
    s.map(str::parse).transpose()
}

fn parse_direction(s: &str) -> Result<Direction> {
    serde_json::from_value(serde_json::Value::String(s.to_ascii_lowercase()))
        .map_err(|_| Error::invalid("direction", format!("{s:?} is not one of: out, in, both")))
}

fn node_record(g: &CollabGraph, id: NodeId) -> Result<NodeRecord> {
    Ok(NodeRecord::from_node(Some(id.get()), g.try_node(id)?))
}

fn edge_record(g: &CollabGraph, id: EdgeId) -> Result<EdgeRecord> {
    let e = g.edge(id).ok_or(Error::UnknownId {
        what: "edge",
        id: id.get(),
    })?;
    Ok(EdgeRecord::from_edge(g, Some(id), e))
}

fn no_id_field(rec_id: Option<u32>, what: &str) -> Result<()> {
    match rec_id {
        Some(_) => Err(Error::invalid(
            format!("{what}.id"),
            "ids are assigned by the graph; leave \"id\" out",
        )),
        None => Ok(()),
    }
}

impl Programme {
    /// Wraps a graph.
    pub(crate) fn from_graph(g: CollabGraph) -> Self {
        Programme {
            inner: RwLock::new(State {
                graph: Arc::new(g),
                generation: 0,
            }),
            cache: Mutex::default(),
            settings: Mutex::default(),
            truth: Arc::default(),
        }
    }

    /// Wraps a synthetic programme with its ground truth.
    pub(crate) fn from_synth(g: CollabGraph, truth: Vec<GroundTruth>) -> Self {
        Programme {
            truth: Arc::new(truth),
            ..Programme::from_graph(g)
        }
    }

    /// A snapshot of the current graph and its generation (cheap: an `Arc` clone).
    pub(crate) fn snapshot(&self, py: Python<'_>) -> (Arc<CollabGraph>, u64) {
        let s = self
            .inner
            .read_py_attached(py)
            .unwrap_or_else(PoisonError::into_inner);
        (s.graph.clone(), s.generation)
    }

    /// A snapshot of the current graph.
    pub(crate) fn graph(&self, py: Python<'_>) -> Arc<CollabGraph> {
        self.snapshot(py).0
    }

    /// Runs a mutation without the GIL.
    pub(crate) fn edit<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut CollabGraph) -> Result<T> + Send,
    ) -> PyResult<T> {
        detached(py, || {
            let mut guard = self.inner.write().unwrap_or_else(PoisonError::into_inner);
            let state = &mut *guard;
            let out = f(Arc::make_mut(&mut state.graph));
            // a failed mutation changes nothing, but bumping anyway is always safe
            state.generation += 1;
            out
        })
    }

    /// Runs a read without the GIL on a snapshot.
    pub(crate) fn read<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&CollabGraph) -> Result<T> + Send,
    ) -> PyResult<T> {
        let g = self.graph(py);
        detached(py, move || f(&g))
    }

    /// A value derived from the current graph, built (without the GIL) on first use and kept
    /// until the graph changes.
    pub(crate) fn cached<T: Send + Sync + 'static>(
        &self,
        py: Python<'_>,
        name: &'static str,
        build: impl FnOnce(&CollabGraph) -> Result<T> + Send,
    ) -> PyResult<(Arc<CollabGraph>, Arc<T>)> {
        let (g, generation) = self.snapshot(py);
        let hit = {
            let cache = self
                .cache
                .lock_py_attached(py)
                .unwrap_or_else(PoisonError::into_inner);
            cache
                .get(name)
                .filter(|(gen_, _)| *gen_ == generation)
                .and_then(|(_, v)| v.clone().downcast::<T>().ok())
        };
        if let Some(v) = hit {
            return Ok((g, v));
        }
        let graph = g.clone();
        let v = Arc::new(detached(py, move || build(&graph))?);
        let shared: Shared = v.clone();
        self.cache
            .lock_py_attached(py)
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name, (generation, shared));
        Ok((g, v))
    }

    /// Stores a value derived from the current graph, as if `cached` had built it.
    pub(crate) fn put_cached<T: Send + Sync + 'static>(
        &self,
        py: Python<'_>,
        name: &'static str,
        value: T,
    ) {
        let generation = self.snapshot(py).1;
        let shared: Shared = Arc::new(value);
        self.cache
            .lock_py_attached(py)
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name, (generation, shared));
    }

    /// Drops a cached value.
    pub(crate) fn forget(&self, py: Python<'_>, name: &'static str) {
        self.cache
            .lock_py_attached(py)
            .unwrap_or_else(PoisonError::into_inner)
            .remove(name);
    }

    /// A setting kept with the programme, if set.
    pub(crate) fn cached_value<T: Send + Sync + 'static>(
        &self,
        py: Python<'_>,
        name: &'static str,
    ) -> Option<Arc<T>> {
        self.settings
            .lock_py_attached(py)
            .unwrap_or_else(PoisonError::into_inner)
            .get(name)
            .and_then(|v| v.clone().downcast::<T>().ok())
    }

    /// Stores a setting.
    pub(crate) fn set_cached_value<T: Send + Sync + 'static>(
        &self,
        py: Python<'_>,
        name: &'static str,
        value: T,
    ) {
        self.settings
            .lock_py_attached(py)
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name, Arc::new(value));
    }
}

#[pymethods]
impl Programme {
    /// An empty programme, optionally with a taxonomy (a dict as in JSON snapshots).
    #[new]
    #[pyo3(signature = (taxonomy = None))]
    fn new(py: Python<'_>, taxonomy: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut g = CollabGraph::new();
        if let Some(t) = taxonomy {
            let t: Taxonomy = from_py(t, "taxonomy")?;
            g.set_taxonomy(t).py_err(py)?;
        }
        Ok(Programme::from_graph(g))
    }

    // ---- snapshots -------------------------------------------------------------------

    /// Reads a programme from a JSON snapshot string.
    ///
    /// Raises ``UnsupportedVersionError`` for a snapshot from a newer kechuang and
    /// ``ParseError`` (naming line and column) for malformed JSON.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, json: String) -> PyResult<Self> {
        detached(py, move || kechuang::io::from_json(&json)).map(Programme::from_graph)
    }

    /// The programme as a JSON snapshot string (``pretty`` indents it).
    #[pyo3(signature = (pretty = false))]
    fn to_json(&self, py: Python<'_>, pretty: bool) -> PyResult<String> {
        self.read(py, |g| {
            if pretty {
                kechuang::io::to_json_pretty(g)
            } else {
                kechuang::io::to_json(g)
            }
        })
    }

    /// Writes the JSON snapshot to a file.
    #[pyo3(signature = (path, pretty = false))]
    fn save(&self, py: Python<'_>, path: PathBuf, pretty: bool) -> PyResult<()> {
        self.read(py, move |g| {
            let json = if pretty {
                kechuang::io::to_json_pretty(g)?
            } else {
                kechuang::io::to_json(g)?
            };
            std::fs::write(&path, json).map_err(|e| io_error(&path, &e))
        })
    }

    /// Reads a programme from a JSON snapshot file.
    #[classmethod]
    fn load(_cls: &Bound<'_, PyType>, py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        detached(py, move || {
            let json = std::fs::read_to_string(&path).map_err(|e| io_error(&path, &e))?;
            kechuang::io::from_json(&json)
                .map_err(|e| e.at(&kechuang::Location::file(path.display().to_string())))
        })
        .map(Programme::from_graph)
    }

    /// A counter bumped by every change to the graph (not by ``set_match_config``): equal
    /// generations of one programme mean the same graph, e.g. to reuse work derived from it.
    #[getter]
    fn generation(&self, py: Python<'_>) -> u64 {
        self.snapshot(py).1
    }

    /// Pickles through the JSON snapshot (and the ground truth of a synthetic programme).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let json = self.to_json(py, false)?;
        let cls = py.get_type::<Programme>();
        if self.truth.is_empty() {
            let args = PyTuple::new(py, [json])?;
            return PyTuple::new(py, [cls.getattr("from_json")?, args.into_any()]);
        }
        let truth = serde_json::to_string(&*self.truth)
            .map_err(|e| to_py_err(py, &Error::invalid("truth", e.to_string())))?;
        let args = PyTuple::new(py, [json, truth])?;
        PyTuple::new(py, [cls.getattr("_from_json_with_truth")?, args.into_any()])
    }

    /// Unpickles a synthetic programme.
    #[classmethod]
    fn _from_json_with_truth(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        json: String,
        truth: String,
    ) -> PyResult<Self> {
        let (g, truth) = detached(py, move || {
            let truth: Vec<GroundTruth> =
                serde_json::from_str(&truth).map_err(|e| Error::invalid("truth", e.to_string()))?;
            Ok((kechuang::io::from_json(&json)?, truth))
        })?;
        Ok(Programme::from_synth(g, truth))
    }

    /// The known answers of a synthetic programme: for each of many demands, the planted
    /// best-fit experts (best first) and the need written in Chinese, English, mixed and with
    /// variant terms. Empty for programmes not made by ``kechuang.synth``.
    #[getter]
    fn truth<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.truth)
    }

    /// ``truth`` as a DataFrame (one row per demand).
    fn truth_df<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows = to_py(py, &*self.truth)?;
        py.import("kechuang._frames")?.call_method1(
            "table",
            (
                rows,
                vec![
                    "demand",
                    "topic",
                    "experts",
                    "text_zh",
                    "text_en",
                    "text_mixed",
                    "text_variant",
                ],
            ),
        )
    }

    /// An independent copy (cheap: the graph is copied only when one of them changes).
    fn copy(&self, py: Python<'_>) -> Self {
        let (graph, generation) = self.snapshot(py);
        let settings = self
            .settings
            .lock_py_attached(py)
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        Programme {
            inner: RwLock::new(State { graph, generation }),
            cache: Mutex::default(),
            settings: Mutex::new(settings),
            truth: self.truth.clone(),
        }
    }

    fn __copy__(&self, py: Python<'_>) -> Self {
        self.copy(py)
    }

    fn __deepcopy__(&self, py: Python<'_>, _memo: &Bound<'_, PyAny>) -> Self {
        self.copy(py)
    }

    /// Same entities and relations under the same ids, same aliases and taxonomy.
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<Programme>() {
            Ok(o) => {
                let (a, b) = (self.graph(py), o.get().graph(py));
                without_gil(py, || a == b)
            }
            Err(_) => false,
        }
    }

    // ---- entities --------------------------------------------------------------------

    /// Adds an entity from a record and returns its id.
    ///
    /// Raises ``DuplicateKeyError`` if the key is taken and ``InvalidValueError`` for a field
    /// that does not apply to the kind.
    fn add_node(&self, py: Python<'_>, record: &Bound<'_, PyAny>) -> PyResult<u32> {
        let rec: NodeRecord = from_py(record, "node")?;
        self.edit(py, move |g| {
            no_id_field(rec.id, "node")?;
            g.add_node(rec.into_node()?).map(NodeId::get)
        })
    }

    /// Adds many entities and returns their ids. Stops at the first bad record, whose error
    /// names its position (``records[i]``); records before it stay.
    fn add_nodes(&self, py: Python<'_>, records: &Bound<'_, PyAny>) -> PyResult<Vec<u32>> {
        let recs: Vec<NodeRecord> = from_py(records, "records")?;
        self.edit(py, move |g| {
            let mut ids = Vec::with_capacity(recs.len());
            for (i, rec) in recs.into_iter().enumerate() {
                let here = kechuang::Location::default().with_column(format!("records[{i}]"));
                no_id_field(rec.id, "node").map_err(|e| e.at(&here))?;
                let node = rec.into_node().map_err(|e| e.at(&here))?;
                ids.push(g.add_node(node).map_err(|e| e.at(&here))?.get());
            }
            Ok(ids)
        })
    }

    /// Replaces an entity's data from a record. ``key`` and ``kind`` may be left out of the
    /// record (they stay); a different ``key`` renames the entity; the kind cannot change.
    fn update_node(&self, py: Python<'_>, key: String, record: &Bound<'_, PyAny>) -> PyResult<()> {
        let rec = record.cast::<PyDict>()?.copy()?;
        if !rec.contains("key")? {
            rec.set_item("key", &key)?;
        }
        let kind_missing = !rec.contains("kind")?;
        let mut rec: NodeRecord = from_py(rec.as_any(), "node")?;
        self.edit(py, move |g| {
            let id = g.resolve(&key)?;
            if kind_missing {
                rec.kind = Some(g.try_node(id)?.kind());
            }
            no_id_field(rec.id, "node")?;
            g.update_node(id, rec.into_node()?)
        })
    }

    /// Removes an entity with its relations and aliases; returns its record.
    fn remove_node<'py>(&self, py: Python<'py>, key: String) -> PyResult<Bound<'py, PyAny>> {
        let rec = self.edit(py, move |g| {
            let id = g.resolve(&key)?;
            let node = g.remove_node(id)?;
            Ok(NodeRecord::from_node(Some(id.get()), &node))
        })?;
        to_py(py, &rec)
    }

    /// The record of the entity with this key (or alias).
    fn node<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        let g = self.graph(py);
        let rec = g
            .resolve(key)
            .and_then(|id| node_record(&g, id))
            .py_err(py)?;
        to_py(py, &rec)
    }

    fn __getitem__<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        self.node(py, key)
    }

    fn __contains__(&self, py: Python<'_>, key: &str) -> bool {
        self.graph(py).id(key).is_some()
    }

    fn __len__(&self, py: Python<'_>) -> usize {
        self.graph(py).node_count()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyList::new(py, self.keys(py, None)?)?
            .try_iter()
            .map(Bound::into_any)
    }

    /// The id of the entity with this key (or alias).
    fn id(&self, py: Python<'_>, key: &str) -> PyResult<u32> {
        self.graph(py).resolve(key).map(NodeId::get).py_err(py)
    }

    /// The key of the entity with this id.
    fn key(&self, py: Python<'_>, id: u32) -> PyResult<String> {
        let g = self.graph(py);
        g.try_node(NodeId::new(id))
            .map(|n| n.key.clone())
            .py_err(py)
    }

    /// Keys of all entities (of one kind, if given), in id order.
    #[pyo3(signature = (kind = None))]
    fn keys(&self, py: Python<'_>, kind: Option<&str>) -> PyResult<Vec<String>> {
        let kind = parse_kind(kind).py_err(py)?;
        self.read(py, move |g| {
            Ok(match kind {
                Some(k) => g.nodes_of(k).map(|(_, n)| n.key.clone()).collect(),
                None => g.nodes().map(|(_, n)| n.key.clone()).collect(),
            })
        })
    }

    /// Records of all entities (of one kind, if given), in id order.
    #[pyo3(signature = (kind = None))]
    fn nodes<'py>(&self, py: Python<'py>, kind: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        let kind = parse_kind(kind).py_err(py)?;
        let recs = self.read(py, move |g| {
            Ok(match kind {
                Some(k) => g
                    .nodes_of(k)
                    .map(|(id, n)| NodeRecord::from_node(Some(id.get()), n))
                    .collect::<Vec<_>>(),
                None => g
                    .nodes()
                    .map(|(id, n)| NodeRecord::from_node(Some(id.get()), n))
                    .collect(),
            })
        })?;
        to_py(py, &recs)
    }

    /// Number of entities.
    #[getter]
    fn node_count(&self, py: Python<'_>) -> usize {
        self.graph(py).node_count()
    }

    /// Number of relations.
    #[getter]
    fn edge_count(&self, py: Python<'_>) -> usize {
        self.graph(py).edge_count()
    }

    /// Number of entities per kind (kinds with none left out).
    fn count_by_kind(&self, py: Python<'_>) -> Vec<(String, usize)> {
        let g = self.graph(py);
        g.count_by_kind()
            .into_iter()
            .map(|(k, n)| (k.to_string(), n))
            .collect()
    }

    /// Number of relations per relation kind.
    fn count_by_relation(&self, py: Python<'_>) -> Vec<(String, usize)> {
        let g = self.graph(py);
        g.count_by_relation()
            .into_iter()
            .map(|(k, n)| (k.to_string(), n))
            .collect()
    }

    /// Makes ``alias`` another name of the entity ``key``.
    fn add_alias(&self, py: Python<'_>, alias: String, key: String) -> PyResult<()> {
        self.edit(py, move |g| {
            let id = g.resolve(&key)?;
            g.add_alias(alias, id)
        })
    }

    /// Alias → key.
    fn aliases(&self, py: Python<'_>) -> Vec<(String, String)> {
        let g = self.graph(py);
        g.aliases()
            .iter()
            .map(|(a, id)| (a.clone(), g.key(*id).to_string()))
            .collect()
    }

    // ---- relations -------------------------------------------------------------------

    /// Adds a relation from a record (``relation``, ``source``, ``target`` keys, optional
    /// ``weight``, ``role``, ``start``, ``end``, ``attrs``) and returns its id.
    ///
    /// Raises ``RelationNotAllowedError`` for a relation the model does not allow between the
    /// two kinds and ``UnknownKeyError`` for a missing endpoint.
    fn add_edge(&self, py: Python<'_>, record: &Bound<'_, PyAny>) -> PyResult<u32> {
        let rec: EdgeRecord = from_py(record, "edge")?;
        self.edit(py, move |g| {
            no_id_field(rec.id, "edge")?;
            let e = rec.to_edge(g)?;
            g.add_edge(e).map(EdgeId::get)
        })
    }

    /// Adds many relations; stops at the first bad one (its error names ``edges[i]``);
    /// relations before it stay.
    fn add_edges(&self, py: Python<'_>, records: &Bound<'_, PyAny>) -> PyResult<Vec<u32>> {
        let recs: Vec<EdgeRecord> = from_py(records, "records")?;
        self.edit(py, move |g| {
            let mut edges = Vec::with_capacity(recs.len());
            for (i, r) in recs.iter().enumerate() {
                let here = kechuang::Location::default().with_column(format!("edges[{i}]"));
                no_id_field(r.id, "edge").map_err(|e| e.at(&here))?;
                edges.push(r.to_edge(g).map_err(|e| e.at(&here))?);
            }
            Ok(g.add_edges(edges)?.into_iter().map(EdgeId::get).collect())
        })
    }

    /// Adds a relation of weight 1 between two entities given by key; returns its id.
    fn connect(
        &self,
        py: Python<'_>,
        relation: &str,
        source: String,
        target: String,
    ) -> PyResult<u32> {
        let relation: Relation = relation.parse().py_err(py)?;
        self.edit(py, move |g| {
            g.connect(relation, &source, &target).map(EdgeId::get)
        })
    }

    /// The record of the relation with this id.
    fn edge<'py>(&self, py: Python<'py>, id: u32) -> PyResult<Bound<'py, PyAny>> {
        let g = self.graph(py);
        let rec = edge_record(&g, EdgeId::new(id)).py_err(py)?;
        to_py(py, &rec)
    }

    /// Replaces a relation's weight, role, dates and attributes. ``relation``, ``source``
    /// and ``target`` may be left out (they cannot change).
    fn update_edge(&self, py: Python<'_>, id: u32, record: &Bound<'_, PyAny>) -> PyResult<()> {
        let rec = record.cast::<PyDict>()?.copy()?;
        let g = self.graph(py);
        let old = edge_record(&g, EdgeId::new(id)).py_err(py)?;
        drop(g);
        if !rec.contains("relation")? {
            rec.set_item("relation", old.relation.as_str())?;
        }
        for (field, value) in [("source", &old.source), ("target", &old.target)] {
            if !rec.contains(field)? {
                rec.set_item(field, value)?;
            }
        }
        let rec: EdgeRecord = from_py(rec.as_any(), "edge")?;
        self.edit(py, move |g| {
            no_id_field(rec.id, "edge")?;
            let e = rec.to_edge(g)?;
            g.update_edge(EdgeId::new(id), e)
        })
    }

    /// Removes a relation; returns its record.
    fn remove_edge<'py>(&self, py: Python<'py>, id: u32) -> PyResult<Bound<'py, PyAny>> {
        let rec = self.edit(py, move |g| {
            let rec = edge_record(g, EdgeId::new(id))?;
            g.remove_edge(EdgeId::new(id))?;
            Ok(rec)
        })?;
        to_py(py, &rec)
    }

    /// Records of all relations (of one relation kind, if given), in id order.
    #[pyo3(signature = (relation = None))]
    fn edges<'py>(&self, py: Python<'py>, relation: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        let relation = parse_relation(relation).py_err(py)?;
        let recs = self.read(py, move |g| {
            Ok(g.edges()
                .filter(|(_, e)| relation.is_none_or(|r| e.relation == r))
                .map(|(id, e)| EdgeRecord::from_edge(g, Some(id), e))
                .collect::<Vec<_>>())
        })?;
        to_py(py, &recs)
    }

    /// Keys of the entities at the other end of ``key``'s relations (optionally of one
    /// relation kind), following ``direction`` (``"out"``, ``"in"`` or ``"both"``). An
    /// entity joined by several relations appears once per relation.
    #[pyo3(signature = (key, relation = None, direction = "out"))]
    fn neighbors(
        &self,
        py: Python<'_>,
        key: &str,
        relation: Option<&str>,
        direction: &str,
    ) -> PyResult<Vec<String>> {
        let g = self.graph(py);
        let run = || -> Result<Vec<String>> {
            let id = g.resolve(key)?;
            let rel = parse_relation(relation)?;
            let dir = parse_direction(direction)?;
            Ok(g.neighbors(id, rel, dir)
                .map(|n| g.key(n).to_string())
                .collect())
        };
        run().py_err(py)
    }

    /// Records of ``key``'s relations (optionally of one kind) in a direction.
    #[pyo3(signature = (key, relation = None, direction = "both"))]
    fn incident<'py>(
        &self,
        py: Python<'py>,
        key: &str,
        relation: Option<&str>,
        direction: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let g = self.graph(py);
        let run = || -> Result<Vec<EdgeRecord>> {
            let id = g.resolve(key)?;
            let rel = parse_relation(relation)?;
            let dir = parse_direction(direction)?;
            Ok(g.incident(id, rel, dir)
                .map(|(eid, e, _)| EdgeRecord::from_edge(&g, Some(eid), e))
                .collect())
        };
        let recs = run().py_err(py)?;
        to_py(py, &recs)
    }

    /// The region an entity is located in (``None`` if it has no ``located_in`` relation).
    fn region_of(&self, py: Python<'_>, key: &str) -> PyResult<Option<String>> {
        let g = self.graph(py);
        let id = g.resolve(key).py_err(py)?;
        Ok(g.region_of(id).map(|r| g.key(r).to_string()))
    }

    /// The regions enclosing a region: itself first, then up the ``part_of`` chain.
    fn region_ancestors(&self, py: Python<'_>, key: &str) -> PyResult<Vec<String>> {
        let g = self.graph(py);
        let id = g.resolve_kind(key, NodeKind::Region).py_err(py)?;
        Ok(g.region_ancestors(id)
            .into_iter()
            .map(|r| g.key(r).to_string())
            .collect())
    }

    /// The taxonomy (industries, disciplines and their weighted map) as a dict.
    #[getter]
    fn taxonomy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let g = self.graph(py);
        to_py(py, g.taxonomy())
    }

    /// Replaces the taxonomy (a dict as returned by ``taxonomy``).
    fn set_taxonomy(&self, py: Python<'_>, taxonomy: &Bound<'_, PyAny>) -> PyResult<()> {
        let t: Taxonomy = from_py(taxonomy, "taxonomy")?;
        self.edit(py, move |g| g.set_taxonomy(t))
    }

    /// The programme's header (``title``, ``title_en``, ``description``, ``source``,
    /// ``as_of``; absent fields left out) as a dict. No computation reads it.
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let g = self.graph(py);
        to_py(py, g.meta())
    }

    /// Replaces the header (a dict as returned by ``meta``; unknown keys are refused).
    fn set_meta(&self, py: Python<'_>, meta: &Bound<'_, PyAny>) -> PyResult<()> {
        let m: ProgrammeMeta = from_py(meta, "meta")?;
        self.edit(py, move |g| {
            g.set_meta(m);
            Ok(())
        })
    }

    /// Headline counts: entities per kind and relations per kind (with Chinese names),
    /// academicians, liaisons per tier, demands per state, project funds, economic benefit,
    /// largest market share.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let s = self.read(py, |g| Ok(kechuang::graph::GraphSummary::of(g)))?;
        to_py(py, &s)
    }

    /// Size of the frozen (compressed sparse row) view that algorithms read, building it if
    /// needed: ``{"nodes": …, "edges": …, "heap_bytes": …}``.
    fn frozen_stats(&self, py: Python<'_>) -> PyResult<Vec<(&'static str, usize)>> {
        self.read(py, |g| {
            let f = g.frozen();
            Ok(vec![
                ("nodes", f.node_count()),
                ("edges", f.edge_count()),
                ("heap_bytes", f.heap_bytes()),
            ])
        })
    }

    // ---- pandas and networkx ----------------------------------------------------------

    /// Builds a programme from pandas DataFrames: one row per entity in ``nodes_df`` and one
    /// per relation in ``edges_df``, with the record fields as columns (``key``, ``kind``,
    /// ``name``, …; ``relation``, ``source``, ``target``, …). Empty cells (None, NaN, NA, "")
    /// are absent fields; list fields take Python lists; dates take ``"YYYY-MM-DD"`` strings
    /// or date/Timestamp values. A column that is not a record field is kept, as CSV import
    /// keeps it: its non-empty cells become ``attrs[column]``.
    ///
    /// ``events_df`` (``demand``, ``date``, ``to``, ``actor``, ``note``: demand lifecycle
    /// events), ``outcomes_df`` (outcome fields plus ``produced_by`` and ``contributors``) and
    /// ``aliases_df`` (``alias``, ``key``) are read exactly as the CSV tables of the same
    /// names, after the nodes and edges.
    ///
    /// Errors name the DataFrame and the row's index label, e.g. ``nodes_df row with index
    /// 7: invalid value for nodes[7].capacity …``; errors in the extra tables name the CSV
    /// row (``events_df, row 5`` is ``events_df.iloc[3]``: row 1 is the header).
    ///
    /// >>> import pandas as pd, kechuang
    /// >>> nodes = pd.DataFrame({"key": ["s:csm", "x:li"], "kind": ["society", "expert"],
    /// ...                       "name": ["中国金属学会", "李强"]})
    /// >>> edges = pd.DataFrame({"relation": ["member_of"], "source": ["x:li"], "target": ["s:csm"]})
    /// >>> kechuang.Programme.from_pandas(nodes, edges)
    /// <kechuang.Programme: 2 nodes (1 society, 1 expert), 1 edges>
    #[classmethod]
    #[pyo3(signature = (nodes_df, edges_df = None, *, events_df = None, outcomes_df = None, aliases_df = None, taxonomy = None))]
    #[allow(clippy::too_many_arguments)]
    fn from_pandas(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        nodes_df: &Bound<'_, PyAny>,
        edges_df: Option<&Bound<'_, PyAny>>,
        events_df: Option<&Bound<'_, PyAny>>,
        outcomes_df: Option<&Bound<'_, PyAny>>,
        aliases_df: Option<&Bound<'_, PyAny>>,
        taxonomy: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let frames = py.import("kechuang._frames")?;
        type Cols<'py> = (
            Vec<(String, Vec<Bound<'py, PyAny>>)>,
            Vec<Bound<'py, PyAny>>,
        );
        let (nodes, node_labels): Cols<'_> = frames
            .call_method1("columns_of", (nodes_df, "nodes_df"))?
            .extract()?;
        let (edges, edge_labels): Cols<'_> = frames
            .call_method1("columns_of", (edges_df, "edges_df"))?
            .extract()?;
        let node_recs: Vec<NodeRecord> =
            records_from_columns(py, "nodes_df", &nodes, &node_labels)?;
        let edge_recs: Vec<EdgeRecord> =
            records_from_columns(py, "edges_df", &edges, &edge_labels)?;
        let taxonomy: Option<Taxonomy> = taxonomy.map(|t| from_py(t, "taxonomy")).transpose()?;
        // built through serde so fields added to the snapshot later take their defaults
        let mut snap: Snapshot =
            serde_json::from_value(serde_json::json!({ "schema_version": SCHEMA_VERSION }))
                .map_err(|e| to_py_err(py, &Error::invalid("snapshot", e.to_string())))?;
        snap.taxonomy = taxonomy;
        snap.nodes = node_recs;
        snap.edges = edge_recs;
        let text = |df: Option<&Bound<'_, PyAny>>, name: &str| -> PyResult<String> {
            frames.call_method1("csv_text", (df, name))?.extract()
        };
        let aliases = text(aliases_df, "aliases_df")?;
        let outcomes = text(outcomes_df, "outcomes_df")?;
        let events = text(events_df, "events_df")?;
        let build = move || {
            let mut g = snap.into_graph()?;
            crate::csv::apply_tables(&mut g, &aliases, &outcomes, &events)?;
            Ok(g)
        };
        match without_gil(py, build) {
            Ok(g) => Ok(Programme::from_graph(g)),
            Err(e) => Err(table_error(py, &e, &node_labels, &edge_labels)),
        }
    }

    /// Builds a programme from parallel arrays, the shape rustworkx and igraph build from:
    /// one key per entity, and one source and target index per relation. ``sources``,
    /// ``targets`` (and ``weights``) are numpy arrays (converted in one copy, range-checked) or
    /// sequences; ``kind``/``relation`` are one name for all, or one per entity/relation.
    /// Entities get default data (fill it in with ``update_node``).
    ///
    /// >>> import numpy as np, kechuang
    /// >>> p = kechuang.Programme.from_arrays(["x:0", "x:1", "x:2"], np.array([0, 1]), np.array([1, 2]))
    /// >>> p.neighbors("x:1")
    /// ['x:2']
    #[classmethod]
    #[pyo3(signature = (keys, sources, targets, *, kind = None, relation = None, weights = None))]
    #[allow(clippy::too_many_arguments)]
    fn from_arrays(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        keys: Vec<String>,
        sources: &Bound<'_, PyAny>,
        targets: &Bound<'_, PyAny>,
        kind: Option<&Bound<'_, PyAny>>,
        relation: Option<&Bound<'_, PyAny>>,
        weights: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let src = crate::arrays::u32_column(sources, "sources")?;
        let tgt = crate::arrays::u32_column(targets, "targets")?;
        let kinds: Vec<NodeKind> =
            crate::arrays::names(py, kind, "kind", keys.len(), NodeKind::Expert)?;
        let rels: Vec<Relation> =
            crate::arrays::names(py, relation, "relation", src.len(), Relation::Collaborated)?;
        let w = weights
            .map(|w| crate::arrays::f32_column(w, "weights"))
            .transpose()?;
        without_gil(py, move || {
            CollabGraph::from_arrays(&kinds, keys, &src, &tgt, &rels, w.as_deref())
        })
        .map(Programme::from_graph)
        .py_err(py)
    }

    /// The entities (of one kind, if given) as a DataFrame, one row per entity, columns as
    /// in the records (fields that apply to no row left out).
    #[pyo3(signature = (kind = None))]
    fn nodes_df<'py>(&self, py: Python<'py>, kind: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        let recs = self.nodes(py, kind)?;
        py.import("kechuang._frames")?
            .call_method1("node_frame", (recs,))
    }

    /// The relations (of one kind, if given) as a DataFrame.
    #[pyo3(signature = (relation = None))]
    fn edges_df<'py>(
        &self,
        py: Python<'py>,
        relation: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let recs = self.edges(py, relation)?;
        py.import("kechuang._frames")?
            .call_method1("edge_frame", (recs,))
    }

    /// ``(nodes_df(), edges_df())``: the whole programme as two DataFrames, the input of
    /// ``from_pandas``.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, [self.nodes_df(py, None)?, self.edges_df(py, None)?])
    }

    /// The graph (or the subgraph on the given ``keys`` and/or entities of the given
    /// ``kinds``) as a ``networkx.MultiDiGraph``: nodes are keys with their record fields as
    /// attributes, edges are keyed by edge id and carry ``relation`` and ``weight``.
    #[pyo3(signature = (keys = None, kinds = None))]
    fn to_networkx<'py>(
        &self,
        py: Python<'py>,
        keys: Option<Vec<String>>,
        kinds: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let kinds = kinds
            .map(|ks| {
                ks.iter()
                    .map(|k| k.parse::<NodeKind>())
                    .collect::<Result<Vec<_>>>()
            })
            .transpose()
            .py_err(py)?;
        let (nodes, edges) = self.read(py, move |g| {
            let whole = keys.is_none() && kinds.is_none();
            let mut keep = vec![whole; g.node_bound()];
            for k in keys.iter().flatten() {
                if let Some(slot) = keep.get_mut(g.resolve(k)?.index()) {
                    *slot = true;
                }
            }
            for kind in kinds.iter().flatten() {
                for (id, _) in g.nodes_of(*kind) {
                    if let Some(slot) = keep.get_mut(id.index()) {
                        *slot = true;
                    }
                }
            }
            let kept = |i: usize| keep.get(i).copied().unwrap_or(false);
            let nodes: Vec<NodeRecord> = g
                .nodes()
                .filter(|(id, _)| kept(id.index()))
                .map(|(id, n)| NodeRecord::from_node(Some(id.get()), n))
                .collect();
            let edges: Vec<EdgeRecord> = g
                .edges()
                .filter(|(_, e)| kept(e.source.index()) && kept(e.target.index()))
                .map(|(id, e)| EdgeRecord::from_edge(g, Some(id), e))
                .collect();
            Ok((nodes, edges))
        })?;
        py.import("kechuang._frames")?
            .call_method1("to_networkx", (to_py(py, &nodes)?, to_py(py, &edges)?))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let g = self.graph(py);
        let kinds: Vec<String> = g
            .count_by_kind()
            .into_iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        format!(
            "<kechuang.Programme: {} nodes ({}), {} edges>",
            g.node_count(),
            kinds.join(", "),
            g.edge_count()
        )
    }

    fn _repr_html_(&self, py: Python<'_>) -> String {
        let g = self.graph(py);
        let mut rows = String::new();
        for (k, n) in g.count_by_kind() {
            rows.push_str(&format!(
                "<tr><td>{k}</td><td>{}</td><td style=\"text-align:right\">{n}</td></tr>",
                k.name_zh()
            ));
        }
        format!(
            "<div><b>kechuang.Programme</b>: {} nodes, {} edges<table><thead><tr><th>kind</th><th></th><th>count</th></tr></thead><tbody>{rows}</tbody></table></div>",
            g.node_count(),
            g.edge_count()
        )
    }
}

fn io_error(path: &std::path::Path, e: &std::io::Error) -> Error {
    let path = path.display().to_string();
    if e.kind() == std::io::ErrorKind::NotFound {
        Error::FileNotFound { path }
    } else {
        Error::Io {
            path,
            message: e.to_string(),
        }
    }
}

/// A snapshot-building error, with the `nodes[i]` / `edges[i]` it names translated to the
/// DataFrame row's index label.
fn table_error(
    py: Python<'_>,
    e: &Error,
    node_labels: &[Bound<'_, PyAny>],
    edge_labels: &[Bound<'_, PyAny>],
) -> PyErr {
    let text = e.to_string();
    for (tag, table, labels) in [
        ("nodes[", "nodes_df", node_labels),
        ("edges[", "edges_df", edge_labels),
    ] {
        if let Some(start) = text.find(tag) {
            let digits: String = text[start + tag.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Some(label) = digits.parse::<usize>().ok().and_then(|i| labels.get(i)) {
                let prefix = crate::convert::row_prefix(table, label, None);
                return to_py_err_with(py, e, Some(&prefix));
            }
        }
    }
    to_py_err(py, e)
}
