//! Tokenizer: Unicode word boundaries (UAX #29, via `unicode-segmentation`), whitespace
//! dropped, and a trailing period kept on abbreviations and initials ("Mr.", "U.S.",
//! "J.") so that the sentence splitter can tell them from full stops.
//!
//! The linguistic-core issue replaces this with a news-tuned tokenizer; the offsets
//! contract (char offsets that slice back to the text exactly) stays the same.

use gazette_doc::{Doc, Layer, Token};
use unicode_segmentation::UnicodeSegmentation;

use crate::{Component, ComponentError};

/// Abbreviations that take a period in news English (compared without the period).
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Maj",
    "Adm", "Cpl", "Rev", "Hon", "Pres", "St", "Jr", "Sr", "Inc", "Corp", "Ltd", "Co", "Bros", "No",
    "vs", "etc", "al", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Ave", "Blvd", "Mt", "Ft",
    "approx", "est", "e.g", "i.e", "a.m", "p.m",
];

/// Splits the text into word and punctuation tokens.
#[derive(Debug, Default)]
pub struct Tokenizer;

impl Component for Tokenizer {
    fn name(&self) -> &'static str {
        "tokenizer"
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        let tokens = tokenize(doc);
        doc.set_tokens(tokens)?;
        Ok(())
    }
}

fn takes_period(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
        // Initials ("J") and dotted acronyms ("U.S", "a.m").
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || (word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2 && !p.is_empty()))
}

fn tokenize(doc: &Doc) -> Vec<Token> {
    let text = doc.text();
    // (byte start, byte end) of each non-space segment.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (b, seg) in text.split_word_bound_indices() {
        if seg.chars().all(char::is_whitespace) {
            continue;
        }
        let end = b + seg.len();
        // "Mr" + "." with nothing between: one token.
        if seg == "." {
            if let Some(last) = spans.last_mut() {
                if last.1 == b && takes_period(&text[last.0..last.1]) {
                    last.1 = end;
                    continue;
                }
            }
        }
        spans.push((b, end));
    }
    spans
        .into_iter()
        .map(|(s, e)| Token::new(doc.byte_to_char(s), doc.byte_to_char(e)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette_doc::Meta;

    fn toks(text: &str) -> Vec<String> {
        let doc = Doc::new(text.into(), Meta::default());
        tokenize(&doc)
            .iter()
            .map(|t| doc.slice(t.span()).to_string())
            .collect()
    }

    #[test]
    fn words_punctuation_and_abbreviations() {
        assert_eq!(
            toks("Mr. Putin met Gen. Smith in the U.S. on Jan. 5."),
            [
                "Mr.", "Putin", "met", "Gen.", "Smith", "in", "the", "U.S.", "on", "Jan.", "5", "."
            ]
        );
        assert_eq!(
            toks("“Assad,” he said — $1.5bn."),
            ["“", "Assad", ",", "”", "he", "said", "—", "$", "1.5bn", "."]
        );
    }

    #[test]
    fn offsets_slice_back_exactly_with_multibyte_text() {
        let text = "Émile Zola’s «J’accuse» — 1898.";
        let doc = Doc::new(text.into(), Meta::default());
        for t in tokenize(&doc) {
            let s = doc.slice(t.span());
            assert!(!s.trim().is_empty() && s.trim() == s, "{s:?}");
        }
        assert_eq!(toks(text)[0], "Émile");
    }
}
