//! The one error type of kechuang.
//!
//! Every fallible public function returns [`Result<T>`](crate::Result). Each variant carries
//! structured fields (which entity, which field, which file, row and column) and a message that
//! says what to do about it. [`Error::code`] is a stable, machine-readable string that the Python
//! and JavaScript bindings expose unchanged; codes are never renamed once released.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where in the user's input a problem was found: a file, a 1-based row and a column name.
///
/// Every part is optional because not every input is a file (an API call has no row) and not
/// every problem has a column (a truncated file has none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// File name or path, as the caller gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based row (line for JSON, record for CSV counting the header as row 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// Column name (CSV header) or JSON field path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

impl Location {
    /// A location in a file, without row or column.
    pub fn file(file: impl Into<String>) -> Self {
        Self {
            file: Some(file.into()),
            ..Self::default()
        }
    }

    /// This location with the given 1-based row.
    #[must_use]
    pub fn with_row(mut self, row: u64) -> Self {
        self.row = Some(row);
        self
    }

    /// This location with the given column or field name.
    #[must_use]
    pub fn with_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    /// True when no part is known.
    pub fn is_empty(&self) -> bool {
        self.file.is_none() && self.row.is_none() && self.column.is_none()
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            parts.push(format!("file {file}"));
        }
        if let Some(row) = self.row {
            parts.push(format!("row {row}"));
        }
        if let Some(column) = &self.column {
            parts.push(format!("column {column:?}"));
        }
        if parts.is_empty() {
            f.write_str("input")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// Every error kechuang reports.
///
/// Match on [`Error::code`] rather than on the variant when crossing a language boundary; new
/// variants may be added in minor releases.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An entity with this key already exists.
    #[error(
        "duplicate key {key:?}{}: keys must be unique across all entity kinds; rename one of them or update the existing entity instead",
        at(location)
    )]
    DuplicateKey {
        /// The repeated key.
        key: String,
        /// Where the second occurrence was found, if it came from a file.
        location: Location,
    },
    /// No entity has this key (or alias).
    #[error(
        "unknown key {key:?}{}: add the entity first, or check the spelling (keys are case-sensitive)",
        at(location)
    )]
    UnknownKey {
        /// The key that was looked up.
        key: String,
        /// Where the reference was found, if it came from a file.
        location: Location,
    },
    /// No live entity or edge has this id (it never existed or was removed).
    #[error(
        "unknown {what} id {id}: it was never created or has been removed; look entities up by key instead"
    )]
    UnknownId {
        /// `"node"` or `"edge"`.
        what: &'static str,
        /// The id.
        id: u32,
    },
    /// The entity exists but is of another kind than the operation needs.
    #[error("{key:?} is a {actual}, but {expected} is needed here")]
    WrongKind {
        /// The entity's key.
        key: String,
        /// What the operation needs, e.g. `"demand"` or `"expert or society"`.
        expected: String,
        /// What the entity is.
        actual: String,
    },
    /// A relation between two kinds that the model does not allow.
    #[error(
        "relation {relation} is not allowed from {source_kind} to {target_kind}{}: allowed are {allowed}",
        at(location)
    )]
    RelationNotAllowed {
        /// The relation's name.
        relation: String,
        /// Kind of the source entity.
        source_kind: String,
        /// Kind of the target entity.
        target_kind: String,
        /// The allowed (source → target) pairs, for the message.
        allowed: String,
        /// Where the edge was found, if it came from a file.
        location: Location,
    },
    /// A value is out of range, not finite, empty where it must not be, or otherwise unusable.
    #[error("invalid value for {field}{}: {reason}", at(location))]
    InvalidValue {
        /// The field (or argument) name.
        field: String,
        /// What is wrong and what is expected.
        reason: String,
        /// Where the value was found, if it came from a file.
        location: Location,
    },
    /// Input that could not be parsed (JSON, CSV, a date, a number, an encoding).
    #[error("cannot parse {}: {message}", location)]
    Parse {
        /// Where parsing failed.
        location: Location,
        /// What went wrong and what is expected.
        message: String,
    },
    /// A file does not exist.
    #[error(
        "file not found: {path}: check the path (relative paths start from the working directory)"
    )]
    FileNotFound {
        /// The path as given.
        path: String,
    },
    /// Any other I/O failure.
    #[error("i/o error on {path}: {message}")]
    Io {
        /// The path as given.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// A snapshot written by a newer (or unknown) schema version.
    #[error(
        "snapshot schema_version {found} is not supported: this kechuang reads versions {min_supported} to {max_supported}; upgrade kechuang to read it"
    )]
    UnsupportedVersion {
        /// The version found in the input.
        found: u32,
        /// Oldest version this build reads.
        min_supported: u32,
        /// Newest version this build reads.
        max_supported: u32,
    },
    /// A demand lifecycle transition that the transition table does not allow.
    #[error("demand {demand:?} cannot go from {from} to {to}; allowed next states: {allowed}")]
    InvalidTransition {
        /// The demand's key.
        demand: String,
        /// Current state.
        from: String,
        /// Requested state.
        to: String,
        /// Allowed next states, for the message.
        allowed: String,
    },
    /// A problem has no solution under the given constraints; `reason` says which constraint
    /// fails and by how much.
    #[error("infeasible: {reason}")]
    Infeasible {
        /// Human-readable diagnosis.
        reason: String,
    },
    /// An input is larger than a documented limit.
    #[error("{what} is {actual}, above the limit of {limit}; {hint}")]
    LimitExceeded {
        /// What is too large.
        what: String,
        /// The documented limit.
        limit: u64,
        /// The actual size.
        actual: u64,
        /// What to do about it.
        hint: String,
    },
    /// A progress hook asked to stop.
    #[error("cancelled by the progress hook")]
    Cancelled,
    /// A capability that this build does not provide yet.
    #[error("{what} is not implemented yet")]
    NotImplemented {
        /// The capability.
        what: String,
    },
}

fn at(location: &Location) -> String {
    if location.is_empty() {
        String::new()
    } else {
        format!(" (at {location})")
    }
}

impl Error {
    /// The stable machine-readable code of this error, e.g. `"duplicate_key"`.
    ///
    /// Codes never change once released; Python exposes them as `exc.code`, JavaScript as
    /// `err.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::DuplicateKey { .. } => "duplicate_key",
            Error::UnknownKey { .. } => "unknown_key",
            Error::UnknownId { .. } => "unknown_id",
            Error::WrongKind { .. } => "wrong_kind",
            Error::RelationNotAllowed { .. } => "relation_not_allowed",
            Error::InvalidValue { .. } => "invalid_value",
            Error::Parse { .. } => "parse_error",
            Error::FileNotFound { .. } => "file_not_found",
            Error::Io { .. } => "io_error",
            Error::UnsupportedVersion { .. } => "unsupported_version",
            Error::InvalidTransition { .. } => "invalid_transition",
            Error::Infeasible { .. } => "infeasible",
            Error::LimitExceeded { .. } => "limit_exceeded",
            Error::Cancelled => "cancelled",
            Error::NotImplemented { .. } => "not_implemented",
        }
    }

    /// Every code this build can return, for bindings that map codes to exception classes.
    pub const CODES: &'static [&'static str] = &[
        "duplicate_key",
        "unknown_key",
        "unknown_id",
        "wrong_kind",
        "relation_not_allowed",
        "invalid_value",
        "parse_error",
        "file_not_found",
        "io_error",
        "unsupported_version",
        "invalid_transition",
        "infeasible",
        "limit_exceeded",
        "cancelled",
        "not_implemented",
    ];

    /// The location this error names, if any.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::DuplicateKey { location, .. }
            | Error::UnknownKey { location, .. }
            | Error::RelationNotAllowed { location, .. }
            | Error::InvalidValue { location, .. }
            | Error::Parse { location, .. } => Some(location),
            _ => None,
        }
    }

    /// The field, argument or limit the error is about: the `field` of
    /// [`Error::InvalidValue`], the `what` of [`Error::LimitExceeded`], else the location's
    /// column when there is one.
    ///
    /// ```
    /// use kechuang::Error;
    /// assert_eq!(Error::invalid("k", "must be ≥ 1").field(), Some("k"));
    /// assert_eq!(Error::unknown_key("x:1").field(), None);
    /// ```
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidValue { field, .. } => Some(field),
            Error::LimitExceeded { what, .. } => Some(what),
            e => e.location().and_then(|l| l.column.as_deref()),
        }
    }

    /// This error with its location filled in (for errors raised by a generic check and then
    /// attributed to a file row). Errors without a location are returned unchanged.
    #[must_use]
    pub fn at(mut self, loc: &Location) -> Self {
        if let Error::DuplicateKey { location, .. }
        | Error::UnknownKey { location, .. }
        | Error::RelationNotAllowed { location, .. }
        | Error::InvalidValue { location, .. }
        | Error::Parse { location, .. } = &mut self
        {
            if location.file.is_none() {
                location.file.clone_from(&loc.file);
            }
            if location.row.is_none() {
                location.row = loc.row;
            }
            if location.column.is_none() {
                location.column.clone_from(&loc.column);
            }
        }
        self
    }

    /// Shorthand for [`Error::InvalidValue`] without a location.
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidValue {
            field: field.into(),
            reason: reason.into(),
            location: Location::default(),
        }
    }

    /// Shorthand for [`Error::UnknownKey`] without a location.
    pub fn unknown_key(key: impl Into<String>) -> Self {
        Error::UnknownKey {
            key: key.into(),
            location: Location::default(),
        }
    }
}

/// `Result` with kechuang's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_listed_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Error::CODES {
            assert!(seen.insert(*code), "{code} listed twice");
        }
        let samples = [
            Error::unknown_key("x"),
            Error::invalid("f", "r"),
            Error::Cancelled,
            Error::UnknownId {
                what: "node",
                id: 3,
            },
        ];
        for e in samples {
            assert!(Error::CODES.contains(&e.code()));
        }
    }

    #[test]
    fn message_names_location() {
        let e = Error::invalid("capacity", "must be ≥ 0").at(&Location::file("experts.csv")
            .with_row(7)
            .with_column("capacity"));
        let msg = e.to_string();
        assert!(msg.contains("experts.csv"), "{msg}");
        assert!(msg.contains("row 7"), "{msg}");
        assert!(msg.contains("\"capacity\""), "{msg}");
    }
}
