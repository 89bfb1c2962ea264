//! The `practice_log` table: each practice a person did, on which of their days.

use chrono::{DateTime, NaiveDate, Utc};

use super::{db_id, Store, StoreResult};
use crate::ids::UserId;
use crate::progress::{LoggedPractice, PracticeRef};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogOutcome {
    Logged,
    /// The same practice was already logged for that day: a double click, or done twice.
    AlreadyLogged,
}

impl Store {
    #[tracing::instrument(skip_all, fields(user_id, step = %practice.step_slug, practice = practice.number))]
    pub async fn log_practice(
        &self,
        user_id: UserId,
        practice: &PracticeRef,
        day: NaiveDate,
        now: DateTime<Utc>,
        source: &str,
    ) -> StoreResult<LogOutcome> {
        crate::on_pool!(self, |pool| {
            self.ensure_person(user_id, now).await?;
            let done = q::query(
                "INSERT INTO practice_log (user_id, step_slug, practice, practice_day, logged_at, source) \
             VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (user_id, step_slug, practice, practice_day) DO NOTHING",
            )
            .bind(db_id(user_id))
            .bind(&practice.step_slug)
            .bind(i64::from(practice.number))
            .bind(day)
            .bind(now)
            .bind(source)
            .execute(pool)
            .await?;
            Ok(if done.rows_affected() == 1 { LogOutcome::Logged } else { LogOutcome::AlreadyLogged })
        })
    }

    /// How many practices the person has logged for each step.
    pub async fn practice_counts(&self, user_id: UserId) -> StoreResult<Vec<(String, u32)>> {
        crate::on_pool!(self, |pool| {
            let rows: Vec<(String, i64)> = q::query_as(
                "SELECT step_slug, COUNT(*) FROM practice_log WHERE user_id = ? GROUP BY step_slug",
            )
            .bind(db_id(user_id))
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(|(slug, n)| (slug, u32::try_from(n).unwrap_or(u32::MAX))).collect())
        })
    }

    /// The most recent practices, newest first.
    pub async fn recent_practices(&self, user_id: UserId, limit: u32) -> StoreResult<Vec<LoggedPractice>> {
        crate::on_pool!(self, |pool| {
            let rows: Vec<(String, i64, NaiveDate, DateTime<Utc>)> = q::query_as(
                "SELECT step_slug, practice, practice_day, logged_at FROM practice_log \
             WHERE user_id = ? ORDER BY logged_at DESC, id DESC LIMIT ?",
            )
            .bind(db_id(user_id))
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(step_slug, number, day, logged_at)| LoggedPractice {
                    practice: PracticeRef { step_slug, number: u8::try_from(number).unwrap_or(0) },
                    day,
                    logged_at,
                })
                .collect())
        })
    }
}

impl Store {
    /// Every day the person did something that counts for a streak: a practice (from a step, a nudge or a
    /// group) or a check-in, each recorded on their own calendar day.
    pub async fn active_days(&self, user_id: UserId) -> StoreResult<std::collections::BTreeSet<NaiveDate>> {
        crate::on_pool!(self, |pool| {
            let days: Vec<NaiveDate> = q::query_scalar(
            "SELECT practice_day FROM practice_log WHERE user_id = ? UNION SELECT day FROM checkins WHERE user_id = ?",
        )
        .bind(db_id(user_id))
        .bind(db_id(user_id))
        .fetch_all(pool)
        .await?;
            Ok(days.into_iter().collect())
        })
    }
}

impl Store {
    /// Practices and check-ins per day of the person's calendar, from `from` on.
    pub async fn activity_by_day(
        &self,
        user_id: UserId,
        from: NaiveDate,
    ) -> StoreResult<Vec<(NaiveDate, u32)>> {
        crate::on_pool!(self, |pool| {
            let rows: Vec<(NaiveDate, i64)> = q::query_as(
                "SELECT day, COUNT(*) FROM (\
                SELECT practice_day AS day FROM practice_log WHERE user_id = ? AND practice_day >= ? \
                UNION ALL SELECT day FROM checkins WHERE user_id = ? AND day >= ?) AS days GROUP BY day",
            )
            .bind(db_id(user_id))
            .bind(from)
            .bind(db_id(user_id))
            .bind(from)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(|(d, n)| (d, u32::try_from(n).unwrap_or(0))).collect())
        })
    }
}
