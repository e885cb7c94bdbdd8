//! CSV export.

use std::path::Path;

use serde::Serialize;
use serde_json::{Map, Value};

use super::cell::struct_fields;
use super::decode::joinable;
use super::{CsvTables, files};
use crate::error::{Error, Result};
use crate::graph::CollabGraph;
use crate::io::json::trailing_bound;
use crate::io::record::{EdgeRecord, NodeRecord};
use crate::model::DemandEvent;

const OUTCOMES_HEADER: &str = "key,kind,produced_by,contributors\r\n";

fn object(v: &impl Serialize) -> Result<Map<String, Value>> {
    match serde_json::to_value(v) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Error::invalid("record", "did not serialise to an object")),
        Err(e) => Err(Error::invalid("record", e.to_string())),
    }
}

/// The text of one cell: strings verbatim, lists `;`-joined when that reads back the same
/// (else as a JSON array), objects as JSON.
fn cell_text(v: &Value) -> Result<String> {
    Ok(match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => {
            let strs: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            match strs {
                Some(s) if joinable(s.iter().copied()) => s.join(";"),
                _ => serde_json::to_string(v).map_err(|e| Error::invalid("cell", e.to_string()))?,
            }
        }
        Value::Object(_) => {
            serde_json::to_string(v).map_err(|e| Error::invalid("cell", e.to_string()))?
        }
    })
}

/// Writes rows as CSV: the columns are `fields` (in order) that any row uses, plus `required`.
fn table(fields: &[&str], required: &[&str], rows: &[Map<String, Value>]) -> Result<String> {
    let position: std::collections::HashMap<&str, usize> =
        fields.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let mut used: Vec<bool> = fields.iter().map(|f| required.contains(f)).collect();
    for r in rows {
        for k in r.keys() {
            if let Some(u) = position.get(k.as_str()).and_then(|&i| used.get_mut(i)) {
                *u = true;
            }
        }
    }
    // field position → column position
    let mut column_of = vec![None; fields.len()];
    let mut columns = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        if used.get(i).copied().unwrap_or(false) {
            column_of[i] = Some(columns.len());
            columns.push(*f);
        }
    }
    let err = |e: csv::Error| Error::Io {
        path: "csv".into(),
        message: e.to_string(),
    };
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(&columns).map_err(err)?;
    let mut cells = vec![String::new(); columns.len()];
    for r in rows {
        cells.iter_mut().for_each(String::clear);
        for (k, v) in r {
            let c = position
                .get(k.as_str())
                .and_then(|&i| column_of.get(i).copied().flatten())
                .and_then(|c| cells.get_mut(c))
                .ok_or_else(|| Error::invalid("csv", format!("no column for field {k:?}")))?;
            *c = cell_text(v)?;
        }
        w.write_record(&cells).map_err(err)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Io {
        path: "csv".into(),
        message: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| Error::invalid("csv", e.to_string()))
}

/// The graph as CSV tables (see the [module docs](super) for the columns).
///
/// `nodes` holds every entity with its stable `id` (demand logs go to `events`), `edges`
/// every relation with its `id` (each table ends with an id-only row when the newest ids
/// belong to removed entities or relations, so they are never handed out again), `events` every demand's lifecycle log, `aliases` the aliases
/// `taxonomy` the taxonomy and `meta` the programme's header as JSON. Outcomes are ordinary rows of `nodes` and `edges`;
/// `outcomes` stays empty. [`load_tables`](super::load_tables) of the result gives a graph
/// equal to `g` (the one exception: an optional text set to the empty string reads back as
/// absent, because an empty cell is absent).
///
/// # Arguments
/// * `g` — the graph.
///
/// # Returns
/// The tables, deterministic for a given graph (rows in id order, columns in field order,
/// CRLF line ends, no byte-order mark).
///
/// # Complexity
/// O(n + m + size of attributes) time and output size.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Node, NodeKind};
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("x:1", NodeKind::Expert, "张伟"))?;
/// let t = kechuang::io::csv::to_csv_tables(&g)?;
/// assert!(t.nodes.starts_with("id,key,kind,name,capacity\r\n0,x:1,expert,张伟,3\r\n"));
/// # Ok::<(), kechuang::Error>(())
/// ```
pub fn to_csv_tables(g: &CollabGraph) -> Result<CsvTables> {
    let mut nodes = Vec::with_capacity(g.node_count());
    let mut events = Vec::new();
    for (id, n) in g.nodes() {
        let mut rec = NodeRecord::from_node(Some(id.get()), n);
        for e in rec.events.take().unwrap_or_default() {
            let mut row = object(&e)?;
            row.insert("demand".into(), Value::String(n.key.clone()));
            events.push(row);
        }
        nodes.push(object(&rec)?);
    }
    let vacant = |bound: usize, last: Option<usize>| -> Option<Map<String, Value>> {
        let b = trailing_bound(bound, last)?;
        let mut row = Map::new();
        row.insert("id".into(), Value::from(b.saturating_sub(1)));
        Some(row)
    };
    nodes.extend(vacant(
        g.node_bound(),
        g.nodes().last().map(|(id, _)| id.index()),
    ));
    let mut edges = Vec::with_capacity(g.edge_count());
    for (id, e) in g.edges() {
        let rec = EdgeRecord::from_edge(g, Some(id), e);
        let mut row = object(&rec)?;
        if let Some(w) = rec.weight {
            // f32's own shortest form ("0.1"), not the widened f64 ("0.10000000149011612").
            row.insert("weight".into(), Value::String(w.to_string()));
        }
        edges.push(row);
    }
    edges.extend(vacant(
        g.edge_bound(),
        g.edges().last().map(|(id, _)| id.index()),
    ));
    let aliases: Vec<Map<String, Value>> = g
        .aliases()
        .iter()
        .map(|(a, id)| {
            let mut m = Map::new();
            m.insert("alias".into(), Value::String(a.clone()));
            m.insert("key".into(), Value::String(g.key(*id).to_string()));
            m
        })
        .collect();
    let mut event_fields = vec!["demand"];
    event_fields.extend_from_slice(struct_fields::<DemandEvent>());
    Ok(CsvTables {
        nodes: table(struct_fields::<NodeRecord>(), &["key", "kind"], &nodes)?,
        edges: table(
            struct_fields::<EdgeRecord>(),
            &["relation", "source", "target"],
            &edges,
        )?,
        events: table(&event_fields, &["demand", "date", "to"], &events)?,
        outcomes: String::new(),
        aliases: table(&["alias", "key"], &["alias", "key"], &aliases)?,
        taxonomy: serde_json::to_string_pretty(g.taxonomy())
            .map_err(|e| Error::invalid("taxonomy", e.to_string()))?,
        meta: serde_json::to_string_pretty(g.meta())
            .map_err(|e| Error::invalid("meta", e.to_string()))?,
    })
}

/// Writes the graph to a folder as `nodes.csv`, `edges.csv`, `events.csv`, `aliases.csv` and
/// `taxonomy.json` and `meta.json`, plus an `outcomes.csv` with only a header (outcomes are in the nodes and
/// edges; an old outcomes table must not be read again), creating the folder and replacing
/// those files. The CSV files are UTF-8 with
/// a byte-order mark, so Excel opens them correctly; [`load_dir`](super::load_dir) reads them
/// back into an equal graph.
///
/// # Arguments
/// * `g` — the graph.
/// * `path` — the folder.
///
/// # Returns
/// `()`, or `io_error` naming the file that could not be written.
///
/// # Complexity
/// O(n + m) time; the tables are built in memory first.
///
/// # Example
/// ```
/// use kechuang::graph::CollabGraph;
/// use kechuang::model::{Node, NodeKind};
/// let mut g = CollabGraph::new();
/// g.add_node(Node::new("x:1", NodeKind::Expert, "张伟"))?;
/// let dir = std::env::temp_dir().join(format!("kechuang-doc-{}", std::process::id()));
/// kechuang::io::csv::write_dir(&g, &dir)?;
/// assert_eq!(kechuang::io::csv::load_dir(&dir, &Default::default())?, g);
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok::<(), kechuang::Error>(())
/// ```
pub fn write_dir(g: &CollabGraph, path: impl AsRef<Path>) -> Result<()> {
    let dir = path.as_ref();
    let io = |p: &Path, e: std::io::Error| Error::Io {
        path: p.display().to_string(),
        message: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let t = to_csv_tables(g)?;
    for (name, text, bom) in [
        (files::NODES, &t.nodes, true),
        (files::EDGES, &t.edges, true),
        (files::EVENTS, &t.events, true),
        (files::ALIASES, &t.aliases, true),
        (files::OUTCOMES, &OUTCOMES_HEADER.to_string(), true),
        (files::TAXONOMY, &t.taxonomy, false),
        (files::META, &t.meta, false),
    ] {
        let p = dir.join(name);
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(text.as_bytes());
        std::fs::write(&p, bytes).map_err(|e| io(&p, e))?;
    }
    Ok(())
}
