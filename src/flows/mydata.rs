//! `/mydata show|export|delete`: what the bot keeps about a person, their copy of it, and erasing it.

use super::{Answer, Person};
use crate::app::App;
use crate::custom_id::Action;
use crate::render;
use crate::reply::Reply;
use crate::store::StoreResult;

/// The name of the exported file.
pub const EXPORT_FILE: &str = "my-data.json";

pub async fn show(app: &App, who: Person) -> StoreResult<Reply> {
    let quiz_at = app.store.active_quiz(who.user_id).await?.map(|quiz| {
        let total = quiz.item_ids.len();
        ((quiz.position + 1).min(total), total)
    });
    let country = app.store.country(who.user_id).await?.map(|code| {
        crate::country::read(&code).map_or_else(|| code.clone(), |c| format!("{} ({code})", c.name))
    });
    let kept = render::mydata::Kept {
        counts: app.store.count_person_rows(who.user_id).await?,
        quiz_at,
        zone: app.store.time_zone(who.user_id).await?.map(|z| z.name().to_owned()),
        country,
    };
    Ok(render::mydata::show(&app.content, &kept))
}

pub async fn export(app: &App, who: Person) -> StoreResult<Reply> {
    let data = app.store.export_person(who.user_id).await?;
    let bytes = serde_json::to_vec_pretty(&data).unwrap_or_default();
    tracing::info!(user_id = who.user_id.get(), bytes = bytes.len(), "data exported");
    let mut reply = render::mydata::exported(&app.content);
    reply.files.push((EXPORT_FILE.to_owned(), bytes));
    Ok(reply)
}

pub fn confirm_delete(app: &App, who: Person) -> Reply {
    render::mydata::confirm_delete(&app.content, who.user_id)
}

pub async fn click(app: &App, who: Person, action: Action) -> StoreResult<Answer> {
    Ok(match action {
        Action::ExportMyData => Answer::New(export(app, who).await?),
        Action::DeleteMyData => {
            super::partners::before_delete(app, who).await?;
            app.store.delete_person(who.user_id).await?;
            tracing::info!(user_id = who.user_id.get(), "person's data deleted");
            Answer::Update(render::mydata::delete_answered(&app.content, true))
        }
        _ => Answer::Update(render::mydata::delete_answered(&app.content, false)),
    })
}
