//! The crisis-language check, with criterion: a 4,000-character journal entry (the longest a form takes),
//! ordinary sentences with one crisis line in the middle, and a short direct message.
//!
//!   cargo bench --bench safety

use std::path::Path;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use steady::content::Content;
use steady::safety::check;

/// Everyday journal sentences, with words the lexicon knows (time, people, wanting, killing time), so the
/// check does real work on every one.
const ORDINARY: &[&str] = &[
    "Today I tried the breathing practice before work and it helped a little.",
    "My partner was quiet at dinner and I noticed the old urge to ask if we were okay.",
    "I want to get better at saying what I need without apologising for it.",
    "We watched a film tonight and the ending was so sad, everyone dies.",
    "I was killing time at the station, thinking about how my mum used to call every Sunday.",
    "Tomorrow I will ask my friend if she wants to go for a walk after the exam.",
    "I'm dead tired but proud that I kept the boundary with my boss.",
    "Sometimes I feel like a burden when I ask for help with the dishes, lol.",
];

fn entry(middle: &str) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.chars().count() < 4_000 {
        if i == 20 {
            text.push_str(middle);
            text.push(' ');
        }
        text.push_str(ORDINARY[i % ORDINARY.len()]);
        text.push(' ');
        i += 1;
    }
    text.chars().take(4_000).collect()
}

fn benches(c: &mut Criterion) {
    let content =
        Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).expect("content loads");
    let detector = &content.crisis_language;
    let with_crisis = entry("Honestly I have been thinking about ending it all soon.");
    let ordinary = entry("");
    assert_eq!(with_crisis.chars().count(), 4_000);
    assert!(check(&with_crisis, detector).is_some(), "the crisis line is found inside the entry");
    c.bench_function("crisis check: 4,000-character journal entry with one crisis line", |b| {
        b.iter(|| check(black_box(&with_crisis), detector))
    });
    c.bench_function("crisis check: 4,000-character ordinary journal entry", |b| {
        b.iter(|| check(black_box(&ordinary), detector))
    });
    let emoji: String = "💙🌱🙂😭💀 ".repeat(700).chars().take(4_000).collect();
    c.bench_function("crisis check: 4,000 characters of emoji", |b| {
        b.iter(|| check(black_box(&emoji), detector))
    });
    c.bench_function("crisis check: a short direct message", |b| {
        b.iter(|| check(black_box("i dont want to be here anymore"), detector))
    });
}

criterion_group!(safety, benches);
criterion_main!(safety);
