//! Development aid: four-fold cross-validation of the extractor (rules + block classifier)
//! on the training part of trafilatura-eval (the held-out quarter is never read), so that
//! changes to the rules or the classifier's features can be judged without the held-out
//! pages. Prints each fold's snippet F1, the pooled P/R/F1 and the rules alone.
//! `cargo run --release -p gazette-eval --example extraction_cv -- ../shared/data/extraction/trafilatura-eval`
use gazette_eval::trafilatura_eval::{self, Counts, Entry};
use gazette_extract::classify::{self, LabeledPage};
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("data dir"));
    let gold = trafilatura_eval::load_gold(&dir).unwrap();
    let mut pages: Vec<(Entry, LabeledPage)> = Vec::new();
    for entry in gold.values() {
        // CV_ALL=1: every page, the held-out quarter too (for the final figure only).
        if trafilatura_eval::is_held_out(&entry.file) && std::env::var_os("CV_ALL").is_none() {
            continue;
        }
        let Ok(page) = gazette_ingest::read_path(&entry.path(&dir)) else {
            continue;
        };
        pages.push((
            entry.clone(),
            trafilatura_eval::labeled_page(entry, page.text),
        ));
    }
    // A fold assignment independent of the held-out split (which uses the hash mod 4).
    let fold = |name: &str| (gazette_learn::perceptron::hash_str(name) / 4 % 4) as usize;
    let seeds: u64 = std::env::var("CV_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let epochs: usize = std::env::var("CV_EPOCHS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    // CV_BAG: models per classifier (as shipped by default); each seed's bag is its own.
    let bag: u64 = std::env::var("CV_BAG")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(trafilatura_eval::TRAIN_BAG);
    let (mut all, mut rules) = (Counts::default(), Counts::default());
    // CV_DUMP=path: each page's cross-validated text (first seed) as JSON, file → text.
    let mut dump = serde_json::Map::new();
    for (seed, k) in (1..=seeds).flat_map(|s| (0..4).map(move |k| (s, k))) {
        let train = pages
            .iter()
            .filter(|(e, _)| fold(&e.file) != k)
            .map(|(_, p)| p);
        let meta = gazette_learn::file::ModelMeta {
            format: classify::MODEL_FORMAT,
            trained_on: String::new(),
            license: String::new(),
            settings: String::new(),
            dev_scores: Vec::new(),
        };
        let model = classify::train(train, epochs, (seed - 1) * bag + 1, bag, meta);
        let mut c = Counts::default();
        for (entry, page) in pages.iter().filter(|(e, _)| fold(&e.file) == k) {
            for (m, counts) in [(Some(&model), &mut c), (None, &mut rules)] {
                let text = gazette_extract::from_html_with(&page.html, &Default::default(), m)
                    .doc
                    .text()
                    .to_string();
                counts.add(entry, (!text.is_empty()).then_some(text.as_str()));
                if m.is_some() && seed == 1 {
                    dump.insert(entry.file.clone(), text.into());
                }
            }
        }
        println!("seed {seed} fold {k}: {} pages, F1 {:.4}", c.pages, c.f1());
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn_ += c.fn_;
        all.tn += c.tn;
        all.pages += c.pages;
    }
    if let Some(path) = std::env::var_os("CV_DUMP") {
        std::fs::write(path, serde_json::to_string(&dump).unwrap()).unwrap();
    }
    let (p, r, f) = all.prf();
    let (_, _, fr) = rules.prf();
    println!(
        "cv: {} pages  P {p:.4}  R {r:.4}  F1 {f:.4}   (rules alone F1 {fr:.4}; tp {} fp {} fn {})",
        all.pages, all.tp, all.fp, all.fn_
    );
}
