//! Candidate sharding: matching over a corpus too big for one machine, with results identical
//! to an unsharded [`Matcher`].
//!
//! The candidates (experts, societies, offers, in graph order) are dealt round-robin to
//! `count` shards ([`ShardSpec`]). A shard indexes every evidence unit owned by at least one of
//! its candidates (a co-authored paper can be indexed by several shards) and keeps the whole
//! candidate table; the text of other shards' evidence is never copied. Queries read the whole
//! graph, which the caller keeps beside the shard: it holds every document's text, so sharding
//! divides the index (postings, vocabulary, unit table), not the graph.
//!
//! # What is exact, and why
//! A candidate's fused score depends on:
//! * **BM25 statistics** (document count, average length, document frequencies, and the
//!   vocabulary that term ids, fuzzy expansion and the demand-term specificity use): corpus-wide.
//!   Each shard counts the units whose first owner it holds ([`Matcher::shard_stats`]), so every
//!   unit is counted exactly once; the parts merge exactly ([`ShardStats::merge`]) and every
//!   shard is built with the merged statistics ([`Matcher::new_shard`]). Unit scores are then
//!   bit-identical to the unsharded index's (same terms in the same order, same `idf × impact`).
//! * **Its own evidence** (best three units, solved cases for the track record, dense
//!   similarity): all of a candidate's units are in its shard.
//! * **The best unit score and the best candidate aggregate of the query**, which normalise the
//!   text and track-record signals: corpus-wide maxima, gathered in a round before scoring
//!   ([`Matcher::shard_extremes`], [`Extremes::max`]).
//! * **Pseudo-relevance feedback** (off by default): the corpus-wide best units, gathered in a
//!   first round ([`Matcher::shard_feedback`], [`merge_feedback`]).
//! * **Network proximity, taxonomy fit, availability, seniority, locality, conflicts and
//!   filters**: read from the whole graph and the whole candidate table, which every shard has.
//!
//! So each shard's top `k` (with safe pruning) holds the right scores, and the merged top `k`
//! ([`merge_matches`], best first, ties by node id) equals the unsharded top `k`: the same
//! keys, bit-identical scores, signals and explanations. Two documented exceptions:
//! * `conflicts_excluded` lists the conflicted candidates each shard met before its pruning
//!   stopped; a shard's `k`-th score is at most the corpus-wide one, so a shard prunes later and
//!   the merged list can be longer than the unsharded one (never shorter).
//! * Teams ([`Target::Teams`]) need the pooled candidates of every shard
//!   and are refused (`not_implemented`); match experts per shard and build teams centrally.
//!
//! The average length is merged as an `f64` sum of document lengths, exact for field weights
//! that are multiples of 2⁻²⁰ such as the defaults; see [`CorpusStats`].

use serde::{Deserialize, Serialize};

use super::config::{Aggregation, FieldWeights, MatchConfig, Query, Target};
use super::result::Matches;
use super::score::par_map;
use super::{Matcher, collect};
use crate::error::{Error, Result};
use crate::graph::CollabGraph;
use crate::model::NodeKind;
use crate::text::{Bm25Builder, Bm25Params, CorpusStats};

/// Which shard of how many: candidate `c` (in graph order) belongs to shard `c mod count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ShardSpec {
    /// This shard's number, `0..count`.
    pub index: u32,
    /// Number of shards (≥ 1).
    pub count: u32,
}

impl Default for ShardSpec {
    fn default() -> Self {
        ShardSpec { index: 0, count: 1 }
    }
}

impl ShardSpec {
    /// Shard `index` of `count`; `invalid_value` unless `index < count`.
    pub fn new(index: u32, count: u32) -> Result<ShardSpec> {
        let s = ShardSpec { index, count };
        s.validate()?;
        Ok(s)
    }

    /// Checks `index < count`.
    pub fn validate(&self) -> Result<()> {
        if self.index >= self.count {
            return Err(Error::invalid(
                "shard",
                format!(
                    "index {} is not below count {}; shards are numbered 0..count",
                    self.index, self.count
                ),
            ));
        }
        Ok(())
    }

    /// True if candidate number `cand` belongs to this shard.
    pub(crate) fn owns(self, cand: u32) -> bool {
        cand % self.count.max(1) == self.index
    }
}

/// BM25 statistics of some shards of a corpus, with the settings they were computed with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardStats {
    /// Number of shards of the corpus.
    pub count: u32,
    /// The shards counted here, ascending.
    pub shards: Vec<u32>,
    /// BM25 parameters used.
    pub bm25: Bm25Params,
    /// Field boosts used.
    pub fields: FieldWeights,
    /// Aggregation used (pooled units differ from per-document units).
    pub aggregation: Aggregation,
    /// The statistics.
    pub corpus: CorpusStats,
}

impl ShardStats {
    /// Merges the statistics of disjoint shards of one corpus exactly.
    ///
    /// # Arguments
    /// * `parts` — statistics from [`Matcher::shard_stats`] (or earlier merges).
    ///
    /// # Returns
    /// The merged statistics; `invalid_value` when `parts` is empty, when they disagree on the
    /// shard count or settings, or when a shard is counted twice.
    ///
    /// # Complexity
    /// O(V log V) for V terms over all parts.
    ///
    /// # Example
    /// See [`match_sharded`].
    ///
    /// # Reference
    /// Kulkarni and Callan, "Selective search", ACM TOIS 33(4), 2015.
    pub fn merge(parts: &[ShardStats]) -> Result<ShardStats> {
        let Some(first) = parts.first() else {
            return Err(Error::invalid(
                "stats",
                "is empty; pass the statistics of every shard",
            ));
        };
        let mut shards: Vec<u32> = Vec::new();
        for p in parts {
            if p.count != first.count
                || p.bm25 != first.bm25
                || p.fields != first.fields
                || p.aggregation != first.aggregation
            {
                return Err(Error::invalid(
                    "stats",
                    "come from different shard counts or settings; compute every shard's statistics with one configuration",
                ));
            }
            shards.extend(&p.shards);
        }
        shards.sort_unstable();
        let n = shards.len();
        shards.dedup();
        if shards.len() != n {
            return Err(Error::invalid(
                "stats",
                "count a shard twice; merge each shard's statistics once",
            ));
        }
        let corpus: Vec<CorpusStats> = parts.iter().map(|p| p.corpus.clone()).collect();
        Ok(ShardStats {
            count: first.count,
            shards,
            bm25: first.bm25,
            fields: first.fields,
            aggregation: first.aggregation,
            corpus: CorpusStats::merge(&corpus),
        })
    }

    /// True when every shard `0..count` is counted.
    pub fn is_complete(&self) -> bool {
        self.shards.len() == self.count as usize
            && self.shards.iter().enumerate().all(|(i, &s)| s == i as u32)
    }
}

/// An evidence unit's score for a query, named by its source node (a document, solved demand,
/// offer, or the candidate of a profile).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct UnitHit {
    /// Raw id of the unit's source node.
    pub source: u32,
    /// Its BM25 score.
    pub score: f32,
}

/// The best unit score and the best candidate aggregate of one query: the maxima that
/// normalise the text and track-record signals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Extremes {
    /// Best unit score.
    pub best_unit: f32,
    /// Best candidate aggregate (of the query's target kind).
    pub max_agg: f32,
}

impl Extremes {
    /// The corpus-wide maxima from the shards' (exact: max is order-independent).
    pub fn max(parts: &[Extremes]) -> Extremes {
        parts.iter().fold(Extremes::default(), |a, e| Extremes {
            best_unit: a.best_unit.max(e.best_unit),
            max_agg: a.max_agg.max(e.max_agg),
        })
    }
}

/// What a shard needs to know about a query from the whole corpus before scoring it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryContext {
    /// The corpus-wide best feedback units ([`merge_feedback`]; empty with feedback off).
    pub feedback: Vec<UnitHit>,
    /// The corpus-wide maxima ([`Extremes::max`]).
    pub extremes: Extremes,
}

/// The candidate kind of a target; teams are not sharded.
fn kind_of_target(t: Target) -> Result<NodeKind> {
    if t == Target::Teams {
        return Err(Error::NotImplemented {
            what: "teams over a sharded matcher: match experts per shard, merge, and build teams on one machine".into(),
        });
    }
    Ok(super::score::target_kind(t))
}

impl Matcher {
    /// The BM25 statistics of one shard: the evidence units whose first owner (lowest
    /// candidate number) is in the shard, so each unit is counted by exactly one shard.
    ///
    /// # Arguments
    /// * `g` — the whole graph.
    /// * `config` — the matching configuration every shard will be built with.
    /// * `shard` — which shard.
    ///
    /// # Returns
    /// The statistics, or the errors of [`Matcher::new`].
    ///
    /// # Complexity
    /// O(T) for T characters of the shard's evidence; O(V + postings of the shard) space
    /// while counting.
    ///
    /// # Example
    /// See [`match_sharded`].
    ///
    /// # Reference
    /// Kulkarni and Callan, "Selective search", ACM TOIS 33(4), 2015.
    pub fn shard_stats(
        g: &CollabGraph,
        config: &MatchConfig,
        shard: ShardSpec,
    ) -> Result<ShardStats> {
        config.validate()?;
        shard.validate()?;
        let (_, _, pending) = collect(g, config, Some(shard))?;
        let mut b = Bm25Builder::new(config.bm25);
        for p in &pending {
            if p.owners.first().is_some_and(|&o| shard.owns(o)) {
                super::add_unit(&mut b, p)?;
            }
        }
        Ok(ShardStats {
            count: shard.count,
            shards: vec![shard.index],
            bm25: config.bm25,
            fields: config.fields,
            aggregation: config.aggregation,
            corpus: b.stats(),
        })
    }

    /// Builds the matcher of one shard: it indexes the evidence of the shard's candidates only,
    /// scored with the corpus-wide statistics, and keeps the whole candidate table.
    ///
    /// # Arguments
    /// * `g` — the whole graph.
    /// * `config` — the configuration the statistics were computed with.
    /// * `shard` — which shard.
    /// * `stats` — the merged statistics of every shard ([`ShardStats::merge`]).
    ///
    /// # Returns
    /// The shard's matcher; `invalid_value` when `stats` is incomplete or was computed with
    /// another shard count or settings; the errors of [`Matcher::new`].
    ///
    /// # Complexity
    /// O(T + P log P) for T characters and P postings of the shard's evidence; the corpus
    /// vocabulary plus 8 bytes per posting of the shard.
    ///
    /// # Example
    /// See [`match_sharded`].
    ///
    /// # Reference
    /// Kulkarni and Callan, "Selective search", ACM TOIS 33(4), 2015.
    pub fn new_shard(
        g: &CollabGraph,
        config: MatchConfig,
        shard: ShardSpec,
        stats: &ShardStats,
    ) -> Result<Matcher> {
        config.validate()?;
        shard.validate()?;
        if !stats.is_complete() || stats.count != shard.count {
            return Err(Error::invalid(
                "stats",
                format!(
                    "cover shards {:?} of {}, but shard {} of {} needs all of them; merge every shard's statistics first",
                    stats.shards, stats.count, shard.index, shard.count
                ),
            ));
        }
        if stats.bm25 != config.bm25
            || stats.fields != config.fields
            || stats.aggregation != config.aggregation
        {
            return Err(Error::invalid(
                "stats",
                "were computed with other bm25, fields or aggregation settings; recompute them with this configuration",
            ));
        }
        Self::build(g, config, Some((shard, stats)))
    }

    /// The shard this matcher indexes (None for a full matcher).
    pub fn shard(&self) -> Option<ShardSpec> {
        self.shard
    }

    /// Round 1 of sharded matching: this shard's best feedback units for a query (empty when
    /// feedback is off). Merge the shards' lists with [`merge_feedback`].
    ///
    /// Errors: those of [`Matcher::match_demand`]; `not_implemented` for teams.
    pub fn shard_feedback(&self, g: &CollabGraph, q: &Query) -> Result<Vec<UnitHit>> {
        kind_of_target(q.target)?;
        self.feedback_hits(g, q)
    }

    /// Round 2: this shard's best unit score and best candidate aggregate for a query, given
    /// the merged feedback units. Combine the shards' with [`Extremes::max`].
    ///
    /// Errors: those of [`Matcher::match_demand`]; `not_implemented` for teams.
    pub fn shard_extremes(
        &self,
        g: &CollabGraph,
        q: &Query,
        feedback: &[UnitHit],
    ) -> Result<Extremes> {
        let kind = kind_of_target(q.target)?;
        let p = self.prepare_with(g, q, Some(feedback))?;
        Ok(self.extremes_of(&p, kind))
    }

    /// Round 3: this shard's top `k` for a query with the corpus-wide context; merge the
    /// shards' results with [`merge_matches`].
    ///
    /// Errors: those of [`Matcher::match_demand`]; `not_implemented` for teams.
    pub fn match_shard(&self, g: &CollabGraph, q: &Query, ctx: &QueryContext) -> Result<Matches> {
        kind_of_target(q.target)?;
        let mut p = self.prepare_with(g, q, Some(&ctx.feedback))?;
        p.extremes = Some(ctx.extremes);
        self.respond(g, &p, q)
    }
}

impl Matcher {
    /// [`Matcher::shard_feedback`] for many queries (in parallel with the `parallel` feature).
    pub fn shard_feedback_batch(&self, g: &CollabGraph, qs: &[Query]) -> Result<Vec<Vec<UnitHit>>> {
        par_map(qs, |q| self.shard_feedback(g, q))
            .into_iter()
            .collect()
    }

    /// [`Matcher::shard_extremes`] for many queries; `feedback[i]` belongs to `qs[i]` (an
    /// empty list for all when feedback is off).
    pub fn shard_extremes_batch(
        &self,
        g: &CollabGraph,
        qs: &[Query],
        feedback: &[Vec<UnitHit>],
    ) -> Result<Vec<Extremes>> {
        let off = self.config().feedback.units == 0;
        if feedback.len() != qs.len() && !(feedback.is_empty() && off) {
            return Err(Error::invalid(
                "feedback",
                format!(
                    "has {} entries for {} queries; give one per query (merge_feedback of \
                     each query's shard_feedback{})",
                    feedback.len(),
                    qs.len(),
                    if off { ", or none at all" } else { "" }
                ),
            ));
        }
        let items: Vec<(&Query, &[UnitHit])> = qs
            .iter()
            .enumerate()
            .map(|(i, q)| (q, feedback.get(i).map_or(&[][..], Vec::as_slice)))
            .collect();
        par_map(&items, |(q, fb)| self.shard_extremes(g, q, fb))
            .into_iter()
            .collect()
    }

    /// [`Matcher::match_shard`] for many queries; `ctx[i]` belongs to `qs[i]`
    /// (`invalid_value` when the lengths differ).
    pub fn match_shard_batch(
        &self,
        g: &CollabGraph,
        qs: &[Query],
        ctx: &[QueryContext],
    ) -> Result<Vec<Matches>> {
        if ctx.len() != qs.len() {
            return Err(Error::invalid(
                "contexts",
                format!(
                    "has {} entries for {} queries; give one per query",
                    ctx.len(),
                    qs.len()
                ),
            ));
        }
        let items: Vec<(&Query, &QueryContext)> = qs.iter().zip(ctx).collect();
        par_map(&items, |(q, c)| self.match_shard(g, q, c))
            .into_iter()
            .collect()
    }
}

/// Merges the shards' feedback units of one query: the `units` best, ties by source id, each
/// unit once (a unit indexed by several shards has the same score in each).
///
/// # Arguments
/// * `parts` — each shard's [`Matcher::shard_feedback`].
/// * `units` — `feedback.units` of the configuration.
///
/// # Returns
/// The corpus-wide best units, best first.
///
/// # Complexity
/// O(n log n) for n hits over all parts.
///
/// # Example
/// ```
/// use kechuang::matching::{UnitHit, merge_feedback};
/// let a = vec![UnitHit { source: 7, score: 2.0 }, UnitHit { source: 3, score: 1.0 }];
/// let b = vec![UnitHit { source: 7, score: 2.0 }, UnitHit { source: 1, score: 1.0 }];
/// let m = merge_feedback(&[a, b], 2);
/// assert_eq!(m.iter().map(|h| h.source).collect::<Vec<_>>(), [7, 1]);
/// ```
///
/// # Reference
/// Rocchio-style pseudo-relevance feedback over a distributed index: Callan, "Distributed
/// information retrieval", in Advances in IR, 2000.
pub fn merge_feedback(parts: &[Vec<UnitHit>], units: usize) -> Vec<UnitHit> {
    let mut all: Vec<UnitHit> = parts.iter().flatten().copied().collect();
    all.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.source.cmp(&b.source)));
    all.dedup_by_key(|h| h.source);
    all.truncate(units);
    all
}

/// Merges the shards' results for one query into its top `k`: best first, ties by node id,
/// exactly as [`Matcher::match_demand`] orders them; conflicts excluded are united.
///
/// # Arguments
/// * `g` — the graph (for the node ids that break ties).
/// * `parts` — each shard's [`Matcher::match_shard`] for the same query.
/// * `k` — results kept.
///
/// # Returns
/// The merged [`Matches`]; `invalid_value` when `parts` is empty.
///
/// # Complexity
/// O(n log n) for n results over all parts.
///
/// # Example
/// See [`match_sharded`].
///
/// # Reference
/// Result merging with globally comparable scores: Callan, "Distributed information
/// retrieval", in Advances in IR, 2000, section 5.
pub fn merge_matches(g: &CollabGraph, parts: &[Matches], k: usize) -> Result<Matches> {
    let Some(first) = parts.first() else {
        return Err(Error::invalid(
            "parts",
            "is empty; pass every shard's results for the query",
        ));
    };
    let id = |key: &str| g.id(key).map_or(u32::MAX, |i| i.get());
    let mut results: Vec<_> = parts
        .iter()
        .flat_map(|p| p.results.iter().cloned())
        .collect();
    // ties by id, then by key (keys missing from `g` all have id u32::MAX)
    results.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(id(&a.key).cmp(&id(&b.key)))
            .then(a.key.cmp(&b.key))
    });
    results.dedup_by(|a, b| a.key == b.key);
    results.truncate(k);
    let mut conflicts: Vec<String> = parts
        .iter()
        .flat_map(|p| p.conflicts_excluded.iter().cloned())
        .collect();
    conflicts.sort_by(|a, b| id(a).cmp(&id(b)).then(a.cmp(b)));
    conflicts.dedup();
    Ok(Matches {
        demand: first.demand.clone(),
        target: first.target,
        results,
        teams: Vec::new(),
        query_terms: first.query_terms.clone(),
        conflicts_excluded: conflicts,
    })
}

/// Sharded matching of one query, all rounds in this process: feedback units (round 1, when
/// feedback is on), corpus-wide maxima (round 2), per-shard top `k` and merge (round 3). A
/// distributed engine runs the same rounds with the shards on different machines.
///
/// # Arguments
/// * `g` — the whole graph.
/// * `shards` — one matcher per shard ([`Matcher::new_shard`]), all of one sharding.
/// * `q` — the query (experts, societies or offers).
///
/// # Returns
/// The same [`Matches`] as [`Matcher::match_demand`] on the unsharded matcher (see the
/// [module documentation](crate::matching::shard) for `conflicts_excluded`); `not_implemented` for teams,
/// `invalid_value` for no shards.
///
/// # Complexity
/// About three query evaluations per shard (two without feedback), each over the shard's
/// postings only.
///
/// # Example
/// ```
/// use kechuang::matching::{Matcher, MatchConfig, Query, ShardSpec, ShardStats, match_sharded};
/// let g = kechuang::synth::taian(7)?.graph;
/// let cfg = MatchConfig::default();
/// let stats = (0..2)
///     .map(|i| Matcher::shard_stats(&g, &cfg, ShardSpec::new(i, 2)?))
///     .collect::<kechuang::Result<Vec<_>>>()?;
/// let stats = ShardStats::merge(&stats)?;
/// let shards = (0..2)
///     .map(|i| Matcher::new_shard(&g, cfg.clone(), ShardSpec::new(i, 2)?, &stats))
///     .collect::<kechuang::Result<Vec<_>>>()?;
/// let whole = Matcher::new(&g, cfg)?;
/// let q = Query::text("余热回收 waste heat recovery");
/// assert_eq!(match_sharded(&g, &shards, &q)?.results, whole.match_demand(&g, &q)?.results);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Kulkarni and Callan, "Selective search", ACM TOIS 33(4), 2015.
pub fn match_sharded(g: &CollabGraph, shards: &[Matcher], q: &Query) -> Result<Matches> {
    let Some(first) = shards.first() else {
        return Err(Error::invalid(
            "shards",
            "is empty; build at least one shard",
        ));
    };
    check_sharding(shards)?;
    let fb = first.config().feedback.units;
    let feedback = if fb == 0 {
        Vec::new() // feedback off: no round 1
    } else {
        let hits = shards
            .iter()
            .map(|m| m.shard_feedback(g, q))
            .collect::<Result<Vec<_>>>()?;
        merge_feedback(&hits, fb)
    };
    let ext = shards
        .iter()
        .map(|m| m.shard_extremes(g, q, &feedback))
        .collect::<Result<Vec<_>>>()?;
    let ctx = QueryContext {
        feedback,
        extremes: Extremes::max(&ext),
    };
    let parts = shards
        .iter()
        .map(|m| m.match_shard(g, q, &ctx))
        .collect::<Result<Vec<_>>>()?;
    merge_matches(g, &parts, q.k)
}

/// `invalid_value` (field `shards`) unless `shards` is one whole sharding: every shard of one
/// count exactly once (or one unsharded matcher), all built with one configuration.
fn check_sharding(shards: &[Matcher]) -> Result<()> {
    let bad = |why: String| Err(Error::invalid("shards", why));
    let Some(first) = shards.first() else {
        return bad("is empty; build at least one shard".into());
    };
    let n = first.shard().unwrap_or_default().count;
    if shards.len() != n as usize {
        return bad(format!(
            "has {} matchers for a sharding into {n}; pass every shard exactly once",
            shards.len()
        ));
    }
    let mut seen = vec![false; shards.len()];
    for m in shards {
        let s = m.shard().unwrap_or_default();
        if s.count != n {
            return bad(format!(
                "mixes shardings into {n} and into {}; pass the shards of one sharding",
                s.count
            ));
        }
        match seen.get_mut(s.index as usize) {
            Some(slot) if !*slot => *slot = true,
            _ => {
                return bad(format!(
                    "holds shard {} twice; pass each shard once",
                    s.index
                ));
            }
        }
        if m.config() != first.config() {
            return bad(format!(
                "shard {} has another configuration than shard {}; build (or set_scoring) \
                 every shard with one MatchConfig",
                s.index,
                first.shard().unwrap_or_default().index
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::{Feedback, Filter};
    use crate::synth::{SynthConfig, generate};

    fn programme(seed: u64, scale: f64) -> CollabGraph {
        let cfg = SynthConfig {
            seed,
            scale,
            ..SynthConfig::default()
        };
        match generate(&cfg) {
            Ok(p) => p.graph,
            Err(e) => panic!("synth failed: {e}"),
        }
    }

    fn shards(g: &CollabGraph, cfg: &MatchConfig, n: u32) -> Result<Vec<Matcher>> {
        let parts = (0..n)
            .map(|i| Matcher::shard_stats(g, cfg, ShardSpec::new(i, n)?))
            .collect::<Result<Vec<_>>>()?;
        let stats = ShardStats::merge(&parts)?;
        (0..n)
            .map(|i| Matcher::new_shard(g, cfg.clone(), ShardSpec::new(i, n)?, &stats))
            .collect()
    }

    fn queries(g: &CollabGraph) -> Vec<Query> {
        let mut qs: Vec<Query> = g
            .nodes_of(NodeKind::Demand)
            .take(25)
            .map(|(_, n)| Query::demand(n.key.clone()))
            .collect();
        qs.push(Query::text("余热回收 waste heat recovery"));
        qs.push(Query::text("bearing fault diagnosis 轴承故障"));
        let mut soc = Query::text("新材料 复合材料 composite");
        soc.target = Target::Societies;
        qs.push(soc);
        let mut off = Query::text("智能制造 控制系统");
        off.target = Target::Offers;
        qs.push(off);
        if let Some((_, d)) = g.nodes_of(NodeKind::Demand).nth(3) {
            let mut q = Query::demand(d.key.clone()).with_k(3);
            q.filter = Filter {
                min_score: 0.1,
                ..Filter::default()
            };
            qs.push(q);
        }
        qs
    }

    /// Sharded + merged equals unsharded: same keys, bit-identical scores, same signals and
    /// explanations; conflicts excluded are a superset.
    fn check(g: &CollabGraph, cfg: &MatchConfig, n: u32) -> Result<()> {
        let whole = Matcher::new(g, cfg.clone())?;
        let parts = shards(g, cfg, n)?;
        for q in queries(g) {
            let want = whole.match_demand(g, &q)?;
            let got = match_sharded(g, &parts, &q)?;
            assert_eq!(got.results, want.results, "query {q:?}, {n} shards");
            let bits = |m: &Matches| {
                m.results
                    .iter()
                    .map(|r| r.score.to_bits())
                    .collect::<Vec<_>>()
            };
            assert_eq!(bits(&got), bits(&want));
            assert_eq!(got.query_terms, want.query_terms);
            for c in &want.conflicts_excluded {
                assert!(got.conflicts_excluded.contains(c), "conflict {c} lost");
            }
        }
        Ok(())
    }

    #[test]
    fn sharded_equals_unsharded_over_seeds_and_shard_counts() -> Result<()> {
        for seed in [1, 2, 3] {
            let g = programme(seed, 0.25);
            for n in [1, 2, 3, 5] {
                check(&g, &MatchConfig::default(), n)?;
            }
        }
        Ok(())
    }

    #[test]
    fn sharded_equals_unsharded_with_feedback_and_other_aggregations() -> Result<()> {
        let g = programme(11, 0.25);
        let fb = MatchConfig {
            feedback: Feedback {
                units: 8,
                min_units: 2,
                weight: 0.3,
            },
            ..MatchConfig::default()
        };
        check(&g, &fb, 3)?;
        for agg in [Aggregation::Max, Aggregation::Pooled] {
            let c = MatchConfig {
                aggregation: agg,
                ..MatchConfig::default()
            };
            check(&g, &c, 2)?;
        }
        Ok(())
    }

    #[test]
    fn merged_stats_equal_single_pass_stats() -> Result<()> {
        let g = programme(5, 0.2);
        let cfg = MatchConfig::default();
        let one = Matcher::shard_stats(&g, &cfg, ShardSpec::default())?;
        for n in [2, 4] {
            let parts = (0..n)
                .map(|i| Matcher::shard_stats(&g, &cfg, ShardSpec::new(i, n)?))
                .collect::<Result<Vec<_>>>()?;
            // merge in reverse order: the result must not depend on it
            let rev: Vec<ShardStats> = parts.iter().rev().cloned().collect();
            let merged = ShardStats::merge(&rev)?;
            assert_eq!(merged.corpus, one.corpus);
            assert!(merged.is_complete());
            let whole = Matcher::new(&g, cfg.clone())?;
            assert_eq!(merged.corpus.doc_count as usize, whole.index().doc_count());
            assert_eq!(merged.corpus.terms.len(), whole.index().term_count());
        }
        Ok(())
    }

    #[test]
    fn misuse_is_refused_with_codes() -> Result<()> {
        let g = programme(5, 0.1);
        let cfg = MatchConfig::default();
        assert_eq!(
            ShardSpec::new(2, 2).map_err(|e| e.code()).err(),
            Some("invalid_value")
        );
        let s0 = Matcher::shard_stats(&g, &cfg, ShardSpec::new(0, 2)?)?;
        let s1 = Matcher::shard_stats(&g, &cfg, ShardSpec::new(1, 2)?)?;
        let partial = Matcher::new_shard(&g, cfg.clone(), ShardSpec::new(0, 2)?, &s0);
        assert_eq!(partial.map_err(|e| e.code()).err(), Some("invalid_value"));
        let twice = ShardStats::merge(&[s0.clone(), s0.clone()]);
        assert_eq!(twice.map_err(|e| e.code()).err(), Some("invalid_value"));
        let stats = ShardStats::merge(&[s0, s1])?;
        let mut other = cfg.clone();
        other.bm25.k1 = 2.0;
        let mismatch = Matcher::new_shard(&g, other, ShardSpec::new(0, 2)?, &stats);
        assert_eq!(mismatch.map_err(|e| e.code()).err(), Some("invalid_value"));
        let shard = Matcher::new_shard(&g, cfg.clone(), ShardSpec::new(1, 2)?, &stats)?;
        let zero = Matcher::new_shard(&g, cfg, ShardSpec::new(0, 2)?, &stats)?;
        let q = Query::text("余热回收");
        assert_eq!(
            shard.match_demand(&g, &q).map_err(|e| e.code()).err(),
            Some("invalid_value")
        );
        let mut teams = q.clone();
        teams.target = Target::Teams;
        assert_eq!(
            match_sharded(&g, &[zero.clone(), shard.clone()], &teams)
                .map_err(|e| e.code())
                .err(),
            Some("not_implemented")
        );
        // not one whole sharding: a shard missing, a shard twice, scoring set apart
        let field = |r: Result<Matches>| r.err().and_then(|e| e.field().map(str::to_string));
        let shards_field = Some("shards".to_string());
        assert_eq!(
            field(match_sharded(&g, std::slice::from_ref(&shard), &q)),
            shards_field
        );
        let twice = [shard.clone(), shard.clone()];
        assert_eq!(field(match_sharded(&g, &twice, &q)), shards_field);
        let mut apart = zero.clone();
        let mut scoring = apart.config().clone();
        scoring.text_floor += 0.01;
        apart.set_scoring(scoring)?;
        assert_eq!(
            field(match_sharded(&g, &[apart, shard.clone()], &q)),
            shards_field
        );
        assert!(match_sharded(&g, &[shard.clone(), zero], &q).is_ok());
        // feedback given for some queries only
        let qs = [q.clone(), q];
        let fb = vec![Vec::new()];
        let short = shard.shard_extremes_batch(&g, &qs, &fb);
        assert_eq!(
            short.err().and_then(|e| e.field().map(str::to_string)),
            Some("feedback".into())
        );
        assert_eq!(shard.shard_extremes_batch(&g, &qs, &[])?.len(), 2);
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(8))]
        #[test]
        fn sharded_top_k_equals_unsharded(seed in 0u64..1000, n in 1u32..5, k in 1usize..15) {
            let g = programme(seed, 0.08);
            let cfg = MatchConfig::default();
            let whole = Matcher::new(&g, cfg.clone()).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            let parts = shards(&g, &cfg, n).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            for (_, d) in g.nodes_of(NodeKind::Demand).take(8) {
                let q = Query::demand(d.key.clone()).with_k(k);
                let want = whole.match_demand(&g, &q).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
                let got = match_sharded(&g, &parts, &q).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
                proptest::prop_assert_eq!(got.results, want.results);
            }
        }
    }
}
