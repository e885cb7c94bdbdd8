//! CSV tables: import a programme from spreadsheets, export a graph as spreadsheets.
//!
//! A programme folder holds up to five tables and one JSON file:
//!
//! | file | one row per | required columns | other columns |
//! |---|---|---|---|
//! | `nodes.csv` | entity | `key`, `kind` | every [`NodeRecord`](super::NodeRecord) field (`id`, `name`, `name_en`, `level`, `subtype`, `industries`, …, `attrs`) |
//! | `edges.csv` | relation | `relation`, `source`, `target` | every [`EdgeRecord`](super::EdgeRecord) field (`id`, `weight`, `role`, `start`, `end`, `attrs`) |
//! | `events.csv` | demand lifecycle event | `demand`, `date`, `to` | `actor`, `note` |
//! | `outcomes.csv` | outcome | `key` | the node columns that apply to outcomes (`id`, `name`, `name_en`, `subtype`, `value`, `unit`, `date`, `attrs`; `kind` may be left out or must be `outcome`), `produced_by` (key of the demand or instrument that produced it: adds a `produced` relation), `contributors` (list of keys: adds one `contributed` relation from each, weight 1, no role — put roles and weights in `edges.csv` instead) |
//! | `aliases.csv` | alias | `alias`, `key` | — |
//! | `taxonomy.json` | — | the taxonomy as in a JSON snapshot; the default taxonomy when absent | |
//! | `meta.json` | — | the programme's header ([`ProgrammeMeta`](crate::model::ProgrammeMeta): `title`, `title_en`, `description`, `source`, `as_of`); empty when absent | |
//!
//! Only `nodes.csv` is required by [`load_dir`]. Tables are applied in the order nodes, aliases,
//! outcomes, edges, events, so an edge may name any entity (or alias) and an event any demand.
//!
//! # Cells
//!
//! * Column names are the record field names; they are matched after trimming spaces and
//!   ignoring ASCII case. A column name used twice is an error.
//! * **An empty cell is absent.** (So an optional text set to the empty string, e.g. an empty
//!   `name_en` or `unit`, reads back as absent; every other value survives an export/import round
//!   trip unchanged.) Rows whose cells are all blank are skipped: spreadsheets write them.
//! * Text cells are taken verbatim (spaces are kept).
//! * **Lists** (`industries`, `disciplines`, `keywords`, `titles`, `flags`, `contributors`):
//!   items separated by `;`, the full-width `；` or `|`; spaces around items and empty items are
//!   dropped. A list cell starting with `[` is read as a JSON array of strings instead, which is
//!   how the export writes lists whose items contain a separator or surrounding spaces.
//! * **Numbers**: surrounding spaces (also full-width and no-break spaces) are trimmed;
//!   full-width digits (`１２３．５`) and thousands separators (`1,000`, `12,345.5`, groups of
//!   exactly three digits) are accepted. Spaces inside a number (`1 000`), percent signs,
//!   currency signs and units are **rejected** with a `parse_error` that says how to write the
//!   number; so are `NaN` and infinities. Whole-number fields (`capacity`, `tier`, `year`, `id`)
//!   accept `3.0` but not `3.5`.
//! * **Yes/no** (`high_tech`): `true`/`false`, `yes`/`no`, `y`/`n`, `1`/`0`, `是`/`否`.
//! * **Dates**: `YYYY-MM-DD` (also `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD`, or a date-time).
//! * **Names of kinds, relations, levels, titles…**: snake_case, case-insensitive, `-` or a
//!   space accepted for `_` (`Service Team` = `service_team`).
//! * **`attrs`**: a JSON object (`{"founded": 1958, "tags": ["a"]}`).
//! * **Any other column** (not a field of the table) is kept, never dropped: a non-empty cell
//!   becomes the string attribute `attrs[column]` of the entity or relation. The same name in
//!   both the `attrs` JSON and an extra column is an `invalid_value` error. `events.csv` has no
//!   attributes, so an extra column there is an error.
//! * `id` columns keep the stable ids of an export: ids must increase down the file and gaps
//!   stay vacant, exactly as in a JSON snapshot. Without an `id` column ids are assigned in
//!   row order. A row of `nodes.csv` or `edges.csv` with only an `id` (every other cell
//!   empty) reserves that id for a removed entity or relation; the export writes one at the
//!   end of a table whose newest ids were removed, so they are never handed out again.
//! * `events.csv` rows are grouped by demand and sorted by date (stably, so rows of the same day
//!   keep their file order), appended to the demand's log, and the whole log is checked
//!   against the lifecycle transition table.
//!
//! # Encodings
//!
//! [`Encoding::Auto`] (the default) applies this rule to each file: a UTF-8 byte-order mark
//! means UTF-8 and a UTF-16 mark means UTF-16 (what Excel's "Unicode text" writes); otherwise
//! a file that is valid UTF-8 is UTF-8, and one that is not is decoded as GB18030 (a superset
//! of GBK and GB2312, what Excel in China writes by default). If it is not valid GB18030 either,
//! the error names the line of the first byte that is not UTF-8. [`Encoding::Utf8`] and
//! [`Encoding::Gb18030`] force one encoding (a byte-order mark still wins).
//!
//! # Errors
//!
//! Every error names the file, the 1-based row as a spreadsheet shows it (the header is row 1,
//! blank lines count, a quoted cell spanning several lines is one row) and the column: `parse_error` for text that is not a
//! number, date, list or JSON value, for ragged rows, for a quoted cell that never closes
//! (a truncated file) and for undecodable bytes;
//! `invalid_value` for a value out of range, a missing required column or cell, a field that
//! does not apply to the kind, or a lifecycle step that is not allowed; `unknown_key` for a
//! reference to a key that does not exist; `duplicate_key`; `relation_not_allowed` for a
//! relation between the wrong kinds. Nothing is silently dropped.
//!
//! # Example
//!
//! ```
//! use kechuang::io::csv::{load_tables, to_csv_tables, CsvOptions, CsvTables};
//!
//! let tables = CsvTables {
//!     nodes: "key,kind,name,capacity,keywords\n\
//!             x:zhang,expert,张伟,3,高炉;余热回收\n\
//!             e:steel,enterprise,泰山钢铁,,\n\
//!             d:1,demand,余热回收,,\n".into(),
//!     edges: "relation,source,target\nposted,e:steel,d:1\n".into(),
//!     events: "demand,date,to,actor\nd:1,2024-03-01,analysed,l:wang\n".into(),
//!     ..CsvTables::default()
//! };
//! let g = load_tables(&tables, &CsvOptions::default())?;
//! assert_eq!(g.node_count(), 3);
//! assert_eq!(g.get("x:zhang").and_then(|n| n.as_expert()).map(|x| x.capacity), Some(3));
//! // export → import gives the same graph, ids included
//! assert_eq!(load_tables(&to_csv_tables(&g)?, &CsvOptions::default())?, g);
//!
//! // errors name file, row and column
//! let bad = CsvTables { nodes: "key,kind,capacity\nx:1,expert,three\n".into(), ..CsvTables::default() };
//! let err = load_tables(&bad, &CsvOptions::default()).unwrap_err();
//! assert_eq!(err.code(), "parse_error");
//! let at = err.location().unwrap();
//! assert_eq!((at.file.as_deref(), at.row, at.column.as_deref()), (Some("nodes.csv"), Some(2), Some("capacity")));
//! # Ok::<(), kechuang::Error>(())
//! ```

mod cell;
mod decode;
mod read;
#[cfg(test)]
mod tests;
mod write;

use serde::{Deserialize, Serialize};

pub use read::{
    load_dir, load_files, load_tables, read_aliases, read_edges, read_events, read_nodes,
    read_outcomes,
};
pub use write::{to_csv_tables, write_dir};

/// File names [`load_dir`] and [`write_dir`] use.
pub mod files {
    /// Entities.
    pub const NODES: &str = "nodes.csv";
    /// Relations.
    pub const EDGES: &str = "edges.csv";
    /// Demand lifecycle events.
    pub const EVENTS: &str = "events.csv";
    /// Outcomes with their `produced` and `contributed` relations.
    pub const OUTCOMES: &str = "outcomes.csv";
    /// Aliases (old keys of merged entities).
    pub const ALIASES: &str = "aliases.csv";
    /// The taxonomy (JSON).
    pub const TAXONOMY: &str = "taxonomy.json";
    /// The programme's header, [`ProgrammeMeta`](crate::model::ProgrammeMeta) (JSON).
    pub const META: &str = "meta.json";
}

/// Text encoding of CSV input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Encoding {
    /// Byte-order mark, else UTF-8 if valid, else GB18030 (see the module docs).
    #[default]
    Auto,
    /// UTF-8 (a byte-order mark is skipped).
    Utf8,
    /// GB18030 / GBK / GB2312.
    Gb18030,
}

/// How to read CSV input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct CsvOptions {
    /// Text encoding; [`Encoding::Auto`] by default.
    pub encoding: Encoding,
    /// Cell delimiter, one ASCII character: `,` by default; `\t` for tab-separated text,
    /// `;` for some European spreadsheet exports.
    pub delimiter: char,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            encoding: Encoding::Auto,
            delimiter: ',',
        }
    }
}

impl CsvOptions {
    /// These options with another encoding.
    #[must_use]
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// These options with another delimiter.
    #[must_use]
    pub fn with_delimiter(mut self, delimiter: char) -> Self {
        self.delimiter = delimiter;
        self
    }
}

/// The tables of a programme as text, for callers without a file system (WASM) or that keep
/// data in memory. An empty string is an absent table; `taxonomy` is JSON.
///
/// [`to_csv_tables`] fills `nodes`, `edges`, `events`, `aliases`, `taxonomy` and `meta`
/// (outcomes travel as ordinary nodes and edges); [`load_tables`] reads every table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CsvTables {
    /// `nodes.csv`.
    pub nodes: String,
    /// `edges.csv`.
    pub edges: String,
    /// `events.csv`.
    pub events: String,
    /// `outcomes.csv`.
    pub outcomes: String,
    /// `aliases.csv`.
    pub aliases: String,
    /// `taxonomy.json`.
    pub taxonomy: String,
    /// `meta.json`.
    pub meta: String,
}
