//! Sentence splitting on news-like English: small gold sets written for gazette with
//! headlines, bylines, datelines, abbreviations, initials, quotes, decimals and URLs,
//! scored as exact sentence spans. `crates/eval/data/news_sentences.txt` is the
//! development set (the splitter was fixed on it); `news_sentences_heldout.txt` was
//! written later and is only scored (`news-sentences-heldout` rows).

use gazette_analyze::Pipeline;
use gazette_doc::{Doc, Meta};

use crate::Row;
use crate::ud::Counts;

/// Name of the development set's rows.
pub const NAME: &str = "news-sentences";
/// Name of the held-out set's rows.
pub const HELD_OUT: &str = "news-sentences-heldout";

const GOLD: &str = include_str!("../data/news_sentences.txt");
const GOLD_HELD_OUT: &str = include_str!("../data/news_sentences_heldout.txt");

/// The development set's text and its sentence spans (char offsets).
pub fn gold() -> (String, Vec<(usize, usize)>) {
    parse(GOLD)
}

/// The held-out set's text and its sentence spans.
pub fn gold_held_out() -> (String, Vec<(usize, usize)>) {
    parse(GOLD_HELD_OUT)
}

fn parse(source: &str) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut new_paragraph = false;
    for line in source.lines() {
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

/// Precision, recall and F1 of the pipeline's sentences against each gold set.
pub fn rows(pipeline: &Pipeline) -> Vec<Row> {
    let mut rows = scored(NAME, gold(), pipeline);
    rows.extend(scored(HELD_OUT, gold_held_out(), pipeline));
    rows
}

fn scored(
    name: &str,
    (text, gold): (String, Vec<(usize, usize)>),
    pipeline: &Pipeline,
) -> Vec<Row> {
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
        Row::new(name, "precision", p, c.gold),
        Row::new(name, "recall", r, c.gold),
        Row::new(name, "f1", c.f1(), c.gold),
    ]
}
