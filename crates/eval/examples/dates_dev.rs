//! Development aid for publication dates: prints every htmldate-eval page where gazette
//! misses or disagrees, with the signal it used. `cargo run --release -p gazette-eval
//! --example dates_dev -- ../shared/data/dates/htmldate-eval`
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("data dir"));
    let gold = gazette_eval::htmldate::load_gold(&dir).unwrap();
    for (url, entry) in &gold {
        let page = gazette_ingest::read_path(&entry.path(&dir)).unwrap();
        // As `gazette eval` scores it: the page alone, no URL (htmldate's `find_date(html)`).
        let opts = gazette_extract::Options::default();
        let meta = gazette_extract::from_html(&page.text, &opts).doc.meta;
        let day = meta
            .published
            .map(|p| p.date().format("%Y-%m-%d").to_string());
        // ALL=1: every page, right ones too.
        if std::env::var_os("ALL").is_some() || day.as_deref() != entry.date.as_deref() {
            println!(
                "{}\t{}\t{}\t{}\t{}",
                entry.date.as_deref().unwrap_or("-"),
                day.as_deref().unwrap_or("-"),
                meta.sources.get("published").map_or("-", String::as_str),
                entry.file,
                url
            );
        }
    }
}
