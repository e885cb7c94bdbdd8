//! PageRank: weighted, personalised, with per-relation transition weights.
//!
//! Two entry points share one kernel:
//! * [`pagerank_csr`] over raw in-CSR arrays (any graph, e.g. a 10-million-edge benchmark);
//! * [`pagerank`] over a [`FrozenGraph`], with per-relation weights and a choice of which
//!   relations are followed both ways.
//!
//! The kernel is *pull-based*: node `v` sums `x[u] / out_strength(u) · w(u→v)` over its
//! in-edges, reading the in-CSR once per iteration in order (streaming) and the score vector at
//! random. `x[u] / out_strength(u)` is precomputed once per node and iteration, so the edge loop
//! is one load, one multiply and one add per edge (no multiply at all for unweighted graphs).
//! Sums are in `f64`. Convergence is tested on the **total** L1 change `Σ|x' − x|`, not a
//! per-node tolerance (networkx and rustworkx stop when the total change is below `n · tol`,
//! which lets a million-node graph stop after one step). Blocks of nodes are processed in a
//! fixed order and their partial sums are added in block order, so the result is bit-identical
//! with and without the `parallel` feature and across thread counts.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::FrozenGraph;
use crate::model::{NodeId, Relation};

/// Options of the power iteration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct PageRankOptions {
    /// Damping factor: the probability of following an edge rather than restarting; in `[0, 1)`.
    /// Default 0.85.
    pub alpha: f64,
    /// Stop when the total L1 change of the score vector in one iteration is below this.
    /// Default 1e-10.
    pub tol: f64,
    /// Stop after this many iterations even if not converged (the result then says
    /// `converged: false`). Default 1000.
    pub max_iter: usize,
}

impl Default for PageRankOptions {
    fn default() -> Self {
        PageRankOptions {
            alpha: 0.85,
            tol: 1e-10,
            max_iter: 1000,
        }
    }
}

/// PageRank scores, indexed like the graph they were computed on (dense index for a
/// [`FrozenGraph`], row index for raw CSR arrays).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageRank {
    /// Score of each node; the scores sum to 1 (for a non-empty graph).
    pub scores: Vec<f64>,
    /// Iterations performed.
    pub iterations: usize,
    /// True if the total L1 change fell below `tol` within `max_iter` iterations.
    pub converged: bool,
    /// Total L1 change in the last iteration.
    pub residual: f64,
}

impl PageRank {
    /// Score of node `i` (`None` if out of range).
    pub fn get(&self, i: usize) -> Option<f64> {
        self.scores.get(i).copied()
    }

    /// The `k` highest-scoring nodes, best first, ties broken by the smaller index.
    pub fn top(&self, k: usize) -> Vec<(u32, f64)> {
        super::top_k(&self.scores, k)
    }
}

/// Raw in-CSR arrays: the in-edges of node `v` are `sources[offsets[v]..offsets[v + 1]]`
/// (edge `u → v` for each `u` listed), with optional parallel `weights` (≥ 0, finite;
/// `None` = all 1). Duplicate edges add up, like a multigraph.
#[derive(Debug, Clone, Copy)]
pub struct InCsr<'a> {
    /// `n + 1` offsets into `sources`, non-decreasing, last = `sources.len()`.
    pub offsets: &'a [u32],
    /// Source node of each in-edge.
    pub sources: &'a [u32],
    /// Weight of each in-edge, or `None` for unweighted.
    pub weights: Option<&'a [f32]>,
}

impl InCsr<'_> {
    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Checks the arrays; O(n + m).
    pub fn validate(&self) -> Result<()> {
        if self.offsets.is_empty() {
            return Err(Error::invalid(
                "offsets",
                "must hold n + 1 entries (at least [0]); pass [0] for an empty graph",
            ));
        }
        let n = self.node_count();
        if self.offsets[0] != 0 || self.offsets.windows(2).any(|w| w[0] > w[1]) {
            return Err(Error::invalid(
                "offsets",
                "must start at 0 and never decrease",
            ));
        }
        if self.offsets[n] as usize != self.sources.len() {
            return Err(Error::invalid(
                "offsets",
                format!(
                    "last offset is {} but there are {} sources; they must be equal",
                    self.offsets[n],
                    self.sources.len()
                ),
            ));
        }
        if let Some(&bad) = self.sources.iter().find(|&&s| s as usize >= n) {
            return Err(Error::invalid(
                "sources",
                format!("node {bad} is out of range for {n} nodes"),
            ));
        }
        if let Some(w) = self.weights {
            if w.len() != self.sources.len() {
                return Err(Error::invalid(
                    "weights",
                    format!(
                        "{} weights for {} edges; give one weight per edge",
                        w.len(),
                        self.sources.len()
                    ),
                ));
            }
            if let Some(x) = w.iter().find(|x| !x.is_finite() || **x < 0.0) {
                return Err(Error::invalid(
                    "weights",
                    format!("{x} is not a finite weight ≥ 0"),
                ));
            }
        }
        Ok(())
    }
}

/// Checks a distribution over `n` nodes and scales it to sum 1.
fn distribution(name: &str, v: &[f64], n: usize) -> Result<Vec<f64>> {
    if v.len() != n {
        return Err(Error::invalid(
            name,
            format!("{} values for {n} nodes; give one value per node", v.len()),
        ));
    }
    if let Some(x) = v.iter().find(|x| !x.is_finite() || **x < 0.0) {
        return Err(Error::invalid(
            name,
            format!("{x} is not a finite value ≥ 0"),
        ));
    }
    let s: f64 = v.iter().sum();
    if s <= 0.0 {
        return Err(Error::invalid(
            name,
            "all values are 0; give at least one positive value",
        ));
    }
    Ok(v.iter().map(|x| x / s).collect())
}

/// Nodes per block: blocks are the unit of parallel work and of the fixed summation order.
const BLOCK: usize = 4096;

/// PageRank by power iteration over raw in-CSR arrays.
///
/// Iterates `x' = α (xᵀ P + (Σ_{dangling} x) d) + (1 − α) p` where `P` is the weighted
/// transition matrix (row `u` = out-weights of `u` divided by its out-strength), `p` the restart
/// distribution and `d` the dangling distribution — exactly networkx's `pagerank` semantics
/// (a node is dangling when its out-strength is 0; its mass jumps by `d`, which defaults to `p`),
/// except that convergence is tested on the total L1 change (see the module docs).
///
/// # Arguments
/// * `csr` — the in-edges of every node (see [`InCsr`]).
/// * `opts` — damping, tolerance, iteration limit.
/// * `restart` — restart (personalisation) weights, one per node, scaled to sum 1; `None` =
///   uniform.
/// * `dangling` — where dangling nodes' mass goes, one weight per node; `None` = `restart`.
/// * `progress` — called after each iteration with `(iteration, max_iter)`; return `false` to
///   stop with [`Error::Cancelled`].
///
/// # Returns
/// [`PageRank`] with one score per node (summing to 1), iterations, residual and whether it
/// converged. An empty graph gives empty scores. Errors: `invalid_value` for malformed arrays,
/// `alpha` outside `[0, 1)`, a negative or all-zero distribution; `cancelled`.
///
/// # Complexity
/// O((n + m) · iterations) time; O(n) extra space (four `f64` vectors) plus O(n) for the
/// out-strengths. With the `parallel` feature the node blocks are spread over rayon's threads.
///
/// # Example
/// ```
/// use kechuang::impact::{pagerank_csr, InCsr, PageRankOptions};
/// // 0 → 1, 1 → 2, 2 → 0, 2 → 1: in-edges of 0: [2]; of 1: [0, 2]; of 2: [1]
/// let csr = InCsr { offsets: &[0, 1, 3, 4], sources: &[2, 0, 2, 1], weights: None };
/// let pr = pagerank_csr(csr, &PageRankOptions::default(), None, None, None)?;
/// assert!(pr.converged);
/// assert!((pr.scores.iter().sum::<f64>() - 1.0).abs() < 1e-12);
/// assert_eq!(pr.top(1)[0].0, 1);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Page, Brin, Motwani & Winograd, "The PageRank citation ranking: bringing order to the web",
/// Stanford InfoLab 1999; networkx `pagerank` (dangling and personalisation semantics).
pub fn pagerank_csr(
    csr: InCsr<'_>,
    opts: &PageRankOptions,
    restart: Option<&[f64]>,
    dangling: Option<&[f64]>,
    progress: Option<&mut dyn FnMut(usize, usize) -> bool>,
) -> Result<PageRank> {
    csr.validate()?;
    if !(0.0..1.0).contains(&opts.alpha) {
        return Err(Error::invalid(
            "alpha",
            format!("{} is outside [0, 1); 0.85 is usual", opts.alpha),
        ));
    }
    if !opts.tol.is_finite() || opts.tol < 0.0 {
        return Err(Error::invalid(
            "tol",
            format!("{} is not a finite value ≥ 0", opts.tol),
        ));
    }
    let n = csr.node_count();
    let restart = restart.map(|r| distribution("restart", r, n)).transpose()?;
    let dangling = match dangling {
        Some(d) => Some(distribution("dangling", d, n)?),
        None => restart.clone(),
    };
    if n == 0 {
        return Ok(PageRank {
            scores: Vec::new(),
            iterations: 0,
            converged: true,
            residual: 0.0,
        });
    }
    // out-strengths from the in-CSR (scatter), then their inverses (0 for dangling nodes)
    let mut inv_out = vec![0.0f64; n];
    match csr.weights {
        Some(w) => {
            for (&s, &w) in csr.sources.iter().zip(w) {
                inv_out[s as usize] += f64::from(w);
            }
        }
        None => {
            for &s in csr.sources {
                inv_out[s as usize] += 1.0;
            }
        }
    }
    for x in inv_out.iter_mut() {
        *x = if *x > 0.0 { 1.0 / *x } else { 0.0 };
    }
    let kernel = Kernel {
        csr,
        inv_out: &inv_out,
        restart: restart.as_deref(),
        dangling: dangling.as_deref(),
        alpha: opts.alpha,
    };
    kernel.run(opts, progress)
}

struct Kernel<'a> {
    csr: InCsr<'a>,
    inv_out: &'a [f64],
    restart: Option<&'a [f64]>,
    dangling: Option<&'a [f64]>,
    alpha: f64,
}

impl Kernel<'_> {
    fn run(
        &self,
        opts: &PageRankOptions,
        mut progress: Option<&mut dyn FnMut(usize, usize) -> bool>,
    ) -> Result<PageRank> {
        let n = self.csr.node_count();
        let mut x = vec![1.0 / n as f64; n];
        let mut y: Vec<f64> = x.iter().zip(self.inv_out).map(|(a, b)| a * b).collect();
        let mut dsum: f64 = x
            .iter()
            .zip(self.inv_out)
            .filter(|(_, i)| **i == 0.0)
            .map(|(a, _)| a)
            .sum();
        let mut xn = vec![0.0f64; n];
        let mut yn = vec![0.0f64; n];
        let mut residual = f64::INFINITY;
        let mut iterations = 0;
        let mut converged = false;
        while iterations < opts.max_iter {
            iterations += 1;
            let (err, dnext) = self.step(&x, &y, dsum, &mut xn, &mut yn);
            std::mem::swap(&mut x, &mut xn);
            std::mem::swap(&mut y, &mut yn);
            dsum = dnext;
            residual = err;
            if let Some(p) = progress.as_mut()
                && !p(iterations, opts.max_iter)
            {
                return Err(Error::Cancelled);
            }
            if err < opts.tol {
                converged = true;
                break;
            }
        }
        Ok(PageRank {
            scores: x,
            iterations,
            converged,
            residual,
        })
    }

    /// One iteration: fills `xn`, `yn`; returns (total L1 change, dangling mass of `xn`).
    fn step(&self, x: &[f64], y: &[f64], dsum: f64, xn: &mut [f64], yn: &mut [f64]) -> (f64, f64) {
        let parts = self.blocks(x, y, dsum, xn, yn);
        parts
            .iter()
            .fold((0.0, 0.0), |(e, d), (pe, pd)| (e + pe, d + pd))
    }

    #[cfg(feature = "parallel")]
    fn blocks(
        &self,
        x: &[f64],
        y: &[f64],
        dsum: f64,
        xn: &mut [f64],
        yn: &mut [f64],
    ) -> Vec<(f64, f64)> {
        use rayon::prelude::*;
        if xn.len() < 4 * BLOCK {
            return self.blocks_seq(x, y, dsum, xn, yn);
        }
        xn.par_chunks_mut(BLOCK)
            .zip(yn.par_chunks_mut(BLOCK))
            .enumerate()
            .map(|(b, (xb, yb))| self.block(b * BLOCK, x, y, dsum, xb, yb))
            .collect()
    }

    #[cfg(not(feature = "parallel"))]
    fn blocks(
        &self,
        x: &[f64],
        y: &[f64],
        dsum: f64,
        xn: &mut [f64],
        yn: &mut [f64],
    ) -> Vec<(f64, f64)> {
        self.blocks_seq(x, y, dsum, xn, yn)
    }

    fn blocks_seq(
        &self,
        x: &[f64],
        y: &[f64],
        dsum: f64,
        xn: &mut [f64],
        yn: &mut [f64],
    ) -> Vec<(f64, f64)> {
        xn.chunks_mut(BLOCK)
            .zip(yn.chunks_mut(BLOCK))
            .enumerate()
            .map(|(b, (xb, yb))| self.block(b * BLOCK, x, y, dsum, xb, yb))
            .collect()
    }

    /// Nodes `start..start + xb.len()`.
    #[inline]
    fn block(
        &self,
        start: usize,
        x: &[f64],
        y: &[f64],
        dsum: f64,
        xb: &mut [f64],
        yb: &mut [f64],
    ) -> (f64, f64) {
        let n = x.len() as f64;
        let a = self.alpha;
        let off = &self.csr.offsets[start..=start + xb.len()];
        let src = self.csr.sources;
        let inv = &self.inv_out[start..start + xb.len()];
        let xo = &x[start..start + xb.len()];
        // the constant term when restart and dangling are uniform
        let uniform = (a * dsum + 1.0 - a) / n;
        let mut err = 0.0;
        let mut dang = 0.0;
        for i in 0..xb.len() {
            let (lo, hi) = (off[i] as usize, off[i + 1] as usize);
            let s = match self.csr.weights {
                None => gather(&src[lo..hi], y),
                Some(w) => gather_weighted(&src[lo..hi], &w[lo..hi], y),
            };
            let v = start + i;
            let c = match (self.restart, self.dangling) {
                (Some(p), Some(d)) => a * dsum * d[v] + (1.0 - a) * p[v],
                (Some(p), None) => a * dsum / n + (1.0 - a) * p[v],
                (None, Some(d)) => a * dsum * d[v] + (1.0 - a) / n,
                (None, None) => uniform,
            };
            let nx = a * s + c;
            xb[i] = nx;
            yb[i] = nx * inv[i];
            if inv[i] == 0.0 {
                dang += nx;
            }
            err += (nx - xo[i]).abs();
        }
        (err, dang)
    }
}

/// `Σ y[u]` over a row, with four independent accumulators so the random loads of `y` are
/// not serialised behind one chain of additions.
#[inline]
fn gather(src: &[u32], y: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let chunks = src.chunks_exact(4);
    let rest = chunks.remainder();
    for c in chunks {
        acc[0] += y[c[0] as usize];
        acc[1] += y[c[1] as usize];
        acc[2] += y[c[2] as usize];
        acc[3] += y[c[3] as usize];
    }
    let mut t = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for &u in rest {
        t += y[u as usize];
    }
    t
}

/// `Σ y[u] · w` over a row (see [`gather`]).
#[inline]
fn gather_weighted(src: &[u32], w: &[f32], y: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let n = src.len().min(w.len());
    let (src, w) = (&src[..n], &w[..n]);
    let split = n - n % 4;
    for (c, cw) in src[..split].chunks_exact(4).zip(w[..split].chunks_exact(4)) {
        acc[0] += y[c[0] as usize] * f64::from(cw[0]);
        acc[1] += y[c[1] as usize] * f64::from(cw[1]);
        acc[2] += y[c[2] as usize] * f64::from(cw[2]);
        acc[3] += y[c[3] as usize] * f64::from(cw[3]);
    }
    let mut t = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (&u, &x) in src[split..].iter().zip(&w[split..]) {
        t += y[u as usize] * f64::from(x);
    }
    t
}

/// How a [`FrozenGraph`]'s typed relations become the weighted directed graph PageRank walks.
///
/// **Default: every relation is followed both ways** (a collaboration is a tie both parties
/// share, and an expert who *solved* a demand should gain from the demand's importance as much
/// as the demand gains from the expert), with weight `edge weight × relation weight`. Geography
/// (`located_in`, `part_of`) has relation weight 0 by default: a region is not a collaborator,
/// and regions are scored by aggregating their members instead. Set `directed` to follow every
/// relation only from source to target, or list single relations in `directed_relations`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct GraphRankOptions {
    /// Power-iteration options.
    pub pagerank: PageRankOptions,
    /// Transition weight multiplier per relation kind (≥ 0; absent = 1; 0 drops the relation).
    pub relation_weights: std::collections::BTreeMap<Relation, f64>,
    /// Follow every relation only from source to target. Default false.
    pub directed: bool,
    /// Relations followed only from source to target even when `directed` is false.
    pub directed_relations: Vec<Relation>,
}

impl Default for GraphRankOptions {
    fn default() -> Self {
        GraphRankOptions {
            pagerank: PageRankOptions::default(),
            relation_weights: [(Relation::LocatedIn, 0.0), (Relation::PartOf, 0.0)]
                .into_iter()
                .collect(),
            directed: false,
            directed_relations: Vec::new(),
        }
    }
}

impl GraphRankOptions {
    /// The per-relation multipliers as a dense table; checks them.
    pub(crate) fn table(&self) -> Result<[f64; Relation::COUNT]> {
        let mut t = [1.0; Relation::COUNT];
        for (r, &w) in &self.relation_weights {
            if !w.is_finite() || w < 0.0 {
                return Err(Error::invalid(
                    "relation_weights",
                    format!("{r}: {w} is not a finite weight ≥ 0"),
                ));
            }
            t[r.index()] = w;
        }
        Ok(t)
    }

    /// True if relation `r` is followed both ways.
    pub(crate) fn both_ways(&self, r: Relation) -> bool {
        !self.directed && !self.directed_relations.contains(&r)
    }
}

/// The weighted in-CSR that PageRank walks on a [`FrozenGraph`] (owned arrays).
#[derive(Debug, Clone, Default)]
pub struct WalkCsr {
    /// `n + 1` offsets.
    pub offsets: Vec<u32>,
    /// Source of each in-edge.
    pub sources: Vec<u32>,
    /// Weight of each in-edge.
    pub weights: Vec<f32>,
}

impl WalkCsr {
    /// Builds the walk graph of a frozen view (see [`GraphRankOptions`]): one edge per ordered
    /// pair, weights of parallel relations summed. O(n + m log d).
    pub fn build(g: &FrozenGraph, opts: &GraphRankOptions) -> Result<WalkCsr> {
        let table = opts.table()?;
        let n = g.node_count();
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0u32);
        let mut sources = Vec::new();
        let mut weights = Vec::new();
        let mut row: Vec<(u32, f64)> = Vec::new();
        for v in 0..n as u32 {
            row.clear();
            // u → v edges
            for (u, w, r) in g.inc(v).iter() {
                let tw = f64::from(w) * table[r.index()];
                if tw > 0.0 {
                    row.push((u, tw));
                }
            }
            // v → x edges walked backwards as x → v
            for (x, w, r) in g.out(v).iter() {
                let tw = f64::from(w) * table[r.index()];
                if tw > 0.0 && opts.both_ways(r) {
                    row.push((x, tw));
                }
            }
            // one walk edge per pair: parallel relations add up
            row.sort_unstable_by_key(|e| e.0);
            let mut last = u32::MAX;
            for &(u, w) in &row {
                if u == last {
                    if let Some(lw) = weights.last_mut() {
                        *lw += w as f32;
                    }
                } else {
                    sources.push(u);
                    weights.push(w as f32);
                    last = u;
                }
            }
            let len = u32::try_from(sources.len()).map_err(|_| Error::LimitExceeded {
                what: "walk edges".into(),
                limit: u64::from(u32::MAX),
                actual: sources.len() as u64,
                hint: "drop relations with relation_weights or set directed".into(),
            })?;
            offsets.push(len);
        }
        Ok(WalkCsr {
            offsets,
            sources,
            weights,
        })
    }

    /// The borrowed view for [`pagerank_csr`].
    pub fn view(&self) -> InCsr<'_> {
        InCsr {
            offsets: &self.offsets,
            sources: &self.sources,
            weights: Some(&self.weights),
        }
    }
}

/// PageRank of every entity of a frozen graph, with per-relation transition weights.
///
/// # Arguments
/// * `g` — the frozen view ([`crate::graph::CollabGraph::frozen`]).
/// * `opts` — relation weights, directions and power-iteration options
///   ([`GraphRankOptions`]; by default relations are followed both ways and geography is
///   ignored).
/// * `restart` — personalisation: `(entity, weight)` pairs (weights ≥ 0, scaled to sum 1);
///   empty = uniform. Dangling mass follows the restart distribution (networkx semantics).
/// * `progress` — `(iteration, max_iter)` after each iteration; `false` cancels.
///
/// # Returns
/// [`PageRank`] indexed by dense index (`g.id(d)` gives the entity). Errors: `unknown_id` for
/// a restart entity not in the view, `invalid_value` for bad weights or options, `cancelled`.
///
/// # Complexity
/// O(n + m) to build the walk graph (at most 2m edges), then O((n + m) · iterations).
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Node, NodeKind, Relation};
/// use kechuang::impact::{pagerank, GraphRankOptions};
/// let mut g = CollabGraph::new();
/// for k in ["x:a", "x:b", "x:c"] {
///     g.add_node(Node::new(k, NodeKind::Expert, k))?;
/// }
/// g.connect(Relation::Collaborated, "x:a", "x:b")?;
/// g.connect(Relation::Collaborated, "x:a", "x:c")?;
/// let f = g.frozen();
/// let pr = pagerank(&f, &GraphRankOptions::default(), &[], None)?;
/// let a = f.dense(g.resolve("x:a")?).unwrap() as usize;
/// assert!(pr.scores[a] > 0.45); // the hub of an undirected star
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Page et al. 1999; Haveliwala, "Topic-sensitive PageRank", WWW 2002 (personalisation).
pub fn pagerank(
    g: &FrozenGraph,
    opts: &GraphRankOptions,
    restart: &[(NodeId, f64)],
    progress: Option<&mut dyn FnMut(usize, usize) -> bool>,
) -> Result<PageRank> {
    let walk = WalkCsr::build(g, opts)?;
    let p = if restart.is_empty() {
        None
    } else {
        let mut p = vec![0.0; g.node_count()];
        for &(id, w) in restart {
            let d = g.dense(id).ok_or(Error::UnknownId {
                what: "node",
                id: id.get(),
            })?;
            p[d as usize] += w;
        }
        Some(p)
    };
    pagerank_csr(walk.view(), &opts.pagerank, p.as_deref(), None, progress)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::impact::rng::SplitMix64;
    use proptest::prelude::*;

    /// A random in-CSR with `n` nodes and about `m` edges.
    fn random(n: usize, m: usize, seed: u64) -> (Vec<u32>, Vec<u32>, Vec<f32>) {
        let mut r = SplitMix64::new(seed);
        let mut e: Vec<(u32, u32)> = (0..m)
            .map(|_| (r.below(n) as u32, r.below(n) as u32))
            .collect();
        e.sort_by_key(|x| (x.1, x.0));
        let mut off = vec![0u32; n + 1];
        for &(_, t) in &e {
            off[t as usize + 1] += 1;
        }
        for i in 0..n {
            off[i + 1] += off[i];
        }
        let w = (0..e.len()).map(|i| (i % 5) as f32 + 0.5).collect();
        (off, e.into_iter().map(|x| x.0).collect(), w)
    }

    proptest! {
        #[test]
        fn sums_to_one_and_is_deterministic(n in 1usize..60, m in 0usize..200, seed in 0u64..1000) {
            let (off, src, w) = random(n, m, seed);
            let g = InCsr { offsets: &off, sources: &src, weights: Some(&w) };
            let a = pagerank_csr(g, &PageRankOptions::default(), None, None, None).unwrap();
            let b = pagerank_csr(g, &PageRankOptions::default(), None, None, None).unwrap();
            prop_assert_eq!(&a, &b);
            prop_assert!(a.converged);
            prop_assert!((a.scores.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            prop_assert!(a.scores.iter().all(|&x| x > 0.0));
        }
    }

    #[test]
    fn large_graph_uses_blocks_and_stays_exact() {
        // above the parallel threshold: the block-ordered sums equal a plain sequential loop
        let n = 5 * BLOCK + 17;
        let (off, src, _) = random(n, 8 * n, 3);
        let g = InCsr {
            offsets: &off,
            sources: &src,
            weights: None,
        };
        let o = PageRankOptions {
            max_iter: 3,
            tol: 0.0,
            ..Default::default()
        };
        let pr = pagerank_csr(g, &o, None, None, None).unwrap();
        assert_eq!(pr.iterations, 3);
        assert!(!pr.converged);
        // reference: dense-free straightforward iteration
        let mut outdeg = vec![0.0f64; n];
        for &s in &src {
            outdeg[s as usize] += 1.0;
        }
        let mut x = vec![1.0 / n as f64; n];
        for _ in 0..3 {
            let d: f64 = (0..n).filter(|&u| outdeg[u] == 0.0).map(|u| x[u]).sum();
            let mut xn = vec![(0.85 * d + 0.15) / n as f64; n];
            for v in 0..n {
                for &u in &src[off[v] as usize..off[v + 1] as usize] {
                    xn[v] += 0.85 * x[u as usize] / outdeg[u as usize];
                }
            }
            x = xn;
        }
        let diff: f64 = x.iter().zip(&pr.scores).map(|(a, b)| (a - b).abs()).sum();
        assert!(diff < 1e-12, "{diff}");
    }

    #[test]
    fn errors_and_cancel() {
        let ok = InCsr {
            offsets: &[0, 1, 2],
            sources: &[1, 0],
            weights: None,
        };
        let o = PageRankOptions::default();
        let code = |r: Result<PageRank>| r.unwrap_err().code();
        let bad = InCsr {
            offsets: &[0, 1, 2],
            sources: &[1, 5],
            weights: None,
        };
        assert_eq!(
            code(pagerank_csr(bad, &o, None, None, None)),
            "invalid_value"
        );
        let bad = InCsr {
            offsets: &[0, 2, 1],
            sources: &[1, 0],
            weights: None,
        };
        assert_eq!(
            code(pagerank_csr(bad, &o, None, None, None)),
            "invalid_value"
        );
        let bad = InCsr {
            weights: Some(&[1.0, -1.0]),
            ..ok
        };
        assert_eq!(
            code(pagerank_csr(bad, &o, None, None, None)),
            "invalid_value"
        );
        assert_eq!(
            code(pagerank_csr(ok, &o, Some(&[0.0, 0.0]), None, None)),
            "invalid_value"
        );
        assert_eq!(
            code(pagerank_csr(ok, &o, Some(&[1.0]), None, None)),
            "invalid_value"
        );
        let a = PageRankOptions {
            alpha: 1.0,
            ..Default::default()
        };
        assert_eq!(
            code(pagerank_csr(ok, &a, None, None, None)),
            "invalid_value"
        );
        let mut stop = |_: usize, _: usize| false;
        assert_eq!(
            code(pagerank_csr(ok, &o, None, None, Some(&mut stop))),
            "cancelled"
        );
        let empty = InCsr {
            offsets: &[0],
            sources: &[],
            weights: None,
        };
        assert!(
            pagerank_csr(empty, &o, None, None, None)
                .unwrap()
                .scores
                .is_empty()
        );
        // personalised to node 0 only, on a 2-cycle: restart mass favours node 0
        let pr = pagerank_csr(ok, &o, Some(&[1.0, 0.0]), None, None).unwrap();
        assert!(pr.scores[0] > pr.scores[1]);
    }
}
