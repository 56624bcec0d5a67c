//! The whole pipeline on PolNeAR articles that once broke it: each must be analyzed, its
//! layers valid, not refused as a whole.

use std::path::PathBuf;

fn polnear(split: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/quotes/polnear")
        .join(format!("{split}.jsonl"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the benchmark data must sit beside the checkout)",
            path.display()
        )
    })
}

fn article(split: &str, id_prefix: &str) -> String {
    polnear(split)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .find(|v| {
            v["doc_id"]
                .as_str()
                .is_some_and(|id| id.starts_with(id_prefix))
        })
        .and_then(|v| v["text"].as_str().map(str::to_string))
        .unwrap_or_else(|| panic!("no article {id_prefix}* in PolNeAR {split}"))
}

#[test]
fn a_quote_start_the_edge_ranker_moves_back_keeps_the_layer_in_order() {
    // "Nobody opposed him — he was confirmed 92 to 0.": two overlapping quotes crossed as
    // the edge ranker moved their edges, and the quote layer, out of order, was refused,
    // so the article failed.
    let text = article(
        "train",
        "huff-post_2016-04-12_republicans-finally-confirmed",
    );
    let mut doc = gazette_doc::Doc::new(text, gazette_doc::Meta::default());
    gazette_analyze::Pipeline::english()
        .run(&mut doc)
        .expect("the article is analyzed");
    let quotes = doc.quotes();
    assert!(quotes.len() > 3, "{} quotes", quotes.len());
    assert!(
        quotes
            .windows(2)
            .all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end))
    );
}
