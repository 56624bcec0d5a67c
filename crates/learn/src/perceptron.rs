//! Averaged perceptron over hashed features.
//!
//! Features are 64-bit hashes built by [`feat`] from a template number and hashed
//! parts; no strings are built at run time. Training keeps, per feature, a short sparse
//! row of `(class, weight, total, last update)` (updates touch two classes at a time, so
//! rows stay short); averaging follows the usual lazy-update trick. The trained model
//! is frozen into [`Weights`]: one hash map from feature to a slice of `(class, weight)`.
//!
//! The string hash is FNV-1a, written out here rather than taken from a hashing crate,
//! because the model files store these hashes: the function must never change under a
//! dependency upgrade.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Feature value of a context position before the start of the sentence.
pub const BEFORE: u64 = 0x0053_5441_5254;
/// Feature value of a context position after its end.
pub const AFTER: u64 = 0x0045_4e44;

/// The feature value of a context position outside the sentence, `offset` words away.
#[inline]
pub fn outside(offset: isize) -> u64 {
    if offset < 0 { BEFORE } else { AFTER }
}

/// Stable 64-bit hash of a string (FNV-1a).
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Mixes a value into a running hash (the finalizer of splitmix64 over the sum).
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    let mut z = h.rotate_left(5) ^ v.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A feature: template number and up to three hashed parts.
#[inline]
pub fn feat(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(template, a), b), c)
}

#[derive(Debug, Clone, Copy)]
struct Param {
    class: u16,
    weight: f32,
    total: f64,
    stamp: u32,
}

/// A perceptron being trained.
pub struct Trainer {
    n_classes: usize,
    rows: FxHashMap<u64, Vec<Param>>,
    counts: FxHashMap<u64, u32>,
    instances: u32,
}

impl Trainer {
    /// A trainer for `n_classes` classes.
    pub fn new(n_classes: usize) -> Trainer {
        Trainer {
            n_classes,
            rows: FxHashMap::default(),
            counts: FxHashMap::default(),
            instances: 0,
        }
    }

    /// Adds the current (not averaged) weights of `features` into `scores`.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(row) = self.rows.get(f) {
                for p in row {
                    scores[p.class as usize] += p.weight;
                }
            }
        }
    }

    /// Counts one training instance (call once per prediction, before `update`).
    pub fn tick(&mut self, features: &[u64]) {
        self.instances += 1;
        for f in features {
            *self.counts.entry(*f).or_insert(0) += 1;
        }
    }

    /// Moves weight from `guess` to `truth` for every feature.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        self.add(features, truth, 1.0);
        self.add(features, guess, -1.0);
    }

    /// Adds `delta` to the weight of `class` for every feature (a sequence update, as
    /// beam-search training makes, adds the gold steps and subtracts the predicted ones).
    pub fn add(&mut self, features: &[u64], class: usize, delta: f32) {
        let now = self.instances;
        for f in features {
            let row = self.rows.entry(*f).or_default();
            let p = match row.iter_mut().find(|p| p.class as usize == class) {
                Some(p) => p,
                None => {
                    row.push(Param {
                        class: class as u16,
                        weight: 0.0,
                        total: 0.0,
                        stamp: now,
                    });
                    row.last_mut().expect("just pushed")
                }
            };
            p.total += f64::from(now - p.stamp) * f64::from(p.weight);
            p.stamp = now;
            p.weight += delta;
        }
    }

    /// Averages the weights over all instances and freezes them, keeping only features
    /// seen at least `min_count` times and weights of magnitude at least `min_weight`
    /// (tiny weights barely move a decision but cost as much space as large ones).
    pub fn average(self, min_count: u32, min_weight: f32) -> Weights {
        let now = self.instances.max(1);
        let mut keys: Vec<u64> = self.rows.keys().copied().collect();
        keys.sort_unstable();
        let mut index = FxHashMap::default();
        let mut entries = Vec::new();
        for key in keys {
            if self.counts.get(&key).copied().unwrap_or(0) < min_count {
                continue;
            }
            let row = &self.rows[&key];
            let start = entries.len();
            for p in row {
                let total = p.total + f64::from(now - p.stamp) * f64::from(p.weight);
                let avg = (total / f64::from(now)) as f32;
                if avg.abs() >= min_weight {
                    entries.push((p.class, avg));
                }
            }
            if entries.len() > start {
                index.insert(
                    self::key(key),
                    (start as u32, (entries.len() - start) as u16),
                );
            }
        }
        // One scale for all weights: 16-bit weights halve the memory the lookups touch,
        // and scaling every score by the same positive factor never changes an argmax.
        let max = entries
            .iter()
            .map(|(_, x): &(u16, f32)| x.abs())
            .fold(0.0f32, f32::max)
            .max(1e-9);
        let scale = max / f32::from(i16::MAX);
        let entries = entries
            .into_iter()
            .map(|(c, x)| (c, (x / scale).round() as i16))
            .collect();
        let mut weights = Weights {
            n_classes: self.n_classes,
            scale,
            index,
            entries,
            dense: Vec::new(),
            sparse_of_dense: FxHashMap::default(),
        };
        weights.densify();
        weights
    }
}

/// Frozen, averaged weights.
///
/// Features are looked up by the high 32 bits of their hash: with under a few million
/// features, collisions are negligible, and keys then take 4 bytes. On disk the keys are
/// sorted and delta-encoded and the weights quantized to 16 bits (see [`Packed`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(into = "Packed", try_from = "Packed")]
pub struct Weights {
    n_classes: usize,
    /// Weight units: a stored weight `w` stands for `w * scale`.
    scale: f32,
    /// Feature key → its row: `(start, len)` in `entries`, or `(offset, DENSE)` in `dense`.
    index: FxHashMap<u32, (u32, u16)>,
    entries: Vec<(u16, i16)>,
    /// Rows with weights for many classes, written out in full (`n_classes` weights each):
    /// adding a full row is a straight loop the compiler vectorizes, where a sparse row
    /// scatters its adds, and past a quarter of the classes the full row is barely larger.
    dense: Vec<i16>,
    /// Where the rows now in `dense` are in `entries` (the file keeps every row sparse).
    sparse_of_dense: FxHashMap<u32, (u32, u16)>,
}

/// The `len` of an `index` row that lives in `Weights::dense`.
const DENSE: u16 = u16::MAX;

#[inline]
fn key(feature: u64) -> u32 {
    (feature >> 32) as u32
}

/// The on-disk form of [`Weights`]: sorted key deltas, row lengths, classes and
/// weights quantized to `i16` with one scale. Varint encoding (postcard) then stores most
/// deltas, classes and weights in one or two bytes each.
#[derive(Serialize, Deserialize)]
pub struct Packed {
    n_classes: u32,
    scale: f32,
    key_deltas: Vec<u32>,
    row_lens: Vec<u16>,
    classes: Vec<u16>,
    weights: Vec<i16>,
}

impl From<Weights> for Packed {
    fn from(w: Weights) -> Packed {
        let mut keys: Vec<(u32, (u32, u16))> = w.sparse_rows();
        keys.sort_unstable_by_key(|(k, _)| *k);
        let mut packed = Packed {
            n_classes: w.n_classes as u32,
            scale: w.scale,
            key_deltas: Vec::new(),
            row_lens: Vec::new(),
            classes: Vec::new(),
            weights: Vec::new(),
        };
        let mut prev = 0u32;
        for (k, (start, len)) in keys {
            packed.key_deltas.push(k - prev);
            prev = k;
            packed.row_lens.push(len);
            for &(c, x) in &w.entries[start as usize..start as usize + len as usize] {
                packed.classes.push(c);
                packed.weights.push(x);
            }
        }
        packed
    }
}

impl TryFrom<Packed> for Weights {
    type Error = String;

    fn try_from(p: Packed) -> Result<Weights, String> {
        let total: usize = p.row_lens.iter().map(|l| *l as usize).sum();
        if p.key_deltas.len() != p.row_lens.len()
            || total != p.classes.len()
            || total != p.weights.len()
        {
            return Err("weight table lengths disagree".into());
        }
        if p.classes.iter().any(|c| *c as u32 >= p.n_classes) {
            return Err("weight table names a class beyond the model's classes".into());
        }
        let mut index = FxHashMap::default();
        index.reserve(p.key_deltas.len());
        let mut entries = Vec::with_capacity(p.classes.len());
        let mut k = 0u32;
        let mut at = 0usize;
        for (delta, len) in p.key_deltas.iter().zip(&p.row_lens) {
            k = k.wrapping_add(*delta);
            let start = entries.len() as u32;
            for i in at..at + *len as usize {
                entries.push((p.classes[i], p.weights[i]));
            }
            at += *len as usize;
            index.insert(k, (start, *len));
        }
        let mut weights = Weights {
            n_classes: p.n_classes as usize,
            scale: p.scale,
            index,
            entries,
            dense: Vec::new(),
            sparse_of_dense: FxHashMap::default(),
        };
        weights.densify();
        Ok(weights)
    }
}

impl Weights {
    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Drops weights smaller than `min_weight` in magnitude, and features left without
    /// weights (a smaller, faster model; `gazette train --min-weight` does this too).
    pub fn prune(&mut self, min_weight: f32) {
        let threshold = (min_weight / self.scale).round() as i32;
        let mut rows: Vec<(u32, (u32, u16))> = self.sparse_rows();
        self.index.clear();
        rows.sort_unstable_by_key(|(k, _)| *k);
        let mut entries = Vec::new();
        for (k, (start, len)) in rows {
            let first = entries.len();
            for &(c, w) in &self.entries[start as usize..start as usize + len as usize] {
                if i32::from(w).abs() >= threshold {
                    entries.push((c, w));
                }
            }
            if entries.len() > first {
                self.index
                    .insert(k, (first as u32, (entries.len() - first) as u16));
            }
        }
        self.entries = entries;
        self.dense.clear();
        self.sparse_of_dense.clear();
        self.densify();
    }

    /// Every row as `(key, (start, len))` in `entries`, whatever scoring reads.
    fn sparse_rows(&self) -> Vec<(u32, (u32, u16))> {
        self.index
            .iter()
            .map(|(&k, &row)| match row {
                (_, DENSE) => (k, self.sparse_of_dense[&k]),
                _ => (k, row),
            })
            .collect()
    }

    /// Writes out in full the rows with weights for at least a quarter of the classes.
    fn densify(&mut self) {
        let n = self.n_classes;
        if n >= DENSE as usize || n < 8 {
            return;
        }
        let mut keys: Vec<u32> = self
            .index
            .iter()
            .filter(|(_, (_, len))| *len != DENSE && *len as usize * 4 >= n)
            .map(|(k, _)| *k)
            .collect();
        keys.sort_unstable();
        self.dense.reserve(keys.len() * n);
        for k in keys {
            let (start, len) = self.index[&k];
            let offset = self.dense.len();
            self.dense.resize(offset + n, 0);
            for &(c, w) in &self.entries[start as usize..start as usize + len as usize] {
                self.dense[offset + c as usize] = self.dense[offset + c as usize].saturating_add(w);
            }
            self.sparse_of_dense.insert(k, (start, len));
            self.index.insert(k, (offset as u32, DENSE));
        }
    }

    /// What one unit of [`Weights::score`]'s scores is worth in perceptron updates: to
    /// compare a score with a threshold that does not depend on the quantization.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Number of features kept.
    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Scores of every class for `features` (written into `scores`), in units of the
    /// model's weight scale: fine for an argmax, which is all decoding needs.
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        // Look every feature up first, then add: the lookups are independent cache misses
        // that the processor can overlap, which it cannot while each is followed by adds.
        let mut rows = [(0u32, 0u16); 96];
        for chunk in features.chunks(96) {
            let mut n = 0;
            for f in chunk {
                if let Some(&row) = self.index.get(&key(*f)) {
                    rows[n] = row;
                    n += 1;
                }
            }
            for &(start, len) in &rows[..n] {
                if len == DENSE {
                    let row = &self.dense[start as usize..start as usize + self.n_classes];
                    for (s, &w) in scores.iter_mut().zip(row) {
                        *s += f32::from(w);
                    }
                    continue;
                }
                for &(class, w) in &self.entries[start as usize..start as usize + len as usize] {
                    scores[class as usize] += f32::from(w);
                }
            }
        }
    }
}

/// Index of the highest score among the classes allowed by `valid` (all when `None`).
pub fn argmax(scores: &[f32], valid: Option<&dyn Fn(usize) -> bool>) -> usize {
    let mut best = usize::MAX;
    let mut best_score = f32::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        if valid.is_none_or(|v| v(i)) && (s > best_score || best == usize::MAX) {
            best = i;
            best_score = s;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable() {
        // Model files depend on these values: they must never change.
        assert_eq!(hash_str(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash_str("a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(feat(1, 2, 3, 4), feat(1, 3, 2, 4));
    }

    #[test]
    fn learns_a_separable_problem_and_averages() {
        // Class = which of two features is present.
        let (a, b, shared) = (feat(1, 0, 0, 0), feat(2, 0, 0, 0), feat(10, 0, 0, 0));
        let data = [(vec![a, shared], 0usize), (vec![b, shared], 1usize)];
        let mut t = Trainer::new(2);
        let mut scores = [0.0f32; 2];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut scores);
                let guess = argmax(&scores, None);
                t.tick(f);
                t.update(f, *y, guess);
            }
        }
        let w = t.average(1, 0.0);
        for (f, y) in &data {
            w.score(f, &mut scores);
            assert_eq!(argmax(&scores, None), *y);
        }
        // Pruning by count drops features seen too rarely.
        assert_eq!(t_pruned_features(), 0);
    }

    fn t_pruned_features() -> usize {
        let mut t = Trainer::new(2);
        t.tick(&[7]);
        t.update(&[7], 1, 0);
        t.average(2, 0.0).n_features()
    }

    #[test]
    fn full_and_sparse_rows_score_alike_and_save_alike() {
        // 16 classes: a feature updated for many classes gets a full row, one updated for
        // two keeps a sparse one; scores must be the sums of the rows either way.
        let n = 16;
        let mut t = Trainer::new(n);
        let (wide, narrow) = (feat(1, 0, 0, 0), feat(2, 0, 0, 0));
        t.tick(&[narrow]);
        t.update(&[narrow], 3, 5);
        for class in 1..n {
            t.tick(&[wide]);
            t.update(&[wide], class, 0);
        }
        let w = t.average(1, 0.0);
        assert_eq!(w.dense.len(), n, "one full row");
        let (mut both, mut one, mut other) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        w.score(&[wide, narrow], &mut both);
        w.score(&[wide], &mut one);
        w.score(&[narrow], &mut other);
        for c in 0..n {
            assert_eq!(both[c], one[c] + other[c]);
        }
        assert!(other[3] > 0.0 && other[5] < 0.0);
        // The file keeps every row sparse, and reading it back gives the same scores.
        let bytes = postcard::to_allocvec(&w).unwrap();
        let back: Weights = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(postcard::to_allocvec(&back).unwrap(), bytes);
        let mut again = vec![0.0; n];
        back.score(&[wide, narrow], &mut again);
        assert_eq!(again, both);
        let packed = Packed::from(w.clone());
        assert_eq!(
            packed.row_lens.iter().map(|l| *l as usize).sum::<usize>(),
            packed.classes.len()
        );
    }

    #[test]
    fn argmax_respects_validity() {
        let scores = [3.0, 1.0, 2.0];
        assert_eq!(argmax(&scores, None), 0);
        assert_eq!(argmax(&scores, Some(&|c| c != 0)), 2);
    }
}
