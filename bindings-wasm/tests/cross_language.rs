//! The cross-language fixture (`tests/fixtures/cross_language/`, format in CONTRACTS.md) under
//! Node: every case through its JSON twin must give exactly the bytes of
//! `expected/<name>.json` (written by the Rust core, compared by Python too), and through the
//! ordinary method the same value (`JSON.stringify(p.x(...))` equals
//! `JSON.stringify(JSON.parse(expected))`).
#![cfg(target_arch = "wasm32")]

use kechuang_wasm::Programme;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

mod common;
use common::*;

#[wasm_bindgen(module = "fs")]
extern "C" {
    /// Node's `fs.readFileSync(path, "utf8")`.
    #[wasm_bindgen(js_name = readFileSync, catch)]
    fn read_file_sync(path: &str, encoding: &str) -> Result<String, JsValue>;
}

/// A file of the fixtures directory, read at run time (so a new case needs no code change).
fn fixture(rel: &str) -> String {
    let path = format!("{}/../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    read_file_sync(&path, "utf8").unwrap_or_else(|e| panic!("read {path}: {e:?}"))
}

/// The case's arguments as a JS value.
fn js(v: &Value) -> JsValue {
    obj(&v.to_string())
}

/// `(twin bytes, ordinary value)` of one case.
fn run(p: &mut Programme, op: &str, args: &Value) -> Result<(String, JsValue), JsValue> {
    let opt = |k: &str| args.get(k).map(js);
    let strings = |k: &str| -> Vec<String> {
        args[k]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let k = || args.get("k").and_then(Value::as_f64).map(JsValue::from_f64);
    Ok(match op {
        "match" => (p.match_json(js(args))?, p.match_query(js(args))?),
        "affinity_table" => (
            p.affinity_table_json(strings("demands"), k())?,
            p.affinity_table(strings("demands"), k())?,
        ),
        "assign" => (
            p.assign_json(strings("demands"), k(), opt("rules"))?,
            p.assign_demands(strings("demands"), k(), opt("rules"))?,
        ),
        "pagerank" => (
            p.pagerank_json(Some(js(args)), None)?,
            p.pagerank(Some(js(args)), None)?,
        ),
        "leaderboard" => {
            let n = || args.get("n").and_then(Value::as_f64).map(JsValue::from_f64);
            (p.leaderboard_json(n(), None)?, p.leaderboard(n(), None)?)
        }
        "report" => (p.report_json(Some(js(args)))?, p.report(Some(js(args)))?),
        other => panic!("unknown op {other:?}: add it to this runner"),
    })
}

#[wasm_bindgen_test]
fn every_case_gives_the_expected_bytes_and_values() {
    let cases: Value = serde_json::from_str(&fixture("cross_language/cases.json")).unwrap();
    let snapshot = cases["snapshot"].as_str().expect("snapshot name");
    let mut p = Programme::from_json(
        JsValue::from_str(&fixture(&format!("snapshots/{snapshot}"))),
        None,
    )
    .expect("the fixture snapshot loads");
    let list = cases["cases"].as_array().expect("cases");
    assert!(list.len() >= 8, "the fixture covers every op");
    let mut failures = Vec::new();
    for case in list {
        let name = case["name"].as_str().expect("name");
        let op = case["op"].as_str().expect("op");
        let expected = fixture(&format!("cross_language/expected/{name}.json"));
        match run(&mut p, op, &case["args"]) {
            Ok((bytes, value)) => {
                if bytes != expected {
                    let at = bytes
                        .bytes()
                        .zip(expected.bytes())
                        .position(|(a, b)| a != b)
                        .unwrap_or(bytes.len().min(expected.len()));
                    failures.push(format!(
                        "{name}: twin bytes differ at byte {at} ({} vs {} bytes)",
                        bytes.len(),
                        expected.len()
                    ));
                }
                if stringify(&value) != js_canonical(&expected) {
                    failures.push(format!(
                        "{name}: the object differs from the expected value"
                    ));
                }
            }
            Err(e) => failures.push(format!("{name}: threw {e:?}")),
        }
    }
    console_log!(
        "cross-language fixture in WASM: {} cases, {} failed",
        list.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
