//! The `processes` table: every running process of the bot, its shards and its heartbeat. Claims on scheduled
//! sends name their process; the claims of a process that stopped heartbeating are released by the others.

use chrono::{DateTime, Utc};

use super::backend::Backend;
use super::{Store, StoreResult};
use crate::schedule::Kind;

/// A process that heartbeats, as the table holds it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProcessRow {
    pub boot: String,
    pub shards: String,
    pub started_at: DateTime<Utc>,
    pub heartbeat_at: DateTime<Utc>,
}

impl Store {
    /// Says this process is alive at `now`, registering it on the first beat.
    pub async fn heartbeat(&self, boot: &str, shards: &str, now: DateTime<Utc>) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(
                "INSERT INTO processes (boot, shards, started_at, heartbeat_at) VALUES (?, ?, ?, ?) \
                 ON CONFLICT (boot) DO UPDATE SET heartbeat_at = excluded.heartbeat_at",
            )
            .bind(boot)
            .bind(shards)
            .bind(now)
            .bind(now)
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// The processes that have heartbeated since `alive_since`, oldest first.
    pub async fn live_processes(&self, alive_since: DateTime<Utc>) -> StoreResult<Vec<ProcessRow>> {
        crate::on_pool!(self, |pool| {
            Ok(q::query_as(
                "SELECT boot, shards, started_at, heartbeat_at FROM processes WHERE heartbeat_at >= ? \
                 ORDER BY started_at, boot",
            )
            .bind(alive_since)
            .fetch_all(pool)
            .await?)
        })
    }

    /// Releases every claim held by a process other than `boot` that has not heartbeated since
    /// `alive_since`, and forgets such processes. Rows held as unreadable stay held. Returns how many claims
    /// were released.
    pub async fn release_claims_of_silent_processes(
        &self,
        boot: &str,
        alive_since: DateTime<Utc>,
    ) -> StoreResult<u64> {
        crate::on_pool!(self, |pool| {
            let mut released = 0;
            for kind in Kind::ALL {
                let (table, claim, by) = super::claims::claim_columns(kind);
                released += q::query(&format!(
                    "UPDATE {table} SET {claim} = NULL, {by} = NULL \
                     WHERE {claim} IS NOT NULL AND COALESCE({by}, '') NOT IN (?, ?) \
                     AND COALESCE({by}, '') NOT IN (SELECT boot FROM processes WHERE heartbeat_at >= ?)"
                ))
                .bind(boot)
                .bind(super::claims::HELD)
                .bind(alive_since)
                .execute(pool)
                .await?
                .rows_affected();
            }
            q::query("DELETE FROM processes WHERE heartbeat_at < ? AND boot <> ?")
                .bind(alive_since)
                .bind(boot)
                .execute(pool)
                .await?;
            Ok(released)
        })
    }

    /// On a clean stop: this process's claims are released and its row removed, so the others neither wait
    /// for its heartbeat to go silent nor count it in the shared pace.
    pub async fn end_process(&self, boot: &str) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            for kind in Kind::ALL {
                let (table, claim, by) = super::claims::claim_columns(kind);
                q::query(&format!("UPDATE {table} SET {claim} = NULL, {by} = NULL WHERE {by} = ?"))
                    .bind(boot)
                    .execute(pool)
                    .await?;
            }
            q::query("DELETE FROM processes WHERE boot = ?").bind(boot).execute(pool).await?;
            Ok(())
        })
    }

    /// The wait before the next bulk send may start, taken from one budget all processes share, so their
    /// sum stays within the rate whatever their number. Each call takes the next slot, `interval` after the
    /// last one taken (or now, when the budget has been idle); the database's own clock decides, so processes
    /// on machines whose clocks differ still share one pace. Only PostgreSQL keeps a shared budget: on SQLite
    /// one process owns the database and paces itself, and this returns `None`.
    pub async fn take_send_slot(
        &self,
        interval: std::time::Duration,
    ) -> StoreResult<Option<std::time::Duration>> {
        if self.backend() == Backend::Sqlite {
            return Ok(None);
        }
        crate::on_pool!(self, |pool| {
            let seconds = interval.as_secs_f64();
            let wait: f64 = q::query_scalar(
                "UPDATE send_pace SET next_at = GREATEST(next_at, clock_timestamp()) + make_interval(secs => ?) \
                 WHERE id = 1 \
                 RETURNING CAST(EXTRACT(EPOCH FROM (next_at - clock_timestamp())) AS DOUBLE PRECISION) - ?",
            )
            .bind(seconds)
            .bind(seconds)
            .fetch_one(pool)
            .await?;
            Ok(Some(std::time::Duration::from_secs_f64(wait.max(0.0))))
        })
    }
}
