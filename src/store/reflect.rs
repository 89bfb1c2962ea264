//! The `checkins` and `journal` tables: what a person wrote for themselves.

use chrono::{DateTime, NaiveDate, Utc};

use super::{db_id, Store, StoreResult};
use crate::ids::UserId;

/// A check-in as its person reads it back.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinEntry {
    pub at: DateTime<Utc>,
    pub feeling: String,
    pub need: String,
    pub steadiness: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JournalEntry {
    pub at: DateTime<Utc>,
    pub prompt: Option<String>,
    pub text: String,
}

impl Store {
    #[tracing::instrument(skip_all, fields(user_id = user_id.get()))]
    pub async fn save_checkin(
        &self,
        user_id: UserId,
        day: NaiveDate,
        at: DateTime<Utc>,
        feeling: &str,
        need: &str,
        steadiness: Option<u8>,
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            let (Some(feeling), Some(need)) = (self.seal(feeling), self.seal(need)) else {
                return Err(super::StoreError::NoKey);
            };
            self.ensure_person(user_id, at).await?;
            q::query(
            "INSERT INTO checkins (user_id, day, at, feeling, need, steadiness) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(db_id(user_id))
        .bind(day)
        .bind(at)
        .bind(feeling)
        .bind(need)
        .bind(steadiness.map(i64::from))
        .execute(pool)
        .await?;
            Ok(())
        })
    }

    pub async fn checkin_count(&self, user_id: UserId) -> StoreResult<u32> {
        crate::on_pool!(self, |pool| {
            let n: i64 = q::query_scalar("SELECT COUNT(*) FROM checkins WHERE user_id = ?")
                .bind(db_id(user_id))
                .fetch_one(pool)
                .await?;
            Ok(u32::try_from(n).unwrap_or(0))
        })
    }

    /// How steady the person felt at their last `limit` check-ins that said, oldest first: (day, 1 to 5).
    pub async fn recent_steadiness(&self, user_id: UserId, limit: u32) -> StoreResult<Vec<(NaiveDate, u8)>> {
        crate::on_pool!(self, |pool| {
            let mut rows: Vec<(NaiveDate, i64)> = q::query_as(
                "SELECT day, steadiness FROM checkins WHERE user_id = ? AND steadiness IS NOT NULL \
             ORDER BY at DESC, id DESC LIMIT ?",
            )
            .bind(db_id(user_id))
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?;
            rows.reverse();
            Ok(rows.into_iter().filter_map(|(day, s)| Some((day, u8::try_from(s).ok()?))).collect())
        })
    }

    /// One page of check-ins, newest first, and how many there are in all.
    pub async fn checkin_page(
        &self,
        user_id: UserId,
        page: u32,
        per_page: u32,
    ) -> StoreResult<(Vec<CheckinEntry>, u32)> {
        crate::on_pool!(self, |pool| {
            let total = self.checkin_count(user_id).await?;
            let rows: Vec<(DateTime<Utc>, String, String, Option<i64>)> = q::query_as(
                "SELECT at, feeling, need, steadiness FROM checkins WHERE user_id = ? \
             ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
            )
            .bind(db_id(user_id))
            .bind(i64::from(per_page))
            .bind(i64::from(page) * i64::from(per_page))
            .fetch_all(pool)
            .await?;
            let entries = rows
                .into_iter()
                .map(|(at, feeling, need, steadiness)| CheckinEntry {
                    at,
                    feeling: self.open_text(&feeling),
                    need: self.open_text(&need),
                    steadiness: steadiness.and_then(|s| u8::try_from(s).ok()),
                })
                .collect();
            Ok((entries, total))
        })
    }

    #[tracing::instrument(skip_all, fields(user_id = user_id.get()))]
    pub async fn save_journal(
        &self,
        user_id: UserId,
        at: DateTime<Utc>,
        prompt: Option<&str>,
        text: &str,
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            let Some(text) = self.seal(text) else { return Err(super::StoreError::NoKey) };
            self.ensure_person(user_id, at).await?;
            q::query("INSERT INTO journal (user_id, at, prompt, text) VALUES (?, ?, ?, ?)")
                .bind(db_id(user_id))
                .bind(at)
                .bind(prompt)
                .bind(text)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// One page of entries, newest first, and how many entries there are in all.
    pub async fn journal_page(
        &self,
        user_id: UserId,
        page: u32,
        per_page: u32,
    ) -> StoreResult<(Vec<JournalEntry>, u32)> {
        crate::on_pool!(self, |pool| {
            let total: i64 = q::query_scalar("SELECT COUNT(*) FROM journal WHERE user_id = ?")
                .bind(db_id(user_id))
                .fetch_one(pool)
                .await?;
            let rows: Vec<(DateTime<Utc>, Option<String>, String)> = q::query_as(
            "SELECT at, prompt, text FROM journal WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
        )
        .bind(db_id(user_id))
        .bind(i64::from(per_page))
        .bind(i64::from(page) * i64::from(per_page))
        .fetch_all(pool)
        .await?;
            let entries = rows
                .into_iter()
                .map(|(at, prompt, text)| JournalEntry { at, prompt, text: self.open_text(&text) })
                .collect();
            Ok((entries, u32::try_from(total).unwrap_or(0)))
        })
    }
}

impl Store {
    /// The bot asked for a typed check-in: it waits for the feeling first.
    pub async fn start_typed_checkin(&self, user_id: UserId, now: DateTime<Utc>) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            self.ensure_person(user_id, now).await?;
            q::query(
                "INSERT INTO pending_checkins (user_id, started_at, feeling) VALUES (?, ?, NULL) \
             ON CONFLICT (user_id) DO UPDATE SET started_at = excluded.started_at, feeling = NULL",
            )
            .bind(db_id(user_id))
            .bind(now)
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// A typed check-in in progress, started after `since`: `Some(None)` waits for the feeling,
    /// `Some(Some(feeling))` for the need.
    pub async fn typed_checkin(
        &self,
        user_id: UserId,
        since: DateTime<Utc>,
    ) -> StoreResult<Option<Option<String>>> {
        crate::on_pool!(self, |pool| {
            let row: Option<(Option<String>,)> =
                q::query_as("SELECT feeling FROM pending_checkins WHERE user_id = ? AND started_at >= ?")
                    .bind(db_id(user_id))
                    .bind(since)
                    .fetch_optional(pool)
                    .await?;
            Ok(row.map(|(feeling,)| feeling.map(|f| self.open_text(&f))))
        })
    }

    pub async fn typed_feeling(&self, user_id: UserId, feeling: &str) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            let Some(feeling) = self.seal(feeling) else { return Err(super::StoreError::NoKey) };
            q::query("UPDATE pending_checkins SET feeling = ? WHERE user_id = ?")
                .bind(feeling)
                .bind(db_id(user_id))
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    pub async fn end_typed_checkin(&self, user_id: UserId) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query("DELETE FROM pending_checkins WHERE user_id = ?")
                .bind(db_id(user_id))
                .execute(pool)
                .await?;
            Ok(())
        })
    }
}

/// Every sealed column, by table and row key.
const SEALED: [(&str, &str, &[&str]); 4] = [
    ("checkins", "id", &["feeling", "need"]),
    ("journal", "id", &["text"]),
    ("pending_checkins", "user_id", &["feeling"]),
    ("key_check", "id", &["sealed"]),
];

impl Store {
    /// Re-seals every sealed value from `old` to `new` in one transaction; any value `old` cannot open stops it
    /// with nothing changed. Returns how many values were re-sealed.
    pub async fn rotate_key(
        &self,
        old: &crate::crypto::DataKey,
        new: &crate::crypto::DataKey,
    ) -> StoreResult<u64> {
        crate::on_pool!(self, |pool| {
            // Reads, then writes what it read: the write lock is taken first, so nothing changes in between.
            let mut tx = pool.begin_with(super::backend::BEGIN_WRITE[self.backend() as usize]).await?;
            let mut count = 0;
            for (table, key, columns) in SEALED {
                for column in columns {
                    let rows: Vec<(i64, Option<String>)> =
                        q::query_as(&format!("SELECT {key}, {column} FROM {table}"))
                            .fetch_all(&mut *tx)
                            .await?;
                    for (id, value) in rows {
                        let Some(value) = value.filter(|v| crate::crypto::is_sealed(v)) else { continue };
                        let plain = old.open(&value).map_err(|_| super::StoreError::WrongKey)?;
                        q::query(&format!("UPDATE {table} SET {column} = ? WHERE {key} = ?"))
                            .bind(new.seal(&plain))
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                        count += 1;
                    }
                }
            }
            tx.commit().await?;
            Ok(count)
        })
    }
}
