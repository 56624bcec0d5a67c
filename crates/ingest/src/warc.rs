//! WARC archives (plain or gzip, as crawlers and Common Crawl write them), streamed
//! record by record with the `warc` crate: only one record body is in memory at a time,
//! and bodies of records that are not articles are skipped without being kept.
//!
//! Articles are `response` records holding a successful HTML response (the HTTP message
//! is parsed with `httparse`, its chunked or gzip transfer undone), `resource` records
//! holding HTML, and `conversion` records holding plain text (WET files).

use std::cell::Cell;
use std::io::{BufRead, Read};
use std::rc::Rc;

use warc::{RecordType, WarcHeader, WarcReader};

use crate::items::{Content, Hints, ItemError, ItemResult};
use crate::{IngestError, Item, MAX_INPUT_BYTES};

/// A reader that counts the bytes consumed, to tell a clean end of the archive from one
/// cut inside a record's headers (which the `warc` crate reports as a clean end).
struct Counted<R> {
    inner: R,
    consumed: Rc<Cell<u64>>,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed.set(self.consumed.get() + n as u64);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.consumed.set(self.consumed.get() + amt as u64);
        self.inner.consume(amt);
    }
}

pub(crate) fn read<R: BufRead>(reader: &mut R, name: &str, sink: &mut dyn FnMut(ItemResult)) {
    let consumed = Rc::new(Cell::new(0u64));
    let mut warc = WarcReader::new(Counted {
        inner: reader,
        consumed: Rc::clone(&consumed),
    });
    let mut records = warc.stream_records();
    let mut index = 0usize;
    // Where the last record read ends (headers, body and the closing CRLF CRLF).
    let mut end_of_last = 0u64;
    let truncated = |index: usize| ItemError {
        name: format!("{name} record {index}"),
        error: IngestError::Container(
            "WARC archive cut inside this record; the records before it were read".into(),
        ),
    };
    loop {
        let Some(next) = records.next_item() else {
            if consumed.get() > end_of_last + 4 {
                sink(Err(truncated(index + 1)));
            }
            return;
        };
        index += 1;
        let mut record = match next {
            Ok(r) => r,
            Err(e) => {
                sink(Err(ItemError {
                    name: format!("{name} record {index}"),
                    error: IngestError::Container(format!(
                        "corrupt WARC record ({e}); the rest of the archive is skipped"
                    )),
                }));
                return;
            }
        };
        let length = record.content_length();
        end_of_last = consumed.get() + length + 4;
        let kind = record.warc_type().clone();
        if !matches!(
            kind,
            RecordType::Response | RecordType::Resource | RecordType::Conversion
        ) {
            continue;
        }
        let url = record
            .header(WarcHeader::TargetURI)
            .map(|u| u.trim_matches(['<', '>']).to_string());
        let item_name = match &url {
            Some(u) => format!("{name} record {index} <{u}>"),
            None => format!("{name} record {index}"),
        };
        let record_type = record
            .header(WarcHeader::ContentType)
            .map(|c| c.to_ascii_lowercase())
            .unwrap_or_default();
        let hints = Hints {
            source: match kind {
                RecordType::Response => "warc response",
                RecordType::Resource => "warc resource",
                _ => "warc conversion",
            },
            url,
            crawled: record.header(WarcHeader::Date).map(|d| d.into_owned()),
            ..Hints::default()
        };
        // Only records that may be articles are read; the others are skipped unread.
        let wanted = match kind {
            RecordType::Response => record_type.starts_with("application/http"),
            RecordType::Resource => is_html_type(&record_type),
            _ => record_type.starts_with("text/plain"),
        };
        if !wanted {
            continue;
        }
        let mut body = Vec::new();
        if let Err(e) = (&mut record)
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut body)
        {
            sink(Err(ItemError {
                name: item_name,
                error: crate::items::gzip_or_io(e),
            }));
            return;
        }
        if (body.len() as u64) < length.min(MAX_INPUT_BYTES + 1) {
            sink(Err(truncated(index)));
            return;
        }
        if body.len() as u64 > MAX_INPUT_BYTES {
            sink(Err(ItemError {
                name: item_name,
                error: IngestError::TooLarge,
            }));
            continue;
        }
        let content = match kind {
            RecordType::Response => match http_body(&body) {
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
            RecordType::Resource => Content::Bytes {
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
