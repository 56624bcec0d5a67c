//! A corpus of nasty inputs built here, read in one batch: each bad item gets a clear error
//! naming it or a best-effort article, nothing panics or hangs, and the good items all come
//! through. (The fuzz targets in `fuzz/` look for more such inputs.)

use std::io::Write;
use std::time::Duration;

use crate::util::{gazette, json_stream};

const ARTICLE: &str = "<article><h1>Harbour reopens</h1>\
<p>The harbour of Westport reopened on Tuesday after three weeks of repairs, the port authority said, and the first ferries returned to the island.</p>\
<p>“We lost a month of trade,” said Mara Quint, who runs a fish stall on the quay. The repairs cost 2.4 million euros, the authority said.</p>\
<p>Engineers had found cracks in the harbour wall after the January storms, and divers spent a week checking the foundations.</p></article>";

fn page(title: &str, head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>{body}</body></html>"
    )
}

/// Bytes that look like nothing: a xorshift stream, NUL bytes included.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// A WARC response record holding `html`.
fn warc_record(n: usize, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{n:08x}-0000-0000-0000-000000000000>\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Target-URI: https://example.org/story/{n}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
    .into_bytes()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

#[test]
fn nasty_inputs_fail_alone_and_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    // Best effort expected: an article comes out. (The truncated page ends inside a tag.)
    put("good.html", page("Good", "", ARTICLE).as_bytes());
    let truncated = page("Truncated", "", ARTICLE);
    put(
        "truncated.html",
        &truncated.as_bytes()[..truncated.find("</article>").unwrap() + 5],
    );
    // 100,000 nested elements around the article (the parser's scope checks made this
    // quadratic: minutes before the depth cap).
    put(
        "deep.html",
        page(
            "Deep",
            "",
            &format!(
                "{}{ARTICLE}{}",
                "<div>".repeat(100_000),
                "</div>".repeat(100_000)
            ),
        )
        .as_bytes(),
    );
    // A 50 MB page: an inline script and an inline image around a short article.
    let big = page(
        "Big",
        &format!("<script>var state = \"{}\";</script>", "x".repeat(30 << 20)),
        &format!(
            "{ARTICLE}<img src=\"data:image/png;base64,{}\">",
            "QUJD".repeat(5 << 20)
        ),
    );
    assert!(big.len() > 50_000_000);
    put("big.html", big.as_bytes());
    // The page says UTF-8 but is windows-1252; another says Shift_JIS but is UTF-8.
    let mut latin =
        b"<html><head><meta charset=\"utf-8\"><title>Caf\xe9 owners protest</title></head><body>"
            .to_vec();
    latin.extend_from_slice(ARTICLE.replace(['“', '”'], "\"").as_bytes());
    latin.extend_from_slice(b"</body></html>");
    put("says-utf8.html", &latin);
    put(
        "says-sjis.html",
        page("Harbour “reopens”", "<meta charset=\"shift_jis\">", ARTICLE).as_bytes(),
    );
    // Impossible dates in metadata and text.
    put(
        "odd-dates.html",
        page(
            "Odd dates",
            "<meta property=\"article:published_time\" content=\"2020-02-30T25:61:00Z\">",
            &ARTICLE.replace("on Tuesday", "on February 30, 99999 at 24:61"),
        )
        .as_bytes(),
    );
    // A WARC.gz cut inside its last record: the records before the cut come through.
    let mut warc_gz: Vec<u8> = (1..=3)
        .flat_map(|n| gzip(&warc_record(n, &page(&format!("Crawled {n}"), "", ARTICLE))))
        .collect();
    let last = gzip(&warc_record(4, &page("Crawled 4", "", ARTICLE)));
    warc_gz.extend_from_slice(&last[..last.len() / 2]);
    put("crawl.warc.gz", &warc_gz);
    // A feed cut inside its third entry: the two complete entries come through.
    put(
        "cut.rss",
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title><item><title>Feed one</title><description>The harbour reopened on Tuesday, the port authority said.</description></item><item><title>Feed two</title><description>Ferries returned to the island on Wednesday.</description></item><item><title>Feed thr",
    );
    // A JSONL dump with a broken line between good ones, and a text that ends in a NUL
    // after a quotation mark (found by fuzzing: the quotation ran past the text).
    put(
        "dump.jsonl",
        b"{\"title\":\"One\",\"text\":\"The harbour reopened on Tuesday, the port authority said.\"}\n{\"title\": broken\n[1, 2]\n{\"title\":\"Two\",\"text\":\"Ferries returned to the island on Wednesday.\"}\n{\"title\":\"Three\",\"text\":\"The minister said on Tuesday that the talks had gone well. \\\"We stay here\\u0000\"}\n",
    );

    // Clear errors expected.
    put("noise.html", &noise(20_000));
    put(
        "photo.html",
        &[b"\x89PNG\r\n\x1a\n".as_slice(), &noise(1000)].concat(),
    );
    put("empty.html", b"   \n");
    put(
        "broken.rss",
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title><item><title>First <b>unclosed</title>",
    );
    put("corrupt.html.gz", b"\x1f\x8b\x08\x00not deflate at all");

    // A hang fails the test (the process is killed at the deadline).
    let out = gazette()
        .args(["analyze", "--format", "jsonl"])
        .arg(dir.path())
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    let (status, stdout) = (out.status, out.stdout);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status.code(), Some(1), "{stderr}");

    let name = |f: &str| dir.path().join(f).display().to_string();
    for (file, error) in [
        ("noise.html", "binary data"),
        ("photo.html", "binary data (PNG image), not an article"),
        ("empty.html", "empty input"),
        ("broken.rss", "unreadable feed"),
        ("corrupt.html.gz", "corrupt gzip data"),
    ] {
        assert!(
            stderr.contains(&format!("{}: {error}", name(file))),
            "{file}: {stderr}"
        );
    }
    assert!(
        stderr.contains(&format!("{}:2: invalid JSON", name("dump.jsonl"))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}:3: not a JSON object", name("dump.jsonl"))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{} record 4 <https://example.org/story/4>: corrupt gzip data",
            name("crawl.warc.gz")
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{} entry 3: feed cut or broken after its last complete entry",
            name("cut.rss")
        )),
        "{stderr}"
    );
    assert!(stderr.contains("9 input(s) failed"), "{stderr}");

    // Each input has its own title.
    let docs = json_stream(&stdout);
    let text_of = |title: &str| -> Vec<String> {
        docs.iter()
            .filter(|d| d["title"] == title)
            .map(|d| d["text"].as_str().unwrap().to_string())
            .collect()
    };
    for title in [
        "Good",
        "Deep",
        "Big",
        "Café owners protest",
        "Harbour “reopens”",
        "Odd dates",
    ] {
        let texts = text_of(title);
        assert_eq!(texts.len(), 1, "{title}: {stderr}");
        assert!(
            texts[0].contains("The harbour of Westport reopened")
                && texts[0].contains("divers spent a week"),
            "{title}: {}",
            texts[0]
        );
    }
    let truncated = text_of("Truncated");
    assert!(
        truncated.len() == 1 && truncated[0].contains("divers spent a week"),
        "{truncated:?}"
    );
    for n in 1..=3 {
        assert_eq!(text_of(&format!("Crawled {n}")).len(), 1, "{stderr}");
    }
    assert_eq!(
        text_of("One").len() + text_of("Two").len() + text_of("Three").len(),
        3,
        "{stderr}"
    );
    assert_eq!(
        text_of("Feed one").len() + text_of("Feed two").len(),
        2,
        "{stderr}"
    );
    let odd = docs.iter().find(|d| d["title"] == "Odd dates").unwrap();
    assert_eq!(odd["published"], serde_json::Value::Null);
    assert_eq!(docs.len(), 6 + 1 + 3 + 3 + 2, "{stderr}");
}
