//! AEB F1 of the extractor with and without its learned block classifier (for the
//! model card). `cargo run --release -p gazette-eval --example aeb_rules_only -- DIR`
use std::collections::BTreeMap;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("AEB dir"));
    let gold = gazette_eval::aeb::load_gold(&dir).unwrap();
    for heuristics_only in [true, false] {
        let opts = gazette_extract::Options {
            heuristics_only,
            ..Default::default()
        };
        let mut pred = BTreeMap::new();
        for id in gold.keys() {
            let text = gazette_ingest::read_path(&gazette_eval::aeb::page_path(&dir, id))
                .map(|p| {
                    gazette_extract::from_html(&p.text, &opts)
                        .doc
                        .text()
                        .to_string()
                })
                .unwrap_or_default();
            pred.insert(id.clone(), text);
        }
        let s = gazette_eval::aeb::score(&gold, &pred);
        println!("heuristics_only={heuristics_only}: F1 {:.4}", s.f1);
    }
}
