//! Assignment benchmarks; peers (SciPy, OR-Tools) run on the same instances by
//! `bench/assign_peers.py`, which also runs this bench and prints the ratios.
//!
//! (a) 2,000 × 2,000 dense one-to-one (peer: `scipy.optimize.linear_sum_assignment`);
//! (b) 5,000 demands × need 3, 20,000 experts × max load 2, 50 candidates per demand
//!     (peer: OR-Tools `SimpleMinCostFlow`), with the fair and greedy solvers too.
//!
//! Instances come from a counter-based splitmix64 hash that the Python script reproduces bit
//! for bit. Set `ASSIGN_BENCH_REPORT=path.json` to write the objectives for comparison.

use criterion::{Criterion, criterion_group, criterion_main};
use kechuang::assign::{
    Affinity, AssignOptions, AssignProblem, DemandSpec, ExpertSpec, Solver, assign,
};

fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Score in (0, 1] with 6 decimals, so score × 1e6 is an exact integer.
fn score(i: u64) -> f64 {
    ((mix(i) >> 11) % 1_000_000 + 1) as f64 / 1e6
}

fn dense(n: usize) -> AssignProblem {
    let values: Vec<f64> = (0..(n * n) as u64).map(score).collect();
    let demands = (0..n)
        .map(|i| DemandSpec::new(format!("d{i:05}"), 1))
        .collect();
    let experts = (0..n)
        .map(|j| ExpertSpec::new(format!("x{j:05}"), 0, 1))
        .collect();
    AssignProblem::from_matrix(demands, experts, values).expect("sizes match")
}

const ND: u64 = 5_000;
const NE: u64 = 20_000;
const K: u64 = 50;

fn sparse() -> AssignProblem {
    sparse_with(NE)
}

/// The sparse instance with `ne` experts. With `ne != NE` (the "tight" variant, 8,000 experts:
/// capacity 16,000 for 15,000 needed) half of each score is the expert's popularity, so
/// demands compete for the same experts and the fair solver runs its threshold and
/// re-weighting phases instead of certifying the optimum.
fn sparse_with(ne: u64) -> AssignProblem {
    let mut aff = Vec::with_capacity((ND * K) as usize);
    for d in 0..ND {
        let base = mix(10_000_000 + d) % ne;
        let step = 1 + mix(20_000_000 + d) % (ne / K - 1).min(397);
        for k in 0..K {
            let e = (base + k * step) % ne;
            let mut sc = score(5_000_000 + d * K + k);
            if ne != NE {
                // contested variant: half the score is the expert's popularity
                sc = ((sc + score(30_000_000 + e)) * 5e5).round() / 1e6;
            }
            aff.push(Affinity::new(format!("d{d:05}"), format!("x{e:05}"), sc));
        }
    }
    let demands = (0..ND)
        .map(|d| DemandSpec::new(format!("d{d:05}"), 3))
        .collect();
    let experts = (0..ne)
        .map(|e| ExpertSpec::new(format!("x{e:05}"), 0, 2))
        .collect();
    AssignProblem::new(demands, experts, aff)
}

fn bench(c: &mut Criterion) {
    let a = dense(2000);
    let b = sparse();
    let opt = AssignOptions::default();
    let fair = AssignOptions::with_solver(Solver::Fair);
    let greedy = AssignOptions::with_solver(Solver::Greedy);
    if let Ok(path) = std::env::var("ASSIGN_BENCH_REPORT") {
        let t = std::time::Instant::now();
        let ra = assign(&a, &opt).expect("dense feasible");
        let ta = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let rb = assign(&b, &opt).expect("sparse feasible");
        let tb = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let rf = assign(&b, &fair).expect("fair feasible");
        let tf = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let rg = assign(&b, &greedy).expect("greedy feasible");
        let tg = t.elapsed().as_secs_f64();
        let tight = sparse_with(8_000);
        let t = std::time::Instant::now();
        let rto = assign(&tight, &opt).expect("tight feasible");
        let tto = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let rtf = assign(&tight, &fair).expect("tight fair feasible");
        let ttf = t.elapsed().as_secs_f64();
        let json = serde_json::json!({
            "tight_8000_optimal": {"total": rto.total(), "worst": rto.worst(), "once_s": tto},
            "tight_8000_fair": {"total": rtf.total(), "worst": rtf.worst(), "exact": rtf.diagnostics.exact, "once_s": ttf},
            "dense_2000": {"total": ra.total(), "solver": ra.solver, "once_s": ta},
            "sparse_5000": {"total": rb.total(), "worst": rb.worst(), "solver": rb.solver, "once_s": tb},
            "sparse_5000_fair": {"total": rf.total(), "worst": rf.worst(), "exact": rf.diagnostics.exact, "once_s": tf},
            "sparse_5000_greedy": {"total": rg.total(), "worst": rg.worst(), "gap": rg.diagnostics.gap, "once_s": tg},
        });
        std::fs::write(path, json.to_string()).expect("report written");
    }
    let mut g = c.benchmark_group("assign");
    g.sample_size(10);
    g.bench_function("dense_2000", |x| x.iter(|| assign(&a, &opt)));
    g.bench_function("sparse_5000", |x| x.iter(|| assign(&b, &opt)));
    g.bench_function("sparse_5000_fair", |x| x.iter(|| assign(&b, &fair)));
    g.bench_function("sparse_5000_greedy", |x| x.iter(|| assign(&b, &greedy)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
