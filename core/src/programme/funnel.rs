//! The demand funnel: how many demands reach each state, conversion between consecutive
//! states, and time spent per state — overall and grouped by region, industry, liaison and
//! society.
//!
//! ## Definitions
//! * A demand is **in** the funnel when it is posted within the period (posting date, or its
//!   first event when the posting date is unknown; undated demands are always in) and its
//!   region is inside the region filter. Events after the period's end are ignored.
//! * **reached(s)** = demands whose log ever entered state `s` (every demand reaches
//!   `posted`).
//! * **conversion(s)** along the main chain posted → matched → contacted → engaged → solved
//!   is `reached(s) / reached(previous)`; for analysed, closed_unsolved and withdrawn it is
//!   `reached(s) / reached(posted)`. The transition table makes the chain nested (solved only
//!   from engaged, engaged only from contacted, contacted only from matched).
//! * **time in s** = days of each *completed* stay in `s` (entered and left, both dated);
//!   mean and median over stays. Ongoing stays are not counted (they would bias towards
//!   short times); their number is `open`.
//! * Groups: **region** = the demand's region (its own `located_in`, else its enterprise's);
//!   **industry** = each industry code of the demand (a demand with two counts in both);
//!   **liaison** = each liaison with a `brokered` edge; **society** = each society with an
//!   `engaged` or `solved` edge to the demand, or of which an engaged/solving expert is a
//!   member (`member_of`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Period, RegionFilter, demand_region, mean, median};
use crate::error::Result;
use crate::graph::{CollabGraph, Direction};
use crate::model::{Demand, DemandStatus, NodeId, NodeKind, Relation};

/// Options of [`funnel()`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct FunnelOptions {
    /// Demands posted in this period; events after its end are ignored.
    pub period: Period,
    /// Only demands in this region or nested inside it (key).
    pub region: Option<String>,
    /// Also compute the grouped funnels (default true).
    pub grouped: bool,
}

impl FunnelOptions {
    /// Options for a period and an optional region, with groups.
    pub fn new(period: Period, region: Option<String>) -> Self {
        FunnelOptions {
            period,
            region,
            grouped: true,
        }
    }
}

/// How many demands reached a state, and the conversion into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    /// The state.
    pub state: DemandStatus,
    /// Demands that ever entered it.
    pub reached: usize,
    /// Share of the previous stage (see the module docs); `None` when that is 0.
    pub conversion: Option<f64>,
}

/// Time spent in one state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateTime {
    /// The state.
    pub state: DemandStatus,
    /// Completed, dated stays.
    pub stays: usize,
    /// Mean days per stay.
    pub mean_days: Option<f64>,
    /// Median days per stay.
    pub median_days: Option<f64>,
}

/// One funnel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Funnel {
    /// Demands in the funnel.
    pub demands: usize,
    /// Demands still open at the end of the period.
    pub open: usize,
    /// One entry per state, in [`DemandStatus::ALL`] order.
    pub stages: Vec<Stage>,
    /// One entry per non-terminal state.
    pub times: Vec<StateTime>,
}

impl Funnel {
    /// The stage of a state.
    pub fn stage(&self, s: DemandStatus) -> Option<&Stage> {
        self.stages.iter().find(|x| x.state == s)
    }

    /// Demands that reached `s`.
    pub fn reached(&self, s: DemandStatus) -> usize {
        self.stage(s).map_or(0, |x| x.reached)
    }

    /// Conversion into `s` (see the module docs).
    pub fn conversion(&self, s: DemandStatus) -> Option<f64> {
        self.stage(s).and_then(|x| x.conversion)
    }

    /// Time statistics of `s`.
    pub fn time(&self, s: DemandStatus) -> Option<&StateTime> {
        self.times.iter().find(|x| x.state == s)
    }

    /// Share of the funnel's demands that were solved.
    pub fn solve_rate(&self) -> Option<f64> {
        (self.demands > 0).then(|| self.reached(DemandStatus::Solved) as f64 / self.demands as f64)
    }
}

/// The overall funnel and the grouped ones.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FunnelReport {
    /// All demands in the filter.
    pub overall: Funnel,
    /// By region key (`"-"` for demands without a region).
    pub by_region: BTreeMap<String, Funnel>,
    /// By industry code.
    pub by_industry: BTreeMap<String, Funnel>,
    /// By liaison key.
    pub by_liaison: BTreeMap<String, Funnel>,
    /// By society key.
    pub by_society: BTreeMap<String, Funnel>,
}

/// Number of states (array sizes below).
const N: usize = DemandStatus::ALL.len();

#[derive(Default, Clone)]
struct Acc {
    demands: usize,
    open: usize,
    reached: [usize; N],
    days: [Vec<f64>; N],
}

struct Facts {
    visited: [bool; N],
    stays: Vec<(DemandStatus, f64)>,
    open: bool,
}

impl Acc {
    fn add(&mut self, f: &Facts) {
        self.demands += 1;
        self.open += usize::from(f.open);
        for (i, v) in f.visited.iter().enumerate() {
            self.reached[i] += usize::from(*v);
        }
        for &(s, d) in &f.stays {
            self.days[s as usize].push(d);
        }
    }

    fn finish(mut self) -> Funnel {
        use DemandStatus as S;
        let prev = |s: S| match s {
            S::Posted => None,
            S::Matched => Some(S::Posted),
            S::Contacted => Some(S::Matched),
            S::Engaged => Some(S::Contacted),
            S::Solved => Some(S::Engaged),
            _ => Some(S::Posted),
        };
        let stages = S::ALL
            .iter()
            .map(|&s| {
                let reached = self.reached[s as usize];
                let conversion = prev(s).and_then(|p| {
                    let base = self.reached[p as usize];
                    (base > 0).then(|| reached as f64 / base as f64)
                });
                Stage {
                    state: s,
                    reached,
                    conversion,
                }
            })
            .collect();
        let times = S::ALL
            .iter()
            .filter(|s| s.is_open())
            .map(|&s| {
                let v = &mut self.days[s as usize];
                StateTime {
                    state: s,
                    stays: v.len(),
                    mean_days: mean(v),
                    median_days: median(v),
                }
            })
            .collect();
        Funnel {
            demands: self.demands,
            open: self.open,
            stages,
            times,
        }
    }
}

fn facts(d: &Demand, period: &Period) -> Facts {
    let mut visited = [false; N];
    visited[DemandStatus::Posted as usize] = true;
    let events: Vec<_> = d
        .events
        .iter()
        .filter(|e| period.to.is_none_or(|t| e.date <= t))
        .collect();
    let mut stays = Vec::new();
    let mut cur = (DemandStatus::Posted, d.posted);
    for e in &events {
        visited[e.to as usize] = true;
        if let Some(f) = cur.1 {
            stays.push((cur.0, f64::from(e.date.days_since(f))));
        }
        cur = (e.to, Some(e.date));
    }
    Facts {
        visited,
        stays,
        open: cur.0.is_open(),
    }
}

/// The societies credited with a demand (see the module docs), sorted, deduplicated.
pub(crate) fn demand_societies(g: &CollabGraph, demand: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    for rel in [Relation::Engaged, Relation::Solved] {
        for s in g.neighbors(demand, Some(rel), Direction::In) {
            match g.node(s).map(|n| n.kind()) {
                Some(NodeKind::Society) => out.push(s),
                Some(NodeKind::Expert) => out.extend(
                    g.neighbors(s, Some(Relation::MemberOf), Direction::Out)
                        .filter(|&m| g.node(m).is_some_and(|n| n.kind() == NodeKind::Society)),
                ),
                _ => {}
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Computes the funnel (see the module docs for every definition).
///
/// # Arguments
/// * `g` — the graph; `opts` — period, region filter, whether to group.
///
/// # Returns
/// A [`FunnelReport`]; `unknown_key` / `wrong_kind` for a bad region, `invalid_value` for a
/// reversed period.
///
/// # Complexity
/// O(D·(L + G)) time for D demands with logs of length L and G groups each, plus the
/// sort for medians; O(D·G) space.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Demand, DemandStatus as S, Node, NodeData};
/// use kechuang::programme::{funnel, transition, FunnelOptions};
/// let mut g = CollabGraph::new();
/// for k in ["d:1", "d:2"] {
///     let mut d = Demand::new("x");
///     d.posted = Some("2021-01-01".parse()?);
///     g.add_node(Node::with_data(k, k, NodeData::Demand(d)))?;
/// }
/// transition(&mut g, "d:1", S::Matched, "2021-01-11".parse()?, None, None)?;
/// let f = funnel(&g, &FunnelOptions::default())?.overall;
/// assert_eq!(f.reached(S::Matched), 1);
/// assert_eq!(f.conversion(S::Matched), Some(0.5));
/// assert_eq!(f.time(S::Posted).unwrap().median_days, Some(10.0));
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Conversion funnels as in web analytics (e.g. Kaushik, *Web Analytics 2.0*, 2009, ch. 5).
pub fn funnel(g: &CollabGraph, opts: &FunnelOptions) -> Result<FunnelReport> {
    opts.period.validate()?;
    let filter = RegionFilter::new(g, opts.region.as_deref())?;
    let mut overall = Acc::default();
    let mut groups: [BTreeMap<String, Acc>; 4] = Default::default();
    for (id, n) in g.nodes_of(NodeKind::Demand) {
        let Some(d) = n.as_demand() else { continue };
        let start = d.posted.or_else(|| d.events.first().map(|e| e.date));
        if !opts.period.admits(start) || !filter.admits(g, id) {
            continue;
        }
        let f = facts(d, &opts.period);
        overall.add(&f);
        if !opts.grouped {
            continue;
        }
        let region = demand_region(g, id).map_or_else(|| "-".to_string(), |r| g.key(r).into());
        groups[0].entry(region).or_default().add(&f);
        let mut inds = d.industries.clone();
        inds.sort();
        inds.dedup();
        for i in inds {
            groups[1].entry(i).or_default().add(&f);
        }
        let mut liaisons: Vec<NodeId> = g
            .neighbors(id, Some(Relation::Brokered), Direction::In)
            .collect();
        liaisons.sort_unstable();
        liaisons.dedup();
        for l in liaisons {
            groups[2].entry(g.key(l).into()).or_default().add(&f);
        }
        for s in demand_societies(g, id) {
            groups[3].entry(g.key(s).into()).or_default().add(&f);
        }
    }
    let [r, i, l, s] = groups.map(|m| {
        m.into_iter()
            .map(|(k, a)| (k, a.finish()))
            .collect::<BTreeMap<_, _>>()
    });
    Ok(FunnelReport {
        overall: overall.finish(),
        by_region: r,
        by_industry: i,
        by_liaison: l,
        by_society: s,
    })
}
