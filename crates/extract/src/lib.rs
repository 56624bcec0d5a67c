/*!
Extraction: from a decoded page or text file to a [`Doc`] holding the clean article text
and its metadata (title, byline, publication date, URL, language, site).

Three entry points, one per kind of input:

* [`from_html`]: main-text extraction from a web page (boilerplate removed) plus
  metadata from `<meta>` tags, JSON-LD and the page itself;
* [`from_text`]: a plain-text article whose first line is the title; trailing page
  furniture ("Other news", share and subscribe lines) is dropped;
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

mod dates;
mod html;
mod language;
mod metadata;
mod text;

use gazette_doc::{Doc, Meta, Published};

pub use dates::parse_date;
pub use text::is_furniture;

/// What the caller knows about the input beyond its content.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Publication date to use when the input does not carry one.
    pub published: Option<Published>,
    /// URL to use when the input does not name its own.
    pub url: Option<String>,
}

/// An extracted article and what went wrong on the way.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// Text and metadata; no span layers yet.
    pub doc: Doc,
    /// Problems that did not stop extraction (e.g. "no main text found").
    pub warnings: Vec<String>,
}

/// Extracts the article from an HTML page.
pub fn from_html(page: &str, opts: &Options) -> Extracted {
    let parsed = scraper::Html::parse_document(page);
    let mut meta = metadata::from_page(&parsed);
    let body = html::main_text(&parsed, &meta);
    let mut warnings = Vec::new();
    if body.is_empty() {
        warnings.push("no main text found".to_string());
    }
    finish(&body, &mut meta, opts);
    Extracted {
        doc: Doc::new(body, meta),
        warnings,
    }
}

/// Extracts the article from plain text whose first non-empty line is the title.
pub fn from_text(input: &str, opts: &Options) -> Extracted {
    let (mut meta, body) = text::split(input);
    let mut warnings = Vec::new();
    if body.is_empty() {
        warnings.push("no text after the title line".to_string());
    }
    finish(&body, &mut meta, opts);
    Extracted {
        doc: Doc::new(body, meta),
        warnings,
    }
}

/// Takes the input verbatim as the article text: no title line, no clean-up.
pub fn from_body(input: &str, opts: &Options) -> Extracted {
    let mut meta = Meta::default();
    finish(input, &mut meta, opts);
    Extracted {
        doc: Doc::new(input.to_string(), meta),
        warnings: Vec::new(),
    }
}

/// Fills what the input did not say: the caller's date and URL, and the language.
fn finish(body: &str, meta: &mut Meta, opts: &Options) {
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

    proptest! {
        #[test]
        fn extraction_never_panics_and_offsets_hold(
            input in "(<(p|div|a|h1|script|li|ul|br|nav|article)( class=\"(share|content|x)\")?>|</(p|div|a|h1|script|li|ul|nav|article)>|[A-Za-zÀ-ÿ“”\".,!? \n]{0,30}|Other news\n){0,40}"
        ) {
            for ex in [from_html(&input, &Options::default()), from_text(&input, &Options::default()), from_body(&input, &Options::default())] {
                let doc = ex.doc;
                prop_assert_eq!(doc.char_len(), doc.text().chars().count());
            }
        }
    }
}
