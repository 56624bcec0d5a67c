//! Named entities (PER, ORG, LOC, MISC) from the recognizer, linked to one identity:
//! a person mention whose words all occur, in order, in a longer person mention of the
//! article ("Putin" in "Vladimir Putin") takes that name; then the knowledge base
//! (`gazette_ner::kb`) maps names, demonyms and seats of government to countries and
//! organizations ("Russian", "Russian Federation", "the Kremlin", "Moscow" as a subject →
//! Russia, `country:rus`). The
//! entity id is the type and the canonical name as a slug, so the same name gets the same
//! id in every article ("per:vladimir-putin").

use gazette_doc::{Doc, Entity, EntityLabel, Layer, Token};
use gazette_ner::kb::{KnowledgeBase, Match};
use gazette_ner::{EntityModel, NAME_PARTICLES, TITLES};

use crate::{Component, ComponentError};

/// Recognizes and links named entities.
pub struct EntityAnnotator {
    model: &'static EntityModel,
    kb: &'static KnowledgeBase,
}

impl Default for EntityAnnotator {
    fn default() -> EntityAnnotator {
        EntityAnnotator {
            model: EntityModel::english(),
            kb: KnowledgeBase::english(),
        }
    }
}

/// "Vladimir Putin" → "vladimir-putin".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A person's name without its middle initials and a closing "Jr." ("Joseph R. Biden Jr."
/// → "Joseph Biden"), when a first name and a surname are left. A closing "Sr." stays: it
/// names the father where the son is the one usually meant ("Duncan Hunter Sr.").
fn plain_name(name: &str) -> String {
    let mut parts: Vec<&str> = name.split_whitespace().collect();
    while parts.len() > 2
        && matches!(
            parts.last().map(|w| w.trim_start_matches(',')),
            Some("Jr." | "Jr")
        )
    {
        parts.pop();
    }
    if let Some(last) = parts.last_mut() {
        *last = last.trim_end_matches(',');
    }
    let initial = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        (1..=2).contains(&letters.len())
            && letters.iter().all(|c| c.is_uppercase())
            && w.ends_with('.')
    };
    let n = parts.len();
    let kept: Vec<&str> = parts
        .iter()
        .enumerate()
        .filter(|&(i, w)| i == 0 || i + 1 == n || !initial(w))
        .map(|(_, w)| *w)
        .collect();
    if kept.len() >= 2 {
        kept.join(" ")
    } else {
        name.to_string()
    }
}

/// Whether every word of `short` occurs in `long`, in order; a name that writes its middle
/// initials is no part of one with more of them ("George W. Bush", "George H.W. Bush").
fn is_part_of(short: &[String], long: &[String]) -> bool {
    let initials = |ws: &[String]| ws.iter().filter(|w| w.chars().count() == 1).count();
    if initials(short) > 0 && initials(long) > initials(short) {
        return false;
    }
    let mut it = long.iter();
    short.len() < long.len() && short.iter().all(|w| it.any(|l| l == w))
}

impl Component for EntityAnnotator {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Syntax]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        let tokens = doc.tokens();
        let mut found: Vec<(usize, usize, EntityLabel)> = Vec::new();
        // The recognizer reads each sentence, a dateline apart from the sentence it opens
        // ("LYON, France -" then "Water levels ..."), as CoNLL's news has them.
        let mut segments: Vec<(usize, usize)> = Vec::new();
        let mut t = 0;
        for s in doc.sentences() {
            let first = t;
            while t < tokens.len() && tokens[t].end <= s.end {
                t += 1;
            }
            let forms: Vec<&str> = tokens[first..t]
                .iter()
                .map(|k| doc.slice(k.span()))
                .collect();
            match crate::syntax::dateline_len(&forms) {
                0 => segments.push((first, t)),
                split => segments.extend([(first, first + split), (first + split, t)]),
            }
        }
        // Each segment's words as the recognizer reads them: (token ranges, forms, tags).
        let mut read: Vec<(Vec<(usize, usize)>, Vec<String>, Vec<&str>)> = Vec::new();
        for &(first, t) in &segments {
            // The recognizer was trained on CoNLL tokens, which keep hyphenated words whole
            // ("al-Assad"); the tokenizer splits them as UD does. Rejoin them for it: a group
            // is a run of tokens with no space between them that has a hyphen inside.
            let mut groups: Vec<(usize, usize)> = Vec::new(); // token index ranges
            let mut i = first;
            while i < t {
                let mut j = i + 1;
                while j + 1 < t
                    && doc.slice(tokens[j].span()) == "-"
                    && tokens[j - 1].end == tokens[j].start
                    && tokens[j].end == tokens[j + 1].start
                {
                    j += 2;
                }
                groups.push((i, j));
                i = j;
            }
            let joined: Vec<String> = groups
                .iter()
                .map(|&(a, b)| {
                    doc.slice(gazette_doc::Span::new(tokens[a].start, tokens[b - 1].end))
                        .to_string()
                })
                .collect();
            // A joined word takes the tag of its last part ("al-Assad": NNP).
            let tags: Vec<&str> = groups
                .iter()
                .map(|&(_, b)| tokens[b - 1].tag.as_deref().unwrap_or(""))
                .collect();
            read.push((groups, joined, tags));
        }
        let forms: Vec<Vec<&str>> = read
            .iter()
            .map(|(_, joined, _)| joined.iter().map(String::as_str).collect())
            .collect();
        let sentences: Vec<(&[&str], &[&str])> = forms
            .iter()
            .zip(&read)
            .map(|(f, (_, _, tags))| (f.as_slice(), tags.as_slice()))
            .collect();
        let recognized = self.model.recognize_document(&sentences);
        for (((groups, _, _), entities), &(first, t)) in read.iter().zip(recognized).zip(&segments)
        {
            for e in entities {
                let mut label = match e.label.as_str() {
                    "PER" => EntityLabel::Per,
                    "ORG" => EntityLabel::Org,
                    "LOC" => EntityLabel::Loc,
                    _ => EntityLabel::Misc,
                };
                let mut first_token = groups[e.start].0;
                let mut last_token = groups[e.end - 1].1 - 1;
                // No quotation mark or other punctuation at a name's edges ("” Ruiz").
                let punctuation = |t: usize| {
                    doc.slice(tokens[t].span())
                        .chars()
                        .all(|c| !c.is_alphanumeric())
                };
                while first_token < last_token && punctuation(first_token) {
                    first_token += 1;
                }
                while last_token > first_token && punctuation(last_token) {
                    last_token -= 1;
                }
                if punctuation(first_token) {
                    continue;
                }
                // A name starts after an honorific the recognizer took in ("Ms. Ruiz" is
                // Ruiz, so that it links to "Ana Ruiz"), and an honorific makes it a person's.
                while first_token < last_token
                    && HONORIFICS
                        .contains(&doc.slice(tokens[first_token].span()).trim_end_matches('.'))
                {
                    first_token += 1;
                    label = EntityLabel::Per;
                }
                let (start, end) = (tokens[first_token].start, tokens[last_token].end);
                // A party label after a name ("R-Ky.") names nobody.
                if is_party_label(doc, tokens, first_token, last_token) {
                    continue;
                }
                // A time zone after a clock time ("0600 GMT", "4 p.m. EDT") belongs to the
                // time (the timex layer gives its offset), not to the names.
                let after_clock = first_token > 0 && {
                    let before = doc.slice(tokens[first_token - 1].span());
                    matches!(before, "a.m." | "p.m." | "am" | "pm" | "noon" | "midnight")
                        || before.bytes().all(|b| b.is_ascii_digit())
                };
                if first_token == last_token
                    && after_clock
                    && gazette_timex::TimexTagger::english()
                        .is_zone(doc.slice(tokens[first_token].span()))
                {
                    continue;
                }
                // The last word of a name of several words tells its type below.
                let last_word = if last_token > first_token {
                    doc.slice(tokens[last_token].span())
                } else {
                    ""
                };
                // A name that ends with a word for a body of water or a landform is a place
                // ("Barents Sea", "Rio Grande River"), whatever the recognizer made of it.
                let geographic = GEOGRAPHIC.contains(&last_word);
                if geographic && matches!(label, EntityLabel::Org | EntityLabel::Misc) {
                    label = EntityLabel::Loc;
                }
                // So does one ending with the word for an administrative division ("Marin
                // County", "Helmand Province"), which no person's name ends with.
                if DIVISIONS.contains(&last_word) {
                    label = EntityLabel::Loc;
                }
                // A "person" or "miscellaneous" name ending with the word for a body
                // ("Clinton Foundation", "Democratic National Committee") is an organization:
                // the recognizer reads the famous name before the word.
                // (Leagues and conferences named as MISC are competitions and events, as
                // CoNLL has them.)
                if (label == EntityLabel::Per
                    || label == EntityLabel::Misc && !matches!(last_word, "League" | "Conference"))
                    && ORG_HEADS.contains(&last_word)
                    && !matches!(
                        self.kb.lookup(doc.slice(gazette_doc::Span::new(start, end))),
                        Some(Match::Entity(e)) if e.id.starts_with("country:")
                    )
                {
                    label = EntityLabel::Org;
                }
                // A "person" of three words or more ending with the word for an event, a
                // show or a prize ("Barack Obama Election Day", "The Steve Harvey Morning
                // Show", "Ruth Leff Siegel Awards") is that event, not the person it honours;
                // else it becomes the canonical name of every mention of the person.
                if label == EntityLabel::Per
                    && last_token >= first_token + 2
                    && EVENT_HEADS.contains(&last_word)
                    // Not a double surname ("Eva Resnick-Day").
                    && doc.slice(tokens[last_token - 1].span()) != "-"
                {
                    label = EntityLabel::Misc;
                }
                // A one-word "person" after "the" that heads its phrase is a place: rivers,
                // mountains and regions take the article ("the Rhône", "the Sahel"); a
                // person's name after "the" modifies a noun ("the Obama administration").
                if label == EntityLabel::Per
                    && first_token == last_token
                    && first_token > 0
                    && doc.slice(tokens[first_token - 1].span()) == "the"
                    && !tokens
                        .get(last_token + 1)
                        .is_some_and(|t| matches!(t.pos.as_deref(), Some("NOUN" | "PROPN")))
                {
                    label = EntityLabel::Loc;
                }
                // A one-word name right after "around", "near" or "off" that heads its phrase
                // is a place ("waters around Svalbard", "a storm off Iceland").
                if matches!(label, EntityLabel::Org | EntityLabel::Per)
                    && first_token == last_token
                    && first_token > 0
                    && matches!(
                        doc.slice(tokens[first_token - 1].span()),
                        "around" | "near" | "off"
                    )
                    && !tokens.get(last_token + 1).is_some_and(|t| {
                        matches!(t.pos.as_deref(), Some("NOUN" | "PROPN" | "PART"))
                    })
                {
                    label = EntityLabel::Loc;
                }
                // A nationality before a place's name ("the Russian Black Sea resort"):
                // two mentions, the country's and the place's, unless the whole is a name
                // the knowledge base knows ("British Virgin Islands").
                if geographic
                    && matches!(label, EntityLabel::Loc | EntityLabel::Misc)
                    && last_token >= first_token + 2
                    && self
                        .kb
                        .lookup(doc.slice(gazette_doc::Span::new(start, end)))
                        .is_none()
                {
                    let first = doc.slice(tokens[first_token].span());
                    if let Some(Match::Entity(e)) = self.kb.lookup(first)
                        && e.canonical != first
                        && e.id.starts_with("country:")
                    {
                        found.push((
                            tokens[first_token].start,
                            tokens[first_token].end,
                            EntityLabel::Misc,
                        ));
                        found.push((tokens[first_token + 1].start, end, EntityLabel::Loc));
                        continue;
                    }
                }
                // A title inside a name ("Syrian President al Assad", which a recognizer
                // reading a headline's capitals may take whole): the person is the name after
                // the title, and a nationality before it is a mention of its own.
                if matches!(label, EntityLabel::Per | EntityLabel::Misc) {
                    if let Some(k) = (first_token + 1..last_token).rev().find(|&k| {
                        TITLES.contains(&doc.slice(tokens[k].span()).to_lowercase().as_str())
                    }) {
                        let name = (k + 1..=last_token).all(|t| {
                            let w = doc.slice(tokens[t].span());
                            w.chars().next().is_some_and(char::is_uppercase)
                                || NAME_PARTICLES.contains(&w)
                                || w == "-"
                        }) && doc
                            .slice(tokens[last_token].span())
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase);
                        if name {
                            if k == first_token + 1 {
                                let before = doc.slice(tokens[first_token].span());
                                if let Some(Match::Entity(e)) = self.kb.lookup(before) {
                                    let label = if e.canonical == before {
                                        EntityLabel::Loc
                                    } else {
                                        EntityLabel::Misc
                                    };
                                    found.push((
                                        tokens[first_token].start,
                                        tokens[first_token].end,
                                        label,
                                    ));
                                }
                            }
                            found.push((tokens[k + 1].start, end, EntityLabel::Per));
                            continue;
                        }
                    }
                }
                // No person's name holds a verb: a headline's capitals ("Hillary Clinton Was
                // Headed to ER", "Chris Christie Calls Hillary Clinton a Disgrace") can make
                // the recognizer run a name on over one. The name ends before the verb; a
                // name after it is a mention of its own.
                // Only in title case, and only the verbs headlines use: taggers also read
                // names as verbs ("Will Ferrell").
                if label == EntityLabel::Per && title_case(doc, &tokens[first..t]) {
                    let verb = |k: usize| HEADLINE_VERBS.contains(&doc.slice(tokens[k].span()));
                    if let Some(k) = (first_token + 1..=last_token).find(|&k| verb(k)) {
                        found.push((start, tokens[k - 1].end, label));
                        // The proper nouns right after the verb, up to the next verb.
                        let proper = |r: usize| {
                            matches!(tokens[r].tag.as_deref(), Some("NNP" | "NNPS")) && !verb(r)
                        };
                        let run = (k + 1..=last_token).take_while(|&r| proper(r)).last();
                        if let Some(r) = run {
                            found.push((tokens[k + 1].start, tokens[r].end, label));
                        }
                        continue;
                    }
                }
                found.push((start, end, label));
            }
        }
        // An organization's name goes on through "for" or "of" ("International Council for
        // the Exploration of the Sea", "Bank for International Settlements"), which the
        // recognizer may cut in two: a name that ends with a word for a body, followed by
        // "for"/"of" (and "the") and a name, is one organization.
        let mut merged: Vec<(usize, usize, EntityLabel)> = Vec::with_capacity(found.len());
        for f in found.drain(..) {
            if let Some(last) = merged.last_mut() {
                let (between, body) = (
                    doc.slice(gazette_doc::Span::new(last.1, f.0)),
                    doc.slice(gazette_doc::Span::new(last.0, last.1)),
                );
                // "for", "of" or "on", then "the" and capitalized words the recognizer left
                // out ("for the Exploration of the" before "Sea").
                let between: Vec<&str> = between.split_whitespace().collect();
                let joint = between
                    .first()
                    .is_some_and(|w| matches!(*w, "for" | "of" | "on"))
                    && between.iter().all(|w| {
                        matches!(*w, "for" | "of" | "on" | "the")
                            || w.starts_with(char::is_uppercase)
                    });
                // The recognizer may give the first part another type ("International
                // Council" as MISC) or cut the name twice ("... for the Exploration", "of the
                // Sea"): a body's word anywhere in what came before will do.
                let named_body = body.split(' ').any(|w| ORG_HEADS.contains(&w));
                if joint
                    && matches!(last.2, EntityLabel::Org | EntityLabel::Misc)
                    && f.2 != EntityLabel::Per
                    && named_body
                {
                    last.1 = f.1;
                    last.2 = EntityLabel::Org;
                    continue;
                }
            }
            merged.push(f);
        }
        found = people_in_headlines(doc, tokens, merged, &self.model.gazetteer);
        // A transcript names each turn's speaker in capitals ("RUIZ: The plan is dead."), a
        // form the recognizer seldom met in training: such a label that is a word of a
        // person's name found in the article is a mention of that person (linked below).
        let person_words: std::collections::HashSet<String> = found
            .iter()
            .filter(|f| f.2 == EntityLabel::Per)
            .flat_map(|&(s, e, _)| words(doc.slice(gazette_doc::Span::new(s, e))))
            .collect();
        let mut labels = Vec::new();
        for s in doc.sentences() {
            let k = tokens.partition_point(|t| t.start < s.start);
            let (Some(name), Some(colon)) = (tokens.get(k), tokens.get(k + 1)) else {
                continue;
            };
            let text = doc.slice(name.span());
            if doc.slice(colon.span()) == ":"
                && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !text.chars().any(char::is_lowercase)
                && person_words.contains(&text.to_lowercase())
                && !found.iter().any(|f| f.0 < name.end && name.start < f.1)
            {
                labels.push((name.start, name.end, EntityLabel::Per));
            }
        }
        if !labels.is_empty() {
            found.extend(labels);
            found.sort_by_key(|f| f.0);
        }
        // A one-word "person" that opens the name of an organization named in the article
        // ("Patriot" of "Patriot Coal", "Wells" of "Wells Fargo") and is no word of a
        // person's name of two words or more is that organization: the recognizer takes a
        // company's short name for a surname.
        let words_of =
            |f: &(usize, usize, EntityLabel)| words(doc.slice(gazette_doc::Span::new(f.0, f.1)));
        let organizations: Vec<(usize, Vec<String>)> = found
            .iter()
            .enumerate()
            .filter(|(_, f)| f.2 == EntityLabel::Org)
            .map(|(j, f)| (j, words_of(f)))
            .filter(|(_, w)| w.len() >= 2)
            .collect();
        // (Not counting a "person" that is also named as one of those organizations.)
        let full_name_words: std::collections::HashSet<String> = found
            .iter()
            .filter(|f| f.2 == EntityLabel::Per)
            .map(words_of)
            .filter(|w| w.len() >= 2 && !organizations.iter().any(|(_, o)| o == w))
            .flatten()
            .collect();
        let mut short_for: std::collections::HashMap<usize, usize> =
            std::collections::HashMap::new();
        for (i, f) in found.iter_mut().enumerate() {
            let w = words_of(f);
            if w.len() != 1 {
                continue;
            }
            // The recognizer itself makes most such "persons" organizations (reading the
            // article's sentences together); an organization's one-word name stands for a
            // company's or an institution's full name ("Ford" of "Ford Motor Co", "Columbia"
            // of "Columbia University"), not for any longer name ("Senate" of "Senate
            // Intelligence Committee", "FBI" of "FBI decision").
            let company = |o: &[String]| {
                o.last()
                    .is_some_and(|last| COMPANY_ENDINGS.contains(&last.as_str()))
            };
            let full = match f.2 {
                EntityLabel::Per if !full_name_words.contains(&w[0]) => {
                    organizations.iter().find(|(_, o)| o[0] == w[0])
                }
                EntityLabel::Org => organizations
                    .iter()
                    .find(|(_, o)| o[0] == w[0] && company(o)),
                _ => None,
            };
            if let Some(&(j, _)) = full {
                f.2 = EntityLabel::Org;
                short_for.insert(i, j);
            }
        }
        // Canonical name: the longest mention of the same type that contains this one.
        // Read without invisible marks, so that "Vladi\u{ad}mir Putin" from a verbatim
        // text has the id and knowledge-base entry of "Vladimir Putin".
        let texts: Vec<(Vec<String>, String)> = found
            .iter()
            .map(|&(s, e, _)| {
                let text: String = doc
                    .slice(gazette_doc::Span::new(s, e))
                    .chars()
                    .filter(|&c| !crate::tokens::is_invisible(c))
                    .collect();
                (words(&text), text)
            })
            .collect();
        let mut per_by_word: std::collections::HashMap<&str, Vec<usize>> =
            std::collections::HashMap::new();
        for (j, f) in found.iter().enumerate() {
            if f.2 == EntityLabel::Per {
                let mut seen: Vec<&str> = Vec::new();
                for w in &texts[j].0 {
                    if !seen.contains(&w.as_str()) {
                        seen.push(w);
                        per_by_word.entry(w.as_str()).or_default().push(j);
                    }
                }
            }
        }
        let entities = found
            .iter()
            .enumerate()
            .map(|(i, &(start, end, label))| {
                // Only people for now: a surname or a partial name stands for the full name;
                // for other types a contained word ("Russian" in "Russian Federation") is
                // not the same entity.
                // Candidates share the mention's first word (an index keeps this linear).
                let candidates = texts[i]
                    .0
                    .first()
                    .and_then(|w| per_by_word.get(w.as_str()))
                    .map_or(&[][..], |v| v.as_slice());
                // In capitals (a headline, a transcript's "RUIZ:") a word's case says
                // nothing of its type: a part of a person's name is that person.
                let capitals = texts[i].1.chars().any(char::is_alphabetic)
                    && !texts[i].1.chars().any(char::is_lowercase);
                // So is a name the knowledge base knows as a person's, whatever type the
                // recognizer gave it ("in Sochi, Assad stayed" read like "in Sochi, Russia").
                let known_person = || {
                    matches!(self.kb.lookup(&texts[i].1),
                        Some(Match::Entity(e)) if e.id.starts_with("per:"))
                };
                let person = candidates
                    .iter()
                    .copied()
                    .filter(|&j| {
                        (label == EntityLabel::Per || capitals || known_person())
                            && is_part_of(&texts[i].0, &texts[j].0)
                    })
                    .max_by_key(|&j| (texts[j].0.len(), std::cmp::Reverse(j)));
                let label = if person.is_some() {
                    EntityLabel::Per
                } else {
                    label
                };
                let canonical = person
                    .or_else(|| short_for.get(&i).copied())
                    .map_or_else(|| texts[i].1.clone(), |j| texts[j].1.clone());
                let prefix = match label {
                    EntityLabel::Per => "per",
                    EntityLabel::Org => "org",
                    EntityLabel::Loc => "loc",
                    EntityLabel::Misc => "misc",
                };
                // The knowledge base knows countries (with demonyms and seats of government),
                // organizations and some people; a capital that acts ("Moscow denies") is its
                // government, a capital that is a place ("in Moscow") stays a city.
                // Tokens of the mention, found by binary search (tokens are sorted).
                let (k, last) = (
                    tokens.partition_point(|t| t.start < start),
                    tokens.partition_point(|t| t.end <= end),
                );
                // Acting: the subject of a verb ("Moscow denies ..."; a token right before a verb
                // is not enough: "officials in Brussels said").
                let acts = (k..last).any(|t| acts_at(doc, tokens, t));
                // A surname that stands for a full name in the article is that person, even
                // where the knowledge base knows the word as a country ("Jordan" after "Rep.
                // Jim Jordan").
                let known = match self.kb.lookup(&texts[i].1) {
                    Some(Match::Entity(e)) if person.is_some() && e.label == "LOC" => {
                        self.kb.lookup(&canonical)
                    }
                    Some(m) => Some(m),
                    None => self.kb.lookup(&canonical).or_else(|| {
                        (label == EntityLabel::Per)
                            .then(|| self.kb.lookup(&plain_name(&canonical)))
                            .flatten()
                    }),
                };
                // An organization the knowledge base lists is one, whatever type the
                // recognizer, trained on news of 1996, gave it ("E.U." as a place).
                // So is a country taken for an organization or a person ("the US" as an
                // organization); its demonyms keep their own type ("Russian": MISC).
                let label = match known {
                    Some(Match::Entity(e)) if e.label == "ORG" && person.is_none() => {
                        EntityLabel::Org
                    }
                    // A person the knowledge base lists, taken for an organization ("Trump"
                    // in "the Trump campaign").
                    Some(Match::Entity(e)) if e.label == "PER" => EntityLabel::Per,
                    Some(Match::Entity(e))
                        if e.id.starts_with("country:")
                            && matches!(label, EntityLabel::Org | EntityLabel::Per) =>
                    {
                        EntityLabel::Loc
                    }
                    _ => label,
                };
                let (entity_id, canonical) = match known {
                    Some(Match::Entity(e)) => (e.id.clone(), e.canonical.clone()),
                    Some(Match::Capital(e)) if acts => (e.id.clone(), e.canonical.clone()),
                    // A person's id leaves out the middle initials and "Jr." that some
                    // papers write and others do not ("Loretta E. Lynch", "Loretta Lynch"),
                    // so that it is the same in every article.
                    _ if label == EntityLabel::Per => (
                        format!("{prefix}:{}", slug(&plain_name(&canonical))),
                        canonical,
                    ),
                    _ => (format!("{prefix}:{}", slug(&canonical)), canonical),
                };
                Entity {
                    start,
                    end,
                    label,
                    entity_id,
                    canonical,
                }
            })
            .collect::<Vec<Entity>>();
        let entities = self.link_roles(doc, entities);
        doc.set_entities(entities)?;
        Ok(())
    }
}

/// US party and state labels written after a politician's name: "R-Ky.", "D-Calif".
static PARTY_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[RDI]-[A-Z][A-Za-z]{0,5}\.?$").expect("party label pattern")
});

/// Whether tokens `first..=last` write a party label ([`PARTY_LABEL`]).
pub(crate) fn is_party_label(
    doc: &Doc,
    tokens: &[gazette_doc::Token],
    first: usize,
    last: usize,
) -> bool {
    first <= last
        && PARTY_LABEL.is_match(doc.slice(gazette_doc::Span::new(
            tokens[first].start,
            tokens[last].end,
        )))
}

/// Honorifics written before a name.
pub(crate) const HONORIFICS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Sen", "Rep", "Gov", "Gen", "Lt",
    "Col", "Capt", "Sgt", "Adm", "Rev", "Hon",
];

/// Last words of the names of events, shows and prizes named after people.
const EVENT_HEADS: &[&str] = &[
    "Day", "Show", "Awards", "Award", "Prize", "Festival", "Act", "Doctrine", "Tour", "Trophy",
    "Cup", "Lecture", "Hour", "Podcast",
];

/// Words that end the first part of an organization's name whose name goes on with
/// "for" or "of" ("Council for ...", "Organisation for ...", "Bank of ...").
const ORG_HEADS: &[&str] = &[
    "Council",
    "Organization",
    "Organisation",
    "Institute",
    "Bank",
    "Committee",
    "Commission",
    "Agency",
    "Association",
    "Federation",
    "Foundation",
    "Centre",
    "Center",
    "Office",
    "Ministry",
    "Department",
    "Society",
    "League",
    "Fund",
    "Board",
    "Authority",
    "University",
    "Academy",
    "Bureau",
    "Union",
    "Conference",
    "Alliance",
    "Coalition",
    "Court",
    "Secretariat",
];

/// Last words of the names of seas, rivers, mountains and other features of the land.
const GEOGRAPHIC: &[&str] = &[
    "Sea",
    "Ocean",
    "River",
    "Lake",
    "Gulf",
    "Bay",
    "Strait",
    "Straits",
    "Channel",
    "Mountains",
    "Mountain",
    "Peninsula",
    "Island",
    "Islands",
    "Desert",
    "Valley",
    "Plateau",
    "Basin",
    "Coast",
];

/// Last words (lowercased) of the full names of companies and institutions, whose first
/// word alone stands for them.
const COMPANY_ENDINGS: &[&str] = &[
    "inc",
    "corp",
    "co",
    "corporation",
    "company",
    "ltd",
    "llc",
    "plc",
    "ag",
    "sa",
    "group",
    "holdings",
    "partners",
    "international",
    "news",
    "university",
    "college",
    "department",
    "bank",
    "coal",
    "oil",
    "steel",
    "energy",
    "motors",
    "airlines",
    "pharmaceuticals",
];

/// Words that end the name of an administrative division.
const DIVISIONS: &[&str] = &[
    "County",
    "Province",
    "Prefecture",
    "Oblast",
    "Township",
    "Governorate",
];

/// Role words and the office they name ("leader" and "president" both name the head of state).
const ROLES: &[(&str, &str)] = &[
    ("president", "head"),
    ("leader", "head"),
    ("king", "head"),
    ("queen", "head"),
    ("premier", "pm"),
    ("chancellor", "pm"),
    ("prime minister", "pm"),
    ("foreign minister", "fm"),
];

fn role_at(doc: &Doc, tokens: &[gazette_doc::Token], i: usize) -> Option<(&'static str, usize)> {
    let word = |k: usize| tokens.get(k).map(|t| doc.slice(t.span()).to_lowercase());
    let two = word(i).zip(word(i + 1)).map(|(a, b)| format!("{a} {b}"));
    for (name, office) in ROLES {
        if name.contains(' ') {
            if two.as_deref() == Some(*name) {
                return Some((office, 2));
            }
        } else if word(i).as_deref() == Some(*name) {
            return Some((office, 1));
        }
    }
    None
}

impl EntityAnnotator {
    /// Role references: "the Syrian leader" is the person the article introduced as
    /// "Syrian President Bashar al-Assad" (same country, same office). The role phrase
    /// becomes a mention of that person, replacing the bare demonym entity inside it.
    fn link_roles(&self, doc: &Doc, mut entities: Vec<Entity>) -> Vec<Entity> {
        let tokens = doc.tokens();
        let country_of = |k: usize| -> Option<String> {
            match self.kb.lookup(doc.slice(tokens.get(k)?.span())) {
                Some(Match::Entity(e)) if e.id.starts_with("country:") => Some(e.id.clone()),
                _ => None,
            }
        };
        // (country, office) → the person introduced with that title.
        let mut titled: std::collections::HashMap<(String, &'static str), (String, String)> =
            std::collections::HashMap::new();
        for e in entities.iter().filter(|e| e.label == EntityLabel::Per) {
            let k = tokens.partition_point(|t| t.start < e.start);
            for back in [1usize, 2] {
                if k < back + 1 {
                    continue;
                }
                let (demonym, role) = (k - back - 1, k - back);
                if let (Some(country), Some((office, len))) =
                    (country_of(demonym), role_at(doc, tokens, role))
                {
                    if len == back {
                        titled
                            .entry((country, office))
                            .or_insert((e.entity_id.clone(), e.canonical.clone()));
                    }
                }
            }
        }
        if titled.is_empty() {
            return entities;
        }
        let mut added = Vec::new();
        for i in 0..tokens.len().saturating_sub(2) {
            if doc.slice(tokens[i].span()).to_lowercase() != "the" {
                continue;
            }
            let Some(country) = country_of(i + 1) else {
                continue;
            };
            let Some((office, len)) = role_at(doc, tokens, i + 2) else {
                continue;
            };
            let last = i + 1 + len;
            // "the Syrian President Bashar al-Assad" names the person itself.
            let next_is_name = tokens
                .get(last + 1)
                .is_some_and(|t| doc.slice(t.span()).starts_with(char::is_uppercase));
            if next_is_name {
                continue;
            }
            if let Some((id, canonical)) = titled.get(&(country, office)) {
                let (start, end) = (tokens[i + 1].start, tokens[last].end);
                if entities
                    .iter()
                    .any(|e| e.start < end && start < e.end && e.label != EntityLabel::Misc)
                {
                    continue;
                }
                added.push(Entity {
                    start,
                    end,
                    label: EntityLabel::Per,
                    entity_id: id.clone(),
                    canonical: canonical.clone(),
                });
            }
        }
        if added.is_empty() {
            return entities;
        }
        entities.retain(|e| !added.iter().any(|a| e.start < a.end && a.start < e.end));
        entities.extend(added);
        entities.sort_by_key(|e| (e.start, e.end));
        entities
    }
}

/// Verbs of title-case headlines that taggers read as proper nouns ("Christie Calls
/// Clinton a Disgrace").
const HEADLINE_VERBS: &[&str] = &[
    "Says", "Said", "Calls", "Called", "Slams", "Blasts", "Rips", "Urges", "Warns", "Claims",
    "Tells", "Speaks", "Sums", "Hits", "Defends", "Backs", "Vows", "Wants", "Praises", "Accuses",
    "Denies", "Is", "Was", "Are", "Were", "Has", "Had", "Will", "Would", "Can", "Could",
];

/// A title-case headline lets the recognizer run a person's name on over the words after
/// it ("Donald Trump Calls Out Ted Cruz", "Hillary Clinton Reassures House Democrats"),
/// past any list of headline verbs: a person of three words or more on such a line that
/// holds people the article's running text names is those people, and nothing more; one
/// of two words, a person of the text and an ordinary word. A name of any type run on over
/// a headline verb after its first word ("Clinton Plan Would Raise Taxes") is the people of
/// the running text in it, else the words before the verb.
fn people_in_headlines(
    doc: &Doc,
    tokens: &[Token],
    found: Vec<(usize, usize, EntityLabel)>,
    names: &gazette_ner::gazetteer::Gazetteer,
) -> Vec<(usize, usize, EntityLabel)> {
    let range = |s: usize, e: usize| {
        let r = crate::quotes::tokens_within(tokens, s, e);
        (r.start, r.end)
    };
    // Lines, not sentences: the splitter may run a headline on into the line after it.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut line_start = 0;
    for (i, c) in doc.text().chars().enumerate() {
        if c == '\n' {
            lines.push((line_start, i));
            line_start = i + 1;
        }
    }
    lines.push((line_start, doc.text().chars().count()));
    let headlines: Vec<(usize, usize)> = lines
        .into_iter()
        .filter(|&(s, e)| {
            let (a, b) = range(s, e);
            title_case(doc, &tokens[a..b])
        })
        .collect();
    if headlines.is_empty() {
        return found;
    }
    let in_headline = |at: usize| headlines.iter().any(|&(s, e)| s <= at && at < e);
    let form = |k: usize| doc.slice(tokens[k].span()).to_lowercase();
    // The people of the running text, longest first (each once).
    let mut people: Vec<Vec<String>> = found
        .iter()
        .filter(|f| f.2 == EntityLabel::Per && !in_headline(f.0))
        .map(|f| {
            let (a, b) = range(f.0, f.1);
            (a..b).map(form).collect()
        })
        .collect();
    people.sort_by(|p, q| q.len().cmp(&p.len()).then_with(|| p.cmp(q)));
    people.dedup();
    let lowercase_words: std::collections::HashSet<&str> = tokens
        .iter()
        .map(|t| doc.slice(t.span()))
        .filter(|w| w.chars().all(|c| c.is_lowercase()))
        .collect();
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let (a, b) = range(f.0, f.1);
        // Two words: a person of the running text and an ordinary word, one the article
        // also writes in lowercase and no part of a known name on the side it stands
        // ("Clinton Plan", "Sanders Told"), not "Hillary Clinton" when the text says "Clinton".
        if f.2 == EntityLabel::Per && b == a + 2 && in_headline(f.0) {
            let (first, second) = (form(a), form(a + 1));
            let known = |w: &String| people.iter().any(|p| p.len() == 1 && p[0] == *w);
            // A word the article also writes in lowercase, and no known part of a name.
            let ordinary = |k: usize, bit: u8| {
                lowercase_words.contains(form(k).as_str())
                    && names.part(doc.slice(tokens[k].span())) & bit == 0
            };
            let whole = people.iter().any(|p| *p == [first.clone(), second.clone()]);
            if !whole && known(&first) && ordinary(a + 1, gazette_ner::gazetteer::SURNAME) {
                out.push((tokens[a].start, tokens[a].end, f.2));
                continue;
            }
            if !whole && known(&second) && ordinary(a, gazette_ner::gazetteer::FIRST_NAME) {
                out.push((tokens[a + 1].start, tokens[a + 1].end, f.2));
                continue;
            }
        }
        // A run of any type over a headline verb after its first word ("Clinton Plan Would
        // Raise Taxes" as an organization) is no one name: the people of the running text
        // in it are, else the words before the verb.
        let verb = in_headline(f.0)
            .then(|| (a + 1..b).find(|&k| HEADLINE_VERBS.contains(&doc.slice(tokens[k].span()))))
            .flatten();
        if let Some(v) = verb {
            let parts = people_within(tokens, &people, a, b, &form);
            if parts.is_empty() {
                out.push((f.0, tokens[v - 1].end, f.2));
            } else {
                out.extend(parts);
            }
            continue;
        }
        if f.2 != EntityLabel::Per || b < a + 3 || !in_headline(f.0) {
            out.push(f);
            continue;
        }
        let parts = people_within(tokens, &people, a, b, &form);
        if parts.is_empty() {
            out.push(f);
        } else {
            out.extend(parts);
        }
    }
    out
}

/// The people within tokens `a..b`: each run of tokens that spells one of `people`
/// (lowercased word lists, longest first), left to right, as a person's character span.
fn people_within(
    tokens: &[Token],
    people: &[Vec<String>],
    a: usize,
    b: usize,
    form: &dyn Fn(usize) -> String,
) -> Vec<(usize, usize, EntityLabel)> {
    let mut parts = Vec::new();
    let mut k = a;
    while k < b {
        let at = |p: &&Vec<String>| {
            !p.is_empty()
                && k + p.len() <= b
                && p.iter().enumerate().all(|(j, w)| form(k + j) == *w)
        };
        match people.iter().find(at) {
            Some(p) => {
                parts.push((
                    tokens[k].start,
                    tokens[k + p.len() - 1].end,
                    EntityLabel::Per,
                ));
                k += p.len();
            }
            None => k += 1,
        }
    }
    parts
}

/// Whether a sentence or line is written in title case: most (seven in ten) of its words,
/// at least four, start with a capital.
pub(crate) fn title_case(doc: &Doc, tokens: &[gazette_doc::Token]) -> bool {
    let words: Vec<&str> = tokens
        .iter()
        .map(|k| doc.slice(k.span()))
        .filter(|w| w.starts_with(char::is_alphabetic))
        .collect();
    let capital = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    words.len() >= 4 && capital * 10 >= words.len() * 7
}

/// Verbs whose object is someone dealt with, not a place: "Zelensky thanked Warsaw",
/// "Washington urged Ankara to ...", against "Zelensky visited Warsaw".
const ADDRESSEE_VERBS: &[&str] = &[
    "thank",
    "urge",
    "warn",
    "accuse",
    "blame",
    "criticize",
    "criticise",
    "condemn",
    "praise",
    "press",
    "pressure",
    "ask",
    "tell",
    "sanction",
    "support",
    "back",
    "recognize",
    "invite",
    "threaten",
    "reassure",
    "persuade",
    "convince",
    "rebuke",
    "lobby",
    "notify",
    "inform",
    "remind",
    "assure",
    "congratulate",
    "call",
    "fault",
    "chide",
    "snub",
    "pay",
    "fine",
    "sue",
];

/// Nouns of what an actor does or says: "Moscow's decision", against "Moscow's streets".
const ACTION_NOUNS: &[&str] = &[
    "decision",
    "response",
    "position",
    "demand",
    "proposal",
    "offer",
    "support",
    "refusal",
    "stance",
    "policy",
    "plan",
    "move",
    "request",
    "claim",
    "accusation",
    "threat",
    "warning",
    "statement",
    "reaction",
    "objection",
    "approval",
    "rejection",
    "insistence",
    "announcement",
];

/// Whether the token at `t`, in a place's name, shows the place acting as its government:
/// the subject of a verb ("Moscow denies"), a subject coordinated with one ("Moscow and
/// Kyiv agreed"), the object of a verb that deals with someone ("thanked Warsaw"), or the
/// owner of a decision ("Moscow's response").
fn acts_at(doc: &Doc, tokens: &[Token], t: usize) -> bool {
    let dep = |i: usize| tokens[i].dep.as_deref().unwrap_or("");
    let head = tokens[t].head.filter(|&h| h != t && h < tokens.len());
    let head_lemma = |h: usize| tokens[h].lemma.as_deref().unwrap_or("");
    // "criticised London's mayor", parsed as if London were the object.
    let possessive = tokens
        .get(t + 1)
        .is_some_and(|n| matches!(doc.slice(n.span()), "'s" | "’s" | "'" | "’"));
    // "Moscow and Kyiv", not "Washington, Iowa".
    let joined = (t.saturating_sub(3)..t).any(|j| tokens[j].head == Some(t) && dep(j) == "cc");
    match dep(t) {
        "nsubj" | "nsubj:pass" => true,
        "conj" => joined && head.is_some_and(|h| matches!(dep(h), "nsubj" | "nsubj:pass")),
        "obj" | "iobj" => {
            !possessive && head.is_some_and(|h| ADDRESSEE_VERBS.contains(&head_lemma(h)))
        }
        "nmod:poss" => possessive && head.is_some_and(|h| ACTION_NOUNS.contains(&head_lemma(h))),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, label, entity id) of each entity the English pipeline finds in `text`.
    fn mentions(text: &str) -> Vec<(String, EntityLabel, String)> {
        let mut doc = gazette_doc::Doc::new(text.into(), gazette_doc::Meta::default());
        crate::Pipeline::english().run(&mut doc).unwrap();
        doc.entities()
            .iter()
            .map(|e| {
                (
                    doc.slice(e.span()).to_string(),
                    e.label,
                    e.entity_id.clone(),
                )
            })
            .collect()
    }

    /// (text, label) of each entity the English pipeline finds in `text`.
    fn labelled(text: &str) -> Vec<(String, EntityLabel)> {
        mentions(text).into_iter().map(|m| (m.0, m.1)).collect()
    }

    /// The entity id of the first mention `name` in `text`.
    fn id(text: &str, name: &str) -> String {
        let mentions = mentions(text);
        mentions
            .iter()
            .find(|m| m.0 == name)
            .map(|m| m.2.clone())
            .unwrap_or_else(|| panic!("{name}: {mentions:?}"))
    }

    /// (label, entity id) of every mention written `name`.
    fn all_named<'a>(
        found: &'a [(String, EntityLabel, String)],
        name: &str,
    ) -> Vec<(EntityLabel, &'a str)> {
        found
            .iter()
            .filter(|m| m.0 == name)
            .map(|m| (m.1, m.2.as_str()))
            .collect()
    }

    #[test]
    fn a_capitalized_the_inside_a_sentence_opens_the_name_after_it() {
        // The recognizer read "The" and "Washington Post" as two organizations.
        let found = labelled("The story was first published by The Washington Post on Monday.");
        assert_eq!(found, [("The Washington Post".into(), EntityLabel::Org)]);
    }

    #[test]
    fn an_organization_the_knowledge_base_lists_is_one() {
        // Initials with dots find the entry of "EU"; the recognizer, trained on news of
        // 1996, took both names for places.
        let found = mentions("Officials of the E.U. wrote on Twitter that the talks had ended.");
        let eu = all_named(&found, "E.U.");
        assert_eq!(eu, [(EntityLabel::Org, "org:european-union")], "{found:?}");
        let twitter = all_named(&found, "Twitter");
        assert_eq!(twitter, [(EntityLabel::Org, "org:twitter")], "{found:?}");
    }

    #[test]
    fn a_company_s_short_name_is_the_company() {
        let found = mentions(
            "Patriot Coal filed for bankruptcy on Monday. Patriot owes its miners $50 million, and Ana Ruiz said Patriot would pay.",
        );
        let patriot = all_named(&found, "Patriot");
        assert!(!patriot.is_empty(), "{found:?}");
        assert!(
            patriot
                .iter()
                .all(|&m| m == (EntityLabel::Org, "org:patriot-coal")),
            "{found:?}"
        );
    }

    #[test]
    fn a_famous_name_before_the_word_for_a_body_is_an_organization() {
        let found =
            labelled("Clinton Foundation donors gave money to the Democratic National Committee.");
        assert!(
            found.contains(&("Clinton Foundation".into(), EntityLabel::Org)),
            "{found:?}"
        );
        assert!(found.iter().all(|m| m.1 == EntityLabel::Org), "{found:?}");
    }

    #[test]
    fn a_surname_that_is_also_a_country_is_the_person_named_before() {
        let found =
            mentions("Rep. Jim Jordan (R-Ohio) led the panel. Jordan said the deal was bad.");
        let jordan = all_named(&found, "Jordan");
        assert_eq!(jordan, [(EntityLabel::Per, "per:jim-jordan")], "{found:?}");
    }

    #[test]
    fn a_name_ending_in_county_is_a_place() {
        let found = labelled("Mark Ellis, the attorney for Marin County, spoke on Monday.");
        assert!(
            found.contains(&("Marin County".into(), EntityLabel::Loc)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Mark Ellis".into(), EntityLabel::Per)),
            "{found:?}"
        );
    }

    #[test]
    fn a_time_zone_after_a_clock_time_is_no_name() {
        let texts: Vec<String> =
            mentions("The talks began at 0600 GMT on Monday in Geneva. GMT is a time standard.")
                .into_iter()
                .map(|m| m.0)
                .collect();
        // The zone of "0600 GMT" belongs to the time; the standard named as such stays.
        assert_eq!(texts, ["Geneva", "GMT"]);
    }

    #[test]
    fn role_references_link_to_the_titled_person() {
        let mentions = mentions(
            "Syrian President Bashar al-Assad met Putin in Sochi. Later, the Syrian leader flew home, and the Russian president thanked him.",
        );
        let find = |t: &str| mentions.iter().find(|m| m.0 == t);
        let role = find("Syrian leader").expect("the role phrase is a mention");
        assert_eq!(
            (role.1, role.2.as_str()),
            (EntityLabel::Per, "per:bashar-al-assad")
        );
        // Nobody was introduced as the Russian president: "Russian" stays the country.
        assert_eq!(find("Russian").map(|m| m.2.as_str()), Some("country:rus"));
    }

    #[test]
    fn honorifics_and_party_labels_are_not_part_of_a_name() {
        let found = mentions(
            "Council president Ana Ruiz opposed the plan. Ms. Ruiz said Sen. Mark Ellis, R-Ky., agreed.",
        );
        let has = |name: &str, id: &str| found.iter().any(|m| m.0 == name && m.2 == id);
        assert!(has("Ruiz", "per:ana-ruiz"), "{found:?}");
        assert!(has("Mark Ellis", "per:mark-ellis"), "{found:?}");
        assert!(!found.iter().any(|m| m.0.contains("Ky")), "{found:?}");
        // A quotation mark the recognizer took in is not part of the name.
        let names: Vec<String> =
            mentions("\u{201c}We are not finished,\u{201d} Ruiz told the council.")
                .into_iter()
                .map(|m| m.0)
                .collect();
        assert_eq!(names, ["Ruiz"]);
    }

    #[test]
    fn a_name_in_capitals_is_the_person_it_is_part_of() {
        // A transcript's "RUIZ:" is the person of that name in the article, whatever the
        // recognizer made of it (an organization, or nothing).
        let mentions = mentions(
            "Ana Ruiz spoke to the morning show.\n\nRUIZ: The plan is dead.\n\nFORD: We will build it.",
        );
        let of = |name: &str| {
            mentions
                .iter()
                .find(|m| m.0 == name)
                .map(|m| (m.1, m.2.clone()))
        };
        assert_eq!(
            of("RUIZ"),
            Some((EntityLabel::Per, "per:ana-ruiz".to_string()))
        );
        // A name in capitals that is no part of a person named here keeps its own identity.
        assert!(of("FORD").is_none_or(|(_, id)| !id.starts_with("per:")));
    }

    #[test]
    fn an_organization_s_name_goes_on_through_for_the() {
        let found = mentions(
            "Scientists at the International Council for the Exploration of the Sea advised a cut, and the Bank of Norway agreed.",
        );
        assert!(
            found.iter().any(
                |m| m.0 == "International Council for the Exploration of the Sea"
                    && m.1 == EntityLabel::Org
            ),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|m| m.0 == "Exploration of the Sea"),
            "{found:?}"
        );
    }

    #[test]
    fn a_headline_verb_ends_a_name() {
        // Title-case headlines, where the recognizer ran names on over the verb.
        let names = |text: &str| -> Vec<String> {
            mentions(text)
                .into_iter()
                .filter(|m| m.1 == EntityLabel::Per)
                .map(|m| m.0)
                .collect()
        };
        assert_eq!(
            names("Chris Christie Calls Hillary Clinton a Disgrace"),
            ["Chris Christie", "Hillary Clinton"]
        );
        assert_eq!(
            names("Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted"),
            ["Hillary Clinton"]
        );
        // In running text a name the tagger reads as a verb stays whole.
        assert!(
            names("Senator Mark Warner and Will Ferrell spoke to John Hunt.")
                .contains(&"Will Ferrell".to_string())
        );
    }

    #[test]
    fn a_dateline_is_read_apart_from_its_sentence() {
        // Read together, the capitalized word after the dash looked like a name.
        let found = mentions(
            "LYON, France - Water levels on the Rhône fell below the alert threshold on Sunday morning, three days after the river burst its banks.",
        );
        assert!(found.iter().any(|m| m.0 == "LYON"), "{found:?}");
        assert!(!found.iter().any(|m| m.0.contains("Water")), "{found:?}");
    }

    #[test]
    fn a_one_word_name_after_the_is_a_place_not_a_person() {
        let found = mentions(
            "The flood peaked when the Rhône burst its banks on Thursday. Mayor Paul Girard said the Obama administration had helped.",
        );
        let label = |name: &str| {
            found
                .iter()
                .find(|m| m.0 == name)
                .map(|m| m.1)
                .unwrap_or_else(|| panic!("{name}: {found:?}"))
        };
        assert_eq!(label("Rhône"), EntityLabel::Loc, "{found:?}");
        assert_eq!(label("Paul Girard"), EntityLabel::Per, "{found:?}");
        // A name that modifies a noun after "the" keeps its label.
        assert_ne!(label("Obama"), EntityLabel::Loc, "{found:?}");
    }

    #[test]
    fn a_title_inside_a_name_is_not_part_of_the_person() {
        // A headline's capitals can make the recognizer read "Syrian President al Assad" as
        // one name; the person is "al Assad", and "Syrian" names the country.
        let text = "Russian President Putin meets with Syrian President al Assad in Sochi\n\n\
                    Syrian President Bashar al-Assad met Vladimir Putin in Sochi on Monday. \
                    For Monday's meeting in Sochi, Assad stayed on Russian soil for four hours.";
        let mentions = mentions(text);
        let has = |name: &str, label: EntityLabel, id: &str| {
            mentions
                .iter()
                .any(|m| m.0 == name && m.1 == label && m.2 == id)
        };
        assert!(
            !mentions.iter().any(|m| m.0.contains("President")),
            "{mentions:?}"
        );
        for name in ["al Assad", "Bashar al-Assad", "Assad"] {
            assert!(
                has(name, EntityLabel::Per, "per:bashar-al-assad"),
                "{name}: {mentions:?}"
            );
        }
        assert!(
            has("Syrian", EntityLabel::Misc, "country:syr"),
            "{mentions:?}"
        );
    }

    #[test]
    fn a_sea_is_a_place() {
        // The recognizer takes this one for an organization.
        let mentions = mentions(
            "The European Union and Norway concurred on Wednesday to reduce the cod allocation in the Barents Sea by 20 percent.",
        );
        let sea = mentions.iter().find(|m| m.0 == "Barents Sea");
        assert_eq!(sea.map(|m| m.1), Some(EntityLabel::Loc), "{mentions:?}");
    }

    #[test]
    fn a_name_around_which_there_are_waters_is_a_place() {
        let mentions = mentions(
            "The first round of talks broke down over access to waters around Svalbard. Apple opened a store near Apple's old offices.",
        );
        let label = |name: &str| mentions.iter().find(|m| m.0 == name).map(|m| m.1);
        assert_eq!(label("Svalbard"), Some(EntityLabel::Loc), "{mentions:?}");
        // Not a name that goes on to a noun or a possessive.
        assert_ne!(label("Apple"), Some(EntityLabel::Loc), "{mentions:?}");
    }

    #[test]
    fn a_nationality_before_a_place_is_a_mention_of_its_own() {
        let mentions = mentions(
            "The meeting happened yesterday evening in the Russian Black Sea resort of Sochi, where Putin has a residence.",
        );
        let has =
            |name: &str, label: EntityLabel| mentions.iter().any(|m| m.0 == name && m.1 == label);
        assert!(has("Russian", EntityLabel::Misc), "{mentions:?}");
        assert!(
            mentions
                .iter()
                .any(|m| m.0 == "Russian" && m.2 == "country:rus"),
            "{mentions:?}"
        );
        assert!(has("Black Sea", EntityLabel::Loc), "{mentions:?}");
    }

    #[test]
    fn nationalities_and_their_peoples_link_to_their_country() {
        // Countries whose actor records carry dated codes (the Soviet successor states,
        // Iraq) once lost their nationality words in the knowledge base.
        let mentions = mentions(
            "Iraqis and Ukrainians joined Syrians in Geneva on Monday. The Ukrainian minister met Iraqi and Belarusian officials.",
        );
        for (name, country) in [
            ("Iraqis", "country:irq"),
            ("Ukrainians", "country:ukr"),
            ("Syrians", "country:syr"),
            ("Ukrainian", "country:ukr"),
            ("Iraqi", "country:irq"),
            ("Belarusian", "country:blr"),
        ] {
            assert!(
                mentions.iter().any(|m| m.0 == name && m.2 == country),
                "{name}: {mentions:?}"
            );
        }
    }

    #[test]
    fn a_capital_dealt_with_as_an_actor_is_its_government() {
        // Object of a verb of dealing with someone, a subject joined by "and", the owner of
        // a decision.
        let text = "The State Department urged Ankara on Tuesday to release the pastor.";
        assert_eq!(id(text, "Ankara"), "country:tur");
        let text = "Moscow and Kyiv traded accusations over the strike on Monday.";
        assert_eq!(id(text, "Kyiv"), "country:ukr");
        let text = "Officials said Beijing's response to the tariffs came within hours.";
        assert_eq!(id(text, "Beijing"), "country:chn");
        // A place visited, a town in a list, a city's own mayor.
        let text = "The foreign minister visited Ankara on Tuesday.";
        assert_eq!(id(text, "Ankara"), "loc:ankara");
        let text = "The president criticized London's mayor for the delays.";
        assert_eq!(id(text, "London"), "loc:london");
    }

    #[test]
    fn a_headline_person_that_holds_people_of_the_text_is_those_people() {
        // "Mocks" is no verb the headline rules know; the recognizer runs the name on.
        let mentions = mentions(
            "Donald Trump Mocks Ted Cruz Over Iowa Ads\n\nDonald Trump on Tuesday accused Ted Cruz of lying about his record. Cruz said the ads were fair.",
        );
        assert!(
            mentions.iter().all(|m| !m.0.contains("Mocks")),
            "{mentions:?}"
        );
        let ids = |name: &str| -> Vec<&str> {
            mentions
                .iter()
                .filter(|m| m.0 == name)
                .map(|m| m.2.as_str())
                .collect()
        };
        assert_eq!(
            ids("Ted Cruz"),
            ["per:ted-cruz", "per:ted-cruz"],
            "{mentions:?}"
        );
        assert_eq!(ids("Cruz"), ["per:ted-cruz"], "{mentions:?}");
        assert_eq!(ids("Donald Trump").len(), 2, "{mentions:?}");
    }

    #[test]
    fn a_person_the_knowledge_base_lists_stays_a_person() {
        for text in [
            "Officials of the Trump campaign said on Monday that the rally would go ahead.",
            "Aides said Trump would not attend the debate.",
        ] {
            let found = labelled(text);
            assert!(
                found.contains(&("Trump".into(), EntityLabel::Per)),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_person_has_one_id_with_or_without_middle_initials() {
        let one = id(
            "Attorney General Loretta E. Lynch said on Tuesday that the inquiry would go on.",
            "Loretta E. Lynch",
        );
        let other = id(
            "Loretta Lynch told senators on Tuesday that the inquiry would go on.",
            "Loretta Lynch",
        );
        assert_eq!(one, "per:loretta-lynch");
        assert_eq!(one, other);
    }

    #[test]
    fn a_persons_name_before_the_word_for_an_event_is_the_event() {
        let mentions = mentions(
            "Civil rights leaders are also taking part in \"Barack Obama Election Day,\" a day of voter drives on Nov. 1. Obama is expected to attend.",
        );
        assert!(
            mentions
                .iter()
                .any(|m| m.0 == "Barack Obama Election Day" && m.1 == EntityLabel::Misc),
            "{mentions:?}"
        );
        assert!(
            mentions
                .iter()
                .all(|m| !m.2.starts_with("per:barack-obama-election")),
            "{mentions:?}"
        );
    }

    #[test]
    fn a_headline_person_of_two_words_may_be_a_person_and_a_word() {
        let text = "New Clinton Plan Would Raise Taxes On The Rich\n\nHillary Clinton unveiled a plan on Monday. Clinton said the plan would raise taxes.";
        let mentions = mentions(text);
        assert!(
            mentions.iter().all(|m| !m.0.contains("Plan")),
            "{mentions:?}"
        );
        assert_eq!(id(text, "Clinton"), "per:hillary-clinton", "{mentions:?}");
    }

    #[test]
    fn an_armed_group_is_one_organization_however_it_is_written() {
        let text = "The leader of al-Qaeda was killed. The leader of Al Qaeda was killed. \
                    Al-Qaida said it would fight on. The Taliban and Hizbollah condemned it.";
        let found = mentions(text);
        for (name, id) in [
            ("al-Qaeda", "org:al-qaeda"),
            ("Al Qaeda", "org:al-qaeda"),
            ("Al-Qaida", "org:al-qaeda"),
            ("Taliban", "org:taliban"),
            ("Hizbollah", "org:hezbollah"),
        ] {
            assert_eq!(
                all_named(&found, name),
                [(EntityLabel::Org, id)],
                "{name}: {found:?}"
            );
        }
    }

    #[test]
    fn soft_hyphens_in_a_name_change_no_identity() {
        // A verbatim text (a JSONL dump of pages) keeps the page's hyphenation hints.
        let text = "President Vladi\u{ad}mir Putin met Bashar al-As\u{ad}sad in Sochi on \
                    Monday. Putin said the operation was nearing its end.";
        let mut doc = gazette_doc::Doc::new(text.into(), gazette_doc::Meta::default());
        crate::Pipeline::english().run(&mut doc).unwrap();
        let named = |name: &str| {
            doc.entities()
                .iter()
                .find(|e| doc.slice(e.span()) == name)
                .map(|e| (e.canonical.clone(), e.entity_id.clone()))
        };
        let putin = (
            "Vladimir Putin".to_string(),
            "per:vladimir-putin".to_string(),
        );
        assert_eq!(named("Vladi\u{ad}mir Putin"), Some(putin.clone()));
        assert_eq!(named("Putin"), Some(putin));
        assert_eq!(
            named("Bashar al-As\u{ad}sad").map(|e| e.1),
            Some("per:bashar-al-assad".to_string())
        );
    }

    #[test]
    fn slugs_and_containment() {
        assert_eq!(slug("Vladimir Putin"), "vladimir-putin");
        assert_eq!(slug("  Bashar al-Assad "), "bashar-al-assad");
        assert!(is_part_of(&words("Putin"), &words("Vladimir Putin")));
        assert!(is_part_of(&words("al Assad"), &words("Bashar al-Assad")));
        assert!(!is_part_of(&words("Putin"), &words("Putin")));
        assert!(!is_part_of(&words("Peskov"), &words("Vladimir Putin")));
        assert!(is_part_of(
            &words("Hillary Clinton"),
            &words("Hillary Rodham Clinton")
        ));
        assert!(is_part_of(&words("Bush"), &words("George H.W. Bush")));
        assert!(!is_part_of(
            &words("George W. Bush"),
            &words("George H.W. Bush")
        ));
        assert_eq!(plain_name("Loretta E. Lynch"), "Loretta Lynch");
        assert_eq!(plain_name("Joseph R. Biden Jr."), "Joseph Biden");
        assert_eq!(plain_name("John F. Kerry"), "John Kerry");
        assert_eq!(plain_name("George H.W. Bush"), "George Bush");
        assert_eq!(plain_name("Brent Bozell III"), "Brent Bozell III");
        assert_eq!(plain_name("J. Trump"), "J. Trump");
        assert_eq!(plain_name("Duncan Hunter Sr."), "Duncan Hunter Sr.");
    }
}
