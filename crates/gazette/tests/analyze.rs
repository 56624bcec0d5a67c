//! `gazette analyze` on the seed article, the bundled examples and exact-offset input.

use crate::util::{check_doc, gazette, json_stream, repo, seed, succeeded};

/// `gazette analyze` of the seed article, published 2017-11-21, in `format`.
fn analyze_seed(format: &str) -> std::process::Output {
    succeeded(
        gazette()
            .args(["analyze", "--format", format, "--published", "2017-11-21"])
            .arg(seed())
            .output()
            .unwrap(),
    )
}

#[test]
fn seed_article_gives_a_valid_doc_with_title_and_clean_text() {
    let out = analyze_seed("json");
    let docs = json_stream(&out.stdout);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    check_doc(doc);
    assert_eq!(
        doc["title"],
        "Putin says he will talk to Trump following Assad meeting"
    );
    assert_eq!(doc["published"], "2017-11-21");
    assert_eq!(doc["meta_sources"]["published"], "--published");
    assert_eq!(doc["language"], "en");
    let text = doc["text"].as_str().unwrap();
    assert!(
        text.starts_with(
            "Russian President Putin meets with Syrian President al Assad in Sochi\n\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("allegations Moscow denies."),
        "trailing furniture kept: {:?}",
        &text[text.len() - 40..]
    );
    assert!(!text.contains("Other news"));
    // The title line is metadata, not body text.
    assert!(!text.contains("Putin says he will talk to Trump"));
    // Every layer is present; those not produced yet are empty and not listed as run.
    assert_eq!(
        doc["layers"],
        serde_json::json!([
            "tokens",
            "sentences",
            "syntax",
            "entities",
            "timexes",
            "quotes"
        ])
    );
    {
        let layer = "events";
        assert_eq!(doc[layer], serde_json::json!([]), "{layer}");
    }
    // Headline-like lines and quotes split where a reader would split them.
    let sentences: Vec<String> = doc["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            text.chars()
                .skip(s["start"].as_u64().unwrap() as usize)
                .take((s["end"].as_u64().unwrap() - s["start"].as_u64().unwrap()) as usize)
                .collect()
        })
        .collect();
    assert_eq!(
        sentences[0],
        "Russian President Putin meets with Syrian President al Assad in Sochi"
    );
    assert!(
        sentences
            .iter()
            .any(|s| s.starts_with("\"What is important now")
                && s.ends_with("quoted Putin as saying.")),
        "{sentences:#?}"
    );
    assert_eq!(sentences.len(), 14);

    // Syntax: "Assad thanked Putin for Russia's help ..." is parsed as a reader would.
    let tokens = doc["tokens"].as_array().unwrap();
    let form = |t: &serde_json::Value| -> String {
        text.chars()
            .skip(t["start"].as_u64().unwrap() as usize)
            .take((t["end"].as_u64().unwrap() - t["start"].as_u64().unwrap()) as usize)
            .collect()
    };
    let thanked = tokens.iter().position(|t| form(t) == "thanked").unwrap();
    let t = &tokens[thanked];
    assert_eq!(
        (
            t["pos"].as_str(),
            t["tag"].as_str(),
            t["lemma"].as_str(),
            t["dep"].as_str()
        ),
        (Some("VERB"), Some("VBD"), Some("thank"), Some("root"))
    );
    assert_eq!(t["head"], thanked, "a root is its own head");
    assert_eq!(form(&tokens[thanked - 1]), "Assad");
    assert_eq!(
        (
            tokens[thanked - 1]["dep"].as_str(),
            tokens[thanked - 1]["head"].as_u64()
        ),
        (Some("nsubj"), Some(thanked as u64))
    );
    // "Putin" attaches to "thanked"; its label is not checked (the shipped model calls it
    // advmod in this context, a known weakness listed in the model card).
    assert_eq!(tokens[thanked + 1]["head"].as_u64(), Some(thanked as u64));
    // Entities: people, organizations and places, short names linked to the full one.
    let entities = doc["entities"].as_array().unwrap();
    let find = |text: &str| {
        entities
            .iter()
            .filter(move |e| e["text"] == text)
            .collect::<Vec<_>>()
    };
    assert!(
        find("Dmitry Peskov")
            .iter()
            .all(|e| e["label"] == "PER" && e["entity_id"] == "per:dmitry-peskov")
    );
    assert!(!find("Dmitry Peskov").is_empty());
    assert!(find("SANA").iter().any(|e| e["label"] == "ORG"));
    assert!(
        find("Sochi")
            .iter()
            .all(|e| e["label"] == "LOC" && e["entity_id"] == "loc:sochi")
    );
    let putin: Vec<_> = find("Putin")
        .into_iter()
        .filter(|e| e["label"] == "PER")
        .collect();
    assert!(putin.len() >= 3, "{putin:?}");
    assert!(
        putin
            .iter()
            .all(|e| e["canonical"] == "Vladimir Putin" && e["entity_id"] == "per:vladimir-putin"),
        "{putin:?}"
    );

    // Quotes: who said what, through whom.
    let quotes = doc["quotes"].as_array().unwrap();
    let quote = |starts: &str| {
        quotes
            .iter()
            .find(|q| q["text"].as_str().unwrap().starts_with(starts))
            .unwrap_or_else(|| panic!("no quote {starts:?} in {quotes:#?}"))
    };
    let q = quote("What is important now");
    assert_eq!(q["kind"], "direct");
    assert_eq!(q["speaker"]["entity_id"], "per:vladimir-putin");
    assert!(q["via"]["text"].as_str().unwrap().ends_with("SANA"), "{q}");
    // The words that attribute it ("SANA quoted Putin as saying").
    assert_eq!(q["cue"]["text"], "quoted", "{q}");
    let q = quote("For Monday's meeting");
    assert_eq!(q["kind"], "indirect");
    assert_eq!(q["speaker"]["entity_id"], "per:dmitry-peskov");
    assert_eq!(q["via"]["text"], "RIA news agency");
    let q = quote("It must be admitted");
    assert_eq!(
        (q["kind"].as_str(), q["speaker"]["entity_id"].as_str()),
        (Some("direct"), Some("per:dmitry-peskov"))
    );
    let q = quote("the meeting is aimed at coordination");
    assert_eq!(q["speaker"]["canonical"], "Vladimir Putin");
    assert_eq!(q["cue"]["text"], "said", "{q}");
    assert_eq!(q["via"]["text"], "It");
    // "It" is a source named before it, never the pronoun itself.
    assert!(
        q["via"]["canonical"]
            .as_str()
            .is_some_and(|c| c != "It" && !c.is_empty()),
        "{q}"
    );
    // The lead: "Russian state-owned TV reports that ...".
    let q = quote("the president of Syria, Bashar al-Assad, has met");
    assert_eq!(q["speaker"]["text"], "Russian state-owned TV");
    let q = quote("I think now the main thing");
    assert_eq!(q["speaker"]["text"], "Assad");

    // The knowledge base gives aliases one identity: Russia = Russian Federation = the
    // Kremlin; "Russian" is Russia as an attribute; al Assad = Assad = Bashar al-Assad.
    for name in ["Russia", "Russian Federation", "Kremlin", "Russian"] {
        assert!(!find(name).is_empty(), "{name} not found");
        assert!(
            find(name).iter().all(|e| e["entity_id"] == "country:rus"),
            "{name}: {:?}",
            find(name)
        );
    }
    for name in ["al Assad", "Assad", "Bashar al-Assad"] {
        assert!(!find(name).is_empty(), "{name} not found");
        assert!(
            find(name)
                .iter()
                .all(|e| e["entity_id"] == "per:bashar-al-assad"
                    && e["canonical"] == "Bashar al-Assad"
                    && e["label"] == "PER"),
            "{name}: {:?}",
            find(name)
        );
    }
    // "allegations Moscow denies": Moscow acts, so it is the government.
    assert_eq!(find("Moscow").len(), 1);
    assert_eq!(find("Moscow")[0]["entity_id"], "country:rus");

    // Temporal expressions, resolved against the publication date (Tuesday 2017-11-21).
    let timexes: Vec<(String, String, String)> = doc["timexes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap().to_string(),
                t["type"].as_str().unwrap().to_string(),
                t["value"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for expected in [
        ("Thursday", "DATE", "2017-11-23"),
        ("yesterday evening", "TIME", "2017-11-20TEV"),
        ("Tuesday", "DATE", "2017-11-21"),
        ("October 2015", "DATE", "2015-10"),
        ("Monday", "DATE", "2017-11-20"),
        ("four hours", "DURATION", "PT4H"),
    ] {
        let e = (
            expected.0.to_string(),
            expected.1.to_string(),
            expected.2.to_string(),
        );
        assert!(timexes.contains(&e), "{expected:?} not in {timexes:?}");
    }
    // The possessive clitic is its own token, as in the treebank.
    assert_eq!(form(&tokens[thanked + 4]), "'s");
    assert_eq!(tokens[thanked + 4]["tag"], "POS");
}

/// The bundled examples as `gazette analyze --format jsonl examples` gives them, one Doc
/// each; run once for all the tests that read them.
fn analyzed_examples() -> &'static [serde_json::Value] {
    static DOCS: std::sync::OnceLock<Vec<serde_json::Value>> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| {
        let out = succeeded(
            gazette()
                .args(["analyze", "--format", "jsonl", "examples"])
                .output()
                .unwrap(),
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    })
}

/// The Doc among `docs` whose title starts with `title`.
fn titled<'a>(docs: &'a [serde_json::Value], title: &str) -> &'a serde_json::Value {
    docs.iter()
        .find(|d| d["title"].as_str().unwrap().starts_with(title))
        .unwrap_or_else(|| panic!("{title}"))
}

#[test]
fn bundled_examples_all_analyze_with_their_metadata() {
    let docs = analyzed_examples();
    let count = std::fs::read_dir(repo().join("examples")).unwrap().count();
    assert_eq!(docs.len(), count);
    for d in docs {
        check_doc(d);
        assert!(d["text"].as_str().unwrap().len() > 200, "{}", d["title"]);
    }
    let by_title = |t: &str| titled(docs, t);

    let html = by_title("EU and Norway agree");
    assert_eq!(html["byline"], "Ingrid Haugen");
    assert_eq!(html["published"], "2024-03-14T16:20:00+01:00");
    assert_eq!(
        html["meta_sources"]["published"],
        "json-ld datePublished, as in the url"
    );
    assert_eq!(
        html["url"],
        "https://wire.example.org/2024/03/14/eu-norway-cod-quotas"
    );
    assert_eq!(html["site"], "Northern Wire");
    assert_eq!(
        html["description"],
        "A 20 percent cut in the Barents Sea cod quota ends two days of difficult talks in Tromsø."
    );
    assert_eq!(html["meta_sources"]["description"], "meta og:description");
    let text = html["text"].as_str().unwrap();
    // The wire dateline is metadata, not article text.
    assert_eq!(html["dateline"], "TROMSØ, Norway (Northern Wire)");
    assert!(
        text.starts_with("The European Union and Norway agreed"),
        "{text}"
    );
    for furniture in [
        "Share on",
        "Photo:",
        "Related stories",
        "Herring",
        "All rights reserved",
        "By Ingrid",
        "Business",
    ] {
        assert!(!text.contains(furniture), "{furniture:?} in {text}");
    }

    let latin1 = by_title("Zürich café owners");
    assert_eq!(latin1["byline"], "Lukas Müller");
    assert!(latin1["text"].as_str().unwrap().contains("René Baumann"));

    let spun = by_title("EU, Norway Settle");
    assert!(spun["text"].as_str().unwrap().ends_with("around Svalbard."));

    let flood = by_title("Floodwaters recede");
    assert_eq!(flood["byline"], "Claire Martin");
    assert_eq!(flood["dateline"], "LYON, France");
    assert!(
        flood["text"]
            .as_str()
            .unwrap()
            .starts_with("Water levels on the Rhône")
    );
}

#[test]
fn every_quote_of_the_bundled_examples_has_its_speaker_and_channel() {
    let docs = analyzed_examples();
    // (title start, [(kind, content start, speaker entity or mention, channel)]) as a reader
    // of each article would list them.
    let expected: &[(&str, &[(&str, &str, &str, &str)])] = &[
        (
            "EU and Norway agree",
            &[
                (
                    "stance",
                    "cut the cod quota",
                    "The European Union and Norway",
                    "",
                ),
                ("direct", "This is not the deal", "per:marta-lindqvist", ""),
                (
                    "indirect",
                    "the cut would be reviewed",
                    "per:per-olav-dahl",
                    "",
                ),
                (
                    "indirect",
                    "Oslo would compensate",
                    "per:per-olav-dahl",
                    "his ministry",
                ),
                (
                    "indirect",
                    "the commission would present",
                    "per:marta-lindqvist",
                    "",
                ),
            ],
        ),
        (
            "EU, Norway Settle",
            &[
                (
                    "stance",
                    "reduce the cod allocation",
                    "The European Union and Norway",
                    "",
                ),
                ("direct", "This is not the deal", "per:lindqvist", ""),
                (
                    "indirect",
                    "the reduction would be examined",
                    "per:dahl",
                    "",
                ),
                ("indirect", "Oslo would repay", "per:dahl", ""),
            ],
        ),
        (
            "Floodwaters recede",
            &[
                (
                    "indirect",
                    "Water levels on the Rhône",
                    "the prefecture",
                    "",
                ),
                ("indirect", "Most were allowed", "city officials", ""),
                ("direct", "The worst is behind us", "per:paul-girard", ""),
                (
                    "indirect",
                    "damage would take months",
                    "per:paul-girard",
                    "",
                ),
                // Not "Météo-France expects rain to return on Tuesday": a forecast, which
                // PolNeAR's annotators mark as a cue for 4 in 28 of the people and
                // organizations that "expect" something (the cue lexicon). It was found
                // while the recognizer took the agency for a thing (MISC), for 9 in 14.
            ],
        ),
        (
            "Zürich café owners",
            &[
                ("direct", "We cannot pass this on", "per:rené-baumann", ""),
                (
                    "indirect",
                    "the fees had not been raised",
                    "A council spokeswoman",
                    "",
                ),
            ],
        ),
    ];
    for (title, quotes) in expected {
        let doc = titled(docs, title);
        let got: Vec<(String, String, String, String)> = doc["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                let speaker = &q["speaker"];
                let who = speaker["entity_id"]
                    .as_str()
                    .or(speaker["text"].as_str())
                    .unwrap_or("")
                    .to_string();
                (
                    q["kind"].as_str().unwrap().to_string(),
                    q["text"].as_str().unwrap().to_string(),
                    who,
                    q["via"]["text"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        assert_eq!(got.len(), quotes.len(), "{title}: {got:#?}");
        for ((kind, text, who, via), (k, start, w, v)) in got.iter().zip(quotes.iter()) {
            assert!(
                kind == k && text.starts_with(start) && who == w && via == v,
                "{title}: {got:#?}"
            );
        }
    }
}

#[test]
fn body_input_keeps_offsets_exact() {
    let input = "  Putin met Assad.\n\n“Four hours,” Peskov said.  \nOther news\n";
    let out = succeeded(
        gazette()
            .args(["analyze", "--input", "body", "--format", "jsonl", "-"])
            .write_stdin(input)
            .output()
            .unwrap(),
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    check_doc(&doc);
    assert_eq!(doc["text"], input);
    assert_eq!(doc["title"], serde_json::Value::Null);
    // "Peskov" at its char offset in the original input (the curly quotes count once).
    let tok = doc["tokens"].as_array().unwrap().iter().find(|t| {
        let s = t["start"].as_u64().unwrap() as usize;
        input.chars().skip(s).take(6).collect::<String>() == "Peskov"
    });
    assert_eq!(tok.unwrap()["start"], 34);
}

#[test]
fn input_kind_can_be_forced() {
    // Auto-detection reads this as HTML; --input text keeps the markup as text.
    let input = "<p>Sochi talks</p>\n\nThe talks ended.";
    let html = gazette()
        .args(["analyze", "--format", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&html.stdout).unwrap();
    assert!(!doc["text"].as_str().unwrap().contains("<p>"));
    let text = gazette()
        .args(["analyze", "--input", "text", "--format", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&text.stdout).unwrap();
    assert_eq!(doc["title"], "<p>Sochi talks</p>");
    assert_eq!(doc["text"], "The talks ended.");
}

#[test]
fn table_view_and_explain() {
    let out = analyze_seed("table");
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains(
            "title      Putin says he will talk to Trump following Assad meeting  [first line]"
        ),
        "{table}"
    );
    assert!(table.contains("published  2017-11-21  [--published]"));
    assert!(table.contains("  14  Assad's opponents"), "{table}");

    let out = gazette().args(["analyze", "--explain"]).output().unwrap();
    let explain = String::from_utf8(out.stdout).unwrap();
    assert!(explain.contains("sentence-splitter    tokens"), "{explain}");
    assert!(
        explain.contains("not produced yet (present and empty in output): events"),
        "{explain}"
    );
}

#[test]
fn the_schema_check_rejects_malformed_docs() {
    let out = gazette()
        .args(["analyze", "--format", "jsonl", "--published", "2017-11-21"])
        .arg(seed())
        .output()
        .unwrap();
    let good: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    check_doc(&good);
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("quotes");
    let mut bad_label = good.clone();
    bad_label["entities"] = serde_json::json!([{"text": "Russian", "start": 0, "end": 7, "label": "PERSON", "entity_id": "x", "canonical": "x"}]);
    let mut bad_date = good.clone();
    bad_date["published"] = "21 Nov 2017".into();
    let mut bad_offsets = good;
    bad_offsets["entities"] = serde_json::json!([{"text": "Putin", "start": 0, "end": 7, "label": "PER", "entity_id": "x", "canonical": "x"}]);
    for (name, doc) in [
        ("missing layer", missing),
        ("label", bad_label),
        ("date", bad_date),
        ("offsets", bad_offsets),
    ] {
        assert!(
            std::panic::catch_unwind(|| check_doc(&doc)).is_err(),
            "{name} was accepted"
        );
    }
}

#[test]
fn markdown_output_has_a_metadata_header_and_the_clean_body() {
    let out = gazette()
        .args(["analyze", "--format", "markdown"])
        .arg(repo().join("examples/fisheries-deal.html"))
        .arg(repo().join("crates/gazette/tests/data/wire.rss"))
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with(
            "---\ntitle: \"EU and Norway agree cod quotas after two days of talks\"\nauthor: \"Ingrid Haugen\"\ndate: \"2024-03-14T16:20:00+01:00\"\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("dateline: \"TROMSØ, Norway (Northern Wire)\"\n"),
        "{md}"
    );
    assert!(
        md.contains("---\n\nThe European Union and Norway agreed"),
        "{md}"
    );
    assert!(!md.contains("Share on"), "{md}");
    // A feed entry's list stays a Markdown list; each article has its own header.
    assert!(
        md.contains("\n\n- Ferries resumed on Thursday afternoon.\n- Cargo backlog"),
        "{md}"
    );
    // One page and three feed entries.
    assert_eq!(md.matches("---\ntitle: ").count(), 4, "{md}");
}
