//! Any bytes as an input file (a feed, sitemap, JSONL dump, WARC or single page, as the
//! reader sniffs it): every entry comes out as an article or a named error, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = gazette_ingest::ReadOptions::default();
    for name in ["input", "input.jsonl"] {
        gazette_ingest::read_items_from(Box::new(data), Path::new(name), &opts, &mut |item| {
            if let Ok(item) = item {
                if let gazette_ingest::Content::Bytes { bytes, charset } = &item.content {
                    let _ = gazette_ingest::decode_with_charset(bytes, charset.as_deref());
                }
            }
        });
    }
});
