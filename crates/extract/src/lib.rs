/*!
Extraction: from a decoded page or text file to a [`Doc`] holding the clean article text
and its metadata (title, byline, publication date, URL, language, site).

Three entry points, one per kind of input:

* [`from_html`]: main-text extraction from a web page (boilerplate removed) plus
  metadata from `<meta>` tags, JSON-LD and the page itself;
* [`from_text`]: a plain-text article whose first line is the title (when it reads as
  a headline); trailing page furniture ("Other news", share and subscribe lines) is dropped;
* [`from_body`]: the input verbatim as the article text, so offsets refer to it exactly.

Extraction never fails: messy input yields a Doc (maybe with empty text) and
[`Extracted::warnings`] saying what went wrong.

```
use gazette_extract::{from_text, Options};

let ex = from_text("Putin meets Assad\n\nThe two leaders met in Sochi.\n\nOther news\n", &Options::default());
assert_eq!(ex.doc.meta.title.as_deref(), Some("Putin meets Assad"));
assert_eq!(ex.doc.text(), "The two leaders met in Sochi.");
```
*/
#![deny(missing_docs)]

pub mod classify;
mod dates;
mod html;
mod language;
mod metadata;
mod page;
mod prescan;
mod pubdate;
mod text;

use chrono::NaiveDate;
use gazette_doc::{Doc, Meta, Published};

pub use dates::parse_date;
pub use language::code_of_tag as language_code;
pub use text::is_furniture;

/// What the caller knows about the input beyond its content.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Publication date to use when the input does not carry one.
    pub published: Option<Published>,
    /// URL to use when the input does not name its own.
    pub url: Option<String>,
    /// Metadata from the input's container (a feed entry, a WARC record, a JSONL line),
    /// with the signal of each field in its `sources`: used for fields the page itself
    /// does not give.
    pub container: Meta,
    /// Dates before this are not publication dates (e.g. `1995-01-01`).
    pub min_date: Option<NaiveDate>,
    /// Dates after this are not publication dates (e.g. the crawl date).
    pub max_date: Option<NaiveDate>,
    /// Also render the body as Markdown ([`Extracted::markdown`]).
    pub markdown: bool,
    /// Leave out the learned block classifier (the hand-set rules alone), to measure it.
    pub heuristics_only: bool,
}

impl Options {
    /// Whether a date is within the plausible range.
    pub fn plausible(&self, date: NaiveDate) -> bool {
        self.min_date.is_none_or(|m| date >= m) && self.max_date.is_none_or(|m| date <= m)
    }
}

/// An extracted article and what went wrong on the way.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// Text and metadata; no span layers yet.
    pub doc: Doc,
    /// Problems that did not stop extraction (e.g. "no main text found").
    pub warnings: Vec<String>,
    /// The body as Markdown (headings, lists, links, emphasis kept), when
    /// [`Options::markdown`] asked for it; for plain-text inputs it is the text itself.
    pub markdown: Option<String>,
}

/// Extracts the article from an HTML page.
pub fn from_html(page: &str, opts: &Options) -> Extracted {
    let model = if opts.heuristics_only {
        None
    } else {
        classify::bundled()
    };
    from_html_with(page, opts, model)
}

/// Like [`from_html`] with a given block classifier (or none), e.g. one being trained.
pub fn from_html_with(
    page: &str,
    opts: &Options,
    model: Option<&classify::BlockModel>,
) -> Extracted {
    let parsed = prescan::parse(page, opts.markdown);
    let index = page::PageIndex::new(&parsed);
    let mut meta = metadata::from_index(&parsed, &index);
    let url = opts.url.as_deref().or(meta.url.as_deref());
    if let Some(found) =
        pubdate::find(&parsed, &index, url, opts).or_else(|| pubdate::source_date(page, opts))
    {
        meta.offer_published(found.date, &found.signal);
    }
    let mut body = html::main_text(&parsed, &meta, opts.markdown, model);
    if body.text.is_empty() {
        // Some platforms (Blogger) ship the article as an HTML template in a script
        // that scripts then show: with no text found elsewhere, look there.
        let unwrapped = prescan::strip_code(page, true, opts.markdown);
        if unwrapped.len() != page.len() {
            let reparsed = scraper::Html::parse_document(&unwrapped);
            body = html::main_text(&reparsed, &meta, opts.markdown, model);
        }
    }
    // Pages that scripts fill in (single-page apps) may hold the article only in their
    // JSON-LD: when that text is more than twice what the page shows, it is the article.
    if let Some(ld) = metadata::json_ld_article_body(&index) {
        // (The page's own blocks lose their invisible characters as they are read.)
        let ld = visible(ld);
        let paragraphs: Vec<String> = ld
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        let text = paragraphs.join("\n\n");
        if text.chars().count() >= 200 && text.chars().count() > 2 * body.text.chars().count() {
            meta.sources
                .insert("text".into(), "json-ld articleBody".into());
            body.markdown = body.markdown.map(|_| html::markdown_escaped(&text));
            body.text = text;
        }
    }
    finish_html(body, meta, opts, "no main text found")
}

/// The end of HTML extraction: a warning when no text was found, the dateline taken
/// out, the metadata completed.
fn finish_html(mut body: html::Body, mut meta: Meta, opts: &Options, empty: &str) -> Extracted {
    // One spelling for one text: pages mix composed and decomposed letters ("ü" as one
    // code point or two; Bengali "য়"), which would make equal words differ; the metadata
    // also hides break hints in words (soft hyphens), which the body's blocks lost as they
    // were read.
    body.text = nfc(body.text);
    body.markdown = body.markdown.map(nfc);
    for field in [
        &mut meta.title,
        &mut meta.byline,
        &mut meta.site,
        &mut meta.description,
    ] {
        if let Some(value) = field.take() {
            *field = Some(nfc(visible(value)));
        }
    }
    let mut warnings = Vec::new();
    if body.text.is_empty() {
        warnings.push(empty.to_string());
    }
    take_dateline(&mut body.text, body.markdown.as_mut(), &mut meta);
    finish(&body.text, &mut meta, opts);
    Extracted {
        doc: Doc::new(body.text, meta),
        warnings,
        markdown: body.markdown,
    }
}

/// The text without invisible break hints ([`html::without_invisible`]; returned as is
/// when it has none).
fn visible(text: String) -> String {
    match html::without_invisible(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(visible) => visible,
    }
}

/// The text in Unicode normalization form C (returned as is when it already is, as most
/// text is: the quick check decides without allocating).
fn nfc(text: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
}

/// For development: every text block of a page, one per line.
#[doc(hidden)]
pub fn debug_all_blocks(page: &str) -> String {
    let parsed = prescan::parse(page, false);
    html::all_text(&parsed, false).text
}

/// For development: which skipped element hides a text.
#[doc(hidden)]
pub fn debug_skipped_ancestor(page: &str, needle: &str) -> String {
    let parsed = prescan::parse(page, false);
    html::skipped_ancestor(&parsed, needle)
}

/// For development: the blocks of the chosen container before the classifier.
#[doc(hidden)]
pub fn debug_container_blocks(page: &str) -> String {
    html::candidate_blocks(page)
        .into_iter()
        .map(|(t, _)| t)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// For development: the blocks of the chosen container before the classifier, each with
/// the bundled classifier's margin (negative: dropped as furniture).
#[doc(hidden)]
pub fn debug_container_margins(page: &str) -> Vec<(String, f32)> {
    let model = classify::bundled();
    html::candidate_blocks(page)
        .into_iter()
        .map(|(t, f)| {
            let m = model.map_or(0.0, |m| m.margin(&f));
            (t, m)
        })
        .collect()
}

/// For development: each container block's element and ancestors (`tag.class#id`).
#[doc(hidden)]
pub fn debug_container_contexts(page: &str) -> Vec<String> {
    html::candidate_contexts(page)
}

/// The publication date of an HTML page alone (as htmldate's `find_date` gives it),
/// with the signal it came from; `opts` gives the URL and the date bounds.
pub fn publication_date(page: &str, opts: &Options) -> Option<(Published, String)> {
    let parsed = prescan::parse(page, false);
    let index = page::PageIndex::new(&parsed);
    let own_url = metadata::from_index(&parsed, &index).url;
    let url = opts.url.as_deref().or(own_url.as_deref());
    pubdate::find(&parsed, &index, url, opts)
        .or_else(|| pubdate::source_date(page, opts))
        .map(|f| (f.date, f.signal))
}

/// Extracts the article from plain text whose first non-empty line is the title, when it
/// reads as one (short, not several sentences, not the only line).
pub fn from_text(input: &str, opts: &Options) -> Extracted {
    let (mut meta, mut body) = text::split(input);
    let mut warnings = Vec::new();
    if body.is_empty() {
        let what = if meta.title.is_some() {
            "no text after the title line"
        } else {
            "no text"
        };
        warnings.push(what.to_string());
    }
    take_dateline(&mut body, None, &mut meta);
    finish(&body, &mut meta, opts);
    Extracted {
        markdown: opts.markdown.then(|| body.clone()),
        doc: Doc::new(body, meta),
        warnings,
    }
}

/// Extracts the article from an HTML fragment that holds only the article (a feed
/// entry's content): all its text is kept, with paragraphs, and the markup dropped.
pub fn from_fragment(fragment: &str, opts: &Options) -> Extracted {
    let parsed = scraper::Html::parse_fragment(fragment);
    let body = html::all_text(&parsed, opts.markdown);
    finish_html(body, Meta::default(), opts, "no text in the entry")
}

/// Takes the input verbatim as the article text: no title line, no clean-up.
pub fn from_body(input: &str, opts: &Options) -> Extracted {
    let mut meta = Meta::default();
    finish(input, &mut meta, opts);
    let warnings = if input.trim().is_empty() {
        vec!["no article text".to_string()]
    } else {
        Vec::new()
    };
    Extracted {
        doc: Doc::new(input.to_string(), meta),
        warnings,
        markdown: opts.markdown.then(|| input.to_string()),
    }
}

/// Takes a wire dateline off the start of the text into the metadata; the Markdown, which
/// starts with the same words, loses them too.
fn take_dateline(text: &mut String, markdown: Option<&mut String>, meta: &mut Meta) {
    let Some((dl, rest)) = text::dateline(text) else {
        return;
    };
    let (dl, prefix) = (dl.to_string(), text[..rest].to_string());
    meta.offer_dateline(&dl, "start of the text");
    text.replace_range(..rest, "");
    if let Some(md) = markdown {
        if md.starts_with(&prefix) {
            md.replace_range(..prefix.len(), "");
        }
    }
}

/// Fills what the input did not say: the container's metadata, the caller's date and
/// URL, and the language. A date outside the plausible range is dropped.
fn finish(body: &str, meta: &mut Meta, opts: &Options) {
    if meta.published.is_some_and(|p| !opts.plausible(p.date())) {
        meta.published = None;
        meta.sources.remove("published");
    }
    meta.offer_all(&opts.container, "container", |p| opts.plausible(p.date()));
    if let Some(p) = opts.published {
        meta.offer_published(p, "--published");
    }
    if let Some(u) = &opts.url {
        meta.offer_url(u, "--url");
    }
    if meta.language.is_none() {
        if let Some(code) = language::detect(body) {
            meta.offer_language(code, "detected from text");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_page_that_scripts_fill_in_gives_its_json_ld_article_body() {
        let body = "SOCHI, Russia (Northern Wire) - Russian President Vladimir Putin met Syrian President Bashar al-Assad in Sochi on Monday, the Kremlin said.\n\nAssad stayed on Russian soil for a total of four hours, the Kremlin spokesman said, and the two leaders discussed the political process in Syria.";
        let page = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"Putin meets Assad","articleBody":{}}}</script></head>
            <body><div id="app"><p>Loading the article, please wait a moment.</p></div></body></html>"#,
            serde_json::Value::from(body)
        );
        let ex = from_html(&page, &Options::default());
        let text = ex.doc.text();
        assert!(
            text.starts_with("Russian President Vladimir Putin met"),
            "{text}"
        );
        assert!(text.contains("said.\n\nAssad stayed"), "{text}");
        assert_eq!(ex.doc.meta.sources["text"], "json-ld articleBody");
        assert_eq!(
            ex.doc.meta.dateline.as_deref(),
            Some("SOCHI, Russia (Northern Wire)")
        );
        // A page that shows its article keeps its own text.
        let shown = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"Short summary of the story for search engines, a few words long, and a few more here."}}</script></head>
            <body><article><p>{}</p></article></body></html>"#,
            body.replace("\n\n", "</p><p>")
        );
        let ex = from_html(&shown, &Options::default());
        assert!(ex.doc.text().contains("four hours"), "{}", ex.doc.text());
        assert!(!ex.doc.meta.sources.contains_key("text"));
    }

    #[test]
    fn markup_in_json_ld_and_meta_fields_is_read_as_text() {
        // The byte-level pass leaves the markup in JSON-LD strings alone (so the JSON stays
        // valid), and the description loses its tags but not a title in angle brackets.
        let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Putin meets Assad",
            "description":"<p class=\"lead\">Putin met <a href=\"/assad\" data-id=\"7\" style=\"x\">Assad</a> in Sochi.</p>",
            "author":{"@type":"Person","name":"Jane Roe"}}</script></head>
            <body><article><p>Russian President Vladimir Putin met Syrian President Bashar al-Assad in Sochi, the Kremlin said on Tuesday.</p></article></body></html>"#;
        let meta = from_html(page, &Options::default()).doc.meta;
        assert_eq!(
            meta.description.as_deref(),
            Some("Putin met Assad in Sochi.")
        );
        assert_eq!(meta.byline.as_deref(), Some("Jane Roe"));
        assert_eq!(meta.sources["description"], "json-ld description");
        let page = r#"<html><head><meta name="description" content="Reviews of <The Palace: Tale of Jang Noksu> at Jeongdong Theater"></head>
            <body><p>x</p></body></html>"#;
        let meta = from_html(page, &Options::default()).doc.meta;
        assert_eq!(
            meta.description.as_deref(),
            Some("Reviews of <The Palace: Tale of Jang Noksu> at Jeongdong Theater")
        );
    }

    #[test]
    fn page_text_is_in_one_normal_form_and_cjk_paragraphs_are_prose() {
        // "Müller" with a combining diaeresis, and a short Chinese article whose
        // paragraphs are few characters long but full sentences.
        let zh = "\u{4e00}\u{4e2a}\u{7ea6}\u{5b9a}\u{ff0c}\u{4fe1}\u{5b88}\u{5341}\u{4e94}\u{5e74}\u{ff0c}\u{611f}\u{4eba}\u{81f3}\u{6df1}\u{3002}";
        let page = format!(
            "<html><body><nav><a href='/'>Home</a> <a href='/a'>News</a></nav><div class='story'>\
             <p>Mu\u{0308}ller won the vote on Sunday by a wide margin, officials said.</p>\
             <p>{zh}{zh}</p><p>{zh}</p></div>\
             <div class='more'><a href='/x'>More stories about other things and places</a></div></body></html>"
        );
        let text = from_html(&page, &Options::default()).doc.text().to_string();
        assert!(text.contains("M\u{00fc}ller won"), "{text:?}");
        assert_eq!(text.matches('\u{3002}').count(), 3, "{text:?}");
    }

    #[test]
    fn soft_hyphens_and_zero_width_spaces_leave_the_text_and_the_title() {
        // German sites hyphenate for the browser: "Ita&shy;li&shy;ens" as written.
        let page = "<html><head><title>Wei&shy;ne Ita&shy;li&shy;ens | Wein&shy;blog</title></head><body>\
             <article><p>Das Re&shy;gime reih&shy;te den St. Mag&shy;da&shy;le&shy;ner 1931 unter die gro&shy;ßen Wei&shy;ne \
             Ita&shy;li&shy;ens, neben Baro&shy;lo und Bar&shy;ba&shy;res&shy;co.</p>\
             <p>Der Ver&#8203;natsch spiel&shy;te seit Lan&shy;gem eine wich&shy;ti&shy;ge Rol&shy;le, und heu&shy;te \
             ist er die wich&shy;tigs&shy;te Sor&shy;te.</p></article></body></html>";
        let ex = from_html(page, &Options::default());
        let text = ex.doc.text();
        assert!(
            text.contains("großen Weine Italiens, neben Barolo und Barbaresco"),
            "{text:?}"
        );
        assert!(text.contains("Der Vernatsch spielte"), "{text:?}");
        assert!(!text.contains(['\u{ad}', '\u{200b}']), "{text:?}");
        assert_eq!(ex.doc.meta.title.as_deref(), Some("Weine Italiens"));
    }

    proptest! {
        #[test]
        fn extraction_never_panics_and_offsets_hold(
            input in "(<!--|-->|</scr|<style>|<svg|<(p|div|a|h1|script|li|ul|br|nav|article)( class=\"(share|content|x)\"| data-x=\"1>\"| style='a'| onclick=go)*>|</(p|div|a|h1|script|li|ul|nav|article)>|[A-Za-zÀ-ÿ“”\".,!? \n]{0,30}|Other news\n){0,40}"
        ) {
            for ex in [from_html(&input, &Options::default()), from_text(&input, &Options::default()), from_body(&input, &Options::default())] {
                let doc = ex.doc;
                prop_assert_eq!(doc.char_len(), doc.text().chars().count());
            }
        }
    }
}
