//! Min-cost flow with lower bounds: successive shortest paths from one excess node at a time,
//! Dijkstra on reduced costs with Johnson potentials, stopping at the first deficit node.
//!
//! Reference: Ahuja, Magnanti & Orlin, *Network Flows* (1993), §9.7 (successive shortest path)
//! and §6.7 (lower bounds); the partial potential update is the one of Jonker & Volgenant (1987).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A residual network in CSR form. Arc `a` and its reverse are linked by `rev`.
#[derive(Debug, Clone)]
pub(crate) struct Network {
    n: usize,
    // arcs as added: (from, to, lower, cap, cost)
    arcs: Vec<(u32, u32, i64, i64, i64)>,
}

/// A solved flow: flow on each arc (in the order they were added).
#[derive(Debug, Clone)]
pub(crate) struct FlowResult {
    pub flow: Vec<i64>,
    pub augmentations: u64,
}

/// Why a flow could not be found: an excess node from which no deficit is reachable, with the
/// nodes reachable from it in the residual network (a cut certifying infeasibility).
#[derive(Debug, Clone)]
pub(crate) struct Stuck {
    pub reachable: Vec<u32>,
    pub unrouted: i64,
}

impl Network {
    pub fn new(n: usize) -> Self {
        Network {
            n,
            arcs: Vec::new(),
        }
    }

    pub fn add_node(&mut self) -> u32 {
        self.n += 1;
        (self.n - 1) as u32
    }

    /// Adds an arc with flow in `lower..=cap` and a cost ≥ 0 per unit; returns its index.
    pub fn arc(&mut self, from: u32, to: u32, lower: i64, cap: i64, cost: i64) -> usize {
        self.arcs.push((from, to, lower, cap, cost));
        self.arcs.len() - 1
    }

    /// Solves min-cost flow where node `i` has supply `supply[i]` (positive = source,
    /// negative = sink; must sum to zero).
    ///
    /// `Err(Ok(stuck))` when infeasible, `Err(Err(e))` when the hook stopped it.
    pub fn solve<E>(
        &self,
        supply: &[i64],
        hook: &mut dyn FnMut(u64, u64) -> std::result::Result<(), E>,
    ) -> std::result::Result<FlowResult, std::result::Result<Stuck, E>> {
        let n = self.n;
        let m = self.arcs.len();
        let mut excess = vec![0i64; n];
        for (i, &s) in supply.iter().enumerate().take(n) {
            excess[i] = s;
        }
        // CSR with both directions
        let mut deg = vec![0u32; n + 1];
        for &(u, v, ..) in &self.arcs {
            deg[u as usize] += 1;
            deg[v as usize] += 1;
        }
        let mut start = vec![0usize; n + 1];
        for i in 0..n {
            start[i + 1] = start[i] + deg[i] as usize;
        }
        let mut fill = start.clone();
        let mut to = vec![0u32; 2 * m];
        let mut cap = vec![0i64; 2 * m];
        let mut cost = vec![0i64; 2 * m];
        let mut rev = vec![0u32; 2 * m];
        let mut fwd_pos = vec![0u32; m];
        for (a, &(u, v, lo, c, w)) in self.arcs.iter().enumerate() {
            let (u, v) = (u as usize, v as usize);
            let pu = fill[u];
            fill[u] += 1;
            let pv = fill[v];
            fill[v] += 1;
            to[pu] = v as u32;
            cap[pu] = c - lo;
            cost[pu] = w;
            rev[pu] = pv as u32;
            to[pv] = u as u32;
            cap[pv] = 0;
            cost[pv] = -w;
            rev[pv] = pu as u32;
            fwd_pos[a] = pu as u32;
            excess[u] -= lo;
            excess[v] += lo;
        }
        let total: i64 = excess.iter().filter(|&&x| x > 0).sum();
        let mut routed = 0i64;
        let mut pi = vec![0i64; n];
        let mut dist = vec![i64::MAX; n];
        let mut done = vec![false; n];
        let mut pred = vec![u32::MAX; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut settled: Vec<u32> = Vec::new();
        let mut heap: BinaryHeap<Reverse<(i64, u32)>> = BinaryHeap::new();
        let mut augmentations = 0u64;
        for s in 0..n {
            while excess[s] > 0 {
                // Dijkstra from s to the nearest deficit node
                for &v in &touched {
                    dist[v as usize] = i64::MAX;
                    done[v as usize] = false;
                    pred[v as usize] = u32::MAX;
                }
                touched.clear();
                settled.clear();
                heap.clear();
                dist[s] = 0;
                touched.push(s as u32);
                heap.push(Reverse((0, s as u32)));
                let mut target = usize::MAX;
                while let Some(Reverse((d, u))) = heap.pop() {
                    let u = u as usize;
                    if done[u] || d > dist[u] {
                        continue;
                    }
                    done[u] = true;
                    settled.push(u as u32);
                    if excess[u] < 0 {
                        target = u;
                        break;
                    }
                    let pu = pi[u];
                    for a in start[u]..start[u + 1] {
                        if cap[a] <= 0 {
                            continue;
                        }
                        let v = to[a] as usize;
                        if done[v] {
                            continue;
                        }
                        let nd = d + cost[a] + pu - pi[v];
                        if nd < dist[v] {
                            if dist[v] == i64::MAX {
                                touched.push(v as u32);
                            }
                            dist[v] = nd;
                            pred[v] = a as u32;
                            heap.push(Reverse((nd, v as u32)));
                        }
                    }
                }
                if target == usize::MAX {
                    // everything reachable from s was settled: that set is the cut
                    return Err(Ok(Stuck {
                        reachable: settled.clone(),
                        unrouted: excess[s],
                    }));
                }
                let dt = dist[target];
                for &v in &settled {
                    let v = v as usize;
                    pi[v] += dist[v] - dt;
                }
                // bottleneck
                let mut delta = excess[s].min(-excess[target]);
                let mut v = target;
                while v != s {
                    let a = pred[v] as usize;
                    delta = delta.min(cap[a]);
                    v = to[rev[a] as usize] as usize;
                }
                let mut v = target;
                while v != s {
                    let a = pred[v] as usize;
                    cap[a] -= delta;
                    cap[rev[a] as usize] += delta;
                    v = to[rev[a] as usize] as usize;
                }
                excess[s] -= delta;
                excess[target] += delta;
                routed += delta;
                augmentations += 1;
                if augmentations % 256 == 0 {
                    hook(routed as u64, total as u64).map_err(Err)?;
                }
            }
        }
        if excess.iter().any(|&x| x != 0) {
            // supplies did not balance: a deficit was left; report its node as stuck
            let v = excess.iter().position(|&x| x != 0).unwrap_or(0);
            return Err(Ok(Stuck {
                reachable: vec![v as u32],
                unrouted: -excess[v],
            }));
        }
        hook(routed as u64, total as u64).map_err(Err)?;
        let flow = self
            .arcs
            .iter()
            .enumerate()
            .map(|(a, &(_, _, lo, c, _))| lo + (c - lo - cap[fwd_pos[a] as usize]))
            .collect();
        Ok(FlowResult {
            flow,
            augmentations,
        })
    }
}
