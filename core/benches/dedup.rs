//! Entity resolution over 100,000 enterprise names (95,000 distinct firms + 5,000 planted
//! variants): normalisation, blocking and scoring.
//!
//! `cargo bench -p kechuang --bench dedup -- --warm-up-time 1 --measurement-time 10`

use criterion::{Criterion, criterion_group, criterion_main};
use kechuang::graph::CollabGraph;
use kechuang::model::{Enterprise, Node, NodeData};
use kechuang::programme::{DedupOptions, find_duplicates};

const CHARS: &str = "泰山岱宗鲁华恒瑞兴达隆盛丰源宏伟金鑫汇通博信诚东方明德正泽佳和嘉安康宁新天力海洋中远建邦科越昌瑞祥辉光腾飞凯旋胜利英豪龙凤鹏程锦绣万年长青松柏翠云霞晨阳齐岳峰川江河湖泉林森";
const INDUSTRIES: &[&str] = &[
    "钢铁",
    "机械",
    "化工",
    "纺织",
    "新材料",
    "电子",
    "能源",
    "建材",
    "医药",
    "食品",
    "汽车配件",
    "环保",
    "农业",
    "物流",
];
const SUFFIXES: &[&str] = &[
    "有限公司",
    "股份有限公司",
    "集团有限公司",
    "有限责任公司",
    "科技有限公司",
];
const PREFIXES: &[&str] = &["", "泰安市", "山东省", "山东省泰安市", "新泰市", "肥城"];

/// `n` names and, for each, the index of the firm it names (variants point to their base).
fn names(n: usize, seed: u64) -> (Vec<String>, Vec<usize>) {
    let mut s = seed;
    let mut next = move || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) as usize
    };
    let cs: Vec<char> = CHARS.chars().collect();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    let mut firm = Vec::with_capacity(n);
    let distinct = n - n / 20;
    while out.len() < distinct {
        let len = 2 + next() % 2;
        let core: String = (0..len).map(|_| cs[next() % cs.len()]).collect();
        let name = format!("{core}{}", INDUSTRIES[next() % INDUSTRIES.len()]);
        if seen.insert(name.clone()) {
            firm.push(out.len());
            out.push(format!("{name}{}", SUFFIXES[next() % SUFFIXES.len()]));
        }
    }
    while out.len() < n {
        let b = next() % distinct;
        firm.push(b);
        let base = out[b].clone();
        let core = kechuang::programme::normalise_name(&base);
        out.push(format!(
            "{}{core}{}",
            PREFIXES[next() % PREFIXES.len()],
            SUFFIXES[next() % SUFFIXES.len()]
        ));
    }
    (out, firm)
}

fn bench(c: &mut Criterion) {
    let mut g = CollabGraph::with_capacity(100_000, 0);
    let (names, firm) = names(100_000, 42);
    for (i, name) in names.into_iter().enumerate() {
        let node = Node::with_data(
            format!("e:{i}"),
            name,
            NodeData::Enterprise(Enterprise::default()),
        );
        g.add_node(node).expect("valid node");
    }
    let opts = DedupOptions::default();
    let d = find_duplicates(&g, &opts).expect("dedup");
    eprintln!(
        "100k names: {} candidate pairs, {} duplicate pairs",
        d.candidates,
        d.pairs.len()
    );
    let idx = |k: &str| k[2..].parse::<usize>().expect("e:<i>");
    let tp = d
        .pairs
        .iter()
        .filter(|p| firm[idx(&p.a)] == firm[idx(&p.b)])
        .count();
    let mut per_firm = std::collections::HashMap::new();
    for f in &firm {
        *per_firm.entry(*f).or_insert(0usize) += 1;
    }
    let truth: usize = per_firm.values().map(|c| c * (c - 1) / 2).sum();
    eprintln!(
        "precision {:.4}, recall {:.4} ({tp} of {} found pairs true, {truth} true pairs)",
        tp as f64 / d.pairs.len().max(1) as f64,
        tp as f64 / truth.max(1) as f64,
        d.pairs.len()
    );
    for p in d
        .pairs
        .iter()
        .filter(|p| firm[idx(&p.a)] != firm[idx(&p.b)])
        .take(5)
    {
        eprintln!(
            "  {:?} / {:?}: {:.2}",
            g.get(&p.a).map(|n| n.name.as_str()),
            g.get(&p.b).map(|n| n.name.as_str()),
            p.score
        );
    }
    let t = std::time::Instant::now();
    find_duplicates(&g, &opts).expect("dedup");
    eprintln!("one run: {:.2} s", t.elapsed().as_secs_f64());
    let mut group = c.benchmark_group("dedup");
    group.sample_size(10);
    group.bench_function("find_duplicates_100k_names", |b| {
        b.iter(|| find_duplicates(&g, &opts).expect("dedup"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
