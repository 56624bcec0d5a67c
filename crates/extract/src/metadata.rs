//! Metadata of an HTML page. Signals are tried from the most to the least reliable
//! (JSON-LD, then Open Graph and article meta tags, then the page's own elements) and
//! the first one found wins; [`Meta::sources`] records which signal that was. The
//! publication date has a module of its own, [`crate::pubdate`].

use std::sync::LazyLock;

use gazette_doc::Meta;
use regex::Regex;
use scraper::{ElementRef, Html};
use serde_json::Value;

use crate::html::markup_text;
use crate::page::{Attribute, PageIndex, elements, has_class};

/// An element that holds the byline: `[rel=author]`, `[itemprop=author]`, or the classes
/// `byline`, `author`, `author-name`, `byline-name`.
fn holds_byline(el: &scraper::node::Element) -> bool {
    // `rel` values are matched ignoring ASCII case, as CSS does for that attribute.
    el.attribute("rel")
        .is_some_and(|r| r.eq_ignore_ascii_case("author"))
        || el.attribute("itemprop") == Some("author")
        || ["byline", "author", "author-name", "byline-name"]
            .iter()
            .any(|c| has_class(el, c))
}

/// Article types of schema.org whose properties describe the page's article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNews",
    "AnalysisNewsArticle",
    "BlogPosting",
    "WebPage",
    "LiveBlogPosting",
    "OpinionNewsArticle",
];

#[cfg(test)]
pub(crate) fn from_page(page: &Html) -> Meta {
    from_index(page, &PageIndex::new(page))
}

pub(crate) fn from_index(page: &Html, idx: &PageIndex<'_>) -> Meta {
    let mut meta = Meta::default();
    let h1 = idx.h1.map(text_of);
    json_ld(idx, &mut meta);
    meta_tags(idx, h1.as_deref(), &mut meta);

    if let Some(t) = idx.title {
        let title = clean_title(&text_of(t));
        meta.offer_title(&title, "<title>");
    }
    if let Some(h) = &h1 {
        meta.offer_title(h, "<h1>");
    }
    if let Some(l) = idx.canonical {
        if l.starts_with("http") {
            meta.offer_url(l, "link rel=canonical");
        }
    }
    if let Some(lang) = idx.html_lang {
        if let Some(code) = crate::language::code_of_tag(lang) {
            meta.offer_language(&code, "html lang");
        }
    }
    if meta.byline.is_none() {
        for e in elements(page).filter(|e| holds_byline(e.value())) {
            let Some(t) = clean_byline(&text_of(e)) else {
                continue;
            };
            if (3..=80).contains(&t.chars().count()) {
                meta.offer_byline(&t, "byline element");
                break;
            }
        }
    }
    meta
}

fn json_ld(idx: &PageIndex<'_>, meta: &mut Meta) {
    for value in idx.json_ld_values() {
        let mut found = Vec::new();
        collect_articles(value, &mut found);
        for article in found {
            if let Some(h) = article.get("headline").and_then(Value::as_str) {
                meta.offer_title(h, "json-ld headline");
            }
            if let Some(a) = article
                .get("author")
                .and_then(names)
                .and_then(|a| clean_byline(&a))
            {
                meta.offer_byline(&a, "json-ld author");
            }
            if let Some(p) = article.get("publisher").and_then(names) {
                meta.offer_site(&p, "json-ld publisher");
            }
            if let Some(d) = article.get("description").and_then(Value::as_str) {
                meta.offer_description(&markup_text(d, " "), "json-ld description");
            }
            if let Some(u) = article.get("url").and_then(Value::as_str) {
                if u.starts_with("http") {
                    meta.offer_url(u, "json-ld url");
                }
            }
        }
    }
}

/// The article's whole text as the page's JSON-LD gives it (`articleBody`), the longest
/// if several article objects have one.
pub(crate) fn json_ld_article_body(idx: &PageIndex<'_>) -> Option<String> {
    let mut best: Option<&str> = None;
    for value in idx.json_ld_values() {
        let mut found = Vec::new();
        collect_articles(value, &mut found);
        for body in found
            .into_iter()
            .filter_map(|a| a.get("articleBody").and_then(Value::as_str))
        {
            if best.is_none_or(|b| body.len() > b.len()) {
                best = Some(body);
            }
        }
    }
    best.map(|b| markup_text(b, "\n\n").into_owned())
}

/// Article objects in a JSON-LD value, including inside `@graph` and arrays.
fn collect_articles<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect_articles(i, out)),
        Value::Object(map) => {
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|t| ARTICLE_TYPES.contains(&t)),
                _ => false,
            };
            if is_article {
                out.push(v);
            }
            if let Some(g) = map.get("@graph") {
                collect_articles(g, out);
            }
        }
        _ => {}
    }
}

/// Names from a schema.org `author`/`publisher`: a string, a Person/Organization, or a list.
fn names(v: &Value) -> Option<String> {
    let list: Vec<String> = match v {
        Value::String(s) if !s.starts_with("http") => vec![s.clone()],
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string)
            .into_iter()
            .collect(),
        Value::Array(items) => items.iter().filter_map(names).collect(),
        _ => Vec::new(),
    };
    let list: Vec<String> = list
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if list.is_empty() {
        None
    } else {
        Some(list.join(", "))
    }
}

/// `h1`: the text of the page's first `<h1>`, which an Open Graph title may repeat.
fn meta_tags(idx: &PageIndex<'_>, h1: Option<&str>, meta: &mut Meta) {
    let get = |name: &str| idx.meta(name);
    for key in ["og:title", "twitter:title"] {
        if let Some(v) = get(key) {
            meta.offer_title(
                &headline_between_bars(v, h1, get("og:site_name")),
                &format!("meta {key}"),
            );
        }
    }
    for key in [
        "author",
        "article:author",
        "sailthru.author",
        "parsely-author",
        "dc.creator",
        "byl",
    ] {
        if let Some(v) = get(key)
            .filter(|v| !v.starts_with("http"))
            .and_then(clean_byline)
        {
            meta.offer_byline(&v, &format!("meta {key}"));
        }
    }
    for key in ["og:description", "description", "twitter:description"] {
        if let Some(v) = get(key) {
            meta.offer_description(&markup_text(v, " "), &format!("meta {key}"));
        }
    }
    if let Some(v) = get("og:url") {
        if v.starts_with("http") {
            meta.offer_url(v, "meta og:url");
        }
    }
    if let Some(v) = get("og:site_name") {
        meta.offer_site(v, "meta og:site_name");
    }
    if let Some(v) = get("og:locale")
        .or_else(|| get("language"))
        .or_else(|| get("content-language"))
    {
        if let Some(code) = crate::language::code_of_tag(v) {
            meta.offer_language(&code, "meta locale");
        }
    }
}

fn text_of(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A byline as pages write it, reduced to the names: without the word that introduces them
/// ("By", "von", "Veröffentlicht von", "Autor:"), what follows a bar or bullet, and the date,
/// time or handle written after them ("Jeff Foust Monday, November 18, 2019", "Bryan DeArdo
/// @BryanDeArdo Nov 18, 2019"). None for a publishing system's placeholder ("admin").
pub(crate) fn clean_byline(raw: &str) -> Option<String> {
    static INTRO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\s*((veröffentlicht|geschrieben|verfasst|posted|written|published|beitrag)\s+(von|by)\s*:?|by|von|par|por|door)\s+|^\s*(autor(in)?|author|text|texte|redaktion)\s*:\s*",
        )
        .expect("byline intro pattern compiles")
    });
    // Where the names end: a handle, a date or time, a weekday before a date, a label with
    // a colon ("Kategorien:"), an update note.
    static AFTER_NAMES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\s(
                @\w
              | (mon|tues|wednes|thurs|fri|satur|sun)day(,|\s+\d)
              | (montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b
              | (mo|di|mi|do|fr|sa|so)\.?,\s*\d
              | (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d
              | (januar|februar|märz|mai|juni|juli|oktober|dezember)\s+\d
              | (hace|vor)\s+\d | \d+\s+(mins?|minutes?|hours?|hrs?|days?|minuten|stunden|tagen?|minutos|horas|días)\b
              | \d{1,2}\.?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember)
              | \d{1,2}\.\s?\d{1,2}\.
              | \d{4}[-./]
              | (am|on|le|el|at|um)\s+\d
              | (updated|aktualisiert|published|veröffentlicht|posted)\b
              | \p{L}+:\s
            )",
        )
        .expect("byline end pattern compiles")
    });
    let mut text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    // "von Autor: Georg Holzer": an introduction may come twice.
    while let Some(m) = INTRO.find(&text) {
        text = text[m.end()..].to_string();
    }
    let text = text.split(['|', '•', '·', '»']).next().unwrap_or_default();
    // (Matched after a space, so that a date opening the line ends the names before any.)
    let spaced = format!(" {text}");
    let text = match AFTER_NAMES.find(&spaced) {
        Some(m) => &spaced[..m.start()],
        None => &spaced,
    };
    let text = text
        .trim()
        .trim_end_matches([',', '-', '–', ':', ';'])
        .trim();
    const PLACEHOLDERS: &[&str] = &[
        "admin",
        "administrator",
        "wordpressadmin",
        "webmaster",
        "anonymous",
        "anonym",
        "anónimo",
        "unknown",
        "null",
        "none",
    ];
    let lower = text.to_lowercase();
    // A byline names someone: it does not open with a digit (a date the page put there).
    (!text.is_empty()
        && !text.starts_with(|c: char| c.is_ascii_digit())
        && !PLACEHOLDERS.contains(&lower.as_str()))
    .then(|| text.to_string())
}

/// The headline of an Open Graph or Twitter title that still carries the site's name, a
/// section or the day between bars ("Berlin confronts its colonial past | DW | 19.01.2020",
/// "Opinion | Republicans Are Following Trump"): the part the page's `<h1>` repeats, else
/// the first part that is neither a date, the site's name nor a one-word label. Only bars:
/// a dash or a colon is often the headline's own.
fn headline_between_bars(title: &str, h1: Option<&str>, site: Option<&str>) -> String {
    let parts: Vec<&str> = title.split(" | ").map(str::trim).collect();
    if parts.len() == 1 {
        return title.trim().to_string();
    }
    let same = |a: &str, b: &str| {
        a.split_whitespace()
            .map(str::to_lowercase)
            .eq(b.split_whitespace().map(str::to_lowercase))
    };
    if let Some(part) = h1.and_then(|h| parts.iter().find(|p| same(p, h))) {
        return part.to_string();
    }
    let label = |p: &str| {
        p.split_whitespace().count() < 2
            || !p.chars().any(char::is_alphabetic)
            || site.is_some_and(|s| same(p, s))
    };
    parts
        .iter()
        .find(|p| !label(p))
        .unwrap_or(&parts[0])
        .to_string()
}

/// Removes the site name that `<title>` often carries ("Headline | Site", "Site - Headline",
/// WordPress's "Headline ‹ Site" and "Headline « Site"), or a site's domain after a colon
/// ("Headline : literaturkritik.de").
fn clean_title(title: &str) -> String {
    let title = title.trim().trim_end_matches([' ', '-', '|']).trim_end();
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · ", " ‹ ", " « "] {
        if title.contains(sep) {
            return title
                .split(sep)
                .max_by_key(|part| part.chars().count())
                .unwrap_or(title)
                .trim()
                .to_string();
        }
    }
    match title.rsplit_once(" : ") {
        Some((head, domain)) if is_domain(domain) => head.trim().to_string(),
        _ => title.to_string(),
    }
}

/// A bare domain name ("literaturkritik.de", "www.example.org").
fn is_domain(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_beats_meta_tags_and_sources_are_recorded() {
        let page = Html::parse_document(
            r#"<html lang="en-GB"><head><title>Putin meets Assad in Sochi | Example News</title>
            <meta property="og:title" content="OG headline">
            <meta property="article:published_time" content="2017-11-21T10:00:00+00:00">
            <meta name="author" content="By Meta Author">
            <meta property="og:site_name" content="Example News">
            <meta property="og:description" content="OG summary">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
              {"@type":"NewsArticle","headline":"LD headline","datePublished":"2017-11-20T21:00:00+03:00",
               "description":"Putin and Assad met in Sochi.",
               "author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}]}]}</script>
            <link rel="canonical" href="https://example.com/a"></head><body><h1>H1</h1></body></html>"#,
        );
        let m = from_page(&page);
        assert_eq!(m.title.as_deref(), Some("LD headline"));
        assert_eq!(m.byline.as_deref(), Some("Jane Roe, John Doe"));
        assert_eq!(m.site.as_deref(), Some("Example News"));
        assert_eq!(m.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(
            m.description.as_deref(),
            Some("Putin and Assad met in Sochi.")
        );
        assert_eq!(m.sources["description"], "json-ld description");
    }

    #[test]
    fn an_open_graph_title_loses_the_site_and_day_after_bars_but_keeps_its_dashes() {
        for (og, title) in [
            (
                "Berlin confronts its colonial past | DW | 19.01.2020",
                "Berlin confronts its colonial past",
            ),
            (
                "Putin - Assad talks end in Sochi",
                "Putin - Assad talks end in Sochi",
            ),
        ] {
            let page = Html::parse_document(&format!(
                r#"<html><head><meta property="og:title" content="{og}"></head><body></body></html>"#
            ));
            assert_eq!(from_page(&page).title.as_deref(), Some(title));
        }
        // A section before the headline; the headline the page repeats in its <h1>.
        assert_eq!(
            headline_between_bars("Opinion | Republicans Are Following Trump", None, None),
            "Republicans Are Following Trump"
        );
        assert_eq!(
            headline_between_bars(
                "Winterhechte | fish.example | Dein Fischereimagazin",
                Some("Winterhechte"),
                None
            ),
            "Winterhechte"
        );
        assert_eq!(
            headline_between_bars(
                "Bridge reopens | Valley Courier",
                None,
                Some("Valley Courier")
            ),
            "Bridge reopens"
        );
    }

    #[test]
    fn title_falls_back_to_cleaned_title_tag() {
        let page = Html::parse_document(
            "<title>Example News - Putin meets Assad in Sochi</title><p>x</p>",
        );
        let m = from_page(&page);
        assert_eq!(m.title.as_deref(), Some("Putin meets Assad in Sochi"));
        assert_eq!(m.sources["title"], "<title>");
        for (raw, title) in [
            (
                "Ein Roboter für den Garten ‹ Hobbywerkstatt",
                "Ein Roboter für den Garten",
            ),
            ("Lexikon der Löwen « Nalas Seiten", "Lexikon der Löwen"),
            (
                "Ann Cotten verwebt Lokales und Globales : literaturkritik.de",
                "Ann Cotten verwebt Lokales und Globales",
            ),
            ("National Rail Enquiries -", "National Rail Enquiries"),
            // A colon set off by spaces, as French writes it, is the headline's own.
            (
                "Guinée : un braconnier condamné",
                "Guinée : un braconnier condamné",
            ),
        ] {
            assert_eq!(clean_title(raw), title);
        }
    }

    #[test]
    fn bylines_keep_the_names_only() {
        for (raw, byline) in [
            ("By Jane Roe", Some("Jane Roe")),
            ("von Christian Weber", Some("Christian Weber")),
            ("Veröffentlicht von Chris Jung", Some("Chris Jung")),
            ("Autorin: Anna Berg", Some("Anna Berg")),
            ("Jeff Foust Monday, November 18, 2019", Some("Jeff Foust")),
            (
                "Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm ET • 2 min read",
                Some("Bryan DeArdo"),
            ),
            ("Lena Fischer, 12.03.2021", Some("Lena Fischer")),
            ("Katrina Creer 21 Jan 2020", Some("Katrina Creer")),
            ("Von Tomas Berg Fr, 18. Oktober 2019", Some("Tomas Berg")),
            ("von Autor: Georg Holm", Some("Georg Holm")),
            ("Beitrag von r23 » 21.01.2009, 05:42", Some("r23")),
            ("Posted by Günter Kienitz at 18:52", Some("Günter Kienitz")),
            ("Reuters Updated: January 16, 2020", Some("Reuters")),
            (
                "Von Katharina Schmidt Kategorien: Mode 6. November 2023",
                Some("Katharina Schmidt"),
            ),
            (
                "Glen Owen and Brendan Carlin for The Mail on Sunday",
                Some("Glen Owen and Brendan Carlin for The Mail on Sunday"),
            ),
            ("3 de Mayo de 2022", None),
            ("Dezember 10, 2019", None),
            ("Written by: Charnele Henry", Some("Charnele Henry")),
            (
                "Isabel Caro y José Wilson Hace 13 horas",
                Some("Isabel Caro y José Wilson"),
            ),
            ("Jane Roe | Valley Courier", Some("Jane Roe")),
            ("Jane Roe and John Doe", Some("Jane Roe and John Doe")),
            ("Associated Press", Some("Associated Press")),
            ("von wordpressadmin |", None),
            ("admin", None),
            ("anónimo", None),
        ] {
            assert_eq!(clean_byline(raw).as_deref(), byline, "{raw}");
        }
    }

    #[test]
    fn description_falls_back_to_meta_tags() {
        let page = Html::parse_document(
            r#"<head><meta name="description" content=" Plain summary. "></head><p>x</p>"#,
        );
        let m = from_page(&page);
        assert_eq!(m.description.as_deref(), Some("Plain summary."));
        assert_eq!(m.sources["description"], "meta description");
    }
}
