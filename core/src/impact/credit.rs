//! Outcome attribution: each outcome credited to the actors the graph links it to.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::rng::mix64;
use super::shapley::{MAX_EXACT_PLAYERS, shapley_exact, shapley_sampled};
use crate::error::{Error, Result};
use crate::graph::{CollabGraph, Direction};
use crate::model::{Date, NodeId, NodeKind, OutcomeKind, Relation};

/// The part an actor played in an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Experts, societies, institutions or service teams that `solved` the demand, and actors
    /// with an explicit `contributed` edge to the outcome (except liaisons and enterprises).
    Solver,
    /// Liaisons that `brokered` the demand (or `contributed` to the outcome).
    Liaison,
    /// Instruments the demand ran `under`, or that `produced` the outcome themselves.
    Instrument,
    /// The enterprise that `posted` the demand (or `contributed` to the outcome).
    Enterprise,
}

/// How an outcome's points are split among its actors.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
#[non_exhaustive]
pub enum CreditRule {
    /// Each group present gets its share (`group_shares`, rescaled over the groups present);
    /// inside a group, actors split it in proportion to their role weight.
    RoleShares,
    /// Shapley values of the game `v(S) = P · s(S) · c(S)` (see [`CreditOptions`]); exact up to
    /// 20 actors, otherwise estimated from `permutations` seeded orderings.
    Shapley {
        /// Orderings sampled when an outcome has more than 20 actors.
        permutations: usize,
    },
}

/// How money (economic benefit in CNY) becomes points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "scale")]
#[non_exhaustive]
pub enum MoneyScale {
    /// `log10(1 + CNY / unit_cny)`: 1 million CNY with the default unit of 10,000 CNY (万元)
    /// is 2.0 points, 100 million is 4.0. Diminishing returns keep one large contract from
    /// drowning a hundred solved problems.
    Log {
        /// CNY per unit.
        unit_cny: f64,
    },
    /// `CNY / unit_cny`.
    Linear {
        /// CNY per point.
        unit_cny: f64,
    },
    /// `CNY / max CNY` over all economic-benefit outcomes in the graph (the largest is 1).
    Normalised,
}

/// Options of [`attribute`].
///
/// **Valuation.** An outcome's points are `kind_weight × value' × decay`, where `value'` is the
/// count for count kinds (problem solved, patent, standard, award, talent, other), the money
/// scale for economic benefit ([`MoneyScale`], default log10 of 万元), and
/// `share × market_share_points` for market share (share in [0, 1]; default 5 points for 100 %,
/// so the 61 % share of the Tai'an example is 3.05 points). Default kind weights are 1, except
/// standard and award 2 (they are rarer and take longer).
///
/// **Decay.** `decay = 0.5^(age / half_life_days)` with `age = as_of − date` in days (0 if the
/// outcome is newer than `as_of` or undated); `as_of` defaults to the latest outcome date in
/// the graph; `half_life_days = None` switches decay off. Default half-life 730 days.
///
/// **Shapley game.** With `P` the points, `s(S)` the share of the solvers' total role weight
/// present in coalition `S` (1 if the outcome has no solvers), and `c(S)` the sum of the group
/// shares of the groups present in `S` (a non-solver group is present when at least one of its
/// actors is) divided by the sum over all groups present in the outcome:
/// `v(S) = P · s(S) · c(S)`. So no solver, no result; liaisons, instruments and the enterprise
/// multiply what the solvers achieve; actors of one non-solver group are substitutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct CreditOptions {
    /// Split rule. Default [`CreditRule::RoleShares`].
    pub rule: CreditRule,
    /// Share of each group (≥ 0). Defaults: solver 0.5, liaison 0.15, instrument 0.15,
    /// enterprise 0.2.
    pub group_shares: BTreeMap<Group, f64>,
    /// Weight of an edge role (lower-case), used inside the solver group and by role shares
    /// everywhere. Defaults: lead 2, principal 2, member 1, support 0.5, advisor 0.5; a missing
    /// or unknown role weighs 1.
    pub role_weights: BTreeMap<String, f64>,
    /// Multiplier per outcome kind (absent = 1).
    pub kind_weights: BTreeMap<OutcomeKind, f64>,
    /// Money scale. Default `Log { unit_cny: 10000 }`.
    pub money: MoneyScale,
    /// Points for a market share of 1.0. Default 5.
    pub market_share_points: f64,
    /// Half-life of decay in days; `None` = no decay. Default 730.
    pub half_life_days: Option<f64>,
    /// Reference date of decay; `None` = the latest outcome date.
    pub as_of: Option<Date>,
    /// Seed for sampled Shapley values.
    pub seed: u64,
}

impl Default for CreditOptions {
    fn default() -> Self {
        CreditOptions {
            rule: CreditRule::RoleShares,
            group_shares: [
                (Group::Solver, 0.5),
                (Group::Liaison, 0.15),
                (Group::Instrument, 0.15),
                (Group::Enterprise, 0.2),
            ]
            .into_iter()
            .collect(),
            role_weights: [
                ("lead", 2.0),
                ("principal", 2.0),
                ("member", 1.0),
                ("support", 0.5),
                ("advisor", 0.5),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
            kind_weights: [(OutcomeKind::Standard, 2.0), (OutcomeKind::Award, 2.0)]
                .into_iter()
                .collect(),
            money: MoneyScale::Log { unit_cny: 10_000.0 },
            market_share_points: 5.0,
            half_life_days: Some(730.0),
            as_of: None,
            seed: 0,
        }
    }
}

impl CreditOptions {
    fn check(&self) -> Result<()> {
        let bad = |f: &str, x: f64| Error::invalid(f, format!("{x} is not a finite value ≥ 0"));
        for &x in self.group_shares.values() {
            if !x.is_finite() || x < 0.0 {
                return Err(bad("group_shares", x));
            }
        }
        for &x in self.role_weights.values().chain(self.kind_weights.values()) {
            if !x.is_finite() || x < 0.0 {
                return Err(bad("role_weights / kind_weights", x));
            }
        }
        if !self.market_share_points.is_finite() || self.market_share_points < 0.0 {
            return Err(bad("market_share_points", self.market_share_points));
        }
        if let Some(h) = self.half_life_days
            && (!h.is_finite() || h <= 0.0)
        {
            return Err(Error::invalid(
                "half_life_days",
                format!("{h} is not a positive number of days; use None to switch decay off"),
            ));
        }
        match self.money {
            MoneyScale::Log { unit_cny } | MoneyScale::Linear { unit_cny }
                if !unit_cny.is_finite() || unit_cny <= 0.0 =>
            {
                Err(Error::invalid(
                    "money.unit_cny",
                    format!("{unit_cny} is not a positive amount of CNY; 10000 (万元) is usual"),
                ))
            }
            _ => match self.rule {
                CreditRule::Shapley { permutations: 0 } => Err(Error::invalid(
                    "rule.permutations",
                    "0 orderings estimate nothing; use at least 1 (1000 is usual)",
                )),
                _ => Ok(()),
            },
        }
    }

    fn share(&self, g: Group) -> f64 {
        self.group_shares.get(&g).copied().unwrap_or(0.0)
    }

    fn role_weight(&self, role: Option<&str>) -> f64 {
        role.and_then(|r| self.role_weights.get(&r.to_lowercase()).copied())
            .unwrap_or(1.0)
    }
}

/// One actor's credit for one outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credit {
    /// The actor.
    pub node: NodeId,
    /// Its key.
    pub key: String,
    /// Its kind.
    pub kind: NodeKind,
    /// The part it played.
    pub group: Group,
    /// The role on the edge that linked it, if any.
    pub role: Option<String>,
    /// Points credited.
    pub amount: f64,
}

/// How one outcome was valued and split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeCredit {
    /// The outcome.
    pub outcome: NodeId,
    /// Its key.
    pub key: String,
    /// Its kind.
    pub kind: OutcomeKind,
    /// The recorded value (CNY, share or count).
    pub value: f64,
    /// Decay factor applied (1 without decay).
    pub decay: f64,
    /// Points after valuation and decay; the credits sum to this (if anyone is credited).
    pub points: f64,
    /// The demand that produced it, if any.
    pub demand: Option<NodeId>,
    /// The region it is located in (the enterprise's, else the demand's), if known.
    pub region: Option<NodeId>,
    /// Industries of the demand (empty if none).
    pub industries: Vec<String>,
    /// Credits, by group then node id.
    pub credits: Vec<Credit>,
}

/// The attribution of every outcome in a graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// One entry per outcome, in id order.
    pub outcomes: Vec<OutcomeCredit>,
    /// Total points per actor, by id.
    pub totals: Vec<(NodeId, f64)>,
    /// Reference date used for decay.
    pub as_of: Option<Date>,
}

impl Attribution {
    /// Total points of an actor (0 if none).
    pub fn total(&self, id: NodeId) -> f64 {
        self.totals
            .binary_search_by_key(&id, |t| t.0)
            .map_or(0.0, |i| self.totals[i].1)
    }

    /// Outcomes nobody could be credited for (no linked actor found).
    pub fn unattributed(&self) -> impl Iterator<Item = &OutcomeCredit> {
        self.outcomes.iter().filter(|o| o.credits.is_empty())
    }

    /// Sum of points of all outcomes.
    pub fn total_points(&self) -> f64 {
        self.outcomes.iter().map(|o| o.points).sum()
    }
}

/// One candidate actor of an outcome.
struct Player {
    node: NodeId,
    group: Group,
    role: Option<String>,
    weight: f64,
}

/// Credits every outcome of a graph to the actors the graph links it to.
///
/// For an outcome `o`: the demands and instruments with a `produced` edge to `o`; for each such
/// demand, the actors that `solved` it ([`Group::Solver`], with the edge's role), the liaisons
/// that `brokered` it, the enterprise that `posted` it, and the instruments it ran `under`;
/// the producing instruments themselves; and every actor with an explicit `contributed` edge to
/// `o`. An actor reached twice keeps its first group (solver, liaison, instrument, enterprise
/// order) and its largest role weight. The outcome's region is the posting enterprise's region
/// (else the demand's); regions are credited by aggregation in [`super::impact_index`], not by
/// a share. Points are computed as [`CreditOptions`] documents, then split by the rule.
///
/// # Arguments
/// * `g` — the graph; `opts` — valuation, decay and split rule.
///
/// # Returns
/// [`Attribution`]: per outcome the credits (summing to its points), and per actor the total.
/// Errors: `invalid_value` for bad options.
///
/// # Complexity
/// O(Σ_o (deg of o and of its producers)) to find actors; splitting is O(a) per outcome with
/// role shares, O(2^a · a) with exact Shapley (a ≤ 20 actors), O(permutations · a) sampled.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Edge, Node, NodeData, NodeKind, Outcome, OutcomeKind, Relation};
/// use kechuang::impact::{attribute, CreditOptions};
/// let mut g = CollabGraph::new();
/// let e = g.add_node(Node::new("e:1", NodeKind::Enterprise, "企业"))?;
/// let d = g.add_node(Node::new("d:1", NodeKind::Demand, "需求"))?;
/// let x = g.add_node(Node::new("x:1", NodeKind::Expert, "专家"))?;
/// let o = g.add_node(Node::with_data("o:1", "解决", NodeData::Outcome(Outcome {
///     kind: OutcomeKind::ProblemSolved, value: 1.0, unit: None, date: None })))?;
/// g.connect(Relation::Posted, "e:1", "d:1")?;
/// g.add_edge(Edge::new(Relation::Solved, x, d).with_role("lead"))?;
/// g.connect(Relation::Produced, "d:1", "o:1")?;
/// let a = attribute(&g, &CreditOptions::default())?;
/// // solver 0.5 and enterprise 0.2, rescaled over the groups present
/// assert!((a.total(x) - 0.5 / 0.7).abs() < 1e-12);
/// assert!((a.total(e) - 0.2 / 0.7).abs() < 1e-12);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Shapley 1953; for credit in teams, Shen & Barabási, "Collective credit allocation in
/// science", PNAS 111(34), 2014.
pub fn attribute(g: &CollabGraph, opts: &CreditOptions) -> Result<Attribution> {
    opts.check()?;
    let outcomes: Vec<(NodeId, crate::model::Outcome)> = g
        .nodes_of(NodeKind::Outcome)
        .filter_map(|(id, n)| n.as_outcome().map(|o| (id, o.clone())))
        .collect();
    let as_of = opts
        .as_of
        .or_else(|| outcomes.iter().filter_map(|(_, o)| o.date).max());
    let max_money = outcomes
        .iter()
        .filter(|(_, o)| o.kind.is_money())
        .map(|(_, o)| o.value)
        .fold(0.0f64, f64::max);
    let mut result = Vec::with_capacity(outcomes.len());
    let mut totals: BTreeMap<NodeId, f64> = BTreeMap::new();
    for (oid, o) in outcomes {
        let value = if o.value.is_finite() {
            o.value.max(0.0)
        } else {
            0.0
        };
        let base = match o.kind {
            OutcomeKind::EconomicBenefit => match opts.money {
                MoneyScale::Log { unit_cny } => (1.0 + value / unit_cny).log10(),
                MoneyScale::Linear { unit_cny } => value / unit_cny,
                MoneyScale::Normalised => {
                    if max_money > 0.0 {
                        value / max_money
                    } else {
                        0.0
                    }
                }
            },
            OutcomeKind::MarketShare => value.min(1.0) * opts.market_share_points,
            _ => value,
        };
        let decay = match (opts.half_life_days, as_of, o.date) {
            (Some(h), Some(now), Some(d)) => 0.5f64.powf(f64::from(now.days_since(d).max(0)) / h),
            _ => 1.0,
        };
        let points = base * opts.kind_weights.get(&o.kind).copied().unwrap_or(1.0) * decay;
        let (players, demand) = players_of(g, oid, opts);
        let region = demand
            .and_then(|d| {
                g.neighbors(d, Some(Relation::Posted), Direction::In)
                    .min()
                    .and_then(|e| g.region_of(e))
                    .or_else(|| g.region_of(d))
            })
            .or_else(|| g.region_of(oid));
        let industries = demand
            .and_then(|d| g.node(d))
            .and_then(|n| n.as_demand())
            .map(|d| d.industries.clone())
            .unwrap_or_default();
        let amounts = split(&players, points, opts, oid)?;
        let credits: Vec<Credit> = players
            .iter()
            .zip(amounts)
            .map(|(p, amount)| Credit {
                node: p.node,
                key: g.key(p.node).to_string(),
                kind: g.node(p.node).map_or(NodeKind::Expert, |n| n.kind()),
                group: p.group,
                role: p.role.clone(),
                amount,
            })
            .collect();
        for c in &credits {
            *totals.entry(c.node).or_insert(0.0) += c.amount;
        }
        result.push(OutcomeCredit {
            outcome: oid,
            key: g.key(oid).to_string(),
            kind: o.kind,
            value: o.value,
            decay,
            points,
            demand,
            region,
            industries,
            credits,
        });
    }
    Ok(Attribution {
        outcomes: result,
        totals: totals.into_iter().collect(),
        as_of,
    })
}

/// The actors of an outcome, sorted by group then id, and its (smallest-id) producing demand.
fn players_of(g: &CollabGraph, o: NodeId, opts: &CreditOptions) -> (Vec<Player>, Option<NodeId>) {
    let mut found: BTreeMap<NodeId, Player> = BTreeMap::new();
    let mut add = |node: NodeId, group: Group, role: Option<&str>| {
        let w = opts.role_weight(role);
        let p = found.entry(node).or_insert(Player {
            node,
            group,
            role: role.map(str::to_string),
            weight: w,
        });
        if group < p.group {
            p.group = group;
        }
        if w > p.weight {
            p.weight = w;
            p.role = role.map(str::to_string);
        }
    };
    let kind = |n: NodeId| g.node(n).map(|x| x.kind());
    let mut demand = None;
    let mut producers: Vec<NodeId> = g
        .neighbors(o, Some(Relation::Produced), Direction::In)
        .collect();
    producers.sort_unstable();
    producers.dedup();
    for p in producers {
        match kind(p) {
            Some(NodeKind::Demand) => {
                demand = demand.or(Some(p));
                for (_, e, a) in g.incident(p, None, Direction::In) {
                    match e.relation {
                        Relation::Solved => add(a, Group::Solver, e.role()),
                        Relation::Brokered => add(a, Group::Liaison, e.role()),
                        Relation::Posted => add(a, Group::Enterprise, e.role()),
                        _ => {}
                    }
                }
                for (_, e, a) in g.incident(p, Some(Relation::Under), Direction::Out) {
                    add(a, Group::Instrument, e.role());
                }
            }
            Some(_) => add(p, Group::Instrument, None),
            None => {}
        }
    }
    for (_, e, a) in g.incident(o, Some(Relation::Contributed), Direction::In) {
        let group = match kind(a) {
            Some(NodeKind::Liaison) => Group::Liaison,
            Some(NodeKind::Enterprise) => Group::Enterprise,
            Some(NodeKind::Alliance) => Group::Instrument,
            _ => Group::Solver,
        };
        add(a, group, e.role());
    }
    let mut players: Vec<Player> = found.into_values().collect();
    players.sort_by_key(|p| (p.group, p.node));
    (players, demand)
}

/// Splits `points` over the players by the configured rule.
fn split(players: &[Player], points: f64, opts: &CreditOptions, o: NodeId) -> Result<Vec<f64>> {
    if players.is_empty() {
        return Ok(Vec::new());
    }
    // group totals of role weight, and which groups are present
    let groups = [
        Group::Solver,
        Group::Liaison,
        Group::Instrument,
        Group::Enterprise,
    ];
    let gw = |g: Group| -> f64 {
        players
            .iter()
            .filter(|p| p.group == g)
            .map(|p| p.weight)
            .sum()
    };
    let present: Vec<Group> = groups
        .iter()
        .copied()
        .filter(|&g| gw(g) > 0.0 && opts.share(g) > 0.0)
        .collect();
    let denom: f64 = present.iter().map(|&g| opts.share(g)).sum();
    if denom <= 0.0 {
        // every present actor has weight 0 or every group share is 0: equal split keeps the
        // outcome's points (efficiency) without inventing preferences
        let k = players.len() as f64;
        return Ok(vec![points / k; players.len()]);
    }
    match opts.rule {
        CreditRule::RoleShares => Ok(players
            .iter()
            .map(|p| {
                if present.contains(&p.group) {
                    points * opts.share(p.group) / denom * p.weight / gw(p.group)
                } else {
                    0.0
                }
            })
            .collect()),
        CreditRule::Shapley { permutations } => {
            let solver_total = gw(Group::Solver);
            let has_solvers = present.contains(&Group::Solver);
            let v = |s: &[bool]| -> f64 {
                let mut sw = 0.0;
                let mut here = [false; 4];
                for (p, &m) in players.iter().zip(s) {
                    if m && p.weight > 0.0 {
                        here[p.group as usize] = true;
                        if p.group == Group::Solver {
                            sw += p.weight;
                        }
                    }
                }
                let s_frac = if has_solvers { sw / solver_total } else { 1.0 };
                let c: f64 = present
                    .iter()
                    .filter(|&&g| here[g as usize])
                    .map(|&g| opts.share(g))
                    .sum();
                points * s_frac * c / denom
            };
            if players.len() <= MAX_EXACT_PLAYERS {
                shapley_exact(players.len(), v)
            } else {
                shapley_sampled(
                    players.len(),
                    v,
                    permutations,
                    mix64(opts.seed ^ u64::from(o.get())),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node, NodeData, Outcome};

    fn graph(solvers: usize, date: Option<Date>) -> (CollabGraph, Vec<NodeId>) {
        let mut g = CollabGraph::new();
        let mut ids = Vec::new();
        g.add_node(Node::new("r:1", NodeKind::Region, "r")).unwrap();
        ids.push(
            g.add_node(Node::new("e:1", NodeKind::Enterprise, "e"))
                .unwrap(),
        );
        let d = g.add_node(Node::new("d:1", NodeKind::Demand, "d")).unwrap();
        ids.push(
            g.add_node(Node::new("l:1", NodeKind::Liaison, "l"))
                .unwrap(),
        );
        ids.push(
            g.add_node(Node::new("w:1", NodeKind::Workstation, "w"))
                .unwrap(),
        );
        g.connect(Relation::LocatedIn, "e:1", "r:1").unwrap();
        g.connect(Relation::Posted, "e:1", "d:1").unwrap();
        g.connect(Relation::Brokered, "l:1", "d:1").unwrap();
        g.connect(Relation::Under, "d:1", "w:1").unwrap();
        for i in 0..solvers {
            let x = g
                .add_node(Node::new(format!("x:{i}"), NodeKind::Expert, "x"))
                .unwrap();
            let role = if i == 0 { "lead" } else { "member" };
            g.add_edge(Edge::new(Relation::Solved, x, d).with_role(role))
                .unwrap();
            ids.push(x);
        }
        g.add_node(Node::with_data(
            "o:1",
            "o",
            NodeData::Outcome(Outcome {
                kind: OutcomeKind::EconomicBenefit,
                value: 990_000.0,
                unit: None,
                date,
            }),
        ))
        .unwrap();
        g.connect(Relation::Produced, "d:1", "o:1").unwrap();
        (g, ids)
    }

    #[test]
    fn role_shares_sum_and_split() {
        let (g, ids) = graph(3, None);
        let a = attribute(&g, &CreditOptions::default()).unwrap();
        let o = &a.outcomes[0];
        assert!((o.points - 2.0).abs() < 1e-12); // log10(1 + 99)
        let sum: f64 = o.credits.iter().map(|c| c.amount).sum();
        assert!((sum - o.points).abs() < 1e-12);
        // lead weighs 2, members 1: 0.5 of the points split 2:1:1
        assert!((a.total(ids[3]) - 2.0 * 0.5 * 0.5).abs() < 1e-12);
        assert!((a.total(ids[4]) - 2.0 * 0.5 * 0.25).abs() < 1e-12);
        assert!((a.total(ids[1]) - 2.0 * 0.15).abs() < 1e-12);
        assert_eq!(o.region, g.id("r:1"));
    }

    #[test]
    fn shapley_efficient_symmetric_and_sampled_close() {
        let opts = CreditOptions {
            rule: CreditRule::Shapley {
                permutations: 20_000,
            },
            ..CreditOptions::default()
        };
        let (g, ids) = graph(4, None);
        let a = attribute(&g, &opts).unwrap();
        let o = &a.outcomes[0];
        let sum: f64 = o.credits.iter().map(|c| c.amount).sum();
        assert!((sum - o.points).abs() < 1e-9);
        // the two plain members are symmetric
        assert!((a.total(ids[4]) - a.total(ids[5])).abs() < 1e-12);
        // lead gets more than a member; the liaison gets something
        assert!(a.total(ids[3]) > a.total(ids[4]));
        assert!(a.total(ids[1]) > 0.0);
        // 25 solvers: sampled; still efficient, members still (nearly) symmetric
        let (g, ids) = graph(25, None);
        let a = attribute(&g, &opts).unwrap();
        let o = &a.outcomes[0];
        let sum: f64 = o.credits.iter().map(|c| c.amount).sum();
        assert!((sum - o.points).abs() < 1e-9);
        assert!((a.total(ids[4]) - a.total(ids[5])).abs() < 0.01);
    }

    #[test]
    fn decay_halves_after_half_life() {
        let d0 = Date::from_ymd(2020, 1, 1).unwrap();
        let (g, _) = graph(1, Some(d0));
        let opts = CreditOptions {
            as_of: Some(d0.add_days(730)),
            ..CreditOptions::default()
        };
        let a = attribute(&g, &opts).unwrap();
        assert!((a.outcomes[0].decay - 0.5).abs() < 1e-12);
        let bad = CreditOptions {
            half_life_days: Some(0.0),
            ..CreditOptions::default()
        };
        assert_eq!(attribute(&g, &bad).unwrap_err().code(), "invalid_value");
    }
}
