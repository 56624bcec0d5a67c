//! Lemmatizer learned from the treebank: an exact table of (lowercased form, XPOS) →
//! lemma for words seen in training, and for unseen words the most frequent suffix
//! rewrite ("-ies" → "-y" for NNS) among those seen with the same tag and final chars.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::conllu::Sentence;

/// A suffix rewrite: remove `strip` chars, then append `append`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct Rewrite {
    strip: u8,
    append: String,
}

/// A trained lemmatizer.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Lemmatizer {
    table: FxHashMap<(String, String), String>,
    /// (XPOS, final chars of the lowercased form) → rewrite; suffixes of 1 to 4 chars.
    rules: FxHashMap<(String, String), Rewrite>,
}

const MAX_SUFFIX: usize = 4;

fn rewrite_of(form: &str, lemma: &str) -> Option<Rewrite> {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    let strip = f.len() - common;
    if strip > 255 {
        return None;
    }
    Some(Rewrite {
        strip: strip as u8,
        append: l[common..].iter().collect(),
    })
}

/// Proper nouns keep their case; other words are lemmatized lowercased (as UD does,
/// except for the pronoun "I").
fn keeps_case(upos: &str) -> bool {
    upos == "PROPN"
}

impl Lemmatizer {
    /// Learns the table and the rules from gold sentences.
    pub fn train(sentences: &[Sentence]) -> Lemmatizer {
        let mut table_counts: FxHashMap<(String, String), FxHashMap<String, u32>> =
            FxHashMap::default();
        let mut rule_counts: FxHashMap<(String, String), FxHashMap<Rewrite, u32>> =
            FxHashMap::default();
        for s in sentences {
            for w in &s.words {
                if w.lemma == "_" {
                    continue;
                }
                let key_form = if keeps_case(&w.upos) {
                    w.form.clone()
                } else {
                    w.form.to_lowercase()
                };
                *table_counts
                    .entry((key_form.clone(), w.xpos.clone()))
                    .or_default()
                    .entry(w.lemma.clone())
                    .or_insert(0) += 1;
                if let Some(rw) = rewrite_of(&key_form, &w.lemma) {
                    let chars: Vec<char> = key_form.chars().collect();
                    for n in 1..=MAX_SUFFIX.min(chars.len()) {
                        let suffix: String = chars[chars.len() - n..].iter().collect();
                        *rule_counts
                            .entry((w.xpos.clone(), suffix))
                            .or_default()
                            .entry(rw.clone())
                            .or_insert(0) += 1;
                    }
                }
            }
        }
        let best = |m: FxHashMap<String, u32>| {
            m.into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(k, _)| k)
        };
        let table = table_counts
            .into_iter()
            .filter_map(|(k, v)| best(v).map(|l| (k, l)))
            .collect();
        let rules = rule_counts
            .into_iter()
            .filter_map(|(k, v)| {
                let total: u32 = v.values().sum();
                let (rw, n) = v
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.append.cmp(&a.0.append)))?;
                // Keep rules with some support and a clear majority.
                (total >= 2 && n * 2 > total).then_some((k, rw))
            })
            .collect();
        Lemmatizer { table, rules }
    }

    /// The lemma of `form` tagged `upos`/`xpos`.
    pub fn lemma(&self, form: &str, upos: &str, xpos: &str) -> String {
        let key_form = if keeps_case(upos) {
            form.to_string()
        } else {
            form.to_lowercase()
        };
        if let Some(l) = self.table.get(&(key_form.clone(), xpos.to_string())) {
            return l.clone();
        }
        let chars: Vec<char> = key_form.chars().collect();
        for n in (1..=MAX_SUFFIX.min(chars.len())).rev() {
            let suffix: String = chars[chars.len() - n..].iter().collect();
            if let Some(rw) = self.rules.get(&(xpos.to_string(), suffix)) {
                if (rw.strip as usize) < chars.len() {
                    let mut out: String = chars[..chars.len() - rw.strip as usize].iter().collect();
                    out.push_str(&rw.append);
                    return out;
                }
            }
        }
        key_form
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::Word;

    fn word(form: &str, lemma: &str, upos: &str, xpos: &str) -> Word {
        Word {
            form: form.into(),
            lemma: lemma.into(),
            upos: upos.into(),
            xpos: xpos.into(),
            head: 0,
            deprel: "root".into(),
            no_space_after: false,
        }
    }

    #[test]
    fn table_then_suffix_rules() {
        let s = Sentence {
            words: vec![
                word("cities", "city", "NOUN", "NNS"),
                word("parties", "party", "NOUN", "NNS"),
                word("met", "meet", "VERB", "VBD"),
                word("talks", "talk", "NOUN", "NNS"),
                word("Sochi", "Sochi", "PROPN", "NNP"),
            ],
            ..Sentence::default()
        };
        let l = Lemmatizer::train(&[s]);
        assert_eq!(l.lemma("Met", "VERB", "VBD"), "meet");
        assert_eq!(l.lemma("agencies", "NOUN", "NNS"), "agency");
        assert_eq!(l.lemma("Sochi", "PROPN", "NNP"), "Sochi");
        assert_eq!(l.lemma("Kremlin", "PROPN", "NNP"), "Kremlin");
        assert_eq!(l.lemma("Quickly", "ADV", "RB"), "quickly");
    }
}
