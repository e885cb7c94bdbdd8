//! Programme operations — the programme office's daily tools, the "四全" way of working:
//! follow every case to its end (全程跟进), cover the whole region (全域推进), match every
//! industry (全产业对接), train liaisons in progressive tiers (递进培养), and keep one record
//! per real-world entity.
//!
//! * [`lifecycle`] — demand transitions as an append-only event log: [`transition`],
//!   [`status_at`], [`history`].
//! * [`followup`] — stale demands, whose turn it is, overdue lists: [`follow_up`].
//! * [`funnel`](mod@funnel) — conversion between states and time spent per state, by region, industry,
//!   liaison and society: [`funnel()`](funnel::funnel).
//! * [`kpi`] — the pilot-city figures for a period and a region: [`programme_report`].
//! * [`coverage`](mod@coverage) — region × industry matrix of open demand against supply, gaps ranked by
//!   unmet demand: [`coverage()`](coverage::coverage).
//! * [`tiers`] — liaison tiers from activity and results, who is ready for promotion and what
//!   they lack: [`liaison_tiers`].
//! * [`dedup`] — entity resolution: [`find_duplicates`], [`normalise_name`], [`merge`].
//!
//! Every function here reads a [`CollabGraph`] (only [`transition`] and [`merge`] write) and
//! returns a serde result struct; options are serde structs with defaults. Results are
//! deterministic: ties are broken by key.
//!
//! ```
//! use kechuang::graph::CollabGraph;
//! use kechuang::model::{Date, Demand, DemandStatus, Node, NodeData, NodeKind, Relation};
//! use kechuang::programme::{self, FollowUpConfig};
//!
//! let mut g = CollabGraph::new();
//! g.add_node(Node::new("e:steel", NodeKind::Enterprise, "泰山钢铁"))?;
//! let mut d = Demand::new("高炉煤气余热回收");
//! d.posted = Some("2021-03-01".parse()?);
//! g.add_node(Node::with_data("d:1", "余热回收", NodeData::Demand(d)))?;
//! g.connect(Relation::Posted, "e:steel", "d:1")?;
//! let day = |s: &str| s.parse::<Date>();
//! programme::transition(&mut g, "d:1", DemandStatus::Matched, day("2021-03-05")?, None, None)?;
//! // forty days without news in "matched" (threshold 14 days) → stale, the liaison's turn
//! // (no liaison recorded: the programme office's)
//! let f = programme::follow_up(&g, day("2021-04-14")?, &FollowUpConfig::default())?;
//! assert_eq!(f.items[0].demand, "d:1");
//! assert_eq!(f.items[0].days_in_state, 40);
//! # Ok::<(), kechuang::Error>(())
//! ```

pub mod coverage;
pub mod dedup;
pub mod followup;
pub mod funnel;
pub mod kpi;
pub mod lifecycle;
pub mod tiers;

pub use coverage::{CoverageOptions, CoverageReport, coverage};
pub use dedup::{
    DedupOptions, Duplicates, MergeReport, find_duplicates, find_duplicates_with, merge,
    normalise_name,
};
pub use followup::{FollowUp, FollowUpConfig, StaleDemand, Turn, follow_up};
pub use funnel::{Funnel, FunnelOptions, FunnelReport, funnel};
pub use kpi::{Lang, ProgrammeReport, ReportOptions, programme_report};
pub use lifecycle::{History, history, replay, status_at, transition};
pub use tiers::{LiaisonTiers, TierConfig, liaison_tiers};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::graph::{CollabGraph, Direction};
use crate::model::{Date, NodeId, NodeKind, Relation};

/// A closed interval of days `[from, to]`; a missing end is unbounded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Period {
    /// First day included, if bounded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// Last day included, if bounded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
}

impl Period {
    /// The unbounded period (every date).
    pub fn all() -> Self {
        Period::default()
    }

    /// `[from, to]`, both included.
    pub fn between(from: Date, to: Date) -> Self {
        Period {
            from: Some(from),
            to: Some(to),
        }
    }

    /// True if `d` is inside.
    pub fn contains(&self, d: Date) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }

    /// True for an undated item: undated items cannot be placed outside a period, so they
    /// count in every period. A dated item counts when [`Period::contains`] it.
    pub fn admits(&self, d: Option<Date>) -> bool {
        d.is_none_or(|d| self.contains(d))
    }

    /// Checks `from ≤ to`.
    pub fn validate(&self) -> Result<()> {
        if let (Some(f), Some(t)) = (self.from, self.to)
            && t < f
        {
            return Err(crate::Error::invalid(
                "period",
                format!("to {t} is before from {f}; swap them"),
            ));
        }
        Ok(())
    }
}

/// The region a demand belongs to: its own `located_in`, else that of the enterprise that
/// posted it (smallest id wins when several).
pub(crate) fn demand_region(g: &CollabGraph, demand: NodeId) -> Option<NodeId> {
    g.region_of(demand).or_else(|| {
        g.neighbors(demand, Some(Relation::Posted), Direction::In)
            .filter_map(|e| g.region_of(e))
            .min()
    })
}

/// The region of an actor or instrument: its own `located_in`; else, for a workstation, its
/// host's; for an expert or liaison, their employer's; for other instruments, the smallest
/// region among the enterprises that take part in or lead it.
pub(crate) fn entity_region(g: &CollabGraph, id: NodeId) -> Option<NodeId> {
    if let Some(r) = g.region_of(id) {
        return Some(r);
    }
    let kind = g.node(id)?.kind();
    let via = |rel: Relation, dir: Direction| {
        g.neighbors(id, Some(rel), dir)
            .filter_map(|n| g.region_of(n))
            .min()
    };
    match kind {
        NodeKind::Demand => demand_region(g, id),
        NodeKind::Workstation => via(Relation::Hosts, Direction::In)
            .or_else(|| via(Relation::Participates, Direction::In))
            .or_else(|| via(Relation::Leads, Direction::In)),
        NodeKind::Expert => via(Relation::AffiliatedWith, Direction::Out),
        NodeKind::Liaison => via(Relation::WorksFor, Direction::Out),
        k if k.is_instrument() => g
            .neighbors(id, None, Direction::In)
            .filter(|&n| g.node(n).is_some_and(|x| x.kind() == NodeKind::Enterprise))
            .filter_map(|n| g.region_of(n))
            .min()
            .or_else(|| {
                g.neighbors(id, Some(Relation::Under), Direction::In)
                    .filter_map(|d| demand_region(g, d))
                    .min()
            }),
        NodeKind::Outcome => g
            .neighbors(id, Some(Relation::Produced), Direction::In)
            .filter_map(|n| entity_region(g, n))
            .min()
            .or_else(|| {
                g.neighbors(id, Some(Relation::Contributed), Direction::In)
                    .filter_map(|n| entity_region(g, n))
                    .min()
            }),
        _ => None,
    }
}

/// A region filter: `None` admits everything; `Some(r)` admits entities whose region is `r`
/// or nested inside `r`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RegionFilter(Option<NodeId>);

impl RegionFilter {
    pub(crate) fn new(g: &CollabGraph, region: Option<&str>) -> Result<Self> {
        region
            .map(|k| g.resolve_kind(k, NodeKind::Region))
            .transpose()
            .map(RegionFilter)
    }

    /// True if the entity's region (see [`entity_region`]) is inside the filter region.
    /// Entities without a region pass only the empty filter.
    pub(crate) fn admits(&self, g: &CollabGraph, id: NodeId) -> bool {
        match self.0 {
            None => true,
            Some(root) => {
                entity_region(g, id).is_some_and(|r| g.region_ancestors(r).contains(&root))
            }
        }
    }
}

/// Median of a list of values (mean of the two middle ones for an even count); `None` when
/// empty.
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// Mean of a list of values; `None` when empty.
pub(crate) fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}
