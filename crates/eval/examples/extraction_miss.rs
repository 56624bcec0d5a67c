//! Development aid: for each "with" snippet of trafilatura-eval that the extractor
//! misses, says at which stage it was lost: not in any text block of the page (parsing
//! or skipped element), outside the chosen container, or dropped inside it (classifier,
//! furniture, edges). With `CV_TEXTS=path` (a dump written by `extraction_cv` with
//! `CV_DUMP`), judges the cross-validated texts of the training pages instead, and also
//! counts the leaked "without" snippets by stage.
//! `cargo run --release -p gazette-eval --example extraction_miss -- DIR`
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("data dir"));
    let gold = gazette_eval::trafilatura_eval::load_gold(&dir).unwrap();
    let norm = gazette_eval::trafilatura_eval::normalize;
    let mut counts = std::collections::BTreeMap::new();
    let cv: Option<serde_json::Map<String, serde_json::Value>> = std::env::var_os("CV_TEXTS")
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap());
    for entry in gold.values() {
        let Ok(page) = gazette_ingest::read_path(&entry.path(&dir)) else {
            continue;
        };
        let out = match &cv {
            Some(texts) => match texts.get(&entry.file).and_then(|t| t.as_str()) {
                Some(t) => norm(t),
                None => continue,
            },
            None => norm(
                gazette_extract::from_html(&page.text, &Default::default())
                    .doc
                    .text(),
            ),
        };
        let all = norm(&gazette_extract::debug_all_blocks(&page.text));
        let cands = norm(&gazette_extract::debug_container_blocks(&page.text));
        if cv.is_some() {
            for w in &entry.without {
                let w = norm(w);
                if !out.contains(&w) {
                    continue;
                }
                let stage = if cands.contains(&w) {
                    "leaked: in container"
                } else {
                    "leaked: outside container"
                };
                *counts.entry(stage).or_insert(0) += 1;
                println!(
                    "{stage}\t{}\t{}",
                    entry.file,
                    w.chars().take(80).collect::<String>()
                );
            }
        }
        for w in &entry.with {
            let w = norm(w);
            if out.contains(&w) {
                continue;
            }
            let stage = if !all.contains(&w) {
                "not in any block"
            } else if !cands.contains(&w) {
                "outside container"
            } else {
                "dropped in container"
            };
            *counts.entry(stage).or_insert(0) += 1;
            let why = if stage == "not in any block" {
                let needle: String = w.chars().take(25).collect();
                gazette_extract::debug_skipped_ancestor(&page.text, needle.trim())
            } else {
                String::new()
            };
            println!(
                "{stage}\t{}\t{}\t{why}",
                entry.file,
                w.chars().take(80).collect::<String>()
            );
        }
    }
    eprintln!("{counts:?}");
}
