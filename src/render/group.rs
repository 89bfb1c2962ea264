//! A server's daily shared post, its check-in count, and the weekly summary.

use chrono::NaiveDate;

use crate::content::{fill, Content, Step};
use crate::custom_id::{Action, ButtonId, SHARED};
use crate::ids::{GuildId, UserId};
use crate::reply::{Button, ButtonStyle, Embed, Field, Modal, ModalInput, Reply, COLOUR};

/// The longest reflection people may share.
pub const REFLECTION_MAX: u16 = 1000;

pub fn count_line(content: &Content, checkins: u32) -> String {
    let m = &content.groups.messages;
    match checkins {
        0 => m.count_none.clone(),
        1 => m.count_one.clone(),
        n => fill(&m.count_many, &[("count", &n.to_string())]),
    }
}

/// The day's post: the practice, how many have done it, and buttons anyone in the server may use.
pub fn post(
    content: &Content,
    guild_id: GuildId,
    day: NaiveDate,
    step: &Step,
    practice: u8,
    checkins: u32,
) -> Reply {
    let g = &content.groups;
    let p = &step.practices[usize::from(practice.clamp(1, 3)) - 1];
    let id = |action| ButtonId::new(SHARED, action).to_string();
    Reply::embed(Embed {
        title: Some(g.messages.post_title.clone()),
        description: Some(format!(
            "{}\n**{}**\n{}\n\n{}",
            fill(&g.messages.post_intro, &[("step", &step.title)]),
            p.name,
            p.how.trim(),
            count_line(content, checkins)
        )),
        fields: Vec::new(),
        footer: None,
        colour: COLOUR,
        image: None,
    })
    .with_row(vec![
        Button::new(id(Action::GroupPracticed(guild_id, day)), &g.buttons.practiced, ButtonStyle::Success),
        Button::new(id(Action::GroupReflect(guild_id, day)), &g.buttons.reflect, ButtonStyle::Secondary),
    ])
    .shared()
}

pub fn reflection_modal(content: &Content, guild_id: GuildId, day: NaiveDate) -> Modal {
    let m = &content.groups.messages;
    Modal {
        custom_id: ButtonId::new(SHARED, Action::GroupReflection(guild_id, day)).to_string(),
        title: m.reflect_title.clone(),
        inputs: vec![ModalInput {
            id: "reflection".to_owned(),
            label: m.reflect_label.clone(),
            placeholder: m.reflect_placeholder.clone(),
            max_length: REFLECTION_MAX,
            required: true,
            long: true,
        }],
    }
}

/// A reflection someone chose to share, under their name, with no one pinged.
pub fn reflection(content: &Content, name: &str, text: &str) -> Reply {
    let quoted = text.trim().replace('\n', "\n> ");
    Reply::text(fill(&content.groups.messages.reflection_posted, &[("name", name), ("text", &quoted)]))
        .shared()
}

/// The week's check-ins day by day, the group's streak, and thanks to those who asked to be named.
pub fn summary(content: &Content, week: &[(NaiveDate, u32)], streak: u32, named: &[UserId]) -> Reply {
    let m = &content.groups.messages;
    let days = week
        .iter()
        .map(|(d, n)| {
            format!(
                "`{}` {} {}",
                super::format::short_weekday(content, *d),
                "▰".repeat((*n).min(20) as usize),
                n
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut description = format!("{}\n{days}", m.summary_days);
    if week.iter().all(|(_, n)| *n == 0) {
        description = format!("{description}\n\n{}", m.summary_quiet);
    }
    let mut fields = vec![Field {
        name: "🔥".to_owned(),
        // No shaming zero, and no "1 days in a row".
        value: match streak {
            0 => m.summary_streak_none.clone(),
            1 => m.summary_streak_fresh.clone(),
            n => fill(&m.summary_streak, &[("days", &n.to_string())]),
        },
    }];
    if !named.is_empty() {
        // Mentions show names without pinging (the message allows no mentions); 35 fit in one field.
        let names = named.iter().take(35).map(|id| format!("<@{id}>")).collect::<Vec<_>>().join(", ");
        fields
            .push(Field { name: "💚".to_owned(), value: fill(&m.summary_shoutouts, &[("names", &names)]) });
    }
    Reply::embed(Embed {
        title: Some(m.summary_title.clone()),
        description: Some(description),
        fields,
        footer: None,
        colour: COLOUR,
        image: None,
    })
    .shared()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_summary_never_says_a_zero_or_one_days_streak() {
        let content =
            crate::content::Content::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
                .unwrap_or_else(|e| panic!("{e}"));
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let streak_line = |streak: u32| {
            let week: Vec<(chrono::NaiveDate, u32)> =
                (0..7).map(|i| (day + chrono::Duration::days(i), 0)).collect();
            super::summary(&content, &week, streak, &[]).embeds[0].fields[0].value.clone()
        };
        let m = &content.groups.messages;
        assert_eq!(streak_line(0), m.summary_streak_none);
        assert_eq!(streak_line(1), m.summary_streak_fresh);
        assert!(streak_line(2).contains("**2** days"), "{}", streak_line(2));
        for n in [0, 1] {
            assert!(!streak_line(n).contains(&format!("**{n}**")), "{}", streak_line(n));
        }
    }
}
