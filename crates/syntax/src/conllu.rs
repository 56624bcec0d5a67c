//! CoNLL-U reading: sentences of syntactic words with their gold annotation.
//!
//! Multiword-token lines (`1-2 don't`) are kept as surface tokens for tokenizer scoring;
//! empty nodes (`8.1`) belong to enhanced dependencies and are skipped.

use std::io::BufRead;

use crate::clusters::Clusters;
use crate::words::WordInfo;

/// One syntactic word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Surface form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Language-specific tag (Penn Treebank for English).
    pub xpos: String,
    /// 1-based index of the head word, 0 for the root.
    pub head: usize,
    /// Dependency relation (full, with subtype, e.g. `nsubj:pass`).
    pub deprel: String,
    /// Whether no space follows the word in the raw text (`SpaceAfter=No`).
    pub no_space_after: bool,
}

/// A multiword token spanning words `first..=last` (1-based), e.g. "don't" = do + n't.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiwordToken {
    /// First word index (1-based).
    pub first: usize,
    /// Last word index (1-based).
    pub last: usize,
    /// The surface form.
    pub form: String,
    /// Whether no space follows it.
    pub no_space_after: bool,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// `# sent_id`.
    pub id: String,
    /// `# text`, the raw sentence.
    pub text: String,
    /// Whether a `# newpar` or `# newdoc` comment precedes it.
    pub starts_paragraph: bool,
    /// Words in order.
    pub words: Vec<Word>,
    /// Multiword tokens.
    pub multiword: Vec<MultiwordToken>,
}

impl Sentence {
    /// Its words as the tagger and parser read them, with their `clusters`.
    pub fn word_infos(&self, clusters: &Clusters) -> Vec<WordInfo> {
        self.words
            .iter()
            .map(|w| WordInfo::new(&w.form).with_clusters(clusters))
            .collect()
    }
}

/// A line that is not valid CoNLL-U.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Reads every sentence of a CoNLL-U stream.
pub fn read(input: impl BufRead) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (i, line) in input.lines().enumerate() {
        let lineno = i + 1;
        let line = line.map_err(|e| ConlluError {
            line: lineno,
            message: e.to_string(),
        })?;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(v) = comment.strip_prefix("sent_id =") {
                cur.id = v.trim().to_string();
            } else if let Some(v) = comment.strip_prefix("text =") {
                cur.text = v.trim().to_string();
            } else if comment.starts_with("newpar") || comment.starts_with("newdoc") {
                cur.starts_paragraph = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluError {
                line: lineno,
                message: format!("expected 10 columns, found {}", cols.len()),
            });
        }
        let no_space_after = cols[9].split('|').any(|m| m == "SpaceAfter=No");
        if cols[0].contains('.') {
            continue;
        }
        if let Some((a, b)) = cols[0].split_once('-') {
            let parse = |s: &str| {
                s.parse::<usize>().map_err(|_| ConlluError {
                    line: lineno,
                    message: format!("bad range {}", cols[0]),
                })
            };
            cur.multiword.push(MultiwordToken {
                first: parse(a)?,
                last: parse(b)?,
                form: cols[1].to_string(),
                no_space_after,
            });
            continue;
        }
        let head = cols[6].parse::<usize>().map_err(|_| ConlluError {
            line: lineno,
            message: format!("bad head {:?}", cols[6]),
        })?;
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            no_space_after,
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads a CoNLL-U file.
pub fn read_path(path: &std::path::Path) -> Result<Vec<Sentence>, ConlluError> {
    let f = std::fs::File::open(path).map_err(|e| ConlluError {
        line: 0,
        message: format!("{}: {e}", path.display()),
    })?;
    read(std::io::BufReader::new(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_multiword_tokens_and_comments() {
        let text = "# newdoc id = d\n# sent_id = s1\n# text = I don't.\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
                    0\tx\tx\tX\tX\t_\t0\troot\t_\t_\n"
            .replace("0\tx\tx\tX\tX\t_\t0\troot\t_\t_\n", "1\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n");
        let s = read(text.as_bytes()).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].id, "s1");
        assert!(s[0].starts_paragraph);
        assert_eq!(s[0].words.len(), 3);
        assert_eq!(s[0].words[1].deprel, "advmod");
        assert!(s[0].words[1].no_space_after);
        assert_eq!(
            s[0].multiword[0],
            MultiwordToken {
                first: 1,
                last: 2,
                form: "don't".into(),
                no_space_after: false
            }
        );
        assert!(
            read("1\tbad\n".as_bytes())
                .unwrap_err()
                .to_string()
                .starts_with("line 1")
        );
    }
}
