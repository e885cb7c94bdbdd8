//! Columns of numbers and names from numpy arrays or Python sequences, for bulk builders.

use std::str::FromStr;

use kechuang::Error;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::errors::to_py_err;

fn invalid(py: Python<'_>, field: &str, reason: String) -> PyErr {
    to_py_err(py, &Error::invalid(field, reason))
}

/// The bytes of `a` as a contiguous little-endian array of `dtype` (one copy at most).
fn le_bytes<'py>(a: &Bound<'py, PyAny>, dtype: &str) -> PyResult<Bound<'py, PyBytes>> {
    let np = a.py().import("numpy")?;
    Ok(np
        .call_method1("ascontiguousarray", (a, dtype))?
        .call_method0("tobytes")?
        .cast_into::<PyBytes>()?)
}

/// A numpy array's dtype kind (`"i"`, `"u"`, `"f"`, …) and the array, or `None` for a
/// non-numpy object.
fn numpy_kind<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<(String, Bound<'py, PyAny>)>> {
    if !obj.hasattr("__array_interface__")? {
        return Ok(None);
    }
    let a = obj.py().import("numpy")?.call_method1("asarray", (obj,))?;
    let kind: String = a.getattr("dtype")?.getattr("kind")?.extract()?;
    Ok(Some((kind, a)))
}

/// Entity indices: a numpy integer array (any width; values must fit `u32`) or a sequence of
/// non-negative integers.
pub(crate) fn u32_column(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<u32>> {
    let py = obj.py();
    let Some((kind, a)) = numpy_kind(obj)? else {
        return obj.extract::<Vec<u32>>().map_err(|_| {
            invalid(
                py,
                field,
                "must be a numpy integer array or a sequence of integers in 0..2^32".into(),
            )
        });
    };
    if kind != "i" && kind != "u" {
        return Err(invalid(
            py,
            field,
            format!("has numpy dtype kind {kind:?}; give integers"),
        ));
    }
    if a.getattr("size")?.extract::<usize>()? > 0 {
        let lo: i128 = a
            .call_method0("min")?
            .call_method0("__int__")?
            .extract::<i64>()
            .map_or(0, i128::from);
        let hi: u64 = a
            .call_method0("max")?
            .call_method0("__int__")?
            .extract::<u64>()
            .unwrap_or(u64::MAX);
        if lo < 0 || hi > u64::from(u32::MAX) {
            return Err(invalid(
                py,
                field,
                format!("holds values in {lo}..={hi}; indices must be in 0..2^32"),
            ));
        }
    }
    let b = le_bytes(&a, "<u4")?;
    Ok(b.as_bytes()
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect())
}

/// Numbers: a numpy numeric array (any shape, read in C order; cast to `dtype`, `N` bytes
/// little-endian per item) or a sequence of numbers. Values are validated by the core.
fn numbers<T, const N: usize>(
    obj: &Bound<'_, PyAny>,
    field: &str,
    dtype: &str,
    from_le: fn([u8; N]) -> T,
) -> PyResult<Vec<T>>
where
    Vec<T>: for<'a, 'py> FromPyObject<'a, 'py>,
{
    let py = obj.py();
    let Some((kind, a)) = numpy_kind(obj)? else {
        return obj.extract::<Vec<T>>().map_err(|_| {
            invalid(
                py,
                field,
                "must be a numpy array or a sequence of numbers".into(),
            )
        });
    };
    if !matches!(kind.as_str(), "f" | "i" | "u") {
        return Err(invalid(
            py,
            field,
            format!("has numpy dtype kind {kind:?}; give numbers"),
        ));
    }
    let b = le_bytes(&a, dtype)?;
    Ok(b.as_bytes()
        .chunks_exact(N)
        .map(|c| from_le(c.try_into().unwrap_or([0; N])))
        .collect())
}

/// Weights (`f32`): see [`numbers`].
pub(crate) fn f32_column(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<f32>> {
    numbers(obj, field, "<f4", f32::from_le_bytes)
}

/// Scores (`f64`): see [`numbers`].
pub(crate) fn f64_column(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<f64>> {
    numbers(obj, field, "<f8", f64::from_le_bytes)
}

/// One name for all `n` items (or `default` when absent), or one name per item.
pub(crate) fn names<T: FromStr<Err = Error> + Copy>(
    py: Python<'_>,
    obj: Option<&Bound<'_, PyAny>>,
    field: &str,
    n: usize,
    default: T,
) -> PyResult<Vec<T>> {
    let Some(obj) = obj else {
        return Ok(vec![default; n]);
    };
    if let Ok(s) = obj.cast::<PyString>() {
        let v: T = s.to_cow()?.parse().map_err(|e| to_py_err(py, &e))?;
        return Ok(vec![v; n]);
    }
    let all: Vec<String> = obj
        .extract()
        .map_err(|_| invalid(py, field, "must be a name or a sequence of names".into()))?;
    all.iter()
        .enumerate()
        .map(|(i, s)| {
            s.parse()
                .map_err(|e: Error| invalid(py, &format!("{field}[{i}]"), e.to_string()))
        })
        .collect()
}

/// A column of keys: a sequence (or numpy/pandas array) of strings, or — when `positions`
/// holds the keys they index — integer positions into `positions`.
pub(crate) fn key_column(
    obj: &Bound<'_, PyAny>,
    field: &str,
    positions: Option<&[&str]>,
) -> PyResult<Vec<String>> {
    let py = obj.py();
    let idx = match numpy_kind(obj)? {
        Some((kind, a)) if kind == "i" || kind == "u" => u32_column(&a, field)?,
        Some((kind, a)) => {
            return a
                .call_method0("tolist")?
                .extract::<Vec<String>>()
                .map_err(|_| {
                    invalid(
                        py,
                        field,
                        format!("has numpy dtype kind {kind:?}; give keys (strings)"),
                    )
                });
        }
        None => match obj.extract::<Vec<String>>() {
            Ok(keys) => return Ok(keys),
            Err(_) => obj
                .extract::<Vec<u32>>()
                .map_err(|_| invalid(py, field, "must be a sequence of keys (strings)".into()))?,
        },
    };
    let Some(keys) = positions else {
        return Err(invalid(
            py,
            field,
            "holds integers; give keys (positions need the demands and experts lists of \
             kechuang.assign)"
                .into(),
        ));
    };
    idx.iter()
        .enumerate()
        .map(|(i, &x)| {
            keys.get(x as usize)
                .map(|k| (*k).to_string())
                .ok_or_else(|| {
                    invalid(
                        py,
                        &format!("{field}[{i}]"),
                        format!("position {x} is out of range (there are {})", keys.len()),
                    )
                })
        })
        .collect()
}
