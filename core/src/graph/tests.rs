use super::*;
use crate::model::{Edge, Node, NodeKind, Relation};

fn small() -> (CollabGraph, Vec<NodeId>) {
    let mut g = CollabGraph::new();
    let ids = vec![
        g.add_node(Node::new("x1", NodeKind::Expert, "专家一"))
            .unwrap(),
        g.add_node(Node::new("x2", NodeKind::Expert, "专家二"))
            .unwrap(),
        g.add_node(Node::new("s1", NodeKind::Society, "学会"))
            .unwrap(),
        g.add_node(Node::new("r1", NodeKind::Region, "泰安市"))
            .unwrap(),
    ];
    g.connect(Relation::MemberOf, "x1", "s1").unwrap();
    g.connect(Relation::MemberOf, "x2", "s1").unwrap();
    g.connect(Relation::LocatedIn, "s1", "r1").unwrap();
    g.connect(Relation::Collaborated, "x1", "x2").unwrap();
    (g, ids)
}

#[test]
fn add_lookup_count() {
    let (g, ids) = small();
    assert_eq!(g.node_count(), 4);
    assert_eq!(g.edge_count(), 4);
    assert_eq!(g.id("s1"), Some(ids[2]));
    assert_eq!(g.resolve("nope").unwrap_err().code(), "unknown_key");
    assert_eq!(
        g.resolve_kind("s1", NodeKind::Expert).unwrap_err().code(),
        "wrong_kind"
    );
    assert_eq!(g.count_by_kind()[&NodeKind::Expert], 2);
    assert_eq!(g.count_by_relation()[&Relation::MemberOf], 2);
    let members: Vec<_> = g
        .neighbors(ids[2], Some(Relation::MemberOf), Direction::In)
        .collect();
    assert_eq!(members, vec![ids[0], ids[1]]);
}

#[test]
fn duplicate_and_invalid_are_refused_without_change() {
    let (mut g, ids) = small();
    let before = g.clone();
    assert_eq!(
        g.add_node(Node::new("x1", NodeKind::Expert, "again"))
            .unwrap_err()
            .code(),
        "duplicate_key"
    );
    assert_eq!(
        g.add_node(Node::new("  ", NodeKind::Expert, "blank"))
            .unwrap_err()
            .code(),
        "invalid_value"
    );
    assert_eq!(
        g.connect(Relation::Posted, "x1", "s1").unwrap_err().code(),
        "relation_not_allowed"
    );
    let mut e = Edge::new(Relation::MemberOf, ids[0], ids[2]);
    e.weight = f32::NAN;
    assert_eq!(g.add_edge(e).unwrap_err().code(), "invalid_value");
    assert_eq!(
        g.add_edge(Edge::new(Relation::MemberOf, NodeId::new(99), ids[2]))
            .unwrap_err()
            .code(),
        "unknown_id"
    );
    assert_eq!(g, before);
}

#[test]
fn ids_survive_removal_and_are_not_reused() {
    let (mut g, ids) = small();
    let removed = g.remove_node(ids[1]).unwrap();
    assert_eq!(removed.key, "x2");
    assert_eq!(g.edge_count(), 2, "incident edges go with the node");
    assert!(g.node(ids[1]).is_none());
    assert_eq!(g.key(ids[2]), "s1");
    let again = g
        .add_node(Node::new("x2", NodeKind::Expert, "专家二"))
        .unwrap();
    assert_ne!(again, ids[1], "ids are never reused");
    assert_eq!(g.remove_node(ids[1]).unwrap_err().code(), "unknown_id");
}

#[test]
fn region_cycles_are_refused() {
    let mut g = CollabGraph::new();
    for k in ["city", "district", "park"] {
        g.add_node(Node::new(k, NodeKind::Region, k)).unwrap();
    }
    g.connect(Relation::PartOf, "district", "city").unwrap();
    g.connect(Relation::PartOf, "park", "district").unwrap();
    let e = g.connect(Relation::PartOf, "city", "park").unwrap_err();
    assert!(e.to_string().contains("cycle"), "{e}");
    assert!(g.connect(Relation::PartOf, "city", "city").is_err());
    let park = g.id("park").unwrap();
    let chain: Vec<_> = g
        .region_ancestors(park)
        .into_iter()
        .map(|r| g.key(r).to_string())
        .collect();
    assert_eq!(chain, ["park", "district", "city"]);
}

#[test]
fn aliases_resolve_and_go_with_node() {
    let (mut g, ids) = small();
    g.add_alias("张一", ids[0]).unwrap();
    assert_eq!(g.id("张一"), Some(ids[0]));
    assert_eq!(
        g.add_alias("s1", ids[0]).unwrap_err().code(),
        "duplicate_key"
    );
    g.remove_node(ids[0]).unwrap();
    assert_eq!(g.id("张一"), None);
}

#[test]
fn update_node_keeps_kind_and_reindexes_key() {
    let (mut g, ids) = small();
    let mut n = g.node(ids[0]).unwrap().clone();
    n.key = "x1-renamed".into();
    g.update_node(ids[0], n).unwrap();
    assert_eq!(g.id("x1"), None);
    assert_eq!(g.id("x1-renamed"), Some(ids[0]));
    let wrong = Node::new("x1-renamed", NodeKind::Society, "s");
    assert_eq!(
        g.update_node(ids[0], wrong).unwrap_err().code(),
        "wrong_kind"
    );
}

#[test]
fn frozen_view_matches_graph_and_is_invalidated() {
    let (mut g, ids) = small();
    let f = g.frozen();
    assert_eq!(f.node_count(), 4);
    assert_eq!(f.edge_count(), 4);
    let s = f.dense(ids[2]).unwrap();
    let inc = f.inc(s);
    assert_eq!(inc.len(), 2);
    assert_eq!(inc.of(Relation::MemberOf).len(), 2);
    assert_eq!(inc.of(Relation::Collaborated).len(), 0);
    assert_eq!(
        f.out(s).of(Relation::LocatedIn).nodes,
        &[f.dense(ids[3]).unwrap()]
    );
    assert!(
        std::sync::Arc::ptr_eq(&f, &g.frozen()),
        "cached until mutation"
    );
    g.remove_node(ids[0]).unwrap();
    let f2 = g.frozen();
    assert_eq!(f2.node_count(), 3);
    assert_eq!(f2.dense(ids[0]), None);
    assert_eq!(f.node_count(), 4, "an old view never changes");
    // dense order is id order, and adjacency is sorted by relation
    assert!(f2.ids().windows(2).all(|w| w[0] < w[1]));
    for d in 0..f2.node_count() as u32 {
        assert!(f2.out(d).relations.windows(2).all(|w| w[0] <= w[1]));
    }
}

fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<FrozenGraph>();
    is::<CollabGraph>();
}

#[test]
fn revision_changes_with_every_mutation_and_differs_between_graph_values() -> Result<()> {
    use crate::model::ProgrammeMeta;
    let mut g = CollabGraph::new();
    let mut seen = vec![g.revision()];
    let mut changed = |g: &CollabGraph| {
        let r = g.revision();
        assert!(!seen.contains(&r), "revision did not change");
        seen.push(r);
    };
    let a = g.add_node(Node::new("x:1", NodeKind::Expert, "A"))?;
    changed(&g);
    let b = g.add_node(Node::new("s:1", NodeKind::Society, "S"))?;
    changed(&g);
    let e = g.add_edge(Edge::new(Relation::MemberOf, a, b))?;
    changed(&g);
    g.add_alias("x:one", a)?;
    changed(&g);
    g.set_meta(ProgrammeMeta::default());
    changed(&g);
    g.remove_edge(e)?;
    changed(&g);
    g.remove_node(b)?;
    changed(&g);
    // a failed mutation changes nothing, the revision included
    let before = g.revision();
    assert!(
        g.add_node(Node::new("x:1", NodeKind::Expert, "dup"))
            .is_err()
    );
    assert_eq!(g.revision(), before);
    // reads do not change it; a clone or a reloaded snapshot is another graph value
    let _ = g.frozen();
    assert_eq!(g.revision(), before);
    assert_ne!(g.clone().revision(), before);
    let back = crate::io::from_json(&crate::io::to_json(&g)?)?;
    assert_eq!(back, g);
    assert_ne!(back.revision(), before);
    Ok(())
}
