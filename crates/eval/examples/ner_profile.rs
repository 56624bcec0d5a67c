//! Where `gazette bench ner`'s time goes: tags and labels CoNLL-2003 testb (the bench's
//! inputs) five times, for a profiler.
//! `cargo run --release -p gazette-eval --example ner_profile -- ../shared/data/ner/conll2003`
use std::time::Instant;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("conll dir"));
    let test = gazette_ner::conll::read_path(&dir.join("eng.testb")).unwrap();
    let (syntax, ner) = (
        gazette_syntax::SyntaxModel::english(),
        gazette_ner::EntityModel::english(),
    );
    for _ in 0..5 {
        let start = Instant::now();
        let labels = gazette_eval::conll::label_all(syntax, ner, &test);
        println!(
            "{} sentences in {:.3} s",
            labels.len(),
            start.elapsed().as_secs_f64()
        );
    }
}
