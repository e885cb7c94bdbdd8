//! Industry and discipline taxonomies and the weighted map between them.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One term of a taxonomy: a code, names in Chinese and English, and an optional parent code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Unique code, e.g. `"C31"` (GB/T 4754 industry) or `"450"` (GB/T 13745 discipline).
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Parent code, for hierarchical taxonomies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// One weighted link industry ↔ discipline: how much the discipline serves the industry, in
/// [0, 1].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapEntry {
    /// Industry code.
    pub industry: String,
    /// Discipline code.
    pub discipline: String,
    /// Weight in [0, 1].
    pub weight: f64,
}

/// The two taxonomies and the weighted map that links demand (industries) to supply
/// (disciplines).
///
/// [`Taxonomy::default`] is a small documented default: twelve leading industries of a
/// Shandong pilot city (GB/T 4754-2017 codes) and twelve disciplines (GB/T 13745 codes), with
/// weights set by hand from which disciplines each industry's technical problems usually need.
/// Programmes with their own classification supply their own.
///
/// ```
/// use kechuang::model::Taxonomy;
/// let t = Taxonomy::default();
/// assert_eq!(t.fit(&["C31".into()], &["450".into()]), 1.0); // steel ↔ metallurgical engineering
/// assert_eq!(t.fit(&["C31".into()], &["350".into()]), 0.0); // steel ↔ pharmacy
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// Industry terms.
    pub industries: Vec<Term>,
    /// Discipline terms.
    pub disciplines: Vec<Term>,
    /// The weighted map.
    pub map: Vec<MapEntry>,
    #[serde(skip)]
    index: Index,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Index {
    industry: HashMap<String, usize>,
    discipline: HashMap<String, usize>,
    weight: HashMap<String, HashMap<String, f64>>,
}

const DEFAULT_INDUSTRIES: &[(&str, &str, &str)] = &[
    (
        "C31",
        "黑色金属冶炼和压延加工",
        "Steel and ferrous metallurgy",
    ),
    ("B06", "煤炭开采和洗选", "Coal mining"),
    ("C26", "化学原料和化学制品制造", "Chemicals"),
    ("C34", "通用设备制造", "General equipment manufacturing"),
    ("C35", "专用设备制造", "Special equipment manufacturing"),
    (
        "C30",
        "非金属矿物制品（新材料）",
        "Non-metallic minerals and new materials",
    ),
    ("C27", "医药制造", "Pharmaceuticals"),
    ("M745", "检验检测服务", "Testing and inspection"),
    ("A01", "现代农业", "Modern agriculture"),
    ("D44", "新能源与电力", "New energy and power"),
    ("I65", "软件和信息技术服务", "Software and IT services"),
    ("C17", "纺织", "Textiles"),
];

const DEFAULT_DISCIPLINES: &[(&str, &str, &str)] = &[
    ("450", "冶金工程技术", "Metallurgical engineering"),
    ("440", "矿山工程技术", "Mining engineering"),
    ("530", "化学工程", "Chemical engineering"),
    ("460", "机械工程", "Mechanical engineering"),
    ("430", "材料科学", "Materials science"),
    ("350", "药学", "Pharmacy"),
    ("410", "测绘与仪器科学", "Instrument science and metrology"),
    ("210", "农学", "Agronomy"),
    ("470", "动力与电气工程", "Power and electrical engineering"),
    ("520", "计算机科学技术", "Computer science"),
    ("610", "环境科学技术", "Environmental science"),
    ("540", "纺织科学技术", "Textile science"),
];

const DEFAULT_MAP: &[(&str, &str, f64)] = &[
    ("C31", "450", 1.0),
    ("C31", "430", 0.7),
    ("C31", "610", 0.4),
    ("C31", "460", 0.3),
    ("B06", "440", 1.0),
    ("B06", "460", 0.5),
    ("B06", "610", 0.5),
    ("B06", "470", 0.3),
    ("C26", "530", 1.0),
    ("C26", "430", 0.5),
    ("C26", "610", 0.6),
    ("C34", "460", 1.0),
    ("C34", "470", 0.5),
    ("C34", "430", 0.4),
    ("C34", "520", 0.3),
    ("C35", "460", 1.0),
    ("C35", "470", 0.6),
    ("C35", "520", 0.4),
    ("C30", "430", 1.0),
    ("C30", "530", 0.5),
    ("C30", "450", 0.3),
    ("C27", "350", 1.0),
    ("C27", "530", 0.6),
    ("M745", "410", 1.0),
    ("M745", "430", 0.4),
    ("M745", "530", 0.4),
    ("A01", "210", 1.0),
    ("A01", "610", 0.4),
    ("A01", "520", 0.2),
    ("D44", "470", 1.0),
    ("D44", "430", 0.5),
    ("D44", "610", 0.3),
    ("I65", "520", 1.0),
    ("I65", "410", 0.3),
    ("C17", "540", 1.0),
    ("C17", "530", 0.4),
    ("C17", "430", 0.4),
];

impl Default for Taxonomy {
    fn default() -> Self {
        let term = |&(code, zh, en): &(&str, &str, &str)| Term {
            code: code.into(),
            name_zh: zh.into(),
            name_en: en.into(),
            parent: None,
        };
        let mut t = Taxonomy {
            industries: DEFAULT_INDUSTRIES.iter().map(term).collect(),
            disciplines: DEFAULT_DISCIPLINES.iter().map(term).collect(),
            map: DEFAULT_MAP
                .iter()
                .map(|&(i, d, w)| MapEntry {
                    industry: i.into(),
                    discipline: d.into(),
                    weight: w,
                })
                .collect(),
            index: Index::default(),
        };
        t.reindex();
        t
    }
}

impl Taxonomy {
    /// A taxonomy from its parts, validated: unique codes, known parents without cycles, map
    /// entries naming known codes with weights in [0, 1].
    pub fn new(industries: Vec<Term>, disciplines: Vec<Term>, map: Vec<MapEntry>) -> Result<Self> {
        let mut t = Taxonomy {
            industries,
            disciplines,
            map,
            index: Index::default(),
        };
        t.validate()?;
        t.reindex();
        Ok(t)
    }

    /// An empty taxonomy (no terms, no map): taxonomy fit is then 0 everywhere.
    pub fn empty() -> Self {
        Taxonomy {
            industries: vec![],
            disciplines: vec![],
            map: vec![],
            index: Index::default(),
        }
    }

    /// Validates and rebuilds the lookup index; call after deserialising or editing fields.
    pub fn prepare(&mut self) -> Result<()> {
        self.validate()?;
        self.reindex();
        Ok(())
    }

    fn validate(&self) -> Result<()> {
        for (name, terms) in [
            ("industries", &self.industries),
            ("disciplines", &self.disciplines),
        ] {
            let mut seen = BTreeMap::new();
            for (i, t) in terms.iter().enumerate() {
                if t.code.trim().is_empty() {
                    return Err(Error::invalid(
                        format!("taxonomy.{name}[{i}].code"),
                        "is empty",
                    ));
                }
                if seen.insert(t.code.as_str(), i).is_some() {
                    return Err(Error::invalid(
                        format!("taxonomy.{name}[{i}].code"),
                        format!("code {:?} appears twice; codes must be unique", t.code),
                    ));
                }
            }
            for (i, t) in terms.iter().enumerate() {
                // walk up the parents; more steps than terms means a cycle
                let mut cur = t.parent.as_deref();
                let mut steps = 0;
                while let Some(p) = cur {
                    let Some(&j) = seen.get(p) else {
                        return Err(Error::invalid(
                            format!("taxonomy.{name}[{i}].parent"),
                            format!("parent {p:?} is not a code of this taxonomy"),
                        ));
                    };
                    steps += 1;
                    if steps > terms.len() {
                        return Err(Error::invalid(
                            format!("taxonomy.{name}[{i}].parent"),
                            format!("the parents of {:?} form a cycle", t.code),
                        ));
                    }
                    cur = terms[j].parent.as_deref();
                }
            }
        }
        let known = |terms: &[Term], c: &str| terms.iter().any(|t| t.code == c);
        for (i, m) in self.map.iter().enumerate() {
            if !known(&self.industries, &m.industry) {
                return Err(Error::invalid(
                    format!("taxonomy.map[{i}].industry"),
                    format!("{:?} is not an industry code", m.industry),
                ));
            }
            if !known(&self.disciplines, &m.discipline) {
                return Err(Error::invalid(
                    format!("taxonomy.map[{i}].discipline"),
                    format!("{:?} is not a discipline code", m.discipline),
                ));
            }
            if !(0.0..=1.0).contains(&m.weight) {
                return Err(Error::invalid(
                    format!("taxonomy.map[{i}].weight"),
                    format!("{} is not in [0, 1]", m.weight),
                ));
            }
        }
        Ok(())
    }

    fn reindex(&mut self) {
        let pos = |terms: &[Term]| {
            terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.code.clone(), i))
                .collect()
        };
        self.index = Index {
            industry: pos(&self.industries),
            discipline: pos(&self.disciplines),
            weight: HashMap::new(),
        };
        for m in &self.map {
            let w = self
                .index
                .weight
                .entry(m.industry.clone())
                .or_default()
                .entry(m.discipline.clone())
                .or_insert(0.0);
            *w = w.max(m.weight);
        }
    }

    /// The industry term with this code.
    pub fn industry(&self, code: &str) -> Option<&Term> {
        self.index.industry.get(code).map(|&i| &self.industries[i])
    }

    /// The discipline term with this code.
    pub fn discipline(&self, code: &str) -> Option<&Term> {
        self.index
            .discipline
            .get(code)
            .map(|&i| &self.disciplines[i])
    }

    /// Map weight of one industry ↔ discipline pair; when the pair is not in the map, the
    /// closest ancestors on either side are tried, each step up costing a factor 0.5.
    pub fn weight(&self, industry: &str, discipline: &str) -> f64 {
        let mut best = 0.0f64;
        let mut ind = Some(industry);
        let mut ind_factor = 1.0;
        let mut guard = 0;
        while let Some(i) = ind {
            let mut dis = Some(discipline);
            let mut factor = ind_factor;
            let mut guard2 = 0;
            while let Some(d) = dis {
                if let Some(&w) = self.index.weight.get(i).and_then(|m| m.get(d)) {
                    best = best.max(w * factor);
                }
                dis = self.discipline(d).and_then(|t| t.parent.as_deref());
                factor *= 0.5;
                guard2 += 1;
                if guard2 > self.disciplines.len() {
                    break;
                }
            }
            ind = self.industry(i).and_then(|t| t.parent.as_deref());
            ind_factor *= 0.5;
            guard += 1;
            if guard > self.industries.len() {
                break;
            }
        }
        best
    }

    /// Taxonomy fit of a demand's industries with a candidate's disciplines: the best pair
    /// weight, in [0, 1]; 0 when either list is empty.
    pub fn fit(&self, industries: &[String], disciplines: &[String]) -> f64 {
        industries
            .iter()
            .flat_map(|i| disciplines.iter().map(move |d| (i, d)))
            .map(|(i, d)| self.weight(i, d))
            .fold(0.0, f64::max)
    }

    /// Names of an industry code, `"code"` itself when unknown.
    pub fn industry_name(&self, code: &str) -> String {
        self.industry(code)
            .map_or_else(|| code.to_string(), |t| t.name_zh.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_valid_and_indexed() {
        let t = Taxonomy::default();
        t.validate().unwrap();
        assert_eq!(t.industry("C26").unwrap().name_en, "Chemicals");
        assert_eq!(t.weight("C26", "610"), 0.6);
        assert_eq!(t.fit(&[], &["450".into()]), 0.0);
    }

    #[test]
    fn hierarchy_and_errors() {
        let term = |c: &str, p: Option<&str>| Term {
            code: c.into(),
            name_zh: c.into(),
            name_en: c.into(),
            parent: p.map(Into::into),
        };
        let t = Taxonomy::new(
            vec![term("C", None), term("C31", Some("C"))],
            vec![term("450", None), term("4501", Some("450"))],
            vec![MapEntry {
                industry: "C".into(),
                discipline: "450".into(),
                weight: 0.8,
            }],
        )
        .unwrap();
        assert!((t.weight("C31", "4501") - 0.2).abs() < 1e-12);
        let cyc = Taxonomy::new(
            vec![term("A", Some("B")), term("B", Some("A"))],
            vec![],
            vec![],
        );
        assert!(cyc.unwrap_err().to_string().contains("cycle"));
        let bad = Taxonomy::new(
            vec![term("A", None)],
            vec![term("1", None)],
            vec![MapEntry {
                industry: "A".into(),
                discipline: "1".into(),
                weight: 1.5,
            }],
        );
        assert_eq!(bad.unwrap_err().code(), "invalid_value");
    }
}
