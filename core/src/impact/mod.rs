//! Impact: what worked, and thanks to whom.
//!
//! * **Network position** on the [`FrozenGraph`]:
//!   [`pagerank`] / [`pagerank_csr`] (weighted, personalised, per-relation transition
//!   weights), [`betweenness`] / [`betweenness_csr`] (Brandes, exact or sampled, BFS or
//!   Dijkstra), [`brokerage`] / [`brokerage_csr`] (Burt's constraint and effective size) and
//!   [`relation_degrees`] (degree and strength by relation kind). The `_csr` variants run on raw
//!   CSR arrays of any graph; every measure matches networkx within 1e-6 on the oracle fixtures
//!   in `tests/fixtures/impact/`.
//! * **Outcome attribution** ([`attribute`]): every outcome credited to the actors the graph
//!   links it to, by role shares or Shapley values ([`shapley_exact`], [`shapley_sampled`]),
//!   with time decay and a documented valuation of money, counts and market share.
//! * **Indices and rankings** ([`impact_index`], [`ImpactIndex::ranking`], [`leaderboard`]):
//!   a composite index per entity kind from percentile-normalised outcome credit, network
//!   position and activity, with its breakdown; top-N lists (榜单) optionally within a region
//!   (nested sub-regions included) or an industry.

mod betweenness;
mod brokerage;
mod credit;
mod index;
mod pagerank;
mod rng;
mod scores;
mod shapley;

pub use betweenness::{Betweenness, BetweennessOptions, OutCsr, betweenness_csr};
pub use brokerage::{Brokerage, DegreeTable, brokerage_csr, relation_degrees};
pub use credit::{
    Attribution, Credit, CreditOptions, CreditRule, Group, MoneyScale, OutcomeCredit, attribute,
};
pub use index::{
    Component, ImpactIndex, ImpactOptions, ImpactRow, Leaderboard, Part, RankingQuery,
    SCORED_KINDS, impact_index, leaderboard,
};
pub use pagerank::{
    GraphRankOptions, InCsr, PageRank, PageRankOptions, WalkCsr, pagerank, pagerank_csr,
};
pub use rng::{SplitMix64, mix64};
pub use scores::{NodeScore, NodeScores};
pub use shapley::{MAX_EXACT_PLAYERS, shapley_exact, shapley_sampled};

use crate::error::Result;
use crate::graph::FrozenGraph;

/// The `k` largest values with their indices, best first, ties by the smaller index; `NaN`s
/// last.
pub(crate) fn top_k(values: &[f64], k: usize) -> Vec<(u32, f64)> {
    let mut idx: Vec<u32> = (0..values.len() as u32).collect();
    let key = |i: &u32| {
        let v = values[*i as usize];
        if v.is_nan() { f64::NEG_INFINITY } else { v }
    };
    let cmp = |a: &u32, b: &u32| key(b).total_cmp(&key(a)).then(a.cmp(b));
    if k < idx.len() {
        idx.select_nth_unstable_by(k, cmp);
        idx.truncate(k);
    }
    idx.sort_unstable_by(cmp);
    idx.into_iter().map(|i| (i, values[i as usize])).collect()
}

/// Betweenness of every entity of a frozen view, on the walk graph of `rank` (the same
/// relations, weights and directions PageRank uses; see [`GraphRankOptions`]).
///
/// When `opts.weighted`, a relation's distance is `1 / (edge weight × relation weight)`:
/// stronger ties are shorter. Directedness is taken from `rank` (`opts.directed` is ignored).
/// The walk graph stores in-edges, i.e. the reversed graph; betweenness of a reversed graph
/// equals that of the graph (every `s → t` path is a `t → s` path reversed). So when sampled
/// on a directed walk graph, the sampled nodes ([`Betweenness::sources`]) are the *targets*
/// of the shortest paths counted, in the walk's direction; the estimate is unbiased either
/// way, and exact results do not depend on it.
///
/// # Arguments
/// * `g` — the frozen view; `rank` — relation weights and directions; `opts` — normalisation,
///   weighting, sampling; `progress` — `(sources done, total)`, `false` cancels.
///
/// # Returns
/// [`Betweenness`] indexed by dense index.
///
/// # Complexity
/// As [`betweenness_csr`] on the walk graph (≤ 2m edges).
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Node, NodeKind, Relation};
/// use kechuang::impact::{betweenness, BetweennessOptions, GraphRankOptions};
/// let mut g = CollabGraph::new();
/// for k in ["x:a", "x:b", "x:c"] {
///     g.add_node(Node::new(k, NodeKind::Expert, k))?;
/// }
/// g.connect(Relation::Collaborated, "x:a", "x:b")?;
/// g.connect(Relation::Collaborated, "x:b", "x:c")?;
/// let f = g.frozen();
/// let b = betweenness(&f, &GraphRankOptions::default(), &BetweennessOptions::default(), None)?;
/// assert_eq!(b.scores[f.dense(g.resolve("x:b")?).unwrap() as usize], 1.0);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Brandes 2001; see [`betweenness_csr`].
pub fn betweenness(
    g: &FrozenGraph,
    rank: &GraphRankOptions,
    opts: &BetweennessOptions,
    progress: Option<&mut dyn FnMut(usize, usize) -> bool>,
) -> Result<Betweenness> {
    let walk = WalkCsr::build(g, rank)?;
    let dist: Vec<f32> = walk.weights.iter().map(|w| 1.0 / w).collect();
    let mut o = opts.clone();
    o.directed = rank.directed || !rank.directed_relations.is_empty();
    let csr = OutCsr {
        offsets: &walk.offsets,
        targets: &walk.sources,
        weights: Some(&dist),
    };
    betweenness_csr(csr, &o, progress)
}

/// Burt's constraint and effective size of every entity of a frozen view, over the relations
/// `rank` keeps (relation weight > 0), with mutual weights `edge weight × relation weight`.
///
/// # Arguments
/// * `g` — the frozen view; `rank` — relation weights (directions do not matter: the measures
///   use predecessors and successors alike).
///
/// # Returns
/// [`Brokerage`] indexed by dense index.
///
/// # Complexity
/// As [`brokerage_csr`].
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Node, NodeKind, Relation};
/// use kechuang::impact::{brokerage, GraphRankOptions};
/// let mut g = CollabGraph::new();
/// for k in ["x:a", "x:b", "x:c"] {
///     g.add_node(Node::new(k, NodeKind::Expert, k))?;
/// }
/// g.connect(Relation::Collaborated, "x:a", "x:b")?;
/// g.connect(Relation::Collaborated, "x:a", "x:c")?;
/// let f = g.frozen();
/// let b = brokerage(&f, &GraphRankOptions::default())?;
/// let a = f.dense(g.resolve("x:a")?).unwrap() as usize;
/// assert_eq!(b.effective_size[a], 2.0);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Burt 1992; see [`brokerage_csr`].
pub fn brokerage(g: &FrozenGraph, rank: &GraphRankOptions) -> Result<Brokerage> {
    let mut r = rank.clone();
    r.directed = true;
    let walk = WalkCsr::build(g, &r)?;
    brokerage_csr(OutCsr {
        offsets: &walk.offsets,
        targets: &walk.sources,
        weights: Some(&walk.weights),
    })
}
