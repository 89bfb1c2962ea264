//! A server's daily post and weekly summary as two kinds of scheduled send: what each shows, where it goes
//! (the server's channel), and what is recorded. And the removal of servers the bot left long ago.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use crate::app::App;
use crate::ids::ChannelId;
use crate::render;
use crate::reply::Reply;
use crate::schedule::time::{self as schedule, Plan};
use crate::schedule::{nonce, Kind, Outcome, Settings};
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
    /// The channel is gone or closed to the bot: the setup pauses.
    Gone {
        reason: super::PauseReason,
    },
    TryLater(String),
}

/// Posts one message in a server channel; the Discord layer implements it (pacing and retries included).
#[async_trait]
pub trait PostToChannel: Send + Sync {
    async fn post(&self, channel_id: ChannelId, reply: &Reply, nonce: &str) -> Posted;
}

/// Sends one server's claimed daily post.
pub async fn send_post(
    app: &App,
    poster: &dyn PostToChannel,
    now: DateTime<Utc>,
    settings: &Settings,
    g: &GroupRow,
) -> StoreResult<Outcome> {
    let plan = Plan { time: g.time, zone: g.zone, last_sent: g.last_post_day, paused_through: None };
    let (Some(due_at), Some(day)) = (g.due_at, g.due_day) else {
        app.store.reschedule_post(g.guild_id, schedule::next_due(now, &plan)).await?;
        return Ok(Outcome::SkippedLate);
    };
    // A setup run again while the day's post was on its way may have scheduled that day once more: a server
    // gets one post a day, so the next one is the day after.
    if g.last_post_day == Some(day) {
        tracing::info!(guild_id = g.guild_id.get(), %day, "the day's post went out already; the next is tomorrow's");
        app.store.reschedule_post(g.guild_id, schedule::next_due(now, &plan)).await?;
        return Ok(Outcome::SkippedLate);
    }
    if now - due_at > settings.grace {
        app.store.reschedule_post(g.guild_id, schedule::after_today(now, &plan)).await?;
        return Ok(Outcome::SkippedLate);
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
    match poster.post(g.channel_id, &reply, &nonce(Kind::GroupPost, g.guild_id.get(), day, due_at)).await {
        Posted::Posted { message_id } => {
            post.message_id = message_id;
            let next = schedule::next_due(now.max(due_at), &Plan { last_sent: Some(day), ..plan });
            app.store.group_posted(g.guild_id, &post, next).await?;
            Ok(Outcome::Sent)
        }
        failed => not_posted(app, g, failed).await,
    }
}

/// A post or summary that did not go out: the setup pauses when the channel is gone or closed to the bot,
/// otherwise it stays due for the next tick.
async fn not_posted(app: &App, g: &GroupRow, failed: Posted) -> StoreResult<Outcome> {
    match failed {
        Posted::Gone { reason } => {
            app.store.pause_group(g.guild_id, reason).await?;
            tracing::warn!(guild_id = g.guild_id.get(), ?reason, "accountability posts paused");
            Ok(Outcome::Stopped)
        }
        Posted::TryLater(why) => Ok(Outcome::TryLater(why)),
        Posted::Posted { .. } => Ok(Outcome::Sent),
    }
}

/// Sends one server's claimed weekly summary.
pub async fn send_summary(
    app: &App,
    poster: &dyn PostToChannel,
    now: DateTime<Utc>,
    settings: &Settings,
    g: &GroupRow,
) -> StoreResult<Outcome> {
    let next_after = |t: DateTime<Utc>| schedule::next_weekly(t, g.summary_weekday, g.summary_time, g.zone);
    let (Some(due_at), Some(day)) = (g.summary_due_at, g.summary_due_day) else {
        let next = next_after(now);
        app.store.summary_sent(g.guild_id, next.0.pred_opt().unwrap_or(next.0), next).await?;
        return Ok(Outcome::SkippedLate);
    };
    let next = next_after(now.max(due_at));
    if now - due_at > settings.grace {
        app.store.summary_sent(g.guild_id, day, next).await?;
        return Ok(Outcome::SkippedLate);
    }
    let from = day - Duration::days(6);
    let counts = app.store.group_counts(g.guild_id, from - Duration::days(60), day).await?;
    let week = crate::groups::week(&counts, day);
    let streak = crate::groups::streak(&counts, day);
    let named = app.store.shoutout_names(g.guild_id, from, day).await?;
    let reply = render::group::summary(&app.content, &week, streak, &named);
    match poster.post(g.channel_id, &reply, &nonce(Kind::GroupSummary, g.guild_id.get(), day, due_at)).await {
        Posted::Posted { .. } => {
            app.store.summary_sent(g.guild_id, day, next).await?;
            Ok(Outcome::Sent)
        }
        failed => not_posted(app, g, failed).await,
    }
}

/// Deletes the data of servers that removed the bot longer ago than the grace period.
pub async fn purge_removed(app: &App, now: DateTime<Utc>) -> StoreResult<u64> {
    app.store.purge_removed_guilds(now - removal_grace()).await
}
