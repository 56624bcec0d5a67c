//! RSS 0.9x/1.0/2.0, Atom and JSON Feed, parsed by `feed-rs`: each entry is an article.
//! The entry's full content is used when the feed carries it, else its summary; an entry
//! with neither gives a headline-only article (gazette does not fetch the linked page).

use feed_rs::model::{Entry, Feed, FeedType, Text};

use crate::items::{Content, Hints, ItemError, ItemResult};
use crate::{IngestError, Item};

pub(crate) fn read(bytes: &[u8], name: &str, sink: &mut dyn FnMut(ItemResult)) {
    let (feed, broken) = match feed_rs::parser::parse(bytes) {
        Ok(f) => (f, None),
        // A feed cut short (a download that stopped) or broken inside a late entry still
        // has its complete entries: they are read, and the break is reported after them.
        Err(e) => match complete_entries(bytes).and_then(|b| feed_rs::parser::parse(&b[..]).ok()) {
            Some(f) if !f.entries.is_empty() => (f, Some(e)),
            _ => {
                sink(Err(ItemError {
                    name: name.to_string(),
                    error: IngestError::Container(format!("unreadable feed: {e}")),
                }));
                return;
            }
        },
    };
    let source = match feed.feed_type {
        FeedType::Atom => "atom entry",
        FeedType::JSON => "json feed item",
        _ => "rss item",
    };
    for (i, entry) in feed.entries.iter().enumerate() {
        sink(Ok(item(
            &feed,
            entry,
            source,
            &format!("{name} entry {}", i + 1),
        )));
    }
    if let Some(e) = broken {
        sink(Err(ItemError {
            name: format!("{name} entry {}", feed.entries.len() + 1),
            error: IngestError::Container(format!(
                "feed cut or broken after its last complete entry ({e}); the entries before it were read"
            )),
        }));
    }
}

/// An XML feed cut after its last complete `</item>` or `</entry>` and closed again, or
/// `None` when it has no complete entry (or is a JSON Feed, which has no such shape).
fn complete_entries(bytes: &[u8]) -> Option<Vec<u8>> {
    let (end_tag, closing): (&[u8], &[u8]) = if memchr::memmem::find(bytes, b"<entry").is_some() {
        (b"</entry>", b"</feed>")
    } else if memchr::memmem::find(bytes, b"<rdf:RDF").is_some() {
        (b"</item>", b"</rdf:RDF>")
    } else {
        (b"</item>", b"</channel></rss>")
    };
    let cut = memchr::memmem::rfind(bytes, end_tag)? + end_tag.len();
    let mut repaired = bytes[..cut].to_vec();
    repaired.extend_from_slice(closing);
    Some(repaired)
}

fn item(feed: &Feed, entry: &Entry, source: &'static str, name: &str) -> Item {
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone())
        .or_else(|| entry.id.starts_with("http").then(|| entry.id.clone()));
    let content = match &entry.content {
        Some(c) if c.body.as_deref().is_some_and(|b| !b.trim().is_empty()) => {
            let body = c.body.clone().unwrap_or_default();
            if c.content_type.to_string().contains("html") {
                Content::Fragment(body)
            } else {
                Content::Text(body)
            }
        }
        _ => match &entry.summary {
            Some(s) => text_content(s),
            None => Content::Text(String::new()),
        },
    };
    let authors: Vec<&str> = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref())
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    Item {
        name: match &url {
            Some(u) => format!("{name} <{u}>"),
            None => name.to_string(),
        },
        content,
        hints: Hints {
            source,
            url,
            title: entry.title.as_ref().map(plain),
            byline: (!authors.is_empty()).then(|| authors.join(", ")),
            published: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
            crawled: None,
            language: entry.language.clone().or_else(|| feed.language.clone()),
            site: feed.title.as_ref().map(plain),
        },
    }
}

fn text_content(t: &Text) -> Content {
    if t.content_type.to_string().contains("html") {
        Content::Fragment(t.content.clone())
    } else {
        Content::Text(t.content.clone())
    }
}

/// A title as plain text (Atom titles may be HTML).
fn plain(t: &Text) -> String {
    if t.content_type.to_string().contains("html") {
        let mut out = String::new();
        let mut in_tag = false;
        for c in t.content.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.trim().to_string()
    } else {
        t.content.trim().to_string()
    }
}
