//! Any bytes after a WARC version line, so that every input reaches the WARC reader (its
//! record headers, HTTP messages, chunked bodies): records come out as articles or named
//! errors, never a panic, a hang or an allocation the input's size does not justify.
#![no_main]

use std::io::Read;
use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = gazette_ingest::ReadOptions::default();
    let archive = (&b"WARC/1.0\r\n"[..]).chain(data);
    gazette_ingest::read_items_from(
        Box::new(archive),
        Path::new("input.warc"),
        &opts,
        &mut |_| {},
    );
});
