//! Programme operations: lifecycle properties, hand-counted KPIs, follow-up, funnel,
//! coverage, tiers, duplicate detection precision/recall, lossless merge.

use std::collections::{BTreeMap, BTreeSet};

use kechuang::graph::CollabGraph;
use kechuang::io::{NodeRecord, from_json, to_json};
use kechuang::model::{
    Date, Demand, DemandStatus as S, Edge, Enterprise, Expert, Instrument, Liaison, Node, NodeData,
    NodeKind as K, Outcome, OutcomeKind, Region, RegionLevel, Relation as R, Society, SocietyLevel,
    Title, Urgency,
};
use kechuang::programme::{
    self, CoverageOptions, DedupOptions, FollowUpConfig, FunnelOptions, Period, ReportOptions,
    TierConfig, Turn,
};
use proptest::prelude::*;

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn demand(g: &mut CollabGraph, key: &str, posted: &str, industries: &[&str], urgency: Urgency) {
    let mut d = Demand::new(format!("problem {key}"));
    d.posted = Some(day(posted));
    d.industries = industries.iter().map(|s| s.to_string()).collect();
    d.urgency = urgency;
    g.add_node(Node::with_data(key, key, NodeData::Demand(d)))
        .unwrap();
}

fn moves(g: &mut CollabGraph, key: &str, steps: &[(S, &str)]) {
    for (s, d) in steps {
        programme::transition(g, key, *s, day(d), None, None).unwrap();
    }
}

// ---- lifecycle -------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Any sequence of requested moves: valid ones (by the table and date order) are applied,
    /// invalid ones are rejected with the right code and change nothing; the log always replays
    /// to the current state, also after a JSON round trip, and `status_at` agrees at every
    /// event date.
    #[test]
    fn lifecycle_replays(steps in proptest::collection::vec((0usize..8, -3i32..20), 0..40)) {
        let mut g = CollabGraph::new();
        demand(&mut g, "d:1", "2021-01-01", &["C31"], Urgency::Normal);
        let mut state = S::Posted;
        let mut last = day("2021-01-01");
        let mut applied = 0;
        for (to, delta) in steps {
            let to = S::ALL[to];
            let date = last.add_days(delta);
            let before = g.clone();
            let r = programme::transition(&mut g, "d:1", to, date, Some("l:x"), Some("note"));
            let allowed = state.next().contains(&to);
            if !allowed {
                prop_assert_eq!(r.unwrap_err().code(), "invalid_transition");
                prop_assert!(g == before);
            } else if date < last {
                prop_assert_eq!(r.unwrap_err().code(), "invalid_value");
                prop_assert!(g == before);
            } else {
                let ev = r.unwrap();
                prop_assert_eq!(ev.to, to);
                state = to;
                last = date;
                applied += 1;
            }
            let d = g.get("d:1").unwrap().as_demand().unwrap().clone();
            prop_assert_eq!(d.status(), state);
            prop_assert_eq!(programme::replay(&d.events).unwrap(), state);
        }
        let d = g.get("d:1").unwrap().as_demand().unwrap().clone();
        prop_assert_eq!(d.events.len(), applied);
        for (i, e) in d.events.iter().enumerate() {
            // the state at an event's date is the last event of that date
            let last_same_day = d.events.iter().rposition(|x| x.date == e.date).unwrap();
            prop_assert_eq!(programme::status_at(&d, e.date), Some(d.events[last_same_day].to));
            prop_assert!(i <= last_same_day);
        }
        let back = from_json(&to_json(&g).unwrap()).unwrap();
        let d2 = back.get("d:1").unwrap().as_demand().unwrap();
        prop_assert_eq!(programme::replay(&d2.events).unwrap(), state);
        let h = programme::history(&back, "d:1").unwrap();
        prop_assert_eq!(h.spans.len(), applied + 1);
        prop_assert_eq!(h.status, state);
    }
}

#[test]
fn transition_errors_and_actor_canonical() {
    let mut g = CollabGraph::new();
    demand(&mut g, "d:1", "2021-03-01", &[], Urgency::Normal);
    g.add_node(Node::new("l:wang", K::Liaison, "王")).unwrap();
    g.add_alias("wang", g.id("l:wang").unwrap()).unwrap();
    let e = programme::transition(&mut g, "d:1", S::Analysed, day("2021-02-01"), None, None);
    assert_eq!(e.unwrap_err().code(), "invalid_value"); // before posting
    let ev = programme::transition(
        &mut g,
        "d:1",
        S::Analysed,
        day("2021-03-02"),
        Some("wang"),
        None,
    )
    .unwrap();
    assert_eq!(ev.actor.as_deref(), Some("l:wang"));
    let err = programme::transition(&mut g, "d:1", S::Engaged, day("2021-03-03"), None, None)
        .unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    assert!(err.to_string().contains("matched"), "{err}");
    assert_eq!(
        programme::transition(&mut g, "l:wang", S::Matched, day("2021-03-03"), None, None)
            .unwrap_err()
            .code(),
        "wrong_kind"
    );
    assert_eq!(
        programme::transition(&mut g, "nope", S::Matched, day("2021-03-03"), None, None)
            .unwrap_err()
            .code(),
        "unknown_key"
    );
}

// ---- a hand-counted programme -----------------------------------------------------------------

fn region(g: &mut CollabGraph, key: &str, level: RegionLevel, parent: Option<&str>) {
    g.add_node(Node::with_data(
        key,
        key,
        NodeData::Region(Region { level, code: None }),
    ))
    .unwrap();
    if let Some(p) = parent {
        g.connect(R::PartOf, key, p).unwrap();
    }
}

fn instrument(g: &mut CollabGraph, key: &str, kind: K, start: &str, budget: Option<f64>) {
    let i = Instrument {
        start: Some(day(start)),
        budget_cny: budget,
        ..Default::default()
    };
    let data = match kind {
        K::Alliance => NodeData::Alliance(i),
        K::Project => NodeData::Project(i),
        K::Workstation => NodeData::Workstation(i),
        K::Agreement => NodeData::Agreement(i),
        K::Training => NodeData::Training(i),
        _ => unreachable!(),
    };
    g.add_node(Node::with_data(key, key, data)).unwrap();
}

fn outcome(g: &mut CollabGraph, key: &str, kind: OutcomeKind, value: f64, date: &str) {
    g.add_node(Node::with_data(
        key,
        key,
        NodeData::Outcome(Outcome {
            kind,
            value,
            unit: None,
            date: Some(day(date)),
        }),
    ))
    .unwrap();
}

/// Tai'an city with two districts; a neighbouring city; hand-placed activity in 2021 and 2022.
fn small_programme() -> CollabGraph {
    let mut g = CollabGraph::new();
    region(&mut g, "r:sd", RegionLevel::Province, None);
    region(&mut g, "r:ta", RegionLevel::City, Some("r:sd"));
    region(&mut g, "r:ty", RegionLevel::District, Some("r:ta"));
    region(&mut g, "r:dy", RegionLevel::District, Some("r:ta"));
    region(&mut g, "r:jn", RegionLevel::City, Some("r:sd"));
    for (k, r, ind) in [
        ("e:steel", "r:ty", "C31"),
        ("e:chem", "r:dy", "C26"),
        ("e:coal", "r:jn", "B06"),
    ] {
        g.add_node(Node::with_data(
            k,
            k,
            NodeData::Enterprise(Enterprise {
                industries: vec![ind.into()],
                ..Default::default()
            }),
        ))
        .unwrap();
        g.connect(R::LocatedIn, k, r).unwrap();
    }
    for (k, level, disc) in [
        ("s:metal", SocietyLevel::National, "450"),
        ("s:chem", SocietyLevel::National, "530"),
        ("s:prov", SocietyLevel::Provincial, "440"),
        ("s:idle", SocietyLevel::National, "450"),
    ] {
        g.add_node(Node::with_data(
            k,
            k,
            NodeData::Society(Society {
                level,
                disciplines: vec![disc.into()],
                keywords: vec![],
            }),
        ))
        .unwrap();
    }
    let expert = |titles: Vec<Title>, disc: &str| {
        NodeData::Expert(Expert {
            titles,
            disciplines: vec![disc.into()],
            keywords: vec![],
            capacity: 2,
            profile: String::new(),
        })
    };
    g.add_node(Node::with_data(
        "x:acad",
        "院士",
        expert(vec![Title::AcademicianCae], "450"),
    ))
    .unwrap();
    g.add_node(Node::with_data(
        "x:prof",
        "教授",
        expert(vec![Title::Professor], "530"),
    ))
    .unwrap();
    g.add_node(Node::with_data(
        "x:eng",
        "工程师",
        expert(vec![Title::Engineer], "440"),
    ))
    .unwrap();
    g.add_node(Node::with_data(
        "x:idle",
        "闲",
        expert(vec![Title::AcademicianCas], "450"),
    ))
    .unwrap();
    // demands
    demand(&mut g, "d:1", "2021-02-01", &["C31"], Urgency::High); // steel, solved 2021
    demand(&mut g, "d:2", "2021-03-01", &["C26"], Urgency::Normal); // chem, engaged
    demand(&mut g, "d:3", "2021-04-01", &["B06"], Urgency::Critical); // coal (Jinan), solved 2022
    demand(&mut g, "d:4", "2022-01-10", &["C31"], Urgency::Low); // steel, matched
    for (d, e) in [
        ("d:1", "e:steel"),
        ("d:2", "e:chem"),
        ("d:3", "e:coal"),
        ("d:4", "e:steel"),
    ] {
        g.connect(R::Posted, e, d).unwrap();
    }
    moves(
        &mut g,
        "d:1",
        &[
            (S::Analysed, "2021-02-05"),
            (S::Matched, "2021-02-10"),
            (S::Contacted, "2021-02-20"),
            (S::Engaged, "2021-03-01"),
            (S::Solved, "2021-06-01"),
        ],
    );
    moves(
        &mut g,
        "d:2",
        &[
            (S::Matched, "2021-03-11"),
            (S::Contacted, "2021-03-21"),
            (S::Engaged, "2021-04-01"),
        ],
    );
    moves(
        &mut g,
        "d:3",
        &[
            (S::Matched, "2021-04-05"),
            (S::Contacted, "2021-04-15"),
            (S::Engaged, "2021-05-01"),
            (S::Solved, "2022-03-01"),
        ],
    );
    moves(&mut g, "d:4", &[(S::Matched, "2022-01-20")]);
    g.connect(R::Solved, "x:acad", "d:1").unwrap();
    g.connect(R::Engaged, "x:acad", "d:1").unwrap();
    g.connect(R::Engaged, "s:chem", "d:2").unwrap();
    g.connect(R::Engaged, "x:prof", "d:2").unwrap();
    g.connect(R::Solved, "s:prov", "d:3").unwrap();
    g.connect(R::Solved, "x:eng", "d:3").unwrap();
    g.connect(R::MemberOf, "x:acad", "s:metal").unwrap();
    // instruments
    instrument(&mut g, "w:1", K::Workstation, "2021-05-01", None);
    g.connect(R::Hosts, "e:steel", "w:1").unwrap();
    g.connect(R::Leads, "s:metal", "w:1").unwrap();
    instrument(&mut g, "a:1", K::Alliance, "2021-07-01", None);
    g.connect(R::Participates, "e:chem", "a:1").unwrap();
    instrument(&mut g, "a:2", K::Alliance, "2022-07-01", None);
    g.connect(R::Participates, "e:coal", "a:2").unwrap();
    instrument(&mut g, "p:1", K::Project, "2021-01-15", Some(1_000_000.0));
    g.connect(R::Participates, "e:steel", "p:1").unwrap();
    instrument(&mut g, "p:2", K::Project, "2021-09-01", Some(500_000.0));
    g.connect(R::Participates, "e:chem", "p:2").unwrap();
    instrument(&mut g, "p:3", K::Project, "2022-02-01", Some(2_000_000.0));
    g.connect(R::Participates, "e:coal", "p:3").unwrap();
    // outcomes
    outcome(
        &mut g,
        "o:1",
        OutcomeKind::EconomicBenefit,
        3_000_000.0,
        "2021-08-01",
    );
    g.connect(R::Produced, "d:1", "o:1").unwrap();
    outcome(&mut g, "o:2", OutcomeKind::MarketShare, 0.61, "2021-12-01");
    g.connect(R::Produced, "d:1", "o:2").unwrap();
    outcome(
        &mut g,
        "o:3",
        OutcomeKind::EconomicBenefit,
        9_000_000.0,
        "2022-04-01",
    );
    g.connect(R::Produced, "d:3", "o:3").unwrap();
    // liaisons
    for (k, tier, since, emp) in [
        ("l:1", 0u8, "2020-06-01", "e:steel"),
        ("l:2", 1, "2021-01-01", "e:chem"),
        ("l:3", 2, "2022-06-01", "e:steel"),
        ("l:4", 1, "2020-01-01", "e:coal"),
    ] {
        g.add_node(Node::with_data(
            k,
            k,
            NodeData::Liaison(Liaison {
                tier,
                since: Some(day(since)),
            }),
        ))
        .unwrap();
        g.connect(R::WorksFor, k, emp).unwrap();
    }
    g.connect(R::Brokered, "l:1", "d:1").unwrap();
    g.connect(R::Brokered, "l:1", "d:4").unwrap();
    g.connect(R::Brokered, "l:2", "d:2").unwrap();
    instrument(&mut g, "t:1", K::Training, "2021-01-10", None);
    instrument(&mut g, "t:2", K::Training, "2021-06-10", None);
    g.connect(R::Attended, "l:1", "t:1").unwrap();
    g.connect(R::Attended, "l:1", "t:2").unwrap();
    g.connect(R::Attended, "l:2", "t:1").unwrap();
    g
}

#[test]
fn kpis_match_hand_count() {
    let g = small_programme();
    let y2021 = Period::between(day("2021-01-01"), day("2021-12-31"));
    // whole province, 2021
    let r = programme::programme_report(&g, &ReportOptions::new(y2021, None)).unwrap();
    // societies: metal (workstation 2021-05), chem (engaged d:2, 2021-04), prov (solved d:3 on
    // 2022-03-01 → not 2021); idle none
    assert_eq!(r.societies_in_cooperation, 2);
    assert_eq!(r.national_societies, 2);
    // experts: acad (d:1 engaged 2021-03 / solved 2021-06), prof (d:2 engaged 2021-04), eng
    // (solved d:3 on 2022-03-01 → no); idle none
    assert_eq!(r.experts_brought_in, 2);
    assert_eq!(r.academicians, 1);
    assert_eq!(r.problems_solved, 1); // d:1
    assert_eq!(r.alliances_formed, 1); // a:1
    assert_eq!(r.workstations, 1);
    assert_eq!(r.projects, 2); // p:1, p:2
    assert_eq!(r.project_funds_cny, 1_500_000.0);
    // liaisons who joined by 2021-12-31: l:1 (tier 0), l:2 (1), l:4 (1); l:3 joined 2022
    assert_eq!(r.liaisons_by_tier, BTreeMap::from([(0, 1), (1, 2)]));
    assert_eq!(r.economic_benefit_cny, 3_000_000.0);
    assert_eq!(r.max_market_share, Some(0.61));
    assert_eq!(r.max_market_share_outcome.as_deref(), Some("o:2"));
    // funnel: d:1..d:3 posted in 2021
    assert_eq!(r.funnel.demands, 3);
    assert_eq!(r.funnel.reached(S::Engaged), 3);
    assert_eq!(r.funnel.reached(S::Solved), 1); // d:3's solve is after the period
    assert_eq!(r.funnel.open, 2);

    // Tai'an only (nested districts aggregate), all time
    let r =
        programme::programme_report(&g, &ReportOptions::new(Period::all(), Some("r:ta".into())))
            .unwrap();
    assert_eq!(r.societies_in_cooperation, 2); // metal, chem (prov solved a Jinan demand)
    assert_eq!(r.experts_brought_in, 2); // acad, prof
    assert_eq!(r.problems_solved, 1);
    assert_eq!(r.alliances_formed, 1);
    assert_eq!(r.projects, 2);
    assert_eq!(r.liaisons(), 3); // l:1, l:2, l:3
    assert_eq!(r.economic_benefit_cny, 3_000_000.0);
    assert_eq!(r.funnel.demands, 3); // d:1, d:2, d:4

    // one district
    let r =
        programme::programme_report(&g, &ReportOptions::new(Period::all(), Some("r:dy".into())))
            .unwrap();
    assert_eq!(r.societies_in_cooperation, 1);
    assert_eq!(r.problems_solved, 0);
    assert_eq!(r.project_funds_cny, 500_000.0);
    assert_eq!(r.max_market_share, None);

    // whole programme, all time
    let r = programme::programme_report(&g, &ReportOptions::default()).unwrap();
    assert_eq!(r.societies_in_cooperation, 3);
    assert_eq!(r.experts_brought_in, 3);
    assert_eq!(r.problems_solved, 2);
    assert_eq!(r.alliances_formed, 2);
    assert_eq!(r.project_funds_cny, 3_500_000.0);
    assert_eq!(r.economic_benefit_cny, 12_000_000.0);
    let table = r.to_table(programme::Lang::Both);
    assert!(
        table.contains("合作学会 Societies in cooperation"),
        "{table}"
    );
    assert!(table.contains("61.0%"), "{table}");
    assert!(r.to_string().contains("经济效益 Economic benefit"));
    let json = serde_json::to_string(&r).unwrap();
    let back: programme::ProgrammeReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);

    assert_eq!(
        programme::programme_report(
            &g,
            &ReportOptions::new(Period::all(), Some("e:steel".into()))
        )
        .unwrap_err()
        .code(),
        "wrong_kind"
    );
    assert_eq!(
        programme::programme_report(
            &g,
            &ReportOptions::new(Period::between(day("2022-01-01"), day("2021-01-01")), None)
        )
        .unwrap_err()
        .code(),
        "invalid_value"
    );
}

#[test]
fn funnel_by_group() {
    let g = small_programme();
    let f = programme::funnel(&g, &FunnelOptions::new(Period::all(), None)).unwrap();
    let o = &f.overall;
    assert_eq!(o.demands, 4);
    assert_eq!(o.reached(S::Analysed), 1);
    assert_eq!(o.reached(S::Matched), 4);
    assert_eq!(o.reached(S::Contacted), 3);
    assert_eq!(o.conversion(S::Contacted), Some(0.75));
    assert_eq!(o.conversion(S::Solved), Some(2.0 / 3.0));
    // posted stays: d:1 4 days, d:2 10, d:3 4, d:4 10 → median 7, mean 7
    let t = o.time(S::Posted).unwrap();
    assert_eq!(
        (t.stays, t.median_days, t.mean_days),
        (4, Some(7.0), Some(7.0))
    );
    // engaged stays completed: d:1 92 days (03-01 → 06-01), d:3 304 days (2021-05-01 → 2022-03-01)
    assert_eq!(
        o.time(S::Engaged).unwrap().median_days,
        Some((92.0 + 304.0) / 2.0)
    );
    assert_eq!(f.by_industry["C31"].demands, 2);
    assert_eq!(f.by_region["r:ty"].demands, 2);
    assert_eq!(f.by_region["r:jn"].reached(S::Solved), 1);
    assert_eq!(f.by_liaison["l:1"].demands, 2);
    assert_eq!(f.by_liaison["l:1"].solve_rate(), Some(0.5));
    // societies: metal via acad's membership (d:1), chem (d:2), prov (d:3)
    assert_eq!(
        f.by_society.keys().cloned().collect::<Vec<_>>(),
        vec!["s:chem", "s:metal", "s:prov"]
    );
}

#[test]
fn follow_up_order_and_turns() {
    let mut g = small_programme();
    demand(&mut g, "d:5", "2022-01-01", &["C26"], Urgency::Low); // posted, no liaison
    demand(&mut g, "d:6", "2022-01-01", &["C26"], Urgency::Low); // same staleness as d:5
    let f = programme::follow_up(&g, day("2022-03-01"), &FollowUpConfig::default()).unwrap();
    let keys: Vec<&str> = f.items.iter().map(|s| s.demand.as_str()).collect();
    // open on 2022-03-01: d:2 engaged since 2021-04-01 (334 days, normal); d:4 matched since
    // 2022-01-20 (40 days, low); d:5, d:6 posted since 2022-01-01 (59 days, low); d:3 solved
    // that day.
    assert_eq!(keys, vec!["d:2", "d:5", "d:6", "d:4"]);
    assert_eq!(f.items[0].turn, Turn::Solver);
    assert_eq!(
        f.items[0].who,
        vec!["s:chem".to_string(), "x:prof".to_string()]
    );
    assert_eq!(f.items[0].overdue_by, 334 - 60);
    assert_eq!(f.items[1].turn, Turn::Office);
    assert_eq!(f.items[3].turn, Turn::Liaison);
    assert_eq!(f.items[3].who, vec!["l:1".to_string()]);
    assert_eq!(f.for_actor("l:1").count(), 1);
    // a year earlier, d:3 (critical, contacted since 2021-04-15) comes first, enterprise's turn
    let f = programme::follow_up(&g, day("2021-05-10"), &FollowUpConfig::default()).unwrap();
    assert!(f.items.is_empty() || f.items[0].urgency >= f.items.last().unwrap().urgency);
    let mut cfg = FollowUpConfig::default();
    cfg.contacted = 5;
    let f = programme::follow_up(&g, day("2021-04-30"), &cfg).unwrap();
    assert_eq!(f.items[0].demand, "d:3");
    assert_eq!(f.items[0].turn, Turn::Enterprise);
    assert_eq!(f.items[0].who, vec!["e:coal".to_string()]);
    // region filter
    let mut cfg = FollowUpConfig::default();
    cfg.region = Some("r:jn".into());
    assert_eq!(
        programme::follow_up(&g, day("2022-03-01"), &cfg)
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn coverage_gaps() {
    let mut g = small_programme();
    demand(&mut g, "d:7", "2022-02-01", &["C17"], Urgency::Normal); // textiles: nobody serves
    g.connect(R::LocatedIn, "d:7", "r:ty").unwrap();
    for i in 0..6 {
        demand(
            &mut g,
            &format!("d:s{i}"),
            "2022-02-01",
            &["C31"],
            Urgency::Normal,
        );
        g.connect(R::LocatedIn, &format!("d:s{i}"), "r:ty").unwrap();
    }
    // experts located in Jinan serve only Jinan; unlocated ones serve everywhere
    g.connect(R::LocatedIn, "x:acad", "r:jn").unwrap();
    let cov = programme::coverage(&g, &CoverageOptions::default()).unwrap();
    let steel = cov.cell("r:ty", "C31").unwrap();
    // open C31 demands in r:ty: d:4 + 6 new = 7; suppliers: s:metal and s:idle (450 ↔ C31),
    // x:idle (unlocated 450), workstation w:1 (led by s:metal); x:acad is in Jinan
    assert_eq!(steel.open, 7);
    assert_eq!(steel.experts, 1);
    assert_eq!(steel.societies, 2);
    assert_eq!(steel.workstations, 1);
    assert_eq!(steel.capacity, 2 + 5 + 5 + 3);
    assert_eq!(steel.unmet, 0);
    let tex = cov.cell("r:ty", "C17").unwrap();
    assert_eq!(tex.suppliers(), 0);
    let gaps: Vec<(&str, &str)> = cov
        .gap_cells()
        .map(|c| (c.region.as_str(), c.industry.as_str()))
        .collect();
    assert!(gaps.contains(&("r:ty", "C17")), "{gaps:?}");
    let mut opts = CoverageOptions::default();
    opts.unlocated_serve_all = false;
    opts.society_capacity = 1;
    opts.workstation_capacity = 1;
    let strict = programme::coverage(&g, &opts).unwrap();
    let steel = strict.cell("r:ty", "C31").unwrap();
    // only the workstation (hosted in r:ty) remains
    assert_eq!((steel.suppliers(), steel.unmet), (1, 6));
    assert_eq!(
        strict.gap_cells().next().map(|c| c.industry.as_str()),
        Some("C31")
    );
    assert_eq!(
        programme::coverage(&g, &{
            let mut o = CoverageOptions::default();
            o.fit_threshold = 2.0;
            o
        })
        .unwrap_err()
        .code(),
        "invalid_value"
    );
}

#[test]
fn tiers_and_promotion() {
    let g = small_programme();
    let t = programme::liaison_tiers(&g, &TierConfig::default()).unwrap();
    let l1 = t.get("l:1").unwrap();
    // l:1: 2 demands found (d:1, d:4), 1 introduction (d:1), 1 solved, 2 outcomes, 2 trainings
    assert_eq!(
        (
            l1.activity.demands_found,
            l1.activity.introductions,
            l1.activity.solved,
            l1.activity.outcomes,
            l1.activity.trainings
        ),
        (2, 1, 1, 2, 2)
    );
    // tier 1 (1 found), tier 2 (2 found, 1 introduction, 1 training); tier 3 needs 3 found and
    // 2 introductions
    assert_eq!(l1.earned_tier, 2);
    assert!(l1.ready_for_promotion()); // recorded 0
    let lacks: Vec<(&str, u32, u32)> = l1
        .lacks
        .iter()
        .map(|s| (s.criterion.as_str(), s.have, s.need))
        .collect();
    assert_eq!(
        lacks,
        vec![("demands_found", 2, 3), ("introductions", 1, 2)]
    );
    let l2 = t.get("l:2").unwrap();
    assert_eq!((l2.earned_tier, l2.ready_for_promotion()), (1, false)); // recorded 1
    assert_eq!(t.get("l:3").unwrap().earned_tier, 0);
    assert_eq!(
        t.ready()
            .iter()
            .map(|l| l.liaison.as_str())
            .collect::<Vec<_>>(),
        vec!["l:1"]
    );
    assert_eq!(t.earned_counts(), vec![2, 1, 1, 0]);
    // a ladder from JSON: tier 1 = one training, tier 2 = two trainings and an outcome
    let cfg: TierConfig = serde_json::from_str(
        r#"{"tiers": [{"trainings": 1}, {"trainings": 2, "outcomes": 1}], "period": {"to": "2021-03-31"}}"#,
    )
    .unwrap();
    let t = programme::liaison_tiers(&g, &cfg).unwrap();
    // before April 2021 l:1 has one training (t:2 is in June) and no outcome yet
    let l1 = t.get("l:1").unwrap();
    assert_eq!(
        (l1.activity.trainings, l1.activity.outcomes, l1.earned_tier),
        (1, 0, 1)
    );
    assert_eq!(l1.lacks.len(), 2);
}

// ---- duplicates --------------------------------------------------------------------------------

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

const CHARS: &str = "泰山岱宗鲁华恒瑞兴达隆盛丰源宏伟金鑫汇通博信诚东方明德正泽佳和嘉安康宁新天力海洋中远建邦科越昌瑞祥辉光腾飞凯旋胜利英豪龙凤鹏程锦绣万年长青松柏翠云霞晨阳";
const INDUSTRIES: &[(&str, &str)] = &[
    ("钢铁", "C31"),
    ("机械", "C34"),
    ("化工", "C26"),
    ("纺织", "C17"),
    ("新材料", "C30"),
    ("电子", "C39"),
    ("能源", "D44"),
    ("建材", "C30"),
    ("医药", "C27"),
    ("食品", "C14"),
];
const SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧";
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰";
const PINYIN: &[&str] = &[
    "tai", "shan", "dai", "lu", "hua", "heng", "rui", "xing", "da", "long", "sheng", "feng",
    "yuan", "hong", "jin", "xin", "tong", "bo", "cheng", "dong",
];
const EN_IND: &[&str] = &[
    "Steel",
    "Machinery",
    "Chemical",
    "Textile",
    "Materials",
    "Electronics",
    "Energy",
];

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// A variant of an organisation name as a data-entry clerk would write it.
fn org_variant(rng: &mut Rng, place: &str, core: &str, tail: &str) -> String {
    let suffixes = [
        "有限公司",
        "股份有限公司",
        "集团有限公司",
        "有限责任公司",
        "（集团）有限公司",
        "集团",
        "",
        "科技有限公司",
    ];
    let prefixes = ["", "泰安市", "山东省", "山东省泰安市", "泰安", "山东"];
    let base = format!("{}{core}{}", rng.pick(&prefixes), rng.pick(&suffixes));
    let _ = (place, tail);
    match rng.below(4) {
        0 => base
            .chars()
            .map(|c| match c {
                '(' | '（' => '（',
                c => c,
            })
            .collect(),
        1 => {
            base.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        char::from_u32(c as u32 + 0xFEE0).unwrap()
                    } else {
                        c
                    }
                })
                .collect::<String>()
                + " "
        }
        2 => {
            let v = chars(&base);
            let k = 1 + rng.below(v.len().max(2) - 1);
            format!(
                "{} {}",
                v[..k].iter().collect::<String>(),
                v[k..].iter().collect::<String>()
            )
        }
        _ => base,
    }
}

struct Planted {
    g: CollabGraph,
    truth: BTreeSet<(String, String)>,
}

/// `n` distinct entities of each kind, a third of them entered again once or twice under a
/// variant; returns the graph and the true duplicate pairs.
fn planted(n: usize, seed: u64) -> Planted {
    let mut rng = Rng(seed);
    let mut g = CollabGraph::new();
    for r in ["r:ty", "r:dy", "r:xt", "r:fc", "r:ny", "r:dp"] {
        g.add_node(Node::new(r, K::Region, r)).unwrap();
    }
    let regions = ["r:ty", "r:dy", "r:xt", "r:fc", "r:ny", "r:dp"];
    let cs = chars(CHARS);
    let mut truth = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut next = 0usize;
    let mut key = |p: &str| {
        next += 1;
        format!("{p}:{next}")
    };
    // enterprises
    let mut made = 0;
    while made < n {
        let core2: String = (0..2).map(|_| cs[rng.below(cs.len())]).collect();
        let (ind, code) = INDUSTRIES[rng.below(INDUSTRIES.len())];
        let core = format!("{core2}{ind}");
        if !seen.insert(core.clone()) {
            continue;
        }
        made += 1;
        // English name: a stand-in pinyin of the two core characters, then the industry
        let en = (rng.below(3) == 0).then(|| {
            let py: String = core2
                .chars()
                .map(|c| {
                    PINYIN[c as usize % PINYIN.len()].to_string()
                        + &PINYIN[(c as usize / 7) % PINYIN.len()][..1]
                })
                .collect();
            let mut w = chars(&py);
            w[0] = w[0].to_ascii_uppercase();
            format!(
                "{} {}",
                w.iter().collect::<String>(),
                EN_IND[INDUSTRIES.iter().position(|x| x.1 == code).unwrap() % EN_IND.len()]
            )
        });
        let region = rng.pick(&regions);
        let copies = if rng.below(3) == 0 {
            1 + rng.below(2)
        } else {
            0
        };
        let mut keys = Vec::new();
        for c in 0..=copies {
            let k = key("e");
            let name = if c == 0 {
                format!("{core}有限公司")
            } else {
                org_variant(&mut rng, "", &core, "")
            };
            let mut node = Node::with_data(
                k.clone(),
                name,
                NodeData::Enterprise(Enterprise {
                    industries: vec![code.into()],
                    ..Default::default()
                }),
            );
            node.name_en = en.as_ref().map(|e| match (c, rng.below(3)) {
                (0, _) => format!("{e} Co., Ltd."),
                (_, 0) => format!("{} GROUP CO LTD", e.to_uppercase()),
                (_, 1) => format!("Shandong {e} Company Limited"),
                _ => format!("{e} Inc."),
            });
            g.add_node(node).unwrap();
            // duplicates usually keep the region; sometimes it was not entered
            if c == 0 || rng.below(4) != 0 {
                g.connect(R::LocatedIn, &k, region).unwrap();
            }
            keys.push(k);
        }
        for i in 0..keys.len() {
            for j in i + 1..keys.len() {
                truth.insert((keys[i].clone(), keys[j].clone()));
            }
        }
    }
    // institutions (employers) and experts
    let mut insts = Vec::new();
    for i in 0..(n / 10).max(3) {
        let k = format!("i:{i}");
        g.add_node(Node::new(
            &k,
            K::Institution,
            format!("{}大学{i}号研究院", rng.pick(&["山东", "泰山", "齐鲁"])),
        ))
        .unwrap();
        insts.push(k);
    }
    let sur = chars(SURNAMES);
    let giv = chars(GIVEN);
    let kw = [
        "高炉",
        "余热",
        "催化",
        "焊接",
        "轴承",
        "涂层",
        "膜分离",
        "传感器",
        "电池",
        "发酵",
        "纳米",
        "防腐",
    ];
    for _ in 0..n {
        let glen = 1 + rng.below(2);
        let name: String = std::iter::once(sur[rng.below(sur.len())])
            .chain((0..glen).map(|_| giv[rng.below(giv.len())]))
            .collect();
        let inst = insts[rng.below(insts.len())].clone();
        let region = rng.pick(&regions);
        let mut kws: Vec<String> = (0..3).map(|_| rng.pick(&kw).to_string()).collect();
        kws.sort();
        kws.dedup();
        let disc = ["450", "530", "440", "520"][rng.below(4)];
        let copies = usize::from(rng.below(3) == 0);
        let mut keys = Vec::new();
        for c in 0..=copies {
            let k = key("x");
            let shown = if c == 0 {
                name.clone()
            } else {
                match rng.below(3) {
                    0 => format!(
                        "{} {}",
                        name.chars().next().unwrap(),
                        name.chars().skip(1).collect::<String>()
                    ),
                    1 => format!("{name}（教授）"),
                    _ => name.clone(),
                }
            };
            let x = Expert {
                titles: vec![],
                disciplines: vec![disc.into()],
                keywords: if c == 0 {
                    kws.clone()
                } else {
                    kws[..1].to_vec()
                },
                capacity: 3,
                profile: String::new(),
            };
            g.add_node(Node::with_data(k.clone(), shown, NodeData::Expert(x)))
                .unwrap();
            // the copy has the same employer, or (half the time) only the region
            if c == 0 || rng.below(2) == 0 {
                g.connect(R::AffiliatedWith, &k, &inst).unwrap();
            }
            g.connect(R::LocatedIn, &k, region).unwrap();
            keys.push(k);
        }
        if keys.len() == 2 {
            truth.insert((keys[0].clone(), keys[1].clone()));
        }
    }
    // societies
    let fields = [
        "金属",
        "化工",
        "机械工程",
        "纺织工程",
        "电子",
        "能源研究",
        "材料研究",
        "食品科学",
        "药学",
        "岩石力学",
        "煤炭",
        "硅酸盐",
        "腐蚀与防护",
        "颗粒学",
        "复合材料",
    ];
    let scopes = ["中国", "山东省", "泰安市"];
    let mut k2 = 0;
    for f in fields {
        for s in scopes {
            k2 += 1;
            let name = format!("{s}{f}学会");
            let mut keys = vec![format!("s:{k2}")];
            g.add_node(Node::new(&keys[0], K::Society, &name)).unwrap();
            if rng.below(3) == 0 {
                let k = format!("s:{k2}b");
                g.add_node(Node::new(
                    &k,
                    K::Society,
                    format!(" {}", name.replace("学会", " 学会")),
                ))
                .unwrap();
                keys.push(k);
            }
            if keys.len() == 2 {
                truth.insert((keys[0].clone(), keys[1].clone()));
            }
        }
    }
    Planted { g, truth }
}

fn sorted_pair(g: &CollabGraph, a: &str, b: &str) -> (String, String) {
    // truth pairs are in creation (= id) order
    if g.id(a) < g.id(b) {
        (a.into(), b.into())
    } else {
        (b.into(), a.into())
    }
}

#[test]
fn duplicate_detection_precision_recall() {
    let p = planted(3000, 7);
    let d = programme::find_duplicates(&p.g, &DedupOptions::default()).unwrap();
    let found: BTreeSet<(String, String)> = d
        .pairs
        .iter()
        .map(|x| sorted_pair(&p.g, &x.a, &x.b))
        .collect();
    let tp = found.intersection(&p.truth).count() as f64;
    let precision = tp / found.len() as f64;
    let recall = tp / p.truth.len() as f64;
    eprintln!(
        "dedup: {} records, {} candidates, {} true pairs, {} found: precision {precision:.4}, recall {recall:.4}",
        d.records,
        d.candidates,
        p.truth.len(),
        found.len()
    );
    for fp in found.difference(&p.truth).take(10) {
        let x = d
            .pairs
            .iter()
            .find(|x| sorted_pair(&p.g, &x.a, &x.b) == *fp)
            .unwrap();
        eprintln!(
            "  false positive {} {:?} / {:?}: {:.3} {:?}",
            x.kind,
            p.g.get(&x.a).unwrap().name,
            p.g.get(&x.b).unwrap().name,
            x.score,
            x.reasons
        );
    }
    for fneg in p.truth.difference(&found).take(10) {
        eprintln!(
            "  missed {:?} / {:?}",
            p.g.get(&fneg.0).unwrap().name,
            p.g.get(&fneg.1).unwrap().name
        );
    }
    assert!(precision >= 0.95, "precision {precision}");
    assert!(recall >= 0.95, "recall {recall}");
    // blocking: far fewer candidates than all pairs
    let n = d.records as f64;
    assert!(
        (d.candidates as f64) < n * (n - 1.0) / 2.0 / 20.0,
        "{} candidates",
        d.candidates
    );
    // deterministic
    assert_eq!(
        programme::find_duplicates(&p.g, &DedupOptions::default()).unwrap(),
        d
    );
    // cancel
    let err =
        programme::find_duplicates_with(&p.g, &DedupOptions::default(), |_, _| false).unwrap_err();
    assert_eq!(err.code(), "cancelled");
}

// ---- merge -------------------------------------------------------------------------------------

#[test]
fn merge_loses_nothing() {
    let mut g = small_programme();
    // a duplicate of e:steel with extra and conflicting facts, relations and event actors
    let mut dup = Node::with_data(
        "e:steel2",
        "泰安市泰山钢铁集团",
        NodeData::Enterprise(Enterprise {
            industries: vec!["C31".into(), "C33".into()],
            size: Some(kechuang::model::EnterpriseSize::Large),
            high_tech: true,
            flags: vec!["listed".into()],
        }),
    );
    dup.name_en = Some("Taishan Steel Group".into());
    dup.attrs.insert("phone".into(), "0538-1".into());
    dup.attrs.insert("founded".into(), 1958.into());
    g.add_node(dup).unwrap();
    g.attrs_mut(g.id("e:steel").unwrap())
        .unwrap()
        .insert("phone".into(), "0538-2".into());
    g.add_alias("泰钢", g.id("e:steel2").unwrap()).unwrap();
    demand(&mut g, "d:9", "2022-05-01", &["C31"], Urgency::Normal);
    g.connect(R::Posted, "e:steel2", "d:9").unwrap();
    g.connect(R::LocatedIn, "e:steel2", "r:ty").unwrap();
    let ws = g.id("w:1").unwrap();
    let d2 = g.id("e:steel2").unwrap();
    g.add_edge(Edge::new(R::Hosts, d2, ws).with_role("co-host"))
        .unwrap();
    programme::transition(
        &mut g,
        "d:9",
        S::Matched,
        day("2022-05-02"),
        Some("泰钢"),
        None,
    )
    .unwrap();
    programme::transition(
        &mut g,
        "d:9",
        S::Analysed,
        day("2022-05-03"),
        Some("e:steel2"),
        None,
    )
    .unwrap();

    let before_dup = NodeRecord::from_node(None, g.get("e:steel2").unwrap());
    let before_keep = NodeRecord::from_node(None, g.get("e:steel").unwrap());
    let edges_before = g.edge_count();
    let dup_edges: Vec<_> = g
        .incident(d2, None, kechuang::graph::Direction::Both)
        .map(|(id, e, _)| (id, e.relation, e.role().map(String::from)))
        .collect();

    let rep = programme::merge(&mut g, "e:steel", "泰钢").unwrap();
    assert_eq!(rep.merged, "e:steel2");
    assert_eq!(rep.rewired_edges, dup_edges.len());
    assert!(rep.dropped_edges.is_empty());
    assert_eq!(g.edge_count(), edges_before);
    assert_eq!(rep.events_rewritten, 2); // "泰钢" was stored canonically as e:steel2
    assert_eq!(
        rep.aliases,
        vec!["e:steel2".to_string(), "泰钢".to_string()]
    );
    let keep = g.id("e:steel").unwrap();
    assert_eq!(g.id("e:steel2"), Some(keep));
    assert_eq!(g.id("泰钢"), Some(keep));
    // every relation kept its id, kind and role and now touches the survivor
    for (id, rel, role) in &dup_edges {
        let e = g.edge(*id).unwrap();
        assert_eq!(
            (e.relation, e.role().map(String::from)),
            (*rel, role.clone())
        );
        assert!(e.source == keep || e.target == keep);
    }
    // event actors
    let d9 = g.get("d:9").unwrap().as_demand().unwrap();
    assert!(
        d9.events
            .iter()
            .all(|e| e.actor.as_deref() == Some("e:steel"))
    );
    // every attribute of both records is still there
    let after =
        serde_json::to_value(NodeRecord::from_node(None, g.get("e:steel").unwrap())).unwrap();
    let merged_from = &after["attrs"][rep.conflicts_attr.as_deref().unwrap()];
    for rec in [&before_keep, &before_dup] {
        let v = serde_json::to_value(rec).unwrap();
        for (field, val) in v.as_object().unwrap() {
            if matches!(field.as_str(), "key" | "id" | "kind") {
                continue;
            }
            if field == "attrs" {
                for (k, x) in val.as_object().unwrap() {
                    let kept = &after["attrs"][k] == x || &merged_from[format!("attrs.{k}")] == x;
                    assert!(kept, "attrs.{k} = {x} lost");
                }
                continue;
            }
            let now = &after[field];
            let kept = now == val
                || merged_from[field.as_str()] == *val
                || val.as_array().is_some_and(|items| {
                    items
                        .iter()
                        .all(|i| now.as_array().is_some_and(|a| a.contains(i)))
                });
            assert!(
                kept,
                "{field} = {val} lost; now {now}, merged_from {merged_from}"
            );
        }
    }
    assert!(rep.conflicts.iter().any(|c| c.field == "name"));
    assert!(rep.conflicts.iter().any(|c| c.field == "attrs.phone"));
    assert!(rep.fields_added.iter().any(|f| f == "name_en"));
    // snapshots keep the alias
    let back = from_json(&to_json(&g).unwrap()).unwrap();
    assert_eq!(back, g);
    assert_eq!(back.id("泰钢"), back.id("e:steel"));
    // the survivor's reports see the merged relations
    let f = programme::funnel(&g, &FunnelOptions::default()).unwrap();
    assert_eq!(f.overall.demands, 5);
}

#[test]
fn merge_refuses_and_changes_nothing() {
    let mut g = small_programme();
    let before = g.clone();
    for (a, b, code) in [
        ("e:steel", "e:steel", "invalid_value"),
        ("e:steel", "s:metal", "wrong_kind"),
        ("e:steel", "nope", "unknown_key"),
        ("r:ty", "r:dy", "invalid_value"),
        ("d:1", "d:2", "invalid_value"),
    ] {
        assert_eq!(
            programme::merge(&mut g, a, b).unwrap_err().code(),
            code,
            "{a} {b}"
        );
        assert!(g == before);
    }
    // an edge between the two becomes a self-loop and is dropped, and reported
    g.add_node(Node::new("x:acad2", K::Expert, "院士")).unwrap();
    g.connect(R::Collaborated, "x:acad", "x:acad2").unwrap();
    let rep = programme::merge(&mut g, "x:acad", "x:acad2").unwrap();
    assert_eq!(rep.dropped_edges.len(), 1);
    assert_eq!(rep.dropped_edges[0].relation, R::Collaborated);
}

// ---- the Tai'an preset -------------------------------------------------------------------------

#[test]
fn taian_preset_figures() {
    let p = kechuang::synth::taian(42).unwrap();
    let g = &p.graph;
    let r = programme::programme_report(g, &ReportOptions::default()).unwrap();
    eprintln!("{r}");
    // independent counts
    let demands: Vec<&Demand> = g
        .nodes_of(K::Demand)
        .map(|(_, n)| n.as_demand().unwrap())
        .collect();
    let solved = demands.iter().filter(|d| d.status() == S::Solved).count();
    let open = demands.iter().filter(|d| d.status().is_open()).count();
    assert_eq!(r.problems_solved, solved);
    assert_eq!(r.funnel.reached(S::Solved), solved);
    assert_eq!(r.funnel.open, open);
    assert_eq!(r.alliances_formed, g.nodes_of(K::Alliance).count());
    assert_eq!(r.projects, g.nodes_of(K::Project).count());
    let funds: f64 = g
        .nodes_of(K::Project)
        .filter_map(|(_, n)| n.data.instrument().unwrap().budget_cny)
        .sum();
    assert!((r.project_funds_cny - funds).abs() < 1e-6);
    assert_eq!(r.liaisons(), g.nodes_of(K::Liaison).count());
    let experts = g.nodes_of(K::Expert).count();
    let academicians = g
        .nodes_of(K::Expert)
        .filter(|(_, n)| n.as_expert().unwrap().is_academician())
        .count();
    assert!(0 < r.academicians && r.academicians <= academicians);
    assert!(r.academicians <= r.experts_brought_in && r.experts_brought_in <= experts);
    assert!(0 < r.national_societies && r.national_societies <= r.societies_in_cooperation);
    assert!(r.societies_in_cooperation <= g.nodes_of(K::Society).count());
    assert!(r.economic_benefit_cny > 0.0);
    assert!(r.max_market_share.is_some_and(|s| s > 0.0 && s <= 1.0));
    // nested regions aggregate: the top-level regions partition the located demands
    let roots: Vec<String> = g
        .nodes_of(K::Region)
        .filter(|(id, _)| {
            g.neighbors(*id, Some(R::PartOf), kechuang::graph::Direction::Out)
                .next()
                .is_none()
        })
        .map(|(_, n)| n.key.clone())
        .collect();
    let by_root: usize = roots
        .iter()
        .map(|k| {
            programme::programme_report(g, &ReportOptions::new(Period::all(), Some(k.clone())))
                .unwrap()
                .problems_solved
        })
        .sum();
    assert_eq!(by_root, solved);
    // a year's report is no larger than the whole
    let y = programme::programme_report(
        g,
        &ReportOptions::new(Period::between(day("2021-01-01"), day("2021-12-31")), None),
    )
    .unwrap();
    assert!(y.problems_solved <= r.problems_solved && y.funnel.demands < r.funnel.demands);

    // follow-up on the day of the last recorded event
    let today = demands
        .iter()
        .filter_map(|d| d.last_activity())
        .max()
        .unwrap();
    let f = programme::follow_up(g, today, &FollowUpConfig::default()).unwrap();
    assert_eq!(f.open, open);
    assert!(!f.is_empty() && f.len() <= open);
    for w in f.items.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(
            (a.urgency, a.overdue_by) > (b.urgency, b.overdue_by)
                || ((a.urgency, a.overdue_by) == (b.urgency, b.overdue_by) && a.demand < b.demand)
        );
    }
    for s in &f.items {
        assert!(s.overdue_by > 0);
        assert_eq!(s.turn == Turn::Office, s.who.is_empty());
    }

    // coverage: every open demand's industries are counted once
    let cov = programme::coverage(g, &CoverageOptions::default()).unwrap();
    assert_eq!(cov.open_demands, open);
    let cells: usize = cov.cells.iter().map(|c| c.open).sum();
    let expected: usize = demands
        .iter()
        .filter(|d| d.status().is_open())
        .map(|d| d.industries.iter().collect::<BTreeSet<_>>().len())
        .sum();
    assert_eq!(cells, expected);
    let weakest = cov.weakest(5);
    assert_eq!(weakest.len(), 5);
    assert!(weakest[0].pressure() >= weakest[4].pressure());
    eprintln!(
        "coverage: {} cells, {} gaps, weakest {:?}",
        cov.cells.len(),
        cov.gaps.len(),
        weakest[0]
    );

    // tiers: some liaisons have earned more than their recorded tier
    let t = programme::liaison_tiers(g, &TierConfig::default()).unwrap();
    assert_eq!(t.liaisons.len(), r.liaisons());
    let ready = t.ready();
    assert!(!ready.is_empty());
    assert!(ready.iter().all(|l| l.earned_tier > l.recorded_tier));
    assert!(
        t.liaisons
            .iter()
            .all(|l| (l.earned_tier == t.top_tier) == l.lacks.is_empty())
    );
    eprintln!(
        "tiers: earned {:?}, {} ready for promotion",
        t.earned_counts(),
        ready.len()
    );

    // duplicates: the preset reuses firm names (prefix × stem), which the resolver finds
    let d = programme::find_duplicates(g, &DedupOptions::default()).unwrap();
    assert!(d.pairs.iter().all(|x| x.score >= 0.85));
    eprintln!(
        "dedup on the preset: {} records, {} candidates, {} pairs, {} clusters",
        d.records,
        d.candidates,
        d.pairs.len(),
        d.clusters().len()
    );

    // merging every cluster into its first key keeps the figures and every old key resolving
    let mut g2 = g.clone();
    let edges = g2.edge_count();
    let mut dropped = 0;
    for c in d.clusters() {
        for other in &c[1..] {
            dropped += programme::merge(&mut g2, &c[0], other)
                .unwrap()
                .dropped_edges
                .len();
        }
        for k in &c {
            assert_eq!(g2.id(k), g2.id(&c[0]));
        }
    }
    assert_eq!(g2.edge_count(), edges - dropped);
    let r2 = programme::programme_report(&g2, &ReportOptions::default()).unwrap();
    assert_eq!(r2.problems_solved, r.problems_solved);
    assert_eq!(r2.funnel, r.funnel);
    assert_eq!(r2.economic_benefit_cny, r.economic_benefit_cny);
    assert_eq!(from_json(&to_json(&g2).unwrap()).unwrap(), g2);
}
