//! The generator proper: one pass that appends entities and relations to flat vectors, then a
//! bulk build of the graph.

use super::rng::Rng;
use super::vocab::{
    BRANCHES, DEMAND_TEMPLATES, DOC_TITLES, DOMAINS, FIRM_PREFIX, FIRM_STEM, GIVEN, INSTITUTIONS,
    NATIONAL_SOCIETIES, REGIONS, SURNAMES, TOPICS, TermForms, Topic,
};
use super::{GroundTruth, Programme, SynthConfig};
use crate::error::{Error, Result};
use crate::graph::CollabGraph;
use crate::model::{
    Date, Demand, DemandEvent, DemandStatus, Document, DocumentKind, Edge, Enterprise,
    EnterpriseSize, Expert, Institution, InstitutionKind, Instrument, Liaison, Node, NodeData,
    NodeId, NodeKind, Offer, Outcome, OutcomeKind, ProgrammeMeta, Region, RegionLevel, Relation,
    Society, SocietyLevel, Title, Urgency,
};

/// Entities per unit of scale (measured on the preset; used to derive the scale from an exact
/// node target, with a safety margin).
const NODES_PER_SCALE: f64 = 10_500.0;

/// Relative weight of each domain among enterprises and experts (leading industries first).
const DOMAIN_WEIGHTS: &[u32] = &[14, 12, 12, 14, 10, 5, 10, 8, 6, 5, 6];

/// The ten unordered pairs of a topic's five terms: an expert's specialty.
const PAIRS: &[(usize, usize)] = &[
    (0, 1),
    (0, 2),
    (0, 3),
    (0, 4),
    (1, 2),
    (1, 3),
    (1, 4),
    (2, 3),
    (2, 4),
    (3, 4),
];

const STAGES: usize = 10;

struct Counts {
    national: usize,
    provincial: usize,
    municipal: usize,
    enterprise_soc: usize,
    university_soc: usize,
    institutions: usize,
    experts: usize,
    academicians: usize,
    liaisons: usize,
    enterprises: usize,
    demands: usize,
    solved: usize,
    offers: usize,
    workstations: usize,
    forums: usize,
    agreements: usize,
    alliances: usize,
    projects: usize,
    teams: usize,
    trainings: usize,
}

impl Counts {
    fn at(scale: f64) -> Counts {
        let n = |base: f64| ((base * scale).round() as usize).max(1);
        let experts = n(1000.0);
        let demands = n(620.0);
        Counts {
            national: n(68.0),
            provincial: n(32.0),
            municipal: n(26.0),
            enterprise_soc: n(12.0),
            university_soc: n(8.0),
            institutions: n(20.0),
            experts,
            academicians: n(33.0).min(experts),
            liaisons: n(2050.0),
            enterprises: n(1200.0),
            demands,
            solved: n(162.0).min(demands),
            offers: n(300.0),
            workstations: n(66.0),
            forums: n(40.0),
            agreements: n(120.0),
            alliances: n(91.0),
            projects: n(103.0),
            teams: n(24.0),
            trainings: n(36.0),
        }
    }
}

#[derive(Clone, Copy)]
struct ExpertInfo {
    node: u32,
    topic: usize,
    pair: usize,
    docs: u32,
}

#[derive(Clone, Copy)]
struct Firm {
    node: u32,
    idx: u32,
    region: u32,
}

/// Preferential-attachment urn: drawing an item puts another copy back.
#[derive(Default)]
struct Urn(Vec<u32>);

impl Urn {
    fn draw(&mut self, rng: &mut Rng) -> Option<u32> {
        if self.0.is_empty() {
            return None;
        }
        let x = *rng.pick(&self.0);
        self.0.push(x);
        Some(x)
    }
}

struct Gen<'a> {
    cfg: &'a SynthConfig,
    rng: Rng,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    /// Sub-city regions where entities are located.
    places: Vec<u32>,
    city: u32,
    societies: Vec<(u32, usize)>,
    society_urns: Vec<Urn>,
    institutions: Vec<(u32, usize)>,
    experts: Vec<ExpertInfo>,
    /// Expert positions (into `experts`) by topic and pair.
    specialists: Vec<Vec<u32>>,
    expert_urns: Vec<Urn>,
    firms: Vec<Firm>,
    /// Uses of each base enterprise name (looked up only, never iterated), to keep names unique.
    firm_names: std::collections::HashMap<String, usize>,
    firms_by_domain: Vec<Vec<u32>>,
    liaisons: Vec<u32>,
    liaison_of_firm: Vec<Option<u32>>,
    trainings: Vec<(u32, u8)>,
    workstations: Vec<u32>,
    forums: Vec<u32>,
    agreements: Vec<u32>,
    alliances: Vec<u32>,
    teams: Vec<u32>,
    projects: Vec<u32>,
    truth: Vec<GroundTruth>,
    next_key: [u32; NodeKind::ALL.len()],
}

fn kind_prefix(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Enterprise => "e",
        NodeKind::Society => "s",
        NodeKind::Expert => "x",
        NodeKind::Institution => "i",
        NodeKind::Liaison => "l",
        NodeKind::Region => "r",
        NodeKind::Demand => "d",
        NodeKind::Offer => "o",
        NodeKind::Document => "doc",
        NodeKind::Workstation => "ws",
        NodeKind::Forum => "f",
        NodeKind::Agreement => "ag",
        NodeKind::Alliance => "al",
        NodeKind::ServiceTeam => "st",
        NodeKind::Project => "p",
        NodeKind::Training => "t",
        NodeKind::Outcome => "oc",
    }
}

fn date(days_from_2020: i64) -> Date {
    // 2020-01-01 is day 18262 since 1970-01-01.
    Date::from_days(18_262 + days_from_2020 as i32)
}

const END_2022: i64 = 1_095; // 2022-12-31

fn fill(template: &str, a: &str, b: &str, c: &str, f: &str) -> String {
    template
        .replace("{a}", a)
        .replace("{b}", b)
        .replace("{c}", c)
        .replace("{f}", f)
}

impl<'a> Gen<'a> {
    fn new(cfg: &'a SynthConfig) -> Self {
        Gen {
            cfg,
            rng: Rng::new(cfg.seed, 0),
            nodes: Vec::new(),
            edges: Vec::new(),
            places: Vec::new(),
            city: 0,
            societies: Vec::new(),
            society_urns: (0..DOMAINS.len()).map(|_| Urn::default()).collect(),
            institutions: Vec::new(),
            experts: Vec::new(),
            specialists: vec![Vec::new(); TOPICS.len() * PAIRS.len()],
            expert_urns: (0..DOMAINS.len()).map(|_| Urn::default()).collect(),
            firms: Vec::new(),
            firm_names: std::collections::HashMap::new(),
            firms_by_domain: vec![Vec::new(); DOMAINS.len()],
            liaisons: Vec::new(),
            liaison_of_firm: Vec::new(),
            trainings: Vec::new(),
            workstations: Vec::new(),
            forums: Vec::new(),
            agreements: Vec::new(),
            alliances: Vec::new(),
            teams: Vec::new(),
            projects: Vec::new(),
            truth: Vec::new(),
            next_key: [0; NodeKind::ALL.len()],
        }
    }

    /// A fresh key `prefix:n` for a kind.
    fn key(&mut self, kind: NodeKind) -> String {
        let slot = &mut self.next_key[kind as usize];
        let k = format!("{}:{}", kind_prefix(kind), *slot);
        *slot += 1;
        k
    }

    fn push(&mut self, name: String, name_en: Option<String>, data: NodeData) -> u32 {
        let key = self.key(data.kind());
        let mut node = Node::with_data(key, name, data);
        node.name_en = name_en;
        self.nodes.push(node);
        (self.nodes.len() - 1) as u32
    }

    fn edge(&mut self, relation: Relation, s: u32, t: u32) {
        self.edges
            .push(Edge::new(relation, NodeId::new(s), NodeId::new(t)));
    }

    fn dated(&mut self, relation: Relation, s: u32, t: u32, start: i64) {
        self.edges.push(
            Edge::new(relation, NodeId::new(s), NodeId::new(t)).with_dates(Some(date(start)), None),
        );
    }

    fn place(&mut self) -> u32 {
        *self.rng.pick(&self.places)
    }

    fn person(&mut self) -> (String, String) {
        let weights: Vec<u32> = (0..SURNAMES.len() as u32)
            .map(|i| SURNAMES.len() as u32 + 4 - i)
            .collect();
        let (s, s_en) = SURNAMES[self.rng.weighted(&weights)];
        let (g1, g1_en) = *self.rng.pick(GIVEN);
        if self.rng.chance(0.6) {
            let (g2, g2_en) = *self.rng.pick(GIVEN);
            (
                format!("{s}{g1}{g2}"),
                format!("{g1_title}{g2_en} {s_en}", g1_title = capital(g1_en)),
            )
        } else {
            (format!("{s}{g1}"), format!("{} {s_en}", capital(g1_en)))
        }
    }

    fn domain(&mut self) -> usize {
        self.rng.weighted(DOMAIN_WEIGHTS)
    }

    fn topic_in(&mut self, domain: usize) -> usize {
        let ts: Vec<usize> = (0..TOPICS.len())
            .filter(|&t| TOPICS[t].domain == domain)
            .collect();
        *self.rng.pick(&ts)
    }

    fn zh<'t>(&mut self, term: &'t TermForms, variant_p: f64) -> &'t str {
        if self.rng.chance(variant_p) {
            term.2
        } else {
            term.0
        }
    }

    // ---- regions, societies, institutions ---------------------------------------------

    fn regions(&mut self) {
        let province = self.push(
            "山东省".into(),
            Some("Shandong Province".into()),
            NodeData::Region(Region {
                level: RegionLevel::Province,
                code: Some("370000".into()),
            }),
        );
        let mut ids = Vec::with_capacity(REGIONS.len());
        for &(suffix, zh, en, level, code, parent) in REGIONS {
            let level = level.parse().unwrap_or(RegionLevel::District);
            let id = self.push(
                zh.into(),
                Some(en.into()),
                NodeData::Region(Region {
                    level,
                    code: (!code.is_empty()).then(|| code.to_string()),
                }),
            );
            // region keys are readable: r:taian, r:xintai, …
            if let Some(n) = self.nodes.last_mut() {
                n.key = format!("r:{suffix}");
            }
            let up = ids.get(parent).copied().unwrap_or(province);
            self.edge(Relation::PartOf, id, up);
            ids.push(id);
            if parent != usize::MAX {
                self.places.push(id);
            }
        }
        self.city = ids.first().copied().unwrap_or(province);
    }

    fn society(&mut self, name: String, name_en: String, level: SocietyLevel, domain: usize) {
        let topic = self.topic_in(domain);
        let t = &TOPICS[topic];
        let id = self.push(
            name,
            Some(name_en),
            NodeData::Society(Society {
                level,
                disciplines: t.disciplines.iter().map(|d| d.to_string()).collect(),
                keywords: vec![DOMAINS[domain].0.into(), t.name_zh.into()],
            }),
        );
        if level != SocietyLevel::National {
            let at = if level == SocietyLevel::Provincial {
                self.city
            } else {
                self.place()
            };
            self.edge(Relation::LocatedIn, id, at);
        }
        self.societies.push((id, domain));
        self.society_urns[domain].0.push(id);
    }

    fn societies(&mut self, c: &Counts) {
        for i in 0..c.national {
            let (zh, en, domain) = NATIONAL_SOCIETIES[i % NATIONAL_SOCIETIES.len()];
            let round = i / NATIONAL_SOCIETIES.len();
            let (name, name_en) = if round == 0 {
                (zh.to_string(), en.to_string())
            } else {
                let (bz, be) = BRANCHES[(round - 1) % BRANCHES.len()];
                let n = (round - 1) / BRANCHES.len();
                let tail = if n == 0 {
                    String::new()
                } else {
                    format!("（{}）", n + 1)
                };
                (
                    format!("{zh}{bz}{tail}"),
                    format!(
                        "{en}, {be}{}",
                        if n == 0 {
                            String::new()
                        } else {
                            format!(" {}", n + 1)
                        }
                    ),
                )
            };
            self.society(name, name_en, SocietyLevel::National, domain);
        }
        let locals = [
            (c.provincial, SocietyLevel::Provincial, "山东省", "Shandong"),
            (c.municipal, SocietyLevel::Municipal, "泰安市", "Tai'an"),
        ];
        for (count, level, place, place_en) in locals {
            for i in 0..count {
                let (zh, en, domain) = NATIONAL_SOCIETIES[i % NATIONAL_SOCIETIES.len()];
                let stem = zh.trim_start_matches("中国");
                let stem_en = en
                    .trim_start_matches("Chinese ")
                    .trim_start_matches("China ");
                let n = i / NATIONAL_SOCIETIES.len();
                let tail = if n == 0 {
                    String::new()
                } else {
                    format!("（{}）", n + 1)
                };
                self.society(
                    format!("{place}{stem}{tail}"),
                    format!("{place_en} {stem_en}"),
                    level,
                    domain,
                );
            }
        }
        for i in 0..c.enterprise_soc {
            let domain = self.domain();
            let (p, pe) = FIRM_PREFIX[i % FIRM_PREFIX.len()];
            let (s, se) = FIRM_STEM[domain];
            self.society(
                format!("{p}{s}集团科协"),
                format!("{pe} {se} Group Association for Science and Technology"),
                SocietyLevel::Enterprise,
                domain,
            );
        }
        for i in 0..c.university_soc {
            let (_, zh, en, _, domain) = INSTITUTIONS[i % INSTITUTIONS.len()];
            let domain = if domain == usize::MAX {
                self.domain()
            } else {
                domain
            };
            self.society(
                format!("{zh}科协"),
                format!("Association for Science and Technology of {en}"),
                SocietyLevel::University,
                domain,
            );
        }
    }

    fn institutions(&mut self, c: &Counts) {
        for i in 0..c.institutions {
            let (_, zh, en, kind, domain) = INSTITUTIONS[i % INSTITUTIONS.len()];
            let n = i / INSTITUTIONS.len();
            let domain = if domain == usize::MAX {
                self.domain()
            } else {
                domain
            };
            let topic = self.topic_in(domain);
            let (name, name_en) = if n == 0 {
                (zh.to_string(), en.to_string())
            } else {
                (
                    format!("{zh}第{}分院", n + 1),
                    format!("{en}, branch {}", n + 1),
                )
            };
            let id = self.push(
                name,
                Some(name_en),
                NodeData::Institution(Institution {
                    kind: kind.parse().unwrap_or(InstitutionKind::Other),
                    disciplines: TOPICS[topic]
                        .disciplines
                        .iter()
                        .map(|d| d.to_string())
                        .collect(),
                }),
            );
            if i % INSTITUTIONS.len() < 4 || zh.starts_with("泰安") {
                let p = self.place();
                self.edge(Relation::LocatedIn, id, p);
            }
            self.institutions.push((id, domain));
        }
    }

    // ---- experts and their documents ---------------------------------------------------

    fn experts(&mut self, c: &Counts) {
        let docs_p = (self.cfg.docs_per_expert - 1.0) / self.cfg.docs_per_expert;
        for i in 0..c.experts {
            let domain = self.domain();
            let topic = self.topic_in(domain);
            let pair = self.rng.below(PAIRS.len());
            let t = &TOPICS[topic];
            let (a, b) = (&t.terms[PAIRS[pair].0], &t.terms[PAIRS[pair].1]);
            let academician = i < c.academicians;
            let titles = if academician {
                vec![
                    if i % 2 == 0 {
                        Title::AcademicianCae
                    } else {
                        Title::AcademicianCas
                    },
                    Title::Professor,
                ]
            } else {
                let pool = [
                    Title::Professor,
                    Title::Researcher,
                    Title::ProfessorEngineer,
                    Title::AssociateProfessor,
                    Title::SeniorEngineer,
                    Title::Engineer,
                    Title::Doctor,
                ];
                let mut ts = vec![pool[self.rng.weighted(&[20, 12, 12, 18, 22, 10, 6])]];
                if self.rng.chance(0.3) {
                    ts.push(Title::Doctor);
                    ts.dedup();
                }
                ts
            };
            let (name, name_en) = self.person();
            let capacity = if academician {
                2
            } else {
                3 + self.rng.below(4) as u32
            };
            let id = self.push(
                name,
                Some(name_en),
                NodeData::Expert(Expert {
                    titles,
                    disciplines: t.disciplines.iter().map(|d| d.to_string()).collect(),
                    keywords: vec![a.0.into(), b.0.into(), a.1.into(), b.1.into()],
                    capacity,
                    profile: format!(
                        "研究方向：{}，主要从事{}与{}研究。Research: {}; {} and {}.",
                        t.name_zh, a.0, b.0, t.name_en, a.1, b.1
                    ),
                }),
            );
            let slot = (self.experts.len()) as u32;
            self.experts.push(ExpertInfo {
                node: id,
                topic,
                pair,
                docs: 0,
            });
            self.specialists[topic * PAIRS.len() + pair].push(slot);
            self.expert_urns[domain].0.push(id);
            // employer
            let roll = self.rng.below(10);
            if roll < 7 || self.firms.is_empty() {
                let same: Vec<u32> = self
                    .institutions
                    .iter()
                    .filter(|x| x.1 == domain)
                    .map(|x| x.0)
                    .collect();
                let inst = if same.is_empty() || self.rng.chance(0.2) {
                    self.rng.pick(&self.institutions).0
                } else {
                    *self.rng.pick(&same)
                };
                self.edge(Relation::AffiliatedWith, id, inst);
            } else {
                let s = self.rng.pick(&self.societies).0;
                self.edge(Relation::AffiliatedWith, id, s);
            }
            if self.rng.chance(0.3) {
                let p = self.place();
                self.edge(Relation::LocatedIn, id, p);
            }
            // memberships (preferential attachment within the domain)
            let k = self.rng.geometric(1, 0.45, 8);
            for _ in 0..k {
                if let Some(s) = self.society_urns[domain].draw(&mut self.rng) {
                    self.edge(Relation::MemberOf, id, s);
                }
            }
            // documents
            let n_docs = self.rng.geometric(1, docs_p, 60) + if academician { 4 } else { 0 };
            for _ in 0..n_docs {
                let kind = match self.rng.below(20) {
                    0..=13 => DocumentKind::Paper,
                    14..=18 => DocumentKind::Patent,
                    _ => DocumentKind::Report,
                };
                let year = 2010 + self.rng.below(13) as i32;
                self.document(slot as usize, kind, year, None);
            }
        }
        // collaborations among experts (preferential attachment within the domain)
        for slot in 0..self.experts.len() {
            if !self.rng.chance(0.6) {
                continue;
            }
            let x = self.experts[slot];
            let domain = TOPICS[x.topic].domain;
            let k = self.rng.geometric(1, 0.5, 12);
            for _ in 0..k {
                if let Some(y) = self.expert_urns[domain].draw(&mut self.rng)
                    && y != x.node
                {
                    self.expert_urns[domain].0.push(x.node);
                    let w = 1 + self.rng.below(5);
                    self.edges.push(
                        Edge::new(Relation::Collaborated, NodeId::new(x.node), NodeId::new(y))
                            .with_weight(w as f32),
                    );
                }
            }
        }
    }

    /// A document authored by expert `slot`, mentioning its specialty terms twice each (Chinese
    /// and English) and one other term of the topic once. Returns the node.
    fn document(
        &mut self,
        slot: usize,
        kind: DocumentKind,
        year: i32,
        case_of: Option<&str>,
    ) -> u32 {
        let x = self.experts[slot];
        let t: &Topic = &TOPICS[x.topic];
        let (ia, ib) = PAIRS[x.pair];
        let others: Vec<usize> = (0..t.terms.len()).filter(|&k| k != ia && k != ib).collect();
        let ic = *self.rng.pick(&others);
        let (a, b, c) = (&t.terms[ia], &t.terms[ib], &t.terms[ic]);
        let (w, w_en) = (DOMAINS[t.domain].2, DOMAINS[t.domain].3);
        let (a1, a2, b1, b2) = (
            self.zh(a, 0.25),
            self.zh(a, 0.25),
            self.zh(b, 0.25),
            self.zh(b, 0.25),
        );
        let (kz, ke) = match kind {
            DocumentKind::Patent => ("专利", "patent"),
            DocumentKind::Report => ("报告", "report"),
            DocumentKind::Case => ("案例", "case"),
            _ => ("论文", "paper"),
        };
        let (tz, te) = *self.rng.pick(DOC_TITLES);
        let (title, title_en) = match case_of {
            Some(firm) => (
                format!("{firm}{}技术难题解决案例", t.name_zh),
                format!("Solved case: {} at {firm}", t.name_en),
            ),
            None => (fill(tz, a.0, b.0, "", ""), fill(te, a.1, b.1, "", "")),
        };
        let text = format!(
            "本{kz}围绕{w}中的{a1}与{b1}开展研究。针对{a2}过程中{c0}的影响，提出了改进{b2}的新方法。\
             This {ke} studies {a_en} and {b_en} in {w_en}. Considering the effect of {c_en} during {a_en}, a new method to improve {b_en} is proposed.",
            c0 = c.0,
            a_en = a.1,
            b_en = b.1,
            c_en = c.1,
        );
        let id = self.push(
            title.clone(),
            Some(title_en),
            NodeData::Document(Document {
                kind,
                title,
                text,
                year: Some(year),
                keywords: vec![a.0.into(), b.0.into(), a.1.into(), b.1.into()],
            }),
        );
        self.edge(Relation::Authored, x.node, id);
        if let Some(e) = self.experts.get_mut(slot) {
            e.docs += 1;
        }
        id
    }

    // ---- enterprises, liaisons, trainings ----------------------------------------------

    fn firm(&mut self, domain: usize) -> u32 {
        let (p, pe) = *self.rng.pick(FIRM_PREFIX);
        let (s, se) = FIRM_STEM[domain];
        let (suffix, suffix_en) = *self.rng.pick(&[
            ("有限公司", "Co., Ltd."),
            ("股份有限公司", "Co., Ltd. (joint-stock)"),
            ("集团有限公司", "Group Co., Ltd."),
            ("科技有限公司", "Technology Co., Ltd."),
        ]);
        let topic = self.topic_in(domain);
        let industry = TOPICS[topic].industry;
        let size = [
            EnterpriseSize::Micro,
            EnterpriseSize::Small,
            EnterpriseSize::Medium,
            EnterpriseSize::Large,
        ][self.rng.weighted(&[25, 45, 22, 8])];
        let high_tech = self.rng.chance(0.3);
        let mut flags = Vec::new();
        if self.rng.chance(0.1) {
            flags.push("specialised_sme".to_string());
        }
        if size == EnterpriseSize::Large && self.rng.chance(0.3) {
            flags.push("listed".to_string());
        }
        // Real registries never hold two firms with the same name: the k-th reuse of a brand + trade
        // gets a second brand syllable (no random draw, so the stream and everything after it
        // are unchanged; all prefixes have two characters, so the variants cannot clash).
        let mut name = format!("{p}{s}{suffix}");
        let mut name_en = format!("{pe} {se} {suffix_en}");
        // keyed on the name without its legal suffix, which dedup ignores too
        let uses = self.firm_names.entry(format!("{p}{s}")).or_insert(0);
        if *uses > 0 {
            let k = *uses - 1;
            let (q, qe) = FIRM_PREFIX[k % FIRM_PREFIX.len()];
            let round = k / FIRM_PREFIX.len();
            let tag = if round == 0 {
                String::new()
            } else {
                round.to_string()
            };
            name = format!("{p}{q}{tag}{s}{suffix}");
            name_en = format!("{pe} {qe}{tag} {se} {suffix_en}");
        }
        *uses += 1;
        let id = self.push(
            name,
            Some(name_en),
            NodeData::Enterprise(Enterprise {
                industries: vec![industry.into()],
                size: Some(size),
                high_tech,
                flags,
            }),
        );
        let region = self.place();
        self.edge(Relation::LocatedIn, id, region);
        self.firms.push(Firm {
            node: id,
            idx: self.firms.len() as u32,
            region,
        });
        self.firms_by_domain[domain].push((self.firms.len() - 1) as u32);
        self.liaison_of_firm.push(None);
        id
    }

    fn enterprises(&mut self, c: &Counts) {
        for _ in 0..c.enterprises {
            let d = self.domain();
            self.firm(d);
        }
    }

    fn trainings(&mut self, c: &Counts) {
        for i in 0..c.trainings {
            let tier = (i % 3 + 1) as u8;
            let year = 2020 + (i / 3 % 3) as i64;
            let start = (year - 2020) * 365 + self.rng.range(30, 330);
            let budget = 20_000.0 + 1_000.0 * self.rng.below(30) as f64;
            let id = self.push(
                format!("科创联络员{tier}级培训（{year}年第{}期）", i / 9 + 1),
                Some(format!(
                    "Liaison training, tier {tier}, {year} session {}",
                    i / 9 + 1
                )),
                NodeData::Training(Instrument {
                    category: Some(format!("tier-{tier}")),
                    start: Some(date(start)),
                    end: Some(date(start + 2)),
                    budget_cny: Some(budget),
                    industries: Vec::new(),
                }),
            );
            self.edge(Relation::LocatedIn, id, self.city);
            self.trainings.push((id, tier));
        }
    }

    fn liaisons(&mut self, c: &Counts) {
        for _ in 0..c.liaisons {
            // pyramid: 40% untrained, 30% tier 1, 20% tier 2, 10% tier 3
            let tier = self.rng.weighted(&[40, 30, 20, 10]) as u8;
            let (name, name_en) = self.person();
            let since = self.rng.range(0, 900);
            let id = self.push(
                name,
                Some(name_en),
                NodeData::Liaison(Liaison {
                    tier,
                    since: Some(date(since)),
                }),
            );
            let roll = self.rng.below(10);
            let region = if roll < 8 && !self.firms.is_empty() {
                let f = self.rng.below(self.firms.len());
                let firm = self.firms[f];
                self.edge(Relation::WorksFor, id, firm.node);
                if self.liaison_of_firm[f].is_none() {
                    self.liaison_of_firm[f] = Some(id);
                }
                firm.region
            } else if roll < 9 {
                let s = self.rng.pick(&self.societies).0;
                self.edge(Relation::WorksFor, id, s);
                self.place()
            } else {
                let s = self.rng.pick(&self.institutions).0;
                self.edge(Relation::WorksFor, id, s);
                self.place()
            };
            self.edge(Relation::LocatedIn, id, region);
            for level in 1..=tier {
                let of_level: Vec<u32> = self
                    .trainings
                    .iter()
                    .filter(|t| t.1 == level)
                    .map(|t| t.0)
                    .collect();
                if !of_level.is_empty() {
                    let t = *self.rng.pick(&of_level);
                    self.edge(Relation::Attended, id, t);
                }
            }
            self.liaisons.push(id);
        }
    }

    // ---- instruments -------------------------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    fn instrument(
        &mut self,
        kind: NodeKind,
        name: String,
        name_en: String,
        category: Option<&str>,
        start: i64,
        budget: Option<f64>,
        industry: &str,
    ) -> u32 {
        let inst = Instrument {
            category: category.map(str::to_string),
            start: Some(date(start)),
            end: None,
            budget_cny: budget,
            industries: vec![industry.into()],
        };
        let data = match kind {
            NodeKind::Workstation => NodeData::Workstation(inst),
            NodeKind::Forum => NodeData::Forum(inst),
            NodeKind::Agreement => NodeData::Agreement(inst),
            NodeKind::Alliance => NodeData::Alliance(inst),
            NodeKind::ServiceTeam => NodeData::ServiceTeam(inst),
            NodeKind::Project => NodeData::Project(inst),
            _ => NodeData::Training(inst),
        };
        self.push(name, Some(name_en), data)
    }

    fn firm_in(&mut self, domain: usize) -> Firm {
        let list = &self.firms_by_domain[domain];
        if list.is_empty() {
            *self.rng.pick(&self.firms)
        } else {
            let f = *self.rng.pick(list) as usize;
            self.firms[f]
        }
    }

    fn expert_in(&mut self, domain: usize) -> u32 {
        self.expert_urns[domain]
            .draw(&mut self.rng)
            .unwrap_or_else(|| self.experts[0].node)
    }

    fn society_in(&mut self, domain: usize) -> u32 {
        self.society_urns[domain]
            .draw(&mut self.rng)
            .unwrap_or_else(|| self.societies[0].0)
    }

    fn instruments(&mut self, c: &Counts) {
        // workstations: academician first, then expert and society stations
        for i in 0..c.workstations {
            let start = self.rng.range(0, 900);
            let (leader, category, lname, lname_en, domain) =
                if i < c.academicians.min(c.workstations * 45 / 100 + 1) {
                    let x = self.experts[i];
                    let n = &self.nodes[x.node as usize];
                    (
                        x.node,
                        "academician",
                        format!("{}院士工作站", n.name),
                        format!(
                            "Academician workstation of {}",
                            n.name_en.clone().unwrap_or_default()
                        ),
                        TOPICS[x.topic].domain,
                    )
                } else if i % 3 != 0 {
                    let x = *self.rng.pick(&self.experts);
                    let n = &self.nodes[x.node as usize];
                    (
                        x.node,
                        "expert",
                        format!("{}专家工作站", n.name),
                        format!(
                            "Expert workstation of {}",
                            n.name_en.clone().unwrap_or_default()
                        ),
                        TOPICS[x.topic].domain,
                    )
                } else {
                    let (s, d) = *self.rng.pick(&self.societies);
                    let n = &self.nodes[s as usize];
                    (
                        s,
                        "society",
                        format!("{}服务站", n.name),
                        format!(
                            "Service station of {}",
                            n.name_en.clone().unwrap_or_default()
                        ),
                        d,
                    )
                };
            let host = self.firm_in(domain);
            let host_name = self.nodes[host.node as usize].name.clone();
            let industry = TOPICS[self.topic_in(domain)].industry;
            let id = self.instrument(
                NodeKind::Workstation,
                format!("{lname}（{host_name}）"),
                lname_en,
                Some(category),
                start,
                None,
                industry,
            );
            self.edge(Relation::Hosts, host.node, id);
            self.dated(Relation::Leads, leader, id, start);
            self.edge(Relation::LocatedIn, id, host.region);
            self.workstations.push(id);
        }
        for i in 0..c.forums {
            let domain = self.domain();
            let topic = self.topic_in(domain);
            let t = &TOPICS[topic];
            let year = 2020 + (i % 3) as i64;
            let start = (year - 2020) * 365 + self.rng.range(20, 340);
            let id = self.instrument(
                NodeKind::Forum,
                format!("{year}年泰安{}产业对接会（第{}场）", t.name_zh, i + 1),
                format!("Tai'an {} matchmaking forum {year} #{}", t.name_en, i + 1),
                Some("matchmaking"),
                start,
                None,
                t.industry,
            );
            let s = self.society_in(domain);
            self.edge(Relation::Leads, s, id);
            self.edge(Relation::LocatedIn, id, self.city);
            let k = self.rng.range(5, 25) as usize;
            for _ in 0..k {
                let x = self.expert_in(domain);
                self.edge(Relation::Participates, x, id);
                let f = self.firm_in(domain).node;
                self.edge(Relation::Participates, f, id);
            }
            self.forums.push(id);
        }
        for i in 0..c.agreements {
            let domain = self.domain();
            let t = &TOPICS[self.topic_in(domain)];
            let lead = if i % 2 == 0 {
                self.society_in(domain)
            } else {
                self.rng.pick(&self.institutions).0
            };
            let firm = self.firm_in(domain);
            let start = self.rng.range(0, 1000);
            let value = 100_000.0 * (1 + self.rng.below(30)) as f64;
            let id = self.instrument(
                NodeKind::Agreement,
                format!(
                    "{}与{}合作协议",
                    self.nodes[lead as usize].name, self.nodes[firm.node as usize].name
                ),
                format!("Cooperation agreement #{} on {}", i + 1, t.name_en),
                Some("cooperation"),
                start,
                Some(value),
                t.industry,
            );
            self.dated(Relation::Leads, lead, id, start);
            self.dated(Relation::Participates, firm.node, id, start);
            self.edge(Relation::LocatedIn, id, firm.region);
            self.agreements.push(id);
        }
        for i in 0..c.alliances {
            let domain = self.domain();
            let t = &TOPICS[self.topic_in(domain)];
            let start = self.rng.range(0, 900);
            let id = self.instrument(
                NodeKind::Alliance,
                format!("泰安{}协同创新联盟（{}）", t.name_zh, i + 1),
                format!(
                    "Tai'an {} collaborative innovation alliance #{}",
                    t.name_en,
                    i + 1
                ),
                Some("collaborative_innovation"),
                start,
                None,
                t.industry,
            );
            let lead = self.firm_in(domain);
            self.dated(Relation::Leads, lead.node, id, start);
            self.edge(Relation::LocatedIn, id, lead.region);
            let k = self.rng.range(3, 12) as usize;
            for _ in 0..k {
                let f = self.firm_in(domain).node;
                self.edge(Relation::MemberOf, f, id);
                let x = self.expert_in(domain);
                self.edge(Relation::MemberOf, x, id);
            }
            let inst = self.rng.pick(&self.institutions).0;
            self.edge(Relation::MemberOf, inst, id);
            self.alliances.push(id);
        }
        for i in 0..c.teams {
            let domain = i % DOMAINS.len();
            let s = self.society_in(domain);
            let start = self.rng.range(0, 700);
            let industry = TOPICS[self.topic_in(domain)].industry;
            let id = self.instrument(
                NodeKind::ServiceTeam,
                format!("{}科技服务团", self.nodes[s as usize].name),
                format!(
                    "Science and technology service team of {}",
                    self.nodes[s as usize].name_en.clone().unwrap_or_default()
                ),
                Some("service"),
                start,
                None,
                industry,
            );
            self.edge(Relation::Leads, s, id);
            self.edge(Relation::LocatedIn, id, self.city);
            let k = self.rng.range(5, 10) as usize;
            for _ in 0..k {
                let x = self.expert_in(domain);
                self.edge(Relation::MemberOf, x, id);
            }
            self.teams.push(id);
        }
        // projects: about 5 million CNY a year over three years
        let per_year = c.projects.div_ceil(3).max(1);
        for i in 0..c.projects {
            let year = (i / per_year).min(2) as i64;
            let in_year = if year < 2 {
                per_year
            } else {
                c.projects - 2 * per_year
            };
            let share = 5_000_000.0 / in_year.max(1) as f64;
            let budget = ((share * (0.5 + self.rng.unit())) / 1_000.0).round() * 1_000.0;
            let domain = self.domain();
            let t = &TOPICS[self.topic_in(domain)];
            let start = year * 365 + self.rng.range(30, 200);
            let id = self.instrument(
                NodeKind::Project,
                format!("科创中国{}试点项目（{}）", t.name_zh, i + 1),
                format!("Kechuang China pilot project on {} #{}", t.name_en, i + 1),
                Some("pilot"),
                start,
                Some(budget),
                t.industry,
            );
            let lead = if i % 3 == 0 {
                self.society_in(domain)
            } else {
                self.firm_in(domain).node
            };
            self.dated(Relation::Leads, lead, id, start);
            let k = self.rng.range(2, 4) as usize;
            for _ in 0..k {
                let x = self.expert_in(domain);
                self.edge(Relation::Participates, x, id);
            }
            self.edge(Relation::LocatedIn, id, self.city);
            self.projects.push(id);
        }
    }

    fn offers(&mut self, c: &Counts) {
        for i in 0..c.offers {
            let slot = self.rng.below(self.experts.len());
            let x = self.experts[slot];
            let t = &TOPICS[x.topic];
            let (a, b) = (&t.terms[PAIRS[x.pair].0], &t.terms[PAIRS[x.pair].1]);
            let id = self.push(
                format!("{}{}新技术", a.0, b.0),
                Some(format!("New technology for {} and {}", a.1, b.1)),
                NodeData::Offer(Offer {
                    text: format!(
                        "成熟的{}技术，可改善{}，适用于{}。A proven {} technology improving {}.",
                        a.0, b.0, t.name_zh, a.1, b.1
                    ),
                    keywords: vec![a.0.into(), b.0.into()],
                    industries: vec![t.industry.into()],
                    disciplines: t.disciplines.iter().map(|d| d.to_string()).collect(),
                }),
            );
            let owner = match i % 10 {
                0..=5 => x.node,
                6..=8 => self.rng.pick(&self.institutions).0,
                _ => self.society_in(t.domain),
            };
            self.edge(Relation::Offers, owner, id);
        }
    }

    // ---- demands -----------------------------------------------------------------------

    fn statuses(&mut self, c: &Counts) -> Vec<DemandStatus> {
        use DemandStatus as S;
        let n = c.demands;
        let rest = n - c.solved;
        let share = |p: usize| rest * p / 100;
        let mut v = vec![S::Solved; c.solved];
        for (s, p) in [
            (S::ClosedUnsolved, 9),
            (S::Withdrawn, 4),
            (S::Engaged, 14),
            (S::Contacted, 12),
            (S::Matched, 22),
            (S::Analysed, 16),
        ] {
            v.extend(std::iter::repeat_n(s, share(p)));
        }
        v.resize(n, S::Posted);
        for i in (1..v.len()).rev() {
            let j = self.rng.below(i + 1);
            v.swap(i, j);
        }
        v
    }

    fn path(&mut self, to: DemandStatus) -> Vec<DemandStatus> {
        use DemandStatus as S;
        let mut p = Vec::new();
        let analysed = self.rng.chance(0.7);
        match to {
            S::Posted => {}
            S::Analysed => p.push(S::Analysed),
            S::Withdrawn => {
                if analysed {
                    p.push(S::Analysed);
                }
                p.push(S::Withdrawn);
            }
            _ => {
                if analysed {
                    p.push(S::Analysed);
                }
                p.push(S::Matched);
                let depth = match to {
                    S::Matched => 0,
                    S::Contacted => 1,
                    S::Engaged => 2,
                    S::Solved => 3,
                    _ => self.rng.below(2),
                };
                if depth >= 1 {
                    p.push(S::Contacted);
                    if depth >= 2 && self.rng.chance(0.1) {
                        // a declined introduction, then a second attempt
                        p.extend([S::Matched, S::Contacted]);
                    }
                }
                if depth >= 2 {
                    p.push(S::Engaged);
                }
                if to == S::Solved {
                    p.push(S::Solved);
                } else if to == S::ClosedUnsolved {
                    p.push(S::ClosedUnsolved);
                }
            }
        }
        p
    }

    fn demands(&mut self, c: &Counts) {
        let statuses = self.statuses(c);
        let mut market_share_done = false;
        for (i, &status) in statuses.iter().enumerate() {
            let domain = self.domain();
            let topic = self.topic_in(domain);
            let t: &Topic = &TOPICS[topic];
            let pair = self.rng.below(PAIRS.len());
            let (a, b) = (&t.terms[PAIRS[pair].0], &t.terms[PAIRS[pair].1]);
            let (cz, ce) = (DOMAINS[t.domain].2, DOMAINS[t.domain].3);
            let (tz, te) = *self.rng.pick(DEMAND_TEMPLATES);
            let text_zh = fill(tz, a.0, b.0, cz, t.name_zh);
            let text_en = fill(te, a.1, b.1, ce, t.name_en);
            let text_mixed = fill(tz, a.1, b.1, cz, t.name_zh);
            let text_variant = fill(tz, a.2, b.2, cz, t.name_zh);
            let firm = self.firm_in(domain);
            let posted = self.rng.range(0, 911);
            let path = self.path(status);
            let specialists = &self.specialists[topic * PAIRS.len() + pair];
            let solver_slot = (!specialists.is_empty())
                .then(|| specialists[self.rng.below(specialists.len().min(2))] as usize);
            let solver = solver_slot.map(|s| self.experts[s].node);
            let by_society =
                status == DemandStatus::Solved && (!market_share_done || solver.is_none());
            let liaison = match self.liaison_of_firm[firm.idx as usize] {
                Some(l) => l,
                None => *self.rng.pick(&self.liaisons),
            };
            let society = self.society_in(domain);
            let solver_node = if by_society {
                society
            } else {
                solver.unwrap_or(society)
            };
            let mut day = posted;
            let mut events = Vec::with_capacity(path.len());
            let mut engaged_day = None;
            for &to in &path {
                day += self.rng.range(1, 25);
                let actor = match to {
                    DemandStatus::Matched | DemandStatus::Contacted => {
                        Some(self.nodes[liaison as usize].key.clone())
                    }
                    DemandStatus::Engaged | DemandStatus::Solved => {
                        Some(self.nodes[solver_node as usize].key.clone())
                    }
                    _ => None,
                };
                if to == DemandStatus::Engaged {
                    engaged_day = Some(day);
                }
                events.push(DemandEvent {
                    date: date(day),
                    to,
                    actor,
                    note: None,
                });
            }
            let urgency = [
                Urgency::Low,
                Urgency::Normal,
                Urgency::High,
                Urgency::Critical,
            ][self.rng.weighted(&[15, 55, 22, 8])];
            let budget = self
                .rng
                .chance(0.6)
                .then(|| 50_000.0 * (1 + self.rng.below(40)) as f64);
            let analysed = path.first() == Some(&DemandStatus::Analysed);
            let stored = if self.rng.chance(0.2) {
                text_mixed.clone()
            } else {
                text_zh.clone()
            };
            let id = self.push(
                format!("{}与{}技术难题", a.0, b.0),
                Some(format!("{} and {} problem", a.1, b.1)),
                NodeData::Demand(Demand {
                    text: stored,
                    keywords: vec![a.0.into(), b.0.into()],
                    industries: vec![t.industry.into()],
                    disciplines: if analysed {
                        t.disciplines.iter().map(|d| d.to_string()).collect()
                    } else {
                        Vec::new()
                    },
                    urgency,
                    budget_cny: budget,
                    posted: Some(date(posted)),
                    events,
                }),
            );
            self.dated(Relation::Posted, firm.node, id, posted);
            self.edge(Relation::LocatedIn, id, firm.region);
            if path.contains(&DemandStatus::Matched) {
                self.edge(Relation::Brokered, liaison, id);
            }
            if let Some(ed) = engaged_day {
                self.dated(Relation::Engaged, solver_node, id, ed);
                if self.rng.chance(0.3) {
                    let pools = [
                        &self.workstations,
                        &self.projects,
                        &self.teams,
                        &self.alliances,
                    ];
                    let pool = pools[self.rng.below(pools.len())];
                    if !pool.is_empty() {
                        let u = pool[self.rng.below(pool.len())];
                        self.edge(Relation::Under, id, u);
                    }
                }
            }
            if status == DemandStatus::Solved {
                self.edges.push(
                    Edge::new(Relation::Solved, NodeId::new(solver_node), NodeId::new(id))
                        .with_role("lead")
                        .with_dates(Some(date(day)), None),
                );
                self.outcomes(
                    id,
                    solver_node,
                    firm.node,
                    day,
                    by_society && !market_share_done,
                );
                if by_society {
                    market_share_done = true;
                } else if let Some(s) = solver_slot {
                    let fname = self.nodes[firm.node as usize].name.clone();
                    let year = date(day).year();
                    let doc = self.document(s, DocumentKind::Case, year, Some(&fname));
                    self.edge(Relation::About, doc, id);
                }
            }
            let key = self.nodes[id as usize].key.clone();
            if self.truth.len() < self.cfg.truth_limit {
                self.truth.push(GroundTruth {
                    demand: key,
                    topic: format!("{}#{}", t.id, pair),
                    experts: Vec::new(),
                    text_zh,
                    text_en,
                    text_mixed,
                    text_variant,
                    terms_zh: vec![a.0.into(), b.0.into()],
                    terms_en: vec![a.1.into(), b.1.into()],
                });
            }
            let _ = i;
        }
    }

    fn outcome(&mut self, name: String, kind: OutcomeKind, value: f64, day: i64) -> u32 {
        self.push(
            name,
            None,
            NodeData::Outcome(Outcome {
                kind,
                value,
                unit: None,
                date: Some(date(day.min(END_2022))),
            }),
        )
    }

    fn outcomes(&mut self, demand: u32, solver: u32, firm: u32, day: i64, market_share: bool) {
        let dname = self.nodes[demand as usize].name.clone();
        let o = self.outcome(
            format!("{dname}：难题解决"),
            OutcomeKind::ProblemSolved,
            1.0,
            day,
        );
        self.edge(Relation::Produced, demand, o);
        self.edge(Relation::Contributed, solver, o);
        if market_share {
            let o = self.outcome(
                format!("{dname}：市场占有率提升至61%"),
                OutcomeKind::MarketShare,
                0.61,
                day + 200,
            );
            self.edge(Relation::Produced, demand, o);
            self.edge(Relation::Contributed, solver, o);
            self.edge(Relation::Contributed, firm, o);
        }
        if self.rng.chance(0.75) {
            // heavy-tailed benefit: 0.1 to 60 million CNY
            let v = 100_000.0 * (1 + self.rng.below(20)) as f64 * (1 + self.rng.below(30)) as f64
                / 10.0;
            let v = (v / 1_000.0).round() * 1_000.0;
            let lag = self.rng.range(30, 300);
            let o = self.outcome(
                format!("{dname}：经济效益"),
                OutcomeKind::EconomicBenefit,
                v,
                day + lag,
            );
            self.edge(Relation::Produced, demand, o);
            self.edge(Relation::Contributed, solver, o);
        }
        if self.rng.chance(0.15) {
            let (k, n) = [
                (OutcomeKind::Patent, "专利"),
                (OutcomeKind::Standard, "标准"),
                (OutcomeKind::Award, "获奖"),
            ][self.rng.below(3)];
            let v = 1.0 + self.rng.below(3) as f64;
            let o = self.outcome(format!("{dname}：{n}"), k, v, day + 120);
            self.edge(Relation::Produced, demand, o);
            self.edge(Relation::Contributed, solver, o);
        }
    }

    fn project_outcomes(&mut self) {
        for i in 0..self.projects.len() {
            if !self.rng.chance(0.4) {
                continue;
            }
            let p = self.projects[i];
            let name = self.nodes[p as usize].name.clone();
            let (k, n) = [
                (OutcomeKind::Patent, "专利"),
                (OutcomeKind::Talent, "人才引进"),
            ][self.rng.below(2)];
            let day = self.rng.range(200, END_2022);
            let v = 1.0 + self.rng.below(5) as f64;
            let o = self.outcome(format!("{name}：{n}"), k, v, day);
            self.edge(Relation::Produced, p, o);
        }
    }

    // ---- sizing and truth --------------------------------------------------------------

    fn pad_nodes(&mut self, target: usize) -> Result<()> {
        if self.nodes.len() > target {
            return Err(Error::invalid(
                "nodes",
                format!(
                    "{target} is too few for this programme's structure (it needs {}); ask for more nodes",
                    self.nodes.len()
                ),
            ));
        }
        while self.nodes.len() < target {
            let d = self.domain();
            self.firm(d);
        }
        Ok(())
    }

    fn fill_edges(&mut self, target: usize) -> Result<()> {
        if self.edges.len() > target {
            return Err(Error::invalid(
                "edges",
                format!(
                    "{target} is too few: the programme's structure for {} nodes already has {} relations; ask for at least that many",
                    self.nodes.len(),
                    self.edges.len()
                ),
            ));
        }
        self.edges.reserve_exact(target - self.edges.len());
        let mut member_urn = Urn(self
            .societies
            .iter()
            .map(|s| s.0)
            .chain(self.alliances.iter().copied())
            .collect());
        let mut inst_urn = Urn(self
            .forums
            .iter()
            .chain(&self.agreements)
            .chain(&self.alliances)
            .chain(&self.projects)
            .chain(&self.teams)
            .copied()
            .collect());
        let mut expert_urn = Urn(self.experts.iter().map(|x| x.node).collect());
        let n_experts = self.experts.len();
        let n_firms = self.firms.len();
        while self.edges.len() < target {
            let roll = self.rng.below(10);
            if roll < 5 || member_urn.0.is_empty() || inst_urn.0.is_empty() {
                let s = self.experts[self.rng.below(n_experts)].node;
                let Some(mut t) = expert_urn.draw(&mut self.rng) else {
                    break;
                };
                if t == s {
                    t = self.experts[self.rng.below(n_experts)].node;
                    if t == s {
                        continue;
                    }
                }
                expert_urn.0.push(s);
                let w = 1 + self.rng.below(5);
                self.edges.push(
                    Edge::new(Relation::Collaborated, NodeId::new(s), NodeId::new(t))
                        .with_weight(w as f32),
                );
            } else {
                let s = if self.rng.chance(0.5) {
                    self.experts[self.rng.below(n_experts)].node
                } else {
                    self.firms[self.rng.below(n_firms)].node
                };
                if roll < 8 {
                    if let Some(t) = member_urn.draw(&mut self.rng) {
                        self.edge(Relation::MemberOf, s, t);
                    }
                } else if let Some(t) = inst_urn.draw(&mut self.rng) {
                    self.edge(Relation::Participates, s, t);
                }
            }
        }
        Ok(())
    }

    fn planted(&self, topic_pair: &str) -> Vec<String> {
        let Some((tid, pair)) = topic_pair.split_once('#') else {
            return Vec::new();
        };
        let Some(topic) = TOPICS.iter().position(|t| t.id == tid) else {
            return Vec::new();
        };
        let Ok(pair) = pair.parse::<usize>() else {
            return Vec::new();
        };
        let mut list: Vec<ExpertInfo> = self.specialists[topic * PAIRS.len() + pair]
            .iter()
            .map(|&s| self.experts[s as usize])
            .collect();
        // densest first: most documents on exactly these terms; ties by id
        list.sort_by(|x, y| y.docs.cmp(&x.docs).then(x.node.cmp(&y.node)));
        list.iter()
            .take(3)
            .map(|x| self.nodes[x.node as usize].key.clone())
            .collect()
    }

    fn finish_truth(&mut self) {
        let mut truth = std::mem::take(&mut self.truth);
        for t in &mut truth {
            t.experts = self.planted(&t.topic);
            if let Some((id, _)) = t.topic.split_once('#') {
                t.topic = id.to_string();
            }
        }
        truth.retain(|t| !t.experts.is_empty());
        self.truth = truth;
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn run<F>(cfg: &SynthConfig, mut progress: F) -> Result<Programme>
where
    F: FnMut(usize, usize) -> bool,
{
    let mut step = 0;
    let mut tick = |step: &mut usize| {
        *step += 1;
        if progress(*step, STAGES) {
            Ok(())
        } else {
            Err(Error::Cancelled)
        }
    };
    // Regions and the minimum of one entity per kind do not scale: take them off the target.
    let mut scale = match cfg.nodes {
        Some(n) => ((n as f64 - 40.0).max(1.0) / NODES_PER_SCALE * 0.97).max(1e-6),
        None => cfg.scale,
    };
    // With an exact node target, a draw that overshoots (document counts are random) is
    // redrawn at a proportionally smaller scale; the same seed always takes the same path.
    let mut attempt = 0;
    let mut g = loop {
        let c = Counts::at(scale);
        let mut g = Gen::new(cfg);
        let est_nodes = cfg.nodes.unwrap_or((scale * NODES_PER_SCALE) as usize);
        g.nodes.reserve(est_nodes);
        g.edges.reserve(cfg.edges.unwrap_or(est_nodes * 4));
        g.regions();
        g.societies(&c);
        g.institutions(&c);
        tick(&mut step)?;
        g.experts(&c);
        tick(&mut step)?;
        g.enterprises(&c);
        g.trainings(&c);
        g.liaisons(&c);
        tick(&mut step)?;
        g.instruments(&c);
        g.offers(&c);
        tick(&mut step)?;
        g.demands(&c);
        g.project_outcomes();
        tick(&mut step)?;
        match cfg.nodes {
            Some(n) if g.nodes.len() > n && attempt < 4 && scale > 1e-6 => {
                attempt += 1;
                scale *= n as f64 / g.nodes.len() as f64 * 0.97;
                step = 0;
            }
            Some(n) => {
                g.pad_nodes(n)?;
                break g;
            }
            None => break g,
        }
    };
    tick(&mut step)?;
    if let Some(m) = cfg.edges {
        g.fill_edges(m)?;
    }
    tick(&mut step)?;
    g.finish_truth();
    tick(&mut step)?;
    let truth = std::mem::take(&mut g.truth);
    let mut graph =
        CollabGraph::from_parts(std::mem::take(&mut g.nodes), std::mem::take(&mut g.edges))?;
    graph.set_meta(ProgrammeMeta {
        title: Some("泰安市科创中国试点城市（合成数据）".into()),
        title_en: Some(
            "Tai'an Science and Technology Innovation China pilot city (synthetic)".into(),
        ),
        source: Some(match cfg.nodes {
            Some(n) => format!("kechuang::synth, seed {}, {n} entities", cfg.seed),
            None => format!("kechuang::synth, seed {}, scale {}", cfg.seed, cfg.scale),
        }),
        ..ProgrammeMeta::default()
    });
    tick(&mut step)?;
    tick(&mut step)?;
    Ok(Programme { graph, truth })
}
