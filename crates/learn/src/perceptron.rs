//! Averaged perceptron over hashed features.
//!
//! Features are 64-bit hashes built by [`feat`] from a template number and hashed
//! parts; no strings are built at run time. Training keeps, per feature, a short sparse
//! row of `(class, weight, total, last update)` (updates touch two classes at a time, so
//! rows stay short); averaging follows the usual lazy-update trick. The trained model
//! is frozen into [`Weights`]: a table from feature to a slice of `(class, weight)`, laid out
//! for scoring with the cache misses overlapped.
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

/// Trains a bag of `bag` perceptrons of `classes` classes on `data`, the first from seed
/// `seed`, the next from `seed + 1`, and so on: each pass of `epochs` visits `data` in an
/// order shuffled anew by that member's generator, starting from the order the member
/// before left (so a run is reproducible from its seed). `step` learns from one item and
/// says whether the trainer got it right; `epoch_done(seed, epoch, right)` is told after
/// each pass (epochs count from 1).
pub fn train_bag<T>(
    data: &mut [T],
    classes: usize,
    epochs: usize,
    seed: u64,
    bag: u64,
    mut step: impl FnMut(&mut Trainer, &T) -> bool,
    mut epoch_done: impl FnMut(u64, usize, usize),
) -> Vec<Trainer> {
    (seed..seed + bag.max(1))
        .map(|seed| {
            let mut trainer = Trainer::new(classes);
            let mut rng = crate::Rng::new(seed);
            for epoch in 1..=epochs {
                rng.shuffle(data);
                let right = data.iter().filter(|item| step(&mut trainer, item)).count();
                epoch_done(seed, epoch, right);
            }
            trainer
        })
        .collect()
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
        let mut rows = Vec::new();
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
                rows.push((self::key(key), start as u32, (entries.len() - start) as u16));
            }
        }
        quantized(self.n_classes, &rows, entries)
    }

    /// The mean of several trainers' averaged weights (the same task trained in different
    /// orders: a bagged model, steadier than any one of them), frozen as [`Trainer::average`]
    /// does; a feature's count is its count over all of them.
    pub fn average_all(mut trainers: Vec<Trainer>, min_count: u32, min_weight: f32) -> Weights {
        if trainers.len() == 1 {
            return trainers.remove(0).average(min_count, min_weight);
        }
        let n_classes = trainers.first().map_or(0, |t| t.n_classes);
        let share = 1.0 / trainers.len().max(1) as f64;
        let mut sums: FxHashMap<u64, Vec<f64>> = FxHashMap::default();
        let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
        for t in &trainers {
            let now = t.instances.max(1);
            for (&key, row) in &t.rows {
                let sum = sums.entry(key).or_insert_with(|| vec![0.0; n_classes]);
                for p in row {
                    let total = p.total + f64::from(now - p.stamp) * f64::from(p.weight);
                    sum[p.class as usize] += total / f64::from(now) * share;
                }
            }
            for (&key, &c) in &t.counts {
                *counts.entry(key).or_default() += c;
            }
        }
        let mut keys: Vec<u64> = sums.keys().copied().collect();
        keys.sort_unstable();
        let mut rows = Vec::new();
        let mut entries = Vec::new();
        for key in keys {
            if counts.get(&key).copied().unwrap_or(0) < min_count {
                continue;
            }
            let start = entries.len();
            for (class, &avg) in sums[&key].iter().enumerate() {
                let avg = avg as f32;
                if avg != 0.0 && avg.abs() >= min_weight {
                    entries.push((class as u16, avg));
                }
            }
            if entries.len() > start {
                rows.push((self::key(key), start as u32, (entries.len() - start) as u16));
            }
        }
        quantized(n_classes, &rows, entries)
    }
}

/// Freezes averaged weights (rows of `(class, weight)` in `entries`) in 16 bits.
fn quantized(n_classes: usize, rows: &[(u32, u32, u16)], entries: Vec<(u16, f32)>) -> Weights {
    // One scale for all weights: 16-bit weights halve the memory the lookups touch, and
    // scaling every score by the same positive factor never changes an argmax.
    let max = entries
        .iter()
        .map(|(_, x)| x.abs())
        .fold(0.0f32, f32::max)
        .max(1e-9);
    let scale = max / f32::from(i16::MAX);
    let entries: Vec<(u16, i16)> = entries
        .into_iter()
        .map(|(c, x)| (c, (x / scale).round() as i16))
        .collect();
    Weights::freeze(n_classes, scale, rows, &entries)
}

/// Frozen, averaged weights.
///
/// Features are looked up by the high 32 bits of their hash: with under a few million
/// features, collisions are negligible, and keys then take 4 bytes. On disk the keys are
/// sorted and delta-encoded and the weights quantized to 16 bits (see [`Packed`]).
///
/// Scoring is bound by memory latency: a model's tables are tens of megabytes, read at
/// random, and each feature costs a lookup and a row. So the lookup table is laid out for
/// it ([`RowTable`]), and [`Weights::score`] looks up all of a state's features before it
/// adds any row, prefetching as it goes, so that the cache misses overlap.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(into = "Packed", try_from = "Packed")]
pub struct Weights {
    n_classes: usize,
    /// Weight units: a stored weight `w` stands for `w * scale`.
    scale: f32,
    /// Every row as `(class, weight)` pairs, after a header `(len, 0)`; position 0 holds
    /// an unused header, so that a row's position is never 0 (see [`RowTable`]).
    entries: Vec<(u16, i16)>,
    /// Rows with weights for many classes, written out in full (`n_classes` weights each):
    /// adding a full row is a straight loop the compiler vectorizes, where a sparse row
    /// scatters its adds, and past a quarter of the classes the full row is barely larger.
    dense: Vec<i16>,
    /// For the full row number `r`, the position of the same row in `entries` (the file
    /// keeps every row sparse).
    sparse_of_dense: Vec<u32>,
    table: RowTable,
}

/// The bit of a [`RowTable`] payload that marks a full row: the rest is its number in
/// `Weights::dense`, else the payload is the row's header position in `Weights::entries`.
const DENSE_ROW: u32 = 1 << 31;

/// Key → row payload, open addressing with linear probing, each slot one `u64` (key in
/// the high half, payload in the low half; 0 is an empty slot, which no row can be as
/// payloads are never 0). Hand-written rather than a hash map from a crate because
/// scoring needs the slot's address before probing, to prefetch it (no map's API gives
/// it), and because key and payload in one slot cost one cache miss where a map with
/// separate control bytes costs two. Kept at most half full, so that a missing key, the
/// commonest lookup, usually ends at the first slot's cache line.
#[derive(Debug, Clone, Default)]
struct RowTable {
    slots: Vec<u64>,
    shift: u32,
    len: usize,
}

impl RowTable {
    fn with_rows(rows: usize) -> RowTable {
        let bits = (rows.max(4) * 2).next_power_of_two().trailing_zeros();
        RowTable {
            slots: vec![0; 1 << bits],
            shift: 64 - bits,
            len: 0,
        }
    }

    /// The key's home slot (Fibonacci hashing: the keys are hash bits already, but the
    /// multiply spreads any structure left in them).
    #[inline]
    fn home(&self, key: u32) -> usize {
        (u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Sets the payload of `key` (replacing an earlier one, as a map insert would).
    fn insert(&mut self, key: u32, payload: u32) {
        debug_assert!(payload != 0);
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                self.len += 1;
                break;
            }
            if (slot >> 32) as u32 == key {
                break;
            }
            at = (at + 1) & mask;
        }
        self.slots[at] = u64::from(key) << 32 | u64::from(payload);
    }

    /// The payload of `key`, probing from slot `at` (its home).
    #[inline]
    fn find_from(&self, key: u32, mut at: usize) -> Option<u32> {
        let mask = self.slots.len() - 1;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return None;
            }
            if (slot >> 32) as u32 == key {
                return Some(slot as u32);
            }
            at = (at + 1) & mask;
        }
    }

    fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.slots
            .iter()
            .filter(|s| **s != 0)
            .map(|s| ((s >> 32) as u32, *s as u32))
    }
}

/// Asks the processor to bring the cache line holding `p` closer: a hint, which never
/// faults and changes no result.
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: PREFETCHT0 does not access memory architecturally: any address is allowed,
    // and SSE, which it needs, is part of the x86_64 baseline. It is `unsafe` only because
    // it is a `#[target_feature]` function.
    #[allow(unsafe_code)]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

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
        let mut packed = Packed {
            n_classes: w.n_classes as u32,
            scale: w.scale,
            key_deltas: Vec::new(),
            row_lens: Vec::new(),
            classes: Vec::new(),
            weights: Vec::new(),
        };
        let mut prev = 0u32;
        for (k, row) in w.sorted_rows() {
            packed.key_deltas.push(k - prev);
            prev = k;
            packed.row_lens.push(row.len() as u16);
            for &(c, x) in row {
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
        let mut rows = Vec::with_capacity(p.key_deltas.len());
        let mut k = 0u32;
        let mut at = 0usize;
        for (delta, len) in p.key_deltas.iter().zip(&p.row_lens) {
            k = k.wrapping_add(*delta);
            rows.push((k, at as u32, *len));
            at += *len as usize;
        }
        let entries: Vec<(u16, i16)> = p.classes.into_iter().zip(p.weights).collect();
        Ok(Weights::freeze(
            p.n_classes as usize,
            p.scale,
            &rows,
            &entries,
        ))
    }
}

impl Weights {
    /// Lays out rows given as `(key, start, len)` in `entries` for scoring: a later row
    /// of the same key replaces an earlier one, as map inserts would.
    fn freeze(
        n_classes: usize,
        scale: f32,
        rows: &[(u32, u32, u16)],
        entries: &[(u16, i16)],
    ) -> Weights {
        // Rows read from a file come in strictly increasing key order, one per key.
        let order: Vec<usize> = if rows.windows(2).all(|w| w[0].0 < w[1].0) {
            (0..rows.len()).collect()
        } else {
            let mut latest: FxHashMap<u32, usize> = FxHashMap::default();
            latest.reserve(rows.len());
            for (i, (k, _, _)) in rows.iter().enumerate() {
                latest.insert(*k, i);
            }
            let mut order: Vec<usize> = latest.into_values().collect();
            order.sort_unstable_by_key(|i| rows[*i].0);
            order
        };
        let full = |len: u16| n_classes >= 8 && len as usize * 4 >= n_classes;
        let mut w = Weights {
            n_classes,
            scale,
            entries: Vec::with_capacity(1 + order.len() + entries.len()),
            dense: Vec::new(),
            sparse_of_dense: Vec::new(),
            table: RowTable::with_rows(order.len()),
        };
        w.entries.push((0, 0));
        for i in order {
            let (k, start, len) = rows[i];
            let row = &entries[start as usize..start as usize + len as usize];
            let header = w.entries.len() as u32;
            w.entries.push((len, 0));
            w.entries.extend_from_slice(row);
            if full(len) {
                let offset = w.dense.len();
                w.dense.resize(offset + n_classes, 0);
                for &(c, x) in row {
                    let slot = &mut w.dense[offset + c as usize];
                    *slot = slot.saturating_add(x);
                }
                w.table
                    .insert(k, DENSE_ROW | w.sparse_of_dense.len() as u32);
                w.sparse_of_dense.push(header);
            } else {
                w.table.insert(k, header);
            }
        }
        w
    }

    /// The sparse row a table payload stands for.
    fn sparse_row(&self, payload: u32) -> &[(u16, i16)] {
        let header = if payload & DENSE_ROW != 0 {
            self.sparse_of_dense[(payload & !DENSE_ROW) as usize]
        } else {
            payload
        } as usize;
        let len = self.entries[header].0 as usize;
        &self.entries[header + 1..header + 1 + len]
    }

    /// Every row by key, in key order.
    fn sorted_rows(&self) -> Vec<(u32, &[(u16, i16)])> {
        let mut rows: Vec<(u32, &[(u16, i16)])> = self
            .table
            .iter()
            .map(|(k, payload)| (k, self.sparse_row(payload)))
            .collect();
        rows.sort_unstable_by_key(|(k, _)| *k);
        rows
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Drops weights smaller than `min_weight` in magnitude, and features left without
    /// weights (a smaller, faster model; `gazette train --min-weight` does this too).
    pub fn prune(&mut self, min_weight: f32) {
        let threshold = (min_weight / self.scale).round() as i32;
        let mut rows = Vec::new();
        let mut entries = Vec::new();
        for (k, row) in self.sorted_rows() {
            let first = entries.len();
            entries.extend(row.iter().filter(|(_, w)| i32::from(*w).abs() >= threshold));
            if entries.len() > first {
                rows.push((k, first as u32, (entries.len() - first) as u16));
            }
        }
        *self = Weights::freeze(self.n_classes, self.scale, &rows, &entries);
    }

    /// What one unit of [`Weights::score`]'s scores is worth in perceptron updates: to
    /// compare a score with a threshold that does not depend on the quantization.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Number of features kept.
    pub fn n_features(&self) -> usize {
        self.table.len
    }

    /// Scores of every class for `features` (written into `scores`), in units of the
    /// model's weight scale: fine for an argmax, which is all decoding needs.
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        // Three passes, so that the cache misses of each overlap: prefetch every
        // feature's home slot, then probe the slots and prefetch the rows found, then add
        // the rows.
        const CHUNK: usize = 96;
        let mut homes = [0usize; CHUNK];
        let mut rows = [0u32; CHUNK];
        for chunk in features.chunks(CHUNK) {
            for (home, f) in homes.iter_mut().zip(chunk) {
                *home = self.table.home(key(*f));
                prefetch(self.table.slots.as_ptr().wrapping_add(*home));
            }
            let mut n = 0;
            for (home, f) in homes.iter().zip(chunk) {
                if let Some(payload) = self.table.find_from(key(*f), *home) {
                    rows[n] = payload;
                    n += 1;
                    if payload & DENSE_ROW != 0 {
                        let offset = (payload & !DENSE_ROW) as usize * self.n_classes;
                        prefetch(self.dense.as_ptr().wrapping_add(offset));
                    } else {
                        prefetch(self.entries.as_ptr().wrapping_add(payload as usize));
                    }
                }
            }
            for &payload in &rows[..n] {
                if payload & DENSE_ROW != 0 {
                    let offset = (payload & !DENSE_ROW) as usize * self.n_classes;
                    let row = &self.dense[offset..offset + self.n_classes];
                    for (s, &w) in scores.iter_mut().zip(row) {
                        *s += f32::from(w);
                    }
                    continue;
                }
                let header = payload as usize;
                let len = self.entries[header].0 as usize;
                for &(class, w) in &self.entries[header + 1..header + 1 + len] {
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

    #[test]
    fn a_bag_averages_its_trainers() {
        // Feature f: opposite weights in the two trainers (mean zero, dropped); g: only in
        // the first (half its weight); h: the same weight in both (all of it).
        let (f, g, h) = (feat(1, 0, 0, 0), feat(2, 0, 0, 0), feat(3, 0, 0, 0));
        let trained = |updates: &[(u64, usize)]| {
            let mut t = Trainer::new(2);
            for &(x, truth) in updates {
                t.tick(&[x]);
                t.update(&[x], truth, 1 - truth);
            }
            // One more instance, so that the average holds the updates.
            t.tick(&[f]);
            t
        };
        let first = trained(&[(f, 1), (g, 1), (h, 1)]);
        let second = trained(&[(f, 0), (h, 1), (h, 1)]);
        let bag = Trainer::average_all(vec![first, second], 1, 0.0);
        let margin = |x: u64| {
            let mut s = [0f32; 2];
            bag.score(&[x], &mut s);
            s[1] - s[0]
        };
        assert_eq!(bag.n_features(), 2);
        assert_eq!(margin(f), 0.0);
        assert!(
            margin(g) > 0.0 && margin(h) > margin(g),
            "{} {}",
            margin(g),
            margin(h)
        );
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
        assert_eq!(w.n_features(), 2);
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
    fn the_row_table_finds_every_key_and_only_those() {
        // A small table (8 slots) with more keys than homes: probes collide and wrap.
        let mut t = RowTable::with_rows(4);
        assert_eq!(t.slots.len(), 8);
        let keys = [0u32, 1, 7, 0xffff_ffff, 12345];
        for (i, k) in keys.iter().enumerate() {
            t.insert(*k, i as u32 + 1);
        }
        t.insert(7, 99); // a later row of the same key replaces the earlier one
        assert_eq!(t.len, keys.len());
        for (i, k) in keys.iter().enumerate() {
            let want = if *k == 7 { 99 } else { i as u32 + 1 };
            assert_eq!(t.find_from(*k, t.home(*k)), Some(want), "key {k}");
        }
        for k in [2u32, 8, 0xffff_fffe, 54321] {
            assert_eq!(t.find_from(k, t.home(k)), None, "key {k}");
        }
        // Frozen weights follow the same rule for two rows of one key.
        let rows = [(5u32, 0u32, 1u16), (5, 1, 1)];
        let w = Weights::freeze(2, 1.0, &rows, &[(0, 3), (1, 4)]);
        let mut scores = [0.0f32; 2];
        w.score(&[5u64 << 32], &mut scores);
        assert_eq!(scores, [0.0, 4.0]);
        assert_eq!(w.n_features(), 1);
    }

    #[test]
    fn argmax_respects_validity() {
        let scores = [3.0, 1.0, 2.0];
        assert_eq!(argmax(&scores, None), 0);
        assert_eq!(argmax(&scores, Some(&|c| c != 0)), 2);
    }
}
