//! Article metadata: title, byline, publication date, URL, language, site, description.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Metadata of one article. Every field is optional: inputs carry what they carry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Meta {
    /// Headline.
    pub title: Option<String>,
    /// Author line as printed ("By Jane Roe and John Doe").
    pub byline: Option<String>,
    /// Publication date (the document creation time that relative dates resolve against).
    pub published: Option<Published>,
    /// Canonical URL of the article.
    pub url: Option<String>,
    /// ISO 639-1 language code, e.g. `en`.
    pub language: Option<String>,
    /// Name of the site or outlet.
    pub site: Option<String>,
    /// The wire dateline that opened the article ("SOCHI, Russia (Reuters)"), taken out of
    /// the text: where the story was filed from, and by whom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// The page's own summary of the article (JSON-LD `description`, `og:description`,
    /// `<meta name="description">`): often the lead, or all the text a video page has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Which signal produced each field (field name → signal, e.g.
    /// `"published" → "meta article:published_time"`), so users can see why.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, String>,
}

impl Meta {
    /// Sets `field` from `signal` unless it is already set; returns whether it was set.
    pub fn offer_title(&mut self, value: &str, signal: &str) -> bool {
        offer(&mut self.title, &mut self.sources, "title", value, signal)
    }

    /// Like [`Meta::offer_title`] for the byline.
    pub fn offer_byline(&mut self, value: &str, signal: &str) -> bool {
        offer(&mut self.byline, &mut self.sources, "byline", value, signal)
    }

    /// Like [`Meta::offer_title`] for the URL.
    pub fn offer_url(&mut self, value: &str, signal: &str) -> bool {
        offer(&mut self.url, &mut self.sources, "url", value, signal)
    }

    /// Like [`Meta::offer_title`] for the dateline.
    pub fn offer_dateline(&mut self, value: &str, signal: &str) -> bool {
        offer(
            &mut self.dateline,
            &mut self.sources,
            "dateline",
            value,
            signal,
        )
    }

    /// Like [`Meta::offer_title`] for the description.
    pub fn offer_description(&mut self, value: &str, signal: &str) -> bool {
        offer(
            &mut self.description,
            &mut self.sources,
            "description",
            value,
            signal,
        )
    }

    /// Like [`Meta::offer_title`] for the site name.
    pub fn offer_site(&mut self, value: &str, signal: &str) -> bool {
        offer(&mut self.site, &mut self.sources, "site", value, signal)
    }

    /// Like [`Meta::offer_title`] for the language code.
    pub fn offer_language(&mut self, value: &str, signal: &str) -> bool {
        offer(
            &mut self.language,
            &mut self.sources,
            "language",
            value,
            signal,
        )
    }

    /// Offers every field `other` has (a feed entry's or sitemap's metadata), each with
    /// the signal `other` recorded for it, or `fallback`; a publication date only when
    /// `keep_date` accepts it. Fields already set stay.
    pub fn offer_all(
        &mut self,
        other: &Meta,
        fallback: &str,
        keep_date: impl Fn(Published) -> bool,
    ) {
        let signal = |field: &str| other.sources.get(field).map_or(fallback, String::as_str);
        if let Some(t) = &other.title {
            self.offer_title(t, signal("title"));
        }
        if let Some(b) = &other.byline {
            self.offer_byline(b, signal("byline"));
        }
        if let Some(p) = other.published.filter(|p| keep_date(*p)) {
            self.offer_published(p, signal("published"));
        }
        if let Some(u) = &other.url {
            self.offer_url(u, signal("url"));
        }
        if let Some(s) = &other.site {
            self.offer_site(s, signal("site"));
        }
        if let Some(l) = &other.language {
            self.offer_language(l, signal("language"));
        }
        if let Some(d) = &other.dateline {
            self.offer_dateline(d, signal("dateline"));
        }
        if let Some(d) = &other.description {
            self.offer_description(d, signal("description"));
        }
    }

    /// Sets the publication date from `signal` unless one is already set.
    pub fn offer_published(&mut self, value: Published, signal: &str) -> bool {
        if self.published.is_some() {
            return false;
        }
        self.published = Some(value);
        self.sources.insert("published".into(), signal.into());
        true
    }
}

fn offer(
    slot: &mut Option<String>,
    sources: &mut BTreeMap<String, String>,
    field: &str,
    value: &str,
    signal: &str,
) -> bool {
    let value = value.trim();
    if slot.is_some() || value.is_empty() {
        return false;
    }
    *slot = Some(value.to_string());
    sources.insert(field.into(), signal.into());
    true
}

/// A publication date, with the time and zone when the source gives them.
///
/// Written as `YYYY-MM-DD` or RFC 3339 (`2017-11-21T08:30:00+03:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    /// A calendar date only.
    Date(NaiveDate),
    /// A date and time with its UTC offset.
    DateTime(DateTime<FixedOffset>),
}

impl Published {
    /// The calendar date (in the article's own time zone).
    pub fn date(&self) -> NaiveDate {
        match self {
            Published::Date(d) => *d,
            Published::DateTime(dt) => dt.date_naive(),
        }
    }
}

/// Error for a string that is neither `YYYY-MM-DD` nor RFC 3339.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid publication date {0:?}: expected YYYY-MM-DD or an RFC 3339 date-time")]
pub struct ParsePublishedError(String);

impl FromStr for Published {
    type Err = ParsePublishedError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(Published::Date(d));
        }
        DateTime::parse_from_rfc3339(s)
            .map(Published::DateTime)
            .map_err(|_| ParsePublishedError(s.to_string()))
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Published::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Published::DateTime(dt) => write!(f, "{}", dt.to_rfc3339()),
        }
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_parses_date_and_datetime() {
        let d: Published = "2017-11-21".parse().unwrap();
        assert_eq!(d.to_string(), "2017-11-21");
        let dt: Published = "2017-11-21T08:30:00+03:00".parse().unwrap();
        assert_eq!(dt.date(), NaiveDate::from_ymd_opt(2017, 11, 21).unwrap());
        assert_eq!(dt.to_string(), "2017-11-21T08:30:00+03:00");
        assert!("21/11/2017".parse::<Published>().is_err());
        assert!("2017-02-30".parse::<Published>().is_err());
    }

    #[test]
    fn first_signal_wins_and_is_recorded() {
        let mut m = Meta::default();
        assert!(m.offer_title("Putin meets Assad", "og:title"));
        assert!(!m.offer_title("Other", "<title>"));
        assert!(!m.offer_byline("   ", "meta author"));
        assert_eq!(m.title.as_deref(), Some("Putin meets Assad"));
        assert_eq!(m.sources["title"], "og:title");
        assert!(!m.sources.contains_key("byline"));
    }

    #[test]
    fn offer_all_fills_only_missing_fields_with_their_signals() {
        let mut feed = Meta::default();
        feed.offer_title("Feed title", "rss item title");
        feed.offer_byline("Jane Roe", "rss item author");
        feed.offer_published("2031-01-01".parse().unwrap(), "rss item date");
        feed.site = Some("Wire".into());
        let mut m = Meta::default();
        m.offer_title("Page title", "<title>");
        m.offer_all(&feed, "container", |p| {
            p.date().to_string().as_str() < "2030"
        });
        assert_eq!(m.title.as_deref(), Some("Page title"));
        assert_eq!(m.sources["title"], "<title>");
        assert_eq!(m.sources["byline"], "rss item author");
        assert_eq!(m.published, None, "the date was refused");
        assert_eq!(m.sources["site"], "container");
    }
}
