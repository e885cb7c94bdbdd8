//! Columns of numbers and names from numpy arrays or Python sequences, for bulk builders.

use std::str::FromStr;

use kechuang::Error;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyString};

use crate::errors::to_py_err;

fn invalid(py: Python<'_>, field: &str, reason: String) -> PyErr {
    to_py_err(py, &Error::invalid(field, reason))
}

/// The bytes of `a` as a contiguous little-endian array of `dtype`, read in C order.
///
/// This is not zero-copy: numpy casts (or copies a non-contiguous array) when needed,
/// ``tobytes`` copies, and the caller decodes into a `Vec`. What it avoids is one Python
/// object per entry. (pyo3's `PyBuffer` would save copies but needs the buffer protocol of
/// the limited API, Python 3.11+, and this crate builds for abi3-py39.)
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

/// Refuses a numpy array that is not one-dimensional (a column).
fn one_dimensional(a: &Bound<'_, PyAny>, field: &str) -> PyResult<()> {
    let ndim: usize = a.getattr("ndim")?.extract()?;
    if ndim == 1 {
        return Ok(());
    }
    let shape: Vec<usize> = a.getattr("shape")?.extract()?;
    Err(invalid(
        a.py(),
        field,
        format!("is a {ndim}-D array of shape {shape:?}; give a 1-D column"),
    ))
}

/// True when a Python sequence holds a `bool` (an `int` subclass pyo3 would accept as one).
fn holds_bool(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let Ok(it) = obj.try_iter() else {
        return Ok(false);
    };
    for x in it {
        if x?.is_instance_of::<PyBool>() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Integers of a Python sequence as `i128`, or `None` when it is not a sequence of ints.
fn py_ints(obj: &Bound<'_, PyAny>) -> Option<Vec<i128>> {
    if obj.is_instance_of::<PyString>() {
        return None;
    }
    obj.extract::<Vec<i128>>().ok()
}

/// Entity indices: a 1-D numpy integer array (any width; values must fit `u32`) or a
/// sequence of non-negative integers (not bools).
pub(crate) fn u32_column(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<u32>> {
    let py = obj.py();
    let Some((kind, a)) = numpy_kind(obj)? else {
        if holds_bool(obj)? {
            return Err(invalid(
                py,
                field,
                "holds booleans; give integer indices in 0..2^32".into(),
            ));
        }
        if let Ok(v) = obj.extract::<Vec<u32>>() {
            return Ok(v);
        }
        let reason = match py_ints(obj) {
            Some(v) => {
                let lo = v.iter().min().copied().unwrap_or(0);
                let hi = v.iter().max().copied().unwrap_or(0);
                format!("holds values in {lo}..={hi}; indices must be in 0..2^32")
            }
            None => "must be a numpy integer array or a sequence of integers in 0..2^32".into(),
        };
        return Err(invalid(py, field, reason));
    };
    if kind != "i" && kind != "u" {
        return Err(invalid(
            py,
            field,
            format!("has numpy dtype kind {kind:?}; give integers"),
        ));
    }
    one_dimensional(&a, field)?;
    if a.getattr("size")?.extract::<usize>()? > 0 {
        // numpy's int64/uint64 extremes as Python ints: both fit i128 exactly
        let lo: i128 = a.call_method0("min")?.call_method0("__int__")?.extract()?;
        let hi: i128 = a.call_method0("max")?.call_method0("__int__")?.extract()?;
        if lo < 0 || hi > i128::from(u32::MAX) {
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

/// Numbers: a numpy numeric array (cast to `dtype`, `N` bytes little-endian per item; 1-D
/// unless `any_shape`, then read in C order) or a sequence of numbers. Values are validated
/// by the core.
fn numbers<T, const N: usize>(
    obj: &Bound<'_, PyAny>,
    field: &str,
    dtype: &str,
    any_shape: bool,
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
    if !any_shape {
        one_dimensional(&a, field)?;
    }
    let b = le_bytes(&a, dtype)?;
    Ok(b.as_bytes()
        .chunks_exact(N)
        .map(|c| from_le(c.try_into().unwrap_or([0; N])))
        .collect())
}

/// Weights (`f32`), one per entry: see [`numbers`].
pub(crate) fn f32_column(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<f32>> {
    numbers(obj, field, "<f4", false, f32::from_le_bytes)
}

/// Scores (`f64`), one per entry: see [`numbers`].
pub(crate) fn f64_column(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<f64>> {
    numbers(obj, field, "<f8", false, f64::from_le_bytes)
}

/// Scores (`f64`) of a numpy array of any shape, flattened in C order (a dense matrix).
pub(crate) fn f64_flat(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<f64>> {
    numbers(obj, field, "<f8", true, f64::from_le_bytes)
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
    let expected = match positions {
        Some(k) => format!("keys (strings) or positions (integers in 0..{})", k.len()),
        None => "keys (strings)".to_string(),
    };
    let no_positions = || {
        invalid(
            py,
            field,
            "holds integers; give keys (strings) — integer positions need the demands and \
             experts lists of kechuang.assign"
                .into(),
        )
    };
    let idx = match numpy_kind(obj)? {
        Some((kind, a)) if kind == "i" || kind == "u" => {
            if positions.is_none() {
                return Err(no_positions());
            }
            u32_column(&a, field)?
        }
        Some((kind, _)) if kind == "b" => {
            return Err(invalid(
                py,
                field,
                format!("is a boolean array; give {expected}"),
            ));
        }
        Some((kind, a)) => {
            return a
                .call_method0("tolist")?
                .extract::<Vec<String>>()
                .map_err(|_| {
                    invalid(
                        py,
                        field,
                        format!("has numpy dtype kind {kind:?}; give {expected}"),
                    )
                });
        }
        None => match obj.extract::<Vec<String>>() {
            Ok(keys) => return Ok(keys),
            Err(_) if holds_bool(obj)? => {
                return Err(invalid(
                    py,
                    field,
                    format!("holds booleans; give {expected}"),
                ));
            }
            Err(_) if py_ints(obj).is_some() => {
                if positions.is_none() {
                    return Err(no_positions());
                }
                u32_column(obj, field)?
            }
            Err(_) => {
                return Err(invalid(
                    py,
                    field,
                    format!("must be a sequence of {expected}"),
                ));
            }
        },
    };
    let Some(keys) = positions else {
        return Err(no_positions());
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
