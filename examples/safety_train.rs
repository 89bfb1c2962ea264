//! Learns the crisis check's weighed reading from the labelled tune sets and writes
//! `content/crisis_weights.tsv`. Only `tune` items are read: the `check` half of the shared set and
//! `tests/data/crisis-own` stay unseen, so the evaluation still says how the check does on new words.
//!
//! `cargo run --release --example safety_train` (then `cargo run --release --example safety_eval`).

use std::path::Path;

use steady::safety::training::{train_on_sets, Training};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let detector = steady::content::crisis_rules(&root.join("content")).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    let tsv = train_on_sets(&detector, root, &Training::default()).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    let path = root.join("content").join(steady::content::WEIGHTS);
    if let Err(e) = std::fs::write(&path, &tsv) {
        eprintln!("{}: {e}", path.display());
        std::process::exit(2);
    }
    println!("{}: {} weights", path.display(), tsv.lines().filter(|l| !l.starts_with('#')).count() - 1);
}
