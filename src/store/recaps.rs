//! The `recaps` table: who asked for a weekly recap, and when the next one is due.

use chrono::{DateTime, NaiveDate, Utc};

use super::claims::Unreadable;
use super::{db_id, Store, StoreResult};
use crate::ids::UserId;
use crate::schedule::Kind;

#[derive(Debug, Clone, PartialEq)]
pub struct RecapRow {
    pub user_id: UserId,
    pub due_at: Option<DateTime<Utc>>,
    pub due_day: Option<NaiveDate>,
    /// The person's Sunday the last recap went out for: at most one a local week.
    pub last_sent_day: Option<NaiveDate>,
}

/// user_id, due_at, due_day, last_sent_day.
type Row = (i64, Option<DateTime<Utc>>, Option<NaiveDate>, Option<NaiveDate>);

fn row((u, due_at, due_day, last_sent_day): Row) -> RecapRow {
    RecapRow { user_id: UserId(u as u64), due_at, due_day, last_sent_day }
}

impl Store {
    pub async fn recap_on(&self, user_id: UserId, due: (NaiveDate, DateTime<Utc>)) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(
            "INSERT INTO recaps (user_id, enabled, due_day, due_at) VALUES (?, TRUE, ?, ?) \
             ON CONFLICT (user_id) DO UPDATE SET enabled = TRUE, due_day = excluded.due_day, due_at = excluded.due_at, \
             claimed_at = NULL",
        )
        .bind(db_id(user_id))
        .bind(due.0)
        .bind(due.1)
        .execute(pool)
        .await?;
            Ok(())
        })
    }

    pub async fn recap_off(&self, user_id: UserId) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query("UPDATE recaps SET enabled = FALSE, due_at = NULL, claimed_at = NULL WHERE user_id = ?")
                .bind(db_id(user_id))
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    pub async fn recap_enabled(&self, user_id: UserId) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let on: Option<bool> = q::query_scalar("SELECT enabled FROM recaps WHERE user_id = ?")
                .bind(db_id(user_id))
                .fetch_optional(pool)
                .await?;
            Ok(on.unwrap_or(false))
        })
    }

    pub async fn claim_due_recaps(
        &self,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
        limit: u32,
        boot: &str,
    ) -> StoreResult<Vec<Result<RecapRow, Unreadable>>> {
        let rows: Vec<Row> = self
            .claim_due(Kind::Recap, "user_id, due_at, due_day, last_sent_day", now, stale_before, limit, boot)
            .await?;
        // Every column of a recap row reads: none can be unreadable.
        Ok(rows.into_iter().map(|r| Ok(row(r))).collect())
    }

    /// The person's recap, if they asked for one.
    pub async fn recap(&self, user_id: UserId) -> StoreResult<Option<RecapRow>> {
        crate::on_pool!(self, |pool| {
            let found: Option<Row> = q::query_as(
            "SELECT user_id, due_at, due_day, last_sent_day FROM recaps WHERE user_id = ? AND enabled = TRUE",
        )
        .bind(db_id(user_id))
        .fetch_optional(pool)
        .await?;
            Ok(found.map(row))
        })
    }

    /// The person's Sunday the last recap went out for, on or off.
    pub async fn recap_last_sent(&self, user_id: UserId) -> StoreResult<Option<NaiveDate>> {
        crate::on_pool!(self, |pool| {
            let day: Option<Option<NaiveDate>> =
                q::query_scalar("SELECT last_sent_day FROM recaps WHERE user_id = ?")
                    .bind(db_id(user_id))
                    .fetch_optional(pool)
                    .await?;
            Ok(day.flatten())
        })
    }

    /// Moves the next recap (a new zone), keeping it on if it is on.
    pub async fn reschedule_recap(
        &self,
        user_id: UserId,
        due: (NaiveDate, DateTime<Utc>),
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(
            "UPDATE recaps SET due_day = ?, due_at = ?, claimed_at = NULL WHERE user_id = ? AND enabled = TRUE",
        )
        .bind(due.0)
        .bind(due.1)
        .bind(db_id(user_id))
        .execute(pool)
        .await?;
            Ok(())
        })
    }

    /// Records a recap sent (or skipped, with no day) and schedules the next, unless the person turned recaps off
    /// or on again meanwhile: then their change stands.
    pub async fn recap_done(
        &self,
        user_id: UserId,
        day: Option<NaiveDate>,
        next: (NaiveDate, DateTime<Utc>),
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(&format!(
            "UPDATE recaps SET last_sent_day = COALESCE(?, last_sent_day), {}, claimed_at = NULL WHERE user_id = ?",
            super::next_due_unless_changed("claimed_at", "due_day", "due_at")
        ))
        .bind(day)
        .bind(next.0)
        .bind(next.1)
        .bind(db_id(user_id))
        .execute(pool)
        .await?;
            Ok(())
        })
    }

    /// Practices and check-ins between two of the person's days, inclusive.
    pub async fn week_counts(
        &self,
        user_id: UserId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<(u32, u32)> {
        crate::on_pool!(self, |pool| {
            let practices: i64 = q::query_scalar(
                "SELECT COUNT(*) FROM practice_log WHERE user_id = ? AND practice_day BETWEEN ? AND ?",
            )
            .bind(db_id(user_id))
            .bind(from)
            .bind(to)
            .fetch_one(pool)
            .await?;
            let checkins: i64 =
                q::query_scalar("SELECT COUNT(*) FROM checkins WHERE user_id = ? AND day BETWEEN ? AND ?")
                    .bind(db_id(user_id))
                    .bind(from)
                    .bind(to)
                    .fetch_one(pool)
                    .await?;
            Ok((u32::try_from(practices).unwrap_or(0), u32::try_from(checkins).unwrap_or(0)))
        })
    }
}
