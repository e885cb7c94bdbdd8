//! A frozen programme: the graph and a built [`Matcher`] as one byte string, to ship to the
//! workers of a distributed engine once instead of rebuilding the index on each.

use super::Matcher;
use crate::error::{Error, Result};
use crate::graph::CollabGraph;

const MAGIC: &[u8; 8] = b"KCFROZEN";
const VERSION: u32 = 1;

/// A graph with a matcher built from it (a full matcher, or one shard).
///
/// Bytes: the magic `KCFROZEN`, a format version (`u32`, little-endian), the length (`u64`)
/// of the graph's JSON snapshot and the snapshot, then the matcher in
/// [postcard](https://docs.rs/postcard) (a compact binary serde format). The matcher is
/// checked on loading like any deserialised matcher, so corrupt bytes give an error, never a
/// panic.
#[derive(Debug, Clone)]
pub struct FrozenProgramme {
    /// The graph.
    pub graph: CollabGraph,
    /// The matcher built from it.
    pub matcher: Matcher,
}

impl FrozenProgramme {
    /// Serialises the graph and the matcher.
    ///
    /// # Arguments
    /// * `self` — the programme.
    ///
    /// # Returns
    /// The bytes; `invalid_value` if serialisation fails.
    ///
    /// # Complexity
    /// O(size of the graph + size of the index) time and space.
    ///
    /// # Example
    /// ```
    /// use kechuang::matching::{FrozenProgramme, Matcher, MatchConfig, Query};
    /// let g = kechuang::synth::taian(3)?.graph;
    /// let matcher = Matcher::new(&g, MatchConfig::default())?;
    /// let bytes = FrozenProgramme { graph: g, matcher }.to_bytes()?;
    /// let back = FrozenProgramme::from_bytes(&bytes)?;
    /// let q = Query::text("余热回收");
    /// assert!(!back.matcher.match_demand(&back.graph, &q)?.is_empty());
    /// # Ok::<(), kechuang::Error>(())
    /// ```
    ///
    /// # Reference
    /// postcard wire format specification, version 1.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        Self::encode(&self.graph, &self.matcher)
    }

    /// [`FrozenProgramme::to_bytes`] of a borrowed graph and matcher (no copies).
    ///
    /// Refuses (`invalid_value`, field `matcher`) a matcher built from another graph or from an
    /// earlier state of this one ([`Matcher::is_current`]), so the bytes never pair a graph
    /// with an index that does not describe it. A matcher read from bytes has no record of its
    /// graph and is taken as it is.
    pub fn encode(graph: &CollabGraph, matcher: &Matcher) -> Result<Vec<u8>> {
        if matcher.built_from.0.is_some() && !matcher.is_current(graph) {
            return Err(Error::invalid(
                "matcher",
                "was built from another graph or an earlier state of this one; rebuild it \
                 (Matcher::new) from the graph being frozen",
            ));
        }
        let json = crate::io::to_json(graph)?;
        if json.len() as u64 > crate::limits::MAX_INPUT_BYTES {
            // from_bytes could not read it back
            return Err(Error::LimitExceeded {
                what: "frozen graph snapshot size in bytes".into(),
                limit: crate::limits::MAX_INPUT_BYTES,
                actual: json.len() as u64,
                hint: "shard the programme (matching::shard) or split it by region".into(),
            });
        }
        let m = postcard::to_allocvec(matcher)
            .map_err(|e| Error::invalid("matcher", format!("could not be serialised: {e}")))?;
        let mut out = Vec::with_capacity(20 + json.len() + m.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(json.len() as u64).to_le_bytes());
        out.extend_from_slice(json.as_bytes());
        out.extend_from_slice(&m);
        Ok(out)
    }

    /// Reads bytes written by [`FrozenProgramme::to_bytes`].
    ///
    /// # Arguments
    /// * `bytes` — the bytes.
    ///
    /// # Returns
    /// The programme; `parse_error` for bytes that are not a frozen programme or are
    /// truncated or corrupt, `unsupported_version` for a newer format, and the errors of
    /// [`crate::io::from_json`] for the graph part (e.g. `limit_exceeded` for a graph above
    /// [`crate::limits::MAX_INPUT_BYTES`]; [`FrozenProgramme::encode`]
    /// refuses to write such a graph).
    ///
    /// # Complexity
    /// O(size) time and space.
    ///
    /// # Example
    /// See [`FrozenProgramme::to_bytes`].
    ///
    /// # Reference
    /// postcard wire format specification, version 1.
    pub fn from_bytes(bytes: &[u8]) -> Result<FrozenProgramme> {
        let bad = |what: &str| Error::Parse {
            location: crate::error::Location::default(),
            message: format!(
                "{what}; these bytes are not a frozen programme written by this version of kechuang (FrozenProgramme::to_bytes)"
            ),
        };
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| bad("the magic bytes are missing"))?;
        let (ver, rest) = rest
            .split_first_chunk::<4>()
            .ok_or_else(|| bad("the version is truncated"))?;
        let ver = u32::from_le_bytes(*ver);
        if ver != VERSION {
            return Err(Error::UnsupportedVersion {
                found: ver,
                min_supported: VERSION,
                max_supported: VERSION,
            });
        }
        let (len, rest) = rest
            .split_first_chunk::<8>()
            .ok_or_else(|| bad("the graph length is truncated"))?;
        let len = usize::try_from(u64::from_le_bytes(*len))
            .ok()
            .filter(|&l| l <= rest.len())
            .ok_or_else(|| bad("the graph is truncated"))?;
        let (json, m) = rest.split_at(len);
        let json = std::str::from_utf8(json).map_err(|_| bad("the graph is not UTF-8"))?;
        let graph = crate::io::from_json(json)?;
        let (mut matcher, tail): (Matcher, &[u8]) = postcard::take_from_bytes(m)
            .map_err(|e| bad(&format!("the matcher does not decode ({e})")))?;
        if !tail.is_empty() {
            return Err(bad("there are bytes after the matcher"));
        }
        // frozen together, so the matcher describes this graph
        matcher.built_from.0 = Some(graph.revision());
        Ok(FrozenProgramme { graph, matcher })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::{MatchConfig, Query};

    #[test]
    fn round_trip_keeps_matcher_and_results() -> Result<()> {
        let g = crate::synth::taian(2)?.graph;
        let matcher = Matcher::new(&g, MatchConfig::default())?;
        let f = FrozenProgramme { graph: g, matcher };
        let bytes = f.to_bytes()?;
        let back = FrozenProgramme::from_bytes(&bytes)?;
        assert_eq!(back.matcher, f.matcher);
        assert_eq!(
            crate::io::to_json(&back.graph)?,
            crate::io::to_json(&f.graph)?
        );
        let q = Query::text("余热回收 bearing");
        assert_eq!(
            back.matcher.match_demand(&back.graph, &q)?,
            f.matcher.match_demand(&f.graph, &q)?
        );
        Ok(())
    }

    #[test]
    fn a_stale_matcher_is_refused_and_a_thawed_one_is_current() -> Result<()> {
        let mut g = crate::synth::taian(2)?.graph;
        let matcher = Matcher::new(&g, MatchConfig::default())?;
        let other = crate::synth::taian(2)?.graph; // equal content, another graph value
        let err = FrozenProgramme::encode(&other, &matcher).err();
        assert_eq!(err.as_ref().and_then(|e| e.field()), Some("matcher"));
        let bytes = FrozenProgramme::encode(&g, &matcher)?;
        let back = FrozenProgramme::from_bytes(&bytes)?;
        assert!(back.matcher.is_current(&back.graph));
        assert!(!back.matcher.is_current(&g));
        // a matcher read from bytes alone has no provenance: taken as it is
        let text = serde_json::to_string(&matcher).expect("a matcher serialises");
        let loose: Matcher = serde_json::from_str(&text).expect("and reads back");
        assert!(!loose.is_current(&g));
        assert!(FrozenProgramme::encode(&g, &loose).is_ok());
        g.set_meta(crate::model::ProgrammeMeta::default());
        assert!(!matcher.is_current(&g));
        assert!(FrozenProgramme::encode(&g, &matcher).is_err());
        Ok(())
    }

    #[test]
    fn corrupt_bytes_give_errors_not_panics() -> Result<()> {
        let g = crate::synth::taian(2)?.graph;
        let matcher = Matcher::new(&g, MatchConfig::default())?;
        let bytes = FrozenProgramme { graph: g, matcher }.to_bytes()?;
        let code = |b: &[u8]| FrozenProgramme::from_bytes(b).err().map(|e| e.code());
        assert_eq!(code(b"nonsense"), Some("parse_error"));
        let mut newer = bytes.clone();
        newer[8] = 9;
        assert_eq!(code(&newer), Some("unsupported_version"));
        // every truncation, and flipped bytes in the matcher part, fail cleanly
        for cut in (0..bytes.len()).step_by(bytes.len() / 97 + 1) {
            assert!(FrozenProgramme::from_bytes(&bytes[..cut]).is_err());
        }
        let mut flipped = bytes.clone();
        let n = flipped.len();
        for i in (n - 2000..n).step_by(37) {
            flipped[i] ^= 0xA5;
        }
        let _ = FrozenProgramme::from_bytes(&flipped);
        let mut extra = bytes;
        extra.push(0);
        assert_eq!(code(&extra), Some("parse_error"));
        Ok(())
    }
}
