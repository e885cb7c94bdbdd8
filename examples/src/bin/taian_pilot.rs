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

use kechuang::graph::{CollabGraph, GraphSummary};

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

fn run() -> Result<(), String> {
    let a = parse(std::env::args().skip(1))?;
    let g = load(&a)?;
    if let Some(out) = &a.write {
        let json = kechuang::io::to_json(&g).map_err(|e| e.to_string())?;
        std::fs::write(out, json).map_err(|e| format!("cannot write {out}: {e}"))?;
        eprintln!("snapshot written to {out}");
    }
    let s = GraphSummary::of(&g);
    if a.json {
        let json = serde_json::to_string(&s).map_err(|e| e.to_string())?;
        // a closed pipe (`| head`) is not an error worth a panic
        let _ = writeln!(std::io::stdout().lock(), "{json}");
    } else {
        print_table(&s);
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
