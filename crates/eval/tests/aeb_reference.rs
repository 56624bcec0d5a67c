//! gazette's AEB scorer on the benchmark's own published peer outputs: it must give the
//! figures the MANIFEST lists for upstream's evaluate.py, and agree with score_extraction.py.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use gazette_eval::aeb;

fn aeb_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(aeb::DIR);
    assert!(
        dir.is_dir(),
        "{} is missing: the benchmark data must sit beside the checkout",
        dir.display()
    );
    dir
}

fn peer_predictions(name: &str) -> BTreeMap<String, String> {
    let path = aeb_dir()
        .join("peer-output")
        .join(format!("{name}.json.gz"));
    let raw = gazette_ingest::read_bytes(&path).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&raw).unwrap();
    let output = v.get("output").unwrap_or(&v).as_object().unwrap();
    output
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.get("articleBody")
                    .and_then(|b| b.as_str())
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn reproduces_upstream_figures_for_published_peer_outputs() {
    let gold = aeb::load_gold(&aeb_dir()).unwrap();
    assert_eq!(gold.len(), 181);
    // F1 values from the MANIFEST ("the bundled scorer reproduces upstream's numbers").
    for (peer, f1) in [
        ("trafilatura", 0.9575),
        ("rs_trafilatura", 0.9700),
        ("readability_js", 0.9467),
        ("dom_smoothie", 0.8646),
    ] {
        let s = aeb::score(&gold, &peer_predictions(peer));
        assert!(
            (s.f1 - f1).abs() < 5e-5,
            "{peer}: {:.5} vs published {f1}",
            s.f1
        );
    }
}

#[test]
fn agrees_with_score_extraction_py_on_a_peer_output() {
    let gold = aeb::load_gold(&aeb_dir()).unwrap();
    let s = aeb::score(&gold, &peer_predictions("newspaper"));
    let out = Command::new("python3")
        .arg(aeb_dir().join("../../../tools/score_extraction.py"))
        .arg("--json")
        .arg(aeb_dir().join("peer-output/newspaper.json.gz"))
        .arg(aeb_dir().join("ground-truth.json"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let get = |name: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap()
            .parse()
            .unwrap()
    };
    for (name, ours) in [
        ("precision", s.precision),
        ("recall", s.recall),
        ("f1", s.f1),
        ("accuracy", s.accuracy),
    ] {
        assert!(
            (ours - get(name)).abs() < 5e-5,
            "{name}: {ours:.5} vs {:.5}",
            get(name)
        );
    }
}
