//! The JS API under Node (`cargo test -p kechuang-wasm --target wasm32-unknown-unknown`):
//! what a JavaScript caller sees — plain objects in and out, exact ids, `Error`s with codes.
#![cfg(target_arch = "wasm32")]

use js_sys::Array;
use kechuang_wasm::Programme;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

mod common;
use common::*;

/// A small programme: a city with a district, a steel enterprise posting a demand, an
/// academician in a society.
fn small() -> Programme {
    let mut p = Programme::new();
    for rec in [
        r#"{"key":"r:ta","kind":"region","name":"泰安市","level":"city"}"#,
        r#"{"key":"r:dy","kind":"region","name":"岱岳区","level":"district"}"#,
        r#"{"key":"e:steel","kind":"enterprise","name":"泰山钢铁","industries":["C31"],"high_tech":true}"#,
        r#"{"key":"d:1","kind":"demand","name":"余热回收","text":"高炉煤气余热回收效率低","industries":["C31"],"urgency":"high","posted":"2021-03-01"}"#,
        r#"{"key":"s:csm","kind":"society","name":"中国金属学会","level":"national","disciplines":["450"]}"#,
        r#"{"key":"x:wang","kind":"expert","name":"王院士","titles":["academician_cae"],"disciplines":["450"],"keywords":["余热回收","heat recovery"],"capacity":2}"#,
    ] {
        p.add_node(obj(rec)).expect("valid record");
    }
    for (r, s, t) in [
        ("part_of", "r:dy", "r:ta"),
        ("located_in", "e:steel", "r:dy"),
        ("posted", "e:steel", "d:1"),
        ("member_of", "x:wang", "s:csm"),
    ] {
        p.connect(r, s, t).expect("allowed relation");
    }
    p
}

#[wasm_bindgen_test]
fn ids_are_assigned_in_order_and_lookups_agree() {
    let p = small();
    assert_eq!(p.node_count(), 6);
    assert_eq!(p.edge_count(), 4);
    assert_eq!(p.id("x:wang"), Some(5));
    assert_eq!(p.key(5.into()).unwrap().as_deref(), Some("x:wang"));
    assert_eq!(p.id("nobody"), None);
    assert_eq!(p.key(99.into()).unwrap(), None);
    let by_key = p.node(JsValue::from_str("x:wang")).unwrap();
    let by_id = p.node(JsValue::from_f64(5.0)).unwrap();
    assert_eq!(stringify(&by_key), stringify(&by_id));
    assert_eq!(get(&by_key, "id").as_f64(), Some(5.0));
    assert_eq!(get(&by_key, "capacity").as_f64(), Some(2.0));
    assert!(p.node(JsValue::from_str("nobody")).unwrap().is_undefined());
    assert!(p.node(JsValue::from_f64(1.5)).unwrap().is_undefined());
    assert!(p.has_node(JsValue::from_str("d:1")));
    assert!(!p.has_node(JsValue::from_f64(-1.0)));
    let counts = p.count_by_kind().unwrap();
    assert_eq!(get(&counts, "region").as_f64(), Some(2.0));
    assert!(get(&counts, "outcome").is_undefined());
    let rels = p.count_by_relation().unwrap();
    assert_eq!(get(&rels, "posted").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn nodes_filter_by_kind_and_reject_unknown_kinds() {
    let p = small();
    let all: Array = p.nodes(None).unwrap().dyn_into().unwrap();
    assert_eq!(all.length(), 6);
    let regions: Array = p.nodes(Some("region".into())).unwrap().dyn_into().unwrap();
    let keys: Vec<String> = regions
        .iter()
        .map(|r| get(&r, "key").as_string().unwrap())
        .collect();
    assert_eq!(keys, ["r:ta", "r:dy"]);
    assert_eq!(
        code(p.nodes(Some("planet".into())).unwrap_err()),
        "invalid_value"
    );
}

#[wasm_bindgen_test]
fn neighbours_follow_direction_and_relation() {
    let p = small();
    let all: Array = p
        .neighbours(JsValue::from_str("e:steel"), None)
        .unwrap()
        .dyn_into()
        .unwrap();
    let seen: Vec<(String, String, String)> = all
        .iter()
        .map(|n| {
            (
                get(&n, "relation").as_string().unwrap(),
                get(&n, "direction").as_string().unwrap(),
                get(&n, "key").as_string().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("located_in".into(), "out".into(), "r:dy".into()),
            ("posted".into(), "out".into(), "d:1".into()),
        ]
    );
    let inbound: Array = p
        .neighbours(
            JsValue::from_str("r:ta"),
            Some(obj(r#"{"direction":"in","relation":"part_of"}"#)),
        )
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(inbound.length(), 1);
    assert_eq!(
        get(&inbound.get(0), "key").as_string().as_deref(),
        Some("r:dy")
    );
    assert_eq!(
        get(&inbound.get(0), "direction").as_string().as_deref(),
        Some("in")
    );
    let err = p
        .neighbours(JsValue::from_str("r:ta"), Some(obj(r#"{"dir":"in"}"#)))
        .unwrap_err();
    assert_eq!(code(err), "invalid_value");
    assert_eq!(
        p.region_of(JsValue::from_str("e:steel"))
            .unwrap()
            .as_deref(),
        Some("r:dy")
    );
    assert_eq!(p.region_of(JsValue::from_str("x:wang")).unwrap(), None);
}

#[wasm_bindgen_test]
fn errors_are_error_objects_with_the_core_code() {
    let mut p = small();
    let dup = p
        .add_node(obj(r#"{"key":"x:wang","kind":"expert"}"#))
        .unwrap_err();
    assert_eq!(code(dup), "duplicate_key");
    let not_applicable = p
        .add_node(obj(r#"{"key":"x:li","kind":"expert","level":"city"}"#))
        .unwrap_err();
    let msg = get(&not_applicable, "message").as_string().unwrap();
    assert!(msg.contains("level"), "{msg}");
    assert_eq!(code(not_applicable), "invalid_value");
    let bad_kind = p
        .add_node(obj(r#"{"key":"x:li","kind":"planet"}"#))
        .unwrap_err();
    assert_eq!(code(bad_kind), "invalid_value");
    let misspelt = p
        .add_node(obj(r#"{"key":"x:li","kind":"expert","keyword":["a"]}"#))
        .unwrap_err();
    assert!(
        get(&misspelt, "message")
            .as_string()
            .unwrap()
            .contains("keyword")
    );
    assert_eq!(code(misspelt), "invalid_value");
    let with_id = p
        .add_node(obj(r#"{"id":7,"key":"x:li","kind":"expert"}"#))
        .unwrap_err();
    assert_eq!(code(with_id), "invalid_value");
    assert_eq!(
        code(p.connect("member_of", "s:csm", "x:wang").unwrap_err()),
        "relation_not_allowed"
    );
    assert_eq!(
        code(p.connect("member_of", "x:wang", "s:nobody").unwrap_err()),
        "unknown_key"
    );
    assert_eq!(
        code(p.connect("likes", "x:wang", "s:csm").unwrap_err()),
        "invalid_value"
    );
    assert_eq!(code(p.remove_edge(99.into()).unwrap_err()), "unknown_id");
    assert_eq!(
        code(p.remove_node(JsValue::from_f64(42.0)).unwrap_err()),
        "unknown_id"
    );
    assert_eq!(
        code(p.remove_node(JsValue::from_bool(true)).unwrap_err()),
        "invalid_value"
    );
    // a failed mutation changes nothing
    assert_eq!((p.node_count(), p.edge_count()), (6, 4));
}

#[wasm_bindgen_test]
fn update_and_remove_keep_ids_stable() {
    let mut p = small();
    p.update_node(
        JsValue::from_str("x:wang"),
        obj(r#"{"key":"x:wang2","kind":"expert","name":"王院士","capacity":5}"#),
    )
    .unwrap();
    assert_eq!(p.id("x:wang2"), Some(5));
    assert_eq!(p.id("x:wang"), None);
    let changed = p
        .update_node(
            JsValue::from_str("x:wang2"),
            obj(r#"{"key":"x:wang2","kind":"society"}"#),
        )
        .unwrap_err();
    assert_eq!(code(changed), "wrong_kind");
    let removed = p.remove_node(JsValue::from_str("e:steel")).unwrap();
    assert_eq!(get(&removed, "id").as_f64(), Some(2.0));
    assert_eq!(
        p.edge_count(),
        2,
        "the enterprise's two relations went with it"
    );
    let id = p
        .add_node(obj(r#"{"key":"e:steel","kind":"enterprise"}"#))
        .unwrap();
    assert_eq!(id, 6, "ids are never reused");
    let e = p
        .add_edge(obj(
            r#"{"relation":"member_of","source":"e:steel","target":"s:csm","weight":0.5,"role":"council"}"#,
        ))
        .unwrap();
    let rec = p.edge(e.into()).unwrap();
    assert_eq!(get(&rec, "role").as_string().as_deref(), Some("council"));
    assert_eq!(get(&rec, "weight").as_f64(), Some(0.5));
    p.update_edge(
        e.into(),
        obj(r#"{"relation":"member_of","source":"e:steel","target":"s:csm","weight":2}"#),
    )
    .unwrap();
    assert_eq!(
        get(&p.edge(e.into()).unwrap(), "weight").as_f64(),
        Some(2.0)
    );
    assert!(get(&p.edge(e.into()).unwrap(), "role").is_undefined());
    let moved = p
        .update_edge(
            e.into(),
            obj(r#"{"relation":"member_of","source":"x:wang2","target":"s:csm"}"#),
        )
        .unwrap_err();
    assert_eq!(code(moved), "invalid_value");
    let gone = p.remove_edge(e.into()).unwrap();
    assert_eq!(get(&gone, "source").as_string().as_deref(), Some("e:steel"));
    assert!(p.edge(e.into()).unwrap().is_undefined());
}

#[wasm_bindgen_test]
fn snapshots_round_trip_as_string_and_object() {
    let mut p = small();
    p.remove_node(JsValue::from_str("r:dy")).unwrap();
    p.add_alias("wang", JsValue::from_str("x:wang")).unwrap();
    let text = p.to_json(None).unwrap();
    let from_text = Programme::from_json(JsValue::from_str(&text), None).unwrap();
    let from_obj = Programme::from_json(p.to_object().unwrap(), None).unwrap();
    assert_eq!(from_text.to_json(None).unwrap(), text);
    assert_eq!(from_obj.to_json(None).unwrap(), text);
    assert_eq!(from_obj.graph(), p.graph());
    // the removed id stays a gap, and the alias survives
    assert_eq!(from_obj.id("x:wang"), Some(5));
    assert_eq!(from_obj.id("wang"), Some(5));
    assert!(from_obj.key(1.into()).unwrap().is_none());
    let pretty = p.to_json(Some(true)).unwrap();
    assert!(pretty.contains('\n'));
    assert_eq!(
        Programme::from_json(JsValue::from_str(&pretty), None)
            .unwrap()
            .graph(),
        p.graph()
    );
}

#[wasm_bindgen_test]
fn the_header_round_trips_and_refuses_unknown_fields() {
    let mut p = small();
    assert_eq!(js_sys::JSON::stringify(&p.meta().unwrap()).unwrap(), "{}");
    p.set_meta(obj(
        r#"{"title":"泰安市科创中国试点城市","as_of":"2024-12-31"}"#,
    ))
    .unwrap();
    let again = Programme::from_json(JsValue::from_str(&p.to_json(None).unwrap()), None).unwrap();
    assert_eq!(
        get(&again.meta().unwrap(), "title").as_string().as_deref(),
        Some("泰安市科创中国试点城市")
    );
    assert_eq!(again.graph(), p.graph());
    let e = p.set_meta(obj(r#"{"titel":"typo"}"#)).unwrap_err();
    assert_eq!(code(e), "invalid_value");
}

#[wasm_bindgen_test]
fn bad_snapshots_are_refused_with_codes_and_locations() {
    let syntax = Programme::from_json(JsValue::from_str(r#"{"schema_version":1,"nodes":[}"#), None)
        .unwrap_err();
    let loc = get(&syntax, "location");
    assert_eq!(get(&loc, "row").as_f64(), Some(1.0));
    assert_eq!(code(syntax), "parse_error");
    let newer = Programme::from_json(obj(r#"{"schema_version":99,"nodes":[]}"#), None).unwrap_err();
    assert_eq!(code(newer), "unsupported_version");
    let field = Programme::from_json(obj(
        r#"{"schema_version":1,"nodes":[{"key":"a","kind":"region"},{"key":"b","kind":"expert","capacity":-1}]}"#,
    ), None)
    .unwrap_err();
    assert_eq!(code(field), "parse_error");
    let dup = Programme::from_json(obj(
        r#"{"schema_version":1,"nodes":[{"key":"a","kind":"region"},{"key":"a","kind":"expert"}]}"#,
    ), None)
    .unwrap_err();
    assert_eq!(
        get(&get(&dup, "location"), "column").as_string().as_deref(),
        Some("nodes[1]")
    );
    assert_eq!(code(dup), "duplicate_key");
    assert_eq!(
        code(Programme::from_json(JsValue::from_f64(3.0), None).unwrap_err()),
        "invalid_value"
    );
}

#[wasm_bindgen_test]
fn error_codes_list_every_core_code() {
    let codes = kechuang_wasm::error_codes();
    assert_eq!(codes.len(), kechuang::Error::CODES.len());
    assert!(codes.iter().any(|c| c == "not_implemented"));
    assert_eq!(kechuang_wasm::version(), env!("CARGO_PKG_VERSION"));
}
