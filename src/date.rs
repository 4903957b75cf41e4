//! Calendar dates, as the rules need them: ISO `YYYY-MM-DD` text in, whole days between two
//! dates out. No clock is read here; `today` always comes from the caller.

use std::fmt;

/// A date of the proleptic Gregorian calendar, stored as days since 1970-01-01.
///
/// # Example
/// ```
/// use yesif::Date;
/// let a = Date::parse("2026-06-01").unwrap();
/// let b = Date::parse("2026-07-13").unwrap();
/// assert_eq!(b.days_since(a), 42);
/// assert_eq!(a.to_string(), "2026-06-01");
/// assert!(Date::parse("2026-02-30").is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

impl Date {
    /// Parses exactly `YYYY-MM-DD` (years 1000–9999), rejecting impossible days such as
    /// February 30th.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<i64> {
            let part = &s[r];
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if y < 1000 || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
            return None;
        }
        Some(Date(days_from_civil(y, m, d)))
    }

    /// Whole days from `earlier` to `self` (negative if `self` is before it).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.0 - earlier.0
    }

    /// The date `days` after 1970-01-01, e.g. from a system clock in the CLI.
    pub fn from_unix_days(days: i64) -> Date {
        Date(days)
    }

    /// The date of year `y`, month `m` (1–12), day `d`, if it exists (years 1000–9999).
    pub fn from_ymd(y: i64, m: i64, d: i64) -> Option<Date> {
        ((1000..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then(|| Date(days_from_civil(y, m, d)))
    }

    /// The last day of month `m` (1–12) of year `y`.
    pub(crate) fn month_end(y: i64, m: i64) -> Date {
        Date(days_from_civil(y, m, days_in_month(y, m)))
    }

    /// The year, month (1–12) and day.
    pub fn ymd(self) -> (i64, i64, i64) {
        self.civil()
    }

    /// The date `days` later (earlier if negative).
    pub fn add_days(self, days: i64) -> Date {
        Date(self.0 + days)
    }

    /// The same day `months` later, or the month's last day if it is shorter (Jan 31 + 1 month
    /// is Feb 28 or 29).
    pub fn add_months(self, months: i64) -> Date {
        let (y, m, d) = self.civil();
        let total = y * 12 + (m - 1) + months;
        let (y, m) = (total.div_euclid(12), total.rem_euclid(12) + 1);
        Date(days_from_civil(y, m, d.min(days_in_month(y, m))))
    }

    fn civil(self) -> (i64, i64, i64) {
        // Howard Hinnant's civil_from_days.
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        (y, m, d)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.civil();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_add_to_the_same_day_or_the_last_day_of_a_shorter_month() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(d("2026-01-31").add_months(1), d("2026-02-28"));
        assert_eq!(d("2027-12-15").add_months(3), d("2028-03-15"));
        assert_eq!(d("2028-01-31").add_months(1), d("2028-02-29"));
        assert_eq!(d("2026-03-01").add_months(-3), d("2025-12-01"));
        assert_eq!(Date::month_end(2027, 2), d("2027-02-28"));
        assert_eq!(Date::from_ymd(2027, 2, 29), None);
        assert_eq!(d("2026-06-01").add_days(42).ymd(), (2026, 7, 13));
    }

    #[test]
    fn round_trips_every_day_of_a_leap_cycle() {
        let start = Date::parse("1999-12-25").unwrap();
        for i in 0..(366 * 5) {
            let d = Date(start.0 + i);
            assert_eq!(Date::parse(&d.to_string()), Some(d));
        }
        assert_eq!(Date::parse("1970-01-01"), Some(Date(0)));
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for bad in ["2026-13-01", "2026-00-10", "2025-02-29", "2026-6-1", "2026/06/01", "", "２０２６-06-01", "0999-01-01"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
        for bad in ["2026-06-01 ", " 2026-06-01", "+026-06-01", "2026-06-0a", "2026-0 -01", "2026-06--1", "2026-06-00", "2026-06-1a", "10000-01-01", "2026_06_01", "2026-06x01", "2026x06-01"] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_month_ends_on_its_own_last_day() {
        const DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        // A common year, a leap year, and the century years: 1900 and 2100 are not leap
        // years, 2000 and 2400 are.
        for (year, leap) in [(2026, false), (2028, true), (1900, false), (2000, true), (2100, false), (2400, true)] {
            for (i, &days) in DAYS.iter().enumerate() {
                let month = i + 1;
                let last = if month == 2 && leap { 29 } else { days };
                let end = format!("{year}-{month:02}-{last:02}");
                let after = format!("{year}-{month:02}-{:02}", last + 1);
                assert!(Date::parse(&end).is_some(), "{end} is a date");
                assert_eq!(Date::parse(&after), None, "{after} is not a date");
                // The day after the last is the first of the next month.
                let next = if month == 12 { format!("{}-01-01", year + 1) } else { format!("{year}-{:02}-01", month + 1) };
                assert_eq!(Date::parse(&next).unwrap().days_since(Date::parse(&end).unwrap()), 1, "{end} to {next}");
            }
        }
        for bad in ["2026-02-29", "2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31", "1900-02-29", "2100-02-29", "2026-01-32", "2026-12-32"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn from_ymd_accepts_exactly_what_parse_accepts() {
        for (y, m, d) in [(1000, 1, 1), (9999, 12, 31), (2028, 2, 29), (2026, 9, 30), (2026, 1, 31), (2026, 12, 1)] {
            let text = format!("{y:04}-{m:02}-{d:02}");
            assert_eq!(Date::from_ymd(y, m, d), Date::parse(&text), "{text}");
            assert_eq!(Date::from_ymd(y, m, d).map(Date::ymd), Some((y, m, d)));
        }
        for (y, m, d) in [(999, 12, 31), (10_000, 1, 1), (2026, 0, 1), (2026, 13, 1), (2026, 1, 0), (2026, 2, 29), (2026, 9, 31), (2026, 12, 32), (2026, -1, 1)] {
            assert_eq!(Date::from_ymd(y, m, d), None, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn months_and_days_move_across_year_ends() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(d("2026-12-31").add_days(1), d("2027-01-01"));
        assert_eq!(d("2026-03-01").add_days(-1), d("2026-02-28"));
        assert_eq!(d("2026-11-30").add_months(1), d("2026-12-30"));
        assert_eq!(d("2026-12-31").add_months(1), d("2027-01-31"));
        assert_eq!(d("2026-01-15").add_months(-1), d("2025-12-15"));
        assert_eq!(d("2026-03-31").add_months(-1), d("2026-02-28"));
        assert_eq!(d("2026-05-31").add_months(13), d("2027-06-30"));
        assert_eq!(d("2026-05-31").add_months(-24), d("2024-05-31"));
        assert_eq!(d("2026-05-31").add_months(0), d("2026-05-31"));
        for (m, last) in [(1, 31), (2, 28), (4, 30), (9, 30), (12, 31)] {
            assert_eq!(Date::month_end(2026, m).ymd(), (2026, m, last));
        }
        assert_eq!(Date::month_end(2000, 2).ymd(), (2000, 2, 29));
    }

    #[test]
    fn counts_days_from_1970_exactly() {
        for (text, days) in [("1970-01-01", 0), ("1969-12-31", -1), ("1900-03-01", -25_508), ("2000-03-01", 11_017), ("2024-12-31", 20_088), ("2025-01-01", 20_089), ("2026-06-01", 20_605), ("1000-01-01", -354_285), ("9999-12-31", 2_932_896)] {
            assert_eq!(Date::parse(text), Some(Date(days)), "{text}");
            assert_eq!(Date::from_unix_days(days).to_string(), text);
        }
        let a = Date::parse("2024-02-28").unwrap();
        assert_eq!(Date::parse("2024-03-01").unwrap().days_since(a), 2);
        assert_eq!(a.days_since(Date::parse("2024-03-01").unwrap()), -2);
        assert_eq!(Date::parse("2025-03-01").unwrap().days_since(Date::parse("2025-02-28").unwrap()), 1);
    }
}
