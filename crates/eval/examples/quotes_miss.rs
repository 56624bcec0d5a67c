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
        if std::env::var("QM_FP").is_ok() {
            let gold: Vec<(usize, usize)> = v["attributions"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|a| a["content"].as_array().into_iter().flatten())
                .map(|s| {
                    (
                        s["start"].as_u64().unwrap() as usize,
                        s["end"].as_u64().unwrap() as usize,
                    )
                })
                .collect();
            let chars: Vec<char> = text.chars().collect();
            for q in doc.quotes() {
                if !gold.iter().any(|&(s, e)| q.start < e && s < q.end) {
                    let c: String = chars[q.start..q.end.min(chars.len())]
                        .iter()
                        .take(100)
                        .collect();
                    let sp = q
                        .speaker
                        .as_ref()
                        .map(|m| chars[m.start..m.end].iter().collect::<String>())
                        .unwrap_or_default();
                    println!("FP\t{:?}\t{sp}\t{c}", q.kind);
                }
            }
        }
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
                if std::env::var("QM_CUE").is_ok_and(|c| c == cue) {
                    let (s, e) = spans.first().copied().unwrap_or((0, 0));
                    let chars: Vec<char> = text.chars().collect();
                    let from = s.saturating_sub(120);
                    let to = (e + 60).min(chars.len());
                    let ctx: String = chars[from..to].iter().collect();
                    let content: String = chars[s.min(chars.len())..e.min(chars.len())]
                        .iter()
                        .collect();
                    println!(
                        "--- CONTENT: {content}\n    CONTEXT: {}",
                        ctx.replace('\n', " ")
                    );
                }
                *missed.entry(cue).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = missed.into_iter().collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.1));
    println!(
        "missed with no overlapping prediction: {}",
        v.iter().map(|x| x.1).sum::<usize>()
    );
    for (cue, n) in v
        .iter()
        .take(std::env::var("QM_ALL").map_or(40, |_| usize::MAX))
    {
        println!("{n:>4} {cue}");
    }
}
