//! Development aid: dev (testa) F1 of recognizer models over all entities and over the
//! entities whose words never appear as an entity of the training set — a stand-in, on
//! development data, for how the model meets the unseen names of later news.
//! `cargo run --release -p gazette-eval --example ner_unseen -- ../shared/data/ner/conll2003 MODEL...`
use std::collections::HashSet;

use gazette_ner::{EntityModel, conll, spans};
use gazette_syntax::SyntaxModel;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(&args[1]);
    let train = conll::read_path(&dir.join("eng.train")).unwrap();
    let dev = conll::read_path(&dir.join("eng.testa")).unwrap();
    let mut seen: HashSet<String> = HashSet::new();
    for s in &train {
        let l: Vec<&str> = s.labels.iter().map(String::as_str).collect();
        for e in spans(&l) {
            seen.insert(s.words[e.start..e.end].join(" "));
        }
    }
    let syntax = SyntaxModel::english();
    let tags: Vec<Vec<String>> = dev
        .iter()
        .map(|s| {
            let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
            syntax
                .penn_tags(&w)
                .into_iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    for path in &args[2..] {
        let model = EntityModel::load(std::path::Path::new(path)).unwrap();
        // (tp, pred, gold) for all and for unseen.
        let (mut all, mut unseen) = ([0usize; 3], [0usize; 3]);
        // Each document is read as a whole, as `gazette eval` reads it.
        let labels = conll::label_documents(&model, &dev, &tags);
        for (s, names) in dev.iter().zip(&labels) {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let p = spans(&names);
            let gl: Vec<&str> = s.labels.iter().map(String::as_str).collect();
            let g = spans(&gl);
            let new =
                |e: &gazette_ner::EntitySpan| !seen.contains(&s.words[e.start..e.end].join(" "));
            for e in &p {
                let hit = g.contains(e) as usize;
                all[0] += hit;
                all[1] += 1;
                if new(e) {
                    unseen[0] += hit;
                    unseen[1] += 1;
                }
            }
            for e in &g {
                all[2] += 1;
                if new(e) {
                    unseen[2] += 1;
                }
            }
        }
        let f = |c: [usize; 3]| 2.0 * c[0] as f64 / (c[1] + c[2]).max(1) as f64;
        println!(
            "{path}: all F1 {:.4}, unseen F1 {:.4} ({} gold unseen)",
            f(all),
            f(unseen),
            unseen[2]
        );
    }
}
