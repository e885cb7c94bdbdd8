//! The one way the binding calls into core for anything that can take time: inputs are
//! converted to Rust values first, then the GIL is released around the core call
//! (polars' `enter_polars` pattern), and errors come back as Python exceptions.

use std::time::{Duration, Instant};

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

/// Runs a long core call with the GIL released, giving it a progress hook `(done, total) ->
/// keep going?` that reports to the optional Python progress object and checks for Ctrl-C.
///
/// An exception raised by the callback (or `KeyboardInterrupt`) stops the call (the hook
/// returns false, the core returns `cancelled`) and is re-raised untouched; a callback that
/// returns `False` gives a `CancelledError`.
pub(crate) fn with_progress<T, F>(
    py: Python<'_>,
    progress: Option<&Bound<'_, PyAny>>,
    f: F,
) -> PyResult<T>
where
    F: FnOnce(&mut dyn FnMut(u64, u64) -> bool) -> kechuang::Result<T> + Send,
    T: Send,
{
    let mut p = Progress::new(progress)?;
    let result = without_gil(py, || {
        let mut hook = |done: u64, total: u64| p.hook(done, total);
        f(&mut hook)
    });
    match p.error.take() {
        Some(e) => Err(e),
        None => result.map_err(|e| to_py_err(py, &e)),
    }
}

/// A Python progress object seen from a core progress hook.
///
/// The object is either a callable `f(done, total)` (returning `False` cancels; anything else
/// continues) or a tqdm-style bar (anything with `update(n)` that is not callable: its `total`
/// is set and it is advanced by the work done since the last call). Reports are throttled to
/// one per 50 ms (plus the first and the last), and each checks for Ctrl-C.
struct Progress {
    obj: Option<Py<PyAny>>,
    bar: bool,
    done: u64,
    total: Option<u64>,
    last: Option<Instant>,
    error: Option<PyErr>,
}

const REPORT_EVERY: Duration = Duration::from_millis(50);

impl Progress {
    fn new(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let bar = match obj {
            Some(o) => o.hasattr("update")? && !o.is_callable(),
            None => false,
        };
        Ok(Progress {
            obj: obj.map(|o| o.clone().unbind()),
            bar,
            done: 0,
            total: None,
            last: None,
            error: None,
        })
    }

    /// The core's hook: false stops the call.
    fn hook(&mut self, done: u64, total: u64) -> bool {
        if self.error.is_some() {
            return false;
        }
        let due = match self.last {
            None => true,
            Some(t) => done >= total || t.elapsed() >= REPORT_EVERY,
        };
        if !due {
            return true;
        }
        self.last = Some(Instant::now());
        match self.report(done, total) {
            Ok(go_on) => go_on,
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }

    /// Reports from core code running without the GIL.
    fn report(&mut self, done: u64, total: u64) -> PyResult<bool> {
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
