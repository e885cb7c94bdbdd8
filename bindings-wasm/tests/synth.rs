//! Synthetic programmes through the JS API, under Node.
#![cfg(target_arch = "wasm32")]

use kechuang_wasm::Programme;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

mod common;
use common::*;

#[wasm_bindgen_test]
fn the_taian_preset_is_deterministic_and_has_its_figures() {
    let a = Programme::taian(42.0).unwrap();
    let b = Programme::taian(42.0).unwrap();
    assert_eq!(a.to_json(None).unwrap(), b.to_json(None).unwrap());
    assert!(a.node_count() > 5_000, "{}", a.node_count());
    let academicians = arr(a.nodes(Some("expert".into())).unwrap())
        .iter()
        .filter(|x| {
            strings(get(x, "titles"))
                .iter()
                .any(|t| t.starts_with("academician"))
        })
        .count();
    assert_eq!(academicians, 33);
    assert!(arr(a.truth().unwrap()).length() > 0);
    assert_eq!(code(Programme::taian(1.5).err().unwrap()), "invalid_value");
    assert_eq!(code(Programme::taian(-1.0).err().unwrap()), "invalid_value");
    let other = Programme::taian(43.0).unwrap();
    assert_ne!(other.to_json(None).unwrap(), a.to_json(None).unwrap());
}

#[wasm_bindgen_test]
fn generate_refuses_bad_configs_and_has_no_truth_after_a_round_trip() {
    assert_eq!(
        code(
            Programme::generate(Some(obj(r#"{"scale": -1}"#)), None)
                .err()
                .unwrap()
        ),
        "invalid_value"
    );
    assert_eq!(
        code(
            Programme::generate(Some(obj(r#"{"scael": 1}"#)), None)
                .err()
                .unwrap()
        ),
        "invalid_value"
    );
    let p = small_synth();
    let again = Programme::from_json(JsValue::from_str(&p.to_json(None).unwrap()), None).unwrap();
    assert_eq!(arr(again.truth().unwrap()).length(), 0);
    assert_eq!(again.node_count(), p.node_count());
}

#[wasm_bindgen_test]
fn leaderboards_rank_experts_by_their_index() {
    let p = small_synth();
    let board = p.leaderboard(Some(5.into()), None).unwrap();
    let experts = arr(get(&board, "experts"));
    assert!(experts.length() > 0 && experts.length() <= 5);
    let idx: Vec<f64> = experts
        .iter()
        .map(|r| get(&r, "index").as_f64().unwrap())
        .collect();
    assert!(idx.windows(2).all(|w| w[0] >= w[1]), "{idx:?}");
    for r in experts.iter() {
        assert_eq!(get(&r, "kind").as_string().as_deref(), Some("expert"));
        assert!(arr(get(&r, "parts")).length() > 0);
    }
}
