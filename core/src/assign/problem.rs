//! Problem input: affinities, demands, experts, conflicts, forced pairs, quotas.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Largest score accepted. Scores are scaled to integers (see [`AssignOptions::scale`]); this
/// bound keeps every path cost of the min-cost flow inside `i64`.
///
/// [`AssignOptions::scale`]: super::AssignOptions::scale
pub const MAX_SCORE: f64 = 1e6;

/// Largest number of candidate pairs one problem may hold (demand × expert pairs after
/// `allow_zero_affinity` expansion). 50 million pairs use about 1.2 GB.
pub const MAX_PAIRS: u64 = 50_000_000;

/// How well one expert fits one demand, by key. The input of assignment (the matching module's
/// `AffinityTable` converts to a `Vec<Affinity>`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Affinity {
    /// Key of the demand.
    pub demand: String,
    /// Key of the expert.
    pub expert: String,
    /// Affinity, finite, in `[0, MAX_SCORE]`; higher is better.
    pub score: f64,
}

impl Affinity {
    /// An affinity entry.
    pub fn new(demand: impl Into<String>, expert: impl Into<String>, score: f64) -> Self {
        Affinity {
            demand: demand.into(),
            expert: expert.into(),
            score,
        }
    }
}

/// A demand to staff: its key, how many experts it needs, and its group quotas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DemandSpec {
    /// Key of the demand.
    pub key: String,
    /// Number of experts it needs, exactly (0 = none; it then only gets alternates).
    pub need: u32,
    /// Group quotas among its experts (see [`Quota`]).
    pub quotas: Vec<Quota>,
}

impl Default for DemandSpec {
    fn default() -> Self {
        DemandSpec {
            key: String::new(),
            need: 1,
            quotas: Vec::new(),
        }
    }
}

impl DemandSpec {
    /// A demand needing `need` experts, without quotas.
    pub fn new(key: impl Into<String>, need: u32) -> Self {
        DemandSpec {
            key: key.into(),
            need,
            quotas: Vec::new(),
        }
    }

    /// This demand with one more quota.
    #[must_use]
    pub fn with_quota(mut self, quota: Quota) -> Self {
        self.quotas.push(quota);
        self
    }
}

/// An expert who can be assigned: key, minimum and maximum load, and group labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExpertSpec {
    /// Key of the expert.
    pub key: String,
    /// Fewest demands the expert must take (hard).
    pub min_load: u32,
    /// Most demands the expert may take (hard).
    pub max_load: u32,
    /// Group labels used by quotas, e.g. `"academician"`, `"org:i:tsinghua"`.
    pub groups: Vec<String>,
}

impl Default for ExpertSpec {
    fn default() -> Self {
        ExpertSpec {
            key: String::new(),
            min_load: 0,
            max_load: 1,
            groups: Vec::new(),
        }
    }
}

impl ExpertSpec {
    /// An expert with loads in `min_load..=max_load` and no group labels.
    pub fn new(key: impl Into<String>, min_load: u32, max_load: u32) -> Self {
        ExpertSpec {
            key: key.into(),
            min_load,
            max_load,
            groups: Vec::new(),
        }
    }

    /// This expert with one more group label.
    #[must_use]
    pub fn with_group(mut self, label: impl Into<String>) -> Self {
        self.groups.push(label.into());
        self
    }
}

/// A quota on the experts one demand receives from a group.
///
/// `group` names an expert label exactly (`"academician"`), or ends with `*` to apply the quota
/// to every label with that prefix separately (`"org:*"` with `max: Some(1)` = at most one
/// expert per organisation).
///
/// Quotas are solved exactly by the min-cost flow when, among one demand's candidates, the
/// quota groups are nested or disjoint (a laminar family: each group becomes a node layer between
/// the demand and its experts). Crossing groups (an expert in two groups neither of which
/// contains the other) are rejected with `invalid_value`, never approximated silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Quota {
    /// Label or `prefix*`.
    pub group: String,
    /// At least this many experts from the group.
    pub min: u32,
    /// At most this many (None = no cap).
    pub max: Option<u32>,
}

impl Quota {
    /// At least `min` experts with this label.
    pub fn at_least(group: impl Into<String>, min: u32) -> Self {
        Quota {
            group: group.into(),
            min,
            max: None,
        }
    }

    /// At most `max` experts with this label (or per label with this prefix, for `prefix*`).
    pub fn at_most(group: impl Into<String>, max: u32) -> Self {
        Quota {
            group: group.into(),
            min: 0,
            max: Some(max),
        }
    }
}

/// A demand–expert pair that must not be used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Conflict {
    /// Key of the demand.
    pub demand: String,
    /// Key of the expert.
    pub expert: String,
    /// Why (shown in diagnostics), e.g. `"explicit"`, `"employed_by_enterprise"`.
    pub reason: String,
}

/// A demand–expert pair by key (forced pairs).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Pair {
    /// Key of the demand.
    pub demand: String,
    /// Key of the expert.
    pub expert: String,
}

/// A dense score matrix: row `i` is `demands[i]`, column `j` is `experts[j]`, row-major.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DenseScores {
    /// Number of columns (experts).
    pub cols: usize,
    /// `demands.len() × cols` scores, row-major.
    pub values: Vec<f64>,
}

/// An assignment problem. Build it with [`AssignProblem::new`], [`AssignProblem::from_affinities`],
/// [`AssignProblem::from_matrix`] or [`AssignProblem::from_graph`](super::AssignProblem::from_graph),
/// then add conflicts, forced pairs and quotas.
///
/// A pair is *eligible* when it has an affinity above zero (or any affinity, including an absent
/// one, when `allow_zero_affinity` is set), is not a conflict, or is forced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct AssignProblem {
    /// The demands, each with its need and quotas.
    pub demands: Vec<DemandSpec>,
    /// The experts, each with loads and group labels.
    pub experts: Vec<ExpertSpec>,
    /// Sparse affinities by key (each pair at most once).
    pub affinities: Vec<Affinity>,
    /// Dense affinities (rows follow `demands`, columns follow `experts`), instead of or besides
    /// the sparse list.
    pub matrix: Option<DenseScores>,
    /// Pairs that must not be used.
    pub conflicts: Vec<Conflict>,
    /// Pairs that must be used.
    pub forced: Vec<Pair>,
    /// Whether pairs with zero or no affinity may be used (with score 0).
    pub allow_zero_affinity: bool,
}

impl AssignProblem {
    /// A problem from explicit demand and expert lists and sparse affinities.
    ///
    /// # Example
    /// ```
    /// use kechuang::assign::{AssignProblem, DemandSpec, ExpertSpec, Affinity};
    /// let p = AssignProblem::new(
    ///     vec![DemandSpec::new("d1", 1)],
    ///     vec![ExpertSpec::new("x", 0, 1)],
    ///     vec![Affinity::new("d1", "x", 0.5)],
    /// );
    /// assert_eq!(p.demands.len(), 1);
    /// ```
    pub fn new(
        demands: Vec<DemandSpec>,
        experts: Vec<ExpertSpec>,
        affinities: Vec<Affinity>,
    ) -> Self {
        AssignProblem {
            demands,
            experts,
            affinities,
            ..Default::default()
        }
    }

    /// A problem whose demands and experts are the keys named in `affinities`: every demand
    /// needs `need` experts and every expert takes at most `max_load` demands.
    pub fn from_affinities(affinities: Vec<Affinity>, need: u32, max_load: u32) -> Self {
        let mut dk: Vec<&str> = affinities.iter().map(|a| a.demand.as_str()).collect();
        let mut ek: Vec<&str> = affinities.iter().map(|a| a.expert.as_str()).collect();
        dk.sort_unstable();
        dk.dedup();
        ek.sort_unstable();
        ek.dedup();
        let demands = dk.into_iter().map(|k| DemandSpec::new(k, need)).collect();
        let experts = ek
            .into_iter()
            .map(|k| ExpertSpec::new(k, 0, max_load))
            .collect();
        AssignProblem::new(demands, experts, affinities)
    }

    /// A problem from a dense, row-major score matrix (`demands.len()` rows × `experts.len()`
    /// columns).
    ///
    /// # Errors
    /// `invalid_value` when the matrix size does not match.
    pub fn from_matrix(
        demands: Vec<DemandSpec>,
        experts: Vec<ExpertSpec>,
        values: Vec<f64>,
    ) -> Result<Self> {
        let want = demands.len().saturating_mul(experts.len());
        if values.len() != want {
            return Err(Error::invalid(
                "matrix",
                format!(
                    "has {} values but {} demands × {} experts need {want}; pass one row per demand, row-major",
                    values.len(),
                    demands.len(),
                    experts.len()
                ),
            ));
        }
        let cols = experts.len();
        Ok(AssignProblem {
            demands,
            experts,
            matrix: Some(DenseScores { cols, values }),
            ..Default::default()
        })
    }

    /// Adds an explicit conflict (`reason` = `"explicit"`).
    pub fn add_conflict(&mut self, demand: impl Into<String>, expert: impl Into<String>) {
        self.conflicts.push(Conflict {
            demand: demand.into(),
            expert: expert.into(),
            reason: "explicit".into(),
        });
    }

    /// Adds a forced pair.
    pub fn force(&mut self, demand: impl Into<String>, expert: impl Into<String>) {
        self.forced.push(Pair {
            demand: demand.into(),
            expert: expert.into(),
        });
    }
}
