//! Python binding of kechuang: the native module `kechuang._native`.
//!
//! Every function converts its arguments, calls one core function (without the GIL when it
//! can take time, through `run::detached`) and converts the result. The public Python
//! package `kechuang` re-exports this module and adds the pandas / networkx glue.

mod arrays;
mod assign;
mod convert;
mod csv;
mod distributed;
mod errors;
mod impact;
mod matching;
mod ops;
mod programme;
mod results;
mod run;
mod synth;

use pyo3::prelude::*;

/// The native part of kechuang; import `kechuang` instead.
#[pymodule]
mod _native {
    use super::*;

    #[pymodule_export]
    use crate::programme::Programme;

    #[pymodule_export]
    use crate::errors::_raise_error;

    #[pymodule_export]
    use crate::synth::{_synth_generate, _synth_taian};

    #[pymodule_export]
    use crate::matching::{Affinities, MatchList, ReverseMatches, similar_keywords};

    #[pymodule_export]
    use crate::distributed::{match_table, merge_feedback, merge_shard_stats};

    #[pymodule_export]
    use crate::assign::{AssignmentResult, assign, diagnose};

    #[pymodule_export]
    use crate::impact::{AttributionResult, ImpactIndexResult, LeaderboardResult, Scores};

    #[pymodule_export]
    use crate::ops::{Coverage, DuplicatesResult, FollowUpResult, FunnelResult, Report, Tiers};

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        errors::register(m)?;
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        let kinds: Vec<&str> = kechuang::model::NodeKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect();
        m.add("NODE_KINDS", kinds)?;
        let rels: Vec<&str> = kechuang::model::Relation::ALL
            .iter()
            .map(|r| r.as_str())
            .collect();
        m.add("RELATIONS", rels)?;
        Ok(())
    }
}
