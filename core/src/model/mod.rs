//! The domain model: ids, entity kinds and their data, relation kinds and the table of allowed
//! endpoints, the demand lifecycle, taxonomies, dates.

mod date;
mod edge;
mod entity;
mod ids;
mod kinds;
mod lifecycle;
mod meta;
mod taxonomy;

pub use date::Date;
pub use edge::{Edge, EdgeExtra};
pub use entity::{
    Attrs, Demand, Document, DocumentKind, Enterprise, EnterpriseSize, Expert, Institution,
    InstitutionKind, Instrument, Liaison, Node, NodeData, Offer, Outcome, OutcomeKind, Region,
    RegionLevel, Society, SocietyLevel, Title, Urgency,
};
pub use ids::{EdgeId, NodeId};
pub use kinds::{NodeKind, Relation};
pub(crate) use lifecycle::names as lifecycle_names;
pub use lifecycle::{DemandEvent, DemandStatus};
pub use meta::ProgrammeMeta;
pub use taxonomy::{MapEntry, Taxonomy, Term};
