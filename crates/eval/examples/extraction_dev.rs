//! Development aid for main-text extraction on the trafilatura evaluation set (the
//! development set of the ingest issue; AEB is kept for testing): prints each page's
//! missed "with" snippets (FN) and leaked "without" snippets (FP). A missed snippet is
//! marked `dropped` when the page's blocks hold it (the selection left it out) and
//! `hidden` when they do not (a skipped element or the parse lost it).
//! `cargo run --release -p gazette-eval --example extraction_dev -- ../shared/data/extraction/trafilatura-eval`
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("data dir"));
    let gold = gazette_eval::trafilatura_eval::load_gold(&dir).unwrap();
    let norm = gazette_eval::trafilatura_eval::normalize;
    for entry in gold.values() {
        let Ok(page) = gazette_ingest::read_path(&entry.path(&dir)) else {
            continue;
        };
        let text = norm(
            gazette_extract::from_html(&page.text, &Default::default())
                .doc
                .text(),
        );
        let blocks = norm(&gazette_extract::debug_all_blocks(&page.text));
        for w in &entry.with {
            if !text.contains(&norm(w)) {
                let why = if blocks.contains(&norm(w)) {
                    "dropped"
                } else {
                    "hidden"
                };
                println!("FN\t{why}\t{}\t{}", entry.file, norm(w));
            }
        }
        for w in &entry.without {
            if text.contains(&norm(w)) {
                println!("FP\t{}\t{}", entry.file, norm(w));
            }
        }
    }
}
