//! Reading and writing graphs: versioned JSON snapshots and CSV tables.
//!
//! Both formats use the same flat records ([`NodeRecord`], [`EdgeRecord`]): one object or row
//! per entity, `key` and `kind` required, every other field optional but only where it applies:
//!
//! | field | applies to |
//! |---|---|
//! | `name`, `name_en`, `attrs` | every kind |
//! | `level` | society (national, provincial, municipal, enterprise, university), region (province, city, district, county, park, town) |
//! | `subtype` | institution (university, research_institute, lab, hospital, other), document (paper, patent, report, case, standard, book, other), outcome (problem_solved, economic_benefit, market_share, award, patent, standard, talent, other), instruments (free category) |
//! | `industries` | enterprise, demand, offer, instruments |
//! | `disciplines` | society, expert, institution, demand, offer |
//! | `keywords` | society, expert, demand, offer, document |
//! | `titles`, `capacity` | expert |
//! | `size`, `high_tech`, `flags` | enterprise |
//! | `text` | demand, offer, document, expert (profile) |
//! | `title`, `year` | document |
//! | `tier` | liaison |
//! | `urgency`, `posted`, `events` | demand |
//! | `budget_cny` | demand, instruments |
//! | `start` | instruments, liaison (date joined) |
//! | `end` | instruments |
//! | `value`, `unit`, `date` | outcome |
//! | `code` | region |
//!
//! A field that does not apply is an error, never silently dropped.

pub mod csv;
mod json;
mod record;

pub use json::{MIN_SCHEMA_VERSION, SCHEMA_VERSION, Snapshot, from_json, to_json, to_json_pretty};
pub use record::{EdgeRecord, NodeRecord};
