//! Peer runner for `gazette bench extraction`: the rs-trafilatura crate (the Rust port of
//! trafilatura) on every `<id>.html.gz` page of a folder, with the same protocol as the
//! Python runners in `bench/peers/`: pages decoded as UTF-8 in memory first, only the
//! extraction calls timed, best of `--repeat` passes, `{id: text}` written to `--out`,
//! one JSON line with the timing on stdout.
//!
//! Kept out of gazette's workspace so that its dependencies never enter gazette's build.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut pages_dir = None;
    let mut out = None;
    let mut repeat = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => pages_dir = args.next().map(PathBuf::from),
            "--out" => out = args.next().map(PathBuf::from),
            "--repeat" => repeat = args.next().and_then(|r| r.parse().ok()).unwrap_or(1),
            other => panic!("unknown argument {other:?}"),
        }
    }
    let pages_dir = pages_dir.expect("--pages DIR");
    let out = out.expect("--out FILE");

    let mut pages: Vec<(String, String)> = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&pages_dir)
        .expect("pages folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy();
        let id = name.trim_end_matches(".html.gz").to_string();
        let mut raw = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(&path).unwrap())
            .read_to_end(&mut raw)
            .unwrap();
        pages.push((id, String::from_utf8_lossy(&raw).into_owned()));
    }
    assert!(!pages.is_empty(), "no *.html.gz pages in {}", pages_dir.display());

    let mut best = f64::INFINITY;
    let mut predictions = BTreeMap::new();
    for _ in 0..repeat.max(1) {
        predictions.clear();
        let start = Instant::now();
        for (id, html) in &pages {
            let text = rs_trafilatura::extract(html)
                .map(|r| r.content_text)
                .unwrap_or_default();
            predictions.insert(id.clone(), text);
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    std::fs::write(&out, serde_json::to_string(&predictions).unwrap()).unwrap();
    let bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    println!(
        "{}",
        serde_json::json!({
            "system": "rs-trafilatura 0.2.2",
            "items": pages.len(),
            "bytes": bytes,
            "seconds": best,
        })
    );
}
