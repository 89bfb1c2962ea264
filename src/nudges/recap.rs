//! The weekly recap as one kind of scheduled send: due on the person's Sunday evening, at most one a local
//! week whatever their zone does, delivered like a nudge through the same `Deliver`.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use super::daily::{Deliver, Delivery};
use crate::app::App;
use crate::flows::nudges::current_step;
use crate::progress::local_day;
use crate::render;
use crate::schedule::time as schedule;
use crate::schedule::{nonce, Kind, Outcome, Settings};
use crate::store::recaps::RecapRow;
use crate::store::StoreResult;

/// Sunday evening, 19:00 in the person's own zone.
pub const DAY: Weekday = Weekday::Sun;

pub fn time() -> NaiveTime {
    NaiveTime::from_hms_opt(19, 0, 0).unwrap_or_default()
}

/// The next recap strictly after `after`: Sunday 19:00 in `zone`, on a Sunday later than the one the last
/// recap went out for, so a change of zone never brings a second recap in one local week.
pub fn next_recap(
    after: DateTime<Utc>,
    zone: Tz,
    last_sent: Option<NaiveDate>,
) -> (NaiveDate, DateTime<Utc>) {
    let mut from = after;
    for _ in 0..3 {
        let (day, at) = schedule::next_weekly(from, DAY, time(), zone);
        if last_sent.is_none_or(|last| day > last) {
            return (day, at);
        }
        from = at;
    }
    schedule::next_weekly(from, DAY, time(), zone)
}

/// Sends one claimed recap and records how it went.
pub async fn send(
    app: &App,
    out: &dyn Deliver,
    now: DateTime<Utc>,
    settings: &Settings,
    row: &RecapRow,
) -> StoreResult<Outcome> {
    let zone = app.store.time_zone(row.user_id).await?.unwrap_or(chrono_tz::UTC);
    let (Some(due_at), Some(day)) = (row.due_at, row.due_day) else {
        app.store.recap_done(row.user_id, None, next_recap(now, zone, row.last_sent_day)).await?;
        return Ok(Outcome::SkippedLate);
    };
    if now - due_at > settings.grace {
        app.store.recap_done(row.user_id, None, next_recap(now, zone, row.last_sent_day)).await?;
        return Ok(Outcome::SkippedLate);
    }
    if row.last_sent_day.is_some_and(|last| day <= last) {
        // This local week already had its recap (the zone moved the Sunday): the next one is next week's.
        app.store.recap_done(row.user_id, None, next_recap(now, zone, row.last_sent_day)).await?;
        return Ok(Outcome::SkippedLate);
    }
    let counts = app.store.week_counts(row.user_id, day - Duration::days(6), day).await?;
    let streak =
        crate::streak::streaks(&app.store.active_days(row.user_id).await?, local_day(now, Some(zone)))
            .current;
    let step = current_step(app, row.user_id, day).await?;
    let practice = app
        .store
        .nudge_settings(row.user_id)
        .await?
        .map_or(1, |r| crate::flows::nudges::next_practice(step, &r));
    let reply = render::nudge::recap(&app.content, row.user_id, counts, streak, step, practice);
    match out.deliver(row.user_id, &reply, &nonce(Kind::Recap, row.user_id.get(), day, due_at)).await {
        Delivery::Delivered => {
            app.store
                .recap_done(row.user_id, Some(day), next_recap(now.max(due_at), zone, Some(day)))
                .await?;
            Ok(Outcome::Sent)
        }
        Delivery::Unreachable { code } => {
            app.store.recap_off(row.user_id).await?;
            app.store.nudges_unreachable(row.user_id, super::StopReason::DmClosed).await?;
            tracing::info!(
                user_id = row.user_id.get(),
                code,
                "weekly recap stopped: Discord cannot deliver to this person"
            );
            Ok(Outcome::Stopped)
        }
        Delivery::TryLater(why) => Ok(Outcome::TryLater(why)),
    }
}

#[cfg(test)]
#[path = "recap_tests.rs"]
mod tests;
