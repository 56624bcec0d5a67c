/*!
Syntax models trained by gazette: a part-of-speech tagger (UPOS + Penn XPOS), a
lemmatizer and a dependency parser (Universal Dependencies), all small, CPU-only and
trained from a UD treebank in a few minutes.

* [`tagger`]: greedy averaged perceptron over hashed features, with a tag dictionary.
* [`lemma`]: lemma table from the treebank plus suffix rewrite rules learned from it.
* [`parser`]: transition-based arc-hybrid parser, averaged perceptron, trained with a
  dynamic oracle (it learns to recover from its own mistakes).
* [`vote`]: the accurate model's parsers (left to right and right to left, greedy and
  beam) vote for arcs; the heaviest tree wins.

A [`SyntaxModel`] bundles the three; it is saved as one gzip-compressed file and the
default English model (trained on UD English EWT) is compiled into the crate, so loading
needs no file and no network.

```
use gazette_syntax::SyntaxModel;

let model = SyntaxModel::english();
let parsed = model.analyze(&["Putin", "met", "Assad", "in", "Sochi", "."]);
assert_eq!(parsed[1].upos, "VERB");
assert_eq!(parsed[0].deprel, "nsubj");
assert_eq!(parsed[0].head, 1);
```
*/
#![deny(missing_docs)]

pub mod conllu;
pub use gazette_learn::{clusters, perceptron, words};
pub mod lemma;
pub mod parser;
pub mod score;
pub mod tagger;
pub mod train;
pub mod vote;

use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::clusters::Clusters;
use crate::words::WordInfo;

/// The analysis of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Universal POS tag.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    /// Lemma.
    pub lemma: String,
    /// Index (0-based, within the sentence) of the head word; the root is its own head.
    pub head: usize,
    /// Dependency relation to the head (`root` for the root).
    pub deprel: String,
}

/// Tagger, lemmatizer and parser, trained together on one treebank.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SyntaxModel {
    /// Facts about the model, checked when it is loaded.
    pub meta: ModelMeta,
    /// The part-of-speech tagger.
    pub tagger: tagger::Tagger,
    /// The lemmatizer.
    pub lemmatizer: lemma::Lemmatizer,
    /// The dependency parser.
    pub parser: parser::Parser,
    /// Weight of the parser's arcs when companions vote with it.
    pub parser_weight: f32,
    /// Other parsers whose trees vote with the parser's (empty: the parser decides alone).
    pub companions: Vec<Companion>,
    /// Word clusters from unlabeled text, read by the tagger (and by parsers trained
    /// with them).
    pub clusters: Clusters,
    /// A tagger that reads sentences from right to left and votes with `tagger`
    /// ([`tagger::Tagger::tag_both`]); none in the default model, for speed.
    pub backward_tagger: Option<tagger::Tagger>,
}

/// A parser that votes with the model's main parser ([`vote::combine`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Companion {
    /// The parser; it reads the same tags as the main parser.
    pub parser: parser::Parser,
    /// Whether it reads the sentence from right to left.
    pub reversed: bool,
    /// Weight of its arcs in the vote.
    pub weight: f32,
}

pub use gazette_learn::file::{ModelError, ModelMeta};

/// Version of the model file format written by this crate.
pub const MODEL_FORMAT: u32 = 4;

static ENGLISH: &[u8] = include_bytes!("../../../models/syntax/en_ewt.bin.gz");
static ENGLISH_ACCURATE: &[u8] = include_bytes!("../../../models/syntax/accurate/en_ewt.bin.gz");

impl SyntaxModel {
    /// The default English model (UD English EWT), decoded once per process.
    pub fn english() -> &'static SyntaxModel {
        static MODEL: OnceLock<SyntaxModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            SyntaxModel::from_bytes(ENGLISH).expect("the bundled syntax model loads")
        })
    }

    /// The accurate English model: two taggers that vote (left to right and right to
    /// left), the same lemmatizer, and four parsers that vote for each arc: beam search (8
    /// hypotheses) and greedy, each reading left to right and right to left (about 3 points
    /// more UAS and LAS than the default model, at about a sixteenth of its speed). Decoded
    /// once per process, on first use.
    pub fn english_accurate() -> &'static SyntaxModel {
        static MODEL: OnceLock<SyntaxModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            SyntaxModel::from_bytes(ENGLISH_ACCURATE)
                .expect("the bundled accurate syntax model loads")
        })
    }

    /// Reads a model from gzip-compressed bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<SyntaxModel, ModelError> {
        let model: SyntaxModel = gazette_learn::file::decode(bytes).map_err(ModelError::Format)?;
        if model.meta.format != MODEL_FORMAT {
            return Err(ModelError::Format(format!(
                "format {} (expected {MODEL_FORMAT})",
                model.meta.format
            )));
        }
        // Inference indexes by these sizes: a model whose parts disagree is refused here
        // rather than panicking on the first sentence.
        if model.tagger.n_classes() != model.tagger.tags.len() || model.tagger.tags.is_empty() {
            return Err(ModelError::Format(
                "tagger classes and tag list disagree".into(),
            ));
        }
        if let Some(backward) = &model.backward_tagger
            && (backward.tags != model.tagger.tags || backward.n_classes() != backward.tags.len())
        {
            return Err(ModelError::Format(
                "the voting taggers' tag lists differ".into(),
            ));
        }
        let parsers =
            std::iter::once(&model.parser).chain(model.companions.iter().map(|c| &c.parser));
        for parser in parsers {
            if parser.n_classes() != 1 + 2 * parser.labels.len()
                || !parser.labels.iter().any(|l| l == "root")
            {
                return Err(ModelError::Format(
                    "parser classes and label list disagree".into(),
                ));
            }
            // Votes compare labels by index: every parser must number them alike.
            if parser.labels != model.parser.labels {
                return Err(ModelError::Format(
                    "the voting parsers' label lists differ".into(),
                ));
            }
        }
        Ok(model)
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<SyntaxModel, ModelError> {
        SyntaxModel::from_bytes(&std::fs::read(path)?)
    }

    /// Writes the model, gzip-compressed.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        Ok(gazette_learn::file::save(self, path)?)
    }

    /// The joint tags (indices into `tagger.tags`) of a sentence's words.
    pub fn tag(&self, words: &[WordInfo]) -> Vec<u16> {
        let mut tags = self.tagger.tag_with(self.backward_tagger.as_ref(), words);
        self.tag_name_particles(words, &mut tags);
        tags
    }

    /// A lowercase name particle before a capitalized proper noun is part of the name
    /// ("de Wit", "van Gogh", "bin Salman"): a proper noun, as EWT tags every such case.
    /// The treebank has too few of them for the tagger to learn it (about twenty), and a
    /// particle taken for a common noun breaks the parse of the whole clause.
    fn tag_name_particles(&self, words: &[WordInfo], tags: &mut [u16]) {
        static PARTICLES: OnceLock<Vec<u64>> = OnceLock::new();
        let particles = PARTICLES.get_or_init(|| {
            [
                "de", "van", "von", "der", "den", "du", "da", "di", "del", "dos", "bin", "ibn",
                "ter",
            ]
            .iter()
            .map(|p| WordInfo::new(p).lower)
            .collect()
        });
        let is_propn = |t: u16| self.tagger.tags[t as usize].0 == "PROPN";
        for i in (0..words.len().saturating_sub(1)).rev() {
            if !words[i].capitalized
                && particles.contains(&words[i].lower)
                && words[i + 1].capitalized
                && is_propn(tags[i + 1])
                && !is_propn(tags[i])
                && let Some(nnp) = self.tag_index("PROPN", "NNP")
            {
                tags[i] = nnp;
            }
        }
    }

    /// The number of the joint tag (UPOS, XPOS), if the tagger has it.
    fn tag_index(&self, upos: &str, xpos: &str) -> Option<u16> {
        self.tagger
            .tags
            .iter()
            .position(|t| t.0 == upos && t.1 == xpos)
            .map(|i| i as u16)
    }

    /// The number of the dependency label `name`, if the parser has it.
    fn label_index(&self, name: &str) -> Option<u16> {
        self.parser
            .labels
            .iter()
            .position(|l| l == name)
            .map(|i| i as u16)
    }

    /// The words of a sentence as the tagger and parser read them.
    pub fn word_infos(&self, forms: &[&str]) -> Vec<WordInfo> {
        forms
            .iter()
            .map(|f| WordInfo::new(f).with_clusters(&self.clusters))
            .collect()
    }

    /// Penn Treebank tags of one sentence's words (the tagger alone).
    pub fn penn_tags(&self, forms: &[&str]) -> Vec<&str> {
        let infos = self.word_infos(forms);
        self.tag(&infos)
            .into_iter()
            .map(|t| self.tagger.tags[t as usize].1.as_str())
            .collect()
    }

    /// The tree of one tagged sentence: the parser's, or the one its companions and it
    /// vote for.
    pub fn parse(&self, words: &[WordInfo], tags: &[u16]) -> vote::Tree {
        let tree = self.parser.parse(words, tags);
        if self.companions.is_empty() {
            return tree;
        }
        let n = words.len();
        // The sentence read from right to left, for the companions that read it so.
        let backwards_words: Vec<WordInfo> = words.iter().rev().copied().collect();
        let backwards_tags: Vec<u16> = tags.iter().rev().copied().collect();
        let mut trees = vec![tree];
        for c in &self.companions {
            trees.push(if c.reversed {
                let mut tree = c.parser.parse(&backwards_words, &backwards_tags);
                tree.reverse();
                tree.iter()
                    .map(|&(h, l)| (h.map(|h| n - 1 - h), l))
                    .collect()
            } else {
                c.parser.parse(words, tags)
            });
        }
        let weighted: Vec<(&vote::Tree, f32)> = trees
            .iter()
            .zip(
                std::iter::once(self.parser_weight).chain(self.companions.iter().map(|c| c.weight)),
            )
            .collect();
        vote::combine(n, &weighted)
    }

    /// A sentence whose only candidate for its verb was read as a plural noun followed by a
    /// "that" clause ("Russian state-owned TV reports that Assad has met Putin": the noun
    /// phrase "TV reports" with a clause inside it, and no verb): when that word is a verb
    /// of saying, it is the verb. News leads often have this shape, and the tagger's
    /// statistics favour the noun. The tree is mended in place (the noun before it becomes
    /// its subject, taking the other words before it along; the clause its complement)
    /// rather than parsed again: the parser, given the verb, misreads the rest of the
    /// sentence as often as not.
    fn reporting_verb_at_root(&self, forms: &[&str], tags: &mut [u16], tree: &mut vote::Tree) {
        const REPORTING: &[&str] = &[
            "reports",
            "says",
            "claims",
            "warns",
            "states",
            "announces",
            "adds",
            "notes",
            "argues",
            "insists",
            "confirms",
            "denies",
            "alleges",
            "estimates",
            "believes",
            "predicts",
            "suggests",
            "reveals",
            "writes",
        ];
        let Some(root) = tree.iter().position(|(h, _)| h.is_none()) else {
            return;
        };
        let tag = |t: u16| &self.tagger.tags[t as usize];
        // Cheapest tests first: this runs on every sentence.
        if root == 0
            || tag(tags[root]).1 != "NNS"
            || !forms
                .get(root + 1)
                .is_some_and(|f| f.eq_ignore_ascii_case("that"))
            || !REPORTING.contains(&forms[root].to_lowercase().as_str())
            || tags[..root]
                .iter()
                .any(|&t| matches!(tag(t).1.as_str(), "VBZ" | "VBD" | "VBP" | "MD"))
        {
            return;
        }
        // The subject: the noun right before the verb, attached to it.
        let subject = root - 1;
        let clause = (root + 2..tree.len()).find(|&c| {
            tree[c].0 == Some(root)
                && matches!(tag(tags[c]).0.as_str(), "VERB" | "AUX" | "ADJ" | "NOUN")
        });
        let (Some(vbz), Some(nsubj), Some(ccomp), Some(clause)) = (
            self.tag_index("VERB", "VBZ"),
            self.label_index("nsubj"),
            self.label_index("ccomp"),
            clause,
        ) else {
            return;
        };
        if tree[subject].0 != Some(root)
            || !matches!(tag(tags[subject]).0.as_str(), "NOUN" | "PROPN")
        {
            return;
        }
        tags[root] = vbz;
        for (h, _) in tree.iter_mut().take(subject) {
            if *h == Some(root) {
                *h = Some(subject);
            }
        }
        tree[subject].1 = nsubj;
        tree[clause].1 = ccomp;
    }

    /// A reduced relative clause of a name and a verb that ends its phrase ("allegations
    /// Moscow denies."), which the tagger reads as a compound noun ("Moscow denies" like
    /// "Moscow talks"): the verb is a verb, the name its subject, and the clause modifies
    /// the noun before it. Only verbs that take what the noun names as their object (deny,
    /// reject, dispute, ...), where the noun reading is rare.
    fn reduced_relative_verb(&self, forms: &[&str], tags: &mut [u16], tree: &mut vote::Tree) {
        const VERBS: &[&str] = &[
            "denies",
            "rejects",
            "disputes",
            "dismisses",
            "contests",
            "admits",
            "confirms",
            "acknowledges",
            "supports",
            "opposes",
            "backs",
            "wants",
            "seeks",
        ];
        let tag = |t: u16| self.tagger.tags[t as usize].1.as_str();
        for i in 2..forms.len() {
            if tag(tags[i]) == "NNS"
                && matches!(tag(tags[i - 1]), "NNP" | "NNPS")
                && matches!(tag(tags[i - 2]), "NNS" | "NN")
                && tree[i - 1].0 == Some(i)
                && tree[i - 2].0 != Some(i)
                && forms
                    .get(i + 1)
                    .is_none_or(|f| f.chars().all(|c| !c.is_alphanumeric()))
                && VERBS.contains(&forms[i].to_lowercase().as_str())
            {
                let (Some(vbz), Some(nsubj), Some(relcl)) = (
                    self.tag_index("VERB", "VBZ"),
                    self.label_index("nsubj"),
                    self.label_index("acl:relcl"),
                ) else {
                    return;
                };
                tags[i] = vbz;
                tree[i - 1].1 = nsubj;
                tree[i] = (Some(i - 2), relcl);
            }
        }
    }

    /// Tags, lemmatizes and parses one sentence given as word forms.
    pub fn analyze(&self, forms: &[&str]) -> Vec<Analysis> {
        let infos = self.word_infos(forms);
        let mut tags = self.tag(&infos);
        let mut tree = self.parse(&infos, &tags);
        self.reporting_verb_at_root(forms, &mut tags, &mut tree);
        self.reduced_relative_verb(forms, &mut tags, &mut tree);
        forms
            .iter()
            .zip(&tags)
            .zip(tree)
            .enumerate()
            .map(|(i, ((form, &t), (head, label)))| {
                let (upos, xpos) = &self.tagger.tags[t as usize];
                Analysis {
                    upos: upos.clone(),
                    xpos: xpos.clone(),
                    lemma: self.lemmatizer.lemma(form, upos, xpos),
                    head: head.unwrap_or(i),
                    deprel: self.parser.labels[label as usize].clone(),
                }
            })
            .collect()
    }
}

pub(crate) use gazette_learn::Rng;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_particles_belong_to_the_name() {
        let model = SyntaxModel::english();
        for (words, particle) in [
            (
                &["“", "We", "won", ",", "”", "de", "Wit", "said", "."][..],
                5,
            ),
            (&["He", "met", "Mohammed", "bin", "Salman", "."][..], 3),
            (&["Paintings", "by", "van", "Gogh", "sold", "."][..], 2),
        ] {
            let a = model.analyze(words);
            assert_eq!(a[particle].upos, "PROPN", "{words:?}");
        }
        // Not before a common word, and not when capitalized itself.
        let a = model.analyze(&["The", "van", "crashed", "."]);
        assert_ne!(a[1].upos, "PROPN");
    }

    #[test]
    fn an_unknown_capitalized_word_is_no_interjection() {
        let model = SyntaxModel::english();
        let words: Vec<&str> =
            "Putin , speaking in Sochi , said the operation was nearing its end ."
                .split(' ')
                .collect();
        let a = model.analyze(&words);
        assert_eq!(
            (a[0].upos.as_str(), a[0].deprel.as_str()),
            ("PROPN", "nsubj")
        );
        // Known words keep their closed classes: "Well, ..." is an interjection.
        let a = model.analyze(&["Well", ",", "he", "said", "no", "."]);
        assert_eq!(a[0].upos, "INTJ");
    }

    #[test]
    fn a_verb_of_saying_read_as_a_noun_is_the_verb() {
        let model = SyntaxModel::english();
        let words = [
            "Russian",
            "state",
            "-",
            "owned",
            "TV",
            "reports",
            "that",
            "the",
            "president",
            "of",
            "Syria",
            "has",
            "met",
            "Putin",
            ".",
        ];
        let a = model.analyze(&words);
        assert_eq!((a[5].upos.as_str(), a[5].deprel.as_str()), ("VERB", "root"));
        assert_eq!((a[4].head, a[4].deprel.as_str()), (5, "nsubj"));
        assert_eq!((a[12].head, a[12].deprel.as_str()), (5, "ccomp"));
        // A reduced relative clause: "allegations Moscow denies".
        let words = [
            "They",
            "accused",
            "Russia",
            "of",
            "air",
            "strikes",
            ",",
            "allegations",
            "Moscow",
            "denies",
            ".",
        ];
        let a = model.analyze(&words);
        assert_eq!(a[9].upos, "VERB");
        assert_eq!((a[8].head, a[8].deprel.as_str()), (9, "nsubj"));
        assert_eq!((a[9].head, a[9].deprel.as_str()), (7, "acl:relcl"));
        // A plural noun that is the subject stays one: the sentence has its verb.
        let a = model.analyze(&["The", "reports", "that", "he", "left", "were", "false", "."]);
        assert_eq!(a[1].upos, "NOUN");
    }
}
