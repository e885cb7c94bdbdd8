//! The shared bad-input corpus (`tests/bad_inputs/cases.json` and its includes; format in
//! `tests/bad_inputs/README.md`) through the JS API under Node: every case must give the code
//! Rust gives (`core/tests/bad_inputs.rs`) and, where the case names them, the same field,
//! file, row and column — and none may trap (a Rust panic in WASM aborts the whole run, so
//! finishing is the check).
//!
//! **Skip rule.** A case is skipped only when its `op` has no JS method: such ops are listed in
//! [`RUST_ONLY_OPS`] with the reason; every skipped case is printed with that reason and
//! counted in the summary line. Today every op of the corpus has a JS equivalent (`json` →
//! `Programme.fromJson`, `csv` → `Programme.fromCsvFiles`, `api` `match` → `setMatchConfig` +
//! `match`, `assign` → `assign`, `transition` → `Programme.transition`, `impact` →
//! `Programme.impactIndex`), so none is skipped;
//! an op added to the corpus without a JS method fails this test until it is bound or listed.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array};
use kechuang_wasm::{Programme, assign_problem};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

mod common;
use common::*;

const CASES: &str = include_str!("../../tests/bad_inputs/cases.json");
const CSV_CASES: &str = include_str!("../../tests/fixtures/csv/bad_cases.json");
const SMALL: &str = include_str!("../../tests/fixtures/snapshots/v1_taian_small.json");

/// Corpus `api` ops with no JS equivalent, with the reason (none today).
const RUST_ONLY_OPS: &[(&str, &str)] = &[];

/// What a case gave: `Ok(count)` or the thrown error.
type Outcome = Result<usize, JsValue>;

/// A JS value from a JSON value (strings stay strings).
fn js(v: &Value) -> JsValue {
    obj(&v.to_string())
}

fn graph_of(input: &Value) -> Result<Programme, JsValue> {
    match input.get("graph") {
        Some(g) => Programme::from_json(js(g), None),
        None => Programme::from_json(JsValue::from_str(SMALL), None),
    }
}

fn run_json(input: &Value) -> Outcome {
    let arg = match input {
        Value::String(s) => JsValue::from_str(s),
        v => js(v),
    };
    Programme::from_json(arg, None).map(|p| p.node_count() as usize)
}

fn hex(h: &str) -> Vec<u8> {
    (0..h.len() / 2)
        .map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap_or(0))
        .collect()
}

fn run_csv(input: &Value) -> Outcome {
    let files = Object::new();
    for (name, f) in input["files"].as_object().expect("files") {
        let v: JsValue = match f.get("text").and_then(Value::as_str) {
            Some(t) => JsValue::from_str(t),
            None => Uint8Array::from(&hex(f["hex"].as_str().unwrap_or_default())[..]).into(),
        };
        Reflect::set(&files, &JsValue::from_str(name), &v).expect("set");
    }
    let opts = input.get("options").map(js);
    Programme::from_csv_files(files.into(), opts, None).map(|p| p.node_count() as usize)
}

fn len(v: &JsValue, field: &str) -> usize {
    get(v, field)
        .dyn_into::<Array>()
        .map_or(0, |a| a.length() as usize)
}

/// Runs an `api` case; `None` when its op has no JS equivalent.
fn run_api(input: &Value) -> Option<Outcome> {
    let op = input["op"].as_str().unwrap_or_default();
    Some(match op {
        "match" => (|| {
            let mut p = graph_of(input)?;
            if let Some(c) = input.get("config") {
                p.set_match_config(js(c))?;
            }
            let q = input.get("query").map_or(JsValue::NULL, js);
            p.match_query(q).map(|m| len(&m, "results"))
        })(),
        "assign" => {
            let problem = input.get("problem").map_or(JsValue::NULL, js);
            assign_problem(problem, None, None).map(|a| len(&a, "demands"))
        }
        "transition" => (|| {
            let mut p = graph_of(input)?;
            let str_of = |k: &str| input.get(k).and_then(Value::as_str).unwrap_or_default();
            let to = input.get("to").map_or(JsValue::NULL, js);
            let actor = input.get("actor").and_then(Value::as_str).map(String::from);
            p.transition(str_of("demand"), to, str_of("date"), actor, None)
                .map(|_| 1)
        })(),
        "impact" => (|| {
            let mut p = graph_of(input)?;
            let o = input.get("options").map(js);
            p.impact_index(o).map(|i| len(&i, "rows"))
        })(),
        _ => return None,
    })
}

use wasm_bindgen::JsCast;

/// Compares an outcome with the case's `expect`; returns the mismatch.
fn check(outcome: Outcome, expect: &Value) -> Result<(), String> {
    let want = expect["code"].as_str().unwrap_or_default();
    let e = match outcome {
        Ok(n) => {
            if want != "ok" {
                return Err(format!("expected {want}, got ok ({n})"));
            }
            if let Some(c) = expect.get("count").and_then(Value::as_u64)
                && n as u64 != c
            {
                return Err(format!("expected {c} results, got {n}"));
            }
            if let Some(m) = expect.get("max_count").and_then(Value::as_u64)
                && n as u64 > m
            {
                return Err(format!("expected at most {m} results, got {n}"));
            }
            return Ok(());
        }
        Err(e) => e,
    };
    if !e.is_instance_of::<js_sys::Error>() {
        return Err(format!("threw a non-Error: {e:?}"));
    }
    let msg = get(&e, "message").as_string().unwrap_or_default();
    let got = get(&e, "code").as_string().unwrap_or_default();
    if got != want {
        return Err(format!("expected {want}, got {got} ({msg})"));
    }
    let loc = get(&e, "location");
    let at = |k: &str| {
        if loc.is_undefined() {
            JsValue::UNDEFINED
        } else {
            get(&loc, k)
        }
    };
    if let Some(row) = expect.get("row").and_then(Value::as_u64)
        && at("row").as_f64() != Some(row as f64)
    {
        return Err(format!("expected row {row}, got {:?} ({msg})", at("row")));
    }
    for k in ["column", "file"] {
        if let Some(w) = expect.get(k).and_then(Value::as_str)
            && at(k).as_string().as_deref() != Some(w)
        {
            return Err(format!("expected {k} {w}, got {:?} ({msg})", at(k)));
        }
    }
    if let Some(w) = expect.get("field").and_then(Value::as_str) {
        // as in Rust: the invalid field (or what is over a limit), else the location column
        let f = get(&e, "field")
            .as_string()
            .or_else(|| at("column").as_string());
        if f.as_deref() != Some(w) {
            return Err(format!("expected field {w}, got {f:?} ({msg})"));
        }
    }
    if let Some(needle) = expect.get("message_contains").and_then(Value::as_str)
        && !msg.contains(needle)
    {
        return Err(format!("message lacks {needle:?}: {msg}"));
    }
    Ok(())
}

/// Every case: `cases.json` plus the included CSV cases, as `(id, surface, input, expect)`.
fn all_cases() -> Vec<(String, String, Value, Value)> {
    let doc: Value = serde_json::from_str(CASES).expect("cases.json parses");
    let mut out: Vec<(String, String, Value, Value)> = doc["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap_or("?").to_string(),
                c["surface"].as_str().unwrap_or_default().to_string(),
                c["input"].clone(),
                c["expect"].clone(),
            )
        })
        .collect();
    for inc in doc["include"].as_array().cloned().unwrap_or_default() {
        let path = inc["path"].as_str().unwrap_or_default();
        // include_str! needs literal paths: only the CSV file is included today
        assert_eq!(
            path, "tests/fixtures/csv/bad_cases.json",
            "a new include in cases.json: add it to this runner"
        );
        let surface = inc["surface"].as_str().unwrap_or_default();
        let other: Value = serde_json::from_str(CSV_CASES).expect("CSV cases parse");
        for c in other["cases"].as_array().cloned().unwrap_or_default() {
            let mut input = serde_json::Map::new();
            input.insert("files".into(), c["files"].clone());
            if let Some(o) = c.get("options") {
                input.insert("options".into(), o.clone());
            }
            out.push((
                format!("{surface}/{}", c["name"].as_str().unwrap_or_default()),
                surface.to_string(),
                Value::Object(input),
                c["expect"].clone(),
            ));
        }
    }
    out
}

#[wasm_bindgen_test]
fn corpus_gives_the_rust_codes_and_locations_without_a_trap() {
    let cases = all_cases();
    assert!(cases.len() >= 140, "only {} cases", cases.len());
    let (mut passed, mut skipped, mut failures) = (0usize, Vec::new(), Vec::new());
    for (id, surface, input, expect) in &cases {
        let outcome = match surface.as_str() {
            "json" => Some(run_json(input)),
            "csv" => Some(run_csv(input)),
            "api" => run_api(input),
            s => panic!("{id}: unknown surface {s:?}"),
        };
        let Some(outcome) = outcome else {
            let op = input["op"].as_str().unwrap_or_default();
            match RUST_ONLY_OPS.iter().find(|(o, _)| *o == op) {
                Some((_, why)) => skipped.push(format!("{id} (op {op}: {why})")),
                None => failures.push(format!(
                    "{id}: op {op:?} has no JS runner; bind it or list it in RUST_ONLY_OPS"
                )),
            }
            continue;
        };
        match check(outcome, expect) {
            Ok(()) => passed += 1,
            Err(m) => failures.push(format!("{id}: {m}")),
        }
    }
    for s in &skipped {
        console_log!("skipped (Rust-only): {s}");
    }
    console_log!(
        "bad-input corpus in WASM: {} cases, {passed} passed, {} skipped (Rust-only), {} failed",
        cases.len(),
        skipped.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert_eq!(passed + skipped.len(), cases.len());
}

#[wasm_bindgen_test]
fn integer_parameters_are_checked_not_wrapped() {
    let mut p = small_synth();
    let edges = p.edge_count();
    let bad = [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from_f64(-1.0),
        JsValue::from_f64(1.5),
        JsValue::from_f64(4294967296.0 + 3.0),
        JsValue::from_f64(f64::NAN),
        JsValue::from_str("3"),
    ];
    for v in &bad {
        let e = p.remove_edge(v.clone()).expect_err("refused");
        assert_eq!(get(&e, "field").as_string().as_deref(), Some("id"), "{v:?}");
        assert_eq!(code(e), "invalid_value", "{v:?}");
        assert_eq!(err_code(p.edge(v.clone())), "invalid_value", "{v:?}");
        assert_eq!(err_code(p.key(v.clone())), "invalid_value", "{v:?}");
        assert_eq!(
            err_code(p.update_edge(v.clone(), obj("{}"))),
            "invalid_value",
            "{v:?}"
        );
    }
    assert_eq!(p.edge_count(), edges, "no relation was removed");
    assert!(
        p.edge(JsValue::from_f64(4294967295.0))
            .unwrap()
            .is_undefined()
    );
    let demand = p.keys(Some("demand".into())).unwrap()[0].clone();
    for v in [
        JsValue::from_f64(-1.0),
        JsValue::from_f64(0.0),
        JsValue::from_f64(4294967296.0),
        JsValue::from_f64(2.5),
        JsValue::from_str("5"),
    ] {
        let e = p
            .affinity_table(vec![demand.clone()], Some(v.clone()))
            .expect_err("k refused");
        assert_eq!(get(&e, "field").as_string().as_deref(), Some("k"), "{v:?}");
        assert_eq!(code(e), "invalid_value");
        assert_eq!(
            err_code(p.assign_json(vec![demand.clone()], Some(v.clone()), None)),
            "invalid_value"
        );
        assert_eq!(
            err_code(p.demands_for("x:nobody", Some(v.clone()))),
            "invalid_value"
        );
    }
    for v in [
        JsValue::from_f64(-1.0),
        JsValue::from_f64(4294967296.0),
        JsValue::from_f64(0.5),
    ] {
        let e = p.leaderboard(Some(v.clone()), None).expect_err("n refused");
        assert_eq!(get(&e, "field").as_string().as_deref(), Some("n"), "{v:?}");
        assert_eq!(code(e), "invalid_value");
        assert_eq!(err_code(p.leaderboard_json(Some(v), None)), "invalid_value");
    }
    // undefined and null are the defaults of optional parameters
    assert!(p.leaderboard(Some(JsValue::UNDEFINED), None).is_ok());
    assert!(p.affinity_table(vec![demand], Some(JsValue::NULL)).is_ok());
}
