//! The `nudges` table and each person's cached DM channel.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::claims::Unreadable;
use super::{db_id, Store, StoreResult};
use crate::ids::{ChannelId, UserId};
use crate::nudges::StopReason;
use crate::schedule::Kind;

#[derive(Debug, Clone, PartialEq)]
pub struct NudgeRow {
    pub user_id: UserId,
    pub enabled: bool,
    pub time: NaiveTime,
    pub zone: Tz,
    pub paused_through: Option<NaiveDate>,
    pub last_sent_day: Option<NaiveDate>,
    pub last_step: Option<String>,
    pub last_practice: Option<u8>,
    pub due_at: Option<DateTime<Utc>>,
    pub due_day: Option<NaiveDate>,
    /// The practice a snoozed nudge showed, which it brings back.
    pub snoozed: Option<(String, u8)>,
}

/// A `nudges` row as stored, column by column (`COLUMNS`); `row` reads it into a [`NudgeRow`].
#[derive(sqlx::FromRow)]
struct Row {
    user_id: i64,
    enabled: bool,
    local_time: String,
    time_zone: String,
    paused_through: Option<NaiveDate>,
    last_sent_day: Option<NaiveDate>,
    last_step: Option<String>,
    last_practice: Option<i64>,
    due_at: Option<DateTime<Utc>>,
    due_day: Option<NaiveDate>,
    snoozed_step: Option<String>,
    snoozed_practice: Option<i64>,
}

/// The columns of [`Row`], for the queries that read whole rows (a constant, joined into their SQL).
const COLUMNS: &str = "user_id, enabled, local_time, time_zone, paused_through, last_sent_day, last_step, \
                       last_practice, due_at, due_day, snoozed_step, snoozed_practice";

/// A stored row, or why it cannot be read (its time or zone no longer parses).
fn row(r: Row) -> Result<NudgeRow, Unreadable> {
    let unreadable = |why: &str| Unreadable { key: r.user_id as u64, why: why.to_owned() };
    Ok(NudgeRow {
        user_id: UserId(r.user_id as u64),
        enabled: r.enabled,
        time: NaiveTime::parse_from_str(&r.local_time, "%H:%M")
            .map_err(|_| unreadable("the local time does not parse"))?,
        zone: r.time_zone.parse().map_err(|_| unreadable("the time zone is not in the zone database"))?,
        paused_through: r.paused_through,
        last_sent_day: r.last_sent_day,
        last_practice: r.last_practice.and_then(|p| u8::try_from(p).ok()),
        due_at: r.due_at,
        due_day: r.due_day,
        snoozed: r.snoozed_step.zip(r.snoozed_practice.and_then(|p| u8::try_from(p).ok())),
        last_step: r.last_step,
    })
}

impl Store {
    /// Turns nudges on (or changes their time), with the first one due at `due`.
    #[tracing::instrument(skip_all, fields(user_id = user_id.get()))]
    pub async fn nudges_on(
        &self,
        user_id: UserId,
        time: NaiveTime,
        zone: Tz,
        due: (NaiveDate, DateTime<Utc>),
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            self.set_time_zone(user_id, zone, now).await?;
            q::query(
            "INSERT INTO nudges (user_id, enabled, local_time, time_zone, due_day, due_at) VALUES (?, TRUE, ?, ?, ?, ?) \
             ON CONFLICT (user_id) DO UPDATE SET enabled = TRUE, local_time = excluded.local_time, \
             time_zone = excluded.time_zone, due_day = excluded.due_day, due_at = excluded.due_at, \
             paused_through = NULL, claimed_at = NULL, stopped_reason = NULL, reason_told = TRUE",
        )
        .bind(db_id(user_id))
        .bind(time.format("%H:%M").to_string())
        .bind(zone.name())
        .bind(due.0)
        .bind(due.1)
        .execute(pool)
        .await?;
            Ok(())
        })
    }

    pub async fn nudge_settings(&self, user_id: UserId) -> StoreResult<Option<NudgeRow>> {
        crate::on_pool!(self, |pool| {
            let r: Option<Row> = q::query_as(&format!("SELECT {COLUMNS} FROM nudges WHERE user_id = ?"))
                .bind(db_id(user_id))
                .fetch_optional(pool)
                .await?;
            Ok(r.and_then(|r| row(r).ok()))
        })
    }

    pub async fn nudges_off(&self, user_id: UserId) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let done = q::query(
            "UPDATE nudges SET enabled = FALSE, due_at = NULL, due_day = NULL, claimed_at = NULL WHERE user_id = ?",
        )
        .bind(db_id(user_id))
        .execute(pool)
        .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Moves the next nudge (snooze, skip, pause); `paused_through` is kept unless given.
    pub async fn reschedule_nudge(
        &self,
        user_id: UserId,
        due: (NaiveDate, DateTime<Utc>),
        paused_through: Option<NaiveDate>,
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(
            "UPDATE nudges SET due_day = ?, due_at = ?, paused_through = COALESCE(?, paused_through), \
             snoozed_step = NULL, snoozed_practice = NULL, claimed_at = NULL WHERE user_id = ? AND enabled = TRUE",
        )
        .bind(due.0)
        .bind(due.1)
        .bind(paused_through)
        .bind(db_id(user_id))
        .execute(pool)
        .await?;
            Ok(())
        })
    }

    /// Claims up to `limit` nudges due by `now` for this run (`boot`), atomically; a claim older than
    /// `stale_before` is taken again, so a nudge is never lost.
    #[tracing::instrument(skip_all)]
    pub async fn claim_due_nudges(
        &self,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
        limit: u32,
        boot: &str,
    ) -> StoreResult<Vec<Result<NudgeRow, Unreadable>>> {
        let rows: Vec<Row> = self.claim_due(Kind::Nudge, COLUMNS, now, stale_before, limit, boot).await?;
        Ok(rows.into_iter().map(row).collect())
    }

    /// Records a delivered nudge and schedules the next, unless the person changed their nudges while it was on
    /// its way: then their change wins and only the delivery is recorded.
    pub async fn nudge_sent(
        &self,
        user_id: UserId,
        day: NaiveDate,
        step: &str,
        practice: u8,
        next: (NaiveDate, DateTime<Utc>),
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(&format!(
            "UPDATE nudges SET last_sent_day = ?, last_step = ?, last_practice = ?, snoozed_step = NULL, \
             snoozed_practice = NULL, paused_through = NULL, {}, claimed_at = NULL WHERE user_id = ?",
            super::next_due_unless_changed("claimed_at", "due_day", "due_at")
        ))
            .bind(day)
            .bind(step)
            .bind(i64::from(practice))
            .bind(next.0)
            .bind(next.1)
            .bind(db_id(user_id))
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// Discord refused to deliver: nudges stop, and the person is told why at their next command.
    pub async fn nudges_unreachable(&self, user_id: UserId, reason: StopReason) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(
                "UPDATE nudges SET enabled = FALSE, due_at = NULL, due_day = NULL, claimed_at = NULL, \
             stopped_reason = ?, reason_told = FALSE WHERE user_id = ?",
            )
            .bind(stop_reason_text(reason))
            .bind(db_id(user_id))
            .execute(pool)
            .await?;
            if let Some(mut untold) = self.untold_people() {
                untold.insert(user_id);
            }
            Ok(())
        })
    }

    /// The set beside the table, where there is one (see `Store::untold`).
    fn untold_people(&self) -> Option<std::sync::MutexGuard<'_, std::collections::HashSet<UserId>>> {
        // A panic while the set was held cannot leave it half-changed (one insert or remove), so it stays usable.
        self.untold.as_ref().map(|set| set.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Why nudges stopped by themselves, once: later calls return `None`.
    pub async fn take_untold_stop_reason(&self, user_id: UserId) -> StoreResult<Option<StopReason>> {
        crate::on_pool!(self, |pool| {
            // Every command asks, and almost always there is nothing to tell: the set beside the table answers that
            // without a query. Only a reason still untold is read and marked told, once.
            if self.untold_people().is_some_and(|untold| !untold.contains(&user_id)) {
                return Ok(None);
            }
            let reason: Option<String> = q::query_scalar(
            "UPDATE nudges SET reason_told = TRUE WHERE user_id = ? AND reason_told = FALSE RETURNING stopped_reason",
        )
        .bind(db_id(user_id))
        .fetch_optional(pool)
        .await?
        .flatten();
            if let Some(mut untold) = self.untold_people() {
                untold.remove(&user_id);
            }
            Ok(reason.and_then(|text| {
            let reason = [StopReason::DmClosed].into_iter().find(|r| stop_reason_text(*r) == text);
            if reason.is_none() {
                tracing::warn!(user_id = user_id.get(), reason = ?text, "a nudge stop reason this version cannot read; not told");
            }
            reason
        }))
        })
    }

    /// The person's DM channel, when one was opened before; a zero (never a Discord id) reads as none.
    pub async fn dm_channel(&self, user_id: UserId) -> StoreResult<Option<ChannelId>> {
        crate::on_pool!(self, |pool| {
            let id: Option<Option<i64>> =
                q::query_scalar("SELECT dm_channel_id FROM people WHERE user_id = ?")
                    .bind(db_id(user_id))
                    .fetch_optional(pool)
                    .await?;
            Ok(id.flatten().filter(|&i| i > 0).map(|i| ChannelId(i as u64)))
        })
    }

    pub async fn set_dm_channel(&self, user_id: UserId, channel_id: ChannelId) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query("UPDATE people SET dm_channel_id = ? WHERE user_id = ?")
                .bind(db_id(channel_id))
                .bind(db_id(user_id))
                .execute(pool)
                .await?;
            Ok(())
        })
    }
}

impl Store {
    /// Snoozes the day's nudge to `due`: it comes again with the practice it showed, and the day no longer
    /// counts as delivered until it does.
    pub async fn snooze_nudge(
        &self,
        user_id: UserId,
        due: (NaiveDate, DateTime<Utc>),
        practice: Option<(&str, u8)>,
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(
            "UPDATE nudges SET due_day = ?, due_at = ?, snoozed_step = ?, snoozed_practice = ?, claimed_at = NULL, \
             last_sent_day = CASE WHEN last_sent_day = ? THEN NULL ELSE last_sent_day END \
             WHERE user_id = ? AND enabled = TRUE",
        )
        .bind(due.0)
        .bind(due.1)
        .bind(practice.map(|p| p.0))
        .bind(practice.map(|p| i64::from(p.1)))
        .bind(due.0)
        .bind(db_id(user_id))
        .execute(pool)
        .await?;
            Ok(())
        })
    }
}

impl Store {
    pub async fn forget_dm_channel(&self, user_id: UserId) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query("UPDATE people SET dm_channel_id = NULL WHERE user_id = ?")
                .bind(db_id(user_id))
                .execute(pool)
                .await?;
            Ok(())
        })
    }
}

/// A stop reason as the database spells it; read and written only here.
fn stop_reason_text(reason: StopReason) -> &'static str {
    match reason {
        StopReason::DmClosed => "dm_closed",
    }
}

/// Who has a stop reason not yet told, read once when the database opens.
pub(super) async fn untold_stop_reasons(
    pool: &super::backend::Pool,
) -> StoreResult<std::collections::HashSet<UserId>> {
    crate::on_pool!(pool, |pool| {
        let ids: Vec<i64> =
            q::query_scalar("SELECT user_id FROM nudges WHERE reason_told = FALSE").fetch_all(pool).await?;
        Ok(ids.into_iter().map(|id| UserId(id as u64)).collect())
    })
}
