//! Versioned JSON snapshots of a whole graph.
//!
//! # Schema versions
//!
//! | version | change | reading it today |
//! |---|---|---|
//! | 1 | first format | loads; the graph gets an empty [`ProgrammeMeta`] header |
//! | 2 | adds the optional `meta` header | current |
//!
//! A snapshot from a newer kechuang is refused with `unsupported_version`, before any other
//! field is looked at; a field introduced by a later version (such as `meta` in a version-1
//! snapshot) is refused with `invalid_value` rather than silently read.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::record::{EdgeRecord, NodeRecord, reserve_edge_id, reserve_node_id};
use crate::error::{Error, Location, Result};
use crate::graph::CollabGraph;
use crate::model::{EdgeId, NodeId, ProgrammeMeta, Taxonomy};

/// The snapshot schema version this build writes.
pub const SCHEMA_VERSION: u32 = 2;
/// The oldest snapshot schema version this build reads.
pub const MIN_SCHEMA_VERSION: u32 = 1;

/// A whole graph as plain data: what `to_json` writes and `from_json` reads.
///
/// ```json
/// { "schema_version": 2,
///   "meta": { "title": "泰安市科创中国试点城市", "source": "…" },
///   "taxonomy": { "industries": [...], "disciplines": [...], "map": [...] },
///   "nodes": [ { "id": 0, "key": "e:1", "kind": "enterprise", "name": "…", ... } ],
///   "edges": [ { "id": 0, "relation": "posted", "source": "e:1", "target": "d:1" } ],
///   "aliases": { "old-key": "e:1" } }
/// ```
///
/// Ids are optional on input (assigned in order); when given they must increase, and gaps
/// (removed entities) are kept so every id means the same entity after a round trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// Format version; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The programme's header (version 2 and later); absent when empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<ProgrammeMeta>,
    /// Taxonomies and map; the default taxonomy when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxonomy: Option<Taxonomy>,
    /// Entities.
    #[serde(default)]
    pub nodes: Vec<NodeRecord>,
    /// Relations.
    #[serde(default)]
    pub edges: Vec<EdgeRecord>,
    /// Alias → key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub aliases: BTreeMap<String, String>,
    /// One past the highest node id ever handed out, when that is above the last node's id
    /// (the newest entities were removed): keeps removed ids from being handed out again
    /// after loading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_bound: Option<u32>,
    /// Like `node_bound`, for edge ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edge_bound: Option<u32>,
}

/// `Some(bound)` when the last id slot is vacant (so the bound is not implied by the last id).
pub(crate) fn trailing_bound(bound: usize, last_live: Option<usize>) -> Option<u32> {
    (bound > last_live.map_or(0, |l| l + 1)).then(|| u32::try_from(bound).unwrap_or(u32::MAX))
}

impl Snapshot {
    /// The snapshot of a graph.
    pub fn of(g: &CollabGraph) -> Snapshot {
        Snapshot {
            schema_version: SCHEMA_VERSION,
            meta: (!g.meta().is_empty()).then(|| g.meta().clone()),
            taxonomy: Some(g.taxonomy().clone()),
            nodes: g
                .nodes()
                .map(|(id, n)| NodeRecord::from_node(Some(id.get()), n))
                .collect(),
            edges: g
                .edges()
                .map(|(id, e)| EdgeRecord::from_edge(g, Some(id), e))
                .collect(),
            aliases: g
                .aliases()
                .iter()
                .map(|(a, id)| (a.clone(), g.key(*id).to_string()))
                .collect(),
            node_bound: trailing_bound(g.node_bound(), g.nodes().last().map(|(id, _)| id.index())),
            edge_bound: trailing_bound(g.edge_bound(), g.edges().last().map(|(id, _)| id.index())),
        }
    }

    /// Builds the graph. Errors name the offending entry as `nodes[i].field` / `edges[i]`.
    pub fn into_graph(self) -> Result<CollabGraph> {
        check_version(self.schema_version)?;
        let mut g = CollabGraph::with_capacity(self.nodes.len(), self.edges.len());
        if let Some(meta) = self.meta {
            if self.schema_version < 2 {
                return Err(Error::invalid(
                    "meta",
                    "is a schema version 2 field; set \"schema_version\": 2 or remove it",
                ));
            }
            g.set_meta(meta);
        }
        if let Some(t) = self.taxonomy {
            g.set_taxonomy(t)
                .map_err(|e| e.at(&Location::default().with_column("taxonomy")))?;
        }
        for (i, rec) in self.nodes.into_iter().enumerate() {
            let here = || Location::default().with_column(format!("nodes[{i}]"));
            if let Some(id) = rec.id {
                reserve_node_id(&mut g, id).map_err(|e| e.at(&here()))?;
            }
            let node = rec
                .into_node()
                .map_err(|e| prefix(e, &format!("nodes[{i}]")))?;
            g.add_node(node).map_err(|e| e.at(&here()))?;
        }
        for (i, rec) in self.edges.into_iter().enumerate() {
            let here = Location::default().with_column(format!("edges[{i}]"));
            let edge = rec.to_edge(&g).map_err(|e| e.at(&here))?;
            if let Some(id) = rec.id {
                reserve_edge_id(&mut g, id).map_err(|e| e.at(&here))?;
                g.add_edge_at(EdgeId::new(id), edge)
                    .map_err(|e| prefix(e, &format!("edges[{i}]")))?;
            } else {
                g.add_edge(edge)
                    .map_err(|e| prefix(e, &format!("edges[{i}]")))?;
            }
        }
        if let Some(b) = self.node_bound {
            reserve_node_id(&mut g, b)
                .map_err(|e| e.at(&Location::default().with_column("node_bound")))?;
        }
        if let Some(b) = self.edge_bound {
            reserve_edge_id(&mut g, b)
                .map_err(|e| e.at(&Location::default().with_column("edge_bound")))?;
        }
        for (alias, key) in self.aliases {
            let id: NodeId = g
                .resolve(&key)
                .map_err(|e| e.at(&Location::default().with_column(format!("aliases.{alias}"))))?;
            g.add_alias(alias, id)?;
        }
        Ok(g)
    }
}

/// Puts the JSON path of the failing entry in front of an invalid field's name.
fn prefix(e: Error, path: &str) -> Error {
    match e {
        Error::InvalidValue {
            field,
            reason,
            location,
        } if location.column.is_none() => Error::InvalidValue {
            field: format!("{path}.{field}"),
            reason,
            location,
        },
        other => other.at(&Location::default().with_column(path)),
    }
}

fn check_version(v: u32) -> Result<()> {
    if !(MIN_SCHEMA_VERSION..=SCHEMA_VERSION).contains(&v) {
        return Err(Error::UnsupportedVersion {
            found: v,
            min_supported: MIN_SCHEMA_VERSION,
            max_supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Writes a graph as a JSON snapshot (compact, one line).
///
/// Complexity: O(n + m) time and output size.
pub fn to_json(g: &CollabGraph) -> Result<String> {
    serde_json::to_string(&Snapshot::of(g)).map_err(|e| Error::invalid("snapshot", e.to_string()))
}

/// Writes a graph as an indented JSON snapshot.
pub fn to_json_pretty(g: &CollabGraph) -> Result<String> {
    serde_json::to_string_pretty(&Snapshot::of(g))
        .map_err(|e| Error::invalid("snapshot", e.to_string()))
}

/// Reads a graph from a JSON snapshot.
///
/// The schema version is checked first, so a snapshot from a newer kechuang gets an
/// `unsupported_version` error rather than a confusing field error. Syntax errors name line and
/// column; semantic errors name the entry (`nodes[12].capacity`).
pub fn from_json(json: &str) -> Result<CollabGraph> {
    if json.len() as u64 > crate::limits::MAX_INPUT_BYTES {
        return Err(Error::LimitExceeded {
            what: "JSON input size in bytes".into(),
            limit: crate::limits::MAX_INPUT_BYTES,
            actual: json.len() as u64,
            hint: "split the snapshot".into(),
        });
    }
    #[derive(Deserialize)]
    struct Head {
        schema_version: Option<u32>,
    }
    // Cheap pre-check of the version (ignores every other field).
    if let Ok(head) = serde_json::from_str::<Head>(json) {
        match head.schema_version {
            Some(v) => check_version(v)?,
            None => {
                return Err(Error::invalid(
                    "schema_version",
                    "is missing; a snapshot starts with {\"schema_version\": 2, ...}",
                ));
            }
        }
    }
    let snap: Snapshot = serde_json::from_str(json).map_err(json_error)?;
    snap.into_graph()
}

/// Converts a serde_json error to a `parse_error` naming line and column.
pub(crate) fn json_error(e: serde_json::Error) -> Error {
    Error::Parse {
        location: Location {
            file: None,
            row: Some(e.line() as u64),
            column: Some(format!("char {}", e.column())),
        },
        message: e.to_string(),
    }
}
