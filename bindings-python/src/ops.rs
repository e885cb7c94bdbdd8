//! Running the programme: demand lifecycle, follow-up, funnel, KPI report, coverage,
//! liaison tiers, duplicates and merging.

use kechuang::model::{Date, DemandStatus};
use kechuang::programme::{
    self as prog, CoverageOptions, CoverageReport, DedupOptions, Duplicates, FollowUp,
    FollowUpConfig, FunnelOptions, FunnelReport, LiaisonTiers, MergeReport, ProgrammeReport,
    ReportOptions, TierConfig,
};
use pyo3::prelude::*;
use serde_json::{Value, json};

use crate::convert::{from_py, to_py};
use crate::errors::IntoPy;
use crate::programme::Programme;
use crate::results::{View, py_result, row};
use crate::run::with_progress;

fn opts<T: serde::de::DeserializeOwned + Default>(
    o: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<T> {
    o.map_or_else(|| Ok(T::default()), |o| from_py(o, what))
}

fn parse<T: serde::de::DeserializeOwned>(py: Python<'_>, s: &str, what: &str) -> PyResult<T> {
    serde_json::from_value(Value::String(s.to_string()))
        .map_err(|e| kechuang::Error::invalid(what, e.to_string()))
        .py_err(py)
}

impl View for ProgrammeReport {
    const COLUMNS: &'static [&'static str] = &["indicator", "指标", "value"];
    fn rows(&self) -> Vec<Value> {
        ProgrammeReport::rows(self)
            .into_iter()
            .map(|(zh, en, v)| json!({"indicator": en.trim(), "指标": zh, "value": v}))
            .collect()
    }
    fn summary(&self) -> String {
        format!(
            "{} societies, {} experts ({} academicians), {} problems solved, {} liaisons",
            self.societies_in_cooperation,
            self.experts_brought_in,
            self.academicians,
            self.problems_solved,
            self.liaisons()
        )
    }
}

py_result!(
    /// The programme's headline figures (KPI report) for a period and region, with the
    /// demand funnel. ``to_table(lang)`` renders the bilingual table.
    Report,
    ProgrammeReport
);

#[pymethods]
impl Report {
    /// The report as a text table (``lang``: ``"zh"``, ``"en"`` or ``"both"``).
    #[pyo3(signature = (lang = "both"))]
    fn to_table(&self, py: Python<'_>, lang: &str) -> PyResult<String> {
        Ok(self.inner.to_table(parse(py, lang, "lang")?))
    }
}

impl View for FunnelReport {
    const COLUMNS: &'static [&'static str] = &["group", "state", "reached", "conversion"];
    fn rows(&self) -> Vec<Value> {
        let mut rows = Vec::new();
        let mut add = |group: &str, f: &prog::Funnel| {
            for s in &f.stages {
                rows.push(json!({"group": group, "state": s.state, "reached": s.reached, "conversion": s.conversion}));
            }
        };
        add("overall", &self.overall);
        rows
    }
    fn summary(&self) -> String {
        let o = &self.overall;
        format!(
            "{} demands, {} open, solve rate {}",
            o.demands,
            o.open,
            o.solve_rate()
                .map_or("n/a".into(), |r| format!("{:.1}%", 100.0 * r))
        )
    }
}

py_result!(
    /// The demand funnel (overall, and by region, industry, liaison and society): how many
    /// demands reached each state, conversions, time in state.
    FunnelResult,
    FunnelReport
);

#[pymethods]
impl FunnelResult {
    /// One grouping (``"region"``, ``"industry"``, ``"liaison"``, ``"society"``) as a
    /// DataFrame: one row per (group, state).
    fn by<'py>(&self, py: Python<'py>, grouping: &str) -> PyResult<Bound<'py, PyAny>> {
        let groups = match grouping {
            "region" => &self.inner.by_region,
            "industry" => &self.inner.by_industry,
            "liaison" => &self.inner.by_liaison,
            "society" => &self.inner.by_society,
            other => {
                return Err(crate::errors::to_py_err(
                    py,
                    &kechuang::Error::invalid(
                        "grouping",
                        format!("{other:?} is not one of: region, industry, liaison, society"),
                    ),
                ));
            }
        };
        let rows: Vec<Value> = groups
            .iter()
            .flat_map(|(g, f)| {
                f.stages.iter().map(move |s| {
                    json!({"group": g, "state": s.state, "reached": s.reached, "conversion": s.conversion})
                })
            })
            .collect();
        py.import("kechuang._frames")?.call_method1(
            "table",
            (to_py(py, &rows)?, <FunnelReport as View>::COLUMNS.to_vec()),
        )
    }

    /// Time spent in each state (overall) as a DataFrame.
    fn times<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows: Vec<Value> = self.inner.overall.times.iter().map(row).collect();
        py.import("kechuang._frames")?.call_method1(
            "table",
            (
                to_py(py, &rows)?,
                vec!["state", "stays", "mean_days", "median_days"],
            ),
        )
    }
}

impl View for CoverageReport {
    const COLUMNS: &'static [&'static str] = &[
        "region",
        "industry",
        "industry_name",
        "open",
        "experts",
        "societies",
        "workstations",
        "capacity",
        "unmet",
    ];
    fn rows(&self) -> Vec<Value> {
        self.cells.iter().map(row).collect()
    }
    fn summary(&self) -> String {
        format!(
            "{} region × industry cells, {} gaps, {} open demands",
            self.cells.len(),
            self.gaps.len(),
            self.open_demands
        )
    }
}

py_result!(
    /// Region × industry coverage: open demands against the experts, societies and
    /// workstations able to serve them; gaps are cells with unmet demand.
    Coverage,
    CoverageReport
);

#[pymethods]
impl Coverage {
    /// Cells with unmet demand, as a DataFrame.
    fn gaps_df<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows: Vec<Value> = self.inner.gap_cells().map(row).collect();
        py.import("kechuang._frames")?.call_method1(
            "table",
            (
                to_py(py, &rows)?,
                <CoverageReport as View>::COLUMNS.to_vec(),
            ),
        )
    }

    /// Share of cells with open demand that are covered (``None`` without open demand).
    fn covered_share(&self) -> Option<f64> {
        self.inner.covered_share()
    }
}

impl View for LiaisonTiers {
    const COLUMNS: &'static [&'static str] =
        &["liaison", "name", "recorded_tier", "earned_tier", "ready"];
    fn rows(&self) -> Vec<Value> {
        self.liaisons
            .iter()
            .map(|l| {
                let mut v = row(l);
                if let Value::Object(m) = &mut v {
                    m.insert("ready".into(), json!(l.ready_for_promotion()));
                }
                v
            })
            .collect()
    }
    fn summary(&self) -> String {
        format!(
            "{} liaisons, {} ready for promotion",
            self.liaisons.len(),
            self.ready().len()
        )
    }
}

py_result!(
    /// Each liaison's recorded and earned training tier, the activity behind it and what it
    /// lacks for the next tier.
    Tiers,
    LiaisonTiers
);

impl View for Duplicates {
    const COLUMNS: &'static [&'static str] =
        &["a", "b", "kind", "score", "name_similarity", "reasons"];
    fn rows(&self) -> Vec<Value> {
        self.pairs.iter().map(row).collect()
    }
    fn summary(&self) -> String {
        format!(
            "{} likely duplicate pairs among {} records",
            self.pairs.len(),
            self.records
        )
    }
}

py_result!(
    /// Likely duplicate entities (pairs with scores and reasons); ``clusters()`` groups them.
    DuplicatesResult,
    Duplicates
);

#[pymethods]
impl DuplicatesResult {
    /// Groups of keys that are likely the same entity.
    fn clusters(&self) -> Vec<Vec<String>> {
        self.inner.clusters()
    }
}

impl View for FollowUp {
    const COLUMNS: &'static [&'static str] = &[
        "demand",
        "name",
        "status",
        "since",
        "days_in_state",
        "threshold",
        "overdue_by",
        "urgency",
        "turn",
        "who",
    ];
    fn rows(&self) -> Vec<Value> {
        self.items.iter().map(row).collect()
    }
    fn summary(&self) -> String {
        format!(
            "{} of {} open demands overdue on {}",
            self.items.len(),
            self.open,
            self.today
        )
    }
}

py_result!(
    /// Demands stuck in a state longer than allowed, with whose turn it is to act.
    FollowUpResult,
    FollowUp
);

#[pymethods]
impl Programme {
    /// Moves a demand to its next lifecycle state (``to``: ``"analysed"``, ``"matched"``,
    /// …) on ``date`` (``"YYYY-MM-DD"``); raises ``InvalidTransitionError`` naming the
    /// allowed next states. Returns the recorded event.
    #[pyo3(signature = (demand, to, date, *, actor = None, note = None))]
    fn transition<'py>(
        &self,
        py: Python<'py>,
        demand: String,
        to: &str,
        date: &str,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let to: DemandStatus = parse(py, to, "to")?;
        let date: Date = date.parse().py_err(py)?;
        let ev = self.edit(py, move |g| {
            prog::transition(g, &demand, to, date, actor.as_deref(), note.as_deref())
        })?;
        to_py(py, &ev)
    }

    /// A demand's lifecycle: events and the time spent in each state.
    fn history<'py>(&self, py: Python<'py>, demand: String) -> PyResult<Bound<'py, PyAny>> {
        let h = self.read(py, move |g| prog::history(g, &demand))?;
        to_py(py, &h)
    }

    /// Demands overdue in their state on ``today`` (``config``: thresholds per state).
    #[pyo3(signature = (today, config = None))]
    fn follow_up(
        &self,
        py: Python<'_>,
        today: &str,
        config: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<FollowUpResult> {
        let today: Date = today.parse().py_err(py)?;
        let cfg: FollowUpConfig = opts(config, "config")?;
        self.read(py, move |g| prog::follow_up(g, today, &cfg))
            .map(FollowUpResult::new)
    }

    /// The demand funnel (``options``: ``period`` {``from``, ``to``}, ``region``).
    #[pyo3(signature = (options = None))]
    fn funnel(&self, py: Python<'_>, options: Option<&Bound<'_, PyAny>>) -> PyResult<FunnelResult> {
        let o: FunnelOptions = opts(options, "options")?;
        self.read(py, move |g| prog::funnel(g, &o))
            .map(FunnelResult::new)
    }

    /// The KPI report (``options``: ``period`` {``from``, ``to``}, ``region``).
    #[pyo3(signature = (options = None))]
    fn report(&self, py: Python<'_>, options: Option<&Bound<'_, PyAny>>) -> PyResult<Report> {
        let o: ReportOptions = opts(options, "options")?;
        self.read(py, move |g| prog::programme_report(g, &o))
            .map(Report::new)
    }

    /// Region × industry coverage of open demand by experts, societies and workstations.
    #[pyo3(signature = (options = None))]
    fn coverage(&self, py: Python<'_>, options: Option<&Bound<'_, PyAny>>) -> PyResult<Coverage> {
        let o: CoverageOptions = opts(options, "options")?;
        self.read(py, move |g| prog::coverage(g, &o))
            .map(Coverage::new)
    }

    /// Liaison training tiers earned from activity (``config``: tier rules, period).
    #[pyo3(signature = (config = None))]
    fn liaison_tiers(&self, py: Python<'_>, config: Option<&Bound<'_, PyAny>>) -> PyResult<Tiers> {
        let c: TierConfig = opts(config, "config")?;
        self.read(py, move |g| prog::liaison_tiers(g, &c))
            .map(Tiers::new)
    }

    /// Likely duplicate entities (``options``: ``kinds``, ``threshold``, …).
    #[pyo3(signature = (options = None, *, progress = None))]
    fn find_duplicates(
        &self,
        py: Python<'_>,
        options: Option<&Bound<'_, PyAny>>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<DuplicatesResult> {
        let o: DedupOptions = opts(options, "options")?;
        let g = self.graph(py);
        with_progress(py, progress, move |hook| {
            prog::find_duplicates_with(&g, &o, |d, t| hook(d as u64, t as u64))
        })
        .map(DuplicatesResult::new)
    }

    /// Merges ``duplicate`` into ``survivor``: relations rewired, events rewritten, the
    /// duplicate's key kept as an alias, missing fields filled. Returns the merge report.
    fn merge<'py>(
        &self,
        py: Python<'py>,
        survivor: String,
        duplicate: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        let r: MergeReport = self.edit(py, move |g| prog::merge(g, &survivor, &duplicate))?;
        to_py(py, &r)
    }
}
