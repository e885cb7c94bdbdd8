//! Conversions between Rust values and JavaScript values, and core errors as JS `Error`s.

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

/// The result type of every exported method: a JS `Error` (as a `JsValue`) on failure.
pub(crate) type JsResult<T> = Result<T, JsValue>;

/// Turns a core error into a JS `Error` named `KechuangError`, with the core's stable code on
/// `code` and, when the error points into the input, `location` (`{file?, row?, column?}`).
pub fn js_error(e: kechuang::Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("KechuangError");
    let obj: &JsValue = err.as_ref();
    // Reflect::set only fails on frozen objects or proxies; a fresh Error is neither.
    let _ = js_sys::Reflect::set(
        obj,
        &JsValue::from_str("code"),
        &JsValue::from_str(e.code()),
    );
    if let Some(loc) = e.location().filter(|l| !l.is_empty())
        && let Ok(v) = to_js(loc)
    {
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str("location"), &v);
    }
    err.into()
}

/// Maps a core result to a JS result.
pub(crate) fn core<T>(r: kechuang::Result<T>) -> JsResult<T> {
    r.map_err(js_error)
}

/// Serialises a value as a plain JS object (maps as objects, no BigInts, `None` as absent or
/// `null`), the same shape as the JSON the core writes.
pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> JsResult<JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            js_error(kechuang::Error::invalid(
                "result",
                format!("cannot convert to a JS value: {e}"),
            ))
        })
}

/// Reads a plain JS object into a Rust value; a shape error becomes `invalid_value` naming
/// the argument.
///
/// The value goes through `JSON.stringify` and serde_json rather than serde-wasm-bindgen's
/// direct reader, because the latter ignores unknown fields: a misspelt option or record field
/// must be an error here exactly as in Rust and Python (`#[serde(deny_unknown_fields)]`).
pub(crate) fn from_js<T: DeserializeOwned>(v: JsValue, what: &str) -> JsResult<T> {
    let text = json_text(&v, what)?;
    serde_json::from_str(&text).map_err(|e| {
        js_error(kechuang::Error::invalid(
            what,
            format!("{e}; see the TypeScript type of this argument in kechuang.d.ts"),
        ))
    })
}

/// `JSON.stringify(v)`, or an `invalid_value` error for values JSON cannot hold.
pub(crate) fn json_text(v: &JsValue, what: &str) -> JsResult<String> {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            js_error(kechuang::Error::invalid(
                what,
                "cannot be written as JSON (undefined, a function, a cycle or a BigInt?); pass plain data",
            ))
        })
}

/// Reads an optional argument (`undefined` and `null` give the default).
pub(crate) fn from_js_or_default<T: DeserializeOwned + Default>(
    v: Option<JsValue>,
    what: &str,
) -> JsResult<T> {
    match v {
        Some(v) if !v.is_undefined() && !v.is_null() => from_js(v, what),
        _ => Ok(T::default()),
    }
}
