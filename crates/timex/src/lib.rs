/*!
Temporal expressions: find dates, times, durations and sets in text and resolve each to a
TIMEX3 value against an anchor date (the publication date).

The grammar is data: `rules/en.rules` holds vocabulary classes (month names, number
words, units, ...) and rules, each a pattern with typed slots plus the name of a
normalizer that computes the value (`normalize.rs`). Modifiers around a match ("early",
"late", "about", "more than") are handled by the engine for every rule.

```
use chrono::NaiveDate;
use gazette_timex::{Tense, TimexTagger, TimexType};

let tagger = TimexTagger::english();
let anchor = NaiveDate::from_ymd_opt(2017, 11, 21).unwrap();
let found = tagger.tag("The meeting happened yesterday evening and lasted four hours.", anchor, &|_| Tense::Past);
assert_eq!(found[0].value, "2017-11-20TEV");
assert_eq!(found[1].kind, TimexType::Duration);
assert_eq!(found[1].value, "PT4H");
```
*/
#![deny(missing_docs)]

mod grammar;
mod normalize;

use std::sync::OnceLock;

use chrono::NaiveDate;

pub use grammar::GrammarError;

/// TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexType {
    /// A calendar date or period.
    Date,
    /// A time of day.
    Time,
    /// A length of time.
    Duration,
    /// A recurrence.
    Set,
}

/// The tense of the clause around an expression, used to resolve "Thursday" or "in
/// October" to the past or the coming one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Reported as past.
    Past,
    /// Present or unknown.
    Present,
    /// Announced as future.
    Future,
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte offset of the first char.
    pub start: usize,
    /// Byte offset one past the last char.
    pub end: usize,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 mod, when a modifier was found.
    pub modifier: Option<String>,
    /// For a clock time followed by its zone ("0600 GMT", "4 a.m. EDT", "noon ET"): the
    /// zone's offset from UTC on that date, as `+00:00` or `-04:00`.
    pub zone: Option<String>,
}

/// A compiled grammar.
pub struct TimexTagger {
    grammar: grammar::Grammar,
}

const ENGLISH: &str = include_str!("../rules/en.rules");

/// Day names, lowercased.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words before an expression that belong to it and set its TIMEX3 mod, by the types
/// they apply to (longest first within a group, so "the end of" is tried before "end of").
/// An empty mod extends the expression without setting one ("earlier this year").
const PREFIX_MODS: &[(&str, &str, &[TimexType])] = &[
    ("the beginning of ", "START", CALENDAR),
    ("the start of ", "START", CALENDAR),
    ("the end of ", "END", CALENDAR),
    ("the middle of ", "MID", CALENDAR),
    ("earlier ", "", CALENDAR),
    ("later ", "", CALENDAR),
    ("early ", "START", CALENDAR),
    ("late ", "END", CALENDAR),
    ("mid-", "MID", CALENDAR),
    ("mid ", "MID", CALENDAR),
    ("more than ", "MORE_THAN", AMOUNT),
    ("less than ", "LESS_THAN", AMOUNT),
    ("fewer than ", "LESS_THAN", AMOUNT),
    ("at least ", "EQUAL_OR_MORE", AMOUNT),
    ("at most ", "EQUAL_OR_LESS", AMOUNT),
    ("up to ", "EQUAL_OR_LESS", AMOUNT),
    ("approximately ", "APPROX", AMOUNT),
    ("nearly ", "APPROX", AMOUNT),
    ("almost ", "APPROX", AMOUNT),
    ("roughly ", "APPROX", AMOUNT),
    ("about ", "APPROX", AMOUNT),
    ("around ", "APPROX", AMOUNT),
];

const CALENDAR: &[TimexType] = &[TimexType::Date, TimexType::Time];
const AMOUNT: &[TimexType] = &[TimexType::Duration];

/// Words after a bare number that show it is a count, not a year ("2000 people").
const COUNT_NOUNS: &[&str] = &[
    "people",
    "percent",
    "points",
    "shares",
    "workers",
    "troops",
    "soldiers",
    "dollars",
    "jobs",
    "employees",
    "residents",
    "votes",
    "members",
    "units",
    "cars",
    "homes",
    "miles",
    "feet",
    "tons",
    "barrels",
    "children",
];

impl TimexTagger {
    /// The English grammar bundled with gazette, compiled once per process.
    pub fn english() -> &'static TimexTagger {
        static TAGGER: OnceLock<TimexTagger> = OnceLock::new();
        TAGGER
            .get_or_init(|| TimexTagger::from_rules(ENGLISH).expect("the bundled grammar compiles"))
    }

    /// Development aid: seconds each rule's regex spends scanning `texts` (rule index,
    /// normalizer, seconds), slowest first.
    #[doc(hidden)]
    pub fn rule_times(&self, texts: &[String]) -> Vec<(usize, String, f64)> {
        let mut out: Vec<(usize, String, f64)> = self
            .grammar
            .rules
            .iter()
            .enumerate()
            .map(|(i, rule)| {
                let start = std::time::Instant::now();
                for t in texts {
                    let _ = rule.regex.find_iter(t).count();
                }
                (i, rule.normalizer.clone(), start.elapsed().as_secs_f64())
            })
            .collect();
        out.sort_by(|a, b| b.2.total_cmp(&a.2));
        out
    }

    /// Whether `words` (one word, or words joined by spaces) name a time zone the grammar
    /// knows after a clock time ("GMT", "ET", "Moscow time").
    pub fn is_zone(&self, words: &str) -> bool {
        self.grammar
            .vocabulary
            .get("zone")
            .is_some_and(|zones| zones.contains_key(&words.to_lowercase().replace(' ', "_")))
    }

    /// Compiles a grammar from its source (the format of `rules/en.rules`).
    pub fn from_rules(source: &str) -> Result<TimexTagger, GrammarError> {
        Ok(TimexTagger {
            grammar: grammar::parse(source)?,
        })
    }

    /// Like [`TimexTagger::tag`] for a text whose publication date is unknown. Values that do
    /// not depend on one ("October 2015", "four hours") are kept as they are; in the others
    /// the fields the date would have given are unknown, written with `X` as TIMEX3 does
    /// ("on March 4" `XXXX-03-04`, "yesterday evening" `XXXX-XX-XXTEV`, "next week"
    /// `XXXX-WXX`, "on Sunday" `XXXX-WXX-7`). Found by tagging from two anchors years and
    /// months apart, on different weekdays, and masking the fields that differ.
    pub fn tag_undated(&self, text: &str, tense_at: &dyn Fn(usize) -> Tense) -> Vec<Found> {
        let a = NaiveDate::from_ymd_opt(2001, 3, 7).expect("valid date");
        let b = NaiveDate::from_ymd_opt(2013, 10, 24).expect("valid date");
        let second = self.tag(text, b, tense_at);
        self.tag(text, a, tense_at)
            .into_iter()
            .filter_map(|mut f| {
                let other = second
                    .iter()
                    .find(|o| (o.start, o.end, o.kind) == (f.start, f.end, f.kind))?;
                if other.value != f.value {
                    f.value = same_weekday(&f.value, &other.value)
                        .or_else(|| unknown_fields(&f.value, &other.value))?;
                }
                if other.zone != f.zone {
                    f.zone = None;
                }
                Some(f)
            })
            .collect()
    }

    /// Finds and normalizes the temporal expressions of `text`. `anchor` is the date
    /// relative expressions resolve against; `tense_at(byte offset)` tells the tense of
    /// the clause at a position.
    pub fn tag(
        &self,
        text: &str,
        anchor: NaiveDate,
        tense_at: &dyn Fn(usize) -> Tense,
    ) -> Vec<Found> {
        // Every rule's matches, as (start, end, rule index, captures).
        let mut candidates: Vec<(usize, usize, usize, Vec<(String, String)>)> = Vec::new();
        // Same byte offsets as the text: ASCII lowercasing keeps every byte's length.
        let lowercase = text.to_ascii_lowercase();
        for (ri, rule) in self.grammar.rules.iter().enumerate() {
            if !rule.required.is_empty()
                && !rule
                    .required
                    .iter()
                    .any(|word| lowercase.contains(word.as_str()))
            {
                continue;
            }
            let haystack = if rule.on_lowercase { &lowercase } else { text };
            let mut at = 0;
            while at <= text.len() {
                let Some(caps) = rule.regex.captures_at(haystack, at) else {
                    break;
                };
                let m = caps.get(0).expect("group 0 always matches");
                at = next_char(text, m.start());
                if m.is_empty() || !ends_at_boundary(text, m.end()) {
                    continue;
                }
                let values: Vec<(String, String)> = rule
                    .slots
                    .iter()
                    .filter_map(|(slot, class)| {
                        let text = caps.name(slot)?.as_str();
                        let value = match self.grammar.vocabulary.get(class) {
                            Some(words) => {
                                words.get(&text.to_lowercase().replace(' ', "_")).cloned()?
                            }
                            None if class == "num" => self
                                .grammar
                                .vocabulary
                                .get("numword")
                                .and_then(|w| {
                                    w.get(&text.to_lowercase().replace(' ', "_")).cloned()
                                })
                                .unwrap_or_else(|| text.to_string()),
                            None => text.to_string(),
                        };
                        Some((slot.clone(), value))
                    })
                    .collect();
                candidates.push((m.start(), m.end(), ri, values));
            }
        }
        // Longest first; on equal length the earlier rule; then keep what does not overlap.
        candidates.sort_by(|a, b| {
            (b.1 - b.0)
                .cmp(&(a.1 - a.0))
                .then(a.2.cmp(&b.2))
                .then(a.0.cmp(&b.0))
        });
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let mut out = Vec::new();
        let mut pending: Vec<(usize, String, normalize::Args)> = Vec::new();
        // Clock times that name no day of their own ("at 0600 GMT"), by their end offset
        // (which modifiers do not move): they take the day of an expression beside them.
        let mut dayless_clocks: Vec<usize> = Vec::new();
        for (start, end, ri, values) in candidates {
            if taken.iter().any(|&(s, e)| start < e && s < end) {
                continue;
            }
            let rule = &self.grammar.rules[ri];
            if rule.normalizer == "year" && !plausible_year(text, start, end) {
                continue;
            }
            // Christmas Island and Easter Island are places.
            if rule.normalizer == "holiday" && text[end..].starts_with(" Island") {
                continue;
            }
            // An age ("a 44-year-old", "52 years old") is not a temporal expression.
            if rule.kind == TimexType::Duration && is_age(&text[end..]) {
                continue;
            }
            // "The early hours" of a day are a part of it, not an amount of time.
            if rule.kind == TimexType::Duration
                && text[start..end].eq_ignore_ascii_case("hours")
                && ["early ", "small ", "wee "].iter().any(|w| {
                    text[..start]
                        .get(start.saturating_sub(w.len())..)
                        .is_some_and(|b| b.eq_ignore_ascii_case(w))
                })
            {
                continue;
            }
            let args: normalize::Args = rule
                .args
                .iter()
                .filter_map(|(k, v)| match v.strip_prefix('$') {
                    Some(slot) => values
                        .iter()
                        .find(|(s, _)| s == slot)
                        .map(|(_, val)| (k.clone(), val.clone())),
                    None => Some((k.clone(), v.clone())),
                })
                .collect();
            // "Three days later" counts from the last date the article gave, not from the
            // publication date: such values are computed below, in text order.
            let relative_to_last = args.get("anchor").map(String::as_str) == Some("last");
            let value = if relative_to_last {
                String::new()
            } else {
                let Some(value) =
                    normalize::value(&rule.normalizer, &args, anchor, tense_at(start))
                else {
                    continue;
                };
                value
            };
            if relative_to_last {
                pending.push((start, rule.normalizer.clone(), args.clone()));
            }
            // "nearly four years ago" is a date whose amount is approximate.
            let amount_like = if rule.normalizer == "ago" {
                TimexType::Duration
            } else {
                rule.kind
            };
            let (start, modifier) = with_modifier(
                text,
                start,
                amount_like,
                rule.kind == TimexType::Duration,
                taken.as_slice(),
            );
            // A rule may carry its own ("the end of the month").
            let modifier = modifier.or_else(|| args.get("mod").cloned());
            let start = with_decade_article(text, start, end, taken.as_slice());
            taken.push((start, end));
            if rule.normalizer == "clock" {
                dayless_clocks.push(end);
            }
            out.push(Found {
                start,
                end,
                kind: rule.kind,
                value,
                modifier,
                // The zone as the grammar names it; made an offset once the day is known.
                zone: args.get("zone").cloned(),
            });
        }
        out.sort_by_key(|f| f.start);
        let out = with_range_ends(text, out);
        let out = resolve_relative_to_last(out, &pending, anchor, tense_at);
        let out = with_range_ends_after_starts(text, out);
        let out = with_clock_days(text, out, &dayless_clocks);
        let mut out = with_clock_range_starts(text, out);
        for f in &mut out {
            f.zone = f.zone.take().and_then(|z| utc_offset(&z, &f.value));
        }
        out
    }
}

/// Computes, in text order, the values that count from the last date the article gave
/// ("three days later"), dropping those that cannot be computed.
fn resolve_relative_to_last(
    out: Vec<Found>,
    pending: &[(usize, String, normalize::Args)],
    anchor: NaiveDate,
    tense_at: &dyn Fn(usize) -> Tense,
) -> Vec<Found> {
    if pending.is_empty() {
        return out;
    }
    let mut last_date: Option<NaiveDate> = None;
    // The last date given to the day: "the previous day" after "in 2015" is not New Year's Eve.
    let mut last_day: Option<NaiveDate> = None;
    let mut last_value: Option<String> = None;
    let mut kept = Vec::with_capacity(out.len());
    for mut f in out {
        // The match start may have moved left over a modifier; the pending entry is keyed
        // by the rule's own start, which lies inside the expression.
        if let Some((_, normalizer, args)) =
            pending.iter().find(|(s, _, _)| f.start <= *s && *s < f.end)
        {
            let base =
                if normalizer == "relunit" && args.get("unit").map(String::as_str) == Some("D") {
                    last_day
                } else {
                    last_date
                }
                .unwrap_or(anchor);
            let value = report_value(normalizer, last_value.as_deref(), anchor)
                .filter(|v| normalize::written_in_timex_years(v))
                .or_else(|| normalize::value(normalizer, args, base, tense_at(f.start)));
            match value {
                Some(v) => f.value = v,
                None => continue,
            }
        }
        if f.kind == TimexType::Date {
            if let Some(d) = calendar_start(&f.value) {
                last_date = Some(d);
                if f.value.len() >= 10 {
                    last_day = Some(d);
                }
            }
            if is_calendar(&f.value) {
                last_value = Some(f.value.clone());
            }
        }
        kept.push(f);
    }
    kept
}

/// The bare day that ends a range after a full date ("March 3 to 5", "March 3-5",
/// "between March 3 and 5") is a date of the same month.
fn with_range_ends(text: &str, found: Vec<Found>) -> Vec<Found> {
    static RANGE_END: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:-|–|—| to | through | until | and )(\d{1,2})\b")
            .expect("range pattern")
    });
    let mut out = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        out.push(f.clone());
        let Some(month) = f
            .value
            .get(..8)
            .filter(|_| f.kind == TimexType::Date && f.value.len() == 10)
        else {
            continue;
        };
        let Some(m) = RANGE_END.captures(&text[f.end..]) else {
            continue;
        };
        let day = m.get(1).expect("group 1");
        let (start, end) = (f.end + day.start(), f.end + day.end());
        // Not when a unit or another expression follows ("3 to 5 years", "to 5 p.m.").
        let after = text[end..].trim_start();
        let next_word: String = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        if found.get(i + 1).is_some_and(|n| n.start < end + 2)
            || !next_word.is_empty()
                && !matches!(next_word.as_str(), "and" | "in" | "at" | "of" | "on")
        {
            continue;
        }
        let value = format!("{month}{:02}", day.as_str().parse::<u32>().unwrap_or(0));
        if NaiveDate::parse_from_str(&value, "%Y-%m-%d")
            .is_ok_and(|d| d.format("%Y-%m-%d").to_string()[..8] == *month)
        {
            out.push(Found {
                start,
                end,
                kind: TimexType::Date,
                value,
                modifier: None,
                zone: None,
            });
        }
    }
    out
}

/// The end of a range of dates written without its year lies on or after the start
/// ("from Nov. 3 through Nov. 9", "Dec. 20 to Jan. 5"): its year is the first that puts
/// it there, whatever the tense would have chosen.
fn with_range_ends_after_starts(text: &str, mut found: Vec<Found>) -> Vec<Found> {
    let day = |f: &Found| {
        (f.kind == TimexType::Date && f.value.len() == 10)
            .then(|| NaiveDate::parse_from_str(&f.value, "%Y-%m-%d").ok())
            .flatten()
    };
    for i in 1..found.len() {
        let (Some(start), Some(end)) = (day(&found[i - 1]), day(&found[i])) else {
            continue;
        };
        let gap = text[found[i - 1].end..found[i].start].trim();
        let between = text[..found[i - 1].start]
            .trim_end()
            .to_ascii_lowercase()
            .ends_with("between");
        let joined = matches!(gap, "-" | "–" | "—")
            || ["to", "through", "until", "till"]
                .iter()
                .any(|w| gap.eq_ignore_ascii_case(w))
            || between && gap.eq_ignore_ascii_case("and");
        let end_text = &text[found[i].start..found[i].end];
        let year_written = end_text
            .as_bytes()
            .windows(4)
            .any(|w| w.iter().all(u8::is_ascii_digit));
        // Only dates by month and day: a day's name out of order is a week off, not a year.
        let weekday = WEEKDAYS
            .iter()
            .any(|d| end_text.to_ascii_lowercase().contains(d));
        if !joined || year_written || weekday {
            continue;
        }
        let in_order = (0..=1)
            .filter_map(|k| chrono::Datelike::with_year(&end, chrono::Datelike::year(&start) + k))
            .find(|d| *d >= start);
        if let Some(d) = in_order.filter(|d| *d != end) {
            found[i].value = d.format("%Y-%m-%d").to_string();
        }
    }
    found
}

/// Words that may stand between a clock time and the day it belongs to: "0600 GMT on
/// Monday", "Friday at 3 p.m.", "10:35 a.m. (0735 GMT) Friday", "Tuesday, 9 a.m.".
fn joins_clock_and_day(gap: &str) -> bool {
    let rest = gap.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'));
    rest.is_empty() || ["on", "at"].iter().any(|w| rest.eq_ignore_ascii_case(w))
}

/// The calendar day at the head of a value ("2017-11-20" of "2017-11-20TEV").
fn day_of(value: &str) -> Option<&str> {
    let day = value.get(..10)?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    Some(day)
}

/// A clock time without a day of its own takes the day of the expression it is written
/// beside ("at 0600 GMT on Monday" is Monday's), through other such clock times ("10:35
/// a.m. (0735 GMT) Friday"); with none beside it, it keeps the anchor's day.
fn with_clock_days(text: &str, mut found: Vec<Found>, dayless: &[usize]) -> Vec<Found> {
    let is_dayless = |f: &Found| f.kind == TimexType::Time && dayless.contains(&f.end);
    let mut days: Vec<Option<String>> = vec![None; found.len()];
    for i in (0..found.len()).filter(|&i| is_dayless(&found[i])) {
        let beside = |j: usize, k: usize| joins_clock_and_day(&text[found[j].end..found[k].start]);
        let right = (i + 1..found.len())
            .take_while(|&k| beside(k - 1, k))
            .find(|&k| !is_dayless(&found[k]));
        let left = (0..i)
            .rev()
            .take_while(|&k| beside(k, k + 1))
            .find(|&k| !is_dayless(&found[k]));
        let day = |k: usize| day_of(&found[k].value).map(str::to_string);
        days[i] = right.and_then(day).or_else(|| left.and_then(day));
    }
    for (f, day) in found.iter_mut().zip(days) {
        if let Some(day) = day {
            if day_of(&f.value).is_some() {
                f.value.replace_range(..10, &day);
            }
        }
    }
    found
}

/// The first hour of a range of clock times is a time too, in the half of the day that
/// fits the last ("between 9 and 10 a.m.", "from 11 to 2 p.m.", "9-11 p.m.").
fn with_clock_range_starts(text: &str, found: Vec<Found>) -> Vec<Found> {
    static RANGE_START: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)(?:\b(?:between|from) (\d{1,2})(?::([0-5]\d))? (?:and|to|until|till) |\b(\d{1,2})(?::([0-5]\d))? ?[-–] ?)$",
        )
        .expect("clock range pattern")
    });
    static HALF_OF_DAY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b[ap]\.?m\b").expect("a.m./p.m. pattern")
    });
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let parsed = (f.kind == TimexType::Time && HALF_OF_DAY.is_match(&text[f.start..f.end]))
            .then(|| {
                let (day, rest) = f.value.split_once('T')?;
                let (h, m) = rest.split_once(':')?;
                Some((day, h.parse::<u32>().ok()?, m.parse::<u32>().ok()?))
            })
            .flatten();
        let start = parsed.and_then(|(day, end_hour, end_minute)| {
            // Only the few words before the time can hold the start of its range.
            let mut from = f.start.saturating_sub(40);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let caps = RANGE_START.captures(&text[from..f.start])?;
            let hour_match = caps.get(1).or(caps.get(3))?;
            let minute_match = caps.get(2).or(caps.get(4));
            let minute: u32 = minute_match.map_or(Some(0), |m| m.as_str().parse().ok())?;
            let hour: u32 = hour_match
                .as_str()
                .parse()
                .ok()
                .filter(|h| (1..=12).contains(h))?;
            // The start is the latest reading before the end: 9 before 10 p.m. is 21:00,
            // 11 before 2 p.m. is 11:00.
            let hour = [hour % 12 + 12, hour % 12]
                .into_iter()
                .find(|h| (*h, minute) < (end_hour, end_minute))?;
            Some(Found {
                start: from + hour_match.start(),
                end: from + minute_match.map_or(hour_match.end(), |m| m.end()),
                kind: TimexType::Time,
                value: format!("{day}T{hour:02}:{minute:02}"),
                modifier: None,
                zone: f.zone.clone(),
            })
        });
        if let Some(start) = start {
            // A range's start the grammar found alone ("3:00" of "3:00-5:30 p.m.", read
            // as 03:00) takes the range's reading.
            out.retain(|g: &Found| g.end <= start.start || start.end <= g.start);
            out.push(start);
        }
        out.push(f);
    }
    out
}

/// The offset from UTC of a zone named by the grammar: fixed (`-0500`) or a region whose
/// offset depends on the date (`America/New_York` for "ET"), on the day of `value`.
fn utc_offset(zone: &str, value: &str) -> Option<String> {
    let seconds = if let Some(fixed) = zone.strip_prefix(['+', '-']) {
        let hours: i32 = fixed.get(..2)?.parse().ok()?;
        let minutes: i32 = fixed.get(2..4)?.parse().ok()?;
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        sign * (hours * 3600 + minutes * 60)
    } else {
        use chrono::{Offset, TimeZone};
        let tz: chrono_tz::Tz = zone.parse().ok()?;
        let (day, clock) = value.split_once('T')?;
        let at = chrono::NaiveDateTime::parse_from_str(&format!("{day}T{clock}"), "%Y-%m-%dT%H:%M")
            .ok()?;
        tz.offset_from_local_datetime(&at)
            .earliest()?
            .fix()
            .local_minus_utc()
    };
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.abs();
    Some(format!(
        "{sign}{:02}:{:02}",
        seconds / 3600,
        seconds % 3600 / 60
    ))
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len() + 1, |c| at + c.len_utf8())
}

/// A match must not end inside a word ("Monday" in "Mondays" is the SET rule's, "Jan" in "Janet" nobody's).
fn ends_at_boundary(text: &str, end: usize) -> bool {
    let before = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric))
}

/// A bare four-digit number is a year unless it is money, part of a bigger number, or
/// followed by a count noun.
fn plausible_year(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end_matches(' ');
    if before.ends_with(['$', '€', '£', ',', '.', '#'])
        || text[..start].ends_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    let after = text[end..].trim_start();
    if after.starts_with(['%', ','])
        && after
            .get(1..2)
            .is_some_and(|c| c.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let next: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    !COUNT_NOUNS.contains(&next.as_str()) && !after.starts_with('%')
}

/// A calendar value: a year, optionally with a month, day, quarter or half.
fn is_calendar(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() >= 4
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b.len() == 4
            || b[4] == b'-'
                && (b.get(5).is_some_and(u8::is_ascii_digit)
                    || matches!(b.get(5), Some(b'Q' | b'H'))))
}

/// The values that read the last calendar value the article gave, as reports on a period
/// do; `None` for other normalizers.
fn report_value(normalizer: &str, last: Option<&str>, anchor: NaiveDate) -> Option<String> {
    let year = chrono::Datelike::year(&anchor);
    match normalizer {
        "year_back" => Some(year_back(last, anchor)),
        // "A year ago" counts from now, but a report comparing a period with the same one a
        // year before means that period: the last date given, when it is of the anchor's year.
        "year_ago" => {
            let current = last.filter(|v| v.get(..4) == Some(&format!("{year:04}")));
            Some(year_back(current, anchor))
        }
        // "The quarter" of a report is the quarter it last named, else the last that ended.
        "the_quarter" => Some(
            match last.filter(|v| v.len() == 7 && v.get(4..6) == Some("-Q")) {
                Some(v) => v.to_string(),
                None => match chrono::Datelike::month0(&anchor) / 3 {
                    0 => format!("{:04}-Q4", year - 1),
                    q => format!("{year:04}-Q{q}"),
                },
            },
        ),
        _ => None,
    }
}

/// The value one year before `last` at its granularity ("1989-Q3" → "1988-Q3"), or the
/// year before the anchor's when there is no last date.
fn year_back(last: Option<&str>, anchor: NaiveDate) -> String {
    match last.and_then(|v| Some((v.get(..4)?.parse::<i32>().ok()?, v.get(4..)?))) {
        Some((year, rest)) if year > 0 => format!("{:04}{rest}", year - 1),
        _ => format!("{:04}", chrono::Datelike::year(&anchor) - 1),
    }
}

/// The first day of a calendar value: "2015-03-03", "2015-03" or "2015" (what "that
/// year" or "three days later" count from).
fn calendar_start(value: &str) -> Option<NaiveDate> {
    let digits = |r: std::ops::Range<usize>| {
        value
            .get(r)
            .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
    };
    let year = i32::try_from(digits(0..4)?).ok()?;
    let (month, day) = match value.len() {
        4 => (1, 1),
        7 if value.as_bytes()[4] == b'-' => (digits(5..7)?, 1),
        _ if value.len() >= 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-' => {
            (digits(5..7)?, digits(8..10)?)
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

fn is_age(after: &str) -> bool {
    let after = after.as_bytes();
    after.len() >= 4
        && matches!(after[0], b'-' | b' ')
        && after[1..4].eq_ignore_ascii_case(b"old")
        && after.get(4).is_none_or(|c| !c.is_ascii_alphanumeric())
}

/// Extends a decade ("the 1980s", "the late '70s") backwards over its article, which
/// TimeML annotators take into the expression (5 of 7 in TimeBank and AQUAINT).
fn with_decade_article(text: &str, start: usize, end: usize, taken: &[(usize, usize)]) -> usize {
    let decade = text[start..end].strip_suffix('s').is_some_and(|d| {
        d.ends_with('0')
            && d.len() >= 2
            && d[..d.len() - 1].ends_with(|c: char| c.is_ascii_digit() || c == '\'')
    });
    if decade {
        extend_over(text, start, "the ", taken).unwrap_or(start)
    } else {
        start
    }
}

/// Where a match starting at `start` begins if it takes in the words `prefix` (compared
/// without regard to ASCII case) written right before it: only whole words, and never
/// over an expression already taken.
fn extend_over(text: &str, start: usize, prefix: &str, taken: &[(usize, usize)]) -> Option<usize> {
    let before = &text[..start];
    let cut = before.len().checked_sub(prefix.len())?;
    (before.is_char_boundary(cut)
        && before[cut..].eq_ignore_ascii_case(prefix)
        && (cut == 0 || !before[..cut].ends_with(char::is_alphanumeric))
        && !taken.iter().any(|&(s, e)| cut < e && s < start))
    .then_some(cut)
}

/// Extends a match backwards over a modifier ("early", "about", ...), unless that would
/// overlap an expression already taken.
fn with_modifier(
    text: &str,
    start: usize,
    kind: TimexType,
    duration: bool,
    taken: &[(usize, usize)],
) -> (usize, Option<String>) {
    // TimeML annotators leave "earlier"/"later" out before a day's name or "this week"
    // ("earlier | Friday": 4 of 5 in TimeBank and AQUAINT, "earlier | this week": 4 of 4)
    // and mostly keep it before a month or a year ("earlier this year": 7 of 8).
    let starts_with = |w: &str| {
        text.get(start..start + w.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(w))
    };
    let day_or_week = starts_with("this week") || WEEKDAYS.iter().any(|d| starts_with(d));
    for (prefix, modifier, kinds) in PREFIX_MODS {
        if !kinds.contains(&kind) || modifier.is_empty() && day_or_week {
            continue;
        }
        if let Some(cut) = extend_over(text, start, prefix, taken) {
            // TimeML annotators leave "about" out of a duration ("about | five hours": 9 of
            // 11 in TimeBank and AQUAINT) but keep "nearly" and "more than", and keep it in
            // a date ("about two years ago"): its mod stays.
            let cut = if *prefix == "about " && duration {
                start
            } else {
                cut
            };
            return (cut, (!modifier.is_empty()).then(|| (*modifier).to_string()));
        }
    }
    (start, None)
}

/// For two days resolved from anchors on different weekdays: the same weekday means the
/// text named it ("Sunday morning" gives `XXXX-WXX-7TMO`), as no fixed offset from the
/// anchor can give it.
fn same_weekday(a: &str, b: &str) -> Option<String> {
    use chrono::Datelike;
    let day = |v: &str| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok();
    let (da, db) = (day(a)?, day(b)?);
    (da.weekday() == db.weekday() && a[10..] == b[10..])
        .then(|| format!("XXXX-WXX-{}{}", da.weekday().number_from_monday(), &a[10..]))
}

/// The TIMEX3 value two anchors agree on: each run of digits that differs between `a` and
/// `b` becomes as many `X`s ("2001-03-04TEV" and "2013-10-20TEV" give "XXXX-XX-XXTEV").
/// `None` when the values differ in shape (then nothing is known).
fn unknown_fields(a: &str, b: &str) -> Option<String> {
    if a.len() != b.len() {
        return None;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut out = String::with_capacity(a.len());
    let mut i = 0;
    while i < a.len() {
        if !a[i].is_ascii_digit() {
            if a[i] != b[i] {
                return None;
            }
            out.push(a[i] as char);
            i += 1;
            continue;
        }
        let run = a[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !b[i..i + run].iter().all(u8::is_ascii_digit)
            || b.get(i + run).is_some_and(u8::is_ascii_digit)
        {
            return None;
        }
        if a[i..i + run] == b[i..i + run] {
            out.push_str(std::str::from_utf8(&a[i..i + run]).ok()?);
        } else {
            out.extend(std::iter::repeat_n('X', run));
        }
        i += run;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipping_rules_whose_words_are_missing_changes_nothing() {
        let fast = TimexTagger::english();
        let mut slow = TimexTagger::from_rules(include_str!("../rules/en.rules")).unwrap();
        assert!(slow.grammar.rules.iter().any(|r| !r.required.is_empty()));
        slow.grammar
            .rules
            .iter_mut()
            .for_each(|r| r.required.clear());
        let anchor = NaiveDate::from_ymd_opt(2017, 11, 21).unwrap();
        for text in [
            "Three days later, two weeks ago, the day before yesterday and a year earlier.",
            "The first quarter of fiscal 1989, the year-earlier period and the fiscal year.",
            "At midnight, at 4:49 PM, in the morning, every week and for four and a half hours.",
            "In recent weeks, in the coming months, this weekend and the 1990s.",
            "Nothing to see here but 2882015 and 99999.",
        ] {
            let got = |t: &TimexTagger| {
                t.tag(text, anchor, &|_| Tense::Past)
                    .into_iter()
                    .map(|f| (f.start, f.end, f.value))
                    .collect::<Vec<_>>()
            };
            assert_eq!(got(fast), got(&slow), "{text}");
            assert!(
                !got(fast).is_empty() || text.starts_with("Nothing"),
                "{text}"
            );
        }
    }

    fn tag(text: &str, tense: Tense) -> Vec<(String, TimexType, String, Option<String>)> {
        let anchor = NaiveDate::from_ymd_opt(2017, 11, 21).unwrap();
        TimexTagger::english()
            .tag(text, anchor, &|_| tense)
            .into_iter()
            .map(|f| {
                (
                    text[f.start..f.end].to_string(),
                    f.kind,
                    f.value,
                    f.modifier,
                )
            })
            .collect()
    }

    #[test]
    fn business_quarters_british_clocks_and_frequencies() {
        // Anchored at Tuesday 2017-11-21.
        let pairs = |v: &[(&str, &str)]| v.iter().map(|(a, b)| pair(a, b)).collect::<Vec<_>>();
        assert_eq!(
            text_values("Revenue fell in Q3 2019 and rose in H1 2020.", Tense::Past),
            pairs(&[("Q3 2019", "2019-Q3"), ("H1 2020", "2020-H1")])
        );
        // Without a year, a car or a visa.
        assert!(text_values("The Audi Q3 and the H1 visa.", Tense::Past).is_empty());
        assert_eq!(
            text_values(
                "The session starts at 9.30am and ends at 17:45 CET.",
                Tense::Present
            ),
            pairs(&[
                ("9.30am", "2017-11-21T09:30"),
                ("17:45 CET", "2017-11-21T17:45")
            ])
        );
        assert!(text_values("Shares rose 9.30 percent.", Tense::Past).is_empty());
        assert_eq!(
            text_values(
                "The board meets every other week and reports twice a year.",
                Tense::Present
            ),
            pairs(&[("every other week", "P2W"), ("twice a year", "P1Y")])
        );
        assert!(text_values("The firm raised its quarterly dividend.", Tense::Past).is_empty());
        assert_eq!(
            text_values(
                "Output rose in the third quarter of last year and will double in the second half of next year, as it does every summer.",
                Tense::Past
            ),
            pairs(&[
                ("the third quarter of last year", "2016-Q3"),
                ("the second half of next year", "2018-H2"),
                ("every summer", "XXXX-SU")
            ])
        );
        assert_eq!(
            text_values("He returned this past weekend.", Tense::Past),
            pairs(&[("this past weekend", "2017-W46-WE")])
        );
    }

    #[test]
    fn the_early_hours_are_no_duration() {
        assert_eq!(
            texts(&tag(
                "Police arrested him in the early hours of Sunday after a chase of two hours.",
                Tense::Past
            )),
            ["Sunday", "two hours"]
        );
    }

    #[test]
    fn the_previous_day_counts_from_the_last_day_given() {
        // Anchored at 2017-11-21: the last day the story gave, not the last year.
        let v = text_values(
            "The minister arrived on March 4. In 2015 he had served once. The previous day, he met the envoy.",
            Tense::Past,
        );
        assert_eq!(v[2], pair("The previous day", "2017-03-03"));
        // With no day given, the day before publication.
        let v = text_values("The previous day, he met the envoy.", Tense::Past);
        assert_eq!(v[0].1, "2017-11-20");
    }

    #[test]
    fn without_a_publication_date_values_keep_what_the_text_says() {
        let text = "The first was in October 2015. On March 4 and yesterday evening they met, \
                    and on Sunday they will meet for four hours; a vote follows next week.";
        let found: Vec<(String, String)> = TimexTagger::english()
            .tag_undated(text, &|_| Tense::Past)
            .into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.value))
            .collect();
        let value = |t: &str| {
            found
                .iter()
                .find(|(x, _)| x == t)
                .map(|(_, v)| v.as_str())
                .unwrap_or_else(|| panic!("{t:?} not found in {found:?}"))
        };
        assert_eq!(value("October 2015"), "2015-10");
        assert_eq!(value("March 4"), "XXXX-03-04");
        assert_eq!(value("yesterday evening"), "XXXX-XX-XXTEV");
        assert_eq!(value("Sunday"), "XXXX-WXX-7");
        assert_eq!(value("four hours"), "PT4H");
        assert_eq!(value("next week"), "XXXX-WXX");
        // Values of different shapes tell nothing.
        assert_eq!(unknown_fields("2001-03", "2013-W43"), None);
        assert_eq!(
            unknown_fields("2001-W10", "2013-W43").as_deref(),
            Some("XXXX-WXX")
        );
    }

    fn texts(found: &[(String, TimexType, String, Option<String>)]) -> Vec<&str> {
        found.iter().map(|f| f.0.as_str()).collect()
    }

    fn values(found: &[(String, TimexType, String, Option<String>)]) -> Vec<&str> {
        found.iter().map(|f| f.2.as_str()).collect()
    }

    #[test]
    fn seed_article_expressions() {
        let found = tag(
            "ahead of a Syria summit in Sochi on Thursday",
            Tense::Future,
        );
        assert_eq!(
            found,
            [(
                "Thursday".into(),
                TimexType::Date,
                "2017-11-23".into(),
                None
            )]
        );
        let found = tag(
            "The meeting happened yesterday evening in Sochi.",
            Tense::Past,
        );
        assert_eq!(
            found,
            [(
                "yesterday evening".into(),
                TimexType::Time,
                "2017-11-20TEV".into(),
                None
            )]
        );
        let found = tag("The first was in October 2015, shortly after.", Tense::Past);
        assert_eq!(
            found[0],
            (
                "October 2015".into(),
                TimexType::Date,
                "2015-10".into(),
                None
            )
        );
        let found = tag(
            "For Monday's meeting, Assad stayed for a total of four hours.",
            Tense::Past,
        );
        assert_eq!(texts(&found), ["Monday", "four hours"]);
        assert_eq!(found[0].2, "2017-11-20");
        assert_eq!(found[1].2, "PT4H");
        let found = tag("did not release information until Tuesday", Tense::Past);
        assert_eq!(found[0].2, "2017-11-21");
    }

    #[test]
    fn modifiers_are_part_of_the_extent() {
        let found = tag(
            "It lasted more than four hours, until early December.",
            Tense::Past,
        );
        assert_eq!(
            found[0],
            (
                "more than four hours".into(),
                TimexType::Duration,
                "PT4H".into(),
                Some("MORE_THAN".into())
            )
        );
        assert_eq!(found[1].0, "early December");
        assert_eq!(found[1].3.as_deref(), Some("START"));
        // "About" stays outside the extent, as annotators write it, but still sets the mod.
        let found = tag(
            "The talks took about five hours and nearly two days.",
            Tense::Past,
        );
        assert_eq!(
            (found[0].0.as_str(), found[0].3.as_deref()),
            ("five hours", Some("APPROX"))
        );
        assert_eq!(
            (found[1].0.as_str(), found[1].3.as_deref()),
            ("nearly two days", Some("APPROX"))
        );
        // The edge of the present month or decade (anchored in November 2017).
        let found = tag(
            "The deal expires at the end of the month; by the end of the decade coal is gone.",
            Tense::Future,
        );
        assert_eq!(
            found[0],
            (
                "the end of the month".into(),
                TimexType::Date,
                "2017-11".into(),
                Some("END".into())
            )
        );
        assert_eq!(
            (found[1].2.as_str(), found[1].3.as_deref()),
            ("201", Some("END"))
        );
    }

    #[test]
    fn earlier_and_later_belong_to_a_month_or_year_but_not_to_a_day() {
        let found = tag(
            "Earlier this year the plant closed. Earlier Friday the union met, and later this week it votes.",
            Tense::Past,
        );
        assert_eq!(texts(&found), ["Earlier this year", "Friday", "this week"]);
    }

    #[test]
    fn a_decade_keeps_its_article() {
        let found = tag(
            "Prices rose in the late 1970s and fell in the '80s, unlike 1990.",
            Tense::Past,
        );
        assert_eq!(texts(&found)[..2], ["the late 1970s", "the '80s"]);
        // A year is not a decade: the article before it stays out.
        assert_eq!(
            texts(&tag("It was the 1990 budget.", Tense::Past)),
            ["1990"]
        );
        // Whatever is written before it, even letters of several bytes.
        assert_eq!(texts(&tag("In ßé 1980s it rose.", Tense::Past)), ["1980s"]);
    }

    #[test]
    fn no_false_dates_from_numbers_or_verbs() {
        assert!(tag("The code 2882015 was read out.", Tense::Past).is_empty());
        assert!(tag("It may rain, and prices fall.", Tense::Present).is_empty());
        assert!(tag("About 2000 people and $1999 were counted.", Tense::Past).is_empty());
        assert!(tag("Janet met Marcia.", Tense::Past).is_empty());
    }

    #[test]
    fn odd_numbers_never_panic() {
        for t in [
            "the year 99999",
            "February 30, 2017",
            "at 24:61",
            "99:99 p.m.",
            "on 31/31/2017",
            "0 days",
            "3020152015 days later",
            "99999999999999999999 years later",
            "99999999999999999999 centuries ago",
            "99999999999999999999 quarters later",
            "99999999999999999999 fortnights ago",
        ] {
            let _ = tag(t, Tense::Past);
        }
        // An offset past the calendar gives no date at all, not a wrapped-around year.
        for t in ["3020152015 days later", "99999999999999999999 years later"] {
            assert!(
                tag(t, Tense::Past).iter().all(|f| f.1 != TimexType::Date),
                "{t}: {:?}",
                tag(t, Tense::Past)
            );
        }
        assert!(
            tag("February 30, 2017", Tense::Past)
                .iter()
                .all(|f| f.2 != "2017-02-30")
        );
    }

    #[test]
    fn values_keep_to_the_years_timex3_writes() {
        // Publication dates at the calendar's ends: a year is four digits or no value.
        let text = "Tomorrow, next week, next year, the next decade, the next century, next \
                    quarter, next month, last week, yesterday and three days later. Sales rose in \
                    the quarter, up from a year ago.";
        let four_digits = regex::Regex::new(r"^(\d{4}(-|T|$)|\d{2,3}$|[A-Z])").unwrap();
        for day in ["0000-01-01", "0001-01-01", "0999-06-15", "9999-12-31"] {
            let anchor: NaiveDate = day.parse().unwrap();
            let found = TimexTagger::english().tag(text, anchor, &|_| Tense::Future);
            assert!(!found.is_empty(), "{day}");
            for f in &found {
                assert!(
                    four_digits.is_match(&f.value),
                    "{day}: {} = {}",
                    &text[f.start..f.end],
                    f.value
                );
            }
        }
        let anchor: NaiveDate = "0999-06-15".parse().unwrap();
        let value_of = |expression: &str| {
            TimexTagger::english()
                .tag(expression, anchor, &|_| Tense::Future)
                .first()
                .map(|f| f.value.clone())
        };
        assert_eq!(value_of("next week").as_deref(), Some("0999-W25"));
        assert_eq!(value_of("next year").as_deref(), Some("1000"));
        assert_eq!(value_of("the next decade").as_deref(), Some("100"));
        assert_eq!(value_of("next quarter").as_deref(), Some("0999-Q3"));
        // Past 9999 TIMEX3 has no year to write, and a decade of 10000 would read as 1000.
        let anchor: NaiveDate = "9999-12-31".parse().unwrap();
        for expression in ["tomorrow", "next year", "the next decade", "next month"] {
            let found = TimexTagger::english().tag(expression, anchor, &|_| Tense::Future);
            assert!(found.is_empty(), "{expression}: {found:?}");
        }
        assert!(tag("in the 99990s", Tense::Past).is_empty());
    }

    #[test]
    fn a_clock_time_with_its_date_is_one_expression() {
        let found = tag("Bids are due by 5 p.m. EST, Nov. 6.", Tense::Future);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "5 p.m. EST, Nov. 6");
        assert_eq!(
            (found[0].1, found[0].2.as_str()),
            (TimexType::Time, "2017-11-06T17:00")
        );
    }

    /// (text, value, zone) of each expression, anchored at Tuesday 21 November 2017.
    fn zoned(text: &str, tense: Tense) -> Vec<(String, String, Option<String>)> {
        let anchor = NaiveDate::from_ymd_opt(2017, 11, 21).unwrap();
        TimexTagger::english()
            .tag(text, anchor, &|_| tense)
            .into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.value, f.zone))
            .collect()
    }

    fn z(text: &str, value: &str, zone: Option<&str>) -> (String, String, Option<String>) {
        (text.into(), value.into(), zone.map(Into::into))
    }

    #[test]
    fn clock_times_keep_their_zone_as_an_offset_on_their_day() {
        assert_eq!(
            zoned(
                "The strike began at 0600 GMT and ended at 4:49 p.m. EDT.",
                Tense::Past
            ),
            [
                z("0600 GMT", "2017-11-21T06:00", Some("+00:00")),
                z("4:49 p.m. EDT", "2017-11-21T16:49", Some("-04:00")),
            ]
        );
        // "ET" is Eastern Standard Time in November and Eastern Daylight Time in July.
        assert_eq!(
            zoned("Polls close at 8 p.m. ET on Nov. 28.", Tense::Future),
            [z(
                "8 p.m. ET on Nov. 28",
                "2017-11-28T20:00",
                Some("-05:00")
            )]
        );
        assert_eq!(
            zoned("Polls closed at 8 p.m. ET on July 4.", Tense::Past),
            [z("8 p.m. ET on July 4", "2017-07-04T20:00", Some("-04:00"))]
        );
        assert_eq!(
            zoned("The jet landed at noon Moscow time.", Tense::Past),
            [z("noon Moscow time", "2017-11-21T12:00", Some("+03:00"))]
        );
        // No zone named, or one that means several ("IST"), gives none.
        assert_eq!(
            zoned("at 9:30 a.m. IST", Tense::Past),
            [z("9:30 a.m.", "2017-11-21T09:30", None)]
        );
    }

    #[test]
    fn a_clock_time_takes_the_day_written_beside_it() {
        assert_eq!(
            zoned("The talks began at 0600 GMT on Monday.", Tense::Past),
            [
                z("0600 GMT", "2017-11-20T06:00", Some("+00:00")),
                z("Monday", "2017-11-20", None),
            ]
        );
        // Through a second clock time in brackets, as wire stories give local time and GMT.
        assert_eq!(
            zoned(
                "The blast came at 10:35 a.m. (0735 GMT) Friday.",
                Tense::Past
            ),
            [
                z("10:35 a.m.", "2017-11-17T10:35", None),
                z("0735 GMT", "2017-11-17T07:35", Some("+00:00")),
                z("Friday", "2017-11-17", None),
            ]
        );
        assert_eq!(
            zoned("Yesterday at 3 p.m., the rescue ended.", Tense::Past)[1],
            z("3 p.m.", "2017-11-20T15:00", None)
        );
        // A day further off is not the time's day.
        assert_eq!(
            zoned(
                "The vote on Monday ended a week of talks at 3 p.m.",
                Tense::Past
            )[2],
            z("3 p.m.", "2017-11-21T15:00", None)
        );
    }

    /// (text, value) of each expression, anchored at Tuesday 21 November 2017.
    fn text_values(text: &str, tense: Tense) -> Vec<(String, String)> {
        tag(text, tense).into_iter().map(|f| (f.0, f.2)).collect()
    }

    fn pair(text: &str, value: &str) -> (String, String) {
        (text.to_string(), value.to_string())
    }

    #[test]
    fn holidays_resolve_to_their_dates() {
        // Anchored at Tuesday 21 November 2017, two days before Thanksgiving.
        let got = |text: &str, tense| text_values(text, tense);
        assert_eq!(
            got("They will meet again on Thanksgiving Day.", Tense::Future),
            [pair("Thanksgiving Day", "2017-11-23")]
        );
        assert_eq!(
            got("The shop was robbed on Christmas Eve.", Tense::Past),
            [pair("Christmas Eve", "2016-12-24")]
        );
        assert_eq!(
            got(
                "Sales fell after Easter 2016 and before Labor Day 2019.",
                Tense::Past
            ),
            [
                pair("Easter 2016", "2016-03-27"),
                pair("Labor Day 2019", "2019-09-02")
            ]
        );
        // The Tuesday after the first Monday of November; the last Monday of May.
        assert_eq!(
            got(
                "Since last Election Day and next Memorial Day",
                Tense::Present
            ),
            [
                pair("last Election Day", "2017-11-07"),
                pair("next Memorial Day", "2018-05-28")
            ]
        );
        // Only as a name: "easter" in lowercase is no holiday, nor is an island.
        assert!(got("an easter egg", Tense::Present).is_empty());
        assert!(got("flights to Christmas Island", Tense::Present).is_empty());
    }

    proptest::proptest! {
        /// Whatever words of dates, clock times and ranges follow one another, the
        /// expressions found are in text order and never overlap (what the temporal
        /// layer of a `Doc` requires; "3:00-5:30 p.m." once gave its start twice).
        #[test]
        fn expressions_are_ordered_and_apart_whatever_the_words(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "3", "3:00", "5:30", "11", "0600", "12", "2015", "-", "–", " to ", " and ",
                " from ", " between ", " until ", "p.m.", "a.m.", " GMT", " on ", " at ",
                "Monday", "Friday", "July", "Oct.", ",", " ", " next week", " ago",
                " yesterday", " evening", " days", " later", "mid-", "the ", "early ",
                "99999", "24:61", "February 30", "0", " years", " hours", " weeks", " months",
                " in ", " every ", "'s", " 1990s", "Q3", " fiscal ", " last ", " this ",
                " 99999999999999999999", " 9223372036854775807", " quarters", " decades",
                " centuries", " fortnights", " the year", " before", " after",
            ]), 0..14),
            tense in proptest::sample::select(vec![Tense::Past, Tense::Present, Tense::Future]),
        ) {
            let text: String = words.concat();
            let anchor = NaiveDate::from_ymd_opt(2017, 11, 21).unwrap();
            let found = TimexTagger::english().tag(&text, anchor, &|_| tense);
            for pair in found.windows(2) {
                proptest::prop_assert!(
                    pair[0].end <= pair[1].start,
                    "{text:?}: {:?} then {:?}",
                    &text[pair[0].start..pair[0].end],
                    &text[pair[1].start..pair[1].end]
                );
            }
        }
    }

    #[test]
    fn the_first_hour_of_a_clock_range_is_a_time_too() {
        let got = |text: &str| text_values(text, Tense::Future);
        assert_eq!(
            got("Trading resumes between 9 and 10:30 a.m. on Thursday."),
            [
                pair("9", "2017-11-23T09:00"),
                pair("10:30 a.m. on Thursday", "2017-11-23T10:30")
            ]
        );
        // The start is in the half of the day that puts it before the end.
        assert_eq!(
            got("Polls are open from 11 to 2 p.m."),
            [
                pair("11", "2017-11-21T11:00"),
                pair("2 p.m.", "2017-11-21T14:00")
            ]
        );
        assert_eq!(
            got("The show runs 9-11 p.m."),
            [
                pair("9", "2017-11-21T21:00"),
                pair("11 p.m.", "2017-11-21T23:00")
            ]
        );
        // A start written as a clock time, which the grammar also finds alone (as 03:00),
        // is found once, with the range's reading.
        assert_eq!(
            got("Our next meeting is from 3:00-5:30 p.m."),
            [
                pair("3:00", "2017-11-21T15:00"),
                pair("5:30 p.m.", "2017-11-21T17:30")
            ]
        );
        // A count before a time is not its start.
        assert_eq!(
            got("He counted 300 to 2 p.m."),
            [pair("2 p.m.", "2017-11-21T14:00")]
        );
    }

    #[test]
    fn a_range_ends_after_it_starts() {
        let cases: [(&str, Tense, [&str; 2]); 4] = [
            // Anchored at 21 November 2017: a deadline word alone would put Nov. 9 ahead.
            (
                "The strike lasted from Nov. 3 through Nov. 9.",
                Tense::Past,
                ["2017-11-03", "2017-11-09"],
            ),
            (
                "The fair runs from Dec. 20 to Jan. 5.",
                Tense::Future,
                ["2017-12-20", "2018-01-05"],
            ),
            // A year written is kept; a list is not a range.
            (
                "It ran from Dec. 20 to Jan. 5, 2017.",
                Tense::Past,
                ["2017-12-20", "2017-01-05"],
            ),
            (
                "They met on Nov. 3 and Oct. 30.",
                Tense::Past,
                ["2017-11-03", "2017-10-30"],
            ),
        ];
        for (text, tense, expected) in cases {
            assert_eq!(values(&tag(text, tense)), expected, "{text}");
        }
    }

    #[test]
    fn day_month_year_with_hyphens() {
        let got = |text: &str| text_values(text, Tense::Past);
        assert_eq!(got("Filed 19-Nov-12."), [pair("19-Nov-12", "2012-11-19")]);
        assert_eq!(got("Filed 03-MAR-98."), [pair("03-MAR-98", "1998-03-03")]);
        assert_eq!(got("Filed 5-Jan-2016."), [pair("5-Jan-2016", "2016-01-05")]);
        // Bare digit strings are neither dates nor years.
        assert!(got("File 2882015 and order 20171120 shipped.").is_empty());
        assert!(got("Filed 19-Nov-123 and 31-Feb-12.").is_empty());
    }

    #[test]
    fn range_ends_take_the_month_of_their_start() {
        let found = tag(
            "The fair runs from March 3 to 5, 2018, and again on May 2-4.",
            Tense::Future,
        );
        let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
        assert!(
            got.contains(&("5", "2018-03-05")) || got.contains(&("March 3", "2018-03-03")),
            "{got:?}"
        );
        assert!(got.contains(&("4", "2018-05-04")), "{got:?}");
        // A count after a date is not a day.
        let found = tag("On March 3 to 5 people came.", Tense::Past);
        assert!(found.iter().all(|f| f.0 != "5"), "{found:?}");
    }

    #[test]
    fn offsets_count_from_the_last_date_given() {
        let found = tag(
            "The first meeting was on March 3, 2015. Three days later, they met again. Two years ago it changed.",
            Tense::Past,
        );
        assert_eq!(values(&found), ["2015-03-03", "2015-03-06", "2015"]);
        // "A year earlier" in a quarterly report: the same quarter of the year before.
        let found = tag(
            "Profit in the third quarter rose to $10 million from $9.5 million a year earlier.",
            Tense::Past,
        );
        assert_eq!(values(&found), ["2017-Q3", "2016-Q3"]);
        // "A year ago" beside a period of this year is that period a year back; alone, or
        // after a date of another year, it is last year. "The latest quarter" has ended.
        let found = tag(
            "Net rose in the third quarter from a year ago. A year ago, few cared. In 2009 it fell; a year ago it rose. The latest quarter was weak.",
            Tense::Past,
        );
        assert_eq!(
            values(&found),
            ["2017-Q3", "2016-Q3", "2016", "2009", "2016", "2017-Q3"]
        );
        // "The quarter" is the one last named, else the last that ended.
        let found = tag(
            "Sales in the quarter rose. Net in the second quarter fell; in the quarter, costs rose.",
            Tense::Past,
        );
        assert_eq!(values(&found), ["2017-Q3", "2017-Q2", "2017-Q2"]);
        // Quarters and halves of a named or relative year are one expression.
        let found = tag(
            "Net rose in this year's third quarter and will in next year's first quarter; the 1988 second quarter was weak, as were the first two quarters of 1990 and the last half of 1989.",
            Tense::Past,
        );
        assert_eq!(
            values(&found),
            ["2017-Q3", "2018-Q1", "1988-Q2", "1990-H1", "1989-H2"]
        );
        // An unknown number of recent or coming units is a duration.
        let found = tag(
            "Prices rose in recent months and may fall in coming weeks.",
            Tense::Past,
        );
        let got: Vec<(TimexType, &str)> = found.iter().map(|f| (f.1, f.2.as_str())).collect();
        assert_eq!(
            got,
            [(TimexType::Duration, "PXM"), (TimexType::Duration, "PXW")]
        );
        // With no date before it, the publication date is the anchor.
        assert_eq!(
            tag("Three days later they met.", Tense::Past)[0].2,
            "2017-11-24"
        );
    }

    #[test]
    fn months_and_days_of_a_year_relative_to_the_anchor() {
        let found = tag(
            "Sales fell in June last year, rose in January this year and will peak on Oct. 23 next year.",
            Tense::Past,
        );
        let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
        assert_eq!(
            got,
            [
                ("June last year", "2016-06"),
                ("January this year", "2017-01"),
                ("Oct. 23 next year", "2018-10-23")
            ]
        );
    }

    #[test]
    fn broadcast_and_newswire_forms() {
        let got = |text: &str, tense: Tense| -> Vec<(String, String)> {
            tag(text, tense).into_iter().map(|f| (f.0, f.2)).collect()
        };
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        // A clock time with its day is one expression (anchor: Tuesday 21 November 2017).
        assert_eq!(
            got("The polls closed at 10 p.m. Sunday.", Tense::Past),
            [pair("10 p.m. Sunday", "2017-11-19T22:00")]
        );
        assert_eq!(
            got("Talks resume at noon Thursday.", Tense::Future),
            [pair("noon Thursday", "2017-11-23T12:00")]
        );
        // Years and decades read out in words, centuries.
        assert_eq!(
            got(
                "It began in nineteen ninety-six, not in the year two thousand.",
                Tense::Past
            ),
            [
                pair("nineteen ninety-six", "1996"),
                pair("the year two thousand", "2000")
            ]
        );
        assert_eq!(
            got(
                "Through the nineties and the '80s, as in the 20th century.",
                Tense::Past
            ),
            [
                pair("the nineties", "199"),
                pair("the '80s", "198"),
                pair("the 20th century", "19")
            ]
        );
        // The weekend before the anchor in a past report, the next one in a future one.
        assert_eq!(
            got("He rested over the weekend.", Tense::Past)[0].1,
            "2017-W46-WE"
        );
        assert_eq!(
            got("He will rest over the weekend.", Tense::Future)[0].1,
            "2017-W47-WE"
        );
        // "That year" is the year of the last date given.
        assert_eq!(
            got(
                "It was founded in 1988. Later that year it moved.",
                Tense::Past
            ),
            [pair("1988", "1988"), pair("Later that year", "1988")]
        );
        // Adjectival durations without their article; ages are not expressions.
        assert_eq!(
            got(
                "Stocks hit a five year low after a 16-hour session.",
                Tense::Past
            ),
            [pair("five year", "P5Y"), pair("16-hour", "PT16H")]
        );
        assert!(got("The 44-year-old, 52 years old, spoke.", Tense::Past).is_empty());
        // Recurrences, spelled years after a season or month, clock hours in words.
        assert_eq!(
            got(
                "It meets each Thursday and on Tuesday nights.",
                Tense::Present
            ),
            [
                pair("each Thursday", "XXXX-WXX-4"),
                pair("Tuesday nights", "XXXX-WXX-2TNI")
            ]
        );
        assert_eq!(
            got(
                "In the winter of nineteen ninety-four it froze at 4 in the morning.",
                Tense::Past
            ),
            [
                pair("the winter of nineteen ninety-four", "1994-WI"),
                pair("4 in the morning", "2017-11-21T04:00")
            ]
        );
        // "Two thousand" alone is a count.
        assert_eq!(
            got("It took more than two thousand years.", Tense::Past),
            [pair("more than two thousand years", "P2000Y")]
        );
        assert_eq!(
            got("It took 2 1/2 years and twenty-four hours.", Tense::Past),
            [
                pair("2 1/2 years", "P2Y6M"),
                pair("twenty-four hours", "PT24H")
            ]
        );
    }

    #[test]
    fn sets_and_references() {
        assert_eq!(tag("It meets every year.", Tense::Present)[0].2, "P1Y");
        assert_eq!(
            tag("It meets every year.", Tense::Present)[0].1,
            TimexType::Set
        );
        assert_eq!(
            tag("Talks are going on now.", Tense::Present)[0].2,
            "PRESENT_REF"
        );
        let found = tag("Prices will rise in the near term.", Tense::Future);
        assert_eq!(
            (found[0].0.as_str(), found[0].2.as_str()),
            ("the near term", "FUTURE_REF")
        );
        assert_eq!(tag("He spoke last week.", Tense::Past)[0].2, "2017-W46");
        assert_eq!(
            tag("He will speak next week.", Tense::Future)[0].2,
            "2017-W48"
        );
    }
}
