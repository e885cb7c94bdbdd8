//! Any string normalises and tokenises without panicking; every token is non-empty, and
//! normalising is idempotent.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let n = kechuang::text::normalize(s);
    assert_eq!(kechuang::text::normalize(&n), n, "normalize is not idempotent");
    kechuang::text::tokenize(s, |t, _kind| assert!(!t.is_empty(), "empty token"));
    kechuang::text::tokenize(&n, |t, _kind| assert!(!t.is_empty(), "empty token"));
});
