//! What the crisis-language check reads in each line of standard input: the concepts it found, which
//! were negated, whose they are, and the rule that answered. For tuning `content/crisis_language.toml`.
//!
//! `echo "i dont want to be here anymore" | cargo run --example safety_explain`

use std::io::BufRead;
use std::path::Path;

fn main() {
    let content = match steady::content::Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        println!("{line}\n{}", steady::safety::explain(&line, &content.crisis_language));
    }
}
