//! Follow-up (全程跟进): which open demands are stale, whose turn it is, and the overdue list
//! sorted by urgency.
//!
//! ## Whose turn it is, per state
//!
//! | state | turn | who (keys) |
//! |---|---|---|
//! | posted | [`Turn::Liaison`] — qualify and analyse the problem | liaisons with a `brokered` edge to the demand |
//! | analysed | [`Turn::Liaison`] — find candidates (run the matcher) | liaisons (`brokered`) |
//! | matched | [`Turn::Liaison`] — introduce the candidates | liaisons (`brokered`) |
//! | contacted | [`Turn::Enterprise`] — decide on the introduced candidates | enterprises with a `posted` edge |
//! | engaged | [`Turn::Solver`] — deliver the solution | experts, societies, teams, institutions with an `engaged` edge |
//!
//! When nobody of the needed kind is recorded, the turn falls to [`Turn::Office`] (the
//! programme office, 科协) with an empty `who`.

use serde::{Deserialize, Serialize};

use super::{RegionFilter, demand_region};
use crate::error::Result;
use crate::graph::{CollabGraph, Direction};
use crate::model::{Date, DemandStatus, NodeKind, Relation, Urgency};

/// Days without an event after which a demand in each open state is stale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct FollowUpConfig {
    /// posted (default 7: a new problem should be looked at within a week).
    pub posted: u32,
    /// analysed (default 14).
    pub analysed: u32,
    /// matched (default 14: introductions within two weeks of matching).
    pub matched: u32,
    /// contacted (default 21: the enterprise and candidate should agree within three weeks).
    pub contacted: u32,
    /// engaged (default 60: a progress note at least every two months).
    pub engaged: u32,
    /// Only demands located in this region or nested inside it (key), if set.
    pub region: Option<String>,
}

impl Default for FollowUpConfig {
    fn default() -> Self {
        FollowUpConfig {
            posted: 7,
            analysed: 14,
            matched: 14,
            contacted: 21,
            engaged: 60,
            region: None,
        }
    }
}

impl FollowUpConfig {
    /// The threshold for a state (`None` for terminal states).
    pub fn threshold(&self, s: DemandStatus) -> Option<u32> {
        match s {
            DemandStatus::Posted => Some(self.posted),
            DemandStatus::Analysed => Some(self.analysed),
            DemandStatus::Matched => Some(self.matched),
            DemandStatus::Contacted => Some(self.contacted),
            DemandStatus::Engaged => Some(self.engaged),
            _ => None,
        }
    }
}

/// Who must act next on a demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Turn {
    /// The liaison who brokered the demand.
    Liaison,
    /// The enterprise that posted it.
    Enterprise,
    /// The expert, society, team or institution engaged on it.
    Solver,
    /// Nobody of the needed kind is recorded: the programme office.
    Office,
}

impl Turn {
    /// The turn for a state (before the fallback to [`Turn::Office`]); `None` for terminal
    /// states.
    pub fn for_state(s: DemandStatus) -> Option<Turn> {
        match s {
            DemandStatus::Posted | DemandStatus::Analysed | DemandStatus::Matched => {
                Some(Turn::Liaison)
            }
            DemandStatus::Contacted => Some(Turn::Enterprise),
            DemandStatus::Engaged => Some(Turn::Solver),
            _ => None,
        }
    }
}

/// One stale demand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaleDemand {
    /// The demand's key.
    pub demand: String,
    /// Its name.
    pub name: String,
    /// Its current state.
    pub status: DemandStatus,
    /// Day it entered the state (last event, or posting date).
    pub since: Date,
    /// Days since then.
    pub days_in_state: i32,
    /// The state's threshold.
    pub threshold: u32,
    /// `days_in_state − threshold` (> 0).
    pub overdue_by: i32,
    /// Urgency.
    pub urgency: Urgency,
    /// Whose turn it is.
    pub turn: Turn,
    /// Keys of who should act, sorted.
    pub who: Vec<String>,
    /// The demand's region key, if known.
    pub region: Option<String>,
}

/// The follow-up list for one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    /// The day the list is for.
    pub today: Date,
    /// Open demands considered (in the region filter).
    pub open: usize,
    /// Open demands without any date (no posting date, no event), which cannot be aged.
    pub undated: usize,
    /// Stale demands, most urgent first, then most overdue, then by key.
    pub items: Vec<StaleDemand>,
}

impl FollowUp {
    /// Number of stale demands.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when nothing is stale.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The stale demands waiting on one actor (key), in list order.
    pub fn for_actor<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a StaleDemand> + 'a {
        self.items
            .iter()
            .filter(move |s| s.who.iter().any(|w| w == key))
    }

    /// The stale demands whose turn is `turn`, in list order.
    pub fn by_turn(&self, turn: Turn) -> impl Iterator<Item = &StaleDemand> + '_ {
        self.items.iter().filter(move |s| s.turn == turn)
    }
}

/// Lists the open demands with no event for longer than their state's threshold.
///
/// A demand is stale on `today` when it is open and `today − since > threshold(state)`, where
/// `since` is the date of its last event (or its posting date). Events dated after `today` are
/// ignored: the list can be recomputed for any past day.
///
/// # Arguments
/// * `today` — the day of the list; `cfg` — thresholds and an optional region filter.
///
/// # Returns
/// A [`FollowUp`], sorted by urgency (critical first), then `overdue_by` (largest first), then
/// key. `unknown_key` / `wrong_kind` for a bad region key.
///
/// # Complexity
/// O(D·(L + log D)) time for D demands with logs of length L, O(D) space.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Demand, DemandStatus, Node, NodeData, NodeKind, Relation};
/// use kechuang::programme::{follow_up, transition, FollowUpConfig, Turn};
///
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("e:1", NodeKind::Enterprise, "泰山钢铁"))?;
/// let mut d = Demand::new("x");
/// d.posted = Some("2021-01-01".parse()?);
/// g.add_node(Node::with_data("d:1", "x", NodeData::Demand(d)))?;
/// g.connect(Relation::Posted, "e:1", "d:1")?;
/// transition(&mut g, "d:1", DemandStatus::Matched, "2021-01-02".parse()?, None, None)?;
/// transition(&mut g, "d:1", DemandStatus::Contacted, "2021-01-03".parse()?, None, None)?;
/// let f = follow_up(&g, "2021-02-01".parse()?, &FollowUpConfig::default())?;
/// assert_eq!(f.items[0].turn, Turn::Enterprise);
/// assert_eq!(f.items[0].who, vec!["e:1".to_string()]);
/// assert_eq!(f.items[0].overdue_by, 29 - 21);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Service-level ageing lists as in ITIL incident management ("aged tickets by priority").
pub fn follow_up(g: &CollabGraph, today: Date, cfg: &FollowUpConfig) -> Result<FollowUp> {
    let filter = RegionFilter::new(g, cfg.region.as_deref())?;
    let mut items = Vec::new();
    let (mut open, mut undated) = (0, 0);
    for (id, n) in g.nodes_of(NodeKind::Demand) {
        let Some(d) = n.as_demand() else { continue };
        if d.posted.is_some_and(|p| p > today) || !filter.admits(g, id) {
            continue;
        }
        let k = d.events.partition_point(|e| e.date <= today);
        let (status, since) = match k {
            0 => (DemandStatus::Posted, d.posted),
            _ => (d.events[k - 1].to, Some(d.events[k - 1].date)),
        };
        let Some(threshold) = cfg.threshold(status) else {
            continue;
        };
        open += 1;
        let Some(since) = since else {
            undated += 1;
            continue;
        };
        let days = today.days_since(since);
        if days <= threshold as i32 {
            continue;
        }
        let (rel, dir, turn) = match Turn::for_state(status) {
            Some(Turn::Liaison) => (Relation::Brokered, Direction::In, Turn::Liaison),
            Some(Turn::Enterprise) => (Relation::Posted, Direction::In, Turn::Enterprise),
            _ => (Relation::Engaged, Direction::In, Turn::Solver),
        };
        let mut who: Vec<String> = g
            .neighbors(id, Some(rel), dir)
            .map(|w| g.key(w).to_string())
            .collect();
        who.sort();
        who.dedup();
        let turn = if who.is_empty() { Turn::Office } else { turn };
        items.push(StaleDemand {
            demand: n.key.clone(),
            name: n.name.clone(),
            status,
            since,
            days_in_state: days,
            threshold,
            overdue_by: days - threshold as i32,
            urgency: d.urgency,
            turn,
            who,
            region: demand_region(g, id).map(|r| g.key(r).to_string()),
        });
    }
    items.sort_by(|a, b| {
        b.urgency
            .cmp(&a.urgency)
            .then(b.overdue_by.cmp(&a.overdue_by))
            .then_with(|| a.demand.cmp(&b.demand))
    });
    Ok(FollowUp {
        today,
        open,
        undated,
        items,
    })
}
