//! Any bytes, decoded as gazette decodes a file, then extracted as a web page: must
//! return (an article, warnings, or a decoding error), never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = gazette_extract::Options::default();
    if let Ok(decoded) = gazette_ingest::decode(data) {
        let _ = gazette_extract::from_html(&decoded.text, &opts);
    }
    // Text that is not valid in any encoding still reaches the extractor as it would
    // from a feed or a JSONL dump.
    let _ = gazette_extract::from_html(&String::from_utf8_lossy(data), &opts);
});
