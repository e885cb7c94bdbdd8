//! Documented size limits. Inputs beyond them get a `limit_exceeded` error before any large
//! allocation, so a browser tab or a notebook never runs out of memory on a typo.

/// Longest entity key, in bytes.
pub const MAX_KEY_BYTES: usize = 1024;

/// Longest text of one field (demand text, document text, profile), in bytes (1 MiB).
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Largest CSV or JSON input read in one call, in bytes (4 GiB on 64-bit hosts; 1 GiB on
/// wasm32).
#[cfg(target_pointer_width = "64")]
pub const MAX_INPUT_BYTES: u64 = 4 << 30;
/// Largest CSV or JSON input read in one call, in bytes (4 GiB on 64-bit hosts; 1 GiB on
/// wasm32).
#[cfg(not(target_pointer_width = "64"))]
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// Most results one matching query may ask for (`k`).
pub const MAX_RESULTS: usize = 10_000;

/// Deserialises a count with a documented limit (such as a query's `k`) through `u64`,
/// saturating to `usize`: on 32-bit targets (wasm32) a value above `u32::MAX` then reaches the
/// limit check and gets the same `limit_exceeded` as on 64-bit hosts, instead of failing to
/// decode with `invalid_value` (found by the WASM run of the bad-input corpus).
pub(crate) fn saturating_usize<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<usize, D::Error> {
    let v = <u64 as serde::Deserialize>::deserialize(d)?;
    Ok(usize::try_from(v).unwrap_or(usize::MAX))
}
