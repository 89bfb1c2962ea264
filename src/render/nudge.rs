//! The daily nudge and the replies to its buttons.

use chrono::{DateTime, NaiveDate, Utc};

use crate::content::{fill, Content, Step};
use crate::custom_id::{Action, ButtonId};
use crate::ids::UserId;
use crate::reply::{Button, ButtonStyle, Embed, Reply, COLOUR};

use super::format::{self, when};

/// The practice a nudge shows: the step, the practice's name and how to do it.
fn practice_embed(content: &Content, step: &Step, practice: u8, footer: Option<String>) -> Embed {
    let m = &content.nudges.messages;
    let p = &step.practices[usize::from(practice.clamp(1, 3)) - 1];
    Embed {
        title: Some(m.nudge_title.clone()),
        description: Some(format!(
            "{}\n**{}**\n{}",
            fill(&m.nudge_intro, &[("step", &step.title)]),
            p.name,
            p.how.trim()
        )),
        fields: Vec::new(),
        footer,
        colour: COLOUR,
        image: None,
    }
}

/// The one button left on a nudge once it was answered: the person's progress.
fn progress_row(content: &Content, owner: UserId) -> Vec<Button> {
    vec![Button::new(
        ButtonId::new(owner, Action::Progress).to_string(),
        content.ui.buttons.progress.clone(),
        ButtonStyle::Secondary,
    )]
}

/// Today's practice: one of the step's three, with buttons to mark it done, snooze, skip or stop.
pub fn nudge(content: &Content, owner: UserId, step: &Step, practice: u8, day: NaiveDate) -> Reply {
    let n = &content.nudges;
    let id = |action| ButtonId::new(owner, action).to_string();
    Reply::embed(practice_embed(content, step, practice, Some(n.messages.nudge_footer.clone()))).with_row(
        vec![
            Button::new(
                id(Action::NudgeDone(step.slug.clone(), practice, day)),
                &n.buttons.done,
                ButtonStyle::Success,
            ),
            Button::new(id(Action::NudgeSnooze(day)), &n.buttons.snooze, ButtonStyle::Secondary),
            Button::new(id(Action::NudgeSkip(day)), &n.buttons.skip, ButtonStyle::Secondary),
            Button::new(id(Action::CheckinOpen), &content.reflect.checkin.button, ButtonStyle::Secondary),
            Button::new(id(Action::NudgeStop), &n.buttons.stop, ButtonStyle::Secondary),
        ],
    )
}

/// What a button on a nudge did, told on the nudge itself.
pub enum Clicked<'a> {
    /// A practice marked done (`first`) or already marked for `day`.
    Done {
        practice: &'a str,
        day: NaiveDate,
        first: bool,
    },
    /// Nudges were turned off meanwhile.
    Off,
    Skipped {
        next: DateTime<Utc>,
    },
    Stopped,
}

/// The nudge message after a click: what happened, with the progress button.
pub fn answered(content: &Content, owner: UserId, clicked: &Clicked) -> Reply {
    let m = &content.nudges.messages;
    let text = match clicked {
        Clicked::Done { practice, day, first } => fill(
            if *first { &m.done } else { &m.already_done },
            &[("practice", practice), ("day", &format::day(content, *day))],
        ),
        Clicked::Off => m.status_off.clone(),
        Clicked::Skipped { next } => fill(&m.skipped, &[("when", &when(*next))]),
        Clicked::Stopped => m.stopped.clone(),
    };
    Reply::text(text).with_row(progress_row(content, owner))
}

/// A snoozed nudge after the click: what was snoozed stays in view (the practice, without its buttons), with
/// when it comes back.
pub fn snoozed(content: &Content, owner: UserId, shown: Option<(&Step, u8)>, until: DateTime<Utc>) -> Reply {
    let text = fill(&content.nudges.messages.snoozed, &[("when", &when(until))]);
    let reply = match shown {
        Some((step, practice)) => {
            Reply::embed(practice_embed(content, step, practice, None)).with_content(text)
        }
        None => Reply::text(text),
    };
    reply.with_row(progress_row(content, owner))
}

/// Snooze or skip on a nudge from an earlier day.
pub fn not_current(content: &Content) -> Reply {
    Reply::text(content.nudges.messages.not_current.clone())
}

/// The weekly recap: the week's practices and check-ins, the streak, and a next practice.
pub fn recap(
    content: &Content,
    owner: UserId,
    counts: (u32, u32),
    streak: u32,
    step: &Step,
    practice: u8,
) -> Reply {
    let m = &content.nudges.messages;
    let p = &step.practices[usize::from(practice.clamp(1, 3)) - 1];
    let body = if counts == (0, 0) {
        m.recap_quiet.clone()
    } else {
        let week =
            fill(&m.recap_body, &[("practices", &counts.0.to_string()), ("checkins", &counts.1.to_string())]);
        match streak {
            0 => week,
            n => format!("{week} {}", fill(&m.recap_streak, &[("streak", &n.to_string())])),
        }
    };
    let next = fill(&m.recap_next, &[("practice", &p.name), ("step", &step.title)]);
    Reply::embed(Embed {
        title: Some(m.recap_title.clone()),
        description: Some(format!("{body}\n\n{next}")),
        fields: Vec::new(),
        footer: Some(m.nudge_footer.clone()),
        colour: COLOUR,
        image: None,
    })
    .with_row(vec![Button::new(
        ButtonId::new(owner, Action::Progress).to_string(),
        content.ui.buttons.progress.clone(),
        ButtonStyle::Secondary,
    )])
}

/// A zone typed as a fixed abbreviation ("EST"): what it would do, the zone most people mean, and, for
/// `/timezone`, a button for its `owner` that sets it (elsewhere the command is run again).
pub fn zone_question(
    content: &Content,
    typed: &str,
    zone: chrono_tz::Tz,
    button_for: Option<UserId>,
) -> Reply {
    let m = &content.nudges.messages;
    let vars = [("input", typed), ("zone", zone.name())];
    let Some(owner) = button_for else {
        return Reply::text(fill(&m.zone_abbreviation_retry, &vars));
    };
    Reply::text(fill(&m.zone_abbreviation, &vars)).with_row(vec![Button::new(
        ButtonId::new(owner, Action::SetZone(zone.name().to_owned())).to_string(),
        fill(&content.nudges.buttons.use_zone, &[("zone", zone.name())]),
        ButtonStyle::Primary,
    )])
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::recap;
    use crate::content::Content;
    use crate::ids::UserId;

    fn content() -> Content {
        Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn recap_text(counts: (u32, u32), streak: u32) -> String {
        let content = content();
        let step = &content.steps()[0];
        recap(&content, UserId(1), counts, streak, step, 1).plain_text()
    }

    #[test]
    fn the_recap_counts_in_words_that_add_up() {
        let one = recap_text((1, 1), 1);
        assert!(one.contains("**1** practice and **1** check-in.") && one.contains("**1** day."), "{one}");
        let many = recap_text((3, 2), 4);
        assert!(
            many.contains("**3** practices and **2** check-ins.") && many.contains("**4** days."),
            "{many}"
        );
    }

    #[test]
    fn a_quiet_week_or_a_lapsed_streak_shows_no_zeros() {
        let quiet = recap_text((0, 0), 0);
        assert!(quiet.contains("A quiet week") && !quiet.contains("**0**"), "{quiet}");
        let lapsed = recap_text((2, 0), 0);
        assert!(lapsed.contains("**2** practices") && !lapsed.contains("streak"), "{lapsed}");
    }
}
