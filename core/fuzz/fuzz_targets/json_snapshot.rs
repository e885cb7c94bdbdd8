//! Any byte string fed to the snapshot loader either loads or returns a coded error; a loaded
//! graph writes back to JSON that loads to an equal graph.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(g) = kechuang::io::from_json(text) {
        let json = kechuang::io::to_json(&g).expect("a loaded graph serialises");
        let again = kechuang::io::from_json(&json).expect("a written snapshot loads");
        assert!(again == g, "round trip changed the graph");
    }
});
