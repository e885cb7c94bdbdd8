//! Matching: who can solve this demand, and why.
//!
//! A [`Matcher`] indexes the evidence of every expert, society and technology offer in a
//! [`CollabGraph`] — documents they authored, demands they solved, offers they made, and their
//! profile fields (keywords, discipline names from the taxonomy, titles) — in a BM25 index
//! ([`crate::text`]). A [`Query`] (a demand in the graph, or free text) is scored on seven
//! signals, each in [0, 1], fused with configurable weights ([`MatchConfig`]), filtered, and
//! explained: every result carries its signals, their contributions, the matched terms with the
//! evidence they came from, and the connecting path from the enterprise.
//!
//! ```
//! use kechuang::graph::CollabGraph;
//! use kechuang::matching::{Matcher, MatchConfig, Query, Target};
//! use kechuang::model::*;
//!
//! let mut g = CollabGraph::new();
//! let mut x = Node::new("x:li", NodeKind::Expert, "李明");
//! if let NodeData::Expert(e) = &mut x.data { e.keywords = vec!["余热回收".into(), "waste heat recovery".into()]; e.disciplines = vec!["450".into()]; }
//! g.add_node(x)?;
//! let mut y = Node::new("x:wang", NodeKind::Expert, "王芳");
//! if let NodeData::Expert(e) = &mut y.data { e.keywords = vec!["药物合成".into()]; }
//! g.add_node(y)?;
//! g.add_node(Node::new("e:steel", NodeKind::Enterprise, "泰山钢铁"))?;
//! let mut d = Demand::new("高炉煤气余热回收效率低");
//! d.industries = vec!["C31".into()];
//! g.add_node(Node::with_data("d:1", "余热回收", NodeData::Demand(d)))?;
//! g.connect(Relation::Posted, "e:steel", "d:1")?;
//!
//! let m = Matcher::new(&g, MatchConfig::default())?;
//! let res = m.match_demand(&g, &Query::demand("d:1"))?;
//! assert_eq!(res.keys(), ["x:li"]);
//! let top = res.top().unwrap();
//! assert!(top.signals.text > 0.9 && top.signals.taxonomy == 1.0);
//! assert!(top.matched_terms.iter().any(|t| t.term == "余热" && t.source == "x:li"));
//! # Ok::<(), kechuang::Error>(())
//! ```
//!
//! # Threads and edits
//!
//! [`Matcher`] and [`CollabGraph`] are `Send + Sync`: share `&Matcher` and `&CollabGraph`
//! across threads (scoped threads, rayon) and query in parallel; the answers equal sequential
//! ones. An edit needs `&mut CollabGraph`, so the borrow checker refuses it while any query
//! still borrows the graph:
//!
//! ```compile_fail,E0502
//! use kechuang::matching::{MatchConfig, Matcher, Query};
//! use kechuang::model::{Node, NodeKind};
//! let mut g = kechuang::synth::taian(1)?.graph;
//! let m = Matcher::new(&g, MatchConfig::default())?;
//! std::thread::scope(|s| {
//!     let running = s.spawn(|| m.match_demand(&g, &Query::text("余热回收")));
//!     g.add_node(Node::new("x:new", NodeKind::Expert, "新专家")); // error: `g` is borrowed
//!     running.join()
//! });
//! # Ok::<(), kechuang::Error>(())
//! ```
//!
//! After edits, query with the edited graph: removed candidates are skipped, and new or
//! changed evidence is found once the matcher is rebuilt ([`Matcher::new`]). The Python and
//! WASM `Programme` classes rebuild it on the first query after an edit; a query already
//! running there keeps the snapshot it started with.

mod config;
mod frozen;
mod network;
mod result;
mod score;
pub mod shard;
mod team;

pub use config::{
    Aggregation, Feedback, FieldWeights, Filter, MatchConfig, NetworkConfig, Query, Target, Weights,
};
pub use frozen::FrozenProgramme;
pub use result::{
    AffinityEntry, AffinityTable, DemandMatch, MatchResult, MatchedTerm, Matches, Signals, Team,
};
pub use shard::{
    Extremes, QueryContext, ShardSpec, ShardStats, UnitHit, match_sharded, merge_feedback,
    merge_matches,
};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::{CollabGraph, Direction, Revision};
use crate::model::{NodeData, NodeId, NodeKind, Relation, SocietyLevel, Title};
use crate::text::{Bm25Builder, Bm25Index, FuzzyVocab};

/// What an indexed evidence unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum UnitKind {
    Profile,
    Document,
    Solved,
    Offer,
    Pooled,
}

/// One indexed evidence unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Unit {
    key: String,
    source: NodeId,
    kind: UnitKind,
}

/// One candidate (expert, society or offer) and the parts of it that do not change per query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Cand {
    key: String,
    id: NodeId,
    kind: NodeKind,
    name: String,
    seniority: f64,
    disciplines: Vec<String>,
    industries: Vec<String>,
    titles: Vec<Title>,
    level: Option<SocietyLevel>,
    /// Societies the expert is a member of (experts), owners (offers), as candidate indices.
    links: Vec<u32>,
    /// Solved demands as (unit, produced an outcome).
    solved: Vec<(u32, bool)>,
}

/// Dense vectors attached to evidence units, unit-normalised.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Vectors {
    dim: usize,
    units: Vec<u32>,
    data: Vec<f32>,
}

/// The matching engine: an index over every candidate's evidence plus the candidates' static
/// facts. It owns its data (no borrow of the graph), is `Send + Sync`, and serialises with
/// serde (to ship it to workers). Query methods take the graph again for what changes between
/// queries (current engagements, regions, paths) and for explanations; pass the graph the
/// matcher was built from, or a later version of it (candidates added after the build are not
/// found until the matcher is rebuilt; removed ones are skipped). [`Matcher::is_current`] tells
/// whether the graph changed since the build.
///
/// A deserialised matcher is checked for internal consistency (every index in range), so a
/// corrupted or hand-edited file gives an error, never a panic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MatcherData")]
pub struct Matcher {
    config: MatchConfig,
    index: Bm25Index,
    fuzzy: FuzzyVocab,
    units: Vec<Unit>,
    owner_offsets: Vec<u32>,
    owners: Vec<u32>,
    cands: Vec<Cand>,
    cand_of_node: Vec<u32>,
    vectors: Vectors,
    /// (term, number of the graph's demands using it), sorted by term.
    demand_df: Vec<(u32, u32)>,
    demand_count: u32,
    /// The shard this matcher indexes (None: every candidate).
    shard: Option<ShardSpec>,
    /// The graph state it was built from (not serialised).
    #[serde(skip)]
    built_from: BuiltFrom,
}

/// Where a matcher came from: the [`Revision`] of the graph it was built from, or `None` for a
/// matcher read from bytes. Provenance, not content: it never makes two matchers unequal.
#[derive(Debug, Clone, Copy, Default)]
struct BuiltFrom(Option<Revision>);

impl PartialEq for BuiltFrom {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The serialised form of a [`Matcher`], checked by `TryFrom` before use.
#[derive(Deserialize)]
struct MatcherData {
    config: MatchConfig,
    index: Bm25Index,
    fuzzy: FuzzyVocab,
    units: Vec<Unit>,
    owner_offsets: Vec<u32>,
    owners: Vec<u32>,
    cands: Vec<Cand>,
    cand_of_node: Vec<u32>,
    vectors: Vectors,
    demand_df: Vec<(u32, u32)>,
    demand_count: u32,
    #[serde(default)]
    shard: Option<ShardSpec>,
}

impl TryFrom<MatcherData> for Matcher {
    type Error = Error;

    fn try_from(m: MatcherData) -> Result<Matcher> {
        m.config.validate()?;
        let bad = |what: &str| {
            Err(Error::invalid(
                "matcher",
                format!("{what}; the serialised matcher is corrupt, rebuild it from the graph"),
            ))
        };
        let (nu, nc) = (m.units.len(), m.cands.len());
        if m.index.doc_count() != nu || m.owner_offsets.len() != nu + 1 {
            return bad("unit table and index disagree");
        }
        if m.owner_offsets.windows(2).any(|w| w[0] > w[1])
            || m.owner_offsets.last().copied() != Some(m.owners.len() as u32)
        {
            return bad("owner offsets are not monotone");
        }
        if m.owners.iter().any(|&o| o as usize >= nc)
            || m.cand_of_node
                .iter()
                .any(|&c| c != NONE && c as usize >= nc)
        {
            return bad("a candidate index is out of range");
        }
        for c in &m.cands {
            if c.links.iter().any(|&l| l as usize >= nc)
                || c.solved.iter().any(|&(u, _)| u as usize >= nu)
            {
                return bad("a candidate refers to a missing unit or candidate");
            }
        }
        if let Some(sh) = m.shard {
            sh.validate()?;
        }
        let v = &m.vectors;
        if v.units.iter().any(|&u| u as usize >= nu)
            || v.units.len().checked_mul(v.dim) != Some(v.data.len())
        {
            return bad("vectors do not fit the unit table");
        }
        Ok(Matcher {
            config: m.config,
            index: m.index,
            fuzzy: m.fuzzy,
            units: m.units,
            owner_offsets: m.owner_offsets,
            owners: m.owners,
            cands: m.cands,
            cand_of_node: m.cand_of_node,
            vectors: m.vectors,
            demand_df: m.demand_df,
            demand_count: m.demand_count,
            shard: m.shard,
            built_from: BuiltFrom(None),
        })
    }
}

const NONE: u32 = u32::MAX;

/// Chinese and English names of a title, as indexed text.
fn title_text(t: Title) -> &'static str {
    match t {
        Title::AcademicianCas => "中国科学院院士 academician",
        Title::AcademicianCae => "中国工程院院士 academician",
        Title::Professor => "教授 professor",
        Title::AssociateProfessor => "副教授 associate professor",
        Title::Researcher => "研究员 researcher",
        Title::ProfessorEngineer => "正高级工程师 senior engineer",
        Title::SeniorEngineer => "高级工程师 senior engineer",
        Title::Engineer => "工程师 engineer",
        Title::Doctor => "博士 doctor",
    }
}

fn level_seniority(l: SocietyLevel) -> f64 {
    match l {
        SocietyLevel::National => 1.0,
        SocietyLevel::Provincial => 0.7,
        SocietyLevel::Municipal | SocietyLevel::University => 0.5,
        SocietyLevel::Enterprise => 0.4,
    }
}

/// The candidate table and the evidence units of a graph, before indexing.
type Collected = (Vec<Cand>, Vec<u32>, Vec<Pending>);

/// With `shard`, evidence owned by no candidate of the shard is left out before its text is
/// copied (a shard never indexes it); the candidate table stays whole.
fn collect(g: &CollabGraph, config: &MatchConfig, shard: Option<ShardSpec>) -> Result<Collected> {
    let tax = g.taxonomy();
    let mut cands: Vec<Cand> = Vec::new();
    let mut cand_of_node = vec![NONE; g.node_bound()];
    for (id, n) in g.nodes() {
        let (seniority, disciplines, industries, titles, level) = match &n.data {
            NodeData::Expert(e) => (
                e.seniority(),
                e.disciplines.clone(),
                vec![],
                e.titles.clone(),
                None,
            ),
            NodeData::Society(s) => (
                level_seniority(s.level),
                s.disciplines.clone(),
                vec![],
                vec![],
                Some(s.level),
            ),
            NodeData::Offer(o) => (
                0.0,
                o.disciplines.clone(),
                o.industries.clone(),
                vec![],
                None,
            ),
            _ => continue,
        };
        cand_of_node[id.index()] = cands.len() as u32;
        cands.push(Cand {
            key: n.key.clone(),
            id,
            kind: n.kind(),
            name: n.name.clone(),
            seniority,
            disciplines,
            industries,
            titles,
            level,
            links: Vec::new(),
            solved: Vec::new(),
        });
    }
    let cand = |id: NodeId| cand_of_node.get(id.index()).copied().filter(|&c| c != NONE);
    // societies of each expert
    for c in 0..cands.len() {
        if cands[c].kind == NodeKind::Expert {
            let mut soc: Vec<u32> = g
                .neighbors(cands[c].id, Some(Relation::MemberOf), Direction::Out)
                .filter_map(cand)
                .filter(|&s| cands[s as usize].kind == NodeKind::Society)
                .collect();
            soc.sort_unstable();
            soc.dedup();
            cands[c].links = soc;
        }
    }
    // owners of a piece of evidence: the direct candidates plus the societies of experts
    let expand = |direct: Vec<u32>, cands: &[Cand]| -> Vec<u32> {
        let mut all = direct.clone();
        for &d in &direct {
            if cands[d as usize].kind == NodeKind::Expert {
                all.extend(cands[d as usize].links.iter().copied());
            }
        }
        all.sort_unstable();
        all.dedup();
        all
    };
    let f = config.fields;
    let joined = |v: &[String]| v.join(" ; ");
    let disc_names = |codes: &[String]| {
        codes
            .iter()
            .filter_map(|c| tax.discipline(c))
            .map(|t| format!("{} {}", t.name_zh, t.name_en))
            .collect::<Vec<_>>()
            .join(" ; ")
    };
    let wanted = |owners: &[u32]| shard.is_none_or(|s| owners.iter().any(|&o| s.owns(o)));
    // owners of a document (authors) or solved demand (solvers), None when none is wanted
    let owned = |id: NodeId, rel: Relation, cands: &[Cand]| -> Option<Vec<u32>> {
        let direct: Vec<u32> = g
            .neighbors(id, Some(rel), Direction::In)
            .filter_map(cand)
            .collect();
        let owners = expand(direct, cands);
        (!owners.is_empty() && wanted(&owners)).then_some(owners)
    };
    let mut pending: Vec<Pending> = Vec::new();
    for (id, n) in g.nodes() {
        match &n.data {
            NodeData::Expert(e) => {
                let Some(c) = cand(id).filter(|&c| wanted(&[c])) else {
                    continue;
                };
                let titles: Vec<&str> = e.titles.iter().map(|&t| title_text(t)).collect();
                pending.push(Pending {
                    unit: Unit {
                        key: n.key.clone(),
                        source: id,
                        kind: UnitKind::Profile,
                    },
                    fields: vec![
                        (joined(&e.keywords), f.keywords),
                        (e.profile.clone(), f.body),
                        (disc_names(&e.disciplines), f.disciplines),
                        (titles.join(" ; "), f.titles),
                    ],
                    owners: vec![c],
                });
            }
            NodeData::Society(s) => {
                let Some(c) = cand(id).filter(|&c| wanted(&[c])) else {
                    continue;
                };
                pending.push(Pending {
                    unit: Unit {
                        key: n.key.clone(),
                        source: id,
                        kind: UnitKind::Profile,
                    },
                    fields: vec![
                        (n.name.clone(), f.title),
                        (n.name_en.clone().unwrap_or_default(), f.title),
                        (joined(&s.keywords), f.keywords),
                        (disc_names(&s.disciplines), f.disciplines),
                    ],
                    owners: vec![c],
                });
            }
            NodeData::Document(d) => {
                let Some(owners) = owned(id, Relation::Authored, &cands) else {
                    continue;
                };
                pending.push(Pending {
                    unit: Unit {
                        key: n.key.clone(),
                        source: id,
                        kind: UnitKind::Document,
                    },
                    fields: vec![
                        (d.title.clone(), f.title),
                        (d.text.clone(), f.body),
                        (joined(&d.keywords), f.keywords),
                    ],
                    owners,
                });
            }
            NodeData::Demand(d) => {
                let Some(owners) = owned(id, Relation::Solved, &cands) else {
                    continue;
                };
                pending.push(Pending {
                    unit: Unit {
                        key: n.key.clone(),
                        source: id,
                        kind: UnitKind::Solved,
                    },
                    fields: vec![(d.text.clone(), f.body), (joined(&d.keywords), f.keywords)],
                    owners,
                });
            }
            NodeData::Offer(o) => {
                let Some(c) = cand(id) else { continue };
                let mut direct: Vec<u32> = g
                    .neighbors(id, Some(Relation::Offers), Direction::In)
                    .filter_map(cand)
                    .collect();
                direct.sort_unstable();
                direct.dedup();
                cands[c as usize].links = direct.clone();
                cands[c as usize].seniority = direct
                    .iter()
                    .map(|&o| cands[o as usize].seniority)
                    .fold(0.0, f64::max);
                direct.push(c);
                let owners = expand(direct, &cands);
                if !wanted(&owners) {
                    continue;
                }
                pending.push(Pending {
                    unit: Unit {
                        key: n.key.clone(),
                        source: id,
                        kind: UnitKind::Offer,
                    },
                    fields: vec![
                        (n.name.clone(), f.title),
                        (o.text.clone(), f.body),
                        (joined(&o.keywords), f.keywords),
                    ],
                    owners,
                });
            }
            _ => {}
        }
    }
    if config.aggregation == Aggregation::Pooled {
        pending = pool(pending, &cands);
    }
    Ok((cands, cand_of_node, pending))
}

/// Adds a unit's fields to the index, naming the unit in a `limit_exceeded` error.
fn add_unit(builder: &mut Bm25Builder, p: &Pending) -> Result<u32> {
    let fields: Vec<(&str, f32)> = p.fields.iter().map(|(s, w)| (s.as_str(), *w)).collect();
    builder.add_doc(&fields).map_err(|e| match e {
        Error::LimitExceeded {
            what,
            limit,
            actual,
            hint,
        } => Error::LimitExceeded {
            what: format!("{what} of {:?}", p.unit.key),
            limit,
            actual,
            hint,
        },
        other => other,
    })
}

/// Fields of one unit before indexing: texts with boosts, and the candidates owning it.
struct Pending {
    unit: Unit,
    fields: Vec<(String, f32)>,
    owners: Vec<u32>,
}

impl Matcher {
    /// Builds a matcher over the graph's experts, societies and offers.
    ///
    /// Evidence units: each expert's and society's profile (keywords, profile text, discipline
    /// names in Chinese and English from the graph's taxonomy, title names, a society's name);
    /// each document (title, text, keywords) for its authors; each solved demand (text,
    /// keywords) for its solvers; each offer (name, text, keywords) for itself and its
    /// offerors. A society also owns the evidence of its member experts. With
    /// [`Aggregation::Pooled`], each candidate's units are merged into one document instead.
    ///
    /// # Arguments
    /// * `g` — the graph.
    /// * `config` — index and scoring settings (validated).
    ///
    /// # Returns
    /// The matcher, or `invalid_value` for a bad configuration, `limit_exceeded` for a text
    /// above [`crate::limits::MAX_TEXT_BYTES`].
    ///
    /// # Complexity
    /// O(T + P log P) time for T characters of evidence and P postings; about 8 bytes per
    /// posting plus the vocabulary and the unit table.
    ///
    /// # Example
    /// See the [module documentation](crate::matching).
    ///
    /// # Reference
    /// Balog, Azzopardi and de Rijke, "Formal models for expert finding in enterprise corpora",
    /// SIGIR 2006 (candidate model vs. document model).
    pub fn new(g: &CollabGraph, config: MatchConfig) -> Result<Matcher> {
        config.validate()?;
        Self::build(g, config, None)
    }

    /// Builds the full matcher (`shard` None) or one shard of it with corpus statistics.
    pub(crate) fn build(
        g: &CollabGraph,
        config: MatchConfig,
        shard: Option<(ShardSpec, &ShardStats)>,
    ) -> Result<Matcher> {
        let (mut cands, cand_of_node, pending) = collect(g, &config, shard.map(|s| s.0))?;
        let mut builder = Bm25Builder::new(config.bm25);
        let mut units = Vec::with_capacity(pending.len());
        let mut owner_offsets = Vec::with_capacity(pending.len() + 1);
        let mut owners = Vec::new();
        owner_offsets.push(0u32);
        for mut p in pending {
            if let Some((s, _)) = shard {
                p.owners.retain(|&o| s.owns(o));
                if p.owners.is_empty() {
                    continue;
                }
            }
            let u = add_unit(&mut builder, &p)?;
            if p.unit.kind == UnitKind::Solved {
                let outcome = g
                    .neighbors(p.unit.source, Some(Relation::Produced), Direction::Out)
                    .next()
                    .is_some();
                for &o in &p.owners {
                    cands[o as usize].solved.push((u, outcome));
                }
            }
            owners.extend_from_slice(&p.owners);
            owner_offsets.push(
                u32::try_from(owners.len()).map_err(|_| Error::LimitExceeded {
                    what: "number of evidence ownerships".into(),
                    limit: u64::from(u32::MAX),
                    actual: owners.len() as u64,
                    hint: "shard the candidates (Matcher::new_shard)".into(),
                })?,
            );
            units.push(p.unit);
        }
        let index = match shard {
            None => builder.build(),
            Some((_, stats)) => builder.build_with(&stats.corpus)?,
        };
        let fuzzy = FuzzyVocab::build(&index, config.fuzzy);
        let (demand_df, demand_count) = demand_frequencies(g, &index);
        Ok(Matcher {
            demand_df,
            demand_count,
            config,
            index,
            fuzzy,
            units,
            owner_offsets,
            owners,
            cands,
            cand_of_node,
            vectors: Vectors::default(),
            shard: shard.map(|s| s.0),
            built_from: BuiltFrom(Some(g.revision())),
        })
    }

    /// True when the matcher was built from `g` as it is now: the same graph value, with no
    /// edit since the build. Queries accept a later state of the graph (see [`Matcher`]), but
    /// entities added or edited since the build are not in the index; rebuild when this is
    /// false and they matter. A matcher read from bytes has no record of its graph and is
    /// never current, except one read by [`FrozenProgramme::from_bytes`], which belongs to the
    /// graph read with it.
    ///
    /// ```
    /// use kechuang::matching::{MatchConfig, Matcher};
    /// use kechuang::model::{Node, NodeKind};
    /// let mut g = kechuang::synth::taian(3)?.graph;
    /// let m = Matcher::new(&g, MatchConfig::default())?;
    /// assert!(m.is_current(&g));
    /// g.add_node(Node::new("x:new", NodeKind::Expert, "New expert"))?;
    /// assert!(!m.is_current(&g));
    /// # Ok::<(), kechuang::Error>(())
    /// ```
    pub fn is_current(&self, g: &CollabGraph) -> bool {
        self.built_from.0 == Some(g.revision())
    }

    /// The configuration.
    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    /// Replaces the scoring part of the configuration (weights, network, dense weight, text
    /// floor, unigram weight); the index settings (BM25, fields, aggregation, fuzzy) must stay
    /// as built — rebuild the matcher to change them.
    pub fn set_scoring(&mut self, config: MatchConfig) -> Result<()> {
        config.validate()?;
        let c = &self.config;
        if config.bm25 != c.bm25
            || config.fields != c.fields
            || config.aggregation != c.aggregation
            || config.fuzzy != c.fuzzy
        {
            return Err(Error::invalid(
                "config",
                "bm25, fields, aggregation and fuzzy are fixed when the matcher is built; build a new Matcher to change them",
            ));
        }
        self.config = config;
        Ok(())
    }

    /// The text index (for inspection and benchmarks).
    pub fn index(&self) -> &Bm25Index {
        &self.index
    }

    /// Number of candidates (experts, societies, offers).
    pub fn candidate_count(&self) -> usize {
        self.cands.len()
    }

    /// Heap bytes held (index, fuzzy filter, unit and candidate tables, vectors), approximate.
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes()
            + self.fuzzy.heap_bytes()
            + self
                .units
                .iter()
                .map(|u| u.key.capacity() + std::mem::size_of::<Unit>())
                .sum::<usize>()
            + (self.owner_offsets.capacity()
                + self.owners.capacity()
                + self.cand_of_node.capacity())
                * 4
            + self
                .cands
                .iter()
                .map(|c| std::mem::size_of::<Cand>() + c.key.capacity() + c.name.capacity())
                .sum::<usize>()
            + self.vectors.data.capacity() * 4
    }

    /// Attaches dense vectors (e.g. sentence embeddings) to evidence units, by key: a document,
    /// a solved demand, an offer, or a candidate (its profile; with [`Aggregation::Pooled`],
    /// only candidate keys). Query vectors ([`Query::vector`]) are then compared by cosine
    /// similarity, and `dense_weight` of the text signal comes from the best unit's similarity
    /// (negative similarities count as 0). Replaces any vectors set before.
    ///
    /// Errors: `invalid_value` for an empty list of numbers, differing dimensions, non-finite
    /// values or a zero vector; `unknown_key` for a key that is not an indexed unit.
    pub fn set_vectors(&mut self, vectors: &[(String, Vec<f32>)]) -> Result<()> {
        let mut by_key: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        for (i, u) in self.units.iter().enumerate() {
            by_key.entry(u.key.as_str()).or_insert(i as u32);
        }
        let dim = vectors.first().map_or(0, |v| v.1.len());
        let mut pairs: Vec<(u32, Vec<f32>)> = Vec::with_capacity(vectors.len());
        for (key, v) in vectors {
            if v.is_empty() || v.len() != dim {
                return Err(Error::invalid(
                    format!("vectors[{key:?}]"),
                    format!(
                        "has {} numbers; every vector needs the same non-zero dimension ({dim})",
                        v.len()
                    ),
                ));
            }
            let unit = unit_vector(v, &format!("vectors[{key:?}]"))?;
            let u = *by_key
                .get(key.as_str())
                .ok_or_else(|| Error::unknown_key(key.clone()))?;
            pairs.push((u, unit));
        }
        pairs.sort_by_key(|p| p.0);
        pairs.dedup_by_key(|p| p.0);
        self.vectors = Vectors {
            dim,
            units: pairs.iter().map(|p| p.0).collect(),
            data: pairs.into_iter().flat_map(|p| p.1).collect(),
        };
        Ok(())
    }

    fn unit_owners(&self, u: u32) -> &[u32] {
        let u = u as usize;
        match (self.owner_offsets.get(u), self.owner_offsets.get(u + 1)) {
            (Some(&a), Some(&b)) => self.owners.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn cand_index(&self, g: &CollabGraph, key: &str) -> Result<u32> {
        let id = g.resolve(key)?;
        self.cand_of_node
            .get(id.index())
            .copied()
            .filter(|&c| c != NONE)
            .ok_or_else(|| Error::WrongKind {
                key: key.into(),
                expected: "expert, society or offer indexed by this matcher (rebuild the matcher after adding candidates)".into(),
                actual: g.node(id).map_or_else(|| "unknown".into(), |n| n.kind().to_string()),
            })
    }
}

/// `v / |v|`, or `invalid_value` (naming `field`) for a zero or non-finite vector.
fn unit_vector(v: &[f32], field: &str) -> Result<Vec<f32>> {
    let norm = v
        .iter()
        .map(|x| f64::from(*x) * f64::from(*x))
        .sum::<f64>()
        .sqrt();
    if !norm.is_finite() || norm == 0.0 {
        return Err(Error::invalid(field, "is zero or not finite"));
    }
    Ok(v.iter().map(|x| (f64::from(*x) / norm) as f32).collect())
}

/// For each vocabulary term, how many of the graph's demands (text and keywords) use it.
fn demand_frequencies(g: &CollabGraph, index: &Bm25Index) -> (Vec<(u32, u32)>, u32) {
    let mut counts: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    let mut n = 0u32;
    let mut seen: Vec<u32> = Vec::new();
    for (_, node) in g.nodes_of(NodeKind::Demand) {
        let Some(d) = node.as_demand() else { continue };
        n = n.saturating_add(1);
        seen.clear();
        let mut add = |t: &str, _| {
            if let Some(id) = index.lookup(t) {
                seen.push(id);
            }
        };
        crate::text::tokenize(&d.text, &mut add);
        for k in &d.keywords {
            crate::text::tokenize(k, &mut add);
        }
        seen.sort_unstable();
        seen.dedup();
        for &t in &seen {
            *counts.entry(t).or_insert(0) += 1;
        }
    }
    let mut v: Vec<(u32, u32)> = counts.into_iter().collect();
    v.sort_unstable();
    (v, n)
}

/// Merges each candidate's units into one pooled unit (candidate model).
fn pool(pending: Vec<Pending>, cands: &[Cand]) -> Vec<Pending> {
    let mut per: Vec<Vec<(String, f32)>> = vec![Vec::new(); cands.len()];
    for p in pending {
        for &o in &p.owners {
            per[o as usize].extend(p.fields.iter().cloned());
        }
    }
    per.into_iter()
        .enumerate()
        .map(|(c, fields)| Pending {
            unit: Unit {
                key: cands[c].key.clone(),
                source: cands[c].id,
                kind: UnitKind::Pooled,
            },
            fields,
            owners: vec![c as u32],
        })
        .collect()
}

#[cfg(test)]
mod tests;
