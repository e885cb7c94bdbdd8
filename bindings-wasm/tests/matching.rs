//! Matching through the JS API, under Node: ranked, explained results on a synthetic
//! programme with ground truth; filters, targets, batches, reverse matching, affinity tables.
#![cfg(target_arch = "wasm32")]

use js_sys::JSON;
use kechuang_wasm::Programme;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

mod common;
use common::*;

/// The first ground-truth record (demand key, Chinese text, English text, best experts).
fn first_truth(p: &Programme) -> (String, String, String, Vec<String>) {
    let t = arr(p.truth().unwrap()).get(0);
    (
        get(&t, "demand").as_string().unwrap(),
        get(&t, "text_zh").as_string().unwrap(),
        get(&t, "text_en").as_string().unwrap(),
        strings(get(&t, "experts")),
    )
}

fn keys(matches: &JsValue) -> Vec<String> {
    arr(get(matches, "results"))
        .iter()
        .map(|r| get(&r, "key").as_string().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn a_chinese_demand_finds_its_planted_expert_with_an_explanation() {
    let mut p = small_synth();
    let (_, zh, en, experts) = first_truth(&p);
    let q = obj(&format!(
        r#"{{"text": {}, "k": 10}}"#,
        JSON::stringify(&zh.into()).unwrap()
    ));
    let m = p.match_query(q).unwrap();
    let ks = keys(&m);
    assert!(!ks.is_empty());
    assert!(ks.contains(&experts[0]), "{} not in {ks:?}", experts[0]);
    for r in arr(get(&m, "results")).iter() {
        let score = get(&r, "score").as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        let contributions = get(&r, "contributions");
        let sum: f64 = [
            "text",
            "taxonomy",
            "network",
            "track_record",
            "availability",
            "seniority",
            "locality",
        ]
        .iter()
        .map(|s| {
            let v = get(&get(&r, "signals"), s).as_f64().unwrap();
            assert!((0.0..=1.0).contains(&v), "{s} = {v}");
            get(&contributions, s).as_f64().unwrap()
        })
        .sum();
        assert!(
            (sum - score).abs() < 1e-9,
            "contributions {sum} vs score {score}"
        );
        assert_eq!(get(&r, "kind").as_string().as_deref(), Some("expert"));
    }
    assert!(arr(get(&arr(get(&m, "results")).get(0), "matched_terms")).length() > 0);
    // the same need in English finds the same expert
    let q = obj(&format!(
        r#"{{"text": {}}}"#,
        JSON::stringify(&en.into()).unwrap()
    ));
    assert!(keys(&p.match_query(q).unwrap()).contains(&experts[0]));
}

#[wasm_bindgen_test]
fn matching_a_demand_by_key_is_deterministic_and_filters_apply() {
    let mut p = small_synth();
    let (demand, ..) = first_truth(&p);
    let q = || obj(&format!(r#"{{"demand": "{demand}", "k": 10}}"#));
    let first = JSON::stringify(&p.match_query(q()).unwrap()).unwrap();
    let second = JSON::stringify(&p.match_query(q()).unwrap()).unwrap();
    assert_eq!(first, second);
    let acad = p
        .match_query(obj(&format!(
            r#"{{"demand": "{demand}", "k": 10, "filter": {{"academicians_only": true}}}}"#
        )))
        .unwrap();
    for key in keys(&acad) {
        let n = p.node(JsValue::from_str(&key)).unwrap();
        assert!(
            strings(get(&n, "titles"))
                .iter()
                .any(|t| t.starts_with("academician")),
            "{key}"
        );
    }
    let societies = p
        .match_query(obj(&format!(
            r#"{{"demand": "{demand}", "target": "societies", "k": 5}}"#
        )))
        .unwrap();
    for r in arr(get(&societies, "results")).iter() {
        assert_eq!(get(&r, "kind").as_string().as_deref(), Some("society"));
    }
    let teams = p
        .match_query(obj(&format!(
            r#"{{"demand": "{demand}", "target": "teams", "teams": 2}}"#
        )))
        .unwrap();
    assert!(arr(get(&teams, "teams")).length() <= 2);
    assert_eq!(
        code(p.match_query(obj(r#"{"demand": "nobody"}"#)).unwrap_err()),
        "unknown_key"
    );
    assert_eq!(
        code(p.match_query(obj(r#"{"text": "x", "k": 0}"#)).unwrap_err()),
        "invalid_value"
    );
    assert_eq!(
        code(p.match_query(obj(r#"{"k": "ten"}"#)).unwrap_err()),
        "invalid_value"
    );
}

#[wasm_bindgen_test]
fn edits_rebuild_the_matcher() {
    let mut p = small_synth();
    p.prepare_matcher().unwrap();
    let q = || obj(r#"{"text": "量子引力波望远镜 quasar telescope", "k": 5}"#);
    assert!(!keys(&p.match_query(q()).unwrap()).contains(&"x:new".to_string()));
    p.add_node(obj(
        r#"{"key": "x:new", "kind": "expert", "name": "新专家", "keywords": ["量子引力波望远镜", "quasar telescope"]}"#,
    ))
    .unwrap();
    assert_eq!(
        keys(&p.match_query(q()).unwrap())
            .first()
            .map(String::as_str),
        Some("x:new")
    );
}

#[wasm_bindgen_test]
fn reverse_matching_batches_and_affinity_tables() {
    let mut p = small_synth();
    let (demand, _, _, experts) = first_truth(&p);
    let batch = arr(p
        .match_batch(obj(&format!(
            r#"[{{"demand": "{demand}"}}, {{"demand": "{demand}", "k": 3}}]"#
        )))
        .unwrap());
    assert_eq!(batch.length(), 2);
    let one = p
        .match_query(obj(&format!(r#"{{"demand": "{demand}"}}"#)))
        .unwrap();
    assert_eq!(
        JSON::stringify(&batch.get(0)).unwrap(),
        JSON::stringify(&one).unwrap()
    );
    let table = p
        .affinity_table(vec![demand.clone()], Some(5.into()))
        .unwrap();
    let entries = arr(get(&table, "entries"));
    assert!(entries.length() > 0 && entries.length() <= 5);
    let scores: Vec<f64> = entries
        .iter()
        .map(|e| get(&e, "score").as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let top = entries.get(0);
    let pair = p
        .affinity(obj(&format!(
            r#"[["{demand}", {}]]"#,
            JSON::stringify(&get(&top, "candidate")).unwrap()
        )))
        .unwrap();
    let s = get(&arr(get(&pair, "entries")).get(0), "score")
        .as_f64()
        .unwrap();
    assert!((s - scores[0]).abs() < 1e-12);
    let pushed = arr(p.demands_for(&experts[0], Some(5.into())).unwrap());
    assert!(pushed.length() <= 5);
    assert_eq!(
        code(p.demands_for(&experts[0], Some(0.into())).unwrap_err()),
        "invalid_value"
    );
    assert_eq!(
        code(p.affinity_table(vec!["nobody".into()], None).unwrap_err()),
        "unknown_key"
    );
}

#[wasm_bindgen_test]
fn match_config_round_trips_and_is_validated() {
    let mut p = small_synth();
    let cfg = p.match_config().unwrap();
    assert!(get(&get(&cfg, "weights"), "text").as_f64().unwrap() > 0.0);
    p.set_match_config(obj(r#"{"weights": {"text": 1, "taxonomy": 0, "network": 0, "track_record": 0, "availability": 0, "seniority": 0, "locality": 0}}"#))
        .unwrap();
    assert_eq!(
        get(&get(&p.match_config().unwrap(), "weights"), "taxonomy").as_f64(),
        Some(0.0)
    );
    let bad = p
        .set_match_config(obj(r#"{"weights": {"text": -1}}"#))
        .unwrap_err();
    assert_eq!(code(bad), "invalid_value");
    let (demand, ..) = first_truth(&p);
    let m = p
        .match_query(obj(&format!(r#"{{"demand": "{demand}"}}"#)))
        .unwrap();
    let r = arr(get(&m, "results")).get(0);
    let text = get(&get(&r, "signals"), "text").as_f64().unwrap();
    assert!(
        (get(&r, "score").as_f64().unwrap() - text).abs() < 1e-9,
        "text-only weights"
    );
}
