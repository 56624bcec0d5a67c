//! Sentence splitting on news-like English: a small gold set written for gazette
//! (`crates/eval/data/news_sentences.txt`) with headlines, bylines, datelines,
//! abbreviations, initials, quotes, decimals and URLs. Scored as exact sentence spans.

use gazette_analyze::Pipeline;
use gazette_doc::{Doc, Meta};

use crate::Row;
use crate::ud::Counts;

/// Name of the row.
pub const NAME: &str = "news-sentences";

const GOLD: &str = include_str!("../data/news_sentences.txt");

/// The gold text and its sentence spans (char offsets).
pub fn gold() -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut new_paragraph = false;
    for line in GOLD.lines() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            new_paragraph = !text.is_empty();
            continue;
        }
        if !text.is_empty() {
            text.push_str(if new_paragraph { "\n\n" } else { " " });
        }
        new_paragraph = false;
        let start = text.chars().count();
        text.push_str(line.trim());
        spans.push((start, text.chars().count()));
    }
    (text, spans)
}

/// Precision, recall and F1 of the pipeline's sentences against the gold set.
pub fn rows(pipeline: &Pipeline) -> Vec<Row> {
    let (text, gold) = gold();
    let mut doc = Doc::new(text, Meta::default());
    pipeline
        .run(&mut doc)
        .expect("the pipeline runs on the gold text");
    let system: Vec<(usize, usize)> = doc.sentences().iter().map(|s| (s.start, s.end)).collect();
    let correct = system.iter().filter(|s| gold.contains(s)).count();
    let c = Counts {
        correct,
        gold: gold.len(),
        system: system.len(),
    };
    let p = correct as f64 / c.system.max(1) as f64;
    let r = correct as f64 / c.gold.max(1) as f64;
    vec![
        Row::new(NAME, "precision", p, c.gold),
        Row::new(NAME, "recall", r, c.gold),
        Row::new(NAME, "f1", c.f1(), c.gold),
    ]
}
