//! Impact through the JS API, under Node: PageRank (plain and personalised), betweenness with a
//! progress callback, brokerage, attribution, the impact index and rankings — each the core's
//! answer on the same programme, with coded errors for bad options.
#![cfg(target_arch = "wasm32")]

use js_sys::Function;
use kechuang::impact::{self, BetweennessOptions, GraphRankOptions, ImpactOptions, RankingQuery};
use kechuang::model::NodeKind;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

mod common;
use common::*;

#[wasm_bindgen_test]
fn pagerank_is_the_cores_and_restart_personalises_it() {
    let p = small_synth();
    let g = small_core();
    let pr = p.pagerank(None, None).expect("pagerank");
    let f = g.frozen();
    let want = impact::pagerank(&f, &GraphRankOptions::default(), &[], None).unwrap();
    assert_eq!(
        stringify(&pr),
        js_canonical(&core_json(&want.keyed(&g, &f).unwrap()))
    );
    let score_of = |pr: &JsValue, key: &str| {
        arr(get(pr, "scores"))
            .iter()
            .find(|s| get(s, "key").as_string().as_deref() == Some(key))
            .and_then(|s| get(&s, "score").as_f64())
            .expect("a score per key")
    };
    let scores = arr(get(&pr, "scores"));
    assert_eq!(scores.length(), p.node_count());
    let total: f64 = scores
        .iter()
        .map(|s| get(&s, "score").as_f64().unwrap())
        .sum();
    assert!((total - 1.0).abs() < 1e-9);
    assert_eq!(get(&get(&pr, "info"), "converged"), JsValue::TRUE);
    // scores are in id order, the order of keys()
    let keys = p.keys(None).unwrap();
    let in_order: Vec<String> = scores
        .iter()
        .map(|s| get(&s, "key").as_string().unwrap())
        .collect();
    assert_eq!(in_order, keys);
    let expert = p.keys(Some("expert".into())).unwrap()[0].clone();

    // restarting at one expert raises its score well above the uniform one
    let restart = obj(&format!(r#"{{"{expert}": 1.0}}"#));
    let ppr = p.pagerank(None, Some(restart)).expect("personalised");
    let (before, after) = (score_of(&pr, &expert), score_of(&ppr, &expert));
    assert!(after > 10.0 * before, "{after} vs {before}");
    let id = g.resolve(&expert).unwrap();
    let want = impact::pagerank(&f, &GraphRankOptions::default(), &[(id, 1.0)], None).unwrap();
    assert_eq!(
        stringify(&ppr),
        js_canonical(&core_json(&want.keyed(&g, &f).unwrap()))
    );

    assert_eq!(
        err_code(p.pagerank(None, Some(obj(r#"{"x:nobody": 1}"#)))),
        "unknown_key"
    );
    assert_eq!(
        err_code(p.pagerank(None, Some(obj(&format!(r#"{{"{expert}": -1}}"#))))),
        "invalid_value"
    );
    assert_eq!(
        err_code(p.pagerank(Some(obj(r#"{"pagerank": {"alpha": 1.5}}"#)), None)),
        "invalid_value"
    );
    assert_eq!(
        err_code(p.pagerank(Some(obj(r#"{"damping": 0.5}"#)), None)),
        "invalid_value"
    );
}

#[wasm_bindgen_test]
fn betweenness_is_the_cores_and_progress_can_cancel_or_throw() {
    let p = small_synth();
    let g = small_core();
    let opts = obj(r#"{"samples": 64, "seed": 3}"#);
    let b = p.betweenness(Some(opts.clone()), None, None).unwrap();
    let mut o = BetweennessOptions::default();
    o.samples = Some(64);
    o.seed = 3;
    let f = g.frozen();
    let want = impact::betweenness(&f, &GraphRankOptions::default(), &o, None).unwrap();
    assert_eq!(
        stringify(&b),
        js_canonical(&core_json(&want.keyed(&g, &f).unwrap()))
    );
    assert_eq!(get(&get(&b, "info"), "exact"), JsValue::FALSE);
    assert_eq!(
        get(&b, "measure").as_string().as_deref(),
        Some("betweenness")
    );

    // a callback that counts calls on its own object (so no other test or run adds to it)
    // and throws, which fails the call, unless `done` increases within 1..=total and total is
    // the 64 sampled sources; one that cancels at once, one that throws
    let seen = js_sys::Object::new();
    js_sys::Reflect::set(&seen, &"calls".into(), &0.into()).unwrap();
    js_sys::Reflect::set(&seen, &"last".into(), &0.into()).unwrap();
    let counted = Function::new_with_args(
        "done, total",
        "this.calls += 1; \
         if (!(total === 64 && done > this.last && done <= total)) \
             throw new Error('progress ' + done + '/' + total + ' after ' + this.last); \
         this.last = done;",
    )
    .bind0(&seen);
    p.betweenness(Some(opts.clone()), None, Some(counted))
        .expect("progress increasing up to the number of sources");
    let calls = get(&seen, "calls").as_f64().unwrap_or(0.0);
    assert!(calls >= 1.0, "progress called {calls} times");
    assert_eq!(
        get(&seen, "last").as_f64(),
        Some(64.0),
        "the last call says done"
    );
    let cancel = Function::new_with_args("done, total", "return false;");
    assert_eq!(
        err_code(p.betweenness(Some(opts.clone()), None, Some(cancel))),
        "cancelled"
    );
    let throws = Function::new_with_args("", "throw new RangeError('stop');");
    let e = p
        .betweenness(Some(opts), None, Some(throws))
        .expect_err("rethrown");
    assert!(e.is_instance_of::<js_sys::RangeError>(), "{e:?}");
    assert_eq!(
        err_code(p.betweenness(Some(obj(r#"{"samples": 1}"#)), None, None)),
        "invalid_value"
    );
}

#[wasm_bindgen_test]
fn brokerage_gives_null_where_the_measure_is_undefined() {
    let mut p = small_synth();
    p.add_node(obj(
        r#"{"key": "x:alone", "kind": "expert", "name": "孤立"}"#,
    ))
    .unwrap();
    let b = p.brokerage(None).unwrap();
    let constraint = arr(get(&b, "constraint"));
    assert_eq!(constraint.length(), p.node_count());
    let last = constraint.get(p.node_count() - 1);
    assert!(
        last.is_null(),
        "an isolated entity has no constraint: {last:?}"
    );
    assert!(constraint.iter().any(|c| c.as_f64().is_some()));
    assert_eq!(
        err_code(p.brokerage(Some(obj(r#"{"relation_weights": {"collaborated": -1}}"#)))),
        "invalid_value"
    );
}

#[wasm_bindgen_test]
fn attribution_index_and_rankings_are_the_cores() {
    let mut p = small_synth();
    let g = small_core();
    let a = p.attribution(None).unwrap();
    let want = impact::attribute(&g, &Default::default()).unwrap();
    assert_eq!(stringify(&a), js_canonical(&core_json(&want)));
    assert!(arr(get(&a, "outcomes")).length() > 0);
    assert_eq!(
        err_code(p.attribution(Some(obj(r#"{"rule": {"rule": "coin_flip"}}"#)))),
        "invalid_value"
    );

    let index = p.impact_index(None).unwrap();
    let core_index = impact::impact_index(&g, &ImpactOptions::default()).unwrap();
    assert_eq!(stringify(&index), js_canonical(&core_json(&core_index)));

    // top societies, then top experts within the first region that has some
    let q = RankingQuery::top(NodeKind::Society, 5);
    let want: Vec<_> = core_index.ranking(&g, &q).unwrap();
    let got = p
        .ranking(Some(obj(r#"{"kind": "society", "top_n": 5}"#)), None)
        .unwrap();
    assert_eq!(stringify(&got), js_canonical(&core_json(&want)));
    let everywhere = p.ranking(Some(obj(r#"{"top_n": 1000}"#)), None).unwrap();
    let everywhere = arr(everywhere).length() as usize;
    let in_region = |region: &str| {
        let q = format!(r#"{{"region": "{region}", "top_n": 1000}}"#);
        let core_q: RankingQuery = serde_json::from_str(&q).unwrap();
        (q, core_index.ranking(&g, &core_q).unwrap())
    };
    // a region with some experts but not all of them, so an ignored filter shows
    let (q, want) = p
        .keys(Some("region".into()))
        .unwrap()
        .iter()
        .map(|r| in_region(r))
        .find(|(_, w)| !w.is_empty() && w.len() < everywhere)
        .expect("a region with some of the experts");
    let within = p.ranking(Some(obj(&q)), None).unwrap();
    assert_eq!(stringify(&within), js_canonical(&core_json(&want)));
    assert!(arr(within.clone()).length() > 0);
    assert!((arr(within.clone()).length() as usize) < everywhere);
    for row in arr(within).iter() {
        assert_eq!(get(&row, "kind").as_string().as_deref(), Some("expert"));
    }
    assert_eq!(
        err_code(p.ranking(Some(obj(r#"{"region": "r:nowhere"}"#)), None)),
        "unknown_key"
    );
    assert_eq!(
        err_code(p.ranking(Some(obj(r#"{"kind": "dragon"}"#)), None)),
        "invalid_value"
    );

    // the cached index follows edits: removing the top expert removes it from the ranking
    let top = get(&arr(p.ranking(None, None).unwrap()).get(0), "key")
        .as_string()
        .unwrap();
    p.remove_node(JsValue::from_str(&top)).unwrap();
    let after = p.ranking(None, None).unwrap();
    assert!(
        arr(after)
            .iter()
            .all(|r| get(&r, "key").as_string().as_deref() != Some(top.as_str()))
    );
}

#[wasm_bindgen_test]
fn transitions_move_a_demand_or_say_why_not() {
    let mut p = small_synth();
    let g = small_core();
    let open = g
        .nodes_of(NodeKind::Demand)
        .find(|(_, n)| {
            n.as_demand()
                .is_some_and(|d| d.status() == kechuang::model::DemandStatus::Posted)
        })
        .map(|(_, n)| n.key.clone())
        .expect("an open demand");
    let ev = p
        .transition(
            &open,
            JsValue::from_str("analysed"),
            "2030-01-01",
            Some("l:someone".into()),
            None,
        )
        .unwrap();
    assert_eq!(get(&ev, "to").as_string().as_deref(), Some("analysed"));
    assert_eq!(
        err_code(p.transition(&open, JsValue::from_str("solved"), "2030-01-02", None, None)),
        "invalid_transition"
    );
    assert_eq!(
        err_code(p.transition(
            &open,
            JsValue::from_str("teleported"),
            "2030-01-02",
            None,
            None
        )),
        "invalid_value"
    );
    assert_eq!(
        err_code(p.transition(
            &open,
            JsValue::from_str("matched"),
            "2030-13-01",
            None,
            None
        )),
        "parse_error"
    );
}
