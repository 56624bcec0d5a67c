//! From captured values to TIMEX3 values, relative to an anchor date and a tense.
//!
//! Every function returns `None` for impossible input ("February 30", hour 25), so odd
//! text never produces a wrong value or a panic.

use std::collections::HashMap;

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

use crate::Tense;

/// The arguments of a rule after `$SLOT` references were replaced by values.
pub(crate) type Args = HashMap<String, String>;

fn num(a: &Args, k: &str) -> Option<i64> {
    a.get(k)
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|f| f.fract() == 0.0)
        .map(|f| f as i64)
}

fn ymd(year: i64, month: i64, day: i64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

fn fmt_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// Year for a month-day or month without a year: the one nearest to the anchor in the
/// direction the tense points (past tense: not after the anchor; future: not before).
///
/// News often mentions dates a few weeks ahead in past-tense sentences ("set a deadline of
/// Jan. 14") and a few weeks back in future-tense ones, so the tense only decides beyond
/// a 45-day margin; the anchor's own month always keeps the anchor's year.
fn infer_year(anchor: NaiveDate, month: i64, day: i64, tense: Tense) -> Option<i64> {
    let y = i64::from(anchor.year());
    if month == i64::from(anchor.month()) {
        return Some(y);
    }
    let this = ymd(y, month, day.min(28))?;
    let ahead = (this - anchor).num_days();
    Some(match tense {
        Tense::Past if ahead > 45 => y - 1,
        Tense::Future if ahead < -45 => y + 1,
        Tense::Present if ahead > 183 => y - 1,
        Tense::Present if ahead < -183 => y + 1,
        _ => y,
    })
}

/// The date of a holiday (its code in the grammar's `@holiday` class) in a year.
fn holiday(name: &str, year: i64) -> Option<NaiveDate> {
    // The n-th given weekday of a month; the last is the fifth, else the fourth.
    let nth = |month: u32, weekday: Weekday, n: u8| {
        NaiveDate::from_weekday_of_month_opt(i32::try_from(year).ok()?, month, weekday, n)
    };
    let last =
        |month: u32, weekday: Weekday| nth(month, weekday, 5).or_else(|| nth(month, weekday, 4));
    let easter = |shift: i64| -> Option<NaiveDate> {
        let e = computus::gregorian(i32::try_from(year).ok()?).ok()?;
        ymd(year, i64::from(e.month), i64::from(e.day))?.checked_add_signed(Duration::days(shift))
    };
    match name {
        "XMAS" => ymd(year, 12, 25),
        "XMASEVE" => ymd(year, 12, 24),
        "BOXING" => ymd(year, 12, 26),
        "NYD" => ymd(year, 1, 1),
        "NYE" => ymd(year, 12, 31),
        "JUL4" => ymd(year, 7, 4),
        "HALLOWEEN" => ymd(year, 10, 31),
        "VAL" => ymd(year, 2, 14),
        "PATRICK" => ymd(year, 3, 17),
        "VETERANS" => ymd(year, 11, 11),
        "MLK" => nth(1, Weekday::Mon, 3),
        "PRESIDENTS" => nth(2, Weekday::Mon, 3),
        "MOTHERS" => nth(5, Weekday::Sun, 2),
        "MEMORIAL" => last(5, Weekday::Mon),
        "FATHERS" => nth(6, Weekday::Sun, 3),
        "LABOR" => nth(9, Weekday::Mon, 1),
        "COLUMBUS" => nth(10, Weekday::Mon, 2),
        // The Tuesday after the first Monday of November.
        "ELECTION" => nth(11, Weekday::Mon, 1)?.checked_add_signed(Duration::days(1)),
        "THANKS" => nth(11, Weekday::Thu, 4),
        "EASTER" => easter(0),
        "EASTERMON" => easter(1),
        "GOODFRIDAY" => easter(-2),
        _ => None,
    }
}

/// The year a two-digit year ("19-Nov-12") names: the one with those last digits that
/// lies at most ten years after the anchor's year and less than ninety before it.
fn two_digit_year(anchor: NaiveDate, yy: i64) -> Option<i64> {
    if !(0..=99).contains(&yy) {
        return None;
    }
    let latest = i64::from(anchor.year()) + 10;
    let y = latest - (latest - yy).rem_euclid(100);
    Some(y)
}

fn weekday_of(n: i64) -> Option<Weekday> {
    Some(match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        7 => Weekday::Sun,
        _ => return None,
    })
}

/// The date of a weekday name: past tense → the last such day on or before the anchor;
/// future → the next on or after it; present → the last one too, unless it is tomorrow. "last"/"next" shift a week.
fn resolve_weekday(anchor: NaiveDate, wd: Weekday, tense: Tense, shift: Option<i64>) -> NaiveDate {
    let back = (anchor.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64)
        .rem_euclid(7);
    let fwd = (7 - back) % 7;
    match shift {
        Some(-1) => anchor - Duration::days(if back == 0 { 7 } else { back }),
        Some(1) => anchor + Duration::days(if fwd == 0 { 7 } else { fwd }),
        Some(0) => {
            anchor
                + Duration::days(
                    wd.num_days_from_monday() as i64
                        - anchor.weekday().num_days_from_monday() as i64,
                )
        }
        _ => match tense {
            Tense::Past => anchor - Duration::days(back),
            Tense::Future => anchor + Duration::days(fwd),
            // News reports: a weekday in a clause that is not clearly future is usually
            // a day that has passed, unless it is tomorrow.
            Tense::Present => {
                if fwd == 1 {
                    anchor + Duration::days(1)
                } else {
                    anchor - Duration::days(back)
                }
            }
        },
    }
}

/// `d` moved by `days`, `None` past the calendar's end ("3020152015 days later").
fn add_days(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(days)?)
}

fn shift_months(d: NaiveDate, months: i64) -> Option<NaiveDate> {
    if months >= 0 {
        d.checked_add_months(Months::new(u32::try_from(months).ok()?))
    } else {
        d.checked_sub_months(Months::new(u32::try_from(-months).ok()?))
    }
}

/// The calendar unit containing `anchor` shifted by `offset` units, at that unit's granularity.
fn unit_value(anchor: NaiveDate, unit: &str, offset: i64) -> Option<String> {
    Some(match unit {
        "D" => fmt_date(add_days(anchor, offset)?),
        "W" => iso_week(add_days(anchor, offset.checked_mul(7)?)?),
        "WE" => format!("{}-WE", iso_week(add_days(anchor, offset.checked_mul(7)?)?)),
        "M" => shift_months(anchor, offset)?.format("%Y-%m").to_string(),
        "Q" => {
            let d = shift_months(anchor, offset.checked_mul(3)?)?;
            format!("{:04}-Q{}", d.year(), (d.month0() / 3) + 1)
        }
        "Y" => format!("{:04}", year_after(anchor, offset)?),
        "DE" => decade(year_after(anchor, offset.checked_mul(10)?)?)?,
        "CE" => century(year_after(anchor, offset.checked_mul(100)?)?)?,
        _ => return None,
    })
}

/// The decade of a year, as TIMEX3 writes it ("199" for the 1990s), if the year has four
/// digits: the decade of 10000 would read as the year 1000.
fn decade(year: i64) -> Option<String> {
    (0..10_000)
        .contains(&year)
        .then(|| format!("{:03}", year / 10))
}

/// The century of a year ("20" for 2017), if the year has four digits.
fn century(year: i64) -> Option<String> {
    (0..10_000)
        .contains(&year)
        .then(|| format!("{:02}", year / 100))
}

/// The year `years` after the anchor's, within the calendar the days are counted in
/// ("99999999999999999999 years later" has none).
fn year_after(anchor: NaiveDate, years: i64) -> Option<i64> {
    let max = i64::from(NaiveDate::MAX.year());
    i64::from(anchor.year())
        .checked_add(years)
        .filter(|y| y.abs() <= max)
}

fn duration_value(n: Option<f64>, unit: &str) -> Option<String> {
    let (scale, code, time) = match unit {
        "S" => (1.0, "S", true),
        "MIN" => (1.0, "M", true),
        "H" => (1.0, "H", true),
        "D" => (1.0, "D", false),
        "W" => (1.0, "W", false),
        "FN" => (2.0, "W", false),
        "WE" => (1.0, "WE", false),
        "M" => (1.0, "M", false),
        // Quarters, decades and centuries keep their own unit, as TimeBank writes them
        // ("the past two quarters" P2Q, "about a decade" P1E, "centuries" PXC).
        "Q" => (1.0, "Q", false),
        "Y" => (1.0, "Y", false),
        "DE" => (1.0, "E", false),
        "CE" => (1.0, "C", false),
        _ => return None,
    };
    let amount = match n {
        Some(v) if v > 0.0 && v < 1e6 => {
            let v = v * scale;
            if v.fract() == 0.0 {
                format!("{}", v as i64)
            } else {
                // A fraction is written in the next smaller unit when it comes out whole
                // there, as TimeML does ("2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M).
                let smaller = match code {
                    "Y" => Some((12.0, "M", false)),
                    "D" => Some((24.0, "H", true)),
                    "H" => Some((60.0, "M", true)),
                    "M" if time => Some((60.0, "S", true)),
                    _ => None,
                };
                if let Some((per, small, small_time)) = smaller {
                    let rest = v.fract() * per;
                    if (rest - rest.round()).abs() < 1e-9 {
                        let whole = v.trunc() as i64;
                        let rest = rest.round() as i64;
                        let head = if whole > 0 {
                            format!("{whole}{code}")
                        } else {
                            String::new()
                        };
                        return Some(match (time, small_time) {
                            (true, _) => format!("PT{head}{rest}{small}"),
                            (false, true) => format!("P{head}T{rest}{small}"),
                            (false, false) => format!("P{head}{rest}{small}"),
                        });
                    }
                }
                format!("{v}")
            }
        }
        Some(_) => return None,
        None => "X".to_string(),
    };
    Some(if time {
        format!("PT{amount}{code}")
    } else {
        format!("P{amount}{code}")
    })
}

/// Computes the TIMEX3 value of a rule's normalizer: none when the date falls outside
/// the years TIMEX3 writes (0000 to 9999, four digits), as a publication date near the
/// calendar's ends or "the year 99999" would give.
pub(crate) fn value(normalizer: &str, a: &Args, anchor: NaiveDate, tense: Tense) -> Option<String> {
    computed_value(normalizer, a, anchor, tense).filter(|v| written_in_timex_years(v))
}

/// Whether a value's year, if it starts with one, is written as TIMEX3 writes years: four
/// digits ("0800", "2017-W47"), or three for a decade ("199") and two for a century ("19")
/// standing alone. "+10000-01-01", "-0001-12-31", "1-W02" and "10000" are not.
pub(crate) fn written_in_timex_years(value: &str) -> bool {
    let digits = value.bytes().take_while(u8::is_ascii_digit).count();
    match digits {
        0 => !value.starts_with(['+', '-']),
        2 | 3 => digits == value.len(),
        4 => value.len() == 4 || value.as_bytes()[4] == b'-' || value.as_bytes()[4] == b'T',
        _ => false,
    }
}

fn computed_value(normalizer: &str, a: &Args, anchor: NaiveDate, tense: Tense) -> Option<String> {
    let part = a.get("part").map(|p| format!("T{p}")).unwrap_or_default();
    match normalizer {
        "date" | "date_weekday" => {
            let (m, d) = (num(a, "month")?, num(a, "day")?);
            // "Oct. 23 last year": the year relative to the anchor's.
            let y = match (num(a, "year"), num(a, "year2"), num(a, "yearshift")) {
                (Some(y), _, _) => y,
                (None, Some(yy), _) => two_digit_year(anchor, yy)?,
                (None, None, Some(s)) => i64::from(anchor.year()) + s,
                (None, None, None) => infer_year(anchor, m, d, tense)?,
            };
            ymd(y, m, d).map(fmt_date)
        }
        "month" => {
            let m = num(a, "month")?;
            if !(1..=12).contains(&m) {
                return None;
            }
            let ay = i64::from(anchor.year());
            let am = i64::from(anchor.month());
            let y = match (num(a, "year"), a.get("shift").map(String::as_str)) {
                (Some(y), _) => y,
                // "June last year", "January this year".
                (None, None) if num(a, "yearshift").is_some() => ay + num(a, "yearshift")?,
                // "last June": the latest June before the anchor's month; "next June" the first after.
                (None, Some("-1")) => {
                    if m < am {
                        ay
                    } else {
                        ay - 1
                    }
                }
                (None, Some("1")) => {
                    if m > am {
                        ay
                    } else {
                        ay + 1
                    }
                }
                (None, Some("0")) => ay,
                (None, Some(_)) => return None,
                (None, None) => infer_year(anchor, m, 15, tense)?,
            };
            Some(format!("{y:04}-{m:02}"))
        }
        "year" => num(a, "year").map(|y| format!("{y:04}")),
        // "the '90s" is taken to be of the 20th century.
        "decade" => num(a, "year")
            .or_else(|| num(a, "short").map(|s| 1900 + s))
            .and_then(decade),
        // The 20th century is "19" (its years are 19xx).
        "century" => num(a, "n")
            .filter(|n| (1..=30).contains(n))
            .map(|n| format!("{:02}", n - 1)),
        "weekend" => {
            // The weekend of the anchor's week when the anchor is in it; else the one before
            // (past or present tense) or after (future).
            let from_monday = i64::from(anchor.weekday().num_days_from_monday());
            let saturday = anchor + Duration::days(5 - from_monday);
            let day = match tense {
                _ if from_monday >= 5 => saturday,
                Tense::Future => saturday,
                Tense::Past | Tense::Present => saturday - Duration::weeks(1),
            };
            Some(format!("{}-WE", iso_week(day)))
        }
        "relday" => Some(format!(
            "{}{part}",
            fmt_date(add_days(anchor, num(a, "offset")?)?)
        )),
        "weekday" => {
            let wd = weekday_of(num(a, "weekday")?)?;
            let shift = num(a, "shift");
            if a.contains_key("shift") && shift.is_none() {
                return None;
            }
            Some(format!(
                "{}{part}",
                fmt_date(resolve_weekday(anchor, wd, tense, shift))
            ))
        }
        "relunit" => unit_value(anchor, a.get("unit")?, num(a, "offset")?),
        "ago" => {
            let sign = num(a, "sign")?;
            let unit = a.get("unit")?.as_str();
            match a
                .get("num")
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|f| f.fract() == 0.0)
            {
                Some(n) => match unit {
                    "S" | "MIN" | "H" => Some(if sign < 0 {
                        "PAST_REF".into()
                    } else {
                        "FUTURE_REF".into()
                    }),
                    _ => unit_value(
                        anchor,
                        if unit == "FN" { "W" } else { unit },
                        // (A fortnight is two weeks; the sign is 1 or -1.)
                        (n as i64).checked_mul(sign * if unit == "FN" { 2 } else { 1 })?,
                    ),
                },
                None => Some(if sign < 0 {
                    "PAST_REF".into()
                } else {
                    "FUTURE_REF".into()
                }),
            }
        }
        "holiday" => {
            let name = a.get("name")?;
            let ay = i64::from(anchor.year());
            let on = |y: i64| holiday(name, y);
            let y = match (num(a, "year"), num(a, "shift")) {
                (Some(y), _) => y,
                (None, Some(0)) => ay,
                // "last Christmas": the latest one before the anchor; "next" the first after.
                (None, Some(-1)) => {
                    if on(ay)? < anchor {
                        ay
                    } else {
                        ay - 1
                    }
                }
                (None, Some(1)) => {
                    if on(ay)? > anchor {
                        ay
                    } else {
                        ay + 1
                    }
                }
                (None, Some(_)) => return None,
                // Bare: the one the tense points to, within half a year for the present.
                (None, None) => {
                    let ahead = (on(ay)? - anchor).num_days();
                    match tense {
                        Tense::Past if ahead > 0 => ay - 1,
                        Tense::Future if ahead < 0 => ay + 1,
                        Tense::Present if ahead > 183 => ay - 1,
                        Tense::Present if ahead < -183 => ay + 1,
                        _ => ay,
                    }
                }
            };
            on(y).map(fmt_date)
        }
        "season" => {
            let s = a.get("season")?;
            let (start, end) = match s.as_str() {
                "SP" => (3, 5),
                "SU" => (6, 8),
                "FA" => (9, 11),
                "WI" => (12, 14),
                _ => return None,
            };
            let y = i64::from(anchor.year());
            let m = i64::from(anchor.month());
            let year = if let Some(y) = num(a, "year") {
                y
            } else {
                let offset = num(a, "offset").unwrap_or(match tense {
                    Tense::Past => -1,
                    Tense::Future => 1,
                    Tense::Present => 0,
                });
                match offset {
                    -1 => {
                        if end < m {
                            y
                        } else {
                            y - 1
                        }
                    }
                    1 => {
                        if start > m {
                            y
                        } else {
                            y + 1
                        }
                    }
                    _ => y,
                }
            };
            Some(format!("{year:04}-{s}"))
        }
        "quarter" | "half" => {
            let n = num(a, "n")?;
            let (letter, count, per) = if normalizer == "quarter" {
                ('Q', 4, 3)
            } else {
                ('H', 2, 6)
            };
            if !(1..=count).contains(&n) {
                return None;
            }
            let year = match (num(a, "year"), num(a, "yearshift")) {
                (Some(y), _) => y,
                // "next year's first quarter".
                (None, Some(shift)) => i64::from(anchor.year()) + shift,
                (None, None) => {
                    let current = i64::from(anchor.month0()) / per + 1;
                    let y = i64::from(anchor.year());
                    match tense {
                        Tense::Past if n > current => y - 1,
                        Tense::Future if n < current => y + 1,
                        _ => y,
                    }
                }
            };
            Some(format!("{year:04}-{letter}{n}"))
        }
        "ref" => a.get("value").cloned(),
        "duration" => {
            let n = match a.get("num").map(String::as_str) {
                Some("X") | None => None,
                Some(v) => Some(v.parse::<f64>().ok()?),
            };
            // "two and a half years", "5 1/2 hours".
            let n = n.map(|n| n + if a.contains_key("half") { 0.5 } else { 0.0 });
            duration_value(n, a.get("unit")?)
        }
        "set" => a.get("value").cloned(),
        "set_weekday" => Some(format!("XXXX-WXX-{}{part}", num(a, "weekday")?)),
        "set_month" => num(a, "month")
            .filter(|m| (1..=12).contains(m))
            .map(|m| format!("XXXX-{m:02}")),
        "set_season" => Some(format!("XXXX-{}", a.get("season")?)),
        "set_n" => {
            let n = a.get("num").and_then(|v| v.parse::<f64>().ok());
            duration_value(n, a.get("unit")?)
        }
        "clock" | "clock_day" | "clock_date" => {
            let (mut h, mi) = if let Some(hm) = a.get("hhmm") {
                (
                    hm.get(..2)?.parse::<i64>().ok()?,
                    hm.get(2..)?.parse::<i64>().ok()?,
                )
            } else {
                (num(a, "hour")?, num(a, "minute").unwrap_or(0))
            };
            match a.get("ampm").map(String::as_str) {
                Some("PM") if h < 12 => h += 12,
                Some("AM") if h == 12 => h = 0,
                Some(_) if h > 12 || h == 0 => return None,
                _ => {}
            }
            if !(0..=24).contains(&h) || !(0..=59).contains(&mi) || (h == 24 && mi > 0) {
                return None;
            }
            let day = match a
                .get("weekday")
                .and_then(|w| w.parse::<i64>().ok())
                .and_then(weekday_of)
            {
                Some(wd) => resolve_weekday(anchor, wd, tense, None),
                None => match (num(a, "month"), num(a, "day")) {
                    (Some(m), Some(d)) => ymd(infer_year(anchor, m, d, tense)?, m, d)?,
                    _ => anchor,
                },
            };
            Some(format!("{}T{h:02}:{mi:02}", fmt_date(day)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(pairs: &[(&str, &str)]) -> Args {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    // Tuesday 21 November 2017, the seed article's publication date.
    fn anchor() -> NaiveDate {
        NaiveDate::from_ymd_opt(2017, 11, 21).unwrap()
    }

    #[test]
    fn weekdays_follow_the_tense() {
        let thu = args(&[("weekday", "4")]);
        assert_eq!(
            value("weekday", &thu, anchor(), Tense::Future).unwrap(),
            "2017-11-23"
        );
        assert_eq!(
            value("weekday", &thu, anchor(), Tense::Past).unwrap(),
            "2017-11-16"
        );
        let mon = args(&[("weekday", "1")]);
        assert_eq!(
            value("weekday", &mon, anchor(), Tense::Past).unwrap(),
            "2017-11-20"
        );
        let tue = args(&[("weekday", "2")]);
        assert_eq!(
            value("weekday", &tue, anchor(), Tense::Past).unwrap(),
            "2017-11-21"
        );
        let last_fri = args(&[("weekday", "5"), ("shift", "-1")]);
        assert_eq!(
            value("weekday", &last_fri, anchor(), Tense::Present).unwrap(),
            "2017-11-17"
        );
        let ev = args(&[("weekday", "1"), ("part", "EV")]);
        assert_eq!(
            value("weekday", &ev, anchor(), Tense::Past).unwrap(),
            "2017-11-20TEV"
        );
    }

    #[test]
    fn relative_days_units_and_ago() {
        let y = args(&[("offset", "-1"), ("part", "EV")]);
        assert_eq!(
            value("relday", &y, anchor(), Tense::Past).unwrap(),
            "2017-11-20TEV"
        );
        assert_eq!(
            value(
                "relunit",
                &args(&[("offset", "-1"), ("unit", "W")]),
                anchor(),
                Tense::Past
            )
            .unwrap(),
            "2017-W46"
        );
        assert_eq!(
            value(
                "relunit",
                &args(&[("offset", "0"), ("unit", "Y")]),
                anchor(),
                Tense::Past
            )
            .unwrap(),
            "2017"
        );
        assert_eq!(
            value(
                "relunit",
                &args(&[("offset", "1"), ("unit", "M")]),
                anchor(),
                Tense::Past
            )
            .unwrap(),
            "2017-12"
        );
        assert_eq!(
            value(
                "relunit",
                &args(&[("offset", "-1"), ("unit", "Q")]),
                anchor(),
                Tense::Past
            )
            .unwrap(),
            "2017-Q3"
        );
        assert_eq!(
            value(
                "ago",
                &args(&[("num", "3"), ("unit", "Y"), ("sign", "-1")]),
                anchor(),
                Tense::Past
            )
            .unwrap(),
            "2014"
        );
        assert_eq!(
            value(
                "ago",
                &args(&[("num", "X"), ("unit", "Y"), ("sign", "-1")]),
                anchor(),
                Tense::Past
            )
            .unwrap(),
            "PAST_REF"
        );
    }

    #[test]
    fn week_numbers_around_year_ends() {
        // 1 January 2016 is a Friday in ISO week 53 of 2015.
        let new_year = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
        assert_eq!(
            value(
                "relunit",
                &args(&[("offset", "0"), ("unit", "W")]),
                new_year,
                Tense::Present
            )
            .unwrap(),
            "2015-W53"
        );
        assert_eq!(
            value(
                "relunit",
                &args(&[("offset", "1"), ("unit", "W")]),
                new_year,
                Tense::Present
            )
            .unwrap(),
            "2016-W01"
        );
    }

    #[test]
    fn months_years_and_impossible_dates() {
        let oct = args(&[("month", "10"), ("year", "2015")]);
        assert_eq!(
            value("month", &oct, anchor(), Tense::Past).unwrap(),
            "2015-10"
        );
        let feb = args(&[("month", "2")]);
        assert_eq!(
            value("month", &feb, anchor(), Tense::Past).unwrap(),
            "2017-02"
        );
        assert_eq!(
            value("month", &feb, anchor(), Tense::Future).unwrap(),
            "2018-02"
        );
        // A month a few weeks ahead stays in the anchor's year even in a past-tense sentence.
        let dec = args(&[("month", "12")]);
        assert_eq!(
            value("month", &dec, anchor(), Tense::Past).unwrap(),
            "2017-12"
        );
        let last_june = args(&[("month", "6"), ("shift", "-1")]);
        assert_eq!(
            value("month", &last_june, anchor(), Tense::Future).unwrap(),
            "2017-06"
        );
        assert_eq!(
            value(
                "date",
                &args(&[("month", "2"), ("day", "30"), ("year", "2017")]),
                anchor(),
                Tense::Past
            ),
            None
        );
        // TIMEX3 writes four-digit years: "the year 99999" has no value.
        assert_eq!(
            value("year", &args(&[("year", "99999")]), anchor(), Tense::Past),
            None
        );
        assert_eq!(
            value("year", &args(&[("year", "800")]), anchor(), Tense::Past).unwrap(),
            "0800"
        );
        assert_eq!(
            value(
                "clock",
                &args(&[("hour", "24"), ("minute", "61")]),
                anchor(),
                Tense::Past
            ),
            None
        );
    }

    #[test]
    fn durations_and_clock_times() {
        assert_eq!(
            value(
                "duration",
                &args(&[("num", "4"), ("unit", "H")]),
                anchor(),
                Tense::Past
            )
            .unwrap(),
            "PT4H"
        );
        assert_eq!(
            value(
                "duration",
                &args(&[("num", "1"), ("unit", "W")]),
                anchor(),
                Tense::Past
            )
            .unwrap(),
            "P1W"
        );
        assert_eq!(
            value(
                "duration",
                &args(&[("num", "X"), ("unit", "D")]),
                anchor(),
                Tense::Past
            )
            .unwrap(),
            "PXD"
        );
        assert_eq!(
            value(
                "duration",
                &args(&[("num", "2"), ("unit", "DE")]),
                anchor(),
                Tense::Past
            )
            .unwrap(),
            "P2E"
        );
        assert_eq!(
            value(
                "duration",
                &args(&[("num", "1.5"), ("unit", "Y")]),
                anchor(),
                Tense::Past
            )
            .unwrap(),
            "P1Y6M"
        );
        // A fraction goes to the next smaller unit, as TimeML writes it.
        let half = |num: &str, unit: &str| {
            value(
                "duration",
                &args(&[("num", num), ("half", "1"), ("unit", unit)]),
                anchor(),
                Tense::Past,
            )
            .unwrap()
        };
        assert_eq!(half("5", "H"), "PT5H30M");
        assert_eq!(half("1", "MIN"), "PT1M30S");
        assert_eq!(half("0", "D"), "PT12H");
        assert_eq!(half("2", "D"), "P2DT12H");
        assert_eq!(
            value(
                "clock",
                &args(&[("hour", "4"), ("minute", "49"), ("ampm", "PM")]),
                anchor(),
                Tense::Past
            )
            .unwrap(),
            "2017-11-21T16:49"
        );
        assert_eq!(
            value("clock", &args(&[("hhmm", "0600")]), anchor(), Tense::Past).unwrap(),
            "2017-11-21T06:00"
        );
    }
}
