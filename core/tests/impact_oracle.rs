//! kechuang's network measures against networkx, on the fixtures written once by
//! `tests/fixtures/gen_impact.py` (karate club, Davis southern women, Florentine families,
//! Les Misérables, random graphs). Every value must match within 1e-6.

use std::path::PathBuf;

use kechuang::graph::CollabGraph;
use kechuang::impact::{
    BetweennessOptions, GraphRankOptions, InCsr, OutCsr, PageRankOptions, betweenness,
    betweenness_csr, brokerage, brokerage_csr, pagerank, pagerank_csr,
};
use kechuang::model::{Edge, Node, NodeKind, Relation};
use serde_json::Value;

const EPS: f64 = 1e-6;

struct Fixture {
    name: String,
    directed: bool,
    n: usize,
    edges: Vec<(u32, u32, f32)>,
    json: Value,
}

impl Fixture {
    fn vec(&self, key: &str) -> Vec<f64> {
        self.json[key]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no {key}", self.name))
            .iter()
            .map(|v| v.as_f64().unwrap_or(f64::NAN))
            .collect()
    }

    /// CSR of `arcs` grouped by source (`by_target = false`) or by target.
    fn csr_of(
        &self,
        mut arcs: Vec<(u32, u32, f32)>,
        by_target: bool,
    ) -> (Vec<u32>, Vec<u32>, Vec<f32>) {
        arcs.sort_by_key(|&(u, v, _)| if by_target { (v, u) } else { (u, v) });
        let mut offsets = vec![0u32; self.n + 1];
        for &(u, v, _) in &arcs {
            offsets[(if by_target { v } else { u }) as usize + 1] += 1;
        }
        for i in 0..self.n {
            offsets[i + 1] += offsets[i];
        }
        let other = arcs
            .iter()
            .map(|&(u, v, _)| if by_target { u } else { v })
            .collect();
        let w = arcs.iter().map(|a| a.2).collect();
        (offsets, other, w)
    }

    /// CSR of the arcs: both directions of each edge for an undirected graph.
    fn csr(&self, by_target: bool) -> (Vec<u32>, Vec<u32>, Vec<f32>) {
        let mut a = self.edges.clone();
        if !self.directed {
            a.extend(self.edges.iter().map(|&(u, v, w)| (v, u, w)));
        }
        self.csr_of(a, by_target)
    }
}

fn fixtures() -> Vec<Fixture> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/impact");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 7, "fixtures missing in {dir:?}");
    paths
        .into_iter()
        .map(|p| {
            let json: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            let edges = json["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e[0].as_u64().unwrap() as u32,
                        e[1].as_u64().unwrap() as u32,
                        e[2].as_f64().unwrap() as f32,
                    )
                })
                .collect();
            Fixture {
                name: json["name"].as_str().unwrap().to_string(),
                directed: json["directed"].as_bool().unwrap(),
                n: json["n"].as_u64().unwrap() as usize,
                edges,
                json,
            }
        })
        .collect()
}

fn close(name: &str, what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{name} {what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        if w.is_nan() {
            assert!(g.is_nan(), "{name} {what}[{i}]: got {g}, networkx NaN");
        } else {
            assert!(
                (g - w).abs() <= EPS,
                "{name} {what}[{i}]: got {g}, networkx {w}"
            );
        }
    }
}

fn tight() -> PageRankOptions {
    let mut o = PageRankOptions::default();
    o.tol = 1e-13;
    o
}

#[test]
fn pagerank_matches_networkx() {
    for f in fixtures() {
        let (off, src, w) = f.csr(true);
        let plain = InCsr {
            offsets: &off,
            sources: &src,
            weights: None,
        };
        let weighted = InCsr {
            weights: Some(&w),
            ..plain
        };
        let pr = pagerank_csr(plain, &tight(), None, None, None).unwrap();
        assert!(pr.converged, "{}", f.name);
        close(&f.name, "pagerank", &pr.scores, &f.vec("pagerank"));
        let pr = pagerank_csr(weighted, &tight(), None, None, None).unwrap();
        close(
            &f.name,
            "pagerank_weighted",
            &pr.scores,
            &f.vec("pagerank_weighted"),
        );
        let mut o = tight();
        o.alpha = 0.9;
        let p = f.vec("personalization");
        let pr = pagerank_csr(weighted, &o, Some(&p), None, None).unwrap();
        close(
            &f.name,
            "pagerank_personalised",
            &pr.scores,
            &f.vec("pagerank_personalised"),
        );
    }
}

#[test]
fn betweenness_matches_networkx() {
    for f in fixtures() {
        let (off, dst, w) = f.csr(false);
        let g = OutCsr {
            offsets: &off,
            targets: &dst,
            weights: Some(&w),
        };
        let mut o = BetweennessOptions::default();
        o.directed = f.directed;
        let b = betweenness_csr(g, &o, None).unwrap();
        assert!(b.exact);
        close(&f.name, "betweenness", &b.scores, &f.vec("betweenness"));
        o.normalized = false;
        let b = betweenness_csr(g, &o, None).unwrap();
        close(
            &f.name,
            "betweenness_raw",
            &b.scores,
            &f.vec("betweenness_raw"),
        );
        o.normalized = true;
        o.weighted = true;
        let b = betweenness_csr(g, &o, None).unwrap();
        close(
            &f.name,
            "betweenness_weighted",
            &b.scores,
            &f.vec("betweenness_weighted"),
        );
        // sampling every node is exact; sampling fewer is deterministic per seed
        o.samples = Some(f.n);
        let b = betweenness_csr(g, &o, None).unwrap();
        close(
            &f.name,
            "betweenness_weighted(k=n)",
            &b.scores,
            &f.vec("betweenness_weighted"),
        );
        o.samples = Some(f.n / 2);
        let (b1, b2) = (
            betweenness_csr(g, &o, None).unwrap(),
            betweenness_csr(g, &o, None).unwrap(),
        );
        assert_eq!(b1, b2);
        assert_eq!(b1.sources.len(), f.n / 2);
    }
}

#[test]
fn brokerage_matches_networkx() {
    for f in fixtures() {
        // one direction per undirected edge is enough (mutual weights are symmetric)
        let (off, dst, w) = f.csr_of(f.edges.clone(), false);
        let plain = OutCsr {
            offsets: &off,
            targets: &dst,
            weights: None,
        };
        let b = brokerage_csr(plain).unwrap();
        close(&f.name, "constraint", &b.constraint, &f.vec("constraint"));
        close(
            &f.name,
            "effective_size",
            &b.effective_size,
            &f.vec("effective_size"),
        );
        let b = brokerage_csr(OutCsr {
            weights: Some(&w),
            ..plain
        })
        .unwrap();
        close(
            &f.name,
            "constraint_weighted",
            &b.constraint,
            &f.vec("constraint_weighted"),
        );
        close(
            &f.name,
            "effective_size_weighted",
            &b.effective_size,
            &f.vec("effective_size_weighted"),
        );
    }
}
/// The same answers through a `CollabGraph` of experts joined by `collaborated` relations.
#[test]
fn collab_graph_path_matches_networkx() {
    for f in fixtures() {
        let mut g = CollabGraph::new();
        let ids: Vec<_> = (0..f.n)
            .map(|i| {
                g.add_node(Node::new(format!("x:{i:04}"), NodeKind::Expert, "x"))
                    .unwrap()
            })
            .collect();
        for &(u, v, w) in &f.edges {
            g.add_edge(
                Edge::new(Relation::Collaborated, ids[u as usize], ids[v as usize]).with_weight(w),
            )
            .unwrap();
        }
        let fr = g.frozen();
        let at = |xs: &[f64]| -> Vec<f64> {
            ids.iter()
                .map(|&id| xs[fr.dense(id).unwrap() as usize])
                .collect()
        };
        let mut opts = GraphRankOptions::default();
        opts.directed = f.directed;
        opts.pagerank = tight();
        let pr = pagerank(&fr, &opts, &[], None).unwrap();
        close(
            &f.name,
            "graph pagerank",
            &at(&pr.scores),
            &f.vec("pagerank_weighted"),
        );
        let mut o = opts.clone();
        o.pagerank.alpha = 0.9;
        let p: Vec<_> = ids
            .iter()
            .zip(f.vec("personalization"))
            .map(|(&id, w)| (id, w))
            .collect();
        let pr = pagerank(&fr, &o, &p, None).unwrap();
        close(
            &f.name,
            "graph pagerank_personalised",
            &at(&pr.scores),
            &f.vec("pagerank_personalised"),
        );
        let mut bo = BetweennessOptions::default();
        bo.normalized = false;
        let b = betweenness(&fr, &opts, &bo, None).unwrap();
        close(
            &f.name,
            "graph betweenness_raw",
            &at(&b.scores),
            &f.vec("betweenness_raw"),
        );
        let br = brokerage(&fr, &opts).unwrap();
        close(
            &f.name,
            "graph constraint_weighted",
            &at(&br.constraint),
            &f.vec("constraint_weighted"),
        );
        close(
            &f.name,
            "graph effective_size_weighted",
            &at(&br.effective_size),
            &f.vec("effective_size_weighted"),
        );
    }
}
