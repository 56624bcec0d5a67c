//! Word clusters computed from unlabeled text: words that occur between the same
//! neighbours fall into the same cluster, so that the recognizer can generalize from
//! "Rotterdam" seen in training to "Antwerp" seen only in raw text.
//!
//! Each word with enough occurrences is described by the counts of the frequent words
//! just before and just after it (square-rooted and normalized), and spherical k-means
//! groups these descriptions at two granularities. Deterministic: centroids start at
//! the most frequent words.

use crate::perceptron::hash_str;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Word (lowercased, hashed) → (fine cluster, coarse cluster).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Clusters {
    map: FxHashMap<u64, (u16, u16)>,
}

/// Settings of the clustering.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// Most words clustered.
    pub max_words: usize,
    /// Context words (the most frequent ones) describing each word.
    pub contexts: usize,
    /// Fine clusters.
    pub fine: usize,
    /// Coarse clusters.
    pub coarse: usize,
    /// k-means iterations.
    pub iterations: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            min_count: 3,
            max_words: 40_000,
            contexts: 300,
            fine: 512,
            coarse: 64,
            iterations: 12,
        }
    }
}

impl Clusters {
    /// The clusters of a word, if it was clustered.
    pub fn get(&self, word: &str) -> Option<(u16, u16)> {
        self.map.get(&hash_str(&normalize(word))).copied()
    }

    /// The clusters of a word given by the hash of its lowercased form (as
    /// [`crate::words::WordInfo::lower`], when the clusters were built from
    /// [`crate::words::lower_form`]s).
    pub fn get_key(&self, key: u64) -> Option<(u16, u16)> {
        self.map.get(&key).copied()
    }

    /// Number of words clustered.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no word is clustered.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Clusters the words of `sentences` (each a list of tokens).
    pub fn build(sentences: &[Vec<String>], cfg: Settings) -> Clusters {
        let lower: Vec<Vec<String>> = sentences
            .iter()
            .map(|s| s.iter().map(|w| normalize(w)).collect())
            .collect();
        let mut freq: FxHashMap<&str, u32> = FxHashMap::default();
        for s in &lower {
            for w in s {
                *freq.entry(w.as_str()).or_insert(0) += 1;
            }
        }
        let mut by_freq: Vec<(&str, u32)> = freq.iter().map(|(w, c)| (*w, *c)).collect();
        by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let vocab: Vec<&str> = by_freq
            .iter()
            .filter(|(_, c)| *c >= cfg.min_count)
            .take(cfg.max_words)
            .map(|(w, _)| *w)
            .collect();
        let word_index: FxHashMap<&str, usize> =
            vocab.iter().enumerate().map(|(i, w)| (*w, i)).collect();
        let context_index: FxHashMap<&str, usize> = by_freq
            .iter()
            .take(cfg.contexts)
            .enumerate()
            .map(|(i, (w, _))| (*w, i))
            .collect();
        let dims = 2 * cfg.contexts + 2; // left contexts, right contexts, sentence start, end
        let mut counts: Vec<FxHashMap<u32, f32>> = vec![FxHashMap::default(); vocab.len()];
        for s in &lower {
            for (i, w) in s.iter().enumerate() {
                let Some(&wi) = word_index.get(w.as_str()) else {
                    continue;
                };
                let left = if i == 0 {
                    Some(dims - 2)
                } else {
                    context_index.get(s[i - 1].as_str()).copied()
                };
                let right = if i + 1 == s.len() {
                    Some(dims - 1)
                } else {
                    context_index
                        .get(s[i + 1].as_str())
                        .map(|c| c + cfg.contexts)
                };
                for d in [left, right].into_iter().flatten() {
                    *counts[wi].entry(d as u32).or_insert(0.0) += 1.0;
                }
            }
        }
        // Sparse, square-rooted, unit-length descriptions.
        let vectors: Vec<Vec<(u32, f32)>> = counts
            .into_iter()
            .map(|m| {
                let mut v: Vec<(u32, f32)> = m.into_iter().map(|(d, c)| (d, c.sqrt())).collect();
                v.sort_unstable_by_key(|e| e.0);
                let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt().max(1e-9);
                v.iter_mut().for_each(|e| e.1 /= norm);
                v
            })
            .collect();
        let fine = kmeans(&vectors, dims, cfg.fine, cfg.iterations);
        let coarse = kmeans(&vectors, dims, cfg.coarse, cfg.iterations);
        let map = vocab
            .iter()
            .enumerate()
            .map(|(i, w)| (hash_str(w), (fine[i], coarse[i])))
            .collect();
        Clusters { map }
    }
}

/// The form clusters are keyed by: lowercased.
fn normalize(word: &str) -> String {
    word.to_lowercase()
}

/// Spherical k-means: assignments of each vector to one of `k` centroids.
fn kmeans(vectors: &[Vec<(u32, f32)>], dims: usize, k: usize, iterations: usize) -> Vec<u16> {
    let k = k.min(vectors.len()).max(1);
    let mut centroids: Vec<Vec<f32>> = vectors[..k]
        .iter()
        .map(|v| {
            let mut c = vec![0.0f32; dims];
            v.iter().for_each(|&(d, x)| c[d as usize] = x);
            c
        })
        .collect();
    let mut assign = vec![0u16; vectors.len()];
    for _ in 0..iterations {
        for (i, v) in vectors.iter().enumerate() {
            let mut best = (f32::NEG_INFINITY, 0usize);
            for (j, c) in centroids.iter().enumerate() {
                let dot: f32 = v.iter().map(|&(d, x)| x * c[d as usize]).sum();
                if dot > best.0 {
                    best = (dot, j);
                }
            }
            assign[i] = best.1 as u16;
        }
        let mut sums = vec![vec![0.0f32; dims]; k];
        for (i, v) in vectors.iter().enumerate() {
            let s = &mut sums[assign[i] as usize];
            v.iter().for_each(|&(d, x)| s[d as usize] += x);
        }
        for (c, s) in centroids.iter_mut().zip(sums) {
            let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                *c = s.into_iter().map(|x| x / norm).collect();
            }
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kmeans_groups_similar_vectors() {
        // Two directions, each with small variations; the first two vectors start the centroids.
        let v = |a: f32, b: f32| {
            let n = (a * a + b * b).sqrt();
            vec![(0u32, a / n), (1u32, b / n)]
        };
        let vectors = vec![
            v(1.0, 0.0),
            v(0.0, 1.0),
            v(0.9, 0.1),
            v(0.1, 0.9),
            v(0.8, 0.2),
            v(0.2, 0.8),
        ];
        let a = kmeans(&vectors, 2, 2, 5);
        assert_eq!(a, [0, 1, 0, 1, 0, 1]);
    }

    #[test]
    fn frequent_words_are_clustered_and_case_does_not_matter() {
        let text: Vec<Vec<String>> = (0..5)
            .flat_map(|_| {
                [
                    ["flights", "to", "Paris", "were", "cancelled"],
                    ["flights", "to", "Berlin", "were", "cancelled"],
                ]
            })
            .map(|s| s.iter().map(|w| w.to_string()).collect())
            .collect();
        let c = Clusters::build(
            &text,
            Settings {
                min_count: 3,
                max_words: 100,
                contexts: 20,
                fine: 3,
                coarse: 2,
                iterations: 4,
            },
        );
        assert_eq!(c.len(), 6);
        assert_eq!(c.get("paris"), c.get("PARIS"));
        assert!(c.get("paris").is_some());
        assert_eq!(c.get("Rome"), None);
        // Identical contexts give identical descriptions, hence the same cluster.
        assert_eq!(c.get("paris"), c.get("berlin"));
    }
}
