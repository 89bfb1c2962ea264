//! The crisis-language check measured on labelled sets, held to floors: the shared development set in
//! `../shared/crisis-dev` (both halves), the project's own measuring set in `tests/data/crisis-own`, and the
//! tuning sets in `tests/data/`. A floor is the number answered rightly when the lexicon or the learned
//! weights last changed: a change that loses any of them fails here, and one that gains raises the floor.
//! The weights are learned from every `tune` item, so only the `check` half and `crisis-own` say how the
//! check does on words it has not seen.
//!
//! For the figures by kind, with the rules that answered: `cargo run --release --example safety_eval`.

use std::path::Path;

use steady::content::Content;
use steady::safety::evaluate::{evaluate, load};

/// (set, split, file, kind, at least this many answered rightly, of this many)
/// Rightly: an alarm for a crisis kind, the harm-to-others reply for a threat, no alarm for ordinary text.
const FLOORS: &[(&str, &str, &str, &str, usize, usize)] = &[
    ("crisis-dev", "check", "crisis", "hopelessness_with_death", 16, 20),
    ("crisis-dev", "check", "crisis", "ideation", 18, 20),
    ("crisis-dev", "check", "crisis", "intent_or_plan", 19, 20),
    ("crisis-dev", "check", "crisis", "means", 19, 20),
    ("crisis-dev", "check", "crisis", "other_directed", 14, 20),
    ("crisis-dev", "check", "crisis", "self_harm", 15, 20),
    ("crisis-dev", "check", "crisis", "veiled_goodbye", 15, 20),
    ("crisis-dev", "tune", "crisis", "hopelessness_with_death", 20, 20),
    ("crisis-dev", "tune", "crisis", "ideation", 20, 20),
    ("crisis-dev", "tune", "crisis", "intent_or_plan", 20, 20),
    ("crisis-dev", "tune", "crisis", "means", 20, 20),
    ("crisis-dev", "tune", "crisis", "other_directed", 20, 20),
    ("crisis-dev", "tune", "crisis", "self_harm", 20, 20),
    ("crisis-dev", "tune", "crisis", "veiled_goodbye", 20, 20),
    ("crisis-dev", "check", "ordinary", "plain", 79, 80),
    ("crisis-dev", "check", "ordinary", "trap", 77, 80),
    ("crisis-dev", "tune", "ordinary", "plain", 80, 80),
    ("crisis-dev", "tune", "ordinary", "trap", 80, 80),
    ("crisis-own", "check", "crisis", "hopelessness_with_death", 18, 20),
    ("crisis-own", "check", "crisis", "ideation", 17, 20),
    ("crisis-own", "check", "crisis", "intent_or_plan", 18, 20),
    ("crisis-own", "check", "crisis", "means", 20, 20),
    ("crisis-own", "check", "crisis", "other_directed", 16, 20),
    ("crisis-own", "check", "crisis", "self_harm", 19, 20),
    ("crisis-own", "check", "crisis", "veiled_goodbye", 20, 20),
    ("crisis-own", "check", "ordinary", "plain", 77, 80),
    ("crisis-own", "check", "ordinary", "trap", 72, 80),
    ("crisis-tune", "tune", "crisis", "hopelessness_with_death", 40, 40),
    ("crisis-tune", "tune", "crisis", "ideation", 39, 40),
    ("crisis-tune", "tune", "crisis", "intent_or_plan", 39, 40),
    ("crisis-tune", "tune", "crisis", "means", 39, 40),
    ("crisis-tune", "tune", "crisis", "other_directed", 39, 40),
    ("crisis-tune", "tune", "crisis", "self_harm", 40, 40),
    ("crisis-tune", "tune", "crisis", "veiled_goodbye", 37, 40),
    ("crisis-tune", "tune", "ordinary", "plain", 99, 100),
    ("crisis-tune", "tune", "ordinary", "trap", 139, 140),
    ("crisis-tune-extra", "tune", "crisis", "hopelessness_with_death", 57, 60),
    ("crisis-tune-extra", "tune", "crisis", "ideation", 40, 40),
    ("crisis-tune-extra", "tune", "crisis", "intent_or_plan", 18, 20),
    ("crisis-tune-extra", "tune", "crisis", "means", 39, 40),
    ("crisis-tune-extra", "tune", "crisis", "self_harm", 58, 60),
    ("crisis-tune-extra", "tune", "crisis", "veiled_goodbye", 73, 80),
    ("crisis-tune-extra", "tune", "ordinary", "plain", 60, 60),
    ("crisis-tune-extra", "tune", "ordinary", "trap", 99, 100),
    ("crisis-tune-more", "tune", "crisis", "hopelessness_with_death", 49, 50),
    ("crisis-tune-more", "tune", "crisis", "ideation", 50, 50),
    ("crisis-tune-more", "tune", "crisis", "intent_or_plan", 39, 40),
    ("crisis-tune-more", "tune", "crisis", "means", 34, 35),
    ("crisis-tune-more", "tune", "crisis", "other_directed", 70, 70),
    ("crisis-tune-more", "tune", "crisis", "self_harm", 35, 35),
    ("crisis-tune-more", "tune", "crisis", "veiled_goodbye", 68, 70),
    ("crisis-tune-more", "tune", "ordinary", "plain", 99, 100),
    ("crisis-tune-more", "tune", "ordinary", "trap", 149, 150),
    ("crisis-tune-fresh-a", "tune", "crisis", "hopelessness_with_death", 29, 30),
    ("crisis-tune-fresh-a", "tune", "crisis", "ideation", 26, 30),
    ("crisis-tune-fresh-a", "tune", "crisis", "intent_or_plan", 28, 30),
    ("crisis-tune-fresh-a", "tune", "crisis", "means", 28, 30),
    ("crisis-tune-fresh-a", "tune", "crisis", "other_directed", 25, 30),
    ("crisis-tune-fresh-a", "tune", "crisis", "self_harm", 27, 30),
    ("crisis-tune-fresh-a", "tune", "crisis", "veiled_goodbye", 25, 30),
    ("crisis-tune-fresh-a", "tune", "ordinary", "plain", 99, 100),
    ("crisis-tune-fresh-a", "tune", "ordinary", "trap", 84, 100),
    ("crisis-tune-fresh-b", "tune", "crisis", "hopelessness_with_death", 28, 30),
    ("crisis-tune-fresh-b", "tune", "crisis", "ideation", 30, 30),
    ("crisis-tune-fresh-b", "tune", "crisis", "intent_or_plan", 27, 30),
    ("crisis-tune-fresh-b", "tune", "crisis", "means", 27, 30),
    ("crisis-tune-fresh-b", "tune", "crisis", "other_directed", 25, 30),
    ("crisis-tune-fresh-b", "tune", "crisis", "self_harm", 28, 30),
    ("crisis-tune-fresh-b", "tune", "crisis", "veiled_goodbye", 23, 30),
    ("crisis-tune-fresh-b", "tune", "ordinary", "plain", 97, 100),
    ("crisis-tune-fresh-b", "tune", "ordinary", "trap", 86, 100),
];

fn dir(set: &str) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    match set {
        "crisis-dev" => std::env::var_os("CRISIS_DEV_SET")
            .map(Into::into)
            .unwrap_or_else(|| root.join("../shared/crisis-dev")),
        other => root.join("tests/data").join(other),
    }
}

#[test]
fn the_check_holds_its_floors_on_every_labelled_set() {
    let content =
        Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).expect("content loads");
    let mut problems = Vec::new();
    let mut sets: Vec<&str> = FLOORS.iter().map(|f| f.0).collect();
    sets.dedup();
    for set in sets {
        let items = match load(&dir(set)) {
            Ok(items) => items,
            Err(e) if set == "crisis-dev" && std::env::var_os("CI").is_none() => {
                eprintln!(
                    "WARNING: the shared crisis-dev set is not beside the checkout ({e}); not measured"
                );
                continue;
            }
            Err(e) => panic!("{e}"),
        };
        let tallies = evaluate(&items, &content.crisis_language);
        for (s, split, file, kind, floor, total) in FLOORS.iter().filter(|f| f.0 == set) {
            let Some(t) = tallies.get(&(*file, (*split).to_owned(), (*kind).to_owned())) else {
                problems.push(format!("{s} {split} {file} {kind}: no such group"));
                continue;
            };
            if t.total != *total {
                problems.push(format!("{s} {split} {file} {kind}: {} messages, expected {total}", t.total));
            }
            if t.right < *floor {
                problems.push(format!(
                    "{s} {split} {file} {kind}: {} of {} answered rightly, the floor is {floor}; wrong: {}",
                    t.right,
                    t.total,
                    t.wrong.join(" ")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn ordinary_text_raises_few_false_alarms() {
    // The ceilings on the shared set: 3% on plain text, 8% on figurative text.
    for (s, split, _, kind, floor, total) in
        FLOORS.iter().filter(|f| f.0 == "crisis-dev" && f.2 == "ordinary")
    {
        let alarms = total - floor;
        let ceiling = if *kind == "plain" { total * 3 / 100 } else { total * 8 / 100 };
        assert!(alarms <= ceiling, "{s} {split} {kind}: {alarms} false alarms of {total}, above {ceiling}");
    }
}

#[test]
fn the_shipped_weights_are_what_training_gives_today() {
    use steady::safety::training::{train_on_sets, Training};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join("../shared/crisis-dev").exists() && std::env::var_os("CI").is_none() {
        eprintln!("WARNING: the shared crisis-dev set is not beside the checkout; weights not retrained");
        return;
    }
    let detector = steady::content::crisis_rules(&root.join("content")).expect("lexicon loads");
    let trained = train_on_sets(&detector, root, &Training::default()).expect("the tune sets load");
    let shipped =
        std::fs::read_to_string(root.join("content").join(steady::content::WEIGHTS)).expect("weights");
    assert!(
        trained == shipped,
        "content/{} is out of date with the lexicon or the tune sets: run \
         `cargo run --release --example safety_train`",
        steady::content::WEIGHTS
    );
}
