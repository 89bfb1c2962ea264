//! The daily nudge as one kind of scheduled send: what it shows (the day's practice, or the one a snooze kept),
//! where it goes (the person's DMs), and what is recorded. The runner in `schedule` claims and paces it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::app::App;
use crate::flows::nudges::{current_step, next_practice};
use crate::ids::UserId;
use crate::render;
use crate::reply::Reply;
use crate::schedule::time::{self as schedule, Plan};
use crate::schedule::{nonce, Kind, Outcome, Settings};
use crate::store::nudges::NudgeRow;
use crate::store::StoreResult;

/// How a delivery ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Delivered,
    /// Discord will not deliver to this person (50007, 50278): nudges stop.
    Unreachable {
        code: u32,
    },
    /// Still failing after retries: the nudge stays due for the next tick.
    TryLater(String),
}

/// Sends one DM; the Discord layer implements it (pacing and retries included).
#[async_trait]
pub trait Deliver: Send + Sync {
    async fn deliver(&self, user_id: UserId, reply: &Reply, nonce: &str) -> Delivery;
}

fn plan(row: &NudgeRow) -> Plan {
    Plan { time: row.time, zone: row.zone, last_sent: row.last_sent_day, paused_through: row.paused_through }
}

/// Sends one claimed nudge and records how it went.
pub async fn send(
    app: &App,
    out: &dyn Deliver,
    now: DateTime<Utc>,
    settings: &Settings,
    row: &NudgeRow,
) -> StoreResult<Outcome> {
    let (Some(due_at), Some(day)) = (row.due_at, row.due_day) else {
        // A due instant without its day: scheduled again from the person's settings.
        app.store.reschedule_nudge(row.user_id, schedule::next_due(now, &plan(row)), None).await?;
        return Ok(Outcome::SkippedLate);
    };
    // A new time set while the day's nudge was on its way may have scheduled that day once more: one nudge a
    // day, so the next is tomorrow's. A snoozed nudge is the day's own, coming back.
    if row.last_sent_day == Some(day) && row.snoozed.is_none() {
        tracing::info!(user_id = row.user_id.get(), %day, "the day's nudge went out already; the next is tomorrow's");
        app.store.reschedule_nudge(row.user_id, schedule::next_due(now, &plan(row)), None).await?;
        return Ok(Outcome::SkippedLate);
    }
    if now - due_at > settings.grace {
        // The bot was down: a late nudge is noise. The next one is tomorrow's, at the usual time.
        app.store.reschedule_nudge(row.user_id, schedule::after_today(now, &plan(row)), None).await?;
        return Ok(Outcome::SkippedLate);
    }
    let current = current_step(app, row.user_id, day).await?;
    // A snoozed nudge brings back the practice it showed; otherwise the day's next one.
    let (step, practice) = match &row.snoozed {
        Some((slug, practice)) => match app.content.step(slug) {
            Some(step) if (1..=3).contains(practice) => (step, *practice),
            _ => (current, next_practice(current, row)),
        },
        None => (current, next_practice(current, row)),
    };
    let mut reply = render::nudge::nudge(&app.content, row.user_id, step, practice, day);
    // The first nudge after a pause says the pause is over, so it does not come back without a word.
    if row.paused_through.is_some_and(|through| through < day) {
        reply.content = Some(app.content.nudges.messages.resumed.clone());
    }
    match out.deliver(row.user_id, &reply, &nonce(Kind::Nudge, row.user_id.get(), day, due_at)).await {
        Delivery::Delivered => {
            let next = schedule::next_due(now.max(due_at), &Plan { last_sent: Some(day), ..plan(row) });
            app.store.nudge_sent(row.user_id, day, &step.slug, practice, next).await?;
            Ok(Outcome::Sent)
        }
        Delivery::Unreachable { code } => {
            app.store.nudges_unreachable(row.user_id, super::StopReason::DmClosed).await?;
            tracing::info!(
                user_id = row.user_id.get(),
                code,
                "nudges stopped: Discord cannot deliver to this person"
            );
            Ok(Outcome::Stopped)
        }
        Delivery::TryLater(why) => Ok(Outcome::TryLater(why)),
    }
}

#[cfg(test)]
#[path = "daily_tests.rs"]
mod tests;
