//! Graph-size limits under Node, checked cheaply with lowered limits through the real loaders:
//! each gives `limit_exceeded` naming the limit, before the input is read or generated.
#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Reflect, Uint8Array};
use kechuang_wasm::{GraphLimits, MAX_EDGES, MAX_INPUT_BYTES, MAX_NODES, Programme, graph_limits};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

mod common;
use common::*;

/// The code and message of an error; the message must name the limit.
fn refused(r: Result<Programme, JsValue>, limit: &str) {
    let e = r.expect_err("refused");
    let msg = get(&e, "message").as_string().unwrap_or_default();
    assert_eq!(code(e), "limit_exceeded", "{msg}");
    assert!(msg.contains(limit), "message does not name {limit}: {msg}");
}

fn limits(json: &str) -> Option<JsValue> {
    Some(obj(json))
}

#[wasm_bindgen_test]
fn the_maxima_are_documented_and_the_default() {
    let l = graph_limits().unwrap();
    assert_eq!(get(&l, "max_nodes").as_f64(), Some(MAX_NODES as f64));
    assert_eq!(get(&l, "max_edges").as_f64(), Some(MAX_EDGES as f64));
    assert_eq!(
        get(&l, "max_input_bytes").as_f64(),
        Some(MAX_INPUT_BYTES as f64)
    );
    assert_eq!(
        stringify(&Programme::new().limits().unwrap()),
        stringify(&l)
    );
    let d = GraphLimits::default();
    assert_eq!(
        (d.max_nodes, d.max_edges, d.max_input_bytes),
        (MAX_NODES, MAX_EDGES, MAX_INPUT_BYTES)
    );
}

#[wasm_bindgen_test]
fn snapshots_beyond_the_limits_are_refused() {
    let snap = small_synth().to_json(None).unwrap();
    let bytes = snap.len();
    let text = || JsValue::from_str(&snap);
    refused(
        Programme::from_json(
            text(),
            limits(&format!(r#"{{"max_input_bytes": {}}}"#, bytes - 1)),
        ),
        "max_input_bytes",
    );
    // the same limit for the object form (measured on its JSON text)
    refused(
        Programme::from_json(obj(&snap), limits(r#"{"max_input_bytes": 1000}"#)),
        "max_input_bytes",
    );
    refused(
        Programme::from_json(text(), limits(r#"{"max_nodes": 10}"#)),
        "max_nodes",
    );
    refused(
        Programme::from_json(text(), limits(r#"{"max_edges": 10}"#)),
        "max_edges",
    );
    // exactly at the limit is allowed, and the programme keeps its limits
    let p = small_synth();
    let at = format!(
        r#"{{"max_nodes": {}, "max_edges": {}, "max_input_bytes": {bytes}}}"#,
        p.node_count(),
        p.edge_count()
    );
    let mut loaded = Programme::from_json(text(), limits(&at)).expect("at the limit");
    assert_eq!(loaded.node_count(), p.node_count());
    let e = loaded
        .add_node(obj(r#"{"key": "x:one-more", "kind": "expert"}"#))
        .expect_err("one entity too many");
    assert_eq!(code(e), "limit_exceeded");
    let e = loaded
        .connect(
            "collaborated",
            &p.keys(Some("expert".into())).unwrap()[0],
            &p.keys(Some("expert".into())).unwrap()[1],
        )
        .expect_err("one relation too many");
    assert_eq!(code(e), "limit_exceeded");
    assert_eq!(loaded.node_count(), p.node_count(), "no entity was added");
    assert_eq!(loaded.edge_count(), p.edge_count(), "no relation was added");
}

#[wasm_bindgen_test]
fn csv_and_synthetic_programmes_beyond_the_limits_are_refused() {
    let tables = small_synth().to_csv().unwrap();
    refused(
        Programme::from_csv(tables.clone(), None, limits(r#"{"max_input_bytes": 100}"#)),
        "max_input_bytes",
    );
    refused(
        Programme::from_csv(tables.clone(), None, limits(r#"{"max_nodes": 5}"#)),
        "max_nodes",
    );
    let files = Object::new();
    let nodes = get(&tables, "nodes").as_string().unwrap();
    Reflect::set(
        &files,
        &"nodes.csv".into(),
        &Uint8Array::from(nodes.as_bytes()),
    )
    .unwrap();
    refused(
        Programme::from_csv_files(files.into(), None, limits(r#"{"max_input_bytes": 100}"#)),
        "max_input_bytes",
    );
    // refused from the estimate, before generating: 1,000 Tai'an-sized cities would not fit
    refused(
        Programme::generate(Some(obj(r#"{"seed": 1, "scale": 1000}"#)), None),
        "max_nodes",
    );
    refused(
        Programme::generate(
            Some(obj(r#"{"seed": 1, "nodes": 100, "edges": 100000000}"#)),
            None,
        ),
        "max_edges",
    );
    refused(
        Programme::generate(
            Some(obj(r#"{"seed": 1, "scale": 0.1}"#)),
            limits(r#"{"max_nodes": 100}"#),
        ),
        "max_nodes",
    );
}

#[wasm_bindgen_test]
fn limits_can_only_be_lowered() {
    for bad in [
        format!(r#"{{"max_nodes": {}}}"#, MAX_NODES + 1),
        r#"{"max_bytes": 10}"#.to_string(),
        r#"{"max_nodes": -1}"#.to_string(),
    ] {
        let e = Programme::from_json(obj(r#"{"schema_version": 1}"#), limits(&bad))
            .expect_err("refused");
        assert_eq!(code(e), "invalid_value", "{bad}");
    }
}

/// The `field` of a thrown error (what is over its limit, or the invalid field).
fn field_of(r: Result<Programme, JsValue>) -> (String, String) {
    let e = r.expect_err("refused");
    let f = get(&e, "field").as_string().unwrap_or_default();
    (code(e), f)
}

#[wasm_bindgen_test]
fn sparse_ids_and_bounds_are_refused_before_loading() {
    // a bound or an id far ahead would make the loader allocate millions of vacant slots
    let (c, f) = field_of(Programme::from_json(
        JsValue::from_str(r#"{"schema_version": 2, "node_bound": 16777216}"#),
        None,
    ));
    assert_eq!(c, "limit_exceeded");
    assert!(f.contains("max_nodes"), "{f}");
    let (c, f) = field_of(Programme::from_json(
        JsValue::from_str(r#"{"schema_version": 2, "edge_bound": 16777216}"#),
        None,
    ));
    assert_eq!(c, "limit_exceeded");
    assert!(f.contains("max_edges"), "{f}");
    let sparse = r#"{"schema_version": 2, "nodes": [
        {"id": 0, "key": "x:1", "kind": "expert"},
        {"id": 16000000, "key": "x:2", "kind": "expert"},
        {"id": 32000000, "key": "x:3", "kind": "expert"}]}"#;
    let (c, f) = field_of(Programme::from_json(JsValue::from_str(sparse), None));
    assert_eq!(c, "limit_exceeded", "{f}");
    assert!(f.contains("max_nodes"), "{f}");
    let edges = r#"{"schema_version": 2,
        "nodes": [{"key": "x:1", "kind": "expert"}, {"key": "x:2", "kind": "expert"}],
        "edges": [{"id": 16000000, "relation": "collaborated", "source": "x:1", "target": "x:2"}]}"#;
    let (c, f) = field_of(Programme::from_json(JsValue::from_str(edges), None));
    assert_eq!(c, "limit_exceeded", "{f}");
    assert!(f.contains("max_edges"), "{f}");
    // a small gap within the limits loads, and keeps its ids
    let p = Programme::from_json(
        JsValue::from_str(
            r#"{"schema_version": 2, "nodes": [{"id": 5, "key": "x:1", "kind": "expert"}], "node_bound": 9}"#,
        ),
        limits(r#"{"max_nodes": 9}"#),
    )
    .expect("within the limits");
    assert_eq!(p.id("x:1"), Some(5));
    let (c, _) = field_of(Programme::from_json(
        JsValue::from_str(
            r#"{"schema_version": 2, "nodes": [{"id": 5, "key": "x:1", "kind": "expert"}]}"#,
        ),
        limits(r#"{"max_nodes": 5}"#),
    ));
    assert_eq!(c, "limit_exceeded", "id 5 takes 6 slots");
}

#[wasm_bindgen_test]
fn record_counts_are_checked_before_the_records_are_read() {
    // three records the core would refuse one by one (no key, no kind): the count comes
    // first, so the error is the limit, not the first record's
    let many = r#"{"schema_version": 2, "nodes": [{}, {}, {}], "edges": []}"#;
    let (c, f) = field_of(Programme::from_json(
        JsValue::from_str(many),
        limits(r#"{"max_nodes": 2}"#),
    ));
    assert_eq!(c, "limit_exceeded");
    assert!(f.contains("max_nodes"), "{f}");
    let many_edges = r#"{"schema_version": 2, "edges": [{}, {}, {}]}"#;
    let (c, f) = field_of(Programme::from_json(
        JsValue::from_str(many_edges),
        limits(r#"{"max_edges": 2}"#),
    ));
    assert_eq!(c, "limit_exceeded");
    assert!(f.contains("max_edges"), "{f}");
    // within the limit the core's own error stays (serde's "missing field `key`")
    let (c, _) = field_of(Programme::from_json(
        JsValue::from_str(many),
        limits(r#"{"max_nodes": 3}"#),
    ));
    assert_eq!(c, "parse_error");
    // and so does a syntax error
    let (c, _) = field_of(Programme::from_json(
        JsValue::from_str(r#"{"schema_version": 2, "nodes": [{}"#),
        None,
    ));
    assert_eq!(c, "parse_error");
}

#[wasm_bindgen_test]
fn csv_tables_are_measured_in_utf8_per_table() {
    // 100 Chinese characters: 100 UTF-16 units, 300 UTF-8 bytes
    let name = "张".repeat(100);
    let nodes = format!("key,kind,name\nx:1,expert,{name}\n");
    let tables = Object::new();
    Reflect::set(&tables, &"nodes".into(), &JsValue::from_str(&nodes)).unwrap();
    let bytes = nodes.len();
    assert!(nodes.encode_utf16().count() < 200 && bytes > 300);
    refused(
        Programme::from_csv(
            tables.clone().into(),
            None,
            limits(r#"{"max_input_bytes": 200}"#),
        ),
        "max_input_bytes",
    );
    let p = Programme::from_csv(
        tables.into(),
        None,
        limits(&format!(r#"{{"max_input_bytes": {bytes}}}"#)),
    )
    .expect("exactly at the limit");
    assert_eq!(p.node_count(), 1);
    // quotes and line breaks double in JSON escaping but not in the table: still accepted
    let quoted = format!("key,kind,name\nx:1,expert,\"{}\"\n", "\"\"\n".repeat(40));
    let tables = Object::new();
    Reflect::set(&tables, &"nodes".into(), &JsValue::from_str(&quoted)).unwrap();
    let json_len = js_sys::JSON::stringify(&tables).unwrap().length() as usize;
    assert!(json_len > quoted.len() + 40);
    Programme::from_csv(
        tables.into(),
        None,
        limits(&format!(r#"{{"max_input_bytes": {}}}"#, quoted.len())),
    )
    .expect("the table's own size counts, not its JSON escaping");
    // a table that is not a string names it
    let bad = Object::new();
    Reflect::set(&bad, &"nodes".into(), &JsValue::from_f64(5.0)).unwrap();
    let (c, f) = field_of(Programme::from_csv(bad.into(), None, None));
    assert_eq!((c.as_str(), f.as_str()), ("invalid_value", "tables.nodes"));
    // an unknown table is still refused
    let unknown = obj(r#"{"nodes": "key,kind\n", "nodez": ""}"#);
    let (c, _) = field_of(Programme::from_csv(unknown, None, None));
    assert_eq!(c, "invalid_value");
    // files: a UTF-8 string is measured exactly once copied
    let files = Object::new();
    Reflect::set(&files, &"nodes.csv".into(), &JsValue::from_str(&nodes)).unwrap();
    refused(
        Programme::from_csv_files(files.into(), None, limits(r#"{"max_input_bytes": 200}"#)),
        "max_input_bytes",
    );
}

#[wasm_bindgen_test]
fn the_synthetic_estimate_counts_documents_and_follows_nodes() {
    // relations estimated from the exact nodes, not from the default scale: refused at once
    refused(
        Programme::generate(
            Some(obj(r#"{"seed": 1, "nodes": 400000}"#)),
            limits(r#"{"max_edges": 1000000}"#),
        ),
        "max_edges",
    );
    // 100 documents per expert at Tai'an size: far more entities than the default 4
    refused(
        Programme::generate(
            Some(obj(r#"{"seed": 1, "scale": 1, "docs_per_expert": 100}"#)),
            limits(r#"{"max_nodes": 50000}"#),
        ),
        "max_nodes",
    );
}
