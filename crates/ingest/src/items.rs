//! Containers: one input file may hold many articles (a WARC archive, a feed, a JSONL
//! dump, a news sitemap). [`read_items`] tells them apart by their content and hands
//! each article to the caller as an [`Item`], one at a time, so that archives of any
//! size are read in bounded memory.

use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use crate::{IngestError, MAX_INPUT_BYTES};

/// How many bytes are looked at to tell containers apart.
const SNIFF_BYTES: usize = 8192;

/// One article found in an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Names the article in messages: the path, plus the line, record or entry in a container.
    pub name: String,
    /// The article's content.
    pub content: Content,
    /// What the container says about the article.
    pub hints: Hints,
}

/// An article's content, as its container gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Bytes of a file or an archived HTTP response: decode with [`crate::decode_with_charset`]
    /// and tell HTML from text by their start.
    Bytes {
        /// The raw bytes.
        bytes: Vec<u8>,
        /// Charset named by the HTTP `Content-Type`, if any.
        charset: Option<String>,
    },
    /// A whole HTML page, already text.
    Html(String),
    /// An HTML fragment that holds only the article (a feed entry's content): no
    /// boilerplate to remove, only markup to drop.
    Fragment(String),
    /// The article text itself, verbatim.
    Text(String),
}

/// Metadata a container carries beside the article. Every field is optional; dates are
/// kept as written (RFC 3339 when the container parsed them) for the extractor to parse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// Where the hints come from, e.g. `rss item`, `warc response`, `jsonl`.
    pub source: &'static str,
    /// The article's URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Authors, as one line.
    pub byline: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// When the page was fetched (a WARC record's date): no publication date can be later.
    pub crawled: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Name of the outlet (the feed's or sitemap's publication name).
    pub site: Option<String>,
}

/// Kinds of input [`read_items`] recognizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// One article per file (HTML or text).
    Single,
    /// A WARC archive (plain or gzip), one article per HTML response.
    Warc,
    /// RSS, Atom or JSON Feed, one article per entry.
    Feed,
    /// A sitemap or news sitemap, one headline per entry that has a title.
    Sitemap,
    /// JSON Lines, one article per line.
    Jsonl,
}

/// Field names of a JSONL dump. Each list is tried in order; a name may be a dotted
/// path into nested objects (`meta.url`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlFields {
    /// Plain article text.
    pub text: Vec<String>,
    /// Raw HTML of the page (used when no text field is present).
    pub html: Vec<String>,
    /// URL.
    pub url: Vec<String>,
    /// Headline.
    pub title: Vec<String>,
    /// Publication date.
    pub date: Vec<String>,
    /// Author or authors (a string or a list of strings).
    pub author: Vec<String>,
    /// Record id, used in the item's name.
    pub id: Vec<String>,
}

impl Default for JsonlFields {
    fn default() -> Self {
        let v = |names: &[&str]| names.iter().map(|s| s.to_string()).collect();
        JsonlFields {
            text: v(&["text", "maintext", "content", "body", "article"]),
            html: v(&["html", "raw_html", "raw_content"]),
            url: v(&["url", "link", "source_url"]),
            title: v(&["title", "headline"]),
            date: v(&[
                "date",
                "published",
                "date_publish",
                "publish_date",
                "published_at",
                "pubdate",
                "datePublished",
            ]),
            author: v(&["author", "authors", "byline"]),
            id: v(&["id", "uuid", "_id"]),
        }
    }
}

/// How to read containers.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Field names of JSONL dumps.
    pub jsonl: JsonlFields,
}

/// An article that could not be read, named.
#[derive(Debug)]
pub struct ItemError {
    /// The item's name (see [`Item::name`]).
    pub name: String,
    /// What went wrong.
    pub error: IngestError,
}

/// What a reader hands to the caller: an article or a named failure.
pub type ItemResult = Result<Item, ItemError>;

/// Reads one input (a path, or `-` for standard input) and hands each article in it to
/// `sink`, in order. A bad entry in a container is reported through `sink` and reading
/// goes on; a container that cannot be read further (truncated archive) reports one
/// error and stops. Returns the kind of container found.
pub fn read_items(path: &Path, opts: &ReadOptions, sink: &mut dyn FnMut(ItemResult)) -> Container {
    let reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                sink(Err(ItemError {
                    name: display_name(path),
                    error: IngestError::Io(e),
                }));
                return Container::Single;
            }
        }
    };
    read_items_from(reader, path, opts, sink)
}

/// [`read_items`] over any byte stream; `path` names the input in errors and items and
/// its extension helps tell containers apart (`.jsonl`).
pub fn read_items_from(
    reader: Box<dyn Read + '_>,
    path: &Path,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(ItemResult),
) -> Container {
    let name = display_name(path);
    let fail = |e: IngestError| ItemError {
        name: name.clone(),
        error: e,
    };
    let (head, reader) = match peek(reader) {
        Ok(p) => p,
        Err(e) => {
            sink(Err(fail(e)));
            return Container::Single;
        }
    };
    let container = sniff_container(&head, path);
    let mut reader = BufReader::with_capacity(1 << 16, Cursor::new(head).chain(reader));
    match container {
        Container::Warc => crate::warc::read(&mut reader, &name, sink),
        Container::Jsonl => crate::jsonl::read(&mut reader, &name, &opts.jsonl, sink),
        Container::Single | Container::Feed | Container::Sitemap => {
            let mut bytes = Vec::new();
            match reader.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes) {
                Ok(_) if bytes.len() as u64 > MAX_INPUT_BYTES => {
                    sink(Err(fail(IngestError::TooLarge)))
                }
                Ok(_) => match container {
                    Container::Feed => crate::feed::read(&bytes, &name, sink),
                    Container::Sitemap => crate::sitemap::read(&bytes, &name, sink),
                    _ => sink(Ok(Item {
                        name: name.clone(),
                        content: Content::Bytes {
                            bytes,
                            charset: None,
                        },
                        hints: Hints::default(),
                    })),
                },
                Err(e) => sink(Err(fail(gzip_or_io(e)))),
            }
        }
    }
    container
}

/// The kind of container a file is, from its first bytes (standard input is not read:
/// it counts as [`Container::Single`]).
pub fn container_of(path: &Path) -> Container {
    if path.as_os_str() == "-" {
        return Container::Single;
    }
    match std::fs::File::open(path)
        .map_err(IngestError::Io)
        .and_then(|f| peek(Box::new(f)))
    {
        Ok((head, _)) => sniff_container(&head, path),
        Err(_) => Container::Single,
    }
}

fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

/// A read error from inside a gzip stream is corrupt data, not an I/O failure.
pub(crate) fn gzip_or_io(e: io::Error) -> IngestError {
    if matches!(
        e.kind(),
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
    ) {
        IngestError::Gzip(e)
    } else {
        IngestError::Io(e)
    }
}

/// Reads the first bytes (through gzip when the input is compressed) and returns them
/// with the rest of the stream.
fn peek<'a>(raw: Box<dyn Read + 'a>) -> Result<(Vec<u8>, Box<dyn Read + 'a>), IngestError> {
    let mut raw = BufReader::new(raw);
    let is_gzip = raw.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let mut stream: Box<dyn Read + 'a> = if is_gzip {
        Box::new(flate2::bufread::MultiGzDecoder::new(raw))
    } else {
        Box::new(raw)
    };
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    match (&mut stream)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
    {
        Ok(_) => Ok((head, stream)),
        // A stream cut short (a truncated .gz) still hands over what came before the cut;
        // the error follows it.
        Err(e) if !head.is_empty() => Ok((head, Box::new(Failing(Some(e))))),
        Err(e) => Err(gzip_or_io(e)),
    }
}

/// A stream whose next read fails with the error it holds (then ends).
struct Failing(Option<io::Error>);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

/// Tells containers apart by their first bytes (and, for JSONL, the file extension).
pub fn sniff_container(head: &[u8], path: &Path) -> Container {
    if head.starts_with(b"WARC/") {
        return Container::Warc;
    }
    let name = path.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let text = String::from_utf8_lossy(head);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') {
        if text.contains("jsonfeed.org/version") {
            return Container::Feed;
        }
        let first_line = start.lines().next().unwrap_or("");
        let one_object_per_line =
            serde_json::from_str::<serde_json::Value>(first_line).is_ok_and(|v| v.is_object());
        if one_object_per_line || name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            return Container::Jsonl;
        }
        return Container::Single;
    }
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        return Container::Jsonl;
    }
    if start.starts_with('<') {
        match root_element(start).as_deref() {
            Some("rss" | "feed" | "rdf:rdf" | "rdf") => return Container::Feed,
            Some("urlset" | "sitemapindex") => return Container::Sitemap,
            _ => {}
        }
    }
    Container::Single
}

/// Name of the first element of an XML document, lowercased, skipping the prolog,
/// comments, processing instructions and doctype.
fn root_element(xml: &str) -> Option<String> {
    let mut rest = xml;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = &r[r.find('>')? + 1..];
        } else if let Some(r) = rest.strip_prefix('<') {
            let end = r
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(r.len());
            return Some(r[..end].to_ascii_lowercase());
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_containers_apart() {
        let p = Path::new("x");
        assert_eq!(
            sniff_container(b"WARC/1.0\r\nWARC-Type: warcinfo", p),
            Container::Warc
        );
        assert_eq!(
            sniff_container(
                b"<?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\">",
                p
            ),
            Container::Feed
        );
        assert_eq!(
            sniff_container(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">", p),
            Container::Feed
        );
        assert_eq!(
            sniff_container(b"<?xml version=\"1.0\"?><urlset xmlns=\"x\">", p),
            Container::Sitemap
        );
        assert_eq!(
            sniff_container(
                b"{\n \"version\": \"https://jsonfeed.org/version/1.1\",\n \"items\": []}",
                p
            ),
            Container::Feed
        );
        assert_eq!(
            sniff_container(b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n", p),
            Container::Jsonl
        );
        assert_eq!(
            sniff_container(b"{\n \"text\": \"pretty\"\n}", Path::new("dump.jsonl.gz")),
            Container::Jsonl
        );
        assert_eq!(
            sniff_container(b"<!doctype html><html>", p),
            Container::Single
        );
        assert_eq!(
            sniff_container(b"Putin meets Assad\n\nText.", p),
            Container::Single
        );
    }
}
