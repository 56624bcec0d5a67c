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

use gazette_learn::binary::BinaryModel;
use gazette_learn::perceptron::train_bag;

pub use gazette_learn::file::{ModelError, ModelMeta};

/// Version of the model file format written by this crate.
pub const MODEL_FORMAT: u32 = 1;

/// Class indices.
const FURNITURE: usize = 0;
const ARTICLE: usize = 1;

static BUNDLED: &[u8] = include_bytes!("../../../models/extract/blocks.bin.gz");

/// The trained block classifier: "yes" is article text, "no" furniture.
pub type BlockModel = BinaryModel;

/// The block classifier shipped with gazette, decoded once per process; `None` only
/// while the repository is being bootstrapped with an empty model file.
pub fn bundled() -> Option<&'static BlockModel> {
    static MODEL: OnceLock<Option<BlockModel>> = OnceLock::new();
    gazette_learn::file::bundled(&MODEL, BUNDLED, from_bytes)
}

/// Reads a block classifier from gzip-compressed bytes.
pub fn from_bytes(bytes: &[u8]) -> Result<BlockModel, ModelError> {
    BinaryModel::from_bytes(bytes, MODEL_FORMAT)
}

/// Reads a block classifier file.
pub fn load(path: &Path) -> Result<BlockModel, ModelError> {
    from_bytes(&std::fs::read(path)?)
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

/// One block of a page's container with its label, when the snippets or the sentence
/// rules tell it.
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

fn examples<'a>(pages: impl IntoIterator<Item = &'a LabeledPage>) -> Vec<Example> {
    let mut out = Vec::new();
    for p in pages {
        let with: Vec<String> = p.with.iter().map(|s| normalize(s)).collect();
        let without: Vec<String> = p.without.iter().map(|s| normalize(s)).collect();
        for (text, features) in crate::html::candidate_blocks(&p.html) {
            // Where the snippets are silent, a block the sentence rules call furniture
            // (a copyright line, a cookie notice, an appeal) is one more furniture example:
            // the snippets give few (155 blocks against 2,073 of article text), and a
            // classifier that has seen more furniture keeps less of it. Cross-validation
            // 0.9459 -> 0.9463 (precision 0.936 -> 0.944, recall 0.956 -> 0.949).
            let label = label(&text, &with, &without)
                .or_else(|| crate::text::is_furniture_sentence(&text).then_some(FURNITURE));
            if let Some(label) = label {
                out.push(Example { features, label });
            }
        }
    }
    out
}

/// Trains the classifier on labeled pages: `bag` perceptrons, each from its own seeded
/// random order (`seed`, `seed + 1`, ...) over `epochs` passes, whose averaged weights are
/// averaged again. One model's output moves by a few tenths of a point when its training
/// blocks change a little; the mean of five moves about half as much.
pub fn train<'a>(
    pages: impl IntoIterator<Item = &'a LabeledPage>,
    epochs: usize,
    seed: u64,
    bag: u64,
    meta: ModelMeta,
) -> BlockModel {
    let examples = examples(pages);
    // Each member starts from the blocks' own order (not where the member before left it).
    let trainers = (0..bag.max(1))
        .flat_map(|b| {
            let mut order: Vec<&Example> = examples.iter().collect();
            let mut scores = [0f32; 2];
            train_bag(
                &mut order,
                2,
                epochs,
                seed + b,
                1,
                |trainer, ex| {
                    trainer.tick(&ex.features);
                    trainer.score(&ex.features, &mut scores);
                    let guess = if scores[ARTICLE] > scores[FURNITURE] {
                        ARTICLE
                    } else {
                        FURNITURE
                    };
                    trainer.update(&ex.features, ex.label, guess);
                    guess == ex.label
                },
                |_, _, _| {},
            )
        })
        .collect();
    BinaryModel::from_trainers(trainers, meta)
}

/// Counts of labeled blocks (article, furniture) in pages, for the model card.
pub fn label_counts(pages: &[LabeledPage]) -> (usize, usize) {
    let ex = examples(pages);
    let article = ex.iter().filter(|e| e.label == ARTICLE).count();
    (article, ex.len() - article)
}
