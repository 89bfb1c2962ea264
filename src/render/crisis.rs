//! The fixed, reviewed reply to words that signal a crisis: warmth, resources, and the door kept open.

use crate::content::Content;
use crate::custom_id::{Action, ButtonId};
use crate::reply::{Button, ButtonStyle, Reply};
use crate::safety::Outcome;

use super::support::crisis_embed;

/// `quiz_paused`: a quiz was waiting for an answer; it waits, and a button continues it.
pub fn reply(
    content: &Content,
    owner: u64,
    concern: Outcome,
    quiz_paused: bool,
    country: Option<&str>,
) -> Reply {
    let s = &content.safety;
    let mut embed = crisis_embed(content, country);
    match concern {
        Outcome::Crisis | Outcome::Concern | Outcome::SomeoneElse => {
            embed.title = Some(s.reply_title.clone());
            embed.description = Some(s.reply.trim().to_owned());
        }
        Outcome::HarmToOthers => {
            embed.title = Some(content.support.crisis.title.clone());
            embed.description = Some(s.others_reply.trim().to_owned());
        }
    }
    let mut row = Vec::new();
    if quiz_paused {
        row.push(Button::new(
            ButtonId::new(owner, Action::QuizStart).to_string(),
            content.quiz.messages.crisis_continue.clone(),
            ButtonStyle::Secondary,
        ));
    }
    row.push(Button::new(
        ButtonId::new(owner, Action::Support).to_string(),
        content.ui.buttons.more_help.clone(),
        ButtonStyle::Primary,
    ));
    Reply::embed(embed).with_row(row).private()
}
