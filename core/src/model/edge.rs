//! Relations (edges).

use super::date::Date;
use super::entity::Attrs;
use super::ids::NodeId;
use super::kinds::Relation;
use crate::error::{Error, Result};

/// A directed relation between two entities, with a weight and optional extras (role, dates,
/// free attributes).
///
/// Kept at 24 bytes: the rarely used extras live behind one optional box, so a graph of ten
/// million relations stays compact.
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
    /// Role, dates and attributes, if any of them is set.
    pub extra: Option<Box<EdgeExtra>>,
}

/// The optional parts of an [`Edge`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EdgeExtra {
    /// Role or share annotation, e.g. `"lead"` on a `solved` edge, used by credit rules.
    pub role: Option<String>,
    /// When the relation began.
    pub start: Option<Date>,
    /// When it ended.
    pub end: Option<Date>,
    /// Free user fields.
    pub attrs: Attrs,
}

impl EdgeExtra {
    /// True when nothing is set.
    pub fn is_empty(&self) -> bool {
        self.role.is_none() && self.start.is_none() && self.end.is_none() && self.attrs.is_empty()
    }
}

impl Edge {
    /// An edge of weight 1 without extras.
    pub fn new(relation: Relation, source: NodeId, target: NodeId) -> Self {
        Edge {
            relation,
            source,
            target,
            weight: 1.0,
            extra: None,
        }
    }

    /// This edge with a weight.
    #[must_use]
    pub fn with_weight(mut self, weight: f32) -> Self {
        self.weight = weight;
        self
    }

    /// This edge with a role.
    #[must_use]
    pub fn with_role(mut self, role: impl Into<String>) -> Self {
        self.extra_mut().role = Some(role.into());
        self
    }

    /// This edge with start and end dates.
    #[must_use]
    pub fn with_dates(mut self, start: Option<Date>, end: Option<Date>) -> Self {
        let x = self.extra_mut();
        x.start = start;
        x.end = end;
        self
    }

    /// The extras, created empty if absent.
    pub fn extra_mut(&mut self) -> &mut EdgeExtra {
        self.extra.get_or_insert_with(Default::default)
    }

    /// The role, if set.
    pub fn role(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|x| x.role.as_deref())
    }

    /// The start date, if set.
    pub fn start(&self) -> Option<Date> {
        self.extra.as_ref().and_then(|x| x.start)
    }

    /// The end date, if set.
    pub fn end(&self) -> Option<Date> {
        self.extra.as_ref().and_then(|x| x.end)
    }

    /// The attributes (empty if none).
    pub fn attrs(&self) -> &Attrs {
        static EMPTY: Attrs = Attrs::new();
        self.extra.as_ref().map_or(&EMPTY, |x| &x.attrs)
    }

    /// Checks weight and dates.
    pub fn validate(&self) -> Result<()> {
        if !self.weight.is_finite() || self.weight < 0.0 {
            return Err(Error::invalid(
                "weight",
                format!("{} is not a finite weight ≥ 0", self.weight),
            ));
        }
        if let (Some(s), Some(e)) = (self.start(), self.end())
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
