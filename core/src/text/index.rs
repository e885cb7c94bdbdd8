//! A compact BM25 inverted index with precomputed per-posting impacts.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{FuzzyVocab, TermKind, kind_of, tokenize};
use crate::error::{Error, Result};

/// BM25 parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Bm25Params {
    /// Term-frequency saturation (default 1.2).
    pub k1: f32,
    /// Length normalisation in [0, 1] (default 0.75).
    pub b: f32,
}

impl Default for Bm25Params {
    fn default() -> Self {
        Bm25Params { k1: 1.2, b: 0.75 }
    }
}

impl Bm25Params {
    /// Checks that `k1` is finite and ≥ 0 and `b` is in [0, 1].
    pub fn validate(&self) -> Result<()> {
        if !self.k1.is_finite() || self.k1 < 0.0 {
            return Err(Error::invalid(
                "bm25.k1",
                format!("{} is not a finite number ≥ 0", self.k1),
            ));
        }
        if !(0.0..=1.0).contains(&self.b) {
            return Err(Error::invalid(
                "bm25.b",
                format!("{} is not in [0, 1]", self.b),
            ));
        }
        Ok(())
    }
}

/// One query term resolved against the vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueryTerm {
    /// Term id in the index.
    pub term: u32,
    /// Query weight (kind weight × fuzzy similarity).
    pub weight: f32,
    /// The term text.
    pub text: String,
    /// For a fuzzy expansion: the query term (not in the vocabulary) it replaces.
    pub expanded_from: Option<String>,
}

/// One search hit: a document and its BM25 score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Document number (order of [`Bm25Builder::add_doc`]).
    pub doc: u32,
    /// Score.
    pub score: f32,
}

/// Reusable per-thread accumulator for term-at-a-time scoring: a dense score array and the list
/// of documents touched, so resetting costs only what the last query touched.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    /// Score per document (0 when untouched).
    pub scores: Vec<f32>,
    /// Documents with a non-zero score, in first-touch order.
    pub touched: Vec<u32>,
}

impl Scratch {
    /// Clears the scores of touched documents and makes room for `n` documents.
    pub fn reset(&mut self, n: usize) {
        for &d in &self.touched {
            if let Some(s) = self.scores.get_mut(d as usize) {
                *s = 0.0;
            }
        }
        self.touched.clear();
        if self.scores.len() < n {
            self.scores.resize(n, 0.0);
        }
    }
}

/// Collects documents and builds a [`Bm25Index`].
///
/// Each document is a list of fields `(text, weight)`; a term's frequency in the document is the
/// sum of the weights of the fields it occurs in (BM25F with per-field boosts and a shared
/// length normalisation).
#[derive(Debug, Clone, Default)]
pub struct Bm25Builder {
    params: Bm25Params,
    ids: HashMap<String, u32>,
    postings: Vec<Vec<(u32, f32)>>,
    doc_len: Vec<f32>,
    local: HashMap<u32, f32>,
}

impl Bm25Builder {
    /// An empty builder.
    pub fn new(params: Bm25Params) -> Self {
        Bm25Builder {
            params,
            ..Self::default()
        }
    }

    /// Number of documents added so far.
    pub fn len(&self) -> usize {
        self.doc_len.len()
    }

    /// True when no document was added.
    pub fn is_empty(&self) -> bool {
        self.doc_len.is_empty()
    }

    /// Adds a document made of weighted fields and returns its number. A field longer than
    /// [`crate::limits::MAX_TEXT_BYTES`] is refused with `limit_exceeded`; a negative or
    /// non-finite weight with `invalid_value`.
    pub fn add_doc(&mut self, fields: &[(&str, f32)]) -> Result<u32> {
        let doc = u32::try_from(self.doc_len.len())
            .ok()
            .filter(|&d| d < u32::MAX)
            .ok_or_else(|| Error::LimitExceeded {
                what: "number of indexed documents".into(),
                limit: u64::from(u32::MAX - 1),
                actual: self.doc_len.len() as u64,
                hint: "shard the corpus by region or industry".into(),
            })?;
        self.local.clear();
        let mut len = 0.0f32;
        for &(text, w) in fields {
            check_text("document field", text)?;
            if !w.is_finite() || w < 0.0 {
                return Err(Error::invalid(
                    "field weight",
                    format!("{w} is not a finite weight ≥ 0"),
                ));
            }
            if w == 0.0 {
                continue;
            }
            let ids = &mut self.ids;
            let postings = &mut self.postings;
            let local = &mut self.local;
            tokenize(text, |t, _| {
                let id = match ids.get(t) {
                    Some(&id) => id,
                    None => {
                        let id = postings.len() as u32;
                        ids.insert(t.to_string(), id);
                        postings.push(Vec::new());
                        id
                    }
                };
                *local.entry(id).or_insert(0.0) += w;
                len += w;
            });
        }
        let mut terms: Vec<(u32, f32)> = self.local.iter().map(|(&t, &f)| (t, f)).collect();
        terms.sort_unstable_by_key(|&(t, _)| t);
        for (t, f) in terms {
            self.postings[t as usize].push((doc, f));
        }
        self.doc_len.push(len);
        Ok(doc)
    }

    /// Builds the index: terms sorted, postings sorted by document, impacts precomputed.
    ///
    /// # Complexity
    /// O(P + V log V) time for P postings and V terms; 8 bytes per posting plus the vocabulary.
    pub fn build(self) -> Bm25Index {
        let n = self.doc_len.len();
        let total_len = self.doc_len.iter().map(|&l| f64::from(l)).sum::<f64>();
        let mut order: Vec<(String, u32)> = self.ids.into_iter().collect();
        order.sort_unstable();
        let terms = order
            .into_iter()
            .map(|(t, old)| {
                let df = self.postings[old as usize].len() as u64;
                (t, Some(old), df)
            })
            .collect();
        assemble(
            self.params,
            &self.postings,
            &self.doc_len,
            n as u64,
            total_len,
            terms,
        )
    }

    /// The corpus statistics of the documents added so far: document count, total length and
    /// each term's document frequency (see [`CorpusStats`]).
    ///
    /// # Complexity
    /// O(D + V log V) time for D documents and V terms; O(V) space.
    pub fn stats(&self) -> CorpusStats {
        let mut terms: Vec<(String, u64)> = self
            .ids
            .iter()
            .map(|(t, &id)| (t.clone(), self.postings[id as usize].len() as u64))
            .collect();
        terms.sort_unstable();
        CorpusStats {
            doc_count: self.doc_len.len() as u64,
            total_len: self.doc_len.iter().map(|&l| f64::from(l)).sum(),
            terms,
        }
    }

    /// Builds the index of these documents (a shard) with corpus-wide statistics: the
    /// vocabulary (term ids), inverse document frequencies and average length all come from
    /// `stats`, so every posting's `idf × impact` equals the one in an index built over the
    /// whole corpus; only this shard's documents have postings.
    ///
    /// # Arguments
    /// * `stats` — the merged statistics of every shard ([`CorpusStats::merge`]), computed
    ///   with the same BM25 parameters and field weights.
    ///
    /// # Returns
    /// The index, or `invalid_value` when `stats` cannot be the statistics of a corpus
    /// containing this shard: a term of these documents missing, fewer documents or a shorter
    /// total length than this shard's, terms out of order or repeated, or a document
    /// frequency of 0, above the document count or below this shard's own.
    ///
    /// # Complexity
    /// O(P + V) time for P postings of the shard and V terms of the corpus; the vocabulary of
    /// the whole corpus plus 8 bytes per posting of the shard.
    ///
    /// # Example
    /// ```
    /// use kechuang::text::{Bm25Builder, Bm25Params, CorpusStats};
    /// let docs = ["余热回收", "bearing fault", "余热发电 waste heat"];
    /// let mut all = Bm25Builder::new(Bm25Params::default());
    /// let (mut a, mut b) = (all.clone(), all.clone());
    /// for (i, d) in docs.iter().enumerate() {
    ///     all.add_doc(&[(d, 1.0)])?;
    ///     if i % 2 == 0 { a.add_doc(&[(d, 1.0)])?; } else { b.add_doc(&[(d, 1.0)])?; }
    /// }
    /// let stats = CorpusStats::merge(&[a.stats(), b.stats()]);
    /// let (whole, shard) = (all.build(), a.build_with(&stats)?);
    /// // the third document is the second of shard a: same score
    /// assert_eq!(whole.search("余热", 3)[1].score, shard.search("余热", 3)[1].score);
    /// # Ok::<(), kechuang::Error>(())
    /// ```
    ///
    /// # Reference
    /// Global statistics in distributed BM25: Kulkarni and Callan, "Selective search",
    /// ACM TOIS 33(4), 2015, section 3 (shards scored with corpus-wide statistics).
    pub fn build_with(self, stats: &CorpusStats) -> Result<Bm25Index> {
        let n = self.doc_len.len() as u64;
        if stats.doc_count < n {
            return Err(Error::invalid(
                "stats",
                format!(
                    "count {} documents but this shard alone has {n}; merge the statistics of every shard",
                    stats.doc_count
                ),
            ));
        }
        let own_len: f64 = self.doc_len.iter().map(|&l| f64::from(l)).sum();
        if !stats.total_len.is_finite() || stats.total_len < own_len - 1e-6 * own_len.max(1.0) {
            return Err(Error::invalid(
                "stats.total_len",
                format!(
                    "is {} but this shard alone has {own_len}; merge the statistics of every shard",
                    stats.total_len
                ),
            ));
        }
        let mut matched = 0usize;
        let mut terms = Vec::with_capacity(stats.terms.len());
        for (i, (t, df)) in stats.terms.iter().enumerate() {
            if i > 0 && stats.terms[i - 1].0 >= *t {
                return Err(Error::invalid(
                    format!("stats.terms[{i}]"),
                    format!("{t:?} is out of order or repeated; terms must be sorted, each once"),
                ));
            }
            let local = self.ids.get(t).copied();
            let own_df = local
                .and_then(|l| self.postings.get(l as usize))
                .map_or(0, |p| p.len() as u64);
            if *df == 0 || *df > stats.doc_count || *df < own_df {
                return Err(Error::invalid(
                    format!("stats.terms[{i}]"),
                    format!(
                        "{t:?} has document frequency {df}; it must be at least 1, at least this \
                         shard's {own_df} and at most the {} documents",
                        stats.doc_count
                    ),
                ));
            }
            if local.is_some() {
                matched += 1;
            }
            terms.push((t.clone(), local, *df));
        }
        if matched != self.ids.len() {
            return Err(Error::invalid(
                "stats",
                "miss terms of this shard's documents; compute them from every shard of the same corpus with the same settings",
            ));
        }
        Ok(assemble(
            self.params,
            &self.postings,
            &self.doc_len,
            stats.doc_count,
            stats.total_len,
            terms,
        ))
    }
}

/// Builds the index arrays: `terms` in vocabulary order as (text, local postings, corpus
/// document frequency); `n` and `total_len` are the corpus's document count and total length.
fn assemble(
    params: Bm25Params,
    postings: &[Vec<(u32, f32)>],
    doc_len: &[f32],
    n: u64,
    total_len: f64,
    terms: Vec<(String, Option<u32>, u64)>,
) -> Bm25Index {
    let avg = if n == 0 {
        1.0
    } else {
        (total_len / n as f64).max(1e-9) as f32
    };
    let Bm25Params { k1, b } = params;
    let total: usize = postings.iter().map(Vec::len).sum();
    let mut term_text = String::new();
    let mut term_offsets = Vec::with_capacity(terms.len() + 1);
    let mut offsets = Vec::with_capacity(terms.len() + 1);
    let mut docs = Vec::with_capacity(total);
    let mut impacts = Vec::with_capacity(total);
    let mut idf = Vec::with_capacity(terms.len());
    term_offsets.push(0u64);
    offsets.push(0u64);
    for (t, local, df) in &terms {
        term_text.push_str(t);
        term_offsets.push(term_text.len() as u64);
        let df = *df as f64;
        idf.push((1.0 + (n as f64 - df + 0.5) / (df + 0.5)).ln() as f32);
        let list = local
            .and_then(|l| postings.get(l as usize))
            .map_or(&[][..], Vec::as_slice);
        for &(d, tf) in list {
            let len = doc_len.get(d as usize).copied().unwrap_or(0.0);
            let norm = k1 * (1.0 - b + b * len / avg);
            docs.push(d);
            impacts.push(tf * (k1 + 1.0) / (tf + norm));
        }
        offsets.push(docs.len() as u64);
    }
    Bm25Index {
        params,
        n_docs: doc_len.len() as u32,
        term_text,
        term_offsets,
        offsets,
        docs,
        impacts,
        idf,
    }
}

/// The corpus statistics BM25 scores depend on: the number of documents, their total
/// (field-weighted) length — the index uses one length per document, the sum of its field
/// weights per token — and each term's document frequency. Statistics of disjoint parts of a
/// corpus merge exactly ([`CorpusStats::merge`]): counts add as integers; the total length is
/// an `f64` sum of `f32` document lengths, exact (so independent of the order of addition)
/// whenever every length is a multiple of 2⁻²⁰ and the total stays below 2³² — true for field
/// weights such as the defaults (2, 1, 0.5). With other weights the merged average length can
/// differ from a single-pass one in the last bit of its `f32`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CorpusStats {
    /// Number of documents.
    pub doc_count: u64,
    /// Sum of document lengths.
    pub total_len: f64,
    /// (term, number of documents containing it), sorted by term, each term once.
    pub terms: Vec<(String, u64)>,
}

impl CorpusStats {
    /// The statistics of the union of disjoint document sets.
    ///
    /// # Arguments
    /// * `parts` — statistics of disjoint parts (no document counted twice).
    ///
    /// # Returns
    /// Summed counts and lengths, and the union of the vocabularies with summed document
    /// frequencies, sorted by term.
    ///
    /// # Complexity
    /// O(V log V) time and O(V) space for V terms over all parts.
    ///
    /// # Example
    /// See [`Bm25Builder::build_with`].
    ///
    /// # Reference
    /// Kulkarni and Callan, "Selective search", ACM TOIS 33(4), 2015.
    pub fn merge(parts: &[CorpusStats]) -> CorpusStats {
        let mut terms: Vec<(String, u64)> =
            parts.iter().flat_map(|p| p.terms.iter().cloned()).collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        let mut merged: Vec<(String, u64)> = Vec::with_capacity(terms.len());
        for (t, df) in terms {
            match merged.last_mut() {
                Some(last) if last.0 == t => last.1 = last.1.saturating_add(df),
                _ => merged.push((t, df)),
            }
        }
        CorpusStats {
            doc_count: parts
                .iter()
                .fold(0u64, |n, p| n.saturating_add(p.doc_count)),
            total_len: parts.iter().map(|p| p.total_len).sum(),
            terms: merged,
        }
    }

    /// Average document length (1 for an empty corpus).
    pub fn avg_len(&self) -> f64 {
        if self.doc_count == 0 {
            1.0
        } else {
            self.total_len / self.doc_count as f64
        }
    }

    /// Document frequency of a term (0 when absent), by binary search.
    pub fn df(&self, term: &str) -> u64 {
        self.terms
            .binary_search_by(|p| p.0.as_str().cmp(term))
            .map_or(0, |i| self.terms[i].1)
    }
}

fn check_text(what: &str, text: &str) -> Result<()> {
    if text.len() > crate::limits::MAX_TEXT_BYTES {
        return Err(Error::LimitExceeded {
            what: format!("{what} length in bytes"),
            limit: crate::limits::MAX_TEXT_BYTES as u64,
            actual: text.len() as u64,
            hint: "split the text or keep its summary".into(),
        });
    }
    Ok(())
}

/// A compact BM25 inverted index.
///
/// Vocabulary: one concatenated string with offsets, sorted, looked up by binary search.
/// Postings: for each term, document numbers (ascending, `u32`) and precomputed impacts
/// `tf·(k1+1)/(tf + k1·(1−b+b·len/avglen))` (`f32`), so a query is a sum of `idf × impact`
/// over its terms' postings. Memory: 8 bytes per posting plus the vocabulary.
///
/// ```
/// use kechuang::text::{Bm25Builder, Bm25Params};
/// let mut b = Bm25Builder::new(Bm25Params::default());
/// b.add_doc(&[("高炉煤气余热回收", 1.0)])?;
/// b.add_doc(&[("bearing fault diagnosis", 1.0)])?;
/// let idx = b.build();
/// let hits = idx.search("余热回收技术", 10);
/// assert_eq!(hits[0].doc, 0);
/// assert_eq!(idx.search("bearings", 10)[0].doc, 1);
/// # Ok::<(), kechuang::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bm25Index {
    params: Bm25Params,
    n_docs: u32,
    term_text: String,
    term_offsets: Vec<u64>,
    offsets: Vec<u64>,
    docs: Vec<u32>,
    impacts: Vec<f32>,
    idf: Vec<f32>,
}

impl Default for Bm25Index {
    fn default() -> Self {
        Bm25Builder::new(Bm25Params::default()).build()
    }
}

impl Bm25Index {
    /// Number of documents in this index (a shard's own count; its idf uses the corpus's).
    pub fn doc_count(&self) -> usize {
        self.n_docs as usize
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.idf.len()
    }

    /// Number of postings (document–term pairs).
    pub fn posting_count(&self) -> usize {
        self.docs.len()
    }

    /// Heap bytes held by the index.
    pub fn heap_bytes(&self) -> usize {
        self.term_text.capacity()
            + self.term_offsets.capacity() * 8
            + self.offsets.capacity() * 8
            + self.docs.capacity() * 4
            + self.impacts.capacity() * 4
            + self.idf.capacity() * 4
    }

    /// The text of term `id` (empty for an unknown id).
    pub fn term(&self, id: u32) -> &str {
        let i = id as usize;
        match (self.term_offsets.get(i), self.term_offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.term_text.get(a as usize..b as usize).unwrap_or(""),
            _ => "",
        }
    }

    /// The id of a (normalised, stemmed) term, by binary search.
    pub fn lookup(&self, term: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0usize, self.idf.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.term(mid as u32).cmp(term) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }

    /// Inverse document frequency of a term (0 for an unknown id).
    pub fn idf(&self, term: u32) -> f32 {
        self.idf.get(term as usize).copied().unwrap_or(0.0)
    }

    /// Document frequency of a term in this index (a shard's own count).
    pub fn df(&self, term: u32) -> usize {
        self.postings(term).0.len()
    }

    /// The postings of a term: documents (ascending) and impacts.
    pub fn postings(&self, term: u32) -> (&[u32], &[f32]) {
        let i = term as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => (
                self.docs.get(a as usize..b as usize).unwrap_or(&[]),
                self.impacts.get(a as usize..b as usize).unwrap_or(&[]),
            ),
            _ => (&[], &[]),
        }
    }

    /// True if `doc` contains `term` (binary search in the postings).
    pub fn contains(&self, term: u32, doc: u32) -> bool {
        self.postings(term).0.binary_search(&doc).is_ok()
    }

    /// Every term id in vocabulary order (for building a [`FuzzyVocab`]).
    pub fn terms(&self) -> impl Iterator<Item = (u32, &str)> + '_ {
        (0..self.idf.len() as u32).map(move |i| (i, self.term(i)))
    }

    /// Resolves a query text to weighted terms: each distinct term once, weighted by kind
    /// (`unigram_weight` for single CJK characters, 1 otherwise), repeated terms adding up to
    /// twice their weight. Words missing from the vocabulary are expanded through `fuzzy` when
    /// given (see [`FuzzyVocab::expand`]).
    ///
    /// # Complexity
    /// O(n log V) for a text of n characters plus the fuzzy look-ups.
    pub fn query_terms(
        &self,
        text: &str,
        unigram_weight: f32,
        fuzzy: Option<&FuzzyVocab>,
    ) -> Vec<QueryTerm> {
        let mut seen: Vec<(String, TermKind, u32)> = Vec::new();
        let mut pos: HashMap<String, usize> = HashMap::new();
        tokenize(text, |t, k| match pos.get(t) {
            Some(&i) => seen[i].2 += 1,
            None => {
                pos.insert(t.to_string(), seen.len());
                seen.push((t.to_string(), k, 1));
            }
        });
        let mut out: Vec<QueryTerm> = Vec::with_capacity(seen.len());
        let mut at: HashMap<u32, usize> = HashMap::new();
        let mut push = |out: &mut Vec<QueryTerm>, q: QueryTerm| match at.get(&q.term) {
            Some(&i) => out[i].weight = out[i].weight.max(q.weight),
            None => {
                at.insert(q.term, out.len());
                out.push(q);
            }
        };
        for (t, kind, count) in seen {
            let base = match kind {
                TermKind::CjkUnigram => unigram_weight,
                _ => 1.0,
            } * (1.0 + (count.min(2) - 1) as f32);
            if base <= 0.0 {
                continue;
            }
            if let Some(id) = self.lookup(&t) {
                push(
                    &mut out,
                    QueryTerm {
                        term: id,
                        weight: base,
                        text: t,
                        expanded_from: None,
                    },
                );
            } else if let (Some(f), TermKind::Word) = (fuzzy, kind) {
                for (id, sim) in f.expand(self, &t) {
                    push(
                        &mut out,
                        QueryTerm {
                            term: id,
                            weight: base * sim as f32,
                            text: self.term(id).to_string(),
                            expanded_from: Some(t.clone()),
                        },
                    );
                }
            }
        }
        out
    }

    /// Adds `weight × idf × impact` of every query term to the documents of its postings.
    /// Documents for which `skip(doc)` is true are left out.
    ///
    /// # Complexity
    /// O(Σ postings of the query terms) time; the scratch is reused.
    pub fn accumulate(
        &self,
        terms: &[QueryTerm],
        scratch: &mut Scratch,
        skip: impl Fn(u32) -> bool,
    ) {
        scratch.reset(self.doc_count());
        for q in terms {
            let w = q.weight * self.idf(q.term);
            let (docs, imp) = self.postings(q.term);
            for (&d, &i) in docs.iter().zip(imp) {
                if skip(d) {
                    continue;
                }
                if let Some(s) = scratch.scores.get_mut(d as usize) {
                    if *s == 0.0 {
                        scratch.touched.push(d);
                    }
                    *s += w * i;
                }
            }
        }
    }

    /// The `k` best documents for a text (no fuzzy expansion, CJK unigram weight 0.25), best
    /// first, ties by document number.
    ///
    /// # Arguments
    /// * `text` — the query.
    /// * `k` — how many hits (0 gives none).
    ///
    /// # Returns
    /// Up to `k` hits with a positive score.
    ///
    /// # Complexity
    /// O(Σ postings + t log k) time for t touched documents; O(D) scratch, reused per thread.
    ///
    /// # Example
    /// See [`Bm25Index`].
    ///
    /// # Reference
    /// Robertson and Zaragoza, "The probabilistic relevance framework: BM25 and beyond",
    /// Foundations and Trends in IR 3(4), 2009.
    pub fn search(&self, text: &str, k: usize) -> Vec<Hit> {
        let terms = self.query_terms(text, 0.25, None);
        with_scratch(|s| {
            self.accumulate(&terms, s, |_| false);
            top_k(&s.scores, &s.touched, k)
        })
    }

    /// [`Bm25Index::search`] for many texts, in parallel when the `parallel` feature is on;
    /// the same hits as one at a time.
    pub fn search_batch(&self, texts: &[&str], k: usize) -> Vec<Vec<Hit>> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            texts.par_iter().map(|t| self.search(t, k)).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            texts.iter().map(|t| self.search(t, k)).collect()
        }
    }

    /// The BM25 parameters used at build time.
    pub fn params(&self) -> Bm25Params {
        self.params
    }
}

/// Runs `f` with this thread's reusable scratch.
pub(crate) fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
    }
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        // re-entrant use (a callback querying again): fall back to a fresh scratch
        Err(_) => f(&mut Scratch::default()),
    })
}

/// The `k` touched entries with the highest score, best first, ties by index.
pub(crate) fn top_k(scores: &[f32], touched: &[u32], k: usize) -> Vec<Hit> {
    if k == 0 {
        return Vec::new();
    }
    let mut hits: Vec<Hit> = touched
        .iter()
        .filter_map(|&d| scores.get(d as usize).map(|&s| Hit { doc: d, score: s }))
        .filter(|h| h.score > 0.0)
        .collect();
    let cmp = |a: &Hit, b: &Hit| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc));
    if hits.len() > k {
        hits.select_nth_unstable_by(k - 1, cmp);
        hits.truncate(k);
    }
    hits.sort_unstable_by(cmp);
    hits
}

/// The term kind of vocabulary term `id`.
pub(crate) fn vocab_kind(idx: &Bm25Index, id: u32) -> TermKind {
    kind_of(idx.term(id))
}
