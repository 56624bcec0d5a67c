//! `gazette eval`: the AEB row, in agreement with the reference scorer in shared/tools.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::Path;
use std::process::Command as Process;

use crate::util::{gazette, shared, succeeded};

/// Runs `gazette eval --only NAME --json` on the shared data, optionally writing the
/// predictions, and returns the rows.
fn eval_rows(name: &str, predictions: Option<&Path>) -> Vec<serde_json::Value> {
    let mut cmd = gazette();
    cmd.args(["eval", "--only", name, "--json", "--data"])
        .arg(shared().join("data"));
    if let Some(dir) = predictions {
        cmd.arg("--predictions").arg(dir);
    }
    let out = succeeded(cmd.output().unwrap());
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The value of one metric among eval rows.
fn value(rows: &[serde_json::Value], metric: &str) -> f64 {
    rows.iter()
        .find(|r| r["metric"] == metric)
        .unwrap_or_else(|| panic!("no {metric} in {rows:?}"))["value"]
        .as_f64()
        .unwrap()
}

/// Runs a reference scorer from shared/tools and returns what it printed.
fn reference_scorer(script: &str, args: &[&OsStr]) -> Vec<u8> {
    let out = succeeded(
        Process::new("python3")
            .arg(shared().join("tools").join(script))
            .args(args)
            .output()
            .expect("python3 runs"),
    );
    out.stdout
}

/// Parses the `name value` lines that score_extraction.py prints.
fn reference_scores(pred_dir: &Path) -> BTreeMap<String, f64> {
    let truth = shared().join("data/extraction/scrapinghub-aeb/ground-truth.json");
    String::from_utf8(reference_scorer(
        "score_extraction.py",
        &[pred_dir.as_os_str(), truth.as_os_str()],
    ))
    .unwrap()
    .lines()
    .filter_map(|l| {
        let mut parts = l.split_whitespace();
        Some((parts.next()?.to_string(), parts.next()?.parse().ok()?))
    })
    .collect()
}

#[test]
fn aeb_row_agrees_with_the_reference_scorer() {
    let preds = tempfile::tempdir().unwrap();
    let rows = eval_rows("aeb", Some(preds.path()));
    let ours: BTreeMap<String, f64> = rows
        .iter()
        .map(|r| {
            (
                r["metric"].as_str().unwrap().to_string(),
                r["value"].as_f64().unwrap(),
            )
        })
        .collect();
    assert!(
        rows.iter()
            .all(|r| r["benchmark"] == "aeb" && r["count"] == 181),
        "{rows:?}"
    );
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        ["accuracy", "f1", "precision", "recall"]
    );

    let reference = reference_scores(&preds.path().join("aeb"));
    for (metric, value) in &ours {
        let theirs = reference[metric];
        assert!(
            (value - theirs).abs() < 5e-4,
            "{metric}: gazette {value:.4} vs score_extraction.py {theirs:.4}"
        );
    }
    // A floor, so that an extractor regression shows up here before the README is wrong.
    assert!(ours["f1"] > 0.92, "AEB F1 fell to {:.4}", ours["f1"]);
}

#[test]
fn eval_prints_a_table_and_refuses_unknown_benchmarks() {
    let out = succeeded(
        gazette()
            .args(["eval", "--only", "aeb", "--data"])
            .arg(shared().join("data"))
            .output()
            .unwrap(),
    );
    let table = String::from_utf8(out.stdout).unwrap();
    let header = table.lines().next().unwrap();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["benchmark", "metric", "score", "count"]
    );
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("aeb") && l.contains(" f1 ") && l.trim_end().ends_with("181")),
        "{table}"
    );

    let out = gazette()
        .args(["eval", "--only", "nope", "--data"])
        .arg(shared().join("data"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains(
        "unknown benchmark \"nope\" (known: aeb, trafilatura-eval, htmldate-eval, ud-ewt, conll2003, tempeval3, polnear, news-entities, news-quotes, news-sentences)"
    ));

    let empty = tempfile::tempdir().unwrap();
    let out = gazette()
        .args(["eval", "--data"])
        .arg(empty.path())
        .output()
        .unwrap();
    // Benchmarks whose data is missing are named and skipped; the bundled gold set still runs.
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        table.lines().skip(1).all(|l| l.starts_with("news-")),
        "{table}"
    );
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("aeb: no data at")
    );
}

#[test]
fn trafilatura_eval_row_counts_every_page() {
    let rows = eval_rows("trafilatura-eval", None);
    let metric = |m: &str| {
        rows.iter()
            .find(|r| r["metric"] == m)
            .unwrap_or_else(|| panic!("{m}"))
    };
    assert_eq!(metric("f1")["count"], 990);
    let (p, r, f1) = (
        metric("precision")["value"].as_f64().unwrap(),
        metric("recall")["value"].as_f64().unwrap(),
        metric("f1")["value"].as_f64().unwrap(),
    );
    // F1 here is micro-averaged from counts, which equals the harmonic mean of P and R.
    assert!((f1 - 2.0 * p * r / (p + r)).abs() < 1e-9);
    assert!(f1 > 0.85, "trafilatura-eval F1 fell to {f1:.4}");
    // Cross-validated, every page is scored by a classifier that never saw it: below the
    // all-pages row, whose classifier was trained on three quarters of them.
    assert_eq!(metric("cv_f1")["count"], 990);
    let cv = metric("cv_f1")["value"].as_f64().unwrap();
    assert!(cv > 0.85 && cv < f1, "cv {cv:.4}, all pages {f1:.4}");
}

#[test]
fn tempeval_row_agrees_with_score_timex_py() {
    let preds = tempfile::tempdir().unwrap();
    let rows = eval_rows("tempeval3", Some(preds.path()));
    let ours = |m: &str| value(&rows, m);
    assert!(rows.iter().all(|r| r["count"] == 138));

    let (gold, predicted) = (
        shared().join("data/timex/tempeval3/test/gold"),
        preds.path().join("tempeval3.jsonl"),
    );
    let reference: serde_json::Value = serde_json::from_slice(&reference_scorer(
        "score_timex.py",
        &[gold.as_os_str(), predicted.as_os_str(), "--json".as_ref()],
    ))
    .unwrap();
    for (metric, path) in [
        ("strict_f1", ["strict", "F1"]),
        ("relaxed_p", ["relaxed", "P"]),
        ("relaxed_r", ["relaxed", "R"]),
        ("relaxed_f1", ["relaxed", "F1"]),
        ("type_f1", ["type", "F1"]),
        ("value_f1", ["value", "F1"]),
    ] {
        let theirs = reference[path[0]][path[1]].as_f64().unwrap();
        assert!(
            (ours(metric) - theirs).abs() < 5e-4,
            "{metric}: gazette {} vs score_timex.py {theirs}",
            ours(metric)
        );
    }
    // A floor under the figures in the README.
    assert!(
        ours("relaxed_f1") > 0.85 && ours("value_f1") > 0.70,
        "{rows:?}"
    );
}

#[test]
fn conll_row_agrees_with_score_ner_py() {
    let preds = tempfile::tempdir().unwrap();
    let rows = eval_rows("conll2003", Some(preds.path()));
    let ours = |m: &str| value(&rows, m);
    let paired = preds.path().join("conll2003.txt");
    let reference: serde_json::Value = serde_json::from_slice(&reference_scorer(
        "score_ner.py",
        &[paired.as_os_str(), "--json".as_ref()],
    ))
    .unwrap();
    let f1 = reference["f1"].as_f64().unwrap();
    assert!(
        (ours("f1") - f1).abs() < 5e-4,
        "gazette {} vs score_ner.py {f1}",
        ours("f1")
    );
    for t in ["LOC", "MISC", "ORG", "PER"] {
        let theirs = reference["per_type"][t]["f1"].as_f64().unwrap();
        assert!((ours(&format!("f1_{t}")) - theirs).abs() < 5e-4, "{t}");
    }
    assert!(ours("f1") > 0.78, "{rows:?}");
}

#[test]
fn polnear_rows_agree_with_score_quotes_py() {
    let preds = tempfile::tempdir().unwrap();
    let rows = eval_rows("polnear", Some(preds.path()));
    let ours = |m: &str| value(&rows, m);
    let (gold, predicted) = (
        shared().join("data/quotes/polnear/test.jsonl"),
        preds.path().join("polnear.jsonl"),
    );
    let reference: serde_json::Value = serde_json::from_slice(&reference_scorer(
        "score_quotes.py",
        &[
            "--gold".as_ref(),
            gold.as_os_str(),
            "--pred".as_ref(),
            predicted.as_os_str(),
            "--json".as_ref(),
        ],
    ))
    .unwrap();
    for t in ["0.3", "0.8", "exact"] {
        for (ours_metric, theirs) in [
            ("quote_f1", "quote_F1"),
            ("quote_speaker_f1", "quote_speaker_F1"),
        ] {
            let r = reference[t][theirs].as_f64().unwrap();
            let o = ours(&format!("{ours_metric}@{t}"));
            assert!(
                (o - r).abs() < 5e-4,
                "{ours_metric}@{t}: gazette {o} vs score_quotes.py {r}"
            );
        }
    }
    assert!(
        ours("quote_f1@0.3") > 0.45 && ours("quote_speaker_f1@0.3") > 0.35,
        "{rows:?}"
    );
    // The accurate parser's pipeline is scored beside the default one.
    assert!(
        ours("accurate_quote_f1@0.3") > 0.45 && ours("accurate_quote_speaker_f1@0.3") > 0.35,
        "{rows:?}"
    );
    // And the annotators' agreement with each other, the human ceiling of these figures
    // (PolNeAR's extra annotations of 19 documents).
    for t in ["0.3", "0.8", "exact"] {
        let (q, qs) = (
            ours(&format!("annotators_quote_f1@{t}")),
            ours(&format!("annotators_quote_speaker_f1@{t}")),
        );
        assert!(0.5 < qs && qs <= q && q < 1.0, "{t}: {q} {qs}");
    }
}

#[test]
fn htmldate_row_and_scorer_reproduce_the_published_protocol() {
    let dir = shared().join("data/dates/htmldate-eval");
    let gold = gazette_eval::htmldate::load_gold(&dir).unwrap();
    assert_eq!(gold.len(), 1000);
    // The scorer gives htmldate's own predictions the counts its MANIFEST publishes.
    for (file, counts) in [
        ("htmldate-1.11.0-extensive.json", (903, 91, 6)),
        ("htmldate-1.11.0-fast.json", (863, 71, 66)),
    ] {
        let peer = gazette_eval::htmldate::load_peer(&dir.join("peer-output").join(file)).unwrap();
        let c = gazette_eval::htmldate::score(&gold, &peer);
        assert_eq!((c.tp, c.fp, c.fn_), counts, "{file}");
    }
    let pred = tempfile::tempdir().unwrap();
    let rows = eval_rows("htmldate-eval", Some(pred.path()));
    let f1 = value(&rows, "f1");
    assert!(f1 > 0.93, "htmldate-eval F1 fell to {f1:.4}");
    // The row is the scorer applied to the predictions written beside it.
    let ours =
        gazette_eval::htmldate::load_peer(&pred.path().join("htmldate-eval/gazette.json")).unwrap();
    let c = gazette_eval::htmldate::score(&gold, &ours);
    let expected = 2.0 * c.tp as f64 / (2 * c.tp + c.fp + c.fn_) as f64;
    assert!((f1 - expected).abs() < 1e-4, "{f1} vs {expected}");
}
