//! The extractor with and without its learned block classifier, for the model card: AEB
//! F1, and trafilatura-eval snippet F1 on all pages and on the held-out quarter.
//! `cargo run --release -p gazette-eval --example rules_only -- ../shared/data`
use std::collections::BTreeMap;
use std::path::PathBuf;

use gazette_eval::{aeb, trafilatura_eval};

fn text(path: &std::path::Path, opts: &gazette_extract::Options) -> String {
    gazette_ingest::read_path(path)
        .map(|p| {
            gazette_extract::from_html(&p.text, opts)
                .doc
                .text()
                .to_string()
        })
        .unwrap_or_default()
}

fn main() {
    let data = PathBuf::from(std::env::args().nth(1).expect("data dir"));
    let (aeb_dir, traf_dir) = (data.join(aeb::DIR), data.join(trafilatura_eval::DIR));
    let aeb_gold = aeb::load_gold(&aeb_dir).unwrap();
    let traf_gold = trafilatura_eval::load_gold(&traf_dir).unwrap();
    for heuristics_only in [true, false] {
        let opts = gazette_extract::Options {
            heuristics_only,
            ..Default::default()
        };
        let pred: BTreeMap<String, String> = aeb_gold
            .keys()
            .map(|id| (id.clone(), text(&aeb::page_path(&aeb_dir, id), &opts)))
            .collect();
        let mut all = trafilatura_eval::Counts::default();
        let mut held = trafilatura_eval::Counts::default();
        for e in traf_gold.values() {
            let t = text(&e.path(&traf_dir), &opts);
            let out = (!t.is_empty()).then_some(t.as_str());
            all.add(e, out);
            if trafilatura_eval::is_held_out(&e.file) {
                held.add(e, out);
            }
        }
        println!(
            "heuristics_only={heuristics_only}: AEB {:.4}; trafilatura-eval all {:.4}, held-out {:.4}",
            aeb::score(&aeb_gold, &pred).f1,
            all.f1(),
            held.f1()
        );
    }
}
