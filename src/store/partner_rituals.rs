//! The `partner_rituals` table: a weekly ritual two partners chose, its next instant and its reminder.

use chrono::{DateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use super::claims::Unreadable;
use super::{db_id, Store, StoreResult};
use crate::ids::UserId;
use crate::schedule::Kind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualRow {
    pub id: i64,
    pub proposer: UserId,
    pub partner: UserId,
    pub weekday: Weekday,
    pub time: NaiveTime,
    pub zone: Tz,
    pub what: String,
    pub accepted: bool,
    pub proposed: bool,
    pub next_at: DateTime<Utc>,
    pub done_for: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    user_id: i64,
    partner_id: i64,
    weekday: i64,
    local_time: String,
    time_zone: String,
    what: String,
    status: String,
    next_at: DateTime<Utc>,
    done_for: Option<DateTime<Utc>>,
}

const COLUMNS: &str =
    "id, user_id, partner_id, weekday, local_time, time_zone, what, status, next_at, done_for";

fn row(r: Row) -> Result<RitualRow, Unreadable> {
    let unreadable = |why: &str| Unreadable { key: r.id as u64, why: why.to_owned() };
    let weekday = u8::try_from(r.weekday)
        .ok()
        .and_then(|d| Weekday::try_from(d).ok())
        .ok_or_else(|| unreadable("a weekday out of range"))?;
    let time = NaiveTime::parse_from_str(&r.local_time, "%H:%M")
        .map_err(|_| unreadable("a time that does not read"))?;
    let zone = r.time_zone.parse::<Tz>().map_err(|_| unreadable("a zone this version does not know"))?;
    Ok(RitualRow {
        id: r.id,
        proposer: UserId(r.user_id as u64),
        partner: UserId(r.partner_id as u64),
        weekday,
        time,
        zone,
        what: r.what,
        accepted: r.status == "accepted",
        proposed: r.status == "proposed",
        next_at: r.next_at,
        done_for: r.done_for,
    })
}

fn logged(r: Row) -> Option<RitualRow> {
    row(r)
        .map_err(|u| {
            tracing::warn!(
                table = "partner_rituals",
                key = u.key,
                why = u.why,
                "a ritual that cannot be read"
            )
        })
        .ok()
}

/// A ritual as proposed, before it is stored.
pub struct Proposal<'a> {
    pub proposer: UserId,
    pub partner: UserId,
    pub weekday: Weekday,
    pub time: NaiveTime,
    pub zone: Tz,
    pub what: &'a str,
    pub next_at: DateTime<Utc>,
}

impl Store {
    /// Stores a proposal in place of any ritual the two had: one ritual per partnership.
    pub async fn propose_ritual(&self, p: &Proposal<'_>, now: DateTime<Utc>) -> StoreResult<i64> {
        crate::on_pool!(self, |pool| {
            self.ensure_person(p.proposer, now).await?;
            let mut tx = pool.begin().await?;
            q::query("DELETE FROM partner_rituals WHERE user_id IN (?, ?) OR partner_id IN (?, ?)")
                .bind(db_id(p.proposer))
                .bind(db_id(p.partner))
                .bind(db_id(p.proposer))
                .bind(db_id(p.partner))
                .execute(&mut *tx)
                .await?;
            let id: i64 = q::query_scalar(
            "INSERT INTO partner_rituals (user_id, partner_id, weekday, local_time, time_zone, what, next_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(db_id(p.proposer))
        .bind(db_id(p.partner))
        .bind(i64::from(p.weekday.num_days_from_monday()))
        .bind(p.time.format("%H:%M").to_string())
        .bind(p.zone.name())
        .bind(p.what)
        .bind(p.next_at)
        .fetch_one(&mut *tx)
        .await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    pub async fn ritual(&self, id: i64) -> StoreResult<Option<RitualRow>> {
        crate::on_pool!(self, |pool| {
            let r: Option<Row> = q::query_as(&format!("SELECT {COLUMNS} FROM partner_rituals WHERE id = ?"))
                .bind(id)
                .fetch_optional(pool)
                .await?;
            Ok(r.and_then(logged))
        })
    }

    /// The accepted ritual the person shares, if any.
    pub async fn ritual_of(&self, user_id: UserId) -> StoreResult<Option<RitualRow>> {
        crate::on_pool!(self, |pool| {
            let r: Option<Row> = q::query_as(&format!(
            "SELECT {COLUMNS} FROM partner_rituals WHERE status = 'accepted' AND (user_id = ? OR partner_id = ?) LIMIT 1"
        ))
        .bind(db_id(user_id))
        .bind(db_id(user_id))
        .fetch_optional(pool)
        .await?;
            Ok(r.and_then(logged))
        })
    }

    /// Accepts a proposal, with its first instant and reminder; false when it was no longer proposed.
    pub async fn accept_ritual(
        &self,
        id: i64,
        next_at: DateTime<Utc>,
        remind_at: DateTime<Utc>,
    ) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let done = q::query(
            "UPDATE partner_rituals SET status = 'accepted', next_at = ?, remind_at = ? WHERE id = ? AND status = 'proposed'",
        )
        .bind(next_at)
        .bind(remind_at)
        .bind(id)
        .execute(pool)
        .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    pub async fn decline_ritual(&self, id: i64) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let done = q::query(
                "UPDATE partner_rituals SET status = 'declined' WHERE id = ? AND status = 'proposed'",
            )
            .bind(id)
            .execute(pool)
            .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    pub async fn claim_due_rituals(
        &self,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
        limit: u32,
        boot: &str,
    ) -> StoreResult<Vec<Result<RitualRow, Unreadable>>> {
        let rows: Vec<Row> = self.claim_due(Kind::Ritual, COLUMNS, now, stale_before, limit, boot).await?;
        Ok(rows.into_iter().map(row).collect())
    }

    /// The week's reminder went (or was skipped): the next instant and its reminder.
    pub async fn ritual_moved(
        &self,
        id: i64,
        next_at: DateTime<Utc>,
        remind_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(
            "UPDATE partner_rituals SET next_at = ?, remind_at = ?, claimed_at = NULL, claimed_by = NULL WHERE id = ?",
        )
        .bind(next_at)
        .bind(remind_at)
        .bind(id)
        .execute(pool)
        .await?;
            Ok(())
        })
    }

    /// Marks the ritual at `instant` done; false when that week was marked already.
    pub async fn mark_ritual_done(&self, id: i64, instant: DateTime<Utc>) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let done = q::query(
                "UPDATE partner_rituals SET done_for = ? WHERE id = ? AND (done_for IS NULL OR done_for < ?)",
            )
            .bind(instant)
            .bind(id)
            .bind(instant)
            .execute(pool)
            .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// A partnership ended: its ritual goes, for both.
    pub async fn forget_rituals_of(&self, user_id: UserId) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query("DELETE FROM partner_rituals WHERE user_id = ? OR partner_id = ?")
                .bind(db_id(user_id))
                .bind(db_id(user_id))
                .execute(pool)
                .await?;
            Ok(())
        })
    }
}
