//! Demand lifecycle operations on top of the model's transition table
//! ([`DemandStatus::next`]): every move is an event appended to the demand's log; the state at
//! any date is derived by replaying the log.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::CollabGraph;
use crate::model::{Date, Demand, DemandEvent, DemandStatus, NodeData, NodeKind};

/// Moves a demand to a new state, appending one event to its log.
///
/// The move must be in the transition table ([`DemandStatus::next`]) and dated no earlier than
/// the last event (or the posting date). The actor is stored as its canonical key when it
/// names an entity of the graph (an alias left by a merge resolves to the survivor), and
/// verbatim otherwise (staff members need not be entities).
///
/// # Arguments
/// * `g` — the graph; only this demand's log changes.
/// * `demand` — key (or alias) of a demand.
/// * `to` — the new state; `date` — day of the move; `actor`, `note` — optional.
///
/// # Returns
/// The event appended. Errors (and then nothing changes): `unknown_key`, `wrong_kind`,
/// `invalid_transition` (not in the table; the message lists the allowed next states),
/// `invalid_value` (date before the last event or the posting date, empty actor).
///
/// # Complexity
/// O(1) time (amortised) and space, plus the key lookups.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Date, DemandStatus as S, Node, NodeKind};
/// use kechuang::programme::transition;
///
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("d:1", NodeKind::Demand, "余热回收"))?;
/// let day: Date = "2021-03-01".parse()?;
/// transition(&mut g, "d:1", S::Matched, day, Some("l:wang"), None)?;
/// let err = transition(&mut g, "d:1", S::Solved, day, None, None).unwrap_err();
/// assert_eq!(err.code(), "invalid_transition");
/// assert_eq!(g.get("d:1").unwrap().as_demand().unwrap().status(), S::Matched);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Event sourcing: the state is a fold over an append-only log (Fowler, "Event Sourcing", 2005).
pub fn transition(
    g: &mut CollabGraph,
    demand: &str,
    to: DemandStatus,
    date: Date,
    actor: Option<&str>,
    note: Option<&str>,
) -> Result<DemandEvent> {
    let id = g.resolve_kind(demand, NodeKind::Demand)?;
    let actor = match actor {
        Some(a) if a.trim().is_empty() => {
            return Err(Error::invalid(
                "actor",
                "is empty; pass None when the actor is unknown",
            ));
        }
        Some(a) => Some(g.get(a).map_or_else(|| a.to_string(), |n| n.key.clone())),
        None => None,
    };
    let canonical = g.key(id).to_string();
    let d = g
        .node(id)
        .and_then(|n| n.as_demand())
        .ok_or_else(|| Error::unknown_key(demand))?;
    let from = d.status();
    if !from.can_move_to(to) {
        return Err(Error::InvalidTransition {
            demand: canonical,
            from: from.to_string(),
            to: to.to_string(),
            allowed: crate::model::lifecycle_names(from.next()),
        });
    }
    if let Some(last) = d.last_activity()
        && date < last
    {
        return Err(Error::invalid(
            "date",
            format!(
                "{date} is before the demand's last event or posting date {last}; events are \
                 appended in date order — record the move with a date on or after {last}"
            ),
        ));
    }
    let event = DemandEvent {
        date,
        to,
        actor,
        note: note.map(str::to_string),
    };
    match g.node_data_mut(id) {
        Some(NodeData::Demand(d)) => d.events.push(event.clone()),
        _ => return Err(Error::unknown_key(demand)),
    }
    Ok(event)
}

/// Replays a log from `posted`, checking every step against the transition table and the date
/// order, and returns the final state.
///
/// # Arguments
/// * `events` — the log, oldest first.
///
/// # Returns
/// The state after the last event (`posted` for an empty log); `invalid_transition` naming the
/// first bad step, or `invalid_value` for a date going back.
///
/// # Complexity
/// O(n) time, O(1) space.
///
/// # Example
/// ```
/// use kechuang::model::{DemandEvent, DemandStatus as S};
/// let ev = |d: &str, to| DemandEvent { date: d.parse().unwrap(), to, actor: None, note: None };
/// let log = [ev("2021-01-02", S::Matched), ev("2021-01-09", S::Contacted)];
/// assert_eq!(kechuang::programme::replay(&log)?, S::Contacted);
/// assert!(kechuang::programme::replay(&[ev("2021-01-02", S::Solved)]).is_err());
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Fowler, "Event Sourcing" (2005).
pub fn replay(events: &[DemandEvent]) -> Result<DemandStatus> {
    let mut state = DemandStatus::Posted;
    let mut last: Option<Date> = None;
    for (i, e) in events.iter().enumerate() {
        if !state.can_move_to(e.to) {
            return Err(Error::InvalidTransition {
                demand: format!("events[{i}]"),
                from: state.to_string(),
                to: e.to.to_string(),
                allowed: crate::model::lifecycle_names(state.next()),
            });
        }
        if let Some(p) = last
            && e.date < p
        {
            return Err(Error::invalid(
                format!("events[{i}].date"),
                format!(
                    "{} is before the previous event {p}; sort the log by date",
                    e.date
                ),
            ));
        }
        last = Some(e.date);
        state = e.to;
    }
    Ok(state)
}

/// The state of a demand at the end of day `date`: the target of the last event dated on or
/// before it, `posted` if there is none; `None` before the posting date (the demand did not
/// exist yet).
///
/// # Complexity
/// O(log n) time (binary search over the date-ordered log), O(1) space.
///
/// # Example
/// ```
/// use kechuang::model::{Demand, DemandEvent, DemandStatus as S};
/// let mut d = Demand::new("x");
/// d.posted = Some("2021-01-01".parse()?);
/// d.events.push(DemandEvent { date: "2021-02-01".parse()?, to: S::Matched, actor: None, note: None });
/// assert_eq!(kechuang::programme::status_at(&d, "2021-01-15".parse()?), Some(S::Posted));
/// assert_eq!(kechuang::programme::status_at(&d, "2021-02-01".parse()?), Some(S::Matched));
/// assert_eq!(kechuang::programme::status_at(&d, "2020-12-31".parse()?), None);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Fowler, "Event Sourcing" (2005): temporal query by partial replay.
pub fn status_at(demand: &Demand, date: Date) -> Option<DemandStatus> {
    if demand.posted.is_some_and(|p| date < p) {
        return None;
    }
    let n = demand.events.partition_point(|e| e.date <= date);
    Some(if n == 0 {
        DemandStatus::Posted
    } else {
        demand.events[n - 1].to
    })
}

/// One stay in a state: entered on `from`, left on `to` (`None` while still there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateSpan {
    /// The state.
    pub state: DemandStatus,
    /// Day entered (`None` for `posted` without a posting date).
    pub from: Option<Date>,
    /// Day left, if it was left.
    pub to: Option<Date>,
    /// Key of who moved the demand into this state, if recorded.
    pub actor: Option<String>,
}

impl StateSpan {
    /// Whole days spent in the state (until `as_of` while still there); `None` if the entry
    /// date is unknown.
    pub fn days(&self, as_of: Date) -> Option<i32> {
        self.from.map(|f| self.to.unwrap_or(as_of).days_since(f))
    }
}

/// A demand's full history: the log and the stays in each state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// The demand's key.
    pub demand: String,
    /// Posting date.
    pub posted: Option<Date>,
    /// The current state.
    pub status: DemandStatus,
    /// The log, oldest first.
    pub events: Vec<DemandEvent>,
    /// Stays in states, in order; the first is `posted`.
    pub spans: Vec<StateSpan>,
}

impl History {
    /// True if the demand was ever in `state`.
    pub fn visited(&self, state: DemandStatus) -> bool {
        self.spans.iter().any(|s| s.state == state)
    }

    /// Date the demand first entered `state`.
    pub fn entered(&self, state: DemandStatus) -> Option<Date> {
        self.spans
            .iter()
            .find(|s| s.state == state)
            .and_then(|s| s.from)
    }
}

/// Spans of a demand's log (internal; used by history, funnel and follow-up).
pub(crate) fn spans(d: &Demand) -> Vec<StateSpan> {
    let mut out = Vec::with_capacity(d.events.len() + 1);
    out.push(StateSpan {
        state: DemandStatus::Posted,
        from: d.posted,
        to: None,
        actor: None,
    });
    for e in &d.events {
        if let Some(last) = out.last_mut() {
            last.to = Some(e.date);
        }
        out.push(StateSpan {
            state: e.to,
            from: Some(e.date),
            to: None,
            actor: e.actor.clone(),
        });
    }
    out
}

/// The history of one demand.
///
/// # Arguments
/// * `demand` — key or alias of a demand.
///
/// # Returns
/// A [`History`]; `unknown_key` / `wrong_kind` otherwise.
///
/// # Complexity
/// O(n) time and space in the length of the log.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{DemandStatus as S, Node, NodeKind};
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("d:1", NodeKind::Demand, "x"))?;
/// kechuang::programme::transition(&mut g, "d:1", S::Analysed, "2021-01-02".parse()?, None, None)?;
/// let h = kechuang::programme::history(&g, "d:1")?;
/// assert_eq!(h.spans.len(), 2);
/// assert!(h.visited(S::Analysed));
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Fowler, "Event Sourcing" (2005).
pub fn history(g: &CollabGraph, demand: &str) -> Result<History> {
    let id = g.resolve_kind(demand, NodeKind::Demand)?;
    let n = g.try_node(id)?;
    let d = n.as_demand().ok_or_else(|| Error::unknown_key(demand))?;
    Ok(History {
        demand: n.key.clone(),
        posted: d.posted,
        status: d.status(),
        events: d.events.clone(),
        spans: spans(d),
    })
}
