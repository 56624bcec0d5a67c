//! Development aid: where the trafilatura-eval snippets that the extractor gets wrong sit
//! (training pages only): the "without" snippets that leak into the output, or with
//! `FN=1` the "with" snippets it loses, each with its container block's index, the
//! classifier's margin and the block's element and ancestors (or "not in container").
//! `cargo run --release -p gazette-eval --example extraction_fp -- DIR`
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("data dir"));
    let gold = gazette_eval::trafilatura_eval::load_gold(&dir).unwrap();
    let norm = gazette_eval::trafilatura_eval::normalize;
    for entry in gold.values() {
        if gazette_eval::trafilatura_eval::is_held_out(&entry.file) {
            continue;
        }
        let Ok(page) = gazette_ingest::read_path(&entry.path(&dir)) else {
            continue;
        };
        let extracted = gazette_extract::from_html(&page.text, &Default::default()).doc;
        let out = norm(extracted.text());
        let title = norm(extracted.meta.title.as_deref().unwrap_or(""));
        let blocks = gazette_extract::debug_container_margins(&page.text);
        let contexts = gazette_extract::debug_container_contexts(&page.text);
        let missed = std::env::var_os("FN").is_some();
        let snippets = if missed { &entry.with } else { &entry.without };
        for w in snippets {
            let w = norm(w);
            if out.contains(&w) == missed {
                continue;
            }
            let (i, (block, margin)) = match blocks
                .iter()
                .enumerate()
                .find(|(_, (b, _))| norm(b).contains(&w))
            {
                Some(x) => x,
                None => {
                    println!(
                        "{}\t{}\t(not in container{})\t{w}",
                        if missed { "FN" } else { "FP" },
                        entry.file,
                        if title.contains(&w) {
                            ", in the title"
                        } else {
                            ""
                        }
                    );
                    continue;
                }
            };
            println!(
                "{}\t{}\t{i}/{}\t{margin:+.2}\t{}\t{}",
                if missed { "FN" } else { "FP" },
                entry.file,
                blocks.len(),
                contexts[i],
                block.chars().take(150).collect::<String>()
            );
        }
    }
}
