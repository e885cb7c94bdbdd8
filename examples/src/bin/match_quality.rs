//! Matching quality on synthetic programmes with planted ground truth.
//!
//! For each seed, builds the Tai'an preset (`synth::taian`), then for every ground-truth
//! demand asks the matcher for the top 10 experts with the need written five ways — Chinese,
//! English, mixed, English with 10% of its letters mistyped (seeded), variant terms — and
//! reports recall@10 and nDCG@10 against the planted best-fit experts, for the text signal alone
//! and for the fused signals. The query names the demand (so its enterprise, industries and
//! region are used, and its own solved-case evidence is left out) and replaces its text.
//!
//! ```text
//! cargo run --release -p kechuang-examples --bin match_quality -- [--json] [--seeds 3]
//!     [--aggregation top_three|max|pooled] [--config config.json]
//! ```
//!
//! The matcher sees only the graph; the ground truth is used for scoring alone.

use std::collections::BTreeMap;

use kechuang::matching::{Aggregation, MatchConfig, Matcher, Query, Weights};
use kechuang::synth::{self, GroundTruth};

/// SplitMix64, for seeded typos.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Mistypes `rate` of the letters: substitution, deletion, insertion or transposition with a
/// neighbour, in equal shares. CJK characters are replaced by another common ideograph.
fn typos(text: &str, rate: f64, rng: &mut Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let typable = c.is_alphanumeric();
        if typable && (rng.next() % 1_000_000) as f64 / 1e6 < rate {
            let cjk = ('\u{4E00}'..='\u{9FA5}').contains(&c);
            let random_char = |rng: &mut Rng| {
                if cjk {
                    char::from_u32(0x4E00 + rng.below(0x51A5) as u32).unwrap_or(c)
                } else {
                    (b'a' + rng.below(26) as u8) as char
                }
            };
            match rng.below(4) {
                0 => out.push(random_char(rng)),
                1 => {}
                2 => {
                    out.push(c);
                    out.push(random_char(rng));
                }
                _ => {
                    if i + 1 < chars.len() && chars[i + 1].is_alphanumeric() {
                        out.push(chars[i + 1]);
                        out.push(c);
                        i += 1;
                    } else {
                        out.push(random_char(rng));
                    }
                }
            }
        } else {
            out.push(c);
        }
        i += 1;
    }
    out.into_iter().collect()
}

#[derive(Default, Clone, Copy)]
struct Acc {
    recall: f64,
    ndcg: f64,
    n: usize,
}

impl Acc {
    fn add(&mut self, got: &[&str], truth: &[String]) {
        let k = 10usize;
        let rel = |key: &str| truth.iter().any(|t| t == key);
        let want = truth.len().min(k);
        if want == 0 {
            return;
        }
        let hits = got.iter().take(k).filter(|g| rel(g)).count();
        let dcg: f64 = got
            .iter()
            .take(k)
            .enumerate()
            .filter(|(_, g)| rel(g))
            .map(|(i, _)| 1.0 / ((i + 2) as f64).log2())
            .sum();
        let idcg: f64 = (0..want).map(|i| 1.0 / ((i + 2) as f64).log2()).sum();
        self.recall += hits as f64 / want as f64;
        self.ndcg += dcg / idcg;
        self.n += 1;
    }
    fn json(&self) -> serde_json::Value {
        let n = self.n.max(1) as f64;
        serde_json::json!({
            "recall_at_10": (self.recall / n * 10_000.0).round() / 10_000.0,
            "ndcg_at_10": (self.ndcg / n * 10_000.0).round() / 10_000.0,
            "queries": self.n,
        })
    }
}

const SETS: [&str; 6] = [
    "clean_zh",
    "clean_en",
    "mixed",
    "typo_10pct",
    "typo_10pct_zh",
    "variant",
];

fn texts(t: &GroundTruth, rng: &mut Rng) -> [String; 6] {
    [
        t.text_zh.clone(),
        t.text_en.clone(),
        t.text_mixed.clone(),
        typos(&t.text_en, 0.10, rng),
        typos(&t.text_zh, 0.10, rng),
        t.text_variant.clone(),
    ]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let seeds: u64 = value("--seeds").map_or(Ok(3), |s| s.parse())?;
    let mut config = match value("--config") {
        Some(path) => serde_json::from_str::<MatchConfig>(&std::fs::read_to_string(path)?)?,
        None => MatchConfig::default(),
    };
    if let Some(a) = value("--aggregation") {
        config.aggregation = serde_json::from_value::<Aggregation>(serde_json::Value::String(a))?;
    }
    let mut text_only = config.clone();
    text_only.weights = Weights::text_only();

    let mut acc: BTreeMap<(&str, &str), Acc> = BTreeMap::new();
    let started = std::time::Instant::now();
    let mut n_queries = 0usize;
    for seed in 0..seeds {
        let p = synth::taian(seed + 1)?;
        let g = &p.graph;
        let mut fused = Matcher::new(g, config.clone())?;
        let mut rng = Rng(seed ^ 0x5EED);
        let all: Vec<(usize, [String; 6])> = p
            .truth
            .iter()
            .enumerate()
            .map(|(i, t)| (i, texts(t, &mut rng)))
            .collect();
        for (mode, cfg) in [("text_only", &text_only), ("fused", &config)] {
            fused.set_scoring(cfg.clone())?;
            let mut queries = Vec::new();
            let mut meta = Vec::new();
            for (i, tx) in &all {
                for (set, text) in SETS.iter().zip(tx) {
                    let mut q = Query::demand(p.truth[*i].demand.clone()).with_k(10);
                    q.text = Some(text.clone());
                    queries.push(q);
                    meta.push((*i, *set));
                }
            }
            let results = fused.match_batch(g, &queries)?;
            n_queries += results.len();
            for ((i, set), m) in meta.into_iter().zip(results) {
                acc.entry((mode, set))
                    .or_default()
                    .add(&m.keys(), &p.truth[i].experts);
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut out = serde_json::Map::new();
    for mode in ["fused", "text_only"] {
        for set in SETS {
            let a = acc.get(&(mode, set)).copied().unwrap_or_default();
            let key = if mode == "fused" {
                set.to_string()
            } else {
                format!("{set}_text_only")
            };
            out.insert(key, a.json());
        }
    }
    if json {
        println!("{}", serde_json::Value::Object(out));
    } else {
        println!(
            "{:<16} {:>10} {:>10}   {:>10} {:>10}",
            "set", "R@10 fused", "nDCG fused", "R@10 text", "nDCG text"
        );
        for set in SETS {
            let f = acc.get(&("fused", set)).copied().unwrap_or_default();
            let t = acc.get(&("text_only", set)).copied().unwrap_or_default();
            let n = |a: &Acc, x: f64| x / a.n.max(1) as f64;
            println!(
                "{:<16} {:>10.4} {:>10.4}   {:>10.4} {:>10.4}",
                set,
                n(&f, f.recall),
                n(&f, f.ndcg),
                n(&t, t.recall),
                n(&t, t.ndcg)
            );
        }
        println!("{n_queries} queries over {seeds} seeds in {elapsed:.1} s");
    }
    Ok(())
}
