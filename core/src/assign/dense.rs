//! Fast path for dense one-to-one matrix input: straight from the score matrix to the LAP cost
//! matrix, without per-pair candidate records. Same costs and the same key order as the general
//! path, hence the same answer; when the LAP finds no assignment the caller falls back to the
//! general path, which diagnoses.

use std::collections::HashMap;

use super::compile::{Cand, Compiled, NO_GROUP, check_score, sorted_index};
use super::lap::{self, FORBIDDEN, LapOutcome};
use super::problem::AssignProblem;
use super::solve::{Chosen, Hook};
use super::{AssignOptions, Progress};
use crate::error::Error;

/// True when `p` is a dense one-to-one matrix problem without forced pairs or quotas.
pub(crate) fn applies(p: &AssignProblem) -> bool {
    let Some(m) = &p.matrix else { return false };
    p.affinities.is_empty()
        && p.forced.is_empty()
        && m.cols == p.experts.len()
        && m.values.len() == p.demands.len() * p.experts.len()
        && !p.demands.is_empty()
        && p.demands.len() <= p.experts.len()
        && p.demands.iter().all(|d| d.need == 1 && d.quotas.is_empty())
        && p.experts.iter().all(|e| e.max_load == 1 && e.min_load == 0)
}

/// Solves; `Ok(None)` when the LAP finds no complete assignment.
pub(crate) fn solve<E: From<Error>>(
    p: &AssignProblem,
    opts: &AssignOptions,
    hook: &mut Hook<'_, E>,
) -> Result<Option<(Compiled, Chosen, usize, usize)>, E> {
    let Some(m) = &p.matrix else { return Ok(None) };
    let (dorder, dmap) = sorted_index(p.demands.iter().map(|d| d.key.as_str()), "demands")?;
    let (eorder, emap) = sorted_index(p.experts.iter().map(|e| e.key.as_str()), "experts")?;
    let (n, k) = (dorder.len(), eorder.len());
    let scale = opts.scale;
    if !scale.is_finite() || scale <= 0.0 || scale > 1e9 {
        return Err(Error::invalid(
            "scale",
            format!("is {scale}; use a positive factor up to 1e9"),
        )
        .into());
    }
    let mut forbidden: HashMap<(u32, u32), ()> = HashMap::new();
    for c in &p.conflicts {
        let d = dmap
            .get(c.demand.as_str())
            .ok_or_else(|| Error::unknown_key(&c.demand))?;
        let e = emap
            .get(c.expert.as_str())
            .ok_or_else(|| Error::unknown_key(&c.expert))?;
        forbidden.insert((*d, *e), ());
    }
    // validate and find the largest scaled score
    let mut max_sc = 0i64;
    for (i, row) in m.values.chunks_exact(k).enumerate() {
        for (j, &s) in row.iter().enumerate() {
            check_score(s, &p.demands[i].key, &p.experts[j].key)?;
            max_sc = max_sc.max((s * scale).round() as i64);
        }
    }
    let mut cost = vec![FORBIDDEN; n * k];
    let mut eligible = 0usize;
    for (r, &i) in dorder.iter().enumerate() {
        let src = &m.values[i * k..(i + 1) * k];
        let dst = &mut cost[r * k..(r + 1) * k];
        for (c, &j) in eorder.iter().enumerate() {
            let s = src[j];
            if (s > 0.0 || p.allow_zero_affinity)
                && (forbidden.is_empty() || !forbidden.contains_key(&(r as u32, c as u32)))
            {
                dst[c] = max_sc - (s * scale).round() as i64;
                eligible += 1;
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
    let col4row = match lap::solve(&cost, n, k, &mut h)? {
        LapOutcome::Infeasible => return Ok(None),
        LapOutcome::Solved(c) => c,
    };
    // lean candidate lists: the chosen expert plus the best `alternates` others
    let ka = opts.alternates;
    let mut cand = Vec::with_capacity(n);
    let mut chosen: Chosen = Vec::with_capacity(n);
    for (r, &i) in dorder.iter().enumerate() {
        let row = &cost[r * k..(r + 1) * k];
        let pick = col4row.get(r).copied().unwrap_or(u32::MAX);
        let mut top: Vec<(i64, u32)> = Vec::with_capacity(ka + 1);
        if ka > 0 {
            for (c, &x) in row.iter().enumerate() {
                if x == FORBIDDEN || c as u32 == pick {
                    continue;
                }
                let item = (x, c as u32);
                if top.len() < ka || top.last().is_some_and(|l| item < *l) {
                    let pos = top.partition_point(|y| *y < item);
                    top.insert(pos, item);
                    top.truncate(ka);
                }
            }
        }
        let mut es: Vec<u32> = top.iter().map(|t| t.1).collect();
        if pick != u32::MAX {
            es.push(pick);
        }
        es.sort_unstable();
        let list: Vec<Cand> = es
            .iter()
            .map(|&c| {
                let s = m.values[i * k + eorder[c as usize]];
                Cand {
                    e: c,
                    group: NO_GROUP,
                    sc: (s * scale).round() as i64,
                    score: s,
                    forced: false,
                }
            })
            .collect();
        chosen.push(
            list.iter()
                .position(|x| x.e == pick)
                .map(|x| vec![x as u32])
                .unwrap_or_default(),
        );
        cand.push(list);
    }
    let comp = Compiled {
        dkeys: dorder.iter().map(|&i| p.demands[i].key.clone()).collect(),
        ekeys: eorder.iter().map(|&j| p.experts[j].key.clone()).collect(),
        need: vec![1; n],
        min_load: vec![0; k],
        max_load: vec![1; k],
        cand,
        groups: vec![Vec::new(); n],
        bad_forced: Vec::new(),
        conflicts_removed: forbidden.len(),
        max_sc,
        scale,
        any_forced: false,
    };
    Ok(Some((comp, chosen, eligible, n)))
}
