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
    assert_eq!(loaded.node_count(), p.node_count(), "nothing was added");
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
