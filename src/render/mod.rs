//! Pure renderers: content and a person's state in, a `Reply` out. No I/O here.

pub mod guide;
pub mod help;
pub mod notices;
pub mod practice;
pub mod progress;
pub mod step;
pub mod strategies;
pub mod support;

use chrono::{DateTime, TimeZone, Utc};

use crate::content::Content;
use crate::progress::{LoggedPractice, PracticeRef, ProgressSummary, RECENT_SHOWN};
use crate::reply::Reply;

/// Renders every view the content feeds, with the longest dynamic parts it can have, and reports any
/// Discord limit a view would break, so bad content stops start-up instead of failing at send time.
pub fn limit_problems(content: &Content) -> Vec<String> {
    let owner = u64::MAX;
    let mut views: Vec<(String, Reply)> = vec![
        ("/guide".into(), guide::render(content, owner)),
        ("/strategies".into(), strategies::render(content)),
        ("/support".into(), support::render(content)),
        ("/help".into(), help::render(content)),
        (
            "/progress with no practice yet".into(),
            progress::render(content, owner, &ProgressSummary::default()),
        ),
        (
            "/progress".into(),
            progress::render(content, owner, &busiest_summary(content)),
        ),
    ];
    for step in content.steps() {
        for completed in [None, Some(false), Some(true)] {
            let view = step::StepView {
                owner,
                completed,
                notice: Some(longest_notice(content, step)),
            };
            views.push((
                format!("/step {}", step.slug),
                step::render(content, step, &view),
            ));
        }
        views.push((
            format!("practice picker for {}", step.slug),
            practice::picker(content, owner, step),
        ));
        for (i, p) in step.practices.iter().enumerate() {
            let number = u8::try_from(i + 1).unwrap_or(u8::MAX);
            views.push((
                format!("practice {} of {}", number, step.slug),
                practice::logged(content, owner, step, p, true),
            ));
        }
    }
    views
        .into_iter()
        .flat_map(|(name, reply)| {
            reply
                .limit_problems()
                .into_iter()
                .map(move |p| format!("{name} would break a Discord limit: {p}"))
        })
        .collect()
}

fn longest_notice(content: &Content, step: &crate::content::Step) -> String {
    let m = &content.ui.messages;
    [&m.step_completed, &m.step_reopened]
        .into_iter()
        .map(|t| crate::content::fill(t, &[("step", &step.title)]))
        .max_by_key(|s| s.chars().count())
        .unwrap_or_default()
}

/// Every step complete, huge counts, and the most recent list filled with the longest practice names.
fn busiest_summary(content: &Content) -> ProgressSummary {
    let steps = content.steps();
    let longest = steps
        .iter()
        .flat_map(|s| s.practices.iter().enumerate().map(move |(i, p)| (s, i, p)))
        .max_by_key(|(s, _, p)| p.name.chars().count() + s.title.chars().count());
    let at = Utc
        .with_ymd_and_hms(2099, 12, 31, 23, 59, 59)
        .single()
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    let recent = longest
        .map(|(s, i, _)| LoggedPractice {
            practice: PracticeRef {
                step_slug: s.slug.clone(),
                number: u8::try_from(i + 1).unwrap_or(1),
            },
            day: at.date_naive(),
            logged_at: at,
        })
        .into_iter()
        .cycle()
        .take(RECENT_SHOWN as usize)
        .collect();
    ProgressSummary {
        completed: steps.iter().map(|s| s.slug.clone()).collect(),
        counts: steps.iter().map(|s| (s.slug.clone(), 999_999)).collect(),
        recent,
    }
}

/// A Discord timestamp, shown in each reader's own time zone and language.
pub fn discord_time(at: DateTime<Utc>, style: char) -> String {
    format!("<t:{}:{style}>", at.timestamp())
}

/// Bullet lines for an embed.
pub fn bullets<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    items
        .into_iter()
        .map(|i| format!("- {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}
