//! The one way the binding calls into core for anything that can take time: inputs are
//! converted to Rust values first, then the GIL is released around the core call
//! (polars' `enter_polars` pattern), and errors come back as Python exceptions.

use pyo3::prelude::*;

use crate::errors::to_py_err;

/// Runs `f` with the GIL released and returns its result as is.
///
/// `f` must own (or borrow only `Send` Rust data); no Python object may be touched inside it.
/// Every release of the GIL in this crate goes through here.
pub(crate) fn without_gil<T, F>(py: Python<'_>, f: F) -> T
where
    F: FnOnce() -> T + Send,
    T: Send,
{
    py.detach(f)
}

/// Runs a core call with the GIL released and maps its error to the Python exception.
pub(crate) fn detached<T, F>(py: Python<'_>, f: F) -> PyResult<T>
where
    F: FnOnce() -> kechuang::Result<T> + Send,
    T: Send,
{
    without_gil(py, f).map_err(|e| to_py_err(py, &e))
}
