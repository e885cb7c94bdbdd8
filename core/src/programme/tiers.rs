//! Liaison tiers (递进培养): the tier each liaison has earned from activity and results, who is
//! ready for promotion, and exactly what the others lack for their next tier.
//!
//! ## Activity measures (per liaison, within the period)
//! * **demands_found** — demands with a `brokered` edge from the liaison, posted in the period.
//! * **introductions** — those that reached `engaged` (an `engaged` or `solved` edge, or an
//!   `engaged` event in the log).
//! * **solved** — those that reached `solved` (event or `solved` edge).
//! * **outcomes** — distinct outcomes `produced` by those demands or with a `contributed` edge
//!   from the liaison.
//! * **trainings** — distinct trainings `attended` (training `start` in the period, or
//!   undated).
//!
//! The **earned tier** is the highest tier whose every threshold is met (tiers are checked in
//! order, so earning tier 3 needs tier 2's thresholds too). A liaison is **ready for
//! promotion** when the earned tier is above the recorded one (`Liaison::tier`).

use serde::{Deserialize, Serialize};

use super::Period;
use crate::error::{Error, Result};
use crate::graph::{CollabGraph, Direction};
use crate::model::{DemandStatus, NodeId, NodeKind, Relation};

/// Thresholds of one tier.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TierRule {
    /// Chinese name, e.g. 初级.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Minimum demands found.
    pub demands_found: u32,
    /// Minimum introductions (demands reaching engaged).
    pub introductions: u32,
    /// Minimum demands solved.
    pub solved: u32,
    /// Minimum outcomes.
    pub outcomes: u32,
    /// Minimum trainings attended.
    pub trainings: u32,
}

/// The tier ladder: `tiers[k]` holds the thresholds of tier `k + 1` (tier 0 needs nothing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct TierConfig {
    /// Thresholds of tiers 1, 2, …
    pub tiers: Vec<TierRule>,
    /// Activity counted in this period (default: all time).
    pub period: Period,
}

impl Default for TierConfig {
    /// Promotion follows results; the training of the new tier follows the promotion, so a
    /// tier asks for the previous tier's training:
    ///
    /// | tier | trainings | demands found | introductions | solved |
    /// |---|---|---|---|---|
    /// | 1 初级 junior | 0 | 1 | 0 | 0 |
    /// | 2 中级 intermediate | 1 | 2 | 1 | 0 |
    /// | 3 高级 senior | 2 | 3 | 2 | 1 |
    fn default() -> Self {
        let rule = |zh: &str, en: &str, d, i, s, o, t| TierRule {
            name_zh: zh.into(),
            name_en: en.into(),
            demands_found: d,
            introductions: i,
            solved: s,
            outcomes: o,
            trainings: t,
        };
        TierConfig {
            tiers: vec![
                rule("初级", "junior", 1, 0, 0, 0, 0),
                rule("中级", "intermediate", 2, 1, 0, 0, 1),
                rule("高级", "senior", 3, 2, 1, 0, 2),
            ],
            period: Period::all(),
        }
    }
}

/// A liaison's activity measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// Demands found.
    pub demands_found: u32,
    /// Introductions that led to engagement.
    pub introductions: u32,
    /// Demands solved.
    pub solved: u32,
    /// Outcomes.
    pub outcomes: u32,
    /// Trainings attended.
    pub trainings: u32,
}

/// One missing requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortfall {
    /// Which measure: `demands_found`, `introductions`, `solved`, `outcomes`, `trainings`.
    pub criterion: String,
    /// What the liaison has.
    pub have: u32,
    /// What the tier needs.
    pub need: u32,
}

/// One liaison's standing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiaisonStanding {
    /// Key.
    pub liaison: String,
    /// Name.
    pub name: String,
    /// Tier recorded on the liaison.
    pub recorded_tier: u8,
    /// Tier earned from the measures.
    pub earned_tier: u8,
    /// Measures.
    pub activity: Activity,
    /// What is missing for the tier above the earned one (empty at the top tier).
    pub lacks: Vec<Shortfall>,
}

impl LiaisonStanding {
    /// Earned tier above the recorded one.
    pub fn ready_for_promotion(&self) -> bool {
        self.earned_tier > self.recorded_tier
    }
}

/// Every liaison's standing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiaisonTiers {
    /// One entry per liaison, sorted by key.
    pub liaisons: Vec<LiaisonStanding>,
    /// Number of tiers above 0 in the ladder.
    pub top_tier: u8,
}

impl LiaisonTiers {
    /// Liaisons ready for promotion, largest jump first, then by key.
    pub fn ready(&self) -> Vec<&LiaisonStanding> {
        let mut v: Vec<_> = self
            .liaisons
            .iter()
            .filter(|l| l.ready_for_promotion())
            .collect();
        v.sort_by(|a, b| {
            (b.earned_tier - b.recorded_tier)
                .cmp(&(a.earned_tier - a.recorded_tier))
                .then_with(|| a.liaison.cmp(&b.liaison))
        });
        v
    }

    /// Liaisons one requirement away from their next tier, sorted by key.
    pub fn nearly_ready(&self) -> Vec<&LiaisonStanding> {
        self.liaisons
            .iter()
            .filter(|l| l.lacks.len() == 1)
            .collect()
    }

    /// Liaisons per earned tier (index = tier).
    pub fn earned_counts(&self) -> Vec<usize> {
        let mut v = vec![0; usize::from(self.top_tier) + 1];
        for l in &self.liaisons {
            if let Some(c) = v.get_mut(usize::from(l.earned_tier)) {
                *c += 1;
            }
        }
        v
    }

    /// The standing of one liaison.
    pub fn get(&self, key: &str) -> Option<&LiaisonStanding> {
        self.liaisons.iter().find(|l| l.liaison == key)
    }
}

fn activity(g: &CollabGraph, id: NodeId, period: &Period) -> Activity {
    let mut a = Activity::default();
    let mut outcomes: Vec<NodeId> = g
        .neighbors(id, Some(Relation::Contributed), Direction::Out)
        .collect();
    let mut demands: Vec<NodeId> = g
        .neighbors(id, Some(Relation::Brokered), Direction::Out)
        .collect();
    demands.sort_unstable();
    demands.dedup();
    for d in demands {
        let Some(dd) = g.node(d).and_then(|n| n.as_demand()) else {
            continue;
        };
        if !period.admits(dd.posted.or_else(|| dd.events.first().map(|e| e.date))) {
            continue;
        }
        a.demands_found += 1;
        let has = |r| g.neighbors(d, Some(r), Direction::In).next().is_some();
        let event = |s| dd.events.iter().any(|e| e.to == s);
        let solved = has(Relation::Solved) || event(DemandStatus::Solved);
        if solved || has(Relation::Engaged) || event(DemandStatus::Engaged) {
            a.introductions += 1;
        }
        a.solved += u32::from(solved);
        outcomes.extend(g.neighbors(d, Some(Relation::Produced), Direction::Out));
    }
    outcomes.sort_unstable();
    outcomes.dedup();
    a.outcomes = outcomes
        .iter()
        .filter(|&&o| period.admits(g.node(o).and_then(|n| n.as_outcome()).and_then(|o| o.date)))
        .count() as u32;
    let mut trainings: Vec<NodeId> = g
        .neighbors(id, Some(Relation::Attended), Direction::Out)
        .filter(|&t| {
            period.admits(
                g.node(t)
                    .and_then(|n| n.data.instrument())
                    .and_then(|i| i.start),
            )
        })
        .collect();
    trainings.sort_unstable();
    trainings.dedup();
    a.trainings = trainings.len() as u32;
    a
}

fn shortfalls(a: &Activity, r: &TierRule) -> Vec<Shortfall> {
    [
        ("demands_found", a.demands_found, r.demands_found),
        ("introductions", a.introductions, r.introductions),
        ("solved", a.solved, r.solved),
        ("outcomes", a.outcomes, r.outcomes),
        ("trainings", a.trainings, r.trainings),
    ]
    .into_iter()
    .filter(|(_, have, need)| have < need)
    .map(|(c, have, need)| Shortfall {
        criterion: c.into(),
        have,
        need,
    })
    .collect()
}

/// Computes every liaison's earned tier, promotion readiness and shortfalls (definitions in
/// the module docs).
///
/// # Arguments
/// * `g` — the graph; `cfg` — the tier ladder and the period.
///
/// # Returns
/// A [`LiaisonTiers`]; `invalid_value` for a ladder of more than 255 tiers or a reversed
/// period.
///
/// # Complexity
/// O(L·(B·b + T)) time for L liaisons with B brokered demands of degree b and T trainings;
/// O(L) space.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Node, NodeKind, Relation};
/// use kechuang::programme::{liaison_tiers, TierConfig};
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("l:1", NodeKind::Liaison, "王"))?;
/// g.add_node(Node::new("t:1", NodeKind::Training, "初级培训"))?;
/// g.add_node(Node::new("d:1", NodeKind::Demand, "x"))?;
/// g.connect(Relation::Attended, "l:1", "t:1")?;
/// g.connect(Relation::Brokered, "l:1", "d:1")?;
/// let t = liaison_tiers(&g, &TierConfig::default())?;
/// assert_eq!(t.get("l:1").unwrap().earned_tier, 1);
/// assert_eq!(t.ready()[0].liaison, "l:1"); // recorded tier 0, earned 1
/// assert_eq!(t.get("l:1").unwrap().lacks[0].criterion, "demands_found"); // 1 of 2 for tier 2
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Competency ladders with explicit promotion criteria (cf. the 科创中国 liaison
/// "递进式培养" training scheme).
pub fn liaison_tiers(g: &CollabGraph, cfg: &TierConfig) -> Result<LiaisonTiers> {
    cfg.period.validate()?;
    let top_tier = u8::try_from(cfg.tiers.len())
        .map_err(|_| Error::invalid("tiers", "more than 255 tiers; use at most 255"))?;
    let mut liaisons = Vec::new();
    for (id, n) in g.nodes_of(NodeKind::Liaison) {
        let a = activity(g, id, &cfg.period);
        let mut earned = 0u8;
        let mut lacks = Vec::new();
        for rule in &cfg.tiers {
            let s = shortfalls(&a, rule);
            if s.is_empty() {
                earned += 1;
            } else {
                lacks = s;
                break;
            }
        }
        liaisons.push(LiaisonStanding {
            liaison: n.key.clone(),
            name: n.name.clone(),
            recorded_tier: n.as_liaison().map_or(0, |l| l.tier),
            earned_tier: earned,
            activity: a,
            lacks,
        });
    }
    liaisons.sort_by(|a, b| a.liaison.cmp(&b.liaison));
    Ok(LiaisonTiers { liaisons, top_tier })
}
