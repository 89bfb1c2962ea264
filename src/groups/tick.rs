//! The group tick: each server's daily post and weekly summary when due, through the same scheduling rules as
//! nudges (`nudges::schedule`, claims, grace, nonces), and the removal of servers the bot left long ago.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use crate::app::App;
use crate::nudges::schedule::{self, Plan};
use crate::nudges::tick::{nonce, TickSettings};
use crate::render;
use crate::reply::Reply;
use crate::store::groups::{GroupRow, PostRow};
use crate::store::StoreResult;

/// How long a server's data is kept after the bot is removed from it (it may be re-added by mistake).
pub fn removal_grace() -> Duration {
    Duration::days(7)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    Posted {
        message_id: u64,
    },
    /// The channel is gone ("channel_gone") or closed to the bot ("no_access"): the setup pauses.
    Gone {
        reason: &'static str,
    },
    TryLater(String),
}

/// Posts one message in a server channel; the Discord layer implements it (pacing and retries included).
#[async_trait]
pub trait PostToChannel: Send + Sync {
    async fn post(&self, channel_id: u64, reply: &Reply, nonce: &str) -> Posted;
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GroupTickOutcome {
    pub posts: u32,
    pub summaries: u32,
    pub skipped_late: u32,
    pub paused: u32,
    pub try_later: u32,
    pub purged: u64,
}

#[tracing::instrument(skip_all, fields(now = %now))]
pub async fn run_due(
    app: &App,
    poster: &dyn PostToChannel,
    now: DateTime<Utc>,
    settings: &TickSettings,
) -> StoreResult<GroupTickOutcome> {
    let mut outcome = GroupTickOutcome::default();
    let stale = now - settings.claim_timeout;
    for group in app.store.claim_due_posts(now, stale, settings.batch).await? {
        daily_post(app, poster, now, settings, &group, &mut outcome).await?;
    }
    for group in app.store.claim_due_summaries(now, stale, settings.batch).await? {
        weekly_summary(app, poster, now, settings, &group, &mut outcome).await?;
    }
    outcome.purged = app.store.purge_removed_guilds(now - removal_grace()).await?;
    if outcome != GroupTickOutcome::default() {
        tracing::info!(?outcome, "group tick");
    }
    Ok(outcome)
}

async fn daily_post(
    app: &App,
    poster: &dyn PostToChannel,
    now: DateTime<Utc>,
    settings: &TickSettings,
    g: &GroupRow,
    outcome: &mut GroupTickOutcome,
) -> StoreResult<()> {
    let (Some(due_at), Some(day)) = (g.due_at, g.due_day) else {
        return app.store.release_group(g.guild_id).await;
    };
    let plan = Plan { time: g.time, zone: g.zone, last_sent: g.last_post_day, paused_through: None };
    if now - due_at > settings.grace {
        app.store.reschedule_post(g.guild_id, schedule::after_today(now, &plan)).await?;
        outcome.skipped_late += 1;
        return Ok(());
    }
    let step = crate::groups::step_for(&app.content, &g.focus, g.started_on, day);
    let practice = crate::groups::practice_for(g.started_on, day);
    let reply = render::group::post(&app.content, g.guild_id, day, step, practice, 0);
    let mut post = PostRow {
        day,
        channel_id: g.channel_id,
        message_id: 0,
        step_slug: step.slug.clone(),
        practice,
        checkins: 0,
    };
    app.store.prepare_post(g.guild_id, &post).await?;
    match poster.post(g.channel_id, &reply, &nonce(g.guild_id, day, due_at)).await {
        Posted::Posted { message_id } => {
            post.message_id = message_id;
            let next = schedule::next_due(now, &Plan { last_sent: Some(day), ..plan });
            app.store.group_posted(g.guild_id, &post, next).await?;
            outcome.posts += 1;
        }
        failed => not_posted(app, g, failed, outcome).await?,
    }
    Ok(())
}

/// A post or summary that did not go out: the setup pauses when the channel is gone or closed to the bot,
/// otherwise it stays due for the next tick.
async fn not_posted(
    app: &App,
    g: &GroupRow,
    failed: Posted,
    outcome: &mut GroupTickOutcome,
) -> StoreResult<()> {
    match failed {
        Posted::Gone { reason } => {
            app.store.pause_group(g.guild_id, reason).await?;
            tracing::warn!(guild_id = g.guild_id, reason, "accountability posts paused");
            outcome.paused += 1;
        }
        Posted::TryLater(why) => {
            app.store.release_group(g.guild_id).await?;
            tracing::warn!(guild_id = g.guild_id, why, "group message left due for the next tick");
            outcome.try_later += 1;
        }
        Posted::Posted { .. } => {}
    }
    Ok(())
}

async fn weekly_summary(
    app: &App,
    poster: &dyn PostToChannel,
    now: DateTime<Utc>,
    settings: &TickSettings,
    g: &GroupRow,
    outcome: &mut GroupTickOutcome,
) -> StoreResult<()> {
    let (Some(due_at), Some(day)) = (g.summary_due_at, g.summary_due_day) else {
        return app.store.release_group(g.guild_id).await;
    };
    let next = schedule::next_weekly(now.max(due_at), g.summary_weekday, g.summary_time, g.zone);
    if now - due_at > settings.grace {
        app.store.summary_sent(g.guild_id, day, next).await?;
        outcome.skipped_late += 1;
        return Ok(());
    }
    let from = day - Duration::days(6);
    let counts = app.store.group_counts(g.guild_id, from - Duration::days(60), day).await?;
    let week = crate::groups::week(&counts, day);
    let streak = crate::groups::streak(&counts, day);
    let named = app.store.shoutout_names(g.guild_id, from, day).await?;
    let reply = render::group::summary(&app.content, &week, streak, &named);
    // A different nonce from the day's post: the summary is its own message.
    match poster.post(g.channel_id, &reply, &nonce(g.guild_id ^ 0x5u64, day, due_at)).await {
        Posted::Posted { .. } => {
            app.store.summary_sent(g.guild_id, day, next).await?;
            outcome.summaries += 1;
        }
        failed => not_posted(app, g, failed, outcome).await?,
    }
    Ok(())
}
