//! Brokerage: Burt's constraint and effective size, and degree / strength by relation kind.

use serde::{Deserialize, Serialize};

use super::betweenness::OutCsr;
use crate::error::Result;
use crate::graph::{Direction, FrozenGraph};
use crate::model::Relation;

/// Burt's structural-hole measures of every node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brokerage {
    /// Constraint `c(v)`; `NaN` for nodes without neighbours (undefined, as in networkx).
    /// Low constraint = a broker between otherwise unconnected contacts.
    pub constraint: Vec<f64>,
    /// Effective size `e(v)` (non-redundant contacts); `NaN` for nodes without neighbours.
    pub effective_size: Vec<f64>,
}

impl Brokerage {
    /// `(constraint, effective size)` of node `i`.
    pub fn get(&self, i: usize) -> Option<(f64, f64)> {
        Some((*self.constraint.get(i)?, *self.effective_size.get(i)?))
    }
}

/// The symmetric "mutual weight" adjacency `m(u, v) = a(u, v) + a(v, u)` (self-loops dropped,
/// parallel edges summed), rows sorted by neighbour.
struct Mutual {
    offsets: Vec<usize>,
    nbr: Vec<u32>,
    w: Vec<f64>,
    sum: Vec<f64>,
    max: Vec<f64>,
}

impl Mutual {
    fn build(g: &OutCsr<'_>) -> Mutual {
        let n = g.node_count();
        let mut rows: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
        for u in 0..n {
            for e in g.offsets[u] as usize..g.offsets[u + 1] as usize {
                let v = g.targets[e];
                if v as usize == u {
                    continue;
                }
                let w = g.weights.map_or(1.0, |w| f64::from(w[e]));
                rows[u].push((v, w));
                rows[v as usize].push((u as u32, w));
            }
        }
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        let (mut nbr, mut ws) = (Vec::new(), Vec::new());
        let (mut sum, mut max) = (vec![0.0; n], vec![0.0f64; n]);
        for (u, row) in rows.iter_mut().enumerate() {
            row.sort_unstable_by_key(|x| x.0);
            let start = nbr.len();
            for &(v, w) in row.iter() {
                if nbr.len() > start && nbr.last() == Some(&v) {
                    if let Some(last) = ws.last_mut() {
                        *last += w;
                    }
                } else {
                    nbr.push(v);
                    ws.push(w);
                }
            }
            for &w in &ws[start..] {
                sum[u] += w;
                max[u] = max[u].max(w);
            }
            offsets.push(nbr.len());
        }
        Mutual {
            offsets,
            nbr,
            w: ws,
            sum,
            max,
        }
    }

    fn row(&self, u: usize) -> (&[u32], &[f64]) {
        let r = self.offsets[u]..self.offsets[u + 1];
        (&self.nbr[r.clone()], &self.w[r])
    }

    /// Σ over w ∈ N(a) ∩ N(b) of f(m(a, w), m(b, w), w), by merging the sorted rows.
    fn common(&self, a: usize, b: usize, mut f: impl FnMut(f64, f64, usize) -> f64) -> f64 {
        let (na, wa) = self.row(a);
        let (nb, wb) = self.row(b);
        let (mut i, mut j, mut s) = (0, 0, 0.0);
        while i < na.len() && j < nb.len() {
            match na[i].cmp(&nb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += f(wa[i], wb[j], na[i] as usize);
                    i += 1;
                    j += 1;
                }
            }
        }
        s
    }

    fn node(&self, u: usize) -> (f64, f64) {
        let (nu, wu) = self.row(u);
        if nu.is_empty() || self.sum[u] == 0.0 {
            return (f64::NAN, f64::NAN);
        }
        let su = self.sum[u];
        let (mut c, mut e) = (0.0, 0.0);
        for (&v, &muv) in nu.iter().zip(wu) {
            let v = v as usize;
            let p_uv = muv / su;
            // Σ_w p_uw p_wv over common neighbours w of u and v
            let indirect = self.common(u, v, |muw, mvw, w| {
                let sw = self.sum[w];
                if sw == 0.0 {
                    0.0
                } else {
                    (muw / su) * (mvw / sw)
                }
            });
            c += (p_uv + indirect) * (p_uv + indirect);
            // redundancy: Σ_w p_uw m_vw / max_v
            let mv = self.max[v];
            let red = if mv == 0.0 {
                0.0
            } else {
                self.common(u, v, |muw, mvw, _| (muw / su) * (mvw / mv))
            };
            e += 1.0 - red;
        }
        (c, e)
    }
}

/// Burt's constraint and effective size over raw out-CSR arrays, exactly as networkx's
/// `constraint(G, weight)` and `effective_size(G, weight)` define them.
///
/// With mutual weights `m(u, v) = a(u, v) + a(v, u)` over all neighbours (predecessors and
/// successors), `p(u, v) = m(u, v) / Σ_w m(u, w)`:
/// `c(u) = Σ_{v ∈ N(u)} (p(u, v) + Σ_w p(u, w) p(w, v))²` and
/// `e(u) = Σ_{v ∈ N(u)} (1 − Σ_w p(u, w) m(v, w) / max_x m(v, x))`. Nodes without neighbours
/// get `NaN`. Self-loops are ignored (networkx counts them in the sums; avoid them).
///
/// # Arguments
/// * `g` — out-edges with optional weights (`None` = 1). An undirected graph may be given with
///   one or both directions of each edge: the measures depend only on ratios of mutual weights.
///
/// # Returns
/// [`Brokerage`] per node. Errors: `invalid_value` for malformed arrays.
///
/// # Complexity
/// O(m log m) to build the mutual adjacency, then O(Σ_u Σ_{v ∈ N(u)} (d(u) + d(v))) ≤
/// O(m · d_max) time; O(n + m) space. Nodes are spread over rayon's threads with `parallel`.
///
/// # Example
/// ```
/// use kechuang::impact::{brokerage_csr, OutCsr};
/// // a star: 0 is joined to 1, 2, 3, which are not joined to each other
/// let g = OutCsr { offsets: &[0, 3, 3, 3, 3], targets: &[1, 2, 3], weights: None };
/// let b = brokerage_csr(g)?;
/// assert!((b.effective_size[0] - 3.0).abs() < 1e-12);  // three non-redundant contacts
/// assert!((b.constraint[0] - 1.0 / 3.0).abs() < 1e-12);
/// assert!((b.constraint[1] - 1.0).abs() < 1e-12);      // a leaf depends on its one contact
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// R. S. Burt, *Structural Holes: The Social Structure of Competition*, Harvard UP 1992;
/// S. P. Borgatti, "Structural holes: unpacking Burt's redundancy measures", Connections 20(1),
/// 1997; networkx `algorithms/structuralholes.py`.
pub fn brokerage_csr(g: OutCsr<'_>) -> Result<Brokerage> {
    g.validate()?;
    let m = Mutual::build(&g);
    let n = g.node_count();
    #[cfg(feature = "parallel")]
    let both: Vec<(f64, f64)> = {
        use rayon::prelude::*;
        (0..n).into_par_iter().map(|u| m.node(u)).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let both: Vec<(f64, f64)> = (0..n).map(|u| m.node(u)).collect();
    let (constraint, effective_size) = both.into_iter().unzip();
    Ok(Brokerage {
        constraint,
        effective_size,
    })
}

/// Degree and strength (sum of weights) of every node over a set of relation kinds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DegreeTable {
    /// The relations counted (empty = all).
    pub relations: Vec<Relation>,
    /// The direction counted.
    pub direction: Direction,
    /// Number of edges per node (dense index).
    pub degree: Vec<u32>,
    /// Sum of edge weights per node.
    pub strength: Vec<f64>,
}

/// Degree and strength of every entity of a frozen view, over some relation kinds.
///
/// # Arguments
/// * `g` — the frozen view.
/// * `relations` — relation kinds to count; empty = all.
/// * `direction` — out-edges, in-edges or both.
///
/// # Returns
/// A [`DegreeTable`] indexed by dense index.
///
/// # Complexity
/// O(n · r · log d + counted edges) time with r = `relations.len()` (each relation is a
/// contiguous slice found by binary search); O(n) space.
///
/// # Example
/// ```
/// use kechuang::graph::{CollabGraph, Direction};
/// use kechuang::model::{Node, NodeKind, Relation};
/// use kechuang::impact::relation_degrees;
/// let mut g = CollabGraph::new();
/// for k in ["x:a", "x:b", "x:c"] {
///     g.add_node(Node::new(k, NodeKind::Expert, k))?;
/// }
/// g.connect(Relation::Collaborated, "x:a", "x:b")?;
/// g.connect(Relation::Collaborated, "x:c", "x:a")?;
/// let f = g.frozen();
/// let t = relation_degrees(&f, &[Relation::Collaborated], Direction::Both);
/// assert_eq!(t.degree[f.dense(g.resolve("x:a")?).unwrap() as usize], 2);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Opsahl, Agneessens & Skvoretz, "Node centrality in weighted networks", Social Networks 32,
/// 2010 (strength).
pub fn relation_degrees(
    g: &FrozenGraph,
    relations: &[Relation],
    direction: Direction,
) -> DegreeTable {
    let n = g.node_count();
    let mut degree = vec![0u32; n];
    let mut strength = vec![0.0; n];
    for v in 0..n {
        let mut add = |a: crate::graph::Adjacency<'_>| {
            let mut count = |a: crate::graph::Adjacency<'_>| {
                degree[v] += a.len() as u32;
                strength[v] += a.weights.iter().map(|&w| f64::from(w)).sum::<f64>();
            };
            if relations.is_empty() {
                count(a);
            } else {
                for &r in relations {
                    count(a.of(r));
                }
            }
        };
        if matches!(direction, Direction::Out | Direction::Both) {
            add(g.out(v as u32));
        }
        if matches!(direction, Direction::In | Direction::Both) {
            add(g.inc(v as u32));
        }
    }
    DegreeTable {
        relations: relations.to_vec(),
        direction,
        degree,
        strength,
    }
}
