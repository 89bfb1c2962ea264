//! `/mydata show|export|delete`: what the bot keeps about a person, their copy of it, and erasing it.

use super::{Answer, Person};
use crate::app::App;
use crate::content::fill;
use crate::custom_id::{Action, ButtonId};
use crate::reply::{Button, ButtonStyle, Embed, Reply, COLOUR};
use crate::store::StoreResult;

/// The name of the exported file.
pub const EXPORT_FILE: &str = "my-data.json";

pub async fn show(app: &App, who: Person) -> StoreResult<Reply> {
    let d = &app.content.mydata;
    let label = |table: &str| -> &str {
        let l = &d.labels;
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
            _ => "",
        }
    };
    let counts = app.store.count_person_rows(who.user_id).await?;
    let mut lines: Vec<String> = counts
        .iter()
        .filter(|(table, _)| !label(table).is_empty())
        .map(|(table, n)| {
            let n = n.to_string();
            let what = fill(label(table), &[("count", &n)]);
            fill(&d.messages.show_line, &[("count", &n), ("what", &what)])
        })
        .collect();
    // Not counts: the quiz under way, the zone and the country, said as what they are.
    if let Some(quiz) = app.store.active_quiz(who.user_id).await? {
        let total = quiz.item_ids.len();
        let number = (quiz.position + 1).min(total).to_string();
        lines.push(fill(&d.labels.quiz_in_progress, &[("number", &number), ("total", &total.to_string())]));
    }
    if let Some(zone) = app.store.time_zone(who.user_id).await? {
        lines.push(fill(&d.labels.zone, &[("zone", zone.name())]));
    }
    if let Some(code) = app.store.country(who.user_id).await? {
        let name =
            crate::country::read(&code).map_or_else(|| code.clone(), |c| format!("{} ({code})", c.name));
        lines.push(fill(&d.labels.country, &[("country", &name)]));
    }
    let description = if counts.is_empty() {
        d.messages.show_nothing.clone()
    } else {
        format!("{}\n\n{}", d.messages.show_intro, lines.join("\n"))
    };
    Ok(Reply::embed(Embed {
        title: Some(d.messages.show_title.clone()),
        description: Some(description),
        colour: COLOUR,
        ..Embed::default()
    })
    .private())
}

pub async fn export(app: &App, who: Person) -> StoreResult<Reply> {
    let data = app.store.export_person(who.user_id).await?;
    let bytes = serde_json::to_vec_pretty(&data).unwrap_or_default();
    tracing::info!(user_id = who.user_id, bytes = bytes.len(), "data exported");
    let mut reply = Reply::text(app.content.mydata.messages.export_done.clone()).private();
    reply.files.push((EXPORT_FILE.to_owned(), bytes));
    Ok(reply)
}

pub fn confirm_delete(app: &App, who: Person) -> Reply {
    let m = &app.content.mydata.messages;
    Reply::text(m.delete_confirm.clone())
        .with_row(vec![
            Button::new(
                ButtonId::new(who.user_id, Action::DeleteMyData).to_string(),
                &m.delete_button,
                ButtonStyle::Danger,
            ),
            Button::new(
                ButtonId::new(who.user_id, Action::KeepMyData).to_string(),
                &m.keep_button,
                ButtonStyle::Secondary,
            ),
            // The question stays on screen: the file comes in a message of its own.
            Button::new(
                ButtonId::keeping(who.user_id, Action::ExportMyData).to_string(),
                &m.export_button,
                ButtonStyle::Primary,
            ),
        ])
        .private()
}

pub async fn click(app: &App, who: Person, action: Action) -> StoreResult<Answer> {
    let m = &app.content.mydata.messages;
    Ok(match action {
        Action::ExportMyData => Answer::New(who.private(export(app, who).await?)),
        Action::DeleteMyData => {
            app.store.delete_person(who.user_id).await?;
            tracing::info!(user_id = who.user_id, "person's data deleted");
            Answer::Update(Reply::text(m.deleted.clone()))
        }
        _ => Answer::Update(Reply::text(m.kept.clone())),
    })
}
