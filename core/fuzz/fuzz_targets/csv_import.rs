//! Any byte string, split at the first NUL byte into `nodes.csv` and `edges.csv`, either loads or
//! returns a coded error; an accepted input exports with `to_csv_tables` and loads back equal.
#![no_main]
use kechuang::io::csv::{CsvOptions, files, load_files, load_tables, to_csv_tables};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (nodes, edges) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let mut input: Vec<(&str, &[u8])> = vec![(files::NODES, nodes)];
    if !edges.is_empty() {
        input.push((files::EDGES, edges));
    }
    match load_files(&input, &CsvOptions::default()) {
        Ok(g) => {
            let tables = to_csv_tables(&g).expect("a loaded graph exports");
            let again = load_tables(&tables, &CsvOptions::default()).expect("exported tables load");
            assert!(again == g, "CSV round trip changed the graph");
        }
        Err(e) => assert!(!e.code().is_empty()),
    }
});
