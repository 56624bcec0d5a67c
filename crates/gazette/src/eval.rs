//! `gazette eval` and `gazette bench`: thin wrappers that print what `gazette-eval` measures.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gazette_eval::RunOptions;
use gazette_eval::bench::{self, Measured, PeerEnv};

use crate::{BenchArgs, EvalArgs, data_dir, workspace_root};

pub fn run_eval(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let data = data_dir(args.data.as_ref());
    if !data.is_dir() {
        anyhow::bail!(
            "data directory {} not found (use --data or GAZETTE_DATA)",
            data.display()
        );
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} {bar:40} {pos}/{len}")
            .expect("static template parses"),
    );
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let opts = RunOptions {
        predictions_dir: args.predictions.clone(),
    };
    let report = gazette_eval::run(&data, args.only.as_deref(), &opts, &progress)?;
    bar.finish_and_clear();

    for w in &report.warnings {
        eprintln!("gazette: warning: {w}");
    }
    for (name, dir) in &report.missing {
        eprintln!("gazette: {name}: no data at {}, skipped", dir.display());
    }
    for note in &report.not_scored {
        eprintln!("gazette: not scored yet: {note}");
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report.rows)?;
        writeln!(out)?;
    } else {
        // As wide as the longest metric name, so that the scores stay in one column.
        let width = report
            .rows
            .iter()
            .map(|r| r.metric.len())
            .max()
            .unwrap_or(0)
            .max(28);
        writeln!(
            out,
            "{:<20} {:<width$} {:>8} {:>8}",
            "benchmark", "metric", "score", "count"
        )?;
        for r in &report.rows {
            writeln!(
                out,
                "{:<20} {:<width$} {:>8.4} {:>8}",
                r.benchmark, r.metric, r.value, r.count
            )?;
        }
    }
    if report.rows.is_empty() {
        eprintln!("gazette: no benchmark found under {}", data.display());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_bench(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let Some((task, peers)) = bench::TASKS.iter().find(|(t, _)| *t == args.task) else {
        let known: Vec<&str> = bench::TASKS.iter().map(|(t, _)| *t).collect();
        anyhow::bail!(
            "unknown bench task {:?} (known: {})",
            args.task,
            known.join(", ")
        );
    };
    // Without --peer, every peer of the task runs.
    let chosen: Vec<&str> = match args.peer.as_deref() {
        None => peers.to_vec(),
        Some(p) if peers.contains(&p) => vec![p],
        Some(p) => anyhow::bail!(
            "task {task} has no peer {p:?} (known: {})",
            peers.join(", ")
        ),
    };
    let data = data_dir(args.data.as_ref());
    let bench_dir = args.bench_dir.clone().unwrap_or_else(|| {
        let here = PathBuf::from("bench");
        if here.join("setup").is_file() {
            here
        } else {
            workspace_root().join("bench")
        }
    });
    let env = PeerEnv { bench_dir };
    eprintln!(
        "gazette: timing {task}: gazette vs {}, best of {} passes each ...",
        chosen.join(", "),
        args.repeat
    );
    let rows = match *task {
        "extraction" => {
            let text_peers: Vec<&str> = chosen
                .iter()
                .copied()
                .filter(|p| *p != "htmldate")
                .collect();
            if !text_peers.is_empty() {
                let rows = bench::extraction(&data, &env, &text_peers, args.repeat)
                    .context("bench extraction")?;
                print_bench("main text (AEB pages)", &rows)?;
                if text_peers.contains(&"trafilatura") {
                    let rows = bench::snippets(&data, &env, args.repeat)
                        .context("bench extraction (trafilatura-eval)")?;
                    print_snippets(&rows)?;
                }
            }
            if !chosen.contains(&"htmldate") {
                return Ok(ExitCode::SUCCESS);
            }
            bench::dates(&data, &env, args.repeat).context("bench extraction (dates)")?
        }
        "syntax" => bench::syntax(&data, &env, args.repeat).context("bench syntax")?,
        "timex" => bench::timex(&data, &env, args.repeat).context("bench timex")?,
        "ner" => bench::ner(&data, &env, args.repeat).context("bench ner")?,
        "quotes" => bench::quotes(&data, &env, args.repeat).context("bench quotes")?,
        other => unreachable!("task {other} listed without a runner"),
    };
    let title = match *task {
        "extraction" => "publication dates (htmldate-eval pages)",
        other => other,
    };
    print_bench(title, &rows)?;
    Ok(ExitCode::SUCCESS)
}

/// The trafilatura-eval table: F1 on all pages and on the held-out quarter; the items/s
/// columns are those of all pages.
fn print_snippets(rows: &[Measured]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "main text (trafilatura-eval, snippet F1; held-out: the 250 pages gazette's block classifier was not trained on)"
    )?;
    writeln!(
        out,
        "{:<34} {:>7} {:>9} {:>7}",
        "system", "pages", "seconds", "F1"
    )?;
    for r in rows {
        writeln!(
            out,
            "{:<34} {:>7} {:>9.3} {:>7}",
            r.system,
            r.items,
            r.seconds,
            r.f1.map_or("-".into(), |f| format!("{f:.4}"))
        )?;
    }
    Ok(())
}

fn print_bench(task: &str, rows: &[Measured]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{task}: same inputs, one thread each, best pass")?;
    writeln!(
        out,
        "{:<26} {:>7} {:>9} {:>10} {:>8} {:>7}",
        "system", "items", "seconds", "items/s", "MB/s", "F1"
    )?;
    for r in rows {
        writeln!(
            out,
            "{:<26} {:>7} {:>9.3} {:>10.1} {:>8.2} {:>7}",
            r.system,
            r.items,
            r.seconds,
            r.per_second(),
            r.mb_per_second(),
            r.f1.map_or("-".into(), |f| format!("{f:.4}"))
        )?;
    }
    // Each gazette row (a bench may time more than one setting) against each peer.
    let (ours, peers): (Vec<&Measured>, Vec<&Measured>) =
        rows.iter().partition(|r| r.system.starts_with("gazette"));
    for o in &ours {
        for peer in &peers {
            writeln!(
                out,
                "ratio: {} is {:.1}x the speed of {}",
                o.system,
                o.per_second() / peer.per_second(),
                peer.system
            )?;
        }
    }
    Ok(())
}
