/*!
Named-entity recognition: a left-to-right averaged perceptron over BIO labels (PER,
ORG, LOC, MISC), with word, affix, shape, context, part-of-speech and gazetteer features,
trained and decoded with a small beam. The gazetteer (countries,
capitals, states and large cities from GeoNames; international organizations and dated
political office holders from the PETRARCH actor dictionaries) is built by `gazette train
ner` and stored in the model.

```
use gazette_ner::EntityModel;

let model = EntityModel::english();
let words = ["Russian", "President", "Vladimir", "Putin", "met", "Assad", "in", "Sochi", "."];
let tags = ["JJ", "NNP", "NNP", "NNP", "VBD", "NNP", "IN", "NNP", "."];
let spans = model.recognize(&words, &tags);
assert!(spans.iter().any(|s| (s.start, s.end, s.label.as_str()) == (2, 4, "PER")));
```
*/
#![deny(missing_docs)]

pub use gazette_learn::clusters;
pub mod conll;
pub mod gazetteer;
pub mod kb;
pub mod score;
pub mod train;

use std::path::Path;
use std::sync::OnceLock;

use gazette_learn::perceptron::{BEFORE, Weights, feat, hash_str, outside};
use gazette_learn::words::{WordInfo, lower_form};
use serde::{Deserialize, Serialize};

use crate::gazetteer::Gazetteer;

/// An entity found in a sentence: words `start..end` (exclusive) and its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntitySpan {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// PER, ORG, LOC or MISC.
    pub label: String,
}

/// A trained recognizer with its gazetteer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EntityModel {
    /// Facts about the model.
    pub meta: ModelMeta,
    /// BIO labels; index 0 is `O`.
    pub labels: Vec<String>,
    weights: Weights,
    /// Phrase lists used as features.
    pub gazetteer: Gazetteer,
    /// Word clusters from unlabeled text, used as features.
    pub clusters: clusters::Clusters,
    /// The labels that may follow each label (row 0: at the sentence start; row 1 + l:
    /// after label l), tabled on first use.
    #[serde(skip)]
    allowed_after: OnceLock<Vec<Vec<usize>>>,
}

pub use gazette_learn::file::{ModelError, ModelMeta};

/// Label sequences the decoder, and training, keep at each word. On CoNLL dev (testa),
/// a model trained with a beam of 8 scored as one trained and decoded with 4 (0.9343 /
/// 0.9344, session 25).
pub(crate) const BEAM_WIDTH: usize = 4;

/// Titles written before a person's name ("President", "Foreign Minister", "spokesman"),
/// lowercased.
pub const TITLES: &[&str] = &[
    "president",
    "minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "secretary-general",
    "senator",
    "governor",
    "mayor",
    "leader",
    "chairman",
    "chairwoman",
    "ambassador",
    "envoy",
    "commissioner",
    "general",
    "pope",
    "emir",
    "sheikh",
    "ayatollah",
    "cardinal",
    "archbishop",
    "bishop",
    "judge",
    "coach",
    "director",
];

/// Lowercase words inside a person's name ("Bashar al Assad", "Eva de Wit").
pub const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "de", "da", "del", "della", "di", "du", "la", "le", "van", "von",
    "der", "den", "ter", "dos",
];

/// Version of the model file format.
pub const MODEL_FORMAT: u32 = 5;

static ENGLISH: &[u8] = include_bytes!("../../../models/ner/en_conll.bin.gz");

/// Per-sentence context shared by all positions.
pub(crate) struct Sentence<'a> {
    pub(crate) words: Vec<WordInfo>,
    pub(crate) tags: Vec<u64>,
    /// Gazetteer feature of each word: class and position in the longest phrase covering it.
    pub(crate) gaz: Vec<u64>,
    /// Name-part bits of each word ([`Gazetteer::part`]).
    pub(crate) parts: Vec<u64>,
    pub(crate) caps: u64,
    pub(crate) forms: &'a [&'a str],
    /// Fine and coarse cluster of each word (hashed; a constant for unclustered words).
    pub(crate) clusters: Vec<(u64, u64)>,
    /// What the document said earlier about each word ([`History::feature`]).
    pub(crate) history: Vec<u64>,
    /// Each word's lowercased prefixes of 2, 3 and 4 characters, hashed ([`prefixes`]).
    pub(crate) prefixes: Vec<[u64; 3]>,
    /// What the document's wording says of each word ([`History::note_cues`]).
    pub(crate) cues: Vec<u64>,
}

/// What the recognizer decided earlier in the same document about each capitalized word
/// (lowercased): how often it labelled it O, PER, ORG, LOC and MISC, whatever the B/I.
/// An article names the same actor many times, and its first, clearest mention ("Tara
/// Reid, 33, who starred in ...") informs the harder later ones (a lone "Reid" at the
/// start of a sentence, in a headline or in a table): the "extended prediction history" of
/// Ratinov and Roth (2009). Start one per document; a fresh one knows nothing.
#[derive(Debug, Clone, Default)]
pub struct History {
    seen: rustc_hash::FxHashMap<u64, [u16; 5]>,
    /// What the document's own wording says of a capitalized word anywhere in it
    /// ([`History::note_cues`]): bit 1, a company suffix follows it ("Magna International
    /// Inc"); bit 2, an honorific or a title comes before it ("Mr Jones"); bit 4, a
    /// pronoun for a thing takes it up ("Magna said it"); bit 8, one for a person ("Weber
    /// said he").
    cues: rustc_hash::FxHashMap<u64, u64>,
}

/// Words that end a company's name ("Inc", "Corp", "SpA").
const COMPANY_SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "plc",
    "llc",
    "ag",
    "sa",
    "s.a.",
    "spa",
    "nv",
    "n.v.",
    "bv",
    "ab",
    "asa",
    "gmbh",
    "group",
    "holdings",
    "bancorp",
    "bancshares",
    "industries",
    "pharmaceuticals",
    "airlines",
    "bank",
    "motors",
];

/// Verbs after which a pronoun takes up their subject ("X said it would ...").
const SAYS: &[&str] = &[
    "said",
    "says",
    "added",
    "announced",
    "reported",
    "told",
    "expects",
    "expected",
    "plans",
    "hopes",
    "believes",
    "noted",
    "stated",
    "argued",
];

/// Words written before a person's name.
const HONORIFICS: &[&str] = &["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir"];

/// Whether a word starts with a capital letter.
fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Index of a BIO label's type in [`History`] counts: 0 for O, then PER, ORG, LOC, MISC.
fn type_index(label: &str) -> usize {
    match label.get(2..) {
        Some("PER") => 1,
        Some("ORG") => 2,
        Some("LOC") => 3,
        Some("MISC") => 4,
        _ => 0,
    }
}

impl History {
    /// An empty history (the start of a document).
    pub fn new() -> History {
        History::default()
    }

    /// Notes what the wording of a whole document says of its capitalized words, before
    /// it is read ([`History`]'s `cues`).
    pub fn note_cues(&mut self, sentences: &[&[&str]]) {
        for words in sentences {
            let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
            for (i, w) in words.iter().enumerate() {
                if i > 0 && COMPANY_SUFFIXES.contains(&lower[i].as_str()) && capitalized(w) {
                    // The capitalized run before the suffix ("Jones Medical Industries").
                    let mut k = i;
                    while k > 0 && k + 3 >= i {
                        let prev = words[k - 1];
                        if !(capitalized(prev) || prev == "&" || prev == "'s") {
                            break;
                        }
                        k -= 1;
                        if capitalized(prev) && !COMPANY_SUFFIXES.contains(&lower[k].as_str()) {
                            self.mark(prev, 1);
                        }
                    }
                }
                // The pronoun that takes the name up: "Comelf said it ...", "Magna ,
                // which ..." (a thing: bit 4) against "Weber said he ...", "Weber , who"
                // (a person: bit 8).
                if capitalized(w) && i + 2 < words.len() {
                    let (next, then) = (lower[i + 1].as_str(), lower[i + 2].as_str());
                    let says = SAYS.contains(&next);
                    let bit = match then {
                        "it" | "its" if says => 4,
                        "which" if next == "," => 4,
                        "he" | "she" | "his" | "her" if says => 8,
                        "who" if next == "," => 8,
                        _ => 0,
                    };
                    if bit != 0 {
                        // The word and up to two capitalized words before it.
                        for k in (i.saturating_sub(2)..=i)
                            .rev()
                            .take_while(|&k| capitalized(words[k]))
                        {
                            self.mark(words[k], bit);
                        }
                    }
                }
                let titled = i > 0
                    && (HONORIFICS.contains(&lower[i - 1].as_str())
                        || TITLES.contains(&lower[i - 1].as_str()) && capitalized(words[i - 1]));
                if titled && capitalized(w) {
                    // The word and up to two capitalized words after it.
                    for &after in words[i..].iter().take(3).take_while(|w| capitalized(w)) {
                        self.mark(after, 2);
                    }
                }
            }
        }
    }

    /// Adds a cue bit to a word.
    fn mark(&mut self, word: &str, bit: u64) {
        *self.cues.entry(hash_str(&lower_form(word))).or_default() |= bit;
    }

    /// The document's cues for a word (0: none).
    fn cue(&self, word: &WordInfo) -> u64 {
        if word.capitalized {
            self.cues.get(&word.lower).copied().unwrap_or(0)
        } else {
            0
        }
    }

    /// The feature value of a word: 0 when unseen, else its most frequent type and
    /// whether every earlier decision agreed.
    fn feature(&self, word: &WordInfo) -> u64 {
        if !word.capitalized {
            return 0;
        }
        match self.seen.get(&word.lower) {
            None => 0,
            Some(counts) => {
                let total: u16 = counts.iter().sum();
                let (best, n) = counts
                    .iter()
                    .enumerate()
                    .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
                    .expect("five counts");
                (best as u64 + 1) * 2 + u64::from(*n == total)
            }
        }
    }

    /// Remembers the labels given to a sentence's capitalized words.
    fn record(&mut self, words: &[WordInfo], labels: &[u16], names: &[String]) {
        for (w, &l) in words.iter().zip(labels) {
            if w.capitalized {
                let counts = self.seen.entry(w.lower).or_default();
                let t = type_index(&names[l as usize]);
                counts[t] = counts[t].saturating_add(1);
            }
        }
    }
}

impl<'a> Sentence<'a> {
    /// Takes the document memory `history` in place of the one the sentence was made with.
    pub(crate) fn remember(&mut self, history: &History) {
        self.history = self.words.iter().map(|w| history.feature(w)).collect();
    }

    /// The hashed views of a sentence's words.
    pub(crate) fn words(forms: &[&str]) -> Vec<WordInfo> {
        forms.iter().map(|f| WordInfo::new(f)).collect()
    }

    pub(crate) fn new(
        forms: &'a [&'a str],
        tags: &[&str],
        gazetteer: &Gazetteer,
        clusters: &clusters::Clusters,
        history: &History,
    ) -> Sentence<'a> {
        let words = Sentence::words(forms);
        let (gaz, parts) = gazetteer.features(forms);
        let caps = {
            let alpha: Vec<&&str> = forms
                .iter()
                .filter(|f| f.chars().next().is_some_and(char::is_alphabetic))
                .collect();
            let upper = alpha
                .iter()
                .filter(|f| f.chars().all(|c| !c.is_lowercase()))
                .count();
            let title = alpha.iter().filter(|f| capitalized(f)).count();
            let n = alpha.len().max(1);
            // 2: all capitals (headlines, sports tables); 1: mostly capitalized; 0: running text.
            if upper * 10 >= n * 8 {
                2
            } else if title * 10 >= n * 6 {
                1
            } else {
                0
            }
        };
        let clusters = forms
            .iter()
            .map(|f| {
                clusters
                    .get(f)
                    .map_or((1, 1), |(a, b)| (u64::from(a) + 2, u64::from(b) + 2))
            })
            .collect();
        Sentence {
            history: words.iter().map(|w| history.feature(w)).collect(),
            cues: words.iter().map(|w| history.cue(w)).collect(),
            prefixes: forms.iter().map(|f| prefixes(f)).collect(),
            words,
            tags: tags.iter().map(|t| hash_str(t)).collect(),
            gaz,
            parts,
            caps,
            forms,
            clusters,
        }
    }
}

/// What the document memory says about word `i` and its neighbour ([`History`]): the
/// features that change when the decoder reads a sentence a second time with the memory
/// of the whole document.
pub(crate) fn memory_features(s: &Sentence<'_>, i: usize, out: &mut Vec<u64>) {
    out.clear();
    let next = s.history.get(i + 1).copied().unwrap_or(0);
    out.extend_from_slice(&[
        feat(250, s.history[i], 0, 0),
        feat(251, s.history[i], s.words[i].shape, 0),
        feat(253, s.history[i], s.caps, (i == 0) as u64),
        feat(254, s.history[i], next, 0),
    ]);
}

/// The features of word `i` that depend neither on the labels before it nor on the
/// document memory, scored once per word however many label sequences the decoder weighs
/// and however often it reads the sentence.
pub(crate) fn context_features(s: &Sentence<'_>, i: usize, out: &mut Vec<u64>) {
    out.clear();
    let n = s.words.len() as isize;
    let ii = i as isize;
    let at =
        |k: isize| -> Option<usize> { (ii + k >= 0 && ii + k < n).then_some((ii + k) as usize) };
    let lw = |k: isize| at(k).map_or(outside(k), |j| s.words[j].lower);
    let sh = |k: isize| at(k).map_or(outside(k), |j| s.words[j].shape);
    let tg = |k: isize| at(k).map_or(outside(k), |j| s.tags[j]);
    let gz = |k: isize| at(k).map_or(0, |j| s.gaz[j]);
    let sf = |k: isize| at(k).map_or(0, |j| s.words[j].suffix3);
    let cl = |k: isize| at(k).map_or((0, 0), |j| s.clusters[j]);
    let w = &s.words[i];
    let len = s.forms[i].chars().count().min(8) as u64;
    out.extend_from_slice(&[
        feat(200, 0, 0, 0),
        feat(201, w.lower, 0, 0),
        feat(202, w.form, 0, 0),
        feat(203, w.shape, 0, 0),
        feat(204, w.suffix2, 0, 0),
        feat(205, w.suffix3, 0, 0),
        feat(206, w.suffix4, 0, 0),
        feat(207, w.prefix1, w.shape, 0),
        feat(208, lw(-1), 0, 0),
        feat(209, lw(1), 0, 0),
        feat(210, lw(-2), 0, 0),
        feat(211, lw(2), 0, 0),
        feat(212, sh(-1), w.shape, 0),
        feat(213, w.shape, sh(1), 0),
        feat(218, tg(0), 0, 0),
        feat(219, tg(-1), tg(0), 0),
        feat(220, tg(0), tg(1), 0),
        feat(221, gz(0), 0, 0),
        feat(222, gz(-1), gz(0), 0),
        feat(223, gz(0), gz(1), 0),
        feat(224, gz(0), w.shape, 0),
        feat(225, s.caps, w.shape, 0),
        feat(226, s.caps, w.lower, 0),
        feat(227, (i == 0) as u64, w.shape, s.caps),
        feat(228, lw(-1), w.lower, 0),
        feat(229, w.lower, lw(1), 0),
        feat(230, sf(-1), 0, 0),
        feat(231, sf(1), 0, 0),
        feat(233, len, w.shape, 0),
        feat(236, tg(0), w.suffix3, 0),
        feat(237, sh(-1), sh(0), sh(1)),
        feat(240, cl(0).0, 0, 0),
        feat(241, cl(0).1, 0, 0),
        feat(242, cl(-1).0, 0, 0),
        feat(243, cl(1).0, 0, 0),
        feat(244, cl(0).0, w.shape, 0),
        feat(245, cl(-1).1, cl(0).1, 0),
        feat(246, cl(0).1, cl(1).1, 0),
        feat(260, s.prefixes[i][1], 0, 0),
        feat(261, at(-1).map_or(outside(-1), |j| s.words[j].form), 0, 0),
        feat(262, at(1).map_or(outside(1), |j| s.words[j].form), 0, 0),
        feat(263, cl(-2).0, 0, 0),
        feat(264, cl(2).0, 0, 0),
        feat(265, lw(1), lw(2), 0),
        feat(266, lw(-2), lw(-1), 0),
        feat(267, s.prefixes[i][2], 0, 0),
        feat(268, s.prefixes[i][0], 0, 0),
        feat(269, sh(-2), sh(-1), w.shape),
        feat(270, w.shape, sh(1), sh(2)),
        feat(271, tg(-1), tg(0), tg(1)),
    ]);
    let pt = |k: isize| at(k).map_or(0, |j| s.parts[j]);
    if pt(-1) | pt(0) | pt(1) != 0 {
        out.extend_from_slice(&[
            feat(274, pt(0), w.shape, 0),
            feat(275, pt(-1), pt(0), pt(1)),
        ]);
    }
    if s.cues[i] != 0 {
        out.extend_from_slice(&[
            feat(272, s.cues[i], 0, 0),
            feat(273, s.cues[i], w.shape, s.caps),
        ]);
    }
}

/// The features of word `i` that depend on the labels of the two words before it
/// (`None` before the sentence starts).
pub(crate) fn label_features(
    s: &Sentence<'_>,
    i: usize,
    prev1: Option<u16>,
    prev2: Option<u16>,
    out: &mut Vec<u64>,
) {
    out.clear();
    let label = |l: Option<u16>| l.map_or(BEFORE, |l| u64::from(l) + 1);
    let (l1, l2) = (label(prev1), label(prev2));
    let w = &s.words[i];
    let lower_before = i.checked_sub(1).map_or(outside(-1), |j| s.words[j].lower);
    let tag = s.tags[i];
    let gaz = s.gaz[i];
    let cluster = s.clusters[i].0;
    out.extend_from_slice(&[
        feat(214, l1, 0, 0),
        feat(215, l1, l2, 0),
        feat(216, l1, w.lower, 0),
        feat(217, l1, w.shape, 0),
        feat(232, l1, tag, 0),
        feat(234, lower_before, w.shape, l1),
        feat(235, gaz, l1, 0),
        feat(247, l1, cluster, 0),
        feat(252, s.history[i], l1, 0),
    ]);
}

/// One beam per word of a label search: (sequence score, label, index of the entry of the
/// previous beam it extends).
pub(crate) type Beam = Vec<(f32, u16, usize)>;

/// The labels that may follow each label: row 0 at the sentence start, row 1 + l after
/// label l.
pub(crate) fn allowed_table(labels: &[String]) -> Vec<Vec<usize>> {
    std::iter::once(None)
        .chain((0..labels.len()).map(|l| Some(l as u16)))
        .map(|prev| {
            (0..labels.len())
                .filter(|&c| allowed(labels, prev, c))
                .collect()
        })
        .collect()
}

/// A beam search over the label sequences of `n` words, a sequence scoring the sum of its
/// labels' scores; `score(i, prev1, prev2, out)` writes the scores of word `i`'s labels after
/// the two labels before it. Sequences that end in the same two labels see the same
/// features from then on, so only the best of them is kept; on equal scores the earlier
/// candidate goes first, so the search is deterministic.
pub(crate) fn beam_search(
    n: usize,
    width: usize,
    allowed_after: &[Vec<usize>],
    mut score: impl FnMut(usize, Option<u16>, Option<u16>, &mut [f32]),
) -> Vec<Beam> {
    let n_labels = allowed_after.len() - 1;
    let mut steps: Vec<Beam> = Vec::with_capacity(n);
    let mut scores = vec![0.0f32; n_labels];
    let mut candidates: Beam = Vec::new();
    let start = [(0.0, u16::MAX, usize::MAX)];
    for i in 0..n {
        candidates.clear();
        let beam: &[(f32, u16, usize)] = if i == 0 { &start } else { &steps[i - 1] };
        for (at, &(total, label, parent)) in beam.iter().enumerate() {
            let prev1 = (i >= 1).then_some(label);
            let prev2 = (i >= 2).then(|| steps[i - 2][parent].1);
            score(i, prev1, prev2, &mut scores);
            for &c in &allowed_after[prev1.map_or(0, |l| usize::from(l) + 1)] {
                candidates.push((total + scores[c], c as u16, at));
            }
        }
        // Picked one at a time, as the beam is much smaller than the candidates.
        let state = |l: u16, p: usize| (l, (i >= 1).then(|| steps[i - 1][p].1));
        let mut kept: Beam = Vec::with_capacity(width);
        while kept.len() < width {
            let mut best: Option<usize> = None;
            for (k, c) in candidates.iter().enumerate() {
                if c.0 > best.map_or(f32::NEG_INFINITY, |b| candidates[b].0) {
                    best = Some(k);
                }
            }
            let Some(b) = best else { break };
            let (total, label, parent) = candidates[b];
            candidates[b].0 = f32::NEG_INFINITY;
            if !kept
                .iter()
                .any(|&(_, l, p)| state(l, p) == state(label, parent))
            {
                kept.push((total, label, parent));
            }
        }
        steps.push(kept);
    }
    steps
}

/// The labels of the best entry of the beam at word `len - 1`, followed back.
pub(crate) fn best_path(steps: &[Beam], len: usize) -> Vec<u16> {
    let mut out = vec![0u16; len];
    let mut at = 0;
    for i in (0..len).rev() {
        let (_, label, parent) = steps[i][at];
        out[i] = label;
        at = parent;
    }
    out
}

/// Hashes of a word's first 2, 3 and 4 characters, each lowercased (a shorter word's
/// prefixes are the whole word), built in one pass.
fn prefixes(form: &str) -> [u64; 3] {
    let mut chars = form.chars();
    let mut prefix = String::new();
    let mut out = [0; 3];
    for k in 1..=4 {
        prefix.extend(chars.next().into_iter().flat_map(char::to_lowercase));
        if k >= 2 {
            out[k - 2] = hash_str(&prefix);
        }
    }
    out
}

/// Whether label `next` may follow label `prev` in BIO: an I- continues its own type.
pub(crate) fn allowed(labels: &[String], prev: Option<u16>, next: usize) -> bool {
    match labels[next].strip_prefix("I-") {
        None => true,
        Some(t) => prev.is_some_and(|p| labels[p as usize].get(2..) == Some(t)),
    }
}

/// Entity spans of a BIO label sequence (IOB2; a stray I- starts an entity, as conlleval does).
pub fn spans(labels: &[&str]) -> Vec<EntitySpan> {
    let mut out: Vec<EntitySpan> = Vec::new();
    for (i, l) in labels.iter().enumerate() {
        if let Some(t) = l.strip_prefix("B-") {
            out.push(EntitySpan {
                start: i,
                end: i + 1,
                label: t.to_string(),
            });
        } else if let Some(t) = l.strip_prefix("I-") {
            match out.last_mut() {
                Some(last) if last.end == i && last.label == t => last.end = i + 1,
                _ => out.push(EntitySpan {
                    start: i,
                    end: i + 1,
                    label: t.to_string(),
                }),
            }
        }
    }
    out
}

impl EntityModel {
    /// The English model (CoNLL-2003), decoded once per process.
    pub fn english() -> &'static EntityModel {
        static MODEL: OnceLock<EntityModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            EntityModel::from_bytes(ENGLISH).expect("the bundled entity model loads")
        })
    }

    /// Reads a model from gzip-compressed bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<EntityModel, ModelError> {
        let model: EntityModel = gazette_learn::file::decode(bytes).map_err(ModelError::Format)?;
        if model.meta.format != MODEL_FORMAT {
            return Err(ModelError::Format(format!(
                "format {} (expected {MODEL_FORMAT})",
                model.meta.format
            )));
        }
        if model.weights.n_classes() != model.labels.len()
            || model.labels.first().map(String::as_str) != Some("O")
        {
            return Err(ModelError::Format("weights and labels disagree".into()));
        }
        Ok(model)
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<EntityModel, ModelError> {
        EntityModel::from_bytes(&std::fs::read(path)?)
    }

    /// Writes the model, gzip-compressed.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        Ok(gazette_learn::file::save(self, path)?)
    }

    /// BIO labels of one sentence, given its words and their Penn part-of-speech tags.
    pub fn label(&self, words: &[&str], tags: &[&str]) -> Vec<u16> {
        self.label_in(words, tags, &mut History::new())
    }

    /// BIO labels of one sentence of a document whose earlier sentences `history`
    /// remembers; the sentence's labels are added to it.
    pub fn label_in(&self, words: &[&str], tags: &[&str], history: &mut History) -> Vec<u16> {
        let s = Sentence::new(words, tags, &self.gazetteer, &self.clusters, history);
        let mut out = self.decode(&s, &self.context_scores(&s), BEAM_WIDTH);
        history.record(&s.words, &out, &self.labels);
        self.tidy_names(words, &mut out);
        out
    }

    /// The best label sequence under a beam search ([`beam_search`]; the recognizer was
    /// trained with this search, [`train`]).
    fn decode(&self, s: &Sentence<'_>, context: &[f32], width: usize) -> Vec<u16> {
        let n_labels = self.labels.len();
        // The memory's scores added to the context's: what does not depend on the labels.
        let mut word_scores = context.to_vec();
        let mut feats = Vec::with_capacity(4);
        let mut memory = vec![0.0f32; n_labels];
        for (i, row) in word_scores.chunks_mut(n_labels).enumerate() {
            memory_features(s, i, &mut feats);
            self.weights.score(&feats, &mut memory);
            row.iter_mut().zip(&memory).for_each(|(r, m)| *r += m);
        }
        let allowed_after = self
            .allowed_after
            .get_or_init(|| allowed_table(&self.labels));
        let mut label_feats = Vec::with_capacity(9);
        let steps = beam_search(
            s.words.len(),
            width,
            allowed_after,
            |i, prev1, prev2, out| {
                label_features(s, i, prev1, prev2, &mut label_feats);
                self.weights.score(&label_feats, out);
                let row = &word_scores[i * n_labels..(i + 1) * n_labels];
                out.iter_mut().zip(row).for_each(|(o, w)| *o += w);
            },
        );
        best_path(&steps, s.words.len())
    }

    /// BIO label names (`B-PER`, `O`, ...) of one sentence of a document ([`History`]).
    pub fn label_names(&self, words: &[&str], tags: &[&str], history: &mut History) -> Vec<String> {
        self.names_of(self.label_in(words, tags, history))
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The names of label indices (`B-PER`, `O`, ...).
    fn names_of(&self, labels: Vec<u16>) -> Vec<&str> {
        labels
            .into_iter()
            .map(|l| self.labels[l as usize].as_str())
            .collect()
    }

    /// Entities of one sentence.
    pub fn recognize(&self, words: &[&str], tags: &[&str]) -> Vec<EntitySpan> {
        self.recognize_in(words, tags, &mut History::new())
    }

    /// Entities of one sentence of a document whose earlier sentences `history` remembers.
    pub fn recognize_in(
        &self,
        words: &[&str],
        tags: &[&str],
        history: &mut History,
    ) -> Vec<EntitySpan> {
        spans(&self.names_of(self.label_in(words, tags, history)))
    }

    /// BIO labels of every sentence of one document, each given as its words and their
    /// Penn tags. A first pass reads the sentences in order, each with the memory of the
    /// ones before it ([`History`]); a second labels each sentence again with the memory of
    /// the whole first pass, so that a name's clear mentions anywhere in the document help
    /// with its hard ones, later ones too ("Reid" in a headline, "Tara Reid, 33, who
    /// starred in" below it).
    pub fn label_document(&self, sentences: &[(&[&str], &[&str])]) -> Vec<Vec<u16>> {
        // Only the memory differs between the passes: the scores of everything else are
        // kept from the first.
        let mut whole = History::new();
        let words: Vec<&[&str]> = sentences.iter().map(|(w, _)| *w).collect();
        whole.note_cues(&words);
        let mut read = Vec::with_capacity(sentences.len());
        for (words, tags) in sentences {
            let s = Sentence::new(words, tags, &self.gazetteer, &self.clusters, &whole);
            let context = self.context_scores(&s);
            let labels = self.decode(&s, &context, BEAM_WIDTH);
            whole.record(&s.words, &labels, &self.labels);
            read.push((s, context, labels));
        }
        let mut out = read
            .into_iter()
            .map(|(mut s, context, first)| {
                let memory = s.history.clone();
                s.remember(&whole);
                // Unchanged memory, unchanged features: the first reading stands.
                let mut labels = if s.history == memory {
                    first
                } else {
                    self.decode(&s, &context, BEAM_WIDTH)
                };
                self.tidy_names(s.forms, &mut labels);
                labels
            })
            .collect::<Vec<_>>();
        self.short_names_of_organizations(&words, &mut out);
        out
    }

    /// A one-word "person" that opens the name of an organization of the same document
    /// ("Magna" of "Magna International Inc", "Patriot" of "Patriot Coal") and is no word of
    /// a person's name of two words or more there is that organization: a company's short
    /// name reads like a surname. On CoNLL development (three models) +0.0007 F1, +0.002
    /// on unseen names.
    fn short_names_of_organizations(&self, words: &[&[&str]], labels: &mut [Vec<u16>]) {
        let Some(b_org) = self.labels.iter().position(|l| l == "B-ORG") else {
            return;
        };
        let found: Vec<Vec<EntitySpan>> = labels
            .iter()
            .map(|l| spans(&self.names_of(l.clone())))
            .collect();
        let long = |label: &'static str| {
            words.iter().zip(&found).flat_map(move |(w, f)| {
                f.iter()
                    .filter(move |e| e.label == label && e.end - e.start >= 2)
                    .map(move |e| &w[e.start..e.end])
            })
        };
        let organizations: Vec<&[&str]> = long("ORG").collect();
        // (Not counting a "person" named like one of those organizations.)
        let person_words: std::collections::HashSet<&str> = long("PER")
            .filter(|p| !organizations.contains(p))
            .flatten()
            .copied()
            .collect();
        for ((w, l), f) in words.iter().zip(labels.iter_mut()).zip(&found) {
            for e in f {
                let word = w[e.start];
                if e.label == "PER"
                    && e.end == e.start + 1
                    && !person_words.contains(word)
                    && organizations.iter().any(|o| o[0] == word)
                {
                    l[e.start] = b_org as u16;
                }
            }
        }
    }

    /// Mends three shapes of name the recognizer sometimes gives. A lone "The" joins the name
    /// after it or is none. A name ending on a lowercase function word ("Exploration of")
    /// ends before it. A title inside a name
    /// ("Federal Reserve Governor Lawrence Lindsey" as one organization; "President Clinton"
    /// as one person) is taken out: the title is no part of any name (CoNLL leaves it out),
    /// and the capitalized words after it are a person. An organization's name may begin with such a word ("General
    /// Motors"), so only a person's may lose its first word.
    fn tidy_names(&self, words: &[&str], labels: &mut [u16]) {
        let index = |name: &str| self.labels.iter().position(|l| l == name);
        let (Some(outside), Some(begin), Some(inside)) =
            (index("O"), index("B-PER"), index("I-PER"))
        else {
            return;
        };
        // A lone "The" is no name: where a name of its type follows, it is that name's first
        // word ("by The Washington Post", read as "The" and "Washington Post"); else it is
        // nothing.
        let found = spans(&self.names_of(labels.to_vec()));
        for (k, span) in found.iter().enumerate() {
            if span.end != span.start + 1 || !words[span.start].eq_ignore_ascii_case("the") {
                continue;
            }
            let joined = found
                .get(k + 1)
                .filter(|next| next.start == span.end && next.label == span.label)
                .and_then(|next| index(&format!("I-{}", next.label)));
            match joined {
                Some(i) => labels[span.end] = i as u16,
                None => labels[span.start] = outside as u16,
            }
        }
        let names = self.names_of(labels.to_vec());
        for span in spans(&names) {
            // No name ends on a lowercase function word ("Exploration of" before "the Sea").
            let mut end = span.end;
            while end > span.start + 1
                && matches!(
                    words[end - 1],
                    "of" | "for" | "the" | "and" | "on" | "in" | "at"
                )
            {
                end -= 1;
                labels[end] = outside as u16;
            }
            let from = if span.label == "PER" {
                span.start
            } else {
                span.start + 1
            };
            let Some(k) = (from..end.saturating_sub(1)).rev().find(|&k| {
                TITLES.contains(&words[k].to_lowercase().as_str())
                    && words[k + 1..end]
                        .iter()
                        .all(|w| capitalized(w) || NAME_PARTICLES.contains(w))
                    && capitalized(words[end - 1])
            }) else {
                continue;
            };
            labels[k] = outside as u16;
            labels[k + 1] = begin as u16;
            for l in &mut labels[k + 2..end] {
                *l = inside as u16;
            }
        }
        // A lowercase particle right before a person's name is part of it ("President al
        // Assad", "Bashar al Assad"): CoNLL writes such names whole ("al-Assad"), so the
        // recognizer leaves a particle written apart outside the name.
        let names = self.names_of(labels.to_vec());
        for span in spans(&names).into_iter().filter(|s| s.label == "PER") {
            let mut start = span.start;
            while start > 0
                && labels[start - 1] == outside as u16
                && NAME_PARTICLES.contains(&words[start - 1])
            {
                start -= 1;
            }
            if start == span.start {
                continue;
            }
            // Joined to a person's name just before the particles, as one name.
            let joined = start > 0 && labels[start - 1] != outside as u16 && {
                let before = &self.labels[usize::from(labels[start - 1])];
                before.ends_with("-PER")
            };
            labels[start] = if joined { inside } else { begin } as u16;
            for l in &mut labels[start + 1..span.end] {
                *l = inside as u16;
            }
        }
    }

    /// The scores of each word's context features ([`context_features`]), one row of
    /// `labels.len()` per word.
    fn context_scores(&self, s: &Sentence<'_>) -> Vec<f32> {
        let n_labels = self.labels.len();
        let mut out = vec![0.0f32; s.words.len() * n_labels];
        let mut feats = Vec::with_capacity(64);
        for (i, row) in out.chunks_mut(n_labels).enumerate() {
            context_features(s, i, &mut feats);
            self.weights.score(&feats, row);
        }
        out
    }

    /// BIO label names of every sentence of one document ([`EntityModel::label_document`]).
    pub fn label_names_document(&self, sentences: &[(&[&str], &[&str])]) -> Vec<Vec<String>> {
        self.label_document(sentences)
            .into_iter()
            .map(|labels| {
                self.names_of(labels)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            })
            .collect()
    }

    /// Entities of every sentence of one document ([`EntityModel::label_document`]).
    pub fn recognize_document(&self, sentences: &[(&[&str], &[&str])]) -> Vec<Vec<EntitySpan>> {
        self.label_document(sentences)
            .into_iter()
            .map(|labels| spans(&self.names_of(labels)))
            .collect()
    }

    /// Number of features kept.
    pub fn n_features(&self) -> usize {
        self.weights.n_features()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Features of word `i` given the labels already chosen before it (`prev[..i]`): those
    /// of the word and its context ([`context_features`]), of the document memory
    /// ([`memory_features`]) and of the labels before it ([`label_features`]).
    fn features(s: &Sentence<'_>, i: usize, prev: &[u16], out: &mut Vec<u64>) {
        context_features(s, i, out);
        let label = |k: usize| i.checked_sub(k).map(|j| prev[j]);
        let mut more = Vec::with_capacity(9);
        memory_features(s, i, &mut more);
        out.extend_from_slice(&more);
        label_features(s, i, label(1), label(2), &mut more);
        out.extend_from_slice(&more);
    }

    #[test]
    fn bio_spans_follow_conlleval() {
        let s = spans(&[
            "B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "B-ORG", "I-MISC",
        ]);
        let got: Vec<(usize, usize, &str)> = s
            .iter()
            .map(|e| (e.start, e.end, e.label.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (0, 2, "PER"),
                (3, 5, "LOC"),
                (5, 6, "ORG"),
                (6, 7, "ORG"),
                (7, 8, "MISC")
            ]
        );
    }

    #[test]
    fn prefixes_are_the_lowercased_first_characters() {
        let naive = |form: &str, n: usize| {
            hash_str(
                &form
                    .chars()
                    .take(n)
                    .flat_map(char::to_lowercase)
                    .collect::<String>(),
            )
        };
        for form in ["Putin", "UN", "a", "Édouard", "İstanbul", ""] {
            assert_eq!(
                prefixes(form),
                [naive(form, 2), naive(form, 3), naive(form, 4)],
                "{form}"
            );
        }
        assert_eq!(prefixes("PUTIN")[2], hash_str("puti"));
    }

    #[test]
    fn inside_labels_continue_their_own_type() {
        let labels: Vec<String> = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(allowed(&labels, Some(1), 2));
        assert!(!allowed(&labels, Some(1), 4));
        assert!(!allowed(&labels, None, 2));
        assert!(allowed(&labels, Some(0), 3));
    }

    #[test]
    fn a_title_is_taken_out_of_the_name_run_over_it() {
        let model = EntityModel::english();
        let index = |name: &str| model.labels.iter().position(|l| l == name).unwrap() as u16;
        let split = |words: &[&str], names: &[&str]| {
            let mut labels: Vec<u16> = names.iter().map(|n| index(n)).collect();
            model.tidy_names(words, &mut labels);
            model.names_of(labels)
        };
        let words = [
            "Federal", "Reserve", "Governor", "Lawrence", "Lindsey", "said",
        ];
        assert_eq!(
            split(&words, &["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]),
            ["B-ORG", "I-ORG", "O", "B-PER", "I-PER", "O"]
        );
        // A person's title goes too; an organization may begin with such a word.
        assert_eq!(
            split(&["President", "Clinton"], &["B-PER", "I-PER"]),
            ["O", "B-PER"]
        );
        assert_eq!(
            split(&["General", "Motors"], &["B-ORG", "I-ORG"]),
            ["B-ORG", "I-ORG"]
        );
        // Only a name follows the title.
        assert_eq!(
            split(&["Minister", "of", "Finance"], &["B-ORG", "I-ORG", "I-ORG"]),
            ["B-ORG", "I-ORG", "I-ORG"]
        );
    }

    #[test]
    fn the_documents_wording_marks_companies_and_people() {
        let mut history = History::new();
        history.note_cues(&[
            &[
                "Jones",
                "Medical",
                "Industries",
                "Inc",
                "said",
                "on",
                "Friday",
                ".",
            ],
            &[
                "Mr",
                "Weber",
                "and",
                "President",
                "Bill",
                "Clinton",
                "met",
                ".",
            ],
            &["Magna", "and", "Ford", "gained", "."],
        ]);
        let cue = |w: &str| history.cue(&WordInfo::new(w));
        assert_eq!((cue("Jones"), cue("Medical")), (1, 1));
        assert_eq!((cue("Weber"), cue("Bill"), cue("Clinton")), (2, 2, 2));
        // The suffixes themselves, lowercase words and words with no cue say nothing.
        assert_eq!((cue("Industries"), cue("Inc"), cue("said")), (0, 0, 0));
        assert_eq!(cue("Magna"), 0);
        // The pronoun that takes a name up: a thing (4) or a person (8).
        let mut history = History::new();
        history.note_cues(&[
            &["Mr", "Weber", "met", "."],
            &[
                "Romanian", "engineer", "Comelf", "said", "it", "doubled", "output", ".",
            ],
            &[
                "Johnson", "Controls", ",", "which", "makes", "seats", ",", "gained", ".",
            ],
            &[
                "Weber", ",", "who", "retired", ",", "said", "he", "would", "stay", ".",
            ],
            &["Ford", "said", "on", "Friday", "."],
        ]);
        let cue = |w: &str| history.cue(&WordInfo::new(w));
        assert_eq!((cue("Comelf"), cue("Johnson"), cue("Controls")), (4, 4, 4));
        assert_eq!((cue("Weber"), cue("Romanian"), cue("Ford")), (2 | 8, 0, 0));
    }

    #[test]
    fn the_shipped_gazetteer_knows_nationalities_and_no_country_as_a_person() {
        use crate::gazetteer::{LOC, NATIONALITY, PER};
        let g = &EntityModel::english().gazetteer;
        for word in [
            "Armenian",
            "Armenians",
            "Tajik",
            "Kuwaiti",
            "Ukrainian",
            "South African",
        ] {
            assert_eq!(g.get(word), Some(NATIONALITY), "{word}");
        }
        // Countries whose records carry dated (Soviet, Yugoslav) codes were once listed
        // as people, their capitals and nationalities with them.
        for place in ["Armenia", "Iraq", "Ukraine", "Sarajevo"] {
            let bits = g.get(place).unwrap_or(0);
            assert_eq!(bits & PER, 0, "{place}");
        }
        assert_eq!(g.get("Iraq"), Some(LOC));
        assert_eq!(g.get("Vladimir Putin"), Some(PER));
    }

    #[test]
    fn history_remembers_capitalized_words_by_type() {
        let names: Vec<String> = ["O", "B-LOC", "B-PER", "I-PER"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let words = Sentence::words(&["Actress", "Tara", "Reid", "left", "rehab", "."]);
        let mut history = History::new();
        let reid = WordInfo::new("Reid");
        assert_eq!(history.feature(&reid), 0);
        history.record(&words, &[0, 2, 3, 0, 0, 0], &names);
        // PER (type 2 of the counts), every decision agreeing.
        assert_eq!(history.feature(&reid), 2 * 2 + 1);
        // A headline's capitals are the same word; a lowercase word is never looked up.
        assert_eq!(history.feature(&WordInfo::new("REID")), 5);
        assert_eq!(history.feature(&WordInfo::new("rehab")), 0);
        // Once labelled a place too, the majority still says PER, no longer unanimously.
        history.record(&words, &[0, 2, 3, 0, 0, 0], &names);
        history.record(&Sentence::words(&["Reid"]), &[1], &names);
        assert_eq!(history.feature(&reid), 2 * 2);
    }

    /// The decoder's objective for a whole label sequence, computed word by word from the
    /// full feature set: the sum of its labels' weights.
    fn sequence_score(model: &EntityModel, s: &Sentence<'_>, labels: &[u16]) -> f32 {
        let mut feats = Vec::new();
        let mut scores = vec![0.0f32; model.labels.len()];
        let mut total = 0.0;
        for i in 0..labels.len() {
            features(s, i, labels, &mut feats);
            model.weights.score(&feats, &mut scores);
            total += scores[labels[i] as usize];
        }
        total
    }

    #[test]
    fn a_beam_wide_enough_finds_the_best_sequence_and_a_beam_of_one_is_greedy() {
        let model = EntityModel::english();
        let n = model.labels.len() as u16;
        let sentences: [(&[&str], &[&str]); 3] = [
            (&["Putin", "met", "Assad"], &["NNP", "VBD", "NNP"]),
            (
                &["New", "York", "Jets", "won"],
                &["NNP", "NNP", "NNPS", "VBD"],
            ),
            (&["LEEDS", "2", "Hull", "1"], &["NNP", "CD", "NNP", "CD"]),
        ];
        for (words, tags) in sentences {
            let history = History::new();
            let s = Sentence::new(words, tags, &model.gazetteer, &model.clusters, &history);
            // Every BIO-valid sequence, scored in full.
            let mut best: Option<(f32, Vec<u16>)> = None;
            let mut seq = vec![0u16; words.len()];
            'all: loop {
                let valid = (0..seq.len()).all(|i| {
                    allowed(
                        &model.labels,
                        i.checked_sub(1).map(|j| seq[j]),
                        usize::from(seq[i]),
                    )
                });
                if valid {
                    let score = sequence_score(model, &s, &seq);
                    if best.as_ref().is_none_or(|b| score > b.0) {
                        best = Some((score, seq.clone()));
                    }
                }
                for label in seq.iter_mut() {
                    *label += 1;
                    if *label < n {
                        continue 'all;
                    }
                    *label = 0;
                }
                break;
            }
            let (best_score, best_seq) = best.unwrap();
            // Wide enough to keep every pair of last labels: exact.
            let context = model.context_scores(&s);
            let wide = model.decode(&s, &context, usize::from(n) * usize::from(n));
            assert_eq!(wide, best_seq, "{words:?}");
            let committed = model.decode(&s, &context, BEAM_WIDTH);
            assert!(sequence_score(model, &s, &committed) <= best_score + 1e-4);
            // A beam of one takes each word's best allowed label in turn.
            let mut greedy: Vec<u16> = Vec::new();
            let mut feats = Vec::new();
            let mut scores = vec![0.0f32; usize::from(n)];
            for i in 0..words.len() {
                features(&s, i, &greedy, &mut feats);
                model.weights.score(&feats, &mut scores);
                let prev = greedy.last().copied();
                greedy.push(gazette_learn::perceptron::argmax(
                    &scores,
                    Some(&|c| allowed(&model.labels, prev, c)),
                ) as u16);
            }
            assert_eq!(model.decode(&s, &context, 1), greedy, "{words:?}");
        }
    }

    #[test]
    fn a_particle_written_apart_opens_the_persons_name() {
        let model = EntityModel::english();
        let found = |words: &[&str], tags: &[&str]| {
            model
                .recognize(words, tags)
                .into_iter()
                .map(|e| (words[e.start..e.end].join(" "), e.label))
                .collect::<Vec<_>>()
        };
        let headline = found(
            &["Syrian", "President", "al", "Assad", "meets", "Putin"],
            &["JJ", "NNP", "NNP", "NNP", "VBZ", "NNP"],
        );
        assert!(
            headline.contains(&("al Assad".into(), "PER".into())),
            "{headline:?}"
        );
        let full = found(
            &["President", "Bashar", "al", "Assad", "met", "Putin", "."],
            &["NNP", "NNP", "NNP", "NNP", "VBD", "NNP", "."],
        );
        assert!(
            full.contains(&("Bashar al Assad".into(), "PER".into())),
            "{full:?}"
        );
        // Only before a person: "de" before a place stays outside it.
        let place = found(
            &["the", "city", "de", "Paris", "."],
            &["DT", "NN", "IN", "NNP", "."],
        );
        assert!(place.iter().all(|(name, _)| name == "Paris"), "{place:?}");
    }

    /// A clear mention of a person and, with tags, a sentence where the same name alone
    /// reads as a place (the country).
    const PLAYER: [&str; 11] = [
        "The", "player", "Michael", "Jordan", ",", "33", ",", "won", "an", "award", ".",
    ];
    const PLAYER_TAGS: [&str; 11] = [
        "DT", "NN", "NNP", "NNP", ",", "CD", ",", "VBD", "DT", "NN", ".",
    ];
    const HAPPY: [&str; 4] = ["Jordan", "was", "happy", "."];
    const HAPPY_TAGS: [&str; 4] = ["NNP", "VBD", "JJ", "."];

    #[test]
    fn a_document_read_whole_lets_a_later_clear_mention_decide_an_earlier_one() {
        // When the sentence naming the player comes after "Jordan was happy.", only
        // the second reading of the document can use it.
        let model = EntityModel::english();
        let in_order = model.label_names(&HAPPY, &HAPPY_TAGS, &mut History::new());
        assert_eq!(in_order[0], "B-LOC");
        let whole = model.label_names_document(&[(&HAPPY, &HAPPY_TAGS), (&PLAYER, &PLAYER_TAGS)]);
        assert_eq!(whole[0][0], "B-PER");
        assert_eq!(whole[1][3], "I-PER");
        // A document of one sentence reads as the sentence alone.
        let alone = model.label_names_document(&[(&HAPPY, &HAPPY_TAGS)]);
        assert_eq!(alone[0], in_order);
    }

    #[test]
    fn the_document_memory_changes_later_decisions() {
        // Alone, "Jordan was happy." reads as the place; after a sentence that named
        // the player Michael Jordan, the memory makes it the person.
        let model = EntityModel::english();
        let (first, first_tags, later, later_tags) = (PLAYER, PLAYER_TAGS, HAPPY, HAPPY_TAGS);
        let name = |labels: Vec<u16>, i: usize| model.labels[labels[i] as usize].clone();
        let alone = model.label_in(&later, &later_tags, &mut History::new());
        assert_eq!(name(alone, 0), "B-LOC");
        let mut history = History::new();
        let labels = model.label_in(&first, &first_tags, &mut history);
        assert_eq!(name(labels, 3), "I-PER");
        let after = model.label_in(&later, &later_tags, &mut history);
        assert_eq!(name(after, 0), "B-PER");
    }
}
