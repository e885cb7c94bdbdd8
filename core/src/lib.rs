//! # kechuang — the collaboration graph of a regional innovation programme
//!
//! kechuang (科创) models a "科创中国" pilot city: enterprises, scientific societies, experts,
//! institutions, liaisons, regions and the programme's instruments, joined by typed relations;
//! and answers the questions such a programme lives on — who can solve this demand, who should
//! take which, what worked and thanks to whom, how the programme is doing.
//!
//! ## A first programme
//!
//! ```
//! use kechuang::graph::CollabGraph;
//! use kechuang::model::{Node, NodeData, NodeKind, Relation, Demand};
//!
//! let mut g = CollabGraph::new();
//! g.add_node(Node::new("r:taian", NodeKind::Region, "泰安市"))?;
//! g.add_node(Node::new("e:steel", NodeKind::Enterprise, "泰山钢铁集团"))?;
//! let mut demand = Demand::new("高炉煤气余热回收效率低，需要节能改造方案");
//! demand.industries = vec!["C31".into()];
//! g.add_node(Node::with_data("d:1", "余热回收", NodeData::Demand(demand)))?;
//! g.connect(Relation::LocatedIn, "e:steel", "r:taian")?;
//! g.connect(Relation::Posted, "e:steel", "d:1")?;
//!
//! // a snapshot round-trips without loss
//! let json = kechuang::io::to_json(&g)?;
//! assert_eq!(kechuang::io::from_json(&json)?, g);
//! # Ok::<(), kechuang::Error>(())
//! ```
//!
//! ## A synthetic pilot city
//!
//! [`synth::taian`] generates a programme shaped like Tai'an 2020–2022 — 33 academicians, 91
//! alliances, 103 funded projects, 2,000+ liaisons, demands with their lifecycles — together
//! with the known best-fit experts of each demand, for examples, tests and benchmarks:
//!
//! ```
//! let taian = kechuang::synth::taian(42)?;
//! let summary = kechuang::graph::GraphSummary::of(&taian.graph);
//! assert_eq!(summary.academicians, 33);
//! assert!(summary.status(kechuang::model::DemandStatus::Solved) >= 150);
//! let truth = &taian.truth[0];
//! println!("{} → {:?}", truth.text_zh, truth.experts);
//! # Ok::<(), kechuang::Error>(())
//! ```
//!
//! ## Layout
//!
//! * [`model`] — ids, entity kinds and their data, relation kinds, lifecycle, taxonomies.
//! * [`graph`] — [`graph::CollabGraph`], the mutable store, and [`graph::FrozenGraph`], the
//!   compact view algorithms read.
//! * [`io`] — versioned JSON snapshots and CSV tables, errors naming file, row and column.
//! * [`synth`] — deterministic generator of realistic programmes (the Tai'an preset, any scale).
//! * [`error`] — one error enum with stable codes.
//!
//! Everything is deterministic: the same input (and seed) gives the same output on every
//! platform, ties broken by id.

pub mod assign;
pub mod error;
pub mod graph;
pub mod impact;
pub mod io;
pub mod limits;
pub mod matching;
pub mod model;
pub mod programme;
pub mod synth;
pub mod text;

pub use error::{Error, Location, Result};

/// The README's Rust examples, compiled and run as doctests so the README cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
