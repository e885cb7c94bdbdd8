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
