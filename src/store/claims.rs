//! Claims on scheduled sends, the same for every kind: a claim names the run of the bot that made it, so a
//! restart releases at once what a crashed run held; a row that cannot be read is held back until it changes.

use chrono::{DateTime, NaiveDate, Utc};

use super::{db_id, Store, StoreResult};
use crate::schedule::Kind;

/// Where one kind keeps its schedule and its claim. Every part is a constant of `columns` below, so the SQL
/// built from them with `format!` holds no value from outside; values are always bound.
struct Columns {
    table: &'static str,
    key: &'static str,
    due: &'static str,
    claim: &'static str,
    by: &'static str,
    /// Conditions a row must meet to be sent at all.
    when: &'static str,
}

/// A kind's table and its claim columns (when, by whom).
pub(super) fn claim_columns(kind: Kind) -> (&'static str, &'static str, &'static str) {
    let Columns { table, claim, by, .. } = columns(kind);
    (table, claim, by)
}

fn columns(kind: Kind) -> Columns {
    match kind {
        Kind::Nudge => Columns {
            table: "nudges",
            key: "user_id",
            due: "due_at",
            claim: "claimed_at",
            by: "claimed_by",
            when: "enabled = TRUE",
        },
        Kind::Recap => Columns {
            table: "recaps",
            key: "user_id",
            due: "due_at",
            claim: "claimed_at",
            by: "claimed_by",
            when: "enabled = TRUE",
        },
        Kind::GroupPost => Columns {
            table: "groups",
            key: "guild_id",
            due: "due_at",
            claim: "claimed_at",
            by: "claimed_by",
            when: "enabled = TRUE AND removed_at IS NULL",
        },
        Kind::GroupSummary => Columns {
            table: "groups",
            key: "guild_id",
            due: "summary_due_at",
            claim: "summary_claimed_at",
            by: "summary_claimed_by",
            when: "enabled = TRUE AND removed_at IS NULL",
        },
        Kind::Reconnect => Columns {
            table: "partner_resets",
            key: "id",
            due: "reconnect_at",
            claim: "claimed_at",
            by: "claimed_by",
            when: "reconnect_at IS NOT NULL",
        },
        Kind::Ritual => Columns {
            table: "partner_rituals",
            key: "id",
            due: "remind_at",
            claim: "claimed_at",
            by: "claimed_by",
            when: "status = 'accepted' AND remind_at IS NOT NULL",
        },
    }
}

/// The claim a row that cannot be read is given: later than any claim timeout, so it is left out of every
/// claim until a command changes the row (every change clears the claim).
pub(super) const HELD: &str = "unreadable";

fn held_until() -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(9999, 12, 31)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(DateTime::<Utc>::MAX_UTC, |t| t.and_utc())
}

impl Store {
    /// Claims up to `limit` rows of `kind` due by `now` in one statement, so two ticks never take the same
    /// row, and returns `returning` for each. A claim older than `stale_before` (a run that hung) is taken
    /// again.
    pub(crate) async fn claim_due<R>(
        &self,
        kind: Kind,
        returning: &str,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
        limit: u32,
        boot: &str,
    ) -> StoreResult<Vec<R>>
    where
        R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + Send
            + Unpin,
    {
        // SQLite runs one writer at a time, so the statement alone keeps two ticks apart. PostgreSQL runs
        // several processes' ticks at once: each locks the rows it picks and passes over rows another tick
        // has locked, so no row is claimed twice and no tick waits for another.
        let lock = match self.backend() {
            super::backend::Backend::Sqlite => "",
            super::backend::Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        };
        crate::on_pool!(self, |pool| {
            let Columns { table, key, due, claim, by, when } = columns(kind);
            Ok(q::query_as(&format!(
                "UPDATE {table} SET {claim} = ?, {by} = ? WHERE {key} IN (\
                SELECT {key} FROM {table} WHERE {when} AND {due} <= ? \
                AND ({claim} IS NULL OR {claim} < ?) ORDER BY {due} LIMIT ?{lock}) RETURNING {returning}"
            ))
            .bind(now)
            .bind(boot)
            .bind(now)
            .bind(stale_before)
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?)
        })
    }

    /// Leaves one claimed row due for the next tick.
    pub async fn release(&self, kind: Kind, key: u64) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            let Columns { table, key: key_column, claim, by, .. } = columns(kind);
            q::query(&format!("UPDATE {table} SET {claim} = NULL, {by} = NULL WHERE {key_column} = ?"))
                .bind(db_id(key))
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// A row that cannot be read (a zone that no longer parses): left out of every claim until it changes.
    pub async fn hold_unreadable(&self, kind: Kind, key: u64) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            let Columns { table, key: key_column, claim, by, .. } = columns(kind);
            q::query(&format!("UPDATE {table} SET {claim} = ?, {by} = ? WHERE {key_column} = ?"))
                .bind(held_until())
                .bind(HELD)
                .bind(db_id(key))
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// At start-up: every claim made by another run of the bot (one that crashed or was killed) is released,
    /// so what it held goes out now, not after the claim timeout. Rows held as unreadable stay held.
    pub async fn release_claims_of_other_runs(&self, boot: &str) -> StoreResult<u64> {
        crate::on_pool!(self, |pool| {
            let mut released = 0;
            for kind in Kind::ALL {
                let Columns { table, claim, by, .. } = columns(kind);
                released += q::query(&format!(
                    "UPDATE {table} SET {claim} = NULL, {by} = NULL \
                 WHERE {claim} IS NOT NULL AND COALESCE({by}, '') NOT IN (?, ?)"
                ))
                .bind(boot)
                .bind(HELD)
                .execute(pool)
                .await?
                .rows_affected();
            }
            Ok(released)
        })
    }

    /// The earliest instant any unclaimed send of any kind is due, for the loop to sleep until.
    pub async fn next_due(&self) -> StoreResult<Option<DateTime<Utc>>> {
        crate::on_pool!(self, |pool| {
            let mut earliest: Option<DateTime<Utc>> = None;
            for kind in Kind::ALL {
                let Columns { table, due, claim, when, .. } = columns(kind);
                let at: Option<DateTime<Utc>> = q::query_scalar(&format!(
                    "SELECT MIN({due}) FROM {table} WHERE {when} AND {claim} IS NULL"
                ))
                .fetch_one(pool)
                .await?;
                earliest = match (earliest, at) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            Ok(earliest)
        })
    }
}

/// A claimed row that cannot be read, by its key, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub key: u64,
    pub why: String,
}
