//! Matching benchmarks: BM25 index build and top-10 queries on a Zipfian synthetic corpus, and
//! the whole matcher (build, explained query, batch) on the synthetic Tai'an programme.
//!
//! `cargo bench -p kechuang --bench matching` runs the criterion benches. With
//! `KECHUANG_PEER_CORPUS=DIR` set, it instead loads `DIR/docs.txt` and `DIR/queries.txt` (one
//! text per line, written by `bench/matching_peers.py`), measures index build time and memory,
//! single-query p50/p99 and batch throughput, and writes `DIR/rust.json` for the peer
//! comparison.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group};
use kechuang::matching::{MatchConfig, Matcher, Query};
use kechuang::text::{Bm25Builder, Bm25Index, Bm25Params};

/// SplitMix64.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `n` documents of about `len` words drawn from a Zipf(1.07) vocabulary of `vocab` words,
/// and `q` queries of 4–8 words.
fn corpus(n: usize, vocab: usize, len: usize, q: usize) -> (Vec<String>, Vec<String>) {
    let mut cdf = Vec::with_capacity(vocab);
    let mut acc = 0.0;
    for r in 1..=vocab {
        acc += 1.0 / (r as f64).powf(1.07);
        cdf.push(acc);
    }
    let mut rng = Rng(7);
    let word = |rng: &mut Rng| {
        let x = rng.unit() * acc;
        format!("w{}", cdf.partition_point(|&c| c < x))
    };
    let docs = (0..n)
        .map(|_| {
            let l = len / 2 + (rng.next() % len as u64) as usize;
            (0..l).map(|_| word(&mut rng)).collect::<Vec<_>>().join(" ")
        })
        .collect();
    let queries = (0..q)
        .map(|_| {
            let l = 4 + (rng.next() % 5) as usize;
            (0..l).map(|_| word(&mut rng)).collect::<Vec<_>>().join(" ")
        })
        .collect();
    (docs, queries)
}

fn build(docs: &[String]) -> Bm25Index {
    let mut b = Bm25Builder::new(Bm25Params::default());
    for d in docs {
        let _ = b.add_doc(&[(d.as_str(), 1.0)]);
    }
    b.build()
}

fn benches(c: &mut Criterion) {
    let (docs, queries) = corpus(20_000, 50_000, 60, 200);
    c.bench_function("bm25_build_20k_docs", |b| {
        b.iter(|| build(black_box(&docs)))
    });
    let idx = build(&docs);
    let mut i = 0;
    c.bench_function("bm25_query_top10_20k_docs", |b| {
        b.iter(|| {
            i = (i + 1) % queries.len();
            idx.search(black_box(&queries[i]), 10)
        })
    });
    let qs: Vec<&str> = queries.iter().map(String::as_str).collect();
    c.bench_function("bm25_batch200_top10_20k_docs", |b| {
        b.iter(|| idx.search_batch(black_box(&qs), 10))
    });
    // the whole matcher on the Tai'an preset: build, one explained query, a batch
    let Ok(p) = kechuang::synth::taian(1) else {
        return;
    };
    let g = &p.graph;
    c.bench_function("matcher_build_taian", |b| {
        b.iter(|| Matcher::new(black_box(g), MatchConfig::default()))
    });
    let Ok(m) = Matcher::new(g, MatchConfig::default()) else {
        return;
    };
    let demand_queries: Vec<Query> = p
        .truth
        .iter()
        .take(100)
        .map(|t| Query::demand(t.demand.clone()))
        .collect();
    let mut j = 0;
    c.bench_function("match_demand_taian_top10", |b| {
        b.iter(|| {
            j = (j + 1) % demand_queries.len();
            m.match_demand(g, black_box(&demand_queries[j]))
        })
    });
    c.bench_function("match_batch100_taian_top10", |b| {
        b.iter(|| m.match_batch(g, black_box(&demand_queries)))
    });
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(10).warm_up_time(std::time::Duration::from_millis(300)).measurement_time(std::time::Duration::from_secs(2));
    targets = benches
}

/// The peer-comparison run on a corpus written by `bench/matching_peers.py`.
fn peer(dir: &str) -> Result<(), Box<dyn std::error::Error>> {
    let docs = std::fs::read_to_string(format!("{dir}/docs.txt"))?;
    let queries = std::fs::read_to_string(format!("{dir}/queries.txt"))?;
    let docs: Vec<&str> = docs.lines().collect();
    let queries: Vec<&str> = queries.lines().collect();
    let t = Instant::now();
    let mut b = Bm25Builder::new(Bm25Params::default());
    for d in &docs {
        b.add_doc(&[(d, 1.0)])?;
    }
    let idx = b.build();
    let build_s = t.elapsed().as_secs_f64();
    let mut lat: Vec<f64> = Vec::new();
    for q in queries.iter().take(300) {
        let t = Instant::now();
        black_box(idx.search(q, 10));
        lat.push(t.elapsed().as_secs_f64());
    }
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| lat[((lat.len() - 1) as f64 * p).round() as usize];
    let t = Instant::now();
    for q in &queries {
        black_box(idx.search(q, 10));
    }
    let seq_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let hits = idx.search_batch(&queries, 10);
    let batch_s = t.elapsed().as_secs_f64();
    let top: Vec<Vec<u32>> = hits
        .iter()
        .take(20)
        .map(|h| h.iter().map(|x| x.doc).collect())
        .collect();
    let out = format!(
        "{{\"docs\": {}, \"terms\": {}, \"postings\": {}, \"build_s\": {build_s}, \"index_bytes\": {}, \"p50_ms\": {}, \"p99_ms\": {}, \"batch_qps\": {}, \"batch_1thread_qps\": {}, \"threads\": {}, \"top10_first20\": {:?}}}",
        idx.doc_count(),
        idx.term_count(),
        idx.posting_count(),
        idx.heap_bytes(),
        pct(0.5) * 1e3,
        pct(0.99) * 1e3,
        queries.len() as f64 / batch_s,
        queries.len() as f64 / seq_s,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        top
    );
    std::fs::write(format!("{dir}/rust.json"), out)?;
    Ok(())
}

fn main() {
    if let Ok(dir) = std::env::var("KECHUANG_PEER_CORPUS") {
        if let Err(e) = peer(&dir) {
            eprintln!("peer run failed: {e}");
            std::process::exit(1);
        }
        return;
    }
    group();
    Criterion::default().configure_from_args().final_summary();
}
