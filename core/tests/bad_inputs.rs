//! Runs the shared bad-input corpus (`tests/bad_inputs/cases.json`, format in
//! `tests/bad_inputs/README.md`): every case must give the expected error code and name the
//! expected field/row/column, and none may panic. Also checks the committed v1 snapshot still
//! loads and that a newer schema version is refused.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use kechuang::assign::{AssignOptions, AssignProblem, assign};
use kechuang::graph::CollabGraph;
use kechuang::impact::ImpactOptions;
use kechuang::io::csv::{CsvOptions, load_files};
use kechuang::matching::{MatchConfig, Matcher, Query};
use kechuang::model::{Date, DemandStatus};
use kechuang::{Error, Result};
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// The outcome of one case: `Ok(n)` (n = result count, when meaningful) or the error.
type Outcome = Result<usize>;

fn small_graph() -> Result<CollabGraph> {
    kechuang::io::from_json(&read("tests/fixtures/snapshots/v1_taian_small.json"))
}

fn graph_of(input: &Value) -> Result<CollabGraph> {
    match input.get("graph") {
        Some(v) => kechuang::io::from_json(&v.to_string()),
        None => small_graph(),
    }
}

fn run_json(input: &Value) -> Outcome {
    let text = match input {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    kechuang::io::from_json(&text).map(|g| g.node_count())
}

fn run_csv(input: &Value) -> Outcome {
    let mut owned: Vec<(String, Vec<u8>)> = Vec::new();
    if let Some(files) = input.get("files").and_then(Value::as_object) {
        for (name, f) in files {
            let bytes = if let Some(t) = f.get("text").and_then(Value::as_str) {
                t.as_bytes().to_vec()
            } else {
                let hex = f.get("hex").and_then(Value::as_str).unwrap_or_default();
                (0..hex.len() / 2)
                    .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap_or(0))
                    .collect()
            };
            owned.push((name.clone(), bytes));
        }
    }
    let opts: CsvOptions = match input.get("options") {
        Some(o) => serde_json::from_value(o.clone())
            .map_err(|e| Error::invalid("options", e.to_string()))?,
        None => CsvOptions::default(),
    };
    let files: Vec<(&str, &[u8])> = owned
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    load_files(&files, &opts).map(|g| g.node_count())
}

fn de<T: serde::de::DeserializeOwned>(v: Option<&Value>, what: &str) -> Result<T> {
    let v = v.cloned().unwrap_or(Value::Null);
    serde_json::from_value(v).map_err(|e| Error::invalid(what, e.to_string()))
}

fn run_api(input: &Value) -> Outcome {
    match input.get("op").and_then(Value::as_str) {
        Some("match") => {
            let g = graph_of(input)?;
            let config: MatchConfig = match input.get("config") {
                Some(c) => de(Some(c), "config")?,
                None => MatchConfig::default(),
            };
            let m = Matcher::new(&g, config)?;
            let q: Query = de(input.get("query"), "query")?;
            m.match_demand(&g, &q).map(|r| r.len())
        }
        Some("assign") => {
            let p: AssignProblem = de(input.get("problem"), "problem")?;
            assign(&p, &AssignOptions::default()).map(|a| a.demands.len())
        }
        Some("transition") => {
            let mut g = graph_of(input)?;
            let demand = input
                .get("demand")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let to: DemandStatus = de(input.get("to"), "to")?;
            let date: Date = input
                .get("date")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .parse()?;
            let actor = input.get("actor").and_then(Value::as_str);
            kechuang::programme::lifecycle::transition(&mut g, demand, to, date, actor, None)
                .map(|_| 1)
        }
        Some("impact") => {
            let g = graph_of(input)?;
            let o: ImpactOptions = de(input.get("options"), "options")?;
            kechuang::impact::impact_index(&g, &o).map(|r| r.rows.len())
        }
        other => panic!("unknown op {other:?}"),
    }
}

/// Checks one case; returns a description of the mismatch.
fn check(case: &Value) -> std::result::Result<(), String> {
    let surface = case["surface"].as_str().unwrap_or_default();
    let input = &case["input"];
    let outcome = match surface {
        "json" => run_json(input),
        "csv" => run_csv(input),
        "api" => run_api(input),
        s => return Err(format!("unknown surface {s:?}")),
    };
    let expect = &case["expect"];
    let code = expect["code"].as_str().unwrap_or_default();
    match outcome {
        Ok(n) => {
            if code != "ok" {
                return Err(format!("expected {code}, got Ok({n})"));
            }
            if let Some(want) = expect.get("count").and_then(Value::as_u64) {
                if n as u64 != want {
                    return Err(format!("expected {want} results, got {n}"));
                }
            }
            if let Some(max) = expect.get("max_count").and_then(Value::as_u64) {
                if n as u64 > max {
                    return Err(format!("expected at most {max} results, got {n}"));
                }
            }
            Ok(())
        }
        Err(e) => {
            if e.code() != code {
                return Err(format!("expected {code}, got {} ({e})", e.code()));
            }
            let loc = e.location().cloned().unwrap_or_default();
            if let Some(row) = expect.get("row").and_then(Value::as_u64) {
                if loc.row != Some(row) {
                    return Err(format!("expected row {row}, got {:?} ({e})", loc.row));
                }
            }
            if let Some(col) = expect.get("column").and_then(Value::as_str) {
                if loc.column.as_deref() != Some(col) {
                    return Err(format!("expected column {col}, got {:?} ({e})", loc.column));
                }
            }
            if let Some(file) = expect.get("file").and_then(Value::as_str) {
                if loc.file.as_deref() != Some(file) {
                    return Err(format!("expected file {file}, got {:?} ({e})", loc.file));
                }
            }
            if let Some(field) = expect.get("field").and_then(Value::as_str) {
                let got = e.field();
                if got != Some(field) {
                    return Err(format!("expected field {field}, got {got:?} ({e})"));
                }
            }
            if let Some(needle) = expect.get("message_contains").and_then(Value::as_str) {
                if !e.to_string().contains(needle) {
                    return Err(format!("message lacks {needle:?}: {e}"));
                }
            }
            Ok(())
        }
    }
}

/// All cases: `cases.json` plus its `include`d files (cases there use `name`, `files`,
/// `options`, `expect`, as in `tests/fixtures/csv/bad_cases.json`).
fn all_cases() -> Vec<Value> {
    let doc: Value =
        serde_json::from_str(&read("tests/bad_inputs/cases.json")).expect("cases.json parses");
    let mut cases: Vec<Value> = doc["cases"].as_array().cloned().unwrap_or_default();
    for inc in doc["include"].as_array().cloned().unwrap_or_default() {
        let path = inc["path"].as_str().unwrap_or_default();
        let surface = inc["surface"].as_str().unwrap_or_default();
        let other: Value = serde_json::from_str(&read(path)).expect("included file parses");
        for c in other["cases"].as_array().cloned().unwrap_or_default() {
            let mut input = serde_json::Map::new();
            input.insert("files".into(), c["files"].clone());
            if let Some(o) = c.get("options") {
                input.insert("options".into(), o.clone());
            }
            cases.push(serde_json::json!({
                "id": format!("{surface}/{}", c["name"].as_str().unwrap_or_default()),
                "surface": surface,
                "input": Value::Object(input),
                "expect": c["expect"],
            }));
        }
    }
    cases
}

#[test]
fn corpus_gives_expected_codes_and_never_panics() {
    let cases = all_cases();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let mut ids = BTreeMap::new();
    let mut failures = Vec::new();
    for case in &cases {
        let id = case["id"].as_str().unwrap_or("?").to_string();
        if ids.insert(id.clone(), ()).is_some() {
            failures.push(format!("{id}: duplicate case id"));
        }
        match catch_unwind(AssertUnwindSafe(|| check(case))) {
            Ok(Ok(())) => {}
            Ok(Err(msg)) => failures.push(format!("{id}: {msg}")),
            Err(_) => failures.push(format!("{id}: PANICKED")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The committed version-1 snapshot (written by kechuang 0.1 before `meta` existed; it is
/// frozen: nothing regenerates it) loads into the current version losslessly: saved again, it
/// is the same document apart from `schema_version`, and it reloads to an equal graph.
#[test]
fn v1_fixture_migrates_to_the_current_version() {
    let text = read("tests/fixtures/snapshots/v1_taian_small.json");
    let old: Value = serde_json::from_str(&text).expect("parses");
    assert_eq!(
        old["schema_version"], 1,
        "the fixture is a version-1 snapshot"
    );
    let g = small_graph().expect("the committed v1 snapshot loads");
    assert!(g.node_count() > 50);
    assert!(g.meta().is_empty(), "version 1 has no header");
    let saved = kechuang::io::to_json(&g).expect("writes");
    let mut new: Value = serde_json::from_str(&saved).expect("parses");
    assert_eq!(new["schema_version"], kechuang::io::SCHEMA_VERSION);
    new["schema_version"] = Value::from(1);
    assert!(new == old, "migrating changed the content");
    let again = kechuang::io::from_json(&saved).expect("reloads");
    assert!(again == g);
}

#[test]
fn newer_schema_version_is_refused_with_upgrade_hint() {
    let mut v: Value = serde_json::from_str(&read("tests/fixtures/snapshots/v1_taian_small.json"))
        .expect("parses");
    v["schema_version"] = Value::from(kechuang::io::SCHEMA_VERSION + 1);
    let e = kechuang::io::from_json(&v.to_string()).expect_err("a newer version is refused");
    assert_eq!(e.code(), "unsupported_version");
    assert!(
        e.to_string().to_lowercase().contains("upgrade"),
        "message: {e}"
    );
}
