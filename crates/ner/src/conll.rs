//! CoNLL-2003 reading: one token per line (`TOKEN POS CHUNK NER`), blank lines between
//! sentences, `-DOCSTART-` lines skipped.

use std::io::BufRead;

/// One sentence: words and their gold BIO labels.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Words.
    pub words: Vec<String>,
    /// Gold labels (IOB2, e.g. `B-PER`).
    pub labels: Vec<String>,
    /// Number of the document the sentence belongs to (counted from 0 at each
    /// `-DOCSTART-`; a file without them is one document).
    pub doc: usize,
}

/// A line that is not CoNLL.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ConllError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Reads every sentence; IOB1 labels are converted to IOB2.
pub fn read(input: impl BufRead) -> Result<Vec<Sentence>, ConllError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut doc = 0;
    let mut started = false;
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|e| ConllError {
            line: i + 1,
            message: e.to_string(),
        })?;
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if cols.first() == Some(&"-DOCSTART-") {
                if started {
                    doc += 1;
                }
                started = true;
            }
            cur.doc = doc;
            continue;
        }
        started = true;
        if cols.len() < 2 {
            return Err(ConllError {
                line: i + 1,
                message: "expected a token and a label".into(),
            });
        }
        let mut label = cols[cols.len() - 1].to_string();
        // IOB1 → IOB2: an I- that does not continue the previous entity begins one.
        if let Some(t) = label.strip_prefix("I-") {
            let continues = cur.labels.last().is_some_and(|p| p.get(2..) == Some(t));
            if !continues {
                label = format!("B-{t}");
            }
        }
        cur.words.push(cols[0].to_string());
        cur.labels.push(label);
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// The sentence index range of each document, in order.
pub fn documents(sentences: &[Sentence]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        match out.last_mut() {
            Some(d) if sentences[d.start].doc == s.doc => d.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// BIO label names of every sentence, given its Penn tags, each document read whole by
/// `model` ([`crate::EntityModel::label_document`]).
pub fn label_documents<T: AsRef<str>>(
    model: &crate::EntityModel,
    sentences: &[Sentence],
    tags: &[Vec<T>],
) -> Vec<Vec<String>> {
    let mut out = Vec::with_capacity(sentences.len());
    for d in documents(sentences) {
        let words: Vec<Vec<&str>> = sentences[d.clone()]
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let tags: Vec<Vec<&str>> = tags[d]
            .iter()
            .map(|t| t.iter().map(AsRef::as_ref).collect())
            .collect();
        let pairs: Vec<(&[&str], &[&str])> = words
            .iter()
            .zip(&tags)
            .map(|(w, t)| (w.as_slice(), t.as_slice()))
            .collect();
        out.extend(model.label_names_document(&pairs));
    }
    out
}

/// Reads a CoNLL file.
pub fn read_path(path: &std::path::Path) -> Result<Vec<Sentence>, ConllError> {
    let f = std::fs::File::open(path).map_err(|e| ConllError {
        line: 0,
        message: format!("{}: {e}", path.display()),
    })?;
    read(std::io::BufReader::new(f))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_and_converts_iob1() {
        let s = super::read("-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\nPeter NNP I-NP I-PER\n".as_bytes()).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].labels, ["B-ORG", "O", "B-MISC"]);
        assert_eq!(s[1].words, ["Peter"]);
        assert_eq!((s[0].doc, s[1].doc), (0, 0));
    }

    #[test]
    fn numbers_documents() {
        let s = super::read(
            "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\n\nPeter NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nBonn NNP I-NP I-LOC\n"
                .as_bytes(),
        )
        .unwrap();
        let docs: Vec<usize> = s.iter().map(|s| s.doc).collect();
        assert_eq!(docs, [0, 0, 1]);
        assert_eq!(super::documents(&s), [0..2, 2..3]);
    }
}
