//! A fixed small synthetic programme and its matcher are built once; each input becomes a
//! `Query` (text, k, target, filters). `match_demand` returns Ok or a coded error, at most k
//! results, each with a finite score in [0, 1].
#![no_main]
use std::sync::OnceLock;

use kechuang::graph::CollabGraph;
use kechuang::matching::{Filter, MatchConfig, Matcher, Query, Target};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    text: Option<String>,
    demand: Option<u8>,
    k: u16,
    target: u8,
    region: Option<String>,
    min_score: f64,
    academicians_only: bool,
    exclude: Vec<String>,
    industries: Vec<String>,
    team_size: u8,
    teams: u8,
}

fn fixture() -> &'static (CollabGraph, Matcher, Vec<String>) {
    static F: OnceLock<(CollabGraph, Matcher, Vec<String>)> = OnceLock::new();
    F.get_or_init(|| {
        let cfg = kechuang::synth::SynthConfig::sized(7, 300, 900);
        let g = kechuang::synth::generate(&cfg).expect("synthetic programme").graph;
        let m = Matcher::new(&g, MatchConfig::default()).expect("matcher");
        let demands = g
            .nodes_of(kechuang::model::NodeKind::Demand)
            .map(|(_, n)| n.key.clone())
            .collect();
        (g, m, demands)
    })
}

fuzz_target!(|input: Input| {
    let (g, m, demands) = fixture();
    let mut q = Query::default();
    q.text = input.text;
    q.demand = input
        .demand
        .and_then(|i| demands.get(usize::from(i) % demands.len().max(1)).cloned());
    q.k = usize::from(input.k);
    q.target = match input.target % 4 {
        0 => Target::Experts,
        1 => Target::Societies,
        2 => Target::Offers,
        _ => Target::Teams,
    };
    let mut f = Filter::default();
    f.region = input.region;
    f.min_score = input.min_score;
    f.academicians_only = input.academicians_only;
    f.exclude = input.exclude;
    q.filter = f;
    q.industries = input.industries;
    q.team_size = usize::from(input.team_size);
    q.teams = usize::from(input.teams);
    match m.match_demand(g, &q) {
        Ok(res) => {
            assert!(res.results.len() <= q.k, "more results than k");
            for r in &res.results {
                assert!(r.score.is_finite() && (0.0..=1.0).contains(&r.score), "score {}", r.score);
            }
        }
        Err(e) => assert!(!e.code().is_empty()),
    }
});
