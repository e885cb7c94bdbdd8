//! The frozen view and the matcher are `Send + Sync`; queries from several threads give the same
//! answers as sequential ones, and repeated runs give identical results.

use kechuang::graph::{CollabGraph, FrozenGraph};
use kechuang::matching::{MatchConfig, Matcher, Query, Target};
use kechuang::model::NodeKind;

const fn assert_send_sync<T: Send + Sync>() {}
const _: () = assert_send_sync::<FrozenGraph>();
const _: () = assert_send_sync::<Matcher>();
const _: () = assert_send_sync::<CollabGraph>();

fn queries(g: &CollabGraph) -> Vec<Query> {
    let mut qs: Vec<Query> = g
        .nodes_of(NodeKind::Demand)
        .take(24)
        .map(|(_, n)| Query::demand(n.key.clone()).with_k(8))
        .collect();
    qs.push(Query::text("余热回收 waste heat recovery").with_k(5));
    qs.push(Query::text("煤泥水 脱水").with_target(Target::Societies));
    qs.push(Query::text("智能制造 传感器").with_target(Target::Offers));
    qs
}

fn answer(m: &Matcher, g: &CollabGraph, q: &Query) -> String {
    match m.match_demand(g, q) {
        Ok(r) => serde_json::to_string(&r).unwrap_or_else(|e| format!("serialise error {e}")),
        Err(e) => format!("error {}: {e}", e.code()),
    }
}

#[test]
fn parallel_queries_equal_sequential_and_repeat_identically() {
    let g = kechuang::synth::taian(42).expect("Tai'an preset").graph;
    let m = Matcher::new(&g, MatchConfig::default()).expect("matcher");
    let qs = queries(&g);
    assert!(qs.len() > 10);
    let sequential: Vec<String> = qs.iter().map(|q| answer(&m, &g, q)).collect();
    assert!(
        sequential.iter().any(|s| s.contains("\"results\":[{")),
        "some query has results"
    );
    let again: Vec<String> = qs.iter().map(|q| answer(&m, &g, q)).collect();
    assert_eq!(sequential, again, "a second sequential run differs");

    let threads = 4;
    let parallel: Vec<Vec<(usize, String)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (m, g, qs) = (&m, &g, &qs);
                // every thread runs every query, starting at a different offset
                s.spawn(move || {
                    (0..qs.len())
                        .map(|i| {
                            let j = (i + t * 7) % qs.len();
                            (j, answer(m, g, &qs[j]))
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread panicked"))
            .collect()
    });
    for (t, answers) in parallel.iter().enumerate() {
        assert_eq!(answers.len(), qs.len());
        for (j, a) in answers {
            assert_eq!(
                a, &sequential[*j],
                "thread {t}, query {j} differs from sequential"
            );
        }
    }
}

#[test]
fn a_rebuilt_matcher_gives_identical_results() {
    let g = kechuang::synth::taian(7).expect("Tai'an preset").graph;
    let qs = queries(&g);
    let a = Matcher::new(&g, MatchConfig::default()).expect("matcher");
    let b = Matcher::new(&g, MatchConfig::default()).expect("matcher");
    for q in &qs {
        assert_eq!(answer(&a, &g, q), answer(&b, &g, q));
    }
}

#[test]
fn frozen_view_is_shared_across_threads() {
    let g = kechuang::synth::taian(3).expect("Tai'an preset").graph;
    let f = g.frozen();
    let f = &*f;
    let seq: Vec<usize> = (0..f.node_count() as u32)
        .map(|d| f.out(d).nodes.len())
        .collect();
    let par: Vec<Vec<usize>> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    (0..f.node_count() as u32)
                        .map(|d| f.out(d).nodes.len())
                        .collect()
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().expect("thread")).collect()
    });
    for p in par {
        assert_eq!(p, seq);
    }
}

/// Every parallel computation, run in rayon pools of 1, 2 and 4 threads, serialises to the same
/// bytes: batch matching, affinity tables, assignment, PageRank, betweenness, duplicates.
#[test]
fn results_do_not_depend_on_the_thread_count() {
    use kechuang::assign::{AssignOptions, AssignProblem, ConflictRules, assign};
    use kechuang::impact::{BetweennessOptions, GraphRankOptions, betweenness, pagerank};
    use kechuang::programme::{DedupOptions, find_duplicates};

    let g = kechuang::synth::taian(7).expect("Tai'an preset").graph;
    let demands: Vec<String> = g
        .nodes_of(NodeKind::Demand)
        .take(60)
        .map(|(_, n)| n.key.clone())
        .collect();
    let run = || -> Vec<String> {
        let m = Matcher::new(&g, MatchConfig::default()).expect("matcher");
        let f = g.frozen();
        let batch = m.match_batch(&g, &queries(&g)).expect("batch");
        let table = m.affinity_table(&g, &demands, 6).expect("table");
        let problem =
            AssignProblem::from_graph(&g, table.to_affinities(), &ConflictRules::default())
                .expect("problem");
        let mut bopts = BetweennessOptions::default();
        bopts.samples = Some(64);
        vec![
            json(&batch),
            json(&table),
            json(&assign(&problem, &AssignOptions::default()).expect("assign")),
            json(&pagerank(&f, &GraphRankOptions::default(), &[], None).expect("pagerank")),
            json(
                &betweenness(&f, &GraphRankOptions::default(), &bopts, None).expect("betweenness"),
            ),
            json(&find_duplicates(&g, &DedupOptions::default()).expect("dedup")),
        ]
    };
    let in_pool = |n: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .expect("pool")
            .install(run)
    };
    let one = in_pool(1);
    for n in [2, 4] {
        let other = in_pool(n);
        for (i, (a, b)) in one.iter().zip(&other).enumerate() {
            assert!(a == b, "result {i} differs between 1 and {n} threads");
        }
    }
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialises")
}
