//! The `Programme` class: a collaboration graph held in WASM memory, loaded from a snapshot,
//! edited with flat records, and queried.

use kechuang::graph::{CollabGraph, Direction};
use kechuang::impact::{ImpactIndex, ImpactOptions};
use kechuang::io::{EdgeRecord, NodeRecord, Snapshot};
use kechuang::matching::{MatchConfig, Matcher};
use kechuang::model::{EdgeId, NodeId, NodeKind, ProgrammeMeta, Relation};
use kechuang::synth::GroundTruth;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::convert::{
    JsResult, core, from_js, from_js_or_default, js_error, json_js, to_js, u32_param,
};
use crate::limits::GraphLimits;

/// A programme: the collaboration graph of a regional innovation programme.
///
/// Entities are addressed by key (a string) or by id (a `u32` that is never reused); every
/// method that takes an entity accepts either.
///
/// The matcher (the text index over every candidate's evidence) is built on the first matching
/// call, or by [`Programme::prepare_matcher`], and kept until the programme is edited.
#[wasm_bindgen]
#[derive(Debug, Clone, Default)]
pub struct Programme {
    pub(crate) graph: CollabGraph,
    /// Ground truth of a synthetic programme (empty otherwise).
    pub(crate) truth: Vec<GroundTruth>,
    /// Configuration the matcher is built with.
    pub(crate) match_config: MatchConfig,
    /// The matcher, built lazily; dropped by every edit.
    pub(crate) matcher: Option<Matcher>,
    /// The impact index last computed, with its options (for rankings); dropped by every edit.
    pub(crate) impact: Option<(ImpactOptions, ImpactIndex)>,
    /// Size limits, checked by loaders and by `addNode`/`addEdge`.
    pub(crate) limits: GraphLimits,
}

/// Options of [`Programme::neighbours`].
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct NeighbourOptions {
    relation: Option<Relation>,
    direction: Option<Direction>,
}

/// One relation of an entity, with the entity at the other end.
#[derive(Debug, Serialize)]
struct Neighbour<'a> {
    edge: u32,
    relation: Relation,
    direction: Direction,
    id: u32,
    key: &'a str,
    kind: NodeKind,
    name: &'a str,
}

impl Programme {
    /// Wraps a graph.
    pub fn from_graph(graph: CollabGraph) -> Programme {
        Programme {
            graph,
            ..Programme::default()
        }
    }

    /// Wraps a loaded graph after checking it is within `limits`.
    pub(crate) fn loaded(graph: CollabGraph, limits: GraphLimits) -> JsResult<Programme> {
        limits.check_counts(graph.node_count(), graph.edge_count())?;
        // vacant id slots take memory too
        limits.check_id_slots(graph.node_bound() as u64, graph.edge_bound() as u64)?;
        Ok(Programme {
            limits,
            ..Programme::from_graph(graph)
        })
    }

    /// The graph, for an edit: the cached matcher and impact index no longer fit and are
    /// dropped.
    pub(crate) fn graph_mut(&mut self) -> &mut CollabGraph {
        self.matcher = None;
        self.impact = None;
        &mut self.graph
    }

    /// The graph.
    pub fn graph(&self) -> &CollabGraph {
        &self.graph
    }

    /// The id of an entity given as key (or alias) or as id.
    pub(crate) fn node_id(&self, key_or_id: &JsValue) -> JsResult<NodeId> {
        if let Some(s) = key_or_id.as_string() {
            return core(self.graph.resolve(&s));
        }
        let id = u32_arg(key_or_id, "entity")?;
        core(
            self.graph
                .try_node(NodeId::new(id))
                .map(|_| NodeId::new(id)),
        )
    }

    fn check_one_more_edge(&self) -> JsResult<()> {
        self.limits
            .check_counts(self.graph.node_count(), self.graph.edge_count() + 1)
    }

    fn node_record(&self, id: NodeId) -> JsResult<NodeRecord> {
        let n = core(self.graph.try_node(id))?;
        Ok(NodeRecord::from_node(Some(id.get()), n))
    }

    fn edge_record(&self, id: EdgeId) -> JsResult<EdgeRecord> {
        let e = self.graph.edge(id).ok_or_else(|| unknown_edge(id))?;
        Ok(EdgeRecord::from_edge(&self.graph, Some(id), e))
    }
}

fn unknown_edge(id: EdgeId) -> JsValue {
    js_error(kechuang::Error::UnknownId {
        what: "edge",
        id: id.get(),
    })
}

/// A JS number that must be an exact `u32`.
fn u32_arg(v: &JsValue, what: &str) -> JsResult<u32> {
    match v.as_f64() {
        Some(f) if f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f) => Ok(f as u32),
        _ => Err(js_error(kechuang::Error::invalid(
            what,
            format!("{v:?} is neither a key (string) nor an id (integer from 0 to 4294967295)"),
        ))),
    }
}

/// Ids are assigned by the programme; a record that carries one is refused.
fn no_id(id: Option<u32>, what: &str) -> JsResult<()> {
    match id {
        None => Ok(()),
        Some(i) => Err(js_error(kechuang::Error::invalid(
            format!("{what}.id"),
            format!("{i} given, but ids are assigned by the programme; leave \"id\" out"),
        ))),
    }
}

#[wasm_bindgen]
impl Programme {
    /// An empty programme with the default taxonomy and the maximum size limits.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Programme {
        Programme::default()
    }

    /// Loads a programme from a JSON snapshot, given as a string or as the parsed object.
    /// `limits` (optional) lowers the size limits of the package (see `graphLimits()`); the
    /// input size is checked before the text is copied into WASM memory, the numbers of
    /// entities and relations (records, largest ids, `node_bound`/`edge_bound`) by a pre-pass
    /// over the text before any record is read, and the counts again before the programme is
    /// returned.
    ///
    /// Errors: `parse_error` (with line and column), `unsupported_version`, the validation
    /// errors of the entries (`invalid_value` naming `nodes[i].field`, `duplicate_key`, …),
    /// `limit_exceeded` naming the limit.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | Snapshot")] snapshot: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "GraphLimits")] limits: Option<JsValue>,
    ) -> JsResult<Programme> {
        let limits = GraphLimits::from_arg(limits)?;
        let text: js_sys::JsString = if snapshot.is_string() {
            snapshot.unchecked_into()
        } else if snapshot.is_object() {
            json_js(&snapshot, "snapshot")?
        } else {
            return Err(js_error(kechuang::Error::invalid(
                "snapshot",
                "must be a JSON string or a snapshot object {schema_version: 1, nodes: [...], edges: [...]}",
            )));
        };
        limits.check_js_text(&text)?;
        let text = String::from(&text);
        limits.check_input(text.len())?;
        limits.check_snapshot(&text)?;
        Programme::loaded(core(kechuang::io::from_json(&text))?, limits)
    }

    /// The programme as a JSON snapshot string (indented when `pretty` is true).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self, pretty: Option<bool>) -> JsResult<String> {
        if pretty.unwrap_or(false) {
            core(kechuang::io::to_json_pretty(&self.graph))
        } else {
            core(kechuang::io::to_json(&self.graph))
        }
    }

    /// The programme as a snapshot object (the parsed form of [`Programme::to_json`]).
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "Snapshot")]
    pub fn to_object(&self) -> JsResult<JsValue> {
        to_js(&Snapshot::of(&self.graph))
    }

    /// The programme's header (`title`, `title_en`, `description`, `source`, `as_of`; absent
    /// fields left out). No computation reads it.
    #[wasm_bindgen(getter, unchecked_return_type = "ProgrammeMeta")]
    pub fn meta(&self) -> JsResult<JsValue> {
        to_js(self.graph.meta())
    }

    /// Replaces the header (unknown fields are refused).
    #[wasm_bindgen(js_name = setMeta)]
    pub fn set_meta(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ProgrammeMeta")] meta: JsValue,
    ) -> JsResult<()> {
        let m: ProgrammeMeta = from_js(meta, "meta")?;
        self.graph.set_meta(m);
        Ok(())
    }

    /// Number of entities.
    #[wasm_bindgen(getter, js_name = nodeCount)]
    pub fn node_count(&self) -> u32 {
        self.graph.node_count() as u32
    }

    /// Number of relations.
    #[wasm_bindgen(getter, js_name = edgeCount)]
    pub fn edge_count(&self) -> u32 {
        self.graph.edge_count() as u32
    }

    /// Entities per kind, e.g. `{expert: 1000, society: 68}` (kinds with none left out).
    #[wasm_bindgen(js_name = countByKind, unchecked_return_type = "Partial<Record<NodeKind, number>>")]
    pub fn count_by_kind(&self) -> JsResult<JsValue> {
        to_js(&self.graph.count_by_kind())
    }

    /// Relations per relation kind (kinds with none left out).
    #[wasm_bindgen(js_name = countByRelation, unchecked_return_type = "Partial<Record<Relation, number>>")]
    pub fn count_by_relation(&self) -> JsResult<JsValue> {
        to_js(&self.graph.count_by_relation())
    }

    /// Adds an entity from a flat record (`key` and `kind` required, no `id`) and returns its
    /// new id. Errors: `invalid_value` (a field that does not apply to the kind, a bad value),
    /// `duplicate_key`.
    #[wasm_bindgen(js_name = addNode)]
    pub fn add_node(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "NodeRecord")] record: JsValue,
    ) -> JsResult<u32> {
        let rec: NodeRecord = from_js(record, "node")?;
        no_id(rec.id, "node")?;
        self.limits
            .check_counts(self.graph.node_count() + 1, self.graph.edge_count())?;
        let node = core(rec.into_node())?;
        Ok(core(self.graph_mut().add_node(node))?.get())
    }

    /// Replaces an entity's key, names, data and attributes with a full record (the kind
    /// cannot change). Errors: `unknown_key`/`unknown_id`, `wrong_kind`, `duplicate_key`.
    #[wasm_bindgen(js_name = updateNode)]
    pub fn update_node(
        &mut self,
        #[wasm_bindgen(js_name = "keyOrId", unchecked_param_type = "string | number")]
        key_or_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "NodeRecord")] record: JsValue,
    ) -> JsResult<()> {
        let id = self.node_id(&key_or_id)?;
        let mut rec: NodeRecord = from_js(record, "node")?;
        if rec.id.is_some_and(|i| i != id.get()) {
            return no_id(rec.id, "node");
        }
        rec.id = None;
        let node = core(rec.into_node())?;
        core(self.graph_mut().update_node(id, node))
    }

    /// Removes an entity with its relations and aliases; returns its record.
    #[wasm_bindgen(js_name = removeNode, unchecked_return_type = "NodeRecord")]
    pub fn remove_node(
        &mut self,
        #[wasm_bindgen(js_name = "keyOrId", unchecked_param_type = "string | number")]
        key_or_id: JsValue,
    ) -> JsResult<JsValue> {
        let id = self.node_id(&key_or_id)?;
        let node = core(self.graph_mut().remove_node(id))?;
        to_js(&NodeRecord::from_node(Some(id.get()), &node))
    }

    /// The record of an entity, or `undefined` if there is none with this key or id.
    #[wasm_bindgen(unchecked_return_type = "NodeRecord | undefined")]
    pub fn node(
        &self,
        #[wasm_bindgen(js_name = "keyOrId", unchecked_param_type = "string | number")]
        key_or_id: JsValue,
    ) -> JsResult<JsValue> {
        match self.node_id(&key_or_id) {
            Ok(id) => to_js(&self.node_record(id)?),
            Err(_) => Ok(JsValue::UNDEFINED),
        }
    }

    /// True if an entity has this key (or alias) or id.
    #[wasm_bindgen(js_name = hasNode)]
    pub fn has_node(
        &self,
        #[wasm_bindgen(js_name = "keyOrId", unchecked_param_type = "string | number")]
        key_or_id: JsValue,
    ) -> bool {
        self.node_id(&key_or_id).is_ok()
    }

    /// The id of the entity with this key or alias, or `undefined`.
    pub fn id(&self, key: &str) -> Option<u32> {
        self.graph.id(key).map(NodeId::get)
    }

    /// The key of the entity with this id, or `undefined`. Errors: `invalid_value` when `id`
    /// is not an integer from 0 to 4294967295.
    pub fn key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
    ) -> JsResult<Option<String>> {
        let id = u32_param(&id, "id", 0)?;
        Ok(self.graph.node(NodeId::new(id)).map(|n| n.key.clone()))
    }

    /// Records of every entity, or of one kind, in id order.
    #[wasm_bindgen(unchecked_return_type = "NodeRecord[]")]
    pub fn nodes(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "NodeKind")] kind: Option<String>,
    ) -> JsResult<JsValue> {
        let kind: Option<NodeKind> = kind.map(|k| k.parse()).transpose().map_err(js_error)?;
        let recs: Vec<NodeRecord> = self
            .graph
            .nodes()
            .filter(|(_, n)| kind.is_none_or(|k| n.kind() == k))
            .map(|(id, n)| NodeRecord::from_node(Some(id.get()), n))
            .collect();
        to_js(&recs)
    }

    /// The keys of every entity, or of one kind, in id order. Without `kind` this is the order
    /// of per-entity measures (`brokerage().constraint[i]` belongs to `keys()[i]`); with a
    /// kind it is a subset, not aligned with them.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn keys(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "NodeKind")] kind: Option<String>,
    ) -> JsResult<Vec<String>> {
        let kind: Option<NodeKind> = kind.map(|k| k.parse()).transpose().map_err(js_error)?;
        Ok(self
            .graph
            .nodes()
            .filter(|(_, n)| kind.is_none_or(|k| n.kind() == k))
            .map(|(_, n)| n.key.clone())
            .collect())
    }

    /// Adds a relation from a flat record (`relation`, `source`, `target` keys; no `id`) and
    /// returns its new id. Errors: `unknown_key`, `relation_not_allowed`, `invalid_value`.
    #[wasm_bindgen(js_name = addEdge)]
    pub fn add_edge(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "EdgeRecord")] record: JsValue,
    ) -> JsResult<u32> {
        let rec: EdgeRecord = from_js(record, "edge")?;
        no_id(rec.id, "edge")?;
        self.check_one_more_edge()?;
        let edge = core(rec.to_edge(&self.graph))?;
        Ok(core(self.graph_mut().add_edge(edge))?.get())
    }

    /// Adds a relation of weight 1 between two entities given by key; returns its id.
    pub fn connect(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Relation")] relation: &str,
        source: &str,
        target: &str,
    ) -> JsResult<u32> {
        let relation: Relation = core(relation.parse())?;
        self.check_one_more_edge()?;
        Ok(core(self.graph_mut().connect(relation, source, target))?.get())
    }

    /// Replaces a relation's weight, role, dates and attributes (relation, source and target
    /// must stay the same).
    #[wasm_bindgen(js_name = updateEdge)]
    pub fn update_edge(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EdgeRecord")] record: JsValue,
    ) -> JsResult<()> {
        let id = u32_param(&id, "id", 0)?;
        let rec: EdgeRecord = from_js(record, "edge")?;
        if rec.id.is_some_and(|i| i != id) {
            return no_id(rec.id, "edge");
        }
        let edge = core(rec.to_edge(&self.graph))?;
        core(self.graph_mut().update_edge(EdgeId::new(id), edge))
    }

    /// Removes a relation; returns its record.
    #[wasm_bindgen(js_name = removeEdge, unchecked_return_type = "EdgeRecord")]
    pub fn remove_edge(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
    ) -> JsResult<JsValue> {
        let id = EdgeId::new(u32_param(&id, "id", 0)?);
        let rec = self.edge_record(id)?;
        core(self.graph_mut().remove_edge(id))?;
        to_js(&rec)
    }

    /// The record of a relation, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "EdgeRecord | undefined")]
    pub fn edge(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
    ) -> JsResult<JsValue> {
        match self.edge_record(EdgeId::new(u32_param(&id, "id", 0)?)) {
            Ok(r) => to_js(&r),
            Err(_) => Ok(JsValue::UNDEFINED),
        }
    }

    /// The relations of an entity with the entity at the other end, optionally of one
    /// relation kind and one direction (`"out"`, `"in"`, default `"both"`); outgoing first,
    /// each group in insertion order.
    #[wasm_bindgen(unchecked_return_type = "Neighbour[]")]
    pub fn neighbours(
        &self,
        #[wasm_bindgen(js_name = "keyOrId", unchecked_param_type = "string | number")]
        key_or_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "NeighbourOptions")] options: Option<
            JsValue,
        >,
    ) -> JsResult<JsValue> {
        let id = self.node_id(&key_or_id)?;
        let opts: NeighbourOptions = from_js_or_default(options, "options")?;
        let dir = opts.direction.unwrap_or(Direction::Both);
        let out: Vec<Neighbour> = self
            .graph
            .incident(id, opts.relation, dir)
            .filter_map(|(eid, e, other)| {
                let n = self.graph.node(other)?;
                Some(Neighbour {
                    edge: eid.get(),
                    relation: e.relation,
                    direction: if e.source == id && e.target == other {
                        Direction::Out
                    } else {
                        Direction::In
                    },
                    id: other.get(),
                    key: &n.key,
                    kind: n.kind(),
                    name: &n.name,
                })
            })
            .collect();
        to_js(&out)
    }

    /// The key of the region an entity is located in, or `undefined`.
    #[wasm_bindgen(js_name = regionOf)]
    pub fn region_of(
        &self,
        #[wasm_bindgen(js_name = "keyOrId", unchecked_param_type = "string | number")]
        key_or_id: JsValue,
    ) -> JsResult<Option<String>> {
        let id = self.node_id(&key_or_id)?;
        Ok(self
            .graph
            .region_of(id)
            .map(|r| self.graph.key(r).to_string()))
    }

    /// Makes `alias` another key of an entity.
    #[wasm_bindgen(js_name = addAlias)]
    pub fn add_alias(
        &mut self,
        alias: &str,
        #[wasm_bindgen(js_name = "keyOrId", unchecked_param_type = "string | number")]
        key_or_id: JsValue,
    ) -> JsResult<()> {
        let id = self.node_id(&key_or_id)?;
        core(self.graph_mut().add_alias(alias, id))
    }
}
