//! Loading the rule grammar (`rules/*.rules`): vocabulary classes and rules, compiled to
//! regular expressions with one named group per slot.

use std::collections::HashMap;

use regex::Regex;

use crate::TimexType;

/// A grammar that does not load; names the line.
#[derive(Debug, thiserror::Error)]
#[error("rules line {line}: {message}")]
pub struct GrammarError {
    /// 1-based line number in the rules file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One compiled rule.
#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) kind: TimexType,
    pub(crate) normalizer: String,
    /// Arguments: literal values, or `$SLOT` references to captured slots.
    pub(crate) args: Vec<(String, String)>,
    pub(crate) regex: Regex,
    /// Whether the regex runs on the text lowercased (ASCII) rather than as written: all
    /// rules but those naming a class that needs its capital ("May" the month). Matching
    /// lowercase text case-sensitively lets the regex engine find the rules' literal words
    /// faster than matching without regard to case.
    pub(crate) on_lowercase: bool,
    /// Slot name → vocabulary class, to map a captured word to its value.
    pub(crate) slots: Vec<(String, String)>,
    /// Words one of which every match holds (" ago" of "{N:num} {U:unit} ago"), for a rule
    /// that runs on lowercase text: a text without any of them is not searched. Most of a tagger's time goes to
    /// scanning each text once per rule, and most texts lack most rules' words.
    pub(crate) required: Vec<String>,
}

/// Words one of which every match of `pattern` holds: a literal of the pattern's top-level
/// sequence, or an alternation of up to four literals there ("earlier|before"); of those,
/// the one whose shortest word is longest, if that is three bytes or more.
fn required_words(pattern: &str) -> Vec<String> {
    use regex_syntax::hir::{Hir, HirKind};
    fn literal(h: &Hir) -> Option<String> {
        match h.kind() {
            HirKind::Literal(lit) => String::from_utf8(lit.0.to_vec()).ok(),
            _ => None,
        }
    }
    fn words(h: &Hir) -> Option<Vec<String>> {
        match h.kind() {
            HirKind::Literal(_) => literal(h).map(|w| vec![w]),
            HirKind::Alternation(alts) if alts.len() <= 4 => alts.iter().map(literal).collect(),
            HirKind::Capture(c) => words(&c.sub),
            _ => None,
        }
    }
    let Ok(hir) = regex_syntax::Parser::new().parse(pattern) else {
        return Vec::new();
    };
    let HirKind::Concat(parts) = hir.kind() else {
        return Vec::new();
    };
    let shortest = |ws: &Vec<String>| ws.iter().map(String::len).min().unwrap_or(0);
    parts
        .iter()
        .filter_map(words)
        .filter(|ws| shortest(ws) >= 3)
        .max_by_key(|ws| shortest(ws))
        .unwrap_or_default()
}

/// Vocabulary classes: class → (lowercased word → value).
pub(crate) type Vocabulary = HashMap<String, HashMap<String, String>>;

/// Built-in classes matched by pattern rather than by word list; their value is the text.
const BUILTIN: &[(&str, &str)] = &[
    ("day", r"(?:3[01]|[12]\d|0?[1-9])"),
    ("day2", r"(?:3[01]|[12]\d|0[1-9])"),
    ("month2", r"(?:1[0-2]|0[1-9])"),
    ("monthnum", r"(?:1[0-2]|0?[1-9])"),
    ("year", r"(?:1[89]\d\d|20\d\d)"),
    ("decade", r"(?:1[89]\d0|20[0-9]0)"),
    ("hour", r"(?:2[0-3]|[01]?\d)"),
    ("minute", r"(?:[0-5]\d)"),
    ("hhmm", r"(?:[01]\d|2[0-3])[0-5]\d"),
    ("decade2", r"(?:[0-9]0)"),
    ("yy", r"\d\d"),
    ("ordnum", r"(?:[1-9]|1\d|2[01])"),
];

pub(crate) struct Grammar {
    pub(crate) vocabulary: Vocabulary,
    pub(crate) rules: Vec<Rule>,
}

/// The regex alternation for a vocabulary class; longer words first so that "march"
/// is tried before "mar.". `capitalized` classes (names such as months) only match words
/// written with a capital, so that "may" the verb is not May the month.
fn alternation(words: &HashMap<String, String>, capitalized: bool) -> String {
    let mut ws: Vec<&String> = words.keys().collect();
    ws.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let parts: Vec<String> = ws
        .iter()
        .map(|w| {
            let text = w.replace('_', " ");
            if capitalized {
                let mut chars = text.chars();
                let first = chars
                    .next()
                    .map(|c| c.to_uppercase().collect::<String>())
                    .unwrap_or_default();
                format!(
                    "(?-i:{}){}",
                    regex::escape(&first),
                    regex::escape(chars.as_str())
                )
            } else {
                regex::escape(&text)
            }
        })
        .collect();
    format!("(?:{})", parts.join("|"))
}

const TENS: [(&str, u32); 8] = [
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];
const ONES: [(&str, u32); 9] = [
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
];

/// Number words from 20 to 99 in both spellings ("twenty-four", "twenty four"), and
/// hundreds and thousands ("two hundred"). They are
/// arithmetic, not vocabulary, so the engine adds them to `@numword` rather than the rules
/// file listing 144 entries.
fn add_compound_numbers(map: &mut HashMap<String, String>) {
    for (tens, t) in TENS {
        for (ones, o) in ONES {
            for joiner in ["-", "_"] {
                map.insert(format!("{tens}{joiner}{ones}"), (t + o).to_string());
            }
        }
    }
    // "two hundred", "three thousand", "a thousand".
    for (ones, o) in ONES.iter().chain(&[("a", 1)]) {
        map.insert(format!("{ones}_hundred"), (o * 100).to_string());
        map.insert(format!("{ones}_thousand"), (o * 1000).to_string());
    }
    map.insert("thousand".into(), "1000".into());
}

/// The built-in class `yearword`: years as they are read out in broadcast transcripts
/// ("nineteen ninety-six", "eighteen twelve", "two thousand and one").
fn spelled_years() -> HashMap<String, String> {
    let mut map = HashMap::new();
    let mut two_digits: Vec<(String, u32)> = Vec::new();
    for (tens, t) in TENS {
        two_digits.push((tens.to_string(), t));
        for (ones, o) in ONES {
            two_digits.push((format!("{tens}-{ones}"), t + o));
            two_digits.push((format!("{tens}_{ones}"), t + o));
        }
    }
    for (ones, o) in ONES {
        two_digits.push((format!("oh_{ones}"), o));
    }
    for (word, n) in [
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
    ] {
        two_digits.push((word.to_string(), n));
    }
    for (century, c) in [("eighteen", 18), ("nineteen", 19)] {
        map.insert(format!("{century}_hundred"), (c * 100).to_string());
        for (rest, r) in &two_digits {
            map.insert(format!("{century}_{rest}"), (c * 100 + r).to_string());
        }
    }
    // "two thousand" alone is more often a count ("two thousand years"); the rules
    // take "the year two thousand".
    for (ones, o) in ONES
        .iter()
        .chain(&[("ten", 10), ("eleven", 11), ("twelve", 12)])
    {
        map.insert(format!("two_thousand_{ones}"), (2000 + o).to_string());
        map.insert(format!("two_thousand_and_{ones}"), (2000 + o).to_string());
    }
    map
}

pub(crate) fn parse(source: &str) -> Result<Grammar, GrammarError> {
    // Built-in word classes; a class of the same name in the rules replaces one.
    let mut vocabulary: Vocabulary = HashMap::from([("yearword".to_string(), spelled_years())]);
    let mut capitalized: Vec<String> = Vec::new();
    let mut rules = Vec::new();
    for (i, raw) in source.lines().enumerate() {
        let line = i + 1;
        let text = raw.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let err = |message: String| GrammarError { line, message };
        if let Some(def) = text.strip_prefix('@') {
            let (name, words) = def
                .split_once('=')
                .ok_or_else(|| err("a class needs `@name = word:value ...`".into()))?;
            let mut name = name.trim().to_string();
            if let Some(n) = name.strip_suffix('!') {
                name = n.to_string();
                capitalized.push(name.clone());
            }
            let mut map = HashMap::new();
            for entry in words.split_whitespace() {
                let (w, v) = entry
                    .rsplit_once(':')
                    .ok_or_else(|| err(format!("{entry:?} needs word:value")))?;
                map.insert(w.to_lowercase(), v.to_string());
            }
            if name == "numword" {
                add_compound_numbers(&mut map);
            }
            vocabulary.insert(name, map);
            continue;
        }
        let parts: Vec<&str> = text.splitn(3, '|').map(str::trim).collect();
        if parts.len() != 3 {
            return Err(err("a rule needs `TYPE | normalizer args | pattern`".into()));
        }
        let kind = match parts[0] {
            "DATE" => TimexType::Date,
            "TIME" => TimexType::Time,
            "DURATION" => TimexType::Duration,
            "SET" => TimexType::Set,
            other => return Err(err(format!("unknown type {other:?}"))),
        };
        let mut words = parts[1].split_whitespace();
        let normalizer = words
            .next()
            .ok_or_else(|| err("missing normalizer".into()))?
            .to_string();
        let args = words
            .map(|a| {
                a.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .ok_or_else(|| err(format!("argument {a:?} needs key=value")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        // Expand {SLOT:class} into named groups.
        let mut pattern = String::new();
        let mut slots = Vec::new();
        let mut on_lowercase = true;
        let mut rest = parts[2];
        while let Some(open) = rest.find('{') {
            pattern.push_str(&rest[..open]);
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| err("unclosed {".into()))?
                + open;
            let (slot, class) = rest[open + 1..close]
                .split_once(':')
                .ok_or_else(|| err("a slot needs {SLOT:class}".into()))?;
            let body = if let Some(words) = vocabulary.get(class) {
                let needs_capital = capitalized.iter().any(|c| c == class);
                on_lowercase &= !needs_capital;
                alternation(words, needs_capital)
            } else if let Some((_, re)) = BUILTIN.iter().find(|(n, _)| *n == class) {
                re.to_string()
            } else if class == "num" {
                let words = vocabulary
                    .get("numword")
                    .ok_or_else(|| err("class num needs @numword".into()))?;
                format!(r"(?:\d+(?:\.\d+)?|{})", alternation(words, false))
            } else {
                return Err(err(format!("unknown class {class:?}")));
            };
            if slots.iter().any(|(s, _): &(String, String)| s == slot) {
                return Err(err(format!("slot {slot} used twice")));
            }
            pattern.push_str(&format!("(?P<{slot}>{body})"));
            slots.push((slot.to_string(), class.to_string()));
            rest = &rest[close + 1..];
        }
        pattern.push_str(rest);
        for (_, v) in &args {
            if let Some(slot) = v.strip_prefix('$') {
                if !slots.iter().any(|(s, _)| s == slot) {
                    return Err(err(format!(
                        "argument refers to ${slot}, which the pattern does not capture"
                    )));
                }
            }
        }
        let case = if on_lowercase { "" } else { "(?i)" };
        let full = format!(r"{case}(?-u:\b)(?:{pattern})");
        let regex = Regex::new(&full).map_err(|e| err(e.to_string()))?;
        let required = if on_lowercase {
            required_words(&full)
        } else {
            Vec::new()
        };
        rules.push(Rule {
            kind,
            normalizer,
            args,
            regex,
            on_lowercase,
            slots,
            required,
        });
    }
    Ok(Grammar { vocabulary, rules })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_know_the_words_every_match_holds() {
        let words = |p: &str| required_words(&format!(r"(?-u:\b)(?:{p})"));
        assert_eq!(words(r"(?P<N>\d+) (?P<U>days|weeks) ago"), [" ago"]);
        assert_eq!(
            words(r"(?P<N>\d+) (?:earlier|before)"),
            ["earlier", "before"]
        );
        // Nothing every match must hold: an optional word, a word in a repetition, words
        // too short, or an alternation of more than four.
        assert!(words(r"(?:the )?(?P<N>\d+)s").is_empty());
        assert!(words(r"(?:ago )+(?P<N>\d+)").is_empty());
        assert!(words(r"(?P<N>\d+) (?:am|pm)").is_empty());
        assert!(words(r"(?:jan|feb|mar|apr|may)\.").is_empty());
    }

    #[test]
    fn bad_lines_are_named() {
        let e = parse("@m = may:5\nDATE | month month=$X | {M:m}")
            .err()
            .unwrap();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("$X"), "{}", e.message);
        assert!(
            parse("DATE | x | {A:nope}")
                .err()
                .unwrap()
                .message
                .contains("unknown class")
        );
        assert!(
            parse("WHEN | x | y")
                .err()
                .unwrap()
                .message
                .contains("unknown type")
        );
    }

    #[test]
    fn capitalized_classes_need_a_capital() {
        let g = parse("@month! = may:5\nDATE | month month=$M | {M:month}").unwrap();
        let re = &g.rules[0].regex;
        assert!(re.is_match("in May"));
        assert!(re.is_match("in MAY"));
        assert!(!re.is_match("it may rain"));
    }
}
