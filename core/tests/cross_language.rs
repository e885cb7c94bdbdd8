//! The cross-language fixture (`tests/fixtures/cross_language/`): every case's result, as the
//! core serialises it, must equal the committed bytes in `expected/<name>.json`. The Python and
//! WASM suites compare their own output with the same files, so all three languages give
//! byte-identical JSON.
//!
//! `KECHUANG_BLESS=1 cargo test -p kechuang --test cross_language` regenerates the snapshot
//! (from `synth::generate`) and the expected files; review the diff before committing.

use std::path::{Path, PathBuf};

use kechuang::assign::{AssignOptions, AssignProblem, ConflictRules, assign};
use kechuang::graph::CollabGraph;
use kechuang::impact::{GraphRankOptions, ImpactOptions, leaderboard, pagerank};
use kechuang::matching::{MatchConfig, Matcher, Query};
use kechuang::programme::{ReportOptions, programme_report};
use kechuang::synth::{SynthConfig, generate};
use kechuang::{Error, Result};
use serde::Deserialize;
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn blessing() -> bool {
    std::env::var_os("KECHUANG_BLESS").is_some()
}

#[derive(Deserialize)]
struct Fixture {
    snapshot: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    op: String,
    args: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableArgs {
    demands: Vec<String>,
    k: usize,
    #[serde(default)]
    rules: ConflictRules,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BoardArgs {
    n: usize,
    #[serde(default)]
    options: ImpactOptions,
}

fn args<T: serde::de::DeserializeOwned>(v: &Value) -> Result<T> {
    serde_json::from_value(v.clone()).map_err(|e| Error::invalid("args", e.to_string()))
}

/// Runs one case the way every binding runs it, returning the core's JSON.
fn run(g: &CollabGraph, m: &Matcher, case: &Case) -> Result<String> {
    Ok(match case.op.as_str() {
        "match" => json(&m.match_demand(g, &args::<Query>(&case.args)?)?),
        "affinity_table" => {
            let a: TableArgs = args(&case.args)?;
            json(&m.affinity_table(g, &a.demands, a.k)?)
        }
        "assign" => {
            let a: TableArgs = args(&case.args)?;
            let aff = m.affinity_table(g, &a.demands, a.k)?.to_affinities();
            let p = AssignProblem::from_graph(g, aff, &a.rules)?;
            json(&assign(&p, &AssignOptions::default())?)
        }
        "pagerank" => {
            let o: GraphRankOptions = args(&case.args)?;
            let f = g.frozen();
            json(&pagerank(&f, &o, &[], None)?.keyed(g, &f)?)
        }
        "leaderboard" => {
            let a: BoardArgs = args(&case.args)?;
            json(&leaderboard(g, &a.options, a.n)?)
        }
        "report" => json(&programme_report(g, &args::<ReportOptions>(&case.args)?)?),
        other => panic!("case {}: unknown op {other:?}", case.name),
    })
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("results serialise")
}

#[test]
fn every_case_gives_the_committed_bytes() {
    let cross = dir().join("cross_language");
    let fixture: Fixture =
        serde_json::from_str(&std::fs::read_to_string(cross.join("cases.json")).unwrap()).unwrap();
    let snapshot = dir().join("snapshots").join(&fixture.snapshot);
    if blessing() {
        let mut cfg = SynthConfig::with_seed(11);
        cfg.scale = 0.05;
        let p = generate(&cfg).unwrap();
        std::fs::write(&snapshot, kechuang::io::to_json_pretty(&p.graph).unwrap()).unwrap();
    }
    let g = kechuang::io::from_json(&std::fs::read_to_string(&snapshot).unwrap()).unwrap();
    let m = Matcher::new(&g, MatchConfig::default()).unwrap();
    let mut names = std::collections::BTreeSet::new();
    for case in &fixture.cases {
        assert!(
            names.insert(&case.name),
            "duplicate case name {}",
            case.name
        );
        let got = run(&g, &m, case).unwrap_or_else(|e| panic!("case {}: {e}", case.name));
        let path = cross.join("expected").join(format!("{}.json", case.name));
        if blessing() {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with KECHUANG_BLESS=1)", path.display()));
        assert!(
            got == want,
            "case {}: the core's JSON differs from {}",
            case.name,
            path.display()
        );
    }
    assert!(fixture.cases.len() >= 8, "the fixture covers every op");
}
