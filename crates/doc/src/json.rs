//! The Doc's public JSON form (documented by `docs/doc.schema.json`).
//!
//! Core types stay free of wire concerns: this module converts a [`Doc`] to borrowed wire
//! structs (adding each span's `text`) and back, checking that every `text` matches its
//! offsets, so a hand-edited or foreign JSON cannot smuggle in inconsistent spans.

use serde::{Deserialize, Serialize};

use crate::FORMAT_VERSION;
use crate::doc::{Doc, LayerError};
use crate::layers::{
    Entity, EntityLabel, Event, Layer, Mention, Quote, QuoteKind, Sentence, Span, Timex, TimexType,
    Token, TokenSyntax,
};
use crate::meta::{Meta, Published};

/// A JSON document that is not a valid Doc.
#[derive(Debug, thiserror::Error)]
pub enum JsonError {
    /// Not JSON, or not shaped like a Doc.
    #[error("not a gazette Doc: {0}")]
    Syntax(#[from] serde_json::Error),
    /// A layer breaks an invariant.
    #[error(transparent)]
    Layer(#[from] LayerError),
    /// A span's `text` differs from the text at its offsets.
    #[error(
        "{layer} item {item}: text {found:?} does not match offsets (text there is {expected:?})"
    )]
    TextMismatch {
        /// Layer of the span.
        layer: Layer,
        /// Index of the item.
        item: usize,
        /// The `text` field given.
        found: String,
        /// The text at the offsets.
        expected: String,
    },
    /// Written by a newer gazette.
    #[error("Doc format version {0} is newer than this gazette understands ({FORMAT_VERSION})")]
    Version(u32),
}

#[derive(Serialize, Deserialize)]
struct DocWire<'a> {
    version: u32,
    title: Option<String>,
    byline: Option<String>,
    published: Option<Published>,
    url: Option<String>,
    language: Option<String>,
    #[serde(default)]
    site: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dateline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    meta_sources: std::collections::BTreeMap<String, String>,
    text: String,
    /// The layers that ran (a layer may be present and empty because it ran and found nothing).
    #[serde(default)]
    layers: Vec<Layer>,
    sentences: Vec<SpanWire>,
    tokens: Vec<TokenWire>,
    #[serde(borrow)]
    entities: Vec<EntityWire<'a>>,
    #[serde(borrow)]
    timexes: Vec<TimexWire<'a>>,
    #[serde(borrow)]
    quotes: Vec<QuoteWire<'a>>,
    #[serde(borrow)]
    events: Vec<EventWire<'a>>,
}

#[derive(Serialize, Deserialize)]
struct SpanWire {
    start: usize,
    end: usize,
}

#[derive(Serialize, Deserialize)]
struct TokenWire {
    start: usize,
    end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pos: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lemma: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    head: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dep: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct EntityWire<'a> {
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
    start: usize,
    end: usize,
    label: EntityLabel,
    entity_id: String,
    canonical: String,
}

#[derive(Serialize, Deserialize)]
struct TimexWire<'a> {
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: TimexType,
    value: String,
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    modifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    zone: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct MentionWire<'a> {
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
    start: usize,
    end: usize,
    canonical: Option<String>,
    entity_id: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct QuoteWire<'a> {
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
    start: usize,
    end: usize,
    kind: QuoteKind,
    #[serde(borrow)]
    speaker: Option<MentionWire<'a>>,
    #[serde(borrow)]
    via: Option<MentionWire<'a>>,
    /// Absent in Docs written before session 16.
    #[serde(borrow, default)]
    cue: Option<CueWire<'a>>,
}

#[derive(Serialize, Deserialize)]
struct CueWire<'a> {
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
    start: usize,
    end: usize,
}

#[derive(Serialize, Deserialize)]
struct EventWire<'a> {
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
    start: usize,
    end: usize,
    code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    plover: Option<String>,
    #[serde(borrow)]
    source: Option<MentionWire<'a>>,
    #[serde(borrow)]
    target: Option<MentionWire<'a>>,
}

impl Doc {
    /// The Doc as a JSON value in the public format.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self.to_wire()).expect("a Doc always serializes")
    }

    /// Writes the Doc as compact JSON (one line, for JSONL).
    pub fn write_json(&self, out: &mut impl std::io::Write, pretty: bool) -> std::io::Result<()> {
        let wire = self.to_wire();
        if pretty {
            serde_json::to_writer_pretty(&mut *out, &wire)?;
        } else {
            serde_json::to_writer(&mut *out, &wire)?;
        }
        Ok(())
    }

    /// Reads a Doc from its JSON form, checking every invariant.
    pub fn from_json(value: &serde_json::Value) -> Result<Doc, JsonError> {
        let wire = DocWire::deserialize(value)?;
        Doc::from_wire(wire)
    }

    /// Reads a Doc from JSON text.
    pub fn from_json_str(s: &str) -> Result<Doc, JsonError> {
        let wire: DocWire = serde_json::from_str(s)?;
        Doc::from_wire(wire)
    }

    fn mention_wire(&self, m: &Mention) -> MentionWire<'_> {
        MentionWire {
            text: self.slice(m.span()).into(),
            start: m.start,
            end: m.end,
            canonical: m.canonical.clone(),
            entity_id: m.entity_id.clone(),
        }
    }

    fn to_wire(&self) -> DocWire<'_> {
        let m = &self.meta;
        DocWire {
            version: FORMAT_VERSION,
            title: m.title.clone(),
            byline: m.byline.clone(),
            published: m.published,
            url: m.url.clone(),
            language: m.language.clone(),
            site: m.site.clone(),
            dateline: m.dateline.clone(),
            description: m.description.clone(),
            meta_sources: m.sources.clone(),
            text: self.text().to_string(),
            layers: self.layers().collect(),
            sentences: self
                .sentences()
                .iter()
                .map(|s| SpanWire {
                    start: s.start,
                    end: s.end,
                })
                .collect(),
            tokens: self
                .tokens()
                .iter()
                .map(|t| TokenWire {
                    start: t.start,
                    end: t.end,
                    pos: t.pos.clone(),
                    tag: t.tag.clone(),
                    lemma: t.lemma.clone(),
                    head: t.head,
                    dep: t.dep.clone(),
                })
                .collect(),
            entities: self
                .entities()
                .iter()
                .map(|e| EntityWire {
                    text: self.slice(e.span()).into(),
                    start: e.start,
                    end: e.end,
                    label: e.label,
                    entity_id: e.entity_id.clone(),
                    canonical: e.canonical.clone(),
                })
                .collect(),
            timexes: self
                .timexes()
                .iter()
                .map(|t| TimexWire {
                    text: self.slice(t.span()).into(),
                    start: t.start,
                    end: t.end,
                    kind: t.kind,
                    value: t.value.clone(),
                    modifier: t.modifier.clone(),
                    zone: t.zone.clone(),
                })
                .collect(),
            quotes: self
                .quotes()
                .iter()
                .map(|q| QuoteWire {
                    text: self.slice(q.span()).into(),
                    start: q.start,
                    end: q.end,
                    kind: q.kind,
                    speaker: q.speaker.as_ref().map(|s| self.mention_wire(s)),
                    via: q.via.as_ref().map(|s| self.mention_wire(s)),
                    cue: q.cue.map(|c| CueWire {
                        text: self.slice(c).into(),
                        start: c.start,
                        end: c.end,
                    }),
                })
                .collect(),
            events: self
                .events()
                .iter()
                .map(|e| EventWire {
                    text: self.slice(e.span()).into(),
                    start: e.start,
                    end: e.end,
                    code: e.code.clone(),
                    plover: e.plover.clone(),
                    source: e.source.as_ref().map(|s| self.mention_wire(s)),
                    target: e.target.as_ref().map(|s| self.mention_wire(s)),
                })
                .collect(),
        }
    }

    fn from_wire(w: DocWire<'_>) -> Result<Doc, JsonError> {
        if w.version > FORMAT_VERSION {
            return Err(JsonError::Version(w.version));
        }
        let meta = Meta {
            title: w.title,
            byline: w.byline,
            published: w.published,
            url: w.url,
            language: w.language,
            site: w.site,
            dateline: w.dateline,
            description: w.description,
            sources: w.meta_sources,
        };
        let mut doc = Doc::new(w.text, meta);
        let ran = |l: Layer| w.layers.contains(&l);

        // Spans are checked for bounds by the setters before any text is compared, so
        // `check_text` only ever slices valid ranges.
        let tokens: Vec<Token> = w
            .tokens
            .into_iter()
            .map(|t| Token {
                start: t.start,
                end: t.end,
                pos: t.pos,
                tag: t.tag,
                lemma: t.lemma,
                head: t.head,
                dep: t.dep,
            })
            .collect();
        if ran(Layer::Tokens) || !tokens.is_empty() {
            doc.set_tokens(tokens)?;
        }
        let sentences: Vec<Sentence> = w
            .sentences
            .into_iter()
            .map(|s| Sentence::new(s.start, s.end))
            .collect();
        if ran(Layer::Sentences) || !sentences.is_empty() {
            doc.set_sentences(sentences)?;
        }
        if ran(Layer::Syntax) {
            let mut syntax = Vec::with_capacity(doc.tokens().len());
            for (i, t) in doc.tokens().iter().enumerate() {
                let missing = || LayerError {
                    layer: Layer::Syntax,
                    item: i,
                    problem: "token lacks pos, tag, lemma, head or dep".into(),
                };
                syntax.push(TokenSyntax {
                    pos: t.pos.clone().ok_or_else(missing)?,
                    tag: t.tag.clone().ok_or_else(missing)?,
                    lemma: t.lemma.clone().ok_or_else(missing)?,
                    head: t.head.ok_or_else(missing)?,
                    dep: t.dep.clone().ok_or_else(missing)?,
                });
            }
            doc.set_syntax(syntax)?;
        }

        let entities: Vec<Entity> = w
            .entities
            .iter()
            .map(|e| Entity {
                start: e.start,
                end: e.end,
                label: e.label,
                entity_id: e.entity_id.clone(),
                canonical: e.canonical.clone(),
            })
            .collect();
        if ran(Layer::Entities) || !entities.is_empty() {
            doc.set_entities(entities)?;
            for (i, e) in w.entities.iter().enumerate() {
                doc.check_text(Layer::Entities, i, Span::new(e.start, e.end), &e.text)?;
            }
        }

        let timexes: Vec<Timex> = w
            .timexes
            .iter()
            .map(|t| Timex {
                start: t.start,
                end: t.end,
                kind: t.kind,
                value: t.value.clone(),
                modifier: t.modifier.clone(),
                zone: t.zone.clone(),
            })
            .collect();
        if ran(Layer::Timexes) || !timexes.is_empty() {
            doc.set_timexes(timexes)?;
            for (i, t) in w.timexes.iter().enumerate() {
                doc.check_text(Layer::Timexes, i, Span::new(t.start, t.end), &t.text)?;
            }
        }

        let quotes: Vec<Quote> = w
            .quotes
            .iter()
            .map(|q| Quote {
                start: q.start,
                end: q.end,
                kind: q.kind,
                speaker: q.speaker.as_ref().map(mention),
                via: q.via.as_ref().map(mention),
                cue: q.cue.as_ref().map(|c| Span::new(c.start, c.end)),
            })
            .collect();
        if ran(Layer::Quotes) || !quotes.is_empty() {
            doc.set_quotes(quotes)?;
            for (i, q) in w.quotes.iter().enumerate() {
                doc.check_text(Layer::Quotes, i, Span::new(q.start, q.end), &q.text)?;
                for m in [&q.speaker, &q.via].into_iter().flatten() {
                    doc.check_text(Layer::Quotes, i, Span::new(m.start, m.end), &m.text)?;
                }
                if let Some(c) = &q.cue {
                    doc.check_text(Layer::Quotes, i, Span::new(c.start, c.end), &c.text)?;
                }
            }
        }

        let events: Vec<Event> = w
            .events
            .iter()
            .map(|e| Event {
                start: e.start,
                end: e.end,
                code: e.code.clone(),
                plover: e.plover.clone(),
                source: e.source.as_ref().map(mention),
                target: e.target.as_ref().map(mention),
            })
            .collect();
        if ran(Layer::Events) || !events.is_empty() {
            doc.set_events(events)?;
            for (i, e) in w.events.iter().enumerate() {
                doc.check_text(Layer::Events, i, Span::new(e.start, e.end), &e.text)?;
            }
        }
        Ok(doc)
    }

    fn check_text(
        &self,
        layer: Layer,
        item: usize,
        span: Span,
        found: &str,
    ) -> Result<(), JsonError> {
        let expected = self.slice(span);
        if expected != found {
            return Err(JsonError::TextMismatch {
                layer,
                item,
                found: found.into(),
                expected: expected.into(),
            });
        }
        Ok(())
    }
}

fn mention(m: &MentionWire<'_>) -> Mention {
    Mention {
        start: m.start,
        end: m.end,
        canonical: m.canonical.clone(),
        entity_id: m.entity_id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rich_doc() -> Doc {
        let text = "“It must be admitted,” Peskov said at 4 p.m. GMT on Tuesday. Putin agreed.";
        let mut meta = Meta::default();
        meta.offer_title("Peskov speaks", "first line");
        meta.offer_published("2017-11-21".parse().unwrap(), "--published");
        let mut doc = Doc::new(text.to_string(), meta);
        let c = |s: &str| {
            let b = text.find(s).unwrap();
            let start = text[..b].chars().count();
            (start, start + s.chars().count())
        };
        let (ps, pe) = c("Peskov");
        let (ss, se) = c("said");
        let (cs, ce) = c("4 p.m. GMT");
        let (ts, te) = c("Tuesday");
        let (us, ue) = c("Putin");
        let mut tok = Token::new(ps, pe);
        tok.head = Some(0);
        tok.dep = Some("root".into());
        doc.set_tokens(vec![tok]).unwrap();
        doc.set_sentences(vec![
            Sentence::new(0, 46),
            Sentence::new(47, text.chars().count()),
        ])
        .unwrap();
        doc.set_entities(vec![
            Entity {
                start: ps,
                end: pe,
                label: EntityLabel::Per,
                entity_id: "per:dmitry-peskov".into(),
                canonical: "Dmitry Peskov".into(),
            },
            Entity {
                start: us,
                end: ue,
                label: EntityLabel::Per,
                entity_id: "per:vladimir-putin".into(),
                canonical: "Vladimir Putin".into(),
            },
        ])
        .unwrap();
        doc.set_timexes(vec![
            Timex {
                start: cs,
                end: ce,
                kind: TimexType::Time,
                value: "2017-11-21T16:00".into(),
                modifier: None,
                zone: Some("+00:00".into()),
            },
            Timex {
                start: ts,
                end: te,
                kind: TimexType::Date,
                value: "2017-11-21".into(),
                modifier: None,
                zone: None,
            },
        ])
        .unwrap();
        let speaker = Mention {
            start: ps,
            end: pe,
            canonical: Some("Dmitry Peskov".into()),
            entity_id: Some("per:dmitry-peskov".into()),
        };
        doc.set_quotes(vec![Quote {
            start: 1,
            end: 20,
            kind: QuoteKind::Direct,
            speaker: Some(speaker),
            via: None,
            cue: Some(Span::new(ss, se)),
        }])
        .unwrap();
        doc.set_events(Vec::new()).unwrap();
        doc
    }

    #[test]
    fn json_roundtrip_is_lossless() {
        let doc = rich_doc();
        let json = doc.to_json();
        assert_eq!(json["entities"][0]["text"], "Peskov");
        assert_eq!(json["quotes"][0]["text"], "It must be admitted");
        assert_eq!(json["quotes"][0]["speaker"]["text"], "Peskov");
        assert_eq!(json["quotes"][0]["cue"]["text"], "said");
        assert_eq!(json["timexes"][0]["type"], "TIME");
        assert_eq!(json["timexes"][0]["zone"], "+00:00");
        assert_eq!(json["timexes"][1]["type"], "DATE");
        assert!(json["timexes"][1].get("zone").is_none());
        let back = Doc::from_json(&json).unwrap();
        assert_eq!(back, doc);
        // Through text too, and compact.
        let mut buf = Vec::new();
        doc.write_json(&mut buf, false).unwrap();
        assert!(!buf.contains(&b'\n'));
        assert_eq!(
            Doc::from_json_str(std::str::from_utf8(&buf).unwrap()).unwrap(),
            doc
        );
    }

    #[test]
    fn mismatched_span_text_is_refused() {
        let mut json = rich_doc().to_json();
        json["entities"][1]["text"] = "Assad".into();
        let e = Doc::from_json(&json).unwrap_err();
        assert!(
            matches!(
                e,
                JsonError::TextMismatch {
                    layer: Layer::Entities,
                    item: 1,
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn out_of_bounds_and_future_versions_are_refused() {
        let mut json = rich_doc().to_json();
        json["sentences"][1]["end"] = 1000.into();
        assert!(matches!(
            Doc::from_json(&json).unwrap_err(),
            JsonError::Layer(_)
        ));
        let mut json = rich_doc().to_json();
        json["version"] = 99.into();
        assert!(matches!(
            Doc::from_json(&json).unwrap_err(),
            JsonError::Version(99)
        ));
    }

    #[test]
    fn layers_that_did_not_run_stay_unrun() {
        let doc = Doc::new("Nothing here.".into(), Meta::default());
        let back = Doc::from_json(&doc.to_json()).unwrap();
        assert!(Layer::ALL.iter().all(|l| !back.has(*l)));
    }
}
