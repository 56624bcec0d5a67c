//! Development aid: does a right-to-left tagger voting with the left-to-right one tag EWT
//! dev better? `cargo run --release -p gazette-syntax --example bitag_dev -- EWT_DIR`
use gazette_syntax::tagger::{self, TagTraining};
use gazette_syntax::{SyntaxModel, conllu, train::reversed, words::WordInfo};

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("EWT dir"));
    let train = conllu::read_path(&dir.join("en_ewt-ud-train.conllu")).unwrap();
    let dev = conllu::read_path(&dir.join("en_ewt-ud-dev.conllu")).unwrap();
    let clusters = &SyntaxModel::english().clusters;
    let cfg = TagTraining {
        epochs: 8,
        seed: 1,
        min_count: 5,
        min_weight: 1.0,
    };
    let fwd = tagger::train(&train, clusters, cfg, &[], &mut |_, _| {});
    let back_train: Vec<_> = train.iter().map(reversed).collect();
    let bwd = tagger::train(&back_train, clusters, cfg, &fwd.tags, &mut |_, _| {});
    let map: Vec<usize> = bwd
        .tags
        .iter()
        .map(|t| fwd.tags.iter().position(|x| x == t).unwrap_or(0))
        .collect();
    let weights: Vec<f32> = std::env::args()
        .skip(2)
        .map(|w| w.parse().unwrap())
        .collect();
    let weights = if weights.is_empty() {
        vec![0.0, 0.5, 1.0, 2.0]
    } else {
        weights
    };
    let (mut n, mut ok_f, mut ok_b) = (0usize, 0usize, 0usize);
    let mut ok_v = vec![0usize; weights.len()];
    for s in &dev {
        let infos: Vec<WordInfo> = s
            .words
            .iter()
            .map(|w| WordInfo::new(&w.form).with_clusters(clusters))
            .collect();
        let back: Vec<WordInfo> = infos.iter().rev().copied().collect();
        let (tf, sf) = fwd.tag_with_scores(&infos);
        let (mut tb, mut sb) = bwd.tag_with_scores(&back);
        tb.reverse();
        sb.reverse();
        for (i, w) in s.words.iter().enumerate() {
            n += 1;
            let gold = |t: usize| fwd.tags[t].0 == w.upos;
            ok_f += gold(tf[i] as usize) as usize;
            ok_b += gold(map[tb[i] as usize]) as usize;
            for (k, &wb) in weights.iter().enumerate() {
                let t = if sf[i].is_empty() || sb[i].is_empty() {
                    tf[i] as usize
                } else {
                    let mut comb = sf[i].clone();
                    for (c, &x) in sb[i].iter().enumerate() {
                        comb[map[c]] += wb * x;
                    }
                    (0..comb.len())
                        .max_by(|&a, &b| comb[a].total_cmp(&comb[b]))
                        .unwrap()
                };
                ok_v[k] += gold(t) as usize;
            }
        }
    }
    let pct = |x: usize| x as f64 / n as f64;
    println!("UPOS forward {:.4} backward {:.4}", pct(ok_f), pct(ok_b));
    for (k, w) in weights.iter().enumerate() {
        println!("  vote, backward weight {w}: {:.4}", pct(ok_v[k]));
    }
}
