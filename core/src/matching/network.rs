//! Network proximity: strongest paths from the demand's enterprise over the frozen graph.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use super::config::NetworkConfig;
use crate::graph::FrozenGraph;
use crate::model::Relation;

/// Strongest paths found from one start entity: for each reached dense index, the path
/// strength and the predecessor on the path.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reach {
    start: Option<u32>,
    best: HashMap<u32, (f64, u32)>,
}

#[derive(PartialEq)]
struct Item(f64, u32, usize);
impl Eq for Item {}
impl Ord for Item {
    fn cmp(&self, o: &Self) -> Ordering {
        self.0.total_cmp(&o.0).then(o.1.cmp(&self.1))
    }
}
impl PartialOrd for Item {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Reach {
    /// Strongest paths from `start` (a dense index).
    ///
    /// A path's strength is the product over its edges (followed in either direction) of
    /// `factor(relation) × min(weight, 1)`. Dijkstra's algorithm on `−log strength`, cut at
    /// `max_hops` edges, at strength `min_strength`, and after `max_visits` settled entities;
    /// ties are settled by dense index, so the result is deterministic.
    ///
    /// Complexity: O((V' + E') log V') for the V' entities and E' edges within the cut-offs.
    pub(crate) fn from(f: &FrozenGraph, start: u32, cfg: &NetworkConfig) -> Reach {
        let mut factor = [0.0f64; Relation::COUNT];
        for &(r, v) in &cfg.factors {
            factor[r.index()] = v;
        }
        let mut best: HashMap<u32, (f64, u32)> = HashMap::new();
        let mut settled: HashMap<u32, ()> = HashMap::new();
        let mut heap = BinaryHeap::new();
        best.insert(start, (1.0, start));
        heap.push(Item(1.0, start, 0));
        while let Some(Item(s, d, hops)) = heap.pop() {
            if settled.insert(d, ()).is_some() {
                continue;
            }
            if settled.len() > cfg.max_visits || hops >= cfg.max_hops {
                if settled.len() > cfg.max_visits {
                    break;
                }
                continue;
            }
            for adj in [f.out(d), f.inc(d)] {
                for (n, w, r) in adj.iter() {
                    let fr = factor[r.index()];
                    if fr <= 0.0 || settled.contains_key(&n) {
                        continue;
                    }
                    let s2 = s * fr * f64::from(w).min(1.0);
                    if s2 < cfg.min_strength {
                        continue;
                    }
                    let better = best
                        .get(&n)
                        .is_none_or(|&(b, p)| s2 > b || (s2 == b && d < p));
                    if better {
                        best.insert(n, (s2, d));
                        heap.push(Item(s2, n, hops + 1));
                    }
                }
            }
        }
        Reach {
            start: Some(start),
            best,
        }
    }

    /// Strength of the strongest path to `d` (0 if unreached; the start itself gives 0).
    pub(crate) fn strength(&self, d: u32) -> f64 {
        if self.start == Some(d) {
            return 0.0;
        }
        self.best.get(&d).map_or(0.0, |b| b.0)
    }

    /// Every reached dense index except the start, in ascending order.
    pub(crate) fn reached(&self) -> Vec<u32> {
        let mut v: Vec<u32> = self
            .best
            .keys()
            .copied()
            .filter(|&d| Some(d) != self.start)
            .collect();
        v.sort_unstable();
        v
    }

    /// The path start → … → `d` as dense indices (empty if unreached).
    pub(crate) fn path(&self, d: u32) -> Vec<u32> {
        let Some(start) = self.start else {
            return Vec::new();
        };
        if d == start || !self.best.contains_key(&d) {
            return Vec::new();
        }
        let mut out = vec![d];
        let mut cur = d;
        while cur != start && out.len() <= self.best.len() {
            match self.best.get(&cur) {
                Some(&(_, p)) => {
                    out.push(p);
                    cur = p;
                }
                None => return Vec::new(),
            }
        }
        out.reverse();
        out
    }
}
