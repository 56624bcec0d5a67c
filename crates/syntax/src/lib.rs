/*!
Syntax models trained by gazette: a part-of-speech tagger (UPOS + Penn XPOS), a
lemmatizer and a dependency parser (Universal Dependencies), all small, CPU-only and
trained from a UD treebank in a few minutes.

* [`tagger`]: greedy averaged perceptron over hashed features, with a tag dictionary.
* [`lemma`]: lemma table from the treebank plus suffix rewrite rules learned from it.
* [`parser`]: transition-based arc-hybrid parser, averaged perceptron, trained with a
  dynamic oracle (it learns to recover from its own mistakes).

A [`SyntaxModel`] bundles the three; it is saved as one gzip-compressed file and the
default English model (trained on UD English EWT) is compiled into the crate, so loading
needs no file and no network.

```
use gazette_syntax::SyntaxModel;

let model = SyntaxModel::english();
let parsed = model.analyze(&["Putin", "met", "Assad", "in", "Sochi", "."]);
assert_eq!(parsed[1].upos, "VERB");
assert_eq!(parsed[0].deprel, "nsubj");
assert_eq!(parsed[0].head, 1);
```
*/
#![deny(missing_docs)]

pub mod conllu;
pub use gazette_learn::{perceptron, words};
pub mod lemma;
pub mod parser;
pub mod score;
pub mod tagger;
pub mod train;

use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::words::WordInfo;

/// The analysis of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Universal POS tag.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    /// Lemma.
    pub lemma: String,
    /// Index (0-based, within the sentence) of the head word; the root is its own head.
    pub head: usize,
    /// Dependency relation to the head (`root` for the root).
    pub deprel: String,
}

/// Tagger, lemmatizer and parser, trained together on one treebank.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SyntaxModel {
    /// Facts about the model, checked when it is loaded.
    pub meta: ModelMeta,
    /// The part-of-speech tagger.
    pub tagger: tagger::Tagger,
    /// The lemmatizer.
    pub lemmatizer: lemma::Lemmatizer,
    /// The dependency parser.
    pub parser: parser::Parser,
}

pub use gazette_learn::file::{ModelError, ModelMeta};

/// Version of the model file format written by this crate.
pub const MODEL_FORMAT: u32 = 2;

static ENGLISH: &[u8] = include_bytes!("../../../models/syntax/en_ewt.bin.gz");
static ENGLISH_ACCURATE: &[u8] = include_bytes!("../../../models/syntax/accurate/en_ewt.bin.gz");

impl SyntaxModel {
    /// The default English model (UD English EWT), decoded once per process.
    pub fn english() -> &'static SyntaxModel {
        static MODEL: OnceLock<SyntaxModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            SyntaxModel::from_bytes(ENGLISH).expect("the bundled syntax model loads")
        })
    }

    /// The accurate English model: the same tagger and lemmatizer, and a parser trained
    /// and run with a beam of 8 hypotheses (about 1.4 points more UAS and LAS, at a fifth
    /// of the greedy parser's speed). Decoded once per process, on first use.
    pub fn english_accurate() -> &'static SyntaxModel {
        static MODEL: OnceLock<SyntaxModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            SyntaxModel::from_bytes(ENGLISH_ACCURATE)
                .expect("the bundled accurate syntax model loads")
        })
    }

    /// Reads a model from gzip-compressed bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<SyntaxModel, ModelError> {
        let model: SyntaxModel = gazette_learn::file::decode(bytes).map_err(ModelError::Format)?;
        if model.meta.format != MODEL_FORMAT {
            return Err(ModelError::Format(format!(
                "format {} (expected {MODEL_FORMAT})",
                model.meta.format
            )));
        }
        // Inference indexes by these sizes: a model whose parts disagree is refused here
        // rather than panicking on the first sentence.
        if model.tagger.n_classes() != model.tagger.tags.len() || model.tagger.tags.is_empty() {
            return Err(ModelError::Format(
                "tagger classes and tag list disagree".into(),
            ));
        }
        if model.parser.n_classes() != 1 + 2 * model.parser.labels.len()
            || !model.parser.labels.iter().any(|l| l == "root")
        {
            return Err(ModelError::Format(
                "parser classes and label list disagree".into(),
            ));
        }
        Ok(model)
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<SyntaxModel, ModelError> {
        SyntaxModel::from_bytes(&std::fs::read(path)?)
    }

    /// Writes the model, gzip-compressed.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        Ok(gazette_learn::file::save(self, path)?)
    }

    /// Penn Treebank tags of one sentence's words (the tagger alone).
    pub fn penn_tags(&self, forms: &[&str]) -> Vec<&str> {
        let infos: Vec<WordInfo> = forms.iter().map(|f| WordInfo::new(f)).collect();
        self.tagger
            .tag(&infos)
            .into_iter()
            .map(|t| self.tagger.tags[t as usize].1.as_str())
            .collect()
    }

    /// Tags, lemmatizes and parses one sentence given as word forms.
    pub fn analyze(&self, forms: &[&str]) -> Vec<Analysis> {
        let infos: Vec<WordInfo> = forms.iter().map(|f| WordInfo::new(f)).collect();
        let tags = self.tagger.tag(&infos);
        let tree = self.parser.parse(&infos, &tags);
        forms
            .iter()
            .zip(&tags)
            .zip(tree)
            .enumerate()
            .map(|(i, ((form, &t), (head, label)))| {
                let (upos, xpos) = &self.tagger.tags[t as usize];
                Analysis {
                    upos: upos.clone(),
                    xpos: xpos.clone(),
                    lemma: self.lemmatizer.lemma(form, upos, xpos),
                    head: head.unwrap_or(i),
                    deprel: self.parser.labels[label as usize].clone(),
                }
            })
            .collect()
    }
}

pub(crate) use gazette_learn::Rng;
