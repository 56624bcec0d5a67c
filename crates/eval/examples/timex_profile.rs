//! Where the temporal tagger's time goes: tags the TimeBank training texts (tags
//! stripped) repeatedly; run under a profiler.
//! `cargo run --release -p gazette-eval --example timex_profile -- ../shared/data/timex/tempeval3/train/TimeBank`
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("a folder of .tml files");
    let tag = regex::Regex::new(r"<[^>]*>").unwrap();
    let texts: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| {
            tag.replace_all(&std::fs::read_to_string(e.path()).unwrap(), " ")
                .into_owned()
        })
        .collect();
    let tagger = gazette_timex::TimexTagger::english();
    let anchor = chrono::NaiveDate::from_ymd_opt(1998, 2, 13).unwrap();
    if std::env::var("RULES").is_ok() {
        let times = tagger.rule_times(&texts);
        let total: f64 = times.iter().map(|t| t.2).sum();
        for (i, n, t) in times.iter().take(12) {
            println!("rule {i:>3} {n:<12} {:.1}%", 100.0 * t / total);
        }
        return;
    }
    for _ in 0..3 {
        let start = Instant::now();
        let mut n = 0;
        for t in &texts {
            n += tagger.tag(t, anchor, &|_| gazette_timex::Tense::Past).len();
        }
        let s = start.elapsed().as_secs_f64();
        println!(
            "{} docs, {n} timexes in {s:.3} s: {:.0} docs/s",
            texts.len(),
            texts.len() as f64 / s
        );
    }
}
