//! Synthetic programmes: the Tai'an preset and the scalable generator, with ground truth.

use kechuang::synth::{SynthConfig, generate, taian};
use wasm_bindgen::prelude::*;

use crate::Programme;
use crate::convert::{JsResult, core, from_js_or_default, js_error, to_js};
use crate::limits::GraphLimits;

/// Largest integer a JS number holds exactly (2^53 − 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A seed given as a JS number: an integer from 0 to 2^53 − 1.
fn seed_arg(seed: f64) -> JsResult<u64> {
    if seed.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&seed) {
        Ok(seed as u64)
    } else {
        Err(js_error(kechuang::Error::invalid(
            "seed",
            format!("{seed} is not an integer from 0 to 2^53 − 1"),
        )))
    }
}

impl Programme {
    fn from_synth(p: kechuang::synth::Programme) -> Programme {
        let mut out = Programme::from_graph(p.graph);
        out.truth = p.truth;
        out
    }
}

#[wasm_bindgen]
impl Programme {
    /// The Tai'an preset: a synthetic pilot city shaped like Tai'an 2020–2022 (about 11,000
    /// entities and 40,000 relations), the same for the same seed on every platform, with
    /// ground truth for its demands (see [`Programme::truth`]).
    pub fn taian(seed: f64) -> JsResult<Programme> {
        Ok(Programme::from_synth(core(taian(seed_arg(seed)?))?))
    }

    /// A synthetic programme of any size (`{seed, scale}` or exact `{nodes, edges}`; every
    /// field optional). Errors: `invalid_value`, `limit_exceeded` (the size is checked against
    /// the limits, optionally lowered by `limits`, before generating: exact `nodes`/`edges`,
    /// else estimated from `scale`; and the result once more).
    pub fn generate(
        #[wasm_bindgen(unchecked_optional_param_type = "SynthConfig")] config: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "GraphLimits")] limits: Option<JsValue>,
    ) -> JsResult<Programme> {
        let limits = GraphLimits::from_arg(limits)?;
        let cfg: SynthConfig = from_js_or_default(config, "config")?;
        limits.check_synth(&cfg)?;
        let p = core(generate(&cfg))?;
        let mut out = Programme::loaded(p.graph, limits)?;
        out.truth = p.truth;
        Ok(out)
    }

    /// The known best-fit experts of a synthetic programme's demands (empty for a programme
    /// loaded from a snapshot or built by hand).
    #[wasm_bindgen(unchecked_return_type = "GroundTruth[]")]
    pub fn truth(&self) -> JsResult<JsValue> {
        to_js(&self.truth)
    }
}
