//! Picking which practice was done, and the confirmation once it is logged.

use crate::content::{fill, Content, Practice, Step};
use crate::custom_id::{Action, ButtonId};
use crate::ids::UserId;
use crate::reply::{Button, ButtonStyle, Reply};

/// Today's three practices, and the same three for yesterday (which may be logged until the end of today).
pub fn picker(content: &Content, owner: UserId, step: &Step) -> Reply {
    let row = |yesterday: bool| {
        step.practices
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let number = u8::try_from(i + 1).unwrap_or(u8::MAX);
                let (action, label, style) = if yesterday {
                    (
                        Action::LogYesterday(step.slug.clone(), number),
                        format!("{} {}", content.ui.buttons.yesterday, p.name),
                        ButtonStyle::Secondary,
                    )
                } else {
                    (Action::LogPractice(step.slug.clone(), number), p.name.clone(), ButtonStyle::Primary)
                };
                Button::new(ButtonId::new(owner, action).to_string(), label, style)
            })
            .collect()
    };
    Reply::text(fill(&content.ui.messages.pick_practice, &[("step", &step.title)]))
        .with_row(row(false))
        .with_row(row(true))
        .with_row(vec![back_to_step(content, owner, step)])
}

/// `newly` is false when the practice had already been logged for the day.
pub fn logged(
    content: &Content,
    owner: UserId,
    step: &Step,
    practice: &Practice,
    newly: bool,
    yesterday: bool,
) -> Reply {
    let m = &content.ui.messages;
    let text = if newly && yesterday {
        fill(&m.logged_yesterday, &[("practice", &practice.name), ("step", &step.title)])
    } else if newly {
        fill(&m.logged, &[("practice", &practice.name), ("step", &step.title)])
    } else {
        fill(&m.already_logged, &[("practice", &practice.name)])
    };
    Reply::text(text).with_row(vec![
        Button::new(
            ButtonId::new(owner, Action::Progress).to_string(),
            content.ui.buttons.progress.clone(),
            ButtonStyle::Primary,
        ),
        back_to_step(content, owner, step),
    ])
}

fn back_to_step(content: &Content, owner: UserId, step: &Step) -> Button {
    Button::new(
        ButtonId::new(owner, Action::OpenStep(step.slug.clone())).to_string(),
        content.ui.buttons.back_to_step.clone(),
        ButtonStyle::Secondary,
    )
}
