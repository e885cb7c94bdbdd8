//! The Rust side of `bench/overhead.py`: times core calls on the same inputs the Python
//! benchmark gives the binding, and prints the seconds as JSON.
//!
//! `cargo run --release -p kechuang-python --example overhead -- edges 200000 2000 1000000`

use std::time::Instant;

use kechuang::io::{EdgeRecord, NodeRecord, SCHEMA_VERSION, Snapshot};
use kechuang::model::{NodeKind, Relation};

fn records(experts: usize, societies: usize, edges: usize) -> Snapshot {
    let mut nodes = Vec::with_capacity(experts + societies);
    for i in 0..societies {
        nodes.push(NodeRecord {
            key: format!("s:{i}"),
            kind: Some(NodeKind::Society),
            ..Default::default()
        });
    }
    for i in 0..experts {
        nodes.push(NodeRecord {
            key: format!("x:{i}"),
            kind: Some(NodeKind::Expert),
            ..Default::default()
        });
    }
    let edges = (0..edges)
        .map(|i| EdgeRecord {
            id: None,
            relation: Relation::MemberOf,
            source: format!("x:{}", i % experts),
            target: format!("s:{}", (i * 7 + i / experts) % societies),
            weight: None,
            role: None,
            start: None,
            end: None,
            attrs: None,
        })
        .collect();
    let mut snap = Snapshot::of(&kechuang::graph::CollabGraph::new());
    snap.schema_version = SCHEMA_VERSION;
    snap.taxonomy = None;
    snap.nodes = nodes;
    snap.edges = edges;
    snap
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() -> Result<(), kechuang::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize, d: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    match args.first().map(String::as_str) {
        Some("edges") | None => {
            let (x, s, m) = (num(1, 200_000), num(2, 2_000), num(3, 1_000_000));
            let snap = records(x, s, m);
            let secs = best_of(3, || snap.clone().into_graph());
            // the records as they would be built from columns (clone = the string copies)
            let secs_with_copy = best_of(3, || records(x, s, m).into_graph());
            snap.clone().into_graph()?;
            println!(
                "{{\"build_from_records\": {secs}, \"build_including_records\": {secs_with_copy}}}"
            );
        }
        Some("match") => {
            let (scale, n) = (
                args.get(1).and_then(|s| s.parse().ok()).unwrap_or(2.0),
                num(2, 1000),
            );
            let mut cfg = kechuang::synth::SynthConfig::with_seed(1);
            cfg.scale = scale;
            let g = kechuang::synth::generate(&cfg)?.graph;
            let keys: Vec<String> = g
                .nodes_of(NodeKind::Demand)
                .take(n)
                .map(|(_, d)| d.key.clone())
                .collect();
            let queries: Vec<kechuang::matching::Query> = keys
                .iter()
                .map(|k| kechuang::matching::Query::demand(k.clone()))
                .collect();
            let build = best_of(1, || {
                kechuang::matching::Matcher::new(&g, Default::default())
            });
            let m = kechuang::matching::Matcher::new(&g, Default::default())?;
            let batch = best_of(3, || m.match_batch(&g, &queries));
            println!(
                "{{\"demands\": {}, \"matcher_build\": {build}, \"match_batch\": {batch}}}",
                keys.len()
            );
        }
        Some("pagerank") => {
            let (nodes, edges) = (num(1, 200_000), num(2, 1_000_000));
            let g =
                kechuang::synth::generate(&kechuang::synth::SynthConfig::sized(1, nodes, edges))?
                    .graph;
            let f = g.frozen();
            let opts = kechuang::impact::GraphRankOptions::default();
            let secs = best_of(3, || kechuang::impact::pagerank(&f, &opts, &[], None));
            println!("{{\"pagerank\": {secs}}}");
        }
        Some(other) => {
            return Err(kechuang::Error::invalid(
                "benchmark",
                format!("{other:?} is not one of: edges, match, pagerank"),
            ));
        }
    }
    Ok(())
}
