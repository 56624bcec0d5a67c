//! Development aid: where the time goes, per stage, on a CoNLL-U file's words.
//! `cargo run --release -p gazette-syntax --example speed -- FILE.conllu`
use std::time::Instant;

use gazette_syntax::{SyntaxModel, conllu, words::WordInfo};

fn main() {
    let path = std::env::args().nth(1).expect("a CoNLL-U file");
    let sents = conllu::read_path(std::path::Path::new(&path)).expect("reads");
    let model = SyntaxModel::english();
    let forms: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let n: usize = forms.iter().map(Vec::len).sum();
    let t = Instant::now();
    let infos: Vec<Vec<WordInfo>> = forms
        .iter()
        .map(|f| {
            f.iter()
                .map(|w| WordInfo::new(w).with_clusters(&model.clusters))
                .collect()
        })
        .collect();
    let t_info = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let tags: Vec<Vec<u16>> = infos.iter().map(|i| model.tagger.tag(i)).collect();
    let t_tag = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let trees: Vec<_> = infos
        .iter()
        .zip(&tags)
        .map(|(i, t)| model.parser.parse(i, t))
        .collect();
    let t_parse = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut k = 0;
    for (f, ts) in forms.iter().zip(&tags) {
        for (w, &tg) in f.iter().zip(ts) {
            let (u, x) = &model.tagger.tags[tg as usize];
            k += model.lemmatizer.lemma(w, u, x).len();
        }
    }
    let t_lemma = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let all: usize = forms.iter().map(|f| model.analyze(f).len()).sum();
    let t_all = t.elapsed().as_secs_f64();
    println!("{n} words, {} trees, {k} lemma chars, {all}", trees.len());
    for (name, s) in [
        ("word info", t_info),
        ("tagger", t_tag),
        ("parser", t_parse),
        ("lemmatizer", t_lemma),
        ("analyze (all)", t_all),
    ] {
        println!("{name:<14} {:>8.0} words/s", n as f64 / s);
    }
}
