//! How well the crisis-language check does on labelled sets: per kind, how many were caught, and the false
//! alarms on plain and figurative text, with the rules that answered. Texts are never printed.
//!
//! `cargo run --release --example safety_eval [DIR ...]` (default: `../shared/crisis-dev` and
//! `tests/data/crisis-own`). `SAFETY_EVAL_IDS=1` also lists the ids answered wrongly.

use std::path::{Path, PathBuf};

use steady::content::Content;
use steady::safety::evaluate::{evaluate, load};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let content = match Content::load(&root.join("content")) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let mut dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs = vec![root.join("../shared/crisis-dev"), root.join("tests/data/crisis-own")];
    }
    let show_ids = std::env::var_os("SAFETY_EVAL_IDS").is_some();
    let show_rules = std::env::var_os("SAFETY_EVAL_RULES").is_some();
    for dir in dirs {
        let items = match load(&dir) {
            Ok(items) => items,
            Err(e) => {
                eprintln!("skipped: {e}");
                continue;
            }
        };
        println!("\n== {} ({} messages)", dir.display(), items.len());
        let started = std::time::Instant::now();
        let tallies = evaluate(&items, &content.crisis_language);
        let per_message = started.elapsed() / u32::try_from(items.len()).unwrap_or(1);
        let mut last_split = String::new();
        for ((file, split, kind), t) in &tallies {
            if *split != last_split {
                println!("-- split {split}");
                last_split = split.clone();
            }
            let what = match *file {
                "crisis" if kind == "other_directed" => "harm-to-others reply",
                "crisis" => "caught",
                "ambiguous" => "as leaned",
                _ => "no alarm",
            };
            let extra = match *file {
                "crisis" if kind == "other_directed" => format!(" (any alarm {})", t.any_alarm),
                "ordinary" => {
                    format!(" (false alarms {} = {:.1}%)", t.total - t.right, 100.0 * (1.0 - t.rate()))
                }
                _ => String::new(),
            };
            println!(
                "{file:9} {kind:24} {what} {:3}/{:3} = {:5.1}%{extra}",
                t.right,
                t.total,
                100.0 * t.rate()
            );
            if show_rules {
                for (rule, n) in &t.rules {
                    println!("{:36}{n:3}  {rule}", "");
                }
            }
            if show_ids && !t.wrong.is_empty() {
                println!("{:36}wrong: {}", "", t.wrong.join(" "));
            }
        }
        println!("(about {per_message:?} per message, in this build)");
    }
}
