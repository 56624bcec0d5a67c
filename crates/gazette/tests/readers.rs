//! Containers: feeds, sitemaps, JSONL dumps and WARC archives each give one Doc per
//! article, with the container's metadata where the article has none, and a bad entry
//! named on stderr without losing the others.

use std::io::Write;
use std::path::Path;

use serde_json::Value;

use crate::util::{check_doc, gazette, json_stream, repo};

fn data(name: &str) -> std::path::PathBuf {
    repo().join("crates/gazette/tests/data").join(name)
}

/// Runs `gazette analyze --format jsonl` and returns (exit code, docs, stderr).
fn analyze(args: &[&str], inputs: &[&Path]) -> (Option<i32>, Vec<Value>, String) {
    let out = gazette()
        .args(["analyze", "--format", "jsonl"])
        .args(args)
        .args(inputs)
        .output()
        .unwrap();
    let docs = json_stream(&out.stdout);
    for d in &docs {
        check_doc(d);
    }
    (
        out.status.code(),
        docs,
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn rss_atom_and_json_feeds_give_one_doc_per_entry() {
    let (code, docs, stderr) = analyze(
        &[],
        &[&data("wire.rss"), &data("wire.atom"), &data("wire.json")],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(docs.len(), 5);

    // RSS with content:encoded: the full content, paragraphs and list items kept.
    let strike = &docs[0];
    assert_eq!(
        strike["title"],
        "Harbour workers end three-day strike in Bergen"
    );
    assert_eq!(strike["byline"], "Ingrid Haugen");
    assert_eq!(strike["site"], "Northern Wire");
    assert_eq!(strike["language"], "en");
    assert_eq!(
        strike["url"],
        "https://wire.example.org/2024/05/02/bergen-strike-ends"
    );
    // feed-rs gives the instant in UTC.
    assert_eq!(strike["published"], "2024-05-02T12:05:00+00:00");
    assert_eq!(strike["meta_sources"]["published"], "rss item date");
    let text = strike["text"].as_str().unwrap();
    assert_eq!(strike["dateline"], "BERGEN, Norway");
    assert!(text.starts_with("Dock workers in Bergen"), "{text}");
    assert!(
        text.contains("\n\nFerries resumed on Thursday afternoon."),
        "{text}"
    );
    assert!(!text.contains("<p>"), "{text}");
    // The quote layer runs on feed content like on any article.
    let quotes = strike["quotes"].as_array().unwrap();
    assert!(
        quotes
            .iter()
            .any(|q| q["speaker"]["canonical"] == "Kari Solberg"),
        "{quotes:?}"
    );

    // Summary only (escaped HTML), then a headline-only entry.
    assert!(
        docs[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("The Norwegian Meteorological Institute")
    );
    assert_eq!(docs[2]["title"], "Headline only: ferry timetable changes");
    assert_eq!(docs[2]["text"], "");
    assert!(
        stderr.contains(
            "wire.rss entry 3 <https://wire.example.org/2024/05/03/ferry-timetable>: warning"
        ),
        "{stderr}"
    );

    // Atom: HTML title made plain, published preferred over updated.
    let atom = &docs[3];
    assert_eq!(atom["title"], "Minister resigns over tender");
    assert_eq!(atom["published"], "2024-05-02T07:15:00+00:00");
    assert_eq!(atom["meta_sources"]["published"], "atom entry date");
    assert_eq!(atom["byline"], "Lars Berg");
    // JSON Feed.
    let json = &docs[4];
    assert_eq!(json["title"], "Turnout rises in local elections");
    assert_eq!(json["byline"], "Kari Nilsen");
    assert!(
        json["text"]
            .as_str()
            .unwrap()
            .starts_with("Turnout in Sunday's")
    );
}

#[test]
fn jsonl_lines_are_articles_and_bad_lines_are_named() {
    let (code, docs, stderr) = analyze(&["--jsonl-text", "maintext"], &[&data("dump.jsonl")]);
    assert_eq!(code, Some(1));
    assert_eq!(docs.len(), 2, "{stderr}");
    assert_eq!(docs[0]["title"], "Bridge reopens after repairs");
    assert_eq!(docs[0]["published"], "2024-05-07");
    assert_eq!(docs[0]["byline"], "Per Lie");
    assert_eq!(docs[0]["meta_sources"]["published"], "jsonl date");
    // Relative dates resolve against the line's own date.
    let timexes = docs[0]["timexes"].as_array().unwrap();
    assert!(
        timexes.iter().any(|t| t["value"] == "2024-05-07"),
        "{timexes:?}"
    );
    // The HTML field goes through main-text extraction and page metadata.
    assert_eq!(docs[1]["title"], "Salmon prices climb");
    assert_eq!(docs[1]["published"], "2024-05-08T08:00:00+00:00");
    assert!(stderr.contains("dump.jsonl:2: invalid JSON"), "{stderr}");
    assert!(
        stderr.contains("dump.jsonl:3 (id a3): no article text"),
        "{stderr}"
    );
    assert!(stderr.contains("2 input(s) failed"), "{stderr}");
}

#[test]
fn news_sitemap_entries_are_headlines() {
    let (code, docs, stderr) = analyze(&[], &[&data("news-sitemap.xml")]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(docs.len(), 1);
    assert_eq!(
        docs[0]["title"],
        "Government proposes lower fuel tax for fishing fleet"
    );
    assert_eq!(docs[0]["published"], "2024-05-09T06:45:00+02:00");
    assert_eq!(docs[0]["meta_sources"]["published"], "news sitemap date");
}

/// One WARC record with its headers and exact Content-Length.
fn record(kind: &str, uri: &str, content_type: &str, date: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\nWARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len() ^ uri.len(),
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut m = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    m.extend_from_slice(body);
    m
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

const PAGE: &str = r#"<html><head><title>Cod quota talks resume | Northern Wire</title>
<meta property="article:published_time" content="2025-06-01T00:00:00Z">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-13T18:00:00+01:00"}</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article>
<p>Negotiators from the European Union and Norway resumed talks on cod quotas in Tromsø on Wednesday, the Norwegian fisheries ministry said.</p>
<p>The talks broke down last week over access to waters around Svalbard, officials from both sides told reporters.</p></article>
<footer>Copyright Northern Wire</footer></body></html>"#;

fn crawl() -> Vec<Vec<u8>> {
    let latin1: Vec<u8> = "<html><body><article><p>Le café de la gare a rouvert mardi après des travaux, a indiqué la mairie de Genève dans un communiqué publié lundi soir.</p></article></body></html>"
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    let chunked = {
        let body = gzip(PAGE.as_bytes());
        let mut c = format!("{:x}\r\n", 10).into_bytes();
        c.extend_from_slice(&body[..10]);
        c.extend_from_slice(format!("\r\n{:x}\r\n", body.len() - 10).as_bytes());
        c.extend_from_slice(&body[10..]);
        c.extend_from_slice(b"\r\n0\r\n\r\n");
        c
    };
    let date = "2024-03-14T10:00:00Z";
    vec![
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            date,
            b"software: test\r\n",
        ),
        record(
            "request",
            "https://wire.example.org/cod",
            "application/http; msgtype=request",
            date,
            b"GET /cod HTTP/1.1\r\n\r\n",
        ),
        record(
            "response",
            "https://wire.example.org/cod",
            "application/http; msgtype=response",
            date,
            &http(
                "200 OK",
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                &chunked,
            ),
        ),
        record(
            "response",
            "https://wire.example.org/old",
            "application/http; msgtype=response",
            date,
            &http("301 Moved Permanently", "Location: /cod\r\n", b""),
        ),
        record(
            "response",
            "https://wire.example.org/logo.png",
            "application/http; msgtype=response",
            date,
            &http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG\r\n"),
        ),
        record(
            "response",
            "https://geneve.example.ch/cafe",
            "application/http; msgtype=response",
            date,
            &http(
                "200 OK",
                "Content-Type: text/html; charset=ISO-8859-1\r\n",
                &latin1,
            ),
        ),
        record(
            "response",
            "https://wire.example.org/broken",
            "application/http; msgtype=response",
            date,
            b"not an HTTP message\r\n\r\n",
        ),
    ]
}

#[test]
fn warc_archives_give_html_responses_with_url_and_crawl_date_bound() {
    let dir = tempfile::tempdir().unwrap();
    let records = crawl();
    let plain = dir.path().join("crawl.warc");
    std::fs::write(&plain, records.concat()).unwrap();
    // Crawlers gzip each record on its own; the members are concatenated.
    let gz = dir.path().join("crawl.warc.gz");
    std::fs::write(
        &gz,
        records.iter().map(|r| gzip(r)).collect::<Vec<_>>().concat(),
    )
    .unwrap();

    for file in [&plain, &gz] {
        let (code, docs, stderr) = analyze(&[], &[file]);
        assert_eq!(code, Some(1), "{stderr}");
        assert_eq!(docs.len(), 2, "{stderr}");
        let cod = &docs[0];
        assert_eq!(cod["url"], "https://wire.example.org/cod");
        assert_eq!(cod["meta_sources"]["url"], "warc response url");
        assert_eq!(cod["title"], "Cod quota talks resume");
        // The JSON-LD date; the meta tag's date lies after the crawl and is never taken.
        assert_eq!(cod["published"], "2024-03-13T18:00:00+01:00");
        assert!(
            cod["text"]
                .as_str()
                .unwrap()
                .starts_with("Negotiators from"),
            "{}",
            cod["text"]
        );
        assert!(!cod["text"].as_str().unwrap().contains("Copyright"));
        let cafe = &docs[1];
        assert!(
            cafe["text"]
                .as_str()
                .unwrap()
                .starts_with("Le café de la gare"),
            "{}",
            cafe["text"]
        );
        assert_eq!(cafe["language"], "fr");
        let name = file.display().to_string();
        assert!(
            stderr.contains(&format!(
                "{name} record 7 <https://wire.example.org/broken>: bad HTTP response"
            )),
            "{stderr}"
        );
    }

    // A truncated archive: the records before the cut are kept, the cut is named.
    let mut cut = records[..3].concat();
    let partial = &records[5];
    cut.extend_from_slice(&partial[..partial.len() / 2]);
    let truncated = dir.path().join("truncated.warc");
    std::fs::write(&truncated, cut).unwrap();
    let (code, docs, stderr) = analyze(&[], &[&truncated]);
    assert_eq!(code, Some(1));
    assert_eq!(docs.len(), 1, "{stderr}");
    assert!(stderr.contains("truncated.warc record 4"), "{stderr}");
}

#[test]
fn date_bounds_reject_implausible_dates() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(&page, PAGE).unwrap();
    let (_, docs, _) = analyze(&["--max-date", "2024-03-01"], &[&page]);
    assert_eq!(
        docs[0]["published"],
        Value::Null,
        "{}",
        docs[0]["published"]
    );
    let (_, docs, _) = analyze(&["--min-date", "2025-01-01"], &[&page]);
    assert_eq!(docs[0]["published"], "2025-06-01T00:00:00+00:00");
    let (code, _, stderr) = analyze(&["--min-date", "yesterday"], &[&page]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("--min-date"), "{stderr}");
}

#[test]
fn a_news_sitemap_beside_pages_dates_the_pages_it_lists() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("page.html"),
        r#"<html><head><title>Government proposes lower fuel tax</title>
        <link rel="canonical" href="https://wire.example.org/2024/fuel-tax/"></head><body><article>
        <p>The government proposed on Thursday to lower the fuel tax for the fishing fleet, the finance ministry said in a statement.</p>
        <p>The proposal goes to parliament next week, where the coalition holds a narrow majority.</p></article></body></html>"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("news-sitemap.xml"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://wire.example.org/2024/fuel-tax</loc><news:news>
    <news:publication><news:name>Northern Wire</news:name><news:language>en</news:language></news:publication>
    <news:publication_date>2024-05-09T06:45:00+02:00</news:publication_date>
    <news:title>Government proposes lower fuel tax for fishing fleet</news:title></news:news></url>
</urlset>"#,
    )
    .unwrap();
    let (code, docs, stderr) = analyze(&[], &[dir.path()]);
    assert_eq!(code, Some(0), "{stderr}");
    // One Doc: the page, dated by the sitemap; the sitemap is no Doc of its own.
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert_eq!(docs[0]["published"], "2024-05-09T06:45:00+02:00");
    assert_eq!(docs[0]["meta_sources"]["published"], "news sitemap date");
    assert_eq!(docs[0]["site"], "Northern Wire");
    // "on Thursday" resolves against the sitemap's date.
    let timexes = docs[0]["timexes"].as_array().unwrap();
    assert!(
        timexes.iter().any(|t| t["value"] == "2024-05-09"),
        "{timexes:?}"
    );
}
