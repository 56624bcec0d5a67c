/*!
Learning primitives shared by gazette's trained components (tagger, parser, entity
recognizer): stable feature hashing ([`perceptron::hash_str`], [`perceptron::feat`]),
the averaged perceptron ([`perceptron::Trainer`]) and its compact frozen form
([`perceptron::Weights`]), the model file format ([`file`]), hashed views of a word ([`words::WordInfo`]), and a seeded
random generator for reproducible training ([`Rng`]).
*/
#![deny(missing_docs)]

pub mod binary;
pub mod clusters;
pub mod file;
pub mod perceptron;
pub mod words;

/// A small deterministic random generator (xorshift64*) for shuffling training data,
/// so that training is reproducible from its seed.
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Shuffles `v` in place.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
