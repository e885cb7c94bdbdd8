use std::collections::BTreeMap;

use super::*;
use crate::graph::{Direction, GraphSummary};
use crate::model::{DemandStatus, NodeKind, OutcomeKind, Relation, SocietyLevel};

fn preset() -> &'static Programme {
    static P: std::sync::OnceLock<Programme> = std::sync::OnceLock::new();
    P.get_or_init(|| taian(42).unwrap())
}

#[test]
fn same_seed_same_programme_other_seed_differs() {
    let a = crate::io::to_json(&preset().graph).unwrap();
    let again = taian(42).unwrap();
    assert_eq!(a, crate::io::to_json(&again.graph).unwrap());
    assert_eq!(preset().truth, again.truth);
    let other = taian(43).unwrap();
    assert_ne!(a, crate::io::to_json(&other.graph).unwrap());
}

#[test]
fn preset_has_the_pilot_city_shape() {
    let g = &preset().graph;
    let s = GraphSummary::of(g);
    assert_eq!(s.academicians, 33);
    assert_eq!(s.kind(NodeKind::Alliance), 91);
    assert_eq!(s.kind(NodeKind::Project), 103);
    assert_eq!(s.kind(NodeKind::Expert), 1000);
    assert!(s.kind(NodeKind::Liaison) >= 2000);
    assert!((300..=1500).contains(&s.kind(NodeKind::Enterprise)));
    let national = g
        .nodes_of(NodeKind::Society)
        .filter(|(_, n)| {
            n.as_society()
                .is_some_and(|x| x.level == SocietyLevel::National)
        })
        .count();
    assert_eq!(national, 68);
    // liaison tiers form a pyramid
    let tiers: Vec<usize> = (0..4).map(|t| s.tier(t)).collect();
    assert!(tiers.windows(2).all(|w| w[0] > w[1]), "{tiers:?}");
    // 150+ solved, each with a solved edge
    let solved = s.status(DemandStatus::Solved);
    assert!(solved >= 150, "{solved}");
    for (id, n) in g.nodes_of(NodeKind::Demand) {
        let d = n.as_demand().unwrap();
        let has_edge = g
            .neighbors(id, Some(Relation::Solved), Direction::In)
            .count()
            == 1;
        assert_eq!(d.status() == DemandStatus::Solved, has_edge, "{}", n.key);
        let posted = g
            .neighbors(id, Some(Relation::Posted), Direction::In)
            .count();
        assert_eq!(posted, 1);
        for e in &d.events {
            assert!((2020..=2022).contains(&e.date.year()), "{}", e.date);
        }
    }
    // about 5 million CNY a year of project money over three years
    assert!(
        (12e6..=18e6).contains(&s.project_funds_cny),
        "{}",
        s.project_funds_cny
    );
    assert!(s.economic_benefit_cny > 0.0);
    assert_eq!(s.max_market_share, Some(0.61));
    let shares = g
        .nodes_of(NodeKind::Outcome)
        .filter(|(_, n)| n.as_outcome().unwrap().kind == OutcomeKind::MarketShare)
        .count();
    assert_eq!(shares, 1);
    // regions nest under the city
    let city = g.resolve("r:taian").unwrap();
    for key in [
        "r:taishan",
        "r:daiyue",
        "r:xintai",
        "r:feicheng",
        "r:ningyang",
        "r:dongping",
        "r:hightech",
        "r:etdz",
    ] {
        let r = g.resolve(key).unwrap();
        assert!(g.region_ancestors(r).contains(&city), "{key}");
    }
    // every leading industry is present among enterprises
    let mut industries = BTreeMap::new();
    for (_, n) in g.nodes_of(NodeKind::Enterprise) {
        for i in &n.as_enterprise().unwrap().industries {
            *industries.entry(i.clone()).or_insert(0) += 1;
            assert!(g.taxonomy().industry(i).is_some(), "{i}");
        }
    }
    for code in [
        "C31", "B06", "C26", "C34", "C35", "C30", "C27", "M745", "A01", "D44", "I65", "C17",
    ] {
        assert!(industries.contains_key(code), "{code}");
    }
}

#[test]
fn every_edge_is_allowed() {
    let g = &preset().graph;
    for (_, e) in g.edges() {
        let s = g.node(e.source).unwrap().kind();
        let t = g.node(e.target).unwrap().kind();
        assert!(e.relation.allows(s, t), "{} {s} {t}", e.relation);
        assert_ne!(e.source, e.target);
    }
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn ground_truth_is_known_experts_with_the_densest_documents() {
    let p = preset();
    let g = &p.graph;
    assert!(p.truth.len() >= 200, "{}", p.truth.len());
    for t in &p.truth {
        let d = g.resolve_kind(&t.demand, NodeKind::Demand).unwrap();
        assert!(!t.experts.is_empty() && t.experts.len() <= 3);
        for x in &t.experts {
            g.resolve_kind(x, NodeKind::Expert).unwrap();
        }
        let text = &g.node(d).unwrap().as_demand().unwrap().text;
        assert!(*text == t.text_zh || *text == t.text_mixed);
        for (zh, en) in t.terms_zh.iter().zip(&t.terms_en) {
            assert!(t.text_zh.contains(zh.as_str()) && t.text_en.contains(en.as_str()));
            assert!(t.text_mixed.contains(en.as_str()));
        }
        assert_ne!(t.text_variant, t.text_zh);
    }
    // Recompute the density of the focus terms from the texts alone: the planted experts are
    // exactly the top experts by number of documents mentioning both terms twice (English
    // canonical forms), ties by id, and nobody else has such a document.
    let experts: Vec<_> = g.nodes_of(NodeKind::Expert).map(|(id, _)| id).collect();
    for t in p.truth.iter().step_by(7) {
        let mut dense: Vec<(usize, u32)> = Vec::new();
        for &x in &experts {
            let n = g
                .neighbors(x, Some(Relation::Authored), Direction::Out)
                .filter(|&doc| {
                    let text = &g.node(doc).unwrap().as_document().unwrap().text;
                    count(text, &t.terms_en[0]) >= 2 && count(text, &t.terms_en[1]) >= 2
                })
                .count();
            if n > 0 {
                dense.push((n, x.get()));
            }
        }
        dense.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let want: Vec<String> = dense
            .iter()
            .take(3)
            .map(|&(_, x)| g.key(crate::model::NodeId::new(x)).to_string())
            .collect();
        assert_eq!(want, t.experts, "demand {}", t.demand);
    }
}

#[test]
fn json_round_trip_of_the_preset_is_lossless() {
    let g = &preset().graph;
    let back = crate::io::from_json(&crate::io::to_json(g).unwrap()).unwrap();
    assert_eq!(&back, g);
}

#[test]
fn sized_generation_hits_the_requested_sizes_with_heavy_tails() {
    let p = generate(&SynthConfig::sized(3, 20_000, 120_000)).unwrap();
    let g = &p.graph;
    assert_eq!((g.node_count(), g.edge_count()), (20_000, 120_000));
    let f = g.frozen();
    let degrees: Vec<usize> = (0..f.node_count() as u32).map(|d| f.degree(d)).collect();
    let mean = 2.0 * 120_000.0 / 20_000.0;
    let max = *degrees.iter().max().unwrap();
    assert!(max as f64 > 20.0 * mean, "max degree {max}");
    for n in [300, 2_000, 5_000] {
        let p = generate(&SynthConfig::sized(n as u64, n, 5 * n)).unwrap();
        assert_eq!((p.graph.node_count(), p.graph.edge_count()), (n, 5 * n));
    }
    let scaled = generate(&SynthConfig {
        scale: 0.2,
        ..SynthConfig::default()
    })
    .unwrap();
    let n = scaled.graph.node_count();
    assert!((1_800..=2_400).contains(&n), "{n}");
}

#[test]
fn bad_knobs_are_coded_errors() {
    let e = generate(&SynthConfig::sized(1, 20_000, 10)).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert!(e.to_string().contains("edges"), "{e}");
    let e = generate(&SynthConfig::sized(1, 10, 100_000)).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    for scale in [0.0, -1.0, f64::NAN, 1e9] {
        let cfg = SynthConfig {
            scale,
            ..SynthConfig::default()
        };
        assert_eq!(generate(&cfg).unwrap_err().code(), "invalid_value");
    }
    let cfg = SynthConfig {
        nodes: Some(MAX_NODES + 1),
        ..SynthConfig::default()
    };
    assert_eq!(generate(&cfg).unwrap_err().code(), "limit_exceeded");
    let mut calls = 0;
    let e = generate_with_progress(&SynthConfig::with_seed(1), |_, _| {
        calls += 1;
        calls < 3
    })
    .unwrap_err();
    assert_eq!(e.code(), "cancelled");
}
