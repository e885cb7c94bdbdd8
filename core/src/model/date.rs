//! A calendar date without time zone, stored as days since 1970-01-01.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Location, Result};

/// A proleptic Gregorian calendar date (`YYYY-MM-DD`), compact (4 bytes) and totally ordered.
///
/// Serialises as the ISO 8601 string `"2021-06-30"`.
///
/// ```
/// use kechuang::model::Date;
/// let d: Date = "2021-06-30".parse()?;
/// assert_eq!(d.to_string(), "2021-06-30");
/// assert_eq!(d.add_days(1).to_string(), "2021-07-01");
/// assert_eq!("2021-07-01".parse::<Date>()?.days_since(d), 1);
/// # Ok::<(), kechuang::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

impl Date {
    /// The date `year-month-day`, or an error if it does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Self> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return Err(Error::invalid(
                "date",
                format!("{year:04}-{month:02}-{day:02} is not a date in years 1-9999"),
            ));
        }
        if day > days_in_month(year, month) {
            return Err(Error::invalid(
                "date",
                format!("{year:04}-{month:02} has no day {day}"),
            ));
        }
        Ok(Date(days_from_civil(year, month, day)))
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i32 {
        self.0
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i32) -> Self {
        Date(days)
    }

    /// `(year, month, day)`.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// This date plus `n` days (saturating).
    #[must_use]
    pub fn add_days(self, n: i32) -> Self {
        Date(self.0.saturating_add(n))
    }

    /// Whole days from `earlier` to `self` (negative if `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i32 {
        self.0 - earlier.0
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

// Howard Hinnant's civil-calendar algorithms (public domain description), reimplemented.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl FromStr for Date {
    type Err = Error;

    /// Parses `YYYY-MM-DD`; also accepts `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD` and an ISO
    /// date-time whose date part is one of these (the time is ignored).
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::Parse {
            location: Location::default(),
            message: format!("{s:?} is not a date; write it as YYYY-MM-DD, e.g. 2021-06-30"),
        };
        let t = s.trim();
        let t = t.split(['T', ' ']).next().unwrap_or(t);
        let parts: Vec<&str> = if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
            vec![&t[0..4], &t[4..6], &t[6..8]]
        } else {
            t.split(['-', '/', '.']).collect()
        };
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        let y: i32 = parts[0].parse().map_err(|_| bad())?;
        let m: u32 = parts[1].parse().map_err(|_| bad())?;
        let d: u32 = parts[2].parse().map_err(|_| bad())?;
        Date::from_ymd(y, m, d).map_err(|e| Error::Parse {
            location: Location::default(),
            message: e.to_string(),
        })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_dates() {
        assert_eq!(Date::from_ymd(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::from_ymd(2000, 3, 1).unwrap().days(), 11_017);
        assert!(Date::from_ymd(2021, 2, 29).is_err());
        assert!(Date::from_ymd(2020, 2, 29).is_ok());
        assert_eq!(
            "2022/1/5".parse::<Date>().unwrap().to_string(),
            "2022-01-05"
        );
        assert_eq!(
            "20220105".parse::<Date>().unwrap().to_string(),
            "2022-01-05"
        );
        assert_eq!(
            "2022-01-05T10:00:00Z".parse::<Date>().unwrap().to_string(),
            "2022-01-05"
        );
        for bad in ["", "2022", "2022-13-01", "x-1-1", "2022--1", "９９"] {
            assert_eq!(
                bad.parse::<Date>().unwrap_err().code(),
                "parse_error",
                "{bad}"
            );
        }
    }

    proptest! {
        #[test]
        fn roundtrip(days in -719_162i32..2_932_896) {
            let d = Date::from_days(days);
            let s = d.to_string();
            prop_assert_eq!(s.parse::<Date>().unwrap(), d);
        }
    }
}
