//! WARC archives (plain or gzip, as crawlers and Common Crawl write them), streamed
//! record by record: only one record body is in memory at a time, and bodies of records
//! that are not articles are skipped without being kept.
//!
//! Articles are `response` records holding a successful HTML response (the HTTP message
//! is parsed with `httparse`, its chunked or gzip transfer undone), `resource` records
//! holding HTML, and `conversion` records holding plain text (WET files).
//!
//! The record framing (a version line, `Name: value` fields, a blank line, then
//! `Content-Length` bytes) is read here rather than with the `warc` crate: its record
//! accessor panics on a header value that is not UTF-8 (a Latin-1 URL, found by the fuzz
//! target at once), and its buffered reading allocates whatever length a header claims.
//! Here field values are decoded leniently, and a body is never read further than
//! gazette's input limit.

use std::io::{self, BufRead, Read};

use crate::items::{Content, Hints, ItemError, ItemResult};
use crate::{IngestError, Item, MAX_INPUT_BYTES};

/// A header line or a whole header block longer than this is not WARC.
const MAX_HEADER_BYTES: u64 = 1 << 20;

/// A record's header fields: names lowercased, values decoded leniently and trimmed.
struct RecordHeader {
    fields: Vec<(String, String)>,
}

impl RecordHeader {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the stream holds next.
enum Next {
    Record(RecordHeader, u64),
    /// The archive ends cleanly.
    End,
    /// The archive ends inside a record's header.
    Cut,
    /// Not a WARC record: why.
    Corrupt(String),
}

/// One line (with its end) of at most `MAX_HEADER_BYTES`; empty at the end of the stream.
fn line<R: BufRead>(r: &mut R, buf: &mut Vec<u8>) -> io::Result<()> {
    buf.clear();
    r.take(MAX_HEADER_BYTES).read_until(b'\n', buf)?;
    Ok(())
}

fn next_header<R: BufRead>(r: &mut R) -> io::Result<Next> {
    let mut buf = Vec::new();
    // The blank lines that close the previous record (and any stray ones) come first.
    loop {
        line(r, &mut buf)?;
        if buf.is_empty() {
            return Ok(Next::End);
        }
        if !buf.iter().all(u8::is_ascii_whitespace) {
            break;
        }
    }
    if !buf.starts_with(b"WARC/") {
        return Ok(Next::Corrupt("no WARC version line".into()));
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut size = buf.len() as u64;
    loop {
        line(r, &mut buf)?;
        if buf.is_empty() || !buf.ends_with(b"\n") {
            return Ok(Next::Cut);
        }
        size += buf.len() as u64;
        if size > MAX_HEADER_BYTES {
            return Ok(Next::Corrupt("header block too long".into()));
        }
        let text = String::from_utf8_lossy(&buf);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        if text.starts_with([' ', '\t']) {
            // A folded line continues the field before it.
            match fields.last_mut() {
                Some((_, value)) => {
                    if !value.is_empty() {
                        value.push(' ');
                    }
                    value.push_str(text.trim());
                }
                None => return Ok(Next::Corrupt("continuation line before any field".into())),
            }
            continue;
        }
        let Some((name, value)) = text.split_once(':') else {
            return Ok(Next::Corrupt(format!(
                "header line without a colon: {text:?}"
            )));
        };
        fields.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let header = RecordHeader { fields };
    let length = match header.get("content-length").map(str::parse::<u64>) {
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            let value = header.get("content-length").unwrap_or_default();
            return Ok(Next::Corrupt(format!("bad Content-Length {value:?}")));
        }
        None => return Ok(Next::Corrupt("no Content-Length".into())),
    };
    Ok(Next::Record(header, length))
}

/// Skips `n` bytes; false when the stream ends first.
fn skip<R: BufRead>(r: &mut R, n: u64) -> io::Result<bool> {
    Ok(io::copy(&mut r.take(n), &mut io::sink())? == n)
}

pub(crate) fn read<R: BufRead>(reader: &mut R, name: &str, sink: &mut dyn FnMut(ItemResult)) {
    let truncated = |index: usize| ItemError {
        name: format!("{name} record {index}"),
        error: IngestError::Container(
            "WARC archive cut inside this record; the records before it were read".into(),
        ),
    };
    let io_error = |index: usize, e: io::Error| ItemError {
        name: format!("{name} record {index}"),
        error: crate::items::gzip_or_io(e),
    };
    let mut index = 0usize;
    loop {
        index += 1;
        let (header, length) = match next_header(reader) {
            Ok(Next::Record(h, n)) => (h, n),
            Ok(Next::End) => return,
            Ok(Next::Cut) => return sink(Err(truncated(index))),
            Ok(Next::Corrupt(why)) => {
                return sink(Err(ItemError {
                    name: format!("{name} record {index}"),
                    error: IngestError::Container(format!(
                        "corrupt WARC record ({why}); the rest of the archive is skipped"
                    )),
                }));
            }
            Err(e) => return sink(Err(io_error(index, e))),
        };
        let kind = header
            .get("warc-type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let record_type = header
            .get("content-type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        // Only records that may be articles are read; the others are skipped unread.
        let wanted = match kind.as_str() {
            "response" => record_type.starts_with("application/http"),
            "resource" => is_html_type(&record_type),
            "conversion" => record_type.starts_with("text/plain"),
            _ => false,
        };
        if !wanted {
            match skip(reader, length) {
                Ok(true) => continue,
                Ok(false) => return sink(Err(truncated(index))),
                Err(e) => return sink(Err(io_error(index, e))),
            }
        }
        let url = header
            .get("warc-target-uri")
            .map(|u| u.trim_matches(['<', '>']).to_string());
        let item_name = match &url {
            Some(u) => format!("{name} record {index} <{u}>"),
            None => format!("{name} record {index}"),
        };
        let hints = Hints {
            source: match kind.as_str() {
                "response" => "warc response",
                "resource" => "warc resource",
                _ => "warc conversion",
            },
            url,
            crawled: header.get("warc-date").map(str::to_string),
            ..Hints::default()
        };
        let mut body = Vec::new();
        if let Err(e) = reader
            .take(length.min(MAX_INPUT_BYTES + 1))
            .read_to_end(&mut body)
        {
            return sink(Err(ItemError {
                name: item_name,
                error: crate::items::gzip_or_io(e),
            }));
        }
        if (body.len() as u64) < length.min(MAX_INPUT_BYTES + 1) {
            return sink(Err(truncated(index)));
        }
        if body.len() as u64 > MAX_INPUT_BYTES {
            sink(Err(ItemError {
                name: item_name,
                error: IngestError::TooLarge,
            }));
            match skip(reader, length - body.len() as u64) {
                Ok(true) => continue,
                Ok(false) => return sink(Err(truncated(index))),
                Err(e) => return sink(Err(io_error(index, e))),
            }
        }
        let content = match kind.as_str() {
            "response" => match http_body(&body) {
                Ok(Some(c)) => c,
                Ok(None) => continue,
                Err(error) => {
                    sink(Err(ItemError {
                        name: item_name,
                        error,
                    }));
                    continue;
                }
            },
            "resource" => Content::Bytes {
                charset: charset_of(&record_type),
                bytes: body,
            },
            _ => Content::Text(String::from_utf8_lossy(&body).into_owned()),
        };
        sink(Ok(Item {
            name: item_name,
            content,
            hints,
        }));
    }
}

fn is_html_type(content_type: &str) -> bool {
    content_type.starts_with("text/html") || content_type.starts_with("application/xhtml")
}

fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// The HTML of a successful HTTP response, `None` for responses that are no article
/// (redirects, errors, images, scripts).
fn http_body(message: &[u8]) -> Result<Option<Content>, IngestError> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let head_len = match response.parse(message) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err(IngestError::Container("truncated HTTP headers".into()));
        }
        Err(e) => {
            return Err(IngestError::Container(format!("bad HTTP response: {e}")));
        }
    };
    if response.code != Some(200) {
        return Ok(None);
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let content_type = header("content-type").unwrap_or_default();
    // A response without a type is sniffed later; any other type than HTML is no article.
    if !content_type.is_empty() && !is_html_type(&content_type) {
        return Ok(None);
    }
    let mut body = message[head_len..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body)
            .ok_or_else(|| IngestError::Container("bad chunked transfer encoding".into()))?;
    }
    match header("content-encoding").as_deref().map(str::trim) {
        None | Some("" | "identity") => {}
        Some("gzip" | "x-gzip" | "deflate") => {
            let mut out = Vec::new();
            let read = if body.starts_with(&[0x1f, 0x8b]) {
                flate2::read::MultiGzDecoder::new(body.as_slice())
                    .take(MAX_INPUT_BYTES + 1)
                    .read_to_end(&mut out)
            } else {
                flate2::read::ZlibDecoder::new(body.as_slice())
                    .take(MAX_INPUT_BYTES + 1)
                    .read_to_end(&mut out)
            };
            read.map_err(IngestError::Gzip)?;
            body = out;
        }
        Some(other) => {
            return Err(IngestError::Container(format!(
                "HTTP body in unsupported content encoding {other:?}"
            )));
        }
    }
    Ok(Some(Content::Bytes {
        charset: charset_of(&content_type),
        bytes: body,
    }))
}

/// Undoes HTTP/1.1 chunked transfer coding; `None` when the chunk sizes are malformed.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = memchr::memmem::find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks_and_reads_charsets() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n").unwrap(),
            b"Hello, world"
        );
        assert_eq!(dechunk(b"zz\r\nHello"), None);
        assert_eq!(
            charset_of("text/html; charset=\"ISO-8859-1\""),
            Some("ISO-8859-1".into())
        );
        assert_eq!(charset_of("text/html"), None);
    }

    /// Reads an archive; returns the names of the articles and the errors, in order.
    fn read_all(archive: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        read(&mut &archive[..], "a.warc", &mut |item| {
            out.push(match item {
                Ok(item) => format!("ok {}", item.name),
                Err(e) => format!("error {}: {}", e.name, e.error),
            })
        });
        out
    }

    fn record(fields: &str, body: &[u8]) -> Vec<u8> {
        let mut r =
            format!("WARC/1.0\r\n{fields}Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        r.extend_from_slice(body);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    const PAGE: &[u8] =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Ferries returned.</p>";

    #[test]
    fn header_values_that_are_not_utf8_are_read() {
        // The input the fuzz target found: a Latin-1 byte in a header value (here the URL
        // and the record's type) made the `warc` crate panic.
        let mut archive = record(
            "WARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n",
            PAGE,
        );
        let at = archive.windows(9).position(|w| w == b"WARC-Type").unwrap();
        let mut latin = b"WARC-Target-URI: https://example.org/caf\xe9\r\n".to_vec();
        latin.extend_from_slice(&archive[at..]);
        archive.truncate(at);
        archive.extend_from_slice(&latin);
        assert_eq!(
            read_all(&archive),
            ["ok a.warc record 1 <https://example.org/caf\u{FFFD}>"]
        );
    }

    #[test]
    fn framing_errors_are_named_and_earlier_records_kept() {
        let good = record(
            "WARC-Type: response\r\nContent-Type:\r\n application/http\r\n",
            PAGE,
        );
        // Folded field values continue the field before them.
        assert_eq!(read_all(&good), ["ok a.warc record 1"]);
        // Skipped records (a request) need not be read.
        let request = record("WARC-Type: request\r\n", b"GET / HTTP/1.1\r\n\r\n");
        let both = [request.clone(), good.clone()].concat();
        assert_eq!(read_all(&both), ["ok a.warc record 2"]);
        // A length longer than the archive: cut, without allocating what it claims.
        let huge = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 999999999999999\r\n\r\nHTTP/1.1 200 OK\r\n";
        let out = read_all(&[good.clone(), huge.to_vec()].concat());
        assert_eq!(out[0], "ok a.warc record 1");
        assert!(
            out[1].starts_with("error a.warc record 2: WARC archive cut"),
            "{out:?}"
        );
        // Cut inside the header block.
        let out = read_all(&[good.clone(), b"WARC/1.0\r\nWARC-Type: resp".to_vec()].concat());
        assert!(
            out[1].starts_with("error a.warc record 2: WARC archive cut"),
            "{out:?}"
        );
        // Not a number, no length, no version line: corrupt, the rest skipped.
        for (bad, why) in [
            (
                &b"WARC/1.0\r\nContent-Length: -5\r\n\r\n"[..],
                "bad Content-Length \"-5\"",
            ),
            (
                b"WARC/1.0\r\nWARC-Type: response\r\n\r\n",
                "no Content-Length",
            ),
            (b"<html>not an archive</html>\r\n", "no WARC version line"),
        ] {
            let out = read_all(&[good.clone(), bad.to_vec(), good.clone()].concat());
            assert_eq!(out.len(), 2, "{out:?}");
            assert!(out[1].contains(why), "{out:?}");
        }
    }

    #[test]
    fn only_successful_html_responses_are_articles() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hi</p>";
        assert!(matches!(
            http_body(ok).unwrap(),
            Some(Content::Bytes { ref bytes, .. }) if bytes == b"<p>Hi</p>"
        ));
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert_eq!(http_body(redirect).unwrap(), None);
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert_eq!(http_body(image).unwrap(), None);
        assert!(http_body(b"garbage\r\n\r\n").is_err());
    }
}
