//! The on-disk form shared by gazette's trained models: postcard-serialized, then gzip.

use std::io::{Read, Write};
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Facts about a trained model, stored in it and written beside it as meta.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelMeta {
    /// Format version of the model file.
    pub format: u32,
    /// Training data.
    pub trained_on: String,
    /// Terms of the training data.
    pub license: String,
    /// Training settings.
    pub settings: String,
    /// Development-set scores at the end of training.
    pub dev_scores: Vec<(String, f64)>,
}

/// Why a model could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// I/O.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Not a gazette model of the expected kind and format.
    #[error("not a gazette model of this kind: {0}")]
    Format(String),
}

/// Decodes a model from gzip-compressed postcard bytes; the error says what is wrong.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut raw)
        .map_err(|e| format!("not gzip data: {e}"))?;
    postcard::from_bytes(&raw).map_err(|e| e.to_string())
}

/// A model compiled into the binary, decoded on first use and kept for the process;
/// `None` while its file is empty (a repository being bootstrapped before its first
/// training). A bundled model that does not decode is a build error, hence the panic.
pub fn bundled<T>(
    cell: &'static std::sync::OnceLock<Option<T>>,
    bytes: &'static [u8],
    decode: fn(&[u8]) -> Result<T, ModelError>,
) -> Option<&'static T> {
    cell.get_or_init(|| {
        (!bytes.is_empty())
            .then(|| decode(bytes).unwrap_or_else(|e| panic!("a bundled model does not load: {e}")))
    })
    .as_ref()
}

/// Writes a model as gzip-compressed postcard.
pub fn save<T: Serialize>(value: &T, path: &Path) -> std::io::Result<()> {
    let raw = postcard::to_stdvec(value).map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut gz =
        flate2::write::GzEncoder::new(std::fs::File::create(path)?, flate2::Compression::best());
    gz.write_all(&raw)?;
    gz.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn roundtrip_and_errors() {
        let path = std::env::temp_dir().join(format!("gazette-learn-file-{}", std::process::id()));
        super::save(&(7u32, "seven".to_string()), &path).unwrap();
        let back: (u32, String) = super::decode(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(back, (7, "seven".to_string()));
        std::fs::remove_file(&path).unwrap();
        assert!(
            super::decode::<u32>(b"plain")
                .unwrap_err()
                .starts_with("not gzip data")
        );
    }
}
