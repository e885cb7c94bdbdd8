//! Entities (nodes) and their kind-specific data.

use std::collections::BTreeMap;

use super::date::Date;
use super::kinds::{NodeKind, named_enum};
use super::lifecycle::{DemandEvent, DemandStatus};
use crate::error::{Error, Result};

/// Free user fields on an entity or relation: any JSON value under any name. Kept verbatim
/// through every round trip.
pub type Attrs = BTreeMap<String, serde_json::Value>;

named_enum!(
    /// Level of a scientific society.
    SocietyLevel, "level" {
        /// 全国学会
        National = "national",
        /// 省级学会
        Provincial = "provincial",
        /// 市级学会
        Municipal = "municipal",
        /// 企业科协
        Enterprise = "enterprise",
        /// 高校科协
        University = "university",
    }
);

named_enum!(
    /// Level of a region in the nesting.
    RegionLevel, "level" {
        /// 省
        Province = "province",
        /// 市
        City = "city",
        /// 区
        District = "district",
        /// 县 / 县级市
        County = "county",
        /// 园区 — industrial park or development zone.
        Park = "park",
        /// 镇 / 街道
        Town = "town",
    }
);

named_enum!(
    /// An expert's title.
    Title, "titles" {
        /// 中国科学院院士
        AcademicianCas = "academician_cas",
        /// 中国工程院院士
        AcademicianCae = "academician_cae",
        /// 教授
        Professor = "professor",
        /// 副教授
        AssociateProfessor = "associate_professor",
        /// 研究员
        Researcher = "researcher",
        /// 正高级工程师
        ProfessorEngineer = "professor_engineer",
        /// 高级工程师
        SeniorEngineer = "senior_engineer",
        /// 工程师
        Engineer = "engineer",
        /// 博士
        Doctor = "doctor",
    }
);

impl Title {
    /// True for academicians of CAS or CAE (两院院士).
    pub fn is_academician(self) -> bool {
        matches!(self, Title::AcademicianCas | Title::AcademicianCae)
    }

    /// Seniority of the title in [0, 1]: academicians 1.0, full professors and equivalents 0.7,
    /// associate / senior 0.5, engineer / doctor 0.3.
    pub fn seniority(self) -> f64 {
        match self {
            Title::AcademicianCas | Title::AcademicianCae => 1.0,
            Title::Professor | Title::Researcher | Title::ProfessorEngineer => 0.7,
            Title::AssociateProfessor | Title::SeniorEngineer => 0.5,
            Title::Engineer | Title::Doctor => 0.3,
        }
    }
}

named_enum!(
    /// What kind of institution.
    InstitutionKind, "subtype" {
        /// 高校
        University = "university",
        /// 科研院所
        ResearchInstitute = "research_institute",
        /// 实验室 / 重点实验室
        Lab = "lab",
        /// 医院
        Hospital = "hospital",
        /// 其他
        Other = "other",
    }
);

named_enum!(
    /// Size class of an enterprise.
    EnterpriseSize, "size" {
        /// 微型
        Micro = "micro",
        /// 小型
        Small = "small",
        /// 中型
        Medium = "medium",
        /// 大型
        Large = "large",
    }
);

named_enum!(
    /// How urgent a demand is.
    Urgency, "urgency" {
        /// 一般，可排期
        Low = "low",
        /// 正常
        Normal = "normal",
        /// 紧急
        High = "high",
        /// 非常紧急（停产、安全）
        Critical = "critical",
    }
);

impl Urgency {
    /// Rank for sorting, 0 (low) to 3 (critical).
    pub fn rank(self) -> u8 {
        self as u8
    }
}

named_enum!(
    /// What kind of document is evidence of expertise.
    DocumentKind, "subtype" {
        /// 论文
        Paper = "paper",
        /// 专利
        Patent = "patent",
        /// 报告
        Report = "report",
        /// 已解决案例
        Case = "case",
        /// 标准
        Standard = "standard",
        /// 著作
        Book = "book",
        /// 其他
        Other = "other",
    }
);

named_enum!(
    /// What kind of result an outcome records.
    OutcomeKind, "subtype" {
        /// 解决技术难题 — value is the number of problems (usually 1).
        ProblemSolved = "problem_solved",
        /// 经济效益 — value in CNY.
        EconomicBenefit = "economic_benefit",
        /// 市场占有率 — value is a share in [0, 1].
        MarketShare = "market_share",
        /// 获奖 — value is a count.
        Award = "award",
        /// 专利 — value is a count.
        Patent = "patent",
        /// 标准 — value is a count.
        Standard = "standard",
        /// 人才引进 — value is a number of people.
        Talent = "talent",
        /// anything else; value and unit as given.
        Other = "other",
    }
);

impl OutcomeKind {
    /// True when the value is money (CNY) rather than a count or share.
    pub fn is_money(self) -> bool {
        matches!(self, OutcomeKind::EconomicBenefit)
    }
}

/// 企业
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Enterprise {
    /// Industry codes (see [`Taxonomy`](super::Taxonomy)).
    pub industries: Vec<String>,
    /// Size class.
    pub size: Option<EnterpriseSize>,
    /// High-tech enterprise (高新技术企业).
    pub high_tech: bool,
    /// Other flags, e.g. `"specialised_sme"` (专精特新), `"listed"`.
    pub flags: Vec<String>,
}

/// 学会
#[derive(Debug, Clone, PartialEq)]
pub struct Society {
    /// Level.
    pub level: SocietyLevel,
    /// Discipline codes.
    pub disciplines: Vec<String>,
    /// Keywords describing the society's fields.
    pub keywords: Vec<String>,
}

/// 专家
#[derive(Debug, Clone, PartialEq)]
pub struct Expert {
    /// Titles held.
    pub titles: Vec<Title>,
    /// Discipline codes.
    pub disciplines: Vec<String>,
    /// Research keywords.
    pub keywords: Vec<String>,
    /// How many demands the expert can take on at once (maximum load).
    pub capacity: u32,
    /// Free-text profile (research interests, biography).
    pub profile: String,
}

impl Expert {
    /// True if the expert is an academician of CAS or CAE.
    pub fn is_academician(&self) -> bool {
        self.titles.iter().any(|t| t.is_academician())
    }

    /// Highest seniority among the titles, 0 when there is none.
    pub fn seniority(&self) -> f64 {
        self.titles
            .iter()
            .map(|t| t.seniority())
            .fold(0.0, f64::max)
    }
}

/// 机构
#[derive(Debug, Clone, PartialEq)]
pub struct Institution {
    /// University, research institute, lab, …
    pub kind: InstitutionKind,
    /// Discipline codes.
    pub disciplines: Vec<String>,
}

/// 科创联络员
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Liaison {
    /// Training tier as recorded (0 = untrained; higher = more advanced).
    pub tier: u8,
    /// Date the liaison joined the programme.
    pub since: Option<Date>,
}

/// 区域
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Level in the nesting.
    pub level: RegionLevel,
    /// Administrative code, if known (e.g. 370900 for Tai'an).
    pub code: Option<String>,
}

/// 需求 / 技术难题
#[derive(Debug, Clone, PartialEq)]
pub struct Demand {
    /// The problem statement, in any mix of Chinese and English.
    pub text: String,
    /// Keywords given by the enterprise or an analyst.
    pub keywords: Vec<String>,
    /// Industry codes.
    pub industries: Vec<String>,
    /// Discipline codes, if an analyst has classified the demand.
    pub disciplines: Vec<String>,
    /// Urgency.
    pub urgency: Urgency,
    /// Budget in CNY, if stated.
    pub budget_cny: Option<f64>,
    /// Date posted.
    pub posted: Option<Date>,
    /// Append-only lifecycle log; the current state is derived from it (see [`Demand::status`]).
    pub events: Vec<DemandEvent>,
}

impl Demand {
    /// A new demand with this text and defaults elsewhere (normal urgency, no events).
    pub fn new(text: impl Into<String>) -> Self {
        Demand {
            text: text.into(),
            keywords: Vec::new(),
            industries: Vec::new(),
            disciplines: Vec::new(),
            urgency: Urgency::Normal,
            budget_cny: None,
            posted: None,
            events: Vec::new(),
        }
    }

    /// Current state: the target of the last event, or `posted` when the log is empty.
    pub fn status(&self) -> DemandStatus {
        self.events.last().map_or(DemandStatus::Posted, |e| e.to)
    }

    /// Date of the last event (or the posting date).
    pub fn last_activity(&self) -> Option<Date> {
        self.events.last().map(|e| e.date).or(self.posted)
    }
}

/// 成果 — a technology offer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Offer {
    /// Description.
    pub text: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Industry codes it applies to.
    pub industries: Vec<String>,
    /// Discipline codes.
    pub disciplines: Vec<String>,
}

/// 文献 — evidence of expertise.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Paper, patent, …
    pub kind: DocumentKind,
    /// Title.
    pub title: String,
    /// Abstract or full text.
    pub text: String,
    /// Publication year.
    pub year: Option<i32>,
    /// Keywords.
    pub keywords: Vec<String>,
}

/// Data shared by the programme's instruments (workstation, forum, agreement, alliance,
/// service team, project, training).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Instrument {
    /// Free category, e.g. `"academician"` for an academician workstation, `"tier-2"` for a
    /// training.
    pub category: Option<String>,
    /// Start (founding, signing, event) date.
    pub start: Option<Date>,
    /// End date, if any.
    pub end: Option<Date>,
    /// Money involved in CNY (project funding, agreement value).
    pub budget_cny: Option<f64>,
    /// Industry codes it serves.
    pub industries: Vec<String>,
}

/// 成效
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// What kind of result.
    pub kind: OutcomeKind,
    /// Its value (CNY for economic benefit, share in [0, 1] for market share, else a count).
    pub value: f64,
    /// Unit, if other than the kind's default.
    pub unit: Option<String>,
    /// When it was achieved.
    pub date: Option<Date>,
}

/// The kind-specific part of an entity.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub enum NodeData {
    Enterprise(Enterprise),
    Society(Society),
    Expert(Expert),
    Institution(Institution),
    Liaison(Liaison),
    Region(Region),
    Demand(Demand),
    Offer(Offer),
    Document(Document),
    Workstation(Instrument),
    Forum(Instrument),
    Agreement(Instrument),
    Alliance(Instrument),
    ServiceTeam(Instrument),
    Project(Instrument),
    Training(Instrument),
    Outcome(Outcome),
}

impl NodeData {
    /// The kind.
    pub fn kind(&self) -> NodeKind {
        match self {
            NodeData::Enterprise(_) => NodeKind::Enterprise,
            NodeData::Society(_) => NodeKind::Society,
            NodeData::Expert(_) => NodeKind::Expert,
            NodeData::Institution(_) => NodeKind::Institution,
            NodeData::Liaison(_) => NodeKind::Liaison,
            NodeData::Region(_) => NodeKind::Region,
            NodeData::Demand(_) => NodeKind::Demand,
            NodeData::Offer(_) => NodeKind::Offer,
            NodeData::Document(_) => NodeKind::Document,
            NodeData::Workstation(_) => NodeKind::Workstation,
            NodeData::Forum(_) => NodeKind::Forum,
            NodeData::Agreement(_) => NodeKind::Agreement,
            NodeData::Alliance(_) => NodeKind::Alliance,
            NodeData::ServiceTeam(_) => NodeKind::ServiceTeam,
            NodeData::Project(_) => NodeKind::Project,
            NodeData::Training(_) => NodeKind::Training,
            NodeData::Outcome(_) => NodeKind::Outcome,
        }
    }

    /// Default data for a kind: empty lists, `None` options, and these defaults — society level
    /// `national`, expert capacity 3, institution `other`, region level `city`, urgency
    /// `normal`, document `other`, outcome `other` with value 0.
    pub fn default_for(kind: NodeKind) -> NodeData {
        match kind {
            NodeKind::Enterprise => NodeData::Enterprise(Enterprise::default()),
            NodeKind::Society => NodeData::Society(Society {
                level: SocietyLevel::National,
                disciplines: Vec::new(),
                keywords: Vec::new(),
            }),
            NodeKind::Expert => NodeData::Expert(Expert {
                titles: Vec::new(),
                disciplines: Vec::new(),
                keywords: Vec::new(),
                capacity: 3,
                profile: String::new(),
            }),
            NodeKind::Institution => NodeData::Institution(Institution {
                kind: InstitutionKind::Other,
                disciplines: Vec::new(),
            }),
            NodeKind::Liaison => NodeData::Liaison(Liaison::default()),
            NodeKind::Region => NodeData::Region(Region {
                level: RegionLevel::City,
                code: None,
            }),
            NodeKind::Demand => NodeData::Demand(Demand::new("")),
            NodeKind::Offer => NodeData::Offer(Offer::default()),
            NodeKind::Document => NodeData::Document(Document {
                kind: DocumentKind::Other,
                title: String::new(),
                text: String::new(),
                year: None,
                keywords: Vec::new(),
            }),
            NodeKind::Workstation => NodeData::Workstation(Instrument::default()),
            NodeKind::Forum => NodeData::Forum(Instrument::default()),
            NodeKind::Agreement => NodeData::Agreement(Instrument::default()),
            NodeKind::Alliance => NodeData::Alliance(Instrument::default()),
            NodeKind::ServiceTeam => NodeData::ServiceTeam(Instrument::default()),
            NodeKind::Project => NodeData::Project(Instrument::default()),
            NodeKind::Training => NodeData::Training(Instrument::default()),
            NodeKind::Outcome => NodeData::Outcome(Outcome {
                kind: OutcomeKind::Other,
                value: 0.0,
                unit: None,
                date: None,
            }),
        }
    }

    /// The instrument data, for the seven instrument kinds.
    pub fn instrument(&self) -> Option<&Instrument> {
        match self {
            NodeData::Workstation(i)
            | NodeData::Forum(i)
            | NodeData::Agreement(i)
            | NodeData::Alliance(i)
            | NodeData::ServiceTeam(i)
            | NodeData::Project(i)
            | NodeData::Training(i) => Some(i),
            _ => None,
        }
    }

    /// Checks value ranges: finite, non-negative money and capacities, ordered dates, market
    /// shares within [0, 1], and event dates in order.
    pub fn validate(&self) -> Result<()> {
        fn money(field: &str, v: Option<f64>) -> Result<()> {
            match v {
                Some(x) if !x.is_finite() || x < 0.0 => Err(Error::invalid(
                    field,
                    format!("{x} is not a finite amount ≥ 0 (CNY)"),
                )),
                _ => Ok(()),
            }
        }
        fn dates(start: Option<Date>, end: Option<Date>) -> Result<()> {
            match (start, end) {
                (Some(s), Some(e)) if e < s => Err(Error::invalid(
                    "end",
                    format!("end {e} is before start {s}; swap them or fix one"),
                )),
                _ => Ok(()),
            }
        }
        match self {
            NodeData::Demand(d) => {
                money("budget_cny", d.budget_cny)?;
                super::lifecycle::validate_log(d)
            }
            NodeData::Workstation(i)
            | NodeData::Forum(i)
            | NodeData::Agreement(i)
            | NodeData::Alliance(i)
            | NodeData::ServiceTeam(i)
            | NodeData::Project(i)
            | NodeData::Training(i) => {
                money("budget_cny", i.budget_cny)?;
                dates(i.start, i.end)
            }
            NodeData::Outcome(o) => {
                if !o.value.is_finite() {
                    return Err(Error::invalid(
                        "value",
                        format!("{} is not a finite number", o.value),
                    ));
                }
                if o.kind != OutcomeKind::Other && o.value < 0.0 {
                    return Err(Error::invalid(
                        "value",
                        format!("{} is negative; {} must be ≥ 0", o.value, o.kind),
                    ));
                }
                if o.kind == OutcomeKind::MarketShare && o.value > 1.0 {
                    return Err(Error::invalid(
                        "value",
                        format!(
                            "market share {} is above 1; give it as a fraction (61% → 0.61)",
                            o.value
                        ),
                    ));
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// An entity: the caller's key, names, kind-specific data and free attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The caller's unique key (any non-empty string).
    pub key: String,
    /// Display name (usually Chinese).
    pub name: String,
    /// English name, if any.
    pub name_en: Option<String>,
    /// Kind-specific data.
    pub data: NodeData,
    /// Free user fields.
    pub attrs: Attrs,
}

impl Node {
    /// A node of `kind` with default data (see [`NodeData::default_for`]).
    pub fn new(key: impl Into<String>, kind: NodeKind, name: impl Into<String>) -> Self {
        Node {
            key: key.into(),
            name: name.into(),
            name_en: None,
            data: NodeData::default_for(kind),
            attrs: Attrs::new(),
        }
    }

    /// A node with the given data.
    pub fn with_data(key: impl Into<String>, name: impl Into<String>, data: NodeData) -> Self {
        Node {
            key: key.into(),
            name: name.into(),
            name_en: None,
            data,
            attrs: Attrs::new(),
        }
    }

    /// The kind.
    pub fn kind(&self) -> NodeKind {
        self.data.kind()
    }

    /// The expert data, if this is an expert.
    pub fn as_expert(&self) -> Option<&Expert> {
        if let NodeData::Expert(x) = &self.data {
            Some(x)
        } else {
            None
        }
    }

    /// The demand data, if this is a demand.
    pub fn as_demand(&self) -> Option<&Demand> {
        if let NodeData::Demand(x) = &self.data {
            Some(x)
        } else {
            None
        }
    }

    /// The society data, if this is a society.
    pub fn as_society(&self) -> Option<&Society> {
        if let NodeData::Society(x) = &self.data {
            Some(x)
        } else {
            None
        }
    }

    /// The enterprise data, if this is an enterprise.
    pub fn as_enterprise(&self) -> Option<&Enterprise> {
        if let NodeData::Enterprise(x) = &self.data {
            Some(x)
        } else {
            None
        }
    }

    /// The document data, if this is a document.
    pub fn as_document(&self) -> Option<&Document> {
        if let NodeData::Document(x) = &self.data {
            Some(x)
        } else {
            None
        }
    }

    /// The offer data, if this is an offer.
    pub fn as_offer(&self) -> Option<&Offer> {
        if let NodeData::Offer(x) = &self.data {
            Some(x)
        } else {
            None
        }
    }

    /// The outcome data, if this is an outcome.
    pub fn as_outcome(&self) -> Option<&Outcome> {
        if let NodeData::Outcome(x) = &self.data {
            Some(x)
        } else {
            None
        }
    }

    /// The liaison data, if this is a liaison.
    pub fn as_liaison(&self) -> Option<&Liaison> {
        if let NodeData::Liaison(x) = &self.data {
            Some(x)
        } else {
            None
        }
    }

    /// The region data, if this is a region.
    pub fn as_region(&self) -> Option<&Region> {
        if let NodeData::Region(x) = &self.data {
            Some(x)
        } else {
            None
        }
    }

    /// Checks the key and the data (see [`NodeData::validate`]).
    pub fn validate(&self) -> Result<()> {
        if self.key.trim().is_empty() {
            return Err(Error::invalid(
                "key",
                "is empty; every entity needs a unique non-empty key",
            ));
        }
        if self.key.len() > crate::limits::MAX_KEY_BYTES {
            return Err(Error::LimitExceeded {
                what: "key length in bytes".into(),
                limit: crate::limits::MAX_KEY_BYTES as u64,
                actual: self.key.len() as u64,
                hint: "use a short identifier as key and put long text in name or attrs".into(),
            });
        }
        self.data.validate()
    }
}
