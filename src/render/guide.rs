//! `/guide`: what secure attachment is, the quick takeaways, and a button for each step.

use crate::content::Content;
use crate::custom_id::{Action, ButtonId};
use crate::ids::UserId;
use crate::reply::{Button, ButtonStyle, Embed, Field, Reply, COLOUR};

use super::format::bullets;

pub fn render(content: &Content, owner: UserId) -> Reply {
    let o = &content.guide.opening;
    let m = &content.ui.messages;
    let steps = content
        .steps()
        .iter()
        .map(|s| format!("**{}.** {} — {}", s.number, s.title, s.summary))
        .collect::<Vec<_>>()
        .join("\n");
    let embed = Embed {
        title: Some(o.title.clone()),
        description: Some(format!("{}\n\n*“{}”*", o.summary.trim(), o.inner_story)),
        fields: vec![
            Field { name: m.guide_takeaways_heading.clone(), value: bullets(&o.takeaways) },
            Field { name: m.guide_steps_heading.clone(), value: steps },
            Field { name: m.guide_begin_heading.clone(), value: m.guide_begin.clone() },
        ],
        footer: None,
        colour: COLOUR,
        image: None,
    };
    let buttons: Vec<Button> = content
        .steps()
        .iter()
        .map(|s| {
            Button::new(
                ButtonId::new(owner, Action::OpenStep(s.slug.clone())).to_string(),
                format!("{}. {}", s.number, s.title),
                ButtonStyle::Secondary,
            )
        })
        .collect();
    let mut reply = Reply::embed(embed);
    for row in buttons.chunks(4) {
        reply = reply.with_row(row.to_vec());
    }
    // These open something of their own, so the guide stays where it is.
    let button = |action: Action, label: &str, style: ButtonStyle| {
        Button::new(ButtonId::keeping(owner, action).to_string(), label, style)
    };
    reply.with_row(vec![
        button(Action::QuizStart, &m.guide_quiz_button, ButtonStyle::Primary),
        button(Action::Strategies, &m.guide_strategies_button, ButtonStyle::Secondary),
        button(Action::Support, &m.guide_support_button, ButtonStyle::Secondary),
    ])
}
