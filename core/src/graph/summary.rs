//! A programme summary: counts per entity and relation kind, academicians, liaisons by tier,
//! demands by status, project funds and economic benefit.

use serde::{Deserialize, Serialize};

use super::CollabGraph;
use crate::model::{DemandStatus, NodeData, NodeKind, OutcomeKind, Relation};

/// How many entities of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KindCount {
    /// The kind.
    pub kind: NodeKind,
    /// Its Chinese name.
    pub name_zh: String,
    /// Number of live entities.
    pub count: usize,
}

/// How many relations of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationCount {
    /// The relation.
    pub relation: Relation,
    /// Its Chinese name.
    pub name_zh: String,
    /// Number of live relations.
    pub count: usize,
}

/// How many demands are in one state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusCount {
    /// The state.
    pub status: DemandStatus,
    /// Its Chinese name.
    pub name_zh: String,
    /// Number of demands currently in it.
    pub count: usize,
}

/// How many liaisons hold one training tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierCount {
    /// Tier (0 = untrained).
    pub tier: u8,
    /// Number of liaisons.
    pub count: usize,
}

/// The headline figures of a programme, as a pilot city reports them.
///
/// ```
/// use kechuang::graph::{CollabGraph, GraphSummary};
/// use kechuang::model::{Node, NodeKind, Relation};
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("x:1", NodeKind::Expert, "张伟"))?;
/// g.add_node(Node::new("s:1", NodeKind::Society, "中国金属学会"))?;
/// g.connect(Relation::MemberOf, "x:1", "s:1")?;
/// let s = GraphSummary::of(&g);
/// assert_eq!((s.nodes, s.edges), (2, 1));
/// assert_eq!(s.kind(NodeKind::Expert), 1);
/// assert_eq!(s.relation(Relation::MemberOf), 1);
/// # Ok::<(), kechuang::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphSummary {
    /// Live entities.
    pub nodes: usize,
    /// Live relations.
    pub edges: usize,
    /// Entities per kind, every kind in declaration order (zeros included).
    pub by_kind: Vec<KindCount>,
    /// Relations per kind, every kind in declaration order (zeros included).
    pub by_relation: Vec<RelationCount>,
    /// Experts holding an academician title (CAS or CAE).
    pub academicians: usize,
    /// Academicians of the Chinese Academy of Sciences.
    pub academicians_cas: usize,
    /// Academicians of the Chinese Academy of Engineering.
    pub academicians_cae: usize,
    /// Liaisons per training tier, by tier.
    pub liaisons_by_tier: Vec<TierCount>,
    /// Demands per current state, every state in lifecycle order.
    pub demands_by_status: Vec<StatusCount>,
    /// Sum of project budgets in CNY.
    pub project_funds_cny: f64,
    /// Sum of economic-benefit outcomes in CNY.
    pub economic_benefit_cny: f64,
    /// Largest market-share outcome (a fraction), if any.
    pub max_market_share: Option<f64>,
}

impl GraphSummary {
    /// Computes the summary of a graph.
    ///
    /// # Arguments
    /// * `g` — the graph.
    ///
    /// # Returns
    /// The summary; sums are taken in id order, so they are deterministic.
    ///
    /// # Complexity
    /// O(n + m) time, O(1) extra space besides the result.
    ///
    /// # Example
    /// See the type's example.
    ///
    /// # Reference
    /// The reported figures follow the "科创中国" pilot-city reports (see the design table).
    pub fn of(g: &CollabGraph) -> GraphSummary {
        let mut kinds = vec![0usize; NodeKind::ALL.len()];
        let mut statuses = vec![0usize; DemandStatus::ALL.len()];
        let mut tiers: Vec<usize> = Vec::new();
        let (mut cas, mut cae, mut academicians) = (0, 0, 0);
        let (mut funds, mut benefit) = (0.0, 0.0);
        let mut share: Option<f64> = None;
        for (_, n) in g.nodes() {
            kinds[n.kind() as usize] += 1;
            match &n.data {
                NodeData::Expert(x) => {
                    academicians += usize::from(x.is_academician());
                    cas += usize::from(x.titles.contains(&crate::model::Title::AcademicianCas));
                    cae += usize::from(x.titles.contains(&crate::model::Title::AcademicianCae));
                }
                NodeData::Liaison(l) => {
                    let t = usize::from(l.tier);
                    if tiers.len() <= t {
                        tiers.resize(t + 1, 0);
                    }
                    tiers[t] += 1;
                }
                NodeData::Demand(d) => statuses[d.status() as usize] += 1,
                NodeData::Project(p) => funds += p.budget_cny.unwrap_or(0.0),
                NodeData::Outcome(o) => match o.kind {
                    OutcomeKind::EconomicBenefit => benefit += o.value,
                    OutcomeKind::MarketShare => {
                        share = Some(share.map_or(o.value, |s: f64| s.max(o.value)));
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        let mut rels = [0usize; Relation::COUNT];
        for (_, e) in g.edges() {
            rels[e.relation.index()] += 1;
        }
        GraphSummary {
            nodes: g.node_count(),
            edges: g.edge_count(),
            by_kind: NodeKind::ALL
                .iter()
                .map(|&kind| KindCount {
                    kind,
                    name_zh: kind.name_zh().into(),
                    count: kinds[kind as usize],
                })
                .collect(),
            by_relation: Relation::ALL
                .iter()
                .map(|&relation| RelationCount {
                    relation,
                    name_zh: relation_zh(relation).into(),
                    count: rels[relation.index()],
                })
                .collect(),
            academicians,
            academicians_cas: cas,
            academicians_cae: cae,
            liaisons_by_tier: tiers
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .map(|(t, &count)| TierCount {
                    tier: t as u8,
                    count,
                })
                .collect(),
            demands_by_status: DemandStatus::ALL
                .iter()
                .map(|&status| StatusCount {
                    status,
                    name_zh: status_zh(status).into(),
                    count: statuses[status as usize],
                })
                .collect(),
            project_funds_cny: funds,
            economic_benefit_cny: benefit,
            max_market_share: share,
        }
    }

    /// Number of entities of a kind.
    pub fn kind(&self, kind: NodeKind) -> usize {
        self.by_kind
            .iter()
            .find(|k| k.kind == kind)
            .map_or(0, |k| k.count)
    }

    /// Number of relations of a kind.
    pub fn relation(&self, relation: Relation) -> usize {
        self.by_relation
            .iter()
            .find(|r| r.relation == relation)
            .map_or(0, |r| r.count)
    }

    /// Number of demands in a state.
    pub fn status(&self, status: DemandStatus) -> usize {
        self.demands_by_status
            .iter()
            .find(|s| s.status == status)
            .map_or(0, |s| s.count)
    }

    /// Number of liaisons of a tier.
    pub fn tier(&self, tier: u8) -> usize {
        self.liaisons_by_tier
            .iter()
            .find(|t| t.tier == tier)
            .map_or(0, |t| t.count)
    }
}

/// The Chinese name of a relation kind.
pub fn relation_zh(r: Relation) -> &'static str {
    match r {
        Relation::LocatedIn => "位于",
        Relation::PartOf => "隶属",
        Relation::MemberOf => "成员",
        Relation::AffiliatedWith => "任职于",
        Relation::WorksFor => "就职于",
        Relation::Posted => "发布",
        Relation::Brokered => "撮合",
        Relation::Authored => "著有",
        Relation::Offers => "提供成果",
        Relation::Engaged => "承接",
        Relation::Solved => "解决",
        Relation::Hosts => "承建",
        Relation::Leads => "牵头",
        Relation::Participates => "参与",
        Relation::Attended => "参训",
        Relation::Under => "依托",
        Relation::Produced => "产生",
        Relation::Contributed => "贡献",
        Relation::Collaborated => "合作",
        Relation::About => "关于",
    }
}

/// The Chinese name of a demand state.
pub fn status_zh(s: DemandStatus) -> &'static str {
    match s {
        DemandStatus::Posted => "已发布",
        DemandStatus::Analysed => "已分析",
        DemandStatus::Matched => "已匹配",
        DemandStatus::Contacted => "已对接",
        DemandStatus::Engaged => "合作中",
        DemandStatus::Solved => "已解决",
        DemandStatus::ClosedUnsolved => "未解决关闭",
        DemandStatus::Withdrawn => "已撤回",
    }
}
