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

/// A Python progress object seen from a core progress hook.
///
/// The object is either a callable `f(done, total)` (returning `False` cancels; anything else
/// continues) or a tqdm-style bar (anything with `update(n)`: its `total` is set and it is
/// advanced by the work done since the last call). Every report also checks for Ctrl-C, so a
/// long call can be interrupted even without a progress object.
#[allow(dead_code)] // bound to the core's long operations as they land
pub(crate) struct Progress {
    obj: Option<Py<PyAny>>,
    bar: bool,
    done: u64,
    total: Option<u64>,
}

#[allow(dead_code)]
impl Progress {
    /// Wraps an optional Python progress object.
    pub(crate) fn new(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let bar = match obj {
            Some(o) => o.hasattr("update")? && !o.is_callable(),
            None => false,
        };
        Ok(Progress {
            obj: obj.map(|o| o.clone().unbind()),
            bar,
            done: 0,
            total: None,
        })
    }

    /// Reports `done` of `total` units from core code running without the GIL. `Ok(false)`
    /// means the callback asked to stop; an exception (including `KeyboardInterrupt`) is
    /// returned as is so it reaches the caller untouched.
    pub(crate) fn report(&mut self, done: u64, total: u64) -> PyResult<bool> {
        Python::attach(|py| {
            py.check_signals()?;
            let Some(obj) = &self.obj else {
                return Ok(true);
            };
            let obj = obj.bind(py);
            if self.bar {
                if self.total != Some(total) {
                    obj.setattr("total", total)?;
                    self.total = Some(total);
                }
                let step = done.saturating_sub(self.done);
                self.done = done;
                if step > 0 {
                    obj.call_method1("update", (step,))?;
                }
                return Ok(true);
            }
            let answer = obj.call1((done, total))?;
            Ok(answer.is_none()
                || !answer.is_instance_of::<pyo3::types::PyBool>()
                || answer.is_truthy()?)
        })
    }
}
