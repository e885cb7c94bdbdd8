//! Bytes → text (encodings) and cell text → numbers, booleans, lists.

use std::borrow::Cow;

use super::Encoding;
use crate::error::{Error, Location, Result};

/// Decodes a whole file following the rule in the module docs.
pub(super) fn decode<'a>(bytes: &'a [u8], encoding: Encoding, file: &str) -> Result<Cow<'a, str>> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        return match enc.decode_without_bom_handling_and_without_replacement(body) {
            Some(text) => Ok(text),
            None => Err(not_decodable(bytes, file, enc.name())),
        };
    }
    match encoding {
        Encoding::Utf8 => std::str::from_utf8(bytes)
            .map(Cow::Borrowed)
            .map_err(|_| not_decodable(bytes, file, "UTF-8")),
        Encoding::Gb18030 => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or_else(|| not_decodable(bytes, file, "GB18030")),
        Encoding::Auto => match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Cow::Borrowed(text)),
            Err(_) => encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(bytes)
                .ok_or_else(|| not_decodable(bytes, file, "UTF-8 or GB18030")),
        },
    }
}

fn not_decodable(bytes: &[u8], file: &str, tried: &str) -> Error {
    let bad = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let line = bytes
        .get(..bad)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
        + 1;
    Error::Parse {
        location: Location::file(file).with_row(line as u64),
        message: format!(
            "the file is not valid {tried} (first byte that is not UTF-8: offset {bad}, line {line}); \
             save it as \"CSV UTF-8\", or set the encoding option to gb18030 for GBK files"
        ),
    }
}

/// A cell's text for a message: quoted, and cut to its first 40 characters when long, so a
/// huge cell in the wrong column does not make a huge error.
#[derive(Clone, Copy)]
pub(super) struct Shown<'a>(pub &'a str);

impl std::fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.chars().nth(60).is_none() {
            write!(f, "{:?}", self.0)
        } else {
            let head: String = self.0.chars().take(40).collect();
            write!(f, "{head:?}… ({} bytes)", self.0.len())
        }
    }
}

/// Cleans a number written as text: trims spaces, maps full-width digits and signs, removes
/// thousands separators with proper three-digit grouping. Errors are messages for the cell.
pub(super) fn clean_number(raw: &str) -> std::result::Result<String, String> {
    let q = Shown(raw);
    let t = raw.trim();
    if t.is_empty() {
        return Err("the cell is blank; leave it empty or write a number".into());
    }
    let mut s = String::with_capacity(t.len());
    for c in t.chars() {
        let c = match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + 0x30).unwrap_or(c),
            '．' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            '，' => ',',
            'Ｅ' | 'ｅ' => 'e',
            other => other,
        };
        s.push(c);
    }
    if s.chars().any(char::is_whitespace) {
        return Err(format!(
            "{q:?} has spaces inside the number; remove them (write 1000, not 1 000)"
        ));
    }
    if s.ends_with('%') || s.ends_with('％') {
        return Err(format!(
            "{q:?} is a percentage; write a fraction instead (61% → 0.61)"
        ));
    }
    if s.contains(',') {
        let end = s.find(['.', 'e', 'E']).unwrap_or(s.len());
        let (int, rest) = s.split_at(end);
        let digits = int.trim_start_matches(['+', '-']);
        let sign = &int[..int.len() - digits.len()];
        let groups: Vec<&str> = digits.split(',').collect();
        let ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups.iter().skip(1).all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
        if !ok || rest.contains(',') {
            return Err(format!(
                "{q:?} is not a number: ',' is read as a thousands separator (groups of three \
                 digits, as in 1,000 or 12,345.5); use '.' for decimals"
            ));
        }
        s = format!("{sign}{}{rest}", groups.concat());
    }
    Ok(s)
}

fn not_a_number(raw: &str) -> String {
    let q = Shown(raw);
    format!(
        "{q:?} is not a number; write digits only, e.g. 1234.5 (full-width digits and \
         thousands separators such as 1,234 are accepted; units and currency signs are not)"
    )
}

/// A finite float of type `T`, parsed directly as `T` (no double rounding through `f64`
/// for `f32`).
fn parse_float<T: std::str::FromStr>(
    raw: &str,
    finite: impl Fn(&T) -> bool,
) -> std::result::Result<T, String> {
    let q = Shown(raw);
    let s = clean_number(raw)?;
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return Err(not_a_number(raw));
    }
    match s.parse::<T>() {
        Ok(v) if finite(&v) => Ok(v),
        Ok(_) => Err(format!("{q:?} is not a finite number (or too large)")),
        Err(_) => Err(not_a_number(raw)),
    }
}

/// A finite `f64`.
pub(super) fn parse_f64(raw: &str) -> std::result::Result<f64, String> {
    parse_float(raw, |v: &f64| v.is_finite())
}

/// A finite `f32`.
pub(super) fn parse_f32(raw: &str) -> std::result::Result<f32, String> {
    parse_float(raw, |v: &f32| v.is_finite())
}

/// A whole number; `3.0` is accepted, `3.5` is not.
pub(super) fn parse_i64(raw: &str) -> std::result::Result<i64, String> {
    let q = Shown(raw);
    let s = clean_number(raw)?;
    if let Ok(v) = s.parse::<i64>() {
        return Ok(v);
    }
    let v = parse_f64(raw)?;
    if v.fract() != 0.0 || v.abs() > 9_007_199_254_740_992.0 {
        return Err(format!("{q:?} is not a whole number"));
    }
    Ok(v as i64)
}

/// A yes/no value.
pub(super) fn parse_bool(raw: &str) -> std::result::Result<bool, String> {
    let q = Shown(raw);
    match raw.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "t" | "1" | "是" | "对" => Ok(true),
        "false" | "no" | "n" | "f" | "0" | "否" | "不是" => Ok(false),
        _ => Err(format!(
            "{q:?} is not yes/no; write true or false (also yes/no, 1/0, 是/否)"
        )),
    }
}

/// The separators of list cells.
pub(super) const LIST_SEPARATORS: [char; 3] = [';', '；', '|'];

/// Splits a list cell on the separators, trimming items and dropping empty ones.
pub(super) fn split_list(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(LIST_SEPARATORS)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// True if `items` survive [`split_list`] after a `;` join (no separators, no surrounding
/// spaces, no empty items, no leading `[`).
pub(super) fn joinable<'a>(items: impl IntoIterator<Item = &'a str>) -> bool {
    let mut first = true;
    let mut any = false;
    for s in items {
        any = true;
        if s.is_empty() || s.trim() != s || s.contains(LIST_SEPARATORS) {
            return false;
        }
        if first && s.starts_with('[') {
            return false;
        }
        first = false;
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_f64(" 1,000 "), Ok(1000.0));
        assert_eq!(parse_f64("１２３．５"), Ok(123.5));
        assert_eq!(parse_f64("-12,345.25"), Ok(-12345.25));
        assert_eq!(parse_f64("1e3"), Ok(1000.0));
        assert_eq!(parse_f64("\u{3000}7\u{a0}"), Ok(7.0));
        assert_eq!(parse_i64("3.0"), Ok(3));
        for bad in [
            "1 000", "1,00", "12,3456", "1.000,5", "50%", "¥100", "100元", "NaN", "inf", "-", "",
            "  ", "1,000,00",
        ] {
            assert!(parse_f64(bad).is_err(), "{bad} accepted");
        }
        assert!(parse_i64("3.5").unwrap_err().contains("whole"));
        assert!(parse_f64("1 000").unwrap_err().contains("spaces"));
        assert!(parse_f64("1,00").unwrap_err().contains("thousands"));
        assert_eq!(parse_f32("0.1"), Ok(0.1f32));
        let huge = "x".repeat(1 << 20);
        assert!(parse_f64(&huge).unwrap_err().len() < 300);
    }

    #[test]
    fn lists_and_bools() {
        assert_eq!(
            split_list(" a ;b；c| |d;").collect::<Vec<_>>(),
            vec!["a", "b", "c", "d"]
        );
        assert!(joinable(["a", "b c"]));
        assert!(!joinable(["a;b"]));
        assert!(!joinable([" a"]));
        assert!(!joinable(["[x]"]));
        assert!(!joinable(Vec::<&str>::new()));
        assert_eq!(parse_bool("是"), Ok(true));
        assert_eq!(parse_bool("FALSE"), Ok(false));
        assert!(parse_bool("maybe").is_err());
    }

    #[test]
    fn encodings() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("键,名称\n专家,张伟\n");
        assert_eq!(
            decode(&gbk, Encoding::Auto, "f").unwrap(),
            "键,名称\n专家,张伟\n"
        );
        assert_eq!(
            decode(&gbk, Encoding::Gb18030, "f").unwrap(),
            "键,名称\n专家,张伟\n"
        );
        let e = decode(&gbk, Encoding::Utf8, "f.csv").unwrap_err();
        assert_eq!(e.code(), "parse_error");
        assert_eq!(e.location().and_then(|l| l.row), Some(1));
        assert_eq!(
            decode(b"\xEF\xBB\xBFkey\n", Encoding::Gb18030, "f").unwrap(),
            "key\n"
        );
        assert_eq!(
            decode(b"\xFF\xFEk\0\n\0", Encoding::Auto, "f").unwrap(),
            "k\n"
        );
        let e = decode(b"ok\nok\n\xFF\xFF\n", Encoding::Auto, "f").unwrap_err();
        assert_eq!(e.location().and_then(|l| l.row), Some(3));
    }
}
