//! The knowledge base that gives entities a stable identity across articles: countries
//! with their names in other languages, demonyms and capitals, and international
//! organizations, assembled by `gazette train kb` from GeoNames and the PETRARCH actor
//! dictionaries into `models/kb/en.tsv`, which users can extend by adding lines.
//!
//! Format: one entity per line, tab-separated: `id`, `label` (PER, ORG, LOC, MISC),
//! `canonical name`, aliases separated by `|`, capitals separated by `|` (a capital used
//! as the subject of a verb stands for the government: "Moscow denies" → Russia).
//! Lines starting with `#` are comments. `models/kb/extra.tsv` holds hand-curated
//! additions (recent leaders, common English names of countries) read before `en.tsv`.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One knowledge-base entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbEntity {
    /// Stable id, e.g. `country:rus`.
    pub id: String,
    /// Coarse type.
    pub label: String,
    /// Canonical name.
    pub canonical: String,
}

/// What a name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match<'a> {
    /// The entity itself (a name, an alias or a demonym).
    Entity(&'a KbEntity),
    /// The capital of the entity: the government when it acts, the city otherwise.
    Capital(&'a KbEntity),
}

/// Names → entities.
#[derive(Debug, Default)]
pub struct KnowledgeBase {
    entities: Vec<KbEntity>,
    names: HashMap<String, usize>,
    capitals: HashMap<String, usize>,
}

/// A line of the knowledge base that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("knowledge base line {line}: {message}")]
pub struct KbError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

static ENGLISH: &str = include_str!("../../../models/kb/en.tsv");
static EXTRA: &str = include_str!("../../../models/kb/extra.tsv");

/// The key a name is looked up by: upper case, hyphens and dots as spaces, no leading "the".
pub fn key(name: &str) -> String {
    let upper: String = name
        .to_uppercase()
        .chars()
        .map(|c| {
            if c == '-' || c == '.' || c == '_' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<&str> = upper.split_whitespace().collect();
    let words = if words.first() == Some(&"THE") {
        &words[1..]
    } else {
        &words[..]
    };
    // Initials written with dots are one word: "E.U." is "EU", "U.S.A." is "USA".
    let single = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
    let mut out = String::with_capacity(upper.len());
    for (i, w) in words.iter().enumerate() {
        if i > 0 && !(single(w) && single(words[i - 1])) {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

impl KnowledgeBase {
    /// The knowledge base bundled with gazette, parsed once per process.
    pub fn english() -> &'static KnowledgeBase {
        static KB: OnceLock<KnowledgeBase> = OnceLock::new();
        // The hand-curated additions come first, so that their names win.
        KB.get_or_init(|| {
            KnowledgeBase::from_tsv(&format!("{EXTRA}\n{ENGLISH}"))
                .expect("the bundled knowledge base parses")
        })
    }

    /// Parses the TSV format described in the module docs.
    pub fn from_tsv(text: &str) -> Result<KnowledgeBase, KbError> {
        let mut kb = KnowledgeBase::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 {
                return Err(KbError {
                    line: i + 1,
                    message: format!(
                        "expected at least 4 tab-separated columns, found {}",
                        cols.len()
                    ),
                });
            }
            if !matches!(cols[1], "PER" | "ORG" | "LOC" | "MISC") {
                return Err(KbError {
                    line: i + 1,
                    message: format!("unknown label {:?}", cols[1]),
                });
            }
            let index = kb.entities.len();
            kb.entities.push(KbEntity {
                id: cols[0].to_string(),
                label: cols[1].to_string(),
                canonical: cols[2].to_string(),
            });
            // The first entity to claim a name keeps it.
            for name in std::iter::once(cols[2])
                .chain(cols[3].split('|'))
                .filter(|n| !n.is_empty())
            {
                kb.names.entry(key(name)).or_insert(index);
            }
            for capital in cols
                .get(4)
                .into_iter()
                .flat_map(|c| c.split('|'))
                .filter(|n| !n.is_empty())
            {
                kb.capitals.entry(key(capital)).or_insert(index);
            }
        }
        Ok(kb)
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// What a mention's text names, if the knowledge base knows it.
    pub fn lookup(&self, name: &str) -> Option<Match<'_>> {
        let k = key(name);
        if let Some(&i) = self.capitals.get(&k) {
            return Some(Match::Capital(&self.entities[i]));
        }
        self.names
            .get(&k)
            .map(|&i| Match::Entity(&self.entities[i]))
    }
}

/// Whether a PETRARCH actor record with dated codes (`codes`) is a person who held an
/// office. The international lists hold such people ("KOFI ANNAN" at the UN) among their
/// organizations, and a few organizations with dated codes too: companies that changed
/// hands (an `MNC` code) and pacts ("WARSAW TREATY ORGANIZATION").
pub fn holds_office(canonical: &str, codes: &[&str], default_codes: &[&str]) -> bool {
    const NOT_A_PERSON: &[&str] = &["ORGANIZATION", "TREATY", "PACT", "ALLIANCE", "BANK"];
    !codes.is_empty()
        && !codes.iter().chain(default_codes).any(|c| c.contains("MNC"))
        && !canonical
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| NOT_A_PERSON.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_with_dated_codes_are_told_from_organizations_with_them() {
        assert!(holds_office("KOFI ANNAN", &["IGOUNO"], &["ELI"]));
        assert!(holds_office(
            "SECRETARY-GENERAL BAN KI-MOON",
            &["IGOUNO"],
            &[]
        ));
        // A company that changed hands, a pact, and an organization without dates.
        assert!(!holds_office("ABN AMRO", &["NLDGOVBUS"], &["MNCNLD"]));
        assert!(!holds_office(
            "WARSAW TREATY ORGANIZATION",
            &["IGOEEU"],
            &[]
        ));
        assert!(!holds_office("NATO", &[], &["IGOWSTNAT"]));
    }

    #[test]
    fn names_demonyms_and_capitals() {
        let kb = KnowledgeBase::from_tsv(
            "# test\ncountry:rus\tLOC\tRussia\tRussian Federation|Russian|Russians\tMoscow\n",
        )
        .unwrap();
        let russia = |m: Option<Match<'_>>| match m {
            Some(Match::Entity(e)) => e.id.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(russia(kb.lookup("the Russian Federation")), "country:rus");
        assert_eq!(russia(kb.lookup("Russian")), "country:rus");
        assert!(matches!(kb.lookup("Moscow"), Some(Match::Capital(e)) if e.canonical == "Russia"));
        assert_eq!(kb.lookup("Sochi"), None);
        // Initials with and without dots, and a lone initial in a name.
        assert_eq!(key("the E.U."), "EU");
        assert_eq!(key("U.S.A."), key("USA"));
        assert_eq!(key("John F. Kennedy"), "JOHN F KENNEDY");
        assert!(
            KnowledgeBase::from_tsv("a\tb")
                .unwrap_err()
                .to_string()
                .starts_with("knowledge base line 1")
        );
    }

    #[test]
    fn the_bundled_base_knows_the_seed_actors() {
        let kb = KnowledgeBase::english();
        for (name, id) in [
            ("Russia", "country:rus"),
            ("Russian Federation", "country:rus"),
            ("Russian", "country:rus"),
            ("the Kremlin", "country:rus"),
            ("Syrian", "country:syr"),
            ("United Nations", "org:united-nations"),
            ("al Assad", "per:bashar-al-assad"),
            ("Trump", "per:donald-trump"),
            // Initials listed as an organization of their own under the same code.
            ("U.N.", "org:united-nations"),
            ("UN", "org:united-nations"),
            ("ASEAN", "org:association-of-south-east-asian-nations"),
            ("ICJ", "org:international-court-of-justice"),
            // Nationalities of countries with dated codes, and their peoples.
            ("Ukrainian", "country:ukr"),
            ("Iraqis", "country:irq"),
            // Nationalities unlike their country's name, from the hand-curated file.
            ("Danish", "country:dnk"),
            ("Filipinos", "country:phl"),
            ("Burma", "country:mmr"),
            ("Emirati", "country:are"),
        ] {
            match kb.lookup(name) {
                Some(Match::Entity(e)) => assert_eq!(e.id, id, "{name}"),
                other => panic!("{name}: {other:?}"),
            }
        }
    }
}
