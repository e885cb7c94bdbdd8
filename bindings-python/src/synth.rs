//! `kechuang.synth`: deterministic synthetic programmes (the Tai'an preset, any scale).

use kechuang::synth::{self, SynthConfig};
use pyo3::prelude::*;

use crate::convert::from_py;
use crate::programme::Programme;
use crate::run::with_progress;

/// The Tai'an preset (about 10,400 entities, 23,500 relations) with its ground truth.
#[pyfunction]
#[pyo3(signature = (seed = 42, progress = None))]
pub(crate) fn _synth_taian(
    py: Python<'_>,
    seed: u64,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Programme> {
    let cfg = SynthConfig::with_seed(seed);
    let p = with_progress(py, progress, move |hook| {
        synth::generate_with_progress(&cfg, |d, t| hook(d as u64, t as u64))
    })?;
    Ok(Programme::from_synth(p.graph, p.truth))
}

/// A programme generated from a `SynthConfig` dict (``seed``, ``scale``, ``nodes``,
/// ``edges``, ``docs_per_expert``, ``truth_limit``).
#[pyfunction]
#[pyo3(signature = (config = None, progress = None))]
pub(crate) fn _synth_generate(
    py: Python<'_>,
    config: Option<&Bound<'_, PyAny>>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Programme> {
    let cfg: SynthConfig = match config {
        Some(c) => from_py(c, "config")?,
        None => SynthConfig::default(),
    };
    let p = with_progress(py, progress, move |hook| {
        synth::generate_with_progress(&cfg, |d, t| hook(d as u64, t as u64))
    })?;
    Ok(Programme::from_synth(p.graph, p.truth))
}
