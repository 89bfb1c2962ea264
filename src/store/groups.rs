//! The group tables: each server's accountability setup, its daily posts, check-ins and shout-out choices.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::claims::Unreadable;
use super::{db_id, Store, StoreResult};
use crate::groups::PauseReason;
use crate::ids::{ChannelId, GuildId};
use crate::schedule::Kind;

#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    pub guild_id: GuildId,
    pub channel_id: ChannelId,
    pub time: NaiveTime,
    pub zone: Tz,
    pub focus: String,
    pub started_on: NaiveDate,
    pub enabled: bool,
    pub paused_reason: Option<PauseReason>,
    pub due_at: Option<DateTime<Utc>>,
    pub due_day: Option<NaiveDate>,
    pub last_post_day: Option<NaiveDate>,
    pub summary_due_at: Option<DateTime<Utc>>,
    pub summary_due_day: Option<NaiveDate>,
    pub summary_weekday: chrono::Weekday,
    pub summary_time: NaiveTime,
}

/// A `groups` row as stored, column by column (`COLUMNS`); `row` reads it into a [`GroupRow`].
#[derive(sqlx::FromRow)]
struct Row {
    guild_id: i64,
    channel_id: i64,
    local_time: String,
    time_zone: String,
    focus: String,
    started_on: NaiveDate,
    enabled: bool,
    paused_reason: Option<String>,
    due_at: Option<DateTime<Utc>>,
    due_day: Option<NaiveDate>,
    last_post_day: Option<NaiveDate>,
    summary_due_at: Option<DateTime<Utc>>,
    summary_due_day: Option<NaiveDate>,
    summary_weekday: String,
    summary_time: String,
}

/// The columns of [`Row`], for the queries that read whole setups (a constant, joined into their SQL).
const COLUMNS: &str = "guild_id, channel_id, local_time, time_zone, focus, started_on, enabled, paused_reason, \
                       due_at, due_day, last_post_day, summary_due_at, summary_due_day, summary_weekday, summary_time";

/// A stored setup, or why it cannot be read.
fn row(r: Row) -> Result<GroupRow, Unreadable> {
    let unreadable = |why: &str| Unreadable { key: r.guild_id as u64, why: why.to_owned() };
    let clock = |t: &str| {
        NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| unreadable("a local time does not parse"))
    };
    Ok(GroupRow {
        guild_id: GuildId(r.guild_id as u64),
        channel_id: ChannelId(r.channel_id as u64),
        time: clock(&r.local_time)?,
        zone: r.time_zone.parse().map_err(|_| unreadable("the time zone is not in the zone database"))?,
        started_on: r.started_on,
        enabled: r.enabled,
        paused_reason: match &r.paused_reason {
            Some(text) => {
                Some(pause_reason(text).ok_or_else(|| unreadable("the pause's reason is unknown"))?)
            }
            None => None,
        },
        due_at: r.due_at,
        due_day: r.due_day,
        last_post_day: r.last_post_day,
        summary_due_at: r.summary_due_at,
        summary_due_day: r.summary_due_day,
        summary_weekday: r
            .summary_weekday
            .parse()
            .map_err(|_| unreadable("the summary's weekday does not parse"))?,
        summary_time: clock(&r.summary_time)?,
        focus: r.focus,
    })
}

/// A pause's reason as the database spells it; read and written only here.
fn pause_reason_text(reason: PauseReason) -> &'static str {
    match reason {
        PauseReason::ChannelGone => "channel_gone",
        PauseReason::NoAccess => "no_access",
    }
}

fn pause_reason(text: &str) -> Option<PauseReason> {
    [PauseReason::ChannelGone, PauseReason::NoAccess].into_iter().find(|r| pause_reason_text(*r) == text)
}

/// What a setup command decided.
pub struct GroupSetup<'a> {
    pub guild_id: GuildId,
    pub channel_id: ChannelId,
    pub time: NaiveTime,
    pub zone: Tz,
    pub focus: &'a str,
    pub started_on: NaiveDate,
    pub due: (NaiveDate, DateTime<Utc>),
    pub summary_due: (NaiveDate, DateTime<Utc>),
    pub summary_weekday: chrono::Weekday,
    pub summary_time: NaiveTime,
}

pub use super::group_posts::PostRow;

impl Store {
    #[tracing::instrument(skip_all, fields(guild_id = setup.guild_id.get()))]
    pub async fn set_up_group(&self, setup: &GroupSetup<'_>) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(
            "INSERT INTO groups (guild_id, channel_id, local_time, time_zone, focus, started_on, enabled, due_day, \
             due_at, summary_due_day, summary_due_at, summary_weekday, summary_time) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, local_time = excluded.local_time, \
             time_zone = excluded.time_zone, focus = excluded.focus, started_on = excluded.started_on, enabled = TRUE, \
             due_day = excluded.due_day, due_at = excluded.due_at, summary_due_day = excluded.summary_due_day, \
             summary_due_at = excluded.summary_due_at, summary_weekday = excluded.summary_weekday, \
             summary_time = excluded.summary_time, claimed_at = NULL, summary_claimed_at = NULL, \
             paused_reason = NULL, reason_told = TRUE, removed_at = NULL",
        )
        .bind(db_id(setup.guild_id))
        .bind(db_id(setup.channel_id))
        .bind(setup.time.format("%H:%M").to_string())
        .bind(setup.zone.name())
        .bind(setup.focus)
        .bind(setup.started_on)
        .bind(setup.due.0)
        .bind(setup.due.1)
        .bind(setup.summary_due.0)
        .bind(setup.summary_due.1)
        .bind(format!("{:?}", setup.summary_weekday))
        .bind(setup.summary_time.format("%H:%M").to_string())
        .execute(pool)
        .await?;
            Ok(())
        })
    }

    pub async fn group(&self, guild_id: GuildId) -> StoreResult<Option<GroupRow>> {
        crate::on_pool!(self, |pool| {
            let r: Option<Row> = q::query_as(&format!("SELECT {COLUMNS} FROM groups WHERE guild_id = ?"))
                .bind(db_id(guild_id))
                .fetch_optional(pool)
                .await?;
            Ok(r.and_then(|r| row(r).ok()))
        })
    }

    pub async fn group_off(&self, guild_id: GuildId) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let done = q::query(
                "UPDATE groups SET enabled = FALSE, due_at = NULL, summary_due_at = NULL, claimed_at = NULL, \
             summary_claimed_at = NULL WHERE guild_id = ? AND enabled = TRUE",
            )
            .bind(db_id(guild_id))
            .execute(pool)
            .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Claims the daily posts due by `now` for this run (an old claim, from a hung run, is taken again).
    pub async fn claim_due_posts(
        &self,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
        limit: u32,
        boot: &str,
    ) -> StoreResult<Vec<Result<GroupRow, Unreadable>>> {
        let rows: Vec<Row> = self.claim_due(Kind::GroupPost, COLUMNS, now, stale_before, limit, boot).await?;
        Ok(rows.into_iter().map(row).collect())
    }

    /// Claims the weekly summaries due by `now`.
    pub async fn claim_due_summaries(
        &self,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
        limit: u32,
        boot: &str,
    ) -> StoreResult<Vec<Result<GroupRow, Unreadable>>> {
        let rows: Vec<Row> =
            self.claim_due(Kind::GroupSummary, COLUMNS, now, stale_before, limit, boot).await?;
        Ok(rows.into_iter().map(row).collect())
    }

    pub async fn reschedule_post(
        &self,
        guild_id: GuildId,
        next: (NaiveDate, DateTime<Utc>),
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query("UPDATE groups SET due_day = ?, due_at = ?, claimed_at = NULL WHERE guild_id = ?")
                .bind(next.0)
                .bind(next.1)
                .bind(db_id(guild_id))
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// Records the week's summary and schedules the next, unless an admin changed the setup meanwhile.
    pub async fn summary_sent(
        &self,
        guild_id: GuildId,
        day: NaiveDate,
        next: (NaiveDate, DateTime<Utc>),
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(&format!(
                "UPDATE groups SET last_summary_day = ?, {}, summary_claimed_at = NULL WHERE guild_id = ?",
                super::next_due_unless_changed("summary_claimed_at", "summary_due_day", "summary_due_at")
            ))
            .bind(day)
            .bind(next.0)
            .bind(next.1)
            .bind(db_id(guild_id))
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    pub async fn pause_group(&self, guild_id: GuildId, reason: PauseReason) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(
                "UPDATE groups SET enabled = FALSE, due_at = NULL, summary_due_at = NULL, claimed_at = NULL, \
             summary_claimed_at = NULL, paused_reason = ?, reason_told = FALSE WHERE guild_id = ?",
            )
            .bind(pause_reason_text(reason))
            .bind(db_id(guild_id))
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// Why the server's posts paused by themselves, once.
    pub async fn take_untold_group_pause(&self, guild_id: GuildId) -> StoreResult<Option<PauseReason>> {
        crate::on_pool!(self, |pool| {
            let reason: Option<String> = q::query_scalar(
            "UPDATE groups SET reason_told = TRUE WHERE guild_id = ? AND reason_told = FALSE RETURNING paused_reason",
        )
        .bind(db_id(guild_id))
        .fetch_optional(pool)
        .await?
        .flatten();
            Ok(reason.and_then(|text| {
            let reason = pause_reason(&text);
            if reason.is_none() {
                tracing::warn!(guild_id = guild_id.get(), reason = ?text, "a pause's reason this version cannot read; not told");
            }
            reason
        }))
        })
    }

    /// The bot was removed from the server: its posts stop now, its data goes after the grace period.
    pub async fn mark_guild_removed(&self, guild_id: GuildId, now: DateTime<Utc>) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query("UPDATE groups SET removed_at = ? WHERE guild_id = ? AND removed_at IS NULL")
                .bind(now)
                .bind(db_id(guild_id))
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// The bot is back in the server within the grace period: nothing is deleted.
    pub async fn mark_guild_present(&self, guild_id: GuildId) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query("UPDATE groups SET removed_at = NULL WHERE guild_id = ?")
                .bind(db_id(guild_id))
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// Deletes every server the bot left before `before`: its setup, posts, check-ins and shout-out choices.
    pub async fn purge_removed_guilds(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        crate::on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            q::query(
            "DELETE FROM group_shoutouts WHERE guild_id IN (SELECT guild_id FROM groups WHERE removed_at < ?)",
        )
        .bind(before)
        .execute(&mut *tx)
        .await?;
            let gone =
                q::query("DELETE FROM groups WHERE removed_at < ?").bind(before).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(gone.rows_affected())
        })
    }
}
