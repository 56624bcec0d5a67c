//! Sitemaps and Google News sitemaps. A news sitemap entry names an article with its
//! headline, publication date, outlet and language; it becomes a headline-only article
//! (gazette does not fetch the page). Entries without a headline, and sitemap indexes,
//! list pages to fetch and give no article: they are reported as such.

use serde::Deserialize;

use crate::items::{Content, Hints, ItemError, ItemResult};
use crate::{IngestError, Item};

#[derive(Deserialize)]
struct UrlSet {
    #[serde(rename = "url", default)]
    urls: Vec<Url>,
    #[serde(rename = "sitemap", default)]
    sitemaps: Vec<Loc>,
}

#[derive(Deserialize)]
struct Loc {
    #[serde(default)]
    loc: String,
}

#[derive(Deserialize)]
struct Url {
    #[serde(default)]
    loc: String,
    lastmod: Option<String>,
    #[serde(alias = "news:news")]
    news: Option<News>,
}

#[derive(Deserialize)]
struct News {
    #[serde(alias = "news:publication")]
    publication: Option<Publication>,
    #[serde(alias = "news:publication_date")]
    publication_date: Option<String>,
    #[serde(alias = "news:title")]
    title: Option<String>,
}

#[derive(Deserialize)]
struct Publication {
    #[serde(alias = "news:name")]
    name: Option<String>,
    #[serde(alias = "news:language")]
    language: Option<String>,
}

pub(crate) fn read(bytes: &[u8], name: &str, sink: &mut dyn FnMut(ItemResult)) {
    let fail = |msg: String| ItemError {
        name: name.to_string(),
        error: IngestError::Container(msg),
    };
    let text = String::from_utf8_lossy(bytes);
    let set: UrlSet = match quick_xml::de::from_str(&text) {
        Ok(s) => s,
        Err(e) => return sink(Err(fail(format!("unreadable sitemap: {e}")))),
    };
    if !set.sitemaps.is_empty() {
        return sink(Err(fail(format!(
            "sitemap index of {} sitemaps (first {}): gazette reads local files and does not fetch them",
            set.sitemaps.len(),
            set.sitemaps[0].loc.trim()
        ))));
    }
    let mut without_title = 0usize;
    for (i, url) in set.urls.into_iter().enumerate() {
        let news = url.news.unwrap_or(News {
            publication: None,
            publication_date: None,
            title: None,
        });
        let Some(title) = news
            .title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
        else {
            without_title += 1;
            continue;
        };
        let loc = url.loc.trim().to_string();
        let (site, language) = news
            .publication
            .map(|p| (p.name, p.language))
            .unwrap_or_default();
        sink(Ok(Item {
            name: format!("{name} entry {} <{loc}>", i + 1),
            content: Content::Text(String::new()),
            hints: Hints {
                source: "news sitemap",
                url: (!loc.is_empty()).then_some(loc),
                title: Some(title),
                published: news.publication_date.or(url.lastmod),
                site,
                language,
                ..Hints::default()
            },
        }));
    }
    if without_title > 0 {
        sink(Err(fail(format!(
            "{without_title} sitemap entries have no news:title, only a URL: gazette does not fetch pages"
        ))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_entries_become_headlines_and_plain_entries_are_reported() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://example.com/world/putin-assad-sochi</loc>
    <news:news>
      <news:publication><news:name>Example News</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2017-11-21T08:30:00+03:00</news:publication_date>
      <news:title>Putin &amp; Assad meet in Sochi</news:title>
    </news:news>
  </url>
  <url><loc>https://example.com/about</loc><lastmod>2017-01-01</lastmod></url>
</urlset>"#;
        let mut got = Vec::new();
        read(xml, "news.xml", &mut |r| got.push(r));
        assert_eq!(got.len(), 2);
        let item = got[0].as_ref().unwrap();
        assert_eq!(
            item.hints.title.as_deref(),
            Some("Putin & Assad meet in Sochi")
        );
        assert_eq!(
            item.hints.published.as_deref(),
            Some("2017-11-21T08:30:00+03:00")
        );
        assert_eq!(item.hints.site.as_deref(), Some("Example News"));
        assert_eq!(item.hints.language.as_deref(), Some("en"));
        assert_eq!(
            item.name,
            "news.xml entry 1 <https://example.com/world/putin-assad-sochi>"
        );
        let err = got[1].as_ref().unwrap_err();
        assert!(
            err.error
                .to_string()
                .contains("1 sitemap entries have no news:title")
        );
    }
}
