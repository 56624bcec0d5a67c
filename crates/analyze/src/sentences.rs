//! Sentence splitter over the token layer: a sentence ends at `.`, `!`, `?` or `…`
//! (with any closing quotes and brackets that follow), and at every paragraph break,
//! so that headlines and datelines without final punctuation stand alone. A period kept
//! on an abbreviation ("Mr.") ends a sentence only where the abbreviation can close one
//! ("Inc.", "etc.") and the next word starts with a capital.

use gazette_doc::{Doc, Layer, Sentence};

use crate::{Component, ComponentError};

/// Abbreviations after which a sentence may end (and the US states of
/// [`crate::tokens::US_STATES`]).
const FINAL_ABBREVIATIONS: &[&str] = &[
    "Inc.", "Corp.", "Ltd.", "Co.", "Bros.", "etc.", "Jr.", "Sr.", "a.m.", "p.m.", "U.S.", "U.K.",
    "U.N.",
];

/// Groups tokens into sentences.
#[derive(Debug, Default)]
pub struct SentenceSplitter;

impl Component for SentenceSplitter {
    fn name(&self) -> &'static str {
        "sentence-splitter"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        let sentences = split(doc);
        doc.set_sentences(sentences)?;
        Ok(())
    }
}

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "'" | "”" | "’" | "»" | ")" | "]" | "}")
}

fn split(doc: &Doc) -> Vec<Sentence> {
    let tokens = doc.tokens();
    let text = doc.text();
    let mut out = Vec::new();
    let mut start: Option<usize> = None; // index of the first token of the open sentence
    let mut i = 0;
    while i < tokens.len() {
        let first = *start.get_or_insert(i);
        let tok = doc.slice(tokens[i].span());
        let mut end_here = match tok {
            "." | "!" | "?" | "…" | "..." => true,
            t if t.ends_with('.') && t.len() > 1 => {
                (FINAL_ABBREVIATIONS.contains(&t)
                    || t.strip_suffix('.')
                        .is_some_and(|state| crate::tokens::US_STATES.contains(&state)))
                    && tokens
                        .get(i + 1)
                        .is_some_and(|n| doc.slice(n.span()).starts_with(char::is_uppercase))
            }
            _ => false,
        };
        let mut last = i;
        if end_here {
            // Runs of terminators and closing quotes/brackets belong to this sentence.
            while let Some(next) = tokens.get(last + 1) {
                let s = doc.slice(next.span());
                // A straight quote closes only when it touches the previous token
                // ("... solutions". vs. ... agreed. "What ...).
                let touching = tokens[last].end == next.start;
                let closes = if matches!(s, "\"" | "'") {
                    touching
                } else {
                    is_closing(s)
                };
                if matches!(s, "." | "!" | "?" | "…") || closes {
                    last += 1;
                } else {
                    break;
                }
            }
        }
        // A lowercase word after a quoted question or exclamation, or after an ellipsis,
        // continues the sentence: "Who will pay?" asked Smit. / She would appeal... and said.
        // (After a plain full stop it does not: web text often starts sentences lowercase.)
        let quoted_or_ellipsis = last > i || matches!(tok, "..." | "…");
        if end_here
            && quoted_or_ellipsis
            && tokens
                .get(last + 1)
                .is_some_and(|n| doc.slice(n.span()).starts_with(char::is_lowercase))
        {
            end_here = false;
        }
        // A clock time's zone belongs to it: "at 2 p.m. ET." / "9 p.m. Eastern time on".
        if end_here && matches!(tok, "a.m." | "p.m.") {
            let word = |k: usize| tokens.get(k).map(|t| doc.slice(t.span()));
            let zone = gazette_timex::TimexTagger::english();
            if word(last + 1).is_some_and(|w| zone.is_zone(w))
                || word(last + 1)
                    .zip(word(last + 2))
                    .is_some_and(|(a, b)| zone.is_zone(&format!("{a} {b}")))
            {
                end_here = false;
            }
        }
        // A comma, semicolon or colon never opens a sentence: "R-Ky., said Tuesday".
        if end_here
            && tokens
                .get(last + 1)
                .is_some_and(|n| matches!(doc.slice(n.span()), "," | ";" | ":"))
        {
            end_here = false;
        }
        // A blank line before the next token is a paragraph break.
        if let Some(next) = tokens.get(last + 1) {
            let gap = &text[doc.char_to_byte(tokens[last].end)..doc.char_to_byte(next.start)];
            if gap.matches('\n').count() >= 2 {
                end_here = true;
            }
        } else {
            end_here = true;
        }
        if end_here {
            out.push(Sentence::new(tokens[first].start, tokens[last].end));
            start = None;
        }
        i = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Tokenizer;
    use gazette_doc::Meta;

    fn sents(text: &str) -> Vec<String> {
        let mut doc = Doc::new(text.into(), Meta::default());
        Tokenizer.process(&mut doc).unwrap();
        split(&doc)
            .iter()
            .map(|s| doc.slice(s.span()).to_string())
            .collect()
    }

    #[test]
    fn a_time_zone_after_a_clock_time_does_not_open_a_sentence() {
        assert_eq!(
            sents(
                "Polls close at 8 p.m. ET. Counting starts at 9 p.m. Eastern time in Ohio. Then results come."
            ),
            [
                "Polls close at 8 p.m. ET.",
                "Counting starts at 9 p.m. Eastern time in Ohio.",
                "Then results come."
            ]
        );
        // Other capitalized words after "p.m." still can.
        assert_eq!(sents("He left at 5 p.m. The rest stayed.").len(), 2);
    }

    #[test]
    fn splits_at_terminators_keeping_closing_quotes() {
        assert_eq!(
            sents(
                "“It must be admitted,” he said. “What is next?” Putin asked! Mr. Peskov agreed."
            ),
            [
                "“It must be admitted,” he said.",
                "“What is next?”",
                "Putin asked!",
                "Mr. Peskov agreed."
            ]
        );
    }

    #[test]
    fn a_lowercase_word_continues_the_sentence() {
        assert_eq!(
            sents("\"Who will pay?\" asked Anna Smit. She would appeal... and said so. Fine."),
            [
                "\"Who will pay?\" asked Anna Smit.",
                "She would appeal... and said so.",
                "Fine."
            ]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            sents("Gen. J. Smith met Dr. Roe on Jan. 5 in Sochi."),
            ["Gen. J. Smith met Dr. Roe on Jan. 5 in Sochi."]
        );
        assert_eq!(
            sents("He works for Acme Inc. The firm grew."),
            ["He works for Acme Inc.", "The firm grew."]
        );
        // A state abbreviation in a party label, and one that ends a sentence.
        assert_eq!(
            sents(
                "\u{201c}No,\u{201d} Sen. Mitch McConnell, R-Ky., said Tuesday. He left Louisville, Ky. The vote is Friday."
            ),
            [
                "\u{201c}No,\u{201d} Sen. Mitch McConnell, R-Ky., said Tuesday.",
                "He left Louisville, Ky.",
                "The vote is Friday."
            ]
        );
        // Whatever the abbreviation, a comma after it keeps the sentence going.
        assert_eq!(
            sents("He met Ms. Ortiz of Acme Corp., the lender, on Monday."),
            ["He met Ms. Ortiz of Acme Corp., the lender, on Monday."]
        );
    }

    #[test]
    fn paragraph_breaks_end_headlines() {
        assert_eq!(
            sents("Putin meets Assad in Sochi\n\nThe two met yesterday.\nThey talked"),
            [
                "Putin meets Assad in Sochi",
                "The two met yesterday.",
                "They talked"
            ]
        );
    }
}
