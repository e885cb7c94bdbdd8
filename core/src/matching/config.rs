//! Matching configuration, queries and filters.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Relation, SocietyLevel, Title};
use crate::text::{Bm25Params, FuzzyOptions};

/// Fusion weights of the seven signals. Only their ratios matter: the fused score is
/// `Σ wᵢ·sᵢ / Σ wᵢ`, so it stays in [0, 1].
///
/// The defaults were chosen with the `match_quality` benchmark (Tai'an programmes with planted
/// ground truth, each need written six ways). There the planted experts are defined by their
/// evidence, so text carries the ranking. Against text alone (Chinese nDCG@10 0.820), giving
/// 0.2 to taxonomy fit kept 0.820 and lifted mixed-language queries; 0.2 to network proximity
/// gave 0.825; 0.2 to track record lowered it to 0.739, so track record stays light, as do the
/// preferences the benchmark cannot judge (availability, seniority, locality).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Weights {
    /// Text relevance (default 0.70).
    pub text: f64,
    /// Taxonomy fit (default 0.15).
    pub taxonomy: f64,
    /// Network proximity from the demand's enterprise (default 0.08).
    pub network: f64,
    /// Track record on similar demands (default 0.02).
    pub track_record: f64,
    /// Remaining capacity (default 0.02).
    pub availability: f64,
    /// Seniority of titles or society level (default 0.01).
    pub seniority: f64,
    /// Same or enclosing region (default 0.02).
    pub locality: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            text: 0.70,
            taxonomy: 0.15,
            network: 0.08,
            track_record: 0.02,
            availability: 0.02,
            seniority: 0.01,
            locality: 0.02,
        }
    }
}

impl Weights {
    /// Only the text signal (weight 1, the rest 0).
    pub fn text_only() -> Self {
        Weights {
            text: 1.0,
            taxonomy: 0.0,
            network: 0.0,
            track_record: 0.0,
            availability: 0.0,
            seniority: 0.0,
            locality: 0.0,
        }
    }

    /// The weights as an array in signal order (text, taxonomy, network, track record,
    /// availability, seniority, locality).
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

    /// Checks every weight is finite and ≥ 0 and that they do not all vanish.
    pub fn validate(&self) -> Result<()> {
        let names = [
            "text",
            "taxonomy",
            "network",
            "track_record",
            "availability",
            "seniority",
            "locality",
        ];
        for (w, n) in self.as_array().iter().zip(names) {
            if !w.is_finite() || *w < 0.0 {
                return Err(Error::invalid(
                    format!("weights.{n}"),
                    format!("{w} is not a finite weight ≥ 0"),
                ));
            }
        }
        if self.as_array().iter().sum::<f64>() <= 0.0 {
            return Err(Error::invalid(
                "weights",
                "all weights are 0; give at least one signal a positive weight",
            ));
        }
        Ok(())
    }
}

/// Boosts of the evidence fields in the BM25 index (term frequency × boost).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct FieldWeights {
    /// Document and offer titles / names (default 2).
    pub title: f32,
    /// Document, offer and demand body text, expert profile text (default 1).
    pub body: f32,
    /// Keywords of documents, offers, demands, experts and societies (default 2).
    pub keywords: f32,
    /// Discipline names (Chinese and English, from the taxonomy) (default 1).
    pub disciplines: f32,
    /// Title names of experts, e.g. 教授 / professor (default 0.5).
    pub titles: f32,
}

impl Default for FieldWeights {
    fn default() -> Self {
        FieldWeights {
            title: 2.0,
            body: 1.0,
            keywords: 2.0,
            disciplines: 1.0,
            titles: 0.5,
        }
    }
}

/// How a candidate's text relevance is formed from its evidence.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Aggregation {
    /// Document model: each evidence unit (document, solved demand, offer, profile) is scored
    /// alone; the candidate gets best + second/2 + third/3. The default: on `match_quality`
    /// (Chinese queries) recall@10 / nDCG@10 were 0.976 / 0.776 for this, 0.985 / 0.744 for
    /// [`Aggregation::Max`] and 0.831 / 0.631 for [`Aggregation::Pooled`].
    TopThree,
    /// Document model: the best unit only.
    Max,
    /// Candidate model: all of a candidate's evidence pooled into one profile document.
    Pooled,
}

/// Network proximity settings: the strongest path from the demand's enterprise, where a path's
/// strength is the product over its edges of `factor(relation) × min(weight, 1)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct NetworkConfig {
    /// Transmission factor per relation followed (either direction); relations not listed are
    /// not followed (`located_in` and `part_of` are left to locality).
    pub factors: Vec<(Relation, f64)>,
    /// Most edges on a path (default 4).
    pub max_hops: usize,
    /// Paths weaker than this are cut (default 0.05).
    pub min_strength: f64,
    /// Most entities settled per query, a bound on the work (default 50 000).
    pub max_visits: usize,
}

impl Default for NetworkConfig {
    fn default() -> Self {
        use Relation as R;
        NetworkConfig {
            factors: vec![
                (R::Posted, 1.0),
                (R::WorksFor, 0.9),
                (R::Brokered, 0.9),
                (R::Hosts, 0.9),
                (R::Collaborated, 0.9),
                (R::Solved, 0.8),
                (R::Engaged, 0.8),
                (R::Leads, 0.8),
                (R::Offers, 0.9),
                (R::AffiliatedWith, 0.7),
                (R::Under, 0.7),
                (R::Participates, 0.6),
                (R::MemberOf, 0.6),
                (R::Authored, 0.5),
            ],
            max_hops: 4,
            min_strength: 0.05,
            max_visits: 50_000,
        }
    }
}

/// Configuration of a [`Matcher`](super::Matcher): index settings (fixed when the matcher is
/// built) and scoring settings (used by every query).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct MatchConfig {
    /// Fusion weights.
    pub weights: Weights,
    /// BM25 parameters.
    pub bm25: Bm25Params,
    /// Field boosts.
    pub fields: FieldWeights,
    /// Document model or candidate model.
    pub aggregation: Aggregation,
    /// Query weight of a single CJK character relative to a bigram or word (default 0.5; 0.25 and 0.75 measured worse on mixed and Chinese text respectively).
    pub unigram_weight: f32,
    /// Fuzzy expansion of out-of-vocabulary words.
    pub fuzzy: FuzzyOptions,
    /// Network proximity.
    pub network: NetworkConfig,
    /// Share of the text signal taken by dense-vector similarity when both the query and the
    /// evidence carry vectors (default 0.3).
    pub dense_weight: f64,
    /// Text relevance is the candidate's aggregated BM25 over the larger of the best
    /// candidate's and `text_floor` × the query's ideal score (every term saturated in one
    /// unit), so weak best matches do not get a text signal of 1 (default 0.15).
    pub text_floor: f64,
    /// Query terms used by many demands of the graph are boilerplate of how demands are
    /// written (我公司…希望寻求专家, "we are looking for experts"), not of what they need. A
    /// term's share of demands `p = df / (demands + 100)` gives it full weight up to
    /// `generic.0` and none from `generic.1`, log-linearly in between (default (0.01, 0.10)).
    /// Learned from the graph's own demand texts; `(1, 1)` turns it off.
    pub generic: (f64, f64),
    /// Pseudo-relevance feedback from the keywords of the best evidence (off by default).
    pub feedback: Feedback,
}

/// Pseudo-relevance feedback: after a first pass, words and bigrams of the keywords of the
/// `units` best evidence units that appear in at least `min_units` of them are added to the
/// query with weight `weight`. Off by default: on `match_quality` (two seeds) 10 units lifted
/// variant-term queries' recall@10 from 0.869 to 0.881 but lowered English from 0.981 to 0.977
/// and typo'd English from 0.948 to 0.934.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Feedback {
    /// Evidence units read (0 = off, the default).
    pub units: usize,
    /// Least number of those units a term must appear in (default 2).
    pub min_units: usize,
    /// Query weight of an added term (default 0.3).
    pub weight: f32,
}

impl Default for Feedback {
    fn default() -> Self {
        Feedback {
            units: 0,
            min_units: 2,
            weight: 0.3,
        }
    }
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            weights: Weights::default(),
            bm25: Bm25Params::default(),
            fields: FieldWeights::default(),
            aggregation: Aggregation::TopThree,
            unigram_weight: 0.5,
            fuzzy: FuzzyOptions::default(),
            network: NetworkConfig::default(),
            dense_weight: 0.3,
            text_floor: 0.15,
            generic: (0.01, 0.10),
            feedback: Feedback::default(),
        }
    }
}

impl MatchConfig {
    /// Checks every number: weights, BM25 parameters, field boosts, factors.
    pub fn validate(&self) -> Result<()> {
        self.weights.validate()?;
        self.bm25.validate()?;
        let f = &self.fields;
        for (v, n) in [
            (f.title, "title"),
            (f.body, "body"),
            (f.keywords, "keywords"),
            (f.disciplines, "disciplines"),
            (f.titles, "titles"),
        ] {
            if !v.is_finite() || v < 0.0 {
                return Err(Error::invalid(
                    format!("fields.{n}"),
                    format!("{v} is not a finite boost ≥ 0"),
                ));
            }
        }
        let unit = |v: f64, n: &str| {
            if v.is_finite() && (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                Err(Error::invalid(
                    n.to_string(),
                    format!("{v} is not in [0, 1]"),
                ))
            }
        };
        unit(f64::from(self.unigram_weight), "unigram_weight")?;
        unit(self.dense_weight, "dense_weight")?;
        unit(self.text_floor, "text_floor")?;
        unit(f64::from(self.feedback.weight), "feedback.weight")?;
        unit(self.generic.0, "generic.0")?;
        unit(self.generic.1, "generic.1")?;
        if self.generic.0 <= 0.0 || self.generic.1 < self.generic.0 {
            return Err(Error::invalid(
                "generic",
                "needs 0 < generic.0 ≤ generic.1 ≤ 1 (full weight up to the first share, none from the second)",
            ));
        }
        unit(self.network.min_strength, "network.min_strength")?;
        unit(self.fuzzy.min_similarity, "fuzzy.min_similarity")?;
        for (r, v) in &self.network.factors {
            unit(*v, &format!("network.factors.{r}"))?;
        }
        Ok(())
    }
}

/// What to rank for a demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Target {
    /// Experts (default).
    Experts,
    /// Societies, from their own evidence and their members'.
    Societies,
    /// Technology offers.
    Offers,
    /// Teams of 2–5 complementary experts (the expert ranking is returned too).
    Teams,
}

/// Which candidates may appear.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Filter {
    /// Key of a region: only candidates located in it (or in a region inside it).
    pub region: Option<String>,
    /// Society levels: societies of these levels, experts who are members of one, offers of
    /// such societies or their members (empty = any).
    pub society_levels: Vec<SocietyLevel>,
    /// Experts holding at least one of these titles (empty = any; other kinds pass).
    pub titles: Vec<Title>,
    /// Academicians only (experts; other kinds pass).
    pub academicians_only: bool,
    /// Keys never returned.
    pub exclude: Vec<String>,
    /// Results below this fused score are dropped (default 0).
    pub min_score: f64,
}

/// A matching query: a demand in the graph, or free text with optional context.
///
/// ```
/// use kechuang::matching::{Query, Target};
/// let q = Query::demand("d:1").with_target(Target::Societies).with_k(5);
/// assert_eq!(q.k, 5);
/// let q: Query = serde_json::from_str(r#"{"text": "余热回收", "industries": ["C31"]}"#).unwrap();
/// assert_eq!(q.k, 10);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Query {
    /// Key of a demand: its text, keywords, industries, disciplines, enterprise and region are
    /// used (each overridable below). Its own solved-case evidence is never used to match it.
    pub demand: Option<String>,
    /// The problem text (overrides the demand's).
    pub text: Option<String>,
    /// Industry codes (added to the demand's).
    pub industries: Vec<String>,
    /// Discipline codes (added to the demand's).
    pub disciplines: Vec<String>,
    /// Key of the enterprise asking (overrides the demand's poster).
    pub enterprise: Option<String>,
    /// Key of the region of the need (overrides the demand's / enterprise's).
    pub region: Option<String>,
    /// What to rank (default experts).
    pub target: Target,
    /// How many results (default 10; must be ≥ 1).
    #[serde(deserialize_with = "crate::limits::saturating_usize")]
    pub k: usize,
    /// Filters.
    pub filter: Filter,
    /// Keys in conflict of interest: these candidates and experts affiliated with them are
    /// excluded (besides the automatic rule: experts employed by the asking enterprise).
    pub conflicts: Vec<String>,
    /// Dense vector of the query (same dimension as [`Matcher::set_vectors`](super::Matcher::set_vectors)).
    pub vector: Option<Vec<f32>>,
    /// Largest team size for [`Target::Teams`] (2–5, default 4).
    pub team_size: usize,
    /// Number of teams for [`Target::Teams`] (default 3).
    pub teams: usize,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            demand: None,
            text: None,
            industries: Vec::new(),
            disciplines: Vec::new(),
            enterprise: None,
            region: None,
            target: Target::Experts,
            k: 10,
            filter: Filter::default(),
            conflicts: Vec::new(),
            vector: None,
            team_size: 4,
            teams: 3,
        }
    }
}

impl Query {
    /// A query for the demand with this key.
    pub fn demand(key: impl Into<String>) -> Self {
        Query {
            demand: Some(key.into()),
            ..Query::default()
        }
    }

    /// A query from free text.
    pub fn text(text: impl Into<String>) -> Self {
        Query {
            text: Some(text.into()),
            ..Query::default()
        }
    }

    /// This query with another target.
    #[must_use]
    pub fn with_target(mut self, target: Target) -> Self {
        self.target = target;
        self
    }

    /// This query with another `k`.
    #[must_use]
    pub fn with_k(mut self, k: usize) -> Self {
        self.k = k;
        self
    }

    /// This query with a filter.
    #[must_use]
    pub fn with_filter(mut self, filter: Filter) -> Self {
        self.filter = filter;
        self
    }
}
