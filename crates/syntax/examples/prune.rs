//! Development aid: size and dev scores of a model pruned at several weight thresholds.
//! `cargo run --release -p gazette-syntax --example prune -- MODEL DEV.conllu T1 T2 ...`
use gazette_syntax::{SyntaxModel, conllu, score};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let model = SyntaxModel::load(std::path::Path::new(&args[1])).expect("model loads");
    let dev = conllu::read_path(std::path::Path::new(&args[2])).expect("dev reads");
    for t in &args[3..] {
        let t: f32 = t.parse().expect("a threshold");
        let mut m = model.clone();
        m.tagger.prune(t);
        m.parser.prune(t);
        let path = std::env::temp_dir().join("pruned.bin.gz");
        m.save(&path).expect("saves");
        let size = std::fs::metadata(&path).expect("written").len();
        let s = score::gold_tokens(&m, &dev);
        let start = std::time::Instant::now();
        let _ = score::gold_tokens(&m, &dev);
        let wps = s.words as f64 / start.elapsed().as_secs_f64();
        println!(
            "min weight {t:>5}: {:>5.1} MB, tagger {:>7} parser {:>8} features, UPOS {:.4} UAS {:.4} LAS {:.4}, {wps:.0} words/s",
            size as f64 / 1e6,
            m.tagger.n_features(),
            m.parser.n_features(),
            s.upos,
            s.uas,
            s.las
        );
    }
}
