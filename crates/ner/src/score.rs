//! Entity scores with conlleval semantics: an entity is right when its type and its exact
//! word span are; precision, recall and F1 are micro-averaged, overall and per type.

use std::collections::BTreeMap;

use crate::spans;

/// Counts of one type (or of all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Entities found that are right.
    pub correct: usize,
    /// Gold entities.
    pub gold: usize,
    /// Entities found.
    pub system: usize,
}

impl Counts {
    /// Precision, recall and F1.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.system > 0 {
            self.correct as f64 / self.system as f64
        } else {
            0.0
        };
        let r = if self.gold > 0 {
            self.correct as f64 / self.gold as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// Scores label sequences: overall counts and counts per type.
pub fn score<'a>(
    pairs: impl IntoIterator<Item = (&'a [String], &'a [String])>,
) -> (Counts, BTreeMap<String, Counts>) {
    let mut all = Counts::default();
    let mut by_type: BTreeMap<String, Counts> = BTreeMap::new();
    for (gold, pred) in pairs {
        let g = spans(&gold.iter().map(String::as_str).collect::<Vec<_>>());
        let p = spans(&pred.iter().map(String::as_str).collect::<Vec<_>>());
        for e in &g {
            all.gold += 1;
            by_type.entry(e.label.clone()).or_default().gold += 1;
        }
        for e in &p {
            all.system += 1;
            let c = by_type.entry(e.label.clone()).or_default();
            c.system += 1;
            if g.contains(e) {
                all.correct += 1;
                c.correct += 1;
            }
        }
    }
    (all, by_type)
}
