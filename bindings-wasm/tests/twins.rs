//! The JSON twins under Node: each returns exactly the core's `serde_json::to_string` bytes for
//! the same call, and its ordinary method returns the same value as a plain object.
#![cfg(target_arch = "wasm32")]

use kechuang::assign::{AssignOptions, AssignProblem, ConflictRules, assign};
use kechuang::impact::{GraphRankOptions, ImpactOptions, leaderboard, pagerank};
use kechuang::matching::{MatchConfig, Matcher, Query};
use kechuang::programme::{ReportOptions, programme_report};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

mod common;
use common::*;

/// The twin's text is the core's; the ordinary result is its value.
fn same(twin: String, ordinary: JsValue, core: String, what: &str) {
    assert_eq!(twin, core, "{what}: twin bytes differ from the core's");
    assert_eq!(
        stringify(&ordinary),
        js_canonical(&twin),
        "{what}: object differs from the twin"
    );
}

#[wasm_bindgen_test]
fn matching_twins_are_the_cores_bytes() {
    let mut p = small_synth();
    let g = small_core();
    let m = Matcher::new(&g, MatchConfig::default()).unwrap();
    let truth = arr(p.truth().unwrap()).get(0);
    let demand = get(&truth, "demand").as_string().unwrap();
    let text = get(&truth, "text_zh").as_string().unwrap();
    for q in [
        format!(r#"{{"text": "{text}", "k": 5}}"#),
        format!(r#"{{"demand": "{demand}", "target": "teams"}}"#),
    ] {
        let core: Query = serde_json::from_str(&q).unwrap();
        same(
            p.match_json(obj(&q)).unwrap(),
            p.match_query(obj(&q)).unwrap(),
            core_json(&m.match_demand(&g, &core).unwrap()),
            &q,
        );
    }
    let demands: Vec<String> = p.keys(Some("demand".into())).unwrap()[..4].to_vec();
    same(
        p.affinity_table_json(demands.clone(), Some(3.into()))
            .unwrap(),
        p.affinity_table(demands.clone(), Some(3.into())).unwrap(),
        core_json(&m.affinity_table(&g, &demands, 3).unwrap()),
        "affinity table",
    );
    let core_rules: ConflictRules =
        serde_json::from_str(r#"{"need": 2, "collaboration_days": 365}"#).unwrap();
    let table = m.affinity_table(&g, &demands, 5).unwrap();
    let problem = AssignProblem::from_graph(&g, table.to_affinities(), &core_rules).unwrap();
    let core = assign(&problem, &AssignOptions::default()).unwrap();
    let rules_js = || Some(obj(&serde_json::to_string(&core_rules).unwrap()));
    same(
        p.assign_json(demands.clone(), Some(5.into()), rules_js())
            .unwrap(),
        p.assign_demands(demands, Some(5.into()), rules_js())
            .unwrap(),
        core_json(&core),
        "assignment",
    );
    assert_eq!(
        err_code(p.match_json(obj(r#"{"text": ""}"#))),
        "invalid_value"
    );
}

#[wasm_bindgen_test]
fn impact_and_report_twins_are_the_cores_bytes() {
    let p = small_synth();
    let g = small_core();
    let opts = r#"{"pagerank": {"alpha": 0.7}, "relation_weights": {"member_of": 0.5}}"#;
    let core_opts: GraphRankOptions = serde_json::from_str(opts).unwrap();
    same(
        p.pagerank_json(Some(obj(opts)), None).unwrap(),
        p.pagerank(Some(obj(opts)), None).unwrap(),
        core_json(&{
            let f = g.frozen();
            pagerank(&f, &core_opts, &[], None)
                .unwrap()
                .keyed(&g, &f)
                .unwrap()
        }),
        "pagerank",
    );
    same(
        p.leaderboard_json(Some(5.into()), None).unwrap(),
        p.leaderboard(Some(5.into()), None).unwrap(),
        core_json(&leaderboard(&g, &ImpactOptions::default(), 5).unwrap()),
        "leaderboard",
    );
    let report = programme_report(&g, &ReportOptions::default()).unwrap();
    same(
        p.report_json(None).unwrap(),
        p.report(None).unwrap(),
        core_json(&report),
        "report",
    );
    // integer-keyed maps arrive as objects with string keys (no detour, no error)
    let tiers = get(&p.report(None).unwrap(), "liaisons_by_tier");
    for (tier, n) in &report.liaisons_by_tier {
        assert_eq!(
            get(&tiers, &tier.to_string()).as_f64(),
            Some(*n as f64),
            "tier {tier}"
        );
    }
    assert!(!report.liaisons_by_tier.is_empty());
}
