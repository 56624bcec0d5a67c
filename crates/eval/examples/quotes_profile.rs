//! Where the whole pipeline's time goes on PolNeAR articles (the layers quotes need): runs
//! it three times, for a profiler, and prints each component's share of the last pass.
//! `... --example quotes_profile -- dev.jsonl`
fn main() {
    let path = std::env::args().nth(1).expect("a PolNeAR JSONL file");
    let docs = gazette_eval::polnear::read(std::path::Path::new(&path)).expect("reads");
    let pipeline = gazette_analyze::Pipeline::english();
    let names: Vec<&str> = pipeline.components().map(|c| c.name()).collect();
    let mut seconds = vec![0f64; names.len()];
    let mut tokens = 0;
    for _ in 0..3 {
        seconds.fill(0.0);
        tokens = 0;
        for gold in &docs {
            let mut doc =
                gazette_doc::Doc::new(gold.text().to_string(), gazette_doc::Meta::default());
            for (k, c) in pipeline.components().enumerate() {
                let start = std::time::Instant::now();
                c.process(&mut doc).expect("runs");
                seconds[k] += start.elapsed().as_secs_f64();
            }
            tokens += doc.tokens().len();
        }
        let total: f64 = seconds.iter().sum();
        println!(
            "{} docs, {tokens} tokens in {total:.3} s: {:.0} docs/s",
            docs.len(),
            docs.len() as f64 / total
        );
    }
    let total: f64 = seconds.iter().sum();
    for (name, s) in names.iter().zip(&seconds) {
        println!(
            "  {name:<18} {s:.3} s  {:>5.1}%  {:>9.0} tokens/s",
            100.0 * s / total,
            tokens as f64 / s
        );
    }
}
