//! The Tai'an pilot: builds the synthetic Tai'an programme (or loads a JSON snapshot) and
//! prints the programme summary.
//!
//! ```text
//! taian_pilot [SNAPSHOT.json | CSV_DIR] [--seed N] [--json] [--write-snapshot PATH]
//! ```
//!
//! * no path: generate the Tai'an preset with `--seed` (default 42);
//! * a `.json` file: load a snapshot (`kechuang::io::from_json`);
//! * a folder: CSV tables (`kechuang::io::csv::load_dir`, encoding detected);
//! * `--json`: print the summary as one JSON object instead of tables;
//! * `--write-snapshot PATH`: also write the graph as a JSON snapshot.

use std::io::Write;
use std::process::ExitCode;

use kechuang::assign::{AssignOptions, AssignProblem, Assignment, ConflictRules, assign};
use kechuang::graph::{CollabGraph, GraphSummary};
use kechuang::matching::{MatchConfig, Matcher, Matches, Query};
use kechuang::model::{Date, NodeKind};
use kechuang::programme::{
    self, CoverageOptions, DedupOptions, FollowUpConfig, Lang, ProgrammeReport, ReportOptions,
    TierConfig,
};
use serde::Serialize;

struct Args {
    path: Option<String>,
    seed: u64,
    json: bool,
    write: Option<String>,
}

const USAGE: &str =
    "usage: taian_pilot [SNAPSHOT.json | CSV_DIR] [--seed N] [--json] [--write-snapshot PATH]";

fn parse(args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut a = Args {
        path: None,
        seed: 42,
        json: false,
        write: None,
    };
    let mut it = args;
    while let Some(x) = it.next() {
        match x.as_str() {
            "--json" => a.json = true,
            "--seed" => {
                let v = it.next().ok_or("--seed needs a number")?;
                a.seed = v
                    .parse()
                    .map_err(|_| format!("--seed {v:?} is not a non-negative integer"))?;
            }
            "--write-snapshot" => {
                a.write = Some(it.next().ok_or("--write-snapshot needs a path")?);
            }
            "-h" | "--help" => return Err(USAGE.into()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}\n{USAGE}")),
            _ if a.path.is_some() => return Err(format!("more than one input path\n{USAGE}")),
            _ => a.path = Some(x),
        }
    }
    Ok(a)
}

fn load(a: &Args) -> Result<CollabGraph, String> {
    let Some(path) = &a.path else {
        return kechuang::synth::taian(a.seed)
            .map(|p| p.graph)
            .map_err(|e| e.to_string());
    };
    let p = std::path::Path::new(path);
    if p.is_dir() {
        return kechuang::io::csv::load_dir(p, &Default::default()).map_err(|e| e.to_string());
    }
    let text = std::fs::read_to_string(p).map_err(|e| format!("cannot read {path}: {e}"))?;
    kechuang::io::from_json(&text).map_err(|e| format!("{path}: {e}"))
}

/// `s` padded with spaces to `width` terminal columns (CJK characters take two).
fn pad(s: &str, width: usize) -> String {
    let cols: usize = s.chars().map(|c| if c >= '\u{1100}' { 2 } else { 1 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(cols)))
}

fn money(cny: f64) -> String {
    if cny >= 1e8 {
        format!("{:.2} 亿元 ({cny:.0} CNY)", cny / 1e8)
    } else {
        format!("{:.1} 万元 ({cny:.0} CNY)", cny / 1e4)
    }
}

/// One table: a header, then `name  名称  count` rows.
fn section<'a>(title: &str, zh: &str, rows: impl Iterator<Item = (&'a str, &'a str, usize)>) {
    println!("\n{title:<16} {} {:>10}", pad(zh, 14), "count");
    println!("{}", "-".repeat(42));
    for (name, name_zh, count) in rows {
        println!("{name:<16} {} {count:>10}", pad(name_zh, 14));
    }
}

fn print_table(s: &GraphSummary) {
    println!("科创中国 · 泰安试点 — programme summary");
    println!("{}", "=".repeat(52));
    println!("entities {:>10}    relations {:>10}", s.nodes, s.edges);
    section(
        "entity kind",
        "名称",
        s.by_kind
            .iter()
            .filter(|k| k.count > 0)
            .map(|k| (k.kind.as_str(), k.name_zh.as_str(), k.count)),
    );
    section(
        "relation",
        "名称",
        s.by_relation
            .iter()
            .filter(|r| r.count > 0)
            .map(|r| (r.relation.as_str(), r.name_zh.as_str(), r.count)),
    );
    println!(
        "\nacademicians 两院院士 {:>6}  (CAS {}, CAE {})",
        s.academicians, s.academicians_cas, s.academicians_cae
    );
    println!("\nliaisons by tier 联络员分级");
    for t in &s.liaisons_by_tier {
        println!("  tier {:<3} {:>8}", t.tier, t.count);
    }
    section(
        "demand status",
        "状态",
        s.demands_by_status
            .iter()
            .map(|d| (d.status.as_str(), d.name_zh.as_str(), d.count)),
    );
    println!(
        "\nproject funds 项目经费      {}",
        money(s.project_funds_cny)
    );
    println!(
        "economic benefit 经济效益   {}",
        money(s.economic_benefit_cny)
    );
    if let Some(share) = s.max_market_share {
        println!("best market share 市场占有率 {:.0}%", share * 100.0);
    }
}

/// Everything the pilot computes beyond the summary (serialised as `analysis` by `--json`).
#[derive(Serialize)]
struct Analysis {
    /// The day the data ends (last lifecycle event); follow-up is computed as of this day.
    as_of: Option<Date>,
    report: ProgrammeReport,
    /// Region × industry cells with unmet demand, or else the cells under most pressure.
    coverage_gaps: Vec<programme::coverage::Cell>,
    coverage_gap_count: usize,
    stale_total: usize,
    stale_top: Vec<programme::StaleDemand>,
    promotion_ready_total: usize,
    promotion_ready_top: Vec<programme::tiers::LiaisonStanding>,
    duplicate_pairs: usize,
    duplicates_top: Vec<programme::dedup::DuplicatePair>,
    /// Experts and teams for the most urgent open demand.
    example_match: Option<Matches>,
    example_teams: Option<Matches>,
    /// Every open demand assigned to two experts, optimally, without conflicts of interest.
    assignment: Option<Assignment>,
    /// Top experts, societies and liaisons by composite impact, with breakdowns (榜单).
    leaderboard: kechuang::impact::Leaderboard,
}

const TOP: usize = 8;

fn analyse(g: &CollabGraph) -> kechuang::Result<Analysis> {
    let as_of = g
        .nodes_of(NodeKind::Demand)
        .filter_map(|(_, n)| n.as_demand().and_then(|d| d.last_activity()))
        .max();
    let report = programme::programme_report(g, &ReportOptions::default())?;
    let cov = programme::coverage(g, &CoverageOptions::default())?;
    let gaps: Vec<_> = cov.gap_cells().take(TOP).cloned().collect();
    let coverage_gaps = if gaps.is_empty() {
        cov.weakest(TOP).into_iter().cloned().collect()
    } else {
        gaps
    };
    let (stale_total, stale_top) = match as_of {
        Some(day) => {
            let f = programme::follow_up(g, day, &FollowUpConfig::default())?;
            (f.items.len(), f.items.into_iter().take(TOP).collect())
        }
        None => (0, Vec::new()),
    };
    let tiers = programme::liaison_tiers(g, &TierConfig::default())?;
    let ready = tiers.ready();
    let dups = programme::find_duplicates(g, &DedupOptions::default())?;

    // open demands, most urgent first (ties by key)
    let mut open: Vec<(u8, String)> = g
        .nodes_of(NodeKind::Demand)
        .filter_map(|(_, n)| {
            n.as_demand()
                .filter(|d| d.status().is_open())
                .map(|d| (d.urgency.rank(), n.key.clone()))
        })
        .collect();
    open.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let (mut example_match, mut example_teams, mut assignment) = (None, None, None);
    if !open.is_empty() {
        let matcher = Matcher::new(g, MatchConfig::default())?;
        let first = &open[0].1;
        example_match = Some(matcher.match_demand(g, &Query::demand(first.clone()).with_k(5))?);
        example_teams = Some(
            matcher.match_demand(
                g,
                &Query::demand(first.clone())
                    .with_target(kechuang::matching::Target::Teams)
                    .with_k(10),
            )?,
        );
        let keys: Vec<String> = open.iter().map(|(_, k)| k.clone()).collect();
        let table = matcher.affinity_table(g, &keys, 20)?;
        let mut rules = ConflictRules::default();
        rules.need = 2;
        let problem = AssignProblem::from_graph(g, table.to_affinities(), &rules)?;
        assignment = Some(assign(&problem, &AssignOptions::default())?);
    }
    Ok(Analysis {
        as_of,
        report,
        coverage_gap_count: cov.gap_cells().count(),
        coverage_gaps,
        stale_total,
        stale_top,
        promotion_ready_total: ready.len(),
        promotion_ready_top: ready.into_iter().take(TOP).cloned().collect(),
        duplicate_pairs: dups.pairs.len(),
        duplicates_top: dups.pairs.into_iter().take(TOP).collect(),
        example_match,
        example_teams,
        assignment,
        leaderboard: kechuang::impact::leaderboard(
            g,
            &kechuang::impact::ImpactOptions::default(),
            5,
        )?,
    })
}

fn print_analysis(a: &Analysis) {
    println!("\n{}", a.report.to_table(Lang::Both));
    println!("\nimpact 影响力榜单\n{}", a.leaderboard);

    println!(
        "\ncoverage 全域全产业覆盖 — {} region × industry cells with unmet demand",
        a.coverage_gap_count
    );
    if a.coverage_gap_count == 0 {
        println!("  no gaps; the cells under most pressure (open demands per unit of capacity):");
    }
    for c in &a.coverage_gaps {
        println!(
            "  {} {} open {:>3}  experts {:>3}  societies {:>3}  workstations {:>2}  unmet {:>3}",
            pad(&c.region, 12),
            pad(&c.industry_name, 26),
            c.open,
            c.experts,
            c.societies,
            c.workstations,
            c.unmet
        );
    }

    let day = a.as_of.map_or_else(|| "-".to_string(), |d| d.to_string());
    println!(
        "\nfollow-up 全程跟进 — {} stale open demands as of {day}; most urgent:",
        a.stale_total
    );
    for s in &a.stale_top {
        println!(
            "  {} {:<9} {:<10} {:>4} days (limit {:>2})  turn: {:?} {}",
            pad(&s.demand, 10),
            s.urgency.as_str(),
            s.status.as_str(),
            s.days_in_state,
            s.threshold,
            s.turn,
            s.who.join(", ")
        );
    }

    println!(
        "\nliaisons 递进培养 — {} ready for promotion; first {}:",
        a.promotion_ready_total,
        a.promotion_ready_top.len()
    );
    for l in &a.promotion_ready_top {
        println!(
            "  {} {} tier {} → {}",
            pad(&l.liaison, 10),
            pad(&l.name, 8),
            l.recorded_tier,
            l.earned_tier
        );
    }

    println!("\nduplicates 重复记录 — {} likely pairs", a.duplicate_pairs);
    for d in &a.duplicates_top {
        println!(
            "  {:.2} {} ≈ {}  ({})",
            d.score,
            d.a,
            d.b,
            d.reasons.join("; ")
        );
    }

    if let Some(m) = &a.example_match {
        println!(
            "\nmatching 精准对接 — demand {}: top experts",
            m.demand.as_deref().unwrap_or("-")
        );
        for (i, r) in m.results.iter().enumerate() {
            let terms: Vec<&str> = r
                .matched_terms
                .iter()
                .take(4)
                .map(|t| t.term.as_str())
                .collect();
            println!(
                "  {}. {} {} score {:.3}  text {:.2} taxonomy {:.2} network {:.2}",
                i + 1,
                pad(&r.key, 8),
                pad(&r.name, 8),
                r.score,
                r.signals.text,
                r.signals.taxonomy,
                r.signals.network
            );
            println!(
                "     terms: {}   path: {}",
                terms.join(" · "),
                r.path.join(" → ")
            );
        }
    }
    if let Some(t) = a.example_teams.as_ref().and_then(|m| m.teams.first()) {
        println!(
            "  best team: {} (coverage {:.0}%, institutions {})",
            t.members.join(", "),
            t.coverage * 100.0,
            t.institutions.len()
        );
    }
    if let Some(asg) = &a.assignment {
        let complete = asg.is_complete();
        println!(
            "\nassignment 分派 — {} open demands × 2 experts: total affinity {:.2}, worst demand {:.3}, complete: {complete}",
            asg.demands.len(),
            asg.total(),
            asg.worst()
        );
        for d in asg.demands.iter().take(5) {
            let who: Vec<String> = d
                .experts
                .iter()
                .map(|e| format!("{} ({:.2})", e.expert, e.score))
                .collect();
            println!("  {} → {}", pad(&d.demand, 10), who.join(", "));
        }
    }
}

fn run() -> Result<(), String> {
    let a = parse(std::env::args().skip(1))?;
    let g = load(&a)?;
    if let Some(out) = &a.write {
        let json = kechuang::io::to_json(&g).map_err(|e| e.to_string())?;
        std::fs::write(out, json).map_err(|e| format!("cannot write {out}: {e}"))?;
        eprintln!("snapshot written to {out}");
    }
    let s = GraphSummary::of(&g);
    let analysis = analyse(&g).map_err(|e| e.to_string())?;
    if a.json {
        let out = serde_json::json!({ "summary": s, "analysis": analysis });
        let json = serde_json::to_string(&out).map_err(|e| e.to_string())?;
        // a closed pipe (`| head`) is not an error worth a panic
        let _ = writeln!(std::io::stdout().lock(), "{json}");
    } else {
        print_table(&s);
        print_analysis(&analysis);
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("taian_pilot: {e}");
            ExitCode::FAILURE
        }
    }
}
