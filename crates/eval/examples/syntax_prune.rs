//! Development aid: accuracy on EWT dev and speed on the AEB bodies of the bundled syntax
//! model with its smaller weights dropped (`Weights::prune`), to see what the weight rows
//! cost. `... --example syntax_prune -- ../shared/data 1 2 4`
use std::time::Instant;

fn main() {
    let data = std::path::PathBuf::from(std::env::args().nth(1).expect("data dir"));
    let dev =
        gazette_syntax::conllu::read_path(&data.join("syntax/ud-english-ewt/en_ewt-ud-dev.conllu"))
            .unwrap();
    let texts: Vec<Vec<String>> =
        gazette_eval::aeb::load_gold(&data.join("extraction/scrapinghub-aeb"))
            .unwrap()
            .into_values()
            .map(|t| t.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .collect();
    for w in std::env::args().skip(2).map(|a| a.parse::<f32>().unwrap()) {
        let mut model = gazette_syntax::SyntaxModel::english().clone();
        model.parser.prune(w);
        let s = gazette_syntax::score::gold_tokens(&model, &dev);
        let start = Instant::now();
        let mut n = 0;
        for t in &texts {
            for chunk in t.chunks(25) {
                let forms: Vec<&str> = chunk.iter().map(String::as_str).collect();
                n += model.analyze(&forms).len();
            }
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "min weight {w}: {} parser features, dev UAS {:.4} LAS {:.4}, {:.0} words/s",
            model.parser.n_features(),
            s.uas,
            s.las,
            n as f64 / secs
        );
    }
}
