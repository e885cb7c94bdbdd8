//! CSV tables: `Programme.load_csv` / `from_csv_tables` / `write_csv` / `to_csv_tables`, and
//! the events / outcomes / aliases DataFrames of `from_pandas` (read as CSV text by core).

use kechuang::graph::CollabGraph;
use kechuang::io::csv::{self, CsvOptions, CsvTables};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyType};

use crate::convert::{from_py, to_py};
use crate::programme::Programme;
use crate::run::detached;

fn options(encoding: &str, delimiter: char) -> PyResult<CsvOptions> {
    let enc = serde_json::from_value(serde_json::Value::String(encoding.to_ascii_lowercase()))
        .map_err(|_| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "encoding {encoding:?} is not one of: auto, utf8, gb18030"
            ))
        })?;
    Ok(CsvOptions::default()
        .with_encoding(enc)
        .with_delimiter(delimiter))
}

/// Applies the extra tables of `from_pandas` (CSV text made from DataFrames) to `g`, in the
/// order CSV import uses: aliases, outcomes, events.
pub(crate) fn apply_tables(
    g: &mut CollabGraph,
    aliases: &str,
    outcomes: &str,
    events: &str,
) -> kechuang::Result<()> {
    let o = CsvOptions::default();
    if !aliases.is_empty() {
        csv::read_aliases(g, aliases.as_bytes(), "aliases_df", &o)?;
    }
    if !outcomes.is_empty() {
        csv::read_outcomes(g, outcomes.as_bytes(), "outcomes_df", &o)?;
    }
    if !events.is_empty() {
        csv::read_events(g, events.as_bytes(), "events_df", &o)?;
    }
    Ok(())
}

#[pymethods]
impl Programme {
    /// Loads a programme folder: ``nodes.csv`` (required), ``edges.csv``, ``events.csv``,
    /// ``outcomes.csv``, ``aliases.csv``, ``taxonomy.json``. ``encoding``: ``"auto"``
    /// (UTF-8, else GB18030 as Excel in China writes), ``"utf8"`` or ``"gb18030"``. Errors
    /// name file, row and column.
    #[classmethod]
    #[pyo3(signature = (path, *, encoding = "auto", delimiter = ','))]
    fn load_csv(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        path: std::path::PathBuf,
        encoding: &str,
        delimiter: char,
    ) -> PyResult<Self> {
        let o = options(encoding, delimiter)?;
        detached(py, move || csv::load_dir(&path, &o)).map(Programme::from_graph)
    }

    /// Reads a programme from CSV text per table: a dict with ``nodes`` (required),
    /// ``edges``, ``events``, ``outcomes``, ``aliases`` (CSV text) and ``taxonomy`` (JSON).
    #[classmethod]
    #[pyo3(signature = (tables, *, encoding = "auto", delimiter = ','))]
    fn from_csv_tables(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        tables: &Bound<'_, PyAny>,
        encoding: &str,
        delimiter: char,
    ) -> PyResult<Self> {
        let t: CsvTables = from_py(tables, "tables")?;
        let o = options(encoding, delimiter)?;
        detached(py, move || csv::load_tables(&t, &o)).map(Programme::from_graph)
    }

    /// Reads a programme from files held in memory: a dict of file name (``"nodes.csv"``,
    /// ``"edges.csv"``, …, ``"taxonomy.json"``) to contents (``bytes`` in any supported
    /// encoding, or ``str``). Unknown file names are an error.
    #[classmethod]
    #[pyo3(signature = (files, *, encoding = "auto", delimiter = ','))]
    fn from_csv_files(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        files: &Bound<'_, PyDict>,
        encoding: &str,
        delimiter: char,
    ) -> PyResult<Self> {
        let o = options(encoding, delimiter)?;
        let mut owned: Vec<(String, Vec<u8>)> = Vec::with_capacity(files.len());
        for (name, content) in files.iter() {
            let bytes = match content.cast::<PyString>() {
                Ok(s) => s.to_cow()?.as_bytes().to_vec(),
                Err(_) => content.extract::<Vec<u8>>()?,
            };
            owned.push((name.extract()?, bytes));
        }
        let files = owned;
        detached(py, move || {
            let refs: Vec<(&str, &[u8])> = files
                .iter()
                .map(|(n, b)| (n.as_str(), b.as_slice()))
                .collect();
            csv::load_files(&refs, &o)
        })
        .map(Programme::from_graph)
    }

    /// Writes the programme as a CSV folder (``nodes.csv``, ``edges.csv``, ``events.csv``,
    /// ``aliases.csv``, ``taxonomy.json``) that ``load_csv`` reads back unchanged.
    fn write_csv(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        self.read(py, move |g| csv::write_dir(g, &path))
    }

    /// The programme as CSV text per table (a dict, the input of ``from_csv_tables``).
    fn to_csv_tables<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let t = self.read(py, csv::to_csv_tables)?;
        to_py(py, &t)
    }
}
