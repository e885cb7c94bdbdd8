//! Entity resolution: find the same enterprise, society, expert or institution entered twice
//! under variant names, and merge duplicates without losing anything.
//!
//! ## Normalisation ([`normalise_name`])
//! Full-width → half-width, lower case, punctuation and spaces removed; English company forms
//! (`Co.`, `Ltd.`, `Limited`, `Inc.`, `Corp.`, `Group`, `Company`, `Technology`…) and Chinese
//! ones (股份有限公司, 有限责任公司, 有限公司, 集团, 科技, 公司, 股份…) stripped from the end;
//! a leading place (a province or Shandong city name, with or without 省 / 市, any 2–3
//! characters followed by 省 / 市 / 自治区, English forms such as `Shandong`, and
//! [`DedupOptions::extra_places`]) stripped from the front — only when at least three
//! characters remain — and kept apart as the *place*.
//! Societies and institutions keep their place, which is part of their identity (中国金属学会
//! ≠ 山东省金属学会); experts' names lose trailing titles instead (教授, 研究员, 院士…).
//!
//! ## Blocking
//! Only records of the same kind are compared, and only candidate pairs from three blocking
//! schemes: (1) the same normalised name; (2) sharing at least half (rounded up) of the
//! shorter name's character bigrams, where bigrams held by more than [`DedupOptions::max_block`] records are
//! skipped (they carry no information); (3) sorted neighbourhood: neighbours within
//! [`DedupOptions::window`] in the order of normalised names and of reversed normalised names.
//!
//! ## Score
//! *name* = 1 for equal normalised names; else, for Latin names, the mean of Jaro–Winkler and
//! normalised Levenshtein similarity, and for Chinese names the *square* of normalised
//! Damerau–Levenshtein similarity (one character is a whole syllable, so 泰山钢铁 vs 泰丰钢铁
//! — 0.56 — must not score like a typo). When a main name is not Chinese, equal normalised
//! English names count as equal names (never between two Chinese names: homophones such as
//! 兴万 / 新万 share a pinyin name, and pinyin names of different firms often differ by one
//! syllable). A name with an extra word is another name (泰山钢铁物流 is a subsidiary of
//! 泰山钢铁, not a duplicate), so containment earns nothing beyond the edit similarity. Two
//! different places of the same level (泰安 / 济南, 山东 / 河北; a province and a city may
//! nest) multiply it by 0.6. Then:
//! * organisations: `score = name + 0.05·[same region] + 0.05·[shared topics] − 0.1·[different regions]`;
//! * experts (people share names): `score = 0.7·name + 0.3·evidence`, evidence = 1 for a
//!   shared employer (`affiliated_with`), 0 when both have employers and share none, else
//!   `0.3·[same region] + 0.7·topic overlap` (Jaccard of disciplines + keywords). A name alone
//!   (0.7) never reaches the default threshold.
//!
//! Clamped to [0, 1]; pairs with `score ≥ threshold` are reported, each with its reasons.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::entity_region;
use crate::error::{Error, Result};
use crate::graph::{CollabGraph, Direction};
use crate::io::NodeRecord;
use crate::model::{EdgeId, NodeData, NodeId, NodeKind, Relation};

/// Options of [`find_duplicates`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct DedupOptions {
    /// Kinds to search (default: enterprise, society, expert, institution).
    pub kinds: Vec<NodeKind>,
    /// Minimum score of a reported pair (default 0.85).
    pub threshold: f64,
    /// Bigrams shared by more records than this are not used for blocking (default 100).
    pub max_block: usize,
    /// Sorted-neighbourhood window (default 4).
    pub window: usize,
    /// More place names to strip from the front of names (e.g. a county of your city).
    pub extra_places: Vec<String>,
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions {
            kinds: vec![
                NodeKind::Enterprise,
                NodeKind::Society,
                NodeKind::Expert,
                NodeKind::Institution,
            ],
            threshold: 0.85,
            max_block: 100,
            window: 4,
            extra_places: Vec::new(),
        }
    }
}

/// One likely duplicate pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicatePair {
    /// Key of the entity with the smaller id (the suggested survivor).
    pub a: String,
    /// Key of the other.
    pub b: String,
    /// Their kind.
    pub kind: NodeKind,
    /// Score in [0, 1].
    pub score: f64,
    /// Name similarity in [0, 1].
    pub name_similarity: f64,
    /// Why, in words.
    pub reasons: Vec<String>,
}

/// The result of [`find_duplicates`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Duplicates {
    /// Pairs with score ≥ threshold, highest first, then by keys.
    pub pairs: Vec<DuplicatePair>,
    /// Records examined.
    pub records: usize,
    /// Candidate pairs scored (after blocking).
    pub candidates: usize,
}

impl Duplicates {
    /// Groups of keys linked by pairs (connected components), each sorted, groups sorted by
    /// their first key; singletons left out.
    pub fn clusters(&self) -> Vec<Vec<String>> {
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &self.pairs {
            for k in [&p.a, &p.b] {
                let n = index.len();
                index.entry(k.as_str()).or_insert(n);
            }
        }
        let mut parent: Vec<usize> = (0..index.len()).collect();
        fn find(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        for p in &self.pairs {
            let (x, y) = (index[p.a.as_str()], index[p.b.as_str()]);
            let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
            if rx != ry {
                parent[rx.max(ry)] = rx.min(ry);
            }
        }
        let mut groups: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for (k, &i) in &index {
            let r = find(&mut parent, i);
            groups.entry(r).or_default().push((*k).to_string());
        }
        let mut out: Vec<Vec<String>> = groups
            .into_values()
            .map(|mut v| {
                v.sort();
                v
            })
            .collect();
        out.sort();
        out
    }

    /// The pairs involving one key.
    pub fn pairs_of<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a DuplicatePair> + 'a {
        self.pairs.iter().filter(move |p| p.a == key || p.b == key)
    }
}

const PROVINCES: &[&str] = &[
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
];
const CITIES: &[&str] = &[
    "济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海", "日照", "临沂",
    "德州", "聊城", "滨州", "菏泽", "新泰", "肥城", "宁阳", "东平",
];
const PLACES_EN: &[&str] = &[
    "shandong", "taian", "jinan", "qingdao", "beijing", "shanghai", "tianjin", "zibo", "yantai",
    "weifang", "jining", "linyi", "xintai", "feicheng",
];
const SUFFIXES: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "责任公司",
    "股份公司",
    "集团公司",
    "总公司",
    "公司",
    "集团",
    "科技",
    "股份",
    "控股",
];
const TITLES: &[&str] = &[
    "院士",
    "副教授",
    "教授",
    "研究员",
    "副研究员",
    "高级工程师",
    "正高级工程师",
    "工程师",
    "高工",
    "博士",
    "专家",
    "prof",
    "professor",
    "dr",
];
const SUFFIXES_EN: &[&str] = &[
    "co",
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "group",
    "company",
    "llc",
    "plc",
    "gmbh",
    "tech",
    "technology",
    "technologies",
    "holdings",
];

/// A normalised name: the core compared, and the leading place removed from it, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NameKey {
    pub(crate) core: String,
    pub(crate) place: Option<String>,
}

fn half_width(c: char) -> char {
    match c as u32 {
        0x3000 => ' ',
        u @ 0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// How a name is normalised: companies lose suffixes and a leading place; societies and
/// institutions keep their place (中国金属学会 ≠ 山东省金属学会); people lose titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameMode {
    Company,
    Scoped,
    Person,
}

impl NameMode {
    fn of(kind: NodeKind) -> NameMode {
        match kind {
            NodeKind::Expert | NodeKind::Liaison => NameMode::Person,
            NodeKind::Society | NodeKind::Institution | NodeKind::Region => NameMode::Scoped,
            _ => NameMode::Company,
        }
    }
}

pub(crate) fn name_key(name: &str, extra_places: &[String], mode: NameMode) -> NameKey {
    let person = mode == NameMode::Person;
    let text: String = name
        .chars()
        .map(half_width)
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut tokens: Vec<&str> = text.split_whitespace().collect();
    while tokens.len() > 1 && tokens.last().is_some_and(|t| SUFFIXES_EN.contains(t)) {
        tokens.pop();
    }
    let mut place = None;
    if tokens.len() > 1 {
        if tokens[0] == "the" {
            tokens.remove(0);
        }
        if tokens.len() > 1 && PLACES_EN.contains(&tokens[0]) {
            place = Some(tokens.remove(0).to_string());
        }
    }
    let mut s: String = tokens.concat();
    let len = |s: &str| s.chars().count();
    if person {
        // 张伟（教授） / 张伟教授 → 张伟
        loop {
            let before = s.len();
            for t in TITLES {
                if let Some(rest) = s.strip_suffix(t)
                    && len(rest) >= 2
                {
                    s = rest.to_string();
                    break;
                }
            }
            if s.len() == before {
                break;
            }
        }
        return NameKey { core: s, place };
    }
    // Chinese suffixes, repeatedly (泰山钢铁集团有限公司 → 泰山钢铁)
    loop {
        let before = s.len();
        for suf in SUFFIXES {
            if let Some(rest) = s.strip_suffix(suf)
                && len(rest) >= 2
            {
                s = rest.to_string();
                break;
            }
        }
        if s.len() == before {
            break;
        }
    }
    // a leading place (山东省泰安市 → 泰安 kept as the place)
    if place.is_none() && mode == NameMode::Company {
        loop {
            let chars: Vec<char> = s.chars().collect();
            let mut cut = None;
            for p in PROVINCES
                .iter()
                .chain(CITIES)
                .copied()
                .chain(extra_places.iter().map(String::as_str))
            {
                if p.is_empty() || !s.starts_with(p) {
                    continue;
                }
                let n = len(p);
                let extra = match chars.get(n) {
                    Some('省' | '市' | '县' | '区') => 1,
                    _ => 0,
                };
                if chars.len() >= n + extra + 3 {
                    cut = Some((n, extra));
                    break;
                }
            }
            if cut.is_none() {
                // any 2–3 characters followed by 省 / 市 / 自治区
                for n in [2usize, 3] {
                    let suffix_len = match chars.get(n) {
                        Some('省' | '市') => 1,
                        Some('自')
                            if chars.get(n + 1) == Some(&'治')
                                && chars.get(n + 2) == Some(&'区') =>
                        {
                            3
                        }
                        _ => continue,
                    };
                    if chars[..n].iter().all(|c| (*c as u32) >= 0x4E00)
                        && chars.len() >= n + suffix_len + 3
                    {
                        cut = Some((n, suffix_len));
                        break;
                    }
                }
            }
            let Some((n, extra)) = cut else { break };
            let p: String = chars[..n].iter().collect();
            place = Some(place.map_or(p.clone(), |_| p));
            s = chars[n + extra..].iter().collect();
        }
    }
    NameKey { core: s, place }
}

/// Normalises an organisation or person name for comparison (see the module docs); the
/// leading place is dropped.
///
/// # Complexity
/// O(n·(P + S)) for a name of n characters, P place names and S suffixes.
///
/// # Example
/// ```
/// use kechuang::programme::normalise_name;
/// assert_eq!(normalise_name("山东省泰安市泰山钢铁集团有限公司"), "泰山钢铁");
/// assert_eq!(normalise_name("泰山钢铁（集团）股份有限公司"), "泰山钢铁");
/// assert_eq!(normalise_name("Taishan Steel Group Co., Ltd."), "taishansteel");
/// assert_eq!(normalise_name("ＴＡＩＳＨＡＮ　Steel"), "taishansteel");
/// ```
///
/// # Reference
/// Christen, *Data Matching* (Springer, 2012), ch. 5 (data cleaning and standardisation).
pub fn normalise_name(name: &str) -> String {
    name_key(name, &[], NameMode::Company).core
}

struct Rec {
    id: NodeId,
    key: String,
    core: Vec<char>,
    core_s: String,
    place: Option<String>,
    en: Option<String>,
    region: Option<NodeId>,
    employers: Vec<NodeId>,
    topics: Vec<String>,
}

fn record(g: &CollabGraph, id: NodeId, opts: &DedupOptions) -> Option<Rec> {
    let n = g.node(id)?;
    let mode = NameMode::of(n.kind());
    let k = name_key(&n.name, &opts.extra_places, mode);
    let en = n
        .name_en
        .as_deref()
        .map(|e| name_key(e, &opts.extra_places, mode).core)
        .filter(|e| !e.is_empty());
    let mut topics: Vec<String> = match &n.data {
        NodeData::Enterprise(e) => e.industries.clone(),
        NodeData::Society(s) => s.disciplines.iter().chain(&s.keywords).cloned().collect(),
        NodeData::Expert(x) => x.disciplines.iter().chain(&x.keywords).cloned().collect(),
        NodeData::Institution(i) => i.disciplines.clone(),
        _ => Vec::new(),
    };
    for t in &mut topics {
        *t = t.to_lowercase();
    }
    topics.sort();
    topics.dedup();
    let mut employers: Vec<NodeId> = g
        .neighbors(id, Some(Relation::AffiliatedWith), Direction::Out)
        .collect();
    employers.sort_unstable();
    employers.dedup();
    Some(Rec {
        id,
        key: n.key.clone(),
        core: k.core.chars().collect(),
        core_s: k.core,
        place: k.place,
        en,
        region: entity_region(g, id),
        employers,
        topics,
    })
}

fn string_sim(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.is_ascii() && b.is_ascii() {
        (strsim::jaro_winkler(a, b) + strsim::normalized_levenshtein(a, b)) / 2.0
    } else {
        // one Chinese character carries a whole syllable (泰山 vs 泰丰 are different firms):
        // squared edit similarity, no prefix bonus
        strsim::normalized_damerau_levenshtein(a, b).powi(2)
    }
}

fn jaccard(a: &[String], b: &[String]) -> (f64, Vec<String>) {
    let shared: Vec<String> = a
        .iter()
        .filter(|x| b.binary_search(x).is_ok())
        .cloned()
        .collect();
    let union = a.len() + b.len() - shared.len();
    (
        if union > 0 {
            shared.len() as f64 / union as f64
        } else {
            0.0
        },
        shared,
    )
}

/// Reasons, collected only when explaining.
struct Why {
    explain: bool,
    v: Vec<String>,
}

impl Why {
    fn add(&mut self, f: impl FnOnce() -> String) {
        if self.explain {
            self.v.push(f());
        }
    }
}

/// `(score, name similarity, reasons)`. With `cutoff`, no reasons are built and a pair whose
/// name alone cannot reach the cutoff returns early with score 0.
fn score(
    g: &CollabGraph,
    kind: NodeKind,
    a: &Rec,
    b: &Rec,
    cutoff: Option<f64>,
) -> (f64, f64, Vec<String>) {
    let mut why = Why {
        explain: cutoff.is_none(),
        v: Vec::new(),
    };
    let mut name = string_sim(&a.core_s, &b.core_s);
    if a.core_s.is_empty() || b.core_s.is_empty() {
        name = 0.0;
    }
    let person = kind == NodeKind::Expert;
    if let (Some(x), Some(y)) = (&a.en, &b.en)
        && x == y
        && name < 1.0
        && (a.core_s.is_ascii() || b.core_s.is_ascii())
    {
        // only when a main name is not Chinese: homophones (兴万 / 新万) share a pinyin name
        name = 1.0;
        why.add(|| format!("same normalised English name {x:?}"));
    }
    if name == 1.0 {
        why.add(|| format!("same normalised name {:?}", a.core_s));
    } else {
        why.add(|| {
            format!(
                "name similarity {name:.2} ({:?} ~ {:?})",
                a.core_s, b.core_s
            )
        });
    }
    if let (Some(p), Some(q)) = (&a.place, &b.place)
        && p != q
        && PROVINCES.contains(&p.as_str()) == PROVINCES.contains(&q.as_str())
    {
        name *= 0.6;
        why.add(|| format!("different places {p} / {q}"));
    }
    let person_bound = 0.7 * name + 0.3;
    let bound = if person { person_bound } else { name + 0.1 };
    if cutoff.is_some_and(|c| bound < c) {
        return (0.0, name, Vec::new());
    }
    let same_region = a.region.is_some() && a.region == b.region;
    let diff_region = a.region.is_some() && b.region.is_some() && a.region != b.region;
    if let Some(r) = a.region.filter(|_| same_region) {
        why.add(|| format!("same region {}", g.key(r)));
    }
    if diff_region {
        why.add(|| "different regions".into());
    }
    let (overlap, shared) = jaccard(&a.topics, &b.topics);
    if !shared.is_empty() {
        why.add(|| format!("shared topics: {}", shared.join(", ")));
    }
    let s = if person {
        let employer = a
            .employers
            .iter()
            .find(|e| b.employers.binary_search(e).is_ok());
        let evidence = if let Some(e) = employer {
            why.add(|| format!("same employer {}", g.key(*e)));
            1.0
        } else if !a.employers.is_empty() && !b.employers.is_empty() {
            why.add(|| "different employers".into());
            0.0
        } else {
            0.3 * f64::from(u8::from(same_region)) + 0.7 * overlap
        };
        0.7 * name + 0.3 * evidence
    } else {
        name + 0.05 * f64::from(u8::from(same_region))
            + 0.05 * f64::from(u8::from(!shared.is_empty()))
            - 0.1 * f64::from(u8::from(diff_region))
    };
    (s.clamp(0.0, 1.0), name, why.v)
}

/// Candidate pairs `(i, j)`, `i < j`, of one kind's records (see the module docs).
fn candidates(recs: &[Rec], opts: &DedupOptions) -> Vec<(u32, u32)> {
    let n = recs.len();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    // q-gram index
    let mut ids: HashMap<(char, char), u32> = HashMap::new();
    let grams: Vec<Vec<u32>> = recs
        .iter()
        .map(|r| {
            let mut v: Vec<u32> = if r.core.len() == 1 {
                vec![(r.core[0], '\0')]
            } else {
                r.core.windows(2).map(|w| (w[0], w[1])).collect()
            }
            .into_iter()
            .map(|k| {
                let next = ids.len() as u32;
                *ids.entry(k).or_insert(next)
            })
            .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); ids.len()];
    for (i, gs) in grams.iter().enumerate() {
        for &q in gs {
            postings[q as usize].push(i as u32);
        }
    }
    let cap = opts.max_block.max(2);
    let mut count = vec![0u16; n];
    let mut touched: Vec<u32> = Vec::new();
    for (i, gs) in grams.iter().enumerate() {
        for &q in gs {
            let p = &postings[q as usize];
            if p.len() > cap {
                continue;
            }
            for &j in p {
                if (j as usize) > i {
                    if count[j as usize] == 0 {
                        touched.push(j);
                    }
                    count[j as usize] = count[j as usize].saturating_add(1);
                }
            }
        }
        for &j in &touched {
            let need = gs.len().min(grams[j as usize].len()).div_ceil(2).max(1);
            if usize::from(count[j as usize]) >= need {
                pairs.push((i as u32, j));
            }
            count[j as usize] = 0;
        }
        touched.clear();
    }
    // exact normalised name and sorted neighbourhood, forward and reversed
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&x, &y| {
        recs[x as usize]
            .core_s
            .cmp(&recs[y as usize].core_s)
            .then(x.cmp(&y))
    });
    let mut rev: Vec<(String, u32)> = recs
        .iter()
        .enumerate()
        .map(|(i, r)| (r.core.iter().rev().collect(), i as u32))
        .collect();
    rev.sort();
    let w = opts.window;
    let mut push = |x: u32, y: u32| pairs.push((x.min(y), x.max(y)));
    for (k, &x) in order.iter().enumerate() {
        for &y in order.iter().skip(k + 1).take(w) {
            push(x, y);
        }
        // equal names beyond the window (bounded by max_block)
        for &y in order.iter().skip(k + 1 + w).take(cap) {
            if recs[y as usize].core_s != recs[x as usize].core_s {
                break;
            }
            push(x, y);
        }
    }
    for (k, (_, x)) in rev.iter().enumerate() {
        for (_, y) in rev.iter().skip(k + 1).take(w) {
            push(*x, *y);
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs.retain(|(a, b)| a != b);
    pairs
}

/// Finds likely duplicates; see [`find_duplicates_with`].
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Node, NodeKind};
/// use kechuang::programme::{find_duplicates, DedupOptions};
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("e:1", NodeKind::Enterprise, "泰山钢铁集团有限公司"))?;
/// g.add_node(Node::new("e:2", NodeKind::Enterprise, "泰安市泰山钢铁（集团）股份有限公司"))?;
/// g.add_node(Node::new("e:3", NodeKind::Enterprise, "鲁南化工有限公司"))?;
/// let d = find_duplicates(&g, &DedupOptions::default())?;
/// assert_eq!(d.clusters(), vec![vec!["e:1".to_string(), "e:2".to_string()]]);
/// # Ok::<(), kechuang::Error>(())
/// ```
pub fn find_duplicates(g: &CollabGraph, opts: &DedupOptions) -> Result<Duplicates> {
    find_duplicates_with(g, opts, |_, _| true)
}

/// Finds likely duplicate entities: normalisation, blocking, scoring (see the module docs).
///
/// # Arguments
/// * `g` — the graph; `opts` — kinds, threshold, blocking parameters, extra place names.
/// * `progress` — called with `(records done, records total)` after each batch; return
///   `false` to stop with [`Error::Cancelled`].
///
/// # Returns
/// [`Duplicates`]: the pairs with score ≥ threshold, highest first (ties by keys), with
/// reasons; `invalid_value` for a threshold outside [0, 1] or a window of 0.
///
/// # Complexity
/// With n records of name length m, blocks capped at b and window w: O(n·m·b + n·w) candidate
/// pairs at most, each scored in O(m² + t) (t topics); O(n·m + pairs) space. In practice
/// 100,000 names take about 3 s on two busy cores (see `benches/dedup.rs`).
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Node, NodeKind};
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("s:1", NodeKind::Society, "中国金属学会"))?;
/// g.add_node(Node::new("s:2", NodeKind::Society, "中国 金属 学会 "))?;
/// let mut calls = 0;
/// let d = kechuang::programme::find_duplicates_with(&g, &Default::default(), |_, _| { calls += 1; true })?;
/// assert_eq!(d.pairs[0].score, 1.0);
/// assert!(calls > 0);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Christen, *Data Matching* (Springer, 2012): q-gram indexing and sorted-neighbourhood
/// blocking (ch. 4), Jaro–Winkler and edit-distance comparison (ch. 5).
pub fn find_duplicates_with(
    g: &CollabGraph,
    opts: &DedupOptions,
    mut progress: impl FnMut(usize, usize) -> bool,
) -> Result<Duplicates> {
    if !(0.0..=1.0).contains(&opts.threshold) {
        return Err(Error::invalid(
            "threshold",
            format!("{} is outside [0, 1]", opts.threshold),
        ));
    }
    if opts.window == 0 {
        return Err(Error::invalid("window", "must be at least 1"));
    }
    let mut kinds = opts.kinds.clone();
    kinds.sort();
    kinds.dedup();
    let total: usize = kinds.iter().map(|&k| g.nodes_of(k).count()).sum();
    let mut out = Duplicates::default();
    let mut done = 0;
    for kind in kinds {
        let ids: Vec<NodeId> = g.nodes_of(kind).map(|(id, _)| id).collect();
        let recs: Vec<Rec> = ids.iter().filter_map(|&id| record(g, id, opts)).collect();
        out.records += recs.len();
        let pairs = candidates(&recs, opts);
        out.candidates += pairs.len();
        const BATCH: usize = 1 << 16;
        for (b, chunk) in pairs.chunks(BATCH).enumerate() {
            let scored = score_all(g, kind, &recs, chunk, opts.threshold);
            out.pairs.extend(scored);
            let frac = ((b + 1) * BATCH).min(pairs.len()) as f64 / pairs.len().max(1) as f64;
            if !progress(done + (frac * recs.len() as f64) as usize, total) {
                return Err(Error::Cancelled);
            }
        }
        done += recs.len();
        if !progress(done, total) {
            return Err(Error::Cancelled);
        }
    }
    out.pairs.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| x.a.cmp(&y.a))
            .then_with(|| x.b.cmp(&y.b))
    });
    Ok(out)
}

fn score_one(
    g: &CollabGraph,
    kind: NodeKind,
    recs: &[Rec],
    (i, j): (u32, u32),
    threshold: f64,
) -> Option<DuplicatePair> {
    let (a, b) = (recs.get(i as usize)?, recs.get(j as usize)?);
    let (s, _, _) = score(g, kind, a, b, Some(threshold));
    if s < threshold {
        return None;
    }
    let (s, name, reasons) = score(g, kind, a, b, None);
    let (a, b) = if a.id < b.id { (a, b) } else { (b, a) };
    Some(DuplicatePair {
        a: a.key.clone(),
        b: b.key.clone(),
        kind,
        score: s,
        name_similarity: name,
        reasons,
    })
}

#[cfg(feature = "parallel")]
fn score_all(
    g: &CollabGraph,
    kind: NodeKind,
    recs: &[Rec],
    pairs: &[(u32, u32)],
    threshold: f64,
) -> Vec<DuplicatePair> {
    use rayon::prelude::*;
    pairs
        .par_iter()
        .filter_map(|&p| score_one(g, kind, recs, p, threshold))
        .collect()
}

#[cfg(not(feature = "parallel"))]
fn score_all(
    g: &CollabGraph,
    kind: NodeKind,
    recs: &[Rec],
    pairs: &[(u32, u32)],
    threshold: f64,
) -> Vec<DuplicatePair> {
    pairs
        .iter()
        .filter_map(|&p| score_one(g, kind, recs, p, threshold))
        .collect()
}

// ---- merge ---------------------------------------------------------------------------------

/// A field whose values differed: the survivor's was kept, the other's is stored under
/// `attrs["merged_from:<key>"]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldConflict {
    /// Field name (`attrs.<name>` for a free attribute).
    pub field: String,
    /// The survivor's value, kept.
    pub kept: serde_json::Value,
    /// The merged entity's value, kept under `merged_from:<key>`.
    pub other: serde_json::Value,
}

/// A relation that joined the two merged entities and would have become a self-loop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DroppedEdge {
    /// Its id (now removed).
    pub id: EdgeId,
    /// Its relation.
    pub relation: Relation,
}

/// What [`merge`] did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeReport {
    /// Key of the entity kept.
    pub survivor: String,
    /// Key of the entity merged into it (now an alias of the survivor).
    pub merged: String,
    /// Relations moved to the survivor (ids unchanged).
    pub rewired_edges: usize,
    /// Relations between the two, dropped.
    pub dropped_edges: Vec<DroppedEdge>,
    /// Lifecycle events whose actor was rewritten to the survivor's key.
    pub events_rewritten: usize,
    /// Keys that now resolve to the survivor: the merged key and its former aliases.
    pub aliases: Vec<String>,
    /// Fields the survivor lacked and took from the merged entity (lists: items added).
    pub fields_added: Vec<String>,
    /// Fields with conflicting values.
    pub conflicts: Vec<FieldConflict>,
    /// The attribute holding the conflicting values (`merged_from:<key>`), if any.
    pub conflicts_attr: Option<String>,
}

/// The merged node, fields added, conflicts and the attribute holding them.
type Merged = (
    crate::model::Node,
    Vec<String>,
    Vec<FieldConflict>,
    Option<String>,
);

fn merged_node(g: &CollabGraph, keep: NodeId, drop: NodeId) -> Result<Merged> {
    let (sn, dn) = (g.try_node(keep)?, g.try_node(drop)?);
    let to_obj = |n| match serde_json::to_value(NodeRecord::from_node(None, n)) {
        Ok(serde_json::Value::Object(m)) => Ok(m),
        _ => Err(Error::invalid("node", "could not be converted to a record")),
    };
    let (mut a, b) = (to_obj(sn)?, to_obj(dn)?);
    let mut added = Vec::new();
    let mut conflicts = Vec::new();
    for (field, bv) in &b {
        if matches!(field.as_str(), "id" | "key" | "kind" | "attrs") {
            continue;
        }
        match a.get_mut(field) {
            None => {
                a.insert(field.clone(), bv.clone());
                added.push(field.clone());
            }
            Some(av) if av == bv => {}
            Some(serde_json::Value::Array(items)) if bv.is_array() => {
                let mut n = 0;
                for x in bv.as_array().into_iter().flatten() {
                    if !items.contains(x) {
                        items.push(x.clone());
                        n += 1;
                    }
                }
                if n > 0 {
                    added.push(format!("{field} (+{n})"));
                }
            }
            Some(av) => conflicts.push(FieldConflict {
                field: field.clone(),
                kept: av.clone(),
                other: bv.clone(),
            }),
        }
    }
    let mut attrs = sn.attrs.clone();
    for (k, v) in &dn.attrs {
        match attrs.get(k) {
            None => {
                attrs.insert(k.clone(), v.clone());
                added.push(format!("attrs.{k}"));
            }
            Some(x) if x == v => {}
            Some(x) => conflicts.push(FieldConflict {
                field: format!("attrs.{k}"),
                kept: x.clone(),
                other: v.clone(),
            }),
        }
    }
    let mut conflicts_attr = None;
    if !conflicts.is_empty() {
        let mut name = format!("merged_from:{}", dn.key);
        let mut i = 2;
        while attrs.contains_key(&name) {
            name = format!("merged_from:{}#{i}", dn.key);
            i += 1;
        }
        let obj: serde_json::Map<String, serde_json::Value> = conflicts
            .iter()
            .map(|c| (c.field.clone(), c.other.clone()))
            .collect();
        attrs.insert(name.clone(), serde_json::Value::Object(obj));
        conflicts_attr = Some(name);
    }
    a.remove("attrs");
    let mut rec: NodeRecord = serde_json::from_value(serde_json::Value::Object(a))
        .map_err(|e| Error::invalid("merge", format!("merged record is invalid: {e}")))?;
    rec.attrs = (!attrs.is_empty()).then_some(attrs);
    let node = rec.into_node()?;
    node.validate()?;
    Ok((node, added, conflicts, conflicts_attr))
}

/// Merges `duplicate` into `survivor`: every relation of the duplicate is moved to the
/// survivor (relation ids unchanged; relations between the two are dropped and listed), every
/// lifecycle event whose actor is the duplicate (or one of its aliases) names the survivor,
/// the duplicate's key and aliases become aliases of the survivor, and no attribute is lost:
/// fields the survivor lacks are taken over, lists are united, and conflicting values stay
/// with the survivor while the duplicate's are stored in `attrs["merged_from:<key>"]` and
/// reported.
///
/// # Arguments
/// * `survivor`, `duplicate` — keys (or aliases) of two distinct entities of the same kind
///   (regions and demands cannot be merged).
///
/// # Returns
/// A [`MergeReport`]. Errors, with nothing changed: `unknown_key`, `wrong_kind` (different
/// kinds), `invalid_value` (the same entity, or a region / demand).
///
/// # Complexity
/// O(deg(duplicate)·deg + D·L + A) time for D demands with logs of length L and A aliases;
/// O(deg + fields) space.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Node, NodeKind, Relation};
/// use kechuang::programme::merge;
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("e:1", NodeKind::Enterprise, "泰山钢铁集团有限公司"))?;
/// let mut dup = Node::new("e:2", NodeKind::Enterprise, "泰山钢铁");
/// dup.attrs.insert("phone".into(), "0538-1234567".into());
/// g.add_node(dup)?;
/// g.add_node(Node::new("d:1", NodeKind::Demand, "x"))?;
/// g.connect(Relation::Posted, "e:2", "d:1")?;
/// let r = merge(&mut g, "e:1", "e:2")?;
/// assert_eq!(r.rewired_edges, 1);
/// assert_eq!(g.id("e:2"), g.id("e:1")); // the old key still resolves
/// assert_eq!(g.get("e:1").unwrap().attrs["phone"], "0538-1234567");
/// assert_eq!(r.conflicts[0].field, "name"); // the other name is kept too
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Christen, *Data Matching* (Springer, 2012), ch. 6 (merging matched records, "data fusion").
pub fn merge(g: &mut CollabGraph, survivor: &str, duplicate: &str) -> Result<MergeReport> {
    let keep = g.resolve(survivor)?;
    let drop = g.resolve(duplicate)?;
    if keep == drop {
        return Err(Error::invalid(
            "duplicate",
            format!("{duplicate:?} and {survivor:?} are already the same entity"),
        ));
    }
    let (kk, dk) = (g.try_node(keep)?.kind(), g.try_node(drop)?.kind());
    if kk != dk {
        return Err(Error::WrongKind {
            key: duplicate.into(),
            expected: kk.to_string(),
            actual: format!("{dk} (only entities of the same kind can be merged)"),
        });
    }
    if matches!(kk, NodeKind::Region | NodeKind::Demand) {
        return Err(Error::invalid(
            "kind",
            format!("{kk} entities cannot be merged; move their relations by hand"),
        ));
    }
    let (node, fields_added, conflicts, conflicts_attr) = merged_node(g, keep, drop)?;
    let keep_key = g.key(keep).to_string();
    let drop_key = g.key(drop).to_string();
    let mut old_keys: Vec<String> = vec![drop_key.clone()];
    old_keys.extend(
        g.aliases()
            .iter()
            .filter(|(_, v)| **v == drop)
            .map(|(k, _)| k.clone()),
    );
    // the only validating step first; after it nothing can fail on a valid graph
    g.update_node(keep, node)?;
    let mut edges: Vec<EdgeId> = g
        .incident(drop, None, Direction::Both)
        .map(|(e, _, _)| e)
        .collect();
    edges.sort_unstable();
    edges.dedup();
    let mut rewired = 0;
    let mut dropped = Vec::new();
    for e in edges {
        let Some(edge) = g.edge(e) else { continue };
        let (s, t, rel) = (edge.source, edge.target, edge.relation);
        let ns = if s == drop { keep } else { s };
        let nt = if t == drop { keep } else { t };
        if ns == nt && s != t {
            g.remove_edge(e)?;
            dropped.push(DroppedEdge {
                id: e,
                relation: rel,
            });
        } else {
            g.rewire_edge(e, ns, nt)?;
            rewired += 1;
        }
    }
    let demands: Vec<NodeId> = g
        .nodes_of(NodeKind::Demand)
        .filter(|(_, n)| {
            n.as_demand().is_some_and(|d| {
                d.events
                    .iter()
                    .any(|e| e.actor.as_ref().is_some_and(|a| old_keys.contains(a)))
            })
        })
        .map(|(id, _)| id)
        .collect();
    let mut events_rewritten = 0;
    for d in demands {
        if let Some(NodeData::Demand(dd)) = g.node_data_mut(d) {
            for e in &mut dd.events {
                if e.actor.as_ref().is_some_and(|a| old_keys.contains(a)) {
                    e.actor = Some(keep_key.clone());
                    events_rewritten += 1;
                }
            }
        }
    }
    g.remove_node(drop)?;
    for k in &old_keys {
        g.add_alias(k.clone(), keep)?;
    }
    old_keys.sort();
    Ok(MergeReport {
        survivor: keep_key,
        merged: drop_key,
        rewired_edges: rewired,
        dropped_edges: dropped,
        events_rewritten,
        aliases: old_keys,
        fields_added,
        conflicts,
        conflicts_attr,
    })
}
