//! Building the collaboration graph and its frozen view from arrays, for synthetic programmes
//! of 10k and 1M relations (the 10M case: `cargo run --release -p kechuang-examples --bin
//! graph_build`, compared with rustworkx, igraph and networkx by `bench/graph_build_peers.py`).

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use kechuang::graph::{CollabGraph, GraphArrays};
use kechuang::synth::{SynthConfig, generate};

fn arrays(nodes: usize, edges: usize) -> GraphArrays {
    match generate(&SynthConfig::sized(42, nodes, edges)) {
        Ok(p) => GraphArrays::of(&p.graph),
        Err(e) => panic!("synthetic programme: {e}"),
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("graph_build");
    group.sample_size(10);
    for (label, nodes, edges) in [("10k", 2_000, 10_000), ("1M", 100_000, 1_000_000)] {
        let a = arrays(nodes, edges);
        group.bench_function(format!("from_arrays+frozen/{label}"), |b| {
            b.iter_batched(
                || a.keys.clone(),
                |keys| {
                    let g = CollabGraph::from_arrays(
                        &a.kinds,
                        keys,
                        &a.sources,
                        &a.targets,
                        &a.relations,
                        Some(&a.weights),
                    );
                    let g = match g {
                        Ok(g) => g,
                        Err(e) => panic!("{e}"),
                    };
                    black_box(g.frozen().edge_count())
                },
                BatchSize::LargeInput,
            );
        });
    }
    // the incremental API on the small case, for comparison with the bulk path
    let a = arrays(2_000, 10_000);
    group.bench_function("add_node+add_edge+frozen/10k", |b| {
        b.iter(|| {
            let mut g = CollabGraph::with_capacity(a.kinds.len(), a.sources.len());
            for (k, key) in a.kinds.iter().zip(&a.keys) {
                let _ = g.add_node(kechuang::model::Node::new(key.clone(), *k, ""));
            }
            for j in 0..a.sources.len() {
                let e = kechuang::model::Edge::new(
                    a.relations[j],
                    kechuang::model::NodeId::new(a.sources[j]),
                    kechuang::model::NodeId::new(a.targets[j]),
                )
                .with_weight(a.weights[j]);
                let _ = g.add_edge(e);
            }
            black_box(g.frozen().edge_count())
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
