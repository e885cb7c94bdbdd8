//! Matching: ranked, explained candidates for a demand; reverse matching; affinity tables.

use kechuang::graph::CollabGraph;
use kechuang::matching::{AffinityTable, MatchConfig, Matcher, Matches, Query};
use wasm_bindgen::prelude::*;

use crate::Programme;
use crate::convert::{JsResult, core, from_js, js_error, opt_u32_param, to_js};

impl Programme {
    /// The matcher (built on first use from the current graph and configuration) and the
    /// graph it answers about.
    pub(crate) fn matcher(&mut self) -> JsResult<(&Matcher, &CollabGraph)> {
        if self.matcher.is_none() {
            let m = core(Matcher::new(&self.graph, self.match_config.clone()))?;
            self.matcher = Some(m);
        }
        match &self.matcher {
            Some(m) => Ok((m, &self.graph)),
            None => Err(js_error(kechuang::Error::invalid(
                "matcher",
                "was not built",
            ))),
        }
    }

    /// `match` / `matchJson`: one query.
    pub(crate) fn matches(&mut self, query: JsValue) -> JsResult<Matches> {
        let q: Query = from_js(query, "query")?;
        let (m, g) = self.matcher()?;
        core(m.match_demand(g, &q))
    }

    /// `affinityTable` / `affinityTableJson`: the best `k` experts of each demand.
    pub(crate) fn affinity_table_of(
        &mut self,
        demands: Vec<String>,
        k: Option<JsValue>,
    ) -> JsResult<AffinityTable> {
        let k = k_arg(k)?;
        let (m, g) = self.matcher()?;
        core(m.affinity_table(g, &demands, k))
    }
}

/// `k` given as a JS number: an integer from 1 to 4294967295 (default 10).
pub(crate) fn k_arg(k: Option<JsValue>) -> JsResult<usize> {
    Ok(opt_u32_param(k, "k", 1)?.unwrap_or(10) as usize)
}

#[wasm_bindgen]
impl Programme {
    /// Builds the matcher now (otherwise the first matching call does), so the first query
    /// is as fast as the next ones. Edits drop it; it is rebuilt on the next use.
    #[wasm_bindgen(js_name = prepareMatcher)]
    pub fn prepare_matcher(&mut self) -> JsResult<()> {
        self.matcher().map(|_| ())
    }

    /// Several queries at once; the same answers as one at a time, in input order.
    #[wasm_bindgen(js_name = matchBatch, unchecked_return_type = "Matches[]")]
    pub fn match_batch(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Query[]")] queries: JsValue,
    ) -> JsResult<JsValue> {
        let qs: Vec<Query> = from_js(queries, "queries")?;
        let (m, g) = self.matcher()?;
        to_js(&core(m.match_batch(g, &qs))?)
    }

    /// Reverse matching: the open demands that best fit an expert, society or offer (key),
    /// best first, at most `k` (default 10).
    #[wasm_bindgen(js_name = demandsFor, unchecked_return_type = "DemandMatch[]")]
    pub fn demands_for(
        &mut self,
        key: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] k: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let k = k_arg(k)?;
        let (m, g) = self.matcher()?;
        to_js(&core(m.reverse(g, key, k))?)
    }

    /// The fused scores of given `[demand, candidate]` pairs (keys).
    #[wasm_bindgen(unchecked_return_type = "AffinityTable")]
    pub fn affinity(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "[string, string][]")] pairs: JsValue,
    ) -> JsResult<JsValue> {
        let pairs: Vec<(String, String)> = from_js(pairs, "pairs")?;
        let (m, g) = self.matcher()?;
        to_js(&core(m.affinity(g, &pairs))?)
    }

    /// The matching configuration (weights, BM25, fields, aggregation, fuzzy, network…).
    #[wasm_bindgen(js_name = matchConfig, unchecked_return_type = "MatchConfig")]
    pub fn match_config(&self) -> JsResult<JsValue> {
        to_js(&self.match_config)
    }

    /// Replaces the matching configuration (fields left out take their defaults); the
    /// matcher is rebuilt on the next use. Errors: `invalid_value` naming the field.
    #[wasm_bindgen(js_name = setMatchConfig)]
    pub fn set_match_config(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MatchConfig")] config: JsValue,
    ) -> JsResult<()> {
        let c: MatchConfig = from_js(config, "config")?;
        core(c.validate())?;
        self.match_config = c;
        self.matcher = None;
        Ok(())
    }
}
