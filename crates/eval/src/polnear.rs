//! PolNeAR attributions (political news): quote content and speaker, scored as
//! `shared/tools/score_quotes.py` does: content match over non-space characters at
//! thresholds 0.3 and 0.8 (min of gold and predicted coverage) and on normalised text
//! ("exact"), one-to-one greedy matching per document, and a speaker match on matched
//! pairs (span overlap, or shared content words of the speaker text or resolved name).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::LazyLock;

use gazette_analyze::Pipeline;
use gazette_doc::{Doc, Meta, QuoteKind};
use regex::Regex;
use serde::Deserialize;

use crate::{EvalError, Outcome, Progress, Row};

/// Name of the rows.
pub const NAME: &str = "polnear";
/// Where the data lives under the data directory.
pub const DIR: &str = "quotes/polnear";

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct SpanJ {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Attribution {
    #[serde(default)]
    pub(crate) content: Vec<SpanJ>,
    #[serde(default)]
    pub(crate) source: Vec<SpanJ>,
    #[serde(default)]
    pub(crate) cue: Vec<SpanJ>,
    #[serde(default)]
    pub(crate) direct: bool,
}

/// One gold document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    pub(crate) doc_id: String,
    pub(crate) text: String,
    #[serde(default = "yes")]
    pub(crate) canonical: bool,
    #[serde(default)]
    pub(crate) attributions: Vec<Attribution>,
}

fn yes() -> bool {
    true
}

impl GoldDoc {
    /// The document id.
    pub fn id(&self) -> &str {
        &self.doc_id
    }

    /// The document text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The content spans of each attribution that has content (char offsets).
    pub fn content_spans(&self) -> Vec<Vec<(usize, usize)>> {
        self.attribution_spans()
            .into_iter()
            .map(|(content, _)| content)
            .collect()
    }

    /// Each attribution's content and source spans (char offsets), for those with content.
    pub fn attribution_spans(&self) -> Vec<(Vec<(usize, usize)>, Vec<(usize, usize)>)> {
        self.attributions
            .iter()
            .filter(|a| !a.content.is_empty())
            .map(|a| {
                (
                    a.content.iter().map(|s| (s.start, s.end)).collect(),
                    a.source.iter().map(|s| (s.start, s.end)).collect(),
                )
            })
            .collect()
    }

    /// The cue spans of every attribution (char offsets).
    pub fn cue_spans(&self) -> Vec<(usize, usize)> {
        self.attributions
            .iter()
            .flat_map(|a| a.cue.iter().map(|s| (s.start, s.end)))
            .collect()
    }
}

/// One predicted attribution, in char offsets of the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicted {
    /// Content spans: one per quote fragment the speaker's mention introduces.
    pub content: Vec<(usize, usize)>,
    /// Speaker mention span.
    pub speaker: Option<(usize, usize)>,
    /// The entity the speaker resolves to.
    pub speaker_name: Option<String>,
    /// The channel mention span, when one relays the statement.
    pub via: Option<(usize, usize)>,
}

/// Reads a PolNeAR JSONL file (canonical annotations only, as the scorer's default).
pub fn read(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let mut docs = read_all(path)?;
    docs.retain(|d| d.canonical);
    Ok(docs)
}

/// Every annotation of a PolNeAR JSONL file, the other annotators' too.
fn read_all(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let raw = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        out.push(serde_json::from_str(line).map_err(|e| EvalError::Format {
            path: path.to_path_buf(),
            message: format!("line {}: {e}", i + 1),
        })?);
    }
    Ok(out)
}

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_'’]+").expect("word pattern"));
const STOP: &[&str] = &[
    "the", "a", "an", "of", "and", "'s", "’s", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr",
    "dr.", "said", "says", "told", "he", "she", "they", "it", "we", "i", "you", "his", "her",
    "their", "its",
];
const EDGE: &[char] = &[
    ' ', '\t', '\r', '\n', '"', '“', '”', '\'', '‘', '’', ',', '.', ';', ':', '!', '?', '-', '—',
    '–', '(', ')', '[', ']',
];

fn charset(spans: &[(usize, usize)], chars: &[char]) -> BTreeSet<usize> {
    spans
        .iter()
        .flat_map(|&(s, e)| s..e.min(chars.len()))
        .filter(|&i| !chars[i].is_whitespace())
        .collect()
}

fn norm_text(spans: &[(usize, usize)], chars: &[char]) -> String {
    let mut sorted = spans.to_vec();
    sorted.sort();
    let joined = sorted
        .iter()
        .map(|&(s, e)| {
            chars[s.min(chars.len())..e.min(chars.len())]
                .iter()
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let collapsed = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_matches(EDGE)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn toks(s: &str) -> BTreeSet<String> {
    WORD.find_iter(&s.to_lowercase())
        .map(|m| m.as_str().to_string())
        .filter(|t| !STOP.contains(&t.as_str()) && t.chars().count() > 1)
        .collect()
}

/// Counts at one threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold attributions.
    pub gold: usize,
    /// Predicted quotes.
    pub pred: usize,
    /// Matched pairs.
    pub tp: usize,
    /// Matched pairs with the right speaker.
    pub tp_speaker: usize,
    /// Gold direct attributions, and how many were matched.
    pub direct: (usize, usize),
    /// Gold indirect attributions, and how many were matched.
    pub indirect: (usize, usize),
}

/// F1 of `tp` matches among `pred` predictions and `gold` gold items.
pub fn f1(tp: usize, pred: usize, gold: usize) -> f64 {
    crate::prf(tp, pred, gold).2
}

/// Adds one document at `threshold` (`None` = exact text match).
pub fn add(counts: &mut Counts, gold: &GoldDoc, preds: &[Predicted], threshold: Option<f64>) {
    let chars: Vec<char> = gold.text.chars().collect();
    let atts: Vec<&Attribution> = gold
        .attributions
        .iter()
        .filter(|a| !a.content.is_empty())
        .collect();
    let gspans: Vec<Vec<(usize, usize)>> = atts
        .iter()
        .map(|a| {
            a.content
                .iter()
                .filter(|s| s.end > s.start)
                .map(|s| (s.start, s.end))
                .collect()
        })
        .collect();
    let g: Vec<BTreeSet<usize>> = gspans.iter().map(|s| charset(s, &chars)).collect();
    let p: Vec<BTreeSet<usize>> = preds.iter().map(|q| charset(&q.content, &chars)).collect();
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for (i, gi) in g.iter().enumerate() {
        for (j, pj) in p.iter().enumerate() {
            match threshold {
                None => {
                    if !gi.is_empty()
                        && norm_text(&gspans[i], &chars) == norm_text(&preds[j].content, &chars)
                    {
                        cands.push((1.0, i, j));
                    }
                }
                Some(t) => {
                    if gi.is_empty() || pj.is_empty() {
                        continue;
                    }
                    let inter = gi.intersection(pj).count();
                    if inter == 0 {
                        continue;
                    }
                    let sc = (inter as f64 / gi.len() as f64).min(inter as f64 / pj.len() as f64);
                    if sc >= t {
                        cands.push((sc, i, j));
                    }
                }
            }
        }
    }
    cands.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .expect("scores are finite")
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    let (mut ug, mut up) = (BTreeSet::new(), BTreeSet::new());
    let mut hit: BTreeMap<usize, bool> = BTreeMap::new();
    for (_, i, j) in cands {
        if ug.contains(&i) || up.contains(&j) {
            continue;
        }
        ug.insert(i);
        up.insert(j);
        hit.insert(i, speaker_ok(atts[i], &preds[j], &chars));
    }
    counts.gold += atts.len();
    counts.pred += preds.len();
    counts.tp += hit.len();
    counts.tp_speaker += hit.values().filter(|h| **h).count();
    for (i, a) in atts.iter().enumerate() {
        let slot = if a.direct {
            &mut counts.direct
        } else {
            &mut counts.indirect
        };
        slot.0 += 1;
        slot.1 += hit.contains_key(&i) as usize;
    }
}

fn speaker_ok(gold: &Attribution, pred: &Predicted, chars: &[char]) -> bool {
    let gs: Vec<(usize, usize)> = gold
        .source
        .iter()
        .filter(|s| s.end > s.start)
        .map(|s| (s.start, s.end))
        .collect();
    let ps: Vec<(usize, usize)> = pred.speaker.into_iter().filter(|s| s.1 > s.0).collect();
    let name = pred.speaker_name.clone().unwrap_or_default();
    if gs.is_empty() {
        return ps.is_empty() && name.trim().is_empty();
    }
    let gset = charset(&gs, chars);
    if !ps.is_empty() && !gset.is_disjoint(&charset(&ps, chars)) {
        return true;
    }
    let text = |sp: &[(usize, usize)]| {
        sp.iter()
            .map(|&(s, e)| chars[s..e.min(chars.len())].iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let pname = format!("{} {}", text(&ps), name);
    !toks(&text(&gs)).is_disjoint(&toks(&pname))
}

/// A quote's content as PolNeAR marks contents: with the complementizer "that" or the
/// infinitive's "to" before it ("promised to resign") and the quotation marks around it (and
/// the comma or stop inside a closing mark). gazette's own content is what was said,
/// without them; this is only a change of span convention.
fn polnear_content(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let opening = |c: char| matches!(c, '"' | '\u{201c}' | '\u{2018}' | '\'');
    let closing = |c: char| matches!(c, '"' | '\u{201d}' | '\u{2019}' | '\'');
    let (mut s, mut e) = (start, end.min(chars.len()));
    if s > 0 && opening(chars[s - 1]) {
        s -= 1;
    }
    // "that" or "to" right before (past spaces), as a word of its own.
    let mut k = s;
    while k > 0 && chars[k - 1] == ' ' {
        k -= 1;
    }
    let word_before = |w: &str| {
        let n = w.len();
        k >= n
            && chars[k - n..k]
                .iter()
                .collect::<String>()
                .eq_ignore_ascii_case(w)
            && (k == n || !chars[k - n - 1].is_alphanumeric())
    };
    if let Some(w) = ["that", "to"].into_iter().find(|w| word_before(w)) {
        s = k - w.len();
    }
    // A closing mark, possibly after a comma or stop ("...,\u{201d}").
    let mut j = e;
    while j < chars.len() && j < e + 2 && matches!(chars[j], ',' | '.' | '!' | '?') {
        j += 1;
    }
    // Only a mark that closes one opened in the content (straight marks count as either).
    let opened = chars[s..e]
        .iter()
        .filter(|&&c| matches!(c, '\u{201c}' | '"'))
        .count();
    let closed = chars[s..e]
        .iter()
        .filter(|&&c| matches!(c, '\u{201d}' | '"'))
        .count();
    let straight = chars[s..e].iter().filter(|&&c| c == '"').count();
    let open = if straight > 0 {
        straight % 2 == 1
    } else {
        opened > closed
    };
    if j < chars.len() && closing(chars[j]) && open {
        e = j + 1;
    }
    (s, e)
}

/// gazette's quotes for one document, as PolNeAR's attributions.
///
/// PolNeAR's unit is the attribution: everything a source says through one cue, however
/// many fragments ("'X,' he said, 'Y.'", and the paragraphs of a long quote). gazette's
/// unit is the fragment; fragments in a row that name the same speaker mention (the one
/// the cue introduces, or the one a continued quote inherits) form one attribution.
pub fn predict(pipeline: &Pipeline, doc: &GoldDoc) -> Vec<Predicted> {
    predict_kinds(pipeline, doc, &[])
}

/// [`predict`] leaving out the quotes of the kinds in `skip`.
pub fn predict_kinds(pipeline: &Pipeline, doc: &GoldDoc, skip: &[QuoteKind]) -> Vec<Predicted> {
    let mut d = Doc::new(doc.text.clone(), Meta::default());
    if pipeline.run(&mut d).is_err() {
        return Vec::new();
    }
    let chars: Vec<char> = doc.text.chars().collect();
    let mut quotes: Vec<&gazette_doc::Quote> = d
        .quotes()
        .iter()
        .filter(|q| !skip.contains(&q.kind))
        .collect();
    quotes.sort_by_key(|q| (q.start, q.end));
    let mut out: Vec<Predicted> = Vec::new();
    // The cue of the last attribution: fragments through another cue are another
    // attribution, even by the same speaker ("X, he told the group, adding that Y").
    let mut last_cue = None;
    for q in quotes {
        let speaker = q.speaker.as_ref().map(|s| (s.start, s.end));
        let content = polnear_content(&chars, q.start, q.end);
        let same_cue = last_cue.zip(q.cue).is_none_or(|(a, b)| a == b);
        match out.last_mut() {
            Some(last) if speaker.is_some() && last.speaker == speaker && same_cue => {
                last.content.push(content);
                last_cue = q.cue.or(last_cue);
            }
            _ => {
                out.push(Predicted {
                    content: vec![content],
                    speaker,
                    speaker_name: q.speaker.as_ref().and_then(|s| s.canonical.clone()),
                    via: q.via.as_ref().map(|s| (s.start, s.end)),
                });
                last_cue = q.cue;
            }
        }
    }
    out
}

/// Scores gazette on a PolNeAR file; returns rows and the predictions (for the reference scorer).
pub fn evaluate(
    path: &Path,
    progress: &Progress<'_>,
) -> Result<(Vec<Row>, Vec<(String, Vec<Predicted>)>), EvalError> {
    evaluate_with(path, &Pipeline::english(), progress)
}

/// [`evaluate`] with another pipeline (the accurate parser's, say).
pub fn evaluate_with(
    path: &Path,
    pipeline: &Pipeline,
    progress: &Progress<'_>,
) -> Result<(Vec<Row>, Vec<(String, Vec<Predicted>)>), EvalError> {
    let gold = read(path)?;
    let mut predictions = Vec::new();
    for (i, d) in gold.iter().enumerate() {
        predictions.push((d.doc_id.clone(), predict(pipeline, d)));
        progress(i + 1, gold.len());
    }
    let mut rows = Vec::new();
    for (label, t) in [("0.3", Some(0.3)), ("0.8", Some(0.8)), ("exact", None)] {
        let mut c = Counts::default();
        for (d, (_, p)) in gold.iter().zip(&predictions) {
            add(&mut c, d, p, t);
        }
        rows.extend(f1_rows("", label, &c));
        if label == "0.3" {
            let (p, r, _) = crate::prf(c.tp, c.pred, c.gold);
            rows.push(Row::new(NAME, "quote_p@0.3", p, c.pred));
            rows.push(Row::new(NAME, "quote_r@0.3", r, c.gold));
            let r = |(n, k): (usize, usize)| if n > 0 { k as f64 / n as f64 } else { 0.0 };
            rows.push(Row::new(NAME, "recall_direct@0.3", r(c.direct), c.direct.0));
            rows.push(Row::new(
                NAME,
                "recall_indirect@0.3",
                r(c.indirect),
                c.indirect.0,
            ));
        }
    }
    Ok((rows, predictions))
}

/// How far PolNeAR's annotators agree with each other under this protocol: each extra
/// annotator's attributions of a multi-annotated document (`SPLIT_extra_annotators.jsonl`,
/// 94 annotations of 19 documents over the three splits) are scored as predictions against
/// the canonical annotator's, the source spans standing for the speaker. A system cannot be
/// expected to agree with the canonical annotator more than another trained annotator does.
/// Returns `None` when the data has no extra annotations.
pub fn agreement(dir: &Path) -> Result<Option<[Counts; 3]>, EvalError> {
    let mut counts = [Counts::default(); 3];
    let mut any = false;
    for split in ["train", "dev", "test"] {
        let extra = dir.join(format!("{split}_extra_annotators.jsonl"));
        if !extra.exists() {
            continue;
        }
        let canonical: BTreeMap<String, GoldDoc> = read(&dir.join(format!("{split}.jsonl")))?
            .into_iter()
            .map(|d| (d.doc_id.clone(), d))
            .collect();
        for other in read_all(&extra)? {
            let Some(gold) = canonical
                .get(&other.doc_id)
                .filter(|g| g.text == other.text)
            else {
                continue;
            };
            let chars: Vec<char> = other.text.chars().collect();
            let preds: Vec<Predicted> = other
                .attributions
                .iter()
                .filter(|a| !a.content.is_empty())
                .map(|a| Predicted {
                    content: a.content.iter().map(|s| (s.start, s.end)).collect(),
                    speaker: a.source.first().map(|s| (s.start, s.end)),
                    speaker_name: (a.source.len() > 1).then(|| {
                        a.source
                            .iter()
                            .map(|s| chars[s.start..s.end.min(chars.len())].iter().collect())
                            .collect::<Vec<String>>()
                            .join(" ")
                    }),
                    via: None,
                })
                .collect();
            for (c, t) in counts.iter_mut().zip([Some(0.3), Some(0.8), None]) {
                add(c, gold, &preds, t);
            }
            any = true;
        }
    }
    Ok(any.then_some(counts))
}

/// The quote and quote+speaker F1 rows of counts at one threshold (`label`), their
/// metric names after `prefix`.
fn f1_rows(prefix: &str, label: &str, c: &Counts) -> [Row; 2] {
    [
        Row::new(
            NAME,
            &format!("{prefix}quote_f1@{label}"),
            f1(c.tp, c.pred, c.gold),
            c.gold,
        ),
        Row::new(
            NAME,
            &format!("{prefix}quote_speaker_f1@{label}"),
            f1(c.tp_speaker, c.pred, c.gold),
            c.gold,
        ),
    ]
}

/// Predictions as the reference scorer reads them: one JSON line per document.
pub fn prediction_lines(predictions: &[(String, Vec<Predicted>)]) -> String {
    let mut lines = String::new();
    for (doc, quotes) in predictions {
        let qs: Vec<serde_json::Value> = quotes
            .iter()
            .map(|q| {
                serde_json::json!({
                    "content": q
                        .content
                        .iter()
                        .map(|c| serde_json::json!({"start": c.0, "end": c.1}))
                        .collect::<Vec<_>>(),
                    "speaker": q.speaker.map(|s| serde_json::json!({"start": s.0, "end": s.1})),
                    "speaker_name": q.speaker_name,
                })
            })
            .collect();
        lines.push_str(&serde_json::json!({"doc_id": doc, "quotes": qs}).to_string());
        lines.push('\n');
    }
    lines
}

/// The test rows; with `predictions_dir`, writes `polnear.jsonl` in the reference scorer's format.
pub fn run(
    dir: &Path,
    predictions_dir: Option<&Path>,
    progress: &Progress<'_>,
) -> Result<Outcome, EvalError> {
    let (mut rows, predictions) = evaluate(&dir.join("test.jsonl"), progress)?;
    // The same pipeline with the accurate (beam-search) parser: its two headline figures.
    let (accurate, _) = evaluate_with(
        &dir.join("test.jsonl"),
        &Pipeline::english_accurate(),
        progress,
    )?;
    rows.extend(
        accurate
            .into_iter()
            .filter(|r| matches!(r.metric.as_str(), "quote_f1@0.3" | "quote_speaker_f1@0.3"))
            .map(|r| Row::new(NAME, &format!("accurate_{}", r.metric), r.value, r.count)),
    );
    // The human ceiling beside the system's figures (see `agreement`).
    if let Some(human) = agreement(dir)? {
        for (c, label) in human.iter().zip(["0.3", "0.8", "exact"]) {
            rows.extend(f1_rows("annotators_", label, c));
        }
    }
    if let Some(out) = predictions_dir {
        std::fs::create_dir_all(out).map_err(|e| EvalError::io(out, e))?;
        let lines = prediction_lines(&predictions);
        let path = out.join(format!("{NAME}.jsonl"));
        std::fs::write(&path, lines).map_err(|e| EvalError::io(&path, e))?;
    }
    Ok(Outcome {
        rows,
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_take_polnear_s_that_to_and_quotation_marks() {
        let text = "He said that the plan failed. She said: \u{201c}We won,\u{201d} and left. They called it \u{201c}a sham\u{201d} today. He vowed to resign. Into the night.";
        let chars: Vec<char> = text.chars().collect();
        let find = |s: &str| {
            let b = text.find(s).unwrap();
            let start = text[..b].chars().count();
            (start, start + s.chars().count())
        };
        let span = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
        let (s, e) = find("the plan failed");
        assert_eq!(span(polnear_content(&chars, s, e)), "that the plan failed");
        let (s, e) = find("We won");
        assert_eq!(
            span(polnear_content(&chars, s, e)),
            "\u{201c}We won,\u{201d}"
        );
        // A mark is taken only where the content opened one.
        let (s, e) = find("it \u{201c}a sham");
        assert_eq!(
            span(polnear_content(&chars, s, e)),
            "it \u{201c}a sham\u{201d}"
        );
        let (s, e) = find("and left");
        assert_eq!(span(polnear_content(&chars, s, e)), "and left");
        let (s, e) = find("resign");
        assert_eq!(span(polnear_content(&chars, s, e)), "to resign");
        // "to" as a word of its own only.
        let (s, e) = find(" the night");
        assert_eq!(span(polnear_content(&chars, s + 1, e)), "the night");
    }

    #[test]
    fn fragments_through_one_speaker_mention_form_one_attribution() {
        // A quote continued in the next paragraph inherits its speaker: one attribution
        // with two content spans; the next speaker's statement is another.
        let text = "\u{201c}The bridge will close on Monday,\u{201d} Mayor Ana Ruiz said.\n\n\
                    \u{201c}It will stay closed until spring, and the ferry will run twice an hour.\u{201d}\n\n\
                    Council member John Doe said the decision came too late.";
        // The attributions predicted for a text, and the text of their contents.
        let predicted = |text: &str| {
            let doc = GoldDoc {
                doc_id: "d".into(),
                text: text.into(),
                canonical: true,
                attributions: Vec::new(),
            };
            let preds = predict(&Pipeline::english(), &doc);
            let chars: Vec<char> = text.chars().collect();
            let span = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
            let contents: Vec<Vec<String>> = preds
                .iter()
                .map(|p| p.content.iter().map(|&c| span(c)).collect())
                .collect();
            (preds, contents)
        };
        let (_, contents) = predicted(text);
        assert_eq!(contents.len(), 2, "{contents:?}");
        assert_eq!(contents[0].len(), 2, "{contents:?}");
        assert!(
            contents[0][0].contains("The bridge will close"),
            "{contents:?}"
        );
        assert!(contents[0][1].contains("until spring"), "{contents:?}");
        assert_eq!(contents[1].len(), 1, "{contents:?}");
        assert!(
            contents[1][0].contains("the decision came too late"),
            "{contents:?}"
        );
        // Another cue of the same speaker mention is another attribution.
        let (preds, contents) = predicted(
            "\u{201c}The bridge will close on Monday,\u{201d} Mayor Ana Ruiz told reporters, adding that the ferry would run twice an hour.",
        );
        assert_eq!(contents.len(), 2, "{contents:?}");
        assert!(contents[0][0].contains("The bridge"), "{contents:?}");
        assert!(
            contents[1][0].contains("the ferry would run"),
            "{contents:?}"
        );
        assert_eq!(preds[0].speaker, preds[1].speaker);
    }

    #[test]
    fn annotators_are_scored_against_the_canonical_one() {
        let text = "Smith said the plan failed. Jones said taxes rose. Lee thinks it rains.";
        let at = |s: &str| {
            let b = text.find(s).unwrap();
            serde_json::json!({"start": b, "end": b + s.len(), "text": s})
        };
        let attribution = |content: &str, source: &str| serde_json::json!({"content": [at(content)], "source": [at(source)], "cue": []});
        let dir = tempfile::tempdir().unwrap();
        let write = |file: &str, canonical: bool, atts: Vec<serde_json::Value>| {
            let doc = serde_json::json!({"doc_id": "d1", "canonical": canonical, "text": text,
                "attributions": atts});
            std::fs::write(dir.path().join(file), doc.to_string() + "\n").unwrap();
        };
        write(
            "dev.jsonl",
            true,
            vec![
                attribution("the plan failed", "Smith"),
                attribution("taxes rose", "Jones"),
            ],
        );
        // The other annotator agrees on the first, gives the second to another source, and
        // adds a third.
        write(
            "dev_extra_annotators.jsonl",
            false,
            vec![
                attribution("the plan failed", "Smith"),
                attribution("taxes rose", "Lee"),
                attribution("it rains", "Lee"),
            ],
        );
        let [at3, at8, exact] = agreement(dir.path()).unwrap().unwrap();
        for c in [at3, at8, exact] {
            assert_eq!((c.gold, c.pred, c.tp, c.tp_speaker), (2, 3, 2, 1), "{c:?}");
        }
        // Without extra annotations there is nothing to report.
        std::fs::remove_file(dir.path().join("dev_extra_annotators.jsonl")).unwrap();
        assert!(agreement(dir.path()).unwrap().is_none());
    }
}
