//! Graph-size limits of the WASM package.
//!
//! A wasm32 module addresses at most 4 GiB, and a browser tab may get less. A programme bigger
//! than [`MAX_NODES`] entities, [`MAX_EDGES`] relations or [`MAX_INPUT_BYTES`] of snapshot / CSV
//! text is refused with a `limit_exceeded` error naming the limit **before** it is loaded, so
//! an upload of the wrong file fails cleanly instead of trapping with "out of memory" halfway.
//! How the numbers were chosen (measured memory per entity and relation in wasm32) is in
//! `bindings-wasm/README.md`, "Size limits".
//!
//! A page can lower the limits (never raise them) with a [`GraphLimits`] argument, e.g. to
//! refuse uploads far bigger than a city's programme; the programme keeps its limits, and
//! `addNode`/`addEdge` check them too.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::Programme;
use crate::convert::{JsResult, from_js_or_default, js_error, to_js};

/// Most entities a programme may hold in wasm32 (generating one this size peaks at about
/// 2 GB of WASM memory, loading one at about 0.7 GB plus its relations).
pub const MAX_NODES: usize = 500_000;
/// Most relations a programme may hold in wasm32 (about 0.3 KB each once loaded).
pub const MAX_EDGES: usize = 2_000_000;
/// Largest snapshot or CSV text read in one call, in bytes (UTF-8): loading peaks at about
/// 3.5 × the text, so 384 MiB stays near 1.4 GB.
pub const MAX_INPUT_BYTES: usize = 384 << 20;

/// The entities per Tai'an-sized unit of `SynthConfig.scale` (Tai'an preset, seed-independent
/// to within a few percent): the estimate checked before generating.
const SYNTH_NODES_PER_SCALE: f64 = 10_500.0;
/// Relations per unit of `SynthConfig.scale`, as [`SYNTH_NODES_PER_SCALE`].
const SYNTH_EDGES_PER_SCALE: f64 = 24_000.0;

/// Size limits of one programme (every field optional; the default is the maximum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GraphLimits {
    /// Most entities (≤ [`MAX_NODES`]).
    pub max_nodes: usize,
    /// Most relations (≤ [`MAX_EDGES`]).
    pub max_edges: usize,
    /// Largest snapshot or CSV input in bytes (≤ [`MAX_INPUT_BYTES`]).
    pub max_input_bytes: usize,
}

impl Default for GraphLimits {
    fn default() -> Self {
        GraphLimits {
            max_nodes: MAX_NODES,
            max_edges: MAX_EDGES,
            max_input_bytes: MAX_INPUT_BYTES,
        }
    }
}

/// `limit_exceeded` naming the limit.
fn exceeded(what: &str, limit: usize, actual: usize, hint: &str) -> JsValue {
    js_error(kechuang::Error::LimitExceeded {
        what: what.into(),
        limit: limit as u64,
        actual: actual as u64,
        hint: hint.into(),
    })
}

const HINT: &str = "the WASM package holds at most the documented GraphLimits (bindings-wasm/README.md, \"Size limits\"); load a smaller programme (one region, fewer years) or use the Rust or Python package";

impl GraphLimits {
    /// Reads optional limits and checks they do not exceed the maxima.
    pub(crate) fn from_arg(v: Option<JsValue>) -> JsResult<GraphLimits> {
        let l: GraphLimits = from_js_or_default(v, "limits")?;
        let max = GraphLimits::default();
        for (field, value, most) in [
            ("limits.max_nodes", l.max_nodes, max.max_nodes),
            ("limits.max_edges", l.max_edges, max.max_edges),
            (
                "limits.max_input_bytes",
                l.max_input_bytes,
                max.max_input_bytes,
            ),
        ] {
            if value > most {
                return Err(js_error(kechuang::Error::invalid(
                    field,
                    format!(
                        "{value} is above the wasm32 maximum {most}; limits can only be lowered"
                    ),
                )));
            }
        }
        Ok(l)
    }

    /// Checks the size of an input text (in bytes; an upper bound such as a UTF-16 length
    /// works too, see [`GraphLimits::check_js_text`]).
    pub(crate) fn check_input(&self, bytes: usize) -> JsResult<()> {
        if bytes > self.max_input_bytes {
            return Err(exceeded(
                "input size in bytes (GraphLimits.max_input_bytes)",
                self.max_input_bytes,
                bytes,
                HINT,
            ));
        }
        Ok(())
    }

    /// Checks a JS string before it is copied into WASM memory: its UTF-8 size is at least its
    /// UTF-16 length, so a string longer than the limit is refused without converting it.
    pub(crate) fn check_js_text(&self, s: &js_sys::JsString) -> JsResult<()> {
        self.check_input(s.length() as usize)
    }

    /// Checks entity and relation counts.
    pub(crate) fn check_counts(&self, nodes: usize, edges: usize) -> JsResult<()> {
        if nodes > self.max_nodes {
            return Err(exceeded(
                "entities (GraphLimits.max_nodes)",
                self.max_nodes,
                nodes,
                HINT,
            ));
        }
        if edges > self.max_edges {
            return Err(exceeded(
                "relations (GraphLimits.max_edges)",
                self.max_edges,
                edges,
                HINT,
            ));
        }
        Ok(())
    }

    /// Checks the size a synthetic programme will have, before generating it: exact `nodes`
    /// and `edges` when given, else estimated from `scale`.
    pub(crate) fn check_synth(&self, cfg: &kechuang::synth::SynthConfig) -> JsResult<()> {
        let est = |per: f64| (cfg.scale.max(0.0) * per).min(usize::MAX as f64) as usize;
        let nodes = cfg.nodes.unwrap_or_else(|| est(SYNTH_NODES_PER_SCALE));
        let edges = cfg.edges.unwrap_or_else(|| est(SYNTH_EDGES_PER_SCALE));
        self.check_counts(nodes, edges)
    }
}

#[wasm_bindgen]
impl Programme {
    /// The size limits of this programme (`{max_nodes, max_edges, max_input_bytes}`).
    #[wasm_bindgen(unchecked_return_type = "GraphLimits")]
    pub fn limits(&self) -> JsResult<JsValue> {
        to_js(&self.limits)
    }
}

/// The maximum size limits of the WASM package (`{max_nodes, max_edges, max_input_bytes}`),
/// the default of every programme.
#[wasm_bindgen(js_name = graphLimits, unchecked_return_type = "GraphLimits")]
pub fn graph_limits() -> JsResult<JsValue> {
    to_js(&GraphLimits::default())
}
