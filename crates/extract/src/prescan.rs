//! A byte-level pass before HTML parsing that drops the elements the extractor never
//! reads (`<script>` except JSON-LD, `<style>`, `<svg>`, `<noscript>`, `<template>`, form
//! fields, `<link>`s other than the canonical one) and comments, and every attribute the
//! extractor never reads (all but a short list: `class`, `id`, `itemprop`, `content`, ...;
//! a link's `href` only for Markdown); indentation between tags becomes one character.
//! More than half of a news page's bytes are code and style sheets, and most of the rest
//! sits inside tags; handing the parser a page without them spares it most of its work
//! and changes nothing else: the other elements stay, with every attribute the extractor
//! looks at.

use std::borrow::Cow;

/// The page without its scripts (except JSON-LD), style sheets and the other elements it
/// never reads; with `templates`, scripts that hold HTML templates become `<div>`s of
/// their markup; with `links`, links keep their targets (for Markdown).
pub(crate) fn strip_code(html: &str, templates: bool, links: bool) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = Rewrite {
        html,
        out: None,
        copied: 0,
    };
    let mut from = 0;
    let mut depth = Depth::default();
    // The pieces of a slimmed tag, reused from tag to tag.
    let mut kept: Vec<&str> = Vec::new();
    // Where the text since the last tag (or comment) begins, and how many elements that
    // keep their whitespace as written are open.
    let mut text_start = 0;
    let mut preformatted = 0usize;
    while let Some(i) = memchr::memchr(b'<', &bytes[from..]).map(|i| from + i) {
        from = i + 1;
        let Some(&next) = bytes.get(i + 1) else {
            break;
        };
        if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!')) {
            continue; // "1 < 2": text
        }
        // The indentation between two tags is one whitespace character to the extractor,
        // which collapses runs of it, and a sixth of what is left of a page for the parser.
        if preformatted == 0 && i - text_start > 1 {
            let between = &bytes[text_start..i];
            if between.iter().all(u8::is_ascii_whitespace) {
                let one = if between.contains(&b'\n') { "\n" } else { " " };
                out.replace(text_start, i, &[one]);
            }
        }
        if bytes[i + 1..].starts_with(b"!--") {
            let Some(end) = memchr::memmem::find(&bytes[i + 4..], b"-->").map(|j| i + 4 + j + 3)
            else {
                break;
            };
            out.replace(i, end, &[]);
            (from, text_start) = (end, end);
            continue;
        }
        if next == b'/' || next == b'!' {
            let end = memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len(), |j| i + j + 1);
            let name = tag_name(&bytes[i + 2..]);
            if next == b'/' && depth.close(name) {
                out.replace(i, end, &[]);
            }
            if next == b'/' && keeps_whitespace(name) {
                preformatted = preformatted.saturating_sub(1);
            }
            (from, text_start) = (end, end);
            continue;
        }
        let Some(tag) = DROPPED
            .iter()
            .find(|t| starts_with_ignore_case(&bytes[i + 1..], t.as_bytes()))
        else {
            let name = tag_name(&bytes[i + 1..]);
            // Style sheets, preloads and icons; form fields.
            if name.eq_ignore_ascii_case(b"input")
                || (name.eq_ignore_ascii_case(b"link") && !is_canonical_link(&bytes[i..]))
            {
                if let Some((len, _)) = slim_tag(&html[i..], links, &mut kept) {
                    out.replace(i, i + len, &[]);
                    (from, text_start) = (i + len, i + len);
                    continue;
                }
            }
            if keeps_whitespace(name) {
                preformatted += 1;
            }
            if !depth.open(name) {
                let end = memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len(), |j| i + j + 1);
                out.replace(i, end, &[]);
                (from, text_start) = (end, end);
            } else if let Some((len, slimmed)) = slim_tag(&html[i..], links, &mut kept) {
                if slimmed {
                    out.replace(i, i + len, &kept);
                }
                // Past the whole tag: a `<` inside an attribute's value is no tag.
                (from, text_start) = (i + len, i + len);
            }
            continue;
        };
        let after_name = i + 1 + tag.len();
        // `<scripts>` or `<style-x>` are other elements.
        if !bytes
            .get(after_name)
            .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        {
            continue;
        }
        let Some(open_end) = memchr::memchr(b'>', &bytes[after_name..]).map(|j| after_name + j + 1)
        else {
            break;
        };
        // JSON-LD stays as it is, markup in its strings too.
        if *tag == "script" && is_json_ld(&bytes[after_name..open_end]) {
            from = find_close(&bytes[open_end..], b"script").map_or(open_end, |j| open_end + j);
            text_start = from;
            continue;
        }
        // Blogger and others ship the article as an HTML template inside a script that
        // scripts then show: it is parsed as the markup it is.
        if templates && *tag == "script" && is_html_template(&bytes[after_name..open_end]) {
            if let Some(close) = find_close(&bytes[open_end..], b"script").map(|j| open_end + j) {
                let close_end =
                    memchr::memchr(b'>', &bytes[close..]).map_or(bytes.len(), |j| close + j + 1);
                out.replace(i, close_end, &["<div>", &html[open_end..close], "</div>"]);
                (from, text_start) = (close_end, close_end);
                continue;
            }
        }
        // The element ends at the first `</script` or `</style`, as the HTML tokenizer
        // says; without one, the rest of the page is left alone.
        let Some(close) = find_close(&bytes[open_end..], tag.as_bytes()).map(|j| open_end + j)
        else {
            break;
        };
        let close_end =
            memchr::memchr(b'>', &bytes[close..]).map_or(bytes.len(), |j| close + j + 1);
        out.replace(i, close_end, &[]);
        (from, text_start) = (close_end, close_end);
    }
    out.finish()
}

/// Elements may nest this deep; deeper start tags (and their end tags) are dropped, their
/// text kept. The parser checks the stack of open elements at each start tag, so a page of
/// 200,000 nested `<div>`s took it minutes; browsers cap the depth too (Blink at 512).
const MAX_DEPTH: usize = 512;

/// The nesting depth of the page so far, counted over elements that only their end tag
/// closes (void elements, those closed implicitly such as `<p>` and `<li>`, and the
/// dropped code elements do not count).
#[derive(Default)]
struct Depth {
    open: usize,
    /// Start tags dropped and not yet closed, by lowercased name.
    dropped: Vec<(Vec<u8>, usize)>,
}

impl Depth {
    /// Counts a start tag; false when it is too deep and must be dropped.
    fn open(&mut self, name: &[u8]) -> bool {
        if !nests(name) {
            return true;
        }
        if self.open < MAX_DEPTH {
            self.open += 1;
            return true;
        }
        let name = name.to_ascii_lowercase();
        match self.dropped.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => self.dropped.push((name, 1)),
        }
        false
    }

    /// Counts an end tag; true when its start tag was dropped, so it must be too.
    fn close(&mut self, name: &[u8]) -> bool {
        if !nests(name) {
            return false;
        }
        if let Some((_, count)) = self
            .dropped
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .filter(|(_, c)| *c > 0)
        {
            *count -= 1;
            return true;
        }
        self.open = self.open.saturating_sub(1);
        false
    }
}

/// The tag name at the start of `b` (after `<` or `</`).
fn tag_name(b: &[u8]) -> &[u8] {
    let end = b
        .iter()
        .position(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
        .unwrap_or(b.len());
    &b[..end]
}

/// Whether an element of this name stays open until its end tag. (Called at every tag
/// of the page: the name is lowercased once and matched, not compared with each name.)
fn nests(name: &[u8]) -> bool {
    const LONGEST: usize = 8; // "colgroup", "optgroup", "template"
    if name.is_empty() {
        return false;
    }
    if name.len() > LONGEST {
        return true;
    }
    let mut buf = [0u8; LONGEST];
    let lower = &mut buf[..name.len()];
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    !(DROPPED.iter().any(|n| n.as_bytes() == lower)
        || matches!(
            &*lower,
            b"area"
                | b"base"
                | b"br"
                | b"col"
                | b"embed"
                | b"hr"
                | b"img"
                | b"input"
                | b"link"
                | b"meta"
                | b"param"
                | b"source"
                | b"track"
                | b"wbr"
                | b"p"
                | b"li"
                | b"dt"
                | b"dd"
                | b"option"
                | b"optgroup"
                | b"tr"
                | b"td"
                | b"th"
                | b"thead"
                | b"tbody"
                | b"tfoot"
                | b"rb"
                | b"rt"
                | b"rp"
                | b"colgroup"
                | b"html"
                | b"head"
                | b"body"
        ))
}

/// Whether the `<link>` tag at the start of `tag` names the page's canonical URL.
fn is_canonical_link(tag: &[u8]) -> bool {
    let end = memchr::memchr(b'>', tag).unwrap_or(tag.len());
    tag[..end]
        .windows(b"canonical".len())
        .any(|w| w.eq_ignore_ascii_case(b"canonical"))
}

/// Whether an element keeps the whitespace of its text as written.
fn keeps_whitespace(name: &[u8]) -> bool {
    ["pre", "textarea", "listing", "xmp", "plaintext"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n.as_bytes()))
}

/// A page being rewritten: the new text is made only once something changes.
struct Rewrite<'a> {
    html: &'a str,
    out: Option<String>,
    /// The page is copied to `out` up to here.
    copied: usize,
}

impl<'a> Rewrite<'a> {
    /// Replaces `html[start..end]` (after everything since the last replacement) by `with`.
    fn replace(&mut self, start: usize, end: usize, with: &[&str]) {
        let html = self.html;
        let o = self
            .out
            .get_or_insert_with(|| String::with_capacity(html.len() / 2));
        o.push_str(&html[self.copied..start]);
        for piece in with {
            o.push_str(piece);
        }
        self.copied = end;
    }

    fn finish(self) -> Cow<'a, str> {
        match self.out {
            None => Cow::Borrowed(self.html),
            Some(mut o) => {
                o.push_str(&self.html[self.copied..]);
                Cow::Owned(o)
            }
        }
    }
}

/// Whether the extractor reads an attribute of this name on an element of this name:
/// the class and id hints, microdata and RDFa, `<meta>` and `<link>` fields, dates, the
/// language, hidden elements, and a link's target when links are kept.
fn read_attribute(element: &str, name: &str, links: bool) -> bool {
    const READ: &[&str] = &[
        "class",
        "id",
        "itemprop",
        "property",
        "name",
        "content",
        "http-equiv",
        "type",
        "rel",
        "lang",
        "xml:lang",
        "datetime",
        "pubdate",
        "title",
        "hidden",
        "aria-hidden",
        "role",
    ];
    if name.eq_ignore_ascii_case("href") {
        return element.eq_ignore_ascii_case("link")
            || (links && element.eq_ignore_ascii_case("a"));
    }
    READ.iter().any(|a| name.eq_ignore_ascii_case(a))
}

/// A start tag (at the start of `tag`) without the attributes the extractor does not
/// read: its length in the page, and whether it had any to drop, with `kept` then set to
/// the pieces of the slimmer tag; `None` when it is not a well-formed tag, which is then
/// left to the parser as it is.
fn slim_tag<'t>(tag: &'t str, links: bool, kept: &mut Vec<&'t str>) -> Option<(usize, bool)> {
    let b = tag.as_bytes();
    let mut i = 1;
    while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'>' | b'/') {
        i += 1;
    }
    let name_end = i;
    let element = &tag[1..name_end];
    kept.clear();
    kept.push(&tag[..name_end]);
    let mut dropped = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        match b.get(i) {
            None => return None,
            Some(b'>') => break,
            _ => {}
        }
        let attr_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let attr_name = &tag[attr_start..i];
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) == Some(&b'=') {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            match b.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = memchr::memchr(q, &b[j + 1..])?;
                    i = j + 1 + close + 1;
                }
                Some(_) => {
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    i = j;
                }
                None => return None,
            }
        }
        if attr_name.is_empty() {
            return None;
        }
        if read_attribute(element, attr_name, links) {
            kept.push(" ");
            kept.push(&tag[attr_start..i]);
        } else {
            dropped = true;
        }
    }
    kept.push(if b[..i].last() == Some(&b'/') {
        "/>"
    } else {
        ">"
    });
    Some((i + 1, dropped))
}

/// Parses a page as the extractor reads it: code and unread attributes dropped first.
pub(crate) fn parse(html: &str, links: bool) -> scraper::Html {
    scraper::Html::parse_document(&strip_code(html, false, links))
}

/// Elements dropped with their content.
const DROPPED: &[&str] = &["script", "style", "svg", "noscript", "template"];

fn starts_with_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn is_json_ld(open_tag: &[u8]) -> bool {
    open_tag
        .windows(b"ld+json".len())
        .any(|w| w.eq_ignore_ascii_case(b"ld+json"))
}

fn is_html_template(open_tag: &[u8]) -> bool {
    ["text/template"].iter().any(|t| {
        open_tag
            .windows(t.len())
            .any(|w| w.eq_ignore_ascii_case(t.as_bytes()))
    })
}

/// Offset of `</name` in `hay`, ignoring case.
fn find_close(hay: &[u8], name: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&hay[from..], b"</").map(|i| from + i) {
        if starts_with_ignore_case(&hay[i + 2..], name) {
            return Some(i);
        }
        from = i + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_unread_attributes_and_keeps_the_rest() {
        assert_eq!(
            strip_code(
                r#"<div class="story" data-x='{"a": ">"}' style="color: red" onclick=go()><img src=a.jpg srcset="a 1x, b 2x" alt="Putin"/><a href="/x" data-track>Link</a> 1 < 2 <p>Text</p></div>"#,
                false,
                false
            ),
            r#"<div class="story"><img/><a>Link</a> 1 < 2 <p>Text</p></div>"#
        );
        // Links keep their targets for Markdown; a `<link>` always does (the canonical URL).
        assert_eq!(
            strip_code(
                r#"<link rel=canonical href="/a" media=all><a href='/x' title=X target=_blank>Link</a>"#,
                false,
                true
            ),
            r#"<link rel=canonical href="/a"><a href='/x' title=X>Link</a>"#
        );
        // Tags with nothing to drop, and broken tags, are left as they are.
        assert!(matches!(
            strip_code("<p class=x>Hi</p>", false, false),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            strip_code("<p data-x=\"unclosed>Hi</p>", false, false),
            "<p data-x=\"unclosed>Hi</p>"
        );
    }

    #[test]
    fn every_attribute_the_extractor_reads_survives_the_pass() {
        // The pass keeps a list of attributes: code that reads another one would find it
        // gone. Every `attribute("...")` call and attribute selector of the crate is on
        // the list.
        let sources = [
            include_str!("html.rs"),
            include_str!("page.rs"),
            include_str!("pubdate.rs"),
            include_str!("metadata.rs"),
            include_str!("lib.rs"),
            include_str!("classify.rs"),
        ];
        let calls = regex::Regex::new(r#"\.(?:attr|attribute)\("([A-Za-z:-]+)"\)"#).unwrap();
        let selectors =
            regex::Regex::new(r#"Selector::parse\(\s*r?#?"([^"]*)"|selector\(\s*r?#?"([^"]*)""#)
                .unwrap();
        let in_selector = regex::Regex::new(r"\[([A-Za-z:-]+)").unwrap();
        let mut read = Vec::new();
        for src in sources {
            read.extend(calls.captures_iter(src).map(|c| c[1].to_string()));
            for c in selectors.captures_iter(src) {
                let s = c.get(1).or(c.get(2)).unwrap().as_str();
                read.extend(in_selector.captures_iter(s).map(|a| a[1].to_string()));
            }
        }
        assert!(read.len() > 20, "{read:?}");
        for name in &read {
            // `href` is read on links for Markdown, and on `<link>` always.
            assert!(
                read_attribute("a", name, true)
                    && (name == "href" || read_attribute("a", name, false)),
                "the pass drops {name}, which the extractor reads"
            );
        }
    }

    #[test]
    fn caps_nesting_depth_and_keeps_the_text() {
        let n = MAX_DEPTH + 100;
        let page = format!(
            "<body>{}<p>Deep text</p>{}<p>After</p></body>",
            "<div class=x>".repeat(n),
            "</div>".repeat(n)
        );
        let out = strip_code(&page, false, false);
        assert_eq!(out.matches("<div").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("<p>Deep text</p>") && out.ends_with("<p>After</p></body>"));
        // Implicitly closed elements do not count: a long list stays whole.
        let list = format!("<ul>{}</ul>", "<li>item".repeat(n));
        assert_eq!(strip_code(&list, false, false).matches("<li>").count(), n);
    }

    #[test]
    fn indentation_between_tags_is_one_character_except_in_preformatted_text() {
        let page = "<ul>\n    <li>One  two</li>  <li>Three</li>\n\t</ul><pre>\n  <b>x</b>\n    <b>y</b></pre>\n\n<p>1 <  2</p>";
        assert_eq!(
            strip_code(page, false, false),
            "<ul>\n<li>One  two</li> <li>Three</li>\n</ul><pre>\n  <b>x</b>\n    <b>y</b></pre>\n<p>1 <  2</p>"
        );
    }

    #[test]
    fn drops_code_but_keeps_json_ld_and_text() {
        let page = r#"<head><SCRIPT>var a = "<p>not text</p>";</SCRIPT><!-- <p>a comment</p> --><style>p{color:red}</style>
<link rel="stylesheet" href="a.css"><LINK REL="Canonical" href="https://example.com/a">
<script type="application/ld+json">{"@type":"NewsArticle"}</script><scripts>kept</scripts></head>
<body><p>Text é</p><script src="x.js"></script><svg><path d="M0"/></svg><p>More<input value="a>b"></p></body>"#;
        assert_eq!(
            strip_code(page, false, false),
            r#"<head>
<LINK REL="Canonical" href="https://example.com/a">
<script type="application/ld+json">{"@type":"NewsArticle"}</script><scripts>kept</scripts></head>
<body><p>Text é</p><p>More</p></body>"#
        );
        assert!(matches!(
            strip_code("<p>no code</p>", false, false),
            Cow::Borrowed(_)
        ));
        // Templates in scripts are markup.
        assert_eq!(
            strip_code(
                "<div><script type='text/template'><p>Post text</p></script></div>",
                true,
                false
            ),
            "<div><div><p>Post text</p></div></div>"
        );
        // An unclosed script keeps the rest of the page as it is.
        assert_eq!(
            strip_code("<p>a</p><script>x = 1", false, false),
            "<p>a</p><script>x = 1"
        );
    }
}
