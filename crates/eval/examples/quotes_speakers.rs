//! Development aid: PolNeAR dev quotes whose content matches (overlap 0.3) but whose speaker
//! does not, with the gold source and gazette's speaker.
//! `cargo run --release -p gazette-eval --example quotes_speakers -- dev.jsonl`
/// The scorer's stop words (`score_quotes.py`).
const STOP: &[&str] = &[
    "the", "a", "an", "of", "and", "'s", "’s", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr",
    "dr.", "said", "says", "told", "he", "she", "they", "it", "we", "i", "you", "his", "her",
    "their", "its",
];

fn main() {
    let path = std::env::args().nth(1).expect("a PolNeAR JSONL file");
    let docs = gazette_eval::polnear::read(std::path::Path::new(&path)).expect("reads");
    let pipeline = gazette_analyze::Pipeline::english();
    let (mut matched, mut wrong, mut missing) = (0usize, 0usize, 0usize);
    for gold in &docs {
        let chars: Vec<char> = gold.text().chars().collect();
        let mut doc = gazette_doc::Doc::new(gold.text().to_string(), gazette_doc::Meta::default());
        pipeline.run(&mut doc).expect("runs");
        let attributions = gold.attribution_spans();
        for q in doc.quotes() {
            let best = attributions
                .iter()
                .map(|(content, source)| {
                    let (g, p) =
                        gazette_analyze::attribution::overlap(&chars, content, (q.start, q.end));
                    (g.min(p), source)
                })
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let Some((_, source)) = best.filter(|b| b.0 >= 0.3) else {
                continue;
            };
            matched += 1;
            let ours = q.speaker.as_ref().map(|s| (s.start, s.end));
            let text = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
            let canonical = q
                .speaker
                .as_ref()
                .and_then(|s| s.canonical.clone())
                .unwrap_or_default();
            // As the scorer: the spans overlap, or the source and our words (the mention and
            // the name it resolves to) share a content word.
            let words = |s: &str| -> std::collections::HashSet<String> {
                s.to_lowercase()
                    .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                    .filter(|w| w.chars().count() > 1 && !STOP.contains(w))
                    .map(str::to_string)
                    .collect()
            };
            let gold_words = words(
                &source
                    .iter()
                    .copied()
                    .map(text)
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            let right = match ours {
                None => source.is_empty(),
                Some((s, e)) => {
                    source.iter().any(|&(gs, ge)| s < ge && gs < e)
                        || !gold_words.is_disjoint(&words(&format!("{} {canonical}", text((s, e)))))
                }
            };
            if !right {
                wrong += 1;
                missing += ours.is_none() as usize;
                let gold_sources: Vec<String> = source.iter().copied().map(text).collect();
                let content: String = chars[q.start..q.end].iter().take(50).collect();
                println!(
                    "{:?}\tgold {gold_sources:?}\tours {:?} = {canonical:?}\t{content}",
                    q.kind,
                    ours.map(text).unwrap_or_default()
                );
            }
        }
    }
    println!("matched {matched}, wrong speaker {wrong} (none given: {missing})");
}
