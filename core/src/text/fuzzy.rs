//! Fuzzy expansion of out-of-vocabulary words through a character-trigram candidate filter.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::TermKind;
use super::index::{Bm25Index, vocab_kind};

/// Options of fuzzy expansion.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct FuzzyOptions {
    /// Expand at all (default true).
    pub enabled: bool,
    /// Shortest word (in characters) that is expanded (default 4).
    pub min_len: usize,
    /// Most vocabulary terms one query word expands to (default 2).
    pub max_expansions: usize,
    /// Lowest Jaro-Winkler similarity kept (default 0.85).
    pub min_similarity: f64,
    /// Most trigram postings read for one word before giving up (default 200 000), a bound on
    /// the work per word independent of the vocabulary size.
    pub max_postings: usize,
}

impl Default for FuzzyOptions {
    fn default() -> Self {
        FuzzyOptions {
            enabled: true,
            min_len: 4,
            max_expansions: 2,
            min_similarity: 0.85,
            max_postings: 200_000,
        }
    }
}

/// A trigram index over the word terms of a [`Bm25Index`] vocabulary, used to find close
/// spellings of a word that is not in the vocabulary without scanning the vocabulary.
///
/// Each word `w` is padded as `^w$` and cut into character trigrams; each trigram (three
/// 21-bit code points packed in a `u64`) lists the words containing it.
///
/// ```
/// use kechuang::text::{Bm25Builder, Bm25Params, FuzzyVocab, FuzzyOptions};
/// let mut b = Bm25Builder::new(Bm25Params::default());
/// b.add_doc(&[("vibration monitoring of bearings", 1.0)])?;
/// let idx = b.build();
/// let f = FuzzyVocab::build(&idx, FuzzyOptions::default());
/// let exp = f.expand(&idx, "vibraton");
/// assert_eq!(idx.term(exp[0].0), "vibration");
/// # Ok::<(), kechuang::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FuzzyVocab {
    options: FuzzyOptions,
    grams: Vec<u64>,
    offsets: Vec<u32>,
    terms: Vec<u32>,
}

/// The distinct padded character trigrams of `word`, sorted.
pub(super) fn trigrams(word: &str) -> Vec<u64> {
    let chars: Vec<char> = std::iter::once('^')
        .chain(word.chars())
        .chain(std::iter::once('$'))
        .collect();
    let mut g: Vec<u64> = chars
        .windows(3)
        .map(|w| {
            (u64::from(w[0] as u32) << 42) | (u64::from(w[1] as u32) << 21) | u64::from(w[2] as u32)
        })
        .collect();
    g.sort_unstable();
    g.dedup();
    g
}

impl FuzzyVocab {
    /// Builds the trigram filter over the index's word terms of at least `options.min_len`
    /// characters.
    ///
    /// # Complexity
    /// O(V·L log(V·L)) time and O(V·L) space for V words of average length L.
    pub fn build(index: &Bm25Index, options: FuzzyOptions) -> FuzzyVocab {
        let words = index.terms().filter(|&(id, t)| {
            vocab_kind(index, id) == TermKind::Word && t.chars().count() >= options.min_len
        });
        let (grams, offsets, terms) = postings(words);
        FuzzyVocab {
            options,
            grams,
            offsets,
            terms,
        }
    }

    /// The options this filter was built with.
    pub fn options(&self) -> FuzzyOptions {
        self.options
    }

    /// Close vocabulary words for `word`, best first: candidates share enough trigrams with
    /// `word` (at least its trigram count minus 3 per allowed edit), differ in length by at
    /// most the allowed edits, are within Damerau-Levenshtein distance 1 (words up to 6
    /// characters) or 2 (longer), and have Jaro-Winkler similarity ≥ `min_similarity`.
    ///
    /// # Arguments
    /// * `index` — the index this filter was built from.
    /// * `word` — a normalised, stemmed query word.
    ///
    /// # Returns
    /// Up to `max_expansions` `(term id, similarity)` pairs, by similarity then term id; empty
    /// when expansion is off or the word is shorter than `min_len`.
    ///
    /// # Complexity
    /// O(Σ postings of the word's trigrams), capped by `max_postings`, plus O(c·L²) for the c
    /// candidates verified; never proportional to the vocabulary size.
    ///
    /// # Example
    /// See [`FuzzyVocab`].
    ///
    /// # Reference
    /// Zobel and Dart, "Finding approximate matches in large lexicons", Software: Practice and
    /// Experience 25(3), 1995 (n-gram candidate filtering before edit distance).
    pub fn expand(&self, index: &Bm25Index, word: &str) -> Vec<(u32, f64)> {
        let o = self.options;
        let len = word.chars().count();
        if !o.enabled || len < o.min_len || o.max_expansions == 0 {
            return Vec::new();
        }
        let postings = Postings {
            grams: &self.grams,
            offsets: &self.offsets,
            terms: &self.terms,
        };
        let mut out =
            postings.close_words(word, 3, o.max_postings, o.min_similarity, |t| index.term(t));
        out.truncate(o.max_expansions);
        out
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.grams.capacity() * 8 + self.offsets.capacity() * 4 + self.terms.capacity() * 4
    }
}

/// Trigram postings of `words` (`(id, word)` pairs): the sorted distinct trigrams, `offsets`
/// (one more than trigrams) into `terms`, the ids of the words holding each trigram.
pub(super) fn postings<'a>(
    words: impl Iterator<Item = (u32, &'a str)>,
) -> (Vec<u64>, Vec<u32>, Vec<u32>) {
    let mut pairs: Vec<(u64, u32)> = Vec::new();
    for (id, w) in words {
        pairs.extend(trigrams(w).into_iter().map(|g| (g, id)));
    }
    pairs.sort_unstable();
    let mut grams = Vec::new();
    let mut offsets = Vec::new();
    let mut terms = Vec::with_capacity(pairs.len());
    for (g, id) in pairs {
        if grams.last() != Some(&g) {
            grams.push(g);
            offsets.push(terms.len() as u32);
        }
        terms.push(id);
    }
    offsets.push(terms.len() as u32);
    (grams, offsets, terms)
}

/// A borrowed view of trigram postings (see [`postings`]).
pub(super) struct Postings<'a> {
    pub(super) grams: &'a [u64],
    pub(super) offsets: &'a [u32],
    pub(super) terms: &'a [u32],
}

impl Postings<'_> {
    /// Words close to `word`, best first by Jaro-Winkler similarity then id: candidates share
    /// enough trigrams with `word` (its trigram count minus `per_edit` per allowed edit, at
    /// least one), differ in length by at most the allowed edits, are within
    /// Damerau-Levenshtein distance 1 (words up to 6 characters) or 2 (longer) and have
    /// similarity ≥ `min_similarity`. `term(id)` gives the word of an id. At most
    /// `max_postings` postings are read. One substitution or insertion removes at most 3 of the
    /// word's trigrams, a transposition at most 4: `per_edit = 4` loses no candidate when the
    /// word has more than 4 trigrams per allowed edit.
    pub(super) fn close_words<'w>(
        &self,
        word: &str,
        per_edit: usize,
        max_postings: usize,
        min_similarity: f64,
        term: impl Fn(u32) -> &'w str,
    ) -> Vec<(u32, f64)> {
        let len = word.chars().count();
        let max_edits = if len <= 6 { 1 } else { 2 };
        let qg = trigrams(word);
        let need = qg.len().saturating_sub(per_edit * max_edits).max(1);
        let mut counts: HashMap<u32, u32> = HashMap::new();
        let mut read = 0usize;
        for g in &qg {
            let Ok(i) = self.grams.binary_search(g) else {
                continue;
            };
            let (Some(&a), Some(&b)) = (self.offsets.get(i), self.offsets.get(i + 1)) else {
                continue;
            };
            let list = self.terms.get(a as usize..b as usize).unwrap_or(&[]);
            read += list.len();
            if read > max_postings {
                break;
            }
            for &t in list {
                *counts.entry(t).or_insert(0) += 1;
            }
        }
        let mut out: Vec<(u32, f64)> = counts
            .into_iter()
            .filter(|&(_, c)| c as usize >= need)
            .filter_map(|(t, _)| {
                let cand = term(t);
                let cl = cand.chars().count();
                if cl.abs_diff(len) > max_edits {
                    return None;
                }
                if strsim::damerau_levenshtein(word, cand) > max_edits {
                    return None;
                }
                let sim = strsim::jaro_winkler(word, cand);
                (sim >= min_similarity).then_some((t, sim))
            })
            .collect();
        out.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}
