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

use gazette_learn::binary::BinaryModel;
use gazette_learn::perceptron::{Trainer, feat, hash_str, train_bag};

pub use gazette_learn::file::{ModelError, ModelMeta};

/// Version of the model file format written by this module.
pub const MODEL_FORMAT: u32 = 1;

const OTHER: usize = 0;
const CONTENT: usize = 1;

static BUNDLED: &[u8] = include_bytes!("../../../models/quotes/content.bin.gz");

/// The content scorer shipped with gazette ("yes": the candidate is what a source said),
/// decoded once per process; `None` while the repository is bootstrapped with an empty
/// model file. The speaker ranker ([`speaker::bundled`]) has the same form.
pub fn bundled() -> Option<&'static BinaryModel> {
    static MODEL: std::sync::OnceLock<Option<BinaryModel>> = std::sync::OnceLock::new();
    gazette_learn::file::bundled(&MODEL, BUNDLED, from_bytes)
}

/// Reads a content scorer or speaker ranker from gzip-compressed bytes.
pub fn from_bytes(bytes: &[u8]) -> Result<BinaryModel, ModelError> {
    BinaryModel::from_bytes(bytes, MODEL_FORMAT)
}

/// Freezes the mean of `trainers` (one per seed: a bagged model).
fn trained(trainers: Vec<Trainer>, trained_on: &str, settings: String) -> BinaryModel {
    let meta = ModelMeta {
        format: MODEL_FORMAT,
        trained_on: trained_on.to_string(),
        license: "research use (PolNeAR annotations)".into(),
        settings,
        dev_scores: Vec::new(),
    };
    BinaryModel::from_trainers(trainers, meta)
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
    /// `marks` are the document's quotations (`quotes::quotations`), found once.
    pub(crate) fn new(
        doc: &'a Doc,
        tree: &'a Tree<'a>,
        lexicon: &'a CueLexicon,
        marks: &[(usize, usize)],
    ) -> Context<'a> {
        let tokens = tree.tokens;
        let quoted = tokens
            .iter()
            .map(|t| crate::quotes::span_inside_quotation(marks, t.start, t.end))
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

    /// Whether token `t` is inside a quotation.
    pub(crate) fn quoted(&self, t: usize) -> bool {
        self.quoted[t]
    }

    fn word(&self, i: usize) -> String {
        let t = &self.tree.tokens[i];
        self.doc.slice(t.span()).to_lowercase()
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
    /// Seed of the shuffling (of the first model of the bag).
    pub seed: u64,
    /// Models trained, from seeds `seed`, `seed + 1`, ..., whose weights are averaged: one
    /// model moves by about half a point of PolNeAR dev F1 when its training parses
    /// change slightly; the mean of five moves less and scores a little higher.
    pub bag: u64,
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
    let marks = crate::quotes::quotations(doc.text());
    let context = Context::new(doc, &tree, labeled.lexicon, &marks);
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
) -> BinaryModel {
    let mut scores = [0f32; 2];
    let total = data.len().max(1) as f64;
    let trainers = train_bag(
        &mut data,
        2,
        cfg.epochs,
        cfg.seed,
        cfg.bag,
        |trainer, (f, y)| {
            trainer.score(f, &mut scores);
            let guess = if scores[CONTENT] > scores[OTHER] {
                CONTENT
            } else {
                OTHER
            };
            let truth = if *y { CONTENT } else { OTHER };
            trainer.tick(f);
            trainer.update(f, truth, guess);
            guess == truth
        },
        |seed, epoch, correct| {
            log(&format!(
                "  seed {seed} epoch {epoch}: accuracy {:.4}",
                correct as f64 / total
            ))
        },
    );
    trained(trainers, trained_on, format!("{cfg:?}"))
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
    fn the_bundled_speaker_ranker_picks_the_subject_of_the_cue() {
        let model = speaker::bundled().expect("a speaker model is bundled");
        let doc = analyzed(
            "The bank faced new fines. Its chief executive, John Stumpf, said on Tuesday that the bank would pay the fines.",
        );
        let tokens = doc.tokens();
        let tree = Tree::new(tokens);
        let word = |t: usize| text_of(&doc, (tokens[t].start, tokens[t].end));
        let lo = (0..tokens.len()).find(|&t| word(t) == "would").unwrap() - 2;
        let hi = tokens.len() - 2;
        assert_eq!(
            text_of(&doc, (tokens[lo].start, tokens[hi].end)),
            "the bank would pay the fines"
        );
        let marks = crate::quotes::quotations(doc.text());
        let cands = speaker::candidates(&doc, &tree, lo, hi);
        // Noun phrases of this sentence and the one before, outside the content.
        assert!(
            cands.iter().any(|&t| word(t) == "fines" && t < lo),
            "{cands:?}"
        );
        let best = speaker::best(model, &doc, &tree, CueLexicon::english(), &marks, (lo, hi))
            .expect("there are candidates");
        // A word of the subject phrase "Its chief executive, John Stumpf".
        assert!(
            ["executive", "John", "Stumpf"].contains(&word(best).as_str()),
            "{}",
            word(best)
        );
    }

    #[test]
    fn the_bundled_scorer_prefers_the_reported_clause() {
        let model = bundled().expect("a content model is bundled");
        let doc = analyzed("Stumpf said that the bank would pay the fines.");
        let tree = Tree::new(doc.tokens());
        let marks = crate::quotes::quotations(doc.text());
        let context = Context::new(&doc, &tree, CueLexicon::english(), &marks);
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

/// Learned choice of a quote's speaker among the noun phrases around its content.
pub mod speaker {
    use gazette_doc::{Doc, EntityLabel};
    use gazette_learn::perceptron::{feat, hash_str};

    use gazette_learn::binary::BinaryModel;

    use crate::quotes::{CueLexicon, Tree};

    static BUNDLED: &[u8] = include_bytes!("../../../models/quotes/speaker.bin.gz");

    /// The speaker ranker shipped with gazette (`None` while bootstrapping with an empty
    /// file).
    pub fn bundled() -> Option<&'static BinaryModel> {
        static MODEL: std::sync::OnceLock<Option<BinaryModel>> = std::sync::OnceLock::new();
        gazette_learn::file::bundled(&MODEL, BUNDLED, super::from_bytes)
    }

    /// Candidate speakers of a content spanning tokens `lo..=hi`: heads of noun phrases
    /// (nouns, names, pronouns) outside the content, in its sentence and the one before.
    pub(crate) fn candidates(doc: &Doc, tree: &Tree<'_>, lo: usize, hi: usize) -> Vec<usize> {
        let tokens = tree.tokens;
        let sentences = doc.sentences();
        let i = sentences.partition_point(|s| s.end <= tokens[lo].start);
        let from = sentences.get(i.saturating_sub(1)).map_or(0, |s| s.start);
        let to = sentences.get(i).map_or(usize::MAX, |s| s.end);
        // The tokens of those two sentences only (not a scan of the whole document per quote).
        let first = tokens.partition_point(|t| t.start < from);
        let last = tokens.partition_point(|t| t.end <= to);
        (first..last)
            .filter(|&t| {
                (t < lo || t > hi)
                    && matches!(tokens[t].pos.as_deref(), Some("NOUN" | "PROPN" | "PRON"))
                    && !matches!(
                        tree.dep(t),
                        "compound" | "flat" | "fixed" | "det" | "amod" | "nummod"
                    )
                    && !tree.dep(t).starts_with("flat")
            })
            .collect()
    }

    /// The token of the content whose head lies outside it (the content's own head), and
    /// that head (the word governing the content).
    fn content_head(tree: &Tree<'_>, lo: usize, hi: usize) -> (usize, Option<usize>) {
        let tokens = tree.tokens;
        for (t, token) in tokens.iter().enumerate().take(hi + 1).skip(lo) {
            match token.head {
                Some(h) if h == t => return (t, None),
                Some(h) if h < lo || h > hi => return (t, Some(h)),
                _ => {}
            }
        }
        (lo, None)
    }

    /// A content `lo..=hi` whose speaker is sought, with its head and the word governing
    /// it ([`content_head`]), found once for all its candidates.
    #[derive(Debug, Clone, Copy)]
    pub(crate) struct Content {
        lo: usize,
        hi: usize,
        head: usize,
        governor: Option<usize>,
    }

    impl Content {
        pub(crate) fn new(tree: &Tree<'_>, lo: usize, hi: usize) -> Content {
            let (head, governor) = content_head(tree, lo, hi);
            Content {
                lo,
                hi,
                head,
                governor,
            }
        }
    }

    /// Features of candidate `t` as the speaker of `content`.
    /// `marks` are the document's quotations (`quotes::quotations`), found once.
    pub(crate) fn features(
        doc: &Doc,
        tree: &Tree<'_>,
        lexicon: &CueLexicon,
        marks: &[(usize, usize)],
        content: Content,
        t: usize,
        out: &mut Vec<u64>,
    ) {
        let Content {
            lo,
            hi,
            head,
            governor,
        } = content;
        out.clear();
        let tokens = tree.tokens;
        let s = hash_str;
        let dep = s(tree.dep(t));
        let word = doc.slice(tokens[t].span()).to_lowercase();
        let pronoun = tokens[t].pos.as_deref() == Some("PRON");
        let label = crate::quotes::entities_over(doc, tokens[t].span())
            .next()
            .map_or(0, |e| match e.label {
                EntityLabel::Per => 1,
                EntityLabel::Org => 2,
                EntityLabel::Loc => 3,
                EntityLabel::Misc => 4,
            });
        let before = (t < lo) as u64;
        let distance = if t < lo { lo - t } else { t - hi };
        let dist_bucket = match distance {
            0..=1 => 0,
            2..=3 => 1,
            4..=7 => 2,
            8..=15 => 3,
            _ => 4,
        };
        let same_sentence = {
            let sentences = doc.sentences();
            let a = sentences.partition_point(|x| x.end <= tokens[t].start);
            let b = sentences.partition_point(|x| x.end <= tokens[lo].start);
            (a == b) as u64
        };
        // How t relates to the governing word: its subject, its owner, ... or farther up.
        let t_head = tokens[t].head.filter(|&h| h != t);
        let mut up = 9u64;
        if let Some(g) = governor {
            let mut at = Some(g);
            for k in 0..4 {
                let Some(a) = at else { break };
                if t_head == Some(a) {
                    up = k;
                    break;
                }
                at = tokens[a].head.filter(|&x| x != a);
            }
        }
        let (gl, share) = governor.map_or((0, 11), |g| {
            let lemma = tree.lemma(g).to_lowercase();
            let frame = crate::quotes::frame(doc, tree, g);
            (
                s(&lemma),
                lexicon
                    .share(&lemma, frame)
                    .map_or(11, |x| (x * 10.0) as u64),
            )
        });
        let quoted =
            crate::quotes::span_inside_quotation(marks, tokens[t].start, tokens[t].end) as u64;
        out.extend_from_slice(&[
            feat(1, 0, 0, 0),
            feat(2, dep, 0, 0),
            feat(3, dep, up, 0),
            feat(4, label, dep, 0),
            feat(5, pronoun as u64, dep, 0),
            feat(6, before, dist_bucket, same_sentence),
            feat(7, up, same_sentence, 0),
            feat(8, label, up, 0),
            feat(9, quoted, 0, 0),
            feat(10, s(tree.dep(head)), dep, up),
            feat(11, gl, dep, up),
            feat(12, share, up, 0),
            feat(13, if pronoun { s(&word) } else { 0 }, up, 0),
            feat(14, s(tokens[t].pos.as_deref().unwrap_or("")), before, 0),
            feat(15, label, before, same_sentence),
            feat(16, t_head.map_or(0, |h| s(tree.lemma(h))), dep, 0),
        ]);
    }

    /// The ranker's choice of speaker for the content `lo..=hi` (the earlier candidate on a
    /// tie), if it has any candidate. `marks` are the document's quotations.
    pub(crate) fn best(
        model: &BinaryModel,
        doc: &Doc,
        tree: &Tree<'_>,
        lexicon: &CueLexicon,
        marks: &[(usize, usize)],
        content: (usize, usize),
    ) -> Option<usize> {
        let mut f = Vec::new();
        let (lo, hi) = content;
        let content = Content::new(tree, lo, hi);
        candidates(doc, tree, lo, hi)
            .into_iter()
            // A time never speaks ("Last week", "early Friday"), nor a place or occasion
            // ("at a later press gaggle").
            .filter(|&t| !crate::quotes::names_a_time(doc, &tree.tokens[t]))
            .filter(|&t| {
                !tree.child(t, &["case"]).is_some_and(|c| {
                    matches!(
                        tree.lemma(c).to_lowercase().as_str(),
                        "at" | "in" | "on" | "during" | "after" | "before" | "into" | "over"
                    )
                })
            })
            .map(|t| {
                features(doc, tree, lexicon, marks, content, t, &mut f);
                (model.margin(&f), t)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, t)| t)
    }

    pub use super::Instance;

    /// Instances from an analyzed document and its gold attributions (content spans, source
    /// spans): a content's candidates and the one whose token lies in the gold source.
    pub fn instances(
        doc: &Doc,
        lexicon: &CueLexicon,
        gold: &[(Vec<(usize, usize)>, Vec<(usize, usize)>)],
    ) -> Vec<Instance> {
        let tokens = doc.tokens();
        let tree = Tree::new(tokens);
        let mut out = Vec::new();
        let mut f = Vec::new();
        let marks = crate::quotes::quotations(doc.text());
        for (content, source) in gold {
            let Some(&(cs, ce)) = content.first() else {
                continue;
            };
            let ce = content.iter().map(|c| c.1).max().unwrap_or(ce);
            let inside: Vec<usize> = (0..tokens.len())
                .filter(|&t| tokens[t].start >= cs && tokens[t].end <= ce)
                .collect();
            let (Some(&lo), Some(&hi)) = (inside.first(), inside.last()) else {
                continue;
            };
            let cands = candidates(doc, &tree, lo, hi);
            let at = Content::new(&tree, lo, hi);
            let Some(gold_at) = cands.iter().position(|&t| {
                source
                    .iter()
                    .any(|&(a, b)| tokens[t].start < b && a < tokens[t].end)
            }) else {
                continue;
            };
            let feats = cands
                .iter()
                .map(|&t| {
                    features(doc, &tree, lexicon, &marks, at, t, &mut f);
                    f.clone()
                })
                .collect();
            out.push((feats, gold_at));
        }
        out
    }
}

/// One ranking instance: the candidates' features and which candidate is right.
pub type Instance = (Vec<Vec<u64>>, usize);

/// Trains a ranker, the speaker ranker's or the edge ranker's (a bag of perceptrons that move
/// weight to the right candidate from the best-scoring wrong one); `name` labels its progress
/// lines.
pub fn train_ranker(
    mut data: Vec<Instance>,
    cfg: Settings,
    name: &str,
    log: &mut dyn FnMut(&str),
) -> BinaryModel {
    let mut s = [0f32; 2];
    let total = data.len().max(1) as f64;
    let trainers = train_bag(
        &mut data,
        2,
        cfg.epochs,
        cfg.seed,
        cfg.bag,
        |trainer, (cands, gold)| {
            let margins: Vec<f32> = cands
                .iter()
                .map(|f| {
                    trainer.score(f, &mut s);
                    s[1] - s[0]
                })
                .collect();
            let best = (0..cands.len())
                .max_by(|&a, &b| margins[a].total_cmp(&margins[b]).then(b.cmp(&a)))
                .unwrap_or(0);
            for f in cands {
                trainer.tick(f);
            }
            if best != *gold {
                trainer.update(&cands[*gold], 1, 0);
                trainer.update(&cands[best], 0, 1);
            }
            best == *gold
        },
        |seed, epoch, right| {
            log(&format!(
                "  {name} seed {seed} epoch {epoch}: accuracy {:.4}",
                right as f64 / total
            ))
        },
    );
    trained(trainers, "PolNeAR train", format!("{cfg:?}"))
}

/// Learned choice of where a quote's content begins and ends, among the words near the
/// extractor's edges in its sentence.
///
/// The extractor's contents are subtrees of the parse, and a parse attaches a trailing
/// clause or phrase ("..., including its annexation of Crimea", "because it destabilized
/// the region") to the content or above it by guesswork; PolNeAR's annotators end a
/// content where its statement ends. On PolNeAR dev, 1,451 contents match a gold content
/// at overlap 0.3; 1,096 of them at 0.8, and 1,213 could with the best end.
pub mod boundary {
    use gazette_doc::{Doc, Quote, QuoteKind};
    use gazette_learn::binary::BinaryModel;
    use gazette_learn::perceptron::{feat, hash_str};

    use crate::quotes::Tree;

    pub use super::Instance;

    static BUNDLED: &[u8] = include_bytes!("../../../models/quotes/boundary.bin.gz");

    /// The edge ranker shipped with gazette (`None` while bootstrapping with an empty file).
    pub fn bundled() -> Option<&'static BinaryModel> {
        static MODEL: std::sync::OnceLock<Option<BinaryModel>> = std::sync::OnceLock::new();
        gazette_learn::file::bundled(&MODEL, BUNDLED, super::from_bytes)
    }

    /// How far inside the extractor's content an edge may move.
    const BACK: usize = 20;

    /// Which edge of the content is chosen.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Edge {
        Start,
        End,
    }

    /// A quote's content as tokens `lo..=hi`, the first (after any dateline) and last token
    /// of its sentence, and the tokens the content may reach: after the quote before it,
    /// before the one after it, and never over a quote's cue or speaker.
    #[derive(Debug, Clone, Copy)]
    struct Span {
        lo: usize,
        hi: usize,
        first: usize,
        last: usize,
        reach_lo: usize,
        reach_hi: usize,
        /// The lemma of the cue (hashed; 0 without one).
        cue: u64,
    }

    fn span_of(doc: &Doc, tree: &Tree<'_>, quotes: &[Quote], at: usize) -> Option<Span> {
        use crate::quotes::{sentence_at, tokens_within};
        let tokens = tree.tokens;
        let q = &quotes[at];
        let inside = tokens_within(tokens, q.start, q.end);
        if inside.is_empty() {
            return None;
        }
        let (lo, hi) = (inside.start, inside.end - 1);
        let sentence_start = sentence_at(doc, tokens[lo].start).map_or(q.start, |s| s.start);
        let sentence_end = sentence_at(doc, tokens[hi].start).map_or(q.end, |s| s.end);
        let sentence = tokens_within(tokens, sentence_start, sentence_end);
        // Not over the dateline that opens a sentence ("ROTTERDAM - ...").
        let first =
            crate::quotes::after_dateline(doc, tokens, sentence.start.min(lo)..sentence.end)
                .min(lo);
        let last = sentence.end.max(hi + 1) - 1;
        // Neither over another quote, nor over a cue or a speaker.
        let (mut from, mut to) = (sentence_start, sentence_end);
        for (i, other) in quotes.iter().enumerate() {
            if i == at {
                continue;
            }
            if other.start >= q.end {
                to = to.min(other.start);
            } else if other.end <= q.start {
                from = from.max(other.end);
            }
        }
        let named = quotes
            .iter()
            .flat_map(|o| [o.cue, o.speaker.as_ref().map(|m| m.span())]);
        for span in named.flatten() {
            if span.start >= q.end {
                to = to.min(span.start);
            } else if span.end <= q.start {
                from = from.max(span.end);
            }
        }
        let cue_token = q.cue.map(|c| {
            tokens
                .partition_point(|t| t.start < c.start)
                .min(tokens.len() - 1)
        });
        // Nor over whom the words were said to, where a quotation follows it ("told
        // reporters \u{201c}...\u{201d}"): the cue's indirect object. (Without the marks such
        // an object is often part of what was said: "called him a master", "urged
        // Republicans to join".)
        if let Some(o) = cue_token.and_then(|v| tree.child(v, &["iobj"])) {
            let last = tree.extent(o).1;
            let quoted = tokens
                .get(last + 1)
                .is_some_and(|t| is_mark(doc.slice(t.span())));
            if quoted && tokens[last].end <= q.start {
                from = from.max(tokens[last].end);
            }
        }
        let reach_lo = tokens.partition_point(|t| t.start < from).clamp(first, lo);
        let reach_hi = (tokens.partition_point(|t| t.end <= to).max(hi + 1) - 1).min(last);
        let cue = cue_token.map_or(0, |t| hash_str(&tree.lemma(t).to_lowercase()));
        Some(Span {
            lo,
            hi,
            first,
            last,
            reach_lo,
            reach_hi: reach_hi.max(hi),
            cue,
        })
    }

    /// Candidate edge tokens: the extractor's own, and every word (no punctuation, and no
    /// "that" or conjunction to open a content) from [`BACK`] words inside the content to
    /// as far as it may reach.
    fn candidates(doc: &Doc, tree: &Tree<'_>, s: Span, edge: Edge) -> Vec<usize> {
        let tokens = tree.tokens;
        let word = |t: usize| tokens[t].pos.as_deref() != Some("PUNCT");
        match edge {
            // Nor a function word to close it ("..., which").
            Edge::End => (s.lo.max(s.hi.saturating_sub(BACK))..=furthest_end(doc, tree, s))
                .filter(|&t| {
                    t == s.hi
                        || word(t)
                            && !matches!(tokens[t].pos.as_deref(), Some("CCONJ" | "SCONJ"))
                            && !matches!(tokens[t].tag.as_deref(), Some("WDT" | "WP" | "WRB"))
                })
                .collect(),
            // A content opened by its complementizer ("told The Post that [...]") begins
            // after it; so does one the extractor starts right after a "that", whatever the
            // parse made of it ("with the newspaper that [...]", read as a relative clause).
            Edge::Start => ((s.reach_lo..s.lo)
                .rev()
                .find(|&u| {
                    tree.dep(u) == "mark"
                        || tokens[u].pos.as_deref() == Some("SCONJ")
                        || u + 1 == s.lo && doc.slice(tokens[u].span()).eq_ignore_ascii_case("that")
                })
                .map_or(s.reach_lo, |u| u + 1)..=s.hi.min(s.lo + BACK))
                .filter(|&t| {
                    t == s.lo
                        || word(t)
                            && !matches!(tree.dep(t), "mark" | "cc")
                            && !matches!(tokens[t].pos.as_deref(), Some("SCONJ" | "CCONJ"))
                            && !doc.slice(tokens[t].span()).eq_ignore_ascii_case("that")
                            && (t <= s.lo || parts_apart(tree, s.lo, t, s.hi))
                })
                .collect(),
        }
    }

    /// The furthest token the end may reach: it takes in no phrase the rules keep out of
    /// contents, hung on the content or on a word outside it (not on the words the end may
    /// take in): the occasion or time of saying ("in a statement on Friday", "on Tuesday")
    /// and a participle the writer adds after a comma (", dealing a blow to ...").
    fn furthest_end(doc: &Doc, tree: &Tree<'_>, s: Span) -> usize {
        let tokens = tree.tokens;
        let beyond = |x: usize| x <= s.hi || x > s.reach_hi;
        let comma = |i: usize| doc.slice(tokens[i].span()) == ",";
        (s.hi + 1..=s.reach_hi)
            .filter(|&u| tokens[u].head.is_some_and(beyond))
            .filter_map(|u| {
                let (from, _) = tree.extent(u);
                let after_comma = comma(from) || from > 0 && comma(from - 1);
                let kept_out = crate::quotes::scene_of_saying(doc, tree, u)
                    || crate::quotes::names_a_time(doc, &tokens[u])
                    || matches!(tree.dep(u), "advcl" | "acl")
                        && tokens[u].tag.as_deref() == Some("VBG")
                        && after_comma;
                kept_out.then_some(from)
            })
            .min()
            .map_or(s.reach_hi, |from| from.saturating_sub(1).max(s.hi))
    }

    /// Whether the words `lo..t` may be dropped from the front of the content `lo..=hi`: they
    /// hang on the head of what stays ("about [his attacks]") or outside, and what stays does
    /// not hang on them. Not a piece of the clause ("For [Monday's meeting in Sochi, Assad
    /// stayed ...]", whose "For" hangs on "meeting"), nor its subject, nor the noun a clause
    /// describes ("[no proof] that ...").
    fn parts_apart(tree: &Tree<'_>, lo: usize, t: usize, hi: usize) -> bool {
        let tokens = tree.tokens;
        let dropped = |x: usize| x >= lo && x < t;
        let kept = |x: usize| x >= t && x <= hi;
        let root = (t..=hi).find(|&u| tokens[u].head.is_none_or(|x| !kept(x) || x == u));
        let Some(root) = root else { return false };
        if tokens[root].head.is_some_and(dropped) {
            return false;
        }
        (lo..t).all(|u| match tokens[u].head {
            Some(x) if dropped(x) => true,
            // Never the subject of what stays.
            Some(x) if x == root => !tree.dep(u).starts_with("nsubj"),
            Some(x) => !kept(x),
            None => true,
        })
    }

    /// A word as the features see it: function words and punctuation themselves, others
    /// by their part of speech.
    fn word_class(doc: &Doc, tree: &Tree<'_>, t: usize) -> u64 {
        let token = &tree.tokens[t];
        let pos = token.pos.as_deref().unwrap_or("");
        let closed = matches!(
            pos,
            "PUNCT" | "CCONJ" | "SCONJ" | "ADP" | "PRON" | "DET" | "AUX" | "PART"
        ) || matches!(token.tag.as_deref(), Some("WDT" | "WP" | "WRB"));
        if closed {
            hash_str(&doc.slice(token.span()).to_lowercase())
        } else {
            hash_str(pos)
        }
    }

    fn is_mark(word: &str) -> bool {
        matches!(
            word,
            "\"" | "\u{201c}" | "\u{201d}" | "''" | "``" | "\u{2018}" | "\u{2019}"
        )
    }

    /// Features of putting the content's `edge` at token `t`. Every feature carries the
    /// edge, so one model holds both rankers.
    fn features(
        doc: &Doc,
        tree: &Tree<'_>,
        kind: QuoteKind,
        s: Span,
        edge: Edge,
        t: usize,
        out: &mut Vec<u64>,
    ) {
        out.clear();
        let tokens = tree.tokens;
        let h = hash_str;
        // The edge's own token, the content it keeps, and the way outwards.
        let (own, kept) = match edge {
            Edge::End => (s.hi, (s.lo, t)),
            Edge::Start => (s.lo, (t, s.hi)),
        };
        let within = |x: usize| x >= kept.0 && x <= kept.1;
        let outward = |x: usize| match edge {
            Edge::End => x > t,
            Edge::Start => x < t,
        };
        let d = t as i64 - own as i64;
        let growing = match edge {
            Edge::End => d > 0,
            Edge::Start => d < 0,
        };
        let dir: u64 = match (d, growing) {
            (0, _) => 0,
            (_, true) => 1,
            _ => 2,
        } + 3 * (edge == Edge::Start) as u64;
        let bucket: u64 = match d.unsigned_abs() {
            0 => 0,
            1..=2 => 1,
            3..=5 => 2,
            6..=10 => 3,
            11..=20 => 4,
            _ => 5,
        };
        let kind = kind as u64;
        // The word just outside the edge, if the sentence goes on.
        let next = match edge {
            Edge::End => (t < s.last).then_some(t + 1),
            Edge::Start => (t > s.first).then(|| t - 1),
        };
        let next_class = next.map_or(h("</s>"), |n| word_class(doc, tree, n));
        let next_dep = next.map_or(0, |n| h(tree.dep(n)));
        // Where that word hangs: inside the content, further out, or on the other side.
        let next_hangs = next.map_or(0, |n| match tokens[n].head {
            Some(x) if within(x) => 1,
            Some(x) if outward(x) => 2,
            Some(_) => 3,
            None => 4,
        });
        let reach = match edge {
            Edge::End => t + 1..s.reach_hi + 1,
            Edge::Start => s.reach_lo..t.max(s.reach_lo),
        };
        // Words outside the edge (as far as the content may reach) whose head is in the
        // content, and words of the content whose head is out there: what the edge cuts.
        let dangling = reach
            .clone()
            .filter(|&u| tokens[u].head.is_some_and(within))
            .count()
            .min(3) as u64;
        let cut = (kept.0..=kept.1)
            .filter(|&u| tokens[u].head.is_some_and(|x| reach.contains(&x)))
            .count()
            .min(3) as u64;
        let at_edge_of_sentence = match edge {
            Edge::End => (t + 1..=s.last).all(|u| tokens[u].pos.as_deref() == Some("PUNCT")),
            Edge::Start => (s.first..t).all(|u| tokens[u].pos.as_deref() == Some("PUNCT")),
        };
        let marks = (kept.0..=kept.1)
            .filter(|&u| is_mark(doc.slice(tokens[u].span())))
            .count();
        let open = (marks % 2 == 1) as u64;
        let pos_t = h(tokens[t].pos.as_deref().unwrap_or(""));
        let room = match edge {
            Edge::End => s.last - t,
            Edge::Start => t - s.first,
        };
        out.extend_from_slice(&[
            feat(1, dir / 3, 0, 0),
            feat(2, dir, bucket, 0),
            feat(3, dir, next_class, 0),
            feat(4, dir, next_dep, 0),
            feat(5, dir, pos_t, 0),
            feat(6, dir, next_hangs, 0),
            feat(7, dir, dangling, 0),
            feat(8, dir, cut, 0),
            feat(9, dir, at_edge_of_sentence as u64, 0),
            feat(10, kind, dir, 0),
            feat(11, kind, bucket, dir),
            feat(12, dir, next_class, pos_t),
            feat(13, dir, next_class, dangling),
            feat(14, dir, open, 0),
            feat(15, dir, next_class, next_hangs),
            feat(16, dir, bucket, next_class),
            feat(17, dir, word_class(doc, tree, t), next_class),
            feat(18, dir, room.min(12) as u64 / 3, 0),
            feat(19, dir, word_class(doc, tree, t), h(tree.dep(t))),
            feat(29, dir, s.cue, bucket),
            feat(30, dir, s.cue, next_class),
        ]);
        if t == own {
            return;
        }
        // What the move takes in or leaves out.
        let region = match edge {
            Edge::End if t > own => own + 1..=t,
            Edge::End => t + 1..=own,
            Edge::Start if t < own => t..=own - 1,
            Edge::Start => own..=t - 1,
        };
        let comma = region.clone().any(|u| doc.slice(tokens[u].span()) == ",");
        let verb = region
            .clone()
            .any(|u| tokens[u].pos.as_deref() == Some("VERB"));
        let saying = region.clone().any(|u| {
            tokens[u].pos.as_deref() == Some("VERB")
                && crate::quotes::CUES.contains(&tree.lemma(u).to_lowercase().as_str())
        });
        let subject = region.clone().any(|u| tree.dep(u).starts_with("nsubj"));
        let nearest = match edge {
            Edge::End => *region.start(),
            Edge::Start => *region.end(),
        };
        let mark = region.clone().any(|u| is_mark(doc.slice(tokens[u].span())));
        // The region's top word (its head outside the region): what it is to the rest, and
        // whether it hangs on the part of the content that stays.
        let core = (kept.0.max(s.lo), kept.1.min(s.hi));
        let top = region.clone().find(|&u| {
            tokens[u].pos.as_deref() != Some("PUNCT")
                && tokens[u].head.is_none_or(|x| !region.contains(&x))
        });
        let (top_dep, top_hangs) = top.map_or((0, 0), |u| {
            let at = match tokens[u].head {
                Some(x) if x >= core.0 && x <= core.1 => 1,
                Some(x) if x < core.0 => 2,
                Some(_) => 3,
                None => 4,
            };
            (h(tree.dep(u)), at)
        });
        // Every word of the region hangs inside the widest of the two contents: a part
        // that belongs to it.
        let (wide_lo, wide_hi) = (kept.0.min(s.lo), kept.1.max(s.hi));
        let attached = region.clone().all(|u| {
            tokens[u].pos.as_deref() == Some("PUNCT")
                || tokens[u].head.is_some_and(|x| x >= wide_lo && x <= wide_hi)
        });
        out.extend_from_slice(&[
            feat(20, dir, comma as u64, verb as u64),
            feat(21, dir, saying as u64, 0),
            feat(22, dir, subject as u64, verb as u64),
            feat(
                23,
                dir,
                word_class(doc, tree, nearest),
                h(tree.dep(nearest)),
            ),
            feat(24, dir, mark as u64, kind),
            feat(25, dir, top_dep, top_hangs),
            feat(26, dir, top_dep, bucket),
            feat(27, dir, attached as u64, top_hangs),
            feat(28, dir, mark as u64, open),
        ]);
    }

    /// The ranker's choice for one edge (the extractor's own or the nearer one on a tie).
    fn choose(
        model: &BinaryModel,
        doc: &Doc,
        tree: &Tree<'_>,
        kind: QuoteKind,
        s: Span,
        edge: Edge,
        f: &mut Vec<u64>,
    ) -> usize {
        let own = if edge == Edge::End { s.hi } else { s.lo };
        let mut cands = candidates(doc, tree, s, edge);
        cands.sort_by_key(|&t| (t.abs_diff(own), t));
        let mut best: Option<(f32, usize)> = None;
        for t in cands {
            features(doc, tree, kind, s, edge, t, f);
            let m = model.margin(f);
            if best.is_none_or(|(b, _)| m > b) {
                best = Some((m, t));
            }
        }
        // A move over punctuation alone is no move (the extractor's closing stop stays).
        let punct =
            |a: usize, b: usize| (a..=b).all(|u| tree.tokens[u].pos.as_deref() == Some("PUNCT"));
        match best {
            Some((_, t)) if t < own && punct(t + 1, own) => own,
            Some((_, t)) if t > own && punct(own, t - 1) => own,
            Some((_, t)) => t,
            None => own,
        }
    }

    /// Moves the edges of each quote's content to the ranker's choices: the end first, then
    /// the start. `quotes` are sorted by start; a quote whose span changes gets its kind
    /// again from the quotation marks it holds.
    pub(crate) fn refine(
        model: &BinaryModel,
        doc: &Doc,
        tree: &Tree<'_>,
        marks: &[(usize, usize)],
        quotes: &mut [Quote],
    ) {
        let tokens = tree.tokens;
        let mut f = Vec::new();
        for at in 0..quotes.len() {
            // A quotation's content is what the marks hold.
            if quotes[at].kind == QuoteKind::Direct {
                continue;
            }
            let Some(mut s) = span_of(doc, tree, quotes, at) else {
                continue;
            };
            let kind = quotes[at].kind;
            let found = (s.lo, s.hi);
            let end = choose(model, doc, tree, kind, s, Edge::End, &mut f);
            if end != s.hi {
                quotes[at].end = tokens[end].end;
                s.hi = end;
            }
            let start = choose(model, doc, tree, kind, s, Edge::Start, &mut f);
            if start != s.lo {
                quotes[at].start = tokens[start].start;
            }
            let q = &mut quotes[at];
            if (start, end) != found && kind != QuoteKind::Stance {
                q.kind = crate::quotes::kind_by_marks(marks, (q.start, q.end));
            }
        }
    }

    /// Instances from a document whose quotes the extractor found without this step, and its
    /// gold content spans: for each quote that overlaps a gold content segment, the
    /// candidates for each edge and the one whose content matches that segment best.
    pub fn instances(doc: &Doc, gold: &[Vec<(usize, usize)>]) -> Vec<Instance> {
        let tokens = doc.tokens();
        let tree = Tree::new(tokens);
        let chars: Vec<char> = doc.text().chars().collect();
        let quotes = doc.quotes();
        let segments: Vec<(usize, usize)> = gold.iter().flatten().copied().collect();
        let mut out = Vec::new();
        let mut f = Vec::new();
        for at in 0..quotes.len() {
            let Some(s) = span_of(doc, &tree, quotes, at) else {
                continue;
            };
            let q = &quotes[at];
            if q.kind == QuoteKind::Direct {
                continue;
            }
            let Some(&seg) = segments
                .iter()
                .max_by_key(|&&(a, b)| b.min(q.end).saturating_sub(a.max(q.start)))
            else {
                continue;
            };
            for edge in [Edge::End, Edge::Start] {
                let own = if edge == Edge::End { s.hi } else { s.lo };
                let cands = candidates(doc, &tree, s, edge);
                if cands.len() < 2 {
                    continue;
                }
                let span = |t: usize| match edge {
                    Edge::End if t == own => (q.start, q.end),
                    Edge::End => (q.start, tokens[t].end),
                    Edge::Start if t == own => (q.start, q.end),
                    Edge::Start => (tokens[t].start, q.end),
                };
                let scores: Vec<f64> = cands
                    .iter()
                    .map(|&t| {
                        let (a, b) = super::overlap(&chars, &[seg], span(t));
                        a.min(b)
                    })
                    .collect();
                let top = scores.iter().copied().fold(0.0, f64::max);
                if top < 0.3 {
                    continue;
                }
                // The extractor's edge when it is among the best, else the best nearest it.
                let right = (0..cands.len())
                    .filter(|&i| scores[i] >= top - 1e-9)
                    .min_by_key(|&i| (cands[i] != own, cands[i].abs_diff(own)))
                    .unwrap_or(0);
                let feats = cands
                    .iter()
                    .map(|&t| {
                        features(doc, &tree, q.kind, s, edge, t, &mut f);
                        f.clone()
                    })
                    .collect();
                out.push((feats, right));
            }
        }
        out
    }
}
