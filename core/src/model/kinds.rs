//! Entity kinds, relation kinds, and the table of which relation may join which kinds.

use crate::error::{Error, Location, Result};

/// Defines a fieldless enum with snake_case names, `ALL`, `as_str`, `Display` and `FromStr`.
macro_rules! named_enum {
    (
        $(#[$doc:meta])*
        $name:ident, $what:literal {
            $( $(#[$vdoc:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vdoc])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The snake_case name used in JSON, CSV and the bindings.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::Error;
            /// Parses the snake_case name (case-insensitive; `-` and spaces accepted for `_`).
            fn from_str(s: &str) -> $crate::error::Result<Self> {
                let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                match norm.as_str() {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::error::Error::InvalidValue {
                        field: $what.into(),
                        reason: format!(
                            "{s:?} is not one of: {}",
                            [$($text),+].join(", ")
                        ),
                        location: $crate::error::Location::default(),
                    }),
                }
            }
        }
    };
}
pub(crate) use named_enum;

named_enum!(
    /// The kind of an entity.
    NodeKind, "kind" {
        /// 企业 — a company.
        Enterprise = "enterprise",
        /// 学会 — a scientific society.
        Society = "society",
        /// 专家 — a person with expertise.
        Expert = "expert",
        /// 机构 — a university, research institute or lab.
        Institution = "institution",
        /// 科创联络员 — a broker who finds problems and brokers introductions.
        Liaison = "liaison",
        /// 区域 — a city, district, county or industrial park.
        Region = "region",
        /// 需求 / 技术难题 — a technical problem posted by an enterprise.
        Demand = "demand",
        /// 成果 — a technology or result offered by the supply side.
        Offer = "offer",
        /// 文献 — evidence of expertise: paper, patent, report, solved case.
        Document = "document",
        /// 工作站 — a society's or expert's station hosted at an enterprise.
        Workstation = "workstation",
        /// 论坛 — a forum or matchmaking event.
        Forum = "forum",
        /// 合作协议 — a cooperation agreement.
        Agreement = "agreement",
        /// 协同创新组织 — a collaborative innovation organisation (alliance).
        Alliance = "alliance",
        /// 科技服务团 — a science and technology service team.
        ServiceTeam = "service_team",
        /// 试点项目 — a funded pilot project.
        Project = "project",
        /// 培训 — a training session (for liaisons).
        Training = "training",
        /// 成效 — a result: problem solved, economic benefit, market share, …
        Outcome = "outcome",
    }
);

impl NodeKind {
    /// True for the programme's instruments (workstation … training).
    pub fn is_instrument(self) -> bool {
        matches!(
            self,
            NodeKind::Workstation
                | NodeKind::Forum
                | NodeKind::Agreement
                | NodeKind::Alliance
                | NodeKind::ServiceTeam
                | NodeKind::Project
                | NodeKind::Training
        )
    }

    /// The Chinese name of the kind.
    pub fn name_zh(self) -> &'static str {
        match self {
            NodeKind::Enterprise => "企业",
            NodeKind::Society => "学会",
            NodeKind::Expert => "专家",
            NodeKind::Institution => "机构",
            NodeKind::Liaison => "科创联络员",
            NodeKind::Region => "区域",
            NodeKind::Demand => "需求",
            NodeKind::Offer => "成果",
            NodeKind::Document => "文献",
            NodeKind::Workstation => "工作站",
            NodeKind::Forum => "论坛",
            NodeKind::Agreement => "合作协议",
            NodeKind::Alliance => "协同创新组织",
            NodeKind::ServiceTeam => "科技服务团",
            NodeKind::Project => "试点项目",
            NodeKind::Training => "培训",
            NodeKind::Outcome => "成效",
        }
    }
}

named_enum!(
    /// The kind of a relation (edge). Edges are directed; see [`Relation::allowed`] for the
    /// endpoint kinds each relation accepts.
    Relation, "relation" {
        /// entity → region it is located in.
        LocatedIn = "located_in",
        /// region → enclosing region (nesting: park → district → city).
        PartOf = "part_of",
        /// expert / enterprise / society / institution / liaison → society, alliance or service team.
        MemberOf = "member_of",
        /// expert → employer (institution, enterprise or society).
        AffiliatedWith = "affiliated_with",
        /// liaison → the enterprise, society or institution they work in.
        WorksFor = "works_for",
        /// enterprise → demand it posted.
        Posted = "posted",
        /// liaison → demand they found or brokered an introduction for.
        Brokered = "brokered",
        /// expert / society / institution → document (paper, patent, report, case).
        Authored = "authored",
        /// expert / society / institution / enterprise → technology offer.
        Offers = "offers",
        /// expert / society / service team / institution → demand they are working on.
        Engaged = "engaged",
        /// expert / society / service team / institution → demand they solved.
        Solved = "solved",
        /// enterprise → workstation hosted on its premises.
        Hosts = "hosts",
        /// expert / society / institution / enterprise → instrument they lead or run.
        Leads = "leads",
        /// an actor → instrument they take part in (forum, agreement, alliance, project, …).
        Participates = "participates",
        /// liaison / expert → training they attended.
        Attended = "attended",
        /// demand → instrument it is handled under (workstation, agreement, alliance, team, project).
        Under = "under",
        /// demand or instrument → outcome it produced.
        Produced = "produced",
        /// an actor → outcome they contributed to (explicit credit, besides what the graph implies).
        Contributed = "contributed",
        /// expert → expert, enterprise, institution or society they collaborated with before.
        Collaborated = "collaborated",
        /// document → demand it reports on (a solved case).
        About = "about",
    }
);

use NodeKind as K;

const ACTORS: &[NodeKind] = &[
    K::Enterprise,
    K::Society,
    K::Expert,
    K::Institution,
    K::Liaison,
];
const INSTRUMENTS: &[NodeKind] = &[
    K::Workstation,
    K::Forum,
    K::Agreement,
    K::Alliance,
    K::ServiceTeam,
    K::Project,
    K::Training,
];
const SOLVERS: &[NodeKind] = &[K::Expert, K::Society, K::ServiceTeam, K::Institution];
const LOCATABLE: &[NodeKind] = &[
    K::Enterprise,
    K::Society,
    K::Expert,
    K::Institution,
    K::Liaison,
    K::Demand,
    K::Offer,
    K::Workstation,
    K::Forum,
    K::Agreement,
    K::Alliance,
    K::ServiceTeam,
    K::Project,
    K::Training,
];

impl Relation {
    /// The allowed `(source kinds, target kinds)` of this relation.
    pub fn allowed(self) -> (&'static [NodeKind], &'static [NodeKind]) {
        match self {
            Relation::LocatedIn => (LOCATABLE, &[K::Region]),
            Relation::PartOf => (&[K::Region], &[K::Region]),
            Relation::MemberOf => (ACTORS, &[K::Society, K::Alliance, K::ServiceTeam]),
            Relation::AffiliatedWith => {
                (&[K::Expert], &[K::Institution, K::Enterprise, K::Society])
            }
            Relation::WorksFor => (&[K::Liaison], &[K::Enterprise, K::Society, K::Institution]),
            Relation::Posted => (&[K::Enterprise], &[K::Demand]),
            Relation::Brokered => (&[K::Liaison], &[K::Demand]),
            Relation::Authored => (&[K::Expert, K::Society, K::Institution], &[K::Document]),
            Relation::Offers => (
                &[K::Expert, K::Society, K::Institution, K::Enterprise],
                &[K::Offer],
            ),
            Relation::Engaged | Relation::Solved => (SOLVERS, &[K::Demand]),
            Relation::Hosts => (&[K::Enterprise], &[K::Workstation]),
            Relation::Leads => (
                &[K::Expert, K::Society, K::Institution, K::Enterprise],
                INSTRUMENTS,
            ),
            Relation::Participates => (ACTORS, INSTRUMENTS),
            Relation::Attended => (&[K::Liaison, K::Expert], &[K::Training]),
            Relation::Under => (&[K::Demand], INSTRUMENTS),
            Relation::Produced => (
                &[
                    K::Demand,
                    K::Workstation,
                    K::Agreement,
                    K::Alliance,
                    K::ServiceTeam,
                    K::Project,
                    K::Forum,
                ],
                &[K::Outcome],
            ),
            Relation::Contributed => (
                &[
                    K::Enterprise,
                    K::Society,
                    K::Expert,
                    K::Institution,
                    K::Liaison,
                    K::ServiceTeam,
                    K::Alliance,
                ],
                &[K::Outcome],
            ),
            Relation::Collaborated => (
                &[K::Expert],
                &[K::Expert, K::Enterprise, K::Institution, K::Society],
            ),
            Relation::About => (&[K::Document], &[K::Demand]),
        }
    }

    /// True if an edge of this relation may go from `source` to `target`.
    pub fn allows(self, source: NodeKind, target: NodeKind) -> bool {
        let (s, t) = self.allowed();
        s.contains(&source) && t.contains(&target)
    }

    /// Checks the endpoint kinds, returning a [`Error::RelationNotAllowed`] that lists what is
    /// allowed.
    pub fn check(self, source: NodeKind, target: NodeKind) -> Result<()> {
        if self.allows(source, target) {
            return Ok(());
        }
        let (s, t) = self.allowed();
        let names = |ks: &[NodeKind]| {
            ks.iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        };
        Err(Error::RelationNotAllowed {
            relation: self.as_str().into(),
            source_kind: source.as_str().into(),
            target_kind: target.as_str().into(),
            allowed: format!("({}) → ({})", names(s), names(t)),
            location: Location::default(),
        })
    }

    /// Number of relation kinds (for per-relation arrays).
    pub const COUNT: usize = Relation::ALL.len();

    /// Position of this relation in [`Relation::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_roundtrip() {
        for k in NodeKind::ALL {
            assert_eq!(k.as_str().parse::<NodeKind>().unwrap(), *k);
        }
        for (i, r) in Relation::ALL.iter().enumerate() {
            assert_eq!(r.as_str().parse::<Relation>().unwrap(), *r);
            assert_eq!(r.index(), i);
        }
        assert_eq!(
            "Service Team".parse::<NodeKind>().unwrap(),
            NodeKind::ServiceTeam
        );
        assert_eq!(
            "planet".parse::<NodeKind>().unwrap_err().code(),
            "invalid_value"
        );
    }

    #[test]
    fn table() {
        assert!(Relation::MemberOf.allows(K::Expert, K::Society));
        assert!(!Relation::MemberOf.allows(K::Society, K::Expert));
        let e = Relation::Posted.check(K::Expert, K::Demand).unwrap_err();
        assert_eq!(e.code(), "relation_not_allowed");
        assert!(e.to_string().contains("(enterprise) → (demand)"), "{e}");
        // every relation allows at least one pair
        for r in Relation::ALL {
            let (s, t) = r.allowed();
            assert!(!s.is_empty() && !t.is_empty());
        }
    }
}
