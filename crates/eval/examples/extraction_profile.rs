//! Where extraction time goes on the AEB pages: decoding, HTML parsing, and the rest.
//! `cargo run --release -p gazette-eval --example extraction_profile -- ../shared/data/extraction/scrapinghub-aeb`
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("AEB dir"));
    let gold = gazette_eval::aeb::load_gold(&dir).unwrap();
    let pages: Vec<Vec<u8>> = gold
        .keys()
        .map(|id| gazette_ingest::read_bytes(&gazette_eval::aeb::page_path(&dir, id)).unwrap())
        .collect();
    let t = Instant::now();
    let texts: Vec<String> = pages
        .iter()
        .map(|p| gazette_ingest::decode(p).unwrap().text)
        .collect();
    println!("decode   {:.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    for p in &texts {
        std::hint::black_box(scraper::Html::parse_document(p));
    }
    println!("parse    {:.3} s", t.elapsed().as_secs_f64());
    for (name, opts) in [
        (
            "rules",
            gazette_extract::Options {
                heuristics_only: true,
                ..Default::default()
            },
        ),
        ("learned", gazette_extract::Options::default()),
    ] {
        let t = Instant::now();
        for p in &texts {
            std::hint::black_box(gazette_extract::from_html(p, &opts));
        }
        println!(
            "{name:<8} {:.3} s (whole extraction)",
            t.elapsed().as_secs_f64()
        );
    }
}
