//! The TypeScript unions in `src/types.d.ts` list exactly the values the core knows, so the
//! `.d.ts` cannot drift from the Rust enums (runs on the host: `cargo test -p kechuang-wasm`).
#![cfg(not(target_arch = "wasm32"))]

use kechuang::model::{
    DemandStatus, DocumentKind, EnterpriseSize, InstitutionKind, NodeKind, OutcomeKind,
    RegionLevel, Relation, SocietyLevel, Title, Urgency,
};
use kechuang_wasm::TS_TYPES;

/// The string literals of `export type NAME = "a" | "b" ...;`.
fn union(name: &str) -> Vec<String> {
    let head = format!("export type {name} =");
    let start = TS_TYPES
        .find(&head)
        .unwrap_or_else(|| panic!("no `{head}` in types.d.ts"))
        + head.len();
    let body = &TS_TYPES[start..];
    let body = &body[..body.find(';').expect("union ends with ;")];
    body.split('|')
        .map(|v| v.trim().trim_matches('"').to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

fn names<T: std::fmt::Display>(all: &[T]) -> Vec<String> {
    all.iter().map(ToString::to_string).collect()
}

#[test]
fn unions_match_the_core_enums() {
    assert_eq!(union("NodeKind"), names(NodeKind::ALL));
    assert_eq!(union("Relation"), names(Relation::ALL));
    assert_eq!(union("SocietyLevel"), names(SocietyLevel::ALL));
    assert_eq!(union("RegionLevel"), names(RegionLevel::ALL));
    assert_eq!(union("Title"), names(Title::ALL));
    assert_eq!(union("InstitutionKind"), names(InstitutionKind::ALL));
    assert_eq!(union("EnterpriseSize"), names(EnterpriseSize::ALL));
    assert_eq!(union("Urgency"), names(Urgency::ALL));
    assert_eq!(union("DocumentKind"), names(DocumentKind::ALL));
    assert_eq!(union("OutcomeKind"), names(OutcomeKind::ALL));
    assert_eq!(union("DemandStatus"), names(DemandStatus::ALL));
    assert_eq!(union("ErrorCode"), kechuang::Error::CODES);
}

#[test]
fn node_record_type_names_every_record_field() {
    // every field the core writes for some kind appears in the TS interface
    let rec = kechuang::io::NodeRecord {
        key: "k".into(),
        ..Default::default()
    };
    let v = serde_json::to_value(&rec).expect("serialises");
    assert!(v.get("key").is_some());
    let iface = &TS_TYPES[TS_TYPES
        .find("export interface NodeRecord")
        .expect("NodeRecord")..];
    let iface = &iface[..iface.find("\n}").expect("end")];
    for field in [
        "id",
        "key",
        "kind",
        "name",
        "name_en",
        "level",
        "subtype",
        "industries",
        "disciplines",
        "keywords",
        "titles",
        "flags",
        "text",
        "title",
        "size",
        "high_tech",
        "capacity",
        "tier",
        "urgency",
        "budget_cny",
        "posted",
        "events",
        "year",
        "start",
        "end",
        "value",
        "unit",
        "date",
        "code",
        "attrs",
    ] {
        assert!(
            iface.contains(&format!("\n  {field}?:")) || iface.contains(&format!("\n  {field}:")),
            "NodeRecord lacks {field}"
        );
    }
}

/// The body of `export interface NAME { ... }`.
fn interface(name: &str) -> &'static str {
    let body = &TS_TYPES[TS_TYPES
        .find(&format!("export interface {name} {{"))
        .unwrap_or_else(|| panic!("no interface {name}"))..];
    &body[..body.find("\n}").expect("end of interface")]
}

/// Every field the core serialises for `value` is declared in the TS interface.
fn declares_every_field(name: &str, value: serde_json::Value) {
    let body = interface(name);
    for field in value.as_object().expect("object").keys() {
        let declared = ["\n  ", "{ ", "; "].iter().any(|pre| {
            body.contains(&format!("{pre}{field}:")) || body.contains(&format!("{pre}{field}?:"))
        });
        assert!(declared, "{name} lacks {field}");
    }
}

#[test]
fn option_and_table_interfaces_declare_every_core_field() {
    use kechuang::io::csv::{CsvOptions, CsvTables};
    declares_every_field(
        "SynthConfig",
        serde_json::to_value(kechuang::synth::SynthConfig::default()).unwrap(),
    );
    declares_every_field(
        "CsvTables",
        serde_json::to_value(CsvTables::default()).unwrap(),
    );
    declares_every_field(
        "CsvOptions",
        serde_json::to_value(CsvOptions::default()).unwrap(),
    );
    let mut p = kechuang::synth::taian(1).unwrap();
    declares_every_field(
        "GroundTruth",
        serde_json::to_value(p.truth.remove(0)).unwrap(),
    );
    // a snapshot with every optional part: header, aliases, trailing removed ids
    let g = &mut p.graph;
    let meta = kechuang::model::ProgrammeMeta {
        description: Some("d".into()),
        as_of: Some("2024-12-31".parse().unwrap()),
        ..g.meta().clone()
    };
    g.set_meta(meta);
    let last = g.nodes().last().map(|(id, _)| id).unwrap();
    g.add_alias("old-key", last).unwrap();
    g.remove_node(last).unwrap();
    let snap = serde_json::to_value(kechuang::io::Snapshot::of(g)).unwrap();
    declares_every_field("Snapshot", snap.clone());
    declares_every_field("ProgrammeMeta", snap["meta"].clone());
}

#[test]
fn assignment_interfaces_declare_every_core_field() {
    use kechuang::assign::{
        Affinity, AssignOptions, AssignProblem, ConflictRules, assign, diagnose,
    };
    declares_every_field(
        "AssignOptions",
        serde_json::to_value(AssignOptions::default()).unwrap(),
    );
    declares_every_field(
        "ConflictRules",
        serde_json::to_value(ConflictRules::default()).unwrap(),
    );
    let mut p = AssignProblem::from_affinities(
        vec![Affinity::new("d1", "x", 0.9), Affinity::new("d2", "x", 0.5)],
        1,
        2,
    );
    p.add_conflict("d2", "x");
    p.force("d1", "x");
    let v = serde_json::to_value(&p).unwrap();
    declares_every_field("AssignProblem", v.clone());
    declares_every_field("DemandSpec", v["demands"][0].clone());
    declares_every_field("ExpertSpec", v["experts"][0].clone());
    declares_every_field("Conflict", v["conflicts"][0].clone());
    let ok = AssignProblem::from_affinities(vec![Affinity::new("d1", "x", 0.9)], 1, 1);
    let a = serde_json::to_value(assign(&ok, &AssignOptions::default()).unwrap()).unwrap();
    declares_every_field("Assignment", a.clone());
    declares_every_field("DemandResult", a["demands"][0].clone());
    declares_every_field("Assigned", a["demands"][0]["experts"][0].clone());
    declares_every_field("ExpertLoad", a["loads"][0].clone());
    declares_every_field("Objective", a["objective"].clone());
    declares_every_field("Diagnostics", a["diagnostics"].clone());
    let d = diagnose(&p)
        .unwrap()
        .expect("infeasible: d2 has no eligible expert");
    declares_every_field("Infeasibility", serde_json::to_value(d).unwrap());
}

#[test]
fn matching_unions_and_fields_match_the_core() {
    use kechuang::matching::{Aggregation, MatchConfig, Query, Target};
    let targets = [
        Target::Experts,
        Target::Societies,
        Target::Offers,
        Target::Teams,
    ];
    let names: Vec<String> = targets
        .iter()
        .map(|t| {
            serde_json::to_value(t)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(union("Target"), names);
    for a in [Aggregation::TopThree, Aggregation::Max, Aggregation::Pooled] {
        let v = serde_json::to_value(a).unwrap();
        assert!(
            interface("MatchConfig").contains(&format!("{v}")),
            "aggregation {v}"
        );
    }
    declares_every_field("Query", serde_json::to_value(Query::default()).unwrap());
    declares_every_field(
        "MatchConfig",
        serde_json::to_value(MatchConfig::default()).unwrap(),
    );
    declares_every_field(
        "Filter",
        serde_json::to_value(kechuang::matching::Filter::default()).unwrap(),
    );
    // results: a real answer on the Tai'an preset
    let p = kechuang::synth::taian(3).unwrap();
    let m = kechuang::matching::Matcher::new(&p.graph, MatchConfig::default()).unwrap();
    let q = Query::demand(p.truth[0].demand.clone()).with_target(Target::Teams);
    let res = m.match_demand(&p.graph, &q).unwrap();
    let v = serde_json::to_value(&res).unwrap();
    declares_every_field("Matches", v.clone());
    declares_every_field("MatchResult", v["results"][0].clone());
    declares_every_field("Signals", v["results"][0]["signals"].clone());
    declares_every_field("Team", v["teams"][0].clone());
    let table = m
        .affinity_table(&p.graph, &[p.truth[0].demand.clone()], 3)
        .unwrap();
    declares_every_field(
        "AffinityEntry",
        serde_json::to_value(&table.entries[0]).unwrap(),
    );
    let rev = m.reverse(&p.graph, &p.truth[0].experts[0], 3).unwrap();
    if let Some(d) = rev.first() {
        declares_every_field("DemandMatch", serde_json::to_value(d).unwrap());
    }
}

#[test]
fn impact_interfaces_declare_every_core_field() {
    use kechuang::impact::{ImpactOptions, leaderboard};
    declares_every_field(
        "ImpactOptions",
        serde_json::to_value(ImpactOptions::default()).unwrap(),
    );
    let p = kechuang::synth::generate(&{
        let mut c = kechuang::synth::SynthConfig::with_seed(5);
        c.scale = 0.1;
        c
    })
    .unwrap();
    let board = leaderboard(&p.graph, &ImpactOptions::default(), 3).unwrap();
    let v = serde_json::to_value(&board).unwrap();
    declares_every_field("Leaderboard", v.clone());
    declares_every_field("ImpactRow", v["experts"][0].clone());
    declares_every_field("Part", v["experts"][0]["parts"][0].clone());
    assert_eq!(union("Component"), ["credit", "position", "activity"]);
}

#[test]
fn network_and_attribution_interfaces_declare_every_core_field() {
    use kechuang::impact::{
        BetweennessOptions, CreditOptions, GraphRankOptions, Group, ImpactOptions, PageRankOptions,
        RankingQuery, attribute, betweenness, brokerage, impact_index, pagerank,
    };
    let v = |x: serde_json::Result<serde_json::Value>| x.expect("serialises");
    declares_every_field(
        "GraphRankOptions",
        v(serde_json::to_value(GraphRankOptions::default())),
    );
    declares_every_field(
        "PageRankOptions",
        v(serde_json::to_value(PageRankOptions::default())),
    );
    declares_every_field(
        "BetweennessOptions",
        v(serde_json::to_value(BetweennessOptions::default())),
    );
    let credit = v(serde_json::to_value(CreditOptions::default()));
    declares_every_field("CreditOptions", credit.clone());
    // the tagged unions name their tags as the core writes them
    let rule = credit["rule"]["rule"].as_str().expect("tagged rule");
    assert!(TS_TYPES.contains(&format!("rule: \"{rule}\"")), "{rule}");
    let scale = credit["money"]["scale"].as_str().expect("tagged scale");
    assert!(TS_TYPES.contains(&format!("scale: \"{scale}\"")), "{scale}");
    let groups: Vec<String> = [
        Group::Solver,
        Group::Liaison,
        Group::Instrument,
        Group::Enterprise,
    ]
    .iter()
    .map(|g| {
        v(serde_json::to_value(g))
            .as_str()
            .unwrap_or_default()
            .to_string()
    })
    .collect();
    assert_eq!(union("Group"), groups);
    declares_every_field(
        "RankingQuery",
        v(serde_json::to_value(RankingQuery::default())),
    );
    declares_every_field(
        "GraphLimits",
        v(serde_json::to_value(kechuang_wasm::GraphLimits::default())),
    );

    let p = kechuang::synth::generate(&{
        let mut c = kechuang::synth::SynthConfig::with_seed(5);
        c.scale = 0.1;
        c
    })
    .expect("generates");
    let f = p.graph.frozen();
    let rank = GraphRankOptions::default();
    let pr = pagerank(&f, &rank, &[], None).expect("pagerank");
    let keyed = v(serde_json::to_value(pr.keyed(&p.graph, &f).unwrap()));
    declares_every_field("NodeScores", keyed.clone());
    declares_every_field("NodeScore", keyed["scores"][0].clone());
    let b = betweenness(&f, &rank, &BetweennessOptions::default(), None).expect("betweenness");
    declares_every_field(
        "NodeScores",
        v(serde_json::to_value(b.keyed(&p.graph, &f).unwrap())),
    );
    let br = brokerage(&f, &rank).expect("brokerage");
    declares_every_field("Brokerage", v(serde_json::to_value(&br)));
    let a = v(serde_json::to_value(
        attribute(&p.graph, &CreditOptions::default()).expect("attribution"),
    ));
    declares_every_field("Attribution", a.clone());
    declares_every_field("OutcomeCredit", a["outcomes"][0].clone());
    declares_every_field("Credit", a["outcomes"][0]["credits"][0].clone());
    let index = impact_index(&p.graph, &ImpactOptions::default()).expect("index");
    declares_every_field("ImpactIndex", v(serde_json::to_value(&index)));
}

#[test]
fn demand_event_declares_every_core_field() {
    let mut g = kechuang::graph::CollabGraph::new();
    g.add_node(kechuang::model::Node::new(
        "d:1",
        kechuang::model::NodeKind::Demand,
        "d",
    ))
    .expect("adds");
    let day: kechuang::model::Date = "2021-03-01".parse().expect("date");
    let ev = kechuang::programme::transition(
        &mut g,
        "d:1",
        DemandStatus::Analysed,
        day,
        Some("l:wang"),
        Some("called"),
    )
    .expect("transition");
    declares_every_field("DemandEvent", serde_json::to_value(ev).expect("serialises"));
}

#[test]
fn report_interfaces_declare_every_core_field() {
    use kechuang::programme::{ReportOptions, programme_report};
    declares_every_field(
        "ReportOptions",
        serde_json::to_value(ReportOptions::default()).unwrap(),
    );
    let p = kechuang::synth::taian(3).unwrap();
    let report = programme_report(&p.graph, &ReportOptions::default()).unwrap();
    let v = serde_json::to_value(&report).unwrap();
    declares_every_field("ProgrammeReport", v.clone());
    declares_every_field("Funnel", v["funnel"].clone());
    declares_every_field("FunnelStage", v["funnel"]["stages"][0].clone());
    declares_every_field("StateTime", v["funnel"]["times"][0].clone());
}
