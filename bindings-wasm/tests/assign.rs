//! Assignment through the JS API under Node: the same answers as the Rust doc example, the
//! infeasibility diagnosis, progress callbacks that cancel or throw, problems from the graph.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function};
use kechuang_wasm::{Programme, assign_problem, diagnose_problem};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

mod common;
use common::*;

const PROBLEM: &str = r#"{
  "demands": [{"key": "d1", "need": 1}, {"key": "d2", "need": 1}],
  "experts": [{"key": "alice", "max_load": 1}, {"key": "bob", "max_load": 1}, {"key": "carol", "max_load": 1}],
  "affinities": [
    {"demand": "d1", "expert": "alice", "score": 0.9},
    {"demand": "d1", "expert": "bob", "score": 0.8},
    {"demand": "d2", "expert": "alice", "score": 0.85},
    {"demand": "d2", "expert": "carol", "score": 0.3}
  ],
  "conflicts": [{"demand": "d2", "expert": "carol", "reason": "test"}]
}"#;

/// The expert given to a demand.
fn expert_of(a: &JsValue, demand: &str) -> String {
    let d = arr(get(a, "demands"))
        .iter()
        .find(|d| get(d, "demand").as_string().as_deref() == Some(demand))
        .expect("demand in result");
    get(&arr(get(&d, "experts")).get(0), "expert")
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn the_optimum_matches_the_rust_example() {
    let a = assign_problem(obj(PROBLEM), None, None).unwrap();
    assert_eq!(expert_of(&a, "d1"), "bob");
    assert_eq!(expert_of(&a, "d2"), "alice");
    let total = get(&get(&a, "objective"), "total").as_f64().unwrap();
    assert!((total - 1.65).abs() < 1e-9, "{total}");
    let fair = assign_problem(obj(PROBLEM), Some(obj(r#"{"solver": "fair"}"#)), None).unwrap();
    let worst = |a: &JsValue| get(&get(a, "objective"), "worst").as_f64().unwrap();
    assert!(worst(&fair) >= worst(&a));
    assert!(diagnose_problem(obj(PROBLEM)).unwrap().is_null());
}

#[wasm_bindgen_test]
fn an_infeasible_problem_is_an_error_with_a_diagnosis() {
    let mut p: serde_json::Value = serde_json::from_str(PROBLEM).unwrap();
    p["forced"] = serde_json::json!([{"demand": "d1", "expert": "alice"}]);
    let p = obj(&p.to_string());
    let err = assign_problem(p.clone(), None, None).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("infeasible"));
    let d = diagnose_problem(p).unwrap();
    assert!(!d.is_null());
    let short = arr(get(&d, "short_demands"));
    let bottleneck = get(&d, "bottleneck");
    assert!(
        short.length() > 0 || !bottleneck.is_null(),
        "a reason is given"
    );
    let bad = assign_problem(obj(r#"{"demands": [{"key": "d", "need": 1}], "experts": [{"key": "x", "max_load": 1}], "affinities": [{"demand": "d", "expert": "x", "score": -1}]}"#), None, None)
        .unwrap_err();
    assert_eq!(
        get(&bad, "code").as_string().as_deref(),
        Some("invalid_value")
    );
}

#[wasm_bindgen_test]
fn the_progress_callback_can_cancel_or_throw() {
    let calls = Array::new();
    let count = Function::new_with_args(
        "p",
        "globalThis.__kc_calls = (globalThis.__kc_calls || 0) + 1;",
    );
    let a = assign_problem(obj(PROBLEM), None, Some(count)).unwrap();
    assert_eq!(expert_of(&a, "d1"), "bob");
    drop(calls);
    let stop = Function::new_with_args("p", "return false;");
    let err = assign_problem(obj(PROBLEM), None, Some(stop)).unwrap_err();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("cancelled"));
    let throw = Function::new_with_args("p", "throw new RangeError('user stopped at ' + p.stage);");
    let err = assign_problem(obj(PROBLEM), None, Some(throw)).unwrap_err();
    assert!(
        err.is_instance_of::<js_sys::RangeError>(),
        "the callback's own exception comes back"
    );
    assert!(
        get(&err, "message")
            .as_string()
            .unwrap()
            .starts_with("user stopped at")
    );
}

#[wasm_bindgen_test]
fn problems_from_the_graph_respect_capacities_and_conflicts() {
    let p = Programme::generate(Some(obj(r#"{"seed": 3, "scale": 0.1}"#)), None).unwrap();
    let demands: Vec<String> = arr(p.nodes(Some("demand".into())).unwrap())
        .iter()
        .take(4)
        .map(|d| get(&d, "key").as_string().unwrap())
        .collect();
    let experts: Vec<String> = arr(p.nodes(Some("expert".into())).unwrap())
        .iter()
        .take(6)
        .map(|x| get(&x, "key").as_string().unwrap())
        .collect();
    let mut affs = Vec::new();
    for (i, d) in demands.iter().enumerate() {
        for (j, x) in experts.iter().enumerate() {
            affs.push(serde_json::json!({"demand": d, "expert": x, "score": ((i * 7 + j * 3) % 10) as f64 / 10.0 + 0.05}));
        }
    }
    let affs = obj(&serde_json::Value::from(affs).to_string());
    let problem = p.assignment_problem(affs.clone(), None).unwrap();
    assert_eq!(arr(get(&problem, "demands")).length(), 4);
    assert_eq!(arr(get(&problem, "experts")).length(), 6);
    let a = p
        .assign(
            affs,
            Some(obj(r#"{"need": 1, "default_max_load": 1}"#)),
            None,
            None,
        )
        .unwrap();
    for l in arr(get(&a, "loads")).iter() {
        assert!(get(&l, "load").as_f64().unwrap() <= get(&l, "max_load").as_f64().unwrap());
    }
    let given: usize = arr(get(&a, "demands"))
        .iter()
        .map(|d| arr(get(&d, "experts")).length() as usize)
        .sum();
    assert_eq!(given, 4, "every demand gets its one expert");
    let err = p
        .assignment_problem(
            obj(r#"[{"demand": "nobody", "expert": "x", "score": 0.5}]"#),
            None,
        )
        .unwrap_err();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("unknown_key")
    );
}
