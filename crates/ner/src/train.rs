//! Training the recognizer: greedy left-to-right with the BIO constraint, on the labels
//! it predicts itself (so that it learns from its own history, as it will run), towards
//! the best label given that history (`B-X` where the gold `I-X` cannot follow an `O`).

use gazette_learn::Rng;
use gazette_learn::perceptron::{Trainer, argmax};

use crate::conll::Sentence;
use crate::gazetteer::Gazetteer;
use crate::{
    EntityModel, History, MODEL_FORMAT, ModelMeta, Sentence as Context, allowed, features, score,
};

/// Settings of `gazette train ner`.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Features seen fewer times are dropped.
    pub min_count: u32,
    /// Averaged weights of smaller magnitude are dropped.
    pub min_weight: f32,
    /// Models trained from seeds `seed`, `seed + 1`, ..., whose weights are averaged.
    pub bag: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            epochs: 12,
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
    // The label that opens the entity each label continues (`I-X` → `B-X`).
    let begin_of: Vec<u16> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| match l.strip_prefix("I-") {
            Some(t) => index(&format!("B-{t}")),
            None => i as u16,
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
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0.0f32; labels.len()];
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
                let mut prev: Vec<u16> = Vec::with_capacity(words.len());
                for (i, &truth) in gold.iter().enumerate() {
                    features(&ctx, i, &prev, &mut feats);
                    trainer.score(&feats, &mut scores);
                    let last = prev.last().copied();
                    let guess = argmax(&scores, Some(&|c| allowed(&labels, last, c)));
                    // Never an update towards a label the decoder could not give here: it
                    // would only swell the inside labels' weights on the words of every
                    // entity the model failed to open. Where the model left the gold entity
                    // unopened, the best label now opens it; where it opened one of another
                    // type, no label is right and nothing is learned.
                    let target = if allowed(&labels, last, truth as usize) {
                        Some(truth as usize)
                    } else if last.is_none_or(|l| labels[l as usize] == "O") {
                        Some(usize::from(begin_of[truth as usize]))
                    } else {
                        None
                    };
                    trainer.tick(&feats);
                    if let Some(target) = target {
                        trainer.update(&feats, target, guess);
                    }
                    correct += (guess == truth as usize) as usize;
                    total += 1;
                    prev.push(guess as u16);
                }
                given[k] = prev;
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
