/*!
Readers: from paths, directories and standard input to decoded article inputs.

This is the only crate that knows about bytes, encodings and containers. It gives
each input a name (its path, or `-`), decompresses gzip, refuses binary files with a
clear reason, decodes legacy encodings with `encoding_rs` (the HTML `<meta charset>`
first, then `chardetng`'s guess), and tells HTML from plain text.

```
use gazette_ingest::{decode, Format};

let input = decode(b"<!doctype html><title>Sochi</title><p>Putin met Assad.</p>").unwrap();
assert_eq!(input.format, Format::Html);
let latin1 = decode(b"Caf\xe9 in Z\xfcrich").unwrap();
assert_eq!(latin1.text, "Café in Zürich");
```
*/
#![deny(missing_docs)]

mod feed;
mod items;
mod jsonl;
mod sitemap;
mod warc;

pub use items::{
    Container, Content, Hints, Item, ItemError, ItemResult, JsonlFields, ReadOptions, container_of,
    read_items, read_items_from, sniff_container,
};

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;

/// Largest input accepted after decompression; larger files are refused rather than
/// exhausting memory (a news article is rarely over a few MB of HTML).
pub const MAX_INPUT_BYTES: u64 = 64 << 20;

/// What kind of document the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
}

/// A decoded input, ready for extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The input as text.
    pub text: String,
    /// Detected format.
    pub format: Format,
    /// Name of the encoding it was decoded from (e.g. `UTF-8`, `windows-1252`).
    pub encoding: &'static str,
}

/// Why an input could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file or stream could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
    /// A gzip stream that does not decompress.
    #[error("corrupt gzip data: {0}")]
    Gzip(io::Error),
    /// Binary data that is not text in any encoding.
    #[error("binary data ({0}), not an article")]
    Binary(&'static str),
    /// Over [`MAX_INPUT_BYTES`].
    #[error("input larger than {} MiB", MAX_INPUT_BYTES >> 20)]
    TooLarge,
    /// Nothing but whitespace.
    #[error("empty input")]
    Empty,
    /// A container (WARC, feed, sitemap, JSONL line) that does not hold a readable article.
    #[error("{0}")]
    Container(String),
}

/// Expands the command-line inputs: files stay as they are, directories are walked
/// recursively (files in sorted order, hidden files skipped), `-` means standard input.
/// A directory entry that cannot be read is returned as an error in its place, so the
/// caller can report it and go on.
pub fn expand_inputs(args: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, IngestError)>> {
    let mut out = Vec::new();
    for arg in args {
        if arg.is_dir() {
            let walker = walkdir::WalkDir::new(arg)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() => out.push(Ok(e.into_path())),
                    Ok(_) => {}
                    Err(e) => {
                        let path = e
                            .path()
                            .map(Path::to_path_buf)
                            .unwrap_or_else(|| arg.clone());
                        out.push(Err((path, IngestError::Io(e.into()))));
                    }
                }
            }
        } else {
            out.push(Ok(arg.clone()));
        }
    }
    out
}

/// Reads a file, or standard input for `-`, into bytes (decompressing gzip).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, IngestError> {
    let raw = if path.as_os_str() == "-" {
        read_limited(io::stdin().lock())?
    } else {
        read_limited(std::fs::File::open(path)?)?
    };
    gunzip_if_needed(raw)
}

/// Reads and decodes a file, or standard input for `-`.
pub fn read_path(path: &Path) -> Result<Decoded, IngestError> {
    decode(&read_bytes(path)?)
}

fn read_limited(r: impl Read) -> Result<Vec<u8>, IngestError> {
    let mut buf = Vec::new();
    r.take(MAX_INPUT_BYTES + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > MAX_INPUT_BYTES {
        return Err(IngestError::TooLarge);
    }
    Ok(buf)
}

/// Decompresses gzip data (recognized by its magic bytes); other data is returned as is.
pub fn gunzip_if_needed(raw: Vec<u8>) -> Result<Vec<u8>, IngestError> {
    if !raw.starts_with(&[0x1f, 0x8b]) {
        return Ok(raw);
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(raw.as_slice())
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(IngestError::Gzip)?;
    if out.len() as u64 > MAX_INPUT_BYTES {
        return Err(IngestError::TooLarge);
    }
    Ok(out)
}

/// Decodes bytes to text and detects the format.
pub fn decode(bytes: &[u8]) -> Result<Decoded, IngestError> {
    decode_with_charset(bytes, None)
}

/// Like [`decode`], with the charset a transport named (an HTTP `Content-Type`): a BOM
/// wins over it, and it wins over the page's own `<meta charset>` and any guess.
pub fn decode_with_charset(bytes: &[u8], charset: Option<&str>) -> Result<Decoded, IngestError> {
    if let Some(kind) = binary_signature(bytes) {
        return Err(IngestError::Binary(kind));
    }
    let declared = charset.and_then(|c| Encoding::for_label(c.trim().as_bytes()));
    let (text, encoding) = decode_text(bytes, declared)?;
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let format = sniff_format(&text);
    Ok(Decoded {
        text,
        format,
        encoding,
    })
}

fn decode_text(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<(String, &'static str), IngestError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok((text.into_owned(), enc.name()));
    }
    // NUL bytes never occur in text that is not UTF-16 (handled by the BOM above).
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Err(IngestError::Binary("contains NUL bytes"));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), encoding_rs::UTF_8.name()));
    }
    // A page that says UTF-8 but is not valid UTF-8 says nothing: guess.
    let enc = declared
        .or_else(|| declared_charset(head))
        .filter(|&e| e != encoding_rs::UTF_8)
        .unwrap_or_else(|| {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(None, chardetng::Utf8Detection::Allow)
        });
    let (text, _, _) = enc.decode(bytes);
    // Text in a wrong guess still decodes; data that is mostly control characters or
    // replacement characters is not text at all.
    let bad = text
        .chars()
        .take(8192)
        .filter(|c| *c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace()))
        .count();
    let sample = text.chars().take(8192).count().max(1);
    if bad * 10 > sample {
        return Err(IngestError::Binary("not text in any known encoding"));
    }
    Ok((text.into_owned(), enc.name()))
}

/// The encoding named by an HTML `<meta charset=...>` or `<meta content="...; charset=...">`
/// in the first bytes of a page. Only `<meta>` tags count: a `<script charset>` names its
/// script's encoding (archived pages put such scripts before the page's own head).
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"<meta") {
        let tag_start = from + i;
        let tag_end =
            memchr::memchr(b'>', &lower[tag_start..]).map_or(lower.len(), |e| tag_start + e);
        from = tag_end;
        let tag = &lower[tag_start..tag_end];
        let Some(c) = memchr::memmem::find(tag, b"charset") else {
            continue;
        };
        let mut j = c + b"charset".len();
        while j < tag.len() && matches!(tag[j], b' ' | b'=' | b'"' | b'\'') {
            j += 1;
        }
        let end = tag[j..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(tag.len(), |p| j + p);
        if let Some(enc) = Encoding::for_label(&tag[j..end]) {
            return Some(enc);
        }
    }
    None
}

fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x7fELF", "executable"),
        (b"RIFF", "RIFF media"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// Tells HTML from plain text by the start of the document.
pub fn sniff_format(text: &str) -> Format {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    if !head.starts_with('<') {
        return Format::Text;
    }
    const MARKERS: &[&str] = &[
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
        "<div",
        "<p>",
        "<p ",
        "<article",
        "<!--",
    ];
    if MARKERS.iter().any(|m| head.contains(m)) {
        Format::Html
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_html_and_text() {
        assert_eq!(sniff_format("  <!DOCTYPE html>\n<html>"), Format::Html);
        assert_eq!(sniff_format("<p>Short fragment</p>"), Format::Html);
        assert_eq!(
            sniff_format("Putin says he will talk to Trump\n\n<b>not html</b>"),
            Format::Text
        );
        assert_eq!(sniff_format("<Reuters> wire copy"), Format::Text);
    }

    #[test]
    fn decodes_declared_and_guessed_encodings() {
        let html = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf3\xf2\xe8\xed</body></html>";
        let d = decode(html).unwrap();
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.contains("Путин"));
        let d = decode(b"\xef\xbb\xbfBOM text").unwrap();
        assert_eq!(d.text, "BOM text");
        let utf16 = [0xff, 0xfe, b'h', 0, b'i', 0];
        assert_eq!(decode(&utf16).unwrap().text, "hi");
    }

    #[test]
    fn only_meta_tags_declare_the_page_charset() {
        // An archived page: the archive's scripts come first, each naming its own charset.
        let mut html = b"<html><head><script src=\"/wayback.js\" charset=\"utf-8\"></script>\
            <meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"/></head><body>"
            .to_vec();
        html.extend_from_slice(b"\xd6\xd0\xb9\xfa"); // "China" in GB2312
        html.extend_from_slice(b"</body></html>");
        let d = decode(&html).unwrap();
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.contains("\u{4e2d}\u{56fd}"), "{}", d.text);
        // A page that claims UTF-8 but is not: the bytes are guessed from.
        let mut html = b"<meta charset=\"utf-8\"><p>".to_vec();
        for _ in 0..20 {
            html.extend_from_slice(b"\xcf\xf3\xf2\xe8\xed \xe8 \xc0\xf1\xe0\xe4 \xe2\xf1\xf2\xf0\xe5\xf2\xe8\xeb\xe8\xf1\xfc. ");
        }
        let d = decode(&html).unwrap();
        assert_eq!(d.encoding, "windows-1251");
        assert!(
            d.text.contains("\u{041f}\u{0443}\u{0442}\u{0438}\u{043d}"),
            "{}",
            d.text
        );
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(matches!(
            decode(b"%PDF-1.4 ..."),
            Err(IngestError::Binary("PDF"))
        ));
        assert!(matches!(decode(b"abc\0def"), Err(IngestError::Binary(_))));
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i * 7919 % 32) as u8 + if i % 3 == 0 { 0x80 } else { 1 })
            .collect();
        assert!(
            matches!(decode(&noise), Err(IngestError::Binary(_))),
            "{:?}",
            decode(&noise).map(|d| d.encoding)
        );
        assert!(matches!(decode(b"  \n\t "), Err(IngestError::Empty)));
    }

    #[test]
    fn gunzips_and_reports_corrupt_gzip() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"Assad stayed for four hours.").unwrap();
        let packed = gz.finish().unwrap();
        assert_eq!(
            gunzip_if_needed(packed.clone()).unwrap(),
            b"Assad stayed for four hours."
        );
        let truncated = packed[..packed.len() / 2].to_vec();
        assert!(matches!(
            gunzip_if_needed(truncated),
            Err(IngestError::Gzip(_))
        ));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_decode_or_are_refused_without_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            match decode(&bytes) {
                Ok(d) => proptest::prop_assert!(!d.text.trim().is_empty()),
                Err(e) => proptest::prop_assert!(!e.to_string().is_empty()),
            }
            let _ = gunzip_if_needed(bytes);
        }
    }

    #[test]
    fn expands_directories_in_sorted_order_without_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for f in ["b.txt", "a.html", "sub/c.txt", ".hidden"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let got: Vec<String> = expand_inputs(&[dir.path().to_path_buf()])
            .into_iter()
            .map(|r| {
                r.unwrap()
                    .strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(got, ["a.html", "b.txt", "sub/c.txt"]);
    }
}
