//! Arbitrary small assignment problems: `assign` returns Ok or a coded error; an Ok assignment
//! meets every demand's need, every expert's load bounds, uses no conflict pair and every forced
//! pair, and only eligible pairs.
#![no_main]
use std::collections::{BTreeMap, BTreeSet};

use kechuang::assign::{
    Affinity, AssignOptions, AssignProblem, Conflict, DemandSpec, ExpertSpec, Pair, assign,
};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    needs: Vec<u8>,
    loads: Vec<(u8, u8)>,
    scores: Vec<(u8, u8, i16)>,
    conflicts: Vec<(u8, u8)>,
    forced: Vec<(u8, u8)>,
    allow_zero: bool,
}

fuzz_target!(|input: Input| {
    let nd = input.needs.len().min(6);
    let ne = input.loads.len().min(8);
    if nd == 0 || ne == 0 {
        return;
    }
    let dk = |i: u8| format!("d{}", usize::from(i) % nd);
    let ek = |i: u8| format!("e{}", usize::from(i) % ne);
    let demands = input.needs[..nd]
        .iter()
        .enumerate()
        .map(|(i, &n)| DemandSpec::new(format!("d{i}"), u32::from(n % 4)))
        .collect();
    let experts = input.loads[..ne]
        .iter()
        .enumerate()
        .map(|(i, &(lo, hi))| ExpertSpec::new(format!("e{i}"), u32::from(lo % 3), u32::from(hi % 5)))
        .collect();
    let mut seen = BTreeSet::new();
    let affinities = input
        .scores
        .iter()
        .take(48)
        .filter(|(d, e, _)| seen.insert((dk(*d), ek(*e))))
        .map(|&(d, e, s)| Affinity::new(dk(d), ek(e), f64::from(s) / 1000.0))
        .collect();
    let mut p = AssignProblem::new(demands, experts, affinities);
    p.allow_zero_affinity = input.allow_zero;
    p.conflicts = input
        .conflicts
        .iter()
        .take(8)
        .map(|&(d, e)| Conflict { demand: dk(d), expert: ek(e), reason: "fuzz".into() })
        .collect();
    p.forced = input
        .forced
        .iter()
        .take(4)
        .map(|&(d, e)| Pair { demand: dk(d), expert: ek(e) })
        .collect();
    let Ok(a) = assign(&p, &AssignOptions::default()) else { return };
    let conflicts: BTreeSet<(String, String)> =
        p.conflicts.iter().map(|c| (c.demand.clone(), c.expert.clone())).collect();
    let mut load: BTreeMap<&str, u32> = BTreeMap::new();
    let mut used = BTreeSet::new();
    for d in &a.demands {
        let spec = p.demands.iter().find(|s| s.key == d.demand).expect("known demand");
        let real: Vec<_> = d.experts.iter().collect();
        assert_eq!(real.len() as u32, spec.need, "need of {} not met", d.demand);
        for x in &real {
            assert!(!conflicts.contains(&(d.demand.clone(), x.expert.clone())), "conflict used");
            assert!(used.insert((d.demand.clone(), x.expert.clone())), "pair used twice");
            *load.entry(x.expert.as_str()).or_default() += 1;
        }
    }
    for e in &p.experts {
        let l = load.get(e.key.as_str()).copied().unwrap_or(0);
        assert!(l <= e.max_load && l >= e.min_load, "load {l} of {} outside bounds", e.key);
    }
    for f in &p.forced {
        if !conflicts.contains(&(f.demand.clone(), f.expert.clone())) {
            assert!(used.contains(&(f.demand.clone(), f.expert.clone())), "forced pair missing");
        }
    }
});
