//! Relations (edges).

use super::date::Date;
use super::entity::Attrs;
use super::ids::NodeId;
use super::kinds::Relation;
use crate::error::{Error, Result};

/// A directed relation between two entities, with an optional weight, dates, a role and free
/// attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The relation kind.
    pub relation: Relation,
    /// Source entity.
    pub source: NodeId,
    /// Target entity.
    pub target: NodeId,
    /// Strength, finite and ≥ 0; 1 by default.
    pub weight: f32,
    /// Role or share annotation, e.g. `"lead"` on a `solved` edge, used by credit rules.
    pub role: Option<Box<str>>,
    /// When the relation began.
    pub start: Option<Date>,
    /// When it ended.
    pub end: Option<Date>,
    /// Free user fields (boxed: most edges have none).
    pub attrs: Option<Box<Attrs>>,
}

impl Edge {
    /// An edge of weight 1 without dates, role or attributes.
    pub fn new(relation: Relation, source: NodeId, target: NodeId) -> Self {
        Edge {
            relation,
            source,
            target,
            weight: 1.0,
            role: None,
            start: None,
            end: None,
            attrs: None,
        }
    }

    /// The attributes (empty if none).
    pub fn attrs(&self) -> &Attrs {
        static EMPTY: Attrs = Attrs::new();
        self.attrs.as_deref().unwrap_or(&EMPTY)
    }

    /// Checks weight and dates.
    pub fn validate(&self) -> Result<()> {
        if !self.weight.is_finite() || self.weight < 0.0 {
            return Err(Error::invalid(
                "weight",
                format!("{} is not a finite weight ≥ 0", self.weight),
            ));
        }
        if let (Some(s), Some(e)) = (self.start, self.end)
            && e < s
        {
            return Err(Error::invalid(
                "end",
                format!("end {e} is before start {s}"),
            ));
        }
        Ok(())
    }
}
