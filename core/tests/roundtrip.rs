//! Round trips: any graph survives JSON snapshots and CSV export/import without loss, and
//! ids stay valid through removals and re-additions. Plus the committed encoding fixtures.

use std::path::PathBuf;

use kechuang::graph::CollabGraph;
use kechuang::io::csv::{CsvOptions, Encoding, load_dir, load_tables, to_csv_tables, write_dir};
use kechuang::io::{from_json, to_json};
use kechuang::model::{
    Attrs, Date, Demand, DemandEvent, DemandStatus, Document, DocumentKind, Edge, EdgeExtra,
    EdgeId, EnterpriseSize, Institution, InstitutionKind, Instrument, Liaison, Node, NodeData,
    NodeId, NodeKind, Outcome, OutcomeKind, ProgrammeMeta, Region, RegionLevel, Relation,
    SocietyLevel, Taxonomy, Title, Urgency,
};
use proptest::prelude::*;
use serde_json::Value;

// ---- strategies --------------------------------------------------------------------------

/// Text of every awkward shape: empty, ASCII with CSV metacharacters, CJK, emoji, control
/// characters, surrounding spaces, long.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(String::new()),
        3 => "[a-zA-Z0-9 ,;|\"'\\[\\]{}\\n\\r\\t=-]{0,12}",
        3 => "[\\u{4e00}-\\u{9fa5}，；。、｜　 ]{0,12}",
        2 => "[😀-🙏🚀-🛿🇨🇳 ]{0,6}",
        2 => "\\PC{0,16}",
        1 => ".{0,8}",
        1 => "[a-z\\u{4e00}-\\u{4e20}]{1,8}".prop_map(|s| s.repeat(700)),
    ]
}

fn short_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z0-9 ;|]{0,6}",
        "[\\u{4e00}-\\u{9fa5}；]{0,4}",
        "[😀-🙏]{1,2}",
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn list() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(short_text(), 0..4)
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |x| x.is_finite()),
        -1e6f64..1e6,
        Just(0.0),
        Just(0.1),
    ]
}

fn money() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(finite().prop_map(f64::abs))
}

fn date() -> impl Strategy<Value = Date> {
    (-719_162i32..2_932_896).prop_map(Date::from_days)
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        finite().prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(short_text(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn attrs() -> impl Strategy<Value = Attrs> {
    prop_oneof![
        2 => Just(Attrs::new()),
        1 => prop::collection::btree_map(text(), json_value(), 1..4),
    ]
}

fn pick<T: Copy>(all: &[T], i: usize) -> T {
    all[i % all.len()]
}

/// Raw material for one entity; [`node`] shapes it by kind.
#[derive(Debug, Clone)]
struct NodePlan {
    kind: usize,
    key: String,
    name: String,
    name_en: Option<String>,
    texts: (String, String, Option<String>),
    lists: (Vec<String>, Vec<String>, Vec<String>),
    titles: Vec<usize>,
    picks: (usize, usize, bool),
    nums: (u32, u8, i32, f64),
    money: Option<f64>,
    dates: (Option<Date>, Option<Date>),
    steps: Vec<(usize, u16, Option<String>, Option<String>)>,
    attrs: Attrs,
}

fn node_plan() -> impl Strategy<Value = NodePlan> {
    (
        (
            0..NodeKind::ALL.len(),
            short_text(),
            text(),
            opt_text(),
            (text(), text(), opt_text()),
            (list(), list(), list()),
        ),
        (
            prop::collection::vec(0usize..20, 0..3),
            (any::<usize>(), any::<usize>(), any::<bool>()),
            (any::<u32>(), any::<u8>(), any::<i32>(), finite()),
            money(),
            (prop::option::of(date()), prop::option::of(date())),
            prop::collection::vec((any::<usize>(), 0u16..400, opt_text(), opt_text()), 0..6),
            attrs(),
        ),
    )
        .prop_map(
            |(
                (kind, key, name, name_en, texts, lists),
                (titles, picks, nums, money, dates, steps, attrs),
            )| NodePlan {
                kind,
                key,
                name,
                name_en,
                texts,
                lists,
                titles,
                picks,
                nums,
                money,
                dates,
                steps,
                attrs,
            },
        )
}

/// Ordered start/end pair.
fn ordered(d: (Option<Date>, Option<Date>)) -> (Option<Date>, Option<Date>) {
    match d {
        (Some(a), Some(b)) if b < a => (Some(b), Some(a)),
        other => other,
    }
}

/// A valid entity of the planned kind with key `k{i}…`.
fn node(i: usize, p: &NodePlan) -> Node {
    let kind = pick(NodeKind::ALL, p.kind);
    let (t1, t2, ot) = p.texts.clone();
    let (l1, l2, l3) = p.lists.clone();
    let (a, b, flag) = p.picks;
    let (n32, n8, ni32, f) = p.nums;
    let (start, end) = ordered(p.dates);
    let mut data = NodeData::default_for(kind);
    match &mut data {
        NodeData::Enterprise(e) => {
            e.industries = l1;
            e.size = flag.then(|| pick(EnterpriseSize::ALL, a));
            e.high_tech = b % 2 == 0;
            e.flags = l2;
        }
        NodeData::Society(s) => {
            s.level = pick(SocietyLevel::ALL, a);
            s.disciplines = l1;
            s.keywords = l2;
        }
        NodeData::Expert(x) => {
            x.titles = p.titles.iter().map(|&t| pick(Title::ALL, t)).collect();
            x.disciplines = l1;
            x.keywords = l2;
            x.capacity = n32;
            x.profile = t1;
        }
        NodeData::Institution(Institution { kind, disciplines }) => {
            *kind = pick(InstitutionKind::ALL, a);
            *disciplines = l1;
        }
        NodeData::Liaison(Liaison { tier, since }) => {
            *tier = n8;
            *since = start;
        }
        NodeData::Region(Region { level, code }) => {
            *level = pick(RegionLevel::ALL, a);
            *code = ot;
        }
        NodeData::Demand(d) => {
            *d = Demand::new(t1);
            d.keywords = l1;
            d.industries = l2;
            d.disciplines = l3;
            d.urgency = pick(Urgency::ALL, a);
            d.budget_cny = p.money;
            d.posted = start;
            // a valid walk through the transition table, dates never going back
            let mut state = DemandStatus::Posted;
            let mut day = start.unwrap_or(Date::from_days(18_000));
            for (choice, gap, actor, note) in &p.steps {
                let next = state.next();
                if next.is_empty() {
                    break;
                }
                state = pick(next, *choice);
                day = day.add_days(i32::from(*gap));
                d.events.push(DemandEvent {
                    date: day,
                    to: state,
                    actor: actor.clone(),
                    note: note.clone(),
                });
            }
        }
        NodeData::Offer(o) => {
            o.text = t1;
            o.keywords = l1;
            o.industries = l2;
            o.disciplines = l3;
        }
        NodeData::Document(Document {
            kind,
            title,
            text,
            year,
            keywords,
        }) => {
            *kind = pick(DocumentKind::ALL, a);
            *title = t1;
            *text = t2;
            *year = flag.then_some(ni32);
            *keywords = l1;
        }
        NodeData::Outcome(Outcome {
            kind,
            value,
            unit,
            date,
        }) => {
            *kind = pick(OutcomeKind::ALL, a);
            *value = match *kind {
                OutcomeKind::Other => f,
                OutcomeKind::MarketShare => (f.abs() / 1e6).min(1.0),
                _ => f.abs(),
            };
            *unit = ot;
            *date = start;
        }
        other => {
            let Some(_) = other.instrument() else {
                unreachable!("every other kind is an instrument")
            };
            let ins = Instrument {
                category: ot,
                start,
                end,
                budget_cny: p.money,
                industries: l1,
            };
            *other = match kind {
                NodeKind::Workstation => NodeData::Workstation(ins),
                NodeKind::Forum => NodeData::Forum(ins),
                NodeKind::Agreement => NodeData::Agreement(ins),
                NodeKind::Alliance => NodeData::Alliance(ins),
                NodeKind::ServiceTeam => NodeData::ServiceTeam(ins),
                NodeKind::Project => NodeData::Project(ins),
                _ => NodeData::Training(ins),
            };
        }
    }
    Node {
        key: format!("k{i}:{}", p.key),
        name: p.name.clone(),
        name_en: p.name_en.clone(),
        data,
        attrs: p.attrs.clone(),
    }
}

/// Raw material for one relation attempt.
#[derive(Debug, Clone)]
struct EdgePlan {
    ends: (usize, usize, usize),
    weight: Option<f32>,
    role: Option<String>,
    dates: (Option<Date>, Option<Date>),
    attrs: Attrs,
}

fn edge_plan() -> impl Strategy<Value = EdgePlan> {
    (
        (any::<usize>(), any::<usize>(), any::<usize>()),
        prop::option::of(prop_oneof![0f32..10.0, Just(0.1f32), Just(0.0f32)]),
        opt_text(),
        (prop::option::of(date()), prop::option::of(date())),
        attrs(),
    )
        .prop_map(|(ends, weight, role, dates, attrs)| EdgePlan {
            ends,
            weight,
            role,
            dates,
            attrs,
        })
}

#[derive(Debug, Clone)]
struct GraphPlan {
    nodes: Vec<NodePlan>,
    edges: Vec<EdgePlan>,
    remove_nodes: Vec<usize>,
    remove_edges: Vec<usize>,
    readd: Vec<(usize, NodePlan)>,
    aliases: Vec<(usize, String)>,
    touch_edges: Vec<(usize, f32)>,
    empty_taxonomy: bool,
    meta: ProgrammeMeta,
}

fn graph_plan() -> impl Strategy<Value = GraphPlan> {
    (
        prop::collection::vec(node_plan(), 0..14),
        prop::collection::vec(edge_plan(), 0..40),
        prop::collection::vec(any::<usize>(), 0..4),
        prop::collection::vec(any::<usize>(), 0..6),
        prop::collection::vec((any::<usize>(), node_plan()), 0..3),
        prop::collection::vec((any::<usize>(), short_text()), 0..4),
        prop::collection::vec((any::<usize>(), 0f32..5.0), 0..3),
        prop::bool::weighted(0.1),
        (opt_text(), opt_text(), prop::option::of(date())),
    )
        .prop_map(
            |(
                nodes,
                edges,
                remove_nodes,
                remove_edges,
                readd,
                aliases,
                touch_edges,
                empty,
                meta,
            )| {
                GraphPlan {
                    nodes,
                    edges,
                    remove_nodes,
                    remove_edges,
                    readd,
                    aliases,
                    touch_edges,
                    empty_taxonomy: empty,
                    meta: ProgrammeMeta {
                        title: meta.0,
                        source: meta.1,
                        as_of: meta.2,
                        ..ProgrammeMeta::default()
                    },
                }
            },
        )
}

/// Builds a valid graph from the plan: invalid relation attempts (wrong kinds, region
/// cycles) are skipped, as a user's failed calls would be.
fn build(p: &GraphPlan) -> (CollabGraph, Vec<NodeId>) {
    let mut g = if p.empty_taxonomy {
        CollabGraph::with_taxonomy(Taxonomy::empty())
    } else {
        CollabGraph::new()
    };
    g.set_meta(p.meta.clone());
    let mut ids: Vec<NodeId> = p
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| g.add_node(node(i, n)).expect("generated node is valid"))
        .collect();
    let mut removed = Vec::new();
    let attempt_edges = |g: &mut CollabGraph, ids: &[NodeId]| {
        if ids.is_empty() {
            return;
        }
        for e in &p.edges {
            let (s, t, r) = e.ends;
            let (s, t) = (ids[s % ids.len()], ids[t % ids.len()]);
            let (Some(sk), Some(tk)) = (g.node(s).map(Node::kind), g.node(t).map(Node::kind))
            else {
                continue;
            };
            let allowed: Vec<Relation> = Relation::ALL
                .iter()
                .copied()
                .filter(|rel| rel.allows(sk, tk))
                .collect();
            if allowed.is_empty() {
                continue;
            }
            let (start, end) = ordered(e.dates);
            let mut edge = Edge::new(pick(&allowed, r), s, t).with_weight(e.weight.unwrap_or(1.0));
            edge.extra = Some(Box::new(EdgeExtra {
                role: e.role.clone(),
                start,
                end,
                attrs: e.attrs.clone(),
            }));
            let _ = g.add_edge(edge);
        }
    };
    attempt_edges(&mut g, &ids);
    let edge_ids: Vec<EdgeId> = g.edges().map(|(id, _)| id).collect();
    for &r in &p.remove_edges {
        if !edge_ids.is_empty() {
            let _ = g.remove_edge(edge_ids[r % edge_ids.len()]);
        }
    }
    // updated edges, some left with empty extras
    for &(r, w) in &p.touch_edges {
        let live: Vec<(EdgeId, Edge)> = g.edges().map(|(id, e)| (id, e.clone())).collect();
        if live.is_empty() {
            break;
        }
        let (id, mut e) = live[r % live.len()].clone();
        e.weight = w;
        e.extra = Some(Box::default());
        g.update_edge(id, e).expect("same ends, valid weight");
    }
    for &r in &p.remove_nodes {
        if !ids.is_empty() {
            let id = ids[r % ids.len()];
            if let Ok(n) = g.remove_node(id) {
                removed.push(n.key);
            }
        }
    }
    // re-add entities, some under a removed key (they get new ids)
    for (j, (r, plan)) in p.readd.iter().enumerate() {
        let mut n = node(1000 + j, plan);
        if !removed.is_empty() && r % 2 == 0 {
            n.key = removed[r % removed.len()].clone();
        }
        if let Ok(id) = g.add_node(n) {
            ids.push(id);
        }
    }
    attempt_edges(&mut g, &ids);
    for (r, alias) in &p.aliases {
        let live: Vec<NodeId> = g.nodes().map(|(id, _)| id).collect();
        if !live.is_empty() {
            let _ = g.add_alias(format!("alias:{alias}"), live[r % live.len()]);
        }
    }
    (g, ids)
}

/// The graph as CSV reads it back: an empty optional text is absent (documented).
fn csv_normal(g: &CollabGraph) -> CollabGraph {
    fn clear(s: &mut Option<String>) {
        if s.as_deref() == Some("") {
            *s = None;
        }
    }
    let mut out = g.clone();
    let nodes: Vec<(NodeId, Node)> = g.nodes().map(|(id, n)| (id, n.clone())).collect();
    for (id, mut n) in nodes {
        clear(&mut n.name_en);
        match &mut n.data {
            NodeData::Region(r) => clear(&mut r.code),
            NodeData::Outcome(o) => clear(&mut o.unit),
            NodeData::Demand(d) => {
                for e in &mut d.events {
                    clear(&mut e.actor);
                    clear(&mut e.note);
                }
            }
            NodeData::Workstation(i)
            | NodeData::Forum(i)
            | NodeData::Agreement(i)
            | NodeData::Alliance(i)
            | NodeData::ServiceTeam(i)
            | NodeData::Project(i)
            | NodeData::Training(i) => clear(&mut i.category),
            _ => {}
        }
        out.update_node(id, n).expect("same node, cleaned");
    }
    let edges: Vec<(EdgeId, Edge)> = g.edges().map(|(id, e)| (id, e.clone())).collect();
    for (id, mut e) in edges {
        if let Some(x) = e.extra.as_deref_mut() {
            clear(&mut x.role);
        }
        out.update_edge(id, e).expect("same edge, cleaned");
    }
    out
}

/// Every live entity and relation keeps its id; removed ids stay vacant.
fn assert_ids(original: &CollabGraph, loaded: &CollabGraph) {
    for (id, n) in original.nodes() {
        assert_eq!(loaded.id(&n.key), Some(id), "key {:?}", n.key);
        assert_eq!(loaded.node(id).map(|m| &m.key), Some(&n.key));
    }
    for i in 0..original.node_bound() {
        let id = NodeId::new(i as u32);
        assert_eq!(original.node(id).is_some(), loaded.node(id).is_some());
    }
    for (id, e) in original.edges() {
        let l = loaded.edge(id).expect("edge id survives");
        assert_eq!(
            (l.source, l.target, l.relation),
            (e.source, e.target, e.relation)
        );
    }
    for (alias, id) in original.aliases() {
        assert_eq!(loaded.id(alias), Some(*id));
    }
    assert_eq!(original.node_count(), loaded.node_count());
    assert_eq!(original.edge_count(), loaded.edge_count());
}

/// The first difference between two graphs, for failure messages.
fn diff(a: &CollabGraph, b: &CollabGraph) -> String {
    let bound = a.node_bound().max(b.node_bound());
    for i in 0..bound {
        let id = NodeId::new(i as u32);
        if a.node(id) != b.node(id) {
            return format!("node {i}: {:?}\n  vs {:?}", a.node(id), b.node(id));
        }
    }
    let bound = a.edge_bound().max(b.edge_bound());
    for i in 0..bound {
        let id = EdgeId::new(i as u32);
        if a.edge(id) != b.edge(id) {
            return format!("edge {i}: {:?}\n  vs {:?}", a.edge(id), b.edge(id));
        }
    }
    if a.aliases() != b.aliases() {
        return format!("aliases {:?} vs {:?}", a.aliases(), b.aliases());
    }
    if a.taxonomy() != b.taxonomy() {
        return "taxonomies differ".into();
    }
    if a.meta() != b.meta() {
        return format!("meta {:?} vs {:?}", a.meta(), b.meta());
    }
    "no difference".into()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn json_round_trip_is_lossless(plan in graph_plan()) {
        let (g, _) = build(&plan);
        let json = to_json(&g).unwrap();
        let back = from_json(&json).unwrap();
        assert_ids(&g, &back);
        prop_assert!(back == g, "{}", diff(&back, &g));
        // and the snapshot text itself is stable
        prop_assert_eq!(to_json(&back).unwrap(), json);
    }

    #[test]
    fn csv_round_trip_is_lossless(plan in graph_plan()) {
        let (g, _) = build(&plan);
        let tables = to_csv_tables(&g).unwrap();
        let back = load_tables(&tables, &CsvOptions::default()).unwrap();
        let expected = csv_normal(&g);
        assert_ids(&g, &back);
        prop_assert!(back == expected, "{}", diff(&back, &expected));
        // export of the re-imported graph is the same text
        prop_assert_eq!(to_csv_tables(&back).unwrap(), to_csv_tables(&expected).unwrap());
    }

    #[test]
    fn csv_round_trip_in_gb18030(plan in graph_plan()) {
        // the same tables saved by a Chinese Excel: GB18030 bytes, read with auto-detection
        let (g, _) = build(&plan);
        let t = to_csv_tables(&g).unwrap();
        let enc = |s: &str| encoding_rs::GB18030.encode(s).0.into_owned();
        let files = [
            ("nodes.csv", enc(&t.nodes)),
            ("edges.csv", enc(&t.edges)),
            ("events.csv", enc(&t.events)),
            ("aliases.csv", enc(&t.aliases)),
            ("taxonomy.json", t.taxonomy.clone().into_bytes()),
            ("meta.json", t.meta.clone().into_bytes()),
        ];
        let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        let opts = CsvOptions::default().with_encoding(Encoding::Gb18030);
        let back = kechuang::io::csv::load_files(&refs, &opts).unwrap();
        let expected = csv_normal(&g);
        prop_assert!(back == expected, "{}", diff(&back, &expected));
    }

    #[test]
    fn ids_stay_valid_after_removal_and_readdition(plan in graph_plan()) {
        let (g, ids) = build(&plan);
        // every id handed out is either live (and means the same key) or vacant forever
        let mut seen = std::collections::BTreeSet::new();
        for id in &ids {
            prop_assert!(seen.insert(*id), "id {} handed out twice", id);
            if let Some(n) = g.node(*id) {
                prop_assert_eq!(g.id(&n.key), Some(*id));
            }
        }
        let back = from_json(&to_json(&g).unwrap()).unwrap();
        let mut back2 = back.clone();
        let fresh = back2.add_node(Node::new("fresh-key", NodeKind::Expert, "新")).unwrap();
        prop_assert!(fresh.index() >= g.node_bound(), "a new id never reuses a removed one");
    }
}

// ---- committed fixtures and the file system ------------------------------------------

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/csv")
        .join(name)
}

#[test]
fn encoding_fixtures_load_to_the_same_graph() {
    let utf8 = load_dir(fixture("utf8"), &CsvOptions::default()).unwrap();
    for (dir, enc) in [
        ("gb18030", Encoding::Auto),
        ("gb18030", Encoding::Gb18030),
        ("utf8_bom", Encoding::Auto),
        ("utf8_bom", Encoding::Utf8),
    ] {
        let g = load_dir(fixture(dir), &CsvOptions::default().with_encoding(enc)).unwrap();
        assert_eq!(g, utf8, "{dir} read as {enc:?}");
    }
    let x = utf8.get("x:zhang").unwrap();
    assert_eq!(x.name, "张伟😀");
    assert_eq!(x.attrs["单位"], "山东大学");
    let xe = x.as_expert().unwrap();
    assert_eq!(xe.capacity, 2);
    assert_eq!(xe.keywords, vec!["高炉", "余热回收"]);
    assert_eq!(utf8.get("x:li").unwrap().name, "李𠀀娜");
    let d = utf8.get("d:1").unwrap().as_demand().unwrap();
    assert_eq!(d.budget_cny, Some(1_200_000.0));
    assert_eq!(d.status(), DemandStatus::Solved);
    assert_eq!(d.events.len(), 5);
    assert_eq!(d.events[1].note.as_deref(), Some("匹配到两位专家"));
    let o = utf8.get("o:1").unwrap().as_outcome().unwrap();
    assert_eq!((o.value, o.unit.as_deref()), (3_500_000.0, Some("元")));
    assert_eq!(utf8.node_count(), 8);
    assert_eq!(utf8.edge_count(), 5 + 3);
    // GB18030 forced onto UTF-8 bytes with multi-byte characters fails loudly, never garbles
    let e = load_dir(
        fixture("gb18030"),
        &CsvOptions::default().with_encoding(Encoding::Utf8),
    )
    .unwrap_err();
    assert_eq!(e.code(), "parse_error");
    assert!(e.location().and_then(|l| l.file.as_deref()).is_some());
}

#[test]
fn write_dir_then_load_dir() {
    let g = load_dir(fixture("utf8"), &CsvOptions::default()).unwrap();
    let dir = std::env::temp_dir().join(format!("kechuang-roundtrip-{}", std::process::id()));
    write_dir(&g, &dir).unwrap();
    let back = load_dir(&dir, &CsvOptions::default()).unwrap();
    // a second export over the first one reads back the same (the outcomes table is not
    // replayed)
    write_dir(&back, &dir).unwrap();
    let again = load_dir(&dir, &CsvOptions::default()).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(back, g);
    assert_eq!(again, g);
    assert_eq!(from_json(&to_json(&g).unwrap()).unwrap(), g);
}

#[test]
fn bad_csv_corpus_gives_the_expected_codes_and_locations() {
    let text = std::fs::read_to_string(fixture("bad_cases.json")).unwrap();
    let corpus: Value = serde_json::from_str(&text).unwrap();
    let cases = corpus["cases"].as_array().unwrap();
    assert!(cases.len() >= 60, "the corpus shrank to {}", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let files: Vec<(String, Vec<u8>)> = case["files"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(file, content)| {
                let bytes = match (content.get("text"), content.get("hex")) {
                    (Some(t), _) => t.as_str().unwrap().as_bytes().to_vec(),
                    (_, Some(h)) => {
                        let h = h.as_str().unwrap();
                        (0..h.len())
                            .step_by(2)
                            .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
                            .collect()
                    }
                    _ => panic!("{name}: file {file} has neither text nor hex"),
                };
                (file.clone(), bytes)
            })
            .collect();
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let opts: CsvOptions = case
            .get("options")
            .map(|o| serde_json::from_value(o.clone()).unwrap())
            .unwrap_or_default();
        let expect = &case["expect"];
        match kechuang::io::csv::load_files(&refs, &opts) {
            Ok(_) => failures.push(format!("{name}: accepted")),
            Err(e) => {
                let loc = e.location().cloned().unwrap_or_default();
                let got = serde_json::json!({
                    "code": e.code(),
                    "file": loc.file,
                    "row": loc.row,
                    "column": loc.column,
                });
                if &got != expect {
                    failures.push(format!("{name}: expected {expect}, got {got} ({e})"));
                }
                if e.to_string().len() > 2000 {
                    failures.push(format!("{name}: message of {} bytes", e.to_string().len()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Cells that stress the reader: quotes, separators, numbers in odd notations, names of
/// kinds and relations, keys that exist and keys that do not.
fn tricky_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        prop::sample::select(vec![
            "\"",
            "\"\"",
            "\"a,b\"",
            "x:1",
            "x:2",
            "d:1",
            "s:1",
            "expert",
            "demand",
            "society",
            "member_of",
            "posted",
            "solved",
            "analysed",
            "matched",
            "1,000",
            "１２",
            "-1",
            "NaN",
            "2024-01-01",
            "2024-13-01",
            "[\"a\"]",
            "{\"k\":1}",
            "{",
            "a;b|c；d",
            "\u{feff}",
            "\r",
            "\t",
            "😀",
            "张伟",
            "9999999999999999999999",
        ])
        .prop_map(str::to_string),
        "\\PC{0,6}",
    ]
}

fn tricky_table(header: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::subsequence(header.to_vec(), 0..=header.len()),
        prop::collection::vec(prop::collection::vec(tricky_cell(), 0..7), 0..6),
        prop::sample::select(vec![",", "\r\n", "\n", ";"]),
    )
        .prop_map(|(head, rows, nl)| {
            let mut s = head.join(",");
            for r in rows {
                s.push_str(nl);
                s.push_str(&r.join(","));
            }
            s.into_bytes()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Whatever the bytes, import returns a graph or a coded error; it never panics.
    #[test]
    fn csv_import_never_panics(
        nodes in tricky_table(&["id", "key", "kind", "name", "capacity", "posted", "keywords", "attrs", "x"]),
        edges in tricky_table(&["relation", "source", "target", "weight", "role"]),
        events in tricky_table(&["demand", "date", "to", "note"]),
        outcomes in tricky_table(&["key", "value", "produced_by", "contributors"]),
        raw in prop::collection::vec(any::<u8>(), 0..64),
        enc in prop::sample::select(vec![Encoding::Auto, Encoding::Utf8, Encoding::Gb18030]),
    ) {
        let base = b"key,kind\nx:1,expert\nx:2,expert\nd:1,demand\ns:1,society\n".to_vec();
        let opts = CsvOptions::default().with_encoding(enc);
        for files in [
            vec![("nodes.csv", nodes.as_slice())],
            vec![("nodes.csv", base.as_slice()), ("edges.csv", edges.as_slice()),
                 ("events.csv", events.as_slice()), ("outcomes.csv", outcomes.as_slice())],
            vec![("nodes.csv", raw.as_slice())],
            vec![("nodes.csv", base.as_slice()), ("aliases.csv", raw.as_slice())],
        ] {
            match kechuang::io::csv::load_files(&files, &opts) {
                Ok(g) => {
                    // whatever was accepted exports and reads back the same
                    let back = load_tables(&to_csv_tables(&g).unwrap(), &CsvOptions::default()).unwrap();
                    prop_assert!(back == csv_normal(&g), "{}", diff(&back, &csv_normal(&g)));
                }
                Err(e) => prop_assert!(kechuang::Error::CODES.contains(&e.code())),
            }
        }
    }
}
