//! Any text, with or without a publication date, through the whole English pipeline
//! (sentences, tokens, syntax, entities, timexes, quotes), fast or accurate: must give
//! valid layers that survive the `Doc`'s JSON, never panic or hang.
#![no_main]

use gazette_analyze::Pipeline;
use gazette_doc::{Doc, Meta};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte says whether the document has a publication date (bit 0), so
    // relative times are resolved in half of the runs, and which parser runs (bits 1 and
    // 2 both set: the accurate one, sixteen times slower, in one run in four).
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut meta = Meta::default();
    if first & 1 == 1 {
        meta.published = Some("2017-11-21".parse().expect("a date"));
    }
    let mut doc = Doc::new(text.to_string(), meta);
    let pipeline = if first & 6 == 6 {
        Pipeline::english_accurate()
    } else {
        Pipeline::english()
    };
    if let Err(e) = pipeline.run(&mut doc) {
        panic!("{text:?}: {e}");
    }
    let back = Doc::from_json(&doc.to_json()).expect("the Doc reads back its own JSON");
    assert!(back == doc, "{text:?}: the Doc changed through its JSON");
});
