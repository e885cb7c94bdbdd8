//! The programme report: the pilot-city figures of a "科创中国" programme for a period and a
//! region, plus the demand funnel; printable as a table with Chinese and English labels.
//!
//! ## Definitions (each figure counts what lies in the period and the region)
//!
//! A **tie** is dated by the edge's `start`, else the instrument's `start` (for instruments)
//! or the day the demand entered the matching state (`engaged` for an engaged edge, `solved`
//! for a solved edge), else the demand's posting date. Undated items cannot be placed outside
//! a period and count in every period. An item is **in the region** when its region (own
//! `located_in`; for a demand its enterprise's; for a workstation its host's; for other
//! instruments a participating enterprise's or a demand handled under it; for an outcome what
//! produced it) is the region or nested inside it (regions nest by `part_of`).
//!
//! | figure | definition |
//! |---|---|
//! | societies in cooperation 合作学会 | societies with ≥ 1 tie in the period and region: `leads`/`participates` an agreement, workstation, alliance, service team or project, or `engaged`/`solved` a demand |
//! | national societies among them 其中全国学会 | those of level `national` |
//! | experts brought in 引进专家 | experts with ≥ 1 tie: `engaged`/`solved` a demand, `leads`/`participates` a workstation, agreement, alliance, service team or project, or `member_of` a service team |
//! | academicians among them 其中院士 | those with an academician title (CAS or CAE) |
//! | problems solved 解决技术难题 | demands in the region whose log has a `solved` event dated in the period |
//! | alliances formed 组建协同创新组织 | alliances whose `start` is in the period, in the region |
//! | workstations set up 建立工作站 | workstations whose `start` is in the period, in the region |
//! | agreements signed 签订合作协议 | agreements whose `start` is in the period, in the region |
//! | pilot projects 试点项目 | projects whose `start` is in the period, in the region; **funds** = sum of their `budget_cny` |
//! | liaisons by tier 联络员（按层级） | liaisons in the region (own region or employer's) who joined (`since`) on or before the period's end, counted by recorded tier |
//! | economic benefit 经济效益 | sum of `economic_benefit` outcome values (CNY) dated in the period, in the region |
//! | max market share 最高市场占有率 | the largest `market_share` outcome dated in the period, in the region, with its key |
//! | funnel 需求漏斗 | [`funnel`](fn@super::funnel) of demands posted in the period, in the region |

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::funnel::{Funnel, FunnelOptions, funnel};
use super::{Period, RegionFilter};
use crate::error::Result;
use crate::graph::{CollabGraph, Direction};
use crate::model::{
    Date, DemandStatus, Edge, NodeId, NodeKind, OutcomeKind, Relation, SocietyLevel,
};

/// Options of [`programme_report`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ReportOptions {
    /// The period (unbounded by default).
    pub period: Period,
    /// Region key; nested regions aggregate into it. `None` = the whole programme.
    pub region: Option<String>,
}

impl ReportOptions {
    /// Options for a period and an optional region.
    pub fn new(period: Period, region: Option<String>) -> Self {
        ReportOptions { period, region }
    }
}

/// Label language for [`ProgrammeReport::to_table`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// 中文
    Zh,
    /// English
    En,
    /// Both, Chinese first (the default).
    #[default]
    Both,
}

/// The pilot-city figures (see the module docs for each definition).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeReport {
    /// The period reported.
    pub period: Period,
    /// The region key, if filtered.
    pub region: Option<String>,
    /// Societies in cooperation.
    pub societies_in_cooperation: usize,
    /// National societies among them.
    pub national_societies: usize,
    /// Experts brought in.
    pub experts_brought_in: usize,
    /// Academicians among them.
    pub academicians: usize,
    /// Problems solved.
    pub problems_solved: usize,
    /// Alliances formed.
    pub alliances_formed: usize,
    /// Workstations set up.
    pub workstations: usize,
    /// Agreements signed.
    pub agreements: usize,
    /// Pilot projects started.
    pub projects: usize,
    /// Their funds, CNY.
    pub project_funds_cny: f64,
    /// Liaisons by recorded tier.
    pub liaisons_by_tier: BTreeMap<u8, usize>,
    /// Economic benefit, CNY.
    pub economic_benefit_cny: f64,
    /// Largest market share reached (fraction in [0, 1]).
    pub max_market_share: Option<f64>,
    /// Key of the outcome with that share.
    pub max_market_share_outcome: Option<String>,
    /// The demand funnel.
    pub funnel: Funnel,
}

impl ProgrammeReport {
    /// Total liaisons.
    pub fn liaisons(&self) -> usize {
        self.liaisons_by_tier.values().sum()
    }

    /// `(Chinese label, English label, value)` rows, in report order.
    pub fn rows(&self) -> Vec<(&'static str, &'static str, String)> {
        let money = |x: f64| format!("{:.2} 万元 ({x:.0} CNY)", x / 1e4);
        let mut rows = vec![
            (
                "合作学会",
                "Societies in cooperation",
                self.societies_in_cooperation.to_string(),
            ),
            (
                "其中全国学会",
                "  of which national",
                self.national_societies.to_string(),
            ),
            (
                "引进专家",
                "Experts brought in",
                self.experts_brought_in.to_string(),
            ),
            (
                "其中院士",
                "  of which academicians",
                self.academicians.to_string(),
            ),
            (
                "解决技术难题",
                "Problems solved",
                self.problems_solved.to_string(),
            ),
            (
                "组建协同创新组织",
                "Alliances formed",
                self.alliances_formed.to_string(),
            ),
            (
                "建立工作站",
                "Workstations set up",
                self.workstations.to_string(),
            ),
            (
                "签订合作协议",
                "Agreements signed",
                self.agreements.to_string(),
            ),
            ("试点项目", "Pilot projects", self.projects.to_string()),
            ("项目经费", "Project funds", money(self.project_funds_cny)),
            ("科创联络员", "Liaisons", self.liaisons().to_string()),
        ];
        for (tier, n) in &self.liaisons_by_tier {
            rows.push((
                TIER_ZH[usize::from(*tier).min(TIER_ZH.len() - 1)],
                TIER_EN[usize::from(*tier).min(TIER_EN.len() - 1)],
                n.to_string(),
            ));
        }
        rows.push((
            "经济效益",
            "Economic benefit",
            money(self.economic_benefit_cny),
        ));
        rows.push((
            "最高市场占有率",
            "Max market share",
            self.max_market_share
                .map_or_else(|| "-".into(), |s| format!("{:.1}%", s * 100.0)),
        ));
        let f = &self.funnel;
        rows.push(("需求总数", "Demands posted", f.demands.to_string()));
        for (zh, en, s) in [
            ("已匹配", "  matched", DemandStatus::Matched),
            ("已对接", "  contacted", DemandStatus::Contacted),
            ("合作中", "  engaged", DemandStatus::Engaged),
            ("已解决", "  solved", DemandStatus::Solved),
        ] {
            let conv = f
                .conversion(s)
                .map_or_else(String::new, |c| format!(" ({:.0}%)", c * 100.0));
            rows.push((zh, en, format!("{}{conv}", f.reached(s))));
        }
        rows.push(("进行中", "  still open", f.open.to_string()));
        rows
    }

    /// The report as a two-column text table with labels in `lang`.
    pub fn to_table(&self, lang: Lang) -> String {
        let label = |zh: &str, en: &str| match lang {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
            Lang::Both => format!("{zh} {}", en.trim_start()),
        };
        let rows: Vec<(String, String)> = self
            .rows()
            .into_iter()
            .map(|(zh, en, v)| (label(zh, en), v))
            .collect();
        let w = rows
            .iter()
            .map(|(l, _)| display_width(l))
            .max()
            .unwrap_or(0);
        let period = match (self.period.from, self.period.to) {
            (None, None) => "all time".to_string(),
            (f, t) => format!(
                "{} – {}",
                f.map_or_else(|| "…".into(), |d: Date| d.to_string()),
                t.map_or_else(|| "…".into(), |d: Date| d.to_string())
            ),
        };
        let mut out = format!(
            "{} | {period} | {}\n",
            match lang {
                Lang::Zh => "科创中国 试点城市报告",
                Lang::En => "Programme report",
                Lang::Both => "科创中国 试点城市报告 Programme report",
            },
            self.region.as_deref().unwrap_or("*")
        );
        for (l, v) in rows {
            let pad = w.saturating_sub(display_width(&l));
            out.push_str(&format!("{l}{}  {v}\n", " ".repeat(pad)));
        }
        out
    }
}

const TIER_ZH: [&str; 5] = ["  未培训", "  初级", "  中级", "  高级", "  专家级"];
const TIER_EN: [&str; 5] = ["  tier 0", "  tier 1", "  tier 2", "  tier 3", "  tier 4+"];

impl fmt::Display for ProgrammeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_table(Lang::Both))
    }
}

/// Terminal display width: 2 for East Asian wide characters, 1 otherwise.
pub(crate) fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            if (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

/// Date of a tie from `actor` over `edge` to `other` (see the module docs).
fn tie_date(g: &CollabGraph, edge: &Edge, other: NodeId) -> Option<Date> {
    if let Some(d) = edge.start() {
        return Some(d);
    }
    let n = g.node(other)?;
    if let Some(i) = n.data.instrument() {
        return i.start;
    }
    let d = n.as_demand()?;
    let want = match edge.relation {
        Relation::Solved => DemandStatus::Solved,
        _ => DemandStatus::Engaged,
    };
    d.events
        .iter()
        .find(|e| e.to == want)
        .map(|e| e.date)
        .or(d.posted)
}

const COOP_INSTRUMENTS: [NodeKind; 5] = [
    NodeKind::Agreement,
    NodeKind::Workstation,
    NodeKind::Alliance,
    NodeKind::ServiceTeam,
    NodeKind::Project,
];

/// True if `actor` has a cooperation tie (module docs) in the period and region.
fn has_tie(g: &CollabGraph, actor: NodeId, period: &Period, filter: &RegionFilter) -> bool {
    g.incident(actor, None, Direction::Out)
        .any(|(_, e, other)| {
            let Some(ok) = g.node(other).map(|o| o.kind()) else {
                return false;
            };
            let qualifies = match e.relation {
                Relation::Engaged | Relation::Solved => ok == NodeKind::Demand,
                Relation::Leads | Relation::Participates => COOP_INSTRUMENTS.contains(&ok),
                Relation::MemberOf => ok == NodeKind::ServiceTeam,
                _ => false,
            };
            qualifies && period.admits(tie_date(g, e, other)) && filter.admits(g, other)
        })
}

/// Computes the programme report (figures defined in the module docs).
///
/// # Arguments
/// * `g` — the graph; `opts` — period and optional region (nested regions aggregate).
///
/// # Returns
/// A [`ProgrammeReport`]; `unknown_key` / `wrong_kind` for a bad region, `invalid_value` for a
/// reversed period.
///
/// # Complexity
/// O(V + E·r) time where r is the depth of the region tree (each region test walks up it),
/// plus the funnel's; O(V) space.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Node, NodeKind, Relation, Title, NodeData};
/// use kechuang::programme::{programme_report, ReportOptions};
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("s:csm", NodeKind::Society, "中国金属学会"))?;
/// g.add_node(Node::new("a:1", NodeKind::Agreement, "合作协议"))?;
/// g.connect(Relation::Participates, "s:csm", "a:1")?;
/// let r = programme_report(&g, &ReportOptions::default())?;
/// assert_eq!(r.societies_in_cooperation, 1);
/// assert_eq!(r.agreements, 1);
/// assert!(r.to_table(kechuang::programme::Lang::Both).contains("合作学会 Societies in cooperation"));
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// The figures follow the 科创中国 pilot-city reporting (e.g. Tai'an 2020–2022, see DESIGN.md).
pub fn programme_report(g: &CollabGraph, opts: &ReportOptions) -> Result<ProgrammeReport> {
    let p = &opts.period;
    p.validate()?;
    let filter = RegionFilter::new(g, opts.region.as_deref())?;
    let mut r = ProgrammeReport {
        period: *p,
        region: opts
            .region
            .as_ref()
            .map(|k| g.get(k).map_or(k.clone(), |n| n.key.clone())),
        societies_in_cooperation: 0,
        national_societies: 0,
        experts_brought_in: 0,
        academicians: 0,
        problems_solved: 0,
        alliances_formed: 0,
        workstations: 0,
        agreements: 0,
        projects: 0,
        project_funds_cny: 0.0,
        liaisons_by_tier: BTreeMap::new(),
        economic_benefit_cny: 0.0,
        max_market_share: None,
        max_market_share_outcome: None,
        funnel: Funnel::default(),
    };
    let mut share: Option<(f64, String)> = None;
    for (id, n) in g.nodes() {
        match n.kind() {
            NodeKind::Society if has_tie(g, id, p, &filter) => {
                r.societies_in_cooperation += 1;
                if n.as_society()
                    .is_some_and(|s| s.level == SocietyLevel::National)
                {
                    r.national_societies += 1;
                }
            }
            NodeKind::Expert if has_tie(g, id, p, &filter) => {
                r.experts_brought_in += 1;
                if n.as_expert().is_some_and(|x| x.is_academician()) {
                    r.academicians += 1;
                }
            }
            NodeKind::Demand => {
                let solved = n.as_demand().is_some_and(|d| {
                    d.events
                        .iter()
                        .any(|e| e.to == DemandStatus::Solved && p.contains(e.date))
                });
                if solved && filter.admits(g, id) {
                    r.problems_solved += 1;
                }
            }
            k @ (NodeKind::Alliance
            | NodeKind::Workstation
            | NodeKind::Agreement
            | NodeKind::Project) => {
                let Some(i) = n.data.instrument() else {
                    continue;
                };
                if !p.admits(i.start) || !filter.admits(g, id) {
                    continue;
                }
                match k {
                    NodeKind::Alliance => r.alliances_formed += 1,
                    NodeKind::Workstation => r.workstations += 1,
                    NodeKind::Agreement => r.agreements += 1,
                    _ => {
                        r.projects += 1;
                        r.project_funds_cny += i.budget_cny.unwrap_or(0.0);
                    }
                }
            }
            NodeKind::Liaison => {
                let Some(l) = n.as_liaison() else { continue };
                let joined = l.since.is_none_or(|s| p.to.is_none_or(|t| s <= t));
                if joined && filter.admits(g, id) {
                    *r.liaisons_by_tier.entry(l.tier).or_insert(0) += 1;
                }
            }
            NodeKind::Outcome => {
                let Some(o) = n.as_outcome() else { continue };
                if !p.admits(o.date) || !filter.admits(g, id) {
                    continue;
                }
                match o.kind {
                    OutcomeKind::EconomicBenefit => r.economic_benefit_cny += o.value,
                    OutcomeKind::MarketShare
                        if share.as_ref().is_none_or(|(v, _)| o.value > *v) =>
                    {
                        share = Some((o.value, n.key.clone()));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if let Some((v, k)) = share {
        r.max_market_share = Some(v);
        r.max_market_share_outcome = Some(k);
    }
    r.funnel = funnel(
        g,
        &FunnelOptions {
            period: *p,
            region: opts.region.clone(),
            grouped: false,
        },
    )?
    .overall;
    Ok(r)
}
