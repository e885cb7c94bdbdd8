//! Graph-size limits of the WASM package.
//!
//! A wasm32 module addresses at most 4 GiB, and a browser tab may get less. A programme bigger
//! than [`MAX_NODES`] entities, [`MAX_EDGES`] relations or [`MAX_INPUT_BYTES`] of snapshot / CSV
//! text is refused with a `limit_exceeded` error naming the limit, so an upload of the wrong
//! file fails cleanly instead of trapping with "out of memory" halfway. What is checked when:
//!
//! - the input size before the text is copied into WASM memory (a JS string's UTF-16 length,
//!   at most its UTF-8 size), then its exact UTF-8 size as it is copied;
//! - a JSON snapshot's entity and relation id slots before the core reads any record, by a
//!   pre-pass that keeps no record ([`snapshot_slots`]: record counts, one past the largest
//!   `id`, `node_bound`/`edge_bound`);
//! - CSV counts and ids only once loaded (no pre-pass over CSV yet);
//! - every loaded programme's counts and id slots before it is returned;
//! - `generate`'s size before generating, from an upper bound ([`synth_size`]);
//! - `addNode`/`addEdge`/`connect` before adding.
//!
//! How the numbers were chosen (measured memory per entity and relation in wasm32) is in
//! `bindings-wasm/README.md`, "Size limits".
//!
//! A page can lower the limits (never raise them) with a [`GraphLimits`] argument, e.g. to
//! refuse uploads far bigger than a city's programme; the programme keeps its limits, and
//! `addNode`/`addEdge` check them too.

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
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

/// Entities per unit of `SynthConfig.scale` other than the experts' documents (Tai'an preset:
/// about 10,500 entities, of which about 4,130 documents at the default 4 per expert).
const SYNTH_OTHER_NODES_PER_SCALE: f64 = 6_400.0;
/// Relations per unit of scale other than the documents' `authored` (about 24,000 in all).
const SYNTH_OTHER_EDGES_PER_SCALE: f64 = 20_000.0;
/// Experts per unit of scale; each has `docs_per_expert` documents on average (one entity and
/// one `authored` relation each).
const SYNTH_EXPERTS_PER_SCALE: f64 = 1_000.0;
/// Extra documents per unit of scale: academicians (33 per unit) get 4 more each.
const SYNTH_EXTRA_DOCS_PER_SCALE: f64 = 132.0;
/// Relative margin over the measured means (random draws, rounding up of small counts).
const SYNTH_MARGIN: f64 = 1.15;
/// Entities and relations that do not scale (regions, at least one of every kind).
const SYNTH_FIXED: f64 = 200.0;
/// Most relations per entity of a programme generated for an exact `nodes` without `edges`:
/// about 2.8 with one document per expert, fewer with more (a document brings one of each),
/// padding enterprises bring one each.
const SYNTH_EDGES_PER_NODE: f64 = 3.5;

/// An upper bound of the entities and relations `generate` makes for `cfg` (exact `nodes` and
/// `edges` when given; else from `scale` and `docs_per_expert`, or, for relations, from the
/// exact `nodes`).
pub(crate) fn synth_size(cfg: &kechuang::synth::SynthConfig) -> (usize, usize) {
    let bound = |x: f64| {
        if x.is_finite() {
            x.clamp(0.0, usize::MAX as f64) as usize
        } else {
            usize::MAX
        }
    };
    let scale = if cfg.scale.is_nan() {
        0.0
    } else {
        cfg.scale.max(0.0)
    };
    // the core caps each expert's documents at 60 (+ 4 for an academician); a NaN is the
    // core's invalid_value, not a size
    let per_expert = if cfg.docs_per_expert.is_nan() {
        1.0
    } else {
        cfg.docs_per_expert.clamp(1.0, 60.0)
    };
    let docs = scale * (SYNTH_EXPERTS_PER_SCALE * per_expert + SYNTH_EXTRA_DOCS_PER_SCALE);
    let nodes = cfg.nodes.unwrap_or_else(|| {
        bound((scale * SYNTH_OTHER_NODES_PER_SCALE + docs) * SYNTH_MARGIN + SYNTH_FIXED)
    });
    let edges = cfg.edges.unwrap_or_else(|| match cfg.nodes {
        Some(n) => bound(n as f64 * SYNTH_EDGES_PER_NODE + SYNTH_FIXED),
        None => bound((scale * SYNTH_OTHER_EDGES_PER_SCALE + docs) * SYNTH_MARGIN + SYNTH_FIXED),
    });
    (nodes, edges)
}

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

    /// Checks the size of a JSON snapshot before the core loads it: a pre-pass over the text
    /// ([`snapshot_slots`]) that allocates nothing per record, so neither many small records
    /// nor sparse ids (an `id` or `node_bound`/`edge_bound` far ahead, which the loader fills
    /// with vacant slots) can exhaust memory before the counts are checked.
    pub(crate) fn check_snapshot(&self, text: &str) -> JsResult<()> {
        let (nodes, edges) = snapshot_slots(text);
        self.check_id_slots(nodes, edges)
    }

    /// Checks id slots found by a pre-pass (ids name the limit they are over).
    pub(crate) fn check_id_slots(&self, nodes: u64, edges: u64) -> JsResult<()> {
        let sat = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        if sat(nodes) > self.max_nodes {
            return Err(exceeded(
                "entities or entity ids (GraphLimits.max_nodes; one past the largest id, node_bound, or the number of records)",
                self.max_nodes,
                sat(nodes),
                HINT,
            ));
        }
        if sat(edges) > self.max_edges {
            return Err(exceeded(
                "relations or relation ids (GraphLimits.max_edges; one past the largest id, edge_bound, or the number of records)",
                self.max_edges,
                sat(edges),
                HINT,
            ));
        }
        Ok(())
    }

    /// Checks the size a synthetic programme will have, before generating it: exact `nodes`
    /// and `edges` when given, else an upper bound ([`synth_size`]).
    pub(crate) fn check_synth(&self, cfg: &kechuang::synth::SynthConfig) -> JsResult<()> {
        let (nodes, edges) = synth_size(cfg);
        self.check_counts(nodes, edges)
    }
}

#[wasm_bindgen]
impl Programme {
    /// The size limits of this programme (`{max_nodes, max_edges, max_input_bytes}`).
    #[wasm_bindgen(unchecked_return_type = "Required<GraphLimits>")]
    pub fn limits(&self) -> JsResult<JsValue> {
        to_js(&self.limits)
    }
}

/// The maximum size limits of the WASM package (`{max_nodes, max_edges, max_input_bytes}`),
/// the default of every programme.
#[wasm_bindgen(js_name = graphLimits, unchecked_return_type = "Required<GraphLimits>")]
pub fn graph_limits() -> JsResult<JsValue> {
    to_js(&GraphLimits::default())
}

/// The id slots a snapshot makes the core loader allocate, `(entity slots, relation slots)`,
/// found by a pre-pass over the JSON text that keeps no record: per list, the slot after the
/// last record as the loader assigns them (a record's `id`, else the next id; so at least the
/// number of records and one past the largest id), and `node_bound`/`edge_bound` when larger.
///
/// Text the pre-pass cannot read (bad syntax, a non-integer id, not an object) is counted up to
/// where it stopped: the core loader then refuses it with its own error, after reading no more
/// records than were counted.
pub(crate) fn snapshot_slots(text: &str) -> (u64, u64) {
    let slots = Slots::default();
    let _ = serde_json::Deserializer::from_str(text).deserialize_map(SnapshotVisitor(&slots));
    (
        slots.nodes.get().max(slots.node_bound.get()),
        slots.edges.get().max(slots.edge_bound.get()),
    )
}

/// What [`snapshot_slots`] has counted so far.
#[derive(Default)]
struct Slots {
    nodes: Cell<u64>,
    edges: Cell<u64>,
    node_bound: Cell<u64>,
    edge_bound: Cell<u64>,
}

/// Reads the top-level object: `nodes`, `edges`, `node_bound`, `edge_bound`; skips the rest.
struct SnapshotVisitor<'a>(&'a Slots);

impl<'de> Visitor<'de> for SnapshotVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a snapshot object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "nodes" => map.next_value_seed(RecordsSeed(&self.0.nodes))?,
                "edges" => map.next_value_seed(RecordsSeed(&self.0.edges))?,
                "node_bound" | "edge_bound" => {
                    let cell = if key == "node_bound" {
                        &self.0.node_bound
                    } else {
                        &self.0.edge_bound
                    };
                    if let Some(b) = map.next_value::<Option<u64>>()? {
                        cell.set(cell.get().max(b));
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Reads a list of records, counting slots into the cell as it goes.
struct RecordsSeed<'a>(&'a Cell<u64>);

impl<'de> DeserializeSeed<'de> for RecordsSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RecordsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // the loader's next id: a record's id if given (ids must increase), else the next one
        let mut next = self.0.get();
        while let Some(rec) = seq.next_element::<IdOnly>()? {
            next = rec.id.map_or(next, |id| next.max(id)).saturating_add(1);
            self.0.set(next);
        }
        Ok(())
    }
}

/// A record's `id`, every other field skipped.
#[derive(Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use kechuang::synth::{SynthConfig, generate};

    #[test]
    fn the_synthetic_estimate_is_an_upper_bound() -> kechuang::Result<()> {
        for (scale, nodes, docs) in [
            (0.02, None, 4.0),
            (0.2, None, 1.0),
            (0.2, None, 4.0),
            (0.1, None, 30.0),
            (0.05, None, 100.0),
            (1.0, Some(3_000), 1.0),
            (1.0, Some(3_000), 4.0),
            (1.0, Some(20_000), 50.0),
        ] {
            let mut cfg = SynthConfig::with_seed(3);
            cfg.scale = scale;
            cfg.nodes = nodes;
            cfg.docs_per_expert = docs;
            let g = generate(&cfg)?.graph;
            let (n, m) = synth_size(&cfg);
            let what = format!("scale {scale}, nodes {nodes:?}, docs {docs}");
            assert!(
                n >= g.node_count(),
                "{what}: {n} < {} entities",
                g.node_count()
            );
            assert!(
                m >= g.edge_count(),
                "{what}: {m} < {} relations",
                g.edge_count()
            );
            println!("{what}: {n} ≥ {}, {m} ≥ {}", g.node_count(), g.edge_count());
            // and not wildly above from the scale (a bound that refuses sizes that fit is
            // useless); from exact nodes it allows for the fewest documents
            let loose = if nodes.is_some() { 4 } else { 2 };
            assert!(n <= g.node_count() * 2 + 400, "{what}: {n} entities");
            assert!(m <= g.edge_count() * loose + 400, "{what}: {m} relations");
        }
        Ok(())
    }

    #[test]
    fn more_documents_per_expert_and_exact_nodes_raise_the_estimate() {
        let base = SynthConfig::default();
        let mut more_docs = base.clone();
        more_docs.docs_per_expert = 40.0;
        assert!(synth_size(&more_docs).0 > synth_size(&base).0 + 30_000);
        assert!(synth_size(&more_docs).1 > synth_size(&base).1 + 30_000);
        // nodes without edges: the relations follow the nodes, not the scale
        let mut sized = base.clone();
        sized.nodes = Some(400_000);
        sized.scale = 0.001;
        assert!(synth_size(&sized).1 >= 1_000_000);
        assert_eq!(synth_size(&SynthConfig::sized(1, 10, 20)), (10, 20));
    }

    #[test]
    fn the_pre_pass_counts_records_ids_and_bounds() {
        let slots = |t: &str| snapshot_slots(t);
        assert_eq!(slots(r#"{"schema_version": 2}"#), (0, 0));
        assert_eq!(
            slots(
                r#"{"schema_version":2,"nodes":[{"key":"a"},{"key":"b","x":[1,{"id":9}]}],"edges":[{}]}"#
            ),
            (2, 1)
        );
        // sparse ids: one past the largest, then the records after it
        assert_eq!(
            slots(r#"{"nodes":[{"id":0},{"id":16000000},{"key":"c"}],"edges":[{"id":7}]}"#),
            (16_000_002, 8)
        );
        // bounds, in any field order, and not added to the records
        assert_eq!(
            slots(r#"{"node_bound":16777216,"edge_bound":5,"nodes":[{"id":3}],"edges":[{},{}]}"#),
            (16_777_216, 5)
        );
        assert_eq!(slots(r#"{"node_bound":2,"nodes":[{},{},{}]}"#), (3, 0));
        // escaped keys are the same keys
        assert_eq!(slots(r#"{"nod\u0065s":[{},{}]}"#), (2, 0));
        // unreadable text: counted up to where it stops (the core reports the error)
        assert_eq!(slots(r#"{"nodes":[{"id":4},{"id":"x"},{}]}"#), (5, 0));
        assert_eq!(slots(r#"{"nodes":[{},{},"#), (2, 0));
        assert_eq!(slots("[1, 2]"), (0, 0));
        assert_eq!(slots(""), (0, 0));
    }
}
