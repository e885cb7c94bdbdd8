//! The results that have a JSON twin: `match`/`matchJson`, `affinityTable`/`affinityTableJson`,
//! `assignDemands`/`assignJson`, `pagerank`/`pagerankJson`, `leaderboard`/`leaderboardJson`,
//! `report`/`reportJson`.
//!
//! Both methods of a pair come from one private method that computes the core result; the
//! ordinary one returns it as a plain JS object ([`to_js`]), the twin as the core's exact
//! `serde_json::to_string` text ([`to_json`]) — the same bytes Rust and Python write for the
//! same call (checked on `tests/fixtures/cross_language/`). The text is what a Web Worker posts
//! back without a structured clone of a large object, what an upload sends, and what a byte
//! comparison across languages needs.

use wasm_bindgen::prelude::*;

use crate::Programme;
use crate::convert::{JsResult, to_js, to_json};

/// Defines, inside one `#[wasm_bindgen] impl Programme`, each listed method and its JSON twin
/// from the private method computing the core result:
///
/// ```text
/// /// docs of the ordinary method
/// fn rust_name / rust_json_name ("jsName", "jsNameJson", "TsResultType") [&mut]
///     (arg: Type, #[wasm_bindgen(...)] arg2: Type2) = compute_method;
/// ```
///
/// `[&]` or `[&mut]` is the receiver of both methods, that of `compute_method`: a twin whose
/// computation only reads the programme takes `&self`, so JS may call it while another borrow
/// is alive (e.g. from a progress callback) like any other reading method.
///
/// Attributes and literals are passed as raw token trees so that wasm-bindgen sees them
/// exactly as if written by hand. Docs are written as `#[doc = "..."]`: a `///` comment
/// inside a macro call reaches wasm-bindgen as a raw string, which it would copy into the
/// `.d.ts` with its `r"` prefix.
macro_rules! json_twins {
    ($(
        $(#[$($meta:tt)*])*
        fn $name:ident / $name_json:ident ($js:tt, $js_json:tt, $ts:tt) [$($recv:tt)+]
            ($($(#[$($attr:tt)*])* $arg:ident : $ty:ty),* $(,)?) = $compute:ident;
    )*) => {
        #[wasm_bindgen]
        impl Programme {
            $(
                $(#[$($meta)*])*
                #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
                pub fn $name($($recv)+ self, $($(#[$($attr)*])* $arg: $ty),*) -> JsResult<JsValue> {
                    to_js(&self.$compute($($arg),*)?)
                }

                /// The same result as JSON text: the core's exact `serde_json::to_string`
                /// bytes, identical to what Rust and Python write for the same call (for a
                /// Web Worker's `postMessage`, an upload, a byte-for-byte comparison).
                #[wasm_bindgen(js_name = $js_json)]
                pub fn $name_json(
                    $($recv)+ self,
                    $($(#[$($attr)*])* $arg: $ty),*
                ) -> JsResult<String> {
                    to_json(&self.$compute($($arg),*)?)
                }
            )*
        }
    };
}

json_twins! {
    #[doc = " Ranks experts, societies, offers or teams for a demand (by key, or free text with"]
    #[doc = " optional industries, enterprise and region), with filters; every result explained by"]
    #[doc = " its signals, their contributions, the matched terms with their evidence, and the"]
    #[doc = " connecting path from the enterprise."]
    #[doc = ""]
    #[doc = " Errors: `unknown_key`, `wrong_kind`, `invalid_value` (k = 0, a query with neither"]
    #[doc = " demand nor text, an unknown field), `limit_exceeded` (k, text length)."]
    fn match_query / match_json ("match", "matchJson", "Matches") [&mut]
        (#[wasm_bindgen(unchecked_param_type = "Query")] query: JsValue) = matches;

    #[doc = " For each demand (keys) its best `k` experts (default 10) as a sparse table sorted by"]
    #[doc = " demand, score descending, candidate key — the input of assignment."]
    fn affinity_table / affinity_table_json ("affinityTable", "affinityTableJson", "AffinityTable") [&mut]
        (
            demands: Vec<String>,
            #[wasm_bindgen(unchecked_optional_param_type = "number | null")] k: Option<JsValue>,
        ) = affinity_table_of;

    #[doc = " Matches and assigns in one call: the affinity table of `demands` with `k` experts each"]
    #[doc = " (default 10), the problem the graph implies under `rules` (needs, loads, conflicts —"]
    #[doc = " see `assignmentProblem`), solved with the default options. The same problem Python's"]
    #[doc = " `Programme.assign(demands=, k=, rules=)` builds."]
    fn assign_demands / assign_json ("assignDemands", "assignJson", "Assignment") [&mut]
        (
            demands: Vec<String>,
            #[wasm_bindgen(unchecked_optional_param_type = "number | null")] k: Option<JsValue>,
            #[wasm_bindgen(unchecked_optional_param_type = "ConflictRules")] rules: Option<JsValue>,
        ) = assignment_of;

    #[doc = " PageRank of every entity on the walk graph (`options`: `pagerank` {`alpha`, `tol`,"]
    #[doc = " `max_iter`}, `relation_weights`, `directed`, `directed_relations`), optionally"]
    #[doc = " personalised: `restart` maps entity keys to weights (≥ 0, scaled to sum 1; dangling"]
    #[doc = " mass restarts there too). Scores by key in id order, with"]
    #[doc = " `info: {iterations, converged, residual}`. Errors: `invalid_value`, `unknown_key`."]
    fn pagerank / pagerank_json ("pagerank", "pagerankJson", "NodeScores") [&]
        (
            #[wasm_bindgen(unchecked_optional_param_type = "GraphRankOptions")] options: Option<JsValue>,
            #[wasm_bindgen(unchecked_optional_param_type = "Record<string, number>")] restart: Option<JsValue>,
        ) = pagerank_of;

    #[doc = " The top `n` experts, societies and liaisons (default 10) by composite impact index —"]
    #[doc = " outcome credit, network position and activity, percentile-normalised, each row with its"]
    #[doc = " breakdown. Options: credit rules, ranking weights per relation, component weights."]
    fn leaderboard / leaderboard_json ("leaderboard", "leaderboardJson", "Leaderboard") [&]
        (
            #[wasm_bindgen(unchecked_optional_param_type = "number | null")] n: Option<JsValue>,
            #[wasm_bindgen(unchecked_optional_param_type = "ImpactOptions")] options: Option<JsValue>,
        ) = leaderboard_of;

    #[doc = " The pilot-city report for a period and an optional region (nested regions add up):"]
    #[doc = " societies in cooperation, experts brought in and academicians among them, problems"]
    #[doc = " solved, alliances, workstations, agreements, projects and their funds, liaisons by tier,"]
    #[doc = " economic benefit, best market share, and the demand funnel."]
    fn report / report_json ("report", "reportJson", "ProgrammeReport") [&]
        (
            #[wasm_bindgen(unchecked_optional_param_type = "ReportOptions")] options: Option<JsValue>,
        ) = report_of;
}
