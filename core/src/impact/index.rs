//! Composite impact indices per entity kind, rankings (榜单) and the leaderboard report.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::credit::{Attribution, CreditOptions, attribute};
use super::pagerank::{GraphRankOptions, pagerank};
use crate::error::{Error, Result};
use crate::graph::{CollabGraph, Direction};
use crate::model::{NodeId, NodeKind, Relation};

/// The inputs of the composite index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    /// Outcome credit ([`super::attribute`]); for a region, the points of all outcomes located
    /// in it or its sub-regions.
    Credit,
    /// Network position: PageRank on the walk graph; for a region, the sum over the entities
    /// located in it or its sub-regions.
    Position,
    /// Activity: number of activity relations (solved, engaged, brokered, posted, authored,
    /// offers, leads, participates, attended, contributed, hosts, collaborated, under); for a
    /// region, the number of demands located in it or its sub-regions.
    Activity,
}

const COMPONENTS: [Component; 3] = [Component::Credit, Component::Position, Component::Activity];

const ACTIVITY: &[Relation] = &[
    Relation::Solved,
    Relation::Engaged,
    Relation::Brokered,
    Relation::Posted,
    Relation::Authored,
    Relation::Offers,
    Relation::Leads,
    Relation::Participates,
    Relation::Attended,
    Relation::Contributed,
    Relation::Hosts,
    Relation::Collaborated,
    Relation::Under,
];

/// Options of [`impact_index`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ImpactOptions {
    /// Outcome valuation and credit split.
    pub credit: CreditOptions,
    /// The walk graph and power iteration of the position component.
    pub rank: GraphRankOptions,
    /// Component weights (≥ 0, not all 0) used for every kind without an override.
    /// Default: credit 0.5, position 0.3, activity 0.2.
    pub weights: BTreeMap<Component, f64>,
    /// Per-kind overrides of `weights`.
    pub kind_weights: BTreeMap<NodeKind, BTreeMap<Component, f64>>,
}

impl Default for ImpactOptions {
    fn default() -> Self {
        ImpactOptions {
            credit: CreditOptions::default(),
            rank: GraphRankOptions::default(),
            weights: [
                (Component::Credit, 0.5),
                (Component::Position, 0.3),
                (Component::Activity, 0.2),
            ]
            .into_iter()
            .collect(),
            kind_weights: BTreeMap::new(),
        }
    }
}

/// The entity kinds that get an index.
pub const SCORED_KINDS: &[NodeKind] = &[
    NodeKind::Expert,
    NodeKind::Society,
    NodeKind::Liaison,
    NodeKind::Enterprise,
    NodeKind::Institution,
    NodeKind::Workstation,
    NodeKind::Forum,
    NodeKind::Agreement,
    NodeKind::Alliance,
    NodeKind::ServiceTeam,
    NodeKind::Project,
    NodeKind::Training,
    NodeKind::Region,
];

/// One component of one entity's index.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// The component.
    pub component: Component,
    /// Raw value (points, PageRank, count).
    pub raw: f64,
    /// Mid-rank percentile among entities of the same kind, in [0, 1].
    pub percentile: f64,
    /// Weight (normalised so the kind's weights sum to 1).
    pub weight: f64,
    /// `100 × weight × percentile`: its share of the index.
    pub contribution: f64,
}

/// The index of one entity with its breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImpactRow {
    /// The entity.
    pub id: NodeId,
    /// Its key.
    pub key: String,
    /// Its display name.
    pub name: String,
    /// Its kind.
    pub kind: NodeKind,
    /// Composite index in [0, 100]: the sum of the parts' contributions.
    pub index: f64,
    /// Breakdown, one part per component.
    pub parts: Vec<Part>,
    /// The region it is located in (own `located_in`, else its employer's), if any.
    pub region: Option<NodeId>,
    /// Industries it is linked to (own, or of the demands it touched), sorted.
    pub industries: Vec<String>,
}

impl ImpactRow {
    /// The part of one component.
    pub fn part(&self, c: Component) -> Option<&Part> {
        self.parts.iter().find(|p| p.component == c)
    }
}

/// A ranking request: top-N of one kind, optionally within a region or an industry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct RankingQuery {
    /// Kind to rank. Default expert.
    pub kind: NodeKind,
    /// Number of entries. Default 10.
    pub top_n: usize,
    /// Key of a region: keep entities located in it or in any of its nested sub-regions.
    pub region: Option<String>,
    /// Industry code: keep entities linked to it (prefix match, so `"C3"` keeps `"C31"`).
    pub industry: Option<String>,
}

impl Default for RankingQuery {
    fn default() -> Self {
        RankingQuery {
            kind: NodeKind::Expert,
            top_n: 10,
            region: None,
            industry: None,
        }
    }
}

impl RankingQuery {
    /// The top `n` of a kind.
    pub fn top(kind: NodeKind, n: usize) -> Self {
        RankingQuery {
            kind,
            top_n: n,
            ..Default::default()
        }
    }
}

/// Composite indices of every scored entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImpactIndex {
    /// Rows in id order.
    pub rows: Vec<ImpactRow>,
    /// The outcome attribution behind the credit component.
    pub attribution: Attribution,
    /// Region nesting: `(region, enclosing regions, itself first)`, for region filters.
    pub regions: Vec<(NodeId, Vec<NodeId>)>,
}

impl ImpactIndex {
    /// The row of an entity.
    pub fn get(&self, id: NodeId) -> Option<&ImpactRow> {
        self.rows
            .binary_search_by_key(&id, |r| r.id)
            .ok()
            .map(|i| &self.rows[i])
    }

    fn within(&self, region: Option<NodeId>, target: NodeId) -> bool {
        region.is_some_and(|r| {
            self.regions
                .binary_search_by_key(&r, |x| x.0)
                .is_ok_and(|i| self.regions[i].1.contains(&target))
        })
    }

    /// A ranking (榜单): the top entities of a kind by index, ties by key.
    ///
    /// # Arguments
    /// * `g` — the graph the index was computed on (to resolve the region key).
    /// * `q` — kind, size, optional region (nested sub-regions included) and industry.
    ///
    /// # Returns
    /// Rows best first. Errors: `unknown_key` / `wrong_kind` for a bad region key.
    ///
    /// # Complexity
    /// O(r log r) for r rows of the kind.
    ///
    /// # Example
    /// See [`impact_index`].
    pub fn ranking(&self, g: &CollabGraph, q: &RankingQuery) -> Result<Vec<&ImpactRow>> {
        let region = q
            .region
            .as_deref()
            .map(|k| g.resolve_kind(k, NodeKind::Region))
            .transpose()?;
        let mut rows: Vec<&ImpactRow> = self
            .rows
            .iter()
            .filter(|r| r.kind == q.kind)
            .filter(|r| {
                region.is_none_or(|target| {
                    let own = if r.kind == NodeKind::Region {
                        Some(r.id)
                    } else {
                        r.region
                    };
                    self.within(own, target)
                })
            })
            .filter(|r| {
                q.industry
                    .as_deref()
                    .is_none_or(|c| r.industries.iter().any(|i| i.starts_with(c)))
            })
            .collect();
        rows.sort_by(|a, b| b.index.total_cmp(&a.index).then_with(|| a.key.cmp(&b.key)));
        rows.truncate(q.top_n);
        Ok(rows)
    }
}

/// Mid-rank percentiles in [0, 1]: `(less + (equal − 1) / 2) / (n − 1)`; 0.5 for one value.
fn percentiles(values: &[f64]) -> Vec<f64> {
    let n = values.len();
    if n <= 1 {
        return vec![0.5; n];
    }
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = vec![0.0; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && values[idx[j + 1]].total_cmp(&values[idx[i]]).is_eq() {
            j += 1;
        }
        let mid = (i + j) as f64 / 2.0;
        for &k in &idx[i..=j] {
            out[k] = mid / (n - 1) as f64;
        }
        i = j + 1;
    }
    out
}

/// Composite impact index of every expert, society, liaison, enterprise, institution,
/// instrument and region.
///
/// For each entity: three raw inputs ([`Component`]: outcome credit, network position,
/// activity), each turned into a mid-rank percentile among the entities of the same kind, then
/// `index = 100 × Σ weight_c × percentile_c` with the kind's weights normalised to sum 1. The
/// breakdown ([`ImpactRow::parts`]) shows raw value, percentile, weight and contribution.
/// Regions aggregate their nested sub-regions (through `part_of`).
///
/// # Arguments
/// * `g` — the graph; `opts` — credit, walk and weights ([`ImpactOptions`]).
///
/// # Returns
/// [`ImpactIndex`], queried with [`ImpactIndex::ranking`]. Errors: `invalid_value` for bad
/// options.
///
/// # Complexity
/// Attribution (see [`super::attribute`]) + PageRank + O(n log n + m).
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Node, NodeData, NodeKind, Outcome, OutcomeKind, Relation};
/// use kechuang::impact::{impact_index, ImpactOptions, RankingQuery};
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("e:1", NodeKind::Enterprise, "企业"))?;
/// g.add_node(Node::new("d:1", NodeKind::Demand, "需求"))?;
/// g.add_node(Node::new("x:1", NodeKind::Expert, "甲"))?;
/// g.add_node(Node::new("x:2", NodeKind::Expert, "乙"))?;
/// g.add_node(Node::with_data("o:1", "成效", NodeData::Outcome(Outcome {
///     kind: OutcomeKind::ProblemSolved, value: 1.0, unit: None, date: None })))?;
/// g.connect(Relation::Posted, "e:1", "d:1")?;
/// g.connect(Relation::Solved, "x:1", "d:1")?;
/// g.connect(Relation::Produced, "d:1", "o:1")?;
/// let idx = impact_index(&g, &ImpactOptions::default())?;
/// let top = idx.ranking(&g, &RankingQuery::top(NodeKind::Expert, 5))?;
/// assert_eq!(top[0].key, "x:1");
/// assert!(top[0].index > top[1].index);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// OECD/JRC, *Handbook on Constructing Composite Indicators*, 2008 (percentile normalisation
/// and linear aggregation).
pub fn impact_index(g: &CollabGraph, opts: &ImpactOptions) -> Result<ImpactIndex> {
    let attribution = attribute(g, &opts.credit)?;
    let f = g.frozen();
    let pr = pagerank(&f, &opts.rank, &[], None)?;
    let weights_of = |k: NodeKind| -> Result<[f64; 3]> {
        let w = opts.kind_weights.get(&k).unwrap_or(&opts.weights);
        let mut out = [0.0; 3];
        for (i, c) in COMPONENTS.iter().enumerate() {
            let x = w.get(c).copied().unwrap_or(0.0);
            if !x.is_finite() || x < 0.0 {
                return Err(Error::invalid("weights", format!("{c:?}: {x} is not ≥ 0")));
            }
            out[i] = x;
        }
        let s: f64 = out.iter().sum();
        if s <= 0.0 {
            return Err(Error::invalid(
                "weights",
                format!("all component weights of {k} are 0; give at least one a positive weight"),
            ));
        }
        Ok(out.map(|x| x / s))
    };
    // regions and their ancestors
    let regions: Vec<(NodeId, Vec<NodeId>)> = g
        .nodes_of(NodeKind::Region)
        .map(|(r, _)| (r, g.region_ancestors(r)))
        .collect();
    let ancestors = |r: Option<NodeId>| -> &[NodeId] {
        r.and_then(|r| regions.binary_search_by_key(&r, |x| x.0).ok())
            .map_or(&[], |i| regions[i].1.as_slice())
    };
    let located = |id: NodeId| -> Option<NodeId> {
        g.region_of(id).or_else(|| {
            g.neighbors(id, None, Direction::Out)
                .filter(|&e| {
                    g.incident(id, None, Direction::Out).any(|(_, ed, t)| {
                        t == e
                            && matches!(ed.relation, Relation::WorksFor | Relation::AffiliatedWith)
                    })
                })
                .filter_map(|e| g.region_of(e))
                .min()
        })
    };
    // region aggregates
    let mut reg: BTreeMap<NodeId, [f64; 3]> = BTreeMap::new();
    let mut reg_ind: BTreeMap<NodeId, BTreeSet<String>> = BTreeMap::new();
    for o in &attribution.outcomes {
        for &r in ancestors(o.region) {
            reg.entry(r).or_default()[0] += o.points;
        }
    }
    for (id, node) in g.nodes() {
        let Some(d) = f.dense(id) else { continue };
        let r = located(id);
        for &a in ancestors(r) {
            let e = reg.entry(a).or_default();
            e[1] += pr.scores[d as usize];
            if let Some(dm) = node.as_demand() {
                e[2] += 1.0;
                reg_ind
                    .entry(a)
                    .or_default()
                    .extend(dm.industries.iter().cloned());
            }
        }
    }
    let mut rows = Vec::new();
    for &kind in SCORED_KINDS {
        let w = weights_of(kind)?;
        let ents: Vec<(NodeId, &crate::model::Node)> = g.nodes_of(kind).collect();
        let mut raw: Vec<[f64; 3]> = Vec::with_capacity(ents.len());
        let mut inds: Vec<Vec<String>> = Vec::with_capacity(ents.len());
        for &(id, node) in &ents {
            if kind == NodeKind::Region {
                raw.push(reg.get(&id).copied().unwrap_or_default());
                inds.push(
                    reg_ind
                        .get(&id)
                        .map(|s| s.iter().cloned().collect())
                        .unwrap_or_default(),
                );
                continue;
            }
            let d = f.dense(id).map_or(0.0, |d| pr.scores[d as usize]);
            let mut act = 0.0;
            let mut set: BTreeSet<String> = node
                .as_enterprise()
                .map(|e| e.industries.iter().cloned().collect())
                .unwrap_or_default();
            for (_, e, other) in g.incident(id, None, Direction::Both) {
                if ACTIVITY.contains(&e.relation) {
                    act += 1.0;
                }
                if let Some(dm) = g.node(other).and_then(|n| n.as_demand()) {
                    set.extend(dm.industries.iter().cloned());
                }
            }
            raw.push([attribution.total(id), d, act]);
            inds.push(set.into_iter().collect());
        }
        let pct: Vec<Vec<f64>> = (0..3)
            .map(|c| percentiles(&raw.iter().map(|r| r[c]).collect::<Vec<_>>()))
            .collect();
        for (i, ((id, node), industries)) in ents.into_iter().zip(inds).enumerate() {
            let parts: Vec<Part> = COMPONENTS
                .iter()
                .enumerate()
                .map(|(c, &component)| Part {
                    component,
                    raw: raw[i][c],
                    percentile: pct[c][i],
                    weight: w[c],
                    contribution: 100.0 * w[c] * pct[c][i],
                })
                .collect();
            rows.push(ImpactRow {
                id,
                key: node.key.clone(),
                name: node.name.clone(),
                kind,
                index: parts.iter().map(|p| p.contribution).sum(),
                parts,
                region: if kind == NodeKind::Region {
                    Some(id)
                } else {
                    located(id)
                },
                industries,
            });
        }
    }
    rows.sort_by_key(|r| r.id);
    Ok(ImpactIndex {
        rows,
        attribution,
        regions,
    })
}

/// The report `taian_pilot` prints: top experts, societies and liaisons with breakdowns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Leaderboard {
    /// Top experts (专家榜).
    pub experts: Vec<ImpactRow>,
    /// Top societies (学会榜).
    pub societies: Vec<ImpactRow>,
    /// Top liaisons (联络员榜).
    pub liaisons: Vec<ImpactRow>,
    /// Outcomes credited / total, and their points.
    pub outcomes: usize,
    /// Outcomes with no actor found.
    pub unattributed: usize,
    /// Total outcome points.
    pub points: f64,
}

/// Computes the index and returns the top `n` experts, societies and liaisons.
///
/// # Arguments
/// * `g` — the graph; `opts` — index options; `n` — entries per list.
///
/// # Returns
/// [`Leaderboard`] (its `Display` prints the three lists with breakdowns).
///
/// # Complexity
/// As [`impact_index`].
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Node, NodeKind};
/// use kechuang::impact::{leaderboard, ImpactOptions};
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("x:1", NodeKind::Expert, "甲"))?;
/// let lb = leaderboard(&g, &ImpactOptions::default(), 3)?;
/// assert_eq!(lb.experts.len(), 1);
/// assert!(lb.to_string().contains("甲"));
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// See [`impact_index`].
pub fn leaderboard(g: &CollabGraph, opts: &ImpactOptions, n: usize) -> Result<Leaderboard> {
    let idx = impact_index(g, opts)?;
    let top = |k| -> Result<Vec<ImpactRow>> {
        Ok(idx
            .ranking(g, &RankingQuery::top(k, n))?
            .into_iter()
            .cloned()
            .collect())
    };
    Ok(Leaderboard {
        experts: top(NodeKind::Expert)?,
        societies: top(NodeKind::Society)?,
        liaisons: top(NodeKind::Liaison)?,
        outcomes: idx.attribution.outcomes.len(),
        unattributed: idx.attribution.unattributed().count(),
        points: idx.attribution.total_points(),
    })
}

impl fmt::Display for Leaderboard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "outcomes: {} ({} unattributed), {:.2} points",
            self.outcomes, self.unattributed, self.points
        )?;
        for (title, rows) in [
            ("专家 experts", &self.experts),
            ("学会 societies", &self.societies),
            ("联络员 liaisons", &self.liaisons),
        ] {
            writeln!(f, "{title}")?;
            for (i, r) in rows.iter().enumerate() {
                write!(
                    f,
                    "{:>3}. {:<24} {:>5.1}  ",
                    i + 1,
                    format!("{} ({})", r.name, r.key),
                    r.index
                )?;
                let parts: Vec<String> = r
                    .parts
                    .iter()
                    .map(|p| {
                        let raw = if p.raw == 0.0 || p.raw.abs() >= 0.01 {
                            format!("{:.3}", p.raw)
                        } else {
                            format!("{:.2e}", p.raw)
                        };
                        format!(
                            "{:?} {raw} → p{:.0} ×{:.2} = {:.1}",
                            p.component,
                            100.0 * p.percentile,
                            p.weight,
                            p.contribution
                        )
                    })
                    .collect();
                writeln!(f, "{}", parts.join("; "))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Demand, Node, NodeData, Outcome, OutcomeKind};

    /// city ⊃ district; enterprise A in the district (industry C31), B in another city;
    /// expert x1 solves A's demand (1 outcome), x2 solves B's (2 outcomes), x3 does nothing.
    fn graph() -> CollabGraph {
        let mut g = CollabGraph::new();
        for (k, kind) in [
            ("r:city", NodeKind::Region),
            ("r:dist", NodeKind::Region),
            ("r:other", NodeKind::Region),
            ("e:a", NodeKind::Enterprise),
            ("e:b", NodeKind::Enterprise),
            ("x:1", NodeKind::Expert),
            ("x:2", NodeKind::Expert),
            ("x:3", NodeKind::Expert),
            ("l:1", NodeKind::Liaison),
        ] {
            g.add_node(Node::new(k, kind, k)).unwrap();
        }
        g.connect(Relation::PartOf, "r:dist", "r:city").unwrap();
        g.connect(Relation::LocatedIn, "e:a", "r:dist").unwrap();
        g.connect(Relation::LocatedIn, "e:b", "r:other").unwrap();
        for (d, e, x, ind, outs) in [
            ("d:a", "e:a", "x:1", "C31", 1),
            ("d:b", "e:b", "x:2", "C40", 2),
        ] {
            let mut dm = Demand::new("need");
            dm.industries = vec![ind.into()];
            g.add_node(Node::with_data(d, d, NodeData::Demand(dm)))
                .unwrap();
            g.connect(Relation::Posted, e, d).unwrap();
            g.connect(Relation::Solved, x, d).unwrap();
            for i in 0..outs {
                let o = format!("o:{d}:{i}");
                g.add_node(Node::with_data(
                    o.as_str(),
                    "o",
                    NodeData::Outcome(Outcome {
                        kind: OutcomeKind::Patent,
                        value: 1.0,
                        unit: None,
                        date: None,
                    }),
                ))
                .unwrap();
                g.connect(Relation::Produced, d, &o).unwrap();
            }
        }
        g.connect(Relation::Brokered, "l:1", "d:a").unwrap();
        g.connect(Relation::WorksFor, "l:1", "e:a").unwrap();
        g
    }

    #[test]
    fn rankings_filters_and_breakdown() {
        let g = graph();
        let idx = impact_index(&g, &ImpactOptions::default()).unwrap();
        let top = idx
            .ranking(&g, &RankingQuery::top(NodeKind::Expert, 10))
            .unwrap();
        let keys: Vec<&str> = top.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["x:2", "x:1", "x:3"]);
        for r in &top {
            let sum: f64 = r.parts.iter().map(|p| p.contribution).sum();
            assert!((sum - r.index).abs() < 1e-9);
            assert!((0.0..=100.0).contains(&r.index));
        }
        // experts have no region of their own; the liaison inherits its employer's district,
        // and the city ranking includes the district
        let q = RankingQuery {
            kind: NodeKind::Liaison,
            region: Some("r:city".into()),
            ..RankingQuery::default()
        };
        assert_eq!(idx.ranking(&g, &q).unwrap().len(), 1);
        let q = RankingQuery {
            kind: NodeKind::Enterprise,
            region: Some("r:city".into()),
            ..RankingQuery::default()
        };
        let r = idx.ranking(&g, &q).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].key, "e:a");
        // industry filter by prefix
        let q = RankingQuery {
            kind: NodeKind::Expert,
            industry: Some("C3".into()),
            ..RankingQuery::default()
        };
        let r = idx.ranking(&g, &q).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].key, "x:1");
        // regions aggregate nested sub-regions: the city has the district's outcome
        let city = idx.get(g.id("r:city").unwrap()).unwrap();
        assert!(city.part(Component::Credit).unwrap().raw > 0.0);
        let q = RankingQuery {
            region: Some("x:1".into()),
            ..RankingQuery::default()
        };
        assert_eq!(idx.ranking(&g, &q).unwrap_err().code(), "wrong_kind");
        let lb = leaderboard(&g, &ImpactOptions::default(), 2).unwrap();
        assert_eq!(lb.experts.len(), 2);
        assert_eq!(lb.outcomes, 3);
        assert!(lb.to_string().contains("x:2"));
    }

    #[test]
    fn percentile_ties_and_bounds() {
        assert_eq!(percentiles(&[1.0, 1.0, 3.0]), vec![0.25, 0.25, 1.0]);
        assert_eq!(percentiles(&[5.0]), vec![0.5]);
        let mut o = ImpactOptions::default();
        o.weights.clear();
        assert_eq!(
            impact_index(&graph(), &o).unwrap_err().code(),
            "invalid_value"
        );
    }
}

#[cfg(test)]
mod synth_tests {
    use super::*;
    use crate::impact::{CreditRule, attribute};

    /// The Tai'an preset: every outcome is credited, credits add up, the report is
    /// deterministic and non-trivial.
    #[test]
    fn taian_leaderboard() {
        let p = crate::synth::taian(7).unwrap();
        let g = &p.graph;
        let a = attribute(g, &CreditOptions::default()).unwrap();
        assert!(!a.outcomes.is_empty());
        for o in &a.outcomes {
            let sum: f64 = o.credits.iter().map(|c| c.amount).sum();
            if !o.credits.is_empty() {
                assert!(
                    (sum - o.points).abs() < 1e-9 * o.points.max(1.0),
                    "{}",
                    o.key
                );
            }
        }
        let attributed = a.outcomes.iter().filter(|o| !o.credits.is_empty()).count();
        assert!(
            attributed * 10 >= a.outcomes.len() * 9,
            "{attributed} of {}",
            a.outcomes.len()
        );
        let shap = CreditOptions {
            rule: CreditRule::Shapley { permutations: 200 },
            ..CreditOptions::default()
        };
        let b = attribute(g, &shap).unwrap();
        assert!((a.total_points() - b.total_points()).abs() < 1e-9 * a.total_points());
        let lb = leaderboard(g, &ImpactOptions::default(), 5).unwrap();
        assert_eq!(lb.experts.len(), 5);
        assert!(lb.experts[0].index >= lb.experts[4].index);
        assert!(lb.experts[0].part(Component::Credit).unwrap().raw > 0.0);
        assert!(!lb.liaisons.is_empty() && !lb.societies.is_empty());
        assert_eq!(lb, leaderboard(g, &ImpactOptions::default(), 5).unwrap());
    }
}
