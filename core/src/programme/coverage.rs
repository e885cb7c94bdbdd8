//! Coverage (全域推进 / 全产业对接): a region × industry matrix of open demand against the
//! supply able to serve it, and the gaps ranked by unmet demand.
//!
//! ## Definitions
//! * A cell is (region, industry) for the region of each open demand (its own `located_in`,
//!   else its enterprise's) and each of its industry codes. **open** = open demands in the
//!   cell (state not solved / closed_unsolved / withdrawn at `as_of`).
//! * A **supplier** is an expert, a society or a workstation. It can serve industry `i` when
//!   `Taxonomy::fit([i], disciplines) ≥ fit_threshold` — for a workstation, the disciplines
//!   of the experts and societies that lead it or take part in it, or `i` is one of its own
//!   industries. It serves region `r` when it is located in `r` or in a region enclosing `r`
//!   (an expert's region is their own `located_in`, else their employer's; a workstation's its
//!   host's). Suppliers without any region serve every region when `unlocated_serve_all` is
//!   true (national societies and visiting experts work remotely).
//! * **capacity** = Σ expert `capacity` + `society_capacity` per society +
//!   `workstation_capacity` per workstation among the cell's suppliers. Capacity is shared
//!   between cells, so this is an upper bound on what the cell can absorb.
//! * **unmet** = max(0, open − capacity). A **gap** is a cell with open > 0 and either no
//!   supplier or unmet > 0; gaps are ranked by unmet (largest first), then open, then region
//!   key, then industry code.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::{RegionFilter, demand_region, entity_region};
use crate::error::{Error, Result};
use crate::graph::{CollabGraph, Direction};
use crate::model::{Date, NodeId, NodeKind, Relation};

/// Options of [`coverage()`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct CoverageOptions {
    /// Minimum taxonomy fit for a supplier to serve an industry (default 0.5).
    pub fit_threshold: f64,
    /// Only demands in this region or nested inside it (key).
    pub region: Option<String>,
    /// Day at which a demand's state is read (default: its current state).
    pub as_of: Option<Date>,
    /// Suppliers without a region serve every region (default true).
    pub unlocated_serve_all: bool,
    /// Demands a society can take at once (default 5).
    pub society_capacity: u32,
    /// Demands a workstation can take at once (default 3).
    pub workstation_capacity: u32,
}

impl Default for CoverageOptions {
    fn default() -> Self {
        CoverageOptions {
            fit_threshold: 0.5,
            region: None,
            as_of: None,
            unlocated_serve_all: true,
            society_capacity: 5,
            workstation_capacity: 3,
        }
    }
}

/// One region × industry cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Region key (`"-"` for demands without a region).
    pub region: String,
    /// Industry code.
    pub industry: String,
    /// Industry name (Chinese; the code when unknown to the taxonomy).
    pub industry_name: String,
    /// Open demands.
    pub open: usize,
    /// Experts able to serve.
    pub experts: usize,
    /// Societies able to serve.
    pub societies: usize,
    /// Workstations able to serve.
    pub workstations: usize,
    /// Their total capacity.
    pub capacity: u64,
    /// max(0, open − capacity).
    pub unmet: u64,
}

impl Cell {
    /// Suppliers of any kind.
    pub fn suppliers(&self) -> usize {
        self.experts + self.societies + self.workstations
    }

    /// Open demands per unit of capacity (∞ when there is no capacity).
    pub fn pressure(&self) -> f64 {
        if self.capacity == 0 {
            f64::INFINITY
        } else {
            self.open as f64 / self.capacity as f64
        }
    }

    /// True for a gap (see the module docs).
    pub fn is_gap(&self) -> bool {
        self.open > 0 && (self.suppliers() == 0 || self.unmet > 0)
    }
}

/// The coverage matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageReport {
    /// Every cell with open demand, sorted by region key then industry code.
    pub cells: Vec<Cell>,
    /// Indices into `cells` of the gaps, ranked (see the module docs).
    pub gaps: Vec<usize>,
    /// Open demands counted.
    pub open_demands: usize,
}

impl CoverageReport {
    /// The cell of a region key and industry code.
    pub fn cell(&self, region: &str, industry: &str) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.region == region && c.industry == industry)
    }

    /// The gaps, ranked.
    pub fn gap_cells(&self) -> impl Iterator<Item = &Cell> + '_ {
        self.gaps.iter().filter_map(|&i| self.cells.get(i))
    }

    /// The `n` cells under most pressure (open demand per unit of capacity, highest first;
    /// ties by open demand, then region key, then industry code) — where supply is thinnest
    /// even when no cell is a gap.
    pub fn weakest(&self, n: usize) -> Vec<&Cell> {
        let mut v: Vec<&Cell> = self.cells.iter().filter(|c| c.open > 0).collect();
        v.sort_by(|a, b| {
            b.pressure()
                .total_cmp(&a.pressure())
                .then(b.open.cmp(&a.open))
                .then_with(|| a.region.cmp(&b.region))
                .then_with(|| a.industry.cmp(&b.industry))
        });
        v.truncate(n);
        v
    }

    /// Share of open demands in cells that have at least one supplier.
    pub fn covered_share(&self) -> Option<f64> {
        let total: usize = self.cells.iter().map(|c| c.open).sum();
        let covered: usize = self
            .cells
            .iter()
            .filter(|c| c.suppliers() > 0)
            .map(|c| c.open)
            .sum();
        (total > 0).then(|| covered as f64 / total as f64)
    }
}

#[derive(Clone, Copy)]
enum Sup {
    Expert,
    Society,
    Workstation,
}

/// Computes the coverage matrix and its gaps (definitions in the module docs).
///
/// # Arguments
/// * `g` — the graph (its taxonomy gives the fit); `opts` — threshold, region, day, capacities.
///
/// # Returns
/// A [`CoverageReport`]; `invalid_value` for a threshold outside [0, 1], `unknown_key` /
/// `wrong_kind` for a bad region.
///
/// # Complexity
/// O(S·I·p + C·r) time for S suppliers, I industries in open demands, p discipline pairs per
/// fit, C cells and region depth r; O(S + C) space.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Demand, Node, NodeData, NodeKind, Relation, Expert};
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("r:ta", NodeKind::Region, "泰安市"))?;
/// let mut d = Demand::new("x");
/// d.industries = vec!["C31".into()];
/// g.add_node(Node::with_data("d:1", "x", NodeData::Demand(d)))?;
/// g.connect(Relation::LocatedIn, "d:1", "r:ta")?;
/// let cov = kechuang::programme::coverage(&g, &Default::default())?;
/// assert_eq!(cov.gap_cells().next().unwrap().industry, "C31"); // nobody serves steel yet
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Gap analysis of supply against demand per market cell (cf. the "全域 / 全产业" coverage
/// goals of the 科创中国 programme).
pub fn coverage(g: &CollabGraph, opts: &CoverageOptions) -> Result<CoverageReport> {
    if !(0.0..=1.0).contains(&opts.fit_threshold) {
        return Err(Error::invalid(
            "fit_threshold",
            format!("{} is outside [0, 1]", opts.fit_threshold),
        ));
    }
    let filter = RegionFilter::new(g, opts.region.as_deref())?;
    // open demand per cell
    let mut open: BTreeMap<(Option<NodeId>, String), usize> = BTreeMap::new();
    let mut open_demands = 0;
    for (id, n) in g.nodes_of(NodeKind::Demand) {
        let Some(d) = n.as_demand() else { continue };
        let status = match opts.as_of {
            Some(day) => match super::status_at(d, day) {
                Some(s) => s,
                None => continue,
            },
            None => d.status(),
        };
        if status.is_terminal() || !filter.admits(g, id) {
            continue;
        }
        open_demands += 1;
        let region = demand_region(g, id);
        let mut inds = d.industries.clone();
        inds.sort();
        inds.dedup();
        for i in inds {
            *open.entry((region, i)).or_insert(0) += 1;
        }
    }
    let mut industries: Vec<&String> = open.keys().map(|(_, i)| i).collect();
    industries.sort();
    industries.dedup();
    // supply: (region or None, industry) -> (experts, societies, workstations, capacity)
    let tax = g.taxonomy();
    let mut supply: HashMap<(Option<NodeId>, &str), [u64; 4]> = HashMap::new();
    let disciplines_of = |id: NodeId| -> Vec<String> {
        match g.node(id).map(|n| &n.data) {
            Some(crate::model::NodeData::Expert(x)) => x.disciplines.clone(),
            Some(crate::model::NodeData::Society(s)) => s.disciplines.clone(),
            _ => Vec::new(),
        }
    };
    for (id, n) in g.nodes() {
        let (kind, cap, disc, own_inds) = match n.kind() {
            NodeKind::Expert => (
                Sup::Expert,
                u64::from(n.as_expert().map_or(0, |x| x.capacity)),
                disciplines_of(id),
                Vec::new(),
            ),
            NodeKind::Society => (
                Sup::Society,
                u64::from(opts.society_capacity),
                disciplines_of(id),
                Vec::new(),
            ),
            NodeKind::Workstation => {
                let mut disc: Vec<String> = [Relation::Leads, Relation::Participates]
                    .into_iter()
                    .flat_map(|r| g.neighbors(id, Some(r), Direction::In))
                    .flat_map(disciplines_of)
                    .collect();
                disc.sort();
                disc.dedup();
                (
                    Sup::Workstation,
                    u64::from(opts.workstation_capacity),
                    disc,
                    n.data
                        .instrument()
                        .map(|i| i.industries.clone())
                        .unwrap_or_default(),
                )
            }
            _ => continue,
        };
        let region = entity_region(g, id);
        if region.is_none() && !opts.unlocated_serve_all {
            continue;
        }
        for &ind in &industries {
            let serves = own_inds.contains(ind)
                || (!disc.is_empty()
                    && tax.fit(std::slice::from_ref(ind), &disc) >= opts.fit_threshold);
            if serves {
                let e = supply.entry((region, ind.as_str())).or_insert([0; 4]);
                e[kind as usize] += 1;
                e[3] += cap;
            }
        }
    }
    let mut cells = Vec::with_capacity(open.len());
    for ((region, ind), n) in &open {
        let mut regions: Vec<Option<NodeId>> = region
            .map(|r| g.region_ancestors(r).into_iter().map(Some).collect())
            .unwrap_or_default();
        regions.push(None);
        let mut tot = [0u64; 4];
        for r in regions {
            if let Some(s) = supply.get(&(r, ind.as_str())) {
                for k in 0..4 {
                    tot[k] += s[k];
                }
            }
        }
        cells.push(Cell {
            region: region.map_or_else(|| "-".to_string(), |r| g.key(r).to_string()),
            industry: ind.clone(),
            industry_name: tax.industry_name(ind),
            open: *n,
            experts: tot[0] as usize,
            societies: tot[1] as usize,
            workstations: tot[2] as usize,
            capacity: tot[3],
            unmet: (*n as u64).saturating_sub(tot[3]),
        });
    }
    cells.sort_by(|a, b| {
        a.region
            .cmp(&b.region)
            .then_with(|| a.industry.cmp(&b.industry))
    });
    let mut gaps: Vec<usize> = (0..cells.len()).filter(|&i| cells[i].is_gap()).collect();
    gaps.sort_by(|&a, &b| {
        let (x, y) = (&cells[a], &cells[b]);
        y.unmet
            .cmp(&x.unmet)
            .then(y.open.cmp(&x.open))
            .then_with(|| x.region.cmp(&y.region))
            .then_with(|| x.industry.cmp(&y.industry))
    });
    Ok(CoverageReport {
        cells,
        gaps,
        open_demands,
    })
}
