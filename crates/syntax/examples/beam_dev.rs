//! Development aid: dev scores and parse speed of a model file at several beam widths.
//! `cargo run --release -p gazette-syntax --example beam_dev -- MODEL.bin.gz DEV.conllu 1 2 4 8`
use std::time::Instant;

use gazette_syntax::{SyntaxModel, conllu, score};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut model =
        SyntaxModel::load(std::path::Path::new(&args.next().expect("a model"))).expect("loads");
    let dev = conllu::read_path(std::path::Path::new(&args.next().expect("a CoNLL-U file")))
        .expect("reads");
    for width in args {
        model.parser.beam = width.parse().expect("a beam width");
        let t = Instant::now();
        let s = score::gold_tokens(&model, &dev);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "beam {:>2}: UPOS {:.4} UAS {:.4} LAS {:.4}  {:.0} words/s",
            model.parser.beam,
            s.upos,
            s.uas,
            s.las,
            s.words as f64 / secs
        );
    }
}
