//! Helpers shared by the Node tests (`mod common;` in each test file): JS values from JSON
//! text, field access, and the checks every thrown error must pass.
#![allow(dead_code)] // each test file uses a different subset

use js_sys::{Array, JSON, Reflect};
use kechuang_wasm::Programme;
use wasm_bindgen::{JsCast, JsValue};

/// A JS value parsed from JSON text.
pub fn obj(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

/// `v[field]`.
pub fn get(v: &JsValue, field: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(field)).expect("object")
}

/// The value as an array.
pub fn arr(v: JsValue) -> Array {
    v.dyn_into().expect("array")
}

/// An array of strings.
pub fn strings(v: JsValue) -> Vec<String> {
    arr(v)
        .iter()
        .map(|s| s.as_string().expect("string"))
        .collect()
}

/// `JSON.stringify(v)`.
pub fn stringify(v: &JsValue) -> String {
    JSON::stringify(v).expect("stringify").into()
}

/// The code of a thrown error, after checking it is a real `Error` named `KechuangError` with
/// a message.
pub fn code(err: JsValue) -> String {
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "not an Error: {err:?}"
    );
    assert_eq!(
        get(&err, "name").as_string().as_deref(),
        Some("KechuangError")
    );
    let msg = get(&err, "message").as_string().unwrap_or_default();
    assert!(!msg.is_empty(), "an error needs a message");
    get(&err, "code").as_string().expect("code is a string")
}

/// A small synthetic programme (a tenth of Tai'an, seed 7) with ground truth.
pub fn small_synth() -> Programme {
    Programme::generate(Some(obj(r#"{"seed": 7, "scale": 0.1}"#)), None).expect("generates")
}

/// The core graph of [`small_synth`], generated directly (to compare with the core's answers).
pub fn small_core() -> kechuang::graph::CollabGraph {
    let mut c = kechuang::synth::SynthConfig::with_seed(7);
    c.scale = 0.1;
    kechuang::synth::generate(&c).expect("generates").graph
}

/// The core's JSON text of a value, as the twins return it.
pub fn core_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialises")
}

/// `JSON.stringify(JSON.parse(text))`: the canonical JS text of a JSON document, to compare a
/// returned object with the core's JSON by value.
pub fn js_canonical(text: &str) -> String {
    stringify(&obj(text))
}

/// The error a call must throw, checked to be a coded `Error`; returns its code.
pub fn err_code<T: std::fmt::Debug>(r: Result<T, JsValue>) -> String {
    code(r.expect_err("an error"))
}
