//! `gazette train`: rebuilds the committed models from the shared data.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use gazette_syntax::{conllu, train};

use crate::{TrainNerArgs, TrainSyntaxArgs, data_dir};

fn find(dir: &Path, suffix: &str) -> anyhow::Result<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .with_context(|| format!("no *{suffix} in {}", dir.display()))
}

pub fn syntax(args: &TrainSyntaxArgs) -> anyhow::Result<ExitCode> {
    let dir = args
        .treebank
        .clone()
        .unwrap_or_else(|| data_dir(args.data.as_ref()).join("syntax/ud-english-ewt"));
    let train_path = find(&dir, "-ud-train.conllu")?;
    let dev_path = find(&dir, "-ud-dev.conllu")?;
    let trainset = conllu::read_path(&train_path)
        .with_context(|| format!("reading {}", train_path.display()))?;
    let devset =
        conllu::read_path(&dev_path).with_context(|| format!("reading {}", dev_path.display()))?;
    let cfg = train::Settings {
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        folds: args.folds,
        seed: args.seed,
        min_count: args.min_count,
        min_weight: args.min_weight,
        ..train::Settings::default()
    };
    let started = Instant::now();
    let name = train_path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut log = |msg: &str| eprintln!("[{:>6.1}s] {msg}", started.elapsed().as_secs_f64());
    let model = train::train(&trainset, &devset, cfg, &name, &mut log);
    if let Some(parent) = args.out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    model
        .save(&args.out)
        .with_context(|| format!("writing {}", args.out.display()))?;
    let meta_path = args.out.with_file_name("meta.json");
    std::fs::write(
        &meta_path,
        serde_json::to_string_pretty(&model.meta)? + "\n",
    )?;
    let size = std::fs::metadata(&args.out)?.len();
    eprintln!(
        "wrote {} ({:.1} MB; tagger {} features, parser {} features) and {}",
        args.out.display(),
        size as f64 / 1e6,
        model.tagger.n_features(),
        model.parser.n_features(),
        meta_path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Penn tags from gazette's own tagger, as the recognizer will see them at run time.
fn pos_tags(sentences: &[gazette_ner::conll::Sentence]) -> Vec<Vec<String>> {
    let model = gazette_syntax::SyntaxModel::english();
    sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            model
                .penn_tags(&words)
                .into_iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

pub fn ner(args: &TrainNerArgs) -> anyhow::Result<ExitCode> {
    let data = data_dir(args.data.as_ref());
    let dir = data.join("ner/conll2003");
    let started = Instant::now();
    let mut log = |msg: &str| eprintln!("[{:>6.1}s] {msg}", started.elapsed().as_secs_f64());
    let read = |name: &str| {
        gazette_ner::conll::read_path(&dir.join(name))
            .with_context(|| format!("reading {}", dir.join(name).display()))
    };
    let (trainset, devset) = (read("eng.train")?, read("eng.testa")?);
    log(&format!(
        "gazetteer from {}",
        data.join("gazetteer").display()
    ));
    let gazetteer = gazette_ner::gazetteer::Gazetteer::build(&data.join("gazetteer"))
        .context("building the gazetteer")?;
    log(&format!(
        "  {} phrases; tagging {} + {} sentences",
        gazetteer.len(),
        trainset.len(),
        devset.len()
    ));
    let (train_tags, dev_tags) = (pos_tags(&trainset), pos_tags(&devset));
    let cfg = gazette_ner::train::Settings {
        epochs: args.epochs,
        seed: args.seed,
        min_count: args.min_count,
        min_weight: args.min_weight,
    };
    log(&format!("recognizer: {} epochs", cfg.epochs));
    let model = gazette_ner::train::train(
        &trainset,
        &train_tags,
        &devset,
        &dev_tags,
        gazetteer,
        cfg,
        "CoNLL-2003 eng.train",
        &mut log,
    );
    if let Some(parent) = args.out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    model
        .save(&args.out)
        .with_context(|| format!("writing {}", args.out.display()))?;
    let meta_path = args.out.with_file_name("meta.json");
    std::fs::write(
        &meta_path,
        serde_json::to_string_pretty(&model.meta)? + "\n",
    )?;
    eprintln!(
        "wrote {} ({:.1} MB, {} features) and {}",
        args.out.display(),
        std::fs::metadata(&args.out)?.len() as f64 / 1e6,
        model.n_features(),
        meta_path.display()
    );
    Ok(ExitCode::SUCCESS)
}
