//! The collaboration graph: a mutable, validated store ([`CollabGraph`]) and a frozen,
//! compact, read-only view ([`FrozenGraph`]) that algorithms read.
//!
//! ```
//! use kechuang::graph::CollabGraph;
//! use kechuang::model::{Node, NodeKind, Relation};
//!
//! let mut g = CollabGraph::new();
//! let zhang = g.add_node(Node::new("x:zhang", NodeKind::Expert, "张伟"))?;
//! let csm = g.add_node(Node::new("s:csm", NodeKind::Society, "中国金属学会"))?;
//! g.connect(Relation::MemberOf, "x:zhang", "s:csm")?;
//! assert_eq!(g.id("s:csm"), Some(csm));
//! assert_eq!(g.neighbors(zhang, Some(Relation::MemberOf), kechuang::graph::Direction::Out).collect::<Vec<_>>(), vec![csm]);
//! // a relation the model does not allow is refused with a coded error
//! assert_eq!(g.connect(Relation::MemberOf, "s:csm", "x:zhang").unwrap_err().code(), "relation_not_allowed");
//! # Ok::<(), kechuang::Error>(())
//! ```

mod bulk;
mod frozen;
mod summary;

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

pub use bulk::GraphArrays;
pub use frozen::{Adjacency, FrozenGraph};
pub use summary::{
    GraphSummary, KindCount, RelationCount, StatusCount, TierCount, relation_zh, status_zh,
};

use crate::error::{Error, Result};
use crate::model::{Edge, EdgeId, Node, NodeId, NodeKind, ProgrammeMeta, Relation, Taxonomy};

/// Which way to follow edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Source → target.
    Out,
    /// Target → source.
    In,
    /// Both.
    Both,
}

/// The mutable collaboration graph.
///
/// Entities are looked up by id ([`NodeId`], never reused) or by the caller's key (and any
/// alias left by a merge). Every mutation validates its input and returns a coded error instead
/// of panicking; a failed mutation changes nothing. The frozen view is built on first use by
/// [`CollabGraph::frozen`] and dropped by the next mutation.
#[derive(Debug, Clone, Default)]
pub struct CollabGraph {
    nodes: Vec<Option<Node>>,
    edges: Vec<Option<Edge>>,
    /// Incident edges per entity, built on first use (bulk loads never pay for it unless a
    /// query needs it) and then kept up to date by every mutation.
    adj: OnceLock<Incidence>,
    keys: HashMap<String, NodeId>,
    aliases: BTreeMap<String, NodeId>,
    live_nodes: usize,
    live_edges: usize,
    taxonomy: Taxonomy,
    meta: ProgrammeMeta,
    frozen: OnceLock<Arc<FrozenGraph>>,
    instance: Instance,
    edits: u64,
}

/// Which state of which graph value something was derived from: see
/// [`CollabGraph::revision`]. Opaque; compare with `==`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Revision {
    instance: u64,
    edits: u64,
}

/// A process-unique number per graph value: a new graph, a clone and a loaded snapshot each
/// get a fresh one, so two graphs never share a [`Revision`] even when their edit counts match.
#[derive(Debug)]
struct Instance(u64);

impl Instance {
    fn fresh() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Instance(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

impl Default for Instance {
    fn default() -> Self {
        Instance::fresh()
    }
}

impl Clone for Instance {
    /// A clone is a new graph value: it edits independently of the original.
    fn clone(&self) -> Self {
        Instance::fresh()
    }
}

impl PartialEq for CollabGraph {
    /// Two graphs are equal when they hold the same entities and relations under the same ids,
    /// the same aliases, the same taxonomy and the same header.
    fn eq(&self, other: &Self) -> bool {
        let trim =
            |v: &[Option<Node>]| v.len() - v.iter().rev().take_while(|n| n.is_none()).count();
        let trim_e =
            |v: &[Option<Edge>]| v.len() - v.iter().rev().take_while(|n| n.is_none()).count();
        self.nodes[..trim(&self.nodes)] == other.nodes[..trim(&other.nodes)]
            && self.edges[..trim_e(&self.edges)] == other.edges[..trim_e(&other.edges)]
            && self.aliases == other.aliases
            && self.taxonomy == other.taxonomy
            && self.meta == other.meta
    }
}

impl CollabGraph {
    /// An empty graph with the default taxonomy.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty graph with this taxonomy.
    pub fn with_taxonomy(taxonomy: Taxonomy) -> Self {
        CollabGraph {
            taxonomy,
            ..Self::default()
        }
    }

    /// An empty graph with room for `nodes` entities and `edges` relations.
    pub fn with_capacity(nodes: usize, edges: usize) -> Self {
        CollabGraph {
            nodes: Vec::with_capacity(nodes),
            edges: Vec::with_capacity(edges),
            adj: OnceLock::from(Incidence {
                out: Vec::with_capacity(nodes),
                inc: Vec::with_capacity(nodes),
            }),
            keys: HashMap::with_capacity(nodes),
            ..Self::default()
        }
    }

    /// The industry/discipline taxonomy.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// Replaces the taxonomy (validated).
    pub fn set_taxonomy(&mut self, mut taxonomy: Taxonomy) -> Result<()> {
        taxonomy.prepare()?;
        self.taxonomy = taxonomy;
        self.touch();
        Ok(())
    }

    /// The programme's descriptive header (title, source, …).
    pub fn meta(&self) -> &ProgrammeMeta {
        &self.meta
    }

    /// Replaces the descriptive header.
    pub fn set_meta(&mut self, meta: ProgrammeMeta) {
        self.meta = meta;
        self.edits += 1;
    }

    fn touch(&mut self) {
        self.frozen.take();
        self.edits += 1;
    }

    /// This graph's revision: it changes with every mutation (entities, relations, aliases,
    /// taxonomy, header, attributes, lifecycle events) and differs between graph values (a
    /// clone or a reloaded snapshot has its own). Values derived from the graph record it, so
    /// they can tell whether they are still current — e.g. [`Matcher::is_current`].
    ///
    /// [`Matcher::is_current`]: crate::matching::Matcher::is_current
    ///
    /// ```
    /// use kechuang::graph::CollabGraph;
    /// use kechuang::model::{Node, NodeKind};
    /// let mut g = CollabGraph::new();
    /// let r = g.revision();
    /// assert_eq!(r, g.revision());
    /// g.add_node(Node::new("x:1", NodeKind::Expert, "X")).unwrap();
    /// assert_ne!(r, g.revision());
    /// assert_ne!(g.revision(), g.clone().revision());
    /// ```
    pub fn revision(&self) -> Revision {
        Revision {
            instance: self.instance.0,
            edits: self.edits,
        }
    }

    // ---- nodes -------------------------------------------------------------------------

    /// Adds an entity; its key must not be in use (as key or alias).
    ///
    /// Errors: `invalid_value` (empty key, bad data), `duplicate_key`, `limit_exceeded`.
    pub fn add_node(&mut self, node: Node) -> Result<NodeId> {
        node.validate()?;
        if self.keys.contains_key(&node.key) {
            return Err(Error::DuplicateKey {
                key: node.key,
                location: Default::default(),
            });
        }
        let id = self.next_node_id()?;
        self.keys.insert(node.key.clone(), id);
        self.nodes.push(Some(node));
        if let Some(a) = self.adj.get_mut() {
            a.out.push(Vec::new());
            a.inc.push(Vec::new());
        }
        self.live_nodes += 1;
        self.touch();
        Ok(id)
    }

    fn next_node_id(&self) -> Result<NodeId> {
        u32::try_from(self.nodes.len())
            .ok()
            .filter(|&n| n < u32::MAX)
            .map(NodeId::new)
            .ok_or_else(|| Error::LimitExceeded {
                what: "number of node ids".into(),
                limit: u64::from(u32::MAX - 1),
                actual: self.nodes.len() as u64,
                hint: "split the programme into several graphs".into(),
            })
    }

    /// Reserves `n` node ids that stay empty (used when loading a snapshot with removed ids).
    pub(crate) fn push_vacant(&mut self) -> Result<NodeId> {
        let id = self.next_node_id()?;
        self.nodes.push(None);
        if let Some(a) = self.adj.get_mut() {
            a.out.push(Vec::new());
            a.inc.push(Vec::new());
        }
        self.touch();
        Ok(id)
    }

    pub(crate) fn push_vacant_edge(&mut self) -> Result<EdgeId> {
        let id = self.next_edge_id()?;
        self.edges.push(None);
        self.touch();
        Ok(id)
    }

    /// Replaces an entity's key, names, data and attributes. The kind must stay the same
    /// (remove and re-add to change it); a new key must be free.
    pub fn update_node(&mut self, id: NodeId, node: Node) -> Result<()> {
        node.validate()?;
        let old = self.node(id).ok_or(Error::UnknownId {
            what: "node",
            id: id.get(),
        })?;
        if old.kind() != node.kind() {
            return Err(Error::WrongKind {
                key: node.key.clone(),
                expected: old.kind().to_string(),
                actual: format!(
                    "{} (an entity cannot change kind; remove it and add it again)",
                    node.kind()
                ),
            });
        }
        if old.key != node.key {
            if self.keys.contains_key(&node.key) {
                return Err(Error::DuplicateKey {
                    key: node.key,
                    location: Default::default(),
                });
            }
            let old_key = old.key.clone();
            self.keys.remove(&old_key);
            self.keys.insert(node.key.clone(), id);
        }
        self.nodes[id.index()] = Some(node);
        self.touch();
        Ok(())
    }

    /// Mutable access to an entity's free attributes.
    pub fn attrs_mut(&mut self, id: NodeId) -> Option<&mut crate::model::Attrs> {
        self.edits += 1;
        self.nodes
            .get_mut(id.index())
            .and_then(|n| n.as_mut())
            .map(|n| &mut n.attrs)
    }

    /// Mutable access to an entity's kind-specific data (used by programme operations to append
    /// lifecycle events and rewrite event actors). Drops the cached frozen view; the caller
    /// must keep the data valid (see [`NodeData::validate`](crate::model::NodeData::validate)).
    pub(crate) fn node_data_mut(&mut self, id: NodeId) -> Option<&mut crate::model::NodeData> {
        self.touch();
        self.nodes
            .get_mut(id.index())
            .and_then(|n| n.as_mut())
            .map(|n| &mut n.data)
    }

    /// Moves the ends of an existing relation to `source` and `target`, keeping its id, kind,
    /// weight and extras (used when merging duplicate entities). Checks that both ends exist
    /// and that the relation allows their kinds; on error nothing changes.
    pub(crate) fn rewire_edge(&mut self, id: EdgeId, source: NodeId, target: NodeId) -> Result<()> {
        let edge = self.edge(id).ok_or(Error::UnknownId {
            what: "edge",
            id: id.get(),
        })?;
        let relation = edge.relation;
        let (old_s, old_t) = (edge.source, edge.target);
        let s = self.try_node(source)?.kind();
        let t = self.try_node(target)?.kind();
        relation.check(s, t)?;
        if let Some(Some(e)) = self.edges.get_mut(id.index()) {
            e.source = source;
            e.target = target;
        }
        // incident lists not built yet are built from the edges on first use
        if let Some(a) = self.adj.get_mut() {
            if old_s != source {
                a.out[old_s.index()].retain(|&e| e != id);
                a.out[source.index()].push(id);
            }
            if old_t != target {
                a.inc[old_t.index()].retain(|&e| e != id);
                a.inc[target.index()].push(id);
            }
        }
        self.touch();
        Ok(())
    }

    /// Removes an entity, its relations and its aliases, and returns it.
    pub fn remove_node(&mut self, id: NodeId) -> Result<Node> {
        if self.node(id).is_none() {
            return Err(Error::UnknownId {
                what: "node",
                id: id.get(),
            });
        }
        let a = self.incidence();
        let mut incident: Vec<EdgeId> = a.out[id.index()].clone();
        incident.extend(a.inc[id.index()].iter().copied());
        incident.sort_unstable();
        incident.dedup();
        for e in incident {
            self.remove_edge(e)?;
        }
        let node = self.nodes[id.index()].take().ok_or(Error::UnknownId {
            what: "node",
            id: id.get(),
        })?;
        self.keys.remove(&node.key);
        let aliases: Vec<String> = self
            .aliases
            .iter()
            .filter(|(_, v)| **v == id)
            .map(|(k, _)| k.clone())
            .collect();
        for a in aliases {
            self.aliases.remove(&a);
            self.keys.remove(&a);
        }
        self.live_nodes -= 1;
        self.touch();
        Ok(node)
    }

    /// The entity with this id, if it exists.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.index()).and_then(Option::as_ref)
    }

    /// The entity with this id, or an `unknown_id` error.
    pub fn try_node(&self, id: NodeId) -> Result<&Node> {
        self.node(id).ok_or(Error::UnknownId {
            what: "node",
            id: id.get(),
        })
    }

    /// The id of the entity with this key or alias.
    pub fn id(&self, key: &str) -> Option<NodeId> {
        self.keys.get(key).copied()
    }

    /// The id of the entity with this key or alias, or an `unknown_key` error.
    pub fn resolve(&self, key: &str) -> Result<NodeId> {
        self.id(key).ok_or_else(|| Error::unknown_key(key))
    }

    /// The id of the entity with this key, checking that it is of `kind`.
    pub fn resolve_kind(&self, key: &str, kind: NodeKind) -> Result<NodeId> {
        let id = self.resolve(key)?;
        let actual = self.try_node(id)?.kind();
        if actual != kind {
            return Err(Error::WrongKind {
                key: key.into(),
                expected: kind.to_string(),
                actual: actual.to_string(),
            });
        }
        Ok(id)
    }

    /// The entity with this key or alias.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.id(key).and_then(|id| self.node(id))
    }

    /// The key of an entity (empty string for an unknown id).
    pub fn key(&self, id: NodeId) -> &str {
        self.node(id).map_or("", |n| n.key.as_str())
    }

    /// Makes `alias` another key for `id` (kept after merging duplicates).
    pub fn add_alias(&mut self, alias: impl Into<String>, id: NodeId) -> Result<()> {
        let alias = alias.into();
        self.try_node(id)?;
        if alias.trim().is_empty() {
            return Err(Error::invalid("alias", "is empty"));
        }
        if self.keys.contains_key(&alias) {
            return Err(Error::DuplicateKey {
                key: alias,
                location: Default::default(),
            });
        }
        self.keys.insert(alias.clone(), id);
        self.aliases.insert(alias, id);
        self.edits += 1;
        Ok(())
    }

    /// Every alias and the entity it resolves to, sorted by alias.
    pub fn aliases(&self) -> &BTreeMap<String, NodeId> {
        &self.aliases
    }

    /// Live entities with their ids, in id order.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, &Node)> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| n.as_ref().map(|n| (NodeId::new(i as u32), n)))
    }

    /// Live entities of one kind, in id order.
    pub fn nodes_of(&self, kind: NodeKind) -> impl Iterator<Item = (NodeId, &Node)> + '_ {
        self.nodes().filter(move |(_, n)| n.kind() == kind)
    }

    /// Number of live entities.
    pub fn node_count(&self) -> usize {
        self.live_nodes
    }

    /// One more than the largest id ever handed out (the length of an id-indexed array).
    pub fn node_bound(&self) -> usize {
        self.nodes.len()
    }

    /// Live entities per kind (kinds with none are left out).
    pub fn count_by_kind(&self) -> BTreeMap<NodeKind, usize> {
        let mut m = BTreeMap::new();
        for (_, n) in self.nodes() {
            *m.entry(n.kind()).or_insert(0) += 1;
        }
        m
    }

    // ---- edges -------------------------------------------------------------------------

    fn next_edge_id(&self) -> Result<EdgeId> {
        u32::try_from(self.edges.len())
            .ok()
            .filter(|&n| n < u32::MAX)
            .map(EdgeId::new)
            .ok_or_else(|| Error::LimitExceeded {
                what: "number of edge ids".into(),
                limit: u64::from(u32::MAX - 1),
                actual: self.edges.len() as u64,
                hint: "split the programme into several graphs".into(),
            })
    }

    /// Adds a relation after checking that both ends exist and the relation allows their kinds.
    ///
    /// Errors: `unknown_id`, `relation_not_allowed`, `invalid_value` (weight, dates).
    pub fn add_edge(&mut self, mut edge: Edge) -> Result<EdgeId> {
        edge.validate()?;
        if edge.extra.as_deref().is_some_and(|x| x.is_empty()) {
            edge.extra = None;
        }
        let s = self.try_node(edge.source)?.kind();
        let t = self.try_node(edge.target)?.kind();
        edge.relation.check(s, t)?;
        if edge.relation == Relation::PartOf && self.reaches_up(edge.target, edge.source) {
            return Err(Error::invalid(
                "part_of",
                format!(
                    "{:?} part_of {:?} would close a cycle in the region tree; a region cannot contain itself",
                    self.key(edge.source),
                    self.key(edge.target)
                ),
            ));
        }
        let id = self.next_edge_id()?;
        if let Some(a) = self.adj.get_mut() {
            a.out[edge.source.index()].push(id);
            a.inc[edge.target.index()].push(id);
        }
        self.edges.push(Some(edge));
        self.live_edges += 1;
        self.touch();
        Ok(id)
    }

    /// True if following `part_of` upward from `from` reaches `to` (or `from == to`).
    fn reaches_up(&self, from: NodeId, to: NodeId) -> bool {
        let mut stack = vec![from];
        let mut seen = std::collections::HashSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if !seen.insert(n) {
                continue;
            }
            stack.extend(self.neighbors(n, Some(Relation::PartOf), Direction::Out));
        }
        false
    }

    /// Adds a relation between two entities given by key, with weight 1.
    pub fn connect(&mut self, relation: Relation, source: &str, target: &str) -> Result<EdgeId> {
        let s = self.resolve(source)?;
        let t = self.resolve(target)?;
        self.add_edge(Edge::new(relation, s, t))
    }

    /// Adds many relations at once, reserving space first. Stops at the first invalid one and
    /// returns its error with its position in `field` (`edges[i]`); relations before it stay.
    pub fn add_edges(&mut self, edges: impl IntoIterator<Item = Edge>) -> Result<Vec<EdgeId>> {
        let it = edges.into_iter();
        let (lo, _) = it.size_hint();
        self.edges.reserve(lo);
        let mut ids = Vec::with_capacity(lo);
        for (i, e) in it.enumerate() {
            ids.push(self.add_edge(e).map_err(|err| match err {
                Error::InvalidValue {
                    field,
                    reason,
                    location,
                } => Error::InvalidValue {
                    field: format!("edges[{i}].{field}"),
                    reason,
                    location,
                },
                other => other,
            })?);
        }
        Ok(ids)
    }

    /// Restores an edge under a given id (snapshot loading); the slot must be the next one.
    pub(crate) fn add_edge_at(&mut self, id: EdgeId, edge: Edge) -> Result<()> {
        if id.index() != self.edges.len() {
            return Err(Error::invalid(
                "edges.id",
                format!("edge id {id} is out of order"),
            ));
        }
        self.add_edge(edge).map(|_| ())
    }

    /// Removes a relation and returns it.
    pub fn remove_edge(&mut self, id: EdgeId) -> Result<Edge> {
        let edge = self
            .edges
            .get_mut(id.index())
            .and_then(Option::take)
            .ok_or(Error::UnknownId {
                what: "edge",
                id: id.get(),
            })?;
        if let Some(a) = self.adj.get_mut() {
            a.out[edge.source.index()].retain(|&e| e != id);
            a.inc[edge.target.index()].retain(|&e| e != id);
        }
        self.live_edges -= 1;
        self.touch();
        Ok(edge)
    }

    /// The relation with this id, if it exists.
    pub fn edge(&self, id: EdgeId) -> Option<&Edge> {
        self.edges.get(id.index()).and_then(Option::as_ref)
    }

    /// Replaces a relation's weight, role, dates and attributes (its kind and ends stay).
    pub fn update_edge(&mut self, id: EdgeId, mut edge: Edge) -> Result<()> {
        edge.validate()?;
        if edge.extra.as_deref().is_some_and(|x| x.is_empty()) {
            edge.extra = None;
        }
        let old = self.edge(id).ok_or(Error::UnknownId {
            what: "edge",
            id: id.get(),
        })?;
        if old.relation != edge.relation || old.source != edge.source || old.target != edge.target {
            return Err(Error::invalid(
                "edge",
                "relation, source and target cannot change; remove the edge and add a new one",
            ));
        }
        self.edges[id.index()] = Some(edge);
        self.touch();
        Ok(())
    }

    /// Live relations with their ids, in id order.
    pub fn edges(&self) -> impl Iterator<Item = (EdgeId, &Edge)> + '_ {
        self.edges
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.as_ref().map(|e| (EdgeId::new(i as u32), e)))
    }

    /// Number of live relations.
    pub fn edge_count(&self) -> usize {
        self.live_edges
    }

    /// One more than the largest edge id ever handed out.
    pub fn edge_bound(&self) -> usize {
        self.edges.len()
    }

    /// Live relations per relation kind.
    pub fn count_by_relation(&self) -> BTreeMap<Relation, usize> {
        let mut m = BTreeMap::new();
        for (_, e) in self.edges() {
            *m.entry(e.relation).or_insert(0) += 1;
        }
        m
    }

    /// Relations leaving `id` (in insertion order).
    pub fn out_edges(&self, id: NodeId) -> impl Iterator<Item = (EdgeId, &Edge)> + '_ {
        self.adj(&self.incidence().out, id)
    }

    /// Relations entering `id` (in insertion order).
    pub fn in_edges(&self, id: NodeId) -> impl Iterator<Item = (EdgeId, &Edge)> + '_ {
        self.adj(&self.incidence().inc, id)
    }

    fn adj<'a>(
        &'a self,
        adj: &'a [Vec<EdgeId>],
        id: NodeId,
    ) -> impl Iterator<Item = (EdgeId, &'a Edge)> + 'a {
        adj.get(id.index())
            .into_iter()
            .flatten()
            .filter_map(move |&e| self.edge(e).map(|x| (e, x)))
    }

    /// Relations of `id` in a direction, optionally of one relation kind, with the entity at
    /// the other end.
    pub fn incident(
        &self,
        id: NodeId,
        relation: Option<Relation>,
        dir: Direction,
    ) -> impl Iterator<Item = (EdgeId, &Edge, NodeId)> + '_ {
        let out = matches!(dir, Direction::Out | Direction::Both)
            .then(|| self.out_edges(id))
            .into_iter()
            .flatten();
        let inn = matches!(dir, Direction::In | Direction::Both)
            .then(|| self.in_edges(id))
            .into_iter()
            .flatten();
        out.map(|(i, e)| (i, e, e.target))
            .chain(inn.map(|(i, e)| (i, e, e.source)))
            .filter(move |(_, e, _)| relation.is_none_or(|r| e.relation == r))
    }

    /// The entities at the other end of `id`'s relations (with repeats if several relations
    /// join the same pair).
    pub fn neighbors(
        &self,
        id: NodeId,
        relation: Option<Relation>,
        dir: Direction,
    ) -> impl Iterator<Item = NodeId> + '_ {
        self.incident(id, relation, dir).map(|(_, _, n)| n)
    }

    /// The regions enclosing `region` (itself first, then up the `part_of` chain).
    pub fn region_ancestors(&self, region: NodeId) -> Vec<NodeId> {
        let mut out = vec![region];
        let mut cur = region;
        while let Some(p) = self
            .neighbors(cur, Some(Relation::PartOf), Direction::Out)
            .min()
        {
            if out.contains(&p) {
                break;
            }
            out.push(p);
            cur = p;
        }
        out
    }

    /// The region an entity is located in (the smallest id if several).
    pub fn region_of(&self, id: NodeId) -> Option<NodeId> {
        self.neighbors(id, Some(Relation::LocatedIn), Direction::Out)
            .min()
    }

    /// The incident-edge lists, built from the edges on first use.
    fn incidence(&self) -> &Incidence {
        self.adj.get_or_init(|| {
            Incidence::build(
                self.nodes.len(),
                self.edges
                    .iter()
                    .enumerate()
                    .filter_map(|(i, e)| e.as_ref().map(|e| (i, e.source, e.target))),
            )
        })
    }

    // ---- frozen view -------------------------------------------------------------------

    /// The frozen view of the current graph, built on first use and cached until the next
    /// mutation. Cheap to clone (an `Arc`) and safe to share across threads.
    pub fn frozen(&self) -> Arc<FrozenGraph> {
        self.frozen
            .get_or_init(|| Arc::new(FrozenGraph::build(self)))
            .clone()
    }
}

/// Outgoing and incoming edge ids per entity id.
#[derive(Debug, Clone, Default)]
struct Incidence {
    out: Vec<Vec<EdgeId>>,
    inc: Vec<Vec<EdgeId>>,
}

impl Incidence {
    /// Lists for `n` entity ids from `(edge index, source, target)`, each allocated at its
    /// exact size. O(n + m).
    fn build(n: usize, edges: impl Iterator<Item = (usize, NodeId, NodeId)> + Clone) -> Incidence {
        let mut outd = vec![0u32; n];
        let mut ind = vec![0u32; n];
        for (_, s, t) in edges.clone() {
            outd[s.index()] += 1;
            ind[t.index()] += 1;
        }
        let mut out: Vec<Vec<EdgeId>> = outd
            .iter()
            .map(|&d| Vec::with_capacity(d as usize))
            .collect();
        drop(outd);
        let mut inc: Vec<Vec<EdgeId>> = ind
            .iter()
            .map(|&d| Vec::with_capacity(d as usize))
            .collect();
        drop(ind);
        for (i, s, t) in edges {
            out[s.index()].push(EdgeId::new(i as u32));
            inc[t.index()].push(EdgeId::new(i as u32));
        }
        Incidence { out, inc }
    }
}

#[cfg(test)]
mod tests;
