//! Development aid: PolNeAR scores on the dev split (never the test split).
//! `cargo run --release -p gazette-eval --example quotes_dev -- ../shared/data/quotes/polnear/dev.jsonl`
fn main() {
    let path = std::env::args().nth(1).expect("a PolNeAR JSONL file");
    let (rows, _) =
        gazette_eval::polnear::evaluate(std::path::Path::new(&path), &|_, _| {}).expect("reads");
    for r in rows {
        println!("{:<28} {:.4} ({})", r.metric, r.value, r.count);
    }
}
