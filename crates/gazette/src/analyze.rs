//! `gazette analyze`: read → extract → pipeline → print, one input at a time. A bad input
//! is reported on stderr with its name and the run goes on with the others.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use gazette_analyze::Pipeline;
use gazette_doc::{Doc, Layer, Published};
use gazette_extract::Options;
use gazette_ingest::{Format as InputFormat, IngestError};

use crate::{AnalyzeArgs, Format, InputKind, render};

pub fn run(args: &AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::english();
    if args.explain {
        print_explain(&pipeline)?;
        return Ok(ExitCode::SUCCESS);
    }
    let published = match &args.published {
        Some(s) => Some(s.parse::<Published>().context("--published")?),
        None => None,
    };
    let opts = Options {
        published,
        url: args.url.clone(),
    };

    let inputs = gazette_ingest::expand_inputs(&args.inputs);
    let bar = progress_bar(inputs.len());
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    for (i, input) in inputs.into_iter().enumerate() {
        bar.inc(1);
        let path = match input {
            Ok(p) => p,
            Err((path, e)) => {
                bar.suspend(|| eprintln!("gazette: {}: {e}", path.display()));
                failures += 1;
                continue;
            }
        };
        match analyze_one(&path, args.input, &opts, &pipeline) {
            Ok(doc) => {
                write_doc(&mut out, &doc, &path, args.format, i)?;
            }
            Err(e) => {
                bar.suspend(|| eprintln!("gazette: {}: {e:#}", display_name(&path)));
                failures += 1;
            }
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

fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

fn progress_bar(len: usize) -> indicatif::ProgressBar {
    // Only long runs get a bar; it draws on stderr and hides itself when that is no terminal.
    if len < 50 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} articles {per_sec} eta {eta}",
        )
        .expect("static template parses"),
    );
    bar
}

fn analyze_one(
    path: &Path,
    kind: InputKind,
    opts: &Options,
    pipeline: &Pipeline,
) -> anyhow::Result<Doc> {
    let decoded = gazette_ingest::read_path(path).map_err(|e| match e {
        IngestError::Io(io) if io.kind() == io::ErrorKind::NotFound => {
            anyhow::anyhow!("no such file")
        }
        other => anyhow::Error::new(other),
    })?;
    let kind = match kind {
        InputKind::Auto if decoded.format == InputFormat::Html => InputKind::Html,
        InputKind::Auto => InputKind::Text,
        k => k,
    };
    let extracted = match kind {
        InputKind::Html => gazette_extract::from_html(&decoded.text, opts),
        InputKind::Text => gazette_extract::from_text(&decoded.text, opts),
        InputKind::Body | InputKind::Auto => gazette_extract::from_body(&decoded.text, opts),
    };
    for w in &extracted.warnings {
        eprintln!("gazette: {}: warning: {w}", display_name(path));
    }
    let mut doc = extracted.doc;
    pipeline.run(&mut doc)?;
    Ok(doc)
}

fn write_doc(
    out: &mut impl Write,
    doc: &Doc,
    path: &Path,
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
            render::table(out, doc, &display_name(path))?;
        }
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
