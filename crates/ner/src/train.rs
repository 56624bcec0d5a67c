//! Training the recognizer as a global model: each sentence is decoded with the beam the
//! recognizer runs with, on its own history, and corrected where the gold sequence falls
//! out of the beam (early update).

use gazette_learn::Rng;
use gazette_learn::perceptron::Trainer;

use crate::conll::Sentence;
use crate::gazetteer::Gazetteer;
use crate::{
    BEAM_WIDTH, EntityModel, History, MODEL_FORMAT, ModelMeta, Sentence as Context, allowed_table,
    beam_search, best_path, context_features, label_features, memory_features, score,
};

/// Settings of `gazette train ner`.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Features seen fewer times are dropped, counted over every epoch and every model of
    /// the bag.
    pub min_count: u32,
    /// Averaged weights of smaller magnitude are dropped.
    pub min_weight: f32,
    /// Models trained from seeds `seed`, `seed + 1`, ..., whose weights are averaged.
    pub bag: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            epochs: 18,
            seed: 1,
            min_count: 2,
            min_weight: 0.5,
            bag: 1,
        }
    }
}

/// Sentences with the part-of-speech tags of each.
#[derive(Debug, Clone, Copy)]
pub struct Tagged<'a> {
    /// Gold sentences.
    pub sentences: &'a [Sentence],
    /// Penn tags, one list per sentence.
    pub tags: &'a [Vec<String>],
}

/// Trains on `train` and scores on `dev`.
pub fn train(
    train: Tagged<'_>,
    dev: Tagged<'_>,
    gazetteer: Gazetteer,
    clusters: crate::clusters::Clusters,
    cfg: Settings,
    trained_on: &str,
    log: &mut dyn FnMut(&str),
) -> EntityModel {
    let mut labels: Vec<String> = vec!["O".to_string()];
    for s in train.sentences {
        for l in &s.labels {
            if !labels.contains(l) {
                labels.push(l.clone());
            }
        }
    }
    labels[1..].sort();
    let index = |l: &str| labels.iter().position(|x| x == l).unwrap_or(0) as u16;
    let data: Vec<(Vec<&str>, Vec<&str>, Vec<u16>)> = train
        .sentences
        .iter()
        .zip(train.tags)
        .map(|(s, t)| {
            (
                s.words.iter().map(String::as_str).collect(),
                t.iter().map(String::as_str).collect(),
                s.labels.iter().map(|l| index(l)).collect(),
            )
        })
        .collect();
    // Each sentence's document start, and at each document start the memory a document
    // begins with: what its own wording says of its words (labels play no part, so once
    // for all seeds and epochs).
    let mut starts: Vec<usize> = vec![0; data.len()];
    let mut blank: Vec<History> = vec![History::new(); data.len()];
    for d in crate::conll::documents(train.sentences) {
        starts[d.clone()].iter_mut().for_each(|s| *s = d.start);
        let words: Vec<&[&str]> = data[d.clone()]
            .iter()
            .map(|(w, _, _)| w.as_slice())
            .collect();
        blank[d.start].note_cues(&words);
    }
    // The hashed views of each sentence's words, which the memory records.
    let infos: Vec<_> = data.iter().map(|(w, _, _)| Context::words(w)).collect();
    let allowed_after = allowed_table(&labels);
    let mut trainers = Vec::new();
    for seed in cfg.seed..cfg.seed + cfg.bag.max(1) {
        let mut trainer = Trainer::new(labels.len());
        let mut rng = Rng::new(seed);
        // Sentences are visited in a shuffled order (consecutive sentences of one document
        // would make correlated updates), so a sentence's history of its document is built
        // from the labels the model gave the document's earlier sentences in the previous
        // epoch: its own decisions, as at run time, one epoch old.
        let mut given: Vec<Vec<u16>> = data.iter().map(|(w, _, _)| vec![0; w.len()]).collect();
        let mut order: Vec<usize> = (0..data.len()).collect();
        for epoch in 0..cfg.epochs {
            let mut histories: Vec<History> = Vec::with_capacity(data.len());
            for k in 0..data.len() {
                let mut history = if k > starts[k] {
                    histories[k - 1].clone()
                } else {
                    blank[k].clone()
                };
                if k > starts[k] && epoch > 0 {
                    history.record(&infos[k - 1], &given[k - 1], &labels);
                }
                histories.push(history);
            }
            rng.shuffle(&mut order);
            let (mut correct, mut total) = (0usize, 0usize);
            for &k in &order {
                let (words, tags, gold) = &data[k];
                let ctx = Context::new(words, tags, &gazetteer, &clusters, &histories[k]);
                let best = learn_sentence(&mut trainer, &ctx, gold, &allowed_after);
                correct += best.iter().zip(gold).filter(|(a, b)| a == b).count();
                total += gold.len();
                given[k] = best;
            }
            log(&format!(
                "  epoch {}: train label accuracy {:.4}",
                epoch + 1,
                correct as f64 / total.max(1) as f64
            ));
        }
        trainers.push(trainer);
    }
    let mut model = EntityModel {
        meta: ModelMeta {
            format: MODEL_FORMAT,
            trained_on: trained_on.to_string(),
            license: "research use only (CoNLL-2003 / Reuters RCV1 terms apply to this model); gazetteer CC BY 4.0 (GeoNames) and MIT (PETRARCH)".into(),
            settings: format!("{cfg:?}"),
            dev_scores: Vec::new(),
        },
        labels,
        weights: Trainer::average_all(trainers, cfg.min_count, cfg.min_weight),
        gazetteer,
        clusters,
        allowed_after: Default::default(),
    };
    let (all, by_type) = evaluate(&model, dev.sentences, dev.tags);
    let (p, r, f) = all.prf();
    log(&format!("dev: P {p:.4} R {r:.4} F1 {f:.4}"));
    model.meta.dev_scores.push(("f1".into(), f));
    for (t, c) in by_type {
        model.meta.dev_scores.push((format!("f1_{t}"), c.prf().2));
    }
    model
}

/// Learns from one sentence as the decoder reads it ([`beam_search`] with [`BEAM_WIDTH`]).
/// Where the gold sequence first falls out of the beam, or at the end if the best sequence
/// is not the gold one, the gold prefix is rewarded and the best prefix of the same length
/// penalized, label by label (early update, Collins and Roark 2004). Returns the best full
/// sequence, which the document memory records.
fn learn_sentence(
    trainer: &mut Trainer,
    s: &Context<'_>,
    gold: &[u16],
    allowed_after: &[Vec<usize>],
) -> Vec<u16> {
    let n = gold.len();
    let n_labels = allowed_after.len() - 1;
    // What does not depend on the labels is scored once per word.
    let mut word_feats: Vec<Vec<u64>> = Vec::with_capacity(n);
    let mut word_scores: Vec<f32> = vec![0.0; n * n_labels];
    let mut memory = Vec::with_capacity(4);
    for (i, row) in word_scores.chunks_mut(n_labels).enumerate() {
        let mut feats = Vec::with_capacity(64);
        context_features(s, i, &mut feats);
        memory_features(s, i, &mut memory);
        feats.extend_from_slice(&memory);
        trainer.score(&feats, row);
        word_feats.push(feats);
    }
    let mut label_feats = Vec::with_capacity(9);
    let steps = beam_search(n, BEAM_WIDTH, allowed_after, |i, prev1, prev2, out| {
        label_features(s, i, prev1, prev2, &mut label_feats);
        trainer.score(&label_feats, out);
        let row = &word_scores[i * n_labels..(i + 1) * n_labels];
        out.iter_mut().zip(row).for_each(|(o, w)| *o += w);
    });
    // Where the gold prefix first falls out of the beam.
    let mut gold_at = Some(0);
    let fell_out = (0..n).find(|&i| {
        gold_at = gold_at.and_then(|g| {
            steps[i]
                .iter()
                .position(|&(_, l, p)| l == gold[i] && (i == 0 || p == g))
        });
        gold_at.is_none()
    });
    // One instance per word, with the features of its gold history.
    let mut feats = Vec::with_capacity(80);
    for (i, word) in word_feats.iter().enumerate() {
        let g = |k: usize| i.checked_sub(k).map(|j| gold[j]);
        label_features(s, i, g(1), g(2), &mut label_feats);
        feats.clear();
        feats.extend_from_slice(word);
        feats.extend_from_slice(&label_feats);
        trainer.tick(&feats);
    }
    let guess = best_path(&steps, fell_out.map_or(n, |i| i + 1));
    if guess[..] != gold[..guess.len()] {
        for i in 0..guess.len() {
            let g = |k: usize| i.checked_sub(k).map(|j| gold[j]);
            let p = |k: usize| i.checked_sub(k).map(|j| guess[j]);
            if (g(0), g(1), g(2)) == (p(0), p(1), p(2)) {
                continue;
            }
            for (seq, delta) in [(gold, 1.0), (&guess[..], -1.0)] {
                let before = |k: usize| i.checked_sub(k).map(|j| seq[j]);
                label_features(s, i, before(1), before(2), &mut label_feats);
                trainer.add(&word_feats[i], usize::from(seq[i]), delta);
                trainer.add(&label_feats, usize::from(seq[i]), delta);
            }
        }
    }
    if fell_out.is_none() {
        guess
    } else {
        best_path(&steps, n)
    }
}

/// Labels every sentence and scores it (conlleval exact match).
pub fn evaluate(
    model: &EntityModel,
    sentences: &[Sentence],
    tags: &[Vec<String>],
) -> (
    score::Counts,
    std::collections::BTreeMap<String, score::Counts>,
) {
    let predicted = crate::conll::label_documents(model, sentences, tags);
    score::score(
        sentences
            .iter()
            .zip(&predicted)
            .map(|(s, p)| (s.labels.as_slice(), p.as_slice())),
    )
}
