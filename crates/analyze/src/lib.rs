/*!
The analysis pipeline: [`Component`]s that each add one layer to a [`Doc`], and the
[`Pipeline`] that checks their order once and runs them.

A component declares the layers it `requires` and the layers it `assigns`;
[`Pipeline::new`] refuses an order in which a requirement is not assigned by an earlier
component, so a misconfigured pipeline fails when it is built, not on article 10,000.
[`Pipeline::run`] is the only place that calls [`Component::process`].

The pipeline holds no global state: build one per thread or share it (`Pipeline` is
`Send + Sync`), and run it on as many Docs as needed.

```
use gazette_analyze::Pipeline;
use gazette_doc::{Doc, Layer, Meta};

let pipeline = Pipeline::english();
let mut doc = Doc::new("Putin met Assad in Sochi. They talked for four hours.".into(), Meta::default());
pipeline.run(&mut doc).unwrap();
assert_eq!(doc.sentences().len(), 2);
assert!(doc.has(Layer::Tokens));
```
*/
#![deny(missing_docs)]

pub mod attribution;
mod entities;
mod quotes;
mod sentences;
mod syntax;
mod timexes;
mod tokens;

use gazette_doc::{Doc, Layer, LayerError};

pub use entities::EntityAnnotator;
pub use quotes::{CueLexicon, QuoteExtractor, cue_candidates, unrefined_quotes};
pub use sentences::SentenceSplitter;
pub use syntax::SyntaxAnnotator;
pub use timexes::TimexAnnotator;
pub use tokens::Tokenizer;

/// A pipeline step that adds one or more layers to a Doc.
///
/// Contract for implementers: `process` may read any layer named in `requires` (the
/// pipeline guarantees they are present) and must set every layer named in `assigns`
/// through the Doc's validating setters, even when it finds nothing (an empty layer).
/// It must not change the text, the metadata or other layers. On error, the Doc may
/// hold the layers set before the failure; the pipeline reports the error with the
/// component's name and stops processing that Doc.
///
/// Contract for callers: call components only through [`Pipeline::run`].
pub trait Component: Send + Sync {
    /// Short name, used in errors and in `gazette analyze --explain`.
    fn name(&self) -> &'static str;
    /// Layers that must be present before this component runs.
    fn requires(&self) -> &'static [Layer];
    /// Layers this component sets.
    fn assigns(&self) -> &'static [Layer];
    /// Adds this component's layers to one Doc.
    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError>;
}

/// A component failure.
#[derive(Debug, thiserror::Error)]
pub enum ComponentError {
    /// The component produced a layer that breaks a Doc invariant (a bug in it).
    #[error(transparent)]
    Layer(#[from] LayerError),
    /// Anything else.
    #[error("{0}")]
    Other(String),
}

/// An error while building or running a pipeline.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// A component needs a layer that no earlier component assigns.
    #[error("component {component} requires layer {layer}, which no earlier component assigns")]
    Unmet {
        /// The component.
        component: &'static str,
        /// The missing layer.
        layer: Layer,
    },
    /// A component failed on a Doc. The message holds the component's error, which is
    /// therefore not also given as the error's source (a chain printed whole, as
    /// `gazette analyze` does, would repeat it).
    #[error("component {component}: {error}")]
    Failed {
        /// The component.
        component: &'static str,
        /// Its error.
        error: ComponentError,
    },
}

/// An ordered, checked list of components.
pub struct Pipeline {
    components: Vec<Box<dyn Component>>,
}

impl Pipeline {
    /// Builds a pipeline, checking that every requirement is met by an earlier component.
    pub fn new(components: Vec<Box<dyn Component>>) -> Result<Pipeline, PipelineError> {
        let mut assigned: Vec<Layer> = Vec::new();
        for c in &components {
            if let Some(&layer) = c.requires().iter().find(|l| !assigned.contains(l)) {
                return Err(PipelineError::Unmet {
                    component: c.name(),
                    layer,
                });
            }
            assigned.extend_from_slice(c.assigns());
        }
        Ok(Pipeline { components })
    }

    /// The default English pipeline with every component that has landed.
    pub fn english() -> Pipeline {
        Pipeline::english_with(SyntaxAnnotator::default())
    }

    /// The English pipeline with the accurate (voting) parsers: better parses, so
    /// better quotes, at a fraction of the speed.
    pub fn english_accurate() -> Pipeline {
        Pipeline::english_with(SyntaxAnnotator::accurate())
    }

    fn english_with(syntax: SyntaxAnnotator) -> Pipeline {
        Pipeline::new(vec![
            Box::new(Tokenizer),
            Box::new(SentenceSplitter),
            Box::new(syntax),
            Box::new(EntityAnnotator::default()),
            Box::new(TimexAnnotator::default()),
            Box::new(QuoteExtractor),
        ])
        .expect("the default pipeline is well ordered")
    }

    /// The components, in order.
    pub fn components(&self) -> impl Iterator<Item = &dyn Component> {
        self.components.iter().map(|c| c.as_ref())
    }

    /// Runs every component on `doc`, in order; stops at the first failure.
    pub fn run(&self, doc: &mut Doc) -> Result<(), PipelineError> {
        for c in &self.components {
            c.process(doc).map_err(|error| PipelineError::Failed {
                component: c.name(),
                error,
            })?;
            debug_assert!(
                c.assigns().iter().all(|l| doc.has(*l)),
                "{} did not set all its layers",
                c.name()
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette_doc::Meta;

    struct NeedsEntities;
    impl Component for NeedsEntities {
        fn name(&self) -> &'static str {
            "needs-entities"
        }
        fn requires(&self) -> &'static [Layer] {
            &[Layer::Entities]
        }
        fn assigns(&self) -> &'static [Layer] {
            &[Layer::Quotes]
        }
        fn process(&self, _: &mut Doc) -> Result<(), ComponentError> {
            Err(ComponentError::Other("not reached".into()))
        }
    }

    struct Broken;
    impl Component for Broken {
        fn name(&self) -> &'static str {
            "broken"
        }
        fn requires(&self) -> &'static [Layer] {
            &[]
        }
        fn assigns(&self) -> &'static [Layer] {
            &[Layer::Sentences]
        }
        fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
            let past_end = doc.char_len() + 5;
            doc.set_sentences(vec![gazette_doc::Sentence::new(0, past_end)])?;
            Ok(())
        }
    }

    #[test]
    fn unmet_requirements_fail_at_construction() {
        let Err(e) = Pipeline::new(vec![Box::new(Tokenizer), Box::new(NeedsEntities)]) else {
            panic!("pipeline with an unmet requirement was built");
        };
        assert_eq!(
            e.to_string(),
            "component needs-entities requires layer entities, which no earlier component assigns"
        );
        assert!(Pipeline::new(vec![Box::new(SentenceSplitter)]).is_err());
    }

    #[test]
    fn component_errors_name_the_component() {
        let p = Pipeline::new(vec![Box::new(Broken)]).unwrap();
        let mut doc = Doc::new("Text.".into(), Meta::default());
        let e = p.run(&mut doc).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("component broken: sentences item 0"),
            "{e}"
        );
        // The chain, printed whole (as `gazette analyze` does), says it once.
        let mut chain = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            chain.push_str(&format!(": {s}"));
            source = s.source();
        }
        assert_eq!(chain.matches("sentences item 0").count(), 1, "{chain}");
    }

    proptest::proptest! {
        /// Runs of the words news attributions, names and times are made of: the layers are
        /// valid whatever their order (the quote layer once came out of order, and two
        /// temporal expressions once overlapped, each failing a whole article).
        #[test]
        fn news_words_in_any_order_get_valid_layers(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "\"", "“", "”", "'", " said", " says", " told", " he", " she", " it", " It",
                " Putin", " Vladimir", " Assad", " Bashar al-", " al", " Mr.", " President",
                " the Kremlin", " SANA", " Reuters", ",", ".", " —", " according to",
                " quoted", " as saying", " that", " added", " on Monday", " yesterday evening",
                " 3:00-5:30 p.m.", " in October 2015", " for four hours", "\n\n", " (AP) -",
                " MOSCOW", " spokesman", " Dmitry Peskov", " the", " meeting", " is",
                " was", " will", " talks", " Syria", " Russian", " who", " which", ":", "?",
                " and", " not", " asked", " for", "'s", " view", " (", ")",
                " Sen.", " Gwen Moore", " (D-Wis.)", " R-Ky.,", " WASHINGTON ―", " SOCHI, Russia",
                " Rep.", " Mrs.", " Clinton", " her", " his", " they", " we", " I", " you",
                " by", " BREAKING", " NEWS", " -", "…", " 2017", " Nov. 21", " 0600 GMT",
                " next week", " ago", " later", " every year", " now", " a", " statement",
                " in a statement", " wrote", " tweeted", " believes", " wants to", " urged",
                " called", " the ministry", " officials", " sources", " familiar with",
                "\n", " “", "” ", " ‘", "’", " »", " «", " ;", " the Russian leader",
                " de", " van", " Mr", " Dr.", " Jr.", " III", " U.S.", " U.N.",
                " PUTIN SAYS", " SYRIA", " the Syrian President", " Moscow", " Russia's",
                " Thursday's", " until Tuesday", " 4:49 PM", " four", " hours", " 19-Nov-12",
                " 2882015", " 1990s", " twice", " a week", " then", " since", " O'Brien",
                " al-Assad", " Abu", " bin", " the", " of", " Federation", " 99999", " e-mail",
                " https://example.org/a?b=1", " @user", " #tag", " 50%", " $3 billion",
            ]), 0..60),
            published in proptest::bool::ANY,
        ) {
            let text: String = words.concat();
            let mut meta = Meta::default();
            if published {
                meta.published = Some("2017-11-21".parse().unwrap());
            }
            let mut doc = Doc::new(text.clone(), meta);
            let run = Pipeline::english().run(&mut doc);
            proptest::prop_assert!(run.is_ok(), "{text:?}: {run:?}");
            // And the analysis survives its JSON.
            let back = Doc::from_json(&doc.to_json());
            proptest::prop_assert!(back.as_ref().is_ok_and(|b| *b == doc), "{text:?}: {back:?}");
        }

        #[test]
        fn any_text_gets_valid_layers_covering_every_word(text in "[A-Za-zÀ-ÿ“”‘’\"'.!?…,;:$0-9 \n—-]{0,200}") {
            let mut doc = Doc::new(text.clone(), Meta::default());
            Pipeline::english().run(&mut doc).unwrap();
            // Tokens cover every non-space char; sentences cover every token.
            let covered: usize = doc.tokens().iter().map(|t| t.end - t.start).sum();
            proptest::prop_assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count());
            for t in doc.tokens() {
                proptest::prop_assert!(doc.sentences().iter().any(|s| s.start <= t.start && t.end <= s.end));
            }
        }
    }

    #[test]
    fn pipeline_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Pipeline>();
    }
}
