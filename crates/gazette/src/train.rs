//! `gazette train`: rebuilds the committed models from the shared data.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use gazette_syntax::{conllu, train};

use crate::{TrainSyntaxArgs, data_dir};

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
