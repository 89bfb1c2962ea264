//! The scheduler's tick: claim the nudges due at `now`, deliver each once, record it, schedule the next.
//! A thin loop in the Discord layer calls it; tests call it with any `now` and a delivery of their own.

use std::time::Duration as StdDuration;

use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::schedule::{self, Plan};
use crate::app::App;
use crate::flows::nudges::{current_step, next_practice};
use crate::render;
use crate::reply::Reply;
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
    async fn deliver(&self, user_id: u64, reply: &Reply, nonce: &str) -> Delivery;
}

#[derive(Debug, Clone, Copy)]
pub struct TickSettings {
    /// Nudges missed by more than this (downtime) are skipped, not sent late.
    pub grace: Duration,
    /// A claim older than this is assumed lost in a crash and taken again.
    pub claim_timeout: Duration,
    /// How many nudges one tick takes on.
    pub batch: u32,
}

impl Default for TickSettings {
    fn default() -> Self {
        Self { grace: Duration::hours(2), claim_timeout: Duration::minutes(5), batch: 500 }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TickOutcome {
    pub delivered: u32,
    pub skipped_late: u32,
    pub unreachable: u32,
    pub try_later: u32,
}

impl TickOutcome {
    pub fn handled(&self) -> u32 {
        self.delivered + self.skipped_late + self.unreachable + self.try_later
    }
}

/// The same person and scheduled nudge (its local day and due instant) always give the same nonce, at most 25
/// characters, so a resend after a crash between sending and recording is recognised by Discord and not shown
/// twice; a snoozed nudge has a new due instant and so is a new message.
pub fn nonce(user_id: u64, day: NaiveDate, due_at: DateTime<Utc>) -> String {
    // FNV-1a: small, stable across versions and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("{user_id}:{day}:{}", due_at.timestamp()).bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("n{hash:016x}")
}

#[tracing::instrument(skip_all, fields(now = %now))]
pub async fn run_due(
    app: &App,
    deliver: &dyn Deliver,
    now: DateTime<Utc>,
    settings: &TickSettings,
) -> StoreResult<TickOutcome> {
    let mut outcome = TickOutcome::default();
    let claimed = app.store.claim_due_nudges(now, now - settings.claim_timeout, settings.batch).await?;
    for row in claimed {
        match handle(app, deliver, now, settings, &row).await {
            Ok(kind) => match kind {
                Handled::Delivered => outcome.delivered += 1,
                Handled::SkippedLate => outcome.skipped_late += 1,
                Handled::Unreachable => outcome.unreachable += 1,
                Handled::TryLater => outcome.try_later += 1,
            },
            Err(error) => {
                // Leave it claimed: the claim times out and the nudge is tried again, never lost.
                tracing::error!(user_id = row.user_id, error = %error, "nudge could not be recorded");
                outcome.try_later += 1;
            }
        }
    }
    if outcome.handled() > 0 {
        tracing::info!(?outcome, "nudge tick");
    }
    Ok(outcome)
}

enum Handled {
    Delivered,
    SkippedLate,
    Unreachable,
    TryLater,
}

async fn handle(
    app: &App,
    deliver: &dyn Deliver,
    now: DateTime<Utc>,
    settings: &TickSettings,
    row: &NudgeRow,
) -> StoreResult<Handled> {
    let (Some(due_at), Some(day)) = (row.due_at, row.due_day) else {
        app.store.release_nudge(row.user_id).await?;
        return Ok(Handled::TryLater);
    };
    let plan = Plan {
        time: row.time,
        zone: row.zone,
        last_sent: row.last_sent_day,
        paused_through: row.paused_through,
    };
    if now - due_at > settings.grace {
        // The bot was down: a late nudge is noise. The next one is tomorrow's, at the usual time.
        let next = schedule::after_today(now, &plan);
        app.store.reschedule_nudge(row.user_id, next, None).await?;
        tracing::info!(user_id = row.user_id, %day, "missed nudge skipped after downtime");
        return Ok(Handled::SkippedLate);
    }
    let step = current_step(app, row.user_id).await?;
    let practice = next_practice(step, row);
    let reply = render::nudge::nudge(&app.content, row.user_id, step, practice, day);
    match deliver.deliver(row.user_id, &reply, &nonce(row.user_id, day, due_at)).await {
        Delivery::Delivered => {
            let next = schedule::next_due(now, &Plan { last_sent: Some(day), ..plan });
            app.store.nudge_sent(row.user_id, day, &step.slug, practice, next).await?;
            Ok(Handled::Delivered)
        }
        Delivery::Unreachable { code } => {
            app.store.nudges_unreachable(row.user_id, "dm_closed").await?;
            tracing::info!(
                user_id = row.user_id,
                code,
                "nudges stopped: Discord cannot deliver to this person"
            );
            Ok(Handled::Unreachable)
        }
        Delivery::TryLater(why) => {
            app.store.release_nudge(row.user_id).await?;
            tracing::warn!(user_id = row.user_id, why, "nudge left due for the next tick");
            Ok(Handled::TryLater)
        }
    }
}

/// How long the loop may sleep: until the next nudge is due, but never longer than `at_most`.
pub async fn sleep_for(app: &App, at_most: StdDuration) -> StdDuration {
    let now = app.clock.now();
    match app.store.next_nudge_due().await {
        Ok(Some(at)) if at > now => (at - now).to_std().map_or(at_most, |d| d.min(at_most)),
        Ok(Some(_)) => StdDuration::ZERO,
        _ => at_most,
    }
}

#[cfg(test)]
#[path = "tick_tests.rs"]
mod tests;
