//! htmldate's evaluation set: 1,000 pages (800 of the BBAW collection, mostly German
//! blogs and news, and 200 Media Cloud news pages from around the world), each with the
//! day it was first published. Scored as upstream's `evaluation.py` does (see the
//! benchmark's MANIFEST): per page, the right day is a true positive, a wrong day a false
//! positive, no date a false negative; a page whose gold is null counts any date as a
//! false positive and no date as a false negative, which reproduces the published figures.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::{EvalError, Progress, Row};

/// Name of the benchmark in `gazette eval` rows.
pub const NAME: &str = "htmldate-eval";
/// Where it lives under the data directory.
pub const DIR: &str = "dates/htmldate-eval";
/// The annotation files, in report order.
pub const GOLD_FILES: &[&str] = &["eval_default.json", "eval_mediacloud_2020.json"];

/// One page's gold.
#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    /// File name under `html/`, without the `.gz`.
    pub file: String,
    /// First-publication day, `YYYY-MM-DD`; null where upstream had no valid date.
    pub date: Option<String>,
}

impl Entry {
    /// The page's file in the set folder `dir`.
    pub fn path(&self, dir: &Path) -> std::path::PathBuf {
        dir.join("html").join(format!("{}.gz", self.file))
    }
}

/// Page counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Right day.
    pub tp: usize,
    /// Wrong day, or a day where the gold has none.
    pub fp: usize,
    /// No day.
    pub fn_: usize,
    /// Pages scored.
    pub pages: usize,
}

impl Counts {
    /// Adds one page; `predicted` is any date string starting with `YYYY-MM-DD`.
    pub fn add(&mut self, gold: Option<&str>, predicted: Option<&str>) {
        self.pages += 1;
        match predicted.map(|p| p.get(..10).unwrap_or(p)) {
            None => self.fn_ += 1,
            Some(p) if gold == Some(p) => self.tp += 1,
            Some(_) => self.fp += 1,
        }
    }

    /// Precision, recall and F1 of the counts (0 where there is nothing to count).
    pub fn prf(&self) -> (f64, f64, f64) {
        crate::prf(self.tp, self.tp + self.fp, self.tp + self.fn_)
    }

    /// F1 of the counts (0 when there is nothing to count).
    pub fn f1(&self) -> f64 {
        self.prf().2
    }

    /// Precision, recall, accuracy and F1 as rows.
    pub fn rows(&self) -> Vec<Row> {
        let (p, r, f) = self.prf();
        [
            ("precision", p),
            ("recall", r),
            ("accuracy", self.tp as f64 / self.pages.max(1) as f64),
            ("f1", f),
        ]
        .into_iter()
        .map(|(metric, value)| Row::new(NAME, metric, value, self.pages))
        .collect()
    }
}

/// Reads both annotation files: URL → entry.
pub fn load_gold(dir: &Path) -> Result<BTreeMap<String, Entry>, EvalError> {
    let mut all = BTreeMap::new();
    for name in GOLD_FILES {
        let path = dir.join(name);
        let raw = std::fs::read_to_string(&path).map_err(|e| EvalError::io(&path, e))?;
        let part: BTreeMap<String, Entry> =
            serde_json::from_str(&raw).map_err(|e| EvalError::Format {
                path: path.clone(),
                message: e.to_string(),
            })?;
        all.extend(part);
    }
    Ok(all)
}

/// Predicts the publication day of every page with gazette's extractor, from the page
/// alone as upstream calls htmldate (a URL the page names itself, such as its canonical
/// link, is used). Unreadable pages predict nothing and are named.
pub fn predict(
    dir: &Path,
    gold: &BTreeMap<String, Entry>,
    progress: &Progress<'_>,
) -> (BTreeMap<String, Option<String>>, Vec<String>) {
    let mut out = BTreeMap::new();
    let mut warnings = Vec::new();
    for (i, (url, entry)) in gold.iter().enumerate() {
        let path = entry.path(dir);
        let day = match gazette_ingest::read_path(&path) {
            Ok(page) => {
                gazette_extract::from_html(&page.text, &gazette_extract::Options::default())
                    .doc
                    .meta
                    .published
                    .map(|p| p.date().format("%Y-%m-%d").to_string())
            }
            Err(e) => {
                warnings.push(format!("{}: {e}", path.display()));
                None
            }
        };
        out.insert(url.clone(), day);
        progress(i + 1, gold.len());
    }
    (out, warnings)
}

/// Scores predictions (URL → day) against the gold; a URL without prediction is no date.
pub fn score(
    gold: &BTreeMap<String, Entry>,
    predictions: &BTreeMap<String, Option<String>>,
) -> Counts {
    let mut c = Counts::default();
    for (url, entry) in gold {
        c.add(
            entry.date.as_deref(),
            predictions.get(url).and_then(|p| p.as_deref()),
        );
    }
    c
}

/// Reads a peer's predictions as the MANIFEST stores them: `{"output": {url: day|null}}`.
pub fn load_peer(path: &Path) -> Result<BTreeMap<String, Option<String>>, EvalError> {
    #[derive(Deserialize)]
    struct Peer {
        output: BTreeMap<String, Option<String>>,
    }
    let raw = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    serde_json::from_str::<Peer>(&raw)
        .map(|p| p.output)
        .map_err(|e| EvalError::Format {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_upstream_rules() {
        let mut c = Counts::default();
        c.add(Some("2017-11-21"), Some("2017-11-21T08:30:00+03:00"));
        c.add(Some("2017-11-21"), Some("2017-11-20"));
        c.add(Some("2017-11-21"), None);
        c.add(None, Some("2017-11-20"));
        c.add(None, None);
        assert_eq!((c.tp, c.fp, c.fn_, c.pages), (1, 2, 2, 5));
    }
}
