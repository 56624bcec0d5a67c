//! The `--format table` view: metadata, then each sentence, then one table per layer
//! that has items. Meant for reading in a terminal, not for parsing.

use std::io::{self, Write};

use gazette_doc::{Doc, Layer, Mention, Span};

pub fn table(out: &mut impl Write, doc: &Doc, name: &str) -> io::Result<()> {
    writeln!(
        out,
        "══ {name} {}",
        "═".repeat(60usize.saturating_sub(name.chars().count()))
    )?;
    let m = &doc.meta;
    let field = |value: Option<String>, key: &str| match value {
        Some(v) => match m.sources.get(key) {
            Some(src) => format!("{v}  [{src}]"),
            None => v,
        },
        None => "-".to_string(),
    };
    writeln!(out, "title      {}", field(m.title.clone(), "title"))?;
    writeln!(out, "byline     {}", field(m.byline.clone(), "byline"))?;
    writeln!(
        out,
        "published  {}",
        field(m.published.map(|p| p.to_string()), "published")
    )?;
    writeln!(out, "url        {}", field(m.url.clone(), "url"))?;
    writeln!(out, "site       {}", field(m.site.clone(), "site"))?;
    if m.dateline.is_some() {
        writeln!(out, "dateline   {}", field(m.dateline.clone(), "dateline"))?;
    }
    writeln!(out, "language   {}", field(m.language.clone(), "language"))?;
    if let Some(d) = &m.description {
        // One line: the summary, cut to what a terminal shows.
        let short: String = d.chars().take(160).collect();
        let cut = if short.len() < d.len() { "..." } else { "" };
        writeln!(out, "summary    {short}{cut}")?;
    }
    writeln!(
        out,
        "size       {} chars, {} sentences, {} tokens",
        doc.char_len(),
        doc.sentences().len(),
        doc.tokens().len()
    )?;
    let ran: Vec<&str> = doc.layers().map(Layer::name).collect();
    let pending: Vec<&str> = Layer::ALL
        .into_iter()
        .filter(|l| !doc.has(*l))
        .map(Layer::name)
        .collect();
    writeln!(
        out,
        "layers     {}{}",
        ran.join(", "),
        if pending.is_empty() {
            String::new()
        } else {
            format!("  (not run: {})", pending.join(", "))
        }
    )?;

    if !doc.sentences().is_empty() {
        writeln!(out, "\nsentences")?;
        for (i, s) in doc.sentences().iter().enumerate() {
            writeln!(out, "{:>4}  {}", i + 1, one_line(doc.slice(s.span())))?;
        }
    }
    if doc
        .tokens()
        .iter()
        .any(|t| t.pos.is_some() || t.dep.is_some())
    {
        writeln!(
            out,
            "\ntokens\n{:>5}  {:<16} {:<6} {:<6} {:<14} {:>5} dep",
            "i", "text", "pos", "tag", "lemma", "head"
        )?;
        for (i, t) in doc.tokens().iter().enumerate() {
            let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
            writeln!(
                out,
                "{:>5}  {:<16} {:<6} {:<6} {:<14} {:>5} {}",
                i,
                doc.slice(t.span()),
                opt(&t.pos),
                opt(&t.tag),
                opt(&t.lemma),
                t.head.map_or("-".into(), |h| h.to_string()),
                opt(&t.dep)
            )?;
        }
    }
    if !doc.entities().is_empty() {
        writeln!(out, "\nentities")?;
        for e in doc.entities() {
            writeln!(
                out,
                "  {:<30} {:<5} {} ({})",
                doc.slice(e.span()),
                format!("{:?}", e.label).to_uppercase(),
                e.canonical,
                e.entity_id
            )?;
        }
    }
    if !doc.timexes().is_empty() {
        writeln!(out, "\ntimexes")?;
        for t in doc.timexes() {
            writeln!(
                out,
                "  {:<30} {:<9} {}{}",
                doc.slice(t.span()),
                format!("{:?}", t.kind).to_uppercase(),
                t.value,
                t.zone
                    .as_deref()
                    .map(|z| format!(" (UTC{z})"))
                    .unwrap_or_default()
            )?;
        }
    }
    if !doc.quotes().is_empty() {
        writeln!(out, "\nquotes")?;
        for q in doc.quotes() {
            writeln!(
                out,
                "  [{:?}] {}\n      speaker: {}  via: {}",
                q.kind,
                one_line(doc.slice(q.span())),
                mention(doc, q.speaker.as_ref()),
                mention(doc, q.via.as_ref())
            )?;
        }
    }
    if !doc.events().is_empty() {
        writeln!(out, "\nevents")?;
        for e in doc.events() {
            writeln!(
                out,
                "  {:<6} {:<20} {} → {}",
                e.code,
                doc.slice(e.span()),
                mention(doc, e.source.as_ref()),
                mention(doc, e.target.as_ref())
            )?;
        }
    }
    Ok(())
}

fn mention(doc: &Doc, m: Option<&Mention>) -> String {
    match m {
        None => "-".into(),
        Some(m) => {
            let text = doc.slice(Span::new(m.start, m.end));
            match &m.canonical {
                Some(c) if c != text => format!("{text} (= {c})"),
                _ => text.to_string(),
            }
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
