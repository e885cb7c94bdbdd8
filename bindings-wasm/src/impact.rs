//! Impact: composite indices per entity kind with their breakdown, and leaderboards (榜单).

use kechuang::impact::{ImpactOptions, leaderboard};
use wasm_bindgen::prelude::*;

use crate::Programme;
use crate::convert::{JsResult, core, from_js_or_default, to_js};

#[wasm_bindgen]
impl Programme {
    /// The top `n` experts, societies and liaisons (default 10) by composite impact index —
    /// outcome credit, network position and activity, percentile-normalised, each row with its
    /// breakdown. Options: credit rules, ranking weights per relation, component weights.
    #[wasm_bindgen(unchecked_return_type = "Leaderboard")]
    pub fn leaderboard(
        &self,
        n: Option<u32>,
        #[wasm_bindgen(unchecked_optional_param_type = "ImpactOptions")] options: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let opts: ImpactOptions = from_js_or_default(options, "options")?;
        to_js(&core(leaderboard(
            &self.graph,
            &opts,
            n.unwrap_or(10) as usize,
        ))?)
    }
}
