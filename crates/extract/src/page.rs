//! The elements that metadata and dates read, gathered in one pass over the parsed page
//! (instead of one selector pass each): JSON-LD blocks (parsed once), `<meta>` tags, the
//! first `<title>` and `<h1>`, the canonical link and `<html lang>`.

use scraper::{ElementRef, Html};
use serde_json::Value;

/// An element's attribute by name. scraper's `Element::attr` interns the name as an atom
/// first (a hash and, for names it does not know, a lock) on every call; the extractor
/// asks each element for several attributes and slimmed elements carry few, so comparing
/// the names as text is several times cheaper.
pub(crate) trait Attribute {
    fn attribute(&self, name: &str) -> Option<&str>;
}

impl Attribute for scraper::node::Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attrs().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// Whether an element's class list holds `class` (case-sensitive, as CSS matches it in a
/// standards-mode page). scraper's `has_class` interns every class of the element first.
pub(crate) fn has_class(el: &scraper::node::Element, class: &str) -> bool {
    el.attribute("class")
        .is_some_and(|c| c.split_ascii_whitespace().any(|w| w == class))
}

/// The page's elements in document order: what the extractor walks in place of CSS
/// selectors, whose matching costs more than the few tests it needs.
pub(crate) fn elements(page: &Html) -> impl Iterator<Item = ElementRef<'_>> {
    page.tree.root().descendants().filter_map(ElementRef::wrap)
}

/// A JSON-LD block: parsed, or its raw text when it is not valid JSON (hand-written
/// JSON-LD often has trailing commas or raw newlines; dates can still be read from it).
pub(crate) enum JsonLd {
    Parsed(Value),
    Invalid(String),
}

pub(crate) struct PageIndex<'a> {
    pub json_ld: Vec<JsonLd>,
    /// `<meta>` tags: (lowercased property, name, itemprop or http-equiv; content).
    pub metas: Vec<(String, &'a str)>,
    pub title: Option<ElementRef<'a>>,
    pub h1: Option<ElementRef<'a>>,
    pub canonical: Option<&'a str>,
    pub html_lang: Option<&'a str>,
}

impl<'a> PageIndex<'a> {
    pub(crate) fn new(page: &'a Html) -> PageIndex<'a> {
        let mut idx = PageIndex {
            json_ld: Vec::new(),
            metas: Vec::new(),
            title: None,
            h1: None,
            canonical: None,
            html_lang: None,
        };
        for e in elements(page) {
            let v = e.value();
            match v.name() {
                "meta" => {
                    let key = v
                        .attribute("property")
                        .or_else(|| v.attribute("name"))
                        .or_else(|| v.attribute("itemprop"))
                        .or_else(|| v.attribute("http-equiv"));
                    if let (Some(k), Some(c)) = (key, v.attribute("content")) {
                        idx.metas.push((k.trim().to_ascii_lowercase(), c));
                    }
                }
                "script" if v.attribute("type").is_some_and(|t| t.contains("ld+json")) => {
                    let raw = e.text().collect::<String>();
                    idx.json_ld.push(match serde_json::from_str(raw.trim()) {
                        Ok(value) => JsonLd::Parsed(value),
                        Err(_) => JsonLd::Invalid(raw),
                    });
                }
                "title" if idx.title.is_none() => idx.title = Some(e),
                "h1" if idx.h1.is_none() => idx.h1 = Some(e),
                "link" if idx.canonical.is_none() && v.attribute("rel") == Some("canonical") => {
                    idx.canonical = v.attribute("href");
                }
                "html" if idx.html_lang.is_none() => {
                    // XHTML pages may give only `xml:lang`.
                    idx.html_lang = v.attribute("lang").or_else(|| v.attribute("xml:lang"))
                }
                _ => {}
            }
        }
        idx
    }

    /// The content of the first `<meta>` with this (lowercase) key.
    pub(crate) fn meta(&self, key: &str) -> Option<&'a str> {
        self.metas.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// The parsed JSON-LD blocks.
    pub(crate) fn json_ld_values(&self) -> impl Iterator<Item = &Value> {
        self.json_ld.iter().filter_map(|j| match j {
            JsonLd::Parsed(v) => Some(v),
            JsonLd::Invalid(_) => None,
        })
    }
}
