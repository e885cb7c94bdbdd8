//! Fuzzy similarity between two keyword lists: for each query keyword, the close spellings in a
//! vocabulary (typos, transpositions, variant endings), through the same character-trigram
//! filter and edit-distance check that matching uses to expand out-of-vocabulary words.
//!
//! Typical use: mapping the keywords an enterprise typed into a demand form onto the expert
//! keyword vocabulary or the taxonomy's terms, or cleaning a keyword list before import.

use serde::{Deserialize, Serialize};

use super::fuzzy::{Postings, postings};
use super::normalize;
use crate::error::{Error, Result};
use crate::limits::{MAX_KEY_BYTES, MAX_RESULTS};

/// Options of [`similar_keywords`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct KeywordOptions {
    /// Most matches returned per query keyword, best first (default 5; 1 to
    /// [`MAX_RESULTS`](crate::limits::MAX_RESULTS)).
    #[serde(deserialize_with = "crate::limits::saturating_usize")]
    pub k: usize,
    /// Lowest Jaro-Winkler similarity kept, in `[0, 1]` (default 0.85).
    pub min_similarity: f64,
    /// Most trigram postings read for one query keyword (default 200 000): a bound on the work
    /// per keyword independent of the vocabulary size (at least 1).
    #[serde(deserialize_with = "crate::limits::saturating_usize")]
    pub max_postings: usize,
}

impl Default for KeywordOptions {
    fn default() -> Self {
        KeywordOptions {
            k: 5,
            min_similarity: 0.85,
            max_postings: 200_000,
        }
    }
}

/// One vocabulary keyword close to a query keyword.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeywordHit {
    /// Position of the keyword in the vocabulary.
    pub index: u32,
    /// The vocabulary keyword as given.
    pub keyword: String,
    /// Jaro-Winkler similarity of the normalised keywords, in `[0, 1]`.
    pub similarity: f64,
}

/// The close vocabulary keywords of every query keyword, in query order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeywordMatches {
    /// For query `i`, its hits best first (similarity, then vocabulary index).
    pub matches: Vec<Vec<KeywordHit>>,
}

impl KeywordMatches {
    /// Number of query keywords.
    pub fn len(&self) -> usize {
        self.matches.len()
    }

    /// True when there were no query keywords.
    pub fn is_empty(&self) -> bool {
        self.matches.is_empty()
    }

    /// The hits of query `i` (empty when out of range).
    pub fn of(&self, i: usize) -> &[KeywordHit] {
        self.matches.get(i).map_or(&[], Vec::as_slice)
    }

    /// The best hit of query `i`, if any.
    pub fn best(&self, i: usize) -> Option<&KeywordHit> {
        self.of(i).first()
    }
}

fn check_len(what: &str, i: usize, k: &str) -> Result<()> {
    if k.len() > MAX_KEY_BYTES {
        return Err(Error::LimitExceeded {
            what: format!("{what}[{i}] length in bytes"),
            limit: MAX_KEY_BYTES as u64,
            actual: k.len() as u64,
            hint: "keywords are short terms; split or shorten it".into(),
        });
    }
    Ok(())
}

/// Fuzzy keyword similarity: for every query keyword, the vocabulary keywords within a small
/// edit distance, ranked by Jaro-Winkler similarity.
///
/// Both lists are normalised first ([`normalize`]: case and full-width folding, whitespace). A
/// character-trigram index over the vocabulary proposes candidates that share enough trigrams
/// with the query; a candidate is kept when its length differs by at most the allowed edits, its
/// Damerau-Levenshtein distance is at most 1 (query up to 6 characters) or 2 (longer), and its
/// Jaro-Winkler similarity is at least `min_similarity`. The work per query is bounded by the
/// postings it reads, never proportional to the vocabulary — unlike a full query × vocabulary
/// similarity matrix, which scores every pair.
///
/// The filter loses nothing for a query with more than 4 distinct padded trigrams per allowed
/// edit (one edit removes at most 4): then, unless `max_postings` cuts the reading short, the
/// result equals a scan of the whole vocabulary with the same rule. Shorter queries (up to 4 characters, or 7–8 characters with two edits)
/// only find keywords sharing at least one trigram with them (`ab` does not find `b`).
///
/// # Arguments
/// * `queries` — the keywords to look up.
/// * `vocabulary` — the keywords to find them in (duplicates allowed; ties by position).
/// * `opts` — matches per query, similarity floor, postings budget ([`KeywordOptions`]).
/// * `progress` — called with `(queries done, queries total)` after each block of queries;
///   return `false` to stop with [`Error::Cancelled`].
///
/// # Returns
/// [`KeywordMatches`], one list per query, best first by similarity then vocabulary index.
/// Errors: `invalid_value` when `k` is 0 or above [`MAX_RESULTS`], `max_postings` is 0 or
/// `min_similarity` is outside `[0, 1]`; `limit_exceeded` for a keyword over [`MAX_KEY_BYTES`] bytes; `cancelled`.
///
/// # Complexity
/// Building the trigram index: O(V·L log(V·L)) time and O(V·L) space for V vocabulary keywords
/// of L characters. Each query: O(postings read) (capped by `max_postings`) plus O(c·L²) for
/// the c candidates verified. Queries are spread over rayon's threads with the `parallel`
/// feature; the result does not depend on the thread count.
///
/// # Example
/// ```
/// use kechuang::text::{similar_keywords, KeywordOptions};
/// let vocab = ["vibration monitoring", "heat recovery", "Hydrogen"];
/// let found = similar_keywords(&["vibraton monitoring", "hydrogn", "welding"], &vocab,
///                              &KeywordOptions::default(), None)?;
/// assert_eq!(found.best(0).map(|h| h.index), Some(0));
/// assert_eq!(found.best(1).map(|h| h.keyword.as_str()), Some("Hydrogen"));
/// assert!(found.of(2).is_empty());
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Zobel and Dart, "Finding approximate matches in large lexicons", Software: Practice and
/// Experience 25(3), 1995 (n-gram filtering before edit distance); Winkler, "String comparator
/// metrics and enhanced decision rules in the Fellegi-Sunter model of record linkage", 1990.
pub fn similar_keywords<Q: AsRef<str> + Sync, V: AsRef<str> + Sync>(
    queries: &[Q],
    vocabulary: &[V],
    opts: &KeywordOptions,
    mut progress: Option<&mut dyn FnMut(usize, usize) -> bool>,
) -> Result<KeywordMatches> {
    if opts.k == 0 || opts.k > MAX_RESULTS {
        return Err(Error::invalid(
            "k",
            format!("{} is not between 1 and {MAX_RESULTS}", opts.k),
        ));
    }
    if opts.max_postings == 0 {
        return Err(Error::invalid(
            "max_postings",
            "is 0, which would find nothing; give at least 1 (default 200000)",
        ));
    }
    if !(0.0..=1.0).contains(&opts.min_similarity) {
        return Err(Error::invalid(
            "min_similarity",
            format!("{} is not in [0, 1]", opts.min_similarity),
        ));
    }
    if u32::try_from(vocabulary.len()).is_err() {
        return Err(Error::LimitExceeded {
            what: "vocabulary size".into(),
            limit: u64::from(u32::MAX),
            actual: vocabulary.len() as u64,
            hint: "split the vocabulary".into(),
        });
    }
    for (i, q) in queries.iter().enumerate() {
        check_len("queries", i, q.as_ref())?;
    }
    let mut words = Vec::with_capacity(vocabulary.len());
    for (i, v) in vocabulary.iter().enumerate() {
        check_len("vocabulary", i, v.as_ref())?;
        words.push(normalize(v.as_ref()));
    }
    let (grams, offsets, terms) = postings(
        words
            .iter()
            .enumerate()
            .map(|(i, w)| (i as u32, w.as_str())),
    );
    let index = Postings {
        grams: &grams,
        offsets: &offsets,
        terms: &terms,
    };
    let term = |t: u32| words.get(t as usize).map_or("", String::as_str);
    let one = |q: &Q| -> Vec<KeywordHit> {
        let word = normalize(q.as_ref());
        let mut hits = index.close_words(&word, 4, opts.max_postings, opts.min_similarity, term);
        hits.truncate(opts.k);
        hits.into_iter()
            .map(|(t, similarity)| KeywordHit {
                index: t,
                keyword: vocabulary
                    .get(t as usize)
                    .map_or_else(String::new, |v| v.as_ref().to_string()),
                similarity,
            })
            .collect()
    };
    const BLOCK: usize = 1024;
    let mut matches = Vec::with_capacity(queries.len());
    for block in queries.chunks(BLOCK) {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            matches.extend(block.par_iter().map(one).collect::<Vec<_>>());
        }
        #[cfg(not(feature = "parallel"))]
        matches.extend(block.iter().map(one));
        if let Some(p) = progress.as_mut() {
            if !p(matches.len(), queries.len()) {
                return Err(Error::Cancelled);
            }
        }
    }
    Ok(KeywordMatches { matches })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn opts(k: usize) -> KeywordOptions {
        KeywordOptions {
            k,
            ..KeywordOptions::default()
        }
    }

    #[test]
    fn finds_typos_ranks_and_normalises() {
        let vocab = [
            "Thermodynamics",
            "thermodynamic",
            "catalysis",
            "ＭＥＳ系统",
            "polymer",
        ];
        let q = ["thermodynamcis", "CATALYSYS", "mes系统", "ceramics", ""];
        let m = similar_keywords(&q, &vocab, &opts(5), None).unwrap();
        assert_eq!(m.len(), 5);
        // transposition: both thermodynamic forms are within 2 edits; the exact length wins
        assert_eq!(m.best(0).unwrap().index, 0);
        assert!(m.of(0).iter().any(|h| h.index == 1));
        assert!(
            m.of(0)
                .windows(2)
                .all(|w| w[0].similarity >= w[1].similarity)
        );
        assert_eq!(m.best(1).unwrap().keyword, "catalysis");
        // full-width and case folded: an exact match has similarity 1
        assert_eq!(m.best(2).unwrap().index, 3);
        assert_eq!(m.best(2).unwrap().similarity, 1.0);
        assert!(m.of(3).is_empty() && m.of(4).is_empty() && m.of(99).is_empty());
    }

    #[test]
    fn k_truncates_and_ties_by_index() {
        let vocab = ["abcdex", "abcdey", "abcdez", "abcdex"];
        let m = similar_keywords(&["abcdeq"], &vocab, &opts(2), None).unwrap();
        let idx: Vec<u32> = m.of(0).iter().map(|h| h.index).collect();
        assert_eq!(idx, vec![0, 1]);
    }

    #[test]
    fn bad_options_and_limits_are_refused() {
        let v = ["a"];
        let e = similar_keywords(&["a"], &v, &opts(0), None).unwrap_err();
        assert_eq!(e.code(), "invalid_value");
        let e = similar_keywords(&["a"], &v, &opts(MAX_RESULTS + 1), None).unwrap_err();
        assert_eq!(e.code(), "invalid_value");
        let o = KeywordOptions {
            min_similarity: 1.5,
            ..KeywordOptions::default()
        };
        assert_eq!(
            similar_keywords(&["a"], &v, &o, None).unwrap_err().code(),
            "invalid_value"
        );
        let o = KeywordOptions {
            max_postings: 0,
            ..KeywordOptions::default()
        };
        let e = similar_keywords(&["a"], &v, &o, None).unwrap_err();
        assert_eq!(e.field(), Some("max_postings"));
        let long = "x".repeat(MAX_KEY_BYTES + 1);
        let e = similar_keywords(&[long.as_str()], &v, &opts(1), None).unwrap_err();
        assert_eq!(e.code(), "limit_exceeded");
        let e = similar_keywords(&["a"], &[long.as_str()], &opts(1), None).unwrap_err();
        assert_eq!(e.code(), "limit_exceeded");
    }

    #[test]
    fn progress_can_cancel() {
        let q = vec!["abc"; 3000];
        let mut calls = Vec::new();
        let mut hook = |d: usize, t: usize| {
            calls.push((d, t));
            true
        };
        similar_keywords(&q, &["abc"], &opts(1), Some(&mut hook)).unwrap();
        assert_eq!(calls, vec![(1024, 3000), (2048, 3000), (3000, 3000)]);
        let mut stop = |_: usize, _: usize| false;
        let e = similar_keywords(&q, &["abc"], &opts(1), Some(&mut stop)).unwrap_err();
        assert_eq!(e.code(), "cancelled");
    }

    proptest! {
        /// Every hit passes the documented rule, and for queries with more than 4 trigrams
        /// per allowed edit the filter loses nothing: a brute-force scan over the vocabulary
        /// with the same rule finds exactly the same hits (typo'd copies of vocabulary words
        /// are mixed into the queries so that there is something to find).
        #[test]
        fn equals_brute_force(
            vocab in proptest::collection::vec("[abcde]{3,11}", 1..40),
            extra in proptest::collection::vec("[abcdef]{3,11}", 0..5),
            typos in proptest::collection::vec((0usize..40, 0usize..11, 0u8..4), 0..10),
        ) {
            let mut queries = extra;
            for (w, at, op) in typos {
                let mut c: Vec<char> = vocab[w % vocab.len()].chars().collect();
                let at = at % (c.len() - 1);
                match op {
                    0 => c[at] = 'f',
                    1 => { c.remove(at); }
                    2 => c.insert(at, 'e'),
                    _ => c.swap(at, at + 1),
                }
                queries.push(c.into_iter().collect());
            }
            let o = KeywordOptions { k: 50, ..KeywordOptions::default() };
            let m = similar_keywords(&queries, &vocab, &o, None).unwrap();
            for (i, q) in queries.iter().enumerate() {
                let len = q.chars().count();
                let edits = if len <= 6 { 1 } else { 2 };
                let got: Vec<(u32, f64)> = m.of(i).iter().map(|h| (h.index, h.similarity)).collect();
                for &(j, s) in &got {
                    let v = &vocab[j as usize];
                    prop_assert!(strsim::damerau_levenshtein(q, v) <= edits && s >= o.min_similarity);
                }
                if super::super::fuzzy::trigrams(q).len() <= 4 * edits {
                    continue;
                }
                let mut want: Vec<(u32, f64)> = vocab.iter().enumerate().filter_map(|(j, v)| {
                    let ok = v.chars().count().abs_diff(len) <= edits
                        && strsim::damerau_levenshtein(q, v) <= edits;
                    let s = strsim::jaro_winkler(q, v);
                    (ok && s >= o.min_similarity).then_some((j as u32, s))
                }).collect();
                want.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                prop_assert_eq!(got, want);
            }
        }
    }
}
