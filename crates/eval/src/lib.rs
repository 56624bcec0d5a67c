/*!
Benchmarks: find each benchmark under the shared data directory, run gazette on it,
score the output with that benchmark's published protocol, and report rows of
`(benchmark, metric, value, count)`. Also times gazette against peer tools ([`bench`]).

Each benchmark module holds its scorer next to its runner, and each scorer agrees with
the reference script of the same name in `shared/tools/` (the tests check it).

```no_run
use std::path::Path;
use gazette_eval::{run, RunOptions};

let report = run(Path::new("../shared/data"), None, &RunOptions::default(), &|_, _| {}).unwrap();
for row in &report.rows {
    println!("{} {} {:.4} {}", row.benchmark, row.metric, row.value, row.count);
}
```
*/
#![deny(missing_docs)]

pub mod aeb;
pub mod bench;
pub mod conll;
pub mod htmldate;
pub mod news_entities;
pub mod news_quotes;
pub mod news_sentences;
pub mod polnear;
pub mod tempeval;
pub mod trafilatura_eval;
pub mod ud;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Reports progress as `(done, total)` items of the benchmark being run.
pub type Progress<'a> = dyn Fn(usize, usize) + 'a;

/// One score: a metric of one benchmark over `count` items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Benchmark name, e.g. `aeb`.
    pub benchmark: String,
    /// Metric name, e.g. `f1`.
    pub metric: String,
    /// The score.
    pub value: f64,
    /// How many items (pages, sentences, documents) it was computed over.
    pub count: usize,
}

impl Row {
    /// A row.
    pub fn new(benchmark: &str, metric: &str, value: f64, count: usize) -> Row {
        Row {
            benchmark: benchmark.into(),
            metric: metric.into(),
            value,
            count,
        }
    }
}

/// Why a benchmark could not be run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A benchmark file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A benchmark file is not in the documented format.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// `--only` named no known benchmark.
    #[error("unknown benchmark {0:?} (known: {1})")]
    Unknown(String, String),
    /// A peer tool failed.
    #[error("peer {peer}: {message}")]
    Peer {
        /// The peer.
        peer: String,
        /// What went wrong.
        message: String,
    },
}

impl EvalError {
    fn io(path: &Path, source: std::io::Error) -> EvalError {
        EvalError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Options of an evaluation run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Where to write gazette's predictions (one folder per benchmark), so that the
    /// reference scorers in `shared/tools/` can be run on exactly the same output.
    pub predictions_dir: Option<PathBuf>,
}

/// A benchmark gazette knows how to run.
pub struct Benchmark {
    /// Name used in rows and by `--only`.
    pub name: &'static str,
    /// Folder under the data directory ([`BUNDLED`] for gold data shipped with gazette).
    pub dir: &'static str,
    /// What it measures.
    pub what: &'static str,
    run: fn(&Path, &RunOptions, &Progress<'_>) -> Result<Outcome, EvalError>,
}

/// Rows of one benchmark plus the items that could not be processed.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Scores.
    pub rows: Vec<Row>,
    /// Items that failed (named), counted as empty predictions.
    pub warnings: Vec<String>,
}

/// The `dir` of a benchmark whose gold data is bundled with gazette.
pub const BUNDLED: &str = "";

/// Precision, recall and F1 of `correct` items among `system` predictions and `gold`
/// gold items (each 0 when its denominator is).
pub fn prf(correct: usize, system: usize, gold: usize) -> (f64, f64, f64) {
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let (p, r) = (ratio(correct, system), ratio(correct, gold));
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Benchmarks that `gazette eval` runs, in report order.
pub fn benchmarks() -> &'static [Benchmark] {
    &[
        Benchmark {
            name: aeb::NAME,
            dir: aeb::DIR,
            what: "main-text extraction, 4-gram shingle P/R/F1 over pages",
            run: run_aeb,
        },
        Benchmark {
            name: trafilatura_eval::NAME,
            dir: trafilatura_eval::DIR,
            what: "main-text extraction, must/must-not snippets over pages (micro-averaged)",
            run: run_trafilatura_eval,
        },
        Benchmark {
            name: htmldate::NAME,
            dir: htmldate::DIR,
            what: "publication dates, htmldate's 1,000 pages (day exact; P/R/accuracy/F1)",
            run: run_htmldate,
        },
        Benchmark {
            name: "ud-ewt",
            dir: ud::DIR,
            what: "tagging and parsing, UD English EWT test: gold words, and raw text as in CoNLL 2018",
            run: |dir, _, progress| ud::run(dir, progress),
        },
        Benchmark {
            name: conll::NAME,
            dir: conll::DIR,
            what: "named entities, CoNLL-2003 English test (testb), conlleval exact match",
            run: |dir, opts, progress| conll::run(dir, opts.predictions_dir.as_deref(), progress),
        },
        Benchmark {
            name: tempeval::NAME,
            dir: tempeval::DIR,
            what: "temporal expressions, TempEval-3 platinum test (Task A: extents, type, value)",
            run: |dir, opts, progress| {
                tempeval::run(dir, opts.predictions_dir.as_deref(), progress)
            },
        },
        Benchmark {
            name: polnear::NAME,
            dir: polnear::DIR,
            what: "quotes and speakers, PolNeAR test (content overlap 0.3 / 0.8 / exact, speaker match)",
            run: |dir, opts, progress| polnear::run(dir, opts.predictions_dir.as_deref(), progress),
        },
        Benchmark {
            name: news_entities::NAME,
            dir: BUNDLED,
            what: "entity identity across aliases, news-like gold set written for gazette (B-cubed)",
            run: |_, _, _| {
                Ok(Outcome {
                    rows: news_entities::rows(&gazette_analyze::Pipeline::english()),
                    warnings: Vec::new(),
                })
            },
        },
        Benchmark {
            name: news_quotes::NAME,
            dir: BUNDLED,
            what: "quotes, speakers and channels, news-like gold set written for gazette",
            run: |_, _, _| {
                Ok(Outcome {
                    rows: news_quotes::rows(&gazette_analyze::Pipeline::english()),
                    warnings: Vec::new(),
                })
            },
        },
        Benchmark {
            name: news_sentences::NAME,
            dir: BUNDLED,
            what: "sentence splitting, news-like gold set written for gazette",
            run: |_, _, _| {
                Ok(Outcome {
                    rows: news_sentences::rows(&gazette_analyze::Pipeline::english()),
                    warnings: Vec::new(),
                })
            },
        },
    ]
}

/// Data folders whose benchmark is not wired yet, with the component that will score it.
pub const NOT_YET_SCORED: &[(&str, &str)] = &[];

/// Everything one `gazette eval` run produced.
#[derive(Debug, Default)]
pub struct Report {
    /// Rows of every benchmark that ran.
    pub rows: Vec<Row>,
    /// Benchmarks whose data folder is missing (name, folder).
    pub missing: Vec<(String, PathBuf)>,
    /// Per-item failures, named.
    pub warnings: Vec<String>,
    /// Data folders present that no benchmark scores yet.
    pub not_scored: Vec<String>,
}

/// Runs every benchmark found under `data` (or only the one named `only`).
pub fn run(
    data: &Path,
    only: Option<&str>,
    opts: &RunOptions,
    progress: &Progress<'_>,
) -> Result<Report, EvalError> {
    if let Some(name) = only {
        if !benchmarks().iter().any(|b| b.name == name) {
            let known: Vec<&str> = benchmarks().iter().map(|b| b.name).collect();
            return Err(EvalError::Unknown(name.into(), known.join(", ")));
        }
    }
    let mut report = Report::default();
    for b in benchmarks()
        .iter()
        .filter(|b| only.is_none_or(|n| n == b.name))
    {
        let dir = data.join(b.dir);
        if b.dir != BUNDLED && !dir.is_dir() {
            report.missing.push((b.name.into(), dir));
            continue;
        }
        let outcome = (b.run)(&dir, opts, progress)?;
        report.rows.extend(outcome.rows);
        report.warnings.extend(outcome.warnings);
    }
    if only.is_none() {
        report.not_scored = NOT_YET_SCORED
            .iter()
            .filter(|(dir, _)| data.join(dir).is_dir())
            .map(|(dir, by)| format!("{dir}: scored once {by} lands"))
            .collect();
    }
    Ok(report)
}

fn run_aeb(dir: &Path, opts: &RunOptions, progress: &Progress<'_>) -> Result<Outcome, EvalError> {
    let gold = aeb::load_gold(dir)?;
    let (predictions, warnings) = aeb::predict(dir, &gold, progress);
    if let Some(out) = &opts.predictions_dir {
        write_predictions(&out.join(aeb::NAME), &predictions)?;
    }
    Ok(Outcome {
        rows: aeb::score(&gold, &predictions).rows(),
        warnings,
    })
}

fn run_htmldate(
    dir: &Path,
    opts: &RunOptions,
    progress: &Progress<'_>,
) -> Result<Outcome, EvalError> {
    let gold = htmldate::load_gold(dir)?;
    let (predictions, warnings) = htmldate::predict(dir, &gold, progress);
    if let Some(out) = &opts.predictions_dir {
        let path = out.join(htmldate::NAME).join("gazette.json");
        std::fs::create_dir_all(out.join(htmldate::NAME)).map_err(|e| EvalError::io(&path, e))?;
        let json = serde_json::json!({ "version": "gazette", "output": predictions });
        std::fs::write(
            &path,
            serde_json::to_string_pretty(&json).expect("JSON of strings"),
        )
        .map_err(|e| EvalError::io(&path, e))?;
    }
    Ok(Outcome {
        rows: htmldate::score(&gold, &predictions).rows(),
        warnings,
    })
}

fn run_trafilatura_eval(
    dir: &Path,
    opts: &RunOptions,
    progress: &Progress<'_>,
) -> Result<Outcome, EvalError> {
    let (evaluated, outputs, warnings) = trafilatura_eval::evaluate(dir, progress)?;
    if let Some(out) = &opts.predictions_dir {
        write_predictions(&out.join(trafilatura_eval::NAME), &outputs)?;
    }
    Ok(Outcome {
        rows: evaluated.rows(),
        warnings,
    })
}

/// Writes one `<id>.txt` per prediction, the layout `shared/tools/score_extraction.py` reads.
fn write_predictions(dir: &Path, predictions: &BTreeMap<String, String>) -> Result<(), EvalError> {
    std::fs::create_dir_all(dir).map_err(|e| EvalError::io(dir, e))?;
    for (id, text) in predictions {
        let path = dir.join(format!("{id}.txt"));
        std::fs::write(&path, text).map_err(|e| EvalError::io(&path, e))?;
    }
    Ok(())
}
