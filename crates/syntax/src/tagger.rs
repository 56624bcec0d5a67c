//! Part-of-speech tagger: greedy left-to-right averaged perceptron predicting the joint
//! UPOS+XPOS tag, with word, affix, shape and context features, and a tag dictionary
//! for frequent unambiguous words (fewer decisions, fewer errors).

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::clusters::Clusters;
use crate::conllu::Sentence;
use crate::perceptron::{AFTER, BEFORE, Trainer, Weights, argmax, feat, outside};
use crate::words::WordInfo;

/// A trained tagger.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tagger {
    /// Joint tags: (UPOS, XPOS).
    pub tags: Vec<(String, String)>,
    weights: Weights,
    /// Form hash → tag index for frequent words that always take one tag.
    dictionary: FxHashMap<u64, u16>,
    /// Lowercased-form hash → its ambiguity class: the set of tags it took in training
    /// (hashed). Known for the words around the one being tagged, it stands in for the
    /// tags not predicted yet to the right.
    ambiguity: FxHashMap<u64, u64>,
}

const UNKNOWN: u64 = 0x0055_4e4b;

/// Universal tags of the closed word classes.
const CLOSED: &[&str] = &[
    "ADP", "AUX", "CCONJ", "DET", "INTJ", "PART", "PRON", "SCONJ",
];

/// How capitalized the sentence is: 0 mostly lowercase, 1 mixed, 2 mostly capitalized
/// (a headline or title).
fn caps_context(words: &[WordInfo]) -> u64 {
    let caps = words.iter().filter(|w| w.capitalized).count();
    let alpha = words.iter().filter(|w| w.alphabetic).count().max(1);
    match caps * 10 / alpha {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

fn context(words: &[WordInfo], i: isize) -> Option<&WordInfo> {
    if i < 0 { None } else { words.get(i as usize) }
}

/// Features of word `i` given the tags already predicted for words before it; `caps` is
/// the sentence's [`caps_context`], computed once per sentence.
fn features(
    words: &[WordInfo],
    amb: &[u64],
    caps: u64,
    i: usize,
    prev: &[u16],
    out: &mut Vec<u64>,
) {
    out.clear();
    let w = &words[i];
    let ii = i as isize;
    let am = |k: isize| {
        if ii + k < 0 {
            BEFORE
        } else {
            amb.get((ii + k) as usize).copied().unwrap_or(AFTER)
        }
    };
    let lw = |k: isize| context(words, ii + k).map_or(outside(k), |x| x.lower);
    let sh = |k: isize| context(words, ii + k).map_or(outside(k), |x| x.shape);
    let sf = |k: isize| context(words, ii + k).map_or(outside(k), |x| x.suffix3);
    let cf = |k: isize| context(words, ii + k).map_or(outside(k), |x| x.cluster);
    let cc = |k: isize| context(words, ii + k).map_or(outside(k), |x| x.coarse);
    let t1 = if i >= 1 {
        u64::from(prev[i - 1]) + 1
    } else {
        BEFORE
    };
    let t2 = if i >= 2 {
        u64::from(prev[i - 2]) + 1
    } else {
        BEFORE
    };
    out.extend_from_slice(&[
        feat(0, 0, 0, 0),
        feat(1, w.lower, 0, 0),
        feat(2, w.form, 0, 0),
        feat(3, w.suffix3, 0, 0),
        feat(4, w.suffix2, 0, 0),
        feat(5, w.prefix1, 0, 0),
        feat(6, w.shape, 0, 0),
        feat(7, lw(-1), 0, 0),
        feat(8, lw(1), 0, 0),
        feat(9, lw(-2), 0, 0),
        feat(10, lw(2), 0, 0),
        feat(11, t1, 0, 0),
        feat(12, t2, 0, 0),
        feat(13, t1, t2, 0),
        feat(14, t1, w.lower, 0),
        feat(15, sf(-1), 0, 0),
        feat(16, sf(1), 0, 0),
        feat(17, sh(1), 0, 0),
        feat(18, sh(-1), 0, 0),
        feat(19, w.lower, lw(1), 0),
        feat(20, lw(-1), w.lower, 0),
        feat(21, w.suffix4, 0, 0),
        feat(22, (i == 0) as u64, w.shape, 0),
        feat(23, t1, w.suffix3, 0),
        feat(24, lw(1), lw(2), 0),
        feat(25, w.shape, sh(1), 0),
        feat(30, am(0), 0, 0),
        feat(31, am(1), 0, 0),
        feat(32, am(2), 0, 0),
        feat(33, am(-1), 0, 0),
        feat(34, t1, am(1), 0),
        feat(35, am(0), am(1), 0),
        feat(36, w.lower, am(1), 0),
        feat(37, t1, am(0), 0),
        feat(38, am(-1), am(0), am(1)),
        // Capitalization in context: a capital means less in a headline or after a
        // sentence start than in the middle of running lowercase text.
        feat(40, caps, w.shape, (i == 0) as u64),
        feat(41, caps, w.lower, 0),
        feat(42, sh(-1), w.shape, 0),
        feat(43, w.prefix1, w.suffix3, 0),
        feat(44, sf(1), w.lower, 0),
        // Word clusters from unlabeled text: a rare word is tagged like the words that
        // occur between the same neighbours.
        feat(50, w.cluster, 0, 0),
        feat(51, w.coarse, 0, 0),
        feat(52, cf(-1), 0, 0),
        feat(53, cf(1), 0, 0),
        feat(54, t1, w.coarse, 0),
        feat(55, w.coarse, cc(1), 0),
        feat(56, w.cluster, w.suffix3, 0),
    ]);
}

impl Tagger {
    /// Tags one sentence; returns tag indices.
    pub fn tag(&self, words: &[WordInfo]) -> Vec<u16> {
        self.decode(words, false).0
    }

    /// Tags one sentence with this tagger alone, or voting with `backward`
    /// ([`Tagger::tag_both`]).
    pub fn tag_with(&self, backward: Option<&Tagger>, words: &[WordInfo]) -> Vec<u16> {
        match backward {
            Some(backward) => self.tag_both(backward, words),
            None => self.tag(words),
        }
    }

    /// Tags one sentence with this left-to-right tagger and `backward`, a tagger trained
    /// on sentences read from right to left that numbers tags alike: each word takes the
    /// tag with the highest sum of the two taggers' scores (the two directions see
    /// different contexts and make different mistakes).
    pub fn tag_both(&self, backward: &Tagger, words: &[WordInfo]) -> Vec<u16> {
        let (mut tags, forward_scores) = self.tag_with_scores(words);
        let reversed: Vec<WordInfo> = words.iter().rev().copied().collect();
        let (_, mut backward_scores) = backward.tag_with_scores(&reversed);
        backward_scores.reverse();
        for ((tag, f), b) in tags.iter_mut().zip(&forward_scores).zip(&backward_scores) {
            if f.len() == b.len() && !f.is_empty() {
                let sum: Vec<f32> = f.iter().zip(b).map(|(x, y)| x + y).collect();
                *tag = argmax(&sum, None) as u16;
            }
        }
        tags
    }

    /// Tags one sentence and returns, with each tag, the scores of every tag for that word
    /// (in comparable units; empty for a word the dictionary tagged).
    pub fn tag_with_scores(&self, words: &[WordInfo]) -> (Vec<u16>, Vec<Vec<f32>>) {
        self.decode(words, true)
    }

    /// Greedy left-to-right tagging; with `keep_scores`, each word's scores too.
    fn decode(&self, words: &[WordInfo], keep_scores: bool) -> (Vec<u16>, Vec<Vec<f32>>) {
        let amb: Vec<u64> = words
            .iter()
            .map(|w| self.ambiguity.get(&w.lower).copied().unwrap_or(UNKNOWN))
            .collect();
        let mut out = Vec::with_capacity(words.len());
        let mut all = Vec::with_capacity(if keep_scores { words.len() } else { 0 });
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0.0f32; self.tags.len()];
        let scale = self.weights.scale();
        let caps = caps_context(words);
        for i in 0..words.len() {
            if let Some(&t) = self.dictionary.get(&words[i].form) {
                out.push(t);
                if keep_scores {
                    all.push(Vec::new());
                }
                continue;
            }
            features(words, &amb, caps, i, &out, &mut feats);
            self.weights.score(&feats, &mut scores);
            // A capitalized word training never met is no closed-class word: "Putin, speaking
            // in Sochi, said" had tagged "Putin" an interjection, as "Well, ...". (All unknown
            // words: 0.9479 -> 0.9477 UPOS on EWT dev, where typos and emoticons are closed-class
            // words; the capitalized ones: 0.9479, LAS 0.8055 -> 0.8056.)
            let open = |t: usize| !CLOSED.contains(&self.tags[t].0.as_str());
            let valid: Option<&dyn Fn(usize) -> bool> =
                (amb[i] == UNKNOWN && words[i].capitalized).then_some(&open);
            out.push(argmax(&scores, valid) as u16);
            if keep_scores {
                all.push(scores.iter().map(|s| s * scale).collect());
            }
        }
        (out, all)
    }

    /// Drops weights smaller than `min_weight` (see [`Weights::prune`]).
    pub fn prune(&mut self, min_weight: f32) {
        self.weights.prune(min_weight);
    }

    /// Number of features kept in the model.
    pub fn n_features(&self) -> usize {
        self.weights.n_features()
    }

    /// Number of classes the weights score.
    pub fn n_classes(&self) -> usize {
        self.weights.n_classes()
    }
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TagTraining {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Features seen fewer times are dropped from the model.
    pub min_count: u32,
    /// Averaged weights of smaller magnitude are dropped from the model.
    pub min_weight: f32,
}

/// Trains a tagger on gold sentences; `progress(epoch, accuracy on training data)`.
/// Tags are numbered as in `known_tags`, then in order of appearance (taggers that vote
/// together must number them alike).
pub fn train(
    sentences: &[Sentence],
    clusters: &Clusters,
    cfg: TagTraining,
    known_tags: &[(String, String)],
    progress: &mut dyn FnMut(usize, f64),
) -> Tagger {
    let mut tags: Vec<(String, String)> = known_tags.to_vec();
    let mut tag_index: FxHashMap<(String, String), u16> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), i as u16))
        .collect();
    let mut data: Vec<(Vec<WordInfo>, Vec<u16>)> = Vec::new();
    let mut form_tags: FxHashMap<u64, FxHashMap<u16, u32>> = FxHashMap::default();
    let mut lower_tags: FxHashMap<u64, FxHashMap<u16, u32>> = FxHashMap::default();
    for s in sentences {
        let infos = s.word_infos(clusters);
        let gold: Vec<u16> = s
            .words
            .iter()
            .map(|w| {
                let key = (w.upos.clone(), w.xpos.clone());
                *tag_index.entry(key.clone()).or_insert_with(|| {
                    tags.push(key);
                    (tags.len() - 1) as u16
                })
            })
            .collect();
        for (info, &t) in infos.iter().zip(&gold) {
            *form_tags
                .entry(info.form)
                .or_default()
                .entry(t)
                .or_insert(0) += 1;
            *lower_tags
                .entry(info.lower)
                .or_default()
                .entry(t)
                .or_insert(0) += 1;
        }
        data.push((infos, gold));
    }
    // Words seen often with (almost) one tag are tagged by lookup.
    let mut dictionary = FxHashMap::default();
    for (form, counts) in &form_tags {
        let total: u32 = counts.values().sum();
        let (&best, &n) = counts
            .iter()
            .max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t)))
            .expect("non-empty");
        if total >= 20 && f64::from(n) / f64::from(total) >= 0.99 {
            dictionary.insert(*form, best);
        }
    }

    // Ambiguity classes of words seen at least twice: tags with at least 5% of their uses.
    let mut ambiguity = FxHashMap::default();
    for (lower, counts) in &lower_tags {
        let total: u32 = counts.values().sum();
        if total < 2 {
            continue;
        }
        let mut set: Vec<u16> = counts
            .iter()
            .filter(|(_, n)| **n * 20 >= total)
            .map(|(t, _)| *t)
            .collect();
        set.sort_unstable();
        ambiguity.insert(
            *lower,
            set.iter()
                .fold(0xa4b1u64, |h, t| crate::perceptron::mix(h, u64::from(*t))),
        );
    }
    let amb_of = |words: &[WordInfo]| -> Vec<u64> {
        words
            .iter()
            .map(|w| ambiguity.get(&w.lower).copied().unwrap_or(UNKNOWN))
            .collect()
    };
    let ambs: Vec<Vec<u64>> = data.iter().map(|(w, _)| amb_of(w)).collect();

    let mut trainer = Trainer::new(tags.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = crate::Rng::new(cfg.seed);
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0.0f32; tags.len()];
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &k in &order {
            let (words, gold) = &data[k];
            let amb = &ambs[k];
            let caps = caps_context(words);
            let mut prev: Vec<u16> = Vec::with_capacity(words.len());
            for i in 0..words.len() {
                let guess = if let Some(&t) = dictionary.get(&words[i].form) {
                    t as usize
                } else {
                    features(words, amb, caps, i, &prev, &mut feats);
                    trainer.score(&feats, &mut scores);
                    let guess = argmax(&scores, None);
                    trainer.tick(&feats);
                    trainer.update(&feats, gold[i] as usize, guess);
                    guess
                };
                correct += (guess == gold[i] as usize) as usize;
                total += 1;
                prev.push(guess as u16);
            }
        }
        progress(epoch + 1, correct as f64 / total.max(1) as f64);
    }
    Tagger {
        tags,
        weights: trainer.average(cfg.min_count, cfg.min_weight),
        dictionary,
        ambiguity,
    }
}
