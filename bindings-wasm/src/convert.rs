//! Conversions between Rust values and JavaScript values, and core errors as JS `Error`s.

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

/// The result type of every exported method: a JS `Error` (as a `JsValue`) on failure.
pub(crate) type JsResult<T> = Result<T, JsValue>;

/// Turns a core error into a JS `Error` named `KechuangError`, with the core's stable code on
/// `code`; `field` ([`kechuang::Error::field`]: the field of an `invalid_value`, e.g.
/// `"nodes[3].capacity"`, what is over its limit for `limit_exceeded`, else the column the
/// error points at); and, when the error points into the input,
/// `location` (`{file?, row?, column?}`).
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
    // what the error is about: the field of an invalid value, the quantity over its limit,
    // else the column it points at (the core's `Error::field`)
    if let Some(f) = e.field() {
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str("field"), &JsValue::from_str(f));
    }
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

/// The core's exact JSON text of a value (`serde_json::to_string`), the bytes Rust and Python
/// write for the same result: what every `...Json` twin method returns.
pub(crate) fn to_json<T: Serialize + ?Sized>(v: &T) -> JsResult<String> {
    serde_json::to_string(v).map_err(|e| {
        js_error(kechuang::Error::invalid(
            "result",
            format!("cannot be written as JSON: {e}"),
        ))
    })
}

/// Serialises a value as a plain JS object: `JSON.parse` of [`to_json`], so every result has
/// exactly the shape and values of the JSON the core writes — integer map keys become strings
/// (`liaisons_by_tier: {"1": …}`, a JS object has no number keys), `NaN` and infinities become
/// `null`, and `p.x()` deep-equals `JSON.parse(p.xJson())`. One bulk copy and the engine's
/// native parser are also faster than building the object field by field across the WASM
/// boundary.
pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> JsResult<JsValue> {
    let text = to_json(v)?;
    js_sys::JSON::parse(&text).map_err(|_| {
        js_error(kechuang::Error::invalid(
            "result",
            "JSON.parse refused the result; please report this as a bug",
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
    from_json_arg(&json_text(&v, what)?, what)
}

/// Reads an argument already written as JSON text (see [`from_js`]).
pub(crate) fn from_json_arg<T: DeserializeOwned>(text: &str, what: &str) -> JsResult<T> {
    serde_json::from_str(text).map_err(|e| {
        js_error(kechuang::Error::invalid(
            what,
            format!("{e}; see the TypeScript type of this argument in kechuang.d.ts"),
        ))
    })
}

/// `JSON.stringify(v)`, or an `invalid_value` error for values JSON cannot hold.
pub(crate) fn json_text(v: &JsValue, what: &str) -> JsResult<String> {
    Ok(String::from(&json_js(v, what)?))
}

/// `JSON.stringify(v)` as a JS string (not yet copied into WASM memory, so its size can be
/// checked first), or an `invalid_value` error for values JSON cannot hold.
pub(crate) fn json_js(v: &JsValue, what: &str) -> JsResult<js_sys::JsString> {
    js_sys::JSON::stringify(v)
        .ok()
        .filter(|s| s.is_string())
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

/// A JS number that must be an integer from `min` to 4294967295 (a `u32`): `undefined`, a
/// string, a negative, fractional or too large number is an `invalid_value` naming `what`,
/// never wrapped as wasm-bindgen's plain `u32` parameters would (`-1` → 4294967295,
/// `2**32 + 3` → 3, `undefined` → 0).
pub(crate) fn u32_param(v: &JsValue, what: &str, min: u32) -> JsResult<u32> {
    match v.as_f64() {
        Some(f) if f.fract() == 0.0 && (f64::from(min)..=f64::from(u32::MAX)).contains(&f) => {
            Ok(f as u32)
        }
        _ => Err(js_error(kechuang::Error::invalid(
            what,
            format!("{} is not an integer from {min} to 4294967295", describe(v)),
        ))),
    }
}

/// An optional [`u32_param`]: `undefined` and `null` give `None`.
pub(crate) fn opt_u32_param(v: Option<JsValue>, what: &str, min: u32) -> JsResult<Option<u32>> {
    match v {
        Some(v) if !v.is_undefined() && !v.is_null() => u32_param(&v, what, min).map(Some),
        _ => Ok(None),
    }
}

/// A short description of a JS value for an error message.
fn describe(v: &JsValue) -> String {
    if let Some(f) = v.as_f64() {
        format!("{f}")
    } else if let Some(s) = v.as_string() {
        format!("{s:?} (a string)")
    } else if v.is_undefined() {
        "undefined".into()
    } else if v.is_null() {
        "null".into()
    } else {
        format!("{v:?}")
    }
}
