//! A trained two-class averaged perceptron with the facts of its training: the form of
//! gazette's yes/no models (the extractor's block classifier, the quote extractor's
//! content scorer and speaker ranker), which differ only in their features and data.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::file::{ModelError, ModelMeta};
use crate::perceptron::{Trainer, Weights};

/// Class 0 is "no", class 1 is "yes".
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BinaryModel {
    /// How it was trained.
    pub meta: ModelMeta,
    weights: Weights,
}

impl BinaryModel {
    /// Freezes a trainer of two classes (no feature or weight pruning: these models are
    /// small).
    pub fn from_trainer(trainer: Trainer, meta: ModelMeta) -> BinaryModel {
        BinaryModel {
            meta,
            weights: trainer.average(2, 0.0),
        }
    }

    /// Freezes the mean of several trainers of two classes (a bagged model).
    pub fn from_trainers(trainers: Vec<Trainer>, meta: ModelMeta) -> BinaryModel {
        BinaryModel {
            meta,
            weights: Trainer::average_all(trainers, 2, 0.0),
        }
    }

    /// Reads a model from gzip-compressed bytes, checking its format version and that
    /// it has two classes.
    pub fn from_bytes(bytes: &[u8], format: u32) -> Result<BinaryModel, ModelError> {
        let model: BinaryModel = crate::file::decode(bytes).map_err(ModelError::Format)?;
        if model.meta.format != format || model.weights.n_classes() != 2 {
            return Err(ModelError::Format(format!(
                "format {} with {} classes (expected {format} with 2)",
                model.meta.format,
                model.weights.n_classes()
            )));
        }
        Ok(model)
    }

    /// Writes the model, gzip-compressed.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        Ok(crate::file::save(self, path)?)
    }

    /// How much more "yes" than "no" the features say, in perceptron updates.
    pub fn margin(&self, features: &[u64]) -> f32 {
        let mut s = [0f32; 2];
        self.weights.score(features, &mut s);
        (s[1] - s[0]) * self.weights.scale()
    }
}
