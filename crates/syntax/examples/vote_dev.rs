//! Experiment: do several parsers vote a better tree than the best of them alone?
//! Dev set, gold words, tags from the default tagger.
//! `MODELS=greedy:l:1,beam:l:1.5,/tmp/r2l.bin.gz:r:1 cargo run --release -p gazette-syntax --example vote_dev -- ../shared/data/syntax/ud-english-ewt`
//! (`greedy` and `beam` are the bundled models; `r` reads the sentence right to left.)
use gazette_syntax::SyntaxModel;
use gazette_syntax::conllu::read_path;
use gazette_syntax::score::universal;
use gazette_syntax::vote::{Tree, combine};
use gazette_syntax::words::WordInfo;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("treebank dir"));
    let dev = read_path(&dir.join("en_ewt-ud-dev.conllu")).unwrap();
    // ENSEMBLE=PATH VOTE_W=main,c1,c2,...: a model with companions, reweighted.
    if let Ok(path) = std::env::var("ENSEMBLE") {
        let mut m = SyntaxModel::load(std::path::Path::new(&path)).unwrap();
        if let Ok(w) = std::env::var("VOTE_W") {
            let w: Vec<f32> = w.split(',').map(|x| x.parse().unwrap()).collect();
            m.parser_weight = w[0];
            for (c, x) in m.companions.iter_mut().zip(&w[1..]) {
                c.weight = *x;
            }
        }
        if let Some(b) = std::env::var("BEAM").ok().and_then(|x| x.parse().ok()) {
            m.parser.beam = b;
            for c in &mut m.companions {
                if c.parser.beam > 1 {
                    c.parser.beam = b;
                }
            }
        }
        let t = std::time::Instant::now();
        let s = gazette_syntax::score::gold_tokens(&m, &dev);
        eprintln!("{:.1} s", t.elapsed().as_secs_f64());
        println!("ensemble UAS {:.4} LAS {:.4}", s.uas, s.las);
        return;
    }
    let spec = std::env::var("MODELS").expect("MODELS=path:l|r:weight,...");
    let mut models: Vec<(String, &'static SyntaxModel, bool, f32)> = Vec::new();
    for item in spec.split(',') {
        let f: Vec<&str> = item.split(':').collect();
        let mut m: SyntaxModel = match f[0] {
            "greedy" => SyntaxModel::english().clone(),
            "beam" => SyntaxModel::english_accurate().clone(),
            p => SyntaxModel::load(std::path::Path::new(p)).unwrap(),
        };
        if let Some(w) = std::env::var("PRUNE").ok().and_then(|x| x.parse().ok()) {
            m.parser.prune(w);
            let path = format!("/tmp/pruned_{}.bin.gz", models.len());
            m.save(std::path::Path::new(&path)).unwrap();
            eprintln!(
                "{} features, {} bytes",
                m.parser.n_features(),
                std::fs::metadata(&path).unwrap().len()
            );
        }
        let m: &'static SyntaxModel = Box::leak(Box::new(m));
        models.push((f[0].to_string(), m, f[1] == "r", f[2].parse().unwrap()));
    }
    let main = SyntaxModel::english();
    let labels = &main.parser.labels;
    let k = models.len() + 1;
    let (mut n, mut uas, mut las) = (0usize, vec![0usize; k], vec![0usize; k]);
    for s in &dev {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let infos: Vec<WordInfo> = main.word_infos(&forms);
        let tags = main.tagger.tag(&infos);
        let len = forms.len();
        let mut trees: Vec<Tree> = Vec::new();
        for (_, m, rev, _) in &models {
            let map = |t: u16| {
                let name = &main.tagger.tags[t as usize];
                m.tagger.tags.iter().position(|x| x == name).unwrap_or(0) as u16
            };
            let relabel = |l: u16| {
                labels
                    .iter()
                    .position(|x| *x == m.parser.labels[l as usize])
                    .unwrap_or(0) as u16
            };
            if *rev {
                let rinfos: Vec<WordInfo> = infos.iter().rev().cloned().collect();
                let rtags: Vec<u16> = tags.iter().rev().map(|&t| map(t)).collect();
                let t = m.parser.parse(&rinfos, &rtags);
                let mut tree = vec![(None, 0u16); len];
                for (ri, (h, l)) in t.iter().enumerate() {
                    tree[len - 1 - ri] = (h.map(|h| len - 1 - h), relabel(*l));
                }
                trees.push(tree);
            } else {
                let mtags: Vec<u16> = tags.iter().map(|&t| map(t)).collect();
                let t = m.parser.parse(&infos, &mtags);
                trees.push(t.iter().map(|(h, l)| (*h, relabel(*l))).collect());
            }
        }
        let weighted: Vec<(&Tree, f32)> = trees.iter().zip(models.iter().map(|m| m.3)).collect();
        let voted = combine(len, &weighted);
        trees.push(voted);
        for (i, g) in s.words.iter().enumerate() {
            n += 1;
            for (m, t) in trees.iter().enumerate() {
                let head = t[i].0.map_or(0, |h| h + 1);
                if head == g.head {
                    uas[m] += 1;
                    las[m] +=
                        (universal(&labels[t[i].1 as usize]) == universal(&g.deprel)) as usize;
                }
            }
        }
    }
    let mut names: Vec<String> = models.iter().map(|m| m.0.clone()).collect();
    names.push("vote".into());
    for (m, name) in names.iter().enumerate() {
        println!(
            "{name:24} UAS {:.4} LAS {:.4}",
            uas[m] as f64 / n as f64,
            las[m] as f64 / n as f64
        );
    }
}
