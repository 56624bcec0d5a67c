//! Scrapinghub Article Extraction Benchmark (AEB): 181 news pages with their gold article
//! bodies, scored by 4-token shingle precision and recall (see the benchmark's MANIFEST).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::{EvalError, Progress, Row};

/// Name of the benchmark in `gazette eval` rows.
pub const NAME: &str = "aeb";
/// Where it lives under the data directory.
pub const DIR: &str = "extraction/scrapinghub-aeb";

/// Python's Unicode `\w`, which the protocol's tokenizer uses: letters, numbers (all
/// `\p{N}`, as `str.isalnum` counts them) and underscore. Rust's `\w` differs (it adds
/// combining marks and leaves out some numerals), so the class is spelled out.
static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("token pattern compiles"));

const SHINGLE: usize = 4;

/// Corpus scores of one system on the benchmark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AebScore {
    /// Mean page precision over pages with a non-empty prediction.
    pub precision: f64,
    /// Mean page recall over pages with a non-empty gold body.
    pub recall: f64,
    /// Harmonic mean of the two means.
    pub f1: f64,
    /// Share of pages whose token lists equal the gold's exactly.
    pub accuracy: f64,
    /// Number of pages scored.
    pub pages: usize,
}

impl AebScore {
    /// The score as `gazette eval` rows.
    pub fn rows(&self) -> Vec<Row> {
        [
            ("precision", self.precision),
            ("recall", self.recall),
            ("f1", self.f1),
            ("accuracy", self.accuracy),
        ]
        .into_iter()
        .map(|(metric, value)| Row::new(NAME, metric, value, self.pages))
        .collect()
    }
}

fn tokens(text: &str) -> Vec<&str> {
    TOKEN.find_iter(text).map(|m| m.as_str()).collect()
}

fn shingles<'t, 'a>(toks: &'t [&'a str]) -> HashMap<&'t [&'a str], usize> {
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    if toks.len() < SHINGLE {
        out.insert(toks, 1);
        return out;
    }
    for w in toks.windows(SHINGLE) {
        *out.entry(w).or_insert(0) += 1;
    }
    out
}

/// Per-page (tp, fp, fn) shingle counts. The protocol normalises them to sum to one,
/// which changes no ratio; raw counts are kept here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageCounts {
    /// Shingles in both.
    pub tp: usize,
    /// Predicted shingles not in the gold.
    pub fp: usize,
    /// Gold shingles not predicted.
    pub fn_: usize,
    /// Whether the token lists are identical.
    pub exact: bool,
}

/// Compares one predicted body with the gold body.
pub fn page_counts(gold: &str, pred: &str) -> PageCounts {
    let (gt, pt) = (tokens(gold), tokens(pred));
    let (gs, ps) = (shingles(&gt), shingles(&pt));
    let mut c = PageCounts {
        exact: gt == pt,
        ..PageCounts::default()
    };
    for (k, &g) in &gs {
        let p = ps.get(k).copied().unwrap_or(0);
        c.tp += g.min(p);
        c.fn_ += g.saturating_sub(p);
    }
    for (k, &p) in &ps {
        let g = gs.get(k).copied().unwrap_or(0);
        c.fp += p.saturating_sub(g);
    }
    c
}

/// Aggregates page counts with the protocol's rules (precision averaged only over pages
/// whose prediction has a shingle; F1 from the two means).
pub fn aggregate(pages: &[PageCounts]) -> AebScore {
    let precisions: Vec<f64> = pages
        .iter()
        .filter(|c| c.tp + c.fp > 0)
        .map(|c| c.tp as f64 / (c.tp + c.fp) as f64)
        .collect();
    let recalls: Vec<f64> = pages
        .iter()
        .filter(|c| c.tp + c.fn_ > 0)
        .map(|c| c.tp as f64 / (c.tp + c.fn_) as f64)
        .collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (p, r) = (mean(&precisions), mean(&recalls));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let exact = pages.iter().filter(|c| c.exact).count();
    AebScore {
        precision: p,
        recall: r,
        f1,
        accuracy: exact as f64 / pages.len().max(1) as f64,
        pages: pages.len(),
    }
}

/// Scores predictions (page id → body; a missing id is an empty prediction) against gold.
pub fn score(gold: &BTreeMap<String, String>, predictions: &BTreeMap<String, String>) -> AebScore {
    let counts: Vec<PageCounts> = gold
        .iter()
        .map(|(id, g)| page_counts(g, predictions.get(id).map_or("", String::as_str)))
        .collect();
    aggregate(&counts)
}

#[derive(Deserialize)]
struct GoldEntry {
    #[serde(rename = "articleBody")]
    article_body: Option<String>,
}

/// Reads `ground-truth.json`: page id → gold body.
pub fn load_gold(dir: &Path) -> Result<BTreeMap<String, String>, EvalError> {
    let path = dir.join("ground-truth.json");
    let raw = std::fs::read_to_string(&path).map_err(|e| EvalError::io(&path, e))?;
    let entries: BTreeMap<String, GoldEntry> =
        serde_json::from_str(&raw).map_err(|e| EvalError::Format {
            path: path.clone(),
            message: e.to_string(),
        })?;
    Ok(entries
        .into_iter()
        .map(|(k, v)| (k, v.article_body.unwrap_or_default()))
        .collect())
}

/// Path of one page's HTML.
pub fn page_path(dir: &Path, id: &str) -> std::path::PathBuf {
    dir.join("html").join(format!("{id}.html.gz"))
}

/// Runs gazette's extractor on every page; returns page id → predicted body. A page that
/// cannot be read is an empty prediction and is listed in the second value.
pub fn predict(
    dir: &Path,
    gold: &BTreeMap<String, String>,
    progress: &Progress<'_>,
) -> (BTreeMap<String, String>, Vec<String>) {
    let mut predictions = BTreeMap::new();
    let mut failures = Vec::new();
    for (i, id) in gold.keys().enumerate() {
        let path = page_path(dir, id);
        match gazette_ingest::read_path(&path) {
            Ok(page) => {
                let ex =
                    gazette_extract::from_html(&page.text, &gazette_extract::Options::default());
                predictions.insert(id.clone(), ex.doc.text().to_string());
            }
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
        progress(i + 1, gold.len());
    }
    (predictions, failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_counts_follow_the_protocol() {
        let c = page_counts("a b c d e", "a b c d x");
        // gold shingles: abcd, bcde; predicted: abcd, bcdx.
        assert_eq!((c.tp, c.fp, c.fn_, c.exact), (1, 1, 1, false));
        let short = page_counts("Hello world", "Hello, world!");
        assert_eq!(
            (short.tp, short.fp, short.fn_, short.exact),
            (1, 0, 0, true)
        );
        let empty = page_counts("a b c d", "");
        assert_eq!((empty.tp, empty.fp, empty.fn_), (0, 0, 1));
    }

    #[test]
    fn empty_predictions_cost_recall_only() {
        let gold: BTreeMap<String, String> = [
            ("1".to_string(), "w1 w2 w3 w4 w5".to_string()),
            ("2".to_string(), "v1 v2 v3 v4".to_string()),
        ]
        .into();
        let pred: BTreeMap<String, String> =
            [("1".to_string(), "w1 w2 w3 w4 w5".to_string())].into();
        let s = score(&gold, &pred);
        assert_eq!(s.precision, 1.0);
        assert_eq!(s.recall, 0.5);
        assert!((s.f1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.accuracy, 0.5);
    }

    #[test]
    fn tokens_match_python_word_class() {
        // Python's \w splits at combining marks and keeps superscript digits.
        assert_eq!(tokens("naïve x² e\u{301}t_é"), ["naïve", "x²", "e", "t_é"]);
    }
}
