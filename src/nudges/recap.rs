//! The weekly recap by DM: due on the person's Sunday evening, delivered like a nudge (claims, grace, nonce,
//! pacing, refusals), through the same `Deliver`.

use chrono::{DateTime, Duration, NaiveTime, Utc, Weekday};

use super::schedule;
use super::tick::{nonce, Deliver, Delivery, TickSettings};
use crate::app::App;
use crate::flows::nudges::current_step;
use crate::progress::local_day;
use crate::render;
use crate::store::StoreResult;

/// Sunday evening, 19:00 in the person's own zone.
pub const DAY: Weekday = Weekday::Sun;

pub fn time() -> NaiveTime {
    NaiveTime::from_hms_opt(19, 0, 0).unwrap_or_default()
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecapOutcome {
    pub delivered: u32,
    pub skipped: u32,
    pub unreachable: u32,
    pub try_later: u32,
}

pub async fn run_due(
    app: &App,
    deliver: &dyn Deliver,
    now: DateTime<Utc>,
    settings: &TickSettings,
) -> StoreResult<RecapOutcome> {
    let mut outcome = RecapOutcome::default();
    for row in app.store.claim_due_recaps(now, now - settings.claim_timeout, settings.batch).await? {
        let zone = app.store.time_zone(row.user_id).await?.unwrap_or(chrono_tz::UTC);
        let next = schedule::next_weekly(now, DAY, time(), zone);
        let (Some(due_at), Some(day)) = (row.due_at, row.due_day) else {
            app.store.recap_done(row.user_id, None, next).await?;
            continue;
        };
        if now - due_at > settings.grace {
            app.store.recap_done(row.user_id, None, next).await?;
            outcome.skipped += 1;
            continue;
        }
        let counts = app.store.week_counts(row.user_id, day - Duration::days(6), day).await?;
        let streak =
            crate::streak::streaks(&app.store.active_days(row.user_id).await?, local_day(now, Some(zone)))
                .current;
        let step = current_step(app, row.user_id).await?;
        let practice = app
            .store
            .nudge_settings(row.user_id)
            .await?
            .map_or(1, |r| crate::flows::nudges::next_practice(step, &r));
        let reply = render::nudge::recap(&app.content, row.user_id, counts, streak, step, practice);
        // Its own nonce, apart from the day's nudge.
        match deliver.deliver(row.user_id, &reply, &nonce(!row.user_id, day, due_at)).await {
            Delivery::Delivered => {
                app.store.recap_done(row.user_id, Some(day), next).await?;
                outcome.delivered += 1;
            }
            Delivery::Unreachable { code } => {
                app.store.recap_off(row.user_id).await?;
                app.store.nudges_unreachable(row.user_id, "dm_closed").await?;
                tracing::info!(
                    user_id = row.user_id,
                    code,
                    "weekly recap stopped: Discord cannot deliver to this person"
                );
                outcome.unreachable += 1;
            }
            Delivery::TryLater(why) => {
                app.store.release_recap(row.user_id).await?;
                tracing::warn!(user_id = row.user_id, why, "weekly recap left due for the next tick");
                outcome.try_later += 1;
            }
        }
    }
    Ok(outcome)
}

#[cfg(test)]
#[path = "recap_tests.rs"]
mod tests;
