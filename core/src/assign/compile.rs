//! Validation and indexing of an [`AssignProblem`] into dense arrays the solvers read.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::problem::{AssignProblem, MAX_PAIRS, MAX_SCORE};
use crate::error::{Error, Result};

/// No group: the candidate hangs directly under its demand.
pub(crate) const NO_GROUP: u32 = u32::MAX;

/// One eligible demand–expert pair.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cand {
    /// Expert index.
    pub e: u32,
    /// Innermost quota group of this demand containing the expert, or `NO_GROUP`.
    pub group: u32,
    /// Scaled integer score.
    pub sc: i64,
    /// Score as given.
    pub score: f64,
    /// Forced pair.
    pub forced: bool,
}

/// One quota group of one demand, after wildcard expansion, restricted to its candidates.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub label: String,
    pub min: u32,
    pub max: u32,
    /// Enclosing group, or `NO_GROUP` (directly under the demand).
    pub parent: u32,
    /// Number of candidates in the group.
    pub members: u32,
}

/// A forced pair that cannot be honoured as given.
#[derive(Debug, Clone)]
pub(crate) struct BadForced {
    pub d: u32,
    pub e: u32,
    pub reason: String,
}

/// The indexed problem. Demands and experts are sorted by key, so every tie in every solver
/// breaks by key.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub dkeys: Vec<String>,
    pub ekeys: Vec<String>,
    pub need: Vec<u32>,
    pub min_load: Vec<u32>,
    pub max_load: Vec<u32>,
    /// Per demand, eligible candidates in expert-index order.
    pub cand: Vec<Vec<Cand>>,
    /// Per demand, quota groups (parents before children).
    pub groups: Vec<Vec<Group>>,
    /// Forced pairs that conflict (kept out of `cand`).
    pub bad_forced: Vec<BadForced>,
    /// Number of pairs removed by conflicts.
    pub conflicts_removed: usize,
    /// Largest scaled score among candidates.
    pub max_sc: i64,
    /// Scale factor used.
    pub scale: f64,
    /// Whether any candidate is forced.
    pub any_forced: bool,
}

impl Compiled {
    pub fn nd(&self) -> usize {
        self.dkeys.len()
    }
    pub fn ne(&self) -> usize {
        self.ekeys.len()
    }
    pub fn pairs(&self) -> usize {
        self.cand.iter().map(Vec::len).sum()
    }
    pub fn has_quotas(&self) -> bool {
        self.groups.iter().any(|g| !g.is_empty())
    }
    pub fn has_forced(&self) -> bool {
        self.any_forced
    }
}

pub(crate) fn check_score(score: f64, d: &str, e: &str) -> Result<()> {
    if !score.is_finite() || !(0.0..=MAX_SCORE).contains(&score) {
        return Err(Error::invalid(
            "score",
            format!(
                "affinity of ({d:?}, {e:?}) is {score}; scores must be finite and within [0, {MAX_SCORE}] (rescale them)"
            ),
        ));
    }
    Ok(())
}

pub(crate) fn sorted_index<'a>(
    keys: impl Iterator<Item = &'a str>,
    what: &str,
) -> Result<(Vec<usize>, HashMap<&'a str, u32>)> {
    let keys: Vec<&str> = keys.collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(keys[b]));
    let mut map = HashMap::with_capacity(keys.len());
    for (rank, &i) in order.iter().enumerate() {
        if map.insert(keys[i], rank as u32).is_some() {
            return Err(Error::invalid(
                what,
                format!("key {:?} is listed twice; list each once", keys[i]),
            ));
        }
    }
    Ok((order, map))
}

/// Validates and indexes a problem.
pub(crate) fn compile(p: &AssignProblem, scale: f64) -> Result<Compiled> {
    if !scale.is_finite() || scale <= 0.0 || scale > 1e9 {
        return Err(Error::invalid(
            "scale",
            format!("is {scale}; use a positive factor up to 1e9 (default 1e6)"),
        ));
    }
    let (dorder, dmap) = sorted_index(p.demands.iter().map(|d| d.key.as_str()), "demands")?;
    let (eorder, emap) = sorted_index(p.experts.iter().map(|e| e.key.as_str()), "experts")?;
    let nd = dorder.len();
    let ne = eorder.len();
    let dkeys: Vec<String> = dorder.iter().map(|&i| p.demands[i].key.clone()).collect();
    let ekeys: Vec<String> = eorder.iter().map(|&i| p.experts[i].key.clone()).collect();
    let need: Vec<u32> = dorder.iter().map(|&i| p.demands[i].need).collect();
    let mut min_load = Vec::with_capacity(ne);
    let mut max_load = Vec::with_capacity(ne);
    for &i in &eorder {
        let x = &p.experts[i];
        if x.min_load > x.max_load {
            return Err(Error::invalid(
                "min_load",
                format!(
                    "expert {:?} has min_load {} above max_load {}; lower the minimum or raise the maximum",
                    x.key, x.min_load, x.max_load
                ),
            ));
        }
        min_load.push(x.min_load);
        max_load.push(x.max_load);
    }

    let d_of = |k: &str| {
        dmap.get(k).copied().ok_or_else(|| {
            Error::unknown_key(format!("{k} (demand not in the problem's demand list)"))
        })
    };
    let e_of = |k: &str| {
        emap.get(k).copied().ok_or_else(|| {
            Error::unknown_key(format!("{k} (expert not in the problem's expert list)"))
        })
    };

    // conflicts and forced pairs
    let mut conflict: BTreeMap<(u32, u32), &str> = BTreeMap::new();
    for c in &p.conflicts {
        conflict
            .entry((d_of(&c.demand)?, e_of(&c.expert)?))
            .or_insert(&c.reason);
    }
    let mut forced: BTreeSet<(u32, u32)> = BTreeSet::new();
    for f in &p.forced {
        forced.insert((d_of(&f.demand)?, e_of(&f.expert)?));
    }

    // scores
    let mut scores: Vec<HashMap<u32, f64>> = vec![HashMap::new(); nd];
    for a in &p.affinities {
        check_score(a.score, &a.demand, &a.expert)?;
        let (d, e) = (d_of(&a.demand)?, e_of(&a.expert)?);
        if scores[d as usize].insert(e, a.score).is_some() {
            return Err(Error::invalid(
                "affinities",
                format!(
                    "pair ({:?}, {:?}) appears twice; give each pair once",
                    a.demand, a.expert
                ),
            ));
        }
    }
    let dense_pairs = if p.allow_zero_affinity || p.matrix.is_some() {
        (nd as u64).saturating_mul(ne as u64)
    } else {
        p.affinities.len() as u64
    };
    if dense_pairs > MAX_PAIRS {
        return Err(Error::LimitExceeded {
            what: "candidate pairs".into(),
            limit: MAX_PAIRS,
            actual: dense_pairs,
            hint: "pass sparse affinities (top candidates per demand) and turn allow_zero_affinity off"
                .into(),
        });
    }
    if let Some(m) = &p.matrix
        && (m.cols != ne || m.values.len() != nd * ne)
    {
        return Err(Error::invalid(
            "matrix",
            format!(
                "is {} values with {} columns but the problem has {nd} demands × {ne} experts",
                m.values.len(),
                m.cols
            ),
        ));
    }

    let any_forced = !forced.is_empty();
    let any_conflict = !conflict.is_empty();
    let mut cand: Vec<Vec<Cand>> = Vec::with_capacity(nd);
    let mut bad_forced = Vec::new();
    let mut conflicts_removed = 0usize;
    let mut max_sc = 0i64;
    for (d, &orig_d) in dorder.iter().enumerate() {
        let du = d as u32;
        let mut list: Vec<Cand> = Vec::new();
        let mut push = |e: u32, score: f64, list: &mut Vec<Cand>| {
            let f = any_forced && forced.contains(&(du, e));
            if let Some(r) = any_conflict.then(|| conflict.get(&(du, e))).flatten() {
                conflicts_removed += 1;
                if f {
                    bad_forced.push(BadForced {
                        d: du,
                        e,
                        reason: format!("conflicts ({r})"),
                    });
                }
                return;
            }
            if score > 0.0 || p.allow_zero_affinity || f {
                let sc = (score * scale).round() as i64;
                list.push(Cand {
                    e,
                    group: NO_GROUP,
                    sc,
                    score,
                    forced: f,
                });
            }
        };
        if let Some(m) = &p.matrix {
            let row = &m.values[orig_d * ne..(orig_d + 1) * ne];
            for (e, &orig_e) in eorder.iter().enumerate() {
                let e = e as u32;
                let s = if scores[d].is_empty() {
                    row[orig_e]
                } else {
                    scores[d].get(&e).copied().unwrap_or(row[orig_e])
                };
                check_score(s, &dkeys[d], &ekeys[e as usize])?;
                push(e, s, &mut list);
            }
        } else if p.allow_zero_affinity {
            for e in 0..ne as u32 {
                let s = scores[d].get(&e).copied().unwrap_or(0.0);
                push(e, s, &mut list);
            }
        } else {
            let mut es: Vec<(u32, f64)> = scores[d].iter().map(|(&e, &s)| (e, s)).collect();
            for &(dd, e) in forced.range((du, 0)..=(du, u32::MAX)) {
                debug_assert_eq!(dd, du);
                if !scores[d].contains_key(&e) {
                    es.push((e, 0.0));
                }
            }
            es.sort_unstable_by_key(|x| x.0);
            for (e, s) in es {
                push(e, s, &mut list);
            }
        }
        for c in &list {
            max_sc = max_sc.max(c.sc);
        }
        cand.push(list);
    }

    // quotas
    let mut groups: Vec<Vec<Group>> = vec![Vec::new(); nd];
    for (d, &orig_d) in dorder.iter().enumerate() {
        let quotas = &p.demands[orig_d].quotas;
        if quotas.is_empty() {
            continue;
        }
        let list = &mut cand[d];
        // expand wildcards into (label, min, max, member mask)
        let mut gs: Vec<(String, u32, u32, Vec<bool>)> = Vec::new();
        for q in quotas {
            let max = q.max.unwrap_or(u32::MAX);
            if q.min > max {
                return Err(Error::invalid(
                    "quota",
                    format!(
                        "demand {:?} quota {:?} has min {} above max {max}",
                        dkeys[d], q.group, q.min
                    ),
                ));
            }
            let labels: BTreeSet<&str> = if let Some(prefix) = q.group.strip_suffix('*') {
                list.iter()
                    .flat_map(|c| p.experts[eorder[c.e as usize]].groups.iter())
                    .filter(|g| g.starts_with(prefix))
                    .map(String::as_str)
                    .collect()
            } else {
                std::iter::once(q.group.as_str()).collect()
            };
            for label in labels {
                let mask: Vec<bool> = list
                    .iter()
                    .map(|c| {
                        p.experts[eorder[c.e as usize]]
                            .groups
                            .iter()
                            .any(|g| g == label)
                    })
                    .collect();
                gs.push((label.to_string(), q.min, max, mask));
            }
        }
        // parents before children: larger groups first, ties by label
        gs.sort_by(|a, b| {
            let ca = a.3.iter().filter(|&&x| x).count();
            let cb = b.3.iter().filter(|&&x| x).count();
            cb.cmp(&ca).then_with(|| a.0.cmp(&b.0))
        });
        let subset = |a: &[bool], b: &[bool]| a.iter().zip(b).all(|(&x, &y)| !x || y);
        let mut out: Vec<Group> = Vec::with_capacity(gs.len());
        for i in 0..gs.len() {
            let mut parent = NO_GROUP;
            for j in (0..i).rev() {
                let overlap = gs[i].3.iter().zip(&gs[j].3).any(|(&x, &y)| x && y);
                if !overlap {
                    continue;
                }
                if subset(&gs[i].3, &gs[j].3) {
                    if parent == NO_GROUP {
                        parent = j as u32;
                    }
                } else {
                    return Err(Error::invalid(
                        "quota",
                        format!(
                            "demand {:?}: groups {:?} and {:?} share candidates but neither contains the other; quotas are solved exactly only for nested or disjoint groups — give the shared experts one label or drop one quota",
                            dkeys[d], gs[j].0, gs[i].0
                        ),
                    ));
                }
            }
            out.push(Group {
                label: gs[i].0.clone(),
                min: gs[i].1,
                max: gs[i].2,
                parent,
                members: gs[i].3.iter().filter(|&&x| x).count() as u32,
            });
        }
        // innermost group of each candidate = last group (deepest) containing it
        for (ci, c) in list.iter_mut().enumerate() {
            for (gi, g) in gs.iter().enumerate().rev() {
                if g.3[ci] {
                    c.group = gi as u32;
                    break;
                }
            }
        }
        groups[d] = out;
    }

    Ok(Compiled {
        dkeys,
        ekeys,
        need,
        min_load,
        max_load,
        cand,
        groups,
        bad_forced,
        conflicts_removed,
        max_sc,
        scale,
        any_forced,
    })
}
