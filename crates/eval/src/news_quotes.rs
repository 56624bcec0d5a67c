//! Quotes on news-like articles written for gazette (`crates/eval/data/news_quotes.txt`),
//! one for each case users meet: speaker after, before and inside the quote, split and
//! multi-paragraph quotes, a speaker named in the previous sentence, pronoun speakers,
//! "according to", "told reporters", "in a statement", a channel ("quoted ... as
//! saying") and mixed quotes. Scored with the PolNeAR protocol, plus channel accuracy.
//! `news_quotes_heldout.txt` was written in session 19 before gazette ran on it, and is
//! scored only (`news-quotes-heldout` rows).

use std::collections::BTreeMap;

use gazette_analyze::Pipeline;
use gazette_doc::QuoteKind;

use crate::Row;
use crate::polnear::{self, Attribution, GoldDoc, SpanJ};

/// Name of the rows.
pub const NAME: &str = "news-quotes";
/// Name of the held-out set's rows.
pub const HELD_OUT: &str = "news-quotes-heldout";

const GOLD: &str = include_str!("../data/news_quotes.txt");
const GOLD_HELD_OUT: &str = include_str!("../data/news_quotes_heldout.txt");

/// One article: the gold document and, per attribution, its channel spans.
pub struct Article {
    /// Text and attributions.
    pub doc: GoldDoc,
    /// Channel (via) spans by attribution index.
    pub via: BTreeMap<usize, Vec<(usize, usize)>>,
    /// The speaker's entity, by attribution index, where the gold names it.
    pub speaker: BTreeMap<usize, String>,
}

/// Parses the markup: `<q N>` content, `<s N>` source, `<s Nb>` another source mention
/// (a pronoun), `<s Nv>` the channel; `<s N=Name>` also names the entity the source is.
pub fn articles() -> Vec<Article> {
    articles_of(GOLD, NAME)
}

/// The articles of the held-out set.
pub fn held_out_articles() -> Vec<Article> {
    articles_of(GOLD_HELD_OUT, HELD_OUT)
}

fn articles_of(gold: &str, name: &str) -> Vec<Article> {
    let body: String = gold
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    body.split("\n---\n")
        .enumerate()
        .map(|(n, block)| {
            let mut text = String::new();
            let mut len = 0usize;
            let mut open: Vec<(char, String, usize)> = Vec::new();
            let mut content: BTreeMap<String, Vec<SpanJ>> = BTreeMap::new();
            let mut source: BTreeMap<String, Vec<SpanJ>> = BTreeMap::new();
            let mut via: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
            let mut named: BTreeMap<String, String> = BTreeMap::new();
            let mut rest = block.trim();
            while let Some(i) = rest.find('<') {
                let chunk = &rest[..i];
                text.push_str(chunk);
                len += chunk.chars().count();
                let close = rest[i..].find('>').map(|c| c + i).expect("tags are closed");
                let tag = &rest[i + 1..close];
                if let Some(kind) = tag.strip_prefix('/') {
                    let k = kind.chars().next().expect("a tag kind");
                    let pos = open
                        .iter()
                        .rposition(|(c, _, _)| *c == k)
                        .expect("a matching open tag");
                    let (_, id, start) = open.remove(pos);
                    match (k, id.chars().last()) {
                        ('q', _) => content
                            .entry(id)
                            .or_default()
                            .push(SpanJ { start, end: len }),
                        ('s', Some('v')) => via
                            .entry(id.trim_end_matches('v').to_string())
                            .or_default()
                            .push((start, len)),
                        ('s', _) => source
                            .entry(id.trim_end_matches('b').to_string())
                            .or_default()
                            .push(SpanJ { start, end: len }),
                        _ => {}
                    }
                } else {
                    let (k, id) = tag.split_once(' ').expect("<q N> or <s N>");
                    let id = match id.split_once('=') {
                        Some((id, name)) => {
                            named.insert(id.to_string(), name.to_string());
                            id
                        }
                        None => id,
                    };
                    open.push((k.chars().next().expect("a tag kind"), id.to_string(), len));
                }
                rest = &rest[close + 1..];
            }
            text.push_str(rest);
            let mut attributions = Vec::new();
            let mut via_by_index = BTreeMap::new();
            let mut speaker_by_index = BTreeMap::new();
            for (id, spans) in content {
                let chars: Vec<char> = text.chars().collect();
                let direct = spans.iter().any(|s| {
                    chars[s.start..s.end]
                        .iter()
                        .any(|c| matches!(c, '"' | '“' | '”'))
                });
                if let Some(v) = via.get(&id) {
                    via_by_index.insert(attributions.len(), v.clone());
                }
                if let Some(name) = named.remove(&id) {
                    speaker_by_index.insert(attributions.len(), name);
                }
                attributions.push(Attribution {
                    content: spans,
                    source: source.remove(&id).unwrap_or_default(),
                    cue: Vec::new(),
                    direct,
                });
            }
            Article {
                doc: GoldDoc {
                    doc_id: format!("{name}-{}", n + 1),
                    text,
                    canonical: true,
                    attributions,
                },
                via: via_by_index,
                speaker: speaker_by_index,
            }
        })
        .collect()
}

/// Quote and quote+speaker F1 at 0.3 and 0.8, and the share of matched quotes with a gold
/// channel whose predicted channel overlaps it.
pub fn rows(pipeline: &Pipeline) -> Vec<Row> {
    let mut rows = rows_of(NAME, &articles(), pipeline);
    rows.extend(rows_of(HELD_OUT, &held_out_articles(), pipeline));
    rows
}

fn rows_of(name: &str, arts: &[Article], pipeline: &Pipeline) -> Vec<Row> {
    // The set holds statements only: stances ("thanked the crews") are not scored here.
    let preds: Vec<Vec<polnear::Predicted>> = arts
        .iter()
        .map(|a| polnear::predict_kinds(pipeline, &a.doc, &[QuoteKind::Stance]))
        .collect();
    let mut rows = Vec::new();
    for (label, t) in [("0.3", 0.3), ("0.8", 0.8)] {
        let mut c = polnear::Counts::default();
        for (a, p) in arts.iter().zip(&preds) {
            polnear::add(&mut c, &a.doc, p, Some(t));
        }
        rows.push(Row::new(
            name,
            &format!("quote_f1@{label}"),
            polnear::f1(c.tp, c.pred, c.gold),
            c.gold,
        ));
        rows.push(Row::new(
            name,
            &format!("quote_speaker_f1@{label}"),
            polnear::f1(c.tp_speaker, c.pred, c.gold),
            c.gold,
        ));
    }
    // A prediction overlapping the gold content: it must name the channel, and resolve its
    // speaker to the gold entity (a pronoun or a surname to the full name).
    fn found<'p>(
        p: &'p [polnear::Predicted],
        a: &Article,
        i: usize,
    ) -> Option<&'p polnear::Predicted> {
        let g = &a.doc.attributions[i].content;
        p.iter().find(|q| {
            g.iter()
                .any(|s| q.content.iter().any(|&(qs, qe)| qs < s.end && s.start < qe))
        })
    }
    let (mut with_via, mut right_via) = (0usize, 0usize);
    let (mut with_name, mut right_name) = (0usize, 0usize);
    for (a, p) in arts.iter().zip(&preds) {
        for (i, spans) in &a.via {
            with_via += 1;
            if found(p, a, *i)
                .and_then(|q| q.via)
                .is_some_and(|(vs, ve)| spans.iter().any(|&(s, e)| vs < e && s < ve))
            {
                right_via += 1;
            }
        }
        for (i, name) in &a.speaker {
            with_name += 1;
            if found(p, a, *i).and_then(|q| q.speaker_name.as_deref()) == Some(name.as_str()) {
                right_name += 1;
            }
        }
    }
    let share = |right: usize, all: usize| {
        if all > 0 {
            right as f64 / all as f64
        } else {
            0.0
        }
    };
    rows.push(Row::new(
        name,
        "via_accuracy",
        share(right_via, with_via),
        with_via,
    ));
    rows.push(Row::new(
        name,
        "speaker_entity_accuracy",
        share(right_name, with_name),
        with_name,
    ));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_spans() {
        let arts = articles();
        assert_eq!(arts.len(), 7);
        let a = &arts[0].doc;
        let span = |s: &SpanJ| {
            a.text
                .chars()
                .skip(s.start)
                .take(s.end - s.start)
                .collect::<String>()
        };
        assert_eq!(
            span(&a.attributions[0].source[0]),
            "Transport Minister Eva de Wit"
        );
        assert!(span(&a.attributions[0].content[0]).starts_with("\"The expansion"));
        // The split quote has two content parts; the multi-source one its pronoun too.
        assert_eq!(a.attributions[3].content.len(), 2);
        let c = &arts[2];
        assert_eq!(c.via.get(&0).map(Vec::len), Some(1));
        assert!(!a.text.contains('<'));
    }

    #[test]
    fn the_held_out_set_parses_into_its_attributions() {
        let arts = held_out_articles();
        assert_eq!(arts.len(), 3);
        let count: usize = arts.iter().map(|a| a.doc.attributions.len()).sum();
        assert_eq!(count, 16);
        // Two channels, and the four speakers named as entities.
        assert_eq!(arts.iter().map(|a| a.via.len()).sum::<usize>(), 2);
        assert_eq!(arts.iter().map(|a| a.speaker.len()).sum::<usize>(), 4);
        assert!(arts.iter().all(|a| a.doc.doc_id.starts_with(HELD_OUT)));
        assert!(arts.iter().all(|a| !a.doc.text.contains('<')));
    }
}
