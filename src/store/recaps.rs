//! The `recaps` table: who asked for a weekly recap, and when the next one is due.

use chrono::{DateTime, NaiveDate, Utc};

use super::{db_id, Store, StoreResult};

#[derive(Debug, Clone, PartialEq)]
pub struct RecapRow {
    pub user_id: u64,
    pub due_at: Option<DateTime<Utc>>,
    pub due_day: Option<NaiveDate>,
}

impl Store {
    pub async fn recap_on(&self, user_id: u64, due: (NaiveDate, DateTime<Utc>)) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO recaps (user_id, enabled, due_day, due_at) VALUES (?, 1, ?, ?) \
             ON CONFLICT (user_id) DO UPDATE SET enabled = 1, due_day = excluded.due_day, due_at = excluded.due_at, \
             claimed_at = NULL",
        )
        .bind(db_id(user_id))
        .bind(due.0)
        .bind(due.1)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn recap_off(&self, user_id: u64) -> StoreResult<()> {
        sqlx::query("UPDATE recaps SET enabled = 0, due_at = NULL, claimed_at = NULL WHERE user_id = ?")
            .bind(db_id(user_id))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn recap_enabled(&self, user_id: u64) -> StoreResult<bool> {
        let on: Option<bool> = sqlx::query_scalar("SELECT enabled FROM recaps WHERE user_id = ?")
            .bind(db_id(user_id))
            .fetch_optional(self.pool())
            .await?;
        Ok(on.unwrap_or(false))
    }

    pub async fn claim_due_recaps(
        &self,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<RecapRow>> {
        let due = super::Due {
            table: "recaps",
            key: "user_id",
            due: "due_at",
            claim: "claimed_at",
            when: "enabled = 1",
            returning: "user_id, due_at, due_day",
        };
        let rows: Vec<(i64, Option<DateTime<Utc>>, Option<NaiveDate>)> =
            self.claim_due(&due, now, stale_before, limit).await?;
        Ok(rows
            .into_iter()
            .map(|(u, due_at, due_day)| RecapRow { user_id: u as u64, due_at, due_day })
            .collect())
    }

    /// Records a recap sent (or skipped, with no day) and schedules the next, unless the person turned recaps off
    /// or on again meanwhile: then their change stands.
    pub async fn recap_done(
        &self,
        user_id: u64,
        day: Option<NaiveDate>,
        next: (NaiveDate, DateTime<Utc>),
    ) -> StoreResult<()> {
        sqlx::query(&format!(
            "UPDATE recaps SET last_sent_day = COALESCE(?, last_sent_day), {}, claimed_at = NULL WHERE user_id = ?",
            super::next_due_unless_changed("claimed_at", "due_day", "due_at")
        ))
        .bind(day)
        .bind(next.0)
        .bind(next.1)
        .bind(db_id(user_id))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn release_recap(&self, user_id: u64) -> StoreResult<()> {
        sqlx::query("UPDATE recaps SET claimed_at = NULL WHERE user_id = ?")
            .bind(db_id(user_id))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Practices and check-ins between two of the person's days, inclusive.
    pub async fn week_counts(&self, user_id: u64, from: NaiveDate, to: NaiveDate) -> StoreResult<(u32, u32)> {
        let practices: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM practice_log WHERE user_id = ? AND practice_day BETWEEN ? AND ?",
        )
        .bind(db_id(user_id))
        .bind(from)
        .bind(to)
        .fetch_one(self.pool())
        .await?;
        let checkins: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM checkins WHERE user_id = ? AND day BETWEEN ? AND ?")
                .bind(db_id(user_id))
                .bind(from)
                .bind(to)
                .fetch_one(self.pool())
                .await?;
        Ok((u32::try_from(practices).unwrap_or(0), u32::try_from(checkins).unwrap_or(0)))
    }
}
