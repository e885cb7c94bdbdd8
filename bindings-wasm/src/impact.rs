//! Impact: network position (PageRank, betweenness, brokerage), outcome attribution, the
//! composite impact index with its breakdown, rankings and leaderboards (榜单).
//!
//! `pagerank` and `betweenness` return the core's keyed scores (`NodeScores`: `{measure, scores:
//! [{key, kind, score}], info}`, the form Rust and Python serialise); `brokerage` returns the
//! core's arrays, indexed like the entities in id order (`constraint[i]` belongs to `keys()[i]`).
//! `pagerank`/`pagerankJson` and `leaderboard`/`leaderboardJson` are defined in `twins.rs`.

use std::collections::BTreeMap;

use kechuang::impact::{
    self, Attribution, Betweenness, BetweennessOptions, Brokerage, CreditOptions, GraphRankOptions,
    ImpactIndex, ImpactOptions, Leaderboard, NodeScores, RankingQuery,
};
use kechuang::model::NodeId;
use wasm_bindgen::prelude::*;

use crate::Programme;
use crate::convert::{JsResult, core, from_js_or_default, js_error, opt_u32_param, to_js};

impl Programme {
    /// `pagerank` / `pagerankJson`.
    pub(crate) fn pagerank_of(
        &self,
        options: Option<JsValue>,
        restart: Option<JsValue>,
    ) -> JsResult<NodeScores> {
        let opts: GraphRankOptions = from_js_or_default(options, "options")?;
        let restart: BTreeMap<String, f64> = from_js_or_default(restart, "restart")?;
        let restart = restart
            .iter()
            .map(|(k, &w)| Ok((core(self.graph.resolve(k))?, w)))
            .collect::<JsResult<Vec<(NodeId, f64)>>>()?;
        let frozen = self.graph.frozen();
        let pr = core(impact::pagerank(&frozen, &opts, &restart, None))?;
        core(pr.keyed(&self.graph, &frozen))
    }

    /// `leaderboard` / `leaderboardJson`.
    pub(crate) fn leaderboard_of(
        &self,
        n: Option<JsValue>,
        options: Option<JsValue>,
    ) -> JsResult<Leaderboard> {
        let n = opt_u32_param(n, "n", 0)?.unwrap_or(10) as usize;
        let opts: ImpactOptions = from_js_or_default(options, "options")?;
        core(impact::leaderboard(&self.graph, &opts, n))
    }

    /// The impact index under `opts`, computed once per graph state and options (edits drop
    /// it, like the matcher).
    fn impact_index_of(&mut self, opts: ImpactOptions) -> JsResult<&ImpactIndex> {
        if self.impact.as_ref().is_none_or(|(o, _)| *o != opts) {
            let index = core(impact::impact_index(&self.graph, &opts))?;
            self.impact = Some((opts, index));
        }
        self.cached_index()
    }

    /// The impact index computed last.
    fn cached_index(&self) -> JsResult<&ImpactIndex> {
        match &self.impact {
            Some((_, index)) => Ok(index),
            None => Err(js_error(kechuang::Error::invalid(
                "impact index",
                "was not computed",
            ))),
        }
    }
}

/// A JS callback `(done, total) => boolean | void` as the core's progress hook: `false`
/// cancels; an exception it throws is kept in `thrown` (and cancels) to be rethrown as is.
fn progress_hook<'a>(
    f: &'a js_sys::Function,
    thrown: &'a mut Option<JsValue>,
) -> impl FnMut(usize, usize) -> bool + 'a {
    move |done, total| match f.call2(
        &JsValue::NULL,
        &JsValue::from_f64(done as f64),
        &JsValue::from_f64(total as f64),
    ) {
        Ok(r) => r.as_bool() != Some(false),
        Err(e) => {
            *thrown = Some(e);
            false
        }
    }
}

#[wasm_bindgen]
impl Programme {
    /// Betweenness of every entity (Brandes; exact, or sampled with `options.samples`
    /// sources and `options.seed`), on the same walk graph as PageRank (`rankOptions`), by
    /// key with `info: {exact, sources}`. `onProgress(done, total)` is called after each
    /// source; returning `false` cancels (`cancelled`), an exception it throws is rethrown.
    /// Exact betweenness is O(n·m): on a large programme, sample.
    #[wasm_bindgen(unchecked_return_type = "NodeScores")]
    pub fn betweenness(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "BetweennessOptions")] options: Option<
            JsValue,
        >,
        #[wasm_bindgen(
            js_name = "rankOptions",
            unchecked_optional_param_type = "GraphRankOptions"
        )]
        rank_options: Option<JsValue>,
        #[wasm_bindgen(
            js_name = "onProgress",
            unchecked_optional_param_type = "(done: number, total: number) => boolean | void"
        )]
        on_progress: Option<js_sys::Function>,
    ) -> JsResult<JsValue> {
        let opts: BetweennessOptions = from_js_or_default(options, "options")?;
        let rank: GraphRankOptions = from_js_or_default(rank_options, "rankOptions")?;
        let frozen = self.graph.frozen();
        let mut thrown = None;
        let result: kechuang::Result<Betweenness> = match &on_progress {
            Some(f) => {
                let mut hook = progress_hook(f, &mut thrown);
                impact::betweenness(&frozen, &rank, &opts, Some(&mut hook))
            }
            None => impact::betweenness(&frozen, &rank, &opts, None),
        };
        if let Some(e) = thrown {
            return Err(e);
        }
        to_js(&core(core(result)?.keyed(&self.graph, &frozen))?)
    }

    /// Burt's brokerage of every entity over the relations `rankOptions` keeps: `constraint`
    /// (low = a broker between unconnected contacts) and `effective_size`, both indexed like
    /// `keys()`; `null` for an entity without neighbours (undefined, as in networkx).
    #[wasm_bindgen(unchecked_return_type = "Brokerage")]
    pub fn brokerage(
        &self,
        #[wasm_bindgen(
            js_name = "rankOptions",
            unchecked_optional_param_type = "GraphRankOptions"
        )]
        rank_options: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let rank: GraphRankOptions = from_js_or_default(rank_options, "rankOptions")?;
        let b: Brokerage = core(impact::brokerage(&self.graph.frozen(), &rank))?;
        to_js(&b)
    }

    /// Credits every outcome to the actors the graph links it to, by role shares or Shapley
    /// values, with time decay (`options`: `rule`, `group_shares`, `role_weights`,
    /// `kind_weights`, `money`, `market_share_points`, `half_life_days`, `as_of`, `seed`).
    #[wasm_bindgen(unchecked_return_type = "Attribution")]
    pub fn attribution(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CreditOptions")] options: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let opts: CreditOptions = from_js_or_default(options, "options")?;
        let a: Attribution = core(impact::attribute(&self.graph, &opts))?;
        to_js(&a)
    }

    /// The composite impact index of every scored entity (outcome credit, network position,
    /// activity; each a within-kind percentile) with its breakdown, rows in id order, plus the
    /// attribution behind it (`options`: `credit`, `rank`, `weights`, `kind_weights`).
    #[wasm_bindgen(js_name = impactIndex, unchecked_return_type = "ImpactIndex")]
    pub fn impact_index(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "ImpactOptions")] options: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let opts: ImpactOptions = from_js_or_default(options, "options")?;
        to_js(self.impact_index_of(opts)?)
    }

    /// A ranking (榜单): the top `top_n` entities of a kind by impact index (default: 10
    /// experts), optionally within a region (nested sub-regions included) or an industry
    /// (prefix match), best first, ties by key. The index is computed once per options and
    /// kept until the programme is edited, so ranking by several regions costs one index.
    /// Errors: `unknown_key` / `wrong_kind` for the region, `invalid_value`.
    #[wasm_bindgen(unchecked_return_type = "ImpactRow[]")]
    pub fn ranking(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "RankingQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "ImpactOptions")] options: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let q: RankingQuery = from_js_or_default(query, "query")?;
        let opts: ImpactOptions = from_js_or_default(options, "options")?;
        self.impact_index_of(opts)?;
        to_js(&core(self.cached_index()?.ranking(&self.graph, &q))?)
    }
}
