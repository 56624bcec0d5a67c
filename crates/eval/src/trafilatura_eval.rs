//! trafilatura's evaluation set: 990 pages, each with snippets that the main text must
//! contain ("with") and snippets of boilerplate it must not contain ("without"), scored
//! as upstream's `evaluate.py` does (see the benchmark's MANIFEST):
//! whitespace-normalised, case-sensitive substring tests, micro-averaged.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::{EvalError, Progress, Row};

/// Name of the benchmark in `gazette eval` rows.
pub const NAME: &str = "trafilatura-eval";
/// Where it lives under the data directory.
pub const DIR: &str = "extraction/trafilatura-eval";

/// One page's gold: the file and its snippets.
#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    /// File name under `html/`, without the `.gz`.
    pub file: String,
    /// Snippets of main text.
    #[serde(rename = "with", default)]
    pub with: Vec<String>,
    /// Snippets of boilerplate.
    #[serde(rename = "without", default)]
    pub without: Vec<String>,
}

impl Entry {
    /// The page's file in the set folder `dir`.
    pub fn path(&self, dir: &Path) -> std::path::PathBuf {
        dir.join("html").join(format!("{}.gz", self.file))
    }
}

/// Snippet counts, summed over pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// "with" snippets found.
    pub tp: usize,
    /// "with" snippets missing.
    pub fn_: usize,
    /// "without" snippets found.
    pub fp: usize,
    /// "without" snippets absent.
    pub tn: usize,
    /// Pages scored.
    pub pages: usize,
}

impl Counts {
    /// Adds one page; `output` is `None` when the extractor returned nothing or failed,
    /// which makes every "with" a miss and every "without" a true negative.
    pub fn add(&mut self, entry: &Entry, output: Option<&str>) {
        self.pages += 1;
        let Some(out) = output.map(normalize) else {
            self.fn_ += entry.with.len();
            self.tn += entry.without.len();
            return;
        };
        for s in &entry.with {
            if out.contains(&normalize(s)) {
                self.tp += 1
            } else {
                self.fn_ += 1
            }
        }
        for s in &entry.without {
            if out.contains(&normalize(s)) {
                self.fp += 1
            } else {
                self.tn += 1
            }
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
        let all = self.tp + self.fn_ + self.fp + self.tn;
        [
            ("precision", p),
            ("recall", r),
            ("accuracy", (self.tp + self.tn) as f64 / all.max(1) as f64),
            ("f1", f),
        ]
        .into_iter()
        .map(|(metric, value)| Row::new(NAME, metric, value, self.pages))
        .collect()
    }
}

/// Whether a page belongs to the held-out quarter that gazette's block classifier is not
/// trained on (by a stable hash of its file name), so that its score can be reported on
/// pages the model never saw.
pub fn is_held_out(file: &str) -> bool {
    fold(file) == 0
}

/// Number of folds of the cross-validation; fold 0 is the held-out quarter.
pub const FOLDS: usize = 4;

/// The fold of a page (by a stable hash of its file name). The shipped classifier is
/// trained on folds 1 to 3, so that it is the cross-validation's model for fold 0.
pub fn fold(file: &str) -> usize {
    (gazette_learn::perceptron::hash_str(file) % FOLDS as u64) as usize
}

/// Epochs of `gazette train extraction` by default, used for the cross-validation's models.
pub const TRAIN_EPOCHS: usize = 10;
/// Seed of `gazette train extraction` by default, used for the cross-validation's models.
pub const TRAIN_SEED: u64 = 1;
/// Models per classifier of `gazette train extraction` by default (a bag whose weights are
/// averaged), used for the cross-validation's models.
pub const TRAIN_BAG: u64 = 5;

/// A page of the set as the block classifier's training reads it: its HTML and snippets.
pub fn labeled_page(entry: &Entry, html: String) -> gazette_extract::classify::LabeledPage {
    gazette_extract::classify::LabeledPage {
        name: entry.file.clone(),
        html,
        with: entry.with.clone(),
        without: entry.without.clone(),
    }
}

/// Cross-validated outputs: each page of folds 1 to 3 extracted with a block classifier
/// trained, as `gazette train extraction` trains the shipped one, on the pages of the
/// other three folds; pages of fold 0 keep `outputs` (the shipped classifier's, which
/// never saw them). Every page is thus scored by a model that never saw it, which makes
/// a fair score on all pages, comparable with a peer's on the same pages. Pages are
/// named by their file ([`labeled_page`]).
pub fn cross_validated(
    pages: &[gazette_extract::classify::LabeledPage],
    outputs: &BTreeMap<String, Option<String>>,
) -> BTreeMap<String, Option<String>> {
    use gazette_extract::classify;
    let mut out: BTreeMap<String, Option<String>> = pages
        .iter()
        .filter(|p| is_held_out(&p.name))
        .map(|p| (p.name.clone(), outputs.get(&p.name).cloned().flatten()))
        .collect();
    for k in 1..FOLDS {
        let meta = gazette_learn::file::ModelMeta {
            format: classify::MODEL_FORMAT,
            trained_on: format!("cross-validation, all folds but {k}"),
            license: String::new(),
            settings: String::new(),
            dev_scores: Vec::new(),
        };
        let train = pages.iter().filter(|p| fold(&p.name) != k);
        let model = classify::train(train, TRAIN_EPOCHS, TRAIN_SEED, TRAIN_BAG, meta);
        for p in pages.iter().filter(|p| fold(&p.name) == k) {
            let text = gazette_extract::from_html_with(&p.html, &Default::default(), Some(&model))
                .doc
                .text()
                .to_string();
            out.insert(p.name.clone(), (!text.is_empty()).then_some(text));
        }
    }
    out
}

/// Every run of whitespace becomes one space; ends are trimmed.
/// Text as snippets are matched against it: white space folded to single spaces.
pub fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads `evaldata.json` (URL → entry), in URL order.
pub fn load_gold(dir: &Path) -> Result<BTreeMap<String, Entry>, EvalError> {
    let path = dir.join("evaldata.json");
    let raw = std::fs::read_to_string(&path).map_err(|e| EvalError::io(&path, e))?;
    serde_json::from_str(&raw).map_err(|e| EvalError::Format {
        path,
        message: e.to_string(),
    })
}

/// Runs gazette's extractor on every page (raw bytes, encoding detected) and counts
/// snippets. Unreadable pages count as no output and are named in the warnings.
pub fn evaluate(
    dir: &Path,
    progress: &Progress<'_>,
) -> Result<(Evaluated, BTreeMap<String, String>, Vec<String>), EvalError> {
    let gold = load_gold(dir)?;
    let mut counts = Counts::default();
    let mut held_out = Counts::default();
    let mut outputs = BTreeMap::new();
    let mut pages = Vec::new();
    let mut warnings = Vec::new();
    // The cross-validation's three trainings count as much as the pages.
    let steps = 2 * gold.len();
    for (i, entry) in gold.values().enumerate() {
        let path = entry.path(dir);
        let output = match gazette_ingest::read_path(&path) {
            Ok(page) => {
                let text =
                    gazette_extract::from_html(&page.text, &gazette_extract::Options::default())
                        .doc
                        .text()
                        .to_string();
                pages.push(labeled_page(entry, page.text));
                (!text.is_empty()).then_some(text)
            }
            Err(e) => {
                warnings.push(format!("{}: {e}", path.display()));
                None
            }
        };
        counts.add(entry, output.as_deref());
        if is_held_out(&entry.file) {
            held_out.add(entry, output.as_deref());
        }
        outputs.insert(entry.file.clone(), output);
        progress(i + 1, steps);
    }
    let validated = cross_validated(&pages, &outputs);
    let mut cross = Counts::default();
    for entry in gold.values() {
        cross.add(
            entry,
            validated.get(&entry.file).cloned().flatten().as_deref(),
        );
    }
    progress(steps, steps);
    let outputs = outputs
        .into_iter()
        .map(|(file, text)| (file, text.unwrap_or_default()))
        .collect();
    Ok((
        Evaluated {
            all: counts,
            held_out,
            cross_validated: cross,
        },
        outputs,
        warnings,
    ))
}

/// Scores over all pages and over the held-out quarter ([`is_held_out`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Evaluated {
    /// All pages.
    pub all: Counts,
    /// Pages the block classifier was not trained on.
    pub held_out: Counts,
    /// All pages, each scored by a classifier that did not see it ([`cross_validated`]).
    pub cross_validated: Counts,
}

impl Evaluated {
    /// The rows of all pages, then `held_out_*` rows of the held-out quarter and `cv_*`
    /// rows of the cross-validation.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = self.all.rows();
        for (prefix, counts) in [("held_out", &self.held_out), ("cv", &self.cross_validated)] {
            for mut r in counts.rows() {
                if r.metric == "precision" || r.metric == "recall" || r.metric == "f1" {
                    r.metric = format!("{prefix}_{}", r.metric);
                    rows.push(r);
                }
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_matched_after_whitespace_normalisation() {
        let entry = Entry {
            file: "x".into(),
            with: vec!["Die GEMA  dreht\nvöllig".into(), "missing text".into()],
            without: vec!["Impressum".into(), "31. Mai".into()],
        };
        let mut c = Counts::default();
        c.add(
            &entry,
            Some("Intro.\n\nDie GEMA dreht völlig am Zeiger! Impressum"),
        );
        assert_eq!((c.tp, c.fn_, c.fp, c.tn), (1, 1, 1, 1));
        c.add(&entry, None);
        assert_eq!((c.tp, c.fn_, c.fp, c.tn, c.pages), (1, 3, 1, 3, 2));
        let rows = c.rows();
        let f1 = rows.iter().find(|r| r.metric == "f1").unwrap().value;
        assert!((f1 - 2.0 / 6.0).abs() < 1e-12);
    }
}
