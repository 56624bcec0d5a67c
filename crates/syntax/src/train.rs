//! Training the whole model from a treebank: tagger, then parser on predicted tags
//! (jackknifed, so the parser sees the kind of tagging errors it will meet), then the
//! lemmatizer, then scores on the development set.

use crate::clusters::Clusters;
use crate::conllu::Sentence;
use crate::parser::{self, ParseTraining};
use crate::tagger::{self, TagTraining};
use crate::{Companion, MODEL_FORMAT, ModelMeta, SyntaxModel, lemma, score};

/// Settings of `gazette train syntax`.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Tagger passes.
    pub tagger_epochs: usize,
    /// Parser passes.
    pub parser_epochs: usize,
    /// Folds for jackknifed training tags (1 = tag the training data with the final tagger).
    pub folds: usize,
    /// Probability of following the parser's own move during training.
    pub explore: f64,
    /// Seed of every random choice.
    pub seed: u64,
    /// Features seen fewer times in training are dropped from the model.
    pub min_count: u32,
    /// Averaged weights of smaller magnitude are dropped from the model.
    pub min_weight: f32,
    /// Parser beam width (1: greedy).
    pub beam: usize,
    /// Also train the companion parsers that vote with the main one (see [`companions`]).
    pub ensemble: bool,
    /// The parsers read the words' clusters too (the tagger always does).
    pub parser_clusters: bool,
    /// Also train a right-to-left tagger that votes with the left-to-right one (for the
    /// parser's training tags too).
    pub backward_tagger: bool,
}

/// A companion parser to train: direction, beam (1: greedy) and vote weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompanionSpec {
    /// Reads the sentence right to left.
    pub reversed: bool,
    /// Beam width (1: greedy, trained with the dynamic oracle).
    pub beam: usize,
    /// Weight of its arcs in the vote.
    pub weight: f32,
}

/// Weight of the main parser's arcs in an ensemble.
pub const MAIN_WEIGHT: f32 = 1.5;

/// The parsers that vote with a main parser of beam `beam`: the other direction with the
/// same beam, and greedy parsers in both directions (for a greedy main parser, only the
/// right-to-left one). Weights chosen on the EWT development set: the beam parsers count
/// more than the greedy ones, the left-to-right ones more than the right-to-left ones
/// (English heads come first more often, which left-to-right parsers see better).
pub fn companions(beam: usize) -> Vec<CompanionSpec> {
    let mut out = Vec::new();
    if beam > 1 {
        out.push(CompanionSpec {
            reversed: false,
            beam: 1,
            weight: 1.0,
        });
        out.push(CompanionSpec {
            reversed: true,
            beam,
            weight: 1.2,
        });
    }
    out.push(CompanionSpec {
        reversed: true,
        beam: 1,
        weight: 0.8,
    });
    out
}

/// The sentence read from right to left: words reversed, heads renumbered.
pub fn reversed(s: &Sentence) -> Sentence {
    let n = s.words.len();
    let mut r = s.clone();
    r.multiword.clear();
    r.words.reverse();
    for w in &mut r.words {
        if w.head != 0 {
            w.head = n + 1 - w.head;
        }
    }
    r
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            tagger_epochs: 8,
            parser_epochs: 15,
            folds: 4,
            explore: 0.9,
            seed: 1,
            min_count: 5,
            min_weight: 1.0,
            beam: 1,
            ensemble: false,
            parser_clusters: false,
            backward_tagger: false,
        }
    }
}

/// Progress messages during training.
pub type Log<'a> = dyn FnMut(&str) + 'a;

/// Trains a model on `train` and scores it on `dev`; `clusters` are word clusters built
/// from unlabeled text in [`crate::words::lower_form`]s.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    clusters: Clusters,
    cfg: Settings,
    trained_on: &str,
    log: &mut Log<'_>,
) -> SyntaxModel {
    let tag_cfg = TagTraining {
        epochs: cfg.tagger_epochs,
        seed: cfg.seed,
        min_count: cfg.min_count,
        min_weight: cfg.min_weight,
    };
    log(&format!(
        "tagger: {} sentences, {} epochs",
        train.len(),
        cfg.tagger_epochs
    ));
    let tagger = tagger::train(train, &clusters, tag_cfg, &[], &mut |e, acc| {
        log(&format!("  tagger epoch {e}: train accuracy {acc:.4}"))
    });
    log(&format!(
        "  tagger dev accuracy (UPOS+XPOS) {:.4}",
        tag_accuracy(&tagger, None, &clusters, dev)
    ));
    // A right-to-left tagger trained on the sentences reversed, numbering tags alike.
    let backward_of = |sentences: &[Sentence]| -> tagger::Tagger {
        let reversed: Vec<Sentence> = sentences.iter().map(reversed).collect();
        tagger::train(&reversed, &clusters, tag_cfg, &tagger.tags, &mut |_, _| {})
    };
    let backward_tagger = cfg.backward_tagger.then(|| {
        log("  right-to-left tagger");
        let backward = backward_of(train);
        log(&format!(
            "  tagger dev accuracy (UPOS+XPOS), both directions voting {:.4}",
            tag_accuracy(&tagger, Some(&backward), &clusters, dev)
        ));
        backward
    });

    // Tags for parser training: each fold tagged by a tagger that did not see it (the fold
    // taggers number tags as the main one does, so their tags need no mapping).
    let mut train_tags: Vec<Vec<u16>> = vec![Vec::new(); train.len()];
    if cfg.folds > 1 {
        for fold in 0..cfg.folds {
            let rest: Vec<Sentence> = train
                .iter()
                .enumerate()
                .filter(|(i, _)| i % cfg.folds != fold)
                .map(|(_, s)| s.clone())
                .collect();
            log(&format!("  jackknife fold {}/{}", fold + 1, cfg.folds));
            let fold_tagger =
                tagger::train(&rest, &clusters, tag_cfg, &tagger.tags, &mut |_, _| {});
            let fold_backward = backward_tagger.as_ref().map(|_| backward_of(&rest));
            for (i, s) in train
                .iter()
                .enumerate()
                .filter(|(i, _)| i % cfg.folds == fold)
            {
                train_tags[i] =
                    fold_tagger.tag_with(fold_backward.as_ref(), &s.word_infos(&clusters));
            }
        }
    } else {
        for (i, s) in train.iter().enumerate() {
            train_tags[i] = tagger.tag_with(backward_tagger.as_ref(), &s.word_infos(&clusters));
        }
    }

    log(&if cfg.beam > 1 {
        format!(
            "parser: {} epochs, beam {}, early updates",
            cfg.parser_epochs, cfg.beam
        )
    } else {
        format!(
            "parser: {} epochs, dynamic oracle, explore {}",
            cfg.parser_epochs, cfg.explore
        )
    });
    let parse_cfg = ParseTraining {
        epochs: cfg.parser_epochs,
        explore: cfg.explore,
        seed: cfg.seed,
        min_count: cfg.min_count,
        min_weight: cfg.min_weight,
        beam: cfg.beam,
        clusters: cfg.parser_clusters,
    };
    let parser = parser::train(
        train,
        &clusters,
        &train_tags,
        parse_cfg,
        &[],
        &mut |e, acc| log(&format!("  parser epoch {e}: oracle agreement {acc:.4}")),
    );
    let companions = if cfg.ensemble {
        train_companions(train, &clusters, &train_tags, &parser, cfg, log)
    } else {
        Vec::new()
    };
    let lemmatizer = lemma::Lemmatizer::train(train);

    let mut model = SyntaxModel {
        meta: ModelMeta {
            format: MODEL_FORMAT,
            trained_on: trained_on.to_string(),
            license: "CC BY-SA 4.0 (Universal Dependencies English EWT)".into(),
            settings: format!("{cfg:?}"),
            dev_scores: Vec::new(),
        },
        tagger,
        lemmatizer,
        parser,
        parser_weight: MAIN_WEIGHT,
        companions,
        clusters,
        backward_tagger,
    };
    let s = score::gold_tokens(&model, dev);
    model.meta.dev_scores = vec![
        ("upos".into(), s.upos),
        ("xpos".into(), s.xpos),
        ("lemma".into(), s.lemma),
        ("uas".into(), s.uas),
        ("las".into(), s.las),
    ];
    log(&format!(
        "dev: UPOS {:.4} XPOS {:.4} lemma {:.4} UAS {:.4} LAS {:.4}",
        s.upos, s.xpos, s.lemma, s.uas, s.las
    ));
    model
}

/// Trains the companions of `main` (see [`companions`]) on the same tags, each on a
/// thread of its own (each is deterministic, so the result does not depend on the threads;
/// their progress reaches `log` through a channel).
fn train_companions(
    train: &[Sentence],
    clusters: &Clusters,
    tags: &[Vec<u16>],
    main: &parser::Parser,
    cfg: Settings,
    log: &mut Log<'_>,
) -> Vec<Companion> {
    let specs = companions(cfg.beam);
    let backwards: Vec<Sentence> = train.iter().map(reversed).collect();
    let backwards_tags: Vec<Vec<u16>> = tags
        .iter()
        .map(|t| t.iter().rev().copied().collect())
        .collect();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for (k, spec) in specs.iter().copied().enumerate() {
            let tx = tx.clone();
            let (sentences, tags): (&[Sentence], &[Vec<u16>]) = if spec.reversed {
                (&backwards, &backwards_tags)
            } else {
                (train, tags)
            };
            let parse_cfg = ParseTraining {
                epochs: if spec.beam == cfg.beam {
                    cfg.parser_epochs
                } else {
                    Settings::default().parser_epochs
                },
                explore: cfg.explore,
                seed: cfg.seed,
                min_count: cfg.min_count,
                min_weight: cfg.min_weight,
                beam: spec.beam,
                clusters: cfg.parser_clusters,
            };
            let labels = main.labels.clone();
            let name = format!(
                "{} {}",
                if spec.reversed {
                    "right-to-left"
                } else {
                    "left-to-right"
                },
                if spec.beam > 1 {
                    format!("beam {}", spec.beam)
                } else {
                    "greedy".into()
                }
            );
            let _ = tx.send(format!(
                "companion {}: {name}, {} epochs",
                k + 1,
                parse_cfg.epochs
            ));
            handles.push(scope.spawn(move || {
                let parser = parser::train(
                    sentences,
                    clusters,
                    tags,
                    parse_cfg,
                    &labels,
                    &mut |e, acc| {
                        let _ = tx.send(format!(
                            "  companion {} epoch {e}: oracle agreement {acc:.4}",
                            k + 1
                        ));
                    },
                );
                Companion {
                    parser,
                    reversed: spec.reversed,
                    weight: spec.weight,
                }
            }));
        }
        drop(tx);
        for msg in rx {
            log(&msg);
        }
        handles
            .into_iter()
            .map(|h| h.join().expect("a companion's training does not panic"))
            .collect()
    })
}

/// Share of words whose joint UPOS+XPOS tag is right.
/// With `backward`, the two taggers vote ([`tagger::Tagger::tag_both`]).
pub fn tag_accuracy(
    tagger: &tagger::Tagger,
    backward: Option<&tagger::Tagger>,
    clusters: &Clusters,
    sentences: &[Sentence],
) -> f64 {
    let (mut n, mut ok) = (0usize, 0usize);
    for s in sentences {
        let tags = tagger.tag_with(backward, &s.word_infos(clusters));
        for (w, t) in s.words.iter().zip(tags) {
            let (u, x) = &tagger.tags[t as usize];
            n += 1;
            ok += (*u == w.upos && *x == w.xpos) as usize;
        }
    }
    ok as f64 / n.max(1) as f64
}
