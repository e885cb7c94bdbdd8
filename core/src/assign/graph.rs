//! Building an [`AssignProblem`] from a [`CollabGraph`]: loads, group labels and derived
//! conflicts of interest.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::problem::{Affinity, AssignProblem, Conflict, DemandSpec, ExpertSpec};
use crate::error::{Error, Result};
use crate::graph::{CollabGraph, Direction};
use crate::model::{Date, NodeId, NodeKind, Relation};

/// Which conflicts of interest to derive from the graph, and the defaults of demands and
/// experts built from it.
///
/// With `E` the enterprise that `posted` the demand and an *insider* of `E` meaning an expert
/// `affiliated_with` `E`, the rules are:
///
/// 1. `employed_by_enterprise` — the expert is `affiliated_with` `E` itself.
/// 2. `same_organisation` — the expert is `affiliated_with` an organisation (institution,
///    enterprise or society) that an insider of `E` is also affiliated with (a dual
///    appointment: the enterprise's chief engineer also holds a chair at university U, so U's
///    experts are E's colleagues).
/// 3. `recent_collaboration` — a `collaborated` edge (either direction) joins the expert with
///    `E` or with an insider of `E`, and the edge's latest date (end, else start) is within
///    `collaboration_days` before `as_of`. An undated edge counts as recent (the conservative
///    choice); with `as_of` unset, every such edge counts.
/// 4. `already_engaged` (off by default) — the expert is `engaged` on, or has `solved`, another
///    demand of `E`; programmes that rotate experts across an enterprise's problems turn it on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ConflictRules {
    /// Rule 1.
    pub employed_by_enterprise: bool,
    /// Rule 2.
    pub same_organisation: bool,
    /// Rule 3: window in days (None = rule off).
    pub collaboration_days: Option<u32>,
    /// Reference date of rule 3.
    pub as_of: Option<Date>,
    /// Rule 4.
    pub already_engaged: bool,
    /// Need of demands built from the graph.
    pub need: u32,
    /// Minimum load of experts built from the graph.
    pub min_load: u32,
    /// Maximum load of an expert whose `capacity` is 0 (unset).
    pub default_max_load: u32,
}

impl Default for ConflictRules {
    fn default() -> Self {
        ConflictRules {
            employed_by_enterprise: true,
            same_organisation: true,
            collaboration_days: Some(3 * 365),
            as_of: None,
            already_engaged: false,
            need: 1,
            min_load: 0,
            default_max_load: 1,
        }
    }
}

fn posting_enterprises(g: &CollabGraph, demand: NodeId) -> Vec<NodeId> {
    let mut v: Vec<NodeId> = g
        .neighbors(demand, Some(Relation::Posted), Direction::In)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl AssignProblem {
    /// A problem over the demands and experts named in `affinities`, whose nodes live in `g`:
    /// every demand needs `rules.need` experts; an expert's maximum load is its `capacity`
    /// (or `rules.default_max_load` when 0); experts get group labels `"academician"` (CAS or
    /// CAE) and `"org:<key>"` of their first affiliation by key (so the quota
    /// `Quota::at_most("org:*", 1)` means at most one expert per organisation); conflicts are
    /// derived by the rules of [`ConflictRules`], each with its rule name as reason.
    ///
    /// # Arguments
    /// * `g` — the graph holding the demands and experts.
    /// * `affinities` — pairs by key (e.g. from the matcher's affinity table).
    /// * `rules` — conflict rules and defaults.
    ///
    /// # Returns
    /// The problem; `unknown_key` if a key is not in `g`, `wrong_kind` if it is not a demand /
    /// expert.
    ///
    /// # Complexity
    /// `O(A + Σ_d deg(E_d) · deg(insiders))` time for `A` affinities, `O(A)` space.
    ///
    /// # Example
    /// ```
    /// use kechuang::assign::{Affinity, AssignProblem, ConflictRules};
    /// use kechuang::graph::CollabGraph;
    /// use kechuang::model::{Node, NodeData, NodeKind, Relation, Demand};
    ///
    /// let mut g = CollabGraph::new();
    /// g.add_node(Node::new("e:steel", NodeKind::Enterprise, "钢铁"))?;
    /// g.add_node(Node::with_data("d:1", "余热", NodeData::Demand(Demand::new("余热回收"))))?;
    /// g.add_node(Node::new("x:wang", NodeKind::Expert, "王"))?;
    /// g.add_node(Node::new("x:li", NodeKind::Expert, "李"))?;
    /// g.connect(Relation::Posted, "e:steel", "d:1")?;
    /// g.connect(Relation::AffiliatedWith, "x:wang", "e:steel")?;
    /// let p = AssignProblem::from_graph(&g, vec![
    ///     Affinity::new("d:1", "x:wang", 0.9), Affinity::new("d:1", "x:li", 0.4)],
    ///     &ConflictRules::default())?;
    /// assert_eq!(p.conflicts.len(), 1);
    /// assert_eq!(p.conflicts[0].reason, "employed_by_enterprise");
    /// # Ok::<(), kechuang::Error>(())
    /// ```
    ///
    /// # Reference
    /// The conflict-of-interest rules of reviewer assignment (OpenReview's affinity/conflict
    /// model), adapted to enterprises.
    pub fn from_graph(
        g: &CollabGraph,
        affinities: Vec<Affinity>,
        rules: &ConflictRules,
    ) -> Result<AssignProblem> {
        let mut dkeys: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        let mut ekeys: BTreeSet<&str> = BTreeSet::new();
        for a in &affinities {
            dkeys.entry(&a.demand).or_default().insert(&a.expert);
            ekeys.insert(&a.expert);
        }
        let mut experts = Vec::with_capacity(ekeys.len());
        let mut eids: BTreeMap<&str, NodeId> = BTreeMap::new();
        for &k in &ekeys {
            let id = g.resolve_kind(k, NodeKind::Expert)?;
            let node = g.try_node(id)?;
            let x = node.as_expert();
            let cap = x.map_or(0, |x| x.capacity);
            let max_load = if cap == 0 {
                rules.default_max_load
            } else {
                cap
            };
            let mut spec = ExpertSpec::new(k, rules.min_load.min(max_load), max_load);
            if x.is_some_and(|x| x.is_academician()) {
                spec.groups.push("academician".into());
            }
            let org = g
                .neighbors(id, Some(Relation::AffiliatedWith), Direction::Out)
                .map(|o| g.key(o))
                .min();
            if let Some(o) = org {
                spec.groups.push(format!("org:{o}"));
            }
            experts.push(spec);
            eids.insert(k, id);
        }
        let mut conflicts = Vec::new();
        let window = rules.collaboration_days;
        let recent = |date: Option<Date>| match (window, rules.as_of, date) {
            (None, _, _) => false,
            (Some(_), None, _) | (Some(_), Some(_), None) => true,
            (Some(w), Some(now), Some(d)) => {
                now.days_since(d) <= i32::try_from(w).unwrap_or(i32::MAX)
            }
        };
        let mut demands = Vec::with_capacity(dkeys.len());
        for (&dk, cands) in &dkeys {
            let did = g.resolve_kind(dk, NodeKind::Demand)?;
            demands.push(DemandSpec::new(dk, rules.need));
            for ent in posting_enterprises(g, did) {
                let insiders: BTreeSet<NodeId> = g
                    .neighbors(ent, Some(Relation::AffiliatedWith), Direction::In)
                    .collect();
                let mut orgs: BTreeSet<NodeId> = BTreeSet::new();
                for &i in &insiders {
                    orgs.extend(
                        g.neighbors(i, Some(Relation::AffiliatedWith), Direction::Out)
                            .filter(|&o| o != ent),
                    );
                }
                let mut circle = insiders.clone();
                circle.insert(ent);
                for (&ek, &eid) in cands.iter().filter_map(|k| eids.get_key_value(k)) {
                    let mut reason: Option<&str> = None;
                    if rules.employed_by_enterprise && insiders.contains(&eid) {
                        reason = Some("employed_by_enterprise");
                    } else if rules.same_organisation
                        && g.neighbors(eid, Some(Relation::AffiliatedWith), Direction::Out)
                            .any(|o| orgs.contains(&o))
                    {
                        reason = Some("same_organisation");
                    } else if window.is_some()
                        && g.incident(eid, Some(Relation::Collaborated), Direction::Both)
                            .any(|(_, e, other)| {
                                circle.contains(&other)
                                    && other != eid
                                    && recent(e.extra.as_ref().and_then(|x| x.end.or(x.start)))
                            })
                    {
                        reason = Some("recent_collaboration");
                    } else if rules.already_engaged
                        && [Relation::Engaged, Relation::Solved].iter().any(|&r| {
                            g.neighbors(eid, Some(r), Direction::Out).any(|other| {
                                other != did && posting_enterprises(g, other).contains(&ent)
                            })
                        })
                    {
                        reason = Some("already_engaged");
                    }
                    if let Some(r) = reason {
                        conflicts.push(Conflict {
                            demand: dk.to_string(),
                            expert: ek.to_string(),
                            reason: r.to_string(),
                        });
                    }
                }
            }
        }
        conflicts.sort();
        conflicts.dedup_by(|a, b| a.demand == b.demand && a.expert == b.expert);
        if demands.is_empty() && !affinities.is_empty() {
            return Err(Error::invalid("affinities", "name no demand"));
        }
        let mut p = AssignProblem::new(demands, experts, affinities);
        p.conflicts = conflicts;
        Ok(p)
    }
}
