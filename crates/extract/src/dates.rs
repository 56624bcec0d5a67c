//! Publication dates as pages write them.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use gazette_doc::Published;

/// Parses a date as found in metadata: RFC 3339, ISO 8601 with or without a zone,
/// RFC 2822, or a leading `YYYY-MM-DD`. A date-time without a zone keeps only its date,
/// since its zone is unknown.
pub fn parse_date(s: &str) -> Option<Published> {
    let s = s.trim();
    if s.len() < 8 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(Published::DateTime(dt));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Some(Published::DateTime(dt));
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(Published::DateTime(dt));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(Published::Date(dt.date()));
        }
    }
    let head = s.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .map(Published::Date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_metadata_date_forms() {
        assert_eq!(
            parse_date("2017-11-21T08:30:00+03:00").unwrap().to_string(),
            "2017-11-21T08:30:00+03:00"
        );
        assert_eq!(
            parse_date("2017-11-21T05:30:00.000Z").unwrap().to_string(),
            "2017-11-21T05:30:00+00:00"
        );
        assert_eq!(
            parse_date("2017-11-21T08:30:00+0300").unwrap().to_string(),
            "2017-11-21T08:30:00+03:00"
        );
        assert_eq!(
            parse_date("Tue, 21 Nov 2017 08:30:00 +0000")
                .unwrap()
                .to_string(),
            "2017-11-21T08:30:00+00:00"
        );
        assert_eq!(
            parse_date("2017-11-21T08:30:00").unwrap().to_string(),
            "2017-11-21"
        );
        assert_eq!(parse_date("2017-11-21").unwrap().to_string(), "2017-11-21");
        assert_eq!(parse_date("2017-02-30"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("Ниже"), None);
    }
}
