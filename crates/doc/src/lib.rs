/*!
The gazette `Doc`: the text of one article, its metadata, and span layers over the text.

A [`Doc`] owns the article `text` and one vector per layer: [`Sentence`]s, [`Token`]s,
[`Entity`]s, [`Timex`]es, [`Quote`]s and [`Event`]s. Every span carries `start..end`
**character offsets** (Unicode scalar values, end exclusive) into the text, so that
Python (`text[start:end]`) and JavaScript users with a code-point-aware slice can use
them directly. Cross-references between layers are indices (a token's `head` is an
index into `tokens`), never pointers.

Invariants, checked by the layer setters and by deserialization:

* every span lies within the text (`start < end <= char_len`, or `start <= end`
  for mentions), so slicing never fails;
* sentences, tokens, entities and timexes are sorted and do not overlap;
* a token's `head` is a valid token index;
* [`Doc::has`] tells a layer that ran and found nothing apart from a layer that never ran.

The JSON form ([`Doc::to_json`], [`Doc::from_json`]) is the public wire format,
documented by `docs/doc.schema.json`; it round-trips losslessly.

```
use gazette_doc::{Doc, Meta, Token, Layer};

let mut doc = Doc::new("Putin met Assad.".to_string(), Meta::default());
doc.set_tokens(vec![Token::new(0, 5), Token::new(6, 9), Token::new(10, 15), Token::new(15, 16)]).unwrap();
assert!(doc.has(Layer::Tokens));
assert_eq!(doc.slice(doc.tokens()[2].span()), "Assad");
let back = Doc::from_json(&doc.to_json()).unwrap();
assert_eq!(back, doc);
```
*/
#![deny(missing_docs)]

mod doc;
mod json;
mod layers;
mod meta;
mod offsets;

pub use doc::{Doc, LayerError};
pub use json::JsonError;
pub use layers::{
    Entity, EntityLabel, Event, Layer, Mention, Quote, QuoteKind, Sentence, Span, Timex, TimexType,
    Token, TokenSyntax,
};
pub use meta::{Meta, Published};
pub use offsets::CharIndex;

/// Version of the Doc JSON format written by this crate (the `"version"` field).
pub const FORMAT_VERSION: u32 = 1;
