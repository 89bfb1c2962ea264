//! The `partner_resets` table: "Can we reset?" requests, their answers, and the times set to reconnect.

use chrono::{DateTime, Utc};

use super::claims::Unreadable;
use super::{db_id, Store, StoreResult};
use crate::ids::UserId;
use crate::schedule::Kind;

/// How a reset request was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetReply {
    Ready,
    NeedTime,
    Reconnect,
}

fn reply_text(reply: ResetReply) -> &'static str {
    match reply {
        ResetReply::Ready => "ready",
        ResetReply::NeedTime => "time",
        ResetReply::Reconnect => "reconnect",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetRow {
    pub id: i64,
    pub asker: UserId,
    pub partner: UserId,
    pub answered: bool,
}

/// A time to reconnect that has come: both people are reminded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconnectRow {
    pub id: i64,
    pub asker: UserId,
    pub partner: UserId,
    pub at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    user_id: i64,
    partner_id: i64,
    reconnect_at: Option<DateTime<Utc>>,
}

impl Store {
    /// How many requests the person made since `since`.
    pub async fn resets_asked_since(&self, user_id: UserId, since: DateTime<Utc>) -> StoreResult<u32> {
        crate::on_pool!(self, |pool| {
            let n: i64 =
                q::query_scalar("SELECT COUNT(*) FROM partner_resets WHERE user_id = ? AND asked_at > ?")
                    .bind(db_id(user_id))
                    .bind(since)
                    .fetch_one(pool)
                    .await?;
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        })
    }

    /// Whether a request the person made to `partner` since `since` still waits for its answer.
    pub async fn reset_unanswered(
        &self,
        user_id: UserId,
        partner: UserId,
        since: DateTime<Utc>,
    ) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let found: Option<i64> = q::query_scalar(
            "SELECT CAST(1 AS BIGINT) FROM partner_resets WHERE user_id = ? AND partner_id = ? AND answer IS NULL AND asked_at >= ? LIMIT 1",
        )
        .bind(db_id(user_id))
        .bind(db_id(partner))
        .bind(since)
        .fetch_optional(pool)
        .await?;
            Ok(found.is_some())
        })
    }

    pub async fn create_reset(
        &self,
        user_id: UserId,
        partner: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        crate::on_pool!(self, |pool| {
            self.ensure_person(user_id, now).await?;
            Ok(q::query_scalar(
                "INSERT INTO partner_resets (user_id, partner_id, asked_at) VALUES (?, ?, ?) RETURNING id",
            )
            .bind(db_id(user_id))
            .bind(db_id(partner))
            .bind(now)
            .fetch_one(pool)
            .await?)
        })
    }

    /// A request sent that could not be delivered is forgotten, so it neither counts nor waits.
    pub async fn forget_reset(&self, id: i64) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query("DELETE FROM partner_resets WHERE id = ?").bind(id).execute(pool).await?;
            Ok(())
        })
    }

    pub async fn reset_request(&self, id: i64) -> StoreResult<Option<ResetRow>> {
        crate::on_pool!(self, |pool| {
            let row: Option<(i64, i64, i64, Option<String>)> =
                q::query_as("SELECT id, user_id, partner_id, answer FROM partner_resets WHERE id = ?")
                    .bind(id)
                    .fetch_optional(pool)
                    .await?;
            Ok(row.map(|(id, asker, partner, answer)| ResetRow {
                id,
                asker: UserId(asker as u64),
                partner: UserId(partner as u64),
                answered: answer.is_some(),
            }))
        })
    }

    /// Records the answer once; false when the request was already answered (or is gone).
    pub async fn answer_reset(
        &self,
        id: i64,
        reply: ResetReply,
        now: DateTime<Utc>,
        reconnect_at: Option<DateTime<Utc>>,
    ) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let done = q::query(
            "UPDATE partner_resets SET answer = ?, answered_at = ?, reconnect_at = ? WHERE id = ? AND answer IS NULL",
        )
        .bind(reply_text(reply))
        .bind(now)
        .bind(reconnect_at)
        .bind(id)
        .execute(pool)
        .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    pub async fn claim_due_reconnects(
        &self,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
        limit: u32,
        boot: &str,
    ) -> StoreResult<Vec<Result<ReconnectRow, Unreadable>>> {
        let rows: Vec<Row> = self
            .claim_due(
                Kind::Reconnect,
                "id, user_id, partner_id, reconnect_at",
                now,
                stale_before,
                limit,
                boot,
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| match r.reconnect_at {
                Some(at) => Ok(ReconnectRow {
                    id: r.id,
                    asker: UserId(r.user_id as u64),
                    partner: UserId(r.partner_id as u64),
                    at,
                }),
                None => Err(Unreadable { key: r.id as u64, why: "no time to reconnect".to_owned() }),
            })
            .collect())
    }

    /// The reminder went (or was skipped): the row is no longer due.
    pub async fn reconnect_done(&self, id: i64) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query("UPDATE partner_resets SET reconnect_at = NULL, claimed_at = NULL, claimed_by = NULL WHERE id = ?")
            .bind(id)
            .execute(pool)
            .await?;
            Ok(())
        })
    }
}
