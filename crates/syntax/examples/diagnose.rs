//! Development aid: dev-set scores with predicted and with gold tags, to see how much
//! of the parser's error comes from tagging. `cargo run --release -p gazette-syntax
//! --example diagnose -- MODEL DEV.conllu`
use gazette_syntax::{SyntaxModel, conllu, score, words::WordInfo};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let model = SyntaxModel::load(std::path::Path::new(&args[1])).expect("model loads");
    let dev = conllu::read_path(std::path::Path::new(&args[2])).expect("dev reads");
    let s = score::gold_tokens(&model, &dev);
    println!(
        "predicted tags: UPOS {:.4} XPOS {:.4} UAS {:.4} LAS {:.4}",
        s.upos, s.xpos, s.uas, s.las
    );
    let (mut n, mut uas, mut las) = (0, 0, 0);
    for sent in &dev {
        let infos: Vec<WordInfo> = sent.word_infos(&model.clusters);
        let tags: Vec<u16> = sent
            .words
            .iter()
            .map(|w| {
                model
                    .tagger
                    .tags
                    .iter()
                    .position(|t| t.0 == w.upos && t.1 == w.xpos)
                    .unwrap_or(0) as u16
            })
            .collect();
        for (w, (h, l)) in sent.words.iter().zip(model.parser.parse(&infos, &tags)) {
            n += 1;
            let h = h.map_or(0, |h| h + 1);
            if h == w.head {
                uas += 1;
                las += (score::universal(&w.deprel)
                    == score::universal(&model.parser.labels[l as usize]))
                    as usize;
            }
        }
    }
    // Most frequent UPOS confusions, and how many errors fall on words unseen in training.
    let mut conf: std::collections::BTreeMap<(String, String), usize> = Default::default();
    let mut examples: std::collections::BTreeMap<(String, String), Vec<String>> =
        Default::default();
    for sent in &dev {
        let forms: Vec<&str> = sent.words.iter().map(|w| w.form.as_str()).collect();
        for (w, a) in sent.words.iter().zip(model.analyze(&forms)) {
            if w.upos != a.upos {
                *conf.entry((w.upos.clone(), a.upos.clone())).or_default() += 1;
                let e = examples
                    .entry((w.upos.clone(), a.upos.clone()))
                    .or_default();
                if e.len() < 8 {
                    e.push(w.form.clone());
                }
            }
        }
    }
    let mut v: Vec<_> = conf.into_iter().collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.1));
    for ((g, p), n) in v.iter().take(15) {
        println!(
            "{n:>5} gold {g:<6} predicted {p:<6} e.g. {:?}",
            examples[&(g.clone(), p.clone())]
        );
    }
    println!(
        "gold tags:      UAS {:.4} LAS {:.4}",
        uas as f64 / n as f64,
        las as f64 / n as f64
    );
}
