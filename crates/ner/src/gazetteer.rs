//! Phrase lists used as recognizer features: places from GeoNames (CC BY 4.0) and
//! organizations, office holders and nationalities from the PETRARCH actor dictionaries (MIT), built by
//! `gazette train ner` from `shared/data/gazetteer` and stored in the model.

use std::io::BufRead;
use std::path::Path;

use gazette_learn::perceptron::mix;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Class bit of a person phrase.
pub const PER: u8 = 1;
/// Class bit of a place phrase.
pub const LOC: u8 = 2;
/// Class bit of an organization phrase.
pub const ORG: u8 = 4;
/// Class bit of a nationality word ("Armenian", "Tajiks", "South African"): CoNLL's MISC.
pub const NATIONALITY: u8 = 8;

/// Part bit of a word that opens a listed person's name ("Vladimir").
pub const FIRST_NAME: u8 = 1;
/// Part bit of a word that ends a listed person's name ("Putin").
pub const SURNAME: u8 = 2;

/// Lowercased phrases (words joined by one space) with their class bits.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Gazetteer {
    phrases: FxHashMap<String, u8>,
    /// Single lowercased words with the part bits of the people's names they occur in:
    /// a first name seen in a listed name is evidence for a new name it opens ("Nolan
    /// Henke"), which the phrase list itself cannot give.
    parts: FxHashMap<String, u8>,
    /// The word count of the longest phrase starting with each word, built on first use:
    /// most words start no phrase, and need no lookup at all.
    #[serde(skip)]
    longest_from: std::sync::OnceLock<FxHashMap<String, usize>>,
}

/// Single words too common to be evidence of a name.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "and",
    "in",
    "on",
    "at",
    "to",
    "for",
    "new",
    "president",
    "government",
    "party",
    "army",
    "police",
    "union",
    "state",
    "national",
    "council",
    "court",
    "bank",
    "people",
    "city",
    "minister",
    "general",
];

impl Gazetteer {
    /// Adds a phrase to a class.
    pub fn insert(&mut self, phrase: &str, class: u8) {
        let key: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        if key.is_empty()
            || (key.len() == 1 && (STOP.contains(&key[0].as_str()) || key[0].chars().count() < 3))
        {
            return;
        }
        self.longest_from = std::sync::OnceLock::new();
        *self.phrases.entry(key.join(" ")).or_insert(0) |= class;
    }

    /// Notes the first and last words of a person's name of two words or more.
    pub fn insert_name_parts(&mut self, name: &str) {
        let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
        let usable = |w: &str| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic);
        if let [first, .., last] = words.as_slice() {
            if usable(first)
                && !crate::TITLES.contains(&first.as_str())
                && !crate::HONORIFICS.contains(&first.as_str())
                && !STOP.contains(&first.as_str())
            {
                *self.parts.entry(first.clone()).or_insert(0) |= FIRST_NAME;
            }
            if usable(last) {
                *self.parts.entry(last.clone()).or_insert(0) |= SURNAME;
            }
        }
    }

    /// Part bits of a word (0 when it is in no listed name).
    pub fn part(&self, word: &str) -> u8 {
        self.parts.get(&word.to_lowercase()).copied().unwrap_or(0)
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Whether there is no phrase.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Class bits of a phrase, if listed.
    pub fn get(&self, phrase: &str) -> Option<u8> {
        self.phrases.get(&phrase.to_lowercase()).copied()
    }

    /// For each word, the class bits and position (begin, inside, last, unit) of the
    /// longest listed phrase covering it, hashed (0 when none), and its name-part bits
    /// ([`Gazetteer::part`]).
    pub fn features(&self, words: &[&str]) -> (Vec<u64>, Vec<u64>) {
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let parts = lower
            .iter()
            .map(|w| u64::from(self.parts.get(w.as_str()).copied().unwrap_or(0)))
            .collect();
        let mut out = vec![0u64; words.len()];
        let longest_from = self.longest_from.get_or_init(|| {
            let mut longest: FxHashMap<String, usize> = FxHashMap::default();
            for phrase in self.phrases.keys() {
                let first = phrase.split(' ').next().unwrap_or_default();
                let n = phrase.split(' ').count();
                let entry = longest.entry(first.to_string()).or_insert(0);
                *entry = (*entry).max(n);
            }
            longest
        });
        let mut phrase = String::new();
        let mut i = 0;
        while i < words.len() {
            let mut matched = 0;
            let most = longest_from.get(lower[i].as_str()).copied().unwrap_or(0);
            for len in (1..=most.min(words.len() - i)).rev() {
                phrase.clear();
                for (k, w) in lower[i..i + len].iter().enumerate() {
                    if k > 0 {
                        phrase.push(' ');
                    }
                    phrase.push_str(w);
                }
                if let Some(&class) = self.phrases.get(phrase.as_str()) {
                    for (k, slot) in out[i..i + len].iter_mut().enumerate() {
                        let pos = if len == 1 {
                            4
                        } else if k == 0 {
                            1
                        } else if k + 1 == len {
                            3
                        } else {
                            2
                        };
                        *slot = mix(u64::from(class), pos);
                    }
                    matched = len;
                    break;
                }
            }
            i += matched.max(1);
        }
        (out, parts)
    }

    /// Builds the lists from the shared gazetteer folder.
    pub fn build(dir: &Path) -> std::io::Result<Gazetteer> {
        let mut g = Gazetteer::default();
        let read = |p: &Path| std::fs::read_to_string(p);
        let countries: serde_json::Value =
            serde_json::from_str(&read(&dir.join("geonames/countries.json"))?)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
        for c in countries.as_object().into_iter().flat_map(|m| m.values()) {
            for key in ["name", "capital"] {
                if let Some(n) = c.get(key).and_then(|v| v.as_str()) {
                    g.insert(n, LOC);
                }
            }
        }
        let states: serde_json::Value =
            serde_json::from_str(&read(&dir.join("geonames/us_states.json"))?)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
        for s in states.as_object().into_iter().flat_map(|m| m.values()) {
            if let Some(n) = s.get("name").and_then(|v| v.as_str()) {
                g.insert(n, LOC);
            }
        }
        let continents: serde_json::Value =
            serde_json::from_str(&read(&dir.join("geonames/continents.json"))?)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
        for c in continents.as_object().into_iter().flat_map(|m| m.values()) {
            if let Some(n) = c.get("name").and_then(|v| v.as_str()) {
                g.insert(n, LOC);
            }
        }
        // Cities of 100,000 people or more, by their main name. Every city's names are kept
        // aside, so that no city ("Teheran", "Aswan") passes for a nationality below.
        let mut city_names: std::collections::HashSet<String> = Default::default();
        let cities = std::fs::File::open(dir.join("geonames/cities15000_latin.jsonl"))?;
        for line in std::io::BufReader::new(cities).lines() {
            let line = line?;
            let Ok(c) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let name = c.get("name").and_then(|v| v.as_str());
            if c.get("population").and_then(|p| p.as_u64()).unwrap_or(0) >= 100_000 {
                if let Some(n) = name {
                    g.insert(n, LOC);
                }
            }
            let other = c.get("alternatenames").and_then(|v| v.as_array());
            for n in name
                .into_iter()
                .chain(other.into_iter().flatten().filter_map(|v| v.as_str()))
            {
                city_names.insert(n.to_lowercase());
            }
        }
        // Actors: international and non-state ones are organizations; country actors with
        // dated office codes are people (VLADIMIR PUTIN → RUSGOV from 2008-05-08), except
        // the countries themselves, whose nationality words are kept.
        let actors = std::fs::File::open(dir.join("petrarch_actors/actors.jsonl"))?;
        for line in std::io::BufReader::new(actors).lines() {
            let line = line?;
            let Ok(a) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let file = a.get("file").and_then(|f| f.as_str()).unwrap_or("");
            // The items of one of the record's lists (none when it has no such list).
            let list = |key: &str| a.get(key).and_then(|v| v.as_array()).into_iter().flatten();
            let codes: Vec<&str> = list("codes")
                .filter_map(|c| c.get("code").and_then(|c| c.as_str()))
                .collect();
            let default_codes = list("default_codes").filter_map(|c| c.as_str());
            let canonical = a.get("canonical").and_then(|v| v.as_str()).unwrap_or("");
            let aliases: Vec<&str> = list("aliases").filter_map(|v| v.as_str()).collect();
            // A country's own record carries its bare three-letter code (ARMENIA → ARM,
            // with the Soviet USRARM before 1991); its aliases are its names in other
            // languages, its capital and its demonyms, never a person.
            if file.contains("Countries")
                && codes
                    .iter()
                    .copied()
                    .chain(default_codes)
                    .any(|c| c.len() == 3)
            {
                for &n in &aliases {
                    let lower = n.to_lowercase();
                    if !nationality(n, canonical) || city_names.contains(&lower) {
                        continue;
                    }
                    g.insert(n, NATIONALITY);
                    if let Some(people) = people_of(&lower) {
                        g.insert(&people, NATIONALITY);
                    }
                }
                continue;
            }
            let class = if file.contains("International") || file.contains("MilNonState") {
                ORG
            } else if !codes.is_empty() {
                PER
            } else {
                continue;
            };
            for n in std::iter::once(canonical).chain(aliases) {
                // Dictionary phrases use underscores and hyphens inconsistently.
                let n = n.replace('_', " ");
                g.insert(&n, class);
                if class == PER {
                    g.insert_name_parts(&n);
                }
            }
        }
        Ok(g)
    }
}

/// Whether an alias of the country `canonical` is a nationality word rather than another
/// of its names ("HAYASTAN", "LETTLAND") or a region the lists file under it ("SICHUAN"
/// under CHINA), which the lists give together: it has a nationality's ending and begins
/// as a word of the country's name does ("ARMENIAN" of ARMENIA, "POLISH" of POLAND,
/// "SOUTH AFRICAN"). Nationalities unlike their country's name ("DUTCH", "WELSH") are
/// missed; the recognizer learns the common ones from its training text.
pub fn nationality(alias: &str, canonical: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "an", "ans", "ese", "ish", "i", "is", "ch", "k", "ks", "ot", "ots", "ss", "yz", "ene",
        "in", "ins",
    ];
    const PLACE_ENDINGS: &[&str] = &["stan", "land", "ia", "ain", "ston"];
    let words: Vec<String> = alias.split_whitespace().map(str::to_lowercase).collect();
    let Some(last) = words.last() else {
        return false;
    };
    let opening = |w: &str| w.chars().take(2).collect::<String>();
    words.len() <= 2
        && last.chars().count() >= 4
        && last.chars().all(char::is_alphabetic)
        && ENDINGS.iter().any(|e| last.ends_with(e))
        && !PLACE_ENDINGS.iter().any(|e| last.ends_with(e))
        && canonical
            .split_whitespace()
            .map(str::to_lowercase)
            .any(|w| w.chars().count() >= 3 && w != *last && opening(&w) == opening(last))
}

/// The word for the people of a one-word nationality that takes an -s ("Armenians",
/// "Iraqis", "Tajiks"), written in the nationality's case; `None` for the others ("Swiss",
/// "South African").
pub fn people_of(nationality: &str) -> Option<String> {
    let lower = nationality.to_lowercase();
    if nationality.contains(' ') || !["an", "i", "k", "ot"].iter().any(|e| lower.ends_with(e)) {
        return None;
    }
    let upper = nationality.chars().last()?.is_uppercase();
    Some(format!("{nationality}{}", if upper { "S" } else { "s" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_wins_and_positions_are_marked() {
        let mut g = Gazetteer::default();
        g.insert("United Nations", ORG);
        g.insert("United States", LOC);
        g.insert("Nations", LOC);
        g.insert("the", LOC); // too common: ignored
        let (f, parts) =
            g.features(&["the", "United", "Nations", "and", "the", "United", "States"]);
        assert_eq!(parts, vec![0; 7]);
        assert_eq!(f[0], 0);
        assert_eq!(f[1], mix(u64::from(ORG), 1));
        assert_eq!(f[2], mix(u64::from(ORG), 3));
        assert_eq!(f[6], mix(u64::from(LOC), 3));
        assert_eq!(g.get("UNITED NATIONS"), Some(ORG));
        assert_eq!(g.len(), 3);
    }

    #[test]
    fn a_country_s_nationality_words_are_told_from_its_other_names() {
        for (alias, country) in [
            ("ARMENIAN", "ARMENIA"),
            ("TAJIK", "TAJIKISTAN"),
            ("SOUTH AFRICAN", "REPUBLIC OF SOUTH AFRICA"),
            ("POLISH", "POLAND"),
            ("NEPALESE", "NEPAL"),
            ("IRAQI", "IRAQ"),
        ] {
            assert!(nationality(alias, country), "{alias}");
        }
        for (alias, country) in [
            ("HAYASTAN", "ARMENIA"), // its own name
            ("LETTLAND", "LATVIA"),  // in another language
            ("MOLDAVIA", "MOLDOVA"), // an old name
            ("SICHUAN", "CHINA"),    // a region filed under it
            ("BRITAIN", "UNITED KINGDOM"),
            ("ARMENIA", "ARMENIA"), // the country itself
            ("NORTHERN IRISH MEN", "UNITED KINGDOM"),
        ] {
            assert!(!nationality(alias, country), "{alias}");
        }
        assert_eq!(people_of("IRAQI").as_deref(), Some("IRAQIS"));
        assert_eq!(people_of("armenian").as_deref(), Some("armenians"));
        assert_eq!(people_of("Tajik").as_deref(), Some("Tajiks"));
        assert_eq!(people_of("SWISS"), None);
        assert_eq!(people_of("SOUTH AFRICAN"), None);
    }

    #[test]
    fn people_s_names_give_first_names_and_surnames() {
        let mut g = Gazetteer::default();
        g.insert_name_parts("VLADIMIR PUTIN");
        g.insert_name_parts("President Nolan Henke");
        g.insert_name_parts("SIR JOHN MAJOR");
        g.insert_name_parts("ABD AL-AZIZ"); // a hyphenated surname is no word of its own
        g.insert_name_parts("Madonna"); // one word: neither first name nor surname
        assert_eq!(g.part("Vladimir"), FIRST_NAME);
        assert_eq!(g.part("PUTIN"), SURNAME);
        assert_eq!(g.part("henke"), SURNAME);
        assert_eq!(g.part("President"), 0);
        assert_eq!(
            g.part("Nolan"),
            0,
            "a title opens the name: its next word is unknown"
        );
        assert_eq!(g.part("abd"), FIRST_NAME);
        assert_eq!((g.part("Sir"), g.part("Major")), (0, SURNAME));
        assert_eq!(g.part("al-aziz"), 0);
        assert_eq!(g.part("Madonna"), 0);
        g.insert_name_parts("HENKE NOLAN");
        assert_eq!(g.part("Henke"), FIRST_NAME | SURNAME);
    }
}
