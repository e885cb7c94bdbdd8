//! The solution: [`Assignment`] and the infeasibility diagnosis [`Infeasibility`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Which algorithm produced an assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SolverUsed {
    /// Exact min-cost flow (successive shortest paths).
    MinCostFlow,
    /// Exact dense one-to-one assignment (shortest augmenting path, Crouse / Jonker–Volgenant).
    DenseLap,
    /// Fair: max-min worst demand, then total.
    Fair,
    /// Greedy by descending affinity with augmenting-path repair.
    Greedy,
}

/// One expert given to a demand, with the pair's affinity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assigned {
    /// Key of the expert.
    pub expert: String,
    /// Affinity of the pair.
    pub score: f64,
    /// For alternates: whether the expert still has spare capacity in this solution.
    #[serde(default)]
    pub spare: bool,
}

/// The experts one demand received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemandResult {
    /// Key of the demand.
    pub demand: String,
    /// How many experts it needed.
    pub need: u32,
    /// Assigned experts, best score first (ties by key).
    pub experts: Vec<Assigned>,
    /// Sum of the assigned scores.
    pub total: f64,
    /// Next best eligible experts not assigned to it, best first.
    pub alternates: Vec<Assigned>,
}

/// The load of one expert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpertLoad {
    /// Key of the expert.
    pub expert: String,
    /// Demands assigned.
    pub load: u32,
    /// Minimum load asked for.
    pub min_load: u32,
    /// Maximum load allowed.
    pub max_load: u32,
}

/// Objective values of a solution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    /// Total affinity of all assigned pairs.
    pub total: f64,
    /// Lowest total among demands that need at least one expert (0 when there are none).
    pub worst: f64,
    /// Key of the worst-served demand (ties by key).
    pub worst_demand: Option<String>,
    /// Total in the solver's integer units (score × scale, rounded, summed); what the exact
    /// solvers optimise.
    pub total_scaled: i64,
}

/// How far a heuristic solution is from the best possible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    /// The exact optimum, when it was computed.
    pub optimal_total: Option<f64>,
    /// An upper bound on the optimum: each demand's best `need` scores, capacities ignored.
    pub upper_bound: f64,
    /// `(reference − total) / reference` with the optimum as reference when known, else the
    /// bound.
    pub relative: f64,
}

/// Facts about the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Diagnostics {
    /// Eligible demand–expert pairs considered.
    pub eligible_pairs: usize,
    /// Pairs removed by conflicts.
    pub conflicts_removed: usize,
    /// Forced pairs honoured.
    pub forced_pairs: usize,
    /// Augmenting paths (flow) or rows (dense) processed.
    pub augmentations: u64,
    /// Whether the objective is proven optimal for the solver's goal (false for greedy and for
    /// the fair solver's heuristic phase, see [`SolverUsed::Fair`]).
    pub exact: bool,
    /// Scale of the integer costs (score × scale, rounded).
    pub scale: f64,
    /// Gap to the optimum (greedy).
    pub gap: Option<Gap>,
    /// Notes, e.g. a fallback from greedy to the exact solver.
    pub notes: Vec<String>,
}

/// A solved assignment: per-demand experts, per-expert loads, objective, alternates and
/// diagnostics. Demands and experts are listed in key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// The solver that produced it.
    pub solver: SolverUsed,
    /// One entry per demand, in key order.
    pub demands: Vec<DemandResult>,
    /// One entry per expert, in key order.
    pub loads: Vec<ExpertLoad>,
    /// Objective values.
    pub objective: Objective,
    /// Diagnostics.
    pub diagnostics: Diagnostics,
}

impl Assignment {
    fn demand(&self, key: &str) -> Option<&DemandResult> {
        self.demands
            .binary_search_by(|d| d.demand.as_str().cmp(key))
            .ok()
            .and_then(|i| self.demands.get(i))
    }

    /// The experts assigned to a demand (None for an unknown demand).
    pub fn experts_of(&self, demand: &str) -> Option<&[Assigned]> {
        self.demand(demand).map(|d| d.experts.as_slice())
    }

    /// The alternates of a demand.
    pub fn alternates_of(&self, demand: &str) -> Option<&[Assigned]> {
        self.demand(demand).map(|d| d.alternates.as_slice())
    }

    /// The demands assigned to an expert, in key order.
    pub fn demands_of(&self, expert: &str) -> Vec<&str> {
        self.demands
            .iter()
            .filter(|d| d.experts.iter().any(|a| a.expert == expert))
            .map(|d| d.demand.as_str())
            .collect()
    }

    /// The load of an expert (None for an unknown expert).
    pub fn load(&self, expert: &str) -> Option<u32> {
        self.loads
            .binary_search_by(|l| l.expert.as_str().cmp(expert))
            .ok()
            .and_then(|i| self.loads.get(i))
            .map(|l| l.load)
    }

    /// Whether every demand got exactly the number of experts it needs.
    pub fn is_complete(&self) -> bool {
        self.demands
            .iter()
            .all(|d| d.experts.len() == d.need as usize)
    }

    /// All assigned pairs `(demand, expert, score)`, in demand key order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str, f64)> + '_ {
        self.demands.iter().flat_map(|d| {
            d.experts
                .iter()
                .map(move |a| (d.demand.as_str(), a.expert.as_str(), a.score))
        })
    }

    /// Total affinity.
    pub fn total(&self) -> f64 {
        self.objective.total
    }

    /// Worst demand total.
    pub fn worst(&self) -> f64 {
        self.objective.worst
    }
}

/// A demand with fewer eligible experts than it needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shortfall {
    /// Key of the demand.
    pub demand: String,
    /// Experts needed.
    pub need: u32,
    /// Eligible experts (with capacity > 0).
    pub eligible: u32,
    /// `need − eligible`.
    pub missing: u32,
}

/// An expert whose minimum load cannot be met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinLoadIssue {
    /// Key of the expert.
    pub expert: String,
    /// Minimum asked for.
    pub min_load: u32,
    /// Demands (with need > 0) the expert is eligible for.
    pub eligible_demands: u32,
}

/// A forced pair that cannot be honoured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForcedIssue {
    /// Key of the demand.
    pub demand: String,
    /// Key of the expert.
    pub expert: String,
    /// Why.
    pub reason: String,
}

/// A quota that cannot be met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotaIssue {
    /// Key of the demand.
    pub demand: String,
    /// The group label.
    pub group: String,
    /// Why.
    pub reason: String,
}

/// A set of demands that, together, need more than their eligible experts can give (Hall's
/// condition fails), found as the reachable side of a cut in the residual flow network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bottleneck {
    /// Demands in the set (key order, at most 20 listed).
    pub demands: Vec<String>,
    /// Number of demands in the set.
    pub demand_count: usize,
    /// Experts reachable from them (at most 20 listed).
    pub experts: Vec<String>,
    /// Number of such experts.
    pub expert_count: usize,
    /// Units of need at the first stuck node that could not be placed (a lower bound on the
    /// total shortfall).
    pub unrouted: i64,
}

/// Why a problem has no solution, and by how much.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Infeasibility {
    /// Demands with too few eligible experts.
    pub short_demands: Vec<Shortfall>,
    /// Total experts needed.
    pub total_need: u64,
    /// Total maximum load of experts eligible for at least one demand.
    pub total_capacity: u64,
    /// Total minimum load.
    pub total_min_load: u64,
    /// Experts whose minimum load cannot be met.
    pub min_load_issues: Vec<MinLoadIssue>,
    /// Forced pairs that break a conflict or a limit.
    pub forced_issues: Vec<ForcedIssue>,
    /// Quotas that cannot be met.
    pub quota_issues: Vec<QuotaIssue>,
    /// A set of demands competing for too few experts, when no simpler cause was found.
    pub bottleneck: Option<Bottleneck>,
}

impl Infeasibility {
    /// True when no cause was found.
    pub fn is_empty(&self) -> bool {
        self.short_demands.is_empty()
            && self.total_capacity >= self.total_need
            && self.total_min_load <= self.total_need
            && self.min_load_issues.is_empty()
            && self.forced_issues.is_empty()
            && self.quota_issues.is_empty()
            && self.bottleneck.is_none()
    }

    /// The diagnosis as an [`Error::Infeasible`].
    pub fn to_error(&self) -> Error {
        Error::Infeasible {
            reason: self.to_string(),
        }
    }
}

fn list<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    let mut s: Vec<String> = items.iter().take(5).map(f).collect();
    if items.len() > 5 {
        s.push(format!("and {} more", items.len() - 5));
    }
    s.join("; ")
}

impl fmt::Display for Infeasibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if self.total_capacity < self.total_need {
            parts.push(format!(
                "total need {} exceeds the total capacity {} of eligible experts by {} (raise max loads, add experts or lower needs)",
                self.total_need,
                self.total_capacity,
                self.total_need - self.total_capacity
            ));
        }
        if self.total_min_load > self.total_need {
            parts.push(format!(
                "minimum loads sum to {} but demands need only {} (lower minimum loads)",
                self.total_min_load, self.total_need
            ));
        }
        if !self.short_demands.is_empty() {
            parts.push(format!(
                "{} demand(s) have too few eligible experts: {} (add candidates, allow zero affinity or lower the need)",
                self.short_demands.len(),
                list(&self.short_demands, |s| format!(
                    "{} needs {} but has {} eligible, {} missing",
                    s.demand, s.need, s.eligible, s.missing
                ))
            ));
        }
        if !self.min_load_issues.is_empty() {
            parts.push(format!(
                "{} expert(s) cannot reach their minimum load: {}",
                self.min_load_issues.len(),
                list(&self.min_load_issues, |m| format!(
                    "{} needs at least {} but is eligible for {} demand(s)",
                    m.expert, m.min_load, m.eligible_demands
                ))
            ));
        }
        if !self.forced_issues.is_empty() {
            parts.push(format!(
                "{} forced pair(s) cannot be honoured: {}",
                self.forced_issues.len(),
                list(&self.forced_issues, |x| format!(
                    "({}, {}) {}",
                    x.demand, x.expert, x.reason
                ))
            ));
        }
        if !self.quota_issues.is_empty() {
            parts.push(format!(
                "{} quota(s) cannot be met: {}",
                self.quota_issues.len(),
                list(&self.quota_issues, |q| format!(
                    "{} group {}: {}",
                    q.demand, q.group, q.reason
                ))
            ));
        }
        if let Some(b) = &self.bottleneck {
            parts.push(format!(
                "{} demand(s) ({}{}) compete for {} eligible expert(s) and {} unit(s) of need cannot be placed (Hall's condition fails; free capacity, minimum loads or quotas bind)",
                b.demand_count,
                b.demands.join(", "),
                if b.demand_count > b.demands.len() { ", …" } else { "" },
                b.expert_count,
                b.unrouted
            ));
        }
        if parts.is_empty() {
            parts.push("no cause found".into());
        }
        f.write_str(&parts.join("; "))
    }
}
