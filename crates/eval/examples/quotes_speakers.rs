//! Development aid: PolNeAR dev quotes whose content matches (overlap 0.3) but whose speaker
//! does not, with the gold source and gazette's speaker.
//! `cargo run --release -p gazette-eval --example quotes_speakers -- dev.jsonl`
fn main() {
    let path = std::env::args().nth(1).expect("a PolNeAR JSONL file");
    let raw = std::fs::read_to_string(&path).expect("reads");
    let pipeline = gazette_analyze::Pipeline::english();
    let (mut matched, mut wrong, mut missing) = (0usize, 0usize, 0usize);
    for line in raw.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        if v["canonical"] == false {
            continue;
        }
        let text = v["text"].as_str().unwrap_or("");
        let chars: Vec<char> = text.chars().collect();
        let mut doc = gazette_doc::Doc::new(text.to_string(), gazette_doc::Meta::default());
        pipeline.run(&mut doc).expect("runs");
        let spans = |a: &serde_json::Value, k: &str| -> Vec<(usize, usize)> {
            a[k].as_array()
                .into_iter()
                .flatten()
                .map(|s| {
                    (
                        s["start"].as_u64().unwrap() as usize,
                        s["end"].as_u64().unwrap() as usize,
                    )
                })
                .collect()
        };
        let golds: Vec<(Vec<(usize, usize)>, Vec<(usize, usize)>)> = v["attributions"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| (spans(a, "content"), spans(a, "source")))
            .filter(|(c, _)| !c.is_empty())
            .collect();
        for q in doc.quotes() {
            let best = golds
                .iter()
                .map(|(c, s)| {
                    let (g, p) = gazette_analyze::attribution::overlap(&chars, c, (q.start, q.end));
                    (g.min(p), s)
                })
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let Some((m, source)) = best.filter(|b| b.0 >= 0.3) else {
                continue;
            };
            let _ = m;
            matched += 1;
            let ours = q.speaker.as_ref().map(|s| (s.start, s.end));
            let ok = match ours {
                None => source.is_empty(),
                Some((s, e)) => source.iter().any(|&(gs, ge)| s < ge && gs < e),
            };
            if !ok {
                wrong += 1;
                missing += ours.is_none() as usize;
                let g: Vec<String> = source
                    .iter()
                    .map(|&(s, e)| chars[s..e].iter().collect())
                    .collect();
                let o = ours
                    .map(|(s, e)| chars[s..e].iter().collect::<String>())
                    .unwrap_or_default();
                let c: String = chars[q.start..q.end].iter().take(50).collect();
                println!("{:?}\tgold {:?}\tours {:?}\t{c}", q.kind, g, o);
            }
        }
    }
    println!("matched {matched}, wrong speaker {wrong} (none given: {missing})");
}
