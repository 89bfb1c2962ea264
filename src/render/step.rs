//! `/step <slug>`: what the step is, why it helps, its three practices, and the buttons to act on it.

use crate::content::{fill, Content, Step};
use crate::custom_id::{Action, ButtonId};
use crate::ids::UserId;
use crate::reply::{Button, ButtonStyle, Embed, Field, Reply, COLOUR};

pub struct StepView {
    pub owner: UserId,
    /// `None` when the message is shared in a channel: a person's own state is not shown there.
    pub completed: Option<bool>,
    /// A line above the step, e.g. "Marked complete".
    pub notice: Option<String>,
}

pub fn render(content: &Content, step: &Step, view: &StepView) -> Reply {
    let m = &content.ui.messages;
    let b = &content.ui.buttons;
    let total = content.steps().len().to_string();
    let number = step.number.to_string();
    let done = view.completed == Some(true);
    let footer = if done { &m.step_done_footer } else { &m.step_footer };
    let mut fields = vec![Field { name: m.step_why_heading.clone(), value: step.why.trim().to_owned() }];
    fields.extend(step.practices.iter().enumerate().map(|(i, p)| Field {
        name: format!("{} {}. {}", m.step_practices_heading, i + 1, p.name),
        value: p.how.trim().to_owned(),
    }));
    let embed = Embed {
        title: Some(format!("{}. {}", step.number, step.title)),
        // The guide's own words first, then the bot's explanation of them.
        description: Some(format!(
            "**{}** {}\n\n{}",
            m.step_what_heading,
            step.summary.trim(),
            step.what.trim()
        )),
        fields,
        footer: Some(fill(footer, &[("number", &number), ("total", &total)])),
        colour: COLOUR,
        image: None,
    };

    let id = |action| ButtonId::new(view.owner, action).to_string();
    let (previous, next) = content.neighbours(&step.slug);
    let nav = vec![
        Button::new(
            id(Action::OpenStep(previous.map_or(step.slug.clone(), |p| p.slug.clone()))),
            b.previous.clone(),
            ButtonStyle::Secondary,
        )
        .disabled(previous.is_none()),
        Button::new(id(Action::Guide), b.guide.clone(), ButtonStyle::Secondary),
        Button::new(
            id(Action::OpenStep(next.map_or(step.slug.clone(), |n| n.slug.clone()))),
            b.next.clone(),
            ButtonStyle::Secondary,
        )
        .disabled(next.is_none()),
    ];
    let (complete_label, complete_style) =
        if done { (&b.completed, ButtonStyle::Secondary) } else { (&b.mark_complete, ButtonStyle::Success) };
    let act = vec![
        Button::new(
            id(Action::PickPractice(step.slug.clone())),
            b.did_practice.clone(),
            ButtonStyle::Primary,
        ),
        Button::new(id(Action::ToggleComplete(step.slug.clone())), complete_label.clone(), complete_style),
        Button::new(id(Action::Progress), b.progress.clone(), ButtonStyle::Secondary),
    ];
    let mut reply = Reply::embed(embed).with_row(nav).with_row(act);
    reply.content = view.notice.clone();
    reply
}

/// What marking a step did: completed or reopened; finishing the last open step says what nudges do next
/// (`nudges_move_on`: the nudges follow the first open step, so they go on through every step in turn).
pub fn completion_notice(content: &Content, step: &Step, completed: bool, all_done: Option<bool>) -> String {
    let m = &content.ui.messages;
    let template = if completed { &m.step_completed } else { &m.step_reopened };
    let mut notice = fill(template, &[("step", &step.title)]);
    if let Some(nudges_move_on) = all_done {
        let n = &content.nudges.messages;
        notice = format!("{notice}\n\n{}", n.all_steps_done);
        if nudges_move_on {
            notice = format!("{notice} {}", n.all_steps_next);
        }
    }
    notice
}
