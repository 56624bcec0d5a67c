//! Development aid: TempEval-3 scores and errors on a folder of annotated TimeML (the
//! training part, TBAQ-cleaned), never the test set.
//! `cargo run --release -p gazette-eval --example timex_dev -- ../shared/data/timex/tempeval3/train [N errors]`
use gazette_eval::tempeval;

fn main() {
    let dir = std::env::args().nth(1).expect("a folder of .tml files");
    let show: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let (counts, predictions) =
        tempeval::evaluate(std::path::Path::new(&dir), None, &|_, _| {}).expect("reads");
    for r in counts.rows() {
        println!("{:<12} {:.4}", r.metric, r.value);
    }
    println!("gold {} system {}", counts.gold, counts.system);
    if show == 0 {
        return;
    }
    let gold = tempeval::read_dir(std::path::Path::new(&dir)).expect("reads");
    let mut shown = 0;
    for (id, g) in &gold {
        let chars: Vec<char> = g.text.chars().collect();
        let text = |s: &tempeval::Span| chars[s.start..s.end].iter().collect::<String>();
        let sys = &predictions[id];
        for s in sys {
            match g
                .timexes
                .iter()
                .find(|x| x.start < s.end && s.start < x.end)
            {
                None => println!("SPURIOUS {:<30} {} {}", text(s), s.kind, s.value),
                Some(x) if x.value != s.value || x.start != s.start || x.end != s.end => {
                    println!(
                        "WRONG    {:<30} {} {}   gold {:?} {} {}",
                        text(s),
                        s.kind,
                        s.value,
                        text(x),
                        x.kind,
                        x.value
                    );
                    if std::env::var_os("TD_CONTEXT").is_some() {
                        let lo = s.start.saturating_sub(120);
                        let hi = (s.end + 80).min(chars.len());
                        println!(
                            "         dct {:?} | {}",
                            g.dct,
                            chars[lo..hi].iter().collect::<String>().replace('\n', " ")
                        );
                    }
                }
                _ => continue,
            }
            shown += 1;
        }
        for x in &g.timexes {
            if !sys.iter().any(|s| x.start < s.end && s.start < x.end) {
                println!(
                    "MISSED   {:<30} {} {}   (dct {:?})",
                    text(x),
                    x.kind,
                    x.value,
                    g.dct
                );
                shown += 1;
            }
        }
        if shown >= show {
            break;
        }
    }
}
