//! Helpers shared by the CLI tests.

use std::path::PathBuf;
use std::sync::OnceLock;

use assert_cmd::Command;
use serde_json::Value;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root exists")
}

/// `../shared` beside the checkout. Tests that need it fail loudly without it: CI has it.
pub fn shared() -> PathBuf {
    let dir = repo().join("../shared");
    assert!(
        dir.is_dir(),
        "{} is missing: the benchmark data must sit beside the checkout",
        dir.display()
    );
    dir
}

/// The seed article: a real spun copy of a 2017 wire story.
pub fn seed() -> PathBuf {
    shared().join("seed/000_ea48ef49ecb486fd.txt")
}

/// A `gazette` command run from the repository root.
pub fn gazette() -> Command {
    let mut cmd = Command::cargo_bin("gazette").expect("gazette binary is built");
    cmd.current_dir(repo());
    cmd
}

/// A finished command's output, after checking that it succeeded (its stderr is the
/// failure message).
pub fn succeeded(out: std::process::Output) -> std::process::Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Validates a Doc JSON against docs/doc.schema.json and checks every span's text
/// against the offsets; panics with the reasons.
pub fn check_doc(doc: &Value) {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    let validator = VALIDATOR.get_or_init(|| {
        let raw =
            std::fs::read_to_string(repo().join("docs/doc.schema.json")).expect("schema file");
        let schema: Value = serde_json::from_str(&raw).expect("schema is JSON");
        jsonschema::validator_for(&schema).expect("schema compiles")
    });
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "Doc does not match docs/doc.schema.json:\n{}",
        errors.join("\n")
    );

    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    let slice = |v: &Value| -> String {
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert!(
            s < e && e <= text.len(),
            "span {s}..{e} outside text of {} chars",
            text.len()
        );
        text[s..e].iter().collect()
    };
    for layer in ["sentences", "tokens"] {
        for v in doc[layer].as_array().unwrap() {
            let s = slice(v);
            assert_eq!(
                s.trim(),
                s,
                "{layer} span has surrounding whitespace: {s:?}"
            );
        }
    }
    for layer in ["entities", "timexes", "quotes", "events"] {
        for v in doc[layer].as_array().unwrap() {
            assert_eq!(
                slice(v),
                v["text"].as_str().unwrap(),
                "{layer} text differs from its offsets"
            );
        }
    }
}

/// Parses stdout holding one or more pretty JSON objects (a jq-style stream).
pub fn json_stream(stdout: &[u8]) -> Vec<Value> {
    serde_json::Deserializer::from_slice(stdout)
        .into_iter::<Value>()
        .map(|v| v.expect("valid JSON"))
        .collect()
}
