//! The span layers of a [`crate::Doc`]. Each struct holds char offsets and its own payload;
//! the covered text is not stored (it is sliced from the Doc when serialized).

use std::fmt;

use serde::{Deserialize, Serialize};

/// The layers a pipeline can add to a Doc, in the order they are usually produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// Word and punctuation tokens.
    Tokens,
    /// Sentence boundaries.
    Sentences,
    /// Token annotations: part of speech, lemma, dependency head and relation.
    Syntax,
    /// Named entities with their linked identity.
    Entities,
    /// Temporal expressions with TIMEX3 values.
    Timexes,
    /// Attributed statements.
    Quotes,
    /// Coded events.
    Events,
}

impl Layer {
    /// Every layer, in production order.
    pub const ALL: [Layer; 7] = [
        Layer::Tokens,
        Layer::Sentences,
        Layer::Syntax,
        Layer::Entities,
        Layer::Timexes,
        Layer::Quotes,
        Layer::Events,
    ];

    /// The layer's name as used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Tokens => "tokens",
            Layer::Sentences => "sentences",
            Layer::Syntax => "syntax",
            Layer::Entities => "entities",
            Layer::Timexes => "timexes",
            Layer::Quotes => "quotes",
            Layer::Events => "events",
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A half-open range of char offsets, `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (char offsets).
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Number of chars covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no char.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies within this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// One sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
}

impl Sentence {
    /// A sentence over `start..end`.
    pub fn new(start: usize, end: usize) -> Sentence {
        Sentence { start, end }
    }

    /// Its char span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// One token, with the syntactic annotations a tagger and parser add (empty until they run).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Token {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Universal POS tag (UPOS).
    pub pos: Option<String>,
    /// Language-specific tag (Penn Treebank XPOS for English).
    pub tag: Option<String>,
    /// Lemma.
    pub lemma: Option<String>,
    /// Index in the Doc's token array of the syntactic head; a root is its own head.
    pub head: Option<usize>,
    /// Universal Dependencies relation to the head.
    pub dep: Option<String>,
}

impl Token {
    /// A bare token over `start..end`.
    pub fn new(start: usize, end: usize) -> Token {
        Token {
            start,
            end,
            ..Token::default()
        }
    }

    /// Its char span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The syntactic annotation of one token, as set by [`crate::Doc::set_syntax`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSyntax {
    /// Universal POS tag.
    pub pos: String,
    /// Penn Treebank tag.
    pub tag: String,
    /// Lemma.
    pub lemma: String,
    /// Index of the head token in the Doc's tokens; a root is its own head.
    pub head: usize,
    /// Universal Dependencies relation (`root` for a root).
    pub dep: String,
}

/// Coarse entity type, as in CoNLL-2003.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityLabel {
    /// Person.
    #[serde(rename = "PER")]
    Per,
    /// Organization.
    #[serde(rename = "ORG")]
    Org,
    /// Location (places, countries, regions).
    #[serde(rename = "LOC")]
    Loc,
    /// Anything else named (nationalities, events, works).
    #[serde(rename = "MISC")]
    Misc,
}

/// One entity mention, linked to its canonical entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Coarse type.
    pub label: EntityLabel,
    /// Stable identity of the entity across documents.
    pub entity_id: String,
    /// Canonical name of the entity ("Vladimir Putin" for the mention "Putin").
    pub canonical: String,
}

impl Entity {
    /// Its char span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period ("October 2015", "yesterday").
    Date,
    /// A time of day ("yesterday evening", "4:49 PM").
    Time,
    /// A length of time ("four hours").
    Duration,
    /// A recurrence ("every year").
    Set,
}

/// One temporal expression with its normalized TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value, e.g. `2017-11-20TEV`, `PT4H`, `PAST_REF`.
    pub value: String,
    /// TIMEX3 `mod` (START, END, APPROX, ...), when there is one.
    pub modifier: Option<String>,
    /// For a clock time whose zone the text names ("0600 GMT", "4 a.m. EDT"): the zone's
    /// offset from UTC on that date, `+00:00` or `-04:00`. The value itself stays in the
    /// clock time as written, as TIMEX3 values do.
    pub zone: Option<String>,
}

impl Timex {
    /// Its char span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A mention that takes part in a quote or event (speaker, channel, actor), resolved to
/// the entity it refers to when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// First char of the mention in the text (it may be a pronoun such as "he").
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Canonical name of the entity referred to.
    pub canonical: Option<String>,
    /// Identity of the entity referred to.
    pub entity_id: Option<String>,
}

impl Mention {
    /// Its char span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// How a statement is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Verbatim, inside quotation marks.
    Direct,
    /// Paraphrased ("he said that ...").
    Indirect,
    /// Partly verbatim.
    Mixed,
    /// A position or act attributed to someone, not their words: "rejected the offer",
    /// "agreed to reopen the crossing" (PolNeAR annotates these as attributions too).
    Stance,
}

/// One attributed statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// First char of the content.
    pub start: usize,
    /// One past the last char of the content.
    pub end: usize,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// Who made the statement.
    pub speaker: Option<Mention>,
    /// The channel that reports it ("SANA quoted Putin" → via SANA).
    pub via: Option<Mention>,
    /// The words that attribute it ("said", "according to"), when a rule found them; the
    /// pieces of one statement (a quotation split by "he said", a quotation going on in
    /// the next sentence) share their cue.
    pub cue: Option<Span>,
}

impl Quote {
    /// Its char span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// One coded event: who did what to whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// First char of the trigger (usually the verb).
    pub start: usize,
    /// One past the last char of the trigger.
    pub end: usize,
    /// CAMEO code, e.g. `040`.
    pub code: String,
    /// PLOVER category, when mapped.
    pub plover: Option<String>,
    /// Who acts.
    pub source: Option<Mention>,
    /// Who is acted upon.
    pub target: Option<Mention>,
}

impl Event {
    /// Its char span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}
