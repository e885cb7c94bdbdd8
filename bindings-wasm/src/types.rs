//! TypeScript types of every domain object, emitted into the package's `.d.ts`.
//!
//! The text lives in `types.d.ts` next to this file; `tests/types.rs` checks that every union
//! (kinds, relations, titles, error codes…) lists exactly the values the core knows.

use wasm_bindgen::prelude::*;

/// The TypeScript declarations appended to the generated `.d.ts`.
pub const TS_TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_SECTION: &str = TS_TYPES;
