//! "Can we reset?" (step 3): a fixed, kind request to the partner, three answers, and a time to reconnect at
//! which both are reminded (step 8). At most three requests a day, and none while one waits for its answer, so
//! it cannot become pressure.

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::partners::{nonce, said, tell};
use super::Person;
use crate::app::App;
use crate::custom_id::ResetChoice;
use crate::nudges::daily::Deliver;
use crate::render::partners::{self, Said};
use crate::reply::Reply;
use crate::schedule::{Kind, Outcome, Settings};
use crate::store::partner_resets::{ReconnectRow, ResetReply};
use crate::store::StoreResult;

/// Requests a person may make in 24 hours.
pub const RESETS_PER_DAY: u32 = 3;
/// An unanswered request stops holding the next one back after this long.
const WAITS_FOR: i64 = 24;
/// "This evening" is this local time, offered while it is at least half an hour away.
const EVENING: (u32, u32) = (19, 0);

#[tracing::instrument(skip_all, fields(user_id = who.user_id.get()))]
pub async fn ask(app: &App, who: Person) -> StoreResult<Reply> {
    let now = app.clock.now();
    let Some(mine) = app.store.partnership(who.user_id).await? else {
        return Ok(said(app, &Said::NoPartner));
    };
    let day_ago = now - Duration::hours(WAITS_FOR);
    if app.store.reset_unanswered(who.user_id, mine.partner, day_ago.max(mine.since)).await? {
        return Ok(said(app, &Said::ResetWaiting { partner: mine.partner }));
    }
    if app.store.resets_asked_since(who.user_id, day_ago).await? >= RESETS_PER_DAY {
        return Ok(said(app, &Said::ResetLimit { max: RESETS_PER_DAY }));
    }
    let id = app.store.create_reset(who.user_id, mine.partner, now).await?;
    let dm = partners::reset_request(&app.content, who.user_id, mine.partner, id);
    Ok(if tell(app, mine.partner, &dm, &nonce('r', mine.partner, id)).await {
        tracing::info!(reset = id, "reset requested");
        said(app, &Said::ResetSent { partner: mine.partner })
    } else {
        app.store.forget_reset(id).await?;
        said(app, &Said::NotDelivered { partner: mine.partner })
    })
}

/// When a chosen time to reconnect falls, read in the zone of the person choosing; `None` for "this evening"
/// once the evening is less than half an hour away.
fn reconnect_at(choice: ResetChoice, now: DateTime<Utc>, zone: chrono_tz::Tz) -> Option<DateTime<Utc>> {
    match choice {
        ResetChoice::In30Minutes => Some(now + Duration::minutes(30)),
        ResetChoice::InAnHour => Some(now + Duration::hours(1)),
        ResetChoice::Tomorrow => Some(now + Duration::days(1)),
        ResetChoice::ThisEvening => {
            let evening = NaiveTime::from_hms_opt(EVENING.0, EVENING.1, 0)?;
            let today = now.with_timezone(&zone).date_naive();
            let at = crate::schedule::time::local_instant(today, evening, zone);
            (at - now >= Duration::minutes(30)).then_some(at)
        }
        ResetChoice::Ready | ResetChoice::NeedTime | ResetChoice::PickTime => None,
    }
}

/// The partner's answer, from the request's buttons (already checked to be theirs).
#[tracing::instrument(skip_all, fields(user_id = who.user_id.get(), reset = id))]
pub async fn answer(app: &App, who: Person, id: i64, choice: ResetChoice) -> StoreResult<Reply> {
    let now = app.clock.now();
    let Some(request) = app.store.reset_request(id).await?.filter(|r| r.partner == who.user_id) else {
        return Ok(said(app, &Said::ResetAnswered));
    };
    // Only while the two are still partners: after a leave, nothing more goes between them.
    let still = app.store.are_partners(who.user_id, request.asker).await?;
    if request.answered || !still {
        return Ok(said(app, &Said::ResetAnswered));
    }
    let zone = app.store.time_zone(who.user_id).await?.unwrap_or(chrono_tz::UTC);
    let (reply, at, you, them) = match choice {
        ResetChoice::PickTime => {
            let evening_ahead = reconnect_at(ResetChoice::ThisEvening, now, zone).is_some();
            return Ok(partners::reset_when(&app.content, who.user_id, id, evening_ahead));
        }
        ResetChoice::Ready => {
            (ResetReply::Ready, None, Said::ResetReadyYou, Said::ResetReadyThem { partner: who.user_id })
        }
        ResetChoice::NeedTime => {
            (ResetReply::NeedTime, None, Said::ResetTimeYou, Said::ResetTimeThem { partner: who.user_id })
        }
        time => {
            // "This evening" clicked when the evening has passed: offered again without it.
            let Some(at) = reconnect_at(time, now, zone) else {
                return Ok(partners::reset_when(&app.content, who.user_id, id, false));
            };
            (
                ResetReply::Reconnect,
                Some(at),
                Said::ResetReconnectYou { at },
                Said::ResetReconnectThem { partner: who.user_id, at },
            )
        }
    };
    if !app.store.answer_reset(id, reply, now, at).await? {
        return Ok(said(app, &Said::ResetAnswered));
    }
    tracing::info!(answer = ?reply, "reset answered");
    tell(app, request.asker, &said(app, &them), &nonce('s', request.asker, id)).await;
    Ok(said(app, &you))
}

/// The scheduled reminder at the time set to reconnect, to both; none once they are no longer partners, and
/// none long after its time (the bot was down).
pub async fn send_reminder(
    app: &App,
    out: &dyn Deliver,
    now: DateTime<Utc>,
    settings: &Settings,
    row: &ReconnectRow,
) -> StoreResult<Outcome> {
    let still = app.store.are_partners(row.asker, row.partner).await?;
    if !still || now - row.at > settings.grace {
        app.store.reconnect_done(row.id).await?;
        return Ok(Outcome::SkippedLate);
    }
    let replies = [
        (row.asker, said(app, &Said::ReconnectReminder { partner: row.partner })),
        (row.partner, said(app, &Said::ReconnectReminder { partner: row.asker })),
    ];
    let outcome = super::partners::remind_both(out, Kind::Reconnect, row.id, row.at, replies).await;
    if !matches!(outcome, Outcome::TryLater(_)) {
        app.store.reconnect_done(row.id).await?;
    }
    Ok(outcome)
}
