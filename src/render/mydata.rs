//! `/mydata`: what the bot keeps about a person, in plain words, and the delete confirmation.

use crate::content::{fill, Content};
use crate::custom_id::{Action, ButtonId};
use crate::ids::UserId;
use crate::reply::{Button, ButtonStyle, Embed, Reply, COLOUR};

/// What is kept about a person, gathered by the flow: rows per table, and what is not a count.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    /// (table, rows), tables with none left out.
    pub counts: Vec<(String, u64)>,
    /// The quiz in progress: the question on screen (from 1) and how many there are.
    pub quiz_at: Option<(usize, usize)>,
    pub zone: Option<String>,
    /// The country's name and code, as chosen for crisis lines.
    pub country: Option<String>,
}

pub fn show(content: &Content, kept: &Kept) -> Reply {
    let d = &content.mydata;
    let l = &d.labels;
    let label = |table: &str| -> &str {
        match table {
            "practice_log" => &l.practices,
            "step_progress" => &l.steps,
            "quiz_results" => &l.quiz_results,
            "checkins" | "pending_checkins" => &l.checkins,
            "journal" => &l.journal,
            "group_checkins" => &l.group_checkins,
            "group_shoutouts" => &l.shoutouts,
            "nudges" => &l.nudges,
            "recaps" => &l.recaps,
            "partners" => &l.partners,
            "partner_invites" => &l.partner_invites,
            "partner_blocks" => &l.partner_blocks,
            "partner_resets" => &l.partner_resets,
            "partner_rituals" => &l.partner_rituals,
            _ => "",
        }
    };
    let mut lines: Vec<String> = kept
        .counts
        .iter()
        .filter(|(table, _)| !label(table).is_empty())
        .map(|(table, n)| {
            let n = n.to_string();
            let what = fill(label(table), &[("count", &n)]);
            fill(&d.messages.show_line, &[("count", &n), ("what", &what)])
        })
        .collect();
    // Not counts: the quiz under way, the zone and the country, said as what they are.
    if let Some((number, total)) = kept.quiz_at {
        lines.push(fill(
            &l.quiz_in_progress,
            &[("number", &number.to_string()), ("total", &total.to_string())],
        ));
    }
    if let Some(zone) = &kept.zone {
        lines.push(fill(&l.zone, &[("zone", zone)]));
    }
    if let Some(country) = &kept.country {
        lines.push(fill(&l.country, &[("country", country)]));
    }
    let description = if kept.counts.is_empty() {
        d.messages.show_nothing.clone()
    } else {
        format!("{}\n\n{}", d.messages.show_intro, lines.join("\n"))
    };
    Reply::embed(Embed {
        title: Some(d.messages.show_title.clone()),
        description: Some(description),
        colour: COLOUR,
        ..Embed::default()
    })
}

/// "Are you sure?", with Delete, Keep, and a download first (whose file comes in a message of its own).
pub fn confirm_delete(content: &Content, owner: UserId) -> Reply {
    let m = &content.mydata.messages;
    Reply::text(m.delete_confirm.clone()).with_row(vec![
        Button::new(
            ButtonId::new(owner, Action::DeleteMyData).to_string(),
            &m.delete_button,
            ButtonStyle::Danger,
        ),
        Button::new(
            ButtonId::new(owner, Action::KeepMyData).to_string(),
            &m.keep_button,
            ButtonStyle::Secondary,
        ),
        Button::new(
            ButtonId::keeping(owner, Action::ExportMyData).to_string(),
            &m.export_button,
            ButtonStyle::Primary,
        ),
    ])
}

/// The export's message, beside its file.
pub fn exported(content: &Content) -> Reply {
    Reply::text(content.mydata.messages.export_done.clone())
}

/// The answer to the delete confirmation: everything deleted, or nothing.
pub fn delete_answered(content: &Content, deleted: bool) -> Reply {
    let m = &content.mydata.messages;
    Reply::text(if deleted { m.deleted.clone() } else { m.kept.clone() })
}
