//! Deterministic generator of realistic synthetic programmes, for examples, tests and
//! benchmarks.
//!
//! [`taian`] builds a pilot city shaped like Tai'an 2020–2022 (see the table in the design):
//! its districts, counties and parks nested under 泰安市, the leading industries of the default
//! [`Taxonomy`](crate::model::Taxonomy), 68 national societies plus provincial, municipal,
//! enterprise and university ones, about 1,000 experts of whom exactly 33 are academicians,
//! 2,000+ liaisons in a pyramid of training tiers, workstations, forums, agreements, 91
//! alliances, 103 funded projects (about 5 million CNY a year), service teams, trainings,
//! enterprises, demands with dated lifecycles (150+ solved, with outcomes including economic
//! benefit and one market share of 61%), and documents authored by experts. Names and texts are
//! Chinese and English, drawn from built-in vocabularies of eleven domains (metallurgy, mining,
//! chemicals, equipment, new materials, testing, agriculture, new energy, pharma, IT, textiles).
//!
//! [`generate`] scales the same structure with [`SynthConfig::scale`], or to an exact number of
//! nodes and edges ([`SynthConfig::nodes`], [`SynthConfig::edges`]) up to millions, with
//! heavy-tailed degrees (preferential attachment for collaborations and memberships).
//!
//! **Ground truth.** Every expert works on one topic with a *specialty*: two of the topic's
//! technical terms. Each of their documents mentions both specialty terms twice (in Chinese and
//! English) and one other term of the topic once, plus words shared by the whole domain. A
//! demand is written about a topic and two focus terms; its planted best-fit experts are the
//! experts with exactly that specialty — their documents are the densest in the focus terms —
//! ordered by how many such documents they have (ties by id). Other experts of the same topic
//! share one of the two terms, and the whole domain shares vocabulary, so the task is not
//! trivial. Each [`GroundTruth`] carries the need in Chinese, English, mixed, and with variant
//! terms (synonyms, abbreviations).
//!
//! **Determinism.** The stream comes from a SplitMix64 generator written into this module (no
//! `rand`), only integer arithmetic and IEEE additions/multiplications are used, and no hash
//! map is ever iterated: the same seed gives the same programme on every platform.
//!
//! ```
//! let taian = kechuang::synth::taian(42)?;
//! let g = &taian.graph;
//! let academicians = g
//!     .nodes_of(kechuang::model::NodeKind::Expert)
//!     .filter(|(_, n)| n.as_expert().is_some_and(|x| x.is_academician()))
//!     .count();
//! assert_eq!(academicians, 33);
//! let truth = &taian.truth[0];
//! assert!(g.get(&truth.demand).is_some() && !truth.experts.is_empty());
//! # Ok::<(), kechuang::Error>(())
//! ```

mod generator;
mod rng;
mod vocab;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::CollabGraph;

/// Options of the generator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct SynthConfig {
    /// Seed of the random stream; the same seed gives the same programme.
    pub seed: u64,
    /// Size relative to Tai'an (1.0 ≈ 10,400 entities and 23,500 relations). Ignored when
    /// [`SynthConfig::nodes`] is set.
    pub scale: f64,
    /// Exact number of entities wanted; the scale is derived from it and the remainder is made
    /// up with extra enterprises.
    pub nodes: Option<usize>,
    /// Exact number of relations wanted; relations beyond the programme's structure are added
    /// by preferential attachment (expert collaborations, memberships, participations), giving
    /// heavy-tailed degrees. Must be at least what the structure needs.
    pub edges: Option<usize>,
    /// Mean number of papers and patents per expert (at least 1 each).
    pub docs_per_expert: f64,
    /// At most this many demands get a [`GroundTruth`] record.
    pub truth_limit: usize,
}

impl Default for SynthConfig {
    fn default() -> Self {
        SynthConfig {
            seed: 42,
            scale: 1.0,
            nodes: None,
            edges: None,
            docs_per_expert: 4.0,
            truth_limit: 100_000,
        }
    }
}

impl SynthConfig {
    /// The Tai'an-sized configuration with this seed.
    pub fn with_seed(seed: u64) -> Self {
        SynthConfig {
            seed,
            ..Self::default()
        }
    }

    /// A configuration asking for exactly `nodes` entities and `edges` relations.
    pub fn sized(seed: u64, nodes: usize, edges: usize) -> Self {
        SynthConfig {
            seed,
            nodes: Some(nodes),
            edges: Some(edges),
            ..Self::default()
        }
    }

    fn validate(&self) -> Result<()> {
        if !self.scale.is_finite() || self.scale <= 0.0 || self.scale > MAX_SCALE {
            return Err(Error::invalid(
                "scale",
                format!(
                    "{} is not in (0, {MAX_SCALE}]; 1.0 is Tai'an size",
                    self.scale
                ),
            ));
        }
        if !self.docs_per_expert.is_finite() || !(1.0..=100.0).contains(&self.docs_per_expert) {
            return Err(Error::invalid(
                "docs_per_expert",
                format!("{} is not in [1, 100]", self.docs_per_expert),
            ));
        }
        if let Some(n) = self.nodes
            && n > MAX_NODES
        {
            return Err(Error::LimitExceeded {
                what: "synthetic nodes".into(),
                limit: MAX_NODES as u64,
                actual: n as u64,
                hint: "generate several programmes or ask for fewer nodes".into(),
            });
        }
        if let Some(m) = self.edges
            && m > MAX_EDGES
        {
            return Err(Error::LimitExceeded {
                what: "synthetic edges".into(),
                limit: MAX_EDGES as u64,
                actual: m as u64,
                hint: "ask for fewer edges".into(),
            });
        }
        Ok(())
    }
}

/// Largest accepted [`SynthConfig::scale`].
pub const MAX_SCALE: f64 = 2_000.0;
/// Largest accepted [`SynthConfig::nodes`].
pub const MAX_NODES: usize = 20_000_000;
/// Largest accepted [`SynthConfig::edges`].
pub const MAX_EDGES: usize = 200_000_000;

/// A generated programme: the graph and the known answers.
#[derive(Debug, Clone)]
pub struct Programme {
    /// The collaboration graph.
    pub graph: CollabGraph,
    /// Known best-fit experts for demands, in demand id order.
    pub truth: Vec<GroundTruth>,
}

impl Programme {
    /// The ground truth of a demand, by key.
    pub fn truth_for(&self, demand: &str) -> Option<&GroundTruth> {
        self.truth.iter().find(|t| t.demand == demand)
    }
}

/// The known answer for one demand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroundTruth {
    /// Key of the demand node in the graph.
    pub demand: String,
    /// The planted topic id (e.g. `"met-ironmaking"`).
    pub topic: String,
    /// Keys of the planted best-fit experts, best first.
    pub experts: Vec<String>,
    /// The need in Chinese.
    pub text_zh: String,
    /// The same need in English.
    pub text_en: String,
    /// The need in Chinese with the technical terms in English.
    pub text_mixed: String,
    /// The need written with variant terms (synonyms, abbreviations, alternative spellings).
    pub text_variant: String,
    /// The two focus terms in Chinese (canonical forms).
    pub terms_zh: Vec<String>,
    /// The two focus terms in English (canonical forms).
    pub terms_en: Vec<String>,
}

/// The Tai'an preset with this seed (see the module docs).
///
/// # Arguments
/// * `seed` — seed of the random stream.
///
/// # Returns
/// The programme (about 10,400 entities, 23,500 relations) and at least 200 ground-truth
/// records.
///
/// # Complexity
/// O(n + m) time and space; well under a second.
///
/// # Example
/// ```
/// let p = kechuang::synth::taian(7)?;
/// assert_eq!(p.graph.nodes_of(kechuang::model::NodeKind::Alliance).count(), 91);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// 中国科协, "科创中国" 试点城市建设 (Tai'an 2020–2022 figures).
pub fn taian(seed: u64) -> Result<Programme> {
    generate(&SynthConfig::with_seed(seed))
}

/// Generates a programme (see the module docs).
///
/// # Arguments
/// * `cfg` — seed, scale or exact sizes, documents per expert, truth limit.
///
/// # Returns
/// The programme. Errors: `invalid_value` (bad knob, or `edges` below what the structure of
/// `nodes` needs), `limit_exceeded`.
///
/// # Complexity
/// O(n + m) time and space (a million entities and ten million relations take seconds and a
/// few GB).
///
/// # Example
/// ```
/// use kechuang::synth::{generate, SynthConfig};
/// let p = generate(&SynthConfig::sized(1, 5_000, 30_000))?;
/// assert_eq!((p.graph.node_count(), p.graph.edge_count()), (5_000, 30_000));
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Barabási & Albert, "Emergence of scaling in random networks", Science 286 (1999), for the
/// preferential attachment of extra relations.
pub fn generate(cfg: &SynthConfig) -> Result<Programme> {
    generate_with_progress(cfg, |_, _| true)
}

/// [`generate`] with a progress hook called with `(steps done, steps total)` between stages;
/// returning `false` cancels with [`Error::Cancelled`].
pub fn generate_with_progress<F>(cfg: &SynthConfig, progress: F) -> Result<Programme>
where
    F: FnMut(usize, usize) -> bool,
{
    cfg.validate()?;
    generator::run(cfg, progress)
}

#[cfg(test)]
mod tests;
