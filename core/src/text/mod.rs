//! Text analysis for matching: normalisation, tokenisation of Chinese, English and mixed text,
//! a compact BM25 inverted index, and fuzzy expansion of out-of-vocabulary terms.
//!
//! No dictionary is needed: CJK runs become overlapping character bigrams plus unigrams, Latin
//! runs become lightly stemmed words. Full-width forms are folded to half-width and case is
//! folded first, so `ＭＥＳ系统` and `mes 系统` give the same terms.
//!
//! ```
//! use kechuang::text::{tokenize, TermKind};
//! let mut terms = Vec::new();
//! tokenize("高炉煤气的余热回收 Heat Recovery", |t, k| terms.push((t.to_string(), k)));
//! assert!(terms.contains(&("高炉".to_string(), TermKind::CjkBigram)));
//! assert!(terms.contains(&("recoveri".to_string(), TermKind::Word)) || terms.contains(&("recovery".to_string(), TermKind::Word)));
//! // the function word 的 is dropped and never joins a bigram
//! assert!(!terms.iter().any(|(t, _)| t.contains('的')));
//! ```

mod fuzzy;
mod index;
mod keywords;

pub use fuzzy::{FuzzyOptions, FuzzyVocab};
pub use index::{Bm25Builder, Bm25Index, Bm25Params, CorpusStats, Hit, QueryTerm, Scratch};
pub use keywords::{KeywordHit, KeywordMatches, KeywordOptions, similar_keywords};

use serde::{Deserialize, Serialize};

/// What kind of unit a term is; query weights differ by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    /// A Latin word (stemmed) or an alphanumeric code such as `q235` or `5g`.
    Word,
    /// Two adjacent CJK characters.
    CjkBigram,
    /// One CJK character.
    CjkUnigram,
}

/// Normalises text for matching: full-width ASCII (U+FF01–U+FF5E) and the ideographic space
/// are folded to half-width, letters are lower-cased, runs of whitespace become one space and
/// the ends are trimmed. Digits, units and punctuation are kept.
///
/// # Arguments
/// * `text` — any text.
///
/// # Returns
/// The normalised text.
///
/// # Complexity
/// O(n) time and space in the length of `text`.
///
/// # Example
/// ```
/// assert_eq!(kechuang::text::normalize("  ＭＥＳ　系统  500ＫＷ "), "mes 系统 500kw");
/// ```
///
/// # Reference
/// Unicode Standard Annex #15 (compatibility decomposition of full-width forms), applied to the
/// ASCII block only.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        let c = fold_width(c);
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Folds one full-width character to its half-width form.
fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// True for characters tokenised as CJK (Han ideographs, kana, hangul).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // hangul syllables
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x3134F) // extensions B–G
}

/// Single Chinese characters that are function words: dropped, and never part of a bigram.
const ZH_STOP_CHARS: &str =
    "的了和与及或在是对等把被将从向于之其而并且也都就还又很更最已着过吗呢吧啊嘛么个这那该此每各";

/// Two-character Chinese function words and boilerplate of demand statements.
const ZH_STOP_BIGRAMS: &[&str] = &[
    "我们",
    "需要",
    "一个",
    "进行",
    "如何",
    "目前",
    "希望",
    "方面",
    "相关",
    "存在",
    "通过",
    "以及",
    "什么",
    "可以",
    "能够",
    "没有",
    "已经",
    "主要",
    "我司",
    "公司",
    "寻求",
    "寻找",
    "帮助",
    "怎么",
    "为了",
    "因为",
    "所以",
    "但是",
    "如果",
    "虽然",
    "这些",
    "那些",
    "其中",
    "有关",
    "关于",
    "对于",
    "一些",
    "一种",
    "同时",
    "以上",
    "以下",
    "问题",
    "难题",
    "亟需",
    "急需",
    "现在",
    "本公司",
];

/// English stop words (matched after case folding, before stemming).
const EN_STOP: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "company", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "help", "her", "here", "hers",
    "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "looking",
    "me", "more", "most", "my", "need", "needs", "no", "nor", "not", "of", "off", "on", "once",
    "only", "or", "other", "our", "ours", "out", "over", "own", "problem", "problems", "same",
    "seek", "seeking", "she", "should", "so", "some", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
    "until", "up", "us", "very", "via", "want", "wants", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
];

fn is_zh_stop_char(c: char) -> bool {
    ZH_STOP_CHARS.contains(c)
}

/// True if `w` (case-folded) is an English stop word.
pub fn is_en_stop(w: &str) -> bool {
    EN_STOP.binary_search(&w).is_ok()
}

/// Light English stemming: Porter's steps 1a and 1b (plurals, `-ed`, `-ing`) and a final-`e` rule on alphabetic
/// ASCII words longer than three letters; other words are returned unchanged.
///
/// # Arguments
/// * `w` — a lower-case word.
///
/// # Returns
/// The stem (`"bearings"` → `"bear"`, `"corroded"` → `"corrod"`, `"sensors"` →
/// `"sensor"`).
///
/// # Complexity
/// O(len) time and space.
///
/// # Example
/// ```
/// use kechuang::text::stem;
/// assert_eq!(stem("bearings"), stem("bearing"));
/// assert_eq!(stem("monitoring"), "monitor");
/// assert_eq!(stem("corroded"), "corrod");
/// assert_eq!(stem("batteries"), "battery");
/// assert_eq!(stem("q235"), "q235");
/// ```
///
/// # Reference
/// M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980 (steps 1a, 1b and a simplified 5a).
pub fn stem(w: &str) -> String {
    if w.len() <= 3 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return w.to_string();
    }
    let mut s = w.to_string();
    // step 1a
    if s.ends_with("sses") {
        s.truncate(s.len() - 2);
    } else if s.ends_with("ies") {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
        s.pop();
    }
    // step 1b
    let has_vowel = |t: &str| t.bytes().any(|b| b"aeiouy".contains(&b));
    if s.ends_with("eed") {
        if s.len() > 4 {
            s.pop();
        }
        return s;
    }
    let stripped = if s.ends_with("ing") && s.len() > 5 && has_vowel(&s[..s.len() - 3]) {
        s.truncate(s.len() - 3);
        true
    } else if s.ends_with("ed") && s.len() > 4 && has_vowel(&s[..s.len() - 2]) {
        s.truncate(s.len() - 2);
        true
    } else {
        false
    };
    if stripped {
        if s.ends_with("at") || s.ends_with("bl") || s.ends_with("iz") {
            s.push('e');
        } else {
            let b = s.as_bytes();
            let n = b.len();
            if n >= 2 && b[n - 1] == b[n - 2] && !b"aeioulsz".contains(&b[n - 1]) {
                s.pop();
            } else if cvc_end(b) {
                s.push('e');
            }
        }
    }
    // a light step 5a: a final e goes on longer words, so "coats", "coating" and "coated" meet
    if s.len() > 4 && s.ends_with('e') && !s.ends_with("ee") {
        s.pop();
    }
    s
}

/// True when the word ends consonant-vowel-consonant (last not w/x/y) after a vowel-less
/// prefix of at most one consonant cluster — Porter's `*o` condition with m = 1.
fn cvc_end(b: &[u8]) -> bool {
    let vowel = |c: u8| b"aeiou".contains(&c);
    let n = b.len();
    if n < 3 {
        return false;
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    if vowel(c1) || !vowel(v) || vowel(c2) || b"wxy".contains(&c2) {
        return false;
    }
    // measure m == 1: exactly one vowel group in the word
    let mut groups = 0;
    let mut prev = false;
    for &c in b {
        let is_v = vowel(c);
        if is_v && !prev {
            groups += 1;
        }
        prev = is_v;
    }
    groups == 1
}

/// Tokenises text after [`normalize`], calling `emit(term, kind)` for every term in order.
///
/// * Latin / digit runs become words: stop words dropped, Porter 1a/1b stemming, alphanumeric
///   codes (`q235`, `304l`, `0.5mm`) kept whole; a `.` between digits stays inside the word.
/// * CJK runs are split at Chinese function words (的, 了, 和, …); each piece gives its
///   overlapping character bigrams (minus stop bigrams such as 我们, 需要) and its unigrams.
/// * Everything else (punctuation, symbols) separates terms.
///
/// # Arguments
/// * `text` — any text (not yet normalised).
/// * `emit` — receives each term and its kind.
///
/// # Returns
/// Nothing; terms go to `emit`.
///
/// # Complexity
/// O(n) time; O(n) space for the normalised copy.
///
/// # Example
/// ```
/// let mut t = Vec::new();
/// kechuang::text::tokenize("余热回收 for sintering plants", |s, _| t.push(s.to_string()));
/// assert_eq!(t, ["余热", "热回", "回收", "余", "热", "回", "收", "sinter", "plant"]);
/// ```
///
/// # Reference
/// Kwok, "Comparing representations in Chinese information retrieval", SIGIR 1997 (bigram plus
/// unigram indexing of Chinese without segmentation).
pub fn tokenize(text: &str, mut emit: impl FnMut(&str, TermKind)) {
    let norm = normalize(text);
    let chars: Vec<char> = norm.chars().collect();
    let mut i = 0;
    let mut buf = String::new();
    while i < chars.len() {
        let c = chars[i];
        if is_cjk(c) {
            let start = i;
            while i < chars.len() && is_cjk(chars[i]) {
                i += 1;
            }
            cjk_run(&chars[start..i], &mut buf, &mut emit);
        } else if c.is_alphanumeric() {
            buf.clear();
            while i < chars.len() {
                let ch = chars[i];
                let dot_in_number = ch == '.'
                    && i + 1 < chars.len()
                    && chars[i + 1].is_ascii_digit()
                    && buf.chars().last().is_some_and(|p| p.is_ascii_digit());
                if (ch.is_alphanumeric() && !is_cjk(ch)) || dot_in_number {
                    buf.push(ch);
                    i += 1;
                } else {
                    break;
                }
            }
            if !is_en_stop(&buf)
                && (buf.chars().count() > 1 || buf.chars().all(|c| c.is_ascii_digit()))
            {
                let s = stem(&buf);
                emit(&s, TermKind::Word);
            }
        } else {
            i += 1;
        }
    }
}

fn cjk_run(run: &[char], buf: &mut String, emit: &mut impl FnMut(&str, TermKind)) {
    for piece in run.split(|&c| is_zh_stop_char(c)) {
        for w in piece.windows(2) {
            buf.clear();
            buf.push(w[0]);
            buf.push(w[1]);
            if !ZH_STOP_BIGRAMS.contains(&buf.as_str()) {
                emit(buf, TermKind::CjkBigram);
            }
        }
        for &c in piece {
            buf.clear();
            buf.push(c);
            emit(buf, TermKind::CjkUnigram);
        }
    }
}

/// The kind a term string has (used when the kind was not kept, e.g. for vocabulary terms).
pub fn kind_of(term: &str) -> TermKind {
    let mut it = term.chars();
    match (it.next(), it.next(), it.next()) {
        (Some(a), None, _) if is_cjk(a) => TermKind::CjkUnigram,
        (Some(a), Some(b), None) if is_cjk(a) && is_cjk(b) => TermKind::CjkBigram,
        _ => TermKind::Word,
    }
}

#[cfg(test)]
mod tests;
