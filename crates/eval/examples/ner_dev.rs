//! Development aid: the recognizer's errors on CoNLL-2003 dev (testa), never the test set.
//! `cargo run --release -p gazette-eval --example ner_dev -- ../shared/data/ner/conll2003 [TYPE]`
//! (`NER_MODEL=path` for a model trained without testa: `gazette train ner --out path`)
use gazette_ner::{EntityModel, conll, spans};
use gazette_syntax::SyntaxModel;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("conll dir"));
    let only = std::env::args().nth(2);
    let dev = conll::read_path(&dir.join("eng.testa")).unwrap();
    // NER_MODEL=path: a model trained on eng.train alone (the bundled one has seen testa).
    let loaded = std::env::var_os("NER_MODEL")
        .map(|p| EntityModel::load(std::path::Path::new(&p)).expect("model loads"));
    let (syntax, ner) = (
        SyntaxModel::english(),
        loaded.as_ref().unwrap_or_else(|| EntityModel::english()),
    );
    let predicted = gazette_eval::conll::label_all(syntax, ner, &dev);
    for (s, pred) in dev.iter().zip(&predicted) {
        let g: Vec<&str> = s.labels.iter().map(String::as_str).collect();
        let p: Vec<&str> = pred.iter().map(String::as_str).collect();
        let (gs, ps) = (spans(&g), spans(&p));
        let text = |a: usize, b: usize| s.words[a..b].join(" ");
        for e in &gs {
            if only.as_deref().is_some_and(|t| t != e.label) {
                continue;
            }
            if !ps.contains(e) {
                let got: Vec<String> = ps
                    .iter()
                    .filter(|x| x.start < e.end && e.start < x.end)
                    .map(|x| format!("{} {}", x.label, text(x.start, x.end)))
                    .collect();
                println!(
                    "MISS {} {:30} got {:?}   | {}",
                    e.label,
                    text(e.start, e.end),
                    got,
                    s.words.join(" ")
                );
            }
        }
        for e in &ps {
            if only.as_deref().is_some_and(|t| t != e.label) {
                continue;
            }
            if !gs.iter().any(|x| x.start < e.end && e.start < x.end) {
                println!(
                    "SPUR {} {:30} | {}",
                    e.label,
                    text(e.start, e.end),
                    s.words.join(" ")
                );
            }
        }
    }
}
