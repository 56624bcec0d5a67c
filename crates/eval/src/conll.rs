//! CoNLL-2003 English NER, test set (testb), gold tokens: entity P/R/F1 with conlleval
//! semantics (exact type and span), overall and per type, as `shared/tools/score_ner.py`
//! computes them. The part-of-speech features come from gazette's own tagger.

use std::path::Path;

use gazette_ner::{EntityModel, conll, score};
use gazette_syntax::SyntaxModel;

use crate::{EvalError, Outcome, Progress, Row};

/// Name of the row.
pub const NAME: &str = "conll2003";
/// Where the data lives under the data directory.
pub const DIR: &str = "ner/conll2003";

/// Labels each test sentence; returns the gold sentences and predicted labels.
pub fn predict(dir: &Path) -> Result<(Vec<conll::Sentence>, Vec<Vec<String>>), EvalError> {
    let path = dir.join("eng.testb");
    let test = conll::read_path(&path).map_err(|e| EvalError::Format {
        path,
        message: e.to_string(),
    })?;
    let syntax = SyntaxModel::english();
    let ner = EntityModel::english();
    let predicted = label_all(syntax, ner, &test);
    Ok((test, predicted))
}

/// The labels of every sentence, with part-of-speech tags from gazette's own tagger; the
/// recognizer remembers what it found earlier in each document ([`gazette_ner::History`]).
pub fn label_all(
    syntax: &SyntaxModel,
    ner: &EntityModel,
    sentences: &[conll::Sentence],
) -> Vec<Vec<String>> {
    let tags: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            syntax.penn_tags(&words)
        })
        .collect();
    conll::label_documents(ner, sentences, &tags)
}

/// The test row; with `predictions_dir`, also writes `conll2003.txt` (token gold pred),
/// the layout score_ner.py reads.
pub fn run(
    dir: &Path,
    predictions_dir: Option<&Path>,
    progress: &Progress<'_>,
) -> Result<Outcome, EvalError> {
    progress(0, 1);
    let (test, predicted) = predict(dir)?;
    let (all, by_type) = score::score(
        test.iter()
            .zip(&predicted)
            .map(|(s, p)| (s.labels.as_slice(), p.as_slice())),
    );
    if let Some(out) = predictions_dir {
        std::fs::create_dir_all(out).map_err(|e| EvalError::io(out, e))?;
        let mut text = String::new();
        for (s, p) in test.iter().zip(&predicted) {
            for ((w, g), l) in s.words.iter().zip(&s.labels).zip(p) {
                text.push_str(&format!("{w} {g} {l}\n"));
            }
            text.push('\n');
        }
        let path = out.join(format!("{NAME}.txt"));
        std::fs::write(&path, text).map_err(|e| EvalError::io(&path, e))?;
    }
    let (p, r, f) = all.prf();
    let mut rows = vec![
        Row::new(NAME, "precision", p, all.gold),
        Row::new(NAME, "recall", r, all.gold),
        Row::new(NAME, "f1", f, all.gold),
    ];
    for (t, c) in by_type {
        rows.push(Row::new(NAME, &format!("f1_{t}"), c.prf().2, c.gold));
    }
    progress(1, 1);
    Ok(Outcome {
        rows,
        warnings: Vec::new(),
    })
}
