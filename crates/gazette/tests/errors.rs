//! Bad inputs: each is named on stderr, the others are still processed, the exit code says so.

use crate::util::{gazette, json_stream, seed, succeeded};

#[test]
fn missing_file_is_named_and_the_rest_is_processed() {
    let out = gazette()
        .args(["analyze", "--format", "json", "no/such/article.txt"])
        .arg(seed())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("gazette: no/such/article.txt: no such file"),
        "{stderr}"
    );
    assert!(stderr.contains("1 input(s) failed"), "{stderr}");
    assert_eq!(
        json_stream(&out.stdout).len(),
        1,
        "the good file was not processed"
    );
}

#[test]
fn binary_empty_and_corrupt_inputs_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("photo.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let gz = dir.path().join("broken.html.gz");
    std::fs::write(&gz, b"\x1f\x8b\x08\x00garbage").unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Title\n\nBody text of the article.\n").unwrap();

    let out = gazette()
        .args(["analyze", "--format", "jsonl"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("photo.png: binary data (PNG image), not an article"),
        "{stderr}"
    );
    assert!(stderr.contains("empty.txt: empty input"), "{stderr}");
    assert!(
        stderr.contains("broken.html.gz: corrupt gzip data"),
        "{stderr}"
    );
    assert!(stderr.contains("3 input(s) failed"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.contains("Body text of the article."));
}

#[test]
fn legacy_encodings_are_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    // windows-1252: curly quotes and accents, as old newsroom systems write them.
    std::fs::write(
        &path,
        b"Caf\xe9 owners protest\n\n\x93We cannot pay,\x94 said Ren\xe9 Baumann in Z\xfcrich.\n",
    )
    .unwrap();
    let out = succeeded(
        gazette()
            .args(["analyze", "--format", "jsonl"])
            .arg(&path)
            .output()
            .unwrap(),
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["title"], "Café owners protest");
    assert_eq!(doc["text"], "“We cannot pay,” said René Baumann in Zürich.");
}

#[test]
fn bad_flags_are_usage_errors() {
    let out = gazette()
        .args(["analyze", "--published", "21/11/2017"])
        .arg(seed())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("--published: invalid publication date \"21/11/2017\"")
    );
    let out = gazette()
        .args(["analyze", "--format", "xml"])
        .arg(seed())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = gazette().args(["bench", "nonsense"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains(
        "unknown bench task \"nonsense\" (known: extraction, syntax, timex, ner, quotes)"
    ));
}
