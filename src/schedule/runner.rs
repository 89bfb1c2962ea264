//! The one runner: claim the due rows of every kind, send each on its own (a bounded number at once), and
//! record how each ended. An error on one row is logged with its kind and key and touches no other row.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use futures::stream::{FuturesUnordered, StreamExt};

use super::job::{Kind, Outcome, Settings};
use crate::app::App;
use crate::groups::posts::PostToChannel;
use crate::nudges::daily::Deliver;
use crate::store::claims::Unreadable;
use crate::store::groups::GroupRow;
use crate::store::nudges::NudgeRow;
use crate::store::partner_resets::ReconnectRow;
use crate::store::partner_rituals::RitualRow;
use crate::store::recaps::RecapRow;
use crate::store::StoreResult;

/// Where scheduled sends go: DMs for people, channel posts for servers. The Discord layer implements both.
pub trait Outbox: Deliver + PostToChannel {}

impl<T: Deliver + PostToChannel> Outbox for T {}

/// One claimed row, typed by its kind.
#[derive(Debug)]
enum Job {
    Nudge(NudgeRow),
    Recap(RecapRow),
    GroupPost(GroupRow),
    GroupSummary(GroupRow),
    Reconnect(ReconnectRow),
    Ritual(RitualRow),
}

impl Job {
    fn kind(&self) -> Kind {
        match self {
            Job::Nudge(_) => Kind::Nudge,
            Job::Recap(_) => Kind::Recap,
            Job::GroupPost(_) => Kind::GroupPost,
            Job::GroupSummary(_) => Kind::GroupSummary,
            Job::Reconnect(_) => Kind::Reconnect,
            Job::Ritual(_) => Kind::Ritual,
        }
    }

    fn key(&self) -> u64 {
        match self {
            Job::Nudge(r) => r.user_id.get(),
            Job::Recap(r) => r.user_id.get(),
            Job::GroupPost(g) | Job::GroupSummary(g) => g.guild_id.get(),
            Job::Reconnect(r) => r.id as u64,
            Job::Ritual(r) => r.id as u64,
        }
    }
}

/// What one tick did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    /// Sent, by kind (in `Kind::ALL`'s order).
    pub sent: [u32; 6],
    pub skipped_late: u32,
    pub stopped: u32,
    pub try_later: u32,
    /// Rows that could not be read: held back until they change.
    pub unreadable: u32,
    /// Rows whose outcome could not be recorded: tried again after the claim timeout.
    pub failed: u32,
    /// Some kind had a full batch due: the loop goes again at once.
    pub full: bool,
}

impl Report {
    pub fn sent(&self, kind: Kind) -> u32 {
        self.sent[kind.index()]
    }

    pub fn handled(&self) -> u32 {
        self.sent.iter().sum::<u32>()
            + self.skipped_late
            + self.stopped
            + self.try_later
            + self.unreadable
            + self.failed
    }
}

async fn claim(
    app: &App,
    kind: Kind,
    now: DateTime<Utc>,
    s: &Settings,
) -> StoreResult<Vec<Result<Job, Unreadable>>> {
    let stale = now - s.claim_timeout;
    let boot = s.boot.as_str();
    let store = &app.store;
    Ok(match kind {
        Kind::Nudge => store
            .claim_due_nudges(now, stale, s.batch, boot)
            .await?
            .into_iter()
            .map(|r| r.map(Job::Nudge))
            .collect(),
        Kind::Recap => store
            .claim_due_recaps(now, stale, s.batch, boot)
            .await?
            .into_iter()
            .map(|r| r.map(Job::Recap))
            .collect(),
        Kind::GroupPost => store
            .claim_due_posts(now, stale, s.batch, boot)
            .await?
            .into_iter()
            .map(|r| r.map(Job::GroupPost))
            .collect(),
        Kind::GroupSummary => store
            .claim_due_summaries(now, stale, s.batch, boot)
            .await?
            .into_iter()
            .map(|r| r.map(Job::GroupSummary))
            .collect(),
        Kind::Reconnect => store
            .claim_due_reconnects(now, stale, s.batch, boot)
            .await?
            .into_iter()
            .map(|r| r.map(Job::Reconnect))
            .collect(),
        Kind::Ritual => store
            .claim_due_rituals(now, stale, s.batch, boot)
            .await?
            .into_iter()
            .map(|r| r.map(Job::Ritual))
            .collect(),
    })
}

async fn send(
    app: &App,
    out: &dyn Outbox,
    now: DateTime<Utc>,
    s: &Settings,
    job: &Job,
) -> StoreResult<Outcome> {
    match job {
        Job::Nudge(row) => crate::nudges::daily::send(app, out, now, s, row).await,
        Job::Recap(row) => crate::nudges::recap::send(app, out, now, s, row).await,
        Job::GroupPost(g) => crate::groups::posts::send_post(app, out, now, s, g).await,
        Job::GroupSummary(g) => crate::groups::posts::send_summary(app, out, now, s, g).await,
        Job::Reconnect(r) => crate::flows::partner_resets::send_reminder(app, out, now, s, r).await,
        Job::Ritual(r) => crate::flows::partner_rituals::send_reminder(app, out, now, s, r).await,
    }
}

async fn attempt<'a>(
    app: &'a App,
    out: &'a dyn Outbox,
    now: DateTime<Utc>,
    settings: &'a Settings,
    job: &'a Job,
) -> (&'a Job, StoreResult<Outcome>) {
    (job, send(app, out, now, settings, job).await)
}

/// Counts how one send ended; a send to try later is released at once.
async fn record(app: &App, report: &mut Report, job: &Job, result: StoreResult<Outcome>) {
    let (kind, key) = (job.kind(), job.key());
    match result {
        Ok(Outcome::Sent) => report.sent[kind.index()] += 1,
        Ok(Outcome::SkippedLate) => {
            report.skipped_late += 1;
            tracing::info!(kind = kind.name(), key, "missed send skipped");
        }
        Ok(Outcome::Stopped) => report.stopped += 1,
        Ok(Outcome::TryLater(why)) => {
            report.try_later += 1;
            tracing::warn!(kind = kind.name(), key, why, "send left due for the next tick");
            if let Err(error) = app.store.release(kind, key).await {
                tracing::error!(kind = kind.name(), key, error = %error, "could not release the claim");
            }
        }
        Err(error) => {
            // Left claimed: taken again after the claim timeout, or at once by the next run of the bot.
            report.failed += 1;
            tracing::error!(kind = kind.name(), key, error = %error, "scheduled send could not be recorded");
        }
    }
}

/// Sends everything due at `now`, of every kind.
#[tracing::instrument(skip_all, fields(now = %now))]
pub async fn run_due(app: &App, out: &dyn Outbox, now: DateTime<Utc>, settings: &Settings) -> Report {
    let mut report = Report::default();
    let mut jobs = Vec::new();
    for kind in Kind::ALL {
        match claim(app, kind, now, settings).await {
            Ok(claimed) => {
                report.full |= claimed.len() >= settings.batch as usize;
                for job in claimed {
                    match job {
                        Ok(job) => jobs.push(job),
                        Err(Unreadable { key, why }) => {
                            report.unreadable += 1;
                            tracing::warn!(
                                kind = kind.name(),
                                key,
                                why,
                                "a scheduled send's row cannot be read; it is held back until it changes"
                            );
                            if let Err(error) = app.store.hold_unreadable(kind, key).await {
                                tracing::error!(kind = kind.name(), key, error = %error, "could not hold the row back");
                            }
                        }
                    }
                }
            }
            Err(error) => {
                tracing::error!(kind = kind.name(), error = %error, "due sends could not be claimed")
            }
        }
    }
    // A bounded number of sends on their way at once: one slow answer holds up only its own send.
    let mut queue = jobs.iter();
    let mut pending = FuturesUnordered::new();
    loop {
        while pending.len() < settings.concurrency.max(1) {
            match queue.next() {
                Some(job) => pending.push(attempt(app, out, now, settings, job)),
                None => break,
            }
        }
        let Some((job, result)) = pending.next().await else { break };
        record(app, &mut report, job, result).await;
    }
    match crate::groups::posts::purge_removed(app, now).await {
        Ok(0) => {}
        Ok(purged) => tracing::info!(purged, "data of servers that removed the bot deleted"),
        Err(error) => tracing::error!(error = %error, "removed servers could not be purged"),
    }
    if report.handled() > 0 {
        tracing::info!(?report, "scheduled sends");
    }
    report
}

/// How long the loop may sleep: until the earliest send of any kind is due, but never longer than `at_most`.
pub async fn sleep_for(app: &App, at_most: StdDuration) -> StdDuration {
    let now = app.clock.now();
    match app.store.next_due().await {
        Ok(Some(at)) if at > now => (at - now).to_std().map_or(at_most, |d| d.min(at_most)),
        Ok(Some(_)) => StdDuration::ZERO,
        _ => at_most,
    }
}

#[cfg(test)]
#[path = "runner_tests.rs"]
mod tests;
