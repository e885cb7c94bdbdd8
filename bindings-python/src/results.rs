//! Core result structs as Python objects: each wraps the Rust value (no copy until asked)
//! and offers the same basic surface — `to_dict()`, `to_json()`, `from_json()`,
//! `to_pandas()`, pickling, a `repr` and an HTML table for notebooks. Type-specific query
//! methods live next to the binding of their capability.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What a bound result provides to the common surface.
pub(crate) trait View: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// Leading columns of `to_pandas()` and the HTML table.
    const COLUMNS: &'static [&'static str];
    /// One flat row per item (a JSON object per row).
    fn rows(&self) -> Vec<Value>;
    /// A one-line summary for `repr`.
    fn summary(&self) -> String;
}

/// Serialises `value` to a JSON object row (empty object if it is not one).
pub(crate) fn row<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Defines a frozen pyclass `$py` wrapping `Arc<$rust>` with the common result surface.
macro_rules! py_result {
    ($(#[$doc:meta])* $py:ident, $rust:ty) => {
        $(#[$doc])*
        #[pyo3::pyclass(module = "kechuang._native", frozen)]
        pub struct $py {
            pub(crate) inner: std::sync::Arc<$rust>,
        }

        impl $py {
            /// Wraps a core result.
            pub(crate) fn new(value: $rust) -> Self {
                $py { inner: std::sync::Arc::new(value) }
            }
        }

        #[pyo3::pymethods]
        impl $py {
            /// The whole result as plain Python data (dicts and lists).
            fn to_dict<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                crate::convert::to_py(py, &*self.inner)
            }

            /// The whole result as JSON (the same shape as in Rust and JavaScript).
            fn to_json(&self) -> pyo3::PyResult<String> {
                serde_json::to_string(&*self.inner)
                    .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
            }

            /// Reads a result written by ``to_json``.
            #[classmethod]
            fn from_json(
                _cls: &pyo3::Bound<'_, pyo3::types::PyType>,
                py: pyo3::Python<'_>,
                json: String,
            ) -> pyo3::PyResult<Self> {
                let v: $rust = serde_json::from_str(&json).map_err(|e| {
                    crate::errors::to_py_err(py, &kechuang::Error::invalid(stringify!($py), e.to_string()))
                })?;
                Ok($py::new(v))
            }

            /// One row per item as a pandas DataFrame.
            fn to_pandas<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                use crate::results::View;
                let rows = crate::convert::to_py(py, &View::rows(&*self.inner))?;
                py.import("kechuang._frames")?
                    .call_method1("table", (rows, <$rust as View>::COLUMNS.to_vec()))
            }

            fn __repr__(&self) -> String {
                use crate::results::View;
                format!("<kechuang.{}: {}>", stringify!($py), View::summary(&*self.inner))
            }

            fn _repr_html_(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<String> {
                use crate::results::View;
                let rows = crate::convert::to_py(py, &View::rows(&*self.inner))?;
                let title = format!("kechuang.{}: {}", stringify!($py), View::summary(&*self.inner));
                py.import("kechuang._frames")?
                    .call_method1("html_table", (title, rows, <$rust as View>::COLUMNS.to_vec()))?
                    .extract()
            }

            fn __reduce__<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyTuple>> {
                let ctor = py.get_type::<$py>().getattr("from_json")?;
                let args = pyo3::types::PyTuple::new(py, [self.to_json()?])?;
                pyo3::types::PyTuple::new(py, [ctor, args.into_any()])
            }

            fn __eq__(&self, other: &pyo3::Bound<'_, pyo3::PyAny>) -> bool {
                match other.cast::<$py>() {
                    Ok(o) => serde_json::to_value(&*self.inner).ok() == serde_json::to_value(&*o.get().inner).ok(),
                    Err(_) => false,
                }
            }
        }
    };
}
pub(crate) use py_result;
