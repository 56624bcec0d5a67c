//! Temporal expressions with TIMEX3 values, anchored at the publication date, weekday and
//! month names resolved by the tense of their sentence (from the syntax layer).

use gazette_doc::{Doc, Layer, Timex, TimexType as DocType};
use gazette_timex::{Tense, TimexTagger, TimexType, WEEKDAYS};

use crate::{Component, ComponentError};

/// Finds and normalizes temporal expressions.
pub struct TimexAnnotator {
    tagger: &'static TimexTagger,
}

impl Default for TimexAnnotator {
    fn default() -> TimexAnnotator {
        TimexAnnotator {
            tagger: TimexTagger::english(),
        }
    }
}

/// The tense of each sentence: future if it has a "will"/"shall" modal, past if it has a
/// past-tense verb, present otherwise.
fn sentence_tenses(doc: &Doc) -> Vec<(usize, usize, Tense)> {
    let tokens = doc.tokens();
    let mut out = Vec::with_capacity(doc.sentences().len());
    let mut t = 0;
    for s in doc.sentences() {
        let (mut future, mut past) = (false, false);
        while t < tokens.len() && tokens[t].start < s.end {
            let tok = &tokens[t];
            match tok.tag.as_deref() {
                Some("MD")
                    if matches!(tok.lemma.as_deref(), Some("will" | "shall" | "wo" | "'ll")) =>
                {
                    future = true
                }
                Some("VBD") => past = true,
                _ => {}
            }
            t += 1;
        }
        let tense = if future {
            Tense::Future
        } else if past {
            Tense::Past
        } else {
            Tense::Present
        };
        out.push((doc.char_to_byte(s.start), doc.char_to_byte(s.end), tense));
    }
    out
}

/// Words before a date that make it a deadline or a start, which lies ahead.
const DEADLINE: &[&str] = &[
    "by",
    "through",
    "until",
    "till",
    "effective",
    "payable",
    "due",
];

/// Verbs and adjectives whose infinitive complement happens later than they are said.
const PROSPECTIVE: &[&str] = &[
    "plan", "schedule", "expect", "intend", "prepare", "hope", "aim", "propose", "promise", "vow",
    "threaten", "slate", "due", "likely", "set",
];

/// Verbs that put what they govern on a later day.
const SCHEDULING: &[&str] = &[
    "schedule",
    "reschedule",
    "plan",
    "postpone",
    "delay",
    "defer",
    "adjourn",
    "slate",
];

/// The tense of the verb governing each token: follow the dependency heads up to a verb,
/// then look at it and its auxiliaries ("will meet" future, "met"/"has met" past). Tokens
/// with no governing verb take their sentence's tense.
fn token_tenses(doc: &Doc, sentences: &[(usize, usize, Tense)]) -> Vec<(usize, Tense)> {
    let tokens = doc.tokens();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); tokens.len()];
    for (i, t) in tokens.iter().enumerate() {
        if let Some(h) = t.head.filter(|&h| h != i) {
            children[h].push(i);
        }
    }
    let verb_tense = |v: usize| -> Option<Tense> {
        // Only the verb's own auxiliaries: a past-tense clause that hangs on it ("remove
        // him Thursday even if they continued ...") does not make it past.
        let aux = |pred: &dyn Fn(&gazette_doc::Token) -> bool| {
            children[v].iter().any(|&c| {
                matches!(tokens[c].dep.as_deref(), Some("aux" | "aux:pass" | "cop"))
                    && pred(&tokens[c])
            })
        };
        if aux(&|t| {
            t.tag.as_deref() == Some("MD")
                && matches!(
                    t.lemma.as_deref(),
                    Some("will" | "shall" | "wo" | "'ll" | "would")
                )
        }) {
            return Some(Tense::Future);
        }
        let tag = tokens[v].tag.as_deref();
        if tag == Some("VBD") || aux(&|t| t.tag.as_deref() == Some("VBD")) {
            return Some(Tense::Past);
        }
        if tag == Some("VBN") && aux(&|t| t.lemma.as_deref() == Some("have")) {
            return Some(Tense::Past);
        }
        // A participle without auxiliaries modifying a noun reports what was done ("the
        // decision, announced Wednesday", "a plan unveiled on Monday").
        if tag == Some("VBN")
            && tokens[v].dep.as_deref() == Some("acl")
            && !aux(&|t| matches!(t.dep.as_deref(), Some("aux" | "aux:pass")))
        {
            return Some(Tense::Past);
        }
        matches!(tag, Some("VBP" | "VBZ")).then_some(Tense::Present)
    };
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut at = i;
            let mut found = None;
            let mut infinitive = false;
            // Only a day's name: "expects to report third-quarter results" is about a
            // quarter that has ended.
            let weekday = || {
                WEEKDAYS
                    .iter()
                    .any(|d| doc.slice(t.span()).eq_ignore_ascii_case(d))
            };
            let lemma_in = |k: usize, words: &[&str]| {
                tokens[k]
                    .lemma
                    .as_deref()
                    .is_some_and(|l| words.contains(&l))
            };
            for _ in 0..6 {
                // What is planned, scheduled or expected to happen on a day lies ahead ("is
                // scheduled to close Monday", "planned to leave on Thursday").
                if infinitive
                    && matches!(tokens[at].pos.as_deref(), Some("VERB" | "ADJ"))
                    && lemma_in(at, PROSPECTIVE)
                    && weekday()
                {
                    found = Some(Tense::Future);
                    break;
                }
                infinitive |= tokens[at].tag.as_deref() == Some("VB");
                // A day something is scheduled for or put off until lies ahead, whatever the
                // tense of the scheduling ("has scheduled a news conference Thursday",
                // "postponed until Tuesday"). Not a day before the verb ("On Friday, the
                // government planned to ...": when it planned), nor a participle that
                // describes a noun ("a service planned for Saturday was canceled"), which
                // takes the tense of its sentence.
                if i > at
                    && tokens[at].pos.as_deref() == Some("VERB")
                    && tokens[at].dep.as_deref() != Some("acl")
                    && lemma_in(at, SCHEDULING)
                    && weekday()
                {
                    found = Some(Tense::Future);
                    break;
                }
                if matches!(tokens[at].pos.as_deref(), Some("VERB" | "AUX")) {
                    found = verb_tense(at);
                    if found.is_some() {
                        break;
                    }
                }
                match tokens[at].head {
                    Some(h) if h != at => at = h,
                    _ => break,
                }
            }
            let b = doc.char_to_byte(t.start);
            // (Sentences are in text order: a binary search, not a scan per token.)
            let sentence = sentences
                .get(sentences.partition_point(|(_, e, _)| *e <= b))
                .filter(|(s, _, _)| *s <= b)
                .map_or(Tense::Present, |s| s.2);
            // "Putin said the summit on Thursday will ...": a past reporting verb over a
            // sentence that speaks of the future reports a future event. Not a day that
            // hangs on the reporting verb itself: "was announced Wednesday, they will appeal"
            // tells when it was announced.
            let reporting = tokens[i].head != Some(at)
                && matches!(
                    tokens[at].lemma.as_deref(),
                    Some(
                        "say"
                            | "tell"
                            | "add"
                            | "announce"
                            | "report"
                            | "state"
                            | "quote"
                            | "confirm"
                    )
                );
            let tense = match found {
                Some(Tense::Past) if reporting && sentence == Tense::Future => Tense::Future,
                Some(t) => t,
                None => sentence,
            };
            // A deadline or a start ("by February", "through January", "effective Feb. 1",
            // "payable Dec. 15") lies ahead, whatever the tense of the report around it. Not
            // a day's name: "had until Thursday" in a past report is a day that has passed.
            let ahead = i > 0
                && DEADLINE
                    .iter()
                    .any(|w| doc.slice(tokens[i - 1].span()).eq_ignore_ascii_case(w))
                && !weekday();
            let tense = if ahead { Tense::Future } else { tense };
            (b, tense)
        })
        .collect()
}

impl Component for TimexAnnotator {
    fn name(&self) -> &'static str {
        "timex"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Syntax]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Timexes]
    }
    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        let sentences = sentence_tenses(doc);
        let tokens = token_tenses(doc, &sentences);
        // The tense at a byte offset: that of the token starting there (or the last before it).
        let tense_at = |b: usize| match tokens.binary_search_by_key(&b, |t| t.0) {
            Ok(i) => tokens[i].1,
            Err(0) => Tense::Present,
            Err(i) => tokens[i - 1].1,
        };
        let found = match doc.meta.published.map(|p| p.date()) {
            Some(anchor) => self.tagger.tag(doc.text(), anchor, &tense_at),
            // Without a publication date, relative values keep what is known ("XXXX-XX-XXTEV").
            None => self.tagger.tag_undated(doc.text(), &tense_at),
        };
        let timexes = found
            .into_iter()
            .map(|f| Timex {
                start: doc.byte_to_char(f.start),
                end: doc.byte_to_char(f.end),
                kind: match f.kind {
                    TimexType::Date => DocType::Date,
                    TimexType::Time => DocType::Time,
                    TimexType::Duration => DocType::Duration,
                    TimexType::Set => DocType::Set,
                },
                value: f.value,
                modifier: f.modifier,
                zone: f.zone,
            })
            .collect();
        doc.set_timexes(timexes)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use gazette_doc::{Doc, Meta, Published};

    /// The values the whole pipeline gives, anchored at Thursday 1989-11-02.
    fn values(text: &str) -> Vec<(String, String)> {
        let meta = Meta {
            published: Some(Published::Date(
                chrono::NaiveDate::from_ymd_opt(1989, 11, 2).unwrap(),
            )),
            ..Meta::default()
        };
        let mut doc = Doc::new(text.into(), meta);
        crate::Pipeline::english().run(&mut doc).unwrap();
        doc.timexes()
            .iter()
            .map(|t| (doc.slice(t.span()).to_string(), t.value.clone()))
            .collect()
    }

    #[test]
    fn planned_days_lie_ahead_and_past_days_behind() {
        let v = values("The sale is scheduled to close Monday. Talks ended Monday.");
        assert_eq!(v[0], ("Monday".to_string(), "1989-11-06".to_string()));
        assert_eq!(v[1], ("Monday".to_string(), "1989-10-30".to_string()));
        // What was planned is still ahead; a quarter in an expected report is not.
        let v = values(
            "The group planned to leave on Saturday. It expects to report a third-quarter loss.",
        );
        assert_eq!(v[0].1, "1989-11-04");
        assert_eq!(v[1].1, "1989-Q3");
        let v = values("The talks, which stalled in June, were set to resume Monday.");
        assert_eq!(v[1], ("Monday".to_string(), "1989-11-06".to_string()));
        // "Would" speaks of what lies ahead of the report.
        let v = values("He said the father would travel to Washington on Saturday.");
        assert_eq!(v[0].1, "1989-11-04");
    }

    #[test]
    fn scheduled_and_put_off_days_lie_ahead_whatever_the_tense() {
        // Anchored at Thursday 1989-11-02.
        let v = values("The prosecutor has scheduled a news conference Monday to announce it.");
        assert_eq!(v[0], ("Monday".to_string(), "1989-11-06".to_string()));
        let v = values("Officials postponed until Tuesday any action on the permit.");
        assert_eq!(v[0], ("Tuesday".to_string(), "1989-11-07".to_string()));
        // A past clause hanging on the planned act is not its auxiliary.
        let v = values(
            "They did not plan to remove him on Saturday even if his relatives refused to comply.",
        );
        assert_eq!(v[0], ("Saturday".to_string(), "1989-11-04".to_string()));
        // When the planning happened, and a planned event that a past report says is off.
        let v = values("On Tuesday, the government planned to pay the first claims.");
        assert_eq!(v[0], ("Tuesday".to_string(), "1989-10-31".to_string()));
        let v = values("A memorial service planned for Saturday was canceled.");
        assert_eq!(v[0], ("Saturday".to_string(), "1989-10-28".to_string()));
    }

    #[test]
    fn a_participle_reports_what_was_done() {
        // Anchored at Thursday 1989-11-02: the decision was announced on the Wednesday
        // before, though the sentence speaks of an appeal to come.
        let v =
            values("They said they would appeal the decision, announced Wednesday by the agency.");
        assert_eq!(v[0], ("Wednesday".to_string(), "1989-11-01".to_string()));
        // A day that hangs on the reporting verb tells when it was reported, even in a
        // sentence that goes on about the future.
        let v = values(
            "Since the decision was announced Wednesday, they have said they will appeal it.",
        );
        assert_eq!(v[0], ("Wednesday".to_string(), "1989-11-01".to_string()));
    }

    #[test]
    fn deadlines_and_starts_lie_ahead_in_a_past_report() {
        // Anchored at 1989-11-02: a past-tense report of what is due by a month.
        let v = values(
            "The lenders extended the loans through January. The firm said it had agreed to pay the debt by February.",
        );
        assert_eq!(v[0], ("January".to_string(), "1990-01".to_string()));
        assert_eq!(v[1], ("February".to_string(), "1990-02".to_string()));
        let v = values("The board created a new office, effective Feb. 1.");
        assert_eq!(v[0].1, "1990-02-01");
        // Without such a word the past tense still points back; a day's name is left to
        // the tense ("had until Monday" was a day that had passed).
        let v = values("The firm bought the plant in February. He had until Monday to decide.");
        assert_eq!(v[0].1, "1989-02");
        assert_eq!(v[1].1, "1989-10-30");
    }
}
