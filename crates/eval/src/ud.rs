//! Universal Dependencies English EWT: tagging, lemmas and parsing.
//!
//! Rows as the CoNLL 2018 shared task reports them:
//! * `ud-ewt-gold`: the gold words are given; UPOS, XPOS, lemma accuracy, UAS and LAS.
//! * `ud-ewt-gold-accurate`: the accurate model (two taggers and four parsers voting),
//!   gold words; UPOS, XPOS, UAS and LAS.
//! * `ud-ewt-raw`: gazette reads the raw text (tokenizer, sentence splitter, parser) and
//!   its tokens, sentences and words are aligned with the gold ones on characters, as the
//!   shared task's `conll18_ud_eval.py` does (multiword tokens such as "don't" = do + n't
//!   aligned by the longest common subsequence of their words); F1 of tokens, sentences,
//!   words, UPOS and LAS.

use std::path::Path;

use gazette_analyze::Pipeline;
use gazette_doc::{Doc, Meta};
use gazette_syntax::SyntaxModel;
use gazette_syntax::conllu::{self, Sentence};
use gazette_syntax::score::{self, universal};

use crate::{EvalError, Outcome, Progress, Row};

/// Name of the gold-tokenization row.
pub const GOLD: &str = "ud-ewt-gold";
/// Name of the gold-tokenization row of the accurate (voting) parsers.
pub const GOLD_ACCURATE: &str = "ud-ewt-gold-accurate";
/// Name of the raw-text row.
pub const RAW: &str = "ud-ewt-raw";
/// Where the treebank lives under the data directory.
pub const DIR: &str = "syntax/ud-english-ewt";

fn read(dir: &Path, name: &str) -> Result<Vec<Sentence>, EvalError> {
    let path = dir.join(name);
    conllu::read_path(&path).map_err(|e| EvalError::Format {
        path,
        message: e.to_string(),
    })
}

/// Both rows on the test set.
pub fn run(dir: &Path, progress: &Progress<'_>) -> Result<Outcome, EvalError> {
    let test = read(dir, "en_ewt-ud-test.conllu")?;
    let model = SyntaxModel::english();
    progress(0, 2);
    let g = score::gold_tokens(model, &test);
    let mut rows: Vec<Row> = [
        ("upos", g.upos),
        ("xpos", g.xpos),
        ("lemma", g.lemma),
        ("uas", g.uas),
        ("las", g.las),
    ]
    .into_iter()
    .map(|(m, v)| Row::new(GOLD, m, v, g.words))
    .collect();
    // The accurate model has the same lemmatizer; its tags and parses differ.
    let a = score::gold_tokens(SyntaxModel::english_accurate(), &test);
    rows.extend(
        [
            ("upos", a.upos),
            ("xpos", a.xpos),
            ("uas", a.uas),
            ("las", a.las),
        ]
        .into_iter()
        .map(|(m, v)| Row::new(GOLD_ACCURATE, m, v, a.words)),
    );
    progress(1, 2);
    let raw = raw_text(&test, &Pipeline::english());
    rows.extend([
        Row::new(RAW, "tokens_f1", raw.tokens.f1(), raw.tokens.gold),
        Row::new(RAW, "sentences_f1", raw.sentences.f1(), raw.sentences.gold),
        Row::new(RAW, "words_f1", raw.words.f1(), raw.words.gold),
        Row::new(RAW, "upos_f1", raw.upos.f1(), raw.upos.gold),
        Row::new(RAW, "las_f1", raw.las.f1(), raw.las.gold),
    ]);
    progress(2, 2);
    Ok(Outcome {
        rows,
        warnings: Vec::new(),
    })
}

/// Correct, gold and system counts of one metric.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Correct system items.
    pub correct: usize,
    /// Gold items.
    pub gold: usize,
    /// System items.
    pub system: usize,
}

impl Counts {
    /// F1 of precision `correct/system` and recall `correct/gold`.
    pub fn f1(&self) -> f64 {
        crate::prf(self.correct, self.system, self.gold).2
    }
}

/// Raw-text scores.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawScores {
    /// Surface tokens (multiword tokens count once).
    pub tokens: Counts,
    /// Sentences.
    pub sentences: Counts,
    /// Syntactic words.
    pub words: Counts,
    /// Words with the right UPOS.
    pub upos: Counts,
    /// Words with the right head and universal relation.
    pub las: Counts,
}

/// One word for alignment: its span over the non-whitespace characters of the text.
#[derive(Debug, Clone)]
struct AWord {
    start: usize,
    end: usize,
    multiword: bool,
    form: String,
    upos: String,
    /// Index of the head word in the same list, `None` for the root.
    head: Option<usize>,
    deprel: String,
}

/// The raw text of a treebank: sentence texts joined by a space, paragraphs and
/// documents by a blank line.
pub fn raw_document(sentences: &[Sentence]) -> String {
    let mut text = String::new();
    for (i, s) in sentences.iter().enumerate() {
        if i > 0 {
            text.push_str(if s.starts_paragraph { "\n\n" } else { " " });
        }
        text.push_str(&s.text);
    }
    text
}

/// Maps each char of `text` to its index among non-whitespace chars (whitespace maps to
/// the next non-whitespace index).
fn nonspace_index(text: &str) -> Vec<usize> {
    let mut out = Vec::with_capacity(text.len() + 1);
    let mut k = 0;
    for c in text.chars() {
        out.push(k);
        if !c.is_whitespace() {
            k += 1;
        }
    }
    out.push(k);
    out
}

/// Gold words, tokens and sentences as non-whitespace spans, found by walking the words'
/// forms through the raw text.
fn gold_units(sentences: &[Sentence]) -> (Vec<AWord>, Vec<(usize, usize)>, Vec<(usize, usize)>) {
    let mut words = Vec::new();
    let mut tokens = Vec::new();
    let mut sents = Vec::new();
    let mut pos = 0usize; // in non-whitespace chars
    let nonspace_len = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    for s in sentences {
        let base = words.len();
        let sent_start = pos;
        let mut i = 0;
        while i < s.words.len() {
            if let Some(mw) = s.multiword.iter().find(|m| m.first == i + 1) {
                let len = nonspace_len(&mw.form);
                tokens.push((pos, pos + len));
                for w in &s.words[mw.first - 1..mw.last] {
                    words.push(AWord {
                        start: pos,
                        end: pos + len,
                        multiword: true,
                        form: w.form.to_lowercase(),
                        upos: w.upos.clone(),
                        head: None,
                        deprel: w.deprel.clone(),
                    });
                }
                pos += len;
                i = mw.last;
            } else {
                let w = &s.words[i];
                let len = nonspace_len(&w.form);
                tokens.push((pos, pos + len));
                words.push(AWord {
                    start: pos,
                    end: pos + len,
                    multiword: false,
                    form: w.form.to_lowercase(),
                    upos: w.upos.clone(),
                    head: None,
                    deprel: w.deprel.clone(),
                });
                pos += len;
                i += 1;
            }
        }
        for (k, w) in s.words.iter().enumerate() {
            words[base + k].head = (w.head > 0).then(|| base + w.head - 1);
        }
        sents.push((sent_start, pos));
    }
    (words, tokens, sents)
}

/// gazette's words, tokens and sentences on the raw text, as non-whitespace spans.
fn system_units(doc: &Doc) -> (Vec<AWord>, Vec<(usize, usize)>, Vec<(usize, usize)>) {
    let idx = nonspace_index(doc.text());
    let span = |s: usize, e: usize| (idx[s], idx[e]);
    let mut words = Vec::new();
    let mut tokens = Vec::new();
    for t in doc.tokens() {
        let (s, e) = span(t.start, t.end);
        tokens.push((s, e));
        words.push(AWord {
            start: s,
            end: e,
            multiword: false,
            form: doc.slice(t.span()).to_lowercase(),
            upos: t.pos.clone().unwrap_or_default(),
            head: None,
            deprel: t.dep.clone().unwrap_or_default(),
        });
    }
    for (i, t) in doc.tokens().iter().enumerate() {
        words[i].head = t.head.filter(|&h| h != i);
    }
    let sents = doc
        .sentences()
        .iter()
        .map(|s| span(s.start, s.end))
        .collect();
    (words, tokens, sents)
}

fn span_counts(gold: &[(usize, usize)], system: &[(usize, usize)]) -> Counts {
    let (mut gi, mut si, mut correct) = (0, 0, 0);
    while gi < gold.len() && si < system.len() {
        if gold[gi] == system[si] {
            correct += 1;
            gi += 1;
            si += 1;
        } else if gold[gi].0 <= system[si].0
            && !(gold[gi].0 == system[si].0 && gold[gi].1 > system[si].1)
        {
            gi += 1;
        } else {
            si += 1;
        }
    }
    Counts {
        correct,
        gold: gold.len(),
        system: system.len(),
    }
}

fn beyond_end(words: &[AWord], i: usize, end: usize) -> bool {
    if i >= words.len() {
        return true;
    }
    if words[i].multiword {
        words[i].start >= end
    } else {
        words[i].end > end
    }
}

fn extend_end(w: &AWord, end: usize) -> usize {
    if w.multiword && w.end > end {
        w.end
    } else {
        end
    }
}

/// Aligns gold and system words as conll18_ud_eval.py does; returns (gold, system) pairs.
fn align(gold: &[AWord], system: &[AWord]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let (mut gi, mut si) = (0usize, 0usize);
    while gi < gold.len() && si < system.len() {
        if gold[gi].multiword || system[si].multiword {
            let mut end;
            if gold[gi].multiword {
                end = gold[gi].end;
                if !system[si].multiword && system[si].start < gold[gi].start {
                    si += 1;
                }
            } else {
                end = system[si].end;
                if !gold[gi].multiword && gold[gi].start < system[si].start {
                    gi += 1;
                }
            }
            let (gs, ss) = (gi, si);
            while !beyond_end(gold, gi, end) || !beyond_end(system, si, end) {
                if gi < gold.len() && (si >= system.len() || gold[gi].start <= system[si].start) {
                    end = extend_end(&gold[gi], end);
                    gi += 1;
                } else {
                    end = extend_end(&system[si], end);
                    si += 1;
                }
            }
            let (gn, sn) = (gi - gs, si - ss);
            if gn > 0 && sn > 0 {
                let mut lcs = vec![vec![0usize; sn + 1]; gn + 1];
                for g in (0..gn).rev() {
                    for s in (0..sn).rev() {
                        let eq = gold[gs + g].form == system[ss + s].form;
                        lcs[g][s] = (if eq { 1 + lcs[g + 1][s + 1] } else { 0 })
                            .max(lcs[g + 1][s])
                            .max(lcs[g][s + 1]);
                    }
                }
                let (mut g, mut s) = (0, 0);
                while g < gn && s < sn {
                    if gold[gs + g].form == system[ss + s].form {
                        pairs.push((gs + g, ss + s));
                        g += 1;
                        s += 1;
                    } else if lcs[g][s] == lcs[g + 1][s] {
                        g += 1;
                    } else {
                        s += 1;
                    }
                }
            }
        } else if (gold[gi].start, gold[gi].end) == (system[si].start, system[si].end) {
            pairs.push((gi, si));
            gi += 1;
            si += 1;
        } else if gold[gi].start <= system[si].start {
            gi += 1;
        } else {
            si += 1;
        }
    }
    pairs
}

/// Runs `pipeline` on the raw text of `sentences` and scores it against them.
pub fn raw_text(sentences: &[Sentence], pipeline: &Pipeline) -> RawScores {
    // One Doc per document keeps paragraph structure; the whole test set is one text here,
    // which is what the shared task's raw input is.
    let text = raw_document(sentences);
    let mut doc = Doc::new(text, Meta::default());
    pipeline
        .run(&mut doc)
        .expect("the English pipeline runs on any text");
    let (gw, gt, gs) = gold_units(sentences);
    let (sw, st, ss) = system_units(&doc);
    let pairs = align(&gw, &sw);
    let mut sys_to_gold = vec![None; sw.len()];
    for &(g, s) in &pairs {
        sys_to_gold[s] = Some(g);
    }
    let words = Counts {
        correct: pairs.len(),
        gold: gw.len(),
        system: sw.len(),
    };
    let mut upos = Counts {
        correct: 0,
        gold: gw.len(),
        system: sw.len(),
    };
    let mut las = upos;
    for &(g, s) in &pairs {
        upos.correct += (gw[g].upos == sw[s].upos) as usize;
        let head_ok = match (gw[g].head, sw[s].head) {
            (None, None) => true,
            (Some(gh), Some(sh)) => sys_to_gold[sh] == Some(gh),
            _ => false,
        };
        las.correct += (head_ok && universal(&gw[g].deprel) == universal(&sw[s].deprel)) as usize;
    }
    RawScores {
        tokens: span_counts(&gt, &st),
        sentences: span_counts(&gs, &ss),
        words,
        upos,
        las,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(start: usize, end: usize, multiword: bool, form: &str) -> AWord {
        AWord {
            start,
            end,
            multiword,
            form: form.into(),
            upos: String::new(),
            head: None,
            deprel: String::new(),
        }
    }

    #[test]
    fn multiword_tokens_align_by_forms() {
        // Gold: "I don't ." with don't = do + n't as a multiword token; system split it in two.
        let gold = [
            w(0, 1, false, "i"),
            w(1, 6, true, "do"),
            w(1, 6, true, "n't"),
            w(6, 7, false, "."),
        ];
        let system = [
            w(0, 1, false, "i"),
            w(1, 3, false, "do"),
            w(3, 6, false, "n't"),
            w(6, 7, false, "."),
        ];
        assert_eq!(align(&gold, &system), [(0, 0), (1, 1), (2, 2), (3, 3)]);
        // A system that did not split gets only the words whose forms match.
        let unsplit = [
            w(0, 1, false, "i"),
            w(1, 6, false, "don't"),
            w(6, 7, false, "."),
        ];
        assert_eq!(align(&gold, &unsplit), [(0, 0), (3, 2)]);
    }

    #[test]
    fn span_counts_skip_mismatches() {
        let c = span_counts(&[(0, 2), (2, 5), (5, 6)], &[(0, 2), (2, 3), (3, 5), (5, 6)]);
        assert_eq!(
            c,
            Counts {
                correct: 2,
                gold: 3,
                system: 4
            }
        );
        assert!((c.f1() - 4.0 / 7.0).abs() < 1e-12);
    }
}
