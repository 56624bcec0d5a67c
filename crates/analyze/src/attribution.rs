//! Learned attribution contents: which clauses and phrases of a parsed sentence are what
//! a source said, thought or did, beyond the statements the quote rules find.
//!
//! Every subtree of the parse is a candidate content (trimmed of its edge punctuation and
//! of a leading "that"); an averaged perceptron scores it from the word that governs it
//! (lemma, frame, its subject, how often annotators took it as a cue), the candidate's own
//! head and relation, its length and whether it is quoted. Trained by `gazette train
//! quotes` on PolNeAR's training articles (see models/quotes/MODEL_CARD.md).

use gazette_doc::Doc;

use crate::quotes::{CueLexicon, Tree};

/// A candidate content: the subtree of `head`, as the token range `lo..=hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Head token of the subtree.
    pub head: usize,
    /// First token.
    pub lo: usize,
    /// Last token.
    pub hi: usize,
}

/// Every subtree of two tokens or more, trimmed.
pub(crate) fn candidates(tree: &Tree<'_>) -> Vec<Candidate> {
    let tokens = tree.tokens;
    let mut out = Vec::new();
    for head in 0..tokens.len() {
        let (mut lo, mut hi) = tree.extent(head);
        while lo < hi
            && (tokens[lo].pos.as_deref() == Some("PUNCT")
                || matches!(tree.dep(lo), "mark" | "cc") && tokens[lo].head == Some(head))
        {
            lo += 1;
        }
        while hi > lo && tokens[hi].pos.as_deref() == Some("PUNCT") {
            hi -= 1;
        }
        if hi > lo {
            out.push(Candidate { head, lo, hi });
        }
    }
    out
}

/// Char positions (not spaces) shared by two spans, over each span's own count: the
/// matching rule of the PolNeAR scorer.
pub fn overlap(text: &[char], a: &[(usize, usize)], b: (usize, usize)) -> (f64, f64) {
    let solid = |i: usize| text.get(i).is_some_and(|c| !c.is_whitespace());
    let in_a = |i: usize| a.iter().any(|&(s, e)| s <= i && i < e);
    let a_len = a
        .iter()
        .flat_map(|&(s, e)| s..e)
        .filter(|&i| solid(i))
        .count();
    let b_len = (b.0..b.1).filter(|&i| solid(i)).count();
    let both = (b.0..b.1).filter(|&i| solid(i) && in_a(i)).count();
    (
        both as f64 / a_len.max(1) as f64,
        both as f64 / b_len.max(1) as f64,
    )
}

/// The candidates of an analyzed document as char spans.
pub fn candidate_spans(doc: &Doc) -> Vec<(Candidate, (usize, usize))> {
    let tokens = doc.tokens();
    let tree = Tree::new(tokens);
    candidates(&tree)
        .into_iter()
        .map(|c| (c, (tokens[c.lo].start, tokens[c.hi].end)))
        .collect()
}

use gazette_learn::perceptron::{Trainer, Weights, feat, hash_str};
use serde::{Deserialize, Serialize};

pub use gazette_learn::file::{ModelError, ModelMeta};

/// Version of the model file format written by this module.
pub const MODEL_FORMAT: u32 = 1;

const OTHER: usize = 0;
const CONTENT: usize = 1;

static BUNDLED: &[u8] = include_bytes!("../../../models/quotes/content.bin.gz");

/// The trained content scorer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContentModel {
    /// How it was trained.
    pub meta: ModelMeta,
    weights: Weights,
}

impl ContentModel {
    /// The model shipped with gazette, decoded once per process; `None` while the
    /// repository is bootstrapped with an empty model file.
    pub fn bundled() -> Option<&'static ContentModel> {
        static MODEL: std::sync::OnceLock<Option<ContentModel>> = std::sync::OnceLock::new();
        MODEL
            .get_or_init(|| {
                (!BUNDLED.is_empty()).then(|| {
                    ContentModel::from_bytes(BUNDLED).expect("the bundled content model loads")
                })
            })
            .as_ref()
    }

    /// Reads a model from gzip-compressed bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<ContentModel, ModelError> {
        let model: ContentModel = gazette_learn::file::decode(bytes).map_err(ModelError::Format)?;
        if model.meta.format != MODEL_FORMAT || model.weights.n_classes() != 2 {
            return Err(ModelError::Format(format!(
                "format {} with {} classes (expected {MODEL_FORMAT} with 2)",
                model.meta.format,
                model.weights.n_classes()
            )));
        }
        Ok(model)
    }

    /// Writes the model, gzip-compressed.
    pub fn save(&self, path: &std::path::Path) -> Result<(), ModelError> {
        Ok(gazette_learn::file::save(self, path)?)
    }

    /// How much more content than not a candidate looks (negative: not content), in
    /// perceptron updates.
    pub fn margin(&self, features: &[u64]) -> f32 {
        let mut s = [0f32; 2];
        self.weights.score(features, &mut s);
        (s[CONTENT] - s[OTHER]) * self.weights.scale()
    }
}

/// What the features of a document's candidates are computed from, once per document.
pub(crate) struct Context<'a> {
    doc: &'a Doc,
    tree: &'a Tree<'a>,
    lexicon: &'a CueLexicon,
    /// For each token: inside a quotation.
    quoted: Vec<bool>,
    /// For each token: its sentence's first and last token.
    sentence: Vec<(usize, usize)>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(doc: &'a Doc, tree: &'a Tree<'a>, lexicon: &'a CueLexicon) -> Context<'a> {
        let tokens = tree.tokens;
        let marks = crate::quotes::quotations(doc.text());
        let quoted = tokens
            .iter()
            .map(|t| marks.iter().any(|&(s, e)| s < t.start && t.end < e))
            .collect();
        let mut sentence = vec![(0, 0); tokens.len()];
        let mut t = 0;
        for s in doc.sentences() {
            let first = t;
            while t < tokens.len() && tokens[t].start < s.end {
                t += 1;
            }
            sentence[first..t].fill((first, t.saturating_sub(1)));
        }
        Context {
            doc,
            tree,
            lexicon,
            quoted,
            sentence,
        }
    }

    fn word(&self, i: usize) -> String {
        let t = &self.tree.tokens[i];
        self.doc.text()[self.doc.char_to_byte(t.start)..self.doc.char_to_byte(t.end)].to_lowercase()
    }

    /// Hashed features of a candidate.
    pub(crate) fn features(&self, c: Candidate, out: &mut Vec<u64>) {
        out.clear();
        let tree = self.tree;
        let tokens = tree.tokens;
        let h = c.head;
        let s = |x: &str| hash_str(x);
        let pos = |i: usize| s(tokens[i].pos.as_deref().unwrap_or(""));
        let dep = s(tree.dep(h));
        let governor = tokens[h].head.filter(|&g| g != h);
        let len = c.hi - c.lo + 1;
        let len_bucket = match len {
            0..=2 => 0,
            3..=5 => 1,
            6..=10 => 2,
            11..=20 => 3,
            21..=40 => 4,
            _ => 5,
        };
        let quoted = (c.lo..=c.hi).filter(|&i| self.quoted[i]).count();
        let quote_share = (quoted * 4 / len) as u64;
        let (first, last) = self.sentence[h];
        let whole = (c.lo <= first + 1 && c.hi + 2 >= last) as u64;
        out.extend_from_slice(&[
            feat(1, 0, 0, 0),
            feat(2, dep, 0, 0),
            feat(3, pos(h), 0, 0),
            feat(4, dep, pos(h), 0),
            feat(5, len_bucket, 0, 0),
            feat(6, dep, len_bucket, 0),
            feat(7, quote_share, 0, 0),
            feat(8, quote_share, dep, 0),
            feat(9, whole, dep, 0),
            feat(10, s(&self.word(c.lo)), 0, 0),
            feat(11, pos(c.lo), dep, 0),
            feat(12, s(tree.lemma(h)), dep, 0),
        ]);
        // The words just outside the candidate ("said that [...]", "[...], he said").
        let before = if c.lo > first {
            s(&self.word(c.lo - 1))
        } else {
            0
        };
        let after = if c.hi < last {
            s(&self.word(c.hi + 1))
        } else {
            0
        };
        out.extend_from_slice(&[
            feat(14, len_bucket, quote_share, 0),
            feat(15, pos(c.hi), dep, 0),
            feat(16, before, 0, 0),
            feat(17, after, 0, 0),
            feat(18, before, dep, 0),
            feat(19, after, whole, 0),
        ]);
        // The preposition of an oblique ("after the meeting") and the verb form of a
        // clause ("finishing the talks"): adjuncts rather than what was said.
        if let Some(case) = tree.child(h, &["case"]) {
            out.push(feat(36, s(&self.word(case)), dep, 0));
        }
        out.push(feat(37, s(tokens[h].tag.as_deref().unwrap_or("")), dep, 0));
        // A mark before the subtree ("that", "whether", "if").
        if let Some(m) = tree.child(h, &["mark"]) {
            out.push(feat(13, s(&self.word(m)), dep, 0));
        }
        match governor {
            Some(g) => {
                let lemma = tree.lemma(g).to_lowercase();
                let frame = crate::quotes::frame(self.doc, tree, g);
                let share = self
                    .lexicon
                    .share(&lemma, frame)
                    .map_or(11, |x| (x * 10.0) as u64);
                let listed = crate::quotes::CUES.contains(&lemma.as_str()) as u64;
                let gl = s(&lemma);
                out.extend_from_slice(&[
                    feat(20, gl, 0, 0),
                    feat(21, gl, dep, 0),
                    feat(22, s(frame), dep, 0),
                    feat(23, gl, s(frame), 0),
                    feat(24, pos(g), dep, 0),
                    feat(25, share, dep, 0),
                    feat(26, share, 0, 0),
                    feat(27, listed, dep, 0),
                    feat(28, s(tree.dep(g)), dep, 0),
                    feat(29, share, len_bucket, 0),
                    feat(30, (g < h) as u64, dep, 0),
                    feat(31, share, quote_share, 0),
                    feat(33, gl, quote_share, 0),
                    feat(34, gl, len_bucket, 0),
                    feat(35, gl, before, 0),
                ]);
                // The governor's own governor: "said he expects that ...".
                if let Some(gg) = tokens[g].head.filter(|&x| x != g) {
                    out.push(feat(32, s(tree.lemma(gg)), s(tree.dep(g)), 0));
                }
                // The likeliest cue above the governor ("said it would seek to [...]"): its
                // share and how far up it is.
                let mut at = tokens[g].head.filter(|&x| x != g);
                let mut best: Option<(f64, usize, usize)> = None;
                for up in 1..=4 {
                    let Some(a) = at else { break };
                    let lemma = tree.lemma(a).to_lowercase();
                    let frame = crate::quotes::frame(self.doc, tree, a);
                    if let Some(x) = self.lexicon.share(&lemma, frame) {
                        if best.is_none_or(|b| x > b.0) {
                            best = Some((x, up, a));
                        }
                    }
                    at = tokens[a].head.filter(|&x| x != a);
                }
                if let Some((x, up, a)) = best {
                    let bucket = (x * 10.0) as u64;
                    out.push(feat(38, bucket, up as u64, dep));
                    out.push(feat(39, s(&tree.lemma(a).to_lowercase()), up as u64, 0));
                }
            }
            None => out.push(feat(40, whole, quote_share, 0)),
        }
    }
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Passes over the candidates.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
}

/// One training document: an analyzed doc and its gold content spans (each attribution's
/// spans, char offsets).
pub struct Labeled<'a> {
    /// The analyzed document (tokens, sentences, syntax, entities).
    pub doc: &'a Doc,
    /// The cue lexicon the features read (the one trained in the same run).
    pub lexicon: &'a CueLexicon,
    /// Content spans of each attribution.
    pub gold: Vec<Vec<(usize, usize)>>,
}

/// Candidates with their features and labels: the best-matching candidate of each gold
/// content (matched at overlap 0.5 or more) is content; candidates that also match a gold
/// content well are left out (neither right nor wrong); the rest are not content.
pub fn examples(labeled: &Labeled<'_>) -> Vec<(Vec<u64>, bool)> {
    let doc = labeled.doc;
    let tokens = doc.tokens();
    let tree = Tree::new(tokens);
    let context = Context::new(doc, &tree, labeled.lexicon);
    let chars: Vec<char> = doc.text().chars().collect();
    let cands = candidates(&tree);
    let spans: Vec<(usize, usize)> = cands
        .iter()
        .map(|c| (tokens[c.lo].start, tokens[c.hi].end))
        .collect();
    let mut label = vec![Some(false); cands.len()];
    for gold in &labeled.gold {
        let mut best: Option<(usize, f64)> = None;
        for (i, &span) in spans.iter().enumerate() {
            let (g, p) = overlap(&chars, gold, span);
            let m = g.min(p);
            if m >= 0.5 {
                if label[i] == Some(false) {
                    label[i] = None;
                }
                if best.is_none_or(|(_, b)| m > b) {
                    best = Some((i, m));
                }
            }
        }
        if let Some((i, _)) = best {
            label[i] = Some(true);
        }
    }
    let mut out = Vec::new();
    let mut feats = Vec::new();
    for (c, l) in cands.iter().zip(label) {
        if let Some(l) = l {
            context.features(*c, &mut feats);
            out.push((feats.clone(), l));
        }
    }
    out
}

/// Trains the content scorer on labeled candidates.
pub fn train(
    mut data: Vec<(Vec<u64>, bool)>,
    cfg: Settings,
    trained_on: &str,
    log: &mut dyn FnMut(&str),
) -> ContentModel {
    let mut trainer = Trainer::new(2);
    let mut rng = gazette_learn::Rng::new(cfg.seed);
    let mut scores = [0f32; 2];
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut data);
        let mut correct = 0usize;
        for (f, y) in &data {
            trainer.score(f, &mut scores);
            let guess = if scores[CONTENT] > scores[OTHER] {
                CONTENT
            } else {
                OTHER
            };
            let truth = if *y { CONTENT } else { OTHER };
            trainer.tick(f);
            trainer.update(f, truth, guess);
            correct += (guess == truth) as usize;
        }
        log(&format!(
            "  epoch {}: accuracy {:.4}",
            epoch + 1,
            correct as f64 / data.len().max(1) as f64
        ));
    }
    ContentModel {
        meta: ModelMeta {
            format: MODEL_FORMAT,
            trained_on: trained_on.to_string(),
            license: "research use (PolNeAR annotations)".into(),
            settings: format!("{cfg:?}"),
            dev_scores: Vec::new(),
        },
        weights: trainer.average(2, 0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzed(text: &str) -> Doc {
        let mut doc = Doc::new(text.to_string(), gazette_doc::Meta::default());
        crate::Pipeline::english().run(&mut doc).unwrap();
        doc
    }

    fn text_of(doc: &Doc, span: (usize, usize)) -> String {
        doc.text()
            .chars()
            .skip(span.0)
            .take(span.1 - span.0)
            .collect()
    }

    #[test]
    fn subtrees_are_trimmed_candidates_and_overlap_counts_solid_chars() {
        let doc = analyzed("Stumpf said that the bank would pay the fines.");
        let spans: Vec<String> = candidate_spans(&doc)
            .into_iter()
            .map(|(_, s)| text_of(&doc, s))
            .collect();
        // The clause without its "that" and the final period is a candidate.
        assert!(
            spans.contains(&"the bank would pay the fines".to_string()),
            "{spans:?}"
        );
        assert!(
            spans.iter().all(|s| !s.ends_with('.') || s.len() < 3),
            "{spans:?}"
        );
        let chars: Vec<char> = "ab cd ef".chars().collect();
        // Gold "ab cd" (4 solid chars) against "cd ef": 2 shared of 4 each.
        assert_eq!(overlap(&chars, &[(0, 5)], (3, 8)), (0.5, 0.5));
    }

    #[test]
    fn the_best_matching_candidate_is_the_positive_example() {
        let doc = analyzed("Stumpf said that the bank would pay the fines.");
        let lexicon = CueLexicon::english();
        // Gold content: "the bank would pay the fines" (chars 17..45).
        let gold = vec![vec![(17, 45)]];
        assert_eq!(text_of(&doc, (17, 45)), "the bank would pay the fines");
        let examples = examples(&Labeled {
            doc: &doc,
            lexicon,
            gold,
        });
        assert_eq!(examples.iter().filter(|(_, y)| *y).count(), 1);
        // "the bank" and "the fines" are negatives; the whole sentence, which also covers
        // the gold content well, is neither.
        assert_eq!(examples.iter().filter(|(_, y)| !*y).count(), 2);
    }

    #[test]
    fn the_bundled_scorer_prefers_the_reported_clause() {
        let model = ContentModel::bundled().expect("a content model is bundled");
        let doc = analyzed("Stumpf said that the bank would pay the fines.");
        let tree = Tree::new(doc.tokens());
        let context = Context::new(&doc, &tree, CueLexicon::english());
        let mut feats = Vec::new();
        let margin_of = |wanted: &str, feats: &mut Vec<u64>| {
            let (c, _) = candidate_spans(&doc)
                .into_iter()
                .find(|(_, s)| text_of(&doc, *s) == wanted)
                .unwrap_or_else(|| panic!("no candidate {wanted:?}"));
            context.features(c, feats);
            model.margin(feats)
        };
        let clause = margin_of("the bank would pay the fines", &mut feats);
        let object = margin_of("the fines", &mut feats);
        assert!(clause > 0.0, "{clause}");
        assert!(clause > object, "{clause} {object}");
    }
}
