//! CSV import.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use serde::Deserialize;

use super::cell::{Cell, CellError, Kind, Row, struct_fields};
use super::decode::{Shown, decode};
use super::{CsvOptions, CsvTables, files};
use crate::error::{Error, Location, Result};
use crate::graph::CollabGraph;
use crate::io::record::{EdgeRecord, NodeRecord, reserve_edge_id, reserve_node_id};
use crate::model::{
    Attrs, DemandEvent, Edge, EdgeId, NodeId, NodeKind, ProgrammeMeta, Relation, Taxonomy,
};

/// Extra columns of `outcomes.csv` besides the node fields.
const PRODUCED_BY: &str = "produced_by";
const CONTRIBUTORS: &str = "contributors";
/// The demand column of `events.csv`.
const DEMAND: &str = "demand";

/// A parsed header: per column, the schema field it names (or `None` for an extra column).
struct Header {
    /// Column names as written (trimmed).
    names: Vec<String>,
    /// The schema field each column names.
    fields: Vec<Option<&'static str>>,
}

/// One data row split into schema cells and extra cells (non-empty cells only).
struct Cells<'a> {
    loc: Location,
    known: Vec<(&'static str, &'a str)>,
    extra: Vec<(&'a str, &'a str)>,
}

impl<'a> Cells<'a> {
    /// Removes and returns the cell of `field`.
    fn take(&mut self, field: &str) -> Option<&'a str> {
        let i = self.known.iter().position(|(f, _)| *f == field)?;
        Some(self.known.remove(i).1)
    }

    fn at(&self, column: &str) -> Location {
        self.loc.clone().with_column(column)
    }

    /// Deserialises the schema cells into a record.
    fn record<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        T::deserialize(Row(self.known.clone())).map_err(|e| cell_error(e, &self.loc))
    }
}

fn cell_error(e: CellError, loc: &Location) -> Error {
    let mut location = loc.clone();
    location.column.clone_from(&e.column);
    match e.kind {
        Kind::Parse => Error::Parse {
            location,
            message: e.message,
        },
        Kind::Invalid => Error::InvalidValue {
            field: e.column.unwrap_or_default(),
            reason: e.message,
            location,
        },
    }
}

/// Attributes a model error to a row: an invalid field names its column (the field's root, if
/// the table has such a column, else `fallback`); other errors get `fallback` as column.
fn locate(e: Error, loc: &Location, columns: &[&str], fallback: &str) -> Error {
    match e {
        Error::InvalidValue {
            field,
            reason,
            location,
        } if location.column.is_none() => {
            let root = field.split(['[', '.']).next().unwrap_or_default();
            let column = if columns.contains(&root) {
                root.to_string()
            } else {
                fallback.to_string()
            };
            Error::InvalidValue {
                field,
                reason,
                location: loc.clone().with_column(column),
            }
        }
        Error::LimitExceeded {
            what,
            limit,
            actual,
            hint,
        } => Error::LimitExceeded {
            what,
            limit,
            actual,
            hint: format!("{hint} (at {})", loc.clone().with_column(fallback)),
        },
        other => other.at(&loc.clone().with_column(fallback)),
    }
}

/// Reads the whole input (up to the documented size limit).
fn slurp(mut reader: impl Read, file: &str) -> Result<Vec<u8>> {
    let limit = crate::limits::MAX_INPUT_BYTES;
    let mut buf = Vec::new();
    (&mut reader)
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| Error::Io {
            path: file.into(),
            message: e.to_string(),
        })?;
    if buf.len() as u64 > limit {
        return Err(Error::LimitExceeded {
            what: format!("size of {file} in bytes"),
            limit,
            actual: buf.len() as u64,
            hint: "split the table into several files".into(),
        });
    }
    Ok(buf)
}

/// Parses a table and calls `on_row` for every data row that is not blank.
fn for_each_row(
    bytes: &[u8],
    file: &str,
    opts: &CsvOptions,
    schema: &[&'static str],
    required: &[&str],
    mut on_row: impl FnMut(Cells<'_>) -> Result<()>,
) -> Result<usize> {
    let text = decode(bytes, opts.encoding, file)?;
    let delimiter = u8::try_from(opts.delimiter)
        .ok()
        .filter(|d| d.is_ascii() && !matches!(d, b'"' | b'\n' | b'\r'))
        .ok_or_else(|| {
            Error::invalid(
                "delimiter",
                format!(
                    "{:?} cannot separate cells; use one ASCII character such as ',' or '\\t'",
                    opts.delimiter
                ),
            )
        })?;
    check_quotes(text.as_bytes(), delimiter, file)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let head_loc = Location::file(file).with_row(1);
    let parse = |e: csv::Error, row: u64| Error::Parse {
        location: Location::file(file).with_row(row),
        message: e.to_string(),
    };
    let header_rec = match records.next() {
        Some(r) => r.map_err(|e| parse(e, 1))?,
        None => csv::StringRecord::new(),
    };
    let header = parse_header(&header_rec, schema, &head_loc)?;
    for req in required {
        if !header.fields.contains(&Some(*req)) {
            return Err(Error::InvalidValue {
                field: (*req).into(),
                reason: format!(
                    "{file} has no {req:?} column; the header row must name the columns {}",
                    required.join(", ")
                ),
                location: head_loc.clone().with_column(*req),
            });
        }
    }
    // The spreadsheet row: the physical line where the record starts, less the line breaks
    // inside quoted cells before it (blank lines, which the csv crate skips, still count).
    let breaks = |r: &csv::StringRecord| -> u64 {
        r.iter()
            .map(|c| c.bytes().filter(|&b| b == b'\n').count() as u64)
            .sum()
    };
    let mut inside = breaks(&header_rec);
    let mut n = 0;
    let mut row: u64 = 1;
    for rec in records {
        row += 1;
        let rec = rec.map_err(|e| parse(e, row))?;
        if let Some(p) = rec.position() {
            // the record's position is where the reader started, before any skipped blank lines
            let blank = usize::try_from(p.byte())
                .ok()
                .and_then(|b| text.as_bytes().get(b..))
                .map_or(0, |rest| {
                    rest.iter()
                        .take_while(|&&b| b == b'\n' || b == b'\r')
                        .filter(|&&b| b == b'\n')
                        .count() as u64
                });
            row = (p.line() + blank).saturating_sub(inside).max(row);
        }
        inside += breaks(&rec);
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let loc = Location::file(file).with_row(row);
        let width = header.names.len();
        if rec.len() < width {
            let missing = header.names.get(rec.len()).cloned().unwrap_or_default();
            return Err(Error::Parse {
                location: loc.with_column(missing),
                message: format!(
                    "the row has {} cells but the header has {width} columns (truncated file, or a cell with an unbalanced quote?)",
                    rec.len()
                ),
            });
        }
        if let Some((i, _)) = rec
            .iter()
            .enumerate()
            .skip(width)
            .find(|(_, c)| !c.is_empty())
        {
            return Err(Error::Parse {
                location: loc.with_column(format!("#{}", i + 1)),
                message: format!(
                    "the row has {} cells but the header has {width} columns; add a header for the extra cells or remove them",
                    rec.len()
                ),
            });
        }
        let mut cells = Cells {
            loc,
            known: Vec::new(),
            extra: Vec::new(),
        };
        for ((cell, name), field) in rec.iter().zip(&header.names).zip(&header.fields) {
            if cell.is_empty() {
                continue;
            }
            match field {
                Some(f) => cells.known.push((f, cell)),
                None if name.is_empty() => {
                    return Err(Error::Parse {
                        location: cells.loc.clone().with_column(""),
                        message: "a cell under a column without a name; name the column in the header row".into(),
                    });
                }
                None => cells.extra.push((name, cell)),
            }
        }
        on_row(cells)?;
        n += 1;
    }
    Ok(n)
}

/// Refuses a quoted cell that never closes (a truncated file, or a stray `"` at the start of
/// a cell): the csv crate would silently read the rest of the file into that one cell.
fn check_quotes(bytes: &[u8], delimiter: u8, file: &str) -> Result<()> {
    #[derive(PartialEq)]
    enum S {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = S::FieldStart;
    let (mut row, mut open_row) = (1u64, 1u64);
    for &b in bytes {
        state = match (state, b) {
            (S::Quoted, b'"') => S::QuoteInQuoted,
            (S::Quoted, _) => S::Quoted,
            (S::FieldStart, b'"') => {
                open_row = row;
                S::Quoted
            }
            (S::QuoteInQuoted, b'"') => S::Quoted,
            (_, b'\n') => {
                row += 1;
                S::FieldStart
            }
            (_, d) if d == delimiter => S::FieldStart,
            (S::FieldStart | S::QuoteInQuoted, b'\r') => S::FieldStart,
            _ => S::Unquoted,
        };
    }
    if state == S::Quoted {
        return Err(Error::Parse {
            location: Location::file(file).with_row(open_row),
            message: "a quoted cell starting on this row is never closed (truncated file, or a \
                      stray '\"' at the start of a cell); close the quote or double it as \"\""
                .into(),
        });
    }
    Ok(())
}

fn parse_header(
    rec: &csv::StringRecord,
    schema: &[&'static str],
    loc: &Location,
) -> Result<Header> {
    let mut names = Vec::with_capacity(rec.len());
    let mut fields = Vec::with_capacity(rec.len());
    for raw in rec {
        let name = raw.trim().trim_start_matches('\u{feff}').trim().to_string();
        let lower = name.to_ascii_lowercase();
        let field = schema.iter().copied().find(|f| *f == lower);
        let dup = if field.is_some() {
            fields.contains(&field)
        } else {
            !name.is_empty() && names.contains(&name)
        };
        if dup {
            return Err(Error::Parse {
                location: loc.clone().with_column(name.clone()),
                message: format!("column {name:?} appears twice in the header; keep one"),
            });
        }
        names.push(name);
        fields.push(field);
    }
    Ok(Header { names, fields })
}

/// Adds the extra cells of a row as string attributes.
fn merge_extras(attrs: &mut Option<Attrs>, cells: &Cells<'_>) -> Result<()> {
    for (name, text) in &cells.extra {
        let a = attrs.get_or_insert_with(Attrs::new);
        if a.contains_key(*name) {
            return Err(Error::InvalidValue {
                field: (*name).to_string(),
                reason: format!(
                    "{name:?} is both a column and a key of the attrs JSON; keep only one of them"
                ),
                location: cells.at(name),
            });
        }
        a.insert(
            (*name).to_string(),
            serde_json::Value::String((*text).to_string()),
        );
    }
    Ok(())
}

/// The id of a row that holds only an id (a removed entity or relation whose id stays
/// reserved), else `None`.
fn vacant_id(cells: &Cells<'_>) -> Result<Option<u32>> {
    match (cells.known.as_slice(), cells.extra.is_empty()) {
        ([("id", text)], true) => u32::deserialize(Cell(text))
            .map(Some)
            .map_err(|e| cell_error(e, &cells.at("id"))),
        _ => Ok(None),
    }
}

/// Adds the entity of one row (nodes.csv or outcomes.csv).
fn add_node_row(g: &mut CollabGraph, cells: &Cells<'_>, columns: &[&str]) -> Result<NodeId> {
    let mut rec: NodeRecord = cells.record()?;
    merge_extras(&mut rec.attrs, cells)?;
    let id = rec.id.take();
    let node = rec
        .into_node()
        .map_err(|e| locate(e, &cells.loc, columns, "kind"))?;
    if let Some(id) = id {
        reserve_node_id(g, id).map_err(|e| e.at(&cells.at("id")))?;
    }
    g.add_node(node)
        .map_err(|e| locate(e, &cells.loc, columns, "key"))
}

/// Resolves a key named in `column`; an unknown key names the column.
fn resolve(g: &CollabGraph, key: &str, loc: &Location) -> Result<NodeId> {
    g.resolve(key).map_err(|e| e.at(loc))
}

/// Reads `nodes.csv` into `g`: one entity per row (columns in the [module docs](super)).
///
/// # Arguments
/// * `g` — the graph to add to; rows are added in order.
/// * `reader` — the file's bytes (any [`Encoding`](super::Encoding) the options allow).
/// * `file_name` — the name errors report.
/// * `opts` — encoding and delimiter.
///
/// # Returns
/// The number of rows read (entities added, plus id-only rows). On error the rows before the failing one stay added; use
/// [`load_files`] / [`load_dir`] for all-or-nothing loading.
///
/// # Complexity
/// O(size of the file) time; O(size of the file) extra space for the decoded text.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::io::csv::{read_nodes, CsvOptions};
/// let mut g = CollabGraph::new();
/// let n = read_nodes(&mut g, "key,kind,name,机构\nx:1,expert,张伟,山东大学\n".as_bytes(), "nodes.csv", &CsvOptions::default())?;
/// assert_eq!(n, 1);
/// // the extra column 机构 is kept as an attribute
/// assert_eq!(g.get("x:1").unwrap().attrs["机构"], "山东大学");
/// # Ok::<(), kechuang::Error>(())
/// ```
pub fn read_nodes(
    g: &mut CollabGraph,
    reader: impl Read,
    file_name: &str,
    opts: &CsvOptions,
) -> Result<usize> {
    let bytes = slurp(reader, file_name)?;
    let schema = struct_fields::<NodeRecord>();
    for_each_row(&bytes, file_name, opts, schema, &["key", "kind"], |cells| {
        if let Some(id) = vacant_id(&cells)? {
            reserve_node_id(g, id).map_err(|e| e.at(&cells.at("id")))?;
            return g.push_vacant().map(|_| ());
        }
        add_node_row(g, &cells, schema).map(|_| ())
    })
}

/// Reads `outcomes.csv` into `g`: per row an outcome entity, a `produced` relation from the
/// demand or instrument in `produced_by` (if given) and a `contributed` relation from each key
/// in `contributors`. `kind` may be left out (it must be `outcome` if given).
///
/// Arguments, returns and complexity as [`read_nodes`]; referenced keys must already exist.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::io::csv::{read_nodes, read_outcomes, CsvOptions};
/// let o = CsvOptions::default();
/// let mut g = CollabGraph::new();
/// read_nodes(&mut g, "key,kind\nd:1,demand\nx:1,expert\nx:2,expert\n".as_bytes(), "nodes.csv", &o)?;
/// read_outcomes(&mut g, "key,subtype,value,unit,produced_by,contributors\n\
///                        o:1,economic_benefit,\"1,200,000\",CNY,d:1,x:1;x:2\n".as_bytes(), "outcomes.csv", &o)?;
/// assert_eq!(g.get("o:1").unwrap().as_outcome().unwrap().value, 1_200_000.0);
/// assert_eq!(g.edge_count(), 3);
/// # Ok::<(), kechuang::Error>(())
/// ```
pub fn read_outcomes(
    g: &mut CollabGraph,
    reader: impl Read,
    file_name: &str,
    opts: &CsvOptions,
) -> Result<usize> {
    let bytes = slurp(reader, file_name)?;
    let node_fields = struct_fields::<NodeRecord>();
    let mut schema = node_fields.to_vec();
    schema.extend([PRODUCED_BY, CONTRIBUTORS]);
    for_each_row(&bytes, file_name, opts, &schema, &["key"], |mut cells| {
        let produced_by = cells.take(PRODUCED_BY);
        let contributors = cells.take(CONTRIBUTORS);
        match cells.take("kind") {
            None => {}
            Some(k) if k.trim().eq_ignore_ascii_case("outcome") => {}
            Some(k) => {
                return Err(Error::InvalidValue {
                    field: "kind".into(),
                    reason: format!(
                        "{:?}: {file_name} holds outcomes only; put other entities in nodes.csv",
                        Shown(k)
                    ),
                    location: cells.at("kind"),
                });
            }
        }
        cells.known.push(("kind", "outcome"));
        let outcome = add_node_row(g, &cells, &schema)?;
        if let Some(src) = produced_by {
            let at = cells.at(PRODUCED_BY);
            let s = resolve(g, src, &at)?;
            g.add_edge(Edge::new(Relation::Produced, s, outcome))
                .map_err(|e| e.at(&at))?;
        }
        if let Some(list) = contributors {
            let at = cells.at(CONTRIBUTORS);
            let keys = Vec::<String>::deserialize(Cell(list)).map_err(|e| cell_error(e, &at))?;
            for key in keys {
                let c = resolve(g, &key, &at)?;
                g.add_edge(Edge::new(Relation::Contributed, c, outcome))
                    .map_err(|e| e.at(&at))?;
            }
        }
        Ok(())
    })
}

/// Reads `edges.csv` into `g`: one relation per row between entities given by key or alias.
///
/// Arguments, returns and complexity as [`read_nodes`].
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::io::csv::{read_edges, read_nodes, CsvOptions};
/// let o = CsvOptions::default();
/// let mut g = CollabGraph::new();
/// read_nodes(&mut g, "key,kind\nx:1,expert\ns:1,society\n".as_bytes(), "nodes.csv", &o)?;
/// read_edges(&mut g, "relation,source,target,role\nmember_of,x:1,s:1,理事\n".as_bytes(), "edges.csv", &o)?;
/// // the wrong way round is refused, naming file, row and column
/// let e = read_edges(&mut g, "relation,source,target\nmember_of,s:1,x:1\n".as_bytes(), "edges.csv", &o).unwrap_err();
/// assert_eq!(e.code(), "relation_not_allowed");
/// assert_eq!(e.location().unwrap().row, Some(2));
/// # Ok::<(), kechuang::Error>(())
/// ```
pub fn read_edges(
    g: &mut CollabGraph,
    reader: impl Read,
    file_name: &str,
    opts: &CsvOptions,
) -> Result<usize> {
    let bytes = slurp(reader, file_name)?;
    let schema = struct_fields::<EdgeRecord>();
    for_each_row(
        &bytes,
        file_name,
        opts,
        schema,
        &["relation", "source", "target"],
        |cells| {
            if let Some(id) = vacant_id(&cells)? {
                reserve_edge_id(g, id).map_err(|e| e.at(&cells.at("id")))?;
                return g.push_vacant_edge().map(|_| ());
            }
            let mut rec: EdgeRecord = cells.record()?;
            merge_extras(&mut rec.attrs, &cells)?;
            let edge = rec.to_edge(g).map_err(|e| {
                let column = match &e {
                    Error::UnknownKey { key, .. } if *key == rec.source => "source",
                    _ => "target",
                };
                e.at(&cells.at(column))
            })?;
            let added = match rec.id {
                Some(id) => {
                    reserve_edge_id(g, id).map_err(|e| e.at(&cells.at("id")))?;
                    g.add_edge_at(EdgeId::new(id), edge)
                }
                None => g.add_edge(edge).map(|_| ()),
            };
            added.map_err(|e| locate(e, &cells.loc, schema, "relation"))
        },
    )
}

/// Reads `events.csv` into `g`: demand lifecycle events (`demand`, `date`, `to`, `actor`,
/// `note`). Rows are grouped by demand, sorted by date (stably) and appended to each demand's
/// log; the log must then replay through the transition table
/// ([`DemandStatus::next`](crate::model::DemandStatus::next)).
///
/// Arguments and complexity as [`read_nodes`] (plus O(e log e) for sorting e events).
///
/// # Returns
/// The number of events added. All events are checked before any demand is changed, except
/// that a demand whose log fails leaves the demands before it (in order of first appearance)
/// updated.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::io::csv::{read_events, read_nodes, CsvOptions};
/// use kechuang::model::DemandStatus;
/// let o = CsvOptions::default();
/// let mut g = CollabGraph::new();
/// read_nodes(&mut g, "key,kind,posted\nd:1,demand,2024-01-05\n".as_bytes(), "nodes.csv", &o)?;
/// read_events(&mut g, "demand,date,to\nd:1,2024-02-01,matched\nd:1,2024-01-10,analysed\n".as_bytes(), "events.csv", &o)?;
/// assert_eq!(g.get("d:1").unwrap().as_demand().unwrap().status(), DemandStatus::Matched);
/// # Ok::<(), kechuang::Error>(())
/// ```
pub fn read_events(
    g: &mut CollabGraph,
    reader: impl Read,
    file_name: &str,
    opts: &CsvOptions,
) -> Result<usize> {
    let bytes = slurp(reader, file_name)?;
    let mut schema = vec![DEMAND];
    schema.extend_from_slice(struct_fields::<DemandEvent>());
    // demand id → (row, event) in file order; `order` keeps first appearance.
    let mut by_demand: BTreeMap<NodeId, Vec<(Location, DemandEvent)>> = BTreeMap::new();
    let mut order = Vec::new();
    let n = for_each_row(
        &bytes,
        file_name,
        opts,
        &schema,
        &[DEMAND, "date", "to"],
        |mut cells| {
            if let Some((name, _)) = cells.extra.first() {
                return Err(Error::InvalidValue {
                    field: (*name).to_string(),
                    reason: "events have no attributes; remove this column or move the information to note".into(),
                    location: cells.at(name),
                });
            }
            let key = cells.take(DEMAND).unwrap_or_default();
            let at = cells.at(DEMAND);
            let id = resolve(g, key, &at)?;
            if let Some(node) = g.node(id).filter(|n| n.kind() != NodeKind::Demand) {
                return Err(Error::InvalidValue {
                    field: DEMAND.into(),
                    reason: format!(
                        "{:?} is a {}; lifecycle events belong to demands",
                        Shown(key),
                        node.kind()
                    ),
                    location: at,
                });
            }
            let event: DemandEvent = cells.record()?;
            let list = by_demand.entry(id).or_default();
            if list.is_empty() {
                order.push(id);
            }
            list.push((cells.loc, event));
            Ok(())
        },
    )?;
    for id in order {
        let mut new = by_demand.remove(&id).unwrap_or_default();
        new.sort_by_key(|(_, e)| e.date);
        let mut node = g.try_node(id)?.clone();
        let Some(d) = node.as_demand() else { continue };
        let before = d.events.len();
        let mut events = d.events.clone();
        events.extend(new.iter().map(|(_, e)| e.clone()));
        if let crate::model::NodeData::Demand(d) = &mut node.data {
            d.events = events;
        }
        g.update_node(id, node).map_err(|e| match e {
            Error::InvalidValue {
                field,
                reason,
                location,
            } if location.is_empty() => {
                // field is "events[i].date" / "events[i].to"
                let (index, sub) = field
                    .strip_prefix("events[")
                    .and_then(|r| r.split_once(']'))
                    .map_or((None, ""), |(i, rest)| {
                        (i.parse::<usize>().ok(), rest.trim_start_matches('.'))
                    });
                let loc = index
                    .and_then(|i| i.checked_sub(before))
                    .and_then(|i| new.get(i))
                    .map(|(l, _)| l.clone())
                    .unwrap_or_else(|| Location::file(file_name));
                let column = if sub.is_empty() { "to" } else { sub }.to_string();
                Error::InvalidValue {
                    field,
                    reason,
                    location: loc.with_column(column),
                }
            }
            other => other,
        })?;
    }
    Ok(n)
}

/// Reads `aliases.csv` (`alias`, `key`) into `g`.
///
/// Arguments, returns and complexity as [`read_nodes`].
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::io::csv::{read_aliases, read_nodes, CsvOptions};
/// let o = CsvOptions::default();
/// let mut g = CollabGraph::new();
/// read_nodes(&mut g, "key,kind\nx:1,expert\n".as_bytes(), "nodes.csv", &o)?;
/// read_aliases(&mut g, "alias,key\n张伟-旧,x:1\n".as_bytes(), "aliases.csv", &o)?;
/// assert_eq!(g.id("张伟-旧"), g.id("x:1"));
/// # Ok::<(), kechuang::Error>(())
/// ```
pub fn read_aliases(
    g: &mut CollabGraph,
    reader: impl Read,
    file_name: &str,
    opts: &CsvOptions,
) -> Result<usize> {
    let bytes = slurp(reader, file_name)?;
    for_each_row(
        &bytes,
        file_name,
        opts,
        &["alias", "key"],
        &["alias", "key"],
        |mut cells| {
            if let Some((name, _)) = cells.extra.first() {
                return Err(Error::InvalidValue {
                    field: (*name).to_string(),
                    reason: "aliases have no attributes; remove this column".into(),
                    location: cells.at(name),
                });
            }
            let (Some(alias), Some(key)) = (cells.take("alias"), cells.take("key")) else {
                let column = if cells.take("alias").is_none() {
                    "alias"
                } else {
                    "key"
                };
                return Err(Error::InvalidValue {
                    field: column.into(),
                    reason: "is empty; every alias row needs an alias and the key it stands for"
                        .into(),
                    location: cells.at(column),
                });
            };
            let id = resolve(g, key, &cells.at("key"))?;
            g.add_alias(alias, id).map_err(|e| e.at(&cells.at("alias")))
        },
    )
}

/// Loads a programme from named files held in memory (`nodes.csv`, `edges.csv`,
/// `events.csv`, `outcomes.csv`, `aliases.csv`, `taxonomy.json`, `meta.json`; see the module docs).
///
/// # Arguments
/// * `files` — `(file name, bytes)` pairs; only `nodes.csv` is required.
/// * `opts` — encoding and delimiter for every CSV file.
///
/// # Returns
/// The graph, or the first error (nothing is half-loaded).
///
/// # Complexity
/// O(total input size) time and space.
///
/// # Example
/// ```
/// use kechuang::io::csv::{load_files, CsvOptions};
/// let (gbk, _, _) = encoding_rs::GB18030.encode("key,kind,name\nx:1,expert,张伟\n");
/// let g = load_files(&[("nodes.csv", &gbk[..])], &CsvOptions::default())?;
/// assert_eq!(g.get("x:1").unwrap().name, "张伟");
/// # Ok::<(), kechuang::Error>(())
/// ```
pub fn load_files(files: &[(&str, &[u8])], opts: &CsvOptions) -> Result<CollabGraph> {
    let known = [
        files::NODES,
        files::EDGES,
        files::EVENTS,
        files::OUTCOMES,
        files::ALIASES,
        files::TAXONOMY,
        files::META,
    ];
    let mut seen: BTreeMap<&str, &[u8]> = BTreeMap::new();
    for (name, bytes) in files {
        let Some(k) = known.iter().copied().find(|k| k == name) else {
            return Err(Error::invalid(
                "files",
                format!("{name:?} is not a table name; use {}", known.join(", ")),
            ));
        };
        if seen.insert(k, bytes).is_some() {
            return Err(Error::invalid("files", format!("{name:?} is given twice")));
        }
    }
    let Some(nodes) = seen.get(files::NODES) else {
        return Err(Error::FileNotFound {
            path: files::NODES.into(),
        });
    };
    let mut g = CollabGraph::new();
    if let Some(t) = seen.get(files::TAXONOMY) {
        let text = decode(t, super::Encoding::Utf8, files::TAXONOMY)?;
        let tax: Taxonomy = serde_json::from_str(&text)
            .map_err(|e| crate::io::json::json_error(e).at(&Location::file(files::TAXONOMY)))?;
        g.set_taxonomy(tax)
            .map_err(|e| e.at(&Location::file(files::TAXONOMY)))?;
    }
    if let Some(m) = seen.get(files::META) {
        let text = decode(m, super::Encoding::Utf8, files::META)?;
        let meta: ProgrammeMeta = serde_json::from_str(&text)
            .map_err(|e| crate::io::json::json_error(e).at(&Location::file(files::META)))?;
        g.set_meta(meta);
    }
    read_nodes(&mut g, *nodes, files::NODES, opts)?;
    type Reader = fn(&mut CollabGraph, &[u8], &str, &CsvOptions) -> Result<usize>;
    let steps: [(&str, Reader); 4] = [
        (files::ALIASES, |g, b, f, o| read_aliases(g, b, f, o)),
        (files::OUTCOMES, |g, b, f, o| read_outcomes(g, b, f, o)),
        (files::EDGES, |g, b, f, o| read_edges(g, b, f, o)),
        (files::EVENTS, |g, b, f, o| read_events(g, b, f, o)),
    ];
    for (name, read) in steps {
        if let Some(bytes) = seen.get(name) {
            read(&mut g, bytes, name, opts)?;
        }
    }
    Ok(g)
}

/// Loads a programme from in-memory tables (an empty string is an absent table; `nodes` is
/// required). See [`load_files`].
///
/// # Example
/// ```
/// use kechuang::io::csv::{load_tables, CsvOptions, CsvTables};
/// let t = CsvTables { nodes: "\u{feff}key,kind\nr:1,region\n".into(), ..Default::default() };
/// assert_eq!(load_tables(&t, &CsvOptions::default())?.node_count(), 1);
/// # Ok::<(), kechuang::Error>(())
/// ```
pub fn load_tables(tables: &CsvTables, opts: &CsvOptions) -> Result<CollabGraph> {
    let all = [
        (files::NODES, &tables.nodes),
        (files::EDGES, &tables.edges),
        (files::EVENTS, &tables.events),
        (files::OUTCOMES, &tables.outcomes),
        (files::ALIASES, &tables.aliases),
        (files::TAXONOMY, &tables.taxonomy),
        (files::META, &tables.meta),
    ];
    let present: Vec<(&str, &[u8])> = all
        .iter()
        .filter(|(_, t)| !t.is_empty())
        .map(|(n, t)| (*n, t.as_bytes()))
        .collect();
    load_files(&present, opts)
}

/// Loads a programme from a folder holding `nodes.csv` and optionally `edges.csv`,
/// `events.csv`, `outcomes.csv`, `aliases.csv`, `taxonomy.json` and `meta.json`.
///
/// Errors: `file_not_found` when the folder has no `nodes.csv`, `io_error` when a file cannot
/// be read, and every error of [`load_files`].
///
/// # Complexity
/// O(total input size) time and space.
///
/// # Example
/// ```no_run
/// let g = kechuang::io::csv::load_dir("data/taian", &Default::default())?;
/// # Ok::<(), kechuang::Error>(())
/// ```
pub fn load_dir(path: impl AsRef<Path>, opts: &CsvOptions) -> Result<CollabGraph> {
    let dir = path.as_ref();
    let names = [
        files::NODES,
        files::EDGES,
        files::EVENTS,
        files::OUTCOMES,
        files::ALIASES,
        files::TAXONOMY,
        files::META,
    ];
    let mut contents = Vec::new();
    for name in names {
        let p = dir.join(name);
        match std::fs::File::open(&p) {
            Ok(f) => contents.push((name, slurp(f, &p.display().to_string())?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if name == files::NODES {
                    return Err(Error::FileNotFound {
                        path: p.display().to_string(),
                    });
                }
            }
            Err(e) => {
                return Err(Error::Io {
                    path: p.display().to_string(),
                    message: e.to_string(),
                });
            }
        }
    }
    let refs: Vec<(&str, &[u8])> = contents.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    load_files(&refs, opts)
}
