//! The solvers: exact (min-cost flow or dense LAP), fair, greedy; and result building.

use std::cmp::Ordering;

use super::compile::{Cand, Compiled, NO_GROUP};
use super::flow::{Network, Stuck};
use super::lap::{self, FORBIDDEN, LapOutcome};
use super::result::{
    Assigned, Assignment, Bottleneck, DemandResult, Diagnostics, ExpertLoad, ForcedIssue, Gap,
    Infeasibility, MinLoadIssue, Objective, QuotaIssue, Shortfall, SolverUsed,
};
use super::{AssignOptions, Progress};
use crate::error::Error;

/// Chosen candidate indices per demand.
pub(crate) type Chosen = Vec<Vec<u32>>;

/// A hook in solver units.
pub(crate) type Hook<'a, E> = dyn FnMut(Progress) -> Result<(), E> + 'a;

/// Cheap checks that explain most infeasible inputs.
pub(crate) fn precheck(c: &Compiled) -> Infeasibility {
    let nd = c.nd();
    let ne = c.ne();
    let mut inf = Infeasibility::default();
    let mut eligible_demands = vec![0u32; ne];
    let mut forced_per_e = vec![0u32; ne];
    for d in 0..nd {
        let mut usable = 0u32;
        let counts = u32::from(c.need[d] > 0);
        for x in &c.cand[d] {
            let e = x.e as usize;
            usable += u32::from(c.max_load[e] > 0);
            eligible_demands[e] += counts;
        }
        if usable < c.need[d] {
            inf.short_demands.push(Shortfall {
                demand: c.dkeys[d].clone(),
                need: c.need[d],
                eligible: usable,
                missing: c.need[d] - usable,
            });
        }
        let forced: Vec<&Cand> = if c.any_forced {
            c.cand[d].iter().filter(|x| x.forced).collect()
        } else {
            Vec::new()
        };
        if forced.len() as u32 > c.need[d] {
            for x in &forced {
                inf.forced_issues.push(ForcedIssue {
                    demand: c.dkeys[d].clone(),
                    expert: c.ekeys[x.e as usize].clone(),
                    reason: format!(
                        "is one of {} forced pairs but the demand needs only {}",
                        forced.len(),
                        c.need[d]
                    ),
                });
            }
        }
        for x in forced {
            forced_per_e[x.e as usize] += 1;
        }
        // quotas
        let groups = &c.groups[d];
        let mut top_min = 0u64;
        for g in groups {
            if g.min > g.members {
                inf.quota_issues.push(QuotaIssue {
                    demand: c.dkeys[d].clone(),
                    group: g.label.clone(),
                    reason: format!(
                        "needs at least {} but only {} eligible candidate(s) are in the group",
                        g.min, g.members
                    ),
                });
            }
            if g.min > c.need[d] {
                inf.quota_issues.push(QuotaIssue {
                    demand: c.dkeys[d].clone(),
                    group: g.label.clone(),
                    reason: format!(
                        "needs at least {} but the demand needs only {}",
                        g.min, c.need[d]
                    ),
                });
            }
            if g.parent == NO_GROUP {
                top_min += u64::from(g.min);
            }
        }
        if top_min > u64::from(c.need[d]) {
            inf.quota_issues.push(QuotaIssue {
                demand: c.dkeys[d].clone(),
                group: "*".into(),
                reason: format!(
                    "group minimums sum to {top_min} but the demand needs only {}",
                    c.need[d]
                ),
            });
        }
    }
    for b in &c.bad_forced {
        inf.forced_issues.push(ForcedIssue {
            demand: c.dkeys[b.d as usize].clone(),
            expert: c.ekeys[b.e as usize].clone(),
            reason: b.reason.clone(),
        });
    }
    for e in 0..ne {
        if forced_per_e[e] > c.max_load[e] {
            inf.forced_issues.push(ForcedIssue {
                demand: "*".into(),
                expert: c.ekeys[e].clone(),
                reason: format!(
                    "is forced on {} demands but its max load is {}",
                    forced_per_e[e], c.max_load[e]
                ),
            });
        }
        if eligible_demands[e] < c.min_load[e] {
            inf.min_load_issues.push(MinLoadIssue {
                expert: c.ekeys[e].clone(),
                min_load: c.min_load[e],
                eligible_demands: eligible_demands[e],
            });
        }
        if eligible_demands[e] > 0 {
            inf.total_capacity += u64::from(c.max_load[e]);
        }
        inf.total_min_load += u64::from(c.min_load[e]);
    }
    inf.total_need = c.need.iter().map(|&x| u64::from(x)).sum();
    inf
}

fn bottleneck(c: &Compiled, stuck: &Stuck) -> Bottleneck {
    let nd = c.nd() as u32;
    let ne = c.ne() as u32;
    let mut ds: Vec<u32> = stuck
        .reachable
        .iter()
        .copied()
        .filter(|&v| v < nd)
        .collect();
    let mut es: Vec<u32> = stuck
        .reachable
        .iter()
        .filter(|&&v| v >= nd && v < nd + ne)
        .map(|&v| v - nd)
        .collect();
    ds.sort_unstable();
    es.sort_unstable();
    Bottleneck {
        demands: ds
            .iter()
            .take(20)
            .map(|&d| c.dkeys[d as usize].clone())
            .collect(),
        demand_count: ds.len(),
        experts: es
            .iter()
            .take(20)
            .map(|&e| c.ekeys[e as usize].clone())
            .collect(),
        expert_count: es.len(),
        unrouted: stuck.unrouted,
    }
}

/// Exact min-cost flow. `weights` multiply each demand's scores (fair rounds); `tau` drops
/// non-forced pairs scoring below it.
///
/// `Ok(Err(diagnosis))` when infeasible.
pub(crate) fn solve_flow<E>(
    c: &Compiled,
    weights: Option<&[i64]>,
    tau: Option<i64>,
    hook: &mut Hook<'_, E>,
) -> Result<Result<(Chosen, u64), Infeasibility>, E> {
    let nd = c.nd();
    let ne = c.ne();
    let t = (nd + ne) as u32;
    let mut net = Network::new(nd + ne + 1);
    let wmax = weights.map_or(1, |w| w.iter().copied().max().unwrap_or(1).max(1));
    let m = c.max_sc;
    let mut supply = vec![0i64; nd + ne + 1];
    let mut arcs: Vec<Vec<usize>> = Vec::with_capacity(nd);
    for d in 0..nd {
        supply[d] = i64::from(c.need[d]);
        supply[t as usize] -= i64::from(c.need[d]);
        let mut gnode: Vec<u32> = Vec::with_capacity(c.groups[d].len());
        for g in &c.groups[d] {
            let node = net.add_node();
            supply.push(0);
            let parent = if g.parent == NO_GROUP {
                d as u32
            } else {
                gnode[g.parent as usize]
            };
            let cap = i64::from(g.max.min(c.need[d]));
            net.arc(parent, node, i64::from(g.min).min(cap), cap, 0);
            gnode.push(node);
        }
        let w = weights.and_then(|w| w.get(d).copied()).unwrap_or(1);
        let mut ad = Vec::with_capacity(c.cand[d].len());
        for x in &c.cand[d] {
            if !x.forced && tau.is_some_and(|t| x.sc < t) {
                ad.push(usize::MAX);
                continue;
            }
            let from = if x.group == NO_GROUP {
                d as u32
            } else {
                gnode[x.group as usize]
            };
            let cost = wmax * m - w * x.sc;
            ad.push(net.arc(from, (nd as u32) + x.e, i64::from(x.forced), 1, cost));
        }
        arcs.push(ad);
    }
    for e in 0..ne {
        net.arc(
            (nd + e) as u32,
            t,
            i64::from(c.min_load[e]),
            i64::from(c.max_load[e]),
            0,
        );
    }
    let mut h = |done: u64, total: u64| {
        hook(Progress {
            stage: "min_cost_flow",
            done,
            total,
        })
    };
    match net.solve(&supply, &mut h) {
        Ok(fr) => {
            let chosen = arcs
                .iter()
                .map(|ad| {
                    ad.iter()
                        .enumerate()
                        .filter(|&(_, &a)| {
                            a != usize::MAX && fr.flow.get(a).is_some_and(|&f| f > 0)
                        })
                        .map(|(i, _)| i as u32)
                        .collect()
                })
                .collect();
            Ok(Ok((chosen, fr.augmentations)))
        }
        Err(Ok(stuck)) => {
            let mut inf = precheck(c);
            if inf.is_empty() {
                inf.bottleneck = Some(bottleneck(c, &stuck));
            }
            Ok(Err(inf))
        }
        Err(Err(e)) => Err(e),
    }
}

/// True when the problem is one-to-one and dense enough for the dense LAP.
pub(crate) fn lap_applies(c: &Compiled) -> bool {
    if c.has_quotas() || c.has_forced() {
        return false;
    }
    if c.need.iter().any(|&k| k > 1) || c.max_load.iter().any(|&k| k > 1) {
        return false;
    }
    if c.min_load.iter().any(|&k| k > 0) {
        return false;
    }
    let rows = c.need.iter().filter(|&&k| k == 1).count();
    let cols = c.max_load.iter().filter(|&&k| k == 1).count();
    if rows == 0 || rows > cols {
        return false;
    }
    let pairs = c.pairs() as f64;
    pairs >= 0.25 * rows as f64 * cols as f64
}

/// Exact dense one-to-one solve.
pub(crate) fn solve_lap<E>(
    c: &Compiled,
    hook: &mut Hook<'_, E>,
) -> Result<Option<(Chosen, u64)>, E> {
    let rows: Vec<usize> = (0..c.nd()).filter(|&d| c.need[d] == 1).collect();
    let mut col_of = vec![u32::MAX; c.ne()];
    let mut cols = 0usize;
    for (slot, &m) in col_of.iter_mut().zip(&c.max_load) {
        if m == 1 {
            *slot = cols as u32;
            cols += 1;
        }
    }
    let mut cost = vec![FORBIDDEN; rows.len() * cols];
    for (r, &d) in rows.iter().enumerate() {
        let row = &mut cost[r * cols..(r + 1) * cols];
        for x in &c.cand[d] {
            let j = col_of[x.e as usize];
            if j != u32::MAX {
                row[j as usize] = c.max_sc - x.sc;
            }
        }
    }
    let mut h = |done: u64, total: u64| {
        hook(Progress {
            stage: "dense_lap",
            done,
            total,
        })
    };
    match lap::solve(&cost, rows.len(), cols, &mut h)? {
        LapOutcome::Infeasible => Ok(None),
        LapOutcome::Solved(col4row) => {
            let mut chosen: Chosen = vec![Vec::new(); c.nd()];
            for (r, &d) in rows.iter().enumerate() {
                let j = col4row[r];
                if let Some(i) = c.cand[d].iter().position(|x| col_of[x.e as usize] == j) {
                    chosen[d].push(i as u32);
                }
            }
            Ok(Some((chosen, rows.len() as u64)))
        }
    }
}

/// Exact solve: dense LAP when it applies, else min-cost flow.
pub(crate) fn solve_exact<E: From<Error>>(
    c: &Compiled,
    hook: &mut Hook<'_, E>,
) -> Result<(Chosen, u64, SolverUsed), E> {
    if lap_applies(c)
        && let Some((ch, n)) = solve_lap(c, hook)?
    {
        return Ok((ch, n, SolverUsed::DenseLap));
    }
    match solve_flow(c, None, None, hook)? {
        Ok((ch, n)) => Ok((ch, n, SolverUsed::MinCostFlow)),
        Err(inf) => Err(inf.to_error().into()),
    }
}

/// `(worst, total)` in scaled units; demands with need 0 are ignored for the worst.
pub(crate) fn key_of(c: &Compiled, ch: &Chosen) -> (i64, i64) {
    let mut worst = i64::MAX;
    let mut total = 0i64;
    for (d, list) in ch.iter().enumerate() {
        let s: i64 = list.iter().map(|&i| c.cand[d][i as usize].sc).sum();
        total += s;
        if c.need[d] > 0 {
            worst = worst.min(s);
        }
    }
    (if worst == i64::MAX { 0 } else { worst }, total)
}

/// Fair solve: maximise the worst demand total, then the total.
///
/// Phase 1: exact optimum (the fair answer is never worse than it). Phase 2: the largest pair
/// threshold τ for which a full assignment exists (binary search over distinct scores, one flow
/// per probe), then the maximum total using only pairs ≥ τ. When every demand needs at most one
/// expert the worst demand total *is* the worst pair, so phase 2 is exactly lexicographically
/// optimal. Phase 3 (needs > 1 only, a heuristic): `rounds` re-solves with doubled weights on the
/// lowest-served tenth of demands. The best `(worst, total)` seen wins. Shortcut: when the
/// optimum's worst demand already equals the smallest "sum of a demand's `need` best scores"
/// (an upper bound on any solution's worst demand), the optimum is the exact fair answer.
pub(crate) fn solve_fair<E: From<Error>>(
    c: &Compiled,
    rounds: usize,
    hook: &mut Hook<'_, E>,
) -> Result<(Chosen, u64, bool), E> {
    let (opt, mut augs, _) = solve_exact(c, hook)?;
    let mut best = opt;
    let mut best_key = key_of(c, &best);
    let active: Vec<usize> = (0..c.nd()).filter(|&d| c.need[d] > 0).collect();
    if active.is_empty() {
        return Ok((best, augs, true));
    }
    // certificate: no demand can exceed the sum of its `need` best scores, so when the optimum's
    // worst demand already reaches the smallest such sum it is lexicographically optimal
    let worst_bound = active
        .iter()
        .map(|&d| {
            let mut s: Vec<i64> = c.cand[d].iter().map(|x| x.sc).collect();
            s.sort_unstable_by(|a, b| b.cmp(a));
            s.iter().take(c.need[d] as usize).sum::<i64>()
        })
        .min()
        .unwrap_or(0);
    if best_key.0 >= worst_bound {
        return Ok((best, augs, true));
    }
    // phase 2: bottleneck threshold
    let min_pair = best
        .iter()
        .enumerate()
        .flat_map(|(d, l)| l.iter().map(move |&i| (d, i)))
        .filter(|&(d, i)| !c.cand[d][i as usize].forced)
        .map(|(d, i)| c.cand[d][i as usize].sc)
        .min()
        .unwrap_or(0);
    let mut levels: Vec<i64> = c
        .cand
        .iter()
        .flatten()
        .filter(|x| !x.forced && x.sc >= min_pair)
        .map(|x| x.sc)
        .collect();
    levels.sort_unstable();
    levels.dedup();
    let mut tau = min_pair;
    if levels.len() > 1 {
        let (mut lo, mut hi) = (0usize, levels.len() - 1); // lo feasible
        let mut at_lo: Option<Chosen> = None;
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            match solve_flow(c, None, Some(levels[mid]), hook)? {
                Ok((ch, n)) => {
                    augs += n;
                    lo = mid;
                    at_lo = Some(ch);
                }
                Err(_) => hi = mid - 1,
            }
        }
        tau = levels[lo];
        if let Some(ch) = at_lo {
            let k = key_of(c, &ch);
            if k > best_key {
                best_key = k;
                best = ch;
            }
        }
    }
    let exact = c.need.iter().all(|&k| k <= 1);
    if exact {
        return Ok((best, augs, true));
    }
    // phase 3: reweighting
    let mut w = vec![1i64; c.nd()];
    let mut current = best.clone();
    for _ in 0..rounds {
        let mut totals: Vec<(i64, usize)> = active
            .iter()
            .map(|&d| {
                let s: i64 = current[d].iter().map(|&i| c.cand[d][i as usize].sc).sum();
                (s, d)
            })
            .collect();
        totals.sort_unstable();
        let bump = (active.len() / 10).max(1);
        for &(_, d) in totals.iter().take(bump) {
            w[d] = (w[d] * 2).min(1024);
        }
        match solve_flow(c, Some(&w), Some(tau), hook)? {
            Ok((ch, n)) => {
                augs += n;
                let k = key_of(c, &ch);
                if k > best_key {
                    best_key = k;
                    best = ch.clone();
                }
                current = ch;
            }
            Err(_) => break,
        }
    }
    Ok((best, augs, false))
}

/// Greedy: pairs by descending score (ties by demand then expert key), forced pairs first,
/// respecting needs, max loads and quota caps. `None` when it leaves a need, a minimum load or a
/// quota minimum unmet (the caller then falls back to the exact solver).
pub(crate) fn solve_greedy(c: &Compiled) -> Option<Chosen> {
    let nd = c.nd();
    let mut order: Vec<(i64, u32, u32)> = Vec::with_capacity(c.pairs());
    for (d, list) in c.cand.iter().enumerate() {
        for (i, x) in list.iter().enumerate() {
            let key = if x.forced { i64::MAX } else { x.sc };
            order.push((key, d as u32, i as u32));
        }
    }
    order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut load = vec![0u32; c.ne()];
    let mut cnt = vec![0u32; nd];
    let mut gcount: Vec<Vec<u32>> = c.groups.iter().map(|g| vec![0; g.len()]).collect();
    let mut chosen: Chosen = vec![Vec::new(); nd];
    for (_, d, i) in order {
        let (d, iu) = (d as usize, i as usize);
        let x = c.cand[d][iu];
        let e = x.e as usize;
        if cnt[d] >= c.need[d] || load[e] >= c.max_load[e] {
            continue;
        }
        let mut g = x.group;
        let mut ok = true;
        while g != NO_GROUP {
            let gi = g as usize;
            if gcount[d][gi] >= c.groups[d][gi].max {
                ok = false;
                break;
            }
            g = c.groups[d][gi].parent;
        }
        if !ok {
            continue;
        }
        let mut g = x.group;
        while g != NO_GROUP {
            gcount[d][g as usize] += 1;
            g = c.groups[d][g as usize].parent;
        }
        cnt[d] += 1;
        load[e] += 1;
        chosen[d].push(i);
    }
    let complete = (0..nd).all(|d| cnt[d] == c.need[d])
        && (0..c.ne()).all(|e| load[e] >= c.min_load[e])
        && c.groups
            .iter()
            .zip(&gcount)
            .all(|(gs, n)| gs.iter().zip(n).all(|(g, &k)| k >= g.min));
    complete.then_some(chosen)
}

/// Upper bound on the optimum: each demand's `need` best scores, capacities ignored.
pub(crate) fn upper_bound(c: &Compiled) -> f64 {
    let mut ub = 0.0;
    for (d, list) in c.cand.iter().enumerate() {
        let mut s: Vec<f64> = list.iter().map(|x| x.score).collect();
        s.sort_unstable_by(|a, b| b.total_cmp(a));
        ub += s.iter().take(c.need[d] as usize).sum::<f64>();
    }
    ub
}

fn by_score(a: &Assigned, b: &Assigned) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| a.expert.cmp(&b.expert))
}

/// Builds the result struct.
pub(crate) fn build(
    c: &Compiled,
    chosen: &Chosen,
    solver: SolverUsed,
    opts: &AssignOptions,
    mut diagnostics: Diagnostics,
) -> Assignment {
    let mut load = vec![0u32; c.ne()];
    for (d, list) in chosen.iter().enumerate() {
        for &i in list {
            load[c.cand[d][i as usize].e as usize] += 1;
        }
    }
    let mut demands = Vec::with_capacity(c.nd());
    let mut total = 0.0;
    let mut total_scaled = 0i64;
    let mut worst: Option<(f64, i64, usize)> = None;
    let mut forced = 0usize;
    for (d, list) in chosen.iter().enumerate() {
        let mut in_sol = vec![false; c.cand[d].len()];
        let mut experts: Vec<Assigned> = list
            .iter()
            .map(|&i| {
                let x = &c.cand[d][i as usize];
                in_sol[i as usize] = true;
                forced += usize::from(x.forced);
                Assigned {
                    expert: c.ekeys[x.e as usize].clone(),
                    score: x.score,
                    spare: false,
                }
            })
            .collect();
        experts.sort_by(by_score);
        let dt: f64 = experts.iter().map(|a| a.score).sum();
        let ds: i64 = list.iter().map(|&i| c.cand[d][i as usize].sc).sum();
        total += dt;
        total_scaled += ds;
        if c.need[d] > 0 && worst.is_none_or(|(_, w, _)| ds < w) {
            worst = Some((dt, ds, d));
        }
        // alternates
        // top-k by (score desc, expert index asc), one pass
        let k = opts.alternates;
        let cmp = |a: &(i64, u32), b: &(i64, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        let mut alt: Vec<(i64, u32)> = Vec::with_capacity(k + 1);
        if k > 0 {
            for (i, x) in c.cand[d].iter().enumerate() {
                if in_sol[i] || c.max_load[x.e as usize] == 0 {
                    continue;
                }
                let item = (x.sc, x.e);
                if alt.len() < k || alt.last().is_some_and(|l| cmp(&item, l).is_lt()) {
                    let pos = alt.partition_point(|y| cmp(y, &item).is_lt());
                    alt.insert(pos, item);
                    alt.truncate(k);
                }
            }
        }
        let alternates = alt
            .iter()
            .filter_map(|&(_, e)| {
                c.cand[d]
                    .binary_search_by_key(&e, |x| x.e)
                    .ok()
                    .and_then(|i| c.cand[d].get(i))
            })
            .map(|x| Assigned {
                expert: c.ekeys[x.e as usize].clone(),
                score: x.score,
                spare: load[x.e as usize] < c.max_load[x.e as usize],
            })
            .collect();
        demands.push(DemandResult {
            demand: c.dkeys[d].clone(),
            need: c.need[d],
            experts,
            total: dt,
            alternates,
        });
    }
    let loads = (0..c.ne())
        .map(|e| ExpertLoad {
            expert: c.ekeys[e].clone(),
            load: load[e],
            min_load: c.min_load[e],
            max_load: c.max_load[e],
        })
        .collect();
    diagnostics.eligible_pairs = c.pairs();
    diagnostics.conflicts_removed = c.conflicts_removed;
    diagnostics.forced_pairs = forced;
    diagnostics.scale = c.scale;
    Assignment {
        solver,
        demands,
        loads,
        objective: Objective {
            total,
            worst: worst.map_or(0.0, |w| w.0),
            worst_demand: worst.map(|w| c.dkeys[w.2].clone()),
            total_scaled,
        },
        diagnostics,
    }
}

/// Gap of a heuristic total.
pub(crate) fn gap(total: f64, optimal: Option<f64>, ub: f64) -> Gap {
    let reference = optimal.unwrap_or(ub);
    Gap {
        optimal_total: optimal,
        upper_bound: ub,
        relative: if reference > 0.0 {
            ((reference - total) / reference).max(0.0)
        } else {
            0.0
        },
    }
}
