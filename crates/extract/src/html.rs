//! Main-text extraction from an HTML page.
//!
//! One pass over the DOM cuts the page into text blocks (the text between two block-level
//! boundaries), skipping subtrees that are never article text (scripts, navigation,
//! forms, comment and share widgets as named by their class or id). Each block gets a
//! weight: long, sentence-like text with few links is positive, link lists are negative.
//! The article container is the element whose subtree has the largest total weight,
//! which is the smallest element that holds most of the prose while leaving out the
//! surrounding navigation. Its blocks, minus link lists and furniture lines, are the text.
//!
//! This is the foundation's extractor; the ingest issue replaces the heuristics with a
//! tuned and faster design. Its weights were set by reasoning, not fitted to any page.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use regex::Regex;
use scraper::{Html, Node};

use crate::classify::BlockModel;
use crate::page::Attribute;
use crate::text::{is_furniture_phrase, is_furniture_sentence};

/// Elements whose whole subtree is never article text.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "input",
    "button",
    "select",
    "textarea",
    "iframe",
    "object",
    "embed",
    "canvas",
    "figure",
    "figcaption",
    "head",
    "dialog",
    "video",
    "audio",
];

/// Elements that start a new block of text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "br",
    "details",
    "summary",
    "caption",
];

/// Class or id words of widgets that are never article text.
static BOILERPLATE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(^|[-_ ])(comments?|share|sharing|social|related|footer|navbar|nav|breadcrumbs?|promo|advert\w*|ads?|newsletter|subscribe|subscription|cookie\w*|gdpr|cmplz|onetrust|didomi|usercentrics|cookiebot|borlabs|osano|outbrain|taboola|signup|most-?popular|trending|more-stories)([-_ ]|$)",
    )
    .expect("hint pattern compiles")
});

/// "Read more": a link to the rest of a story (furniture) or, on an element that holds a
/// long text itself, the text a "read more" button unfolds (article).
static READ_MORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^|[-_ ])read-?more([-_ ]|$)").expect("hint pattern compiles")
});

/// Class or id words that usually mark furniture but that some sites also put on the
/// article's own wrappers (Blogger wraps posts in `widget Blog`): such an element is
/// skipped only when it holds a small part of the page's text.
static WEAK_BOILERPLATE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(^|[-_ ])(sidebar|menu|widget|popup|modal|recommend\w*|byline|caption|credits?|tags|masthead|paywall|author|bio|avatar|rating|teaser|disclaimer|disclosure|tooltip|consent|toolbar)([-_ ]|$)",
    )
    .expect("hint pattern compiles")
});

/// Class names that describe a feature of an element: BEM modifiers (`--has-ads`) and
/// `has-`, `with-`, `no-`, `non-`, `is-` prefixes; and the wrappers a page builder puts
/// around every element, text included (Elementor's `elementor-widget-container`).
static FEATURE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)--[\w-]+|(^|[\s_-])(has|with|no|non|is|show|hide)-\w+|(^|\s)elementor-widget(-wrap|-container)?(\s|$)",
    )
    .expect("feature pattern compiles")
});

/// Class or id words of the article's own containers; they keep an element whose other
/// words look like boilerplate (e.g. `article-body related-links` is kept).
static CONTENT_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(article|story|entry|post|content|body|text|main|(^|\s)blog(\s|$))")
        .expect("hint pattern compiles")
});

/// Class and id names of article bodies ("article-body", "story__content", "entry-content",
/// "post-body", "articleText").
static MARKED_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(^|[\s_-])(article|story|entry|post|news)[_-]{0,2}(body|content|text)([\s_-]|$)",
    )
    .expect("marked body pattern compiles")
});

#[derive(Debug)]
struct Block {
    text: String,
    /// The text's length in Latin-script characters (see [`text_size`]), counted once.
    size: usize,
    link_chars: usize,
    /// The innermost block-level element holding the text.
    owner: NodeId,
    /// The same text as Markdown (links, emphasis, heading and list marks), when asked for.
    markdown: Option<String>,
}

impl Block {
    /// The block's length in Latin-script characters (see [`text_size`]).
    fn chars(&self) -> usize {
        self.size
    }

    fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars().max(1) as f64
    }

    /// Sentence-like text of some length with few links.
    fn is_prose(&self) -> bool {
        let n = self.chars();
        self.link_density() < 0.3
            && (n >= 100
                || (n >= 40 && (self.text.ends_with(SENTENCE_END) || self.text.ends_with(':'))))
    }

    /// Positive for prose, negative for link lists, zero for short odds and ends.
    /// A link list weighs no more than a paragraph: one long run of links (a wiki's
    /// navigation box under the article) must not outweigh the article it sits in, while
    /// a menu of many items still adds up. (Set on trafilatura-eval's training pages:
    /// uncapped 0.9368, capped at 50 to 500 characters 0.9364 to 0.9374, 1,000 no change.)
    fn weight(&self) -> f64 {
        let n = self.chars() as f64;
        let ld = self.link_density();
        if ld > 0.5 {
            -n.min(300.0)
        } else if n < 25.0 {
            0.0
        } else {
            let sentence_like = self.text.ends_with(SENTENCE_END);
            n * (1.0 - ld) * if sentence_like { 1.5 } else { 1.0 }
        }
    }
}

/// What ends a sentence, in the scripts news is written in (Chinese and Japanese full
/// stops, the Devanagari and Bengali danda, the Arabic question mark), or a closing quote.
const SENTENCE_END: &[char] = &[
    '.', '!', '?', '"', '”', '»', '。', '！', '？', '」', '』', '।', '؟', '۔',
];

/// A text's length in Latin-script characters: a Chinese, Japanese or Korean character
/// carries about as much as a word, so it counts as three, and a paragraph of 40 of them
/// weighs like one of 120 letters.
fn text_size(text: &str) -> usize {
    let n = text.chars().count();
    // Those scripts' characters all start with a byte from 0xE1 to 0xED in UTF-8.
    if !text.bytes().any(|b| (0xE1..=0xED).contains(&b)) {
        return n;
    }
    let wide = text
        .chars()
        .filter(|&c| {
            matches!(c as u32, 0x1100..=0x11FF | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
        })
        .count();
    n + 2 * wide
}

/// The article's body as plain text and, when asked for, as Markdown.
pub(crate) struct Body {
    pub text: String,
    pub markdown: Option<String>,
}

/// The page's main text; blocks that repeat the headline or the byline (metadata kept
/// elsewhere) are left out.
pub(crate) fn main_text(
    page: &Html,
    meta: &gazette_doc::Meta,
    markdown: bool,
    model: Option<&BlockModel>,
) -> Body {
    let blocks = blocks(page, markdown);
    let out = container_blocks(page, &blocks, meta);
    // Furniture sentences (follow us, copyright and cookie notices, appeals for support)
    // go after the classifier has seen them: the classifier is trained on the container's
    // blocks, and a new sentence rule would otherwise take its furniture examples away.
    let out: Vec<&Block> = match model {
        Some(m) => {
            let prose = ProseParent::of(page, &out);
            let phrases = furniture_phrases(&out);
            out.iter()
                .enumerate()
                .filter(|(i, b)| {
                    !is_furniture_sentence(&b.text)
                        && m.margin(&block_features(page, &out, *i, &prose, &phrases)) >= 0.0
                })
                .map(|(_, b)| *b)
                .collect()
        }
        // Without the classifier, the short blocks outside the text's span are trimmed;
        // the classifier sees where each block lies against it and weighs them itself.
        None => {
            let out: Vec<&Block> = out
                .into_iter()
                .filter(|b| !is_furniture_sentence(&b.text))
                .collect();
            let (first, last) = text_span(page, &out);
            if first < last {
                out[first..last].to_vec()
            } else {
                out
            }
        }
    };
    join(page, out.iter().copied(), markdown)
}

/// Dates, bylines and "contact us" lines that sit at the edges of the container are
/// not prose: the span from the first to the last block that is (or is long). Without the
/// block classifier, the short non-sentence blocks outside it are trimmed; the classifier
/// has the span among its features instead. (Trimming before the classifier's choice too
/// lost article text: a closing line, a first subheading. Cross-validation 0.9385 →
/// 0.9397, AEB 0.948 → 0.954.)
/// List items, table cells and code are the article's own structure, not the short
/// dates and bylines this trimming is for (ingredient lists, data tables, commands).
fn text_span(page: &Html, blocks: &[&Block]) -> (usize, usize) {
    let structural = |b: &Block| {
        page.tree
            .get(b.owner)
            .and_then(|n| n.value().as_element())
            .is_some_and(|e| matches!(e.name(), "li" | "td" | "th" | "dd" | "pre"))
    };
    let edge = |b: &Block| b.is_prose() || b.chars() >= 80 || structural(b);
    let first = blocks.iter().position(|b| edge(b)).unwrap_or(0);
    let last = blocks
        .iter()
        .rposition(|b| edge(b))
        .map_or(blocks.len(), |i| i + 1);
    (first, last)
}

/// The blocks of a page's container (before the classifier) with their features: what
/// the block classifier is trained on.
pub(crate) fn candidate_blocks(html: &str) -> Vec<(String, Vec<u64>)> {
    with_candidates(html, |page, out| {
        let prose = ProseParent::of(page, out);
        let phrases = furniture_phrases(out);
        (0..out.len())
            .map(|i| {
                let features = block_features(page, out, i, &prose, &phrases);
                (out[i].text.clone(), features)
            })
            .collect()
    })
}

/// Runs `f` on a page's container blocks as the extractor finds them (before the
/// classifier): what training and the development aids look at.
fn with_candidates<R>(html: &str, f: impl FnOnce(&Html, &[&Block]) -> R) -> R {
    let page = crate::prescan::parse(html, false);
    let meta = crate::metadata::from_index(&page, &crate::page::PageIndex::new(&page));
    let blocks = blocks(&page, false);
    let out = container_blocks(&page, &blocks, &meta);
    f(&page, &out)
}

/// For development: each container block's element and its three ancestors as
/// `tag.class#id` (innermost first).
pub(crate) fn candidate_contexts(html: &str) -> Vec<String> {
    with_candidates(html, |page, out| {
        out.iter()
            .map(|b| {
                let mut parts = Vec::new();
                let mut node = page.tree.get(b.owner);
                for _ in 0..4 {
                    let Some(nd) = node else { break };
                    if let Some(el) = nd.value().as_element() {
                        parts.push(format!(
                            "{}.{}#{}",
                            el.name(),
                            el.attribute("class").unwrap_or(""),
                            el.attribute("id").unwrap_or("")
                        ));
                    }
                    node = nd.parent();
                }
                parts.join(" < ")
            })
            .collect()
    })
}

/// The blocks inside the best container, minus link lists, furniture lines and repeats
/// of the headline or byline.
fn container_blocks<'a>(
    page: &Html,
    blocks: &'a [Block],
    meta: &gazette_doc::Meta,
) -> Vec<&'a Block> {
    let Some((container, wider)) = best_container(page, blocks) else {
        return Vec::new();
    };
    // Prose before a marked body inside the same wrapper is the article's lead, which
    // many sites set apart from the body ("article-intro", "teaser"); so is prose between
    // the headline and the container. (trafilatura-eval's gold keeps standfirsts, AEB's
    // articleBody leaves them out: the first rule scored +0.6 and -0.4 on them, the
    // second +0.15 and -0.13. A standfirst is the newsroom's own text, often its claim.)
    let body_start = blocks
        .iter()
        .position(|b| is_within(page, b.owner, container))
        .unwrap_or(0);
    let person = byline_person(meta.byline.as_deref());
    // The byline's first word, as `same_words` compares words: a block that lacks it cannot
    // be the byline as the page writes it, and is not cleaned to see (the cleaning's
    // patterns cost a twentieth of the extraction when run on every short block).
    let byline_opening = meta.byline.as_deref().and_then(|by| {
        compared_words(by.trim_start_matches("By ").trim_start_matches("by "))
            .next()
            .map(str::to_lowercase)
    });
    let headline = blocks[..body_start].iter().rposition(|b| {
        meta.title
            .as_deref()
            .is_some_and(|t| same_words(t, &b.text))
    });
    let mut out: Vec<&Block> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let lead = i < body_start
            && (wider.is_some_and(|w| is_within(page, b.owner, w))
                || headline.is_some_and(|h| i > h))
            && b.is_prose()
            && b.link_density() < 0.2;
        if !lead && !is_within(page, b.owner, container) {
            continue;
        }
        let n = b.chars();
        let is_meta = |m: &Option<String>| m.as_deref().is_some_and(|v| same_words(v, &b.text));
        if b.link_density() > 0.5
            || (n < 100 && is_furniture_phrase(&b.text))
            // A short line that opens by announcing furniture is that furniture's
            // heading ("Auch interessant", "Über den Autor", "Contenido relacionado").
            || (n < 60 && furniture_phrase(&b.text).is_some_and(|(_, opens)| opens))
            || is_meta(&meta.title)
            || is_meta(&meta.byline)
            // The byline as the page writes it ("von Anna Berg, 12.03.2021").
            || (n < 200
                && byline_opening.as_deref().is_some_and(|first| {
                    compared_words(&b.text).any(|w| w.to_lowercase() == first)
                })
                && meta.byline.as_deref().is_some_and(|by| {
                    crate::metadata::clean_byline(&b.text).is_some_and(|c| same_words(&c, by))
                }))
            || is_author_box(&b.text, person.as_deref())
        {
            continue;
        }
        out.push(b);
    }
    out
}

/// The byline's words when it reads as one person's name: two to four capitalized words,
/// not a publisher's ("The Conversation", "NOW Grenada"). Found once a page, for
/// [`is_author_box`].
fn byline_person(byline: Option<&str>) -> Option<Vec<&str>> {
    let name: Vec<&str> = byline?.split_whitespace().collect();
    let is_name_word = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
    };
    const ARTICLES: &[&str] = &[
        "The", "A", "An", "El", "La", "Los", "Las", "Le", "Les", "Der", "Die", "Das", "Il",
    ];
    ((2..=4).contains(&name.len()) && name.iter().all(is_name_word) && !ARTICLES.contains(&name[0]))
        .then_some(name)
}

/// Whether a block is the box about the article's author that sites put beside or under
/// the text ("Will Knight is a senior writer for WIRED ..."): a short paragraph that
/// starts with the name of the byline's person ([`byline_person`]), or with its first
/// name and then a lowercase word ("Matthew is PCMag's UK-based editor").
fn is_author_box(text: &str, person: Option<&[&str]>) -> bool {
    let Some(name) = person else {
        return false;
    };
    // A bio is a sentence or two; a bare name or a name and a date is the byline again.
    if !(80..=600).contains(&text.len()) {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().take(3).collect();
    let [first, second, third] = words[..] else {
        return false;
    };
    // "Evan Tepest und Selma Kay Matter beschreiben ..." is a lead about two people.
    let conjunction = |w: &str| matches!(w, "and" | "und" | "y" | "et" | "&");
    if first != name[0] {
        return false;
    }
    if second.trim_end_matches([',', '.']) == name[1] {
        !conjunction(third)
    } else {
        second.chars().next().is_some_and(char::is_lowercase) && !conjunction(second)
    }
}

/// The element that holds the most prose of a container directly (as the parent of its
/// blocks), and how deep in the page that element is: article paragraphs are siblings
/// under one parent, while captions, teasers and author boxes sit in subtrees of their own.
/// Also the container's [`text_span`].
struct ProseParent {
    node: Option<NodeId>,
    depth: usize,
    span: (usize, usize),
}

impl ProseParent {
    fn of(page: &Html, blocks: &[&Block]) -> ProseParent {
        let mut chars: HashMap<NodeId, usize> = HashMap::new();
        for b in blocks.iter().filter(|b| b.is_prose()) {
            if let Some(p) = page.tree.get(b.owner).and_then(|n| n.parent()) {
                *chars.entry(p.id()).or_default() += b.chars();
            }
        }
        let node = chars
            .into_iter()
            .max_by_key(|&(id, n)| (n, std::cmp::Reverse(id)))
            .map(|(id, _)| id);
        let depth = node
            .and_then(|id| page.tree.get(id))
            .map_or(0, |n| n.ancestors().count());
        ProseParent {
            node,
            depth,
            span: text_span(page, blocks),
        }
    }

    /// Where a block's element sits against the prose parent: its child, deeper inside
    /// it, outside it; and its depth against the prose blocks' (clamped to ±3).
    fn place(&self, page: &Html, owner: NodeId) -> (&'static str, String) {
        let Some(main) = self.node else {
            return ("none", String::new());
        };
        let Some(node) = page.tree.get(owner) else {
            return ("none", String::new());
        };
        let place = if node.parent().is_some_and(|p| p.id() == main) {
            "child"
        } else if node.ancestors().any(|a| a.id() == main) {
            "inside"
        } else {
            "outside"
        };
        let depth = node.ancestors().count() as i64 - (self.depth as i64 + 1);
        (place, depth.clamp(-3, 3).to_string())
    }
}

/// The kind of furniture each block announces ([`furniture_phrase`]), found once: the
/// features of a block read its own and its predecessor's.
fn furniture_phrases(blocks: &[&Block]) -> Vec<Option<(&'static str, bool)>> {
    blocks.iter().map(|b| furniture_phrase(&b.text)).collect()
}

/// Features of the block `blocks[i]` for the block classifier; `phrases` are the blocks'
/// [`furniture_phrases`].
fn block_features(
    page: &Html,
    blocks: &[&Block],
    i: usize,
    prose: &ProseParent,
    phrases: &[Option<(&'static str, bool)>],
) -> Vec<u64> {
    const LEVELS: [&str; 3] = ["0", "1", "2"];
    use gazette_learn::perceptron::{hash_str, mix};
    let b = blocks[i];
    let mut f = Vec::with_capacity(48);
    let h2 = |template: &str, a: &str| mix(hash_str(template), hash_str(a));
    let h3 = |template: &str, a: &str, b: &str| mix(h2(template, a), hash_str(b));
    f.push(h2("bias", ""));
    let n = b.chars();
    let len = (usize::BITS - n.leading_zeros()).to_string();
    f.push(h2("len", &len));
    let ld = ((b.link_density() * 5.0).round() as u32).to_string();
    f.push(h2("ld", &ld));
    f.push(h3("ld+len", &ld, &len));
    let last = b.text.chars().last().unwrap_or(' ');
    let end = match last {
        '.' | '!' | '?' => "stop",
        ':' => "colon",
        '"' | '”' | '»' | '“' | '«' => "quote",
        c if c.is_numeric() => "digit",
        c if c.is_alphabetic() => "letter",
        _ => "other",
    };
    f.push(h2("end", end));
    f.push(h3("end+len", end, &len));
    f.push(h2("prose", if b.is_prose() { "y" } else { "n" }));
    let words: Vec<&str> = b.text.split_whitespace().collect();
    let word = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
            .chars()
            .take(16)
            .collect::<String>()
    };
    if let Some(w) = words.first() {
        f.push(h2("first", &word(w)));
        if w.ends_with(':') {
            f.push(h2("first:", "colon"));
        }
    }
    if let Some(w) = words.get(1) {
        f.push(h2("second", &word(w)));
    }
    if let Some(w) = words.last() {
        f.push(h2("last", &word(w)));
    }
    f.push(h2(
        "words",
        &(usize::BITS - words.len().leading_zeros()).to_string(),
    ));
    let digits = b.text.chars().filter(|c| c.is_numeric()).count();
    f.push(h2("digits", &((digits * 10 / n.max(1)).min(5)).to_string()));
    let upper = b.text.chars().filter(|c| c.is_uppercase()).count();
    f.push(h2("upper", &((upper * 10 / n.max(1)).min(5)).to_string()));
    for mark in ['©', '|', '»', '@', '/'] {
        if b.text.contains(mark) {
            f.push(h2("mark", &mark.to_string()));
        }
    }
    if let Some((group, opens)) = phrases[i] {
        f.push(h2("phrase", group));
        f.push(h3("phrase+opens", group, if opens { "y" } else { "n" }));
        f.push(h3("phrase+len", group, &len));
    }
    // The block after one that announces furniture ("Lesen Sie auch:" and its links).
    if let Some((group, _)) = i.checked_sub(1).and_then(|j| phrases[j]) {
        f.push(h2("prev-phrase", group));
    }
    // Place in the container.
    let place = if i == 0 {
        "first"
    } else if i + 1 == blocks.len() {
        "last"
    } else if i * 3 < blocks.len() {
        "top"
    } else if i * 3 >= blocks.len() * 2 {
        "bottom"
    } else {
        "middle"
    };
    f.push(h2("place", place));
    let prose_at = |j: Option<usize>| match j.and_then(|j| blocks.get(j)) {
        Some(b) if b.is_prose() => "prose",
        Some(_) => "short",
        None => "edge",
    };
    // Before the first block of prose (a dateline, a byline), after the last (a
    // signature, "contact us"), or between.
    let zone = if i < prose.span.0 {
        "before"
    } else if i >= prose.span.1 {
        "after"
    } else {
        "inside"
    };
    f.push(h2("zone", zone));
    f.push(h3("zone+len", zone, &len));
    f.push(h3("zone+end", zone, end));
    f.push(h2("prev", prose_at(i.checked_sub(1))));
    f.push(h2("next", prose_at(Some(i + 1))));
    let (where_, depth) = prose.place(page, b.owner);
    f.push(h2("under", where_));
    f.push(h3("under+depth", where_, &depth));
    f.push(h3("under+len", where_, &len));
    f.push(h3("under+end", where_, end));
    f.push(h3(
        "under+prose",
        where_,
        if b.is_prose() { "y" } else { "n" },
    ));
    // The element and its ancestors: tags and class/id words.
    let mut node = page.tree.get(b.owner);
    for level in LEVELS {
        let Some(nd) = node else { break };
        if let Some(el) = nd.value().as_element() {
            f.push(h3("tag", level, el.name()));
            if level == "0" {
                f.push(h3("tag0+len", el.name(), &len));
            }
            for attr in [
                el.attribute("class"),
                el.attribute("id"),
                el.attribute("itemprop"),
            ]
            .into_iter()
            .flatten()
            {
                for token in attr
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|t| t.len() >= 3)
                {
                    let token = token.to_ascii_lowercase();
                    // The ancestors' own words name the site's layout more than the
                    // block: the classifier learned sites by them (cross-validation
                    // 0.9395 with them, 0.9421 without; AEB 0.9548, 0.9550). Their
                    // groups stay.
                    if level == "0" {
                        f.push(h3("cls", level, &token));
                        f.push(h2("cls", &token));
                    }
                    if let Some(group) = class_word_group(&token) {
                        f.push(h3("grp", level, group));
                        f.push(h2("grp", group));
                    }
                }
            }
        }
        node = nd.parent();
    }
    f
}

/// The kind of furniture a block's own wording announces, when it opens with (or, for a
/// short block, holds) one of the phrases sites write on their furniture in the languages
/// of news: "Read also", "Lesen Sie auch", "Subscribe to our newsletter", "All rights
/// reserved". The class words of the markup say the same where sites name their
/// elements well; many do not. The rules drop a line that is nothing but such a phrase
/// (`text::is_furniture`), and a short one (under 60 characters) that opens with one; this
/// lets the classifier weigh a longer block that opens with one ("Lesen Sie auch: Die neue
/// Regierung ..."), by the kind of furniture it names.
fn furniture_phrase(text: &str) -> Option<(&'static str, bool)> {
    const GROUPS: &[(&str, &[&str])] = &[
        (
            "related",
            &[
                "read also",
                "read more",
                "see also",
                "related",
                "more on this",
                "more from",
                "you may also like",
                "you might also like",
                "recommended",
                "also interesting",
                "lesen sie auch",
                "lesen sie mehr",
                "lies auch",
                "auch interessant",
                "mehr zum thema",
                "mehr zu",
                "weitere artikel",
                "weiterlesen",
                "das könnte",
                "das thema könnte",
                "empfehlungen",
                "vous aimerez aussi",
                "à lire aussi",
                "lire aussi",
                "lire la suite",
                "sur le même sujet",
                "te puede interesar",
                "lee también",
                "lea también",
                "noticias relacionadas",
                "contenido relacionado",
                "leer más",
                "leggi anche",
                "potrebbe interessarti",
                "czytaj też",
                "czytaj także",
                "zobacz też",
                "zobacz także",
                "leia também",
                "veja também",
            ],
        ),
        (
            "subscribe",
            &[
                "subscribe",
                "newsletter",
                "sign up",
                "register",
                "log in",
                "abonnieren",
                "abonnez-vous",
                "inscrivez-vous",
                "suscríbete",
                "suscribirse",
                "regístrate",
                "iscriviti",
                "zapisz się",
                "subskryp",
                "assine",
                "jetzt anmelden",
            ],
        ),
        (
            "share",
            &[
                "share this",
                "share on",
                "teilen",
                "partager",
                "compartir",
                "condividi",
                "udostępnij",
                "follow us",
                "folgen sie uns",
                "folge uns",
                "suivez-nous",
                "síguenos",
                "seguici",
                "obserwuj nas",
            ],
        ),
        (
            "ad",
            &[
                "advertisement",
                "sponsored",
                "anzeige",
                "werbung",
                "publicité",
                "publicidad",
                "pubblicità",
                "reklama",
                "affiliate",
                "provision",
            ],
        ),
        (
            "legal",
            &[
                "all rights reserved",
                "alle rechte vorbehalten",
                "tous droits réservés",
                "todos los derechos reservados",
                "tutti i diritti riservati",
                "wszelkie prawa zastrzeżone",
                "cookie",
                "datenschutz",
                "privacy",
                "copyright",
            ],
        ),
        (
            "author",
            &[
                "about the author",
                "über den autor",
                "über die autorin",
                "zur person",
                "à propos de l'auteur",
                "sobre el autor",
                "sull'autore",
                "o autorze",
            ],
        ),
        (
            "comments",
            &[
                "comments",
                "leave a comment",
                "leave a reply",
                "kommentare",
                "kommentar",
                "commentaires",
                "comentarios",
                "commenti",
                "komentarze",
            ],
        ),
        (
            "more",
            &[
                "more information",
                "further information",
                "weitere informationen",
                "mehr infos",
                "mehr informationen",
                "plus d'informations",
                "más información",
                "contact",
                "kontakt",
                "back to top",
                "nach oben",
                "zurück",
                "next article",
                "previous article",
            ],
        ),
    ];
    static PHRASES: LazyLock<(aho_corasick::AhoCorasick, Vec<usize>)> =
        LazyLock::new(|| grouped_automaton(GROUPS));
    let (automaton, groups) = &*PHRASES;
    // The opening words, lowercased as the phrases are.
    let head: String = text.chars().take(80).flat_map(char::to_lowercase).collect();
    let short = text.chars().nth(159).is_none();
    let hit = automaton.find_iter(&head).find(|m| {
        let at_word = head[..m.start()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        at_word && (m.start() <= 3 || short)
    })?;
    Some((GROUPS[groups[hit.pattern().as_usize()]].0, hit.start() <= 3))
}

/// One automaton over the words of every group (lowercase), and the group of each word.
fn grouped_automaton(groups: &[(&str, &[&str])]) -> (aho_corasick::AhoCorasick, Vec<usize>) {
    let (words, group_of): (Vec<&str>, Vec<usize>) = groups
        .iter()
        .enumerate()
        .flat_map(|(g, (_, words))| words.iter().map(move |w| (*w, g)))
        .unzip();
    let automaton = aho_corasick::AhoCorasick::new(words).expect("words compile");
    (automaton, group_of)
}

/// The kind of page part a class or id word names, when it is one of the words content
/// systems commonly use: lets the block classifier pool what it learns about a word with
/// its kin (an "author-bio" it never saw is like the "post-author" it did).
fn class_word_group(token: &str) -> Option<&'static str> {
    const GROUPS: &[(&str, &[&str])] = &[
        (
            "author",
            &["author", "autor", "bio", "contributor", "vcard", "profile"],
        ),
        (
            "teaser",
            &[
                "teaser",
                "related",
                "promo",
                "recommend",
                "nextstory",
                "snippet",
                "readmore",
            ],
        ),
        (
            "legal",
            &[
                "disclosure",
                "disclaimer",
                "copyright",
                "licen",
                "legal",
                "cookie",
                "consent",
                "affiliate",
            ],
        ),
        (
            "box",
            &[
                "infobox", "factbox", "tooltip", "sidebar", "widget", "flyout", "popup", "modal",
                "banner",
            ],
        ),
        (
            "media",
            &[
                "caption", "credit", "image", "img", "photo", "media", "figure", "tweet", "embed",
                "gallery",
            ],
        ),
        (
            "meta",
            &[
                "meta", "date", "byline", "crumb", "share", "social", "comment", "categor",
            ],
        ),
        (
            "content",
            &[
                "article",
                "story",
                "entry",
                "post",
                "content",
                "body",
                "text",
                "copy",
                "rte",
                "paragraph",
            ],
        ),
    ];
    // One automaton over every stem (blocks have many class words, each tested at three
    // levels); the first group in the list that has a stem in the word wins.
    static STEMS: LazyLock<(aho_corasick::AhoCorasick, Vec<usize>)> =
        LazyLock::new(|| grouped_automaton(GROUPS));
    let (automaton, groups) = &*STEMS;
    automaton
        .find_overlapping_iter(token)
        .map(|m| groups[m.pattern().as_usize()])
        .min()
        .map(|g| GROUPS[g].0)
}

fn join<'a>(page: &Html, blocks: impl Iterator<Item = &'a Block> + Clone, markdown: bool) -> Body {
    let text = blocks
        .clone()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let markdown = markdown.then(|| {
        let mut out = String::new();
        let mut previous_list = None;
        for b in blocks {
            let (mark, list) = block_mark(page, b.owner);
            if !out.is_empty() {
                // Items of one list stay together; everything else is a paragraph.
                let same_list = list.is_some() && list == previous_list;
                out.push_str(if same_list { "\n" } else { "\n\n" });
            }
            out.push_str(&mark);
            out.push_str(b.markdown.as_deref().unwrap_or(&b.text));
            previous_list = list;
        }
        out
    });
    Body { text, markdown }
}

/// The Markdown that starts a block (heading hashes, a list bullet, a quote mark) and,
/// for a list item, its list.
fn block_mark(page: &Html, owner: NodeId) -> (String, Option<NodeId>) {
    let Some(node) = page.tree.get(owner) else {
        return (String::new(), None);
    };
    let in_quote = node.ancestors().take(6).any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| e.name() == "blockquote")
    });
    let quote = if in_quote { "> " } else { "" };
    let Some(el) = node.value().as_element() else {
        return (quote.to_string(), None);
    };
    match el.name() {
        "h1" => (format!("{quote}# "), None),
        "h2" => (format!("{quote}## "), None),
        "h3" => (format!("{quote}### "), None),
        "h4" | "h5" | "h6" => (format!("{quote}#### "), None),
        "li" => {
            let parent = node.parent();
            let ordered = parent
                .and_then(|p| p.value().as_element().map(|e| e.name() == "ol"))
                .unwrap_or(false);
            let bullet = if ordered { "1. " } else { "- " };
            (
                format!("{quote}{bullet}"),
                Some(parent.map_or(owner, |p| p.id())),
            )
        }
        _ => (quote.to_string(), None),
    }
}

/// For development: the outermost skipped element around the first text node holding
/// `needle` (its tag, class and id), or why there is none.
pub(crate) fn skipped_ancestor(page: &Html, needle: &str) -> String {
    let page_chars = text_chars(page.tree.root());
    for node in page.tree.root().descendants() {
        let Node::Text(t) = node.value() else {
            continue;
        };
        let text: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.contains(needle) {
            continue;
        }
        let mut outermost = None;
        for a in node.ancestors() {
            if let Some(el) = a.value().as_element() {
                if is_skipped(a, el, page_chars) {
                    outermost = Some(format!(
                        "<{} class={:?} id={:?} role={:?}>",
                        el.name(),
                        el.attribute("class").unwrap_or(""),
                        el.attribute("id").unwrap_or(""),
                        el.attribute("role").unwrap_or("")
                    ));
                }
            }
        }
        return outermost.unwrap_or_else(|| "not skipped (split across text nodes?)".into());
    }
    "no single text node holds it".into()
}

/// All text of a page or fragment, block by block, with no boilerplate removal beyond
/// the elements that are never text (scripts, forms, captions).
pub(crate) fn all_text(page: &Html, markdown: bool) -> Body {
    let blocks = blocks(page, markdown);
    join(page, blocks.iter(), markdown)
}

/// Text that a JSON-LD string or a `<meta>` field writes with markup ("<p>The text</p>",
/// "... <a href=...>Read More</a>"), without the tags, its paragraphs joined by
/// `between`; text without markup is returned as it is.
pub(crate) fn markup_text<'a>(s: &'a str, between: &str) -> std::borrow::Cow<'a, str> {
    // A tag of HTML's text elements, not a title in angle brackets ("<The Palace>").
    const INLINE_TAGS: &[&str] = &[
        "a", "span", "strong", "em", "b", "i", "u", "img", "small", "sup", "sub",
    ];
    let tag = s.match_indices('<').any(|(i, _)| {
        let rest = s[i + 1..].strip_prefix('/').unwrap_or(&s[i + 1..]);
        let name_end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        rest[name_end..].starts_with([' ', '>', '/', '\n'])
            && BLOCK_TAGS
                .iter()
                .chain(INLINE_TAGS)
                .any(|t| rest[..name_end].eq_ignore_ascii_case(t))
    });
    if tag {
        let text = all_text(&Html::parse_fragment(s), false).text;
        text.split("\n\n").collect::<Vec<_>>().join(between).into()
    } else {
        s.into()
    }
}

fn same_words(a: &str, b: &str) -> bool {
    let b = b.trim_start_matches("By ").trim_start_matches("by ");
    // Most blocks differ in length from a headline: no need to compare their words.
    if b.len() > 2 * a.len() + 16 || a.len() > 2 * b.len() + 16 {
        return false;
    }
    let words = |s: &str| compared_words(s).map(str::to_lowercase).collect::<Vec<_>>();
    words(a) == words(b)
}

/// The words [`same_words`] compares, as written: runs of letters and digits.
fn compared_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn is_within(page: &Html, node: NodeId, ancestor: NodeId) -> bool {
    let mut cur = page.tree.get(node);
    while let Some(n) = cur {
        if n.id() == ancestor {
            return true;
        }
        cur = n.parent();
    }
    false
}

/// The article's container and, when that is a marked body inside a wider best-scoring
/// element, the wider one.
fn best_container(page: &Html, blocks: &[Block]) -> Option<(NodeId, Option<NodeId>)> {
    let mut score: HashMap<NodeId, f64> = HashMap::new();
    for b in blocks {
        let w = b.weight();
        if w == 0.0 {
            continue;
        }
        let mut cur = page.tree.get(b.owner);
        while let Some(n) = cur {
            *score.entry(n.id()).or_default() += w;
            cur = n.parent();
        }
    }
    // Walk in document order so that, on equal scores, the deeper (later) node wins.
    let mut best: Option<(NodeId, f64)> = None;
    let mut marked: Option<(NodeId, f64)> = None;
    for node in page.tree.root().descendants() {
        if let Some(&s) = score.get(&node.id()) {
            if s > 0.0 && best.is_none_or(|(_, b)| s >= b) {
                best = Some((node.id(), s));
            }
            if s > 0.0
                && marked.is_none_or(|(_, b)| s > b)
                && node.value().as_element().is_some_and(is_marked_body)
            {
                marked = Some((node.id(), s));
            }
        }
    }
    // An element the page marks as the article's body holds the article when it holds
    // most of the best container's prose: it leaves out what sits beside the body
    // (teasers, author boxes, comments) inside a wider wrapper.
    // The share was set on trafilatura's evaluation set (0.4 to 0.8 tried; 0.8 best).
    match (best, marked) {
        (Some((w, b)), Some((m, s))) if s >= 0.8 * b => Some((m, (w != m).then_some(w))),
        _ => best.map(|(id, _)| (id, None)),
    }
}

/// Whether an element is marked as an article's body by schema.org microdata or by the
/// class and id names content systems give it.
fn is_marked_body(el: &scraper::node::Element) -> bool {
    if el.attribute("itemprop") == Some("articleBody")
        || el.attribute("property") == Some("articleBody")
    {
        return true;
    }
    [el.attribute("class"), el.attribute("id")]
        .into_iter()
        .flatten()
        .any(|h| MARKED_BODY.is_match(h))
}

fn is_skipped(
    node: ego_tree::NodeRef<'_, Node>,
    el: &scraper::node::Element,
    page_chars: usize,
) -> bool {
    if SKIP_TAGS.contains(&el.name()) {
        // A figure that holds a table is the article's data, not a picture; its caption
        // still goes.
        return !(el.name() == "figure"
            && node
                .descendants()
                .any(|d| d.value().as_element().is_some_and(|e| e.name() == "table")));
    }
    if el.attribute("hidden").is_some() || el.attribute("aria-hidden") == Some("true") {
        return true;
    }
    // Navigation, headers, footers and sidebars, unless a broken page left one open
    // around the article (then it holds most of the page's text) or a template put the
    // article's own marked-up body inside one.
    if matches!(el.name(), "nav" | "footer" | "aside" | "menu")
        || matches!(
            el.attribute("role"),
            Some("navigation" | "complementary" | "banner" | "contentinfo")
        )
    {
        return text_chars(node) * 2 < page_chars && !holds_article_body(node);
    }
    // Whole-page wrappers carry site-wide classes ("one-sidebar", "menu-type-x") that
    // say nothing about their content; ASP.NET pages wrap everything in one <form>,
    // while other forms (log-in, comment, newsletter) are never article text.
    if el.name() == "form" {
        return text_chars(node) * 2 < page_chars;
    }
    if matches!(el.name(), "html" | "body" | "main" | "article") {
        return false;
    }
    let hints = [el.attribute("class"), el.attribute("id")]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|h| !h.is_empty());
    // Words that describe a feature of the element rather than what it is ("has-ads",
    // "o-section--has-ads", "non-paywall") say nothing about its content.
    let cleaned: Vec<std::borrow::Cow<'_, str>> =
        hints.map(|h| FEATURE_WORDS.replace_all(h, " ")).collect();
    let any = |re: &Regex| cleaned.iter().any(|h| re.is_match(h));
    if cleaned.is_empty() || any(&CONTENT_HINT) {
        return false;
    }
    // A wrapper holding most of the page's text is not the widget its class names
    // (e.g. `m-advertisement-off-canvas--pusher` around a whole page).
    if any(&BOILERPLATE_HINT) {
        return text_chars(node) * 2 < page_chars;
    }
    if any(&READ_MORE) {
        let chars = text_chars(node);
        let linked: usize = node
            .descendants()
            .filter(|d| d.value().as_element().is_some_and(|e| e.name() == "a"))
            .map(text_chars)
            .sum();
        let unfolds = chars >= 200 && linked * 4 < chars;
        return !unfolds && chars * 2 < page_chars;
    }
    any(&WEAK_BOILERPLATE_HINT) && text_chars(node) * 4 < page_chars
}

/// Whether the element holds the page's article body as schema.org marks it
/// (`itemprop="articleBody"`), which no sidebar or menu does.
fn holds_article_body(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.descendants().any(|d| {
        d.value().as_element().is_some_and(|e| {
            e.attribute("itemprop")
                .is_some_and(|p| p.split_ascii_whitespace().any(|w| w == "articleBody"))
        })
    })
}

/// Chars of visible text under a node (scripts and styles left out).
fn text_chars(node: ego_tree::NodeRef<'_, Node>) -> usize {
    let mut n = 0;
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            let in_code = d
                .parent()
                .and_then(|p| p.value().as_element())
                .is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript" | "template"));
            if !in_code {
                n += t.trim().len();
            }
        }
    }
    n
}

fn blocks(page: &Html, with_markdown: bool) -> Vec<Block> {
    let page_chars = text_chars(page.tree.root());
    let mut blocks = Vec::new();
    let mut open_blocks: Vec<NodeId> = vec![page.tree.root().id()];
    let mut skipping: Option<NodeId> = None;
    let mut link_depth = 0usize;
    let mut text = String::new();
    let mut link_chars = 0usize;
    let mut md = with_markdown.then(Markdown::default);

    let mut flush =
        |text: &mut String, link_chars: &mut usize, md: &mut Option<Markdown>, owner: NodeId| {
            let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let markdown = md.as_mut().map(Markdown::take);
            if !t.is_empty() {
                blocks.push(Block {
                    size: text_size(&t),
                    text: t,
                    link_chars: *link_chars,
                    owner,
                    markdown,
                });
            }
            text.clear();
            *link_chars = 0;
        };

    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        if is_skipped(node, el, page_chars) {
                            skipping = Some(node.id());
                            continue;
                        }
                        let name = el.name();
                        if BLOCK_TAGS.contains(&name) {
                            flush(
                                &mut text,
                                &mut link_chars,
                                &mut md,
                                *open_blocks.last().expect("root is open"),
                            );
                            if name != "br" && name != "hr" {
                                open_blocks.push(node.id());
                            }
                        } else if name == "a" {
                            link_depth += 1;
                            if let Some(md) = &mut md {
                                md.open_link(el.attribute("href"));
                            }
                        } else if let Some(mark) = emphasis(name) {
                            if let Some(md) = &mut md {
                                md.open(mark);
                            }
                        } else if name == "img" {
                            // Alternative text is a caption, not article text.
                        }
                    }
                    Node::Text(t) => {
                        let s = &*without_invisible(t);
                        if link_depth > 0 {
                            link_chars += s
                                .split_whitespace()
                                .map(|w| text_size(w) + 1)
                                .sum::<usize>();
                        }
                        text.push_str(s);
                        if let Some(md) = &mut md {
                            md.text(s);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(skip) = skipping {
                    if skip == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if BLOCK_TAGS.contains(&name) && name != "br" && name != "hr" {
                        flush(&mut text, &mut link_chars, &mut md, node.id());
                        open_blocks.pop();
                    } else if name == "a" {
                        link_depth = link_depth.saturating_sub(1);
                        if let Some(md) = &mut md {
                            md.close_link();
                        }
                    } else if emphasis(name).is_some() {
                        if let Some(md) = &mut md {
                            md.close();
                        }
                    }
                }
            }
        }
    }
    flush(&mut text, &mut link_chars, &mut md, page.tree.root().id());
    blocks
}

fn emphasis(tag: &str) -> Option<&'static str> {
    match tag {
        "em" | "i" => Some("*"),
        "strong" | "b" => Some("**"),
        "code" => Some("`"),
        _ => None,
    }
}

/// Inline Markdown of the block being read. Opening marks are written only when text
/// follows, and closing marks hug the text, so that `<em> x </em>` gives `*x*`, and
/// empty links or emphasis leave nothing.
#[derive(Default)]
struct Markdown {
    out: String,
    /// Marks opened by elements, with whether each was written.
    open: Vec<(String, bool)>,
    /// Targets of the open links (`None`: a link not worth keeping).
    links: Vec<Option<String>>,
}

/// Characters that Markdown would read as marks, escaped in text.
const MARKDOWN_SPECIAL: [char; 6] = ['*', '_', '[', ']', '`', '\\'];

/// Plain text as Markdown text: its mark characters escaped.
pub(crate) fn markdown_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if MARKDOWN_SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Markdown {
    fn open(&mut self, mark: &str) {
        self.open.push((mark.to_string(), false));
    }

    fn open_link(&mut self, href: Option<&str>) {
        let target = href
            .map(str::trim)
            .filter(|h| !h.is_empty() && !h.starts_with('#') && !h.starts_with("javascript:"))
            .map(|h| h.replace(' ', "%20").replace(')', "%29"));
        self.open.push(("[".into(), false));
        self.links.push(target);
    }

    fn text(&mut self, s: &str) {
        let mut words = s.split_whitespace().peekable();
        if words.peek().is_none() {
            if !s.is_empty() && !self.out.is_empty() && !self.out.ends_with(' ') {
                self.out.push(' ');
            }
            return;
        }
        if s.starts_with(char::is_whitespace) && !self.out.is_empty() && !self.out.ends_with(' ') {
            self.out.push(' ');
        }
        for (mark, written) in &mut self.open {
            if !*written {
                self.out.push_str(mark);
                *written = true;
            }
        }
        let mut first = true;
        for w in words {
            if !first {
                self.out.push(' ');
            }
            first = false;
            for c in w.chars() {
                if MARKDOWN_SPECIAL.contains(&c) {
                    self.out.push('\\');
                }
                self.out.push(c);
            }
        }
        if s.ends_with(char::is_whitespace) {
            self.out.push(' ');
        }
    }

    fn close_mark(&mut self, closing: &str) {
        let spaced = self.out.ends_with(' ');
        if spaced {
            self.out.pop();
        }
        self.out.push_str(closing);
        if spaced {
            self.out.push(' ');
        }
    }

    fn close(&mut self) {
        if let Some((mark, true)) = self.open.pop() {
            self.close_mark(&mark);
        }
    }

    fn close_link(&mut self) {
        let target = self.links.pop().flatten();
        if let Some((_, true)) = self.open.pop() {
            match target {
                Some(t) => self.close_mark(&format!("]({t})")),
                None => self.close_mark("]"),
            }
        }
    }

    /// The block's Markdown; marks still open stay open for the next block.
    fn take(&mut self) -> String {
        for (_, written) in &mut self.open {
            *written = false;
        }
        let out = std::mem::take(&mut self.out);
        let out = out.trim();
        // A block that starts like a Markdown block mark is not one.
        if out.starts_with(['#', '>', '-', '+']) {
            return format!("\\{out}");
        }
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && (out[digits..].starts_with(". ") || out[digits..].starts_with(") ")) {
            return format!("{}\\{}", &out[..digits], &out[digits..]);
        }
        out.to_string()
    }
}

/// Soft hyphens, zero-width spaces, word joiners and byte-order marks say where a word may
/// break or must not: layout hints that are not text. Left in, "Ita\u{ad}li\u{ad}ens" does not read
/// or match as "Italiens". (Zero-width joiners and non-joiners stay: they shape letters in
/// Persian, Indic scripts and emoji.)
pub(crate) fn without_invisible(s: &str) -> std::borrow::Cow<'_, str> {
    let invisible = |c: char| matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}');
    if s.is_ascii() || !s.contains(invisible) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.replace(invisible, ""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_announces_itself_in_the_pages_languages() {
        for (text, group, opens) in [
            ("Lesen Sie auch: Die neue Regierung", "related", true),
            ("Vous aimerez aussi", "related", true),
            (
                "Subscribe to our newsletter for weekly updates",
                "subscribe",
                true,
            ),
            (
                "\u{a9} 2024 Der Verlag. Alle Rechte vorbehalten.",
                "legal",
                false,
            ),
            ("\u{dc}ber den Autor", "author", true),
        ] {
            assert_eq!(furniture_phrase(text), Some((group, opens)), "{text}");
        }
        // A phrase deep in a paragraph of prose, or inside a word, is no announcement.
        let prose = "The minister said the plan was sound, and that the country would read \
                     more about it in a report to be published next spring by the agency that \
                     oversees the ports.";
        assert_eq!(furniture_phrase(prose), None);
        assert_eq!(furniture_phrase("Unrelated matters"), None);
    }

    #[test]
    fn keeps_prose_and_drops_navigation_and_widgets() {
        let page = Html::parse_document(
            r#"<html><body>
            <div class="menu"><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></div>
            <ul class="top"><li><a href="/a">A long link to another story about something else</a></li>
                <li><a href="/b">Another long link to another story about other things</a></li></ul>
            <article class="story-body">
              <h1>Putin meets Assad</h1>
              <p>Russian President Vladimir Putin met Syrian President Bashar al-Assad in Sochi, the Kremlin said.</p>
              <figure><img src="x.jpg" alt="Putin"><figcaption>Putin and Assad in Sochi. Photo: Agency</figcaption></figure>
              <p>The meeting, according to the Kremlin, happened yesterday evening in the <a href="/sochi">Black Sea resort</a> of Sochi.</p>
              <div class="share-buttons"><a>Share on Facebook</a><a>Tweet</a></div>
              <p>Assad stayed on Russian soil for a total of four hours, RIA news agency quoted Kremlin spokesman Dmitry Peskov as saying.</p>
            </article>
            <div class="comments"><p>Great article, thanks for sharing this with all of us readers!</p></div>
            <footer><p>Copyright 2017 Example News. All rights reserved and more text here.</p></footer>
            </body></html>"#,
        );
        let text = main_text(&page, &gazette_doc::Meta::default(), false, None).text;
        assert!(
            // The headline is a short non-sentence block at the top edge: trimmed.
            text.starts_with("Russian President Vladimir Putin met"),
            "{text}"
        );
        assert!(text.contains("Black Sea resort of Sochi."), "{text}");
        assert!(text.ends_with("as saying."), "{text}");
        for absent in [
            "Home",
            "another story",
            "Photo: Agency",
            "Share on",
            "Great article",
            "Copyright",
        ] {
            assert!(!text.contains(absent), "{absent:?} leaked into {text}");
        }
    }

    #[test]
    fn a_standfirst_between_the_headline_and_the_body_is_the_lead() {
        let para = "The council voted on Tuesday to rebuild the old bridge over the river, which has been closed to traffic since the spring floods damaged its piers.";
        let page = Html::parse_document(&format!(
            r#"<html><head><title>Council votes to rebuild the bridge</title></head><body>
            <header><h1>Council votes to rebuild the bridge</h1>
            <p class="dek">Work on the crossing, shut since the floods, is to start in the autumn and take two years.</p></header>
            <ul><li><a href="/a">Another story about the river and its many bridges</a></li>
            <li><a href="/b">The mayor's plans for the old town square and its market</a></li>
            <li><a href="/c">Why the ferry service across the estuary is to end next year</a></li>
            <li><a href="/d">Five walks along the river for a sunny weekend in the spring</a></li></ul>
            <div class="c9"><p>{para}</p><p>{para}</p><p>{para}</p></div></body></html>"#
        ));
        let meta = gazette_doc::Meta {
            title: Some("Council votes to rebuild the bridge".into()),
            ..Default::default()
        };
        let text = main_text(&page, &meta, false, None).text;
        assert!(text.starts_with("Work on the crossing"), "{text}");
        assert!(!text.contains("Another story"), "{text}");
    }

    #[test]
    fn a_short_heading_that_announces_furniture_goes_and_the_text_stays() {
        let para = "Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke über den Fluss neu zu bauen, die seit dem Hochwasser im Frühjahr gesperrt ist.";
        let page = Html::parse_document(&format!(
            r#"<html><body><article><p>{para}</p><p>{para}</p>
            <h3>Auch interessant:</h3>
            <p>Auch interessant ist, sagte die Bürgermeisterin, dass der Bau im Herbst beginnen und zwei Jahre dauern soll, wenn der Kreis das Geld freigibt.</p>
            </article></body></html>"#
        ));
        let text = main_text(&page, &gazette_doc::Meta::default(), false, None).text;
        assert!(!text.contains("interessant:"), "{text}");
        assert!(text.contains("sagte die Bürgermeisterin"), "{text}");
    }

    #[test]
    fn a_consent_managers_panel_goes_with_its_cookie_table() {
        let para = "The council voted on Tuesday to rebuild the old bridge over the river, which has been closed to traffic since the spring floods damaged its piers.";
        let page = Html::parse_document(&format!(
            r#"<html><body><div class="page"><article><p>{para}</p><p>{para}</p><p>{para}</p></article>
            <div id="cmplz-cookiebanner-container"><p>Necessary cookies</p>
            <p>These cookies are always active because the basic functions of the site need them to work.</p>
            <table><tr><td>Name</td><td>Provider</td><td>Purpose</td></tr>
            <tr><td>_ga</td><td>Google</td><td>Registers a unique ID that is used to generate statistical data on how the visitor uses the website.</td></tr></table>
            </div></div></body></html>"#
        ));
        let text = main_text(&page, &gazette_doc::Meta::default(), false, None).text;
        assert!(text.contains("spring floods"), "{text}");
        for absent in ["cookies", "_ga", "statistical data"] {
            assert!(!text.contains(absent), "{absent:?} leaked into {text}");
        }
    }

    #[test]
    fn text_a_read_more_button_unfolds_stays_and_a_read_more_link_goes() {
        let para = "The village lies on a quiet ridge above the river, and its old mill was turned into a museum of rural life in the seventies.";
        let page = Html::parse_document(&format!(
            r#"<html><body><div class="offer">
            <p>{para}</p>
            <p class="presentation-text js_readmore">{para} The house sleeps six in three bedrooms, with a garden that looks over the valley to the forest beyond it.</p>
            <div class="read-more"><a href="/next">Read more: ten more villages worth a weekend away</a></div>
            <p>{para}</p></div></body></html>"#
        ));
        let text = main_text(&page, &gazette_doc::Meta::default(), false, None).text;
        assert!(text.contains("The house sleeps six"), "{text}");
        assert!(!text.contains("ten more villages"), "{text}");
    }

    #[test]
    fn markdown_keeps_headings_lists_links_and_emphasis() {
        let page = Html::parse_document(
            r#"<html><body><nav><a href="/">Home</a></nav><article>
            <p>Russian President Vladimir Putin met <a href="/people/assad"> Syrian President <em>Bashar al-Assad</em> </a> in Sochi, the <strong>Kremlin</strong> said on Tuesday.</p>
            <h2>What was agreed</h2>
            <ul><li>A congress of Syrian groups in <a href="javascript:void(0)">Sochi</a>.</li><li>Talks in Geneva_2 on *the* constitution.</li></ul>
            <ol><li>First, a ceasefire across the country.</li><li>Then elections under United Nations supervision.</li></ol>
            <blockquote><p>What is important now is the move into the political process in Syria.</p></blockquote>
            <p>2017. A year of talks in which the two leaders met three times in all.</p>
            </article></body></html>"#,
        );
        let body = main_text(&page, &gazette_doc::Meta::default(), true, None);
        let md = body.markdown.unwrap();
        assert_eq!(
            md,
            "Russian President Vladimir Putin met [Syrian President *Bashar al-Assad*](/people/assad) in Sochi, the **Kremlin** said on Tuesday.\n\n\
             ## What was agreed\n\n\
             - A congress of Syrian groups in [Sochi].\n\
             - Talks in Geneva\\_2 on \\*the\\* constitution.\n\n\
             1. First, a ceasefire across the country.\n\
             1. Then elections under United Nations supervision.\n\n\
             > What is important now is the move into the political process in Syria.\n\n\
             2017\\. A year of talks in which the two leaders met three times in all."
        );
        // The plain text has the same blocks without marks.
        assert!(
            body.text
                .contains("met Syrian President Bashar al-Assad in Sochi")
        );
        assert!(body.text.contains("\n\nWhat was agreed\n\nA congress"));
    }

    #[test]
    fn class_words_of_features_do_not_make_boilerplate() {
        let prose = "Russian President Vladimir Putin met Syrian President Bashar al-Assad in Sochi on Monday, the Kremlin said.";
        let page = Html::parse_document(&format!(
            r#"<main><section class="o-section o-section--has-ads">{prose}</section>
            <section class="row non-paywall"><p>{prose} Assad stayed four hours.</p></section>
            <div class="elementor-widget-wrap"><div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container"><p>The talks resume in Geneva next week, the Kremlin said on Tuesday evening.</p></div></div></div>
            <div class="ads"><p>Buy our product today, it is the best product there is anywhere.</p></div></main>"#
        ));
        let text = main_text(&page, &gazette_doc::Meta::default(), false, None).text;
        assert!(text.contains("Assad stayed four hours."), "{text}");
        assert!(text.contains("The talks resume in Geneva"), "{text}");
        assert_eq!(text.matches("the Kremlin said.").count(), 2, "{text}");
        assert!(!text.contains("Buy our product"), "{text}");
    }

    #[test]
    fn a_marked_article_body_is_preferred_to_a_wider_wrapper() {
        let prose = "Russian President Vladimir Putin met Syrian President Bashar al-Assad in Sochi on Monday, the Kremlin said.";
        let teaser = "Another long teaser about a different story, written as a full sentence to look like prose.";
        let page = Html::parse_document(&format!(
            r#"<div class="wrapper"><div itemprop="articleBody"><p>{prose}</p><p>{prose}</p><p>{prose}</p><p>{prose}</p></div>
            <div class="more"><p>{teaser}</p></div></div>"#
        ));
        let text = main_text(&page, &gazette_doc::Meta::default(), false, None).text;
        assert!(text.contains("the Kremlin said."), "{text}");
        assert!(!text.contains("Another long teaser"), "{text}");
    }

    #[test]
    fn a_long_navigation_box_under_the_article_does_not_cut_the_article_down() {
        // A wiki page: sections of prose, then one table cell of some 150 links to
        // other pages, all in the same wrapper. Counted at its full length against the
        // wrapper, the box would leave only the last section's list as the container.
        let para = "The charm conjured a jet of clean water from the tip of the caster's wand, and it was taught in the sixth year.";
        let links: String = (0..150)
            .map(|i| format!("<a href='/wiki/Spell_{i}'>Spell number {i}</a> · "))
            .collect();
        let page = Html::parse_document(&format!(
            r#"<div class="mw-parser-output"><h2>History</h2><p>{para}</p><p>{para}</p>
            <h2>Behind the scenes</h2><ul><li>It is possible that this is the same spell as another charm, given its use.</li>
            <li>Conjured items from thin air tend not to last long, so the water may not quench thirst.</li></ul>
            <table><tr><td>{links}</td></tr></table></div>"#
        ));
        let text = main_text(&page, &gazette_doc::Meta::default(), false, None).text;
        assert!(text.contains("taught in the sixth year."), "{text}");
        assert!(text.contains("may not quench thirst."), "{text}");
        assert!(!text.contains("Spell number 7"), "{text}");
    }

    #[test]
    fn an_aside_holding_the_marked_article_body_is_not_a_sidebar() {
        // A template that wraps its content column in <aside>, on a page whose menus and
        // footer hold more text than the article.
        let prose = "Frank Witzel won the German Book Prize on Monday for a novel about the old Federal Republic, the jury said.";
        let menu: String = (0..40)
            .map(|i| format!("<li>Section number {i} of the site</li>"))
            .collect();
        let page = Html::parse_document(&format!(
            r#"<body><ul class="menu">{menu}</ul><aside class="content-column">
            <div itemprop="articleBody"><p>{prose}</p><p>{prose}</p></div></aside>
            <aside class="sidebar"><p>Another long teaser about a different story, written as a sentence.</p></aside></body>"#
        ));
        let text = main_text(&page, &gazette_doc::Meta::default(), false, None).text;
        assert!(text.contains("the jury said."), "{text}");
        assert!(!text.contains("Another long teaser"), "{text}");
    }

    #[test]
    fn a_figure_holding_a_table_is_kept_and_a_picture_caption_goes() {
        let prose = "The exchange charges different fees for each kind of account, and the table below lists them as of March.";
        let page = Html::parse_document(&format!(
            r#"<article><p>{prose}</p>
            <figure><img src="a.jpg"><figcaption>The exchange's office in Dublin. Photo: Agency</figcaption></figure>
            <figure class="table-block"><table><tr><th>Account</th><th>Fees</th></tr>
            <tr><td>Instant cashout to bank</td><td>1.5 percent of the amount</td></tr></table>
            <figcaption>Fees as of March</figcaption></figure><p>{prose}</p></article>"#
        ));
        let text = main_text(&page, &gazette_doc::Meta::default(), false, None).text;
        assert!(text.contains("1.5 percent of the amount"), "{text}");
        assert!(!text.contains("Photo: Agency"), "{text}");
        assert!(!text.contains("Fees as of March"), "{text}");
    }

    #[test]
    fn author_boxes_go_and_lists_at_the_edges_stay() {
        let prose = "The council voted on Tuesday to close the old bridge to cars from next spring, after engineers found cracks in two of its piers.";
        let page = Html::parse_document(&format!(
            r#"<article><ul><li>2 cups flour</li><li>1 egg</li></ul>
            <p>For the latest stories and breaking news updates download the Example News apps for iOS and Android.</p>
            <p>{prose}</p><p>{prose}</p><p>{prose}</p>
            <p>Jane Roe is a senior reporter for Example News, covering city hall and transport. She was previously at the Daily Record.</p>
            <div class="author-bio"><p>Our transport desk has reported on the valley's bridges, roads and railways since the paper was founded.</p></div>
            </article>"#
        ));
        let meta = gazette_doc::Meta {
            byline: Some("Jane Roe".into()),
            ..Default::default()
        };
        let text = main_text(&page, &meta, false, None).text;
        assert!(
            text.starts_with("2 cups flour\n\n1 egg\n\nThe council"),
            "{text}"
        );
        assert!(!text.contains("senior reporter"), "{text}");
        assert!(!text.contains("transport desk"), "{text}");
        assert!(!text.contains("download the"), "{text}");
        assert_eq!(text.matches("cracks in two").count(), 3, "{text}");
    }

    #[test]
    fn the_byline_as_the_page_writes_it_leaves_the_text() {
        let prose = "The council voted on Tuesday to close the old bridge to cars from next spring, after engineers found cracks in two of its piers.";
        let page = Html::parse_document(&format!(
            r#"<article><p>{prose}</p><p>Von Anna Berg | 12.03.2021 | 3 Min. Lesezeit</p><p>{prose}</p>
            <p>Anna Berg said the bridge would reopen to walkers in May.</p></article>"#
        ));
        let meta = gazette_doc::Meta {
            byline: Some("Anna Berg".into()),
            ..Default::default()
        };
        let text = main_text(&page, &meta, false, None).text;
        assert!(!text.contains("Von Anna Berg"), "{text}");
        assert!(text.contains("Anna Berg said the bridge"), "{text}");
    }

    #[test]
    fn only_a_bio_that_opens_with_the_bylines_person_is_an_author_box() {
        let is_author_box = |text: &str, byline: Option<&str>| {
            is_author_box(text, byline_person(byline).as_deref())
        };
        let bio = "Jane Roe is a senior reporter for Example News, covering city hall and transport since 2019.";
        assert!(is_author_box(bio, Some("Jane Roe")));
        assert!(is_author_box(
            "Jane has covered city hall and transport for Example News since 2019, after ten years abroad.",
            Some("Jane Roe")
        ));
        // An interviewer's turn, a publisher's byline, two people in a lead, a short line.
        assert!(!is_author_box(
            "Roe: And what happens to the bridge after the council's vote on Tuesday, in your view?",
            Some("Jane Roe")
        ));
        assert!(!is_author_box(
            "The international goal under the Paris Agreement is to curb average temperatures this century.",
            Some("The Conversation")
        ));
        assert!(!is_author_box(
            "Jane Roe and John Doe describe how the city decided to close its oldest bridge to cars.",
            Some("Jane Roe")
        ));
        assert!(!is_author_box("Jane Roe, 12 May 2024", Some("Jane Roe")));
        assert!(!is_author_box(bio, None));
    }

    #[test]
    fn empty_and_tag_soup_pages_do_not_panic() {
        assert_eq!(
            main_text(
                &Html::parse_document(""),
                &gazette_doc::Meta::default(),
                false,
                None
            )
            .text,
            ""
        );
        let soup = "<div><p>Unclosed <b>bold <i>italic</p></div></span><table><td>cell text that is long enough to count as a block of text.";
        let text = main_text(
            &Html::parse_document(soup),
            &gazette_doc::Meta::default(),
            false,
            None,
        )
        .text;
        assert!(text.contains("cell text"), "{text}");
        let deep = "<div>".repeat(5000)
            + "Deep text inside many divs, long enough to count here."
            + &"</div>".repeat(5000);
        assert!(
            main_text(
                &Html::parse_document(&deep),
                &gazette_doc::Meta::default(),
                false,
                None
            )
            .text
            .contains("Deep text")
        );
    }
}
