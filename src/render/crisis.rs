//! The fixed, reviewed replies to words the crisis check flags: warmth, resources, the door kept open, and
//! a plain word about what happened to the words where they were written.

use crate::content::Content;
use crate::custom_id::{Action, ButtonId};
use crate::ids::UserId;
use crate::reply::{Button, ButtonStyle, Embed, Reply, COLOUR};
use crate::safety::Outcome;

use super::support::crisis_embed;

/// What was kept of the person's words, for them alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kept {
    #[default]
    Nothing,
    Journal,
    Checkin,
}

/// Where the words were written, and what became of them. The default: a DM with nothing waiting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// A quiz was waiting for an answer; it waits, and a button continues it.
    pub quiz_paused: bool,
    pub kept: Kept,
    /// A reflection was not shared with the group.
    pub not_posted: bool,
    /// A note was not sent to the person's partner.
    pub not_sent: bool,
}

/// Crisis and harm to others sit over the crisis lines (the person's own country's first); a concern and
/// worry for someone else get a calmer card that points to the same help.
pub fn reply(
    content: &Content,
    owner: UserId,
    outcome: Outcome,
    context: Context,
    country: Option<&str>,
) -> Reply {
    let s = &content.safety;
    let (mut embed, title, text) = match outcome {
        Outcome::Crisis => (crisis_embed(content, country), &s.reply_title, &s.reply),
        Outcome::HarmToOthers => (crisis_embed(content, country), &s.others_title, &s.others_reply),
        Outcome::Concern => (gentle(), &s.concern_title, &s.concern_reply),
        Outcome::SomeoneElse => (gentle(), &s.someone_else_title, &s.someone_else_reply),
    };
    embed.title = Some(title.clone());
    embed.description = Some(description(content, text, context));
    let mut row = Vec::new();
    if context.quiz_paused {
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
    Reply::embed(embed).with_row(row)
}

/// An ordinary answer, then the care reply: the words were used as they would have been, and the reply
/// beside them is help (for someone else).
pub fn after(answer: Reply, care: Reply) -> Reply {
    let content = match (answer.content, care.content) {
        (Some(a), Some(c)) => Some(format!("{a}\n\n{c}")),
        (a, c) => a.or(c),
    };
    let mut embeds = answer.embeds;
    embeds.extend(care.embeds);
    let mut rows = answer.rows;
    rows.extend(care.rows);
    let mut files = answer.files;
    files.extend(care.files);
    Reply { content, embeds, rows, files, visibility: crate::reply::Visibility::Private }
}

fn gentle() -> Embed {
    Embed { colour: COLOUR, ..Embed::default() }
}

/// The outcome's text, then only the lines that are true here.
fn description(content: &Content, text: &str, context: Context) -> String {
    let s = &content.safety;
    let mut parts = vec![text.trim()];
    if context.not_sent {
        parts.push(content.partners.messages.not_sent.trim());
    }
    if context.not_posted {
        parts.push(s.not_posted.trim());
    }
    match context.kept {
        Kept::Nothing => {}
        Kept::Journal => parts.push(s.kept_journal.trim()),
        Kept::Checkin => parts.push(s.kept_checkin.trim()),
    }
    if context.quiz_paused {
        parts.push(s.quiz_paused.trim());
    }
    parts.join("\n\n")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{reply, Context, Kept};
    use crate::content::Content;
    use crate::ids::UserId;
    use crate::reply::Reply;
    use crate::safety::Outcome;

    fn content() -> Content {
        Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn description(reply: &Reply) -> String {
        reply.embeds[0].description.clone().unwrap_or_default()
    }

    fn labels(reply: &Reply) -> Vec<String> {
        reply.rows.iter().flatten().map(|b| b.label.clone()).collect()
    }

    #[test]
    fn the_quiz_line_and_its_button_come_only_when_a_quiz_was_waiting() {
        let c = content();
        let plain = reply(&c, UserId(1), Outcome::Crisis, Context::default(), None);
        assert!(!description(&plain).contains(c.safety.quiz_paused.trim()), "{}", description(&plain));
        assert_eq!(labels(&plain), vec![c.ui.buttons.more_help.clone()]);

        let paused =
            reply(&c, UserId(1), Outcome::Crisis, Context { quiz_paused: true, ..Context::default() }, None);
        assert!(description(&paused).ends_with(c.safety.quiz_paused.trim()), "{}", description(&paused));
        assert_eq!(
            labels(&paused),
            vec![c.quiz.messages.crisis_continue.clone(), c.ui.buttons.more_help.clone()]
        );
    }

    #[test]
    fn the_kept_line_names_what_was_kept_and_only_when_something_was() {
        let c = content();
        let s = &c.safety;
        for outcome in [Outcome::Crisis, Outcome::HarmToOthers, Outcome::Concern] {
            let nothing = description(&reply(&c, UserId(1), outcome, Context::default(), None));
            assert!(!nothing.contains(s.kept_journal.trim()) && !nothing.contains(s.kept_checkin.trim()));
            let journal = Context { kept: Kept::Journal, ..Context::default() };
            let journal = description(&reply(&c, UserId(1), outcome, journal, None));
            assert!(journal.contains(s.kept_journal.trim()) && !journal.contains(s.kept_checkin.trim()));
            let checkin = Context { kept: Kept::Checkin, ..Context::default() };
            let checkin = description(&reply(&c, UserId(1), outcome, checkin, None));
            assert!(checkin.contains(s.kept_checkin.trim()) && !checkin.contains(s.kept_journal.trim()));
        }
    }

    #[test]
    fn a_reflection_not_shared_says_so() {
        let c = content();
        let shared = description(&reply(&c, UserId(1), Outcome::Crisis, Context::default(), None));
        assert!(!shared.contains(c.safety.not_posted.trim()));
        let held = Context { not_posted: true, ..Context::default() };
        assert!(description(&reply(&c, UserId(1), Outcome::Crisis, held, None))
            .contains(c.safety.not_posted.trim()));
    }

    #[test]
    fn help_for_someone_else_follows_the_ordinary_answer() {
        let c = content();
        let care = reply(&c, UserId(1), Outcome::SomeoneElse, Context::default(), None);
        let answer = Reply::text("Saved.");
        let both = super::after(answer, care.clone());
        assert_eq!(both.content.as_deref(), Some("Saved."));
        assert_eq!(both.embeds, care.embeds);
        assert_eq!(labels(&both), vec![c.ui.buttons.more_help.clone()]);
        assert!(
            both.visibility == crate::reply::Visibility::Private && both.limit_problems().is_empty(),
            "{:?}",
            both.limit_problems()
        );
    }

    #[test]
    fn each_outcome_has_its_own_heading_and_only_alarms_sit_over_the_crisis_lines() {
        let c = content();
        let s = &c.safety;
        let title =
            |o| reply(&c, UserId(1), o, Context::default(), None).embeds[0].title.clone().unwrap_or_default();
        assert_eq!(title(Outcome::Crisis), s.reply_title);
        assert_eq!(title(Outcome::HarmToOthers), s.others_title);
        assert_ne!(title(Outcome::HarmToOthers), c.support.crisis.title, "not the /support card's heading");
        assert_eq!(title(Outcome::Concern), s.concern_title);
        assert_eq!(title(Outcome::SomeoneElse), s.someone_else_title);
        let lines = |o| reply(&c, UserId(1), o, Context::default(), Some("GB")).embeds[0].fields.len();
        assert!(lines(Outcome::Crisis) > 2 && lines(Outcome::HarmToOthers) > 2);
        assert_eq!(lines(Outcome::Concern), 0, "a gentle card, not the crisis lines");
        assert_eq!(lines(Outcome::SomeoneElse), 0);
        for outcome in [Outcome::Concern, Outcome::SomeoneElse] {
            let text = description(&reply(&c, UserId(1), outcome, Context::default(), None));
            assert!(text.contains("findahelpline.com") && text.contains("/support"), "{text}");
        }
    }
}
