//! trafilatura-eval snippet scores of the extractor with and without its learned block
//! classifier, on all pages and on the held-out quarter (for the model card).
//! `cargo run --release -p gazette-eval --example traf_rules_only -- DIR`
use gazette_eval::trafilatura_eval::{self, Counts};

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("data dir"));
    let gold = trafilatura_eval::load_gold(&dir).unwrap();
    for heuristics_only in [true, false] {
        let opts = gazette_extract::Options {
            heuristics_only,
            ..Default::default()
        };
        let (mut all, mut held) = (Counts::default(), Counts::default());
        for e in gold.values() {
            let text = gazette_ingest::read_path(&dir.join("html").join(format!("{}.gz", e.file)))
                .map(|p| {
                    gazette_extract::from_html(&p.text, &opts)
                        .doc
                        .text()
                        .to_string()
                })
                .unwrap_or_default();
            let out = (!text.is_empty()).then_some(text.as_str());
            all.add(e, out);
            if trafilatura_eval::is_held_out(&e.file) {
                held.add(e, out);
            }
        }
        let f1 = |c: Counts| 2.0 * c.tp as f64 / (2 * c.tp + c.fp + c.fn_) as f64;
        println!(
            "heuristics_only={heuristics_only}: all {:.4}, held-out {:.4}",
            f1(all),
            f1(held)
        );
    }
}
