use proptest::prelude::*;

use super::*;

fn terms(s: &str) -> Vec<String> {
    let mut v = Vec::new();
    tokenize(s, |t, _| v.push(t.to_string()));
    v
}

#[test]
fn stop_words_sorted() {
    assert!(EN_STOP.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn full_width_and_case() {
    assert_eq!(terms("ＭＥＳ系统"), terms("mes 系统"));
    assert_eq!(terms("Q235 Steel"), ["q235", "steel"]);
    assert_eq!(terms("0.5mm coating"), ["0.5mm", "coat"]);
}

#[test]
fn chinese_function_words_split_bigrams() {
    let t = terms("钢铁的冶炼");
    assert!(t.contains(&"钢铁".to_string()));
    assert!(t.contains(&"冶炼".to_string()));
    assert!(!t.iter().any(|x| x.contains('的')));
    assert!(!t.contains(&"铁冶".to_string()));
    // stop bigram
    assert!(!terms("我们需要余热回收").contains(&"需要".to_string()));
}

#[test]
fn stemming() {
    assert_eq!(stem("diagnoses"), stem("diagnose"));
    assert_eq!(stem("coatings"), stem("coated"));
    assert_eq!(stem("coating"), stem("coats"));
    assert_eq!(stem("hoping"), "hope");
    assert_eq!(stem("stopped"), "stop");
    assert_eq!(stem("gas"), "gas");
}

#[test]
fn bm25_prefers_rarer_and_denser() {
    let mut b = Bm25Builder::new(Bm25Params::default());
    b.add_doc(&[("steel slag recycling", 1.0)]).unwrap();
    b.add_doc(&[("steel", 1.0)]).unwrap();
    b.add_doc(&[("steel rolling mill", 1.0)]).unwrap();
    let idx = b.build();
    let hits = idx.search("slag recycling steel", 3);
    assert_eq!(hits[0].doc, 0);
    assert_eq!(hits.len(), 3);
    assert!(hits[0].score > hits[1].score);
    assert!(idx.search("nothing here", 3).is_empty());
    assert!(idx.search("steel", 0).is_empty());
}

#[test]
fn field_weights_matter() {
    let mut b = Bm25Builder::new(Bm25Params::default());
    b.add_doc(&[("corrosion", 3.0), ("pipeline", 1.0)]).unwrap();
    b.add_doc(&[("corrosion", 1.0), ("pipeline", 3.0)]).unwrap();
    let idx = b.build();
    assert_eq!(idx.search("corrosion", 1)[0].doc, 0);
    assert_eq!(idx.search("pipeline", 1)[0].doc, 1);
    assert_eq!(b_err().code(), "invalid_value");
}

fn b_err() -> crate::Error {
    let mut b = Bm25Builder::new(Bm25Params::default());
    b.add_doc(&[("x", f32::NAN)]).unwrap_err()
}

#[test]
fn fuzzy_expands_typos_only_when_oov() {
    let mut b = Bm25Builder::new(Bm25Params::default());
    b.add_doc(&[("desulfurization of flue gas", 1.0)]).unwrap();
    b.add_doc(&[("vibration analysis turbine", 1.0)]).unwrap();
    let idx = b.build();
    let f = FuzzyVocab::build(&idx, FuzzyOptions::default());
    let q = idx.query_terms("desulfurizaton turbnie", 0.25, Some(&f));
    let texts: Vec<_> = q
        .iter()
        .map(|t| (t.text.as_str(), t.expanded_from.as_deref()))
        .collect();
    assert!(
        texts.contains(&("desulfurization", Some("desulfurizaton"))),
        "{texts:?}"
    );
    assert!(texts.contains(&("turbin", Some("turbni"))), "{texts:?}");
    // in-vocabulary words are not expanded
    let q = idx.query_terms("turbine", 0.25, Some(&f));
    assert_eq!(q.len(), 1);
    assert!(q[0].expanded_from.is_none());
    // nothing close
    assert!(f.expand(&idx, "zzzzzzzz").is_empty());
}

proptest! {
    #[test]
    fn normalize_idempotent(s in "\\PC{0,40}") {
        let n = normalize(&s);
        prop_assert_eq!(normalize(&n), n.clone());
        prop_assert!(!n.starts_with(' ') && !n.ends_with(' '));
    }

    #[test]
    fn tokenize_total_and_search_bounded(docs in proptest::collection::vec("[a-z 钢铁冶炼余热回收的]{0,30}", 1..8), q in "[a-z 钢铁冶炼余热]{0,20}") {
        let mut b = Bm25Builder::new(Bm25Params::default());
        for d in &docs { b.add_doc(&[(d.as_str(), 1.0)]).unwrap(); }
        let idx = b.build();
        let h1 = idx.search(&q, 5);
        let h2 = idx.search(&q, 5);
        prop_assert_eq!(&h1, &h2);
        prop_assert!(h1.len() <= 5);
        prop_assert!(h1.windows(2).all(|w| w[0].score >= w[1].score));
        for h in &h1 { prop_assert!(h.score.is_finite() && h.score > 0.0 && (h.doc as usize) < docs.len()); }
        let batch = idx.search_batch(&[q.as_str(), q.as_str()], 5);
        prop_assert_eq!(&batch[0], &h1);
    }
}

#[test]
fn shard_statistics_that_cannot_describe_the_corpus_are_refused() -> crate::Result<()> {
    use crate::text::{Bm25Builder, Bm25Params, CorpusStats};
    let mut a = Bm25Builder::new(Bm25Params::default());
    a.add_doc(&[("余热回收 waste heat", 1.0)])?;
    a.add_doc(&[("bearing fault waste", 1.0)])?;
    let good = a.stats();
    assert!(a.clone().build_with(&good).is_ok());
    let field = |s: &CorpusStats| {
        a.clone()
            .build_with(s)
            .err()
            .and_then(|e| e.field().map(str::to_string))
    };
    // terms out of order, or one repeated
    let mut swapped = good.clone();
    swapped.terms.swap(0, 1);
    assert_eq!(field(&swapped).as_deref(), Some("stats.terms[1]"));
    let mut repeated = good.clone();
    repeated.terms.insert(1, repeated.terms[0].clone());
    assert_eq!(field(&repeated).as_deref(), Some("stats.terms[1]"));
    // a document frequency of 0, above the document count, or below this shard's own
    // "waste" is in both documents: df 2
    let waste = good
        .terms
        .iter()
        .position(|t| t.1 == 2)
        .expect("a term of both documents");
    for df in [0, 3, 1] {
        let mut bad = good.clone();
        bad.terms[waste].1 = df;
        assert_eq!(
            field(&bad),
            Some(format!("stats.terms[{waste}]")),
            "df {df}"
        );
    }
    // a total length shorter than this shard's, or not finite
    for len in [1.0, f64::NAN, f64::INFINITY] {
        let mut bad = good.clone();
        bad.total_len = len;
        assert_eq!(
            field(&bad).as_deref(),
            Some("stats.total_len"),
            "total_len {len}"
        );
    }
    Ok(())
}
