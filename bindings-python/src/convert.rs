//! Conversions between Python values and the core's serde types.
//!
//! Results go out through `pythonize` (serde → Python objects directly); records come in
//! through `depythonize` (dicts) or, for DataFrame columns, cell by cell into JSON values and
//! then serde, so errors can name the row.

use kechuang::Error;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde::de::value::MapDeserializer;
use serde_json::{Map, Value};

use crate::errors::to_py_err;

/// Any serde value as Python objects (dicts, lists, str, int, float, bool, None).
pub(crate) fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

/// A Python value (usually a dict) as a serde type; a mismatch is an `InvalidValueError`
/// naming `what`.
pub(crate) fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    if let Ok(d) = obj.cast::<PyDict>() {
        // top-level None / NaN / pd.NA mean "absent", as an empty cell does in a table
        let mut map = Map::new();
        for (k, v) in d.iter() {
            if !is_missing(&v)? {
                let key = key_of(&k)?;
                let value = json_of(&v).map_err(|e| e.into_py(obj.py(), &key, None))?;
                map.insert(key, value);
            }
        }
        let known = struct_fields::<T>();
        if !known.is_empty() {
            if let Some(k) = map.keys().find(|k| !known.contains(&k.as_str())) {
                let e = Error::invalid(
                    k.as_str(),
                    format!(
                        "is not a field of {what}; expected one of: {}",
                        known.join(", ")
                    ),
                );
                return Err(to_py_err(obj.py(), &e));
            }
        }
        return record_of(map).map_err(|e| match e {
            Error::InvalidValue { field, reason, .. } if field == "record" => {
                to_py_err(obj.py(), &Error::invalid(what, reason))
            }
            e => to_py_err(obj.py(), &e),
        });
    }
    pythonize::depythonize(obj)
        .map_err(|e| to_py_err(obj.py(), &Error::invalid(what, e.to_string())))
}

/// Why a Python value could not become JSON.
pub(crate) enum CellError {
    /// Python raised while we inspected the value.
    Py(PyErr),
    /// The value's type cannot be stored; the reason says which type.
    Unsupported(String),
}

impl From<PyErr> for CellError {
    fn from(e: PyErr) -> Self {
        CellError::Py(e)
    }
}

impl CellError {
    /// The Python exception, naming `field` (and the row, when `prefix` says which).
    pub(crate) fn into_py(self, py: Python<'_>, field: &str, prefix: Option<&str>) -> PyErr {
        match self {
            CellError::Py(e) => e,
            CellError::Unsupported(reason) => {
                crate::errors::to_py_err_with(py, &Error::invalid(field, reason), prefix)
            }
        }
    }
}

fn is_missing(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if obj.is_none() {
        return Ok(true);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(f.value().is_nan());
    }
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyInt>() {
        return Ok(false);
    }
    let name = obj.get_type().name()?;
    Ok(matches!(name.to_cow()?.as_ref(), "NAType" | "NaTType"))
}

fn key_of(k: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(k.str()?.to_cow()?.into_owned())
}

/// One table cell as JSON; `None` for a missing value (None, NaN, `pd.NA`, `pd.NaT`, and the
/// empty string, as in CSV).
pub(crate) fn cell_of(obj: &Bound<'_, PyAny>) -> Result<Option<Value>, CellError> {
    // strings first: most cells are keys, kinds and relations
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        return Ok((!s.is_empty()).then(|| Value::String(s.into_owned())));
    }
    if is_missing(obj)? {
        return Ok(None);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        // pandas stores integer columns with gaps as floats: 3.0 in a capacity column is 3
        let v = f.value();
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            return Ok(Some(Value::from(v as i64)));
        }
    }
    json_of(obj).map(Some)
}

/// One Python value as JSON, losslessly: None and NaN become null; dates and timestamps
/// become `"YYYY-MM-DD"`; numpy scalars and arrays become their Python equivalents.
pub(crate) fn json_of(obj: &Bound<'_, PyAny>) -> Result<Value, CellError> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if is_missing(obj)? {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return Ok(Value::from(obj.extract::<u64>()?));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(f.value()).map_or(Value::Null, Value::Number));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for item in obj.try_iter()? {
            out.push(json_of(&item?)?);
        }
        return Ok(Value::Array(out));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut out = Map::new();
        for (k, v) in d.iter() {
            out.insert(key_of(&k)?, json_of(&v)?);
        }
        return Ok(Value::Object(out));
    }
    if obj.hasattr("strftime")? && obj.hasattr("isoformat")? {
        let s: String = obj.call_method1("strftime", ("%Y-%m-%d",))?.extract()?;
        return Ok(Value::String(s));
    }
    if obj.hasattr("tolist")? {
        // numpy arrays and scalars (tolist() of a scalar is the Python scalar)
        return json_of(&obj.call_method0("tolist")?);
    }
    Err(CellError::Unsupported(format!(
        "a value of type {} cannot be stored; use str, int, float, bool, a date, a list or a dict",
        obj.get_type().name()?
    )))
}

/// The rows of a table given as columns (name → cells) as serde records; an error names the
/// table, the row's index label and the column.
pub(crate) fn records_from_columns<T: DeserializeOwned>(
    py: Python<'_>,
    table: &str,
    columns: &[(String, Vec<Bound<'_, PyAny>>)],
    labels: &[Bound<'_, PyAny>],
) -> PyResult<Vec<T>> {
    let mut out = Vec::with_capacity(labels.len());
    let known = struct_fields::<T>();
    // columns that are not fields of the record are kept as attributes, as CSV import does
    let has_attrs = known.contains(&"attrs");
    let (own, extra): (Vec<_>, Vec<_>) = columns
        .iter()
        .partition(|(name, _)| !has_attrs || known.contains(&name.as_str()));
    let mut fields: Vec<(&str, Value)> = Vec::with_capacity(columns.len());
    for (row, label) in labels.iter().enumerate() {
        fields.clear();
        for (name, cells) in &own {
            let Some(cell) = cells.get(row) else { continue };
            let value = cell_of(cell)
                .map_err(|e| e.into_py(py, name, Some(&row_prefix(table, label, None))))?;
            if let Some(v) = value {
                fields.push((name.as_str(), v));
            }
        }
        if !extra.is_empty() {
            let fail = |field: &str, reason: String| {
                let prefix = row_prefix(table, label, None);
                crate::errors::to_py_err_with(py, &Error::invalid(field, reason), Some(&prefix))
            };
            let mut attrs = match fields.iter().position(|(n, _)| *n == "attrs") {
                Some(i) => match fields.swap_remove(i).1 {
                    Value::Object(m) => m,
                    other => return Err(fail("attrs", format!("{other} is not a dict"))),
                },
                None => Map::new(),
            };
            for (name, cells) in &extra {
                let Some(cell) = cells.get(row) else { continue };
                let value = cell_of(cell)
                    .map_err(|e| e.into_py(py, name, Some(&row_prefix(table, label, None))))?;
                if let Some(v) = value {
                    if attrs.insert(name.clone(), v).is_some() {
                        return Err(fail(
                            name,
                            "is both a column and a key of \"attrs\"; keep one".into(),
                        ));
                    }
                }
            }
            if !attrs.is_empty() {
                fields.push(("attrs", Value::Object(attrs)));
            }
        }
        // field names are borrowed: no map is built unless the row is bad
        let de = MapDeserializer::<_, serde_json::Error>::new(fields.drain(..));
        match T::deserialize(de) {
            Ok(rec) => out.push(rec),
            Err(_) => {
                let mut map = Map::new();
                for (name, cells) in &own {
                    if let Some(Ok(Some(v))) = cells.get(row).map(cell_of) {
                        map.insert(name.clone(), v);
                    }
                }
                let e = record_of::<T>(map)
                    .err()
                    .unwrap_or_else(|| Error::invalid("record", "does not fit"));
                let prefix = row_prefix(table, label, None);
                return Err(crate::errors::to_py_err_with(py, &e, Some(&prefix)));
            }
        }
    }
    Ok(out)
}

/// `"nodes_df row with index 5 (column 'capacity')"`.
pub(crate) fn row_prefix(table: &str, label: &Bound<'_, PyAny>, column: Option<&str>) -> String {
    let label = label
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| "?".into());
    match column {
        Some(c) => format!("{table} row with index {label}, column {c:?}"),
        None => format!("{table} row with index {label}"),
    }
}

/// A record from its fields; an error names the field that does not fit.
fn record_of<T: DeserializeOwned>(map: Map<String, Value>) -> kechuang::Result<T> {
    let value = Value::Object(map);
    T::deserialize(&value).map_err(|e| {
        let field = match &value {
            Value::Object(m) => culprit::<T>(m),
            _ => None,
        };
        Error::invalid(field.unwrap_or_else(|| "record".into()), e.to_string())
    })
}

/// The first field of a record that fails to deserialise on its own (serde_json's message
/// does not name it). Only called on the error path.
fn culprit<T: DeserializeOwned>(map: &Map<String, Value>) -> Option<String> {
    let base: Map<String, Value> = map
        .iter()
        .filter(|(k, _)| {
            matches!(
                k.as_str(),
                "key" | "kind" | "relation" | "source" | "target"
            )
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if serde_json::from_value::<T>(Value::Object(base.clone())).is_err() {
        return None;
    }
    map.iter().find_map(|(k, v)| {
        let mut m = base.clone();
        m.insert(k.clone(), v.clone());
        serde_json::from_value::<T>(Value::Object(m))
            .is_err()
            .then(|| k.clone())
    })
}

/// The field names a serde struct accepts (read from its derived `Deserialize`).
pub(crate) fn struct_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{Error as _, Visitor};
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Probe<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(Self::Error::custom("probe"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(Self::Error::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}
