//! Core errors as Python exceptions: a `KechuangError` base and one subclass per core error
//! code, each also subclassing the builtin a Python user would catch. The classes are made
//! from the one table [`ERROR_CLASSES`] when the module is imported.

use kechuang::Error;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

/// `(code, class name, builtin base)`: one row per entry of [`Error::CODES`].
pub(crate) const ERROR_CLASSES: &[(&str, &str, &str)] = &[
    ("duplicate_key", "DuplicateKeyError", "ValueError"),
    ("unknown_key", "UnknownKeyError", "KeyError"),
    ("unknown_id", "UnknownIdError", "KeyError"),
    ("wrong_kind", "WrongKindError", "ValueError"),
    (
        "relation_not_allowed",
        "RelationNotAllowedError",
        "ValueError",
    ),
    ("invalid_value", "InvalidValueError", "ValueError"),
    ("parse_error", "ParseError", "ValueError"),
    ("file_not_found", "PathNotFoundError", "FileNotFoundError"),
    ("io_error", "FileAccessError", "OSError"),
    (
        "unsupported_version",
        "UnsupportedVersionError",
        "ValueError",
    ),
    ("invalid_transition", "InvalidTransitionError", "ValueError"),
    ("infeasible", "InfeasibleError", "ValueError"),
    ("limit_exceeded", "LimitExceededError", "ValueError"),
    ("cancelled", "CancelledError", "RuntimeError"),
    (
        "not_implemented",
        "NotImplementedYetError",
        "NotImplementedError",
    ),
];

/// The base class first, then one class per row of [`ERROR_CLASSES`], in order.
static CLASSES: PyOnceLock<Vec<Py<PyType>>> = PyOnceLock::new();

const BASE_DOC: &str = "Base of every error kechuang raises.\n\n\
`code` is the core's stable machine-readable code (e.g. ``\"unknown_key\"``); `file`, `row` and \
`column` say where in the input the problem was found, `field` which field, argument or limit \
it is about (``None`` when unknown).";

fn make_classes(py: Python<'_>) -> PyResult<Vec<Py<PyType>>> {
    let builtins = py.import("builtins")?;
    let type_ = builtins.getattr("type")?;
    let base_str = builtins.getattr("BaseException")?.getattr("__str__")?;
    let ns = |doc: &str, code: Option<&str>| -> PyResult<Bound<'_, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("__module__", "kechuang")?;
        d.set_item("__doc__", doc)?;
        d.set_item("code", code)?;
        // KeyError quotes its message in str(); every kechuang error prints it plainly.
        d.set_item("__str__", &base_str)?;
        for attr in ["file", "row", "column", "field"] {
            d.set_item(attr, py.None())?;
        }
        Ok(d)
    };
    let base = type_
        .call1((
            "KechuangError",
            PyTuple::new(py, [py.get_type::<PyException>()])?,
            ns(BASE_DOC, None)?,
        ))?
        .cast_into::<PyType>()?;
    let mut out = vec![base.clone().unbind()];
    for (code, name, builtin) in ERROR_CLASSES {
        let doc = format!("Raised for core error code ``{code}`` (also a ``{builtin}``).");
        let cls = type_
            .call1((
                *name,
                PyTuple::new(py, [base.as_any().clone(), builtins.getattr(*builtin)?])?,
                ns(&doc, Some(code))?,
            ))?
            .cast_into::<PyType>()?;
        out.push(cls.unbind());
    }
    Ok(out)
}

/// Creates the classes (once) and adds them to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let classes = CLASSES.get_or_try_init(py, || make_classes(py))?;
    for cls in classes {
        let cls = cls.bind(py);
        m.add(cls.name()?, cls)?;
    }
    let codes: Vec<&str> = Error::CODES.to_vec();
    m.add("ERROR_CODES", codes)?;
    Ok(())
}

fn class_for<'py>(py: Python<'py>, code: &str) -> Option<Bound<'py, PyType>> {
    let classes = CLASSES.get(py)?;
    let i = ERROR_CLASSES
        .iter()
        .position(|(c, _, _)| *c == code)
        .map_or(0, |i| i + 1);
    classes.get(i).map(|c| c.bind(py).clone())
}

/// Converts a core error to the matching Python exception, with `prefix` in front of the
/// message (e.g. which DataFrame row) when given.
pub(crate) fn to_py_err_with(py: Python<'_>, e: &Error, prefix: Option<&str>) -> PyErr {
    let msg = match prefix {
        Some(p) => format!("{p}: {e}"),
        None => e.to_string(),
    };
    let Some(cls) = class_for(py, e.code()) else {
        return pyo3::exceptions::PyRuntimeError::new_err(msg);
    };
    let build = || -> PyResult<PyErr> {
        let exc = cls.call1((msg.clone(),))?;
        if let Some(loc) = e.location() {
            exc.setattr("file", loc.file.clone())?;
            exc.setattr("row", loc.row)?;
            exc.setattr("column", loc.column.clone())?;
        }
        exc.setattr("field", e.field())?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|err| err)
}

/// Converts a core error to the matching Python exception.
pub(crate) fn to_py_err(py: Python<'_>, e: &Error) -> PyErr {
    to_py_err_with(py, e, None)
}

/// `Result<T, kechuang::Error>` → `PyResult<T>`.
pub(crate) trait IntoPy<T> {
    /// Maps the error to its Python exception.
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for kechuang::Result<T> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, &e))
    }
}

/// Raises the exception of a given code with a message (used by tests to check the mapping).
#[pyfunction]
#[pyo3(signature = (code, message = "test"))]
pub(crate) fn _raise_error(py: Python<'_>, code: &str, message: &str) -> PyResult<()> {
    let e = match code {
        "duplicate_key" => Error::DuplicateKey {
            key: message.into(),
            location: Default::default(),
        },
        "unknown_key" => Error::unknown_key(message),
        "unknown_id" => Error::UnknownId {
            what: "node",
            id: 0,
        },
        "wrong_kind" => Error::WrongKind {
            key: message.into(),
            expected: "demand".into(),
            actual: "expert".into(),
        },
        "relation_not_allowed" => Error::RelationNotAllowed {
            relation: "posted".into(),
            source_kind: "expert".into(),
            target_kind: "demand".into(),
            allowed: "enterprise → demand".into(),
            location: Default::default(),
        },
        "invalid_value" => Error::invalid("field", message),
        "parse_error" => Error::Parse {
            location: kechuang::Location::file("x.csv")
                .with_row(3)
                .with_column("name"),
            message: message.into(),
        },
        "file_not_found" => Error::FileNotFound {
            path: message.into(),
        },
        "io_error" => Error::Io {
            path: message.into(),
            message: "denied".into(),
        },
        "unsupported_version" => Error::UnsupportedVersion {
            found: 99,
            min_supported: 1,
            max_supported: 1,
        },
        "invalid_transition" => Error::InvalidTransition {
            demand: message.into(),
            from: "posted".into(),
            to: "closed".into(),
            allowed: "triaged".into(),
        },
        "infeasible" => Error::Infeasible {
            reason: message.into(),
        },
        "limit_exceeded" => Error::LimitExceeded {
            what: "input".into(),
            limit: 1,
            actual: 2,
            hint: message.into(),
        },
        "cancelled" => Error::Cancelled,
        "not_implemented" => Error::NotImplemented {
            what: message.into(),
        },
        other => Error::invalid("code", format!("{other:?} is not a kechuang error code")),
    };
    Err(to_py_err(py, &e))
}
