//! The flat record form of entities and relations shared by JSON snapshots, CSV tables and the
//! bindings: one object (one CSV row) per entity, with every kind's fields optional, and a
//! clear error for a field that does not apply to the entity's kind.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::CollabGraph;
use crate::model::{
    Attrs, Date, Demand, DemandEvent, Document, Edge, EdgeExtra, EdgeId, Enterprise,
    EnterpriseSize, Expert, Institution, Instrument, Liaison, Node, NodeData, NodeKind, Offer,
    Outcome, Region, Relation, Society, Title, Urgency,
};

/// One entity as a flat record. `key` and `kind` are required; every other field is optional
/// and must apply to the kind (see the table in the [`io`](crate::io) module docs).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct NodeRecord {
    /// Stable id; optional on input (assigned in order), always written on output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u32>,
    pub key: String,
    pub kind: Option<NodeKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Society level or region level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Institution kind, document kind, outcome kind, or an instrument's free category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industries: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disciplines: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keywords: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub titles: Option<Vec<Title>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<Vec<String>>,
    /// Demand / offer / document text, or an expert's profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Document title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<EnterpriseSize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_tech: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_cny: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posted: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<DemandEvent>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Instrument start, or the date a liaison joined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Region's administrative code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attrs: Option<Attrs>,
}

fn some_vec(v: &[String]) -> Option<Vec<String>> {
    (!v.is_empty()).then(|| v.to_vec())
}

impl NodeRecord {
    /// The record of an entity (only the fields that apply to its kind, empty lists left out).
    pub fn from_node(id: Option<u32>, n: &Node) -> NodeRecord {
        let mut r = NodeRecord {
            id,
            key: n.key.clone(),
            kind: Some(n.kind()),
            name: Some(n.name.clone()),
            name_en: n.name_en.clone(),
            attrs: (!n.attrs.is_empty()).then(|| n.attrs.clone()),
            ..Default::default()
        };
        match &n.data {
            NodeData::Enterprise(e) => {
                r.industries = some_vec(&e.industries);
                r.size = e.size;
                r.high_tech = e.high_tech.then_some(true);
                r.flags = some_vec(&e.flags);
            }
            NodeData::Society(s) => {
                r.level = Some(s.level.to_string());
                r.disciplines = some_vec(&s.disciplines);
                r.keywords = some_vec(&s.keywords);
            }
            NodeData::Expert(x) => {
                r.titles = (!x.titles.is_empty()).then(|| x.titles.clone());
                r.disciplines = some_vec(&x.disciplines);
                r.keywords = some_vec(&x.keywords);
                r.capacity = Some(x.capacity);
                r.text = (!x.profile.is_empty()).then(|| x.profile.clone());
            }
            NodeData::Institution(i) => {
                r.subtype = Some(i.kind.to_string());
                r.disciplines = some_vec(&i.disciplines);
            }
            NodeData::Liaison(l) => {
                r.tier = Some(l.tier);
                r.start = l.since;
            }
            NodeData::Region(g) => {
                r.level = Some(g.level.to_string());
                r.code.clone_from(&g.code);
            }
            NodeData::Demand(d) => {
                r.text = Some(d.text.clone());
                r.keywords = some_vec(&d.keywords);
                r.industries = some_vec(&d.industries);
                r.disciplines = some_vec(&d.disciplines);
                r.urgency = Some(d.urgency);
                r.budget_cny = d.budget_cny;
                r.posted = d.posted;
                r.events = (!d.events.is_empty()).then(|| d.events.clone());
            }
            NodeData::Offer(o) => {
                r.text = Some(o.text.clone());
                r.keywords = some_vec(&o.keywords);
                r.industries = some_vec(&o.industries);
                r.disciplines = some_vec(&o.disciplines);
            }
            NodeData::Document(d) => {
                r.subtype = Some(d.kind.to_string());
                r.title = Some(d.title.clone());
                r.text = (!d.text.is_empty()).then(|| d.text.clone());
                r.year = d.year;
                r.keywords = some_vec(&d.keywords);
            }
            NodeData::Workstation(i)
            | NodeData::Forum(i)
            | NodeData::Agreement(i)
            | NodeData::Alliance(i)
            | NodeData::ServiceTeam(i)
            | NodeData::Project(i)
            | NodeData::Training(i) => {
                r.subtype.clone_from(&i.category);
                r.start = i.start;
                r.end = i.end;
                r.budget_cny = i.budget_cny;
                r.industries = some_vec(&i.industries);
            }
            NodeData::Outcome(o) => {
                r.subtype = Some(o.kind.to_string());
                r.value = Some(o.value);
                r.unit.clone_from(&o.unit);
                r.date = o.date;
            }
        }
        r
    }

    /// The entity this record describes. Errors name the field: a missing `kind`, a value that
    /// does not parse, or a field that does not apply to the kind.
    pub fn into_node(mut self) -> Result<Node> {
        let kind = self
            .kind
            .ok_or_else(|| Error::invalid("kind", "is missing; every entity needs a kind"))?;
        let mut data = NodeData::default_for(kind);
        let r = &mut self;
        match &mut data {
            NodeData::Enterprise(Enterprise {
                industries,
                size,
                high_tech,
                flags,
            }) => {
                *industries = r.industries.take().unwrap_or_default();
                *size = r.size.take();
                *high_tech = r.high_tech.take().unwrap_or(false);
                *flags = r.flags.take().unwrap_or_default();
            }
            NodeData::Society(Society {
                level,
                disciplines,
                keywords,
            }) => {
                if let Some(l) = r.level.take() {
                    *level = l.parse()?;
                }
                *disciplines = r.disciplines.take().unwrap_or_default();
                *keywords = r.keywords.take().unwrap_or_default();
            }
            NodeData::Expert(Expert {
                titles,
                disciplines,
                keywords,
                capacity,
                profile,
            }) => {
                *titles = r.titles.take().unwrap_or_default();
                *disciplines = r.disciplines.take().unwrap_or_default();
                *keywords = r.keywords.take().unwrap_or_default();
                if let Some(c) = r.capacity.take() {
                    *capacity = c;
                }
                *profile = r.text.take().unwrap_or_default();
            }
            NodeData::Institution(Institution { kind, disciplines }) => {
                if let Some(s) = r.subtype.take() {
                    *kind = s.parse()?;
                }
                *disciplines = r.disciplines.take().unwrap_or_default();
            }
            NodeData::Liaison(Liaison { tier, since }) => {
                *tier = r.tier.take().unwrap_or(0);
                *since = r.start.take();
            }
            NodeData::Region(Region { level, code }) => {
                if let Some(l) = r.level.take() {
                    *level = l.parse()?;
                }
                *code = r.code.take();
            }
            NodeData::Demand(Demand {
                text,
                keywords,
                industries,
                disciplines,
                urgency,
                budget_cny,
                posted,
                events,
            }) => {
                *text = r.text.take().unwrap_or_default();
                *keywords = r.keywords.take().unwrap_or_default();
                *industries = r.industries.take().unwrap_or_default();
                *disciplines = r.disciplines.take().unwrap_or_default();
                if let Some(u) = r.urgency.take() {
                    *urgency = u;
                }
                *budget_cny = r.budget_cny.take();
                *posted = r.posted.take();
                *events = r.events.take().unwrap_or_default();
            }
            NodeData::Offer(Offer {
                text,
                keywords,
                industries,
                disciplines,
            }) => {
                *text = r.text.take().unwrap_or_default();
                *keywords = r.keywords.take().unwrap_or_default();
                *industries = r.industries.take().unwrap_or_default();
                *disciplines = r.disciplines.take().unwrap_or_default();
            }
            NodeData::Document(Document {
                kind,
                title,
                text,
                year,
                keywords,
            }) => {
                if let Some(s) = r.subtype.take() {
                    *kind = s.parse()?;
                }
                *title = r.title.take().unwrap_or_default();
                *text = r.text.take().unwrap_or_default();
                *year = r.year.take();
                *keywords = r.keywords.take().unwrap_or_default();
            }
            NodeData::Workstation(i)
            | NodeData::Forum(i)
            | NodeData::Agreement(i)
            | NodeData::Alliance(i)
            | NodeData::ServiceTeam(i)
            | NodeData::Project(i)
            | NodeData::Training(i) => {
                let Instrument {
                    category,
                    start,
                    end,
                    budget_cny,
                    industries,
                } = i;
                *category = r.subtype.take();
                *start = r.start.take();
                *end = r.end.take();
                *budget_cny = r.budget_cny.take();
                *industries = r.industries.take().unwrap_or_default();
            }
            NodeData::Outcome(Outcome {
                kind,
                value,
                unit,
                date,
            }) => {
                if let Some(s) = r.subtype.take() {
                    *kind = s.parse()?;
                }
                *value = r.value.take().unwrap_or(0.0);
                *unit = r.unit.take();
                *date = r.date.take();
            }
        }
        if let Some(field) = self.leftover() {
            return Err(Error::invalid(
                field,
                format!("does not apply to kind {kind}; remove it or keep it under \"attrs\""),
            ));
        }
        let node = Node {
            key: self.key,
            name: self.name.unwrap_or_default(),
            name_en: self.name_en,
            data,
            attrs: self.attrs.unwrap_or_default(),
        };
        node.validate()?;
        Ok(node)
    }

    /// The first kind-specific field still set after conversion.
    fn leftover(&self) -> Option<&'static str> {
        let set = [
            ("level", self.level.is_some()),
            ("subtype", self.subtype.is_some()),
            ("industries", self.industries.is_some()),
            ("disciplines", self.disciplines.is_some()),
            ("keywords", self.keywords.is_some()),
            ("titles", self.titles.is_some()),
            ("flags", self.flags.is_some()),
            ("text", self.text.is_some()),
            ("title", self.title.is_some()),
            ("size", self.size.is_some()),
            ("high_tech", self.high_tech.is_some()),
            ("capacity", self.capacity.is_some()),
            ("tier", self.tier.is_some()),
            ("urgency", self.urgency.is_some()),
            ("budget_cny", self.budget_cny.is_some()),
            ("posted", self.posted.is_some()),
            ("events", self.events.is_some()),
            ("year", self.year.is_some()),
            ("start", self.start.is_some()),
            ("end", self.end.is_some()),
            ("value", self.value.is_some()),
            ("unit", self.unit.is_some()),
            ("date", self.date.is_some()),
            ("code", self.code.is_some()),
        ];
        set.iter().find(|(_, s)| *s).map(|(f, _)| *f)
    }
}

/// One relation as a flat record; endpoints are entity keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EdgeRecord {
    /// Stable id; optional on input, always written on output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u32>,
    /// Relation kind.
    pub relation: Relation,
    /// Source entity's key (or alias).
    pub source: String,
    /// Target entity's key (or alias).
    pub target: String,
    /// Weight (1 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f32>,
    /// Role annotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// End date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// Free user fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attrs: Option<Attrs>,
}

impl EdgeRecord {
    /// The record of a relation of `g`.
    pub fn from_edge(g: &CollabGraph, id: Option<EdgeId>, e: &Edge) -> EdgeRecord {
        EdgeRecord {
            id: id.map(EdgeId::get),
            relation: e.relation,
            source: g.key(e.source).to_string(),
            target: g.key(e.target).to_string(),
            weight: (e.weight != 1.0).then_some(e.weight),
            role: e.role().map(str::to_string),
            start: e.start(),
            end: e.end(),
            attrs: Some(e.attrs()).filter(|a| !a.is_empty()).cloned(),
        }
    }

    /// The relation, with endpoints resolved in `g`.
    pub fn to_edge(&self, g: &CollabGraph) -> Result<Edge> {
        Ok(Edge {
            relation: self.relation,
            source: g.resolve(&self.source)?,
            target: g.resolve(&self.target)?,
            weight: self.weight.unwrap_or(1.0),
            extra: Some(Box::new(EdgeExtra {
                role: self.role.clone(),
                start: self.start,
                end: self.end,
                attrs: self.attrs.clone().unwrap_or_default(),
            }))
            .filter(|x| !x.is_empty()),
        })
    }
}

/// Largest jump between consecutive ids accepted from a snapshot or a CSV file: a gap keeps
/// one vacant slot per missing id, so a typo like `4000000000` must not reserve gigabytes.
pub(crate) const MAX_ID_GAP: usize = 1 << 24;

/// Makes `id` the next node id of `g` by reserving vacant ids (removed entities) before it.
/// Errors (`invalid_value` on field `id`, no location) when `id` is not above the last id or
/// jumps more than [`MAX_ID_GAP`] ahead.
pub(crate) fn reserve_node_id(g: &mut CollabGraph, id: u32) -> Result<()> {
    check_gap("", id as usize, g.node_bound())?;
    while g.node_bound() < id as usize {
        g.push_vacant()?;
    }
    Ok(())
}

/// Like [`reserve_node_id`], for edge ids.
pub(crate) fn reserve_edge_id(g: &mut CollabGraph, id: u32) -> Result<()> {
    check_gap("edge ", id as usize, g.edge_bound())?;
    while g.edge_bound() < id as usize {
        g.push_vacant_edge()?;
    }
    Ok(())
}

fn check_gap(what: &str, id: usize, bound: usize) -> Result<()> {
    if id < bound {
        return Err(Error::invalid(
            "id",
            format!("{what}id {id} is not above the previous id; ids must increase"),
        ));
    }
    if id - bound > MAX_ID_GAP {
        return Err(Error::invalid(
            "id",
            format!(
                "{what}id {id} jumps {} ids past the previous one; gaps above {MAX_ID_GAP} are refused (leave ids out to have them assigned)",
                id - bound
            ),
        ));
    }
    Ok(())
}
