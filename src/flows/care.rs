//! The reply to words the crisis check flags, fitted to where they were said.
//!
//! An alarm (crisis, harm to others, a concern) stops the ordinary path: a waiting quiz pauses, a typed
//! check-in ends with what was written kept, a reflection is not shared. Worry for someone else does not:
//! the words are used as they would have been, and how to help comes with the answer.

use crate::app::App;
use crate::ids::UserId;
use crate::reply::Reply;
use crate::safety::{Finding, Outcome};
use crate::store::StoreResult;

pub use crate::render::crisis::{Context, Kept};

/// The reply for `outcome`, with the person's own country's crisis lines first when they chose one.
pub async fn reply(app: &App, user_id: UserId, outcome: Outcome, context: Context) -> StoreResult<Reply> {
    let country = app.store.country(user_id).await?;
    Ok(crate::render::crisis::reply(&app.content, user_id, outcome, context, country.as_deref()))
}

/// `answer` as it would have been without the check, or none, followed by how to help someone else.
pub async fn beside(app: &App, user_id: UserId, answer: Option<Reply>) -> StoreResult<Reply> {
    let help = reply(app, user_id, Outcome::SomeoneElse, Context::default()).await?;
    Ok(match answer {
        Some(answer) => crate::render::crisis::after(answer, help),
        None => help,
    })
}

/// The answer to words written for oneself (a check-in or a journal entry) once they were kept as `kind`;
/// `saved` is false when the store could not seal them, and then nothing was stored. An alarm is answered with
/// care instead of `answer`, saying what was kept; worry for someone else comes after `answer`.
pub async fn for_own_words(
    app: &App,
    user_id: UserId,
    finding: Option<Finding>,
    kind: Kept,
    saved: bool,
    answer: Reply,
) -> StoreResult<Reply> {
    match finding {
        Some(f) if f.outcome.is_alarm() => {
            tracing::warn!(user_id = user_id.get(), outcome = ?f.outcome, rule = f.rule, saved, "crisis resources offered");
            let kept = if saved { kind } else { Kept::Nothing };
            reply(app, user_id, f.outcome, Context { kept, ..Context::default() }).await
        }
        Some(f) => {
            tracing::warn!(user_id = user_id.get(), outcome = ?f.outcome, rule = f.rule, "help for someone else offered");
            beside(app, user_id, Some(answer)).await
        }
        None => Ok(answer),
    }
}

/// Words meant for a partner meet the crisis check first: when they call for care they are not sent, and the
/// writer gets the care reply, which says so. `None`: the words may go.
pub async fn not_sent(app: &App, user_id: UserId, text: &str) -> StoreResult<Option<Reply>> {
    match crate::safety::check(text, &app.content.crisis_language) {
        Some(f) if f.outcome.is_alarm() => {
            tracing::warn!(user_id = user_id.get(), outcome = ?f.outcome, rule = f.rule, "crisis resources offered; not sent to the partner");
            Ok(Some(reply(app, user_id, f.outcome, Context { not_sent: true, ..Context::default() }).await?))
        }
        _ => Ok(None),
    }
}
