//! Part of speech, lemma and dependency parse for every token, sentence by sentence,
//! from a [`SyntaxModel`] (by default the English model compiled into gazette-syntax).

use gazette_doc::{Doc, Layer, TokenSyntax};
use gazette_syntax::SyntaxModel;

use crate::{Component, ComponentError};

/// Tags, lemmatizes and parses each sentence.
pub struct SyntaxAnnotator {
    model: &'static SyntaxModel,
}

impl Default for SyntaxAnnotator {
    fn default() -> SyntaxAnnotator {
        SyntaxAnnotator {
            model: SyntaxModel::english(),
        }
    }
}

impl SyntaxAnnotator {
    /// An annotator using the accurate English model (voting parsers; see
    /// [`SyntaxModel::english_accurate`]).
    pub fn accurate() -> SyntaxAnnotator {
        SyntaxAnnotator {
            model: SyntaxModel::english_accurate(),
        }
    }

    /// An annotator using `model` (leaked once, as models live for the whole process).
    pub fn with_model(model: SyntaxModel) -> SyntaxAnnotator {
        SyntaxAnnotator {
            model: Box::leak(Box::new(model)),
        }
    }
}

impl Component for SyntaxAnnotator {
    fn name(&self) -> &'static str {
        "syntax"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Syntax]
    }
    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        let tokens = doc.tokens();
        let mut out: Vec<TokenSyntax> = Vec::with_capacity(tokens.len());
        let mut t = 0;
        for s in doc.sentences() {
            // Tokens are sorted and every token lies in a sentence (the splitter's contract);
            // a token outside any sentence would be a bug upstream, annotated as its own root.
            while t < tokens.len() && tokens[t].end <= s.start {
                out.push(alone(t, doc.slice(tokens[t].span())));
                t += 1;
            }
            let first = t;
            while t < tokens.len() && tokens[t].end <= s.end {
                t += 1;
            }
            let forms: Vec<&str> = tokens[first..t]
                .iter()
                .map(|tok| doc.slice(tok.span()))
                .collect();
            for a in self.model.analyze(&forms) {
                out.push(TokenSyntax {
                    pos: a.upos,
                    tag: a.xpos,
                    lemma: a.lemma,
                    head: first + a.head,
                    dep: a.deprel,
                });
            }
        }
        while t < tokens.len() {
            out.push(alone(t, doc.slice(tokens[t].span())));
            t += 1;
        }
        doc.set_syntax(out)?;
        Ok(())
    }
}

fn alone(i: usize, form: &str) -> TokenSyntax {
    TokenSyntax {
        pos: "X".into(),
        tag: "XX".into(),
        lemma: form.into(),
        head: i,
        dep: "root".into(),
    }
}
