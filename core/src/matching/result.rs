//! Result types: ranked, explained matches; teams; affinity tables; reverse matches.

use serde::{Deserialize, Serialize};

use super::config::Target;
use crate::model::NodeKind;

/// The seven signals of one candidate, each in [0, 1] (or their weighted contributions).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Signals {
    /// Text relevance of the evidence (lexical BM25, fused with dense similarity if given).
    pub text: f64,
    /// Taxonomy fit: demand industries ↔ candidate disciplines through the weighted map.
    pub taxonomy: f64,
    /// Strength of the strongest path from the demand's enterprise.
    pub network: f64,
    /// Solved demands similar to this one (outcomes count more).
    pub track_record: f64,
    /// Remaining capacity: (capacity − current engagements) / capacity.
    pub availability: f64,
    /// Title seniority (experts) or society level.
    pub seniority: f64,
    /// Same region 1, workstation in the region 0.8, enclosing region 0.6, same city 0.4.
    pub locality: f64,
}

impl Signals {
    /// The signals as an array in the order of [`Weights::as_array`](super::Weights::as_array).
    pub fn as_array(&self) -> [f64; 7] {
        [
            self.text,
            self.taxonomy,
            self.network,
            self.track_record,
            self.availability,
            self.seniority,
            self.locality,
        ]
    }

    pub(crate) fn from_array(a: [f64; 7]) -> Self {
        Signals {
            text: a[0],
            taxonomy: a[1],
            network: a[2],
            track_record: a[3],
            availability: a[4],
            seniority: a[5],
            locality: a[6],
        }
    }
}

/// A query term found in a candidate's evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchedTerm {
    /// The term (normalised, stemmed).
    pub term: String,
    /// Key of the evidence it came from: a document, a solved demand, an offer, or the
    /// candidate itself (profile fields).
    pub source: String,
    /// For a fuzzy expansion, the query word it stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expanded_from: Option<String>,
}

/// One ranked, explained candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchResult {
    /// Candidate key.
    pub key: String,
    /// Candidate kind (expert, society or offer).
    pub kind: NodeKind,
    /// Display name.
    pub name: String,
    /// Fused score in [0, 1].
    pub score: f64,
    /// The signals.
    pub signals: Signals,
    /// Each signal's contribution to the score (weight share × signal); they sum to `score`.
    pub contributions: Signals,
    /// Query terms found in the evidence, with the evidence they came from (best units first).
    pub matched_terms: Vec<MatchedTerm>,
    /// The strongest path from the enterprise to the candidate, as keys (empty if none).
    pub path: Vec<String>,
}

/// A team of complementary experts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Team {
    /// Member keys, in the order they were chosen.
    pub members: Vec<String>,
    /// Mean member score × coverage, in [0, 1].
    pub score: f64,
    /// Share of the query's terms (words and bigrams, by IDF weight) covered by the members'
    /// evidence, in [0, 1].
    pub coverage: f64,
    /// Distinct institutions (employers) of the members, as keys.
    pub institutions: Vec<String>,
    /// Distinct disciplines of the members.
    pub disciplines: Vec<String>,
}

/// The answer to one [`Query`](super::Query).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Matches {
    /// The demand's key, when the query named one.
    pub demand: Option<String>,
    /// What was ranked.
    pub target: Target,
    /// Ranked results, best first (ties by id).
    pub results: Vec<MatchResult>,
    /// Teams, for [`Target::Teams`], best first.
    pub teams: Vec<Team>,
    /// The query terms used (after fuzzy expansion), for display.
    pub query_terms: Vec<String>,
    /// Candidates left out for a conflict of interest.
    pub conflicts_excluded: Vec<String>,
}

impl Matches {
    /// Number of results.
    pub fn len(&self) -> usize {
        self.results.len()
    }

    /// True when nothing matched.
    pub fn is_empty(&self) -> bool {
        self.results.is_empty()
    }

    /// Result keys, best first.
    pub fn keys(&self) -> Vec<&str> {
        self.results.iter().map(|r| r.key.as_str()).collect()
    }

    /// The result for a key.
    pub fn get(&self, key: &str) -> Option<&MatchResult> {
        self.results.iter().find(|r| r.key == key)
    }

    /// 0-based rank of a key.
    pub fn rank_of(&self, key: &str) -> Option<usize> {
        self.results.iter().position(|r| r.key == key)
    }

    /// The best result.
    pub fn top(&self) -> Option<&MatchResult> {
        self.results.first()
    }
}

/// One entry of an affinity table: how well a candidate fits a demand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AffinityEntry {
    /// Demand key.
    pub demand: String,
    /// Candidate key.
    pub candidate: String,
    /// Fused score in [0, 1].
    pub score: f64,
}

/// A sparse affinity table: for each demand its best candidates, sorted by demand, then score
/// descending, then candidate key. The input of assignment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AffinityTable {
    /// The entries.
    pub entries: Vec<AffinityEntry>,
}

impl AffinityTable {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The score of a pair, if present.
    pub fn score(&self, demand: &str, candidate: &str) -> Option<f64> {
        self.entries
            .iter()
            .find(|e| e.demand == demand && e.candidate == candidate)
            .map(|e| e.score)
    }

    /// The entries as assignment input ([`crate::assign::Affinity`], candidate → expert), in
    /// table order.
    ///
    /// ```
    /// use kechuang::matching::{AffinityEntry, AffinityTable};
    /// let t = AffinityTable { entries: vec![AffinityEntry { demand: "d:1".into(), candidate: "x:1".into(), score: 0.5 }] };
    /// assert_eq!(t.to_affinities()[0].expert, "x:1");
    /// ```
    pub fn to_affinities(&self) -> Vec<crate::assign::Affinity> {
        self.entries
            .iter()
            .map(|e| crate::assign::Affinity::new(e.demand.clone(), e.candidate.clone(), e.score))
            .collect()
    }

    /// The entries of one demand.
    pub fn of_demand<'a>(
        &'a self,
        demand: &'a str,
    ) -> impl Iterator<Item = &'a AffinityEntry> + 'a {
        self.entries.iter().filter(move |e| e.demand == demand)
    }

    /// Drops repeated pairs and sorts by demand, score descending, candidate.
    pub(crate) fn sort(&mut self) {
        self.entries
            .sort_by(|a, b| (&a.demand, &a.candidate).cmp(&(&b.demand, &b.candidate)));
        self.entries
            .dedup_by(|a, b| a.demand == b.demand && a.candidate == b.candidate);
        self.entries.sort_by(|a, b| {
            a.demand
                .cmp(&b.demand)
                .then(b.score.total_cmp(&a.score))
                .then(a.candidate.cmp(&b.candidate))
        });
    }
}

/// One open demand that fits a candidate (reverse matching).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemandMatch {
    /// Demand key.
    pub demand: String,
    /// Demand display name.
    pub name: String,
    /// The candidate's fused score for this demand (the same as forward matching gives).
    pub score: f64,
    /// The candidate's signals for this demand.
    pub signals: Signals,
}
