//! Bulk construction of a [`CollabGraph`] from whole arrays, with capacity reserved up front and
//! every entity and relation validated (errors name the offending index).

use std::collections::HashMap;

use super::CollabGraph;
use crate::error::{Error, Location, Result};
use crate::model::{Edge, Node, NodeId, NodeKind, Relation};

fn at_index(what: &str, i: usize) -> Location {
    Location::default().with_column(format!("{what}[{i}]"))
}

/// Prefixes the field of an `invalid_value` error with `what[i].` and fills the location.
fn locate(err: Error, what: &str, i: usize) -> Error {
    match err {
        Error::InvalidValue {
            field,
            reason,
            location,
        } => Error::InvalidValue {
            field: format!("{what}[{i}].{field}"),
            reason,
            location,
        },
        other => other.at(&at_index(what, i)),
    }
}

impl CollabGraph {
    /// Builds a graph from entities and relations in one pass. Entity `i` gets id `i`; relation
    /// `j` gets edge id `j` and refers to its ends by those ids.
    ///
    /// Every entity is validated (key, data), keys must be unique, every relation must join
    /// existing entities of allowed kinds with a valid weight and dates, and `part_of` must not
    /// form a cycle — the same rules as [`CollabGraph::add_node`] and
    /// [`CollabGraph::add_edge`], checked without their per-call overhead.
    ///
    /// # Arguments
    /// * `nodes` — the entities, in id order (moved in, no copy).
    /// * `edges` — the relations, in id order.
    ///
    /// # Returns
    /// The graph (default taxonomy). Errors name the index: `nodes[i]`, `edges[j]`.
    ///
    /// # Complexity
    /// O(n + m) time and space; no reallocation. The per-entity incident-edge lists of the
    /// mutable API are not built here but on the first query that needs them.
    ///
    /// # Example
    /// ```
    /// use kechuang::graph::CollabGraph;
    /// use kechuang::model::{Edge, Node, NodeId, NodeKind, Relation};
    /// let nodes = vec![
    ///     Node::new("x:1", NodeKind::Expert, "张伟"),
    ///     Node::new("s:1", NodeKind::Society, "中国金属学会"),
    /// ];
    /// let edges = vec![Edge::new(Relation::MemberOf, NodeId::new(0), NodeId::new(1))];
    /// let g = CollabGraph::from_parts(nodes, edges)?;
    /// assert_eq!((g.node_count(), g.edge_count()), (2, 1));
    /// let bad = vec![Edge::new(Relation::MemberOf, NodeId::new(1), NodeId::new(0))];
    /// let nodes = vec![Node::new("x:1", NodeKind::Expert, ""), Node::new("s:1", NodeKind::Society, "")];
    /// let err = CollabGraph::from_parts(nodes, bad).unwrap_err();
    /// assert_eq!(err.code(), "relation_not_allowed");
    /// assert!(err.to_string().contains("edges[0]"));
    /// # Ok::<(), kechuang::Error>(())
    /// ```
    ///
    /// # Reference
    /// Bulk loading as in graph libraries' edge-list constructors (e.g. igraph's
    /// `igraph_create`); the frozen view is then built by counting sort (Gustavson, "Two fast
    /// algorithms for sparse matrices", ACM TOMS 4(3), 1978).
    pub fn from_parts(nodes: Vec<Node>, edges: Vec<Edge>) -> Result<CollabGraph> {
        check_sizes(nodes.len(), edges.len())?;
        let mut keys: HashMap<String, NodeId> = HashMap::with_capacity(nodes.len());
        for (i, node) in nodes.iter().enumerate() {
            node.validate().map_err(|e| locate(e, "nodes", i))?;
            if keys
                .insert(node.key.clone(), NodeId::new(i as u32))
                .is_some()
            {
                return Err(Error::DuplicateKey {
                    key: node.key.clone(),
                    location: at_index("nodes", i),
                });
            }
        }
        let kinds: Vec<NodeKind> = nodes.iter().map(Node::kind).collect();
        let mut edges = edges;
        for (j, e) in edges.iter_mut().enumerate() {
            e.validate().map_err(|err| locate(err, "edges", j))?;
            if e.extra.as_deref().is_some_and(|x| x.is_empty()) {
                e.extra = None;
            }
            check_edge(&kinds, e.relation, e.source.get(), e.target.get(), j)?;
        }
        let part_of: Vec<(u32, u32)> = edges
            .iter()
            .filter(|e| e.relation == Relation::PartOf)
            .map(|e| (e.source.get(), e.target.get()))
            .collect();
        check_part_of(&part_of, |i| nodes[i as usize].key.as_str())?;
        let live_nodes = nodes.len();
        let live_edges = edges.len();
        Ok(CollabGraph {
            nodes: nodes.into_iter().map(Some).collect(),
            edges: edges.into_iter().map(Some).collect(),
            keys,
            live_nodes,
            live_edges,
            ..CollabGraph::default()
        })
    }

    /// Builds a graph from parallel arrays: one kind and key per entity, and one source,
    /// target, relation (and optional weight) per relation — the shape graph libraries such as
    /// rustworkx and igraph build from. Entities get default data ([`Node::new`] with an empty
    /// name); fill them in later with [`CollabGraph::update_node`].
    ///
    /// # Arguments
    /// * `kinds` — kind of entity `i`.
    /// * `keys` — key of entity `i` (same length as `kinds`, unique, non-empty).
    /// * `sources`, `targets`, `relations` — relation `j` goes from `sources[j]` to
    ///   `targets[j]` (entity indices) with kind `relations[j]`; all three the same length.
    /// * `weights` — optional weight of each relation (finite, ≥ 0); 1 when `None`.
    ///
    /// # Returns
    /// The graph. Errors: `invalid_value` (lengths differ, index out of range, bad weight),
    /// `duplicate_key`, `relation_not_allowed`, each naming the index (`edges[j]`, `keys[i]`).
    ///
    /// # Complexity
    /// O(n + m) time and space, one pass per array, capacities reserved up front.
    ///
    /// # Example
    /// ```
    /// use kechuang::graph::CollabGraph;
    /// use kechuang::model::{NodeKind, Relation};
    /// let g = CollabGraph::from_arrays(
    ///     &[NodeKind::Expert, NodeKind::Expert, NodeKind::Society],
    ///     vec!["x:0".into(), "x:1".into(), "s:0".into()],
    ///     &[0, 1, 0],
    ///     &[2, 2, 1],
    ///     &[Relation::MemberOf, Relation::MemberOf, Relation::Collaborated],
    ///     Some(&[1.0, 1.0, 3.0]),
    /// )?;
    /// assert_eq!(g.frozen().edge_count(), 3);
    /// let err = CollabGraph::from_arrays(&[NodeKind::Expert], vec!["x:0".into()], &[0], &[5],
    ///     &[Relation::Collaborated], None).unwrap_err();
    /// assert!(err.to_string().contains("edges[0]"), "{err}");
    /// # Ok::<(), kechuang::Error>(())
    /// ```
    ///
    /// # Reference
    /// Same construction as [`CollabGraph::from_parts`].
    pub fn from_arrays(
        kinds: &[NodeKind],
        keys: Vec<String>,
        sources: &[u32],
        targets: &[u32],
        relations: &[Relation],
        weights: Option<&[f32]>,
    ) -> Result<CollabGraph> {
        let m = sources.len();
        if keys.len() != kinds.len() {
            return Err(Error::invalid(
                "keys",
                format!(
                    "has {} entries but kinds has {}; give one key per entity",
                    keys.len(),
                    kinds.len()
                ),
            ));
        }
        if targets.len() != m || relations.len() != m || weights.is_some_and(|w| w.len() != m) {
            return Err(Error::invalid(
                "edges",
                format!(
                    "sources ({m}), targets ({}), relations ({}) and weights ({}) must have the same length",
                    targets.len(),
                    relations.len(),
                    weights.map_or(m, <[f32]>::len)
                ),
            ));
        }
        check_sizes(kinds.len(), m)?;
        let mut index: HashMap<String, NodeId> = HashMap::with_capacity(keys.len());
        let mut nodes: Vec<Option<Node>> = Vec::with_capacity(keys.len());
        for (i, (key, &kind)) in keys.into_iter().zip(kinds).enumerate() {
            if key.trim().is_empty() || key.len() > crate::limits::MAX_KEY_BYTES {
                let node = Node::new(key, kind, "");
                return Err(node
                    .validate()
                    .err()
                    .unwrap_or_else(|| Error::invalid("key", "is invalid"))
                    .at(&at_index("keys", i)));
            }
            if index.contains_key(&key) {
                return Err(Error::DuplicateKey {
                    key,
                    location: at_index("keys", i),
                });
            }
            index.insert(key.clone(), NodeId::new(i as u32));
            nodes.push(Some(Node::new(key, kind, "")));
        }
        let mut edges: Vec<Option<Edge>> = Vec::with_capacity(m);
        let mut part_of = Vec::new();
        for j in 0..m {
            let (s, t, r) = (sources[j], targets[j], relations[j]);
            check_edge(kinds, r, s, t, j)?;
            let w = weights.map_or(1.0, |w| w[j]);
            if !w.is_finite() || w < 0.0 {
                return Err(Error::invalid(
                    format!("edges[{j}].weight"),
                    format!("{w} is not a finite weight ≥ 0"),
                ));
            }
            if r == Relation::PartOf {
                part_of.push((s, t));
            }
            edges.push(Some(Edge {
                relation: r,
                source: NodeId::new(s),
                target: NodeId::new(t),
                weight: w,
                extra: None,
            }));
        }
        check_part_of(&part_of, |i| {
            nodes
                .get(i as usize)
                .and_then(Option::as_ref)
                .map_or("", |n| n.key.as_str())
        })?;
        Ok(CollabGraph {
            live_nodes: nodes.len(),
            live_edges: m,
            nodes,
            edges,
            keys: index,
            ..CollabGraph::default()
        })
    }
}

fn check_sizes(n: usize, m: usize) -> Result<()> {
    for (what, len) in [("number of node ids", n), ("number of edge ids", m)] {
        if len >= u32::MAX as usize {
            return Err(Error::LimitExceeded {
                what: what.into(),
                limit: u64::from(u32::MAX - 1),
                actual: len as u64,
                hint: "split the programme into several graphs".into(),
            });
        }
    }
    Ok(())
}

fn check_edge(kinds: &[NodeKind], r: Relation, s: u32, t: u32, j: usize) -> Result<()> {
    let n = kinds.len();
    let (Some(&sk), Some(&tk)) = (kinds.get(s as usize), kinds.get(t as usize)) else {
        let bad = if (s as usize) >= n { s } else { t };
        return Err(Error::invalid(
            format!("edges[{j}]"),
            format!(
                "refers to entity index {bad}, but there are only {n} entities (indices 0..{n})"
            ),
        ));
    };
    r.check(sk, tk).map_err(|e| e.at(&at_index("edges", j)))
}

/// Refuses `part_of` cycles (Kahn's algorithm on the `part_of` sub-graph).
fn check_part_of<'k>(pairs: &[(u32, u32)], key: impl Fn(u32) -> &'k str) -> Result<()> {
    if pairs.is_empty() {
        return Ok(());
    }
    let mut ids: Vec<u32> = pairs.iter().flat_map(|&(s, t)| [s, t]).collect();
    ids.sort_unstable();
    ids.dedup();
    let pos = |x: u32| ids.binary_search(&x).unwrap_or(0);
    let mut indeg = vec![0u32; ids.len()];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    for &(s, t) in pairs {
        out[pos(s)].push(pos(t));
        indeg[pos(t)] += 1;
    }
    let mut stack: Vec<usize> = (0..ids.len()).filter(|&i| indeg[i] == 0).collect();
    let mut done = 0;
    while let Some(v) = stack.pop() {
        done += 1;
        for &w in &out[v] {
            indeg[w] -= 1;
            if indeg[w] == 0 {
                stack.push(w);
            }
        }
    }
    if done == ids.len() {
        return Ok(());
    }
    let stuck = (0..ids.len()).find(|&i| indeg[i] > 0).map_or(0, |i| ids[i]);
    Err(Error::invalid(
        "part_of",
        format!(
            "region {:?} is part of itself through a cycle of part_of relations; remove one of them",
            key(stuck)
        ),
    ))
}

/// A graph's structure as parallel arrays (kinds and keys per entity; source, target,
/// relation and weight per relation), indexed densely in id order. The input of
/// [`CollabGraph::from_arrays`], and the form benchmarks hand to other graph libraries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GraphArrays {
    /// Kind of each entity.
    pub kinds: Vec<NodeKind>,
    /// Key of each entity.
    pub keys: Vec<String>,
    /// Source entity index of each relation.
    pub sources: Vec<u32>,
    /// Target entity index of each relation.
    pub targets: Vec<u32>,
    /// Kind of each relation.
    pub relations: Vec<Relation>,
    /// Weight of each relation.
    pub weights: Vec<f32>,
}

impl GraphArrays {
    /// The arrays of a graph's live entities and relations (entities renumbered densely in id
    /// order; names, data and attributes left out). O(n + m).
    pub fn of(g: &CollabGraph) -> GraphArrays {
        let mut dense = vec![u32::MAX; g.node_bound()];
        let mut kinds = Vec::with_capacity(g.node_count());
        let mut keys = Vec::with_capacity(g.node_count());
        for (id, n) in g.nodes() {
            dense[id.index()] = kinds.len() as u32;
            kinds.push(n.kind());
            keys.push(n.key.clone());
        }
        let m = g.edge_count();
        let mut a = GraphArrays {
            kinds,
            keys,
            sources: Vec::with_capacity(m),
            targets: Vec::with_capacity(m),
            relations: Vec::with_capacity(m),
            weights: Vec::with_capacity(m),
        };
        for (_, e) in g.edges() {
            a.sources.push(dense[e.source.index()]);
            a.targets.push(dense[e.target.index()]);
            a.relations.push(e.relation);
            a.weights.push(e.weight);
        }
        a
    }

    /// Builds the graph ([`CollabGraph::from_arrays`]), consuming the keys.
    pub fn into_graph(self) -> Result<CollabGraph> {
        CollabGraph::from_arrays(
            &self.kinds,
            self.keys,
            &self.sources,
            &self.targets,
            &self.relations,
            Some(&self.weights),
        )
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::graph::Direction;

    const KINDS: &[NodeKind] = &[
        NodeKind::Expert,
        NodeKind::Society,
        NodeKind::Enterprise,
        NodeKind::Region,
        NodeKind::Demand,
    ];

    /// Random arrays whose relations are all allowed (disallowed draws are dropped).
    fn arrays() -> impl Strategy<Value = GraphArrays> {
        (1usize..30)
            .prop_flat_map(|n| {
                (
                    proptest::collection::vec(0..KINDS.len(), n),
                    proptest::collection::vec(
                        (0..n as u32, 0..n as u32, 0..Relation::COUNT, 0u8..5),
                        0..80,
                    ),
                )
            })
            .prop_map(|(kinds, raw)| {
                let kinds: Vec<NodeKind> = kinds.into_iter().map(|k| KINDS[k]).collect();
                let mut a = GraphArrays {
                    keys: (0..kinds.len()).map(|i| format!("k:{i}")).collect(),
                    kinds,
                    ..GraphArrays::default()
                };
                for (s, t, r, w) in raw {
                    let r = Relation::ALL[r];
                    // part_of is left out: random pairs would make cycles
                    if r != Relation::PartOf && r.allows(a.kinds[s as usize], a.kinds[t as usize]) {
                        a.sources.push(s);
                        a.targets.push(t);
                        a.relations.push(r);
                        a.weights.push(f32::from(w));
                    }
                }
                a
            })
    }

    fn incremental(a: &GraphArrays) -> CollabGraph {
        let mut g = CollabGraph::new();
        for (k, key) in a.kinds.iter().zip(&a.keys) {
            g.add_node(Node::new(key.clone(), *k, "")).unwrap();
        }
        for j in 0..a.sources.len() {
            let e = Edge::new(
                a.relations[j],
                NodeId::new(a.sources[j]),
                NodeId::new(a.targets[j]),
            )
            .with_weight(a.weights[j]);
            g.add_edge(e).unwrap();
        }
        g
    }

    fn neighbourhoods(g: &CollabGraph) -> Vec<Vec<NodeId>> {
        g.nodes()
            .map(|(id, _)| g.neighbors(id, None, Direction::Both).collect())
            .collect()
    }

    proptest! {
        #[test]
        fn bulk_equals_incremental(a in arrays()) {
            let bulk = a.clone().into_graph().unwrap();
            let inc = incremental(&a);
            prop_assert_eq!(&bulk, &inc);
            prop_assert_eq!(&*bulk.frozen(), &*inc.frozen());
            prop_assert_eq!(&GraphArrays::of(&bulk), &a);
            // the lazily built incident lists agree, before and after mutations
            let mut bulk = bulk;
            let mut inc = inc;
            prop_assert_eq!(neighbourhoods(&bulk), neighbourhoods(&inc));
            let mut bulk2 = a.clone().into_graph().unwrap(); // mutated before any query
            for g in [&mut bulk, &mut inc, &mut bulk2] {
                let x = g.add_node(Node::new("new", NodeKind::Expert, "")).unwrap();
                let society = g.nodes_of(NodeKind::Society).next().map(|(s, _)| s);
                if let Some(s) = society {
                    g.add_edge(Edge::new(Relation::MemberOf, x, s)).unwrap();
                }
                g.remove_node(NodeId::new(0)).unwrap();
            }
            prop_assert_eq!(neighbourhoods(&bulk), neighbourhoods(&inc));
            prop_assert_eq!(neighbourhoods(&bulk2), neighbourhoods(&inc));
            prop_assert_eq!(&*bulk2.frozen(), &*inc.frozen());
        }
    }

    fn two() -> (Vec<NodeKind>, Vec<String>) {
        (
            vec![NodeKind::Expert, NodeKind::Society],
            vec!["x:0".into(), "s:0".into()],
        )
    }

    #[test]
    fn errors_name_the_index() {
        let (k, keys) = two();
        let r = [Relation::MemberOf, Relation::MemberOf];
        let e = CollabGraph::from_arrays(&k, keys.clone(), &[0, 0], &[1], &r, None).unwrap_err();
        assert_eq!(e.code(), "invalid_value");
        let e = CollabGraph::from_arrays(&k, keys.clone(), &[0, 0], &[1, 7], &r, None).unwrap_err();
        assert!(
            e.to_string().contains("edges[1]") && e.to_string().contains("7"),
            "{e}"
        );
        let e = CollabGraph::from_arrays(&k, keys.clone(), &[0, 1], &[1, 0], &r, None).unwrap_err();
        assert_eq!(e.code(), "relation_not_allowed");
        assert!(e.to_string().contains("edges[1]"), "{e}");
        let e = CollabGraph::from_arrays(&k, keys.clone(), &[0], &[1], &r[..1], Some(&[-1.0]))
            .unwrap_err();
        assert!(e.to_string().contains("edges[0].weight"), "{e}");
        let e = CollabGraph::from_arrays(&k, vec!["a".into(), "a".into()], &[], &[], &[], None)
            .unwrap_err();
        assert_eq!(e.code(), "duplicate_key");
        assert!(e.to_string().contains("keys[1]"), "{e}");
        let e = CollabGraph::from_arrays(&k, vec!["a".into(), " ".into()], &[], &[], &[], None)
            .unwrap_err();
        assert_eq!(e.code(), "invalid_value");
        assert!(e.to_string().contains("keys[1]"), "{e}");
        let e = CollabGraph::from_arrays(&k, keys[..1].to_vec(), &[], &[], &[], None).unwrap_err();
        assert!(e.to_string().contains("one key per entity"), "{e}");
    }

    #[test]
    fn part_of_cycles_are_refused() {
        let k = [NodeKind::Region; 3];
        let keys: Vec<String> = ["r:a", "r:b", "r:c"].map(String::from).to_vec();
        let p = [Relation::PartOf; 3];
        assert!(
            CollabGraph::from_arrays(&k, keys.clone(), &[0, 1], &[1, 2], &p[..2], None).is_ok()
        );
        let e = CollabGraph::from_arrays(&k, keys, &[0, 1, 2], &[1, 2, 0], &p, None).unwrap_err();
        assert!(e.to_string().contains("cycle"), "{e}");
        let nodes = vec![Node::new("r:a", NodeKind::Region, "")];
        let e = CollabGraph::from_parts(
            nodes,
            vec![Edge::new(Relation::PartOf, NodeId::new(0), NodeId::new(0))],
        )
        .unwrap_err();
        assert!(e.to_string().contains("part of itself"), "{e}");
    }

    #[test]
    fn from_parts_checks_nodes_and_edges() {
        let nodes = vec![
            Node::new("x", NodeKind::Expert, ""),
            Node::new("x", NodeKind::Society, ""),
        ];
        assert_eq!(
            CollabGraph::from_parts(nodes, vec![]).unwrap_err().code(),
            "duplicate_key"
        );
        let nodes = vec![Node::new("x", NodeKind::Expert, "")];
        let e = CollabGraph::from_parts(
            nodes,
            vec![Edge::new(
                Relation::Collaborated,
                NodeId::new(0),
                NodeId::new(3),
            )],
        )
        .unwrap_err();
        assert!(e.to_string().contains("edges[0]"), "{e}");
    }
}
