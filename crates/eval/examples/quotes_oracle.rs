//! Development aid: how many PolNeAR attributions some parse subtree could match (the
//! ceiling of the learned content finder). `... --example quotes_oracle -- dev.jsonl`
fn main() {
    let path = std::env::args().nth(1).expect("a PolNeAR JSONL file");
    let docs = gazette_eval::polnear::read(std::path::Path::new(&path)).expect("reads");
    let pipeline = gazette_analyze::Pipeline::english();
    let (mut n, mut at3, mut at5, mut at8) = (0usize, 0usize, 0usize, 0usize);
    for gold in &docs {
        let chars: Vec<char> = gold.text().chars().collect();
        let mut doc = gazette_doc::Doc::new(gold.text().to_string(), gazette_doc::Meta::default());
        pipeline.run(&mut doc).expect("runs");
        let cands = gazette_analyze::attribution::candidate_spans(&doc);
        for spans in gold.content_spans() {
            n += 1;
            let best = cands
                .iter()
                .map(|(_, span)| {
                    let (g, p) = gazette_analyze::attribution::overlap(&chars, &spans, *span);
                    g.min(p)
                })
                .fold(0.0f64, f64::max);
            at3 += (best >= 0.3) as usize;
            at5 += (best >= 0.5) as usize;
            at8 += (best >= 0.8) as usize;
        }
    }
    let r = |k: usize| k as f64 / n.max(1) as f64;
    println!(
        "{n} attributions; best subtree reaches 0.3: {:.3}, 0.5: {:.3}, 0.8: {:.3}",
        r(at3),
        r(at5),
        r(at8)
    );
}
