//! A learned block classifier: is this block of the article's container article text or
//! furniture (captions, credits, author boxes, teasers, "more on this" lines)?
//!
//! An averaged perceptron over hashed features of the block (its words at the edges,
//! length, punctuation, link density) and of its place in the page (tags and class/id
//! words of the element and its ancestors, position in the container). Trained by
//! `gazette train extraction` from the must/must-not snippets of trafilatura's evaluation
//! set (see models/extract/MODEL_CARD.md); the hand-set rules of [`crate::html`] choose
//! the container, the classifier then drops the furniture inside it.

use std::path::Path;
use std::sync::OnceLock;

use gazette_learn::Rng;
use gazette_learn::perceptron::{Trainer, Weights};
use serde::{Deserialize, Serialize};

pub use gazette_learn::file::{ModelError, ModelMeta};

/// Version of the model file format written by this crate.
pub const MODEL_FORMAT: u32 = 1;

/// Class indices.
const FURNITURE: usize = 0;
const ARTICLE: usize = 1;

static BUNDLED: &[u8] = include_bytes!("../../../models/extract/blocks.bin.gz");

/// The trained block classifier.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BlockModel {
    /// How it was trained.
    pub meta: ModelMeta,
    weights: Weights,
}

impl BlockModel {
    /// The model shipped with gazette, decoded once per process; `None` only while the
    /// repository is being bootstrapped with an empty model file.
    pub fn bundled() -> Option<&'static BlockModel> {
        static MODEL: OnceLock<Option<BlockModel>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                (!BUNDLED.is_empty()).then(|| {
                    BlockModel::from_bytes(BUNDLED).expect("the bundled block model loads")
                })
            })
            .as_ref()
    }

    /// Reads a model from gzip-compressed bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<BlockModel, ModelError> {
        let model: BlockModel = gazette_learn::file::decode(bytes).map_err(ModelError::Format)?;
        if model.meta.format != MODEL_FORMAT || model.weights.n_classes() != 2 {
            return Err(ModelError::Format(format!(
                "format {} with {} classes (expected {MODEL_FORMAT} with 2)",
                model.meta.format,
                model.weights.n_classes()
            )));
        }
        Ok(model)
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<BlockModel, ModelError> {
        BlockModel::from_bytes(&std::fs::read(path)?)
    }

    /// Writes the model, gzip-compressed.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        Ok(gazette_learn::file::save(self, path)?)
    }

    /// How much more article than furniture a block looks (negative: furniture).
    pub(crate) fn margin(&self, features: &[u64]) -> f32 {
        let mut s = [0f32; 2];
        self.weights.score(features, &mut s);
        s[ARTICLE] - s[FURNITURE]
    }
}

/// A page with snippets of its article text and of its furniture.
#[derive(Debug, Clone)]
pub struct LabeledPage {
    /// Page name, for messages.
    pub name: String,
    /// The decoded HTML.
    pub html: String,
    /// Snippets of article text.
    pub with: Vec<String>,
    /// Snippets of furniture.
    pub without: Vec<String>,
}

/// One block of a page's container with its label, when the snippets tell it.
struct Example {
    features: Vec<u64>,
    label: usize,
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Labels a block from a page's snippets: article text when it holds a "with" snippet
/// (or is part of a long one), furniture when a "without" snippet makes up most of it.
fn label(block: &str, with: &[String], without: &[String]) -> Option<usize> {
    let n = block.chars().count();
    let is_with = with
        .iter()
        .any(|w| block.contains(w.as_str()) || (n >= 30 && w.contains(block)));
    let is_without = without
        .iter()
        .any(|w| block.contains(w.as_str()) && w.chars().count() * 2 >= n);
    match (is_with, is_without) {
        (true, false) => Some(ARTICLE),
        (false, true) => Some(FURNITURE),
        _ => None,
    }
}

fn examples(pages: &[LabeledPage]) -> Vec<Example> {
    let mut out = Vec::new();
    for p in pages {
        let with: Vec<String> = p.with.iter().map(|s| normalize(s)).collect();
        let without: Vec<String> = p.without.iter().map(|s| normalize(s)).collect();
        for (text, features) in crate::html::candidate_blocks(&p.html) {
            if let Some(label) = label(&text, &with, &without) {
                out.push(Example { features, label });
            }
        }
    }
    out
}

/// Trains the classifier on labeled pages (several passes in a seeded random order).
pub fn train(pages: &[LabeledPage], epochs: usize, seed: u64, meta: ModelMeta) -> BlockModel {
    let mut examples = examples(pages);
    let mut trainer = Trainer::new(2);
    let mut rng = Rng::new(seed);
    let mut scores = [0f32; 2];
    for _ in 0..epochs {
        rng.shuffle(&mut examples);
        for ex in &examples {
            trainer.tick(&ex.features);
            trainer.score(&ex.features, &mut scores);
            let guess = if scores[ARTICLE] > scores[FURNITURE] {
                ARTICLE
            } else {
                FURNITURE
            };
            trainer.update(&ex.features, ex.label, guess);
        }
    }
    BlockModel {
        meta,
        weights: trainer.average(2, 0.0),
    }
}

/// Counts of labeled blocks (article, furniture) in pages, for the model card.
pub fn label_counts(pages: &[LabeledPage]) -> (usize, usize) {
    let ex = examples(pages);
    let article = ex.iter().filter(|e| e.label == ARTICLE).count();
    (article, ex.len() - article)
}
