//! The KPI report through the JS API, under Node.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

mod common;
use common::*;

#[wasm_bindgen_test]
fn report_counts_agree_with_the_graph_and_the_core() {
    let p = small_synth();
    let r = p.report(None).expect("report");
    let solved = get(&r, "problems_solved").as_f64().expect("number");
    let core = kechuang::programme::programme_report(
        &kechuang::synth::generate(&{
            let mut c = kechuang::synth::SynthConfig::with_seed(7);
            c.scale = 0.1;
            c
        })
        .expect("generates")
        .graph,
        &Default::default(),
    )
    .expect("core report");
    assert_eq!(solved as usize, core.problems_solved);
    let funnel = get(&r, "funnel");
    assert_eq!(
        get(&funnel, "demands").as_f64().expect("number") as usize,
        core.funnel.demands
    );
    let table = p
        .report_table(None, Some(JsValue::from_str("en")))
        .expect("table");
    assert!(table.contains("Problems solved"), "{table}");
}

#[wasm_bindgen_test]
fn bad_report_options_are_coded_errors() {
    let p = small_synth();
    for bad in [r#"{"colour": "red"}"#, r#"{"region": "r:nowhere"}"#] {
        let err = p.report(Some(obj(bad))).expect_err("refused");
        assert!(err.is_instance_of::<js_sys::Error>());
        let code = get(&err, "code").as_string().expect("code");
        assert!(
            code == "invalid_value" || code == "unknown_key",
            "{bad}: {code}"
        );
    }
    let err = p
        .report_table(None, Some(JsValue::from_str("fr")))
        .expect_err("refused");
    assert!(err.dyn_ref::<js_sys::Error>().is_some());
}
