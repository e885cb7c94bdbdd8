//! Query evaluation: prepare → accumulate → aggregate → signals → fuse → explain.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::config::{Aggregation, Query, Target};
use super::network::Reach;
use super::result::{
    AffinityEntry, AffinityTable, DemandMatch, MatchResult, MatchedTerm, Matches, Signals,
};
use super::shard::{Extremes, UnitHit};
use super::{Cand, Matcher, NONE};
use crate::error::{Error, Result};
use crate::graph::{CollabGraph, Direction, FrozenGraph};
use crate::model::{NodeId, NodeKind, RegionLevel, Relation};
use crate::text::{QueryTerm, Scratch, TermKind, kind_of};

/// A query resolved against the graph.
pub(crate) struct Prepared {
    pub(crate) demand_key: Option<String>,
    pub(crate) terms: Vec<QueryTerm>,
    ideal: f32,
    enterprise: Option<NodeId>,
    region_chain: Vec<NodeId>,
    industries: Vec<String>,
    disciplines: Vec<String>,
    pub(crate) skip_sources: Vec<NodeId>,
    vector: Option<Vec<f32>>,
    conflicts: Vec<NodeId>,
    exclude: Vec<NodeId>,
    filter_region: Option<NodeId>,
    reach: Reach,
    /// Corpus-wide best unit score and aggregate (sharded matching); computed when None.
    pub(crate) extremes: Option<Extremes>,
}

/// A scored candidate before explanation.
#[derive(Debug, Clone)]
pub(crate) struct Scored {
    pub(crate) cand: u32,
    pub(crate) score: f64,
    pub(crate) signals: Signals,
    pub(crate) units: [u32; 3],
}

#[derive(Default)]
struct MatchScratch {
    units: Scratch,
    top: Vec<[(f32, u32); 3]>,
    touched: Vec<u32>,
    dense: Vec<f32>,
}

thread_local! {
    static SCRATCH: RefCell<MatchScratch> = RefCell::new(MatchScratch::default());
}

fn with_scratch<R>(f: impl FnOnce(&mut MatchScratch) -> R) -> R {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        Err(_) => f(&mut MatchScratch::default()),
    })
}

pub(super) fn target_kind(t: Target) -> NodeKind {
    match t {
        Target::Experts | Target::Teams => NodeKind::Expert,
        Target::Societies => NodeKind::Society,
        Target::Offers => NodeKind::Offer,
    }
}

impl Matcher {
    /// Resolves a query: text, context, exclusions, network reach.
    pub(crate) fn prepare(&self, g: &CollabGraph, q: &Query) -> Result<Prepared> {
        self.prepare_with(g, q, None)
    }

    /// [`Matcher::prepare`] with the feedback units given (sharded matching: the corpus-wide
    /// best units, [`merge_feedback`](super::merge_feedback)) instead of found here.
    pub(crate) fn prepare_with(
        &self,
        g: &CollabGraph,
        q: &Query,
        feedback: Option<&[UnitHit]>,
    ) -> Result<Prepared> {
        if q.k == 0 {
            return Err(Error::invalid("k", "is 0; ask for at least one result"));
        }
        if q.k > crate::limits::MAX_RESULTS {
            return Err(Error::LimitExceeded {
                what: "k (results asked for)".into(),
                limit: crate::limits::MAX_RESULTS as u64,
                actual: q.k as u64,
                hint: "ask for fewer results, or page through affinity tables per demand".into(),
            });
        }
        if !(q.filter.min_score.is_finite() && (0.0..=1.0).contains(&q.filter.min_score)) {
            return Err(Error::invalid(
                "filter.min_score",
                format!(
                    "{} is not in [0, 1]; fused scores lie in [0, 1]",
                    q.filter.min_score
                ),
            ));
        }
        if q.target == Target::Teams && !(2..=5).contains(&q.team_size) {
            return Err(Error::invalid(
                "team_size",
                format!(
                    "{} is not in 2..=5; a team has two to five experts",
                    q.team_size
                ),
            ));
        }
        let mut text = String::new();
        let mut industries = q.industries.clone();
        let mut disciplines = q.disciplines.clone();
        let mut demand = None;
        let mut enterprise = None;
        let mut region = None;
        let mut skip_sources = Vec::new();
        if let Some(key) = &q.demand {
            let id = g.resolve_kind(key, NodeKind::Demand)?;
            let d = g
                .try_node(id)?
                .as_demand()
                .ok_or_else(|| Error::WrongKind {
                    key: key.clone(),
                    expected: "demand".into(),
                    actual: "other".into(),
                })?;
            text = d.text.clone();
            for k in &d.keywords {
                text.push_str(" ; ");
                text.push_str(k);
            }
            industries.extend(d.industries.iter().cloned());
            disciplines.extend(d.disciplines.iter().cloned());
            demand = Some(id);
            enterprise = g.neighbors(id, Some(Relation::Posted), Direction::In).min();
            region = g
                .region_of(id)
                .or_else(|| enterprise.and_then(|e| g.region_of(e)));
            // the demand's own solved-case evidence would leak the answer
            skip_sources.push(id);
            skip_sources.extend(g.neighbors(id, Some(Relation::About), Direction::In));
            skip_sources.sort_unstable();
            skip_sources.dedup();
        }
        if let Some(t) = &q.text {
            text = t.clone();
        }
        if text.len() > crate::limits::MAX_TEXT_BYTES {
            return Err(Error::LimitExceeded {
                what: "demand text length in bytes".into(),
                limit: crate::limits::MAX_TEXT_BYTES as u64,
                actual: text.len() as u64,
                hint: "shorten the demand to its problem statement".into(),
            });
        }
        if text.trim().is_empty() {
            return Err(Error::invalid(
                "text",
                "the demand text is empty; describe the technical problem (any mix of Chinese and English)",
            ));
        }
        if let Some(e) = &q.enterprise {
            enterprise = Some(g.resolve(e)?);
            region = region.or_else(|| enterprise.and_then(|e| g.region_of(e)));
        }
        if let Some(r) = &q.region {
            region = Some(g.resolve_kind(r, NodeKind::Region)?);
        }
        let resolve_all = |keys: &[String]| -> Result<Vec<NodeId>> {
            let mut v = keys
                .iter()
                .map(|k| g.resolve(k))
                .collect::<Result<Vec<_>>>()?;
            v.sort_unstable();
            v.dedup();
            Ok(v)
        };
        let conflicts = resolve_all(&q.conflicts)?;
        let exclude = resolve_all(&q.filter.exclude)?;
        let filter_region = match &q.filter.region {
            Some(r) => Some(g.resolve_kind(r, NodeKind::Region)?),
            None => None,
        };
        let vector = match &q.vector {
            Some(v) => {
                if self.vectors.dim != 0 && v.len() != self.vectors.dim {
                    return Err(Error::invalid(
                        "vector",
                        format!(
                            "has dimension {}, the matcher's vectors have {}",
                            v.len(),
                            self.vectors.dim
                        ),
                    ));
                }
                Some(super::unit_vector(v, "vector")?)
            }
            None => None,
        };
        if !q.filter.min_score.is_finite() {
            return Err(Error::invalid("filter.min_score", "is not finite"));
        }
        let fuzzy = self.config.fuzzy.enabled.then_some(&self.fuzzy);
        let mut terms = self
            .index
            .query_terms(&text, self.config.unigram_weight, fuzzy);
        for t in &mut terms {
            t.weight *= self.specificity(t.term) as f32;
        }
        terms.retain(|t| t.weight > 0.0);
        let extra = match feedback {
            Some(hits) => {
                let sources: Vec<NodeId> = hits.iter().map(|h| NodeId::new(h.source)).collect();
                self.feedback_from(g, &terms, &sources)
            }
            None => {
                let sources: Vec<NodeId> = self
                    .feedback_units(&terms, &skip_sources)
                    .into_iter()
                    .map(|h| NodeId::new(h.source))
                    .collect();
                self.feedback_from(g, &terms, &sources)
            }
        };
        terms.extend(extra);
        let k1 = self.index.params().k1;
        let ideal = terms
            .iter()
            .map(|t| t.weight * self.index.idf(t.term) * (k1 + 1.0))
            .sum();
        let frozen = g.frozen();
        let start = enterprise.or(demand).and_then(|s| frozen.dense(s));
        let reach = match start {
            Some(s) if self.config.weights.network > 0.0 => {
                Reach::from(&frozen, s, &self.config.network)
            }
            _ => Reach::default(),
        };
        let region_chain = region.map(|r| g.region_ancestors(r)).unwrap_or_default();
        Ok(Prepared {
            demand_key: q.demand.clone(),
            terms,
            ideal,
            enterprise,
            region_chain,
            industries,
            disciplines,
            skip_sources,
            vector,
            conflicts,
            exclude,
            filter_region,
            reach,
            extremes: None,
        })
    }

    /// Scores candidates of `kind`. With `only`, exactly those candidates (no pruning, filters
    /// still apply); otherwise the best `k` (safe pruning on an upper bound of the fused score).
    pub(crate) fn evaluate(
        &self,
        g: &CollabGraph,
        p: &Prepared,
        q: &Query,
        kind: NodeKind,
        only: Option<&[u32]>,
        k: usize,
    ) -> (Vec<Scored>, Vec<u32>) {
        let frozen = g.frozen();
        with_scratch(|s| self.evaluate_in(g, &frozen, p, q, kind, only, k, s))
    }

    /// Aggregate of a candidate's best three unit scores.
    fn agg(&self, t: &[(f32, u32); 3]) -> f32 {
        match self.config.aggregation {
            Aggregation::TopThree => t[0].0 + t[1].0 / 2.0 + t[2].0 / 3.0,
            Aggregation::Max | Aggregation::Pooled => t[0].0,
        }
    }

    /// Scores units, aggregates them per candidate of `kind` (into `s.top`, `s.touched`) and
    /// dense similarities (into `s.dense`); returns the best unit score, the best aggregate and
    /// the candidates with a dense similarity.
    fn text_pass(
        &self,
        p: &Prepared,
        kind: NodeKind,
        s: &mut MatchScratch,
    ) -> (f32, f32, Vec<u32>) {
        // 1. unit scores
        let skip = |u: u32| {
            !p.skip_sources.is_empty()
                && self
                    .units
                    .get(u as usize)
                    .is_some_and(|x| p.skip_sources.binary_search(&x.source).is_ok())
        };
        self.index.accumulate(&p.terms, &mut s.units, skip);
        let best_unit = s
            .units
            .touched
            .iter()
            .map(|&u| s.units.scores[u as usize])
            .fold(0.0f32, f32::max);
        // 2. aggregate per candidate of this kind
        for &c in &s.touched {
            if let Some(t) = s.top.get_mut(c as usize) {
                *t = [(0.0, NONE); 3];
            }
        }
        s.touched.clear();
        if s.top.len() < self.cands.len() {
            s.top.resize(self.cands.len(), [(0.0, NONE); 3]);
        }
        for i in 0..s.units.touched.len() {
            let u = s.units.touched[i];
            let sc = s.units.scores[u as usize];
            for &o in self.unit_owners(u) {
                if self.cands[o as usize].kind != kind {
                    continue;
                }
                let t = &mut s.top[o as usize];
                if t[0].1 == NONE {
                    s.touched.push(o);
                }
                insert_top(t, sc, u);
            }
        }
        // dense similarity per candidate
        let dense_on = p.vector.is_some() && self.vectors.dim > 0;
        if s.dense.len() < self.cands.len() {
            s.dense.resize(self.cands.len(), 0.0);
        }
        let mut dense_touched: Vec<u32> = Vec::new();
        if let (true, Some(qv)) = (dense_on, &p.vector) {
            let dim = self.vectors.dim;
            for (i, &u) in self.vectors.units.iter().enumerate() {
                if skip(u) {
                    continue;
                }
                let v = &self.vectors.data[i * dim..(i + 1) * dim];
                let cos: f32 = v.iter().zip(qv).map(|(a, b)| a * b).sum::<f32>().max(0.0);
                if cos <= 0.0 {
                    continue;
                }
                for &o in self.unit_owners(u) {
                    if self.cands[o as usize].kind != kind {
                        continue;
                    }
                    let d = &mut s.dense[o as usize];
                    if *d == 0.0 {
                        dense_touched.push(o);
                    }
                    *d = d.max(cos);
                }
            }
        }
        let max_agg = s
            .touched
            .iter()
            .map(|&c| self.agg(&s.top[c as usize]))
            .fold(0.0f32, f32::max);
        (best_unit, max_agg, dense_touched)
    }

    /// The best unit score and the best candidate aggregate of a query over this matcher's
    /// candidates of `kind` (a shard's part of [`Extremes`]).
    pub(crate) fn extremes_of(&self, p: &Prepared, kind: NodeKind) -> Extremes {
        with_scratch(|s| {
            let (best_unit, max_agg, dense_touched) = self.text_pass(p, kind, s);
            for &c in &dense_touched {
                if let Some(d) = s.dense.get_mut(c as usize) {
                    *d = 0.0;
                }
            }
            Extremes { best_unit, max_agg }
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn evaluate_in(
        &self,
        g: &CollabGraph,
        frozen: &FrozenGraph,
        p: &Prepared,
        q: &Query,
        kind: NodeKind,
        only: Option<&[u32]>,
        k: usize,
        s: &mut MatchScratch,
    ) -> (Vec<Scored>, Vec<u32>) {
        let (best_unit, max_agg, dense_touched) = self.text_pass(p, kind, s);
        let (best_unit, max_agg) = match p.extremes {
            Some(e) => (e.best_unit, e.max_agg),
            None => (best_unit, max_agg),
        };
        let norm = f64::from(max_agg)
            .max(self.config.text_floor * f64::from(p.ideal))
            .max(1e-12);
        let dense_on = p.vector.is_some() && self.vectors.dim > 0;
        let dw = if dense_on {
            self.config.dense_weight
        } else {
            0.0
        };
        let text_of = |c: u32, s: &MatchScratch| -> f64 {
            let lex = (f64::from(self.agg(&s.top[c as usize])) / norm).min(1.0);
            let dense = f64::from(s.dense[c as usize]).min(1.0);
            (1.0 - dw) * lex + dw * dense
        };
        // 3. the pool
        let mut pool: Vec<u32> = match only {
            Some(list) => list.to_vec(),
            None => {
                let mut v = s.touched.clone();
                v.extend(dense_touched.iter().copied());
                for d in p.reach.reached() {
                    if frozen.kind(d) == kind {
                        let id = frozen.id(d);
                        if let Some(&c) = self.cand_of_node.get(id.index())
                            && c != NONE
                            && self.shard.is_none_or(|sh| sh.owns(c))
                        {
                            v.push(c);
                        }
                    }
                }
                v.sort_unstable();
                v.dedup();
                v
            }
        };
        let mut texts: Vec<(u32, f64)> = pool.drain(..).map(|c| (c, text_of(c, s))).collect();
        texts.sort_by(|a, b| {
            b.1.total_cmp(&a.1).then(
                self.cands[a.0 as usize]
                    .id
                    .cmp(&self.cands[b.0 as usize].id),
            )
        });
        // 4. signals, filters, fusion with safe pruning
        let w = self.config.weights.as_array();
        let wsum: f64 = w.iter().sum();
        let wn: Vec<f64> = w.iter().map(|x| x / wsum).collect();
        let rest: f64 = wn[1..].iter().sum();
        let mut heap: BinaryHeap<Reverse<OrdF64>> = BinaryHeap::new();
        let mut out = Vec::new();
        let mut conflicts = Vec::new();
        for (c, text) in texts {
            if only.is_none() && heap.len() >= k {
                let kth = heap.peek().map_or(0.0, |r| r.0.0);
                if wn[0] * text + rest < kth {
                    break;
                }
            }
            let cand = &self.cands[c as usize];
            if cand.kind != kind || g.node(cand.id).is_none_or(|n| n.key != cand.key) {
                continue;
            }
            if self.in_conflict(g, p, cand) {
                conflicts.push(c);
                continue;
            }
            if !self.passes(g, p, q, cand) {
                continue;
            }
            let sig = [
                text,
                self.taxonomy_fit(g, p, cand),
                frozen.dense(cand.id).map_or(0.0, |d| p.reach.strength(d)),
                self.track_record(cand, s, best_unit),
                availability(g, cand),
                cand.seniority,
                self.locality(g, p, cand),
            ];
            let score: f64 = sig
                .iter()
                .zip(&wn)
                .map(|(s, w)| s * w)
                .sum::<f64>()
                .clamp(0.0, 1.0);
            if score < q.filter.min_score {
                continue;
            }
            let t = s.top.get(c as usize).copied().unwrap_or([(0.0, NONE); 3]);
            let units = [t[0].1, t[1].1, t[2].1];
            if only.is_none() {
                heap.push(Reverse(OrdF64(score)));
                if heap.len() > k {
                    heap.pop();
                }
            }
            out.push(Scored {
                cand: c,
                score,
                signals: Signals::from_array(sig),
                units,
            });
        }
        out.sort_by(|a, b| {
            b.score.total_cmp(&a.score).then(
                self.cands[a.cand as usize]
                    .id
                    .cmp(&self.cands[b.cand as usize].id),
            )
        });
        if only.is_none() {
            out.truncate(k);
        }
        for &c in &dense_touched {
            if let Some(d) = s.dense.get_mut(c as usize) {
                *d = 0.0;
            }
        }
        conflicts.sort_unstable();
        (out, conflicts)
    }

    /// The `feedback.units` best evidence units of the query terms (none when feedback is
    /// off), best first, ties by unit order (= source id order).
    pub(crate) fn feedback_units(
        &self,
        terms: &[QueryTerm],
        skip_sources: &[NodeId],
    ) -> Vec<UnitHit> {
        let fb = self.config.feedback;
        if fb.units == 0 || fb.weight <= 0.0 || terms.is_empty() {
            return Vec::new();
        }
        let skip = |u: u32| {
            !skip_sources.is_empty()
                && self
                    .units
                    .get(u as usize)
                    .is_some_and(|x| skip_sources.binary_search(&x.source).is_ok())
        };
        with_scratch(|s| {
            self.index.accumulate(terms, &mut s.units, skip);
            let mut hits: Vec<(f32, u32)> = s
                .units
                .touched
                .iter()
                .map(|&u| (s.units.scores[u as usize], u))
                .collect();
            hits.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            hits.into_iter()
                .take(fb.units)
                .filter_map(|(score, u)| {
                    self.units.get(u as usize).map(|x| UnitHit {
                        source: x.source.get(),
                        score,
                    })
                })
                .collect()
        })
    }

    /// Pseudo-relevance feedback: the words and bigrams of the keywords of the best-scoring
    /// evidence units (given by their sources) that occur in at least `feedback.min_units` of
    /// them and not in the query, weighted `feedback.weight × specificity`.
    fn feedback_from(
        &self,
        g: &CollabGraph,
        terms: &[QueryTerm],
        top: &[NodeId],
    ) -> Vec<QueryTerm> {
        let fb = self.config.feedback;
        if fb.units == 0 || fb.weight <= 0.0 || terms.is_empty() {
            return Vec::new();
        }
        let mut counts: std::collections::BTreeMap<u32, usize> = Default::default();
        for &src in top {
            let Some(node) = g.node(src) else {
                continue;
            };
            let kws: &[String] = match &node.data {
                crate::model::NodeData::Expert(e) => &e.keywords,
                crate::model::NodeData::Document(d) => &d.keywords,
                crate::model::NodeData::Offer(o) => &o.keywords,
                crate::model::NodeData::Demand(d) => &d.keywords,
                crate::model::NodeData::Society(s) => &s.keywords,
                _ => &[],
            };
            let mut seen: Vec<u32> = Vec::new();
            for kw in kws {
                crate::text::tokenize(kw, |t, kind| {
                    if kind != TermKind::CjkUnigram
                        && let Some(id) = self.index.lookup(t)
                    {
                        seen.push(id);
                    }
                });
            }
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                *counts.entry(t).or_insert(0) += 1;
            }
        }
        counts
            .into_iter()
            .filter(|&(t, c)| c >= fb.min_units && !terms.iter().any(|q| q.term == t))
            .map(|(t, _)| QueryTerm {
                term: t,
                weight: fb.weight * self.specificity(t) as f32,
                text: self.index.term(t).to_string(),
                expanded_from: Some("(feedback)".into()),
            })
            .filter(|q| q.weight > 0.0)
            .collect()
    }

    /// Weight factor of a query term from its share of the graph's demands (see
    /// [`MatchConfig::generic`](super::MatchConfig::generic)).
    fn specificity(&self, term: u32) -> f64 {
        let df = match self.demand_df.binary_search_by_key(&term, |x| x.0) {
            Ok(i) => self.demand_df[i].1,
            Err(_) => 0,
        };
        let p = f64::from(df) / (f64::from(self.demand_count) + 100.0);
        let (lo, hi) = self.config.generic;
        if p <= lo {
            1.0
        } else if p >= hi {
            0.0
        } else {
            ((hi / p).ln() / (hi / lo).ln()).clamp(0.0, 1.0)
        }
    }

    fn in_conflict(&self, g: &CollabGraph, p: &Prepared, c: &Cand) -> bool {
        let hit = |id: NodeId| Some(id) == p.enterprise || p.conflicts.binary_search(&id).is_ok();
        if p.conflicts.binary_search(&c.id).is_ok() {
            return true;
        }
        match c.kind {
            NodeKind::Expert => g
                .neighbors(c.id, Some(Relation::AffiliatedWith), Direction::Out)
                .any(hit),
            NodeKind::Offer => g
                .neighbors(c.id, Some(Relation::Offers), Direction::In)
                .any(hit),
            _ => false,
        }
    }

    fn passes(&self, g: &CollabGraph, p: &Prepared, q: &Query, c: &Cand) -> bool {
        let f = &q.filter;
        if p.exclude.binary_search(&c.id).is_ok() {
            return false;
        }
        if c.kind == NodeKind::Expert {
            if f.academicians_only && !c.titles.iter().any(|t| t.is_academician()) {
                return false;
            }
            if !f.titles.is_empty() && !c.titles.iter().any(|t| f.titles.contains(t)) {
                return false;
            }
        }
        if !f.society_levels.is_empty() {
            let level_ok = |i: u32| {
                self.cands
                    .get(i as usize)
                    .and_then(|x| x.level)
                    .is_some_and(|l| f.society_levels.contains(&l))
            };
            let ok = match c.kind {
                NodeKind::Society => c.level.is_some_and(|l| f.society_levels.contains(&l)),
                NodeKind::Expert => c.links.iter().any(|&s| level_ok(s)),
                _ => c.links.iter().any(|&o| {
                    level_ok(o)
                        || self
                            .cands
                            .get(o as usize)
                            .is_some_and(|x| x.links.iter().any(|&s| level_ok(s)))
                }),
            };
            if !ok {
                return false;
            }
        }
        if let Some(r) = p.filter_region {
            let inside = self
                .region_of(g, c)
                .is_some_and(|cr| g.region_ancestors(cr).contains(&r));
            if !inside {
                return false;
            }
        }
        true
    }

    /// The region of a candidate: its own, else its first employer's (experts), else its
    /// offeror's (offers).
    fn region_of(&self, g: &CollabGraph, c: &Cand) -> Option<NodeId> {
        g.region_of(c.id).or_else(|| match c.kind {
            NodeKind::Expert => g
                .neighbors(c.id, Some(Relation::AffiliatedWith), Direction::Out)
                .filter_map(|i| g.region_of(i))
                .min(),
            NodeKind::Offer => c
                .links
                .iter()
                .filter_map(|&o| self.cands.get(o as usize))
                .filter_map(|o| self.region_of(g, o))
                .min(),
            _ => None,
        })
    }

    fn taxonomy_fit(&self, g: &CollabGraph, p: &Prepared, c: &Cand) -> f64 {
        let mut fit = g.taxonomy().fit(&p.industries, &c.disciplines);
        if p.disciplines.iter().any(|d| c.disciplines.contains(d))
            || p.industries.iter().any(|i| c.industries.contains(i))
        {
            fit = 1.0;
        }
        fit.clamp(0.0, 1.0)
    }

    /// `1 − Π (1 − sim·q)` over the candidate's solved demands, where `sim` is the solved
    /// demand's text score relative to the best unit's and `q` is 1 when it produced an outcome,
    /// 0.6 otherwise. With the pooled model (no per-demand scores), `sim` is 0.5.
    fn track_record(&self, c: &Cand, s: &MatchScratch, best_unit: f32) -> f64 {
        let mut miss = 1.0f64;
        for &(u, outcome) in &c.solved {
            let sim = if self.config.aggregation == Aggregation::Pooled {
                0.5
            } else if best_unit > 0.0 {
                f64::from(s.units.scores.get(u as usize).copied().unwrap_or(0.0) / best_unit)
            } else {
                0.0
            };
            let qf = if outcome { 1.0 } else { 0.6 };
            miss *= 1.0 - (sim * qf).clamp(0.0, 1.0);
        }
        (1.0 - miss).clamp(0.0, 1.0)
    }

    fn locality(&self, g: &CollabGraph, p: &Prepared, c: &Cand) -> f64 {
        let Some(&dr) = p.region_chain.first() else {
            return 0.0;
        };
        let Some(cr) = self.region_of(g, c) else {
            return 0.0;
        };
        if cr == dr {
            return 1.0;
        }
        // a workstation of the candidate in the demand's region
        let stations = [Relation::Leads, Relation::Participates]
            .into_iter()
            .flat_map(|r| g.neighbors(c.id, Some(r), Direction::Out))
            .filter(|&w| g.node(w).is_some_and(|n| n.kind() == NodeKind::Workstation));
        for w in stations {
            let wr = g.region_of(w).or_else(|| {
                g.neighbors(w, Some(Relation::Hosts), Direction::In)
                    .filter_map(|e| g.region_of(e))
                    .min()
            });
            if wr.is_some_and(|wr| g.region_ancestors(wr).contains(&dr)) {
                return 0.8;
            }
        }
        let cchain = g.region_ancestors(cr);
        if cchain.contains(&dr) || p.region_chain.contains(&cr) {
            return 0.6;
        }
        let shared_city = cchain.iter().any(|r| {
            p.region_chain.contains(r)
                && g.node(*r)
                    .and_then(|n| n.as_region())
                    .is_some_and(|x| x.level != RegionLevel::Province)
        });
        if shared_city { 0.4 } else { 0.0 }
    }

    /// Builds the explained result of a scored candidate.
    pub(crate) fn explain(&self, g: &CollabGraph, p: &Prepared, sc: &Scored) -> MatchResult {
        let c = &self.cands[sc.cand as usize];
        let w = self.config.weights.as_array();
        let wsum: f64 = w.iter().sum();
        let sig = sc.signals.as_array();
        let mut contrib = [0.0; 7];
        for i in 0..7 {
            contrib[i] = sig[i] * w[i] / wsum;
        }
        let mut matched: Vec<MatchedTerm> = Vec::new();
        for &u in sc.units.iter().filter(|&&u| u != NONE) {
            let Some(unit) = self.units.get(u as usize) else {
                continue;
            };
            for t in &p.terms {
                if kind_of(&t.text) == TermKind::CjkUnigram
                    || matched.iter().any(|m| m.term == t.text)
                {
                    continue;
                }
                if self.index.contains(t.term, u) {
                    matched.push(MatchedTerm {
                        term: t.text.clone(),
                        source: unit.key.clone(),
                        expanded_from: t.expanded_from.clone(),
                    });
                }
            }
        }
        let frozen = g.frozen();
        let path = frozen
            .dense(c.id)
            .map(|d| {
                p.reach
                    .path(d)
                    .into_iter()
                    .map(|x| g.key(frozen.id(x)).to_string())
                    .collect()
            })
            .unwrap_or_default();
        MatchResult {
            key: c.key.clone(),
            kind: c.kind,
            name: c.name.clone(),
            score: sc.score,
            signals: sc.signals,
            contributions: Signals::from_array(contrib),
            matched_terms: matched,
            path,
        }
    }

    /// Ranks experts, societies, offers or teams for a demand, with explanations.
    ///
    /// Every candidate whose evidence shares a term with the query, or that the enterprise
    /// reaches in the network, is scored on seven signals ([`Signals`]); the fused score is
    /// `Σ wᵢ·sᵢ / Σ wᵢ`. Candidates in conflict of interest (experts employed by the asking
    /// enterprise, offers made by it, anything in [`Query::conflicts`] or employed there) and
    /// candidates failing the [`Filter`](super::Filter) are left out.
    ///
    /// # Arguments
    /// * `g` — the graph the matcher was built from (or a later version of it).
    /// * `q` — the query.
    ///
    /// # Returns
    /// [`Matches`]: up to `k` results, best first, ties by id; teams for [`Target::Teams`].
    /// Errors: `invalid_value` (empty text, k = 0, bad vector or min_score), `unknown_key`,
    /// `wrong_kind`, `limit_exceeded` (text above [`crate::limits::MAX_TEXT_BYTES`]).
    ///
    /// # Complexity
    /// O(Σ postings of the query terms + U·o) to score U touched units with o owners each, plus
    /// the network search (bounded by [`NetworkConfig`](super::NetworkConfig)), plus the signals
    /// of the candidates not pruned by the score bound; O(units + candidates) scratch per
    /// thread, reused.
    ///
    /// # Example
    /// See the [module documentation](crate::matching).
    ///
    /// # Reference
    /// Balog et al., "Expertise retrieval", Foundations and Trends in IR 6(2–3), 2012.
    pub fn match_demand(&self, g: &CollabGraph, q: &Query) -> Result<Matches> {
        self.whole()?;
        let p = self.prepare(g, q)?;
        self.respond(g, &p, q)
    }

    /// Refuses to answer alone when this matcher is one shard (its maxima are not the
    /// corpus's).
    fn whole(&self) -> Result<()> {
        match self.shard {
            Some(s) if s.count > 1 => Err(Error::invalid(
                "matcher",
                format!(
                    "is shard {} of {}; match through matching::match_sharded or the rounds shard_feedback, shard_extremes, match_shard",
                    s.index, s.count
                ),
            )),
            _ => Ok(()),
        }
    }

    /// This shard's feedback units for a query (round 1 of sharded matching).
    pub(crate) fn feedback_hits(&self, g: &CollabGraph, q: &Query) -> Result<Vec<UnitHit>> {
        let p = self.prepare_with(g, q, Some(&[]))?;
        Ok(self.feedback_units(&p.terms, &p.skip_sources))
    }

    /// Scores, prunes and explains a prepared query.
    pub(crate) fn respond(&self, g: &CollabGraph, p: &Prepared, q: &Query) -> Result<Matches> {
        let kind = target_kind(q.target);
        let pool_k = if q.target == Target::Teams {
            q.k.max(30)
        } else {
            q.k
        };
        let (scored, conflicts) = self.evaluate(g, p, q, kind, None, pool_k);
        let teams = if q.target == Target::Teams {
            self.build_teams(g, p, q, &scored)?
        } else {
            Vec::new()
        };
        let results = scored
            .iter()
            .take(q.k)
            .map(|s| self.explain(g, p, s))
            .collect();
        Ok(Matches {
            demand: p.demand_key.clone(),
            target: q.target,
            results,
            teams,
            query_terms: p.terms.iter().map(|t| t.text.clone()).collect(),
            conflicts_excluded: conflicts
                .iter()
                .map(|&c| self.cands[c as usize].key.clone())
                .collect(),
        })
    }

    /// [`Matcher::match_demand`] for many queries, in parallel when the `parallel` feature is
    /// on; the results are identical to one at a time. Stops at the first failing query (in
    /// input order) with its error.
    ///
    /// # Arguments
    /// * `g` — the graph.
    /// * `queries` — the queries.
    ///
    /// # Returns
    /// One [`Matches`] per query, in input order.
    ///
    /// # Complexity
    /// The sum of the queries' costs, divided over the cores; one scratch per thread.
    ///
    /// # Example
    /// ```
    /// # use kechuang::graph::CollabGraph;
    /// # use kechuang::matching::{Matcher, MatchConfig, Query};
    /// # use kechuang::model::*;
    /// let mut g = CollabGraph::new();
    /// let mut x = Node::new("x:li", NodeKind::Expert, "李明");
    /// if let NodeData::Expert(e) = &mut x.data { e.keywords = vec!["余热回收".into()]; }
    /// g.add_node(x)?;
    /// let m = Matcher::new(&g, MatchConfig::default())?;
    /// let qs = vec![Query::text("余热回收"), Query::text("heat")];
    /// let out = m.match_batch(&g, &qs)?;
    /// assert_eq!(out[0], m.match_demand(&g, &qs[0])?);
    /// assert!(out[1].is_empty());
    /// # Ok::<(), kechuang::Error>(())
    /// ```
    ///
    /// # Reference
    /// Data parallelism with rayon's work stealing (Blumofe and Leiserson, JACM 46(5), 1999).
    pub fn match_batch(&self, g: &CollabGraph, queries: &[Query]) -> Result<Vec<Matches>> {
        self.match_batch_with(g, queries, |_, _| Ok::<(), Error>(()))
    }

    /// [`Matcher::match_batch`] with a progress hook `hook(done, total)` called on the caller's
    /// thread after each chunk of queries; an error from the hook stops the batch and is
    /// returned as is.
    pub fn match_batch_with<E: From<Error>>(
        &self,
        g: &CollabGraph,
        queries: &[Query],
        mut hook: impl FnMut(usize, usize) -> std::result::Result<(), E>,
    ) -> std::result::Result<Vec<Matches>, E> {
        let _ = g.frozen();
        let mut out = Vec::with_capacity(queries.len());
        for chunk in queries.chunks(256) {
            let part: Vec<Result<Matches>> = par_map(chunk, |q| self.match_demand(g, q));
            for r in part {
                out.push(r?);
            }
            hook(out.len(), queries.len())?;
        }
        Ok(out)
    }

    /// The scores of given (demand key, candidate key) pairs — the same score each candidate
    /// would get in [`Matcher::match_demand`] for that demand with default filters, and 0 for a
    /// candidate in conflict of interest. Sorted like [`AffinityTable`].
    ///
    /// # Arguments
    /// * `g` — the graph.
    /// * `pairs` — (demand key, candidate key) pairs; candidates may be experts, societies or
    ///   offers.
    ///
    /// # Returns
    /// An [`AffinityTable`] with one entry per distinct pair. Errors: `unknown_key`,
    /// `wrong_kind` (a key that is not a demand / not a candidate).
    ///
    /// # Complexity
    /// One query evaluation per distinct (demand, candidate kind), in parallel.
    ///
    /// # Example
    /// ```
    /// # use kechuang::graph::CollabGraph;
    /// # use kechuang::matching::{Matcher, MatchConfig, Query};
    /// # use kechuang::model::*;
    /// let mut g = CollabGraph::new();
    /// let mut x = Node::new("x:li", NodeKind::Expert, "李明");
    /// if let NodeData::Expert(e) = &mut x.data { e.keywords = vec!["余热回收".into()]; }
    /// g.add_node(x)?;
    /// g.add_node(Node::with_data("d:1", "余热", NodeData::Demand(Demand::new("余热回收改造"))))?;
    /// let m = Matcher::new(&g, MatchConfig::default())?;
    /// let t = m.affinity(&g, &[("d:1".into(), "x:li".into())])?;
    /// let fwd = m.match_demand(&g, &Query::demand("d:1"))?;
    /// assert_eq!(t.score("d:1", "x:li"), Some(fwd.results[0].score));
    /// # Ok::<(), kechuang::Error>(())
    /// ```
    ///
    /// # Reference
    /// Affinity matrices as input of reviewer assignment: Charlin and Zemel, "The Toronto paper
    /// matching system", ICML workshop 2013.
    pub fn affinity(&self, g: &CollabGraph, pairs: &[(String, String)]) -> Result<AffinityTable> {
        self.whole()?;
        let mut groups: Vec<(String, NodeKind, Vec<u32>)> = Vec::new();
        for (d, c) in pairs {
            let ci = self.cand_index(g, c)?;
            let kind = self.cands[ci as usize].kind;
            match groups.iter_mut().find(|x| &x.0 == d && x.1 == kind) {
                Some(gr) => gr.2.push(ci),
                None => groups.push((d.clone(), kind, vec![ci])),
            }
        }
        let parts: Vec<Result<Vec<AffinityEntry>>> = par_map(&groups, |(d, kind, cs)| {
            let q = Query::demand(d.clone());
            let p = self.prepare(g, &q)?;
            let (scored, _) = self.evaluate(g, &p, &q, *kind, Some(cs), usize::MAX);
            Ok(cs
                .iter()
                .map(|&c| AffinityEntry {
                    demand: d.clone(),
                    candidate: self.cands[c as usize].key.clone(),
                    score: scored.iter().find(|s| s.cand == c).map_or(0.0, |s| s.score),
                })
                .collect())
        });
        let mut t = AffinityTable::default();
        for p in parts {
            t.entries.extend(p?);
        }
        t.sort();
        Ok(t)
    }

    /// A sparse affinity table: for each demand, its `k` best experts (as
    /// [`Matcher::match_demand`] ranks them), computed in parallel. The input of assignment.
    ///
    /// # Arguments
    /// * `g` — the graph.
    /// * `demand_keys` — the demands.
    /// * `k` — candidates kept per demand (≥ 1).
    ///
    /// # Returns
    /// The table, sorted by demand, score descending, candidate key. Errors: `invalid_value`
    /// for k = 0, and every error of [`Matcher::match_demand`].
    ///
    /// # Complexity
    /// One query per demand, in parallel; O(demands × k) entries.
    ///
    /// # Example
    /// ```
    /// # use kechuang::graph::CollabGraph;
    /// # use kechuang::matching::{Matcher, MatchConfig};
    /// # use kechuang::model::*;
    /// let mut g = CollabGraph::new();
    /// for (k, kw) in [("x:li", "余热回收"), ("x:wang", "药物合成")] {
    ///     let mut x = Node::new(k, NodeKind::Expert, k);
    ///     if let NodeData::Expert(e) = &mut x.data { e.keywords = vec![kw.into()]; }
    ///     g.add_node(x)?;
    /// }
    /// g.add_node(Node::with_data("d:1", "余热", NodeData::Demand(Demand::new("余热回收改造"))))?;
    /// let m = Matcher::new(&g, MatchConfig::default())?;
    /// let t = m.affinity_table(&g, &["d:1".into()], 5)?;
    /// assert_eq!(t.entries[0].candidate, "x:li");
    /// # Ok::<(), kechuang::Error>(())
    /// ```
    ///
    /// # Reference
    /// Charlin and Zemel, "The Toronto paper matching system", 2013.
    pub fn affinity_table(
        &self,
        g: &CollabGraph,
        demand_keys: &[String],
        k: usize,
    ) -> Result<AffinityTable> {
        let queries: Vec<Query> = demand_keys
            .iter()
            .map(|d| Query::demand(d.clone()).with_k(k))
            .collect();
        let ms = self.match_batch(g, &queries)?;
        let mut t = AffinityTable::default();
        for (d, m) in demand_keys.iter().zip(ms) {
            t.entries
                .extend(m.results.into_iter().map(|r| AffinityEntry {
                    demand: d.clone(),
                    candidate: r.key,
                    score: r.score,
                }));
        }
        t.sort();
        Ok(t)
    }

    /// Reverse matching (push / subscription): the open demands an expert, society or offer
    /// fits best. Each demand is scored exactly as [`Matcher::match_demand`] would score this
    /// candidate for it; demands the candidate already engages in or solved, and demands where
    /// it is in conflict of interest, are left out.
    ///
    /// # Arguments
    /// * `g` — the graph.
    /// * `key` — the candidate.
    /// * `k` — how many demands (≥ 1).
    ///
    /// # Returns
    /// Up to `k` demands, best first, ties by id. Errors: `unknown_key`, `wrong_kind`,
    /// `invalid_value` (k = 0).
    ///
    /// # Complexity
    /// One query evaluation per open demand (parallel when the `parallel` feature is on).
    ///
    /// # Example
    /// ```
    /// # use kechuang::graph::CollabGraph;
    /// # use kechuang::matching::{Matcher, MatchConfig};
    /// # use kechuang::model::*;
    /// let mut g = CollabGraph::new();
    /// let mut x = Node::new("x:li", NodeKind::Expert, "李明");
    /// if let NodeData::Expert(e) = &mut x.data { e.keywords = vec!["余热回收".into()]; }
    /// g.add_node(x)?;
    /// g.add_node(Node::with_data("d:1", "余热", NodeData::Demand(Demand::new("余热回收改造"))))?;
    /// g.add_node(Node::with_data("d:2", "制药", NodeData::Demand(Demand::new("药物缓释"))))?;
    /// let m = Matcher::new(&g, MatchConfig::default())?;
    /// let fits = m.reverse(&g, "x:li", 5)?;
    /// assert_eq!(fits[0].demand, "d:1");
    /// # Ok::<(), kechuang::Error>(())
    /// ```
    ///
    /// # Reference
    /// Push-style expert recommendation, as in Balog et al. 2012, section 6.
    pub fn reverse(&self, g: &CollabGraph, key: &str, k: usize) -> Result<Vec<DemandMatch>> {
        self.whole()?;
        if k == 0 {
            return Err(Error::invalid("k", "is 0; ask for at least one result"));
        }
        let c = self.cand_index(g, key)?;
        let cand = &self.cands[c as usize];
        let mut busy: Vec<NodeId> = g
            .neighbors(cand.id, Some(Relation::Engaged), Direction::Out)
            .chain(g.neighbors(cand.id, Some(Relation::Solved), Direction::Out))
            .collect();
        busy.sort_unstable();
        let demands: Vec<(NodeId, String, String)> = g
            .nodes_of(NodeKind::Demand)
            .filter(|(id, n)| {
                busy.binary_search(id).is_err()
                    && n.as_demand()
                        .is_some_and(|d| d.status().is_open() && !d.text.trim().is_empty())
            })
            .map(|(id, n)| (id, n.key.clone(), n.name.clone()))
            .collect();
        let parts: Vec<Result<Option<DemandMatch>>> = par_map(&demands, |(_, dk, name)| {
            let q = Query::demand(dk.clone());
            let p = self.prepare(g, &q)?;
            let (scored, _) = self.evaluate(g, &p, &q, cand.kind, Some(&[c]), usize::MAX);
            Ok(scored
                .into_iter()
                .next()
                .filter(|s| s.score > 0.0)
                .map(|s| DemandMatch {
                    demand: dk.clone(),
                    name: name.clone(),
                    score: s.score,
                    signals: s.signals,
                }))
        });
        let mut out: Vec<(NodeId, DemandMatch)> = Vec::new();
        for ((id, _, _), r) in demands.iter().zip(parts) {
            if let Some(m) = r? {
                out.push((*id, m));
            }
        }
        out.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));
        out.truncate(k);
        Ok(out.into_iter().map(|x| x.1).collect())
    }

    pub(crate) fn cand(&self, c: u32) -> &Cand {
        &self.cands[c as usize]
    }
}

/// Maps in parallel (rayon) when the `parallel` feature is on, in order otherwise; the output
/// order is the input order either way.
pub(crate) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().map(f).collect()
    }
}

fn insert_top(t: &mut [(f32, u32); 3], s: f32, u: u32) {
    let better = |a: (f32, u32), b: (f32, u32)| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1);
    let mut item = (s, u);
    for slot in t.iter_mut() {
        if slot.1 == NONE || better(item, *slot) {
            std::mem::swap(slot, &mut item);
            if item.1 == NONE {
                break;
            }
        }
    }
}

fn availability(g: &CollabGraph, c: &Cand) -> f64 {
    let Some(e) = g.node(c.id).and_then(|n| n.as_expert()) else {
        return 1.0;
    };
    if e.capacity == 0 {
        return 0.0;
    }
    let load = g
        .neighbors(c.id, Some(Relation::Engaged), Direction::Out)
        .filter(|&d| {
            g.node(d)
                .and_then(|n| n.as_demand())
                .is_some_and(|d| d.status().is_open())
        })
        .count() as f64;
    ((f64::from(e.capacity) - load) / f64::from(e.capacity)).clamp(0.0, 1.0)
}

#[derive(PartialEq, Clone, Copy)]
struct OrdF64(f64);
impl Eq for OrdF64 {}
impl PartialOrd for OrdF64 {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for OrdF64 {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&o.0)
    }
}
