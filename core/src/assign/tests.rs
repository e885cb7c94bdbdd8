//! Unit and property tests of assignment: constraint validity, brute-force optimality,
//! fairness, determinism, diagnosis.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;

/// Every hard constraint of `p` holds in `a`; returns the scaled `(worst, total)`.
fn check(p: &AssignProblem, a: &Assignment, scale: f64) -> (i64, i64) {
    let mut score: BTreeMap<(&str, &str), f64> = p
        .affinities
        .iter()
        .map(|x| ((x.demand.as_str(), x.expert.as_str()), x.score))
        .collect();
    if let Some(m) = &p.matrix {
        for (i, d) in p.demands.iter().enumerate() {
            for (j, e) in p.experts.iter().enumerate() {
                score.insert((d.key.as_str(), e.key.as_str()), m.values[i * m.cols + j]);
            }
        }
    }
    let conflicts: BTreeSet<(&str, &str)> = p
        .conflicts
        .iter()
        .map(|c| (c.demand.as_str(), c.expert.as_str()))
        .collect();
    let forced: BTreeSet<(&str, &str)> = p
        .forced
        .iter()
        .map(|c| (c.demand.as_str(), c.expert.as_str()))
        .collect();
    let experts: BTreeMap<&str, &ExpertSpec> =
        p.experts.iter().map(|e| (e.key.as_str(), e)).collect();
    let mut load: BTreeMap<&str, u32> = BTreeMap::new();
    let mut worst = i64::MAX;
    let mut total = 0i64;
    for d in &p.demands {
        let got = a.experts_of(&d.key).expect("every demand listed");
        assert_eq!(got.len(), d.need as usize, "demand {} need", d.key);
        let set: BTreeSet<&str> = got.iter().map(|x| x.expert.as_str()).collect();
        assert_eq!(set.len(), got.len(), "an expert twice on {}", d.key);
        let mut s = 0i64;
        for x in got {
            let pair = (d.key.as_str(), x.expert.as_str());
            assert!(!conflicts.contains(&pair), "conflict used {pair:?}");
            let sc = score.get(&pair).copied().unwrap_or(0.0);
            assert!(
                sc > 0.0 || p.allow_zero_affinity || forced.contains(&pair),
                "zero pair {pair:?}"
            );
            assert_eq!(sc, x.score);
            s += (sc * scale).round() as i64;
            *load.entry(x.expert.as_str()).or_default() += 1;
        }
        for f in &p.forced {
            if f.demand == d.key {
                assert!(set.contains(f.expert.as_str()), "forced pair dropped");
            }
        }
        for q in &d.quotas {
            let mut per: BTreeMap<&str, u32> = BTreeMap::new();
            for x in got {
                for g in &experts[x.expert.as_str()].groups {
                    let hit = match q.group.strip_suffix('*') {
                        Some(pre) => g.starts_with(pre),
                        None => *g == q.group,
                    };
                    if hit {
                        *per.entry(g.as_str()).or_default() += 1;
                    }
                }
            }
            if q.group.ends_with('*') {
                for &n in per.values() {
                    assert!(n <= q.max.unwrap_or(u32::MAX));
                }
            } else {
                let n = per.get(q.group.as_str()).copied().unwrap_or(0);
                assert!(n >= q.min && n <= q.max.unwrap_or(u32::MAX), "quota");
            }
        }
        total += s;
        if d.need > 0 {
            worst = worst.min(s);
        }
    }
    for e in &p.experts {
        let l = load.get(e.key.as_str()).copied().unwrap_or(0);
        assert!(l >= e.min_load && l <= e.max_load, "load of {}", e.key);
        assert_eq!(a.load(&e.key), Some(l));
    }
    assert_eq!(a.objective.total_scaled, total);
    (if worst == i64::MAX { 0 } else { worst }, total)
}

/// Exhaustive search: best `(total)` and best `(worst, total)` over all valid assignments.
fn brute(p: &AssignProblem, scale: f64) -> Option<(i64, (i64, i64))> {
    let mut ds = p.demands.clone();
    ds.sort_by(|a, b| a.key.cmp(&b.key));
    let conflicts: BTreeSet<(&str, &str)> = p
        .conflicts
        .iter()
        .map(|c| (c.demand.as_str(), c.expert.as_str()))
        .collect();
    let forced: BTreeSet<(&str, &str)> = p
        .forced
        .iter()
        .map(|c| (c.demand.as_str(), c.expert.as_str()))
        .collect();
    let score: BTreeMap<(&str, &str), f64> = p
        .affinities
        .iter()
        .map(|x| ((x.demand.as_str(), x.expert.as_str()), x.score))
        .collect();
    let ne = p.experts.len();
    // per demand: list of (mask, scaled sum)
    let mut options: Vec<Vec<(u32, i64)>> = Vec::new();
    for d in &ds {
        let mut opts = Vec::new();
        for mask in 0u32..(1 << ne) {
            if mask.count_ones() != d.need {
                continue;
            }
            let mut ok = true;
            let mut s = 0i64;
            let mut groups: BTreeMap<&str, u32> = BTreeMap::new();
            for (j, e) in p.experts.iter().enumerate() {
                let pair = (d.key.as_str(), e.key.as_str());
                let inm = mask & (1 << j) != 0;
                if forced.contains(&pair) && !inm {
                    ok = false;
                }
                if !inm {
                    continue;
                }
                let sc = score.get(&pair).copied().unwrap_or(0.0);
                if conflicts.contains(&pair)
                    || !(sc > 0.0 || p.allow_zero_affinity || forced.contains(&pair))
                {
                    ok = false;
                }
                s += (sc * scale).round() as i64;
                for g in &e.groups {
                    *groups.entry(g.as_str()).or_default() += 1;
                }
            }
            for q in &d.quotas {
                for (g, &n) in &groups {
                    let hit = match q.group.strip_suffix('*') {
                        Some(pre) => g.starts_with(pre),
                        None => *g == q.group,
                    };
                    if hit && n > q.max.unwrap_or(u32::MAX) {
                        ok = false;
                    }
                }
                if !q.group.ends_with('*')
                    && groups.get(q.group.as_str()).copied().unwrap_or(0) < q.min
                {
                    ok = false;
                }
            }
            if ok {
                opts.push((mask, s));
            }
        }
        options.push(opts);
    }
    let mut best: Option<(i64, (i64, i64))> = None;
    let mut loads = vec![0u32; ne];
    fn rec(
        i: usize,
        options: &[Vec<(u32, i64)>],
        ds: &[DemandSpec],
        p: &AssignProblem,
        loads: &mut Vec<u32>,
        acc: (i64, i64),
        best: &mut Option<(i64, (i64, i64))>,
    ) {
        if i == options.len() {
            if p.experts
                .iter()
                .zip(loads.iter())
                .all(|(e, &l)| l >= e.min_load && l <= e.max_load)
            {
                let (worst, total) = acc;
                let b = best.get_or_insert((total, (worst, total)));
                b.0 = b.0.max(total);
                b.1 = b.1.max((worst, total));
            }
            return;
        }
        for &(mask, s) in &options[i] {
            for (j, l) in loads.iter_mut().enumerate() {
                *l += (mask >> j) & 1;
            }
            let worst = if ds[i].need > 0 { acc.0.min(s) } else { acc.0 };
            rec(i + 1, options, ds, p, loads, (worst, acc.1 + s), best);
            for (j, l) in loads.iter_mut().enumerate() {
                *l -= (mask >> j) & 1;
            }
        }
    }
    rec(0, &options, &ds, p, &mut loads, (i64::MAX, 0), &mut best);
    best.map(|(t, (w, tt))| (t, (if w == i64::MAX { 0 } else { w }, tt)))
}

fn tiny() -> impl Strategy<Value = AssignProblem> {
    (1usize..=3, 1usize..=4).prop_flat_map(|(nd, ne)| {
        (
            proptest::collection::vec(0u32..=2, nd),
            proptest::collection::vec((0u32..=1, 0u32..=2, any::<bool>()), ne),
            proptest::collection::vec(prop_oneof![Just(0.0), 0.05f64..1.0], nd * ne),
            proptest::collection::vec(0u8..10, nd * ne),
            any::<bool>(),
            proptest::collection::vec(0u8..4, nd),
        )
            .prop_map(move |(needs, loads, scores, flags, allow_zero, quota)| {
                let demands = needs
                    .iter()
                    .enumerate()
                    .map(|(i, &k)| {
                        let mut d = DemandSpec::new(format!("d{i}"), k);
                        match quota[i] {
                            1 => d.quotas.push(Quota::at_least("acad", 1)),
                            2 => d.quotas.push(Quota::at_most("acad", 1)),
                            _ => {}
                        }
                        d
                    })
                    .collect();
                let experts = loads
                    .iter()
                    .enumerate()
                    .map(|(j, &(lo, extra, acad))| {
                        let mut e = ExpertSpec::new(format!("x{j}"), lo, lo + extra);
                        if acad {
                            e.groups.push("acad".into());
                        }
                        e
                    })
                    .collect();
                let mut p = AssignProblem::new(demands, experts, Vec::new());
                p.allow_zero_affinity = allow_zero;
                for i in 0..nd {
                    for j in 0..ne {
                        let s = scores[i * ne + j];
                        if s > 0.0 || flags[i * ne + j] == 9 {
                            p.affinities
                                .push(Affinity::new(format!("d{i}"), format!("x{j}"), s));
                        }
                        match flags[i * ne + j] {
                            0 => p.add_conflict(format!("d{i}"), format!("x{j}")),
                            1 => p.force(format!("d{i}"), format!("x{j}")),
                            _ => {}
                        }
                    }
                }
                p
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn optimal_equals_brute_force_and_respects_constraints(p in tiny()) {
        let o = AssignOptions::default();
        let want = brute(&p, o.scale);
        match assign(&p, &o) {
            Ok(a) => {
                let (_, total) = check(&p, &a, o.scale);
                let Some((bt, _)) = want else { panic!("solver found a solution brute force did not") };
                prop_assert_eq!(total, bt);
                prop_assert!(a.diagnostics.exact);
                // diagnose agrees
                prop_assert!(diagnose(&p).unwrap().is_none());
            }
            Err(e) => {
                prop_assert_eq!(e.code(), "infeasible", "{}", e);
                prop_assert!(want.is_none(), "solver said infeasible: {}", e);
                prop_assert!(diagnose(&p).unwrap().is_some());
            }
        }
    }

    #[test]
    fn fair_never_below_optimal_and_exact_for_single_need(p in tiny()) {
        let o = AssignOptions::default();
        let Ok(opt) = assign(&p, &o) else { return Ok(()) };
        let fair = assign(&p, &AssignOptions::with_solver(Solver::Fair)).unwrap();
        let (ow, _) = check(&p, &opt, o.scale);
        let (fw, ft) = check(&p, &fair, o.scale);
        prop_assert!(fw >= ow);
        if p.demands.iter().all(|d| d.need <= 1) {
            let (_, best) = brute(&p, o.scale).unwrap();
            prop_assert_eq!((fw, ft), best);
            prop_assert!(fair.diagnostics.exact);
        }
    }

    #[test]
    fn greedy_respects_constraints_and_reports_gap(p in tiny()) {
        let o = AssignOptions::with_solver(Solver::Greedy);
        let Ok(opt) = assign(&p, &AssignOptions::default()) else { return Ok(()) };
        let g = assign(&p, &o).unwrap();
        let (_, gt) = check(&p, &g, o.scale);
        prop_assert!(gt <= opt.objective.total_scaled);
        let gap = g.diagnostics.gap.clone().unwrap();
        prop_assert!(gap.upper_bound + 1e-9 >= opt.total());
        prop_assert!(gap.relative >= 0.0 && gap.relative <= 1.0);
    }

    #[test]
    fn input_order_does_not_matter(p in tiny(), seed in any::<u64>()) {
        let o = AssignOptions::default();
        let mut q = p.clone();
        // deterministic shuffle
        let mut s = seed | 1;
        let mut next = || { s ^= s << 13; s ^= s >> 7; s ^= s << 17; s };
        for i in (1..q.affinities.len()).rev() { let j = (next() % (i as u64 + 1)) as usize; q.affinities.swap(i, j); }
        for i in (1..q.experts.len()).rev() { let j = (next() % (i as u64 + 1)) as usize; q.experts.swap(i, j); }
        for i in (1..q.demands.len()).rev() { let j = (next() % (i as u64 + 1)) as usize; q.demands.swap(i, j); }
        for solver in [Solver::Optimal, Solver::Fair, Solver::Greedy] {
            let o = AssignOptions { solver, ..o.clone() };
            let a = assign(&p, &o).map_err(|e| e.to_string());
            let b = assign(&q, &o).map_err(|e| e.to_string());
            prop_assert_eq!(a, b);
        }
    }
}

#[test]
fn dense_lap_matches_flow() {
    // 30 × 40 dense one-to-one: LAP is dispatched; forcing the flow path via a min load of 0
    // on a copy with one quota-free twist (need 1, max 1 but sparse) must give the same optimum.
    let n = 30;
    let m = 40;
    let mut s = 12345u64;
    let mut vals = Vec::new();
    for _ in 0..n * m {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        vals.push(((s >> 33) % 1000) as f64 / 1000.0 + 0.001);
    }
    let demands: Vec<DemandSpec> = (0..n)
        .map(|i| DemandSpec::new(format!("d{i:02}"), 1))
        .collect();
    let experts: Vec<ExpertSpec> = (0..m)
        .map(|j| ExpertSpec::new(format!("x{j:02}"), 0, 1))
        .collect();
    let p = AssignProblem::from_matrix(demands.clone(), experts.clone(), vals.clone()).unwrap();
    let a = assign(&p, &AssignOptions::default()).unwrap();
    assert_eq!(a.solver, SolverUsed::DenseLap);
    let mut c = compile::compile(&p, 1e6).unwrap();
    let mut hook = |_: Progress| Ok::<(), Error>(());
    let (ch, _) = solve::solve_flow(&c, None, None, &mut hook)
        .unwrap()
        .unwrap();
    assert_eq!(solve::key_of(&c, &ch).1, a.objective.total_scaled);
    check(&p, &a, 1e6);
    // an expert with capacity 0 is dropped from the LAP columns
    c.max_load[0] = 0;
    assert!(solve::lap_applies(&c));
}

#[test]
fn diagnosis_names_causes() {
    let mut p = AssignProblem::new(
        vec![DemandSpec::new("d1", 2), DemandSpec::new("d2", 1)],
        vec![ExpertSpec::new("x", 2, 2), ExpertSpec::new("y", 0, 1)],
        vec![Affinity::new("d1", "x", 0.5), Affinity::new("d2", "y", 0.5)],
    );
    p.force("d2", "x");
    p.add_conflict("d2", "x");
    let inf = diagnose(&p).unwrap().unwrap();
    assert_eq!(inf.short_demands.len(), 1);
    assert_eq!(inf.short_demands[0].missing, 1);
    assert_eq!(inf.forced_issues.len(), 1);
    assert!(inf.forced_issues[0].reason.contains("conflict"));
    assert_eq!(inf.min_load_issues.len(), 1);
    let err = assign(&p, &AssignOptions::default()).unwrap_err();
    assert_eq!(err.code(), "infeasible");
    assert!(
        err.to_string()
            .contains("d1 needs 2 but has 1 eligible, 1 missing")
    );

    // capacity
    let p = AssignProblem::from_affinities(
        vec![
            Affinity::new("a", "x", 0.1),
            Affinity::new("b", "x", 0.2),
            Affinity::new("c", "y", 0.2),
        ],
        1,
        1,
    );
    let inf = diagnose(&p).unwrap().unwrap();
    // capacity 2 for need 3
    assert_eq!((inf.total_need, inf.total_capacity), (3, 2));

    // Hall violation without a simple cause
    let mut p = AssignProblem::from_affinities(
        vec![
            Affinity::new("a", "x", 0.1),
            Affinity::new("b", "x", 0.2),
            Affinity::new("c", "y", 0.2),
            Affinity::new("c", "z", 0.2),
        ],
        1,
        1,
    );
    p.experts.push(ExpertSpec::new("w", 0, 1));
    let inf = diagnose(&p).unwrap().unwrap();
    let b = inf.bottleneck.expect("cut");
    assert!(b.demands.contains(&"a".to_string()) || b.demands.contains(&"b".to_string()));
    assert_eq!(b.unrouted, 1);
}

#[test]
fn quotas_exact_and_crossing_rejected() {
    let experts = vec![
        ExpertSpec::new("x1", 0, 1)
            .with_group("org:u")
            .with_group("academician"),
        ExpertSpec::new("x2", 0, 1).with_group("org:u"),
        ExpertSpec::new("x3", 0, 1).with_group("org:v"),
    ];
    let aff = vec![
        Affinity::new("d", "x1", 0.2),
        Affinity::new("d", "x2", 0.9),
        Affinity::new("d", "x3", 0.8),
    ];
    let d = DemandSpec::new("d", 2).with_quota(Quota::at_most("org:*", 1));
    let p = AssignProblem::new(vec![d], experts.clone(), aff.clone());
    let a = assign(&p, &AssignOptions::default()).unwrap();
    let got: Vec<&str> = a
        .experts_of("d")
        .unwrap()
        .iter()
        .map(|x| x.expert.as_str())
        .collect();
    assert_eq!(got, ["x2", "x3"]);
    // academician (inside org:u) at least 1: nested, exact
    let d = DemandSpec::new("d", 2)
        .with_quota(Quota::at_most("org:*", 1))
        .with_quota(Quota::at_least("academician", 1));
    let p = AssignProblem::new(vec![d], experts.clone(), aff.clone());
    let a = assign(&p, &AssignOptions::default()).unwrap();
    let got: Vec<&str> = a
        .experts_of("d")
        .unwrap()
        .iter()
        .map(|x| x.expert.as_str())
        .collect();
    assert_eq!(got, ["x3", "x1"]);
    // crossing: academician spanning two orgs
    let mut ex = experts;
    ex[2].groups.push("academician".into());
    let d = DemandSpec::new("d", 2)
        .with_quota(Quota::at_most("org:*", 1))
        .with_quota(Quota::at_least("academician", 1));
    let p = AssignProblem::new(vec![d], ex, aff);
    let err = assign(&p, &AssignOptions::default()).unwrap_err();
    assert_eq!(err.code(), "invalid_value");
}

#[test]
fn alternates_and_queries() {
    let p = AssignProblem::from_affinities(
        vec![
            Affinity::new("a", "x", 0.9),
            Affinity::new("a", "y", 0.8),
            Affinity::new("a", "z", 0.7),
            Affinity::new("b", "x", 0.95),
        ],
        1,
        1,
    );
    let a = assign(&p, &AssignOptions::default()).unwrap();
    assert_eq!(a.experts_of("a").unwrap()[0].expert, "y");
    let alt = a.alternates_of("a").unwrap();
    assert_eq!(alt.len(), 2);
    assert_eq!((alt[0].expert.as_str(), alt[0].spare), ("x", false));
    assert_eq!((alt[1].expert.as_str(), alt[1].spare), ("z", true));
    assert_eq!(a.demands_of("x"), ["b"]);
    assert_eq!(a.load("z"), Some(0));
    assert_eq!(a.load("nobody"), None);
    assert!(a.is_complete());
    assert_eq!(a.pairs().count(), 2);
    let json = serde_json::to_string(&a).unwrap();
    let back: Assignment = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
}

#[test]
fn bad_input_is_coded() {
    let p = AssignProblem::from_affinities(vec![Affinity::new("a", "x", f64::NAN)], 1, 1);
    assert_eq!(
        assign(&p, &AssignOptions::default()).unwrap_err().code(),
        "invalid_value"
    );
    let mut p = AssignProblem::from_affinities(vec![Affinity::new("a", "x", 0.5)], 1, 1);
    p.force("a", "nobody");
    assert_eq!(
        assign(&p, &AssignOptions::default()).unwrap_err().code(),
        "unknown_key"
    );
    let p = AssignProblem::new(
        vec![DemandSpec::new("a", 1)],
        vec![ExpertSpec::new("x", 2, 1)],
        vec![],
    );
    assert_eq!(
        assign(&p, &AssignOptions::default()).unwrap_err().code(),
        "invalid_value"
    );
    assert!(AssignProblem::from_matrix(vec![DemandSpec::new("a", 1)], vec![], vec![1.0]).is_err());
}

#[test]
fn graph_rules_derive_conflicts() {
    use crate::graph::CollabGraph;
    use crate::model::{Date, Demand, Edge, Node, NodeData, NodeKind, Relation};
    let mut g = CollabGraph::new();
    g.add_node(Node::new("e", NodeKind::Enterprise, "E"))
        .unwrap();
    g.add_node(Node::new("u", NodeKind::Institution, "U"))
        .unwrap();
    g.add_node(Node::with_data(
        "d",
        "D",
        NodeData::Demand(Demand::new("t")),
    ))
    .unwrap();
    for x in ["insider", "colleague", "partner", "old", "free"] {
        g.add_node(Node::new(x, NodeKind::Expert, x)).unwrap();
    }
    g.connect(Relation::Posted, "e", "d").unwrap();
    g.connect(Relation::AffiliatedWith, "insider", "e").unwrap();
    g.connect(Relation::AffiliatedWith, "insider", "u").unwrap();
    g.connect(Relation::AffiliatedWith, "colleague", "u")
        .unwrap();
    let now = Date::from_ymd(2025, 1, 1).unwrap();
    let (p, e, o) = (
        g.id("partner").unwrap(),
        g.id("e").unwrap(),
        g.id("old").unwrap(),
    );
    g.add_edge(Edge::new(Relation::Collaborated, p, e).with_dates(Some(now.add_days(-100)), None))
        .unwrap();
    g.add_edge(Edge::new(Relation::Collaborated, o, e).with_dates(Some(now.add_days(-2000)), None))
        .unwrap();
    let aff: Vec<Affinity> = ["insider", "colleague", "partner", "old", "free"]
        .iter()
        .map(|x| Affinity::new("d", *x, 0.5))
        .collect();
    let rules = ConflictRules {
        as_of: Some(now),
        ..Default::default()
    };
    let prob = AssignProblem::from_graph(&g, aff, &rules).unwrap();
    let got: Vec<(&str, &str)> = prob
        .conflicts
        .iter()
        .map(|c| (c.expert.as_str(), c.reason.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("colleague", "same_organisation"),
            ("insider", "employed_by_enterprise"),
            ("partner", "recent_collaboration")
        ]
    );
    let insider = prob.experts.iter().find(|e| e.key == "insider").unwrap();
    assert_eq!(insider.groups, ["org:e"]);
}

#[test]
fn cancel_hook_stops() {
    let aff: Vec<Affinity> = (0..600)
        .map(|i| Affinity::new(format!("d{i}"), format!("x{}", i % 300), 0.5))
        .collect();
    let p = AssignProblem::from_affinities(aff, 1, 2);
    let mut calls = 0;
    let r = assign_with(&p, &AssignOptions::default(), |pr| {
        calls += 1;
        if pr.stage == "min_cost_flow" {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    });
    assert_eq!(r.unwrap_err().code(), "cancelled");
    assert!(calls >= 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn dense_lap_equals_flow(
        (n, m, vals, conf) in (1usize..8, 0usize..3).prop_flat_map(|(n, extra)| {
            let m = n + extra;
            (Just(n), Just(m),
             proptest::collection::vec(prop_oneof![Just(0.0), 0.001f64..1.0], n * m),
             proptest::collection::vec(0u8..8, n * m))
        })
    ) {
        let demands: Vec<DemandSpec> = (0..n).map(|i| DemandSpec::new(format!("d{i}"), 1)).collect();
        let experts: Vec<ExpertSpec> = (0..m).map(|j| ExpertSpec::new(format!("x{j}"), 0, 1)).collect();
        let mut p = AssignProblem::from_matrix(demands, experts, vals).unwrap();
        for (k, &f) in conf.iter().enumerate() {
            if f == 0 {
                p.add_conflict(format!("d{}", k / m), format!("x{}", k % m));
            }
        }
        let c = compile::compile(&p, 1e6).unwrap();
        let mut hook = |_: Progress| Ok::<(), Error>(());
        let flow = solve::solve_flow(&c, None, None, &mut hook).unwrap();
        let lap = if solve::lap_applies(&c) { solve::solve_lap(&c, &mut hook).unwrap() } else { None };
        match (flow, lap) {
            (Ok((fch, _)), Some((lch, _))) => {
                prop_assert_eq!(solve::key_of(&c, &fch).1, solve::key_of(&c, &lch).1);
                let a = assign(&p, &AssignOptions::default()).unwrap();
                check(&p, &a, 1e6);
                // the dense fast path gives exactly the general path's answer
                prop_assert!(dense::applies(&p));
                let o = AssignOptions::default();
                let (ch, n, used) = solve::solve_exact(&c, &mut hook).unwrap();
                let b = solve::build(&c, &ch, used, &o, Diagnostics { augmentations: n, exact: true, ..Default::default() });
                prop_assert_eq!(&a.demands, &b.demands);
                prop_assert_eq!(&a.loads, &b.loads);
                prop_assert_eq!(&a.objective, &b.objective);
                prop_assert_eq!(a.diagnostics.eligible_pairs, b.diagnostics.eligible_pairs);
            }
            (Err(_), Some(_)) => prop_assert!(false, "lap found a solution flow did not"),
            (Ok(_), None) => prop_assert!(!solve::lap_applies(&c), "lap missed a solution"),
            (Err(_), None) => {}
        }
    }
}
