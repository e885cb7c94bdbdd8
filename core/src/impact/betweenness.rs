//! Betweenness centrality (Brandes), exact and sampled, unweighted and weighted.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

use serde::{Deserialize, Serialize};

use super::rng::SplitMix64;
use crate::error::{Error, Result};

/// Raw out-CSR arrays: the out-edges of node `u` are `targets[offsets[u]..offsets[u + 1]]`
/// with optional parallel `weights` (used as *distances* by weighted betweenness).
///
/// An undirected graph is given with both directions of every edge. Parallel edges are counted
/// as distinct shortest paths; give a simple graph to match networkx's `Graph`/`DiGraph`.
#[derive(Debug, Clone, Copy)]
pub struct OutCsr<'a> {
    /// `n + 1` offsets into `targets`.
    pub offsets: &'a [u32],
    /// Target node of each edge.
    pub targets: &'a [u32],
    /// Weight (distance) of each edge, or `None`.
    pub weights: Option<&'a [f32]>,
}

impl OutCsr<'_> {
    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Checks the arrays (same rules as [`super::InCsr::validate`]).
    pub fn validate(&self) -> Result<()> {
        super::InCsr {
            offsets: self.offsets,
            sources: self.targets,
            weights: self.weights,
        }
        .validate()
    }

    fn row(&self, u: usize) -> std::ops::Range<usize> {
        self.offsets[u] as usize..self.offsets[u + 1] as usize
    }
}

/// Options of [`betweenness_csr`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct BetweennessOptions {
    /// Scale as networkx's `normalized=True` (default true): divide by the number of ordered
    /// pairs `(n − 1)(n − 2)` (for sampling, per networkx ≥ 3.5's estimator).
    pub normalized: bool,
    /// The graph is directed (affects the unnormalised scale: undirected counts each pair once).
    pub directed: bool,
    /// Use edge weights as distances (Dijkstra) instead of hop counts (BFS). Weights must be
    /// > 0.
    pub weighted: bool,
    /// Number of sampled sources; `None` = exact (all sources). Must be ≥ 2 when set; values
    /// ≥ n give the exact result.
    pub samples: Option<usize>,
    /// Seed of the source sample.
    pub seed: u64,
}

impl Default for BetweennessOptions {
    fn default() -> Self {
        BetweennessOptions {
            normalized: true,
            directed: false,
            weighted: false,
            samples: None,
            seed: 0,
        }
    }
}

/// Betweenness of every node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Betweenness {
    /// Score per node.
    pub scores: Vec<f64>,
    /// The sources used (all nodes when exact), in ascending order.
    pub sources: Vec<u32>,
    /// True if every node was a source.
    pub exact: bool,
}

impl Betweenness {
    /// Score of node `i`.
    pub fn get(&self, i: usize) -> Option<f64> {
        self.scores.get(i).copied()
    }

    /// The `k` highest-scoring nodes, best first, ties by index.
    pub fn top(&self, k: usize) -> Vec<(u32, f64)> {
        super::top_k(&self.scores, k)
    }
}

/// Per-source work space, reused across sources.
struct Work {
    dist: Vec<f64>,
    hops: Vec<u32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<u32>,
    queue: VecDeque<u32>,
    heap: BinaryHeap<HeapItem>,
}

#[derive(PartialEq)]
struct HeapItem(f64, u32);
impl Eq for HeapItem {}
impl PartialOrd for HeapItem {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for HeapItem {
    fn cmp(&self, o: &Self) -> Ordering {
        // min-heap on distance, then on node
        o.0.total_cmp(&self.0).then(o.1.cmp(&self.1))
    }
}

impl Work {
    fn new(n: usize) -> Self {
        Work {
            dist: vec![f64::INFINITY; n],
            hops: vec![u32::MAX; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
            queue: VecDeque::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn reset(&mut self) {
        for &v in &self.order {
            let v = v as usize;
            self.dist[v] = f64::INFINITY;
            self.hops[v] = u32::MAX;
            self.sigma[v] = 0.0;
            self.delta[v] = 0.0;
        }
        self.order.clear();
    }

    /// Single-source shortest paths by hop count; adds dependencies into `acc`.
    fn bfs(&mut self, g: &OutCsr<'_>, s: usize, acc: &mut [f64]) {
        self.hops[s] = 0;
        self.sigma[s] = 1.0;
        self.queue.push_back(s as u32);
        while let Some(v) = self.queue.pop_front() {
            let v = v as usize;
            self.order.push(v as u32);
            let hv = self.hops[v];
            let sv = self.sigma[v];
            for &w in &g.targets[g.row(v)] {
                let w = w as usize;
                if self.hops[w] == u32::MAX {
                    self.hops[w] = hv + 1;
                    self.queue.push_back(w as u32);
                }
                if self.hops[w] == hv + 1 {
                    self.sigma[w] += sv;
                }
            }
        }
        // accumulate over successors, farthest first. Once a node is final, `delta` holds
        // its coefficient (1 + δ(w)) / σ(w), so the edge loop has no division and no branch
        // (every out-neighbour of a reached node is reached, so every coefficient read is
        // finite).
        for i in (0..self.order.len()).rev() {
            let v = self.order[i] as usize;
            let next = self.hops[v] + 1;
            let mut d = 0.0;
            for &w in &g.targets[g.row(v)] {
                let w = w as usize;
                d += f64::from(u8::from(self.hops[w] == next)) * self.delta[w];
            }
            let dv = self.sigma[v] * d;
            if v != s {
                acc[v] += dv;
            }
            self.delta[v] = (1.0 + dv) / self.sigma[v];
        }
    }

    /// Single-source shortest paths with weights as distances (Dijkstra).
    fn dijkstra(&mut self, g: &OutCsr<'_>, w: &[f32], s: usize, acc: &mut [f64]) {
        self.dist[s] = 0.0;
        self.heap.push(HeapItem(0.0, s as u32));
        // hops marks "settled" here
        while let Some(HeapItem(d, v)) = self.heap.pop() {
            let v = v as usize;
            if self.hops[v] != u32::MAX || d > self.dist[v] {
                continue;
            }
            self.hops[v] = 0;
            self.order.push(v as u32);
            for e in g.row(v) {
                let x = g.targets[e] as usize;
                let nd = d + f64::from(w[e]);
                if nd < self.dist[x] {
                    self.dist[x] = nd;
                    self.heap.push(HeapItem(nd, x as u32));
                }
            }
        }
        // path counts in settlement order: v precedes x when dist[v] + w == dist[x]
        self.sigma[s] = 1.0;
        for i in 0..self.order.len() {
            let v = self.order[i] as usize;
            let (dv, sv) = (self.dist[v], self.sigma[v]);
            for e in g.row(v) {
                let x = g.targets[e] as usize;
                if dv + f64::from(w[e]) == self.dist[x] {
                    self.sigma[x] += sv;
                }
            }
        }
        for i in (0..self.order.len()).rev() {
            let v = self.order[i] as usize;
            let dist_v = self.dist[v];
            let mut d = 0.0;
            for e in g.row(v) {
                let x = g.targets[e] as usize;
                d += f64::from(u8::from(dist_v + f64::from(w[e]) == self.dist[x])) * self.delta[x];
            }
            let dv = self.sigma[v] * d;
            if v != s {
                acc[v] += dv;
            }
            self.delta[v] = (1.0 + dv) / self.sigma[v];
        }
    }
}

/// Sources per work chunk: chunks are the unit of parallel work, and their partial sums are
/// added in chunk order, so results do not depend on the thread count.
fn chunk_len(sources: usize) -> usize {
    sources.div_ceil(32).max(16)
}

/// Betweenness centrality by Brandes' algorithm over raw out-CSR arrays.
///
/// `b(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st`, the share of shortest `s`–`t` paths through `v`,
/// scaled exactly as networkx's `betweenness_centrality(G, k, normalized, weight,
/// endpoints=False)`: normalised scores divide by `(n − 1)(n − 2)`; unnormalised undirected
/// scores are halved. With `samples = Some(k)`, `k` distinct sources are drawn with a seeded
/// [`SplitMix64`](super::SplitMix64) and the sums are scaled up as networkx does (sources by
/// `1 / ((k − 1)(n − 2))`, others by `1 / (k (n − 2))`, normalised case).
///
/// # Arguments
/// * `g` — out-edges (both directions for an undirected graph); weights are distances when
///   `opts.weighted`.
/// * `opts` — normalisation, directedness, weighting, sampling ([`BetweennessOptions`]).
/// * `progress` — called with `(sources done, sources total)` after each chunk of sources;
///   `false` cancels.
///
/// # Returns
/// [`Betweenness`]. Errors: `invalid_value` for malformed arrays, weighted without weights, a
/// weight ≤ 0, `samples < 2`; `cancelled`.
///
/// # Complexity
/// Unweighted O(k (n + m)), weighted O(k (m + n log n)) time for k sources (k = n when exact);
/// O(n + m) space per worker thread. Sources are spread over rayon's threads with the
/// `parallel` feature.
///
/// # Example
/// ```
/// use kechuang::impact::{betweenness_csr, BetweennessOptions, OutCsr};
/// // the path 0 – 1 – 2, both directions
/// let g = OutCsr { offsets: &[0, 1, 3, 4], targets: &[1, 0, 2, 1], weights: None };
/// let b = betweenness_csr(g, &BetweennessOptions::default(), None)?;
/// assert_eq!(b.scores, vec![0.0, 1.0, 0.0]);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociology 25(2), 2001;
/// Brandes & Pich, "Centrality estimation in large networks", 2007 (source sampling).
pub fn betweenness_csr(
    g: OutCsr<'_>,
    opts: &BetweennessOptions,
    progress: Option<&mut dyn FnMut(usize, usize) -> bool>,
) -> Result<Betweenness> {
    g.validate()?;
    let n = g.node_count();
    let weights = if opts.weighted {
        let w = g.weights.ok_or_else(|| {
            Error::invalid(
                "weights",
                "weighted betweenness needs edge weights; pass weights or set weighted = false",
            )
        })?;
        if let Some(x) = w.iter().find(|x| **x <= 0.0) {
            return Err(Error::invalid(
                "weights",
                format!("{x} is not a positive distance; weighted betweenness needs weights > 0"),
            ));
        }
        Some(w)
    } else {
        None
    };
    let sources: Vec<u32> = match opts.samples {
        Some(k) if k < 2 => {
            return Err(Error::invalid(
                "samples",
                format!(
                    "{k} sources cannot estimate betweenness; use at least 2 (or None for exact)"
                ),
            ));
        }
        Some(k) if k < n => {
            let mut all: Vec<u32> = (0..n as u32).collect();
            let mut rng = SplitMix64::new(opts.seed);
            // partial Fisher–Yates: the first k are a uniform sample without replacement
            for i in 0..k {
                let j = i + rng.below(n - i);
                all.swap(i, j);
            }
            all.truncate(k);
            all.sort_unstable();
            all
        }
        _ => (0..n as u32).collect(),
    };
    let exact = sources.len() == n;
    let raw = accumulate(&g, weights, &sources, progress)?;
    let scores = rescale(raw, n, opts, if exact { None } else { Some(&sources) });
    Ok(Betweenness {
        scores,
        sources,
        exact,
    })
}

fn accumulate(
    g: &OutCsr<'_>,
    weights: Option<&[f32]>,
    sources: &[u32],
    mut progress: Option<&mut dyn FnMut(usize, usize) -> bool>,
) -> Result<Vec<f64>> {
    let n = g.node_count();
    let chunks: Vec<&[u32]> = sources.chunks(chunk_len(sources.len())).collect();
    let run = |chunk: &[u32]| {
        let mut work = Work::new(n);
        let mut acc = vec![0.0; n];
        for &s in chunk {
            match weights {
                Some(w) => work.dijkstra(g, w, s as usize, &mut acc),
                None => work.bfs(g, s as usize, &mut acc),
            }
            work.reset();
        }
        acc
    };
    let mut total = vec![0.0; n];
    let mut done = 0;
    // groups of chunks between progress reports (one group when there is no hook)
    let group = if progress.is_some() {
        4
    } else {
        chunks.len().max(1)
    };
    for grp in chunks.chunks(group) {
        #[cfg(feature = "parallel")]
        let parts: Vec<Vec<f64>> = {
            use rayon::prelude::*;
            grp.par_iter().map(|c| run(c)).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let parts: Vec<Vec<f64>> = grp.iter().map(|c| run(c)).collect();
        for (p, c) in parts.iter().zip(grp) {
            for (t, x) in total.iter_mut().zip(p) {
                *t += x;
            }
            done += c.len();
        }
        if let Some(p) = progress.as_mut()
            && !p(done, sources.len())
        {
            return Err(Error::Cancelled);
        }
    }
    Ok(total)
}

/// networkx's `_rescale` with `endpoints=False`.
fn rescale(
    mut b: Vec<f64>,
    n: usize,
    opts: &BetweennessOptions,
    sampled: Option<&[u32]>,
) -> Vec<f64> {
    let big_n = n.saturating_sub(1) as f64;
    if n < 3 {
        return b;
    }
    let correction = if opts.directed { 1.0 } else { 2.0 };
    match sampled {
        None => {
            let scale = if opts.normalized {
                1.0 / (big_n * (big_n - 1.0))
            } else {
                1.0 / correction
            };
            for x in b.iter_mut() {
                *x *= scale;
            }
        }
        Some(src) => {
            let k = src.len() as f64;
            let (ss, sn) = if opts.normalized {
                (1.0 / ((k - 1.0) * (big_n - 1.0)), 1.0 / (k * (big_n - 1.0)))
            } else {
                (big_n / ((k - 1.0) * correction), big_n / (k * correction))
            };
            let mut is_src = vec![false; n];
            for &s in src {
                is_src[s as usize] = true;
            }
            for (x, s) in b.iter_mut().zip(is_src) {
                *x *= if s { ss } else { sn };
            }
        }
    }
    b
}
