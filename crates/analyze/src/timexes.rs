//! Temporal expressions with TIMEX3 values, anchored at the publication date, weekday and
//! month names resolved by the tense of their sentence (from the syntax layer).

use gazette_doc::{Doc, Layer, Timex, TimexType as DocType};
use gazette_timex::{Tense, TimexTagger, TimexType};

use crate::{Component, ComponentError};

/// Finds and normalizes temporal expressions.
pub struct TimexAnnotator {
    tagger: &'static TimexTagger,
}

impl Default for TimexAnnotator {
    fn default() -> TimexAnnotator {
        TimexAnnotator {
            tagger: TimexTagger::english(),
        }
    }
}

/// The tense of each sentence: future if it has a "will"/"shall" modal, past if it has a
/// past-tense verb, present otherwise.
fn sentence_tenses(doc: &Doc) -> Vec<(usize, usize, Tense)> {
    let tokens = doc.tokens();
    let mut out = Vec::with_capacity(doc.sentences().len());
    let mut t = 0;
    for s in doc.sentences() {
        let (mut future, mut past) = (false, false);
        while t < tokens.len() && tokens[t].start < s.end {
            let tok = &tokens[t];
            match tok.tag.as_deref() {
                Some("MD")
                    if matches!(tok.lemma.as_deref(), Some("will" | "shall" | "wo" | "'ll")) =>
                {
                    future = true
                }
                Some("VBD") => past = true,
                _ => {}
            }
            t += 1;
        }
        let tense = if future {
            Tense::Future
        } else if past {
            Tense::Past
        } else {
            Tense::Present
        };
        out.push((doc.char_to_byte(s.start), doc.char_to_byte(s.end), tense));
    }
    out
}

/// The tense of the verb governing each token: follow the dependency heads up to a verb,
/// then look at it and its auxiliaries ("will meet" future, "met"/"has met" past). Tokens
/// with no governing verb take their sentence's tense.
fn token_tenses(doc: &Doc, sentences: &[(usize, usize, Tense)]) -> Vec<(usize, Tense)> {
    let tokens = doc.tokens();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); tokens.len()];
    for (i, t) in tokens.iter().enumerate() {
        if let Some(h) = t.head.filter(|&h| h != i) {
            children[h].push(i);
        }
    }
    let verb_tense = |v: usize| -> Option<Tense> {
        let aux = |pred: &dyn Fn(&gazette_doc::Token) -> bool| {
            children[v].iter().any(|&c| pred(&tokens[c]))
        };
        if aux(&|t| {
            t.tag.as_deref() == Some("MD")
                && matches!(t.lemma.as_deref(), Some("will" | "shall" | "wo" | "'ll"))
        }) {
            return Some(Tense::Future);
        }
        let tag = tokens[v].tag.as_deref();
        if tag == Some("VBD") || aux(&|t| t.tag.as_deref() == Some("VBD")) {
            return Some(Tense::Past);
        }
        if tag == Some("VBN") && aux(&|t| t.lemma.as_deref() == Some("have")) {
            return Some(Tense::Past);
        }
        matches!(tag, Some("VBP" | "VBZ")).then_some(Tense::Present)
    };
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut at = i;
            let mut found = None;
            for _ in 0..6 {
                if matches!(tokens[at].pos.as_deref(), Some("VERB" | "AUX")) {
                    found = verb_tense(at);
                    if found.is_some() {
                        break;
                    }
                }
                match tokens[at].head {
                    Some(h) if h != at => at = h,
                    _ => break,
                }
            }
            let b = doc.char_to_byte(t.start);
            let sentence = sentences
                .iter()
                .find(|(s, e, _)| *s <= b && b < *e)
                .map_or(Tense::Present, |s| s.2);
            // "Putin said the summit on Thursday will ...": a past reporting verb over a
            // sentence that speaks of the future reports a future event.
            let reporting = matches!(
                tokens[at].lemma.as_deref(),
                Some(
                    "say" | "tell" | "add" | "announce" | "report" | "state" | "quote" | "confirm"
                )
            );
            let tense = match found {
                Some(Tense::Past) if reporting && sentence == Tense::Future => Tense::Future,
                Some(t) => t,
                None => sentence,
            };
            (b, tense)
        })
        .collect()
}

impl Component for TimexAnnotator {
    fn name(&self) -> &'static str {
        "timex"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Syntax]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Timexes]
    }
    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        let sentences = sentence_tenses(doc);
        let tokens = token_tenses(doc, &sentences);
        // The tense at a byte offset: that of the token starting there (or the last before it).
        let tense_at = |b: usize| match tokens.binary_search_by_key(&b, |t| t.0) {
            Ok(i) => tokens[i].1,
            Err(0) => Tense::Present,
            Err(i) => tokens[i - 1].1,
        };
        let found = match doc.meta.published.map(|p| p.date()) {
            Some(anchor) => self.tagger.tag(doc.text(), anchor, &tense_at),
            None => {
                // Without a publication date, keep only values that do not depend on one:
                // those that come out the same from two anchors far apart.
                let a = chrono::NaiveDate::from_ymd_opt(2001, 3, 7).expect("valid date");
                let b = chrono::NaiveDate::from_ymd_opt(2013, 10, 24).expect("valid date");
                let second = self.tagger.tag(doc.text(), b, &tense_at);
                self.tagger
                    .tag(doc.text(), a, &tense_at)
                    .into_iter()
                    .filter(|f| second.contains(f))
                    .collect()
            }
        };
        let timexes = found
            .into_iter()
            .map(|f| Timex {
                start: doc.byte_to_char(f.start),
                end: doc.byte_to_char(f.end),
                kind: match f.kind {
                    TimexType::Date => DocType::Date,
                    TimexType::Time => DocType::Time,
                    TimexType::Duration => DocType::Duration,
                    TimexType::Set => DocType::Set,
                },
                value: f.value,
                modifier: f.modifier,
            })
            .collect();
        doc.set_timexes(timexes)?;
        Ok(())
    }
}
