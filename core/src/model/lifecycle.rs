//! The demand lifecycle: states, events and the table of allowed transitions.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::entity::Demand;
use super::kinds::named_enum;
use crate::error::{Error, Result};

named_enum!(
    /// A demand's state. The lifecycle runs posted → analysed → matched → contacted → engaged →
    /// solved, and may end early as closed_unsolved or withdrawn.
    DemandStatus, "status" {
        /// 已发布 — received.
        Posted = "posted",
        /// 已分析 — an analyst has classified it.
        Analysed = "analysed",
        /// 已匹配 — candidates have been found.
        Matched = "matched",
        /// 已对接 — candidates have been contacted.
        Contacted = "contacted",
        /// 合作中 — an expert, society or team is working on it.
        Engaged = "engaged",
        /// 已解决
        Solved = "solved",
        /// 未解决关闭
        ClosedUnsolved = "closed_unsolved",
        /// 已撤回
        Withdrawn = "withdrawn",
    }
);

impl DemandStatus {
    /// True for solved, closed_unsolved and withdrawn: no transition leaves these.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            DemandStatus::Solved | DemandStatus::ClosedUnsolved | DemandStatus::Withdrawn
        )
    }

    /// True for every non-terminal state.
    pub fn is_open(self) -> bool {
        !self.is_terminal()
    }

    /// The states this one may move to.
    ///
    /// | from | to |
    /// |---|---|
    /// | posted | analysed, matched, closed_unsolved, withdrawn |
    /// | analysed | matched, closed_unsolved, withdrawn |
    /// | matched | contacted, analysed, closed_unsolved, withdrawn |
    /// | contacted | engaged, matched, closed_unsolved, withdrawn |
    /// | engaged | solved, matched, closed_unsolved, withdrawn |
    /// | solved, closed_unsolved, withdrawn | — |
    ///
    /// Going back (contacted → matched, engaged → matched) records a declined or failed
    /// introduction; analysis may be skipped (posted → matched).
    pub fn next(self) -> &'static [DemandStatus] {
        use DemandStatus as S;
        match self {
            S::Posted => &[S::Analysed, S::Matched, S::ClosedUnsolved, S::Withdrawn],
            S::Analysed => &[S::Matched, S::ClosedUnsolved, S::Withdrawn],
            S::Matched => &[S::Contacted, S::Analysed, S::ClosedUnsolved, S::Withdrawn],
            S::Contacted => &[S::Engaged, S::Matched, S::ClosedUnsolved, S::Withdrawn],
            S::Engaged => &[S::Solved, S::Matched, S::ClosedUnsolved, S::Withdrawn],
            S::Solved | S::ClosedUnsolved | S::Withdrawn => &[],
        }
    }

    /// True if `self → to` is in the transition table.
    pub fn can_move_to(self, to: DemandStatus) -> bool {
        self.next().contains(&to)
    }
}

/// One lifecycle event: the demand moved to `to` on `date`, by `actor`, with a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemandEvent {
    /// Day of the transition.
    pub date: Date,
    /// The new state.
    pub to: DemandStatus,
    /// Key of who made the move (a liaison, expert, staff member…), if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// Free note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Checks that a demand's log replays: every step allowed, dates never going back, and no
/// event before the posting date.
pub(crate) fn validate_log(d: &Demand) -> Result<()> {
    let mut state = DemandStatus::Posted;
    let mut last = d.posted;
    for (i, e) in d.events.iter().enumerate() {
        if !state.can_move_to(e.to) {
            return Err(Error::invalid(
                format!("events[{i}].to"),
                format!(
                    "{} → {} is not an allowed transition; from {} the next state is one of: {}",
                    state,
                    e.to,
                    state,
                    names(state.next())
                ),
            ));
        }
        if let Some(prev) = last
            && e.date < prev
        {
            return Err(Error::invalid(
                format!("events[{i}].date"),
                format!(
                    "{} is before the previous event or posting date {prev}; events must be in date order",
                    e.date
                ),
            ));
        }
        last = Some(e.date);
        state = e.to;
    }
    Ok(())
}

pub(crate) fn names(states: &[DemandStatus]) -> String {
    if states.is_empty() {
        return "none (terminal state)".into();
    }
    states
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_states_have_no_exit() {
        for s in DemandStatus::ALL {
            assert_eq!(s.is_terminal(), s.next().is_empty(), "{s}");
            assert!(!s.can_move_to(DemandStatus::Posted));
        }
    }

    #[test]
    fn log_validation() {
        let mut d = Demand::new("x");
        d.posted = Some("2021-01-01".parse().unwrap());
        let ev = |date: &str, to| DemandEvent {
            date: date.parse().unwrap(),
            to,
            actor: None,
            note: None,
        };
        d.events = vec![
            ev("2021-01-02", DemandStatus::Analysed),
            ev("2021-01-03", DemandStatus::Matched),
        ];
        assert!(validate_log(&d).is_ok());
        assert_eq!(d.status(), DemandStatus::Matched);
        d.events.push(ev("2021-01-02", DemandStatus::Contacted));
        assert!(
            validate_log(&d)
                .unwrap_err()
                .to_string()
                .contains("date order")
        );
        d.events.pop();
        d.events.push(ev("2021-01-04", DemandStatus::Solved));
        assert_eq!(validate_log(&d).unwrap_err().code(), "invalid_value");
    }
}
