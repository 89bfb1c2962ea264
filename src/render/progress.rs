//! `/progress`: steps completed, practices per step, and the latest practices with their dates.

use crate::content::{fill, Content};
use crate::custom_id::{Action, ButtonId};
use crate::ids::UserId;
use crate::progress::{ProgressSummary, Trend};
use crate::reply::{Button, ButtonStyle, Embed, Field, Reply, COLOUR};

pub fn render(content: &Content, owner: UserId, summary: &ProgressSummary) -> Reply {
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
        return Reply::embed(embed).with_row(vec![guide_button]);
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
            value: match (summary.streaks.current, summary.streaks.longest) {
                (0, 0) => p.streak_none.clone(),
                (0, longest) => fill(&p.streak_fresh, &[("longest", &longest.to_string())]),
                (current, longest) => fill(
                    &p.streak_line,
                    &[("current", &current.to_string()), ("longest", &longest.to_string())],
                ),
            },
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
                    ("day", &super::format::list_day(content, entry.day)),
                ],
            ))
        })
        .collect::<Vec<_>>();
    if !summary.steadiness.is_empty() {
        let values: Vec<u8> = summary.steadiness.iter().map(|(_, v)| *v).collect();
        let bars: String =
            values.iter().map(|v| ['▁', '▃', '▄', '▆', '█'][usize::from(v.clamp(&1, &5) - 1)]).collect();
        let mut value = fill(&p.steadiness_line, &[("bars", &bars), ("count", &values.len().to_string())]);
        let trend = match crate::progress::steadiness_trend(&values) {
            Trend::TooFew => None,
            Trend::Steadier => Some(&p.steadiness_steadier),
            Trend::Same => Some(&p.steadiness_same),
            Trend::LessSteady => Some(&p.steadiness_less),
        };
        if let Some(t) = trend {
            value = format!("{value}\n{t}");
        }
        fields.push(Field { name: p.steadiness_heading.clone(), value });
    }
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
    Reply::embed(embed).with_row(vec![guide_button])
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::render;
    use crate::content::Content;
    use crate::ids::UserId;
    use crate::progress::ProgressSummary;
    use crate::streak::Streaks;

    /// Someone with one step marked complete (so the full view shows), and these streaks.
    fn shown(current: u32, longest: u32, group_checkins: u32) -> String {
        let content = Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
            .unwrap_or_else(|e| panic!("{e}"));
        let summary = ProgressSummary {
            completed: vec![content.steps()[0].slug.clone()],
            streaks: Streaks { current, longest },
            group_checkins,
            ..Default::default()
        };
        render(&content, UserId(1), &summary).plain_text()
    }

    #[test]
    fn someone_without_a_streak_sees_how_one_starts_not_a_zero() {
        let new = shown(0, 0, 0);
        assert!(
            new.contains("Your streak starts with your first practice") && !new.contains("**0**"),
            "{new}"
        );
        let lapsed = shown(0, 6, 0);
        assert!(lapsed.contains("A fresh start") && lapsed.contains("**6** days"), "{lapsed}");
        assert!(!lapsed.contains("**0**"), "{lapsed}");
    }

    #[test]
    fn streaks_and_group_check_ins_count_in_words_that_add_up() {
        let one = shown(1, 1, 1);
        assert!(one.contains("**1** day now") && one.contains("**1** time."), "{one}");
        let many = shown(3, 9, 4);
        assert!(many.contains("**3** days now") && many.contains("**4** times."), "{many}");
    }
}
