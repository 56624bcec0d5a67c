//! Where the whole pipeline's time goes on PolNeAR articles (the layers quotes need):
//! runs it three times, for a profiler. `... --example quotes_profile -- dev.jsonl`
fn main() {
    let path = std::env::args().nth(1).expect("a PolNeAR JSONL file");
    let docs = gazette_eval::polnear::read(std::path::Path::new(&path)).expect("reads");
    let pipeline = gazette_analyze::Pipeline::english();
    for _ in 0..3 {
        let start = std::time::Instant::now();
        for gold in &docs {
            let mut doc =
                gazette_doc::Doc::new(gold.text().to_string(), gazette_doc::Meta::default());
            pipeline.run(&mut doc).expect("runs");
        }
        println!(
            "{} docs in {:.3} s",
            docs.len(),
            start.elapsed().as_secs_f64()
        );
    }
}
