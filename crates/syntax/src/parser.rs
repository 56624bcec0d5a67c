//! Dependency parser: arc-hybrid transitions, averaged perceptron, dynamic oracle.
//!
//! Word 0 is an artificial ROOT at the bottom of the stack; words 1..=n are in the
//! buffer. SHIFT moves the buffer front onto the stack; LEFT(l) makes the buffer front
//! the head of the stack top and pops it; RIGHT(l) makes the item below the stack top
//! its head and pops it. RIGHT onto ROOT is allowed only as the very last move, so every
//! parse has exactly one root, as UD requires.
//!
//! Training uses the arc-hybrid dynamic oracle (Goldberg and Nivre 2013): the cost of a
//! transition is the number of gold arcs it makes unreachable, so the parser can be
//! trained on the states its own mistakes lead to, not only on the gold path.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::clusters::Clusters;
use crate::conllu::Sentence;
use crate::perceptron::{Trainer, Weights, argmax, feat, hash_str};
use crate::words::WordInfo;

/// A trained parser.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Parser {
    /// Dependency labels; transition classes are SHIFT, LEFT(label) and RIGHT(label).
    pub labels: Vec<String>,
    weights: Weights,
    /// Hypotheses kept by the beam search (1: greedy).
    pub beam: usize,
    /// Whether the features include the words' clusters.
    pub clusters: bool,
}

const SHIFT: usize = 0;
const NONE: u64 = 0x6e6f_6e65;

#[derive(Clone)]
struct State {
    n: usize,
    stack: Vec<usize>,
    /// Next buffer word (1-based); `n + 1` when the buffer is empty.
    b: usize,
    heads: Vec<Option<usize>>,
    labels: Vec<u16>,
    /// What the features need of each word's left and right children.
    left: Vec<Kids>,
    right: Vec<Kids>,
}

/// The children of one side of a word, as the features see them: the last two attached
/// (arc-hybrid attaches left children nearest first and right children leftmost first, so
/// the last attached is the outermost), how many, and the set of their labels. Kept up to
/// date on each attachment instead of a list per word: no allocation per word.
#[derive(Debug, Clone, Copy, Default)]
struct Kids {
    last: Option<usize>,
    second: Option<usize>,
    count: usize,
    /// Labels as a bitmask (labels past 127 share a bit: rare, and only blurs a feature).
    labels: u128,
}

impl Kids {
    fn add(&mut self, child: usize, label: u16) {
        self.second = self.last;
        self.last = Some(child);
        self.count += 1;
        self.labels |= 1u128 << label.min(127);
    }
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: vec![0],
            b: 1,
            heads: vec![None; n + 1],
            labels: vec![0; n + 1],
            left: vec![Kids::default(); n + 1],
            right: vec![Kids::default(); n + 1],
        }
    }

    fn done(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    fn s(&self, k: usize) -> Option<usize> {
        self.stack.len().checked_sub(k + 1).map(|i| self.stack[i])
    }

    fn buf(&self, k: usize) -> Option<usize> {
        let i = self.b + k;
        (i <= self.n).then_some(i)
    }

    fn can_shift(&self) -> bool {
        self.b <= self.n
    }

    fn can_left(&self) -> bool {
        self.b <= self.n && self.stack.len() >= 2
    }

    fn can_right(&self) -> bool {
        self.stack.len() >= 3 || (self.stack.len() == 2 && self.b > self.n)
    }

    fn apply(&mut self, kind: Move, label: u16) {
        match kind {
            Move::Shift => {
                self.stack.push(self.b);
                self.b += 1;
            }
            Move::Left => {
                let d = self.stack.pop().expect("left needs a stack");
                self.attach(self.b, d, label);
            }
            Move::Right => {
                let d = self.stack.pop().expect("right needs a stack");
                let h = *self.stack.last().expect("right needs two items");
                self.attach(h, d, label);
            }
        }
    }

    fn attach(&mut self, h: usize, d: usize, label: u16) {
        self.heads[d] = Some(h);
        self.labels[d] = label;
        if d < h {
            self.left[h].add(d, label)
        } else {
            self.right[h].add(d, label)
        }
    }

    /// Arcs lost by each move kind, given gold heads (`gold[d]` for d in 1..=n).
    fn costs(&self, gold: &[usize]) -> [usize; 3] {
        let s0 = self.s(0);
        let s1 = self.s(1);
        let in_buffer = |k: usize| k >= self.b && k <= self.n;
        let deps_in_buffer = |h: usize| (self.b..=self.n).filter(|&k| gold[k] == h).count();
        let mut c = [usize::MAX; 3];
        if self.can_shift() {
            let b0 = self.b;
            let below: &[usize] = if self.stack.is_empty() {
                &[]
            } else {
                &self.stack[..self.stack.len() - 1]
            };
            let head_lost = below.contains(&gold[b0]) as usize;
            let deps_lost = self
                .stack
                .iter()
                .filter(|&&k| k != 0 && gold[k] == b0)
                .count();
            c[0] = head_lost + deps_lost;
        }
        if let Some(s0) = s0.filter(|_| self.can_left()) {
            let head_lost =
                (Some(gold[s0]) == s1 || (in_buffer(gold[s0]) && gold[s0] != self.b)) as usize;
            c[1] = head_lost + deps_in_buffer(s0);
        }
        if let Some(s0) = s0.filter(|_| self.can_right()) {
            c[2] = in_buffer(gold[s0]) as usize + deps_in_buffer(s0);
        }
        c
    }

    fn features(&self, words: &[WordInfo], tags: &[u16], clusters: bool, out: &mut Vec<u64>) {
        out.clear();
        // Word 0 is ROOT; word i (1-based) is words[i - 1].
        let w = |i: Option<usize>| match i {
            Some(0) => hash_str("<ROOT>"),
            Some(i) => words[i - 1].lower,
            None => NONE,
        };
        let t = |i: Option<usize>| match i {
            Some(0) => 1,
            Some(i) => u64::from(tags[i - 1]) + 2,
            None => 0,
        };
        let lab = |i: Option<usize>| i.map_or(NONE, |i| u64::from(self.labels[i]) + 1);
        // Arc-hybrid attaches left children nearest first and right children leftmost
        // first, so the outermost child of either side is the last one attached.
        let leftmost = |i: Option<usize>| i.and_then(|i| self.left[i].last);
        let rightmost = |i: Option<usize>| i.and_then(|i| self.right[i].last);
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let (b0, b1, b2) = (self.buf(0), self.buf(1), self.buf(2));
        let (s0l, s0r, s1r, b0l) = (leftmost(s0), rightmost(s0), rightmost(s1), leftmost(b0));
        // Second-outermost children and the sets of labels already attached (third-order
        // features of Zhang and Nivre 2011).
        let s0l2 = s0.and_then(|i| self.left[i].second);
        let s0r2 = s0.and_then(|i| self.right[i].second);
        let b0l2 = b0.and_then(|i| self.left[i].second);
        let labelset = |kids: Option<&Kids>| -> u64 {
            let mask = kids.map_or(0u128, |k| k.labels);
            crate::perceptron::mix(mask as u64, (mask >> 64) as u64)
        };
        let s0ls = labelset(s0.map(|i| &self.left[i]));
        let s0rs = labelset(s0.map(|i| &self.right[i]));
        let b0ls = labelset(b0.map(|i| &self.left[i]));
        let dist = match (s0, b0) {
            (Some(a), Some(b)) => (b - a).min(6) as u64,
            _ => 7,
        };
        let nl = |i: Option<usize>| i.map_or(0, |i| self.left[i].count.min(4) as u64);
        let nr = |i: Option<usize>| i.map_or(0, |i| self.right[i].count.min(4) as u64);
        let (s0w, s0t, s1w, s1t, b0w, b0t, b1w, b1t) =
            (w(s0), t(s0), w(s1), t(s1), w(b0), t(b0), w(b1), t(b1));
        out.extend_from_slice(&[
            feat(100, 0, 0, 0),
            feat(101, s0w, 0, 0),
            feat(102, s0t, 0, 0),
            feat(103, s0w, s0t, 0),
            feat(104, s1w, 0, 0),
            feat(105, s1t, 0, 0),
            feat(106, s1w, s1t, 0),
            feat(107, b0w, 0, 0),
            feat(108, b0t, 0, 0),
            feat(109, b0w, b0t, 0),
            feat(110, b1w, 0, 0),
            feat(111, b1t, 0, 0),
            feat(112, b1w, b1t, 0),
            feat(113, w(b2), 0, 0),
            feat(114, t(b2), 0, 0),
            feat(115, t(s2), 0, 0),
            feat(116, s0w, b0w, 0),
            feat(117, s0t, b0t, 0),
            feat(118, mix2(s0w, s0t), b0t, 0),
            feat(119, s0t, mix2(b0w, b0t), 0),
            feat(120, mix2(s0w, s0t), mix2(b0w, b0t), 0),
            feat(121, s0w, s1w, 0),
            feat(122, s0t, s1t, 0),
            feat(123, s1t, b0t, 0),
            feat(124, s0t, b0t, b1t),
            feat(125, s1t, s0t, b0t),
            feat(126, b0t, b1t, t(b2)),
            feat(127, t(s2), s1t, s0t),
            feat(128, s0t, t(s0l), b0t),
            feat(129, s0t, t(s0r), b0t),
            feat(130, s0t, b0t, t(b0l)),
            feat(131, s1t, t(s1r), s0t),
            feat(132, dist, s0w, 0),
            feat(133, dist, s0t, b0t),
            feat(134, dist, b0w, 0),
            feat(135, nl(s0), s0w, 0),
            feat(136, nr(s0), s0t, 0),
            feat(137, nl(b0), b0w, 0),
            feat(138, nl(b0), b0t, 0),
            feat(139, lab(s0l), s0t, 0),
            feat(140, lab(s0r), s0t, 0),
            feat(141, lab(b0l), b0t, 0),
            feat(142, w(s0l), 0, 0),
            feat(143, w(s0r), 0, 0),
            feat(144, w(b0l), 0, 0),
            feat(145, t(s0l), t(s0r), s0t),
            feat(146, s0w, b0t, b1t),
            feat(147, s1w, s0t, b0t),
            feat(148, nr(s1), s1t, 0),
            feat(149, lab(s1r), s1t, s0t),
            feat(150, s0t, b0w, b1t),
            feat(151, s0t, t(s0l), t(s0l2)),
            feat(152, s0t, t(s0r), t(s0r2)),
            feat(153, b0t, t(b0l), t(b0l2)),
            feat(154, s0w, s0rs, 0),
            feat(155, s0t, s0rs, 0),
            feat(156, s0w, s0ls, 0),
            feat(157, s0t, s0ls, 0),
            feat(158, b0w, b0ls, 0),
            feat(159, b0t, b0ls, 0),
            feat(160, lab(s0l2), s0t, 0),
            feat(161, lab(s0r2), s0t, 0),
            feat(162, lab(b0l2), b0t, 0),
            feat(163, s0w, nr(s0), 0),
            feat(164, b0w, b1w, 0),
            feat(165, b0t, b1w, 0),
            feat(166, mix2(s0w, s0t), b0t, b1t),
            feat(167, s1t, s0w, b0t),
            feat(168, dist, s0w, b0w),
        ]);
        if clusters {
            // Word clusters from unlabeled text stand in for rare words, in the places
            // where the words themselves count most (after Koo, Carreras and Collins 2008).
            let cf = |i: Option<usize>| match i {
                Some(0) => 1,
                Some(i) => words[i - 1].cluster + 2,
                None => 0,
            };
            let cc = |i: Option<usize>| match i {
                Some(0) => 1,
                Some(i) => words[i - 1].coarse + 2,
                None => 0,
            };
            out.extend_from_slice(&[
                feat(170, cf(s0), 0, 0),
                feat(171, cf(b0), 0, 0),
                feat(172, cf(s0), cf(b0), 0),
                feat(173, cc(s0), b0t, 0),
                feat(174, s0t, cc(b0), 0),
                feat(175, cc(s0), cc(b0), dist),
                feat(176, cc(s1), cc(s0), b0t),
                feat(177, cc(s0), b0t, b1t),
            ]);
        }
    }
}

fn mix2(a: u64, b: u64) -> u64 {
    crate::perceptron::mix(a, b)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Shift,
    Left,
    Right,
}

fn decode(class: usize, n_labels: usize) -> (Move, u16) {
    if class == SHIFT {
        (Move::Shift, 0)
    } else if class <= n_labels {
        (Move::Left, (class - 1) as u16)
    } else {
        (Move::Right, (class - 1 - n_labels) as u16)
    }
}

fn valid(state: &State, class: usize, n_labels: usize) -> bool {
    match decode(class, n_labels).0 {
        Move::Shift => state.can_shift(),
        Move::Left => state.can_left(),
        Move::Right => state.can_right(),
    }
}

/// The best-scoring valid transition: the validity of the three moves is checked once,
/// then each move's block of classes (SHIFT, LEFT(label)..., RIGHT(label)...) is scanned.
fn best_valid(state: &State, scores: &[f32], n_labels: usize) -> usize {
    let mut best = (f32::NEG_INFINITY, usize::MAX);
    let mut scan = |range: std::ops::Range<usize>| {
        for c in range {
            if scores[c] > best.0 || best.1 == usize::MAX {
                best = (scores[c], c);
            }
        }
    };
    if state.can_shift() {
        scan(SHIFT..SHIFT + 1);
    }
    if state.can_left() {
        scan(1..1 + n_labels);
    }
    if state.can_right() {
        scan(1 + n_labels..1 + 2 * n_labels);
    }
    best.1
}

/// The longest sentence the beam parses (EWT's longest training sentence has 159 words).
pub const MAX_BEAM_WORDS: usize = 400;

impl Parser {
    /// Parses one tagged sentence: for each word, its head (0-based index, `None` for
    /// the root) and label index.
    pub fn parse(&self, words: &[WordInfo], tags: &[u16]) -> Vec<(Option<usize>, u16)> {
        let n = words.len();
        let n_labels = self.labels.len();
        // Each hypothesis of the beam is a copy of its state, so a beam costs the square of
        // the sentence's length; a run-on "sentence" of scraped text (no stops) of
        // thousands of words is parsed greedily with the same weights instead.
        let state = if self.beam > 1 && n <= MAX_BEAM_WORDS {
            self.parse_beam(words, tags)
        } else {
            let mut state = State::new(n);
            let mut feats = Vec::with_capacity(64);
            let mut scores = vec![0.0f32; 1 + 2 * n_labels];
            while !state.done() {
                // Only the root on the stack: SHIFT is the one valid move, whatever the
                // weights say (one move in thirteen on EWT), so it is not scored.
                if !state.can_left() && !state.can_right() {
                    state.apply(Move::Shift, 0);
                    continue;
                }
                // The last word left, over the root: RIGHT is the one valid move, and the
                // root's label is `root` whatever the weights say (see below), so it is
                // not scored either.
                if !state.can_shift() && state.stack.len() == 2 {
                    state.apply(Move::Right, 0);
                    continue;
                }
                state.features(words, tags, self.clusters, &mut feats);
                self.weights.score(&feats, &mut scores);
                let class = best_valid(&state, &scores, n_labels);
                let (m, l) = decode(class, n_labels);
                state.apply(m, l);
            }
            state
        };
        (1..=n)
            .map(|d| {
                let h = state.heads[d].expect("every word is attached when the parse ends");
                let root_label = self.root_label();
                if h == 0 {
                    (None, root_label)
                } else {
                    (Some(h - 1), state.labels[d])
                }
            })
            .collect()
    }

    /// Beam search: every parse takes 2n moves, so the hypotheses finish together.
    fn parse_beam(&self, words: &[WordInfo], tags: &[u16]) -> State {
        let n_labels = self.labels.len();
        let mut beam = vec![(0.0f32, State::new(words.len()))];
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0.0f32; 1 + 2 * n_labels];
        let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
        while !beam[0].1.done() {
            candidates.clear();
            for (h, (score, state)) in beam.iter().enumerate() {
                state.features(words, tags, self.clusters, &mut feats);
                self.weights.score(&feats, &mut scores);
                for (c, s) in scores.iter().enumerate() {
                    if valid(state, c, n_labels) {
                        candidates.push((score + s, h, c));
                    }
                }
            }
            top(&mut candidates, self.beam);
            beam = candidates
                .iter()
                .map(|&(score, h, c)| {
                    let mut state = beam[h].1.clone();
                    let (m, l) = decode(c, n_labels);
                    state.apply(m, l);
                    (score, state)
                })
                .collect();
        }
        beam.swap_remove(0).1
    }

    /// Drops weights smaller than `min_weight` (see [`Weights::prune`]).
    pub fn prune(&mut self, min_weight: f32) {
        self.weights.prune(min_weight);
    }

    /// Number of features kept in the model.
    pub fn n_features(&self) -> usize {
        self.weights.n_features()
    }

    fn root_label(&self) -> u16 {
        self.labels.iter().position(|l| l == "root").unwrap_or(0) as u16
    }

    /// Number of transition classes the weights score.
    pub fn n_classes(&self) -> usize {
        self.weights.n_classes()
    }
}

/// Keeps the `k` best candidates (score, hypothesis, class), best first; ties go to the
/// earlier hypothesis and the lower class, so that search is deterministic.
fn top(candidates: &mut Vec<(f32, usize, usize)>, k: usize) {
    let order = |a: &(f32, usize, usize), b: &(f32, usize, usize)| {
        b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    };
    if candidates.len() > k {
        candidates.select_nth_unstable_by(k - 1, order);
        candidates.truncate(k);
    }
    candidates.sort_unstable_by(order);
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct ParseTraining {
    /// Passes over the training data.
    pub epochs: usize,
    /// Probability of following the parser's own (possibly wrong) move after the first epoch.
    pub explore: f64,
    /// Seed of shuffling and exploration.
    pub seed: u64,
    /// Features seen fewer times are dropped from the model.
    pub min_count: u32,
    /// Averaged weights of smaller magnitude are dropped from the model.
    pub min_weight: f32,
    /// Beam width: 1 trains a greedy parser with the dynamic oracle; more trains a beam
    /// parser with early updates (Collins and Roark 2004; Zhang and Nivre 2011).
    pub beam: usize,
    /// Use the words' cluster features.
    pub clusters: bool,
}

/// Trains a parser on gold trees; `tags` holds the tags to train with for each sentence
/// (predicted tags, so that the parser learns to live with tagging errors). Labels are
/// numbered as in `known_labels`, then in order of appearance (parsers that vote together
/// must number them alike).
pub fn train(
    sentences: &[Sentence],
    clusters: &Clusters,
    tags: &[Vec<u16>],
    cfg: ParseTraining,
    known_labels: &[String],
    progress: &mut dyn FnMut(usize, f64),
) -> Parser {
    let mut labels: Vec<String> = known_labels.to_vec();
    let mut label_index: FxHashMap<String, u16> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.clone(), i as u16))
        .collect();
    let mut data = Vec::new();
    for (s, t) in sentences.iter().zip(tags) {
        let words = s.word_infos(clusters);
        let mut gold_heads = vec![0usize; s.words.len() + 1];
        let mut gold_labels = vec![0u16; s.words.len() + 1];
        for (i, w) in s.words.iter().enumerate() {
            gold_heads[i + 1] = w.head;
            gold_labels[i + 1] = *label_index.entry(w.deprel.clone()).or_insert_with(|| {
                labels.push(w.deprel.clone());
                (labels.len() - 1) as u16
            });
        }
        data.push((words, t.clone(), gold_heads, gold_labels));
    }
    let n_labels = labels.len();
    let n_classes = 1 + 2 * n_labels;
    if cfg.beam > 1 {
        return train_beam(&data, labels, cfg, progress);
    }
    let mut trainer = Trainer::new(n_classes);
    let mut rng = crate::Rng::new(cfg.seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0.0f32; n_classes];
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &k in &order {
            let (words, tags, gold, gold_labels) = &data[k];
            let mut state = State::new(words.len());
            while !state.done() {
                state.features(words, tags, cfg.clusters, &mut feats);
                trainer.score(&feats, &mut scores);
                let move_costs = state.costs(gold);
                let cost = |class: usize| {
                    move_cost(&state, move_costs, class, n_labels, gold, gold_labels)
                };
                let guess = argmax(&scores, Some(&|c| valid(&state, c, n_labels)));
                let min_cost = (0..n_classes).map(&cost).min().expect("some move is valid");
                let best = argmax(&scores, Some(&|c| cost(c) == min_cost));
                trainer.tick(&feats);
                if cost(guess) > min_cost {
                    trainer.update(&feats, best, guess);
                } else {
                    correct += 1;
                }
                total += 1;
                let follow = if epoch > 0 && rng.unit() < cfg.explore {
                    guess
                } else {
                    best
                };
                let (m, l) = decode(follow, n_labels);
                state.apply(m, l);
            }
        }
        progress(epoch + 1, correct as f64 / total.max(1) as f64);
    }
    Parser {
        labels,
        weights: trainer.average(cfg.min_count, cfg.min_weight),
        beam: 1,
        clusters: cfg.clusters,
    }
}

/// Cost of `class` in `state` against the gold tree: arcs it makes unreachable, plus one
/// for a gold arc given the wrong label.
fn move_cost(
    state: &State,
    costs: [usize; 3],
    class: usize,
    n_labels: usize,
    gold: &[usize],
    gold_labels: &[u16],
) -> usize {
    let (m, l) = decode(class, n_labels);
    let base = match m {
        Move::Shift => costs[0],
        Move::Left => costs[1],
        Move::Right => costs[2],
    };
    if base == usize::MAX {
        return base;
    }
    let wrong_label = match (m, state.s(0)) {
        (Move::Left, Some(d)) => gold[d] == state.b && gold_labels[d] != l,
        (Move::Right, Some(d)) => Some(gold[d]) == state.s(1) && gold_labels[d] != l,
        _ => false,
    };
    base + wrong_label as usize
}

/// One move of a hypothesis, kept so that an update can replay its whole history.
struct Step {
    parent: Option<usize>,
    class: usize,
    features: std::ops::Range<usize>,
}

/// A hypothesis of beam training: score, state, whether every move so far was correct,
/// and its last move.
struct Hyp {
    score: f32,
    state: State,
    correct: bool,
    step: Option<usize>,
}

type Example = (Vec<WordInfo>, Vec<u16>, Vec<usize>, Vec<u16>);

/// Beam training with early update: when no correct hypothesis is left in the beam, the
/// best correct continuation is rewarded and the beam's best hypothesis penalized, move by
/// move over their histories, and the sentence ends there.
fn train_beam(
    data: &[Example],
    labels: Vec<String>,
    cfg: ParseTraining,
    progress: &mut dyn FnMut(usize, f64),
) -> Parser {
    let n_labels = labels.len();
    let n_classes = 1 + 2 * n_labels;
    let mut trainer = Trainer::new(n_classes);
    let mut rng = crate::Rng::new(cfg.seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0.0f32; n_classes];
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let (mut full, mut total) = (0usize, 0usize);
        for &k in &order {
            let (words, tags, gold, gold_labels) = &data[k];
            let mut steps: Vec<Step> = Vec::new();
            let mut store: Vec<u64> = Vec::new();
            let mut beam = vec![Hyp {
                score: 0.0,
                state: State::new(words.len()),
                correct: true,
                step: None,
            }];
            let mut update: Option<(Option<usize>, Option<usize>)> = None;
            total += 1;
            while !beam[0].state.done() {
                candidates.clear();
                let mut ranges = Vec::with_capacity(beam.len());
                let mut best_correct: Option<(f32, usize, usize)> = None;
                let mut optimal: Vec<Vec<bool>> = Vec::with_capacity(beam.len());
                for (h, hyp) in beam.iter().enumerate() {
                    hyp.state.features(words, tags, cfg.clusters, &mut feats);
                    let start = store.len();
                    store.extend_from_slice(&feats);
                    ranges.push(start..store.len());
                    trainer.score(&feats, &mut scores);
                    // The correct moves of a hypothesis still correct: those of least cost (a
                    // non-projective gold tree cannot be reached by any move sequence). Only a
                    // correct hypothesis's are ever read, so only they are computed.
                    optimal.push(if hyp.correct {
                        let costs = hyp.state.costs(gold);
                        let cost: Vec<usize> = (0..n_classes)
                            .map(|c| {
                                if valid(&hyp.state, c, n_labels) {
                                    move_cost(&hyp.state, costs, c, n_labels, gold, gold_labels)
                                } else {
                                    usize::MAX
                                }
                            })
                            .collect();
                        let least = cost
                            .iter()
                            .copied()
                            .filter(|&x| x < usize::MAX)
                            .min()
                            .expect("a move is valid until the parse is done");
                        cost.iter().map(|&x| x == least).collect()
                    } else {
                        Vec::new()
                    });
                    for (c, s) in scores.iter().enumerate() {
                        if !valid(&hyp.state, c, n_labels) {
                            continue;
                        }
                        let total = hyp.score + s;
                        candidates.push((total, h, c));
                        if hyp.correct && best_correct.is_none_or(|b| total > b.0) && optimal[h][c]
                        {
                            best_correct = Some((total, h, c));
                        }
                    }
                }
                trainer.tick(&store[ranges[0].clone()]);
                top(&mut candidates, cfg.beam);
                let mut next = Vec::with_capacity(candidates.len());
                for &(score, h, c) in &candidates {
                    let parent = &beam[h];
                    let correct = parent.correct && optimal[h][c];
                    let mut state = parent.state.clone();
                    let (m, l) = decode(c, n_labels);
                    state.apply(m, l);
                    steps.push(Step {
                        parent: parent.step,
                        class: c,
                        features: ranges[h].clone(),
                    });
                    next.push(Hyp {
                        score,
                        state,
                        correct,
                        step: Some(steps.len() - 1),
                    });
                }
                if !next.iter().any(|h| h.correct) {
                    let (_, h, c) =
                        best_correct.expect("a correct move exists from a correct state");
                    steps.push(Step {
                        parent: beam[h].step,
                        class: c,
                        features: ranges[h].clone(),
                    });
                    update = Some((Some(steps.len() - 1), next[0].step));
                    break;
                }
                beam = next;
            }
            if update.is_none() && !beam[0].correct {
                let good = beam
                    .iter()
                    .find(|h| h.correct)
                    .expect("a correct hypothesis is in the beam");
                update = Some((good.step, beam[0].step));
            }
            match update {
                Some((good, bad)) => {
                    let (mut g, mut b) = (good, bad);
                    while g != b {
                        // Histories have equal length: walk both back one move at a time.
                        let (gs, bs) = (
                            &steps[g.expect("same length")],
                            &steps[b.expect("same length")],
                        );
                        trainer.add(&store[gs.features.clone()], gs.class, 1.0);
                        trainer.add(&store[bs.features.clone()], bs.class, -1.0);
                        g = gs.parent;
                        b = bs.parent;
                    }
                }
                None => full += 1,
            }
        }
        // Share of sentences whose best hypothesis was right to the end.
        progress(epoch + 1, full as f64 / total.max(1) as f64);
    }
    Parser {
        labels,
        weights: trainer.average(cfg.min_count, cfg.min_weight),
        beam: cfg.beam,
        clusters: cfg.clusters,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oracle_costs_are_zero_along_a_projective_gold_path() {
        // "Putin met Assad ." : met is root; Putin and Assad depend on met; . on met.
        let gold = [0, 2, 0, 2, 2];
        let mut s = State::new(4);
        let mut steps = 0;
        while !s.done() {
            let c = s.costs(&gold);
            let m = if c[0] == 0 {
                Move::Shift
            } else if c[1] == 0 {
                Move::Left
            } else if c[2] == 0 {
                Move::Right
            } else {
                panic!("no zero-cost move: {c:?}")
            };
            // Prefer reductions when they are free, as the oracle would.
            let m = if c[1] == 0 {
                Move::Left
            } else if c[2] == 0 && s.can_right() {
                Move::Right
            } else {
                m
            };
            s.apply(m, 0);
            steps += 1;
            assert!(steps < 20);
        }
        assert_eq!(s.heads[1..], [Some(2), Some(0), Some(2), Some(2)]);
        // Children come in the order the features rely on: left nearest first, right leftmost first.
        assert_eq!((s.left[2].last, s.left[2].count), (Some(1), 1));
        assert_eq!(
            (s.right[2].last, s.right[2].second, s.right[2].count),
            (Some(4), Some(3), 2)
        );
    }

    #[test]
    fn a_single_root_is_enforced() {
        let mut s = State::new(3);
        s.apply(Move::Shift, 0);
        s.apply(Move::Shift, 0);
        // ROOT cannot take a dependent while words remain.
        s.apply(Move::Shift, 0);
        assert!(!s.can_shift());
        while !s.done() {
            assert!(s.can_right());
            s.apply(Move::Right, 0);
        }
        assert_eq!(s.heads.iter().filter(|h| **h == Some(0)).count(), 1);
    }
}
