//! Graph-build benchmark at scale (the 10M-edge case of `core/benches/graph_build.rs`, run by
//! hand), and the array files that `bench/graph_build_peers.py` feeds to rustworkx, igraph and
//! networkx.
//!
//! ```text
//! graph_build write DIR [--nodes N] [--edges M] [--seed S]   # synthetic programme → arrays
//! graph_build build DIR [--drop-inputs]                       # time from_arrays + frozen, peak RSS
//! ```
//!
//! Files in DIR (little-endian): `kinds.u8` (index into `NodeKind::ALL`), `keys.txt` (one per
//! line), `sources.u32`, `targets.u32`, `relations.u8` (index into `Relation::ALL`),
//! `weights.f32`.

use std::path::Path;
use std::time::Instant;

use kechuang::graph::{CollabGraph, GraphArrays};
use kechuang::model::{NodeKind, Relation};
use kechuang::synth::{SynthConfig, generate_with_progress};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// Peak resident set size of this process in MiB (Linux `VmHWM`; 0 elsewhere).
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn write(dir: &Path, a: &GraphArrays) -> Res<()> {
    std::fs::create_dir_all(dir)?;
    let kinds: Vec<u8> = a.kinds.iter().map(|&k| k as u8).collect();
    std::fs::write(dir.join("kinds.u8"), kinds)?;
    std::fs::write(dir.join("keys.txt"), a.keys.join("\n"))?;
    let le = |v: &[u32]| v.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
    std::fs::write(dir.join("sources.u32"), le(&a.sources))?;
    std::fs::write(dir.join("targets.u32"), le(&a.targets))?;
    let rels: Vec<u8> = a.relations.iter().map(|&r| r.index() as u8).collect();
    std::fs::write(dir.join("relations.u8"), rels)?;
    let w: Vec<u8> = a.weights.iter().flat_map(|x| x.to_le_bytes()).collect();
    std::fs::write(dir.join("weights.f32"), w)?;
    Ok(())
}

fn read(dir: &Path) -> Res<GraphArrays> {
    let kinds = std::fs::read(dir.join("kinds.u8"))?
        .into_iter()
        .map(|b| NodeKind::ALL.get(b as usize).copied().ok_or("bad kind"))
        .collect::<Result<Vec<_>, _>>()?;
    let keys: Vec<String> = std::fs::read_to_string(dir.join("keys.txt"))?
        .lines()
        .map(str::to_string)
        .collect();
    let u32s = |name: &str| -> Res<Vec<u32>> {
        Ok(std::fs::read(dir.join(name))?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    };
    let sources = u32s("sources.u32")?;
    let targets = u32s("targets.u32")?;
    let relations = std::fs::read(dir.join("relations.u8"))?
        .into_iter()
        .map(|b| Relation::ALL.get(b as usize).copied().ok_or("bad relation"))
        .collect::<Result<Vec<_>, _>>()?;
    let weights = std::fs::read(dir.join("weights.f32"))?
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    Ok(GraphArrays {
        kinds,
        keys,
        sources,
        targets,
        relations,
        weights,
    })
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(dir)) = (args.get(1), args.get(2)) else {
        eprintln!(
            "usage: graph_build write DIR [--nodes N] [--edges M] [--seed S] | graph_build build DIR"
        );
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    match mode.as_str() {
        "write" => {
            let nodes = arg(&args, "--nodes").map_or(Ok(1_000_000), |s| s.parse())?;
            let edges = arg(&args, "--edges").map_or(Ok(10_000_000), |s| s.parse())?;
            let seed = arg(&args, "--seed").map_or(Ok(42), |s| s.parse())?;
            let t = Instant::now();
            let p = generate_with_progress(&SynthConfig::sized(seed, nodes, edges), |i, n| {
                eprintln!(
                    "  generating: stage {i}/{n} ({:.1} s)",
                    t.elapsed().as_secs_f64()
                );
                true
            })?;
            eprintln!(
                "generated {} nodes, {} edges in {:.1} s (peak RSS {:.0} MiB)",
                p.graph.node_count(),
                p.graph.edge_count(),
                t.elapsed().as_secs_f64(),
                peak_rss_mib()
            );
            write(dir, &GraphArrays::of(&p.graph))?;
        }
        "build" => {
            let a = read(dir)?;
            let rss_inputs = peak_rss_mib();
            let (n, m) = (a.kinds.len(), a.sources.len());
            let t = Instant::now();
            let g = CollabGraph::from_arrays(
                &a.kinds,
                a.keys,
                &a.sources,
                &a.targets,
                &a.relations,
                Some(&a.weights),
            )?;
            let build = t.elapsed().as_secs_f64();
            if args.iter().any(|x| x == "--drop-inputs") {
                // the graph owns everything it needs; the caller's arrays may go
                drop((a.sources, a.targets, a.relations, a.weights));
            }
            let f = g.frozen();
            let total = t.elapsed().as_secs_f64();
            assert_eq!((f.node_count(), f.edge_count()), (n, m));
            println!(
                "{{\"library\": \"kechuang\", \"nodes\": {n}, \"edges\": {m}, \"build_s\": {build:.3}, \"frozen_s\": {:.3}, \"total_s\": {total:.3}, \"peak_rss_mib\": {:.0}, \"inputs_rss_mib\": {rss_inputs:.0}, \"node_bytes\": {}, \"edge_bytes\": {}}}",
                total - build,
                peak_rss_mib(),
                std::mem::size_of::<kechuang::model::Node>(),
                std::mem::size_of::<kechuang::model::Edge>(),
            );
        }
        _ => {
            eprintln!("unknown mode {mode:?}: use write or build");
            std::process::exit(2);
        }
    }
    Ok(())
}
