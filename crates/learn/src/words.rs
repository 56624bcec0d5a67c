//! Per-word hashed properties shared by the tagger and the parser, computed once per word.

use crate::clusters::Clusters;
use crate::perceptron::hash_str;

/// Hashed views of one word form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordInfo {
    /// The form as written.
    pub form: u64,
    /// Lowercased form, with digits mapped to `0` (so "1998" and "2017" share statistics).
    pub lower: u64,
    /// Word shape: X for upper, x for lower, d for digit, runs capped at two.
    pub shape: u64,
    /// Last one to four chars of the lowercased form.
    pub suffix2: u64,
    /// Last three chars.
    pub suffix3: u64,
    /// Last four chars.
    pub suffix4: u64,
    /// First char.
    pub prefix1: u64,
    /// Starts with an uppercase letter.
    pub capitalized: bool,
    /// Starts with a letter.
    pub alphabetic: bool,
    /// Fine word cluster (1-based), or [`NO_CLUSTER`]; set by [`WordInfo::with_clusters`].
    pub cluster: u64,
    /// Coarse word cluster (1-based), or [`NO_CLUSTER`].
    pub coarse: u64,
}

/// Cluster feature value of a word that was not clustered.
pub const NO_CLUSTER: u64 = 0;

/// The lowercased form with digits mapped to `0`, as [`WordInfo::lower`] hashes it
/// (clusters meant for [`WordInfo::with_clusters`] are built from such forms).
pub fn lower_form(form: &str) -> String {
    form.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

impl WordInfo {
    /// Computes the hashed views of `form`.
    pub fn new(form: &str) -> WordInfo {
        let lower = lower_form(form);
        let chars: Vec<char> = lower.chars().collect();
        let tail = |n: usize| -> String { chars[chars.len().saturating_sub(n)..].iter().collect() };
        WordInfo {
            form: hash_str(form),
            lower: hash_str(&lower),
            shape: hash_str(&shape(form)),
            suffix2: hash_str(&tail(2)),
            suffix3: hash_str(&tail(3)),
            suffix4: hash_str(&tail(4)),
            prefix1: hash_str(&chars.first().map(|c| c.to_string()).unwrap_or_default()),
            capitalized: form.chars().next().is_some_and(char::is_uppercase),
            alphabetic: form.chars().next().is_some_and(char::is_alphabetic),
            cluster: NO_CLUSTER,
            coarse: NO_CLUSTER,
        }
    }

    /// The word with its clusters looked up in `clusters` (built from [`lower_form`]s).
    pub fn with_clusters(mut self, clusters: &Clusters) -> WordInfo {
        if let Some((fine, coarse)) = clusters.get_key(self.lower) {
            self.cluster = u64::from(fine) + 1;
            self.coarse = u64::from(coarse) + 1;
        }
        self
    }
}

/// "Putin" → "Xxx", "2017" → "dd", "$1.5bn" → "$d.dxx", "U.S." → "X.X.".
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in form.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
        } else {
            last = k;
            run = 1;
        }
        if run <= 2 {
            out.push(k);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Putin"), "Xxx");
        assert_eq!(shape("2017"), "dd");
        assert_eq!(shape("$1.5bn"), "$d.dxx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(WordInfo::new("1998").lower, WordInfo::new("2017").lower);
    }
}
