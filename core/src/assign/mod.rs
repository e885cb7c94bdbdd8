//! Assignment: many demands to many experts — optimal, fair, conflict-free, explained.
//!
//! A season's demands each need `k` experts (k may differ, may be 0); experts take between a
//! minimum and a maximum number of demands; some pairs are conflicts of interest (explicit, or
//! derived from the graph, see [`ConflictRules`]), some are forced; quotas shape who a demand
//! gets (at least one academician, at most one expert per organisation). [`assign`] returns an
//! [`Assignment`] with per-demand experts, per-expert loads, the objective, alternates and
//! diagnostics — or, when no assignment exists, `Error::Infeasible` whose reason is an
//! [`Infeasibility`] diagnosis ([`diagnose`] returns the struct itself).
//!
//! # Solvers ([`Solver`])
//!
//! * **Optimal** — maximises the total affinity exactly. Scores are scaled to integers
//!   (`round(score × scale)`, `scale` = 1e6 by default, so scores differing by less than 5e-7
//!   count as equal) and the problem becomes a min-cost flow: source → demand (supply = need)
//!   → quota group nodes (lower bound = quota min, capacity = quota max) → expert (arc capacity 1,
//!   cost `M − score`, lower bound 1 for forced pairs) → sink (lower bound = min load, capacity
//!   = max load). Since every unit of flow crosses exactly one demand–expert arc, minimising
//!   `Σ (M − score)` maximises `Σ score`. Lower bounds become node supplies (Ahuja, Magnanti &
//!   Orlin §6.7). Solved by successive shortest paths: one unit of excess at a time, Dijkstra on
//!   reduced costs with Johnson potentials, stopping at the nearest deficit node and updating
//!   only the settled nodes' potentials (as Jonker–Volgenant do), so each augmentation usually
//!   explores a small neighbourhood. When the problem is one-to-one (every need ≤ 1, every
//!   maximum load ≤ 1, no minimum loads, quotas or forced pairs) and at least a quarter of all
//!   pairs are eligible, a dense shortest-augmenting-path LAP (Crouse 2016, the algorithm of
//!   SciPy's `linear_sum_assignment`) is used instead; it gives the same optimum.
//! * **Fair** — maximises the worst-served demand's total affinity, then the total. Exact when
//!   every demand needs at most one expert (worst demand = worst pair: the largest feasible
//!   pair threshold is found by binary search over the distinct scores, one flow per probe, then
//!   the total is maximised among pairs above it). With larger needs the max-min problem is
//!   NP-hard (it contains the Santa Claus problem); the solver then adds a heuristic phase
//!   (re-solves with doubled weights on the lowest-served tenth of demands, keeping the pair
//!   threshold) and reports `diagnostics.exact = false` — unless the optimum's worst demand
//!   already meets the upper bound min over demands of (sum of its `need` best scores), which
//!   proves the optimum fair-optimal. Its worst demand is never below the
//!   optimal solver's: the optimum is its first candidate.
//! * **Greedy** — pairs by descending score, forced pairs first, respecting needs, loads and
//!   quota caps; `O(P log P)` for `P` eligible pairs. The gap is reported against the exact
//!   optimum when `P ≤ gap_exact_limit`, always against the upper bound `Σ_d` (best `need_d`
//!   scores of `d`). If greedy leaves a need, minimum load or quota minimum unmet it falls back
//!   to the exact solver (noted in `diagnostics.notes`).
//!
//! # Quotas
//!
//! Exact in every solver when a demand's quota groups are nested or disjoint among its
//! candidates; crossing groups are rejected (`invalid_value`), never approximated. See [`Quota`].
//!
//! # Determinism
//!
//! Demands and experts are indexed in key order; every tie (equal scores, equal path lengths)
//! breaks by index, hence by key. The input order of demands, experts and affinities does not
//! change the result.
//!
//! # Example
//! ```
//! use kechuang::assign::{assign, Affinity, AssignOptions, AssignProblem, Solver};
//!
//! let affinities = vec![
//!     Affinity::new("d1", "alice", 0.9),
//!     Affinity::new("d1", "bob", 0.8),
//!     Affinity::new("d2", "alice", 0.85),
//!     Affinity::new("d2", "carol", 0.3),
//! ];
//! // every demand needs one expert, every expert takes at most one demand
//! let mut problem = AssignProblem::from_affinities(affinities, 1, 1);
//! problem.add_conflict("d2", "carol");
//! let a = assign(&problem, &AssignOptions::default())?;
//! assert_eq!(a.experts_of("d1").unwrap()[0].expert, "bob");
//! assert_eq!(a.experts_of("d2").unwrap()[0].expert, "alice");
//! assert!((a.total() - 1.65).abs() < 1e-9);
//! assert!(a.is_complete());
//!
//! // fewer eligible experts than needed: a diagnosis, not just "no solution"
//! problem.force("d1", "alice");
//! let err = assign(&problem, &AssignOptions::default()).unwrap_err();
//! assert_eq!(err.code(), "infeasible");
//! # Ok::<(), kechuang::Error>(())
//! ```
//!
//! # References
//! * R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows*, Prentice Hall 1993 (§6.7, §9.7).
//! * R. Jonker, A. Volgenant, "A shortest augmenting path algorithm for dense and sparse linear
//!   assignment problems", Computing 38, 1987.
//! * D. F. Crouse, "On implementing 2D rectangular assignment algorithms", IEEE TAES 52(4), 2016.
//! * A. Kobren, B. Saha, A. McCallum, "Paper matching with local fairness constraints", KDD 2019
//!   (the fairness objective of the OpenReview matcher).

mod compile;
mod dense;
mod flow;
mod graph;
mod lap;
mod problem;
mod result;
mod solve;
#[cfg(test)]
mod tests;

pub use graph::ConflictRules;
pub use problem::{
    Affinity, AssignProblem, Conflict, DemandSpec, DenseScores, ExpertSpec, MAX_PAIRS, MAX_SCORE,
    Pair, Quota,
};
pub use result::{
    Assigned, Assignment, Bottleneck, DemandResult, Diagnostics, ExpertLoad, ForcedIssue, Gap,
    Infeasibility, MinLoadIssue, Objective, QuotaIssue, Shortfall, SolverUsed,
};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Which objective to solve for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Solver {
    /// Maximum total affinity, exact.
    #[default]
    Optimal,
    /// Maximum worst-demand total, then maximum total.
    Fair,
    /// Fast greedy with a reported gap.
    Greedy,
}

/// Options of [`assign`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct AssignOptions {
    /// The objective.
    pub solver: Solver,
    /// Alternates listed per demand.
    pub alternates: usize,
    /// Integer cost scale: a score `s` costs `round(s × scale)`.
    pub scale: f64,
    /// Re-weighting rounds of the fair solver's heuristic phase (needs > 1 only).
    pub fair_rounds: usize,
    /// Greedy: also run the exact solver, to report the true gap, when there are at most this
    /// many eligible pairs.
    pub gap_exact_limit: usize,
}

impl Default for AssignOptions {
    fn default() -> Self {
        AssignOptions {
            solver: Solver::Optimal,
            alternates: 3,
            scale: 1e6,
            fair_rounds: 4,
            gap_exact_limit: 200_000,
        }
    }
}

impl AssignOptions {
    /// Default options with another solver.
    pub fn with_solver(solver: Solver) -> Self {
        AssignOptions {
            solver,
            ..Default::default()
        }
    }
}

/// Progress of a long solve, passed to the hook of [`assign_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// What is running: `"min_cost_flow"`, `"dense_lap"`, `"greedy"`.
    pub stage: &'static str,
    /// Units done (flow units routed or rows assigned).
    pub done: u64,
    /// Units in this stage.
    pub total: u64,
}

/// Solves an assignment problem.
///
/// # Arguments
/// * `problem` — demands, experts, affinities, conflicts, forced pairs, quotas.
/// * `options` — the solver and its knobs.
///
/// # Returns
/// An [`Assignment`]; `infeasible` with a diagnosis when no assignment meets every hard
/// constraint; `invalid_value` / `unknown_key` / `limit_exceeded` for bad input.
///
/// # Complexity
/// Let `P` be the eligible pairs, `N` the nodes (demands + experts + quota groups), `K` the total
/// need. Optimal: `O(K · (P + N) log N)` worst case (one Dijkstra per unit of need; each is
/// usually local); dense LAP `O(n³)` worst, `O(n²)` space for the matrix. Fair: optimal times
/// `log₂(distinct scores) + fair_rounds`. Greedy: `O(P log P)`. Space `O(P + N)`.
///
/// # Example
/// ```
/// use kechuang::assign::{assign, AssignOptions, AssignProblem, DemandSpec, ExpertSpec, Solver};
/// let p = AssignProblem::from_matrix(
///     vec![DemandSpec::new("a", 1), DemandSpec::new("b", 1)],
///     vec![ExpertSpec::new("x", 0, 1), ExpertSpec::new("y", 0, 1)],
///     vec![0.9, 0.5,
///          0.8, 0.1],
/// )?;
/// let best = assign(&p, &AssignOptions::default())?;
/// assert!((best.total() - 1.3).abs() < 1e-9);            // a–y, b–x
/// let fair = assign(&p, &AssignOptions::with_solver(Solver::Fair))?;
/// assert!(fair.worst() >= best.worst());
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Ahuja, Magnanti & Orlin, *Network Flows* (1993); see the [module docs](self).
pub fn assign(problem: &AssignProblem, options: &AssignOptions) -> Result<Assignment> {
    assign_with(problem, options, |_| Ok::<(), Error>(()))
}

/// [`assign`] with a progress hook: `progress` is called from time to time; returning an
/// error stops the solve and that error is returned unchanged (a host callback's exception
/// travels back untouched).
///
/// # Example
/// ```
/// use kechuang::assign::{assign_with, Affinity, AssignOptions, AssignProblem};
/// use kechuang::Error;
/// let p = AssignProblem::from_affinities(vec![Affinity::new("d", "x", 1.0)], 1, 1);
/// let r = assign_with(&p, &AssignOptions::default(), |_| Err::<(), _>(Error::Cancelled));
/// assert_eq!(r.unwrap_err().code(), "cancelled");
/// ```
pub fn assign_with<E, F>(
    problem: &AssignProblem,
    options: &AssignOptions,
    mut progress: F,
) -> std::result::Result<Assignment, E>
where
    E: From<Error>,
    F: FnMut(Progress) -> std::result::Result<(), E>,
{
    let hook: &mut solve::Hook<'_, E> = &mut progress;
    if options.solver == Solver::Optimal
        && dense::applies(problem)
        && let Some((c, ch, eligible, rows)) = dense::solve(problem, options, hook)?
    {
        let diag = Diagnostics {
            augmentations: rows as u64,
            exact: true,
            ..Default::default()
        };
        let mut a = solve::build(&c, &ch, SolverUsed::DenseLap, options, diag);
        a.diagnostics.eligible_pairs = eligible;
        return Ok(a);
    }
    let c = compile::compile(problem, options.scale)?;
    let pre = solve::precheck(&c);
    if !pre.is_empty() {
        return Err(pre.to_error().into());
    }
    hook(Progress {
        stage: "start",
        done: 0,
        total: 1,
    })?;
    let mut diag = Diagnostics::default();
    match options.solver {
        Solver::Optimal => {
            let (ch, n, used) = solve::solve_exact(&c, hook)?;
            diag.augmentations = n;
            diag.exact = true;
            Ok(solve::build(&c, &ch, used, options, diag))
        }
        Solver::Fair => {
            let (ch, n, exact) = solve::solve_fair(&c, options.fair_rounds, hook)?;
            diag.augmentations = n;
            diag.exact = exact;
            Ok(solve::build(&c, &ch, SolverUsed::Fair, options, diag))
        }
        Solver::Greedy => {
            let ub = solve::upper_bound(&c);
            let Some(ch) = solve::solve_greedy(&c) else {
                diag.notes.push(
                    "greedy left a need, minimum load or quota minimum unmet; solved exactly instead"
                        .into(),
                );
                let (ch, n, used) = solve::solve_exact(&c, hook)?;
                diag.augmentations = n;
                diag.exact = true;
                let mut a = solve::build(&c, &ch, used, options, diag);
                let t = a.objective.total;
                a.diagnostics.gap = Some(solve::gap(t, Some(t), ub));
                return Ok(a);
            };
            let optimal = if c.pairs() <= options.gap_exact_limit {
                let (och, _, _) = solve::solve_exact(&c, hook)?;
                Some(
                    och.iter()
                        .enumerate()
                        .flat_map(|(d, l)| l.iter().map(move |&i| (d, i)))
                        .map(|(d, i)| c.cand[d][i as usize].score)
                        .sum::<f64>(),
                )
            } else {
                None
            };
            let mut a = solve::build(&c, &ch, SolverUsed::Greedy, options, diag);
            a.diagnostics.gap = Some(solve::gap(a.objective.total, optimal, ub));
            Ok(a)
        }
    }
}

/// Diagnoses a problem without solving for an objective: `Ok(None)` when an assignment exists,
/// `Ok(Some(diagnosis))` when none does.
///
/// # Arguments
/// * `problem` — the problem.
///
/// # Returns
/// The [`Infeasibility`]: demands short of eligible experts and by how many, total need vs.
/// capacity, minimum loads that cannot be met, forced pairs that break a conflict or a limit,
/// quotas that cannot be met, and otherwise a set of demands competing for too few experts (the
/// reachable side of a cut in the residual flow network).
///
/// # Complexity
/// One min-cost flow in the worst case (see [`assign`]); the cheap checks are `O(P + N)`.
///
/// # Example
/// ```
/// use kechuang::assign::{diagnose, Affinity, AssignProblem};
/// let p = AssignProblem::from_affinities(
///     vec![Affinity::new("d1", "x", 0.5), Affinity::new("d2", "x", 0.4)], 1, 1);
/// let why = diagnose(&p)?.expect("two demands share one expert of load 1");
/// assert_eq!(why.total_need, 2);
/// assert_eq!(why.total_capacity, 1);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Hall's marriage theorem / max-flow min-cut (Ahuja, Magnanti & Orlin §6.5).
pub fn diagnose(problem: &AssignProblem) -> Result<Option<Infeasibility>> {
    let c = compile::compile(problem, AssignOptions::default().scale)?;
    let pre = solve::precheck(&c);
    if !pre.is_empty() {
        return Ok(Some(pre));
    }
    let mut hook = |_: Progress| Ok::<(), Error>(());
    Ok(solve::solve_flow(&c, None, None, &mut hook)?.err())
}
