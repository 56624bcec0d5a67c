//! TempEval-3 Task A: temporal expression extents, types and values, scored as
//! `shared/tools/score_timex.py` does (UzZaman et al. 2013): strict and relaxed extent
//! P/R/F1 with a greedy one-to-one alignment (exact spans first, then by overlap), type
//! and value accuracy over relaxed matches, attribute F1 = accuracy × relaxed F1.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use gazette_analyze::Pipeline;
use gazette_doc::{Doc, Meta, Published};
use regex::Regex;

use crate::{EvalError, Outcome, Progress, Row};

/// Name of the row.
pub const NAME: &str = "tempeval3";
/// Where the data lives under the data directory.
pub const DIR: &str = "timex/tempeval3";

/// One timex: char span, type and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// TIMEX3 type.
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// One TimeML document: id, creation time, the text of `<TEXT>` and its timexes.
#[derive(Debug, Clone)]
pub struct TimeMl {
    /// `<DOCID>`.
    pub id: String,
    /// The DCT value.
    pub dct: Option<String>,
    /// Plain text of `<TEXT>` (tags removed, entities decoded).
    pub text: String,
    /// Timexes inside `<TEXT>`.
    pub timexes: Vec<Span>,
}

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<(/?)([A-Za-z0-9_]+)([^>]*)>").expect("tag pattern"));
static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')"#)
        .expect("attr pattern")
});

fn attrs(s: &str) -> BTreeMap<String, String> {
    ATTR.captures_iter(s)
        .map(|c| {
            (
                c[1].to_string(),
                html_escape::decode_html_entities(c.get(2).or(c.get(3)).map_or("", |m| m.as_str()))
                    .into_owned(),
            )
        })
        .collect()
}

/// Reads a TimeML file.
pub fn read_timeml(path: &Path) -> Result<TimeMl, EvalError> {
    let raw = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    let between = |open: &str, close: &str| -> Option<&str> {
        let s = raw.find(open)? + open.len();
        let e = raw[s..].find(close)? + s;
        Some(&raw[s..e])
    };
    let id = between("<DOCID>", "</DOCID>")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| {
            path.file_name()
                .map(|f| {
                    f.to_string_lossy()
                        .split('.')
                        .next()
                        .unwrap_or("")
                        .to_string()
                })
                .unwrap_or_default()
        });
    let dct = between("<DCT>", "</DCT>").and_then(|d| attrs(d).get("value").cloned());
    let body = between("<TEXT>", "</TEXT>").ok_or_else(|| EvalError::Format {
        path: path.to_path_buf(),
        message: "no <TEXT>".into(),
    })?;
    // Strip the tags, decoding entities chunk by chunk, and keep TIMEX3 spans in chars.
    let mut text = String::new();
    let mut len = 0usize;
    let mut stack: Vec<(usize, BTreeMap<String, String>)> = Vec::new();
    let mut timexes = Vec::new();
    let mut pos = 0;
    for m in TAG.captures_iter(body) {
        let whole = m.get(0).expect("group 0");
        let chunk = html_escape::decode_html_entities(&body[pos..whole.start()]);
        len += chunk.chars().count();
        text.push_str(&chunk);
        pos = whole.end();
        if &m[2] != "TIMEX3" {
            continue;
        }
        if &m[1] == "/" {
            if let Some((start, a)) = stack.pop() {
                timexes.push((start, len, a));
            }
        } else if !m[3].trim_end().ends_with('/') {
            stack.push((len, attrs(&m[3])));
        }
    }
    text.push_str(&html_escape::decode_html_entities(&body[pos..]));
    let chars: Vec<char> = text.chars().collect();
    let timexes = timexes
        .into_iter()
        .filter_map(|(mut s, mut e, a)| {
            while s < e && chars[s].is_whitespace() {
                s += 1;
            }
            while e > s && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            (e > s).then(|| Span {
                start: s,
                end: e,
                kind: a.get("type").cloned().unwrap_or_default(),
                value: a.get("value").cloned().unwrap_or_default(),
            })
        })
        .collect();
    Ok(TimeMl {
        id,
        dct,
        text,
        timexes,
    })
}

/// Reads every TimeML file of a folder (recursively), by document id.
pub fn read_dir(dir: &Path) -> Result<BTreeMap<String, TimeMl>, EvalError> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| EvalError::io(&d, e))? {
            let path = entry.map_err(|e| EvalError::io(&d, e))?.path();
            let name = path.to_string_lossy().to_string();
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".tml") || name.ends_with(".TE3input") {
                let doc = read_timeml(&path)?;
                out.insert(doc.id.clone(), doc);
            }
        }
    }
    Ok(out)
}

/// Counts of one comparison.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold timexes.
    pub gold: usize,
    /// System timexes.
    pub system: usize,
    /// Relaxed (overlapping) one-to-one matches.
    pub relaxed: usize,
    /// Exact-span matches among them.
    pub strict: usize,
    /// Relaxed matches with the right type.
    pub kind: usize,
    /// Relaxed matches with the right value.
    pub value: usize,
}

fn align(gold: &[Span], system: &[Span]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let (mut used_g, mut used_s) = (vec![false; gold.len()], vec![false; system.len()]);
    for (i, g) in gold.iter().enumerate() {
        for (j, s) in system.iter().enumerate() {
            if !used_g[i] && !used_s[j] && g.start == s.start && g.end == s.end {
                pairs.push((i, j));
                used_g[i] = true;
                used_s[j] = true;
            }
        }
    }
    let mut cands = Vec::new();
    for (i, g) in gold.iter().enumerate().filter(|(i, _)| !used_g[*i]) {
        for (j, s) in system.iter().enumerate().filter(|(j, _)| !used_s[*j]) {
            let overlap = g.end.min(s.end) as i64 - g.start.max(s.start) as i64;
            if overlap > 0 {
                cands.push((-overlap, i, j));
            }
        }
    }
    cands.sort();
    for (_, i, j) in cands {
        if !used_g[i] && !used_s[j] {
            pairs.push((i, j));
            used_g[i] = true;
            used_s[j] = true;
        }
    }
    pairs
}

impl Counts {
    /// Adds one document.
    pub fn add(&mut self, gold: &[Span], system: &[Span]) {
        self.gold += gold.len();
        self.system += system.len();
        for (i, j) in align(gold, system) {
            let (g, s) = (&gold[i], &system[j]);
            self.relaxed += 1;
            self.strict += (g.start == s.start && g.end == s.end) as usize;
            self.kind += (g.kind == s.kind) as usize;
            self.value += (g.value == s.value) as usize;
        }
    }

    fn prf(&self, matches: usize) -> (f64, f64, f64) {
        crate::prf(matches, self.system, self.gold)
    }

    /// The scores as rows.
    pub fn rows(&self) -> Vec<Row> {
        let (sp, sr, sf) = self.prf(self.strict);
        let (rp, rr, rf) = self.prf(self.relaxed);
        let acc = |n: usize| {
            if self.relaxed > 0 {
                n as f64 / self.relaxed as f64
            } else {
                0.0
            }
        };
        [
            ("strict_p", sp),
            ("strict_r", sr),
            ("strict_f1", sf),
            ("relaxed_p", rp),
            ("relaxed_r", rr),
            ("relaxed_f1", rf),
            ("type_f1", acc(self.kind) * rf),
            ("value_f1", acc(self.value) * rf),
        ]
        .into_iter()
        .map(|(m, v)| Row::new(NAME, m, v, self.gold))
        .collect()
    }
}

/// gazette's timexes for one document: the pipeline on the text verbatim, anchored at the DCT.
pub fn predict(pipeline: &Pipeline, doc: &TimeMl) -> Vec<Span> {
    let meta = Meta {
        published: doc
            .dct
            .as_deref()
            .and_then(|d| d.get(..10))
            .and_then(|d| d.parse::<Published>().ok()),
        ..Meta::default()
    };
    let mut d = Doc::new(doc.text.clone(), meta);
    if pipeline.run(&mut d).is_err() {
        return Vec::new();
    }
    d.timexes()
        .iter()
        .map(|t| Span {
            start: t.start,
            end: t.end,
            kind: format!("{:?}", t.kind).to_uppercase(),
            value: t.value.clone(),
        })
        .collect()
}

/// Scores gazette on the gold documents of `gold_dir`, reading text and DCT from
/// `input_dir` when given (the test set's unannotated input), else from the gold files.
/// Returns the counts and the predictions by document.
pub fn evaluate(
    gold_dir: &Path,
    input_dir: Option<&Path>,
    progress: &Progress<'_>,
) -> Result<(Counts, BTreeMap<String, Vec<Span>>), EvalError> {
    let gold = read_dir(gold_dir)?;
    let inputs = match input_dir {
        Some(d) => read_dir(d)?,
        None => gold.clone(),
    };
    let pipeline = Pipeline::english();
    let mut counts = Counts::default();
    let mut predictions = BTreeMap::new();
    for (i, (id, g)) in gold.iter().enumerate() {
        let input = inputs.get(id).unwrap_or(g);
        let system = predict(&pipeline, input);
        counts.add(&g.timexes, &system);
        predictions.insert(id.clone(), system);
        progress(i + 1, gold.len());
    }
    Ok((counts, predictions))
}

/// The TE-3 platinum test row.
pub fn run(
    dir: &Path,
    predictions_dir: Option<&Path>,
    progress: &Progress<'_>,
) -> Result<Outcome, EvalError> {
    let (counts, predictions) = evaluate(
        &dir.join("test/gold"),
        Some(&dir.join("test/input")),
        progress,
    )?;
    if let Some(out) = predictions_dir {
        let path = out.join(format!("{NAME}.jsonl"));
        std::fs::create_dir_all(out).map_err(|e| EvalError::io(out, e))?;
        let mut lines = String::new();
        for (doc, spans) in &predictions {
            for s in spans {
                lines.push_str(&serde_json::json!({"doc": doc, "start": s.start, "end": s.end, "type": s.kind, "value": s.value}).to_string());
                lines.push('\n');
            }
        }
        std::fs::write(&path, lines).map_err(|e| EvalError::io(&path, e))?;
    }
    Ok(Outcome {
        rows: counts.rows(),
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, value: &str) -> Span {
        Span {
            start,
            end,
            kind: "DATE".into(),
            value: value.into(),
        }
    }

    #[test]
    fn exact_matches_first_then_largest_overlap() {
        let gold = [span(0, 10, "a"), span(20, 30, "b")];
        let system = [span(2, 8, "a"), span(0, 4, "x"), span(20, 30, "c")];
        let mut c = Counts::default();
        c.add(&gold, &system);
        assert_eq!(
            c,
            Counts {
                gold: 2,
                system: 3,
                relaxed: 2,
                strict: 1,
                kind: 2,
                value: 1
            }
        );
        let rows = c.rows();
        let get = |m: &str| rows.iter().find(|r| r.metric == m).unwrap().value;
        assert!((get("relaxed_f1") - 0.8).abs() < 1e-12);
        assert!((get("value_f1") - 0.4).abs() < 1e-12);
    }

    #[test]
    fn reads_inline_timeml() {
        let dir = std::env::temp_dir().join(format!("gazette-te3-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("d.tml");
        std::fs::write(
            &path,
            r#"<TimeML><DOCID>d1</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22">March 22</TIMEX3></DCT>
<TEXT>A &amp; B met <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday </TIMEX3>night.</TEXT></TimeML>"#,
        )
        .unwrap();
        let d = read_timeml(&path).unwrap();
        assert_eq!(d.id, "d1");
        assert_eq!(d.dct.as_deref(), Some("2013-03-22"));
        assert_eq!(d.text, "A & B met Thursday night.");
        assert_eq!(
            d.timexes,
            [Span {
                start: 10,
                end: 18,
                kind: "DATE".into(),
                value: "2013-03-21".into()
            }]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
