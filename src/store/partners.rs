//! The `partners`, `partner_invites` and `partner_blocks` tables: who chose whom, what is still waiting for an
//! answer, and who asked not to be invited again by someone.

use chrono::{DateTime, Utc};

use super::{db_id, Store, StoreResult};
use crate::ids::UserId;

/// A person's side of a partnership.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partnership {
    pub partner: UserId,
    pub since: DateTime<Utc>,
    /// Whether this person shows their current streak to their partner.
    pub shares_streak: bool,
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteStatus {
    Pending,
    Accepted,
    Declined,
    /// Ended without an answer: the inviter found another partner, or deleted their data.
    Withdrawn,
}

fn status_text(status: InviteStatus) -> &'static str {
    match status {
        InviteStatus::Pending => "pending",
        InviteStatus::Accepted => "accepted",
        InviteStatus::Declined => "declined",
        InviteStatus::Withdrawn => "withdrawn",
    }
}

fn status_of(text: &str) -> Option<InviteStatus> {
    [InviteStatus::Pending, InviteStatus::Accepted, InviteStatus::Declined, InviteStatus::Withdrawn]
        .into_iter()
        .find(|s| status_text(*s) == text)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub id: i64,
    pub inviter: UserId,
    pub invitee: UserId,
    pub expires_at: DateTime<Utc>,
    pub status: InviteStatus,
}

#[derive(sqlx::FromRow)]
struct InviteRow {
    id: i64,
    user_id: i64,
    invitee_id: i64,
    expires_at: DateTime<Utc>,
    status: String,
}

fn invite(r: InviteRow) -> Option<Invite> {
    let status = status_of(&r.status);
    if status.is_none() {
        tracing::warn!(table = "partner_invites", id = r.id, status = ?r.status, "an invitation status this version cannot read");
    }
    Some(Invite {
        id: r.id,
        inviter: UserId(r.user_id as u64),
        invitee: UserId(r.invitee_id as u64),
        expires_at: r.expires_at,
        status: status?,
    })
}

/// How an acceptance ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    Partnered,
    /// Answered, withdrawn or expired before this click.
    NotOpen,
    /// One of the two found a partner meanwhile.
    Taken,
}

const INVITE_COLUMNS: &str = "id, user_id, invitee_id, expires_at, status";

impl Store {
    pub async fn partnership(&self, user_id: UserId) -> StoreResult<Option<Partnership>> {
        crate::on_pool!(self, |pool| {
            let row: Option<(i64, DateTime<Utc>, bool)> =
                q::query_as("SELECT partner_id, since, share_streak FROM partners WHERE user_id = ?")
                    .bind(db_id(user_id))
                    .fetch_optional(pool)
                    .await?;
            Ok(row.map(|(partner, since, shares_streak)| Partnership {
                partner: UserId(partner as u64),
                since,
                shares_streak,
            }))
        })
    }

    /// Whether the two are partners of each other now.
    pub async fn are_partners(&self, a: UserId, b: UserId) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let found: Option<i64> = q::query_scalar(
                "SELECT CAST(1 AS BIGINT) FROM partners WHERE user_id = ? AND partner_id = ?",
            )
            .bind(db_id(a))
            .bind(db_id(b))
            .fetch_optional(pool)
            .await?;
            Ok(found.is_some())
        })
    }

    pub async fn invite(&self, id: i64) -> StoreResult<Option<Invite>> {
        crate::on_pool!(self, |pool| {
            let row: Option<InviteRow> =
                q::query_as(&format!("SELECT {INVITE_COLUMNS} FROM partner_invites WHERE id = ?"))
                    .bind(id)
                    .fetch_optional(pool)
                    .await?;
            Ok(row.and_then(invite))
        })
    }

    /// The invitation the person sent that still waits for an answer at `now`.
    pub async fn open_invite_from(&self, user_id: UserId, now: DateTime<Utc>) -> StoreResult<Option<Invite>> {
        crate::on_pool!(self, |pool| {
            let row: Option<InviteRow> = q::query_as(&format!(
            "SELECT {INVITE_COLUMNS} FROM partner_invites WHERE user_id = ? AND status = 'pending' AND expires_at > ? \
             ORDER BY id DESC LIMIT 1"
        ))
        .bind(db_id(user_id))
        .bind(now)
        .fetch_optional(pool)
        .await?;
            Ok(row.and_then(invite))
        })
    }

    /// Whether `blocker` asked not to be invited by `blocked` again.
    pub async fn blocks(&self, blocker: UserId, blocked: UserId) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let found: Option<i64> = q::query_scalar(
                "SELECT CAST(1 AS BIGINT) FROM partner_blocks WHERE user_id = ? AND blocked_id = ?",
            )
            .bind(db_id(blocker))
            .bind(db_id(blocked))
            .fetch_optional(pool)
            .await?;
            Ok(found.is_some())
        })
    }

    /// Whether `invitee` declined an invitation from `inviter` sent at or after `since`.
    pub async fn declined_since(
        &self,
        inviter: UserId,
        invitee: UserId,
        since: DateTime<Utc>,
    ) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let found: Option<i64> = q::query_scalar(
                "SELECT CAST(1 AS BIGINT) FROM partner_invites \
                 WHERE user_id = ? AND invitee_id = ? AND status = 'declined' AND created_at >= ? LIMIT 1",
            )
            .bind(db_id(inviter))
            .bind(db_id(invitee))
            .bind(since)
            .fetch_optional(pool)
            .await?;
            Ok(found.is_some())
        })
    }

    pub async fn create_invite(
        &self,
        inviter: UserId,
        invitee: UserId,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<i64> {
        crate::on_pool!(self, |pool| {
            self.ensure_person(inviter, now).await?;
            let id: i64 = q::query_scalar(
            "INSERT INTO partner_invites (user_id, invitee_id, created_at, expires_at) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(db_id(inviter))
        .bind(db_id(invitee))
        .bind(now)
        .bind(expires_at)
        .fetch_one(pool)
        .await?;
            Ok(id)
        })
    }

    /// Moves a pending invitation to `status`; false when it was no longer pending.
    pub async fn close_invite(&self, id: i64, status: InviteStatus) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let done = q::query("UPDATE partner_invites SET status = ? WHERE id = ? AND status = 'pending'")
                .bind(status_text(status))
                .bind(id)
                .execute(pool)
                .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Accepts an open invitation and makes the two partners, in one transaction: never half a partnership, and
    /// never a second partner for either.
    pub async fn accept_invite(&self, id: i64, now: DateTime<Utc>) -> StoreResult<Accepted> {
        crate::on_pool!(self, |pool| {
            // It reads before it writes: taking the write lock first means a write committed by another connection
            // in between makes this one wait (busy timeout), not fail with a stale snapshot.
            let mut tx = pool.begin_with(super::backend::BEGIN_WRITE[self.backend() as usize]).await?;
            let row: Option<InviteRow> = q::query_as(&format!(
            "SELECT {INVITE_COLUMNS} FROM partner_invites WHERE id = ? AND status = 'pending' AND expires_at > ?"
        ))
        .bind(id)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
            let Some(found) = row.and_then(invite) else {
                return Ok(Accepted::NotOpen);
            };
            let taken: i64 = q::query_scalar("SELECT COUNT(*) FROM partners WHERE user_id IN (?, ?)")
                .bind(db_id(found.inviter))
                .bind(db_id(found.invitee))
                .fetch_one(&mut *tx)
                .await?;
            if taken > 0 {
                return Ok(Accepted::Taken);
            }
            for (me, them) in [(found.inviter, found.invitee), (found.invitee, found.inviter)] {
                q::query(
                "INSERT INTO people (user_id, first_seen_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING",
            )
            .bind(db_id(me))
            .bind(now)
            .execute(&mut *tx)
            .await?;
                q::query("INSERT INTO partners (user_id, partner_id, since) VALUES (?, ?, ?)")
                    .bind(db_id(me))
                    .bind(db_id(them))
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            // Any other invitation either of them has open ends here.
            q::query(
                "UPDATE partner_invites SET status = CASE WHEN id = ? THEN 'accepted' ELSE 'withdrawn' END \
             WHERE status = 'pending' AND (user_id IN (?, ?) OR invitee_id IN (?, ?))",
            )
            .bind(id)
            .bind(db_id(found.inviter))
            .bind(db_id(found.invitee))
            .bind(db_id(found.inviter))
            .bind(db_id(found.invitee))
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Accepted::Partnered)
        })
    }

    pub async fn block_inviter(
        &self,
        blocker: UserId,
        blocked: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            self.ensure_person(blocker, now).await?;
            q::query(
                "INSERT INTO partner_blocks (user_id, blocked_id, created_at) VALUES (?, ?, ?) \
             ON CONFLICT (user_id, blocked_id) DO NOTHING",
            )
            .bind(db_id(blocker))
            .bind(db_id(blocked))
            .bind(now)
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// Ends the person's partnership for both, at once, and withdraws the invitations sent to them; returns the
    /// partner there was, if any.
    pub async fn end_partnership(&self, user_id: UserId) -> StoreResult<Option<UserId>> {
        crate::on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let partner: Option<i64> =
                q::query_scalar("DELETE FROM partners WHERE user_id = ? RETURNING partner_id")
                    .bind(db_id(user_id))
                    .fetch_optional(&mut *tx)
                    .await?;
            q::query("DELETE FROM partners WHERE partner_id = ?")
                .bind(db_id(user_id))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(partner.map(|p| UserId(p as u64)))
        })
    }

    /// Before a person's data is deleted: invitations and reset requests sent to them go too (their own go with
    /// their rows), so no row names them afterwards.
    pub async fn forget_invites_to(&self, user_id: UserId) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            for sql in [
                "DELETE FROM partner_invites WHERE invitee_id = ?",
                "DELETE FROM partner_resets WHERE partner_id = ?",
            ] {
                q::query(sql).bind(db_id(user_id)).execute(pool).await?;
            }
            Ok(())
        })
    }

    /// Whether the person shows their streak; false when they have no partner.
    pub async fn set_share_streak(&self, user_id: UserId, on: bool) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let done = q::query("UPDATE partners SET share_streak = ? WHERE user_id = ?")
                .bind(on)
                .bind(db_id(user_id))
                .execute(pool)
                .await?;
            Ok(done.rows_affected() == 1)
        })
    }
}
