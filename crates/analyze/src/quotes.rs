//! Quotes and attribution: who said what, through whom.
//!
//! Rules over the syntax and entity layers (a first version, to be replaced by a
//! learned extractor):
//! * a **speech cue** is a verb whose lemma is in [`CUES`] ("say", "tell", "add",
//!   "quote", ...), a verb that annotators marked as a cue most of the times it took the
//!   same kind of complement ([`CueLexicon`], counted on PolNeAR's training articles), or
//!   the phrase "according to";
//! * its **content** is the clause it governs (`ccomp`, or the `parataxis` / `advcl` a
//!   direct quote hangs on), widened to a quotation around it; content inside quotation
//!   marks only is direct, without them indirect, and partly quoted content mixed;
//! * its **speaker** is the verb's subject; "X quoted Y as saying" makes Y the speaker and
//!   X the channel (`via`), and so does a reporting verb above the cue ("It added that
//!   President Putin said ...": via "It");
//! * a quotation with no cue in its sentence is attributed to the speaker of the previous
//!   quote when it directly follows it (a quote continued in the next paragraph);
//! * pronoun speakers ("he") keep their span and are resolved to the subject of their
//!   sentence, else of the sentence before, else the last person named before them outside
//!   quotation marks and within 1,000 characters (else they stay unresolved); other speakers
//!   are resolved to the entity whose mention they contain.

use gazette_doc::{Doc, EntityLabel, Layer, Mention, Quote, QuoteKind, Span, Token};

use crate::{Component, ComponentError};

/// Lemmas of verbs that introduce speech or writing.
pub const CUES: &[&str] = &[
    "say",
    "tell",
    "add",
    "state",
    "claim",
    "insist",
    "argue",
    "explain",
    "note",
    "warn",
    "report",
    "announce",
    "write",
    "declare",
    "ask",
    "reply",
    "respond",
    "acknowledge",
    "admit",
    "suggest",
    "deny",
    "confirm",
    "stress",
    "emphasize",
    "emphasise",
    "predict",
    "quote",
    "accuse",
    "recall",
    "urge",
    "vow",
    "pledge",
    "promise",
    "reveal",
    "concede",
    "complain",
    "conclude",
    "estimate",
    "observe",
    "testify",
    "tweet",
    "allege",
    "assert",
    "caution",
    "contend",
    "maintain",
    "mention",
    "remark",
    "repeat",
    "reiterate",
    "speculate",
    "tout",
    "boast",
    "charge",
    "comment",
    "counter",
    "demand",
    "disclose",
    "indicate",
    "joke",
    "lament",
    "predict",
    "proclaim",
    "recount",
    "signal",
    "underline",
    "underscore",
    "answer",
    "agree",
    "believe",
    "think",
    "hope",
    "fear",
    "expect",
    "call",
    "show",
    "find",
    "describe",
    "continue",
    "cite",
    "criticize",
    "praise",
    "propose",
    "defend",
    "refuse",
    "decline",
    "want",
    "seem",
    "appear",
    "know",
    "see",
    "support",
    "endorse",
    "threaten",
    "recommend",
];

/// How often each verb lemma, with the kind of complement it takes (its `frame`), was
/// an attribution cue in annotated news. Attribution cues have a long tail (in PolNeAR
/// the 120 most frequent cue words cover half of the attributions), so beyond the
/// hand-written `CUES` the extractor takes a verb as a cue when annotators did so for
/// most of its occurrences in the same frame.
///
/// The counts live in `models/quotes/cues.tsv` (`lemma, frame, cue, seen`), written by
/// `gazette train quotes`; users may add rows.
#[derive(Debug, Default, Clone)]
pub struct CueLexicon {
    /// Lemma → frame → (cue, seen); nested so that a lookup borrows its keys (it runs for
    /// every verb and candidate content).
    counts: std::collections::HashMap<String, std::collections::HashMap<String, (u32, u32)>>,
}

static CUE_COUNTS: &str = include_str!("../../../models/quotes/cues.tsv");

/// A verb seen fewer times in a frame is not judged by the lexicon.
const MIN_SEEN: u32 = 3;

impl CueLexicon {
    /// The lexicon bundled with gazette, parsed once per process.
    pub fn english() -> &'static CueLexicon {
        static LEXICON: std::sync::OnceLock<CueLexicon> = std::sync::OnceLock::new();
        LEXICON.get_or_init(|| {
            CueLexicon::from_tsv(CUE_COUNTS).expect("the bundled cue lexicon parses")
        })
    }

    /// Reads `lemma, frame, cue, seen` rows (a header line first).
    pub fn from_tsv(text: &str) -> Result<CueLexicon, String> {
        let mut lexicon = CueLexicon::default();
        for (i, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = || format!("line {}: expected lemma, frame, cue, seen: {line:?}", i + 1);
            if f.len() != 4 {
                return Err(bad());
            }
            let cue: u32 = f[2].parse().map_err(|_| bad())?;
            let seen: u32 = f[3].parse().map_err(|_| bad())?;
            if cue > seen {
                return Err(bad());
            }
            *lexicon.entry(f[0], f[1]) = (cue, seen);
        }
        Ok(lexicon)
    }

    /// Adds one observation.
    pub fn count(&mut self, lemma: &str, frame: &str, is_cue: bool) {
        let e = self.entry(lemma, frame);
        e.0 += is_cue as u32;
        e.1 += 1;
    }

    fn entry(&mut self, lemma: &str, frame: &str) -> &mut (u32, u32) {
        self.counts
            .entry(lemma.to_string())
            .or_default()
            .entry(frame.to_string())
            .or_default()
    }

    /// The rows as TSV, sorted, without pairs seen fewer than `MIN_SEEN` (3) times.
    pub fn to_tsv(&self) -> String {
        let mut rows: Vec<(&str, &str, (u32, u32))> = self
            .counts
            .iter()
            .flat_map(|(lemma, frames)| {
                frames
                    .iter()
                    .map(move |(frame, &counts)| (lemma.as_str(), frame.as_str(), counts))
            })
            .filter(|(_, _, (_, seen))| *seen >= MIN_SEEN)
            .collect();
        rows.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let mut out = String::from("lemma\tframe\tcue\tseen\n");
        for (lemma, frame, (cue, seen)) in rows {
            out.push_str(&format!("{lemma}\t{frame}\t{cue}\t{seen}\n"));
        }
        out
    }

    /// Whether annotators took this verb in this frame as a cue at least half the time;
    /// a verb seen too rarely in the frame is judged by all verbs in it (lemma `*`).
    pub fn is_cue(&self, lemma: &str, frame: &str) -> bool {
        self.share(lemma, frame).is_some_and(|x| x >= 0.5)
    }

    /// The share of this verb's occurrences in the frame that were cues, if it was seen
    /// often enough (else the frame's share over all verbs).
    pub fn share(&self, lemma: &str, frame: &str) -> Option<f64> {
        let get = |l: &str| {
            self.counts
                .get(l)?
                .get(frame)
                .filter(|&&(_, seen)| seen >= MIN_SEEN)
        };
        get(lemma)
            .or_else(|| get("*"))
            .map(|&(cue, seen)| f64::from(cue) / f64::from(seen))
    }

    /// Number of (lemma, frame) pairs.
    pub fn len(&self) -> usize {
        self.counts.values().map(|frames| frames.len()).sum()
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

/// The frame of a verb: the kind of complement it takes, the strongest first (a clause,
/// `ccomp`, or `parataxis` for a quotation; an infinitive or predicate, `xcomp`; an object;
/// or none, `-`), and what its subject is (`agent`: a person, an organization or a
/// personal pronoun; `thing`: another subject; `none`), as in `ccomp agent`.
pub(crate) fn frame(doc: &Doc, tree: &Tree<'_>, v: usize) -> &'static str {
    const FRAMES: [[&str; 3]; 5] = [
        ["ccomp agent", "ccomp thing", "ccomp none"],
        ["parataxis agent", "parataxis thing", "parataxis none"],
        ["xcomp agent", "xcomp thing", "xcomp none"],
        ["obj agent", "obj thing", "obj none"],
        ["- agent", "- thing", "- none"],
    ];
    let complement = ["ccomp", "parataxis", "xcomp", "obj"]
        .iter()
        .position(|f| tree.child(v, &[f]).is_some())
        .unwrap_or(4);
    let subject = match tree.child(v, &["nsubj"]) {
        None => 2,
        Some(s) if is_agent(doc, tree, s) => 0,
        Some(_) => 1,
    };
    FRAMES[complement][subject]
}

/// A person, an organization or a personal pronoun.
fn is_agent(doc: &Doc, tree: &Tree<'_>, t: usize) -> bool {
    let token = &tree.tokens[t];
    if token.pos.as_deref() == Some("PRON") {
        let word = doc.slice(token.span()).to_lowercase();
        return matches!(word.as_str(), "he" | "she" | "they" | "i" | "we" | "you");
    }
    entities_over(doc, token.span()).any(|e| matches!(e.label, EntityLabel::Per | EntityLabel::Org))
}

/// The entities that overlap `span`, in order (found by binary search: the entity layer
/// is ordered and its entities are apart).
pub(crate) fn entities_over(doc: &Doc, span: Span) -> impl Iterator<Item = &gazette_doc::Entity> {
    let entities = doc.entities();
    let first = entities.partition_point(|e| e.end <= span.start);
    entities[first..]
        .iter()
        .take_while(move |e| e.start < span.end)
}

/// Every verb of an analyzed document with its lemma and `frame`: the candidates the
/// cue lexicon judges (and counts, when it is trained).
pub fn cue_candidates(doc: &Doc) -> Vec<(usize, String, &'static str)> {
    let tokens = doc.tokens();
    let tree = Tree::new(tokens);
    (0..tokens.len())
        .filter(|&v| tokens[v].pos.as_deref() == Some("VERB"))
        .map(|v| (v, tree.lemma(v).to_lowercase(), frame(doc, &tree, v)))
        .collect()
}

/// Verbs whose object or infinitive is what the source holds or asks for.
const NOUN_CONTENT: &[&str] = &[
    "show",
    "find",
    "urge",
    "demand",
    "want",
    "propose",
    "seek",
    "predict",
    "estimate",
    "support",
    "cite",
    "criticize",
    "praise",
    "endorse",
    "accuse",
    "deny",
];

/// Nouns that sum up what was said ("allegations Moscow denies"), see [`trailing_says`].
const SUMMARY_NOUNS: &[&str] = &[
    "allegation",
    "accusation",
    "charge",
    "claim",
    "assertion",
    "criticism",
    "argument",
    "view",
    "notion",
    "suggestion",
    "report",
];

/// Verbs of saying proper, the only ones that take the clause before them as their content
/// ("The deal is done, she said"); "call", "see" and the like only take their own clause.
const SAYING: &[&str] = &[
    "say",
    "tell",
    "add",
    "write",
    "report",
    "note",
    "announce",
    "explain",
    "state",
    "claim",
    "insist",
    "argue",
    "warn",
    "quote",
    "continue",
    "tweet",
    "conclude",
    "recall",
    "acknowledge",
    "admit",
    "confirm",
    "deny",
    "ask",
];

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them",
];

/// Extracts attributed statements.
#[derive(Debug, Default)]
pub struct QuoteExtractor;

pub(crate) struct Tree<'a> {
    pub(crate) tokens: &'a [Token],
    pub(crate) children: Vec<Vec<usize>>,
    /// Facts of the document the tree is of, found on first use and kept, since rules
    /// that run once per mention need them (once per mention, a long document's
    /// pronouns made the work grow with the square of its length).
    marks: std::cell::OnceCell<Vec<(usize, usize)>>,
    sexes: std::cell::OnceCell<std::collections::HashMap<String, Sex>>,
    /// Each token's subtree span, found for all at once on first use.
    extents: std::cell::OnceCell<Vec<(usize, usize)>>,
}

impl<'a> Tree<'a> {
    pub(crate) fn new(tokens: &'a [Token]) -> Tree<'a> {
        let mut children = vec![Vec::new(); tokens.len()];
        for (i, t) in tokens.iter().enumerate() {
            if let Some(h) = t.head.filter(|&h| h != i) {
                children[h].push(i);
            }
        }
        Tree {
            tokens,
            children,
            marks: Default::default(),
            sexes: Default::default(),
            extents: Default::default(),
        }
    }

    /// The quotations of `doc`, the document of this tree ([`quotations`]), found on first
    /// use.
    pub(crate) fn quotations(&self, doc: &Doc) -> &[(usize, usize)] {
        self.marks.get_or_init(|| quotations(doc.text()))
    }

    /// The sex `doc`, the document of this tree, gives each person ([`sexes_of_people`]).
    fn sexes(&self, doc: &Doc) -> &std::collections::HashMap<String, Sex> {
        self.sexes
            .get_or_init(|| sexes_of_people(doc, self, self.quotations(doc)))
    }

    pub(crate) fn dep(&self, i: usize) -> &str {
        self.tokens[i].dep.as_deref().unwrap_or("")
    }

    pub(crate) fn lemma(&self, i: usize) -> &str {
        self.tokens[i].lemma.as_deref().unwrap_or("")
    }

    pub(crate) fn child(&self, i: usize, deps: &[&str]) -> Option<usize> {
        self.children[i]
            .iter()
            .copied()
            .find(|&c| deps.contains(&self.dep(c)))
    }

    /// The subject of `v`: when the parser gave it several ("Norwegian fisheries minister
    /// Per Olav Dahl said", read as "fisheries" and "Per"), the one nearest before it.
    pub(crate) fn subject(&self, v: usize) -> Option<usize> {
        let subjects = self.children[v]
            .iter()
            .copied()
            .filter(|&c| self.dep(c) == "nsubj");
        subjects
            .clone()
            .filter(|&c| c < v)
            .max()
            .or_else(|| subjects.min())
    }

    /// First and last token index of the subtree under `i`.
    pub(crate) fn extent(&self, i: usize) -> (usize, usize) {
        self.extents.get_or_init(|| self.all_extents())[i]
    }

    /// Every token's [`Tree::extent`], in one pass: children before their heads.
    fn all_extents(&self) -> Vec<(usize, usize)> {
        let n = self.tokens.len();
        let mut extent: Vec<(usize, usize)> = (0..n).map(|i| (i, i)).collect();
        // 0: not reached, 1: its children pending, 2: done.
        let mut state = vec![0u8; n];
        let mut stack = Vec::new();
        for start in 0..n {
            stack.push(start);
            while let Some(&v) = stack.last() {
                if state[v] == 0 {
                    state[v] = 1;
                    stack.extend(self.children[v].iter().copied().filter(|&c| state[c] == 0));
                    continue;
                }
                stack.pop();
                if state[v] == 1 {
                    let (mut lo, mut hi) = (v, v);
                    for &c in &self.children[v] {
                        lo = lo.min(extent[c].0);
                        hi = hi.max(extent[c].1);
                    }
                    extent[v] = (lo, hi);
                    state[v] = 2;
                }
            }
        }
        extent
    }
}

/// Quotation spans (char offsets, marks included) of the text: “…”, "…", «…» and
/// ''…'' (two apostrophes, as some archives write quotation marks).
pub(crate) fn quotations(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    // Two apostrophes stand for one quotation mark: `pair[i]` is 1 on the first of them
    // and 2 on the second. (A flag beside the text, not a stand-in character in it: any
    // character may be in the text, NUL too.)
    let mut pair = vec![0u8; chars.len()];
    for i in 0..chars.len().saturating_sub(1) {
        if chars[i] == '\'' && chars[i + 1] == '\'' && pair[i] == 0 {
            pair[i] = 1;
            pair[i + 1] = 2;
        }
    }
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut reopening: Option<usize> = None;
    let mut nested = false;
    for (i, &c) in chars.iter().enumerate() {
        if reopening == Some(i) || pair[i] == 2 {
            // The second apostrophe of a pair: the quotation closes after it.
            continue;
        }
        let (c, i_end) = if pair[i] == 1 {
            ('"', i + 2)
        } else {
            (c, i + 1)
        };
        match (open, c) {
            (None, '“') => open = Some((i, '”')),
            (None, '«') => open = Some((i, '»')),
            (None, '"') => open = Some((i, '"')),
            // Scraped text mixes straight and curly marks ("...him,\u{201d}): either
            // double mark closes a quotation either opened, but a curly pair inside a
            // straight quotation is a quotation within it.
            (Some((_, '"')), '\u{201c}') => {
                nested = true;
            }
            (Some((_, '"')), '\u{201d}') if nested => nested = false,
            (Some((s, close)), c)
                if c == close || matches!((close, c), ('"', '\u{201d}') | ('\u{201d}', '"')) =>
            {
                nested = false;
                out.push((s, i_end));
                open = None;
            }
            // A paragraph break ends a runaway quotation, except where news style continues
            // a quotation over paragraphs: the paragraph leaves it open and the next one
            // opens it again. Then the quotation goes on, and the mark that reopens it is
            // not read as a closing one.
            (Some((_, close)), '\n') if chars.get(i + 1) == Some(&'\n') => {
                let next = (i..chars.len()).find(|&j| !chars[j].is_whitespace());
                let reopened = next.is_some_and(|j| {
                    chars[j] == '“' && close == '”' || chars[j] == '"' && close == '"'
                });
                if reopened {
                    reopening = next;
                } else {
                    open = None;
                }
                nested = false;
            }
            _ => {}
        }
    }
    out
}

impl Component for QuoteExtractor {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Tokens,
            Layer::Sentences,
            Layer::Syntax,
            Layer::Entities,
            Layer::Timexes,
        ]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        let quotes = extract(doc, true);
        doc.set_quotes(quotes)?;
        Ok(())
    }
}

/// Whether char offset `c` lies inside one of `marks`, the sorted quotations of
/// [`quotations`].
fn inside_quotation(marks: &[(usize, usize)], c: usize) -> bool {
    span_inside_quotation(marks, c, c)
}

/// Whether the chars `start..end` lie strictly inside one of `marks`, the sorted
/// quotations of [`quotations`] (which do not overlap: the one that could hold them is
/// the last opening before `start`).
pub(crate) fn span_inside_quotation(marks: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = marks.partition_point(|&(qs, _)| qs < start);
    i > 0 && end < marks[i - 1].1
}

/// The sentence holding char offset `c` (binary search: sentences are sorted).
pub(crate) fn sentence_at(doc: &Doc, c: usize) -> Option<gazette_doc::Sentence> {
    let sentences = doc.sentences();
    let i = sentences.partition_point(|s| s.end <= c);
    sentences.get(i).filter(|s| s.start <= c).copied()
}

/// Token indices `first..last` inside a char range (binary search: tokens are sorted).
pub(crate) fn tokens_within(tokens: &[Token], start: usize, end: usize) -> std::ops::Range<usize> {
    tokens.partition_point(|t| t.start < start)..tokens.partition_point(|t| t.end <= end)
}

/// The subject of the main verb among tokens `range`, ending before `before`.
fn main_subject(tree: &Tree<'_>, range: std::ops::Range<usize>, before: usize) -> Option<usize> {
    range.into_iter().find(|&i| {
        tree.tokens[i].end <= before
            && tree.dep(i) == "nsubj"
            && tree.tokens[i].head.is_some_and(|h| tree.dep(h) == "root")
    })
}

fn token_span(doc: &Doc, lo: usize, hi: usize) -> (usize, usize) {
    (doc.tokens()[lo].start, doc.tokens()[hi].end)
}

/// The mention of the relative pronoun `head` ("who", "which"), resolved to the entity of
/// the noun its clause describes.
fn standing_for(doc: &Doc, tree: &Tree<'_>, head: usize, noun: usize) -> Mention {
    let (start, end) = token_span(doc, head, head);
    let antecedent = mention(doc, tree, noun);
    Mention {
        start,
        end,
        canonical: antecedent.canonical,
        entity_id: antecedent.entity_id,
    }
}

/// The mention for a speaker or channel token: its noun phrase (without a leading
/// determiner-free clause), resolved to an entity.
pub(crate) fn mention(doc: &Doc, tree: &Tree<'_>, head: usize) -> Mention {
    // An honorific names nobody by itself: "Mr." stands for the name it precedes.
    let head = match tree.tokens[head].head {
        Some(h)
            if h > head
                && h <= head + 3
                && tree.tokens[h].pos.as_deref() == Some("PROPN")
                && crate::entities::HONORIFICS
                    .contains(&doc.slice(tree.tokens[head].span()).trim_end_matches('.')) =>
        {
            h
        }
        _ => head,
    };
    // A party label in parentheses stands for the name before it ("Rep. Gwen Moore
    // (D-Wis.) said", where the parse may take "D-Wis." for the subject).
    let tokens = tree.tokens;
    if head >= 2 && doc.slice(tokens[head - 1].span()) == "(" {
        let close =
            (head + 1..tokens.len().min(head + 5)).find(|&i| doc.slice(tokens[i].span()) == ")");
        if close.is_some_and(|c| crate::entities::is_party_label(doc, tokens, head, c - 1))
            && tokens[head - 2].pos.as_deref() == Some("PROPN")
        {
            return mention(
                doc,
                tree,
                name_head(tokens, head.saturating_sub(8), head - 2),
            );
        }
    }
    // A relative pronoun after a comma or a dash is the mention ("one of the doctors, who called him
    // a quack"), and the noun phrase before the comma, which its clause describes, is who it
    // is (found by shape: the parse often hangs the clause elsewhere).
    if matches!(tree.tokens[head].tag.as_deref(), Some("WP" | "WDT"))
        && head >= 2
        && matches!(
            doc.slice(tree.tokens[head - 1].span()),
            "," | "—" | "–" | "--"
        )
        && matches!(tree.tokens[head - 2].pos.as_deref(), Some("NOUN" | "PROPN"))
    {
        let noun = name_head(tree.tokens, head.saturating_sub(8), head - 2);
        return standing_for(doc, tree, head, noun);
    }
    // Any other relative pronoun is who the noun its clause describes is ("the group that
    // says ...", "officials who spoke"), as the parse attaches the clause.
    if matches!(tree.tokens[head].tag.as_deref(), Some("WP" | "WDT")) {
        let noun = tree.tokens[head]
            .head
            .filter(|&v| tree.dep(v) == "acl:relcl")
            .and_then(|v| tree.tokens[v].head)
            .filter(|&n| {
                n < head
                    && matches!(tree.tokens[n].pos.as_deref(), Some("NOUN" | "PROPN" | "PRON"))
                    // "a letter ... Friday afternoon that ...": a time is nobody.
                    && !names_a_time(doc, &tree.tokens[n])
            });
        if let Some(noun) = noun {
            return standing_for(doc, tree, head, noun);
        }
    }
    // The phrase: the head with its compound, flat, amod and det children (not clauses).
    let mut lo = head;
    let mut hi = head;
    for &c in &tree.children[head] {
        if matches!(
            tree.dep(c),
            "compound" | "flat" | "amod" | "det" | "nmod:poss" | "nmod:desc" | "appos" | "nummod"
        ) || tree.dep(c).starts_with("flat")
            // A name the parse hung on its title as a bare nmod ("Lithuanian [Prime
            // Minister Rasa Jurgaitė]"): no preposition, a proper noun.
            || (tree.dep(c) == "nmod"
                && tree.child(c, &["case"]).is_none()
                && tree.tokens[c].pos.as_deref() == Some("PROPN"))
        {
            let (a, b) = tree.extent(c);
            lo = lo.min(a);
            hi = hi.max(b);
        }
    }
    // A common noun renamed by a person between commas ("The head of the union, Tom Reyes,
    // said"), even where the parser hung the name elsewhere: the phrase runs to the name.
    if tree.tokens[head].pos.as_deref() == Some("NOUN") {
        let (_, whole) = tree.extent(head);
        let comma = (hi + 1..=whole.min(hi + 8)).find(|&i| doc.slice(tree.tokens[i].span()) == ",");
        let person = comma.and_then(|c| {
            let next = tree.tokens.get(c + 1)?;
            doc.entities()
                .iter()
                .find(|e| e.label == EntityLabel::Per && e.start == next.start)
        });
        if let Some(p) = person {
            hi = hi.max(
                tree.tokens
                    .partition_point(|t| t.end <= p.end)
                    .saturating_sub(1),
            );
        }
    }
    // Speakers joined by "and" speak together ("The European Union and Norway agreed").
    let joined = tree.children[head].iter().copied().filter(|&c| {
        tree.dep(c) == "conj"
            && matches!(tree.tokens[c].pos.as_deref(), Some("PROPN" | "NOUN"))
            && tree
                .child(c, &["cc"])
                .is_some_and(|k| tree.lemma(k) == "and")
    });
    let mut together = false;
    for c in joined {
        hi = hi.max(tree.extent(c).1);
        together = true;
    }
    // Never start or end on punctuation (a quotation mark the parser attached to the name).
    while lo < head && tree.tokens[lo].pos.as_deref() == Some("PUNCT") {
        lo += 1;
    }
    while hi > head && tree.tokens[hi].pos.as_deref() == Some("PUNCT") {
        hi -= 1;
    }
    let (start, end) = token_span(doc, lo, hi);
    if together {
        // Several entities: the phrase itself names the speaker.
        return Mention {
            start,
            end,
            canonical: Some(doc.slice(Span::new(start, end)).to_string()),
            entity_id: None,
        };
    }
    let text = doc.slice(Span::new(start, end)).to_lowercase();
    let (canonical, entity_id) = if PRONOUNS.contains(&text.as_str()) {
        // The last person (or, for "it"/"they", organization) named before the pronoun.
        let wanted: &[EntityLabel] = match text.as_str() {
            "it" => &[EntityLabel::Org],
            "they" | "them" => &[EntityLabel::Org, EntityLabel::Per],
            _ => &[EntityLabel::Per],
        };
        // Prefer the subject of the sentence ("Putin asked ..., which, he said, ..."), then
        // the last such entity named before the pronoun.
        let here = sentence_at(doc, start);
        let subject = here
            .and_then(|s| main_subject(tree, tokens_within(tree.tokens, s.start, s.end), start));
        // A "he" is no one the document calls "she" or "Mrs." (and the other way round).
        let fits = |e: &gazette_doc::Entity| {
            let Some(sex) = Sex::of_pronoun(&text) else {
                return true;
            };
            tree.sexes(doc).get(&e.entity_id).is_none_or(|&s| s == sex)
        };
        let by_subject = subject.and_then(|i| {
            let t = &tree.tokens[i];
            doc.entities()
                .iter()
                .find(|e| e.start <= t.start && t.end <= e.end && wanted.contains(&e.label))
                .filter(|e| fits(e))
        });
        // Else the subject of the sentence before, the most salient entity at hand
        // ("Mr. Obama dismissed the criticism ... 'I love Larry,' he said").
        let previous_subject = || {
            let here = here?;
            let before = doc.sentences().iter().rev().find(|s| s.end <= here.start)?;
            let i = main_subject(
                tree,
                tokens_within(tree.tokens, before.start, before.end),
                before.end,
            )?;
            // The entity at the subject's head, else the last one in its phrase: a name
            // follows its titles ("Mayor Ana Ruiz" may hang on "Mayor"; "Clinton
            // communication director Jennifer Palmieri" is Palmieri).
            let (lo, hi) = tree.extent(i);
            let (from, to) = (tree.tokens[lo].start, tree.tokens[hi].end);
            let head = &tree.tokens[i];
            let inside: Vec<_> = doc
                .entities()
                .iter()
                .filter(|e| from <= e.start && e.end <= to && wanted.contains(&e.label))
                .collect();
            inside
                .iter()
                .find(|e| e.start <= head.start && head.end <= e.end)
                .or(inside.last())
                .copied()
                .filter(|e| !inside_quotation(tree.quotations(doc), e.start) && fits(e))
        };
        // A person named by a common noun as the sentence's subject ("A spokeswoman for
        // the ministry declined to comment, but she said ..."): the pronoun is that person,
        // who has no entity, not the last person named before.
        // Found by shape (a determiner, adjectives, the noun, at the sentence's start), as
        // the parse often misreads such sentences, and only where no person is named
        // between it and the pronoun.
        if by_subject.is_none() && matches!(text.as_str(), "he" | "she") {
            let opening = here.and_then(|s| {
                let range = tokens_within(tree.tokens, s.start, start);
                let lo = range.start;
                let noun = range
                    .clone()
                    .find(|&i| !matches!(tree.tokens[i].pos.as_deref(), Some("DET" | "ADJ")))?;
                let named = doc
                    .entities()
                    .iter()
                    .any(|e| e.label == EntityLabel::Per && s.start <= e.start && e.end <= start);
                // Not a possessor ("An ambassador's job, he said, ...").
                let owner = possessive_at(tree.tokens, noun + 1);
                (!named && !owner && person_noun_agrees(tree, noun, &text)).then_some((lo, noun))
            });
            if let Some((lo, noun)) = opening {
                let (from, to) = token_span(doc, lo, noun);
                return Mention {
                    start,
                    end,
                    canonical: Some(doc.slice(Span::new(from, to)).to_string()),
                    entity_id: None,
                };
            }
        }
        by_subject
            .or_else(previous_subject)
            .or_else(|| {
                // A name inside quotation marks is what the speaker said ("'I love
                // Larry,' he said"), not who the pronoun is.
                // Nor a name far back (a headline's): an unresolved pronoun is better
                // than a wrong entity.
                doc.entities()
                    .iter()
                    .rev()
                    .filter(|e| e.end <= start && wanted.contains(&e.label))
                    .take_while(|e| start - e.end <= 1000)
                    .find(|e| !inside_quotation(tree.quotations(doc), e.start) && fits(e))
            })
            .map_or((None, None), |e| {
                (Some(e.canonical.clone()), Some(e.entity_id.clone()))
            })
    } else {
        // A person in the phrase (the longest: "Paul Girard" over a title tagged alone),
        // else the entity at its head ("SANA" in "Syria's state news agency SANA"), else
        // its longest entity.
        let head_token = &tree.tokens[head];
        // Not an entity that only describes the head: a possessor ("Assad's opponents")
        // or an adjective ("Russian state-owned TV").
        let describing: Vec<(usize, usize)> = tree.children[head]
            .iter()
            .filter(|&&c| matches!(tree.dep(c), "nmod:poss" | "amod"))
            .map(|&c| {
                let (lo, hi) = tree.extent(c);
                token_span(doc, lo, hi)
            })
            .collect();
        doc.entities()
            .iter()
            .filter(|e| e.start >= start && e.end <= end)
            .filter(|e| !describing.iter().any(|&(s, t)| s <= e.start && e.end <= t))
            .max_by_key(|e| {
                (
                    e.label == EntityLabel::Per,
                    if e.label == EntityLabel::Per {
                        e.end - e.start
                    } else {
                        0
                    },
                    e.start <= head_token.start && head_token.end <= e.end,
                    e.end - e.start,
                )
            })
            .map_or(
                (Some(doc.slice(Span::new(start, end)).to_string()), None),
                |e| (Some(e.canonical.clone()), Some(e.entity_id.clone())),
            )
    };
    Mention {
        start,
        end,
        canonical,
        entity_id,
    }
}

/// The clause a verb of saying reports when the parse did not link it ("Stumpf said on
/// Tuesday that the workers make ...", "Republicans said the findings raised ..." with
/// "that" read as a relative pronoun or the verb as a participle): by part of speech, an
/// optional "that" within a short modifier, then a noun phrase and a finite verb. The
/// content runs to the end of the sentence.
fn reported_clause(doc: &Doc, tokens: &[Token], cue: usize) -> Option<(usize, usize)> {
    let sentence = sentence_at(doc, tokens[cue].start)?;
    let in_sentence = tokens_within(tokens, sentence.start, sentence.end);
    let last = in_sentence.end.checked_sub(1)?;
    let tag = |i: usize| tokens[i].tag.as_deref().unwrap_or("");
    let pos = |i: usize| tokens[i].pos.as_deref().unwrap_or("");
    let word = |i: usize| doc.slice(tokens[i].span()).to_lowercase();
    let mut k = cue + 1;
    // "said on Tuesday that ...", "said in an interview with the newspaper that ...".
    if let Some(that) = (cue + 1..(cue + 10).min(last)).find(|&i| word(i) == "that") {
        if (cue + 1..that)
            .all(|i| matches!(pos(i), "ADP" | "DET" | "ADJ" | "NOUN" | "PROPN" | "NUM"))
        {
            k = that + 1;
        }
    }
    // Nothing after the cue ("he said" ending the text).
    if k > last {
        return None;
    }
    // "says neither the nominee nor her campaign helped ...".
    let paired = matches!(word(k).as_str(), "neither" | "either" | "both");
    if !(paired || matches!(pos(k), "DET" | "PRON" | "PROPN" | "NOUN" | "ADJ" | "NUM")) {
        return None;
    }
    // A noun phrase (possibly with "of" and possessives), then a finite verb.
    let mut j = k;
    while j <= last && j < k + 10 {
        let finite = matches!(tag(j), "VBD" | "VBZ" | "VBP" | "MD")
            || (tag(j) == "VBN" && j > k && matches!(pos(j - 1), "NOUN" | "PROPN" | "PRON"));
        if j > k && finite && matches!(pos(j), "VERB" | "AUX") {
            let end = if pos(last) == "PUNCT" && last > j {
                last - 1
            } else {
                last
            };
            return Some(token_span(doc, k, end));
        }
        // Participles before a noun are adjectives ("the lowest-paid workers").
        let np = matches!(
            pos(j),
            "DET" | "PRON" | "PROPN" | "NOUN" | "ADJ" | "NUM" | "PART"
        ) || (matches!(tag(j), "VBN" | "VBG")
            && j < last
            && matches!(pos(j + 1), "NOUN" | "ADJ"))
            || word(j) == "of"
            // A name in quotation marks ("the Ohio native nicknamed \u{201c}King James\u{201d}").
            || matches!(word(j).as_str(), "\u{201c}" | "\u{201d}" | "\"")
            || (tag(j) == "VBN" && j < last && matches!(word(j + 1).as_str(), "\u{201c}" | "\""))
            || (paired && matches!(word(j).as_str(), "neither" | "either" | "both" | "nor" | "or" | "and"))
            || (pos(j) == "PUNCT" && matches!(word(j).as_str(), "-" | "'" | "’"))
            // A word joined by a hyphen belongs to the phrase ("maternity-leave policy").
            || (j > k && word(j - 1) == "-" && tokens[j - 1].end == tokens[j].start);
        if !np {
            return None;
        }
        j += 1;
    }
    None
}

/// The reported clause of a saying cue whose quotation (opening at char `qs`) comes later
/// in the sentence, when the parse did not link the clause to the cue: from after the cue
/// (or after a "that" it governs at a distance: "said during a rally in Michigan that ...")
/// to the sentence end, when the words before the quotation hold the clause's finite verb.
fn mixed_clause(doc: &Doc, tokens: &[Token], cue: usize, qs: usize) -> Option<(usize, usize)> {
    let sentence = sentence_at(doc, tokens[cue].start)?;
    let in_sentence = tokens_within(tokens, sentence.start, sentence.end);
    let opening = (cue + 1..in_sentence.end).find(|&i| tokens[i].start >= qs)?;
    if opening <= cue + 2 {
        return None; // "said: \u{201c}...": the quotation itself is the content
    }
    let tag = |i: usize| tokens[i].tag.as_deref().unwrap_or("");
    let pos = |i: usize| tokens[i].pos.as_deref().unwrap_or("");
    let finite = |i: usize| {
        matches!(tag(i), "VBD" | "VBZ" | "VBP" | "MD") && matches!(pos(i), "VERB" | "AUX")
    };
    let that =
        (cue + 1..opening).find(|&i| doc.slice(tokens[i].span()).eq_ignore_ascii_case("that"));
    let start = match that {
        Some(t) if !(cue + 1..t).any(finite) => t + 1,
        _ if matches!(
            pos(cue + 1),
            "DET" | "PRON" | "PROPN" | "NOUN" | "ADJ" | "NUM"
        ) && (cue + 2..opening).any(finite) =>
        {
            cue + 1
        }
        _ => return None,
    };
    let last = in_sentence.end.checked_sub(1)?;
    (start < last).then(|| token_span(doc, start, last))
}

/// The first token of a name signing a quotation that ends at char `qe`: a dash, then
/// one to four capitalized proper nouns.
fn signature_after(doc: &Doc, tokens: &[Token], qe: usize) -> Option<(usize, usize)> {
    let rest = &doc.text()[doc.char_to_byte(qe)..];
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    let dash = trimmed.chars().next()?;
    if !matches!(dash, '\u{2015}' | '\u{2014}' | '\u{2013}' | '-') {
        return None;
    }
    let after_dash = qe + rest[..rest.len() - trimmed.len()].chars().count() + 1;
    let first = tokens.partition_point(|t| t.start < after_dash);
    let names = tokens[first..]
        .iter()
        .take(4)
        .take_while(|t| {
            t.pos.as_deref() == Some("PROPN")
                && doc.text()[doc.char_to_byte(t.start)..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
        .count();
    // The name follows the dash on the same line.
    let gap = &doc.text()[doc.char_to_byte(after_dash)..doc.char_to_byte(tokens.get(first)?.start)];
    (names > 0 && !gap.contains('\n')).then_some((first, first + names - 1))
}

/// A speaker named by the tokens `lo..=hi` (a signature or a transcript's "PENCE:"):
/// the person or organization found there, else a person of the document whose last name
/// it is (transcripts write "PENCE" for Mike Pence), else the words themselves.
fn name_mention(doc: &Doc, tokens: &[Token], lo: usize, hi: usize) -> Mention {
    let (start, end) = (tokens[lo].start, tokens[hi].end);
    let words = doc.slice(Span::new(start, end)).to_string();
    let inside = doc
        .entities()
        .iter()
        .filter(|e| e.start >= start && e.end <= end)
        .max_by_key(|e| (e.label == EntityLabel::Per, e.end - e.start));
    let by_surname = || {
        let key = words.to_lowercase();
        doc.entities().iter().find(|e| {
            e.label == EntityLabel::Per
                && e.canonical
                    .rsplit(' ')
                    .next()
                    .is_some_and(|last| last.to_lowercase() == key)
        })
    };
    let (canonical, entity_id) = match inside.or_else(by_surname) {
        Some(e) => (Some(e.canonical.clone()), Some(e.entity_id.clone())),
        None => (Some(words), None),
    };
    Mention {
        start,
        end,
        canonical,
        entity_id,
    }
}

/// Title-case lines with "Says"/"Said": (tokens of the speaker, content start, content
/// end), the content after the cue or, when the cue ends the line, before the speaker.
fn headline_says(doc: &Doc, tokens: &[Token]) -> Vec<((usize, usize), usize, usize)> {
    let text = doc.text();
    let word = |i: usize| doc.slice(tokens[i].span());
    let capital = |i: usize| word(i).chars().next().is_some_and(char::is_uppercase);
    let mut out = Vec::new();
    let mut line_start = 0usize;
    let n_chars = doc.char_len();
    while line_start < n_chars {
        let rest = &text[doc.char_to_byte(line_start)..];
        let line_len = rest
            .find('\n')
            .map_or_else(|| rest.chars().count(), |b| rest[..b].chars().count());
        let line_end = line_start + line_len;
        let range = tokens_within(tokens, line_start, line_end);
        if crate::entities::title_case(doc, &tokens[range.clone()]) {
            if let Some(cue) = range.clone().find(|&i| {
                matches!(
                    word(i),
                    "Says" | "Said" | "Shows" | "Finds" | "Warns" | "Claims" | "Predicts" | "Tells"
                )
            }) {
                // The speaker: capitalized words right before the cue.
                let mut lo = cue;
                while lo > range.start && cue - lo < 4 && capital(lo - 1) && word(lo - 1) != "," {
                    lo -= 1;
                }
                let after: Vec<usize> = (cue + 1..range.end)
                    .filter(|&i| tokens[i].pos.as_deref() != Some("PUNCT"))
                    .collect();
                if lo < cue {
                    if after.len() >= 3 {
                        let (s, e) = (tokens[cue + 1].start, tokens[*after.last().unwrap()].end);
                        out.push(((lo, cue - 1), s, e));
                    } else if lo > range.start && word(lo - 1) == "," && lo - 1 > range.start {
                        let (s, e) = (tokens[range.start].start, tokens[lo - 2].end);
                        out.push(((lo, cue - 1), s, e));
                    }
                }
            }
        }
        line_start = line_end + 1;
    }
    out
}

/// Words that open a paragraph with a colon without naming a speaker.
const NOT_SPEAKERS: &[&str] = &[
    "note",
    "update",
    "updated",
    "editor",
    "editors",
    "photo",
    "video",
    "watch",
    "read",
    "related",
    "correction",
    "source",
    "sources",
    "q",
    "a",
    "question",
    "answer",
    "see",
    "also",
    "warning",
    "disclaimer",
    "caption",
    "credit",
    "image",
    "listen",
    "more",
    "click",
    "breaking",
];

/// Paragraphs opened by a speaker's name and a colon: (tokens of the name, content start,
/// content end, whether the name is in capitals as transcripts write it).
fn colon_turns(doc: &Doc, tokens: &[Token]) -> Vec<((usize, usize), usize, usize, bool)> {
    let text = doc.text();
    let mut out = Vec::new();
    let mut line_start = 0usize; // char offset
    let chars: Vec<char> = text.chars().collect();
    while line_start < chars.len() {
        let line_end = chars[line_start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| line_start + p);
        let first = tokens.partition_point(|t| t.start < line_start);
        // An opening quotation mark may precede the name.
        let first = match tokens.get(first) {
            Some(t)
                if t.pos.as_deref() == Some("PUNCT")
                    && t.end <= line_end
                    && t.end - t.start == 1 =>
            {
                first + 1
            }
            _ => first,
        };
        let colon = (first..(first + 5).min(tokens.len()))
            .find(|&i| tokens[i].start < line_end && doc.slice(tokens[i].span()) == ":");
        if let Some(colon) = colon.filter(|&c| c > first) {
            let words: Vec<&str> = (first..colon)
                .map(|i| doc.slice(tokens[i].span()))
                .collect();
            let capitalized = words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            // A name, a transcript's capitals, or a finding that speaks ("Poll: Clinton and
            // Trump in dead heat"; on PolNeAR train such a "Poll:" or "Report:" was always a
            // source).
            let named = (first..colon).any(|i| tokens[i].pos.as_deref() == Some("PROPN"))
                || words.iter().all(|w| w.chars().all(|c| !c.is_lowercase()))
                || words.len() == 1
                    && matches!(
                        words[0].to_lowercase().as_str(),
                        "poll" | "polls" | "survey" | "report" | "study"
                    );
            let stop = words
                .iter()
                .any(|w| NOT_SPEAKERS.contains(&w.to_lowercase().as_str()));
            let (start, end) = (tokens[colon].end, line_end);
            let content = &text[doc.char_to_byte(start)..doc.char_to_byte(end)];
            let trimmed = content
                .trim()
                .trim_end_matches(['"', '\u{201d}'])
                .trim_end();
            if capitalized && named && !stop && trimmed.chars().count() >= 15 {
                let lead = content.chars().take_while(|c| c.is_whitespace()).count();
                let transcript = words.iter().all(|w| w.chars().all(|c| !c.is_lowercase()));
                out.push((
                    (first, colon - 1),
                    start + lead,
                    start + lead + trimmed.chars().count(),
                    transcript,
                ));
            }
        }
        line_start = line_end + 1;
    }
    out
}

/// A quotation that goes on with the speaker and channel of an earlier quote.
fn continuing(earlier: &Quote, start: usize, end: usize) -> Quote {
    Quote {
        start,
        end,
        kind: QuoteKind::Direct,
        speaker: earlier.speaker.clone(),
        via: earlier.via.clone(),
        cue: earlier.cue,
    }
}

/// The quotes of an analyzed document as the extractor finds them before the learned edge
/// ranker moves their edges: what that ranker is trained on.
pub fn unrefined_quotes(doc: &Doc) -> Vec<Quote> {
    extract(doc, false)
}

fn extract(doc: &Doc, refine_edges: bool) -> Vec<Quote> {
    let tokens = doc.tokens();
    if tokens.is_empty() {
        return Vec::new();
    }
    let tree = Tree::new(tokens);
    let quotes_marks = tree.quotations(doc);
    let mut out: Vec<Quote> = Vec::new();

    // (quote, cue token) candidates; nesting is resolved after all are found.
    let mut found: Vec<(Quote, usize)> = Vec::new();
    let lexicon = CueLexicon::english();
    for v in 0..tokens.len() {
        let lemma = tree.lemma(v);
        let according = lemma == "accord"
            && tree
                .child(v, &["fixed"])
                .is_some_and(|c| tree.lemma(c) == "to");
        let verb = matches!(tokens[v].pos.as_deref(), Some("VERB"));
        let listed = CUES.contains(&lemma);
        let learned =
            verb && !listed && lexicon.is_cue(&lemma.to_lowercase(), frame(doc, &tree, v));
        if !(listed && verb || learned || according) {
            continue;
        }
        // A speech verb inside a quotation is part of what is quoted ("I think ..."); one
        // that modifies a noun attributes nothing ("the so-called \u{201c}deal\u{201d}").
        if inside_quotation(quotes_marks, tokens[v].start) || tree.dep(v) == "amod" {
            continue;
        }
        // "Asked about the device, O'Neill said ...": the question put to the speaker, whose
        // answer the main verb attributes.
        if question_put(&tree, v) {
            continue;
        }
        // Speaker and channel.
        // "according to X": UD makes "according" the case marker of X.
        let source_of_according = tokens[v].head.filter(|&h| h != v && h > v);
        let (speaker, via) = if according {
            // "according to a statement from the ministry": the ministry speaks.
            let author = |o: usize| {
                matches!(
                    tree.lemma(o).to_lowercase().as_str(),
                    "statement" | "report" | "release" | "letter" | "filing" | "document"
                )
                .then(|| {
                    tree.children[o].iter().copied().find(|&n| {
                        tree.dep(n) == "nmod"
                            && tree
                                .child(n, &["case"])
                                .is_some_and(|c| matches!(tree.lemma(c), "from" | "by"))
                    })
                })
                .flatten()
            };
            (
                source_of_according.map(|o| mention(doc, &tree, author(o).unwrap_or(o))),
                None,
            )
        } else if lemma == "quote" {
            // "SANA quoted Putin as saying ...": the object speaks, the subject relays.
            let obj = tree.child(v, &["obj"]);
            let subj = tree.subject(v);
            (
                obj.map(|o| mention(doc, &tree, o)),
                subj.and_then(|s| speaker_token(doc, &tree, s))
                    .map(|s| mention(doc, &tree, s)),
            )
        } else {
            // "..., adding that ...": a participle takes the subject of the clause it hangs on.
            let subj = tree.subject(v).or_else(|| {
                if matches!(tree.dep(v), "advcl" | "xcomp" | "conj") {
                    tokens[v]
                        .head
                        .filter(|&h| h != v)
                        .and_then(|h| tree.subject(h))
                } else {
                    None
                }
            });
            // A reporting verb above this one relays it: "It added that Putin said ..." (not
            // one inside a quotation, where the parse may have hung the cue, and only a
            // verb of speech, above and below: in "The Kremlin said Putin and Assad discussed
            // the process" the Kremlin speaks, and in "She noted that Trump supported the
            // invasion" she does).
            let via = tokens[v]
                .head
                .filter(|&h| {
                    h != v
                        && SAYING.contains(&lemma)
                        && tree.dep(v) == "ccomp"
                        && CUES.contains(&tree.lemma(h))
                        && !inside_quotation(quotes_marks, tokens[h].start)
                })
                .and_then(|h| tree.subject(h))
                .map(|s| mention(doc, &tree, s));
            (
                subj.and_then(|s| speaker_token(doc, &tree, s))
                    .map(|s| mention(doc, &tree, s)),
                via,
            )
        };
        // "as saying": the content hangs on "saying", attached to "quoted".
        let content_head = if lemma == "quote" {
            tree.child(v, &["ccomp", "parataxis"]).or_else(|| {
                tree.child(v, &["advcl", "xcomp"])
                    .and_then(|s| tree.child(s, &["ccomp", "parataxis"]))
            })
        } else {
            // Not a relative clause before the cue the parser took for its complement
            // ("Anna Smit, who leads the group, said ..."): it describes the speaker. Of two
            // complements, the one after the cue ("Claiming ..., Trump told Fox that ...").
            let complements: Vec<usize> = tree.children[v]
                .iter()
                .copied()
                .filter(|&c| {
                    let (lo, hi) = tree.extent(c);
                    matches!(tree.dep(c), "ccomp" | "parataxis" | "advcl:relcl")
                        && !relative_clause_before(tokens, lo, hi, v)
                        // "called the proposal X, which, he said, Y": what is called X
                        // is the content; a clause beside it belongs to another verb.
                        && !(lemma == "call"
                            && tree.dep(c) == "parataxis"
                            && tree.child(v, &["obj"]).is_some())
                })
                .collect();
            let after = complements.iter().copied().find(|&c| c > v);
            after
                .filter(|_| complements.len() > 1)
                .or_else(|| complements.first().copied())
                .or_else(|| {
                    // Attributions whose content is a noun phrase or an infinitive: "X called
                    // for a moratorium", "a poll shows Clinton ahead", "X urged Congress to act".
                    speaker.as_ref()?;
                    if lemma == "call" {
                        // "called for X"; "called the charges unsubstantiated".
                        return tree
                            .child(v, &["obl"])
                            .filter(|&o| {
                                tree.child(o, &["case"])
                                    .is_some_and(|c| tree.lemma(c) == "for")
                            })
                            .or_else(|| {
                                tree.child(v, &["obj"])
                                    .and(tree.child(v, &["xcomp", "obl:unmarked"]))
                            })
                            .or_else(|| {
                                // "called her vote a mistake" parsed with two objects: the second.
                                let objs: Vec<usize> = tree.children[v]
                                    .iter()
                                    .copied()
                                    .filter(|&c| tree.dep(c) == "obj")
                                    .collect();
                                (objs.len() == 2).then(|| objs[1])
                            });
                    }
                    if NOUN_CONTENT.contains(&lemma) || learned {
                        return tree
                            .child(v, &["xcomp"])
                            .or_else(|| tree.child(v, &["obj"]));
                    }
                    None
                })
        };
        // The clause around a cue that comes after its content ("CONTENT, X said.", "CONTENT,
        // according to X"): the clause the cue hangs on, without the cue's own words.
        let around = |attached: usize, own: usize| -> Option<(usize, usize)> {
            let clause = tokens[attached].head.filter(|&h| h != attached)?;
            let (lo, hi) = tree.extent(clause);
            let (olo, ohi) = tree.extent(own);
            let (lo, hi) = if olo.saturating_sub(lo) >= hi.saturating_sub(ohi) {
                (lo, olo.checked_sub(1)?)
            } else {
                (ohi + 1, hi)
            };
            (lo <= hi).then(|| token_span(doc, lo, hi))
        };
        // A cue set off by commas inside its content ("Too often, Mr. Clarke said, the
        // debate ..."): its own words end with a comma, or a comma follows them.
        // A cue in a clause of its own kind ("..., when the police told her to leave"): an
        // order or a time clause, not the attribution of the words before it.
        let subordinate = |cue: usize| {
            // The subordinator opens the cue's own stretch of the sentence (after the last
            // comma before it), not a clause the parser misattached ("Even if ..., X said,").
            let segment_start = (0..cue)
                .rev()
                .find(|&i| doc.slice(tokens[i].span()) == ",")
                .map_or(0, |i| i + 1);
            tree.child(cue, &["xcomp"]).is_some()
                || tree.children[cue].iter().any(|&c| {
                    c >= segment_start
                        && matches!(tree.dep(c), "advmod" | "mark")
                        && matches!(
                            tree.lemma(c).to_lowercase().as_str(),
                            "when"
                                | "while"
                                | "after"
                                | "before"
                                | "because"
                                | "if"
                                | "since"
                                | "until"
                        )
                })
        };
        let set_off = |cue: usize| {
            let (_, ohi) = tree.extent(cue);
            let comma = |i: usize| tokens.get(i).is_some_and(|t| doc.slice(t.span()) == ",");
            comma(ohi) || comma(ohi + 1)
        };
        // A quotation right before the cue's clause ("\"...,\" X told reporters") or right
        // after it ("X said: \"...\"") is what the cue introduces.
        let cue_sentence = sentence_at(doc, tokens[v].start);
        let speaker_start = speaker
            .as_ref()
            .map_or(tokens[v].start, |m| m.start.min(tokens[v].start));
        let speaker_end = speaker
            .as_ref()
            .map_or(tokens[v].end, |m| m.end.max(tokens[v].end));
        let adjacent = cue_sentence.and_then(|s| {
            quotes_marks.iter().copied().find(|&(qs, qe)| {
                // A quotation of several sentences ends in the cue's sentence, or opens right
                // after the cue ("X said, \u{201c}A. B.\u{201d}"; not after its stop).
                let before = qe <= speaker_start && qe > s.start && speaker_start - qe <= 3;
                // ... or after the listener and a comma or colon ("X told his radio
                // audience on Monday, \u{201c}A. B.\u{201d}").
                // (Offsets count chars, so the gap's length needs no counting: a document's
                // far quotations are passed over without reading what lies between.)
                let after = (qs >= speaker_end && qs - speaker_end <= 60).then(|| {
                    let b = doc.slice(Span::new(speaker_end, qs));
                    !b.contains(['.', '!', '?'])
                        && (qs - speaker_end <= 3 || b.trim_end().ends_with([',', ':']))
                }) == Some(true);
                (before || after) && qe - qs > 10
            })
        });
        // Verbs that name what their object is: what was said is the object and its name.
        let naming = matches!(
            lemma,
            "call"
                | "describe"
                | "characterize"
                | "characterise"
                | "label"
                | "brand"
                | "dub"
                | "term"
                | "portray"
        );
        let (mut start, mut end) = if let (Some((qs, qe)), false) = (adjacent, according) {
            (qs + 1, qe - 1)
        } else if according {
            // The sentence without the "according to X" phrase when it stands at an edge.
            // In the middle, what comes before it (the writer goes on after the source:
            // "..., according to the budget office, and the top 10 percent paid ..."),
            // unless that is only a few words ("The plan, according to X, ...").
            let Some(x) = source_of_according else {
                continue;
            };
            let Some(sentence) = sentence_at(doc, tokens[v].start) else {
                continue;
            };
            // The phrase ends at its noun phrase's end, or at the first comma after the
            // source where the parse made the source the head of the whole sentence.
            let x_end = tree.extent(x).1;
            let x_end = (x..=x_end)
                .find(|&i| doc.slice(tokens[i].span()) == ",")
                .map_or(x_end, |comma| comma - 1);
            let (_, phrase_end) = token_span(doc, v, x_end);
            let phrase_start = tokens[v].start;
            if phrase_start - sentence.start < 3 {
                (phrase_end, sentence.end)
            } else if sentence.end - phrase_end < 3 || phrase_start - sentence.start >= 20 {
                (sentence.start, phrase_start)
            } else {
                (sentence.start, sentence.end)
            }
        } else if let (None, true) = (
            content_head,
            matches!(tree.dep(v), "parataxis" | "advcl" | "conj")
                // "X described it as ominous, and said ...": a verb joined by "and" says
                // what follows it, not the clause it is joined to.
                && !(tree.dep(v) == "conj" && tree.child(v, &["cc"]).is_some())
                && tokens[v]
                    .head
                    .is_some_and(|h| h < v || speaker.is_some() && set_off(v))
                && SAYING.contains(&lemma)
                && !subordinate(v),
        ) {
            match around(v, v) {
                Some(span) => span,
                None => continue,
            }
        } else if let Some(c) = content_head {
            let (mut lo, mut hi) = tree.extent(c);
            // A noun-phrase content goes on with what the cue adds after it ("blamed
            // low-level workers for this behavior").
            // It stops at a phrase that sets the scene of the saying, a time or a place
            // or an occasion ("on Friday", "in a statement", "during a campaign stop").
            if tree.dep(c) == "obj" {
                for &d in &tree.children[v] {
                    if d < c
                        || !matches!(
                            tree.dep(d),
                            "obl" | "obl:tmod" | "obl:unmarked" | "advcl" | "xcomp"
                        )
                    {
                        continue;
                    }
                    if scene_of_saying(doc, &tree, d) {
                        break;
                    }
                    hi = hi.max(tree.extent(d).1);
                }
            }
            // "called her vote a mistake", "described the incident as a terrible
            // situation": the object and what it is called.
            if naming && matches!(tree.dep(c), "xcomp" | "obj" | "obl" | "obl:unmarked") {
                if let Some(o) = tree.child(v, &["obj"]) {
                    lo = lo.min(tree.extent(o).0);
                }
            }
            // A noun phrase's relative clause set off by a comma is the writer's aside
            // ("called it \u{201c}a fair basis\u{201d}, which, he said, ..."), not the content.
            if matches!(tree.dep(c), "xcomp" | "obj" | "obl:unmarked") {
                for &r in &tree.children[c] {
                    let (rlo, rhi) = tree.extent(r);
                    // (The clause may open the text, with nothing before it.)
                    let comma = if doc.slice(tokens[rlo].span()) == "," {
                        rlo
                    } else {
                        rlo.saturating_sub(1)
                    };
                    if tree.dep(r) == "acl:relcl"
                        && rhi == hi
                        && comma > lo + 1
                        && doc.slice(tokens[comma].span()) == ","
                    {
                        hi = comma - 1;
                    }
                }
                while hi > lo
                    && tokens[hi].pos.as_deref() == Some("PUNCT")
                    && !matches!(doc.slice(tokens[hi].span()), "\"" | "\u{201d}")
                {
                    hi -= 1;
                }
            }
            // A second reported clause joined by "and that" goes on the content, where the
            // parse hangs it on the cue ("said that A, and that B").
            if tree.dep(c) == "ccomp" && c > v {
                for &d in &tree.children[v] {
                    if d > hi
                        && tree.dep(d) == "conj"
                        && tree
                            .child(d, &["mark"])
                            .is_some_and(|m| tree.lemma(m) == "that" && m <= hi + 3)
                    {
                        hi = hi.max(tree.extent(d).1);
                    }
                }
            }
            // A clause before its attribution runs to the comma that sets the attribution
            // off ("Stocks rose as oil prices fell, traders said."), whatever words the parse
            // hung elsewhere on the way (a verb mistagged as an adverb, "fell", on "said").
            if c < v && matches!(tree.dep(c), "ccomp" | "parataxis") {
                let comma = (hi + 1..v)
                    .take_while(|&i| tokens[i].end <= speaker_start)
                    .last()
                    .filter(|&i| doc.slice(tokens[i].span()) == ",");
                if let Some(comma) = comma {
                    let words_between = hi + 1..comma;
                    if !words_between.is_empty()
                        && words_between.clone().all(|i| {
                            tokens[i].pos.as_deref() != Some("PUNCT")
                                && !inside_quotation(quotes_marks, tokens[i].start)
                        })
                    {
                        hi = comma - 1;
                    }
                }
            }
            // Skip the complementizer "that", and the preposition of a topic ("talked
            // about the economy", "called for a recount": what was said is the economy).
            let lo = if tree.lemma(lo) == "that" && lo < hi
                || lo < hi
                    && lo < c
                    && tree.dep(lo) == "case"
                    && tokens[lo].head == Some(c)
                    && lemma != "accord"
            {
                lo + 1
            } else {
                lo
            };
            token_span(doc, lo, hi)
        } else {
            // A direct quote next to the cue with no clause link: the quotation in the sentence.
            let cue_start = tokens[v].start;
            let sentence = sentence_at(doc, cue_start);
            match quotes_marks.iter().find(|&&(qs, qe)| {
                sentence.is_some_and(|s| qs >= s.start.saturating_sub(2) && qe <= s.end + 2)
            }) {
                // A quotation closing a reported clause the parse did not link to the cue
                // ("She says Trump's tweets ... are \u{201c}lies ...\u{201d}"): the clause.
                Some(&(qs, qe)) if speaker.is_some() && SAYING.contains(&lemma) => {
                    mixed_clause(doc, tokens, v, qs)
                        .or_else(|| reported_clause(doc, tokens, v).filter(|c| c.0 < qs))
                        .unwrap_or((qs, qe))
                }
                Some(&(qs, qe)) => (qs, qe),
                None if speaker.is_some() && SAYING.contains(&lemma) => {
                    match reported_clause(doc, tokens, v) {
                        Some(span) => span,
                        None => continue,
                    }
                }
                None => continue,
            }
        };
        // A content that stops on a preposition or determiner right before a quotation
        // goes on into it ("to blame for focusing on \u{201c}he said this, he tweeted
        // that\u{201d}", where the parse read the quotation's own verb apart).
        {
            let last = tokens_within(tokens, start, end).last();
            let open = last.and_then(|l| {
                let next = tokens.get(l + 1)?;
                quotes_marks
                    .iter()
                    .find(|&&(qs, _)| qs == next.start)
                    .copied()
            });
            if let (Some(l), Some((_, qe))) = (last, open) {
                if matches!(tokens[l].pos.as_deref(), Some("ADP" | "DET")) && qe > end {
                    end = qe - 1;
                }
            }
        }
        // A participle set off by a comma at the end is the writer's comment on what was
        // said ("... against Ohio's procedure, dealing a blow to the secretary of state").
        if !according {
            let within = tokens_within(tokens, start, end);
            // The comma may close a quotation ("as a \u{201c}strong leader,\u{201d} comparing
            // him to ..."): the cut then comes after the closing mark.
            let closes = |i: usize| {
                matches!(doc.slice(tokens[i].span()), "\u{201d}" | "\"")
                    && doc.slice(tokens[i - 1].span()) == ","
            };
            let comment = within.clone().skip(1).find(|&i| {
                (doc.slice(tokens[i].span()) == ","
                    && !inside_quotation(quotes_marks, tokens[i].start)
                    || closes(i))
                    && tokens.get(i + 1).is_some_and(|t| {
                        t.tag.as_deref() == Some("VBG")
                            && !matches!(doc.slice(t.span()), "including" | "according")
                    })
                    && tree.extent(i + 1).1 + 1 >= within.end
                    && tokens[i].start >= start + 20
            });
            if let Some(i) = comment {
                end = if closes(i) {
                    tokens[i].end
                } else {
                    tokens[i].start
                };
            }
        }
        // "called Wells Fargo's behavior “outrageous”": the quotation names the object.
        if let Some(o) = tree.child(v, &["obj"]).filter(|_| naming) {
            let (lo, hi) = tree.extent(o);
            // Only words such as "as a" between the object and its name.
            let joined = (hi + 1..tokens.len())
                .take_while(|&i| tokens[i].end <= start)
                .all(|i| {
                    !matches!(tokens[i].pos.as_deref(), Some("VERB" | "AUX" | "PROPN"))
                        && !matches!(doc.slice(tokens[i].span()), "," | "." | ";" | ":")
                });
            if tokens[v].end < tokens[lo].start && tokens[lo].start < start && joined {
                start = tokens[lo].start;
            }
        }
        // Widen to a quotation that overlaps the content; strip edge punctuation.
        for &(qs, qe) in quotes_marks {
            if qs < end && start < qe && !(qs <= tokens[v].start && tokens[v].end <= qe) {
                start = start.min(qs + 1);
                end = end.max(qe - 1);
            }
        }
        let text = doc.text();
        let (bs, be) = (doc.char_to_byte(start), doc.char_to_byte(end));
        let trimmed = text[bs..be].trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ':' | ';' | '"' | '“' | '”' | '«' | '»')
        });
        if trimmed.is_empty() {
            continue;
        }
        let lead = text[bs..be].find(trimmed).unwrap_or(0);
        let start = doc.byte_to_char(bs + lead);
        let end = doc.byte_to_char(bs + lead + trimmed.len());
        if end <= start || end - start < 8 {
            continue;
        }
        // Kind: inside one quotation → direct; containing a quotation → mixed; else indirect.
        // Only the quotations that can overlap the content (sorted, non-overlapping).
        let near = {
            let first = quotes_marks.partition_point(|&(_, qe)| qe < start);
            let last = quotes_marks.partition_point(|&(qs, _)| qs < end + 1);
            &quotes_marks[first..last.max(first)]
        };
        let quoted: usize = near
            .iter()
            .map(|&(qs, qe)| (qe.min(end + 1)).saturating_sub(qs.max(start.saturating_sub(1))))
            .filter(|&n| n > 0)
            .sum();
        let inside = near
            .iter()
            .any(|&(qs, qe)| qs < start && end < qe || (qs <= start && end <= qe));
        let kind = if inside {
            QuoteKind::Direct
        } else if quoted > 0 {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        };
        // "according to" is one cue of two words.
        let cue_end = if according && v + 1 < tokens.len() {
            tokens[v + 1].end
        } else {
            tokens[v].end
        };
        found.push((
            Quote {
                start,
                end,
                kind,
                speaker,
                via,
                cue: Some(Span::new(tokens[v].start, cue_end)),
            },
            v,
        ));
    }
    // "X said ..., according to a statement": the statement is the channel of X's words,
    // not a second attribution.
    let according_of: Vec<bool> = found
        .iter()
        .map(|(_, cue)| tree.lemma(*cue) == "accord")
        .collect();
    let mut dropped = vec![false; found.len()];
    for i in 0..found.len() {
        if !according_of[i] {
            continue;
        }
        let (aq, acue) = (found[i].0.clone(), found[i].1);
        if let Some(j) = (0..found.len()).find(|&j| {
            !according_of[j]
                && found[j].0.start < aq.end + 2
                && aq.start < found[j].0.end + 2
                && found[j].1 != acue
        }) {
            dropped[i] = true;
            let phrase_start = tokens[acue].start;
            let q = &mut found[j].0;
            if q.via.is_none() {
                q.via = aq.speaker.clone();
            }
            // Cut the phrase off the content it ends.
            if q.start < phrase_start && phrase_start < q.end {
                let cut = doc.text()[doc.char_to_byte(q.start)..doc.char_to_byte(phrase_start)]
                    .trim_end_matches([',', ' ']);
                q.end = q.start + cut.chars().count();
            }
        }
    }
    let found: Vec<(Quote, usize)> = found
        .into_iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(f, _)| f)
        .collect();
    // Nested cues ("It added that Putin said X"): an attribution whose content holds another
    // cue that it relays is replaced by that inner one; identical contents are kept once.
    for (i, (q, _)) in found.iter().enumerate() {
        let relays = found.iter().any(|(inner, cue)| {
            inner.via.is_some() && q.start <= tokens[*cue].start && tokens[*cue].end <= q.end
        });
        let duplicate = found[..i]
            .iter()
            .any(|(p, _)| p.start == q.start && p.end == q.end);
        if !relays && !duplicate {
            out.push(q.clone());
        }
    }

    // "\u{201c}...,\u{201d} said MSNBC host Chris Matthews.": the shape names the speaker,
    // whatever the parse made of the words (it often takes the name for an object or a clause).
    for (content, speaker, np, cue) in said_after(doc, &tree) {
        out.retain(|q| !(np.0 <= q.start && q.end <= np.1));
        let m = mention(doc, &tree, speaker);
        let cue = tokens[cue].span();
        match out
            .iter_mut()
            .find(|q| q.start < content.1 && content.0 < q.end)
        {
            Some(q) => {
                q.speaker = Some(m);
                q.cue = q.cue.or(Some(cue));
            }
            None => out.push(marked(quotes_marks, content, Some(m), Some(cue))),
        }
    }
    for (content, speaker, cue) in name_then_says(doc, &tree, quotes_marks) {
        let m = mention(doc, &tree, speaker);
        out.retain(|q| !(q.start < content.1 && content.0 < q.end));
        out.push(Quote {
            start: content.0,
            end: content.1,
            kind: QuoteKind::Direct,
            speaker: Some(m),
            via: None,
            cue: Some(tokens[cue].span()),
        });
    }
    // Quotations nobody claimed (see `claim_quotations`); again once the rules below have
    // given their quotes speakers.
    claim_quotations(doc, &tree, quotes_marks, &mut out);
    // "The governor added:" closing a paragraph: the next paragraph is what was said.
    for (content, subject, cue) in colon_paragraphs(doc, &tree) {
        if out.iter().any(|q| q.start < content.1 && content.0 < q.end) {
            continue;
        }
        out.push(Quote {
            start: content.0,
            end: content.1,
            kind: QuoteKind::Direct,
            speaker: Some(mention(doc, &tree, subject)),
            via: None,
            cue: Some(tokens[cue].span()),
        });
    }
    // Lines that name their speaker without a parse to go by: headlines in title case,
    // which the tagger reads poorly ("Obama Says Museum Will Tell of 'Suffering'",
    // "Trump Could Address Clean Energy, Lindsey Graham Says"), then transcripts and
    // headlines that give the speaker before a colon at the start of a paragraph
    // ("PENCE: Well, ...", "Pence: Trump Was 'Mocking' Clinton Camp").
    let headlines = headline_says(doc, tokens)
        .into_iter()
        .map(|(name, s, e)| (name, s, e, QuoteKind::Indirect));
    let turns = colon_turns(doc, tokens)
        .into_iter()
        .map(|(name, s, e, transcript)| {
            let kind = if transcript {
                QuoteKind::Direct
            } else {
                QuoteKind::Indirect
            };
            (name, s, e, kind)
        });
    for ((lo, hi), start, end, kind) in headlines.chain(turns) {
        // A transcript's turn ("PENCE: ...") is the speaker's, whatever the parse found
        // inside it; other lines give way to quotes already found.
        if kind == QuoteKind::Direct {
            out.retain(|q| !(q.start < end && start < q.end));
        }
        if out.iter().any(|q| q.start < end && start < q.end) {
            continue;
        }
        out.push(Quote {
            start,
            end,
            kind,
            speaker: Some(name_mention(doc, tokens, lo, hi)),
            via: None,
            cue: None,
        });
    }
    // A quote inside another one by the same entity is part of it (the verbatim piece of
    // a mixed quote).
    let snapshot = out.clone();
    out.retain(|q| {
        !snapshot.iter().any(|o| {
            (o.start, o.end) != (q.start, q.end)
                && o.start <= q.start
                && q.end <= o.end
                && o.speaker
                    .as_ref()
                    .and_then(|s| s.entity_id.as_ref())
                    .is_some()
                && o.speaker.as_ref().and_then(|s| s.entity_id.as_ref())
                    == q.speaker.as_ref().and_then(|s| s.entity_id.as_ref())
        })
    });
    // "The latest test, North Korea said, was its biggest yet": a cue set off by commas in
    // the middle of what was said, whatever the parse made of it.
    for (content, speaker, first, cue) in set_off_cues(doc, &tree) {
        let cue = Some(tokens[cue].span());
        let (said_by, cue) = match out
            .iter_mut()
            .find(|q| q.start < content.1 && content.0 < q.end)
        {
            Some(q) if q.speaker.is_none() => {
                q.speaker = Some(mention(doc, &tree, speaker));
                (q.speaker.clone(), q.cue.or(cue))
            }
            Some(q) => (q.speaker.clone(), q.cue.or(cue)),
            None => {
                let m = mention(doc, &tree, speaker);
                out.push(marked(quotes_marks, content, Some(m.clone()), cue));
                (Some(m), cue)
            }
        };
        // The part before the cue is said by the same speaker: "The latest test" of "The
        // latest test, North Korea said, was its biggest yet".
        if let Some(first) = first {
            if !out.iter().any(|q| q.start < first.1 && first.0 < q.end) {
                out.push(marked(quotes_marks, first, said_by, cue));
            }
        }
    }
    for (content, speaker, tail, cue) in trailing_says(doc, &tree) {
        // A quote the parse gave a content that swallows the speaker's name is replaced, and
        // so is one the parse cut short: the clause before the comma is the content, whatever
        // the parser made of its subject ("A climate accord could not simply be ..., he
        // said" with "be" taken for the whole complement).
        let name = tokens[speaker].span();
        out.retain(|q| {
            let swallows = q.start <= name.start && name.end <= q.end && q.start < content.1;
            let cut_short = content.0 < q.start && q.end <= content.1;
            // Nor is a "content" the parse found in the words after the verb ("told
            // journalists after the gathering" with "gathering" taken for a verb).
            let in_tail = tail.0 <= q.start && q.end <= tail.1;
            !(swallows || cut_short || in_tail)
        });
        if !out.iter().any(|q| q.start < content.1 && content.0 < q.end) {
            out.push(marked(
                quotes_marks,
                content,
                Some(mention(doc, &tree, speaker)),
                Some(tokens[cue].span()),
            ));
        }
    }
    claim_quotations(doc, &tree, quotes_marks, &mut out);
    learned_contents(doc, &tree, quotes_marks, &mut out);
    // Nothing inside the question put to a speaker ("Asked to describe the device, ...").
    let questions: Vec<(usize, usize)> = (0..tokens.len())
        .filter(|&v| question_put(&tree, v))
        .map(|v| {
            let (lo, hi) = tree.extent(v);
            token_span(doc, lo, hi)
        })
        .collect();
    out.retain(|q| !questions.iter().any(|&(s, e)| s <= q.start && q.end <= e));
    ranked_speakers(doc, &tree, quotes_marks, &mut out);
    cut_summary_asides(doc, &tree, &mut out);
    drop_nested(&mut out);
    drop_times(doc, tokens, &mut out);
    drop_titles(doc, &mut out);
    out.sort_by_key(|q| (q.start, q.end));
    if refine_edges {
        if let Some(model) = crate::attribution::boundary::bundled() {
            crate::attribution::boundary::refine(model, doc, &tree, quotes_marks, &mut out);
            // The ranker knows no asides: one it took in is cut again.
            cut_summary_asides(doc, &tree, &mut out);
            // Two quotes that overlap before the ranker ("Nobody opposed him" and "him — he
            // was confirmed 92 to 0"; 23 pairs in PolNeAR's 840 training articles) can
            // cross as it moves their edges; the layer is kept in order.
            out.sort_by_key(|q| (q.start, q.end));
        }
    }
    organizations_speak_again(doc, &mut out);
    for q in &mut out {
        if q.kind == QuoteKind::Indirect && is_stance(doc, &tree, q) {
            q.kind = QuoteKind::Stance;
        }
    }
    // The ranker's training reads the quotes before this (`unrefined_quotes`).
    if refine_edges {
        balance_marks(quotes_marks, &mut out);
    }
    out
}

/// Content that holds one mark of a quotation gets back the other, which the trimming of
/// its edges took off: "\u{201c}we will win\u{201d} during a rally", not "we will
/// win\u{201d} during a rally"; "the bill \u{201c}a disgrace.\u{201d}", not "the bill
/// \u{201c}a disgrace.". Done last, after the edge ranker, on the spans it was trained on.
fn balance_marks(quotations: &[(usize, usize)], quotes: &mut [Quote]) {
    for q in quotes.iter_mut() {
        let first = quotations.partition_point(|&(_, qe)| qe <= q.start);
        for &(qs, qe) in &quotations[first..] {
            if qs > q.end {
                break;
            }
            if qs + 1 == q.start && qe <= q.end {
                q.start = qs;
            }
            if qe == q.end + 1 && q.start <= qs {
                q.end = qe;
            }
        }
    }
    quotes.sort_by_key(|q| (q.start, q.end));
}

/// Verbs beyond [`SAYING`] whose noun-phrase or infinitive content is still what was said:
/// "called the charges baseless", "urged Congress to act", "promised to resign".
const STATEMENT_VERBS: &[&str] = &[
    "call",
    "describe",
    "urge",
    "demand",
    "promise",
    "propose",
    "recommend",
    "predict",
    "estimate",
    "suggest",
    "vow",
    "pledge",
    "question",
    "accuse",
    "blame",
    "request",
];

/// A quote of `content` by `speaker` through `cue`, direct, mixed or indirect by the
/// quotation marks in it ([`inside_marks`]).
fn marked(
    marks: &[(usize, usize)],
    content: (usize, usize),
    speaker: Option<Mention>,
    cue: Option<Span>,
) -> Quote {
    Quote {
        start: content.0,
        end: content.1,
        kind: inside_marks(marks, content),
        speaker,
        via: None,
        cue,
    }
}

/// Quotations nobody claimed: a quotation of a few words or more that follows an
/// attributed quote continues it (the same speaker), as multi-paragraph quotes and the
/// quotation after "..., he said." do. `extract` runs it twice: before and after the
/// rules that find speakers by the sentence's shape ("\u{201c}A,\u{201d} Mr. Clarke
/// said."), whose quotes the first run cannot see yet.
fn claim_quotations(
    doc: &Doc,
    tree: &Tree<'_>,
    quotes_marks: &[(usize, usize)],
    out: &mut Vec<Quote>,
) {
    let tokens = tree.tokens;
    for &(qs, qe) in quotes_marks {
        let (start, end) = (qs + 1, qe.saturating_sub(1));
        if end <= start || out.iter().any(|q| q.start < end && start < q.end) {
            continue;
        }
        // Short quotations are mostly scare quotes ("the so-called \u{201c}deal\u{201d}"); a
        // short one that is a sentence of a few words right after an attributed one
        // ("\u{201c}This is not over,\u{201d} he said. \u{201c}We will be back.\u{201d}") goes on.
        let short = end - start < 20;
        let words = doc.text()[doc.char_to_byte(start)..doc.char_to_byte(end)]
            .split_whitespace()
            .count();
        if short && words < 3 {
            continue;
        }
        let previous = out
            .iter()
            .filter(|q| q.end <= start && q.speaker.is_some())
            .max_by_key(|q| q.end)
            .cloned();
        // The text between the previous quote and this one.
        let gap = previous
            .as_ref()
            .map(|p| &doc.text()[doc.char_to_byte(p.end)..doc.char_to_byte(start)]);
        let continued = previous.clone().zip(gap).filter(|(p, gap)| {
            p.kind != QuoteKind::Indirect && gap.chars().filter(|c| c.is_alphabetic()).count() == 0
        });
        if let Some((p, _)) = continued {
            out.push(continuing(&p, start, end));
            continue;
        }
        // The gap, when both quotes lie in one sentence.
        let gap_in_sentence = previous.as_ref().zip(gap).and_then(|(p, gap)| {
            let same_sentence = sentence_at(doc, p.start).map(|s| s.start)
                == sentence_at(doc, start).map(|s| s.start);
            (p.kind == QuoteKind::Direct && same_sentence).then_some(gap)
        });
        // A quotation split by its attribution ("\u{201c}A,\u{201d} Ruiz told the mayor,
        // \u{201c}B.\u{201d}"): the second part goes on the first, through the same cue.
        let split = gap_in_sentence.is_some_and(|gap| {
            !short
                && gap.chars().count() <= 80
                && gap.trim_start().starts_with([',', '"', '\u{201d}'])
                && gap
                    .trim_end()
                    .trim_end_matches(['"', '\u{201c}'])
                    .trim_end()
                    .ends_with(',')
        });
        if let (true, Some(p)) = (split, &previous) {
            // "\u{201c}A,\u{201d} Trump said, adding later, \u{201c}B.\u{201d}": B comes
            // through a cue of its own.
            let mut next = continuing(p, start, end);
            next.cue = tokens_within(tokens, p.end, start)
                .find(|&i| {
                    SAYING.contains(&tree.lemma(i)) && tokens[i].tag.as_deref() == Some("VBG")
                })
                .map(|i| tokens[i].span())
                .or(p.cue);
            out.push(next);
            continue;
        }
        // A second quotation joined to the first by "and" after the attribution ("Oz is
        // \u{201c}smart as hell,\u{201d} Mosko wrote, and \u{201c}full of it.\u{201d}"): the
        // same speaker goes on.
        let joined = gap_in_sentence.is_some_and(|gap| {
            let tail = gap
                .trim_end()
                .trim_end_matches(['"', '\u{201c}'])
                .trim_end();
            gap.chars().count() <= 120 && (tail.ends_with(", and") || tail.ends_with(" and"))
        });
        if let (true, Some(p)) = (joined, &previous) {
            out.push(continuing(p, start, end));
            continue;
        }
        // A quotation signed with a dash and a name, as epigraphs and vox pops are
        // ("\u{201c}...\u{201d} \u{2015} Sonya Herridge").
        if let Some((lo, hi)) = signature_after(doc, tokens, qe).filter(|_| !short) {
            out.push(Quote {
                start,
                end,
                kind: QuoteKind::Direct,
                speaker: Some(name_mention(doc, tokens, lo, hi)),
                via: None,
                cue: None,
            });
            continue;
        }
        // A quotation opening the sentence after an attribution continues it ("X said Y.
        // \"...\""): after a quotation with any speaker, or a paraphrase by a person.
        let sentence_index = {
            let i = doc.sentences().partition_point(|s| s.end <= qs);
            (i < doc.sentences().len() && doc.sentences()[i].start <= qs).then_some(i)
        };
        let prev_sentence = sentence_index
            .and_then(|i| i.checked_sub(1))
            .map(|i| doc.sentences()[i]);
        let quote_is_sentence_start =
            sentence_index.is_some_and(|i| doc.sentences()[i].start + 1 >= qs);
        let attributed_before = prev_sentence.and_then(|ps| {
            out.iter()
                .filter(|q| {
                    q.speaker.as_ref().is_some_and(|sp| {
                        sp.start >= ps.start
                            && sp.end <= ps.end
                            && (q.kind != QuoteKind::Indirect
                                || sp
                                    .entity_id
                                    .as_deref()
                                    .is_some_and(|id| id.starts_with("per:")))
                    })
                })
                .max_by_key(|q| q.end)
                .cloned()
        });
        if let (Some(p), true) = (attributed_before, quote_is_sentence_start) {
            out.push(continuing(&p, start, end));
            continue;
        }
        // A quotation standing alone after a sentence about a person ("Assad thanked Putin
        // ... . \"I think ...\""): that sentence's subject, when it is a person.
        let subject = prev_sentence
            .and_then(|s| main_subject(tree, tokens_within(tokens, s.start, s.end), s.end));
        if let (Some(subj), true) = (subject, quote_is_sentence_start && !short) {
            let m = mention(doc, tree, subj);
            if doc
                .entities()
                .iter()
                .any(|e| e.label == EntityLabel::Per && e.start < m.end && m.start < e.end)
            {
                out.push(Quote {
                    start,
                    end,
                    kind: QuoteKind::Direct,
                    speaker: Some(m),
                    via: None,
                    cue: None,
                });
            }
        }
    }
}

/// Whether an unquoted content is a position or act rather than words: it is a noun
/// phrase or an infinitive (no clause of its own: no finite verb, no subject, no "that")
/// and the word governing it is no verb of saying.
fn is_stance(doc: &Doc, tree: &Tree<'_>, q: &Quote) -> bool {
    let tokens = tree.tokens;
    let inside = tokens_within(tokens, q.start, q.end);
    let Some(top) = inside.clone().find(|&i| {
        tokens[i]
            .head
            .is_some_and(|h| h != i && !inside.contains(&h))
    }) else {
        return false;
    };
    let Some(governor) = tokens[top].head else {
        return false;
    };
    let lemma = tree.lemma(governor);
    // A noun governing it is a title-case headline's misparse or a noun cue ("a call for").
    if tokens[governor].pos.as_deref() != Some("VERB")
        || SAYING.contains(&lemma)
        || STATEMENT_VERBS.contains(&lemma)
    {
        return false;
    }
    let finite = matches!(
        tokens[top].tag.as_deref(),
        Some("VBD" | "VBZ" | "VBP" | "MD")
    );
    let clause = tree.children[top].iter().any(|&c| {
        matches!(tree.dep(c), "nsubj" | "nsubj:pass" | "expl")
            || (tree.dep(c) == "mark"
                && matches!(
                    doc.slice(tokens[c].span()).to_lowercase().as_str(),
                    "that" | "whether" | "if"
                ))
            || (tree.dep(c) == "aux" && tokens[c].tag.as_deref() == Some("MD"))
    });
    !finite && !clause
}

/// Whether tokens `lo..=hi` are a relative clause ("who leads the group") standing before
/// the word `governor` the parser hung them on: their first word (past punctuation) is a
/// relative pronoun, and they end before it.
fn relative_clause_before(tokens: &[Token], lo: usize, hi: usize, governor: usize) -> bool {
    let first = (lo..=hi).find(|&i| tokens[i].pos.as_deref() != Some("PUNCT"));
    hi < governor && first.is_some_and(|f| matches!(tokens[f].tag.as_deref(), Some("WP" | "WP$")))
}

/// Direct when the content lies inside one quotation, else indirect (for contents found
/// by their shape, which never straddle a quotation).
fn inside_marks(marks: &[(usize, usize)], content: (usize, usize)) -> QuoteKind {
    if marks
        .iter()
        .any(|&(qs, qe)| qs < content.0 && content.1 < qe)
    {
        QuoteKind::Direct
    } else {
        QuoteKind::Indirect
    }
}

/// The kind of a content by the quotation marks around and in it: inside one, direct; with
/// one inside or across its edges, mixed; else indirect.
pub(crate) fn kind_by_marks(marks: &[(usize, usize)], content: (usize, usize)) -> QuoteKind {
    if inside_marks(marks, content) == QuoteKind::Direct {
        QuoteKind::Direct
    } else if marks
        .iter()
        .any(|&(qs, qe)| qs < content.1 && content.0 < qe)
    {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

/// Words of time besides the day names (`gazette_timex::WEEKDAYS`), which never speak ("said Friday",
/// "in May") and are never all of a content.
const TIME_WORDS: &[&str] = &[
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "weekend",
    "month",
    "year",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A day or month name, or another word of time ("week", "tonight").
fn is_time_word(word: &str) -> bool {
    let word = word.to_lowercase();
    TIME_WORDS.contains(&word.as_str()) || gazette_timex::WEEKDAYS.contains(&word.as_str())
}

/// Drops quotations that are titles, not words spoken: a few words, each capitalized ("he
/// appeared on \u{201c}Morning Joe\u{201d}", "she sang \u{201c}A Change Is Gonna Come\u{201d}").
fn drop_titles(doc: &Doc, out: &mut Vec<Quote>) {
    out.retain(|q| {
        if q.kind != QuoteKind::Direct {
            return true;
        }
        let text = doc.slice(Span::new(q.start, q.end));
        let words: Vec<&str> = text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        let title = !words.is_empty()
            && words.len() <= 6
            && words.iter().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            })
            && !text.trim_end().ends_with(['.', '!', '?']);
        !title
    });
}

/// Cuts off the end of a content that sums up what was said and who disputes it ("...
/// killing civilians, allegations Moscow denies"; "..., a charge the government denies"): a
/// noun after a comma whose relative clause is a cue. The aside is the writer's, not part
/// of what the speaker said.
fn cut_summary_asides(doc: &Doc, tree: &Tree<'_>, out: &mut [Quote]) {
    let tokens = tree.tokens;
    for q in out.iter_mut() {
        let inside = tokens_within(tokens, q.start, q.end);
        let aside = inside.clone().find_map(|c| {
            if tree.dep(c) != "acl:relcl" {
                return None;
            }
            let h = tokens[c].head.filter(|&h| h != c)?;
            let (lo, hi) = tree.extent(h);
            // The comma may hang on the noun or on what comes before it.
            let comma = [lo, lo.checked_sub(1)?]
                .into_iter()
                .find(|&i| doc.slice(tokens[i].span()) == ",")?;
            // A reduced relative whose object is the noun: no object of its own, no "that".
            let reduced = tree.children[c].iter().all(|&k| {
                !matches!(tree.dep(k), "obj" | "ccomp" | "xcomp")
                    && !matches!(tree.lemma(k), "that" | "which" | "who")
            });
            (reduced
                && CUES.contains(&tree.lemma(c))
                && comma > inside.start
                && tokens[hi].end + 1 >= q.end)
                .then_some(comma)
        });
        if let Some(comma) = aside {
            q.end = tokens[comma - 1].end.max(q.start);
        }
    }
}

/// Drops quotes whose content is only a time ("on Friday"): its words, but for
/// prepositions, determiners and punctuation, all lie inside temporal expressions or are
/// day and month names (without a publication date, timexes carry `X` values but are
/// still found; the names are checked too).
fn drop_times(doc: &Doc, tokens: &[Token], out: &mut Vec<Quote>) {
    let timexes = doc.timexes();
    let in_timex = |t: &Token| {
        timexes.iter().any(|x| x.start <= t.start && t.end <= x.end)
            || is_time_word(doc.slice(t.span()))
    };
    out.retain(|q| {
        let range = tokens_within(tokens, q.start, q.end);
        range.clone().any(|i| {
            !matches!(tokens[i].pos.as_deref(), Some("ADP" | "DET" | "PUNCT"))
                && !in_timex(&tokens[i])
        }) || range.is_empty()
    });
}

/// Drops quotes whose content lies inside another quote's: news seldom nests one
/// attribution in another (6 of PolNeAR's 2,192 development attributions), and the inner
/// one is nearly always a piece of the outer found again by another rule or by the scorer.
fn drop_nested(out: &mut Vec<Quote>) {
    // A content with no speaker that holds another quote's speaker misread the sentence
    // ("Claiming the criticism is designed to ..., Trump told Fox that ..." with the
    // participle parsed as the verb over everything): the attribution inside stands.
    let speakers: Vec<(usize, usize)> = out
        .iter()
        .filter_map(|q| q.speaker.as_ref().map(|s| (s.start, s.end)))
        .collect();
    out.retain(|q| {
        q.speaker.is_some() || !speakers.iter().any(|&(s, e)| q.start <= s && e <= q.end)
    });
    let spans: Vec<(usize, usize)> = out.iter().map(|q| (q.start, q.end)).collect();
    out.retain(|q| {
        !spans
            .iter()
            .any(|&(s, e)| s <= q.start && q.end <= e && e - s > q.end - q.start)
    });
}

/// "It added that ...": an "it" that speaks is the organization that spoke last (the
/// Kremlin whose transcript the article quotes), not merely the last one named; or the
/// last thing that spoke, named or not ("Russian state-owned TV reports that ...").
fn organizations_speak_again(doc: &Doc, out: &mut [Quote]) {
    // The label each entity id first has, looked up once per speaker.
    let mut labels: std::collections::HashMap<&str, EntityLabel> = Default::default();
    for e in doc.entities() {
        labels.entry(e.entity_id.as_str()).or_insert(e.label);
    }
    let label_of = |id: &str| labels.get(id).copied();
    // (canonical name, entity id) of the organization that spoke last.
    let mut last_org: Option<(String, Option<String>)> = None;
    // Whether the mention is an "it"; if so, it becomes that organization (when there is one).
    let stands_for_last_org = |m: &mut Mention, last: &Option<(String, Option<String>)>| {
        let it = doc.slice(m.span()).eq_ignore_ascii_case("it");
        if let (true, Some((canonical, id))) = (it, last) {
            m.canonical = Some(canonical.clone());
            m.entity_id = id.clone();
        }
        it
    };
    for q in out.iter_mut() {
        // A relaying "it" ("It added that Putin said ...") too.
        if let Some(via) = q.via.as_mut() {
            stands_for_last_org(via, &last_org);
        }
        let Some(sp) = q.speaker.as_mut() else {
            continue;
        };
        if stands_for_last_org(sp, &last_org) {
            continue;
        }
        match (&sp.entity_id, &sp.canonical) {
            (Some(id), Some(canonical))
                if label_of(id) == Some(EntityLabel::Org) || id.starts_with("country:") =>
            {
                last_org = Some((canonical.clone(), Some(id.clone())));
            }
            // A source that names no entity: a thing ("the transcript", "state TV") can be
            // an "it", a person ("the spokesman") or a pronoun cannot.
            (None, _) => {
                let text = doc.slice(sp.span());
                let head = text
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .find(|w| !w.is_empty())
                    .unwrap_or("")
                    .to_lowercase();
                if !PRONOUNS.contains(&text.to_lowercase().as_str())
                    && !PERSON_NOUNS.contains(&head.as_str())
                    && !head.ends_with("man")
                    && !head.ends_with("woman")
                {
                    last_org = Some((text.to_string(), None));
                }
            }
            _ => {}
        }
    }
}

/// The sex a pronoun or honorific gives a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sex {
    Female,
    Male,
}

impl Sex {
    fn of_pronoun(word: &str) -> Option<Sex> {
        match word {
            "he" | "him" | "his" | "himself" => Some(Sex::Male),
            "she" | "her" | "hers" | "herself" => Some(Sex::Female),
            _ => None,
        }
    }

    fn of_honorific(word: &str) -> Option<Sex> {
        match word.trim_end_matches('.') {
            "Mr" => Some(Sex::Male),
            "Mrs" | "Ms" | "Miss" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// The sex the document gives each person entity it names, where its own words tell it:
/// an honorific before a mention ("Mrs. Clinton") counts three, and a pronoun outside
/// quotation marks fewer than nine words after the end of a mention in the same sentence, with
/// no other person named between, counts for that person ("Clinton said she", "Trump and
/// his wife": "he" or "she" two, "his", "him" or "her" one). A sex needs two or more, and
/// more than twice the other's count. Gazette has no list of names by sex; the article
/// usually says it. A possessor counts for nothing ("under Warren's grilling he admitted").
/// On the PolNeAR training articles, pronoun speakers taken for a well-known person of the
/// other sex: 234 without this, 152 with it (a reach of 4 words 178, 6 162, 12 149; no
/// limit 141, but "Melanie said to the nominee, who began his speech" made Melanie a man;
/// counting only the subjects of clauses on the person's verb, 154, and "Warren said he
/// should resign" made Warren one).
fn sexes_of_people<'d>(
    doc: &'d Doc,
    tree: &Tree<'_>,
    marks: &[(usize, usize)],
) -> std::collections::HashMap<String, Sex> {
    const REACH: usize = 9;
    let tokens = tree.tokens;
    let people: Vec<&'d gazette_doc::Entity> = doc
        .entities()
        .iter()
        .filter(|e| e.label == EntityLabel::Per)
        .collect();
    let mut votes: std::collections::HashMap<&'d str, [u32; 2]> = Default::default();
    let mut vote = |id: &'d str, sex: Sex, weight: u32| {
        votes.entry(id).or_default()[(sex == Sex::Male) as usize] += weight;
    };
    let mut next_person = 0;
    for sentence in doc.sentences() {
        // The person named last in the sentence and the token after the mention.
        let mut last: Option<(&'d str, usize)> = None;
        let first = tokens.partition_point(|t| t.start < sentence.start);
        for (i, t) in tokens.iter().enumerate().skip(first) {
            if t.start >= sentence.end {
                break;
            }
            while next_person < people.len() && people[next_person].end <= t.start {
                next_person += 1;
            }
            if let Some(p) = people.get(next_person).filter(|p| p.start == t.start) {
                let after = tokens.partition_point(|x| x.end <= p.end);
                // A possessor is no antecedent to count on ("under Warren's grilling he
                // admitted", "Trump's wife said she").
                let owner = possessive_at(tokens, after);
                last = (!owner).then_some((&p.entity_id, after));
                if let Some(sex) = i
                    .checked_sub(1)
                    .and_then(|k| Sex::of_honorific(doc.slice(tokens[k].span())))
                {
                    vote(&p.entity_id, sex, 3);
                }
            }
            let Some((id, _)) = last.filter(|&(_, after)| i >= after && i - after < REACH) else {
                continue;
            };
            let word = doc.slice(t.span());
            if word.len() > 7 || !word.starts_with(['h', 'H', 's', 'S']) {
                continue;
            }
            let word = word.to_lowercase();
            if let Some(sex) = Sex::of_pronoun(&word) {
                if !inside_quotation(marks, t.start) {
                    let weight = if matches!(word.as_str(), "he" | "she") {
                        2
                    } else {
                        1
                    };
                    vote(id, sex, weight);
                }
            }
        }
    }
    votes
        .into_iter()
        .filter_map(|(id, [female, male])| {
            let sex = if female >= 2 && female > 2 * male {
                Sex::Female
            } else if male >= 2 && male > 2 * female {
                Sex::Male
            } else {
                return None;
            };
            Some((id.to_string(), sex))
        })
        .collect()
}

/// Whether token `i` is the possessive "'s" that makes the words before it an owner.
fn possessive_at(tokens: &[Token], i: usize) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.tag.as_deref() == Some("POS"))
}

/// Whether token `i` is a common noun for one person that `pronoun` ("he" or "she") can
/// stand for: a noun for people ("official", "spokesman") whose sex, if the word tells
/// it, is the pronoun's.
fn person_noun_agrees(tree: &Tree<'_>, i: usize, pronoun: &str) -> bool {
    if tree.tokens[i].tag.as_deref() != Some("NN") {
        return false;
    }
    let word = tree.lemma(i).to_lowercase();
    let female = word.ends_with("woman") || FEMALE_NOUNS.contains(&word.as_str());
    let male = (word.ends_with("man") && !female) || MALE_NOUNS.contains(&word.as_str());
    match pronoun {
        "she" => !male && (female || PERSON_NOUNS.contains(&word.as_str())),
        _ => !female && (male || PERSON_NOUNS.contains(&word.as_str())),
    }
}

/// Nouns for a woman or a man, which the other pronoun never stands for ("woman" and
/// "man" compounds are found by their ending).
const FEMALE_NOUNS: &[&str] = &[
    "mother",
    "wife",
    "daughter",
    "sister",
    "actress",
    "widow",
    "girl",
    "grandmother",
    "queen",
    "princess",
    "waitress",
    "niece",
    "aunt",
    "bride",
    "girlfriend",
];
const MALE_NOUNS: &[&str] = &[
    "father",
    "husband",
    "son",
    "brother",
    "actor",
    "widower",
    "boy",
    "grandfather",
    "king",
    "prince",
    "waiter",
    "nephew",
    "uncle",
    "groom",
    "boyfriend",
];

/// Nouns for people, which an "it" never stands for.
const PERSON_NOUNS: &[&str] = &[
    "official",
    "officials",
    "minister",
    "president",
    "leader",
    "leaders",
    "aide",
    "aides",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "source",
    "sources",
    "people",
    "diplomat",
    "diplomats",
    "lawmaker",
    "lawmakers",
    "senator",
    "governor",
    "mayor",
    "chief",
    "director",
    "secretary",
    "ambassador",
    "envoy",
    "witness",
    "witnesses",
    "resident",
    "residents",
    "spokesperson",
    "head",
    "manager",
    "executive",
    "executives",
    "researcher",
    "researchers",
    "scientist",
    "scientists",
    "doctor",
    "doctors",
    "critic",
    "critics",
    "supporter",
    "supporters",
    "opponent",
    "opponents",
    "member",
    "members",
    "victim",
    "victims",
];

/// Sentences that end with their attribution ("A climate accord could not simply be a
/// compact among rich economies, he said."), found by their shape: a comma, a short noun
/// phrase, a verb of saying, at most a few more words. The parser often misreads such
/// sentences (the content's subject taken for the verb's), so the parse is not needed.
/// Returns (content span, speaker token, span of the words after the verb, cue token).
fn trailing_says(
    doc: &Doc,
    tree: &Tree<'_>,
) -> Vec<((usize, usize), usize, (usize, usize), usize)> {
    let tokens = tree.tokens;
    let word = |i: usize| doc.slice(tokens[i].span());
    let pos = |i: usize| tokens[i].pos.as_deref().unwrap_or("");
    let mut out = Vec::new();
    for sentence in doc.sentences() {
        let range = tokens_within(tokens, sentence.start, sentence.end);
        // The shortest: "Prices rose, he said" (without its stop, which the parse needs).
        if range.len() < 6 {
            continue;
        }
        // The verb of saying, in the last seven words; the sentence may go on after a comma
        // with a clause of its own ("..., lawmakers said Friday, as they bristled at ...").
        let tail_end = |cue: usize| {
            (cue + 1..range.end.saturating_sub(1))
                .find(|&i| {
                    word(i) == ","
                        && matches!(
                            word(i + 1).to_lowercase().as_str(),
                            "as" | "while"
                                | "when"
                                | "after"
                                | "adding"
                                | "saying"
                                | "noting"
                                | "which"
                        )
                })
                .unwrap_or(range.end)
        };
        // (A past tense the tagger took for a participle, "a spokesman announced Monday",
        // counts too: nothing else in the shape could govern it.)
        let Some(cue) = (range.start + 3..range.end).find(|&i| {
            SAYING.contains(&tree.lemma(i))
                && matches!(
                    tokens[i].tag.as_deref(),
                    Some("VBD" | "VBZ" | "VBP" | "VBN")
                )
                && tail_end(i) - i <= 8
        }) else {
            continue;
        };
        let end = tail_end(cue);
        // The noun phrase before it, then the comma that ends the content; a party label
        // between commas after a name is skipped ("Sen. Mark Ellis, R-Ky., said").
        let mut name_end = cue;
        if cue >= range.start + 6
            && word(cue - 1) == ","
            && word(cue - 5) == ","
            && crate::entities::is_party_label(doc, tokens, cue - 4, cue - 2)
        {
            name_end = cue - 5;
        }
        // Or in parentheses ("Rep. Gwen Moore (D-Wis.) said").
        if cue >= range.start + 8 && word(cue - 1) == ")" {
            if let Some(open) = (cue - 7..cue - 2)
                .rfind(|&i| word(i) == "(")
                .filter(|&open| crate::entities::is_party_label(doc, tokens, open + 1, cue - 2))
            {
                name_end = open;
            }
        }
        // The phrase may hold a preposition after a noun ("attorneys for the family said").
        let noun_phrase = |i: usize| {
            matches!(pos(i), "PRON" | "PROPN" | "NOUN" | "DET" | "ADJ" | "NUM")
                || (matches!(word(i), "for" | "of")
                    && i > range.start
                    && i + 1 < name_end
                    && matches!(pos(i - 1), "NOUN" | "PROPN"))
        };
        let mut j = name_end;
        while j > range.start && name_end - j < 6 && noun_phrase(j - 1) {
            j -= 1;
        }
        if j == name_end || j <= range.start + 2 || word(j) == "for" || word(j) == "of" {
            continue;
        }
        // The comma may sit inside the closing quotation mark ("..., \u{201d} Ellis said").
        let comma = if word(j - 1) == "," {
            j - 1
        } else if matches!(word(j - 1), "\"" | "\u{201d}") && word(j - 2) == "," {
            j - 2
        } else {
            continue;
        };
        // After the verb: only a short adjunct ("on Friday", "in a statement"; a word after
        // a determiner is a noun, whatever its tag: "after the gathering").
        if (cue + 1..end)
            .any(|i| (matches!(pos(i), "VERB" | "AUX") && pos(i - 1) != "DET") || word(i) == "that")
        {
            continue;
        }
        // "..., allegations Moscow denies", "..., a charge the government denies": a noun
        // that sums up the clause before, then the verb's own subject. The verb describes the
        // noun (a relative clause without "which"); it does not attribute the clause.
        let summary = (j..name_end)
            .find(|&i| pos(i) == "NOUN")
            .is_some_and(|n| SUMMARY_NOUNS.contains(&tree.lemma(n)) && n + 1 < name_end);
        if summary {
            continue;
        }
        // The head comes before a preposition ("attorneys", not "the family").
        let head_end = (j..name_end)
            .find(|&i| matches!(word(i), "for" | "of"))
            .unwrap_or(name_end);
        let speaker = phrase_head(tokens, j, head_end).unwrap_or(name_end - 1);
        let mut lo = after_dateline(doc, tokens, range.clone());
        while lo < j - 1 && matches!(word(lo), "\"" | "“" | "'" | "‘") {
            lo += 1;
        }
        let mut hi = comma - 1;
        while hi > lo && matches!(word(hi), "\"" | "”" | "'" | "’") {
            hi -= 1;
        }
        // What was said is a clause, or a quotation; words with no verb before the comma
        // are an adjunct of the sentence ("In a Wall Street Journal essay last week, Ivanka
        // Trump acknowledged their uphill battle").
        let clause = (lo..=hi).any(|i| matches!(pos(i), "VERB" | "AUX"));
        let quoted = (range.start..=comma).any(|i| matches!(word(i), "\"" | "“" | "”"));
        if hi > lo && (clause || quoted) {
            let tail = (tokens[cue].end, tokens[end - 1].end);
            out.push(((tokens[lo].start, tokens[hi].end), speaker, tail, cue));
        }
    }
    out
}

/// The first word of the sentence of tokens `range` after the dateline that may open it
/// ("PORTLAND, Maine -"), found as the syntax component finds it.
pub(crate) fn after_dateline(doc: &Doc, tokens: &[Token], range: std::ops::Range<usize>) -> usize {
    let forms: Vec<&str> = tokens[range.clone()]
        .iter()
        .map(|t| doc.slice(t.span()))
        .collect();
    range.start + crate::syntax::dateline_len(&forms)
}

/// Whether the cue `v` is the question put to a speaker ("Asked to describe the device,
/// O'Neill said ..."): "ask" without a subject, hung on the main verb.
fn question_put(tree: &Tree<'_>, v: usize) -> bool {
    tree.lemma(v) == "ask" && tree.subject(v).is_none() && tree.dep(v) == "advcl"
}

/// Paragraphs closing with a verb of saying and a colon ("The governor added:"): the next
/// paragraph (a block quotation, often without quotation marks), the verb's subject and
/// the verb.
fn colon_paragraphs(doc: &Doc, tree: &Tree<'_>) -> Vec<((usize, usize), usize, usize)> {
    let tokens = tree.tokens;
    let text = doc.text();
    let mut out = Vec::new();
    for v in 0..tokens.len().saturating_sub(2) {
        if !SAYING.contains(&tree.lemma(v))
            || doc.slice(tokens[v + 1].span()) != ":"
            || !text[doc.char_to_byte(tokens[v + 1].end)..doc.char_to_byte(tokens[v + 2].start)]
                .contains('\n')
        {
            continue;
        }
        let Some(subject) = tree.subject(v).and_then(|s| speaker_token(doc, tree, s)) else {
            continue;
        };
        let start = tokens[v + 2].start;
        let rest = &text[doc.char_to_byte(start)..];
        let paragraph = rest.find("\n\n").map_or(rest, |b| &rest[..b]);
        let end = start + paragraph.trim_end().chars().count();
        if end > start + 8 {
            out.push(((start, end), subject, v));
        }
    }
    out
}

/// The word that names the speaker in tokens `lo..hi`: the last pronoun or noun, or the
/// head of the name that ends there.
fn phrase_head(tokens: &[Token], lo: usize, hi: usize) -> Option<usize> {
    (lo..hi)
        .rev()
        .find(|&i| matches!(tokens[i].pos.as_deref(), Some("PRON" | "PROPN" | "NOUN")))
        .map(|last| name_head(tokens, lo, last))
}

/// Cues set off by commas inside the sentence they attribute ("The latest test, North Korea
/// said, was its biggest yet"; "The difference now, he told me on Friday, is that ..."): the
/// part after the second comma (which holds a verb), the speaker between the first comma
/// and the cue, and the part before the first comma when it has two words or more.
fn set_off_cues(
    doc: &Doc,
    tree: &Tree<'_>,
) -> Vec<((usize, usize), usize, Option<(usize, usize)>, usize)> {
    let tokens = tree.tokens;
    let word = |i: usize| doc.slice(tokens[i].span());
    let pos = |i: usize| tokens[i].pos.as_deref().unwrap_or("");
    let mut out = Vec::new();
    for sentence in doc.sentences() {
        let range = tokens_within(tokens, sentence.start, sentence.end);
        for v in range.start + 2..range.end.saturating_sub(2) {
            if !SAYING.contains(&tree.lemma(v))
                || !matches!(tokens[v].tag.as_deref(), Some("VBD" | "VBZ" | "VBP"))
            {
                continue;
            }
            // Before the cue: the speaker, right after a comma that ends a first part.
            let mut a = v;
            while a > range.start
                && v - a < 6
                && matches!(
                    pos(a - 1),
                    "PRON" | "PROPN" | "NOUN" | "DET" | "ADJ" | "NUM"
                )
            {
                a -= 1;
            }
            if a == v || a < range.start + 2 || word(a - 1) != "," {
                continue;
            }
            // After it: a short adjunct ("me on Friday"), then the second comma.
            let Some(b) = (v + 1..(v + 7).min(range.end)).find(|&i| word(i) == ",") else {
                continue;
            };
            if (v + 1..b).any(|i| matches!(pos(i), "VERB" | "AUX" | "PUNCT" | "SCONJ")) {
                continue;
            }
            let mut hi = range.end - 1;
            while hi > b && pos(hi) == "PUNCT" {
                hi -= 1;
            }
            if hi <= b + 1 || !(b + 1..=hi).any(|i| matches!(pos(i), "VERB" | "AUX")) {
                continue;
            }
            let Some(speaker) = phrase_head(tokens, a, v).and_then(|i| speaker_token(doc, tree, i))
            else {
                continue;
            };
            // The first part, before the first comma, is what was said too.
            let mut lo = range.start;
            while lo < a - 1 && pos(lo) == "PUNCT" {
                lo += 1;
            }
            let first = (a > lo + 2).then(|| (tokens[lo].start, tokens[a - 2].end));
            out.push(((tokens[b + 1].start, tokens[hi].end), speaker, first, v));
            break;
        }
    }
    out
}

/// The word of the run of proper nouns ending at `last` (not before `from`) that the parse
/// hangs the others on ("Sen. Mark Ellis" → Mark), so that the speaker's mention covers
/// the whole name; `last` itself when it is not a proper noun.
fn name_head(tokens: &[Token], from: usize, last: usize) -> usize {
    let proper = |i: usize| tokens[i].pos.as_deref() == Some("PROPN");
    if !proper(last) {
        return last;
    }
    let mut first = last;
    while first > from && proper(first - 1) {
        first -= 1;
    }
    (first..=last)
        .find(|&i| {
            tokens[i]
                .head
                .is_none_or(|h| h < first || h > last || h == i)
        })
        .unwrap_or(last)
}

/// A quotation ending in a comma, then a person's name, maybe set off with a description
/// of the person, then a verb of saying ("\u{201c}This narrative is pushed by media,\u{201d}
/// Malkia Cyril, the executive director at the Center of Media Justice, told The Huffington
/// Post."), which parsers often read as the quotation's own verb taking the name as its
/// object. Returns (content span, speaker token, cue token).
fn name_then_says(
    doc: &Doc,
    tree: &Tree<'_>,
    marks: &[(usize, usize)],
) -> Vec<((usize, usize), usize, usize)> {
    let tokens = tree.tokens;
    let word = |i: usize| doc.slice(tokens[i].span());
    let saying = |i: usize| {
        i < tokens.len()
            && SAYING.contains(&tree.lemma(i))
            && matches!(tokens[i].tag.as_deref(), Some("VBD" | "VBZ"))
    };
    let mut out = Vec::new();
    for &(qs, qe) in marks {
        // The quotation's last char before its closing mark is a comma.
        if qe < qs + 3 || doc.slice(Span::new(qe - 2, qe - 1)) != "," {
            continue;
        }
        let k = tokens.partition_point(|t| t.start < qe);
        let Some(name) = doc.entities().iter().find(|e| {
            e.label == EntityLabel::Per && tokens.get(k).is_some_and(|t| t.start == e.start)
        }) else {
            continue;
        };
        let after = tokens.partition_point(|t| t.start < name.end);
        let cue = if saying(after) {
            Some(after)
        } else if after < tokens.len() && word(after) == "," {
            // A description set off by commas, with no quotation or sentence end in it; it
            // may be of several parts ("Scott Pruitt, the attorney general of Oklahoma, one
            // of the states suing the agency, said").
            (after + 1..tokens.len().min(after + 30))
                .take_while(|&j| !matches!(word(j), "." | "\u{201c}" | "\u{201d}" | "\""))
                .find(|&j| word(j) == "," && saying(j + 1))
                .map(|j| j + 1)
        } else {
            None
        };
        if let Some(cue) = cue {
            // Without the comma; the name's first token heads it in UD ("Malkia" ← flat).
            out.push(((qs + 1, qe - 2), k, cue));
        }
    }
    out
}

/// Sentences whose content comes first and whose speaker follows the verb ("\u{201c}I
/// thought he did well,\u{201d} said MSNBC host Chris Matthews."): content, a comma (and
/// closing quotes), a verb of saying, a noun phrase up to a comma or the sentence end.
/// Returns (content span, speaker token, char span of the noun phrase, cue token).
fn said_after(doc: &Doc, tree: &Tree<'_>) -> Vec<((usize, usize), usize, (usize, usize), usize)> {
    let tokens = tree.tokens;
    let word = |i: usize| doc.slice(tokens[i].span());
    let pos = |i: usize| tokens[i].pos.as_deref().unwrap_or("");
    let opening = |i: usize| matches!(word(i), "\"" | "\u{201c}" | "'" | "\u{2018}");
    let closing = |i: usize| matches!(word(i), "\"" | "\u{201d}" | "'" | "\u{2019}");
    let mut out = Vec::new();
    for sentence in doc.sentences() {
        let range = tokens_within(tokens, sentence.start, sentence.end);
        for cue in range.start + 3..range.end.saturating_sub(1) {
            if !SAYING.contains(&tree.lemma(cue))
                || !matches!(tokens[cue].tag.as_deref(), Some("VBD" | "VBZ" | "VBP"))
            {
                continue;
            }
            // Before the verb: closing quotes after a comma.
            let mut c = cue - 1;
            while c > range.start && closing(c) {
                c -= 1;
            }
            if word(c) != "," || c < range.start + 2 {
                continue;
            }
            // After it: a noun phrase with a name or noun, up to a comma or the end.
            // (A noun the tagger took for a verb inside it stays: "MSNBC host Chris Matthews".)
            let mut j = cue + 1;
            while j < range.end
                && (matches!(pos(j), "PROPN" | "NOUN" | "DET" | "ADJ" | "NUM")
                    || matches!(word(j), "-" | "'s" | "\u{2019}s")
                    || (j > cue + 1
                        && matches!(tokens[j].tag.as_deref(), Some("VB" | "VBN" | "VBG"))))
            {
                j += 1;
            }
            // The speaker is that noun phrase; a prepositional phrase may follow it ("said
            // one GOP source in the room", "said a spokesman for the ministry").
            let np_end = j;
            while j + 1 < range.end
                && pos(j) == "ADP"
                && matches!(
                    pos(j + 1),
                    "PROPN" | "NOUN" | "DET" | "ADJ" | "NUM" | "PRON"
                )
            {
                j += 1;
                while j < range.end
                    && matches!(pos(j), "PROPN" | "NOUN" | "DET" | "ADJ" | "NUM" | "PRON")
                {
                    j += 1;
                }
            }
            let ends = j == range.end
                || matches!(word(j), "," | "." | ";")
                || (closing(j) && j + 1 == range.end);
            // A phrase ending in a common noun is headed by it ("one GOP source").
            let head_noun = (np_end > cue + 1 && pos(np_end - 1) == "NOUN").then(|| np_end - 1);
            let Some(speaker) = head_noun
                .or_else(|| {
                    (cue + 1..np_end)
                        .rev()
                        .find(|&i| pos(i) == "PROPN")
                        .map(|last| name_head(tokens, cue + 1, last))
                })
                .or_else(|| (cue + 1..np_end).rev().find(|&i| pos(i) == "NOUN"))
                .and_then(|i| speaker_token(doc, tree, i))
            else {
                continue;
            };
            if !ends || j - cue > 8 {
                continue;
            }
            let mut lo = after_dateline(doc, tokens, range.clone());
            while lo < c && opening(lo) {
                lo += 1;
            }
            if c <= lo {
                continue;
            }
            let np = (tokens[cue + 1].start, tokens[j - 1].end);
            out.push(((tokens[lo].start, tokens[c - 1].end), speaker, np, cue));
            break;
        }
    }
    out
}

/// Lets the learned ranker choose a speaker for each quote the rules left without one,
/// among the noun phrases around it. (Letting it overrule the rules' speakers, even only
/// when it is much surer, scored no better on PolNeAR dev: the rules' speakers are as
/// good as its choices where both exist; filling the gaps raised quote+speaker F1 from
/// 0.538 to 0.563.)
fn ranked_speakers(doc: &Doc, tree: &Tree<'_>, marks: &[(usize, usize)], out: &mut [Quote]) {
    use crate::attribution::speaker;
    let Some(model) = speaker::bundled() else {
        return;
    };
    for q in out.iter_mut().filter(|q| q.speaker.is_none()) {
        let inside = tokens_within(tree.tokens, q.start, q.end);
        if inside.is_empty() {
            continue;
        }
        let content = (inside.start, inside.end - 1);
        if let Some(t) = speaker::best(model, doc, tree, CueLexicon::english(), marks, content) {
            q.speaker = Some(mention(doc, tree, t));
        }
    }
}

/// The token that names the source when `s` is the subject of a cue: a day or month the
/// parser took for a subject ("said Friday") names nobody. (A relative pronoun stays: PolNeAR
/// marks "who" itself as the source, and pointing at its antecedent scored worse on dev.)
fn speaker_token(doc: &Doc, tree: &Tree<'_>, s: usize) -> Option<usize> {
    (!names_a_time(doc, &tree.tokens[s])).then_some(s)
}

/// Whether a word is a time ("Friday", "week") or lies inside a temporal expression ("early
/// Friday", "last week"): such words never speak.
pub(crate) fn names_a_time(doc: &Doc, t: &Token) -> bool {
    is_time_word(doc.slice(t.span()))
        || doc
            .timexes()
            .iter()
            .any(|x| x.start <= t.start && t.end <= x.end)
}

/// Adds the contents the learned scorer finds where no rule found a quote, best first,
/// each with the subject of the word that governs it as the speaker.
fn learned_contents(doc: &Doc, tree: &Tree<'_>, marks: &[(usize, usize)], out: &mut Vec<Quote>) {
    let Some(model) = crate::attribution::bundled() else {
        return;
    };
    // The classifier's own boundary. Lower ones (down to -8) score up to 0.6 points more
    // quote+speaker F1 on PolNeAR dev but let adjuncts in ("..., finishing two days of
    // talks" as what the negotiators said).
    const THRESHOLD: f32 = 0.0;
    let context = crate::attribution::Context::new(doc, tree, CueLexicon::english(), marks);
    let mut feats = Vec::new();
    let mut scored: Vec<(f32, crate::attribution::Candidate)> =
        crate::attribution::candidates(tree)
            .into_iter()
            .filter_map(|c| {
                context.features(c, &mut feats);
                let m = model.margin(&feats);
                (m > THRESHOLD).then_some((m, c))
            })
            .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.lo.cmp(&b.1.lo)));
    let tokens = tree.tokens;
    for (_, c) in scored {
        let (start, end) = token_span(doc, c.lo, c.hi);
        // Not over another quote, nor over the words that name another quote's speaker.
        if out.iter().any(|q| {
            q.start < end && start < q.end
                || q.speaker
                    .as_ref()
                    .is_some_and(|m| m.start < end && start < m.end)
        }) {
            continue;
        }
        // A relative clause describes its noun ("Anna Smit, who leads the group, said"); it
        // is not what anybody said, even where the parser hangs it on the verb after it.
        let governor = tokens[c.head].head.filter(|&h| h != c.head);
        let relative_before =
            governor.is_some_and(|g| relative_clause_before(tokens, c.lo, c.hi, g));
        if tree.dep(c.head) == "acl:relcl" || relative_before {
            continue;
        }
        // A participle set off by a comma after its verb ("agreed to cut the quota, ending two
        // days of talks") tells what else happened, not what anybody said; a cue among such
        // words ("..., adding that ...") has its own clause as content.
        if participial_adjunct(doc, tree, c) {
            continue;
        }
        // The subject (or owner, or passive agent) of the governing word, else of the words
        // above it: "X wants to [content]", "X's call for [content]".
        let outside = |s: &usize| *s < c.lo || *s > c.hi;
        let mut at = tokens[c.head].head.filter(|&g| g != c.head);
        let mut speaker = None;
        for _ in 0..3 {
            let Some(g) = at else { break };
            let found = tree.children[g].iter().copied().find(|&k| {
                outside(&k)
                    && !context.quoted(k)
                    && speaker_token(doc, tree, k) == Some(k)
                    && (matches!(tree.dep(k), "nsubj" | "nmod:poss" | "obl:agent")
                        || tree.dep(k) == "obl"
                            && tree
                                .child(k, &["case"])
                                .is_some_and(|b| tree.lemma(b) == "by"))
            });
            if let Some(k) = found {
                speaker = Some(mention(doc, tree, k));
                break;
            }
            at = tokens[g].head.filter(|&h| h != g);
        }
        // Without one here, the speaker ranker (run on every quote left without a
        // speaker) chooses among the noun phrases around the content.
        out.push(Quote {
            start,
            end,
            kind: QuoteKind::Indirect,
            speaker,
            via: None,
            cue: tokens[c.head].head.map(|g| tokens[g].span()),
        });
    }
}

/// Whether a phrase on a cue tells when, where or on what occasion it was said ("on
/// Friday", "in a statement", "during a stop in Flint"), rather than what was said.
pub(crate) fn scene_of_saying(doc: &Doc, tree: &Tree<'_>, d: usize) -> bool {
    if matches!(tree.dep(d), "obl:tmod" | "obl:unmarked") || names_a_time(doc, &tree.tokens[d]) {
        return true;
    }
    let occasion = matches!(
        tree.lemma(d),
        "statement"
            | "interview"
            | "speech"
            | "letter"
            | "email"
            | "e-mail"
            | "tweet"
            | "post"
            | "op-ed"
            | "essay"
            | "column"
            | "appearance"
            | "address"
            | "remarks"
            | "conference"
            | "briefing"
            | "debate"
            | "rally"
            | "event"
            | "hearing"
            | "stop"
            | "show"
            | "program"
            | "broadcast"
            | "video"
            | "diatribe"
            | "message"
            | "memo"
            | "report"
            | "call"
    );
    tree.dep(d) == "obl"
        && tree
            .child(d, &["case"])
            .is_some_and(|b| match tree.lemma(b) {
                "during" | "after" | "before" | "since" | "amid" | "following" => true,
                "in" | "on" | "at" | "via" => occasion,
                _ => false,
            })
}

/// A subjectless -ing clause hanging on a verb after a comma: an adjunct, not a content.
fn participial_adjunct(doc: &Doc, tree: &Tree<'_>, c: crate::attribution::Candidate) -> bool {
    let tokens = tree.tokens;
    tree.dep(c.head) == "advcl"
        && tokens[c.head].tag.as_deref() == Some("VBG")
        && tree.subject(c.head).is_none()
        && c.lo > 0
        && doc.slice(tokens[c.lo - 1].span()) == ","
        && tokens[c.head].head.is_some_and(|g| g < c.lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_inside_another_is_dropped() {
        let quote = |start, end| Quote {
            start,
            end,
            kind: QuoteKind::Indirect,
            speaker: None,
            via: None,
            cue: None,
        };
        // Outer content, a piece of it found again, a quote elsewhere, and an equal twin
        // (not strictly inside, so kept).
        let mut out = vec![
            quote(10, 80),
            quote(30, 60),
            quote(100, 140),
            quote(100, 140),
        ];
        drop_nested(&mut out);
        let spans: Vec<(usize, usize)> = out.iter().map(|q| (q.start, q.end)).collect();
        assert_eq!(spans, [(10, 80), (100, 140), (100, 140)]);
    }

    #[test]
    fn a_verb_of_saying_may_end_the_text() {
        // The clause after a cue was looked for past the last word.
        assert!(run(" he said").is_empty());
        let quotes = run("Putin will go to Sochi, he said");
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert_eq!(quotes[0].0, "Putin will go to Sochi");
        assert_eq!(quotes[0].2, "Vladimir Putin");
        // A short one, without its stop.
        let quotes = run("The talks failed, he said");
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert_eq!(
            (quotes[0].0.as_str(), quotes[0].1.as_str()),
            ("The talks failed", "he")
        );
    }

    #[test]
    fn the_edge_ranker_moves_a_content_s_edges_to_where_the_statement_does() {
        // The parse hangs the reason on "told", outside the reported clause, and the
        // subtree of "described" leaves its object out; the speaker gave both.
        let cases = [
            (
                "Smith told reporters that the company had no plans to sell the plant because it still turned a profit.",
                "the company had no plans to sell the plant",
                "the company had no plans to sell the plant because it still turned a profit",
            ),
            (
                "The senator described the bill as a giveaway to oil companies and a danger to the coast.",
                "as a giveaway to oil companies and a danger to the coast",
                "the bill as a giveaway to oil companies and a danger to the coast",
            ),
        ];
        for (text, found, refined) in cases {
            let mut doc = Doc::new(text.to_string(), gazette_doc::Meta::default());
            crate::Pipeline::english().run(&mut doc).unwrap();
            let slice = |q: &Quote| {
                text.chars()
                    .skip(q.start)
                    .take(q.end - q.start)
                    .collect::<String>()
            };
            let before: Vec<String> = unrefined_quotes(&doc).iter().map(slice).collect();
            let after: Vec<String> = doc.quotes().iter().map(slice).collect();
            assert_eq!(before, [found], "{text}");
            assert_eq!(after, [refined], "{text}");
        }
        // A content whose new end takes in a quotation is mixed.
        let quotes = run(
            "Smith told reporters that the company had no plans to sell the plant because it was \u{201c}still turning a profit.\u{201d}",
        );
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert!(
            quotes[0].0.ends_with("still turning a profit"),
            "{quotes:?}"
        );
        assert_eq!(quotes[0].3, QuoteKind::Mixed);
    }

    /// (content, speaker's canonical name) of each quote `run` found.
    fn said(quotes: &[(String, String, String, QuoteKind)]) -> Vec<(&str, &str)> {
        quotes
            .iter()
            .map(|(content, _, canonical, _)| (content.as_str(), canonical.as_str()))
            .collect()
    }

    /// (content, speaker as written, speaker's canonical name, kind) of each quote.
    fn run(text: &str) -> Vec<(String, String, String, QuoteKind)> {
        let mut doc = Doc::new(text.to_string(), gazette_doc::Meta::default());
        crate::Pipeline::english().run(&mut doc).unwrap();
        let slice = |start: usize, end: usize| {
            text.chars()
                .skip(start)
                .take(end - start)
                .collect::<String>()
        };
        doc.quotes()
            .iter()
            .map(|q| {
                let (written, canonical) = q.speaker.as_ref().map_or_else(Default::default, |s| {
                    (
                        slice(s.start, s.end),
                        s.canonical.clone().unwrap_or_default(),
                    )
                });
                (slice(q.start, q.end), written, canonical, q.kind)
            })
            .collect()
    }

    #[test]
    fn a_speaker_set_off_by_where_they_spoke_is_still_the_speaker() {
        for name in ["Putin", "Trump", "Peskov"] {
            let quotes = run(&format!(
                "{name}, speaking in Sochi, said the operation was nearing its end."
            ));
            assert_eq!(
                quotes.iter().map(|q| q.1.as_str()).collect::<Vec<_>>(),
                [name],
                "{quotes:?}"
            );
        }
    }

    #[test]
    fn content_keeps_both_marks_of_a_quotation_or_neither() {
        let quotes = run(
            "Trump told reporters \"we will win this election by a lot\" during a \
                          rally in Ohio on Monday. The senator called the bill \u{201c}a \
                          disgrace to the nation.\u{201d}",
        );
        let contents: Vec<&str> = quotes.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(
            contents,
            [
                "\"we will win this election by a lot\" during a rally in Ohio on Monday",
                "the bill \u{201c}a disgrace to the nation.\u{201d}"
            ]
        );
        // Whom it was told to is not what was said.
        let quotes = run(
            "Trump told reporters \u{201c}we will win this election by a lot\u{201d} \
                          during a rally in Ohio on Monday.",
        );
        assert!(
            quotes.len() == 1 && quotes[0].0.starts_with("\u{201c}we will win"),
            "{quotes:?}"
        );
        // A direct quote is the words inside the marks.
        let quotes = run("\u{201c}We will win this election by a lot,\u{201d} Trump said.");
        assert_eq!(
            said(&quotes),
            [("We will win this election by a lot", "Donald Trump")]
        );
    }

    #[test]
    fn a_summing_up_aside_is_neither_the_speaker_nor_part_of_the_content() {
        // The seed article's last sentence: the accusers speak; Moscow's denial of the
        // "allegations" is the writer's aside.
        let quotes = run(
            "Assad's opponents, and Western governments, have accused Russian Federation of killing significant numbers of Syrian civilians with its air strikes, allegations Moscow denies.",
        );
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert_eq!(
            quotes[0].0,
            "Russian Federation of killing significant numbers of Syrian civilians with its air strikes"
        );
        assert_eq!(quotes[0].1, "Assad's opponents, and Western governments");
        // A relative clause with an object of its own stays in the content.
        let quotes = run(
            "We need a leader with integrity, a leader that sees goodness in all Americans, the senator said.",
        );
        assert!(
            quotes
                .iter()
                .any(|q| q.0.ends_with("goodness in all Americans") && q.1 == "the senator"),
            "{quotes:?}"
        );
    }

    #[test]
    fn an_unquoted_clause_before_said_and_its_source_with_a_phrase() {
        let quotes = run(
            "The meeting went badly, and the talks deteriorated from there, said one GOP source in the room.",
        );
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert_eq!(
            quotes[0].0,
            "The meeting went badly, and the talks deteriorated from there"
        );
        assert_eq!(quotes[0].1, "one GOP source");
        // A hyphen-joined word inside a reported clause the parse did not link.
        let quotes = run(
            "Trump campaign spokesman Jason Miller told The Washington Post that Trump's maternity-leave policy would extend to single mothers.",
        );
        assert!(
            quotes
                .iter()
                .any(|q| q.0.starts_with("Trump's maternity-leave policy would")
                    && q.1.ends_with("Jason Miller")),
            "{quotes:?}"
        );
    }

    #[test]
    fn a_clause_before_its_attribution_runs_to_the_comma() {
        // The tagger reads "fell" as an adverb and the parse hangs it on "said"; the
        // clause still ends at the comma that sets "traders said" off.
        let quotes = run("Stocks rose sharply on Monday as oil prices fell, traders said.");
        assert_eq!(
            said(&quotes),
            [(
                "Stocks rose sharply on Monday as oil prices fell",
                "traders"
            )]
        );
    }

    #[test]
    fn a_quotation_then_a_described_name_then_the_verb() {
        let quotes = run(
            "\u{201c}The bridge is being pushed to its limits by the trucks,\u{201d} Ana Ruiz, the chief engineer at the Valley Transport Office, told the Valley Courier.",
        );
        assert!(
            quotes.iter().any(
                |q| q.0 == "The bridge is being pushed to its limits by the trucks"
                    && q.2 == "Ana Ruiz"
            ),
            "{quotes:?}"
        );
        // A description of two parts.
        let quotes = run(
            "\u{201c}It is an invasion of the county's domain,\u{201d} Mark Ellis, the attorney for Marin County, one of the counties suing the agency, said at an event.",
        );
        assert_eq!(
            said(&quotes),
            [("It is an invasion of the county's domain", "Mark Ellis")],
            "{quotes:?}"
        );
    }

    #[test]
    fn a_pronoun_with_no_person_in_reach_stays_unresolved() {
        // The only person is named in the headline, far back: "she" is left unresolved
        // rather than linked to her.
        let filler =
            "The river rose through the night and the water reached the old quay by dawn. ";
        let text = format!(
            "Ana Ruiz visits the flooded valley\n\n{}\n\n\u{201c}We will rebuild the quay,\u{201d} she said.",
            filler.repeat(14)
        );
        let quotes = run(&text);
        let q = quotes
            .iter()
            .find(|q| q.0.contains("rebuild the quay"))
            .unwrap_or_else(|| panic!("{quotes:?}"));
        assert_eq!((q.1.as_str(), q.2.as_str()), ("she", ""), "{quotes:?}");
    }

    #[test]
    fn a_quotation_of_several_sentences_after_the_listener() {
        let quotes = run(
            "Ana Ruiz told her radio audience of Monday, \u{201c}What has happened basically is this. The council has sent orders to its friends to print, which they have done, story after story about the bridge.\u{201d}",
        );
        assert!(
            quotes.iter().any(|q| q.0.starts_with("What has happened")
                && q.0.ends_with("about the bridge.")
                && q.2 == "Ana Ruiz"),
            "{quotes:?}"
        );
    }

    #[test]
    fn a_noun_phrase_content_goes_on_with_what_the_cue_adds_but_not_the_scene() {
        // "for their courage" hangs on the verb, not on the object, and is part of what was
        // said; "in a statement on Friday" only tells where and when.
        let quotes =
            run("Ana Ruiz thanked the firefighters for their courage in a statement on Friday.");
        assert_eq!(
            said(&quotes),
            [("the firefighters for their courage", "Ana Ruiz")],
            "{quotes:?}"
        );
        let quotes = run("Mr. Ellis condemned the annexation during a campaign stop in Flint.");
        assert_eq!(said(&quotes), [("the annexation", "Ellis")], "{quotes:?}");
    }

    #[test]
    fn what_is_called_a_name_stops_before_an_aside_that_quotes_again() {
        // The clause after "which, he said," is the parse's parataxis of "called"; it is the
        // second quote, "he" saying it.
        let quotes = run(
            "Berg called the proposal \"a fair basis for an agreement\", which, he said, \"both sides can accept without losing face.\"",
        );
        assert_eq!(
            said(&quotes),
            [
                ("the proposal \"a fair basis for an agreement\"", "Berg"),
                ("both sides can accept without losing face.", "Berg")
            ],
            "{quotes:?}"
        );
        assert_eq!(quotes[0].3, QuoteKind::Mixed);
    }

    #[test]
    fn a_dateline_is_not_part_of_the_content() {
        let quotes = run(
            "PORTLAND, Maine - About 40,000 homes lost power on Sunday, the utility said in a statement.",
        );
        assert_eq!(
            said(&quotes),
            [("About 40,000 homes lost power on Sunday", "the utility")],
            "{quotes:?}"
        );
        let quotes = run(
            "ROTTERDAM (Northern Wire) - \"The expansion will create 2,000 jobs,\" Transport Minister Eva de Wit told reporters on Monday.",
        );
        assert_eq!(
            said(&quotes),
            [("The expansion will create 2,000 jobs", "Eva de Wit")],
            "{quotes:?}"
        );
    }

    #[test]
    fn a_dateline_of_several_words_is_not_part_of_the_content() {
        let quotes = run(
            "NEW YORK (Northern Wire) - Stocks rose sharply on Monday as oil prices fell, traders said.",
        );
        assert!(
            quotes
                .iter()
                .any(|q| q.0.starts_with("Stocks rose") && q.2 == "traders"),
            "{quotes:?}"
        );
    }

    #[test]
    fn a_name_after_a_nationality_and_a_title_speaks() {
        let quotes = run(
            "The Baltic News Service quoted Lithuanian Prime Minister Rasa Jurgaitė as saying that the crossing would open to trucks within a month.",
        );
        assert_eq!(
            said(&quotes),
            [(
                "the crossing would open to trucks within a month",
                "Rasa Jurgaitė"
            )],
            "{quotes:?}"
        );
    }

    #[test]
    fn a_relative_pronoun_speaks_for_the_name_before_it() {
        let quotes =
            run("The vote was delayed by Ann Ruiz, who said the bridge would cost too much.");
        assert_eq!(
            quotes
                .iter()
                .map(|(c, m, name, _)| (c.as_str(), m.as_str(), name.as_str()))
                .collect::<Vec<_>>(),
            [("the bridge would cost too much", "who", "Ann Ruiz")],
            "{quotes:?}"
        );
        // Without a comma, or after a dash, the clause still says whom the pronoun stands for.
        for (text, name) in [
            (
                "The mayor met the Valley Transit Union, which says the fares must fall.",
                "Valley Transit Union",
            ),
            (
                "The council heard from residents who said the bridge was unsafe.",
                "residents",
            ),
            (
                "The row ended with Ann Ruiz — who said the bridge was unsafe — leaving the room.",
                "Ann Ruiz",
            ),
        ] {
            let quotes = run(text);
            assert!(
                quotes
                    .iter()
                    .any(|(_, m, n, _)| matches!(m.as_str(), "who" | "which") && n == name),
                "{text}: {quotes:?}"
            );
        }
    }

    #[test]
    fn a_verb_of_saying_joined_by_and_reports_what_follows_it() {
        let quotes = run(
            "Democrats also described the showdown as ominous, and said the panel itself might be damaged by the move.",
        );
        assert!(
            quotes.iter().any(
                |(c, m, _, _)| c.starts_with("the panel itself might be damaged")
                    && m == "Democrats"
            ),
            "{quotes:?}"
        );
        assert!(
            quotes
                .iter()
                .all(|(c, ..)| !c.contains("showdown") || !c.contains("damaged")),
            "{quotes:?}"
        );
    }

    #[test]
    fn a_participle_after_a_comma_is_not_what_was_said() {
        // A content-farm rewording: "concurred" for "agreed", "finishing" for "ending".
        let quotes = run(
            "The European Union and Norway concurred on Wednesday to reduce the cod allocation in the Barents Sea by 20 percent, finishing two days of negotiations that authorities on the two sides had described as hard.",
        );
        assert!(
            quotes.iter().all(|q| !q.0.contains("finishing")),
            "{quotes:?}"
        );
    }

    #[test]
    fn a_pronoun_after_a_person_noun_opening_its_sentence_is_that_person() {
        // The man named before is not "she"; the parse reads the first sentence's opening
        // as "Commission declined".
        let quotes = run(
            "Fisheries minister Per Olav Dahl said on Thursday that the talks had failed.\n\n\
             A spokeswoman for the European Commission declined to comment on the figures, but she said the two sides would meet again in March.\n\n\
             A spokeswoman's job, he said, is to explain the figures.",
        );
        let q = quotes
            .iter()
            .find(|q| q.0.contains("meet again"))
            .unwrap_or_else(|| panic!("{quotes:?}"));
        assert_eq!(
            (q.1.as_str(), q.2.as_str()),
            ("she", "A spokeswoman"),
            "{quotes:?}"
        );
        // A possessor is not the subject, and a "he" is no spokeswoman.
        assert!(
            quotes.iter().all(|q| q.1 != "he" || q.2 != "A spokeswoman"),
            "{quotes:?}"
        );
        assert!(!person_noun_agrees_word("spokeswoman", "he"));
        assert!(person_noun_agrees_word("senator", "she"));
        assert!(!person_noun_agrees_word("chairman", "she"));
    }

    #[test]
    fn a_pronoun_speaker_is_no_one_the_article_gives_the_other_sex() {
        // Mayor Ruiz is "Mrs." and "she"; Tom Reyes, named last before the quote and the
        // subject of the sentence before it, "said he". Without the article's own evidence,
        // "she" would be Reyes; with "he", Reyes it is.
        for (pronoun, person) in [("she", "Ana Ruiz"), ("he", "Tom Reyes")] {
            let quotes = run(&format!(
                "Mayor Ana Ruiz opened the new bridge on Monday. Mrs. Ruiz said she had waited ten years for it.\n\n\
                 Union leader Tom Reyes said he welcomed the bridge but feared the tolls.\n\n\
                 \"The tolls will fall in a year,\" {pronoun} said."
            ));
            let q = quotes
                .iter()
                .find(|q| q.0.contains("tolls will fall"))
                .unwrap_or_else(|| panic!("{quotes:?}"));
            assert_eq!(
                (q.1.as_str(), q.2.as_str()),
                (pronoun, person),
                "{quotes:?}"
            );
        }
    }

    /// [`person_noun_agrees`] on a word alone (as a singular common noun).
    fn person_noun_agrees_word(word: &str, pronoun: &str) -> bool {
        let mut doc = Doc::new(format!("The {word} spoke."), gazette_doc::Meta::default());
        crate::Pipeline::english().run(&mut doc).unwrap();
        let tree = Tree::new(doc.tokens());
        person_noun_agrees(&tree, 1, pronoun)
    }

    #[test]
    fn a_pronoun_speaker_is_not_a_name_inside_its_quote() {
        // "he" is the subject of the sentence before, not "Larry", named inside the quote,
        // nor the company named last outside it.
        let quotes = run(
            "Mayor Ana Ruiz dismissed the criticism as the voice of a client of the lawyer John Smith. \
             \"You know, I like Larry,\" she said, \"but on energy he has always represented the coal industry.\"",
        );
        let q = quotes
            .iter()
            .find(|q| q.0.contains("I like Larry"))
            .unwrap_or_else(|| panic!("{quotes:?}"));
        assert_eq!(
            (q.1.as_str(), q.2.as_str()),
            ("she", "Ana Ruiz"),
            "{quotes:?}"
        );
        // With no person as the subject before, the last person named outside quotation
        // marks.
        let quotes = run(
            "Ana Ruiz spoke after the vote. The criticism was unfair to the council. \
             \"You know, I like Larry,\" she said.",
        );
        let q = quotes
            .iter()
            .find(|q| q.0.contains("I like Larry"))
            .unwrap_or_else(|| panic!("{quotes:?}"));
        assert_eq!(q.2, "Ana Ruiz", "{quotes:?}");
    }

    #[test]
    fn a_lead_that_reports_and_an_it_that_relays() {
        // "TV reports that ..." with "reports" first read as a noun; then a relaying "It"
        // that stands for the last thing that spoke, named by no entity.
        let text = "Russian state-owned TV reports that the president of Syria has met with Russian President Vladimir Putin in Sochi.\n\n\
                    It added that President Putin said that the meeting was aimed at coordination.";
        let mut doc = Doc::new(text.to_string(), gazette_doc::Meta::default());
        crate::Pipeline::english().run(&mut doc).unwrap();
        let q = doc.quotes();
        let lead = q
            .iter()
            .find(|q| {
                doc.slice(q.span())
                    .starts_with("the president of Syria has met")
            })
            .unwrap_or_else(|| panic!("{q:?}"));
        let speaker = lead.speaker.as_ref().expect("a speaker");
        assert_eq!(doc.slice(speaker.span()), "Russian state-owned TV");
        let relayed = q
            .iter()
            .find(|q| doc.slice(q.span()).contains("aimed at coordination"))
            .unwrap_or_else(|| panic!("{q:?}"));
        let speaker = relayed.speaker.as_ref().expect("a speaker");
        assert_eq!(speaker.entity_id.as_deref(), Some("per:vladimir-putin"));
        let via = relayed.via.as_ref().expect("a channel");
        assert_eq!(doc.slice(via.span()), "It");
        assert_eq!(via.canonical.as_deref(), Some("Russian state-owned TV"));
    }

    #[test]
    fn an_order_in_a_time_clause_does_not_take_the_sentence_before_it() {
        let quotes = run(
            "Stein spokeswoman Melezia Figueroa said the candidate was headed to the venue to participate in media interviews, which she was doing when law enforcement and campus security located her and told her to leave.",
        );
        assert!(
            quotes
                .iter()
                .any(|q| q.0.starts_with("the candidate was headed") && q.1.ends_with("Figueroa")),
            "{quotes:?}"
        );
        assert!(
            quotes.iter().all(|q| !q.0.starts_with("Stein spokeswoman")),
            "{quotes:?}"
        );
    }

    #[test]
    fn a_poll_that_shows_and_a_said_before_a_clause_of_its_own() {
        let quotes = run(
            "New Poll Shows Minor Post-Debate Bump For Clinton\n\nThe border plan is an insult to every farmer in the valley, local lawmakers said Friday afternoon, as they prepared a letter to the governor.",
        );
        let got = said(&quotes);
        assert!(
            got.contains(&("Minor Post-Debate Bump For Clinton", "New Poll")),
            "{quotes:?}"
        );
        assert!(
            quotes.iter().any(|q| q.0
                == "The border plan is an insult to every farmer in the valley"
                && q.1 == "local lawmakers"),
            "{quotes:?}"
        );
    }

    #[test]
    fn a_name_in_quotation_marks_inside_a_reported_clause() {
        let quotes = run(
            "Giving a speech in Toledo, Clinton says the Ohio native nicknamed \u{201c}King James\u{201d} is a longtime, dedicated advocate for children.",
        );
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert!(
            quotes[0].0.starts_with("the Ohio native nicknamed"),
            "{quotes:?}"
        );
        assert_eq!(
            (quotes[0].1.as_str(), quotes[0].3),
            ("Clinton", QuoteKind::Mixed)
        );
        // A subordinator the parser hung on the cue from an earlier clause does not make
        // the cue subordinate.
        let quotes = run(
            "Even if Mr. Clarke's venture proves short-lived, Mr. Morgan said, he has already completed a good deal of reclamation.",
        );
        assert!(quotes.iter().any(|q| q.1 == "Mr. Morgan"), "{quotes:?}");
    }

    #[test]
    fn an_honorific_stands_for_its_name() {
        let mut doc = Doc::new(
            "Mr. Clarke said the mine would reopen.".into(),
            gazette_doc::Meta::default(),
        );
        crate::Pipeline::english().run(&mut doc).unwrap();
        let tree = Tree::new(doc.tokens());
        let m = mention(&doc, &tree, 0);
        assert_eq!(doc.slice(Span::new(m.start, m.end)), "Mr. Clarke");
    }

    #[test]
    fn a_paragraph_after_said_colon_and_the_complement_after_the_cue() {
        let quotes = run(
            "The governor added:\n\nIt is typical of the council. It knows nothing of the harbour and never asks.\n\nThe vote is on Monday.",
        );
        assert_eq!(
            said(&quotes),
            [(
                "It is typical of the council. It knows nothing of the harbour and never asks.",
                "The governor"
            )],
            "{quotes:?}"
        );
        let quotes = run(
            "Claiming the criticism of Lauer is designed to pressure debate moderators, Trump told Fox that \"they hit Matt because they said he should have been much tougher.\"",
        );
        assert!(
            quotes
                .iter()
                .any(|q| q.0.starts_with("they hit Matt") && q.1 == "Trump"),
            "{quotes:?}"
        );
    }

    #[test]
    fn a_cue_set_off_by_commas_the_parse_took_for_a_relative_clause() {
        let quotes = run(
            "Ana Ruiz runs the ferry office. The difference now, she told me on Friday, is that the boats leave on time.",
        );
        // Both parts around the cue are what she said, in two fragments of one speaker.
        assert_eq!(quotes.len(), 2, "{quotes:?}");
        let contents: Vec<&str> = quotes.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(
            contents,
            ["The difference now", "is that the boats leave on time"]
        );
        for q in &quotes {
            assert_eq!((q.1.as_str(), q.2.as_str()), ("she", "Ana Ruiz"));
        }
    }

    #[test]
    fn a_quotation_of_several_sentences_opening_after_the_cue_is_its_content() {
        let quotes = run(
            "Democratic nominee Hillary Clinton, at a later press gaggle, said, \u{201c}I have been briefed about the bombings. Obviously we need to support our first responders.\u{201d}",
        );
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert_eq!(
            quotes[0].0,
            "I have been briefed about the bombings. Obviously we need to support our first responders."
        );
        // The place where it was said does not speak.
        assert!(quotes[0].1.ends_with("Hillary Clinton"), "{quotes:?}");
    }

    #[test]
    fn the_question_put_to_a_speaker_is_not_what_was_said() {
        let quotes = run(
            "Asked to describe the device that caused the explosion, O'Neill said, \"Not going to go into that.\"",
        );
        assert_eq!(
            said(&quotes),
            [("Not going to go into that.", "O'Neill")],
            "{quotes:?}"
        );
    }

    #[test]
    fn what_a_speaker_calls_something_is_the_thing_and_the_name() {
        let quotes =
            run("At the forum, Clinton called her vote in favor of the Iraq War a mistake.");
        assert_eq!(
            said(&quotes),
            [("her vote in favor of the Iraq War a mistake", "Clinton")],
            "{quotes:?}"
        );
        // The same when the name is a quotation, or follows "as".
        let quotes = run(
            "The mayor described the fire as a \u{201c}terrible situation.\u{201d} Senator Ruiz called the city's response \u{201c}outrageous\u{201d} on Tuesday.",
        );
        assert_eq!(
            said(&quotes),
            [
                (
                    "the fire as a \u{201c}terrible situation.\u{201d}",
                    "The mayor"
                ),
                ("the city's response \u{201c}outrageous\u{201d}", "Ruiz")
            ],
            "{quotes:?}"
        );
        // A question put to the speaker is not named by the answer.
        let quotes =
            run("Asked to describe the device, O'Neill said, \"Not going to go into that.\"");
        assert_eq!(
            said(&quotes),
            [("Not going to go into that.", "O'Neill")],
            "{quotes:?}"
        );
    }

    #[test]
    fn a_participle_the_writer_adds_after_a_comma_is_not_said() {
        let quotes = run(
            "The judge said the state procedure for removing voters from the rolls was unlawful, dealing a blow to the secretary of state. The ministry said the talks would resume in Geneva next week, including a session on the constitution.",
        );
        assert_eq!(
            said(&quotes),
            [
                (
                    "the state procedure for removing voters from the rolls was unlawful",
                    "The judge"
                ),
                (
                    "the talks would resume in Geneva next week, including a session on the constitution",
                    "The ministry"
                )
            ],
            "{quotes:?}"
        );
        // The comma may sit inside a closing quotation mark.
        let quotes = run(
            "Ruiz has repeatedly praised the harbour master as a \u{201c}strong leader,\u{201d} comparing him favorably to the mayor.",
        );
        assert_eq!(
            said(&quotes),
            [("the harbour master as a \u{201c}strong leader", "Ruiz")],
            "{quotes:?}"
        );
    }

    #[test]
    fn a_second_clause_joined_by_and_that_is_said_too() {
        let quotes = run(
            "Ana Ruiz said that the council was taking a close look at the fees, and that her proposals did not cover every harbour.",
        );
        assert_eq!(
            said(&quotes),
            [(
                "the council was taking a close look at the fees, and that her proposals did not cover every harbour",
                "Ana Ruiz"
            )],
            "{quotes:?}"
        );
    }

    #[test]
    fn a_content_stopping_on_a_preposition_goes_on_into_the_quotation_after_it() {
        let quotes = run(
            "Ruiz said the council is to blame for focusing on \u{201c}he said this, he tweeted that.\u{201d}",
        );
        assert_eq!(
            said(&quotes),
            [(
                "the council is to blame for focusing on \u{201c}he said this, he tweeted that.\u{201d}",
                "Ruiz"
            )],
            "{quotes:?}"
        );
    }

    #[test]
    fn a_trailing_attribution_the_tagger_read_as_a_participle() {
        // The tagger takes "announced" for a participle; the shape still names the speaker.
        let quotes = run(
            "In addition, the campaign plans to make more detailed medical records available soon, a spokesman announced Monday morning.",
        );
        assert_eq!(
            said(&quotes),
            [(
                "In addition, the campaign plans to make more detailed medical records available soon",
                "a spokesman"
            )],
            "{quotes:?}"
        );
    }

    #[test]
    fn a_trailing_speaker_may_hold_a_preposition() {
        let quotes = run(
            "The family watched the police videos with their lawyers on Thursday, attorneys for the family said.",
        );
        assert_eq!(
            said(&quotes),
            [(
                "The family watched the police videos with their lawyers on Thursday",
                "attorneys"
            )],
            "{quotes:?}"
        );
    }

    #[test]
    fn a_fronted_adjunct_is_not_what_was_said() {
        let quotes =
            run("In a newspaper essay last week, Ana Ruiz acknowledged their uphill battle.");
        assert_eq!(
            said(&quotes),
            [("their uphill battle", "Ana Ruiz")],
            "{quotes:?}"
        );
    }

    #[test]
    fn according_to_in_the_middle_ends_the_content() {
        // The writer goes on after the source; a short opening keeps the whole sentence.
        let quotes = run(
            "The top 1 percent paid a quarter of all federal taxes in 2013, according to the Congressional Budget Office, and the top 10 percent paid most of the rest.",
        );
        assert_eq!(
            said(&quotes),
            [(
                "The top 1 percent paid a quarter of all federal taxes in 2013",
                "Congressional Budget Office"
            )],
            "{quotes:?}"
        );
    }

    #[test]
    fn a_title_in_quotation_marks_is_not_speech() {
        let quotes = run(
            "Ruiz appeared on \u{201c}Morning Joe\u{201d} on Monday. \u{201c}We will win,\u{201d} Ruiz said.",
        );
        assert_eq!(said(&quotes), [("We will win", "Ruiz")], "{quotes:?}");
    }

    #[test]
    fn times_never_speak() {
        let meta = gazette_doc::Meta {
            published: Some(gazette_doc::Published::Date(
                chrono::NaiveDate::from_ymd_opt(2017, 11, 21).unwrap(),
            )),
            ..gazette_doc::Meta::default()
        };
        let mut doc = Doc::new("Early Monday, Putin met Assad in Sochi.".into(), meta);
        crate::Pipeline::english().run(&mut doc).unwrap();
        let named: Vec<(&str, bool)> = doc
            .tokens()
            .iter()
            .map(|t| (doc.slice(t.span()), names_a_time(&doc, t)))
            .collect();
        assert_eq!(named[0], ("Early", true));
        assert_eq!(named[1], ("Monday", true));
        assert!(named.iter().filter(|(_, t)| *t).count() == 2, "{named:?}");
    }

    #[test]
    fn only_a_speech_verb_under_a_cue_is_relayed() {
        // "supported" is a stance, not speech: she speaks, about what Trump did.
        let quotes = run("She noted that Trump also initially supported the invasion.");
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert_eq!(quotes[0].0, "Trump also initially supported the invasion");
        assert_eq!(quotes[0].1, "She");
        // A reported clause the parse missed may open with "neither".
        let quotes = run(
            "A spokeswoman for Hillary Clinton says neither the Democratic presidential nominee nor her campaign helped a former Miss Universe get U.S. citizenship.",
        );
        assert!(
            quotes
                .iter()
                .any(|q| q.0.starts_with("neither the Democratic") && q.1 == "A spokeswoman"),
            "{quotes:?}"
        );
    }

    #[test]
    fn a_poll_in_a_headline_speaks() {
        let quotes = run(
            "Poll: Clinton and Trump in dead heat heading into first debate\n\nThe race is close.",
        );
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert_eq!(
            quotes[0].0,
            "Clinton and Trump in dead heat heading into first debate"
        );
        assert_eq!(quotes[0].1, "Poll");
        // A label of the page is no source.
        assert!(run("Update: The road is open again after the storm\n\nIt rained.").is_empty());
    }

    #[test]
    fn an_attribution_followed_by_a_relative_clause_keeps_its_quotation() {
        // The tagger takes "gathering" for a verb and the parser makes it the complement of
        // "told"; the quotation before the speaker is the content all the same.
        let quotes = run(
            "\"This is not the deal anyone wanted, but it is the deal the fish needed\", EU fisheries commissioner Lindqvist told journalists after the gathering, which lasted for a sum of eleven hours.",
        );
        let found: Vec<(&str, &str, QuoteKind)> = quotes
            .iter()
            .map(|(content, _, canonical, kind)| (content.as_str(), canonical.as_str(), *kind))
            .collect();
        assert_eq!(
            found,
            [(
                "This is not the deal anyone wanted, but it is the deal the fish needed",
                "Lindqvist",
                QuoteKind::Direct
            )]
        );
    }

    #[test]
    fn a_sentence_ending_in_its_attribution_is_found_when_the_parse_is_not() {
        let quotes = run(
            "Mr. Obama learned from the experience. A global climate accord could not simply be a compact among developed economies, he said.",
        );
        assert_eq!(
            quotes
                .iter()
                .map(|(content, written, canonical, _)| (
                    content.as_str(),
                    written.as_str(),
                    canonical.as_str()
                ))
                .collect::<Vec<_>>(),
            [(
                "A global climate accord could not simply be a compact among developed economies",
                "he",
                "Obama"
            )]
        );
    }

    #[test]
    fn the_subject_nearest_the_cue_speaks_and_joined_subjects_speak_together() {
        let quotes = run(
            "Norwegian fisheries minister Per Olav Dahl said the cut would be reviewed next year. The European Union and Norway said the deal was fair.",
        );
        let speakers: Vec<(&str, &str)> = quotes
            .iter()
            .map(|(_, written, canonical, _)| (written.as_str(), canonical.as_str()))
            .collect();
        assert_eq!(
            speakers,
            [
                // The whole noun phrase, title and all, is the mention (as PolNeAR marks it).
                (
                    "Norwegian fisheries minister Per Olav Dahl",
                    "Per Olav Dahl"
                ),
                (
                    "The European Union and Norway",
                    "The European Union and Norway"
                )
            ]
        );
    }

    #[test]
    fn speakers_after_the_verb_inside_the_content_and_behind_a_party_label() {
        let quotes: Vec<(String, String, QuoteKind)> = run(
            "\u{201c}The harbour plan is dead,\u{201d} said city council president Ana Ruiz. \u{201c}We will start again in the spring.\u{201d}\n\nToo often, Ms. Ruiz said, the port authority decides before the city is even asked.\n\n\u{201c}We have the votes to override the veto,\u{201d} Sen. Mark Ellis, R-Ky., said Tuesday.",
        )
        .into_iter()
        .map(|(content, written, _, kind)| (content, written, kind))
        .collect();
        let expected = [
            ("The harbour plan is dead", "Ana Ruiz", QuoteKind::Direct),
            (
                "We will start again in the spring.",
                "Ana Ruiz",
                QuoteKind::Direct,
            ),
            // The cue set off by commas splits what she said in two fragments.
            ("Too often", "Ms. Ruiz", QuoteKind::Indirect),
            (
                "the port authority decides before the city is even asked.",
                "Ms. Ruiz",
                QuoteKind::Indirect,
            ),
            (
                "We have the votes to override the veto",
                "Mark Ellis",
                QuoteKind::Direct,
            ),
        ];
        assert_eq!(quotes.len(), expected.len(), "{quotes:?}");
        for ((content, written, kind), (c, w, k)) in quotes.iter().zip(expected) {
            assert_eq!(content, c);
            assert!(written.contains(w), "{written} for {content}");
            assert_eq!(*kind, k, "{content}");
        }
    }

    #[test]
    fn according_first_quotes_over_paragraphs_and_no_time_as_content() {
        let quotes = run(
            "According to the harbour authority, the ferry will resume service on Monday.\n\nThe Kremlin issued a statement on Friday.\n\n\u{201c}We will appeal the ruling,\u{201d} said Tom Reyes, a lawyer for the union. \u{201c}The court ignored the evidence.\n\n\u{201c}We have documents that show the port knew about the leak for months.\u{201d}",
        );
        let found = said(&quotes);
        assert!(
            found.contains(&(
                "the ferry will resume service on Monday.",
                "the harbour authority"
            )),
            "{found:?}"
        );
        // A statement's author speaks.
        let quotes = run("According to a statement from the ministry, 120 people were evacuated.");
        assert_eq!(quotes[0].2, "the ministry", "{quotes:?}");
        // A quotation left open at a paragraph's end goes on in the next paragraph: one quote.
        assert!(
            found.iter().any(
                |(c, s)| c.starts_with("The court ignored the evidence.\n\n")
                    && c.ends_with("knew about the leak for months.")
                    && *s == "Tom Reyes"
            ),
            "{found:?}"
        );
        assert!(!found.iter().any(|(c, _)| *c == "on Friday"), "{found:?}");
    }

    #[test]
    fn a_relative_clause_on_the_speaker_is_not_content_and_that_may_come_late() {
        let quotes = run(
            "Anna Smit, who leads the group Clean Harbor, said the plan ignored the risk of flooding. The minister said in an interview with the newspaper that taxes would not rise.",
        );
        let found = said(&quotes);
        assert_eq!(
            found,
            [
                ("the plan ignored the risk of flooding", "Anna Smit"),
                ("taxes would not rise", "The minister")
            ]
        );
    }

    #[test]
    fn only_a_verb_of_speech_is_relayed_and_short_quotes_keep_their_speaker() {
        let quotes = run(
            "The Kremlin said Putin and Assad discussed the peace process.\n\n\u{201c}No comment,\u{201d} said a spokeswoman.",
        );
        let found: Vec<(&str, &str, &str)> = quotes
            .iter()
            .map(|(content, written, canonical, _)| {
                (content.as_str(), written.as_str(), canonical.as_str())
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "Putin and Assad discussed the peace process",
                    "The Kremlin",
                    "Russia"
                ),
                ("No comment", "a spokeswoman", "a spokeswoman")
            ]
        );
    }

    #[test]
    fn a_quotation_after_a_colon_is_direct_without_the_colon() {
        let quotes = run("Reyes said: \"The evidence is clear. The port knew.\"");
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        let (content, _, canonical, kind) = &quotes[0];
        assert_eq!(
            (content.as_str(), canonical.as_str(), *kind),
            (
                "The evidence is clear. The port knew.",
                "Reyes",
                QuoteKind::Direct
            )
        );
    }

    #[test]
    fn a_short_quoted_sentence_goes_on_but_a_scare_quote_does_not() {
        let quotes = run(
            "\u{201c}This is not over,\u{201d} Reyes said. \u{201c}We will be back.\u{201d} The so-called \u{201c}harbour deal\u{201d} was signed in May.",
        );
        let found = said(&quotes);
        assert_eq!(
            found,
            [("This is not over", "Reyes"), ("We will be back.", "Reyes")]
        );
    }

    #[test]
    fn a_role_renamed_between_commas_speaks_as_the_person() {
        let quotes = run("The head of the union, Tom Reyes, said the deal was unfair.");
        assert_eq!(said(&quotes), [("the deal was unfair", "Tom Reyes")]);
    }

    #[test]
    fn a_quote_split_by_its_attribution_is_one_statement_in_two_pieces() {
        let text = "\u{201c}Every time you say that,\u{201d} Ruiz told the mayor, \u{201c}you give ammunition to the people who want to sell the harbour.\u{201d}";
        let mut doc = Doc::new(text.to_string(), gazette_doc::Meta::default());
        crate::Pipeline::english().run(&mut doc).unwrap();
        let quotes = doc.quotes();
        // The two pieces, without the attribution between them, of one speaker and cue.
        let contents: Vec<&str> = quotes.iter().map(|q| doc.slice(q.span())).collect();
        assert_eq!(
            contents,
            [
                "Every time you say that",
                "you give ammunition to the people who want to sell the harbour."
            ]
        );
        for q in quotes {
            let speaker = q.speaker.as_ref().expect("a speaker");
            assert_eq!(speaker.canonical.as_deref(), Some("Ruiz"));
            // "you say" inside the quotation relays nothing.
            assert!(q.via.is_none(), "{:?}", q.via);
        }
        assert_eq!(quotes[0].cue, quotes[1].cue);
        // Another cue between the pieces makes the second its own statement.
        let text = "\u{201c}We cannot afford to keep the ferry running,\u{201d} Ruiz said, adding later, \u{201c}The harbour is costing us a fortune.\u{201d}";
        let mut doc = Doc::new(text.to_string(), gazette_doc::Meta::default());
        crate::Pipeline::english().run(&mut doc).unwrap();
        let quotes = doc.quotes();
        assert_eq!(quotes.len(), 2, "{quotes:?}");
        assert_eq!(quotes[1].cue.map(|c| doc.slice(c)), Some("adding"));
    }

    #[test]
    fn a_party_label_in_parentheses_is_not_the_speaker() {
        let quotes = run(
            "\u{201c}It is a dog whistle to all Americans,\u{201d} Rep. Gwen Moore (D-Wis.) said Friday. \u{201c}It tells them the president is not one of us.\u{201d}",
        );
        assert_eq!(
            said(&quotes),
            [
                ("It is a dog whistle to all Americans", "Gwen Moore"),
                (
                    "It tells them the president is not one of us.",
                    "Gwen Moore"
                )
            ],
            "{quotes:?}"
        );
    }

    #[test]
    fn a_transcript_turn_is_its_speakers_whatever_the_parse_finds_inside() {
        let quotes = run(
            "Ana Ruiz spoke to the morning show on Friday.\n\n\"HOST: Will the council vote on the harbour plan this week?\n\n\"RUIZ: No. The port authority said the plan was dead, and I will not bring it back before the spring.",
        );
        let last = quotes.last().expect("quotes");
        assert_eq!(quotes.len(), 2, "{quotes:?}");
        assert!(
            last.0.starts_with("No. The port authority said"),
            "{last:?}"
        );
        assert_eq!((last.2.as_str(), last.3), ("Ana Ruiz", QuoteKind::Direct));
    }

    #[test]
    fn a_quotation_closing_a_reported_clause_brings_the_clause() {
        // The parser takes "emails" for the object of "says"; the clause is still what she says.
        let quotes = run(
            "Ellen Park says the developer\u{2019}s late-night emails accusing council members of hiding a report are \u{201c}lies and half-truths.\u{201d}",
        );
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        let (content, _, canonical, kind) = &quotes[0];
        assert!(
            content.starts_with("the developer\u{2019}s late-night emails")
                && content.contains("lies and"),
            "{content}"
        );
        assert_eq!(
            (canonical.as_str(), *kind),
            ("Ellen Park", QuoteKind::Mixed)
        );
    }

    #[test]
    fn learned_cues_take_stances_beyond_the_listed_verbs() {
        let quotes: Vec<(String, String)> = run(
            "Senator Elizabeth Warren attacked the new tax plan on Tuesday. The group opposes the bill.",
        )
        .into_iter()
        .map(|(content, _, canonical, _)| (content, canonical))
        .collect();
        assert_eq!(
            quotes,
            [
                (
                    "the new tax plan".to_string(),
                    "Elizabeth Warren".to_string()
                ),
                ("the bill".to_string(), "The group".to_string())
            ]
        );
        // A verb annotators never took as a cue stays out.
        assert!(run("Senator Elizabeth Warren ate the cake on Tuesday.").is_empty());
    }

    #[test]
    fn a_position_or_act_is_a_stance_and_words_are_not() {
        let kinds = |text: &str| -> Vec<(String, QuoteKind)> {
            run(text).into_iter().map(|(c, _, _, k)| (c, k)).collect()
        };
        assert_eq!(
            kinds("Senator Elizabeth Warren attacked the new tax plan on Tuesday."),
            [("the new tax plan".to_string(), QuoteKind::Stance)]
        );
        assert_eq!(
            kinds("The group opposes the bill."),
            [("the bill".to_string(), QuoteKind::Stance)]
        );
        // Words, even without a clause of their own.
        assert_eq!(
            kinds("At the forum, Clinton called her vote in favor of the Iraq War a mistake."),
            [(
                "her vote in favor of the Iraq War a mistake".to_string(),
                QuoteKind::Indirect
            )]
        );
        assert_eq!(
            kinds("Dahl said the cut would be reviewed next year."),
            [(
                "the cut would be reviewed next year".to_string(),
                QuoteKind::Indirect
            )]
        );
    }

    #[test]
    fn cue_lexicon_reads_counts_and_falls_back_to_the_frame() {
        let lexicon = CueLexicon::from_tsv(
            "lemma\tframe\tcue\tseen\nlaud\tobj agent\t3\t4\neat\tobj agent\t0\t9\n*\tccomp agent\t7\t10\nrare\tobj agent\t2\t2\n",
        )
        .unwrap();
        assert!(lexicon.is_cue("laud", "obj agent"));
        assert!(!lexicon.is_cue("eat", "obj agent"));
        // Unknown in this frame: judged by all verbs in it.
        assert!(lexicon.is_cue("mutter", "ccomp agent"));
        assert!(!lexicon.is_cue("mutter", "obj agent"));
        // Seen too rarely to judge alone, and no frame row: not a cue.
        assert!(!lexicon.is_cue("rare", "obj agent"));
        let err =
            CueLexicon::from_tsv("lemma\tframe\tcue\tseen\nlaud\tobj agent\t5\t4\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
        // The bundled lexicon round-trips.
        let bundled = CueLexicon::english();
        assert!(!bundled.is_empty());
        assert_eq!(
            CueLexicon::from_tsv(&bundled.to_tsv()).unwrap().len(),
            bundled.len()
        );
    }

    #[test]
    fn reported_clauses_the_parse_missed_are_found_by_their_shape() {
        let quotes = |text: &str| {
            run(text)
                .into_iter()
                .map(|(content, written, _, _)| (written, content))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            quotes(
                "Stumpf said on Tuesday that the lowest-paid bank workers make $12 an hour in low-cost regions."
            ),
            [(
                "Stumpf".to_string(),
                "the lowest-paid bank workers make $12 an hour in low-cost regions".to_string()
            )]
        );
        assert_eq!(
            quotes(
                "Republicans said the findings raised more troubling questions about the Justice Department."
            ),
            [(
                "Republicans".to_string(),
                "the findings raised more troubling questions about the Justice Department"
                    .to_string()
            )]
        );
        // Not a clause: no quote.
        assert!(quotes("He said goodbye to the crowd and left.").is_empty());
    }

    #[test]
    fn what_a_source_calls_for_or_shows_is_its_content() {
        let got =
            run("Senator Elizabeth Warren called for a criminal investigation into the bank.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "a criminal investigation into the bank");
        assert_eq!(got[0].2, "Elizabeth Warren");
        let got = run("A new poll shows Democrats ahead in three states.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].0.starts_with("Democrats ahead"), "{got:?}");
        assert_eq!(got[0].1, "A new poll");
    }

    #[test]
    fn signed_quotations_transcript_turns_and_long_quotations() {
        let run = |text: &str| {
            run(text)
                .into_iter()
                .map(|(content, _, canonical, kind)| (content, canonical, kind))
                .collect::<Vec<_>>()
        };
        let got = run("Vice presidential nominee Mike Pence spoke on Sunday.\n\n\
            \u{201c}He represents our greatest shame.\u{201d} \u{2015} Sonya Herridge\n\n\
            PENCE: Well, the question really should be why she invited him.\n\n\
            Note: this story was updated on Monday with new figures.");
        assert!(
            got.contains(&(
                "He represents our greatest shame.".into(),
                "Sonya Herridge".into(),
                QuoteKind::Direct
            )),
            "{got:?}"
        );
        // The transcript's capitals name the person the article introduced.
        assert!(
            got.contains(&(
                "Well, the question really should be why she invited him.".into(),
                "Mike Pence".into(),
                QuoteKind::Direct
            )),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|(c, _, _)| c.contains("updated on Monday")),
            "{got:?}"
        );
        // Headlines in title case.
        let got = run(
            "Obama Says African-American Museum Will Tell of Suffering and Delight\n\n\
            Trump The Dealmaker Could Address Clean Energy, Lindsey Graham Says.\n\n\
            The museum opened on Saturday.",
        );
        assert!(
            got.contains(&(
                "African-American Museum Will Tell of Suffering and Delight".into(),
                "Obama".into(),
                QuoteKind::Indirect
            )),
            "{got:?}"
        );
        assert!(
            got.contains(&(
                "Trump The Dealmaker Could Address Clean Energy".into(),
                "Lindsey Graham".into(),
                QuoteKind::Indirect
            )),
            "{got:?}"
        );
        // A quotation of several sentences before "X told Y".
        let got = run(
            "\u{201c}You should resign. You should give back the money,\u{201d} Warren told Stumpf.",
        );
        assert_eq!(
            got[0].0,
            "You should resign. You should give back the money"
        );
        assert_eq!(got[0].1, "Warren");
    }

    #[test]
    fn finds_quotation_marks() {
        let q = quotations("He said “It works” and \"so it does\".\n\n“Runaway");
        assert_eq!(q, [(8, 18), (23, 35)]);
        // Two apostrophes as quotation marks; one apostrophe is no mark.
        let q = quotations("''It is fiscally responsible,'' Burman said. Obama's plan isn't.");
        assert_eq!(q, [(0, 31)]);
        // Straight and curly marks mixed, as scraped text has them: either closes; a curly
        // pair inside a straight quotation is a quotation within it.
        let q = quotations("\"We won,\u{201d} he said. \u{201c}Again.\"");
        assert_eq!(q, [(0, 9), (19, 27)]);
        let q = quotations("\"She called it a \u{201c}rant,\u{201d} and left.\" Then");
        assert_eq!(q, [(0, 35)]);
        // A NUL in the text is a character like any other: no quotation mark, and no
        // quotation that ends past the text (the fuzzer's crash: a NUL last).
        assert_eq!(quotations("\"A\0\" b \0"), [(0, 4)]);
        assert_eq!(quotations("talks \0"), []);
        assert_eq!(quotations("\0''Go,'' he said\0"), [(1, 8)]);
    }

    #[test]
    fn a_quotation_after_an_attributed_one_goes_on_with_its_speaker() {
        for (text, speaker) in [
            // The attribution found by the sentence's shape, after the first pass.
            (
                "\"I am the guy that is trying to work from within,\" Mr. Clarke said. \"The goal \
                 is to have a big enough footprint to drive our philosophy home.\"",
                "Mr. Clarke",
            ),
            // Mixed marks.
            (
                "\"Oz has a huge bully pulpit,\u{201d} said David Gorski, a professor of surgery. \
                 \u{201c}He can\u{2019}t simply dispense with facts he doesn\u{2019}t find convenient.\u{201d}",
                "David Gorski, a professor of surgery",
            ),
            // An organization's quote goes on too.
            (
                "\u{201c}We will not negotiate under threat,\u{201d} the ministry said. \u{201c}Our \
                 position has not changed since March.\u{201d}",
                "the ministry",
            ),
            // A second quotation joined by "and" after the attribution.
            (
                "Oz is \u{201c}smart as hell,\u{201d} Steve Mosko wrote in an email to a colleague, \
                 and \u{201c}full of nonsense.\u{201d}",
                "Steve Mosko",
            ),
        ] {
            let got = run(text);
            assert_eq!(got.len(), 2, "{text}: {got:?}");
            for (content, said_by, _, kind) in &got {
                assert_eq!(said_by, speaker, "{content}");
                assert_eq!(*kind, QuoteKind::Direct, "{content}");
            }
        }
    }
}
