//! CSV through the JS API under Node, on the cross-language fixtures in `tests/fixtures/csv`
//! (the same files and expected answers as the Rust tests in `core/tests/roundtrip.rs`).
#![cfg(target_arch = "wasm32")]

use js_sys::{JSON, Object, Reflect, Uint8Array};
use kechuang_wasm::Programme;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

mod common;
use common::*;

const BAD_CASES: &str = include_str!("../../tests/fixtures/csv/bad_cases.json");

macro_rules! fixture_dir {
    ($dir:literal) => {
        [
            (
                "nodes.csv",
                &include_bytes!(concat!("../../tests/fixtures/csv/", $dir, "/nodes.csv"))[..],
            ),
            (
                "edges.csv",
                &include_bytes!(concat!("../../tests/fixtures/csv/", $dir, "/edges.csv"))[..],
            ),
            (
                "events.csv",
                &include_bytes!(concat!("../../tests/fixtures/csv/", $dir, "/events.csv"))[..],
            ),
            (
                "outcomes.csv",
                &include_bytes!(concat!("../../tests/fixtures/csv/", $dir, "/outcomes.csv"))[..],
            ),
        ]
    };
}

/// `{"nodes.csv": Uint8Array, ...}` as a browser's file input would give.
fn files(list: &[(&str, &[u8])]) -> JsValue {
    let o = Object::new();
    for (name, bytes) in list {
        Reflect::set(&o, &JsValue::from_str(name), &Uint8Array::from(*bytes)).expect("set");
    }
    o.into()
}

#[wasm_bindgen_test]
fn encoding_fixtures_load_to_the_same_programme() {
    let utf8 = Programme::from_csv_files(files(&fixture_dir!("utf8")), None, None).unwrap();
    let want = utf8.to_json(None).unwrap();
    for (list, enc) in [
        (fixture_dir!("gb18030"), "auto"),
        (fixture_dir!("gb18030"), "gb18030"),
        (fixture_dir!("utf8_bom"), "auto"),
        (fixture_dir!("utf8_bom"), "utf8"),
    ] {
        let opts = JSON::parse(&format!(r#"{{"encoding": "{enc}"}}"#)).unwrap();
        let p = Programme::from_csv_files(files(&list), Some(opts), None).unwrap();
        assert_eq!(p.to_json(None).unwrap(), want, "read as {enc}");
    }
    // the same answers the Rust test checks
    let x = utf8.node(JsValue::from_str("x:zhang")).unwrap();
    assert_eq!(get(&x, "name").as_string().as_deref(), Some("张伟😀"));
    assert_eq!(
        get(&get(&x, "attrs"), "单位").as_string().as_deref(),
        Some("山东大学")
    );
    assert_eq!(get(&x, "capacity").as_f64(), Some(2.0));
    assert_eq!(utf8.node_count(), 8);
    assert_eq!(utf8.edge_count(), 8);
    let d = utf8.node(JsValue::from_str("d:1")).unwrap();
    assert_eq!(get(&d, "budget_cny").as_f64(), Some(1_200_000.0));
    // GB18030 bytes forced to UTF-8 fail loudly with the file named
    let opts = JSON::parse(r#"{"encoding": "utf8"}"#).unwrap();
    let err = Programme::from_csv_files(files(&fixture_dir!("gb18030")), Some(opts), None)
        .err()
        .unwrap();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("parse_error")
    );
    assert!(get(&get(&err, "location"), "file").as_string().is_some());
}

#[wasm_bindgen_test]
fn csv_text_round_trips_with_ids() {
    let mut p = Programme::from_csv_files(files(&fixture_dir!("utf8")), None, None).unwrap();
    p.remove_node(JsValue::from_str("x:li")).unwrap();
    let tables = p.to_csv().unwrap();
    assert!(
        get(&tables, "nodes")
            .as_string()
            .unwrap()
            .starts_with("id,key,kind")
    );
    let back = Programme::from_csv(tables, None, None).unwrap();
    assert_eq!(back.to_json(None).unwrap(), p.to_json(None).unwrap());
    let tsv = JSON::parse(r#"{"nodes": "key\tkind\tname\nx:1\texpert\t张伟\n"}"#).unwrap();
    let opts = JSON::parse(r#"{"delimiter": "\t"}"#).unwrap();
    assert_eq!(
        Programme::from_csv(tsv, Some(opts), None)
            .unwrap()
            .node_count(),
        1
    );
    let misspelt = JSON::parse(r#"{"node": "key,kind\n"}"#).unwrap();
    let err = Programme::from_csv(misspelt, None, None).err().unwrap();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("invalid_value")
    );
    let err = Programme::from_csv_files(JsValue::from_f64(1.0), None, None)
        .err()
        .unwrap();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("invalid_value")
    );
}

fn hex(h: &str) -> Vec<u8> {
    (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&h[i..i + 2], 16).expect("hex"))
        .collect()
}

#[wasm_bindgen_test]
fn bad_csv_corpus_gives_the_expected_codes_and_locations() {
    let corpus: serde_json::Value = serde_json::from_str(BAD_CASES).unwrap();
    let cases = corpus["cases"].as_array().unwrap();
    assert!(cases.len() >= 60, "the corpus shrank to {}", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let owned: Vec<(String, Vec<u8>)> = case["files"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(file, c)| {
                let bytes = match (c.get("text"), c.get("hex")) {
                    (Some(t), _) => t.as_str().unwrap().as_bytes().to_vec(),
                    (_, Some(h)) => hex(h.as_str().unwrap()),
                    _ => panic!("{name}: {file} has neither text nor hex"),
                };
                (file.clone(), bytes)
            })
            .collect();
        let list: Vec<(&str, &[u8])> = owned.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
        let opts = case
            .get("options")
            .map(|o| JSON::parse(&o.to_string()).unwrap());
        match Programme::from_csv_files(files(&list), opts, None) {
            Ok(_) => failures.push(format!("{name}: accepted")),
            Err(e) => {
                let loc = get(&e, "location");
                let field = |f: &str| {
                    if loc.is_undefined() {
                        serde_json::Value::Null
                    } else {
                        let v = get(&loc, f);
                        if let Some(s) = v.as_string() {
                            serde_json::Value::from(s)
                        } else if let Some(n) = v.as_f64() {
                            serde_json::Value::from(n as u64)
                        } else {
                            serde_json::Value::Null
                        }
                    }
                };
                let got = serde_json::json!({
                    "code": get(&e, "code").as_string(),
                    "file": field("file"),
                    "row": field("row"),
                    "column": field("column"),
                });
                if got != case["expect"] {
                    failures.push(format!("{name}: expected {}, got {got}", case["expect"]));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
