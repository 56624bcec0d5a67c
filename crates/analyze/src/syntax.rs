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
            // A dateline ("PORTLAND, Maine (Wire) -") is parsed apart from the sentence it
            // opens, and hangs on that sentence's root: parsed together, the place becomes
            // the subject or swallows the first clause.
            let split = dateline_len(&forms);
            let main = self.model.analyze(&forms[split..]);
            let main_root =
                first + split + main.iter().position(|a| a.deprel == "root").unwrap_or(0);
            if split > 0 {
                for a in self.model.analyze(&forms[..split]) {
                    let root = a.deprel == "root";
                    out.push(TokenSyntax {
                        pos: a.upos,
                        tag: a.xpos,
                        lemma: a.lemma,
                        head: if root { main_root } else { first + a.head },
                        dep: if root { "dep".into() } else { a.deprel },
                    });
                }
            }
            for a in main {
                out.push(TokenSyntax {
                    pos: a.upos,
                    tag: a.xpos,
                    lemma: a.lemma,
                    head: first + split + a.head,
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

/// The number of words of a dateline opening the sentence, its dash included, or 0: a
/// place in capitals ("NEW YORK"), maybe a region or country after a comma ("PORTLAND,
/// Maine"), maybe an agency in brackets ("(Reuters)"), then a dash and more words.
pub(crate) fn dateline_len(forms: &[&str]) -> usize {
    let capitals = |w: &str| {
        w.chars().count() >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '-' || c == '\'')
            && w.chars().any(char::is_alphabetic)
    };
    let capitalized = |w: &str| w.starts_with(char::is_uppercase) || w == "of";
    let mut i = 0;
    while i < forms.len() && i < 4 && capitals(forms[i]) {
        i += 1;
    }
    if i == 0 {
        return 0;
    }
    if forms.get(i) == Some(&",") {
        let region = forms[i + 1..]
            .iter()
            .take_while(|w| capitalized(w))
            .count()
            .min(3);
        if region == 0 {
            return 0;
        }
        i += 1 + region;
        // A date after the place: "LOS ANGELES, Sept. 28 (UPI) --".
        if forms
            .get(i)
            .is_some_and(|w| w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()))
        {
            i += 1;
        }
    }
    if forms.get(i) == Some(&"(") {
        match forms[i..].iter().take(6).position(|w| *w == ")") {
            Some(close) => i += close + 1,
            None => return 0,
        }
    }
    // Hyphens, dashes, and the horizontal bar some outlets write ("WASHINGTON \u{2015} ...").
    let dash = matches!(
        forms.get(i),
        Some(&("-" | "--" | "\u{2014}" | "\u{2013}" | "\u{2015}"))
    );
    if dash && forms.len() > i + 2 {
        i + 1
    } else {
        0
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

#[cfg(test)]
mod tests {
    use super::dateline_len;

    #[test]
    fn datelines_are_found_before_their_dash() {
        let len = |s: &str| dateline_len(&s.split(' ').collect::<Vec<_>>());
        assert_eq!(len("VILNIUS - The leaders met ."), 2);
        assert_eq!(len("PORTLAND , Maine - About 40,000 homes lost power ."), 4);
        assert_eq!(len("NEW YORK ( Northern Wire ) \u{2014} Stocks rose ."), 7);
        assert_eq!(len("SOCHI , Russia ( Reuters ) - It rained ."), 7);
        assert_eq!(len("LOS ANGELES , Sept. 28 ( UPI ) -- Blige sang ."), 9);
        assert_eq!(len("WASHINGTON \u{2015} Lawmakers met ."), 2);
        // Not datelines: a capitalized subject, an acronym in a sentence, a dash at the end.
        assert_eq!(len("NATO said on Monday that it would act ."), 0);
        assert_eq!(len("The EU - and Norway - agreed ."), 0);
        assert_eq!(len("US - UK"), 0);
    }
}
