//! CSV and JSON import/export of a programme-shaped graph (100k entities, ~130k relations).
//!
//! `cargo bench -p kechuang --bench csv_io -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kechuang::graph::CollabGraph;
use kechuang::io::csv::{CsvOptions, load_tables, to_csv_tables};
use kechuang::io::{from_json, to_json};
use kechuang::model::{Demand, Edge, Node, NodeData, NodeKind, Relation};

/// A deterministic graph: 60 societies, 50k experts, 20k enterprises, 30k demands; every
/// expert in one society, every demand posted by an enterprise, a third of them solved.
fn programme() -> CollabGraph {
    let mut g = CollabGraph::new();
    let soc: Vec<_> = (0..60)
        .map(|i| {
            g.add_node(Node::new(
                format!("s:{i}"),
                NodeKind::Society,
                format!("学会{i}"),
            ))
        })
        .collect::<Result<_, _>>()
        .unwrap();
    let mut experts = Vec::new();
    for i in 0..50_000u32 {
        let mut n = Node::new(format!("x:{i}"), NodeKind::Expert, format!("专家{i}"));
        if let NodeData::Expert(x) = &mut n.data {
            x.keywords = vec![format!("关键词{}", i % 97), format!("kw{}", i % 31)];
            x.capacity = 1 + i % 5;
        }
        experts.push(g.add_node(n).unwrap());
    }
    let ents: Vec<_> = (0..20_000)
        .map(|i| {
            g.add_node(Node::new(
                format!("e:{i}"),
                NodeKind::Enterprise,
                format!("企业{i}"),
            ))
        })
        .collect::<Result<_, _>>()
        .unwrap();
    for (i, x) in experts.iter().enumerate() {
        g.add_edge(Edge::new(Relation::MemberOf, *x, soc[i % soc.len()]))
            .unwrap();
    }
    for i in 0..30_000usize {
        let mut d = Demand::new(format!(
            "第{i}号需求：高炉煤气余热回收效率低，需要节能改造方案"
        ));
        d.budget_cny = Some(10_000.0 * (i % 50) as f64);
        let id = g
            .add_node(Node::with_data(
                format!("d:{i}"),
                format!("需求{i}"),
                NodeData::Demand(d),
            ))
            .unwrap();
        g.add_edge(Edge::new(Relation::Posted, ents[i % ents.len()], id))
            .unwrap();
        if i % 3 == 0 {
            g.add_edge(
                Edge::new(Relation::Solved, experts[(i * 7) % experts.len()], id).with_role("lead"),
            )
            .unwrap();
        }
    }
    g
}

fn bench(c: &mut Criterion) {
    let g = programme();
    let tables = to_csv_tables(&g).unwrap();
    let json = to_json(&g).unwrap();
    let csv_bytes = (tables.nodes.len() + tables.edges.len() + tables.events.len()) as u64;
    let opts = CsvOptions::default();
    let mut group = c.benchmark_group("io_100k");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(csv_bytes));
    group.bench_function("csv_export", |b| {
        b.iter(|| to_csv_tables(black_box(&g)).unwrap())
    });
    group.bench_function("csv_import", |b| {
        b.iter(|| load_tables(black_box(&tables), &opts).unwrap())
    });
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("json_export", |b| {
        b.iter(|| to_json(black_box(&g)).unwrap())
    });
    group.bench_function("json_import", |b| {
        b.iter(|| from_json(black_box(&json)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
