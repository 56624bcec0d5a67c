//! `gazette train`: rebuilds the committed models from the shared data.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use gazette_syntax::{conllu, train};

use crate::{
    TrainExtractionArgs, TrainKbArgs, TrainNerArgs, TrainQuotesArgs, TrainSyntaxArgs, data_dir,
};

fn find(dir: &Path, suffix: &str) -> anyhow::Result<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .with_context(|| format!("no *{suffix} in {}", dir.display()))
}

pub fn syntax(args: &TrainSyntaxArgs) -> anyhow::Result<ExitCode> {
    let dir = args
        .treebank
        .clone()
        .unwrap_or_else(|| data_dir(args.data.as_ref()).join("syntax/ud-english-ewt"));
    let train_path = find(&dir, "-ud-train.conllu")?;
    let dev_path = find(&dir, "-ud-dev.conllu")?;
    let trainset = conllu::read_path(&train_path)
        .with_context(|| format!("reading {}", train_path.display()))?;
    let devset =
        conllu::read_path(&dev_path).with_context(|| format!("reading {}", dev_path.display()))?;
    let cfg = train::Settings {
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        folds: args.folds,
        seed: args.seed,
        min_count: args.min_count,
        min_weight: args.min_weight,
        beam: args.beam.max(1),
        ensemble: args.ensemble,
        parser_clusters: args.parser_clusters,
        backward_tagger: args.backward_tagger,
        ..train::Settings::default()
    };
    let started = Instant::now();
    let name = train_path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut log = |msg: &str| eprintln!("[{:>6.1}s] {msg}", started.elapsed().as_secs_f64());
    let data = data_dir(args.data.as_ref());
    let raw: Vec<Vec<String>> = unlabeled_text(&data, true)
        .into_iter()
        .map(|s| {
            s.iter()
                .map(|w| gazette_syntax::words::lower_form(w))
                .collect()
        })
        .collect();
    log(&format!(
        "clusters from {} sentences of unlabeled text",
        raw.len()
    ));
    let clusters = gazette_syntax::clusters::Clusters::build(
        &raw,
        gazette_syntax::clusters::Settings::default(),
    );
    log(&format!("  {} words clustered", clusters.len()));
    let model = train::train(&trainset, &devset, clusters, cfg, &name, &mut log);
    let meta_path = write_model(&args.out, |path| model.save(path), &model.meta)?;
    let size = std::fs::metadata(&args.out)?.len();
    eprintln!(
        "wrote {} ({:.1} MB; tagger {} features, parser {} features) and {}",
        args.out.display(),
        size as f64 / 1e6,
        model.tagger.n_features(),
        model.parser.n_features(),
        meta_path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Penn tags from gazette's own tagger, as the recognizer will see them at run time.
fn pos_tags(sentences: &[gazette_ner::conll::Sentence]) -> Vec<Vec<String>> {
    let model = gazette_syntax::SyntaxModel::english();
    sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            model
                .penn_tags(&words)
                .into_iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

pub fn ner(args: &TrainNerArgs) -> anyhow::Result<ExitCode> {
    let data = data_dir(args.data.as_ref());
    let dir = data.join("ner/conll2003");
    let started = Instant::now();
    let mut log = |msg: &str| eprintln!("[{:>6.1}s] {msg}", started.elapsed().as_secs_f64());
    let read = |name: &str| {
        gazette_ner::conll::read_path(&dir.join(name))
            .with_context(|| format!("reading {}", dir.join(name).display()))
    };
    let (mut trainset, devset) = (read("eng.train")?, read("eng.testa")?);
    if args.with_dev {
        // Document numbers restart in each file; keep the development documents apart.
        let after = trainset.last().map_or(0, |s| s.doc + 1);
        trainset.extend(devset.iter().cloned().map(|mut s| {
            s.doc += after;
            s
        }));
    }
    log(&format!(
        "gazetteer from {}",
        data.join("gazetteer").display()
    ));
    let gazetteer = gazette_ner::gazetteer::Gazetteer::build(&data.join("gazetteer"))
        .context("building the gazetteer")?;
    log(&format!(
        "  {} phrases; tagging {} + {} sentences",
        gazetteer.len(),
        trainset.len(),
        devset.len()
    ));
    let (train_tags, dev_tags) = (pos_tags(&trainset), pos_tags(&devset));
    let cfg = gazette_ner::train::Settings {
        epochs: args.epochs,
        seed: args.seed,
        min_count: args.min_count,
        min_weight: args.min_weight,
        bag: args.bag,
    };
    let raw = unlabeled_text(&data, !args.clusters_without_conll);
    log(&format!(
        "clusters from {} sentences of unlabeled text",
        raw.len()
    ));
    let clusters =
        gazette_ner::clusters::Clusters::build(&raw, gazette_ner::clusters::Settings::default());
    log(&format!("  {} words clustered", clusters.len()));
    log(&format!("recognizer: {} epochs", cfg.epochs));
    let mut model = gazette_ner::train::train(
        gazette_ner::train::Tagged {
            sentences: &trainset,
            tags: &train_tags,
        },
        gazette_ner::train::Tagged {
            sentences: &devset,
            tags: &dev_tags,
        },
        gazetteer,
        clusters,
        cfg,
        if args.with_dev {
            "CoNLL-2003 eng.train and eng.testa"
        } else {
            "CoNLL-2003 eng.train"
        },
        &mut log,
    );
    if args.with_dev {
        // Scored on sentences it was trained on: no figure to keep.
        model.meta.dev_scores.clear();
        log("(the development score above is on sentences in training; not stored)");
    }
    let meta_path = write_model(&args.out, |path| model.save(path), &model.meta)?;
    eprintln!(
        "wrote {} ({:.1} MB, {} features) and {}",
        args.out.display(),
        std::fs::metadata(&args.out)?.len() as f64 / 1e6,
        model.n_features(),
        meta_path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// "UNITED NATIONS" → "United Nations", "HEWLETT-PACKARD" → "Hewlett-Packard"; short
/// acronyms ("NATO") stay as they are.
fn title_case(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() == 1 && words[0].chars().count() <= 5 {
        return words[0].to_string();
    }
    // The first letter up ("(china)" → "(China)"); roman numerals all up ("G-III").
    let capitalized = |part: &str| {
        if (2..=4).contains(&part.len()) && part.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) {
            return part.to_uppercase();
        }
        match part.find(char::is_alphanumeric) {
            Some(at) => {
                let mut rest = part[at..].chars();
                let first = rest.next().map(|f| f.to_uppercase().collect::<String>());
                format!(
                    "{}{}{}",
                    &part[..at],
                    first.unwrap_or_default(),
                    rest.as_str()
                )
            }
            None => part.to_string(),
        }
    };
    // Small words stay lowercase inside a name, alone or before a hyphen ("Bank for
    // International Settlements", "Bashar al-Assad"); each part after a hyphen is capitalized.
    let small = |part: &str| {
        matches!(
            part,
            "of" | "and" | "the" | "for" | "in" | "on" | "de" | "al"
        )
    };
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            w.to_lowercase()
                .split('-')
                .enumerate()
                .map(|(j, part)| {
                    // "Qatar-based", "state-owned", "Co-operation" keep the lowercase part.
                    let attached = j > 0
                        && matches!(
                            part,
                            "based"
                                | "owned"
                                | "run"
                                | "backed"
                                | "led"
                                | "operation"
                                | "ordination"
                        );
                    if i > 0 && j == 0 && small(part) || attached {
                        part.to_string()
                    } else {
                        capitalized(part)
                    }
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

pub fn kb(args: &TrainKbArgs) -> anyhow::Result<ExitCode> {
    use std::collections::{BTreeMap, BTreeSet};
    use std::io::BufRead;
    let data = data_dir(args.data.as_ref());
    let dir = data.join("gazetteer");
    let countries: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
        dir.join("geonames/countries.json"),
    )?)?;
    // City names, to keep the PETRARCH country records' city aliases out of country names.
    let mut cities: BTreeSet<String> = BTreeSet::new();
    for line in std::io::BufReader::new(std::fs::File::open(
        dir.join("geonames/cities15000_latin.jsonl"),
    )?)
    .lines()
    {
        if let Ok(c) = serde_json::from_str::<serde_json::Value>(&line?)
            && let Some(n) = c["name"].as_str()
        {
            cities.insert(gazette_ner::kb::key(n));
        }
    }
    // id → (label, canonical, aliases, capitals)
    let mut entries: BTreeMap<String, (String, String, BTreeSet<String>, BTreeSet<String>)> =
        BTreeMap::new();
    let mut by_code: BTreeMap<String, String> = BTreeMap::new();
    // An international organization's code → the entries recorded under it alone.
    let mut by_org_code: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in countries.as_object().into_iter().flat_map(|m| m.values()) {
        let (Some(iso3), Some(name)) = (c["iso3"].as_str(), c["name"].as_str()) else {
            continue;
        };
        let id = format!("country:{}", iso3.to_lowercase());
        let mut capitals = BTreeSet::new();
        if let Some(cap) = c["capital"].as_str().filter(|s| !s.is_empty()) {
            capitals.insert(cap.to_string());
        }
        entries.insert(
            id.clone(),
            ("LOC".into(), name.to_string(), BTreeSet::new(), capitals),
        );
        by_code.insert(iso3.to_string(), id);
    }
    for line in std::io::BufReader::new(std::fs::File::open(
        dir.join("petrarch_actors/actors.jsonl"),
    )?)
    .lines()
    {
        let a: serde_json::Value = serde_json::from_str(&line?)?;
        let file = a["file"].as_str().unwrap_or("");
        let canonical = a["canonical"].as_str().unwrap_or("").replace('_', " ");
        // The items of one of the record's lists (none when it has no such list).
        let list = |key: &str| a[key].as_array().into_iter().flatten();
        let defaults: Vec<&str> = list("default_codes").filter_map(|v| v.as_str()).collect();
        let codes: Vec<&str> = list("codes").filter_map(|c| c["code"].as_str()).collect();
        // A record with dated codes names its code of today last, with no end date: the
        // successor states' own records (UKRAINE: USRUKR until 1991, then UKR).
        let current: Option<&str> = list("codes")
            .filter(|c| c["to"].is_null())
            .filter_map(|c| c["code"].as_str())
            .next_back();
        // Exact aliases, and prefix aliases ("RUSSIAN" also matches "RUSSIANS"), with the
        // plural of demonyms written out since the base matches names exactly.
        let mut aliases: Vec<String> = list("aliases")
            .filter_map(|v| v.as_str())
            .map(|s| s.replace('_', " "))
            .collect();
        for stem in list("aliases_stem").filter_map(|v| v.as_str()) {
            let stem = stem.replace('_', " ");
            if stem.ends_with("AN") {
                aliases.push(format!("{stem}S"));
            }
            aliases.push(stem);
        }
        let country_code = match (codes.is_empty(), defaults.as_slice()) {
            (true, [code]) => Some(*code),
            (false, _) => current.filter(|c| c.len() == 3),
            _ => None,
        };
        if let Some(code) = country_code.filter(|_| file.contains("Countries")) {
            // The country's own record: names, foreign names and demonyms (not its cities).
            if let Some(id) = by_code.get(code) {
                let e = entries.get_mut(id).expect("country entry exists");
                // The dictionaries list regions and cities as country aliases too; keep the
                // names and demonyms, which share their first letters with the country's name.
                let stems: Vec<String> = [e.1.as_str(), canonical.as_str()]
                    .iter()
                    .map(|n| gazette_ner::kb::key(n).chars().take(3).collect())
                    .collect();
                for n in std::iter::once(canonical.clone()).chain(aliases) {
                    let k = gazette_ner::kb::key(&n);
                    if !cities.contains(&k) && stems.iter().any(|s| k.starts_with(s.as_str())) {
                        // The people too ("Iraqis" of IRAQI), where the list has only the word.
                        if gazette_ner::gazetteer::nationality(&n, &canonical) {
                            e.2.extend(gazette_ner::gazetteer::people_of(&n));
                        }
                        e.2.insert(n);
                    }
                }
            } else if code.len() == 6
                && code.ends_with("GOV")
                && (canonical.split_whitespace().count() == 1
                    || ["HOUSE", "PALACE", "STREET"]
                        .iter()
                        .any(|w| canonical.ends_with(w)))
            {
                // Seats of government ("KREMLIN" → RUSGOV) stand for their country.
                if let Some(id) = by_code.get(&code[..3]) {
                    entries
                        .get_mut(id)
                        .expect("country entry exists")
                        .2
                        .insert(canonical.clone());
                }
            }
        } else if file.contains("International")
            && !canonical.is_empty()
            && !gazette_ner::kb::holds_office(&canonical, &codes, &defaults)
        {
            let name = title_case(canonical.strip_prefix("THE ").unwrap_or(&canonical));
            let id = format!("org:{}", slug(&name));
            if let ([code], true) = (defaults.as_slice(), codes.is_empty()) {
                by_org_code
                    .entry(code.to_string())
                    .or_default()
                    .insert(id.clone());
            }
            let e = entries
                .entry(id)
                .or_insert_with(|| ("ORG".into(), name, BTreeSet::new(), BTreeSet::new()));
            e.2.extend(aliases);
        }
    }
    // The lists give an organization's initials as a record of their own, under the same
    // code ("IAEA" and "INTERNATIONAL ATOMIC ENERGY AGENCY", IGOUNOIAE): one organization,
    // under its full name. A code that is itself the initials ("NGO") is a kind, not one
    // organization; a company code (MNC) groups a country's companies, whose initials
    // collide ("BP", "Barclays Plc").
    for (code, ids) in by_org_code.iter().filter(|(c, _)| !c.contains("MNC")) {
        for short in ids {
            let initials = |id: &String| entries.get(id).map(|e| initials_of(&e.1));
            let Some(short_name) = entries
                .get(short)
                .map(|e| e.1.replace('.', "").to_uppercase())
            else {
                continue;
            };
            if short_name.contains(' ') || short_name.len() < 2 || code.starts_with(&short_name) {
                continue;
            }
            let Some(long) = ids
                .iter()
                .find(|id| *id != short && initials(id).as_deref() == Some(short_name.as_str()))
            else {
                continue;
            };
            let (_, name, aliases, _) = entries.remove(short).expect("entry exists");
            let e = entries.get_mut(long).expect("entry exists");
            e.2.insert(name);
            e.2.extend(aliases);
        }
    }
    let mut out = String::from(
        "# gazette knowledge base: id, label, canonical name, aliases (|), capitals (|), tab-separated.\n\
         # Built by `gazette train kb` from GeoNames (CC BY 4.0) and the PETRARCH actor dictionaries (MIT).\n\
         # Add lines to extend it; the first entity to claim a name keeps it.\n",
    );
    for (id, (label, canonical, aliases, capitals)) in &entries {
        let aliases: Vec<&str> = aliases
            .iter()
            .map(String::as_str)
            .filter(|a| !a.contains('\t') && !a.contains('|'))
            .collect();
        let capitals: Vec<&str> = capitals.iter().map(String::as_str).collect();
        out.push_str(&format!(
            "{id}\t{label}\t{canonical}\t{}\t{}\n",
            aliases.join("|"),
            capitals.join("|")
        ));
    }
    if let Some(parent) = args.out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&args.out, &out)?;
    let kb = gazette_ner::kb::KnowledgeBase::from_tsv(&out)?;
    eprintln!(
        "wrote {} ({} entities, {:.1} MB)",
        args.out.display(),
        kb.len(),
        out.len() as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}

/// Unlabeled text for word clusters, as token lists: the training parts of CoNLL-2003,
/// UD English EWT, PolNeAR, TempEval-3 (TimeBank, AQUAINT) and ECB+, and the MSRP training
/// sentences. Never a development or test part: words clustered from the text a model is
/// scored on would make its scores look better than they are on new text. `with_conll`:
/// whether CoNLL-2003's training sentences are in it.
fn unlabeled_text(data: &Path, with_conll: bool) -> Vec<Vec<String>> {
    let mut raw: Vec<Vec<String>> = Vec::new();
    if with_conll
        && let Ok(sentences) = gazette_ner::conll::read_path(&data.join("ner/conll2003/eng.train"))
    {
        raw.extend(sentences.into_iter().map(|s| s.words));
    }
    if let Ok(ewt) = gazette_syntax::conllu::read_path(
        &data.join("syntax/ud-english-ewt/en_ewt-ud-train.conllu"),
    ) {
        raw.extend(
            ewt.into_iter()
                .map(|s| s.words.into_iter().map(|w| w.form).collect()),
        );
    }
    let mut texts: Vec<String> = Vec::new();
    if let Ok(polnear) = std::fs::read_to_string(data.join("quotes/polnear/train.jsonl")) {
        for line in polnear.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                texts.push(v["text"].as_str().unwrap_or("").to_string());
            }
        }
    }
    // TimeBank and AQUAINT news (the TempEval-3 training part), tags stripped.
    let tag = regex::Regex::new(r"<[^>]*>").expect("tag pattern");
    for sub in ["TimeBank", "AQUAINT"] {
        if let Ok(entries) = std::fs::read_dir(data.join("timex/tempeval3/train").join(sub)) {
            for e in entries.flatten() {
                if let Ok(raw) = std::fs::read_to_string(e.path()) {
                    texts.push(tag.replace_all(&raw, " ").into_owned());
                }
            }
        }
    }
    // ECB+ news (its training topics).
    if let Ok(ecb) = std::fs::read_to_string(data.join("stories/ecbplus/docs.jsonl")) {
        for line in ecb.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line)
                && v["split"].as_str() == Some("train")
            {
                texts.push(v["text"].as_str().unwrap_or("").to_string());
            }
        }
    }
    // MSRP news sentences (its training part).
    if let Ok(msrp) = std::fs::read_to_string(data.join("reuse/msrp/msr_paraphrase_train.txt")) {
        for line in msrp.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() == 5 {
                texts.push(format!("{}\n{}", cols[3], cols[4]));
            }
        }
    }
    {
        let word = regex::Regex::new(r"\w+(?:['’]\w+)?|[^\w\s]").expect("token pattern");
        for text in &texts {
            for sentence in text.split(['\n', '.']) {
                let toks: Vec<String> = word
                    .find_iter(sentence)
                    .map(|m| m.as_str().to_string())
                    .collect();
                if toks.len() > 1 {
                    raw.push(toks);
                }
            }
        }
    }
    raw
}

/// Writes a trained model to `out` (creating its folder) and its facts to `meta.json`
/// beside it; returns the path of `meta.json`.
fn write_model(
    out: &Path,
    save: impl FnOnce(&Path) -> Result<(), gazette_learn::file::ModelError>,
    meta: &gazette_learn::file::ModelMeta,
) -> anyhow::Result<std::path::PathBuf> {
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    save(out).with_context(|| format!("writing {}", out.display()))?;
    let meta_path = out.with_file_name("meta.json");
    std::fs::write(&meta_path, serde_json::to_string_pretty(meta)? + "\n")?;
    Ok(meta_path)
}

pub fn extraction(args: &TrainExtractionArgs) -> anyhow::Result<ExitCode> {
    use gazette_eval::trafilatura_eval::{self, Counts};
    use gazette_extract::classify;
    let dir = data_dir(args.data.as_ref()).join(trafilatura_eval::DIR);
    let gold = trafilatura_eval::load_gold(&dir)?;
    let (mut train, mut held_out) = (Vec::new(), Vec::new());
    for entry in gold.values() {
        let path = entry.path(&dir);
        let page = match gazette_ingest::read_path(&path) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("gazette: {}: {e} (skipped)", path.display());
                continue;
            }
        };
        let labeled = trafilatura_eval::labeled_page(entry, page.text);
        if trafilatura_eval::is_held_out(&entry.file) {
            held_out.push((entry.clone(), labeled));
        } else {
            train.push(labeled);
        }
    }
    let (article, furniture) = classify::label_counts(&train);
    eprintln!(
        "training on {} pages ({article} article blocks, {furniture} furniture blocks), {} pages held out",
        train.len(),
        held_out.len()
    );
    let started = Instant::now();
    let meta = gazette_learn::file::ModelMeta {
        format: classify::MODEL_FORMAT,
        trained_on: format!(
            "trafilatura evaluation set, the {} pages outside the held-out quarter (blocks labeled by its must/must-not snippets)",
            train.len()
        ),
        license:
            "Apache-2.0 (trafilatura repository); the pages are cached copies of public web pages"
                .into(),
        settings: format!("epochs={} seed={} bag={}", args.epochs, args.seed, args.bag),
        dev_scores: Vec::new(),
    };
    let mut model = classify::train(&train, args.epochs, args.seed, args.bag, meta);
    // Held-out snippet scores with and without the classifier.
    let score = |model: Option<&classify::BlockModel>| {
        let mut c = Counts::default();
        for (entry, page) in &held_out {
            let text = gazette_extract::from_html_with(&page.html, &Default::default(), model)
                .doc
                .text()
                .to_string();
            c.add(entry, (!text.is_empty()).then_some(text.as_str()));
        }
        c
    };
    let (rules, learned) = (score(None), score(Some(&model)));
    model.meta.dev_scores = vec![
        ("held_out_f1_rules_only".into(), rules.f1()),
        ("held_out_f1".into(), learned.f1()),
    ];
    eprintln!(
        "trained in {:.1} s; held-out snippet F1 {:.4} (rules alone {:.4})",
        started.elapsed().as_secs_f64(),
        learned.f1(),
        rules.f1()
    );
    let meta_path = write_model(&args.out, |path| model.save(path), &model.meta)?;
    eprintln!(
        "wrote {} ({:.1} KB) and {}",
        args.out.display(),
        std::fs::metadata(&args.out)?.len() as f64 / 1e3,
        meta_path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Counts, on PolNeAR's training articles, how often each verb and complement frame is
/// an attribution cue (a verb token inside an annotated cue span), and writes the lexicon
/// the quote extractor reads.
pub fn quotes(args: &TrainQuotesArgs) -> anyhow::Result<ExitCode> {
    let data = data_dir(args.data.as_ref());
    let path = data.join(gazette_eval::polnear::DIR).join("train.jsonl");
    let started = Instant::now();
    let docs = gazette_eval::polnear::read(&path)
        .with_context(|| format!("reading {}", path.display()))?;
    eprintln!("analyzing {} training articles", docs.len());
    let pipeline = gazette_analyze::Pipeline::new(vec![
        Box::new(gazette_analyze::Tokenizer),
        Box::new(gazette_analyze::SentenceSplitter),
        Box::new(gazette_analyze::SyntaxAnnotator::default()),
        Box::new(gazette_analyze::EntityAnnotator::default()),
        // The quote rules read the times too (a time is never a speaker or a content):
        // training must see the layers the extractor sees at run time.
        Box::new(gazette_analyze::TimexAnnotator::default()),
    ])?;
    let bar = indicatif::ProgressBar::new(docs.len() as u64);
    let mut lexicon = gazette_analyze::CueLexicon::default();
    let (mut verbs, mut cues) = (0usize, 0usize);
    let mut analyzed = Vec::with_capacity(docs.len());
    for gold in &docs {
        bar.inc(1);
        let mut doc = gazette_doc::Doc::new(gold.text().to_string(), gazette_doc::Meta::default());
        if let Err(e) = pipeline.run(&mut doc) {
            bar.suspend(|| eprintln!("{}: {e}", gold.id()));
            continue;
        }
        let spans = gold.cue_spans();
        let tokens = doc.tokens();
        for (v, lemma, frame) in gazette_analyze::cue_candidates(&doc) {
            let (s, e) = (tokens[v].start, tokens[v].end);
            let is_cue = spans.iter().any(|&(cs, ce)| s < ce && cs < e);
            lexicon.count(&lemma, frame, is_cue);
            // Verbs seen too rarely to judge alone are judged by their frame (lemma `*`).
            lexicon.count("*", frame, is_cue);
            verbs += 1;
            cues += is_cue as usize;
        }
        analyzed.push((doc, gold.content_spans(), gold.attribution_spans()));
    }
    bar.finish_and_clear();
    // The lexicon as it will be read back (rows seen too rarely dropped).
    let lexicon = gazette_analyze::CueLexicon::from_tsv(&lexicon.to_tsv())
        .map_err(|e| anyhow::anyhow!("cue lexicon: {e}"))?;
    let mut data = Vec::new();
    let mut speakers = Vec::new();
    let mut ends = Vec::new();
    for (mut doc, gold, attributions) in analyzed {
        speakers.extend(gazette_analyze::attribution::speaker::instances(
            &doc,
            &lexicon,
            &attributions,
        ));
        // The edge ranker learns from the extractor's own contents, as found with the
        // committed models (so a retraining reaches a fixed point, as after entity changes).
        let quotes = gazette_analyze::unrefined_quotes(&doc);
        doc.set_quotes(quotes)?;
        ends.extend(gazette_analyze::attribution::boundary::instances(
            &doc, &gold,
        ));
        data.extend(gazette_analyze::attribution::examples(
            &gazette_analyze::attribution::Labeled {
                doc: &doc,
                lexicon: &lexicon,
                gold,
            },
        ));
    }
    eprintln!(
        "speaker ranker: {} contents whose source is a candidate, {} epochs",
        speakers.len(),
        args.epochs
    );
    let settings = gazette_analyze::attribution::Settings {
        epochs: args.epochs,
        seed: args.seed,
        bag: args.bag,
    };
    let speaker_model =
        gazette_analyze::attribution::train_ranker(speakers, settings, "speaker", &mut |m| {
            eprintln!("{m}")
        });
    eprintln!(
        "edge ranker: {} content edges to choose, {} epochs",
        ends.len(),
        args.epochs
    );
    let boundary_model =
        gazette_analyze::attribution::train_ranker(ends, settings, "edge", &mut |m| {
            eprintln!("{m}")
        });
    let positives = data.iter().filter(|(_, y)| *y).count();
    eprintln!(
        "content scorer: {} candidates, {positives} contents, {} epochs",
        data.len(),
        args.epochs
    );
    let model =
        gazette_analyze::attribution::train(data, settings, "PolNeAR train", &mut |m: &str| {
            eprintln!("{m}")
        });
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&args.out, lexicon.to_tsv())
        .with_context(|| format!("writing {}", args.out.display()))?;
    model
        .save(&args.content_out)
        .with_context(|| format!("writing {}", args.content_out.display()))?;
    speaker_model
        .save(&args.speaker_out)
        .with_context(|| format!("writing {}", args.speaker_out.display()))?;
    boundary_model
        .save(&args.boundary_out)
        .with_context(|| format!("writing {}", args.boundary_out.display()))?;
    eprintln!(
        "{verbs} verbs, {cues} in cue spans; wrote {} in {:.1} s",
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// The initials of a name's words, function words left out ("International Atomic Energy
/// Agency" → "IAEA", "Association of South East Asian Nations" → "ASEAN").
fn initials_of(name: &str) -> String {
    const SMALL: &[&str] = &[
        "of", "the", "and", "for", "on", "in", "de", "des", "la", "du",
    ];
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !SMALL.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn initials_leave_function_words_out() {
        assert_eq!(
            super::initials_of("International Atomic Energy Agency"),
            "IAEA"
        );
        assert_eq!(
            super::initials_of("Association of South East Asian Nations"),
            "ASEAN"
        );
        assert_eq!(
            super::initials_of("Action Internationale Contre La Faim"),
            "AICF"
        );
        assert_eq!(super::initials_of("Afro-Asian Solidarity"), "AAS");
    }

    #[test]
    fn dictionary_names_in_capitals_read_as_names() {
        for (written, name) in [
            ("UNITED NATIONS", "United Nations"),
            ("NATO", "NATO"),
            (
                "BANK FOR INTERNATIONAL SETTLEMENTS",
                "Bank for International Settlements",
            ),
            ("HEWLETT-PACKARD", "Hewlett-Packard"),
            ("AL-JAZEERA", "Al-Jazeera"),
            (
                "DUBAI-BASED BROADCASTER AL-ARABIYA",
                "Dubai-based Broadcaster al-Arabiya",
            ),
            (
                "E-HOUSE (CHINA) HOLDINGS LIMITED",
                "E-House (China) Holdings Limited",
            ),
            ("G-III APPAREL GROUP LTD", "G-III Apparel Group Ltd"),
            (
                "ORGANIZATION FOR SECURITY AND CO-OPERATION IN EUROPE",
                "Organization for Security and Co-operation in Europe",
            ),
        ] {
            assert_eq!(super::title_case(written), name);
        }
    }

    #[test]
    fn the_development_check_leaves_exactly_conlls_training_sentences_out() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        let conll = gazette_ner::conll::read_path(&data.join("ner/conll2003/eng.train"))
            .expect("CoNLL-2003 training sentences in ../shared");
        let (with, without) = (
            super::unlabeled_text(&data, true),
            super::unlabeled_text(&data, false),
        );
        assert!(without.len() > 10_000, "the other unlabeled text is read");
        assert_eq!(with.len() - without.len(), conll.len());
        assert_eq!(
            with[..conll.len()],
            conll.iter().map(|s| s.words.clone()).collect::<Vec<_>>()[..]
        );
        assert_eq!(with[conll.len()..], without[..]);
    }
}
