//! Development aid: prints a page's text blocks (all, then the container's); with a
//! second argument, the skipped element that hides that text.
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("page"));
    let page = gazette_ingest::read_path(&path).unwrap();
    if let Some(needle) = std::env::args().nth(2) {
        println!(
            "{}",
            gazette_extract::debug_skipped_ancestor(&page.text, &needle)
        );
        return;
    }
    println!(
        "== all blocks\n{}",
        gazette_extract::debug_all_blocks(&page.text)
    );
    println!(
        "== container\n{}",
        gazette_extract::debug_container_blocks(&page.text)
    );
}
