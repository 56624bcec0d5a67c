//! Scores with gold tokenization, as the CoNLL 2018 shared task computes them when the
//! words are given: UPOS, XPOS and lemma accuracy, UAS and LAS over all words
//! (punctuation included), LAS comparing the universal part of the relation.

use crate::SyntaxModel;
use crate::conllu::Sentence;

/// Accuracy of each annotation over words.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct GoldTokenScores {
    /// Words scored.
    pub words: usize,
    /// Universal POS accuracy.
    pub upos: f64,
    /// Penn tag accuracy.
    pub xpos: f64,
    /// Lemma accuracy.
    pub lemma: f64,
    /// Unlabelled attachment score.
    pub uas: f64,
    /// Labelled attachment score (universal relation).
    pub las: f64,
}

/// The universal part of a relation (`nsubj:pass` → `nsubj`).
pub fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Runs the model on the gold words of each sentence and scores it.
pub fn gold_tokens(model: &SyntaxModel, sentences: &[Sentence]) -> GoldTokenScores {
    let (mut n, mut upos, mut xpos, mut lemma, mut uas, mut las) = (0usize, 0, 0, 0, 0, 0);
    for s in sentences {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let out = model.analyze(&forms);
        for (i, (g, p)) in s.words.iter().zip(&out).enumerate() {
            n += 1;
            upos += (g.upos == p.upos) as usize;
            xpos += (g.xpos == p.xpos) as usize;
            lemma += (g.lemma == p.lemma) as usize;
            let head = if p.head == i { 0 } else { p.head + 1 };
            if head == g.head {
                uas += 1;
                las += (universal(&g.deprel) == universal(&p.deprel)) as usize;
            }
        }
    }
    let r = |k: usize| k as f64 / n.max(1) as f64;
    GoldTokenScores {
        words: n,
        upos: r(upos),
        xpos: r(xpos),
        lemma: r(lemma),
        uas: r(uas),
        las: r(las),
    }
}
