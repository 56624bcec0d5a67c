//! The [`Doc`] itself and the validation of its layers.

use std::collections::BTreeSet;

use crate::layers::{
    Entity, Event, Layer, Mention, Quote, Sentence, Span, Timex, Token, TokenSyntax,
};
use crate::meta::Meta;
use crate::offsets::CharIndex;

/// One article: text, metadata and span layers. See the crate docs for the invariants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// Metadata: title, byline, published date, URL, language, site.
    pub meta: Meta,
    text: String,
    index: CharIndex,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    entities: Vec<Entity>,
    timexes: Vec<Timex>,
    quotes: Vec<Quote>,
    events: Vec<Event>,
    done: BTreeSet<Layer>,
}

/// A layer that breaks a Doc invariant; names the layer and the offending item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{layer} item {item}: {problem}")]
pub struct LayerError {
    /// The layer being set.
    pub layer: Layer,
    /// Index of the offending item in that layer.
    pub item: usize,
    /// What is wrong with it.
    pub problem: String,
}

impl Doc {
    /// A Doc over `text` with no layers yet.
    pub fn new(text: String, meta: Meta) -> Doc {
        let index = CharIndex::new(&text);
        Doc {
            meta,
            text,
            index,
            tokens: Vec::new(),
            sentences: Vec::new(),
            entities: Vec::new(),
            timexes: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            done: BTreeSet::new(),
        }
    }

    /// The article text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Length of the text in chars (the upper bound of every offset).
    pub fn char_len(&self) -> usize {
        self.index.char_len()
    }

    /// The text covered by a char span. Panics if the span is out of bounds.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[self.index.char_to_byte(span.start)..self.index.char_to_byte(span.end)]
    }

    /// Char offset of a byte offset into [`Doc::text`].
    pub fn byte_to_char(&self, b: usize) -> usize {
        self.index.byte_to_char(b)
    }

    /// Byte offset into [`Doc::text`] of a char offset.
    pub fn char_to_byte(&self, c: usize) -> usize {
        self.index.char_to_byte(c)
    }

    /// Whether `layer` has been produced (possibly empty).
    pub fn has(&self, layer: Layer) -> bool {
        self.done.contains(&layer)
    }

    /// The layers produced so far, in [`Layer`] order.
    pub fn layers(&self) -> impl Iterator<Item = Layer> + '_ {
        self.done.iter().copied()
    }

    /// Tokens, in text order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Sentences, in text order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// Entity mentions, in text order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Temporal expressions, in text order.
    pub fn timexes(&self) -> &[Timex] {
        &self.timexes
    }

    /// Quotes, ordered by start.
    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }

    /// Events, ordered by trigger start.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Sets the token layer: non-empty, in bounds, sorted, not overlapping; heads valid.
    pub fn set_tokens(&mut self, tokens: Vec<Token>) -> Result<(), LayerError> {
        self.check_sequence(Layer::Tokens, tokens.iter().map(Token::span))?;
        for (i, t) in tokens.iter().enumerate() {
            if let Some(h) = t.head {
                if h >= tokens.len() {
                    return Err(err(
                        Layer::Tokens,
                        i,
                        format!("head {h} is not a token index"),
                    ));
                }
            }
        }
        self.tokens = tokens;
        self.done.insert(Layer::Tokens);
        Ok(())
    }

    /// Adds part of speech, lemma and dependency annotation to every token. `syntax`
    /// has one entry per token; heads must be token indices within the token's own
    /// sentence (when sentences are set), a root being its own head.
    pub fn set_syntax(&mut self, syntax: Vec<TokenSyntax>) -> Result<(), LayerError> {
        if syntax.len() != self.tokens.len() {
            return Err(err(
                Layer::Syntax,
                0,
                format!(
                    "{} annotations for {} tokens",
                    syntax.len(),
                    self.tokens.len()
                ),
            ));
        }
        // Sentence index of each token, to check that heads stay inside their sentence.
        let mut sentence_of = vec![usize::MAX; self.tokens.len()];
        let mut si = 0;
        for (i, t) in self.tokens.iter().enumerate() {
            while si < self.sentences.len() && self.sentences[si].end <= t.start {
                si += 1;
            }
            if si < self.sentences.len() && self.sentences[si].start <= t.start {
                sentence_of[i] = si;
            }
        }
        for (i, s) in syntax.iter().enumerate() {
            if s.head >= self.tokens.len() {
                return Err(err(
                    Layer::Syntax,
                    i,
                    format!("head {} is not a token index", s.head),
                ));
            }
            if !self.sentences.is_empty() && sentence_of[i] != sentence_of[s.head] {
                return Err(err(
                    Layer::Syntax,
                    i,
                    format!("head {} lies in another sentence", s.head),
                ));
            }
        }
        for (t, s) in self.tokens.iter_mut().zip(syntax) {
            t.pos = Some(s.pos);
            t.tag = Some(s.tag);
            t.lemma = Some(s.lemma);
            t.head = Some(s.head);
            t.dep = Some(s.dep);
        }
        self.done.insert(Layer::Syntax);
        Ok(())
    }

    /// Sets the sentence layer: non-empty, in bounds, sorted, not overlapping.
    pub fn set_sentences(&mut self, sentences: Vec<Sentence>) -> Result<(), LayerError> {
        self.check_sequence(Layer::Sentences, sentences.iter().map(Sentence::span))?;
        self.sentences = sentences;
        self.done.insert(Layer::Sentences);
        Ok(())
    }

    /// Sets the entity layer: non-empty, in bounds, sorted, not overlapping.
    pub fn set_entities(&mut self, entities: Vec<Entity>) -> Result<(), LayerError> {
        self.check_sequence(Layer::Entities, entities.iter().map(Entity::span))?;
        self.entities = entities;
        self.done.insert(Layer::Entities);
        Ok(())
    }

    /// Sets the timex layer: non-empty, in bounds, sorted, not overlapping.
    pub fn set_timexes(&mut self, timexes: Vec<Timex>) -> Result<(), LayerError> {
        self.check_sequence(Layer::Timexes, timexes.iter().map(Timex::span))?;
        self.timexes = timexes;
        self.done.insert(Layer::Timexes);
        Ok(())
    }

    /// Sets the quote layer: contents non-empty, in bounds, ordered by start (quotes may
    /// nest); speaker and channel mentions in bounds.
    pub fn set_quotes(&mut self, quotes: Vec<Quote>) -> Result<(), LayerError> {
        for (i, q) in quotes.iter().enumerate() {
            self.check_span(Layer::Quotes, i, q.span())?;
            self.check_mention(Layer::Quotes, i, q.speaker.as_ref())?;
            self.check_mention(Layer::Quotes, i, q.via.as_ref())?;
            if let Some(cue) = q.cue {
                self.check_span(Layer::Quotes, i, cue)?;
            }
        }
        check_ordered(Layer::Quotes, quotes.iter().map(Quote::span))?;
        self.quotes = quotes;
        self.done.insert(Layer::Quotes);
        Ok(())
    }

    /// Sets the event layer: triggers non-empty, in bounds, ordered by start; actor
    /// mentions in bounds.
    pub fn set_events(&mut self, events: Vec<Event>) -> Result<(), LayerError> {
        for (i, e) in events.iter().enumerate() {
            self.check_span(Layer::Events, i, e.span())?;
            self.check_mention(Layer::Events, i, e.source.as_ref())?;
            self.check_mention(Layer::Events, i, e.target.as_ref())?;
        }
        check_ordered(Layer::Events, events.iter().map(Event::span))?;
        self.events = events;
        self.done.insert(Layer::Events);
        Ok(())
    }

    fn check_span(&self, layer: Layer, item: usize, s: Span) -> Result<(), LayerError> {
        if s.start >= s.end {
            return Err(err(
                layer,
                item,
                format!("empty span {}..{}", s.start, s.end),
            ));
        }
        if s.end > self.char_len() {
            return Err(err(
                layer,
                item,
                format!(
                    "span {}..{} ends beyond the text ({} chars)",
                    s.start,
                    s.end,
                    self.char_len()
                ),
            ));
        }
        Ok(())
    }

    fn check_mention(
        &self,
        layer: Layer,
        item: usize,
        m: Option<&Mention>,
    ) -> Result<(), LayerError> {
        match m {
            Some(m) => self.check_span(layer, item, m.span()),
            None => Ok(()),
        }
    }

    fn check_sequence(
        &self,
        layer: Layer,
        spans: impl Iterator<Item = Span>,
    ) -> Result<(), LayerError> {
        let mut prev_end = 0;
        for (i, s) in spans.enumerate() {
            self.check_span(layer, i, s)?;
            if s.start < prev_end {
                return Err(err(
                    layer,
                    i,
                    format!(
                        "span {}..{} overlaps or precedes the previous one",
                        s.start, s.end
                    ),
                ));
            }
            prev_end = s.end;
        }
        Ok(())
    }
}

fn check_ordered(layer: Layer, spans: impl Iterator<Item = Span>) -> Result<(), LayerError> {
    let mut prev = 0;
    for (i, s) in spans.enumerate() {
        if s.start < prev {
            return Err(err(
                layer,
                i,
                format!("starts at {} before the previous item", s.start),
            ));
        }
        prev = s.start;
    }
    Ok(())
}

fn err(layer: Layer, item: usize, problem: String) -> LayerError {
    LayerError {
        layer,
        item,
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::{EntityLabel, QuoteKind};

    fn doc() -> Doc {
        Doc::new("“Putin met Assad,” SANA said.".to_string(), Meta::default())
    }

    #[test]
    fn slices_by_chars_not_bytes() {
        let d = doc();
        assert_eq!(d.slice(Span::new(1, 6)), "Putin");
        assert_eq!(d.byte_to_char(d.text().find("SANA").unwrap()), 19);
        assert_eq!(d.slice(Span::new(19, 23)), "SANA");
    }

    #[test]
    fn empty_layer_is_not_a_missing_layer() {
        let mut d = doc();
        assert!(!d.has(Layer::Entities));
        d.set_entities(Vec::new()).unwrap();
        assert!(d.has(Layer::Entities));
        assert!(d.entities().is_empty());
    }

    #[test]
    fn rejects_overlap_out_of_bounds_and_bad_heads() {
        let mut d = doc();
        let e = d
            .set_tokens(vec![Token::new(1, 6), Token::new(4, 9)])
            .unwrap_err();
        assert_eq!((e.layer, e.item), (Layer::Tokens, 1));
        let e = d.set_sentences(vec![Sentence::new(0, 400)]).unwrap_err();
        assert!(e.to_string().contains("beyond the text"), "{e}");
        let mut t = Token::new(1, 6);
        t.head = Some(3);
        assert!(d.set_tokens(vec![t]).is_err());
        let ent = Entity {
            start: 3,
            end: 3,
            label: EntityLabel::Per,
            entity_id: "x".into(),
            canonical: "x".into(),
        };
        assert!(d.set_entities(vec![ent]).is_err());
        // Nothing was set by the failed calls.
        assert!(!d.has(Layer::Tokens) && !d.has(Layer::Sentences) && !d.has(Layer::Entities));
    }

    #[test]
    fn syntax_heads_stay_in_their_sentence_and_roundtrip() {
        let mut d = Doc::new("Putin met. Assad left.".into(), Meta::default());
        d.set_tokens(vec![
            Token::new(0, 5),
            Token::new(6, 9),
            Token::new(9, 10),
            Token::new(11, 16),
            Token::new(17, 21),
            Token::new(21, 22),
        ])
        .unwrap();
        d.set_sentences(vec![Sentence::new(0, 10), Sentence::new(11, 22)])
            .unwrap();
        let syn = |head: usize, dep: &str| TokenSyntax {
            pos: "X".into(),
            tag: "X".into(),
            lemma: "x".into(),
            head,
            dep: dep.into(),
        };
        let mut good = vec![
            syn(1, "nsubj"),
            syn(1, "root"),
            syn(1, "punct"),
            syn(4, "nsubj"),
            syn(4, "root"),
            syn(4, "punct"),
        ];
        let mut crossing = good.clone();
        crossing[3].head = 1;
        let e = d.set_syntax(crossing).unwrap_err();
        assert_eq!((e.layer, e.item), (Layer::Syntax, 3));
        assert!(d.set_syntax(good[..5].to_vec()).is_err());
        good[0].lemma = "Putin".into();
        d.set_syntax(good).unwrap();
        assert!(d.has(Layer::Syntax));
        assert_eq!(d.tokens()[0].lemma.as_deref(), Some("Putin"));
        let back = Doc::from_json(&d.to_json()).unwrap();
        assert_eq!(back, d);
        // A Doc that says syntax ran must annotate every token.
        let mut json = d.to_json();
        json["tokens"][2].as_object_mut().unwrap().remove("dep");
        assert!(Doc::from_json(&json).is_err());
    }

    #[test]
    fn quotes_may_nest_but_mentions_must_be_in_bounds() {
        let mut d = doc();
        let speaker = Mention {
            start: 19,
            end: 23,
            canonical: None,
            entity_id: None,
        };
        let outer = Quote {
            start: 0,
            end: 18,
            kind: QuoteKind::Direct,
            speaker: Some(speaker.clone()),
            via: None,
            cue: Some(Span::new(24, 28)),
        };
        let inner = Quote {
            start: 1,
            end: 16,
            kind: QuoteKind::Direct,
            speaker: None,
            via: None,
            cue: None,
        };
        d.set_quotes(vec![outer.clone(), inner]).unwrap();
        let bad_cue = Quote {
            cue: Some(Span::new(24, 99)),
            ..outer.clone()
        };
        assert!(d.set_quotes(vec![bad_cue]).is_err());
        let bad = Quote {
            via: Some(Mention {
                start: 25,
                end: 99,
                ..speaker
            }),
            ..outer
        };
        assert!(d.set_quotes(vec![bad]).is_err());
    }
}
