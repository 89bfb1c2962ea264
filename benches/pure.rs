//! The pure parts, with criterion: rendering a step, scoring a quiz, computing the next due time.
//!
//!   cargo bench --bench pure

use std::path::Path;

use chrono::{NaiveTime, TimeZone, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use steady::content::Content;
use steady::ids::UserId;
use steady::quiz::scoring::{score, Answer, Dimension, ScaleRange, Thresholds};
use steady::render::step::{render, StepView};
use steady::schedule::time::{next_due, Plan};

fn benches(c: &mut Criterion) {
    let content =
        Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).expect("content loads");
    let step = &content.steps()[0];
    c.bench_function("render a step", |b| {
        b.iter(|| {
            render(
                black_box(&content),
                step,
                &StepView { owner: UserId(1), completed: Some(false), notice: None },
            )
        })
    });

    let answers: Vec<Answer> = (0..12)
        .map(|i| Answer {
            dimension: if i % 2 == 0 { Dimension::Anxiety } else { Dimension::Avoidance },
            reverse: i >= 8,
            raw: (i % 7 + 1) as u8,
        })
        .collect();
    let scale = ScaleRange { min: 1, max: 7 };
    let thresholds = Thresholds { anxiety: 4.0, avoidance: 4.0, close_margin: 0.5 };
    c.bench_function("score a quiz", |b| b.iter(|| score(black_box(&answers), scale, &thresholds)));

    let plan = Plan {
        time: NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
        zone: chrono_tz::America::New_York,
        last_sent: None,
        paused_through: None,
    };
    // The night clocks jump forward: the due time has to step over the gap.
    let now = Utc.with_ymd_and_hms(2026, 3, 8, 1, 0, 0).unwrap();
    c.bench_function("next due time across a clock change", |b| b.iter(|| next_due(black_box(now), &plan)));
}

criterion_group!(pure, benches);
criterion_main!(pure);
