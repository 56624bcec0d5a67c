//! Development aid: the cues of PolNeAR dev attributions gazette does not find (at 0.3).
//! `cargo run --release -p gazette-eval --example quotes_miss -- ../shared/data/quotes/polnear/dev.jsonl`
fn main() {
    let path = std::env::args().nth(1).expect("a PolNeAR JSONL file");
    let raw = std::fs::read_to_string(&path).expect("reads");
    let pipeline = gazette_analyze::Pipeline::english();
    let mut missed: std::collections::BTreeMap<String, usize> = Default::default();
    for line in raw.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        if v["canonical"] == false {
            continue;
        }
        let text = v["text"].as_str().unwrap_or("");
        let mut doc = gazette_doc::Doc::new(text.to_string(), gazette_doc::Meta::default());
        pipeline.run(&mut doc).expect("runs");
        for a in v["attributions"].as_array().into_iter().flatten() {
            let spans: Vec<(usize, usize)> = a["content"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| {
                    (
                        s["start"].as_u64().unwrap() as usize,
                        s["end"].as_u64().unwrap() as usize,
                    )
                })
                .collect();
            let hit = doc
                .quotes()
                .iter()
                .any(|q| spans.iter().any(|&(s, e)| q.start < e && s < q.end));
            if !hit {
                let cue: String = a["cue"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|c| c["text"].as_str().unwrap_or("").to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" ");
                *missed.entry(cue).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = missed.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1));
    for (cue, n) in v.iter().take(40) {
        println!("{n:>4} {cue}");
    }
}
