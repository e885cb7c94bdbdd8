//! Impact benchmarks on synthetic graphs that `bench/impact_peers.py` rebuilds bit for bit
//! (same generator, in numpy), so igraph, rustworkx, networkx and a scipy power iteration run
//! on the same graphs. Run:
//!
//! ```sh
//! cargo bench -p kechuang --bench impact                      # 100k nodes / 1M edges, betweenness
//! KECHUANG_BENCH_BIG=1 cargo bench -p kechuang --bench impact # also 1M nodes / 10M edges
//! ```
//!
//! Groups: `pagerank/<size>` (to convergence, total L1 tol 1e-8), `pagerank_iter/<size>/{1,11}`
//! (fixed 1 and 11 iterations: the difference / 10 is the time per iteration), `stream/<size>`
//! (one read of the in-CSR arrays plus the score vectors: the memory-bandwidth bound of an
//! iteration), `betweenness/exact_10k`, `betweenness/sampled256_100k`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use kechuang::impact::{
    BetweennessOptions, InCsr, OutCsr, PageRankOptions, betweenness_csr, mix64, pagerank_csr,
};

/// Edge `i` of the synthetic graph: source uniform, target skewed (`n · u²`, so in-degrees
/// follow a power-law-like tail); self-loops dropped, duplicates kept.
fn synth(n: usize, m: usize, seed: u64) -> Vec<(u32, u32)> {
    let mut e = Vec::with_capacity(m);
    for i in 0..m as u64 {
        let a = mix64(seed.wrapping_add(2 * i));
        let b = mix64(seed.wrapping_add(2 * i + 1));
        let s = (a % n as u64) as u32;
        let u = (b >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        let t = ((n as f64 * u * u) as usize).min(n - 1) as u32;
        if s != t {
            e.push((s, t));
        }
    }
    e
}

/// CSR grouped by `key` end (0 = source, 1 = target): (offsets, other ends).
fn csr(n: usize, edges: &[(u32, u32)], by_target: bool) -> (Vec<u32>, Vec<u32>) {
    let mut off = vec![0u32; n + 1];
    for &(s, t) in edges {
        off[(if by_target { t } else { s }) as usize + 1] += 1;
    }
    for i in 0..n {
        off[i + 1] += off[i];
    }
    let mut cur = off.clone();
    let mut other = vec![0u32; edges.len()];
    for &(s, t) in edges {
        let (k, o) = if by_target { (t, s) } else { (s, t) };
        other[cur[k as usize] as usize] = o;
        cur[k as usize] += 1;
    }
    (off, other)
}

fn pagerank_benches(c: &mut Criterion) {
    let mut sizes = vec![("100k_1M", 100_000usize, 1_000_000usize)];
    if std::env::var_os("KECHUANG_BENCH_BIG").is_some() {
        sizes.push(("1M_10M", 1_000_000, 10_000_000));
    }
    for (name, n, m) in sizes {
        let edges = synth(n, m, 42);
        // checksum printed by bench/impact_peers.py too: the graphs must be identical
        eprintln!(
            "graph {name}: {} edges, Σsource {}, Σtarget {}",
            edges.len(),
            edges.iter().map(|e| u64::from(e.0)).sum::<u64>(),
            edges.iter().map(|e| u64::from(e.1)).sum::<u64>()
        );
        let (off, src) = csr(n, &edges, true);
        drop(edges);
        let g = InCsr {
            offsets: &off,
            sources: &src,
            weights: None,
        };
        let mut opts = PageRankOptions::default();
        opts.tol = 1e-8;
        let pr = pagerank_csr(g, &opts, None, None, None).expect("pagerank");
        eprintln!(
            "pagerank/{name}: {} iterations, residual {:.2e}, converged {}",
            pr.iterations, pr.residual, pr.converged
        );
        let mut grp = c.benchmark_group("pagerank");
        grp.sample_size(10).warm_up_time(Duration::from_secs(1));
        grp.bench_function(name, |b| {
            b.iter(|| pagerank_csr(black_box(g), &opts, None, None, None))
        });
        grp.finish();
        let mut grp = c.benchmark_group(format!("pagerank_iter/{name}"));
        grp.sample_size(10).warm_up_time(Duration::from_secs(1));
        for iters in [1usize, 11] {
            let mut o = opts.clone();
            o.tol = 0.0;
            o.max_iter = iters;
            grp.bench_function(iters.to_string(), |b| {
                b.iter(|| pagerank_csr(black_box(g), &o, None, None, None))
            });
        }
        grp.finish();
        // memory-bandwidth bound of one iteration: stream the in-CSR (offsets + sources) and
        // read two / write two n-vectors of f64, with no random access
        let x = vec![1.0f64; n];
        let mut y = vec![0.0f64; n];
        let mut grp = c.benchmark_group("stream");
        grp.sample_size(10).warm_up_time(Duration::from_secs(1));
        grp.bench_function(name, |b| {
            b.iter(|| {
                let s: u64 = src.iter().map(|&v| u64::from(v)).sum::<u64>()
                    + off.iter().map(|&v| u64::from(v)).sum::<u64>();
                for (a, b) in y.iter_mut().zip(&x) {
                    *a += b * 0.5;
                }
                black_box(s)
            })
        });
        grp.finish();
    }
}

fn betweenness_benches(c: &mut Criterion) {
    let mut grp = c.benchmark_group("betweenness");
    grp.sample_size(10).warm_up_time(Duration::from_secs(1));
    for (name, n, m, k) in [
        ("exact_10k", 10_000usize, 50_000usize, None),
        ("sampled256_100k", 100_000, 500_000, Some(256)),
    ] {
        let edges = synth(n, m, 7);
        let (off, dst) = csr(n, &edges, false);
        let g = OutCsr {
            offsets: &off,
            targets: &dst,
            weights: None,
        };
        let mut o = BetweennessOptions::default();
        o.directed = true;
        o.samples = k;
        o.seed = 1;
        grp.bench_function(name, |b| b.iter(|| betweenness_csr(black_box(g), &o, None)));
    }
    grp.finish();
}

criterion_group!(benches, pagerank_benches, betweenness_benches);
criterion_main!(benches);
