//! The frozen, compact, read-only view of a [`CollabGraph`].

use super::CollabGraph;
use crate::model::{NodeId, NodeKind, Relation};

/// A compressed sparse row (CSR) snapshot of the graph for algorithms.
///
/// Live entities are numbered densely `0..node_count()` in id order ("dense index"). For each
/// node, its outgoing and its incoming edges are stored contiguously, sorted by relation kind
/// and then by the other end's dense index, so the edges of one relation kind are a contiguous
/// sub-slice ([`Adjacency::of`]). Memory: about 9 bytes per edge per direction plus 12 bytes per
/// node; no per-edge heap allocation.
///
/// The view is immutable, `Send + Sync`, and shared through an `Arc`; editing the
/// [`CollabGraph`] builds a new view on next use and never changes one already handed out.
#[derive(Debug, Clone, PartialEq)]
pub struct FrozenGraph {
    ids: Vec<NodeId>,
    dense: Vec<u32>,
    kinds: Vec<NodeKind>,
    out: Csr,
    inc: Csr,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Csr {
    offsets: Vec<u32>,
    other: Vec<u32>,
    weights: Vec<f32>,
    relations: Vec<Relation>,
}

/// The edges of one node in one direction, as parallel slices sorted by relation, then by the
/// other end's dense index.
#[derive(Debug, Clone, Copy)]
pub struct Adjacency<'a> {
    /// Dense index of the other end of each edge.
    pub nodes: &'a [u32],
    /// Weight of each edge.
    pub weights: &'a [f32],
    /// Relation of each edge.
    pub relations: &'a [Relation],
}

impl<'a> Adjacency<'a> {
    /// Number of edges.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True if there are none.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The sub-slice of edges of one relation kind (a binary search, O(log degree)).
    pub fn of(&self, relation: Relation) -> Adjacency<'a> {
        let lo = self.relations.partition_point(|&r| r < relation);
        let hi = self.relations.partition_point(|&r| r <= relation);
        Adjacency {
            nodes: &self.nodes[lo..hi],
            weights: &self.weights[lo..hi],
            relations: &self.relations[lo..hi],
        }
    }

    /// `(other end, weight, relation)` triples.
    pub fn iter(&self) -> impl Iterator<Item = (u32, f32, Relation)> + 'a {
        let (n, w, r) = (self.nodes, self.weights, self.relations);
        (0..n.len()).map(move |i| (n[i], w[i], r[i]))
    }
}

impl Csr {
    /// Counting sort by owner straight into the final arrays, then each owner's segment sorted
    /// by (relation, other end, weight). `edges` is called twice (count, place) and yields
    /// `(owner, other, relation, weight)`; no O(m) temporary besides the result.
    fn build<I>(n: usize, m: usize, edges: impl Fn() -> I) -> Csr
    where
        I: Iterator<Item = (u32, u32, Relation, f32)>,
    {
        let mut offsets = vec![0u32; n + 1];
        for e in edges() {
            offsets[e.0 as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut other = vec![0u32; m];
        let mut weights = vec![0f32; m];
        let mut relations = vec![Relation::LocatedIn; m];
        let mut cursor: Vec<u32> = offsets[..n].to_vec();
        for (o, x, r, w) in edges() {
            let c = &mut cursor[o as usize];
            let at = *c as usize;
            other[at] = x;
            weights[at] = w;
            relations[at] = r;
            *c += 1;
        }
        drop(cursor);
        let mut seg: Vec<(Relation, u32, f32)> = Vec::new();
        for v in 0..n {
            let (lo, hi) = (offsets[v] as usize, offsets[v + 1] as usize);
            if hi - lo < 2 {
                continue;
            }
            seg.clear();
            seg.extend((lo..hi).map(|i| (relations[i], other[i], weights[i])));
            seg.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(a.2.total_cmp(&b.2)));
            for (i, &(r, o, w)) in (lo..hi).zip(&seg) {
                relations[i] = r;
                other[i] = o;
                weights[i] = w;
            }
        }
        Csr {
            offsets,
            other,
            weights,
            relations,
        }
    }

    fn adj(&self, v: u32) -> Adjacency<'_> {
        let (lo, hi) = (
            self.offsets[v as usize] as usize,
            self.offsets[v as usize + 1] as usize,
        );
        Adjacency {
            nodes: &self.other[lo..hi],
            weights: &self.weights[lo..hi],
            relations: &self.relations[lo..hi],
        }
    }

    fn bytes(&self) -> usize {
        self.offsets.capacity() * 4
            + self.other.capacity() * 4
            + self.weights.capacity() * 4
            + self.relations.capacity()
    }
}

impl FrozenGraph {
    /// Builds the view of a graph by counting sort straight into the CSR arrays (no per-edge
    /// temporary). O(n + m log d) time, where d is the largest degree;
    /// O(n + m) space.
    pub fn build(g: &CollabGraph) -> FrozenGraph {
        let mut dense = vec![u32::MAX; g.node_bound()];
        let mut ids = Vec::with_capacity(g.node_count());
        let mut kinds = Vec::with_capacity(g.node_count());
        for (id, node) in g.nodes() {
            dense[id.index()] = ids.len() as u32;
            ids.push(id);
            kinds.push(node.kind());
        }
        let n = ids.len();
        let m = g.edge_count();
        // with no removed entities, dense indices are the ids themselves
        let identity = n == g.node_bound();
        let dense_ref = &dense;
        let ends = move |e: &crate::model::Edge| {
            if identity {
                (e.source.get(), e.target.get())
            } else {
                (dense_ref[e.source.index()], dense_ref[e.target.index()])
            }
        };
        let out = || {
            Csr::build(n, m, || {
                g.edges().map(move |(_, e)| {
                    let (s, t) = ends(e);
                    (s, t, e.relation, e.weight)
                })
            })
        };
        let inc = || {
            Csr::build(n, m, || {
                g.edges().map(move |(_, e)| {
                    let (s, t) = ends(e);
                    (t, s, e.relation, e.weight)
                })
            })
        };
        // the two directions are independent: build them on two threads when allowed
        #[cfg(feature = "parallel")]
        let (out, inc) = rayon::join(out, inc);
        #[cfg(not(feature = "parallel"))]
        let (out, inc) = (out(), inc());
        FrozenGraph {
            ids,
            dense,
            kinds,
            out,
            inc,
        }
    }

    /// Number of entities.
    pub fn node_count(&self) -> usize {
        self.ids.len()
    }

    /// Number of relations.
    pub fn edge_count(&self) -> usize {
        self.out.other.len()
    }

    /// Dense index of an entity, `None` if it did not exist when the view was built.
    pub fn dense(&self, id: NodeId) -> Option<u32> {
        self.dense
            .get(id.index())
            .copied()
            .filter(|&d| d != u32::MAX)
    }

    /// The entity id of a dense index.
    ///
    /// # Panics
    /// If `dense >= node_count()` (dense indices come from this view, never from the user).
    pub fn id(&self, dense: u32) -> NodeId {
        self.ids[dense as usize]
    }

    /// Entity ids in dense order.
    pub fn ids(&self) -> &[NodeId] {
        &self.ids
    }

    /// Kind of the entity at a dense index.
    pub fn kind(&self, dense: u32) -> NodeKind {
        self.kinds[dense as usize]
    }

    /// Kinds in dense order.
    pub fn kinds(&self) -> &[NodeKind] {
        &self.kinds
    }

    /// Outgoing edges of a dense index.
    pub fn out(&self, dense: u32) -> Adjacency<'_> {
        self.out.adj(dense)
    }

    /// Incoming edges of a dense index.
    pub fn inc(&self, dense: u32) -> Adjacency<'_> {
        self.inc.adj(dense)
    }

    /// Out-degree plus in-degree.
    pub fn degree(&self, dense: u32) -> usize {
        self.out(dense).len() + self.inc(dense).len()
    }

    /// Raw outgoing CSR arrays `(offsets, targets, weights, relations)` for algorithms that
    /// stream over all edges.
    pub fn out_csr(&self) -> (&[u32], &[u32], &[f32], &[Relation]) {
        (
            &self.out.offsets,
            &self.out.other,
            &self.out.weights,
            &self.out.relations,
        )
    }

    /// Raw incoming CSR arrays `(offsets, sources, weights, relations)`.
    pub fn in_csr(&self) -> (&[u32], &[u32], &[f32], &[Relation]) {
        (
            &self.inc.offsets,
            &self.inc.other,
            &self.inc.weights,
            &self.inc.relations,
        )
    }

    /// Heap bytes held by the view.
    pub fn heap_bytes(&self) -> usize {
        self.ids.capacity() * 4
            + self.dense.capacity() * 4
            + self.kinds.capacity()
            + self.out.bytes()
            + self.inc.bytes()
    }
}
