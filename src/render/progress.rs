//! `/progress`: steps completed, practices per step, and the latest practices with their dates.

use crate::content::{fill, Content};
use crate::custom_id::{Action, ButtonId};
use crate::progress::ProgressSummary;
use crate::reply::{Button, ButtonStyle, Embed, Field, Reply, COLOUR};

use super::discord_time;

pub fn render(content: &Content, owner: u64, summary: &ProgressSummary) -> Reply {
    let p = &content.ui.progress;
    let guide_button = Button::new(
        ButtonId::new(owner, Action::Guide).to_string(),
        content.ui.buttons.guide.clone(),
        ButtonStyle::Secondary,
    );
    if summary.is_empty() {
        let embed = Embed {
            title: Some(p.title.clone()),
            description: Some(p.empty.clone()),
            colour: COLOUR,
            image: None,
            ..Embed::default()
        };
        return Reply::embed(embed).with_row(vec![guide_button]).private();
    }

    let steps = content.steps();
    let done = steps.iter().filter(|s| summary.is_completed(&s.slug)).count();
    let step_lines = steps
        .iter()
        .map(|s| {
            let template = if summary.is_completed(&s.slug) { &p.step_line_done } else { &p.step_line_open };
            fill(
                template,
                &[
                    ("number", &s.number.to_string()),
                    ("title", &s.title),
                    ("count", &summary.count_for(&s.slug).to_string()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut fields = vec![
        Field {
            name: p.streak_heading.clone(),
            value: fill(
                &p.streak_line,
                &[
                    ("current", &summary.streaks.current.to_string()),
                    ("longest", &summary.streaks.longest.to_string()),
                ],
            ),
        },
        Field { name: p.steps_heading.clone(), value: step_lines },
    ];
    let recent = summary
        .recent
        .iter()
        .filter_map(|entry| {
            let step = content.step(&entry.practice.step_slug)?;
            let practice = step.practices.get(usize::from(entry.practice.number).checked_sub(1)?)?;
            Some(fill(
                &p.recent_line,
                &[
                    ("practice", &practice.name),
                    ("step", &step.title),
                    ("when", &discord_time(entry.logged_at, 'f')),
                ],
            ))
        })
        .collect::<Vec<_>>();
    if summary.group_checkins > 0 {
        fields.push(Field {
            name: p.group_heading.clone(),
            value: fill(&p.group_line, &[("count", &summary.group_checkins.to_string())]),
        });
    }
    if !recent.is_empty() {
        fields.push(Field { name: p.recent_heading.clone(), value: recent.join("\n") });
    }
    let embed = Embed {
        title: Some(p.title.clone()),
        description: Some(fill(
            &p.steps_line,
            &[("done", &done.to_string()), ("total", &steps.len().to_string())],
        )),
        fields,
        footer: None,
        colour: COLOUR,
        image: None,
    };
    Reply::embed(embed).with_row(vec![guide_button]).private()
}
