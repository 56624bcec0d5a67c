//! Development aid: PolNeAR scores on the dev split (never the test split).
//! `cargo run --release -p gazette-eval --example quotes_dev -- ../shared/data/quotes/polnear/dev.jsonl [PREDICTIONS.jsonl]`
//! (with a second argument, also writes the predictions for `shared/tools/score_quotes.py`)
fn main() {
    let path = std::env::args().nth(1).expect("a PolNeAR JSONL file");
    // QD_ACCURATE=1: with the accurate (voting) parsers.
    let pipeline = if std::env::var("QD_ACCURATE").is_ok() {
        gazette_analyze::Pipeline::english_accurate()
    } else {
        gazette_analyze::Pipeline::english()
    };
    let (rows, predictions) =
        gazette_eval::polnear::evaluate_with(std::path::Path::new(&path), &pipeline, &|_, _| {})
            .expect("reads");
    if let Some(out) = std::env::args().nth(2) {
        std::fs::write(&out, gazette_eval::polnear::prediction_lines(&predictions))
            .expect("writes");
    }
    for r in rows {
        println!("{:<28} {:.4} ({})", r.metric, r.value, r.count);
    }
}
