//! # kechuang-wasm — kechuang in the browser and in Node
//!
//! A thin [wasm-bindgen](https://rustwasm.github.io/docs/wasm-bindgen/) layer over the
//! `kechuang` core: every method converts its arguments, calls one core function and converts
//! the result. Inputs and results are plain JavaScript objects in the shape of the JSON the core
//! writes (they cross the boundary as JSON text); ids are `u32` and stay exact as JS numbers;
//! errors are real `Error` objects whose `code` property is the core's stable `Error::code()`.
//! The main results also have a `...Json` twin (`matchJson`, `pagerankJson`, …) returning the
//! core's exact `serde_json::to_string` bytes, identical to what Rust and Python write.
//!
//! ```js
//! import init, { Programme } from "kechuang";
//! await init();
//! const p = Programme.fromJson({ schema_version: 1, nodes: [], edges: [] });
//! p.addNode({ key: "x:zhang", kind: "expert", name: "张伟", keywords: ["余热回收"] });
//! try { p.addNode({ key: "x:zhang", kind: "expert" }); }
//! catch (e) { console.log(e.code); }   // "duplicate_key"
//! ```
//!
//! The TypeScript types of every domain object are in the package's `.d.ts` (see
//! `bindings-wasm/kechuang.d.ts`, the committed reference the build output is compared with).

mod assign;
mod convert;
mod csv;
mod impact;
mod limits;
mod matching;
mod programme;
mod report;
mod synth;
mod twins;
mod types;

pub use assign::{assign_problem, diagnose_problem};
pub use convert::js_error;
pub use limits::{GraphLimits, MAX_EDGES, MAX_INPUT_BYTES, MAX_NODES, graph_limits};
pub use programme::Programme;
pub use types::TS_TYPES;

use wasm_bindgen::prelude::*;

/// Installs the panic hook when the module is instantiated, so that a bug in kechuang shows up
/// as a readable message with its Rust location in the console instead of "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The kechuang version this package was built from (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Every error code the package may put on an `Error`'s `code` property (the core's
/// `Error::CODES`), so callers can check they handle them all.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "ErrorCode[]")]
pub fn error_codes() -> Vec<String> {
    kechuang::Error::CODES
        .iter()
        .map(|c| (*c).to_string())
        .collect()
}
