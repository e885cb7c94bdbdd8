use proptest::prelude::*;

use super::*;
use crate::model::{
    Demand, DemandEvent, DemandStatus, Document, DocumentKind, Node, Offer, Outcome, OutcomeKind,
    Region, RegionLevel, Society,
};

fn expert(key: &str, name: &str, kw: &[&str], disc: &[&str], titles: &[Title]) -> Node {
    let mut n = Node::new(key, NodeKind::Expert, name);
    if let NodeData::Expert(e) = &mut n.data {
        e.keywords = kw.iter().map(|s| s.to_string()).collect();
        e.disciplines = disc.iter().map(|s| s.to_string()).collect();
        e.titles = titles.to_vec();
    }
    n
}

fn doc(key: &str, title: &str, text: &str) -> Node {
    Node::with_data(
        key,
        title,
        NodeData::Document(Document {
            kind: DocumentKind::Paper,
            title: title.into(),
            text: text.into(),
            year: Some(2021),
            keywords: vec![],
        }),
    )
}

fn region(key: &str, level: RegionLevel) -> Node {
    Node::with_data(key, key, NodeData::Region(Region { level, code: None }))
}

/// A small programme: a steel enterprise asks about waste-heat recovery.
fn programme() -> CollabGraph {
    let mut g = CollabGraph::new();
    let add = |g: &mut CollabGraph, n: Node| {
        g.add_node(n).unwrap();
    };
    add(&mut g, region("r:sd", RegionLevel::Province));
    add(&mut g, region("r:taian", RegionLevel::City));
    add(&mut g, region("r:daiyue", RegionLevel::District));
    add(&mut g, region("r:jinan", RegionLevel::City));
    g.connect(Relation::PartOf, "r:taian", "r:sd").unwrap();
    g.connect(Relation::PartOf, "r:daiyue", "r:taian").unwrap();
    g.connect(Relation::PartOf, "r:jinan", "r:sd").unwrap();
    add(
        &mut g,
        Node::new("e:steel", NodeKind::Enterprise, "泰山钢铁"),
    );
    g.connect(Relation::LocatedIn, "e:steel", "r:daiyue")
        .unwrap();
    add(
        &mut g,
        Node::new("i:sdu", NodeKind::Institution, "山东大学"),
    );
    g.connect(Relation::LocatedIn, "i:sdu", "r:jinan").unwrap();
    add(
        &mut g,
        Node::new("i:tsu", NodeKind::Institution, "泰山学院"),
    );
    g.connect(Relation::LocatedIn, "i:tsu", "r:taian").unwrap();
    let mut d1 = Demand::new("高炉煤气余热回收效率低，需要节能改造方案 waste heat recovery");
    d1.industries = vec!["C31".into()];
    add(
        &mut g,
        Node::with_data("d:1", "余热回收", NodeData::Demand(d1)),
    );
    g.connect(Relation::Posted, "e:steel", "d:1").unwrap();
    let mut d0 = Demand::new("转炉煤气余热回收利用");
    d0.events = vec![DemandEvent {
        to: DemandStatus::Matched,
        date: "2021-01-01".parse().unwrap(),
        actor: None,
        note: None,
    }];
    add(
        &mut g,
        Node::with_data("d:0", "转炉余热", NodeData::Demand(d0)),
    );
    g.connect(Relation::Posted, "e:steel", "d:0").unwrap();
    let d2 = Demand::new("中药提取工艺优化 drug extraction");
    add(
        &mut g,
        Node::with_data("d:2", "中药提取", NodeData::Demand(d2)),
    );

    add(
        &mut g,
        expert(
            "x:li",
            "李明",
            &["余热回收", "waste heat recovery"],
            &["450"],
            &[Title::Professor],
        ),
    );
    add(
        &mut g,
        doc(
            "p:1",
            "烧结余热回收技术",
            "烧结矿余热回收与发电 sintering waste heat recovery power generation",
        ),
    );
    g.connect(Relation::Authored, "x:li", "p:1").unwrap();
    g.connect(Relation::AffiliatedWith, "x:li", "i:sdu")
        .unwrap();
    add(
        &mut g,
        expert(
            "x:zhao",
            "赵强",
            &["高炉", "余热回收"],
            &["450"],
            &[Title::SeniorEngineer],
        ),
    );
    g.connect(Relation::AffiliatedWith, "x:zhao", "e:steel")
        .unwrap();
    add(
        &mut g,
        expert(
            "x:wang",
            "王芳",
            &["药物缓释", "drug release"],
            &["350"],
            &[Title::Professor],
        ),
    );
    add(
        &mut g,
        doc(
            "p:3",
            "中药提取",
            "中药有效成分提取 drug extraction process",
        ),
    );
    g.connect(Relation::Authored, "x:wang", "p:3").unwrap();
    add(
        &mut g,
        expert(
            "x:chen",
            "陈院士",
            &["轴承故障诊断", "bearing fault diagnosis"],
            &["460"],
            &[Title::AcademicianCae],
        ),
    );
    add(
        &mut g,
        expert(
            "x:sun",
            "孙伟",
            &["煤气净化", "余热锅炉"],
            &["450", "470"],
            &[Title::Engineer],
        ),
    );
    g.connect(Relation::AffiliatedWith, "x:sun", "i:tsu")
        .unwrap();
    g.connect(Relation::Solved, "x:sun", "d:0").unwrap();
    add(&mut g, Node::new("oc:1", NodeKind::Outcome, "节能"));
    if let Some(id) = g.id("oc:1") {
        let mut n = g.node(id).unwrap().clone();
        n.data = NodeData::Outcome(Outcome {
            kind: OutcomeKind::EconomicBenefit,
            value: 1e6,
            unit: None,
            date: None,
        });
        g.update_node(id, n).unwrap();
    }
    g.connect(Relation::Produced, "d:0", "oc:1").unwrap();

    let mut s = Node::new("s:csm", NodeKind::Society, "中国金属学会");
    s.data = NodeData::Society(Society {
        level: SocietyLevel::National,
        disciplines: vec!["450".into()],
        keywords: vec!["冶金".into(), "节能".into()],
    });
    add(&mut g, s);
    let mut s2 = Node::new("s:pharm", NodeKind::Society, "山东药学会");
    s2.data = NodeData::Society(Society {
        level: SocietyLevel::Provincial,
        disciplines: vec!["350".into()],
        keywords: vec!["药学".into()],
    });
    add(&mut g, s2);
    g.connect(Relation::MemberOf, "x:li", "s:csm").unwrap();
    g.connect(Relation::MemberOf, "x:sun", "s:csm").unwrap();
    g.connect(Relation::MemberOf, "x:wang", "s:pharm").unwrap();
    add(&mut g, Node::new("l:1", NodeKind::Liaison, "联络员"));
    g.connect(Relation::WorksFor, "l:1", "e:steel").unwrap();
    g.connect(Relation::MemberOf, "l:1", "s:csm").unwrap();
    let o = Node::with_data(
        "o:1",
        "余热回收锅炉",
        NodeData::Offer(Offer {
            text: "高效余热回收锅炉 heat recovery boiler".into(),
            keywords: vec![],
            industries: vec!["C31".into()],
            disciplines: vec![],
        }),
    );
    add(&mut g, o);
    g.connect(Relation::Offers, "x:li", "o:1").unwrap();
    g
}

fn matcher(g: &CollabGraph) -> Matcher {
    Matcher::new(g, MatchConfig::default()).unwrap()
}

#[test]
fn ranks_explains_and_excludes_conflicts() {
    let g = programme();
    let m = matcher(&g);
    let r = m.match_demand(&g, &Query::demand("d:1")).unwrap();
    // x:li has the best text evidence, x:sun solved a near-identical demand of this
    // enterprise with an outcome: they lead
    let mut top2 = r.keys()[..2].to_vec();
    top2.sort();
    assert_eq!(top2, ["x:li", "x:sun"], "{:?}", r.keys());
    assert_eq!(r.get("x:li").unwrap().signals.text, 1.0);
    assert!(
        r.get("x:zhao").is_none(),
        "employee of the enterprise is a conflict"
    );
    assert_eq!(r.conflicts_excluded, ["x:zhao"]);
    let sun = r.get("x:sun").expect("x:sun solved a similar demand");
    assert!(sun.signals.track_record > 0.0);
    assert_eq!(sun.path.first().map(String::as_str), Some("e:steel"));
    assert_eq!(sun.path.last().map(String::as_str), Some("x:sun"));
    for res in &r.results {
        let sum: f64 = res.contributions.as_array().iter().sum();
        assert!((sum - res.score).abs() < 1e-9);
        assert!(
            res.signals
                .as_array()
                .iter()
                .all(|s| (0.0..=1.0).contains(s))
        );
    }
    let li = r.get("x:li").unwrap();
    assert!(li.matched_terms.iter().any(|t| t.term == "余热"));
    assert!(
        li.matched_terms
            .iter()
            .all(|t| ["x:li", "p:1", "o:1"].contains(&t.source.as_str()))
    );
    assert_eq!(li.signals.taxonomy, 1.0);
    assert_eq!(
        li.signals.locality, 0.0,
        "another city of the same province"
    );
    assert_eq!(
        sun.signals.locality, 0.6,
        "the city enclosing the demand's district"
    );
    // the pharmacist has no business here
    assert!(
        r.rank_of("x:wang")
            .is_none_or(|i| i > r.rank_of("x:li").unwrap())
    );
}

#[test]
fn own_solved_case_does_not_leak() {
    let g = programme();
    let m = matcher(&g);
    // querying the solved demand itself must not use its own text as x:sun's evidence
    let r = m.match_demand(&g, &Query::demand("d:0")).unwrap();
    let sun = r.get("x:sun").unwrap();
    assert!(sun.matched_terms.iter().all(|t| t.source != "d:0"));
}

#[test]
fn coded_errors() {
    let g = programme();
    let m = matcher(&g);
    let code = |q: Query| m.match_demand(&g, &q).unwrap_err().code();
    assert_eq!(code(Query::demand("d:1").with_k(0)), "invalid_value");
    assert_eq!(code(Query::text("   \n ")), "invalid_value");
    assert_eq!(code(Query::demand("d:404")), "unknown_key");
    assert_eq!(code(Query::demand("x:li")), "wrong_kind");
    assert_eq!(
        code(Query::text("x".repeat(crate::limits::MAX_TEXT_BYTES + 1))),
        "limit_exceeded"
    );
    let mut q = Query::text("余热");
    q.vector = Some(vec![f32::NAN]);
    assert_eq!(code(q), "invalid_value");
    let mut cfg = MatchConfig::default();
    cfg.weights.text = f64::INFINITY;
    assert_eq!(Matcher::new(&g, cfg).unwrap_err().code(), "invalid_value");
    let cfg = MatchConfig {
        weights: Weights {
            text: 0.0,
            ..Weights::text_only()
        },
        ..MatchConfig::default()
    };
    assert_eq!(Matcher::new(&g, cfg).unwrap_err().code(), "invalid_value");
    assert_eq!(
        m.reverse(&g, "x:li", 0).unwrap_err().code(),
        "invalid_value"
    );
    assert_eq!(m.reverse(&g, "d:1", 3).unwrap_err().code(), "wrong_kind");
}

#[test]
fn societies_offers_teams() {
    let g = programme();
    let m = matcher(&g);
    let s = m
        .match_demand(&g, &Query::demand("d:1").with_target(Target::Societies))
        .unwrap();
    assert_eq!(s.keys()[0], "s:csm");
    let o = m
        .match_demand(&g, &Query::demand("d:1").with_target(Target::Offers))
        .unwrap();
    assert_eq!(o.keys(), ["o:1"]);
    assert_eq!(o.results[0].signals.taxonomy, 1.0);
    let t = m
        .match_demand(&g, &Query::demand("d:1").with_target(Target::Teams))
        .unwrap();
    assert!(!t.teams.is_empty());
    for team in &t.teams {
        assert!((2..=5).contains(&team.members.len()), "{team:?}");
        let mut u = team.members.clone();
        u.sort();
        u.dedup();
        assert_eq!(u.len(), team.members.len());
        assert!(!team.members.contains(&"x:zhao".to_string()));
        assert!((0.0..=1.0).contains(&team.coverage) && team.score <= 1.0);
    }
}

#[test]
fn filters() {
    let g = programme();
    let m = matcher(&g);
    let f = Filter {
        academicians_only: true,
        ..Filter::default()
    };
    let r = m
        .match_demand(&g, &Query::text("轴承故障 bearing").with_filter(f))
        .unwrap();
    assert_eq!(r.keys(), ["x:chen"]);
    let f = Filter {
        exclude: vec!["x:li".into()],
        ..Filter::default()
    };
    let r = m
        .match_demand(&g, &Query::demand("d:1").with_filter(f))
        .unwrap();
    assert!(r.get("x:li").is_none() && !r.is_empty());
    let f = Filter {
        region: Some("r:taian".into()),
        ..Filter::default()
    };
    let r = m
        .match_demand(&g, &Query::demand("d:1").with_filter(f))
        .unwrap();
    assert_eq!(r.keys(), ["x:sun"]);
    let f = Filter {
        min_score: 0.99,
        ..Filter::default()
    };
    assert!(
        m.match_demand(&g, &Query::demand("d:1").with_filter(f))
            .unwrap()
            .is_empty()
    );
    let f = Filter {
        society_levels: vec![SocietyLevel::Provincial],
        ..Filter::default()
    };
    let r = m
        .match_demand(&g, &Query::text("drug extraction 中药").with_filter(f))
        .unwrap();
    assert_eq!(r.keys(), ["x:wang"]);
    let mut q = Query::demand("d:1");
    q.conflicts = vec!["i:sdu".into()];
    let r = m.match_demand(&g, &q).unwrap();
    assert!(r.get("x:li").is_none() && r.conflicts_excluded.contains(&"x:li".to_string()));
}

#[test]
fn typos_expand() {
    let g = programme();
    let m = matcher(&g);
    let r = m
        .match_demand(&g, &Query::text("sinterng wast heat recovrey"))
        .unwrap();
    let li = r.get("x:li").unwrap();
    assert_eq!(r.keys()[0], "x:li");
    assert!(
        li.matched_terms.iter().any(|t| t.expanded_from.is_some()),
        "{:?}",
        li.matched_terms
    );
}

#[test]
fn reverse_agrees_with_forward() {
    let g = programme();
    let m = matcher(&g);
    let fits = m.reverse(&g, "x:li", 5).unwrap();
    assert_eq!(fits[0].demand, "d:1");
    let fwd = m.match_demand(&g, &Query::demand("d:1")).unwrap();
    assert!((fwd.get("x:li").unwrap().score - fits[0].score).abs() < 1e-12);
    let aff = m
        .affinity(
            &g,
            &[
                ("d:1".into(), "x:li".into()),
                ("d:1".into(), "x:sun".into()),
                ("d:1".into(), "x:zhao".into()),
            ],
        )
        .unwrap();
    assert_eq!(
        aff.score("d:1", "x:li"),
        Some(fwd.get("x:li").unwrap().score)
    );
    assert_eq!(
        aff.score("d:1", "x:sun"),
        Some(fwd.get("x:sun").unwrap().score)
    );
    assert_eq!(aff.score("d:1", "x:zhao"), Some(0.0));
    let t = m
        .affinity_table(&g, &["d:2".into(), "d:1".into()], 2)
        .unwrap();
    assert!(
        t.entries.windows(2).all(|w| w[0].demand < w[1].demand
            || (w[0].demand == w[1].demand && w[0].score >= w[1].score))
    );
    assert!(t.of_demand("d:1").count() <= 2);
    assert_eq!(t.entries[0].demand, "d:1");
    assert_eq!(
        m.affinity_table(&g, &["d:1".into()], 0).unwrap_err().code(),
        "invalid_value"
    );
}

#[test]
fn batch_serde_and_models() {
    let g = programme();
    let m = matcher(&g);
    let qs: Vec<Query> = ["d:1", "d:2", "d:0"]
        .iter()
        .map(|d| Query::demand(*d))
        .collect();
    let batch = m.match_batch(&g, &qs).unwrap();
    for (q, b) in qs.iter().zip(&batch) {
        assert_eq!(&m.match_demand(&g, q).unwrap(), b);
    }
    let json = serde_json::to_string(&m).unwrap();
    let back: Matcher = serde_json::from_str(&json).unwrap();
    assert_eq!(back.match_batch(&g, &qs).unwrap(), batch);
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["owners"][0] = serde_json::json!(1_000_000);
    assert!(serde_json::from_value::<Matcher>(v).is_err());
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Matcher>();
    for agg in [Aggregation::Max, Aggregation::Pooled] {
        let m = Matcher::new(
            &g,
            MatchConfig {
                aggregation: agg,
                ..MatchConfig::default()
            },
        )
        .unwrap();
        let r = m.match_demand(&g, &Query::demand("d:1")).unwrap();
        let mut top2 = r.keys()[..2].to_vec();
        top2.sort();
        assert_eq!(top2, ["x:li", "x:sun"], "{agg:?}");
    }
    let mut calls = 0;
    let r: std::result::Result<Vec<Matches>, Error> = m.match_batch_with(&g, &qs, |_, _| {
        calls += 1;
        Err(Error::Cancelled)
    });
    assert_eq!(r.unwrap_err().code(), "cancelled");
    assert_eq!(calls, 1);
}

#[test]
fn feedback_adds_keyword_terms() {
    let g = programme();
    let cfg = MatchConfig {
        feedback: Feedback {
            units: 3,
            min_units: 1,
            weight: 0.3,
        },
        ..MatchConfig::default()
    };
    let m = Matcher::new(&g, cfg).unwrap();
    let r = m.match_demand(&g, &Query::text("sintering power")).unwrap();
    // x:sun's profile matches "power" (his discipline's name): his keywords (余热锅炉, 煤气净化)
    // join the query
    assert!(
        r.query_terms.iter().any(|t| t == "锅炉"),
        "{:?}",
        r.query_terms
    );
    let plain = matcher(&g)
        .match_demand(&g, &Query::text("sintering power"))
        .unwrap();
    assert_eq!(plain.query_terms, ["sinter", "power"]);
}

#[test]
fn dense_vectors_fuse() {
    let g = programme();
    let mut m = matcher(&g);
    m.set_vectors(&[
        ("p:1".into(), vec![1.0, 0.0]),
        ("p:3".into(), vec![0.0, 1.0]),
    ])
    .unwrap();
    let mut q = Query::text("drug extraction");
    let base = m
        .match_demand(&g, &q)
        .unwrap()
        .get("x:wang")
        .unwrap()
        .signals
        .text;
    q.vector = Some(vec![0.0, 2.0]);
    let r = m.match_demand(&g, &q).unwrap();
    assert_eq!(r.keys()[0], "x:wang");
    assert!(r.get("x:wang").unwrap().signals.text >= base * 0.7);
    assert!(
        r.get("x:li").is_none(),
        "orthogonal vector and no shared term"
    );
    q.vector = Some(vec![1.0, 0.0, 0.0]);
    assert_eq!(m.match_demand(&g, &q).unwrap_err().code(), "invalid_value");
    assert_eq!(
        m.set_vectors(&[("nope".into(), vec![1.0])])
            .unwrap_err()
            .code(),
        "unknown_key"
    );
    assert_eq!(
        m.set_vectors(&[("p:1".into(), vec![0.0])])
            .unwrap_err()
            .code(),
        "invalid_value"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn scores_bounded_and_deterministic(w in proptest::collection::vec(0.0f64..5.0, 7), text in "[余热回收高炉煤气药物 a-z]{1,20}") {
        prop_assume!(w.iter().sum::<f64>() > 0.01);
        let g = programme();
        let weights = Weights { text: w[0], taxonomy: w[1], network: w[2], track_record: w[3], availability: w[4], seniority: w[5], locality: w[6] };
        let m = Matcher::new(&g, MatchConfig { weights, ..MatchConfig::default() }).unwrap();
        let q = Query::text(text.clone()).with_k(5);
        match m.match_demand(&g, &q) {
            Ok(a) => {
                let b = m.match_demand(&g, &q).unwrap();
                prop_assert_eq!(&a, &b);
                prop_assert!(a.len() <= 5);
                for r in &a.results {
                    prop_assert!((0.0..=1.0).contains(&r.score));
                }
                prop_assert!(a.results.windows(2).all(|x| x[0].score >= x[1].score));
            }
            Err(e) => prop_assert_eq!(e.code(), "invalid_value"),
        }
    }
}
