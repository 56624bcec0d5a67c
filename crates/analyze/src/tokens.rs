//! Tokenizer for news English.
//!
//! Starts from Unicode word boundaries (UAX #29, via `unicode-segmentation`), which
//! already keep decimals ("1.5"), thousands ("1,200"), and words with inner apostrophes
//! together and split off punctuation and hyphens. On top of that, as the Universal
//! Dependencies English treebanks (and the Penn Treebank) tokenize:
//!
//! * URLs, e-mail addresses, @handles and #hashtags stay one token;
//! * a period stays on abbreviations and initials ("Mr.", "U.S.", "J."), so the sentence
//!   splitter can tell them from full stops;
//! * clitics are split off: "don't" → "do" "n't", "Russia's" → "Russia" "'s",
//!   "they're" → "they" "'re", "cannot" → "can" "not" (straight or curly apostrophes);
//! * runs of hyphens ("--") and of periods ("...") are one token.
//!
//! Offsets are char offsets into the Doc text and always slice back to it exactly.

use std::sync::LazyLock;

use gazette_doc::{Doc, Layer, Token};
use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

use crate::{Component, ComponentError};

/// Abbreviations that take a period in news English (compared without the period).
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Maj",
    "Adm", "Cpl", "Rev", "Hon", "Pres", "St", "Jr", "Sr", "Inc", "Corp", "Ltd", "Co", "Bros", "No",
    "vs", "etc", "al", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Ave", "Blvd", "Mt", "Ft",
    "approx", "est", "e.g", "i.e", "a.m", "p.m", "Atty", "Supt", "Dept", "Univ", "Penn",
];

/// US states as news style abbreviates them ("Sen. Mitch McConnell, R-Ky."), compared
/// without the period: they take one, and may end a sentence.
pub(crate) const US_STATES: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Vt", "Va", "Wash", "Wis", "Wyo",
];

/// Spans that must stay one token: URLs, e-mail addresses, @handles, #hashtags.
static PROTECTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?x)
          (?:https?://|www\.)[^\s<>"“”‘’()\[\]]+[^\s<>"“”‘’()\[\].,;:!?']
        | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
        | [@\#][\p{L}\p{N}_]+
        "#,
    )
    .expect("protected-span pattern compiles")
});

/// Protected spans of `text`: a handle or hashtag only where no word character comes
/// right before its sign ("@nytimes", not the "@b" of "a@b"). Checked here rather than
/// with `\B` in the pattern: a Unicode word boundary keeps the regex crate off its fast
/// engines on non-ASCII text, which cost the tokenizer half of its time.
fn protected_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    PROTECTED
        .find_iter(text)
        .filter(|m| {
            !m.as_str().starts_with(['@', '#'])
                || text[..m.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        })
        .map(|m| (m.start(), m.end()))
}

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
        let tokens: Vec<Token> = tokenize(doc.text())
            .into_iter()
            .map(|(s, e)| Token::new(doc.byte_to_char(s), doc.byte_to_char(e)))
            .collect();
        doc.set_tokens(tokens)?;
        Ok(())
    }
}

fn takes_period(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
        || US_STATES.contains(&word)
        // Initials ("J") and dotted acronyms ("U.S", "a.m").
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || (word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2 && !p.is_empty()))
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Byte length of a clitic at the end of `word` that should be its own token.
fn clitic_len(word: &str) -> Option<usize> {
    let lower = word.to_lowercase();
    if lower.len() != word.len() {
        return None; // case mapping changed byte lengths: leave exotic words alone
    }
    // n't: "don't" → "do" + "n't"; the word must keep at least one letter.
    for apo in ["'", "’"] {
        let nt = format!("n{apo}t");
        if lower.ends_with(&nt) && lower.len() > nt.len() {
            return Some(nt.len());
        }
    }
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    // 's 'm 'd 're 've 'll after at least one letter.
    for (i, &(b, c)) in chars.iter().enumerate().skip(1) {
        if is_apostrophe(c) {
            let rest = lower[b + c.len_utf8()..].to_string();
            if matches!(rest.as_str(), "s" | "m" | "d" | "re" | "ve" | "ll")
                && chars[i - 1].1.is_alphabetic()
            {
                return Some(word.len() - b);
            }
        }
    }
    None
}

/// Marks that shape how text is laid out, not what it says: soft hyphens, zero-width
/// spaces and joiners, direction marks and embeddings, word joiners, byte-order marks.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{feff}')
}

/// Byte spans of the tokens of `text`.
pub fn tokenize(text: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut protected = protected_spans(text).peekable();
    let mut skip_until = 0usize;
    let blank = |c: char| c.is_whitespace() || is_invisible(c);
    for (b, seg) in text.split_word_bound_indices() {
        if b < skip_until {
            continue;
        }
        while protected.peek().is_some_and(|&(_, pe)| pe <= b) {
            protected.next();
        }
        if let Some(&(ps, pe)) = protected.peek() {
            if ps <= b && b < pe {
                // Snap to the word boundaries the protected span starts and ends in.
                let start = spans.last().filter(|l| l.1 > ps).map_or(ps.min(b), |l| l.0);
                if spans.last().is_some_and(|l| l.1 > ps) {
                    spans.pop();
                }
                spans.push((start, pe));
                skip_until = pe;
                continue;
            }
        }
        // Unicode's word boundaries attach a format character to the character before it,
        // a space too (" \u{feff}"), and a zero-width space stands alone: such marks are
        // trimmed off a token, and a segment of nothing else is no token.
        let lead = seg.len() - seg.trim_start_matches(blank).len();
        let seg = seg.trim_matches(blank);
        if seg.is_empty() {
            continue;
        }
        let (b, end) = (b + lead, b + lead + seg.len());
        if let Some(last) = spans.last_mut() {
            let touching = last.1 == b;
            let prev = &text[last.0..last.1];
            // "Mr" + "." → "Mr."
            if touching && seg == "." && takes_period(prev) {
                last.1 = end;
                continue;
            }
            // "-" + "-" → "--"; "." + "." → ".."
            if touching
                && (seg == "-" || seg == ".")
                && !prev.is_empty()
                && prev.chars().all(|c| c.to_string() == seg)
            {
                last.1 = end;
                continue;
            }
        }
        if let Some(n) = clitic_len(seg) {
            let split = end - n;
            if seg.eq_ignore_ascii_case("cannot") {
                spans.push((b, b + 3));
                spans.push((b + 3, end));
            } else {
                spans.push((b, split));
                spans.push((split, end));
            }
            continue;
        }
        if seg.eq_ignore_ascii_case("cannot") {
            spans.push((b, b + 3));
            spans.push((b + 3, end));
            continue;
        }
        spans.push((b, end));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn invisible_marks_are_no_tokens() {
        // A byte-order mark after a space, a zero-width space between words and a
        // direction mark before or after a word, as scraped and pasted text has them.
        let text = "\u{200f}\u{201c}Ok\u{201d} talks\u{200b} lasted \u{feff}four hours\u{200e}, \u{200e}Assad said\u{200b}";
        assert_eq!(
            toks(text),
            [
                "\u{201c}", "Ok", "\u{201d}", "talks", "lasted", "four", "hours", ",", "Assad",
                "said"
            ]
        );
        // Inside a word a soft hyphen stays; a zero-width space is a break.
        assert_eq!(
            toks("Vladi\u{ad}mir in So\u{200b}chi"),
            ["Vladi\u{ad}mir", "in", "So", "chi"]
        );
    }

    #[test]
    fn abbreviations_initials_and_acronyms_keep_their_period() {
        assert_eq!(
            toks("Mr. Putin met Gen. J. Smith in the U.S. on Jan. 5."),
            [
                "Mr.", "Putin", "met", "Gen.", "J.", "Smith", "in", "the", "U.S.", "on", "Jan.",
                "5", "."
            ]
        );
    }

    #[test]
    fn numbers_money_and_dashes() {
        assert_eq!(
            toks("$1.5bn, 1,200 people -- 20%—a 15-year term..."),
            [
                "$", "1.5bn", ",", "1,200", "people", "--", "20", "%", "—", "a", "15", "-", "year",
                "term", "..."
            ]
        );
    }

    #[test]
    fn clitics_split_with_either_apostrophe() {
        assert_eq!(
            toks("Russia's leader doesn't say they’re sure; I cannot."),
            [
                "Russia", "'s", "leader", "does", "n't", "say", "they", "’re", "sure", ";", "I",
                "can", "not", "."
            ]
        );
        assert_eq!(
            toks("O'Brien can't go, won't go"),
            ["O'Brien", "ca", "n't", "go", ",", "wo", "n't", "go"]
        );
    }

    #[test]
    fn urls_emails_handles_stay_whole() {
        assert_eq!(
            toks("See https://example.org/a-b?x=1, mail news@example.org or @Reuters #Sochi."),
            [
                "See",
                "https://example.org/a-b?x=1",
                ",",
                "mail",
                "news@example.org",
                "or",
                "@Reuters",
                "#Sochi",
                "."
            ]
        );
    }

    #[test]
    fn a_sign_after_a_word_character_starts_no_handle() {
        // "a@b" is neither an address nor a handle; "C#" is a word and a sign; at the start
        // of the text and after non-ASCII punctuation a handle is whole.
        let t = toks("a@b and C#7 but @Añadir «#Москва»");
        assert!(!t.contains(&"@b") && !t.contains(&"#7"), "{t:?}");
        assert!(t.contains(&"@Añadir") && t.contains(&"#Москва"), "{t:?}");
        assert_eq!(toks("@Reuters reports")[0], "@Reuters");
    }

    #[test]
    fn quotes_and_datelines() {
        assert_eq!(
            toks("SOCHI, Russia (Reuters) - “It’s ‘fine,’” he said."),
            [
                "SOCHI", ",", "Russia", "(", "Reuters", ")", "-", "“", "It", "’s", "‘", "fine",
                ",", "’", "”", "he", "said", "."
            ]
        );
    }
}
