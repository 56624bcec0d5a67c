//! RSS 0.9x/1.0/2.0, Atom and JSON Feed, parsed by `feed-rs`: each entry is an article.
//! The entry's full content is used when the feed carries it, else its summary; an entry
//! with neither gives a headline-only article (gazette does not fetch the linked page).

use feed_rs::model::{Entry, Feed, FeedType, Text};

use crate::items::{Content, Hints, ItemError, ItemResult};
use crate::{IngestError, Item};

pub(crate) fn read(bytes: &[u8], name: &str, sink: &mut dyn FnMut(ItemResult)) {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            sink(Err(ItemError {
                name: name.to_string(),
                error: IngestError::Container(format!("unreadable feed: {e}")),
            }));
            return;
        }
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
