//! The programme's descriptive header.

use serde::{Deserialize, Serialize};

use super::Date;

/// What a programme is and where its data comes from: a header kept with the graph in JSON
/// snapshots (schema version 2 and later) and CSV folders (`meta.json`). No computation reads
/// it; reports and widgets show it.
///
/// ```
/// use kechuang::model::ProgrammeMeta;
/// let m = ProgrammeMeta { title: Some("泰安市科创中国试点城市".into()), ..Default::default() };
/// assert!(!m.is_empty());
/// assert!(ProgrammeMeta::default().is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProgrammeMeta {
    /// The programme's name (e.g. "泰安市科创中国试点城市").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its English name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// Free description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the data comes from (a system, an export, a generator and its seed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The date the data describes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
}

impl ProgrammeMeta {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        *self == ProgrammeMeta::default()
    }
}
