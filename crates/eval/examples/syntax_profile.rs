//! Where the syntax pipeline's time goes on the AEB article bodies (the `gazette bench
//! syntax` inputs): run it three times under a profiler.
//! `cargo run --release -p gazette-eval --example syntax_profile -- ../shared/data/extraction/scrapinghub-aeb`
use std::time::Instant;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("AEB dir"));
    let texts: Vec<String> = gazette_eval::aeb::load_gold(&dir)
        .unwrap()
        .into_values()
        .filter(|t| !t.trim().is_empty())
        .collect();
    let pipeline = gazette_analyze::Pipeline::new(vec![
        Box::new(gazette_analyze::Tokenizer),
        Box::new(gazette_analyze::SentenceSplitter),
        Box::new(gazette_analyze::SyntaxAnnotator::default()),
    ])
    .unwrap();
    for _ in 0..3 {
        let start = Instant::now();
        let mut tokens = 0;
        for t in &texts {
            let mut doc = gazette_doc::Doc::new(t.clone(), gazette_doc::Meta::default());
            pipeline.run(&mut doc).unwrap();
            tokens += doc.tokens().len();
        }
        let s = start.elapsed().as_secs_f64();
        println!(
            "{tokens} tokens in {s:.3} s: {:.0} tokens/s",
            tokens as f64 / s
        );
    }
}

/// The `gazette` binary's allocator, so that the profile shows the time `gazette bench
/// syntax` spends.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
