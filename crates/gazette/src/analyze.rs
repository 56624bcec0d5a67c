//! `gazette analyze`: read → extract → pipeline → print, one input at a time. A bad input
//! is reported on stderr with its name and the run goes on with the others.

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use gazette_analyze::Pipeline;
use gazette_doc::{Doc, Layer, Meta, Published};
use gazette_extract::Options;
use gazette_ingest::{Content, Format as InputFormat, Hints, IngestError, Item, ReadOptions};

use crate::{AnalyzeArgs, Format, InputKind, render};

pub fn run(args: &AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let pipeline = if args.accurate {
        Pipeline::english_accurate()
    } else {
        Pipeline::english()
    };
    if args.explain {
        print_explain(&pipeline)?;
        return Ok(ExitCode::SUCCESS);
    }
    let published = match &args.published {
        Some(s) => Some(s.parse::<Published>().context("--published")?),
        None => None,
    };
    let date_bound = |flag: &Option<String>, name: &str| -> anyhow::Result<Option<NaiveDate>> {
        flag.as_deref()
            .map(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d"))
            .transpose()
            .with_context(|| format!("{name}: expected YYYY-MM-DD"))
    };
    let opts = Options {
        published,
        url: args.url.clone(),
        markdown: args.format == Format::Markdown,
        min_date: date_bound(&args.min_date, "--min-date")?,
        max_date: date_bound(&args.max_date, "--max-date")?,
        ..Options::default()
    };
    let read_opts = ReadOptions {
        jsonl: args.jsonl_fields(),
    };

    let inputs = gazette_ingest::expand_inputs(&args.inputs);
    // News sitemaps given beside pages are metadata for those pages (matched by URL), not
    // Docs of their own; given alone, their entries are the Docs.
    let (sitemaps, pages): (Vec<_>, Vec<_>) = inputs.into_iter().partition(|i| {
        i.as_ref()
            .is_ok_and(|p| gazette_ingest::container_of(p) == gazette_ingest::Container::Sitemap)
    });
    let (inputs, by_url) = if pages.is_empty() {
        (sitemaps, HashMap::new())
    } else {
        (pages, sitemap_metadata(&sitemaps, &read_opts))
    };
    let bar = progress_bar(inputs.len());
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    let mut written = 0usize;
    let mut write_error: Option<anyhow::Error> = None;
    for input in inputs {
        let path = match input {
            Ok(p) => p,
            Err((path, e)) => {
                bar.suspend(|| eprintln!("gazette: {}: {e}", path.display()));
                failures += 1;
                continue;
            }
        };
        gazette_ingest::read_items(&path, &read_opts, &mut |item| {
            bar.inc(1);
            if write_error.is_some() {
                return;
            }
            let item = match item {
                Ok(item) => item,
                Err(e) => {
                    bar.suspend(|| eprintln!("gazette: {}: {}", e.name, describe(e.error)));
                    failures += 1;
                    return;
                }
            };
            match contained(|| analyze_item(&item, args.input, &opts, &pipeline, &by_url)) {
                Ok(Analyzed {
                    doc,
                    warnings,
                    markdown,
                }) => {
                    for w in warnings {
                        bar.suspend(|| eprintln!("gazette: {}: warning: {w}", item.name));
                    }
                    let written_ok = match markdown {
                        Some(md) => write_markdown(&mut out, &doc, &md, written),
                        None => write_doc(&mut out, &doc, &item.name, args.format, written),
                    };
                    if let Err(e) = written_ok {
                        write_error = Some(e);
                    }
                    written += 1;
                }
                Err(e) => {
                    bar.suspend(|| eprintln!("gazette: {}: {e:#}", item.name));
                    failures += 1;
                }
            }
        });
        if let Some(e) = write_error.take() {
            return Err(e);
        }
    }
    out.flush()?;
    bar.finish_and_clear();
    if failures > 0 {
        eprintln!("gazette: {failures} input(s) failed");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `work` on one item so that a panic inside it (a bug in gazette) fails that item
/// with an error naming it, and the batch goes on with the others.
fn contained<T>(work: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(anyhow::anyhow!(
            "internal error, a bug in gazette (please report it with this input): {what}"
        ))
    })
}

fn describe(e: IngestError) -> anyhow::Error {
    match e {
        IngestError::Io(io) if io.kind() == io::ErrorKind::NotFound => {
            anyhow::anyhow!("no such file")
        }
        other => anyhow::Error::new(other),
    }
}

fn progress_bar(files: usize) -> indicatif::ProgressBar {
    // The bar draws on stderr and hides itself when that is no terminal; it counts
    // articles, which containers (WARC, feeds, JSONL) hold many of, so a few inputs
    // may still be a long run.
    if files == 0 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::no_length();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} articles {per_sec} {elapsed}")
            .expect("static template parses"),
    );
    bar
}

/// Container metadata as the extractor takes it, each field named by its signal.
fn container_meta(hints: &Hints) -> Meta {
    let mut meta = Meta::default();
    let signal = |field: &str| format!("{} {field}", hints.source);
    if let Some(t) = &hints.title {
        meta.offer_title(t, &signal("title"));
    }
    if let Some(b) = &hints.byline {
        meta.offer_byline(b, &signal("author"));
    }
    if let Some(p) = hints
        .published
        .as_deref()
        .and_then(gazette_extract::parse_date)
    {
        meta.offer_published(p, &signal("date"));
    }
    if let Some(u) = &hints.url {
        meta.offer_url(u, &signal("url"));
    }
    if let Some(s) = &hints.site {
        meta.offer_site(s, &signal("site"));
    }
    if let Some(l) = &hints.language {
        if let Some(code) = gazette_extract::language_code(l) {
            meta.offer_language(&code, &signal("language"));
        }
    }
    meta
}

/// One input's result: the analyzed Doc, or with `--format markdown` the extracted Doc
/// and its Markdown.
struct Analyzed {
    doc: Doc,
    warnings: Vec<String>,
    markdown: Option<String>,
}

/// The metadata of every news sitemap entry, by URL.
fn sitemap_metadata(
    sitemaps: &[Result<std::path::PathBuf, (std::path::PathBuf, IngestError)>],
    read_opts: &ReadOptions,
) -> HashMap<String, Meta> {
    let mut by_url = HashMap::new();
    for path in sitemaps.iter().flatten() {
        // Entries without a headline are reported when a sitemap is read for its Docs;
        // as metadata they are simply not there.
        gazette_ingest::read_items(path, read_opts, &mut |item| {
            if let Ok(item) = item {
                if let Some(url) = &item.hints.url {
                    by_url.insert(url_key(url), container_meta(&item.hints));
                }
            }
        });
    }
    by_url
}

/// A URL as sitemaps and pages may both write it: no fragment, no trailing slash.
fn url_key(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    url.trim_end_matches('/').to_string()
}

fn analyze_item(
    item: &Item,
    kind: InputKind,
    base: &Options,
    pipeline: &Pipeline,
    sitemaps: &HashMap<String, Meta>,
) -> anyhow::Result<Analyzed> {
    let mut opts = base.clone();
    opts.container = container_meta(&item.hints);
    if let Some(crawled) = item
        .hints
        .crawled
        .as_deref()
        .and_then(gazette_extract::parse_date)
    {
        // A page cannot have been published after it was fetched.
        opts.max_date = Some(
            opts.max_date
                .map_or(crawled.date(), |m| m.min(crawled.date())),
        );
    }
    let extracted = match &item.content {
        Content::Bytes { bytes, charset } => {
            let decoded = gazette_ingest::decode_with_charset(bytes, charset.as_deref())?;
            let kind = match kind {
                InputKind::Auto if decoded.format == InputFormat::Html => InputKind::Html,
                InputKind::Auto => InputKind::Text,
                k => k,
            };
            match kind {
                InputKind::Html => gazette_extract::from_html(&decoded.text, &opts),
                InputKind::Text => gazette_extract::from_text(&decoded.text, &opts),
                InputKind::Body | InputKind::Auto => {
                    gazette_extract::from_body(&decoded.text, &opts)
                }
            }
        }
        Content::Html(page) => gazette_extract::from_html(page, &opts),
        Content::Fragment(fragment) => gazette_extract::from_fragment(fragment, &opts),
        Content::Text(text) => gazette_extract::from_body(text, &opts),
    };
    let mut doc = extracted.doc;
    // A news sitemap that lists the page gives what the page itself did not.
    let listed = [doc.meta.url.as_deref(), item.hints.url.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|u| sitemaps.get(&url_key(u)));
    if let Some(s) = listed {
        doc.meta
            .offer_all(s, "news sitemap", |p| base.plausible(p.date()));
    }
    if extracted.markdown.is_none() {
        pipeline.run(&mut doc)?;
    }
    Ok(Analyzed {
        doc,
        warnings: extracted.warnings,
        markdown: extracted.markdown,
    })
}

/// The article as Markdown after a YAML header of its metadata (values written as
/// JSON strings, which YAML reads as they are).
fn write_markdown(
    out: &mut impl Write,
    doc: &Doc,
    markdown: &str,
    index: usize,
) -> anyhow::Result<()> {
    if index > 0 {
        writeln!(out)?;
    }
    let m = &doc.meta;
    writeln!(out, "---")?;
    let published = m.published.map(|p| p.to_string());
    for (key, value) in [
        ("title", m.title.as_deref()),
        ("author", m.byline.as_deref()),
        ("date", published.as_deref()),
        ("url", m.url.as_deref()),
        ("site", m.site.as_deref()),
        ("dateline", m.dateline.as_deref()),
        ("language", m.language.as_deref()),
        ("description", m.description.as_deref()),
        (
            "date_source",
            m.sources.get("published").map(String::as_str),
        ),
    ] {
        if let Some(v) = value {
            writeln!(out, "{key}: {}", serde_json::Value::from(v))?;
        }
    }
    writeln!(out, "---")?;
    writeln!(out)?;
    writeln!(out, "{markdown}")?;
    Ok(())
}

fn write_doc(
    out: &mut impl Write,
    doc: &Doc,
    name: &str,
    format: Format,
    index: usize,
) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            doc.write_json(out, true)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            doc.write_json(out, false)?;
            writeln!(out)?;
        }
        Format::Table => {
            if index > 0 {
                writeln!(out)?;
            }
            render::table(out, doc, name)?;
        }
        Format::Markdown => unreachable!("markdown is written by write_markdown"),
    }
    Ok(())
}

fn print_explain(pipeline: &Pipeline) -> io::Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{:<20} {:<24} assigns", "component", "requires")?;
    let names = |ls: &[Layer]| {
        if ls.is_empty() {
            "-".to_string()
        } else {
            ls.iter().map(|l| l.name()).collect::<Vec<_>>().join(", ")
        }
    };
    for c in pipeline.components() {
        writeln!(
            out,
            "{:<20} {:<24} {}",
            c.name(),
            names(c.requires()),
            names(c.assigns())
        )?;
    }
    let assigned: Vec<Layer> = pipeline
        .components()
        .flat_map(|c| c.assigns().iter().copied())
        .collect();
    let pending: Vec<Layer> = Layer::ALL
        .into_iter()
        .filter(|l| !assigned.contains(l))
        .collect();
    if !pending.is_empty() {
        writeln!(
            out,
            "not produced yet (present and empty in output): {}",
            names(&pending)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::contained;

    #[test]
    fn a_panic_fails_only_its_item() {
        let mut results = Vec::new();
        for n in [1, 0, 2] {
            results.push(contained(|| {
                if n == 0 {
                    panic!("index out of bounds: the len is {n}");
                }
                Ok(n)
            }));
        }
        assert_eq!(results[0].as_ref().unwrap(), &1);
        let e = results[1].as_ref().unwrap_err().to_string();
        assert!(e.starts_with("internal error"), "{e}");
        assert!(e.ends_with("index out of bounds: the len is 0"), "{e}");
        assert_eq!(results[2].as_ref().unwrap(), &2);
    }
}
